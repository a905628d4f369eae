//! `index.html`: the app shell with a strict Content-Security-Policy and no inline script.

use serde_json::{Map, Value};

use super::Target;
use crate::project::StyleSet;

/// The Content-Security-Policy of every emitted page. Scripts and styles come only from the
/// app's own origin (no inline script, no `eval`); style attributes are allowed because
/// templates bind `style`; media and network calls may reach HTTPS hosts, as WeChat apps
/// call their backends over HTTPS; images may also come over plain `http:`, which WeChat
/// shows (a page served over HTTPS still has the browser upgrade them to HTTPS).
///
/// `settings` are `miniport.json`'s checked settings: with `webView.domains`, `frame-src` lists
/// only those hosts (WeChat's business domains); with `request.domains`, `connect-src` lists only
/// those hosts over `https:` and `wss:` (WeChat's request domains) besides the app's own files.
pub fn content_security_policy(settings: &Map<String, Value>) -> String {
    let frames = match domains(settings, "webView") {
        Some(hosts) => sources(&hosts, &["https"]),
        None => "https:".to_string(),
    };
    let connect = match domains(settings, "request") {
        Some(hosts) => format!("'self' blob: {}", sources(&hosts, &["https", "wss"])),
        None => "'self' blob: https: wss:".to_string(),
    };
    [
        "default-src 'self'".to_string(),
        "script-src 'self'".to_string(),
        "style-src 'self'".to_string(),
        "style-src-attr 'unsafe-inline'".to_string(),
        "img-src 'self' data: blob: https: http:".to_string(),
        "media-src 'self' data: blob: https:".to_string(),
        "font-src 'self' data: https:".to_string(),
        format!("connect-src {connect}"),
        format!("frame-src {frames}"),
        "worker-src 'self' blob:".to_string(),
        "object-src 'none'".to_string(),
        "base-uri 'none'".to_string(),
        "form-action 'none'".to_string(),
    ]
    .join("; ")
}

/// The hosts of `settings[section].domains` (checked by the project loader), or `None`
/// without the setting.
fn domains(settings: &Map<String, Value>, section: &str) -> Option<Vec<String>> {
    let list = settings.get(section)?.get("domains")?.as_array()?;
    Some(
        list.iter()
            .filter_map(Value::as_str)
            // The loader keeps only host names; anything else never reaches the policy.
            .filter(|h| {
                h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"*.-:".contains(&b))
            })
            .map(str::to_string)
            .collect(),
    )
}

/// `scheme://host` for each host and scheme, or `'none'` for no host.
fn sources(hosts: &[String], schemes: &[&str]) -> String {
    if hosts.is_empty() {
        return "'none'".to_string();
    }
    let mut out = Vec::new();
    for scheme in schemes {
        for host in hosts {
            out.push(format!("{scheme}://{host}"));
        }
    }
    out.join(" ")
}

/// The shell page. `title` is escaped; every other value is fixed by miniport. `style` is the
/// app's style set, which the runtime changes to the shown page's when a page has its own.
pub fn index_html(
    title: &str,
    lang: &str,
    target: Target,
    style: StyleSet,
    stylesheets: &[&str],
    csp: &str,
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
        title = escape(title),
    )
}

/// The origins Telegram's web clients frame a Mini App from (the runtime's bridge accepts
/// events from the same ones, `telegram/bridge.js`).
const TELEGRAM_WEB_ORIGINS: &str =
    "https://web.telegram.org https://webk.telegram.org https://webz.telegram.org";

/// `_headers`, the response headers of every file of the output, in the format static hosts
/// such as Netlify and Cloudflare Pages read (and `miniport serve` sends): the page's policy
/// as a header, which also governs the app's workers and can say `frame-ancestors` (who may
/// frame the app: itself and, for Telegram, Telegram's web clients), which a `<meta>` cannot;
/// no MIME sniffing; no full URL in the `Referer` sent to other sites.
pub fn headers_file(csp: &str, target: Target) -> String {
    let ancestors = match target {
        Target::Telegram => format!("'self' {TELEGRAM_WEB_ORIGINS}"),
        _ => "'self'".to_string(),
    };
    format!(
        "# Response headers for static hosts that read this file (Netlify, Cloudflare Pages);\n\
# on another host, send the same headers. `miniport serve` sends them.\n\
/*\n  Content-Security-Policy: {csp}; frame-ancestors {ancestors}\n  \
X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n"
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
            &content_security_policy(&Map::new()),
        );
        assert!(!html.contains("<script>x()"));
        assert!(html.contains("&lt;/title&gt;&lt;script&gt;"));
    }

    #[test]
    fn shell_has_no_inline_script() {
        let csp = content_security_policy(&Map::new());
        let html = index_html("t", "en", Target::Web, StyleSet::V2, &["app.css"], &csp);
        for line in html.lines().filter(|l| l.contains("<script")) {
            assert!(line.contains(" src=\""), "inline script: {line}");
        }
        assert!(html.contains("script-src 'self'"));
        assert!(!csp.contains("unsafe-eval"));
    }

    fn directive(csp: &str, name: &str) -> String {
        csp.split("; ")
            .find(|d| d.starts_with(&format!("{name} ")))
            .unwrap_or_default()
            .to_string()
    }

    #[test]
    fn domain_lists_narrow_frame_src_and_connect_src() {
        let open = content_security_policy(&Map::new());
        assert_eq!(directive(&open, "frame-src"), "frame-src https:");
        assert_eq!(
            directive(&open, "connect-src"),
            "connect-src 'self' blob: https: wss:"
        );
        let settings = serde_json::json!({
            "webView": {"domains": ["example.com", "*.example.org"]},
            "request": {"domains": ["api.example.com:8443"]}
        });
        let Value::Object(settings) = settings else {
            unreachable!()
        };
        let csp = content_security_policy(&settings);
        assert_eq!(
            directive(&csp, "frame-src"),
            "frame-src https://example.com https://*.example.org"
        );
        assert_eq!(
            directive(&csp, "connect-src"),
            "connect-src 'self' blob: https://api.example.com:8443 wss://api.example.com:8443"
        );
        let Value::Object(none) = serde_json::json!({"webView": {"domains": []}}) else {
            unreachable!()
        };
        assert_eq!(
            directive(&content_security_policy(&none), "frame-src"),
            "frame-src 'none'"
        );
    }

    #[test]
    fn headers_file_carries_the_policy_with_frame_ancestors_for_every_path() {
        let csp = content_security_policy(&Map::new());
        let file = headers_file(&csp, Target::Telegram);
        assert!(file.contains(&format!(
            "/*\n  Content-Security-Policy: {csp}; frame-ancestors 'self' https://web.telegram.org"
        )));
        assert!(file.contains("  X-Content-Type-Options: nosniff\n"));
        assert!(headers_file(&csp, Target::Web).contains("; frame-ancestors 'self'\n"));
    }
}
