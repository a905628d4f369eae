//! Snapshot tests of the script phase over the mini-programs in `fixtures/script/`: each
//! emitted chunk, and the diagnostics, so a change in resolution, interop or wrapping shows.

use crate::common;

use std::fmt::Write;
use std::path::Path;

use miniport::script::{compile, ScriptOptions, Scripts};
use miniport::source::FileSet;

fn load(case: &str) -> miniport::project::Project {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/script")
        .join(case);
    let (files, diagnostics) = FileSet::read_dir(&root).expect("fixture folder is readable");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    miniport::project::load(files).expect("fixture loads")
}

/// Every chunk of `scripts`, then its diagnostics as `severity code file:line:col: message`.
fn render(project: &miniport::project::Project, scripts: &Scripts) -> String {
    let mut text = String::new();
    for chunk in &scripts.chunks {
        let _ = writeln!(text, "=== {} ===\n{}", chunk.path, chunk.code);
    }
    text.push_str("=== diagnostics ===\n");
    common::write_diagnostics(&mut text, &scripts.diagnostics, &project.files);
    text
}

/// The scripts of `case`, with the diagnostics of its `.wxs` files (the `wxs` unit's) joined
/// to theirs, as `convert` reports them together.
fn scripts_of(case: &str, minify: bool) -> (miniport::project::Project, miniport::script::Scripts) {
    let project = load(case);
    let mut scripts = compile(&project, &ScriptOptions { minify });
    scripts
        .diagnostics
        .extend(miniport::wxs::compile_files(&project.files, project.max_file_size()).diagnostics);
    miniport::source::normalize(&mut scripts.diagnostics);
    (project, scripts)
}

fn snapshot_of(case: &str, minify: bool) -> String {
    let (project, scripts) = scripts_of(case, minify);
    render(&project, &scripts)
}

#[test]
fn every_resolution_rule_and_interop_case_becomes_registry_modules() {
    snapshot!("script_modules", snapshot_of("modules", false));
}

#[test]
fn minified_modules_keep_their_paths_and_dependency_maps() {
    snapshot!("script_modules_minified", snapshot_of("modules", true));
}

#[test]
fn subpackages_get_their_own_chunk_and_cross_package_requires_are_refused() {
    snapshot!("script_subpackages", snapshot_of("subpackages", false));
}

#[test]
fn a_syntax_error_becomes_a_module_that_throws_it() {
    snapshot!("script_syntax_error", snapshot_of("syntax-error", false));
}

#[test]
fn typescript_pages_lose_their_types_and_type_only_imports() {
    snapshot!("script_typescript", snapshot_of("typescript", false));
}

#[test]
fn unresolvable_dynamic_escaping_and_plugin_requests_are_diagnosed() {
    snapshot!("script_api_usage", snapshot_of("api-usage", false));
}

#[test]
fn wxs_files_later_than_es5_or_requiring_other_than_wxs_are_errors() {
    let (_, scripts) = scripts_of("wxs-es5", false);
    let count = |file: &str, code: &str| {
        scripts
            .diagnostics
            .iter()
            .filter(|d| d.file.as_deref() == Some(file) && d.code == code)
            .count()
    };
    for clean in ["utils/tools.wxs", "utils/format.wxs"] {
        assert!(
            scripts
                .diagnostics
                .iter()
                .all(|d| d.file.as_deref() != Some(clean)),
            "{clean}: {:?}",
            scripts.diagnostics
        );
    }
    assert_eq!(count("utils/modern.wxs", "script::wxs-not-es5"), 25);
    assert_eq!(count("utils/requires.wxs", "script::wxs-require"), 2);
    assert_eq!(count("utils/requires.wxs", "script::unresolved-require"), 1);
    assert_eq!(count("utils/requires.wxs", "script::path-escapes-root"), 1);
    assert_eq!(count("utils/helper.js", "script::require-wxs"), 1);
    // WXS runs in the view layer only: no WXS file is a module of the script chunks.
    for chunk in &scripts.chunks {
        assert!(
            chunk.modules.iter().all(|m| !m.ends_with(".wxs")),
            "{:?}",
            chunk.modules
        );
    }
    snapshot!("script_wxs_es5", snapshot_of("wxs-es5", false));
}
