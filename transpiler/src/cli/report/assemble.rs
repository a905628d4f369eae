//! The catalog's `report.json` (schema: `docs/batch-report.schema.json`) assembled from the
//! records of its apps. `miniport batch` and `miniport report merge` both build it here, from
//! the same records sorted by name, so merged shards give the report of one run.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

/// The version of the report's schema; it changes when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u64 = 1;

/// The statuses of an app, in the order the totals list them.
pub const STATUSES: &[&str] = &[
    "converted",
    "converted-with-errors",
    "failed",
    "panicked",
    "timed-out",
];

/// What every app was converted with, and where the catalog is.
#[derive(Debug, Clone)]
pub struct Header {
    /// `target`, `minify`, `maxPageWidth`, `appTimeout` (`null` without one).
    pub options: Value,
    /// The folder the apps' `source` paths are relative to, as given on the command line.
    pub base: String,
    /// Apps in the whole catalog (every shard).
    pub catalog_apps: usize,
    /// Problems of the catalog itself (records as in `report.json`).
    pub catalog_diagnostics: Vec<Value>,
    /// `Some((index, count))` for the report of one shard.
    pub shard: Option<(u32, u32)>,
}

/// The report of `apps` (any order; sorted here by name).
pub fn assemble(header: &Header, mut apps: Vec<Value>) -> Value {
    apps.sort_by(|a, b| name(a).cmp(name(b)));
    let mut catalog_diagnostics = header.catalog_diagnostics.clone();
    catalog_diagnostics.sort_by_key(|d| d.to_string());
    catalog_diagnostics.dedup();
    let mut report = Map::new();
    report.insert("schemaVersion".into(), json!(SCHEMA_VERSION));
    report.insert("miniport".into(), json!(env!("CARGO_PKG_VERSION")));
    report.insert("options".into(), header.options.clone());
    report.insert(
        "catalog".into(),
        json!({ "base": header.base, "apps": header.catalog_apps, "diagnostics": catalog_diagnostics }),
    );
    if let Some((index, count)) = header.shard {
        report.insert("shard".into(), json!({ "index": index, "count": count }));
    }
    report.insert("totals".into(), totals(&apps, &catalog_diagnostics));
    report.insert("codes".into(), codes(&apps));
    report.insert("apis".into(), usage(&apps, "apis", "status"));
    report.insert("builtins".into(), usage(&apps, "builtins", "support"));
    report.insert("apps".into(), Value::Array(apps));
    Value::Object(report)
}

fn name(app: &Value) -> &str {
    app["name"].as_str().unwrap_or_default()
}

fn count(value: &Value) -> u64 {
    value.as_u64().unwrap_or(0)
}

/// Sums over the apps: how many of each status, their sizes, their diagnostics, and the mean
/// readiness score.
fn totals(apps: &[Value], catalog_diagnostics: &[Value]) -> Value {
    let mut totals = Map::new();
    totals.insert("apps".into(), json!(apps.len()));
    let mut statuses = Map::new();
    for status in STATUSES {
        let n = apps.iter().filter(|a| a["status"] == *status).count();
        statuses.insert((*status).into(), json!(n));
    }
    totals.insert("statuses".into(), Value::Object(statuses));
    for key in [
        "pages",
        "components",
        "files",
        "bytes",
        "outputFiles",
        "outputBytes",
    ] {
        let sum: u64 = apps.iter().map(|a| count(&a[key])).sum();
        totals.insert(key.into(), json!(sum));
    }
    let mut severities = Map::new();
    for severity in ["error", "warning", "info"] {
        let apps_sum: u64 = apps
            .iter()
            .map(|a| count(&a["diagnostics"]["bySeverity"][severity]))
            .sum();
        let catalog = catalog_diagnostics
            .iter()
            .filter(|d| d["severity"] == severity)
            .count() as u64;
        severities.insert(severity.into(), json!(apps_sum + catalog));
    }
    totals.insert("diagnostics".into(), Value::Object(severities));
    let scores: Vec<u64> = apps
        .iter()
        .map(|a| count(&a["readiness"]["score"]))
        .collect();
    let mean = if scores.is_empty() {
        0.0
    } else {
        let sum: u64 = scores.iter().sum();
        (sum as f64 / scores.len() as f64 * 10.0).round() / 10.0
    };
    totals.insert("readiness".into(), json!(mean));
    Value::Object(totals)
}

/// Each diagnostic code across the catalog: its severity, how often, and in how many apps,
/// most frequent first (the catalog's most common blockers are its first error codes).
fn codes(apps: &[Value]) -> Value {
    let mut by_code: BTreeMap<String, (String, u64, u64)> = BTreeMap::new();
    for app in apps {
        if let Some(codes) = app["diagnostics"]["byCode"].as_object() {
            for (code, entry) in codes {
                let slot = by_code.entry(code.clone()).or_insert_with(|| {
                    (
                        entry["severity"].as_str().unwrap_or_default().to_string(),
                        0,
                        0,
                    )
                });
                slot.1 += count(&entry["count"]);
                slot.2 += 1;
            }
        }
    }
    let mut list: Vec<(String, (String, u64, u64))> = by_code.into_iter().collect();
    list.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then_with(|| a.0.cmp(&b.0)));
    Value::Array(
        list.into_iter()
            .map(|(code, (severity, n, apps))| {
                json!({ "code": code, "severity": severity, "count": n, "apps": apps })
            })
            .collect(),
    )
}

/// The support matrix of `key` (`apis` or `builtins`): each name used in the catalog, its
/// support (`field`), how often and in how many apps, by name.
fn usage(apps: &[Value], key: &str, field: &str) -> Value {
    let mut by_name: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for app in apps {
        if let Some(used) = app[key].as_object() {
            for (name, entry) in used {
                let slot = by_name.entry(name.clone()).or_insert_with(|| {
                    let mut m = Map::new();
                    m.insert(field.into(), entry[field].clone());
                    if let Some(implemented) = entry.get("implemented") {
                        m.insert("implemented".into(), implemented.clone());
                    }
                    m.insert("count".into(), json!(0));
                    m.insert("apps".into(), json!(0));
                    m
                });
                let n = count(&slot["count"]) + count(&entry["count"]);
                slot.insert("count".into(), json!(n));
                let a = count(&slot["apps"]) + 1;
                slot.insert("apps".into(), json!(a));
            }
        }
    }
    Value::Object(
        by_name
            .into_iter()
            .map(|(k, v)| (k, Value::Object(v)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniport::source::codes;

    fn app(name: &str, status: &str, errors: u64, score: u64) -> Value {
        json!({
            "name": name, "status": status, "pages": 2, "files": 3, "bytes": 10,
            "readiness": { "score": score },
            "diagnostics": {
                "bySeverity": { "error": errors, "warning": 1, "info": 0 },
                "byCode": { (codes::JSON_SYNTAX.name): { "severity": "error", "count": errors } },
            },
            "apis": { "showToast": { "status": "web", "implemented": true, "count": 2 } },
        })
    }

    fn header() -> Header {
        Header {
            options: json!({}),
            base: "apps".into(),
            catalog_apps: 2,
            catalog_diagnostics: Vec::new(),
            shard: None,
        }
    }

    #[test]
    fn the_report_is_the_same_for_any_order_of_its_apps() {
        let a = app("a", "converted", 0, 100);
        let b = app("b", "failed", 1, 0);
        let one = assemble(&header(), vec![a.clone(), b.clone()]);
        let two = assemble(&header(), vec![b, a]);
        assert_eq!(one, two);
        assert_eq!(one["apps"][0]["name"], "a");
    }

    #[test]
    fn totals_sum_the_apps() {
        let report = assemble(
            &header(),
            vec![app("a", "converted", 0, 100), app("b", "failed", 3, 0)],
        );
        let totals = &report["totals"];
        assert_eq!(totals["apps"], 2);
        assert_eq!(totals["statuses"]["failed"], 1);
        assert_eq!(totals["pages"], 4);
        assert_eq!(totals["diagnostics"]["error"], 3);
        assert_eq!(totals["diagnostics"]["warning"], 2);
        assert_eq!(totals["readiness"], 50.0);
        assert_eq!(report["codes"][0]["count"], 3);
        assert_eq!(report["codes"][0]["apps"], 2);
        assert_eq!(report["apis"]["showToast"]["count"], 4);
        assert_eq!(report["apis"]["showToast"]["apps"], 2);
    }
}
