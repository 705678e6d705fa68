//! `-w jobs`: the job-event lifecycle of the application. Producers (the clients) XADD events
//! to `<prefix>job_events:{id}`; workers in the consumer group `bench-workers` read them with
//! XREADGROUP BLOCK and XACK them. Latency is end to end, from the XADD's send to its ack; the
//! run ends when every event sent is acked (or 5 s after the producers stopped), then the group
//! is destroyed so nothing pending is left behind, whatever --keep-keys says.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::sync::Mutex;

use super::driver::{Outcome, RunSamples, SAMPLE_MS, new_hist};
use super::keys::KeyPattern;
use crate::redis::{Auth, Endpoint, Node, slot, streams};

pub const GROUP: &str = "bench-workers";

/// What a jobs run needs to know.
pub struct JobsPlan {
    pub prefix: String,
    pub jobs: u64,
    pub pattern: KeyPattern,
    pub event_size: usize,
    pub clients: usize,
    pub requests: Option<u64>,
    pub duration: Option<Duration>,
    /// Slot → master index on a cluster (empty otherwise).
    pub slots: Vec<u8>,
    pub endpoints: Vec<Endpoint>,
    pub cluster: bool,
}

/// What the jobs run adds to the report: events acked and entries left pending.
#[derive(Debug, Clone, Copy, Default)]
pub struct JobsFigures {
    pub acked: u64,
    pub pending_left: u64,
}

fn now_us() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as u64)
}

fn stream_of(prefix: &str, job: u64) -> String {
    format!("{prefix}job_events:{job}")
}

fn master_of(plan: &JobsPlan, key: &str) -> usize {
    if plan.slots.is_empty() {
        0
    } else {
        usize::from(plan.slots[usize::from(slot(key.as_bytes()))])
    }
}

async fn open(auth: &Auth, plan: &JobsPlan, i: usize) -> anyhow::Result<Node> {
    if plan.cluster {
        auth.connect_db(&plan.endpoints[i], 0).await
    } else {
        auth.connect(&plan.endpoints[i]).await
    }
}

/// Runs the lifecycle; returns the outcome (latency XADD → ack) and the figures.
pub async fn run(auth: &Auth, plan: &JobsPlan) -> anyhow::Result<(Outcome, JobsFigures)> {
    let masters = plan.endpoints.len().max(1);
    let streams: Vec<String> = (0..plan.jobs).map(|j| stream_of(&plan.prefix, j)).collect();
    let mut by_master: Vec<Vec<String>> = vec![Vec::new(); masters];
    for s in &streams {
        by_master[master_of(plan, s)].push(s.clone());
    }
    let mut producers_conn = Vec::new();
    for (i, keys) in by_master.iter().enumerate() {
        let mut n = open(auth, plan, i).await?;
        for s in keys {
            let _: redis::Value = n
                .query(
                    redis::cmd("XGROUP")
                        .arg("CREATE")
                        .arg(s)
                        .arg(GROUP)
                        .arg("$")
                        .arg("MKSTREAM"),
                )
                .await
                .or_else(|e| {
                    // A group left by an interrupted run is reused.
                    if e.to_string().contains("BUSYGROUP") {
                        Ok(redis::Value::Okay)
                    } else {
                        Err(e)
                    }
                })?;
        }
        producers_conn.push(n);
    }
    let sent = Arc::new(AtomicU64::new(0));
    let acked = Arc::new(AtomicU64::new(0));
    let producing = Arc::new(AtomicBool::new(true));
    let hist = Arc::new(Mutex::new(new_hist()));
    let timeline = Arc::new(Mutex::new(Vec::<u64>::new()));
    let errors = Arc::new(Mutex::new(BTreeMap::<String, u64>::new()));
    let start = Instant::now();
    let deadline = plan.duration.map(|d| start + d);
    let data = event_data(plan.event_size);

    // Workers: per master, one per two producers (at least one), each on its own connection
    // (a BLOCK must not hold up the producers' shared one).
    let per_master = (plan.clients / (2 * masters)).max(1);
    let mut workers = Vec::new();
    for (m, keys_of) in by_master.iter().enumerate() {
        if keys_of.is_empty() {
            continue;
        }
        for w in 0..per_master {
            let mut conn = open(auth, plan, m).await?;
            let keys = keys_of.clone();
            let (acked, sent, producing, hist, timeline) = (
                acked.clone(),
                sent.clone(),
                producing.clone(),
                hist.clone(),
                timeline.clone(),
            );
            let name = format!("w{m}-{w}");
            let cluster = plan.cluster;
            workers.push(tokio::spawn(async move {
                worker(
                    &mut conn, &keys, &name, &acked, &sent, &producing, &hist, &timeline, start,
                    cluster,
                )
                .await
            }));
        }
    }
    let mut producers = Vec::new();
    for c in 0..plan.clients {
        let (sent, errors) = (sent.clone(), errors.clone());
        let conns = producers_conn.clone();
        let (streams, data) = (streams.clone(), data.clone());
        let slots = plan.slots.clone();
        let (requests, pattern, jobs) = (plan.requests, plan.pattern, plan.jobs);
        producers.push(tokio::spawn(async move {
            let mut rng =
                0x9E37_79B9_7F4A_7C15u64 ^ (c as u64 + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            let mut pick = super::keys::Picker::new(pattern, jobs);
            let mut conns = conns;
            let mut i: u64 = 0;
            loop {
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    break;
                }
                if let Some(total) = requests
                    && sent.fetch_add(1, Ordering::Relaxed) >= total
                {
                    sent.fetch_sub(1, Ordering::Relaxed);
                    break;
                }
                if requests.is_none() {
                    sent.fetch_add(1, Ordering::Relaxed);
                }
                let job = pick.next(&mut rng) as usize % streams.len().max(1);
                let key = &streams[job];
                let m = if slots.is_empty() {
                    0
                } else {
                    usize::from(slots[usize::from(slot(key.as_bytes()))])
                };
                let ty = ["task_started", "task_progress", "task_completed"][(i % 3) as usize];
                i += 1;
                let mut cmd = redis::cmd("XADD");
                cmd.arg(key)
                    .arg("MAXLEN")
                    .arg("~")
                    .arg(10_000)
                    .arg("*")
                    .arg("data")
                    .arg(data.as_str())
                    .arg("timestamp")
                    .arg("2026-11-23T10:00:00.000000")
                    .arg("event_type")
                    .arg(ty)
                    .arg("sent_us")
                    .arg(now_us());
                if let Err(e) = conns[m].query::<redis::Value>(&cmd).await {
                    // An XADD that failed produced nothing to wait for.
                    sent.fetch_sub(1, Ordering::Relaxed);
                    let code = e.to_string();
                    let code = code
                        .split_whitespace()
                        .find(|w| w.chars().all(|c| c.is_ascii_uppercase()) && w.len() > 2)
                        .unwrap_or("ERR")
                        .to_string();
                    *errors.lock().await.entry(code).or_default() += 1;
                }
            }
        }));
    }
    for p in producers {
        let _ = p.await;
    }
    producing.store(false, Ordering::SeqCst);
    let produced_at = Instant::now();
    // Workers drain what is left; 5 s is plenty for anything the server still holds.
    while acked.load(Ordering::SeqCst) < sent.load(Ordering::SeqCst)
        && produced_at.elapsed() < Duration::from_secs(5)
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let elapsed = start.elapsed();
    for w in &workers {
        w.abort();
    }
    for w in workers {
        let _ = w.await;
    }
    // What is still pending, then the group goes: nothing of the run stays in the streams.
    let mut pending_left = 0u64;
    for (m, keys) in by_master.iter().enumerate() {
        let n = &mut producers_conn[m];
        for s in keys {
            if let Ok(redis::Value::Array(v)) =
                n.query(redis::cmd("XPENDING").arg(s).arg(GROUP)).await
                && let Some(redis::Value::Int(c)) = v.first()
            {
                pending_left += (*c).max(0) as u64;
            }
            let _: Result<redis::Value, _> = n
                .query(redis::cmd("XGROUP").arg("DESTROY").arg(s).arg(GROUP))
                .await;
        }
    }
    let total_sent = sent.load(Ordering::SeqCst);
    let total_acked = acked.load(Ordering::SeqCst);
    let hist = hist.lock().await.clone();
    let timeline = timeline.lock().await.clone();
    let errors = errors.lock().await.clone();
    let outcome = Outcome {
        hist,
        sent: total_sent,
        measured: total_acked,
        errors,
        elapsed,
        timeline,
        fatal: None,
        samples: RunSamples {
            interval_ms: SAMPLE_MS,
            ..RunSamples::default()
        },
        raised: false,
        sched: Default::default(),
        cache: Vec::new(),
    };
    Ok((
        outcome,
        JobsFigures {
            acked: total_acked,
            pending_left,
        },
    ))
}

/// The `data` field: a job event's JSON padded to `size`.
fn event_data(size: usize) -> String {
    let mut s = String::from(
        r#"{"job_id":"bench","type":"task_progress","progress":42,"message":"生成中 "#,
    );
    while s.len() + 2 < size {
        s.push('.');
    }
    s.push_str("\"}");
    s
}

#[allow(clippy::too_many_arguments)]
async fn worker(
    conn: &mut Node,
    keys: &[String],
    name: &str,
    acked: &AtomicU64,
    sent: &AtomicU64,
    producing: &AtomicBool,
    hist: &Mutex<hdrhistogram::Histogram<u64>>,
    timeline: &Mutex<Vec<u64>>,
    start: Instant,
    cluster: bool,
) {
    // On a cluster one XREADGROUP may only name keys of one slot: each stream is read on its
    // own, without BLOCK (which would wait on each in turn), with a short pause after a round
    // that found nothing.
    let mut turn = 0usize;
    let mut empty_round = 0usize;
    loop {
        let mut cmd = redis::cmd("XREADGROUP");
        cmd.arg("GROUP").arg(GROUP).arg(name).arg("COUNT").arg(100);
        if cluster {
            if empty_round >= keys.len() {
                empty_round = 0;
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            let k = &keys[turn % keys.len().max(1)];
            turn += 1;
            cmd.arg("STREAMS").arg(k).arg(">");
        } else {
            cmd.arg("BLOCK").arg(100).arg("STREAMS");
            for k in keys {
                cmd.arg(k);
            }
            for _ in keys {
                cmd.arg(">");
            }
        }
        let reply = match conn
            .query_within::<redis::Value>(&cmd, Duration::from_secs(5))
            .await
        {
            Ok(v) => v,
            Err(_) => {
                if !producing.load(Ordering::SeqCst)
                    && acked.load(Ordering::SeqCst) >= sent.load(Ordering::SeqCst)
                {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let Ok(batches) = streams::xread(reply) else {
            continue;
        };
        if batches.iter().all(|b| b.entries.is_empty()) {
            empty_round += 1;
            if !producing.load(Ordering::SeqCst)
                && acked.load(Ordering::SeqCst) >= sent.load(Ordering::SeqCst)
            {
                return;
            }
        } else {
            empty_round = 0;
        }
        for b in batches {
            if b.entries.is_empty() {
                continue;
            }
            let mut ack = redis::cmd("XACK");
            ack.arg(&b.key).arg(GROUP);
            let mut sent_at = Vec::with_capacity(b.entries.len());
            for e in &b.entries {
                ack.arg(&e.id);
                let t = e
                    .fields
                    .iter()
                    .find(|(k, _)| k == b"sent_us")
                    .and_then(|(_, v)| std::str::from_utf8(v).ok()?.parse::<u64>().ok());
                sent_at.extend(t);
            }
            if conn.query::<redis::Value>(&ack).await.is_ok() {
                let now = now_us();
                let sec = start.elapsed().as_secs() as usize;
                let mut h = hist.lock().await;
                for t in &sent_at {
                    let _ = h.record(now.saturating_sub(*t).max(1));
                }
                drop(h);
                let mut tl = timeline.lock().await;
                if tl.len() <= sec {
                    tl.resize(sec + 1, 0);
                }
                tl[sec] += b.entries.len() as u64;
                acked.fetch_add(b.entries.len() as u64, Ordering::SeqCst);
            }
        }
    }
}
