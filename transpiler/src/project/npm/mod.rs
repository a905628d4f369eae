//! WeChat's "Build npm", in memory: the `dependencies` of each `package.json` the developer
//! tool would build become `miniprogram_npm/` in the file set (a package's `miniprogram_dist`
//! for a mini-program package, its modules and `package.json` for a plain JavaScript one),
//! a committed `miniprogram_npm/` wins, and `useExtendedLib` brings in `weui-miniprogram`.
//! Nothing is written to disk; `prune.rs` then keeps only what the app reaches.

mod extended;
mod prune;
#[cfg(test)]
mod tests;

pub use prune::prune;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::Serialize;
use serde_json::Value;

use super::json::JsonDoc;
use super::read::{is_package_name, EXTENDED_LIB_DIR, WEUI_PACKAGE};
use crate::source::{codes, normalize_path, Diagnostic, FileSet, Step};

/// What was built, for `report.json` (`"npm"`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NpmReport {
    /// One entry per `package.json` the tool builds.
    pub builds: Vec<NpmBuild>,
    /// Where the weui extended library came from, when `useExtendedLib.weui` is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extended_lib: Option<ExtendedLib>,
    /// `useExtendedLib.weui` is on but the library was not found (reported at the key).
    #[serde(skip)]
    pub extended_lib_missing: bool,
    /// Missing packages a component reference reaches: package → the JSON file naming it.
    #[serde(skip)]
    pub reached_missing: BTreeMap<String, String>,
}

impl NpmReport {
    /// Packages listed in a `package.json` but not installed (already reported there).
    pub fn missing(&self) -> BTreeSet<&str> {
        self.builds
            .iter()
            .flat_map(|b| b.missing.iter().map(String::as_str))
            .chain(self.extended_lib_missing.then_some(WEUI_PACKAGE))
            .collect()
    }

    /// One diagnostic per dependency that is listed but not installed, at its name in
    /// `package.json`: an error when the app uses it (a component reference, or a module in
    /// `scripts`: package → the first module requiring it), else a warning.
    pub fn missing_diagnostics(&self, scripts: &BTreeMap<String, String>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for build in &self.builds {
            for (name, span) in &build.missing_at {
                let used_by = self.reached_missing.get(name).or_else(|| scripts.get(name));
                let install = format!(
                    "run `npm install` in the folder of `{}`; miniport builds npm packages from node_modules as WeChat's \"Build npm\" does",
                    build.package_json
                );
                let diagnostic = match used_by {
                    Some(user) => Diagnostic::of(
                        codes::PROJECT_NPM_NOT_INSTALLED,
                        format!("the dependency `{name}` is not installed, and `{user}` uses it"),
                    )
                    .with_hint(install),
                    None => Diagnostic::of(
                        codes::PROJECT_NPM_UNUSED_NOT_INSTALLED,
                        format!(
                            "the dependency `{name}` is not installed (nothing in the app uses it)"
                        ),
                    )
                    .with_hint(format!("{install}, or remove it from `dependencies`")),
                };
                out.push(
                    diagnostic
                        .in_file(&build.package_json)
                        .with_span(span.clone())
                        .with_label("listed here"),
                );
            }
        }
        out
    }
}

/// One `package.json` and the `miniprogram_npm` folder made from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NpmBuild {
    /// The `package.json`, relative to the folder given.
    pub package_json: String,
    /// The `miniprogram_npm` folder, relative to the mini-program root.
    pub dir: String,
    /// `node_modules` (built by miniport) or `miniprogram_npm` (the committed folder was used).
    pub source: &'static str,
    /// Each package built: name → version (with the packages they depend on).
    pub packages: BTreeMap<String, String>,
    /// Listed in `dependencies` but not installed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// Where each of `missing` is listed in `package_json` (links out of the root excepted,
    /// which are reported where the link is).
    #[serde(skip)]
    pub missing_at: Vec<(String, std::ops::Range<usize>)>,
}

/// The weui extended library: where it was found, and its version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtendedLib {
    /// `--extended-lib`, `node_modules`, or `miniprogram_npm` (already there).
    pub weui: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// Builds `miniprogram_npm` into `files` (the mini-program root `root` of `given`) and drops
/// the `node_modules` and `--extended-lib` copies from it.
pub fn build(
    given: &FileSet,
    root: &str,
    files: &mut FileSet,
    diagnostics: &mut Vec<Diagnostic>,
) -> NpmReport {
    let mut report = NpmReport::default();
    for (package_json, out) in relations(given, root, diagnostics) {
        let Some(npm_dir) = inside_root(root, &join(&out, "miniprogram_npm")) else {
            continue;
        };
        let committed = given
            .paths()
            .any(|p| p.starts_with(&format!("{}/", join(&out, "miniprogram_npm"))));
        let mut build = NpmBuild {
            package_json: package_json.clone(),
            dir: npm_dir.clone(),
            source: if committed {
                "miniprogram_npm"
            } else {
                "node_modules"
            },
            packages: BTreeMap::new(),
            missing: Vec::new(),
            missing_at: Vec::new(),
        };
        if !committed {
            pack_dependencies(
                given,
                &package_json,
                &npm_dir,
                files,
                &mut build,
                diagnostics,
            );
        }
        report.builds.push(build);
    }
    let before = diagnostics.len();
    report.extended_lib = extended::extended_lib(given, root, files, diagnostics);
    report.extended_lib_missing = diagnostics.len() > before;
    files
        .retain(|p| !p.split('/').any(|s| s == "node_modules") && !p.starts_with(EXTENDED_LIB_DIR));
    report
}

/// The `package.json` files the tool builds, each with the folder that gets
/// `miniprogram_npm`: `setting.packNpmRelationList` when `setting.packNpmManually` is on,
/// else every `package.json` inside the mini-program root (outside npm folders), beside it.
fn relations(
    given: &FileSet,
    root: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    const CONFIG: &str = "project.config.json";
    let setting = given
        .text(CONFIG)
        .and_then(|t| serde_json::from_str::<Value>(t).ok())
        .and_then(|c| c.get("setting").cloned())
        .unwrap_or(Value::Null);
    if setting.get("packNpmManually").and_then(Value::as_bool) == Some(true) {
        let list = setting
            .get("packNpmRelationList")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut out = Vec::new();
        for (i, entry) in list.iter().enumerate() {
            let field = |key: &str| entry.get(key).and_then(Value::as_str).unwrap_or("");
            let at = |key: &str| {
                let path = [
                    Step::key("setting"),
                    Step::key("packNpmRelationList"),
                    Step::Index(i),
                    Step::key(key),
                ];
                given
                    .text(CONFIG)
                    .and_then(|t| crate::source::locate(t, &path))
                    .map(|l| l.value)
            };
            let package_json = normalize_path(field("packageJsonPath"));
            let dist = normalize_path(field("miniprogramNpmDistDir"));
            match (package_json, dist) {
                (Some(p), Some(d)) if given.contains(&p) => out.push((p, d)),
                (Some(p), Some(_)) => diagnostics.push(located(
                    Diagnostic::of(
                        codes::PROJECT_NPM_NO_PACKAGE_JSON,
                        format!("`packageJsonPath` names `{p}`, which does not exist"),
                    )
                    .in_file(CONFIG)
                    .with_hint("point it at the package.json whose dependencies the app uses"),
                    at("packageJsonPath"),
                )),
                (package_json, _) => {
                    let key = if package_json.is_none() {
                        "packageJsonPath"
                    } else {
                        "miniprogramNpmDistDir"
                    };
                    diagnostics.push(located(
                        Diagnostic::of(
                            codes::PROJECT_PATH_ESCAPES_ROOT,
                            format!("`{key}` points outside the project folder"),
                        )
                        .in_file(CONFIG)
                        .with_hint("miniport reads nothing outside the folder it is given"),
                        at(key),
                    ))
                }
            }
        }
        return out;
    }
    let prefix = join(root, "");
    given
        .paths()
        .filter(|p| p.starts_with(&prefix))
        .filter(|p| *p == "package.json" || p.ends_with("/package.json"))
        .filter(|p| {
            !p.split('/')
                .any(|s| s.starts_with('.') || s == "node_modules" || s == "miniprogram_npm")
        })
        .map(|p| (p.to_string(), parent(p).to_string()))
        .collect()
}

/// Packs each dependency of `package_json` (and theirs) into `npm_dir`, reporting the ones
/// that are not installed at their name in `dependencies`.
fn pack_dependencies(
    given: &FileSet,
    package_json: &str,
    npm_dir: &str,
    files: &mut FileSet,
    build: &mut NpmBuild,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(text) = given.text(package_json) else {
        return;
    };
    let doc = match JsonDoc::parse(package_json, text) {
        Ok(doc) => doc,
        Err(d) => {
            diagnostics.push(d.with_hint(
                "miniport builds npm packages from this file's `dependencies`; fix the JSON",
            ));
            return;
        }
    };
    let names: Vec<String> = doc
        .object
        .get("dependencies")
        .and_then(Value::as_object)
        .map(|d| d.keys().filter(|n| is_package_name(n)).cloned().collect())
        .unwrap_or_default();
    // (name, folder it is resolved from, folder of npm packages it goes into)
    let mut queue: VecDeque<(String, String, String)> = VecDeque::new();
    for name in names {
        if installed(given, parent(package_json), &name).is_some() {
            queue.push_back((name, parent(package_json).to_string(), npm_dir.to_string()));
            continue;
        }
        let linked_out = given
            .escaped_links()
            .iter()
            .any(|l| l.ends_with(&format!("node_modules/{name}")));
        if linked_out {
            // Refused and reported where the link is.
            build.missing.push(name);
            continue;
        }
        let span = doc.key_span_at(&[Step::key("dependencies"), Step::Key(name.clone())]);
        build.missing_at.push((name.clone(), span));
        build.missing.push(name);
    }
    let mut placed: BTreeMap<String, String> = BTreeMap::new();
    // Breadth first: the app's own dependencies take the top level, as npm hoists them.
    while let Some((name, from, into)) = queue.pop_front() {
        let Some(source) = installed(given, &from, &name) else {
            continue;
        };
        let mut target = format!("{into}/{name}");
        match placed.get(&target) {
            Some(already) if *already == source => continue,
            // Another version is there already: this one goes beside the package needing it.
            Some(_) => {
                target = format!("{}/miniprogram_npm/{name}", join(&into, &from_name(&from)))
            }
            None => {}
        }
        if placed.contains_key(&target) {
            continue;
        }
        placed.insert(target.clone(), source.clone());
        let manifest = given
            .text(&format!("{source}/package.json"))
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
            .unwrap_or(Value::Null);
        pack(given, &source, &manifest, &target, files);
        let version = manifest
            .get("version")
            .and_then(Value::as_str)
            .unwrap_or("");
        build
            .packages
            .entry(name)
            .or_insert_with(|| version.to_string());
        for dep in manifest
            .get("dependencies")
            .and_then(Value::as_object)
            .map(|d| {
                d.keys()
                    .filter(|n| is_package_name(n))
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
        {
            queue.push_back((dep, source.clone(), into.clone()));
        }
    }
}

/// Copies the package at `source` into `target`: its mini-program folder (`miniprogram`, or
/// `miniprogram_dist`) when it has one, else its modules (scripts and JSON, without
/// TypeScript declarations) and its `package.json`, for `main`, `exports` and `browser`.
pub(super) fn pack(
    given: &FileSet,
    source: &str,
    manifest: &Value,
    target: &str,
    files: &mut FileSet,
) {
    let field = manifest.get("miniprogram").and_then(Value::as_str);
    let dist = field
        .and_then(normalize_path)
        .filter(|d| !d.is_empty())
        .or_else(|| {
            let default = format!("{source}/miniprogram_dist/");
            given
                .paths()
                .any(|p| p.starts_with(&default))
                .then(|| "miniprogram_dist".to_string())
        });
    let from = match &dist {
        Some(dist) => format!("{source}/{dist}/"),
        None => format!("{source}/"),
    };
    let copied: Vec<(String, Vec<u8>)> = given
        .iter()
        .filter_map(|(path, content)| Some((path.strip_prefix(&from)?, content)))
        .filter(|(rest, _)| !rest.split('/').any(|s| s == "node_modules"))
        .filter(|(rest, _)| dist.is_some() || is_plain_module(rest))
        .map(|(rest, content)| (format!("{target}/{rest}"), content.bytes().to_vec()))
        .collect();
    for (path, bytes) in copied {
        files.insert(&path, bytes);
    }
}

/// A file of a plain JavaScript package that `require` can load.
fn is_plain_module(rest: &str) -> bool {
    let ext = rest.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(ext, "js" | "cjs" | "mjs" | "json") && rest != "package-lock.json"
}

/// The folder of the package `name` as Node finds it from `from`: the nearest
/// `node_modules/<name>` with a `package.json`.
pub(super) fn installed(given: &FileSet, from: &str, name: &str) -> Option<String> {
    let mut dir = Some(from);
    while let Some(d) = dir {
        let candidate = join(d, &format!("node_modules/{name}"));
        if given.contains(&format!("{candidate}/package.json")) {
            return Some(candidate);
        }
        dir = if d.is_empty() { None } else { Some(parent(d)) };
    }
    None
}

/// `path` (relative to the folder given) relative to the mini-program root, when inside it.
fn inside_root(root: &str, path: &str) -> Option<String> {
    if root.is_empty() {
        return Some(path.to_string());
    }
    path.strip_prefix(&format!("{root}/")).map(str::to_string)
}

/// The package folder's name for a nested placement (`node_modules/@a/b` → `@a/b`).
fn from_name(dir: &str) -> String {
    dir.rsplit_once("node_modules/")
        .map_or(dir, |(_, name)| name)
        .to_string()
}

fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

fn join(dir: &str, rest: &str) -> String {
    match (dir.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_string(),
        (false, true) => format!("{dir}/"),
        (false, false) => format!("{dir}/{rest}"),
    }
}

pub(super) fn located(diagnostic: Diagnostic, span: Option<std::ops::Range<usize>>) -> Diagnostic {
    match span {
        Some(span) => diagnostic.with_span(span),
        None => diagnostic,
    }
}
