//! Loading a mini-program: finding its root, reading its configs, and listing its pages,
//! components and assets. This is the only phase that touches the file system
//! ([`FileSet::read_dir`]); everything after it reads the [`FileSet`].

mod archive;
mod components;
mod config;
mod domains;
mod graph;
mod json;
mod load;
pub mod npm;
mod pages;
mod read;
mod tab_bar;
mod theme;

pub use archive::{ArchiveError, ArchiveKind, MAX_UNPACKED_BYTES};
pub use components::{apply_alias, npm_dirs, ComponentRef};
pub use config::{
    AppConfig, ComponentConfig, StyleSet, SubPackage, TabBar, TabBarItem, Theme, WindowConfig,
};
pub use json::{string_span, JsonDoc};
pub use load::{load, page_window, LoadError};
pub use read::{EXTENDED_LIB_DIR, WEUI_PACKAGE};
pub use tab_bar::CUSTOM_TAB_BAR;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::source::{Diagnostic, FileSet};

/// Whether the input is an app (`app.json`) or a component library (no `app.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    App,
    Library,
}

/// The source files of one page or component, by kind, when they exist.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceFiles {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wxml: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wxss: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub script: Option<String>,
}

impl SourceFiles {
    /// Finds `<base>.json`, `<base>.wxml`, `<base>.wxss` (else `.less`, `.scss`, `.sass`: the
    /// style unit checks that their compiler plugin is on) and `<base>.ts` or `<base>.js`.
    pub fn find(files: &FileSet, base: &str) -> Self {
        let pick = |exts: &[&str]| {
            exts.iter()
                .map(|ext| format!("{base}.{ext}"))
                .find(|p| files.contains(p))
        };
        SourceFiles {
            json: pick(&["json"]),
            wxml: pick(&["wxml"]),
            wxss: pick(&["wxss", "less", "scss", "sass"]),
            script: pick(&["ts", "js"]),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.json.is_none() && self.wxml.is_none() && self.wxss.is_none() && self.script.is_none()
    }
}

/// One page of the app.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// The route as written in `app.json`, e.g. `pages/index/index`.
    pub route: String,
    /// The subpackage root this page belongs to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    pub files: SourceFiles,
    /// The custom components its template may use: tag → component path.
    pub components: BTreeMap<String, String>,
    #[serde(skip)]
    pub config: ComponentConfig,
}

/// One custom component, keyed in [`Project::components`] by its path without extension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Component {
    pub path: String,
    pub files: SourceFiles,
    /// The custom components its template may use: tag → component path.
    pub components: BTreeMap<String, String>,
    /// Set in library mode for the components found at the top level of the library.
    pub entry: bool,
    #[serde(skip)]
    pub config: ComponentConfig,
}

/// Metadata from `project.config.json` (used for the manifest) and `ext.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProjectMeta {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `setting.useCompilerPlugins`: `"less"`, `"sass"`, `"typescript"`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub compiler_plugins: Vec<String>,
    /// `ext` of the root's `ext.json` when `extEnable` is on: the third-party platform's
    /// settings that `wx.getExtConfig` answers with.
    #[serde(skip)]
    pub ext: Option<serde_json::Value>,
    /// The runtime settings of `miniport.json` beside the app (`telegram`,
    /// `cloudStorageMirror`), checked, for the app config.
    #[serde(skip)]
    pub settings: serde_json::Map<String, serde_json::Value>,
    /// `maxFileSize` of `miniport.json` (or `--max-file-size`): the largest source file
    /// converted, in bytes.
    #[serde(skip)]
    pub max_file_size: Option<usize>,
}

/// A loaded mini-program: everything later phases need, read once.
#[derive(Debug, Clone)]
pub struct Project {
    pub mode: Mode,
    /// Files of the mini-program root; paths are relative to it.
    pub files: FileSet,
    /// The root's path relative to the folder that was given (empty when they are the same).
    pub root: String,
    pub meta: ProjectMeta,
    pub app: Option<AppConfig>,
    pub theme: Option<Theme>,
    pub pages: Vec<Page>,
    pub components: BTreeMap<String, Component>,
    pub diagnostics: Vec<Diagnostic>,
    /// What the in-memory "Build npm" made, or that a committed `miniprogram_npm` was used.
    pub npm: npm::NpmReport,
}

impl Project {
    /// The largest source file the units convert, in bytes; a larger one is left out with
    /// `project::file-too-large`.
    pub fn max_file_size(&self) -> usize {
        self.meta
            .max_file_size
            .unwrap_or(crate::source::DEFAULT_MAX_FILE_SIZE)
    }

    /// The first page shown: `entryPagePath`, else the first page.
    pub fn entry_page(&self) -> Option<&str> {
        let app = self.app.as_ref()?;
        app.entry_page_path
            .as_deref()
            .filter(|p| self.pages.iter().any(|page| page.route == *p))
            .or_else(|| self.pages.first().map(|p| p.route.as_str()))
    }

    pub fn page(&self, route: &str) -> Option<&Page> {
        self.pages.iter().find(|p| p.route == route)
    }

    /// The component of the custom tab bar, when `tabBar.custom` is on and it exists.
    pub fn custom_tab_bar(&self) -> Option<&str> {
        let custom = self.app.as_ref()?.tab_bar.as_ref()?.custom;
        (custom && self.components.contains_key(CUSTOM_TAB_BAR)).then_some(CUSTOM_TAB_BAR)
    }
}

/// Extensions whose files are compiled, not copied.
pub const SOURCE_EXTENSIONS: &[&str] = &[
    "wxml", "wxss", "less", "scss", "sass", "js", "ts", "wxs", "json", "mjs", "cjs",
];

/// Files at the root that describe the project to WeChat's tools, not to the app.
const TOOL_FILES: &[&str] = &[
    "project.config.json",
    "project.private.config.json",
    "sitemap.json",
];

/// Whether `path` is an asset: a file the app may load at run time by its path (images,
/// fonts, media, anything that is not a source file or a tool config).
pub fn is_asset(path: &str) -> bool {
    if TOOL_FILES.contains(&path) || path.split('/').any(|s| s.starts_with('.')) {
        return false;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((_, ext)) => !SOURCE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()),
        None => true,
    }
}
