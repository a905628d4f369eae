//! The real npm component libraries (`@vant/weapp`, `tdesign-miniprogram` with its ES modules
//! and extension-less imports, `weui-miniprogram`) convert with every import resolved, both
//! as libraries and installed into an app's `miniprogram_npm`. Skipped when not installed,
//! except under CI.

use std::path::{Path, PathBuf};

use miniport::script::{compile, ScriptOptions};
use miniport::source::FileSet;
use miniport::Severity;

fn library(path: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../node_modules")
        .join(path);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{path} is missing: run `npm ci`"
    );
    eprintln!("skipped: {path} is not installed");
    None
}

/// An app with the library at `miniprogram_npm/<name>` and a page that requires it, plus a
/// module that requires every script of the library (only what the app reaches is compiled).
fn app_with(name: &str, dir: &Path, extra: &[(&str, &str)]) -> FileSet {
    let (lib, _) = FileSet::read_dir(dir).expect("read library");
    let mut files = FileSet::new();
    let every: String = lib
        .paths()
        .filter(|p| p.ends_with(".js") || (p.ends_with(".ts") && !p.ends_with(".d.ts")))
        .map(|p| format!("require('{name}/{p}');\n"))
        .collect();
    files.insert("utils/every-module.js", every);
    for (path, content) in lib.iter() {
        files.insert(
            &format!("miniprogram_npm/{name}/{path}"),
            content.bytes().to_vec(),
        );
    }
    files.insert("app.json", r#"{ "pages": ["pages/index/index"] }"#);
    files.insert("app.js", "App({});");
    files.insert("pages/index/index.json", "{}");
    files.insert("pages/index/index.wxml", "<view/>");
    for (path, text) in extra {
        files.insert(path, *text);
    }
    files
}

fn assert_all_resolved(files: FileSet, min_modules: usize) {
    let project = miniport::project::load(files).expect("loads");
    let scripts = compile(&project, &ScriptOptions::default());
    let problems: Vec<_> = scripts
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error || d.code == "script::missing-package")
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(
        scripts.modules.len() >= min_modules,
        "{}",
        scripts.modules.len()
    );
}

#[test]
fn vant_weapp_scripts_resolve_every_require() {
    let Some(dir) = library("@vant/weapp/lib") else {
        return;
    };
    let page = (
        "pages/index/index.js",
        "const Toast = require('@vant/weapp/toast/toast'); Page({});",
    );
    assert_all_resolved(app_with("@vant/weapp", &dir, &[page]), 90);
}

#[test]
fn tdesign_es_modules_with_extensionless_imports_resolve() {
    let Some(dir) = library("tdesign-miniprogram/miniprogram_dist") else {
        return;
    };
    // dayjs is a dependency that "build npm" would put beside it.
    let extra = [
        (
            "miniprogram_npm/dayjs/index.js",
            "module.exports = function dayjs() {};",
        ),
        (
            "miniprogram_npm/dayjs/plugin/localeData.js",
            "module.exports = function () {};",
        ),
        (
            "pages/index/index.js",
            "import Toast from 'tdesign-miniprogram/toast/index'; Page({ Toast });",
        ),
    ];
    assert_all_resolved(app_with("tdesign-miniprogram", &dir, &extra), 350);
}

#[test]
fn weui_miniprogram_scripts_resolve_every_require() {
    let Some(dir) = library("weui-miniprogram/miniprogram_dist") else {
        return;
    };
    assert_all_resolved(app_with("weui-miniprogram", &dir, &[]), 20);
}

#[test]
fn libraries_in_library_mode_convert_without_script_errors() {
    for path in [
        "@vant/weapp/lib",
        "tdesign-miniprogram/miniprogram_dist",
        "weui-miniprogram/miniprogram_dist",
    ] {
        let Some(dir) = library(path) else { return };
        let (files, _) = FileSet::read_dir(&dir).expect("read");
        let project = miniport::project::load(files).expect("loads");
        let scripts = compile(&project, &ScriptOptions::default());
        let errors: Vec<_> = scripts
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
    }
}
