//! Selector rewriting: built-in tags → `wx-<tag>`, `page` → `wx-page` (confined to its
//! route in page sheets), component classes → `.<scope>--<class>`, `:host` → `[is="<path>"]`.
//!
//! Every rewrite keeps specificity: a type selector stays a type selector, a class a
//! class, `:host` (0,1,0) becomes an attribute selector (0,1,0), and the page confinement
//! is wrapped in `:where()`, which counts for nothing.

use lightningcss::selector::{Combinator, Component, Selector};
use lightningcss::stylesheet::ParserOptions;
use lightningcss::traits::{IntoOwned, ParseWithOptions};
use lightningcss::values::ident::Ident;
use lightningcss::values::string::CSSString;

use super::{component_scope, Isolation, SheetKind};
use crate::wechat::tags::is_builtin;

/// The tag name of the page root element.
pub const PAGE_TAG: &str = "wx-page";

/// Rewrites the selectors of one sheet according to its [`SheetKind`].
pub struct SelectorRewriter {
    /// `<scope>--` when the classes of a component are scoped.
    class_prefix: Option<String>,
    /// `[is="<path>"]`, replacing `:host` in a component sheet.
    host: Option<Component<'static>>,
    /// `wx-page[route="<route>"]` and `[route="<route>"]` in a page sheet.
    page: Option<(Selector<'static>, Component<'static>)>,
}

impl SelectorRewriter {
    pub fn new(kind: SheetKind) -> Self {
        match kind {
            SheetKind::App => SelectorRewriter {
                class_prefix: None,
                host: None,
                page: None,
            },
            SheetKind::Page { route } => SelectorRewriter {
                class_prefix: None,
                host: None,
                page: attribute("route", route).and_then(|attr| {
                    let root = Selector::from(vec![page_tag()?, attr.clone()]);
                    Some((root, attr))
                }),
            },
            SheetKind::Component { path, isolation } => SelectorRewriter {
                class_prefix: match isolation {
                    Isolation::Isolated | Isolation::ApplyShared => {
                        Some(format!("{}--", component_scope(path)))
                    }
                    Isolation::Shared => None,
                },
                host: attribute("is", path),
                page: None,
            },
        }
    }

    /// Rewrites one top-level selector of a style rule.
    pub fn rewrite<'i>(&self, selector: &mut Selector<'i>) {
        let has_host_argument = self.host.is_some()
            && selector
                .iter_raw_match_order()
                .any(|c| matches!(c, Component::Host(Some(_))));
        if !has_host_argument && self.page.is_none() {
            self.rewrite_in_place(selector, false);
            return;
        }
        let mut parts = Vec::with_capacity(selector.len() + 4);
        for component in parse_order(selector) {
            match (component, &self.host) {
                (Component::Host(Some(inner)), Some(host)) => {
                    parts.push(host.clone().into_owned());
                    for mut c in parse_order(&inner) {
                        self.rewrite_component(&mut c, true);
                        parts.push(c);
                    }
                }
                (mut c, _) => {
                    self.rewrite_component(&mut c, false);
                    parts.push(c);
                }
            }
        }
        if let Some((root, route)) = &self.page {
            confine_to_page(&mut parts, root, route);
        }
        *selector = Selector::from(parts);
    }

    fn rewrite_in_place<'i>(&self, selector: &mut Selector<'i>, in_host: bool) {
        for component in selector.iter_mut_raw_match_order() {
            self.rewrite_component(component, in_host);
        }
    }

    /// Rewrites one component; `in_host` is true inside `:host(…)`, whose classes are the
    /// host's own (set from outside) and are not prefixed.
    fn rewrite_component<'i>(&self, component: &mut Component<'i>, in_host: bool) {
        match component {
            Component::LocalName(local) => {
                let lower = local.lower_name.0.to_ascii_lowercase();
                let renamed = if lower == "page" {
                    PAGE_TAG.to_string()
                } else if is_builtin(&lower) {
                    format!("wx-{lower}")
                } else {
                    return;
                };
                local.name = Ident(renamed.clone().into());
                local.lower_name = Ident(renamed.into());
            }
            Component::Class(class) => {
                if let (Some(prefix), false) = (&self.class_prefix, in_host) {
                    *class = Ident(format!("{prefix}{}", class.0).into());
                }
            }
            Component::Negation(list)
            | Component::Is(list)
            | Component::Where(list)
            | Component::Has(list)
            | Component::Any(_, list) => {
                for selector in list.iter_mut() {
                    self.rewrite_in_place(selector, in_host);
                }
            }
            Component::Slotted(selector) => self.rewrite_in_place(selector, in_host),
            Component::Host(inner) => {
                let Some(host) = &self.host else { return };
                match inner.take() {
                    None => *component = host.clone().into_owned(),
                    // Not at the top level (e.g. inside `:not()`): `:is([is=…]<sel>)` has
                    // the same specificity as `[is=…]<sel>`.
                    Some(inner) => {
                        let mut parts = vec![host.clone().into_owned()];
                        for mut c in parse_order(&inner) {
                            self.rewrite_component(&mut c, true);
                            parts.push(c);
                        }
                        *component = Component::Is(vec![Selector::from(parts)].into_boxed_slice());
                    }
                }
            }
            _ => {}
        }
    }
}

/// Confines a selector (in parse order) to one page: `page…` → `wx-page:where([route])…`,
/// anything else → `:where(wx-page[route]) …`.
fn confine_to_page<'i>(
    parts: &mut Vec<Component<'i>>,
    root: &Selector<'static>,
    route: &Component<'static>,
) {
    let first_compound = parts
        .iter()
        .position(Component::is_combinator)
        .unwrap_or(parts.len());
    let page_at = parts[..first_compound].iter().position(
        |c| matches!(c, Component::LocalName(local) if local.lower_name.0.as_ref() == PAGE_TAG),
    );
    match page_at {
        Some(i) => {
            let condition = Selector::from(vec![route.clone().into_owned()]);
            parts.insert(i + 1, Component::Where(vec![condition].into_boxed_slice()));
        }
        None => {
            let scope = Component::Where(vec![root.clone().into_owned()].into_boxed_slice());
            parts.splice(0..0, [scope, Component::Combinator(Combinator::Descendant)]);
        }
    }
}

/// The components of `selector` from left to right. Selectors store their compounds
/// right to left, each compound's own components left to right.
fn parse_order<'i>(selector: &Selector<'i>) -> Vec<Component<'i>> {
    let mut items: Vec<Vec<Component<'i>>> = vec![Vec::new()];
    for component in selector.iter_raw_match_order() {
        if component.is_combinator() {
            items.push(vec![component.clone()]);
            items.push(Vec::new());
        } else if let Some(last) = items.last_mut() {
            last.push(component.clone());
        }
    }
    items.into_iter().rev().flatten().collect()
}

/// `[name="value"]`, built by parsing a template and setting its value, so no CSS text
/// is assembled from the value.
fn attribute(name: &'static str, value: &str) -> Option<Component<'static>> {
    let template = match name {
        "is" => "[is=x]",
        _ => "[route=x]",
    };
    let selector = Selector::parse_string_with_options(template, ParserOptions::default()).ok()?;
    let mut component = selector.iter_raw_match_order().next()?.clone();
    match &mut component {
        Component::AttributeInNoNamespace { value: v, .. } => {
            *v = CSSString(value.to_string().into());
        }
        _ => return None,
    }
    Some(component)
}

/// The `wx-page` type selector component.
fn page_tag() -> Option<Component<'static>> {
    let selector = Selector::parse_string_with_options(PAGE_TAG, ParserOptions::default()).ok()?;
    let component = selector.iter_raw_match_order().next()?.clone();
    Some(component)
}

#[cfg(test)]
mod tests {
    use crate::style::testing::{compile_app, compile_component, compile_page};
    use crate::style::Isolation;

    #[test]
    fn tag_selector_keeps_specificity() {
        assert_eq!(
            compile_app("view,scroll-view>text,VIEW .a,button::after{color:red}"),
            "wx-view,wx-scroll-view>wx-text,wx-view .a,wx-button:after{color:red}"
        );
    }

    #[test]
    fn custom_and_html_tags_are_left_alone() {
        assert_eq!(
            compile_app("van-button,div,span{color:red}"),
            "van-button,div,span{color:red}"
        );
    }

    #[test]
    fn page_becomes_wx_page_in_the_app_sheet() {
        assert_eq!(compile_app("page{color:red}"), "wx-page{color:red}");
    }

    #[test]
    fn page_sheet_selectors_are_confined_to_the_route() {
        assert_eq!(
            compile_page("page,page .a,.b view,view:hover{color:red}", "pages/index/index"),
            "wx-page:where([route=\"pages/index/index\"]),wx-page:where([route=\"pages/index/index\"]) .a,:where(wx-page[route=\"pages/index/index\"]) .b wx-view,:where(wx-page[route=\"pages/index/index\"]) wx-view:hover{color:red}"
        );
    }

    #[test]
    fn class_inside_not_is_scoped() {
        assert_eq!(
            compile_component(".a:not(.b),:is(.c,view),:where(.d) :has(.e){color:red}", "components/x/x", Isolation::Isolated),
            ".components_x_x--a:not(.components_x_x--b),:is(.components_x_x--c,wx-view),:where(.components_x_x--d) :has(.components_x_x--e){color:red}"
        );
    }

    #[test]
    fn host_becomes_an_is_attribute() {
        assert_eq!(
            compile_component(
                ":host{color:red}:host(.on) .a{color:blue}",
                "c/x",
                Isolation::ApplyShared
            ),
            "[is=c\\/x]{color:red}[is=c\\/x].on .c_x--a{color:#00f}"
        );
    }

    #[test]
    fn shared_components_keep_their_classes() {
        assert_eq!(
            compile_component(".a view,#b,[c]{color:red}", "c/x", Isolation::Shared),
            ".a wx-view,#b,[c]{color:red}"
        );
    }
}
