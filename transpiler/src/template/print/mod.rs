//! Render code: each `.wxml` becomes an ES module next to its source (`pages/a/a.wxml` →
//! `pages/a/a.wxml.js`); it imports the `.wxs` modules it uses (`utils/f.wxs.js`, printed
//! by the `wxs` unit).
//!
//! The contract with the runtime (`runtime-shim/src/render/`):
//!
//! - A template module exports `render(d, $)`, which returns the file's content as an array
//!   of vnodes, and `templates`, a null-prototype object of the templates *defined in* the
//!   file, each `function (d, $)` with the same return. `d` is the data scope (the page's or
//!   component's data, or the data passed to a template); `$` is the runtime's helper object
//!   (`runtime-shim/src/render/helpers.js`), whose members render code calls only by the
//!   names in [`helpers`] (a test checks them against the runtime). Render code never touches
//!   the DOM.
//! - Template names resolve against the file's own templates over those of its imports
//!   (`T()`); `<include>` calls the included module's `render` with the same scope.
//! - A vnode is `$.h(tag, props, children)` with `props` holding only what is present:
//!   `attrs` (plain attributes and component properties, typed), `class` and `style`
//!   (strings as authored: scoping and rpx are applied when mounting), `dataset`
//!   (WeChat's names, typed), `mark`, `events` (`[{kind, name, handler}]`), `model`
//!   (property → data path), `generic`, `slot`. Text is a string.
//! - Static subtrees are built once per module and shared (`$s[n]`): vnodes are immutable.

pub mod expr;
pub mod helpers;
pub mod node;

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::ir::{Module, Node, WxsSource};
use super::link::Program;
use crate::source::relative_url;
use crate::wxs::print::{self as wxs, wxs_module_path};
use crate::wxs::CompiledWxs;
use expr::{string, Env};
use helpers::WXS;
use node::Gen;

/// Output path of the render module of `wxml` (`pages/a/a.wxml` → `pages/a/a.wxml.js`).
pub fn render_module_path(wxml: &str) -> String {
    format!("{wxml}.js")
}

/// Every render module of `program`, as (output path, code), in path order.
pub fn compile_program(program: &Program) -> Vec<(String, String)> {
    program
        .modules
        .par_iter()
        .map(|(path, module)| (render_module_path(path), compile_module(module)))
        .collect()
}

/// The ES module of one template file.
pub fn compile_module(module: &Module) -> String {
    let out_path = render_module_path(&module.path);
    let mut head = format!(
        "// {}, compiled by miniport: render functions that build vnodes.\n",
        module.path
    );
    let mut modules: BTreeMap<String, String> = BTreeMap::new();
    let mut referenced: Vec<&str> = module
        .imports
        .iter()
        .filter_map(|i| i.path.as_deref())
        .collect();
    collect_includes(&module.root, &mut referenced);
    for t in &module.templates {
        collect_includes(&t.children, &mut referenced);
    }
    for path in referenced {
        if !modules.contains_key(path) {
            let name = format!("m{}", modules.len());
            let url = relative_url(&out_path, &render_module_path(path));
            head.push_str(&format!("import * as {name} from {};\n", string(&url)));
            modules.insert(path.to_string(), name);
        }
    }
    let mut env = Env::default();
    let mut factories = String::new();
    for (i, w) in module.wxs.iter().enumerate() {
        let factory = format!("W{i}");
        match &w.source {
            WxsSource::File(file) => {
                let Some(path) = &file.path else { continue };
                let url = relative_url(&out_path, &wxs_module_path(path));
                head.push_str(&format!("import {factory} from {};\n", string(&url)));
            }
            WxsSource::Inline(inline) => {
                let empty = CompiledWxs::default();
                let compiled = inline.compiled.as_ref().unwrap_or(&empty);
                let (imports, code) =
                    wxs::factory_code(compiled, &out_path, &factory, &format!("R{i}_"));
                head.push_str(&imports);
                factories.push_str(&code);
            }
        }
        env.wxs.retain(|(name, _)| *name != w.module);
        env.wxs.push((w.module.clone(), format!("w{i}")));
    }
    let wxs_setup: String = env
        .wxs
        .iter()
        .map(|(_, js)| format!("  const {js} = $.{WXS}(W{});\n", &js[1..]))
        .collect();

    let mut gen = Gen {
        env,
        hoisted: 0,
        in_static: false,
        depth: 0,
        modules: &modules,
        file: &module.path,
    };
    let mut body = String::new();
    body.push_str("export const templates = Object.create(null);\n");
    for t in &module.templates {
        let children = gen.children(&t.children);
        body.push_str(&format!(
            "templates[{}] = function (d, $) {{\n{wxs_setup}  return {children};\n}};\n",
            string(&t.name)
        ));
    }
    let root = gen.children(&module.root);
    body.push_str(&format!(
        "export function render(d, $) {{\n{wxs_setup}  return {root};\n}}\n"
    ));
    if module.wxs.is_empty() {
        body.push_str("export const include = render;\n");
    } else {
        // Included, the content does not see this file's WXS modules but the includer's.
        gen.env.wxs.clear();
        let content = gen.children(&module.root);
        body.push_str(&format!(
            "export function include(d, $) {{\n  return {content};\n}}\n"
        ));
    }

    let mut visible: Vec<String> = module
        .imports
        .iter()
        .filter_map(|i| i.path.as_ref())
        .filter_map(|p| modules.get(p))
        .map(|m| format!("{m}.templates"))
        .collect();
    let mut included: Vec<&str> = Vec::new();
    collect_includes(&module.root, &mut included);
    visible.extend(
        included
            .iter()
            .filter_map(|p| modules.get(*p))
            .map(|m| format!("{m}.imports()")),
    );
    let mut code = head;
    code.push_str(&factories);
    code.push_str("const $s = [];\nlet $i;\nlet $t;\n");
    // Templates this file sees besides its own: those defined in the files it imports, and
    // those the files it includes import. `$i` is set first so include cycles terminate.
    let fill = if visible.is_empty() {
        String::new()
    } else {
        format!("\n    Object.assign($i, {});", visible.join(", "))
    };
    code.push_str(&format!(
        "export function imports() {{\n  if (!$i) {{\n    $i = Object.create(null);{fill}\n  }}\n  return $i;\n}}\n"
    ));
    code.push_str(
        "const T = () => $t || ($t = Object.assign(Object.create(null), imports(), templates));\n",
    );
    code.push_str(&body);
    code
}

fn collect_includes<'a>(nodes: &'a [Node], out: &mut Vec<&'a str>) {
    for node in nodes {
        match node {
            Node::Include(file) => out.extend(file.path.as_deref()),
            Node::Element(el) => collect_includes(&el.children, out),
            Node::Fragment(children) => collect_includes(children, out),
            Node::If(chain) => {
                for b in &chain.branches {
                    collect_includes(std::slice::from_ref(&b.node), out);
                }
            }
            Node::For(l) => collect_includes(std::slice::from_ref(&l.body), out),
            Node::Text(_) | Node::Call(_) => {}
        }
    }
}
