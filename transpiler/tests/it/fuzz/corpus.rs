//! The seeds the fuzz targets mutate: the files of the component libraries in `node_modules`,
//! the repository's `fixtures/`, and the hand-written seeds beside this harness (`seeds/`).

use std::path::{Path, PathBuf};

/// Where the seeds come from, relative to the workspace root.
const ROOTS: &[&str] = &[
    "node_modules/@vant/weapp/lib",
    "node_modules/tdesign-miniprogram/miniprogram_dist",
    "node_modules/weui-miniprogram/miniprogram_dist",
    "node_modules/wux-weapp/packages",
    "fixtures",
    "transpiler/tests/it/fuzz/seeds",
];

/// Larger files are left out: the short run mutates many small inputs rather than a few big
/// ones (the long runs and libFuzzer cover size).
const MAX_SEED_BYTES: usize = 24 * 1024;

/// At most `max` texts of the files ending with one of `extensions`, spread evenly over the
/// sorted list of every such file, so the same seeds on every machine.
pub fn texts(extensions: &[&str], max: usize) -> Vec<String> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files: Vec<PathBuf> = Vec::new();
    for root in ROOTS {
        let mut dirs = vec![workspace.join(root)];
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for path in entries.flatten().map(|e| e.path()) {
                let name = path.to_string_lossy();
                if path.is_dir() {
                    dirs.push(path);
                } else if extensions.iter().any(|e| name.ends_with(&format!(".{e}"))) {
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .filter(|t| t.len() <= MAX_SEED_BYTES)
        .collect();
    assert!(
        !texts.is_empty(),
        "no seed ends with {extensions:?}: run `npm ci` first"
    );
    let step = texts.len().div_ceil(max.max(1));
    texts.into_iter().step_by(step.max(1)).collect()
}
