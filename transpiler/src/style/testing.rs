//! Helpers for the unit tests of this module: compile one in-memory sheet.

use super::{compile, CompiledSheet, Isolation, Plugins, SheetKind, SheetOptions};
use crate::source::FileSet;

/// Compiles `files` (path, text) with `files[0]` as the sheet, minified, out at `out.css`,
/// with the Less and Sass plugins on.
pub fn compile_files(files: &[(&str, &str)], kind: SheetKind) -> CompiledSheet {
    let mut set = FileSet::new();
    for (path, text) in files {
        set.insert(path, *text);
    }
    compile(
        &set,
        files[0].0,
        "out.css",
        &SheetOptions {
            kind,
            minify: true,
            plugins: Plugins {
                less: true,
                sass: true,
            },
        },
    )
}

fn css_only(css: &str, kind: SheetKind) -> String {
    let sheet = compile_files(&[("s.wxss", css)], kind);
    assert!(sheet.diagnostics.is_empty(), "{:?}", sheet.diagnostics);
    sheet.css
}

pub fn compile_app(css: &str) -> String {
    css_only(css, SheetKind::App)
}

pub fn compile_page(css: &str, route: &str) -> String {
    css_only(css, SheetKind::Page { route })
}

pub fn compile_component(css: &str, path: &str, isolation: Isolation) -> String {
    css_only(css, SheetKind::Component { path, isolation })
}
