//! `app-config.js`: builds the [`RuntimeConfig`] the runtime boots from (routes, window
//! options, tab bar, theme, stylesheets per page and component) out of the project and the
//! units' results.

use std::collections::{BTreeMap, BTreeSet};

use super::runtime_config::{
    ComponentEntry, PageEntry, RuntimeConfig, ScriptsConfig, WorkersConfig,
};
use super::{Options, API_OVERRIDES_FILE};
use crate::project::{page_window, Project};
use crate::script::Scripts;
use crate::style::{component_scope, css_path, EmittedSheet};
use crate::template::print::render_module_path;

pub fn app_config(
    project: &Project,
    sheets: &[EmittedSheet],
    scripts: &Scripts,
    options: &Options,
) -> RuntimeConfig {
    let emitted: BTreeSet<&str> = sheets.iter().map(|s| s.out.as_str()).collect();
    let css_of = |wxss: &Option<String>| -> Option<String> {
        let out = css_path(wxss.as_deref()?);
        emitted.contains(out.as_str()).then_some(out)
    };

    let components = project
        .components
        .iter()
        .map(|(path, component)| {
            let entry = ComponentEntry {
                scope: component_scope(path),
                css: css_of(&component.files.wxss),
                using_components: component.components.clone(),
                style_isolation: component.config.style_isolation.clone(),
                entry: component.entry,
                template: component.files.wxml.as_deref().map(render_module_path),
            };
            (path.clone(), entry)
        })
        .collect();

    let pages = project
        .pages
        .iter()
        .map(|page| {
            let mut css: Vec<String> = Vec::new();
            let mut seen = BTreeSet::new();
            collect_component_css(project, &page.components, &css_of, &mut seen, &mut css);
            css.extend(css_of(&page.files.wxss));
            let window = project
                .app
                .as_ref()
                .map(|app| page_window(app, page))
                .unwrap_or_default();
            let app_style = project.app.as_ref().map(|a| a.style).unwrap_or_default();
            let entry = PageEntry {
                package: page.package.clone(),
                window,
                style: page.config.style.unwrap_or(app_style),
                css,
                using_components: page.components.clone(),
                template: page.files.wxml.as_deref().map(render_module_path),
            };
            (page.route.clone(), entry)
        })
        .collect();

    let app = project.app.as_ref();
    RuntimeConfig {
        version: env!("CARGO_PKG_VERSION"),
        target: options.target,
        mode: project.mode,
        max_page_width: options.max_page_width,
        entry: project.entry_page().map(str::to_string),
        window: app.map(|a| a.window.clone()),
        tab_bar: app.and_then(|a| a.tab_bar.clone()),
        darkmode: app.is_some_and(|a| a.darkmode),
        style: app.map(|a| a.style).unwrap_or_default(),
        theme: project.theme.clone(),
        pages,
        components,
        scripts: scripts_config(project, scripts),
        used_apis: scripts
            .usage
            .dynamic
            .is_empty()
            .then(|| scripts.usage.apis.keys().cloned().collect()),
        app_id: project.meta.appid.clone(),
        storage_scope: storage_scope(project),
        ext: project.meta.ext.clone(),
        settings: project.meta.settings.clone(),
        api_overrides: options.api_overrides.as_ref().map(|_| API_OVERRIDES_FILE),
    }
}

/// The storage scope of the app: its `appid` (`project.config.json`), else the first 16 hex
/// digits of the SHA-256 of `app.json`, so that two apps on one origin keep their storage apart.
fn storage_scope(project: &Project) -> String {
    use sha2::{Digest, Sha256};
    if let Some(id) = project
        .meta
        .appid
        .as_deref()
        .filter(|id| !id.trim().is_empty())
    {
        return id.trim().to_string();
    }
    let text = project.files.text("app.json").unwrap_or_default();
    let digest = Sha256::digest(text.as_bytes());
    hex::encode(&digest[..8])
}

/// Where the app's modules are: the chunks (main, then one per subpackage) and the module of
/// the app, each page and each component.
fn scripts_config(project: &Project, scripts: &Scripts) -> ScriptsConfig {
    let main = scripts.chunks.iter().find(|c| c.root.is_none());
    let workers = project.app.as_ref().and_then(|a| a.workers.as_deref());
    let packages = scripts
        .chunks
        .iter()
        .filter(|c| c.root.as_deref() != workers)
        .filter_map(|c| Some((c.root.clone()?, c.path.clone())))
        .collect();
    let workers = workers.map(|root| {
        let chunk = scripts
            .chunks
            .iter()
            .find(|c| c.root.as_deref() == Some(root));
        WorkersConfig {
            root: root.to_string(),
            chunk: chunk.map(|c| c.path.clone()),
        }
    });
    ScriptsConfig {
        define: crate::script::DEFINE,
        main: main.map(|c| c.path.clone()),
        packages,
        preload_rule: project
            .app
            .as_ref()
            .map(|a| a.preload_rule.clone())
            .unwrap_or_default(),
        workers,
        app: scripts.app.clone(),
        pages: scripts.pages.clone(),
        components: scripts.components.clone(),
    }
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
