//! The rate checks: what a node's lifetime counters did since the previous sample (the state
//! file, the first sample of `--interval`, or the previous `--watch` round). Without one, or
//! after a restart, they say so and are OK.

use super::judge::{NodeInput, judge_ranges, text};
use super::report::{Check, Metric, Status, Unit};
use super::state::{Baseline, Sample};
use super::types::{CheckKind, Range, count, num, ranges};
use crate::duration;

/// The interval's baseline of a node: None when INFO gave no sample.
pub fn baseline<'a>(n: &'a NodeInput) -> Option<(&'a Sample, Baseline<'a>)> {
    let now = n.facts.sample.as_ref()?;
    Some((now, Baseline::of(n.facts.prev.as_ref(), now)))
}

/// A rate check's verdict without an interval to judge.
fn no_interval(kind: CheckKind, b: &Baseline) -> Option<Check> {
    let msg = match b {
        Baseline::None => "no previous sample (this run's counters are kept for the next)".into(),
        Baseline::Restarted(why) => {
            format!("restarted since the previous sample ({why}): counting starts over")
        }
        Baseline::Since(..) => return None,
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
}

fn per_second(
    n: &NodeInput,
    p: PerSecond,
    warn: &Option<Range>,
    crit: &Option<Range>,
) -> Option<Check> {
    let (now, b) = baseline(n)?;
    let threshold = ranges(warn, crit, "/s");
    if let Some(c) = no_interval(p.kind, &b) {
        return Some(c.threshold(threshold));
    }
    let (d, secs) = b.increase(now, p.counter)?;
    let rate = d / secs;
    let rounded = sig3(rate);
    let status = judge_ranges(rate, warn, crit);
    Some(
        Check::new(p.kind, status, rounded)
            .unit(Unit::PerSecond)
            .message(format!(
                "{}/s: {} in {}",
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
            help: "Error replies per second since the previous sample",
        },
        &t.warn_error_replies,
        &t.crit_error_replies,
    )
}

/// Full resyncs a master served since the previous sample: each one copied the whole dataset
/// to a replica (its backlog did not cover the replica's absence).
pub fn full_syncs(n: &NodeInput) -> Option<Check> {
    let t = n.t;
    let (now, b) = baseline(n)?;
    let threshold = ranges(&t.warn_full_syncs, &t.crit_full_syncs, "");
    if let Some(c) = no_interval(CheckKind::FullSyncs, &b) {
        return Some(c.threshold(threshold));
    }
    let (d, secs) = b.increase(now, "sync_full")?;
    let status = judge_ranges(d, &t.warn_full_syncs, &t.crit_full_syncs);
    let mut c = Check::new(CheckKind::FullSyncs, status, d)
        .message(format!(
            "{} in {}",
            count(d, "full resync", "full resyncs"),
            interval_text(secs)
        ))
        .threshold(threshold)
        .metric(
            Metric::new(
                "sync_full_increase",
                d,
                "Full resyncs served since the previous sample",
            )
            .perf("", text(&t.warn_full_syncs), text(&t.crit_full_syncs)),
        );
    if status != Status::Ok {
        c.message = format!(
            "{}: a replica copied the whole dataset (the backlog did not cover its absence)",
            c.message
        );
    }
    Some(c)
}

/// The keyspace hit ratio over the interval, in percent: None without lookups in it.
pub fn interval_hit_ratio(n: &NodeInput) -> Option<(f64, f64, f64, f64)> {
    let (now, b) = baseline(n)?;
    let (hits, secs) = b.increase(now, "keyspace_hits")?;
    let (misses, _) = b.increase(now, "keyspace_misses")?;
    (hits + misses > 0.0).then(|| (hits * 100.0 / (hits + misses), hits, misses, secs))
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
        assert_eq!(f.message, "0 full resyncs in 10s");
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
}
