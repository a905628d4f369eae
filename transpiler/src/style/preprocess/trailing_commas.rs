//! A value list that ends in a comma (`src: url(a.woff2) format("woff2"),` before the `;` or
//! `}`): less.js drops the comma, undercoat keeps it, which makes the whole declaration
//! invalid CSS; dropped from the compiled CSS here.

use super::skip_comment_or_string;

/// `css` without the commas that end a declaration's value.
pub fn drop_trailing_commas(css: &str) -> String {
    let bytes = css.as_bytes();
    let mut out = String::with_capacity(css.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(next) = skip_comment_or_string(css, i) {
            i = next;
            continue;
        }
        if css[i..].starts_with("url(") {
            i = css[i..].find(')').map_or(bytes.len(), |c| i + c + 1);
            continue;
        }
        if bytes[i] == b',' {
            let rest = css[i + 1..].trim_start();
            if rest.starts_with([';', '}']) {
                out.push_str(&css[copied..i]);
                copied = i + 1;
            }
        }
        i += 1;
    }
    out.push_str(&css[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comma_ending_a_value_goes() {
        let css = "@font-face {\n  src: url(a.woff2) format('woff2'),;\n}\n.a {\n  b: c, d,\n}\n";
        assert_eq!(
            drop_trailing_commas(css),
            "@font-face {\n  src: url(a.woff2) format('woff2');\n}\n.a {\n  b: c, d\n}\n"
        );
    }

    #[test]
    fn commas_in_selectors_strings_and_urls_stay() {
        let css = ".a,\n.b { content: \",;\"; c: url(x,;y); }";
        assert_eq!(drop_trailing_commas(css), css);
    }
}
