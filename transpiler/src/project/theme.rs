//! `darkmode`: reading `theme.json` and checking every `@name` used in `app.json` and in
//! page JSON against its `light` and `dark` tables.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::config::Theme;
use super::json::JsonDoc;
use super::load::{spanned, Loader};
use super::Page;
use crate::source::Diagnostic;
use crate::source::Step;
use crate::source::{codes, normalize_path};

impl Loader<'_> {
    /// `theme.json` (or `themeLocation`) when `darkmode` is on.
    pub(super) fn theme(&mut self) -> Option<Theme> {
        if !self.app.darkmode {
            return None;
        }
        let location = self.app.theme_location.as_deref().unwrap_or("theme.json");
        let darkmode_span = self.span_at("app.json", &[Step::key("darkmode")]);
        let Some(path) = normalize_path(location.trim_start_matches('/')) else {
            let span = self.span_at("app.json", &[Step::key("themeLocation")]);
            self.diagnostics.push(spanned(
                Diagnostic::of(
                    codes::PROJECT_PATH_ESCAPES_ROOT,
                    format!(
                        "`themeLocation` names `{location}`, which is outside the mini-program"
                    ),
                )
                .in_file("app.json"),
                span,
            ));
            return None;
        };
        let Some(text) = self.files.text(&path) else {
            self.diagnostics.push(spanned(
                Diagnostic::of(
                    codes::PROJECT_MISSING_THEME,
                    format!("`darkmode` is on but `{path}` does not exist"),
                )
                .in_file("app.json")
                .with_hint("add theme.json with `light` and `dark` tables, or set `themeLocation`"),
                darkmode_span,
            ));
            return None;
        };
        let doc = match JsonDoc::parse(&path, text) {
            Ok(doc) => doc,
            Err(d) => {
                self.diagnostics.push(d);
                return None;
            }
        };
        let d = &mut self.diagnostics;
        let theme = Theme {
            light: doc
                .field("light", "an object of name → value", d)
                .unwrap_or_default(),
            dark: doc
                .field("dark", "an object of name → value", d)
                .unwrap_or_default(),
        };
        self.check_theme_refs(&theme, &path, "app.json", &self.app.raw);
        Some(theme)
    }

    /// Checks the `@name` values of every page's JSON.
    pub(super) fn check_page_theme_refs(&mut self, theme: &Theme, pages: &[Page]) {
        let location = self.app.theme_location.as_deref().unwrap_or("theme.json");
        let location = normalize_path(location.trim_start_matches('/')).unwrap_or_default();
        for page in pages {
            if let Some(json) = &page.files.json {
                self.check_theme_refs(theme, &location, json, &page.config.raw);
            }
        }
    }

    fn check_theme_refs(
        &mut self,
        theme: &Theme,
        path: &str,
        file: &str,
        object: &Map<String, Value>,
    ) {
        let mut used = BTreeSet::new();
        for (key, value) in object {
            if !matches!(
                key.as_str(),
                "usingComponents" | "resolveAlias" | "componentGenerics" | "componentPlaceholder"
            ) {
                collect_theme_refs(value, &mut used);
            }
        }
        for name in used {
            for (scheme, table) in [("light", &theme.light), ("dark", &theme.dark)] {
                if !table.contains_key(&name) {
                    let span = self.string_in(file, &format!("@{name}"));
                    self.diagnostics.push(spanned(
                        Diagnostic::of(
                            codes::PROJECT_UNKNOWN_THEME_VARIABLE,
                            format!("`@{name}` is not defined in the `{scheme}` table of `{path}`"),
                        )
                        .in_file(file)
                        .with_hint(format!("add \"{name}\" to `{scheme}` in `{path}`")),
                        span,
                    ));
                }
            }
        }
    }
}

/// Collects `@name` theme references in string values.
fn collect_theme_refs(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::String(s) => {
            if let Some(name) = s.strip_prefix('@') {
                if !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                {
                    out.insert(name.to_string());
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_theme_refs(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_theme_refs(v, out)),
        _ => {}
    }
}
