//! Checking `tabBar`: every tab is a page of the main package, icons exist, and a custom tab
//! bar has its `custom-tab-bar` component.

use super::components::{resolve, ComponentRef};
use super::load::{spanned, Loader};
use super::Page;
use crate::source::Diagnostic;
use crate::source::Step;
use crate::source::{codes, normalize_path};

/// Where WeChat looks for the component of a custom tab bar.
pub const CUSTOM_TAB_BAR: &str = "custom-tab-bar/index";

impl Loader<'_> {
    pub(super) fn tab_bar(&mut self, pages: &[Page]) {
        let Some(tab_bar) = &self.app.tab_bar else {
            return;
        };
        let list_path = [Step::key("tabBar"), Step::key("list")];
        let count = tab_bar.list.len();
        if !(2..=5).contains(&count) {
            let span = self.span_at("app.json", &list_path);
            self.diagnostics.push(spanned(
                Diagnostic::of(
                    codes::PROJECT_TAB_BAR_SIZE,
                    format!("`tabBar.list` has {count} items; WeChat requires 2 to 5"),
                )
                .in_file("app.json"),
                span,
            ));
        }
        for (i, item) in tab_bar.list.iter().enumerate() {
            let item_path = |key: &str| {
                let mut path = list_path.to_vec();
                path.extend([Step::Index(i), Step::key(key)]);
                path
            };
            let span = self.span_at("app.json", &item_path("pagePath"));
            let route = normalize_path(item.page_path.trim_start_matches('/'));
            match pages.iter().find(|p| Some(&p.route) == route.as_ref()) {
                None => self.diagnostics.push(spanned(
                    Diagnostic::of(
                        codes::PROJECT_UNKNOWN_TAB_PAGE,
                        format!(
                            "tab `{}` points at `{}`, which is not a page",
                            item.text, item.page_path
                        ),
                    )
                    .in_file("app.json")
                    .with_hint("a tab's `pagePath` must be one of `pages`"),
                    span,
                )),
                Some(page) if page.package.is_some() => self.diagnostics.push(spanned(
                    Diagnostic::of(
                        codes::PROJECT_TAB_PAGE_IN_SUBPACKAGE,
                        format!(
                            "tab `{}` points at `{}`, a page of a subpackage",
                            item.text, item.page_path
                        ),
                    )
                    .in_file("app.json")
                    .with_hint(
                        "WeChat requires tab pages in the main package: move the page to `pages`",
                    ),
                    span,
                )),
                Some(_) => {}
            }
            for (key, icon) in [
                ("iconPath", &item.icon_path),
                ("selectedIconPath", &item.selected_icon_path),
            ] {
                let Some(icon) = icon else { continue };
                let path = normalize_path(icon.trim_start_matches('/'));
                if path.as_deref().is_none_or(|p| !self.files.contains(p)) {
                    let span = self.span_at("app.json", &item_path(key));
                    self.diagnostics.push(spanned(
                        Diagnostic::of(
                            codes::PROJECT_MISSING_ASSET,
                            format!("tab icon `{icon}` does not exist"),
                        )
                        .in_file("app.json")
                        .with_hint("icon paths are relative to the mini-program root"),
                        span,
                    ));
                }
            }
        }
        if tab_bar.custom {
            let span = self.span_at("app.json", &[Step::key("tabBar"), Step::key("custom")]);
            let reference = format!("/{CUSTOM_TAB_BAR}");
            match resolve(self.files, "app.json", &reference, &Default::default()) {
                ComponentRef::Local(path) if path == CUSTOM_TAB_BAR => {
                    self.enqueue(path, Some(("app.json".to_string(), span)));
                }
                _ => self.diagnostics.push(spanned(
                    Diagnostic::of(
                        codes::PROJECT_MISSING_CUSTOM_TAB_BAR,
                        format!("`tabBar.custom` is on but the component `{CUSTOM_TAB_BAR}` does not exist"),
                    )
                    .in_file("app.json")
                    .with_hint(format!("add the component `{CUSTOM_TAB_BAR}` (.json, .wxml, .js) at the root, or remove `custom`")),
                    span,
                )),
            }
        }
    }
}
