//! The catalog's reports: `report.json` assembled from the apps' records ([`assemble`]), the
//! SARIF and JUnit views of it, the `--fail-on` exit code, and `miniport report merge`, which
//! joins the reports of shards into the report of one run.

pub mod assemble;
pub mod html;
pub mod junit;

use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use serde_json::Value;

use super::sarif;
use super::{EXIT_ERRORS, EXIT_FATAL, EXIT_OK};
use assemble::{assemble, Header, SCHEMA_VERSION};
use miniport::source::codes;

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// Join the `report.json` files of the shards of one catalog into the report of one run.
    Merge(MergeArgs),
}

#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// The shards' `report.json` files (every shard of the run, once).
    #[arg(required = true)]
    pub reports: Vec<PathBuf>,
    /// Where the merged `report.json` goes.
    #[arg(short, long)]
    pub out: PathBuf,
    /// Also write the merged diagnostics as SARIF 2.1.0 to this file.
    #[arg(long, value_name = "FILE")]
    pub sarif: Option<PathBuf>,
    /// Also write one JUnit test case per app to this file.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Also write the report as one self-contained HTML page with charts to this file.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Exit 1 when an app has diagnostics of this severity or worse, or was not converted.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
}

/// Which apps make the exit code 1.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// An app that was not converted, or has an error diagnostic.
    Error,
    /// Also an app with a warning.
    Warning,
    /// None: the exit code is 0 whatever the apps hold.
    Never,
}

impl FailOn {
    /// Whether a diagnostic of `severity` counts.
    pub fn counts(self, severity: &str) -> bool {
        match self {
            FailOn::Error => severity == "error",
            FailOn::Warning => matches!(severity, "error" | "warning"),
            FailOn::Never => false,
        }
    }

    /// Whether the app record `app` fails the run.
    pub fn fails(self, app: &Value) -> bool {
        if self == FailOn::Never {
            return false;
        }
        let converted = matches!(
            app["status"].as_str(),
            Some("converted" | "converted-with-errors")
        );
        let by = &app["diagnostics"]["bySeverity"];
        let counted = ["error", "warning"]
            .iter()
            .any(|s| self.counts(s) && by[*s].as_u64().unwrap_or(0) > 0);
        !converted || counted
    }

    /// The exit code of a run whose report is `report`.
    pub fn exit_code(self, report: &Value) -> i32 {
        let apps = report["apps"].as_array().into_iter().flatten();
        let catalog = report["catalog"]["diagnostics"]
            .as_array()
            .into_iter()
            .flatten();
        let failing = apps.clone().any(|a| self.fails(a))
            || catalog
                .clone()
                .any(|d| self.counts(d["severity"].as_str().unwrap_or_default()));
        if failing {
            EXIT_ERRORS
        } else {
            EXIT_OK
        }
    }
}

/// The SARIF log of a catalog report: each app's diagnostics located under its source folder
/// (the catalog's base joined with the app's `source` and `root`), the catalog's own under the
/// base.
pub fn sarif_of(report: &Value) -> Value {
    let base = report["catalog"]["base"].as_str().unwrap_or_default();
    let join = |parts: &[&str]| -> String {
        parts
            .iter()
            .map(|p| p.trim_matches('/'))
            .filter(|p| !p.is_empty() && *p != ".")
            .collect::<Vec<_>>()
            .join("/")
    };
    let absolute = if base.starts_with('/') { "/" } else { "" };
    let empty = Vec::new();
    let catalog = report["catalog"]["diagnostics"]
        .as_array()
        .unwrap_or(&empty);
    let mut groups = vec![sarif::Group {
        base: format!("{absolute}{}", join(&[base])),
        records: catalog,
    }];
    for app in report["apps"].as_array().into_iter().flatten() {
        let source = app["source"].as_str().unwrap_or_default();
        let root = app["root"].as_str().unwrap_or_default();
        let base = if source.starts_with('/') {
            format!("/{}", join(&[source, root]))
        } else {
            format!("{absolute}{}", join(&[base, source, root]))
        };
        groups.push(sarif::Group {
            base,
            records: app["diagnostics"]["list"].as_array().unwrap_or(&empty),
        });
    }
    sarif::log(&groups)
}

/// Writes `bytes` to `path` through a temporary file beside it, so a reader never sees half.
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp = parent.join(format!(".{name}.miniport-tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Pretty JSON with a final newline.
pub fn pretty(value: &Value) -> Vec<u8> {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}

/// Where the views of `report.json` go (each only when given).
pub struct Views<'a> {
    pub sarif: Option<&'a Path>,
    pub junit: Option<&'a Path>,
    pub html: Option<&'a Path>,
}

/// Writes `report.json`'s SARIF, JUnit and HTML views where asked.
pub fn write_views(report: &Value, views: &Views<'_>, fail_on: FailOn) -> Result<(), String> {
    let Views { sarif, junit, html } = *views;
    if let Some(path) = html {
        write_file(path, html::html(report).as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    if let Some(path) = sarif {
        write_file(path, &pretty(&sarif_of(report)))
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    if let Some(path) = junit {
        write_file(path, junit::junit(report, fail_on).as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(())
}

pub fn run(command: &ReportCommand) -> i32 {
    match command {
        ReportCommand::Merge(args) => match merge_files(&args.reports) {
            Ok(report) => {
                if let Err(err) = write_file(&args.out, &pretty(&report)) {
                    return fatal(
                        codes::CLI_WRITE_FAILED,
                        &format!("cannot write `{}`: {err}", args.out.display()),
                    );
                }
                let views = Views {
                    sarif: args.sarif.as_deref(),
                    junit: args.junit.as_deref(),
                    html: args.html.as_deref(),
                };
                if let Err(err) = write_views(&report, &views, args.fail_on) {
                    return fatal(codes::CLI_WRITE_FAILED, &err);
                }
                let totals = &report["totals"];
                eprintln!(
                    "merged {} reports: {} apps → `{}`",
                    args.reports.len(),
                    totals["apps"],
                    args.out.display()
                );
                args.fail_on.exit_code(&report)
            }
            Err(message) => fatal(codes::CLI_BAD_REPORT, &message),
        },
    }
}

fn fatal(code: codes::Code, message: &str) -> i32 {
    eprintln!("error[{}]: {message}", code.name);
    EXIT_FATAL
}

fn merge_files(paths: &[PathBuf]) -> Result<Value, String> {
    let mut reports = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let report: Value = serde_json::from_str(&text)
            .map_err(|e| format!("`{}` is not JSON: {e}", path.display()))?;
        reports.push((path.display().to_string(), report));
    }
    merge(&reports)
}

/// Joins the reports (each named for messages) of the shards of one run.
pub fn merge(reports: &[(String, Value)]) -> Result<Value, String> {
    let (first_name, first) = reports.first().ok_or("no report to merge")?;
    let mut apps = Vec::new();
    let mut catalog_diagnostics = Vec::new();
    let mut shards = Vec::new();
    for (name, report) in reports {
        if report["schemaVersion"] != SCHEMA_VERSION {
            return Err(format!(
                "`{name}` is not a `miniport batch` report.json of schema version {SCHEMA_VERSION}"
            ));
        }
        for key in ["miniport", "options"] {
            if report[key] != first[key] {
                return Err(format!(
                    "`{name}` and `{first_name}` differ in `{key}`: they are not shards of one run"
                ));
            }
        }
        for key in ["base", "apps"] {
            if report["catalog"][key] != first["catalog"][key] {
                return Err(format!(
                    "`{name}` and `{first_name}` differ in `catalog.{key}`: they are not shards of one catalog"
                ));
            }
        }
        let shard = &report["shard"];
        shards.push((shard["index"].as_u64(), shard["count"].as_u64()));
        apps.extend(report["apps"].as_array().cloned().unwrap_or_default());
        catalog_diagnostics.extend(
            report["catalog"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
        );
    }
    check_shards(&shards)?;
    let mut names: Vec<&str> = apps.iter().filter_map(|a| a["name"].as_str()).collect();
    names.sort_unstable();
    if let Some(pair) = names.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!("the app `{}` is in two reports", pair[0]));
    }
    let header = Header {
        options: first["options"].clone(),
        base: first["catalog"]["base"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        catalog_apps: first["catalog"]["apps"].as_u64().unwrap_or(0) as usize,
        catalog_diagnostics,
        shard: None,
    };
    Ok(assemble(&header, apps))
}

/// Every shard of one count, once; or a single report of a whole run.
fn check_shards(shards: &[(Option<u64>, Option<u64>)]) -> Result<(), String> {
    if let [(None, None)] = shards {
        return Ok(());
    }
    let count = match shards.first() {
        Some((Some(_), Some(count))) => *count,
        _ => return Err("a report of a whole run cannot be merged with others".into()),
    };
    let mut seen = vec![false; count as usize];
    for (index, n) in shards {
        match (index, n) {
            (Some(i), Some(n)) if *n == count && *i < count => {
                if std::mem::replace(&mut seen[*i as usize], true) {
                    return Err(format!("shard {i}/{count} is given twice"));
                }
            }
            _ => return Err(format!("the reports are not all shards of {count}")),
        }
    }
    let missing: Vec<String> = (0..count)
        .filter(|i| !seen[*i as usize])
        .map(|i| format!("{i}/{count}"))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("shards {} are missing", missing.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shards_must_all_be_there_once() {
        assert!(check_shards(&[(None, None)]).is_ok());
        assert!(check_shards(&[(Some(1), Some(2)), (Some(0), Some(2))]).is_ok());
        let missing = check_shards(&[(Some(0), Some(3)), (Some(2), Some(3))]);
        assert_eq!(missing, Err("shards 1/3 are missing".into()));
        assert!(check_shards(&[(Some(0), Some(2)), (Some(0), Some(2))]).is_err());
        assert!(check_shards(&[(Some(0), Some(2)), (None, None)]).is_err());
    }

    #[test]
    fn reports_of_different_options_are_not_merged() {
        let shard = |index: u64, target: &str| {
            json!({ "schemaVersion": SCHEMA_VERSION, "miniport": "x", "options": { "target": target },
                    "catalog": { "base": "apps", "apps": 0, "diagnostics": [] },
                    "shard": { "index": index, "count": 2 }, "apps": [] })
        };
        let err = merge(&[
            ("a".into(), shard(0, "web")),
            ("b".into(), shard(1, "telegram")),
        ]);
        assert!(err.is_err_and(|e| e.contains("differ in `options`")));
        let ok =
            merge(&[("a".into(), shard(0, "web")), ("b".into(), shard(1, "web"))]).expect("merges");
        assert!(ok.get("shard").is_none());
    }
}
