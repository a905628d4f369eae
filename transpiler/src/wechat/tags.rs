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
];

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
        assert!(is_builtin("scroll-view"));
        assert!(!is_builtin("page"));
        assert!(!is_builtin("van-button"));
    }
}
