//! WXML templates, from text to render code, in four steps:
//! [`parse`](mod@parse) (text → syntax tree), [`lower`](mod@lower) (one file's tree →
//! [`ir::Module`], its directives interpreted), [`link`](mod@link) (every file of the project
//! parsed and lowered in parallel, then `import`, `include`, `<wxs src>` and template names
//! resolved across files) and [`print`](mod@print) (IR → ES modules that build vnodes).

pub mod ir;
pub mod link;
pub mod lower;
pub mod parse;
pub mod print;
pub mod usage;

pub use ir::*;
pub use link::{link, Program};
pub use lower::lower;

use rayon::prelude::*;

use crate::project::Project;
use crate::source::{guard_file, on_big_stack, Diagnostic};

/// The templates of a project, compiled.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    /// (output path, ES module) of each `.wxml` file, in path order.
    pub modules: Vec<(String, String)>,
    /// What parsing, lowering and linking found, in path order.
    pub diagnostics: Vec<Diagnostic>,
    /// Each built-in component tag used, with its number of elements.
    pub builtins: std::collections::BTreeMap<String, usize>,
}

/// Parses, lowers and links every `.wxml` file of `project`, then prints its render module,
/// each under the file guard (a panic while printing leaves that file's module empty).
pub fn compile(project: &Project) -> Templates {
    let program = link(project);
    let mut diagnostics: Vec<Diagnostic> = program.diagnostics().cloned().collect();
    let printed: Vec<(String, String, Option<Diagnostic>)> = program
        .modules
        .par_iter()
        .map(|(path, module)| {
            let out = print::render_module_path(path);
            match guard_file(path, 0, usize::MAX, || {
                on_big_stack(|| print::compile_module(module))
            }) {
                Ok(code) => (out, code, None),
                Err(diagnostic) => {
                    let empty = Module {
                        path: path.clone(),
                        ..Module::default()
                    };
                    (out, print::compile_module(&empty), Some(*diagnostic))
                }
            }
        })
        .collect();
    let mut modules = Vec::with_capacity(printed.len());
    for (out, code, diagnostic) in printed {
        modules.push((out, code));
        diagnostics.extend(diagnostic);
    }
    Templates {
        modules,
        diagnostics,
        builtins: usage::builtins(&program),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{codes, FileSet};

    fn project(files: &[(&str, &str)]) -> Project {
        let mut set = FileSet::new();
        for (path, text) in files {
            set.insert(path, *text);
        }
        crate::project::load(set).expect("loads")
    }

    #[test]
    fn service_and_skyline_tags_warn_once_per_tag_and_file_at_the_first_use() {
        let wxml = "<view>\n  <ad unit-id=\"a\"/><ad unit-id=\"b\"/>\n  <list-view><text>x</text></list-view>\n  <official-account/>\n</view>";
        let project = project(&[
            ("app.json", r#"{ "pages": ["pages/a/a"] }"#),
            ("pages/a/a.js", "Page({});"),
            ("pages/a/a.wxml", wxml),
        ]);
        let templates = compile(&project);
        let found: Vec<_> = templates
            .diagnostics
            .iter()
            .filter(|d| {
                [codes::WXML_SERVICE_TAG.name, codes::WXML_SKYLINE_TAG.name].contains(&d.code)
            })
            .map(|d| {
                (
                    d.code,
                    &wxml[d.span.clone().expect("span")],
                    d.span.clone().expect("span").start,
                )
            })
            .collect();
        let ad = wxml.find("ad ").expect("ad");
        assert_eq!(
            found,
            vec![
                (codes::WXML_SERVICE_TAG.name, "ad", ad),
                (
                    codes::WXML_SKYLINE_TAG.name,
                    "list-view",
                    wxml.find("list-view").expect("list")
                ),
                (
                    codes::WXML_SERVICE_TAG.name,
                    "official-account",
                    wxml.find("official").expect("oa")
                ),
            ]
        );
        assert!(templates
            .diagnostics
            .iter()
            .all(|d| d.code != codes::WXML_UNKNOWN_TAG.name));
    }

    #[test]
    fn html_tags_are_rendered_as_themselves_without_an_unknown_tag_warning() {
        let project = project(&[
            ("app.json", r#"{ "pages": ["pages/a/a"] }"#),
            ("pages/a/a.js", "Page({});"),
            ("pages/a/a.wxml", "<div><p>x</p><img/><foo-bar/></div>"),
        ]);
        let unknown: Vec<_> = compile(&project)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == codes::WXML_UNKNOWN_TAG.name)
            .map(|d| d.message)
            .collect();
        assert_eq!(unknown.len(), 1, "{unknown:?}");
        assert!(unknown[0].contains("foo-bar"), "{unknown:?}");
    }

    #[test]
    fn inline_wxs_is_compiled_once_when_linking_and_printed_from_the_ir() {
        let wxml = "<view>{{m.f()}}</view>\n<wxs module=\"m\">var x = require('./gone.wxs');\nmodule.exports.f = function () { return 1; };</wxs>";
        let project = project(&[
            ("app.json", r#"{ "pages": ["pages/a/a"] }"#),
            ("pages/a/a.js", "Page({});"),
            ("pages/a/a.wxml", wxml),
        ]);
        let mut program = link(&project);
        let module = program.modules.get_mut("pages/a/a.wxml").expect("module");
        // The missing require is reported once, at its place in the template.
        let missing: Vec<_> = module
            .diagnostics
            .iter()
            .filter(|d| d.code == codes::SCRIPT_UNRESOLVED_REQUIRE.name)
            .collect();
        assert_eq!(missing.len(), 1, "{:#?}", module.diagnostics);
        let at = missing[0].span.clone().expect("span");
        assert_eq!(&wxml[at], "'./gone.wxs'");
        // Printing reads the compiled body stored on the IR; it does not compile again.
        let WxsSource::Inline(inline) = &mut module.wxs[0].source else {
            panic!("inline wxs expected");
        };
        let compiled = inline.compiled.as_mut().expect("compiled when linked");
        assert!(
            compiled.body.contains("module.exports.f"),
            "{}",
            compiled.body
        );
        compiled.body = "/* the linked body */\n".into();
        let code = print::compile_module(module);
        assert!(code.contains("/* the linked body */"), "{code}");
        assert!(!code.contains("module.exports.f"), "{code}");
    }
}
