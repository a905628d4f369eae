//! WeChat-tolerated quirks that CSS parsers reject, neutralised before parsing.
//!
//! WeChat's compiler accepts a stray `;` between top-level rules (`.a{};` or a lone `;`
//! line); a CSS parser reads it as the start of the next rule's selector and drops that
//! rule. This pass replaces such semicolons with a space, so byte offsets are unchanged.

/// The text with stray top-level semicolons blanked out, or `None` when there are none.
pub fn blank_stray_semicolons(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut stray = Vec::new();
    let mut depth = 0usize;
    // The last significant byte at depth 0: a `;` right after a rule, another `;` or the
    // start of the file is stray.
    let mut after_rule = true;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = match text[i + 2..].find("*/") {
                    Some(end) => i + 2 + end + 2,
                    None => bytes.len(),
                };
                continue;
            }
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                after_rule = false;
            }
            b'\\' => {
                i += 1;
                after_rule = false;
            }
            b'{' | b'(' | b'[' => {
                depth += 1;
                after_rule = false;
            }
            b'}' | b')' | b']' => {
                depth = depth.saturating_sub(1);
                after_rule = depth == 0 && bytes[i] == b'}';
            }
            b';' if depth == 0 => {
                if after_rule {
                    stray.push(i);
                }
                after_rule = true;
            }
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => {}
            _ => after_rule = false,
        }
        i += 1;
    }
    if stray.is_empty() {
        return None;
    }
    let mut out = text.as_bytes().to_vec();
    for i in stray {
        out[i] = b' ';
    }
    // Only ASCII `;` bytes were replaced by ASCII spaces, so the text is still UTF-8.
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_semicolons_between_rules_are_blanked() {
        assert_eq!(
            blank_stray_semicolons(".a{};\n;.b{}").as_deref(),
            Some(".a{} \n .b{}")
        );
        assert_eq!(blank_stray_semicolons(";.a{}").as_deref(), Some(" .a{}"));
    }

    #[test]
    fn meaningful_semicolons_are_kept() {
        assert_eq!(
            blank_stray_semicolons("@import \"a.wxss\";\n.a{color:red;}"),
            None
        );
        assert_eq!(blank_stray_semicolons(".a{b:url(data:x;y)}"), None);
        assert_eq!(blank_stray_semicolons("/* ; */ .a{content:\"};\"}"), None);
    }

    #[test]
    fn second_semicolon_after_an_import_is_stray() {
        assert_eq!(
            blank_stray_semicolons("@import \"a\";;").as_deref(),
            Some("@import \"a\"; ")
        );
    }
}
