//! Unit tests of the in-memory "Build npm": which package.json files are built, where each
//! package lands, what is reported, and what reaching keeps.

use super::*;

fn set(files: &[(&str, &str)]) -> FileSet {
    let mut set = FileSet::new();
    for (path, text) in files {
        set.insert(path, *text);
    }
    set
}

fn built(given: &FileSet, root: &str) -> (FileSet, NpmReport, Vec<Diagnostic>) {
    let mut files = given.subset(root);
    let mut diagnostics = Vec::new();
    let report = build(given, root, &mut files, &mut diagnostics);
    (files, report, diagnostics)
}

fn paths(files: &FileSet) -> Vec<&str> {
    files.paths().collect()
}

#[test]
fn a_miniprogram_package_contributes_its_dist_folder_and_a_plain_one_its_modules() {
    let given = set(&[
        (
            "package.json",
            r#"{ "dependencies": { "ui": "1", "lib": "1" }, "devDependencies": { "dev": "1" } }"#,
        ),
        (
            "node_modules/ui/package.json",
            r#"{ "version": "1.2.0", "miniprogram": "dist" }"#,
        ),
        ("node_modules/ui/dist/btn/btn.wxml", "<button/>"),
        ("node_modules/ui/src/btn/btn.wxml", "<source/>"),
        ("node_modules/ui/README.md", "read me"),
        (
            "node_modules/lib/package.json",
            r#"{ "version": "3.0.0", "main": "lib/index.js" }"#,
        ),
        ("node_modules/lib/lib/index.js", "module.exports = 1;"),
        ("node_modules/lib/lib/data.json", "{}"),
        ("node_modules/lib/lib/index.d.ts", "export {};"),
        ("node_modules/lib/README.md", "read me"),
        ("node_modules/dev/package.json", r#"{ "version": "1.0.0" }"#),
        ("node_modules/dev/index.js", ""),
    ]);
    let (files, report, diagnostics) = built(&given, "");
    assert_eq!(diagnostics, vec![]);
    assert_eq!(
        paths(&files),
        vec![
            "miniprogram_npm/lib/lib/data.json",
            "miniprogram_npm/lib/lib/index.js",
            "miniprogram_npm/lib/package.json",
            "miniprogram_npm/ui/btn/btn.wxml",
            "package.json",
        ]
    );
    assert_eq!(report.builds.len(), 1);
    assert_eq!(report.builds[0].source, "node_modules");
    assert_eq!(
        report.builds[0].packages,
        BTreeMap::from([
            ("lib".into(), "3.0.0".into()),
            ("ui".into(), "1.2.0".into())
        ])
    );
}

#[test]
fn a_miniprogram_dist_folder_counts_without_the_miniprogram_field() {
    let given = set(&[
        (
            "package.json",
            r#"{ "dependencies": { "@scope/ui": "1" } }"#,
        ),
        (
            "node_modules/@scope/ui/package.json",
            r#"{ "version": "1.0.0" }"#,
        ),
        (
            "node_modules/@scope/ui/miniprogram_dist/cell/cell.js",
            "Component({})",
        ),
        ("node_modules/@scope/ui/index.js", "node entry"),
    ]);
    let (files, _, _) = built(&given, "");
    assert_eq!(
        paths(&files),
        vec!["miniprogram_npm/@scope/ui/cell/cell.js", "package.json"]
    );
}

#[test]
fn nested_versions_go_beside_the_package_that_needs_them() {
    let given = set(&[
        (
            "package.json",
            r#"{ "dependencies": { "a": "1", "b": "1" } }"#,
        ),
        (
            "node_modules/a/package.json",
            r#"{ "version": "1.0.0", "dependencies": { "b": "2", "c": "1" } }"#,
        ),
        ("node_modules/a/index.js", "require('b'); require('c');"),
        (
            "node_modules/a/node_modules/b/package.json",
            r#"{ "version": "2.0.0" }"#,
        ),
        (
            "node_modules/a/node_modules/b/index.js",
            "module.exports = 2;",
        ),
        ("node_modules/b/package.json", r#"{ "version": "1.0.0" }"#),
        ("node_modules/b/index.js", "module.exports = 1;"),
        ("node_modules/c/package.json", r#"{ "version": "1.0.0" }"#),
        ("node_modules/c/index.js", "module.exports = 'c';"),
    ]);
    let (files, report, _) = built(&given, "");
    assert_eq!(
        files.text("miniprogram_npm/b/index.js"),
        Some("module.exports = 1;")
    );
    assert_eq!(
        files.text("miniprogram_npm/a/miniprogram_npm/b/index.js"),
        Some("module.exports = 2;")
    );
    assert_eq!(
        files.text("miniprogram_npm/c/index.js"),
        Some("module.exports = 'c';")
    );
    assert_eq!(report.builds[0].packages.len(), 3);
}

#[test]
fn a_listed_package_that_is_not_installed_is_one_diagnostic_at_its_name() {
    let text = "{\n  \"dependencies\": {\n    \"tdesign-miniprogram\": \"1.16.0\"\n  }\n}\n";
    let given = set(&[("package.json", text)]);
    let (_, mut report, diagnostics) = built(&given, "");
    assert!(
        diagnostics.is_empty(),
        "reported once the app's use is known"
    );
    let unused = report.missing_diagnostics(&BTreeMap::new());
    assert_eq!(unused.len(), 1);
    assert_eq!(unused[0].code, codes::PROJECT_NPM_UNUSED_NOT_INSTALLED.name);
    report.reached_missing.insert(
        "tdesign-miniprogram".into(),
        "pages/index/index.json".into(),
    );
    let diagnostics = report.missing_diagnostics(&BTreeMap::new());
    assert_eq!(diagnostics.len(), 1);
    let d = &diagnostics[0];
    assert_eq!(d.code, codes::PROJECT_NPM_NOT_INSTALLED.name);
    assert_eq!(d.file.as_deref(), Some("package.json"));
    let span = d.span.clone().expect("located");
    assert_eq!(&text[span], "\"tdesign-miniprogram\"");
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("npm install")));
    assert_eq!(report.missing(), BTreeSet::from(["tdesign-miniprogram"]));
}

#[test]
fn a_committed_miniprogram_npm_wins_and_the_report_says_so() {
    let given = set(&[
        ("package.json", r#"{ "dependencies": { "ui": "1" } }"#),
        ("miniprogram_npm/ui/btn/btn.wxml", "<committed/>"),
        (
            "node_modules/ui/package.json",
            r#"{ "version": "1.0.0", "miniprogram": "dist" }"#,
        ),
        ("node_modules/ui/dist/btn/btn.wxml", "<installed/>"),
        ("node_modules/ui/dist/other/other.wxml", "<installed/>"),
    ]);
    let (files, report, diagnostics) = built(&given, "");
    assert_eq!(diagnostics, vec![]);
    assert_eq!(
        files.text("miniprogram_npm/ui/btn/btn.wxml"),
        Some("<committed/>")
    );
    assert!(!files.contains("miniprogram_npm/ui/other/other.wxml"));
    assert_eq!(report.builds[0].source, "miniprogram_npm");
}

#[test]
fn package_json_files_are_found_inside_the_miniprogram_root() {
    let given = set(&[
        ("project.config.json", r#"{ "miniprogramRoot": "mp/" }"#),
        ("package.json", r#"{ "dependencies": { "outer": "1" } }"#),
        (
            "node_modules/outer/package.json",
            r#"{ "version": "1.0.0" }"#,
        ),
        ("node_modules/outer/index.js", ""),
        ("mp/package.json", r#"{ "dependencies": { "inner": "1" } }"#),
        (
            "mp/node_modules/inner/package.json",
            r#"{ "version": "1.0.0" }"#,
        ),
        ("mp/node_modules/inner/index.js", "inner"),
    ]);
    let (files, report, _) = built(&given, "mp");
    assert_eq!(files.text("miniprogram_npm/inner/index.js"), Some("inner"));
    assert!(!files.paths().any(|p| p.contains("outer")));
    assert_eq!(report.builds.len(), 1);
    assert_eq!(report.builds[0].package_json, "mp/package.json");
}

#[test]
fn pack_npm_manually_builds_the_listed_package_json_into_its_dist_dir() {
    let given = set(&[
        (
            "project.config.json",
            r#"{ "miniprogramRoot": "miniprogram/", "setting": { "packNpmManually": true,
                "packNpmRelationList": [ { "packageJsonPath": "./package.json", "miniprogramNpmDistDir": "./miniprogram/" } ] } }"#,
        ),
        ("package.json", r#"{ "dependencies": { "dayjs": "1" } }"#),
        (
            "node_modules/dayjs/package.json",
            r#"{ "version": "1.11.23", "main": "dayjs.min.js" }"#,
        ),
        ("node_modules/dayjs/dayjs.min.js", "dayjs"),
        ("miniprogram/app.json", "{}"),
    ]);
    let (files, report, diagnostics) = built(&given, "miniprogram");
    assert_eq!(diagnostics, vec![]);
    assert_eq!(
        files.text("miniprogram_npm/dayjs/dayjs.min.js"),
        Some("dayjs")
    );
    assert_eq!(report.builds[0].package_json, "package.json");
    assert_eq!(report.builds[0].dir, "miniprogram_npm");
}

#[test]
fn a_relation_naming_a_missing_package_json_is_reported_at_its_path() {
    let config = r#"{ "setting": { "packNpmManually": true, "packNpmRelationList": [ { "packageJsonPath": "./nope/package.json", "miniprogramNpmDistDir": "./" } ] } }"#;
    let given = set(&[("project.config.json", config)]);
    let (_, _, diagnostics) = built(&given, "");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code, codes::PROJECT_NPM_NO_PACKAGE_JSON.name);
    let span = diagnostics[0].span.clone().expect("located");
    assert_eq!(&config[span], "\"./nope/package.json\"");
}

#[test]
fn use_extended_lib_prefers_the_given_folder_and_reports_a_missing_library_at_its_key() {
    let app = "{\n  \"pages\": [\"p/p\"],\n  \"useExtendedLib\": { \"weui\": true }\n}";
    let given = set(&[
        ("app.json", app),
        (
            ".miniport-extended-lib/weui-miniprogram/package.json",
            r#"{ "version": "1.5.6" }"#,
        ),
        (
            ".miniport-extended-lib/weui-miniprogram/miniprogram_dist/cell/cell.wxml",
            "<cell/>",
        ),
    ]);
    let (files, report, diagnostics) = built(&given, "");
    assert_eq!(diagnostics, vec![]);
    assert!(files.contains("miniprogram_npm/weui-miniprogram/cell/cell.wxml"));
    assert!(!files.paths().any(|p| p.starts_with(".miniport")));
    let lib = report.extended_lib.expect("reported");
    assert_eq!(
        (lib.weui, lib.version.as_deref()),
        ("--extended-lib", Some("1.5.6"))
    );

    let (_, report, diagnostics) = built(&set(&[("app.json", app)]), "");
    assert!(report.extended_lib.is_none());
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        diagnostics[0].code,
        codes::PROJECT_MISSING_EXTENDED_LIB.name
    );
    let span = diagnostics[0].span.clone().expect("located");
    assert_eq!(&app[span], "\"weui\"");
}

#[test]
fn reaching_keeps_the_views_a_used_component_imports_and_drops_the_rest() {
    let mut files = set(&[
        ("pages/a/a.wxml", "<t-btn/>"),
        (
            "miniprogram_npm/ui/btn/btn.wxml",
            "<import src=\"../common/t.wxml\"/><wxs src=\"../common/u.wxs\" module=\"u\"/>",
        ),
        (
            "miniprogram_npm/ui/btn/btn.wxss",
            "@import '../common/base.wxss'; .b { background: url(./icon.png) }",
        ),
        ("miniprogram_npm/ui/btn/btn.js", ""),
        ("miniprogram_npm/ui/btn/icon.png", ""),
        ("miniprogram_npm/ui/common/t.wxml", "<template name=\"t\"/>"),
        (
            "miniprogram_npm/ui/common/u.wxs",
            "var v = require('./v.wxs');",
        ),
        ("miniprogram_npm/ui/common/v.wxs", ""),
        ("miniprogram_npm/ui/common/base.wxss", ""),
        ("miniprogram_npm/ui/cal/cal.wxml", "<view/>"),
        ("miniprogram_npm/ui/cal/cal.wxss", ""),
        ("miniprogram_npm/ui/cal/cal.js", ""),
        ("miniprogram_npm/ui/cal/cal.png", ""),
    ]);
    prune(
        &mut files,
        [
            "miniprogram_npm/ui/btn/btn.wxml",
            "miniprogram_npm/ui/btn/btn.wxss",
        ],
    );
    assert_eq!(
        paths(&files),
        vec![
            "miniprogram_npm/ui/btn/btn.js",
            "miniprogram_npm/ui/btn/btn.wxml",
            "miniprogram_npm/ui/btn/btn.wxss",
            "miniprogram_npm/ui/btn/icon.png",
            "miniprogram_npm/ui/cal/cal.js",
            "miniprogram_npm/ui/common/base.wxss",
            "miniprogram_npm/ui/common/t.wxml",
            "miniprogram_npm/ui/common/u.wxs",
            "miniprogram_npm/ui/common/v.wxs",
            "pages/a/a.wxml",
        ]
    );
}
