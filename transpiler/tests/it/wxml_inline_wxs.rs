//! Inline `<wxs>` follows WXS's ES5 subset like `.wxs` files: what WeChat's compiler rejects
//! is reported at its place in the `.wxml` file.

use miniport::source::line_col;
use miniport::source::FileSet;
use miniport::{convert, Options};

fn app(wxml: &str) -> FileSet {
    let mut files = FileSet::new();
    files.insert("app.json", r#"{"pages":["pages/a/a"]}"#);
    files.insert("app.js", "App({})");
    files.insert("pages/a/a.js", "Page({data:{}})");
    files.insert("pages/a/a.wxml", wxml);
    files
}

#[test]
fn es6_in_inline_wxs_is_reported_in_the_template() {
    let wxml = "<wxs module=\"m\">\nvar a = 1;\nlet b = () => a;\nmodule.exports = { a: a };\n</wxs>\n<view>{{m.a}}</view>\n";
    let conversion = convert(app(wxml), &Options::default()).expect("converts");
    let found: Vec<_> = conversion
        .diagnostics
        .iter()
        .filter(|d| d.code == "script::wxs-not-es5")
        .map(|d| {
            let span = d.span.clone().expect("span");
            (
                d.file.clone(),
                line_col(wxml, span.start).line,
                wxml[span].to_string(),
            )
        })
        .collect();
    assert!(
        found
            .iter()
            .all(|(file, line, _)| file.as_deref() == Some("pages/a/a.wxml") && *line == 3),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|(_, _, text)| text.starts_with("let")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|(_, _, text)| text.contains("=>")),
        "{found:#?}"
    );
    assert!(conversion.has_errors());
}

#[test]
fn es5_inline_wxs_is_clean() {
    let wxml = "<wxs module=\"m\">var a = 1; module.exports = { a: a };</wxs><view>{{m.a}}</view>";
    let conversion = convert(app(wxml), &Options::default()).expect("converts");
    let wxs: Vec<_> = conversion
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("script::wxs"))
        .collect();
    assert!(wxs.is_empty(), "{wxs:#?}");
}
