//! Writing the output folder safely: into a temporary folder beside it, then renamed into
//! place, so a failed run leaves no half-written output; never into the input, and never
//! over a folder that miniport did not write.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use miniport::Output;

/// The file that marks a folder as written by miniport.
pub const MARKER: &str = ".miniport-output";

/// Why the output folder was refused or could not be written.
#[derive(Debug)]
pub enum WriteError {
    InsideSource { out: PathBuf, src: PathBuf },
    ForeignFolder(PathBuf),
    NotAFolder(PathBuf),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::InsideSource { out, src } => write!(
                f,
                "the output folder `{}` is inside the input `{}`; choose a folder outside it",
                out.display(),
                src.display()
            ),
            WriteError::ForeignFolder(out) => write!(
                f,
                "`{}` already holds files that miniport did not write; choose an empty or new folder",
                out.display()
            ),
            WriteError::NotAFolder(out) => {
                write!(f, "`{}` exists and is not a folder", out.display())
            }
            WriteError::Io(path, err) => write!(f, "cannot write `{}`: {err}", path.display()),
        }
    }
}

/// `path` made absolute and free of `.`/`..`, resolving symlinks of the part that exists.
fn absolute(path: &Path) -> io::Result<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        match Path::new(&part).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::CurDir) | None => {}
            _ => out.push(part),
        }
    }
    Ok(out)
}

/// Checks that `out` may be written for the input `src`, before any work is done.
pub fn check_target(src: &Path, out: &Path) -> Result<PathBuf, WriteError> {
    let io_err = |p: &Path| {
        let p = p.to_path_buf();
        move |e| WriteError::Io(p, e)
    };
    let src_abs = absolute(src).map_err(io_err(src))?;
    let out_abs = absolute(out).map_err(io_err(out))?;
    if out_abs.starts_with(&src_abs) {
        return Err(WriteError::InsideSource {
            out: out.to_path_buf(),
            src: src.to_path_buf(),
        });
    }
    if out_abs.exists() {
        if !out_abs.is_dir() {
            return Err(WriteError::NotAFolder(out.to_path_buf()));
        }
        let empty = fs::read_dir(&out_abs)
            .map_err(io_err(out))?
            .next()
            .is_none();
        if !empty && !out_abs.join(MARKER).is_file() {
            return Err(WriteError::ForeignFolder(out.to_path_buf()));
        }
        if src_abs.starts_with(&out_abs) {
            return Err(WriteError::ForeignFolder(out.to_path_buf()));
        }
    }
    Ok(out_abs)
}

/// Files that many outputs hold byte for byte (the runtime, in every app of a batch), written
/// once into a folder of their own and hard-linked into each output. A file that cannot be
/// linked (another file system, no hard links) is written as usual.
pub struct Shared {
    dir: PathBuf,
    files: Output,
}

impl Shared {
    /// Writes `files` into `dir` (replacing what an earlier run left there) and returns them
    /// for linking.
    pub fn create(dir: &Path, files: Output) -> Result<Shared, WriteError> {
        write_output(dir, &files)?;
        Ok(Shared {
            dir: dir.to_path_buf(),
            files,
        })
    }

    /// The stored copy of `rel` when it holds exactly `content`.
    fn copy_of(&self, rel: &str, content: &[u8]) -> Option<PathBuf> {
        (self.files.get(rel) == Some(content)).then(|| self.dir.join(rel))
    }
}

/// Writes `output` to `out` (already checked by [`check_target`]) through a temporary folder.
pub fn write_output(out: &Path, output: &Output) -> Result<(), WriteError> {
    write_output_sharing(out, output, None)
}

/// [`write_output`], hard-linking the files that `shared` holds with the same bytes.
pub fn write_output_sharing(
    out: &Path,
    output: &Output,
    shared: Option<&Shared>,
) -> Result<(), WriteError> {
    let parent = out.parent().unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    fs::create_dir_all(parent).map_err(|e| WriteError::Io(parent.to_path_buf(), e))?;
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.miniport-tmp-{pid}"));
    let old = parent.join(format!(".{name}.miniport-old-{pid}"));
    let _ = fs::remove_dir_all(&tmp);

    let result = write_all(&tmp, output, shared).and_then(|()| swap_into_place(&tmp, out, &old));
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

fn write_all(dir: &Path, output: &Output, shared: Option<&Shared>) -> Result<(), WriteError> {
    let err = |p: &Path| {
        let p = p.to_path_buf();
        move |e| WriteError::Io(p, e)
    };
    fs::create_dir_all(dir).map_err(err(dir))?;
    for (rel, content) in &output.files {
        // Output paths come from the normalised file set; still, never leave `dir`.
        if rel.split('/').any(|s| s == ".." || s.is_empty()) {
            continue;
        }
        let path = dir.join(rel);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(err(p))?;
        }
        let linked = shared
            .and_then(|s| s.copy_of(rel, content))
            .is_some_and(|copy| fs::hard_link(copy, &path).is_ok());
        if !linked {
            fs::write(&path, content).map_err(err(&path))?;
        }
    }
    let marker = dir.join(MARKER);
    fs::write(
        &marker,
        format!(
            "This folder was written by miniport {}; it is replaced by the next conversion.\n",
            env!("CARGO_PKG_VERSION")
        ),
    )
    .map_err(err(&marker))
}

fn swap_into_place(tmp: &Path, out: &Path, old: &Path) -> Result<(), WriteError> {
    let err = |p: &Path| {
        let p = p.to_path_buf();
        move |e| WriteError::Io(p, e)
    };
    if out.exists() {
        let _ = fs::remove_dir_all(old);
        fs::rename(out, old).map_err(err(out))?;
        if let Err(e) = fs::rename(tmp, out) {
            let _ = fs::rename(old, out);
            return Err(WriteError::Io(out.to_path_buf(), e));
        }
        let _ = fs::remove_dir_all(old);
        Ok(())
    } else {
        fs::rename(tmp, out).map_err(err(out))
    }
}
