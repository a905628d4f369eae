//! The typed model of `app.json`, page and component JSON, and `theme.json`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::json::JsonDoc;
use crate::diagnostics::Diagnostic;

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
    pub style: Option<String>,
    pub resolve_alias: BTreeMap<String, String>,
    pub use_extended_lib: Map<String, Value>,
    pub lazy_code_loading: Option<String>,
    pub darkmode: bool,
    pub theme_location: Option<String>,
    pub preload_rule: Map<String, Value>,
    pub permission: Map<String, Value>,
    /// The whole object as written, for fields the runtime reads itself.
    pub raw: Map<String, Value>,
}

impl AppConfig {
    pub fn from_doc(doc: &JsonDoc, diagnostics: &mut Vec<Diagnostic>) -> Self {
        let d = diagnostics;
        let sub_packages = match (doc.object.get("subPackages"), doc.object.get("subpackages")) {
            (Some(_), _) => doc.field("subPackages", "an array of subpackages", d),
            (None, Some(_)) => doc.field("subpackages", "an array of subpackages", d),
            _ => None,
        };
        AppConfig {
            pages: doc
                .field("pages", "an array of page paths", d)
                .unwrap_or_default(),
            entry_page_path: doc.field("entryPagePath", "a page path", d),
            sub_packages: sub_packages.unwrap_or_default(),
            window: doc
                .field("window", "an object of window options", d)
                .unwrap_or_default(),
            tab_bar: doc.field("tabBar", "a tabBar object with a `list`", d),
            using_components: doc
                .field("usingComponents", "an object of tag → path", d)
                .unwrap_or_default(),
            style: doc.field("style", "a string such as \"v2\"", d),
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
            raw: doc.object.clone(),
        }
    }
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
        let window = match serde_json::from_value(Value::Object(window_object)) {
            Ok(w) => w,
            Err(err) => {
                d.push(
                    Diagnostic::error(
                        "json::wrong-type",
                        format!("a window option in `{}` has the wrong type", doc.file),
                    )
                    .in_file(doc.file)
                    .with_span(0..doc.text.len().min(1))
                    .with_label(err.to_string()),
                );
                WindowConfig::default()
            }
        };
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
