//! Building a [`Project`] from a [`FileSet`]: root discovery, `app.json`, and library mode;
//! pages, the component graph, the tab bar and the theme are in their own files.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fmt;
use std::ops::Range;

use serde_json::{Map, Value};

use super::config::{AppConfig, WindowConfig};
use super::domains::domains_section;
use super::graph::Queued;
use super::json::{string_span, JsonDoc};
use super::{Component, Mode, Page, Project, ProjectMeta};
use crate::source::Diagnostic;
use crate::source::FileSet;
use crate::source::{codes, line_col, locate, Step};

/// Why nothing could be converted.
#[derive(Debug, Clone)]
pub struct LoadError {
    /// What is wrong, located when it can be.
    pub diagnostic: Diagnostic,
    /// The files, so the diagnostic can show its source.
    pub files: FileSet,
}

/// One line, as a compiler prints it: `file:line:column: message`, with the position left
/// out when the diagnostic has none (the CLI shows the source with miette instead).
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let diagnostic = &self.diagnostic;
        if let Some(file) = &diagnostic.file {
            write!(f, "{file}")?;
            if let (Some(text), Some(span)) = (self.files.text(file), &diagnostic.span) {
                let at = line_col(text, span.start);
                write!(f, ":{}:{}", at.line, at.column)?;
            }
            f.write_str(": ")?;
        }
        f.write_str(&diagnostic.message)
    }
}

/// No underlying error: what went wrong is the diagnostic itself.
impl std::error::Error for LoadError {}

/// Loads the mini-program found in `given` (the files of the folder the user named).
// Failing is rare and ends the load; boxing would only burden every caller.
#[allow(clippy::result_large_err)]
pub fn load(given: FileSet) -> Result<Project, LoadError> {
    let mut diagnostics = Vec::new();
    let (root, mut meta) = find_root(&given, &mut diagnostics);
    let mut files = given.subset(&root);
    let mut npm = super::npm::build(&given, &root, &mut files, &mut diagnostics);
    let missing: BTreeSet<String> = npm.missing().into_iter().map(str::to_string).collect();
    meta.ext = ext_config(&files, &mut diagnostics);
    meta.settings = miniport_settings(&given, &mut diagnostics);
    diagnostics.extend(not_utf8_sources(&files));
    meta.max_file_size = meta
        .settings
        .remove("maxFileSize")
        .and_then(|v| v.as_u64())
        .and_then(|n| usize::try_from(n).ok());
    let fail = |diagnostic: Diagnostic| LoadError {
        diagnostic,
        files: files.clone(),
    };

    if files.contains("app.json") {
        let Some(text) = files.text("app.json") else {
            return Err(fail(
                Diagnostic::of(codes::JSON_NOT_UTF8, "`app.json` is not UTF-8 text")
                    .in_file("app.json")
                    .with_hint("save app.json as UTF-8"),
            ));
        };
        let doc = JsonDoc::parse("app.json", text).map_err(&fail)?;
        let app = AppConfig::from_doc(&doc, &mut diagnostics);
        if app.pages.is_empty() && app.sub_packages.iter().all(|p| p.pages.is_empty()) {
            return Err(fail(
                Diagnostic::of(codes::PROJECT_NO_PAGES, "`app.json` lists no pages")
                    .in_file("app.json")
                    .with_span(doc.key_span("pages"))
                    .with_hint("add the page routes to `pages`, e.g. \"pages/index/index\""),
            ));
        }
        let mut loader = Loader::new(&files, &app, diagnostics, &missing);
        loader.library = true;
        let theme = loader.theme();
        let pages = loader.pages();
        if let Some(theme) = &theme {
            loader.check_page_theme_refs(theme, &pages);
        }
        loader.tab_bar(&pages);
        let components = loader.finish_components();
        let diagnostics = loader.diagnostics;
        npm.reached_missing = loader.reached_missing;
        super::npm::prune(&mut files, reached(&pages, &components));
        let mut project = Project {
            mode: Mode::App,
            files,
            root,
            meta,
            app: Some(app),
            theme,
            pages,
            components,
            diagnostics,
            npm,
        };
        crate::source::normalize(&mut project.diagnostics);
        return Ok(project);
    }

    let entries = library_entries(&files);
    if entries.is_empty() {
        let hint = "point miniport at the folder that holds `app.json` (or `project.config.json`), or at a component library whose components have `\"component\": true` in their JSON";
        return Err(fail(
            Diagnostic::of(
                codes::PROJECT_NOT_FOUND,
                "no mini-program here: there is no `app.json` and no component JSON",
            )
            .with_hint(hint),
        ));
    }
    let app = AppConfig::default();
    let mut loader = Loader::new(&files, &app, diagnostics, &missing);
    loader.library = true;
    for entry in &entries {
        loader.enqueue(entry.clone(), None);
    }
    let mut components = loader.finish_components();
    for entry in &entries {
        if let Some(c) = components.get_mut(entry) {
            c.entry = true;
        }
    }
    let diagnostics = loader.diagnostics;
    npm.reached_missing = loader.reached_missing;
    super::npm::prune(&mut files, reached(&[], &components));
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
        npm,
    };
    crate::source::normalize(&mut project.diagnostics);
    Ok(project)
}

/// The source files of every page and component loaded, where reaching the npm packages
/// starts.
fn reached<'p>(
    pages: &'p [Page],
    components: &'p BTreeMap<String, Component>,
) -> impl Iterator<Item = &'p str> {
    pages
        .iter()
        .map(|p| &p.files)
        .chain(components.values().map(|c| &c.files))
        .flat_map(|f| [&f.json, &f.wxml, &f.wxss, &f.script])
        .filter_map(|f| f.as_deref())
}

/// `ext` of `ext.json` when `extEnable` is true (a third-party platform's per-app settings);
/// a malformed file is reported and ignored.
fn ext_config(files: &FileSet, diagnostics: &mut Vec<Diagnostic>) -> Option<Value> {
    let text = files.text("ext.json")?;
    let doc = match JsonDoc::parse("ext.json", text) {
        Ok(doc) => doc,
        Err(d) => {
            diagnostics.push(d.with_hint(
                "miniport gives `ext` to wx.getExtConfig when `extEnable` is true; fix the JSON or remove the file",
            ));
            return None;
        }
    };
    if !doc.field::<bool>("extEnable", "true or false", diagnostics)? {
        return None;
    }
    Some(
        doc.object
            .get("ext")
            .cloned()
            .unwrap_or_else(|| Value::Object(Default::default())),
    )
}

/// The runtime settings of `miniport.json` in the folder given: `telegram` (an object of
/// links and chats the Telegram APIs use) and `cloudStorageMirror` (true or false). A
/// malformed file, a wrongly typed field or an unknown key is reported and left out.
/// A diagnostic for each template, WXS module or script that is not UTF-8 text (stylesheets and
/// JSON files have their own); such a file is read as missing, which would otherwise be silent.
fn not_utf8_sources(files: &FileSet) -> Vec<Diagnostic> {
    const SOURCES: [&str; 5] = [".wxml", ".wxs", ".js", ".ts", ".mjs"];
    files
        .paths()
        .filter(|p| SOURCES.iter().any(|ext| p.ends_with(ext)))
        .filter(|p| files.text(p).is_none())
        .map(|p| {
            Diagnostic::of(codes::PROJECT_NOT_UTF8, format!("`{p}` is not UTF-8 text"))
                .in_file(p)
                .with_hint("save it as UTF-8 (WeChat's compiler reads only UTF-8); it is left out")
        })
        .collect()
}

/// The top-level keys of `miniport.json`.
const SETTINGS: [&str; 6] = [
    "telegram",
    "cloudStorageMirror",
    "map",
    "webView",
    "request",
    "maxFileSize",
];

fn miniport_settings(given: &FileSet, diagnostics: &mut Vec<Diagnostic>) -> Map<String, Value> {
    let mut settings = Map::new();
    let Some(text) = given.text(SETTINGS_FILE) else {
        return settings;
    };
    let doc = match JsonDoc::parse(SETTINGS_FILE, text) {
        Ok(doc) => doc,
        Err(d) => {
            diagnostics.push(d.with_hint(
                "miniport.json holds miniport's settings for the app (`telegram`, `cloudStorageMirror`); fix the JSON or remove the file",
            ));
            return settings;
        }
    };
    if let Some(telegram) = doc.field::<Map<String, Value>>("telegram", "an object", diagnostics) {
        let mut kept = Map::new();
        for (key, value) in telegram {
            let span = doc.key_span_at(&[Step::key("telegram"), Step::key(&key)]);
            match telegram_setting_fits(&key, &value) {
                Some(true) => {
                    kept.insert(key, value);
                }
                Some(false) => diagnostics.push(
                    Diagnostic::of(
                        codes::JSON_WRONG_TYPE,
                        format!("`telegram.{key}` in `{SETTINGS_FILE}` has the wrong type"),
                    )
                    .in_file(SETTINGS_FILE)
                    .with_span(span)
                    .with_hint("`miniPrograms` and `accounts` are objects of names to t.me links; `customerService` and `privacyUrl` are strings; this one is ignored"),
                ),
                None => diagnostics.push(
                    Diagnostic::of(
                        codes::JSON_UNKNOWN_KEY,
                        format!("`telegram.{key}` in `{SETTINGS_FILE}` is not a setting miniport knows"),
                    )
                    .in_file(SETTINGS_FILE)
                    .with_span(span)
                    .with_hint("the Telegram settings are `miniPrograms`, `accounts`, `customerService` and `privacyUrl`"),
                ),
            }
        }
        settings.insert("telegram".into(), Value::Object(kept));
    }
    if let Some(mirror) = doc.field::<bool>("cloudStorageMirror", "true or false", diagnostics) {
        settings.insert("cloudStorageMirror".into(), Value::Bool(mirror));
    }
    if let Some(map) = doc.field::<Map<String, Value>>("map", "an object", diagnostics) {
        settings.insert(
            "map".into(),
            Value::Object(map_setting(&doc, map, diagnostics)),
        );
    }
    // The host allow-lists: `webView` (WeChat's business domains) and `request` (its request,
    // upload, download and socket domains).
    for (section, schemes) in [
        ("webView", &["https"][..]),
        ("request", &["https", "wss"][..]),
    ] {
        if let Some(value) = doc.field::<Map<String, Value>>(section, "an object", diagnostics) {
            if let Some(kept) = domains_section(&doc, section, value, schemes, diagnostics) {
                settings.insert(section.into(), Value::Object(kept));
            }
        }
    }
    if let Some(size) = doc.field::<Value>("maxFileSize", "a number of bytes", diagnostics) {
        match size.as_u64() {
            Some(n) if n > 0 => {
                settings.insert("maxFileSize".into(), Value::from(n));
            }
            _ => diagnostics.push(
                Diagnostic::of(
                    codes::JSON_WRONG_TYPE,
                    format!("`maxFileSize` in `{SETTINGS_FILE}` must be a positive whole number of bytes"),
                )
                .in_file(SETTINGS_FILE)
                .with_span(doc.value_span(&[Step::key("maxFileSize")]))
                .with_hint("for example 16777216 for 16 MiB; the default (8 MiB) is used"),
            ),
        }
    }
    for key in doc.object.keys() {
        if !SETTINGS.contains(&key.as_str()) {
            diagnostics.push(
                Diagnostic::of(
                    codes::JSON_UNKNOWN_KEY,
                    format!("`{key}` in `{SETTINGS_FILE}` is not a setting miniport knows"),
                )
                .in_file(SETTINGS_FILE)
                .with_span(doc.key_span(key))
                .with_hint(
                    "miniport.json knows `telegram`, `cloudStorageMirror`, `map`, `webView`, `request` and `maxFileSize`",
                ),
            );
        }
    }
    settings
}

/// `map`: `tiles`, an https URL template with `{z}`, `{x}` and `{y}` (the `<map>` built-in
/// draws its tiles from it), and `attribution`, the text shown over the map. What does not
/// fit is reported and left out.
fn map_setting(
    doc: &JsonDoc,
    map: Map<String, Value>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Map<String, Value> {
    let mut kept = Map::new();
    for (key, value) in map {
        let span = doc.key_span_at(&[Step::key("map"), Step::key(&key)]);
        let problem = match (key.as_str(), value.as_str()) {
            ("tiles", Some(url))
                if url.starts_with("https://")
                    && ["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p)) =>
            {
                None
            }
            ("tiles", _) => Some((
                codes::JSON_WRONG_TYPE,
                "`map.tiles` must be an https URL template with `{z}`, `{x}` and `{y}`".to_string(),
                "for example \"https://tile.openstreetmap.org/{z}/{x}/{y}.png\"; without it `<map>` shows a placeholder",
            )),
            ("attribution", Some(_)) => None,
            ("attribution", None) => Some((
                codes::JSON_WRONG_TYPE,
                "`map.attribution` must be a string".to_string(),
                "the text shown in the map's corner, such as the tile provider's copyright",
            )),
            _ => Some((
                codes::JSON_UNKNOWN_KEY,
                format!("`map.{key}` in `{SETTINGS_FILE}` is not a setting miniport knows"),
                "the map settings are `tiles` and `attribution`",
            )),
        };
        match problem {
            None => {
                kept.insert(key, value);
            }
            Some((code, msg, hint)) => diagnostics.push(
                Diagnostic::of(code, msg)
                    .in_file(SETTINGS_FILE)
                    .with_span(span)
                    .with_hint(hint),
            ),
        }
    }
    kept
}

/// Whether `value` is of the type the Telegram setting `key` takes; `None` for an unknown key.
fn telegram_setting_fits(key: &str, value: &Value) -> Option<bool> {
    match key {
        "miniPrograms" | "accounts" => Some(value.is_object()),
        "customerService" | "privacyUrl" => Some(value.is_string()),
        _ => None,
    }
}

/// miniport's own settings file, beside `project.config.json` in the folder given.
pub const SETTINGS_FILE: &str = "miniport.json";

/// `project.config.json`'s `miniprogramRoot`, else the folder with `app.json` (the given
/// folder itself, or the shallowest folder below it that has one).
fn find_root(given: &FileSet, diagnostics: &mut Vec<Diagnostic>) -> (String, ProjectMeta) {
    let Some(text) = given.text("project.config.json") else {
        return (app_json_folder(given), ProjectMeta::default());
    };
    let doc = match JsonDoc::parse("project.config.json", text) {
        Ok(doc) => doc,
        Err(d) => {
            diagnostics.push(d.with_hint(
                "miniport reads `miniprogramRoot`, `appid` and `projectname` from this file; fix the JSON or remove the file",
            ));
            return (app_json_folder(given), ProjectMeta::default());
        }
    };
    let meta = ProjectMeta {
        appid: doc.field("appid", "a string", diagnostics),
        name: doc.field("projectname", "a string", diagnostics),
        description: doc.field("description", "a string", diagnostics),
        compiler_plugins: super::config::compiler_plugins(&doc, diagnostics),
        ext: None,
        settings: Default::default(),
        max_file_size: None,
    };
    let Some(written) = doc.field::<String>("miniprogramRoot", "a folder path", diagnostics) else {
        return (app_json_folder(given), meta);
    };
    let span = doc.value_span(&[Step::key("miniprogramRoot")]);
    let Some(root) = crate::source::normalize_path(written.trim_start_matches('/')) else {
        diagnostics.push(
            Diagnostic::of(
                codes::PROJECT_PATH_ESCAPES_ROOT,
                format!("`miniprogramRoot` names `{written}`, which is outside the project folder"),
            )
            .in_file("project.config.json")
            .with_span(span)
            .with_hint("miniport reads nothing outside the folder it is given; the folder with `app.json` is used instead"),
        );
        return (app_json_folder(given), meta);
    };
    let prefix = format!("{root}/");
    if !root.is_empty() && !given.paths().any(|p| p.starts_with(&prefix)) {
        diagnostics.push(
            Diagnostic::of(
                codes::PROJECT_MISSING_ROOT,
                format!("`miniprogramRoot` names `{root}`, which holds no files"),
            )
            .in_file("project.config.json")
            .with_span(span)
            .with_hint("the folder with `app.json` is used instead"),
        );
        return (app_json_folder(given), meta);
    }
    (root, meta)
}

/// The given folder when it has `app.json`, else the shallowest folder below it that has one
/// (outside npm and hidden folders), else the given folder.
fn app_json_folder(given: &FileSet) -> String {
    if given.contains("app.json") {
        return String::new();
    }
    given
        .paths()
        .filter_map(|p| p.strip_suffix("/app.json"))
        .filter(|dir| {
            !dir.split('/')
                .any(|s| s.starts_with('.') || s == "node_modules" || s == "miniprogram_npm")
        })
        .min_by_key(|dir| (dir.split('/').count(), *dir))
        .unwrap_or_default()
        .to_string()
}

/// Components of a library: every JSON beside a template that says `"component": true`, or
/// that cannot be read (so its error is reported rather than the component skipped).
fn library_entries(files: &FileSet) -> Vec<String> {
    files
        .paths()
        .filter(|p| {
            !p.split('/')
                .any(|s| s == "miniprogram_npm" || s == "node_modules")
        })
        .filter_map(|p| p.strip_suffix(".json"))
        .filter(|base| files.contains(&format!("{base}.wxml")))
        .filter(|base| {
            match files
                .text(&format!("{base}.json"))
                .map(serde_json::from_str::<Value>)
            {
                Some(Ok(value)) => value.get("component").and_then(Value::as_bool) == Some(true),
                _ => files.contains(&format!("{base}.js")) || files.contains(&format!("{base}.ts")),
            }
        })
        .map(str::to_string)
        .collect()
}

/// A JSON file and a path into it.
type SpanKey = (String, Vec<Step>);

/// The state of one load: the inputs, what has been found, and the diagnostics so far.
pub(super) struct Loader<'a> {
    pub(super) files: &'a FileSet,
    pub(super) app: &'a AppConfig,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) queue: VecDeque<Queued>,
    pub(super) components: BTreeMap<String, Component>,
    /// Library mode: the library may name its own components by its package name.
    pub(super) library: bool,
    /// npm packages listed but not installed, reported once in their `package.json`.
    pub(super) missing: &'a BTreeSet<String>,
    /// Those of `missing` a component reference uses: package → the JSON file naming it.
    pub(super) reached_missing: BTreeMap<String, String>,
    /// Spans already located, by file and path: every page and component links the global
    /// components of `app.json`, and each lookup scans the file from its start.
    spans: RefCell<HashMap<SpanKey, Option<Range<usize>>>>,
}

impl<'a> Loader<'a> {
    fn new(
        files: &'a FileSet,
        app: &'a AppConfig,
        diagnostics: Vec<Diagnostic>,
        missing: &'a BTreeSet<String>,
    ) -> Self {
        Loader {
            library: false,
            missing,
            reached_missing: BTreeMap::new(),
            files,
            app,
            diagnostics,
            queue: VecDeque::new(),
            components: BTreeMap::new(),
            spans: RefCell::default(),
        }
    }

    /// Span of the value at `path` in `file`, when both exist.
    pub(super) fn span_at(&self, file: &str, path: &[Step]) -> Option<Range<usize>> {
        let key = (file.to_string(), path.to_vec());
        if let Some(span) = self.spans.borrow().get(&key) {
            return span.clone();
        }
        let span = locate(self.files.text(file)?, path).map(|l| l.value);
        self.spans.borrow_mut().insert(key, span.clone());
        span
    }

    /// Span of the first string literal equal to `value` in `file`.
    pub(super) fn string_in(&self, file: &str, value: &str) -> Option<Range<usize>> {
        string_span(self.files.text(file)?, value)
    }
}

/// Attaches `span` when there is one.
pub(super) fn spanned(diagnostic: Diagnostic, span: Option<Range<usize>>) -> Diagnostic {
    match span {
        Some(span) => diagnostic.with_span(span),
        None => diagnostic,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_error_message_names_the_file_line_and_column() {
        let mut files = FileSet::new();
        files.insert("app.json", "{\n  \"pages\": []\n}\n");
        let Err(err) = load(files) else {
            panic!("an app.json without pages loaded");
        };
        assert_eq!(err.to_string(), "app.json:2:3: `app.json` lists no pages");
        assert!(std::error::Error::source(&err).is_none());
    }

    #[test]
    fn load_error_message_without_a_file_is_the_message() {
        let Err(err) = load(FileSet::new()) else {
            panic!("an empty folder loaded");
        };
        assert_eq!(
            err.to_string(),
            "no mini-program here: there is no `app.json` and no component JSON"
        );
    }
}
