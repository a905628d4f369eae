//! The whole pipeline behind one call, as a straight line: load the project, compile the
//! language units (styles, scripts, WXS, templates) in parallel, emit the output. Runs on
//! the caller's rayon pool; holds no global state.

use std::fmt;
use std::path::Path;

use crate::emit::{self, Compiled, Options, Output, Summary};
use crate::project::{self, LoadError, Project};
use crate::script::{self, ScriptOptions};
use crate::source::timing;
use crate::source::{normalize, Diagnostic, DiagnosticRecord, FileSet, Severity};
use crate::{style, template, wxs};

/// A finished conversion: the output files and everything found on the way.
///
/// A conversion with errors still has output: one broken file degrades its page, not the app.
#[derive(Debug, Clone)]
pub struct Conversion {
    /// The files to serve, by path (`index.html`, `report.json`, the pages, the runtime, …).
    pub output: Output,
    /// Everything found, sorted by file and position, the same for any thread count.
    pub diagnostics: Vec<Diagnostic>,
    /// The mini-program's files, to show diagnostics with their source.
    pub files: FileSet,
    /// Counts of pages, components, stylesheets, assets, errors and warnings.
    pub summary: Summary,
}

impl Conversion {
    /// Whether any diagnostic is an error (some part of the app is degraded).
    ///
    /// ```
    /// let mut files = miniport::FileSet::new();
    /// files.insert("app.json", r#"{ "pages": ["pages/a/a"] }"#);
    /// files.insert("pages/a/a.wxml", "<view>{{a.}}</view>");
    /// let conversion = miniport::convert(files, &miniport::Options::default())?;
    /// assert!(conversion.has_errors());
    /// # Ok::<(), miniport::ConvertError>(())
    /// ```
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The diagnostics with their 1-based line and column (start and end) computed from the
    /// files: the records of `report.json` and of `miniport convert --format json`.
    ///
    /// ```
    /// let mut files = miniport::FileSet::new();
    /// files.insert("app.json", r#"{ "pages": ["pages/a/a"] }"#);
    /// files.insert("pages/a/a.js", "Page({});");
    /// files.insert("pages/a/a.wxml", "<view>\n  {{a.}}</view>");
    /// let conversion = miniport::convert(files, &miniport::Options::default())?;
    /// let record = &conversion.diagnostic_records()[0];
    /// assert_eq!(record.file.as_deref(), Some("pages/a/a.wxml"));
    /// assert_eq!(record.line, Some(2));
    /// # Ok::<(), miniport::ConvertError>(())
    /// ```
    pub fn diagnostic_records(&self) -> Vec<DiagnosticRecord> {
        self.diagnostics
            .iter()
            .map(|d| DiagnosticRecord::from_diagnostic(d, &self.files))
            .collect()
    }

    /// [`Conversion::diagnostic_records`] as a JSON array.
    ///
    /// ```
    /// let mut files = miniport::FileSet::new();
    /// files.insert("app.json", r#"{ "pages": ["pages/a/a"] }"#);
    /// files.insert("pages/a/a.js", "Page({});");
    /// files.insert("pages/a/a.wxml", "<view>{{a.}}</view>");
    /// let conversion = miniport::convert(files, &miniport::Options::default())?;
    /// let json: serde_json::Value = serde_json::from_str(&conversion.diagnostics_json()).unwrap();
    /// assert_eq!(json[0]["severity"], "error");
    /// # Ok::<(), miniport::ConvertError>(())
    /// ```
    pub fn diagnostics_json(&self) -> String {
        serde_json::to_string_pretty(&self.diagnostic_records()).unwrap_or_else(|_| "[]".into())
    }
}

/// Why nothing could be converted: the input could not be read, or it holds no usable
/// mini-program. Problems inside an app are [`Diagnostic`]s of the [`Conversion`] instead.
///
/// ```
/// let mut files = miniport::FileSet::new();
/// files.insert("app.json", r#"{ "pages": [] }"#);
/// match miniport::convert(files, &miniport::Options::default()) {
///     Err(miniport::ConvertError::Load(error)) => {
///         assert_eq!(error.diagnostic.code, "project::no-pages");
///     }
///     other => panic!("converted: {other:?}"),
/// }
/// ```
#[derive(Debug)]
pub enum ConvertError {
    /// The input could not be read.
    Io(std::io::Error),
    /// No mini-program, or one whose `app.json` is unusable.
    Load(Box<LoadError>),
    /// The `--extended-lib` folder holds no `weui-miniprogram`, or could not be read.
    ExtendedLib(std::io::Error),
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConvertError::Io(err) => write!(f, "cannot read the input: {err}"),
            ConvertError::Load(err) => write!(f, "cannot convert: {err}"),
            ConvertError::ExtendedLib(err) => write!(f, "cannot read the extended library: {err}"),
        }
    }
}

impl std::error::Error for ConvertError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConvertError::Io(err) => Some(err),
            ConvertError::Load(err) => Some(&**err),
            ConvertError::ExtendedLib(err) => Some(err),
        }
    }
}

/// Reads `dir` and converts it. What reading found (links out of the root, unreadable files)
/// is reported with everything else, in the summary and in `report.json`. Nothing is
/// written: write [`Conversion::output`] where you want it.
///
/// ```
/// let showcase = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/showcase");
/// let conversion = miniport::convert_dir(&showcase, &miniport::Options::default())?;
/// assert!(conversion.output.text("index.html").is_some());
/// # Ok::<(), miniport::ConvertError>(())
/// ```
pub fn convert_dir(dir: &Path, options: &Options) -> Result<Conversion, ConvertError> {
    convert_dir_with_extended_lib(dir, None, options)
}

/// Reads `dir` and converts it, with WeChat's weui extended library (`useExtendedLib`) read
/// from `extended_lib` (the `weui-miniprogram` package folder, or a folder that holds it),
/// the one folder outside `dir` that is read (`miniport convert --extended-lib`).
pub fn convert_dir_with_extended_lib(
    dir: &Path,
    extended_lib: Option<&Path>,
    options: &Options,
) -> Result<Conversion, ConvertError> {
    let (mut files, mut read_diagnostics) =
        timing::time("read", || FileSet::read_dir(dir)).map_err(ConvertError::Io)?;
    if let Some(lib) = extended_lib {
        let found = files
            .read_extended_lib(lib)
            .map_err(ConvertError::ExtendedLib)?;
        read_diagnostics.extend(found);
    }
    run(files, read_diagnostics, options)
}

/// Converts the mini-program held in `input` (the files of its folder, by path relative to
/// it), in memory, on the caller's rayon pool (one thread where there are no threads, as in
/// WebAssembly). The folder may be the app's (`app.json`), the project's
/// (`project.config.json` naming `miniprogramRoot`), or a component library's.
///
/// ```
/// let mut files = miniport::FileSet::new();
/// files.insert("app.json", r#"{ "pages": ["pages/a/a"] }"#);
/// files.insert("pages/a/a.wxml", "<text>hi</text>");
/// let options = miniport::Options { target: miniport::Target::Web, ..Default::default() };
/// let conversion = miniport::convert(files, &options)?;
/// assert!(conversion.output.text("pages/a/a.wxml.js").is_some());
/// # Ok::<(), miniport::ConvertError>(())
/// ```
pub fn convert(input: FileSet, options: &Options) -> Result<Conversion, ConvertError> {
    run(input, Vec::new(), options)
}

/// Converts the mini-program held in `input`, with what reading it found (such as the entries
/// of an archive that were refused) reported beside everything else.
pub fn convert_read(
    input: FileSet,
    read_diagnostics: Vec<Diagnostic>,
    options: &Options,
) -> Result<Conversion, ConvertError> {
    run(input, read_diagnostics, options)
}

fn run(
    input: FileSet,
    read_diagnostics: Vec<Diagnostic>,
    options: &Options,
) -> Result<Conversion, ConvertError> {
    let mut project = timing::time("load", || {
        project::load(input).map_err(|e| ConvertError::Load(Box::new(e)))
    })?;
    if options.max_file_size.is_some() {
        project.meta.max_file_size = options.max_file_size;
    }
    let compiled = timing::time("units", || compile_units(&project, options.minify));
    let mut diagnostics = read_diagnostics;
    diagnostics.extend(project.diagnostics.iter().cloned());
    diagnostics.extend(compiled.diagnostics().cloned());
    diagnostics.extend(
        project
            .npm
            .missing_diagnostics(&compiled.scripts.not_installed),
    );
    normalize(&mut diagnostics);
    let output = timing::time("emit", || {
        emit::emit(&project, &compiled, options, &diagnostics)
    });
    let assets = project
        .files
        .paths()
        .filter(|p| project::is_asset(p))
        .count();
    let summary = Summary::of(&project, compiled.sheets.len(), assets, &diagnostics);
    Ok(Conversion {
        output,
        diagnostics,
        files: project.files,
        summary,
    })
}

/// Runs the language units over `project` side by side on the caller's rayon pool: styles,
/// scripts, WXS files and templates (each unit parallel inside too).
fn compile_units(project: &Project, minify: bool) -> Compiled {
    let ((sheets, scripts), (wxs, templates)) = rayon::join(
        || {
            rayon::join(
                || timing::time("  styles", || style::compile_project(project, minify)),
                || {
                    timing::time("  scripts", || {
                        script::compile(project, &ScriptOptions { minify })
                    })
                },
            )
        },
        || {
            rayon::join(
                || {
                    timing::time("  wxs", || {
                        wxs::compile_files(&project.files, project.max_file_size())
                    })
                },
                || timing::time("  templates", || template::compile(project)),
            )
        },
    );
    Compiled {
        sheets,
        scripts,
        wxs,
        templates,
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    #[test]
    fn convert_error_message_of_an_unreadable_input() {
        let err = ConvertError::Io(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "permission denied",
        ));
        assert_eq!(err.to_string(), "cannot read the input: permission denied");
        let source = err.source().map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("permission denied"));
    }

    #[test]
    fn convert_error_message_of_an_unloadable_project() {
        let mut files = FileSet::new();
        files.insert("app.json", "{\"pages\": []}");
        let Err(err) = convert(files, &Options::default()) else {
            panic!("an app.json without pages converted");
        };
        assert_eq!(
            err.to_string(),
            "cannot convert: app.json:1:2: `app.json` lists no pages"
        );
        let source = err.source().map(ToString::to_string);
        assert_eq!(
            source.as_deref(),
            Some("app.json:1:2: `app.json` lists no pages")
        );
    }
}
