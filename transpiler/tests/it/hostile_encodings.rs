//! Hostile input that `hostile_input` does not cover: byte-order marks and invalid UTF-8 in
//! each language, and pathological regular expressions in WXS. A BOM is ignored as WeChat
//! ignores it; a file that is not UTF-8 is a diagnostic naming it while the rest converts; a
//! regex is never run by the compiler, so no regex makes a conversion slow.

use std::fs;
use std::time::{Duration, Instant};

use crate::common::{convert, stderr};
use crate::hostile_input::{app, assert_degraded_not_crashed, tail};

/// The files of page a in each language, with a minimal valid content.
const LANGUAGES: [(&str, &str); 5] = [
    ("pages/a/a.json", "{}"),
    ("pages/a/a.wxml", "<view class=\"a\">{{x}}</view>"),
    ("pages/a/a.wxss", ".a { color: red; }"),
    ("pages/a/a.js", "Page({ data: { x: 1 } });"),
    ("pages/a/m.wxs", "module.exports = { v: 1 };"),
];

#[test]
fn a_byte_order_mark_at_the_start_of_every_language_is_ignored() {
    let with_bom: Vec<(String, String)> = LANGUAGES
        .iter()
        .chain(&[("app.json", r#"{ "pages": ["pages/a/a", "pages/b/b"] }"#)])
        .map(|(path, text)| (path.to_string(), format!("\u{feff}{text}")))
        .collect();
    let files: Vec<(&str, &str)> = with_bom
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let app = app(&files);
    let run = convert(&app.src, &app.out, &[]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{}", tail(&err));
    let css = fs::read_to_string(app.out.join("pages/a/a.css")).expect("page a's css");
    assert!(css.contains("color:") && !css.contains('\u{feff}'), "{css}");
    let config = fs::read_to_string(app.out.join("app-config.js")).expect("config");
    assert!(config.contains("pages/a/a") && !config.contains('\u{feff}'));
}

#[test]
fn invalid_utf8_in_each_language_is_a_diagnostic_naming_the_file_and_the_rest_converts() {
    for (path, text) in LANGUAGES {
        let app = app(&[]);
        let mut bytes = text.as_bytes().to_vec();
        bytes.splice(1..1, [0xff, 0xfe, 0xc3]);
        if path.ends_with(".wxs") {
            let wxml = "<wxs module=\"m\" src=\"./m.wxs\"/><view class=\"a\">{{m.v}}</view>";
            fs::write(app.src.join("pages/a/a.wxml"), wxml).expect("write");
        }
        fs::write(app.src.join(path), bytes).expect("write");
        let run = convert(&app.src, &app.out, &[]);
        let err = stderr(&run);
        assert_ne!(run.status.code(), Some(101), "{path}: {}", tail(&err));
        assert!(!err.contains("panicked"), "{path}: {}", tail(&err));
        assert!(err.contains(path), "{path} is not named: {}", tail(&err));
        assert!(
            err.to_lowercase().contains("utf-8"),
            "{path}: the diagnostic does not say why: {}",
            tail(&err)
        );
        let b = fs::read_to_string(app.out.join("pages/b/b.css")).expect("page b converted");
        assert!(b.contains("color:"), "{path}: {b}");
    }
}

#[test]
fn pathological_wxs_regexes_convert_quickly_and_are_not_run() {
    // Catastrophic backtracking on a long input, a class of 100 000 characters and groups
    // nested 3 000 deep: the compiler treats each as a literal to copy.
    let nested = format!("{}a{}", "(".repeat(3000), ")".repeat(3000));
    let class = format!("[{}]", "a-z".repeat(33_000));
    let wxs = format!(
        "var slow = /^(a+)+$/;\nvar nested = /{nested}/;\nvar wide = /{class}/;\n\
         module.exports = {{ t: function (s) {{ return slow.test(s) || nested.test(s) || wide.test(s); }} }};\n\
         var never = getRegExp('^(a|aa)+$', 'g');\n"
    );
    let app = app(&[
        ("pages/a/m.wxs", &wxs),
        (
            "pages/a/a.wxml",
            "<wxs module=\"m\" src=\"./m.wxs\"/><view class=\"a\">{{m.t('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')}}</view>",
        ),
    ]);
    let start = Instant::now();
    let run = convert(&app.src, &app.out, &[]);
    let took = start.elapsed();
    let err = stderr(&run);
    assert!(!err.contains("panicked"), "{}", tail(&err));
    assert!(
        took < Duration::from_secs(20),
        "converting took {took:?}: {}",
        tail(&err)
    );
    match run.status.code() {
        Some(0) => {
            let b = fs::read_to_string(app.out.join("pages/b/b.css")).expect("page b");
            assert!(b.contains("color:"));
        }
        _ => assert_degraded_not_crashed(&run, &app.out),
    }
}
