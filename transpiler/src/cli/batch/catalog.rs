//! What a catalog holds: the apps of a folder (its subfolders and its `.zip`/`.tar.gz`
//! archives) or of a list file (one path per line, or JSON lines with `path` and `name`),
//! each with a unique name that becomes its output folder. Listing reads no app's files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use miniport::project::ArchiveKind;
use miniport::source::{codes, DiagnosticRecord, FileSet};
use miniport::Diagnostic;
use serde_json::Value;

/// Where an app's sources are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Folder(PathBuf),
    Archive(PathBuf, ArchiveKind),
    /// A listed path that is neither a folder nor an archive: reported as the app's failure.
    Missing(PathBuf),
}

/// One app of the catalog.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Unique in the catalog; the app's output folder is `apps/<name>`.
    pub name: String,
    /// The app's path relative to the catalog's base folder (as listed), `/`-separated.
    pub source: String,
    pub location: Source,
}

/// A listed catalog.
#[derive(Debug, Default)]
pub struct Catalog {
    /// The folder the apps' `source` paths are relative to, as given on the command line.
    pub base: String,
    /// The apps, in order of name.
    pub entries: Vec<Entry>,
    /// Problems of the catalog itself (a bad line, a name used twice), located in the list
    /// file when there is one.
    pub diagnostics: Vec<Value>,
}

/// Lists the catalog at `path`: a folder, or a list file (`.jsonl` or one path per line).
pub fn list(path: &Path) -> Result<Catalog, String> {
    if path.is_dir() {
        list_folder(path)
    } else if path.is_file() {
        list_file(path)
    } else {
        Err(format!(
            "`{}` is neither a folder nor a list file",
            path.display()
        ))
    }
}

/// The catalog's apps are the folder's subfolders and archives; hidden ones are skipped.
fn list_folder(dir: &Path) -> Result<Catalog, String> {
    let read =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    let mut names: Vec<(String, PathBuf)> = Vec::new();
    for item in read {
        let item = item.map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
        let name = item.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        names.push((name, item.path()));
    }
    names.sort();
    let mut catalog = Catalog {
        base: slash(dir),
        ..Catalog::default()
    };
    let mut seen = BTreeSet::new();
    for (file_name, path) in names {
        let location = if path.is_dir() {
            Source::Folder(path)
        } else if let Some((kind, _)) = ArchiveKind::of(&file_name) {
            Source::Archive(path, kind)
        } else {
            continue;
        };
        let name = app_name(&file_name);
        if !seen.insert(name.clone()) {
            catalog.diagnostics.push(record(
                &Diagnostic::of(
                    codes::BATCH_DUPLICATE_APP,
                    format!(
                        "`{file_name}` has the name `{name}` of an app before it; it is skipped"
                    ),
                )
                .with_hint("rename the folder or the archive"),
                &FileSet::new(),
            ));
            continue;
        }
        catalog.entries.push(Entry {
            name,
            source: file_name,
            location,
        });
    }
    Ok(catalog)
}

/// A list file: each line a path relative to the file's folder (`#` starts a comment), or in
/// a `.jsonl` file a JSON object `{"path": "...", "name": "..."}` (`name` optional).
fn list_file(file: &Path) -> Result<Catalog, String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read `{}`: {e}", file.display()))?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let jsonl = file_name.to_ascii_lowercase().ends_with(".jsonl");
    let base_dir = file.parent().unwrap_or(Path::new(""));
    let mut located = FileSet::new();
    located.insert(&file_name, text.clone());
    let mut catalog = Catalog {
        base: slash(base_dir),
        ..Catalog::default()
    };
    let mut seen = BTreeSet::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let at = start + (line.len() - line.trim_start().len());
        let span = at..at + trimmed.len();
        let bad = |message: String, hint: &str| {
            record(
                &Diagnostic::of(codes::BATCH_BAD_LIST_LINE, message)
                    .in_file(file_name.clone())
                    .with_span(span.clone())
                    .with_label("this line")
                    .with_hint(hint.to_string()),
                &located,
            )
        };
        let (path, name) = if jsonl {
            match serde_json::from_str::<Value>(trimmed) {
                Ok(Value::Object(map)) => match (map.get("path"), map.get("name")) {
                    (Some(Value::String(p)), None) => (p.clone(), None),
                    (Some(Value::String(p)), Some(Value::String(n))) => {
                        (p.clone(), Some(n.clone()))
                    }
                    _ => {
                        catalog.diagnostics.push(bad(
                            "the line has no `path` string, or a `name` that is not a string"
                                .into(),
                            "write {\"path\": \"apps/shop\", \"name\": \"shop\"}",
                        ));
                        continue;
                    }
                },
                _ => {
                    catalog.diagnostics.push(bad(
                        "the line is not a JSON object".into(),
                        "write {\"path\": \"apps/shop\"}",
                    ));
                    continue;
                }
            }
        } else {
            (trimmed.to_string(), None)
        };
        let path_name = Path::new(&path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = name.unwrap_or_else(|| app_name(&path_name));
        if !is_folder_name(&name) {
            catalog.diagnostics.push(bad(
                format!("`{name}` cannot name an output folder"),
                "an app's name is one folder name: no `/`, `\\`, leading `.`, or empty name",
            ));
            continue;
        }
        if !seen.insert(name.clone()) {
            catalog.diagnostics.push(record(
                &Diagnostic::of(
                    codes::BATCH_DUPLICATE_APP,
                    format!(
                        "`{path}` has the name `{name}` of an app listed before it; it is skipped"
                    ),
                )
                .in_file(file_name.clone())
                .with_span(span.clone())
                .with_label("listed again here")
                .with_hint("give it another name (`name` in a .jsonl catalog)"),
                &located,
            ));
            continue;
        }
        let full = base_dir.join(&path);
        let location = if full.is_dir() {
            Source::Folder(full)
        } else if let Some((kind, _)) = ArchiveKind::of(&path_name).filter(|_| full.is_file()) {
            Source::Archive(full, kind)
        } else {
            Source::Missing(full)
        };
        catalog.entries.push(Entry {
            name,
            source: path.replace('\\', "/"),
            location,
        });
    }
    catalog.entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(catalog)
}

/// The app's name from its folder or archive name (the archive's extension dropped).
fn app_name(file_name: &str) -> String {
    ArchiveKind::of(file_name)
        .map_or(file_name, |(_, stem)| stem)
        .to_string()
}

/// Whether `name` is a single, visible folder name.
fn is_folder_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', '\0'])
}

/// A path with `/` separators.
fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A catalog diagnostic as a report record.
fn record(diagnostic: &Diagnostic, files: &FileSet) -> Value {
    serde_json::json!(DiagnosticRecord::from_diagnostic(diagnostic, files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_file_names_apps_by_their_last_folder_and_locates_bad_lines() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::create_dir_all(dir.path().join("a/shop")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("b/shop")).expect("mkdir");
        let list = dir.path().join("apps.jsonl");
        std::fs::write(
            &list,
            "{\"path\": \"a/shop\"}\n# comment\n\n{\"path\": \"b/shop\"}\n{\"path\": \"b/shop\", \"name\": \"shop-b\"}\n[1]\n{\"path\": \"gone.zip\"}\n",
        )
        .expect("write");
        let catalog = list_file(&list).expect("lists");
        let names: Vec<_> = catalog.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, vec!["gone", "shop", "shop-b"]);
        assert!(matches!(catalog.entries[0].location, Source::Missing(_)));
        let found: Vec<_> = catalog
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or(""),
                    d["line"].as_u64().unwrap_or(0),
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![
                (codes::BATCH_DUPLICATE_APP.name, 4),
                (codes::BATCH_BAD_LIST_LINE.name, 6)
            ]
        );
    }
}
