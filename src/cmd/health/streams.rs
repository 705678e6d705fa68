//! The stream checks, judged from what `stream_read.rs` read: per named stream its length and
//! the age of its last entry; per consumer group its lag (entries not yet delivered), pending
//! entries, the idle time of the oldest pending entry and its consumers' idle times; and the
//! job streams counted by state, with the stuck ones (no `task_completed` or `task_failed`,
//! last event older than `stuck_after`) named. Metric names follow redis_exporter's stream
//! metrics under the `redkit_` prefix.

use std::time::Duration;

use super::judge::{NodeInput, judge_duration, judge_ranges, text};
use super::report::{Check, CheckKind, Metric, Status, Unit};
pub use super::stream_facts::{
    ConsumerState, GroupState, JobCounts, MAX_STREAMS, StreamFacts, StreamState,
};
use super::types::{durations, num, ranges};
use crate::duration;
use crate::output::number::{plural, plural_with};
use crate::redis::streams::id_ms;

/// The stream checks judge a node's facts like every node check.
pub type StreamInput<'a> = NodeInput<'a>;

fn secs(ms: u64) -> f64 {
    ms as f64 / 1000.0
}

fn ago(ms: u64) -> String {
    duration::format(Duration::from_millis(ms))
}

/// One check per stream (length, last entry's age) and one per group (lag, pending, oldest
/// pending idle, consumers idle).
pub fn judge_streams(n: &StreamInput) -> Vec<Check> {
    let Some(sf) = &n.facts.streams else {
        return Vec::new();
    };
    let Some(read) = &sf.streams else {
        return Vec::new();
    };
    let t = n.t;
    let streams = match read {
        Err(e) => {
            return vec![
                Check::new(CheckKind::Streams, Status::Unknown, serde_json::Value::Null)
                    .message(format!("cannot read the streams: {e}")),
            ];
        }
        Ok(s) => s,
    };
    let mut out = Vec::new();
    // A pattern that matches nothing is as worrying as a named stream that is missing.
    for p in &sf.unmatched {
        out.push(
            Check::new(CheckKind::Streams, Status::Warning, serde_json::Value::Null)
                .subject(p)
                .message("no stream matches"),
        );
    }
    if sf.truncated {
        out.push(
            Check::new(CheckKind::Streams, Status::Ok, MAX_STREAMS)
                .unit(Unit::Entries)
                .message(format!(
                    "only the first {MAX_STREAMS} matching streams are checked"
                )),
        );
    }
    for s in streams {
        out.push(stream_check(s, sf.now_ms, t));
        for g in &s.groups {
            out.push(group_check(s, g, t));
        }
    }
    out
}

fn stream_check(s: &StreamState, now_ms: u64, t: &super::types::Thresholds) -> Check {
    if !s.exists {
        return Check::new(CheckKind::Streams, Status::Warning, serde_json::Value::Null)
            .subject(&s.key)
            .message("no such stream");
    }
    let age_ms = s
        .last_id
        .as_deref()
        .and_then(id_ms)
        .map(|ms| now_ms.saturating_sub(ms));
    let mut c = Check::new(CheckKind::Streams, Status::Ok, s.length)
        .subject(&s.key)
        .unit(Unit::Entries)
        .threshold(durations(t.warn_stream_age, t.crit_stream_age).map(|d| format!("age {d}")))
        .message(format!(
            "{}, {}, last entry {}{}",
            plural_with(s.length, "entry", "entries"),
            plural(s.groups.len() as u64, "group"),
            age_ms.map_or("none".to_string(), |a| format!("{} ago", ago(a))),
            if s.dead_letters > 0 {
                format!(", {}", plural(s.dead_letters, "dead letter"))
            } else {
                String::new()
            }
        ))
        .metric(
            Metric::new(
                "stream_dead_letters",
                s.dead_letters as f64,
                "Entries in the stream's dead-letter stream (stream dlq)",
            )
            .label("stream", &s.key),
        )
        .metric(
            Metric::new("stream_length", s.length as f64, "Entries in the stream")
                .label("stream", &s.key),
        )
        .metric(
            Metric::new(
                "stream_groups",
                s.groups.len() as f64,
                "Consumer groups of the stream",
            )
            .label("stream", &s.key),
        );
    if let Some(id) = s.first_id.as_deref().and_then(id_ms) {
        c = c.metric(
            Metric::new(
                "stream_first_entry_id",
                id as f64,
                "Time part (ms) of the stream's first entry id",
            )
            .label("stream", &s.key),
        );
    }
    if let Some(id) = s.last_id.as_deref().and_then(id_ms) {
        c = c.metric(
            Metric::new(
                "stream_last_entry_id",
                id as f64,
                "Time part (ms) of the stream's last entry id",
            )
            .label("stream", &s.key),
        );
    }
    if let Some(age) = age_ms {
        c = c.metric(
            Metric::new(
                "stream_last_entry_age_seconds",
                secs(age),
                "Seconds since the stream's last entry was added",
            )
            .label("stream", &s.key)
            .perf(
                "s",
                t.warn_stream_age.map(|d| num(d.as_secs_f64())),
                t.crit_stream_age.map(|d| num(d.as_secs_f64())),
            ),
        );
        let st = judge_duration(
            Duration::from_millis(age),
            t.warn_stream_age,
            t.crit_stream_age,
        );
        if st != Status::Ok {
            c.raise(st, "last entry is old");
        }
    }
    c
}

fn group_check(s: &StreamState, g: &GroupState, t: &super::types::Thresholds) -> Check {
    let subject = format!("{}/{}", s.key, g.name);
    let mut thresholds = Vec::new();
    if let Some(r) = ranges(&t.warn_stream_lag, &t.crit_stream_lag, "") {
        thresholds.push(format!("lag {r}"));
    }
    if let Some(r) = ranges(&t.warn_stream_pending, &t.crit_stream_pending, "") {
        thresholds.push(format!("pending {r}"));
    }
    if let Some(r) = durations(t.warn_stream_idle, t.crit_stream_idle) {
        thresholds.push(format!("idle {r}"));
    }
    if let Some(d) = t.warn_consumer_idle {
        thresholds.push(format!("consumer idle warn >{}", duration::format(d)));
    }
    if let Some(r) = durations(t.warn_group_lag, t.crit_group_lag) {
        thresholds.push(format!("lag time {r}"));
    }
    let label = |m: Metric| m.label("stream", &s.key).label("group", &g.name);
    let mut lag_text = g.lag.map_or("unknown".to_string(), |l| l.to_string());
    if let Some(ms) = g.lag_ms.filter(|ms| *ms > 0) {
        lag_text.push_str(&format!(" (oldest undelivered {} old)", ago(ms)));
    }
    let oldest = g.oldest_pending_idle_ms.map_or(String::new(), |ms| {
        format!(", oldest pending idle {}", ago(ms))
    });
    let mut c = Check::new(
        CheckKind::Streams,
        Status::Ok,
        g.lag
            .map_or(serde_json::Value::Null, |l| serde_json::json!(l)),
    )
    .subject(&subject)
    .unit(Unit::Entries)
    .threshold((!thresholds.is_empty()).then(|| thresholds.join("; ")))
    .message(format!(
        "lag {lag_text}, {} pending{oldest}, {}",
        g.pending,
        plural(g.consumers.len() as u64, "consumer")
    ))
    .metric(label(Metric::new(
        "stream_group_consumers",
        g.consumers.len() as f64,
        "Consumers of the group",
    )))
    .metric(label(
        Metric::new(
            "stream_group_messages_pending",
            g.pending as f64,
            "Entries delivered to the group and not acknowledged",
        )
        .perf(
            "",
            text(&t.warn_stream_pending),
            text(&t.crit_stream_pending),
        ),
    ));
    if let Some(id) = id_ms(&g.last_delivered_id) {
        c = c.metric(label(Metric::new(
            "stream_group_last_delivered_id",
            id as f64,
            "Time part (ms) of the last id delivered to the group",
        )));
    }
    if let Some(lag) = g.lag {
        c = c.metric(label(
            Metric::new(
                "stream_group_lag",
                lag as f64,
                "Entries of the stream not yet delivered to the group",
            )
            .perf("", text(&t.warn_stream_lag), text(&t.crit_stream_lag)),
        ));
        let st = judge_ranges(lag as f64, &t.warn_stream_lag, &t.crit_stream_lag);
        if st != Status::Ok {
            c.raise(st, &format!("lag {lag}"));
        }
    }
    if let Some(ms) = g.lag_ms {
        c = c.metric(label(
            Metric::new(
                "stream_group_lag_seconds",
                secs(ms),
                "Age of the oldest entry not yet delivered to the group (0 when caught up)",
            )
            .perf(
                "s",
                t.warn_group_lag.map(|d| num(d.as_secs_f64())),
                t.crit_group_lag.map(|d| num(d.as_secs_f64())),
            ),
        ));
        let st = judge_duration(
            Duration::from_millis(ms),
            t.warn_group_lag,
            t.crit_group_lag,
        );
        if st != Status::Ok {
            c.raise(st, &format!("lag {} behind", ago(ms)));
        }
    }
    if let Some(ms) = g.oldest_pending_age_ms {
        c = c.metric(label(Metric::new(
            "stream_group_oldest_pending_seconds",
            secs(ms),
            "Age (by its id) of the group's oldest pending entry",
        )));
    }
    let st = judge_ranges(
        g.pending as f64,
        &t.warn_stream_pending,
        &t.crit_stream_pending,
    );
    if st != Status::Ok {
        c.raise(st, &format!("{} pending", g.pending));
    }
    if let Some(ms) = g.oldest_pending_idle_ms {
        c = c.metric(label(
            Metric::new(
                "stream_group_oldest_pending_idle_seconds",
                secs(ms),
                "Seconds since the group's oldest pending entry was delivered",
            )
            .perf(
                "s",
                t.warn_stream_idle.map(|d| num(d.as_secs_f64())),
                t.crit_stream_idle.map(|d| num(d.as_secs_f64())),
            ),
        ));
        let st = judge_duration(
            Duration::from_millis(ms),
            t.warn_stream_idle,
            t.crit_stream_idle,
        );
        if st != Status::Ok {
            c.raise(st, &format!("oldest pending entry idle {}", ago(ms)));
        }
    }
    let mut idle = Vec::new();
    for con in &g.consumers {
        let l = |m: Metric| label(m).label("consumer", &con.name);
        c = c
            .metric(l(Metric::new(
                "stream_group_consumer_messages_pending",
                con.pending as f64,
                "Pending entries of each consumer",
            )))
            .metric(l(Metric::new(
                "stream_group_consumer_idle_seconds",
                secs(con.idle_ms),
                "Seconds since each consumer last read or claimed",
            )));
        // A consumer without pending entries may idle freely; one holding entries may not.
        if con.pending > 0
            && t.warn_consumer_idle
                .is_some_and(|w| Duration::from_millis(con.idle_ms) > w)
        {
            idle.push(format!(
                "{} ({} pending, idle {})",
                con.name,
                con.pending,
                ago(con.idle_ms)
            ));
        }
    }
    if !idle.is_empty() {
        c.raise(
            Status::Warning,
            &format!("idle consumers: {}", idle.join(", ")),
        );
    }
    c
}

/// One check per node: the job streams by state, WARNING/CRITICAL on the stuck count.
pub fn judge_jobs(n: &StreamInput) -> Vec<Check> {
    let Some(Some(read)) = n.facts.streams.as_ref().map(|s| &s.jobs) else {
        return Vec::new();
    };
    let t = n.t;
    let j = match read {
        Err(e) => {
            return vec![
                Check::new(CheckKind::Jobs, Status::Unknown, serde_json::Value::Null)
                    .message(format!("cannot read the job streams: {e}")),
            ];
        }
        Ok(j) => j,
    };
    let total = j.running + j.completed + j.failed + j.stuck_count;
    let state = |name: &str, v: u64| {
        Metric::new("stream_jobs", v as f64, "Job streams by state").label("state", name)
    };
    let mut c = Check::new(CheckKind::Jobs, Status::Ok, j.stuck_count)
        .unit(Unit::StuckJobs)
        .threshold(
            ranges(&t.warn_stuck_jobs, &t.crit_stuck_jobs, " stuck").map(|r| match t.stuck_after {
                Some(d) => format!("{r} (stuck after {})", duration::format(d)),
                None => r,
            }),
        )
        .message(format!(
            "{}: {} running, {} completed, {} failed, {} stuck{}",
            plural(total, "job"),
            j.running,
            j.completed,
            j.failed,
            j.stuck_count,
            if j.dead_letters > 0 {
                format!(", {}", plural(j.dead_letters, "dead letter"))
            } else {
                String::new()
            }
        ))
        .metric(state("running", j.running))
        .metric(state("completed", j.completed))
        .metric(state("failed", j.failed))
        .metric(state("stuck", j.stuck_count))
        .metric(Metric::new(
            "stream_jobs_dead_letters",
            j.dead_letters as f64,
            "Entries in the job streams' dead-letter streams (stream dlq)",
        ))
        .metric(
            Metric::new(
                "stream_jobs_stuck",
                j.stuck_count as f64,
                "Stuck job streams",
            )
            .perf("", text(&t.warn_stuck_jobs), text(&t.crit_stuck_jobs)),
        );
    let st = judge_ranges(j.stuck_count as f64, &t.warn_stuck_jobs, &t.crit_stuck_jobs);
    if st != Status::Ok {
        let named: Vec<String> = j
            .stuck
            .iter()
            .map(|(k, age)| format!("{k} (last event {} ago)", ago(*age)))
            .collect();
        let more = j.stuck_count.saturating_sub(named.len() as u64);
        let more = if more > 0 {
            format!(" (+{})", plural(more, "more stuck job"))
        } else {
            String::new()
        };
        c.raise(st, &format!("stuck: {}{more}", named.join(", ")));
    }
    vec![c]
}

#[cfg(test)]
mod tests {
    use super::super::probe::Facts;
    use super::super::types::{Range, Thresholds};
    use super::*;

    fn facts(streams: Vec<StreamState>, jobs: Option<JobCounts>) -> Facts {
        Facts {
            streams: Some(StreamFacts {
                streams: Some(Ok(streams)),
                now_ms: 10_000_000,
                jobs: jobs.map(Ok),
                truncated: false,
                unmatched: Vec::new(),
            }),
            ..Facts::default()
        }
    }

    fn group(lag: Option<u64>, pending: u64, idle: Option<u64>) -> StreamState {
        StreamState {
            key: "orders".into(),
            exists: true,
            length: 10,
            first_id: Some("9000000-0".into()),
            last_id: Some("9990000-0".into()),
            groups: vec![GroupState {
                name: "workers".into(),
                lag,
                pending,
                oldest_pending_idle_ms: idle,
                last_delivered_id: "9000000-3".into(),
                consumers: vec![ConsumerState {
                    name: "c1".into(),
                    pending,
                    idle_ms: 60_000,
                }],
                lag_ms: Some(0),
                oldest_pending_age_ms: None,
            }],
            dead_letters: 0,
        }
    }

    fn run(f: &Facts, t: &Thresholds, judge: fn(&StreamInput) -> Vec<Check>) -> Vec<Check> {
        judge(&NodeInput {
            facts: f,
            t,
            now: 0,
        })
    }

    #[test]
    fn group_thresholds() {
        let mut t = Thresholds::default();
        let f = facts(vec![group(Some(6), 4, Some(1000))], None);
        let c = run(&f, &t, judge_streams);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].subject.as_deref(), Some("orders"));
        assert_eq!(c[0].status, Status::Ok);
        assert_eq!(c[1].subject.as_deref(), Some("orders/workers"));
        assert_eq!(c[1].status, Status::Ok, "{}", c[1].message);
        assert_eq!(c[1].value, serde_json::json!(6));
        t.warn_stream_lag = Some(Range::parse("5").unwrap());
        assert_eq!(run(&f, &t, judge_streams)[1].status, Status::Warning);
        t.crit_stream_pending = Some(Range::parse("3").unwrap());
        let c = run(&f, &t, judge_streams);
        assert_eq!(c[1].status, Status::Critical);
        assert!(c[1].message.contains("4 pending"), "{}", c[1].message);
        let mut t = Thresholds {
            warn_stream_idle: Some(Duration::from_millis(500)),
            ..Thresholds::default()
        };
        assert_eq!(run(&f, &t, judge_streams)[1].status, Status::Warning);
        t.warn_consumer_idle = Some(Duration::from_secs(30));
        let c = run(&f, &t, judge_streams);
        assert!(
            c[1].message.contains("idle consumers: c1"),
            "{}",
            c[1].message
        );
        t.crit_stream_age = Some(Duration::from_secs(5));
        assert_eq!(run(&f, &t, judge_streams)[0].status, Status::Critical);
    }

    #[test]
    fn group_lag_in_seconds_has_its_threshold_and_metrics() {
        let mut s = group(Some(6), 4, Some(1000));
        s.groups[0].lag_ms = Some(45_000);
        s.groups[0].oldest_pending_age_ms = Some(90_000);
        let f = facts(vec![s], None);
        let mut t = Thresholds::default();
        let c = run(&f, &t, judge_streams);
        assert_eq!(c[1].status, Status::Ok, "{}", c[1].message);
        let m = |name: &str| {
            c[1].metrics
                .iter()
                .find(|m| m.name == name)
                .map(|m| m.value)
        };
        assert_eq!(m("stream_group_lag_seconds"), Some(45.0));
        assert_eq!(m("stream_group_oldest_pending_seconds"), Some(90.0));
        t.warn_group_lag = Some(Duration::from_secs(30));
        let c = run(&f, &t, judge_streams);
        assert_eq!(c[1].status, Status::Warning);
        assert!(c[1].message.contains("lag 45s behind"), "{}", c[1].message);
        t.crit_group_lag = Some(Duration::from_secs(40));
        assert_eq!(run(&f, &t, judge_streams)[1].status, Status::Critical);
    }

    #[test]
    fn jobs_counted_and_stuck_named() {
        let t = Thresholds::default();
        let j = JobCounts {
            running: 2,
            completed: 3,
            failed: 1,
            stuck: vec![("job_events:7".into(), 3_600_000)],
            stuck_count: 1,
            dead_letters: 0,
        };
        let c = run(&facts(vec![], Some(j)), &t, judge_jobs);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].status, Status::Warning);
        assert!(
            c[0].message.contains("job_events:7 (last event 1h ago)"),
            "{}",
            c[0].message
        );
        assert!(c[0].message.starts_with("7 jobs: "), "{}", c[0].message);
        // Named up to the ones the report kept; the rest counted as what they are.
        let one = JobCounts {
            running: 0,
            completed: 0,
            failed: 0,
            stuck: vec![("job_events:7".into(), 3_600_000)],
            stuck_count: 6,
            dead_letters: 1,
        };
        let c = run(&facts(vec![], Some(one)), &t, judge_jobs);
        let m = &c[0].message;
        assert!(m.starts_with("6 jobs: "), "{m}");
        assert!(m.contains(", 1 dead letter"), "{m}");
        assert!(m.contains("(+5 more stuck jobs)"), "{m}");
        let single = JobCounts {
            completed: 1,
            ..JobCounts::default()
        };
        let c = run(&facts(vec![], Some(single)), &t, judge_jobs);
        assert!(c[0].message.starts_with("1 job: "), "{}", c[0].message);
        let none = run(&facts(vec![], Some(JobCounts::default())), &t, judge_jobs);
        assert_eq!(none[0].status, Status::Ok);
        assert!(run(&Facts::default(), &t, judge_jobs).is_empty());
    }
}
