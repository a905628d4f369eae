//! Printing a lowered module body with swc's code generator and its source map (pointing at
//! the original file, with its text inlined), optionally through swc's minifier first.
//!
//! The file's legal comments (see [`super::parse`]) head the printed body, in source order,
//! minified or not: the minifier may drop or merge the nodes they were attached to, and a
//! licence must survive whatever the code became. They are written through the same writer,
//! so the source map's lines account for them.
use swc_common::{sync::Lrc, FileName, Mark, SourceMap};
use swc_ecma_ast::{EsVersion, Program};
use swc_ecma_codegen::text_writer::{JsWriter, WriteJs};
use swc_ecma_codegen::{Config, Emitter};
use swc_ecma_minifier::option::{
    CompressOptions, ExtraOptions, MangleOptions, MinifyOptions, TopLevelOptions,
};

use crate::source::relative_url;

/// The syntax level of the output: what Telegram's WebViews run (see `script/mod.rs`).
pub const TARGET: EsVersion = EsVersion::Es2021;

/// Runs swc's minifier over a module body. Top-level names are the factory's locals, so
/// they may be renamed and dropped when unused.
pub fn minify(
    program: Program,
    cm: &Lrc<SourceMap>,
    unresolved_mark: Mark,
    top_level_mark: Mark,
) -> Program {
    let options = MinifyOptions {
        compress: Some(CompressOptions {
            ecma: TARGET,
            top_level: Some(TopLevelOptions { functions: true }),
            ..Default::default()
        }),
        mangle: Some(MangleOptions {
            top_level: Some(true),
            ..Default::default()
        }),
        ..Default::default()
    };
    let extra = ExtraOptions {
        unresolved_mark,
        top_level_mark,
        mangle_name_cache: None,
    };
    swc_ecma_minifier::optimize(program, cm.clone(), None, None, &options, &extra)
}

/// The printed code (ending with a newline), headed by `legal_comments` one per line, and its
/// source map as JSON, with `sources` relative to `map_at` (the output path of the chunk).
pub fn print(
    program: &Program,
    cm: &Lrc<SourceMap>,
    legal_comments: &[String],
    minify: bool,
    map_at: &str,
) -> (String, String) {
    let mut code = Vec::new();
    let mut mappings = Vec::new();
    {
        let writer = JsWriter::new(cm.clone(), "\n", &mut code, Some(&mut mappings));
        let mut emitter = Emitter {
            cfg: Config::default()
                .with_minify(minify)
                .with_target(TARGET)
                .with_ascii_only(false),
            cm: cm.clone(),
            comments: None,
            wr: writer,
        };
        // Writing into a Vec cannot fail.
        for comment in legal_comments {
            let _ = emitter.wr.write_comment(comment);
            let _ = emitter.wr.write_line();
        }
        let _ = emitter.emit_program(program);
    }
    let mut code = String::from_utf8(code).unwrap_or_default();
    if !code.ends_with('\n') {
        code.push('\n');
    }
    let config = MapConfig { map_at };
    let map = cm.build_source_map(&mappings, None, config);
    let mut json = Vec::new();
    let map = match map.to_writer(&mut json) {
        Ok(()) => String::from_utf8(json).unwrap_or_default(),
        Err(_) => String::new(),
    };
    (code, map)
}

struct MapConfig<'a> {
    map_at: &'a str,
}

impl swc_common::source_map::SourceMapGenConfig for MapConfig<'_> {
    fn file_name_to_source(&self, f: &FileName) -> String {
        match f {
            FileName::Custom(path) => relative_url(self.map_at, path),
            other => other.to_string(),
        }
    }

    fn inline_sources_content(&self, _: &FileName) -> bool {
        true
    }
}

/// A JavaScript string literal of `s`.
pub fn js_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}
