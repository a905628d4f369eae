//! Script throughput: miniport's script phase (parse, strip types, lower ES modules, resolve,
//! analyse, print, wrap into chunks) over every script of `@vant/weapp`, `tdesign-miniprogram`
//! and `weui-miniprogram`, next to swc alone parsing and printing the same files. The gap is
//! the cost of miniport's own work. Both run on the same rayon pool, one file per task.
//! Run with `cargo bench --bench script` (after `npm ci`); prints a Markdown table.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use miniport::script::{compile, parse::Language, script_files, ScriptOptions};
use miniport::source::FileSet;
use rayon::prelude::*;
use swc_common::{sync::Lrc, FileName, SourceMap};
use swc_ecma_ast::EsVersion;
use swc_ecma_codegen::{text_writer::JsWriter, Emitter};
use swc_ecma_parser::{parse_file_as_program, EsSyntax, Syntax, TsSyntax};

const LIBRARIES: &[&str] = &[
    "@vant/weapp/lib",
    "tdesign-miniprogram/miniprogram_dist",
    "weui-miniprogram/miniprogram_dist",
];

/// swc alone: parse and print one file.
fn swc_parse_and_print(path: &str, text: &str, language: Language) -> usize {
    let cm: Lrc<SourceMap> = Default::default();
    let fm = cm.new_source_file(Lrc::new(FileName::Custom(path.into())), text.to_string());
    let syntax = match language {
        Language::TypeScript => Syntax::Typescript(TsSyntax::default()),
        _ => Syntax::Es(EsSyntax::default()),
    };
    let mut errors = Vec::new();
    let Ok(program) = parse_file_as_program(&fm, syntax, EsVersion::latest(), None, &mut errors)
    else {
        return 0;
    };
    let mut out = Vec::new();
    let mut emitter = Emitter {
        cfg: Default::default(),
        cm: cm.clone(),
        comments: None,
        wr: JsWriter::new(cm, "\n", &mut out, None),
    };
    let _ = emitter.emit_program(&program);
    out.len()
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10);
    println!(
        "| library | scripts | KiB | swc parse+print | MB/s | miniport scripts | MB/s | ratio |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for lib in LIBRARIES {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../node_modules")
            .join(lib);
        let Ok((files, _)) = FileSet::read_dir(&dir) else {
            println!("| {lib} | not installed (run `npm ci`) | | | | | | |");
            continue;
        };
        let Ok(project) = miniport::project::load(files) else {
            continue;
        };
        let scripts: Vec<(String, String, Language)> = script_files(&project)
            .into_iter()
            .filter_map(|(p, l)| Some((p.to_string(), project.files.text(p)?.to_string(), l)))
            .collect();
        let bytes: usize = scripts.iter().map(|(_, t, _)| t.len()).sum();
        let (mut swc, mut ours) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let t = Instant::now();
            let printed: usize = scripts
                .par_iter()
                .map(|(p, t, l)| swc_parse_and_print(p, t, *l))
                .sum();
            swc.push(t.elapsed());
            assert!(printed > 0);
            let t = Instant::now();
            let out = compile(&project, &ScriptOptions::default());
            ours.push(t.elapsed());
            assert!(!out.chunks.is_empty());
        }
        let (swc, ours) = (median(swc), median(ours));
        let mbs = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64();
        println!(
            "| {lib} | {} | {} | {:.1} ms | {:.1} | {:.1} ms | {:.1} | {:.2}× |",
            scripts.len(),
            bytes / 1024,
            swc.as_secs_f64() * 1e3,
            mbs(swc),
            ours.as_secs_f64() * 1e3,
            mbs(ours),
            ours.as_secs_f64() / swc.as_secs_f64()
        );
    }
}
