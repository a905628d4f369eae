//! Less → CSS on undercoat, from the in-memory merge of the sheet and its imports; compile
//! errors are mapped back to the file and offset they came from.

use std::path::Path;

use super::merge::merge;
use super::{compile_error, skip_comment_or_string, Preprocessed};
use super::{each_scope, keyframe_names, parent_refs, trailing_commas, url_quotes};
use crate::source::{offset_of_utf16, FileSet};

/// The path undercoat is given. The NUL makes it a path no file system has, so the compiler
/// cannot read the disk (every import was merged already; file functions such as
/// `data-uri()` fail instead of reading files outside the project).
fn virtual_path(path: &str) -> String {
    format!("/\0miniport/{path}")
}

/// Compiles the Less file `path` of `files`.
pub fn compile(files: &FileSet, path: &str) -> Preprocessed {
    let merged = merge(files, path);
    let mut diagnostics = merged.diagnostics.clone();
    let options = undercoat::Options::default();
    // Four gaps of the compiler, worked around on the text (see each module).
    let named = keyframe_names::unwrap_names(&merged.text);
    let quoted = url_quotes::quote_urls(&named.text);
    let moved = parent_refs::move_out(&quoted.text);
    let scoped = each_scope::repeat_variables(&moved.text);
    match undercoat::compile_file(Path::new(&virtual_path(path)), &scoped.text, &options) {
        // The compiler copies inline JavaScript (`` `…` ``) into the output unevaluated;
        // less.js refuses it unless `javascriptEnabled` is set. Refused here too, at the
        // expression, rather than writing broken CSS.
        Ok(output) if output.css.contains('`') => {
            let at = inline_javascript(&merged.text);
            let (file, offset) = match at.and_then(|at| merged.origin(at)) {
                Some((file, offset)) => (file.to_string(), Some(offset)),
                None => (path.to_string(), None),
            };
            diagnostics.push(compile_error(
                files,
                &file,
                offset,
                "inline JavaScript (`…`) is not supported (less.js also refuses it unless `javascriptEnabled` is set)",
            ));
            Preprocessed {
                css: None,
                diagnostics,
            }
        }
        Ok(output) => {
            let mut css = merged.css_imports.join("\n");
            css.push('\n');
            css.push_str(&trailing_commas::drop_trailing_commas(
                &parent_refs::put_back(&output.css),
            ));
            Preprocessed {
                css: Some(css),
                diagnostics,
            }
        }
        Err(error) => {
            let at = error.line.map(|line| {
                let at = offset_of_utf16(
                    &scoped.text,
                    line as usize,
                    error.column.unwrap_or(0) as usize + 1,
                );
                let at = moved.source_offset(scoped.source_offset(at));
                named.source_offset(quoted.source_offset(at))
            });
            let (file, offset) = match at.and_then(|at| merged.origin(at)) {
                Some((file, offset)) => (file.to_string(), Some(offset)),
                None => (path.to_string(), None),
            };
            let message = error.message.replace(&virtual_path(""), "");
            diagnostics.push(compile_error(files, &file, offset, &message));
            Preprocessed {
                css: None,
                diagnostics,
            }
        }
    }
}

/// The offset of the first backtick of `text` outside comments and strings.
fn inline_javascript(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(next) = skip_comment_or_string(text, i) {
            i = next;
        } else if bytes[i] == b'`' {
            return Some(i);
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::{files, squash};
    use super::*;
    use crate::source::codes;

    #[test]
    fn variables_mixins_guards_and_operations_compile() {
        let set = files(&[(
            "a.less",
            "@w: 10px;\n.m(@x) when (@x > 5) { width: @x * 2; }\n.a { .m(@w); &-b { color: darken(#fff, 10%); } }",
        )]);
        let out = compile(&set, "a.less");
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        assert_eq!(
            squash(&out.css.unwrap_or_default()),
            ".a { width: 20px; } .a-b { color: #e6e6e6; }"
        );
    }

    #[test]
    fn reference_import_keeps_mixins_and_drops_rules() {
        let set = files(&[
            ("a.less", "@import (reference) 'lib';\n.a { .m(); }"),
            ("lib.less", ".m() { color: red; }\n.lib { color: blue; }"),
        ]);
        let out = compile(&set, "a.less");
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        assert_eq!(squash(&out.css.unwrap_or_default()), ".a { color: red; }");
    }

    #[test]
    fn error_in_an_imported_file_is_located_there() {
        let set = files(&[
            ("pages/a.less", "@import 'common';\n.a { color: red; }"),
            ("pages/common.less", ".x {\n  color: @nope;\n}"),
        ]);
        let out = compile(&set, "pages/a.less");
        assert_eq!(out.css, None);
        let d = &out.diagnostics[0];
        assert_eq!(d.code, codes::WXSS_PREPROCESSOR_ERROR.name);
        assert_eq!(d.file.as_deref(), Some("pages/common.less"));
        let span = d.span.clone().unwrap_or_default();
        assert_eq!(
            &set.text("pages/common.less").unwrap_or_default()[span.start..],
            "@nope;\n}"
        );
        assert!(d.message.contains("@nope"), "{}", d.message);
    }

    #[test]
    fn inline_javascript_is_refused_at_the_expression() {
        let text = "// `not this`\n.m() { @u: `encodeURIComponent(\"a\")`; b: @u; }\n.a { .m(); }";
        let set = files(&[("a.less", text)]);
        let out = compile(&set, "a.less");
        assert_eq!(out.css, None);
        let span = out.diagnostics[0].span.clone().unwrap_or_default();
        assert_eq!(&text[span.start..span.start + 3], "`en");
    }

    #[test]
    fn css_imports_survive_for_the_wxss_pipeline() {
        let set = files(&[(
            "p/a.less",
            "@import 'x.css';\n@import 'y.scss';\n.a { color: red; }",
        )]);
        let out = compile(&set, "p/a.less");
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        assert_eq!(
            squash(&out.css.unwrap_or_default()),
            "@import url(\"x.css\"); @import url(\"y.scss\"); .a { color: red; }"
        );
    }

    #[test]
    fn every_sheet_but_app_less_sees_its_variables_and_mixins_without_its_rules() {
        let set = files(&[
            (
                "app.less",
                "@import 'x.css';\n@brand: #07c160;\n.round() { border-radius: 4px; }\n.app { color: @brand; }",
            ),
            ("pages/a/a.less", ".a { color: @brand; .round(); }"),
        ]);
        let page = compile(&set, "pages/a/a.less");
        assert!(page.diagnostics.is_empty(), "{:?}", page.diagnostics);
        assert_eq!(
            squash(&page.css.unwrap_or_default()),
            ".a { color: #07c160; border-radius: 4px; }"
        );
        let app = compile(&set, "app.less");
        assert_eq!(
            squash(&app.css.unwrap_or_default()),
            "@import url(\"x.css\"); .app { color: #07c160; }"
        );
    }
}
