//! The in-memory "Build npm" on real folders: what is read from `node_modules` (the listed
//! dependencies and theirs, nothing else, no link out of the project), what a conversion makes
//! of it, and that a dependency that is not installed is one diagnostic, not a cascade.

use std::fs;
use std::path::Path;

use miniport::source::FileSet;
use miniport::{convert, convert_dir, Options};

fn write(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
}

const APP: &[(&str, &str)] = &[
    ("app.json", r#"{ "pages": ["pages/index/index"] }"#),
    ("app.js", "App({});"),
    (
        "pages/index/index.json",
        r#"{ "usingComponents": { "ui-btn": "@scope/ui/btn/btn" } }"#,
    ),
    ("pages/index/index.wxml", "<ui-btn/>"),
    (
        "pages/index/index.js",
        "const a = require('a'); const codes = require('a/codes'); Page({ data: { v: a + codes.ok } });",
    ),
];

#[test]
fn only_listed_dependencies_and_theirs_are_read_and_a_link_out_of_the_project_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("app");
    write(&root, APP);
    write(
        &root,
        &[
            (
                "package.json",
                r#"{ "dependencies": { "a": "1", "@scope/ui": "1", "linked": "1" }, "devDependencies": { "dev": "1" } }"#,
            ),
            (
                "node_modules/a/package.json",
                r#"{ "version": "1.0.0", "main": "index.js", "dependencies": { "b": "2" } }"#,
            ),
            ("node_modules/a/index.js", "module.exports = require('b');"),
            ("node_modules/a/codes.json", r#"{ "ok": 1 }"#),
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
            (
                "node_modules/@scope/ui/package.json",
                r#"{ "version": "0.1.0", "miniprogram": "dist" }"#,
            ),
            (
                "node_modules/@scope/ui/dist/btn/btn.json",
                r#"{ "component": true }"#,
            ),
            (
                "node_modules/@scope/ui/dist/btn/btn.wxml",
                "<button>ui</button>",
            ),
            ("node_modules/@scope/ui/dist/btn/btn.js", "Component({});"),
            (
                "node_modules/@scope/ui/dist/card/card.json",
                r#"{ "component": true }"#,
            ),
            ("node_modules/@scope/ui/dist/card/card.wxml", "<view/>"),
            ("node_modules/@scope/ui/dist/card/card.js", "Component({});"),
            ("node_modules/dev/package.json", r#"{ "version": "1.0.0" }"#),
            (
                "node_modules/unlisted/package.json",
                r#"{ "version": "1.0.0" }"#,
            ),
        ],
    );
    let outside = dir.path().join("elsewhere");
    write(
        &outside,
        &[
            ("package.json", r#"{ "version": "9.9.9" }"#),
            ("index.js", "secret"),
        ],
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, root.join("node_modules/linked")).expect("link");

    let (files, read) = FileSet::read_dir(&root).expect("reads");
    let npm: Vec<&str> = files
        .paths()
        .filter(|p| p.starts_with("node_modules/"))
        .collect();
    assert!(npm.contains(&"node_modules/a/node_modules/b/index.js"));
    assert!(npm.contains(&"node_modules/@scope/ui/dist/btn/btn.wxml"));
    // `b` 1.0.0 is needed by nothing listed (`a` has its own 2.0.0): it is not read.
    assert!(!npm.iter().any(|p| p.starts_with("node_modules/b/")));
    assert!(!npm.iter().any(|p| p.starts_with("node_modules/dev/")));
    assert!(!npm.iter().any(|p| p.starts_with("node_modules/unlisted/")));
    assert!(!npm.iter().any(|p| p.starts_with("node_modules/linked/")));
    #[cfg(unix)]
    {
        assert_eq!(read.len(), 1, "{read:#?}");
        assert_eq!(read[0].code, "project::path-escapes-root");
        assert_eq!(read[0].file.as_deref(), Some("node_modules/linked"));
    }

    let conversion = convert_dir(&root, &Options::default()).expect("converts");
    let errors: Vec<_> = conversion
        .diagnostics
        .iter()
        .filter(|d| d.code != "project::path-escapes-root")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let report: serde_json::Value =
        serde_json::from_slice(conversion.output.get("report.json").expect("report"))
            .expect("json");
    let modules = report["modules"].as_object().expect("modules");
    assert!(modules.contains_key("miniprogram_npm/a/index.js"));
    assert!(modules.contains_key("miniprogram_npm/b/index.js"));
    assert!(modules.contains_key("miniprogram_npm/a/codes.json"));
    assert_eq!(report["npm"]["builds"][0]["packages"]["b"], "2.0.0");
    assert!(!modules.contains_key("miniprogram_npm/@scope/ui/card/card.js"));
    assert_eq!(report["npm"]["builds"][0]["packages"]["@scope/ui"], "0.1.0");
    let main = conversion.output.text("app/main.js").expect("chunk");
    assert!(main.contains("module.exports = 2;"), "{main}");
    assert!(conversion
        .output
        .get("miniprogram_npm/@scope/ui/btn/btn.wxml.js")
        .is_some());
    assert!(conversion
        .output
        .get("miniprogram_npm/@scope/ui/card/card.wxml.js")
        .is_none());
}

#[test]
fn a_dependency_that_is_not_installed_is_one_diagnostic_and_nothing_else() {
    let mut files = FileSet::new();
    for (path, text) in APP {
        files.insert(path, *text);
    }
    let manifest =
        "{\n  \"dependencies\": {\n    \"a\": \"1\",\n    \"@scope/ui\": \"1\"\n  }\n}\n";
    files.insert("package.json", manifest);
    files.insert("node_modules/a/package.json", r#"{ "version": "1.0.0" }"#);
    files.insert("node_modules/a/index.js", "module.exports = 1;");
    files.insert("node_modules/a/codes.json", "{}");
    let conversion = convert(files, &Options::default()).expect("converts");
    let found: Vec<(&str, Option<&str>)> = conversion
        .diagnostics
        .iter()
        .map(|d| (d.code, d.file.as_deref()))
        .collect();
    assert_eq!(
        found,
        vec![("project::npm-not-installed", Some("package.json"))]
    );
    let d = &conversion.diagnostics[0];
    assert_eq!(d.severity, miniport::source::Severity::Error);
    assert!(d.message.contains("@scope/ui"));
    assert!(
        d.message.contains("pages/index/index.json"),
        "{}",
        d.message
    );
}

/// The diagnostics of converting [`APP`] with `manifest` and only the packages of `installed`.
fn missing_npm_diagnostics(
    manifest: &str,
    installed: &[(&str, &str)],
) -> Vec<(&'static str, miniport::source::Severity, String)> {
    let mut files = FileSet::new();
    for (path, text) in APP.iter().chain(installed) {
        files.insert(path, *text);
    }
    files.insert("package.json", manifest);
    let conversion = convert(files, &Options::default()).expect("converts");
    conversion
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity, d.message.clone()))
        .collect()
}

#[test]
fn a_missing_dependency_that_a_script_requires_is_an_error_naming_the_script() {
    let found = missing_npm_diagnostics(
        r#"{ "dependencies": { "a": "1", "@scope/ui": "1" } }"#,
        &[
            (
                "node_modules/@scope/ui/package.json",
                r#"{ "version": "1.0.0", "miniprogram": "dist" }"#,
            ),
            (
                "node_modules/@scope/ui/dist/btn/btn.json",
                r#"{ "component": true }"#,
            ),
            ("node_modules/@scope/ui/dist/btn/btn.wxml", "<view/>"),
            ("node_modules/@scope/ui/dist/btn/btn.js", "Component({});"),
        ],
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let (code, severity, message) = &found[0];
    assert_eq!(*code, "project::npm-not-installed");
    assert_eq!(*severity, miniport::source::Severity::Error);
    assert!(
        message.contains("`a`") && message.contains("pages/index/index.js"),
        "{message}"
    );
}

#[test]
fn a_missing_dependency_that_nothing_uses_is_a_warning_and_the_app_converts() {
    let found = missing_npm_diagnostics(
        r#"{ "dependencies": { "a": "1", "@scope/ui": "1", "unused-lib": "2" } }"#,
        &[
            ("node_modules/a/package.json", r#"{ "version": "1.0.0" }"#),
            ("node_modules/a/index.js", "module.exports = 1;"),
            ("node_modules/a/codes.json", "{}"),
            (
                "node_modules/@scope/ui/package.json",
                r#"{ "version": "1.0.0", "miniprogram": "dist" }"#,
            ),
            (
                "node_modules/@scope/ui/dist/btn/btn.json",
                r#"{ "component": true }"#,
            ),
            ("node_modules/@scope/ui/dist/btn/btn.wxml", "<view/>"),
            ("node_modules/@scope/ui/dist/btn/btn.js", "Component({});"),
        ],
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let (code, severity, message) = &found[0];
    assert_eq!(*code, "project::npm-unused-not-installed");
    assert_eq!(*severity, miniport::source::Severity::Warning);
    assert!(message.contains("unused-lib"), "{message}");
}

#[test]
fn the_package_json_of_the_miniprogram_root_is_built_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(
        root,
        &[(
            "project.config.json",
            r#"{ "miniprogramRoot": "miniprogram/" }"#,
        )],
    );
    for (path, text) in APP {
        write(&root.join("miniprogram"), &[(path, text)]);
    }
    write(
        &root.join("miniprogram"),
        &[
            (
                "package.json",
                r#"{ "dependencies": { "a": "1", "@scope/ui": "1" } }"#,
            ),
            ("node_modules/a/package.json", r#"{ "version": "1.0.0" }"#),
            ("node_modules/a/index.js", "module.exports = 1;"),
            ("node_modules/a/codes.json", r#"{ "ok": 1 }"#),
            (
                "node_modules/@scope/ui/package.json",
                r#"{ "version": "0.1.0" }"#,
            ),
            (
                "node_modules/@scope/ui/miniprogram_dist/btn/btn.json",
                r#"{ "component": true }"#,
            ),
            (
                "node_modules/@scope/ui/miniprogram_dist/btn/btn.wxml",
                "<button/>",
            ),
            (
                "node_modules/@scope/ui/miniprogram_dist/btn/btn.js",
                "Component({});",
            ),
        ],
    );
    let conversion = convert_dir(root, &Options::default()).expect("converts");
    assert!(
        conversion.diagnostics.is_empty(),
        "{:#?}",
        conversion.diagnostics
    );
    let report: serde_json::Value =
        serde_json::from_slice(conversion.output.get("report.json").expect("report"))
            .expect("json");
    assert_eq!(
        report["npm"]["builds"][0]["packageJson"],
        "miniprogram/package.json"
    );
    assert_eq!(report["npm"]["builds"][0]["dir"], "miniprogram_npm");
    assert!(conversion
        .output
        .get("miniprogram_npm/@scope/ui/btn/btn.wxml.js")
        .is_some());
}
