//! Reading a mini-program's folder into a [`FileSet`]: the one place the compiler touches the
//! file system. Links are followed only inside the root; the ones that leave it are refused,
//! reported and recorded in the set ([`FileSet::escaped_links`]). `node_modules` is read only
//! for the packages a `package.json` lists in `dependencies` (and theirs, and
//! `weui-miniprogram` for an app that names `useExtendedLib`), for the in-memory "Build npm"
//! (`project/npm/`); `--extended-lib` is the one folder outside the root that is read.

use std::path::{Path, PathBuf};

use crate::source::{codes, Diagnostic, FileSet};

/// Folders that are never part of a mini-program's sources.
const SKIPPED_DIRS: &[&str] = &["node_modules", ".git", ".svn", ".hg", ".idea", ".vscode"];

impl FileSet {
    /// Reads every file under `root`. Symbolic links are followed only when their target
    /// stays inside `root`; others are skipped with a diagnostic.
    pub fn read_dir(root: &Path) -> std::io::Result<(FileSet, Vec<Diagnostic>)> {
        let canonical_root = root.canonicalize()?;
        let mut set = FileSet::new();
        let mut diagnostics = Vec::new();
        set.walk(&canonical_root, &canonical_root, "", &mut diagnostics)?;
        set.read_dependencies(&canonical_root, &mut diagnostics);
        Ok((set, diagnostics))
    }

    /// Reads the `weui-miniprogram` package named by `--extended-lib` (the package folder, or a
    /// folder holding it, such as a `node_modules`) into [`EXTENDED_LIB_DIR`]. Links are
    /// followed only inside that folder.
    pub fn read_extended_lib(&mut self, dir: &Path) -> std::io::Result<Vec<Diagnostic>> {
        let named = |d: &Path| {
            std::fs::read_to_string(d.join("package.json"))
                .ok()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
                .is_some_and(|m| m.get("name").and_then(|n| n.as_str()) == Some(WEUI_PACKAGE))
        };
        let package = [
            dir.to_path_buf(),
            dir.join(WEUI_PACKAGE),
            dir.join("node_modules").join(WEUI_PACKAGE),
        ]
        .into_iter()
        .find(|d| named(d))
        .ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("`{}` holds no `{WEUI_PACKAGE}` package", dir.display()),
            )
        })?;
        let package = package.canonicalize()?;
        let mut diagnostics = Vec::new();
        let prefix = format!("{EXTENDED_LIB_DIR}/{WEUI_PACKAGE}");
        self.walk(&package, &package, &prefix, &mut diagnostics)?;
        Ok(diagnostics)
    }

    /// Reads every file under `start` (inside `root`) into the set at `prefix` + its path
    /// from `start`, skipping tool folders and `node_modules`.
    fn walk(
        &mut self,
        root: &Path,
        start: &Path,
        prefix: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> std::io::Result<()> {
        let walker = walkdir::WalkDir::new(start)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || !(e.file_type().is_dir()
                        && SKIPPED_DIRS.contains(&e.file_name().to_string_lossy().as_ref()))
            });
        let mut pending: Vec<(String, PathBuf)> = Vec::new();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) if err.depth() > 0 => {
                    diagnostics.push(unreadable(err.path(), root, &err));
                    continue;
                }
                Err(err) => return Err(std::io::Error::other(err)),
            };
            let Ok(rel) = entry.path().strip_prefix(start) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            let rel = match (prefix.is_empty(), rel.is_empty()) {
                (true, _) => rel,
                (false, true) => prefix.to_string(),
                (false, false) => format!("{prefix}/{rel}"),
            };
            if entry.file_type().is_symlink() {
                match entry.path().canonicalize() {
                    Ok(target) if target.starts_with(root) => {
                        if target.is_file() {
                            pending.push((rel, target));
                        } else if target.is_dir() {
                            diagnostics.push(
                                Diagnostic::of(
                                    codes::PROJECT_SYMLINKED_FOLDER,
                                    format!(
                                        "`{rel}` is a link to a folder; its files are not read"
                                    ),
                                )
                                .in_file(rel.clone())
                                .with_hint(
                                    "copy the folder into the project instead of linking it",
                                ),
                            );
                        }
                    }
                    Ok(_) => {
                        self.mark_escaped_link(&rel);
                        diagnostics.push(
                        Diagnostic::of(
                            codes::PROJECT_PATH_ESCAPES_ROOT,
                            format!("`{rel}` links to a place outside the mini-program; it is not read"),
                        )
                        .in_file(rel.clone())
                        .with_hint("miniport reads nothing outside the project root; copy the file into the project"),
                        )
                    }
                    Err(_) => diagnostics.push(
                        Diagnostic::of(
                            codes::PROJECT_BROKEN_LINK,
                            format!("`{rel}` is a link to nothing; it is not read"),
                        )
                        .in_file(rel.clone())
                        .with_hint("remove the link or restore its target"),
                    ),
                }
            } else if entry.file_type().is_file() {
                pending.push((rel, entry.path().to_path_buf()));
            }
        }
        for (rel, path) in pending {
            match read_inside(&path, root) {
                Ok(Some(bytes)) => {
                    self.insert(&rel, bytes);
                }
                // Changed into a link out of the root since the walk looked at it.
                Ok(None) => {
                    self.mark_escaped_link(&rel);
                    diagnostics.push(
                        Diagnostic::of(
                            codes::PROJECT_PATH_ESCAPES_ROOT,
                            format!("`{rel}` leads outside the mini-program; it is not read"),
                        )
                        .in_file(rel.clone())
                        .with_hint("it was changed into a link while miniport read the folder; miniport reads nothing outside the project root"),
                    );
                }
                Err(err) => diagnostics.push(unreadable(Some(&path), root, &err)),
            }
        }
        Ok(())
    }

    /// Reads the installed packages that the `package.json` files of the project list in
    /// `dependencies`, and their own dependencies in turn, from the nearest `node_modules`
    /// as Node finds them (never above `root`). A package linked from outside the root is
    /// refused like any other link.
    fn read_dependencies(&mut self, root: &Path, diagnostics: &mut Vec<Diagnostic>) {
        let mut queue: Vec<(String, String)> = Vec::new();
        for path in self.paths() {
            if path
                .split('/')
                .any(|s| s.starts_with('.') || s == "miniprogram_npm")
            {
                continue;
            }
            let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
            if name == "package.json" {
                for dependency in dependency_names(self.text(path)) {
                    queue.push((dir.to_string(), dependency));
                }
            } else if name == "app.json"
                && self
                    .text(path)
                    .is_some_and(|t| t.contains("useExtendedLib"))
            {
                queue.push((dir.to_string(), WEUI_PACKAGE.to_string()));
            }
        }
        let mut read: std::collections::BTreeSet<String> = Default::default();
        while let Some((from, name)) = queue.pop() {
            let Some(found) = ancestors(&from)
                .map(|d| format!("{}node_modules/{name}", with_slash(d)))
                .find(|p| root.join(p).is_dir())
            else {
                continue;
            };
            if !read.insert(found.clone()) {
                continue;
            }
            match root.join(&found).canonicalize() {
                Ok(target) if target.starts_with(root) => {
                    if let Err(err) = self.walk(root, &target, &found, diagnostics) {
                        diagnostics.push(unreadable(Some(&root.join(&found)), root, &err));
                        continue;
                    }
                }
                Ok(_) => {
                    self.mark_escaped_link(&found);
                    diagnostics.push(
                        Diagnostic::of(
                            codes::PROJECT_PATH_ESCAPES_ROOT,
                            format!(
                                "`{found}` links to a place outside the project; it is not read"
                            ),
                        )
                        .in_file(found.clone())
                        .with_hint(
                            "install the package into the project (`npm install` without links)",
                        ),
                    );
                    continue;
                }
                Err(_) => continue,
            }
            for dep in dependency_names(self.text(&format!("{found}/package.json"))) {
                queue.push((found.clone(), dep));
            }
        }
    }
}

/// The folder of the set that holds the package given with `--extended-lib`.
pub const EXTENDED_LIB_DIR: &str = ".miniport-extended-lib";

/// The npm package of WeChat's weui extended library.
pub const WEUI_PACKAGE: &str = "weui-miniprogram";

/// The names in a `package.json`'s `dependencies` (not `devDependencies`).
fn dependency_names(manifest: Option<&str>) -> Vec<String> {
    manifest
        .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
        .and_then(|m| m.get("dependencies").and_then(|d| d.as_object()).cloned())
        .map(|d| d.keys().filter(|n| is_package_name(n)).cloned().collect())
        .unwrap_or_default()
}

/// Whether `name` is an npm package name that stays one folder (two when scoped) below
/// `node_modules`: no empty, `.` or `..` segment, no backslash.
pub fn is_package_name(name: &str) -> bool {
    let segments: Vec<&str> = name.split('/').collect();
    let count = if name.starts_with('@') { 2 } else { 1 };
    segments.len() == count
        && !name.contains('\\')
        && segments
            .iter()
            .all(|s| !s.is_empty() && *s != "." && *s != "..")
}

/// `dir` and each folder above it, up to the root (`""`).
fn ancestors(dir: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(dir);
    std::iter::from_fn(move || {
        let current = next?;
        next = match current.rfind('/') {
            Some(i) => Some(&current[..i]),
            None if current.is_empty() => None,
            None => Some(""),
        };
        Some(current)
    })
}

/// `dir/`, or nothing for the root.
fn with_slash(dir: &str) -> String {
    if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    }
}

/// The bytes of the file at `path` when the file actually opened is a regular file inside
/// `root`, `None` when it is not (a path swapped for a link out of the root after the walk
/// checked it). The file is opened once and its real path taken from the open file (Linux:
/// `/proc/self/fd`); elsewhere the path is canonicalised after opening and must name the same
/// file (device and inode on Unix).
fn read_inside(path: &Path, root: &Path) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(None);
    }
    let Some(real) = real_path(&file, path, &meta) else {
        return Ok(None);
    };
    if !real.starts_with(root) {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

/// Where the open `file` really is, or `None` when that cannot be told.
#[cfg(target_os = "linux")]
fn real_path(file: &std::fs::File, _path: &Path, _meta: &std::fs::Metadata) -> Option<PathBuf> {
    use std::os::fd::AsRawFd;
    std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()
}

/// Where the open `file` really is, or `None` when that cannot be told.
#[cfg(all(unix, not(target_os = "linux")))]
fn real_path(_file: &std::fs::File, path: &Path, meta: &std::fs::Metadata) -> Option<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let canonical = path.canonicalize().ok()?;
    let again = std::fs::metadata(&canonical).ok()?;
    (again.dev() == meta.dev() && again.ino() == meta.ino()).then_some(canonical)
}

/// Where the open `file` really is, or `None` when that cannot be told.
#[cfg(not(unix))]
fn real_path(_file: &std::fs::File, path: &Path, _meta: &std::fs::Metadata) -> Option<PathBuf> {
    path.canonicalize().ok()
}

/// A file or folder under `root` that could not be read; it is left out of the set.
fn unreadable(path: Option<&Path>, root: &Path, err: &dyn std::fmt::Display) -> Diagnostic {
    let rel = path
        .and_then(|p| p.strip_prefix(root).ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    Diagnostic::of(
        codes::PROJECT_UNREADABLE,
        format!("`{rel}` could not be read: {err}"),
    )
    .in_file(rel)
    .with_hint("check the file's permissions; it is left out of the output")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_stay_one_folder_below_node_modules() {
        for name in ["dayjs", "@vant/weapp", "tdesign-miniprogram", "a.b"] {
            assert!(is_package_name(name), "{name}");
        }
        for name in [
            "..",
            "../x",
            "@scope",
            "@scope/..",
            "a/b",
            "",
            "@s/a/b",
            "a\\b",
            ".",
        ] {
            assert!(!is_package_name(name), "{name}");
        }
    }

    #[test]
    fn ancestors_climb_to_the_root() {
        assert_eq!(ancestors("a/b").collect::<Vec<_>>(), vec!["a/b", "a", ""]);
        assert_eq!(ancestors("").collect::<Vec<_>>(), vec![""]);
    }

    #[test]
    fn the_extended_lib_folder_must_hold_weui_miniprogram() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut set = FileSet::new();
        let err = set
            .read_extended_lib(dir.path())
            .expect_err("nothing there");
        assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
        let package = dir.path().join("node_modules").join(WEUI_PACKAGE);
        std::fs::create_dir_all(package.join("miniprogram_dist/cell")).expect("mkdir");
        std::fs::write(
            package.join("package.json"),
            r#"{ "name": "weui-miniprogram" }"#,
        )
        .expect("write");
        std::fs::write(package.join("miniprogram_dist/cell/cell.wxml"), "<view/>").expect("write");
        let found = set
            .read_extended_lib(dir.path())
            .expect("found in node_modules");
        assert!(found.is_empty());
        assert!(
            set.contains(".miniport-extended-lib/weui-miniprogram/miniprogram_dist/cell/cell.wxml")
        );
    }

    /// The walk checks a path, the read comes later: a file swapped in between for a link out
    /// of the root (or a folder on its path swapped for one) is not read.
    #[cfg(unix)]
    #[test]
    fn a_file_swapped_for_a_link_out_of_the_root_after_the_walk_is_not_read() {
        let outside = tempfile::tempdir().expect("tempdir");
        std::fs::write(outside.path().join("secret"), "token").expect("write");
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().canonicalize().expect("canonical");
        std::fs::create_dir(root.join("pages")).expect("mkdir");
        std::fs::write(root.join("pages/a.js"), "x").expect("write");
        assert_eq!(
            read_inside(&root.join("pages/a.js"), &root).expect("read"),
            Some(b"x".to_vec())
        );
        // The file becomes a link to a file outside.
        std::fs::remove_file(root.join("pages/a.js")).expect("rm");
        std::os::unix::fs::symlink(outside.path().join("secret"), root.join("pages/a.js"))
            .expect("link");
        assert_eq!(
            read_inside(&root.join("pages/a.js"), &root).expect("read"),
            None
        );
        // A folder on the path becomes a link to a folder outside.
        std::fs::remove_file(root.join("pages/a.js")).expect("rm");
        std::fs::remove_dir(root.join("pages")).expect("rmdir");
        std::fs::rename(outside.path().join("secret"), outside.path().join("a.js")).expect("mv");
        std::os::unix::fs::symlink(outside.path(), root.join("pages")).expect("link");
        assert_eq!(
            read_inside(&root.join("pages/a.js"), &root).expect("read"),
            None
        );
    }
}
