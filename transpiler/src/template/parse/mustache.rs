//! Splitting text and attribute values into static parts and `{{ }}` bindings.
//!
//! A binding ends at the first `}}` that is outside string literals and outside braces
//! opened inside it, so `{{ '}}' }}` and `{{ {a: {b: 1}} }}` are one binding each (`wcc`
//! agrees on the first, and rejects the second, which we accept). When that rule finds no
//! end (an unterminated string such as `{{ it's }}`, or none within 16 KiB), the first plain
//! `}}` ends it. A binding never runs across `</`: in text, that is where the element ends.

use super::ast::{Expr, ExprKind, Part, Span};
use super::expr;
use crate::source::{codes, Diagnostic};

/// How far the search for a binding's end follows strings and braces: past it, the first
/// plain `}}` ends the binding. Real bindings are far shorter; without a bound, a file of
/// many `{{ {{ }}` took time quadratic in its length.
const MAX_SCOPED: usize = 16 * 1024;

/// Where the `}}` closing a binding is in `inner` (the text after `{{`), if anywhere.
pub fn find_close(inner: &str) -> Option<usize> {
    // Every search here stops early: at the cap, or at the first `}}` or `</`.
    let mut bounded = inner.len().min(MAX_SCOPED);
    while !inner.is_char_boundary(bounded) {
        bounded -= 1;
    }
    let window = &inner[..bounded];
    let scoped = &window[..window.find("</").unwrap_or(window.len())];
    if let Some(close) = find_close_scoped(scoped) {
        return Some(close);
    }
    let close = inner.find("}}")?;
    (!inner[..close].contains("</")).then_some(close)
}

fn find_close_scoped(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\'' | b'"' => i = string_end(bytes, i)?,
            b'{' => depth += 1,
            b'}' if depth == 0 => return (bytes.get(i + 1) == Some(&b'}')).then_some(i),
            b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

/// Index of the quote closing the string that starts at `start`; `None` if it is not closed
/// on its line.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let quote = *bytes.get(start)?;
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 1,
            b'\n' => return None,
            _ if b == quote => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The parts of `raw`, which starts at byte `base` of the file. Bad and unterminated
/// bindings are reported into `diagnostics` (one each) and kept as `Invalid` / static text.
/// In `object_body` mode (`<template data>`), each binding is an object body.
pub fn split(
    raw: &str,
    base: usize,
    object_body: bool,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut from = 0;
    while let Some(found) = raw.get(from..).and_then(|r| r.find("{{")) {
        let open = from + found;
        let inner_start = open + 2;
        let Some(close) = raw.get(inner_start..).and_then(find_close) else {
            diagnostics.push(
                Diagnostic::of(codes::WXML_UNTERMINATED_MUSTACHE, "`{{` is never closed")
                    .in_file(path)
                    .with_span(base + open..base + raw.len())
                    .with_label("this binding has no `}}`")
                    .with_hint("close the binding with `}}`; the text is kept as written"),
            );
            break;
        };
        push_static(&mut parts, raw, from..open, base);
        let inner_end = inner_start + close;
        let inner = raw.get(inner_start..inner_end).unwrap_or("");
        let expr = binding(inner, base + inner_start, object_body, path, diagnostics);
        parts.push(Part::Binding {
            expr,
            span: base + open..base + inner_end + 2,
        });
        from = inner_end + 2;
    }
    push_static(&mut parts, raw, from..raw.len(), base);
    parts
}

fn push_static(parts: &mut Vec<Part>, raw: &str, range: Span, base: usize) {
    if range.start < range.end {
        if let Some(text) = raw.get(range.clone()) {
            parts.push(Part::Static {
                text: text.to_string(),
                span: base + range.start..base + range.end,
            });
        }
    }
}

/// The expression of one binding; `{{}}` (accepted by `wcc`, renders nothing) is `undefined`.
fn binding(
    inner: &str,
    offset: usize,
    object_body: bool,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Expr {
    if inner.trim().is_empty() {
        return Expr {
            kind: ExprKind::Undefined,
            span: offset..offset + inner.len(),
        };
    }
    let parsed = if object_body {
        expr::parse_object_body(inner, offset)
    } else {
        expr::parse_expression(inner, offset)
    };
    match parsed {
        Ok(expr) => expr,
        Err(error) => {
            diagnostics.push(error.into_diagnostic(path));
            Expr {
                kind: ExprKind::Invalid,
                span: offset..offset + inner.len(),
            }
        }
    }
}
