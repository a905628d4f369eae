//! The bottom of the compiler: the in-memory file set every phase reads, the JSON-path
//! locator that points diagnostics at a config key, diagnostics as plain data, the one
//! catalog of diagnostic codes, and the timing of the passes (`MINIPORT_TIME_PASSES`).

pub mod codes;
mod diagnostic;
mod file_set;
pub mod guard;
mod locate;
pub mod timing;

pub use diagnostic::{
    line_col, normalize, offset_of_utf16, Diagnostic, DiagnosticRecord, LineCol, LineIndex,
    Severity,
};
pub use file_set::{normalize_path, relative_url, Content, FileSet};
pub use guard::{guard_file, on_big_stack, DEFAULT_MAX_FILE_SIZE};
pub use locate::{locate, Located, Step};
