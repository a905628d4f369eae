//! Less and Sass through `useCompilerPlugins`, end to end through the library API: the fixture
//! app converts cleanly with its Less and Sass compiled and scoped like WXSS, a sheet whose
//! plugin is off is a diagnostic (never a copied file), and compile errors are located in the
//! Less or Sass file.

use crate::common;

use miniport::source::{codes, line_col, FileSet};
use miniport::{convert, Conversion, Options, Severity};

fn convert_files(files: &[(&str, &str)]) -> Conversion {
    let mut set = FileSet::new();
    for (path, text) in files {
        set.insert(path, text.as_bytes().to_vec());
    }
    convert(set, &Options::default()).expect("converts")
}

const APP: (&str, &str) = ("app.json", r#"{ "pages": ["pages/a/index"] }"#);
const PAGE: [(&str, &str); 2] = [
    ("pages/a/index.wxml", "<view class=\"a\">a</view>"),
    ("pages/a/index.js", "Page({});"),
];
const WITH_LESS: (&str, &str) = (
    "project.config.json",
    r#"{ "setting": { "useCompilerPlugins": ["typescript", "less"] } }"#,
);

#[test]
fn fixture_app_converts_with_no_diagnostics_and_its_less_and_sass_compiled() {
    let (files, read) = FileSet::read_dir(&common::fixture("less-sass-app")).expect("read");
    assert!(read.is_empty(), "{read:?}");
    let conversion = convert(files, &Options::default()).expect("converts");
    assert!(
        conversion.diagnostics.is_empty(),
        "{:#?}",
        conversion.diagnostics
    );
    let out = &conversion.output;
    let less = out
        .text("pages/less/index.css")
        .expect("the Less page's CSS");
    // Less evaluated, the imported .wxss and the imported Sass partial inlined, rpx and page
    // scoping applied as for any WXSS.
    assert!(less.contains("color: #c81e1e"), "{less}");
    assert!(less.contains("font-weight: 700"), "{less}");
    assert!(less.contains("var(--miniport-rpx)"), "{less}");
    assert!(less.contains(".from-sass"), "{less}");
    assert!(
        less.contains("wx-page[route=\"pages/less/index\"]"),
        "{less}"
    );
    assert!(!less.contains('@'), "no Less left: {less}");
    let sass = out
        .text("pages/sass/index.css")
        .expect("the Sass page's CSS");
    assert!(sass.contains(".from-less"), "{sass}");
    assert!(sass.contains("height: 60px"), "{sass}");
    assert!(!sass.contains('$'), "{sass}");
    let tag = out
        .text("components/tag/tag.css")
        .expect("the component's CSS");
    assert!(tag.contains("--tag--primary"), "scoped like WXSS: {tag}");
    assert!(out
        .text("app.css")
        .is_some_and(|css| css.contains("#f5f5f5")));
    for source in ["pages/less/index.less", "pages/sass/index.scss", "app.less"] {
        assert!(out.get(source).is_none(), "{source} must not be copied");
    }
}

#[test]
fn less_page_without_the_plugin_is_one_diagnostic_and_not_copied() {
    let conversion = convert_files(&[
        APP,
        PAGE[0],
        PAGE[1],
        ("pages/a/index.less", "@c: red;\n.a { color: @c; }"),
    ]);
    let found: Vec<_> = conversion
        .diagnostics
        .iter()
        .map(|d| (d.code, d.file.as_deref()))
        .collect();
    assert_eq!(
        found,
        [(
            codes::WXSS_COMPILER_PLUGIN_OFF.name,
            Some("pages/a/index.less")
        )]
    );
    let hint = conversion.diagnostics[0]
        .hint
        .as_deref()
        .unwrap_or_default();
    assert!(
        hint.contains("\"useCompilerPlugins\": [\"less\"]"),
        "{hint}"
    );
    assert!(conversion.output.get("pages/a/index.less").is_none());
    let css = conversion.output.text("pages/a/index.css").unwrap_or("x");
    assert_eq!(css.trim(), "", "no CSS for the sheet");
}

#[test]
fn scss_imported_from_wxss_without_the_sass_plugin_is_a_diagnostic() {
    let conversion = convert_files(&[
        APP,
        WITH_LESS,
        PAGE[0],
        PAGE[1],
        (
            "pages/a/index.wxss",
            "@import \"theme.scss\";\n.a { color: red; }",
        ),
        ("pages/a/theme.scss", "$c: red; .b { color: $c; }"),
    ]);
    let d = &conversion.diagnostics;
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].code, codes::WXSS_COMPILER_PLUGIN_OFF.name);
    assert_eq!(d[0].file.as_deref(), Some("pages/a/theme.scss"));
    assert!(
        d[0].message.contains("`sass` compiler plugin"),
        "{}",
        d[0].message
    );
}

#[test]
fn less_syntax_error_is_located_in_the_less_file() {
    let text = ".a {\n  color: red;\n  .b {\n    width: 1px\n  }\n  }}\n";
    let conversion = convert_files(&[
        APP,
        WITH_LESS,
        PAGE[0],
        PAGE[1],
        ("pages/a/index.less", text),
    ]);
    let errors: Vec<_> = conversion
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{:#?}", conversion.diagnostics);
    let d = errors[0];
    assert_eq!(d.code, codes::WXSS_PREPROCESSOR_ERROR.name);
    assert_eq!(d.file.as_deref(), Some("pages/a/index.less"));
    let span = d.span.clone().expect("a located error");
    let at = line_col(text, span.start);
    assert_eq!((at.line, at.column), (6, 4), "{d:#?}");
}

#[test]
fn less_error_in_an_undefined_variable_points_at_the_variable() {
    let text = ".a {\n  color: @missing;\n}\n";
    let conversion = convert_files(&[
        APP,
        WITH_LESS,
        PAGE[0],
        PAGE[1],
        ("pages/a/index.less", text),
    ]);
    let d = &conversion.diagnostics;
    assert_eq!(d.len(), 1, "{d:#?}");
    let span = d[0].span.clone().expect("a located error");
    assert_eq!(&text[span.start..span.start + 8], "@missing");
    assert!(d[0].message.contains("@missing"), "{}", d[0].message);
}
