//! The project's templates as one program: every `.wxml` parsed and lowered once, in
//! parallel (rayon), then `import`, `include` and `<wxs src>` resolved across files (a path
//! that leaves the project root is refused) and static template names checked.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::ir::{AttrValue, FileRef, Module, Node, WxsSource};
use super::parse as wxml;
use crate::project::Project;
use crate::source::{
    codes::{self, Code},
    guard_file, on_big_stack, Diagnostic, FileSet,
};

/// Every template module of a project, by `.wxml` path.
#[derive(Debug, Clone, Default)]
pub struct Program {
    pub modules: BTreeMap<String, Module>,
}

impl Program {
    /// Diagnostics of every module, in path order.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.modules.values().flat_map(|m| m.diagnostics.iter())
    }
}

/// Parses, lowers and links every `.wxml` file of `project`; each file is parsed and lowered
/// under the file guard ([`guard_file`]: the size limit, and a panic left to that file, which
/// then renders nothing).
pub fn link(project: &Project) -> Program {
    let files = &project.files;
    let mut owners: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut all_tags: BTreeSet<&str> = BTreeSet::new();
    // A tag declared in usingComponents is known even when its component was not found
    // (the project unit reported that once, at the declaration).
    let global = project.app.iter().flat_map(|a| a.using_components.keys());
    let pages = project.pages.iter().map(|p| {
        let declared = p.config.using_components.keys().chain(global.clone());
        (&p.files.wxml, p.components.keys().chain(declared))
    });
    let components = project.components.values().map(|c| {
        let declared = c.config.using_components.keys().chain(global.clone());
        (&c.files.wxml, c.components.keys().chain(declared))
    });
    for (wxml, using) in pages.chain(components) {
        let tags: BTreeSet<&str> = using.map(String::as_str).collect();
        all_tags.extend(tags.iter().copied());
        if let Some(wxml) = wxml {
            owners.entry(wxml.as_str()).or_default().extend(tags);
        }
    }
    let paths: Vec<&str> = files.paths().filter(|p| p.ends_with(".wxml")).collect();
    let modules: Vec<Module> = paths
        .par_iter()
        .map(|path| {
            let source = files.text(path).unwrap_or_default();
            guard_file(path, source.len(), project.max_file_size(), || {
                on_big_stack(|| {
                    let parsed = wxml::parse(path, source);
                    let tags = owners.get(path).unwrap_or(&all_tags);
                    let mut module = super::lower(&parsed.template, &|tag| tags.contains(tag));
                    module.diagnostics.splice(0..0, parsed.diagnostics);
                    module
                })
            })
            .unwrap_or_else(|diagnostic| Module {
                path: path.to_string(),
                diagnostics: vec![*diagnostic],
                ..Module::default()
            })
        })
        .collect();
    let mut program = Program {
        modules: modules.into_iter().map(|m| (m.path.clone(), m)).collect(),
    };
    on_big_stack(|| resolve(&mut program, files));
    program
}

/// Resolves file references and checks static template names.
fn resolve(program: &mut Program, files: &FileSet) {
    for module in program.modules.values_mut() {
        let path = module.path.clone();
        let mut diags = Vec::new();
        for import in &mut module.imports {
            resolve_ref(import, &path, files, "wxml", "import", &mut diags);
        }
        for wxs in &mut module.wxs {
            match &mut wxs.source {
                WxsSource::File(src) => resolve_ref(src, &path, files, "wxs", "wxs", &mut diags),
                WxsSource::Inline(inline) => {
                    // Inline WXS obeys the same rules as `.wxs` files; it is compiled here,
                    // once, and printed from the result.
                    let compiled =
                        crate::wxs::compile_wxs(&path, &inline.code, inline.offset, files);
                    diags.extend(compiled.diagnostics.iter().cloned());
                    inline.compiled = Some(compiled);
                }
            }
        }
        let mut nodes: Vec<&mut Node> = module.root.iter_mut().collect();
        for t in &mut module.templates {
            nodes.extend(t.children.iter_mut());
        }
        for node in nodes {
            walk_includes(node, &path, files, &mut diags);
        }
        module.diagnostics.extend(diags);
    }
    let visible: BTreeMap<String, BTreeSet<String>> = program
        .modules
        .values()
        .map(|m| {
            let mut names: BTreeSet<String> = m.templates.iter().map(|t| t.name.clone()).collect();
            imported_names(program, m, &mut BTreeSet::new(), &mut names);
            (m.path.clone(), names)
        })
        .collect();
    for module in program.modules.values_mut() {
        let Some(names) = visible.get(&module.path) else {
            continue;
        };
        let mut diags = Vec::new();
        let nodes = module
            .root
            .iter()
            .chain(module.templates.iter().flat_map(|t| t.children.iter()));
        for node in nodes {
            check_calls(node, &module.path, names, &mut diags);
        }
        module.diagnostics.extend(diags);
    }
}

/// Names of the templates defined in the files `module` imports, and (recursively) those
/// the files it includes import: `include` carries imports, not definitions.
fn imported_names(
    program: &Program,
    module: &Module,
    seen: &mut BTreeSet<String>,
    names: &mut BTreeSet<String>,
) {
    if !seen.insert(module.path.clone()) {
        return;
    }
    for import in module.imports.iter().filter_map(|i| i.path.as_ref()) {
        if let Some(imported) = program.modules.get(import) {
            names.extend(imported.templates.iter().map(|t| t.name.clone()));
        }
    }
    let mut includes = Vec::new();
    root_includes(&module.root, &mut includes);
    for path in includes {
        if let Some(included) = program.modules.get(&path) {
            imported_names(program, included, seen, names);
        }
    }
}

fn root_includes(nodes: &[Node], out: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::Include(file) => out.extend(file.path.clone()),
            Node::Element(el) => root_includes(&el.children, out),
            Node::Fragment(children) => root_includes(children, out),
            Node::If(chain) => chain
                .branches
                .iter()
                .for_each(|b| root_includes(std::slice::from_ref(&b.node), out)),
            Node::For(l) => root_includes(std::slice::from_ref(&l.body), out),
            Node::Text(_) | Node::Call(_) => {}
        }
    }
}

/// Sets `file.path` to the file that `file.src` names (the extension may be left out).
fn resolve_ref(
    file: &mut FileRef,
    from: &str,
    files: &FileSet,
    ext: &str,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(base) = FileSet::resolve(from, &file.src) else {
        diags.push(
            Diagnostic::of(
                codes::WXML_PATH_OUTSIDE_ROOT,
                format!("`{}` leaves the mini-program's root", file.src),
            )
            .in_file(from)
            .with_span(file.span.clone())
            .with_label("outside the project")
            .with_hint(format!(
                "the `{what}` is left out; only files inside the mini-program can be used"
            )),
        );
        return;
    };
    let with_ext = format!("{base}.{ext}");
    let found = [base.clone(), with_ext]
        .into_iter()
        .find(|p| files.contains(p) && p.ends_with(&format!(".{ext}")));
    match found {
        Some(path) => file.path = Some(path),
        None => diags.push(
            Diagnostic::of(
                missing_code(what),
                format!("`{}` not found (looked for `{base}`)", file.src),
            )
            .in_file(from)
            .with_span(file.span.clone())
            .with_label("no such file")
            .with_hint(format!(
                "paths are relative to this file, or to the root when they start with `/`; the `{what}` is left out"
            )),
        ),
    }
}

fn missing_code(what: &str) -> Code {
    match what {
        "import" => codes::WXML_MISSING_IMPORT,
        "include" => codes::WXML_MISSING_INCLUDE,
        _ => codes::WXML_MISSING_WXS,
    }
}

fn walk_includes(node: &mut Node, from: &str, files: &FileSet, diags: &mut Vec<Diagnostic>) {
    match node {
        Node::Include(file) => resolve_ref(file, from, files, "wxml", "include", diags),
        Node::Element(el) => {
            for child in &mut el.children {
                walk_includes(child, from, files, diags);
            }
        }
        Node::Fragment(children) => {
            for child in children {
                walk_includes(child, from, files, diags);
            }
        }
        Node::If(chain) => {
            for branch in &mut chain.branches {
                walk_includes(&mut branch.node, from, files, diags);
            }
        }
        Node::For(l) => walk_includes(&mut l.body, from, files, diags),
        Node::Text(_) | Node::Call(_) => {}
    }
}

fn check_calls(node: &Node, from: &str, names: &BTreeSet<String>, diags: &mut Vec<Diagnostic>) {
    match node {
        Node::Call(call) => {
            if let AttrValue::Static(name) = &call.name {
                if !names.contains(name.trim()) {
                    diags.push(
                        Diagnostic::of(
                            codes::WXML_UNKNOWN_TEMPLATE,
                            format!("no template named `{}` is defined or imported here", name.trim()),
                        )
                        .in_file(from)
                        .with_span(call.span.clone())
                        .with_label("unknown template")
                        .with_hint("define it with `<template name>` in this file or in a file brought in with `<import>` (imports are not transitive); nothing is rendered"),
                    );
                }
            }
        }
        Node::Element(el) => el
            .children
            .iter()
            .for_each(|c| check_calls(c, from, names, diags)),
        Node::Fragment(children) => children
            .iter()
            .for_each(|c| check_calls(c, from, names, diags)),
        Node::If(chain) => chain
            .branches
            .iter()
            .for_each(|b| check_calls(&b.node, from, names, diags)),
        Node::For(l) => check_calls(&l.body, from, names, diags),
        Node::Text(_) | Node::Include(_) => {}
    }
}
