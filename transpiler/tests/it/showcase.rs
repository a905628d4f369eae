//! Converting `fixtures/showcase` through the library API: the output tree, the manifest,
//! the report and the config the runtime boots from.

use crate::common;

use miniport::source::FileSet;
use miniport::{convert, Options, Output, Target};
use serde_json::Value;

fn showcase() -> Output {
    let (files, diags) = FileSet::read_dir(&common::fixture("showcase")).expect("read fixture");
    assert!(diags.is_empty(), "{diags:?}");
    let conversion = convert(files, &Options::default()).expect("converts");
    assert!(
        conversion.diagnostics.is_empty(),
        "the showcase must convert cleanly: {:#?}",
        conversion.diagnostics
    );
    conversion.output
}

fn json(output: &Output, path: &str) -> Value {
    serde_json::from_str(
        output
            .text(path)
            .unwrap_or_else(|| panic!("{path} missing")),
    )
    .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn output_tree_has_shell_runtime_styles_and_assets() {
    let out = showcase();
    for path in [
        "index.html",
        "app-config.js",
        "app.css",
        "manifest.json",
        "report.json",
        "miniport/index.js",
        "miniport/base.css",
        "pages/index/index.css",
        "pages/category/category.css",
        "pages/detail/detail.css",
        "pages/mine/mine.css",
        "components/product-card/product-card.css",
        "images/tab-home.png",
        "images/tab-home-active.png",
        "images/product.png",
    ] {
        assert!(
            out.get(path).is_some(),
            "{path} missing from {:?}",
            out.files.keys()
        );
    }
    for source in out.files.keys() {
        assert!(
            !source.ends_with(".wxss")
                && !source.ends_with(".wxml")
                && !source.ends_with("project.config.json"),
            "sources must not be copied as assets: {source}"
        );
    }
    let png = out.get("images/product.png").expect("png");
    assert_eq!(
        &png[..8],
        b"\x89PNG\r\n\x1a\n",
        "assets are copied byte for byte"
    );
}

#[test]
fn index_html_links_the_app_styles_and_carries_a_csp() {
    let out = showcase();
    let html = out.text("index.html").expect("html");
    assert!(html.contains("<title>miniport shop</title>"));
    assert!(html.contains("http-equiv=\"Content-Security-Policy\""));
    assert!(html.contains("href=\"app.css\""));
    assert!(html.contains("name=\"viewport\""));
    assert!(html.contains("data-miniport-target=\"telegram\""));
}

#[test]
fn manifest_follows_the_w3c_miniapp_shape() {
    let out = showcase();
    let m = json(&out, "manifest.json");
    assert_eq!(m["name"], "miniport-showcase");
    assert_eq!(m["app_id"], "org.miniport.wx0000000000000000");
    assert_eq!(m["pages"][0], "pages/index/index");
    assert_eq!(m["pages"].as_array().map(Vec::len), Some(4));
    assert_eq!(m["window"]["navigation_bar_background_color"], "#07c160");
    assert_eq!(m["window"]["navigation_bar_text_style"], "white");
    assert_eq!(m["window"]["design_width"], 750);
    assert_eq!(m["version"]["code"], 1);
    assert!(m["platform_version"]["min_code"].is_number());
    let widgets: Vec<&str> = m["widgets"]
        .as_array()
        .expect("widgets")
        .iter()
        .filter_map(|w| w["path"].as_str())
        .collect();
    assert_eq!(
        widgets,
        [
            "pages/index/index",
            "pages/category/category",
            "pages/mine/mine"
        ]
    );
    assert_eq!(m["icons"][0]["src"], "images/tab-home.png");
}

#[test]
fn report_lists_pages_components_and_assets() {
    let out = showcase();
    let r = json(&out, "report.json");
    let routes: Vec<&str> = r["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .filter_map(|p| p["route"].as_str())
        .collect();
    assert_eq!(
        routes,
        [
            "pages/index/index",
            "pages/category/category",
            "pages/detail/detail",
            "pages/mine/mine"
        ]
    );
    let components: Vec<&str> = r["components"]
        .as_array()
        .expect("components")
        .iter()
        .filter_map(|c| c["path"].as_str())
        .collect();
    assert_eq!(
        components,
        [
            "components/cell-group/cell-group",
            "components/cell/cell",
            "components/product-card/product-card"
        ]
    );
    assert_eq!(
        r["pages"][0]["components"]["product-card"],
        "components/product-card/product-card"
    );
    assert!(r["assets"]
        .as_array()
        .expect("assets")
        .iter()
        .any(|a| a == "images/banner.png"));
    assert_eq!(r["summary"]["errors"], 0);
    assert_eq!(r["diagnostics"].as_array().map(Vec::len), Some(0));
    // Each wx API the app uses, with its planned mapping and whether the runtime has it.
    assert_eq!(r["apis"]["navigateTo"]["status"], "emulate");
    assert_eq!(r["apis"]["navigateTo"]["implemented"], true);
    assert_eq!(r["apis"]["getStorageSync"]["implemented"], true);
}

#[test]
fn app_config_gives_each_page_its_window_and_stylesheets() {
    let out = showcase();
    let script = out.text("app-config.js").expect("config");
    let json_text = script
        .strip_prefix("globalThis.__miniportConfig = ")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .expect("config assignment");
    let c: Value = serde_json::from_str(json_text).expect("config JSON");
    assert_eq!(c["entry"], "pages/index/index");
    assert_eq!(c["target"], "telegram");
    let index = &c["pages"]["pages/index/index"];
    assert_eq!(index["window"]["navigationBarTitleText"], "Tea shop");
    assert_eq!(index["window"]["navigationBarBackgroundColor"], "#07c160");
    assert_eq!(index["window"]["enablePullDownRefresh"], true);
    assert_eq!(
        index["css"],
        serde_json::json!([
            "components/product-card/product-card.css",
            "pages/index/index.css"
        ])
    );
    assert_eq!(c["tabBar"]["list"][2]["pagePath"], "pages/mine/mine");
}

#[test]
fn web_target_is_recorded_in_the_shell() {
    let (files, _) = FileSet::read_dir(&common::fixture("showcase")).expect("read");
    let options = Options {
        target: Target::Web,
        ..Options::default()
    };
    let out = convert(files, &options).expect("converts").output;
    assert!(out
        .text("index.html")
        .expect("html")
        .contains("data-miniport-target=\"web\""));
}

#[test]
fn scripts_become_one_main_chunk_listed_in_the_config_with_api_usage_in_the_report() {
    let out = showcase();
    let chunk = out.text("app/main.js").expect("main chunk");
    for module in [
        "app.js",
        "pages/index/index.js",
        "components/product-card/product-card.js",
        "utils/products.js",
    ] {
        assert!(
            chunk.contains(&format!("__miniportDefine(\"{module}\"")),
            "{module} missing from the chunk"
        );
    }
    assert!(out.get("app/main.js.map").is_some());
    let html = out.text("index.html").expect("html");
    assert!(
        !html.contains("app/main.js"),
        "index.html does not run the app's modules yet"
    );
    let config = out.text("app-config.js").expect("config");
    assert!(config.contains("\"main\":\"app/main.js\""), "{config}");
    assert!(config.contains("\"pages/index/index\":\"pages/index/index.js\""));
    let report = json(&out, "report.json");
    assert_eq!(report["apis"]["setStorageSync"]["status"], "web");
    assert_eq!(report["apis"]["navigateTo"]["count"], 1);
    assert_eq!(report["globals"]["Page"]["count"], 4);
}
