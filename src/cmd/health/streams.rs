//! Stream checks, read from each master: per named stream its length and the age of its last
//! entry; per consumer group its lag (entries not yet delivered), pending entries, the idle
//! time of the oldest pending entry and its consumers' idle times; and the job streams
//! (`job_events:*`) counted by state, with the stuck ones (no `task_completed` or
//! `task_failed`, last event older than `stuck_after`) named. Metric names follow
//! redis_exporter's stream metrics under the `redkit_` prefix.

use std::collections::HashMap;
use std::time::Duration;

use redis::Value;

use super::judge::{NodeInput, judge_duration, judge_ranges, text};
use super::report::{Check, CheckKind, Metric, Status, Unit};
pub use super::stream_facts::{ConsumerState, GroupState, JobCounts, StreamFacts, StreamState};
use super::types::{durations, num, ranges};
use crate::duration;
use crate::ops::jobs::JobState;
use crate::redis::{ConnError, Node};

/// The stream checks judge a node's facts like every node check.
pub type StreamInput<'a> = NodeInput<'a>;

/// At most this many streams are checked per node (a pattern may match many).
pub const MAX_STREAMS: usize = 1000;

/// Job streams read per pipelined batch.
const JOB_BATCH: usize = 500;

/// What to read on each master.
#[derive(Debug, Clone, Default)]
pub struct StreamPlan {
    /// Keys or glob patterns of streams whose groups are checked; None: not checked.
    pub streams: Option<Vec<String>>,
    /// The job streams' pattern; None: jobs not checked.
    pub jobs: Option<String>,
    /// In a cluster, the slot ranges this node serves (exact keys are read where they live).
    pub slots: Option<Vec<(u16, u16)>>,
}

/// One consumer of a group.
/// The milliseconds part of a stream id.
pub fn id_ms(id: &str) -> Option<u64> {
    id.split('-').next()?.parse().ok()
}

fn bytes_of(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::BulkString(b) => Some(b.clone()),
        Value::SimpleString(s) | Value::VerbatimString { text: s, .. } => {
            Some(s.as_bytes().to_vec())
        }
        Value::Int(n) => Some(n.to_string().into_bytes()),
        _ => None,
    }
}

fn text_of(v: &Value) -> Option<String> {
    bytes_of(v).map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// A name from Redis as people read it: UTF-8 as is; other bytes and control characters
/// escaped (`\xff`, `\x1b`), so a name cannot drive the terminal.
pub fn show(name: &[u8]) -> String {
    match std::str::from_utf8(name) {
        Ok(s) if !s.chars().any(char::is_control) => s.to_string(),
        _ => name.escape_ascii().to_string(),
    }
}

fn int_of(v: &Value) -> Option<u64> {
    match v {
        Value::Int(n) => u64::try_from(*n).ok(),
        other => text_of(other)?.parse().ok(),
    }
}

/// A reply of name/value pairs (RESP2 flat array or RESP3 map).
fn pairs(v: &Value) -> HashMap<String, &Value> {
    match v {
        Value::Array(items) => items
            .chunks(2)
            .filter(|p| p.len() == 2)
            .filter_map(|p| Some((text_of(&p[0])?, &p[1])))
            .collect(),
        Value::Map(m) => m
            .iter()
            .filter_map(|(k, v)| Some((text_of(k)?, v)))
            .collect(),
        _ => HashMap::new(),
    }
}

/// The id of an entry reply `[id, [field, value, ...]]`.
fn entry_id(v: &Value) -> Option<String> {
    match v {
        Value::Array(e) => text_of(e.first()?),
        _ => None,
    }
}

/// A field of an entry reply.
fn entry_field(v: &Value, name: &str) -> Option<String> {
    let Value::Array(e) = v else { return None };
    let Value::Array(fields) = e.get(1)? else {
        return None;
    };
    fields
        .chunks(2)
        .find(|p| p.len() == 2 && text_of(&p[0]).as_deref() == Some(name))
        .and_then(|p| text_of(&p[1]))
}

/// The cluster hash slot of a key (CRC16/XMODEM of the key or its `{hash tag}`).
pub fn key_slot(key: &[u8]) -> u16 {
    let tagged = key
        .iter()
        .position(|b| *b == b'{')
        .and_then(|open| {
            let rest = &key[open + 1..];
            let close = rest.iter().position(|b| *b == b'}')?;
            (close > 0).then(|| &rest[..close])
        })
        .unwrap_or(key);
    let mut crc: u16 = 0;
    for b in tagged {
        crc ^= u16::from(*b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc % 16384
}

fn is_pattern(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Every stream key matching `pattern` on this node, up to `limit` (the shared SCAN).
async fn scan(
    node: &mut Node,
    pattern: &str,
    limit: usize,
) -> Result<(Vec<Vec<u8>>, bool), ConnError> {
    use crate::ops::scan::{Filters, KeyType, Scan};
    let filters = Filters {
        key_type: Some(KeyType::Stream),
        ..Filters::default()
    };
    let mut scan = Scan::new(node.clone(), pattern, 1000, filters);
    let mut out = Vec::new();
    while let Some(keys) = scan.next_batch().await? {
        for k in keys {
            if out.len() >= limit {
                return Ok((out, true));
            }
            out.push(k);
        }
    }
    // SCAN may return a key twice.
    out.sort();
    out.dedup();
    Ok((out, false))
}

/// Reads one stream: XINFO STREAM, XINFO GROUPS, and per group the oldest pending entry and
/// the consumers.
async fn read_stream(node: &Node, key: &[u8]) -> Result<StreamState, ConnError> {
    let mut n = node.clone();
    let kind: String = n.query(redis::cmd("TYPE").arg(key)).await?;
    let mut s = StreamState {
        key: show(key),
        exists: kind == "stream",
        length: 0,
        first_id: None,
        last_id: None,
        groups: Vec::new(),
    };
    if !s.exists {
        return Ok(s);
    }
    let (mut a, mut b) = (node.clone(), node.clone());
    let info_cmd = redis::cmd("XINFO").arg("STREAM").arg(key).to_owned();
    let groups_cmd = redis::cmd("XINFO").arg("GROUPS").arg(key).to_owned();
    let (info, groups) = futures::join!(
        a.query::<Value>(&info_cmd),
        b.query::<Vec<Value>>(&groups_cmd)
    );
    let info = info?;
    let info = pairs(&info);
    s.length = info.get("length").and_then(|v| int_of(v)).unwrap_or(0);
    s.first_id = info.get("first-entry").and_then(|v| entry_id(v));
    s.last_id = info.get("last-entry").and_then(|v| entry_id(v));
    let last_generated = info.get("last-generated-id").and_then(|v| text_of(v));
    let reads = groups?.into_iter().map(|g| {
        let node = node.clone();
        let key = key.to_vec();
        let last_generated = last_generated.clone();
        async move {
            let g = pairs(&g);
            let raw_name = g.get("name").and_then(|v| bytes_of(v)).unwrap_or_default();
            let pending = g.get("pending").and_then(|v| int_of(v)).unwrap_or(0);
            let last_delivered_id = g
                .get("last-delivered-id")
                .and_then(|v| text_of(v))
                .unwrap_or_default();
            // Redis 7 says the lag; nil when it cannot tell. Caught up is lag 0 on any version.
            let lag = g.get("lag").and_then(|v| int_of(v)).or_else(|| {
                (last_generated.as_deref() == Some(last_delivered_id.as_str())).then_some(0)
            });
            let (mut a, mut b) = (node.clone(), node.clone());
            let oldest_cmd = redis::cmd("XPENDING")
                .arg(&key)
                .arg(&raw_name)
                .arg("-")
                .arg("+")
                .arg(1)
                .to_owned();
            let consumers_cmd = redis::cmd("XINFO")
                .arg("CONSUMERS")
                .arg(&key)
                .arg(&raw_name)
                .to_owned();
            let (oldest, consumers) = futures::join!(
                a.query::<Vec<Value>>(&oldest_cmd),
                b.query::<Vec<Value>>(&consumers_cmd)
            );
            // [[id, consumer, idle ms, deliveries]]
            let oldest_pending_idle_ms = match oldest?.first() {
                Some(Value::Array(e)) => e.get(2).and_then(int_of),
                _ => None,
            };
            let consumers = consumers?
                .iter()
                .map(|c| {
                    let c = pairs(c);
                    ConsumerState {
                        name: show(&c.get("name").and_then(|v| bytes_of(v)).unwrap_or_default()),
                        pending: c.get("pending").and_then(|v| int_of(v)).unwrap_or(0),
                        idle_ms: c.get("idle").and_then(|v| int_of(v)).unwrap_or(0),
                    }
                })
                .collect();
            Ok::<_, ConnError>(GroupState {
                name: show(&raw_name),
                lag,
                pending,
                oldest_pending_idle_ms,
                last_delivered_id,
                consumers,
            })
        }
    });
    for g in futures::future::join_all(reads).await {
        s.groups.push(g?);
    }
    s.groups.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(s)
}

/// Counts the job streams matching `pattern` by state from their last entry.
async fn read_jobs(
    node: &mut Node,
    pattern: &str,
    stuck_after: Option<Duration>,
    now_ms: u64,
) -> Result<JobCounts, ConnError> {
    let (keys, _) = scan(node, pattern, usize::MAX).await?;
    let mut c = JobCounts::default();
    for batch in keys.chunks(JOB_BATCH) {
        let mut p = redis::pipe();
        for k in batch {
            p.cmd("XREVRANGE")
                .arg(k)
                .arg("+")
                .arg("-")
                .arg("COUNT")
                .arg(1);
        }
        let replies: Vec<Value> = node.pipe(&p).await?;
        for (k, r) in batch.iter().zip(&replies) {
            let Value::Array(entries) = r else { continue };
            let Some(last) = entries.first() else {
                continue;
            };
            let age = entry_id(last)
                .and_then(|id| id_ms(&id))
                .map(|ms| now_ms.saturating_sub(ms))
                .unwrap_or(0);
            let kind = entry_field(last, "event_type");
            match crate::ops::jobs::job_state(kind.as_deref().map(str::as_bytes), age, stuck_after)
            {
                JobState::Completed => c.completed += 1,
                JobState::Failed => c.failed += 1,
                JobState::Stuck => {
                    c.stuck_count += 1;
                    c.stuck.push((show(k), age));
                }
                JobState::Running => c.running += 1,
            }
        }
    }
    c.stuck
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    c.stuck.truncate(5);
    Ok(c)
}

/// Reads what the plan asks for on one master. Errors are kept per part.
pub async fn read(
    node: &mut Node,
    plan: &StreamPlan,
    stuck_after: Option<Duration>,
) -> StreamFacts {
    let now_ms = chrono::Utc::now().timestamp_millis().max(0) as u64;
    let mut facts = StreamFacts {
        now_ms,
        ..StreamFacts::default()
    };
    if let Some(names) = &plan.streams {
        let here = |k: &str| {
            plan.slots.as_ref().is_none_or(|ranges| {
                let s = key_slot(k.as_bytes());
                ranges.iter().any(|(a, b)| (*a..=*b).contains(&s))
            })
        };
        let mut keys: Vec<Vec<u8>> = names
            .iter()
            .filter(|k| !is_pattern(k) && here(k))
            .map(|k| k.as_bytes().to_vec())
            .collect();
        let mut err = None;
        for p in names.iter().filter(|k| is_pattern(k)) {
            match scan(node, p, MAX_STREAMS).await {
                Ok((found, cut)) => {
                    facts.truncated |= cut;
                    if found.is_empty() && plan.slots.is_none() {
                        facts.unmatched.push(p.clone());
                    }
                    keys.extend(found);
                }
                Err(e) => err = Some(e.to_string()),
            }
        }
        keys.sort();
        keys.dedup();
        if keys.len() > MAX_STREAMS {
            keys.truncate(MAX_STREAMS);
            facts.truncated = true;
        }
        facts.streams = Some(match err {
            Some(e) => Err(e),
            None => futures::future::join_all(keys.iter().map(|k| read_stream(node, k)))
                .await
                .into_iter()
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string()),
        });
    }
    if let Some(pattern) = &plan.jobs {
        facts.jobs = Some(
            read_jobs(node, pattern, stuck_after, now_ms)
                .await
                .map_err(|e| e.to_string()),
        );
    }
    facts
}

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
            "{} {}, {} group(s), last entry {}",
            s.length,
            if s.length == 1 { "entry" } else { "entries" },
            s.groups.len(),
            age_ms.map_or("none".to_string(), |a| format!("{} ago", ago(a)))
        ))
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
    let label = |m: Metric| m.label("stream", &s.key).label("group", &g.name);
    let lag_text = g.lag.map_or("unknown".to_string(), |l| l.to_string());
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
        "lag {lag_text}, {} pending{oldest}, {} consumer(s)",
        g.pending,
        g.consumers.len()
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
        .unit(Unit::Jobs)
        .threshold(
            ranges(&t.warn_stuck_jobs, &t.crit_stuck_jobs, " stuck").map(|r| match t.stuck_after {
                Some(d) => format!("{r} (stuck after {})", duration::format(d)),
                None => r,
            }),
        )
        .message(format!(
            "{total} jobs: {} running, {} completed, {} failed, {} stuck",
            j.running, j.completed, j.failed, j.stuck_count
        ))
        .metric(state("running", j.running))
        .metric(state("completed", j.completed))
        .metric(state("failed", j.failed))
        .metric(state("stuck", j.stuck_count))
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
            format!(" (+{more} more)")
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

    #[test]
    fn slots_match_redis() {
        // Values from CLUSTER KEYSLOT.
        assert_eq!(key_slot(b"foo"), 12182);
        assert_eq!(key_slot(b"{user1000}.following"), key_slot(b"user1000"));
        assert_eq!(key_slot(b"job_events:1"), 9487);
        assert_eq!(key_slot(b"{}x"), 10595, "an empty tag hashes the whole key");
    }

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
            }],
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
    fn jobs_counted_and_stuck_named() {
        let t = Thresholds::default();
        let j = JobCounts {
            running: 2,
            completed: 3,
            failed: 1,
            stuck: vec![("job_events:7".into(), 3_600_000)],
            stuck_count: 1,
        };
        let c = run(&facts(vec![], Some(j)), &t, judge_jobs);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].status, Status::Warning);
        assert!(
            c[0].message.contains("job_events:7 (last event 1h ago)"),
            "{}",
            c[0].message
        );
        let none = run(&facts(vec![], Some(JobCounts::default())), &t, judge_jobs);
        assert_eq!(none[0].status, Status::Ok);
        assert!(run(&Facts::default(), &t, judge_jobs).is_empty());
    }

    #[test]
    fn entry_fields() {
        let e = Value::Array(vec![
            Value::BulkString(b"5-1".to_vec()),
            Value::Array(vec![
                Value::BulkString(b"data".to_vec()),
                Value::BulkString(b"{}".to_vec()),
                Value::BulkString(b"event_type".to_vec()),
                Value::BulkString(b"task_failed".to_vec()),
            ]),
        ]);
        assert_eq!(entry_id(&e).as_deref(), Some("5-1"));
        assert_eq!(
            entry_field(&e, "event_type").as_deref(),
            Some("task_failed")
        );
        assert_eq!(id_ms("1700000000000-3"), Some(1_700_000_000_000));
        assert_eq!(show(b"orders"), "orders");
        assert_eq!(show(b"\x1b]0;pwned\x07"), "\\x1b]0;pwned\\x07");
        assert_eq!(show(b"a\xffb"), "a\\xffb");
    }
}
