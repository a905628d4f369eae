//! The names of WeChat's built-in components, whose tag selectors become `wx-<tag>`.

/// Every built-in component tag of WeChat; `page` (the page root) is handled apart.
pub const BUILTIN_TAGS: &[&str] = &[
    "view",
    "scroll-view",
    "swiper",
    "swiper-item",
    "movable-area",
    "movable-view",
    "cover-view",
    "cover-image",
    "icon",
    "text",
    "rich-text",
    "progress",
    "button",
    "checkbox",
    "checkbox-group",
    "editor",
    "form",
    "input",
    "label",
    "picker",
    "picker-view",
    "picker-view-column",
    "radio",
    "radio-group",
    "slider",
    "switch",
    "textarea",
    "navigator",
    "functional-page-navigator",
    "audio",
    "image",
    "video",
    "camera",
    "live-player",
    "live-pusher",
    "map",
    "canvas",
    "open-data",
    "web-view",
    "ad",
    "ad-custom",
    "official-account",
    "page-container",
    "share-element",
    "match-media",
    "root-portal",
    "page-meta",
    "navigation-bar",
    "keyboard-accessory",
    "voip-room",
    "channel-live",
    "channel-video",
    "grid-view",
    "list-view",
    "sticky-header",
    "sticky-section",
    "snapshot",
    "draggable-sheet",
    "nested-scroll-header",
    "nested-scroll-body",
    "open-container",
    "tap-gesture-handler",
    "double-tap-gesture-handler",
    "long-press-gesture-handler",
    "scale-gesture-handler",
    "force-press-gesture-handler",
    "pan-gesture-handler",
    "vertical-drag-gesture-handler",
    "horizontal-drag-gesture-handler",
    // The legacy components of the first base libraries, still compiled by `wcc`.
    "toast",
    "modal",
    "loading",
    "action-sheet",
    "action-sheet-item",
    "action-sheet-cancel",
    "contact-button",
];

/// Built-ins that only WeChat's own services can fill (ads, official accounts, VoIP, Channels):
/// they render nothing on the web.
pub const SERVICE_TAGS: &[&str] = &[
    "ad",
    "ad-custom",
    "official-account",
    "voip-room",
    "channel-live",
    "channel-video",
];

/// Built-ins of the Skyline renderer, drawn with the nearest web layout.
pub const SKYLINE_TAGS: &[&str] = &[
    "share-element",
    "grid-view",
    "list-view",
    "sticky-header",
    "sticky-section",
    "snapshot",
    "draggable-sheet",
    "nested-scroll-header",
    "nested-scroll-body",
    "open-container",
    "tap-gesture-handler",
    "double-tap-gesture-handler",
    "long-press-gesture-handler",
    "scale-gesture-handler",
    "force-press-gesture-handler",
    "pan-gesture-handler",
    "vertical-drag-gesture-handler",
    "horizontal-drag-gesture-handler",
];

/// How far the web can carry a built-in that it cannot draw as WeChat does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebSupport {
    /// Needs WeChat's services: renders nothing.
    Nothing,
    /// A Skyline tag: the nearest web layout, its events where the web has them.
    Skyline,
}

/// The web support of `tag` when it is less than full, or `None`.
pub fn web_support(tag: &str) -> Option<WebSupport> {
    if SERVICE_TAGS.contains(&tag) {
        Some(WebSupport::Nothing)
    } else if SKYLINE_TAGS.contains(&tag) {
        Some(WebSupport::Skyline)
    } else {
        None
    }
}

/// Whether `tag` (already lower-cased) names a built-in component.
pub fn is_builtin(tag: &str) -> bool {
    BUILTIN_TAGS.contains(&tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tags_are_lowercase_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for tag in BUILTIN_TAGS {
            assert_eq!(*tag, tag.to_ascii_lowercase());
            assert!(seen.insert(*tag), "{tag} listed twice");
        }
        for tag in SERVICE_TAGS.iter().chain(SKYLINE_TAGS) {
            assert!(is_builtin(tag), "{tag} is not in BUILTIN_TAGS");
        }
        assert_eq!(web_support("ad"), Some(WebSupport::Nothing));
        assert_eq!(web_support("list-view"), Some(WebSupport::Skyline));
        assert_eq!(web_support("view"), None);
        assert!(is_builtin("scroll-view"));
        assert!(!is_builtin("page"));
        assert!(!is_builtin("van-button"));
    }
}
