//! Template expressions → JavaScript. Identifiers resolve, innermost first, against loop
//! variables, the file's WXS modules, then the data scope `d`; member access and calls go
//! through null-safe runtime helpers (`$.m`, `$.f`), so a missing field gives `undefined`
//! as in WeChat instead of throwing. No `with`, no `eval`: the output runs under a strict CSP.

use super::helpers::{CALL, IN, INSTANCE_OF, MEMBER, SPREAD, TEXT};
use crate::template::ir::{AttrValue, TextPart};
use crate::template::parse::ast::{ArrayItem, BinaryOp, Expr, ExprKind, Property, UnaryOp};

/// What names mean where an expression is compiled.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// Loop variables: (template name, JS name), innermost last.
    pub locals: Vec<(String, String)>,
    /// WXS modules of the file: (module name, JS name).
    pub wxs: Vec<(String, String)>,
}

impl Env {
    pub fn lookup(&self, name: &str) -> String {
        if let Some((_, js)) = self.locals.iter().rev().find(|(n, _)| n == name) {
            return js.clone();
        }
        if let Some((_, js)) = self.wxs.iter().find(|(n, _)| n == name) {
            return js.clone();
        }
        format!("d[{}]", string(name))
    }
}

pub use crate::script::print::js_string as string;

fn number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        "Infinity".into()
    } else {
        format!("{n}")
    }
}

/// The JavaScript of `expr`.
pub fn expr(e: &Expr, env: &Env) -> String {
    match &e.kind {
        ExprKind::Null => "null".into(),
        ExprKind::Undefined | ExprKind::Invalid => "undefined".into(),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Number(n) => number(*n),
        ExprKind::String(s) => string(s),
        ExprKind::Identifier(name) => env.lookup(name),
        ExprKind::Member { object, property } => {
            format!("$.{MEMBER}({}, {})", expr(object, env), string(property))
        }
        ExprKind::Index { object, index } => {
            format!("$.{MEMBER}({}, {})", expr(object, env), expr(index, env))
        }
        ExprKind::Call { callee, args } => {
            let args: Vec<String> = args.iter().map(|a| expr(a, env)).collect();
            let args = args.join(", ");
            match &callee.kind {
                ExprKind::Member { object, property } => {
                    format!(
                        "$.{CALL}({}, {}, [{args}])",
                        expr(object, env),
                        string(property)
                    )
                }
                ExprKind::Index { object, index } => {
                    format!(
                        "$.{CALL}({}, {}, [{args}])",
                        expr(object, env),
                        expr(index, env)
                    )
                }
                _ => format!("$.{CALL}(null, {}, [{args}])", expr(callee, env)),
            }
        }
        ExprKind::Unary { op, argument } => {
            let op = match op {
                UnaryOp::Not => "!",
                UnaryOp::Minus => "-",
                UnaryOp::Plus => "+",
                UnaryOp::BitNot => "~",
                UnaryOp::TypeOf => "typeof ",
                UnaryOp::Void => "void ",
            };
            format!("({op}{})", expr(argument, env))
        }
        ExprKind::Binary { op, left, right } => {
            let (l, r) = (expr(left, env), expr(right, env));
            match op {
                BinaryOp::In => format!("$.{IN}({l}, {r})"),
                BinaryOp::InstanceOf => format!("$.{INSTANCE_OF}({l}, {r})"),
                _ => format!("({l} {} {r})", binary(*op)),
            }
        }
        ExprKind::Conditional {
            test,
            consequent,
            alternate,
        } => format!(
            "({} ? {} : {})",
            expr(test, env),
            expr(consequent, env),
            expr(alternate, env)
        ),
        ExprKind::Array(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|i| match i {
                    ArrayItem::Item(e) => expr(e, env),
                    ArrayItem::Spread(e) => format!("...$.{SPREAD}({})", expr(e, env)),
                    ArrayItem::Hole => String::new(),
                })
                .collect();
            let trailing = if matches!(items.last(), Some(s) if s.is_empty()) {
                ","
            } else {
                ""
            };
            format!("[{}{trailing}]", items.join(", "))
        }
        ExprKind::Object(props) => {
            let props: Vec<String> = props
                .iter()
                .map(|p| match p {
                    Property::KeyValue { key, value, .. } => {
                        format!("{}: {}", string(key), expr(value, env))
                    }
                    Property::Shorthand { key, .. } => {
                        format!("{}: {}", string(key), env.lookup(key))
                    }
                    Property::Spread(e) => format!("...{}", expr(e, env)),
                })
                .collect();
            format!("{{{}}}", props.join(", "))
        }
    }
}

fn binary(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Add => "+",
        BinaryOp::Sub => "-",
        BinaryOp::Mul => "*",
        BinaryOp::Div => "/",
        BinaryOp::Rem => "%",
        BinaryOp::Eq => "==",
        BinaryOp::NotEq => "!=",
        BinaryOp::StrictEq => "===",
        BinaryOp::StrictNotEq => "!==",
        BinaryOp::Lt => "<",
        BinaryOp::LtEq => "<=",
        BinaryOp::Gt => ">",
        BinaryOp::GtEq => ">=",
        BinaryOp::And => "&&",
        BinaryOp::Or => "||",
        BinaryOp::Nullish => "??",
        BinaryOp::BitAnd => "&",
        BinaryOp::BitOr => "|",
        BinaryOp::BitXor => "^",
        BinaryOp::Shl => "<<",
        BinaryOp::Shr => ">>",
        BinaryOp::UShr => ">>>",
        BinaryOp::In => "in",
        BinaryOp::InstanceOf => "instanceof",
    }
}

/// Static text and bindings joined into one string, each binding stringified as WeChat
/// does (`$.s`).
pub fn concat(parts: &[TextPart], env: &Env) -> String {
    match parts {
        [] => return "\"\"".into(),
        [TextPart::Binding(e)] => return format!("$.{TEXT}({})", expr(e, env)),
        _ => {}
    }
    let pieces: Vec<String> = parts
        .iter()
        .map(|p| match p {
            TextPart::Static(s) => string(s),
            TextPart::Binding(e) => format!("$.{TEXT}({})", expr(e, env)),
        })
        .collect();
    if matches!(parts.first(), Some(TextPart::Static(_))) {
        pieces.join(" + ")
    } else {
        format!("\"\" + {}", pieces.join(" + "))
    }
}

/// An attribute value: typed for a single binding, a string otherwise.
pub fn attr(value: &AttrValue, env: &Env) -> String {
    match value {
        AttrValue::Static(s) => string(s),
        AttrValue::True => "true".into(),
        AttrValue::Expr(e) => expr(e, env),
        AttrValue::Concat(parts) => concat(parts, env),
    }
}

/// An attribute value that must be a string (`class`, `style`).
pub fn attr_string(value: &AttrValue, env: &Env) -> String {
    match value {
        AttrValue::Expr(e) => format!("$.{TEXT}({})", expr(e, env)),
        AttrValue::True => "\"\"".into(),
        other => attr(other, env),
    }
}
