//! Progress of a batch on stderr: an indicatif bar (apps done of total, apps per second, ETA,
//! the app being converted) on a terminal; plain lines without control codes, at most one per
//! [`PLAIN_INTERVAL`], when stderr is not a terminal or `CI` is set; nothing with `--quiet`.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often plain progress lines are printed.
pub const PLAIN_INTERVAL: Duration = Duration::from_secs(5);

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Bar,
    Plain,
    Quiet,
}

impl Mode {
    /// The bar on a terminal unless `CI` is set; plain lines otherwise; nothing when quiet.
    pub fn detect(quiet: bool) -> Mode {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
        if quiet {
            Mode::Quiet
        } else if std::io::stderr().is_terminal() && !ci {
            Mode::Bar
        } else {
            Mode::Plain
        }
    }
}

pub struct Progress {
    mode: Mode,
    total: usize,
    started: Instant,
    last_line: Option<Instant>,
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(mode: Mode, total: usize) -> Progress {
        let bar = (mode == Mode::Bar).then(|| {
            let bar = ProgressBar::with_draw_target(
                Some(total as u64),
                ProgressDrawTarget::stderr_with_hz(10),
            );
            let style = ProgressStyle::with_template(
                "{bar:30} {pos}/{len} apps  {rate}  ETA {eta}  {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.1} apps/s", state.per_sec());
                },
            );
            bar.set_style(style);
            bar
        });
        Progress {
            mode,
            total,
            started: Instant::now(),
            last_line: None,
            bar,
        }
    }

    /// `done` apps are finished and `current` is being converted.
    pub fn update(&mut self, done: usize, current: Option<&str>) {
        match self.mode {
            Mode::Quiet => {}
            Mode::Bar => {
                if let Some(bar) = &self.bar {
                    bar.set_position(done as u64);
                    bar.set_message(current.unwrap_or_default().to_string());
                }
            }
            Mode::Plain => {
                let due = self
                    .last_line
                    .is_none_or(|at| at.elapsed() >= PLAIN_INTERVAL);
                if due && done < self.total && done > 0 {
                    self.line(done, current);
                }
            }
        }
    }

    /// A message about one app (a failure), above the bar or as its own line.
    pub fn note(&self, message: &str) {
        match (&self.bar, self.mode) {
            (_, Mode::Quiet) => {}
            (Some(bar), _) => bar.println(message),
            (None, _) => eprintln!("{message}"),
        }
    }

    /// The last state, then the bar is cleared.
    pub fn finish(&mut self, done: usize) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        } else if self.mode == Mode::Plain {
            self.line(done, None);
        }
    }

    fn line(&mut self, done: usize, current: Option<&str>) {
        self.last_line = Some(Instant::now());
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            plain_line(done, self.total, self.started.elapsed(), current)
        );
    }
}

/// `[ 3/10]  30%  1.5 apps/s  ETA 5s  shop`: what a plain progress line says.
pub fn plain_line(done: usize, total: usize, elapsed: Duration, current: Option<&str>) -> String {
    let seconds = elapsed.as_secs_f64();
    let rate = if seconds > 0.0 {
        done as f64 / seconds
    } else {
        0.0
    };
    let percent = (done * 100).checked_div(total).unwrap_or(100);
    let eta = if rate > 0.0 {
        format!("{:.0}s", (total - done.min(total)) as f64 / rate)
    } else {
        "?".to_string()
    };
    let width = total.to_string().len();
    let mut line = format!("[{done:>width$}/{total}] {percent:>3}%  {rate:.1} apps/s  ETA {eta}");
    if let Some(current) = current {
        // App names come from the catalog: keep control characters out of the log.
        let clean: String = current.chars().filter(|c| !c.is_control()).collect();
        line.push_str("  ");
        line.push_str(&clean);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_line_has_counts_rate_and_eta_and_no_control_codes() {
        let line = plain_line(3, 10, Duration::from_secs(2), Some("sh\u{1b}[2Kop"));
        assert_eq!(line, "[ 3/10]  30%  1.5 apps/s  ETA 5s  sh[2Kop");
        assert!(!line.chars().any(char::is_control));
        assert_eq!(
            plain_line(0, 4, Duration::ZERO, None),
            "[0/4]   0%  0.0 apps/s  ETA ?"
        );
    }
}
