//! The host allow-lists of `miniport.json`, `webView.domains` and `request.domains` (WeChat's
//! business domains and request domains): checked, located when wrong, and normalised.

use serde_json::{Map, Value};

use super::json::JsonDoc;
use crate::source::{codes, Diagnostic, Step};

const SETTINGS_FILE: &str = "miniport.json";

/// The section `name` (`webView` or `request`) of `miniport.json`: `{ "domains": [...] }` with
/// each host kept as `host`, `*.host` or either with `:port`, in lower case. An entry may carry
/// one of the `schemes` WeChat's console shows (`https://`, and `wss://` for requests) and a
/// trailing `/`; what is not a host name is reported at the entry and left out, as are unknown
/// keys. A section without `domains` is dropped (no allow-list).
pub fn domains_section(
    doc: &JsonDoc,
    name: &str,
    section: Map<String, Value>,
    schemes: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Map<String, Value>> {
    let mut kept = None;
    for (key, value) in section {
        let at = [Step::key(name), Step::key(&key)];
        if key != "domains" {
            diagnostics.push(
                Diagnostic::of(
                    codes::JSON_UNKNOWN_KEY,
                    format!("`{name}.{key}` in `{SETTINGS_FILE}` is not a setting miniport knows"),
                )
                .in_file(SETTINGS_FILE)
                .with_span(doc.key_span_at(&at))
                .with_hint(format!(
                    "the only `{name}` setting is `domains`, a list of host names"
                )),
            );
            continue;
        }
        let Value::Array(items) = value else {
            diagnostics.push(
                Diagnostic::of(
                    codes::JSON_WRONG_TYPE,
                    format!("`{name}.domains` in `{SETTINGS_FILE}` must be a list of host names"),
                )
                .in_file(SETTINGS_FILE)
                .with_span(doc.value_span(&at))
                .with_hint("for example [\"example.com\", \"*.example.org\"]; the setting is ignored, so no host is restricted"),
            );
            continue;
        };
        let mut hosts = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.as_str().and_then(|s| host_of(s, schemes)) {
                Some(host) => {
                    if !hosts.contains(&Value::String(host.clone())) {
                        hosts.push(Value::String(host));
                    }
                }
                None => diagnostics.push(
                    Diagnostic::of(
                        codes::JSON_WRONG_TYPE,
                        format!("an item of `{name}.domains` in `{SETTINGS_FILE}` is not a host name"),
                    )
                    .in_file(SETTINGS_FILE)
                    .with_span(doc.value_span(&[Step::key(name), Step::key("domains"), Step::Index(i)]))
                    .with_hint(format!(
                        "write a host (\"example.com\"), its subdomains (\"*.example.com\") or either with a port (\"example.com:8443\"), optionally after {}; this item is ignored",
                        schemes.iter().map(|s| format!("`{s}://`")).collect::<Vec<_>>().join(" or ")
                    )),
                ),
            }
        }
        let mut out = Map::new();
        out.insert("domains".into(), Value::Array(hosts));
        kept = Some(out);
    }
    kept
}

/// `entry` as `host[:port]` or `*.host[:port]` in lower case, or `None` when it is not one.
pub fn host_of(entry: &str, schemes: &[&str]) -> Option<String> {
    let lower = entry.trim().to_ascii_lowercase();
    let mut rest = lower.as_str();
    for scheme in schemes {
        if let Some(r) = rest.strip_prefix(&format!("{scheme}://")) {
            rest = r;
            break;
        }
    }
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    if let Some(port) = port {
        let fits = !port.is_empty()
            && port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p));
        if !fits {
            return None;
        }
    }
    let name = host.strip_prefix("*.").unwrap_or(host);
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if name.is_empty() || name.len() > 253 || !name.split('.').all(label_ok) {
        return None;
    }
    Some(rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn hosts_wildcards_ports_and_console_schemes_are_kept_in_lower_case() {
        let s = &["https", "wss"];
        assert_eq!(host_of("Example.COM", s).as_deref(), Some("example.com"));
        assert_eq!(
            host_of("*.example.org", s).as_deref(),
            Some("*.example.org")
        );
        assert_eq!(
            host_of("https://api.example.com/", s).as_deref(),
            Some("api.example.com")
        );
        assert_eq!(
            host_of("wss://ws.example.com:8443", s).as_deref(),
            Some("ws.example.com:8443")
        );
        for bad in [
            "",
            "*.",
            "a..b",
            "http://x.com",
            "x.com/path",
            "x.com:0",
            "x.com:99999",
            "a b.com",
            "*.*.x.com",
            "-x.com",
            "x.com:",
        ] {
            assert_eq!(host_of(bad, s), None, "{bad}");
        }
    }
}
