//! Real component libraries from the npm registry (installed by `npm ci` into
//! `node_modules/`) convert in library mode with no error. Skipped when they are not
//! installed, except under CI, where their absence fails the test.

use crate::common;

use std::path::PathBuf;

use miniport::project::Mode;
use miniport::source::FileSet;
use miniport::{convert, Options};

fn library(path: &str) -> Option<PathBuf> {
    let dir = common::workspace().join("node_modules").join(path);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{path} is missing: run `npm ci` at the workspace root"
    );
    eprintln!("skipped: {path} is not installed (run `npm ci`)");
    None
}

fn convert_library(path: &str, min_components: usize) -> Option<miniport::Conversion> {
    let dir = library(path)?;
    let (files, read) = FileSet::read_dir(&dir).expect("read library");
    assert!(read.is_empty(), "{read:#?}");
    let project = miniport::project::load(files.clone()).expect("loads");
    assert_eq!(project.mode, Mode::Library);
    let conversion = convert(files, &Options::default()).expect("converts");
    let errors: Vec<_> = conversion
        .diagnostics
        .iter()
        .filter(|d| d.severity == miniport::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{path}: {errors:#?}");
    assert!(
        conversion.summary.components >= min_components,
        "{path}: only {} components",
        conversion.summary.components
    );
    for component in project.components.values() {
        if let Some(wxss) = &component.files.wxss {
            let css = miniport::style::css_path(wxss);
            assert!(conversion.output.get(&css).is_some(), "{css} not emitted");
        }
    }
    Some(conversion)
}

#[test]
fn vant_weapp_lib_converts_without_errors() {
    let Some(conversion) = convert_library("@vant/weapp/lib", 60) else {
        return;
    };
    let css = conversion
        .output
        .text("button/index.css")
        .expect("button css");
    assert!(
        css.contains(".button_index--van-button"),
        "classes are scoped"
    );
    assert!(!css.contains("@import"), "common styles are inlined");
}

#[test]
fn weui_miniprogram_converts_without_errors() {
    convert_library("weui-miniprogram/miniprogram_dist", 15);
}

#[test]
fn tdesign_miniprogram_converts_and_resolves_its_own_package_name() {
    let Some(_) = convert_library("tdesign-miniprogram/miniprogram_dist", 90) else {
        return;
    };
    let dir = library("tdesign-miniprogram/miniprogram_dist").expect("installed");
    let (files, _) = FileSet::read_dir(&dir).expect("read");
    let project = miniport::project::load(files).expect("loads");
    let form_item = &project.components["form-item/form-item"];
    assert_eq!(
        form_item.components.get("t-icon").map(String::as_str),
        Some("icon/icon")
    );
}

#[test]
fn wux_weapp_converts_without_errors() {
    convert_library("wux-weapp/packages/lib", 70);
}

/// `packages/core` holds wux-weapp's sources, styled in Less; converted without the `less`
/// compiler plugin (a library has no `project.config.json`), each of its sheets asks for it.
#[test]
fn wux_weapp_less_sources_without_the_plugin_ask_for_it_and_nothing_else_fails() {
    let Some(dir) = library("wux-weapp/packages") else {
        return;
    };
    let (files, _) = FileSet::read_dir(&dir).expect("read library");
    let less_sheets = files
        .paths()
        .filter(|p| p.starts_with("core/") && p.ends_with("/index.less"))
        .count();
    let conversion = convert(files, &Options::default()).expect("converts");
    let errors: Vec<_> = conversion
        .diagnostics
        .iter()
        .filter(|d| d.severity == miniport::Severity::Error)
        .collect();
    assert!(less_sheets > 50, "{less_sheets}");
    assert!(
        errors.iter().all(|d| {
            d.code == miniport::source::codes::WXSS_COMPILER_PLUGIN_OFF.name
                && d.file.as_deref().is_some_and(|f| f.starts_with("core/"))
        }),
        "{errors:#?}"
    );
    // One per component of core/ (a few of its .less files are not a component's sheet).
    assert!(errors.len() > 100, "{}", errors.len());
}
