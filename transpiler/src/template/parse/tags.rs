//! The pieces of markup: start tags with their attributes, end tags, comments.

use super::ast::{Attribute, Comment, Span, Value};
use super::mustache;
use super::parser::Parser;
use super::scanner::{is_attr_name_start, is_name_char, is_space};
use crate::source::{codes, Diagnostic};

pub struct StartTag {
    pub name: String,
    pub name_span: Span,
    pub attributes: Vec<Attribute>,
    pub span: Span,
    pub self_closing: bool,
    /// `false` when the tag ran into the next `<` or the end of the file without `>`.
    pub terminated: bool,
}

pub struct EndTag {
    pub name: String,
    pub name_span: Span,
    pub span: Span,
}

impl Parser<'_> {
    /// A start tag; the scanner is at `<` followed by a tag name.
    pub fn start_tag(&mut self) -> StartTag {
        let start = self.sc.pos;
        self.sc.advance(1);
        let name_span = self.sc.skip_while(is_name_char);
        let name = self.sc.slice(name_span.clone()).to_string();
        let mut attributes: Vec<Attribute> = Vec::new();
        let (self_closing, terminated) = loop {
            self.sc.skip_whitespace();
            match self.sc.peek() {
                Some(b'>') => {
                    self.sc.advance(1);
                    break (false, true);
                }
                Some(b'/') if self.sc.peek_at(1) == Some(b'>') => {
                    self.sc.advance(2);
                    break (true, true);
                }
                None | Some(b'<') => {
                    self.report(
                        Diagnostic::of(
                            codes::WXML_UNTERMINATED_TAG,
                            format!("the start tag `<{name}` has no `>`"),
                        )
                        .with_span(start..name_span.end)
                        .with_label("no `>` after this tag")
                        .with_hint("end the start tag with `>` (or `/>` when it has no children)"),
                    );
                    break (false, false);
                }
                Some(b) if is_attr_name_start(b) => {
                    let attribute = self.attribute(name == "template");
                    if attributes.iter().any(|a| a.name == attribute.name) {
                        self.report(
                            Diagnostic::of(
                                codes::WXML_DUPLICATE_ATTRIBUTE,
                                format!("`{}` is set more than once on `<{name}>`", attribute.name),
                            )
                            .with_span(attribute.span.clone())
                            .with_label("set again here")
                            .with_hint("the last one wins, as in WeChat; remove the others"),
                        );
                    }
                    attributes.push(attribute);
                }
                Some(b'/') => {
                    self.report(
                        Diagnostic::of(
                            codes::WXML_BAD_ATTRIBUTE,
                            format!("`/` in `<{name}>` is not followed by `>`"),
                        )
                        .with_span(self.sc.pos..self.sc.pos + 1)
                        .with_label("expected `/>`")
                        .with_hint("write `/>` without blanks to close the tag"),
                    );
                    self.sc.advance(1);
                    self.sc.skip_whitespace();
                    if self.sc.eat(">") {
                        break (true, true);
                    }
                }
                Some(_) => self.junk_in_tag(&name),
            }
        };
        StartTag {
            name,
            name_span,
            attributes,
            span: start..self.sc.pos,
            self_closing,
            terminated,
        }
    }

    /// Skips what cannot start an attribute (`1a`, `.x`, `"x"`, a lone `/`), with one error.
    fn junk_in_tag(&mut self, name: &str) {
        let start = self.sc.pos;
        self.sc.bump();
        while let Some(b) = self.sc.peek() {
            if is_space(b) || b == b'>' || b == b'<' || self.sc.starts_with("/>") {
                break;
            }
            self.sc.bump();
        }
        let junk = self.sc.slice(start..self.sc.pos);
        self.report(
            Diagnostic::of(
                codes::WXML_BAD_ATTRIBUTE,
                format!("`{junk}` is not an attribute of `<{name}>`"),
            )
            .with_span(start..self.sc.pos)
            .with_label("skipped")
            .with_hint("attribute names start with a letter, `_` or `:` and contain letters, digits, `-`, `_` and `:`"),
        );
    }

    /// An attribute; `data` of a `<template>` holds object bodies.
    fn attribute(&mut self, in_template: bool) -> Attribute {
        let start = self.sc.pos;
        self.sc.advance(1);
        self.sc.skip_while(is_name_char);
        let name_span = start..self.sc.pos;
        let name = self.sc.slice(name_span.clone()).to_string();
        let after_name = self.sc.pos;
        self.sc.skip_whitespace();
        let equals = self.sc.pos;
        let value = if self.sc.eat("=") {
            self.sc.skip_whitespace();
            self.value(&name, equals, in_template && name == "data")
        } else {
            self.sc.pos = after_name;
            None
        };
        Attribute {
            name,
            name_span,
            value,
            span: start..self.sc.pos,
        }
    }

    /// The value after `=`: quoted with `"` or `'`, or unquoted up to a blank, `>` or `/>`.
    fn value(&mut self, name: &str, equals: usize, object_body: bool) -> Option<Value> {
        let raw_span = match self.sc.peek() {
            Some(quote @ (b'"' | b'\'')) => {
                self.sc.advance(1);
                let start = self.sc.pos;
                let rest = self.sc.rest();
                match rest.find(quote as char) {
                    Some(len) => {
                        self.sc.advance(len + 1);
                        start..start + len
                    }
                    None => {
                        let len = rest.find('>').unwrap_or(rest.len());
                        self.sc.advance(len);
                        self.report(
                            Diagnostic::of(
                                codes::WXML_BAD_ATTRIBUTE,
                                format!("the value of `{name}` is never closed"),
                            )
                            .with_span(start - 1..start)
                            .with_label("this quote has no closing quote")
                            .with_hint(format!("end the value with {}", quote as char)),
                        );
                        start..start + len
                    }
                }
            }
            Some(b) if !(is_space(b) || b == b'>' || b == b'<' || self.sc.starts_with("/>")) => {
                let start = self.sc.pos;
                while let Some(b) = self.sc.peek() {
                    if is_space(b) || b == b'>' || b == b'<' || self.sc.starts_with("/>") {
                        break;
                    }
                    self.sc.bump();
                }
                start..self.sc.pos
            }
            _ => {
                self.report(
                    Diagnostic::of(codes::WXML_BAD_ATTRIBUTE, format!("`{name}=` has no value"))
                        .with_span(equals..equals + 1)
                        .with_label("a value should follow")
                        .with_hint(format!("write `{name}=\"…\"`, or just `{name}` for `true`")),
                );
                return None;
            }
        };
        let raw = self.sc.slice(raw_span.clone()).to_string();
        let parts = mustache::split(
            &raw,
            raw_span.start,
            object_body,
            self.path,
            &mut self.diagnostics,
        );
        Some(Value {
            raw,
            span: raw_span,
            parts,
        })
    }

    /// An end tag; the scanner is at `</`. Malformed ones are reported and skipped to `>`.
    pub fn end_tag(&mut self) -> Option<EndTag> {
        let start = self.sc.pos;
        self.sc.advance(2);
        self.sc.skip_whitespace();
        let name_span = self.sc.skip_while(is_name_char);
        self.sc.skip_whitespace();
        let closed = self.sc.eat(">");
        if closed && !name_span.is_empty() {
            return Some(EndTag {
                name: self.sc.slice(name_span.clone()).to_string(),
                name_span,
                span: start..self.sc.pos,
            });
        }
        if !closed && !name_span.is_empty() {
            self.report(
                Diagnostic::of(codes::WXML_BAD_END_TAG, "this end tag has no `>`")
                    .with_span(start..self.sc.pos)
                    .with_label("no `>` after this")
                    .with_hint("an end tag is `</name>`"),
            );
            return Some(EndTag {
                name: self.sc.slice(name_span.clone()).to_string(),
                name_span,
                span: start..self.sc.pos,
            });
        }
        if !closed {
            let rest = self.sc.rest();
            let len = match (rest.find('>'), rest.find('<')) {
                (Some(gt), Some(lt)) if gt < lt => gt + 1,
                (Some(gt), None) => gt + 1,
                (_, Some(lt)) => lt,
                (None, None) => rest.len(),
            };
            self.sc.advance(len);
        }
        self.report(
            Diagnostic::of(codes::WXML_BAD_END_TAG, "malformed end tag")
                .with_span(start..self.sc.pos)
                .with_label("skipped")
                .with_hint("an end tag is `</name>`"),
        );
        None
    }

    /// A comment; the scanner is at `<!--`. Unterminated, it runs to the end of the file
    /// (what `wcc` does, silently).
    pub fn comment(&mut self) -> Comment {
        let start = self.sc.pos;
        self.sc.advance(4);
        let rest = self.sc.rest();
        match rest.find("-->") {
            Some(len) => {
                self.sc.advance(len + 3);
                Comment {
                    text: rest[..len].to_string(),
                    span: start..self.sc.pos,
                }
            }
            None => {
                self.sc.advance(rest.len());
                self.report(
                    Diagnostic::of(codes::WXML_UNTERMINATED_COMMENT, "`<!--` is never closed")
                        .with_span(start..start + 4)
                        .with_label("the rest of the file is inside this comment")
                        .with_hint("close the comment with `-->`"),
                );
                Comment {
                    text: rest.to_string(),
                    span: start..self.sc.pos,
                }
            }
        }
    }

    /// `<!DOCTYPE …>`, `<![CDATA[…]]>` and the like, which `wcc` rejects: reported, skipped.
    pub fn declaration(&mut self) {
        let start = self.sc.pos;
        let rest = self.sc.rest();
        let len = rest.find('>').map_or(rest.len(), |i| i + 1);
        self.sc.advance(len);
        self.report(
            Diagnostic::of(
                codes::WXML_BAD_TAG,
                "`<!` starts only comments (`<!--`) in WXML",
            )
            .with_span(start..self.sc.pos)
            .with_label("skipped")
            .with_hint("remove it; WXML has no DOCTYPE or CDATA sections"),
        );
    }
}
