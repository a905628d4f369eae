//! `miniport convert`: runs the pipeline on a thread pool of `--jobs` threads, prints the
//! diagnostics (miette, or JSON), and writes the output folder.

use std::io::IsTerminal;
use std::time::Instant;

use miniport::source::codes::{self, Code};
use miniport::source::DiagnosticRecord;

use super::render::Report;
use miniport::{convert_dir_with_extended_lib, Conversion, ConvertError, Diagnostic, Options};
use serde_json::json;

use super::write::{check_target, write_output};
use super::{ConvertArgs, Format, EXIT_ERRORS, EXIT_FATAL, EXIT_OK};

pub fn run(args: &ConvertArgs) -> i32 {
    let started = Instant::now();
    let printer = Printer::new(args.format, &args.src);
    if !args.src.is_dir() {
        return printer.fatal(
            codes::CLI_NO_INPUT,
            &format!("`{}` is not a folder", args.src.display()),
            Some("give the folder that holds the mini-program's app.json"),
        );
    }
    let out = match check_target(&args.src, &args.out) {
        Ok(out) => out,
        Err(err) => return printer.fatal(codes::CLI_BAD_OUTPUT, &err.to_string(), None),
    };
    let api_overrides = match &args.api {
        Some(path) => match read_api_overrides(path) {
            Ok(source) => Some(source),
            Err(message) => {
                return printer.fatal(
                    codes::CLI_BAD_API_FILE,
                    &message,
                    Some("--api takes an ES module whose default export receives `wx`"),
                )
            }
        },
        None => None,
    };
    let options = Options {
        api_overrides,
        ..super::options(
            args.target,
            args.minify,
            args.max_page_width,
            args.max_file_size,
        )
    };
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = args.jobs {
        pool = pool.num_threads(usize::from(jobs));
    }
    let pool = match pool.build() {
        Ok(pool) => pool,
        Err(err) => return printer.fatal(codes::CLI_THREADS, &err.to_string(), None),
    };
    let src = args.src.clone();
    let extended_lib = args.extended_lib.as_deref();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pool.install(|| convert_dir_with_extended_lib(&src, extended_lib, &options))
    }));
    let conversion = match result {
        Ok(Ok(conversion)) => conversion,
        Ok(Err(ConvertError::Io(err))) => {
            return printer.fatal(
                codes::CLI_UNREADABLE_INPUT,
                &format!("cannot read `{}`: {err}", args.src.display()),
                None,
            )
        }
        Ok(Err(ConvertError::ExtendedLib(err))) => {
            return printer.fatal(
                codes::CLI_BAD_EXTENDED_LIB,
                &format!("--extended-lib: {err}"),
                Some("give the `weui-miniprogram` package folder, or a folder that holds it (e.g. a node_modules)"),
            )
        }
        Ok(Err(ConvertError::Load(err))) => {
            printer.diagnostics(std::slice::from_ref(&err.diagnostic), &err.files);
            printer.sarif(std::slice::from_ref(&err.diagnostic), &err.files, "");
            return printer.fatal_summary(&err.diagnostic.message);
        }
        Err(_) => {
            return printer.fatal(
                codes::CLI_INTERNAL,
                "miniport hit an internal error; nothing was written",
                Some("please report this with the input that caused it"),
            )
        }
    };
    printer.diagnostics(&conversion.diagnostics, &conversion.files);
    if let Err(err) =
        miniport::source::timing::time("write", || write_output(&out, &conversion.output))
    {
        return printer.fatal(codes::CLI_WRITE_FAILED, &err.to_string(), None);
    }
    let code = if conversion.has_errors() {
        EXIT_ERRORS
    } else {
        EXIT_OK
    };
    printer.done(args, &conversion, started.elapsed().as_secs_f64(), code);
    code
}

/// Reads the `--api` module: a UTF-8 file (it may live outside the mini-program's folder: the
/// user named it on the command line).
fn read_api_overrides(path: &std::path::Path) -> Result<String, String> {
    if path.is_dir() {
        return Err(format!(
            "--api `{}` is a folder, not a file",
            path.display()
        ));
    }
    let bytes = std::fs::read(path).map_err(|err| {
        if err.kind() == std::io::ErrorKind::NotFound {
            format!("--api `{}` does not exist", path.display())
        } else {
            format!("cannot read --api `{}`: {err}", path.display())
        }
    })?;
    String::from_utf8(bytes).map_err(|_| format!("--api `{}` is not UTF-8 text", path.display()))
}

struct Printer {
    format: Format,
    color: bool,
    /// The input folder as given, which SARIF locations are relative to.
    src: std::path::PathBuf,
}

impl Printer {
    fn new(format: Format, src: &std::path::Path) -> Self {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let src = src.to_path_buf();
        Printer { format, color, src }
    }

    fn diagnostics(&self, list: &[Diagnostic], files: &miniport::source::FileSet) {
        if self.format == Format::Human {
            // One line index per file (the list is sorted by file), so that a file with
            // thousands of diagnostics is not read from its start for each.
            let mut index: Option<(&str, miniport::source::LineIndex)> = None;
            for d in list {
                let file = d.file.as_deref();
                if index.as_ref().map(|(f, _)| *f) != file {
                    index = file.and_then(|f| {
                        files
                            .text(f)
                            .map(|t| (f, miniport::source::LineIndex::new(t)))
                    });
                }
                let report = Report::located(d, index.as_ref().map(|(_, i)| i));
                eprint!("{}", report.render(self.color));
            }
        } else {
            // JSON output prints everything once, at the end.
            let _ = (list, files);
        }
    }

    /// With `--format sarif`, prints `list` as a SARIF log whose file paths are relative to
    /// the input folder (`root` is the mini-program's folder inside it).
    fn sarif(&self, list: &[Diagnostic], files: &miniport::source::FileSet, root: &str) {
        if self.format != Format::Sarif {
            return;
        }
        let records: Vec<serde_json::Value> = list
            .iter()
            .map(|d| json!(DiagnosticRecord::from_diagnostic(d, files)))
            .collect();
        let base = self.src.join(root).to_string_lossy().replace('\\', "/");
        let log = super::sarif::log(&[super::sarif::Group {
            base,
            records: &records,
        }]);
        println!("{log:#}");
    }

    fn fatal(&self, code: Code, message: &str, hint: Option<&str>) -> i32 {
        match self.format {
            Format::Human => {
                eprintln!("error[{}]: {message}", code.name);
                if let Some(hint) = hint {
                    eprintln!("  help: {hint}");
                }
            }
            Format::Sarif => {
                let record = json!({ "code": code.name, "severity": code.severity, "message": message, "hint": hint });
                let log = super::sarif::log(&[super::sarif::Group {
                    base: String::new(),
                    records: &[record],
                }]);
                println!("{log:#}");
            }
            Format::Json => println!(
                "{}",
                json!({ "status": "failed", "exitCode": EXIT_FATAL, "diagnostics": [
                    { "code": code.name, "severity": code.severity, "message": message, "hint": hint }
                ]})
            ),
        }
        EXIT_FATAL
    }

    fn fatal_summary(&self, message: &str) -> i32 {
        if self.format == Format::Human {
            eprintln!("nothing was written: {message}");
        }
        EXIT_FATAL
    }

    fn done(&self, args: &ConvertArgs, conversion: &Conversion, seconds: f64, code: i32) {
        let s = conversion.summary;
        match self.format {
            Format::Human => eprintln!(
                "converted `{}` → `{}`: {} pages, {} components, {} stylesheets, {} assets; {} errors, {} warnings ({seconds:.2} s)",
                args.src.display(),
                args.out.display(),
                s.pages,
                s.components,
                s.stylesheets,
                s.assets,
                s.errors,
                s.warnings,
            ),
            Format::Sarif => {
                let root = conversion
                    .output
                    .text("report.json")
                    .and_then(|r| serde_json::from_str::<serde_json::Value>(r).ok())
                    .and_then(|r| r["root"].as_str().map(str::to_string))
                    .unwrap_or_default();
                self.sarif(&conversion.diagnostics, &conversion.files, &root);
            }
            Format::Json => {
                let records = DiagnosticRecord::all(&conversion.diagnostics, &conversion.files);
                println!(
                    "{}",
                    json!({
                        "status": if code == EXIT_OK { "converted" } else { "converted-with-errors" },
                        "exitCode": code,
                        "out": args.out,
                        "summary": s,
                        "seconds": seconds,
                        "diagnostics": records,
                    })
                );
            }
        }
    }
}
