//! Reading JSON configs leniently: syntax errors with line and column, and one field of the
//! wrong type costs only that field, with a diagnostic that points at it.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::diagnostics::{offset_of_utf16, Diagnostic};

/// A parsed JSON object together with the file it came from, for locating diagnostics.
pub struct JsonDoc<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub object: Map<String, Value>,
}

impl<'a> JsonDoc<'a> {
    /// Parses `text` as a JSON object. Syntax errors and a non-object top level are errors.
    pub fn parse(file: &'a str, text: &'a str) -> Result<Self, Diagnostic> {
        let value: Value = serde_json::from_str(text).map_err(|err| {
            let at = offset_of_utf16(text, err.line(), err.column().max(1));
            let end = (at + 1).min(text.len()).max(at);
            let message = strip_position(&err.to_string());
            Diagnostic::error(
                "json::syntax",
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
            other => Err(Diagnostic::error(
                "json::not-an-object",
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
                    Diagnostic::error(
                        "json::wrong-type",
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

    /// Span of the first `"key"` in the text (the whole file when it is not found).
    pub fn key_span(&self, key: &str) -> std::ops::Range<usize> {
        string_span(self.text, key).unwrap_or(0..self.text.len().min(1))
    }
}

/// Span of the first JSON string literal equal to `value`, quotes included.
pub fn string_span(text: &str, value: &str) -> Option<std::ops::Range<usize>> {
    let literal = serde_json::to_string(value).ok()?;
    let start = text.find(&literal)?;
    Some(start..start + literal.len())
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::line_col;

    #[test]
    fn syntax_error_points_at_line_and_column() {
        let text = "{\n  \"pages\": [\"a\",]\n}";
        let err = JsonDoc::parse("app.json", text).err().expect("must fail");
        assert_eq!(err.code, "json::syntax");
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
        assert_eq!(err.code, "json::not-an-object");
    }
}
