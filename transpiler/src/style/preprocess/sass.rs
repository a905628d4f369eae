//! Sass (`.scss` and the indented `.sass`) → CSS on grass, reading imported files through the
//! in-memory file set; compile errors are located in the file that has them.

use std::io;
use std::path::{Path, PathBuf};

use super::{compile_error, Dialect, Preprocessed};
use crate::source::{normalize_path, FileSet};

/// The file set as grass sees a file system: paths relative to the mini-program root, and
/// `/…` root-absolute as in WXSS. The sheet being compiled (`entry`) reads with `prefix` in
/// front.
#[derive(Debug)]
struct Files<'f> {
    files: &'f FileSet,
    entry: &'f str,
    prefix: String,
}

/// The root stylesheet whose variables, mixins and functions every other Sass file sees, as
/// `global.…` (WeChat's developer tool 1.06.2403132 and later).
const GLOBAL_SCSS: &str = "global.scss";

/// `@use '/global.scss';` for the sheet `path` of `text` when there is a `global.scss` and
/// the sheet is not it and does not `@use` it already.
fn global_prefix(files: &FileSet, path: &str, dialect: Dialect) -> String {
    let uses_it = text_uses_global(files.text(path).unwrap_or_default());
    if path == GLOBAL_SCSS || !files.contains(GLOBAL_SCSS) || uses_it {
        return String::new();
    }
    match dialect {
        Dialect::Sass => format!("@use '/{GLOBAL_SCSS}'\n"),
        _ => format!("@use '/{GLOBAL_SCSS}';\n"),
    }
}

/// Whether a sheet already has an `@use` of `global` (any path ending in it).
fn text_uses_global(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with("@use")
            && ["global'", "global\"", "global.scss'", "global.scss\""]
                .iter()
                .any(|end| line.contains(end))
    })
}

impl Files<'_> {
    fn key(path: &Path) -> Option<String> {
        let text = path.to_str()?;
        normalize_path(text.trim_start_matches('/'))
    }
}

impl grass::Fs for Files<'_> {
    fn is_dir(&self, path: &Path) -> bool {
        Files::key(path).is_some_and(|dir| {
            let prefix = format!("{dir}/");
            dir.is_empty() || self.files.paths().any(|p| p.starts_with(&prefix))
        })
    }

    fn is_file(&self, path: &Path) -> bool {
        Files::key(path).is_some_and(|key| self.files.contains(&key))
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let key = Files::key(path);
        let content = key
            .as_deref()
            .and_then(|key| self.files.get(key))
            .map(|content| content.bytes().to_vec())
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, path.display().to_string()))?;
        if key.as_deref() == Some(self.entry) && !self.prefix.is_empty() {
            return Ok([self.prefix.as_bytes(), &content].concat());
        }
        Ok(content)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        Ok(Files::key(path).map_or_else(|| path.to_path_buf(), PathBuf::from))
    }
}

/// Compiles the Sass file `path` of `files`.
pub fn compile(files: &FileSet, path: &str, dialect: Dialect) -> Preprocessed {
    let fs = Files {
        files,
        entry: path,
        prefix: global_prefix(files, path, dialect),
    };
    let syntax = match dialect {
        Dialect::Sass => grass::InputSyntax::Sass,
        Dialect::Scss | Dialect::Less => grass::InputSyntax::Scss,
    };
    let options = grass::Options::default()
        .fs(&fs)
        .quiet(true)
        .input_syntax(syntax);
    match grass::from_path(path, &options) {
        Ok(css) => Preprocessed {
            css: Some(css),
            diagnostics: Vec::new(),
        },
        Err(error) => {
            let diagnostic = match error.kind() {
                grass::ErrorKind::ParseError { message, loc, .. } => {
                    let file =
                        Files::key(Path::new(loc.file.name())).unwrap_or_else(|| path.to_string());
                    // The line `@use '/global.scss'` added in front of the sheet is not in
                    // the file.
                    let added = usize::from(file == path && !fs.prefix.is_empty());
                    let offset = files.text(&file).map(|text| {
                        let line_start: usize = text
                            .split_inclusive('\n')
                            .take(loc.begin.line.saturating_sub(added))
                            .map(str::len)
                            .sum();
                        line_start + loc.begin.column
                    });
                    compile_error(files, &file, offset, &message)
                }
                grass::ErrorKind::IoError(error) => {
                    compile_error(files, path, None, &error.to_string())
                }
                grass::ErrorKind::FromUtf8Error(message) => {
                    compile_error(files, path, None, &message)
                }
                _ => compile_error(files, path, None, "unknown error"),
            };
            Preprocessed {
                css: None,
                diagnostics: vec![diagnostic],
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{files, squash};
    use super::*;
    use crate::source::codes;

    #[test]
    fn partials_and_root_absolute_imports_come_from_the_file_set() {
        let set = files(&[
            (
                "pages/a.scss",
                "@use '/lib/m' as m;\n@import 'vars';\n.a { color: $c; .b { width: m.w(2); } }",
            ),
            ("pages/_vars.scss", "$c: red;"),
            ("lib/m.scss", "@function w($n) { @return $n * 10px; }"),
        ]);
        let out = compile(&set, "pages/a.scss", Dialect::Scss);
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        assert_eq!(
            squash(&out.css.unwrap_or_default()),
            ".a { color: red; } .a .b { width: 20px; }"
        );
    }

    #[test]
    fn indented_syntax_compiles() {
        let set = files(&[("a.sass", "$c: blue\n.a\n  color: $c\n")]);
        let out = compile(&set, "a.sass", Dialect::Sass);
        assert_eq!(squash(&out.css.unwrap_or_default()), ".a { color: blue; }");
    }

    #[test]
    fn error_in_an_imported_partial_is_located_there() {
        let set = files(&[
            ("a.scss", "@import 'b';"),
            ("_b.scss", ".b {\n  color: $nope;\n}"),
        ]);
        let out = compile(&set, "a.scss", Dialect::Scss);
        assert_eq!(out.css, None);
        let d = &out.diagnostics[0];
        assert_eq!(d.code, codes::WXSS_PREPROCESSOR_ERROR.name);
        assert_eq!(d.file.as_deref(), Some("_b.scss"));
        let span = d.span.clone().unwrap_or_default();
        assert_eq!(
            &set.text("_b.scss").unwrap_or_default()[span.start..],
            "$nope;\n}"
        );
    }

    #[test]
    fn every_sheet_but_global_scss_uses_it_as_global() {
        let set = files(&[
            (
                "global.scss",
                "$brand: #07c160;\n@mixin round { border-radius: 4px; }\n.global-rule { a: b; }",
            ),
            (
                "pages/a/a.scss",
                ".a { color: global.$brand; @include global.round; }",
            ),
            ("pages/b/b.sass", ".b\n  color: global.$brand"),
            (
                "pages/c/c.scss",
                "@use '/global.scss' as g;\n.c { color: g.$brand; }",
            ),
        ]);
        let a = compile(&set, "pages/a/a.scss", Dialect::Scss);
        assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
        assert_eq!(
            squash(&a.css.unwrap_or_default()),
            ".global-rule { a: b; } .a { color: #07c160; border-radius: 4px; }"
        );
        let b = compile(&set, "pages/b/b.sass", Dialect::Sass);
        assert!(b.diagnostics.is_empty(), "{:?}", b.diagnostics);
        assert!(b.css.unwrap_or_default().contains("color: #07c160"));
        let c = compile(&set, "pages/c/c.scss", Dialect::Scss);
        assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    }

    #[test]
    fn an_error_after_the_added_use_is_located_on_its_own_line() {
        let set = files(&[
            ("global.scss", "$brand: red;"),
            ("a.scss", ".a {\n  color: $nope;\n}"),
        ]);
        let out = compile(&set, "a.scss", Dialect::Scss);
        let d = &out.diagnostics[0];
        let span = d.span.clone().unwrap_or_default();
        let text = set.text("a.scss").unwrap_or_default();
        assert!(
            text[span.start..].starts_with("$nope"),
            "{:?}",
            &text[span.start..]
        );
    }
}
