//! The in-memory size of a key estimated from its dump record, following what Redis 7's
//! `MEMORY USAGE key SAMPLES 0` adds up (object.c `objectComputeSize`) with jemalloc's size
//! classes:
//!
//! - every key: its name as an sds plus a dict entry (24 bytes);
//! - strings: 16 bytes for an integer, one allocation of object and sds up to 44 bytes
//!   (embstr), else the object plus the sds (raw);
//! - listpack, ziplist and intset encodings: the object plus the blob as stored in the dump
//!   (the server keeps the same bytes);
//! - quicklists: the object, the list header and per node 32 bytes plus its blob;
//! - hash tables (sets, hashes, sorted sets as skiplists): the object, the dict with a
//!   power-of-two table of pointers (both tables while it rehashes after a doubling, as
//!   `dictSlots` counts them; see `slots` for the window where the dump cannot tell), per
//!   element its sds (and value sds) and a dict entry;
//!   sorted sets add a skiplist node of about 53 bytes each;
//! - streams: the object and stream header, the listpacks' allocations (the open last one
//!   at its 4096 preallocated bytes), and 16 bytes per id plus 244 per node of each radix
//!   tree (the stream's, every group's pending entries, every consumer's), the nodes counted
//!   exactly from the ids the dump lists (`RaxNodes`); per group 40 bytes and 24 per pending
//!   entry, per consumer 24 bytes (32 from Redis 7.2) and its name. `MEMORY USAGE` walks
//!   every group and consumer; only its listpack sum is sampled (`SAMPLES`, default 5: the
//!   first five nodes' average times the others, plus the last), which for a stream's equal
//!   nodes is the same figure;
//! - module values: their serialized size (a module's own memory is not knowable offline).

/// The allocation jemalloc makes for a request of `n` bytes (4 size classes per doubling).
pub fn jemalloc(n: u64) -> u64 {
    match n {
        0..=8 => 8,
        9..=128 => n.div_ceil(16) * 16,
        _ => {
            let step = 1u64 << (63 - (n - 1).leading_zeros() - 2);
            n.div_ceil(step) * step
        }
    }
}

/// An sds string of `len` bytes: header by length (type 5 under 32 bytes), the bytes, a NUL.
pub fn sds(len: u64) -> u64 {
    let hdr = match len {
        0..=31 => 1,
        32..=255 => 3,
        256..=65535 => 5,
        _ => 9,
    };
    jemalloc(hdr + len + 1)
}

pub const ROBJ: u64 = 16;
const DICT_ENTRY: u64 = 24;
const DICT: u64 = 56;
const QUICKLIST: u64 = 40;
const QUICKLIST_NODE: u64 = 32;
const SKIPLIST_NODE: u64 = 53;
/// zset + zskiplist + the 32-level header node.
const ZSET_FIXED: u64 = 16 + 32 + 640;
const RAX_NODE: u64 = 4 + 8 * 30;

/// The key's own share: its name and its dict entry.
pub fn key(len: u64) -> u64 {
    sds(len) + DICT_ENTRY
}

pub fn string(len: u64, integer: bool) -> u64 {
    if integer {
        ROBJ
    } else if len <= 44 {
        jemalloc(ROBJ + 3 + len + 1)
    } else {
        ROBJ + jemalloc(
            if len < 256 {
                3
            } else if len < 65536 {
                5
            } else {
                9
            } + len
                + 1,
        )
    }
}

/// One packed blob (listpack, ziplist, intset, zipmap) as the whole value.
pub fn packed(bytes: u64) -> u64 {
    ROBJ + jemalloc(bytes)
}

/// A quicklist of nodes whose blobs' allocations sum to `alloc`.
pub fn quicklist(nodes: u64, alloc: u64) -> u64 {
    ROBJ + QUICKLIST + nodes * QUICKLIST_NODE + alloc
}

/// How many incremental rehash steps (dict.c `_dictRehashStep`) adding one element takes:
/// SADD adds (one step); ZADD and HSET look the element up first, then add (two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adds {
    /// SADD.
    Add,
    /// ZADD, HSET.
    FindThenAdd,
}

impl Adds {
    fn steps(self) -> u64 {
        match self {
            Adds::Add => 1,
            Adds::FindThenAdd => 2,
        }
    }
}

/// The bucket pointers `MEMORY USAGE` counts for a dict of `n` elements: `dictSlots`, the
/// sizes of both tables. A dict holds a power of two of at least `n` buckets (4 at least;
/// RDB loading sizes it so at once). One that grew by adds doubled when its table was full
/// and then moves one bucket per step to the new table, so for a while after a doubling it
/// holds both: S/2 + S. That lasts until the old table's non-empty buckets, about
/// (1 - 1/e) of S/2 at a load of 1, have moved, `adds` steps per element added. The dump
/// cannot tell whether a dict in that window is still rehashing (one built by adds and not
/// read since is; one loaded from a dump, converted from a listpack with its size known, or
/// read since, is not): there it counts halfway, S + S/4, so either way it is off by at
/// most S/4 pointers (under 8% of such a set, less for bigger elements).
fn slots(n: u64, adds: Adds) -> u64 {
    let s = n.max(1).next_power_of_two().max(4);
    let old = s / 2;
    let window = old * 632 / 1000 / adds.steps();
    if s >= 8 && n > old && n - old - 1 < window {
        s + s / 4
    } else {
        s
    }
}

fn dict(n: u64, adds: Adds) -> u64 {
    DICT + slots(n, adds) * 8 + n * DICT_ENTRY
}

/// A hash table of `n` elements whose strings' allocations sum to `alloc`.
pub fn table(n: u64, alloc: u64, adds: Adds) -> u64 {
    ROBJ + dict(n, adds) + alloc
}

pub fn skiplist(n: u64, alloc: u64) -> u64 {
    ROBJ + ZSET_FIXED + dict(n, Adds::FindThenAdd) + n * SKIPLIST_NODE + alloc
}

/// The nodes of a Redis radix tree (rax.c) holding distinct 16-byte stream ids, counted from
/// the ids in ascending order (as a dump lists them) in constant memory. A rax is a compact
/// trie: one node per key (a leaf), one per branching point, and one compressed node before
/// either wherever a run of bytes is not shared with a sibling. `MEMORY USAGE` charges a
/// fixed 244 bytes per node (`streamRadixTreeMemoryUsage`), so the count decides the figure.
#[derive(Debug, Default, Clone)]
pub struct RaxNodes {
    prev: Option<[u8; 16]>,
    /// The common prefix of the previous two keys (the last leaf's left neighbour).
    prev_lcp: Option<u8>,
    /// Depths of the branching nodes still open, deepest last (at most 16).
    open: Vec<u8>,
    keys: u64,
    nodes: u64,
}

impl RaxNodes {
    /// One node, plus a compressed node when bytes lie between its parent's branch (at
    /// `parent`, or the root for None) and its own depth.
    fn node(&mut self, depth: u8, parent: Option<u8>) {
        let start = parent.map_or(0, |p| p + 1);
        self.nodes += 1 + (depth > start) as u64;
    }

    fn leaf(&mut self, left: Option<u8>, right: Option<u8>) {
        self.node(16, left.max(right));
    }

    pub fn push(&mut self, id: [u8; 16]) {
        let Some(prev) = self.prev else {
            self.prev = Some(id);
            self.keys = 1;
            return;
        };
        let lcp = prev.iter().zip(&id).take_while(|(a, b)| a == b).count() as u8;
        if lcp == 16 {
            return; // the same id twice (a corrupt dump): one key
        }
        self.leaf(self.prev_lcp, Some(lcp));
        // Close the branches deeper than this one; the last closed hangs under it.
        while let Some(&top) = self.open.last().filter(|&&t| t > lcp) {
            self.open.pop();
            let parent = match self.open.last() {
                Some(&u) if u >= lcp => u,
                _ => lcp,
            };
            self.node(top, Some(parent));
        }
        if self.open.last() != Some(&lcp) {
            self.open.push(lcp);
        }
        self.prev = Some(id);
        self.prev_lcp = Some(lcp);
        self.keys += 1;
    }

    /// (keys, nodes); an empty rax is its root alone.
    pub fn finish(mut self) -> (u64, u64) {
        if self.prev.is_none() {
            return (0, 1);
        }
        self.leaf(self.prev_lcp, None);
        while let Some(top) = self.open.pop() {
            let parent = self.open.last().copied();
            self.node(top, parent);
        }
        (self.keys, self.nodes)
    }
}

/// `streamRadixTreeMemoryUsage`: 16 bytes per id, 244 per node.
fn rax(keys: u64, nodes: u64) -> u64 {
    keys * 16 + nodes * RAX_NODE
}

/// The parts of a stream that decide its size, as `MEMORY USAGE` adds them up (object.c):
/// the stream's radix tree, its listpacks' allocations, and per consumer group its struct,
/// its pending entries' tree and NACKs (24 bytes each), per consumer its struct, its name's
/// bytes and its own tree of pending ids.
#[derive(Debug, Default, Clone, Copy)]
pub struct StreamParts {
    /// `sizeof(stream)`: 80 since Redis 7.0, 40 before.
    pub header: u64,
    pub listpacks: u64,
    pub rax_nodes: u64,
    pub listpack_alloc: u64,
    pub groups: u64,
    pub pending: u64,
    pub pel_nodes: u64,
    /// `sizeof(streamConsumer)`: 32 since Redis 7.2 (active time), 24 before.
    pub consumer_size: u64,
    pub consumers: u64,
    pub consumer_name_bytes: u64,
    pub consumer_pending: u64,
    pub consumer_pel_nodes: u64,
}

/// `sizeof(streamCG)` (7.0: last id, entries read, two pointers) and `sizeof(streamNACK)`.
const STREAM_CG: u64 = 40;
const STREAM_NACK: u64 = 24;

pub fn stream(p: &StreamParts) -> u64 {
    let groups = p.groups * STREAM_CG + rax(p.pending, p.pel_nodes) + p.pending * STREAM_NACK;
    let consumers = p.consumers * p.consumer_size
        + p.consumer_name_bytes
        + rax(p.consumer_pending, p.consumer_pel_nodes);
    ROBJ + p.header + rax(p.listpacks, p.rax_nodes) + p.listpack_alloc + groups + consumers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jemalloc_classes() {
        let got: Vec<u64> = [1, 8, 9, 17, 100, 128, 129, 161, 257, 1025, 5000]
            .iter()
            .map(|&n| jemalloc(n))
            .collect();
        assert_eq!(got, [8, 8, 16, 32, 112, 128, 160, 192, 320, 1280, 5120]);
        // Redis 7.0, measured: MEMORY USAGE of key foo holding hello, 12345, 100 bytes.
        assert_eq!(key(3) + string(5, false), 64);
        assert_eq!(key(3) + string(5, true), 48);
        assert_eq!(key(3) + string(100, false), 160);
    }

    #[test]
    fn dict_slots_count_both_tables_halfway_in_the_rehash_window() {
        // Past the window, or grown by ZADD/HSET (two steps an add): one table.
        assert_eq!(slots(215, Adds::Add), 256);
        assert_eq!(slots(340, Adds::FindThenAdd), 512);
        assert_eq!(slots(128, Adds::Add), 128);
        assert_eq!(slots(3, Adds::Add), 4);
        // Just after a doubling: halfway between 256 and 128 + 256.
        assert_eq!(slots(130, Adds::Add), 320);
        assert_eq!(slots(300, Adds::FindThenAdd), 640);
        // Redis 7.0, measured: SADD of 130 members `msg-130-N` to `sone130`, still
        // rehashing (384 slots): 8384; the same set loaded from a dump (256 slots): 7360.
        let est = key(7) + table(130, 130 * sds(10), Adds::Add);
        for live in [8384, 7360] {
            let r = est as f64 / live as f64;
            assert!((0.92..=1.08).contains(&r), "{est} vs {live}");
        }
        // 215 members: the rehash done, 10760 exactly.
        assert_eq!(key(7) + table(215, 215 * sds(10), Adds::Add), 10760);
    }

    /// The node count of a compact trie over sorted, distinct 16-byte keys, the slow way:
    /// a compressed node for a shared run, a branching node, then each child below it.
    fn naive(keys: &[[u8; 16]], depth: usize) -> u64 {
        if keys.len() == 1 {
            return 1 + (depth < 16) as u64;
        }
        let first = keys[0];
        let last = keys[keys.len() - 1];
        let mut p = depth;
        while first[p] == last[p] {
            p += 1;
        }
        let mut n = 1 + (p > depth) as u64;
        let mut i = 0;
        while i < keys.len() {
            let j = i + keys[i..].iter().take_while(|k| k[p] == keys[i][p]).count();
            n += naive(&keys[i..j], p + 1);
            i = j;
        }
        n
    }

    #[test]
    fn rax_nodes_match_a_compact_trie() {
        let count = |keys: &[[u8; 16]]| {
            let mut r = RaxNodes::default();
            keys.iter().for_each(|k| r.push(*k));
            r.finish()
        };
        assert_eq!(count(&[]), (0, 1));
        let id = |ms: u64, seq: u64| {
            let mut k = [0u8; 16];
            k[..8].copy_from_slice(&ms.to_be_bytes());
            k[8..].copy_from_slice(&seq.to_be_bytes());
            k
        };
        assert_eq!(count(&[id(5, 0)]), (1, 2));
        // Root run of 15 bytes, a branch, two leaves.
        assert_eq!(count(&[id(5, 0), id(5, 1)]), (2, 4));
        // A repeated id (a corrupt dump) counts once.
        assert_eq!(count(&[id(5, 0), id(5, 0)]), (1, 2));
        // Ids as XADD makes them: bursts in one millisecond, gaps between.
        let mut seed = 7u64;
        for round in 0..200 {
            let mut keys = Vec::new();
            let mut ms = 1_700_000_000_000u64;
            for _ in 0..(round % 37 + 2) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ms += (seed >> 33) % [1, 3, 300, 70_000][round % 4];
                for seq in 0..(seed >> 60) + 1 {
                    keys.push(id(ms, seq));
                }
            }
            keys.sort();
            keys.dedup();
            assert_eq!(
                count(&keys),
                (keys.len() as u64, naive(&keys, 0)),
                "{round}"
            );
        }
    }
}
