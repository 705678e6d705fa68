//! `cache stats`: what is under a prefix and how big it is: key count, types, TTL buckets,
//! memory (sampled or exact), biggest keys, per node and in total; or the top prefixes of the
//! whole keyspace.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use comfy_table::Cell;
use serde::Serialize;

use crate::ops::keys::show_key;
use crate::ops::scan::{Filters, Scan};
use crate::ops::units::format_bytes;
use crate::output::{Render, Ui};
use crate::redis::{ConnError, Node};

#[derive(Debug, Clone)]
pub struct StatsPlan {
    pub pattern: String,
    pub scan_count: usize,
    pub filters: Filters,
    /// MEMORY USAGE on this many keys per node (all with `exact`).
    pub sample: usize,
    pub exact: bool,
    pub biggest: usize,
    /// Group by prefix: (how many to show, separator, depth in segments).
    pub top_prefixes: Option<(usize, String, usize)>,
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
    /// The sampled average times the key count (exact with --exact).
    pub memory_estimated_bytes: u64,
    pub biggest: Vec<BigKey>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrefixStat {
    pub prefix: String,
    pub keys: u64,
    pub memory_sampled_bytes: u64,
}

#[derive(Debug, Serialize)]
pub struct StatsReport {
    pub pattern: String,
    pub exact: bool,
    pub total: NodeStats,
    pub nodes: Vec<NodeStats>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefixes: Option<Vec<PrefixStat>>,
    /// Masters (and slots) that could not be reached: not counted above.
    pub unreached: Vec<crate::redis::Unreached>,
}

/// The group a key counts under for `--top-prefixes`: its first `depth` named segments, with
/// every id-like segment (a number, a UUID, a hex id) turned into `*` on the way and not
/// counted, so `user:100:unread` and `user:101:unread` are both `user:*:unread`, and
/// `agent:cache:5f2a…` is `agent:cache:`. A key's own name never forms a group of one: a key
/// of named segments only is cut before its last one.
fn prefix_of(key: &str, sep: &str, depth: usize) -> String {
    if sep.is_empty() {
        return key.to_string();
    }
    let parts: Vec<&str> = key.split(sep).map(shape_of_segment).collect();
    if parts.len() <= 1 {
        return parts.concat();
    }
    let mut named = 0;
    let mut take = 0;
    for p in &parts {
        if named == depth {
            break;
        }
        take += 1;
        if *p != "*" {
            named += 1;
        }
    }
    let wildcard = parts[..take].contains(&"*");
    if take == parts.len() && !wildcard {
        take -= 1;
    }
    let mut group = parts[..take].join(sep);
    if take < parts.len() {
        group.push_str(sep);
    }
    group
}

/// `*` for a segment that names one object rather than a kind: a number, a UUID, or a hex id
/// (8 or more hex characters with at least one digit, so words like `deadbeef` stay). A
/// cluster hash tag around an id (`{42}`) counts as the id.
fn shape_of_segment(seg: &str) -> &str {
    let inner = seg
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .unwrap_or(seg);
    if is_id(inner) { "*" } else { seg }
}

fn is_id(s: &str) -> bool {
    let number = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let uuid = s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    let hex = s.len() >= 8
        && s.bytes().all(|b| b.is_ascii_hexdigit())
        && s.bytes().any(|b| b.is_ascii_digit());
    number || uuid || hex
}

async fn node_stats(node: Node, plan: &StatsPlan) -> (NodeStats, HashMap<String, (u64, u64)>) {
    let mut s = NodeStats {
        addr: node.addr.clone(),
        ..Default::default()
    };
    let mut prefixes: HashMap<String, (u64, u64)> = HashMap::new();
    let mut big: Vec<BigKey> = Vec::new();
    let mut scan = Scan::new(
        node.clone(),
        &plan.pattern,
        plan.scan_count,
        plan.filters.clone(),
    );
    let mut node = node;
    let outcome: Result<(), ConnError> = async {
        while let Some(keys) = scan.next_batch().await? {
            if keys.is_empty() {
                continue;
            }
            let mut pipe = redis::pipe();
            let mut measured = Vec::with_capacity(keys.len());
            for k in &keys {
                pipe.cmd("TYPE").arg(k).cmd("PTTL").arg(k);
                let measure = plan.exact
                    || (s.memory_sampled_keys as usize + measured.iter().filter(|m| **m).count())
                        < plan.sample;
                if measure {
                    pipe.cmd("MEMORY").arg("USAGE").arg(k).arg("SAMPLES").arg(0);
                }
                measured.push(measure);
            }
            let replies: Vec<redis::Value> = node.pipe(&pipe).await?;
            let mut it = replies.into_iter();
            for (k, measure) in keys.iter().zip(measured) {
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
                let shown = show_key(k);
                if let Some(b) = bytes {
                    s.memory_sampled_keys += 1;
                    s.memory_sampled_bytes += b;
                    big.push(BigKey {
                        key: shown.clone(),
                        key_type,
                        bytes: b,
                        node: s.addr.clone(),
                    });
                    if big.len() > plan.biggest * 4 + 16 {
                        big.sort_by_key(|b| std::cmp::Reverse(b.bytes));
                        big.truncate(plan.biggest);
                    }
                }
                if let Some((_, sep, depth)) = &plan.top_prefixes {
                    let e = prefixes.entry(prefix_of(&shown, sep, *depth)).or_default();
                    e.0 += 1;
                    e.1 += bytes.unwrap_or(0);
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
    s.memory_estimated_bytes = estimate(s.memory_sampled_bytes, s.memory_sampled_keys, s.keys);
    (s, prefixes)
}

fn estimate(sampled_bytes: u64, sampled_keys: u64, keys: u64) -> u64 {
    if sampled_keys == 0 {
        return 0;
    }
    ((sampled_bytes as f64 / sampled_keys as f64) * keys as f64).round() as u64
}

pub async fn run_all(nodes: Vec<Node>, plan: &StatsPlan) -> StatsReport {
    let results = futures::future::join_all(nodes.into_iter().map(|n| node_stats(n, plan))).await;
    let mut total = NodeStats {
        addr: "total".into(),
        ..Default::default()
    };
    let mut prefixes: HashMap<String, (u64, u64)> = HashMap::new();
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
        for (k, (n, b)) in p {
            let e = prefixes.entry(k).or_default();
            e.0 += n;
            e.1 += b;
        }
        nodes.push(s);
    }
    total.biggest.sort_by_key(|b| std::cmp::Reverse(b.bytes));
    total.biggest.truncate(plan.biggest);
    let prefixes = plan.top_prefixes.as_ref().map(|(n, _, _)| {
        let mut list: Vec<PrefixStat> = prefixes
            .into_iter()
            .map(|(prefix, (keys, bytes))| PrefixStat {
                prefix,
                keys,
                memory_sampled_bytes: bytes,
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
    }
}

impl Render for StatsReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let t = &self.total;
        let how = if self.exact {
            "exact".to_string()
        } else {
            format!("estimated from {} sampled keys", t.memory_sampled_keys)
        };
        writeln!(
            w,
            "{} keys matching '{}', {} ({how})",
            t.keys,
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
            writeln!(w, "\ntop prefixes")?;
            let mut pt = ui.table();
            pt.set_header(vec!["prefix", "keys", "sampled memory"]);
            for x in p {
                pt.add_row(vec![
                    Cell::new(&x.prefix),
                    Cell::new(x.keys),
                    Cell::new(format_bytes(x.memory_sampled_bytes)),
                ]);
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

    #[test]
    fn prefixes_group_keys_by_shape() {
        // Ids become `*` and do not count towards --depth.
        assert_eq!(prefix_of("user:100:unread", ":", 2), "user:*:unread");
        assert_eq!(prefix_of("user:101:unread", ":", 2), "user:*:unread");
        assert_eq!(prefix_of("user:100:unread", ":", 1), "user:");
        assert_eq!(prefix_of("user:100:latest:7", ":", 2), "user:*:latest:");
        assert_eq!(prefix_of("user:100:latest:7", ":", 3), "user:*:latest:*");
        assert_eq!(prefix_of("job_events:42", ":", 2), "job_events:*");
        assert_eq!(prefix_of("job_events:{42}", ":", 2), "job_events:*");
        assert_eq!(
            prefix_of("session:3f2b9c1e-07aa-4c1e-9d2f-0123456789ab:data", ":", 2),
            "session:*:data"
        );
        assert_eq!(prefix_of("agent:cache:5f2a9e0c11", ":", 2), "agent:cache:");
        assert_eq!(prefix_of("agent:cache:5f2a9e0c11", ":", 5), "agent:cache:*");
        // Words stay words, even hex-looking ones without a digit or under 8 characters.
        assert_eq!(prefix_of("blob:deadbeef:x", ":", 2), "blob:deadbeef:");
        assert_eq!(prefix_of("blob:abc123:x", ":", 3), "blob:abc123:");
        assert_eq!(prefix_of("v2:users:x", ":", 2), "v2:users:");
        assert_eq!(prefix_of("12345", ":", 2), "*");
        assert_eq!(prefix_of("user/100/unread", "/", 2), "user/*/unread");
        assert!(is_id("0") && is_id("00ff00ff1") && !is_id("") && !is_id("1e-5"));
    }
}
