//! Elements, attributes, text, bindings, comments and `<wxs>`: what `wcc` accepts.

use crate::source::codes;
use crate::template::parse::ast::{Element, Node, Part, Template};
use crate::template::parse::parse;

/// Parses `source`, asserting that it has no diagnostics.
pub fn clean(source: &str) -> Template {
    let parsed = parse("t.wxml", source);
    assert!(
        parsed.diagnostics.is_empty(),
        "{source}: {:#?}",
        parsed.diagnostics
    );
    parsed.template
}

pub fn element(nodes: &[Node], index: usize) -> &Element {
    match nodes
        .iter()
        .filter(|n| matches!(n, Node::Element(_)))
        .nth(index)
    {
        Some(Node::Element(e)) => e,
        _ => panic!("no element {index} in {nodes:#?}"),
    }
}

fn attr_raw<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attribute(name)
        .and_then(|a| a.value.as_ref())
        .map(|v| v.raw.as_str())
}

#[test]
fn nested_elements_and_text() {
    let t = clean("<view><text>hi</text></view>");
    let view = element(&t.children, 0);
    assert_eq!(view.name, "view");
    let text = element(&view.children, 0);
    assert_eq!(text.name, "text");
    assert!(matches!(&text.children[..], [Node::Text(t)] if t.value.raw == "hi"));
    assert_eq!(view.span, 0..28);
    assert_eq!(view.end_tag, Some(21..28));
}

#[test]
fn self_closing_tags() {
    let source = "<view/><image src=\"x\" />";
    let t = clean(source);
    let view = element(&t.children, 0);
    assert!(view.self_closing && view.end_tag.is_none() && view.children.is_empty());
    let image = element(&t.children, 1);
    assert!(image.self_closing);
    assert_eq!(&source[image.span.clone()], "<image src=\"x\" />");
}

#[test]
fn attributes_with_and_without_values_and_both_quotes() {
    let t = clean("<input disabled value='a \"b\"' type=\"c 'd'\"/>");
    let input = element(&t.children, 0);
    assert!(input
        .attribute("disabled")
        .is_some_and(|a| a.value.is_none()));
    assert_eq!(attr_raw(input, "value"), Some("a \"b\""));
    assert_eq!(attr_raw(input, "type"), Some("c 'd'"));
}

#[test]
fn unquoted_attribute_value() {
    let source = "<image src=http://x/a.png mode=aspectFit/><image src=a.png/>";
    let t = clean(source);
    let image = element(&t.children, 0);
    assert_eq!(attr_raw(image, "src"), Some("http://x/a.png"));
    assert_eq!(attr_raw(image, "mode"), Some("aspectFit"));
    assert!(image.self_closing);
    assert_eq!(attr_raw(element(&t.children, 1), "src"), Some("a.png"));
}

#[test]
fn whitespace_around_equals() {
    let source = "<view a = \"1\" b= '2' c =3></view>";
    let t = clean(source);
    let view = element(&t.children, 0);
    assert_eq!(attr_raw(view, "a"), Some("1"));
    assert_eq!(attr_raw(view, "b"), Some("2"));
    assert_eq!(attr_raw(view, "c"), Some("3"));
    let a = view.attribute("a").unwrap();
    assert_eq!(&source[a.span.clone()], "a = \"1\"");
    assert_eq!(&source[a.value.as_ref().unwrap().span.clone()], "1");
}

#[test]
fn attribute_names_keep_case_and_colons() {
    let names = [
        "data-shopType",
        "bind:tap",
        "wx:for-item",
        "model:value",
        "mark:id",
        "generic:selectable",
        ":disable-scroll",
        "catch:touchmove",
        "wx:for-items",
    ];
    let source = format!(
        "<view {}></view>",
        names.map(|n| format!("{n}=\"x\"")).join(" ")
    );
    let t = clean(&source);
    let view = element(&t.children, 0);
    let got: Vec<_> = view.attributes.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(got, names);
    for a in &view.attributes {
        assert_eq!(&source[a.name_span.clone()], a.name);
    }
}

#[test]
fn attributes_need_no_blank_between_them() {
    let t = clean("<view a=\"1\"b=\"2\"></view>");
    assert_eq!(element(&t.children, 0).attributes.len(), 2);
}

#[test]
fn uppercase_tag_names_are_kept() {
    let t = clean("<View></View><my_comp/>");
    assert_eq!(element(&t.children, 0).name, "View");
    assert_eq!(element(&t.children, 1).name, "my_comp");
}

#[test]
fn blanks_inside_end_tags() {
    let t = clean("<view></view ><text></ text>");
    assert_eq!(t.children.len(), 2);
}

#[test]
fn wx_else_with_a_value_is_an_ordinary_attribute() {
    let t = clean("<view wx:if=\"{{a}}\"/><view wx:else=\"{{b}}\"/>");
    let other = element(&t.children, 1);
    assert!(other
        .attribute("wx:else")
        .unwrap()
        .value
        .as_ref()
        .unwrap()
        .single_binding()
        .is_some());
}

#[test]
fn duplicate_attributes_are_all_kept() {
    let parsed = parse("t.wxml", "<view class=\"a\" class=\"b\"></view>");
    let view = element(&parsed.template.children, 0);
    assert_eq!(view.attributes.len(), 2);
    assert_eq!(attr_raw(view, "class"), Some("b"), "the last one wins");
    assert_eq!(parsed.diagnostics.len(), 1);
    let d = &parsed.diagnostics[0];
    assert_eq!(d.code, codes::WXML_DUPLICATE_ATTRIBUTE.name);
    assert_eq!(d.severity, crate::Severity::Warning);
    assert_eq!(d.span, Some(16..25));
    assert!(d.hint.as_deref().unwrap().contains("last one wins"));
}

#[test]
fn mustaches_in_text_and_attributes() {
    let source = "<view class=\"a {{b}} c\">x {{ y }} z</view>";
    let t = clean(source);
    let view = element(&t.children, 0);
    let value = view.attribute("class").unwrap().value.as_ref().unwrap();
    assert_eq!(value.parts.len(), 3);
    let Part::Binding { span, expr } = &value.parts[1] else {
        panic!()
    };
    assert_eq!(&source[span.clone()], "{{b}}");
    assert_eq!(&source[expr.span.clone()], "b");
    let Node::Text(text) = &view.children[0] else {
        panic!()
    };
    let spans: Vec<_> = text
        .value
        .parts
        .iter()
        .map(|p| match p {
            Part::Static { span, text } => {
                assert_eq!(&source[span.clone()], text);
                &source[span.clone()]
            }
            Part::Binding { span, .. } => &source[span.clone()],
        })
        .collect();
    assert_eq!(spans, ["x ", "{{ y }}", " z"]);
}

#[test]
fn single_binding_keeps_its_type() {
    let t = clean("<view a=\"{{1}}\" b=\" {{1}}\" c=\"\" d=\"x\"/>");
    let view = element(&t.children, 0);
    let value = |n: &str| view.attribute(n).unwrap().value.clone().unwrap();
    assert!(value("a").single_binding().is_some());
    assert!(value("b").single_binding().is_none());
    assert_eq!(value("c").static_text(), Some(""));
    assert_eq!(value("c").parts, []);
    assert_eq!(value("d").static_text(), Some("x"));
}

#[test]
fn mustache_end_inside_string_is_not_the_end() {
    let source = "<text>{{ '}}' }}</text><view a=\"{{ '}}' + b }}\"/>";
    let t = clean(source);
    let Node::Text(text) = &element(&t.children, 0).children[0] else {
        panic!()
    };
    assert_eq!(text.value.parts.len(), 1);
    let Part::Binding { span, .. } = &text.value.parts[0] else {
        panic!()
    };
    assert_eq!(&source[span.clone()], "{{ '}}' }}");
    let value = element(&t.children, 1)
        .attribute("a")
        .unwrap()
        .value
        .clone()
        .unwrap();
    assert!(value.single_binding().is_some());
}

#[test]
fn mustache_with_object_literals() {
    for source in [
        "<view>{{ {a: 1} }}</view>",
        "<view>{{ {a: {b: 1}} }}</view>",
        "<template is=\"t\" data=\"{{ {a: {b: 1}} }}\"/>",
    ] {
        // The tree holds the object; nested `}}` is only reported as not WeChat's syntax.
        let parsed = parse("t.wxml", source);
        assert!(
            parsed
                .diagnostics
                .iter()
                .all(|d| d.code == codes::WXML_NOT_IN_WECHAT.name),
            "{source}: {:#?}",
            parsed.diagnostics
        );
        let t = parsed.template;
        let e = element(&t.children, 0);
        let parts = match e.children.first() {
            Some(Node::Text(text)) => text.value.parts.clone(),
            _ => e.attribute("data").unwrap().value.clone().unwrap().parts,
        };
        assert!(
            matches!(&parts[..], [Part::Binding { expr, .. }] if matches!(expr.kind, crate::template::parse::ast::ExprKind::Object(_))),
            "{source}"
        );
    }
}

#[test]
fn less_than_inside_attribute_mustache() {
    let t = clean("<view wx:if=\"{{a < b}}\" hidden=\"{{a > b}}\"></view>");
    assert_eq!(element(&t.children, 0).attributes.len(), 2);
}

#[test]
fn less_than_inside_text_mustache() {
    let t = clean("<view>{{a<b}} and {{ c <d }}</view>");
    let view = element(&t.children, 0);
    assert_eq!(view.children.len(), 1);
}

#[test]
fn greater_than_in_text_is_text() {
    let t = clean("<view>a > b</view>");
    assert!(
        matches!(&element(&t.children, 0).children[..], [Node::Text(t)] if t.value.raw == "a > b")
    );
}

#[test]
fn entities_are_kept_raw() {
    let source = "<view a=\"&quot;&amp;\">&lt;b&gt; &nbsp;</view>";
    let t = clean(source);
    let view = element(&t.children, 0);
    assert_eq!(attr_raw(view, "a"), Some("&quot;&amp;"));
    let Node::Text(text) = &view.children[0] else {
        panic!()
    };
    assert_eq!(text.value.static_text(), Some("&lt;b&gt; &nbsp;"));
}

#[test]
fn comments_are_kept() {
    let source = "<!-- a <view> -- b --><view/>";
    let t = clean(source);
    let Node::Comment(c) = &t.children[0] else {
        panic!()
    };
    assert_eq!(c.text, " a <view> -- b ");
    assert_eq!(&source[c.span.clone()], "<!-- a <view> -- b -->");
    assert_eq!(t.children.len(), 2);
}

#[test]
fn wxs_content_is_raw() {
    let script = "\nvar a = 1 < 2 && '{{x}}';\nmodule.exports = { lt: '</view>' };\n";
    let source = format!("<wxs module=\"m\">{script}</wxs><view>{{{{m.a}}}}</view>");
    let t = clean(&source);
    let wxs = element(&t.children, 0);
    assert_eq!(wxs.name, "wxs");
    let [Node::Text(text)] = &wxs.children[..] else {
        panic!("{:#?}", wxs.children)
    };
    assert_eq!(text.value.raw, script);
    assert_eq!(text.value.static_text(), Some(script));
    assert_eq!(&source[text.span.clone()], script);
    assert_eq!(&source[wxs.end_tag.clone().unwrap()], "</wxs>");
    assert_eq!(element(&t.children, 1).name, "view");
}

#[test]
fn wxs_with_src_is_self_closing() {
    let t = clean("<wxs src=\"./a.wxs\" module=\"m\"/><view/>");
    assert!(element(&t.children, 0).self_closing);
    assert_eq!(t.children.len(), 2);
}

#[test]
fn template_import_include_block_and_slot() {
    let t = clean(concat!(
        "<import src=\"./a.wxml\"/><include src=\"b.wxml\"/>",
        "<template name=\"t\"><view>{{x}}</view></template>",
        "<template is=\"t\" data=\"{{...item, x, y: 1}}\"/>",
        "<block wx:for=\"{{list}}\" wx:key=\"id\"><slot name=\"s\"/></block>",
    ));
    let names: Vec<_> = t
        .children
        .iter()
        .filter_map(|n| match n {
            Node::Element(e) => Some(e.name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        names,
        ["import", "include", "template", "template", "block"]
    );
}

#[test]
fn slot_fallback_children_are_kept() {
    let t = clean("<slot name=\"icon\"><t-icon name=\"{{icon}}\"/></slot>");
    let slot = element(&t.children, 0);
    assert_eq!(element(&slot.children, 0).name, "t-icon");
}

#[test]
fn html_and_unknown_tags_are_kept_without_warning() {
    let t = clean("<div><span>a</span><foo-bar x=\"1\"></foo-bar></div>");
    assert_eq!(
        element(&element(&t.children, 0).children, 1).name,
        "foo-bar"
    );
}

#[test]
fn whitespace_text_is_kept_for_the_lowering() {
    let t = clean("<view>\n  <text/>\n</view>");
    assert_eq!(element(&t.children, 0).children.len(), 3);
}

#[test]
fn empty_binding_is_undefined() {
    let t = clean("<view>{{}}{{ }}</view>");
    let Node::Text(text) = &element(&t.children, 0).children[0] else {
        panic!()
    };
    assert!(text.value.parts.iter().all(|p| matches!(p, Part::Binding { expr, .. } if expr.kind == crate::template::parse::ast::ExprKind::Undefined)));
}

#[test]
fn byte_order_mark_is_skipped() {
    let t = clean("\u{feff}<view/>");
    assert_eq!(t.children.len(), 1);
}

#[test]
fn multibyte_text_spans_slice_the_source() {
    let source = "<view title=\"标题{{a}}\">中文 {{ b }} 😀</view>";
    let t = clean(source);
    let view = element(&t.children, 0);
    let Node::Text(text) = &view.children[0] else {
        panic!()
    };
    assert_eq!(&source[text.span.clone()], "中文 {{ b }} 😀");
    assert_eq!(
        &source[view
            .attribute("title")
            .unwrap()
            .value
            .as_ref()
            .unwrap()
            .span
            .clone()],
        "标题{{a}}"
    );
}

#[test]
fn template_data_single_name_is_shorthand_object() {
    let t = clean("<template is=\"x\" data=\"{{item}}\"/><view data=\"{{item}}\"/>");
    let data = |i: usize| {
        element(&t.children, i)
            .attribute("data")
            .unwrap()
            .value
            .as_ref()
            .unwrap()
            .single_binding()
            .unwrap()
            .kind
            .clone()
    };
    assert!(matches!(
        data(0),
        crate::template::parse::ast::ExprKind::Object(_)
    ));
    assert!(matches!(
        data(1),
        crate::template::parse::ast::ExprKind::Identifier(_)
    ));
}
