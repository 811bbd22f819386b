//! The progress line of long runs (`conformance run`, and `labourlink verify --batch`, which
//! shares it): count, rate and time left, redrawn on standard error — only when standard
//! error is a terminal and the user did not ask for `--quiet`, so logs, pipes and CI output
//! never see it.

use std::io::IsTerminal as _;
use std::time::Duration;

/// The line with a known total: count, bar, rate, time left.
const BAR: &str = "{pos}/{len} {prefix} [{bar:30}] {percent}%  {per_sec}  ETA {eta}";

/// A progress line on standard error, or nothing (piped, `--quiet`).
#[derive(Debug)]
pub struct ProgressLine(Option<indicatif::ProgressBar>);

impl ProgressLine {
    /// A line counting up to `total` (`None`: unknown, a count and rate without an ETA),
    /// labelled `what` (`"vectors"`, `"messages"`); hidden unless standard error is a terminal
    /// and `quiet` is false.
    #[must_use]
    pub fn new(total: Option<u64>, what: &str, quiet: bool) -> Self {
        if quiet || !std::io::stderr().is_terminal() {
            return Self(None);
        }
        let (bar, template) = match total {
            Some(n) => (indicatif::ProgressBar::new(n), BAR),
            None => (
                indicatif::ProgressBar::no_length(),
                "{spinner} {pos} {prefix}  {per_sec}  {elapsed}",
            ),
        };
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix(what.to_owned());
        bar.enable_steady_tick(Duration::from_millis(250));
        Self(Some(bar))
    }

    /// Whether the line is drawn at all.
    #[must_use]
    pub fn is_shown(&self) -> bool {
        self.0.is_some()
    }

    /// Sets the count of finished items.
    pub fn set(&self, done: u64) {
        if let Some(b) = &self.0 {
            b.set_position(done);
        }
    }

    /// Sets the number of items once it is known (switching an unknown count to a bar with
    /// an ETA).
    pub fn set_total(&self, total: u64) {
        if let Some(b) = &self.0 {
            if b.length() != Some(total) {
                b.set_length(total);
                if let Ok(style) = indicatif::ProgressStyle::with_template(BAR) {
                    b.set_style(style.progress_chars("=> "));
                }
            }
        }
    }

    /// One more item finished.
    pub fn inc(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }

    /// Removes the line (before the command prints its summary).
    pub fn clear(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

impl Drop for ProgressLine {
    fn drop(&mut self) {
        // Cleared even on an early return.
        self.clear();
    }
}
