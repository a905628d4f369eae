//! The limits that keep hostile input from overflowing the stack never refuse real code: every
//! JavaScript file and every stylesheet under the workspace's `node_modules` (component
//! libraries, dayjs, less, sass, TypeScript's compiler, jsdom, playwright: some 4,000 scripts
//! and 800 sheets) passes `script::too-deep`, `wxss::too-deep` and the brace checks. Skipped
//! when `node_modules` is not installed, except under CI.

use crate::common;

use miniport::script::parse::{parse, Language};
use miniport::source::{on_big_stack, FileSet, DEFAULT_MAX_FILE_SIZE};
use miniport::style::{compile, Plugins, SheetKind, SheetOptions};

fn node_modules() -> Option<std::path::PathBuf> {
    let root = common::workspace().join("node_modules");
    if root.join("typescript").is_dir() {
        return Some(root);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "node_modules is missing: run `npm ci`"
    );
    None
}

#[test]
fn no_installed_script_is_too_deep() {
    let Some(root) = node_modules() else { return };
    let mut refused = Vec::new();
    let mut count = 0;
    for file in common::files_with(&root, &["js", "mjs", "cjs"]) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        if text.len() > DEFAULT_MAX_FILE_SIZE {
            continue;
        }
        count += 1;
        let found = on_big_stack(|| {
            parse("x.js", &text, Language::JavaScript)
                .err()
                .filter(|d| d.code == "script::too-deep")
                .map(|d| d.message)
        });
        if let Some(message) = found {
            refused.push(format!("{}: {message}", file.display()));
        }
    }
    assert!(count > 1000, "only {count} scripts found");
    assert!(refused.is_empty(), "{}", refused.join("\n"));
}

#[test]
fn no_installed_stylesheet_is_too_deep_or_has_a_brace_wcsc_rejects() {
    let Some(root) = node_modules() else { return };
    let mut flagged = Vec::new();
    let sheets = common::files_with(&root, &["wxss", "css"]);
    assert!(sheets.len() > 300, "only {} sheets found", sheets.len());
    for file in sheets {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let mut files = FileSet::new();
        files.insert("a.wxss", text.as_str());
        let sheet = compile(
            &files,
            "a.wxss",
            "a.css",
            &SheetOptions {
                kind: SheetKind::App,
                minify: true,
                plugins: Plugins::default(),
            },
        );
        for d in sheet.diagnostics {
            if [
                "wxss::unclosed-block",
                "wxss::stray-brace",
                "wxss::too-deep",
            ]
            .contains(&d.code)
            {
                flagged.push(format!("{}: {} at {:?}", file.display(), d.code, d.span));
            }
        }
    }
    assert!(flagged.is_empty(), "{}", flagged.join("\n"));
}
