//! Sass (`.scss` and the indented `.sass`) → CSS on grass, reading imported files through the
//! in-memory file set; compile errors are located in the file that has them.

use std::io;
use std::path::{Path, PathBuf};

use super::{compile_error, Dialect, Preprocessed};
use crate::source::{normalize_path, FileSet};

/// The file set as grass sees a file system: paths relative to the mini-program root, and
/// `/…` root-absolute as in WXSS.
#[derive(Debug)]
struct Files<'f>(&'f FileSet);

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
            dir.is_empty() || self.0.paths().any(|p| p.starts_with(&prefix))
        })
    }

    fn is_file(&self, path: &Path) -> bool {
        Files::key(path).is_some_and(|key| self.0.contains(&key))
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        Files::key(path)
            .and_then(|key| self.0.get(&key))
            .map(|content| content.bytes().to_vec())
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, path.display().to_string()))
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        Ok(Files::key(path).map_or_else(|| path.to_path_buf(), PathBuf::from))
    }
}

/// Compiles the Sass file `path` of `files`.
pub fn compile(files: &FileSet, path: &str, dialect: Dialect) -> Preprocessed {
    let fs = Files(files);
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
                    let offset = files.text(&file).map(|text| {
                        let line_start: usize = text
                            .split_inclusive('\n')
                            .take(loc.begin.line)
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
}
