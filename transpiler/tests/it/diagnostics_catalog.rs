//! The catalog of diagnostic codes (`transpiler/src/source/codes.rs`) is the only place a code
//! is written: `docs/diagnostics.md` is generated from it (`MINIPORT_UPDATE_DOCS=1` rewrites
//! the page), no other file of `transpiler/src` holds a string literal shaped like a code, and
//! its names are unique, well formed, in order and named after their constants.

use crate::common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use miniport::source::codes::{Code, ALL, PREFIXES};
use miniport::Severity;

const REGENERATE: &str =
    "MINIPORT_UPDATE_DOCS=1 cargo test -p miniport --test it diagnostics_catalog";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn severity(code: &Code) -> &'static str {
    match code.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// `docs/diagnostics.md`: one table per prefix (code, severity, meaning), from [`ALL`].
fn render(all: &[Code]) -> String {
    let mut doc = format!(
        "# Diagnostic codes\n\n\
         Generated from the catalog `transpiler/src/source/codes.rs` by\n\
         `transpiler/tests/it/diagnostics_catalog.rs`; do not edit it by hand, regenerate it with\n\
         `{REGENERATE}`.\n\n\
         Every diagnostic miniport reports (on the terminal, in `--format json` and in\n\
         `report.json`) carries one of these codes. **error**: a part of the app is left out or\n\
         degraded (`miniport convert` exits with 1, or with 2 and writes nothing when the app\n\
         cannot be loaded at all); **warning**: the output is complete, but something may not\n\
         behave as it does in WeChat.\n"
    );
    for (prefix, about) in PREFIXES {
        doc.push_str(&format!(
            "\n## `{prefix}::` — {about}\n\n| code | severity | meaning |\n|---|---|---|\n"
        ));
        for code in all.iter().filter(|c| c.prefix() == *prefix) {
            doc.push_str(&format!(
                "| `{}` | {} | {} |\n",
                code.name,
                severity(code),
                code.meaning.replace('|', "\\|")
            ));
        }
    }
    doc
}

#[test]
fn diagnostics_page_is_generated_from_the_catalog() {
    let doc = render(ALL);
    let path = root().join("docs/diagnostics.md");
    if std::env::var_os("MINIPORT_UPDATE_DOCS").is_some() {
        fs::write(&path, &doc).expect("write docs/diagnostics.md");
        return;
    }
    let current = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == doc,
        "docs/diagnostics.md is out of date: regenerate it with {REGENERATE}"
    );
}

/// Whether `text` has the shape of a code: `<prefix>::<kebab-name>`, lowercase ASCII. Any
/// prefix counts, not only those in use, so that a code of a new prefix is caught too.
fn is_code_shaped(text: &str) -> bool {
    let Some((prefix, name)) = text.split_once("::") else {
        return false;
    };
    let word = |w: &str| {
        !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    };
    prefix.starts_with(|c: char| c.is_ascii_lowercase())
        && word(prefix)
        && name.split('-').all(word)
}

/// Every string literal of a Rust source (plain, byte and raw strings), with its 1-based line;
/// comments (line, block, doc) are skipped, char literals and lifetimes are told apart.
fn string_literals(source: &str) -> Vec<(usize, String)> {
    let s: Vec<char> = source.chars().collect();
    let mut found = Vec::new();
    let (mut i, mut line) = (0, 1);
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < s.len() {
        let c = s[i];
        let next = s.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < s.len() && s[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < s.len() {
                if s[i] == '/' && s.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if s[i] == '*' && s.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(s[i] == '\n');
                    i += 1;
                }
            }
        } else if c == 'r' && (i == 0 || !ident(s[i - 1]) || s[i - 1] == 'b') && {
            let hashes = s[i + 1..].iter().take_while(|&&h| h == '#').count();
            s.get(i + 1 + hashes) == Some(&'"')
        } {
            let hashes = s[i + 1..].iter().take_while(|&&h| h == '#').count();
            let (start, at) = (line, i + 2 + hashes);
            let mut j = at;
            while j < s.len()
                && !(s[j] == '"'
                    && s[j + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&h| h == '#')
                        .count()
                        == hashes)
            {
                line += usize::from(s[j] == '\n');
                j += 1;
            }
            found.push((start, s[at..j.min(s.len())].iter().collect()));
            i = j + 1 + hashes;
        } else if c == '"' {
            let start = line;
            let mut j = i + 1;
            let mut text = String::new();
            while j < s.len() && s[j] != '"' {
                if s[j] == '\\' {
                    text.push(s[j]);
                    j += 1;
                }
                if let Some(&ch) = s.get(j) {
                    line += usize::from(ch == '\n');
                    text.push(ch);
                }
                j += 1;
            }
            found.push((start, text));
            i = j + 1;
        } else if c == '\'' {
            // '\'' and '\u{..}', then 'x', else a lifetime or a label.
            if next == Some('\\') {
                i += 3;
                while i < s.len() && s[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if s.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    found
}

/// `file:line: "code"` for every string literal shaped like a code in `src`, but the catalog.
fn inline_codes(src: &Path) -> Vec<String> {
    let files = common::files_with(src, &["rs"]);
    let catalog = src.join("source/codes.rs");
    let mut found = Vec::new();
    for file in files.iter().filter(|f| **f != catalog) {
        let text = fs::read_to_string(file).expect("read");
        for (line, literal) in string_literals(&text) {
            if is_code_shaped(&literal) {
                let shown = file.strip_prefix(src).unwrap_or(file).display();
                found.push(format!("src/{shown}:{line}: \"{literal}\""));
            }
        }
    }
    found
}

#[test]
fn no_code_is_written_outside_the_catalog() {
    let found = inline_codes(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(
        found.is_empty(),
        "codes written inline; add them to src/source/codes.rs and raise them with \
         Diagnostic::of(codes::…) (compare with codes::….name):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_codes_in_code_and_not_in_comments() {
    let source = r##"
//! `wxml::in-a-doc-comment` and "wxss::in-a-doc-comment"
/* "wxss::in-a-block" /* "nested::comment" */ "still-in::the-block" */
fn f<'a>(x: &'a str) -> char {
    let _ = ("script::found-one", b"api::found-two", r#"json::found-three"#);
    let _ = "a \"project::quoted\" string"; // "wxml::after-code"
    let _ = ['"', '\'', '\u{22}'];
    let _ = ("not a code", "std::fmt::Display", "Wxss::upper", "wxss::", "wxss::a--b");
    'label: loop { break 'label; }
    let _ = "wxss::found-four";
    '"'
}
"##;
    let codes: Vec<(usize, String)> = string_literals(source)
        .into_iter()
        .filter(|(_, s)| is_code_shaped(s))
        .collect();
    let expected = [
        (5, "script::found-one"),
        (5, "api::found-two"),
        (5, "json::found-three"),
        (10, "wxss::found-four"),
    ];
    assert_eq!(
        codes,
        expected.map(|(l, s)| (l, s.to_string())),
        "{:#?}",
        string_literals(source)
    );
}

#[test]
fn catalog_names_are_unique_well_formed_in_order_and_named_after_their_constants() {
    let mut seen = BTreeSet::new();
    for code in ALL {
        assert!(
            is_code_shaped(code.name),
            "{} is not <prefix>::<kebab-name>",
            code.name
        );
        assert!(
            seen.insert(code.name),
            "{} is in the catalog twice",
            code.name
        );
        assert!(
            PREFIXES.iter().any(|(p, _)| *p == code.prefix()),
            "{}: the prefix is not in PREFIXES",
            code.name
        );
        let meaning = code.meaning;
        assert!(
            meaning.ends_with('.') && !meaning.contains('\n') && meaning.len() < 160,
            "{}: the meaning is one short sentence ending with a full stop: {meaning:?}",
            code.name
        );
    }
    let names: Vec<&str> = ALL.iter().map(|c| c.name).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "ALL (the catalog! list) is in order of name");
    let prefixes: Vec<&str> = PREFIXES.iter().map(|(p, _)| *p).collect();
    let used: Vec<&str> = ALL
        .iter()
        .map(Code::prefix)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        prefixes, used,
        "PREFIXES lists the prefixes in use, in order"
    );
    // Each entry of the list reads `NAME = "name", Severity,`, NAME being the code in capitals.
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/source/codes.rs"))
            .expect("codes.rs");
    let mut entries = 0;
    for line in text.lines() {
        let Some((id, rest)) = line.trim().split_once(" = \"") else {
            continue;
        };
        let name = rest.split('"').next().unwrap_or_default();
        let expected = name.replace("::", "_").replace('-', "_").to_uppercase();
        assert_eq!(id, expected, "the constant of `{name}`");
        entries += 1;
    }
    assert_eq!(entries, ALL.len(), "every entry of codes.rs is in ALL");
}
