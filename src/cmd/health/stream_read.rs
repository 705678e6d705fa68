//! Reading the stream checks' facts from each master: per named stream its length and last
//! entry; per consumer group its lag, pending entries, the idle time of the oldest pending
//! entry and its consumers; and the job streams (`job_events:*`) counted by state, the stuck
//! ones named. Replies are decoded by `redis::streams`; `streams.rs` judges what is read here.

use std::time::Duration;

use redis::Value;

use super::stream_facts::{
    ConsumerState, GroupState, JobCounts, MAX_STREAMS, StreamFacts, StreamState,
};
use crate::ops::jobs::JobState;
use crate::ops::scan::{KeyType, collect_typed};
use crate::output::escape::escape_bytes;
use crate::redis::streams::{self as decode, ConsumerInfo, StreamInfo};
use crate::redis::{ConnError, Node, slot};

/// Job streams read per pipelined batch.
const JOB_BATCH: usize = 500;

/// What to read on each master.
#[derive(Debug, Clone, Default)]
pub struct StreamPlan {
    /// Keys or glob patterns of streams whose groups are checked, as bytes (a key need not be
    /// UTF-8); None: not checked.
    pub streams: Option<Vec<Vec<u8>>>,
    /// The job streams' pattern; None: jobs not checked.
    pub jobs: Option<String>,
    /// In a cluster, the slot ranges this node serves (exact keys are read where they live).
    pub slots: Option<Vec<(u16, u16)>>,
}

fn is_pattern(s: &[u8]) -> bool {
    s.iter().any(|c| matches!(c, b'*' | b'?' | b'['))
}

/// A reply that did not decode, as the text the facts keep.
fn bad(e: decode::DecodeError) -> String {
    e.to_string()
}

fn conn(e: ConnError) -> String {
    e.to_string()
}

fn count(v: Option<i64>) -> u64 {
    v.and_then(|n| u64::try_from(n).ok()).unwrap_or(0)
}

/// Reads one stream: XINFO STREAM, XINFO GROUPS, and per group the oldest pending entry and
/// the consumers.
async fn read_stream(
    node: &Node,
    key: &[u8],
    cluster: bool,
    now_ms: u64,
) -> Result<StreamState, String> {
    let mut n = node.clone();
    let kind: String = n.query(redis::cmd("TYPE").arg(key)).await.map_err(conn)?;
    let mut s = StreamState {
        key: escape_bytes(key),
        exists: kind == "stream",
        length: 0,
        first_id: None,
        last_id: None,
        groups: Vec::new(),
        dead_letters: 0,
    };
    if !s.exists {
        return Ok(s);
    }
    let (mut a, mut b) = (node.clone(), node.clone());
    let info_cmd = redis::cmd("XINFO").arg("STREAM").arg(key).to_owned();
    let groups_cmd = redis::cmd("XINFO").arg("GROUPS").arg(key).to_owned();
    let (info, groups) = futures::join!(a.query::<Value>(&info_cmd), b.query::<Value>(&groups_cmd));
    let info = StreamInfo::decode(info.map_err(conn)?).map_err(bad)?;
    s.length = count(info.length);
    s.first_id = info.first_id;
    s.last_id = info.last_id;
    let last_generated = info.last_generated_id;
    let groups = decode::groups(groups.map_err(conn)?).map_err(bad)?;
    // The dead letters `stream dlq` keeps beside the stream (same slot: this node).
    if let Some(dlq) = decode::dead_letter_key(key, cluster) {
        let mut d = node.clone();
        let n: Value = d.query(redis::cmd("XLEN").arg(&dlq)).await.map_err(conn)?;
        s.dead_letters = decode::uint_of(&n).unwrap_or(0);
    }
    let reads = groups.into_iter().map(|g| {
        let node = node.clone();
        let key = key.to_vec();
        let last_generated = last_generated.clone();
        async move {
            let last_delivered_id = g.last_delivered_id.unwrap_or_default();
            // Redis 7 says the lag; nil when it cannot tell. Caught up is lag 0 on any version.
            let lag = g.lag.and_then(|n| u64::try_from(n).ok()).or_else(|| {
                (last_generated.as_deref() == Some(last_delivered_id.as_str())).then_some(0)
            });
            let (mut a, mut b) = (node.clone(), node.clone());
            let oldest_cmd = redis::cmd("XPENDING")
                .arg(&key)
                .arg(&g.name)
                .arg("-")
                .arg("+")
                .arg(1)
                .to_owned();
            let consumers_cmd = redis::cmd("XINFO")
                .arg("CONSUMERS")
                .arg(&key)
                .arg(&g.name)
                .to_owned();
            let mut c = node.clone();
            let next_cmd = decode::first_after_cmd(&key, &last_delivered_id);
            let (oldest, consumers, next) = futures::join!(
                a.query::<Value>(&oldest_cmd),
                b.query::<Value>(&consumers_cmd),
                c.query::<Value>(&next_cmd)
            );
            let oldest = decode::pending_entries(oldest.map_err(conn)?).map_err(bad)?;
            let oldest_pending_age_ms = oldest.first().and_then(|e| decode::age_ms(now_ms, &e.id));
            // Lag in time: the age of the first entry after the last-delivered id (0 when
            // there is none: caught up).
            let lag_ms = match decode::entries(next.map_err(conn)?).map_err(bad)?.first() {
                Some(e) => decode::age_ms(now_ms, &String::from_utf8_lossy(&e.id)),
                None => Some(0),
            };
            let oldest_pending_idle_ms = oldest
                .first()
                .and_then(|e| e.idle_ms)
                .and_then(|n| u64::try_from(n).ok());
            let consumers = decode::consumers(consumers.map_err(conn)?)
                .map_err(bad)?
                .into_iter()
                .map(|c: ConsumerInfo| ConsumerState {
                    name: escape_bytes(&c.name),
                    pending: count(c.pending),
                    idle_ms: count(c.idle_ms),
                })
                .collect();
            Ok::<_, String>(GroupState {
                name: escape_bytes(&g.name),
                lag,
                pending: count(g.pending),
                oldest_pending_idle_ms,
                last_delivered_id,
                consumers,
                lag_ms,
                oldest_pending_age_ms,
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
) -> Result<JobCounts, String> {
    let (keys, _) = collect_typed(node, pattern.as_bytes(), KeyType::Stream, usize::MAX)
        .await
        .map_err(conn)?;
    let mut c = JobCounts::default();
    for batch in keys.chunks(JOB_BATCH) {
        let mut p = redis::pipe();
        for k in batch {
            if k.ends_with(b":dlq") {
                p.cmd("XLEN").arg(k);
            } else {
                p.add_command(decode::last_entry_cmd(k));
            }
        }
        let replies: Vec<Value> = node.pipe(&p).await.map_err(conn)?;
        for (k, r) in batch.iter().zip(replies) {
            // A dead-letter stream (`stream dlq`) is not a job: its entries are counted.
            if k.ends_with(b":dlq") {
                c.dead_letters += decode::uint_of(&r).unwrap_or(0);
                continue;
            }
            // A key replaced by another type since the scan answers with something else.
            let Ok(entries) = decode::entries(r) else {
                continue;
            };
            let Some(last) = entries.first() else {
                continue;
            };
            let age = decode::id_ms(&String::from_utf8_lossy(&last.id))
                .map(|ms| now_ms.saturating_sub(ms))
                .unwrap_or(0);
            match crate::ops::jobs::job_state(last.field("event_type"), age, stuck_after) {
                JobState::Completed => c.completed += 1,
                JobState::Failed => c.failed += 1,
                JobState::Stuck => {
                    c.stuck_count += 1;
                    c.stuck.push((escape_bytes(k), age));
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
        let here = |k: &[u8]| {
            plan.slots.as_ref().is_none_or(|ranges| {
                let s = slot(k);
                ranges.iter().any(|(a, b)| (*a..=*b).contains(&s))
            })
        };
        let mut keys: Vec<Vec<u8>> = names
            .iter()
            .filter(|k| !is_pattern(k) && here(k))
            .cloned()
            .collect();
        let mut err = None;
        for p in names.iter().filter(|k| is_pattern(k)) {
            match collect_typed(node, p, KeyType::Stream, MAX_STREAMS).await {
                Ok((found, cut)) => {
                    facts.truncated |= cut;
                    if found.is_empty() && plan.slots.is_none() {
                        facts.unmatched.push(escape_bytes(p));
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
            None => futures::future::join_all(
                keys.iter()
                    .map(|k| read_stream(node, k, plan.slots.is_some(), now_ms)),
            )
            .await
            .into_iter()
            .collect::<Result<Vec<_>, _>>(),
        });
    }
    if let Some(pattern) = &plan.jobs {
        facts.jobs = Some(read_jobs(node, pattern, stuck_after, now_ms).await);
    }
    facts
}
