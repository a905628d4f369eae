//! The catalog's report as JUnit XML (`--junit <file>`), which CI systems show natively: one
//! test case per app, an `<error>` for an app that was not converted (failed, panicked, timed
//! out), a `<failure>` for one whose diagnostics reach the `--fail-on` level, each listing them.

use serde_json::Value;

use super::FailOn;

/// Escapes text for an XML attribute or element.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 has no other control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// One line per diagnostic: `severity[code] file:line:column: message`.
fn listing(app: &Value, fail_on: FailOn) -> String {
    let mut lines = Vec::new();
    for d in app["diagnostics"]["list"].as_array().into_iter().flatten() {
        let severity = d["severity"].as_str().unwrap_or_default();
        if !fail_on.counts(severity) && fail_on != FailOn::Never {
            continue;
        }
        let mut at = d["file"].as_str().unwrap_or_default().to_string();
        if let (Some(line), Some(column)) = (d["line"].as_u64(), d["column"].as_u64()) {
            at.push_str(&format!(":{line}:{column}"));
        }
        lines.push(format!(
            "{severity}[{}] {at}: {}",
            d["code"].as_str().unwrap_or_default(),
            d["message"].as_str().unwrap_or_default()
        ));
    }
    lines.join("\n")
}

/// The JUnit XML of `report` (a catalog `report.json`).
pub fn junit(report: &Value, fail_on: FailOn) -> String {
    let apps = report["apps"].as_array().cloned().unwrap_or_default();
    let mut cases = String::new();
    let (mut failures, mut errors) = (0, 0);
    let mut seconds = 0.0;
    for app in &apps {
        let name = escape(app["name"].as_str().unwrap_or_default());
        let status = app["status"].as_str().unwrap_or_default();
        let time = app["seconds"].as_f64().unwrap_or(0.0);
        seconds += time;
        cases.push_str(&format!(
            "    <testcase classname=\"miniport.batch\" name=\"{name}\" time=\"{time:.3}\">\n"
        ));
        let by = &app["diagnostics"]["bySeverity"];
        let summary = format!(
            "{status}: {} errors, {} warnings",
            by["error"].as_u64().unwrap_or(0),
            by["warning"].as_u64().unwrap_or(0)
        );
        if !matches!(status, "converted" | "converted-with-errors") {
            errors += 1;
            cases.push_str(&format!(
                "      <error message=\"{}\" type=\"{status}\">{}</error>\n",
                escape(&summary),
                escape(&listing(app, FailOn::Never))
            ));
        } else if fail_on.fails(app) {
            failures += 1;
            cases.push_str(&format!(
                "      <failure message=\"{}\" type=\"{status}\">{}</failure>\n",
                escape(&summary),
                escape(&listing(app, fail_on))
            ));
        }
        cases.push_str("    </testcase>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"miniport batch\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\" time=\"{seconds:.3}\">\n\
         \x20 <testsuite name=\"miniport batch\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\" time=\"{seconds:.3}\">\n\
         {cases}\
         \x20 </testsuite>\n\
         </testsuites>\n",
        n = apps.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniport::source::codes;
    use serde_json::json;

    #[test]
    fn one_case_per_app_with_errors_and_failures() {
        let report = json!({ "apps": [
            { "name": "ok", "status": "converted", "seconds": 0.5,
              "diagnostics": { "bySeverity": { "error": 0, "warning": 1 }, "list": [
                { "code": codes::WXML_UNKNOWN_TAG.name, "severity": "warning", "message": "w", "file": "a.wxml", "line": 1, "column": 2 } ] } },
            { "name": "a<b", "status": "converted-with-errors", "seconds": 0.25,
              "diagnostics": { "bySeverity": { "error": 1, "warning": 0 }, "list": [
                { "code": codes::JSON_SYNTAX.name, "severity": "error", "message": "bad & worse", "file": "p.json", "line": 3, "column": 4 } ] } },
            { "name": "gone", "status": "timed-out", "seconds": 1.0,
              "diagnostics": { "bySeverity": { "error": 1, "warning": 0 }, "list": [] } },
        ]});
        let xml = junit(&report, FailOn::Error);
        assert!(
            xml.contains("tests=\"3\" failures=\"1\" errors=\"1\""),
            "{xml}"
        );
        assert!(xml.contains("name=\"a&lt;b\""), "{xml}");
        assert!(xml.contains("p.json:3:4: bad &amp; worse"), "{xml}");
        assert!(xml.contains("<error message=\"timed-out"), "{xml}");
        assert!(
            !xml.contains("a.wxml"),
            "a warning is no failure at --fail-on error: {xml}"
        );
        let strict = junit(&report, FailOn::Warning);
        assert!(strict.contains("failures=\"2\""), "{strict}");
        assert!(strict.contains("a.wxml:1:2: w"), "{strict}");
    }
}
