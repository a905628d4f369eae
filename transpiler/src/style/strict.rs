//! Braces where WeChat's `wcsc` refuses them, found before parsing and repaired without moving a
//! byte (as [`super::quirks`] does), so that a broken sheet is an error in miniport too, but
//! the rest of it is kept.
//!
//! - **A `{` inside a block of declarations** (a rule's, `@font-face`'s, or any at-rule's but
//!   `@media`, `@supports` and `@keyframes`, which hold rules): `wcsc` says "unexpected `{`".
//!   It is either a block left unclosed (`.b { width: 10rpx;` and then more rules) or a nested
//!   rule, which WeChat does not support; a CSS parser would read all that follows as nested
//!   inside the open rule. `wxss::unclosed-block`; when the open block is a rule's and its
//!   last declaration ends with `;` before the inner rule's selector, that `;` becomes the
//!   missing `}` (and the `}` left over at the end, if any, is dropped).
//! - **A `}` that closes nothing**: `wcsc` says "error at token `}`"; a CSS parser would
//!   swallow the next rule into a broken selector. `wxss::stray-brace`; it becomes a space.
//! - **A `{` with no selector, a declaration outside any rule, a `;` with no declaration
//!   before it in a block** (`{ color: red }`, `color: red;` at the top level, `.a {;`,
//!   `red;;`): `wcsc` says "unexpected token". `wxss::unexpected-token`; CSS drops them. (A
//!   lone `;` between rules is rejected by npm's `wcsc` too, but [`super::quirks`] has
//!   always read it silently; that is left as it is.)
//! - **An at-rule ending with `;` other than `@import` and `@charset` at the top level**
//!   (`@namespace`, `@layer a, b;`, `@apply x;` in a rule): `wcsc` says "unexpected token `;`".
//!   `wxss::unsupported-at-rule`; it is left as CSS reads it (browsers know most of them).

use super::quirks::skip_string;
use crate::source::{codes, Diagnostic};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    /// Holds rules: `@media`, `@supports`, `@document`.
    Rules,
    /// `@keyframes`: holds keyframe blocks.
    Keyframes,
    /// Holds declarations; `rule` when it is a style rule's block (which may be repaired).
    Declarations { rule: bool },
}

/// The sheet `text` of `path` with its braces repaired (`None` when nothing was), and an error
/// for each brace `wcsc` refuses.
pub fn check(path: &str, text: &str) -> (Option<String>, Vec<Diagnostic>) {
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut found = Vec::new();
    // Open blocks, each with the offset of its `{`.
    let mut stack: Vec<(Block, usize)> = Vec::new();
    let mut parens = 0usize;
    // The last byte read that is not blank (strings and escapes count as a quote).
    let mut prev = b'}';
    // Blocks closed by a repair, whose own `}` may still come and then closes nothing.
    let mut repaired_blocks = 0usize;
    // Where the current prelude or declaration starts.
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
                continue;
            }
            b'"' | b'\'' => {
                start.get_or_insert(i);
                prev = b'"';
                i = skip_string(bytes, i);
                continue;
            }
            b'\\' => {
                start.get_or_insert(i);
                prev = b'\\';
                i += 2;
                continue;
            }
            b'(' | b'[' => {
                start.get_or_insert(i);
                parens += 1;
            }
            b')' | b']' => parens = parens.saturating_sub(1),
            _ if parens > 0 => {}
            b'{' => {
                if start.is_none() && !matches!(stack.last(), Some((Block::Declarations { .. }, _)))
                {
                    found.push(unexpected(path, i..i + 1, "a block with no selector"));
                }
                let prelude_at = start.unwrap_or(i);
                if let Some(&(Block::Declarations { rule }, open)) = stack.last() {
                    let selector_at = last_line_start(bytes, prelude_at, i);
                    let repaired = rule
                        .then(|| closing_byte(bytes, open, selector_at))
                        .flatten();
                    if let Some(at) = repaired {
                        out.get_or_insert_with(|| bytes.to_vec())[at] = b'}';
                        stack.pop();
                        repaired_blocks += 1;
                    }
                    found.push(unclosed(path, open, selector_at, repaired.is_some()));
                }
                let parent = stack.last().map(|(b, _)| *b);
                stack.push((kind(&text[prelude_at..i], parent), i));
                start = None;
            }
            b'}' => {
                if stack.pop().is_none() {
                    out.get_or_insert_with(|| bytes.to_vec())[i] = b' ';
                    if repaired_blocks > 0 {
                        repaired_blocks -= 1;
                        start = None;
                        i += 1;
                        continue;
                    }
                    found.push(
                        Diagnostic::of(codes::WXSS_STRAY_BRACE, "a `}` here closes no block")
                            .in_file(path)
                            .with_span(i..i + 1)
                            .with_label("closes nothing")
                            .with_hint("remove it: WeChat's wcsc rejects the sheet here (\"error at token `}`\"); miniport ignores it and keeps the rest"),
                    );
                }
                start = None;
            }
            b';' => {
                if let Some(at) = start.filter(|&at| bytes[at] == b'@') {
                    let name = at_rule_name(&text[at + 1..i]);
                    if stack.iter().any(|(b, _)| *b != Block::Rules)
                        || !matches!(name.as_str(), "import" | "charset")
                    {
                        found.push(unsupported_at_rule(path, &name, at..i + 1));
                    }
                } else if let Some(at) = start {
                    if !matches!(stack.last(), Some((Block::Declarations { .. }, _))) {
                        found.push(unexpected(
                            path,
                            at..i + 1,
                            "a declaration outside any rule",
                        ));
                    }
                } else if matches!(stack.last(), Some((Block::Declarations { .. }, _)))
                    && matches!(prev, b'{' | b';')
                {
                    found.push(unexpected(
                        path,
                        i..i + 1,
                        "a `;` with no declaration before it",
                    ));
                }
                start = None;
            }
            b if b.is_ascii_whitespace() => {}
            _ => {
                start.get_or_insert(i);
            }
        }
        if !bytes[i].is_ascii_whitespace() {
            prev = bytes[i];
        }
        i += 1;
    }
    if let Some(&(_, open)) = stack.first() {
        found.push(
            Diagnostic::of(codes::WXSS_UNCLOSED_BLOCK, "this block is never closed")
                .in_file(path)
                .with_span(open..open + 1)
                .with_label("opened here")
                .with_hint("add the missing `}`: WeChat's wcsc rejects the sheet at its end; CSS closes it there"),
        );
    }
    // Only ASCII bytes were written over ASCII bytes, so the text is still UTF-8.
    (out.and_then(|b| String::from_utf8(b).ok()), found)
}

/// The lower-case name of the at-rule whose text after `@` is `rest`.
fn at_rule_name(rest: &str) -> String {
    rest.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect::<String>()
        .to_ascii_lowercase()
}

fn unexpected(path: &str, span: std::ops::Range<usize>, what: &str) -> Diagnostic {
    Diagnostic::of(codes::WXSS_UNEXPECTED_TOKEN, what.to_string())
        .in_file(path)
        .with_span(span)
        .with_label("unexpected here")
        .with_hint("remove it: WeChat's wcsc rejects the sheet here; miniport leaves it to CSS, which drops it")
}

fn unsupported_at_rule(path: &str, name: &str, span: std::ops::Range<usize>) -> Diagnostic {
    Diagnostic::of(
        codes::WXSS_UNSUPPORTED_AT_RULE,
        format!("`@{name}` cannot stand here in WeChat"),
    )
    .in_file(path)
    .with_span(span)
    .with_label("a statement at-rule WeChat does not know")
    .with_hint("WeChat's wcsc rejects the sheet here (\"unexpected token `;`\"): of the at-rules ending with `;` it knows `@import` and `@charset` at the top level only; miniport keeps it as CSS reads it")
}

/// What the block opened after `prelude` holds.
fn kind(prelude: &str, parent: Option<Block>) -> Block {
    let prelude = prelude.trim();
    if let Some(at_rule) = prelude.strip_prefix('@') {
        let name = at_rule_name(at_rule);
        let unprefixed = name.rsplit('-').next().unwrap_or(&name);
        return match unprefixed {
            "media" | "supports" | "document" => Block::Rules,
            "keyframes" => Block::Keyframes,
            _ => Block::Declarations { rule: false },
        };
    }
    Block::Declarations {
        rule: parent != Some(Block::Keyframes),
    }
}

/// Where the selector before the `{` at `brace` starts: after the last line break of the
/// prelude that starts at `at` (a declaration without `;` may come before it on its line).
fn last_line_start(bytes: &[u8], at: usize, brace: usize) -> usize {
    bytes[at..brace]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(at, |n| {
            let from = at + n + 1;
            from + bytes[from..brace]
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(0)
        })
}

/// The `;` ending the last declaration before the selector at `selector`, with only blanks
/// between them: it becomes the missing `}` of the block opened at `open` (a line break is
/// never written over, so every line keeps its number).
fn closing_byte(bytes: &[u8], open: usize, selector: usize) -> Option<usize> {
    let k = bytes[open + 1..selector]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())?;
    (bytes[open + 1 + k] == b';').then_some(open + 1 + k)
}

fn unclosed(path: &str, open: usize, selector: usize, repaired: bool) -> Diagnostic {
    let what = if repaired {
        "miniport closes it before this rule and keeps the rest"
    } else {
        "miniport reads the rule as nested, as CSS does"
    };
    Diagnostic::of(
        codes::WXSS_UNCLOSED_BLOCK,
        format!("a rule starts inside the block opened at byte {open}, which is not closed"),
    )
    .in_file(path)
    .with_span(selector..selector + 1)
    .with_label("unexpected rule inside a block")
    .with_hint(format!("close the block above with `}}` (WeChat's wcsc rejects the sheet: \"unexpected `{{`\", and WeChat has no nested rules); {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes_of(found: &[Diagnostic]) -> Vec<&'static str> {
        found.iter().map(|d| d.code).collect()
    }

    #[test]
    fn an_unclosed_rule_is_closed_before_the_next_rule() {
        let text = ".a { color: red; }\n.b { width: 10rpx;\n.c { color: blue; }";
        let (fixed, found) = check("a.wxss", text);
        assert_eq!(
            fixed.as_deref(),
            Some(".a { color: red; }\n.b { width: 10rpx}\n.c { color: blue; }")
        );
        assert_eq!(codes_of(&found), [codes::WXSS_UNCLOSED_BLOCK.name]);
        assert_eq!(
            found[0].span,
            Some(text.find(".c").unwrap_or(0)..text.find(".c").unwrap_or(0) + 1)
        );
    }

    #[test]
    fn a_nested_rule_after_a_declaration_is_moved_out_and_its_parents_brace_dropped() {
        let (fixed, found) = check("a.wxss", ".b { width: 1px; .c { color: blue } }");
        assert_eq!(
            fixed.as_deref(),
            Some(".b { width: 1px} .c { color: blue }  ")
        );
        assert_eq!(codes_of(&found), [codes::WXSS_UNCLOSED_BLOCK.name]);
    }

    #[test]
    fn a_declaration_without_semicolon_on_the_line_above_is_reported_not_repaired() {
        let (fixed, found) = check("a.wxss", ".b { width: 1px\n.c { color: blue } }");
        assert_eq!(fixed, None);
        let (fixed, _) = check("a.wxss", ".a { .b { color: red } }");
        assert_eq!(fixed, None, "nothing to turn into `}}`");
        assert_eq!(codes_of(&found), [codes::WXSS_UNCLOSED_BLOCK.name]);
    }

    #[test]
    fn a_block_open_at_the_end_is_reported_at_its_brace() {
        let (fixed, found) = check("a.wxss", ".a { color: red; }\n.b { width: 10rpx;");
        assert_eq!(fixed, None);
        assert_eq!(codes_of(&found), [codes::WXSS_UNCLOSED_BLOCK.name]);
        assert_eq!(found[0].span, Some(22..23));
    }

    #[test]
    fn a_stray_closing_brace_becomes_a_space() {
        let (fixed, found) = check("a.wxss", ".a { color: red; }\n}\n.c { color: blue; }");
        assert_eq!(
            fixed.as_deref(),
            Some(".a { color: red; }\n \n.c { color: blue; }")
        );
        assert_eq!(codes_of(&found), [codes::WXSS_STRAY_BRACE.name]);
    }

    #[test]
    fn rules_inside_media_supports_and_keyframes_are_fine() {
        for text in [
            "@media (max-width: 100px) { .a { color: red } }",
            "@supports (display: grid) { @media screen { .a { color: red } } }",
            "@-webkit-keyframes x { 0% { color: red } 50%, 100% { color: blue } }",
            "@font-face { font-family: x; src: url(a{b}.ttf) }",
            ".a { content: \"{\"; background: url(\"x}.png\") } /* { */",
        ] {
            assert_eq!(check("a.wxss", text), (None, Vec::new()), "{text}");
        }
    }

    #[test]
    fn empty_selectors_stray_declarations_and_empty_declarations_are_errors() {
        let text = "{ color: red }\ncolor: red;\n.a {; color: red;; }\n.b { color: red; }\n;";
        let (fixed, found) = check("a.wxss", text);
        assert_eq!(fixed, None);
        let spans: Vec<&str> = found
            .iter()
            .map(|d| &text[d.span.clone().unwrap_or_default()])
            .collect();
        assert_eq!(spans, ["{", "color: red;", ";", ";"]);
        assert_eq!(codes_of(&found), [codes::WXSS_UNEXPECTED_TOKEN.name; 4]);
    }

    #[test]
    fn statement_at_rules_other_than_import_and_charset_are_errors() {
        let text =
            "@charset \"utf-8\";\n@import 'a.wxss';\n@namespace svg;\n.a { @apply x; color: red }";
        let (fixed, found) = check("a.wxss", text);
        assert_eq!(fixed, None);
        let spans: Vec<&str> = found
            .iter()
            .map(|d| &text[d.span.clone().unwrap_or_default()])
            .collect();
        assert_eq!(spans, ["@namespace svg;", "@apply x;"]);
        assert_eq!(codes_of(&found), [codes::WXSS_UNSUPPORTED_AT_RULE.name; 2]);
    }

    #[test]
    fn rules_inside_other_at_rules_are_reported_as_wcsc_rejects_them() {
        let (fixed, found) = check("a.wxss", "@layer base { .a { color: red } }");
        assert_eq!(fixed, None, "not a rule's block: left as CSS reads it");
        assert_eq!(codes_of(&found), [codes::WXSS_UNCLOSED_BLOCK.name]);
    }
}
