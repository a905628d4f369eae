//! Unquoted `url()` arguments that hold `//` (a data URL's base64, `http://…`): undercoat can
//! read the `//` as a line comment and run the rest of the sheet into the value (wux-weapp's
//! filterbar), so they are quoted before it runs, which CSS reads as the same URL.

use super::{skip_comment_or_string, Rewritten};

/// Quotes every unquoted `url(…)` argument that contains `//`.
pub fn quote_urls(text: &str) -> Rewritten {
    let bytes = text.as_bytes();
    let mut edits = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(next) = skip_comment_or_string(text, i) {
            i = next;
            continue;
        }
        let is_url = text[i..].starts_with("url(")
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'-'));
        if !is_url {
            i += 1;
            continue;
        }
        let open = i + "url(".len();
        let Some(close) = text[open..].find(')').map(|c| open + c) else {
            break;
        };
        let argument = text[open..close].trim();
        let quoted = argument.starts_with(['"', '\'']);
        if !quoted && argument.contains("//") && !argument.contains(['"', '\'', '\n']) {
            edits.push((open..close, format!("\"{argument}\"")));
        }
        i = close + 1;
    }
    Rewritten::apply(text, edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unquoted_url_with_a_double_slash_is_quoted() {
        let text = ".a { b: url(data:image/png;base64,A//8=) no-repeat; c: url(//cdn/x.png); }";
        assert_eq!(
            quote_urls(text).text,
            ".a { b: url(\"data:image/png;base64,A//8=\") no-repeat; c: url(\"//cdn/x.png\"); }"
        );
    }

    #[test]
    fn other_urls_and_comments_are_left_alone() {
        let text = ".a { b: url(x.png); c: url('http://x/y'); } // url(a//b)\n/* url(c//d) */";
        assert_eq!(quote_urls(text).text, text);
    }
}
