//! The walk from one file's syntax tree to its [`Module`]: siblings are grouped into
//! conditional chains, loops wrap elements, special tags become template definitions,
//! calls, imports, includes and WXS declarations.

pub mod attrs;
pub mod conditional;
pub mod repeat;
pub mod template;
pub mod text;

use super::ir::{Element, ForLoop, IfChain, Module, Node};
use super::parse::ast;
use crate::source::{codes, Diagnostic};
use crate::wechat::tags::{is_builtin, is_html, web_support, WebSupport};
use conditional::{directive, Chains};

/// Tags that are neither built-in components nor custom ones but mean something to WXML.
const SPECIAL_TAGS: &[&str] = &["block", "template", "import", "include", "wxs", "slot"];

/// Lowers the file `template`; `is_custom(tag)` tells the custom component tags the file
/// may use (other unknown tags are kept, with a warning).
pub fn lower(template: &ast::Template, is_custom: &dyn Fn(&str) -> bool) -> Module {
    let mut lowering = Lowering {
        module: Module {
            path: template.path.clone(),
            root: Vec::new(),
            templates: Vec::new(),
            imports: Vec::new(),
            wxs: Vec::new(),
            diagnostics: Vec::new(),
        },
        is_custom,
        warned: Vec::new(),
    };
    let root = lowering.children(&template.children);
    lowering.module.root = root;
    lowering.module
}

struct Lowering<'a> {
    module: Module,
    is_custom: &'a dyn Fn(&str) -> bool,
    /// The built-ins with less than full web support already reported in this file (once each).
    warned: Vec<String>,
}

impl Lowering<'_> {
    fn path(&self) -> String {
        self.module.path.clone()
    }

    fn children(&mut self, nodes: &[ast::Node]) -> Vec<Node> {
        let mut out = Vec::new();
        let mut chains = Chains::default();
        for node in nodes {
            match node {
                ast::Node::Comment(_) => {}
                ast::Node::Text(t) => {
                    if let Some(text) = text::lower_text(t) {
                        chains.flush(&mut out);
                        out.push(Node::Text(text));
                    }
                }
                ast::Node::Element(el) if repeat::has_loop(el) && has_else(el) => {
                    let path = self.path();
                    self.module.diagnostics.push(else_with_for(el, &path));
                }
                ast::Node::Element(el) => match directive(el) {
                    Some(d) => {
                        let node = self
                            .element(el)
                            .unwrap_or_else(|| Node::Fragment(Vec::new()));
                        let path = self.path();
                        if let Some(diag) = chains.add(d, node, el, &path, &mut out) {
                            self.module.diagnostics.push(diag);
                        }
                    }
                    None => {
                        // Definitions (`<template name>`, `<import>`, `<wxs>`) do not
                        // break a chain: wcc strips them before it pairs branches.
                        if let Some(node) = self.element(el) {
                            chains.flush(&mut out);
                            out.push(node);
                        }
                    }
                },
            }
        }
        chains.flush(&mut out);
        out
    }

    /// The element with its loop, if any (a `wx:if` on it goes inside the loop).
    fn element(&mut self, el: &ast::Element) -> Option<Node> {
        if !repeat::has_loop(el) {
            return self.plain(el);
        }
        let mut body = self.plain(el).unwrap_or_else(|| Node::Fragment(Vec::new()));
        if let Some(attr) = el.attribute("wx:if") {
            let test = match &attr.value {
                Some(v) => repeat::value_expr(v),
                None => ast::Expr {
                    kind: ast::ExprKind::Bool(true),
                    span: attr.span.clone(),
                },
            };
            body = Node::If(IfChain {
                branches: vec![super::Branch {
                    test: Some(test),
                    node: body,
                    span: el.span.clone(),
                }],
            });
        }
        Some(Node::For(Box::new(ForLoop {
            list: repeat::list(el),
            item: repeat::name(el, "wx:for-item", "item"),
            index: repeat::name(el, "wx:for-index", "index"),
            key: repeat::key(el),
            body,
            span: el.span.clone(),
        })))
    }

    /// The element itself, without its directives.
    fn plain(&mut self, el: &ast::Element) -> Option<Node> {
        let path = self.path();
        match el.name.as_str() {
            "block" => Some(Node::Fragment(self.children(&el.children))),
            "template" => {
                if let Some(call) = template::call(el) {
                    return Some(Node::Call(call));
                }
                let name = el.attribute("name").and_then(text::static_text);
                match name.map(str::trim).filter(|n| !n.is_empty()) {
                    Some(name) => {
                        let name = name.to_string();
                        let children = self.children(&el.children);
                        self.module.templates.push(super::TemplateDef {
                            name,
                            children,
                            span: el.span.clone(),
                        });
                    }
                    None => self.module.diagnostics.push(
                        Diagnostic::of(
                            codes::WXML_TEMPLATE_WITHOUT_NAME,
                            "`<template>` has neither `name` nor `is`",
                        )
                        .in_file(path)
                        .with_span(el.start_tag.clone())
                        .with_hint(
                            "define with `name=\"x\"` or call with `is=\"x\"`; it is left out",
                        ),
                    ),
                }
                None
            }
            "import" => {
                match template::src(el, &path) {
                    Ok(src) => self.module.imports.push(src),
                    Err(d) => self.module.diagnostics.push(*d),
                }
                None
            }
            "include" => match template::src(el, &path) {
                Ok(src) => Some(Node::Include(src)),
                Err(d) => {
                    self.module.diagnostics.push(*d);
                    None
                }
            },
            "wxs" => {
                match template::wxs(el, &path) {
                    Ok(wxs) => self.module.wxs.push(wxs),
                    Err(d) => self.module.diagnostics.push(*d),
                }
                None
            }
            tag => {
                if !is_builtin(tag)
                    && !is_html(tag)
                    && !SPECIAL_TAGS.contains(&tag)
                    && !(self.is_custom)(tag)
                {
                    self.module.diagnostics.push(unknown_tag(el, &path));
                } else if let Some(support) = web_support(tag).filter(|_| !(self.is_custom)(tag)) {
                    if !self.warned.iter().any(|t| t == tag) {
                        self.warned.push(tag.to_string());
                        self.module
                            .diagnostics
                            .push(partial_tag(el, &path, support));
                    }
                }
                let mut element = Element {
                    tag: tag.to_string(),
                    attrs: Vec::new(),
                    class: None,
                    style: None,
                    dataset: Vec::new(),
                    marks: Vec::new(),
                    events: Vec::new(),
                    models: Vec::new(),
                    generics: Vec::new(),
                    slot: None,
                    children: Vec::new(),
                    span: el.span.clone(),
                };
                attrs::lower_attributes(
                    &path,
                    &el.attributes,
                    &mut element,
                    &mut self.module.diagnostics,
                );
                element.children = self.children(&el.children);
                Some(Node::Element(Box::new(element)))
            }
        }
    }
}

fn has_else(el: &ast::Element) -> bool {
    el.attribute("wx:else").is_some() || el.attribute("wx:elif").is_some()
}

fn else_with_for(el: &ast::Element, path: &str) -> Diagnostic {
    let attr = el.attribute("wx:else").or_else(|| el.attribute("wx:elif"));
    Diagnostic::of(
        codes::WXML_ELSE_WITH_FOR,
        "`wx:else`/`wx:elif` cannot be on an element with `wx:for` (WeChat refuses it)",
    )
    .in_file(path)
    .with_span(attr.map_or(el.start_tag.clone(), |a| a.span.clone()))
    .with_label("on a `wx:for` element")
    .with_hint("wrap the loop in `<block wx:else>`; the element is left out")
}

fn unknown_tag(el: &ast::Element, path: &str) -> Diagnostic {
    Diagnostic::of(
        codes::WXML_UNKNOWN_TAG,
        format!("`<{}>` is not a built-in component nor one listed in usingComponents", el.name),
    )
    .in_file(path)
    .with_span(el.name_span.clone())
    .with_label("unknown tag")
    .with_hint("add it to `usingComponents` in the page's or component's .json; it is kept as a plain element")
}

fn partial_tag(el: &ast::Element, path: &str, support: WebSupport) -> Diagnostic {
    let (code, msg, label, hint) = match support {
        WebSupport::Nothing => (
            codes::WXML_SERVICE_TAG,
            format!("`<{}>` needs WeChat's own services; it renders nothing here", el.name),
            "renders nothing",
            "wrap it in `wx:if` on a flag your app sets outside WeChat, or leave it: the page lays out as if it were absent",
        ),
        WebSupport::Skyline => (
            codes::WXML_SKYLINE_TAG,
            format!("`<{}>` is a Skyline tag; it is drawn with the nearest web layout", el.name),
            "Skyline only",
            "its layout and pointer events carry over; worklet animations and gesture negotiation do not (README: built-ins)",
        ),
    };
    Diagnostic::of(code, msg)
        .in_file(path)
        .with_span(el.name_span.clone())
        .with_label(label)
        .with_hint(hint)
}
