//! Converting `fixtures/style-sets` (a `"style": "v2"` app with one `"style": "default"` page):
//! what the shell and the runtime config say about the style sets of the built-ins.

use crate::common;

use miniport::source::FileSet;
use miniport::{convert, Options, Output};
use serde_json::Value;

fn style_sets() -> Output {
    let (files, diags) = FileSet::read_dir(&common::fixture("style-sets")).expect("read fixture");
    assert!(diags.is_empty(), "{diags:?}");
    let conversion = convert(files, &Options::default()).expect("converts");
    assert!(
        conversion.diagnostics.is_empty(),
        "{:#?}",
        conversion.diagnostics
    );
    conversion.output
}

#[test]
fn the_shell_carries_the_app_style_and_links_the_stylesheet_of_every_set_a_page_uses() {
    let out = style_sets();
    let html = out.text("index.html").expect("index.html");
    assert!(
        html.contains("data-miniport-style=\"v2\""),
        "the app's set is on <html>: {html}"
    );
    let links: Vec<&str> = html
        .lines()
        .filter_map(|l| l.split("href=\"").nth(1)?.split('"').next())
        .filter(|href| href.starts_with("miniport/components/"))
        .collect();
    assert_eq!(
        links,
        [
            "miniport/components/builtins.css",
            "miniport/components/more.css",
            "miniport/components/style-v2.css",
            "miniport/components/style-default.css",
        ]
    );
    for sheet in &links[1..] {
        assert!(out.get(sheet).is_some(), "{sheet} is emitted");
    }
}

#[test]
fn the_runtime_config_gives_each_page_its_own_style_set() {
    let out = style_sets();
    let script = out.text("app-config.js").expect("app-config.js");
    let json = script
        .trim()
        .trim_start_matches("globalThis.__miniportConfig = ")
        .trim_end_matches(';');
    let config: Value = serde_json::from_str(json).expect("config is JSON");
    assert_eq!(config["style"], "v2");
    assert_eq!(config["pages"]["pages/v2/v2"]["style"], "v2");
    assert_eq!(config["pages"]["pages/old/old"]["style"], "default");
}
