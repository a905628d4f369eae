//! Variables declared in an `each()` ruleset, which undercoat loses when the `each` runs
//! inside a mixin (`.gen() { each(@list, { @c: ~"x-@{value}"; &-@{value} { color: @@c; } }) }`
//! gives "variable @c is undefined", where less.js evaluates it per item): each such
//! declaration is repeated at the top of every rule the ruleset holds, where the compiler
//! finds it, with the same value (`@value`, `@key` and `@index` are seen there).

use super::parent_refs::selectors;
use super::{skip_comment_or_string, skip_comment_string_or_interpolation, Rewritten};

/// Repeats the variable declarations of every `each()` ruleset inside its rules.
pub fn repeat_variables(text: &str) -> Rewritten {
    let mut edits = Vec::new();
    for open in each_rulesets(text) {
        let Some(close) = matching_brace(text, open) else {
            continue;
        };
        let body = &text[open + 1..close];
        let declarations = top_level_variables(body);
        if declarations.is_empty() {
            continue;
        }
        let copy = format!(" {}", declarations.join(" "));
        for (_, brace) in selectors(body) {
            // Only the rules of the ruleset's own level; deeper ones see these by nesting.
            if depth_at(body, brace) == 0 {
                let at = open + 1 + brace + 1;
                edits.push((at..at, copy.clone()));
            }
        }
    }
    edits.sort_by_key(|(range, _)| range.start);
    Rewritten::apply(text, edits)
}

/// Offsets of the `{` opening the ruleset argument of each `each(…, { … })` call.
fn each_rulesets(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(next) = skip_comment_or_string(text, i) {
            i = next;
            continue;
        }
        let starts_call = text[i..].starts_with("each(")
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'-'));
        if starts_call {
            // The first `{` of the call's own arguments (not an `@{…}` interpolation).
            let mut j = i + "each(".len();
            let mut depth = 1usize;
            while j < bytes.len() && depth > 0 {
                if let Some(next) = skip_comment_or_string(text, j) {
                    j = next;
                    continue;
                }
                match bytes[j] {
                    b'(' => depth += 1,
                    b')' => depth -= 1,
                    b'{' if depth == 1 && bytes.get(j.wrapping_sub(1)) != Some(&b'@') => {
                        found.push(j);
                        break;
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        i += 1;
    }
    found
}

/// The `}` closing the `{` at `open` (`@{…}` interpolations, comments and strings skipped).
fn matching_brace(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        if let Some(next) = skip_comment_string_or_interpolation(text, i) {
            i = next;
            continue;
        }
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Brace and parenthesis depth at `at` in `body` (0: the ruleset's own level).
fn depth_at(body: &str, at: usize) -> usize {
    let bytes = body.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < at {
        if let Some(next) = skip_comment_string_or_interpolation(body, i) {
            i = next;
            continue;
        }
        match bytes[i] {
            b'{' | b'(' => depth += 1,
            b'}' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    depth
}

/// The `@name: value;` declarations at the top level of a ruleset's body, as written.
fn top_level_variables(body: &str) -> Vec<&str> {
    let bytes = body.as_bytes();
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut statement = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(next) = skip_comment_or_string(body, i) {
            if depth == 0 && body[statement..i].trim().is_empty() {
                statement = next;
            }
            i = next;
            continue;
        }
        match bytes[i] {
            b'@' if bytes.get(i + 1) == Some(&b'{') => {
                i = body[i..].find('}').map_or(bytes.len(), |e| i + e + 1);
                continue;
            }
            b'{' | b'(' => depth += 1,
            b'}' | b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 && bytes[i] == b'}' {
                    statement = i + 1;
                }
            }
            b';' if depth == 0 => {
                let declaration = body[statement..=i].trim();
                if is_variable_declaration(declaration) {
                    found.push(declaration);
                }
                statement = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// `@name: …;` (not `@import`, `@media` or another at-rule).
fn is_variable_declaration(statement: &str) -> bool {
    let Some(rest) = statement.strip_prefix('@') else {
        return false;
    };
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
        .count();
    name_len > 0 && rest[name_len..].trim_start().starts_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruleset_variables_are_repeated_inside_its_rules() {
        let text = ".gen() {\n  each(@l, {\n    @c: ~\"x-@{value}\";\n    &-@{value} { color: @@c; }\n    .i { b: c; }\n  });\n}";
        assert_eq!(
            repeat_variables(text).text,
            ".gen() {\n  each(@l, {\n    @c: ~\"x-@{value}\";\n    &-@{value} { @c: ~\"x-@{value}\"; color: @@c; }\n    .i { @c: ~\"x-@{value}\"; b: c; }\n  });\n}"
        );
    }

    #[test]
    fn a_ruleset_without_variables_and_other_calls_are_left_alone() {
        let text = "each(@l, { .a-@{value} { b: @value; } });\n.x { width: reach(1); @media (a) { b: c; } }";
        assert_eq!(repeat_variables(text).text, text);
    }

    #[test]
    fn rules_of_nested_blocks_are_not_repeated_into() {
        let text = "each(@l, { @c: 1; .a { .b { d: @c; } } });";
        assert_eq!(
            repeat_variables(text).text,
            "each(@l, { @c: 1; .a { @c: 1; .b { d: @c; } } });"
        );
    }
}
