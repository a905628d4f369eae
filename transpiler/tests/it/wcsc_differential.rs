//! WXSS as WeChat's `wcsc` reads it: every stylesheet of five real component libraries is
//! parsed by `wcsc` (npm `miniprogram-compiler`, its `-st` tree) and compiled by miniport,
//! and each file's declarations (property names, counted) must be the same on both sides.
//! A declaration miniport drops, or a rule it swallows, shows up as a difference. Skipped
//! when `node_modules` is not installed, except under CI.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use lightningcss::declaration::DeclarationBlock;
use lightningcss::rules::font_face::FontFaceProperty;
use lightningcss::rules::CssRule;
use lightningcss::stylesheet::PrinterOptions;
use lightningcss::stylesheet::{ParserOptions, StyleSheet};
use lightningcss::traits::ToCss;
use lightningcss::visit_types;
use lightningcss::visitor::{Visit, VisitTypes, Visitor};
use miniport::source::FileSet;
use miniport::style::{compile, SheetKind, SheetOptions};

/// The library folders compared, as npm installs them.
const LIBRARIES: &[&str] = &[
    "@vant/weapp/lib",
    "tdesign-miniprogram/miniprogram_dist",
    "weui-miniprogram/miniprogram_dist",
    "wux-weapp/packages/lib",
    "lin-ui/dist",
];

/// Every `.wxss` under `dir`, as paths relative to it with `/`, sorted.
fn sheets(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = common::files_with(dir, &["wxss"])
        .iter()
        .filter_map(|p| p.strip_prefix(dir).ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

/// `wcsc -st` over all of a library's sheets: each file's declaration names, in order.
fn wcsc_declarations(wcsc: &Path, dir: &Path, files: &[String]) -> Vec<(String, Vec<String>)> {
    let run = Command::new(wcsc)
        .arg("-st")
        .args(files)
        .current_dir(dir)
        .output()
        .expect("wcsc runs");
    let text = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success() && !text.contains("ERR:"),
        "wcsc rejects {}: {text:.400}",
        dir.display()
    );
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_attr = false;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("/* ").and_then(|l| l.strip_suffix(" */")) {
            out.push((name.to_string(), Vec::new()));
            continue;
        }
        let trimmed = line.trim();
        if trimmed == "ATTR:" {
            in_attr = true;
        } else if in_attr {
            if let Some(name) = trimmed.strip_prefix("$NAME: ") {
                if let Some((_, names)) = out.last_mut() {
                    names.push(name.to_ascii_lowercase());
                }
            }
            in_attr = false;
        }
    }
    out
}

/// Collects the property names of every declaration block and `@font-face`.
struct Names(Vec<String>);

impl<'i> Visitor<'i> for Names {
    type Error = std::convert::Infallible;
    fn visit_types(&self) -> VisitTypes {
        visit_types!(PROPERTIES | RULES)
    }
    fn visit_rule(&mut self, rule: &mut CssRule<'i>) -> Result<(), Self::Error> {
        if let CssRule::FontFace(face) = rule {
            for property in &face.properties {
                let name = match property {
                    FontFaceProperty::Source(_) => "src".to_string(),
                    FontFaceProperty::FontFamily(_) => "font-family".to_string(),
                    FontFaceProperty::FontStyle(_) => "font-style".to_string(),
                    FontFaceProperty::FontWeight(_) => "font-weight".to_string(),
                    FontFaceProperty::FontStretch(_) => "font-stretch".to_string(),
                    FontFaceProperty::UnicodeRange(_) => "unicode-range".to_string(),
                    FontFaceProperty::Custom(custom) => custom.name.as_ref().to_string(),
                };
                self.0.push(name);
            }
        }
        rule.visit_children(self)
    }
    fn visit_declaration_block(
        &mut self,
        block: &mut DeclarationBlock<'i>,
    ) -> Result<(), Self::Error> {
        for (property, _) in block.iter() {
            let id = property.property_id();
            let name = id
                .to_css_string(PrinterOptions::default())
                .unwrap_or_default();
            // A property written with several prefixes at once prints as a list.
            for one in name.split(", ") {
                self.0.push(one.to_ascii_lowercase());
            }
        }
        Ok(())
    }
}

/// miniport's declarations of `file` alone: the files it imports are present but empty.
fn miniport_declarations(dir: &Path, files: &[String], file: &str) -> (Vec<String>, Vec<String>) {
    let mut set = FileSet::new();
    for other in files {
        let text = if other == file {
            std::fs::read_to_string(dir.join(other)).expect("reads the sheet")
        } else {
            String::new()
        };
        set.insert(other, text);
    }
    let sheet = compile(
        &set,
        file,
        "out.css",
        &SheetOptions {
            kind: SheetKind::App,
            minify: false,
            plugins: Default::default(),
        },
    );
    let diagnostics = sheet
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    let mut parsed =
        StyleSheet::parse(&sheet.css, ParserOptions::default()).expect("miniport's CSS parses");
    let mut names = Names(Vec::new());
    let Ok(()) = parsed.visit(&mut names);
    (names.0, diagnostics)
}

/// The names of `a` (sorted) that `b` (sorted) lacks, counting repeats.
fn missing<'a>(a: &'a [String], b: &[String]) -> Vec<&'a str> {
    let mut rest = b.to_vec();
    let mut out = Vec::new();
    for name in a {
        match rest.iter().position(|n| n == name) {
            Some(i) => {
                rest.remove(i);
            }
            None => out.push(name.as_str()),
        }
    }
    out
}

#[test]
fn every_library_stylesheet_keeps_the_declarations_wcsc_reads() {
    let Some(wcsc) = common::wcsc() else { return };
    let mut compared = 0;
    let mut differences = Vec::new();
    // MINIPORT_WCSC_EXTRA: more folders (`:`-separated), e.g. real apps checked out
    // elsewhere, compared the same way.
    let extra = std::env::var("MINIPORT_WCSC_EXTRA").unwrap_or_default();
    let folders = LIBRARIES
        .iter()
        .map(|l| {
            (
                l.to_string(),
                common::workspace().join("node_modules").join(l),
            )
        })
        .chain(
            extra
                .split(':')
                .filter(|d| !d.is_empty())
                .map(|d| (d.to_string(), PathBuf::from(d))),
        );
    for (library, dir) in folders {
        if !dir.is_dir() {
            assert!(std::env::var_os("CI").is_none(), "{library} is missing");
            continue;
        }
        let files = sheets(&dir);
        for (file, expected) in wcsc_declarations(&wcsc, &dir, &files) {
            let (mut actual, diagnostics) = miniport_declarations(&dir, &files, &file);
            let mut expected = expected;
            // `!important` declarations come last in a parsed block: compare as multisets.
            actual.sort();
            expected.sort();
            compared += 1;
            if actual != expected || !diagnostics.is_empty() {
                differences.push(format!(
                    "{library}/{file}: wcsc {} declarations, miniport {}; only in wcsc {:?}, only in miniport {:?}; {diagnostics:?}",
                    expected.len(),
                    actual.len(),
                    missing(&expected, &actual),
                    missing(&actual, &expected),
                ));
            }
        }
    }
    eprintln!("{compared} stylesheets compared with wcsc");
    assert!(compared > 300, "only {compared} stylesheets compared");
    assert!(
        differences.is_empty(),
        "{} of {compared} stylesheets differ:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
