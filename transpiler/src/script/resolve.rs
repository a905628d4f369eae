//! Resolving `require`/`import` specifiers as WeChat does: relative and root-absolute paths,
//! with or without `.js`/`.ts`, folder `index`, `resolveAlias`, npm packages in the nearest
//! `miniprogram_npm` (`miniprogram` and `main` fields), `.json` files. Nothing resolves
//! outside the project root.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::project::{apply_alias, npm_dirs};
use crate::source::{normalize_path, FileSet};

/// What a specifier names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the project (root-relative path of the source file).
    File(String),
    /// A path that leaves the project root, directly or through a link.
    Escapes,
    /// Nothing at any of the places WeChat would look.
    Missing { bare: bool },
    /// The package `0`, listed in a `package.json` but not installed (reported there).
    NotInstalled(String),
}

/// Everything resolution reads; shared by every file of a conversion.
pub struct Resolver<'a> {
    pub files: &'a FileSet,
    pub alias: &'a BTreeMap<String, String>,
    /// Library mode: `<own-package>/x` resolves from the root.
    pub library: bool,
    /// Links in the input that point outside the root (left out of the file set).
    pub escaped_links: &'a BTreeSet<String>,
    /// npm packages listed in a `package.json` but not installed (reported there once).
    pub missing_packages: BTreeSet<&'a str>,
}

/// Extensions of files that the script phase compiles to modules.
pub const SCRIPT_EXTENSIONS: &[&str] = &["js", "ts", "mjs", "cjs"];

impl Resolver<'_> {
    /// Resolves `spec`, written in the file `from`.
    pub fn resolve(&self, from: &str, spec: &str) -> Resolved {
        let spec = spec.trim();
        if spec.is_empty() {
            return Resolved::Missing { bare: false };
        }
        if let Some(target) = apply_alias(spec, self.alias) {
            return match normalize_path(target.trim_start_matches('/')) {
                Some(base) => self
                    .at(&base)
                    .map_or_else(|| self.missing(&base, false), Resolved::File),
                None => Resolved::Escapes,
            };
        }
        let is_path = spec.starts_with('/') || spec.starts_with('.');
        let joined = FileSet::resolve(from, spec);
        if is_path {
            return match joined {
                Some(base) => self
                    .at(&base)
                    .map_or_else(|| self.missing(&base, false), Resolved::File),
                None => Resolved::Escapes,
            };
        }
        for npm in npm_dirs(from) {
            if let Some(found) = self.package(&npm, spec) {
                return Resolved::File(found);
            }
        }
        // WeChat's older rule: a bare path that is no package is relative to the file.
        if let Some(found) = joined.as_deref().and_then(|base| self.at(base)) {
            return Resolved::File(found);
        }
        if self.library {
            let segments = if spec.starts_with('@') { 2 } else { 1 };
            if let Some(found) = spec
                .splitn(segments + 1, '/')
                .nth(segments)
                .and_then(normalize_path)
                .and_then(|rest| self.at(&rest))
            {
                return Resolved::File(found);
            }
        }
        let segments = if spec.starts_with('@') { 2 } else { 1 };
        let name = spec
            .splitn(segments + 1, '/')
            .take(segments)
            .collect::<Vec<_>>()
            .join("/");
        if self.missing_packages.contains(name.as_str()) {
            return Resolved::NotInstalled(name);
        }
        Resolved::Missing { bare: true }
    }

    fn missing(&self, base: &str, bare: bool) -> Resolved {
        let links = [base.to_string(), format!("{base}.js"), format!("{base}.ts")];
        if links.iter().any(|l| self.escaped_links.contains(l))
            || self
                .escaped_links
                .iter()
                .any(|l| base.starts_with(&format!("{l}/")))
        {
            Resolved::Escapes
        } else {
            Resolved::Missing { bare }
        }
    }

    /// The module file at `base`: itself, `base.js`, `base.ts`, `base/index.js|ts`.
    fn at(&self, base: &str) -> Option<String> {
        let exists = |p: &str| self.files.contains(p) && is_module_file(p);
        if exists(base) {
            return Some(base.to_string());
        }
        if let Some(stem) = base.strip_suffix(".js") {
            let ts = format!("{stem}.ts");
            if exists(&ts) {
                return Some(ts);
            }
        }
        let index = if base.is_empty() {
            "index".to_string()
        } else {
            format!("{base}/index")
        };
        // Inside npm packages `.json` is tried too, as Node does and packages expect.
        let json = base.split('/').any(|s| s == "miniprogram_npm");
        [base, index.as_str()]
            .iter()
            .flat_map(|b| [format!("{b}.js"), format!("{b}.ts"), format!("{b}.json")])
            .filter(|p| json || !p.ends_with(".json"))
            .find(|p| exists(p))
    }

    /// `spec` as a package (or a file of one) in the folder `npm` (a `miniprogram_npm`):
    /// `exports` first, then the package's `miniprogram` folder, `browser` and `main`; a
    /// `browser` map then replaces the file found, as bundlers for the web do.
    fn package(&self, npm: &str, spec: &str) -> Option<String> {
        let segments = if spec.starts_with('@') { 2 } else { 1 };
        let mut parts = spec.splitn(segments + 1, '/');
        let name: Vec<&str> = parts.by_ref().take(segments).collect();
        if name.len() < segments {
            return None;
        }
        let dir = normalize_path(&format!("{npm}/{}", name.join("/")))?;
        if !dir.starts_with(npm) {
            return None;
        }
        let manifest = self
            .files
            .text(&format!("{dir}/package.json"))
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
            .unwrap_or(Value::Null);
        let field = |key: &str| {
            manifest
                .get(key)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let sub = parts.next().unwrap_or("");
        let inside =
            |rel: &str| normalize_path(&format!("{dir}/{rel}")).filter(|p| p.starts_with(&dir));
        let found = self.package_entry(&dir, &manifest, sub, &field, &inside)?;
        Some(
            browser_replacement(&manifest, &dir, &found).map_or(found, |rel| {
                inside(&rel).and_then(|p| self.at(&p)).unwrap_or_default()
            }),
        )
        .filter(|p| !p.is_empty())
    }

    fn package_entry(
        &self,
        dir: &str,
        manifest: &Value,
        sub: &str,
        field: &dyn Fn(&str) -> Option<String>,
        inside: &dyn Fn(&str) -> Option<String>,
    ) -> Option<String> {
        if let Some(exports) = manifest.get("exports") {
            let key = if sub.is_empty() {
                ".".to_string()
            } else {
                format!("./{sub}")
            };
            if let Some(found) = export_target(exports, &key)
                .and_then(|t| inside(&t))
                .and_then(|p| self.at(&p))
            {
                return Some(found);
            }
        }
        if !sub.is_empty() {
            let direct = inside(sub).and_then(|p| self.at(&p));
            let built = field("miniprogram")
                .and_then(|m| inside(&format!("{m}/{sub}")))
                .and_then(|p| self.at(&p));
            return direct.or(built);
        }
        let main = field("main");
        if let Some(mp) = field("miniprogram") {
            let entry = main
                .as_deref()
                .and_then(|m| m.rsplit('/').next())
                .unwrap_or("index");
            if let Some(found) = inside(&format!("{mp}/{entry}")).and_then(|p| self.at(&p)) {
                return Some(found);
            }
        }
        field("browser")
            .and_then(|b| inside(&b))
            .and_then(|p| self.at(&p))
            .or_else(|| main.and_then(|m| inside(&m)).and_then(|p| self.at(&p)))
            .or_else(|| self.at(dir))
    }
}

/// The conditions of `exports` miniport matches, in the order a web bundler prefers them.
const CONDITIONS: &[&str] = &["miniprogram", "browser", "require", "default"];

/// The target of the subpath `key` (`.` or `./sub`) in a package's `exports`: a string, an
/// array of fallbacks, conditions (matched in the object's order), or a subpath map with
/// `*` patterns.
fn export_target(exports: &Value, key: &str) -> Option<String> {
    let Value::Object(map) = exports else {
        return (key == ".").then(|| conditional(exports)).flatten();
    };
    if !map.keys().any(|k| k.starts_with('.')) {
        return (key == ".").then(|| conditional(exports)).flatten();
    }
    if let Some(value) = map.get(key) {
        return conditional(value);
    }
    map.iter()
        .filter_map(|(pattern, value)| {
            let (before, after) = pattern.split_once('*')?;
            let middle = key.strip_prefix(before)?.strip_suffix(after)?;
            Some((before.len(), value, middle))
        })
        .max_by_key(|(len, _, _)| *len)
        .and_then(|(_, value, middle)| conditional(value).map(|t| t.replace('*', middle)))
}

/// The first target of `value` under the conditions miniport matches.
fn conditional(value: &Value) -> Option<String> {
    match value {
        Value::String(target) => Some(target.clone()),
        Value::Array(list) => list.iter().find_map(conditional),
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| CONDITIONS.contains(&k.as_str()))
            .find_map(|(_, v)| conditional(v)),
        _ => None,
    }
}

/// What a `browser` map in the package at `dir` puts in place of `found` (a path inside the
/// package, relative to it), when it names that file.
fn browser_replacement(manifest: &Value, dir: &str, found: &str) -> Option<String> {
    let map = manifest.get("browser")?.as_object()?;
    let rel = found.strip_prefix(dir)?.trim_start_matches('/');
    let stem = rel
        .strip_suffix(".js")
        .or_else(|| rel.strip_suffix(".json"))
        .unwrap_or(rel);
    [
        format!("./{rel}"),
        rel.to_string(),
        format!("./{stem}"),
        stem.to_string(),
    ]
    .iter()
    .find_map(|k| map.get(k))
    .and_then(Value::as_str)
    .map(str::to_string)
}

/// Whether `path` is a file `require` can load: a script or a JSON module.
pub fn is_module_file(path: &str) -> bool {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    SCRIPT_EXTENSIONS.contains(&ext) || ext == "json"
}

#[cfg(test)]
mod tests;
