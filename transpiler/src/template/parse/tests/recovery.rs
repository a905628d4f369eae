//! Mistakes: one diagnostic each, with a precise span and a hint, and the rest of the file kept.

use super::markup::element;
use crate::source::{
    codes::{self, Code},
    Diagnostic,
};
use crate::template::parse::ast::Node;
use crate::template::parse::{parse, Parsed};

/// Parses `source` and asserts exactly one diagnostic with `code`, spanning `spanned`.
fn one(source: &str, code: Code, spanned: &str) -> Parsed {
    let parsed = parse("t.wxml", source);
    let [d]: &[Diagnostic] = &parsed.diagnostics[..] else {
        panic!(
            "{source}: expected one diagnostic, got {:#?}",
            parsed.diagnostics
        );
    };
    assert_eq!(d.code, code.name, "{source}: {d:#?}");
    assert_eq!(d.file.as_deref(), Some("t.wxml"));
    assert_eq!(
        &source[d.span.clone().unwrap()],
        spanned,
        "{source}: {d:#?}"
    );
    assert!(d.hint.is_some(), "{d:#?}");
    parsed
}

fn names(nodes: &[Node]) -> Vec<&str> {
    nodes
        .iter()
        .filter_map(|n| match n {
            Node::Element(e) => Some(e.name.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn unclosed_input_is_an_error_like_wcc() {
    let parsed = one("<view><input></view>", codes::WXML_UNCLOSED_TAG, "<input>");
    assert!(parsed.diagnostics[0]
        .hint
        .as_deref()
        .unwrap()
        .contains("<input … />"));
    let view = element(&parsed.template.children, 0);
    assert_eq!(view.end_tag, Some(13..20));
    let input = element(&view.children, 0);
    assert_eq!(input.end_tag, None);
}

#[test]
fn unclosed_tag_recovers_and_keeps_siblings() {
    let source = "<view><text>a</view><view>b</view>";
    let parsed = one(source, codes::WXML_UNCLOSED_TAG, "<text>");
    assert_eq!(names(&parsed.template.children), ["view", "view"]);
    let first = element(&parsed.template.children, 0);
    assert_eq!(names(&first.children), ["text"]);
}

#[test]
fn unclosed_at_end_of_file() {
    let parsed = one("<view><text>a</text>", codes::WXML_UNCLOSED_TAG, "<view>");
    let view = element(&parsed.template.children, 0);
    assert_eq!(names(&view.children), ["text"]);
    assert_eq!(view.span, 0..20);
}

#[test]
fn mismatched_end_tag_closes_the_open_element() {
    let source = "<view><text>a</txet><view/></view>";
    let parsed = one(source, codes::WXML_MISMATCHED_END_TAG, "txet");
    let view = element(&parsed.template.children, 0);
    assert_eq!(names(&view.children), ["text", "view"]);
}

#[test]
fn stray_end_tag_is_ignored() {
    let source = "<view></text><image/></view>";
    let parsed = one(source, codes::WXML_STRAY_END_TAG, "</text>");
    let view = element(&parsed.template.children, 0);
    assert_eq!(names(&view.children), ["image"]);
}

#[test]
fn stray_end_tag_at_top_level() {
    let parsed = one("</view><view/>", codes::WXML_STRAY_END_TAG, "</view>");
    assert_eq!(names(&parsed.template.children), ["view"]);
}

#[test]
fn bad_attribute_is_skipped() {
    let source = "<view 1a=\"x\" data-a.b=\"1\" class=\"c\"></view><text/>";
    let parsed = parse("t.wxml", source);
    let spans: Vec<_> = parsed
        .diagnostics
        .iter()
        .map(|d| (d.code, &source[d.span.clone().unwrap()]))
        .collect();
    assert_eq!(
        spans,
        [
            (codes::WXML_BAD_ATTRIBUTE.name, "1a=\"x\""),
            (codes::WXML_BAD_ATTRIBUTE.name, ".b=\"1\"")
        ]
    );
    let view = element(&parsed.template.children, 0);
    assert!(view.attribute("class").is_some());
    assert_eq!(names(&parsed.template.children), ["view", "text"]);
}

#[test]
fn unterminated_attribute_value() {
    let parsed = one("<view class=\"a></view>", codes::WXML_BAD_ATTRIBUTE, "\"");
    assert_eq!(names(&parsed.template.children), ["view"]);
}

#[test]
fn attribute_without_value_after_equals() {
    let parsed = one("<view a= ></view>", codes::WXML_BAD_ATTRIBUTE, "=");
    let view = element(&parsed.template.children, 0);
    assert!(view.attribute("a").unwrap().value.is_none());
}

#[test]
fn start_tag_without_closing_bracket() {
    let source = "<view class=\"a\"\n<text>b</text></view>";
    let parsed = one(source, codes::WXML_UNTERMINATED_TAG, "<view");
    let view = element(&parsed.template.children, 0);
    assert_eq!(names(&view.children), ["text"]);
}

#[test]
fn bad_expression_is_one_error_and_keeps_the_binding() {
    let source = "<view a=\"{{ a + }}\">{{ b }}</view>";
    let parsed = one(source, codes::WXML_BAD_EXPRESSION, "+");
    let view = element(&parsed.template.children, 0);
    let expr = view
        .attribute("a")
        .unwrap()
        .value
        .as_ref()
        .unwrap()
        .single_binding()
        .unwrap();
    assert_eq!(expr.kind, crate::template::parse::ast::ExprKind::Invalid);
    assert_eq!(&source[expr.span.clone()], " a + ");
}

#[test]
fn bad_expression_points_at_the_token() {
    one("<view>{{ a = 1 }}</view>", codes::WXML_BAD_EXPRESSION, "=");
    one(
        "<view>{{ a ?. b }}</view>",
        codes::WXML_BAD_EXPRESSION,
        "?.",
    );
}

#[test]
fn unterminated_mustache_in_text() {
    let source = "<view>{{ a </view><view>b</view>";
    let parsed = one(source, codes::WXML_UNTERMINATED_MUSTACHE, "{{ a ");
    assert_eq!(names(&parsed.template.children), ["view", "view"]);
}

#[test]
fn unterminated_mustache_in_attribute() {
    one(
        "<view a=\"x {{ y\"></view>",
        codes::WXML_UNTERMINATED_MUSTACHE,
        "{{ y",
    );
}

#[test]
fn unterminated_comment_swallows_the_rest_like_wcc() {
    let parsed = one(
        "<view/><!-- x <view/>",
        codes::WXML_UNTERMINATED_COMMENT,
        "<!--",
    );
    assert_eq!(parsed.diagnostics[0].severity, crate::Severity::Warning);
    assert_eq!(names(&parsed.template.children), ["view"]);
}

#[test]
fn unterminated_wxs() {
    let parsed = one(
        "<wxs module=\"m\">var a;",
        codes::WXML_UNCLOSED_TAG,
        "<wxs module=\"m\">",
    );
    let wxs = element(&parsed.template.children, 0);
    assert_eq!(wxs.children.len(), 1);
}

#[test]
fn lone_less_than_in_text() {
    let source = "<view>a < b</view>";
    let parsed = one(source, codes::WXML_UNESCAPED_LESS_THAN, "<");
    let view = element(&parsed.template.children, 0);
    let [Node::Text(t)] = &view.children[..] else {
        panic!()
    };
    assert_eq!(t.value.raw, "a < b");
}

#[test]
fn doctype_is_rejected_and_skipped() {
    let parsed = one(
        "<!DOCTYPE html><view/>",
        codes::WXML_BAD_TAG,
        "<!DOCTYPE html>",
    );
    assert_eq!(names(&parsed.template.children), ["view"]);
}

#[test]
fn malformed_end_tag() {
    let parsed = one("<view></view<text/>", codes::WXML_BAD_END_TAG, "</view");
    assert_eq!(names(&parsed.template.children), ["view", "text"]);
}

#[test]
fn slash_not_followed_by_bracket() {
    let parsed = one("<view/ ><text/>", codes::WXML_BAD_ATTRIBUTE, "/");
    assert_eq!(names(&parsed.template.children), ["view", "text"]);
    assert!(element(&parsed.template.children, 0).self_closing);
}

#[test]
fn deep_nesting_is_capped() {
    let source = "<view>".repeat(2000) + &"</view>".repeat(2000);
    let parsed = parse("t.wxml", &source);
    assert_eq!(
        parsed
            .diagnostics
            .iter()
            .filter(|d| d.code == codes::WXML_TOO_DEEP.name)
            .count(),
        1
    );
    // The end tags of the elements that became siblings close them, silently.
    assert_eq!(parsed.diagnostics.len(), 1, "{:?}", parsed.diagnostics);
}

#[test]
fn garbage_never_panics() {
    for source in [
        "<",
        "</",
        "<!",
        "<!-",
        "{{",
        "}}",
        "<a b=",
        "<a b='",
        "<a\u{e9}>",
        "<a b=\u{e9}\u{e9}/>",
        "<>",
        "</>",
        "<a/",
        "{{'",
        "{{\"\\",
        "<wxs>",
        "<wxs></wx",
        "\u{feff}",
    ] {
        let parsed = parse("t.wxml", source);
        let _ = parsed;
    }
}
