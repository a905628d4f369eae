//! Reading a mini-program's folder into a [`FileSet`]: the one place the compiler touches the
//! file system. Links are followed only inside the root; the ones that leave it are refused,
//! reported and recorded in the set ([`FileSet::escaped_links`]).

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
        let walker = walkdir::WalkDir::new(&canonical_root)
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
                    diagnostics.push(unreadable(err.path(), &canonical_root, &err));
                    continue;
                }
                Err(err) => return Err(std::io::Error::other(err)),
            };
            let Ok(rel) = entry.path().strip_prefix(&canonical_root) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if entry.file_type().is_symlink() {
                match entry.path().canonicalize() {
                    Ok(target) if target.starts_with(&canonical_root) => {
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
                        set.mark_escaped_link(&rel);
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
            match std::fs::read(&path) {
                Ok(bytes) => {
                    set.insert(&rel, bytes);
                }
                Err(err) => diagnostics.push(unreadable(Some(&path), &canonical_root, &err)),
            }
        }
        Ok((set, diagnostics))
    }
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
