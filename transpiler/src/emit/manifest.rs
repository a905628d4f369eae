//! `manifest.json`: a W3C MiniApp manifest generated from `app.json` and
//! `project.config.json`, with WeChat-only members kept under `x-wechat`.

use serde_json::{json, Map, Value};

use crate::project::{Project, Theme, WindowConfig};

/// The manifest of an app-mode project (library mode has no pages and no manifest).
pub fn manifest(project: &Project, icons: &[String]) -> Option<Value> {
    let app = project.app.as_ref()?;
    let entry = project.entry_page();
    let mut pages: Vec<&str> = entry.into_iter().collect();
    pages.extend(
        project
            .pages
            .iter()
            .filter(|p| p.package.is_none() && Some(p.route.as_str()) != entry)
            .map(|p| p.route.as_str()),
    );
    let name = project
        .meta
        .name
        .clone()
        .or_else(|| app.window.navigation_bar_title_text.clone())
        .unwrap_or_else(|| "miniport app".into());
    let app_id = project
        .meta
        .appid
        .as_deref()
        .filter(|id| !id.is_empty() && *id != "touristappid")
        .map(|id| format!("org.miniport.{}", id.to_ascii_lowercase()))
        .unwrap_or_else(|| format!("org.miniport.{}", slug(&name)));

    let mut manifest = Map::new();
    manifest.insert("dir".into(), json!("auto"));
    manifest.insert("lang".into(), json!("zh-CN"));
    manifest.insert("app_id".into(), json!(app_id));
    manifest.insert("name".into(), json!(name));
    manifest.insert("short_name".into(), json!(name));
    if let Some(description) = &project.meta.description {
        manifest.insert("description".into(), json!(description));
    }
    manifest.insert(
        "icons".into(),
        Value::Array(icons.iter().map(|src| json!({ "src": src })).collect()),
    );
    manifest.insert("version".into(), json!({ "code": 1, "name": "1.0.0" }));
    manifest.insert(
        "platform_version".into(),
        json!({ "min_code": 600, "target_code": 900, "release_type": "Release" }),
    );
    manifest.insert("start_url".into(), json!(entry.unwrap_or_default()));
    manifest.insert("scope".into(), json!("."));
    manifest.insert(
        "color_scheme".into(),
        json!(if app.darkmode { "auto" } else { "light" }),
    );
    manifest.insert("device_type".into(), json!(["phone"]));
    manifest.insert("pages".into(), json!(pages));
    manifest.insert("window".into(), window(&app.window, project.theme.as_ref()));
    manifest.insert("widgets".into(), widgets(project));
    let permissions = permissions(&app.permission);
    if !permissions.is_empty() {
        manifest.insert("req_permissions".into(), Value::Array(permissions));
    }
    let mut wechat = Map::new();
    for key in [
        "tabBar",
        "subPackages",
        "subpackages",
        "preloadRule",
        "usingComponents",
        "lazyCodeLoading",
        "style",
        "resolveAlias",
        "useExtendedLib",
    ] {
        if let Some(v) = app.raw.get(key) {
            wechat.insert(key.into(), v.clone());
        }
    }
    manifest.insert("x-wechat".into(), Value::Object(wechat));
    Some(Value::Object(manifest))
}

fn window(window: &WindowConfig, theme: Option<&Theme>) -> Value {
    let resolve = |v: &Option<String>| -> Option<String> {
        let v = v.as_deref()?;
        match theme {
            Some(t) => t.resolve(v, false).map(str::to_string),
            None => Some(v.to_string()),
        }
    };
    let mut out = Map::new();
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(v) = value {
            out.insert(key.to_string(), v);
        }
    };
    put(
        "navigation_bar_background_color",
        resolve(&window.navigation_bar_background_color).map(Value::from),
    );
    put(
        "navigation_bar_text_style",
        resolve(&window.navigation_bar_text_style).map(Value::from),
    );
    put(
        "navigation_bar_title_text",
        window.navigation_bar_title_text.clone().map(Value::from),
    );
    put(
        "navigation_style",
        window.navigation_style.clone().map(Value::from),
    );
    put(
        "background_color",
        resolve(&window.background_color).map(Value::from),
    );
    put(
        "background_text_style",
        resolve(&window.background_text_style).map(Value::from),
    );
    put(
        "enable_pull_down_refresh",
        window.enable_pull_down_refresh.map(Value::from),
    );
    put(
        "on_reach_bottom_distance",
        window.on_reach_bottom_distance.map(Value::from),
    );
    put(
        "orientation",
        window
            .page_orientation
            .clone()
            .filter(|o| o == "portrait" || o == "landscape")
            .map(Value::from),
    );
    put("design_width", Some(json!(750)));
    put("auto_design_width", Some(json!(false)));
    Value::Object(out)
}

/// The tab bar's pages as widgets: each tab is a page a host may show on its own.
fn widgets(project: &Project) -> Value {
    let Some(tab_bar) = project.app.as_ref().and_then(|a| a.tab_bar.as_ref()) else {
        return json!([]);
    };
    Value::Array(
        tab_bar
            .list
            .iter()
            .filter(|item| {
                project
                    .page(item.page_path.trim_start_matches('/'))
                    .is_some()
            })
            .map(|item| {
                json!({
                    "name": item.text,
                    "path": item.page_path.trim_start_matches('/'),
                    "min_code": 600,
                })
            })
            .collect(),
    )
}

fn permissions(permission: &Map<String, Value>) -> Vec<Value> {
    permission
        .iter()
        .filter_map(|(scope, v)| {
            let name = match scope.as_str() {
                "scope.userLocation"
                | "scope.userFuzzyLocation"
                | "scope.userLocationBackground" => "system.permission.LOCATION",
                "scope.camera" => "system.permission.CAMERA",
                "scope.record" => "system.permission.RECORD",
                "scope.writePhotosAlbum" => "system.permission.WRITE_PHOTOS_ALBUM",
                "scope.bluetooth" => "system.permission.BLUETOOTH",
                _ => return None,
            };
            let reason = v.get("desc").and_then(Value::as_str).unwrap_or_default();
            Some(json!({ "name": name, "reason": reason }))
        })
        .collect()
}

fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if s.is_empty() {
        "app".into()
    } else {
        s
    }
}
