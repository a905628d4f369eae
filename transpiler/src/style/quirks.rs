//! What WeChat's `wcsc` accepts and a CSS parser rejects, rewritten before parsing without
//! moving a byte (so every diagnostic's offset still points into the author's text).
//!
//! - A stray `;` between top-level rules (`.a{};` or a lone `;` line): a CSS parser reads
//!   it as the start of the next rule's selector and drops that rule. It becomes a space.
//! - `@import 'a.wxss'` without its `;`: `wcsc` reads one string after `@import` and ends
//!   the statement there; a CSS parser swallows the next rule into the import's prelude. The
//!   `;` takes a space or tab after the string, else the string moves left into the space
//!   after `@import` and the `;` takes its last byte (line breaks stay where they are).
//! - `@import` after a rule: `wcsc` inlines the file where the statement stands; CSS ignores
//!   such an import. It is renamed to [`LATE_IMPORT`] (same length), which the parser keeps
//!   as an unknown at-rule and the loader inlines in place.

/// The at-rule name an `@import` that follows a rule is renamed to (as long as `import`).
pub const LATE_IMPORT: &str = "-mpimp";

/// The text with WeChat's quirks rewritten, or `None` when it has none.
pub fn neutralise(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut edit = |at: usize, byte: u8| {
        out.get_or_insert_with(|| bytes.to_vec())[at] = byte;
    };
    let mut depth = 0usize;
    // The last significant byte at depth 0: a `;` right after a rule, another `;` or the
    // start of the file is stray.
    let mut after_rule = true;
    // Whether a rule with a block has ended at depth 0 (an `@import` after it is late).
    let mut rule_seen = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = skip_comment(text, i);
                continue;
            }
            b'"' | b'\'' => {
                i = skip_string(bytes, i);
                after_rule = false;
                continue;
            }
            b'\\' => {
                i += 1;
                after_rule = false;
            }
            b'@' if depth == 0 && is_import(bytes, i) => {
                if rule_seen {
                    for (k, b) in LATE_IMPORT.bytes().enumerate() {
                        edit(i + 1 + k, b);
                    }
                }
                i = terminate_import(text, i, &mut edit);
                after_rule = false;
                continue;
            }
            b'{' | b'(' | b'[' => {
                depth += 1;
                after_rule = false;
            }
            b'}' | b')' | b']' => {
                depth = depth.saturating_sub(1);
                after_rule = depth == 0 && bytes[i] == b'}';
                rule_seen |= after_rule;
            }
            b';' if depth == 0 => {
                if after_rule {
                    edit(i, b' ');
                }
                after_rule = true;
            }
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => {}
            _ => after_rule = false,
        }
        i += 1;
    }
    // Only ASCII bytes were written over ASCII bytes, so the text is still UTF-8.
    out.and_then(|bytes| String::from_utf8(bytes).ok())
}

/// Whether `@import` (any case) starts at `at` and is not the start of a longer name.
fn is_import(bytes: &[u8], at: usize) -> bool {
    let name = b"import";
    bytes.len() >= at + 1 + name.len()
        && bytes[at + 1..at + 1 + name.len()].eq_ignore_ascii_case(name)
        && !bytes
            .get(at + 1 + name.len())
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
}

/// Gives the `@import` at `at` its missing `;` when it names a string and nothing ends it;
/// returns where scanning goes on (after the string, or after the name).
fn terminate_import(text: &str, at: usize, edit: &mut impl FnMut(usize, u8)) -> usize {
    let bytes = text.as_bytes();
    let after_name = at + 1 + "import".len();
    let quote_at = skip_blank(text, after_name);
    if !matches!(bytes.get(quote_at), Some(b'"' | b'\'')) {
        return after_name;
    }
    let string_end = skip_string(bytes, quote_at);
    let next = skip_blank(text, string_end);
    if next >= bytes.len() || bytes[next] == b';' {
        return string_end;
    }
    // `@import 'a' screen;`, `@import 'a' layer(x) supports(display: grid);`: a statement that
    // a `;` ends on its line, before any block, is whole (CSS reads the rest as its media
    // query, layer and condition).
    let rest = &bytes[string_end..];
    if let Some(end) = rest
        .iter()
        .position(|b| matches!(b, b';' | b'{' | b'}' | b'\n'))
    {
        if rest[end] == b';' {
            return string_end;
        }
    }
    // A line break is never written over, so every line keeps its number.
    let blank = |b: u8| b == b' ' || b == b'\t' || b == b'\r';
    if string_end < next && blank(bytes[string_end]) {
        edit(string_end, b';');
    } else if after_name < quote_at && blank(bytes[quote_at - 1]) {
        // `@import 'a'\n.b{}` → `@import'a';\n.b{}`: the string moves one byte left.
        for (k, byte) in bytes.iter().enumerate().take(string_end).skip(quote_at) {
            edit(k - 1, *byte);
        }
        edit(string_end - 1, b';');
    } else if string_end < next && bytes[string_end].is_ascii_whitespace() {
        edit(string_end, b';');
    }
    string_end
}

/// The index after the comment that starts at `at`.
fn skip_comment(text: &str, at: usize) -> usize {
    match text[at + 2..].find("*/") {
        Some(end) => at + 2 + end + 2,
        None => text.len(),
    }
}

/// The index after the string that starts at `at` (a string ends at its quote or line end).
pub(super) fn skip_string(bytes: &[u8], at: usize) -> usize {
    let quote = bytes[at];
    let mut i = at + 1;
    while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
        if bytes[i] == b'\\' {
            i += 1;
        }
        i += 1;
    }
    (i + 1).min(bytes.len())
}

/// The index of the first byte from `at` that is neither whitespace nor in a comment.
fn skip_blank(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at < bytes.len() {
        if bytes[at].is_ascii_whitespace() {
            at += 1;
        } else if bytes[at] == b'/' && bytes.get(at + 1) == Some(&b'*') {
            at = skip_comment(text, at);
        } else {
            break;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_semicolons_between_rules_are_blanked() {
        assert_eq!(neutralise(".a{};\n;.b{}").as_deref(), Some(".a{} \n .b{}"));
        assert_eq!(neutralise(";.a{}").as_deref(), Some(" .a{}"));
    }

    #[test]
    fn meaningful_semicolons_are_kept() {
        assert_eq!(neutralise("@import \"a.wxss\";\n.a{color:red;}"), None);
        assert_eq!(neutralise(".a{b:url(data:x;y)}"), None);
        assert_eq!(neutralise("/* ; */ .a{content:\"};\"}"), None);
    }

    #[test]
    fn second_semicolon_after_an_import_is_stray() {
        assert_eq!(
            neutralise("@import \"a\";;").as_deref(),
            Some("@import \"a\"; ")
        );
    }

    #[test]
    fn import_with_a_media_query_layer_or_condition_and_its_semicolon_is_left_whole() {
        for text in [
            "@import \"a.wxss\" screen;\n.x{color:blue}",
            "@import 'a' supports(display: grid);\n.x{}",
            "@import 'a' layer(l0) supports(display: grid) screen and (min-width: 1px);",
        ] {
            assert_eq!(neutralise(text), None, "{text}");
        }
        // Without its `;` before the next block or line, it still ends after its string.
        assert_eq!(
            neutralise("@import 'a' .b{}").as_deref(),
            Some("@import 'a';.b{}")
        );
    }

    #[test]
    fn import_without_semicolon_ends_after_its_string() {
        assert_eq!(
            neutralise("@import 'a.wxss'\n.b{}").as_deref(),
            Some("@import'a.wxss';\n.b{}")
        );
        assert_eq!(
            neutralise("@IMPORT \"a\" /* c */ .b{}").as_deref(),
            Some("@IMPORT \"a\";/* c */ .b{}")
        );
        assert_eq!(
            neutralise("@import 'a'\r\n.b{}").as_deref(),
            Some("@import 'a';\n.b{}")
        );
        assert_eq!(
            neutralise("@import 'a'.b{}").as_deref(),
            Some("@import'a';.b{}")
        );
        // Last in the file, or already ended: nothing to do.
        assert_eq!(neutralise("@import 'a'"), None);
        assert_eq!(neutralise("@import 'a' ;"), None);
    }

    #[test]
    fn import_after_a_rule_is_renamed_in_place() {
        let text = ".a{}\n@import 'b';\n.c{}";
        let fixed = neutralise(text).unwrap_or_default();
        assert_eq!(fixed, format!(".a{{}}\n@{LATE_IMPORT} 'b';\n.c{{}}"));
        assert_eq!(fixed.len(), text.len());
    }

    #[test]
    fn names_that_only_start_with_import_are_left_alone() {
        assert_eq!(neutralise("@imports 'a'\n.b{}"), None);
        assert_eq!(neutralise(".a{}@media screen{.b{}}"), None);
    }
}
