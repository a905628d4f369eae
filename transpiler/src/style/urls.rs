//! `url()` references: local files are resolved against the file that contains them and
//! rewritten relative to the output file; remote, `data:`, fragment-only URLs are kept.

use std::collections::BTreeSet;

use lightningcss::values::url::Url;

use super::errors::{span_at, widen_to};
use crate::source::Diagnostic;
use crate::source::{codes, relative_url, FileSet};

/// Where the URLs of one source file are resolved from and written to.
pub struct UrlContext<'a> {
    pub files: &'a FileSet,
    /// Root-relative path of the file containing the `url()`s.
    pub file: &'a str,
    pub text: &'a str,
    /// Root-relative path of the CSS file being written.
    pub out_path: &'a str,
}

/// Whether `url` points outside the mini-program (or nowhere in particular): `data:`,
/// any `scheme:`, protocol-relative `//host`, a fragment `#id`, or empty.
pub fn is_external(url: &str) -> bool {
    let url = url.trim();
    if url.is_empty() || url.starts_with('#') || url.starts_with("//") {
        return true;
    }
    // A scheme is letters, digits, `+`, `-`, `.` before the first `:`, starting with a letter.
    match url.find(':') {
        Some(colon) => {
            let scheme = &url[..colon];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Splits `a.svg?v=1#icon` into the path and the query/fragment suffix.
pub fn split_suffix(url: &str) -> (&str, &str) {
    match url.find(['?', '#']) {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    }
}

/// Resolves and rewrites one `url()`, recording the asset or a diagnostic.
pub fn rewrite(
    url: &mut Url,
    cx: &UrlContext,
    assets: &mut BTreeSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if is_external(&url.url) {
        return;
    }
    let written = url.url.trim().to_string();
    let (path, suffix) = split_suffix(&written);
    let span = || widen_to(cx.text, span_at(cx.text, url.loc.line, url.loc.column), ')');
    match FileSet::resolve(cx.file, path) {
        None => diagnostics.push(
            Diagnostic::of(
                codes::WXSS_PATH_ESCAPES_ROOT,
                format!("`{written}` points outside the mini-program"),
            )
            .in_file(cx.file)
            .with_span(span())
            .with_label("leaves the project root")
            .with_hint("copy the file into the project and refer to it from there"),
        ),
        Some(target) if cx.files.contains(&target) => {
            url.url = format!("{}{suffix}", relative_url(cx.out_path, &target)).into();
            assets.insert(target);
        }
        Some(target) => diagnostics.push(
            Diagnostic::of(
                codes::WXSS_MISSING_ASSET,
                format!("`{written}` refers to `{target}`, which is not in the project"),
            )
            .in_file(cx.file)
            .with_span(span())
            .with_label("file not found")
            .with_hint("add the file, fix the path, or use an absolute https:// URL"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_urls_are_recognised() {
        for url in [
            "data:image/png;base64,AAA",
            "https://a.com/x.png",
            "http://a.com/x.png",
            "//cdn.com/x.png",
            "#grad",
            "",
        ] {
            assert!(is_external(url), "{url}");
        }
        for url in ["a.png", "./a.png", "/images/a.png", "../a:b.png"] {
            assert!(!is_external(url), "{url}");
        }
    }

    #[test]
    fn suffix_is_split_off() {
        assert_eq!(split_suffix("f.eot?#iefix"), ("f.eot", "?#iefix"));
        assert_eq!(split_suffix("f.svg#icon"), ("f.svg", "#icon"));
        assert_eq!(split_suffix("f.png"), ("f.png", ""));
    }
}

#[cfg(test)]
mod rewrite_tests {
    use crate::source::codes;
    use crate::style::testing::compile_files;
    use crate::style::SheetKind;

    #[test]
    fn url_in_an_imported_file_is_relative_to_that_file() {
        let sheet = compile_files(
            &[
                ("pages/p/p.wxss", "@import \"/styles/s.wxss\";"),
                ("styles/s.wxss", ".a{background:url(img/a.png)}"),
                ("styles/img/a.png", "PNG"),
            ],
            SheetKind::App,
        );
        // The test helper writes to `out.css`, at the root.
        assert_eq!(sheet.css, ".a{background:url(./styles/img/a.png)}");
        assert_eq!(sheet.assets, ["styles/img/a.png"]);
    }

    #[test]
    fn data_remote_and_fragment_urls_are_untouched() {
        let sheet = compile_files(
            &[(
                "a.wxss",
                ".a{background:url(data:image/png;base64,AA),url(https://x.com/a.png);mask:url(#m)}",
            )],
            SheetKind::App,
        );
        assert!(sheet.assets.is_empty());
        assert!(sheet.diagnostics.is_empty(), "{:?}", sheet.diagnostics);
        assert!(sheet.css.contains("https://x.com/a.png"), "{}", sheet.css);
    }

    #[test]
    fn missing_asset_is_a_warning_and_escape_an_error() {
        let sheet = compile_files(
            &[(
                "a/a.wxss",
                ".a{background:url(x.png)}.b{background:url(../../x.png)}",
            )],
            SheetKind::App,
        );
        let found: Vec<_> = sheet
            .diagnostics
            .iter()
            .map(|d| (d.code, d.severity))
            .collect();
        assert_eq!(
            found,
            [
                (codes::WXSS_MISSING_ASSET.name, crate::Severity::Warning),
                (codes::WXSS_PATH_ESCAPES_ROOT.name, crate::Severity::Error),
            ]
        );
        assert_eq!(sheet.diagnostics[0].span, Some(14..24));
    }
}
