//! `report.html`: the catalog's `report.json` as one self-contained page, readable offline (no
//! script, no request: inline CSS and SVG). Charts: the apps by status, the most common error
//! codes and unimplemented `wx` APIs (blockers), the support matrix of `wx` APIs and built-in
//! components, the readiness scores; then a drill-down per app with its diagnostics. Every bar
//! carries its number in `data-value`, taken from the same JSON, so a test can compare the two.

use std::fmt::Write;

use serde_json::Value;

// Escapes text for HTML content and attributes (the emitted page's escaping).
use miniport::emit::escape as esc;

fn num(value: &Value) -> u64 {
    value.as_u64().unwrap_or(0)
}

/// A horizontal bar chart: one row per (label, value, css class), scaled to the largest value.
fn bars(id: &str, title: &str, rows: &[(String, u64, &str)]) -> String {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let row_height = 22;
    let height = row_height * rows.len().max(1) + 4;
    let mut svg = format!(
        "<figure id=\"{id}\"><figcaption>{}</figcaption>\n<svg class=\"chart\" role=\"img\" \
         aria-label=\"{}\" viewBox=\"0 0 640 {height}\" width=\"640\" height=\"{height}\">\n",
        esc(title),
        esc(title)
    );
    if rows.is_empty() {
        svg.push_str("<text x=\"0\" y=\"16\">none</text>\n");
    }
    for (i, (label, value, class)) in rows.iter().enumerate() {
        let y = i * row_height + 2;
        let width = (*value as f64 / max as f64 * 360.0).round() as u64;
        let _ = writeln!(
            svg,
            "<g class=\"bar {class}\" data-label=\"{label}\" data-value=\"{value}\">\
             <text x=\"210\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <rect x=\"220\" y=\"{y}\" width=\"{width}\" height=\"{h}\"></rect>\
             <text x=\"{vx}\" y=\"{ty}\" class=\"value\">{value}</text></g>",
            label = esc(label),
            ty = y + 15,
            h = row_height - 6,
            vx = 226 + width,
        );
    }
    svg.push_str("</svg></figure>\n");
    svg
}

/// The support matrix of `map` (`apis` or `builtins`): how many distinct names and how many
/// uses per support level, in the order of `levels`.
fn matrix(report: &Value, key: &str, field: &str, levels: &[&str]) -> Vec<(String, u64, u64)> {
    let empty = serde_json::Map::new();
    let map = report[key].as_object().unwrap_or(&empty);
    levels
        .iter()
        .map(|level| {
            let entries: Vec<&Value> = map.values().filter(|e| e[field] == *level).collect();
            let uses = entries.iter().map(|e| num(&e["count"])).sum();
            (level.to_string(), entries.len() as u64, uses)
        })
        .collect()
}

const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1b1b;max-width:1000px}\
h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse}\
td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}\
td.n{text-align:right}.chart text{font-size:12px}.bar rect{fill:#4a7fc1}\
.bar.error rect,.bar.failed rect,.bar.panicked rect,.bar.timed-out rect,.bar.nothing rect,\
.bar.unsupported rect,.bar.unknown rect{fill:#c9453a}.bar.warning rect,.bar.converted-with-errors rect,\
.bar.partial rect,.bar.placeholder rect{fill:#d99a21}.bar.converted rect,.bar.full rect{fill:#3c9a5f}\
figure{margin:12px 0}figcaption{font-weight:600}details{margin:4px 0}summary{cursor:pointer}\
.st{font-weight:600}.st.converted{color:#2e7d4f}.st.failed,.st.panicked,.st.timed-out{color:#b3362c}\
.st.converted-with-errors{color:#9a6a00}code{font-size:12px}";

/// The page of a catalog report.
pub fn html(report: &Value) -> String {
    let totals = &report["totals"];
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
         <title>miniport batch report</title><style>{STYLE}</style></head><body>\n\
         <h1>miniport batch report</h1>\n<p id=\"summary\">{apps} apps · miniport {version} · \
         {pages} pages · {components} components · {errors} errors · {warnings} warnings · \
         mean readiness <span id=\"readiness\">{readiness}</span></p>\n",
        apps = num(&totals["apps"]),
        version = esc(report["miniport"].as_str().unwrap_or_default()),
        pages = num(&totals["pages"]),
        components = num(&totals["components"]),
        errors = num(&totals["diagnostics"]["error"]),
        warnings = num(&totals["diagnostics"]["warning"]),
        readiness = totals["readiness"],
    );

    page.push_str("<h2>Apps by status</h2>\n");
    let statuses: Vec<(String, u64, &str)> = super::assemble::STATUSES
        .iter()
        .map(|s| (s.to_string(), num(&totals["statuses"][*s]), *s))
        .collect();
    page.push_str(&bars("statuses", "Apps by status", &statuses));

    page.push_str("<h2>Most common blockers</h2>\n");
    let blockers: Vec<(String, u64, &str)> = report["codes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["severity"] == "error")
        .take(10)
        .map(|c| {
            (
                c["code"].as_str().unwrap_or_default().to_string(),
                num(&c["apps"]),
                "error",
            )
        })
        .collect();
    page.push_str(&bars(
        "blockers",
        "Error codes by number of apps they appear in (top 10)",
        &blockers,
    ));

    let mut missing: Vec<(String, u64, &str)> = report["apis"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, api)| api["implemented"] == false)
        .map(|(name, api)| (format!("wx.{name}"), num(&api["apps"]), "unsupported"))
        .collect();
    missing.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    missing.truncate(10);
    page.push_str(&bars(
        "missing-apis",
        "wx APIs the runtime does not implement, by number of apps using them (top 10)",
        &missing,
    ));

    page.push_str("<h2>Support matrix</h2>\n");
    for (id, title, key, field, levels) in [
        (
            "apis",
            "wx APIs used",
            "apis",
            "status",
            &["telegram", "web", "emulate", "unsupported", "unknown"][..],
        ),
        (
            "builtins",
            "Built-in components used",
            "builtins",
            "support",
            &["full", "partial", "placeholder", "nothing"][..],
        ),
    ] {
        let rows = matrix(report, key, field, levels);
        let chart: Vec<(String, u64, &str)> = rows
            .iter()
            .zip(levels)
            .map(|((level, distinct, _), class)| (level.clone(), *distinct, *class))
            .collect();
        page.push_str(&bars(
            id,
            &format!("{title}: distinct names by support"),
            &chart,
        ));
        let _ = write!(
            page,
            "<table class=\"matrix\" id=\"{id}-table\"><tr><th>support</th><th>names</th><th>uses</th></tr>"
        );
        for (level, distinct, uses) in rows {
            let _ = write!(
                page,
                "<tr><td>{}</td><td class=\"n\">{distinct}</td><td class=\"n\">{uses}</td></tr>",
                esc(&level)
            );
        }
        page.push_str("</table>\n");
    }

    page.push_str("<h2>Readiness</h2>\n");
    let mut buckets = [0u64; 5];
    let apps = report["apps"].as_array().cloned().unwrap_or_default();
    for app in &apps {
        let score = num(&app["readiness"]["score"]).min(100);
        buckets[(score / 20).min(4) as usize] += 1;
    }
    let labels = ["0–19", "20–39", "40–59", "60–79", "80–100"];
    let rows: Vec<(String, u64, &str)> = labels
        .iter()
        .zip(buckets)
        .map(|(l, n)| (l.to_string(), n, "score"))
        .collect();
    page.push_str(&bars("readiness-chart", "Apps by readiness score", &rows));

    page.push_str("<h2>Apps</h2>\n");
    for app in &apps {
        app_section(&mut page, app);
    }
    page.push_str("</body></html>\n");
    page
}

/// One app's drill-down: its numbers, then each diagnostic with its place.
fn app_section(page: &mut String, app: &Value) {
    let name = esc(app["name"].as_str().unwrap_or_default());
    let status = esc(app["status"].as_str().unwrap_or_default());
    let by = &app["diagnostics"]["bySeverity"];
    let _ = write!(
        page,
        "<details class=\"app\" data-name=\"{name}\"><summary><b>{name}</b> \
         <span class=\"st {status}\">{status}</span> · readiness {score} · {errors} errors · \
         {warnings} warnings</summary>\n<p>{pages} pages, {components} components, {files} files \
         ({bytes} bytes) from <code>{source}</code>; {seconds} s</p>\n",
        score = num(&app["readiness"]["score"]),
        errors = num(&by["error"]),
        warnings = num(&by["warning"]),
        pages = num(&app["pages"]),
        components = num(&app["components"]),
        files = num(&app["files"]),
        bytes = num(&app["bytes"]),
        source = esc(app["source"].as_str().unwrap_or_default()),
        seconds = app["seconds"],
    );
    let list = app["diagnostics"]["list"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if !list.is_empty() {
        page.push_str(
            "<table class=\"diagnostics\"><tr><th>severity</th><th>code</th><th>where</th><th>message</th></tr>",
        );
        for d in &list {
            let mut at = d["file"].as_str().unwrap_or_default().to_string();
            if let (Some(line), Some(column)) = (d["line"].as_u64(), d["column"].as_u64()) {
                let _ = write!(at, ":{line}:{column}");
            }
            let _ = write!(
                page,
                "<tr><td>{}</td><td><code>{}</code></td><td><code>{}</code></td><td>{}</td></tr>",
                esc(d["severity"].as_str().unwrap_or_default()),
                esc(d["code"].as_str().unwrap_or_default()),
                esc(&at),
                esc(d["message"].as_str().unwrap_or_default()),
            );
        }
        page.push_str("</table>\n");
    }
    page.push_str("</details>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bars_carry_their_values_and_labels_are_escaped() {
        let svg = bars(
            "x",
            "t",
            &[("<a>".into(), 3, "error"), ("b".into(), 0, "full")],
        );
        assert!(
            svg.contains("data-label=\"&lt;a&gt;\" data-value=\"3\""),
            "{svg}"
        );
        assert!(svg.contains("data-value=\"0\""), "{svg}");
        assert!(!svg.contains("<a>"), "{svg}");
    }

    #[test]
    fn the_page_has_no_script_and_drills_down_per_app() {
        let report = json!({
            "miniport": "0", "totals": { "apps": 1, "statuses": { "failed": 1 } },
            "codes": [], "apis": {}, "builtins": {},
            "apps": [{ "name": "a&b", "status": "failed", "diagnostics": { "list": [
                { "code": "x", "severity": "error", "message": "<script>", "file": "app.json", "line": 1, "column": 2 }
            ] } }]
        });
        let page = html(&report);
        assert!(!page.contains("<script"), "{page}");
        assert!(page.contains("data-name=\"a&amp;b\""));
        assert!(page.contains("<code>app.json:1:2</code>"));
    }
}
