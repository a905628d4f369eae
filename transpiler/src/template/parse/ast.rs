//! The WXML syntax tree: elements, attributes, text and `{{ }}` bindings, with a byte span
//! (into the `.wxml` file) on every node. Nothing here is interpreted yet: directives are
//! plain attributes, entities are kept as written, duplicated attributes are all kept.

use std::ops::Range;

/// Byte range in the source file.
pub type Span = Range<usize>;

/// One parsed `.wxml` file.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// Root-relative path of the file.
    pub path: String,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(Text),
    Comment(Comment),
}

impl Node {
    pub fn span(&self) -> &Span {
        match self {
            Node::Element(e) => &e.span,
            Node::Text(t) => &t.span,
            Node::Comment(c) => &c.span,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// The tag name as written (`view`, `van-button`, `wxs`, `template`, …).
    pub name: String,
    pub name_span: Span,
    /// In source order; a duplicated attribute appears twice (WeChat's `wcc` keeps the last).
    pub attributes: Vec<Attribute>,
    /// Empty for self-closing elements. For `<wxs>`, one `Text` with the script as written.
    pub children: Vec<Node>,
    /// From `<` of the start tag to `>` of the end tag (or of the self-closing start tag).
    pub span: Span,
    pub start_tag: Span,
    /// `None` when self-closing, or when the element was closed implicitly (an error).
    pub end_tag: Option<Span>,
    pub self_closing: bool,
}

impl Element {
    /// The last attribute named `name` (WeChat's rule for duplicates).
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().rev().find(|a| a.name == name)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// As written, case kept (`data-shopType`, `bind:tap`, `wx:for-item`, `:disable-scroll`).
    pub name: String,
    pub name_span: Span,
    /// `None` for an attribute written without `=` (`<input disabled>`).
    pub value: Option<Value>,
    /// The whole attribute, name to closing quote.
    pub span: Span,
}

/// An attribute value or a run of text: static pieces and `{{ }}` bindings.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// As written between the quotes (entities not decoded).
    pub raw: String,
    /// Span of `raw` (inside the quotes).
    pub span: Span,
    pub parts: Vec<Part>,
}

impl Value {
    /// The binding when the value is exactly one `{{ }}` (it then keeps its type: a number
    /// stays a number, WeChat's rule).
    pub fn single_binding(&self) -> Option<&Expr> {
        match self.parts.as_slice() {
            [Part::Binding { expr, .. }] => Some(expr),
            _ => None,
        }
    }

    /// The static text when there is no binding.
    pub fn static_text(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [] => Some(""),
            [Part::Static { text, .. }] => Some(text),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Text as written (entities kept).
    Static { text: String, span: Span },
    /// `{{ expr }}`; `span` covers the braces.
    Binding { expr: Expr, span: Span },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub value: Value,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}

/// A template expression (WeChat's expression language).
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Null,
    Undefined,
    Bool(bool),
    Number(f64),
    String(String),
    Identifier(String),
    /// `object.property`
    Member {
        object: Box<Expr>,
        property: String,
    },
    /// `object[index]`
    Index {
        object: Box<Expr>,
        index: Box<Expr>,
    },
    /// `callee(args)` (WXS module functions, methods of values)
    Call {
        callee: Box<Expr>,
        args: Vec<Expr>,
    },
    Unary {
        op: UnaryOp,
        argument: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    Conditional {
        test: Box<Expr>,
        consequent: Box<Expr>,
        alternate: Box<Expr>,
    },
    Array(Vec<ArrayItem>),
    /// `{a: 1, b, ...c}`; also the brace-less form `{{a: 1, ...c}}` of `<template data>`.
    Object(Vec<Property>),
    /// A binding that did not parse; its diagnostic was reported.
    Invalid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Minus,
    Plus,
    BitNot,
    TypeOf,
    Void,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Eq,
    NotEq,
    StrictEq,
    StrictNotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
    And,
    Or,
    Nullish,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    UShr,
    In,
    InstanceOf,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ArrayItem {
    Item(Expr),
    Spread(Expr),
    /// An elided slot (`[a, , b]`).
    Hole,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Property {
    KeyValue {
        key: String,
        key_span: Span,
        value: Expr,
    },
    /// `{a}`: the key and the identifier are the same name.
    Shorthand {
        key: String,
        span: Span,
    },
    Spread(Expr),
}
