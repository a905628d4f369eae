//! Hostile and pathological input through the real `miniport convert` binary: whatever the
//! input, the process ends with an exit code of its own (never a panic's 101 or an abort),
//! each problem is a located diagnostic, and the rest of the app is converted.
//!
//! The first two tests reproduce crashes seen on real apps: miette's printer panicked
//! ("Formatting argument out of range") on a diagnostic in a line of hundreds of kilobytes,
//! and a template nested thousands deep overflowed the stack.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{convert, stderr};

/// A two-page app in a temporary folder; `files` are written over the defaults.
pub(crate) struct App {
    pub(crate) _dir: tempfile::TempDir,
    pub(crate) src: PathBuf,
    pub(crate) out: PathBuf,
}

pub(crate) fn app(files: &[(&str, &str)]) -> App {
    let dir = tempfile::tempdir().expect("tmp");
    let src = dir.path().join("app");
    let defaults = [
        ("app.json", r#"{ "pages": ["pages/a/a", "pages/b/b"] }"#),
        ("pages/a/a.js", "Page({ data: { x: 1 } });"),
        ("pages/a/a.wxml", "<view class=\"a\">{{x}}</view>"),
        ("pages/a/a.wxss", ".a { color: red; }"),
        ("pages/b/b.js", "Page({});"),
        ("pages/b/b.wxml", "<view class=\"b\">page b</view>"),
        ("pages/b/b.wxss", ".b { color: blue; }"),
    ];
    for (path, text) in defaults.iter().chain(files) {
        let target = src.join(path);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::write(target, text).expect("write");
    }
    let out = dir.path().join("out");
    App {
        _dir: dir,
        src,
        out,
    }
}

/// Exit code 1 (converted with errors), no panic message, and page b converted as usual.
pub(crate) fn assert_degraded_not_crashed(run: &Output, out: &Path) {
    let err = stderr(run);
    assert_eq!(run.status.code(), Some(1), "{}", tail(&err));
    assert!(!err.contains("panicked"), "{}", tail(&err));
    let b = fs::read_to_string(out.join("pages/b/b.css")).expect("page b converted");
    assert!(b.contains("color:"), "{b}");
}

pub(crate) fn tail(text: &str) -> &str {
    let mut start = text.len().saturating_sub(3000);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

#[test]
fn an_error_in_a_minified_line_of_300_kb_is_shown_windowed_around_the_span() {
    let line = format!(
        "{}var = ;{}",
        "var a=1;".repeat(37_500),
        "var b=2;".repeat(100)
    );
    let app = app(&[
        ("pages/a/vendor.js", &line),
        ("pages/a/a.js", "require('./vendor.js'); Page({});"),
    ]);
    let run = convert(&app.src, &app.out, &[]);
    assert_degraded_not_crashed(&run, &app.out);
    let err = stderr(&run);
    assert!(err.contains("script::syntax-error"), "{}", tail(&err));
    // The real column, and the line cut to a window around `var = ;` with ellipses.
    assert!(
        err.contains("[pages/a/vendor.js:1:300005]"),
        "{}",
        tail(&err)
    );
    let shown = err
        .lines()
        .find(|l| l.contains("var = ;"))
        .expect("the line is shown");
    assert!(shown.contains('…'), "{shown}");
    assert!(shown.chars().count() < 300, "{shown}");
    assert!(err.len() < 20_000, "{} bytes of diagnostics", err.len());
}

#[test]
fn a_template_nested_five_thousand_deep_reports_too_deep_and_converts() {
    let wxml = format!("{}x{}", "<view>".repeat(5000), "</view>".repeat(5000));
    let app = app(&[("pages/a/a.wxml", &wxml)]);
    let run = convert(&app.src, &app.out, &[]);
    assert_degraded_not_crashed(&run, &app.out);
    let err = stderr(&run);
    assert!(
        err.contains("wxml::too-deep") && err.contains("[pages/a/a.wxml:1:3073]"),
        "{}",
        tail(&err)
    );
    assert!(!err.contains("wxml::stray-end-tag"), "{}", tail(&err));
    assert!(app.out.join("pages/a/a.wxml.js").exists() || has_render_module(&app.out));
}

fn has_render_module(out: &Path) -> bool {
    common::files_under(out).iter().any(|p| {
        p.to_string_lossy().contains("pages/a/a") && p.extension().is_some_and(|e| e == "js")
    })
}

#[test]
fn a_binding_of_thirty_thousand_terms_is_a_located_expression_error() {
    let wxml = format!("<view>{{{{{}}}}}</view>", vec!["x"; 30_000].join(" + "));
    let app = app(&[("pages/a/a.wxml", &wxml)]);
    let run = convert(&app.src, &app.out, &[]);
    assert_degraded_not_crashed(&run, &app.out);
    let err = stderr(&run);
    assert!(
        err.contains("wxml::bad-expression") && err.contains("chains more than 1000 operators"),
        "{}",
        tail(&err)
    );
}

#[test]
fn scripts_of_tens_of_thousands_of_levels_are_too_deep_where_the_limit_is_passed() {
    let terms = format!("module.exports = {};", vec!["1"; 50_000].join(" + "));
    let parens = format!(
        "module.exports = {}1{};",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    let nots = format!("module.exports = {}1;", "!".repeat(100_000));
    let app = app(&[
        ("pages/a/terms.js", &terms),
        ("pages/a/parens.js", &parens),
        ("pages/a/nots.js", &nots),
        (
            "pages/a/a.js",
            "require('./terms.js'); require('./parens.js'); require('./nots.js'); Page({});",
        ),
    ]);
    let run = convert(&app.src, &app.out, &["--format", "json"]);
    let report: serde_json::Value =
        serde_json::from_slice(&run.stdout).expect("one JSON object on stdout");
    assert_eq!(run.status.code(), Some(1), "{}", tail(&stderr(&run)));
    let too_deep: Vec<(String, u64)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "script::too-deep")
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_string(),
                d["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        too_deep,
        [
            // The 20,000th `!` (the `=` before them is the first operator of the run), the
            // 2,001st `(`, the first node 2,000 deep (where the chain starts).
            ("pages/a/nots.js".to_string(), 20_017),
            ("pages/a/parens.js".to_string(), 2_018),
            ("pages/a/terms.js".to_string(), 18),
        ],
        "{report:#}"
    );
    let chunk = first_chunk(&app.out).expect("a chunk");
    assert!(
        chunk.contains("throw new SyntaxError"),
        "the modules throw when required"
    );
}

fn first_chunk(out: &Path) -> std::io::Result<String> {
    let path = common::files_under(out)
        .into_iter()
        .find(|p| fs::read_to_string(p).is_ok_and(|t| t.contains("pages/a/terms.js")))
        .ok_or(std::io::ErrorKind::NotFound)?;
    fs::read_to_string(path)
}

#[test]
fn a_script_nested_1500_deep_is_under_the_limit_and_converts() {
    let nested = format!(
        "module.exports = {}1{};",
        "[".repeat(1500),
        "]".repeat(1500)
    );
    let chain = format!("module.exports = {};", vec!["1"; 1500].join(" + "));
    let app = app(&[
        ("pages/a/nested.js", &nested),
        ("pages/a/chain.js", &chain),
        (
            "pages/a/a.js",
            "require('./nested.js'); require('./chain.js'); Page({});",
        ),
    ]);
    let run = convert(&app.src, &app.out, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", tail(&stderr(&run)));
}

#[test]
fn wxs_of_fifty_thousand_terms_is_too_deep() {
    let wxs = format!(
        "module.exports = {{ v: {} }};",
        vec!["1"; 50_000].join(" + ")
    );
    let app = app(&[
        ("pages/a/m.wxs", &wxs),
        (
            "pages/a/a.wxml",
            "<wxs module=\"m\" src=\"./m.wxs\"/><view>{{m.v}}</view>",
        ),
    ]);
    let run = convert(&app.src, &app.out, &[]);
    assert_degraded_not_crashed(&run, &app.out);
    let err = stderr(&run);
    assert!(
        err.contains("script::too-deep") && err.contains("pages/a/m.wxs"),
        "{}",
        tail(&err)
    );
}

#[test]
fn a_stylesheet_nested_five_thousand_deep_is_too_deep_and_left_out() {
    let wxss = format!(".a {}{}", "{ .b ".repeat(5000), "}".repeat(5000));
    let calc = format!(
        ".c {{ width: {}1px{}; }}",
        "calc(".repeat(5000),
        ")".repeat(5000)
    );
    let app = app(&[("pages/a/a.wxss", &wxss), ("app.wxss", &calc)]);
    let run = convert(&app.src, &app.out, &[]);
    assert_degraded_not_crashed(&run, &app.out);
    let err = stderr(&run);
    assert!(
        err.contains("wxss::too-deep")
            && err.contains("[pages/a/a.wxss:1:")
            && err.contains("[app.wxss:1:"),
        "{}",
        tail(&err)
    );
}

/// Runs the binary with `env` set (the test hooks of debug builds).
fn convert_with_env(src: &Path, out: &Path, env: (&str, &str), extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_miniport"))
        .arg("convert")
        .arg(src)
        .arg("-o")
        .arg(out)
        .args(extra)
        .env("NO_COLOR", "1")
        .env(env.0, env.1)
        .output()
        .expect("run miniport")
}

#[test]
fn a_panic_while_converting_one_file_is_an_internal_error_naming_it_and_the_rest_converts() {
    for (file, left_out) in [
        ("pages/a/a.wxml", "pages/a/a.wxml"),
        ("pages/a/a.js", "pages/a/a.js"),
        ("pages/a/a.wxss", "pages/a/a.wxss"),
    ] {
        let app = app(&[]);
        let run = convert_with_env(
            &app.src,
            &app.out,
            ("MINIPORT_TEST_PANIC_FILE", file),
            &["--format", "json"],
        );
        assert_eq!(
            run.status.code(),
            Some(1),
            "{file}: {}",
            tail(&stderr(&run))
        );
        let report: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
        let internal: Vec<&serde_json::Value> = report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["code"] == "project::internal-error")
            .collect();
        assert_eq!(internal.len(), 1, "{file}: {report:#}");
        assert_eq!(internal[0]["file"], left_out);
        let b = fs::read_to_string(app.out.join("pages/b/b.css")).expect("page b converted");
        assert!(b.contains("color:"), "{b}");
    }
}

#[test]
fn a_file_over_the_size_limit_is_left_out_with_its_size() {
    let big = format!("module.exports = '{}';", "x".repeat(5000));
    let app = app(&[
        ("pages/a/big.js", &big),
        ("pages/a/a.js", "require('./big.js'); Page({});"),
    ]);
    let run = convert(&app.src, &app.out, &["--max-file-size", "4096"]);
    assert_degraded_not_crashed(&run, &app.out);
    let err = stderr(&run);
    assert!(
        err.contains("project::file-too-large") && err.contains("`pages/a/big.js` is 5020 bytes"),
        "{}",
        tail(&err)
    );
    // The same limit from miniport.json; the default lets the file through.
    let app = app_with_settings(&big, r#"{ "maxFileSize": 4096 }"#);
    let run = convert(&app.src, &app.out, &[]);
    assert!(
        stderr(&run).contains("project::file-too-large"),
        "{}",
        tail(&stderr(&run))
    );
    let app = app_with_settings(&big, "{}");
    let run = convert(&app.src, &app.out, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", tail(&stderr(&run)));
}

#[test]
fn an_imported_stylesheet_over_the_size_limit_is_left_out_and_the_sheet_kept() {
    let big = format!(".big {{ content: \"{}\"; }}", "x".repeat(5000));
    let app = app(&[
        ("styles/big.wxss", &big),
        (
            "pages/a/a.wxss",
            "@import '/styles/big.wxss';\n.a { color: red; }",
        ),
    ]);
    let run = convert(&app.src, &app.out, &["--max-file-size", "4096"]);
    assert_degraded_not_crashed(&run, &app.out);
    let err = stderr(&run);
    assert!(
        err.contains("project::file-too-large") && err.contains("`styles/big.wxss` is 5021 bytes"),
        "{}",
        tail(&err)
    );
    let css = fs::read_to_string(app.out.join("pages/a/a.css")).expect("page a's sheet");
    assert!(css.contains(".a") && !css.contains(".big"), "{css}");
}

fn app_with_settings(big: &str, settings: &str) -> App {
    app(&[
        ("pages/a/big.js", big),
        ("pages/a/a.js", "require('./big.js'); Page({});"),
        ("miniport.json", settings),
    ])
}

#[test]
fn when_the_diagnostic_printer_panics_the_plain_form_is_printed() {
    let app = app(&[("pages/a/a.wxss", ".a { color: red; }\n.b { wid th: 1px; }")]);
    let run = convert_with_env(&app.src, &app.out, ("MINIPORT_TEST_RENDER_PANIC", "1"), &[]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning[wxss::invalid-css]:") && err.contains("  --> pages/a/a.wxss:2:10"),
        "{err}"
    );
}

#[test]
fn twenty_thousand_diagnostics_in_a_large_file_are_located_in_linear_time() {
    // Each diagnostic used to be located by reading the file from its start (in the
    // stylesheet unit, in the printer and in report.json): about a minute for this sheet in a
    // debug build, two seconds with one line index per file.
    let mut wxss: String = (0..20_000)
        .map(|i| format!(".a{i}{{wid th:1px;color:red}}\n"))
        .collect();
    wxss.push_str(&format!("/*{}*/", "x".repeat(800_000)));
    let app = app(&[("pages/a/a.wxss", &wxss)]);
    let started = std::time::Instant::now();
    let run = convert(&app.src, &app.out, &[]);
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(run.status.code(), Some(0), "{}", tail(&stderr(&run)));
    let err = stderr(&run);
    assert_eq!(err.matches("wxss::invalid-css").count(), 20_000);
    assert!(err.contains("[pages/a/a.wxss:20000:"), "{}", tail(&err));
    assert!(seconds < 30.0, "{seconds:.1} s");
}

#[test]
fn sixty_thousand_stray_end_tags_are_reported_in_linear_time() {
    // Each stray end tag used to search the rest of the file for the open element's end tag:
    // 30,000 took 23 s in a debug build.
    let wxml = format!("<view>{}</view>", "</text>".repeat(60_000));
    let app = app(&[("pages/a/a.wxml", &wxml)]);
    let started = std::time::Instant::now();
    let run = convert(&app.src, &app.out, &["--format", "json"]);
    let seconds = started.elapsed().as_secs_f64();
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    let stray = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "wxml::stray-end-tag")
        .count();
    assert_eq!(stray, 60_000);
    assert!(seconds < 40.0, "{seconds:.1} s");
}

#[test]
fn fifty_thousand_unclosed_bindings_are_one_error_found_in_linear_time() {
    // Each `{{` without `}}` used to search the rest of the file again: 40 s in a debug build.
    let wxml = "{{a".repeat(50_000);
    let app = app(&[("pages/a/a.wxml", &wxml)]);
    let started = std::time::Instant::now();
    let run = convert(&app.src, &app.out, &[]);
    let seconds = started.elapsed().as_secs_f64();
    let err = stderr(&run);
    assert_eq!(
        err.matches("wxml::unterminated-mustache").count(),
        1,
        "{}",
        tail(&err)
    );
    assert!(seconds < 20.0, "{seconds:.1} s");
}
