//! WXML: the parser (WXML text → [`ast::Template`]) and the expression parser.
//!
//! Hand-written, because no existing parser reads WXML the way WeChat's `wcc` does
//! (measured in `shared/notes/wxml-parsers.md`): HTML and XML parsers (`html5ever`,
//! `quick-xml`) reject or rewrite `{{ a < b }}`, `:`-prefixed names, unquoted values and
//! mustaches; `glass-easel-template-compiler`, WeChat's newer compiler, keeps the *first*
//! of duplicated attributes (`wcc` the last), decodes entities (`wcc` keeps them raw), drops
//! `:`-prefixed attribute names, rejects fallback children in `<slot>`, and brings ~100
//! crates with it.
//!
//! What the parser does, `wcc` being the reference:
//! - Every tag must be closed, `<input>` included (`wcc` rejects an unclosed one); tag and
//!   attribute names are case-sensitive and may contain letters, digits, `-`, `_`, `:`.
//! - Attributes: with or without a value, `"`/`'` quotes, unquoted values (up to a blank,
//!   `>` or `/>`), blanks around `=`. A quoted value ends at the next matching quote, even
//!   inside `{{ }}` (as in `wcc`). Duplicates are all kept (a warning; the last wins).
//! - Text and values are split into static parts and `{{ }}` bindings (`mustache.rs`);
//!   entities stay as written everywhere (only `<text decode>` decodes, see [`entities`]).
//! - `<wxs>` content is raw script up to `</wxs>`. Comments become `Comment` nodes.
//! - Expressions ([`parse_expression`]) are a superset of `wcc`'s: it has no `typeof`,
//!   `void`, `in`, `instanceof`, `??`, `>>>`, array holes or spreads, hex or exponent
//!   numbers. We read them with JavaScript's meaning and report each as an error
//!   (`wxml::not-in-wechat`, `wechat_subset.rs`), as the template would not compile in
//!   WeChat; the same goes for `}}` nested in a binding and line breaks in quoted values.
//!   Like `wcc`, a keyword where an
//!   operand is expected is a name (`{{ in }}`, `{{ this }}` are data paths). The binding of
//!   `<template data>` is always an object body (`data="{{a}}"` is `{a: a}`, measured on
//!   `wcc`); elsewhere a brace-less body (`{{a: 1}}`, rejected by `wcc`) is accepted too.
//! - Recovery: each mistake is one diagnostic and the tree still holds the rest of the file.
//!   Codes: `wxml::unclosed-tag`, `wxml::mismatched-end-tag`, `wxml::stray-end-tag`,
//!   `wxml::bad-end-tag`, `wxml::unterminated-tag`, `wxml::bad-attribute`,
//!   `wxml::duplicate-attribute` (warning), `wxml::bad-expression`,
//!   `wxml::unterminated-mustache`, `wxml::unterminated-comment` (warning; `wcc` silently
//!   comments out the rest of the file), `wxml::unescaped-less-than`, `wxml::bad-tag`,
//!   `wxml::too-deep`.

pub mod ast;
pub mod entities;
mod expr;
mod mustache;
mod parser;
mod scanner;
mod tags;
#[cfg(test)]
mod tests;
mod wechat_subset;

pub use expr::{parse_expression, parse_object_body, ExprError};

use crate::source::Diagnostic;

/// A parsed file with what was found wrong in it (the tree is complete even with errors:
/// the parser recovers, so one bad tag does not hide the rest of the file).
#[derive(Debug, Clone)]
pub struct Parsed {
    pub template: ast::Template,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses the WXML file `path` (root-relative) whose text is `source`.
pub fn parse(path: &str, source: &str) -> Parsed {
    let (template, mut diagnostics) = parser::parse(path, source);
    diagnostics.extend(wechat_subset::check(&template, source));
    Parsed {
        template,
        diagnostics,
    }
}
