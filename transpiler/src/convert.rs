//! The whole pipeline behind one call: load the project, compile every stylesheet in
//! parallel, emit the output. Runs on the caller's rayon pool; holds no global state.

use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{normalize, Diagnostic, Severity};
use crate::emit::{self, css_path, render, EmitOptions, EmittedSheet, Output, Summary, Target};
use crate::ir;
use crate::project::{self, FileSet, LoadError, Project};
use crate::script::{self, ScriptOptions};
use crate::wxss::{self, Isolation, SheetKind, SheetOptions};

/// Where the app's own API implementations are written in the output (`--api <file>`).
pub const API_OVERRIDES_FILE: &str = "miniport-api.js";

/// Conversion settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub target: Target,
    pub minify: bool,
    /// Widest page in CSS pixels (desktop Telegram); rpx scales with the page width up to it.
    pub max_page_width: u32,
    /// The source of an ES module whose default export receives `wx` at start and may replace
    /// or add any API (`miniport convert --api <file>`); written as `miniport-api.js`.
    pub api_overrides: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            target: Target::Telegram,
            minify: false,
            max_page_width: 600,
            api_overrides: None,
        }
    }
}

/// A finished conversion: the output files and everything found on the way.
#[derive(Debug, Clone)]
pub struct Conversion {
    pub output: Output,
    pub diagnostics: Vec<Diagnostic>,
    /// The mini-program's files, to show diagnostics with their source.
    pub files: FileSet,
    pub summary: Summary,
}

impl Conversion {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Why a folder could not be converted at all.
#[derive(Debug)]
pub enum ConvertError {
    /// The input could not be read.
    Io(std::io::Error),
    /// No mini-program, or one whose `app.json` is unusable.
    Load(Box<LoadError>),
}

/// Reads `dir` and converts it. What reading found (links out of the root, unreadable files)
/// is reported with everything else, in the summary and in `report.json`.
pub fn convert_dir(dir: &Path, options: &Options) -> Result<Conversion, ConvertError> {
    let (files, read_diagnostics) = FileSet::read_dir(dir).map_err(ConvertError::Io)?;
    run(files, read_diagnostics, options)
}

/// Converts the mini-program held in `input` (files of the folder the user named).
pub fn convert(input: FileSet, options: &Options) -> Result<Conversion, ConvertError> {
    run(input, Vec::new(), options)
}

fn run(
    input: FileSet,
    read_diagnostics: Vec<Diagnostic>,
    options: &Options,
) -> Result<Conversion, ConvertError> {
    let project = project::load(input).map_err(|e| ConvertError::Load(Box::new(e)))?;
    let jobs = sheet_jobs(&project);
    let sheets: Vec<EmittedSheet> = jobs
        .par_iter()
        .map(|(source, kind)| {
            let out = css_path(source);
            let sheet = wxss::compile(
                &project.files,
                source,
                &out,
                &SheetOptions {
                    kind: *kind,
                    minify: options.minify,
                },
            );
            EmittedSheet {
                source: source.to_string(),
                out,
                sheet,
            }
        })
        .collect();

    let scripts = script::compile(
        &project,
        &ScriptOptions {
            minify: options.minify,
        },
    );

    let mut diagnostics = read_diagnostics;
    diagnostics.extend(project.diagnostics.iter().cloned());
    for sheet in &sheets {
        diagnostics.extend(sheet.sheet.diagnostics.iter().cloned());
    }
    diagnostics.extend(scripts.diagnostics.iter().cloned());
    let templates = ir::link(&project);
    diagnostics.extend(templates.diagnostics().cloned());
    normalize(&mut diagnostics);
    let emit_options = EmitOptions {
        target: options.target,
        max_page_width: options.max_page_width,
        minify: options.minify,
        api_overrides: options.api_overrides.is_some(),
    };
    let mut output = emit::emit(&project, &sheets, &scripts, &emit_options, &diagnostics);
    if let Some(source) = &options.api_overrides {
        output.insert(API_OVERRIDES_FILE, source.as_bytes());
    }
    for (path, code) in render::compile_program(&templates, &project.files) {
        output.insert(path, code);
    }
    let assets = project
        .files
        .paths()
        .filter(|p| project::is_asset(p))
        .count();
    let summary = Summary::of(&project, sheets.len(), assets, &diagnostics);
    Ok(Conversion {
        output,
        diagnostics,
        files: project.files,
        summary,
    })
}

/// Every stylesheet to compile, with what it belongs to: `app.wxss`, pages, components.
fn sheet_jobs(project: &Project) -> Vec<(&str, SheetKind<'_>)> {
    let mut jobs = Vec::new();
    if project.files.contains("app.wxss") && project.app.is_some() {
        jobs.push(("app.wxss", SheetKind::App));
    }
    for page in &project.pages {
        if let Some(wxss) = &page.files.wxss {
            jobs.push((wxss.as_str(), SheetKind::Page { route: &page.route }));
        }
    }
    for (path, component) in &project.components {
        if let Some(wxss) = &component.files.wxss {
            let isolation = Isolation::parse(component.config.style_isolation.as_deref());
            jobs.push((
                wxss.as_str(),
                SheetKind::Component {
                    path: path.as_str(),
                    isolation,
                },
            ));
        }
    }
    jobs
}
