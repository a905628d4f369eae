//! WXSS on lightningcss: rpx, tag and `page` selectors, component scoping, `@import`, `url()`.
//!
//! [`compile`] parses a sheet with lightningcss (error recovery on), rewrites it with a
//! lightningcss visitor, inlines its imports, and prints it. The rules, WeChat's behaviour
//! being the reference:
//!
//! - **rpx**: every `Nrpx`, in any value (shorthands, `calc()`, custom properties, …),
//!   becomes `calc(N * var(--miniport-rpx))`; the runtime sets `--miniport-rpx` to the
//!   page width / 750. `0rpx` too, since a bare `0` is not a length inside `calc()`.
//! - **Tags**: a type selector naming a built-in component ([`is_builtin`](crate::wechat::tags::is_builtin)) becomes
//!   `wx-<tag>` (still a type selector, so specificity is unchanged). Other tags (custom
//!   components, HTML) are left as written.
//! - **`page`** becomes `wx-page`. In a page sheet every selector is confined to that page
//!   with zero added specificity: `page…` → `wx-page:where([route="<route>"])…`, any other
//!   `X` → `:where(wx-page[route="<route>"]) X`.
//! - **Components**: with `isolated` and `apply-shared` isolation, every class `.x` (also
//!   inside `:not()`, `:is()`, `:where()`, `:has()`) becomes `.<scope>--x`, where
//!   `<scope>` is [`component_scope`] of the component path; `shared` leaves classes
//!   alone. `:host` becomes `[is="<path>"]` and `:host(<sel>)` becomes `[is="<path>"]<sel>`
//!   with `<sel>`'s classes unprefixed (the host's classes are set from outside). Tag, id and
//!   attribute selectors are not scoped: WeChat leaks them too.
//! - **`@import`** (relative or root-absolute; without extension `.wxss` then `.css` is
//!   tried) is replaced in place by the imported file's rules, rewritten with the importing
//!   sheet's kind, inside `@media`/`@supports`/`@layer` when the import names them. A file
//!   is inlined at most once per compiled sheet; a cycle is a `wxss::import-cycle` warning.
//!   Remote imports (`https:`, `//`) are kept as `@import` rules, moved to the top of the
//!   output where CSS requires them.
//! - **`url()`**: local references (relative to the file that contains them, or
//!   root-absolute) are listed in [`CompiledSheet::assets`] and rewritten relative to the
//!   output path; `?query` / `#fragment` suffixes are kept; `data:`, any `scheme:`, `//`
//!   and `#` URLs are untouched.
//! - Everything else survives as written (`@font-face`, `@media`, `@keyframes`,
//!   `@supports`, variables, `env()`/`constant()`, `!important`, vendor prefixes); no
//!   browser targets are set, so nothing is prefixed or lowered (media queries keep their
//!   `min-`/`max-` form rather than becoming range syntax). lightningcss prints
//!   `!important` declarations after the others of their rule, which changes nothing.
//! - **Less and Sass** (`.less`, `.scss`, `.sass`, with WeChat's `useCompilerPlugins`) are
//!   compiled to CSS first ([`preprocess`]), then take every step above like a `.wxss`.
//! - Invalid CSS is recovered from: each dropped part is a warning diagnostic and the rest
//!   of the sheet is kept. A stray `;` between rules (accepted by WeChat) is ignored. Braces
//!   that `wcsc` rejects (a block left open, a nested rule, a `}` that closes nothing) are
//!   errors, repaired where the fix is certain ([`strict`]).

mod depth;
mod errors;
mod imports;
pub mod preprocess;
mod quirks;
mod rewrite;
mod rpx;
mod selectors;
mod strict;
#[cfg(test)]
mod testing;
mod urls;
mod viewport;

pub use preprocess::{Dialect, Plugins};
pub use rpx::RPX_VARIABLE;
pub use selectors::PAGE_TAG;

use lightningcss::rules::CssRuleList;
use lightningcss::stylesheet::{ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::targets::{Features, Targets};

use rayon::prelude::*;

use crate::project::Project;
use crate::source::{self, codes, Diagnostic, FileSet};

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
    /// The compiler plugins switched on, for `.less`/`.scss`/`.sass` sheets.
    pub plugins: Plugins,
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
    compile_with_limit(
        files,
        path,
        out_path,
        options,
        source::DEFAULT_MAX_FILE_SIZE,
    )
}

/// [`compile`], with an imported sheet over `max_file_size` bytes left out
/// (`project::file-too-large`) instead of the default limit.
pub fn compile_with_limit(
    files: &FileSet,
    path: &str,
    out_path: &str,
    options: &SheetOptions,
    max_file_size: usize,
) -> CompiledSheet {
    let Some(text) = files.text(path) else {
        let message = if files.contains(path) {
            format!("`{path}` is not UTF-8 text")
        } else {
            format!("`{path}` is not in the project")
        };
        return CompiledSheet {
            diagnostics: vec![Diagnostic::of(codes::WXSS_MISSING_FILE, message)
                .in_file(path)
                .with_hint("the stylesheet is left out")],
            ..CompiledSheet::default()
        };
    };
    let mut loader = imports::Loader::new(
        files,
        out_path,
        selectors::SelectorRewriter::new(options.kind),
        options.plugins,
    );
    loader.max_file_size = max_file_size;
    let rules = imports::hoist_remote_imports(loader.load(path, text));
    let mut diagnostics = loader.diagnostics;
    let css = print(path, rules, options.minify, &mut diagnostics);
    source::normalize(&mut diagnostics);
    CompiledSheet {
        css,
        assets: loader.assets.into_iter().collect(),
        diagnostics,
    }
}

fn print(
    path: &str,
    rules: CssRuleList,
    minify: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let sheet = StyleSheet::new(vec![path.to_string()], rules, ParserOptions::default());
    let printed = sheet.to_css(PrinterOptions {
        minify,
        // No browser targets: nothing is prefixed or lowered. The one exception keeps
        // `(min-width: 600px)` as written: lightningcss would otherwise print the range
        // syntax `(width >= 600px)`, which older WebViews do not understand.
        targets: Targets {
            browsers: None,
            include: Features::MediaRangeSyntax,
            exclude: Features::empty(),
        },
        ..PrinterOptions::default()
    });
    match printed {
        Ok(result) => result.code,
        Err(error) => {
            diagnostics.push(
                Diagnostic::of(
                    codes::WXSS_PRINT_FAILED,
                    format!("`{path}` could not be printed: {}", error.kind),
                )
                .in_file(path)
                .with_hint("the stylesheet is left out; please report this as a miniport bug"),
            );
            String::new()
        }
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

#[cfg(test)]
mod tests {
    use super::testing::compile_files;
    use super::*;

    #[test]
    fn missing_sheet_is_an_error_with_empty_css() {
        let sheet = compile(
            &FileSet::new(),
            "nope.wxss",
            "nope.css",
            &SheetOptions {
                kind: SheetKind::App,
                minify: false,
                plugins: Plugins::default(),
            },
        );
        assert_eq!(sheet.css, "");
        assert_eq!(sheet.diagnostics[0].code, codes::WXSS_MISSING_FILE.name);
    }

    #[test]
    fn invalid_declaration_is_dropped_and_the_rest_kept() {
        let sheet = compile_files(
            &[("a.wxss", ".a{wid th:1px;color:red}.b{color:red}")],
            SheetKind::App,
        );
        assert_eq!(sheet.css, ".a{color:red}.b{color:red}");
        assert_eq!(sheet.diagnostics.len(), 1);
        let d = &sheet.diagnostics[0];
        assert_eq!(
            (d.code, d.severity),
            (codes::WXSS_INVALID_CSS.name, crate::Severity::Warning)
        );
        assert_eq!(d.span, Some(7..8), "points at `th`");
    }

    #[test]
    fn charset_and_stray_semicolons_make_no_noise() {
        let sheet = compile_files(
            &[(
                "a.wxss",
                "@charset \"utf-8\";\n.a{color:red};\n;\n.b{color:red}",
            )],
            SheetKind::App,
        );
        assert_eq!(sheet.css, ".a{color:red}.b{color:red}");
        assert!(sheet.diagnostics.is_empty(), "{:?}", sheet.diagnostics);
    }

    #[test]
    fn import_without_semicolon_keeps_the_next_rule_as_wcsc_does() {
        let sheet = compile_files(
            &[
                ("a.wxss", "@import 'b.wxss'\n.a{color:red}\n.c{color:blue}"),
                ("b.wxss", ".b{margin:0}"),
            ],
            SheetKind::App,
        );
        assert_eq!(sheet.css, ".b{margin:0}.a{color:red}.c{color:#00f}");
        assert!(sheet.diagnostics.is_empty(), "{:?}", sheet.diagnostics);
    }

    #[test]
    fn import_after_a_rule_is_inlined_where_it_stands_as_wcsc_does() {
        let sheet = compile_files(
            &[
                ("a.wxss", ".x{color:red}\n@import 'b.wxss'\n.a{color:red}"),
                ("b.wxss", ".b{margin:0}"),
            ],
            SheetKind::App,
        );
        assert_eq!(sheet.css, ".x{color:red}.b{margin:0}.a{color:red}");
        assert!(sheet.diagnostics.is_empty(), "{:?}", sheet.diagnostics);
    }

    #[test]
    fn late_import_of_a_missing_file_is_located_at_the_import() {
        let text = ".x{color:red}\n@import 'nope.wxss';";
        let sheet = compile_files(&[("a.wxss", text)], SheetKind::App);
        let d = &sheet.diagnostics[0];
        assert_eq!(d.code, codes::WXSS_MISSING_IMPORT.name);
        let span = d.span.clone().unwrap_or_default();
        assert_eq!(&text[span.start..span.start + 7], "@import");
    }

    #[test]
    fn garbage_input_never_panics() {
        for text in [
            "}",
            "{{{{",
            "@import",
            "@import url(",
            ".a{",
            "\"",
            "/*",
            "@media{",
            ":host(",
            "a[",
            "\u{0}",
        ] {
            let _ = compile_files(
                &[("a.wxss", text)],
                SheetKind::Component {
                    path: "c",
                    isolation: Isolation::Isolated,
                },
            );
            let _ = compile_files(&[("a.wxss", text)], SheetKind::Page { route: "p" });
        }
    }
}

/// A stylesheet of the project compiled for the output: source path, output path, result.
#[derive(Debug, Clone)]
pub struct EmittedSheet {
    pub source: String,
    pub out: String,
    pub sheet: CompiledSheet,
}

/// The output path of the CSS compiled from `wxss` (`pages/a/a.wxss` → `pages/a/a.css`; the
/// same for `.less`, `.scss` and `.sass`).
pub fn css_path(wxss: &str) -> String {
    let base = [".wxss", ".less", ".scss", ".sass"]
        .iter()
        .find_map(|ext| wxss.strip_suffix(ext));
    match base {
        Some(base) => format!("{base}.css"),
        None => format!("{wxss}.css"),
    }
}

/// Compiles every stylesheet of `project` in parallel: `app.wxss`, each page's, each
/// component's (with its isolation), each under the file guard ([`source::guard_file`]: the
/// size limit, and a panic left to that sheet).
pub fn compile_project(project: &Project, minify: bool) -> Vec<EmittedSheet> {
    let plugins = Plugins::from_names(&project.meta.compiler_plugins);
    sheet_jobs(project)
        .par_iter()
        .map(|(source, kind)| {
            let out = css_path(source);
            let len = project.files.text(source).map_or(0, str::len);
            let options = SheetOptions {
                kind: *kind,
                minify,
                plugins,
            };
            let max = project.max_file_size();
            let sheet = source::guard_file(source, len, max, || {
                source::on_big_stack(|| {
                    compile_with_limit(&project.files, source, &out, &options, max)
                })
            })
            .unwrap_or_else(|diagnostic| CompiledSheet {
                diagnostics: vec![*diagnostic],
                ..CompiledSheet::default()
            });
            EmittedSheet {
                source: source.to_string(),
                out,
                sheet,
            }
        })
        .collect()
}

/// Every stylesheet to compile, with what it belongs to: `app.wxss` (or `app.less`,
/// `app.scss`, `app.sass`), pages, components.
fn sheet_jobs(project: &Project) -> Vec<(&str, SheetKind<'_>)> {
    let mut jobs = Vec::new();
    let app_sheet = ["app.wxss", "app.less", "app.scss", "app.sass"]
        .into_iter()
        .find(|path| project.files.contains(path));
    if let (Some(app_sheet), Some(_)) = (app_sheet, &project.app) {
        jobs.push((app_sheet, SheetKind::App));
    }
    for page in &project.pages {
        if let Some(wxss) = &page.files.wxss {
            jobs.push((wxss.as_str(), SheetKind::Page { route: &page.route }));
        }
    }
    for (path, component) in &project.components {
        if let Some(wxss) = &component.files.wxss {
            let isolation = Isolation::parse(component.config.style_isolation.as_deref());
            jobs.push((
                wxss.as_str(),
                SheetKind::Component {
                    path: path.as_str(),
                    isolation,
                },
            ));
        }
    }
    jobs
}
