//! Reading JSON configs leniently: syntax errors with line and column, and one field of the
//! wrong type costs only that field, with a diagnostic that points at it.

use std::ops::Range;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::source::Diagnostic;
use crate::source::{codes, locate, Step};

/// A parsed JSON object together with the file it came from, for locating diagnostics.
pub struct JsonDoc<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub object: Map<String, Value>,
}

impl<'a> JsonDoc<'a> {
    /// Parses `text` as a JSON object. Syntax errors and a non-object top level are errors.
    // The error is the cold path and a `Diagnostic` is what every caller wants.
    #[allow(clippy::result_large_err)]
    pub fn parse(file: &'a str, text: &'a str) -> Result<Self, Diagnostic> {
        let value: Value = serde_json::from_str(text).map_err(|err| {
            let at = byte_offset(text, err.line(), err.column());
            let end = at + text[at..].chars().next().map_or(0, char::len_utf8);
            let message = strip_position(&err.to_string());
            Diagnostic::of(
                codes::JSON_SYNTAX,
                format!("malformed JSON in `{file}`: {message}"),
            )
            .in_file(file)
            .with_span(at..end)
            .with_label("here")
            .with_hint(
                "JSON needs double-quoted keys and strings, no trailing commas and no comments",
            )
        })?;
        match value {
            Value::Object(object) => Ok(JsonDoc { file, text, object }),
            other => Err(Diagnostic::of(
                codes::JSON_NOT_AN_OBJECT,
                format!("`{file}` must hold a JSON object, found {}", kind(&other)),
            )
            .in_file(file)
            .with_span(0..text.len().min(1))),
        }
    }

    /// The field `key` as `T`. A missing field is `None`; a field of the wrong type is `None`
    /// plus a diagnostic at the key.
    pub fn field<T: DeserializeOwned>(
        &self,
        key: &str,
        expected: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        let value = self.object.get(key)?;
        match serde_json::from_value::<T>(value.clone()) {
            Ok(v) => Some(v),
            Err(err) => {
                diagnostics.push(
                    Diagnostic::of(
                        codes::JSON_WRONG_TYPE,
                        format!("`{key}` in `{}` must be {expected}", self.file),
                    )
                    .in_file(self.file)
                    .with_span(self.key_span(key))
                    .with_label(strip_position(&err.to_string()))
                    .with_hint(format!("this field is ignored; found {}", kind(value))),
                );
                None
            }
        }
    }

    /// Span of the top-level key `"key"` (the first character of the file when it is absent).
    pub fn key_span(&self, key: &str) -> Range<usize> {
        self.key_span_at(&[Step::key(key)])
    }

    /// Span of the key of the member at `path` (the first character when it is absent).
    pub fn key_span_at(&self, path: &[Step]) -> Range<usize> {
        locate(self.text, path)
            .and_then(|l| l.key)
            .unwrap_or(0..self.text.len().min(1))
    }

    /// Span of the value at `path` (the first character when it is absent).
    pub fn value_span(&self, path: &[Step]) -> Range<usize> {
        locate(self.text, path).map_or(0..self.text.len().min(1), |l| l.value)
    }

    /// The elements of the array `key`, each as `T`; an element of the wrong type is dropped
    /// with a diagnostic at it, a non-array is dropped whole.
    pub fn array_field<T: DeserializeOwned>(
        &self,
        key: &str,
        expected: &str,
        element: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<T> {
        let items = self
            .field::<Vec<Value>>(key, expected, diagnostics)
            .unwrap_or_default();
        self.elements(&[Step::key(key)], items, element, diagnostics)
    }

    /// `items` (the array at `path`) as `T`s, dropping each one of the wrong type with a
    /// diagnostic at it.
    pub fn elements<T: DeserializeOwned>(
        &self,
        path: &[Step],
        items: Vec<Value>,
        element: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let kind = kind(&item);
            match serde_json::from_value::<T>(item) {
                Ok(v) => out.push(v),
                Err(err) => {
                    let mut at = path.to_vec();
                    at.push(Step::Index(i));
                    diagnostics.push(
                        Diagnostic::of(
                            codes::JSON_WRONG_TYPE,
                            format!(
                                "an item of `{}` in `{}` must be {element}",
                                dotted(path),
                                self.file
                            ),
                        )
                        .in_file(self.file)
                        .with_span(self.value_span(&at))
                        .with_label(strip_position(&err.to_string()))
                        .with_hint(format!("this item is ignored; found {kind}")),
                    );
                }
            }
        }
        out
    }
}

/// `tabBar.list` for a path of keys.
pub fn dotted(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Byte offset of serde_json's error position: a 1-based line and a column that counts
/// bytes (0 when the error is at the start of the line).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let mut at = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Span of the first JSON string literal equal to `value`, quotes included.
pub fn string_span(text: &str, value: &str) -> Option<Range<usize>> {
    let literal = serde_json::to_string(value).ok()?;
    let start = text.find(&literal)?;
    Some(start..start + literal.len())
}

pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::line_col;

    #[test]
    fn syntax_error_points_at_line_and_column() {
        let text = "{\n  \"pages\": [\"a\",]\n}";
        let err = JsonDoc::parse("app.json", text).err().expect("must fail");
        assert_eq!(err.code, codes::JSON_SYNTAX.name);
        let at = line_col(text, err.span.expect("span").start);
        // serde_json reports the `]` that follows the trailing comma.
        assert_eq!((at.line, at.column), (2, 17));
    }

    #[test]
    fn wrong_type_drops_only_that_field() {
        let text = r#"{"pages": "x", "style": "v2"}"#;
        let doc = JsonDoc::parse("app.json", text).expect("parses");
        let mut diags = Vec::new();
        let pages: Option<Vec<String>> = doc.field("pages", "an array of strings", &mut diags);
        let style: Option<String> = doc.field("style", "a string", &mut diags);
        assert_eq!(pages, None);
        assert_eq!(style.as_deref(), Some("v2"));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].span, Some(1..8));
    }

    #[test]
    fn top_level_must_be_an_object() {
        let err = JsonDoc::parse("a.json", "[1]").err().expect("must fail");
        assert_eq!(err.code, codes::JSON_NOT_AN_OBJECT.name);
    }
}
