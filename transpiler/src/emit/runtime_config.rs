//! [`RuntimeConfig`]: the runtime's boot contract, which `app-config.js` assigns to a global.
//!
//! `app-config.js` sets `globalThis.__miniportConfig` to this value, serialized; the runtime
//! (`runtime-shim/src/index.js` and the modules it hands the config to) boots from it. Every
//! field says what the runtime reads it for, or that it does not. Keys are written in the
//! order of the fields; the free-form maps taken from the app's JSON keep the app's order
//! (serde_json's `preserve_order`). An `Option` field is written as `null` when absent unless
//! it says it is left out.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::Target;
use crate::project::{Mode, StyleSet, TabBar, Theme, WindowConfig};

/// The whole config, in the order its keys are written.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeConfig {
    /// miniport's version (`CARGO_PKG_VERSION`); the runtime does not read it, it tells a
    /// reader of the output which compiler wrote it.
    pub version: &'static str,
    /// Where the app runs; with `"telegram"`, `index.js` tells Telegram the app is ready and
    /// expands it.
    pub target: Target,
    /// `"app"` or `"library"`; a library boots no page (`index.js` stops after the framework
    /// and marks the document ready for the render tool and the library tests).
    pub mode: Mode,
    /// Widest page in CSS pixels. The runtime takes it from `miniport/settings.css`
    /// (`--miniport-max-page-width`); here for tools reading the config.
    pub max_page_width: u32,
    /// The first page's route (`entryPagePath`, else the first page); the router opens it when
    /// the address names no page, and `wx.getLaunchOptionsSync` falls back to it. `null` in
    /// library mode.
    pub entry: Option<String>,
    /// `app.json`'s `window`; `null` in library mode. The pages carry their merged windows,
    /// this is the app's own.
    pub window: Option<WindowConfig>,
    /// `app.json`'s `tabBar`, drawn by the router (`router/tabbar.js`) unless `custom`.
    pub tab_bar: Option<TabBar>,
    /// `app.json`'s `darkmode`: the router follows the system's colour scheme and resolves
    /// `@name` values through [`RuntimeConfig::theme`].
    pub darkmode: bool,
    /// `app.json`'s `style`: the look of the built-in components (`"default"` or `"v2"`), which
    /// `index.html` also carries as `data-miniport-style` for the stylesheets to select on.
    pub style: StyleSet,
    /// `theme.json`'s `light` and `dark` tables, for the `@name` values of windows and the tab
    /// bar (`router/navbar.js`).
    pub theme: Option<Theme>,
    /// Every page by route, in `app.json`'s order: what the router needs to open it.
    #[serde(serialize_with = "ordered_map")]
    pub pages: Vec<(String, PageEntry)>,
    /// Every custom component by path (without extension), sorted: what the framework needs
    /// to create it.
    pub components: BTreeMap<String, ComponentEntry>,
    /// Where the app's script modules are.
    pub scripts: ScriptsConfig,
    /// The `wx` APIs the scripts name, sorted, whose deferred code the runtime fetches when
    /// the first page is idle (`core/lazy.js`); `null` (fetch all) when a script picks APIs
    /// at run time (`wx[name]`).
    pub used_apis: Option<Vec<String>>,
    /// `project.config.json`'s `appid`, what `wx.getAccountInfoSync` answers with; left out
    /// when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// What keeps this app's `wx.setStorage` keys apart from another app's on the same origin
    /// (`api/core/storage.js`): the `appid`, else a hash of `app.json`.
    pub storage_scope: String,
    /// `ext.json`'s `ext` when `extEnable` is on, what `wx.getExtConfig(Sync)` answers with;
    /// left out otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ext: Option<Value>,
    /// `miniport.json`'s runtime settings, checked by the project loader, written as keys of
    /// the config itself: `telegram` (links and chats the Telegram APIs use) and
    /// `cloudStorageMirror` (`api/core/storage.js` copies storage to Telegram's
    /// CloudStorage). Their names are never those of the other fields.
    #[serde(flatten)]
    pub settings: Map<String, Value>,
    /// The output path of the app's own API implementations (`--api`), which `index.js`
    /// imports before the app's scripts run; left out without `--api`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_overrides: Option<&'static str>,
}

/// One page, as the router opens it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageEntry {
    /// The subpackage root the page belongs to; `null` in the main package.
    pub package: Option<String>,
    /// `app.json`'s `window` overridden by the page's JSON: the navigation bar, background,
    /// pull-down refresh and reach-bottom distance of this page.
    pub window: WindowConfig,
    /// Its style set: the page JSON's `style`, else `app.json`'s; the router puts it on
    /// `<html data-miniport-style>` while the page is shown.
    pub style: StyleSet,
    /// The stylesheets the router loads before showing the page: those of the components it
    /// uses, depth first, each once, then the page's own.
    pub css: Vec<String>,
    /// The custom components its template may use: tag → component path.
    pub using_components: BTreeMap<String, String>,
    /// The render module of its template, imported by the framework; `null` without one.
    pub template: Option<String>,
}

/// One custom component, as the framework creates it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComponentEntry {
    /// The prefix of its class names (`<scope>--<class>`), which its stylesheet was rewritten
    /// to match; the framework scopes classes and selector queries with it.
    pub scope: String,
    /// Its stylesheet, which the router loads with the page that uses it; `null` without one.
    pub css: Option<String>,
    /// The custom components its template may use: tag → component path.
    pub using_components: BTreeMap<String, String>,
    /// Its JSON's `styleIsolation`, when set there. The runtime takes isolation from the
    /// `Component()` options today; this is the JSON's word, for tools and a later runtime.
    pub style_isolation: Option<String>,
    /// In library mode, whether it is one of the library's top-level components (as opposed
    /// to one they use); `false` in an app. The runtime does not read it.
    pub entry: bool,
    /// The render module of its template, imported by the framework; `null` without one.
    pub template: Option<String>,
}

/// Where the app's modules are: the chunks, and the module of the app, each page and each
/// component.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScriptsConfig {
    /// The global each chunk calls to register its modules, which the runtime's registry
    /// installs (`modules/registry.js`).
    pub define: &'static str,
    /// The chunk of the main package, run by `index.js` before the app's module.
    pub main: Option<String>,
    /// Subpackage root → its chunk, loaded on the first navigation into it (and as
    /// `preloadRule` says), in the chunks' order. The workers' folder is not among them.
    #[serde(serialize_with = "ordered_map")]
    pub packages: Vec<(String, String)>,
    /// `app.json`'s `preloadRule` as written: page route → the packages to load after it
    /// shows (`router/stack.js`).
    pub preload_rule: Map<String, Value>,
    /// `app.json`'s `workers` folder, for `wx.createWorker`; `null` without one.
    pub workers: Option<WorkersConfig>,
    /// The module of `app.js`, required before the first page; `null` in library mode.
    pub app: Option<String>,
    /// Page route → its module, required when the page is first opened.
    pub pages: BTreeMap<String, String>,
    /// Component path → its module, required when the component is first created.
    pub components: BTreeMap<String, String>,
}

/// The scripts `wx.createWorker` runs (`api/web/managers.js`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkersConfig {
    /// The folder a worker's script must lie in.
    pub root: String,
    /// The chunk a worker loads its modules from; `null` when the folder holds no script.
    pub chunk: Option<String>,
}

/// Writes `(key, value)` pairs as a JSON object in their order (the keys are unique).
fn ordered_map<S: Serializer, V: Serialize>(
    entries: &[(String, V)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(entries.iter().map(|(k, v)| (k, v)))
}

impl RuntimeConfig {
    /// The config as a classic script that sets `globalThis.__miniportConfig` (`app-config.js`,
    /// a deferred script that `index.html` lists before the runtime's entry module).
    pub fn to_script(&self) -> Vec<u8> {
        let json = serde_json::to_string(self).unwrap_or_else(|_| "{}".into());
        format!("globalThis.__miniportConfig = {json};\n").into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> RuntimeConfig {
        RuntimeConfig {
            version: "0.0.0",
            target: Target::Web,
            mode: Mode::Library,
            max_page_width: 600,
            entry: None,
            window: None,
            tab_bar: None,
            darkmode: false,
            style: StyleSet::Default,
            theme: None,
            pages: Vec::new(),
            components: BTreeMap::new(),
            scripts: ScriptsConfig {
                define: "__define",
                main: None,
                packages: Vec::new(),
                preload_rule: Map::new(),
                workers: None,
                app: None,
                pages: BTreeMap::new(),
                components: BTreeMap::new(),
            },
            used_apis: None,
            app_id: None,
            storage_scope: String::new(),
            ext: None,
            settings: Map::new(),
            api_overrides: None,
        }
    }

    #[test]
    fn absent_options_are_null_except_the_ones_left_out() {
        let script = String::from_utf8(library().to_script()).unwrap_or_default();
        assert_eq!(
            script,
            "globalThis.__miniportConfig = {\"version\":\"0.0.0\",\"target\":\"web\",\
             \"mode\":\"library\",\"maxPageWidth\":600,\"entry\":null,\"window\":null,\
             \"tabBar\":null,\"darkmode\":false,\"style\":\"default\",\"theme\":null,\"pages\":{},\"components\":{},\
             \"scripts\":{\"define\":\"__define\",\"main\":null,\"packages\":{},\
             \"preloadRule\":{},\"workers\":null,\"app\":null,\"pages\":{},\"components\":{}},\
             \"usedApis\":null,\"storageScope\":\"\"};\n"
        );
    }

    #[test]
    fn pages_and_packages_keep_their_order_and_settings_sit_before_api_overrides() {
        let mut config = library();
        let page = |package: Option<&str>| PageEntry {
            package: package.map(str::to_string),
            window: WindowConfig::default(),
            style: StyleSet::V2,
            css: vec![],
            using_components: BTreeMap::new(),
            template: None,
        };
        config.pages = vec![("z/z".into(), page(None)), ("a/a".into(), page(Some("a")))];
        config.scripts.packages = vec![
            ("z".into(), "app/sub-z.js".into()),
            ("a".into(), "app/sub-a.js".into()),
        ];
        config.app_id = Some("wx1".into());
        config.ext = Some(Value::Null);
        config
            .settings
            .insert("telegram".into(), Value::Object(Map::new()));
        config
            .settings
            .insert("cloudStorageMirror".into(), Value::Bool(true));
        config.api_overrides = Some("api.js");
        let json = serde_json::to_string(&config).unwrap_or_default();
        let keys = [
            "\"z/z\":{\"package\":null,\"window\":{},\"style\":\"v2\"",
            "\"a/a\":{\"package\":\"a\"",
            "\"packages\":{\"z\":\"app/sub-z.js\",\"a\":\"app/sub-a.js\"}",
            "\"usedApis\":null,\"appId\":\"wx1\",\"storageScope\":\"\",\"ext\":null,\"telegram\":{},\
             \"cloudStorageMirror\":true,\"apiOverrides\":\"api.js\"}",
        ];
        let mut from = 0;
        for key in keys {
            let at = json[from..].find(key).map(|i| i + from);
            assert!(at.is_some(), "{key} not after byte {from} in {json}");
            from = at.unwrap_or_default();
        }
    }
}
