//! The chunks' index source maps point at the original files: tokens picked in the emitted
//! chunk (a page's literal after text outside ASCII, a TypeScript file whose types were
//! stripped, an npm module in the middle of the chunk, a subpackage chunk) are mapped through
//! the chunk's map — decoded here, base64 VLQ and all — and must land on the same token in
//! the original file, with `--minify` too.

use std::path::Path;

use miniport::script::{compile, Chunk, ScriptOptions, Scripts};
use miniport::source::FileSet;
use serde_json::Value;

fn fixture(case: &str) -> (FileSet, Scripts, Scripts) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/script")
        .join(case);
    let (files, diagnostics) = FileSet::read_dir(&root).expect("fixture folder is readable");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let project = miniport::project::load(files.clone()).expect("fixture loads");
    let plain = compile(&project, &ScriptOptions { minify: false });
    let minified = compile(&project, &ScriptOptions { minify: true });
    assert!(plain.diagnostics.is_empty(), "{:?}", plain.diagnostics);
    (files, plain, minified)
}

/// Decodes one source map `mappings` string: per generated line, its segments (each 1, 4 or
/// 5 numbers, the fields after the first being absolute, as the spec's deltas are summed).
fn decode_mappings(mappings: &str) -> Vec<Vec<Vec<i64>>> {
    const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut lines = Vec::new();
    // Source index, original line, original column and name carry over lines.
    let mut carried = [0i64; 4];
    for line in mappings.split(';') {
        let mut segments = Vec::new();
        let mut generated_column = 0i64;
        for segment in line.split(',').filter(|s| !s.is_empty()) {
            let mut fields = Vec::new();
            let (mut value, mut shift) = (0i64, 0u32);
            for byte in segment.bytes() {
                let digit = BASE64
                    .iter()
                    .position(|&b| b == byte)
                    .unwrap_or_else(|| panic!("not base64: {segment}"))
                    as i64;
                value |= (digit & 31) << shift;
                if digit & 32 != 0 {
                    shift += 5;
                    continue;
                }
                let magnitude = value >> 1;
                fields.push(if value & 1 == 1 {
                    -magnitude
                } else {
                    magnitude
                });
                (value, shift) = (0, 0);
            }
            assert_eq!(shift, 0, "truncated VLQ in {segment}");
            assert!(
                matches!(fields.len(), 1 | 4 | 5),
                "segment of {} fields: {segment}",
                fields.len()
            );
            generated_column += fields[0];
            let mut absolute = vec![generated_column];
            for (i, delta) in fields[1..].iter().enumerate() {
                carried[i] += delta;
                absolute.push(carried[i]);
            }
            segments.push(absolute);
        }
        lines.push(segments);
    }
    lines
}

/// Columns in source maps count UTF-16 code units.
fn utf16_len(s: &str) -> i64 {
    s.encode_utf16().count() as i64
}

/// 0-based line and UTF-16 column of byte offset `at` in `text`.
fn position(text: &str, at: usize) -> (i64, i64) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() as i64,
        utf16_len(&text[line_start..at]),
    )
}

/// Byte offset of 0-based `line` and UTF-16 `column` in `text`.
fn offset(text: &str, line: i64, column: i64) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line as usize)
        .map(str::len)
        .sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= column {
            return start + i;
        }
        units += c.len_utf16() as i64;
    }
    text.len()
}

/// Where generated (`line`, `column`) of `chunk` comes from, through its index map: the
/// source path (resolved against the chunk's folder), its inlined text, line and column.
fn original(chunk: &Chunk, line: i64, column: i64) -> (String, String, i64, i64) {
    let map: Value = serde_json::from_str(&chunk.map).expect("the map is JSON");
    assert_eq!(map["version"], 3);
    let sections = map["sections"].as_array().expect("an index map");
    let section = sections
        .iter()
        .rfind(|s| {
            let at = (
                s["offset"]["line"].as_i64().unwrap(),
                s["offset"]["column"].as_i64().unwrap(),
            );
            at <= (line, column)
        })
        .unwrap_or_else(|| panic!("no section before {line}:{column}"));
    let (section_line, section_column) = (
        section["offset"]["line"].as_i64().unwrap(),
        section["offset"]["column"].as_i64().unwrap(),
    );
    let inner = &section["map"];
    assert_eq!(inner["version"], 3);
    let lines = decode_mappings(inner["mappings"].as_str().expect("mappings"));
    let relative_line = line - section_line;
    let relative_column = if relative_line == 0 {
        column - section_column
    } else {
        column
    };
    let segment = lines
        .get(relative_line as usize)
        .and_then(|segments| {
            segments
                .iter()
                .rfind(|s| s.len() >= 4 && s[0] <= relative_column)
        })
        .unwrap_or_else(|| panic!("no mapping at {line}:{column} of {}", chunk.path));
    let index = segment[1] as usize;
    let source = inner["sources"][index]
        .as_str()
        .expect("a source")
        .to_string();
    let text = inner["sourcesContent"][index]
        .as_str()
        .expect("the original text is inlined")
        .to_string();
    // `sources` are relative to the chunk, which is in `app/`.
    let dir = Path::new(&chunk.path).parent().expect("chunk folder");
    let mut parts: Vec<&str> = dir.to_str().unwrap().split('/').collect();
    for part in source.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            part => parts.push(part),
        }
    }
    (parts.join("/"), text, segment[2], segment[3])
}

/// Finds `token` (once) in `chunk`, maps it back, and checks that the original file `file`
/// has the same token there. A token in quotes is compared without its quote character,
/// which the minifier may change.
fn assert_maps_back(files: &FileSet, chunk: &Chunk, token: &str, file: &str) {
    let quoted = token.starts_with('\'');
    let bare = token.trim_matches('\'');
    let hits: Vec<usize> = chunk
        .code
        .match_indices(bare)
        .map(|(at, _)| at)
        // A literal: the generated one's own quote, whichever the printer chose.
        .filter_map(|at| match quoted {
            true => at
                .checked_sub(1)
                .filter(|q| chunk.code[*q..].starts_with(['\'', '"'])),
            false => Some(at),
        })
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "`{token}` once in {}:\n{}",
        chunk.path,
        chunk.code
    );
    let at = hits[0];
    let (line, column) = position(&chunk.code, at);
    let (source, text, original_line, original_column) = original(chunk, line, column);
    assert_eq!(
        source, file,
        "`{token}` at {line}:{column} of {}",
        chunk.path
    );
    assert_eq!(
        Some(text.as_str()),
        files.text(file),
        "sourcesContent of {file}"
    );
    let found = &text[offset(&text, original_line, original_column)..];
    let found = if quoted {
        assert!(
            found.starts_with(['\'', '"', '`']),
            "`{token}` maps to {file}:{original_line}:{original_column}, not a literal: {:?}",
            &found[..found.len().min(40)]
        );
        &found[1..]
    } else {
        found
    };
    assert!(
        found.starts_with(bare),
        "`{token}` ({}:{line}:{column}) maps to {file}:{}:{}, which reads {:?}",
        chunk.path,
        original_line + 1,
        original_column + 1,
        &found[..found.len().min(40)]
    );
}

fn chunk<'a>(scripts: &'a Scripts, path: &str) -> &'a Chunk {
    scripts
        .chunks
        .iter()
        .find(|c| c.path == path)
        .unwrap_or_else(|| panic!("no chunk {path}"))
}

#[test]
fn tokens_of_the_main_chunk_map_back_to_their_original_files() {
    let (files, scripts, _) = fixture("source-maps");
    let main = chunk(&scripts, "app/main.js");
    // The first module.
    assert_maps_back(&files, main, "'appLaunchMarker'", "app.js");
    assert_maps_back(&files, main, "appMarker", "app.js");
    // An npm module in the middle of the chunk, and the one after it.
    assert_maps_back(
        &files,
        main,
        "deepModuleMarker =",
        "miniprogram_npm/tiny-fmt/dist/index.js",
    );
    assert_maps_back(
        &files,
        main,
        "'npmDeepMarkerValue'",
        "miniprogram_npm/tiny-fmt/dist/index.js",
    );
    assert_maps_back(
        &files,
        main,
        "text.length",
        "miniprogram_npm/tiny-fmt/dist/pad.js",
    );
    // A page: after a template literal spanning lines, and after text outside ASCII on the
    // same line (an astral character counts two UTF-16 units).
    assert_maps_back(&files, main, "'pageMarkerValue'", "pages/index/index.js");
    assert_maps_back(
        &files,
        main,
        "pageMarkerAfterWideText =",
        "pages/index/index.js",
    );
    assert_maps_back(&files, main, "onTapBuyButton", "pages/index/index.js");
    // TypeScript: types stripped before the tokens, and the last module but one.
    assert_maps_back(&files, main, "const typedMarker", "utils/price.ts");
    assert_maps_back(&files, main, "'typescriptMarkerValue'", "utils/price.ts");
    assert_maps_back(&files, main, "priceLabel(cents", "utils/price.ts");
}

#[test]
fn tokens_of_a_subpackage_chunk_map_back_to_their_original_files() {
    let (files, scripts, _) = fixture("source-maps");
    let sub = chunk(&scripts, "app/sub-packageA.js");
    assert_maps_back(
        &files,
        sub,
        "'subpackageMarkerValue'",
        "packageA/pages/detail/detail.js",
    );
    assert_maps_back(
        &files,
        sub,
        "subpackageQueryId",
        "packageA/pages/detail/detail.js",
    );
}

#[test]
fn minified_tokens_map_back_to_their_original_files() {
    let (files, _, scripts) = fixture("source-maps");
    let main = chunk(&scripts, "app/main.js");
    assert_maps_back(&files, main, "'appLaunchMarker'", "app.js");
    assert_maps_back(&files, main, "appMarker", "app.js");
    assert_maps_back(
        &files,
        main,
        "'npmDeepMarkerValue'",
        "miniprogram_npm/tiny-fmt/dist/index.js",
    );
    assert_maps_back(&files, main, "'pageMarkerValue'", "pages/index/index.js");
    assert_maps_back(&files, main, "onTapBuyButton", "pages/index/index.js");
    assert_maps_back(&files, main, "'CNY'", "utils/price.ts");
    assert_maps_back(&files, main, "toFixed", "utils/price.ts");
    let sub = chunk(&scripts, "app/sub-packageA.js");
    assert_maps_back(
        &files,
        sub,
        "'subpackageMarkerValue'",
        "packageA/pages/detail/detail.js",
    );
    assert_maps_back(
        &files,
        sub,
        "subpackageQueryId",
        "packageA/pages/detail/detail.js",
    );
}

#[test]
fn every_module_of_a_chunk_has_a_section_at_its_first_line() {
    let (_, scripts, minified) = fixture("source-maps");
    for chunk in scripts.chunks.iter().chain(&minified.chunks) {
        let map: Value = serde_json::from_str(&chunk.map).expect("the map is JSON");
        let lines: Vec<&str> = chunk.code.lines().collect();
        let sections = map["sections"].as_array().expect("sections");
        assert_eq!(sections.len(), chunk.modules.len(), "{}", chunk.path);
        for (section, module) in sections.iter().zip(&chunk.modules) {
            let line = section["offset"]["line"].as_u64().unwrap() as usize;
            assert!(
                lines[line - 1].starts_with(&format!("__miniportDefine({module:?}")),
                "{}: section at line {line} is not the body of {module}",
                chunk.path
            );
        }
        assert!(chunk
            .code
            .ends_with(&format!("//# sourceMappingURL={}.map\n", &chunk.path[4..])));
    }
}

#[test]
fn files_with_crlf_line_ends_map_back_too() {
    // A multi-line licence and a template literal spanning lines, both with CRLF, before the
    // tokens, in the first module; then a second module.
    let mut files = FileSet::new();
    files.insert("app.json", r#"{ "pages": ["pages/index/index"] }"#);
    files.insert(
        "app.js",
        "/*!\r\n * crlf-lib | MIT\r\n */\r\nvar text = `one\r\ntwo`;\r\nApp({ crlfMarker: text, other: 'crlfValue' });\r\n",
    );
    files.insert(
        "pages/index/index.js",
        "// after a CRLF module\r\nPage({ data: { afterCrlf: 'afterCrlfValue' } });\r\n",
    );
    files.insert("pages/index/index.json", "{}");
    files.insert("pages/index/index.wxml", "<view/>");
    let project = miniport::project::load(files.clone()).expect("loads");
    for minify in [false, true] {
        let scripts = compile(&project, &ScriptOptions { minify });
        let main = chunk(&scripts, "app/main.js");
        assert!(main.code.contains("crlf-lib | MIT"), "{}", main.code);
        assert_maps_back(&files, main, "crlfMarker", "app.js");
        assert_maps_back(&files, main, "'crlfValue'", "app.js");
        assert_maps_back(&files, main, "afterCrlf:", "pages/index/index.js");
        assert_maps_back(&files, main, "'afterCrlfValue'", "pages/index/index.js");
    }
}
