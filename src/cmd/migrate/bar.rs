//! The bar of a migrate run. A walk over message ids (the copy, the read repair) shows where it
//! is in the id range: rows are not spread evenly over the ids, so a row count against the
//! range's size gives a wrong percent and ETA. The rows done and their rate are its message.
//! The rollback undoes chunk records, not an id range: its bar counts rows.

use std::ops::Deref;

use crate::output::{Output, progress};

pub struct RunBar {
    bar: progress::Bar,
    /// The first id of the range, for a bar positioned by id.
    ids_from: Option<i64>,
}

impl Deref for RunBar {
    type Target = indicatif::ProgressBar;
    fn deref(&self) -> &indicatif::ProgressBar {
        &self.bar
    }
}

impl RunBar {
    /// A walk over the ids `lo..=hi`; a resumed run starts `after` the last id it committed.
    pub fn ids(out: &Output, lo: i64, hi: i64, after: Option<i64>) -> RunBar {
        let bar = progress::bar(
            out,
            Some(position(lo, hi)),
            "{spinner} [{bar:24}] {percent}% of ids, {msg} eta {eta}",
        );
        if let Some(a) = after {
            bar.set_position(position(lo, a));
            // The ETA is this run's pace, not the jump to where the last one stopped.
            bar.reset_eta();
        }
        progress::set_count(&bar, 0, "rows");
        RunBar {
            bar,
            ids_from: Some(lo),
        }
    }

    /// `total` rows to go.
    pub fn rows(out: &Output, total: u64) -> RunBar {
        let bar = progress::bar(
            out,
            Some(total),
            "{spinner} [{bar:30}] {pos}/{len} rows {percent}% {per_sec} eta {eta} {msg}",
        );
        RunBar {
            bar,
            ids_from: None,
        }
    }

    /// A chunk up to id `hi` is done: `rows` rows in it, `total` in this run so far.
    pub fn advanced(&self, hi: i64, rows: i64, total: i64) {
        match self.ids_from {
            Some(lo) => {
                self.bar.set_position(position(lo, hi));
                progress::set_count(&self.bar, total.max(0) as u64, "rows");
            }
            None => self.bar.inc(rows.max(0) as u64),
        }
    }
}

/// Ids `lo..=id` as a count, 0 below the range.
fn position(lo: i64, id: i64) -> u64 {
    let n = i128::from(id) - i128::from(lo) + 1;
    n.clamp(0, i128::from(u64::MAX)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_ids_from_the_first() {
        assert_eq!(position(1, 1), 1);
        assert_eq!(position(1, 100), 100);
        assert_eq!(position(500, 499), 0);
        assert_eq!(position(i64::MIN, i64::MAX), u64::MAX);
    }
}
