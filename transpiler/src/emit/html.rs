//! `index.html`: the app shell with a strict Content-Security-Policy and no inline script.

use super::Target;
use crate::project::StyleSet;

/// The Content-Security-Policy of every emitted page. Scripts and styles come only from the
/// app's own origin (no inline script, no `eval`); style attributes are allowed because
/// templates bind `style`; media and network calls may reach HTTPS hosts, as WeChat apps
/// call their backends over HTTPS; images may also come over plain `http:`, which WeChat
/// shows (a page served over HTTPS still has the browser upgrade them to HTTPS).
pub fn content_security_policy() -> String {
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data: blob: https: http:",
        "media-src 'self' data: blob: https:",
        "font-src 'self' data: https:",
        "connect-src 'self' blob: https: wss:",
        "frame-src https:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    .join("; ")
}

/// The shell page. `title` is escaped; every other value is fixed by miniport. `style` is the
/// app's style set, which the runtime changes to the shown page's when a page has its own.
pub fn index_html(
    title: &str,
    lang: &str,
    target: Target,
    style: StyleSet,
    stylesheets: &[&str],
) -> String {
    let mut links = String::new();
    for href in stylesheets {
        links.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{}\">\n",
            escape(href)
        ));
    }
    format!(
        "<!doctype html>\n\
<html lang=\"{lang}\" data-miniport-target=\"{target}\" data-miniport-style=\"{style}\">\n\
  <head>\n\
    <meta charset=\"utf-8\">\n\
    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no, viewport-fit=cover\">\n\
    <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
    <meta name=\"format-detection\" content=\"telephone=no\">\n\
    <link rel=\"icon\" href=\"data:,\">\n\
    <title>{title}</title>\n\
{links}\
    <script defer src=\"app-config.js\"></script>\n\
    <script type=\"module\" src=\"miniport/index.js\"></script>\n\
  </head>\n\
  <body>\n\
    <noscript>This app needs JavaScript.</noscript>\n\
  </body>\n\
</html>\n",
        lang = escape(lang),
        target = target.as_str(),
        style = style.as_str(),
        csp = content_security_policy(),
        title = escape(title),
    )
}

/// Escapes text for HTML content and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_cannot_inject_markup() {
        let html = index_html(
            "</title><script>x()</script>",
            "zh-CN",
            Target::Telegram,
            StyleSet::Default,
            &[],
        );
        assert!(!html.contains("<script>x()"));
        assert!(html.contains("&lt;/title&gt;&lt;script&gt;"));
    }

    #[test]
    fn shell_has_no_inline_script() {
        let html = index_html("t", "en", Target::Web, StyleSet::V2, &["app.css"]);
        for line in html.lines().filter(|l| l.contains("<script")) {
            assert!(line.contains(" src=\""), "inline script: {line}");
        }
        assert!(html.contains("script-src 'self'"));
        assert!(!content_security_policy().contains("unsafe-eval"));
    }
}
