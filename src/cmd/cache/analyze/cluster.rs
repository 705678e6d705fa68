//! `--cluster`: one snapshot per master (or per master's replica with --from-replica), read one
//! after the other and added up into one report: per group, database and type the sums, the
//! biggest keys of all, and one line per node saying what each contributed.

use std::collections::BTreeMap;

use serde::Serialize;

use super::tally::add_totals;
use super::{AnalyzeReport, DbTotals, Group, TypeTotals};
use crate::redis::Endpoint;

/// What one node's snapshot held.
#[derive(Debug, Clone, Serialize)]
pub struct NodeLine {
    /// The master whose slots these are.
    pub master: String,
    /// The server the snapshot came from (the master, or its replica with --from-replica).
    pub source: String,
    /// The master's slot ranges (`0-5460`).
    pub slots: String,
    pub keys: u64,
    pub bytes: u64,
    pub file_bytes: u64,
    pub rdb_version: u32,
    pub redis_version: Option<String>,
    pub checksum_verified: bool,
}

/// A master to take a snapshot of: its address and its slot ranges.
pub struct Master {
    pub endpoint: Endpoint,
    pub slots: String,
}

/// The reports of every node as one: sums per group, database and type, the `biggest` biggest
/// keys of all, the nodes listed. `parts` is never empty (a cluster has a master).
pub fn merge(source: String, parts: Vec<(Master, AnalyzeReport)>, biggest: usize) -> AnalyzeReport {
    let mut nodes = Vec::with_capacity(parts.len());
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    let mut dbs: BTreeMap<u64, DbTotals> = BTreeMap::new();
    let mut types: BTreeMap<String, TypeTotals> = BTreeMap::new();
    let mut keys = Vec::new();
    let mut out: Option<AnalyzeReport> = None;
    for (m, r) in parts {
        nodes.push(NodeLine {
            master: m.endpoint.to_string(),
            source: r.source.clone(),
            slots: m.slots,
            keys: r.keys,
            bytes: r.bytes,
            file_bytes: r.file_bytes,
            rdb_version: r.rdb_version,
            redis_version: r.redis_version.clone(),
            checksum_verified: r.checksum_verified,
        });
        for g in &r.groups {
            match groups.get_mut(&g.group) {
                None => {
                    groups.insert(g.group.clone(), g.clone());
                }
                Some(to) => {
                    to.keys += g.keys;
                    to.bytes += g.bytes;
                    to.serialized_bytes += g.serialized_bytes;
                    to.keys_without_ttl += g.keys_without_ttl;
                    to.ttl_histogram.absorb(&g.ttl_histogram);
                    to.types.absorb(&g.types);
                    to.encodings.absorb(&g.encodings);
                    if let Some(b) = &g.biggest
                        && to.biggest.as_ref().is_none_or(|t| b.bytes > t.bytes)
                    {
                        to.biggest = Some(b.clone());
                    }
                }
            }
        }
        for d in &r.databases {
            let to = dbs.entry(d.db).or_insert_with(|| DbTotals {
                db: d.db,
                totals: Default::default(),
            });
            add_totals(&mut to.totals, &d.totals);
        }
        for t in &r.types {
            let to = types
                .entry(t.key_type.clone())
                .or_insert_with(|| TypeTotals {
                    key_type: t.key_type.clone(),
                    totals: Default::default(),
                });
            add_totals(&mut to.totals, &t.totals);
        }
        keys.extend(r.biggest.iter().cloned());
        match out.as_mut() {
            None => out = Some(r),
            Some(o) => {
                o.checksum_verified &= r.checksum_verified;
                o.file_bytes += r.file_bytes;
                o.keys += r.keys;
                o.bytes += r.bytes;
                o.serialized_bytes += r.serialized_bytes;
                o.keys_without_ttl += r.keys_without_ttl;
                o.ttl_histogram.absorb(&r.ttl_histogram);
                o.folded_groups += r.folded_groups;
                o.keys_in_other_databases += r.keys_in_other_databases;
                // Functions are copied to every master: the most any node has.
                o.functions = o.functions.max(r.functions);
                for m in r.module_aux {
                    if !o.module_aux.contains(&m) {
                        o.module_aux.push(m);
                    }
                }
                o.slots += r.slots;
            }
        }
    }
    let mut o = out.expect("a cluster has at least one master");
    let all = o.bytes.max(1) as f64;
    let mut groups: Vec<Group> = groups
        .into_values()
        .map(|mut g| {
            g.share = g.bytes as f64 / all;
            g
        })
        .collect();
    groups.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.group.cmp(&b.group)));
    keys.sort_by_key(|k| std::cmp::Reverse(k.bytes));
    keys.truncate(biggest);
    o.source = source;
    o.groups = groups;
    o.biggest = keys;
    o.databases = dbs.into_values().collect();
    o.types = types.into_values().collect();
    o.nodes = nodes;
    o
}
