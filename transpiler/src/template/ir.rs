//! The template IR: what a `.wxml` file means once its directives are interpreted.
//!
//! [`lower()`](super::lower()) turns one [`Template`](super::parse::ast::Template) into a
//! [`Module`]; [`link()`](super::link()) parses and lowers every `.wxml` of a project in
//! parallel, then resolves `import`, `include`, `<wxs src>` and static template names across
//! files. Each directive has its own transform, as in Vue's compiler-core:
//! [`conditional`](super::lower::conditional) (`wx:if`/`wx:elif`/`wx:else`),
//! [`repeat`](super::lower::repeat) (`wx:for`), [`attrs`](super::lower::attrs) (class, style,
//! `data-*`, events, `model:`, `mark:`, `generic:`), [`template`](super::lower::template)
//! (`<template>`, `<import>`, `<include>`, `<wxs>`), [`text`](super::lower::text) (text
//! runs).
//!
//! The rules, WeChat's `wcc` being the reference:
//!
//! - `wx:for` wraps `wx:if` when both are on one element: the condition is tested per item.
//! - Whitespace-only text is dropped everywhere; other text is kept as written (entities
//!   are not decoded; `<text decode>` decodes at run time).
//! - An attribute written as exactly one `{{ }}` keeps its value's type; any other mix of
//!   text and bindings is a string. An attribute without `=` is `true`.
//! - `<block>` leaves no element: its children are spliced into its parent.
//! - A template sees only the data passed to it, plus the WXS modules of the file that
//!   defines it. `import` makes the templates *defined in* the imported file visible (not
//!   the ones it imports); `include` renders the included file's content except its
//!   `<template>` and `<wxs>` definitions, with the includer's data.

use crate::source::Diagnostic;
use crate::template::parse::ast::{Expr, Span};
use crate::wxs::CompiledWxs;

/// One lowered `.wxml` file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Module {
    /// Root-relative path of the `.wxml` file.
    pub path: String,
    /// What the file renders (everything but its template and WXS definitions).
    pub root: Vec<Node>,
    /// `<template name="…">` definitions, in source order.
    pub templates: Vec<TemplateDef>,
    /// `<import src>` in source order; `path` is resolved by [`link()`](super::link()).
    pub imports: Vec<FileRef>,
    /// `<wxs module>` declarations.
    pub wxs: Vec<Wxs>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A reference to another file, as written and as resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRef {
    pub src: String,
    /// Root-relative path of the file, once [`link()`](super::link()) found it.
    pub path: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TemplateDef {
    pub name: String,
    pub children: Vec<Node>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Wxs {
    pub module: String,
    pub source: WxsSource,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum WxsSource {
    /// `<wxs module="m">code</wxs>`.
    Inline(InlineWxs),
    /// `<wxs module="m" src="…">`.
    File(FileRef),
}

/// The code of an inline `<wxs>`, compiled once when its template is linked.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineWxs {
    pub code: String,
    /// Where the code starts in the template (diagnostics point into the template).
    pub offset: usize,
    /// The compiled module, set by [`link()`](super::link()).
    pub compiled: Option<CompiledWxs>,
}

/// A node of rendered content.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Box<Element>),
    Text(TextNode),
    /// `wx:if` / `wx:elif` / `wx:else` chain.
    If(IfChain),
    /// `wx:for`.
    For(Box<ForLoop>),
    /// `<template is="…" data="…"/>`.
    Call(TemplateCall),
    /// `<include src="…"/>`.
    Include(FileRef),
    /// `<block>` without directives, or the branch of a conditional block.
    Fragment(Vec<Node>),
}

/// A text run: static pieces and bindings, rendered as one string.
#[derive(Debug, Clone, PartialEq)]
pub struct TextNode {
    pub parts: Vec<TextPart>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TextPart {
    Static(String),
    Binding(Expr),
}

/// An attribute value.
#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue {
    /// Text without bindings (also `true` for an attribute written without `=`).
    Static(String),
    /// An attribute written without `=`.
    True,
    /// Exactly one `{{ }}`: keeps the value's type.
    Expr(Expr),
    /// Text and bindings mixed: a string.
    Concat(Vec<TextPart>),
}

impl AttrValue {
    pub fn is_static(&self) -> bool {
        matches!(self, AttrValue::Static(_) | AttrValue::True)
    }
}

/// How an event handler is attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Bind,
    Catch,
    CaptureBind,
    CaptureCatch,
    MutBind,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Bind => "bind",
            EventKind::Catch => "catch",
            EventKind::CaptureBind => "capture-bind",
            EventKind::CaptureCatch => "capture-catch",
            EventKind::MutBind => "mut-bind",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: EventKind,
    pub name: String,
    /// The handler's method name, static or bound from data.
    pub handler: AttrValue,
    pub span: Span,
}

/// `model:prop="{{path}}"`: the property is set from `path` and written back to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub prop: String,
    /// The data path as `setData` takes it (`a.b[2]`).
    pub path: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// The tag as written (`view`, `product-card`).
    pub tag: String,
    /// Plain attributes (properties of components), in source order, last one wins.
    pub attrs: Vec<(String, AttrValue)>,
    pub class: Option<AttrValue>,
    pub style: Option<AttrValue>,
    /// `data-*`, by WeChat's dataset name (`data-shop-type` → `shopType`).
    pub dataset: Vec<(String, AttrValue)>,
    /// `mark:*`.
    pub marks: Vec<(String, AttrValue)>,
    pub events: Vec<Event>,
    pub models: Vec<Model>,
    /// `generic:*` (static component names).
    pub generics: Vec<(String, String)>,
    /// `slot="…"`: the slot of the parent component this element goes to.
    pub slot: Option<AttrValue>,
    pub children: Vec<Node>,
    pub span: Span,
}

/// One branch of a conditional chain; `test` is `None` for `wx:else`.
#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    pub test: Option<Expr>,
    pub node: Node,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IfChain {
    pub branches: Vec<Branch>,
}

/// How a loop keys its items.
#[derive(Debug, Clone, PartialEq)]
pub enum LoopKey {
    /// `wx:key="*this"`: the item itself.
    This,
    /// `wx:key="prop"`: a property of the item.
    Property(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ForLoop {
    pub list: AttrValue,
    pub item: String,
    pub index: String,
    pub key: Option<LoopKey>,
    /// The repeated node (an element, or a fragment for `<block wx:for>`), with any
    /// `wx:if` of the same element already wrapped around it.
    pub body: Node,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TemplateCall {
    /// The template's name: static, or bound (`is="{{name}}"`).
    pub name: AttrValue,
    /// The data passed (`data="{{...item, n}}"`); `None` passes nothing.
    pub data: Option<Expr>,
    pub span: Span,
}
