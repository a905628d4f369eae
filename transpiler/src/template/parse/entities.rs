//! Character references of `<text decode>`: the only place where WeChat decodes entities.
//!
//! WeChat's documentation of `<text>` lists `&nbsp; &lt; &gt; &amp; &apos; &ensp; &emsp;`;
//! `&quot;` and numeric references (`&#38;`, `&#x26;`) are decoded as well. Anything else
//! (an unknown name, a missing `;`, an invalid code point) is kept as written.

use std::borrow::Cow;

/// `text` with its character references decoded.
pub fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((ch, len)) => {
                out.push(ch);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character of the reference at the start of `s` (which starts with `&`), and its
/// length including `&` and `;`.
fn reference(s: &str) -> Option<(char, usize)> {
    let semi = s.get(1..)?.find(';')? + 1;
    let body = s.get(1..semi)?;
    let ch = match body {
        "nbsp" => '\u{a0}',
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        _ => {
            let number = body.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) if !hex.is_empty() && hex.len() <= 6 => u32::from_str_radix(hex, 16),
                None if !number.is_empty() && number.len() <= 7 => number.parse(),
                _ => return None,
            };
            char::from_u32(code.ok()?)?
        }
    };
    Some((ch, semi + 1))
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn documented_entities_are_decoded() {
        assert_eq!(
            decode("&nbsp;&lt;&gt;&amp;&apos;&ensp;&emsp;&quot;"),
            "\u{a0}<>&'\u{2002}\u{2003}\""
        );
    }

    #[test]
    fn numeric_references_are_decoded() {
        assert_eq!(decode("&#38;&#x26;&#X41;"), "&&A");
    }

    #[test]
    fn unknown_or_broken_references_are_kept() {
        assert_eq!(
            decode("&copy; & &lt &#xZZ; &#1114112; a&"),
            "&copy; & &lt &#xZZ; &#1114112; a&"
        );
    }

    #[test]
    fn text_without_ampersand_is_borrowed() {
        assert!(matches!(
            decode("plain"),
            std::borrow::Cow::Borrowed("plain")
        ));
    }
}
