//! The component graph: resolving each `usingComponents` table and `componentGenerics`
//! default, and loading every component reached, once, whatever the cycles.

use std::collections::BTreeMap;
use std::ops::Range;

use serde_json::Value;

use super::components::{resolve, resolve_self_reference, ComponentRef};
use super::config::ComponentConfig;
use super::load::{spanned, Loader};
use super::pages::visible_components;
use super::{Component, SourceFiles};
use crate::source::Step;
use crate::source::{codes, Diagnostic};

/// A component waiting to be loaded, with the JSON string that first referred to it.
pub(super) struct Queued {
    path: String,
    referrer: Option<(String, Option<Range<usize>>)>,
}

impl Loader<'_> {
    /// Queues the component at `path` unless it is already loaded or queued.
    pub(super) fn enqueue(
        &mut self,
        path: String,
        referrer: Option<(String, Option<Range<usize>>)>,
    ) {
        if !self.components.contains_key(&path) && !self.queue.iter().any(|q| q.path == path) {
            self.queue.push_back(Queued { path, referrer });
        }
    }

    /// Resolves the components visible from the JSON file `from` (global ones included),
    /// queueing what it finds: tag → component path.
    pub(super) fn link_components(
        &mut self,
        from: &str,
        config: &ComponentConfig,
    ) -> BTreeMap<String, String> {
        let mut refs: Vec<(String, String, &str, Vec<Step>)> = Vec::new();
        for (tag, reference) in visible_components(&self.app.using_components, config) {
            // A global component resolves against app.json, where it is written.
            let origin = if config.using_components.contains_key(&tag) {
                from
            } else {
                "app.json"
            };
            let path = vec![Step::key("usingComponents"), Step::Key(tag.clone())];
            refs.push((tag, reference, origin, path));
        }
        for (name, generic) in &config.component_generics {
            if let Some(default) = generic.get("default").and_then(Value::as_str) {
                let path = vec![
                    Step::key("componentGenerics"),
                    Step::Key(name.clone()),
                    Step::key("default"),
                ];
                refs.push((name.clone(), default.to_string(), from, path));
            }
        }
        let mut out = BTreeMap::new();
        for (tag, reference, origin, path) in refs {
            let span = self
                .span_at(origin, &path)
                .or_else(|| self.string_in(origin, &reference));
            let at = |d: Diagnostic| spanned(d.in_file(origin), span.clone());
            let resolved = match resolve(self.files, origin, &reference, &self.app.resolve_alias) {
                ComponentRef::Missing { tried } if self.library => {
                    resolve_self_reference(self.files, &reference)
                        .map(ComponentRef::Local)
                        .unwrap_or(ComponentRef::Missing { tried })
                }
                other => other,
            };
            match resolved {
                ComponentRef::Local(found) => {
                    self.enqueue(found.clone(), Some((origin.to_string(), span.clone())));
                    out.insert(tag, found);
                }
                ComponentRef::Plugin(p) => self.diagnostics.push(at(Diagnostic::of(
                    codes::PROJECT_PLUGIN_UNSUPPORTED,
                    format!(
                        "`{tag}` is the plugin component `{p}`, which miniport cannot carry over"
                    ),
                )
                .with_hint(
                    "plugins run only inside WeChat; replace it with a component of your own",
                ))),
                ComponentRef::Escapes => self.diagnostics.push(at(Diagnostic::of(
                    codes::PROJECT_PATH_ESCAPES_ROOT,
                    format!("component `{tag}` points outside the mini-program: `{reference}`"),
                )
                .with_hint("miniport reads nothing outside the project root"))),
                // Its package is not installed: reported once, in package.json.
                ComponentRef::Missing { .. } if self.missing.contains(package_of(&reference)) => {
                    self.reached_missing
                        .entry(package_of(&reference).to_string())
                        .or_insert_with(|| origin.to_string());
                }
                ComponentRef::Missing { tried } => self.diagnostics.push(at(Diagnostic::of(
                    codes::PROJECT_MISSING_COMPONENT,
                    format!("component `{tag}` not found: `{reference}`"),
                )
                .with_label("referred to here")
                .with_hint(format!(
                    "looked for {}; for npm packages, list them in package.json's dependencies and run `npm install`",
                    tried
                        .iter()
                        .map(|t| format!("`{t}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )))),
            }
        }
        out
    }

    /// Loads every queued component and what it uses in turn.
    pub(super) fn finish_components(&mut self) -> BTreeMap<String, Component> {
        while let Some(Queued { path, referrer }) = self.queue.pop_front() {
            if self.components.contains_key(&path) {
                continue;
            }
            let files = SourceFiles::find(self.files, &path);
            let config = self.config_of(files.json.as_deref());
            let own_json = files.json.clone().unwrap_or_else(|| format!("{path}.json"));
            if files.json.is_some() && !config.component && !config.raw.is_empty() {
                self.diagnostics.push(
                    Diagnostic::of(
                        codes::PROJECT_NOT_A_COMPONENT,
                        format!(
                            "`{own_json}` is used as a component but lacks `\"component\": true`"
                        ),
                    )
                    .in_file(own_json.clone())
                    .with_span(0..1)
                    .with_hint("add \"component\": true to its JSON"),
                );
            }
            self.check_component_files(&path, &files, referrer, &own_json);
            // Inserted before its own references are linked, so cycles terminate.
            self.components.insert(
                path.clone(),
                Component {
                    path: path.clone(),
                    files,
                    components: BTreeMap::new(),
                    entry: false,
                    config: config.clone(),
                },
            );
            let linked = self.link_components(&own_json, &config);
            if let Some(c) = self.components.get_mut(&path) {
                c.components = linked;
            }
        }
        std::mem::take(&mut self.components)
    }

    /// A component needs a template and a script; a missing one is reported in the JSON that
    /// referred to the component, at the reference.
    fn check_component_files(
        &mut self,
        path: &str,
        files: &SourceFiles,
        referrer: Option<(String, Option<Range<usize>>)>,
        own_json: &str,
    ) {
        let missing: Vec<String> = [
            files.wxml.is_none().then(|| format!("`{path}.wxml`")),
            files.script.is_none().then(|| format!("`{path}.js`")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if missing.is_empty() {
            return;
        }
        let (file, span) = referrer.unwrap_or_else(|| (own_json.to_string(), None));
        self.diagnostics.push(spanned(
            Diagnostic::of(
                codes::PROJECT_MISSING_COMPONENT_FILE,
                format!("component `{path}` has no {}", missing.join(" or ")),
            )
            .in_file(file)
            .with_label("referred to here")
            .with_hint(format!("create {}", missing.join(" and "))),
            span,
        ));
    }
}

/// The npm package a bare reference names: `@scope/name` or `name`.
pub(super) fn package_of(reference: &str) -> &str {
    let segments = if reference.starts_with('@') { 2 } else { 1 };
    match reference.match_indices('/').nth(segments - 1) {
        Some((i, _)) => &reference[..i],
        None => reference,
    }
}
