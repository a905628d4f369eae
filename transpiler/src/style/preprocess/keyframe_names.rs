//! `@keyframes ~'popup-@{key}-fadein'`: an escaped string as the animation's name, which
//! less.js prints as the name and undercoat drops with the whole at-rule (lin-ui's popup
//! loses its animations); written as the bare name before the compiler runs, which it keeps.

use super::{skip_comment_or_string, Rewritten};

/// Unwraps `~"…"` / `~'…'` names of `@keyframes` (and its vendor-prefixed forms) whose text is
/// a name, with `@{…}` interpolations.
pub fn unwrap_names(text: &str) -> Rewritten {
    let bytes = text.as_bytes();
    let mut edits = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(next) = skip_comment_or_string(text, i) {
            i = next;
            continue;
        }
        if bytes[i] != b'@' {
            i += 1;
            continue;
        }
        let word_len = text[i + 1..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        let word = &text[i + 1..i + 1 + word_len];
        i += 1 + word_len;
        if !word.ends_with("keyframes") {
            continue;
        }
        let name_start = i + text[i..].len() - text[i..].trim_start().len();
        let rest = &text[name_start..];
        let Some(quote) = rest.strip_prefix('~').and_then(|r| r.bytes().next()) else {
            continue;
        };
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let inner_start = name_start + 2;
        let Some(inner_len) = text[inner_start..].find(quote as char) else {
            continue;
        };
        let name = &text[inner_start..inner_start + inner_len];
        if is_name_with_interpolations(name) {
            edits.push((name_start..inner_start + inner_len + 1, name.to_string()));
            i = inner_start + inner_len + 1;
        }
    }
    Rewritten::apply(text, edits)
}

/// Letters, digits, `-`, `_` and `@{variable}` interpolations, not starting with a digit.
fn is_name_with_interpolations(name: &str) -> bool {
    let mut rest = name;
    if rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("@{") {
            let Some(end) = after.find('}') else {
                return false;
            };
            let variable = &after[..end];
            if variable.is_empty()
                || !variable
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                return false;
            }
            rest = &after[end + 1..];
        } else {
            let c = rest.as_bytes()[0];
            if !(c.is_ascii_alphanumeric() || c == b'-' || c == b'_') {
                return false;
            }
            rest = &rest[1..];
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_keyframes_names_are_unwrapped() {
        let text =
            "@keyframes ~'popup-@{key}-fadein' { to { a: b; } }\n@-webkit-keyframes ~\"x\" {}";
        assert_eq!(
            unwrap_names(text).text,
            "@keyframes popup-@{key}-fadein { to { a: b; } }\n@-webkit-keyframes x {}"
        );
    }

    #[test]
    fn other_escapes_and_names_that_are_not_names_stay() {
        let text = ".a { b: ~'c'; }\n@keyframes ~'a b' {}\n@keyframes plain {}\n// @keyframes ~'x'";
        assert_eq!(unwrap_names(text).text, text);
    }
}
