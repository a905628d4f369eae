//! Text runs and attribute values: whitespace-only text is dropped (as `wcc` does), other
//! text is kept as written; a value that is exactly one `{{ }}` keeps its type.

use crate::template::ir::{AttrValue, TextNode, TextPart};
use crate::template::parse::ast::{Attribute, Part, Text, Value};

/// The text node for `text`, or `None` when it is whitespace only.
pub fn lower_text(text: &Text) -> Option<TextNode> {
    let blank = text.value.parts.iter().all(|p| match p {
        Part::Static { text, .. } => text.trim().is_empty(),
        Part::Binding { .. } => false,
    });
    if blank {
        return None;
    }
    Some(TextNode {
        parts: parts(&text.value),
        span: text.span.clone(),
    })
}

/// Static pieces and bindings of `value`, in order.
pub fn parts(value: &Value) -> Vec<TextPart> {
    value
        .parts
        .iter()
        .map(|p| match p {
            Part::Static { text, .. } => TextPart::Static(text.clone()),
            Part::Binding { expr, .. } => TextPart::Binding(expr.clone()),
        })
        .collect()
}

/// The value of an attribute: `true` without `=`, typed for a single binding, else text.
pub fn attr_value(attr: &Attribute) -> AttrValue {
    match &attr.value {
        None => AttrValue::True,
        Some(value) => value_of(value),
    }
}

pub fn value_of(value: &Value) -> AttrValue {
    if let Some(text) = value.static_text() {
        return AttrValue::Static(text.to_string());
    }
    if let Some(expr) = value.single_binding() {
        return AttrValue::Expr(expr.clone());
    }
    AttrValue::Concat(parts(value))
}

/// The attribute's static text, if it has no binding (`""` without `=`).
pub fn static_text(attr: &Attribute) -> Option<&str> {
    match &attr.value {
        None => Some(""),
        Some(value) => value.static_text(),
    }
}
