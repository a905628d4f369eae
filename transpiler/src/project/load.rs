//! Building a [`Project`] from a [`FileSet`]: root discovery, `app.json`, pages,
//! subpackages, the component graph, `theme.json`, and library mode.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde_json::Value;

use super::components::{resolve, ComponentRef};
use super::config::{AppConfig, ComponentConfig, Theme, WindowConfig};
use super::json::{string_span, JsonDoc};
use super::{Component, FileSet, Mode, Page, Project, ProjectMeta, SourceFiles};
use crate::diagnostics::Diagnostic;

/// Why nothing could be converted.
#[derive(Debug, Clone)]
pub struct LoadError {
    pub diagnostic: Diagnostic,
    /// The files, so the diagnostic can show its source.
    pub files: FileSet,
}

/// Loads the mini-program found in `given` (the files of the folder the user named).
pub fn load(given: FileSet) -> Result<Project, LoadError> {
    let mut diagnostics = Vec::new();
    let (root, meta) = find_root(&given, &mut diagnostics);
    let files = given.subset(&root);
    let fail = |diagnostic: Diagnostic| LoadError {
        diagnostic,
        files: files.clone(),
    };

    if let Some(text) = files.text("app.json") {
        let doc = JsonDoc::parse("app.json", text).map_err(&fail)?;
        let app = AppConfig::from_doc(&doc, &mut diagnostics);
        if app.pages.is_empty() && app.sub_packages.iter().all(|p| p.pages.is_empty()) {
            return Err(fail(
                Diagnostic::error("project::no-pages", "`app.json` lists no pages")
                    .in_file("app.json")
                    .with_span(doc.key_span("pages"))
                    .with_hint("add the page routes to `pages`, e.g. \"pages/index/index\""),
            ));
        }
        let mut loader = Loader::new(&files, &app, diagnostics);
        let theme = loader.theme();
        let pages = loader.pages();
        loader.tab_bar(&pages);
        let components = loader.finish_components();
        let diagnostics = loader.diagnostics;
        let mut project = Project {
            mode: Mode::App,
            files: files.clone(),
            root,
            meta,
            app: Some(app),
            theme,
            pages,
            components,
            diagnostics,
        };
        crate::diagnostics::normalize(&mut project.diagnostics);
        return Ok(project);
    }

    let entries = library_entries(&files);
    if entries.is_empty() {
        let hint = "point miniport at the folder that holds `app.json` (or `project.config.json`), or at a component library whose components have `\"component\": true` in their JSON";
        return Err(fail(
            Diagnostic::error(
                "project::not-found",
                "no mini-program here: there is no `app.json` and no component JSON",
            )
            .with_hint(hint),
        ));
    }
    let app = AppConfig::default();
    let mut loader = Loader::new(&files, &app, diagnostics);
    for entry in &entries {
        loader.queue.push_back(entry.clone());
    }
    let mut components = loader.finish_components();
    for entry in &entries {
        if let Some(c) = components.get_mut(entry) {
            c.entry = true;
        }
    }
    let diagnostics = loader.diagnostics;
    let mut project = Project {
        mode: Mode::Library,
        files,
        root,
        meta,
        app: None,
        theme: None,
        pages: Vec::new(),
        components,
        diagnostics,
    };
    crate::diagnostics::normalize(&mut project.diagnostics);
    Ok(project)
}

/// `project.config.json`'s `miniprogramRoot`, else the folder itself.
fn find_root(given: &FileSet, diagnostics: &mut Vec<Diagnostic>) -> (String, ProjectMeta) {
    let Some(text) = given.text("project.config.json") else {
        return (String::new(), ProjectMeta::default());
    };
    let doc = match JsonDoc::parse("project.config.json", text) {
        Ok(doc) => doc,
        Err(d) => {
            diagnostics.push(d.with_hint(
                "miniport reads `miniprogramRoot`, `appid` and `projectname` from this file; fix the JSON or remove the file",
            ));
            return (String::new(), ProjectMeta::default());
        }
    };
    let meta = ProjectMeta {
        appid: doc.field("appid", "a string", diagnostics),
        name: doc.field("projectname", "a string", diagnostics),
        description: doc.field("description", "a string", diagnostics),
    };
    let root: Option<String> = doc.field("miniprogramRoot", "a folder path", diagnostics);
    let root = root
        .and_then(|r| super::normalize(r.trim_start_matches('/')))
        .unwrap_or_default();
    if !root.is_empty() && !given.contains(&format!("{root}/app.json")) {
        let prefix = format!("{root}/");
        if !given.paths().any(|p| p.starts_with(&prefix)) {
            diagnostics.push(
                Diagnostic::warning(
                    "project::missing-root",
                    format!("`miniprogramRoot` names `{root}`, which holds no files"),
                )
                .in_file("project.config.json")
                .with_span(doc.key_span("miniprogramRoot"))
                .with_hint("the folder itself is used instead"),
            );
            return (String::new(), meta);
        }
    }
    (root, meta)
}

/// Components of a library: every JSON with `"component": true` beside a template.
fn library_entries(files: &FileSet) -> Vec<String> {
    files
        .paths()
        .filter(|p| !p.split('/').any(|s| s == "miniprogram_npm"))
        .filter_map(|p| p.strip_suffix(".json"))
        .filter(|base| files.contains(&format!("{base}.wxml")))
        .filter(|base| {
            files
                .text(&format!("{base}.json"))
                .and_then(|t| serde_json::from_str::<Value>(t).ok())
                .and_then(|v| v.get("component").and_then(Value::as_bool))
                .unwrap_or(false)
        })
        .map(str::to_string)
        .collect()
}

struct Loader<'a> {
    files: &'a FileSet,
    app: &'a AppConfig,
    diagnostics: Vec<Diagnostic>,
    queue: VecDeque<String>,
    components: BTreeMap<String, Component>,
}

impl<'a> Loader<'a> {
    fn new(files: &'a FileSet, app: &'a AppConfig, diagnostics: Vec<Diagnostic>) -> Self {
        Loader {
            files,
            app,
            diagnostics,
            queue: VecDeque::new(),
            components: BTreeMap::new(),
        }
    }

    fn theme(&mut self) -> Option<Theme> {
        if !self.app.darkmode {
            return None;
        }
        let location = self
            .app
            .theme_location
            .clone()
            .unwrap_or_else(|| "theme.json".into());
        let path = super::normalize(location.trim_start_matches('/')).unwrap_or_default();
        let Some(text) = self.files.text(&path) else {
            self.diagnostics.push(
                Diagnostic::error(
                    "project::missing-theme",
                    format!("`darkmode` is on but `{path}` does not exist"),
                )
                .in_file("app.json")
                .with_span(self.app_span("darkmode"))
                .with_hint("add theme.json with `light` and `dark` tables, or set `themeLocation`"),
            );
            return None;
        };
        let doc = match JsonDoc::parse(&path, text) {
            Ok(doc) => doc,
            Err(d) => {
                self.diagnostics.push(d);
                return None;
            }
        };
        let theme = Theme {
            light: doc
                .field("light", "an object of name → value", &mut self.diagnostics)
                .unwrap_or_default(),
            dark: doc
                .field("dark", "an object of name → value", &mut self.diagnostics)
                .unwrap_or_default(),
        };
        let mut used = BTreeSet::new();
        collect_theme_refs(&Value::Object(self.app.raw.clone()), &mut used);
        for name in used {
            for (scheme, table) in [("light", &theme.light), ("dark", &theme.dark)] {
                if !table.contains_key(&name) {
                    self.diagnostics.push(
                        Diagnostic::warning(
                            "project::unknown-theme-variable",
                            format!("`@{name}` is not defined in the `{scheme}` table of `{path}`"),
                        )
                        .in_file("app.json")
                        .with_span(self.app_span(&format!("@{name}")))
                        .with_hint(format!("add \"{name}\" to `{scheme}` in `{path}`")),
                    );
                }
            }
        }
        Some(theme)
    }

    fn app_span(&self, value: &str) -> std::ops::Range<usize> {
        self.files
            .text("app.json")
            .and_then(|t| string_span(t, value))
            .unwrap_or(0..1)
    }

    fn pages(&mut self) -> Vec<Page> {
        let mut routes: Vec<(String, Option<String>)> = Vec::new();
        for route in &self.app.pages {
            routes.push((route.clone(), None));
        }
        for package in &self.app.sub_packages {
            let root = package.root.trim_matches('/');
            for page in &package.pages {
                routes.push((
                    format!("{root}/{}", page.trim_start_matches('/')),
                    Some(root.to_string()),
                ));
            }
        }
        let mut seen = BTreeSet::new();
        let mut pages = Vec::new();
        for (route, package) in routes {
            if !seen.insert(route.clone()) {
                self.diagnostics.push(
                    Diagnostic::warning(
                        "project::duplicate-page",
                        format!("page `{route}` is listed twice"),
                    )
                    .in_file("app.json")
                    .with_span(self.app_span(&route)),
                );
                continue;
            }
            if let Some(page) = self.page(&route, package) {
                pages.push(page);
            }
        }
        if let Some(entry) = &self.app.entry_page_path {
            if !seen.contains(entry) {
                self.diagnostics.push(
                    Diagnostic::error(
                        "project::unknown-entry-page",
                        format!("`entryPagePath` names `{entry}`, which is not a page"),
                    )
                    .in_file("app.json")
                    .with_span(self.app_span(entry))
                    .with_hint("the first page of `pages` is used instead"),
                );
            }
        }
        pages
    }

    fn page(&mut self, route: &str, package: Option<String>) -> Option<Page> {
        let clean = route
            .trim_start_matches('/')
            .trim_end_matches(".wxml")
            .trim_end_matches(".js");
        let files = SourceFiles::find(self.files, clean);
        if files.wxml.is_none() || files.script.is_none() {
            let missing: Vec<&str> = [
                files.wxml.is_none().then_some(".wxml"),
                files.script.is_none().then_some(".js"),
            ]
            .into_iter()
            .flatten()
            .collect();
            let hint = if clean != route {
                format!("write the route without a leading `/` or extension: \"{clean}\"")
            } else {
                format!(
                    "create {} for this page, or remove it from app.json",
                    missing
                        .iter()
                        .map(|m| format!("`{clean}{m}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                )
            };
            self.diagnostics.push(
                Diagnostic::error(
                    "project::missing-page",
                    format!("page `{route}` has no {} file", missing.join(" or ")),
                )
                .in_file("app.json")
                .with_span(self.app_span(route))
                .with_label("listed here")
                .with_hint(hint),
            );
            if files.is_empty() {
                return None;
            }
        }
        let config = self.config_of(files.json.as_deref());
        let mut using = self.app.using_components.clone();
        using.extend(config.using_components.clone());
        let components =
            self.link_components(files.json.as_deref().unwrap_or("app.json"), &using, &config);
        Some(Page {
            route: clean.to_string(),
            package,
            files,
            components,
            config,
        })
    }

    fn config_of(&mut self, json: Option<&str>) -> ComponentConfig {
        let Some(path) = json else {
            return ComponentConfig::default();
        };
        let Some(text) = self.files.text(path) else {
            return ComponentConfig::default();
        };
        match JsonDoc::parse(path, text) {
            Ok(doc) => ComponentConfig::from_doc(&doc, &mut self.diagnostics),
            Err(d) => {
                self.diagnostics.push(d);
                ComponentConfig::default()
            }
        }
    }

    /// Resolves a `usingComponents` table written in `from`, queueing what it finds.
    fn link_components(
        &mut self,
        from: &str,
        using: &BTreeMap<String, String>,
        config: &ComponentConfig,
    ) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let mut refs: Vec<(String, String)> =
            using.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        for (name, generic) in &config.component_generics {
            if let Some(default) = generic.get("default").and_then(Value::as_str) {
                refs.push((name.clone(), default.to_string()));
            }
        }
        for (tag, reference) in refs {
            // A global component referenced from app.json resolves against app.json.
            let origin = if self.app.using_components.get(&tag) == Some(&reference)
                && !config.using_components.contains_key(&tag)
            {
                "app.json"
            } else {
                from
            };
            match resolve(self.files, origin, &reference, &self.app.resolve_alias) {
                ComponentRef::Local(path) => {
                    if !self.components.contains_key(&path) && !self.queue.contains(&path) {
                        self.queue.push_back(path.clone());
                    }
                    out.insert(tag, path);
                }
                ComponentRef::Plugin(p) => self.diagnostics.push(
                    Diagnostic::warning(
                        "project::plugin-unsupported",
                        format!("`{tag}` is the plugin component `{p}`, which miniport cannot carry over"),
                    )
                    .in_file(origin)
                    .with_span(self.span_in(origin, &reference))
                    .with_hint("plugins run only inside WeChat; replace it with a component of your own"),
                ),
                ComponentRef::Escapes => self.diagnostics.push(
                    Diagnostic::error(
                        "project::path-escapes-root",
                        format!("component `{tag}` points outside the mini-program: `{reference}`"),
                    )
                    .in_file(origin)
                    .with_span(self.span_in(origin, &reference))
                    .with_hint("miniport reads nothing outside the project root"),
                ),
                ComponentRef::Missing { tried } => self.diagnostics.push(
                    Diagnostic::error(
                        "project::missing-component",
                        format!("component `{tag}` not found: `{reference}`"),
                    )
                    .in_file(origin)
                    .with_span(self.span_in(origin, &reference))
                    .with_label("referred to here")
                    .with_hint(format!(
                        "looked for {}; for npm packages, build them into `miniprogram_npm` first",
                        tried.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
                    )),
                ),
            }
        }
        out
    }

    fn span_in(&self, file: &str, value: &str) -> std::ops::Range<usize> {
        self.files
            .text(file)
            .and_then(|t| string_span(t, value))
            .unwrap_or(0..1)
    }

    fn finish_components(&mut self) -> BTreeMap<String, Component> {
        while let Some(path) = self.queue.pop_front() {
            if self.components.contains_key(&path) {
                continue;
            }
            let files = SourceFiles::find(self.files, &path);
            let config = self.config_of(files.json.as_deref());
            if let Some(json) = &files.json {
                if !config.component && !config.raw.is_empty() {
                    self.diagnostics.push(
                        Diagnostic::warning(
                            "project::not-a-component",
                            format!(
                                "`{json}` is used as a component but lacks `\"component\": true`"
                            ),
                        )
                        .in_file(json.clone())
                        .with_span(0..1)
                        .with_hint("add \"component\": true to its JSON"),
                    );
                }
            }
            if files.wxml.is_none() {
                self.diagnostics.push(
                    Diagnostic::error(
                        "project::missing-component-file",
                        format!("component `{path}` has no `.wxml` template"),
                    )
                    .in_file(files.json.clone().unwrap_or_else(|| format!("{path}.js")))
                    .with_span(0..0)
                    .with_hint(format!("create `{path}.wxml`")),
                );
            }
            // Placeholder so cycles terminate.
            self.components.insert(
                path.clone(),
                Component {
                    path: path.clone(),
                    files: files.clone(),
                    components: BTreeMap::new(),
                    entry: false,
                    config: config.clone(),
                },
            );
            let from = files.json.clone().unwrap_or_else(|| format!("{path}.json"));
            let mut using = self.app.using_components.clone();
            using.extend(config.using_components.clone());
            let linked = self.link_components(&from, &using, &config);
            if let Some(c) = self.components.get_mut(&path) {
                c.components = linked;
            }
        }
        std::mem::take(&mut self.components)
    }

    fn tab_bar(&mut self, pages: &[Page]) {
        let Some(tab_bar) = &self.app.tab_bar else {
            return;
        };
        let count = tab_bar.list.len();
        if !(2..=5).contains(&count) {
            self.diagnostics.push(
                Diagnostic::warning(
                    "project::tab-bar-size",
                    format!("`tabBar.list` has {count} items; WeChat requires 2 to 5"),
                )
                .in_file("app.json")
                .with_span(self.app_span("tabBar")),
            );
        }
        for item in &tab_bar.list {
            let route = item.page_path.trim_start_matches('/');
            if !pages.iter().any(|p| p.route == route) {
                self.diagnostics.push(
                    Diagnostic::error(
                        "project::unknown-tab-page",
                        format!(
                            "tab `{}` points at `{}`, which is not a page",
                            item.text, item.page_path
                        ),
                    )
                    .in_file("app.json")
                    .with_span(self.app_span(&item.page_path))
                    .with_hint("a tab's `pagePath` must be one of `pages`"),
                );
            }
            for icon in [&item.icon_path, &item.selected_icon_path]
                .into_iter()
                .flatten()
            {
                let path = super::normalize(icon.trim_start_matches('/'));
                if path.as_deref().is_none_or(|p| !self.files.contains(p)) {
                    self.diagnostics.push(
                        Diagnostic::warning(
                            "project::missing-asset",
                            format!("tab icon `{icon}` does not exist"),
                        )
                        .in_file("app.json")
                        .with_span(self.app_span(icon))
                        .with_hint("icon paths are relative to the mini-program root"),
                    );
                }
            }
        }
        if tab_bar.custom {
            match resolve(
                self.files,
                "app.json",
                "/custom-tab-bar/index",
                &BTreeMap::new(),
            ) {
                ComponentRef::Local(path) => {
                    if !self.components.contains_key(&path) && !self.queue.contains(&path) {
                        self.queue.push_back(path);
                    }
                }
                _ => self.diagnostics.push(
                    Diagnostic::error(
                        "project::missing-custom-tab-bar",
                        "`tabBar.custom` is on but `custom-tab-bar/index` does not exist",
                    )
                    .in_file("app.json")
                    .with_span(self.app_span("custom"))
                    .with_hint("add the component `custom-tab-bar/index` at the root"),
                ),
            }
        }
    }
}

/// Collects `@name` theme references in string values.
fn collect_theme_refs(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::String(s) => {
            if let Some(name) = s.strip_prefix('@') {
                if !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                {
                    out.insert(name.to_string());
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_theme_refs(v, out)),
        Value::Object(map) => {
            for (key, v) in map {
                if key != "usingComponents" && key != "resolveAlias" {
                    collect_theme_refs(v, out);
                }
            }
        }
        _ => {}
    }
}

/// The window options of a page: `app.json` `window` overridden by the page's JSON.
pub fn page_window(app: &AppConfig, page: &Page) -> WindowConfig {
    let mut merged = serde_json::to_value(&app.window).unwrap_or(Value::Null);
    if let (Value::Object(base), Ok(Value::Object(over))) =
        (&mut merged, serde_json::to_value(&page.config.window))
    {
        for (k, v) in over {
            base.insert(k, v);
        }
    }
    serde_json::from_value(merged).unwrap_or_default()
}
