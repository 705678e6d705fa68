//! The figures of an analysis, added up key by key in bounded memory: per key-shape group,
//! per database and per type, and the biggest keys in a bounded heap.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use serde::{Deserialize, Serialize};

use crate::ops::keys::show_key;
use crate::ops::name::Name;
use crate::ops::shape::prefix_of;
use crate::rdb::{Key, Meta};

/// Distinct groups kept; shapes beyond it count under `OTHER` (ids already collapse into `*`,
/// so only a keyspace of unrelated names gets here).
const MAX_GROUPS: usize = 100_000;
pub const OTHER: &str = "(other groups)";

#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq)]
pub struct TtlHistogram {
    pub expired: u64,
    pub under_1h: u64,
    pub under_1d: u64,
    pub under_7d: u64,
    pub longer: u64,
    pub none: u64,
}

impl TtlHistogram {
    fn add(&mut self, ttl_ms: Option<i64>) {
        match ttl_ms {
            None => self.none += 1,
            Some(t) if t <= 0 => self.expired += 1,
            Some(t) if t < 3_600_000 => self.under_1h += 1,
            Some(t) if t < 86_400_000 => self.under_1d += 1,
            Some(t) if t < 7 * 86_400_000 => self.under_7d += 1,
            Some(_) => self.longer += 1,
        }
    }
}

/// One key as the report shows it (biggest keys, `--keys` lines).
#[derive(Debug, Clone, Serialize)]
pub struct KeyLine {
    pub db: u64,
    pub key: Name,
    pub group: String,
    #[serde(rename = "type")]
    pub key_type: &'static str,
    pub encoding: &'static str,
    /// STRLEN, LLEN, SCARD, ZCARD, HLEN or XLEN.
    pub len: u64,
    /// Estimated bytes in memory.
    pub bytes: u64,
    pub serialized_bytes: u64,
    /// Seconds left at the time of the analysis (negative: already expired); null: no TTL.
    pub ttl_seconds: Option<i64>,
    /// Module type name of a module value, else null.
    pub module: Option<String>,
}

impl KeyLine {
    pub fn of(k: &Key, group: String, now_ms: i64) -> KeyLine {
        KeyLine {
            db: k.db,
            key: Name(k.key.clone()),
            group,
            key_type: k.kind.name(),
            encoding: k.encoding,
            len: k.len,
            bytes: k.memory,
            serialized_bytes: k.serialized,
            ttl_seconds: k
                .expire_ms
                .map(|e| e.saturating_sub(now_ms).div_euclid(1000)),
            module: k.module.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub group: String,
    pub keys: u64,
    /// Estimated bytes in memory.
    pub bytes: u64,
    pub serialized_bytes: u64,
    /// This group's share of all estimated bytes, 0..1.
    pub share: f64,
    pub keys_without_ttl: u64,
    pub ttl_histogram: TtlHistogram,
    pub types: BTreeMap<String, u64>,
    pub encodings: BTreeMap<String, u64>,
    pub biggest: Option<KeyLine>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub keys: u64,
    pub bytes: u64,
    pub serialized_bytes: u64,
    pub keys_without_ttl: u64,
    /// Elements (the *LEN of each key) added up.
    pub elements: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DbTotals {
    pub db: u64,
    #[serde(flatten)]
    pub totals: Totals,
}

#[derive(Debug, Clone, Serialize)]
pub struct TypeTotals {
    #[serde(rename = "type")]
    pub key_type: String,
    #[serde(flatten)]
    pub totals: Totals,
}

impl Totals {
    fn add(&mut self, k: &Key) {
        self.keys += 1;
        self.bytes += k.memory;
        self.serialized_bytes += k.serialized;
        self.keys_without_ttl += k.expire_ms.is_none() as u64;
        self.elements += k.len;
    }
}

#[derive(Debug, Default)]
struct GroupAcc {
    totals: Totals,
    ttl: TtlHistogram,
    types: BTreeMap<&'static str, u64>,
    encodings: BTreeMap<&'static str, u64>,
    biggest: Option<KeyLine>,
}

/// A key in the heap of the biggest: smallest on top, so the heap keeps the N largest.
#[derive(Debug)]
struct Big(u64, u64, KeyLine);

impl PartialEq for Big {
    fn eq(&self, o: &Big) -> bool {
        (self.0, self.1) == (o.0, o.1)
    }
}
impl Eq for Big {}
impl PartialOrd for Big {
    fn partial_cmp(&self, o: &Big) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Big {
    fn cmp(&self, o: &Big) -> std::cmp::Ordering {
        // Bigger first; among equals the earlier key wins.
        (self.0, Reverse(self.1)).cmp(&(o.0, Reverse(o.1)))
    }
}

pub struct Tally {
    separator: String,
    depth: usize,
    pub now_ms: i64,
    top: usize,
    seq: u64,
    groups: HashMap<String, GroupAcc>,
    heap: BinaryHeap<Reverse<Big>>,
    dbs: BTreeMap<u64, Totals>,
    types: BTreeMap<&'static str, Totals>,
    total: Totals,
    ttl: TtlHistogram,
}

impl Tally {
    pub fn new(separator: &str, depth: usize, top: usize, now_ms: i64) -> Tally {
        Tally {
            separator: separator.to_string(),
            depth: depth.max(1),
            now_ms,
            top,
            seq: 0,
            groups: HashMap::new(),
            heap: BinaryHeap::new(),
            dbs: BTreeMap::new(),
            types: BTreeMap::new(),
            total: Totals::default(),
            ttl: TtlHistogram::default(),
        }
    }

    /// The group of a key: the same shape as `cache stats --top-prefixes`.
    pub fn group_of(&self, key: &[u8]) -> String {
        // Most keys are plain text, shown as they are: no escaped copy to make.
        match std::str::from_utf8(key) {
            Ok(s) if !s.chars().any(crate::output::escape::is_unsafe) => {
                prefix_of(s, &self.separator, self.depth)
            }
            _ => prefix_of(&show_key(key), &self.separator, self.depth),
        }
    }

    /// Counts one key; returns its group.
    pub fn add(&mut self, k: &Key) -> String {
        let mut group = self.group_of(&k.key);
        if self.groups.len() >= MAX_GROUPS && !self.groups.contains_key(&group) {
            group = OTHER.to_string();
        }
        let ttl = k.expire_ms.map(|e| e.saturating_sub(self.now_ms));
        self.total.add(k);
        self.ttl.add(ttl);
        self.dbs.entry(k.db).or_default().add(k);
        self.types.entry(k.kind.name()).or_default().add(k);
        self.seq += 1;
        // Look up before inserting: most keys land in a group that exists (no clone).
        if !self.groups.contains_key(&group) {
            self.groups.insert(group.clone(), GroupAcc::default());
        }
        let Some(g) = self.groups.get_mut(&group) else {
            return group;
        };
        g.totals.add(k);
        g.ttl.add(ttl);
        *g.types.entry(k.kind.name()).or_default() += 1;
        *g.encodings.entry(k.encoding).or_default() += 1;
        if g.biggest.as_ref().is_none_or(|b| k.memory > b.bytes) {
            g.biggest = Some(KeyLine::of(k, group.clone(), self.now_ms));
        }
        if self.top > 0 {
            let smallest = self.heap.peek().map(|Reverse(b)| b.0);
            if self.heap.len() < self.top || smallest.is_some_and(|s| k.memory > s) {
                let line = KeyLine::of(k, group.clone(), self.now_ms);
                self.heap.push(Reverse(Big(k.memory, self.seq, line)));
                if self.heap.len() > self.top {
                    self.heap.pop();
                }
            }
        }
        group
    }

    pub fn finish(self, meta: &Meta, source: String, file_bytes: u64) -> super::AnalyzeReport {
        let all = self.total.bytes.max(1) as f64;
        let mut groups: Vec<Group> = self
            .groups
            .into_iter()
            .map(|(group, g)| Group {
                group,
                keys: g.totals.keys,
                bytes: g.totals.bytes,
                serialized_bytes: g.totals.serialized_bytes,
                share: g.totals.bytes as f64 / all,
                keys_without_ttl: g.totals.keys_without_ttl,
                ttl_histogram: g.ttl,
                types: g
                    .types
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect(),
                encodings: g
                    .encodings
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect(),
                biggest: g.biggest,
            })
            .collect();
        groups.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.group.cmp(&b.group)));
        let mut biggest: Vec<Big> = self.heap.into_iter().map(|Reverse(b)| b).collect();
        biggest.sort_by(|a, b| b.cmp(a));
        let redis_version = meta
            .aux
            .iter()
            .find(|(k, _)| k == "redis-ver" || k == "valkey-ver")
            .map(|(_, v)| v.clone());
        super::AnalyzeReport {
            source,
            rdb_version: meta.version,
            redis_version,
            checksum_verified: meta.checksum_verified,
            file_bytes,
            keys: self.total.keys,
            bytes: self.total.bytes,
            serialized_bytes: self.total.serialized_bytes,
            keys_without_ttl: self.total.keys_without_ttl,
            ttl_histogram: self.ttl,
            separator: self.separator,
            depth: self.depth,
            groups,
            biggest: biggest.into_iter().map(|b| b.2).collect(),
            databases: self
                .dbs
                .into_iter()
                .map(|(db, totals)| DbTotals { db, totals })
                .collect(),
            types: self
                .types
                .into_iter()
                .map(|(t, totals)| TypeTotals {
                    key_type: t.to_string(),
                    totals,
                })
                .collect(),
            functions: meta.functions,
            module_aux: meta.module_aux.clone(),
            slots: meta.slots.len() as u64,
            diff: None,
            nodes: Vec::new(),
            top: 20,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rdb::Kind;

    fn key(name: &str, memory: u64, expire_ms: Option<i64>) -> Key {
        Key {
            db: 0,
            key: name.as_bytes().to_vec(),
            kind: Kind::String,
            encoding: "raw",
            len: 1,
            serialized: 10,
            memory,
            expire_ms,
            fields_with_ttl: 0,
            module: None,
        }
    }

    #[test]
    fn ttl_buckets_extremes_and_the_bounded_heap() {
        let mut t = Tally::new(":", 2, 2, 1_000_000);
        // Expiries a corrupt or odd dump may hold: no overflow, each in its bucket.
        for (i, e) in [
            Some(i64::MIN),
            Some(i64::MAX),
            Some(0),
            None,
            Some(1_000_000 + 1000),
        ]
        .into_iter()
        .enumerate()
        {
            t.add(&key(&format!("a:{i}"), 100 + i as u64, e));
        }
        let r = t.finish(&Meta::default(), "t".into(), 0);
        let h = &r.ttl_histogram;
        assert_eq!((h.expired, h.under_1h, h.longer, h.none), (2, 1, 1, 1));
        assert_eq!(r.groups.len(), 1);
        assert_eq!(r.groups[0].group, "a:*");
        let big: Vec<u64> = r.biggest.iter().map(|b| b.bytes).collect();
        assert_eq!(big, [104, 103]);
        assert_eq!(r.groups[0].biggest.as_ref().map(|b| b.bytes), Some(104));
    }
}
