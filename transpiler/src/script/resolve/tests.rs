//! Unit tests of WeChat's resolution rules.

use super::*;

fn set(files: &[(&str, &str)]) -> FileSet {
    let mut set = FileSet::new();
    for (path, text) in files {
        set.insert(path, *text);
    }
    set
}

fn resolve(files: &FileSet, alias: &BTreeMap<String, String>, from: &str, spec: &str) -> Resolved {
    Resolver {
        files,
        alias,
        library: false,
        escaped_links: &BTreeSet::new(),
        missing_packages: BTreeSet::new(),
    }
    .resolve(from, spec)
}

fn file(path: &str) -> Resolved {
    Resolved::File(path.to_string())
}

#[test]
fn relative_and_root_absolute_paths_with_and_without_extension() {
    let files = set(&[
        ("utils/a.js", ""),
        ("utils/b.ts", ""),
        ("utils/c/index.js", ""),
    ]);
    let none = BTreeMap::new();
    assert_eq!(
        resolve(&files, &none, "pages/x/x.js", "../../utils/a"),
        file("utils/a.js")
    );
    assert_eq!(
        resolve(&files, &none, "pages/x/x.js", "/utils/a.js"),
        file("utils/a.js")
    );
    assert_eq!(
        resolve(&files, &none, "utils/a.js", "./b"),
        file("utils/b.ts")
    );
    assert_eq!(
        resolve(&files, &none, "utils/a.js", "./b.js"),
        file("utils/b.ts")
    );
    assert_eq!(
        resolve(&files, &none, "app.js", "./utils/c"),
        file("utils/c/index.js")
    );
    assert_eq!(
        resolve(&files, &none, "app.js", "utils/a"),
        file("utils/a.js")
    );
}

#[test]
fn json_files_resolve_only_by_their_full_name() {
    let files = set(&[("data/list.json", "[]")]);
    let none = BTreeMap::new();
    assert_eq!(
        resolve(&files, &none, "app.js", "./data/list.json"),
        file("data/list.json")
    );
    assert_eq!(
        resolve(&files, &none, "app.js", "./data/list"),
        Resolved::Missing { bare: false }
    );
}

#[test]
fn npm_packages_come_from_the_nearest_miniprogram_npm() {
    let files = set(&[
        ("miniprogram_npm/lodash/index.js", ""),
        ("sub/miniprogram_npm/lodash/index.js", ""),
        (
            "miniprogram_npm/@scope/pkg/package.json",
            r#"{"main":"dist/main.js"}"#,
        ),
        ("miniprogram_npm/@scope/pkg/dist/main.js", ""),
        (
            "miniprogram_npm/built/package.json",
            r#"{"main":"lib/entry.js","miniprogram":"mp"}"#,
        ),
        ("miniprogram_npm/built/mp/entry.js", ""),
        ("miniprogram_npm/built/mp/util.js", ""),
    ]);
    let none = BTreeMap::new();
    assert_eq!(
        resolve(&files, &none, "sub/page/a.js", "lodash"),
        file("sub/miniprogram_npm/lodash/index.js")
    );
    assert_eq!(
        resolve(&files, &none, "pages/a.js", "lodash"),
        file("miniprogram_npm/lodash/index.js")
    );
    assert_eq!(
        resolve(&files, &none, "a.js", "@scope/pkg"),
        file("miniprogram_npm/@scope/pkg/dist/main.js")
    );
    assert_eq!(
        resolve(&files, &none, "a.js", "built"),
        file("miniprogram_npm/built/mp/entry.js")
    );
    assert_eq!(
        resolve(&files, &none, "a.js", "built/util"),
        file("miniprogram_npm/built/mp/util.js")
    );
    assert_eq!(
        resolve(&files, &none, "a.js", "nothing"),
        Resolved::Missing { bare: true }
    );
}

#[test]
fn resolve_alias_maps_to_root_paths() {
    let files = set(&[("common/utils/x.js", "")]);
    let alias = BTreeMap::from([("@utils/*".to_string(), "/common/utils/*".to_string())]);
    assert_eq!(
        resolve(&files, &alias, "pages/a/a.js", "@utils/x"),
        file("common/utils/x.js")
    );
}

#[test]
fn paths_out_of_the_root_are_refused() {
    let files = set(&[("a.js", "")]);
    let none = BTreeMap::new();
    assert_eq!(
        resolve(&files, &none, "pages/a/a.js", "../../../../etc/passwd"),
        Resolved::Escapes
    );
    assert_eq!(resolve(&files, &none, "a.js", "/../x"), Resolved::Escapes);
    assert_eq!(
        resolve(&files, &none, "a.js", "evil/../../x"),
        Resolved::Missing { bare: true }
    );
    let resolver = Resolver {
        files: &files,
        alias: &none,
        library: false,
        escaped_links: &BTreeSet::from(["secret.js".to_string()]),
        missing_packages: BTreeSet::new(),
    };
    assert_eq!(resolver.resolve("a.js", "./secret"), Resolved::Escapes);
}

#[test]
fn package_exports_pick_the_subpath_and_the_browser_or_require_condition() {
    let files = set(&[
        (
            "miniprogram_npm/lib/package.json",
            r#"{ "main": "old.js", "exports": {
                ".": { "import": "./esm/index.mjs", "browser": "./web/index.js", "require": "./cjs/index.js" },
                "./fp": { "require": "./cjs/fp.js" },
                "./locale/*": "./cjs/locale/*.js",
                "./package.json": "./package.json" } }"#,
        ),
        ("miniprogram_npm/lib/old.js", ""),
        ("miniprogram_npm/lib/esm/index.mjs", ""),
        ("miniprogram_npm/lib/web/index.js", ""),
        ("miniprogram_npm/lib/cjs/index.js", ""),
        ("miniprogram_npm/lib/cjs/fp.js", ""),
        ("miniprogram_npm/lib/cjs/locale/fr.js", ""),
        (
            "miniprogram_npm/str/package.json",
            r#"{ "exports": "./main.js" }"#,
        ),
        ("miniprogram_npm/str/main.js", ""),
    ]);
    let none = BTreeMap::new();
    let at = |spec| resolve(&files, &none, "pages/a.js", spec);
    assert_eq!(at("lib"), file("miniprogram_npm/lib/web/index.js"));
    assert_eq!(at("lib/fp"), file("miniprogram_npm/lib/cjs/fp.js"));
    assert_eq!(
        at("lib/locale/fr"),
        file("miniprogram_npm/lib/cjs/locale/fr.js")
    );
    assert_eq!(
        at("lib/package.json"),
        file("miniprogram_npm/lib/package.json")
    );
    assert_eq!(at("str"), file("miniprogram_npm/str/main.js"));
}

#[test]
fn the_browser_field_replaces_main_and_maps_files() {
    let files = set(&[
        (
            "miniprogram_npm/@scope/pkg/package.json",
            r#"{ "main": "lib/node.js", "browser": { "./lib/node.js": "./lib/web.js", "./lib/fs.js": "./lib/no-fs.js" } }"#,
        ),
        ("miniprogram_npm/@scope/pkg/lib/node.js", ""),
        ("miniprogram_npm/@scope/pkg/lib/web.js", ""),
        ("miniprogram_npm/@scope/pkg/lib/fs.js", ""),
        ("miniprogram_npm/@scope/pkg/lib/no-fs.js", ""),
        (
            "miniprogram_npm/plain/package.json",
            r#"{ "main": "node.js", "browser": "web.js" }"#,
        ),
        ("miniprogram_npm/plain/node.js", ""),
        ("miniprogram_npm/plain/web.js", ""),
    ]);
    let none = BTreeMap::new();
    let at = |spec| resolve(&files, &none, "pages/a.js", spec);
    assert_eq!(
        at("@scope/pkg"),
        file("miniprogram_npm/@scope/pkg/lib/web.js")
    );
    assert_eq!(
        at("@scope/pkg/lib/fs"),
        file("miniprogram_npm/@scope/pkg/lib/no-fs.js")
    );
    assert_eq!(at("plain"), file("miniprogram_npm/plain/web.js"));
}

#[test]
fn json_files_and_subpaths_of_packages_resolve_and_nested_packages_win() {
    let files = set(&[
        (
            "miniprogram_npm/data/package.json",
            r#"{ "main": "table" }"#,
        ),
        ("miniprogram_npm/data/table.json", "{}"),
        ("miniprogram_npm/data/extra/codes.json", "[]"),
        ("miniprogram_npm/a/index.js", ""),
        ("miniprogram_npm/a/miniprogram_npm/b/index.js", "2"),
        ("miniprogram_npm/b/index.js", "1"),
        ("utils/table.json", "{}"),
    ]);
    let none = BTreeMap::new();
    let at = |from, spec| resolve(&files, &none, from, spec);
    assert_eq!(
        at("pages/a.js", "data"),
        file("miniprogram_npm/data/table.json")
    );
    assert_eq!(
        at("pages/a.js", "data/extra/codes"),
        file("miniprogram_npm/data/extra/codes.json")
    );
    assert_eq!(
        at("miniprogram_npm/a/index.js", "b"),
        file("miniprogram_npm/a/miniprogram_npm/b/index.js")
    );
    assert_eq!(at("pages/a.js", "b"), file("miniprogram_npm/b/index.js"));
    // Outside npm packages WeChat does not add `.json`.
    assert_eq!(
        at("pages/a.js", "../utils/table"),
        Resolved::Missing { bare: false }
    );
}

#[test]
fn a_package_listed_but_not_installed_is_told_apart_from_a_missing_one() {
    let files = set(&[]);
    let none = BTreeMap::new();
    let resolver = Resolver {
        files: &files,
        alias: &none,
        library: false,
        escaped_links: &BTreeSet::new(),
        missing_packages: BTreeSet::from(["@scope/ui", "dayjs"]),
    };
    assert_eq!(
        resolver.resolve("a.js", "dayjs/plugin/utc"),
        Resolved::NotInstalled("dayjs".into())
    );
    assert_eq!(
        resolver.resolve("a.js", "@scope/ui"),
        Resolved::NotInstalled("@scope/ui".into())
    );
    assert_eq!(
        resolver.resolve("a.js", "lodash"),
        Resolved::Missing { bare: true }
    );
}
