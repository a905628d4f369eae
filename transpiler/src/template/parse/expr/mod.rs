//! The template expression language of `{{ }}`: a JavaScript subset, tokenized then parsed.

mod lexer;
mod parser;

use super::ast::{Expr, Span};
use crate::source::{codes, Diagnostic};

/// Why an expression did not parse: a message, the byte span of the offending token in the
/// file, and a hint when there is an obvious fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    pub message: String,
    pub span: Span,
    pub hint: Option<String>,
}

impl ExprError {
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        ExprError {
            message: message.into(),
            span,
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The `wxml::bad-expression` error for this, in file `path`.
    pub fn into_diagnostic(self, path: &str) -> Diagnostic {
        let diagnostic = Diagnostic::of(
            codes::WXML_BAD_EXPRESSION,
            format!("invalid expression: {}", self.message),
        )
        .in_file(path)
        .with_span(self.span)
        .with_label(self.message);
        match self.hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic.with_hint("WXML bindings take a JavaScript expression: literals, names, `a.b`, `a[b]`, calls, operators, `?:`, arrays and objects"),
        }
    }
}

/// Parses the text of one binding (what is between `{{` and `}}`), which starts at byte
/// `offset` of its file; every span in the result is a byte range of that file. Besides a
/// JavaScript expression, the binding may be a brace-less object body (`a: 1, ...b, c`),
/// which is an [`ExprKind::Object`](super::ast::ExprKind::Object).
pub fn parse_expression(source: &str, offset: usize) -> Result<Expr, ExprError> {
    let tokens = lexer::tokenize(source, offset)?;
    parser::parse_binding(&tokens, offset + source.len())
}

/// Parses the binding of `<template is data="{{ … }}">`, which WeChat always reads as an
/// object body: `{{a}}` there is `{a: a}`, `{{...item, x}}` is `{...item, x: x}`.
pub fn parse_object_body(source: &str, offset: usize) -> Result<Expr, ExprError> {
    let tokens = lexer::tokenize(source, offset)?;
    parser::parse_object_body(&tokens, offset + source.len())
}
