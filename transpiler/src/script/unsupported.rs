//! The `api::unsupported` warnings: WeChat-only `wx` APIs that the app's scripts call.

use super::usage::Usage;
use crate::source::{codes, Diagnostic};
use crate::wechat::api_table::{api_table, implemented};

/// One warning for each WeChat-only API the scripts use (`unsupported` in the table): at its
/// first use, saying how its calls fail and how many uses there are.
pub fn unsupported_uses(usage: &Usage) -> Vec<Diagnostic> {
    let table = api_table();
    usage
        .apis
        .iter()
        .filter(|(name, _)| {
            table.get(*name).is_some_and(|e| e.status == "unsupported") && !implemented(name)
        })
        .filter_map(|(name, at)| {
            let first = at.first()?;
            let more = match at.len() {
                1 => String::new(),
                n => format!(" ({n} uses in all; report.json lists them)"),
            };
            Some(
                Diagnostic::of(
                    codes::API_UNSUPPORTED,
                    format!("`wx.{name}` is WeChat-only and fails in a Telegram Mini App"),
                )
                .in_file(first.file.clone())
                .with_span(first.offset..first.offset + first.len)
                .with_label("fails at run time")
                .with_hint(format!(
                    "calls fail through fail/complete with errMsg `{name}:fail not supported in Telegram Mini App`{more}; give it an implementation with `--api` if your app needs it"
                )),
            )
        })
        .collect()
}
