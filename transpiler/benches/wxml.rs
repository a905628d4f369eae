//! WXML parse throughput: `miniport::template::parse::parse` over every `.wxml` file of the four
//! component libraries, single-threaded, next to only reading the same files from disk, and
//! the whole template compile (parse, link, lower, render codegen) of the same libraries.
//! Run with `RUNS=20 cargo bench --bench wxml` (after `npm ci`); prints a Markdown table.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const LIBRARIES: &[&str] = &[
    "@vant/weapp/lib",
    "tdesign-miniprogram/miniprogram_dist",
    "weui-miniprogram/miniprogram_dist",
    "wux-weapp/packages",
];

fn wxml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
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
    files.sort();
    files
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64()
}

fn main() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../node_modules");
    let mut files = Vec::new();
    for library in LIBRARIES {
        let dir = root.join(library);
        if !dir.is_dir() {
            eprintln!("skipped: {library} is not installed (run `npm ci`)");
            continue;
        }
        files.extend(wxml_files(&dir));
    }
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();

    let mut read_times = Vec::new();
    let mut parse_times = Vec::new();
    let mut texts = Vec::new();
    let mut elements_errors = (0usize, 0usize);
    for _ in 0..runs {
        // Only reading the files (the OS cache is warm after the first run).
        let start = Instant::now();
        texts = files
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap_or_default())
            .collect();
        read_times.push(start.elapsed());

        // Parsing the texts already in memory.
        let start = Instant::now();
        let mut nodes = 0;
        let mut errors = 0;
        for (name, text) in names.iter().zip(&texts) {
            let parsed = miniport::template::parse::parse(name, text);
            nodes += parsed.template.children.len();
            errors += parsed
                .diagnostics
                .iter()
                .filter(|d| d.severity == miniport::Severity::Error)
                .count();
        }
        parse_times.push(start.elapsed());
        elements_errors = (nodes, errors);
    }
    let bytes: usize = texts.iter().map(String::len).sum();

    // The whole template compile: parse, link imports/includes/templates, lower to the IR
    // and generate the render modules, per library project (loaded beforehand), on 1 thread.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let projects: Vec<_> = LIBRARIES
        .iter()
        .map(|l| root.join(l))
        .filter(|d| d.is_dir())
        .filter_map(|d| miniport::source::FileSet::read_dir(&d).ok())
        .filter_map(|(files, _)| miniport::project::load(files).ok())
        .collect();
    let mut compile_times = Vec::new();
    let mut modules = 0;
    for _ in 0..runs {
        let start = Instant::now();
        modules = pool.install(|| {
            projects
                .iter()
                .map(|p| {
                    let program = miniport::template::link(p);
                    miniport::template::print::compile_program(&program).len()
                })
                .sum::<usize>()
        });
        compile_times.push(start.elapsed());
    }
    let compile = median(compile_times);
    let read = median(read_times);
    let parse = median(parse_times);
    println!("| what | files | KiB | median of {runs} | MB/s |");
    println!("|---|---|---|---|---|");
    println!(
        "| read the files (std::fs::read_to_string) | {} | {} | {:.2} ms | {:.0} |",
        files.len(),
        bytes / 1024,
        read.as_secs_f64() * 1e3,
        mb_per_s(bytes, read)
    );
    println!(
        "| miniport::template::parse::parse (1 thread) | {} | {} | {:.2} ms | {:.0} |",
        files.len(),
        bytes / 1024,
        parse.as_secs_f64() * 1e3,
        mb_per_s(bytes, parse)
    );
    println!(
        "| parse + link + lower + render codegen (1 thread) | {} | {} | {:.2} ms | {:.0} |",
        files.len(),
        bytes / 1024,
        compile.as_secs_f64() * 1e3,
        mb_per_s(bytes, compile)
    );
    println!("\n{modules} render modules generated");
    println!(
        "\n{} top-level nodes, {} error diagnostics",
        elements_errors.0, elements_errors.1
    );
}
