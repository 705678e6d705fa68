//! The registry of health checks: every check is one `CheckKind` variant plus one `CheckDef`
//! entry here (its name, group, limits with their defaults and flag/config keys, and the
//! functions that judge it). Flags (`--warn-memory`), config keys (`health.warn_memory`),
//! `--check`/`--skip` names and the defaults shown in `--help` are all derived from this table,
//! so adding a check means writing its judge function in one file and adding it here.

use std::fmt;
use std::time::Duration;

use super::capacity;
use super::cluster::{self, ClusterInput};
use super::judge::{self, NodeInput};
use super::persistence;
use super::rates;
use super::replication;
use super::report::Check;
use super::sentinel::{self, SentinelInput};
use super::streams::{self, StreamInput};
pub use super::types::{CheckKind, Range, Thresholds};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Cluster,
    Sentinel,
}

impl Group {
    pub const ALL: &'static [Group] = &[Group::Cluster, Group::Sentinel];

    pub fn name(self) -> &'static str {
        match self {
            Group::Cluster => "cluster",
            Group::Sentinel => "sentinel",
        }
    }
}

/// Where a limit is stored in `Thresholds`; the variant decides how its text is parsed.
#[derive(Clone, Copy)]
pub enum Slot {
    /// A duration (`100ms`, `2m`) alerting above it.
    Dur(fn(&mut Thresholds) -> &mut Option<Duration>),
    /// A monitoring-plugin range (`80`, `90:`, `@10:20`).
    Range(fn(&mut Thresholds) -> &mut Option<Range>),
}

/// One limit parsed from a flag, a config key or a default, ready to be stored.
#[derive(Clone)]
pub enum Setting {
    Dur(
        fn(&mut Thresholds) -> &mut Option<Duration>,
        Option<Duration>,
    ),
    Range(fn(&mut Thresholds) -> &mut Option<Range>, Option<Range>),
}

impl fmt::Debug for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Setting::Dur(_, d) => write!(f, "Dur({d:?})"),
            Setting::Range(_, r) => write!(f, "Range({r:?})"),
        }
    }
}

/// `none`, `off` or nothing turns a limit off.
fn is_off(text: &str) -> bool {
    matches!(text.trim(), "none" | "off" | "")
}

impl Slot {
    /// Parses a limit's text once into its typed value.
    pub fn parse(self, text: &str) -> Result<Setting, String> {
        Ok(match self {
            Slot::Dur(at) => Setting::Dur(
                at,
                if is_off(text) {
                    None
                } else {
                    Some(crate::duration::parse(text)?)
                },
            ),
            Slot::Range(at) => Setting::Range(
                at,
                if is_off(text) {
                    None
                } else {
                    Some(Range::parse(text)?)
                },
            ),
        })
    }

    pub fn value_name(self) -> &'static str {
        match self {
            Slot::Dur(_) => "DUR",
            Slot::Range(_) => "RANGE",
        }
    }
}

impl Setting {
    pub fn apply(self, t: &mut Thresholds) {
        match self {
            Setting::Dur(at, v) => *at(t) = v,
            Setting::Range(at, v) => *at(t) = v,
        }
    }
}

/// One limit of a check: its config key (the flag is the key with `-`), help, default.
pub struct LimitDef {
    /// `warn_memory`: the config key; the flag is `--warn-memory`.
    pub key: &'static str,
    pub about: &'static str,
    /// The default as a flag would spell it (`none` for off).
    pub default: &'static str,
    pub slot: Slot,
}

impl LimitDef {
    pub fn flag(&self) -> String {
        self.key.replace('_', "-")
    }
}

/// One check: its kind, what selects it, its limits and how each scope judges it.
pub struct CheckDef {
    pub kind: CheckKind,
    pub group: Option<Group>,
    pub limits: &'static [LimitDef],
    /// Judged from INFO: left out when a node refuses INFO (one UNKNOWN `server` check says so).
    pub uses_info: bool,
    /// Judged on every data node that answered (None: this node has nothing to judge).
    pub node: Option<fn(&NodeInput) -> Option<Check>>,
    /// Judged once for a Redis Cluster as a whole.
    pub cluster: Option<fn(&ClusterInput) -> Check>,
    /// Judged on every Sentinel.
    pub sentinel: Option<fn(&SentinelInput) -> Check>,
    /// Judged on the streams of the masters (one check per stream and group, or one in all).
    pub streams: Option<fn(&StreamInput) -> Vec<Check>>,
}

const fn def(kind: CheckKind) -> CheckDef {
    CheckDef {
        kind,
        group: None,
        limits: &[],
        uses_info: true,
        node: None,
        cluster: None,
        sentinel: None,
        streams: None,
    }
}

/// Every check, in the order they are run and shown.
pub static CHECKS: &[CheckDef] = &[
    // Always run: a node that cannot be reached is reported whatever was selected.
    def(CheckKind::Reachability),
    CheckDef {
        limits: &[
            LimitDef {
                key: "warn_latency",
                about: "Median PING round trip for WARNING",
                default: "100ms",
                slot: Slot::Dur(|t| &mut t.warn_latency),
            },
            LimitDef {
                key: "crit_latency",
                about: "Median PING round trip for CRITICAL",
                default: "500ms",
                slot: Slot::Dur(|t| &mut t.crit_latency),
            },
            LimitDef {
                key: "warn_command_p99",
                about: "A command's p99 (INFO LATENCYSTATS, Redis 7) for WARNING; the worst are named",
                default: "100ms",
                slot: Slot::Dur(|t| &mut t.warn_command_p99),
            },
            LimitDef {
                key: "crit_command_p99",
                about: "A command's p99 for CRITICAL",
                default: "none",
                slot: Slot::Dur(|t| &mut t.crit_command_p99),
            },
            LimitDef {
                key: "warn_latency_event",
                about: "A LATENCY LATEST spike since the previous run for WARNING",
                default: "100ms",
                slot: Slot::Dur(|t| &mut t.warn_latency_event),
            },
            LimitDef {
                key: "crit_latency_event",
                about: "A latency spike since the previous run for CRITICAL",
                default: "none",
                slot: Slot::Dur(|t| &mut t.crit_latency_event),
            },
        ],
        uses_info: false,
        node: Some(judge::latency_of_node),
        sentinel: Some(sentinel::latency),
        ..def(CheckKind::Latency)
    },
    CheckDef {
        limits: &[LimitDef {
            key: "min_uptime",
            about: "A restart more recent than this is a WARNING",
            default: "5m",
            slot: Slot::Dur(|t| &mut t.min_uptime),
        }],
        node: Some(judge::server),
        ..def(CheckKind::Server)
    },
    CheckDef {
        limits: &[
            LimitDef {
                key: "warn_memory",
                about: "Memory used, percent of maxmemory (of system memory when unlimited)",
                default: "80",
                slot: Slot::Range(|t| &mut t.warn_memory),
            },
            LimitDef {
                key: "crit_memory",
                about: "Memory used for CRITICAL",
                default: "90",
                slot: Slot::Range(|t| &mut t.crit_memory),
            },
            LimitDef {
                key: "warn_fragmentation",
                about: "Fragmentation ratio for WARNING, judged past 32 MB wasted",
                default: "1.5",
                slot: Slot::Range(|t| &mut t.warn_fragmentation),
            },
            LimitDef {
                key: "crit_fragmentation",
                about: "Fragmentation ratio for CRITICAL",
                default: "none",
                slot: Slot::Range(|t| &mut t.crit_fragmentation),
            },
        ],
        node: Some(judge::memory),
        ..def(CheckKind::Memory)
    },
    CheckDef {
        limits: &[
            LimitDef {
                key: "warn_clients",
                about: "Connected clients, percent of maxclients",
                default: "80",
                slot: Slot::Range(|t| &mut t.warn_clients),
            },
            LimitDef {
                key: "crit_clients",
                about: "Connected clients for CRITICAL",
                default: "95",
                slot: Slot::Range(|t| &mut t.crit_clients),
            },
        ],
        node: Some(judge::clients),
        ..def(CheckKind::Clients)
    },
    CheckDef {
        limits: &[LimitDef {
            key: "warn_save_age",
            about: "Age of the last RDB save (with writes since, saving on) for WARNING",
            default: "2h",
            slot: Slot::Dur(|t| &mut t.warn_save_age),
        }],
        node: Some(persistence::persistence),
        ..def(CheckKind::Persistence)
    },
    CheckDef {
        limits: &[
            LimitDef {
                key: "warn_lag",
                about: "Replication lag (seconds since last I/O or ACK) for WARNING",
                default: "30s",
                slot: Slot::Dur(|t| &mut t.warn_lag),
            },
            LimitDef {
                key: "crit_lag",
                about: "Replication lag for CRITICAL",
                default: "2m",
                slot: Slot::Dur(|t| &mut t.crit_lag),
            },
        ],
        node: Some(replication::replication),
        ..def(CheckKind::Replication)
    },
    CheckDef {
        limits: &[
            LimitDef {
                key: "warn_hit_ratio",
                about: "Keyspace hit ratio in percent for WARNING, e.g. 90: (below 90)",
                default: "none",
                slot: Slot::Range(|t| &mut t.warn_hit_ratio),
            },
            LimitDef {
                key: "crit_hit_ratio",
                about: "Keyspace hit ratio for CRITICAL",
                default: "none",
                slot: Slot::Range(|t| &mut t.crit_hit_ratio),
            },
        ],
        node: Some(judge::keyspace),
        ..def(CheckKind::Keyspace)
    },
    CheckDef {
        limits: &[LimitDef {
            key: "warn_slowlog",
            about: "Slowest recent slow-log entry for WARNING",
            default: "none",
            slot: Slot::Dur(|t| &mut t.warn_slowlog),
        }],
        node: Some(judge::slowlog),
        ..def(CheckKind::Slowlog)
    },
    CheckDef {
        limits: &[
            LimitDef {
                key: "warn_evictions",
                about: "Keys evicted per second since the previous run, for WARNING",
                default: "0",
                slot: Slot::Range(|t| &mut t.warn_evictions),
            },
            LimitDef {
                key: "crit_evictions",
                about: "Evictions per second for CRITICAL",
                default: "none",
                slot: Slot::Range(|t| &mut t.crit_evictions),
            },
        ],
        node: Some(rates::evictions),
        ..def(CheckKind::Evictions)
    },
    CheckDef {
        limits: &[
            LimitDef {
                key: "warn_rejected_connections",
                about: "Connections rejected (maxclients) per second since the previous run, for WARNING",
                default: "0",
                slot: Slot::Range(|t| &mut t.warn_rejected_connections),
            },
            LimitDef {
                key: "crit_rejected_connections",
                about: "Rejected connections per second for CRITICAL",
                default: "none",
                slot: Slot::Range(|t| &mut t.crit_rejected_connections),
            },
        ],
        node: Some(rates::rejected_connections),
        ..def(CheckKind::RejectedConnections)
    },
    CheckDef {
        limits: &[LimitDef {
            key: "warn_expired",
            about: "Keys expired per second since the previous run, for WARNING (informative by default)",
            default: "none",
            slot: Slot::Range(|t| &mut t.warn_expired),
        }],
        node: Some(rates::expired),
        ..def(CheckKind::Expired)
    },
    CheckDef {
        limits: &[
            LimitDef {
                key: "warn_error_replies",
                about: "Error replies per second since the previous run, for WARNING, e.g. 1",
                default: "none",
                slot: Slot::Range(|t| &mut t.warn_error_replies),
            },
            LimitDef {
                key: "crit_error_replies",
                about: "Error replies per second for CRITICAL",
                default: "none",
                slot: Slot::Range(|t| &mut t.crit_error_replies),
            },
        ],
        node: Some(rates::error_replies),
        ..def(CheckKind::ErrorReplies)
    },
    CheckDef {
        limits: &[
            LimitDef {
                key: "warn_full_syncs",
                about: "Full resyncs a master served since the previous run, for WARNING",
                default: "none",
                slot: Slot::Range(|t| &mut t.warn_full_syncs),
            },
            LimitDef {
                key: "crit_full_syncs",
                about: "Full resyncs since the previous run for CRITICAL",
                default: "0",
                slot: Slot::Range(|t| &mut t.crit_full_syncs),
            },
        ],
        node: Some(rates::full_syncs),
        ..def(CheckKind::FullSyncs)
    },
    CheckDef {
        limits: &[],
        node: Some(capacity::maxmemory),
        ..def(CheckKind::Maxmemory)
    },
    CheckDef {
        limits: &[
            LimitDef {
                key: "warn_output_buffer",
                about: "Fullest replica/pub-sub output buffer, percent of the limit that drops it first (soft or hard), for WARNING",
                default: "50",
                slot: Slot::Range(|t| &mut t.warn_output_buffer),
            },
            LimitDef {
                key: "crit_output_buffer",
                about: "Fullest output buffer for CRITICAL",
                default: "90",
                slot: Slot::Range(|t| &mut t.crit_output_buffer),
            },
        ],
        node: Some(capacity::output_buffers),
        ..def(CheckKind::OutputBuffers)
    },
    CheckDef {
        limits: &[LimitDef {
            key: "min_backlog",
            about: "Seconds of writes the replication backlog must hold; less is a WARNING",
            default: "1m",
            slot: Slot::Dur(|t| &mut t.min_backlog),
        }],
        node: Some(capacity::backlog),
        ..def(CheckKind::Backlog)
    },
    CheckDef {
        group: Some(Group::Cluster),
        node: Some(judge::node_cluster_state),
        cluster: Some(cluster::state),
        ..def(CheckKind::ClusterState)
    },
    CheckDef {
        group: Some(Group::Cluster),
        cluster: Some(cluster::slots),
        ..def(CheckKind::ClusterSlots)
    },
    CheckDef {
        group: Some(Group::Cluster),
        cluster: Some(cluster::nodes),
        ..def(CheckKind::ClusterNodes)
    },
    CheckDef {
        group: Some(Group::Cluster),
        cluster: Some(cluster::replicas),
        ..def(CheckKind::ClusterReplicas)
    },
    CheckDef {
        group: Some(Group::Cluster),
        limits: &[LimitDef {
            key: "warn_skew",
            about: "The busiest master's keys or memory above the cluster mean, in percent, for WARNING",
            default: "50",
            slot: Slot::Range(|t| &mut t.warn_skew),
        }],
        cluster: Some(cluster::skew),
        ..def(CheckKind::Skew)
    },
    CheckDef {
        group: Some(Group::Sentinel),
        sentinel: Some(sentinel::master),
        ..def(CheckKind::SentinelMaster)
    },
    CheckDef {
        group: Some(Group::Sentinel),
        sentinel: Some(sentinel::quorum),
        ..def(CheckKind::SentinelQuorum)
    },
    CheckDef {
        limits: &[
            LimitDef {
                key: "warn_stream_lag",
                about: "Entries a consumer group has not been delivered yet, for WARNING",
                default: "none",
                slot: Slot::Range(|t| &mut t.warn_stream_lag),
            },
            LimitDef {
                key: "crit_stream_lag",
                about: "Undelivered entries of a group for CRITICAL",
                default: "none",
                slot: Slot::Range(|t| &mut t.crit_stream_lag),
            },
            LimitDef {
                key: "warn_stream_pending",
                about: "Entries delivered to a group and not acknowledged, for WARNING",
                default: "none",
                slot: Slot::Range(|t| &mut t.warn_stream_pending),
            },
            LimitDef {
                key: "crit_stream_pending",
                about: "Pending entries of a group for CRITICAL",
                default: "none",
                slot: Slot::Range(|t| &mut t.crit_stream_pending),
            },
            LimitDef {
                key: "warn_stream_idle",
                about: "Idle time of a group's oldest pending entry for WARNING",
                default: "5m",
                slot: Slot::Dur(|t| &mut t.warn_stream_idle),
            },
            LimitDef {
                key: "crit_stream_idle",
                about: "Idle time of the oldest pending entry for CRITICAL",
                default: "30m",
                slot: Slot::Dur(|t| &mut t.crit_stream_idle),
            },
            LimitDef {
                key: "warn_consumer_idle",
                about: "A consumer (with pending entries) idle longer than this is a WARNING",
                default: "none",
                slot: Slot::Dur(|t| &mut t.warn_consumer_idle),
            },
            LimitDef {
                key: "warn_stream_age",
                about: "Age of a stream's last entry for WARNING",
                default: "none",
                slot: Slot::Dur(|t| &mut t.warn_stream_age),
            },
            LimitDef {
                key: "crit_stream_age",
                about: "Age of a stream's last entry for CRITICAL",
                default: "none",
                slot: Slot::Dur(|t| &mut t.crit_stream_age),
            },
            LimitDef {
                key: "warn_group_lag",
                about: "Lag of a group in time (age of its oldest undelivered entry), for WARNING",
                default: "none",
                slot: Slot::Dur(|t| &mut t.warn_group_lag),
            },
            LimitDef {
                key: "crit_group_lag",
                about: "Lag of a group in time, for CRITICAL",
                default: "none",
                slot: Slot::Dur(|t| &mut t.crit_group_lag),
            },
        ],
        streams: Some(streams::judge_streams),
        ..def(CheckKind::Streams)
    },
    CheckDef {
        limits: &[
            LimitDef {
                key: "stuck_after",
                about: "A job without task_completed/task_failed whose last event is older is stuck",
                default: "15m",
                slot: Slot::Dur(|t| &mut t.stuck_after),
            },
            LimitDef {
                key: "warn_stuck_jobs",
                about: "Stuck jobs for WARNING",
                default: "0",
                slot: Slot::Range(|t| &mut t.warn_stuck_jobs),
            },
            LimitDef {
                key: "crit_stuck_jobs",
                about: "Stuck jobs for CRITICAL",
                default: "none",
                slot: Slot::Range(|t| &mut t.crit_stuck_jobs),
            },
        ],
        streams: Some(streams::judge_jobs),
        ..def(CheckKind::Jobs)
    },
];

impl Default for Thresholds {
    fn default() -> Self {
        let mut t = Thresholds {
            samples: 5,
            min_uptime: None,
            warn_latency: None,
            crit_latency: None,
            warn_memory: None,
            crit_memory: None,
            warn_clients: None,
            crit_clients: None,
            warn_lag: None,
            crit_lag: None,
            warn_fragmentation: None,
            crit_fragmentation: None,
            warn_hit_ratio: None,
            crit_hit_ratio: None,
            warn_save_age: None,
            warn_slowlog: None,
            warn_stream_lag: None,
            crit_stream_lag: None,
            warn_stream_pending: None,
            crit_stream_pending: None,
            warn_stream_idle: None,
            crit_stream_idle: None,
            warn_consumer_idle: None,
            warn_stream_age: None,
            crit_stream_age: None,
            warn_group_lag: None,
            crit_group_lag: None,
            stuck_after: None,
            warn_stuck_jobs: None,
            crit_stuck_jobs: None,
            warn_evictions: None,
            crit_evictions: None,
            warn_rejected_connections: None,
            crit_rejected_connections: None,
            warn_expired: None,
            warn_error_replies: None,
            crit_error_replies: None,
            warn_full_syncs: None,
            crit_full_syncs: None,
            warn_command_p99: None,
            crit_command_p99: None,
            warn_latency_event: None,
            crit_latency_event: None,
            warn_output_buffer: None,
            crit_output_buffer: None,
            min_backlog: None,
            warn_skew: None,
        };
        for l in limits() {
            // The defaults are constants checked by a unit test; one that did not parse
            // would leave its limit off.
            if let Ok(s) = l.slot.parse(l.default) {
                s.apply(&mut t);
            }
        }
        t
    }
}

impl CheckKind {
    pub fn def(self) -> &'static CheckDef {
        CHECKS
            .iter()
            .find(|d| d.kind == self)
            .expect("every CheckKind has a registry entry (tested)")
    }

    pub fn name(self) -> &'static str {
        match self {
            CheckKind::Reachability => "reachability",
            CheckKind::Latency => "latency",
            CheckKind::Server => "server",
            CheckKind::Memory => "memory",
            CheckKind::Clients => "clients",
            CheckKind::Persistence => "persistence",
            CheckKind::Replication => "replication",
            CheckKind::Keyspace => "keyspace",
            CheckKind::Slowlog => "slowlog",
            CheckKind::ClusterState => "cluster_state",
            CheckKind::ClusterSlots => "cluster_slots",
            CheckKind::ClusterNodes => "cluster_nodes",
            CheckKind::ClusterReplicas => "cluster_replicas",
            CheckKind::SentinelMaster => "sentinel_master",
            CheckKind::SentinelQuorum => "sentinel_quorum",
            CheckKind::Streams => "streams",
            CheckKind::Jobs => "jobs",
            CheckKind::Evictions => "evictions",
            CheckKind::RejectedConnections => "rejected_connections",
            CheckKind::Expired => "expired",
            CheckKind::ErrorReplies => "error_replies",
            CheckKind::FullSyncs => "full_syncs",
            CheckKind::Maxmemory => "maxmemory",
            CheckKind::OutputBuffers => "output_buffers",
            CheckKind::Backlog => "backlog",
            CheckKind::Skew => "skew",
        }
    }

    pub fn by_name(name: &str) -> Option<CheckKind> {
        CHECKS.iter().map(|d| d.kind).find(|k| k.name() == name)
    }
}

impl fmt::Display for CheckKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every limit of every check, in registry order.
pub fn limits() -> impl Iterator<Item = &'static LimitDef> {
    CHECKS.iter().flat_map(|d| d.limits.iter())
}

/// The limit a config key or flag names (`warn_memory` or `warn-memory`).
pub fn limit(key: &str) -> Option<&'static LimitDef> {
    let key = key.replace('-', "_");
    limits().find(|l| l.key == key)
}

/// The words `--check`/`--skip` accept, groups before their members: every check name the
/// output shows (reachability too: it always runs, and `--skip` leaves out only its OK row).
pub fn selectable_names() -> Vec<&'static str> {
    let mut out = Vec::new();
    for d in CHECKS.iter() {
        if let Some(g) = d.group
            && !out.contains(&g.name())
        {
            out.push(g.name());
        }
        out.push(d.kind.name());
    }
    out
}

/// `--check`/`--skip` values: any text passes here (the selection refuses unknown names with
/// the health exit policy and the list of known ones), while completions and `--help` offer the
/// registry's names.
#[derive(Clone, Copy, Debug, Default)]
pub struct CheckNameParser;

impl clap::builder::TypedValueParser for CheckNameParser {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        value
            .to_str()
            .map(str::to_string)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            selectable_names()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_entry_and_every_default_parses() {
        for d in CHECKS {
            assert_eq!(CHECKS.iter().filter(|x| x.kind == d.kind).count(), 1);
            assert_eq!(CheckKind::by_name(d.kind.name()), Some(d.kind));
            let json = serde_json::to_value(d.kind).unwrap();
            assert_eq!(json, d.kind.name(), "serde name and name() agree");
        }
        let mut keys = std::collections::HashSet::new();
        for l in limits() {
            assert!(keys.insert(l.key), "{} twice", l.key);
            assert!(l.slot.parse(l.default).is_ok(), "{}: {}", l.key, l.default);
            assert!(!l.about.contains('['), "{}: the default is added", l.key);
        }
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let t = Thresholds::default();
        assert_eq!(t.warn_latency, Some(Duration::from_millis(100)));
        assert_eq!(t.crit_lag, Some(Duration::from_secs(120)));
        assert_eq!(t.min_uptime, Some(Duration::from_secs(300)));
        assert_eq!(t.warn_memory.as_ref().map(Range::text), Some("80"));
        assert!(t.crit_fragmentation.is_none() && t.warn_slowlog.is_none());
        assert_eq!(t.stuck_after, Some(Duration::from_secs(900)));
        assert_eq!(t.samples, 5);
    }

    #[test]
    fn each_limit_lands_in_its_own_field() {
        // Setting one limit changes the field of its name and no other limit.
        let same = |slot: Slot, a: &mut Thresholds, b: &mut Thresholds| match slot {
            Slot::Dur(at) => *at(a) == *at(b),
            Slot::Range(at) => *at(a) == *at(b),
        };
        for l in limits() {
            let mut t = Thresholds::default();
            let (text, shown) = match l.slot {
                Slot::Dur(_) => ("7s", "Some(7s)"),
                Slot::Range(_) => ("@3:4", "Some(Range { start: 3.0, end: 4.0, inside: true"),
            };
            l.slot.parse(text).unwrap().apply(&mut t);
            for m in limits().filter(|m| m.key != l.key) {
                let mut d = Thresholds::default();
                assert!(
                    same(m.slot, &mut t.clone(), &mut d),
                    "{} also set {}",
                    l.key,
                    m.key
                );
            }
            let dbg = format!("{t:?}");
            assert!(
                dbg.contains(&format!(" {}: {shown}", l.key)),
                "{}: {dbg}",
                l.key
            );
        }
    }
}
