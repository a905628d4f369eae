//! WXS → the body of a JavaScript function that behaves as WeChat runs the WXS, although the
//! converted app runs it in strict mode (inside an ES module) and may not use `eval` or
//! `new Function` (the page's content security policy).
//!
//! WeChat's compiler (`wcc`) prefixes every WXS name with `nv_` (`x.length` becomes
//! `nv_x.nv_length`) and runs the result as a sloppy-mode script whose globals are only the
//! ones it defines. What a WXS author can observe of that, and what miniport does about it
//! (each point checked against `wcc`'s output; the runtime half is in
//! `runtime-shim/src/render/wxs.js`):
//!
//! - **Assigning an undeclared name** (`x = 5`) creates a global in WeChat; strict mode throws.
//!   Every name the module uses without declaring it, and that WXS does not define, is
//!   declared with `var` at the top of the module: assigned names work, and browser globals
//!   that WXS cannot see (`window`, `Object`, `wx`, …) read as `undefined` (WeChat: they do
//!   not exist). WXS's own globals stay: `Math`, `Number`, `Date`, `JSON`, `console`,
//!   `parseInt`, `parseFloat`, `isNaN`, `isFinite`, the four URI functions, `NaN`,
//!   `Infinity`, `undefined`, `getDate`, `getRegExp`, `require` and `module`. (WeChat shares
//!   implicit globals between the WXS modules of a page; here each module has its own.)
//! - **`this`** in a function called without a receiver is `{}` in WeChat (`wcc` compiles
//!   `this` to `this.constructor===Window?{}:this`); strict mode gives `undefined`. `this`
//!   becomes `(this == null ? {} : this)`. A method call (`o.f()`) still sees `o`; a WXS
//!   function called from a template sees `{}` (WeChat calls it with no receiver).
//! - **`x.constructor`** is a string in WXS: `"Array"`, `"Object"`, `"Number"`, `"String"`,
//!   `"Boolean"`, `"Function"`, `"RegExp"`, `"Date"` (WeChat's docs, "数据类型"). Reading
//!   `.constructor` (or `["constructor"]`) becomes `$wxs.c(x)`, which gives those strings.
//! - **`arguments.callee`** is `undefined` in WeChat (there is no `nv_callee`); strict mode
//!   throws. It becomes `void 0`. (Sloppy mode also links `arguments[i]` to the parameters;
//!   that link is not reproduced.)
//! - **`delete name`** is a syntax error in strict mode; it becomes `false` for a declared
//!   name and `true` for an implicit global, the results sloppy mode gives.
//! - **Assigning `undefined`, `NaN` or `Infinity`** does nothing in sloppy mode; it becomes
//!   the assigned value alone.
//! - **Legacy octal literals** (`010`, `08`) and **octal escapes** (`'\01'`) are syntax
//!   errors in strict mode; they are printed as the number or string they denote.
//! - **Duplicate parameter names** (`function f(a, a)`): the last one wins in sloppy mode;
//!   the earlier ones are renamed.
//! - **Names reserved in strict mode** (`public`, `static`, `let`, `yield`, `interface`,
//!   `package`, `private`, `protected`, `implements`, `eval`) are plain names in WeChat
//!   (they become `nv_public`, …); they are renamed (`public$`).
//! - **A function declared in a block** is visible in its whole function in sloppy mode
//!   (Annex B), only in its block in strict mode; it becomes `var f = function f() {…}` at
//!   the top of its block.
//! - Not reproduced, because the browser cannot know statically: writing a property of a
//!   primitive or a read-only property (`s.x = 1`, `Math.PI = 3`) throws in strict mode,
//!   where sloppy mode ignores it. WXS's missing methods (`[].includes`, `Object.keys`)
//!   exist here: miniport is more lenient than WeChat, never stricter.
//!
//! `require("…")` calls with a string literal are read from the syntax tree; a `.wxs` path
//! that is missing or leaves the project root is reported at the literal's span.

use std::collections::BTreeSet;
use std::ops::Range;

use swc_common::{BytePos, Globals, Mark, SyntaxContext, DUMMY_SP, GLOBALS};
use swc_ecma_ast::*;
use swc_ecma_transforms_base::{fixer::fixer, resolver};
use swc_ecma_visit::{Visit, VisitMut, VisitMutWith, VisitWith};

use super::check as wxs;
use crate::script::build::{call, ident, member};
use crate::script::depth::on_big_stack;
use crate::script::parse::{parse, Language};
use crate::script::print;
use crate::source::{codes, Diagnostic, FileSet};

/// The parameters of every compiled WXS function, in the order the runtime passes them.
pub const FACTORY_PARAMS: &str = "module, exports, require, getRegExp, getDate, $wxs, JSON";

/// Names that WXS defines (everything else is a module-local variable). `exports` is one of
/// the factory's parameters as well.
const WXS_GLOBALS: &[&str] = &[
    "Math",
    "Number",
    "Date",
    "JSON",
    "console",
    "parseInt",
    "parseFloat",
    "isNaN",
    "isFinite",
    "decodeURI",
    "decodeURIComponent",
    "encodeURI",
    "encodeURIComponent",
    "NaN",
    "Infinity",
    "undefined",
    "getDate",
    "getRegExp",
    "require",
    "module",
    "exports",
    "arguments",
];

/// Plain names in sloppy mode that strict mode reserves, and the runtime helper's name.
const RENAMED: &[&str] = &[
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "eval",
    "$wxs",
];

/// One `require("…")` of a WXS module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WxsRequire {
    /// The path as written.
    pub spec: String,
    /// The literal's byte range in the enclosing file.
    pub span: Range<usize>,
    /// The root-relative `.wxs` file it names, when that file exists.
    pub target: Option<String>,
}

/// A compiled WXS module.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompiledWxs {
    /// The function body, ending with a newline; run with [`FACTORY_PARAMS`].
    pub body: String,
    /// Every `require` of a `.wxs` path, in source order, each path once.
    pub requires: Vec<WxsRequire>,
    /// Syntax errors, constructs WeChat rejects, and `require`s of missing files.
    pub diagnostics: Vec<Diagnostic>,
}

/// Compiles the WXS `source`, found at byte `offset` of the file `path` (0 for a `.wxs` file,
/// the start of the element's text for inline `<wxs>`); diagnostics are in `path`.
pub fn compile_wxs(path: &str, source: &str, offset: usize, files: &FileSet) -> CompiledWxs {
    on_big_stack(|| {
        GLOBALS.set(&Globals::new(), || {
            compile_in_globals(path, source, offset, files)
        })
    })
}

fn compile_in_globals(path: &str, source: &str, offset: usize, files: &FileSet) -> CompiledWxs {
    let parsed = match parse(path, source, Language::Wxs) {
        Ok(parsed) => parsed,
        Err(diagnostic) => {
            let mut diagnostic = *diagnostic;
            let message = serde_json::to_string(&diagnostic.message)
                .unwrap_or_else(|_| "\"syntax error\"".into());
            diagnostic.span = diagnostic.span.map(|s| s.start + offset..s.end + offset);
            return CompiledWxs {
                body: format!("throw new SyntaxError({message});\n"),
                requires: Vec::new(),
                diagnostics: vec![diagnostic],
            };
        }
    };
    let start = parsed.file.start_pos;
    let mut diagnostics = wxs::check(&parsed.program, start, path, offset);

    let mut program = parsed.program;
    program.visit_mut_with(&mut AnnexB);
    let unresolved_mark = Mark::new();
    let top_level_mark = Mark::new();
    let mut program = program.apply(resolver(unresolved_mark, top_level_mark, false));
    let unresolved = SyntaxContext::empty().apply_mark(unresolved_mark);

    let mut finder = Requires {
        unresolved,
        start,
        offset,
        found: Vec::new(),
    };
    program.visit_with(&mut finder);
    let mut requires: Vec<WxsRequire> = Vec::new();
    for (spec, span) in finder.found {
        if !spec.ends_with(".wxs") || requires.iter().any(|r| r.spec == spec) {
            continue; // other paths are reported by the ES5 check
        }
        let target = match resolve_require(path, &spec, files) {
            Ok(target) => Some(target),
            Err(problem) => {
                diagnostics.push(problem.diagnostic(path, &spec, span.clone()));
                None
            }
        };
        requires.push(WxsRequire { spec, span, target });
    }
    diagnostics.sort_by_key(|d| d.span.as_ref().map(|s| s.start));

    let mut free = FreeNames {
        unresolved,
        names: BTreeSet::new(),
    };
    program.visit_with(&mut free);
    program.visit_mut_with(&mut Strict { unresolved });
    if let Program::Script(script) = &mut program {
        let declared: Vec<VarDeclarator> = free
            .names
            .iter()
            .map(|name| VarDeclarator {
                span: DUMMY_SP,
                name: Pat::Ident(ident(&renamed(name), SyntaxContext::empty()).into()),
                init: None,
                definite: false,
            })
            .collect();
        if !declared.is_empty() {
            let decl = VarDecl {
                kind: VarDeclKind::Var,
                decls: declared,
                ..Default::default()
            };
            script.body.insert(0, Stmt::Decl(Decl::Var(Box::new(decl))));
        }
    }
    let program = program.apply(fixer(None));
    let (body, _) = print::print(&program, &parsed.cm, &parsed.legal_comments, false, path);
    CompiledWxs {
        body,
        requires,
        diagnostics,
    }
}

/// Why a `require` of a `.wxs` path finds nothing.
enum Problem {
    Escapes,
    Missing(String),
}

impl Problem {
    fn diagnostic(&self, path: &str, spec: &str, span: Range<usize>) -> Diagnostic {
        match self {
            Problem::Escapes => Diagnostic::of(
                codes::SCRIPT_PATH_ESCAPES_ROOT,
                format!("`{spec}` points outside the mini-program"),
            )
            .in_file(path)
            .with_span(span)
            .with_label("outside the project root")
            .with_hint("miniport reads nothing outside the project root; copy the WXS module into the project (the `require` gives `undefined`)"),
            Problem::Missing(target) => Diagnostic::of(
                codes::SCRIPT_UNRESOLVED_REQUIRE,
                format!("cannot find the WXS module `{spec}` (looked for `{target}`)"),
            )
            .in_file(path)
            .with_span(span)
            .with_label("not found")
            .with_hint("WXS paths are relative to this file, or to the root when they start with `/`, and name the file with its extension; the `require` gives `undefined`"),
        }
    }
}

/// The `.wxs` file that `require(spec)` in `from` loads: paths are relative (a bare
/// `tools.wxs` is `./tools.wxs`) or root-absolute, with the extension.
fn resolve_require(from: &str, spec: &str, files: &FileSet) -> Result<String, Problem> {
    let relative = format!("./{spec}");
    let spec = if spec.starts_with(['.', '/']) {
        spec
    } else {
        &relative
    };
    match FileSet::resolve(from, spec) {
        None => Err(Problem::Escapes),
        Some(target) if files.contains(&target) => Ok(target),
        Some(target) => Err(Problem::Missing(target)),
    }
}

fn renamed(name: &str) -> String {
    if RENAMED.contains(&name) {
        format!("{name}$")
    } else {
        name.to_string()
    }
}

/// `require("…")` calls of the free `require`, with their literal's span.
struct Requires {
    unresolved: SyntaxContext,
    start: BytePos,
    offset: usize,
    found: Vec<(String, Range<usize>)>,
}

impl Visit for Requires {
    fn visit_call_expr(&mut self, n: &CallExpr) {
        if let Callee::Expr(callee) = &n.callee {
            let is_require = matches!(&**callee, Expr::Ident(i) if &*i.sym == "require" && i.ctxt == self.unresolved);
            if let (true, Some(arg)) = (is_require, n.args.first()) {
                if let Expr::Lit(Lit::Str(spec)) = &*arg.expr {
                    let at = |p: BytePos| p.0.saturating_sub(self.start.0) as usize + self.offset;
                    let span = at(spec.span.lo)..at(spec.span.hi);
                    self.found
                        .push((spec.value.to_string_lossy().into_owned(), span));
                }
            }
        }
        n.visit_children_with(self);
    }
}

/// The names used but never declared, except WXS's own globals.
struct FreeNames {
    unresolved: SyntaxContext,
    names: BTreeSet<String>,
}

impl Visit for FreeNames {
    fn visit_ident(&mut self, n: &Ident) {
        if n.ctxt == self.unresolved && !WXS_GLOBALS.contains(&&*n.sym) {
            self.names.insert(n.sym.to_string());
        }
    }
}

/// Function declarations in blocks become `var f = function f() {…}` at the top of the
/// block, so that the name is visible in the whole function as in sloppy mode.
struct AnnexB;

impl AnnexB {
    fn hoist(stmts: &mut Vec<Stmt>) {
        if !stmts.iter().any(|s| matches!(s, Stmt::Decl(Decl::Fn(_)))) {
            return;
        }
        let mut hoisted = Vec::new();
        let mut rest = Vec::new();
        for stmt in stmts.drain(..) {
            match stmt {
                Stmt::Decl(Decl::Fn(FnDecl {
                    ident: name,
                    function,
                    ..
                })) => {
                    let value = Expr::Fn(FnExpr {
                        ident: Some(name.clone()),
                        function,
                    });
                    hoisted.push(Stmt::Decl(Decl::Var(Box::new(VarDecl {
                        kind: VarDeclKind::Var,
                        decls: vec![VarDeclarator {
                            span: DUMMY_SP,
                            name: Pat::Ident(name.into()),
                            init: Some(Box::new(value)),
                            definite: false,
                        }],
                        ..Default::default()
                    }))));
                }
                other => rest.push(other),
            }
        }
        hoisted.extend(rest);
        *stmts = hoisted;
    }
}

impl VisitMut for AnnexB {
    fn visit_mut_function(&mut self, n: &mut Function) {
        n.params.visit_mut_with(self);
        if let Some(body) = &mut n.body {
            // The body's own declarations are the function's: not hoisted.
            body.stmts.visit_mut_with(self);
        }
    }

    fn visit_mut_block_stmt(&mut self, n: &mut BlockStmt) {
        n.visit_mut_children_with(self);
        Self::hoist(&mut n.stmts);
    }

    fn visit_mut_switch_case(&mut self, n: &mut SwitchCase) {
        n.visit_mut_children_with(self);
        Self::hoist(&mut n.cons);
    }
}

/// The rewrites that give strict-mode code WeChat's sloppy-mode meaning (see the module
/// documentation).
struct Strict {
    unresolved: SyntaxContext,
}

impl Strict {
    fn is_free(&self, expr: &Expr, name: &str) -> bool {
        matches!(expr, Expr::Ident(i) if &*i.sym == name && i.ctxt == self.unresolved)
    }
}

fn is_constructor(prop: &MemberProp) -> bool {
    match prop {
        MemberProp::Ident(name) => &*name.sym == "constructor",
        MemberProp::Computed(c) => {
            matches!(&*c.expr, Expr::Lit(Lit::Str(s)) if s.value.as_str() == Some("constructor"))
        }
        MemberProp::PrivateName(_) => false,
    }
}

fn paren(expr: Expr) -> Expr {
    Expr::Paren(ParenExpr {
        span: DUMMY_SP,
        expr: Box::new(expr),
    })
}

fn bool_lit(value: bool) -> Expr {
    Expr::Lit(Lit::Bool(Bool {
        span: DUMMY_SP,
        value,
    }))
}

fn void0() -> Expr {
    Expr::Unary(UnaryExpr {
        span: DUMMY_SP,
        op: UnaryOp::Void,
        arg: Box::new(Expr::Lit(Lit::Num(Number {
            span: DUMMY_SP,
            value: 0.0,
            raw: None,
        }))),
    })
}

/// Whether a string literal's source has an octal escape (`\01`, `\7`, `\8`), which strict
/// mode forbids.
fn has_octal_escape(raw: &str) -> bool {
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            continue;
        }
        match chars.next() {
            Some('0') if chars.peek().is_some_and(|d| d.is_ascii_digit()) => return true,
            Some('1'..='9') => return true,
            _ => {}
        }
    }
    false
}

/// The value of a string literal as WXS reads it when its source has an escape that
/// JavaScript does not define (`'\d'`): WeChat keeps the backslash (`\d`), where JavaScript
/// drops it. None when the literal has no such escape (its value is already right).
fn keep_unknown_escapes(raw: &str) -> Option<String> {
    let inner = raw.get(1..raw.len().checked_sub(1)?)?;
    let mut out = String::with_capacity(inner.len());
    let mut changed = false;
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            '\\' | '\'' | '"' => out.push(e),
            '\n' | '\u{2028}' | '\u{2029}' => {}
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
            }
            // Escapes with digits or code points: let swc's own value stand.
            '0'..='9' | 'x' | 'u' => return None,
            other => {
                changed = true;
                out.push('\\');
                out.push(other);
            }
        }
    }
    changed.then_some(out)
}

impl VisitMut for Strict {
    fn visit_mut_expr(&mut self, n: &mut Expr) {
        n.visit_mut_children_with(self);
        let replacement = match n {
            Expr::This(this) => {
                let this = Expr::This(*this);
                let test = Expr::Bin(BinExpr {
                    span: DUMMY_SP,
                    op: BinaryOp::EqEq,
                    left: Box::new(this.clone()),
                    right: Box::new(Expr::Lit(Lit::Null(Null { span: DUMMY_SP }))),
                });
                let empty = Expr::Object(ObjectLit {
                    span: DUMMY_SP,
                    props: Vec::new(),
                });
                Some(paren(Expr::Cond(CondExpr {
                    span: DUMMY_SP,
                    test: Box::new(test),
                    cons: Box::new(empty),
                    alt: Box::new(this),
                })))
            }
            Expr::Member(m)
                if matches!(&m.prop, MemberProp::Ident(p) if &*p.sym == "callee")
                    && self.is_free(&m.obj, "arguments") =>
            {
                Some(void0())
            }
            Expr::Member(m) if is_constructor(&m.prop) => {
                let helper = member(Expr::Ident(ident("$wxs", SyntaxContext::empty())), "c");
                Some(call(helper, vec![*m.obj.clone()]))
            }
            Expr::Unary(u) if u.op == UnaryOp::Delete => match &*u.arg {
                Expr::Ident(i) => Some(bool_lit(i.ctxt == self.unresolved)),
                _ => None,
            },
            Expr::Assign(a) => match &a.left {
                AssignTarget::Simple(SimpleAssignTarget::Ident(target))
                    if target.id.ctxt == self.unresolved
                        && matches!(&*target.id.sym, "undefined" | "NaN" | "Infinity") =>
                {
                    let value = match a.op.to_update() {
                        None => *a.right.clone(),
                        Some(op) => Expr::Bin(BinExpr {
                            span: DUMMY_SP,
                            op,
                            left: Box::new(Expr::Ident(target.id.clone())),
                            right: a.right.clone(),
                        }),
                    };
                    Some(paren(value))
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(replacement) = replacement {
            *n = replacement;
        }
    }

    fn visit_mut_ident(&mut self, n: &mut Ident) {
        if RENAMED.contains(&&*n.sym) {
            n.sym = renamed(&n.sym).into();
        }
    }

    fn visit_mut_prop(&mut self, n: &mut Prop) {
        if let Prop::Shorthand(id) = n {
            if RENAMED.contains(&&*id.sym) {
                *n = Prop::KeyValue(KeyValueProp {
                    key: PropName::Ident(IdentName::new(id.sym.clone(), id.span)),
                    value: Box::new(Expr::Ident(id.clone())),
                });
            }
        }
        n.visit_mut_children_with(self);
    }

    fn visit_mut_function(&mut self, n: &mut Function) {
        let names: Vec<Option<String>> = n
            .params
            .iter()
            .map(|p| param_name(&p.pat).map(|i| i.sym.to_string()))
            .collect();
        for (i, param) in n.params.iter_mut().enumerate() {
            let Some(name) = &names[i] else { continue };
            if names[i + 1..].iter().flatten().any(|later| later == name) {
                if let Some(id) = param_name_mut(&mut param.pat) {
                    id.sym = format!("{name}$dup{i}").into();
                }
            }
        }
        n.visit_mut_children_with(self);
    }

    fn visit_mut_number(&mut self, n: &mut Number) {
        let legacy = n.raw.as_deref().is_some_and(|raw| {
            let mut chars = raw.chars();
            chars.next() == Some('0') && chars.next().is_some_and(|c| c.is_ascii_digit())
        });
        if legacy {
            n.raw = None;
        }
    }

    fn visit_mut_str(&mut self, n: &mut Str) {
        if let Some(value) = n.raw.as_deref().and_then(keep_unknown_escapes) {
            n.value = value.as_str().into();
            n.raw = None;
        } else if n.raw.as_deref().is_some_and(has_octal_escape) {
            n.raw = None;
        }
    }
}

fn param_name(pat: &Pat) -> Option<&Ident> {
    match pat {
        Pat::Ident(b) => Some(&b.id),
        Pat::Assign(a) => param_name(&a.left),
        _ => None,
    }
}

fn param_name_mut(pat: &mut Pat) -> Option<&mut Ident> {
    match pat {
        Pat::Ident(b) => Some(&mut b.id),
        Pat::Assign(a) => param_name_mut(&mut a.left),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
