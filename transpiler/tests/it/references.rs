//! Paths named in the docs and comments point at files that exist: every mention of a file
//! under `transpiler/`, `runtime-shim/`, `tests/`, `bench/`, `scripts/` or `docs/` in the
//! README, `docs/`, and the sources of the compiler and the runtime.

use crate::common;

use std::fs;

const ROOTS: &[&str] = &[
    "transpiler/",
    "runtime-shim/",
    "tests/",
    "bench/",
    "scripts/",
    "docs/",
];

/// Every path-like mention (`root/…` up to a character that cannot be in a path) in `text`.
fn mentions(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for root in ROOTS {
        for (i, _) in text.match_indices(root) {
            let before = text[..i].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) {
                continue; // part of a longer path (`../tests/`, `fixtures/tests/`)
            }
            let path: String = text[i..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "-_./".contains(*c))
                .collect();
            let path = path.trim_end_matches(['.', '/']).to_string();
            if path.len() > root.len() && !path.contains('*') {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn every_path_named_in_docs_and_sources_exists() {
    let root = common::workspace();
    let mut scanned = vec![root.join("README.md")];
    scanned.extend(common::files_with(&root.join("docs"), &["md"]));
    scanned.extend(common::files_with(&root.join("transpiler/src"), &["rs"]));
    scanned.extend(common::files_with(
        &root.join("runtime-shim/src"),
        &["js", "css"],
    ));
    let mut missing = Vec::new();
    for file in &scanned {
        let text = fs::read_to_string(file).unwrap_or_default();
        for path in mentions(&text) {
            if !root.join(&path).exists() {
                missing.push(format!("{}: {path}", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "paths that do not exist:\n{}",
        missing.join("\n")
    );
}

#[test]
fn a_mention_is_read_up_to_the_end_of_the_path() {
    let text =
        "see `runtime-shim/src/render/helpers.js`, and transpiler/src/template/. Not ../tests/x.";
    assert_eq!(
        mentions(text),
        vec![
            "transpiler/src/template",
            "runtime-shim/src/render/helpers.js"
        ]
    );
}
