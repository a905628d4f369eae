//! miniport converts a WeChat mini-program into a standard web app: a Telegram Mini App
//! (the default), a plain web page, or a W3C MiniApp package.
//!
//! # Converting from Rust
//!
//! Everything runs on an in-memory [`FileSet`]: put the mini-program's files in, get the
//! output files, the diagnostics and a summary out. Nothing touches the file system.
//!
//! ```
//! use miniport::{convert, FileSet, Options, Severity};
//!
//! let mut files = FileSet::new();
//! files.insert("app.json", r#"{ "pages": ["pages/index/index"] }"#);
//! files.insert("app.js", "App({});");
//! files.insert("pages/index/index.wxml", "<view class=\"hi\">{{greeting}}</view>");
//! files.insert("pages/index/index.wxss", ".hi { padding: 20rpx; }");
//! files.insert("pages/index/index.js", "Page({ data: { greeting: 'Hello' } });");
//!
//! let conversion = convert(files, &Options::default())?;
//! assert!(!conversion.has_errors());
//! assert!(conversion.output.get("index.html").is_some());
//! assert_eq!(conversion.summary.pages, 1);
//! for diagnostic in &conversion.diagnostics {
//!     assert_ne!(diagnostic.severity, Severity::Error);
//! }
//! # Ok::<(), miniport::ConvertError>(())
//! ```
//!
//! [`convert_dir`] reads a folder first (the one function that reads the disk).
//! [`Conversion::diagnostics_json`] gives the diagnostics with their line and column as JSON,
//! the shape of `report.json` and of `miniport convert --format json`.
//!
//! # What is the API
//!
//! The items documented here, at the crate root, are the API and follow semantic versioning
//! (README, "Embedding"). The modules below them are public so that miniport's own tests,
//! benchmarks and fuzz targets can reach the phases; they are hidden from these docs and may
//! change in any release.
//!
//! # How the compiler is built
//!
//! It is split by language into units that each run parse → analyze → lower → print inside
//! their own folder, over shared facts underneath; imports only point down:
//!
//! ```text
//!   cli (binary)      the commands; all terminal rendering of diagnostics
//!     │
//!   convert           load → compile the units in parallel → emit
//!     │
//!   emit              assembles the output from the units' typed results
//!     │
//!   template          WXML: parse → lower → link → print (render modules)
//!     │
//!   wxs               WXS: check → rewrite → print (module factories), compiled once
//!     │
//!   script   style    JS/TS on swc; WXSS on lightningcss
//!     │
//!   project           app.json, pages, components, npm: what the app is made of
//!     │
//!   telegram          verifying a Mini App's `initData` for the app's server (no pipeline)
//!
//!   wechat   source   WeChat's facts (tags, wx API table, runtime files); the file set,
//!                     the JSON-path locator, diagnostics as data and the catalog of
//!                     their codes (`source::codes`)
//! ```

#![warn(missing_docs)]

mod convert;
#[doc(hidden)]
pub mod emit;
#[doc(hidden)]
pub mod project;
#[doc(hidden)]
pub mod script;
#[doc(hidden)]
pub mod source;
#[doc(hidden)]
pub mod style;
pub mod telegram;
#[doc(hidden)]
pub mod template;
#[doc(hidden)]
pub mod wechat;
#[doc(hidden)]
pub mod wxs;

pub use convert::{
    convert, convert_dir, convert_dir_with_extended_lib, convert_read, Conversion, ConvertError,
};
pub use emit::{Options, Output, Summary, Target};
pub use project::LoadError;
pub use source::{Content, Diagnostic, DiagnosticRecord, FileSet, Severity};
