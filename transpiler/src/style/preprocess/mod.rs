//! Less and Sass at convert time (WeChat's `useCompilerPlugins`): which compiler a sheet
//! takes, whether its plugin is switched on, and the CSS it compiles to, which then goes
//! through the WXSS pipeline like any `.wxss`.
//!
//! - `.less` compiles with [undercoat](https://crates.io/crates/undercoat); miniport merges
//!   the `@import`ed Less files itself, from the in-memory file set (`merge`), so the
//!   compiler never reads the disk.
//! - `.scss` and `.sass` compile with [grass](https://crates.io/crates/grass), which reads
//!   imported files through miniport's file set (`sass`).
//! - An `@import` of a `.css`, `.scss` or `.sass` file inside Less (and of a `.css`,
//!   `.wxss` or `.less` file inside Sass) stays a CSS `@import`, which the WXSS pipeline
//!   then inlines, compiling the imported file with its own compiler.
//! - A sheet whose plugin is off is one `wxss::compiler-plugin-off` error, never a copy.
//! - A compile error is one located `wxss::preprocessor-error` in the file that has it.

mod each_scope;
mod keyframe_names;
mod less;
mod merge;
mod parent_refs;
mod sass;
mod trailing_commas;
mod url_quotes;

/// When `text` has a comment (`/* */`, or `//` not right after a `:` as in `http://`) or a
/// string at byte `i`, the byte after it; the scanners of `merge` and `less` skip these.
fn skip_comment_or_string(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    match bytes[i] {
        b'/' if bytes.get(i + 1) == Some(&b'*') => Some(
            text[i + 2..]
                .find("*/")
                .map_or(bytes.len(), |e| i + 2 + e + 2),
        ),
        b'/' if bytes.get(i + 1) == Some(&b'/') && (i == 0 || bytes[i - 1] != b':') => {
            Some(text[i..].find('\n').map_or(bytes.len(), |e| i + e))
        }
        b'"' | b'\'' => Some(skip_string(bytes, i)),
        _ => None,
    }
}

/// Like [`skip_comment_or_string`], and also past a Less `@{…}` interpolation (its braces
/// are not a block's).
fn skip_comment_string_or_interpolation(text: &str, i: usize) -> Option<usize> {
    skip_comment_or_string(text, i).or_else(|| {
        text[i..]
            .starts_with("@{")
            .then(|| text[i..].find('}').map_or(text.len(), |e| i + e + 1))
    })
}

/// The end (exclusive) of the string starting with the quote at `start` (a string also ends
/// at its line's end).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// A source text after miniport's own edits, which work around the Less compiler's gaps,
/// with what maps an offset in it back to the source (for located errors).
pub(super) struct Rewritten {
    pub text: String,
    /// (offset in `text`, offset in the source) at the end of each edit; offsets between two
    /// edits keep the difference of the earlier one.
    shifts: Vec<(usize, usize)>,
}

impl Rewritten {
    /// `text` with each range of `edits` (in order, not overlapping) replaced by its text.
    pub fn apply(text: &str, edits: Vec<(std::ops::Range<usize>, String)>) -> Self {
        let mut out = String::with_capacity(text.len());
        let mut shifts = Vec::with_capacity(edits.len());
        let mut copied = 0;
        for (range, new) in edits {
            out.push_str(&text[copied..range.start]);
            out.push_str(&new);
            copied = range.end;
            shifts.push((out.len(), range.end));
        }
        out.push_str(&text[copied..]);
        Rewritten { text: out, shifts }
    }

    /// The offset in the source of `offset` in [`Rewritten::text`].
    pub fn source_offset(&self, offset: usize) -> usize {
        let index = self.shifts.partition_point(|(at, _)| *at <= offset);
        match index.checked_sub(1).map(|i| self.shifts[i]) {
            Some((at, from)) => from + (offset - at),
            None => offset,
        }
    }
}

/// Helpers the unit tests of the three compilers share.
#[cfg(test)]
mod testing {
    use crate::source::FileSet;

    /// A file set of (path, text) pairs.
    pub fn files(list: &[(&str, &str)]) -> FileSet {
        let mut files = FileSet::new();
        for (path, text) in list {
            files.insert(path, text.as_bytes().to_vec());
        }
        files
    }

    /// CSS with every run of whitespace made one space.
    pub fn squash(css: &str) -> String {
        css.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

use crate::source::{codes, Diagnostic, FileSet};

/// The preprocessor languages miniport compiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Less,
    Scss,
    /// Sass's indented syntax.
    Sass,
}

impl Dialect {
    /// The dialect of a file, from its extension; `None` for `.wxss`, `.css` and the rest.
    pub fn of(path: &str) -> Option<Dialect> {
        let (_, ext) = path.rsplit_once('.')?;
        match ext.to_ascii_lowercase().as_str() {
            "less" => Some(Dialect::Less),
            "scss" => Some(Dialect::Scss),
            "sass" => Some(Dialect::Sass),
            _ => None,
        }
    }

    /// The name of its plugin in `useCompilerPlugins`.
    pub fn plugin(self) -> &'static str {
        match self {
            Dialect::Less => "less",
            Dialect::Scss | Dialect::Sass => "sass",
        }
    }
}

/// Which compiler plugins `project.config.json` switches on (`setting.useCompilerPlugins`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Plugins {
    pub less: bool,
    pub sass: bool,
}

impl Plugins {
    /// From the names listed in `useCompilerPlugins` (`"less"`, `"sass"`, `"typescript"`).
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> Self {
        let on = |name: &str| names.iter().any(|n| n.as_ref() == name);
        Plugins {
            less: on("less"),
            sass: on("sass"),
        }
    }

    fn allows(self, dialect: Dialect) -> bool {
        match dialect {
            Dialect::Less => self.less,
            Dialect::Scss | Dialect::Sass => self.sass,
        }
    }
}

/// What compiling one Less or Sass file gave: its CSS (none when it failed) and the
/// diagnostics, located in the files that caused them.
#[derive(Debug, Default)]
pub struct Preprocessed {
    pub css: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Compiles the Less or Sass file `path` of `files` to CSS, or says why not.
pub fn compile(files: &FileSet, path: &str, dialect: Dialect, plugins: Plugins) -> Preprocessed {
    if !plugins.allows(dialect) {
        let plugin = dialect.plugin();
        return Preprocessed {
            css: None,
            diagnostics: vec![Diagnostic::of(
                codes::WXSS_COMPILER_PLUGIN_OFF,
                format!(
                    "`{path}` is {} but the `{plugin}` compiler plugin is not switched on",
                    match dialect {
                        Dialect::Less => "Less",
                        Dialect::Scss | Dialect::Sass => "Sass",
                    }
                ),
            )
            .in_file(path)
            .with_hint(format!(
                "add it to project.config.json: \"setting\": {{ \"useCompilerPlugins\": [\"{plugin}\"] }} \
                 (as in WeChat's developer tool); until then the stylesheet is left out"
            ))],
        };
    }
    // A compiler crate that panics on some input must not take the conversion down.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match dialect {
        Dialect::Less => less::compile(files, path),
        Dialect::Scss | Dialect::Sass => sass::compile(files, path, dialect),
    }));
    run.unwrap_or_else(|_| Preprocessed {
        css: None,
        diagnostics: vec![Diagnostic::of(
            codes::WXSS_PREPROCESSOR_ERROR,
            format!("the {} compiler stopped on `{path}`", dialect.plugin()),
        )
        .in_file(path)
        .with_hint("the stylesheet is left out; please report this as a miniport bug")],
    })
}

/// The diagnostic of a compile error at byte `offset` of `file` (when known).
fn compile_error(files: &FileSet, file: &str, offset: Option<usize>, message: &str) -> Diagnostic {
    let mut diagnostic = Diagnostic::of(
        codes::WXSS_PREPROCESSOR_ERROR,
        format!("`{file}` does not compile: {message}"),
    )
    .in_file(file)
    .with_hint("the stylesheet is left out; fix the error");
    if let (Some(offset), Some(text)) = (offset, files.text(file)) {
        let start = offset.min(text.len());
        let end = text[start..]
            .char_indices()
            .nth(1)
            .map_or(text.len(), |(i, _)| start + i);
        diagnostic = diagnostic.with_span(start..end).with_label("here");
    }
    diagnostic
}
