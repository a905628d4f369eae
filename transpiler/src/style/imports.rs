//! Loading a sheet and inlining its `@import`s: resolution, `.wxss`/`.css` fallback,
//! once-per-sheet inlining, cycle detection, and media/supports/layer wrapping. A `.less`,
//! `.scss` or `.sass` sheet (the page's own or an imported one) is compiled to CSS first.

use std::collections::BTreeSet;
use std::sync::{Arc, RwLock};

use lightningcss::error::ParserError;
use lightningcss::media_query::MediaList;
use lightningcss::properties::custom::{Token, TokenOrValue};
use lightningcss::rules::import::ImportRule;
use lightningcss::rules::layer::LayerBlockRule;
use lightningcss::rules::media::MediaRule;
use lightningcss::rules::supports::SupportsRule;
use lightningcss::rules::unknown::UnknownAtRule;
use lightningcss::rules::{CssRule, CssRuleList};
use lightningcss::stylesheet::{ParserOptions, StyleSheet};
use lightningcss::visitor::Visit;

use super::errors::{span_at, warning_to_diagnostic, widen_to};
use super::preprocess::{self, Dialect, Plugins};
use super::quirks::{neutralise, LATE_IMPORT};
use super::rewrite::Rewriter;
use super::selectors::SelectorRewriter;
use super::urls::{is_external, UrlContext};
use crate::source::guard::file_too_large;
use crate::source::FileSet;
use crate::source::{codes, Diagnostic, LineIndex, DEFAULT_MAX_FILE_SIZE};

/// The state of compiling one sheet with everything it imports.
pub struct Loader<'f> {
    pub files: &'f FileSet,
    pub out_path: &'f str,
    pub selectors: SelectorRewriter,
    pub plugins: Plugins,
    /// Files already inlined (or being inlined) into this sheet.
    seen: BTreeSet<String>,
    /// The chain of files being loaded, for cycle reports.
    stack: Vec<String>,
    pub assets: BTreeSet<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// The largest file read (the sheet and each import), in bytes.
    pub max_file_size: usize,
    /// The `@media`, `@supports` and `@layer` blocks that the imports being inlined wrap
    /// around the file being loaded.
    wrapped: usize,
}

impl<'f> Loader<'f> {
    pub fn new(
        files: &'f FileSet,
        out_path: &'f str,
        selectors: SelectorRewriter,
        plugins: Plugins,
    ) -> Self {
        Loader {
            files,
            out_path,
            selectors,
            plugins,
            seen: BTreeSet::new(),
            stack: Vec::new(),
            assets: BTreeSet::new(),
            diagnostics: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            wrapped: 0,
        }
    }

    /// Parses, rewrites and inlines the imports of the file `path`, whose text is `text`.
    pub fn load(&mut self, path: &str, text: &'f str) -> CssRuleList<'f> {
        self.seen.insert(path.to_string());
        if text.len() > self.max_file_size {
            self.diagnostics
                .push(file_too_large(path, text.len(), self.max_file_size));
            return CssRuleList(Vec::new());
        }
        if let Some(too_deep) = super::depth::check(path, text) {
            self.diagnostics.push(too_deep);
            return CssRuleList(Vec::new());
        }
        self.stack.push(path.to_string());
        use lightningcss::traits::IntoOwned;
        let compiled = match Dialect::of(path) {
            None => None,
            Some(dialect) => {
                let out = preprocess::compile(self.files, path, dialect, self.plugins);
                self.diagnostics.extend(out.diagnostics);
                let Some(css) = out.css else {
                    self.stack.pop();
                    return CssRuleList(Vec::new());
                };
                Some(css)
            }
        };
        // Diagnostics from here on about `path` itself point into the compiled CSS when it
        // was compiled, not into the file: they keep the file and lose the span.
        let first_own = self.diagnostics.len();
        let source = compiled.as_deref().unwrap_or(text);
        // wcsc's strictness applies to what the author wrote, not to Less or Sass output.
        let repaired = match compiled {
            Some(_) => None,
            None => {
                let (repaired, found) = super::strict::check(path, source);
                self.diagnostics.extend(found);
                repaired
            }
        };
        let fixed = match repaired {
            Some(repaired) => Some(neutralise(&repaired).unwrap_or(repaired)),
            None => neutralise(source),
        };
        let mut rules = match (&compiled, fixed) {
            (None, None) => self.parse(path, text),
            (_, Some(fixed)) => self.parse(path, &fixed).into_owned(),
            (Some(css), None) => self.parse(path, css).into_owned(),
        };
        let text = source;
        let mut rewriter = Rewriter {
            selectors: &self.selectors,
            urls: UrlContext {
                files: self.files,
                file: path,
                text,
                out_path: self.out_path,
            },
            assets: &mut self.assets,
            diagnostics: &mut self.diagnostics,
        };
        let Ok(()) = rules.visit(&mut rewriter);
        let mut out = Vec::with_capacity(rules.0.len());
        for rule in rules.0 {
            match rule {
                CssRule::Import(import) => self.inline(path, text, import, &mut out),
                CssRule::Unknown(rule) if rule.name.as_ref() == LATE_IMPORT => {
                    if let Some(import) = late_import(&rule) {
                        self.inline(path, text, import, &mut out);
                    }
                }
                rule => out.push(rule),
            }
        }
        self.stack.pop();
        if compiled.is_some() {
            for diagnostic in &mut self.diagnostics[first_own..] {
                if diagnostic.file.as_deref() == Some(path) && diagnostic.span.take().is_some() {
                    diagnostic.label = None;
                    diagnostic
                        .message
                        .push_str(" (in the CSS compiled from this file)");
                }
            }
        }
        CssRuleList(out)
    }

    fn parse<'t>(&mut self, path: &str, text: &'t str) -> CssRuleList<'t> {
        let warnings = Arc::new(RwLock::new(Vec::new()));
        let options = ParserOptions {
            filename: path.to_string(),
            error_recovery: true,
            warnings: Some(warnings.clone()),
            ..ParserOptions::default()
        };
        let rules = match StyleSheet::parse(text, options) {
            Ok(sheet) => sheet.rules,
            Err(error) => {
                let mut diagnostic = Diagnostic::of(
                    codes::WXSS_UNPARSEABLE,
                    format!("`{path}` cannot be parsed as CSS: {}", error.kind),
                )
                .in_file(path)
                .with_label("parsing stopped here")
                .with_hint("the whole stylesheet is left out; fix the syntax error");
                if let Some(loc) = &error.loc {
                    diagnostic = diagnostic.with_span(span_at(text, loc.line + 1, loc.column));
                }
                self.diagnostics.push(diagnostic);
                CssRuleList(Vec::new())
            }
        };
        if let Ok(list) = warnings.read() {
            let lines = LineIndex::new(text);
            for warning in list.iter() {
                // The renamed late `@import` (see `quirks`) is inlined, not copied.
                if matches!(&warning.kind, ParserError::AtRuleInvalid(name) if name.as_ref() == LATE_IMPORT)
                {
                    continue;
                }
                self.diagnostics
                    .push(warning_to_diagnostic(path, text, &lines, warning));
            }
        }
        rules
    }

    /// Replaces one `@import` of `from` by the rules of the file it names.
    fn inline(
        &mut self,
        from: &str,
        text: &str,
        import: ImportRule<'f>,
        out: &mut Vec<CssRule<'f>>,
    ) {
        let reference = import.url.trim().to_string();
        if is_external(&reference) {
            out.push(CssRule::Import(import));
            return;
        }
        let span = widen_to(
            text,
            span_at(text, import.loc.line + 1, import.loc.column),
            ';',
        );
        let Some(resolved) = FileSet::resolve(from, &reference) else {
            self.diagnostics.push(
                Diagnostic::of(
                    codes::WXSS_PATH_ESCAPES_ROOT,
                    format!("`@import \"{reference}\"` points outside the mini-program"),
                )
                .in_file(from)
                .with_span(span)
                .with_label("leaves the project root")
                .with_hint("copy the stylesheet into the project and import it from there"),
            );
            return;
        };
        let Some((target, target_text)) = self.find(&resolved) else {
            self.diagnostics.push(
                Diagnostic::of(
                    codes::WXSS_MISSING_IMPORT,
                    format!("`@import \"{reference}\"`: `{resolved}` is not in the project"),
                )
                .in_file(from)
                .with_span(span)
                .with_label("file not found")
                .with_hint("fix the path; a path without extension tries .wxss, then .css"),
            );
            return;
        };
        if let Some(start) = self.stack.iter().position(|f| *f == target) {
            let mut chain: Vec<&str> = self.stack[start..].iter().map(String::as_str).collect();
            chain.push(&target);
            self.diagnostics.push(
                Diagnostic::of(
                    codes::WXSS_IMPORT_CYCLE,
                    format!("import cycle: {}", chain.join(" → ")),
                )
                .in_file(from)
                .with_span(span)
                .with_label("this import closes the cycle")
                .with_hint("this @import is ignored; remove it to silence this warning"),
            );
            return;
        }
        if self.seen.contains(&target) {
            return;
        }
        let wrappers = blocks_of(&import);
        if self.wrapped + wrappers > super::depth::MAX_IMPORT_WRAPPING {
            self.diagnostics.push(
                Diagnostic::of(
                    codes::WXSS_TOO_DEEP,
                    format!(
                        "`@import \"{reference}\"` wraps `{target}` in more than {} \
                         `@media`, `@supports` and `@layer` blocks, counting the imports that lead here",
                        super::depth::MAX_IMPORT_WRAPPING
                    ),
                )
                .in_file(from)
                .with_span(span)
                .with_label("too deep from here")
                .with_hint("this @import is left out; import the file with fewer conditions"),
            );
            return;
        }
        self.wrapped += wrappers;
        let rules = self.load(&target, target_text);
        self.wrapped -= wrappers;
        out.extend(wrap(import, rules));
    }

    /// The imported file: `path` itself, or `path.wxss` / `path.css` when it has no extension.
    fn find(&self, path: &str) -> Option<(String, &'f str)> {
        let name = path.rsplit('/').next().unwrap_or(path);
        let candidates = if name.contains('.') {
            vec![path.to_string()]
        } else {
            vec![
                format!("{path}.wxss"),
                format!("{path}.css"),
                path.to_string(),
            ]
        };
        candidates
            .into_iter()
            .find_map(|c| self.files.text(&c).map(|text| (c, text)))
    }
}

/// How many blocks [`wrap`] puts around the rules that `import` inlines.
fn blocks_of(import: &ImportRule) -> usize {
    usize::from(import.layer.is_some())
        + usize::from(import.supports.is_some())
        + usize::from(!import.media.media_queries.is_empty())
}

/// The imported rules, inside the `@layer`, `@supports` and `@media` the import named.
fn wrap<'f>(import: ImportRule<'f>, rules: CssRuleList<'f>) -> Vec<CssRule<'f>> {
    let loc = import.loc;
    let mut rules = rules;
    if let Some(name) = import.layer {
        rules = CssRuleList(vec![CssRule::LayerBlock(LayerBlockRule {
            name,
            rules,
            loc,
        })]);
    }
    if let Some(condition) = import.supports {
        rules = CssRuleList(vec![CssRule::Supports(SupportsRule {
            condition,
            rules,
            loc,
        })]);
    }
    if !import.media.media_queries.is_empty() {
        rules = CssRuleList(vec![CssRule::Media(MediaRule {
            query: import.media,
            rules,
            loc,
        })]);
    }
    rules.0
}

/// Moves the `@import` rules left in `rules` (remote ones) before every other rule, since
/// CSS ignores an `@import` that follows other rules.
pub fn hoist_remote_imports(rules: CssRuleList) -> CssRuleList {
    let (mut imports, others): (Vec<_>, Vec<_>) = rules
        .0
        .into_iter()
        .partition(|rule| matches!(rule, CssRule::Import(_)));
    imports.extend(others);
    CssRuleList(imports)
}

/// The import an `@import` after a rule stands for (renamed by `quirks`): its one string.
fn late_import<'i>(rule: &UnknownAtRule<'i>) -> Option<ImportRule<'i>> {
    let url = rule.prelude.0.iter().find_map(|token| match token {
        TokenOrValue::Token(Token::String(url)) => Some(url.clone()),
        _ => None,
    })?;
    Some(ImportRule {
        url,
        layer: None,
        supports: None,
        media: MediaList::new(),
        loc: rule.loc,
    })
}

#[cfg(test)]
mod tests {
    use crate::source::codes;
    use crate::style::testing::compile_files;
    use crate::style::{Isolation, SheetKind};

    fn codes(sheet: &crate::style::CompiledSheet) -> Vec<&'static str> {
        sheet.diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn import_is_replaced_in_place() {
        let sheet = compile_files(
            &[
                ("a.wxss", "@import \"b.wxss\";\n.a{color:red}"),
                ("b.wxss", ".b{color:red}"),
            ],
            SheetKind::App,
        );
        assert_eq!(sheet.css, ".b{color:red}.a{color:red}");
        assert!(sheet.diagnostics.is_empty());
    }

    #[test]
    fn import_cycle_is_reported_once() {
        let sheet = compile_files(
            &[
                ("a.wxss", "@import \"b.wxss\";.a{color:red}"),
                ("b.wxss", "@import \"c.wxss\";.b{color:red}"),
                ("c.wxss", "@import \"a.wxss\";@import \"b\";.c{color:red}"),
            ],
            SheetKind::App,
        );
        assert_eq!(sheet.css, ".c{color:red}.b{color:red}.a{color:red}");
        assert_eq!(
            codes(&sheet),
            [codes::WXSS_IMPORT_CYCLE.name, codes::WXSS_IMPORT_CYCLE.name],
            "one warning per closing @import: {:?}",
            sheet.diagnostics
        );
        assert_eq!(
            sheet.diagnostics[0].message,
            "import cycle: a.wxss → b.wxss → c.wxss → a.wxss"
        );
        assert_eq!(sheet.diagnostics[0].file.as_deref(), Some("c.wxss"));
        assert_eq!(sheet.diagnostics[0].span, Some(0..17));
    }

    #[test]
    fn second_import_of_a_file_is_dropped_silently() {
        let sheet = compile_files(
            &[
                (
                    "a.wxss",
                    "@import \"b.wxss\";@import \"./b.wxss\";@import \"/b\";",
                ),
                ("b.wxss", ".b{color:red}"),
            ],
            SheetKind::App,
        );
        assert_eq!(sheet.css, ".b{color:red}");
        assert!(sheet.diagnostics.is_empty());
    }

    #[test]
    fn import_without_extension_tries_wxss_then_css() {
        let sheet = compile_files(
            &[
                ("a.wxss", "@import \"x\";@import \"y\";"),
                ("x.wxss", ".x1{color:red}"),
                ("x.css", ".x2{color:red}"),
                ("y.css", ".y{color:red}"),
            ],
            SheetKind::App,
        );
        assert_eq!(sheet.css, ".x1{color:red}.y{color:red}");
    }

    #[test]
    fn import_with_media_is_wrapped() {
        let sheet = compile_files(
            &[
                ("a.wxss", "@import url(b.css) screen;"),
                ("b.css", ".b{color:red}"),
            ],
            SheetKind::App,
        );
        assert_eq!(sheet.css, "@media screen{.b{color:red}}");
    }

    #[test]
    fn imported_sheet_gets_the_importing_component_scope() {
        let sheet = compile_files(
            &[
                ("c/x.wxss", "@import \"/common/y.wxss\";"),
                ("common/y.wxss", ".y view{width:1rpx}"),
            ],
            SheetKind::Component {
                path: "c/x",
                isolation: Isolation::Isolated,
            },
        );
        assert_eq!(
            sheet.css,
            ".c_x--y wx-view{width:calc(1 * var(--miniport-rpx))}"
        );
    }

    #[test]
    fn missing_and_escaping_imports_are_errors() {
        let sheet = compile_files(
            &[(
                "a/a.wxss",
                "@import \"nope.wxss\";@import \"../../x.wxss\";",
            )],
            SheetKind::App,
        );
        assert_eq!(sheet.css, "");
        assert_eq!(
            codes(&sheet),
            [
                codes::WXSS_MISSING_IMPORT.name,
                codes::WXSS_PATH_ESCAPES_ROOT.name
            ]
        );
    }

    #[test]
    fn remote_imports_are_kept_at_the_top() {
        let sheet = compile_files(
            &[
                (
                    "a.wxss",
                    "@import \"b.wxss\";@import \"https://x.com/f.css\";",
                ),
                ("b.wxss", ".b{color:red}"),
            ],
            SheetKind::App,
        );
        assert_eq!(sheet.css, "@import \"https://x.com/f.css\";.b{color:red}");
    }
}
