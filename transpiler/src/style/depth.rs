//! How deep a stylesheet may nest: lightningcss and the Less and Sass compilers recurse once
//! per block, bracket or parenthesis (`a{b{c{…}}}`, `calc(calc(…))`, `:not(:not(…))`), so a
//! sheet nested deeper than [`MAX_DEPTH`] (or with blocks deeper than [`MAX_BLOCK_DEPTH`]) is
//! refused before any of them reads it, with a `wxss::too-deep` error where the limit was passed.

use crate::source::{codes, Diagnostic};

/// The deepest nesting of `{`, `(` and `[` read; real sheets stay far below it.
pub const MAX_DEPTH: usize = 256;

/// The deepest nesting of `{` blocks read: lightningcss's printer keeps its indentation in a
/// `u8`, two columns per block, and overflows past 127 blocks (a panic in a debug build,
/// garbled output in a release build); the margin leaves room for the `@media`, `@supports`
/// and `@layer` blocks that inlining an `@import` wraps around the imported rules.
pub const MAX_BLOCK_DEPTH: usize = 100;

/// The most `@media`, `@supports` and `@layer` blocks that inlined `@import`s may wrap around
/// a file, counted along the chain of imports that reaches it: with a file's own
/// [`MAX_BLOCK_DEPTH`], 120 blocks, under the printer's 127.
pub const MAX_IMPORT_WRAPPING: usize = 20;

/// The `wxss::too-deep` error of `path` when `text` nests deeper than [`MAX_DEPTH`]; strings
/// and comments are skipped.
pub fn check(path: &str, text: &str) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    let (mut depth, mut blocks) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 1);
            }
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'(' | b'[' => {
                depth += 1;
                blocks += usize::from(bytes[i] == b'{');
                let message = if blocks > MAX_BLOCK_DEPTH {
                    format!("`{path}` nests blocks more than {MAX_BLOCK_DEPTH} deep")
                } else if depth > MAX_DEPTH {
                    format!("`{path}` nests blocks or brackets more than {MAX_DEPTH} deep")
                } else {
                    String::new()
                };
                if !message.is_empty() {
                    return Some(
                        Diagnostic::of(codes::WXSS_TOO_DEEP, message)
                            .in_file(path)
                            .with_span(i..i + 1)
                            .with_label("too deep from here")
                            .with_hint("the stylesheet is left out; flatten its nesting"),
                    );
                }
            }
            b'}' | b')' | b']' => {
                depth = depth.saturating_sub(1);
                if bytes[i] == b'}' {
                    blocks = blocks.saturating_sub(1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_blocks_and_brackets_are_refused_where_the_limit_is_passed() {
        let text = format!(".a{}{}", "{b ".repeat(300), "}".repeat(300));
        let d = check("a.wxss", &text).expect("too deep");
        assert_eq!(d.code, codes::WXSS_TOO_DEEP.name);
        assert_eq!(
            d.span,
            Some(2 + 3 * MAX_BLOCK_DEPTH..3 + 3 * MAX_BLOCK_DEPTH)
        );
        let calc = format!(".a{{width:{}1px{}}}", "calc(".repeat(300), ")".repeat(300));
        let d = check("a.wxss", &calc).expect("too deep");
        // The `{` is one level: the limit is passed at the 256th parenthesis.
        let at = calc.match_indices('(').nth(MAX_DEPTH - 1).map(|(i, _)| i);
        assert_eq!(d.span, at.map(|i| i..i + 1));
        let brackets = format!(".a{{width:{}1px{}}}", "calc(".repeat(200), ")".repeat(200));
        assert_eq!(check("a.wxss", &brackets), None);
    }

    /// Found by the `wxss` fuzz target: 127 unclosed blocks (under [`MAX_DEPTH`]) made
    /// lightningcss's printer overflow its `u8` indentation and panic.
    #[test]
    fn blocks_nested_past_the_printers_indentation_are_too_deep_not_a_panic() {
        for blocks in [MAX_BLOCK_DEPTH + 1, 127, 128, 200] {
            let sheet = format!(":host {{ {}", "dhost { ".repeat(blocks));
            let compiled = super::super::testing::compile_files(
                &[("s.wxss", &sheet)],
                super::super::SheetKind::App,
            );
            let codes: Vec<&str> = compiled.diagnostics.iter().map(|d| d.code).collect();
            assert!(
                codes.contains(&codes::WXSS_TOO_DEEP.name),
                "{blocks}: {codes:?}"
            );
        }
        let fine = format!(
            ".a {}{}",
            "{ ".repeat(MAX_BLOCK_DEPTH),
            "} ".repeat(MAX_BLOCK_DEPTH)
        );
        assert_eq!(check("a.wxss", &fine), None);
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let text = format!(
            ".a{{content:\"{0}\"}} /* {0} */ .b{{content:'{0}'}}",
            "{".repeat(1000)
        );
        assert_eq!(check("a.wxss", &text), None);
        assert_eq!(
            check("a.wxss", ".a{b{c{color:red}}} @media (x){.d{e:f}}"),
            None
        );
    }

    /// Each inlined `@import` with a layer, a condition and a media query wraps the imported
    /// rules in three blocks: a chain of such imports around a sheet nested to the limit
    /// passed the printer's 127 blocks although every file stayed under [`MAX_BLOCK_DEPTH`].
    #[test]
    fn a_chain_of_wrapping_imports_past_the_printers_indentation_is_too_deep_not_a_panic() {
        use crate::source::FileSet;
        let deepest = format!(
            ".a {}color: red;{}",
            "{ .b ".repeat(MAX_BLOCK_DEPTH - 1),
            "} ".repeat(MAX_BLOCK_DEPTH - 1)
        );
        let chain = 14;
        let mut files = FileSet::new();
        for i in 0..chain {
            files.insert(
                &format!("f{i}.wxss"),
                format!(
                    "@import \"f{}.wxss\" layer(l{i}) supports(display: grid) screen;\n.x{i} {{ color: blue; }}",
                    i + 1
                ),
            );
        }
        files.insert(&format!("f{chain}.wxss"), deepest);
        let options = super::super::SheetOptions {
            kind: super::super::SheetKind::App,
            minify: false,
            plugins: super::super::Plugins::default(),
        };
        let compiled = super::super::compile(&files, "f0.wxss", "out.css", &options);
        let deep: Vec<_> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.code == codes::WXSS_TOO_DEEP.name)
            .collect();
        assert_eq!(deep.len(), 1, "{:?}", compiled.diagnostics);
        // Reported at the import that passes the limit, in the file that has it; what the
        // chain held up to there is kept.
        let file = deep[0].file.clone().unwrap_or_default();
        let n: usize = file[1..file.len() - 5].parse().expect("a chain file");
        assert!(n > 0 && n < chain, "{file}");
        assert!(deep[0].span.is_some());
        assert!(compiled.css.contains(".x0"), "{}", compiled.css);
        assert!(
            !compiled.css.contains(".b"),
            "the too-deep sheet is left out"
        );
        let widest = compiled
            .css
            .lines()
            .map(|l| l.len() - l.trim_start().len())
            .max();
        assert!(widest.unwrap_or(0) <= 254, "indentation {widest:?}");
    }
}
