//! Parsing one script with swc: JavaScript (current ECMAScript, CommonJS or ES module),
//! TypeScript, and WXS (an ES5 script). A syntax error becomes a diagnostic with its span.
//!
//! Comments are dropped, except legal comments (`/*! … */`, `//! …`, and any comment with
//! `@license` or `@preserve`, the convention of terser and esbuild), which
//! [`Parsed::legal_comments`] keeps for the printer.

use swc_common::comments::{Comment, CommentKind, SingleThreadedComments};
use swc_common::{sync::Lrc, BytePos, FileName, SourceFile, SourceMap, Spanned};
use swc_ecma_ast::{EsVersion, Program};
use swc_ecma_parser::{lexer::Lexer, EsSyntax, Parser, StringInput, Syntax, TsSyntax};

use super::depth;
use crate::source::{codes, Diagnostic};

/// The language of a script file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    JavaScript,
    TypeScript,
    /// WeChat's template script: an ES5 script with `require` and `module.exports`.
    Wxs,
}

impl Language {
    pub fn of(path: &str) -> Option<Language> {
        match path.rsplit_once('.')?.1 {
            "js" | "mjs" | "cjs" => Some(Language::JavaScript),
            "ts" if !path.ends_with(".d.ts") => Some(Language::TypeScript),
            "wxs" => Some(Language::Wxs),
            _ => None,
        }
    }
}

/// A parsed file and the source map that owns its text (one per file, per thread).
pub struct Parsed {
    pub cm: Lrc<SourceMap>,
    pub file: Lrc<SourceFile>,
    pub program: Program,
    /// The file's legal comments in source order, each as written (`/*! … */`).
    pub legal_comments: Vec<String>,
}

/// Whether `comment` is a legal comment, one that a licence asks to keep with the code.
pub fn is_legal(comment: &Comment) -> bool {
    comment.text.starts_with('!')
        || comment.text.contains("@license")
        || comment.text.contains("@preserve")
}

/// The legal comments that the lexer collected, in source order, each as written.
fn legal_comments(comments: SingleThreadedComments) -> Vec<String> {
    let (leading, trailing) = comments.take_all();
    let mut found: Vec<Comment> = leading
        .borrow()
        .values()
        .chain(trailing.borrow().values())
        .flatten()
        .filter(|c| is_legal(c))
        .cloned()
        .collect();
    found.sort_by_key(|c| c.span.lo);
    found.dedup_by_key(|c| c.span.lo);
    found
        .iter()
        .map(|c| match c.kind {
            CommentKind::Line => format!("//{}", c.text),
            CommentKind::Block => format!("/*{}*/", c.text),
        })
        .collect()
}

/// Parses `text` (the file `path`). On a syntax error, or nesting deeper than
/// [`depth::MAX_DEPTH`], the diagnostic that says where. Call it on a big stack
/// ([`depth::on_big_stack`]): a tree up to the limit is deep.
pub fn parse(path: &str, text: &str, language: Language) -> Result<Parsed, Box<Diagnostic>> {
    if let Some((at, what)) = depth::precheck(text) {
        return Err(Box::new(depth::too_deep(path, what, at..at + 1)));
    }
    let cm: Lrc<SourceMap> = Default::default();
    let file = cm.new_source_file(
        Lrc::new(FileName::Custom(path.to_string())),
        text.to_string(),
    );
    let syntax = match language {
        Language::TypeScript => Syntax::Typescript(TsSyntax {
            decorators: true,
            ..Default::default()
        }),
        Language::JavaScript | Language::Wxs => Syntax::Es(EsSyntax {
            decorators: false,
            allow_return_outside_function: true,
            ..Default::default()
        }),
    };
    let comments = SingleThreadedComments::default();
    let lexer = Lexer::new(
        syntax,
        EsVersion::latest(),
        StringInput::from(&*file),
        Some(&comments),
    );
    let mut parser = Parser::new_from(lexer);
    let result = match language {
        Language::Wxs => parser.parse_script().map(Program::Script),
        _ => parser.parse_program(),
    };
    let recovered = parser.take_errors();
    let start = file.start_pos;
    let to_diagnostic = |err: swc_ecma_parser::error::Error| {
        let span = err.span();
        let message = err.into_kind().msg().to_string();
        syntax_error(
            path,
            text,
            &message,
            offset(span.lo, start)..offset(span.hi, start),
        )
    };
    match result {
        Err(err) => Err(Box::new(to_diagnostic(err))),
        Ok(_) if !recovered.is_empty() => Err(Box::new(match recovered.into_iter().next() {
            Some(err) => to_diagnostic(err),
            None => syntax_error(path, text, "invalid syntax", 0..0),
        })),
        Ok(program) => match depth::check(&program, start) {
            Some(span) => Err(Box::new(depth::too_deep(
                path,
                "nests expressions or statements more than 2000 deep",
                span.start..span.start + 1,
            ))),
            None => Ok(Parsed {
                cm,
                file,
                program,
                legal_comments: legal_comments(comments),
            }),
        },
    }
}

/// The byte offset in the file of a position in the source map.
pub fn offset(pos: BytePos, start: BytePos) -> usize {
    pos.0.saturating_sub(start.0) as usize
}

fn syntax_error(path: &str, text: &str, message: &str, span: std::ops::Range<usize>) -> Diagnostic {
    let end = span.end.max(span.start).min(text.len());
    let start = span.start.min(end);
    Diagnostic::of(codes::SCRIPT_SYNTAX_ERROR, format!("syntax error in `{path}`: {message}"))
        .in_file(path)
        .with_span(start..end)
        .with_label(message.to_string())
        .with_hint("fix the syntax; until then this module throws the same error when it is required, and the rest of the app still loads")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_carry_their_span() {
        let Err(d) = parse("a.js", "let x = ;\n", Language::JavaScript) else {
            panic!("must fail");
        };
        assert_eq!(d.code, codes::SCRIPT_SYNTAX_ERROR.name);
        assert_eq!(d.span, Some(8..9));
    }

    #[test]
    fn legal_comments_are_kept_in_source_order_and_others_dropped() {
        let text = "/*! lib v1 | MIT */\n// plain\n/* plain block */\nvar a = 1; /** @license Apache-2.0 */\n//! bang line\nfunction f() { /* @preserve inner */ }\n/** docs */\n";
        let parsed = parse("a.js", text, Language::JavaScript).expect("parses");
        assert_eq!(
            parsed.legal_comments,
            [
                "/*! lib v1 | MIT */",
                "/** @license Apache-2.0 */",
                "//! bang line",
                "/* @preserve inner */"
            ]
        );
    }

    #[test]
    fn typescript_and_modules_parse() {
        assert!(parse("a.ts", "export const x: number = 1;", Language::TypeScript).is_ok());
        assert!(parse(
            "a.js",
            "import x from './y'; x?.y ?? 1;",
            Language::JavaScript
        )
        .is_ok());
        assert!(parse(
            "a.wxs",
            "module.exports = { f: function (a) { return a; } };",
            Language::Wxs
        )
        .is_ok());
    }
}
