//! lightningcss parse warnings → diagnostics, and the byte spans of lightningcss locations.
//!
//! lightningcss counts lines from 0 in rule and error locations (`rules::Location`,
//! `error::ErrorLocation`) but from 1 in `url()` locations (`dependencies::Location`);
//! columns are 1-based UTF-16 code units everywhere. Callers pass 1-based lines here.

use std::ops::Range;

use lightningcss::error::{Error, ParserError};

use crate::source::{
    codes::{self, Code},
    offset_of_utf16, Diagnostic, LineIndex,
};

/// The byte span starting at 1-based `line` and 1-based UTF-16 `column` of `text`, one
/// character long (or empty at the end of the text).
pub fn span_at(text: &str, line: u32, column: u32) -> Range<usize> {
    span_at_offset(text, offset_of_utf16(text, line as usize, column as usize))
}

/// Widens a span that starts an at-rule or `url()` to the end of that construct: the first
/// `;` (for at-rules) or `)` (for urls) on the same line, when there is one.
pub fn widen_to(text: &str, span: Range<usize>, terminator: char) -> Range<usize> {
    let rest = &text[span.start..];
    let line = rest.find('\n').map_or(rest, |end| &rest[..end]);
    match line.find(terminator) {
        Some(i) => span.start..span.start + i + terminator.len_utf8(),
        None => span,
    }
}

/// Moves a span's start past the blanks that lightningcss error locations often point at
/// (the error is in the token after them), staying on the same line.
fn skip_blanks(text: &str, span: Range<usize>) -> Range<usize> {
    let rest = &text[span.start..];
    let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if blanks == 0 || rest[blanks..].starts_with(['\n', '\r']) || blanks == rest.len() {
        return span;
    }
    let start = span.start + blanks;
    span_at_offset(text, start)
}

fn span_at_offset(text: &str, start: usize) -> Range<usize> {
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    start..end
}

/// Converts one recovered parse error of `file` (whose text is `text`, with its line index)
/// into a diagnostic.
pub fn warning_to_diagnostic(
    file: &str,
    text: &str,
    lines: &LineIndex,
    error: &Error<ParserError>,
) -> Diagnostic {
    let (code, label, hint) = describe(&error.kind);
    let outcome = match error.kind {
        ParserError::AtRuleInvalid(_) => "it is copied as written",
        _ => "it is left out",
    };
    let mut diagnostic = Diagnostic::of(code, format!("{}; {outcome}", error.kind))
        .in_file(file)
        .with_label(label)
        .with_hint(hint);
    if let Some(loc) = &error.loc {
        let start = lines.offset_of_utf16(loc.line as usize + 1, loc.column as usize);
        diagnostic = diagnostic.with_span(skip_blanks(text, span_at_offset(text, start)));
    }
    diagnostic
}

fn describe(kind: &ParserError) -> (Code, &'static str, &'static str) {
    match kind {
        ParserError::SelectorError(_) => (
            codes::WXSS_INVALID_SELECTOR,
            "this selector cannot be parsed",
            "the whole rule is dropped; fix the selector",
        ),
        ParserError::UnexpectedImportRule => (
            codes::WXSS_LATE_IMPORT,
            "@import where it cannot be inlined",
            "move the @import to the top level of the file",
        ),
        ParserError::InvalidMediaQuery => (
            codes::WXSS_INVALID_MEDIA_QUERY,
            "this media query cannot be parsed",
            "media queries cannot use rpx or other WXSS-only units; use px",
        ),
        ParserError::AtRuleInvalid(_) | ParserError::AtRulePreludeInvalid => (
            codes::WXSS_UNKNOWN_AT_RULE,
            "unknown or malformed at-rule",
            "browsers ignore an at-rule they do not know; check its spelling",
        ),
        ParserError::InvalidDeclaration
        | ParserError::InvalidValue
        | ParserError::UnexpectedToken(_)
        | ParserError::EndOfInput => (
            codes::WXSS_INVALID_CSS,
            "unexpected here",
            "check for a missing `;`, `:` or `}` near this point",
        ),
        _ => (
            codes::WXSS_INVALID_CSS,
            "invalid CSS",
            "the part that cannot be parsed is dropped; the rest of the sheet is kept",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_at_counts_utf16_columns() {
        let text = "a\n😀b";
        assert_eq!(&text[span_at(text, 2, 3)], "b");
        assert_eq!(span_at(text, 9, 1), text.len()..text.len());
    }

    #[test]
    fn error_spans_skip_the_blanks_before_the_bad_token() {
        let text = ".a { wid th: 1px }";
        assert_eq!(&text[skip_blanks(text, span_at(text, 1, 9))], "t");
        assert_eq!(skip_blanks("a  \nb", 1..2), 1..2);
    }

    #[test]
    fn widen_to_stops_at_the_terminator_on_the_same_line() {
        let text = "@import \"a\";\nx;";
        assert_eq!(&text[widen_to(text, 0..1, ';')], "@import \"a\";");
        assert_eq!(widen_to("url(a\n)", 0..1, ')'), 0..1);
    }
}
