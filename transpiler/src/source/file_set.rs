//! The in-memory file set every phase reads: each file of the mini-program, read once.
//!
//! Paths are relative to the mini-program root, use `/`, and never contain `.` or `..`
//! segments; [`FileSet::resolve`] is the one place where a path written by the author is
//! joined to another, and it refuses any path that would leave the root. Reading a folder
//! into a set is the project loader's (`project/read.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The content of one file: text when it is valid UTF-8, bytes otherwise.
#[derive(Debug, Clone)]
pub enum Content {
    /// UTF-8 text, without a byte-order mark.
    Text(Arc<str>),
    /// Anything else (images, fonts, text in another encoding).
    Binary(Arc<[u8]>),
}

impl Content {
    /// Text when `bytes` are UTF-8 (a leading byte-order mark is dropped), bytes otherwise.
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        match String::from_utf8(bytes) {
            Ok(mut text) => {
                if text.starts_with('\u{feff}') {
                    text.drain(..3);
                }
                Content::Text(Arc::from(text))
            }
            Err(err) => Content::Binary(Arc::from(err.into_bytes())),
        }
    }

    /// The content as bytes.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Content::Text(text) => text.as_bytes(),
            Content::Binary(bytes) => bytes,
        }
    }
}

/// Every file of a mini-program, keyed by its root-relative path, in sorted order: the input
/// of [`crate::convert`].
///
/// ```
/// let mut files = miniport::FileSet::new();
/// assert!(files.insert("pages/a/./a.wxml", "<view/>"));
/// assert!(!files.insert("../outside.js", "x")); // never outside the root
/// assert_eq!(files.text("pages/a/a.wxml"), Some("<view/>"));
/// assert_eq!(files.paths().collect::<Vec<_>>(), ["pages/a/a.wxml"]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct FileSet {
    files: BTreeMap<String, Content>,
    /// Links under the root whose target is outside it: not read, kept so that a reference
    /// to one says why it is refused.
    escaped_links: BTreeSet<String>,
}

impl FileSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a file. `path` is normalised; a path that leaves the root is ignored
    /// and `false` is returned.
    pub fn insert(&mut self, path: &str, content: impl Into<Vec<u8>>) -> bool {
        match normalize_path(path) {
            Some(path) if !path.is_empty() => {
                self.files.insert(path, Content::from_bytes(content.into()));
                true
            }
            _ => false,
        }
    }

    /// Keeps only the files whose path `keep` accepts.
    #[doc(hidden)]
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.files.retain(|path, _| keep(path));
    }

    /// Whether there is a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The file at `path`.
    pub fn get(&self, path: &str) -> Option<&Content> {
        self.files.get(path)
    }

    /// The file's text, when it exists and is UTF-8.
    pub fn text(&self, path: &str) -> Option<&str> {
        match self.files.get(path)? {
            Content::Text(text) => Some(text),
            Content::Binary(_) => None,
        }
    }

    /// The file's text, shared without a copy.
    #[doc(hidden)]
    pub fn shared_text(&self, path: &str) -> Option<Arc<str>> {
        match self.files.get(path)? {
            Content::Text(text) => Some(text.clone()),
            Content::Binary(_) => None,
        }
    }

    /// Every path, in sorted order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Every file with its path, in sorted order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Content)> {
        self.files.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Total size in bytes of every file.
    pub fn total_bytes(&self) -> usize {
        self.files.values().map(|c| c.bytes().len()).sum()
    }

    /// A new set holding the files under `dir`, with paths relative to it.
    #[doc(hidden)]
    pub fn subset(&self, dir: &str) -> FileSet {
        if dir.is_empty() {
            return self.clone();
        }
        let prefix = format!("{dir}/");
        FileSet {
            files: self
                .files
                .range(prefix.clone()..)
                .take_while(|(k, _)| k.starts_with(&prefix))
                .map(|(k, v)| (k[prefix.len()..].to_string(), v.clone()))
                .collect(),
            escaped_links: self
                .escaped_links
                .iter()
                .filter_map(|p| p.strip_prefix(&prefix).map(str::to_string))
                .collect(),
        }
    }

    /// Records that `path` is a link out of the root (it has no content in the set).
    #[doc(hidden)]
    pub fn mark_escaped_link(&mut self, path: &str) {
        if let Some(path) = normalize_path(path) {
            self.escaped_links.insert(path);
        }
    }

    /// The links out of the root that reading refused, by root-relative path.
    #[doc(hidden)]
    pub fn escaped_links(&self) -> &BTreeSet<String> {
        &self.escaped_links
    }

    /// Joins `reference` (as written by the author) to the file `from`. A reference that
    /// starts with `/` is relative to the root. `None` when it would leave the root.
    pub fn resolve(from: &str, reference: &str) -> Option<String> {
        if let Some(absolute) = reference.strip_prefix('/') {
            return normalize_path(absolute);
        }
        let dir = match from.rfind('/') {
            Some(i) => &from[..i],
            None => "",
        };
        if dir.is_empty() {
            normalize_path(reference)
        } else {
            normalize_path(&format!("{dir}/{reference}"))
        }
    }
}

/// Normalises a `/`-separated relative path: drops `.` and empty segments and applies `..`.
/// `None` when a `..` would climb above the start.
pub fn normalize_path(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The path of `target` relative to the folder of `from` (both root-relative), for URLs
/// written into a file emitted at `from`.
pub fn relative_url(from: &str, target: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len().saturating_sub(1)];
    let target_parts: Vec<&str> = target.split('/').collect();
    let common = from_dir
        .iter()
        .zip(target_parts.iter())
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<&str> = vec![".."; from_dir.len() - common];
    out.extend(&target_parts[common..]);
    let joined = out.join("/");
    if joined.starts_with("..") {
        joined
    } else {
        format!("./{joined}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_joins_relative_and_root_absolute_references() {
        assert_eq!(
            FileSet::resolve("pages/a/a.wxss", "../../common/x.wxss").as_deref(),
            Some("common/x.wxss")
        );
        assert_eq!(
            FileSet::resolve("pages/a/a.wxss", "/common/x.wxss").as_deref(),
            Some("common/x.wxss")
        );
        assert_eq!(
            FileSet::resolve("app.wxss", "./x.wxss").as_deref(),
            Some("x.wxss")
        );
    }

    #[test]
    fn resolve_refuses_paths_that_leave_the_root() {
        assert_eq!(
            FileSet::resolve("pages/a/a.wxss", "../../../etc/passwd"),
            None
        );
        assert_eq!(FileSet::resolve("a.wxss", "/../x"), None);
    }

    #[test]
    fn relative_url_climbs_out_of_the_emitting_folder() {
        assert_eq!(
            relative_url("pages/a/a.css", "images/x.png"),
            "../../images/x.png"
        );
        assert_eq!(relative_url("app.css", "images/x.png"), "./images/x.png");
        assert_eq!(relative_url("pages/a/a.css", "pages/a/x.png"), "./x.png");
    }

    #[test]
    fn text_drops_a_byte_order_mark() {
        let mut set = FileSet::new();
        set.insert("a.json", "\u{feff}{}");
        assert_eq!(set.text("a.json"), Some("{}"));
    }

    #[test]
    fn subset_rebases_paths() {
        let mut set = FileSet::new();
        set.insert("mp/app.json", "{}");
        set.insert("mp/pages/a.wxml", "");
        set.insert("mpx/other", "");
        let sub = set.subset("mp");
        assert_eq!(
            sub.paths().collect::<Vec<_>>(),
            vec!["app.json", "pages/a.wxml"]
        );
    }
}
