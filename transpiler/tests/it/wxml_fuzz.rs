//! A deterministic mutation fuzzer for the WXML and expression parsers (no nightly needed):
//! mutates the templates of the four component libraries and checks that parsing never
//! panics and that every span slices the input. Ignored by default; run with
//! `WXML_FUZZ_SECONDS=300 cargo test --release -p miniport --test it wxml_fuzz -- --ignored --nocapture`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use miniport::template::parse::ast::{Node, Part, Value};

/// xorshift64*: the same mutations on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "<",
    ">",
    "/>",
    "</",
    "{{",
    "}}",
    "\"",
    "'",
    "=",
    " ",
    "\n",
    "<!--",
    "-->",
    "<!",
    "<view>",
    "</view>",
    "<wxs module=\"m\">",
    "</wxs>",
    "<input>",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "?",
    ":",
    "...",
    ",",
    "&amp;",
    "&",
    "\\",
    "`",
    "中",
    "😀",
    "\u{feff}",
    "wx:if=",
    "data=\"{{",
    "a.b",
    "typeof ",
    " in ",
    "0x",
    "1e",
    ".5",
    "<template is=\"t\" data=\"{{",
];

/// The byte index of a character boundary at or before `i`.
fn boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(rng: &mut Rng, input: &str) -> String {
    let mut s = input.to_string();
    for _ in 0..1 + rng.below(4) {
        let a = boundary(&s, rng.below(s.len() + 1));
        let b = boundary(&s, a + rng.below(64));
        match rng.below(6) {
            0 => s.replace_range(a..b.max(a), ""),
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                s.insert_str(a, token);
            }
            2 => {
                let copy = s[a..b.max(a)].to_string();
                let at = boundary(&s, rng.below(s.len() + 1));
                s.insert_str(at, &copy);
            }
            3 => s.truncate(a),
            4 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                s.replace_range(a..b.max(a), token);
            }
            _ => {
                // Repeat a short piece many times (deep nesting, long runs).
                let piece = s[a..boundary(&s, a + 8)].to_string();
                s.insert_str(a, &piece.repeat(1 + rng.below(300)));
            }
        }
    }
    s
}

fn check_value(source: &str, value: &Value) {
    assert_eq!(source.get(value.span.clone()), Some(value.raw.as_str()));
    for part in &value.parts {
        match part {
            Part::Static { text, span } => {
                assert_eq!(source.get(span.clone()), Some(text.as_str()))
            }
            Part::Binding { expr, span } => {
                let binding = source.get(span.clone()).expect("binding span");
                assert!(
                    binding.starts_with("{{") && binding.ends_with("}}"),
                    "{binding:?}"
                );
                assert!(expr.span.start >= span.start && expr.span.end <= span.end);
                assert!(source.get(expr.span.clone()).is_some());
            }
        }
    }
}

fn check_nodes(source: &str, nodes: &[Node]) -> usize {
    let mut count = 0;
    for node in nodes {
        count += 1;
        match node {
            Node::Element(e) => {
                assert_eq!(source.get(e.name_span.clone()), Some(e.name.as_str()));
                assert!(source.get(e.span.clone()).is_some());
                assert!(source
                    .get(e.start_tag.clone())
                    .is_some_and(|t| t.starts_with('<')));
                for a in &e.attributes {
                    assert_eq!(source.get(a.name_span.clone()), Some(a.name.as_str()));
                    if let Some(v) = &a.value {
                        check_value(source, v);
                    }
                }
                count += check_nodes(source, &e.children);
            }
            Node::Text(t) => check_value(source, &t.value),
            Node::Comment(c) => assert!(source.get(c.span.clone()).is_some()),
        }
    }
    count
}

fn check(source: &str) {
    let parsed = miniport::template::parse::parse("f.wxml", source);
    check_nodes(source, &parsed.template.children);
    for d in &parsed.diagnostics {
        let span = d.span.clone().expect("every diagnostic has a span");
        assert!(source.get(span).is_some(), "{d:?}");
    }
}

fn check_expression(source: &str) {
    let offset = 3;
    let span = match miniport::template::parse::parse_expression(source, offset) {
        Ok(expr) => expr.span,
        Err(error) => error.span,
    };
    assert!(span.start >= offset && span.end <= offset + source.len() && span.start <= span.end);
    let _ = miniport::template::parse::parse_object_body(source, offset);
}

fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../node_modules");
    let mut files: Vec<PathBuf> = Vec::new();
    for library in [
        "@vant/weapp/lib",
        "tdesign-miniprogram/miniprogram_dist",
        "weui-miniprogram/miniprogram_dist",
        "wux-weapp/packages",
    ] {
        let mut dirs = vec![root.join(library)];
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for path in entries.flatten().map(|e| e.path()) {
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "wxml") {
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    let mut texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    texts.push("<view class=\"{{a ? 'b' : c[0].d(e, {f: 1})}}\">{{ '}}' }} x</view>".into());
    texts
}

#[test]
#[ignore = "long-running; see the module doc for the command"]
fn mutated_templates_never_panic_and_keep_exact_spans() {
    let seconds: u64 = std::env::var("WXML_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let seed: u64 = std::env::var("WXML_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15);
    let corpus = corpus();
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut templates, mut expressions, mut bytes) = (0u64, 0u64, 0u64);
    while Instant::now() < deadline {
        for _ in 0..256 {
            let input = &corpus[rng.below(corpus.len())];
            let mutated = mutate(&mut rng, input);
            bytes += mutated.len() as u64;
            let result = std::panic::catch_unwind(|| check(&mutated));
            if result.is_err() {
                let out = std::env::temp_dir().join("wxml-fuzz-crash.wxml");
                let _ = std::fs::write(&out, &mutated);
                panic!("crash on input saved to {}", out.display());
            }
            templates += 1;
            // An expression: a random slice of the mutated text.
            let a = boundary(&mutated, rng.below(mutated.len() + 1));
            let b = boundary(&mutated, a + rng.below(80));
            check_expression(&mutated[a..b]);
            expressions += 1;
        }
    }
    eprintln!(
        "seed {seed:#x}: {templates} mutated templates ({:.1} MB), {expressions} expressions, {seconds} s, no panic, spans exact",
        bytes as f64 / 1e6
    );
}
