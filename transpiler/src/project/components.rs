//! Resolving `usingComponents` references as WeChat does: relative and root-absolute paths,
//! `resolveAlias`, npm packages in the nearest `miniprogram_npm`, folder `index`.

use std::collections::BTreeMap;

use crate::source::{normalize_path, FileSet};

/// What a `usingComponents` value names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComponentRef {
    /// A component of the project, by its path without extension.
    Local(String),
    /// A plugin component (`plugin://…`), which miniport cannot carry over.
    Plugin(String),
    /// A path that would leave the project root.
    Escapes,
    /// Nothing at any of the places WeChat would look.
    Missing { tried: Vec<String> },
}

/// Resolves `reference`, written in the JSON file `from`.
pub fn resolve(
    files: &FileSet,
    from: &str,
    reference: &str,
    alias: &BTreeMap<String, String>,
) -> ComponentRef {
    let reference = reference.trim();
    if reference.is_empty() {
        return ComponentRef::Missing { tried: Vec::new() };
    }
    if reference.starts_with("plugin://") || reference.starts_with("plugin-private://") {
        return ComponentRef::Plugin(reference.to_string());
    }
    let aliased = apply_alias(reference, alias);
    let reference = aliased.as_deref().unwrap_or(reference);
    let mut tried = Vec::new();

    let direct = if aliased.is_some() {
        normalize_path(reference.trim_start_matches('/'))
    } else {
        FileSet::resolve(from, reference)
    };
    let is_path = reference.starts_with('/') || reference.starts_with('.') || aliased.is_some();
    match direct {
        None if is_path => return ComponentRef::Escapes,
        None => {}
        Some(base) => {
            if let Some(found) = component_at(files, &base) {
                return ComponentRef::Local(found);
            }
            tried.push(base);
        }
    }
    if !is_path {
        for base in npm_candidates(from, reference) {
            if let Some(found) = component_at(files, &base) {
                return ComponentRef::Local(found);
            }
            tried.push(base);
        }
    }
    ComponentRef::Missing { tried }
}

/// In library mode, `<package>/<path>` where `<package>` is the library itself
/// (`tdesign-miniprogram/icon/icon` inside tdesign's own `miniprogram_dist`): the component
/// at `<path>` from the library root, when there is one.
pub fn resolve_self_reference(files: &FileSet, reference: &str) -> Option<String> {
    let segments = if reference.starts_with('@') { 2 } else { 1 };
    let rest = reference.splitn(segments + 1, '/').nth(segments)?;
    component_at(files, &normalize_path(rest)?)
}

/// The component whose files start with `base`, or `base/index`.
fn component_at(files: &FileSet, base: &str) -> Option<String> {
    let base = base
        .strip_suffix(".json")
        .or_else(|| base.strip_suffix(".wxml"))
        .or_else(|| base.strip_suffix(".js"))
        .unwrap_or(base);
    let has = |b: &str| {
        ["json", "wxml", "js", "ts"]
            .iter()
            .any(|ext| files.contains(&format!("{b}.{ext}")))
    };
    if has(base) {
        return Some(base.to_string());
    }
    let index = if base.is_empty() {
        "index".to_string()
    } else {
        format!("{base}/index")
    };
    has(&index).then_some(index)
}

/// `miniprogram_npm/<reference>` in the folder of `from` and each folder above it.
fn npm_candidates(from: &str, reference: &str) -> Vec<String> {
    npm_dirs(from)
        .into_iter()
        .filter_map(|dir| normalize_path(&format!("{dir}/{reference}")))
        .collect()
}

/// `miniprogram_npm` in the folder of `from` and each folder above it, nearest first
/// (where WeChat looks for npm packages, for components and for `require` alike).
pub fn npm_dirs(from: &str) -> Vec<String> {
    let mut dirs = Vec::new();
    let mut dir = from;
    while let Some(i) = dir.rfind('/') {
        dir = &dir[..i];
        dirs.push(format!("{dir}/miniprogram_npm"));
    }
    dirs.push("miniprogram_npm".to_string());
    dirs
}

/// Applies the `resolveAlias` entry that matches: an exact key, else the wildcard key
/// (`"@x/*": "/x/*"`) with the longest prefix, whatever the order of the keys.
pub fn apply_alias(reference: &str, alias: &BTreeMap<String, String>) -> Option<String> {
    if let Some(target) = alias.get(reference).filter(|_| !reference.ends_with('*')) {
        return Some(target.clone());
    }
    alias
        .iter()
        .filter_map(|(key, target)| {
            let prefix = key.strip_suffix('*')?;
            let target_prefix = target.strip_suffix('*')?;
            let rest = reference.strip_prefix(prefix)?;
            Some((prefix.len(), format!("{target_prefix}{rest}")))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, target)| target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(paths: &[&str]) -> FileSet {
        let mut set = FileSet::new();
        for p in paths {
            set.insert(p, "");
        }
        set
    }

    #[test]
    fn relative_and_absolute_references_resolve() {
        let set = files(&["components/card/card.json", "components/card/card.wxml"]);
        let none = BTreeMap::new();
        assert_eq!(
            resolve(&set, "pages/a/a.json", "../../components/card/card", &none),
            ComponentRef::Local("components/card/card".into())
        );
        assert_eq!(
            resolve(&set, "pages/a/a.json", "/components/card/card", &none),
            ComponentRef::Local("components/card/card".into())
        );
    }

    #[test]
    fn npm_packages_resolve_from_the_nearest_miniprogram_npm() {
        let set = files(&[
            "miniprogram_npm/@vant/weapp/button/index.json",
            "sub/miniprogram_npm/@vant/weapp/button/index.json",
        ]);
        let none = BTreeMap::new();
        assert_eq!(
            resolve(&set, "pages/a/a.json", "@vant/weapp/button/index", &none),
            ComponentRef::Local("miniprogram_npm/@vant/weapp/button/index".into())
        );
        assert_eq!(
            resolve(&set, "sub/pages/a.json", "@vant/weapp/button", &none),
            ComponentRef::Local("sub/miniprogram_npm/@vant/weapp/button/index".into())
        );
    }

    #[test]
    fn aliases_rewrite_the_reference() {
        let set = files(&["src/comps/x/index.json"]);
        let alias = BTreeMap::from([("@comps/*".to_string(), "/src/comps/*".to_string())]);
        assert_eq!(
            resolve(&set, "pages/a/a.json", "@comps/x", &alias),
            ComponentRef::Local("src/comps/x/index".into())
        );
    }

    #[test]
    fn escaping_plugin_and_missing_references_are_told_apart() {
        let set = files(&[]);
        let none = BTreeMap::new();
        assert_eq!(
            resolve(&set, "pages/a/a.json", "../../../x", &none),
            ComponentRef::Escapes
        );
        assert!(matches!(
            resolve(&set, "a.json", "plugin://p/comp", &none),
            ComponentRef::Plugin(_)
        ));
        assert!(matches!(
            resolve(&set, "a.json", "./nope", &none),
            ComponentRef::Missing { .. }
        ));
    }
}
