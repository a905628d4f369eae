//! IR nodes → JavaScript expressions that build vnodes. Each node compiles to an expression:
//! an element to `$.h(tag, props, children)`, a conditional to a `?:` chain, a loop to
//! `$.each(list, (item, index) => body, key)`, a template call to `$.call(…)`, an include
//! to `$.include(…)`. `h` flattens nested arrays and drops `null`, so fragments are arrays.
//! Subtrees without bindings are hoisted: built once, on first use, into `$s[n]`.

use std::collections::BTreeMap;

use super::expr::{attr, attr_string, concat, expr, string, Env};
use super::helpers::{CLASS, EACH, ELEMENT, INCLUDE, SCOPE, TEMPLATE};
use crate::template::ir::{AttrValue, Element, LoopKey, Node, TextPart};

/// Code generation state of one module.
pub struct Gen<'a> {
    pub env: Env,
    /// How many static vnodes were hoisted (each is built once, into `$s[n]`).
    pub hoisted: usize,
    /// Inside a hoisted subtree (its descendants are not hoisted apart).
    pub in_static: bool,
    /// Nesting depth of children lists (for indentation only).
    pub depth: usize,
    /// JS names of imported template modules, by `.wxml` path.
    pub modules: &'a BTreeMap<String, String>,
    /// The file being compiled (for runtime warnings).
    pub file: &'a str,
}

impl Gen<'_> {
    /// A JS array expression of `nodes`.
    /// One line when short; else one child per line, indented by nesting depth.
    pub fn children(&mut self, nodes: &[Node]) -> String {
        self.depth += 1;
        let items: Vec<String> = nodes.iter().map(|n| self.node(n)).collect();
        self.depth -= 1;
        let short = items.iter().map(String::len).sum::<usize>() < 60
            && !items.iter().any(|i| i.contains('\n'));
        if items.len() < 2 || short {
            return format!("[{}]", items.join(", "));
        }
        let pad = "  ".repeat(self.depth + 2);
        let close = "  ".repeat(self.depth + 1);
        format!("[\n{pad}{}\n{close}]", items.join(&format!(",\n{pad}")))
    }

    pub fn node(&mut self, node: &Node) -> String {
        match node {
            Node::Text(text) => concat(&text.parts, &self.env),
            Node::Element(el) => self.element(el),
            Node::Fragment(children) => self.children(children),
            Node::If(chain) => {
                let mut out = String::from("(");
                for branch in &chain.branches {
                    let body = self.node(&branch.node);
                    match &branch.test {
                        Some(test) => {
                            out.push_str(&format!("{} ? {body} : ", expr(test, &self.env)));
                        }
                        None => {
                            out.push_str(&body);
                            out.push(')');
                            return out;
                        }
                    }
                }
                out.push_str("null)");
                out
            }
            Node::For(l) => {
                let depth = self.env.locals.len() / 2;
                let (item, index) = (
                    format!("{}{depth}", ident(&l.item)),
                    format!("{}{depth}", ident(&l.index)),
                );
                let list = attr(&l.list, &self.env);
                self.env.locals.push((l.index.clone(), index.clone()));
                self.env.locals.push((l.item.clone(), item.clone()));
                let body = self.node(&l.body);
                self.env.locals.truncate(self.env.locals.len() - 2);
                let key = match &l.key {
                    None => String::new(),
                    Some(LoopKey::This) => ", \"*this\"".into(),
                    Some(LoopKey::Property(p)) => format!(", {}", string(p)),
                };
                format!("$.{EACH}({list}, ({item}, {index}) => {body}{key})")
            }
            Node::Call(call) => {
                let name = match &call.name {
                    AttrValue::Static(s) => string(s.trim()),
                    other => attr_string(other, &self.env),
                };
                let data = call
                    .data
                    .as_ref()
                    .map_or("undefined".into(), |d| expr(d, &self.env));
                format!("$.{TEMPLATE}(T(), {name}, {data}, {})", string(self.file))
            }
            Node::Include(file) => {
                let Some(module) = file.path.as_ref().and_then(|p| self.modules.get(p)) else {
                    return "null".into();
                };
                format!("$.{INCLUDE}({module}.include, {})", self.scope())
            }
        }
    }

    /// The data an include renders with: the scope, plus this file's WXS modules and the
    /// loop variables around the include (the included content sees them as if inlined).
    fn scope(&self) -> String {
        if self.env.locals.is_empty() && self.env.wxs.is_empty() {
            return "d".into();
        }
        let locals: Vec<String> = self
            .env
            .wxs
            .iter()
            .chain(&self.env.locals)
            .map(|(name, js)| format!("{}: {js}", string(name)))
            .collect();
        format!("$.{SCOPE}(d, {{{}}})", locals.join(", "))
    }

    fn element(&mut self, el: &Element) -> String {
        if self.in_static || !is_static_element(el) {
            return self.element_code(el);
        }
        self.in_static = true;
        let code = self.element_code(el);
        self.in_static = false;
        let n = self.hoisted;
        self.hoisted += 1;
        format!("($s[{n}] || ($s[{n}] = {code}))")
    }

    fn element_code(&mut self, el: &Element) -> String {
        let env = &self.env;
        let mut props: Vec<String> = Vec::new();
        let object = |list: &[(String, AttrValue)], env: &Env| {
            let fields: Vec<String> = list
                .iter()
                .map(|(k, v)| format!("{}: {}", string(k), attr(v, env)))
                .collect();
            format!("{{{}}}", fields.join(", "))
        };
        if !el.attrs.is_empty() {
            props.push(format!("attrs: {}", object(&el.attrs, env)));
        }
        if let Some(class) = &el.class {
            let class = match class {
                AttrValue::Expr(e) => format!("$.{CLASS}({})", expr(e, env)),
                other => attr_string(other, env),
            };
            props.push(format!("class: {class}"));
        }
        if let Some(style) = &el.style {
            props.push(format!("style: {}", attr_string(style, env)));
        }
        if !el.dataset.is_empty() {
            props.push(format!("dataset: {}", object(&el.dataset, env)));
        }
        if !el.marks.is_empty() {
            props.push(format!("mark: {}", object(&el.marks, env)));
        }
        if !el.events.is_empty() {
            let events: Vec<String> = el
                .events
                .iter()
                .map(|e| {
                    format!(
                        "{{kind: {}, name: {}, handler: {}}}",
                        string(e.kind.as_str()),
                        string(&e.name),
                        attr(&e.handler, env)
                    )
                })
                .collect();
            props.push(format!("events: [{}]", events.join(", ")));
        }
        if !el.models.is_empty() {
            let models: Vec<String> = el
                .models
                .iter()
                .map(|m| format!("{}: {}", string(&m.prop), string(&m.path)))
                .collect();
            props.push(format!("model: {{{}}}", models.join(", ")));
        }
        if !el.generics.is_empty() {
            let generics: Vec<String> = el
                .generics
                .iter()
                .map(|(k, v)| format!("{}: {}", string(k), string(v)))
                .collect();
            props.push(format!("generic: {{{}}}", generics.join(", ")));
        }
        if let Some(slot) = &el.slot {
            props.push(format!("slot: {}", attr_string(slot, env)));
        }
        let children = self.children(&el.children);
        format!(
            "$.{ELEMENT}({}, {{{}}}, {children})",
            string(&el.tag),
            props.join(", ")
        )
    }
}

/// A JS identifier made from a template name (loop variables may be any name WeChat
/// accepts; the depth suffix keeps nested loops apart).
fn ident(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    out.insert(0, '_');
    out
}

/// Whether the element and its subtree have no binding at all (only then is it hoisted).
fn is_static_element(el: &Element) -> bool {
    let values = el
        .attrs
        .iter()
        .chain(&el.dataset)
        .chain(&el.marks)
        .map(|(_, v)| v)
        .chain(el.class.iter())
        .chain(el.style.iter())
        .chain(el.slot.iter())
        .chain(el.events.iter().map(|e| &e.handler));
    for value in values {
        if !value.is_static() {
            return false;
        }
    }
    el.models.is_empty() && el.children.iter().all(is_static_node)
}

fn is_static_node(node: &Node) -> bool {
    match node {
        Node::Text(t) => t.parts.iter().all(|p| matches!(p, TextPart::Static(_))),
        Node::Element(el) => is_static_element(el),
        Node::Fragment(children) => children.iter().all(is_static_node),
        _ => false,
    }
}
