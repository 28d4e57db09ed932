//! A progress bar on standard error for runs that take longer than about a second, when
//! standard error is a terminal (never in pipes, CI logs or with `--quiet`).

use mediac::compile::{Phase, Progress};
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long a run goes on before its progress is drawn.
const DELAY: Duration = Duration::from_secs(1);

/// The bar, hidden until the run has taken [`DELAY`] (or `MEDIAC_PROGRESS_DELAY_MS`); `None`
/// when it would never be shown.
pub(crate) fn bar(quiet: bool) -> Option<(Progress, indicatif::ProgressBar)> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
    let style = indicatif::ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len} ({eta})")
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    // MEDIAC_PROGRESS_DELAY_MS shortens the delay, for a test that drives a terminal.
    let delay = std::env::var("MEDIAC_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(DELAY, Duration::from_millis);
    let start = Instant::now();
    let shown = Arc::new(AtomicBool::new(false));
    let handle = bar.clone();
    let report: Progress = Arc::new(move |phase: Phase, done: usize, total: usize| {
        if !shown.load(Ordering::Relaxed) {
            if start.elapsed() < delay {
                return;
            }
            if !shown.swap(true, Ordering::Relaxed) {
                handle.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
        }
        let message = match phase {
            Phase::Parse => "parsing",
            Phase::Evaluate => "checking",
        };
        handle.set_message(message);
        handle.set_length(total as u64);
        handle.set_position(done as u64);
    });
    Some((report, bar))
}
