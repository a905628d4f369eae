//! Resolving `require`/`import` specifiers as WeChat does: relative and root-absolute paths,
//! with or without `.js`/`.ts`, folder `index`, `resolveAlias`, npm packages in the nearest
//! `miniprogram_npm` (`miniprogram` and `main` fields), `.json` files. Nothing resolves
//! outside the project root.

use std::collections::{BTreeMap, BTreeSet};

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
}

/// Everything resolution reads; shared by every file of a conversion.
pub struct Resolver<'a> {
    pub files: &'a FileSet,
    pub alias: &'a BTreeMap<String, String>,
    /// Library mode: `<own-package>/x` resolves from the root.
    pub library: bool,
    /// Links in the input that point outside the root (left out of the file set).
    pub escaped_links: &'a BTreeSet<String>,
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
        [base, index.as_str()]
            .iter()
            .flat_map(|b| [format!("{b}.js"), format!("{b}.ts")])
            .find(|p| exists(p))
    }

    /// `spec` as a package (or a file of one) in the folder `npm` (a `miniprogram_npm`).
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
            .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok());
        let field = |key: &str| {
            manifest
                .as_ref()
                .and_then(|m| m.get(key))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let sub = parts.next().unwrap_or("");
        let inside =
            |rel: &str| normalize_path(&format!("{dir}/{rel}")).filter(|p| p.starts_with(&dir));
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
        main.and_then(|m| inside(&m))
            .and_then(|p| self.at(&p))
            .or_else(|| self.at(&dir))
    }
}

/// Whether `path` is a file `require` can load: a script or a JSON module.
pub fn is_module_file(path: &str) -> bool {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    SCRIPT_EXTENSIONS.contains(&ext) || ext == "json"
}

#[cfg(test)]
mod tests;
