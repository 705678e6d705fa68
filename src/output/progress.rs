//! The one progress helper: a bar on stderr when a person is watching, nothing otherwise.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Output;

/// A bar with `len` steps (or a spinner when the length is unknown), hidden when stderr is not
/// a terminal, under `-q`, or for machine formats.
pub fn bar(out: &Output, len: Option<u64>, template: &str) -> ProgressBar {
    if !out.progress_allowed() {
        return ProgressBar::hidden();
    }
    let pb = match len {
        Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let style = ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    pb.set_style(style);
    pb.enable_steady_tick(Duration::from_millis(120));
    pb
}
