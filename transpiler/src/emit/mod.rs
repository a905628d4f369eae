//! Emitting the output file set: the HTML shell, the app config the runtime boots from, the
//! CSS of the app, each page and each component, the runtime, assets, `manifest.json` and
//! `report.json`. Nothing here touches the file system: the result is an [`Output`].

mod app_config;
mod html;
mod manifest;
mod report;
pub mod runtime;
pub mod runtime_config;

pub use html::{content_security_policy, escape};
pub use report::{readiness, report, Summary};
pub use runtime_config::RuntimeConfig;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::project::{is_asset, Mode, Project};
use crate::script::Scripts;
use crate::source::Diagnostic;
use crate::style::EmittedSheet;
use crate::template::Templates;
use crate::wxs::WxsFiles;

/// Where the app's own API implementations are written in the output (`--api <file>`).
pub const API_OVERRIDES_FILE: &str = "miniport-api.js";

/// Where the converted app will run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// A Telegram Mini App (the runtime talks to Telegram when it is there).
    #[default]
    Telegram,
    /// A plain web page.
    Web,
    /// A W3C MiniApp: the same site, with the manifest as its package descriptor.
    W3c,
}

impl Target {
    /// The name used by `--target` and in `report.json`: `telegram`, `web` or `w3c`.
    ///
    /// ```
    /// assert_eq!(miniport::Target::default().as_str(), "telegram");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Telegram => "telegram",
            Target::Web => "web",
            Target::W3c => "w3c",
        }
    }
}

/// The emitted files, by output path, in sorted order: a static site to serve as it is.
///
/// ```
/// let mut files = miniport::FileSet::new();
/// files.insert("app.json", r#"{ "pages": ["pages/a/a"] }"#);
/// files.insert("pages/a/a.wxml", "<text>hi</text>");
/// let output = miniport::convert(files, &Default::default())?.output;
/// for (path, bytes) in &output.files {
///     assert!(!path.starts_with('/') && !path.contains(".."));
///     let _ = bytes; // write it under your output folder
/// }
/// assert!(output.text("report.json").is_some_and(|r| r.contains("\"pages\"")));
/// # Ok::<(), miniport::ConvertError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the output folder (with `/`) → content.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    /// Adds or replaces the file at `path`.
    pub fn insert(&mut self, path: impl Into<String>, content: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), content.into());
    }

    /// The content of the file at `path`.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// The content of the file at `path` when it is UTF-8 text.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(|b| std::str::from_utf8(b).ok())
    }
}

/// What the language units made of a project: everything emit assembles.
#[derive(Debug, Clone, Default)]
pub struct Compiled {
    pub sheets: Vec<EmittedSheet>,
    pub scripts: Scripts,
    pub wxs: WxsFiles,
    pub templates: Templates,
}

impl Compiled {
    /// What the units found, unit by unit (unsorted).
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        let sheets = self.sheets.iter().flat_map(|s| s.sheet.diagnostics.iter());
        sheets
            .chain(&self.scripts.diagnostics)
            .chain(&self.wxs.diagnostics)
            .chain(&self.templates.diagnostics)
    }
}

/// Conversion settings: a plain struct whose [`Default`] is what `miniport convert` does
/// without flags. The units read `minify`; emit reads them all (the runtime is minified
/// too, and the app config carries the target, the page width and the `--api` module).
///
/// ```
/// let options = miniport::Options {
///     target: miniport::Target::Web,
///     minify: true,
///     ..Default::default()
/// };
/// assert_eq!(options.max_page_width, 600);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Where the app will run (`--target`).
    pub target: Target,
    /// Minify the scripts, the styles and the runtime (`--minify`).
    pub minify: bool,
    /// Widest page in CSS pixels (desktop Telegram); rpx scales with the page width up to it.
    pub max_page_width: u32,
    /// The source of an ES module whose default export receives `wx` at start and may replace
    /// or add any API (`miniport convert --api <file>`); written as [`API_OVERRIDES_FILE`].
    pub api_overrides: Option<String>,
    /// The largest source file converted, in bytes (`--max-file-size`); it overrides
    /// `maxFileSize` of `miniport.json`, and both default to
    /// [`DEFAULT_MAX_FILE_SIZE`](crate::source::DEFAULT_MAX_FILE_SIZE).
    pub max_file_size: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            target: Target::Telegram,
            minify: false,
            max_page_width: 600,
            api_overrides: None,
            max_file_size: None,
        }
    }
}

/// Assembles the output of a converted project.
pub fn emit(
    project: &Project,
    compiled: &Compiled,
    options: &Options,
    diagnostics: &[Diagnostic],
) -> Output {
    let (sheets, scripts) = (&compiled.sheets, &compiled.scripts);
    let mut out = Output::default();

    let assets: Vec<&str> = project.files.paths().filter(|p| is_asset(p)).collect();
    for path in &assets {
        if let Some(content) = project.files.get(path) {
            out.insert(*path, content.bytes().to_vec());
        }
    }

    for (path, content) in runtime::emitted(options.minify) {
        out.insert(
            format!("{}/{path}", runtime::RUNTIME_DIR),
            content.as_bytes(),
        );
    }
    for sheet in sheets {
        out.insert(sheet.out.clone(), sheet.sheet.css.as_bytes());
    }
    // Script chunks are emitted but not yet run by index.html (the framework comes later).
    for chunk in &scripts.chunks {
        out.insert(chunk.path.clone(), chunk.code.as_bytes());
        out.insert(format!("{}.map", chunk.path), chunk.map.as_bytes());
    }
    let app_css = sheets
        .iter()
        .find(|s| {
            matches!(
                s.source.as_str(),
                "app.wxss" | "app.less" | "app.scss" | "app.sass"
            )
        })
        .map(|s| s.out.as_str());
    let settings_css = format!(
        ":root{{--miniport-max-page-width:{}px}}\n",
        options.max_page_width
    );
    out.insert("miniport/settings.css", settings_css);

    let config = app_config::app_config(project, sheets, scripts, options);
    out.insert("app-config.js", config.to_script());

    let title = project
        .app
        .as_ref()
        .and_then(|a| a.window.navigation_bar_title_text.clone())
        .or_else(|| project.meta.name.clone())
        .unwrap_or_else(|| match project.mode {
            Mode::App => "miniport app".into(),
            Mode::Library => "miniport component library".into(),
        });
    // The built-ins' looks: the app's style set, and the other one when a page asks for it.
    let style = project.app.as_ref().map(|a| a.style).unwrap_or_default();
    let mut sets = vec![style];
    let page_sets = project.pages.iter().filter_map(|p| p.config.style);
    for set in page_sets {
        if !sets.contains(&set) {
            sets.push(set);
        }
    }
    let mut stylesheets = vec![
        "miniport/base.css",
        "miniport/components/builtins.css",
        "miniport/components/more.css",
    ];
    stylesheets.extend(sets.iter().map(|s| s.stylesheet()));
    stylesheets.extend(["miniport/api/ui.css", "miniport/settings.css"]);
    stylesheets.extend(app_css);
    let csp = content_security_policy(&project.meta.settings);
    out.insert(
        "index.html",
        html::index_html(&title, "zh-CN", options.target, style, &stylesheets, &csp),
    );
    out.insert("_headers", html::headers_file(&csp, options.target));

    let icons: Vec<String> = project
        .app
        .as_ref()
        .and_then(|a| a.tab_bar.as_ref())
        .and_then(|t| t.list.first())
        .and_then(|i| i.icon_path.clone())
        .map(|p| p.trim_start_matches('/').to_string())
        .filter(|p| project.files.contains(p))
        .into_iter()
        .collect();
    if let Some(manifest) = manifest::manifest(project, &icons) {
        out.insert("manifest.json", pretty(&manifest));
    }

    let report = report::report(
        project,
        sheets,
        scripts,
        &compiled.templates.builtins,
        &assets,
        options,
        diagnostics,
    );
    out.insert("report.json", pretty(&report));
    if let Some(source) = &options.api_overrides {
        out.insert(API_OVERRIDES_FILE, source.as_bytes());
    }
    let modules = compiled
        .templates
        .modules
        .iter()
        .chain(&compiled.wxs.modules);
    for (path, code) in modules {
        out.insert(path.clone(), code.as_bytes());
    }
    out
}

fn pretty(value: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
