//! miniport: converts a WeChat mini-program into a standard web app (Telegram Mini App,
//! plain web page, or W3C MiniApp package).
//!
//! The compiler is split by language into units that each run parse → analyze → lower →
//! print inside their own folder, over shared facts underneath; imports only point down:
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
//!
//! Everything runs on an in-memory [`source::FileSet`]; only [`project`] reads a folder
//! (`FileSet::read_dir`). The CLI, the tests and embedding tools all go through [`convert()`].

mod convert;
pub mod emit;
pub mod project;
pub mod script;
pub mod source;
pub mod style;
pub mod telegram;
pub mod template;
pub mod wechat;
pub mod wxs;

pub use convert::{convert, convert_dir, convert_dir_with_extended_lib, Conversion, ConvertError};
pub use emit::{Options, Output, Target};
pub use source::{Diagnostic, Severity};
