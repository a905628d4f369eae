//! Reading a mini-program from a `.zip` or `.tar.gz` archive held in memory into a
//! [`FileSet`], for catalogs of archives (`miniport batch`): nothing is unpacked to disk. An
//! entry whose path is absolute or climbs out with `..` is refused with a diagnostic; when
//! every entry sits in one top folder (as in the archives of source hosts), that folder is the
//! root.

use std::io::Read;

use crate::source::{codes, Diagnostic, FileSet};

/// The most bytes an archive may unpack to (in memory); a larger one is refused as a whole.
pub const MAX_UNPACKED_BYTES: u64 = 1 << 30;

/// Folders of an archive that are never part of a mini-program's sources.
const SKIPPED_DIRS: &[&str] = &[".git", ".svn", ".hg", ".idea", ".vscode", "__MACOSX"];

/// The kinds of archive a catalog may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveKind {
    Zip,
    TarGz,
}

impl ArchiveKind {
    /// The kind of the archive named `name` (by its extension), and its name without it.
    pub fn of(name: &str) -> Option<(ArchiveKind, &str)> {
        let lower = name.to_ascii_lowercase();
        for (ext, kind) in [
            (".zip", ArchiveKind::Zip),
            (".tar.gz", ArchiveKind::TarGz),
            (".tgz", ArchiveKind::TarGz),
        ] {
            if lower.ends_with(ext) && lower.len() > ext.len() {
                return Some((kind, &name[..name.len() - ext.len()]));
            }
        }
        None
    }
}

/// Why an archive could not be read at all.
#[derive(Debug)]
pub struct ArchiveError(pub String);

impl std::fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl FileSet {
    /// Reads the archive `bytes` (named `name`, for messages) into a new set: every regular
    /// file, with refused entries reported.
    pub fn read_archive(
        name: &str,
        kind: ArchiveKind,
        bytes: &[u8],
    ) -> Result<(FileSet, Vec<Diagnostic>), ArchiveError> {
        let entries = match kind {
            ArchiveKind::Zip => zip_entries(bytes),
            ArchiveKind::TarGz => tar_gz_entries(bytes),
        }
        .map_err(|err| ArchiveError(format!("`{name}` cannot be read: {err}")))?;
        let mut diagnostics = Vec::new();
        let mut kept: Vec<(String, Vec<u8>)> = Vec::new();
        for (raw, content) in entries {
            match safe_path(&raw) {
                Some(path) if path.is_empty() => {}
                Some(path) => {
                    if !path.split('/').any(|s| SKIPPED_DIRS.contains(&s)) {
                        kept.push((path, content));
                    }
                }
                None => diagnostics.push(
                    Diagnostic::of(
                        codes::BATCH_ARCHIVE_ENTRY_ESCAPES,
                        format!(
                            "the entry `{raw}` of `{name}` leaves the archive's folder; it is not read"
                        ),
                    )
                    .in_file(raw.clone())
                    .with_hint("an archive of an app holds paths relative to its folder, without `..`"),
                ),
            }
        }
        let top = common_top_folder(kept.iter().map(|(p, _)| p.as_str()));
        let mut set = FileSet::new();
        for (path, content) in kept {
            let rel = match &top {
                Some(top) => path[top.len() + 1..].to_string(),
                None => path,
            };
            set.insert(&rel, content);
        }
        Ok((set, diagnostics))
    }
}

/// The entry's path with `/` separators, or `None` when it is absolute, names a drive, or
/// has a `..` segment. `.` and empty segments are dropped.
fn safe_path(raw: &str) -> Option<String> {
    let unified = raw.replace('\\', "/");
    let drive = unified.as_bytes().get(1) == Some(&b':');
    if unified.starts_with('/') || drive {
        return None;
    }
    let mut parts = Vec::new();
    for segment in unified.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The one folder every path is in, when there is one and no file is beside it.
fn common_top_folder<'a>(paths: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut top: Option<&str> = None;
    for path in paths {
        let (first, _) = path.split_once('/')?;
        match top {
            None => top = Some(first),
            Some(t) if t == first => {}
            Some(_) => return None,
        }
    }
    top.map(str::to_string)
}

/// Reads the body of one entry, counting towards the unpacked limit.
fn read_limited(reader: impl Read, total: &mut u64) -> Result<Vec<u8>, String> {
    let mut content = Vec::new();
    let left = MAX_UNPACKED_BYTES.saturating_sub(*total);
    reader
        .take(left + 1)
        .read_to_end(&mut content)
        .map_err(|e| e.to_string())?;
    *total += content.len() as u64;
    if *total > MAX_UNPACKED_BYTES {
        return Err(format!(
            "it unpacks to more than {} MiB",
            MAX_UNPACKED_BYTES >> 20
        ));
    }
    Ok(content)
}

fn zip_entries(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut entries = Vec::new();
    let mut total = 0;
    for i in 0..archive.len() {
        let file = archive.by_index(i).map_err(|e| e.to_string())?;
        if !file.is_file() {
            continue;
        }
        let name = match file.name() {
            Ok(name) => name.into_owned(),
            Err(_) => String::from_utf8_lossy(file.name_raw()).into_owned(),
        };
        let content = read_limited(file, &mut total)?;
        entries.push((name, content));
    }
    Ok(entries)
}

fn tar_gz_entries(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(bytes));
    let mut entries = Vec::new();
    let mut total = 0;
    for entry in archive.entries().map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let content = read_limited(entry, &mut total)?;
        entries.push((name, content));
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_kinds_by_extension() {
        assert_eq!(ArchiveKind::of("a.zip"), Some((ArchiveKind::Zip, "a")));
        assert_eq!(
            ArchiveKind::of("shop.tar.gz"),
            Some((ArchiveKind::TarGz, "shop"))
        );
        assert_eq!(ArchiveKind::of("x.TGZ"), Some((ArchiveKind::TarGz, "x")));
        assert_eq!(ArchiveKind::of(".zip"), None);
        assert_eq!(ArchiveKind::of("a.tar"), None);
    }

    #[test]
    fn paths_that_leave_the_archive_are_refused() {
        assert_eq!(safe_path("a/./b.js").as_deref(), Some("a/b.js"));
        assert_eq!(safe_path("a\\b.js").as_deref(), Some("a/b.js"));
        for bad in ["../x", "a/../../x", "a/../b", "/etc/passwd", "C:/x", "\\x"] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn one_top_folder_becomes_the_root() {
        let paths = ["app-main/app.json", "app-main/pages/a.js"];
        assert_eq!(
            common_top_folder(paths.into_iter()).as_deref(),
            Some("app-main")
        );
        assert_eq!(common_top_folder(["app.json", "a/b"].into_iter()), None);
        assert_eq!(common_top_folder(["a/x", "b/y"].into_iter()), None);
    }

    #[test]
    fn a_tar_gz_is_read_in_memory_and_an_escaping_entry_is_reported() {
        let mut tar = tar::Builder::new(Vec::new());
        for (path, text) in [
            ("app-1/app.json", "{}"),
            ("app-1/pages/a.js", "x"),
            ("app-1/.git/HEAD", "ref"),
        ] {
            let mut header = tar::Header::new_gnu();
            header.set_size(text.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            tar.append_data(&mut header, path, text.as_bytes())
                .expect("append");
        }
        // `append_data` refuses `..`, so the escaping entry's name is written into the header.
        let mut header = tar::Header::new_gnu();
        header.as_old_mut().name[..11].copy_from_slice(b"../evil.txt");
        header.set_size(1);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append(&header, &b"x"[..]).expect("append");
        let tar = tar.into_inner().expect("tar");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &tar).expect("gz");
        let bytes = gz.finish().expect("gz");
        let (set, diagnostics) =
            FileSet::read_archive("a.tar.gz", ArchiveKind::TarGz, &bytes).expect("reads");
        assert_eq!(
            set.paths().collect::<Vec<_>>(),
            vec!["app.json", "pages/a.js"]
        );
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, codes::BATCH_ARCHIVE_ENTRY_ESCAPES.name);
        assert_eq!(diagnostics[0].file.as_deref(), Some("../evil.txt"));
    }

    #[test]
    fn a_corrupt_archive_is_an_error() {
        let err = FileSet::read_archive("a.zip", ArchiveKind::Zip, b"PK\x03\x04 not a zip")
            .expect_err("corrupt");
        assert!(err.0.contains("`a.zip` cannot be read"), "{err}");
        let err = FileSet::read_archive("a.tar.gz", ArchiveKind::TarGz, b"\x1f\x8b\x08garbage")
            .expect_err("corrupt");
        assert!(err.0.contains("`a.tar.gz` cannot be read"), "{err}");
    }
}
