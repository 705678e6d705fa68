//! One refresh of `redkit top`: what each node said (one INFO per node per interval, plus the
//! slow log, client list and streams of the pane on screen), turned into the figures of a row.
//! A frame is plain data: it is what `--record` writes (one JSON line) and `--replay` reads.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::redis::info::{Info, subfields};

/// One refresh of every node.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Frame {
    /// Unix time in seconds (milliseconds kept).
    pub at: f64,
    /// The refresh interval in seconds.
    #[serde(default)]
    pub interval: f64,
    pub nodes: Vec<NodeRow>,
    /// The streams `--stream` named (keys or globs) when this frame read them (the streams
    /// pane was shown), so the pane can say why one has no row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub streams_named: Vec<String>,
}

/// One node's row and its panes' details.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct NodeRow {
    pub addr: String,
    /// `master`, `replica`, or `down`/`unknown` when it did not answer.
    pub role: String,
    pub up: bool,
    /// Why it is down (refused, timeout...).
    pub error: Option<String>,
    pub ops_per_sec: Option<f64>,
    /// The slowest command's p99 in microseconds, and the command.
    pub worst_p99_us: Option<f64>,
    pub worst_command: Option<String>,
    pub used_memory: Option<f64>,
    pub maxmemory: Option<f64>,
    pub fragmentation: Option<f64>,
    /// Hits over the refresh interval in percent (None without lookups in it).
    pub hit_pct: Option<f64>,
    pub clients: Option<f64>,
    pub evictions_per_sec: Option<f64>,
    /// A replica's lag behind its master: bytes of the offset, and the seconds the master
    /// takes to write that much at its current rate (0 when in sync; never the seconds since
    /// the last interaction, which an idle, in-sync replica also counts up).
    pub lag_bytes: Option<f64>,
    pub lag_secs: Option<f64>,
    /// A master's replication offset growth, bytes per second over the interval.
    #[serde(default)]
    pub repl_bytes_per_sec: Option<f64>,
    /// Slots served (cluster masters).
    pub slots: Option<u32>,
    /// A replica's master, `host:port`.
    #[serde(default)]
    pub master: Option<String>,
    /// A replica whose link to its master is down: the seconds it has been down (INFO
    /// `master_link_down_since_seconds`; None when the server does not say, or the link is up).
    #[serde(default)]
    pub link_down: Option<LinkDown>,
    /// Counters for the next frame's rates.
    #[serde(default)]
    pub counters: BTreeMap<String, f64>,
    /// Pane details (only for the pane on screen; empty otherwise).
    #[serde(default)]
    pub commands: Vec<CommandRow>,
    #[serde(default)]
    pub slowlog: Vec<SlowRow>,
    #[serde(default)]
    pub client_buffers: Vec<ClientRow>,
    #[serde(default)]
    pub streams: Vec<StreamRow>,
    /// Named streams found on this node that have no consumer group (so no row).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub streams_without_groups: Vec<String>,
}

/// A replica's link to its master is down, for `secs` seconds when the server says.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct LinkDown {
    pub secs: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CommandRow {
    pub command: String,
    pub calls_per_sec: Option<f64>,
    pub usec_per_call: f64,
    pub p99_us: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SlowRow {
    pub at: i64,
    pub micros: i64,
    pub command: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ClientRow {
    pub addr: String,
    pub name: String,
    pub kind: String,
    pub omem: u64,
    pub idle: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct StreamRow {
    pub stream: String,
    pub group: String,
    pub lag: Option<i64>,
    pub lag_secs: Option<f64>,
    pub pending: i64,
    /// Entries of the dead-letter stream `<stream>:dlq`, when it exists.
    pub dead_letters: Option<i64>,
}

const COUNTERS: &[&str] = &[
    "total_commands_processed",
    "keyspace_hits",
    "keyspace_misses",
    "evicted_keys",
    "master_repl_offset",
    "slave_repl_offset",
];

impl NodeRow {
    pub fn down(addr: String, role: &str, error: String) -> NodeRow {
        NodeRow {
            addr,
            role: role.to_string(),
            up: false,
            error: Some(error),
            ..NodeRow::default()
        }
    }

    /// The row from one `INFO everything` (or `INFO all`), with rates against `prev` (the same
    /// node's row of the previous frame, `secs` ago).
    pub fn from_info(
        addr: String,
        i: &Info,
        prev: Option<&NodeRow>,
        secs: f64,
        slots: Option<u32>,
    ) -> NodeRow {
        let counters: BTreeMap<String, f64> = COUNTERS
            .iter()
            .filter_map(|k| Some((k.to_string(), i.num(k)?)))
            .collect();
        // A restarted node (counters went back) shows no rate for one frame.
        let delta = |k: &str| -> Option<f64> {
            let p = prev?.counters.get(k)?;
            let n = counters.get(k)?;
            (n >= p && secs > 0.0).then(|| n - p)
        };
        let rate = |k: &str| delta(k).map(|d| d / secs);
        let hit_pct = match (delta("keyspace_hits"), delta("keyspace_misses")) {
            (Some(h), Some(m)) if h + m > 0.0 => Some(h * 100.0 / (h + m)),
            _ => None,
        };
        let role = match i.get("role") {
            Some("slave") => "replica",
            Some(r) => r,
            None => "unknown",
        }
        .to_string();
        let cmds = commands(i, prev, secs);
        // INFO LATENCYSTATS is since the server started: only a command called in this
        // interval may name the node's worst p99, or one slow call long ago blames the node
        // for as long as it runs (review-24 F4; health does not judge those either).
        let worst = cmds
            .iter()
            .filter(|c| c.p99_us.is_some() && c.calls_per_sec.is_some_and(|r| r > 0.0))
            .max_by(|a, b| a.p99_us.unwrap_or(0.0).total_cmp(&b.p99_us.unwrap_or(0.0)));
        NodeRow {
            addr,
            role,
            up: true,
            error: None,
            ops_per_sec: rate("total_commands_processed")
                .or_else(|| i.num("instantaneous_ops_per_sec")),
            worst_p99_us: worst.and_then(|c| c.p99_us),
            worst_command: worst.map(|c| c.command.clone()),
            used_memory: i.num("used_memory"),
            maxmemory: i.num("maxmemory"),
            fragmentation: i.num("mem_fragmentation_ratio"),
            hit_pct,
            clients: i.num("connected_clients"),
            evictions_per_sec: rate("evicted_keys"),
            lag_bytes: None,
            lag_secs: None,
            repl_bytes_per_sec: rate("master_repl_offset")
                .filter(|_| i.get("role") == Some("master")),
            slots,
            master: match (i.get("master_host"), i.get("master_port")) {
                (Some(h), Some(p)) => Some(format!("{h}:{p}")),
                _ => None,
            },
            link_down: (i.get("role") == Some("slave")
                && i.get("master_link_status").is_some_and(|l| l != "up"))
            .then(|| LinkDown {
                // -1 while the link has never been up (a replica still on its first sync).
                secs: i
                    .num("master_link_down_since_seconds")
                    .filter(|s| *s >= 0.0),
            }),
            counters,
            commands: cmds,
            slowlog: Vec::new(),
            client_buffers: Vec::new(),
            streams: Vec::new(),
            streams_without_groups: Vec::new(),
        }
    }
}

/// Replication internals left out of the worst p99 (health's list).
use crate::cmd::health::latency::IGNORED;

/// Per-command calls/s (from `cmdstat_*` against the previous frame) and p99 (latencystats),
/// the busiest first.
fn commands(i: &Info, prev: Option<&NodeRow>, secs: f64) -> Vec<CommandRow> {
    let mut out: Vec<CommandRow> =
        i.0.iter()
            .filter_map(|(k, v)| {
                let cmd = k.strip_prefix("cmdstat_")?;
                let f = subfields(v);
                let calls: f64 = f.get("calls")?.parse().ok()?;
                let p99 = i
                    .get(&format!("latency_percentiles_usec_{cmd}"))
                    .and_then(|l| subfields(l).get("p99")?.parse().ok())
                    .filter(|_| !IGNORED.contains(&cmd));
                let before = prev.and_then(|p| p.counters.get(&format!("calls:{cmd}")).copied());
                Some(CommandRow {
                    command: cmd.to_string(),
                    calls_per_sec: before
                        .filter(|b| calls >= *b && secs > 0.0)
                        .map(|b| (calls - b) / secs),
                    usec_per_call: f
                        .get("usec_per_call")
                        .and_then(|x| x.parse().ok())
                        .unwrap_or(0.0),
                    p99_us: p99,
                })
            })
            .collect();
    out.sort_by(|a, b| {
        b.calls_per_sec
            .unwrap_or(0.0)
            .total_cmp(&a.calls_per_sec.unwrap_or(0.0))
            .then(a.command.cmp(&b.command))
    });
    out
}

/// The per-command call counters kept for the next frame's calls/s (`calls:get`), as health
/// keeps them in its samples.
pub use crate::cmd::health::latency::call_counters as command_counters;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_against_the_previous_frame() {
        let a = Info::parse(
            "role:master\r\ntotal_commands_processed:100\r\nkeyspace_hits:10\r\nkeyspace_misses:0\r\nevicted_keys:0\r\ncmdstat_get:calls=50,usec=100,usec_per_call=2.00\r\nlatency_percentiles_usec_get:p50=1,p99=7.5,p99.9=9\r\nused_memory:1000\r\n",
        );
        let mut first = NodeRow::from_info("a:1".into(), &a, None, 1.0, None);
        first.counters.extend(command_counters(&a));
        assert_eq!(first.ops_per_sec, None);
        // No interval yet: no command is known to have run in it.
        assert_eq!(first.worst_p99_us, None);
        let b = Info::parse(
            "role:master\r\ntotal_commands_processed:300\r\nkeyspace_hits:13\r\nkeyspace_misses:1\r\nevicted_keys:4\r\ncmdstat_get:calls=150,usec=100,usec_per_call=2.00\r\nlatency_percentiles_usec_get:p50=1,p99=7.5,p99.9=9\r\n",
        );
        let mut next = NodeRow::from_info("a:1".into(), &b, Some(&first), 2.0, Some(5461));
        next.counters.extend(command_counters(&b));
        assert_eq!(next.worst_p99_us, Some(7.5), "get ran in the interval");
        // Not called since: its p99 since the start no longer names the node's worst.
        let quiet = NodeRow::from_info("a:1".into(), &b, Some(&next), 1.0, None);
        assert_eq!(quiet.worst_p99_us, None);
        assert_eq!(next.ops_per_sec, Some(100.0));
        assert_eq!(next.hit_pct, Some(75.0));
        assert_eq!(next.evictions_per_sec, Some(2.0));
        assert_eq!(next.commands[0].calls_per_sec, Some(50.0));
        assert_eq!(next.slots, Some(5461));
        assert_eq!(next.link_down, None);
        let cut = Info::parse(
            "role:slave\r\nmaster_host:h\r\nmaster_port:1\r\nmaster_link_status:down\r\nmaster_link_down_since_seconds:12\r\n",
        );
        let r = NodeRow::from_info("b:1".into(), &cut, None, 1.0, None);
        assert_eq!(r.link_down, Some(LinkDown { secs: Some(12.0) }));
    }
}
