//! Legal comments survive compilation, plain and minified: `/*! … */`, `//! …` and comments
//! with `@license` or `@preserve` (of npm packages, and of the app's own files), each once, at
//! the head of its module's body in source order; every other comment goes.

use std::path::Path;

use miniport::script::{compile, ScriptOptions};
use miniport::source::FileSet;

const KEPT: &[(&str, &str)] = &[
    (
        "miniprogram_npm/licensed-lib/helper.js",
        "//! helper.js, part of licensed-lib (MIT)",
    ),
    (
        "miniprogram_npm/licensed-lib/index.js",
        "/*! licensed-lib v2.3.4 | (c) Example Corp | MIT */",
    ),
    (
        "miniprogram_npm/licensed-lib/index.js",
        "/**\n * Answers.\n * @license Apache-2.0 (the part below comes from another project)\n */",
    ),
    (
        "miniprogram_npm/licensed-lib/index.js",
        "/* @preserve kept inside a function body */",
    ),
    (
        "miniprogram_npm/licensed-lib/index.js",
        "/*! licence inside code the minifier removes */",
    ),
    (
        "utils/helpers.js",
        "/**\n * helpers — @license ISC, kept although it is the app's own code.\n */",
    ),
];

const DROPPED: &[&str] = &[
    "ordinary line comment",
    "ordinary block comment",
    "JSDoc of `one`",
    "Internal note",
    "trailing note",
    "@private unused",
];

fn chunk(minify: bool) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/script/licence-comments");
    let (files, _) = FileSet::read_dir(&root).expect("fixture folder is readable");
    let project = miniport::project::load(files).expect("fixture loads");
    let scripts = compile(&project, &ScriptOptions { minify });
    assert!(scripts.diagnostics.is_empty(), "{:?}", scripts.diagnostics);
    assert_eq!(scripts.chunks.len(), 1);
    scripts.chunks[0].code.clone()
}

/// The body of module `id` in `chunk`.
fn body<'a>(chunk: &'a str, id: &str) -> &'a str {
    let head = format!("__miniportDefine({id:?}, function (require, module, exports) {{\n");
    let start = chunk.find(&head).unwrap_or_else(|| panic!("no {id}")) + head.len();
    let end = chunk[start..]
        .find("\n__miniportDefine(")
        .map_or(chunk.len(), |e| start + e);
    &chunk[start..end]
}

fn check(minify: bool) {
    let chunk = chunk(minify);
    for (module, comment) in KEPT {
        let body = body(&chunk, module);
        assert_eq!(
            body.matches(comment).count(),
            1,
            "{comment:?} once in {module} (minify: {minify}):\n{chunk}"
        );
        assert!(
            body.starts_with(['/']),
            "legal comments head the body of {module}:\n{body}"
        );
    }
    // In source order, on lines of their own.
    let index = body(&chunk, "miniprogram_npm/licensed-lib/index.js");
    let positions: Vec<usize> = KEPT
        .iter()
        .filter(|(m, _)| *m == "miniprogram_npm/licensed-lib/index.js")
        .map(|(_, c)| index.find(&format!("{c}\n")).expect("on its own line"))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{index}");
    for dropped in DROPPED {
        assert!(
            !chunk.contains(dropped),
            "{dropped:?} is gone (minify: {minify}):\n{chunk}"
        );
    }
    if minify {
        assert!(!chunk.contains("unused"), "the minifier ran:\n{chunk}");
    }
}

#[test]
fn legal_comments_survive_and_others_go() {
    check(false);
}

#[test]
fn legal_comments_survive_minification() {
    check(true);
}
