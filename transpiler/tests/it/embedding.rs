//! The crate's API as an embedding tool uses it: the showcase converted in memory, from files
//! the test reads itself, gives byte for byte what `miniport convert` writes.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use miniport::{convert, FileSet, Options};

/// Every file under `root`, by `/`-separated relative path.
fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(root).expect("inside");
                let key = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(key, fs::read(&path).expect("read"));
            }
        }
    }
    out
}

#[test]
fn the_showcase_converted_in_memory_is_byte_identical_to_the_cli_output() {
    let source = common::fixture("showcase");
    let mut files = FileSet::new();
    for (path, bytes) in read_tree(&source) {
        files.insert(&path, bytes);
    }
    let conversion = convert(files, &Options::default()).expect("converts");
    assert!(
        !conversion.has_errors(),
        "{}",
        conversion.diagnostics_json()
    );

    let out = tempfile::tempdir().expect("tempdir");
    let cli = common::convert(&source, out.path(), &[]);
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let mut written = read_tree(out.path());
    // The command line's mark on a folder it wrote (so that it only ever replaces its own).
    written.remove(".miniport-output");

    let in_memory: Vec<&String> = conversion.output.files.keys().collect();
    let on_disk: Vec<&String> = written.keys().collect();
    assert_eq!(in_memory, on_disk, "the same files");
    for (path, bytes) in &written {
        assert!(
            conversion.output.get(path) == Some(bytes.as_slice()),
            "{path} differs between the API and the CLI"
        );
    }
}
