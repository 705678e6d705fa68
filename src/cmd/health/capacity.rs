//! Capacity checks of one node: `maxmemory` (unset while holding cache keys, or `noeviction`
//! near full), client output buffers against `client-output-buffer-limit`, and how many seconds
//! of the current write rate the replication backlog holds.

use std::time::Duration;

use super::judge::{NodeInput, bytes, judge_ranges, text};
use super::rates::baseline;
use super::report::{Check, Metric, Status, Unit};
use super::state::Baseline;
use super::types::{CheckKind, ranges};
use crate::duration;
use crate::output::number::percent;

/// maxmemory unset on a node with cache keys (it grows until the kernel kills it), or the
/// `noeviction` policy above the memory warning (writes fail with OOM when it is full).
pub fn maxmemory(n: &NodeInput) -> Option<Check> {
    let (i, t) = (n.info(), n.t);
    let max = i.num("maxmemory").unwrap_or(0.0);
    let used = i.num("used_memory").unwrap_or(0.0);
    let policy = i.get("maxmemory_policy").unwrap_or("?").to_string();
    let with_ttl: f64 = i
        .indexed("db")
        .iter()
        .filter_map(|(_, f)| f.get("expires")?.parse::<f64>().ok())
        .sum();
    let cache = n.facts.cache_keys == Some(true);
    let mut c = Check::new(CheckKind::Maxmemory, Status::Ok, max)
        .unit(Unit::Bytes)
        .message(if max > 0.0 {
            format!("maxmemory {}, policy {policy}", bytes(max))
        } else {
            format!("maxmemory unset, policy {policy}")
        })
        .metric(Metric::new(
            "maxmemory_unset",
            f64::from(u8::from(max == 0.0)),
            "1 when maxmemory is 0 (unlimited)",
        ));
    if max == 0.0 && (cache || with_ttl > 0.0) {
        let what = if cache {
            "keys under the cache prefix"
        } else {
            "keys with a TTL"
        };
        c.raise(
            Status::Warning,
            &format!("no limit while the node holds {what}: it grows until the system kills it"),
        );
    }
    if max > 0.0 && policy == "noeviction" {
        let pct = used * 100.0 / max;
        if t.warn_memory.as_ref().is_some_and(|r| r.alerts(pct)) {
            c.raise(
                Status::Warning,
                &format!(
                    "noeviction at {} of maxmemory: writes fail with OOM when full",
                    percent(pct)
                ),
            );
        }
    }
    Some(c)
}

/// One class's `client-output-buffer-limit`: Redis drops a client above `hard` at once, and
/// above `soft` once it has stayed there `soft_secs`.
struct Limit {
    class: String,
    hard: u64,
    soft: u64,
    soft_secs: u64,
}

impl Limit {
    /// The limit that drops a client first (the soft one when it is lower: a buffer held above
    /// it is dropped after `soft_secs`, well before the hard one is reached), and its words.
    fn first(&self) -> Option<(u64, String)> {
        match (self.hard, self.soft) {
            (h, s) if s > 0 && (h == 0 || s < h) => Some((
                s,
                format!("soft limit, dropped after {}s above it", self.soft_secs),
            )),
            (h, _) if h > 0 => Some((h, "hard limit".into())),
            _ => None,
        }
    }
}

/// `client-output-buffer-limit`: `class hard soft seconds` per class.
fn limits(text: &str) -> Vec<Limit> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .chunks(4)
        .filter(|c| c.len() == 4)
        .map(|c| Limit {
            class: if c[0] == "slave" { "replica" } else { c[0] }.to_string(),
            hard: c[1].parse().unwrap_or(0),
            soft: c[2].parse().unwrap_or(0),
            soft_secs: c[3].parse().unwrap_or(0),
        })
        .collect()
}

/// The replica and pub/sub connections' output buffers as a percent of the limit that drops
/// them first (the soft one when it is lower than the hard one): near it, Redis drops the
/// client.
pub fn output_buffers(n: &NodeInput) -> Option<Check> {
    let (f, t) = (n.facts, n.t);
    let threshold = ranges(&t.warn_output_buffer, &t.crit_output_buffer, "% of limit");
    let Some(clients) = &f.buffers else {
        return Some(
            Check::new(
                CheckKind::OutputBuffers,
                Status::Unknown,
                serde_json::Value::Null,
            )
            .message("CLIENT LIST refused (an ACL without +client?)")
            .threshold(threshold),
        );
    };
    let lims = limits(f.buffer_limits.as_deref().unwrap_or(""));
    let mut worst: Option<(f64, &super::probe::ClientBuffer, u64, String)> = None;
    let mut biggest = 0u64;
    for cl in clients {
        biggest = biggest.max(cl.omem);
        let Some((limit, which)) = lims
            .iter()
            .find(|l| l.class == cl.class)
            .and_then(Limit::first)
        else {
            continue;
        };
        let pct = cl.omem as f64 * 100.0 / limit as f64;
        if worst.as_ref().is_none_or(|(w, ..)| pct > *w) {
            worst = Some((pct, cl, limit, which));
        }
    }
    let pct = worst
        .as_ref()
        .map_or(0.0, |(p, ..)| (p * 10.0).round() / 10.0);
    let status = judge_ranges(pct, &t.warn_output_buffer, &t.crit_output_buffer);
    let mut c = Check::new(CheckKind::OutputBuffers, status, pct)
        .unit(Unit::Percent)
        .message(match worst {
            Some((_, cl, limit, which)) if cl.omem > 0 => format!(
                "fullest: {} {}{} holds {} of its {} {which} ({}); {} watched",
                cl.class,
                cl.addr,
                if cl.name.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", cl.name)
                },
                bytes(cl.omem as f64),
                bytes(limit as f64),
                percent(pct),
                super::types::count(clients.len() as f64, "client", "clients")
            ),
            _ => format!(
                "{} with output buffers empty or unlimited",
                super::types::count(
                    clients.len() as f64,
                    "replica/pub-sub client",
                    "replica/pub-sub clients"
                )
            ),
        })
        .threshold(threshold)
        .metric(
            Metric::new(
                "client_output_buffer_used_percent",
                pct,
                "Fullest replica/pub-sub output buffer in percent of its limit",
            )
            .perf(
                "%",
                text(&t.warn_output_buffer),
                text(&t.crit_output_buffer),
            )
            .perf_only(),
        )
        .metric(Metric::new(
            "client_output_buffer_used_ratio",
            pct / 100.0,
            "Fullest replica/pub-sub output buffer as a fraction of its limit, 0-1",
        ))
        .metric(Metric::new(
            "client_output_buffer_max_bytes",
            biggest as f64,
            "Largest replica/pub-sub output buffer in bytes",
        ));
    if status != Status::Ok {
        c.message = format!("{}: Redis drops the client at its limit", c.message);
    }
    Some(c)
}

/// Seconds of the current write rate the backlog holds: a replica away for longer needs a
/// full resync. Judged on masters with an active backlog, from the offset's increase since the
/// previous sample.
pub fn backlog(n: &NodeInput) -> Option<Check> {
    let (i, t) = (n.info(), n.t);
    if i.get("role") != Some("master") || i.get("repl_backlog_active") != Some("1") {
        return None;
    }
    let size = i.num("repl_backlog_size").unwrap_or(0.0);
    let threshold = t
        .min_backlog
        .map(|d| format!("warn <{}", duration::format(d)));
    let (now, b) = baseline(n)?;
    let base = Check::new(CheckKind::Backlog, Status::Ok, serde_json::Value::Null)
        .unit(Unit::Seconds)
        .threshold(threshold)
        .metric(Metric::new(
            "repl_backlog_bytes",
            size,
            "Replication backlog size in bytes",
        ));
    let (written, secs) = match (&b, b.increase(now, "master_repl_offset")) {
        (Baseline::Since(..), Some(x)) => x,
        _ => {
            return Some(base.message(format!(
                "backlog {}; no previous sample to measure the write rate",
                bytes(size)
            )));
        }
    };
    let rate = written / secs;
    if rate <= 0.0 {
        return Some(base.message(format!(
            "backlog {}; no writes in the last {}",
            bytes(size),
            duration::format(Duration::from_secs_f64(secs))
        )));
    }
    // One figure for the value, the message, perfdata and Prometheus: three significant
    // figures (an estimate from one interval), so 0.04 s is not rounded to 0.
    let cover = super::rates::sig3(size / rate);
    let mut c = base;
    c.value = serde_json::json!(cover);
    c.message = format!(
        "backlog {} holds {} at {}/s of writes",
        bytes(size),
        duration::format(Duration::from_secs_f64(cover)),
        bytes(rate)
    );
    c = c.metric(
        Metric::new(
            "repl_backlog_coverage_seconds",
            cover,
            "Seconds of the current write rate the replication backlog holds",
        )
        // A minimum: Nagios' `60:` warns below 60.
        .perf(
            "s",
            t.min_backlog.map(|m| format!("{}:", m.as_secs_f64())),
            None,
        ),
    );
    if t.min_backlog.is_some_and(|m| cover < m.as_secs_f64()) {
        c.raise(
            Status::Warning,
            "a replica away longer than that needs a full resync (raise repl-backlog-size)",
        );
    }
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffer_limits_parse() {
        let l = limits("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
        let r = &l[1];
        assert_eq!(
            (r.class.as_str(), r.hard, r.soft, r.soft_secs),
            ("replica", 268435456, 67108864, 60)
        );
        // The soft limit drops a subscriber first; without a soft limit, the hard one.
        assert_eq!(
            l[2].first(),
            Some((
                8388608,
                "soft limit, dropped after 60s above it".to_string()
            ))
        );
        assert_eq!(
            limits("pubsub 64 0 0")[0].first(),
            Some((64, "hard limit".into()))
        );
        assert_eq!(limits("normal 0 0 0")[0].first(), None);
    }
}
