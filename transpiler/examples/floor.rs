//! The floor of a conversion's cost: reads every script (`.js`, `.ts`, `.wxs`) and stylesheet
//! (`.wxss`, `.css`) of a mini-program folder, parses each with swc or lightningcss and prints
//! it back, on a rayon pool, and nothing else (no templates, no rewriting, no source maps,
//! nothing written). `bench/floor.sh` times `miniport convert` against it on the same apps.
//!
//! `cargo run --release --example floor -- <folder> [--jobs N]`: prints the files, bytes and
//! milliseconds of the work, and the files that did not parse (they are counted, not fatal).

use std::path::{Path, PathBuf};
use std::time::Instant;

use lightningcss::stylesheet::{ParserOptions, PrinterOptions, StyleSheet};
use rayon::prelude::*;
use swc_common::{sync::Lrc, FileName, SourceMap};
use swc_ecma_ast::EsVersion;
use swc_ecma_codegen::{text_writer::JsWriter, Config, Emitter};
use swc_ecma_parser::{lexer::Lexer, EsSyntax, Parser, StringInput, Syntax, TsSyntax};

/// Every file under `dir` with one of the extensions, skipping `node_modules` and dot folders
/// (what `miniport convert` skips too).
fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if name != "node_modules" && !name.starts_with('.') {
                walk(&path, found);
            }
        } else if [".js", ".ts", ".wxs", ".wxss", ".css"]
            .iter()
            .any(|ext| name.ends_with(ext))
            && !name.ends_with(".d.ts")
        {
            found.push(path);
        }
    }
}

/// Parses and prints one script; the printed length, or `None` when it does not parse.
fn script(path: &Path, text: String) -> Option<usize> {
    let cm: Lrc<SourceMap> = Default::default();
    let file = cm.new_source_file(Lrc::new(FileName::Real(path.to_path_buf())), text);
    let syntax = if path.extension().is_some_and(|e| e == "ts") {
        Syntax::Typescript(TsSyntax::default())
    } else {
        Syntax::Es(EsSyntax::default())
    };
    let lexer = Lexer::new(syntax, EsVersion::latest(), StringInput::from(&*file), None);
    let mut parser = Parser::new_from(lexer);
    let program = parser.parse_program().ok()?;
    let mut code = Vec::new();
    {
        let mut emitter = Emitter {
            cfg: Config::default().with_target(EsVersion::Es2021),
            cm: cm.clone(),
            comments: None,
            wr: JsWriter::new(cm.clone(), "\n", &mut code, None),
        };
        emitter.emit_program(&program).ok()?;
    }
    Some(code.len())
}

/// Parses and prints one stylesheet; the printed length, or `None` when it does not parse.
fn style(path: &Path, text: &str) -> Option<usize> {
    let options = ParserOptions {
        filename: path.display().to_string(),
        ..ParserOptions::default()
    };
    let sheet = StyleSheet::parse(text, options).ok()?;
    Some(sheet.to_css(PrinterOptions::default()).ok()?.code.len())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut jobs = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--jobs" | "-j" => jobs = args.next().and_then(|n| n.parse::<usize>().ok()),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: floor <folder> [--jobs N]");
        std::process::exit(2);
    };
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = jobs {
        pool = pool.num_threads(jobs);
    }
    let pool = match pool.build() {
        Ok(pool) => pool,
        Err(err) => {
            eprintln!("floor: {err}");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let mut files = Vec::new();
    walk(&dir, &mut files);
    let results: Vec<(usize, Option<usize>)> = pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                let Ok(text) = std::fs::read_to_string(path) else {
                    return (0, None);
                };
                let read = text.len();
                let is_style = path.extension().is_some_and(|e| e == "wxss" || e == "css");
                let printed = if is_style {
                    style(path, &text)
                } else {
                    script(path, text)
                };
                (read, printed)
            })
            .collect()
    });
    let bytes: usize = results.iter().map(|(read, _)| read).sum();
    let failed = results
        .iter()
        .filter(|(_, printed)| printed.is_none())
        .count();
    println!(
        "{} files, {} bytes, {} not parsed, {:.1} ms",
        files.len(),
        bytes,
        failed,
        started.elapsed().as_secs_f64() * 1000.0
    );
}
