//! The runtime as it is written to the output: the embedded files ([`crate::wechat::runtime`]),
//! and with `--minify`, the runtime's JavaScript goes through the same swc minifier as the app's
//! scripts. The files stay ES modules: imports and export names are kept (other modules and
//! the render modules import them by name), only module-local names are shortened. A file the
//! minifier cannot parse is written as it is. CSS is written as it is.

use std::sync::OnceLock;

use swc_common::{Globals, Mark, GLOBALS};
use swc_ecma_transforms_base::{fixer::fixer, resolver};

use crate::script::parse::{parse, Language};
use crate::script::print;
use crate::wechat::runtime::files;
pub use crate::wechat::runtime::RUNTIME_DIR;

/// Every runtime file as it is written to the output, sorted by path: the JavaScript modules
/// minified when `minify` is set. The minified set is computed once per process (the runtime
/// is the same for every app), sequentially: this runs inside the caller's rayon pool, where
/// a nested parallel loop under a lock could wait on itself.
pub fn emitted(minify: bool) -> Vec<(&'static str, &'static str)> {
    if !minify {
        return files().to_vec();
    }
    static MINIFIED: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    MINIFIED
        .get_or_init(|| {
            files()
                .iter()
                .map(|(path, content)| (*path, minify_file(path, content)))
                .collect()
        })
        .iter()
        .map(|(path, content)| (*path, content.as_str()))
        .collect()
}

/// `content` minified if it is a JavaScript module that parses; otherwise unchanged.
fn minify_file(path: &str, content: &str) -> String {
    if !path.ends_with(".js") {
        return content.to_string();
    }
    minify_module(path, content).unwrap_or_else(|| content.to_string())
}

/// Minifies one ES module with the script phase's minifier, keeping its imports and exports.
/// `None` if it does not parse.
pub fn minify_module(path: &str, content: &str) -> Option<String> {
    GLOBALS.set(&Globals::new(), || {
        let parsed = parse(path, content, Language::JavaScript).ok()?;
        let unresolved_mark = Mark::new();
        let top_level_mark = Mark::new();
        let program = parsed
            .program
            .apply(resolver(unresolved_mark, top_level_mark, false));
        let program = print::minify(program, &parsed.cm, unresolved_mark, top_level_mark);
        let program = program.apply(fixer(None));
        let (code, _map) = print::print(&program, &parsed.cm, &parsed.legal_comments, true, path);
        Some(code)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minified_module_keeps_imports_and_export_names() {
        let source = "import { helper as h } from './helper.js';\n\
            export function createThing(options) { const longLocalName = h(options); return longLocalName; }\n\
            export const TABLE = { a: 1 };\n\
            function unusedButLocal() { return 2; }\n\
            export default class Widget { render() { return createThing(1); } }\n\
            export { unusedButLocal as kept };\n";
        let code = minify_module("x.js", source).expect("parses");
        assert!(code.contains("./helper.js"), "{code}");
        assert!(code.contains("createThing"), "{code}");
        assert!(code.contains("TABLE"), "{code}");
        assert!(code.contains("kept"), "{code}");
        assert!(code.contains("export default"), "{code}");
        assert!(!code.contains("longLocalName"), "{code}");
        assert!(code.len() < source.len(), "{code}");
    }

    #[test]
    fn minify_leaves_css_and_unparsable_files_as_they_are() {
        assert_eq!(minify_file("a.css", "a { color: red }"), "a { color: red }");
        assert_eq!(
            minify_file("b.js", "export function ("),
            "export function ("
        );
    }

    #[test]
    fn every_runtime_module_minifies_and_shrinks() {
        let plain = emitted(false);
        let small = emitted(true);
        assert_eq!(plain.len(), small.len());
        for ((path, before), (same, after)) in plain.iter().zip(&small) {
            assert_eq!(path, same);
            if path.ends_with(".js") {
                assert!(
                    minify_module(path, before).is_some(),
                    "{path} does not parse"
                );
                assert!(after.len() < before.len(), "{path} did not shrink");
            } else {
                assert_eq!(before, after, "{path}");
            }
        }
    }
}
