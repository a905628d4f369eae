//! The style differential: every `.less` file compiled by npm `less` and by miniport, every
//! `.scss`/`.sass` file by npm `sass` (Dart Sass) and by miniport, both outputs normalised
//! with lightningcss (parsed, minified, printed), then compared.
//!
//! The inputs in CI (no network): the `.less` sources that `wux-weapp` ships in
//! `node_modules`, and the cases of `tests/style-diff/cases/`. A file the reference accepts
//! must come out identical, unless `tests/style-diff/differences.json` lists it with its cause
//! (a listed file that has become identical fails too, so the list stays true).
//!
//! The large run (`bench/style-differential.sh`) points `MINIPORT_STYLE_CORPUS` at more
//! folders (`:`-separated) and `MINIPORT_STYLE_REPORT` at a file to write the figures to; it
//! does not fail on differences, it reports them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use miniport::source::FileSet;
use miniport::style::preprocess::{compile, Dialect, Plugins};
use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// lightningcss's normal form of a stylesheet: parsed, minified, printed minified.
fn normalize(css: &str) -> Result<String, String> {
    let options = ParserOptions {
        error_recovery: true,
        ..ParserOptions::default()
    };
    let mut sheet = StyleSheet::parse(css, options).map_err(|e| e.to_string())?;
    sheet
        .minify(MinifyOptions::default())
        .map_err(|e| e.to_string())?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .map_err(|e| e.to_string())?;
    Ok(printed.code)
}

/// The style sources under `root`, outside `node_modules` and hidden folders.
fn sources(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name == "node_modules" || name.starts_with('.'))
        })
        .flatten()
    {
        let path = entry.path();
        let name = path.to_string_lossy();
        if entry.file_type().is_file() && Dialect::of(&name).is_some() {
            if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out
}

/// What the reference compilers make of `files` (absolute paths): path → CSS or error.
fn reference(files: &[PathBuf]) -> Option<BTreeMap<String, Result<String, String>>> {
    let script = workspace().join("bench/style-reference.mjs");
    let mut all = BTreeMap::new();
    for chunk in files.chunks(400) {
        let output = Command::new("node")
            .arg(&script)
            .args(chunk)
            .output()
            .ok()?;
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let json: BTreeMap<String, Value> = serde_json::from_slice(&output.stdout).ok()?;
        for (file, result) in json {
            let result = match result.get("css").and_then(Value::as_str) {
                Some(css) => Ok(css.to_string()),
                None => Err(result
                    .get("error")
                    .and_then(Value::as_str)
                    .unwrap_or("?")
                    .to_string()),
            };
            all.insert(file, result);
        }
    }
    Some(all)
}

#[derive(Default)]
struct Tally {
    files: usize,
    /// The reference rejects them (missing npm imports, inline JavaScript, …).
    rejected: usize,
    /// …and miniport rejects them too (the others are differences).
    rejected_by_both: usize,
    identical: usize,
    /// File → first differing part of the normal forms, miniport's error, or a file that
    /// only miniport compiles.
    different: BTreeMap<String, String>,
}

/// Compiles every source under `root` both ways and compares.
fn run(root: &Path, label: &str) -> Option<Tally> {
    let (files, _) = FileSet::read_dir(root).ok()?;
    let sources = sources(root);
    let absolute: Vec<PathBuf> = sources.iter().map(|s| root.join(s)).collect();
    let reference = reference(&absolute)?;
    let plugins = Plugins {
        less: true,
        sass: true,
    };
    let mut tally = Tally::default();
    for (rel, abs) in sources.iter().zip(&absolute) {
        tally.files += 1;
        let dialect = Dialect::of(rel).unwrap_or(Dialect::Less);
        let ours = compile(&files, rel, dialect, plugins);
        let key = format!("{label}/{rel}");
        let expected = match reference.get(&abs.to_string_lossy().to_string()) {
            Some(Ok(css)) => css,
            rejected => {
                tally.rejected += 1;
                if ours.css.is_none() {
                    tally.rejected_by_both += 1;
                } else {
                    let why = match rejected {
                        Some(Err(error)) => error.lines().next().unwrap_or("").to_string(),
                        _ => "no answer".to_string(),
                    };
                    tally.different.insert(
                        key,
                        format!("the reference rejects it ({why}); miniport compiles it"),
                    );
                }
                continue;
            }
        };
        let Some(css) = ours.css else {
            let message = ours
                .diagnostics
                .first()
                .map_or("no CSS".to_string(), |d| d.message.clone());
            tally
                .different
                .insert(key, format!("miniport error: {message}"));
            continue;
        };
        match (normalize(expected), normalize(&css)) {
            (Ok(a), Ok(b)) if a == b => tally.identical += 1,
            (Ok(a), Ok(b)) => {
                let at = a
                    .bytes()
                    .zip(b.bytes())
                    .position(|(x, y)| x != y)
                    .unwrap_or(a.len().min(b.len()));
                let start = at.saturating_sub(60);
                let cut = |s: &str| {
                    s.get(start..(at + 80).min(s.len()))
                        .unwrap_or("")
                        .to_string()
                };
                tally.different.insert(
                    key,
                    format!("reference `{}` miniport `{}`", cut(&a), cut(&b)),
                );
            }
            (a, b) => {
                tally
                    .different
                    .insert(key, format!("normalising failed: {a:?} {b:?}"));
            }
        }
    }
    Some(tally)
}

fn node_available() -> bool {
    let ok = Command::new("node").arg("--version").output().is_ok()
        && workspace().join("node_modules/less").is_dir()
        && workspace().join("node_modules/sass").is_dir();
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "node and the npm packages less and sass are needed: run `npm ci`"
    );
    ok
}

fn known_differences() -> BTreeMap<String, String> {
    let path = workspace().join("tests/style-diff/differences.json");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let json: BTreeMap<String, Value> = serde_json::from_str(&text).unwrap_or_default();
    json.into_iter()
        .filter(|(k, _)| !k.starts_with('$'))
        .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_string()))
        .collect()
}

#[test]
fn wux_weapp_less_and_the_cases_compile_as_less_and_sass_do() {
    if !node_available() {
        eprintln!("skipped: node or the npm packages less/sass are missing");
        return;
    }
    let known = known_differences();
    let mut different = BTreeMap::new();
    let mut summary = Vec::new();
    for (root, label) in [
        (workspace().join("node_modules/wux-weapp"), "wux-weapp"),
        (workspace().join("tests/style-diff/cases"), "cases"),
    ] {
        let tally = run(&root, label).unwrap_or_else(|| panic!("{label}: the run failed"));
        assert!(tally.files > 0, "{label}: no style sources found");
        summary.push(format!(
            "{label}: {} files, {} rejected by the reference, {} identical",
            tally.files, tally.rejected, tally.identical
        ));
        different.extend(tally.different);
    }
    let unexpected: Vec<_> = different
        .iter()
        .filter(|(file, _)| !known.contains_key(*file))
        .collect();
    let stale: Vec<_> = known
        .keys()
        .filter(|file| !different.contains_key(*file))
        .collect();
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "{}\nunexpected differences: {unexpected:#?}\nlisted but now identical: {stale:#?}",
        summary.join("\n")
    );
}

/// The large run: `MINIPORT_STYLE_CORPUS=dir1:dir2 MINIPORT_STYLE_REPORT=out.md`.
#[test]
fn corpus_from_the_environment_is_compared_and_reported() {
    let Some(corpus) = std::env::var_os("MINIPORT_STYLE_CORPUS") else {
        return;
    };
    if !node_available() {
        return;
    }
    let mut report = String::from(
        "| corpus | files | rejected by the reference | of those, by miniport too | compared | identical | share |\n|---|---|---|---|---|---|---|\n",
    );
    let mut details = String::new();
    for root in std::env::split_paths(&corpus) {
        let label = root
            .file_name()
            .map_or("?".to_string(), |n| n.to_string_lossy().to_string());
        let Some(tally) = run(&root, &label) else {
            panic!("{}: the run failed", root.display());
        };
        let compared = tally.files - tally.rejected;
        report.push_str(&format!(
            "| {label} | {} | {} | {} | {compared} | {} | {:.1}% |\n",
            tally.files,
            tally.rejected,
            tally.rejected_by_both,
            tally.identical,
            100.0 * tally.identical as f64 / compared.max(1) as f64
        ));
        for (file, why) in tally.different {
            details.push_str(&format!("- `{file}`: {why}\n"));
        }
    }
    report.push_str("\nDifferences:\n\n");
    report.push_str(&details);
    match std::env::var_os("MINIPORT_STYLE_REPORT") {
        Some(path) => std::fs::write(path, &report).unwrap_or_else(|e| panic!("{e}")),
        None => println!("{report}"),
    }
}
