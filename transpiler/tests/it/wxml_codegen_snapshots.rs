//! Snapshot tests of the render code generated for the mini-programs in `fixtures/wxml/`:
//! every emitted template and WXS module of a fixture, then its template diagnostics.

use crate::common;

use std::fmt::Write;
use std::path::Path;

use miniport::project;
use miniport::source::FileSet;
use miniport::{template, wxs};

/// Every module and diagnostic of the fixture `case`, as one text.
fn render(case: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/wxml")
        .join(case);
    let (files, read) = FileSet::read_dir(&root).expect("fixture folder is readable");
    assert!(read.is_empty(), "{read:?}");
    let project = project::load(files).expect("fixture loads");
    let templates = template::compile(&project);
    let wxs = wxs::compile_files(&project.files, project.max_file_size());
    let mut modules: Vec<_> = templates.modules.iter().chain(&wxs.modules).collect();
    modules.sort();
    let mut text = String::new();
    for (path, code) in modules {
        let _ = write!(text, "//// {path}\n{code}\n");
    }
    text.push_str("//// diagnostics\n");
    common::write_diagnostics(&mut text, templates.diagnostics.iter(), &project.files);
    text
}

#[test]
fn conditionals_loops_and_value_rendering() {
    snapshot!("wxml_codegen_directives", render("directives"));
}

#[test]
fn classes_styles_dataset_events_model_mark_generic_slot() {
    snapshot!("wxml_codegen_attributes", render("attributes"));
}

#[test]
fn templates_imports_includes_and_wxs_modules() {
    snapshot!("wxml_codegen_templates", render("templates"));
}

#[test]
fn components_with_slots() {
    snapshot!("wxml_codegen_components", render("components"));
}

#[test]
fn missing_files_stray_else_unknown_templates_and_tags_are_reported() {
    snapshot!("wxml_codegen_diagnostics", render("diagnostics"));
}
