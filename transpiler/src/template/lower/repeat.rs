//! `wx:for` with `wx:for-item`, `wx:for-index` and `wx:key` (a property name or `*this`).
//! A `wx:if` on the same element is tested per item, inside the loop (WeChat's
//! precedence). What is iterated is decided at run time (arrays, objects, numbers,
//! strings; `null`/`undefined` give nothing): see `runtime-shim/src/render/values.js`.

use super::text::value_of;
use crate::template::ir::{AttrValue, LoopKey};
use crate::template::parse::ast::{Element, Expr, ExprKind, Value};

/// Whether the element repeats (`wx:for`, or the old `wx:for-items`).
pub fn has_loop(element: &Element) -> bool {
    element.attribute("wx:for").is_some() || element.attribute("wx:for-items").is_some()
}

/// The list attribute of a loop.
pub fn list(element: &Element) -> AttrValue {
    let attr = element
        .attribute("wx:for")
        .or_else(|| element.attribute("wx:for-items"));
    match attr.and_then(|a| a.value.as_ref()) {
        Some(value) => value_of(value),
        None => AttrValue::Static(String::new()),
    }
}

/// A static directive value (`wx:for-item="x"`), `default` when absent or empty.
pub fn name(element: &Element, attr: &str, default: &str) -> String {
    element
        .attribute(attr)
        .and_then(|a| a.value.as_ref())
        .and_then(Value::static_text)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(default)
        .to_string()
}

/// `wx:key`: `*this`, or a property name (a binding is read as `*this`, as `wcc` does
/// not evaluate it either).
pub fn key(element: &Element) -> Option<LoopKey> {
    let value = element.attribute("wx:key")?.value.as_ref()?;
    match value.static_text().map(str::trim) {
        Some("") => None,
        Some("*this") => Some(LoopKey::This),
        Some(prop) => Some(LoopKey::Property(prop.to_string())),
        None => Some(LoopKey::This),
    }
}

/// The expression of a directive value such as `wx:if="{{x}}"`. Text around or without a
/// binding is a string (`wx:if="false"` is the non-empty string, hence true, as in WeChat).
pub fn value_expr(value: &Value) -> Expr {
    match value_of(value) {
        AttrValue::Expr(expr) => expr,
        AttrValue::Static(text) => Expr {
            kind: ExprKind::String(text),
            span: value.span.clone(),
        },
        AttrValue::True => Expr {
            kind: ExprKind::Bool(true),
            span: value.span.clone(),
        },
        AttrValue::Concat(_) => Expr {
            // Mixed text is never empty, so it is truthy.
            kind: ExprKind::Bool(true),
            span: value.span.clone(),
        },
    }
}
