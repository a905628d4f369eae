//! `report.json`: every diagnostic with file, line, column, code and severity, and the pages,
//! components and assets found, for people and for CI jobs.

use std::collections::BTreeMap;

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
    builtins: &BTreeMap<String, usize>,
    assets: &[&str],
    options: &Options,
    diagnostics: &[Diagnostic],
) -> Value {
    let records = DiagnosticRecord::all(diagnostics, &project.files);
    let stylesheets: Vec<Value> = sheets
        .iter()
        .map(|s| json!({ "source": s.source, "out": s.out, "assets": s.sheet.assets }))
        .collect();
    let summary = Summary::of(project, sheets.len(), assets.len(), diagnostics);
    let apis = api_usage(scripts);
    let builtins = builtin_usage(builtins);
    let readiness = readiness(summary.errors, &apis, &builtins);
    json!({
        "miniport": env!("CARGO_PKG_VERSION"),
        "mode": project.mode,
        "target": options.target,
        "root": project.root,
        "npm": project.npm,
        "summary": summary,
        "readiness": readiness,
        "pages": project.pages,
        "components": project.components.values().collect::<Vec<_>>(),
        "stylesheets": stylesheets,
        "assets": assets,
        "diagnostics": records,
        "modules": scripts.modules,
        "apis": apis,
        "builtins": builtins,
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

/// Every built-in component the templates use, with its support in miniport
/// ([`crate::wechat::tags::support`]) and its number of elements.
fn builtin_usage(counts: &BTreeMap<String, usize>) -> Value {
    let mut tags = serde_json::Map::new();
    for (tag, count) in counts {
        let support = crate::wechat::tags::support(tag).unwrap_or("full");
        tags.insert(tag.clone(), json!({ "support": support, "count": count }));
    }
    Value::Object(tags)
}

/// Weight of a built-in's support in the readiness score.
fn support_weight(support: &str) -> f64 {
    match support {
        "full" => 1.0,
        "partial" => 0.75,
        "placeholder" => 0.25,
        _ => 0.0,
    }
}

/// How ready the converted app is to ship, from 0 to 100 (docs/batch-report.md says why):
///
/// `score = round(100 × (0.5 × E + 0.3 × A + 0.2 × T))` where
/// - `E = max(0, 1 − errors / 5)`: five error diagnostics take the whole share;
/// - `A`: the share of the distinct `wx` APIs used that the runtime implements (1 when none);
/// - `T`: the mean weight of the distinct built-ins used, full 1, partial 0.75, placeholder
///   0.25, nothing 0 (1 when none).
///
/// The parts are in the report too, each rounded to three decimals.
pub fn readiness(errors: usize, apis: &Value, builtins: &Value) -> Value {
    let e = (1.0 - errors as f64 / 5.0).max(0.0);
    let share = |map: &Value, weight: &dyn Fn(&Value) -> f64| match map.as_object() {
        Some(map) if !map.is_empty() => map.values().map(weight).sum::<f64>() / map.len() as f64,
        _ => 1.0,
    };
    let a = share(apis, &|api| {
        f64::from(u8::from(api["implemented"].as_bool().unwrap_or(false)))
    });
    let t = share(builtins, &|tag| {
        support_weight(tag["support"].as_str().unwrap_or(""))
    });
    let score = (100.0 * (0.5 * e + 0.3 * a + 0.2 * t)).round() as u64;
    let round3 = |x: f64| (x * 1000.0).round() / 1000.0;
    json!({ "score": score, "errors": round3(e), "apis": round3(a), "builtins": round3(t) })
}
