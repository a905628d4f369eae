use super::*;
use crate::source::codes;

fn files(paths: &[&str]) -> FileSet {
    let mut set = FileSet::new();
    for p in paths {
        set.insert(p, "module.exports = {};");
    }
    set
}

fn body(source: &str) -> String {
    let compiled = compile_wxs("a.wxs", source, 0, &files(&[]));
    assert!(
        compiled.diagnostics.is_empty(),
        "{:#?}",
        compiled.diagnostics
    );
    compiled.body
}

#[test]
fn undeclared_assigned_names_become_module_variables() {
    let out = body("x = 5;\nfunction f() { count = (count || 0) + 1; return count; }\nmodule.exports = { x: x, f: f };");
    assert!(out.starts_with("var count, x;\n"), "{out}");
}

#[test]
fn browser_globals_are_hidden_but_wxs_globals_are_not() {
    let out = body("var t = [typeof window, typeof Object, Math.max(1, 2), JSON.stringify(1), parseInt('1'), getDate(0), NaN, undefined];");
    assert!(out.starts_with("var Object, window;\n"), "{out}");
}

#[test]
fn this_without_receiver_is_an_empty_object() {
    let out = body("function f() { return this; }");
    assert!(out.contains("return this == null ? {} : this;"), "{out}");
}

#[test]
fn constructor_reads_go_through_the_wxs_helper() {
    let out = body("var a = [].constructor === 'Array' && o['constructor']; o.constructor = 1;");
    assert!(out.contains("$wxs.c([]) === 'Array' && $wxs.c(o)"), "{out}");
    assert!(out.contains("o.constructor = 1"), "{out}");
}

#[test]
fn strict_mode_syntax_errors_are_rewritten() {
    let out = body("var a = 010 + 08, s = '\\01';\nfunction f(a, a) { return arguments.callee; }\nvar x = 1; delete x; undefined = 3;\nvar public = 1, static = public;\nmodule.exports = { public: public, eval: eval };");
    assert!(out.contains("var a = 8 + 8"), "{out}");
    assert!(!out.contains("'\\01'"), "{out}");
    assert!(out.contains("function f(a$dup0, a)"), "{out}");
    assert!(out.contains("return void 0;"), "{out}");
    assert!(out.contains("false;"), "{out}");
    assert!(out.contains("(3);") || out.contains("3;"), "{out}");
    assert!(out.contains("var public$ = 1, static$ = public$"), "{out}");
    assert!(out.contains("public: public$"), "{out}");
    assert!(out.contains("eval: eval$"), "{out}");
}

#[test]
fn block_functions_are_visible_in_the_whole_function() {
    let out = body("if (true) { g(); function g() { return 1; } }\nmodule.exports = g;");
    let var_at = out.find("var g = function g()").expect(&out);
    assert!(var_at < out.find("g();").expect(&out), "{out}");
    assert!(
        !out.starts_with("var g"),
        "g is declared, not implicit: {out}"
    );
}

#[test]
fn requires_come_from_the_syntax_tree_with_spans_and_resolution() {
    let source = "var a = require('./a.wxs');\nvar b = require(\"b.wxs\"); x.require('no.wxs'); myrequire('no.wxs');\n// require('comment.wxs')\nvar s = 'require(\"str.wxs\")';\nvar c = require('../../out.wxs'); var d = require('./missing.wxs'); var e = require('./a.wxs');";
    let compiled = compile_wxs("dir/m.wxs", source, 10, &files(&["dir/a.wxs", "dir/b.wxs"]));
    let found: Vec<(&str, Option<&str>, &str)> = compiled
        .requires
        .iter()
        .map(|r| {
            (
                r.spec.as_str(),
                r.target.as_deref(),
                &source[r.span.start - 10..r.span.end - 10],
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("./a.wxs", Some("dir/a.wxs"), "'./a.wxs'"),
            ("b.wxs", Some("dir/b.wxs"), "\"b.wxs\""),
            ("../../out.wxs", None, "'../../out.wxs'"),
            ("./missing.wxs", None, "'./missing.wxs'"),
        ]
    );
    let codes: Vec<(&str, &str)> = compiled
        .diagnostics
        .iter()
        .map(|d| {
            let s = d.span.clone().expect("a span");
            (d.code, &source[s.start - 10..s.end - 10])
        })
        .collect();
    assert_eq!(
        codes,
        [
            (codes::SCRIPT_PATH_ESCAPES_ROOT.name, "'../../out.wxs'"),
            (codes::SCRIPT_UNRESOLVED_REQUIRE.name, "'./missing.wxs'"),
        ]
    );
}

#[test]
fn a_syntax_error_gives_a_throwing_body_and_a_diagnostic() {
    let compiled = compile_wxs("page.wxml", "var = 1;", 100, &files(&[]));
    assert!(compiled.body.starts_with("throw new SyntaxError("));
    assert_eq!(compiled.diagnostics.len(), 1);
    assert!(compiled.diagnostics[0]
        .span
        .as_ref()
        .is_some_and(|s| s.start >= 100));
}

#[test]
fn a_block_function_after_other_functions_is_hoisted_too() {
    let out = body("function callee() { return 1; }\nif (oct > 0) {\n  function inner() { return 'inner'; }\n}\nmodule.exports = inner();");
    assert!(out.contains("var inner = function inner()"), "{out}");
}

#[test]
fn unknown_escapes_keep_their_backslash_as_in_wechat() {
    let out = body("var r = '^-?\\d+(\\.\\d+)?$'; var n = 'a\\nb\\'c';");
    assert!(out.contains(r#""^-?\\d+(\\.\\d+)?$""#), "{out}");
    assert!(out.contains(r#"'a\nb\'c'"#), "{out}");
    assert_eq!(keep_unknown_escapes(r#"'\d'"#).as_deref(), Some("\\d"));
    assert_eq!(keep_unknown_escapes(r#"'\n\t'"#), None);
    assert_eq!(keep_unknown_escapes(r#"'\x41\d'"#), None);
}
