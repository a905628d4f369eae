//! The names of WeChat's built-in components, whose tag selectors become `wx-<tag>`.

/// The built-in component tags of WeChat that the web draws; `page` (the page root) is handled
/// apart, and the service and Skyline tags are [`SERVICE_TAGS`] and [`SKYLINE_TAGS`].
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
    "page-container",
    "match-media",
    "root-portal",
    "page-meta",
    "navigation-bar",
    "keyboard-accessory",
    // The legacy components of the first base libraries, still compiled by `wcc`.
    "toast",
    "modal",
    "loading",
    "action-sheet",
    "action-sheet-item",
    "action-sheet-cancel",
    "contact-button",
];

/// HTML tags that WeChat renders as the HTML elements they name when written in WXML (with
/// only id, class, style, hidden and data-*); the runtime's `dom/patch.js` keeps the same list.
pub const HTML_TAGS: &[&str] = &[
    "div",
    "span",
    "p",
    "a",
    "img",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "col",
    "colgroup",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
    "figure",
    "figcaption",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "small",
    "sub",
    "sup",
    "br",
    "hr",
    "abbr",
    "cite",
    "q",
    "mark",
    "del",
    "ins",
    "kbd",
    "samp",
    "var",
    "time",
    "address",
    "details",
    "summary",
    "dfn",
    "bdi",
    "bdo",
    "wbr",
    "ruby",
    "rt",
    "rp",
    "center",
    "font",
    "big",
    "strike",
    "tt",
];

/// Whether `tag` is an HTML tag WeChat renders as itself (see [`HTML_TAGS`]).
pub fn is_html(tag: &str) -> bool {
    HTML_TAGS.contains(&tag)
}

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

/// Built-ins that miniport draws with part of WeChat's behaviour (what is missing is named in
/// the README's table of built-in components).
const PARTIAL_TAGS: &[&str] = &[
    "scroll-view",
    "editor",
    "open-data",
    "map",
    "contact-button",
    "keyboard-accessory",
    "functional-page-navigator",
];

/// Built-ins drawn as a box of WeChat's size saying what they stand for.
const PLACEHOLDER_TAGS: &[&str] = &["camera", "live-player", "live-pusher"];

/// How far miniport carries the built-in `tag`, as the README's table of built-in components
/// says: `full`, `partial`, `placeholder` or `nothing` (`None` for a tag that is not a
/// built-in). Skyline's tags are `partial` except `sticky-header`, which is `full`.
pub fn support(tag: &str) -> Option<&'static str> {
    if !is_builtin(tag) {
        return None;
    }
    Some(match web_support(tag) {
        Some(WebSupport::Nothing) => "nothing",
        Some(WebSupport::Skyline) if tag != "sticky-header" => "partial",
        _ if PLACEHOLDER_TAGS.contains(&tag) => "placeholder",
        _ if PARTIAL_TAGS.contains(&tag) => "partial",
        _ => "full",
    })
}

/// Whether `tag` (already lower-cased) names a built-in component.
pub fn is_builtin(tag: &str) -> bool {
    BUILTIN_TAGS.contains(&tag) || web_support(tag).is_some()
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
        for tag in HTML_TAGS {
            assert!(!is_builtin(tag), "{tag} is both an HTML tag and a built-in");
        }
        assert!(is_html("div") && !is_html("view"));
    }

    #[test]
    fn html_tags_are_the_runtime_patchers_list() {
        let patch = crate::wechat::runtime::files()
            .iter()
            .find(|(path, _)| *path == "dom/patch.js")
            .map(|(_, text)| *text)
            .expect("dom/patch.js is embedded");
        let start = patch
            .find("const HTML_TAGS")
            .expect("HTML_TAGS in patch.js");
        let end = start + patch[start..].find(".split(").expect("its split");
        let mut runtime: Vec<&str> = patch[start..end]
            .split('\'')
            .skip(1)
            .step_by(2)
            .flat_map(str::split_whitespace)
            .collect();
        runtime.sort_unstable();
        let mut compiler = HTML_TAGS.to_vec();
        compiler.sort_unstable();
        assert_eq!(runtime, compiler);
        assert!(is_builtin("scroll-view"));
        assert_eq!(support("view"), Some("full"));
        assert_eq!(support("map"), Some("partial"));
        assert_eq!(support("camera"), Some("placeholder"));
        assert_eq!(support("ad"), Some("nothing"));
        assert_eq!(support("list-view"), Some("partial"));
        assert_eq!(support("sticky-header"), Some("full"));
        assert_eq!(support("van-button"), None);
        for tag in PARTIAL_TAGS.iter().chain(PLACEHOLDER_TAGS) {
            assert!(is_builtin(tag), "{tag} is not a built-in");
        }
        assert!(!is_builtin("page"));
        assert!(!is_builtin("van-button"));
    }
}
