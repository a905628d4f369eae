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
