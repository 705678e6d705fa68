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
//!   power-of-two table of pointers, per element its sds (and value sds) and a dict entry;
//!   sorted sets add a skiplist node of about 53 bytes each;
//! - streams: the object and stream header, the listpacks' bytes, the radix tree's nodes
//!   (MEMORY USAGE counts 244 bytes per node, about two nodes per entry), consumer groups,
//!   their pending entries and consumers;
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
const STREAM: u64 = 80;
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

fn dict(n: u64) -> u64 {
    DICT + n.max(1).next_power_of_two().max(4) * 8 + n * DICT_ENTRY
}

/// A hash table of `n` elements whose strings' allocations sum to `alloc`.
pub fn table(n: u64, alloc: u64) -> u64 {
    ROBJ + dict(n) + alloc
}

pub fn skiplist(n: u64, alloc: u64) -> u64 {
    ROBJ + ZSET_FIXED + dict(n) + n * SKIPLIST_NODE + alloc
}

fn rax(elements: u64) -> u64 {
    elements * 16 + (2 * elements).max(1) * RAX_NODE
}

/// The parts of a stream that decide its size.
#[derive(Debug, Default, Clone, Copy)]
pub struct StreamParts {
    pub listpacks: u64,
    pub listpack_bytes: u64,
    pub groups: u64,
    pub pending: u64,
    pub consumers: u64,
    pub consumer_name_bytes: u64,
    pub consumer_pending: u64,
}

pub fn stream(p: &StreamParts) -> u64 {
    let groups = p.groups * (40 + rax(0)) + rax(p.pending).saturating_sub(rax(0)) + p.pending * 24;
    let consumers = p.consumers * (32 + rax(0))
        + p.consumer_name_bytes
        + p.consumer_pending * (16 + 2 * RAX_NODE);
    ROBJ + STREAM + rax(p.listpacks) + p.listpack_bytes + groups + consumers
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
}
