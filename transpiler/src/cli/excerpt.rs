//! The few source lines a diagnostic shows, cut to a readable width: a minified file's line of
//! hundreds of kilobytes is shown as a window around the span, with `…` where it was cut.
//!
//! miette lays a line out with `format!` widths, which Rust limits to 65,535, and reads the
//! whole file once per diagnostic; an [`Excerpt`] hands it only the lines it prints, keeping
//! the real line numbers and the span's real column.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use miniport::source::LineIndex;

/// Lines longer than this many characters are windowed around the span.
pub const MAX_LINE_CHARS: usize = 200;
/// How many characters of a windowed line are kept before the span's start.
const BEFORE_SPAN: usize = 60;
/// Lines shown before and after the span.
pub const CONTEXT_LINES: usize = 2;
/// A span over more lines than this is underlined on its first line only.
const MAX_SPAN_LINES: usize = 8;

/// The lines around a span, windowed, and the span in the excerpt's coordinates.
#[derive(Debug)]
pub struct Excerpt {
    name: String,
    text: String,
    /// 0-based line number of the excerpt's first line in the file.
    first_line: usize,
    /// The span, as byte offsets into `text`.
    pub label: Range<usize>,
    /// 0-based line and column (in characters) of the span's start in the file.
    line: usize,
    column: usize,
}

impl Excerpt {
    /// The excerpt of `text` (the file `name`) around the byte range `span`.
    #[cfg(test)]
    pub fn new(name: &str, text: &str, span: Range<usize>) -> Self {
        Self::from_index(name, &LineIndex::new(text), span)
    }

    /// [`Excerpt::new`] with the file's line index.
    pub fn from_index(name: &str, lines: &LineIndex, span: Range<usize>) -> Self {
        let text = lines.text();
        let start = floor_boundary(text, span.start);
        let end = floor_boundary(text, span.end.max(span.start)).max(start);
        let at = lines.line_col(start);
        let (line, column) = (at.line - 1, at.column - 1);
        // Only the lines shown are looked at: a diagnostic costs the length of its lines, not
        // of the file (the line number above is one fast count of line breaks).
        let end_line =
            (line + text[start..end].matches('\n').count()).min(line + MAX_SPAN_LINES - 1);
        let first = line.saturating_sub(CONTEXT_LINES);
        let mut first_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        for _ in first..line {
            first_start = text[..first_start.saturating_sub(1)]
                .rfind('\n')
                .map_or(0, |i| i + 1);
        }
        let last = end_line + CONTEXT_LINES;
        // Lines are cut at the same characters, so that they stay aligned.
        let window_start = column.saturating_sub(BEFORE_SPAN);
        let mut out = String::new();
        let mut label = 0..0;
        let mut next_start = Some(first_start);
        for n in first..=last {
            let Some(line_start) = next_start else { break };
            let line_end = text[line_start..]
                .find('\n')
                .map_or(text.len(), |i| line_start + i);
            next_start = (line_end < text.len()).then_some(line_end + 1);
            let content = text[line_start..line_end].trim_end_matches('\r');
            let (shown, cut_before, cut_after) = window(content, window_start);
            let shown_start = line_start + shown.start;
            let shown_end = line_start + shown.end;
            if cut_before {
                out.push('…');
            }
            let base = out.len();
            let map = |offset: usize| base + offset.clamp(shown_start, shown_end) - shown_start;
            if n == line {
                label.start = map(start);
                label.end = label.start;
            }
            if n >= line && n <= end_line {
                label.end = map(end.min(line_end));
            }
            out.push_str(&content[shown]);
            if cut_after {
                out.push('…');
            }
            if n < last && next_start.is_some() {
                out.push('\n');
            }
        }
        Excerpt {
            name: name.to_string(),
            text: out,
            first_line: first,
            label,
            line,
            column,
        }
    }

    /// The excerpt's text (for tests).
    #[cfg(test)]
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// The byte range of `line` shown from character `from` on, at most [`MAX_LINE_CHARS`]
/// long, and whether something was cut before and after it. A short line is shown whole.
fn window(line: &str, from: usize) -> (Range<usize>, bool, bool) {
    if line.chars().count() <= MAX_LINE_CHARS {
        return (0..line.len(), false, false);
    }
    let mut chars = line.char_indices().map(|(i, _)| i).chain([line.len()]);
    let begin = chars.nth(from).unwrap_or(line.len());
    let end = line[begin..]
        .char_indices()
        .nth(MAX_LINE_CHARS)
        .map_or(line.len(), |(i, _)| begin + i);
    (begin..end, begin > 0, end < line.len())
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_str().read_span(span, before, after)?;
        let line = inner.line() + self.first_line;
        // The header's line and column are read with the span's start and no context.
        let column = if before == 0 && span.offset() == self.label.start {
            self.column
        } else {
            inner.column()
        };
        let line = if before == 0 && span.offset() == self.label.start {
            self.line
        } else {
            line
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_file_is_shown_whole_with_the_span_in_place() {
        let text = "a\nb\nc {x}\nd\ne\nf\n";
        let at = text.find("{x}").expect("span");
        let excerpt = Excerpt::new("a.wxss", text, at..at + 3);
        assert_eq!(excerpt.text(), "a\nb\nc {x}\nd\ne");
        assert_eq!(&excerpt.text()[excerpt.label.clone()], "{x}");
        assert_eq!(
            (excerpt.first_line, excerpt.line, excerpt.column),
            (0, 2, 2)
        );
    }

    #[test]
    fn a_long_line_is_windowed_around_the_span_with_ellipses() {
        let text = format!("first\n{}BAD{}\nlast", "x".repeat(300_000), "y".repeat(300));
        let at = text.find("BAD").expect("span");
        let excerpt = Excerpt::new("a.js", &text, at..at + 3);
        let lines: Vec<&str> = excerpt.text().lines().collect();
        assert_eq!(lines[0], "first");
        assert!(lines[1].starts_with('…') && lines[1].ends_with('…'));
        assert_eq!(lines[1].chars().count(), MAX_LINE_CHARS + 2);
        assert_eq!(&excerpt.text()[excerpt.label.clone()], "BAD");
        assert_eq!(excerpt.column, 300_000);
    }

    #[test]
    fn a_span_over_many_lines_is_cut_to_its_first_lines() {
        let text = "<view>\n".repeat(10_000);
        let excerpt = Excerpt::new("a.wxml", &text, 0..text.len());
        assert_eq!(
            excerpt.text().lines().count(),
            MAX_SPAN_LINES + CONTEXT_LINES
        );
        assert!(excerpt.label.end <= excerpt.text().len());
    }

    #[test]
    fn a_span_past_the_end_or_inside_a_character_is_clamped() {
        let text = "中文";
        let excerpt = Excerpt::new("a.wxml", text, 1..99);
        assert_eq!(&excerpt.text()[excerpt.label.clone()], "中文");
    }
}
