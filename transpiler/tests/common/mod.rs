//! What the snapshot tests share: the insta settings (snapshots live in the workspace's
//! `snapshots/`) and one text form of diagnostics.

#![allow(dead_code)]

use std::fmt::Write;

use miniport::diagnostics::line_col;
use miniport::project::FileSet;
use miniport::Diagnostic;

/// Asserts a snapshot stored in the workspace-root `snapshots/` folder.
#[macro_export]
macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            snapshot_path => "../../snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

/// Appends one line per diagnostic: `Severity code file:line:col: message`.
pub fn write_diagnostics<'a>(
    text: &mut String,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    files: &FileSet,
) {
    for d in diagnostics {
        let place = match (&d.file, &d.span) {
            (Some(file), Some(span)) => {
                let pos = line_col(files.text(file).unwrap_or_default(), span.start);
                format!("{file}:{}:{}", pos.line, pos.column)
            }
            (Some(file), None) => file.clone(),
            _ => String::new(),
        };
        let _ = writeln!(text, "{:?} {} {place}: {}", d.severity, d.code, d.message);
    }
}
