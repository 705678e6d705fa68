//! The figures of an analysis, added up key by key in bounded memory: per key-shape group,
//! per database and per type, and the biggest keys in a bounded heap.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use serde::{Deserialize, Serialize};

use crate::ops::keys::show_key;
use crate::ops::name::Name;
use crate::ops::shape::prefix_of;
use crate::rdb::{Key, Meta};

/// Distinct groups held at once (a few hundred bytes each, so a dump of millions of unrelated
/// names stays far under 100 MB). Past it the lightest group is folded into `OTHER` to make
/// room (see `Table::make_room`): any group holding more than 1/MAX_GROUPS of the memory is
/// always reported, whatever the order of the dump.
pub const MAX_GROUPS: usize = 50_000;
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

    pub fn absorb(&mut self, h: &TtlHistogram) {
        self.expired += h.expired;
        self.under_1h += h.under_1h;
        self.under_1d += h.under_1d;
        self.under_7d += h.under_7d;
        self.longer += h.longer;
        self.none += h.none;
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
    pub types: Counts,
    pub encodings: Counts,
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

/// Keys per name (type, encoding), printed as a JSON object in name order: a small vector
/// rather than a map, as a group has one or two of each and there can be 50,000 groups.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Counts(Vec<(Cow<'static, str>, u64)>);

impl Counts {
    pub fn add(&mut self, name: Cow<'static, str>, n: u64) {
        match self.0.iter_mut().find(|(k, _)| *k == name) {
            Some((_, c)) => *c += n,
            None => self.0.push((name, n)),
        }
    }

    pub fn absorb(&mut self, o: &Counts) {
        for (k, n) in &o.0 {
            self.add(k.clone(), *n);
        }
    }

    /// (name, keys) in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        let mut v: Vec<(&str, u64)> = self.0.iter().map(|(k, n)| (k.as_ref(), *n)).collect();
        v.sort();
        v.into_iter()
    }
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// One group's figures while the dump is read; the biggest key without its group name (the
/// slot has it).
#[derive(Debug, Default)]
struct GroupAcc {
    totals: Totals,
    ttl: TtlHistogram,
    types: Counts,
    encodings: Counts,
    biggest: Option<KeyLine>,
}

impl GroupAcc {
    fn add(&mut self, k: &Key, ttl: Option<i64>, now_ms: i64) {
        self.totals.add(k);
        self.ttl.add(ttl);
        self.types.add(Cow::Borrowed(k.kind.name()), 1);
        self.encodings.add(Cow::Borrowed(k.encoding), 1);
        if self.biggest.as_ref().is_none_or(|b| k.memory > b.bytes) {
            self.biggest = Some(KeyLine::of(k, String::new(), now_ms));
        }
    }

    /// Adds another group's figures (a group folded into `OTHER`).
    fn absorb(&mut self, o: GroupAcc, name: &str) {
        add_totals(&mut self.totals, &o.totals);
        self.ttl.absorb(&o.ttl);
        self.types.absorb(&o.types);
        self.encodings.absorb(&o.encodings);
        if let Some(mut b) = o.biggest
            && self.biggest.as_ref().is_none_or(|s| b.bytes > s.bytes)
        {
            b.group = name.to_string();
            self.biggest = Some(b);
        }
    }

    fn into_group(self, group: String, all: f64) -> Group {
        let biggest = self.biggest.map(|mut b| {
            if b.group.is_empty() {
                b.group = group.clone();
            }
            b
        });
        Group {
            keys: self.totals.keys,
            bytes: self.totals.bytes,
            serialized_bytes: self.totals.serialized_bytes,
            share: self.totals.bytes as f64 / all,
            keys_without_ttl: self.totals.keys_without_ttl,
            ttl_histogram: self.ttl,
            types: self.types,
            encodings: self.encodings,
            biggest,
            group,
        }
    }
}

pub fn add_totals(to: &mut Totals, t: &Totals) {
    to.keys += t.keys;
    to.bytes += t.bytes;
    to.serialized_bytes += t.serialized_bytes;
    to.keys_without_ttl += t.keys_without_ttl;
    to.elements += t.elements;
}

/// A group held in the table. `weight` is the Space-Saving counter: its bytes plus the weight
/// of the group it replaced (what it may have held before it was let in), so the group
/// evicted is the one that can have held the least.
struct Slot {
    name: String,
    acc: GroupAcc,
    weight: u64,
}

/// The groups of the dump in bounded memory: exact figures for every group while there are
/// at most `cap`; past that the Space-Saving rule (Metwally et al.): a new group takes the
/// place of the one of least weight, whose figures are folded into `other`.
struct Table {
    cap: usize,
    index: HashMap<String, u32>,
    slots: Vec<Slot>,
    /// Lightest slot on top, filled once the table is full; an entry whose weight is stale
    /// (the slot grew since) is pushed again with its weight when met at the top.
    lightest: BinaryHeap<Reverse<(u64, u32)>>,
    other: GroupAcc,
    /// Groups folded into `other` (a group folded, met again and folded again counts twice).
    folded: u64,
}

impl Table {
    fn new(cap: usize) -> Table {
        Table {
            cap: cap.max(1),
            index: HashMap::new(),
            slots: Vec::new(),
            lightest: BinaryHeap::new(),
            other: GroupAcc::default(),
            folded: 0,
        }
    }

    fn add(&mut self, group: &str, k: &Key, ttl: Option<i64>, now_ms: i64) {
        let i = match self.index.get(group) {
            Some(&i) => i as usize,
            None => self.make_room(group),
        };
        let s = &mut self.slots[i];
        s.acc.add(k, ttl, now_ms);
        s.weight = s.weight.saturating_add(k.memory);
    }

    /// The heap of every slot by weight, lightest first.
    fn rebuild_lightest(&mut self) {
        self.lightest = self
            .slots
            .iter()
            .enumerate()
            .map(|(i, s)| Reverse((s.weight, i as u32)))
            .collect();
    }

    /// A slot for a group not in the table: a new one while there is room, else the lightest
    /// one's, its figures folded into `other` (the new group inherits its weight).
    fn make_room(&mut self, group: &str) -> usize {
        if self.slots.len() < self.cap {
            let i = self.slots.len();
            self.slots.push(Slot {
                name: group.to_string(),
                acc: GroupAcc::default(),
                weight: 0,
            });
            self.index.insert(group.to_string(), i as u32);
            if self.slots.len() == self.cap {
                self.rebuild_lightest();
            }
            return i;
        }
        let i = loop {
            let Some(Reverse((w, i))) = self.lightest.pop() else {
                // Not reached (a full table has one entry per slot): rebuilt rather than fail.
                self.rebuild_lightest();
                continue;
            };
            let now = self.slots[i as usize].weight;
            if now == w {
                break i as usize;
            }
            self.lightest.push(Reverse((now, i)));
        };
        let old = std::mem::replace(
            &mut self.slots[i],
            Slot {
                name: group.to_string(),
                acc: GroupAcc::default(),
                weight: 0,
            },
        );
        self.index.remove(&old.name);
        self.index.insert(group.to_string(), i as u32);
        self.slots[i].weight = old.weight;
        self.other.absorb(old.acc, &old.name);
        self.folded += 1;
        // Pushed with the weight it has before this key: stale at once, refreshed when met.
        self.lightest.push(Reverse((old.weight, i as u32)));
        i
    }
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
    groups: Table,
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
            groups: Table::new(MAX_GROUPS),
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
        let group = self.group_of(&k.key);
        let ttl = k.expire_ms.map(|e| e.saturating_sub(self.now_ms));
        self.total.add(k);
        self.ttl.add(ttl);
        self.dbs.entry(k.db).or_default().add(k);
        self.types.entry(k.kind.name()).or_default().add(k);
        self.seq += 1;
        self.groups.add(&group, k, ttl, self.now_ms);
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
        let table = self.groups;
        let folded = table.folded;
        let mut groups: Vec<Group> = table
            .slots
            .into_iter()
            .map(|s| s.acc.into_group(s.name, all))
            .collect();
        if folded > 0 {
            groups.push(table.other.into_group(OTHER.to_string(), all));
        }
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
            folded_groups: folded,
            biggest: biggest.into_iter().map(|b| b.2).collect(),
            only_db: None,
            keys_in_other_databases: 0,
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

    /// The groups a table of `cap` keeps from `keys` (group, bytes), biggest first, and how
    /// many were folded.
    fn kept(cap: usize, keys: &[(&str, u64)]) -> (Vec<(String, u64)>, u64) {
        let mut t = Table::new(cap);
        for (g, m) in keys {
            t.add(g, &key(&format!("{g}x"), *m, None), None, 0);
        }
        let folded = t.folded;
        let mut out: Vec<(String, u64)> = t
            .slots
            .into_iter()
            .map(|s| (s.name, s.acc.totals.bytes))
            .collect();
        out.push((OTHER.into(), t.other.totals.bytes));
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        (out, folded)
    }

    #[test]
    fn a_full_table_folds_its_lightest_group_and_keeps_a_heavy_one_met_late() {
        // 100 groups of one small key, then a heavy group's keys: it has its row, exact.
        let names: Vec<String> = (0..100).map(|i| format!("s{i}")).collect();
        let mut keys: Vec<(&str, u64)> = names.iter().map(|n| (n.as_str(), 10)).collect();
        keys.extend(std::iter::repeat_n(("big", 500), 4));
        let (out, folded) = kept(4, &keys);
        assert_eq!(out[0], ("big".to_string(), 2000));
        assert_eq!(out[1].0, OTHER);
        assert_eq!(out.iter().map(|g| g.1).sum::<u64>(), 3000, "{out:?}");
        assert_eq!(folded, 97, "{out:?}");
        // A heavy group interleaved with a stream of new light ones (each would evict it if
        // it restarted from zero): it inherits weight, stays, and ends with most of its bytes.
        let mut keys = Vec::new();
        for (i, n) in names.iter().enumerate() {
            keys.push((n.as_str(), 10));
            if i % 5 == 0 {
                keys.push(("heavy", 100));
            }
        }
        let (out, _) = kept(4, &keys);
        assert_eq!(out[0].0, "heavy", "{out:?}");
        assert!(out[0].1 >= 1900, "{out:?}");
        // Room enough: nothing folded, every figure exact.
        let (out, folded) = kept(1000, &keys);
        assert_eq!(folded, 0);
        assert_eq!(out.len(), 102);
        assert_eq!(out[0], ("heavy".to_string(), 2000));
    }
}
