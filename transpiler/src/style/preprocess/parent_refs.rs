//! `&` inside a pseudo-class's argument (`&--full:not(&--rounded)`, `:deep(&__icon)`),
//! which less.js replaces with the parent selector and undercoat leaves as written: each such
//! `&` becomes a placeholder, and a top-level `&` between two markers goes in front of the
//! selector, which the compiler does replace; after it ran, each placeholder takes the
//! selector its marked `&` became, and the markers go.
//!
//! A top-level `&` keeps less.js's two rules: a selector that names `&` anywhere gets no
//! implicit parent in front, and with a parent list every `&` takes each parent in turn (the
//! compiler makes the same combinations for the added ones). The markers go in front, not
//! behind, so that nested rules (`&:first-child`) still append to the selector itself.

use super::{skip_comment_or_string, Rewritten};

/// `.mpampat<n> & .mpampto<n>` carries the parent of the `n`-th moved `&` (numbered across the
/// file, so that a nested rule's markers are told from its parent's); `mpamp<n>-` is where
/// it goes. Names no stylesheet uses; the markers are classes, so that a selector after a
/// declaration still reads as one.
const OPEN: &str = ".mpampat";
const CLOSE: &str = ".mpampto";
const PLACEHOLDER: &str = "mpamp";

/// Moves every `&` inside a pseudo-class argument of a rule's selector out of it.
pub fn move_out(text: &str) -> Rewritten {
    let mut next = 0;
    let edits = selectors(text)
        .into_iter()
        .filter_map(|(start, end)| {
            rewrite_selector(&text[start..end], &mut next).map(|new| (start..end, new))
        })
        .collect();
    Rewritten::apply(text, edits)
}

/// Puts the selectors the moved `&`s became into their placeholders, in the compiled CSS.
pub fn put_back(css: &str) -> String {
    if !css.contains(OPEN) {
        return css.to_string();
    }
    let mut out = String::with_capacity(css.len());
    let mut copied = 0;
    for (start, end) in selectors(css) {
        if !css[start..end].contains(OPEN) {
            continue;
        }
        out.push_str(&css[copied..start]);
        out.push_str(&fill(&css[start..end]));
        copied = end;
    }
    out.push_str(&css[copied..]);
    out
}

/// A compiled selector with markers → the selector, left to right: the first marker's
/// parent (itself filled first) replaces the first placeholder of its number after it.
fn fill(selector: &str) -> String {
    let mut text = selector.to_string();
    while let Some(open) = text.find(OPEN) {
        let digits = text[open + OPEN.len()..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        let n = &text[open + OPEN.len()..open + OPEN.len() + digits];
        let close_marker = format!(" {CLOSE}{n}");
        let value_start = open + OPEN.len() + digits;
        let Some(close) = text[value_start..]
            .find(&close_marker)
            .map(|c| value_start + c)
        else {
            break;
        };
        let parent = fill(text[value_start..close].trim());
        let mut after = close + close_marker.len();
        if text[after..].starts_with(' ') {
            after += 1;
        }
        let placeholder = format!("{PLACEHOLDER}{n}-");
        let rest = match text[after..].find(&placeholder) {
            Some(p) => format!(
                "{}{parent}{}",
                &text[after..after + p],
                &text[after + p + placeholder.len()..]
            ),
            None => text[after..].to_string(),
        };
        text = format!("{}{rest}", &text[..open]);
    }
    text
}

/// The selector of one rule with its pseudo-class `&`s moved out, or `None` when it has
/// none; `next` numbers the moved `&`s.
fn rewrite_selector(selector: &str, next: &mut usize) -> Option<String> {
    let items = split_top_level(selector, b',');
    let mut changed = false;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let inner = inner_parent_refs(item);
        if inner.is_empty() {
            out.push(item.to_string());
            continue;
        }
        changed = true;
        let body_start = item.len() - item.trim_start().len();
        let mut rewritten = String::with_capacity(item.len() + 32 * inner.len());
        rewritten.push_str(&item[..body_start]);
        for k in 0..inner.len() {
            let n = *next + k;
            rewritten.push_str(&format!("{OPEN}{n} & {CLOSE}{n} "));
        }
        let mut copied = body_start;
        for (k, at) in inner.iter().enumerate() {
            rewritten.push_str(&item[copied..*at]);
            rewritten.push_str(&format!("{PLACEHOLDER}{}-", *next + k));
            copied = at + 1;
        }
        rewritten.push_str(&item[copied..]);
        *next += inner.len();
        out.push(rewritten);
    }
    changed.then(|| out.join(","))
}

/// Offsets of the `&`s of `item` that are inside the argument of a pseudo-class (not
/// `:extend`).
fn inner_parent_refs(item: &str) -> Vec<usize> {
    let bytes = item.as_bytes();
    // For each open parenthesis: whether it is a pseudo-class's.
    let mut open: Vec<bool> = Vec::new();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(next) = skip_comment_or_string(item, i) {
            i = next;
            continue;
        }
        match bytes[i] {
            b'(' => open.push(is_pseudo_class_call(&item[..i])),
            b')' => {
                open.pop();
            }
            b'&' if open.iter().any(|pseudo| *pseudo) => found.push(i),
            _ => {}
        }
        i += 1;
    }
    found
}

/// Whether `before` ends with `:name` (or `::name`) other than `:extend`.
fn is_pseudo_class_call(before: &str) -> bool {
    let name_start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .map_or(0, |i| i + 1);
    let name = &before[name_start..];
    !name.is_empty() && before[..name_start].ends_with(':') && name != "extend"
}

/// `text` split at the `separator`s outside parentheses, brackets, comments and strings.
fn split_top_level(text: &str, separator: u8) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(next) = skip_comment_or_string(text, i) {
            i = next;
            continue;
        }
        match bytes[i] {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b if b == separator && depth == 0 => {
                parts.push(&text[from..i]);
                from = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&text[from..]);
    parts
}

/// The byte ranges of the rule selectors of a Less or CSS text: the text of each statement
/// that a block (`{`) follows, without leading whitespace, comments and at-rules (`@media`,
/// variables holding rulesets). `@{…}` interpolations and `url(…)` are not delimiters.
pub(super) fn selectors(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut statement = 0;
    // Parenthesis depth of each open block (a ruleset may open inside `each(…, {`).
    let mut depths: Vec<usize> = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        if let Some(next) = skip_comment_or_string(text, i) {
            if statement == i {
                statement = next;
            }
            i = next;
            continue;
        }
        let depth = depths.last_mut().map_or(0, |d| *d);
        match bytes[i] {
            b'@' if bytes.get(i + 1) == Some(&b'{') => {
                i = text[i..].find('}').map_or(bytes.len(), |e| i + e + 1);
                continue;
            }
            b'(' if text[..i].ends_with("url") => {
                i = text[i..].find(')').map_or(bytes.len(), |e| i + e + 1);
                continue;
            }
            b'(' => {
                if let Some(d) = depths.last_mut() {
                    *d += 1;
                }
            }
            b')' => {
                if let Some(d) = depths.last_mut() {
                    *d = d.saturating_sub(1);
                }
            }
            b'{' => {
                let start =
                    statement + text[statement..i].len() - text[statement..i].trim_start().len();
                if depth == 0 && !text[start..i].starts_with('@') {
                    found.push((start, i));
                }
                depths.push(0);
                statement = i + 1;
            }
            b'}' => {
                if depths.len() > 1 {
                    depths.pop();
                }
                statement = i + 1;
            }
            b';' => statement = i + 1,
            _ => {}
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ampersands_in_pseudo_class_arguments_are_moved_in_front_of_the_selector() {
        let moved = move_out(".x {\n  &--full:not(&--rounded) { a: b; }\n}");
        assert_eq!(
            moved.text,
            ".x {\n  .mpampat0 & .mpampto0 &--full:not(mpamp0---rounded) { a: b; }\n}"
        );
    }

    #[test]
    fn each_item_of_a_selector_list_is_rewritten_on_its_own_and_numbers_go_on() {
        let moved = move_out(".x { &-a:is(&-b, &-c),\n  &-d { e: f; } .y:not(&) { g: h; } }");
        assert_eq!(
            moved.text,
            ".x { .mpampat0 & .mpampto0 .mpampat1 & .mpampto1 &-a:is(mpamp0--b, mpamp1--c),\n  &-d { e: f; } .mpampat2 & .mpampto2 .y:not(mpamp2-) { g: h; } }"
        );
    }

    #[test]
    fn extend_interpolation_urls_and_declarations_are_left_alone() {
        let text =
            ".a { b: url(//x.png); }\n.@{p}-c:extend(&-d all) { e: f; }\n.m() when (@a) { g: h; }";
        assert_eq!(move_out(text).text, text);
    }

    #[test]
    fn rulesets_inside_function_calls_are_scanned() {
        let moved = move_out(".x { each(@l, { &:not(&-@{value}) { a: b; } }); }");
        assert_eq!(
            moved.text,
            ".x { each(@l, { .mpampat0 & .mpampto0 &:not(mpamp0--@{value}) { a: b; } }); }"
        );
    }

    #[test]
    fn placeholders_take_the_compiled_parents() {
        let css = ".mpampat0 .x .mpampto0 .x--full:not(mpamp0---r),\n.mpampat0 .y .mpampto0 .y--full:not(mpamp0---r) {\n  a: b;\n}\n";
        assert_eq!(
            put_back(css),
            ".x--full:not(.x--r),\n.y--full:not(.y--r) {\n  a: b;\n}\n"
        );
    }

    #[test]
    fn a_nested_rule_fills_its_parents_markers_inside_its_own() {
        // `.a { &-b:not(&-c) { &-d:not(&-e) {} } }` after the compiler.
        let css = ".mpampat1 .mpampat0 .a .mpampto0 .a-b:not(mpamp0--c) .mpampto1 .mpampat0 .a .mpampto0 .a-b:not(mpamp0--c)-d:not(mpamp1--e) { f: g; }";
        assert_eq!(
            put_back(css),
            ".a-b:not(.a-c)-d:not(.a-b:not(.a-c)-e) { f: g; }"
        );
    }

    #[test]
    fn offsets_after_a_change_map_back_to_the_source() {
        let source = ".x { &:not(&-a) { b: c; } d }";
        let moved = move_out(source);
        let in_moved = moved.text.find(" d }").unwrap_or_default();
        assert_eq!(
            moved.source_offset(in_moved),
            source.find(" d }").unwrap_or_default()
        );
        assert_eq!(moved.source_offset(2), 2);
    }
}
