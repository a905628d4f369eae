//! Pins the project loader's behaviour: root discovery, `app.json` and page/component JSON,
//! the component graph, library mode, and diagnostics located in the JSON that caused them.

use miniport::project::{load, page_window, LoadError, Mode, Project, StyleSet};
use miniport::source::FileSet;
use miniport::source::{line_col, Diagnostic, Severity};

fn files(list: &[(&str, &str)]) -> FileSet {
    let mut set = FileSet::new();
    for (path, text) in list {
        assert!(set.insert(path, *text), "could not insert {path}");
    }
    set
}

/// Adds `<base>.wxml` and `<base>.js` (a page or component without JSON).
fn with_sources(set: &mut FileSet, bases: &[&str]) {
    for base in bases {
        set.insert(&format!("{base}.wxml"), "<view/>");
        set.insert(&format!("{base}.js"), "Page({})");
    }
}

fn loaded(set: FileSet) -> Project {
    match load(set) {
        Ok(project) => project,
        Err(err) => panic!("load failed: {:?}", err.diagnostic),
    }
}

fn failed(set: FileSet) -> LoadError {
    match load(set) {
        Ok(project) => panic!("load succeeded with pages {:?}", routes(&project)),
        Err(err) => err,
    }
}

fn routes(project: &Project) -> Vec<&str> {
    project.pages.iter().map(|p| p.route.as_str()).collect()
}

/// The diagnostics with `code`, in order.
fn with_code<'a>(project: &'a Project, code: &str) -> Vec<&'a Diagnostic> {
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .collect()
}

/// The only diagnostic with `code`.
fn one<'a>(project: &'a Project, code: &str) -> &'a Diagnostic {
    let found = with_code(project, code);
    assert_eq!(
        found.len(),
        1,
        "want one `{code}`, have {:#?}",
        project.diagnostics
    );
    found[0]
}

/// Where a diagnostic points: file, 1-based line and column, and the spanned text.
fn located(set: &FileSet, d: &Diagnostic) -> (String, usize, usize, String) {
    let file = d.file.clone().expect("diagnostic names a file");
    let text = set.text(&file).expect("the file is in the set");
    let span = d.span.clone().expect("diagnostic has a span");
    let at = line_col(text, span.start);
    (file, at.line, at.column, text[span].to_string())
}

fn simple_app(app_json: &str, pages: &[&str]) -> FileSet {
    let mut set = files(&[("app.json", app_json)]);
    with_sources(&mut set, pages);
    set
}

#[test]
fn miniprogram_root_comes_from_project_config() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |path: &str, text: &str| {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    };
    write(
        "project.config.json",
        r#"{"miniprogramRoot": "miniprogram/", "appid": "wx42", "projectname": "demo"}"#,
    );
    // A decoy app at the top: the configured root must win over it.
    write("app.json", r#"{"pages": ["decoy/decoy"]}"#);
    write("decoy/decoy.wxml", "");
    write("decoy/decoy.js", "");
    write(
        "miniprogram/app.json",
        r#"{"pages": ["pages/index/index"]}"#,
    );
    write("miniprogram/pages/index/index.wxml", "<view/>");
    write("miniprogram/pages/index/index.js", "Page({})");
    write("miniprogram/node_modules/x/index.js", "");

    let (set, diagnostics) = FileSet::read_dir(root).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let project = loaded(set);
    assert_eq!(project.root, "miniprogram");
    assert_eq!(project.mode, Mode::App);
    assert_eq!(routes(&project), vec!["pages/index/index"]);
    assert_eq!(
        project.pages[0].files.wxml.as_deref(),
        Some("pages/index/index.wxml")
    );
    assert_eq!(
        project.files.paths().collect::<Vec<_>>(),
        vec!["app.json", "pages/index/index.js", "pages/index/index.wxml"]
    );
    assert_eq!(project.meta.appid.as_deref(), Some("wx42"));
    assert_eq!(project.meta.name.as_deref(), Some("demo"));
    assert!(project.diagnostics.is_empty(), "{:?}", project.diagnostics);
}

#[test]
fn root_defaults_to_the_folder_with_app_json() {
    let mut set = files(&[
        ("README.md", "# app"),
        ("src/app.json", r#"{"pages": ["pages/a/a"]}"#),
        ("examples/demo/app.json", r#"{"pages": ["x/x"]}"#),
    ]);
    with_sources(&mut set, &["src/pages/a/a"]);
    let project = loaded(set);
    assert_eq!(project.root, "src");
    assert_eq!(routes(&project), vec!["pages/a/a"]);
    assert_eq!(
        project.pages[0].files.script.as_deref(),
        Some("pages/a/a.js")
    );
}

#[test]
fn miniprogram_root_outside_the_folder_is_refused() {
    let mut set = files(&[
        (
            "project.config.json",
            r#"{"miniprogramRoot": "../elsewhere"}"#,
        ),
        ("app.json", r#"{"pages": ["pages/a/a"]}"#),
    ]);
    with_sources(&mut set, &["pages/a/a"]);
    let project = loaded(set);
    assert_eq!(project.root, "");
    let d = one(&project, "project::path-escapes-root");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.file.as_deref(), Some("project.config.json"));
    assert_eq!(d.span, Some(20..34));
}

#[test]
fn subpackage_pages_get_their_root_prefix() {
    let set = simple_app(
        r#"{
  "pages": ["pages/index/index"],
  "subPackages": [
    {"root": "packageA/", "name": "a", "pages": ["pages/cat/cat", "/pages/dog/dog"]}
  ]
}"#,
        &[
            "pages/index/index",
            "packageA/pages/cat/cat",
            "packageA/pages/dog/dog",
        ],
    );
    let project = loaded(set);
    assert_eq!(
        routes(&project),
        vec![
            "pages/index/index",
            "packageA/pages/cat/cat",
            "packageA/pages/dog/dog"
        ]
    );
    assert_eq!(project.pages[0].package, None);
    assert_eq!(project.pages[1].package.as_deref(), Some("packageA"));
    assert_eq!(
        project.pages[1].files.wxml.as_deref(),
        Some("packageA/pages/cat/cat.wxml")
    );
    assert_eq!(
        project.app.as_ref().unwrap().sub_packages[0]
            .name
            .as_deref(),
        Some("a")
    );
    assert!(project.diagnostics.is_empty(), "{:?}", project.diagnostics);
}

#[test]
fn lowercase_subpackages_key_is_accepted() {
    let set = simple_app(
        r#"{"pages": ["pages/index/index"],
            "subpackages": [{"root": "pkg", "pages": ["list/list"]}]}"#,
        &["pages/index/index", "pkg/list/list"],
    );
    let project = loaded(set);
    assert_eq!(routes(&project), vec!["pages/index/index", "pkg/list/list"]);
    assert_eq!(project.pages[1].package.as_deref(), Some("pkg"));
}

#[test]
fn independent_flag_is_kept() {
    let set = simple_app(
        r#"{"pages": ["pages/index/index"],
            "subPackages": [
              {"root": "moduleA", "pages": ["a/a"], "independent": true},
              {"root": "moduleB", "pages": ["b/b"]}
            ]}"#,
        &["pages/index/index", "moduleA/a/a", "moduleB/b/b"],
    );
    let project = loaded(set);
    let packages = &project.app.as_ref().unwrap().sub_packages;
    assert_eq!(
        packages
            .iter()
            .map(|p| (p.root.as_str(), p.independent))
            .collect::<Vec<_>>(),
        vec![("moduleA", true), ("moduleB", false)]
    );
    assert!(project.diagnostics.is_empty(), "{:?}", project.diagnostics);
}

const CUSTOM_TAB_APP: &str = r#"{
  "pages": ["pages/a/a", "pages/b/b"],
  "tabBar": {
    "custom": true,
    "list": [{"pagePath": "pages/a/a", "text": "A"}, {"pagePath": "pages/b/b", "text": "B"}]
  }
}"#;

#[test]
fn tab_bar_custom_requires_custom_tab_bar_component() {
    let set = simple_app(CUSTOM_TAB_APP, &["pages/a/a", "pages/b/b"]);
    let project = loaded(set.clone());
    assert!(
        project
            .app
            .as_ref()
            .unwrap()
            .tab_bar
            .as_ref()
            .unwrap()
            .custom
    );
    assert_eq!(project.custom_tab_bar(), None);
    let d = one(&project, "project::missing-custom-tab-bar");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        located(&project.files, d),
        ("app.json".into(), 4, 15, "true".into())
    );

    let mut set = set;
    set.insert("custom-tab-bar/index.json", r#"{"component": true}"#);
    with_sources(&mut set, &["custom-tab-bar/index"]);
    let project = loaded(set);
    assert_eq!(project.custom_tab_bar(), Some("custom-tab-bar/index"));
    assert!(project.components.contains_key("custom-tab-bar/index"));
    assert!(project.diagnostics.is_empty(), "{:?}", project.diagnostics);
}

#[test]
fn tab_bar_page_must_be_a_page() {
    let set = simple_app(
        r#"{
  "pages": ["pages/a/a"],
  "subPackages": [{"root": "sub", "pages": ["s/s"]}],
  "tabBar": {"list": [
    {"pagePath": "pages/a/a", "text": "A"},
    {"pagePath": "pages/ghost/ghost", "text": "Ghost"},
    {"pagePath": "sub/s/s", "text": "Sub"}
  ]}
}"#,
        &["pages/a/a", "sub/s/s"],
    );
    let project = loaded(set);
    let d = one(&project, "project::unknown-tab-page");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        located(&project.files, d),
        ("app.json".into(), 6, 18, "\"pages/ghost/ghost\"".into())
    );
    let d = one(&project, "project::tab-page-in-subpackage");
    assert_eq!(
        located(&project.files, d),
        ("app.json".into(), 7, 18, "\"sub/s/s\"".into())
    );
}

#[test]
fn window_options_of_page_override_app() {
    let mut set = simple_app(
        r##"{"pages": ["pages/a/a", "pages/b/b"],
            "window": {"navigationBarTitleText": "App", "backgroundColor": "#ffffff",
                       "enablePullDownRefresh": false}}"##,
        &["pages/a/a", "pages/b/b"],
    );
    set.insert(
        "pages/a/a.json",
        r#"{"navigationBarTitleText": "Page A", "enablePullDownRefresh": true, "homeButton": true}"#,
    );
    let project = loaded(set);
    let app = project.app.as_ref().unwrap();
    let a = page_window(app, project.page("pages/a/a").unwrap());
    assert_eq!(a.navigation_bar_title_text.as_deref(), Some("Page A"));
    assert_eq!(a.background_color.as_deref(), Some("#ffffff"));
    assert_eq!(a.enable_pull_down_refresh, Some(true));
    assert_eq!(a.other.get("homeButton"), Some(&serde_json::json!(true)));
    let b = page_window(app, project.page("pages/b/b").unwrap());
    assert_eq!(b.navigation_bar_title_text.as_deref(), Some("App"));
    assert_eq!(b.enable_pull_down_refresh, Some(false));
}

#[test]
fn global_using_components_reach_every_page() {
    let mut set = simple_app(
        r#"{"pages": ["pages/a/a", "pages/b/b"],
            "usingComponents": {"g-card": "/components/card/card", "g-tag": "components/tag/index"}}"#,
        &[
            "pages/a/a",
            "pages/b/b",
            "components/card/card",
            "components/tag/index",
            "pages/b/local",
        ],
    );
    set.insert("components/card/card.json", r#"{"component": true}"#);
    set.insert("components/tag/index.json", r#"{"component": true}"#);
    set.insert("pages/b/local.json", r#"{"component": true}"#);
    // Page b overrides one global tag with its own component.
    set.insert(
        "pages/b/b.json",
        r#"{"usingComponents": {"g-tag": "./local"}}"#,
    );
    let project = loaded(set);
    let tags = |route: &str| project.page(route).unwrap().components.clone();
    assert_eq!(
        tags("pages/a/a").into_iter().collect::<Vec<_>>(),
        vec![
            ("g-card".to_string(), "components/card/card".to_string()),
            ("g-tag".to_string(), "components/tag/index".to_string()),
        ]
    );
    assert_eq!(
        tags("pages/b/b").get("g-tag").map(String::as_str),
        Some("pages/b/local")
    );
    assert_eq!(
        tags("pages/b/b").get("g-card").map(String::as_str),
        Some("components/card/card")
    );
    // Components may use global components too.
    assert_eq!(
        project.components["components/card/card"]
            .components
            .get("g-tag")
            .map(String::as_str),
        Some("components/tag/index")
    );
    assert!(project.diagnostics.is_empty(), "{:?}", project.diagnostics);
}

#[test]
fn resolve_alias_applies_to_components() {
    let mut set = simple_app(
        r#"{"pages": ["pages/a/a"],
            "resolveAlias": {"~/*": "/*", "~/ui/*": "/lib/ui/*", "card": "/components/card/card"}}"#,
        &[
            "pages/a/a",
            "lib/ui/button/index",
            "ui/button/index",
            "components/card/card",
            "shared/x/index",
        ],
    );
    set.insert(
        "pages/a/a.json",
        r#"{"usingComponents": {"u-button": "~/ui/button", "card": "card", "x": "~/shared/x"}}"#,
    );
    let project = loaded(set);
    let page = project.page("pages/a/a").unwrap();
    // The longest matching alias wins, whatever the order of the keys.
    assert_eq!(page.components["u-button"], "lib/ui/button/index");
    assert_eq!(page.components["card"], "components/card/card");
    assert_eq!(page.components["x"], "shared/x/index");
    assert!(!project.components.contains_key("ui/button/index"));
}

#[test]
fn use_extended_lib_and_lazy_code_loading_are_read() {
    let set = simple_app(
        r#"{"pages": ["pages/a/a"], "style": "v2",
            "useExtendedLib": {"weui": true},
            "lazyCodeLoading": "requiredComponents"}"#,
        &["pages/a/a"],
    );
    let project = loaded(set);
    let app = project.app.as_ref().unwrap();
    assert_eq!(
        app.use_extended_lib.get("weui"),
        Some(&serde_json::json!(true))
    );
    assert_eq!(app.lazy_code_loading.as_deref(), Some("requiredComponents"));
    assert_eq!(app.style, StyleSet::V2);
}

#[test]
fn darkmode_reads_theme_json_and_reports_unknown_variables() {
    let mut set = simple_app(
        r#"{
  "pages": ["pages/a/a"],
  "darkmode": true,
  "themeLocation": "styles/theme.json",
  "window": {"navigationBarBackgroundColor": "@navBg", "navigationBarTextStyle": "@navTxt"}
}"#,
        &["pages/a/a"],
    );
    set.insert(
        "styles/theme.json",
        r##"{"light": {"navBg": "#ffffff", "navTxt": "black", "pageBg": "#eee"},
            "dark": {"navBg": "#000000", "pageBg": "#111"}}"##,
    );
    set.insert(
        "pages/a/a.json",
        r#"{"backgroundColor": "@pageBg", "backgroundTextStyle": "@nope"}"#,
    );
    let project = loaded(set);
    let theme = project.theme.as_ref().expect("theme is read");
    assert_eq!(theme.resolve("@navBg", true), Some("#000000"));
    assert_eq!(theme.resolve("@navTxt", false), Some("black"));
    let unknown: Vec<_> = with_code(&project, "project::unknown-theme-variable")
        .into_iter()
        .map(|d| {
            let (file, line, column, text) = located(&project.files, d);
            (file, line, column, text, d.severity)
        })
        .collect();
    assert_eq!(
        unknown,
        vec![
            (
                "app.json".into(),
                5,
                82,
                "\"@navTxt\"".into(),
                Severity::Warning
            ),
            (
                "pages/a/a.json".into(),
                1,
                55,
                "\"@nope\"".into(),
                Severity::Warning
            ),
            (
                "pages/a/a.json".into(),
                1,
                55,
                "\"@nope\"".into(),
                Severity::Warning
            ),
        ]
    );
    assert!(unknown.len() == 3 && project.diagnostics.len() == 3);
}

#[test]
fn darkmode_without_theme_json_is_reported() {
    let set = simple_app(
        r#"{"pages": ["pages/a/a"], "darkmode": true}"#,
        &["pages/a/a"],
    );
    let project = loaded(set);
    assert!(project.theme.is_none());
    let d = one(&project, "project::missing-theme");
    assert_eq!(
        located(&project.files, d),
        ("app.json".into(), 1, 38, "true".into())
    );
}

#[test]
fn component_generics_default_is_loaded() {
    let mut set = simple_app(
        r#"{"pages": ["pages/a/a"]}"#,
        &["pages/a/a", "components/list/list", "components/item/item"],
    );
    set.insert(
        "pages/a/a.json",
        r#"{"usingComponents": {"my-list": "/components/list/list"}}"#,
    );
    set.insert(
        "components/list/list.json",
        r#"{"component": true, "componentGenerics": {"selectable": {"default": "../item/item"}, "plain": true}}"#,
    );
    set.insert("components/item/item.json", r#"{"component": true}"#);
    let project = loaded(set);
    let list = &project.components["components/list/list"];
    assert_eq!(list.components["selectable"], "components/item/item");
    assert!(!list.components.contains_key("plain"));
    assert!(list.config.component_generics.contains_key("plain"));
    assert!(project.components.contains_key("components/item/item"));
    assert!(project.diagnostics.is_empty(), "{:?}", project.diagnostics);
}

#[test]
fn style_isolation_is_read_from_component_json() {
    let mut set = simple_app(
        r#"{"pages": ["pages/a/a"]}"#,
        &["pages/a/a", "components/c/c"],
    );
    set.insert(
        "pages/a/a.json",
        r#"{"styleIsolation": "shared", "usingComponents": {"c": "/components/c/c"}}"#,
    );
    set.insert(
        "components/c/c.json",
        r#"{"component": true, "styleIsolation": "apply-shared"}"#,
    );
    let project = loaded(set);
    assert_eq!(
        project.components["components/c/c"]
            .config
            .style_isolation
            .as_deref(),
        Some("apply-shared")
    );
    assert_eq!(
        project.pages[0].config.style_isolation.as_deref(),
        Some("shared")
    );
}

#[test]
fn library_mode_makes_every_component_an_entry() {
    let set = files(&[
        (
            "button/index.json",
            r#"{"component": true, "usingComponents": {"van-icon": "../icon/index"}}"#,
        ),
        ("button/index.wxml", "<van-icon/>"),
        ("button/index.js", ""),
        ("icon/index.json", r#"{"component": true}"#),
        ("icon/index.wxml", ""),
        ("icon/index.js", ""),
        ("cell/index.json", r#"{"component": true}"#),
        ("cell/index.wxml", ""),
        ("cell/index.js", ""),
        ("common/utils.js", ""),
        ("common/style.json", r#"{"not": "a component"}"#),
        ("common/style.wxml", ""),
    ]);
    let project = loaded(set);
    assert_eq!(project.mode, Mode::Library);
    assert!(project.app.is_none() && project.pages.is_empty());
    let entries: Vec<(&str, bool)> = project
        .components
        .values()
        .map(|c| (c.path.as_str(), c.entry))
        .collect();
    assert_eq!(
        entries,
        vec![
            ("button/index", true),
            ("cell/index", true),
            ("icon/index", true)
        ]
    );
    assert_eq!(
        project.components["button/index"].components["van-icon"],
        "icon/index"
    );
    assert!(project.diagnostics.is_empty(), "{:?}", project.diagnostics);
}

#[test]
fn library_component_with_malformed_json_is_reported() {
    let set = files(&[
        ("a/index.json", r#"{"component": true}"#),
        ("a/index.wxml", ""),
        ("a/index.js", ""),
        ("b/index.json", "{\"component\": true,}"),
        ("b/index.wxml", ""),
        ("b/index.js", ""),
    ]);
    let project = loaded(set);
    let d = one(&project, "json::syntax");
    assert_eq!(d.file.as_deref(), Some("b/index.json"));
    assert!(project.components["b/index"].entry);
}

#[test]
fn missing_page_names_app_json_with_span_on_the_route() {
    let set = simple_app(
        r#"{
  "pages": ["pages/index/index", "pages/gone/gone"],
  "subPackages": [{"root": "pkg", "pages": ["pages/gone/gone"]}]
}"#,
        &["pages/index/index"],
    );
    let project = loaded(set);
    assert_eq!(routes(&project), vec!["pages/index/index"]);
    let found: Vec<_> = with_code(&project, "project::missing-page")
        .into_iter()
        .map(|d| (located(&project.files, d), d.severity))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                ("app.json".into(), 2, 34, "\"pages/gone/gone\"".into()),
                Severity::Error
            ),
            (
                ("app.json".into(), 3, 45, "\"pages/gone/gone\"".into()),
                Severity::Error
            ),
        ]
    );
    assert!(found.len() == project.diagnostics.len());
    assert!(project.diagnostics[1]
        .message
        .contains("pkg/pages/gone/gone"));
}

#[test]
fn page_route_that_leaves_the_root_is_refused() {
    let mut set = simple_app(
        r#"{"pages": ["pages/a/a", "../../etc/passwd"]}"#,
        &["pages/a/a"],
    );
    set.insert("etc/passwd.wxml", "");
    let project = loaded(set);
    assert_eq!(routes(&project), vec!["pages/a/a"]);
    let d = one(&project, "project::path-escapes-root");
    assert_eq!(
        located(&project.files, d),
        ("app.json".into(), 1, 25, "\"../../etc/passwd\"".into())
    );
}

#[test]
fn missing_component_names_the_page_json() {
    let mut set = simple_app(
        r#"{"pages": ["pages/index/index"]}"#,
        &["pages/index/index"],
    );
    set.insert(
        "pages/index/index.json",
        "{\n  \"usingComponents\": {\n    \"x-card\": \"/components/nope/nope\",\n    \"x-half\": \"../../components/half/half\"\n  }\n}",
    );
    // A component that exists (it has JSON and a script) but has no template.
    set.insert("components/half/half.json", r#"{"component": true}"#);
    set.insert("components/half/half.js", "Component({})");
    let project = loaded(set);
    let d = one(&project, "project::missing-component");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        located(&project.files, d),
        (
            "pages/index/index.json".into(),
            3,
            15,
            "\"/components/nope/nope\"".into()
        )
    );
    let d = one(&project, "project::missing-component-file");
    assert_eq!(
        located(&project.files, d),
        (
            "pages/index/index.json".into(),
            4,
            15,
            "\"../../components/half/half\"".into()
        )
    );
    assert!(d.message.contains("components/half/half"));
    assert!(!project.pages[0].components.contains_key("x-card"));
}

#[test]
fn malformed_page_json_reports_line_and_column() {
    let mut set = simple_app(r#"{"pages": ["pages/a/a"]}"#, &["pages/a/a"]);
    // A missing comma after a non-ASCII value: the column counts characters, not bytes.
    set.insert(
        "pages/a/a.json",
        "{\n  \"navigationBarTitleText\": \"首页\" \"x\": 1\n}",
    );
    let project = loaded(set);
    assert_eq!(routes(&project), vec!["pages/a/a"]);
    let d = one(&project, "json::syntax");
    assert_eq!(d.severity, Severity::Error);
    let (file, line, column, text) = located(&project.files, d);
    assert_eq!((file.as_str(), line, column), ("pages/a/a.json", 2, 34));
    assert!(text.starts_with('"'), "{text:?}");
    assert!(d.message.contains("pages/a/a.json"));
}

#[test]
fn malformed_app_json_is_fatal_with_line() {
    let set = files(&[("app.json", "{\n  \"pages\": [\n    \"pages/a/a\",\n  ]\n}")]);
    let err = failed(set);
    let d = &err.diagnostic;
    assert_eq!((d.code, d.severity), ("json::syntax", Severity::Error));
    let (file, line, column, _) = located(&err.files, d);
    assert_eq!((file.as_str(), line, column), ("app.json", 4, 3));
}

#[test]
fn no_app_json_and_no_components_is_not_found() {
    let set = files(&[
        ("README.md", "# nothing"),
        ("images/a.png", "png"),
        ("data.json", r#"{"a": 1}"#),
    ]);
    let err = failed(set);
    assert_eq!(err.diagnostic.code, "project::not-found");
    assert_eq!(err.diagnostic.severity, Severity::Error);
}

#[test]
fn app_json_without_pages_is_fatal() {
    let set = files(&[("app.json", r#"{"window": {}, "pages": []}"#)]);
    let err = failed(set);
    assert_eq!(err.diagnostic.code, "project::no-pages");
    let (_, line, column, text) = located(&err.files, &err.diagnostic);
    assert_eq!((line, column, text.as_str()), (1, 16, "\"pages\""));
}

#[cfg(unix)]
#[test]
fn symlink_out_of_root_is_refused() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    let root = dir.path().join("app");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(root.join("pages/a")).unwrap();
    std::fs::write(outside.join("secret.js"), "secret").unwrap();
    std::fs::write(root.join("app.json"), r#"{"pages": ["pages/a/a"]}"#).unwrap();
    std::fs::write(root.join("pages/a/a.wxml"), "").unwrap();
    std::fs::write(root.join("pages/a/a.js"), "").unwrap();
    symlink(outside.join("secret.js"), root.join("leak.js")).unwrap();
    symlink(&outside, root.join("leakdir")).unwrap();
    symlink(root.join("pages/a/a.js"), root.join("inside.js")).unwrap();
    symlink(root.join("gone.js"), root.join("dangling.js")).unwrap();

    let (set, diagnostics) = FileSet::read_dir(&root).unwrap();
    assert_eq!(
        set.paths().collect::<Vec<_>>(),
        vec!["app.json", "inside.js", "pages/a/a.js", "pages/a/a.wxml"]
    );
    let refused: Vec<_> = diagnostics
        .iter()
        .map(|d| (d.code, d.severity, d.file.as_deref()))
        .collect();
    assert_eq!(
        refused,
        vec![
            (
                "project::broken-link",
                Severity::Warning,
                Some("dangling.js")
            ),
            (
                "project::path-escapes-root",
                Severity::Error,
                Some("leak.js")
            ),
            (
                "project::path-escapes-root",
                Severity::Error,
                Some("leakdir")
            ),
        ]
    );
    assert!(set.text("inside.js").is_some());
    assert!(set.paths().all(|p| !p.contains("secret")));
}

#[test]
fn component_cycles_terminate() {
    let mut set = simple_app(
        r#"{"pages": ["pages/a/a"]}"#,
        &["pages/a/a", "c/x/x", "c/y/y"],
    );
    set.insert("pages/a/a.json", r#"{"usingComponents": {"x": "/c/x/x"}}"#);
    set.insert(
        "c/x/x.json",
        r#"{"component": true, "usingComponents": {"y": "../y/y", "self": "./x"}}"#,
    );
    set.insert(
        "c/y/y.json",
        r#"{"component": true, "usingComponents": {"x": "/c/x/x"}}"#,
    );
    let project = loaded(set);
    assert_eq!(
        project.components.keys().collect::<Vec<_>>(),
        vec!["c/x/x", "c/y/y"]
    );
    assert_eq!(project.components["c/x/x"].components["self"], "c/x/x");
    assert_eq!(project.components["c/x/x"].components["y"], "c/y/y");
    assert_eq!(project.components["c/y/y"].components["x"], "c/x/x");
}

#[test]
fn npm_components_resolve_from_miniprogram_npm() {
    let mut set = simple_app(
        r#"{"pages": ["pages/a/a"],
            "subPackages": [{"root": "sub", "pages": ["p/p"]}],
            "usingComponents": {"van-button": "@vant/weapp/button/index"}}"#,
        &[
            "pages/a/a",
            "sub/p/p",
            "miniprogram_npm/@vant/weapp/button/index",
            "miniprogram_npm/@vant/weapp/cell/index",
            "sub/miniprogram_npm/@vant/weapp/cell/index",
        ],
    );
    set.insert(
        "pages/a/a.json",
        r#"{"usingComponents": {"van-cell": "@vant/weapp/cell"}}"#,
    );
    set.insert(
        "sub/p/p.json",
        r#"{"usingComponents": {"van-cell": "@vant/weapp/cell"}}"#,
    );
    let project = loaded(set);
    let a = &project.page("pages/a/a").unwrap().components;
    assert_eq!(a["van-button"], "miniprogram_npm/@vant/weapp/button/index");
    assert_eq!(a["van-cell"], "miniprogram_npm/@vant/weapp/cell/index");
    let p = &project.page("sub/p/p").unwrap().components;
    assert_eq!(p["van-cell"], "sub/miniprogram_npm/@vant/weapp/cell/index");
    assert_eq!(p["van-button"], "miniprogram_npm/@vant/weapp/button/index");
}

#[test]
fn plugin_components_are_reported_unsupported() {
    let mut set = simple_app(r#"{"pages": ["pages/a/a"]}"#, &["pages/a/a"]);
    set.insert(
        "pages/a/a.json",
        r#"{"usingComponents": {"map-view": "plugin://mapPlugin/map"}}"#,
    );
    let project = loaded(set);
    let d = one(&project, "project::plugin-unsupported");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        located(&project.files, d),
        (
            "pages/a/a.json".into(),
            1,
            34,
            "\"plugin://mapPlugin/map\"".into()
        )
    );
    assert!(project.pages[0].components.is_empty());
}

#[test]
fn wrong_typed_field_is_dropped_with_an_error_and_a_window_option_with_a_warning() {
    let mut set = simple_app(
        r##"{
  "pages": ["pages/a/a"],
  "style": 2,
  "window": {"navigationBarTitleText": 5, "backgroundColor": "#eeeeee"}
}"##,
        &["pages/a/a"],
    );
    set.insert(
        "pages/a/a.json",
        r#"{"navigationBarTitleText": "A", "enablePullDownRefresh": "yes", "style": "not-a-key"}"#,
    );
    let project = loaded(set);
    let app = project.app.as_ref().unwrap();
    assert_eq!(app.style, StyleSet::Default);
    assert_eq!(app.window.background_color.as_deref(), Some("#eeeeee"));
    assert_eq!(app.window.navigation_bar_title_text, None);
    let page = &project.pages[0].config.window;
    assert_eq!(page.navigation_bar_title_text.as_deref(), Some("A"));
    assert_eq!(page.enable_pull_down_refresh, None);
    let wrong: Vec<_> = project
        .diagnostics
        .iter()
        .map(|d| (located(&project.files, d), d.code, d.severity))
        .collect();
    assert_eq!(
        wrong,
        vec![
            (
                ("app.json".into(), 3, 3, "\"style\"".into()),
                "json::wrong-type",
                Severity::Error
            ),
            (
                (
                    "app.json".into(),
                    4,
                    14,
                    "\"navigationBarTitleText\"".into()
                ),
                "json::wrong-option-type",
                Severity::Warning
            ),
            (
                (
                    "pages/a/a.json".into(),
                    1,
                    33,
                    "\"enablePullDownRefresh\"".into()
                ),
                "json::wrong-option-type",
                Severity::Warning
            ),
            // A page's `style` is WeChat's style-set switch: an unknown value is a warning.
            (
                ("pages/a/a.json".into(), 1, 74, "\"not-a-key\"".into()),
                "json::unknown-style",
                Severity::Warning
            ),
        ]
    );
}

#[test]
fn wrong_subpackage_entry_costs_only_that_entry() {
    let set = simple_app(
        r#"{"pages": ["pages/a/a"],
            "subPackages": [{"pages": ["x/x"]}, {"root": "ok", "pages": ["p/p"]}]}"#,
        &["pages/a/a", "ok/p/p"],
    );
    let project = loaded(set);
    assert_eq!(routes(&project), vec!["pages/a/a", "ok/p/p"]);
    let d = one(&project, "json::wrong-type");
    let (file, line, _, text) = located(&project.files, d);
    assert_eq!((file.as_str(), line), ("app.json", 2));
    assert_eq!(text, r#"{"pages": ["x/x"]}"#);
}

#[test]
fn key_spans_point_at_keys_not_equal_values() {
    // "style" appears first as a value; the diagnostic must point at the key.
    let set = simple_app(
        r#"{"pages": ["pages/a/a"], "window": {"navigationBarTitleText": "style"}, "style": []}"#,
        &["pages/a/a"],
    );
    let project = loaded(set);
    let d = one(&project, "json::wrong-type");
    assert_eq!(
        located(&project.files, d),
        ("app.json".into(), 1, 73, "\"style\"".into())
    );
}

#[test]
fn read_dir_indexes_every_file_once_and_skips_tool_folders() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (path, text) in [
        ("app.json", r#"{"pages": ["p/p"]}"#),
        ("p/p.wxml", "<view/>"),
        ("p/p.js", ""),
        ("images/logo.png", "\u{89}PNG"),
        ("node_modules/lib/index.js", ""),
        (".git/HEAD", "ref"),
    ] {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    std::fs::write(root.join("bin.dat"), [0xff_u8, 0xfe, 0x00]).unwrap();
    let (set, diagnostics) = FileSet::read_dir(root).unwrap();
    assert!(diagnostics.is_empty());
    assert_eq!(
        set.paths().collect::<Vec<_>>(),
        vec![
            "app.json",
            "bin.dat",
            "images/logo.png",
            "p/p.js",
            "p/p.wxml"
        ]
    );
    assert_eq!(set.text("bin.dat"), None);
    assert_eq!(set.get("bin.dat").unwrap().bytes(), &[0xff, 0xfe, 0x00]);
    assert!(miniport::project::is_asset("images/logo.png"));
    assert!(!miniport::project::is_asset("p/p.wxml"));
    assert_eq!(
        miniport::source::relative_url("p/p.css", "images/logo.png"),
        "../images/logo.png"
    );
}

#[test]
fn entry_page_path_must_be_a_page() {
    let set = simple_app(
        r#"{"pages": ["pages/a/a", "pages/b/b"], "entryPagePath": "pages/b/b"}"#,
        &["pages/a/a", "pages/b/b"],
    );
    assert_eq!(loaded(set).entry_page(), Some("pages/b/b"));

    let set = simple_app(
        r#"{"pages": ["pages/a/a"], "entryPagePath": "pages/x/x"}"#,
        &["pages/a/a"],
    );
    let project = loaded(set);
    assert_eq!(project.entry_page(), Some("pages/a/a"));
    let d = one(&project, "project::unknown-entry-page");
    assert_eq!(
        located(&project.files, d),
        ("app.json".into(), 1, 43, "\"pages/x/x\"".into())
    );
}

#[test]
fn duplicate_page_is_loaded_once_and_reported_at_the_second_listing() {
    let set = simple_app(
        r#"{"pages": ["pages/a/a"], "subPackages": [{"root": "pages", "pages": ["a/a"]}]}"#,
        &["pages/a/a"],
    );
    let project = loaded(set);
    assert_eq!(routes(&project), vec!["pages/a/a"]);
    assert_eq!(project.pages[0].package, None);
    let d = one(&project, "project::duplicate-page");
    assert_eq!(
        located(&project.files, d),
        ("app.json".into(), 1, 70, "\"a/a\"".into())
    );
}

#[test]
fn ext_json_gives_its_ext_object_only_when_ext_enable_is_true() {
    let app = r#"{"pages": ["pages/index/index"]}"#;
    let ext = r#"{"extEnable": true, "extAppid": "wx9", "ext": {"shop": 7}}"#;
    let mut set = files(&[("app.json", app), ("ext.json", ext)]);
    with_sources(&mut set, &["pages/index/index"]);
    let project = loaded(set);
    assert_eq!(project.meta.ext, Some(serde_json::json!({"shop": 7})));

    let off = r#"{"extEnable": false, "ext": {"shop": 7}}"#;
    let mut set = files(&[("app.json", app), ("ext.json", off)]);
    with_sources(&mut set, &["pages/index/index"]);
    assert_eq!(loaded(set).meta.ext, None);
}

#[test]
fn malformed_ext_json_is_reported_with_its_position_and_ignored() {
    let mut set = files(&[
        ("app.json", r#"{"pages": ["pages/index/index"]}"#),
        ("ext.json", "{\"extEnable\": true,\n \"ext\": {,}}"),
    ]);
    with_sources(&mut set, &["pages/index/index"]);
    let project = loaded(set);
    let d = one(&project, "json::syntax");
    assert_eq!(d.file.as_deref(), Some("ext.json"));
    assert_eq!(project.meta.ext, None);
    assert_eq!(routes(&project), ["pages/index/index"]);
}

#[test]
fn workers_folder_is_read_from_a_path_or_an_object_and_a_bad_value_is_reported() {
    let app = r#"{"pages": ["pages/index/index"], "workers": "/workers/"}"#;
    let mut set = files(&[("app.json", app)]);
    with_sources(&mut set, &["pages/index/index"]);
    let project = loaded(set);
    let workers = project.app.as_ref().and_then(|a| a.workers.clone());
    assert_eq!(workers.as_deref(), Some("workers"));

    let app =
        r#"{"pages": ["pages/index/index"], "workers": {"path": "bg", "isSubpackage": true}}"#;
    let mut set = files(&[("app.json", app)]);
    with_sources(&mut set, &["pages/index/index"]);
    let project = loaded(set);
    assert_eq!(
        project.app.as_ref().and_then(|a| a.workers.as_deref()),
        Some("bg")
    );

    let app = r#"{"pages": ["pages/index/index"], "workers": 3}"#;
    let mut set = files(&[("app.json", app)]);
    with_sources(&mut set, &["pages/index/index"]);
    let project = loaded(set);
    assert_eq!(project.app.as_ref().and_then(|a| a.workers.clone()), None);
    let d = one(&project, "json::wrong-type");
    assert_eq!(
        located(&project.files, d),
        ("app.json".into(), 1, 34, "\"workers\"".into())
    );
}

#[test]
fn miniport_json_gives_the_telegram_settings_and_the_cloud_storage_copy() {
    let settings = r#"{"telegram": {"miniPrograms": {"wx1": "https://t.me/a_bot/app"}, "privacyUrl": "https://example.com/p"}, "cloudStorageMirror": true}"#;
    let mut set = files(&[
        ("app.json", r#"{"pages": ["pages/index/index"]}"#),
        ("miniport.json", settings),
    ]);
    with_sources(&mut set, &["pages/index/index"]);
    let project = loaded(set);
    assert!(project.diagnostics.is_empty(), "{:?}", project.diagnostics);
    assert_eq!(
        serde_json::Value::Object(project.meta.settings.clone()),
        serde_json::json!({
            "telegram": {"miniPrograms": {"wx1": "https://t.me/a_bot/app"}, "privacyUrl": "https://example.com/p"},
            "cloudStorageMirror": true
        })
    );
}

#[test]
fn miniport_json_reports_wrong_types_and_unknown_keys_and_keeps_the_rest() {
    let settings = "{\"telegram\": {\"accounts\": \"x\", \"customerService\": \"help_bot\", \"colour\": 1},\n \"cloudStorageMirror\": \"yes\", \"theme\": 1}";
    let mut set = files(&[
        ("app.json", r#"{"pages": ["pages/index/index"]}"#),
        ("miniport.json", settings),
    ]);
    with_sources(&mut set, &["pages/index/index"]);
    let project = loaded(set);
    assert_eq!(
        serde_json::Value::Object(project.meta.settings.clone()),
        serde_json::json!({"telegram": {"customerService": "help_bot"}})
    );
    let codes: Vec<(&str, String)> = project
        .diagnostics
        .iter()
        .map(|d| (d.code, located(&project.files, d).3))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("json::wrong-type", "\"accounts\"".to_string()),
            ("json::unknown-key", "\"colour\"".to_string()),
            ("json::wrong-type", "\"cloudStorageMirror\"".to_string()),
            ("json::unknown-key", "\"theme\"".to_string()),
        ]
    );
}

#[test]
fn miniport_json_map_keeps_an_https_tile_template_and_reports_what_does_not_fit() {
    let good = r#"{"map": {"tiles": "https://tile.example.org/{z}/{x}/{y}.png", "attribution": "© Example"}}"#;
    let mut set = files(&[
        ("app.json", r#"{"pages": ["pages/index/index"]}"#),
        ("miniport.json", good),
    ]);
    with_sources(&mut set, &["pages/index/index"]);
    let project = loaded(set);
    assert!(project.diagnostics.is_empty(), "{:?}", project.diagnostics);
    assert_eq!(
        serde_json::Value::Object(project.meta.settings.clone()),
        serde_json::json!({"map": {"tiles": "https://tile.example.org/{z}/{x}/{y}.png", "attribution": "© Example"}})
    );

    let bad = "{\"map\": {\"tiles\": \"http://tile.example.org/{z}/{x}.png\",\n \"attribution\": 3, \"zoom\": 1}}";
    let mut set = files(&[
        ("app.json", r#"{"pages": ["pages/index/index"]}"#),
        ("miniport.json", bad),
    ]);
    with_sources(&mut set, &["pages/index/index"]);
    let project = loaded(set);
    assert_eq!(
        serde_json::Value::Object(project.meta.settings.clone()),
        serde_json::json!({"map": {}})
    );
    let found: Vec<(&str, String)> = project
        .diagnostics
        .iter()
        .map(|d| (d.code, located(&project.files, d).3))
        .collect();
    assert_eq!(
        found,
        vec![
            ("json::wrong-type", "\"tiles\"".to_string()),
            ("json::wrong-type", "\"attribution\"".to_string()),
            ("json::unknown-key", "\"zoom\"".to_string()),
        ]
    );
}

#[test]
fn style_v2_in_app_json_and_a_page_json_style_choose_the_style_set() {
    let mut set = simple_app(
        r#"{"pages": ["pages/a/a", "pages/b/b", "pages/c/c"], "style": "v2"}"#,
        &["pages/a/a", "pages/b/b", "pages/c/c"],
    );
    set.insert("pages/b/b.json", r#"{"style": "default"}"#);
    set.insert("pages/c/c.json", r#"{"navigationBarTitleText": "C"}"#);
    let project = loaded(set);
    assert_eq!(project.app.as_ref().map(|a| a.style), Some(StyleSet::V2));
    let styles: Vec<_> = project.pages.iter().map(|p| p.config.style).collect();
    assert_eq!(styles, [None, Some(StyleSet::Default), None]);
    assert!(project.diagnostics.is_empty(), "{:?}", project.diagnostics);
}

#[test]
fn without_style_the_old_look_is_drawn_and_an_unknown_style_is_reported_at_its_value() {
    let set = simple_app(r#"{"pages": ["pages/a/a"]}"#, &["pages/a/a"]);
    assert_eq!(
        loaded(set).app.as_ref().map(|a| a.style),
        Some(StyleSet::Default)
    );
    let set = simple_app(r#"{"pages": ["pages/a/a"], "style": "v3"}"#, &["pages/a/a"]);
    let project = loaded(set);
    assert_eq!(
        project.app.as_ref().map(|a| a.style),
        Some(StyleSet::Default)
    );
    let d = one(&project, "json::unknown-style");
    assert_eq!(d.severity, Severity::Warning);
    let (file, line, _, text) = located(&project.files, d);
    assert_eq!(
        (file.as_str(), line, text.as_str()),
        ("app.json", 1, "\"v3\"")
    );
}

#[test]
fn miniport_json_domain_lists_keep_hosts_in_lower_case_and_locate_what_is_not_a_host() {
    let text = "{\"webView\": {\"domains\": [\"Example.com\", \"*.example.org\", \"https://pay.example.net:8443/\",\n \"javascript:alert(1)\", 7]},\n \"request\": {\"domains\": [\"wss://ws.example.com\", \"api.example.com/v1\"], \"legal\": true}}";
    let mut set = files(&[
        ("app.json", r#"{"pages": ["pages/index/index"]}"#),
        ("miniport.json", text),
    ]);
    with_sources(&mut set, &["pages/index/index"]);
    let project = loaded(set);
    assert_eq!(
        serde_json::Value::Object(project.meta.settings.clone()),
        serde_json::json!({
            "webView": {"domains": ["example.com", "*.example.org", "pay.example.net:8443"]},
            "request": {"domains": ["ws.example.com"]}
        })
    );
    let found: Vec<(&str, usize, String)> = project
        .diagnostics
        .iter()
        .map(|d| {
            let (file, line, _, text) = located(&project.files, d);
            assert_eq!(file, "miniport.json");
            (d.code, line, text)
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("json::wrong-type", 2, "\"javascript:alert(1)\"".to_string()),
            ("json::wrong-type", 2, "7".to_string()),
            ("json::wrong-type", 3, "\"api.example.com/v1\"".to_string()),
            ("json::unknown-key", 3, "\"legal\"".to_string()),
        ]
    );
    assert!(project.diagnostics.iter().all(|d| d.hint.is_some()));

    let mut set = files(&[
        ("app.json", r#"{"pages": ["pages/index/index"]}"#),
        (
            "miniport.json",
            r#"{"webView": {"domains": "example.com"}}"#,
        ),
    ]);
    with_sources(&mut set, &["pages/index/index"]);
    let project = loaded(set);
    assert!(project.meta.settings.is_empty());
    assert_eq!(
        one(&project, "json::wrong-type").message,
        "`webView.domains` in `miniport.json` must be a list of host names"
    );
}
