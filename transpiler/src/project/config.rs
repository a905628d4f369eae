//! The typed model of `app.json`, page and component JSON, and `theme.json`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::json::{kind, strip_position, JsonDoc};
use crate::source::Step;
use crate::source::{codes, Diagnostic};

/// Window options, shared by `app.json` `window` and page JSON (where they sit at top level).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WindowConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub navigation_bar_background_color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub navigation_bar_text_style: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub navigation_bar_title_text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub navigation_style: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_text_style: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_color_top: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_color_bottom: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_pull_down_refresh: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_reach_bottom_distance: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_orientation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disable_scroll: Option<bool>,
    /// Window options miniport does not interpret, kept for the runtime.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// Keys of [`WindowConfig`], used to pick window options out of a page's JSON.
const WINDOW_KEYS: &[&str] = &[
    "navigationBarBackgroundColor",
    "navigationBarTextStyle",
    "navigationBarTitleText",
    "navigationStyle",
    "backgroundColor",
    "backgroundTextStyle",
    "backgroundColorTop",
    "backgroundColorBottom",
    "enablePullDownRefresh",
    "onReachBottomDistance",
    "pageOrientation",
    "disableScroll",
    "homeButton",
    "restartStrategy",
    "initialRenderingCache",
    "visualEffectInBackground",
    "handleWebviewPreload",
];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubPackage {
    pub root: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default)]
    pub pages: Vec<String>,
    #[serde(default)]
    pub independent: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TabBarItem {
    pub page_path: String,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_icon_path: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TabBar {
    pub color: Option<String>,
    pub selected_color: Option<String>,
    pub background_color: Option<String>,
    pub border_style: Option<String>,
    pub position: Option<String>,
    pub custom: bool,
    pub list: Vec<TabBarItem>,
}

/// `app.json`, with each field checked on its own: a field of the wrong type is dropped with
/// a diagnostic, the rest is kept.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AppConfig {
    pub pages: Vec<String>,
    pub entry_page_path: Option<String>,
    pub sub_packages: Vec<SubPackage>,
    pub window: WindowConfig,
    pub tab_bar: Option<TabBar>,
    pub using_components: BTreeMap<String, String>,
    /// `style`: which look WeChat gives the built-in components (`"v2"`, else the old one).
    pub style: StyleSet,
    pub resolve_alias: BTreeMap<String, String>,
    pub use_extended_lib: Map<String, Value>,
    pub lazy_code_loading: Option<String>,
    pub darkmode: bool,
    pub theme_location: Option<String>,
    pub preload_rule: Map<String, Value>,
    pub permission: Map<String, Value>,
    /// The folder of worker scripts (`workers`: a path, or `{ "path": … }`), without slashes
    /// at either end.
    pub workers: Option<String>,
    /// The whole object as written, for fields the runtime reads itself.
    pub raw: Map<String, Value>,
}

impl AppConfig {
    pub fn from_doc(doc: &JsonDoc, diagnostics: &mut Vec<Diagnostic>) -> Self {
        let d = diagnostics;
        let sub_packages = doc.array_field(
            sub_packages_key(&doc.object),
            "an array of subpackages",
            "a subpackage with a `root` and `pages`",
            d,
        );
        let window = doc
            .field::<Map<String, Value>>("window", "an object of window options", d)
            .map(|w| window_from(w, doc, &[Step::key("window")], d))
            .unwrap_or_default();
        AppConfig {
            pages: doc.array_field("pages", "an array of page paths", "a page path", d),
            entry_page_path: doc.field("entryPagePath", "a page path", d),
            sub_packages,
            window,
            tab_bar: tab_bar_from(doc, d),
            using_components: doc
                .field("usingComponents", "an object of tag → path", d)
                .unwrap_or_default(),
            style: style_from(doc, d).unwrap_or_default(),
            resolve_alias: doc
                .field("resolveAlias", "an object of alias → path", d)
                .unwrap_or_default(),
            use_extended_lib: doc
                .field("useExtendedLib", "an object", d)
                .unwrap_or_default(),
            lazy_code_loading: doc.field("lazyCodeLoading", "a string", d),
            darkmode: doc.field("darkmode", "a boolean", d).unwrap_or(false),
            theme_location: doc.field("themeLocation", "a path to theme.json", d),
            preload_rule: doc.field("preloadRule", "an object", d).unwrap_or_default(),
            permission: doc.field("permission", "an object", d).unwrap_or_default(),
            workers: workers_from(doc, d),
            raw: doc.object.clone(),
        }
    }
}

/// Which of WeChat's two default looks the built-in components get: the old one, or the one
/// `"style": "v2"` turns on (weui 2: narrower, bolder buttons, brand green `#07c160`, …).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StyleSet {
    /// The look without `"style": "v2"`: full-width, regular-weight buttons, green `#1aad19`.
    #[default]
    Default,
    /// `"style": "v2"`.
    V2,
}

impl StyleSet {
    /// The name the runtime and its stylesheets use: `"default"` or `"v2"`.
    pub fn as_str(self) -> &'static str {
        match self {
            StyleSet::Default => "default",
            StyleSet::V2 => "v2",
        }
    }

    /// The runtime stylesheet with this set's look of the built-ins.
    pub fn stylesheet(self) -> &'static str {
        match self {
            StyleSet::Default => "miniport/components/style-default.css",
            StyleSet::V2 => "miniport/components/style-v2.css",
        }
    }
}

/// `style` of `app.json` or a page's JSON: `"v2"`, `"default"`, or absent. Any other string is
/// reported and read as `"default"`, which is what WeChat draws for it.
fn style_from(doc: &JsonDoc, d: &mut Vec<Diagnostic>) -> Option<StyleSet> {
    let value: String = doc.field("style", "a string such as \"v2\"", d)?;
    match value.as_str() {
        "v2" => Some(StyleSet::V2),
        "default" => Some(StyleSet::Default),
        _ => {
            d.push(
                Diagnostic::of(
                    codes::JSON_UNKNOWN_STYLE,
                    format!("`style` in `{}` is {value:?}, which WeChat does not know", doc.file),
                )
                .in_file(doc.file)
                .with_span(doc.value_span(&[Step::key("style")]))
                .with_hint("write `\"style\": \"v2\"` for the new look of the built-in components; the old look is drawn"),
            );
            Some(StyleSet::Default)
        }
    }
}

/// `workers`: `"workers"` or `{ "path": "workers", "isSubpackage": … }`; anything else is
/// reported at the key and ignored.
fn workers_from(doc: &JsonDoc, d: &mut Vec<Diagnostic>) -> Option<String> {
    let value = doc.object.get("workers")?;
    let path = match value {
        Value::String(s) => Some(s.as_str()),
        Value::Object(o) => o.get("path").and_then(Value::as_str),
        _ => None,
    };
    let folder = path.map(|p| p.trim_matches('/')).filter(|p| !p.is_empty());
    if folder.is_none() {
        d.push(
            Diagnostic::of(
                codes::JSON_WRONG_TYPE,
                format!("`workers` in `{}` must name a folder", doc.file),
            )
            .in_file(doc.file)
            .with_span(doc.key_span("workers"))
            .with_hint("write `\"workers\": \"workers\"` (or `{ \"path\": \"workers\" }`); worker scripts are not emitted until then"),
        );
    }
    folder.map(str::to_string)
}

/// The key `app.json` lists its subpackages under: `subPackages`, or the older `subpackages`.
pub fn sub_packages_key(object: &Map<String, Value>) -> &'static str {
    if !object.contains_key("subPackages") && object.contains_key("subpackages") {
        "subpackages"
    } else {
        "subPackages"
    }
}

/// `tabBar`: its options as a whole, and each item of `list` on its own.
fn tab_bar_from(doc: &JsonDoc, d: &mut Vec<Diagnostic>) -> Option<TabBar> {
    let mut object: Map<String, Value> = doc.field("tabBar", "a tabBar object with a `list`", d)?;
    let list = object.remove("list");
    let mut tab_bar: TabBar = match serde_json::from_value(Value::Object(object)) {
        Ok(t) => t,
        Err(err) => {
            d.push(wrong_type(
                codes::JSON_WRONG_TYPE,
                doc,
                &[Step::key("tabBar")],
                "a tabBar object",
                &err,
            ));
            return None;
        }
    };
    let path = [Step::key("tabBar"), Step::key("list")];
    match list {
        Some(Value::Array(items)) => {
            tab_bar.list = doc.elements(&path, items, "a tab with a `pagePath`", d);
        }
        Some(other) => d.push(
            Diagnostic::of(
                codes::JSON_WRONG_TYPE,
                format!("`tabBar.list` in `{}` must be an array of tabs", doc.file),
            )
            .in_file(doc.file)
            .with_span(doc.key_span_at(&path))
            .with_hint(format!("this field is ignored; found {}", kind(&other))),
        ),
        None => {}
    }
    Some(tab_bar)
}

fn wrong_type(
    code: codes::Code,
    doc: &JsonDoc,
    path: &[Step],
    expected: &str,
    err: &serde_json::Error,
) -> Diagnostic {
    let name = super::json::dotted(path);
    Diagnostic::of(
        code,
        format!("`{name}` in `{}` must be {expected}", doc.file),
    )
    .in_file(doc.file)
    .with_span(doc.key_span_at(path))
    .with_label(strip_position(&err.to_string()))
    .with_hint("this field is ignored")
}

fn key_name(path: &[Step]) -> &str {
    match path.last() {
        Some(Step::Key(k)) => k,
        _ => "",
    }
}

/// Window options from `object` (the members at `path` in `doc`), each checked on its own:
/// an option of the wrong type is dropped with a diagnostic at its key.
fn window_from(
    object: Map<String, Value>,
    doc: &JsonDoc,
    path: &[Step],
    d: &mut Vec<Diagnostic>,
) -> WindowConfig {
    let mut kept = Map::new();
    for (key, value) in object {
        let single = Value::Object(Map::from_iter([(key.clone(), value.clone())]));
        match serde_json::from_value::<WindowConfig>(single) {
            Ok(_) => {
                kept.insert(key, value);
            }
            Err(err) => {
                let mut at = path.to_vec();
                at.push(Step::Key(key));
                let expected = match key_name(&at) {
                    "enablePullDownRefresh" | "disableScroll" => "a boolean",
                    "onReachBottomDistance" => "a number",
                    _ => "a string",
                };
                // A window option only changes a look: WeChat's tools warn and run.
                d.push(wrong_type(
                    codes::JSON_WRONG_OPTION_TYPE,
                    doc,
                    &at,
                    expected,
                    &err,
                ));
            }
        }
    }
    serde_json::from_value(Value::Object(kept)).unwrap_or_default()
}

/// A page's or a component's JSON.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ComponentConfig {
    /// `"component": true`: a component, or a page built with `Component()`.
    pub component: bool,
    pub using_components: BTreeMap<String, String>,
    pub component_generics: Map<String, Value>,
    pub component_placeholder: BTreeMap<String, String>,
    pub style_isolation: Option<String>,
    /// A page's `style` (`"v2"` or `"default"`), which overrides `app.json`'s for that page.
    pub style: Option<StyleSet>,
    /// Page window options (top-level keys of a page's JSON).
    pub window: WindowConfig,
    pub raw: Map<String, Value>,
}

impl ComponentConfig {
    pub fn from_doc(doc: &JsonDoc, diagnostics: &mut Vec<Diagnostic>) -> Self {
        let d = diagnostics;
        let window_object: Map<String, Value> = doc
            .object
            .iter()
            .filter(|(k, _)| WINDOW_KEYS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let window = window_from(window_object, doc, &[], d);
        ComponentConfig {
            component: doc.field("component", "a boolean", d).unwrap_or(false),
            using_components: doc
                .field("usingComponents", "an object of tag → path", d)
                .unwrap_or_default(),
            component_generics: doc
                .field("componentGenerics", "an object", d)
                .unwrap_or_default(),
            component_placeholder: doc
                .field("componentPlaceholder", "an object of tag → tag", d)
                .unwrap_or_default(),
            style_isolation: doc.field("styleIsolation", "a string", d),
            style: style_from(doc, d),
            window,
            raw: doc.object.clone(),
        }
    }
}

/// `theme.json`: the `light` and `dark` variable tables that `@name` values in `app.json`
/// and page JSON refer to when `darkmode` is on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    #[serde(default)]
    pub light: BTreeMap<String, String>,
    #[serde(default)]
    pub dark: BTreeMap<String, String>,
}

impl Theme {
    /// The value of `value` in `scheme`: `@name` is looked up, anything else is itself.
    pub fn resolve<'a>(&'a self, value: &'a str, dark: bool) -> Option<&'a str> {
        match value.strip_prefix('@') {
            Some(name) => {
                let table = if dark { &self.dark } else { &self.light };
                table.get(name).map(String::as_str)
            }
            None => Some(value),
        }
    }
}

/// `setting.useCompilerPlugins` of `project.config.json` (WeChat's developer tool compiles
/// TypeScript, Less and Sass when it names `"typescript"`, `"less"`, `"sass"`); an item that
/// is not a string is dropped with a diagnostic at it.
pub fn compiler_plugins(doc: &JsonDoc, diagnostics: &mut Vec<Diagnostic>) -> Vec<String> {
    let Some(Value::Array(items)) = doc
        .object
        .get("setting")
        .and_then(|setting| setting.get("useCompilerPlugins"))
    else {
        return Vec::new();
    };
    let path = [Step::key("setting"), Step::key("useCompilerPlugins")];
    doc.elements(&path, items.clone(), "a plugin name", diagnostics)
}
