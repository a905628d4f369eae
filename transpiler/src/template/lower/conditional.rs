//! `wx:if` / `wx:elif` / `wx:else` (also on `<block>`): consecutive siblings form one
//! chain. Comments and whitespace-only text between them do not break it; other text or an
//! element without a directive does, and a `wx:elif`/`wx:else` with no chain to join is an
//! error (as in `wcc`) and the element is left out.

use crate::source::{codes, Diagnostic};
use crate::template::ir::{Branch, IfChain, Node};
use crate::template::parse::ast::{Element, Expr, ExprKind};

/// The conditional directive of an element.
#[derive(Debug, Clone, PartialEq)]
pub enum Directive {
    If(Expr),
    Elif(Expr),
    Else,
}

/// The element's conditional directive; `wx:if` on an element with `wx:for` is not one
/// (the loop tests it per item).
pub fn directive(element: &Element) -> Option<Directive> {
    let test = |name: &str| {
        element.attribute(name).map(|a| match &a.value {
            Some(value) => super::repeat::value_expr(value),
            None => Expr {
                kind: ExprKind::Bool(true),
                span: a.span.clone(),
            },
        })
    };
    if super::repeat::has_loop(element) {
        return None;
    }
    if let Some(expr) = test("wx:if") {
        Some(Directive::If(expr))
    } else if let Some(expr) = test("wx:elif") {
        Some(Directive::Elif(expr))
    } else if element.attribute("wx:else").is_some() {
        Some(Directive::Else)
    } else {
        None
    }
}

/// Collects sibling chains while the caller walks a list of children.
#[derive(Default)]
pub struct Chains {
    open: Option<IfChain>,
}

impl Chains {
    /// Closes the open chain, if any, into `out`.
    pub fn flush(&mut self, out: &mut Vec<Node>) {
        if let Some(chain) = self.open.take() {
            out.push(Node::If(chain));
        }
    }

    /// Adds a branch for an element with `directive`; `node` is the element lowered
    /// without it. Returns the diagnostic of a branch that has no chain to join.
    pub fn add(
        &mut self,
        directive: Directive,
        node: Node,
        element: &Element,
        path: &str,
        out: &mut Vec<Node>,
    ) -> Option<Diagnostic> {
        let span = element.span.clone();
        match directive {
            Directive::If(test) => {
                self.flush(out);
                self.open = Some(IfChain {
                    branches: vec![Branch {
                        test: Some(test),
                        node,
                        span,
                    }],
                });
                None
            }
            Directive::Elif(_) | Directive::Else => {
                let is_else = matches!(directive, Directive::Else);
                let test = match directive {
                    Directive::Elif(test) => Some(test),
                    _ => None,
                };
                let Some(chain) = self.open.as_mut() else {
                    return Some(stray(element, path, is_else));
                };
                chain.branches.push(Branch { test, node, span });
                if is_else {
                    self.flush(out);
                }
                None
            }
        }
    }
}

fn stray(element: &Element, path: &str, is_else: bool) -> Diagnostic {
    let name = if is_else { "wx:else" } else { "wx:elif" };
    let span = element
        .attribute(name)
        .map_or(element.start_tag.clone(), |a| a.span.clone());
    Diagnostic::of(
        codes::WXML_STRAY_ELSE,
        format!("`{name}` does not follow an element with `wx:if` or `wx:elif`"),
    )
    .in_file(path)
    .with_span(span)
    .with_label("no `wx:if` before this")
    .with_hint("put it right after the `wx:if` element (only comments may come between); the element is left out")
}
