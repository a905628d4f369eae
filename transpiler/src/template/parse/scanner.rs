//! A cursor over the source text that peeks, matches and skips without ever going out of bounds.

use super::ast::Span;

/// Position in `src`, always on a character boundary.
pub struct Scanner<'a> {
    pub src: &'a str,
    pub pos: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(src: &'a str) -> Self {
        Scanner { src, pos: 0 }
    }

    pub fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    pub fn peek(&self) -> Option<u8> {
        self.peek_at(0)
    }

    pub fn peek_at(&self, n: usize) -> Option<u8> {
        self.src.as_bytes().get(self.pos + n).copied()
    }

    pub fn starts_with(&self, s: &str) -> bool {
        self.rest().starts_with(s)
    }

    /// Skips `s` if the text continues with it.
    pub fn eat(&mut self, s: &str) -> bool {
        let found = self.starts_with(s);
        if found {
            self.pos += s.len();
        }
        found
    }

    /// Moves past one character (a whole UTF-8 sequence).
    pub fn bump(&mut self) {
        if let Some(c) = self.rest().chars().next() {
            self.pos += c.len_utf8();
        }
    }

    /// Skips ASCII bytes for which `keep` holds; returns the skipped span.
    pub fn skip_while(&mut self, keep: impl Fn(u8) -> bool) -> Span {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if !b.is_ascii() || !keep(b) {
                break;
            }
            self.pos += 1;
        }
        start..self.pos
    }

    pub fn skip_whitespace(&mut self) {
        self.skip_while(is_space);
    }

    /// Moves to `pos + n`, clamped to the end (callers pass lengths of ASCII matches).
    pub fn advance(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.src.len());
        while !self.src.is_char_boundary(self.pos) {
            self.pos += 1;
        }
    }

    pub fn slice(&self, span: Span) -> &'a str {
        self.src.get(span).unwrap_or("")
    }
}

/// XML whitespace.
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// First character of a tag name (`view`, `View`, `_x`).
pub fn is_tag_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

/// First character of an attribute name; `:` for `:disable-scroll`-style names.
pub fn is_attr_name_start(b: u8) -> bool {
    is_tag_name_start(b) || b == b':'
}

/// Any later character of a tag or attribute name (`wx:for-item`, `data-shop_type`).
/// `.` is not one: `wcc` rejects `<a.b>` and `data-a.b=`.
pub fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':')
}
