//! The pages of an app: the routes of `pages` and of each subpackage, their files and JSON.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde_json::Value;

use super::config::{sub_packages_key, ComponentConfig};
use super::json::JsonDoc;
use super::load::{spanned, Loader};
use super::{Page, SourceFiles};
use crate::source::Diagnostic;
use crate::source::Step;
use crate::source::{codes, normalize_path};

/// A route as listed in `app.json`.
struct Listed {
    /// As written, inside its subpackage when it has one.
    written: String,
    package: Option<String>,
    span: Option<Range<usize>>,
}

impl Loader<'_> {
    /// Every listed page that exists, in the order of `app.json`.
    pub(super) fn pages(&mut self) -> Vec<Page> {
        let mut seen = BTreeSet::new();
        let mut pages = Vec::new();
        for listed in self.listed_routes() {
            let joined = match &listed.package {
                Some(root) => format!("{root}/{}", listed.written.trim_start_matches('/')),
                None => listed.written.clone(),
            };
            let Some(route) = clean_route(&joined) else {
                self.diagnostics.push(spanned(
                    Diagnostic::of(
                        codes::PROJECT_PATH_ESCAPES_ROOT,
                        format!("page `{joined}` is outside the mini-program"),
                    )
                    .in_file("app.json")
                    .with_hint("routes are relative to the mini-program root"),
                    listed.span,
                ));
                continue;
            };
            if !seen.insert(route.clone()) {
                self.diagnostics.push(spanned(
                    Diagnostic::of(
                        codes::PROJECT_DUPLICATE_PAGE,
                        format!("page `{route}` is listed twice"),
                    )
                    .in_file("app.json"),
                    listed.span,
                ));
                continue;
            }
            if let Some(page) = self.page(&listed, route) {
                pages.push(page);
            }
        }
        if let Some(entry) = &self.app.entry_page_path {
            let known = clean_route(entry).is_some_and(|r| seen.contains(&r));
            if !known {
                let span = self.span_at("app.json", &[Step::key("entryPagePath")]);
                self.diagnostics.push(spanned(
                    Diagnostic::of(
                        codes::PROJECT_UNKNOWN_ENTRY_PAGE,
                        format!("`entryPagePath` names `{entry}`, which is not a page"),
                    )
                    .in_file("app.json")
                    .with_hint("the first page of `pages` is used instead"),
                    span,
                ));
            }
        }
        pages
    }

    /// The routes of `pages` and of every subpackage, each with the span of its string.
    fn listed_routes(&self) -> Vec<Listed> {
        let raw = &self.app.raw;
        let mut out = Vec::new();
        let raw_pages = string_indices(raw.get("pages"));
        for (i, route) in self.app.pages.iter().enumerate() {
            let span = raw_pages
                .get(i)
                .and_then(|&at| self.span_at("app.json", &[Step::key("pages"), Step::Index(at)]));
            out.push(Listed {
                written: route.clone(),
                package: None,
                span,
            });
        }
        let key = sub_packages_key(raw);
        let raw_packages = raw.get(key).and_then(Value::as_array);
        for package in &self.app.sub_packages {
            let root = normalize_path(package.root.trim_start_matches('/')).unwrap_or_else(|| {
                // Kept as written so the route is refused as leaving the root.
                package.root.trim_matches('/').to_string()
            });
            let index = raw_packages.and_then(|list| {
                list.iter()
                    .position(|p| p.get("root").and_then(Value::as_str) == Some(&package.root))
            });
            for (k, page) in package.pages.iter().enumerate() {
                let span = index.and_then(|j| {
                    self.span_at(
                        "app.json",
                        &[
                            Step::key(key),
                            Step::Index(j),
                            Step::key("pages"),
                            Step::Index(k),
                        ],
                    )
                });
                out.push(Listed {
                    written: page.clone(),
                    package: Some(root.clone()),
                    span,
                });
            }
        }
        out
    }

    fn page(&mut self, listed: &Listed, route: String) -> Option<Page> {
        let files = SourceFiles::find(self.files, &route);
        if files.wxml.is_none() || files.script.is_none() {
            let missing: Vec<&str> = [
                files.wxml.is_none().then_some(".wxml"),
                files.script.is_none().then_some(".js"),
            ]
            .into_iter()
            .flatten()
            .collect();
            let written = listed.written.as_str();
            let hint = if written.starts_with('/')
                || written.ends_with(".wxml")
                || written.ends_with(".js")
            {
                format!(
                    "write the route without a leading `/` or extension: \"{}\"",
                    clean_written(written)
                )
            } else {
                format!(
                    "create {} for this page, or remove it from app.json",
                    missing
                        .iter()
                        .map(|m| format!("`{route}{m}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                )
            };
            self.diagnostics.push(spanned(
                Diagnostic::of(
                    codes::PROJECT_MISSING_PAGE,
                    format!("page `{route}` has no {} file", missing.join(" or ")),
                )
                .in_file("app.json")
                .with_label("listed here")
                .with_hint(hint),
                listed.span.clone(),
            ));
            // Without a template there is nothing to render.
            files.wxml.as_ref()?;
        }
        let config = self.config_of(files.json.as_deref());
        let from = files
            .json
            .clone()
            .unwrap_or_else(|| format!("{route}.json"));
        let components = self.link_components(&from, &config);
        Some(Page {
            route,
            package: listed.package.clone(),
            files,
            components,
            config,
        })
    }

    /// The JSON of a page or component; a malformed one is reported and read as empty.
    pub(super) fn config_of(&mut self, json: Option<&str>) -> ComponentConfig {
        let Some(path) = json else {
            return ComponentConfig::default();
        };
        let Some(text) = self.files.text(path) else {
            self.diagnostics.push(
                Diagnostic::of(codes::JSON_NOT_UTF8, format!("`{path}` is not UTF-8 text"))
                    .in_file(path),
            );
            return ComponentConfig::default();
        };
        match JsonDoc::parse(path, text) {
            Ok(doc) => ComponentConfig::from_doc(&doc, &mut self.diagnostics),
            Err(d) => {
                self.diagnostics.push(d);
                ComponentConfig::default()
            }
        }
    }
}

/// Indices of the string elements of an array, in order.
fn string_indices(value: Option<&Value>) -> Vec<usize> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .enumerate()
                .filter(|(_, v)| v.is_string())
                .map(|(i, _)| i)
                .collect()
        })
        .unwrap_or_default()
}

fn clean_written(route: &str) -> &str {
    let route = route.trim_start_matches('/');
    route
        .strip_suffix(".wxml")
        .or_else(|| route.strip_suffix(".js"))
        .unwrap_or(route)
}

/// A route as a root-relative path without extension; `None` when it leaves the root.
pub(super) fn clean_route(route: &str) -> Option<String> {
    normalize_path(clean_written(route.trim()))
}

/// The `usingComponents` a page or component sees: the global ones, then its own.
pub(super) fn visible_components(
    global: &BTreeMap<String, String>,
    config: &ComponentConfig,
) -> BTreeMap<String, String> {
    let mut using = global.clone();
    using.extend(config.using_components.clone());
    using
}
