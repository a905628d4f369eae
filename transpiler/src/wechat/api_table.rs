//! The runtime's `wx.*` API table (`runtime-shim/src/api/table.js`, embedded in the binary):
//! the one place the support status of each API comes from, for the runtime and the report.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::runtime;

/// The table file's path inside the runtime.
pub const TABLE_FILE: &str = "api/table.js";

/// How the runtime provides one API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiEntry {
    /// `web`, `emulate`, `telegram` or `unsupported`.
    pub status: String,
}

/// Reads the entries of the table's text: a block per status, opened by a line `['status', \``,
/// then its names (one a line, or several separated by spaces) up to the line that starts with
/// `\`]`.
pub fn parse(text: &str) -> BTreeMap<String, ApiEntry> {
    let mut out = BTreeMap::new();
    let mut block: Option<&str> = None;
    for line in text.lines().map(str::trim) {
        if line.starts_with("`]") {
            block = None;
        } else if let Some(status) = block {
            for name in line.split_whitespace() {
                let status = status.to_string();
                out.insert(name.to_string(), ApiEntry { status });
            }
        } else if let Some(status) = line.strip_prefix("['").and_then(|l| l.strip_suffix("', `")) {
            block = Some(status);
        }
    }
    out
}

/// The APIs the runtime implements (`runtime-shim/implemented-apis.txt`, one name a line; a
/// runtime test keeps it equal to what the runtime's `wx` implements).
pub const IMPLEMENTED: &str = include_str!("../../../runtime-shim/implemented-apis.txt");

/// Whether this build's runtime implements `name` (others fail as their table status says).
pub fn implemented(name: &str) -> bool {
    IMPLEMENTED.lines().any(|line| line == name)
}

/// The table shipped with this build's runtime, read once per process.
pub fn api_table() -> &'static BTreeMap<String, ApiEntry> {
    static TABLE: OnceLock<BTreeMap<String, ApiEntry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        runtime::files()
            .iter()
            .find(|(path, _)| *path == TABLE_FILE)
            .map(|(_, text)| parse(text))
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_lists_wechat_apis_with_a_status() {
        let table = api_table();
        assert!(table.len() > 400, "{}", table.len());
        assert_eq!(table["request"].status, "web");
        for entry in table.values() {
            assert!(
                ["web", "emulate", "telegram", "unsupported"].contains(&entry.status.as_str()),
                "{entry:?}"
            );
        }
    }
}
