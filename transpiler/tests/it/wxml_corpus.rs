//! Every `.wxml` template of four real component libraries (installed by `npm ci`) parses
//! with no error, and every position in the tree slices the source to what it names.
//! Skipped when the libraries are not installed, except under CI, where that fails.

use std::path::{Path, PathBuf};

use miniport::template::parse::ast::{Element, Expr, Node, Part, Value};
use miniport::Severity;

pub const LIBRARIES: [&str; 4] = [
    "@vant/weapp/lib",
    "tdesign-miniprogram/miniprogram_dist",
    "weui-miniprogram/miniprogram_dist",
    "wux-weapp/packages",
];

fn node_modules() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("node_modules")
}

/// The `.wxml` files of `library`, sorted; `None` (skip) when it is not installed.
fn wxml_files(library: &str) -> Option<Vec<PathBuf>> {
    let dir = node_modules().join(library);
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{library} is missing: run `npm ci` at the workspace root"
        );
        eprintln!("skipped: {library} is not installed (run `npm ci`)");
        return None;
    }
    let mut files = Vec::new();
    let mut dirs = vec![dir];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "wxml") {
                files.push(path);
            }
        }
    }
    files.sort();
    Some(files)
}

fn check_value(source: &str, value: &Value, at: &str) {
    assert_eq!(&source[value.span.clone()], value.raw, "{at}: value");
    let mut end = value.span.start;
    for part in &value.parts {
        match part {
            Part::Static { text, span } => {
                assert_eq!(&source[span.clone()], text, "{at}: static part");
                assert_eq!(span.start, end, "{at}: parts are contiguous");
                end = span.end;
            }
            Part::Binding { expr, span } => {
                let binding = &source[span.clone()];
                assert!(
                    binding.starts_with("{{") && binding.ends_with("}}"),
                    "{at}: binding {binding:?}"
                );
                assert_eq!(span.start, end, "{at}: parts are contiguous");
                end = span.end;
                check_expr(source, expr, span.start + 2..span.end - 2, at);
            }
        }
    }
    assert_eq!(end, value.span.end, "{at}: parts cover the value");
}

fn check_expr(source: &str, expr: &Expr, within: std::ops::Range<usize>, at: &str) {
    assert!(
        expr.span.start >= within.start && expr.span.end <= within.end,
        "{at}: expression span {:?} outside {within:?}",
        expr.span
    );
    assert!(
        source.get(expr.span.clone()).is_some(),
        "{at}: span on a char boundary"
    );
}

fn check_element(source: &str, element: &Element, at: &str) {
    assert_eq!(&source[element.name_span.clone()], element.name, "{at}");
    let start_tag = &source[element.start_tag.clone()];
    assert!(
        start_tag.starts_with(&format!("<{}", element.name)),
        "{at}: {start_tag}"
    );
    assert!(start_tag.ends_with('>'), "{at}: {start_tag}");
    assert_eq!(element.span.start, element.start_tag.start, "{at}");
    if let Some(end_tag) = &element.end_tag {
        let end = &source[end_tag.clone()];
        assert!(
            end.starts_with("</") && end.ends_with('>') && end.contains(&element.name),
            "{at}: {end}"
        );
        assert_eq!(element.span.end, end_tag.end, "{at}");
    }
    for attribute in &element.attributes {
        assert_eq!(&source[attribute.name_span.clone()], attribute.name, "{at}");
        let whole = &source[attribute.span.clone()];
        assert!(whole.starts_with(&attribute.name), "{at}: {whole}");
        if let Some(value) = &attribute.value {
            check_value(source, value, at);
        }
    }
    check_nodes(source, &element.children, at);
}

fn check_nodes(source: &str, nodes: &[Node], at: &str) {
    for node in nodes {
        match node {
            Node::Element(e) => check_element(source, e, at),
            Node::Text(t) => {
                assert_eq!(t.span, t.value.span, "{at}");
                check_value(source, &t.value, at);
            }
            Node::Comment(c) => {
                assert_eq!(
                    &source[c.span.clone()],
                    format!("<!--{}-->", c.text),
                    "{at}"
                );
            }
        }
    }
}

fn count_elements(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| match n {
            Node::Element(e) => 1 + count_elements(&e.children),
            _ => 0,
        })
        .sum()
}

fn parse_library(library: &str, min_files: usize) {
    let Some(files) = wxml_files(library) else {
        return;
    };
    assert!(
        files.len() >= min_files,
        "{library}: only {} files",
        files.len()
    );
    let mut elements = 0;
    for file in &files {
        let source = std::fs::read_to_string(file).expect("read");
        let at = file.display().to_string();
        let parsed = miniport::template::parse::parse("x.wxml", &source);
        let errors: Vec<_> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{at}: {errors:#?}");
        check_nodes(&source, &parsed.template.children, &at);
        elements += count_elements(&parsed.template.children);
    }
    eprintln!("{library}: {} files, {elements} elements", files.len());
}

#[test]
fn vant_weapp_templates_parse_with_exact_positions() {
    parse_library(LIBRARIES[0], 70);
}

#[test]
fn tdesign_templates_parse_with_exact_positions() {
    parse_library(LIBRARIES[1], 100);
}

#[test]
fn weui_templates_parse_with_exact_positions() {
    parse_library(LIBRARIES[2], 20);
}

#[test]
fn wux_templates_parse_with_exact_positions() {
    parse_library(LIBRARIES[3], 300);
}
