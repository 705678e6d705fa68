//! The one progress helper: a bar on stderr when a person is watching, nothing otherwise. A
//! bar shows count, percent, rate (three significant figures) and ETA where the total is known
//! or estimated, and it is cleared whenever it goes away: at the end, on an error, on Ctrl-C
//! (the command's future is dropped, and the bar with it).

use std::ops::Deref;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use super::Output;

/// A progress bar that clears itself when dropped.
pub struct Bar(ProgressBar);

impl Deref for Bar {
    type Target = ProgressBar;
    fn deref(&self) -> &ProgressBar {
        &self.0
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        // Clones held by a ticker task must not draw it again.
        self.0.finish_and_clear();
        self.0.set_draw_target(ProgressDrawTarget::hidden());
    }
}

/// stderr, a little narrower than it is: indicatif pads its line to the width, and the `^C`
/// a terminal echoes after a full line wraps it, so the clear would hit the line below and
/// leave the bar behind.
#[derive(Debug)]
struct Narrow(console::Term);

impl indicatif::TermLike for Narrow {
    fn width(&self) -> u16 {
        self.0.size().1.saturating_sub(4).max(20)
    }
    fn height(&self) -> u16 {
        self.0.size().0
    }
    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_up(n)
    }
    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_down(n)
    }
    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_right(n)
    }
    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_left(n)
    }
    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.0.write_line(s)
    }
    fn write_str(&self, s: &str) -> std::io::Result<()> {
        self.0.write_str(s)
    }
    fn clear_line(&self) -> std::io::Result<()> {
        self.0.clear_line()
    }
    fn flush(&self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// A bar that never draws.
pub fn hidden() -> Bar {
    Bar(ProgressBar::hidden())
}

/// The steps of an estimated fraction (`fraction_bar`): per mille.
pub const FRACTION_STEPS: u64 = 1000;

/// A bar with `len` steps (or a spinner when the length is unknown), hidden when stderr is not
/// a terminal, under `-q`, or for machine formats. `{per_sec}` in a template is written as
/// redkit writes every rate (`3960/s`); `{rate}` is the same.
pub fn bar(out: &Output, len: Option<u64>, template: &str) -> Bar {
    if !out.progress_allowed() {
        return Bar(ProgressBar::hidden());
    }
    let target =
        ProgressDrawTarget::term_like_with_hz(Box::new(Narrow(console::Term::stderr())), 20);
    let pb = ProgressBar::with_draw_target(len, target);
    pb.set_style(style(&template.replace("{per_sec}", "{rate}")));
    pb.enable_steady_tick(Duration::from_millis(120));
    Bar(pb)
}

/// A bar for work whose size is only estimated (a SCAN): position in per mille of the
/// estimate, the percent and ETA from it, and the counts in the message.
pub fn fraction_bar(out: &Output, what: &str) -> Bar {
    // Short of the line's end: a line that wraps (or the `^C` the terminal echoes after it)
    // leaves a trail the bar cannot clear.
    let t = format!("{{spinner}} {what} [{{bar:20}}] {{percent}}% {{msg}} eta {{eta}}");
    bar(out, Some(FRACTION_STEPS), &t)
}

/// The count of a bar whose position is not that count (a scan's estimated fraction, a
/// position in an id range): `20000 deleted 5230/s`, the rate since the bar began.
pub fn set_count(pb: &ProgressBar, n: u64, what: &str) {
    pb.set_message(count_text(n, what, pb.elapsed()));
}

fn count_text(n: u64, what: &str, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    if secs < 0.05 {
        return format!("{n} {what}");
    }
    format!("{n} {what} {}", super::number::rate(n as f64 / secs))
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{}", super::number::rate(s.per_sec()));
        })
        .progress_chars("=> ")
}

/// Where a SCAN is through its keyspace, 0 to 1. Redis walks the hash table in reverse-bit
/// order, so the cursor with its bits reversed grows monotonically from 0 to the table size;
/// reversed across all 64 bits it reads as a fraction whatever that size is.
pub fn scan_fraction(cursor: u64, started: bool) -> f64 {
    match (started, cursor) {
        (false, _) => 0.0,
        (true, 0) => 1.0,
        (true, c) => c.reverse_bits() as f64 / 18_446_744_073_709_551_616.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_carries_its_rate() {
        let t = count_text(20_000, "deleted", Duration::from_millis(3820));
        assert_eq!(t, "20000 deleted 5240/s");
        assert_eq!(count_text(7, "keys", Duration::ZERO), "7 keys");
    }

    #[test]
    fn a_scan_cursor_reads_as_a_growing_fraction() {
        // A table of 8 buckets is visited 0,4,2,6,1,5,3,7.
        let order = [4u64, 2, 6, 1, 5, 3, 7];
        let mut last = 0.0;
        for c in order {
            let f = scan_fraction(c, true);
            assert!(f > last && f < 1.0, "{c}: {f}");
            last = f;
        }
        assert_eq!(scan_fraction(4, true), 0.125);
        assert_eq!(scan_fraction(0, true), 1.0);
        assert_eq!(scan_fraction(0, false), 0.0);
    }
}
