//! Tokens → [`Expr`], with JavaScript's precedence, and the brace-less object body of a binding.

use super::lexer::{Tok, Token};
use super::ExprError;
use crate::template::parse::ast::{ArrayItem, BinaryOp, Expr, ExprKind, Property, Span, UnaryOp};

/// Deeper nesting than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;
/// The longest chain of binary operators (with the nesting around it) a binding may hold.
const MAX_CHAIN: usize = 1_000;

/// A whole binding: an expression, or `key: value, ...spread, shorthand` without braces.
pub fn parse_binding(tokens: &[Token], end: usize) -> Result<Expr, ExprError> {
    parse(tokens, end, false)
}

/// The binding of `<template data>`, always an object body (`{{a}}` is `{a: a}` there, as
/// in `wcc`); an object literal with braces is accepted too.
pub fn parse_object_body(tokens: &[Token], end: usize) -> Result<Expr, ExprError> {
    let braced = matches!(tokens.first(), Some(t) if t.tok == Tok::Punct("{"));
    if braced {
        if let Ok(expr) = parse(tokens, end, false) {
            return Ok(expr);
        }
    }
    parse(tokens, end, true)
}

fn parse(tokens: &[Token], end: usize, object_body: bool) -> Result<Expr, ExprError> {
    let mut parser = Parser {
        tokens,
        pos: 0,
        end,
        depth: 0,
    };
    let expr = if object_body || parser.object_body_ahead() {
        let start = parser.start();
        let properties = parser.properties(None)?;
        Expr {
            kind: ExprKind::Object(properties),
            span: start..parser.last_end(),
        }
    } else {
        parser.conditional()?
    };
    match parser.peek() {
        None => Ok(expr),
        Some(token) => Err(parser.unexpected(token)),
    }
}

struct Parser<'t> {
    tokens: &'t [Token],
    pos: usize,
    /// File offset of the end of the expression text.
    end: usize,
    depth: usize,
}

impl<'t> Parser<'t> {
    fn peek(&self) -> Option<&'t Token> {
        self.tokens.get(self.pos)
    }

    fn peek_tok(&self, n: usize) -> Option<&'t Tok> {
        self.tokens.get(self.pos + n).map(|t| &t.tok)
    }

    fn is_punct(&self, p: &str) -> bool {
        matches!(self.peek_tok(0), Some(Tok::Punct(q)) if *q == p)
    }

    fn eat(&mut self, p: &str) -> bool {
        let found = self.is_punct(p);
        if found {
            self.pos += 1;
        }
        found
    }

    fn expect(&mut self, p: &str) -> Result<&'t Token, ExprError> {
        match self.peek() {
            Some(token) if matches!(token.tok, Tok::Punct(q) if q == p) => {
                self.pos += 1;
                Ok(token)
            }
            Some(token) => Err(ExprError::new(
                format!("expected `{p}`, found {}", describe(&token.tok)),
                token.span.clone(),
            )),
            None => Err(self.end_error(&format!("expected `{p}`"))),
        }
    }

    fn start(&self) -> usize {
        self.peek().map_or(self.end, |t| t.span.start)
    }

    fn last_end(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(self.end, |t| t.span.end)
    }

    /// The input ended where `message` expected more: points at the last token.
    fn end_error(&self, message: &str) -> ExprError {
        let last = self.pos.checked_sub(1).and_then(|i| self.tokens.get(i));
        match last {
            Some(token) => ExprError::new(
                format!("{message} after {}", describe(&token.tok)),
                token.span.clone(),
            ),
            None => ExprError::new(format!("{message}, found nothing"), self.end..self.end),
        }
    }

    fn unexpected(&self, token: &Token) -> ExprError {
        let error = ExprError::new(
            format!("unexpected {}", describe(&token.tok)),
            token.span.clone(),
        );
        match &token.tok {
            Tok::Punct("?.") => {
                error.with_hint("optional chaining (`?.`) is not supported in WXML")
            }
            Tok::Punct("=" | "+=" | "-=" | "*=" | "/=" | "%=" | "++" | "--") => {
                error.with_hint("assignments are not allowed in WXML; did you mean `==` or `===`?")
            }
            Tok::Punct("=>") => error.with_hint("arrow functions are not allowed in WXML"),
            Tok::Punct("**") => error.with_hint("`**` is not supported in WXML"),
            _ => error,
        }
    }

    /// `...x`, `key: …` or `name,` at the start: an object body without braces.
    fn object_body_ahead(&self) -> bool {
        matches!(
            (self.peek_tok(0), self.peek_tok(1)),
            (Some(Tok::Punct("...")), _)
                | (
                    Some(Tok::Name(_) | Tok::String(_) | Tok::Number(_)),
                    Some(Tok::Punct(":"))
                )
                | (Some(Tok::Name(_)), Some(Tok::Punct(",")))
        )
    }

    fn nested<T>(
        &mut self,
        at: &Span,
        f: impl FnOnce(&mut Self) -> Result<T, ExprError>,
    ) -> Result<T, ExprError> {
        if self.depth >= MAX_DEPTH {
            return Err(ExprError::new("expression nested too deeply", at.clone()));
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// `test ? consequent : alternate` (right-associative) or a binary expression.
    fn conditional(&mut self) -> Result<Expr, ExprError> {
        let test = self.binary(0)?;
        if !self.eat("?") {
            return Ok(test);
        }
        let span = test.span.clone();
        let consequent = self.nested(&span, Self::conditional)?;
        self.expect(":")?;
        let alternate = self.nested(&span, Self::conditional)?;
        Ok(Expr {
            span: test.span.start..alternate.span.end,
            kind: ExprKind::Conditional {
                test: Box::new(test),
                consequent: Box::new(consequent),
                alternate: Box::new(alternate),
            },
        })
    }

    /// Precedence climbing over left-associative binary operators.
    fn binary(&mut self, min: u8) -> Result<Expr, ExprError> {
        let mut left = self.unary()?;
        // Each operator of a chain nests the tree one level deeper (`a+b+c` is `(a+b)+c`),
        // and the passes after the parser recurse over it: a chain counts as nesting.
        let mut chain = 0;
        while let Some((op, precedence)) = self.peek_tok(0).and_then(binary_op) {
            if precedence < min {
                break;
            }
            chain += 1;
            if self.depth + chain > MAX_CHAIN {
                let at = self.peek().map_or(left.span.clone(), |t| t.span.clone());
                return Err(ExprError::new(
                    format!("expression chains more than {MAX_CHAIN} operators"),
                    at,
                )
                .with_hint("split it into several bindings, or compute it in the page's script"));
            }
            self.pos += 1;
            let right = self.binary(precedence + 1)?;
            left = Expr {
                span: left.span.start..right.span.end,
                kind: ExprKind::Binary {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                },
            };
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        let Some(token) = self.peek() else {
            return Err(self.end_error("expected an expression"));
        };
        let op = match &token.tok {
            Tok::Punct("!") => UnaryOp::Not,
            Tok::Punct("-") => UnaryOp::Minus,
            Tok::Punct("+") => UnaryOp::Plus,
            Tok::Punct("~") => UnaryOp::BitNot,
            Tok::Name(n) if n == "typeof" && self.operand_follows() => UnaryOp::TypeOf,
            Tok::Name(n) if n == "void" && self.operand_follows() => UnaryOp::Void,
            _ => return self.postfix(),
        };
        self.pos += 1;
        let argument = self.nested(&token.span, Self::unary)?;
        Ok(Expr {
            span: token.span.start..argument.span.end,
            kind: ExprKind::Unary {
                op,
                argument: Box::new(argument),
            },
        })
    }

    /// Whether the token after the current one can start an operand: `typeof a` is the
    /// operator, a lone `typeof` is a name (`wcc` reads every keyword as a data path:
    /// `{{ in }}` is real, in wux-weapp).
    fn operand_follows(&self) -> bool {
        matches!(
            self.peek_tok(1),
            Some(
                Tok::Number(_)
                    | Tok::String(_)
                    | Tok::Name(_)
                    | Tok::Punct("(" | "[" | "{" | "!" | "-" | "+" | "~")
            )
        )
    }

    /// Member access, indexing and calls after a primary expression.
    fn postfix(&mut self) -> Result<Expr, ExprError> {
        let mut expr = self.primary()?;
        loop {
            let start = expr.span.start;
            if self.eat(".") {
                let Some(token) = self.peek() else {
                    return Err(self.end_error("expected a property name after `.`"));
                };
                let Tok::Name(name) = &token.tok else {
                    return Err(self.unexpected(token));
                };
                self.pos += 1;
                expr = Expr {
                    span: start..token.span.end,
                    kind: ExprKind::Member {
                        object: Box::new(expr),
                        property: name.clone(),
                    },
                };
            } else if self.is_punct("[") {
                self.pos += 1;
                let span = expr.span.clone();
                let index = self.nested(&span, Self::conditional)?;
                let close = self.expect("]")?;
                expr = Expr {
                    span: start..close.span.end,
                    kind: ExprKind::Index {
                        object: Box::new(expr),
                        index: Box::new(index),
                    },
                };
            } else if self.is_punct("(") {
                self.pos += 1;
                let span = expr.span.clone();
                let args = self.nested(&span, Self::arguments)?;
                expr = Expr {
                    span: start..self.last_end(),
                    kind: ExprKind::Call {
                        callee: Box::new(expr),
                        args,
                    },
                };
            } else {
                return Ok(expr);
            }
        }
    }

    /// Call arguments after `(`, through `)`.
    fn arguments(&mut self) -> Result<Vec<Expr>, ExprError> {
        let mut args = Vec::new();
        while !self.eat(")") {
            if let Some(token) = self.peek().filter(|t| t.tok == Tok::Punct("...")) {
                return Err(ExprError::new(
                    "spread arguments are not supported",
                    token.span.clone(),
                ));
            }
            args.push(self.conditional()?);
            if !self.eat(",") {
                self.expect(")")?;
                break;
            }
        }
        Ok(args)
    }

    fn primary(&mut self) -> Result<Expr, ExprError> {
        let Some(token) = self.peek() else {
            return Err(self.end_error("expected an expression"));
        };
        let span = token.span.clone();
        let kind = match &token.tok {
            Tok::Number(n) => ExprKind::Number(*n),
            Tok::String(s) => ExprKind::String(s.clone()),
            Tok::Name(name) => match name.as_str() {
                "true" => ExprKind::Bool(true),
                "false" => ExprKind::Bool(false),
                "null" => ExprKind::Null,
                "undefined" => ExprKind::Undefined,
                _ => ExprKind::Identifier(name.clone()),
            },
            Tok::Punct("(") => {
                self.pos += 1;
                let inner = self.nested(&span, Self::conditional)?;
                self.expect(")")?;
                return Ok(inner);
            }
            Tok::Punct("[") => {
                self.pos += 1;
                let items = self.nested(&span, Self::array_items)?;
                return Ok(Expr {
                    kind: ExprKind::Array(items),
                    span: span.start..self.last_end(),
                });
            }
            Tok::Punct("{") => {
                self.pos += 1;
                let properties = self.nested(&span, |p| p.properties(Some("}")))?;
                return Ok(Expr {
                    kind: ExprKind::Object(properties),
                    span: span.start..self.last_end(),
                });
            }
            _ => return Err(self.unexpected(token)),
        };
        self.pos += 1;
        Ok(Expr { kind, span })
    }

    /// Array items after `[`, through `]`: holes, spreads, a trailing comma.
    fn array_items(&mut self) -> Result<Vec<ArrayItem>, ExprError> {
        let mut items = Vec::new();
        loop {
            if self.eat("]") {
                return Ok(items);
            }
            if self.eat(",") {
                items.push(ArrayItem::Hole);
                continue;
            }
            if self.eat("...") {
                items.push(ArrayItem::Spread(self.conditional()?));
            } else {
                items.push(ArrayItem::Item(self.conditional()?));
            }
            if !self.eat(",") {
                self.expect("]")?;
                return Ok(items);
            }
        }
    }

    /// Object properties through `close` (`}`), or to the end of the binding when `None`.
    fn properties(&mut self, close: Option<&str>) -> Result<Vec<Property>, ExprError> {
        let mut properties = Vec::new();
        loop {
            let done = match close {
                Some(close) => self.eat(close),
                None => self.peek().is_none(),
            };
            if done {
                return Ok(properties);
            }
            properties.push(self.property()?);
            if !self.eat(",") {
                match close {
                    Some(close) => {
                        self.expect(close)?;
                    }
                    None => {
                        if let Some(token) = self.peek() {
                            return Err(self.unexpected(token));
                        }
                    }
                }
                return Ok(properties);
            }
        }
    }

    fn property(&mut self) -> Result<Property, ExprError> {
        let Some(token) = self.peek() else {
            return Err(self.end_error("expected a property"));
        };
        if token.tok == Tok::Punct("...") {
            self.pos += 1;
            return Ok(Property::Spread(self.conditional()?));
        }
        let key = match &token.tok {
            Tok::Name(name) => name.clone(),
            Tok::String(s) => s.clone(),
            Tok::Number(n) => number_key(*n),
            Tok::Punct("[") => {
                return Err(ExprError::new(
                    "computed keys are not supported",
                    token.span.clone(),
                ))
            }
            _ => return Err(self.unexpected(token)),
        };
        self.pos += 1;
        if self.eat(":") {
            let value = self.conditional()?;
            return Ok(Property::KeyValue {
                key,
                key_span: token.span.clone(),
                value,
            });
        }
        match &token.tok {
            Tok::Name(_) if self.is_punct(",") || self.peek().is_none() || self.is_punct("}") => {
                Ok(Property::Shorthand {
                    key,
                    span: token.span.clone(),
                })
            }
            _ => Err(match self.peek() {
                Some(next) => ExprError::new(
                    format!("expected `:`, found {}", describe(&next.tok)),
                    next.span.clone(),
                ),
                None => self.end_error("expected `:`"),
            }),
        }
    }
}

/// A binary operator and its precedence (higher binds tighter), as in JavaScript.
fn binary_op(tok: &Tok) -> Option<(BinaryOp, u8)> {
    use BinaryOp::*;
    Some(match tok {
        Tok::Punct("??") => (Nullish, 1),
        Tok::Punct("||") => (Or, 1),
        Tok::Punct("&&") => (And, 2),
        Tok::Punct("|") => (BitOr, 3),
        Tok::Punct("^") => (BitXor, 4),
        Tok::Punct("&") => (BitAnd, 5),
        Tok::Punct("==") => (Eq, 6),
        Tok::Punct("!=") => (NotEq, 6),
        Tok::Punct("===") => (StrictEq, 6),
        Tok::Punct("!==") => (StrictNotEq, 6),
        Tok::Punct("<") => (Lt, 7),
        Tok::Punct("<=") => (LtEq, 7),
        Tok::Punct(">") => (Gt, 7),
        Tok::Punct(">=") => (GtEq, 7),
        Tok::Name(n) if n == "in" => (In, 7),
        Tok::Name(n) if n == "instanceof" => (InstanceOf, 7),
        Tok::Punct("<<") => (Shl, 8),
        Tok::Punct(">>") => (Shr, 8),
        Tok::Punct(">>>") => (UShr, 8),
        Tok::Punct("+") => (Add, 9),
        Tok::Punct("-") => (Sub, 9),
        Tok::Punct("*") => (Mul, 10),
        Tok::Punct("/") => (Div, 10),
        Tok::Punct("%") => (Rem, 10),
        _ => return None,
    })
}

/// A numeric key as JavaScript names it (`{1: x}` has the key `"1"`).
fn number_key(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e21 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Number(_) => "a number".to_string(),
        Tok::String(_) => "a string".to_string(),
        Tok::Name(n) => format!("`{n}`"),
        Tok::Punct(p) => format!("`{p}`"),
    }
}
