//! Tokens of the template expression language: numbers, strings, names and punctuators.

use super::ExprError;
use crate::template::parse::ast::Span;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Number(f64),
    String(String),
    /// An identifier or keyword (`a`, `true`, `typeof`, `in`).
    Name(String),
    /// An operator or punctuator (`.`, `...`, `===`, `?`, `(`).
    Punct(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    /// Byte span into the file (the expression's offset added).
    pub span: Span,
}

/// Longest first, so that `===` wins over `==` and `=`.
const PUNCTS: &[&str] = &[
    ">>>=", "...", "===", "!==", ">>>", "**=", "<<=", ">>=", "==", "!=", "<=", ">=", "&&", "||",
    "??", "?.", "<<", ">>", "**", "=>", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    "{", "}", "[", "]", "(", ")", ",", ":", "?", ".", "!", "~", "+", "-", "*", "/", "%", "<", ">",
    "&", "|", "^", "=", ";",
];

/// Splits `source` (which starts at byte `offset` of the file) into tokens.
pub fn tokenize(source: &str, offset: usize) -> Result<Vec<Token>, ExprError> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let tok = if b.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if b.is_ascii_digit()
            || (b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            let (value, end) = number(source, i).ok_or_else(|| {
                ExprError::new("invalid number", offset + start..offset + start + 1)
            })?;
            i = end;
            Tok::Number(value)
        } else if b == b'\'' || b == b'"' {
            let (value, end) = string(source, i, offset)?;
            i = end;
            Tok::String(value)
        } else if is_ident_start(source, i) {
            i = ident_end(source, i);
            Tok::Name(source.get(start..i).unwrap_or("").to_string())
        } else if let Some(p) = punct(tail(source, i)) {
            i += p.len();
            Tok::Punct(p)
        } else {
            let ch = tail(source, i).chars().next().unwrap_or('?');
            let span = offset + i..offset + i + ch.len_utf8();
            let error = ExprError::new(format!("unexpected character `{ch}`"), span);
            return Err(if ch == '`' {
                error.with_hint("template literals are not supported in WXML expressions")
            } else {
                error
            });
        };
        tokens.push(Token {
            tok,
            span: offset + start..offset + i,
        });
    }
    Ok(tokens)
}

/// The punctuator `rest` starts with; `a?.5:1` is a conditional, not `?.`.
fn punct(rest: &str) -> Option<&'static str> {
    let p = PUNCTS.iter().find(|p| rest.starts_with(**p))?;
    if *p == "?." && rest.as_bytes().get(2).is_some_and(u8::is_ascii_digit) {
        return Some("?");
    }
    Some(p)
}

fn tail(source: &str, i: usize) -> &str {
    source.get(i..).unwrap_or("")
}

fn is_ident_start(source: &str, i: usize) -> bool {
    tail(source, i)
        .chars()
        .next()
        .is_some_and(|c| c == '$' || c == '_' || c.is_alphabetic())
}

fn ident_end(source: &str, i: usize) -> usize {
    tail(source, i)
        .char_indices()
        .find(|&(_, c)| !(c == '$' || c == '_' || c.is_alphanumeric()))
        .map_or(source.len(), |(j, _)| i + j)
}

/// A decimal (`1`, `1.5`, `.5`, `1e3`, `1.`) or `0x`/`0o`/`0b` number starting at `i`; the
/// value and the end. A name character right after a number is an error (`3in`, `1a`).
fn number(source: &str, i: usize) -> Option<(f64, usize)> {
    let bytes = source.as_bytes();
    let radix = match (bytes.get(i), bytes.get(i + 1).map(u8::to_ascii_lowercase)) {
        (Some(b'0'), Some(b'x')) => 16,
        (Some(b'0'), Some(b'o')) => 8,
        (Some(b'0'), Some(b'b')) => 2,
        _ => 10,
    };
    let end;
    let value;
    if radix != 10 {
        let digits_start = i + 2;
        let mut j = digits_start;
        while bytes.get(j).is_some_and(|b| b.is_ascii_alphanumeric()) {
            j += 1;
        }
        let digits = source.get(digits_start..j)?;
        value = u64::from_str_radix(digits, radix).ok()? as f64;
        end = j;
    } else {
        let mut j = i;
        let digits = |j: &mut usize| {
            while bytes.get(*j).is_some_and(u8::is_ascii_digit) {
                *j += 1;
            }
        };
        digits(&mut j);
        if bytes.get(j) == Some(&b'.') {
            j += 1;
            digits(&mut j);
        }
        if matches!(bytes.get(j), Some(b'e' | b'E')) {
            let mut k = j + 1;
            if matches!(bytes.get(k), Some(b'+' | b'-')) {
                k += 1;
            }
            if bytes.get(k).is_some_and(u8::is_ascii_digit) {
                j = k;
                digits(&mut j);
            }
        }
        value = source.get(i..j)?.parse().ok()?;
        end = j;
    }
    if is_ident_start(source, end) || tail(source, end).starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((value, end))
}

/// A quoted string starting at `i`, with JavaScript escapes; the value and the end.
fn string(source: &str, i: usize, offset: usize) -> Result<(String, usize), ExprError> {
    let mut chars = tail(source, i).char_indices();
    let quote = chars.next().map_or('"', |(_, c)| c);
    let mut value = String::new();
    while let Some((j, c)) = chars.next() {
        match c {
            _ if c == quote => return Ok((value, i + j + 1)),
            '\n' => break,
            '\\' => match chars.next() {
                Some((_, e)) => escape(e, &mut chars, &mut value),
                None => break,
            },
            _ => value.push(c),
        }
    }
    Err(
        ExprError::new("unterminated string", offset + i..offset + source.len())
            .with_hint(format!("close the string with `{quote}`")),
    )
}

fn escape(e: char, chars: &mut std::str::CharIndices<'_>, value: &mut String) {
    match e {
        'n' => value.push('\n'),
        't' => value.push('\t'),
        'r' => value.push('\r'),
        'b' => value.push('\u{8}'),
        'f' => value.push('\u{c}'),
        'v' => value.push('\u{b}'),
        '0' => value.push('\0'),
        '\n' => {}
        'x' => push_code(hex(chars, 2), 'x', value),
        'u' => {
            let mut peek = chars.clone();
            let code = if peek.next().map(|(_, c)| c) == Some('{') {
                *chars = peek;
                let mut digits = String::new();
                for (_, c) in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    digits.push(c);
                }
                u32::from_str_radix(&digits, 16).ok()
            } else {
                hex(chars, 4)
            };
            push_code(code, 'u', value)
        }
        other => value.push(other),
    }
}

fn hex(chars: &mut std::str::CharIndices<'_>, n: usize) -> Option<u32> {
    let mut peek = chars.clone();
    let digits: String = peek.by_ref().take(n).map(|(_, c)| c).collect();
    let code = (digits.len() == n)
        .then(|| u32::from_str_radix(&digits, 16).ok())
        .flatten()?;
    *chars = peek;
    Some(code)
}

/// Pushes the character `code`, or the escape letter itself when it is not valid
/// (`"\xZZ"` is `"xZZ"` in sloppy JavaScript). Lone surrogates become U+FFFD.
fn push_code(code: Option<u32>, letter: char, value: &mut String) {
    match code {
        Some(code) => value.push(char::from_u32(code).unwrap_or('\u{fffd}')),
        None => value.push(letter),
    }
}
