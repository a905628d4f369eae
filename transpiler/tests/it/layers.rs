//! The compiler's floor plan, checked: every unit of `transpiler/src` imports only units
//! below it (each `crate::<unit>` in code, comments aside), so data flows one way.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

/// The units from the bottom up, each with its rank. A unit may import only units of a lower
/// rank; units of the same rank are peers and do not import each other.
const LAYERS: &[(&str, u8)] = &[
    ("source", 0),
    ("telegram", 0),
    ("wechat", 1),
    ("project", 2),
    ("script", 3),
    ("style", 3),
    ("wxs", 4),
    ("template", 5),
    ("emit", 6),
    ("convert", 7),
    ("cli", 8),
];

fn rank(unit: &str) -> Option<u8> {
    LAYERS
        .iter()
        .find(|(name, _)| *name == unit)
        .map(|(_, r)| *r)
}

/// `file:line: `unit` imports `target`` for every import of a higher or peer unit in `src`.
fn upward_imports(src: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (unit, own) in LAYERS {
        let mut files = common::files_with(&src.join(unit), &["rs"]);
        files.push(src.join(format!("{unit}.rs")));
        for file in files {
            let text = fs::read_to_string(&file).unwrap_or_default();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                for (i, _) in code.match_indices("crate::") {
                    let target: String = code[i + "crate::".len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    let upward = target != *unit && rank(&target).is_some_and(|r| r >= *own);
                    if upward {
                        found.push(format!(
                            "{}:{}: `{unit}` imports `{target}`",
                            file.display(),
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn every_unit_imports_only_the_units_below_it() {
    let found = upward_imports(&src());
    assert!(
        found.is_empty(),
        "imports that point up or sideways:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_folder_and_top_level_file_of_src_is_a_known_unit() {
    let mut unknown = Vec::new();
    for entry in fs::read_dir(src()).expect("src").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let unit = name.strip_suffix(".rs").unwrap_or(&name);
        if rank(unit).is_none() && !["lib", "main"].contains(&unit) {
            unknown.push(name);
        }
    }
    assert!(unknown.is_empty(), "not placed in LAYERS: {unknown:?}");
}

#[test]
fn an_import_of_a_higher_unit_is_caught() {
    let dir = tempfile::tempdir().expect("tempdir");
    let style = dir.path().join("style");
    fs::create_dir_all(&style).expect("mkdir");
    fs::write(
        style.join("mod.rs"),
        "use crate::source::FileSet;\n// crate::emit in a comment is fine\nuse crate::template::ir;\nuse crate::script::parse;\n",
    )
    .expect("write");
    let found = upward_imports(dir.path());
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].ends_with(":3: `style` imports `template`"),
        "{found:#?}"
    );
    assert!(
        found[1].ends_with(":4: `style` imports `script`"),
        "{found:#?}"
    );
}
