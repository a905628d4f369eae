//! Scripts on swc: every JavaScript and TypeScript file becomes a CommonJS module for the
//! runtime's registry (`runtime-shim/src/modules/registry.js`), resolved as WeChat resolves,
//! grouped into one chunk per package, with `wx.*` usage recorded for the report.
//!
//! WXS files are not registry modules: in WeChat only templates load them, and JavaScript
//! cannot `require` them (the `wxs` unit compiles them).
//!
//! Files are parsed, transformed, analysed and printed in parallel (one swc `GLOBALS` per
//! file, nothing shared); the module graph is then linked once, in path order, so the output
//! is the same for any number of threads.
//!
//! Target: the JavaScript that Telegram's WebViews run. On Android and desktop that is
//! Chromium (the auto-updated Android System WebView, Qt WebEngine); on iOS and macOS it is
//! WKWebView, whose oldest supported version (iOS 15) runs ES2021. Output is printed for
//! ES2021 (`print::TARGET`); syntax newer than that is passed through as written.

pub(crate) mod build;
pub mod chunks;
mod deps;
pub mod depth;
mod esm;
pub mod module;
pub mod parse;
pub(crate) mod print;
pub mod resolve;
mod unsupported;
pub mod usage;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

pub use chunks::{Chunk, DEFINE};
pub use module::{module_id, CompiledModule};
pub use usage::{Location, Usage};

use crate::project::{Mode, Project};
use crate::source::{guard_file, Diagnostic};
use parse::Language;
use resolve::Resolver;

/// Settings of the script phase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptOptions {
    /// Run swc's minifier on every module.
    pub minify: bool,
}

/// Everything the script phase produced.
#[derive(Debug, Clone, Default)]
pub struct Scripts {
    /// Main package first, then one per subpackage.
    pub chunks: Vec<Chunk>,
    /// Module path → source file, for every module emitted.
    pub modules: BTreeMap<String, String>,
    /// The app's own module (`app.js`), in app mode.
    pub app: Option<String>,
    /// Page route → its module path.
    pub pages: BTreeMap<String, String>,
    /// Component path → its module path.
    pub components: BTreeMap<String, String>,
    pub usage: Usage,
    pub diagnostics: Vec<Diagnostic>,
    /// npm packages listed but not installed that a module requires: package → first module.
    pub not_installed: BTreeMap<String, String>,
}

/// The files compiled as scripts: every `.js`/`.ts`/`.mjs`/`.cjs` except `.d.ts` files and a
/// `.js` that sits beside a `.ts` of the same name (the TypeScript wins).
pub fn script_files(project: &Project) -> Vec<(&str, Language)> {
    project
        .files
        .paths()
        .filter(|p| !p.split('/').any(|s| s.starts_with('.')))
        .filter_map(|p| Language::of(p).map(|l| (p, l)))
        .filter(|(_, l)| *l != Language::Wxs)
        .filter(|(p, _)| {
            !p.strip_suffix(".js")
                .is_some_and(|stem| project.files.contains(&format!("{stem}.ts")))
        })
        .collect()
}

/// Whether `path` is inside a `miniprogram_npm` folder.
fn is_npm(path: &str) -> bool {
    path.split('/').any(|s| s == "miniprogram_npm")
}

/// Compiles the app's own scripts and the scripts of the components it uses, each under the
/// file guard ([`guard_file`]: the size limit, and a panic left to that module, which then
/// throws when required), then, wave by wave, the npm modules they require: a module of an npm package that nothing reaches is
/// neither compiled nor emitted.
fn compile_reached(
    project: &Project,
    resolver: &Resolver<'_>,
    options: &ScriptOptions,
) -> Vec<CompiledModule> {
    let all = script_files(project);
    let npm: BTreeMap<String, (&str, Language)> = all
        .iter()
        .filter(|(p, _)| is_npm(p))
        .map(|(p, l)| (module_id(p), (*p, *l)))
        .collect();
    let used: BTreeSet<String> = project
        .components
        .values()
        .filter_map(|c| c.files.script.as_deref())
        .map(module_id)
        .collect();
    let mut wave: Vec<(&str, Language)> = all
        .iter()
        .filter(|(p, _)| !is_npm(p) || used.contains(&module_id(p)))
        .copied()
        .collect();
    let mut seen: BTreeSet<String> = wave.iter().map(|(p, _)| module_id(p)).collect();
    let mut modules: Vec<CompiledModule> = Vec::new();
    while !wave.is_empty() {
        let compiled: Vec<CompiledModule> = wave
            .par_iter()
            .map(|(path, language)| {
                let text = project.files.text(path).unwrap_or_default();
                guard_file(path, text.len(), project.max_file_size(), || {
                    module::compile(resolver, path, text, *language, options.minify)
                })
                .unwrap_or_else(|diagnostic| module::throwing(path, *diagnostic))
            })
            .collect();
        wave = compiled
            .iter()
            .flat_map(|m| m.deps.values())
            .filter_map(|id| npm.get(id))
            .filter(|(p, _)| seen.insert(module_id(p)))
            .copied()
            .collect();
        modules.extend(compiled);
    }
    modules.sort_by(|a, b| a.source.cmp(&b.source));
    modules
}

/// Compiles every script of `project`.
pub fn compile(project: &Project, options: &ScriptOptions) -> Scripts {
    let empty = BTreeMap::new();
    let app = project.app.as_ref();
    let resolver = Resolver {
        files: &project.files,
        alias: app.map_or(&empty, |a| &a.resolve_alias),
        library: project.mode == Mode::Library,
        escaped_links: project.files.escaped_links(),
        missing_packages: project.npm.missing(),
    };
    let roots: Vec<String> = app
        .map(|a| {
            a.sub_packages
                .iter()
                .map(|s| s.root.trim_matches('/').to_string())
                .filter(|r| !r.is_empty())
                .collect()
        })
        .unwrap_or_default();
    // The worker scripts' folder is a chunk of its own, which only workers load.
    let chunk_roots: Vec<String> = roots
        .iter()
        .cloned()
        .chain(app.and_then(|a| a.workers.clone()))
        .collect();

    let mut modules = compile_reached(project, &resolver, options);
    let json: BTreeSet<String> = modules
        .iter()
        .flat_map(|m| m.deps.values())
        .filter(|id| id.ends_with(".json"))
        .cloned()
        .collect();
    modules.extend(
        json.iter()
            .map(|path| module::compile_json(path, project.files.text(path).unwrap_or("null"))),
    );

    let mut scripts = Scripts {
        chunks: chunks::build(&modules, &chunk_roots),
        modules: modules
            .iter()
            .map(|m| (m.id.clone(), m.source.clone()))
            .collect(),
        ..Scripts::default()
    };
    scripts.diagnostics = chunks::check_packages(
        &modules,
        &chunk_roots,
        app.and_then(|a| a.workers.as_deref()),
    );
    for module in &modules {
        scripts
            .diagnostics
            .extend(module.diagnostics.iter().cloned());
        scripts.usage.merge(&module.usage);
        for package in &module.not_installed {
            scripts
                .not_installed
                .entry(package.clone())
                .or_insert_with(|| module.source.clone());
        }
    }
    scripts.usage.sort();
    scripts
        .diagnostics
        .extend(unsupported::unsupported_uses(&scripts.usage));
    if project.mode == Mode::App {
        scripts.app = ["app.ts", "app.js"]
            .iter()
            .find(|p| project.files.contains(p))
            .map(|p| module_id(p));
    }
    for page in &project.pages {
        if let Some(script) = &page.files.script {
            scripts.pages.insert(page.route.clone(), module_id(script));
        }
    }
    for (path, component) in &project.components {
        if let Some(script) = &component.files.script {
            scripts.components.insert(path.clone(), module_id(script));
        }
    }
    scripts
}
