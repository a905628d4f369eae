//! Diagnostics as a SARIF 2.1.0 log (`--format sarif` of `convert` and `batch`), so that
//! code-scanning tools show them on the source lines: one rule per diagnostic code (its
//! meaning from the catalog), one result per diagnostic, located by its file, line and column.

use serde_json::{json, Map, Value};

use miniport::source::codes;

/// The schema a SARIF 2.1.0 log names.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// One group of diagnostic records (as in `report.json`) whose files are relative to `base`.
pub struct Group<'a> {
    /// The folder the records' files are relative to, as a `/`-separated path (empty for the
    /// current folder).
    pub base: String,
    pub records: &'a [Value],
}

/// The SARIF level of a miniport severity.
fn level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    }
}

/// `base/file` as a URI reference: relative paths stay relative (resolved against the
/// checkout by code-scanning tools); absolute ones become `file://` URIs.
fn uri(base: &str, file: &str) -> String {
    let joined = if base.is_empty() {
        file.to_string()
    } else {
        format!("{}/{file}", base.trim_end_matches('/'))
    };
    let encoded: String = joined
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_string(),
            '%' => "%25".to_string(),
            '#' => "%23".to_string(),
            '?' => "%3F".to_string(),
            c => c.to_string(),
        })
        .collect();
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

/// The SARIF log of every record of `groups`.
pub fn log(groups: &[Group<'_>]) -> Value {
    let mut rule_ids: Vec<String> = groups
        .iter()
        .flat_map(|g| g.records.iter())
        .filter_map(|r| r["code"].as_str().map(str::to_string))
        .collect();
    rule_ids.sort();
    rule_ids.dedup();
    let rules: Vec<Value> = rule_ids
        .iter()
        .map(|id| {
            let code = codes::ALL.iter().find(|c| c.name == id);
            let meaning = code.map_or(id.as_str(), |c| c.meaning);
            let severity = code.map_or("error", |c| match c.severity {
                miniport::Severity::Error => "error",
                miniport::Severity::Warning => "warning",
                miniport::Severity::Info => "info",
            });
            json!({
                "id": id,
                "shortDescription": { "text": meaning },
                "defaultConfiguration": { "level": level(severity) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for group in groups {
        for record in group.records {
            let id = record["code"].as_str().unwrap_or_default();
            let index = rule_ids.iter().position(|r| r == id).unwrap_or_default();
            let mut text = record["message"].as_str().unwrap_or_default().to_string();
            if let Some(hint) = record["hint"].as_str() {
                text.push_str(&format!("\nhelp: {hint}"));
            }
            let mut result = json!({
                "ruleId": id,
                "ruleIndex": index,
                "level": level(record["severity"].as_str().unwrap_or_default()),
                "message": { "text": text },
            });
            if let Some(file) = record["file"].as_str() {
                let mut physical = Map::new();
                physical.insert(
                    "artifactLocation".into(),
                    json!({ "uri": uri(&group.base, file) }),
                );
                if let Some(line) = record["line"].as_u64() {
                    let mut region = Map::new();
                    region.insert("startLine".into(), json!(line));
                    for (from, to) in [
                        ("column", "startColumn"),
                        ("end_line", "endLine"),
                        ("end_column", "endColumn"),
                    ] {
                        if let Some(n) = record[from].as_u64() {
                            region.insert(to.into(), json!(n));
                        }
                    }
                    physical.insert("region".into(), Value::Object(region));
                }
                result["locations"] = json!([{ "physicalLocation": physical }]);
            }
            results.push(result);
        }
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "miniport",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_to_the_base_and_escaped() {
        assert_eq!(
            uri("apps/shop", "pages/a b.wxml"),
            "apps/shop/pages/a%20b.wxml"
        );
        assert_eq!(uri("", "app.json"), "app.json");
        assert_eq!(uri("/srv/apps/", "app.json"), "file:///srv/apps/app.json");
    }

    #[test]
    fn a_record_becomes_a_located_result_of_its_rule() {
        let records = vec![json!({
            "code": codes::JSON_SYNTAX.name, "severity": "error", "message": "bad",
            "file": "app.json", "line": 2, "column": 3, "end_line": 2, "end_column": 4,
            "hint": "fix it"
        })];
        let log = log(&[Group {
            base: "shop".into(),
            records: &records,
        }]);
        let run = &log["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"][0]["id"],
            codes::JSON_SYNTAX.name
        );
        let result = &run["results"][0];
        assert_eq!(result["level"], "error");
        assert_eq!(result["message"]["text"], "bad\nhelp: fix it");
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "shop/app.json");
        assert_eq!(location["region"]["startColumn"], 3);
        assert_eq!(location["region"]["endColumn"], 4);
    }
}
