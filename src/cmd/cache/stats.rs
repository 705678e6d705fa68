//! `cache stats`: what is under a prefix and how big it is: key count, types, TTL buckets,
//! memory (sampled or exact), biggest keys, per node and in total; or the top prefixes of the
//! whole keyspace.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::sync::Arc;

use crate::output::Cell;
use serde::Serialize;

use crate::ops::keys::show_key;
use crate::ops::name::Name;
use crate::ops::scan::{Filters, Scan};
use crate::ops::shape::prefix_of;
use crate::ops::units::format_bytes;
use crate::output::{Render, Ui};
use crate::redis::cluster::Router;
use crate::redis::{ConnError, Node};

#[derive(Debug, Clone)]
pub struct StatsPlan {
    pub pattern: Name,
    pub scan_count: usize,
    pub filters: Filters,
    /// MEMORY USAGE on this many keys per node (all with `exact`).
    pub sample: usize,
    pub exact: bool,
    pub biggest: usize,
    /// Group by prefix: (how many to show, separator, depth in segments).
    pub top_prefixes: Option<(usize, String, usize)>,
    /// On a cluster: follows MOVED/ASK for keys of a slot being resharded.
    pub cluster: Option<Arc<Router>>,
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct TtlBuckets {
    pub none: u64,
    pub under_1h: u64,
    pub under_1d: u64,
    pub longer: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct BigKey {
    pub key: String,
    #[serde(rename = "type")]
    pub key_type: String,
    pub bytes: u64,
    pub node: String,
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct NodeStats {
    pub addr: String,
    pub keys: u64,
    pub types: BTreeMap<String, u64>,
    pub ttl: TtlBuckets,
    /// Keys whose MEMORY USAGE was measured, and their bytes.
    pub memory_sampled_keys: u64,
    pub memory_sampled_bytes: u64,
    /// The sampled average times the key count (exact with --exact); with --top-prefixes the
    /// sum of the groups' estimates, each scaled from its own sample.
    pub memory_estimated_bytes: u64,
    pub biggest: Vec<BigKey>,
    pub error: Option<String>,
}

/// One group of `--top-prefixes`.
#[derive(Debug, Clone, Serialize)]
pub struct PrefixStat {
    pub prefix: String,
    pub keys: u64,
    /// The group's bytes: its sample's bytes scaled to its key count (exact when every key of
    /// the group was measured, as with --exact).
    pub memory_bytes: u64,
    /// Whether `memory_bytes` is an estimate (false: every key of the group was measured).
    pub memory_estimated: bool,
    /// The keys of the group whose MEMORY USAGE was measured, and their bytes.
    pub memory_sampled_keys: u64,
    pub memory_sampled_bytes: u64,
}

#[derive(Debug, Serialize)]
pub struct StatsReport {
    pub pattern: Name,
    pub exact: bool,
    pub total: NodeStats,
    pub nodes: Vec<NodeStats>,
    /// With --top-prefixes (null without).
    pub prefixes: Option<Vec<PrefixStat>>,
    /// Masters (and slots) that could not be reached: not counted above.
    pub unreached: Vec<crate::redis::Unreached>,
    /// Ctrl-C (or SIGTERM) stopped the scan: the figures cover the keys scanned before it.
    pub interrupted: bool,
}

/// One group's figures on one node: its keys, and the keys whose MEMORY USAGE was measured.
#[derive(Debug, Default, Clone, Copy)]
struct GroupAcc {
    keys: u64,
    sampled_keys: u64,
    sampled_bytes: u64,
}

impl GroupAcc {
    /// The group's bytes: the sample's scaled to the group's key count, exact when every key
    /// was measured; a group with no measured key gets the node's average (`fallback`).
    fn estimate(&self, fallback: (u64, u64)) -> u64 {
        if self.sampled_keys >= self.keys {
            return self.sampled_bytes;
        }
        if self.sampled_keys == 0 {
            return estimate(fallback.0, fallback.1, self.keys);
        }
        estimate(self.sampled_bytes, self.sampled_keys, self.keys)
    }
}

/// With --top-prefixes, the first keys of every group are measured even beyond --sample, so a
/// small group's bytes come from its own keys, not from the sample of a big neighbour.
const MEASURED_PER_GROUP: u64 = 8;

/// TYPE, PTTL and (when measured) MEMORY USAGE of each key: one pipeline, or on a cluster the
/// router, which follows MOVED/ASK for keys of a slot being resharded.
async fn key_facts(
    node: &mut Node,
    router: Option<&Router>,
    keys: &[Vec<u8>],
    measured: &[bool],
) -> Result<Vec<redis::Value>, ConnError> {
    let mut cmds = Vec::with_capacity(keys.len() * 3);
    for (k, m) in keys.iter().zip(measured) {
        cmds.push(redis::cmd("TYPE").arg(k).to_owned());
        cmds.push(redis::cmd("PTTL").arg(k).to_owned());
        if *m {
            cmds.push(
                redis::cmd("MEMORY")
                    .arg("USAGE")
                    .arg(k)
                    .arg("SAMPLES")
                    .arg(0)
                    .to_owned(),
            );
        }
    }
    match router {
        Some(r) => {
            let routed = r.run(node, &cmds).await;
            match routed.error {
                Some(e) => Err(e),
                None => Ok(routed.replies),
            }
        }
        None => {
            let mut pipe = redis::pipe();
            for c in cmds {
                pipe.add_command(c);
            }
            node.pipe(&pipe).await
        }
    }
}

/// One node's figures, and its groups with their estimated (or exact) bytes.
async fn node_stats(
    node: Node,
    plan: &StatsPlan,
    steps: &std::sync::atomic::AtomicU64,
    scanned: &std::sync::atomic::AtomicU64,
    tick: &dyn Fn(),
    stop: &crate::signal::Stop,
) -> (NodeStats, HashMap<String, (GroupAcc, u64)>) {
    let mut s = NodeStats {
        addr: node.addr.clone(),
        ..Default::default()
    };
    let mut prefixes: HashMap<String, GroupAcc> = HashMap::new();
    let mut big: Vec<BigKey> = Vec::new();
    let mut scan = Scan::new(
        node.clone(),
        plan.pattern.as_bytes(),
        plan.scan_count,
        plan.filters.clone(),
    );
    let mut node = node;
    let outcome: Result<(), ConnError> = async {
        // Checked between batches: a batch in flight is counted, then the scan ends.
        while !stop.requested() {
            let before = scan.steps();
            let Some(keys) = scan.next_batch().await? else {
                break;
            };
            steps.fetch_add(
                scan.steps().saturating_sub(before),
                std::sync::atomic::Ordering::Relaxed,
            );
            scanned.fetch_add(keys.len() as u64, std::sync::atomic::Ordering::Relaxed);
            tick();
            if keys.is_empty() {
                continue;
            }
            let shown: Vec<String> = keys.iter().map(|k| show_key(k)).collect();
            let groups: Vec<Option<String>> = shown
                .iter()
                .map(|k| {
                    plan.top_prefixes
                        .as_ref()
                        .map(|(_, sep, depth)| prefix_of(k, sep, *depth))
                })
                .collect();
            // Planned measurements per group in this batch, on top of those already made.
            let mut planned: HashMap<&str, u64> = HashMap::new();
            let mut in_batch = 0usize;
            let mut measured = Vec::with_capacity(keys.len());
            for g in &groups {
                let by_budget = (s.memory_sampled_keys as usize + in_batch) < plan.sample;
                let by_group = plan.sample > 0
                    && g.as_deref().is_some_and(|g| {
                        let done = prefixes.get(g).map_or(0, |a| a.sampled_keys);
                        done + planned.get(g).copied().unwrap_or(0) < MEASURED_PER_GROUP
                    });
                let m = plan.exact || by_budget || by_group;
                if m {
                    in_batch += 1;
                    if let Some(g) = g {
                        *planned.entry(g.as_str()).or_default() += 1;
                    }
                }
                measured.push(m);
            }
            let replies = key_facts(&mut node, plan.cluster.as_deref(), &keys, &measured).await?;
            let mut it = replies.into_iter();
            for ((shown, group), measure) in shown.into_iter().zip(groups).zip(measured) {
                let key_type: String = it
                    .next()
                    .and_then(|v| redis::from_redis_value(v).ok())
                    .unwrap_or_else(|| "?".into());
                let pttl: i64 = it
                    .next()
                    .and_then(|v| redis::from_redis_value(v).ok())
                    .unwrap_or(-2);
                let bytes: Option<u64> = if measure {
                    it.next().and_then(|v| redis::from_redis_value(v).ok())
                } else {
                    None
                };
                if pttl == -2 {
                    continue; // gone since the scan
                }
                s.keys += 1;
                *s.types.entry(key_type.clone()).or_default() += 1;
                match pttl {
                    -1 => s.ttl.none += 1,
                    t if t < 3_600_000 => s.ttl.under_1h += 1,
                    t if t < 86_400_000 => s.ttl.under_1d += 1,
                    _ => s.ttl.longer += 1,
                }
                if let Some(g) = group {
                    let e = prefixes.entry(g).or_default();
                    e.keys += 1;
                    if let Some(b) = bytes {
                        e.sampled_keys += 1;
                        e.sampled_bytes += b;
                    }
                }
                if let Some(b) = bytes {
                    s.memory_sampled_keys += 1;
                    s.memory_sampled_bytes += b;
                    big.push(BigKey {
                        key: shown,
                        key_type,
                        bytes: b,
                        node: s.addr.clone(),
                    });
                    if big.len() > plan.biggest * 4 + 16 {
                        big.sort_by_key(|b| std::cmp::Reverse(b.bytes));
                        big.truncate(plan.biggest);
                    }
                }
            }
        }
        Ok(())
    }
    .await;
    if let Err(e) = outcome {
        s.error = Some(e.to_string());
    }
    big.sort_by_key(|b| std::cmp::Reverse(b.bytes));
    big.truncate(plan.biggest);
    s.biggest = big;
    s.memory_estimated_bytes = if plan.top_prefixes.is_some() {
        // Stratified: each group scaled by its own sample, so the groups add up to the total.
        let fallback = (s.memory_sampled_bytes, s.memory_sampled_keys);
        prefixes.values().map(|g| g.estimate(fallback)).sum()
    } else {
        estimate(s.memory_sampled_bytes, s.memory_sampled_keys, s.keys)
    };
    let fallback = (s.memory_sampled_bytes, s.memory_sampled_keys);
    let groups = prefixes
        .into_iter()
        .map(|(k, g)| {
            let bytes = g.estimate(fallback);
            (k, (g, bytes))
        })
        .collect();
    (s, groups)
}

fn estimate(sampled_bytes: u64, sampled_keys: u64, keys: u64) -> u64 {
    if sampled_keys == 0 {
        return 0;
    }
    ((sampled_bytes as f64 / sampled_keys as f64) * keys as f64).round() as u64
}

pub async fn run_all(
    nodes: Vec<Node>,
    plan: &StatsPlan,
    progress: &indicatif::ProgressBar,
    stop: &crate::signal::Stop,
) -> StatsReport {
    // Each node's SCAN progress, summed, shown as the mean fraction of the nodes.
    let steps = std::sync::atomic::AtomicU64::new(0);
    let scanned = std::sync::atomic::AtomicU64::new(0);
    let n_nodes = nodes.len().max(1) as u64;
    let tick = || {
        use std::sync::atomic::Ordering::Relaxed;
        progress.set_position(steps.load(Relaxed) / n_nodes);
        crate::output::progress::set_count(progress, scanned.load(Relaxed), "keys");
    };
    let results = futures::future::join_all(
        nodes
            .into_iter()
            .map(|n| node_stats(n, plan, &steps, &scanned, &tick, stop)),
    )
    .await;
    let mut total = NodeStats {
        addr: "total".into(),
        ..Default::default()
    };
    let mut prefixes: HashMap<String, (GroupAcc, u64)> = HashMap::new();
    let mut nodes = Vec::new();
    for (s, p) in results {
        total.keys += s.keys;
        for (t, n) in &s.types {
            *total.types.entry(t.clone()).or_default() += n;
        }
        total.ttl.none += s.ttl.none;
        total.ttl.under_1h += s.ttl.under_1h;
        total.ttl.under_1d += s.ttl.under_1d;
        total.ttl.longer += s.ttl.longer;
        total.memory_sampled_keys += s.memory_sampled_keys;
        total.memory_sampled_bytes += s.memory_sampled_bytes;
        total.memory_estimated_bytes += s.memory_estimated_bytes;
        total.biggest.extend(s.biggest.iter().cloned());
        // A group's bytes on the cluster: the sum of each node's estimate for it, so the
        // groups add up to the total as the nodes do.
        for (k, (g, bytes)) in p {
            let e = prefixes.entry(k).or_default();
            e.0.keys += g.keys;
            e.0.sampled_keys += g.sampled_keys;
            e.0.sampled_bytes += g.sampled_bytes;
            e.1 += bytes;
        }
        nodes.push(s);
    }
    total.biggest.sort_by_key(|b| std::cmp::Reverse(b.bytes));
    total.biggest.truncate(plan.biggest);
    let prefixes = plan.top_prefixes.as_ref().map(|(n, _, _)| {
        let mut list: Vec<PrefixStat> = prefixes
            .into_iter()
            .map(|(prefix, (g, bytes))| PrefixStat {
                prefix,
                keys: g.keys,
                memory_bytes: bytes,
                memory_estimated: g.sampled_keys < g.keys,
                memory_sampled_keys: g.sampled_keys,
                memory_sampled_bytes: g.sampled_bytes,
            })
            .collect();
        list.sort_by(|a, b| b.keys.cmp(&a.keys).then_with(|| a.prefix.cmp(&b.prefix)));
        list.truncate(*n);
        list
    });
    StatsReport {
        pattern: plan.pattern.clone(),
        exact: plan.exact,
        total,
        nodes,
        prefixes,
        unreached: Vec::new(),
        interrupted: stop.requested(),
    }
}

impl crate::output::Formats for StatsReport {}

impl Render for StatsReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let t = &self.total;
        let how = if self.exact {
            "exact".to_string()
        } else {
            format!(
                "estimated from {}",
                crate::output::number::plural_with(
                    t.memory_sampled_keys,
                    "sampled key",
                    "sampled keys"
                )
            )
        };
        let cut = if self.interrupted {
            "; interrupted: only the keys scanned before Ctrl-C"
        } else {
            ""
        };
        writeln!(
            w,
            "{} matching '{}', {} ({how}{cut})",
            crate::output::number::plural(t.keys, "key"),
            self.pattern,
            format_bytes(t.memory_estimated_bytes)
        )?;
        let mut table = ui.table();
        table.set_header(vec![
            "node", "keys", "memory", "types", "no ttl", "ttl<1h", "ttl<1d", "longer",
        ]);
        for u in &self.unreached {
            writeln!(w, "not reached: {u}")?;
        }
        let mut rows: Vec<&NodeStats> = self.nodes.iter().collect();
        if self.nodes.len() > 1 {
            rows.push(&self.total);
        }
        for n in rows {
            let types = n
                .types
                .iter()
                .map(|(t, c)| format!("{t}:{c}"))
                .collect::<Vec<_>>()
                .join(" ");
            table.add_row(vec![
                Cell::new(&n.addr),
                Cell::new(n.keys),
                Cell::new(format_bytes(n.memory_estimated_bytes)),
                Cell::new(match &n.error {
                    Some(e) => e.clone(),
                    None => types,
                }),
                Cell::new(n.ttl.none),
                Cell::new(n.ttl.under_1h),
                Cell::new(n.ttl.under_1d),
                Cell::new(n.ttl.longer),
            ]);
        }
        writeln!(w, "{table}")?;
        if !t.biggest.is_empty() {
            writeln!(w, "\nbiggest keys")?;
            let mut big = ui.table();
            big.set_header(vec!["key", "type", "memory", "node"]);
            for b in &t.biggest {
                big.add_row(vec![
                    Cell::new(&b.key),
                    Cell::new(&b.key_type),
                    Cell::new(format_bytes(b.bytes)),
                    Cell::new(&b.node),
                ]);
            }
            writeln!(w, "{big}")?;
        }
        if let Some(p) = &self.prefixes {
            let estimated = p.iter().any(|x| x.memory_estimated);
            if estimated {
                let sampled: u64 = p.iter().map(|x| x.memory_sampled_keys).sum();
                writeln!(
                    w,
                    "\ntop prefixes (memory estimated: each group's sampled keys scaled to its key \
                     count; {sampled} keys measured)"
                )?;
            } else {
                writeln!(w, "\ntop prefixes (memory exact: every key measured)")?;
            }
            let mut pt = ui.table();
            let mut header = vec!["prefix", "keys", "memory"];
            if estimated {
                header.push("sampled keys");
            }
            pt.set_header(header);
            for x in p {
                let mut row = vec![
                    Cell::new(&x.prefix),
                    Cell::new(x.keys),
                    Cell::new(if x.memory_estimated {
                        format!("~{}", format_bytes(x.memory_bytes))
                    } else {
                        format_bytes(x.memory_bytes)
                    }),
                ];
                if estimated {
                    row.push(Cell::new(x.memory_sampled_keys));
                }
                pt.add_row(row);
            }
            writeln!(w, "{pt}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_the_total_each_node_the_biggest_keys_and_the_prefixes() {
        let node = |addr: &str, keys: u64, bytes: u64| NodeStats {
            addr: addr.into(),
            keys,
            types: BTreeMap::from([("hash".to_string(), keys - 1), ("string".to_string(), 1)]),
            ttl: TtlBuckets {
                none: keys,
                ..TtlBuckets::default()
            },
            memory_sampled_keys: keys,
            memory_sampled_bytes: bytes,
            memory_estimated_bytes: bytes,
            biggest: vec![],
            error: None,
        };
        let mut total = node("total", 30, 3072);
        total.biggest = vec![BigKey {
            key: "cache:user:1".into(),
            key_type: "hash".into(),
            bytes: 2048,
            node: "10.0.0.1:6379".into(),
        }];
        let r = StatsReport {
            pattern: "cache:*".into(),
            exact: false,
            total,
            nodes: vec![
                node("10.0.0.1:6379", 20, 2048),
                node("10.0.0.2:6379", 10, 1024),
            ],
            prefixes: Some(vec![PrefixStat {
                prefix: "cache:user:".into(),
                keys: 30,
                memory_bytes: 3072,
                memory_estimated: true,
                memory_sampled_keys: 12,
                memory_sampled_bytes: 1200,
            }]),
            unreached: vec![],
            interrupted: false,
        };
        let text = crate::cmd::table_of(&r);
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        assert_eq!(
            lines[0],
            "30 keys matching 'cache:*', 3.0 KiB (estimated from 30 sampled keys)"
        );
        let words = |start: &str| -> Vec<&str> {
            let line = lines
                .iter()
                .find(|l| l.split_whitespace().next() == Some(start));
            line.map(|l| l.split_whitespace().collect())
                .unwrap_or_default()
        };
        assert_eq!(
            words("10.0.0.1:6379")[..5],
            ["10.0.0.1:6379", "20", "2.0", "KiB", "hash:19"]
        );
        // More than one node: a total row.
        assert_eq!(words("total")[..3], ["total", "30", "3.0"], "{text}");
        assert!(lines.contains(&"biggest keys"), "{text}");
        assert_eq!(
            words("cache:user:1"),
            ["cache:user:1", "hash", "2.0", "KiB", "10.0.0.1:6379"]
        );
        assert!(text.contains("\ntop prefixes (memory estimated"), "{text}");
        assert_eq!(
            words("cache:user:"),
            ["cache:user:", "30", "~3.0", "KiB", "12"],
            "{text}"
        );
    }

    #[test]
    fn prefixes_and_sizes() {
        assert_eq!(prefix_of("agent:cache:abc", ":", 2), "agent:cache:");
        assert_eq!(prefix_of("agent:cache:abc", ":", 1), "agent:");
        assert_eq!(prefix_of("solo", ":", 2), "solo");
        assert_eq!(prefix_of("a:b", ":", 5), "a:");
        assert_eq!(format_bytes(512), "512 B");
        assert_eq!(format_bytes(1536), "1.5 KiB");
        assert_eq!(estimate(1000, 10, 100), 10000);
        assert_eq!(estimate(0, 0, 100), 0);
    }
}
