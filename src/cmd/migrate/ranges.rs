//! The chunks the loop walks, bounded by rows (keyset): a chunk is the next N ids after the
//! cursor, read from the primary key (`… WHERE id >= lo AND id <= hi ORDER BY id LIMIT N`),
//! so sparse ids (Snowflake-style, gaps of billions) cost rows/N chunks, not one per row.
//! The search windows start at the first id above the cursor (ids at or below zero alike),
//! keep a chunk at or below the high-water mark while the cursor is (rows written during the
//! run are counted apart), use saturating arithmetic (no wrap near `i64::MAX`), and end the
//! walk at `i64::MAX`.

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

    /// Records a committed chunk. A chunk always ends above the cursor, so the walk advances.
    pub fn advance(&mut self, hi: i64) {
        debug_assert!(self.done_through.is_none_or(|c| hi > c));
        self.done_through = Some(hi);
    }
}

/// The id windows `[from, to]` to look for the next chunk in, in order: the first that holds
/// any id gives the chunk (its first N ids). While the cursor is at or below the high-water
/// mark, the window ends there; only when it is empty does the walk go on above it.
pub fn windows(next: Next, high_water: i64) -> Vec<(i64, i64)> {
    let from = match next {
        Next::Smallest => i64::MIN,
        Next::Above(c) => c.saturating_add(1),
        Next::Finished => return Vec::new(),
    };
    if from > high_water {
        return vec![(from, i64::MAX)];
    }
    let mut w = vec![(from, high_water)];
    if high_water < i64::MAX {
        w.push((high_water + 1, i64::MAX));
    }
    w
}

/// The dry run's estimate of chunks for `rows` message rows at `size` rows each: never
/// negative, no overflow at the extremes (0 when there are no rows).
pub fn estimated_chunks(rows: i64, size: i64) -> i64 {
    if rows <= 0 {
        return 0;
    }
    let size = size.max(1);
    rows / size + i64::from(rows % size != 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// Walks `ids` the way the runner does (the database answers the first `size` ids of each
    /// window), with chunk sizes taken in turn from `sizes`; returns the chunks, or None if
    /// the walk did not end within one step per id plus one.
    fn walk(ids: &BTreeSet<i64>, sizes: &[i64], high_water: i64) -> Option<Vec<(i64, i64)>> {
        let mut cursor = Cursor::default();
        let mut chunks = Vec::new();
        for step in 0..=ids.len() {
            let size = usize::try_from(sizes[step % sizes.len()].min(1 << 20)).unwrap();
            let found = windows(cursor.next(), high_water)
                .into_iter()
                .find_map(|(a, b)| {
                    let got: Vec<i64> = ids.range(a..=b).take(size).copied().collect();
                    Some((*got.first()?, *got.last()?))
                });
            let Some((lo, hi)) = found else {
                return Some(chunks);
            };
            assert!(lo <= hi, "empty chunk {lo}..{hi}");
            chunks.push((lo, hi));
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
        prop::collection::vec(prop_oneof![1i64..10, 1i64..5_000_000, Just(i64::MAX)], 1..8)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The walk ends, its chunks are disjoint and increasing, together they cover every id
        /// exactly once, and each holds at most its size in rows, whatever the layout (gaps,
        /// negatives, zero, extremes). With one fixed size the count of chunks is the
        /// fewest possible plus one for the high-water split.
        #[test]
        fn the_walk_ends_and_covers_every_id(
            ids in id_layouts(),
            sizes in sizes(),
            hw in prop_oneof![any::<i64>(), Just(i64::MAX), Just(0i64)],
        ) {
            let chunks = walk(&ids, &sizes, hw).expect("the walk must end");
            for w in chunks.windows(2) {
                prop_assert!(w[0].1 < w[1].0, "chunks overlap or go back: {:?}", w);
            }
            for id in &ids {
                let n = chunks.iter().filter(|(lo, hi)| lo <= id && id <= hi).count();
                prop_assert_eq!(n, 1, "id {} covered {} times", id, n);
            }
            for (i, (lo, hi)) in chunks.iter().enumerate() {
                let rows = ids.range(*lo..=*hi).count() as i64;
                prop_assert!(rows >= 1 && rows <= sizes[i % sizes.len()]);
                // A chunk never straddles the high-water mark.
                prop_assert!(!(*lo <= hw && *hi > hw), "{}..{} straddles {}", lo, hi, hw);
            }
            if sizes.len() == 1 {
                let n = ids.len() as i64;
                prop_assert!(chunks.len() as i64 <= estimated_chunks(n, sizes[0]) + 1);
            }
        }

        #[test]
        fn the_estimate_is_never_negative(rows in any::<i64>(), size in 1i64..=i64::MAX) {
            let n = estimated_chunks(rows, size);
            prop_assert!(n >= 0);
            if rows > 0 {
                prop_assert!(n >= 1);
            }
        }
    }

    #[test]
    fn sparse_ids_make_few_chunks() {
        // Snowflake-style: gaps of about 2^22 and more between neighbours.
        let ids: BTreeSet<i64> = (0..30_004i64)
            .map(|i| 1_600_000_000_000_000_000 + i * 4_194_304 * 7)
            .collect();
        let chunks = walk(&ids, &[5000], i64::MAX).unwrap();
        assert_eq!(chunks.len(), 7);
    }

    #[test]
    fn extremes() {
        assert_eq!(
            windows(Next::Smallest, i64::MAX),
            vec![(i64::MIN, i64::MAX)]
        );
        assert_eq!(windows(Next::Above(5), 10), vec![(6, 10), (11, i64::MAX)]);
        assert_eq!(windows(Next::Above(10), 10), vec![(11, i64::MAX)]);
        assert_eq!(
            windows(Next::Above(i64::MAX - 1), i64::MAX),
            vec![(i64::MAX, i64::MAX)]
        );
        assert_eq!(windows(Next::Finished, 0), Vec::new());
        assert_eq!(Cursor::new(Some(i64::MAX)).next(), Next::Finished);
        assert_eq!(Cursor::new(None).next(), Next::Smallest);
        assert_eq!(estimated_chunks(i64::MAX, 1), i64::MAX);
        assert_eq!(estimated_chunks(2, 5000), 1);
        assert_eq!(estimated_chunks(0, 5000), 0);
        assert_eq!(estimated_chunks(20, 10), 2);
        assert_eq!(estimated_chunks(21, 10), 3);
    }
}
