//! What WeChat's `wcc` refuses although our parser reads it: JavaScript operators and literals
//! outside WeChat's expression language, nested `}}`, brace-less objects outside
//! `<template data>`, line breaks in quoted values. Each is an error (`wxml::not-in-wechat`),
//! because the template would not compile in WeChat; the page still renders it with
//! JavaScript's meaning.

use super::ast::{
    ArrayItem, Attribute, BinaryOp, Element, Expr, ExprKind, Node, Part, Property, Template,
    UnaryOp, Value,
};
use crate::source::{codes, Diagnostic};

/// Checks every binding and quoted value of `template` (parsed from `source`).
pub fn check(template: &Template, source: &str) -> Vec<Diagnostic> {
    let mut checker = Checker {
        path: &template.path,
        source,
        out: Vec::new(),
    };
    checker.nodes(&template.children);
    checker.out
}

struct Checker<'a> {
    path: &'a str,
    source: &'a str,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, span: std::ops::Range<usize>, what: &str, hint: &str) {
        self.out.push(
            Diagnostic::of(
                codes::WXML_NOT_IN_WECHAT,
                format!("WeChat's template compiler rejects {what}"),
            )
            .in_file(self.path)
            .with_span(span)
            .with_label("not in WeChat's expression language")
            .with_hint(hint.to_string()),
        );
    }

    /// Reports an operator `wcc` lacks (`name` is `None` for the ones it has).
    fn operator(&mut self, expr: &Expr, name: Option<&str>) {
        if let Some(name) = name {
            self.report(
                expr.span.clone(),
                name,
                "compute the value in the page's data or a WXS module",
            );
        }
    }

    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            match node {
                Node::Element(el) => self.element(el),
                Node::Text(text) => self.value(&text.value, false),
                Node::Comment(_) => {}
            }
        }
    }

    fn element(&mut self, el: &Element) {
        let template_data = el.name == "template";
        for attr in &el.attributes {
            self.attribute(attr, template_data && attr.name == "data");
        }
        if el.name != "wxs" {
            self.nodes(&el.children);
        }
    }

    fn attribute(&mut self, attr: &Attribute, template_data: bool) {
        let Some(value) = &attr.value else { return };
        if value.raw.contains('\n') && self.quoted(&value.span) {
            self.report(
                value.span.clone(),
                "a line break inside a quoted attribute value",
                "write the value on one line",
            );
        }
        self.value(value, template_data);
    }

    /// Whether the value at `span` sits between quotes in the source.
    fn quoted(&self, span: &std::ops::Range<usize>) -> bool {
        span.start > 0
            && matches!(
                self.source.as_bytes().get(span.start - 1),
                Some(b'"' | b'\'')
            )
    }

    fn value(&mut self, value: &Value, template_data: bool) {
        for part in &value.parts {
            let Part::Binding { expr, span } = part else {
                continue;
            };
            let inner = self
                .source
                .get(span.start + 2..span.end.saturating_sub(2))
                .unwrap_or_default();
            let through_end = self
                .source
                .get(span.start + 2..span.end)
                .unwrap_or_default();
            if closes_early(through_end) {
                self.report(
                    span.clone(),
                    "`}}` inside a binding (it ends the binding there)",
                    "put a space between closing braces: `} }}`, or move the object into data",
                );
                continue;
            }
            if template_data {
                let trimmed = inner.trim();
                if trimmed.is_empty() {
                    self.report(
                        span.clone(),
                        "an empty `data` binding on `<template>`",
                        "remove `data`, or pass fields: data=\"{{a, b: 1}}\"",
                    );
                } else if trimmed.starts_with('{') {
                    self.report(
                        span.clone(),
                        "braces around `<template data>`",
                        "write the fields without braces: data=\"{{a: 1, ...item}}\"",
                    );
                }
            } else if matches!(expr.kind, ExprKind::Object(_))
                && !inner.trim_start().starts_with('{')
            {
                self.report(
                    span.clone(),
                    "an object without braces outside `<template data>`",
                    "wrap the object in braces: {{ {a: 1} }}",
                );
            }
            self.expr(expr);
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Number(_) => {
                let text = self.source.get(expr.span.clone()).unwrap_or_default();
                if text.contains(['x', 'X', 'e', 'E', 'o', 'O', 'b', 'B', '_']) {
                    self.report(
                        expr.span.clone(),
                        "this number literal",
                        "write the number in plain decimal",
                    );
                }
            }
            ExprKind::Member { object, .. } | ExprKind::Index { object, .. } => {
                if matches!(object.kind, ExprKind::String(_)) {
                    self.report(
                        expr.span.clone(),
                        "member access on a string literal",
                        "compute the value in the page's data",
                    );
                }
                self.expr(object);
                if let ExprKind::Index { index, .. } = &expr.kind {
                    self.expr(index);
                }
            }
            ExprKind::Call { callee, args } => {
                self.expr(callee);
                args.iter().for_each(|a| self.expr(a));
            }
            ExprKind::Unary { op, argument } => {
                let name = match op {
                    UnaryOp::Plus => Some("unary `+`"),
                    UnaryOp::TypeOf => Some("`typeof`"),
                    UnaryOp::Void => Some("`void`"),
                    _ => None,
                };
                self.operator(expr, name);
                self.expr(argument);
            }
            ExprKind::Binary { op, left, right } => {
                let name = match op {
                    BinaryOp::In => Some("the `in` operator"),
                    BinaryOp::InstanceOf => Some("`instanceof`"),
                    BinaryOp::Nullish => Some("`??`"),
                    BinaryOp::UShr => Some("`>>>`"),
                    _ => None,
                };
                self.operator(expr, name);
                self.expr(left);
                self.expr(right);
            }
            ExprKind::Conditional {
                test,
                consequent,
                alternate,
            } => {
                self.expr(test);
                self.expr(consequent);
                self.expr(alternate);
            }
            ExprKind::Array(items) => {
                let text = self.source.get(expr.span.clone()).unwrap_or_default();
                let trailing_comma = text
                    .trim_end()
                    .strip_suffix(']')
                    .is_some_and(|t| t.trim_end().ends_with(','));
                for item in items {
                    match item {
                        ArrayItem::Item(e) => self.expr(e),
                        ArrayItem::Spread(e) => {
                            self.report(
                                e.span.clone(),
                                "spread in an array literal",
                                "build the array in the page's data",
                            );
                            self.expr(e);
                        }
                        ArrayItem::Hole => {}
                    }
                }
                if trailing_comma || items.iter().any(|i| matches!(i, ArrayItem::Hole)) {
                    self.report(
                        expr.span.clone(),
                        "an empty slot or a trailing comma in an array literal",
                        "remove the extra comma",
                    );
                }
            }
            ExprKind::Object(props) => {
                for prop in props {
                    match prop {
                        Property::KeyValue { value, .. } => self.expr(value),
                        Property::Spread(e) => self.expr(e),
                        Property::Shorthand { .. } => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether a binding's text after `{{` (closing `}}` included) has an earlier `}}` outside
/// string literals: `wcc` ends the binding at the first one.
fn closes_early(text: &str) -> bool {
    let Some(inner) = text.strip_suffix("}}") else {
        return false;
    };
    let mut tail = inner.chars().rev().take_while(|c| *c == '}');
    // `{{!{}}}`: a `}` right before the closing pair pairs with it first.
    if tail.next().is_some() {
        return true;
    }
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut previous_brace = false;
    for c in inner.chars() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                previous_brace = false;
            }
            '}' if previous_brace => return true,
            '}' => previous_brace = true,
            _ => previous_brace = false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::source::codes;

    fn codes(source: &str) -> Vec<String> {
        let parsed = crate::template::parse::parse("t.wxml", source);
        parsed
            .diagnostics
            .iter()
            .filter(|d| d.code == codes::WXML_NOT_IN_WECHAT.name)
            .map(|d| source[d.span.clone().unwrap_or(0..0)].to_string())
            .collect()
    }

    #[test]
    fn javascript_only_operators_are_errors_at_their_span() {
        assert_eq!(codes("<view>{{ typeof a }}</view>"), ["typeof a"]);
        assert_eq!(codes("<view>{{ a ?? b }}</view>"), ["a ?? b"]);
        assert_eq!(codes("<view>{{ +s }}</view>"), ["+s"]);
        assert_eq!(codes("<view>{{ 'a' in b }}</view>"), ["'a' in b"]);
    }

    #[test]
    fn hex_and_exponent_numbers_are_errors_but_decimals_are_not() {
        assert_eq!(codes("<view>{{ 0x10 + 1e3 }}</view>"), ["0x10", "1e3"]);
        assert!(codes("<view>{{ 1.5 + .5 + 10 }}</view>").is_empty());
    }

    #[test]
    fn closing_braces_inside_a_binding_but_not_inside_strings() {
        assert_eq!(codes("<view>{{ {a: {b: 1}} }}</view>").len(), 1);
        assert!(codes("<view>{{ '}}' }}</view>").is_empty());
        assert!(codes("<view>{{ {a: {b: 1} } }}</view>").is_empty());
        assert_eq!(codes("<view>{{!{}}}</view>").len(), 1);
    }

    #[test]
    fn template_data_takes_fields_without_braces() {
        assert!(codes("<template is=\"t\" data=\"{{...item, a: 1}}\"/>").is_empty());
        assert_eq!(codes("<template is=\"t\" data=\"{{ {a: 1} }}\"/>").len(), 1);
        assert_eq!(codes("<template is=\"t\" data=\"{{}}\"/>").len(), 1);
        assert_eq!(codes("<view>{{ a: 1 }}</view>").len(), 1);
    }

    #[test]
    fn array_spread_holes_and_trailing_commas_are_errors() {
        assert_eq!(codes("<view>{{ [...a] }}</view>"), ["a"]);
        assert_eq!(codes("<view>{{ [1,][0] }}</view>"), ["[1,]"]);
        assert!(codes("<view>{{ [1, 2] }}</view>").is_empty());
    }

    #[test]
    fn line_break_in_a_quoted_value_is_an_error() {
        assert_eq!(codes("<view class=\"a\n b\"/>").len(), 1);
        assert!(codes("<view class=\"a b\"/>").is_empty());
    }

    #[test]
    fn string_literal_member_access_is_an_error() {
        assert_eq!(codes("<view>{{ 'ab'.length }}</view>"), ["'ab'.length"]);
        assert!(codes("<view>{{ s.length }}</view>").is_empty());
    }
}
