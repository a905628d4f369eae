//! Command-line parsing (clap) and dispatch to the subcommands; owns the exit codes.

mod batch;
mod convert;
mod excerpt;
mod render;
mod report;
mod sarif;
mod serve;
mod verify;
mod write;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit code when the app was converted (warnings allowed).
pub const EXIT_OK: i32 = 0;
/// Exit code when the app was converted with errors: output written, broken parts degraded.
pub const EXIT_ERRORS: i32 = 1;
/// Exit code when nothing could be written.
pub const EXIT_FATAL: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "miniport",
    version,
    about = "Convert a WeChat mini-program into a Telegram Mini App or a web app"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Convert a mini-program (or a component library) into a static site.
    Convert(ConvertArgs),
    /// Convert a catalog of mini-programs (a folder of apps or archives, or a list file).
    Batch(batch::BatchArgs),
    /// Work with the `report.json` of `miniport batch` (merge the reports of shards).
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Serve a converted app on localhost for preview.
    Serve(ServeArgs),
    /// Check a Telegram Mini App's initData (from `wx.login`'s code) on your server's behalf:
    /// exit 0 and the fields as JSON when valid, 1 and the reason when not.
    VerifyInitData(VerifyInitDataArgs),
}

#[derive(clap::Args, Debug)]
pub struct ConvertArgs {
    /// The mini-program folder (with app.json or project.config.json), or a component library.
    pub src: PathBuf,
    /// Output folder. Replaced as a whole when the conversion succeeds.
    #[arg(short, long)]
    pub out: PathBuf,
    /// Where the converted app will run.
    #[arg(long, value_enum, default_value_t = TargetArg::Telegram)]
    pub target: TargetArg,
    /// Minify the emitted CSS.
    #[arg(long)]
    pub minify: bool,
    /// Worker threads (default: one per core). Output is identical for any value.
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// How diagnostics are printed.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Widest page in CSS pixels on large screens; rpx scales with the page width up to it.
    #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u32).range(200..=4000))]
    pub max_page_width: u32,
    /// An ES module of the app's own API implementations (its default export receives `wx`),
    /// copied into the output as `miniport-api.js`.
    #[arg(long, value_name = "FILE")]
    pub api: Option<PathBuf>,
    /// WeChat's weui extended library for an app with `useExtendedLib: { weui: true }`: the
    /// `weui-miniprogram` package folder, or a folder holding it (such as a node_modules).
    #[arg(long, value_name = "DIR")]
    pub extended_lib: Option<PathBuf>,
    /// The largest source file converted, in bytes (default: `maxFileSize` of miniport.json,
    /// else 8 MiB); a larger one is left out with `project::file-too-large`.
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_file_size: Option<u64>,
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// A folder written by `miniport convert`.
    pub dir: PathBuf,
    /// Port to listen on (0 picks a free one).
    #[arg(short, long, default_value_t = 8080)]
    pub port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
}

#[derive(clap::Args, Debug)]
pub struct VerifyInitDataArgs {
    /// The bot token (HMAC-SHA256 check of `hash`); default: the MINIPORT_BOT_TOKEN
    /// environment variable.
    #[arg(long, value_name = "TOKEN")]
    pub bot_token: Option<String>,
    /// The bot id, to check Telegram's Ed25519 `signature` (third-party validation, no token).
    #[arg(long, value_name = "ID")]
    pub bot_id: Option<u64>,
    /// The signature comes from Telegram's test environment (its own public key).
    #[arg(long)]
    pub test_environment: bool,
    /// Check the signature with this Ed25519 public key (64 hex digits) instead of Telegram's.
    #[arg(long, value_name = "HEX", conflicts_with = "test_environment")]
    pub public_key: Option<String>,
    /// Refuse data whose `auth_date` is older than this many seconds (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = 86400)]
    pub max_age: u64,
    /// The initData query string, exactly as the client sent it (`tma ` prefix allowed).
    pub init_data: String,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetArg {
    Telegram,
    Web,
    W3c,
}

/// The conversion options of `convert` and `batch` (`api_overrides` is `convert`'s alone).
pub fn options(
    target: TargetArg,
    minify: bool,
    max_page_width: u32,
    max_file_size: Option<u64>,
) -> miniport::Options {
    miniport::Options {
        target: match target {
            TargetArg::Telegram => miniport::Target::Telegram,
            TargetArg::Web => miniport::Target::Web,
            TargetArg::W3c => miniport::Target::W3c,
        },
        minify,
        max_page_width,
        api_overrides: None,
        max_file_size: max_file_size.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    /// SARIF 2.1.0 on stdout, for code-scanning tools.
    Sarif,
}

/// Runs the command line and returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                EXIT_FATAL
            } else {
                EXIT_OK
            };
        }
    };
    match cli.command {
        Command::Convert(args) => convert::run(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Report(command) => report::run(&command),
        Command::Serve(args) => serve::run(&args),
        Command::VerifyInitData(args) => verify::run(&args),
    }
}
