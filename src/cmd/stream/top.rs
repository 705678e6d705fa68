//! The N best items of a scan without holding the rest (`--limit N` on `stream list` and
//! `stream jobs`): a max-heap of at most N by rank (smaller is better), so memory is O(N)
//! however many streams the scan finds.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

struct Ranked<K, T> {
    key: K,
    item: T,
}

impl<K: Ord, T> PartialEq for Ranked<K, T> {
    fn eq(&self, o: &Self) -> bool {
        self.key == o.key
    }
}
impl<K: Ord, T> Eq for Ranked<K, T> {}
impl<K: Ord, T> PartialOrd for Ranked<K, T> {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl<K: Ord, T> Ord for Ranked<K, T> {
    fn cmp(&self, o: &Self) -> Ordering {
        self.key.cmp(&o.key)
    }
}

/// Keeps the `n` items of smallest rank seen so far.
pub struct TopN<K, T> {
    n: usize,
    heap: BinaryHeap<Ranked<K, T>>,
}

impl<K: Ord, T> TopN<K, T> {
    pub fn new(n: usize) -> TopN<K, T> {
        TopN {
            n,
            heap: BinaryHeap::with_capacity(n.min(1 << 16) + 1),
        }
    }

    /// Offers an item; `key` is computed only when it could be kept.
    pub fn push(&mut self, key: K, item: T) {
        if self.n == 0 {
            return;
        }
        if self.heap.len() < self.n {
            self.heap.push(Ranked { key, item });
        } else if self.heap.peek().is_some_and(|worst| key < worst.key) {
            self.heap.pop();
            self.heap.push(Ranked { key, item });
        }
    }

    /// The kept items, best first.
    pub fn into_sorted(self) -> Vec<T> {
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|r| r.item)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_n_smallest_in_order() {
        let mut t = TopN::new(3);
        for x in [5, 1, 9, 3, 7, 2, 8] {
            t.push(x, x * 10);
        }
        assert_eq!(t.into_sorted(), vec![10, 20, 30]);
        let mut z = TopN::new(0);
        z.push(1, 1);
        assert!(z.into_sorted().is_empty());
    }
}
