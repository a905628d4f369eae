//! WXSS on lightningcss: rpx, tag and `page` selectors, component scoping, `@import`, `url()`.

use crate::diagnostics::Diagnostic;
use crate::project::FileSet;

/// How a component's styles are isolated (`styleIsolation`, DESIGN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Isolation {
    #[default]
    Isolated,
    ApplyShared,
    Shared,
}

impl Isolation {
    pub fn parse(value: Option<&str>) -> Self {
        match value {
            Some("apply-shared") => Isolation::ApplyShared,
            Some("shared") => Isolation::Shared,
            _ => Isolation::Isolated,
        }
    }
}

/// What a stylesheet belongs to, which decides how its selectors are rewritten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind<'a> {
    /// `app.wxss`: applies to every page.
    App,
    /// A page's stylesheet: applies only inside that page's root.
    Page { route: &'a str },
    /// A component's stylesheet, scoped per DESIGN.md.
    Component { path: &'a str, isolation: Isolation },
}

#[derive(Debug, Clone, Copy)]
pub struct SheetOptions<'a> {
    pub kind: SheetKind<'a>,
    pub minify: bool,
}

/// A compiled stylesheet.
#[derive(Debug, Clone, Default)]
pub struct CompiledSheet {
    pub css: String,
    /// Root-relative paths of the local files that `url()` refers to.
    pub assets: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Compiles the WXSS file `path` into CSS that will be written at `out_path` (both
/// root-relative; `url()`s are rewritten relative to `out_path`).
pub fn compile(
    files: &FileSet,
    path: &str,
    out_path: &str,
    options: &SheetOptions,
) -> CompiledSheet {
    let _ = (out_path, options);
    CompiledSheet {
        css: files.text(path).unwrap_or_default().to_string(),
        ..Default::default()
    }
}

/// The class-name prefix of a component's scope, derived from its path.
pub fn component_scope(path: &str) -> String {
    path.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
