//! The plain types of the health checks, below every check module and the registry: the check
//! kinds, the typed limits, monitoring-plugin ranges and their wording.

use std::fmt;
use std::time::Duration;

use serde::Serialize;

use crate::duration;

/// Every check health knows. The serialised name is the check's `name` in JSON, the
/// `check` label in Prometheus and the word `--check`/`--skip` accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    Reachability,
    Latency,
    Server,
    Memory,
    Clients,
    Persistence,
    Replication,
    Keyspace,
    Slowlog,
    ClusterState,
    ClusterSlots,
    ClusterNodes,
    ClusterReplicas,
    SentinelMaster,
    SentinelQuorum,
    Streams,
    Jobs,
    Evictions,
    RejectedConnections,
    Expired,
    ErrorReplies,
    FullSyncs,
    Maxmemory,
    OutputBuffers,
    Backlog,
    Skew,
}

/// A word that selects several checks at once (`--check cluster`).
/// Every limit health judges against, typed; filled from the registry's defaults, then the
/// config's `health:` section, then the flags.
#[derive(Debug, Clone)]
pub struct Thresholds {
    pub samples: u32,
    pub min_uptime: Option<Duration>,
    pub warn_latency: Option<Duration>,
    pub crit_latency: Option<Duration>,
    pub warn_memory: Option<Range>,
    pub crit_memory: Option<Range>,
    pub warn_clients: Option<Range>,
    pub crit_clients: Option<Range>,
    pub warn_lag: Option<Duration>,
    pub crit_lag: Option<Duration>,
    pub warn_fragmentation: Option<Range>,
    pub crit_fragmentation: Option<Range>,
    pub warn_hit_ratio: Option<Range>,
    pub crit_hit_ratio: Option<Range>,
    pub warn_save_age: Option<Duration>,
    pub warn_slowlog: Option<Duration>,
    pub warn_stream_lag: Option<Range>,
    pub crit_stream_lag: Option<Range>,
    pub warn_stream_pending: Option<Range>,
    pub crit_stream_pending: Option<Range>,
    pub warn_stream_idle: Option<Duration>,
    pub crit_stream_idle: Option<Duration>,
    pub warn_consumer_idle: Option<Duration>,
    pub warn_stream_age: Option<Duration>,
    pub crit_stream_age: Option<Duration>,
    pub warn_group_lag: Option<Duration>,
    pub crit_group_lag: Option<Duration>,
    pub stuck_after: Option<Duration>,
    pub warn_stuck_jobs: Option<Range>,
    pub crit_stuck_jobs: Option<Range>,
    pub warn_evictions: Option<Range>,
    pub crit_evictions: Option<Range>,
    pub warn_rejected_connections: Option<Range>,
    pub crit_rejected_connections: Option<Range>,
    pub warn_expired: Option<Range>,
    pub warn_error_replies: Option<Range>,
    pub crit_error_replies: Option<Range>,
    pub warn_full_syncs: Option<Range>,
    pub crit_full_syncs: Option<Range>,
    pub warn_command_p99: Option<Duration>,
    pub crit_command_p99: Option<Duration>,
    pub warn_latency_event: Option<Duration>,
    pub crit_latency_event: Option<Duration>,
    pub warn_output_buffer: Option<Range>,
    pub crit_output_buffer: Option<Range>,
    pub min_backlog: Option<Duration>,
    pub warn_skew: Option<Range>,
}

/// A monitoring-plugin range: `10` alerts outside 0..10, `10:` below 10, `~:10` above 10,
/// `10:20` outside that span, `@10:20` inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    pub start: f64,
    pub end: f64,
    pub inside: bool,
    text: String,
}

impl Range {
    pub fn parse(text: &str) -> Result<Range, String> {
        let t = text.trim();
        let bad =
            || format!("invalid range '{text}' (use 10, 10:, ~:10, 10:20 or @10:20 as plugins do)");
        let (inside, body) = match t.strip_prefix('@') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let num = |s: &str| s.trim_end_matches('%').parse::<f64>().map_err(|_| bad());
        let (start, end) = match body.split_once(':') {
            None => (0.0, num(body)?),
            Some((a, b)) => {
                let start = match a {
                    "~" => f64::NEG_INFINITY,
                    "" => 0.0,
                    a => num(a)?,
                };
                let end = if b.is_empty() { f64::INFINITY } else { num(b)? };
                (start, end)
            }
        };
        if body.is_empty() || start > end || start.is_nan() || end.is_nan() {
            return Err(bad());
        }
        Ok(Range {
            start,
            end,
            inside,
            text: t.trim_end_matches('%').to_string(),
        })
    }

    /// Whether `v` raises an alert.
    pub fn alerts(&self, v: f64) -> bool {
        let within = v >= self.start && v <= self.end;
        within == self.inside
    }

    /// The range as written, for perfdata.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A short phrase for tables: `>80`, `<50`, `outside 10:20`.
    pub fn describe(&self) -> String {
        if self.inside {
            return format!("in {}", &self.text[1..]);
        }
        match (self.start, self.end) {
            (s, e) if s == 0.0 && e.is_finite() => format!(">{}", num(e)),
            (s, e) if s == f64::NEG_INFINITY => format!(">{}", num(e)),
            (s, e) if e == f64::INFINITY => format!("<{}", num(s)),
            _ => format!("outside {}", self.text),
        }
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A number without needless decimals: `80`, `1.5`, `0.25`.
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// `1 key`, `3 keys`: a figure with the word that agrees with it.
pub fn count(v: f64, one: &str, many: &str) -> String {
    format!("{} {}", num(v), if v == 1.0 { one } else { many })
}

/// `warn >100ms, crit >500ms` for duration limits.
pub fn durations(w: Option<Duration>, c: Option<Duration>) -> Option<String> {
    let parts: Vec<String> = [("warn", w), ("crit", c)]
        .into_iter()
        .filter_map(|(n, d)| d.map(|d| format!("{n} >{}", duration::format(d))))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `warn >80, crit >90` for range limits, with a unit after each figure.
pub fn ranges(w: &Option<Range>, c: &Option<Range>, unit: &str) -> Option<String> {
    let parts: Vec<String> = [("warn", w), ("crit", c)]
        .into_iter()
        .filter_map(|(n, r)| r.as_ref().map(|r| format!("{n} {}{unit}", r.describe())))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}
