//! The fuzz targets, one test each: seeds mutated with the tokens of their language, checked by
//! [`checks`]. Each runs a bounded number of cases in CI (a few seconds) and for
//! `MINIPORT_FUZZ_SECONDS` in long mode ([`engine::run`]).

use super::app::{self, Choices};
use super::checks;
use super::corpus;
use super::engine::{self, boundary, mutate, splice, Rng};

const WXML_TOKENS: &[&str] = &[
    "</",
    "/>",
    "{{",
    "}}",
    "<!--",
    "-->",
    "<!",
    "<view>",
    "</view>",
    "<wxs module=\"m\">",
    "</wxs>",
    "<input>",
    "...",
    "&amp;",
    "&",
    "wx:if=",
    "wx:for=\"{{",
    "data=\"{{",
    "a.b",
    "typeof ",
    " in ",
    "0x",
    "1e",
    ".5",
    "<template is=\"t\" data=\"{{",
    "<import src=\"",
    "<include src=\"",
    "<block wx:else>",
    "bind:tap=\"",
    "?",
    "!",
    "&&",
];

const EXPRESSION_TOKENS: &[&str] = &[
    "?",
    ":",
    "...",
    "a.b",
    "a[0]",
    "f(",
    "typeof ",
    " in ",
    "!",
    "-",
    "+",
    "*",
    "%",
    "===",
    "!==",
    "&&",
    "||",
    "0x1f",
    "1e9",
    ".5",
    "'s'",
    "{a: 1, b}",
    "[1, ,2]",
    "null",
    "undefined",
    "true",
    "{{",
    "}}",
    "`${a}`",
    "a?.b",
    "a ?? b",
    "=>",
    "new ",
    "1_000",
];

const CSS_TOKENS: &[&str] = &[
    "{",
    "}",
    ";",
    ":",
    "@import \"",
    "@import url(",
    "@media (",
    "@supports (",
    "@font-face {",
    "@keyframes k {",
    "@layer a",
    "@charset \"",
    "@unknown",
    "url(",
    "url(\"../",
    "rpx",
    "10rpx",
    "-5.5rpx",
    "calc(",
    "var(--a",
    "--a:",
    "!important",
    ":host",
    ":host(.a)",
    "::v-deep",
    ">>>",
    "page",
    "view",
    ".a",
    "#b",
    "[c=\"d\"]",
    "*",
    "~",
    "+",
    ":not(",
    ":is(",
    ":nth-child(2n+1)",
    "&",
    "@apply",
    "env(safe-area-inset-top)",
    "constant(",
    "\\",
    "/* ",
    " */",
    "u+0-7f",
    "@{a}",
];

const JS_TOKENS: &[&str] = &[
    "require('",
    "require(\"../",
    "require(x)",
    "import ",
    "export ",
    "export default ",
    "from '",
    "import('",
    "module.exports",
    "exports.",
    "function ",
    "=>",
    "class ",
    "extends ",
    "async ",
    "await ",
    "yield",
    "function*",
    "let ",
    "const ",
    "var ",
    "this.",
    "new ",
    "super",
    "`${",
    "}`",
    "/a+/g",
    "/[/",
    "?.",
    "??",
    "**",
    "#p",
    "static {",
    "get ",
    "with (a)",
    "label:",
    "getRegExp(",
    "getDate(",
    "wx.",
    "Page({",
    "Component({",
    "App({",
    "debugger",
    ": number",
    "interface I {",
    "enum E {",
    "as any",
    "<T>",
    "type T = ",
    "declare ",
    "@dec",
    "0n",
    "1e400",
    "'\\u{",
    "\\x",
    "<!--",
    "-->",
    "#!",
];

/// Statements that parse as JavaScript (and, most, as TypeScript) at the top level of a module,
/// spliced into seeds so that resolution, transforms and printing run, not only the parser.
const JS_STATEMENTS: &[&str] = &[
    "const a = require('./a');",
    "const b = require('../../utils/u.js');",
    "const c = require('/utils/u');",
    "const d = require('../../../../../etc/passwd');",
    "const e = require('miniprogram-npm-missing/x');",
    "const f = require('./data.json');",
    "require(name + '.js');",
    "import g from '../../utils/v';",
    "import * as h from '/utils/u';",
    "export const i = import('./lazy');",
    "export default { j: 1 };",
    "module.exports.k = async function* () { yield await 1; };",
    "class L { #p = 1; static { this.q = wx.getSystemInfoSync(); } get m() { return this.#p; } }",
    "wx.request({ url: `https://x/${wx.getStorageSync('k')}`, success: (r) => r?.data ?? null });",
    "wx.cloud.callFunction({ name: 'f' }); wx.notAnApi(); getApp().globalData = {};",
    "const { n, ...rest } = getCurrentPages()[0] || {};",
    "label: for (const o of [1, 2]) { if (o) break label; }",
    "const p = /(?<year>\\d{4})-\\d+/u.exec('2024-1')?.groups?.year;",
    "var q = 0b1010 + 0o17 + 1_000n.toString().length;",
    "Page({ data: {}, onShareAppMessage() { return { path: '/pages/a/a' }; } });",
];

/// Statements of WXS (WeChat's ES5 subset), spliced like [`JS_STATEMENTS`].
const WXS_STATEMENTS: &[&str] = &[
    "var r = require('./g.wxs');",
    "var s = require('../../../outside.wxs');",
    "var t = getRegExp('(a+)+$', 'gi');",
    "var u = getDate('2024-01-01').getTime();",
    "var v = [1, 2].map(function (x) { return x * 2; }).join(',');",
    "module.exports.w = function (x) { return x.constructor === 'Array' ? x.length : typeof x; };",
    "var y = { 'a-b': 1 }; y['a-b'] += 1;",
    "switch (1) { case 1: break; default: }",
];

/// The inputs of the in-repo harness: tokens of the language of each extension.
struct RngChoices<'a>(&'a mut Rng);

fn tokens_of(ext: &str) -> &'static [&'static str] {
    match ext {
        "wxml" => WXML_TOKENS,
        "wxss" | "css" => CSS_TOKENS,
        "json" => &[
            "\"pages\": [\"a\"]",
            "\"usingComponents\": {",
            "\"subPackages\": [",
            "\"tabBar\": {",
            "null",
            "{",
            "[",
            "\"",
            ",",
        ],
        _ => JS_TOKENS,
    }
}

impl Choices for RngChoices<'_> {
    fn below(&mut self, n: usize) -> usize {
        self.0.below(n)
    }

    fn text(&mut self, ext: &str) -> String {
        let tokens = tokens_of(ext);
        (0..1 + self.0.below(3))
            .map(|_| *self.0.pick(tokens))
            .collect()
    }
}

/// A random slice of `text` (at most `max` bytes) on character boundaries.
fn slice<'t>(rng: &mut Rng, text: &'t str, max: usize) -> &'t str {
    let a = boundary(text, rng.below(text.len() + 1));
    let b = boundary(text, a + rng.below(max + 1)).max(a);
    &text[a..b]
}

#[test]
fn wxml_parser_keeps_exact_spans_on_mutated_templates() {
    let seeds = corpus::texts(&["wxml"], 400);
    engine::run(
        "wxml",
        6000,
        |rng| {
            let seed = rng_pick(rng, &seeds);
            mutate(rng, seed, WXML_TOKENS)
        },
        |t| checks::wxml(t),
    );
}

#[test]
fn expression_parser_keeps_spans_inside_mutated_bindings() {
    let seeds = corpus::texts(&["wxml"], 400);
    engine::run(
        "expression",
        20000,
        |rng| {
            let template = rng_pick(rng, &seeds);
            // A binding's text when there is one, else any slice.
            let piece = match template
                .get(boundary(template, rng.below(template.len()))..)
                .and_then(|t| t.split_once("{{"))
            {
                Some((_, rest)) => rest.split("}}").next().unwrap_or(rest),
                None => slice(rng, template, 80),
            };
            mutate(rng, piece, EXPRESSION_TOKENS)
        },
        |e| checks::expression(e),
    );
}

#[test]
fn wxss_compiler_locates_every_diagnostic_on_mutated_sheets() {
    let seeds = corpus::texts(&["wxss"], 300);
    engine::run(
        "wxss",
        1000,
        |rng| {
            let seed = rng_pick(rng, &seeds);
            let mut sheet = mutate(rng, seed, CSS_TOKENS);
            if rng.one_in(3) {
                sheet.insert_str(0, "@import \"/styles/s.wxss\";\n");
            }
            let seed = rng_pick(rng, &seeds);
            let import = mutate(rng, seed, CSS_TOKENS);
            (sheet, import)
        },
        |(sheet, import)| {
            checks::wxss(
                sheet,
                &[
                    ("styles/s.wxss", import.as_str()),
                    ("pages/a/a.css", "@import './a.wxss';"),
                ],
            )
        },
    );
}

#[test]
fn wxs_compiler_locates_every_diagnostic_on_mutated_modules() {
    let seeds = corpus::texts(&["wxs"], 300);
    engine::run(
        "wxs",
        1500,
        |rng| {
            let seed = rng_pick(rng, &seeds);
            if rng.one_in(2) {
                splice(rng, seed, WXS_STATEMENTS)
            } else {
                mutate(rng, seed, JS_TOKENS)
            }
        },
        |source| {
            checks::wxs(
                source,
                &[("utils/g.wxs", "module.exports = require('./f.wxs');")],
            )
        },
    );
}

#[test]
fn script_pipeline_locates_every_diagnostic_on_mutated_js_and_ts() {
    let seeds = corpus::texts(&["js", "ts"], 400);
    engine::run(
        "script",
        1000,
        |rng| {
            let ext = if rng.one_in(3) { "ts" } else { "js" };
            let seed = rng_pick(rng, &seeds);
            let source = if rng.one_in(2) {
                splice(rng, seed, JS_STATEMENTS)
            } else {
                mutate(rng, seed, JS_TOKENS)
            };
            (format!("pages/a/a.{ext}"), source)
        },
        |(path, source)| {
            let mut files = miniport::FileSet::new();
            files.insert("app.json", "{ \"pages\": [\"pages/a/a\"] }");
            files.insert("utils/u.js", "module.exports = require('../pages/a/a');");
            files.insert("utils/v.ts", "export const v: number = 1;");
            files.insert("pages/a/data.json", "{ \"a\": [1, {}] }");
            files.insert("pages/a/lazy.js", "export default 1;");
            files.insert(path, source.as_bytes());
            checks::scripts(files);
        },
    );
}

#[test]
fn convert_writes_only_inside_its_output_on_generated_apps() {
    engine::run(
        "convert",
        250,
        |rng| {
            let mut app = app::generate(&mut RngChoices(rng));
            if !rng.one_in(4) {
                let i = rng.below(app.files.len());
                let (path, text) = app.files[i].clone();
                let ext = path.rsplit('.').next().unwrap_or("");
                app.files[i].1 = mutate(rng, &text, tokens_of(ext));
            }
            let target = *rng.pick(&[
                miniport::Target::Telegram,
                miniport::Target::Web,
                miniport::Target::W3c,
            ]);
            (app, target)
        },
        |(app, target)| checks::convert(app.file_set(), *target),
    );
}

fn rng_pick<'s>(rng: &mut Rng, seeds: &'s [String]) -> &'s str {
    &seeds[rng.below(seeds.len())]
}
