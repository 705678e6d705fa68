//! The id ranges the chunk loop walks: inclusive `[lo, hi]` spans that start at the first real
//! id above the cursor (so ids at or below zero and gaps are handled alike), grow with
//! saturating arithmetic (ids near `i64::MAX` cannot wrap), and end the walk at `i64::MAX`.

/// How far a walk got: every id at or below `done_through` is done; `None` before the first
/// chunk (the first chunk starts at the smallest id, whatever its sign).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub done_through: Option<i64>,
}

/// What to ask the database next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// The smallest id of all (no chunk done yet).
    Smallest,
    /// The smallest id above this one.
    Above(i64),
    /// Nothing can lie above `i64::MAX`: the walk is over.
    Finished,
}

impl Cursor {
    pub fn new(done_through: Option<i64>) -> Cursor {
        Cursor { done_through }
    }

    pub fn next(self) -> Next {
        match self.done_through {
            None => Next::Smallest,
            Some(i64::MAX) => Next::Finished,
            Some(c) => Next::Above(c),
        }
    }

    /// Records a committed span. A span always ends above the cursor, so the walk advances.
    pub fn advance(&mut self, hi: i64) {
        debug_assert!(self.done_through.is_none_or(|c| hi > c));
        self.done_through = Some(hi);
    }
}

/// The span that starts at `first` (a real id above the cursor) and covers `size` ids, kept
/// at or below `high_water` while `first` is (so rows written during the run are counted
/// apart), never past `i64::MAX`.
pub fn span(first: i64, size: i64, high_water: i64) -> (i64, i64) {
    let hi = first.saturating_add(size.max(1) - 1);
    let hi = if first <= high_water {
        hi.min(high_water)
    } else {
        hi
    };
    (first, hi)
}

/// The dry run's estimate of chunks for ids in `[low, high]` at `size` ids each: never
/// negative, no overflow at the extremes (0 when there are no ids).
pub fn estimated_chunks(low: Option<i64>, high: Option<i64>, size: i64) -> i64 {
    match (low, high) {
        (Some(lo), Some(hi)) if hi >= lo => {
            let ids = i128::from(hi) - i128::from(lo) + 1;
            let size = i128::from(size.max(1));
            i64::try_from((ids + size - 1) / size).unwrap_or(i64::MAX)
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// Walks `ids` the way the runner does (the database answers `MIN(id) > cursor`), with
    /// chunk sizes taken in turn from `sizes`; returns the spans, or None if the walk did
    /// not end within one step per id plus one.
    fn walk(ids: &BTreeSet<i64>, sizes: &[i64], high_water: i64) -> Option<Vec<(i64, i64)>> {
        let mut cursor = Cursor::default();
        let mut spans = Vec::new();
        for step in 0..=ids.len() {
            let first = match cursor.next() {
                Next::Smallest => ids.iter().next().copied(),
                Next::Above(c) => ids
                    .range(c.saturating_add(1)..)
                    .next()
                    .copied()
                    .filter(|f| *f > c),
                Next::Finished => None,
            };
            let Some(first) = first else {
                return Some(spans);
            };
            let (lo, hi) = span(first, sizes[step % sizes.len()], high_water);
            assert!(lo <= hi, "empty span {lo}..{hi}");
            spans.push((lo, hi));
            cursor.advance(hi);
        }
        None
    }

    fn id_layouts() -> impl Strategy<Value = BTreeSet<i64>> {
        let extreme = prop_oneof![
            Just(i64::MIN),
            Just(i64::MIN + 1),
            Just(-1i64),
            Just(0i64),
            Just(1i64),
            Just(i64::MAX - 1),
            Just(i64::MAX),
        ];
        let near_max = (0i64..1000).prop_map(|d| i64::MAX - d);
        let near_min = (0i64..1000).prop_map(|d| i64::MIN + d);
        let small = -2000i64..2000;
        let any = any::<i64>();
        prop::collection::btree_set(prop_oneof![extreme, near_max, near_min, small, any], 0..200)
    }

    fn sizes() -> impl Strategy<Value = Vec<i64>> {
        prop::collection::vec(
            prop_oneof![
                1i64..10,
                1i64..5_000_000,
                Just(i64::MAX),
                Just(i64::MAX - 1)
            ],
            1..8,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The walk ends, its spans are disjoint and increasing, and together they cover
        /// every id exactly once, whatever the layout (gaps, negatives, zero, extremes).
        #[test]
        fn the_walk_ends_and_covers_every_id(
            ids in id_layouts(),
            sizes in sizes(),
            hw in prop_oneof![any::<i64>(), Just(i64::MAX), Just(0i64)],
        ) {
            let spans = walk(&ids, &sizes, hw).expect("the walk must end");
            for w in spans.windows(2) {
                prop_assert!(w[0].1 < w[1].0, "spans overlap or go back: {:?}", w);
            }
            for id in &ids {
                let n = spans.iter().filter(|(lo, hi)| lo <= id && id <= hi).count();
                prop_assert_eq!(n, 1, "id {} covered {} times", id, n);
            }
            // A span never straddles the high-water mark.
            for (lo, hi) in &spans {
                prop_assert!(!(*lo <= hw && *hi > hw), "{}..{} straddles {}", lo, hi, hw);
            }
        }

        #[test]
        fn the_estimate_is_never_negative(
            lo in any::<i64>(), hi in any::<i64>(), size in 1i64..=i64::MAX,
        ) {
            let n = estimated_chunks(Some(lo), Some(hi), size);
            prop_assert!(n >= 0);
            if hi >= lo {
                prop_assert!(n >= 1);
            }
        }
    }

    #[test]
    fn extremes() {
        assert_eq!(span(i64::MAX - 2, 5000, i64::MAX), (i64::MAX - 2, i64::MAX));
        assert_eq!(span(-3, 2, 10), (-3, -2));
        assert_eq!(span(5, 100, 10), (5, 10));
        assert_eq!(span(11, 100, 10), (11, 110));
        assert_eq!(Cursor::new(Some(i64::MAX)).next(), Next::Finished);
        assert_eq!(Cursor::new(None).next(), Next::Smallest);
        assert_eq!(
            estimated_chunks(Some(i64::MIN), Some(i64::MAX), 1),
            i64::MAX
        );
        assert_eq!(
            estimated_chunks(Some(i64::MAX - 1), Some(i64::MAX), 5000),
            1
        );
        assert_eq!(estimated_chunks(None, None, 5000), 0);
        assert_eq!(estimated_chunks(Some(-10), Some(9), 10), 2);
    }
}
