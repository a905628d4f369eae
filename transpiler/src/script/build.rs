//! Small constructors of swc AST nodes used by the lowering passes.

use swc_common::{SyntaxContext, DUMMY_SP};
use swc_ecma_ast::*;

pub fn ident(name: &str, ctxt: SyntaxContext) -> Ident {
    Ident::new(name.into(), DUMMY_SP, ctxt)
}

pub fn str_lit(value: &str) -> Str {
    Str {
        span: DUMMY_SP,
        value: value.into(),
        raw: None,
    }
}

/// `obj.name`, or `obj["name"]` when `name` is not an identifier.
pub fn member(obj: Expr, name: &str) -> Expr {
    let valid = !name.is_empty()
        && name.chars().enumerate().all(|(i, c)| {
            c == '_' || c == '$' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())
        });
    let prop = if valid {
        MemberProp::Ident(IdentName::new(name.into(), DUMMY_SP))
    } else {
        MemberProp::Computed(ComputedPropName {
            span: DUMMY_SP,
            expr: Box::new(Expr::Lit(Lit::Str(str_lit(name)))),
        })
    };
    Expr::Member(MemberExpr {
        span: DUMMY_SP,
        obj: Box::new(obj),
        prop,
    })
}

pub fn call(callee: Expr, args: Vec<Expr>) -> Expr {
    Expr::Call(CallExpr {
        span: DUMMY_SP,
        callee: Callee::Expr(Box::new(callee)),
        args: args
            .into_iter()
            .map(|e| ExprOrSpread {
                spread: None,
                expr: Box::new(e),
            })
            .collect(),
        ..Default::default()
    })
}
