//! `app-config.js`: what the runtime boots from (routes, window options, tab bar, theme,
//! stylesheets per page and component), as one JSON value assigned to a global.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use super::{EmitOptions, API_OVERRIDES_FILE};
use crate::project::{page_window, Project};
use crate::script::Scripts;
use crate::style::{component_scope, css_path, EmittedSheet};
use crate::template::print::render_module_path;

pub fn app_config(
    project: &Project,
    sheets: &[EmittedSheet],
    scripts: &Scripts,
    options: &EmitOptions,
) -> Value {
    let emitted: BTreeSet<&str> = sheets.iter().map(|s| s.out.as_str()).collect();
    let css_of = |wxss: &Option<String>| -> Option<String> {
        let out = css_path(wxss.as_deref()?);
        emitted.contains(out.as_str()).then_some(out)
    };

    let mut components = Map::new();
    for (path, component) in &project.components {
        components.insert(
            path.clone(),
            json!({
                "scope": component_scope(path),
                "css": css_of(&component.files.wxss),
                "usingComponents": component.components,
                "styleIsolation": component.config.style_isolation,
                "entry": component.entry,
                "template": component.files.wxml.as_deref().map(render_module_path),
            }),
        );
    }

    let mut pages = Map::new();
    for page in &project.pages {
        let mut css: Vec<String> = Vec::new();
        let mut seen = BTreeSet::new();
        collect_component_css(project, &page.components, &css_of, &mut seen, &mut css);
        css.extend(css_of(&page.files.wxss));
        let window = project
            .app
            .as_ref()
            .map(|app| page_window(app, page))
            .unwrap_or_default();
        pages.insert(
            page.route.clone(),
            json!({
                "package": page.package,
                "window": window,
                "css": css,
                "usingComponents": page.components,
                "template": page.files.wxml.as_deref().map(render_module_path),
            }),
        );
    }

    let app = project.app.as_ref();
    let mut config = json!({
        "version": env!("CARGO_PKG_VERSION"),
        "target": options.target,
        "mode": project.mode,
        "maxPageWidth": options.max_page_width,
        "entry": project.entry_page(),
        "window": app.map(|a| &a.window),
        "tabBar": app.and_then(|a| a.tab_bar.as_ref()),
        "darkmode": app.is_some_and(|a| a.darkmode),
        "theme": project.theme,
        "pages": pages,
        "components": components,
        "scripts": scripts_config(project, scripts),
        // The wx APIs the scripts name, whose deferred code the runtime fetches when the first
        // page is idle; null (fetch all) when a script picks APIs at run time (`wx[name]`).
        "usedApis": scripts.usage.dynamic.is_empty().then(|| scripts.usage.apis.keys().collect::<Vec<_>>()),
    });
    // What wx.getAccountInfoSync and wx.getExtConfig answer with.
    if let Some(map) = config.as_object_mut() {
        if let Some(appid) = &project.meta.appid {
            map.insert("appId".into(), Value::from(appid.clone()));
        }
        if let Some(ext) = &project.meta.ext {
            map.insert("ext".into(), ext.clone());
        }
        // miniport.json's runtime settings (Telegram links and chats, the CloudStorage copy).
        for (key, value) in &project.meta.settings {
            map.insert(key.clone(), value.clone());
        }
    }
    // The app's own API implementations, imported by the runtime before the app's scripts run.
    if options.api_overrides.is_some() {
        if let Some(map) = config.as_object_mut() {
            map.insert("apiOverrides".into(), Value::from(API_OVERRIDES_FILE));
        }
    }
    config
}

/// Where the app's modules are: the chunks (main, then one per subpackage, loaded on first
/// navigation into it or as `preloadRule` says) and the module of the app, each page and
/// each component.
fn scripts_config(project: &Project, scripts: &Scripts) -> Value {
    let main = scripts.chunks.iter().find(|c| c.root.is_none());
    let workers = project.app.as_ref().and_then(|a| a.workers.as_deref());
    let packages: Map<String, Value> = scripts
        .chunks
        .iter()
        .filter(|c| c.root.as_deref() != workers)
        .filter_map(|c| Some((c.root.clone()?, Value::from(c.path.clone()))))
        .collect();
    // wx.createWorker's scripts: their folder and the chunk a worker loads.
    let workers = workers.map(|root| {
        let chunk = scripts
            .chunks
            .iter()
            .find(|c| c.root.as_deref() == Some(root));
        json!({ "root": root, "chunk": chunk.map(|c| c.path.as_str()) })
    });
    let preload: Map<String, Value> = project
        .app
        .as_ref()
        .map(|a| a.preload_rule.clone())
        .unwrap_or_default();
    json!({
        "define": crate::script::DEFINE,
        "main": main.map(|c| c.path.as_str()),
        "packages": packages,
        "preloadRule": preload,
        "workers": workers,
        "app": scripts.app,
        "pages": scripts.pages,
        "components": scripts.components,
    })
}

/// Stylesheets of the components a page uses, depth first, each once.
fn collect_component_css(
    project: &Project,
    using: &BTreeMap<String, String>,
    css_of: &dyn Fn(&Option<String>) -> Option<String>,
    seen: &mut BTreeSet<String>,
    out: &mut Vec<String>,
) {
    for path in using.values() {
        if !seen.insert(path.clone()) {
            continue;
        }
        if let Some(component) = project.components.get(path) {
            collect_component_css(project, &component.components, css_of, seen, out);
            out.extend(css_of(&component.files.wxss));
        }
    }
}

/// The config as a classic script that sets `globalThis.__miniportConfig`.
pub fn to_script(config: &Value) -> Vec<u8> {
    let json = serde_json::to_string(config).unwrap_or_else(|_| "{}".into());
    format!("globalThis.__miniportConfig = {json};\n").into_bytes()
}
