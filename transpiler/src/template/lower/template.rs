//! `<template name>` definitions, `<template is>` calls, `<import>`, `<include>` and
//! `<wxs>` declarations of one file. Paths are resolved later, by [`link()`](crate::template::link()).

use super::text::{static_text, value_of};
use crate::source::{codes, Diagnostic};
use crate::template::ir::{AttrValue, FileRef, InlineWxs, TemplateCall, Wxs, WxsSource};
use crate::template::parse::ast::{Element, Node};

/// The file reference of an element's `src`, or a diagnostic when it has none.
pub fn src(element: &Element, path: &str) -> Result<FileRef, Box<Diagnostic>> {
    match element.attribute("src").and_then(static_text) {
        Some(src) if !src.trim().is_empty() => Ok(FileRef {
            src: src.trim().to_string(),
            path: None,
            span: element
                .attribute("src")
                .map_or(element.span.clone(), |a| a.span.clone()),
        }),
        _ => Err(Box::new(Diagnostic::of(
            codes::WXML_MISSING_SRC,
            format!("`<{}>` needs a static `src`", element.name),
        )
        .in_file(path)
        .with_span(element.start_tag.clone())
        .with_label("no `src` here")
        .with_hint(
            "write the path of the file, e.g. `src=\"/common/item.wxml\"`; the element is left out",
        ))),
    }
}

/// A `<template is="…" data="…">` call.
pub fn call(element: &Element) -> Option<TemplateCall> {
    let is = element.attribute("is")?;
    let name = match &is.value {
        Some(value) => value_of(value),
        None => AttrValue::Static(String::new()),
    };
    let data = element
        .attribute("data")
        .and_then(|a| a.value.as_ref())
        .and_then(|v| v.single_binding())
        .cloned();
    Some(TemplateCall {
        name,
        data,
        span: element.span.clone(),
    })
}

/// A `<wxs module="m">` declaration, inline or with `src`.
pub fn wxs(element: &Element, path: &str) -> Result<Wxs, Box<Diagnostic>> {
    let module = element
        .attribute("module")
        .and_then(static_text)
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .ok_or_else(|| {
            Box::new(Diagnostic::of(codes::WXML_WXS_WITHOUT_MODULE, "`<wxs>` needs a `module` name")
                .in_file(path)
                .with_span(element.start_tag.clone())
                .with_hint("add `module=\"name\"` and call its functions as `{{name.f(x)}}`; the module is left out"))
        })?
        .to_string();
    let source = if element.attribute("src").is_some() {
        WxsSource::File(src(element, path)?)
    } else {
        let code = element
            .children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.value.raw.as_str()),
                _ => None,
            })
            .collect::<String>();
        let offset = element
            .children
            .first()
            .map_or(element.start_tag.end, |n| n.span().start);
        WxsSource::Inline(InlineWxs {
            code,
            offset,
            compiled: None,
        })
    };
    Ok(Wxs {
        module,
        source,
        span: element.span.clone(),
    })
}
