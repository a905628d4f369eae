//! The tree builder: a stack of open elements fed by the markup pieces of [`super::tags`],
//! with recovery that reports each mistake once and keeps the rest of the file.

use super::ast::{Element, Node, Span, Template, Text, Value};
use super::mustache;
use super::scanner::{is_space, is_tag_name_start, Scanner};
use super::tags::{EndTag, StartTag};
use crate::source::{codes, Diagnostic};

/// Elements nested deeper than this are not nested further (their children become
/// siblings), so that no later recursive pass over the tree can exhaust the stack.
const MAX_DEPTH: usize = 512;

pub struct Parser<'a> {
    pub sc: Scanner<'a>,
    pub path: &'a str,
    pub diagnostics: Vec<Diagnostic>,
    /// Open elements, outermost first.
    stack: Vec<Element>,
    roots: Vec<Node>,
    too_deep_reported: bool,
    /// Names of the elements opened past [`MAX_DEPTH`] and not closed yet: their end tags are
    /// taken silently (the elements themselves became siblings).
    flattened: Vec<String>,
    /// Where the last `</name` of the file starts, by name (searched once per name).
    last_end_tag: std::collections::HashMap<String, Option<usize>>,
    /// No `{{` before this offset is closed (it ends where an unclosed `{{` stopped looking).
    no_close_until: usize,
}

/// Parses a whole file.
pub fn parse(path: &str, source: &str) -> (Template, Vec<Diagnostic>) {
    let mut parser = Parser {
        sc: Scanner::new(source),
        path,
        diagnostics: Vec::new(),
        stack: Vec::new(),
        roots: Vec::new(),
        too_deep_reported: false,
        flattened: Vec::new(),
        last_end_tag: std::collections::HashMap::new(),
        no_close_until: 0,
    };
    parser.sc.eat("\u{feff}");
    parser.run();
    let template = Template {
        path: path.to_string(),
        children: parser.roots,
    };
    (template, parser.diagnostics)
}

impl<'a> Parser<'a> {
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic.in_file(self.path));
    }

    fn run(&mut self) {
        while let Some(b) = self.sc.peek() {
            if b != b'<' {
                self.text();
            } else if self.sc.starts_with("<!--") {
                let comment = self.comment();
                self.push(Node::Comment(comment));
            } else if self.sc.starts_with("</") {
                if let Some(end) = self.end_tag() {
                    self.close(end);
                }
            } else if self.sc.starts_with("<!") {
                self.declaration();
            } else if self.sc.peek_at(1).is_some_and(is_tag_name_start) {
                let tag = self.start_tag();
                self.open(tag);
            } else {
                self.text();
            }
        }
        while let Some(element) = self.stack.pop() {
            self.report_unclosed(&element, None);
            self.finish(element, None);
        }
    }

    /// Adds a finished node to the innermost open element, or to the file.
    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => self.roots.push(node),
        }
    }

    fn open(&mut self, tag: StartTag) {
        let mut element = Element {
            name: tag.name,
            name_span: tag.name_span,
            attributes: tag.attributes,
            children: Vec::new(),
            span: tag.span.clone(),
            start_tag: tag.span,
            end_tag: None,
            self_closing: tag.self_closing,
        };
        if tag.self_closing || (!tag.terminated && self.sc.at_end()) {
            self.push(Node::Element(element));
        } else if element.name == "wxs" && tag.terminated {
            self.wxs_content(&mut element);
            self.push(Node::Element(element));
        } else if self.stack.len() >= MAX_DEPTH {
            if !self.too_deep_reported {
                self.too_deep_reported = true;
                self.report(
                    Diagnostic::of(
                        codes::WXML_TOO_DEEP,
                        format!("elements are nested more than {MAX_DEPTH} deep"),
                    )
                    .with_span(element.start_tag.clone())
                    .with_label("from here on, children become siblings")
                    .with_hint("flatten the template"),
                );
            }
            self.flattened.push(element.name.clone());
            self.push(Node::Element(element));
        } else {
            self.stack.push(element);
        }
    }

    /// The script of an inline `<wxs>`, as written, up to `</wxs>`.
    fn wxs_content(&mut self, element: &mut Element) {
        let start = self.sc.pos;
        let rest = self.sc.rest();
        let mut from = 0;
        let end_tag = loop {
            let Some(found) = rest.get(from..).and_then(|r| r.find("</wxs")) else {
                break None;
            };
            let at = from + found;
            let after = rest.get(at + 5..).unwrap_or("");
            let blanks = after.len()
                - after
                    .trim_start_matches(|c: char| c.is_ascii() && is_space(c as u8))
                    .len();
            if after.get(blanks..).is_some_and(|a| a.starts_with('>')) {
                break Some(start + at..start + at + 5 + blanks + 1);
            }
            from = at + 5;
        };
        let content_end = end_tag.as_ref().map_or(self.sc.src.len(), |t| t.start);
        if content_end > start {
            let raw = self.sc.slice(start..content_end).to_string();
            let span = start..content_end;
            element.children.push(Node::Text(Text {
                value: Value {
                    parts: vec![super::ast::Part::Static {
                        text: raw.clone(),
                        span: span.clone(),
                    }],
                    raw,
                    span: span.clone(),
                },
                span,
            }));
        }
        match end_tag {
            Some(end) => {
                self.sc.pos = end.end;
                element.span.end = end.end;
                element.end_tag = Some(end);
            }
            None => {
                self.sc.pos = self.sc.src.len();
                self.report_unclosed(element, None);
                element.span.end = content_end;
            }
        }
    }

    /// Whether a `</name` follows in the rest of the file. The last one's place is found once
    /// per name: searching the rest for each end tag made a file of many stray end tags
    /// quadratic (30,000 took 23 s).
    fn closed_later(&mut self, name: &str) -> bool {
        let src = self.sc.src;
        let last = *self
            .last_end_tag
            .entry(name.to_string())
            .or_insert_with(|| src.rfind(&format!("</{name}")));
        last.is_some_and(|at| at >= self.sc.pos)
    }

    fn close(&mut self, end: EndTag) {
        if self.flattened.last() == Some(&end.name) {
            self.flattened.pop();
            return;
        }
        if let Some(index) = self.stack.iter().rposition(|e| e.name == end.name) {
            while self.stack.len() > index + 1 {
                if let Some(inner) = self.stack.pop() {
                    self.report_unclosed(&inner, Some(&end));
                    self.finish(inner, None);
                }
            }
            if let Some(element) = self.stack.pop() {
                self.finish(element, Some(end.span));
            }
            return;
        }
        let top = self
            .stack
            .last()
            .map(|e| (e.name.clone(), e.name_span.clone()));
        match top {
            // A misspelt end tag (no later `</top` in the file): it closes the open element.
            Some((name, name_span)) if !self.closed_later(&name) => {
                self.report(
                    Diagnostic::of(
                        codes::WXML_MISMATCHED_END_TAG,
                        format!("`</{}>` does not match `<{name}>`", end.name),
                    )
                    .with_span(end.name_span.clone())
                    .with_label(format!("expected `{name}`"))
                    .with_hint(format!(
                        "write `</{name}>` (the element opened at byte {})",
                        name_span.start.saturating_sub(1)
                    )),
                );
                if let Some(element) = self.stack.pop() {
                    self.finish(element, Some(end.span));
                }
            }
            _ => self.report(
                Diagnostic::of(
                    codes::WXML_STRAY_END_TAG,
                    format!("`</{}>` closes no open element", end.name),
                )
                .with_span(end.span.clone())
                .with_label("nothing to close")
                .with_hint("remove it, or add the start tag it belongs to"),
            ),
        }
    }

    /// Sets the end and adds the element to its parent.
    fn finish(&mut self, mut element: Element, end_tag: Option<Span>) {
        element.span.end = match &end_tag {
            Some(end) => end.end,
            None => element
                .children
                .last()
                .map_or(element.start_tag.end, |c| c.span().end)
                .max(element.start_tag.end),
        };
        element.end_tag = end_tag;
        self.push(Node::Element(element));
    }

    fn report_unclosed(&mut self, element: &Element, closed_by: Option<&EndTag>) {
        let name = &element.name;
        let hint = if is_void_in_html(name) {
            format!("WeChat requires every tag to be closed, even `<{name}>`: write `<{name} … />`")
        } else {
            format!("close it with `</{name}>`, or write `<{name} … />` if it has no children")
        };
        let message = match closed_by {
            Some(end) => format!("`<{name}>` is not closed before `</{}>`", end.name),
            None => format!("`<{name}>` is never closed"),
        };
        self.report(
            Diagnostic::of(codes::WXML_UNCLOSED_TAG, message)
                .with_span(element.start_tag.clone())
                .with_label("opened here")
                .with_hint(hint),
        );
    }

    /// A run of text up to the next tag, comment or end tag; `<` inside a `{{ }}` does not
    /// end it. A `<` that starts nothing is reported and kept in the text.
    fn text(&mut self) {
        let start = self.sc.pos;
        let bytes = self.sc.src.as_bytes();
        let mut i = start;
        while let Some(&b) = bytes.get(i) {
            if b == b'<' {
                let next = bytes.get(i + 1).copied();
                if i > start && next.is_some_and(|n| n == b'/' || n == b'!' || is_tag_name_start(n))
                {
                    break;
                }
                if i == start
                    || !next.is_some_and(|n| n == b'/' || n == b'!' || is_tag_name_start(n))
                {
                    self.report(
                        Diagnostic::of(codes::WXML_UNESCAPED_LESS_THAN, "`<` does not start a tag here")
                            .with_span(i..i + 1)
                            .with_label("kept as text")
                            .with_hint("write `&lt;` for a literal `<` (WeChat reads `<` as the start of a tag)"),
                    );
                }
                i += 1;
            } else if b == b'{' && bytes.get(i + 1) == Some(&b'{') {
                let inner = self.sc.src.get(i + 2..).unwrap_or("");
                // A `{{` with no `}}` before the next `</` tells the same of every `{{` up to
                // that `</`: without this, each of them searched the rest of the file again.
                let close = if i + 2 < self.no_close_until {
                    None
                } else {
                    mustache::find_close(inner)
                };
                if close.is_none() && i + 2 >= self.no_close_until {
                    self.no_close_until = i + 2 + inner.find("</").unwrap_or(inner.len());
                }
                i += match close {
                    Some(close) => 2 + close + 2,
                    None => 2,
                };
            } else {
                i += 1;
            }
        }
        self.sc.pos = i.min(self.sc.src.len());
        let span = start..self.sc.pos;
        let raw = self.sc.slice(span.clone()).to_string();
        let parts = mustache::split(&raw, start, false, self.path, &mut self.diagnostics);
        self.push(Node::Text(Text {
            value: Value {
                raw,
                span: span.clone(),
                parts,
            },
            span,
        }));
    }
}

/// Tags that HTML closes implicitly and WeChat does not.
fn is_void_in_html(name: &str) -> bool {
    matches!(
        name,
        "input"
            | "img"
            | "image"
            | "br"
            | "hr"
            | "meta"
            | "link"
            | "icon"
            | "progress"
            | "switch"
            | "checkbox"
            | "radio"
            | "slider"
    )
}
