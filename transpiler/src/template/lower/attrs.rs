//! Attributes of an element: `class`, `style`, `data-*` (WeChat's dataset names), events
//! (`bind`, `catch`, `capture-bind`, `capture-catch`, `mut-bind`, with or without `:`),
//! `model:`, `mark:`, `generic:`, `slot`; everything else is a plain attribute.

use super::text::{attr_value, static_text};
use crate::source::{codes, Diagnostic};
use crate::template::ir::{AttrValue, Element, Event, EventKind, Model};
use crate::template::parse::ast::{self, Expr, ExprKind};

/// Event prefixes, longest first so `capture-bind:` is not read as `bind`.
const EVENT_PREFIXES: &[(&str, EventKind)] = &[
    ("capture-catch", EventKind::CaptureCatch),
    ("capture-bind", EventKind::CaptureBind),
    ("mut-bind", EventKind::MutBind),
    ("catch", EventKind::Catch),
    ("bind", EventKind::Bind),
];

/// Whether `name` is a directive handled elsewhere (`wx:if`, `wx:for`, …).
pub fn is_directive(name: &str) -> bool {
    name.starts_with("wx:")
}

/// The event kind and name of an attribute such as `bindtap` or `capture-bind:touchstart`.
pub fn event_name(attr: &str) -> Option<(EventKind, &str)> {
    EVENT_PREFIXES.iter().find_map(|(prefix, kind)| {
        let rest = attr.strip_prefix(prefix)?;
        let name = rest.strip_prefix(':').unwrap_or(rest);
        (!name.is_empty() && !name.contains(':')).then_some((*kind, name))
    })
}

/// WeChat's dataset key: lower-cased, then `-x` becomes `X` (`data-shop-Type` → `shopType`).
pub fn dataset_key(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut upper = false;
    for c in lower.chars() {
        if c == '-' {
            upper = true;
        } else if upper && c.is_ascii_lowercase() {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            if upper {
                out.push('-');
            }
            out.push(c);
            upper = false;
        }
    }
    out
}

/// The `setData` path that an expression names (`a.b[2]`), if it is a plain path.
pub fn data_path(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Identifier(name) => Some(name.clone()),
        ExprKind::Member { object, property } => Some(format!("{}.{property}", data_path(object)?)),
        ExprKind::Index { object, index } => {
            let base = data_path(object)?;
            match &index.kind {
                ExprKind::Number(n) if n.fract() == 0.0 && *n >= 0.0 => {
                    Some(format!("{base}[{n}]"))
                }
                ExprKind::String(s) => Some(format!("{base}.{s}")),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Fills `element`'s attribute fields from `attributes` (directives skipped). Duplicated
/// attributes: the last one wins, as in `wcc`.
pub fn lower_attributes(
    path: &str,
    attributes: &[ast::Attribute],
    element: &mut Element,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for attr in attributes {
        let name = attr.name.as_str();
        if is_directive(name) {
            continue;
        }
        let value = attr_value(attr);
        if name == "class" {
            element.class = Some(value);
        } else if name == "style" {
            element.style = Some(value);
        } else if name == "slot" {
            element.slot = Some(value);
        } else if let Some(key) = name.strip_prefix("data-") {
            set(&mut element.dataset, dataset_key(key), value);
        } else if let Some(key) = name.strip_prefix("mark:") {
            set(&mut element.marks, key.to_string(), value);
        } else if let Some(key) = name.strip_prefix("generic:") {
            let component = static_text(attr).unwrap_or_default().to_string();
            set(&mut element.generics, key.to_string(), component);
        } else if let Some(prop) = name.strip_prefix("model:") {
            lower_model(path, attr, prop, value, element, diagnostics);
        } else if let Some((kind, event)) = event_name(name) {
            element
                .events
                .retain(|e| !(e.kind == kind && e.name == event));
            element.events.push(Event {
                kind,
                name: event.to_string(),
                handler: value,
                span: attr.span.clone(),
            });
        } else {
            set(&mut element.attrs, name.to_string(), value);
        }
    }
}

fn lower_model(
    path: &str,
    attr: &ast::Attribute,
    prop: &str,
    value: AttrValue,
    element: &mut Element,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let data = match &value {
        AttrValue::Expr(expr) => data_path(expr),
        _ => None,
    };
    match data {
        Some(data) => element.models.push(Model {
            prop: prop.to_string(),
            path: data,
            span: attr.span.clone(),
        }),
        None => diagnostics.push(
            Diagnostic::of(
                codes::WXML_MODEL_NOT_A_PATH,
                format!("`model:{prop}` is bound to something that is not a data path"),
            )
            .in_file(path)
            .with_span(attr.span.clone())
            .with_label("not a data path")
            .with_hint("write `model:value=\"{{field}}\"` with a plain field path; the value is shown but not written back"),
        ),
    }
    set(&mut element.attrs, prop.to_string(), value);
}

fn set<V>(list: &mut Vec<(String, V)>, key: String, value: V) {
    list.retain(|(k, _)| *k != key);
    list.push((key, value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dataset_keys_follow_wechat_naming() {
        assert_eq!(dataset_key("shop-type"), "shopType");
        assert_eq!(dataset_key("fooBar"), "foobar");
        assert_eq!(dataset_key("a-b-c"), "aBC");
        assert_eq!(dataset_key("x-1"), "x-1");
    }

    #[test]
    fn event_prefixes_with_and_without_colon() {
        assert_eq!(event_name("bindtap"), Some((EventKind::Bind, "tap")));
        assert_eq!(event_name("bind:tap"), Some((EventKind::Bind, "tap")));
        assert_eq!(
            event_name("catchtouchstart"),
            Some((EventKind::Catch, "touchstart"))
        );
        assert_eq!(
            event_name("capture-bind:tap"),
            Some((EventKind::CaptureBind, "tap"))
        );
        assert_eq!(
            event_name("capture-catchtap"),
            Some((EventKind::CaptureCatch, "tap"))
        );
        assert_eq!(
            event_name("mut-bind:tap"),
            Some((EventKind::MutBind, "tap"))
        );
        assert_eq!(event_name("src"), None);
        assert_eq!(event_name("bind"), None);
    }
}
