//! `miniport batch`: converts every app of a catalog (or of one shard of it) on one rayon
//! pool, apps and their files alike, each thread taking one app at a time; each app's output
//! is written to `<out>/apps/<name>` atomically by the thread that converted it, so no app's
//! output is held longer than its conversion. A panic, an error or a timeout of one app is
//! recorded and the others go on; `<out>/report.json` and `report.html` (and `report.sarif`,
//! `--junit`) describe every app.

mod app;
mod cache;
mod catalog;
mod progress;
mod shard;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use miniport::source::codes::{self, Code};
use miniport::Options;
use serde_json::{json, Value};

use super::report::assemble::{assemble, Header};
use super::report::{pretty, write_file, write_views, FailOn, Views};
use super::write::{Shared, MARKER};
use super::{Format, TargetArg, EXIT_FATAL};
use app::{lock, Context, Hooks};
use cache::Cache;
use shard::Shard;

/// The file that marks a folder as the output of `miniport batch`.
pub const BATCH_MARKER: &str = ".miniport-batch";

#[derive(clap::Args, Debug)]
pub struct BatchArgs {
    /// The catalog: a folder whose subfolders (or .zip/.tar.gz archives) are apps or
    /// component libraries, or a list file (one path per line, or .jsonl with `path`/`name`).
    pub catalog: PathBuf,
    /// Output folder: each app goes to `apps/<name>`, the reports beside them.
    #[arg(short, long)]
    pub out: PathBuf,
    /// Worker threads shared by the apps and their files (default: one per core).
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Give up an app that takes longer than this many seconds (it is reported as timed out).
    #[arg(long, value_name = "SECONDS")]
    pub app_timeout: Option<f64>,
    /// Exit 1 when an app has diagnostics of this severity or worse, or was not converted.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Convert only shard I of N (0-based; by a hash of each app's name). Without it, read from
    /// JOB_COMPLETION_INDEX or MINIPORT_SHARD_INDEX with MINIPORT_SHARD_COUNT.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// `human`: progress and a summary on stderr; `json`: the summary as JSON on stdout;
    /// `sarif`: also `<out>/report.sarif` (SARIF 2.1.0).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also write one JUnit test case per app to this file.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// No progress and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Where the converted apps will run.
    #[arg(long, value_enum, default_value_t = TargetArg::Telegram)]
    pub target: TargetArg,
    /// Minify the emitted CSS.
    #[arg(long)]
    pub minify: bool,
    /// Widest page in CSS pixels on large screens.
    #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u32).range(200..=4000))]
    pub max_page_width: u32,
    /// The largest source file converted, in bytes (default: each app's `maxFileSize` of
    /// miniport.json, else 8 MiB); a larger one is left out with `project::file-too-large`.
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_file_size: Option<u64>,
    /// WeChat's weui extended library, for the apps with `useExtendedLib: { weui: true }`.
    #[arg(long, value_name = "DIR")]
    pub extended_lib: Option<PathBuf>,
    /// Keep converted apps in this folder, by the hash of their files, the options and
    /// miniport's version; an app unchanged since it was stored is written from it.
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
}

/// Every app's output holds the same runtime files: they are written once, into
/// `<out>/.miniport-runtime`, and hard-linked into the apps (each app still has a whole
/// `miniport/` folder). Without the folder, every app gets its own copy, as `convert` writes.
fn shared_runtime(out: &Path, options: &Options) -> Option<Shared> {
    let mut files = miniport::Output::default();
    for (path, content) in miniport::emit::runtime::emitted(options.minify) {
        files.insert(
            format!("{}/{path}", miniport::emit::runtime::RUNTIME_DIR),
            content.as_bytes(),
        );
    }
    Shared::create(&out.join(".miniport-runtime"), files).ok()
}

/// Opens the `--cache` folder, which must not be inside the catalog (it would be read as an app).
fn open_cache(catalog: &Path, dir: &Path, options: &Options) -> Result<Cache, String> {
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .map(|a| a.components().collect::<PathBuf>())
            .unwrap_or_else(|_| p.to_path_buf())
    };
    if catalog.is_dir() && absolute(dir).starts_with(absolute(catalog)) {
        return Err(format!(
            "the cache folder `{}` is inside the catalog `{}`; choose a folder outside it",
            dir.display(),
            catalog.display()
        ));
    }
    Cache::open(dir, options)
        .map_err(|err| format!("cannot open the cache `{}`: {err}", dir.display()))
}

fn fatal(code: Code, message: &str, hint: Option<&str>) -> i32 {
    eprintln!("error[{}]: {message}", code.name);
    if let Some(hint) = hint {
        eprintln!("  help: {hint}");
    }
    EXIT_FATAL
}

pub fn run(args: &BatchArgs) -> i32 {
    let started = Instant::now();
    let shard = match Shard::select(args.shard.as_deref(), |v| std::env::var(v).ok()) {
        Ok(shard) => shard,
        Err(err) => {
            return fatal(
                codes::CLI_BAD_SHARD,
                &err,
                Some("write --shard I/N, e.g. --shard 0/4"),
            )
        }
    };
    let timeout = match args.app_timeout {
        Some(s) if !(s.is_finite() && s > 0.0) => {
            return fatal(
                codes::CLI_BAD_CATALOG,
                "--app-timeout must be a positive number of seconds",
                None,
            )
        }
        Some(s) => Some(Duration::from_secs_f64(s)),
        None => None,
    };
    let catalog = match catalog::list(&args.catalog) {
        Ok(catalog) => catalog,
        Err(err) => {
            return fatal(
                codes::CLI_BAD_CATALOG,
                &err,
                Some("give a folder of apps or archives, or a file listing their paths"),
            )
        }
    };
    let out = match prepare_out(&args.catalog, &args.out) {
        Ok(out) => out,
        Err(err) => return fatal(codes::CLI_BAD_OUTPUT, &err, None),
    };
    let options = super::options(
        args.target,
        args.minify,
        args.max_page_width,
        args.max_file_size,
    );
    let cache = match args
        .cache
        .as_deref()
        .map(|dir| open_cache(&args.catalog, dir, &options))
    {
        None => None,
        Some(Ok(cache)) => Some(cache),
        Some(Err(err)) => return fatal(codes::CLI_BAD_OUTPUT, &err, None),
    };
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = args.jobs {
        pool = pool.num_threads(usize::from(jobs));
    }
    let pool = match pool.build() {
        Ok(pool) => pool,
        Err(err) => return fatal(codes::CLI_THREADS, &err.to_string(), None),
    };
    let catalog_apps = catalog.entries.len();
    let entries: Vec<catalog::Entry> = catalog
        .entries
        .into_iter()
        .filter(|e| shard.is_none_or(|s| s.holds(&e.name)))
        .collect();
    let shared = shared_runtime(&out, &options);
    let ctx = Arc::new(Context {
        options,
        extended_lib: args.extended_lib.clone(),
        apps_dir: out.join("apps"),
        hooks: Hooks::from_env(),
        cache,
        shared,
        running: Mutex::new(Default::default()),
    });
    let mode = if args.format == Format::Json {
        progress::Mode::Quiet
    } else {
        progress::Mode::detect(args.quiet)
    };
    let previous_hook = std::panic::take_hook();
    // A caught panic of one app is reported in its record; the default hook would print it
    // over the progress.
    std::panic::set_hook(Box::new(|_| {}));
    let records = convert_all(&pool, &ctx, &entries, timeout, mode);
    std::panic::set_hook(previous_hook);

    let header = Header {
        options: json!({
            "target": ctx.options.target,
            "minify": ctx.options.minify,
            "maxPageWidth": ctx.options.max_page_width,
            "appTimeout": args.app_timeout,
        }),
        base: catalog.base.clone(),
        catalog_apps,
        catalog_diagnostics: catalog.diagnostics,
        shard: shard.map(|s| (s.index, s.count)),
    };
    let report = assemble(&header, records);
    let report_path = out.join("report.json");
    if let Err(err) = write_file(&report_path, &pretty(&report)) {
        return fatal(
            codes::CLI_WRITE_FAILED,
            &format!("cannot write `{}`: {err}", report_path.display()),
            None,
        );
    }
    let sarif_path = (args.format == Format::Sarif).then(|| out.join("report.sarif"));
    let html_path = out.join("report.html");
    let views = Views {
        sarif: sarif_path.as_deref(),
        junit: args.junit.as_deref(),
        html: Some(&html_path),
    };
    if let Err(err) = write_views(&report, &views, args.fail_on) {
        return fatal(codes::CLI_WRITE_FAILED, &err, None);
    }
    let code = args.fail_on.exit_code(&report);
    summary(args, &report, &report_path, started.elapsed(), code);
    code
}

/// Runs every app on `pool` and collects their records, giving up the ones over `timeout`.
fn convert_all(
    pool: &rayon::ThreadPool,
    ctx: &Arc<Context>,
    entries: &[catalog::Entry],
    timeout: Option<Duration>,
    mode: progress::Mode,
) -> Vec<Value> {
    let total = entries.len();
    let mut progress = progress::Progress::new(mode, total);
    let (tx, rx) = mpsc::channel::<(usize, Option<Value>)>();
    let queue = Arc::new(Queue {
        entries: entries.to_vec(),
        next: AtomicUsize::new(0),
    });
    // Every thread of the pool runs one worker, which takes the next app when it is done with
    // one; the files of the apps in flight are the pool's shared work. The workers are
    // broadcast jobs, which only their own thread runs: a worker spawned as an ordinary job
    // could be stolen by a thread waiting inside an app's `join` and run the rest of the
    // catalog nested on its stack, so that app's time would include the others' (and it could
    // be given up for their time).
    let worker = {
        let (queue, ctx, tx) = (Arc::clone(&queue), Arc::clone(ctx), tx.clone());
        move |_: rayon::BroadcastContext<'_>| work(&queue, &ctx, &tx, None)
    };
    pool.spawn_broadcast(worker);
    let mut records: Vec<Option<Value>> = vec![None; total];
    let mut done = 0;
    while done < total {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok((index, Some(record))) => {
                note_failure(&progress, &record);
                if records[index].replace(record).is_none() {
                    done += 1;
                }
            }
            Ok((_, None)) | Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        if let Some(limit) = timeout {
            let over: Vec<usize> = {
                let mut running = lock(&ctx.running);
                let over: Vec<usize> = running
                    .iter()
                    .filter(|(_, at)| at.elapsed() > limit)
                    .map(|(i, _)| *i)
                    .collect();
                for i in &over {
                    running.remove(i);
                }
                over
            };
            for index in over {
                // The given-up app keeps its thread. A worker of its own takes its place, on a
                // thread and a one-thread pool outside the shared one (without them, the
                // other workers go on).
                if let Ok(own) = rayon::ThreadPoolBuilder::new().num_threads(1).build() {
                    let (queue, ctx, tx) = (Arc::clone(&queue), Arc::clone(ctx), tx.clone());
                    std::thread::spawn(move || work(&queue, &ctx, &tx, Some(&own)));
                }
                let record = app::timed_out(&entries[index], limit);
                note_failure(&progress, &record);
                if records[index].replace(record).is_none() {
                    done += 1;
                }
            }
        }
        let current = lock(&ctx.running)
            .iter()
            .max_by_key(|(_, at)| **at)
            .map(|(i, _)| entries[*i].name.clone());
        progress.update(done, current.as_deref());
    }
    progress.finish(done);
    records
        .into_iter()
        .zip(entries)
        .map(|(record, entry)| record.unwrap_or_else(|| app::lost(entry)))
        .collect()
}

/// A worker: converts the next app of `queue` until none is left, on the current thread's
/// pool or on `own`.
fn work(
    queue: &Queue,
    ctx: &Arc<Context>,
    tx: &mpsc::Sender<(usize, Option<Value>)>,
    own: Option<&rayon::ThreadPool>,
) {
    loop {
        let index = queue.next.fetch_add(1, Ordering::Relaxed);
        let Some(entry) = queue.entries.get(index) else {
            break;
        };
        let convert = || app::convert(index, entry, ctx);
        // `app::convert` catches the conversion's panics; this catches the rest (writing,
        // the record), so that no app leaves the run waiting for its record.
        let record = catch_unwind(AssertUnwindSafe(|| match own {
            Some(pool) => pool.install(convert),
            None => convert(),
        }))
        .unwrap_or_else(|_| Some(app::lost(entry)));
        if tx.send((index, record)).is_err() {
            break;
        }
    }
}

/// The apps of a run, taken in order by the workers.
struct Queue {
    entries: Vec<catalog::Entry>,
    next: AtomicUsize,
}

/// One line for an app that was not converted or has errors.
fn note_failure(progress: &progress::Progress, record: &Value) {
    let status = record["status"].as_str().unwrap_or_default();
    if status == "converted" {
        return;
    }
    let first_error = record["diagnostics"]["list"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["severity"] == "error")
        .map(|d| {
            format!(
                ": error[{}] {}",
                d["code"].as_str().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default()
            )
        })
        .unwrap_or_default();
    let name: String = record["name"]
        .as_str()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    progress.note(&format!("{name}: {status}{first_error}"));
}

/// Checks and creates the output folder: not inside the catalog nor holding it, and empty,
/// new, or the output of an earlier batch. Returns it absolute.
fn prepare_out(catalog: &Path, out: &Path) -> Result<PathBuf, String> {
    let abs = |p: &Path| -> Result<PathBuf, String> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().map_err(|e| e.to_string())?.join(p)
        };
        Ok(p.canonicalize().unwrap_or(p))
    };
    let catalog_abs = abs(catalog)?;
    let catalog_dir = if catalog_abs.is_dir() {
        catalog_abs.clone()
    } else {
        catalog_abs
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    };
    let out_abs = abs(out)?;
    if out_abs.starts_with(&catalog_dir) && catalog_abs.is_dir() {
        return Err(format!(
            "the output folder `{}` is inside the catalog `{}`; choose a folder outside it",
            out.display(),
            catalog.display()
        ));
    }
    if catalog_abs.starts_with(&out_abs) {
        return Err(format!(
            "the catalog `{}` is inside the output folder `{}`",
            catalog.display(),
            out.display()
        ));
    }
    if out_abs.exists() {
        if !out_abs.is_dir() {
            return Err(format!("`{}` exists and is not a folder", out.display()));
        }
        let empty = std::fs::read_dir(&out_abs)
            .map_err(|e| format!("cannot read `{}`: {e}", out.display()))?
            .next()
            .is_none();
        if !empty && !out_abs.join(BATCH_MARKER).is_file() {
            return Err(format!(
                "`{}` already holds files that `miniport batch` did not write; choose an empty or new folder",
                out.display()
            ));
        }
    }
    let apps = out_abs.join("apps");
    std::fs::create_dir_all(&apps)
        .map_err(|e| format!("cannot create `{}`: {e}", apps.display()))?;
    std::fs::write(
        out_abs.join(BATCH_MARKER),
        format!(
            "This folder was written by miniport batch {}; its apps/ and reports are replaced by the next run (apps are written as `{MARKER}` folders).\n",
            env!("CARGO_PKG_VERSION")
        ),
    )
    .map_err(|e| format!("cannot write `{}`: {e}", out.display()))?;
    Ok(out_abs)
}

fn summary(args: &BatchArgs, report: &Value, path: &Path, elapsed: Duration, code: i32) {
    let totals = &report["totals"];
    let statuses = &totals["statuses"];
    match args.format {
        Format::Json => println!(
            "{}",
            json!({ "exitCode": code, "report": path, "totals": totals })
        ),
        _ if args.quiet => {}
        _ => eprintln!(
            "batch: {} apps in {:.1} s: {} converted, {} with errors, {} failed, {} panicked, {} timed out; readiness {}; report `{}`",
            totals["apps"],
            elapsed.as_secs_f64(),
            statuses["converted"],
            statuses["converted-with-errors"],
            statuses["failed"],
            statuses["panicked"],
            statuses["timed-out"],
            totals["readiness"],
            path.display()
        ),
    }
}
