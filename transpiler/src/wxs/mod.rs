//! WXS, WeChat's template script: checked against WeChat's ES5 subset ([`check`]), rewritten
//! so that strict mode keeps WeChat's meaning ([`rewrite`]), and printed as a module factory
//! the runtime runs once ([`print`](mod@print)). Templates load WXS; JavaScript cannot `require` it.
//! Each `.wxs` file is compiled once, here ([`compile_files`]); inline `<wxs>` once, when its
//! template is linked.

pub mod check;
pub mod print;
pub mod rewrite;

pub use check::check_wxs;
pub use print::{wxs_module, wxs_module_path};
pub use rewrite::{compile_wxs, CompiledWxs, WxsRequire};

use rayon::prelude::*;

use crate::source::{guard_file, Diagnostic, FileSet};

/// Every `.wxs` file of a project, compiled.
#[derive(Debug, Clone, Default)]
pub struct WxsFiles {
    /// (output path, ES module) of each file, in path order.
    pub modules: Vec<(String, String)>,
    /// What compiling found, for the files outside hidden folders.
    pub diagnostics: Vec<Diagnostic>,
}

/// Compiles every `.wxs` file of `files` once, in parallel, each under the file guard
/// ([`guard_file`]: at most `max_size` bytes, and a panic left to that module, which then
/// throws when a template loads it).
pub fn compile_files(files: &FileSet, max_size: usize) -> WxsFiles {
    let paths: Vec<&str> = files.paths().filter(|p| p.ends_with(".wxs")).collect();
    let compiled: Vec<(&str, CompiledWxs)> = paths
        .par_iter()
        .map(|path| {
            let text = files.text(path).unwrap_or_default();
            let wxs = guard_file(path, text.len(), max_size, || {
                compile_wxs(path, text, 0, files)
            })
            .unwrap_or_else(|diagnostic| CompiledWxs {
                body: format!(
                    "throw new Error({});\n",
                    serde_json::to_string(&diagnostic.message).unwrap_or_default()
                ),
                requires: Vec::new(),
                diagnostics: vec![*diagnostic],
            });
            (*path, wxs)
        })
        .collect();
    let mut out = WxsFiles::default();
    for (path, wxs) in compiled {
        out.modules
            .push((wxs_module_path(path), wxs_module(path, &wxs)));
        if !path.split('/').any(|s| s.starts_with('.')) {
            out.diagnostics.extend(wxs.diagnostics);
        }
    }
    out
}
