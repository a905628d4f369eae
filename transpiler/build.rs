//! Embeds the runtime (`runtime-shim/src`) into the compiler: every `.js` and `.css` file
//! becomes an entry of `RUNTIME_FILES`, so the binary carries the runtime it emits.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, base, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("js" | "css")
        ) {
            out.push(path.strip_prefix(base).unwrap_or(&path).to_path_buf());
        }
    }
}

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let runtime = manifest_dir.join("../runtime-shim/src");
    println!("cargo:rerun-if-changed={}", runtime.display());
    let mut files = Vec::new();
    collect(&runtime, &runtime, &mut files);
    files.sort();
    let mut code = String::from("static RUNTIME_FILES: &[(&str, &str)] = &[\n");
    for rel in &files {
        let rel_str = rel.to_string_lossy().replace('\\', "/");
        let abs = runtime.join(rel);
        println!("cargo:rerun-if-changed={}", abs.display());
        let _ = writeln!(
            code,
            "    ({rel_str:?}, include_str!({:?})),",
            abs.to_string_lossy()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("runtime_files.rs");
    if let Err(err) = std::fs::write(&out, code) {
        panic!("cannot write {}: {err}", out.display());
    }
}
