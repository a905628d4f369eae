//! Locating a value in JSON text by its path (`tabBar.list[1].pagePath`), so diagnostics
//! point at the exact key or value that caused them, not at the first equal string.

use std::ops::Range;

/// One step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    Key(String),
    Index(usize),
}

impl Step {
    pub fn key(name: &str) -> Self {
        Step::Key(name.to_string())
    }
}

/// Where a value sits in the text: its key (for object members) and the value itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub key: Option<Range<usize>>,
    pub value: Range<usize>,
}

/// Finds the value at `path` in `text`. `None` when the text is not valid JSON there or the
/// path does not exist. With duplicate keys the first one is found.
pub fn locate(text: &str, path: &[Step]) -> Option<Located> {
    Scan {
        text,
        bytes: text.as_bytes(),
    }
    .at(0, path, None)
}

struct Scan<'t> {
    text: &'t str,
    bytes: &'t [u8],
}

impl Scan<'_> {
    fn byte(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    fn ws(&self, mut i: usize) -> usize {
        while matches!(self.byte(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            i += 1;
        }
        i
    }

    /// `i` is at an opening quote; returns the index after the closing one.
    fn string_end(&self, mut i: usize) -> Option<usize> {
        if self.byte(i) != Some(b'"') {
            return None;
        }
        i += 1;
        loop {
            match self.byte(i)? {
                b'\\' => i += 2,
                b'"' => return Some(i + 1),
                _ => i += 1,
            }
        }
    }

    fn value_end(&self, i: usize) -> Option<usize> {
        match self.byte(i)? {
            b'"' => self.string_end(i),
            b'{' | b'[' => {
                let mut depth = 0usize;
                let mut j = i;
                loop {
                    match self.byte(j)? {
                        b'"' => {
                            j = self.string_end(j)?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                return Some(j + 1);
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
            }
            _ => {
                let mut j = i;
                while let Some(b) = self.byte(j) {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    j += 1;
                }
                (j > i).then_some(j)
            }
        }
    }

    /// After a member or element ending at `end`: the start of the next one, if any.
    fn next_item(&self, end: usize) -> Option<usize> {
        let n = self.ws(end);
        (self.byte(n) == Some(b',')).then(|| self.ws(n + 1))
    }

    fn at(&self, i: usize, path: &[Step], key: Option<Range<usize>>) -> Option<Located> {
        let i = self.ws(i);
        let Some((step, rest)) = path.split_first() else {
            return Some(Located {
                key,
                value: i..self.value_end(i)?,
            });
        };
        match step {
            Step::Key(wanted) => {
                if self.byte(i)? != b'{' {
                    return None;
                }
                let mut j = self.ws(i + 1);
                loop {
                    let key_end = self.string_end(j)?;
                    let name: String = serde_json::from_str(&self.text[j..key_end]).ok()?;
                    let colon = self.ws(key_end);
                    if self.byte(colon)? != b':' {
                        return None;
                    }
                    let value = self.ws(colon + 1);
                    if name == *wanted {
                        return self.at(value, rest, Some(j..key_end));
                    }
                    j = self.next_item(self.value_end(value)?)?;
                }
            }
            Step::Index(wanted) => {
                if self.byte(i)? != b'[' {
                    return None;
                }
                let mut j = self.ws(i + 1);
                for _ in 0..*wanted {
                    j = self.next_item(self.value_end(j)?)?;
                }
                self.at(j, rest, None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at<'a>(text: &'a str, path: &[Step]) -> Option<&'a str> {
        locate(text, path).map(|l| &text[l.value])
    }

    #[test]
    fn finds_nested_members_and_elements() {
        let text = r#"{"a": "x", "tabBar": {"list": [{"pagePath": "p\"1"}, {"pagePath": "p2"}]}}"#;
        let path = [
            Step::key("tabBar"),
            Step::key("list"),
            Step::Index(1),
            Step::key("pagePath"),
        ];
        assert_eq!(text_at(text, &path), Some("\"p2\""));
        let located = locate(text, &[Step::key("a")]).unwrap();
        assert_eq!(&text[located.key.unwrap()], "\"a\"");
    }

    #[test]
    fn keys_are_not_confused_with_equal_values() {
        let text = r#"{"x": "style", "style": 2, "n": [1, true, null]}"#;
        let located = locate(text, &[Step::key("style")]).unwrap();
        assert_eq!(located.key, Some(15..22));
        assert_eq!(
            text_at(text, &[Step::key("n"), Step::Index(2)]),
            Some("null")
        );
        assert_eq!(text_at(text, &[Step::key("n"), Step::Index(3)]), None);
        assert_eq!(text_at(text, &[Step::key("missing")]), None);
    }

    #[test]
    fn malformed_text_gives_none_instead_of_panicking() {
        for text in ["", "{", "{\"a\"", "{\"a\": [1,", "[\"\\", "{\"a\":}"] {
            let _ = locate(text, &[Step::key("a"), Step::Index(0)]);
        }
    }
}
