//! Judging one data node's facts against the thresholds: one function per check.

use std::time::Duration;

use super::probe::{Facts, Info};
use super::report::{Check, Metric, Status, Unit};
use super::types::CheckKind;
use super::types::{Range, Thresholds, count, num, ranges};
use crate::duration;
use crate::output::number::percent;

/// Fragmentation is only judged when the bytes it wastes matter: a nearly empty server shows a
/// large ratio of a few megabytes (Redis's own MEMORY DOCTOR ignores those too).
const FRAGMENTATION_FLOOR_BYTES: f64 = 32.0 * 1024.0 * 1024.0;

/// What a node check judges: the node's facts, the limits, and the time of the run.
pub struct NodeInput<'a> {
    pub facts: &'a Facts,
    pub t: &'a Thresholds,
    pub now: i64,
}

impl NodeInput<'_> {
    pub fn info(&self) -> &Info {
        &self.facts.info
    }
}

pub(super) fn judge_ranges(v: f64, w: &Option<Range>, c: &Option<Range>) -> Status {
    if c.as_ref().is_some_and(|r| r.alerts(v)) {
        Status::Critical
    } else if w.as_ref().is_some_and(|r| r.alerts(v)) {
        Status::Warning
    } else {
        Status::Ok
    }
}

pub(super) fn judge_duration(v: Duration, w: Option<Duration>, c: Option<Duration>) -> Status {
    if c.is_some_and(|c| v > c) {
        Status::Critical
    } else if w.is_some_and(|w| v > w) {
        Status::Warning
    } else {
        Status::Ok
    }
}

/// A range as perfdata shows it.
pub(super) fn text(r: &Option<Range>) -> Option<String> {
    r.as_ref().map(|r| r.text().to_string())
}

pub(super) fn ms_text(d: Option<Duration>) -> Option<String> {
    d.map(|d| num((d.as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0))
}

pub(super) fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

pub fn median(samples: &[f64]) -> f64 {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    match s.len() {
        0 => 0.0,
        n if n % 2 == 1 => s[n / 2],
        n => (s[n / 2 - 1] + s[n / 2]) / 2.0,
    }
}

/// The median round trip is judged (one slow sample is noise); the max is shown.
pub fn latency(samples: &[f64], t: &Thresholds) -> Check {
    let med = median(samples);
    let max = samples.iter().copied().fold(0.0, f64::max);
    let status = judge_duration(
        Duration::from_secs_f64(med / 1000.0),
        t.warn_latency,
        t.crit_latency,
    );
    Check::new(CheckKind::Latency, status, round3(med))
        .unit(Unit::Ms)
        .message(format!(
            "median {:.2} ms, max {:.2} ms over {} PINGs",
            med,
            max,
            samples.len()
        ))
        .threshold(t.latency_text())
        .metric(
            Metric::new(
                "latency_median_ms",
                round3(med),
                "Median PING round trip in milliseconds",
            )
            .perf("ms", ms_text(t.warn_latency), ms_text(t.crit_latency))
            .perf_only(),
        )
        .metric(
            Metric::new(
                "latency_max_ms",
                round3(max),
                "Slowest PING round trip in milliseconds",
            )
            .perf_only(),
        )
        .metric(Metric::new(
            "latency_median_seconds",
            med / 1000.0,
            "Median PING round trip in seconds",
        ))
        .metric(Metric::new(
            "latency_max_seconds",
            max / 1000.0,
            "Slowest PING round trip in seconds",
        ))
}

/// The latency of a data node's PING samples.
pub fn latency_of_node(n: &NodeInput) -> Option<Check> {
    let mut c = latency(&n.facts.latency_ms, n.t);
    super::latency::extend(&mut c, n);
    Some(c)
}

pub fn server(n: &NodeInput) -> Option<Check> {
    let (i, t) = (n.info(), n.t);
    let version = i.get("redis_version").unwrap_or("?").to_string();
    let uptime = i.num("uptime_in_seconds").unwrap_or(0.0);
    let role = i.get("role").unwrap_or("?");
    let min_uptime = t.min_uptime.filter(|d| !d.is_zero());
    let mut c = Check::new(CheckKind::Server, Status::Ok, version.clone())
        .message(format!(
            "redis {version}, {role}, up {}",
            duration::format(Duration::from_secs_f64(uptime))
        ))
        .threshold(min_uptime.map(|d| format!("warn uptime <{}", duration::format(d))))
        .metric(Metric::new(
            "uptime_in_seconds",
            uptime,
            "Seconds since the server started",
        ));
    if min_uptime.is_some_and(|d| uptime < d.as_secs_f64()) {
        c.raise(Status::Warning, "restarted recently");
    }
    if i.get("loading") == Some("1") {
        c.raise(Status::Critical, "LOADING: still loading the dataset");
    }
    Some(c)
}

pub fn memory(n: &NodeInput) -> Option<Check> {
    let (i, t) = (n.info(), n.t);
    let used = i.num("used_memory").unwrap_or(0.0);
    let max = i.num("maxmemory").unwrap_or(0.0);
    let (limit, against) = if max > 0.0 {
        (max, "maxmemory")
    } else {
        (i.num("total_system_memory").unwrap_or(0.0), "system memory")
    };
    let policy = i.get("maxmemory_policy").unwrap_or("?");
    let evicted = i.num("evicted_keys").unwrap_or(0.0);
    let frag = i.num("mem_fragmentation_ratio").unwrap_or(0.0);
    let wasted = i
        .num("mem_fragmentation_bytes")
        .unwrap_or_else(|| i.num("used_memory_rss").unwrap_or(0.0) - used);
    let pct = if limit > 0.0 {
        round3(used * 100.0 / limit)
    } else {
        0.0
    };
    let status = if limit > 0.0 {
        judge_ranges(pct, &t.warn_memory, &t.crit_memory)
    } else {
        Status::Ok
    };
    let mut threshold = ranges(&t.warn_memory, &t.crit_memory, "%").unwrap_or_default();
    if let Some(r) = &t.warn_fragmentation {
        threshold = format!("{threshold}; frag {}", r.describe());
    }
    let mut c = Check::new(CheckKind::Memory, status, pct)
        .unit(Unit::Percent)
        .message(format!(
            "{} used, {} of {against} {}; policy {policy}; fragmentation {:.2}; {} evicted",
            bytes(used),
            percent(pct),
            bytes(limit),
            frag,
            count(evicted, "key", "keys")
        ))
        .threshold(Some(threshold.trim_start_matches("; ").to_string()))
        .metric(
            Metric::new(
                "memory_used_percent",
                pct,
                "Used memory in percent of maxmemory (or of system memory when unlimited)",
            )
            .perf("%", text(&t.warn_memory), text(&t.crit_memory))
            .perf_only(),
        )
        .metric(Metric::new(
            "memory_used_ratio",
            pct / 100.0,
            "Used memory as a fraction of maxmemory (of system memory when unlimited), 0-1",
        ))
        .metric(Metric::new(
            "memory_used_bytes",
            used,
            "Memory used by Redis in bytes",
        ))
        .metric(Metric::new(
            "memory_max_bytes",
            max,
            "maxmemory in bytes (0: unlimited)",
        ))
        .metric(Metric::new(
            "mem_fragmentation_ratio",
            frag,
            "RSS divided by used memory",
        ))
        .metric(Metric::new(
            "evicted_keys_total",
            evicted,
            "Keys evicted since the server started",
        ));
    if wasted > FRAGMENTATION_FLOOR_BYTES {
        let fs = judge_ranges(frag, &t.warn_fragmentation, &t.crit_fragmentation);
        if fs != Status::Ok {
            c.raise(fs, &format!("fragmentation ratio {frag:.2}"));
        }
    }
    Some(c)
}

pub fn clients(n: &NodeInput) -> Option<Check> {
    let (i, t) = (n.info(), n.t);
    let connected = i.num("connected_clients").unwrap_or(0.0);
    let maxclients = i.num("maxclients").unwrap_or(10000.0);
    let blocked = i.num("blocked_clients").unwrap_or(0.0);
    let rejected = i.num("rejected_connections").unwrap_or(0.0);
    let pct = if maxclients > 0.0 {
        round3(connected * 100.0 / maxclients)
    } else {
        0.0
    };
    let status = judge_ranges(pct, &t.warn_clients, &t.crit_clients);
    let c = Check::new(CheckKind::Clients, status, connected)
        .unit(Unit::Clients)
        .message(format!(
            "{} of {} clients ({}), {} blocked, {} connections rejected since start",
            num(connected),
            num(maxclients),
            percent(pct),
            num(blocked),
            num(rejected)
        ))
        .threshold(ranges(&t.warn_clients, &t.crit_clients, "%"))
        .metric(Metric::new(
            "connected_clients",
            connected,
            "Client connections",
        ))
        .metric(
            Metric::new(
                "clients_used_percent",
                pct,
                "Client connections in percent of maxclients",
            )
            .perf("%", text(&t.warn_clients), text(&t.crit_clients))
            .perf_only(),
        )
        .metric(Metric::new(
            "clients_used_ratio",
            pct / 100.0,
            "Client connections as a fraction of maxclients, 0-1",
        ))
        .metric(Metric::new(
            "blocked_clients",
            blocked,
            "Clients blocked in BLPOP, XREAD BLOCK and the like",
        ))
        .metric(Metric::new(
            "rejected_connections_total",
            rejected,
            "Connections refused because of maxclients since the server started",
        ));
    Some(c)
}

pub fn keyspace(n: &NodeInput) -> Option<Check> {
    let (i, t) = (n.info(), n.t);
    let hits = i.num("keyspace_hits").unwrap_or(0.0);
    let misses = i.num("keyspace_misses").unwrap_or(0.0);
    let dbs = i.indexed("db");
    let total: f64 = dbs
        .iter()
        .filter_map(|(_, f)| f.get("keys")?.parse::<f64>().ok())
        .sum();
    let per_db: Vec<String> = dbs
        .iter()
        .map(|(db, f)| format!("{db} {}", f.get("keys").map(String::as_str).unwrap_or("0")))
        .collect();
    let ratio = (hits + misses > 0.0).then(|| round3(hits * 100.0 / (hits + misses)));
    let mut c = Check::new(
        CheckKind::Keyspace,
        Status::Ok,
        ratio.map_or(serde_json::Value::Null, |r| serde_json::json!(r)),
    )
    .unit(Unit::Percent)
    .message(format!(
        "{} ({}); hit ratio {}",
        count(total, "key", "keys"),
        if per_db.is_empty() {
            "empty".to_string()
        } else {
            per_db.join(", ")
        },
        match ratio {
            Some(r) => format!(
                "{} ({} hits, {} misses)",
                percent(r),
                num(hits),
                num(misses)
            ),
            None => "n/a (no lookups yet)".to_string(),
        }
    ))
    .threshold(ranges(&t.warn_hit_ratio, &t.crit_hit_ratio, "%"))
    .metric(Metric::new(
        "keyspace_hits_total",
        hits,
        "Successful key lookups since the server started",
    ))
    .metric(Metric::new(
        "keyspace_misses_total",
        misses,
        "Failed key lookups since the server started",
    ));
    for (db, f) in &dbs {
        let keys = f.get("keys").and_then(|v| v.parse().ok()).unwrap_or(0.0);
        c = c.metric(Metric::new("db_keys", keys, "Keys per database").label("db", db.clone()));
    }
    if let Some(r) = ratio {
        c = c.metric(
            Metric::new(
                "keyspace_hit_percent",
                r,
                "keyspace_hits / (hits + misses) in percent",
            )
            .perf("%", text(&t.warn_hit_ratio), text(&t.crit_hit_ratio))
            .perf_only(),
        );
        c = c.metric(Metric::new(
            "keyspace_hit_ratio",
            r / 100.0,
            "keyspace_hits / (hits + misses) since the server started, 0-1",
        ));
    }
    // With a previous sample the interval's ratio is judged: a lifetime ratio over weeks hides
    // today's collapse. The lifetime one is judged only on a first run.
    let interval = super::rates::baseline(n).and_then(|(now, b)| {
        let (h, secs) = b.increase(now, "keyspace_hits")?;
        let (m, _) = b.increase(now, "keyspace_misses")?;
        Some((h, m, secs))
    });
    let judged = match interval {
        // An interval without lookups has no ratio: not the lifetime one in its place (a quiet
        // night after a bad day would page on every run).
        Some((h, m, secs)) if h + m <= 0.0 => {
            c.message = format!(
                "{}; no lookups in the last {} (not judged)",
                c.message,
                duration::format(Duration::from_secs_f64(secs))
            );
            None
        }
        Some((h, m, secs)) => {
            let ir = round3(h * 100.0 / (h + m));
            c.value = serde_json::json!(ir);
            c.message = format!(
                "{}; over the last {}: {} ({} hits, {} misses)",
                c.message,
                duration::format(Duration::from_secs_f64(secs)),
                percent(ir),
                num(h),
                num(m)
            );
            c = c
                .metric(
                    Metric::new(
                        "keyspace_interval_hit_percent",
                        ir,
                        "Hit ratio since the previous sample in percent",
                    )
                    .perf("%", text(&t.warn_hit_ratio), text(&t.crit_hit_ratio))
                    .perf_only(),
                )
                .metric(Metric::new(
                    "keyspace_interval_hit_ratio",
                    ir / 100.0,
                    "keyspace_hits / (hits + misses) since the previous sample, 0-1",
                ));
            Some((ir, "over the interval"))
        }
        None => ratio.map(|r| (r, "since start")),
    };
    if let Some((r, span)) = judged {
        let s = judge_ranges(r, &t.warn_hit_ratio, &t.crit_hit_ratio);
        if s != Status::Ok {
            c.raise(s, &format!("hit ratio {} {span}", percent(r)));
        }
    }
    Some(c)
}

pub fn slowlog(n: &NodeInput) -> Option<Check> {
    let (f, t) = (n.facts, n.t);
    let Some(len) = f.slowlog_len else {
        return Some(
            Check::new(CheckKind::Slowlog, Status::Unknown, serde_json::Value::Null)
                .message("SLOWLOG refused"),
        );
    };
    let mut c = Check::new(CheckKind::Slowlog, Status::Ok, len)
        .unit(Unit::Entries)
        .threshold(
            t.warn_slowlog
                .map(|d| format!("warn worst >{}", duration::format(d))),
        )
        .metric(Metric::new(
            "slowlog_length",
            len as f64,
            "Entries in the slow log",
        ));
    match &f.slowlog_worst {
        Some((us, cmd)) => {
            c.message = format!(
                "{}; worst recent {} ({cmd})",
                entries(len),
                duration::format(Duration::from_micros(*us as u64))
            );
            c = c.metric(Metric::new(
                "slowlog_worst_recent_seconds",
                *us as f64 / 1e6,
                "The slowest of the last 10 slow-log entries, in seconds",
            ));
            if t.warn_slowlog
                .is_some_and(|w| Duration::from_micros(*us as u64) > w)
            {
                c.raise(Status::Warning, "slow commands");
            }
        }
        None => c.message = entries(len),
    }
    Some(c)
}

/// `1 entry`, `3 entries` of the slow log.
fn entries(len: i64) -> String {
    crate::output::number::plural_with(len.max(0) as u64, "entry", "entries")
}

/// What this node thinks of the cluster (cluster nodes only).
pub fn node_cluster_state(n: &NodeInput) -> Option<Check> {
    let ci = n.facts.cluster_info.as_ref()?;
    let state = ci.get("cluster_state").unwrap_or("?").to_string();
    let ok = state == "ok";
    let mut c = Check::new(CheckKind::ClusterState, Status::Ok, state.clone())
        .message(format!(
            "this node sees the cluster {state}, {} slots ok",
            ci.get("cluster_slots_ok").unwrap_or("?")
        ))
        .metric(Metric::new(
            "cluster_state",
            f64::from(u8::from(ok)),
            "1 when this node sees the cluster ok",
        ));
    if !ok {
        c.raise(Status::Critical, "cluster_state not ok");
    }
    Some(c)
}

/// Sizes for people: the one byte formatter (`1.5 KiB`).
pub fn bytes(b: f64) -> String {
    crate::ops::units::format_bytes(b.max(0.0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(text: &str) -> Info {
        Info::parse(&text.replace(' ', "\r\n"))
    }

    /// Runs one node check on facts with this INFO.
    fn on(text: &str, t: &Thresholds, check: fn(&NodeInput) -> Option<Check>) -> Check {
        let facts = Facts {
            info: info(text),
            ..Facts::default()
        };
        check(&NodeInput {
            facts: &facts,
            t,
            now: 0,
        })
        .unwrap()
    }

    #[test]
    fn memory_against_maxmemory() {
        let t = Thresholds::default();
        let c = on(
            "used_memory:85 maxmemory:100 maxmemory_policy:noeviction",
            &t,
            memory,
        );
        assert_eq!(c.status, Status::Warning);
        assert_eq!(c.value, serde_json::json!(85.0));
        let c = on("used_memory:95 maxmemory:100", &t, memory);
        assert_eq!(c.status, Status::Critical);
        let c = on(
            "used_memory:10 maxmemory:0 total_system_memory:1000",
            &t,
            memory,
        );
        assert_eq!(c.status, Status::Ok);
        assert!(c.message.contains("of system memory"), "{}", c.message);
    }

    #[test]
    fn hit_ratio() {
        let mut t = Thresholds::default();
        let c = on(
            "keyspace_hits:90 keyspace_misses:10 db0:keys=5,expires=0",
            &t,
            keyspace,
        );
        assert_eq!(c.value, serde_json::json!(90.0));
        assert_eq!(c.status, Status::Ok);
        t.warn_hit_ratio = Some(Range::parse("95:").unwrap());
        let c = on("keyspace_hits:90 keyspace_misses:10", &t, keyspace);
        assert_eq!(c.status, Status::Warning);
        let c = on("keyspace_hits:0 keyspace_misses:0", &t, keyspace);
        assert_eq!(c.value, serde_json::Value::Null);
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(bytes(1536.0), "1.5 KiB");
    }
}
