//! WXML templates, from text to render code, in four steps:
//! [`parse`] (text → syntax tree), [`lower`] (one file's tree → [`ir::Module`], its
//! directives interpreted), [`link`] (every file of the project parsed and lowered in
//! parallel, then `import`, `include`, `<wxs src>` and template names resolved across
//! files) and [`print`] (IR → ES modules that build vnodes).

pub mod ir;
pub mod link;
pub mod lower;
pub mod parse;
pub mod print;

pub use ir::*;
pub use link::{link, Program};
pub use lower::lower;

use crate::project::Project;
use crate::source::Diagnostic;

/// The templates of a project, compiled.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    /// (output path, ES module) of each `.wxml` file, in path order.
    pub modules: Vec<(String, String)>,
    /// What parsing, lowering and linking found, in path order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses, lowers and links every `.wxml` file of `project`, then prints its render module.
pub fn compile(project: &Project) -> Templates {
    let program = link(project);
    Templates {
        modules: print::compile_program(&program, &project.files),
        diagnostics: program.diagnostics().cloned().collect(),
    }
}
