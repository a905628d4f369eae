//! What the whole-program tests share: the insta settings (snapshots live in the workspace's
//! `snapshots/`), one text form of diagnostics, the workspace's paths, running the binary
//! and reading trees.

#![allow(dead_code)]

use std::fmt::Write;

use miniport::source::line_col;
use miniport::source::FileSet;
use miniport::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Asserts a snapshot stored in the workspace-root `snapshots/` folder.
#[macro_export]
macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            snapshot_path => "../../../snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

/// Appends one line per diagnostic: `Severity code file:line:col: message`.
pub fn write_diagnostics<'a>(
    text: &mut String,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    files: &FileSet,
) {
    for d in diagnostics {
        let place = match (&d.file, &d.span) {
            (Some(file), Some(span)) => {
                let pos = line_col(files.text(file).unwrap_or_default(), span.start);
                format!("{file}:{}:{}", pos.line, pos.column)
            }
            (Some(file), None) => file.clone(),
            _ => String::new(),
        };
        let _ = writeln!(text, "{:?} {} {place}: {}", d.severity, d.code, d.message);
    }
}

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

pub fn fixture(name: &str) -> PathBuf {
    workspace().join("fixtures").join(name)
}

pub fn miniport(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_miniport"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run miniport")
}

/// Runs `miniport convert <src> -o <out> <extra...>`.
pub fn convert(src: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "convert".as_ref(),
        src.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(|s| std::ffi::OsStr::new(*s)));
    miniport(&args)
}

/// Every file under `dir` (hidden ones included) with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in files_under(dir) {
        let rel = entry
            .strip_prefix(dir)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        out.insert(rel, std::fs::read(&entry).expect("read"));
    }
    out
}

/// Every file under `dir`, in path order (none when `dir` is not a folder).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// The files under `dir` whose extension is one of `exts`, in path order.
pub fn files_with(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        })
        .collect()
}

/// Copies a folder tree (for tests that need a writable copy of a fixture).
pub fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in tree(from) {
        let target = to.join(&rel);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::write(target, bytes).expect("write");
    }
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// WeChat's stylesheet compiler from npm (`miniprogram-compiler`), the reference of the WXSS
/// differential tests; `None` outside CI when it is not installed (in CI that fails).
pub fn wcsc() -> Option<PathBuf> {
    let path = workspace().join("node_modules/miniprogram-compiler/bin/linux/wcsc");
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "wcsc is missing: run `npm ci` at the workspace root"
    );
    eprintln!("skipped: miniprogram-compiler is not installed (run `npm ci`)");
    None
}
