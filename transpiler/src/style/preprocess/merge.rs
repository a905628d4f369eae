//! Less `@import`s merged in memory: the Less files a sheet imports are spliced into one
//! text (a Less import shares variables and mixins with its importer, so it is a textual
//! merge), with a table that maps every offset of the merged text back to its file.
//!
//! As in less.js: a path without extension gets `.less`; `.css` files (and the `(css)`
//! option) stay CSS `@import`s; any other file (`.less`, `.wxss`) is read as Less; a file is
//! merged once (`(multiple)` repeats it); `(optional)` skips a missing file; `(reference)`
//! keeps the file's definitions and drops its output; an import with a media query wraps
//! the file in `@media`. Beyond less.js, `.scss`/`.sass` files stay CSS `@import`s (the
//! WXSS pipeline compiles them with Sass). Paths with `@{variables}` and npm `~` paths are
//! reported, not guessed.

use std::collections::BTreeSet;
use std::ops::Range;

use super::{skip_comment_or_string, skip_string};
use crate::source::{codes, Diagnostic, FileSet};

/// The at-rule of the Less compiler (undercoat 0.12) that keeps definitions visible and
/// drops their output: what it makes of `@import (reference)` itself. Pinned by the test
/// `reference_import_keeps_mixins_and_drops_rules` in `less.rs`.
const REFERENCE_AT: &str = "-style-ref";

/// One run of the merged text copied from a file.
#[derive(Debug, Clone)]
struct Segment {
    /// Where the run starts in the merged text.
    at: usize,
    file: String,
    /// Where it starts in the file.
    from: usize,
}

/// A Less file with its imports merged in.
#[derive(Debug, Default)]
pub struct Merged {
    pub text: String,
    /// The CSS `@import`s met, in order, to put before the compiled CSS (CSS requires
    /// them first; less.js hoists them there too). They are not handed to the compiler.
    pub css_imports: Vec<String>,
    segments: Vec<Segment>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Merged {
    /// The file and the byte offset in it that the merged text's `offset` came from.
    pub fn origin(&self, offset: usize) -> Option<(&str, usize)> {
        let index = self.segments.partition_point(|s| s.at <= offset);
        let segment = self.segments.get(index.checked_sub(1)?)?;
        Some((&segment.file, segment.from + (offset - segment.at)))
    }

    fn copy(&mut self, file: &str, text: &str, range: Range<usize>) {
        self.segments.push(Segment {
            at: self.text.len(),
            file: file.to_string(),
            from: range.start,
        });
        self.text.push_str(&text[range]);
    }

    /// Text that miniport writes (wrappers, rewritten imports), attributed to `file`'s `at`.
    fn write(&mut self, file: &str, at: usize, generated: &str) {
        self.segments.push(Segment {
            at: self.text.len(),
            file: file.to_string(),
            from: at,
        });
        self.text.push_str(generated);
    }
}

/// The root stylesheet whose variables and mixins every other Less file sees.
const APP_LESS: &str = "app.less";

/// Merges the Less file `path` with the Less files it imports. As WeChat's developer tool does
/// (1.06.2403132 and later), every file but `app.less` first imports
/// `(optional, reference) '/app.less'`, so the app's variables and mixins are seen everywhere.
pub fn merge(files: &FileSet, path: &str) -> Merged {
    let mut merged = Merged::default();
    let mut state = State {
        files,
        seen: BTreeSet::from([path.to_string()]),
        stack: vec![path.to_string()],
        in_reference: 0,
    };
    if let Some(text) = files.text(path) {
        if path != APP_LESS && files.contains(APP_LESS) {
            let app = Import {
                span: 0..0,
                options: vec!["optional".into(), "reference".into()],
                href: format!("/{APP_LESS}"),
                media: String::new(),
            };
            state.import(path, &app, &mut merged);
        }
        state.splice(path, text, &mut merged);
    }
    merged
}

struct State<'f> {
    files: &'f FileSet,
    seen: BTreeSet<String>,
    stack: Vec<String>,
    /// How many `(reference)` imports the file being spliced is inside: their CSS imports
    /// are not output either.
    in_reference: usize,
}

/// One `@import` statement as written.
struct Import {
    /// From `@import` to the `;` included.
    span: Range<usize>,
    options: Vec<String>,
    href: String,
    media: String,
}

impl State<'_> {
    fn splice(&mut self, path: &str, text: &str, merged: &mut Merged) {
        let mut copied = 0;
        for import in find_imports(text) {
            merged.copy(path, text, copied..import.span.start);
            copied = import.span.end;
            self.import(path, &import, merged);
        }
        merged.copy(path, text, copied..text.len());
    }

    fn import(&mut self, from: &str, import: &Import, merged: &mut Merged) {
        let at = import.span.start;
        let option = |name: &str| import.options.iter().any(|o| o == name);
        let href = import.href.as_str();
        let report = |merged: &mut Merged, code, message: String, hint: &str| {
            merged.diagnostics.push(
                Diagnostic::of(code, message)
                    .in_file(from)
                    .with_span(import.span.clone())
                    .with_hint(hint.to_string()),
            );
        };
        if href.contains("://") || href.starts_with("//") {
            let media = import.media.trim();
            merged.css_imports.push(css_import(href, media));
            return;
        }
        if href.contains("@{") {
            report(
                merged,
                codes::WXSS_PREPROCESSOR_ERROR,
                format!("`@import \"{href}\"`: import paths with variables are not supported"),
                "write the path out; this import is left out",
            );
            return;
        }
        if href.starts_with('~') {
            report(
                merged,
                codes::WXSS_MISSING_IMPORT,
                format!("`@import \"{href}\"`: npm paths (`~package/…`) are not resolved in Less"),
                "import the file by its path inside the mini-program; this import is left out",
            );
            return;
        }
        let Some(resolved) = FileSet::resolve(from, href) else {
            report(
                merged,
                codes::WXSS_PATH_ESCAPES_ROOT,
                format!("`@import \"{href}\"` points outside the mini-program"),
                "copy the stylesheet into the project and import it from there",
            );
            return;
        };
        let ext = extension(&resolved);
        let as_css = option("css")
            || option("inline")
            || (!option("less") && matches!(ext.as_deref(), Some("css" | "scss" | "sass")));
        if as_css && self.in_reference > 0 {
            return;
        }
        if as_css {
            // As written in the compiled sheet's own file (without a leading `./`, as less.js
            // prints it); root-absolute from an imported file, so the WXSS pipeline finds it
            // from the compiled sheet.
            let media = import.media.trim();
            let target = if self.stack.len() == 1 {
                let mut own = href;
                while let Some(rest) = own.strip_prefix("./") {
                    own = rest;
                }
                own.to_string()
            } else {
                format!("/{resolved}")
            };
            merged.css_imports.push(css_import(&target, media));
            return;
        }
        let candidates = match ext {
            Some(_) => vec![resolved.clone()],
            None => vec![format!("{resolved}.less"), resolved.clone()],
        };
        let Some((target, target_text)) = candidates
            .into_iter()
            .find_map(|c| self.files.text(&c).map(|t| (c, t)))
        else {
            if !option("optional") {
                report(
                    merged,
                    codes::WXSS_MISSING_IMPORT,
                    format!("`@import \"{href}\"`: `{resolved}` is not in the project"),
                    "fix the path; a path without extension tries .less",
                );
            }
            return;
        };
        if self.stack.contains(&target) || (!option("multiple") && self.seen.contains(&target)) {
            return;
        }
        self.seen.insert(target.clone());
        let reference = option("reference");
        let media = import.media.trim();
        if reference {
            merged.write(from, at, &format!("\n@{REFERENCE_AT} {{\n"));
        }
        if !media.is_empty() {
            merged.write(from, at, &format!("\n@media {media} {{\n"));
        } else {
            merged.write(from, at, "\n");
        }
        self.stack.push(target.clone());
        self.in_reference += usize::from(reference);
        self.splice(&target, target_text, merged);
        self.in_reference -= usize::from(reference);
        self.stack.pop();
        let close = if media.is_empty() { "\n" } else { "\n}\n" };
        merged.write(from, import.span.end.saturating_sub(1), close);
        if reference {
            merged.write(from, import.span.end.saturating_sub(1), "\n}\n");
        }
    }
}

/// A CSS `@import` statement.
fn css_import(href: &str, media: &str) -> String {
    if media.is_empty() {
        format!("@import url(\"{href}\");")
    } else {
        format!("@import url(\"{href}\") {media};")
    }
}

/// The lower-cased extension of the last segment of `path`, if it has one.
fn extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .filter(|ext| !ext.is_empty())
}

/// Every `@import` statement of a Less text, outside comments and strings.
fn find_imports(text: &str) -> Vec<Import> {
    let bytes = text.as_bytes();
    let mut imports = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(next) = skip_comment_or_string(text, i) {
            i = next;
            continue;
        }
        match bytes[i] {
            b'@' if text[i..].starts_with("@import")
                && !bytes
                    .get(i + 7)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_') =>
            {
                match parse_import(text, i) {
                    Some(import) => {
                        i = import.span.end;
                        imports.push(import);
                    }
                    None => i += 7,
                }
            }
            _ => i += 1,
        }
    }
    imports
}

/// Parses `@import (options) "href" media;` starting at `start`.
fn parse_import(text: &str, start: usize) -> Option<Import> {
    let bytes = text.as_bytes();
    let mut i = start + "@import".len();
    let skip_ws = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    i = skip_ws(i);
    let mut options = Vec::new();
    if bytes.get(i) == Some(&b'(') {
        let end = i + text[i..].find(')')?;
        options = text[i + 1..end]
            .split(',')
            .map(|o| o.trim().to_ascii_lowercase())
            .filter(|o| !o.is_empty())
            .collect();
        i = skip_ws(end + 1);
    }
    let href;
    if matches!(bytes.get(i), Some(b'"' | b'\'')) {
        let end = skip_string(bytes, i);
        href = text.get(i + 1..end.checked_sub(1)?)?.to_string();
        i = end;
    } else if text[i..].get(..4)?.eq_ignore_ascii_case("url(") {
        let end = i + text[i..].find(')')?;
        href = text[i + 4..end]
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_string();
        i = end + 1;
    } else {
        return None;
    }
    let end = i + text[i..].find([';', '{', '}']).unwrap_or(text.len() - i);
    let media = text[i..end].trim().to_string();
    let span_end = if bytes.get(end) == Some(&b';') {
        end + 1
    } else {
        end
    };
    Some(Import {
        span: start..span_end,
        options,
        href,
        media,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::files;
    use super::*;

    #[test]
    fn imported_less_is_spliced_once_and_offsets_map_back() {
        let set = files(&[
            (
                "p/a.less",
                "@import \"v\";\n@import './v.less';\n.a{color:@c}",
            ),
            ("p/v.less", "@c: red;"),
        ]);
        let merged = merge(&set, "p/a.less");
        assert_eq!(
            merged.text.matches("@c: red;").count(),
            1,
            "{}",
            merged.text
        );
        let at = merged.text.find("@c: red").unwrap_or_default();
        assert_eq!(merged.origin(at), Some(("p/v.less", 0)));
        let at = merged.text.find(".a{").unwrap_or_default();
        assert_eq!(merged.origin(at), Some(("p/a.less", 33)));
        assert!(merged.diagnostics.is_empty());
    }

    #[test]
    fn css_and_sass_imports_stay_css_imports_with_root_paths() {
        let set = files(&[
            (
                "p/a.less",
                "@import './x.css';@import \"../s/y.scss\" screen;@import 'b';",
            ),
            ("p/b.less", "@import 'z.css';"),
        ]);
        let merged = merge(&set, "p/a.less");
        assert_eq!(merged.text, "\n\n");
        assert_eq!(
            merged.css_imports,
            [
                "@import url(\"x.css\");",
                "@import url(\"../s/y.scss\") screen;",
                "@import url(\"/p/z.css\");"
            ]
        );
    }

    #[test]
    fn missing_import_is_located_and_optional_is_silent() {
        let set = files(&[(
            "a.less",
            "// @import 'no';\n@import 'x';\n@import (optional) 'y';",
        )]);
        let merged = merge(&set, "a.less");
        assert_eq!(merged.diagnostics.len(), 1);
        assert_eq!(merged.diagnostics[0].code, codes::WXSS_MISSING_IMPORT.name);
        assert_eq!(merged.diagnostics[0].span, Some(17..29));
    }
}
