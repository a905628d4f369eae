//! `report.json`: every diagnostic with file, line, column, code and severity, and the pages,
//! components and assets found, for people and for CI jobs.

use serde::Serialize;
use serde_json::{json, Value};

use super::Options;
use crate::project::Project;
use crate::script::Scripts;
use crate::source::{Diagnostic, DiagnosticRecord, Severity};
use crate::style::EmittedSheet;

/// Counts shown after a conversion and stored in the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Pages converted (main package and subpackages).
    pub pages: usize,
    /// Components converted (the app's own and those of npm packages it uses).
    pub components: usize,
    /// Stylesheets compiled (WXSS, Less, Sass).
    pub stylesheets: usize,
    /// Files copied as they are (images, fonts, …).
    pub assets: usize,
    /// Diagnostics of severity error.
    pub errors: usize,
    /// Diagnostics of severity warning.
    pub warnings: usize,
}

impl Summary {
    /// The counts of a converted project.
    #[doc(hidden)]
    pub fn of(project: &Project, sheets: usize, assets: usize, diagnostics: &[Diagnostic]) -> Self {
        Summary {
            pages: project.pages.len(),
            components: project.components.len(),
            stylesheets: sheets,
            assets,
            errors: diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count(),
            warnings: diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count(),
        }
    }
}

pub fn report(
    project: &Project,
    sheets: &[EmittedSheet],
    scripts: &Scripts,
    assets: &[&str],
    options: &Options,
    diagnostics: &[Diagnostic],
) -> Value {
    let records = DiagnosticRecord::all(diagnostics, &project.files);
    let stylesheets: Vec<Value> = sheets
        .iter()
        .map(|s| json!({ "source": s.source, "out": s.out, "assets": s.sheet.assets }))
        .collect();
    json!({
        "miniport": env!("CARGO_PKG_VERSION"),
        "mode": project.mode,
        "target": options.target,
        "root": project.root,
        "npm": project.npm,
        "summary": Summary::of(project, sheets.len(), assets.len(), diagnostics),
        "pages": project.pages,
        "components": project.components.values().collect::<Vec<_>>(),
        "stylesheets": stylesheets,
        "assets": assets,
        "diagnostics": records,
        "modules": scripts.modules,
        "apis": api_usage(scripts),
        "apisDynamic": { "count": scripts.usage.dynamic.len(), "locations": scripts.usage.dynamic },
        "globals": scripts.usage.globals.iter().map(|(name, at)| (name.clone(), json!({ "count": at.len(), "locations": at }))).collect::<serde_json::Map<_, _>>(),
    })
}

/// Every `wx` API the scripts use, with its status from the runtime's API table (`unknown`
/// for a name WeChat does not document), whether this runtime implements it yet
/// (`implemented`; the others fail as their status says), how often and where.
fn api_usage(scripts: &Scripts) -> Value {
    let table = crate::wechat::api_table::api_table();
    let mut apis = serde_json::Map::new();
    for (name, at) in &scripts.usage.apis {
        let status = table.get(name).map_or("unknown", |e| e.status.as_str());
        apis.insert(
            name.clone(),
            json!({
                "status": status,
                "implemented": crate::wechat::api_table::implemented(name),
                "count": at.len(),
                "locations": at,
            }),
        );
    }
    Value::Object(apis)
}
