//! The rate checks: what a node's lifetime counters did since the previous sample (the state
//! file, the first sample of `--interval`, or the previous `--watch` round). Without one, or
//! after a restart, they say so and are OK.

use super::judge::{NodeInput, judge_ranges, text};
use super::report::{Check, Metric, Status, Unit};
use super::state::{Baseline, Keeping, Sample};
use super::types::{CheckKind, Range, count, num, ranges};
use crate::duration;

/// The interval's baseline of a node: None when INFO gave no sample.
pub fn baseline<'a>(n: &'a NodeInput) -> Option<(&'a Sample, Baseline<'a>)> {
    let now = n.facts.sample.as_ref()?;
    Some((now, Baseline::of(n.facts.prev.as_ref(), now)))
}

/// A rate check's verdict without an interval to judge.
fn no_interval(kind: CheckKind, b: &Baseline, keeping: &Keeping) -> Option<Check> {
    let msg = match (b, keeping) {
        (Baseline::None, Keeping::File) => {
            "no previous sample (this run's counters are kept for the next)".into()
        }
        (Baseline::None, Keeping::Off(why)) => {
            format!("not judged: {why}; a rate needs --state FILE or --interval DUR")
        }
        // No run will ever have a previous sample: an OK here could never turn into an alert.
        (Baseline::None, Keeping::Cannot(why)) => {
            return Some(
                Check::new(kind, Status::Unknown, serde_json::Value::Null).message(format!(
                    "cannot be judged: {why}; give --state a file that can be written, or \
                     --interval DUR"
                )),
            );
        }
        (b, _) => match b {
            Baseline::Restarted(why) => {
                format!("restarted since the previous sample ({why}): counting starts over")
            }
            Baseline::Invalid(why) => format!("{why}; starting over"),
            Baseline::Since(..) | Baseline::None => return None,
        },
    };
    Some(Check::new(kind, Status::Ok, serde_json::Value::Null).message(msg))
}

/// Three significant figures (`36.6`, `102`, `0.0123`): a rate is an estimate.
pub fn sig3(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return 0.0;
    }
    let mag = v.abs().log10().floor() as i32;
    let scale = 10f64.powi(2 - mag);
    (v * scale).round() / scale
}

fn interval_text(secs: f64) -> String {
    duration::format(std::time::Duration::from_secs_f64(secs.max(0.0)))
}

/// A counter judged as a rate per second.
struct PerSecond {
    kind: CheckKind,
    counter: &'static str,
    /// `keys evicted`, `connections rejected`.
    what: (&'static str, &'static str),
    metric: &'static str,
    help: &'static str,
    /// A counter counted inside `counter` that is not judged (its increase is said apart).
    apart: Option<(&'static str, (&'static str, &'static str))>,
}

fn per_second(
    n: &NodeInput,
    p: PerSecond,
    warn: &Option<Range>,
    crit: &Option<Range>,
) -> Option<Check> {
    let (now, b) = baseline(n)?;
    let threshold = ranges(warn, crit, "/s");
    if let Some(c) = no_interval(p.kind, &b, &n.facts.keeping) {
        return Some(c.threshold(threshold));
    }
    let (mut d, secs) = b.increase(now, p.counter)?;
    let mut note = String::new();
    if let Some((key, (one, many))) = p.apart
        && let Some((x, _)) = b.increase(now, key)
        && x > 0.0
    {
        d = (d - x).max(0.0);
        note = format!(" ({} not counted)", count(x, one, many));
    }
    let rate = d / secs;
    let rounded = sig3(rate);
    let status = judge_ranges(rate, warn, crit);
    Some(
        Check::new(p.kind, status, rounded)
            .unit(Unit::PerSecond)
            .message(format!(
                "{}/s: {} in {}{note}",
                num(rounded),
                count(d, p.what.0, p.what.1),
                interval_text(secs)
            ))
            .threshold(threshold)
            .metric(Metric::new(p.metric, rounded, p.help).perf("", text(warn), text(crit))),
    )
}

pub fn evictions(n: &NodeInput) -> Option<Check> {
    let t = n.t;
    per_second(
        n,
        PerSecond {
            kind: CheckKind::Evictions,
            counter: "evicted_keys",
            what: ("key evicted", "keys evicted"),
            metric: "evicted_keys_per_second",
            help: "Keys evicted per second since the previous sample",
            apart: None,
        },
        &t.warn_evictions,
        &t.crit_evictions,
    )
}

pub fn rejected_connections(n: &NodeInput) -> Option<Check> {
    let t = n.t;
    per_second(
        n,
        PerSecond {
            kind: CheckKind::RejectedConnections,
            counter: "rejected_connections",
            what: ("connection rejected", "connections rejected"),
            metric: "rejected_connections_per_second",
            help: "Connections refused (maxclients) per second since the previous sample",
            apart: None,
        },
        &t.warn_rejected_connections,
        &t.crit_rejected_connections,
    )
}

pub fn expired(n: &NodeInput) -> Option<Check> {
    let t = n.t;
    per_second(
        n,
        PerSecond {
            kind: CheckKind::Expired,
            counter: "expired_keys",
            what: ("key expired", "keys expired"),
            metric: "expired_keys_per_second",
            help: "Keys expired per second since the previous sample",
            apart: None,
        },
        &t.warn_expired,
        &None,
    )
}

pub fn error_replies(n: &NodeInput) -> Option<Check> {
    let t = n.t;
    per_second(
        n,
        PerSecond {
            kind: CheckKind::ErrorReplies,
            counter: "total_error_replies",
            what: ("error reply", "error replies"),
            metric: "error_replies_per_second",
            help: "Error replies per second since the previous sample, cluster redirections \
                   (MOVED, ASK) left out",
            apart: Some((
                super::state::REDIRECTIONS,
                ("MOVED/ASK redirection", "MOVED/ASK redirections"),
            )),
        },
        &t.warn_error_replies,
        &t.crit_error_replies,
    )
}

/// Full resyncs a master served since the previous sample. `sync_full` also counts the
/// snapshots clients take over the replication protocol (`redis-cli --rdb`, `cache analyze
/// --from`), which copy nothing to a replica; a replica's own resync shows as a replica
/// connection made within the interval (CLIENT LIST age) that no partial resync explains, or
/// as a failed partial resync. Only those are judged; client snapshots are a note.
pub fn full_syncs(n: &NodeInput) -> Option<Check> {
    let t = n.t;
    let (now, b) = baseline(n)?;
    let threshold = ranges(&t.warn_full_syncs, &t.crit_full_syncs, "");
    if let Some(c) = no_interval(CheckKind::FullSyncs, &b, &n.facts.keeping) {
        return Some(c.threshold(threshold));
    }
    let (d, secs) = b.increase(now, "sync_full")?;
    let grew = |k: &str| b.increase(now, k).map_or(0.0, |(x, _)| x);
    let replica = replica_resyncs(
        n,
        d,
        secs,
        grew("sync_partial_ok"),
        grew("sync_partial_err"),
    );
    let snapshots = d - replica;
    let status = judge_ranges(replica, &t.warn_full_syncs, &t.crit_full_syncs);
    let mut message = format!(
        "{} in {}",
        count(replica, "replica full resync", "replica full resyncs"),
        interval_text(secs)
    );
    if snapshots > 0.0 {
        message.push_str(&format!(
            "; {} by a client (redis-cli --rdb or similar), not a replica",
            count(snapshots, "snapshot taken", "snapshots taken")
        ));
    }
    let mut c = Check::new(CheckKind::FullSyncs, status, replica)
        .message(message)
        .threshold(threshold)
        .metric(
            Metric::new(
                "sync_full_increase",
                d,
                "Full syncs served since the previous sample (replicas and client snapshots)",
            )
            .perf("", text(&t.warn_full_syncs), text(&t.crit_full_syncs)),
        )
        .metric(Metric::new(
            "replica_full_resyncs_increase",
            replica,
            "Full resyncs served to replicas since the previous sample",
        ));
    // The cause only as far as the counters tell it: Redis counts sync_partial_err only when a
    // replica asked for a partial resync and was refused; a replica that lost its data (or is
    // new) asks for a full copy, and no backlog would have helped.
    if status != Status::Ok {
        let why = if grew("sync_partial_err") > 0.0 {
            "a partial resync was refused (the backlog did not cover the replica's absence, or \
             it came from another master)"
        } else {
            "the replica asked for a full copy (new, or restarted without its data): not the \
             backlog"
        };
        c.message = format!("{}: a replica copied the whole dataset; {why}", c.message);
    }
    Some(c)
}

/// How many of `full` full syncs in `secs` went to replicas: replica connections made within
/// the interval, less those a partial resync explains and the snapshot clients still
/// listed (INFO replication shows them at port 0); at least the failed partial resyncs.
/// Without CLIENT LIST (an ACL) every full sync counts as a replica's.
fn replica_resyncs(n: &NodeInput, full: f64, secs: f64, partial_ok: f64, partial_err: f64) -> f64 {
    let Some(clients) = &n.facts.buffers else {
        return full;
    };
    let recent = clients
        .iter()
        .filter(|c| c.class == "replica" && (c.age as f64) <= secs.ceil())
        .count() as f64;
    let snapshots_listed = n
        .info()
        .indexed("slave")
        .iter()
        .filter(|(_, r)| r.get("port").is_some_and(|p| p == "0"))
        .count() as f64;
    let reconnected = (recent - snapshots_listed - partial_ok).max(0.0);
    reconnected.max(partial_err).min(full)
}

#[cfg(test)]
mod tests {
    use super::super::probe::Facts;
    use super::super::types::Thresholds;
    use super::*;

    fn sample(at: f64, ev: f64) -> Sample {
        Sample {
            at,
            run_id: "r".into(),
            uptime: at,
            counters: [
                ("evicted_keys".to_string(), ev),
                ("sync_full".to_string(), 1.0),
            ]
            .into(),
            events: Default::default(),
        }
    }

    #[test]
    fn eviction_rate_over_the_interval() {
        let t = Thresholds::default();
        let facts = Facts {
            sample: Some(sample(110.0, 60.0)),
            prev: Some(sample(100.0, 10.0)),
            ..Facts::default()
        };
        let n = NodeInput {
            facts: &facts,
            t: &t,
            now: 0,
        };
        let c = evictions(&n).unwrap();
        assert_eq!(c.status, Status::Warning, "{c:?}");
        assert_eq!(sig3(36.624), 36.6);
        assert_eq!(sig3(101.753), 102.0);
        assert_eq!(sig3(0.012345), 0.0123);
        assert_eq!(c.value, serde_json::json!(5.0));
        assert_eq!(c.message, "5/s: 50 keys evicted in 10s");
        let f = full_syncs(&n).unwrap();
        assert_eq!(f.status, Status::Ok);
        assert_eq!(f.message, "0 replica full resyncs in 10s");
        let first = Facts {
            prev: None,
            ..facts.clone()
        };
        let c = evictions(&NodeInput {
            facts: &first,
            t: &t,
            now: 0,
        })
        .unwrap();
        assert_eq!(c.status, Status::Ok);
        assert!(c.message.starts_with("no previous sample"), "{c:?}");
    }

    #[test]
    fn a_client_snapshot_is_not_a_replica_resync() {
        use super::super::probe::ClientBuffer;
        let t = Thresholds::default();
        let with = |at: f64, full: f64, ok: f64| Sample {
            counters: [
                ("sync_full".to_string(), full),
                ("sync_partial_ok".to_string(), ok),
            ]
            .into(),
            ..sample(at, 0.0)
        };
        let replica = |age: u64| ClientBuffer {
            class: "replica",
            addr: "127.0.0.1:5000".into(),
            name: String::new(),
            omem: 0,
            age,
        };
        let judged = |buffers: Vec<ClientBuffer>, ok: f64| {
            let facts = Facts {
                sample: Some(with(110.0, 2.0, ok)),
                prev: Some(with(100.0, 1.0, 0.0)),
                buffers: Some(buffers),
                ..Facts::default()
            };
            full_syncs(&NodeInput {
                facts: &facts,
                t: &t,
                now: 0,
            })
            .unwrap()
        };
        // The replica has been connected for an hour: the full sync was a client's snapshot.
        let c = judged(vec![replica(3600)], 0.0);
        assert_eq!(c.status, Status::Ok, "{c:?}");
        assert_eq!(
            c.message,
            "0 replica full resyncs in 10s; 1 snapshot taken by a client (redis-cli --rdb or similar), not a replica"
        );
        // A replica connected 3 s ago, with no partial resync to explain it: a real resync.
        let c = judged(vec![replica(3)], 0.0);
        assert_eq!(c.status, Status::Critical, "{c:?}");
        assert!(
            c.message
                .starts_with("1 replica full resync in 10s: a replica copied")
        );
        // It reconnected by a partial resync: the full sync was someone else's snapshot.
        assert_eq!(judged(vec![replica(3)], 1.0).status, Status::Ok);
    }
}
