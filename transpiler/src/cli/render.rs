//! Renders diagnostics for people: miette's graphical report with the file, line and column,
//! the source with the span underlined, and the hint. Long lines are windowed around the span
//! ([`super::excerpt`]); should miette fail or panic all the same, the diagnostic is printed in
//! a plain form (code, message, file:line:column, hint), so printing never stops a run.

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use miniport::source::{Diagnostic, LineIndex, Severity};

use super::excerpt::{Excerpt, CONTEXT_LINES};

/// A diagnostic joined with the lines of source it shows, ready for miette's graphical handler.
#[derive(Debug)]
pub struct Report {
    diagnostic: Diagnostic,
    /// Where the span starts (1-based line and column), for the plain form.
    position: Option<(usize, usize)>,
    source: Option<Excerpt>,
}

impl Report {
    /// The report of `diagnostic`, whose file's text is indexed by `lines`.
    pub fn located(diagnostic: &Diagnostic, lines: Option<&LineIndex>) -> Self {
        let position = match (lines, &diagnostic.span) {
            (Some(lines), Some(span)) => {
                let at = lines.line_col(span.start);
                Some((at.line, at.column))
            }
            _ => None,
        };
        let source = match (diagnostic.file.as_deref(), lines, &diagnostic.span) {
            (Some(name), Some(lines), Some(span)) => {
                Some(Excerpt::from_index(name, lines, span.clone()))
            }
            _ => None,
        };
        Report {
            diagnostic: diagnostic.clone(),
            position,
            source,
        }
    }

    /// Renders with miette's graphical handler (colours off when `color` is false), or in the
    /// plain form when the handler fails or panics.
    pub fn render(&self, color: bool) -> String {
        let theme = if color {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        let handler =
            miette::GraphicalReportHandler::new_themed(theme).with_context_lines(CONTEXT_LINES);
        let rendered = catch_unwind(AssertUnwindSafe(|| {
            #[cfg(debug_assertions)]
            if std::env::var_os("MINIPORT_TEST_RENDER_PANIC").is_some() {
                panic!("forced by MINIPORT_TEST_RENDER_PANIC");
            }
            let mut out = String::new();
            handler.render_report(&mut out, self).map(|()| out)
        }));
        match rendered {
            Ok(Ok(out)) => out,
            _ => self.plain(),
        }
    }

    /// `error[code]: message`, then ` --> file:line:column` and `help: hint` when known.
    pub fn plain(&self) -> String {
        let d = &self.diagnostic;
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let mut out = format!("{severity}[{}]: {}\n", d.code, d.message);
        match (&d.file, self.position) {
            (Some(file), Some((line, column))) => {
                out.push_str(&format!("  --> {file}:{line}:{column}\n"));
            }
            (Some(file), None) => out.push_str(&format!("  --> {file}\n")),
            _ => {}
        }
        if let Some(hint) = &d.hint {
            out.push_str(&format!("  help: {hint}\n"));
        }
        out
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
        self.diagnostic.span.as_ref()?;
        let excerpt = self.source.as_ref()?;
        let label = miette::LabeledSpan::new_with_span(
            self.diagnostic.label.clone(),
            miette::SourceSpan::from(excerpt.label.clone()),
        );
        Some(Box::new(std::iter::once(label)))
    }
}
