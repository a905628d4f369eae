//! Converting one app of a catalog on its worker: read it (a folder, or an
//! archive in memory), take it from the cache or convert it with any panic caught, write its
//! output folder atomically unless it was given up for its timeout, and describe it as its
//! record of `report.json`.
//!
//! Test-only hooks (read once per run; never set them outside tests):
//! `MINIPORT_TEST_PANIC_APP=<name>[,<name>…]` makes those apps panic inside their conversion,
//! `MINIPORT_TEST_SLOW_APP=<name>=<seconds>[,…]` makes them take that long.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use miniport::source::codes::{self, Code};
use miniport::source::{DiagnosticRecord, FileSet};
use miniport::{convert_read, Conversion, ConvertError, Diagnostic};
use miniport::{Options, Output, Severity};
use serde_json::{json, Map, Value};

use super::cache::Cache;
use super::catalog::{Entry, Source};
use crate::cli::write::{check_target, write_output_sharing, Shared};

/// The test-only hooks of the batch (see the module's documentation).
#[derive(Debug, Default, Clone)]
pub struct Hooks {
    panic: Vec<String>,
    slow: Vec<(String, Duration)>,
}

impl Hooks {
    pub fn from_env() -> Hooks {
        let list = |var: &str| -> Vec<String> {
            std::env::var(var)
                .map(|v| v.split(',').map(str::to_string).collect())
                .unwrap_or_default()
        };
        Hooks {
            panic: list("MINIPORT_TEST_PANIC_APP"),
            slow: list("MINIPORT_TEST_SLOW_APP")
                .iter()
                .filter_map(|item| {
                    let (name, seconds) = item.split_once('=')?;
                    let seconds: f64 = seconds.parse().ok()?;
                    Some((name.to_string(), Duration::from_secs_f64(seconds.max(0.0))))
                })
                .collect(),
        }
    }

    fn run(&self, name: &str) {
        if let Some((_, how_long)) = self.slow.iter().find(|(n, _)| n == name) {
            let until = Instant::now() + *how_long;
            while Instant::now() < until {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        if self.panic.iter().any(|n| n == name) {
            panic!("test hook: MINIPORT_TEST_PANIC_APP names `{name}`");
        }
    }
}

/// What every app of a run shares.
pub struct Context {
    pub options: Options,
    pub extended_lib: Option<PathBuf>,
    /// `<out>/apps`, absolute.
    pub apps_dir: PathBuf,
    pub hooks: Hooks,
    /// `--cache`: converted apps by the hash of what made them.
    pub cache: Option<Cache>,
    /// The runtime, written once into `<out>/.miniport-runtime` and hard-linked into each app.
    pub shared: Option<Shared>,
    /// The apps being converted, by index, with when they started. An app that is no longer
    /// here when it is about to write was given up for its timeout.
    pub running: Mutex<BTreeMap<usize, Instant>>,
}

/// What an app's sources became: a conversion (with its cache key, when caching), or the
/// output and record of an earlier run with the same key.
enum Converted {
    Fresh(Box<Conversion>, Option<String>),
    Cached(Output, Map<String, Value>),
}

/// Why an app produced no conversion.
struct Failure {
    status: &'static str,
    diagnostics: Vec<Value>,
}

impl Failure {
    fn of(status: &'static str, code: Code, message: String, hint: Option<&str>) -> Failure {
        let mut d = Diagnostic::of(code, message);
        if let Some(hint) = hint {
            d = d.with_hint(hint);
        }
        Failure {
            status,
            diagnostics: vec![json!(DiagnosticRecord::from_diagnostic(
                &d,
                &FileSet::new()
            ))],
        }
    }
}

/// Converts the app `index` and returns its record, or `None` when it was given up for its
/// timeout meanwhile (its record was made by the run, and nothing is written).
pub fn convert(index: usize, entry: &Entry, ctx: &Context) -> Option<Value> {
    let started = Instant::now();
    lock(&ctx.running).insert(index, started);
    let result = catch_unwind(AssertUnwindSafe(|| {
        ctx.hooks.run(&entry.name);
        load_and_convert(entry, ctx)
    }));
    let result = match result {
        Ok(result) => result,
        Err(payload) => Err(Failure::of(
            "panicked",
            codes::BATCH_APP_PANICKED,
            format!(
                "converting `{}` hit an internal error: {}",
                entry.name,
                panic_message(&payload)
            ),
            Some("please report this with the app; the other apps were converted"),
        )),
    };
    // Past this point the app is either written or given up, never both.
    lock(&ctx.running).remove(&index)?;
    let mut record = match result {
        Ok(Converted::Fresh(conversion, key)) => match write(entry, ctx, &conversion.output) {
            Ok(()) => {
                let mut record = converted(entry, &conversion);
                if let (Some(cache), Some(key)) = (&ctx.cache, key) {
                    cache.put(&key, &conversion.output, &record);
                    record.insert("cache".into(), json!("miss"));
                }
                record
            }
            Err(failure) => failed(entry, failure),
        },
        Ok(Converted::Cached(output, mut record)) => match write(entry, ctx, &output) {
            Ok(()) => {
                // The same sources may come under another name or path than when they were stored.
                for (key, value) in base(entry, "") {
                    if key != "status" {
                        record.insert(key, value);
                    }
                }
                record.insert("out".into(), json!(format!("apps/{}", entry.name)));
                record.insert("cache".into(), json!("hit"));
                record
            }
            Err(failure) => failed(entry, failure),
        },
        Err(failure) => failed(entry, failure),
    };
    record.insert("seconds".into(), json!(round_ms(started.elapsed())));
    Some(Value::Object(record))
}

/// The record of an app given up after `timeout`.
pub fn timed_out(entry: &Entry, timeout: Duration) -> Value {
    let mut record = failed(
        entry,
        Failure::of(
            "timed-out",
            codes::BATCH_APP_TIMEOUT,
            format!(
                "`{}` took longer than {} s to convert; it was given up",
                entry.name,
                timeout.as_secs_f64()
            ),
            Some("raise --app-timeout, or convert the app alone with `miniport convert`"),
        ),
    );
    record.insert("seconds".into(), json!(round_ms(timeout)));
    Value::Object(record)
}

/// The record of an app whose worker ended without a word (it cannot happen while every panic
/// is caught; the report still lists the app).
pub fn lost(entry: &Entry) -> Value {
    let mut record = failed(
        entry,
        Failure::of(
            "panicked",
            codes::BATCH_APP_PANICKED,
            format!(
                "the worker converting `{}` ended without a result",
                entry.name
            ),
            Some("please report this with the app"),
        ),
    );
    record.insert("seconds".into(), json!(0.0));
    Value::Object(record)
}

fn load_and_convert(entry: &Entry, ctx: &Context) -> Result<Converted, Failure> {
    let (mut files, mut read) = match &entry.location {
        Source::Folder(dir) => FileSet::read_dir(dir).map_err(|err| {
            Failure::of(
                "failed",
                codes::CLI_UNREADABLE_INPUT,
                format!("cannot read `{}`: {err}", entry.source),
                None,
            )
        })?,
        Source::Archive(path, kind) => {
            let bytes = std::fs::read(path).map_err(|err| {
                Failure::of(
                    "failed",
                    codes::BATCH_BAD_ARCHIVE,
                    format!("`{}` cannot be read: {err}", entry.source),
                    None,
                )
            })?;
            FileSet::read_archive(&entry.source, *kind, &bytes).map_err(|err| {
                Failure::of(
                    "failed",
                    codes::BATCH_BAD_ARCHIVE,
                    err.to_string(),
                    Some("check that the archive is a complete .zip or .tar.gz"),
                )
            })?
        }
        Source::Missing(path) => {
            return Err(Failure::of(
                "failed",
                codes::BATCH_MISSING_APP,
                format!(
                    "`{}` is neither a folder nor a .zip or .tar.gz archive",
                    path.display()
                ),
                Some("fix the path in the catalog list (it is relative to the list's folder)"),
            ))
        }
    };
    if let Some(lib) = &ctx.extended_lib {
        match files.read_extended_lib(lib) {
            Ok(found) => read.extend(found),
            Err(err) => return Err(extended_lib_failure(&err)),
        }
    }
    let key = ctx.cache.as_ref().map(|cache| cache.key(&files, &read));
    if let (Some(cache), Some(key)) = (&ctx.cache, &key) {
        if let Some((output, record)) = cache.get(key) {
            return Ok(Converted::Cached(output, record));
        }
    }
    match convert_read(files, read, &ctx.options) {
        Ok(conversion) => Ok(Converted::Fresh(Box::new(conversion), key)),
        Err(ConvertError::Io(err)) => Err(Failure::of(
            "failed",
            codes::CLI_UNREADABLE_INPUT,
            format!("cannot read `{}`: {err}", entry.source),
            None,
        )),
        Err(ConvertError::ExtendedLib(err)) => Err(extended_lib_failure(&err)),
        Err(ConvertError::Load(err)) => Err(Failure {
            status: "failed",
            diagnostics: vec![json!(DiagnosticRecord::from_diagnostic(
                &err.diagnostic,
                &err.files
            ))],
        }),
    }
}

fn extended_lib_failure(err: &std::io::Error) -> Failure {
    Failure::of(
        "failed",
        codes::CLI_BAD_EXTENDED_LIB,
        format!("--extended-lib: {err}"),
        None,
    )
}

/// Writes the app's output to `<out>/apps/<name>` through a temporary folder beside it.
fn write(entry: &Entry, ctx: &Context, output: &Output) -> Result<(), Failure> {
    let out = ctx.apps_dir.join(&entry.name);
    let src = match &entry.location {
        Source::Folder(p) | Source::Archive(p, _) | Source::Missing(p) => p,
    };
    let fail = |err: &dyn std::fmt::Display| {
        Failure::of("failed", codes::CLI_WRITE_FAILED, err.to_string(), None)
    };
    let out = check_target(src, &out).map_err(|e| fail(&e))?;
    write_output_sharing(&out, output, ctx.shared.as_ref()).map_err(|e| fail(&e))
}

/// The record of a converted app, from its `report.json` and its conversion.
fn converted(entry: &Entry, conversion: &Conversion) -> Map<String, Value> {
    let per_app: Value = conversion
        .output
        .text("report.json")
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or(Value::Null);
    let records: Vec<Value> = conversion
        .diagnostics
        .iter()
        .map(|d| json!(DiagnosticRecord::from_diagnostic(d, &conversion.files)))
        .collect();
    let status = if conversion.has_errors() {
        "converted-with-errors"
    } else {
        "converted"
    };
    let mut record = base(entry, status);
    let s = conversion.summary;
    record.insert("out".into(), json!(format!("apps/{}", entry.name)));
    record.insert("mode".into(), per_app["mode"].clone());
    record.insert("root".into(), per_app["root"].clone());
    for (key, n) in [
        ("pages", s.pages),
        ("components", s.components),
        ("stylesheets", s.stylesheets),
        ("assets", s.assets),
        ("files", conversion.files.len()),
        ("bytes", conversion.files.total_bytes()),
        ("outputFiles", conversion.output.files.len()),
        (
            "outputBytes",
            conversion.output.files.values().map(Vec::len).sum(),
        ),
    ] {
        record.insert(key.into(), json!(n));
    }
    record.insert("readiness".into(), per_app["readiness"].clone());
    record.insert("diagnostics".into(), diagnostics(records));
    let mut apis = Map::new();
    for (name, api) in per_app["apis"].as_object().into_iter().flatten() {
        apis.insert(
            name.clone(),
            json!({ "status": api["status"], "implemented": api["implemented"], "count": api["count"] }),
        );
    }
    record.insert("apis".into(), Value::Object(apis));
    record.insert("builtins".into(), per_app["builtins"].clone());
    record
}

/// The record of an app that was not converted.
fn failed(entry: &Entry, failure: Failure) -> Map<String, Value> {
    let mut record = base(entry, failure.status);
    record.insert("out".into(), Value::Null);
    record.insert("mode".into(), Value::Null);
    record.insert("root".into(), json!(""));
    for key in [
        "pages",
        "components",
        "stylesheets",
        "assets",
        "files",
        "bytes",
        "outputFiles",
        "outputBytes",
    ] {
        record.insert(key.into(), json!(0));
    }
    record.insert(
        "readiness".into(),
        json!({ "score": 0, "errors": 0.0, "apis": 0.0, "builtins": 0.0 }),
    );
    record.insert("diagnostics".into(), diagnostics(failure.diagnostics));
    record.insert("apis".into(), json!({}));
    record.insert("builtins".into(), json!({}));
    record
}

fn base(entry: &Entry, status: &str) -> Map<String, Value> {
    let kind = match entry.location {
        Source::Archive(..) => "archive",
        Source::Folder(_) | Source::Missing(_) => "folder",
    };
    let mut record = Map::new();
    record.insert("name".into(), json!(entry.name));
    record.insert("source".into(), json!(entry.source));
    record.insert("kind".into(), json!(kind));
    record.insert("status".into(), json!(status));
    record
}

/// Diagnostics by severity, by code (with the code's severity), and the full list.
fn diagnostics(list: Vec<Value>) -> Value {
    let mut by_severity = Map::new();
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let name = json!(severity);
        let n = list.iter().filter(|d| d["severity"] == name).count();
        if let Value::String(name) = name {
            by_severity.insert(name, json!(n));
        }
    }
    let mut by_code: BTreeMap<String, (Value, usize)> = BTreeMap::new();
    for d in &list {
        let code = d["code"].as_str().unwrap_or_default().to_string();
        by_code
            .entry(code)
            .or_insert_with(|| (d["severity"].clone(), 0))
            .1 += 1;
    }
    let by_code: Map<String, Value> = by_code
        .into_iter()
        .map(|(code, (severity, count))| (code, json!({ "severity": severity, "count": count })))
        .collect();
    json!({ "bySeverity": by_severity, "byCode": by_code, "list": list })
}

/// Seconds rounded to the millisecond.
fn round_ms(duration: Duration) -> f64 {
    (duration.as_secs_f64() * 1000.0).round() / 1000.0
}

fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// Locks `mutex`, also after a panic elsewhere poisoned it (the map stays consistent: each
/// change is one insert or remove).
pub fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
