//! miniport: converts a WeChat mini-program into a standard web app (Telegram Mini App,
//! plain web page, or W3C MiniApp package).
//!
//! The pipeline runs on an in-memory [`project::FileSet`]: [`project`] loads configs and
//! indexes files, [`wxss`] compiles stylesheets, [`emit`] writes the output file set. The
//! CLI, the tests and embedding tools all go through [`convert`].

mod convert;
pub mod diagnostics;
pub mod emit;
pub mod ir;
pub mod project;
pub mod script;
pub mod wxml;
pub mod wxss;

pub use convert::{convert, convert_dir, Conversion, ConvertError, Options};
pub use diagnostics::{Diagnostic, Severity};
pub use emit::{Output, Target};
