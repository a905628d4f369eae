//! Snapshot tests of the WXSS compiler over the mini-program trees in `fixtures/wxss/`.
//!
//! Each snapshot holds the compiled CSS, the assets it refers to, and the diagnostics
//! (severity, code, file:line:col, message), so a change in any of them shows up together.

use crate::common;

use std::fmt::Write;
use std::path::Path;

use miniport::source::FileSet;
use miniport::style::{compile, Isolation, SheetKind, SheetOptions};

fn load(case: &str) -> FileSet {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/wxss")
        .join(case);
    let (files, diagnostics) = FileSet::read_dir(&root).expect("fixture folder is readable");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    files
}

/// Compiles `sheet` of fixture `case` and renders CSS, assets and diagnostics as one text.
fn render(case: &str, sheet: &str, out: &str, kind: SheetKind, minify: bool) -> String {
    let files = load(case);
    let compiled = compile(
        &files,
        sheet,
        out,
        &SheetOptions {
            kind,
            minify,
            plugins: Default::default(),
        },
    );
    let mut text = format!("/* {sheet} → {out} */\n{}", compiled.css);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("\n/* assets */\n");
    for asset in &compiled.assets {
        let _ = writeln!(text, "{asset}");
    }
    text.push_str("\n/* diagnostics */\n");
    common::write_diagnostics(&mut text, &compiled.diagnostics, &files);
    text
}

#[test]
fn wxss_rpx_everywhere() {
    snapshot!(
        "wxss_rpx",
        render("rpx", "app.wxss", "app.css", SheetKind::App, false)
    );
}

#[test]
fn wxss_builtin_tags_become_wx_elements() {
    snapshot!(
        "wxss_tags",
        render("tags", "app.wxss", "app.css", SheetKind::App, false)
    );
}

#[test]
fn wxss_page_sheet_is_confined_to_its_route() {
    snapshot!(
        "wxss_page_scope",
        render(
            "page-scope",
            "pages/index/index.wxss",
            "pages/index/index.css",
            SheetKind::Page {
                route: "pages/index/index"
            },
            false
        )
    );
}

fn component(isolation: Isolation) -> String {
    render(
        "component-scope",
        "components/card/card.wxss",
        "components/card/card.css",
        SheetKind::Component {
            path: "components/card/card",
            isolation,
        },
        false,
    )
}

#[test]
fn wxss_component_isolated() {
    snapshot!("wxss_component_isolated", component(Isolation::Isolated));
}

#[test]
fn wxss_component_apply_shared() {
    snapshot!(
        "wxss_component_apply_shared",
        component(Isolation::ApplyShared)
    );
}

#[test]
fn wxss_component_shared() {
    snapshot!("wxss_component_shared", component(Isolation::Shared));
}

#[test]
fn wxss_imports_are_inlined() {
    snapshot!(
        "wxss_imports",
        render("imports", "app.wxss", "app.css", SheetKind::App, false)
    );
}

#[test]
fn wxss_imported_rules_get_the_importing_page_scope() {
    snapshot!(
        "wxss_imports_page",
        render(
            "imports",
            "pages/home/home.wxss",
            "pages/home/home.css",
            SheetKind::Page {
                route: "pages/home/home"
            },
            false
        )
    );
}

#[test]
fn wxss_urls_are_resolved_and_rewritten() {
    snapshot!(
        "wxss_urls",
        render(
            "urls",
            "pages/a/a.wxss",
            "pages/a/a.css",
            SheetKind::Page { route: "pages/a/a" },
            false
        )
    );
}

#[test]
fn wxss_urls_follow_the_output_path() {
    snapshot!(
        "wxss_urls_other_out",
        render(
            "urls",
            "common/icons.wxss",
            "dist/styles/icons.css",
            SheetKind::App,
            false
        )
    );
}

#[test]
fn wxss_survivors() {
    snapshot!(
        "wxss_survivors",
        render("survivors", "app.wxss", "app.css", SheetKind::App, false)
    );
}

#[test]
fn wxss_survivors_minified() {
    snapshot!(
        "wxss_survivors_minified",
        render("survivors", "app.wxss", "app.css", SheetKind::App, true)
    );
}

#[test]
fn wxss_invalid_css_is_recovered() {
    snapshot!(
        "wxss_invalid",
        render("invalid", "app.wxss", "app.css", SheetKind::App, false)
    );
}

#[test]
fn wxss_unclosed_bracket_swallows_the_rest_like_browsers_do() {
    snapshot!(
        "wxss_invalid_unclosed_bracket",
        render(
            "invalid",
            "unclosed-bracket.wxss",
            "unclosed-bracket.css",
            SheetKind::App,
            false
        )
    );
}

#[test]
fn wxss_output_is_deterministic() {
    let first = render("imports", "app.wxss", "app.css", SheetKind::App, true);
    for _ in 0..3 {
        assert_eq!(
            render("imports", "app.wxss", "app.css", SheetKind::App, true),
            first
        );
    }
}
