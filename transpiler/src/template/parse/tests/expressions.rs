//! The expression language: literals, operators with JavaScript precedence, spans into the file.

use crate::template::parse::ast::{ArrayItem, BinaryOp, Expr, ExprKind, Property, UnaryOp};
use crate::template::parse::parse_expression;

fn expr(source: &str) -> Expr {
    parse_expression(source, 0).unwrap_or_else(|e| panic!("{source}: {e:?}"))
}

/// A compact, fully parenthesized rendering to compare trees.
fn show(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Null => "null".into(),
        ExprKind::Undefined => "undefined".into(),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Number(n) => n.to_string(),
        ExprKind::String(s) => format!("{s:?}"),
        ExprKind::Identifier(n) => n.clone(),
        ExprKind::Member { object, property } => format!("{}.{property}", show(object)),
        ExprKind::Index { object, index } => format!("{}[{}]", show(object), show(index)),
        ExprKind::Call { callee, args } => format!(
            "{}({})",
            show(callee),
            args.iter().map(show).collect::<Vec<_>>().join(", ")
        ),
        ExprKind::Unary { op, argument } => format!("({op:?} {})", show(argument)),
        ExprKind::Binary { op, left, right } => format!("({} {op:?} {})", show(left), show(right)),
        ExprKind::Conditional {
            test,
            consequent,
            alternate,
        } => {
            format!(
                "({} ? {} : {})",
                show(test),
                show(consequent),
                show(alternate)
            )
        }
        ExprKind::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| match i {
                    ArrayItem::Item(e) => show(e),
                    ArrayItem::Spread(e) => format!("...{}", show(e)),
                    ArrayItem::Hole => "_".into(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ExprKind::Object(props) => format!(
            "{{{}}}",
            props
                .iter()
                .map(|p| match p {
                    Property::KeyValue { key, value, .. } => format!("{key}: {}", show(value)),
                    Property::Shorthand { key, .. } => key.clone(),
                    Property::Spread(e) => format!("...{}", show(e)),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ExprKind::Invalid => "<invalid>".into(),
    }
}

fn check(source: &str, expected: &str) {
    assert_eq!(show(&expr(source)), expected, "{source}");
}

#[test]
fn literals() {
    check("1", "1");
    check(".5", "0.5");
    check("1e3", "1000");
    check("1.5E-1", "0.15");
    check("0x1F", "31");
    check("'a\\'b'", "\"a'b\"");
    check("\"a\\n\\u0041\\x42\\u{1F600}\"", "\"a\\nAB😀\"");
    check("true", "true");
    check("false", "false");
    check("null", "null");
    check("undefined", "undefined");
}

#[test]
fn members_indexes_and_calls() {
    check("a.b.c", "a.b.c");
    check("a[b][0]", "a[b][0]");
    check("m.fn(x, y)", "m.fn(x, y)");
    check("a.class.in", "a.class.in");
    check("f()()", "f()()");
    check("list[index].name.length", "list[index].name.length");
}

#[test]
fn unary_operators() {
    check("!a", "(Not a)");
    check("-a", "(Minus a)");
    check("+a", "(Plus a)");
    check("~a", "(BitNot a)");
    check("typeof a === 'string'", "((TypeOf a) StrictEq \"string\")");
    check("void 0", "(Void 0)");
    check("!!a.b", "(Not (Not a.b))");
}

#[test]
fn operator_precedence_matches_javascript() {
    check("a + b * c", "(a Add (b Mul c))");
    check("a * b + c", "((a Mul b) Add c)");
    check("a - b - c", "((a Sub b) Sub c)");
    check("a || b && c", "(a Or (b And c))");
    check("a && b || c", "((a And b) Or c)");
    check("a == b < c", "(a Eq (b Lt c))");
    check("a | b ^ c & d", "(a BitOr (b BitXor (c BitAnd d)))");
    check("a << 1 + 2", "(a Shl (1 Add 2))");
    check("a >>> b >> c", "((a UShr b) Shr c)");
    check("a < b === c > d", "((a Lt b) StrictEq (c Gt d))");
    check(
        "'k' in o && o instanceof C",
        "((\"k\" In o) And (o InstanceOf C))",
    );
    check("a ?? b", "(a Nullish b)");
    check("a % b / c", "((a Rem b) Div c)");
    check(
        "a != b !== c <= d >= e",
        "((a NotEq b) StrictNotEq ((c LtEq d) GtEq e))",
    );
    check("-a * b", "((Minus a) Mul b)");
    check("(a + b) * c", "((a Add b) Mul c)");
}

#[test]
fn conditional_is_right_associative() {
    check("a ? b : c ? d : e", "(a ? b : (c ? d : e))");
    check("a || b ? c + 1 : d", "((a Or b) ? (c Add 1) : d)");
    check("a ? b ? c : d : e", "(a ? (b ? c : d) : e)");
}

#[test]
fn array_literals_with_spread_and_holes() {
    check("[1, , 2, ...a, ]", "[1, _, 2, ...a]");
    check("[]", "[]");
    check("[,]", "[_]");
}

#[test]
fn object_literals_with_spread_and_shorthand() {
    check(
        "{a: 1, 'b-c': 2, 3: x, d, ...e}",
        "{a: 1, b-c: 2, 3: x, d, ...e}",
    );
    check("{}", "{}");
    check("{a: {b: 1}}", "{a: {b: 1}}");
}

#[test]
fn object_body_without_braces() {
    check("...item, x, y: 1", "{...item, x, y: 1}");
    check("a: 1, b: 2", "{a: 1, b: 2}");
    check("a, b", "{a, b}");
    check("'k': v", "{k: v}");
    check("a ? b : c", "(a ? b : c)");
    let e = expr("...item, x");
    assert!(matches!(e.kind, ExprKind::Object(_)));
}

#[test]
fn spans_are_file_offsets() {
    let file = "<view a=\"{{ m.fn(x[0], 'y') + 1 }}\"/>";
    let start = 11;
    let inner = &file[start..file.len() - 5];
    let e = parse_expression(inner, start).unwrap();
    assert_eq!(&file[e.span.clone()], "m.fn(x[0], 'y') + 1");
    let ExprKind::Binary {
        left,
        right,
        op: BinaryOp::Add,
    } = &e.kind
    else {
        panic!()
    };
    assert_eq!(&file[left.span.clone()], "m.fn(x[0], 'y')");
    assert_eq!(&file[right.span.clone()], "1");
    let ExprKind::Call { callee, args } = &left.kind else {
        panic!()
    };
    assert_eq!(&file[callee.span.clone()], "m.fn");
    assert_eq!(&file[args[0].span.clone()], "x[0]");
    assert_eq!(&file[args[1].span.clone()], "'y'");
}

#[test]
fn object_body_spans() {
    let source = "...item, x, y: 1";
    let e = parse_expression(source, 100).unwrap();
    assert_eq!(e.span, 100..116);
    let ExprKind::Object(props) = &e.kind else {
        panic!()
    };
    let Property::KeyValue {
        key_span, value, ..
    } = &props[2]
    else {
        panic!()
    };
    assert_eq!(key_span, &(112..113));
    assert_eq!(value.span, 115..116);
    let Property::Shorthand { span, .. } = &props[1] else {
        panic!()
    };
    assert_eq!(span, &(109..110));
}

#[test]
fn unary_span_covers_the_operator() {
    let e = expr(" -a ");
    assert_eq!(e.span, 1..3);
    assert!(matches!(
        e.kind,
        ExprKind::Unary {
            op: UnaryOp::Minus,
            ..
        }
    ));
}

#[test]
fn errors_have_precise_spans() {
    let err = |s: &str| parse_expression(s, 10).unwrap_err();
    assert_eq!(err("a +").span, 12..13);
    assert_eq!(err("a b").span, 12..13);
    assert_eq!(err("a = 1").span, 12..13);
    assert_eq!(err("'abc").span, 10..14);
    assert_eq!(err("`x`").span, 10..11);
    assert_eq!(err("(a").span, 11..12);
    assert_eq!(err("").span, 10..10);
    assert_eq!(err("1a").span, 10..11);
    assert!(err("a = 1").hint.unwrap().contains("=="));
    assert_eq!(err("f(...a)").span, 12..15);
    assert_eq!(err("{[a]: 1}").span, 11..12);
    assert_eq!(err("a ?. b").span, 12..14);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = "(".repeat(10_000) + "a" + &")".repeat(10_000);
    assert!(parse_expression(&deep, 0).is_err());
    let deep = "!".repeat(10_000) + "a";
    assert!(parse_expression(&deep, 0).is_err());
    let deep = "a ? ".repeat(10_000) + "b";
    assert!(parse_expression(&deep, 0).is_err());
}

#[test]
fn conditional_with_number_after_question_mark() {
    check("a?.5:1", "(a ? 0.5 : 1)");
}

#[test]
fn keywords_in_operand_position_are_names() {
    check("in", "in");
    check("in && images.length", "(in And images.length)");
    check("this.x", "this.x");
    check("typeof", "typeof");
    check("typeof.x", "typeof.x");
    check("a.typeof", "a.typeof");
}

#[test]
fn template_data_is_always_an_object_body() {
    let show_body = |s: &str| show(&crate::template::parse::parse_object_body(s, 0).unwrap());
    assert_eq!(show_body("a"), "{a}");
    assert_eq!(show_body("...item"), "{...item}");
    assert_eq!(show_body("a: {b: 1}, c"), "{a: {b: 1}, c}");
    assert_eq!(show_body("{a: 1}"), "{a: 1}");
    assert!(crate::template::parse::parse_object_body("a + 1", 0).is_err());
}
