//! Finding what a module requests: `require('x')`, `require.async('x')`, `import('x')`
//! (rewritten to `require.async`), `require(expr)` resolved at run time, `requirePlugin`.

use std::ops::Range;

use swc_common::{BytePos, Span, SyntaxContext};
use swc_ecma_ast::*;
use swc_ecma_visit::{VisitMut, VisitMutWith};

use super::build::{call, ident, member};

/// How a module asks for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sync,
    Async,
}

/// One request found in a module, with its byte span in the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Static {
        spec: String,
        kind: Kind,
        span: Range<usize>,
    },
    Dynamic {
        span: Range<usize>,
    },
    Plugin {
        span: Range<usize>,
    },
}

/// Collects the requests of `program` (whose `require` is the free one) in source order.
pub fn collect(program: &mut Program, unresolved: SyntaxContext, start: BytePos) -> Vec<Request> {
    let mut finder = Finder {
        unresolved,
        start,
        found: Vec::new(),
    };
    program.visit_mut_with(&mut finder);
    finder.found
}

struct Finder {
    unresolved: SyntaxContext,
    start: BytePos,
    found: Vec<Request>,
}

impl Finder {
    fn range(&self, span: Span) -> Range<usize> {
        let lo = span.lo.0.saturating_sub(self.start.0) as usize;
        let hi = span.hi.0.saturating_sub(self.start.0) as usize;
        lo..hi.max(lo)
    }

    fn is_free(&self, expr: &Expr, name: &str) -> bool {
        matches!(expr, Expr::Ident(id) if &*id.sym == name && id.ctxt == self.unresolved)
    }

    fn record(&mut self, args: &[ExprOrSpread], kind: Kind, call_span: Span) {
        let literal = args
            .first()
            .filter(|a| a.spread.is_none())
            .and_then(|a| match &*a.expr {
                Expr::Lit(Lit::Str(s)) => Some((s.value.to_string_lossy().into_owned(), s.span)),
                Expr::Tpl(t) if t.exprs.is_empty() => t
                    .quasis
                    .first()
                    .and_then(|q| q.cooked.as_ref())
                    .map(|c| (c.to_string_lossy().into_owned(), t.span)),
                _ => None,
            });
        match literal {
            Some((spec, span)) => {
                let span = if span.is_dummy() { call_span } else { span };
                self.found.push(Request::Static {
                    spec,
                    kind,
                    span: self.range(span),
                })
            }
            None => self.found.push(Request::Dynamic {
                span: self.range(call_span),
            }),
        }
    }
}

impl VisitMut for Finder {
    fn visit_mut_call_expr(&mut self, node: &mut CallExpr) {
        node.visit_mut_children_with(self);
        match &node.callee {
            Callee::Expr(callee) if self.is_free(callee, "require") => {
                self.record(&node.args, Kind::Sync, node.span);
            }
            Callee::Expr(callee) if self.is_free(callee, "requirePlugin") => {
                let span = self.range(node.span);
                self.found.push(Request::Plugin { span });
            }
            Callee::Expr(callee) => {
                if let Expr::Member(m) = &**callee {
                    let is_async = matches!(&m.prop, MemberProp::Ident(p) if &*p.sym == "async");
                    if is_async && self.is_free(&m.obj, "require") {
                        self.record(&node.args, Kind::Async, node.span);
                    }
                }
            }
            Callee::Import(_) => {
                // `import(x)` → `require.async(x).then(require.namespace)`.
                self.record(&node.args, Kind::Async, node.span);
                let require = || Expr::Ident(ident("require", self.unresolved));
                let args: Vec<Expr> = node.args.iter().map(|a| (*a.expr).clone()).collect();
                let loaded = call(member(require(), "async"), args);
                let then = call(member(loaded, "then"), vec![member(require(), "namespace")]);
                if let Expr::Call(rewritten) = then {
                    *node = CallExpr {
                        span: node.span,
                        ..rewritten
                    };
                }
            }
            Callee::Super(_) => {}
        }
    }
}
