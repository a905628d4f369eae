//! `miniport::template::parse::parse` never panics, and its spans slice the input on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use miniport::template::parse::ast::{Node, Part, Value};

fn check_value(source: &str, value: &Value) {
    assert_eq!(source.get(value.span.clone()), Some(value.raw.as_str()));
    for part in &value.parts {
        match part {
            Part::Static { text, span } => assert_eq!(source.get(span.clone()), Some(text.as_str())),
            Part::Binding { expr, span } => {
                let binding = source.get(span.clone()).expect("binding span");
                assert!(binding.starts_with("{{") && binding.ends_with("}}"));
                assert!(source.get(expr.span.clone()).is_some());
            }
        }
    }
}

fn check(source: &str, nodes: &[Node]) {
    for node in nodes {
        match node {
            Node::Element(e) => {
                assert_eq!(source.get(e.name_span.clone()), Some(e.name.as_str()));
                assert!(source.get(e.span.clone()).is_some());
                for a in &e.attributes {
                    assert_eq!(source.get(a.name_span.clone()), Some(a.name.as_str()));
                    if let Some(v) = &a.value {
                        check_value(source, v);
                    }
                }
                check(source, &e.children);
            }
            Node::Text(t) => check_value(source, &t.value),
            Node::Comment(c) => assert!(source.get(c.span.clone()).is_some()),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        let parsed = miniport::template::parse::parse("f.wxml", source);
        check(source, &parsed.template.children);
        for d in &parsed.diagnostics {
            let span = d.span.clone().expect("every diagnostic has a span");
            assert!(source.get(span).is_some());
        }
    }
});
