//! How deep a script may nest: swc's parser, its visitors and its printer recurse once per
//! level, so a hostile or generated file (`((((…))))`, `!!!!…x`, `a+b+…` with tens of
//! thousands of terms) would overflow the stack and abort the process. Three guards:
//!
//! - [`precheck`], before parsing: a scan of the text (strings, comments and template literals
//!   skipped) that refuses brackets nested more than [`MAX_DEPTH`] deep and more than
//!   [`MAX_RUN`] operators that the parser nests by recursion (prefix operators, `?`, `=`,
//!   `=>`, `**`, `new`, `typeof`, …) on the way to any point, counting for each enclosing
//!   bracket those of its statement before it (a `,` or `;` ends a statement's count; binary
//!   `+` and the like are parsed in a loop and left to the next check);
//! - [`check`], after parsing: the tree may be at most [`MAX_DEPTH`] expressions, statements,
//!   patterns or types deep (a chain of binary operators is as deep as it is long); the walk
//!   stops descending at the limit;
//! - [`on_big_stack`]: every file is compiled on a stack of 256 MiB (reserved, used only as
//!   deep as the file goes), which the two limits keep far from its end.
//!
//! Each refusal is a `script::too-deep` error at the place where the limit was passed.

use std::ops::Range;

use swc_common::{BytePos, Spanned};
use swc_ecma_ast::{Expr, Pat, Program, Stmt, TsType};
use swc_ecma_visit::{Visit, VisitWith};

use crate::source::{codes, Diagnostic};

/// The deepest nesting followed: of brackets in the text, of nodes in the tree.
pub const MAX_DEPTH: usize = 2_000;
/// The most nesting operators on the way to any point of the text.
pub const MAX_RUN: usize = 20_000;
pub use crate::source::on_big_stack;

/// The `script::too-deep` error at `span` of `path`.
pub fn too_deep(path: &str, what: &str, span: Range<usize>) -> Diagnostic {
    Diagnostic::of(
        codes::SCRIPT_TOO_DEEP,
        format!("`{path}` {what}, more than miniport follows"),
    )
    .in_file(path)
    .with_span(span)
    .with_label("too deep from here")
    .with_hint(format!(
        "split the expression or generate flatter code (at most {MAX_DEPTH} levels, a chain of operators counting one level per operator); until then requiring this module throws"
    ))
}

/// Scans `text` for nesting that would take the parser too deep; the byte offset where the
/// limit was passed and what was too deep.
pub fn precheck(text: &str) -> Option<(usize, &'static str)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    // Nesting operators on the way from the top to here: those of each enclosing bracket's
    // statement up to the bracket (`opened`), then the current one's since its last `,`/`;`.
    let mut run = 0usize;
    let mut opened: Vec<usize> = Vec::new();
    // Open template literals, each with the bracket depth of its `${`.
    let mut templates: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
                continue;
            }
            b'"' | b'\'' => {
                i = skip_string(bytes, i);
                continue;
            }
            b'`' => {
                i = skip_template(bytes, i + 1, &mut templates, depth);
                continue;
            }
            b'}' if templates.last() == Some(&depth) => {
                templates.pop();
                i = skip_template(bytes, i + 1, &mut templates, depth);
                continue;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                opened.push(run);
                if depth > MAX_DEPTH {
                    return Some((i, "nests brackets more than 2000 deep"));
                }
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                run = opened.pop().unwrap_or(0);
            }
            b',' | b';' => run = opened.last().copied().unwrap_or(0),
            b'+' | b'-' if !prefix_position(bytes, i) => {
                // A binary `+` or `-`: swc parses chains of binary operators in a loop, and
                // the tree's depth is checked after parsing.
                i += usize::from(bytes.get(i + 1) == Some(&b));
            }
            b'*' if bytes.get(i + 1) != Some(&b'*') => {}
            b'!' | b'~' | b'?' | b'=' | b'+' | b'-' | b'*' => {
                // `==`, `=>`, `**`, `++`, `??` count once (`!!` is two operators).
                let same = bytes.get(i + 1) == Some(&b) && !matches!(b, b'!' | b'~');
                run += 1;
                if same || (b == b'=' && bytes.get(i + 1) == Some(&b'>')) {
                    i += 1;
                }
            }
            b if b.is_ascii_alphabetic() => {
                let end = bytes[i..]
                    .iter()
                    .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_' || *c == b'$'))
                    .map_or(bytes.len(), |n| i + n);
                if matches!(
                    &text[i..end],
                    "new" | "typeof" | "void" | "delete" | "await" | "yield" | "if" | "else"
                ) {
                    run += 1;
                }
                i = end;
                if run > MAX_RUN {
                    return Some((i, "chains more than 20000 operators without a break"));
                }
                continue;
            }
            _ => {}
        }
        if run > MAX_RUN {
            return Some((i, "chains more than 20000 operators without a break"));
        }
        i += 1;
    }
    None
}

/// Whether the `+` or `-` at `i` is a prefix operator: nothing that ends an operand (a name,
/// a number, `)`, `]`, a quote) stands before it.
fn prefix_position(bytes: &[u8], i: usize) -> bool {
    let before = bytes[..i].iter().rev().find(|b| !b.is_ascii_whitespace());
    !matches!(before, Some(b) if b.is_ascii_alphanumeric()
        || matches!(b, b'_' | b'$' | b')' | b']' | b'"' | b'\'' | b'`'))
}

/// The index after the string literal that starts at `i`.
fn skip_string(bytes: &[u8], i: usize) -> usize {
    let quote = bytes[i];
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'\n' => return j,
            c if c == quote => return j + 1,
            _ => j += 1,
        }
    }
    bytes.len()
}

/// The index after the template text that starts at `i`: after its closing backtick, or after
/// a `${`, which is then pushed on `templates` with the bracket depth it opens at.
fn skip_template(bytes: &[u8], i: usize, templates: &mut Vec<usize>, depth: usize) -> usize {
    let mut j = i;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'`' => return j + 1,
            b'$' if bytes.get(j + 1) == Some(&b'{') => {
                templates.push(depth);
                return j + 2;
            }
            _ => j += 1,
        }
    }
    bytes.len()
}

/// The first node of `program` deeper than [`MAX_DEPTH`], as a byte range of the file that
/// starts at `start`.
pub fn check(program: &Program, start: BytePos) -> Option<Range<usize>> {
    let mut walker = Depth {
        depth: 0,
        found: None,
    };
    program.visit_with(&mut walker);
    walker.found.map(|span| {
        let lo = span.lo.0.saturating_sub(start.0) as usize;
        let hi = span.hi.0.saturating_sub(start.0) as usize;
        lo..hi.max(lo)
    })
}

struct Depth {
    depth: usize,
    found: Option<swc_common::Span>,
}

impl Depth {
    fn enter(&mut self, node: &impl Spanned) -> bool {
        if self.found.is_some() {
            return false;
        }
        if self.depth >= MAX_DEPTH {
            self.found = Some(node.span());
            return false;
        }
        self.depth += 1;
        true
    }
}

macro_rules! counted {
    ($($visit:ident($ty:ty)),*) => {$(
        fn $visit(&mut self, node: &$ty) {
            if self.enter(node) {
                node.visit_children_with(self);
                self.depth -= 1;
            }
        }
    )*};
}

impl Visit for Depth {
    counted!(
        visit_expr(Expr),
        visit_stmt(Stmt),
        visit_pat(Pat),
        visit_ts_type(TsType)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_code_passes_the_precheck() {
        let code = "var a = { b: [1, 2, (3)] }; if (a) { x = y ? `t${ {a: 1}.a }` : '(((' ; } // (((\n/* [[[ */";
        assert_eq!(precheck(code), None);
    }

    #[test]
    fn deep_brackets_are_found_where_the_limit_is_passed() {
        let code = format!("x = {}1{};", "(".repeat(5000), ")".repeat(5000));
        assert_eq!(precheck(&code).map(|(at, _)| at), Some(4 + MAX_DEPTH));
    }

    #[test]
    fn long_runs_of_nesting_operators_are_found_and_commas_break_them() {
        let unary = format!("x = {}y;", "!".repeat(30_000));
        assert!(precheck(&unary).is_some());
        let minus = format!("x = {}y;", "- ".repeat(30_000));
        assert!(precheck(&minus).is_some());
        let sum = format!("x = {};", vec!["y"; 30_000].join(" + "));
        assert_eq!(precheck(&sum), None, "left to the tree's check");
        let ternary = format!("x = {}0;", "a ? b : ".repeat(30_000));
        assert!(precheck(&ternary).is_some());
        let list = "a = 1, ".repeat(30_000);
        assert_eq!(precheck(&list), None);
        // Brackets do not reset the count: each level adds the operators before it.
        let mut nested = String::new();
        for _ in 0..1_500 {
            nested.push_str(&"!".repeat(20));
            nested.push('(');
        }
        assert!(precheck(&nested).is_some());
        let calls = "f(a ? b : c, !d); ".repeat(30_000);
        assert_eq!(precheck(&calls), None);
    }

    #[test]
    fn brackets_inside_strings_templates_and_comments_do_not_count() {
        let code = format!(
            "a = '{0}'; b = \"{0}\"; c = `{0}${{ d }}{0}`; // {0}\n/* {0} */",
            "(".repeat(5000)
        );
        assert_eq!(precheck(&code), None);
    }
}
