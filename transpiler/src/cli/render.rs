//! Renders diagnostics for people: miette's graphical report with the file, line and column,
//! the source with the span underlined, and the hint.

use std::fmt;
use std::sync::Arc;

use miniport::source::{Diagnostic, FileSet, Severity};

/// A diagnostic joined with its source text, ready for miette's graphical or JSON handlers.
#[derive(Debug)]
pub struct Report {
    diagnostic: Diagnostic,
    source: Option<miette::NamedSource<Arc<str>>>,
}

impl Report {
    pub fn new(diagnostic: &Diagnostic, files: &FileSet) -> Self {
        let source = diagnostic.file.as_deref().and_then(|name| {
            files
                .shared_text(name)
                .map(|text| miette::NamedSource::new(name, text).with_language(language_of(name)))
        });
        Report {
            diagnostic: diagnostic.clone(),
            source,
        }
    }

    /// Renders with miette's graphical handler (colours off when `color` is false).
    pub fn render(&self, color: bool) -> String {
        let theme = if color {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        let handler = miette::GraphicalReportHandler::new_themed(theme).with_context_lines(2);
        let mut out = String::new();
        if handler.render_report(&mut out, self).is_err() {
            out = format!("{}: {}\n", self.diagnostic.code, self.diagnostic.message);
        }
        out
    }
}

fn language_of(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("wxss" | "css") => "css",
        Some("wxml") => "xml",
        Some("json") => "json",
        Some("ts") => "typescript",
        _ => "javascript",
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)?;
        if self.source.is_none() {
            if let Some(file) = &self.diagnostic.file {
                write!(f, " ({file})")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diagnostic
            .hint
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.diagnostic.span.clone()?;
        self.source.as_ref()?;
        let label = miette::LabeledSpan::new_with_span(
            self.diagnostic.label.clone(),
            miette::SourceSpan::from(span.start..span.end.max(span.start)),
        );
        Some(Box::new(std::iter::once(label)))
    }
}
