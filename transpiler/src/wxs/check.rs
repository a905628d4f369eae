//! WXS rules that the browser does not enforce but WeChat's compiler does.
//!
//! WXS is (less than) an ES5 script. The rules below were checked against WeChat's own
//! compiler, `wcc` from the npm package `miniprogram-compiler`: it rejects `let`/`const`,
//! arrow functions, classes, template literals, destructuring, spread and rest, `for…of`,
//! methods, getters and setters, computed keys, generators, `async`,
//! `**`, `?.`, `??`, BigInt, `0b`/`0o`/`1_000` numbers, regular expression literals (WXS has
//! `getRegExp`), `try`, labels and `with`, and it accepts default parameters and `new.target`,
//! which are therefore not reported. Each rejected construct becomes a `script::wxs-not-es5`
//! error at its span; the module still compiles for the browser, which runs it either way.
//! (`wcc` also rejects some ES5, such as the `in` operator and `new F()`; those are not
//! checked yet. Shorthand properties are not reported either: `wcc` rejects `var o = { a };`
//! but accepts `f({ a })`, and @vant/weapp ships the latter.)
//!
//! `require` in WXS loads only other `.wxs` files, named with their extension (WeChat's "WXS
//! module" documentation; `wcc` says "Expected wxs file"): anything else is
//! `script::wxs-require`.
//!
//! [`check_wxs`] is the entry point for WXS outside `.wxs` files (inline `<wxs>` in a
//! template): it parses the text and reports in the coordinates of the enclosing file.

use std::ops::Range;

use swc_common::{BytePos, Span, Spanned};
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use crate::script::depth::on_big_stack;
use crate::script::parse::{parse, Language};
use crate::source::{codes, Diagnostic};

/// Checks the WXS `source`, found at byte `offset` of the file `path` (0 for a `.wxs` file;
/// the start of the element's text for inline `<wxs>`): a syntax error, or every construct
/// that WeChat's WXS compiler rejects and every `require` of something else than a `.wxs`
/// file. Spans are byte ranges in `path`.
pub fn check_wxs(path: &str, source: &str, offset: usize) -> Vec<Diagnostic> {
    on_big_stack(|| check_wxs_here(path, source, offset))
}

fn check_wxs_here(path: &str, source: &str, offset: usize) -> Vec<Diagnostic> {
    match parse(path, source, Language::Wxs) {
        Ok(parsed) => check(&parsed.program, parsed.file.start_pos, path, offset),
        Err(diagnostic) => {
            let mut diagnostic = *diagnostic;
            diagnostic.span = diagnostic.span.map(|s| s.start + offset..s.end + offset);
            vec![diagnostic]
        }
    }
}

/// [`check_wxs`] on a parsed program whose file starts at `start`.
pub(crate) fn check(
    program: &Program,
    start: BytePos,
    path: &str,
    offset: usize,
) -> Vec<Diagnostic> {
    let mut checker = Checker {
        start,
        offset,
        path,
        found: Vec::new(),
    };
    program.visit_with(&mut checker);
    checker
        .found
        .sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    checker.found
}

struct Checker<'a> {
    start: BytePos,
    offset: usize,
    path: &'a str,
    found: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn range(&self, lo: BytePos, hi: BytePos) -> Range<usize> {
        let at = |p: BytePos| p.0.saturating_sub(self.start.0) as usize + self.offset;
        at(lo)..at(hi.max(lo))
    }

    /// `what` (ES2015+ syntax, named as a reader knows it) at `span`, with `hint`.
    fn not_es5(&mut self, span: Span, what: &str, hint: &str) {
        if span.lo.is_dummy() {
            return;
        }
        let range = self.range(span.lo, span.hi);
        self.found.push(
            Diagnostic::of(
                codes::SCRIPT_WXS_NOT_ES5,
                format!("{what} is not allowed in WXS, which WeChat compiles as ES5"),
            )
            .in_file(self.path)
            .with_span(range)
            .with_label(what.to_string())
            .with_hint(format!(
                "{hint}; WeChat's compiler rejects it (the converted app runs it anyway)"
            )),
        );
    }

    /// A span of `len` bytes from the start of `span` (a keyword).
    fn head(span: Span, len: u32) -> Span {
        Span::new(span.lo, (span.lo + BytePos(len)).min(span.hi))
    }
}

impl Visit for Checker<'_> {
    fn visit_var_decl(&mut self, n: &VarDecl) {
        match n.kind {
            VarDeclKind::Var => {}
            VarDeclKind::Let => {
                self.not_es5(Self::head(n.span, 3), "`let`", "declare it with `var`")
            }
            VarDeclKind::Const => {
                self.not_es5(Self::head(n.span, 5), "`const`", "declare it with `var`")
            }
        }
        n.visit_children_with(self);
    }

    fn visit_arrow_expr(&mut self, n: &ArrowExpr) {
        let head = Span::new(n.span.lo, n.body.span().lo);
        self.not_es5(
            head,
            "an arrow function",
            "write `function (…) { return …; }`",
        );
        if n.is_async {
            self.not_es5(
                head,
                "an `async` function",
                "WXS has no promises: compute the value synchronously",
            );
        }
        n.visit_children_with(self);
    }

    fn visit_function(&mut self, n: &Function) {
        if n.is_generator {
            self.not_es5(n.span, "a generator function", "return an array instead");
        }
        if n.is_async {
            self.not_es5(
                n.span,
                "an `async` function",
                "WXS has no promises: compute the value synchronously",
            );
        }
        n.visit_children_with(self);
    }

    fn visit_class(&mut self, n: &Class) {
        self.not_es5(Self::head(n.span, 5), "a class", "write a constructor function and assign methods to its prototype, or use plain objects");
        n.visit_children_with(self);
    }

    fn visit_tpl(&mut self, n: &Tpl) {
        self.not_es5(n.span, "a template literal", "concatenate strings with `+`");
        n.visit_children_with(self);
    }

    fn visit_object_pat(&mut self, n: &ObjectPat) {
        self.not_es5(
            n.span,
            "destructuring",
            "read the properties one by one (`var a = o.a;`)",
        );
        n.visit_children_with(self);
    }

    fn visit_array_pat(&mut self, n: &ArrayPat) {
        self.not_es5(
            n.span,
            "destructuring",
            "read the elements one by one (`var a = list[0];`)",
        );
        n.visit_children_with(self);
    }

    fn visit_rest_pat(&mut self, n: &RestPat) {
        self.not_es5(
            Span::new(n.dot3_token.lo, n.span.hi.max(n.dot3_token.hi)),
            "a rest element",
            "use `arguments` or slice the array",
        );
        n.visit_children_with(self);
    }

    fn visit_expr_or_spread(&mut self, n: &ExprOrSpread) {
        if let Some(dots) = n.spread {
            self.not_es5(
                Span::new(dots.lo, n.expr.span().hi),
                "spread (`...`)",
                "use `concat` or `apply`",
            );
        }
        n.visit_children_with(self);
    }

    fn visit_spread_element(&mut self, n: &SpreadElement) {
        self.not_es5(
            n.span(),
            "object spread (`...`)",
            "copy the properties in a `for…in` loop",
        );
        n.visit_children_with(self);
    }

    fn visit_for_of_stmt(&mut self, n: &ForOfStmt) {
        self.not_es5(
            Span::new(n.span.lo, n.body.span().lo),
            "`for…of`",
            "loop with an index: `for (var i = 0; i < list.length; i++)`",
        );
        n.visit_children_with(self);
    }

    fn visit_prop(&mut self, n: &Prop) {
        match n {
            Prop::Getter(getter) => self.not_es5(
                getter.span,
                "a getter",
                "compute the value into a plain property",
            ),
            Prop::Setter(setter) => self.not_es5(
                setter.span,
                "a setter",
                "expose a function that sets the value",
            ),
            Prop::Method(method) => self.not_es5(
                method.key.span(),
                "a method shorthand",
                "write `name: function (…) { … }`",
            ),
            _ => {}
        }
        n.visit_children_with(self);
    }

    fn visit_prop_name(&mut self, n: &PropName) {
        // Only keys: `o[k]` (a computed member) is ES5.
        if let PropName::Computed(computed) = n {
            self.not_es5(
                computed.span,
                "a computed property name",
                "create the object first, then assign `o[key] = …`",
            );
        }
        n.visit_children_with(self);
    }

    fn visit_try_stmt(&mut self, n: &TryStmt) {
        self.not_es5(
            Self::head(n.span, 3),
            "`try`",
            "test the values before using them; WXS has no `try`/`catch`",
        );
        n.visit_children_with(self);
    }

    fn visit_labeled_stmt(&mut self, n: &LabeledStmt) {
        self.not_es5(
            n.label.span,
            "a label",
            "use a flag variable to leave the outer loop",
        );
        n.visit_children_with(self);
    }

    fn visit_with_stmt(&mut self, n: &WithStmt) {
        self.not_es5(
            Self::head(n.span, 4),
            "`with`",
            "name the object in each access",
        );
        n.visit_children_with(self);
    }

    fn visit_bin_expr(&mut self, n: &BinExpr) {
        match n.op {
            BinaryOp::Exp => self.not_es5(n.span, "`**`", "use `Math.pow(a, b)`"),
            BinaryOp::NullishCoalescing => self.not_es5(
                n.span,
                "`??`",
                "test for `null` and `undefined` with a conditional",
            ),
            _ => {}
        }
        n.visit_children_with(self);
    }

    fn visit_assign_expr(&mut self, n: &AssignExpr) {
        let what = match n.op {
            AssignOp::ExpAssign => Some("`**=`"),
            AssignOp::AndAssign => Some("`&&=`"),
            AssignOp::OrAssign => Some("`||=`"),
            AssignOp::NullishAssign => Some("`??=`"),
            _ => None,
        };
        if let Some(what) = what {
            self.not_es5(n.span, what, "write the assignment out (`a = a || b`)");
        }
        n.visit_children_with(self);
    }

    fn visit_opt_chain_expr(&mut self, n: &OptChainExpr) {
        self.not_es5(
            n.span,
            "optional chaining (`?.`)",
            "test the object first (`o && o.x`)",
        );
        n.visit_children_with(self);
    }

    fn visit_big_int(&mut self, n: &BigInt) {
        self.not_es5(n.span, "a BigInt literal", "use a number");
    }

    fn visit_number(&mut self, n: &Number) {
        let raw = n.raw.as_deref().unwrap_or_default();
        let lower = raw.to_ascii_lowercase();
        if lower.starts_with("0b") || lower.starts_with("0o") || raw.contains('_') {
            self.not_es5(
                n.span,
                "a binary, octal (`0o`) or separated number literal",
                "write the number in decimal or hexadecimal",
            );
        }
    }

    fn visit_regex(&mut self, n: &Regex) {
        self.not_es5(
            n.span,
            "a regular expression literal",
            "WXS makes regular expressions with `getRegExp(pattern, flags)`",
        );
    }

    fn visit_call_expr(&mut self, n: &CallExpr) {
        match &n.callee {
            Callee::Import(_) => self.not_es5(
                n.span,
                "`import()`",
                "WXS loads other WXS modules with `require(\"./x.wxs\")`",
            ),
            Callee::Expr(callee) => {
                if matches!(&**callee, Expr::Ident(i) if &*i.sym == "require") {
                    self.check_require(n);
                }
            }
            Callee::Super(_) => {}
        }
        n.visit_children_with(self);
    }
}

impl Checker<'_> {
    fn check_require(&mut self, call: &CallExpr) {
        let Some(arg) = call.args.first() else {
            return;
        };
        let Expr::Lit(Lit::Str(spec)) = &*arg.expr else {
            return;
        };
        let value = spec.value.to_string_lossy();
        if value.ends_with(".wxs") {
            return;
        }
        let problem = "WXS can `require` only `.wxs` files";
        let range = self.range(spec.span.lo, spec.span.hi);
        self.found.push(
            Diagnostic::of(codes::SCRIPT_WXS_REQUIRE, format!("{problem}, not `{value}`"))
                .in_file(self.path)
                .with_span(range)
                .with_label("not a `.wxs` file")
                .with_hint("WXS runs in the view layer and cannot load JavaScript modules: move what the template needs into a `.wxs` file and require it by its path with the extension (`require(\"./tools.wxs\")`)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(source: &str) -> Vec<(&'static str, String)> {
        check_wxs("a.wxs", source, 0)
            .into_iter()
            .map(|d| {
                let span = d.span.expect("a span");
                (d.code, source[span].to_string())
            })
            .collect()
    }

    #[test]
    fn es5_passes() {
        let source = "var tools = require('./tools.wxs');\nvar re = getRegExp('a', 'g');\nmodule.exports = { f: function (a, b) { if (b === undefined) b = a; return a ? b : [1, 2].concat(a); }, g: function (x = 1) { return o[x]; } };\n";
        assert_eq!(codes(source), []);
    }

    #[test]
    fn each_later_construct_is_reported_at_its_span() {
        assert_eq!(
            codes("let a = 1; const b = `x${a}`;"),
            [
                (codes::SCRIPT_WXS_NOT_ES5.name, "let".to_string()),
                (codes::SCRIPT_WXS_NOT_ES5.name, "const".to_string()),
                (codes::SCRIPT_WXS_NOT_ES5.name, "`x${a}`".to_string()),
            ]
        );
        assert_eq!(
            codes("var f = (x = 1, ...r) => [...r];"),
            [
                (
                    codes::SCRIPT_WXS_NOT_ES5.name,
                    "(x = 1, ...r) => ".to_string()
                ),
                (codes::SCRIPT_WXS_NOT_ES5.name, "...r".to_string()),
                (codes::SCRIPT_WXS_NOT_ES5.name, "...r".to_string()),
            ]
        );
    }

    #[test]
    fn inline_wxs_reports_in_the_enclosing_file() {
        let wxml = "<view/>\n<wxs module=\"m\">let a = require('../a.js');</wxs>";
        let start = wxml.find("let").unwrap();
        let end = wxml.find("</wxs>").unwrap();
        let found = check_wxs("page.wxml", &wxml[start..end], start);
        let spans: Vec<(&str, &str)> = found
            .iter()
            .map(|d| (d.code, &wxml[d.span.clone().unwrap()]))
            .collect();
        assert_eq!(
            spans,
            [
                (codes::SCRIPT_WXS_NOT_ES5.name, "let"),
                (codes::SCRIPT_WXS_REQUIRE.name, "'../a.js'")
            ]
        );
        assert!(found.iter().all(|d| d.file.as_deref() == Some("page.wxml")));
    }

    #[test]
    fn syntax_errors_move_to_the_enclosing_file() {
        let found = check_wxs("page.wxml", "var = 1;", 100);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, codes::SCRIPT_SYNTAX_ERROR.name);
        assert!(found[0].span.as_ref().is_some_and(|s| s.start >= 100));
    }
}
