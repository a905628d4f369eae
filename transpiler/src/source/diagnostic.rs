//! Diagnostics as plain data, shared by every phase: code, severity, message, span, hint. The
//! codes, with their severities and meanings, are the catalog in [`super::codes`].
//!
//! A phase records a [`Diagnostic`] with a byte span into one file of the [`FileSet`]; the
//! line and column are computed only when it is reported, from the same text, so every
//! report (human, JSON, `report.json`) points at the same place. Rendering with the source
//! underlined is the command line's (`cli/render.rs`).

use std::ops::Range;

use serde::Serialize;

use super::codes::Code;
use super::FileSet;

/// How bad a diagnostic is. `Error` means a part of the app is degraded in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something in the app does not work as in WeChat (a part of a page is missing, a call
    /// fails); `miniport convert` exits 1.
    Error,
    /// Converted, but probably not as the author meant, or not quite as in WeChat.
    Warning,
    /// Worth knowing; nothing is wrong.
    Info,
}

/// One finding about the input, with a stable code from the catalog ([`super::codes`]), such as
/// `wxss::missing-import`. The catalog of codes is `docs/diagnostics.md`.
///
/// It is plain data: [`crate::Conversion::diagnostic_records`] adds lines and columns, and
/// the command line renders it with the source underlined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stable code, `<area>::<name>` (`wxml::unknown-tag`).
    pub code: &'static str,
    /// How bad it is (each code has one severity).
    pub severity: Severity,
    /// What was found, in one sentence.
    pub message: String,
    /// Path of the file, relative to the mini-program root, with `/` separators.
    pub file: Option<String>,
    /// Byte range in that file.
    pub span: Option<Range<usize>>,
    /// Short text shown under the underlined span.
    pub label: Option<String>,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the catalog entry `code`, at the entry's severity.
    #[doc(hidden)]
    pub fn of(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.name,
            severity: code.severity,
            message: message.into(),
            file: None,
            span: None,
            label: None,
            hint: None,
        }
    }

    #[doc(hidden)]
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    #[doc(hidden)]
    pub fn with_span(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    #[doc(hidden)]
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    #[doc(hidden)]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sort key that makes the order of diagnostics independent of thread scheduling.
    #[doc(hidden)]
    pub fn sort_key(&self) -> (Option<&str>, usize, &'static str, &str) {
        (
            self.file.as_deref(),
            self.span.as_ref().map_or(0, |s| s.start),
            self.code,
            &self.message,
        )
    }
}

/// Sorts and removes exact duplicates, so output is the same for any thread count.
pub fn normalize(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// A 1-based line and column (the column counts characters, as editors do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Line and column of a byte offset in `text`. Offsets past the end clamp to the end.
pub fn line_col(text: &str, offset: usize) -> LineCol {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    LineCol { line, column }
}

/// Byte offset of a 1-based line and a 1-based column counted in UTF-16 code units (the
/// convention of CSS and JavaScript tooling). Clamps to the end of the line.
pub fn offset_of_utf16(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let mut units = 1;
    for (i, ch) in text[start..].char_indices() {
        if units >= column || ch == '\n' {
            return start + i;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// The line starts of one text, for many line and column lookups in it: each costs a binary
/// search and the length of one line, where [`line_col`] and [`offset_of_utf16`] read the
/// text from its start (a file with thousands of diagnostics would take quadratic time).
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The text indexed.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// [`line_col`] of `offset`.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let line_start = self.starts[line - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        LineCol { line, column }
    }

    /// [`offset_of_utf16`] of a 1-based line and UTF-16 column.
    pub fn offset_of_utf16(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.max(1) - 1) else {
            return self.text.len();
        };
        start + offset_of_utf16(&self.text[start..], 1, column)
    }
}

/// A diagnostic in the shape written to `report.json` and printed by `--format json`, with
/// 1-based lines and columns (columns count characters, as editors do).
#[derive(Debug, Clone, Serialize)]
pub struct DiagnosticRecord {
    /// The stable code (`wxml::unknown-tag`).
    pub code: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// What was found.
    pub message: String,
    /// The file, relative to the mini-program root.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Line of the start of the span.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Column of the start of the span.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Line of the end of the span.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_line: Option<usize>,
    /// Column of the end of the span (exclusive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_column: Option<usize>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl DiagnosticRecord {
    /// The record of `diagnostic`, located in `files`.
    pub fn from_diagnostic(diagnostic: &Diagnostic, files: &FileSet) -> Self {
        let text = diagnostic.file.as_deref().and_then(|f| files.text(f));
        Self::located(diagnostic, text.map(LineIndex::new).as_ref())
    }

    /// The records of `diagnostics`, with one [`LineIndex`] per run of diagnostics of the
    /// same file (they are sorted by file).
    pub fn all(diagnostics: &[Diagnostic], files: &FileSet) -> Vec<Self> {
        let mut index: Option<(&str, LineIndex)> = None;
        diagnostics
            .iter()
            .map(|d| {
                let file = d.file.as_deref();
                if index.as_ref().map(|(f, _)| *f) != file {
                    index = file.and_then(|f| files.text(f).map(|t| (f, LineIndex::new(t))));
                }
                Self::located(d, index.as_ref().map(|(_, i)| i))
            })
            .collect()
    }

    fn located(diagnostic: &Diagnostic, index: Option<&LineIndex>) -> Self {
        let (start, end) = match (index, &diagnostic.span) {
            (Some(index), Some(span)) => (
                Some(index.line_col(span.start)),
                Some(index.line_col(span.end)),
            ),
            _ => (None, None),
        };
        DiagnosticRecord {
            code: diagnostic.code,
            severity: diagnostic.severity,
            message: diagnostic.message.clone(),
            file: diagnostic.file.clone(),
            line: start.map(|p| p.line),
            column: start.map(|p| p.column),
            end_line: end.map(|p| p.line),
            end_column: end.map(|p| p.column),
            hint: diagnostic.hint.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::codes;

    #[test]
    fn line_col_counts_characters_from_one() {
        let text = "ab\n中c\n";
        assert_eq!(line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(line_col(text, 3), LineCol { line: 2, column: 1 });
        assert_eq!(line_col(text, 6), LineCol { line: 2, column: 2 });
        assert_eq!(line_col(text, 100), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn the_line_index_answers_as_the_free_functions_do() {
        let text = "ab\n中c\n\r\n😀x{color:red}\nlast";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.line_col(offset),
                line_col(text, offset),
                "offset {offset}"
            );
        }
        for line in 0..7 {
            for column in 0..6 {
                assert_eq!(
                    index.offset_of_utf16(line, column),
                    offset_of_utf16(text, line, column),
                    "{line}:{column}"
                );
            }
        }
    }

    #[test]
    fn utf16_columns_map_back_to_byte_offsets() {
        let text = "a{}\n😀x{color:red}";
        // "😀" is two UTF-16 units, so `x` is at column 3 of line 2.
        assert_eq!(&text[offset_of_utf16(text, 2, 3)..][..1], "x");
        assert_eq!(offset_of_utf16(text, 9, 1), text.len());
    }

    #[test]
    fn normalize_orders_by_file_then_position() {
        let mut list = vec![
            Diagnostic::of(codes::WXSS_INVALID_CSS, "x")
                .in_file("b.wxss")
                .with_span(5..6),
            Diagnostic::of(codes::WXSS_INVALID_CSS, "x")
                .in_file("a.wxss")
                .with_span(9..10),
            Diagnostic::of(codes::WXSS_INVALID_CSS, "x")
                .in_file("a.wxss")
                .with_span(1..2),
            Diagnostic::of(codes::WXSS_INVALID_CSS, "x")
                .in_file("a.wxss")
                .with_span(1..2),
        ];
        normalize(&mut list);
        let order: Vec<_> = list
            .iter()
            .map(|d| {
                (
                    d.file.clone().unwrap_or_default(),
                    d.span.clone().map(|s| s.start),
                )
            })
            .collect();
        assert_eq!(
            order,
            vec![
                ("a.wxss".to_string(), Some(1)),
                ("a.wxss".to_string(), Some(9)),
                ("b.wxss".to_string(), Some(5)),
            ]
        );
    }
}
