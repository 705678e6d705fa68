//! `-w jobs`: the job-event lifecycle of the application. Producers (the clients) XADD events
//! to `<prefix>job_events:{id}`; workers in the consumer group `bench-workers` read them with
//! XREADGROUP BLOCK and XACK them (one pipeline per read). At most one event per producer is
//! in flight (sent and not yet acked), as a job's events follow its work: the queue stays in
//! a steady state, so events/s is what the workers sustain and latency is not a backlog that
//! grows with the run's length. Latency is end to end, from the XADD's send to its ack; the
//! run ends when every event sent is acked (or 5 s after the producers stopped), then the group
//! is destroyed so nothing pending is left behind, whatever --keep-keys says. Like the other
//! workloads it runs on a thread of its own (whose CPU time and wait are the run's), samples
//! acks and latency every 100 ms for a compare, honours the warm-up, lasts `--min-run` and
//! stops on Ctrl-C.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::sync::Semaphore;

use super::driver::{Live, Outcome, SchedOnExit, ThreadStats, outcome_of, sample_intervals};
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
    pub warmup: Duration,
    /// Producing lasts at least this long from the end of the warm-up: `-n` is raised, a
    /// shorter `--duration` lengthened.
    pub min_run: Option<Duration>,
    /// Keep each interval's histogram (`--hdr-out`).
    pub keep_intervals: bool,
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

/// Runs the lifecycle on the calling thread (a runtime of its own, so the thread's CPU time
/// and wait are the run's alone, as a driver thread's).
pub fn run_on_thread(
    auth: &Auth,
    plan: &JobsPlan,
    live: Arc<Live>,
) -> anyhow::Result<(Outcome, JobsFigures)> {
    let guard = SchedOnExit::start(live.clone());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let result = rt.block_on(run(auth, plan, &live));
    drop(rt);
    drop(guard);
    let (mut outcome, figures) = result?;
    outcome.sched = live.sched();
    Ok((outcome, figures))
}

/// Runs the lifecycle; returns the outcome (latency XADD → ack) and the figures.
async fn run(
    auth: &Auth,
    plan: &JobsPlan,
    live: &Arc<Live>,
) -> anyhow::Result<(Outcome, JobsFigures)> {
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
    // Events sent and not failed (what the workers must ack), and XADDs claimed against -n.
    let sent = Arc::new(AtomicU64::new(0));
    let claimed = Arc::new(AtomicU64::new(0));
    let acked = Arc::new(AtomicU64::new(0));
    let producing = Arc::new(AtomicBool::new(true));
    // The in-flight window: a producer takes a permit per XADD, a worker gives back one per
    // event acked.
    let window = Arc::new(Semaphore::new(plan.clients.max(1)));
    let stats = Arc::new(Mutex::new(ThreadStats::new()));
    live.register(stats.clone());
    let start = Instant::now();
    let measure_from = start + plan.warmup;
    // Events are stamped with the wall clock (they cross connections); those sent in the
    // warm-up are acked but not measured.
    let measure_from_us = now_us() + plan.warmup.as_micros() as u64;
    let min_run = plan.min_run.unwrap_or_default();
    let deadline = plan.duration.map(|d| measure_from + d.max(min_run));
    let floor = plan.min_run.map(|m| measure_from + m);
    let lengthened = plan.duration.is_some_and(|d| d < min_run);
    let data = event_data(plan.event_size);
    // Samples cover the producing: the drain after it would add intervals of a load that
    // has stopped.
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (stats, done, keep) = (stats.clone(), done.clone(), plan.keep_intervals);
        std::thread::spawn(move || sample_intervals(&[stats], measure_from, &done, keep))
    };

    // Workers: per master, one per two producers (at least one, at most one per stream), each
    // on its own connection (a BLOCK must not hold up the producers' shared one). Each reads
    // its own share of the master's streams: a read naming every stream costs the server and
    // the client per stream named, for the few events one read finds.
    let per_master = (plan.clients / (2 * masters)).max(1);
    let mut workers = Vec::new();
    for (m, keys_of) in by_master.iter().enumerate() {
        if keys_of.is_empty() {
            continue;
        }
        let n = per_master.min(keys_of.len());
        for w in 0..n {
            let conn = open(auth, plan, m).await?;
            let keys = keys_of.iter().skip(w).step_by(n).cloned().collect();
            let wk = Worker {
                keys,
                name: format!("w{m}-{w}"),
                acked: acked.clone(),
                sent: sent.clone(),
                producing: producing.clone(),
                window: window.clone(),
                stats: stats.clone(),
                live: live.clone(),
                measure_from,
                measure_from_us,
                cluster: plan.cluster,
            };
            workers.push(tokio::spawn(wk.run(conn)));
        }
    }
    let mut producers = Vec::new();
    for c in 0..plan.clients {
        let (sent, claimed, stats, live, window) = (
            sent.clone(),
            claimed.clone(),
            stats.clone(),
            live.clone(),
            window.clone(),
        );
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
            let over = || {
                live.stop.load(Ordering::Relaxed) || deadline.is_some_and(|d| Instant::now() >= d)
            };
            'produce: loop {
                // Wait for a free place in the window, in slices so Ctrl-C and the deadline
                // end the wait.
                loop {
                    if over() {
                        break 'produce;
                    }
                    match tokio::time::timeout(Duration::from_millis(50), window.acquire()).await {
                        Ok(Ok(p)) => {
                            p.forget();
                            break;
                        }
                        Ok(Err(_)) => break 'produce,
                        Err(_) => {}
                    }
                }
                if let Some(total) = requests
                    && claimed.fetch_add(1, Ordering::Relaxed) >= total
                {
                    // --min-run: the producers go on past -n until it has passed.
                    if floor.is_some_and(|f| Instant::now() < f) {
                        live.raised.store(true, Ordering::Relaxed);
                    } else {
                        window.add_permits(1);
                        break;
                    }
                }
                sent.fetch_add(1, Ordering::Relaxed);
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
                live.issued.fetch_add(1, Ordering::Relaxed);
                if let Err(e) = conns[m].query::<redis::Value>(&cmd).await {
                    // An XADD that failed produced nothing to wait for.
                    sent.fetch_sub(1, Ordering::Relaxed);
                    window.add_permits(1);
                    if let Ok(mut s) = stats.lock() {
                        s.error(error_code(&e.to_string()), 1);
                    }
                }
            }
        }));
    }
    for p in producers {
        let _ = p.await;
    }
    producing.store(false, Ordering::SeqCst);
    done.store(true, Ordering::SeqCst);
    let produced_at = Instant::now();
    // Workers drain what is left; 5 s is plenty for anything the server still holds.
    while acked.load(Ordering::SeqCst) < sent.load(Ordering::SeqCst)
        && produced_at.elapsed() < Duration::from_secs(5)
    {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let elapsed = Instant::now().saturating_duration_since(measure_from);
    for w in &workers {
        w.abort();
    }
    for w in workers {
        let _ = w.await;
    }
    let samples = sampler.join().unwrap_or_default();
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
    let outcome = outcome_of(&[stats], live, samples, elapsed, lengthened);
    Ok((
        outcome,
        JobsFigures {
            acked: acked.load(Ordering::SeqCst),
            pending_left,
        },
    ))
}

/// The error code of a failed command (its first upper-case word), as the raw driver counts.
fn error_code(msg: &str) -> String {
    msg.split_whitespace()
        .find(|w| w.len() > 2 && w.chars().all(|c| c.is_ascii_uppercase()))
        .unwrap_or("ERR")
        .to_string()
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

/// One worker: reads its streams in the group and acks what it read.
struct Worker {
    keys: Vec<String>,
    name: String,
    acked: Arc<AtomicU64>,
    sent: Arc<AtomicU64>,
    producing: Arc<AtomicBool>,
    window: Arc<Semaphore>,
    stats: Arc<Mutex<ThreadStats>>,
    live: Arc<Live>,
    measure_from: Instant,
    measure_from_us: u64,
    cluster: bool,
}

impl Worker {
    /// Everything sent is acked and nothing more will come.
    fn finished(&self) -> bool {
        !self.producing.load(Ordering::SeqCst)
            && self.acked.load(Ordering::SeqCst) >= self.sent.load(Ordering::SeqCst)
    }

    async fn run(self, mut conn: Node) {
        let keys = &self.keys;
        // On a cluster one XREADGROUP may only name keys of one slot: each stream is read on
        // its own, without BLOCK (which would wait on each in turn), with a short pause after
        // a round that found nothing.
        let mut turn = 0usize;
        let mut empty_round = 0usize;
        loop {
            let mut cmd = redis::cmd("XREADGROUP");
            cmd.arg("GROUP")
                .arg(GROUP)
                .arg(&self.name)
                .arg("COUNT")
                .arg(100);
            if self.cluster {
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
                    if self.finished() {
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
                if self.finished() {
                    return;
                }
            } else {
                empty_round = 0;
            }
            // Every stream's XACK in one pipeline: one round trip per read, not per stream.
            let mut acks = redis::pipe();
            let mut sent_at = Vec::new();
            let mut n = 0u64;
            for b in batches.iter().filter(|b| !b.entries.is_empty()) {
                let ack = acks.cmd("XACK").arg(&b.key).arg(GROUP);
                for e in &b.entries {
                    ack.arg(&e.id);
                    let t = e
                        .fields
                        .iter()
                        .find(|(k, _)| k == b"sent_us")
                        .and_then(|(_, v)| std::str::from_utf8(v).ok()?.parse::<u64>().ok());
                    sent_at.extend(t);
                }
                n += b.entries.len() as u64;
            }
            if n > 0 && conn.pipe::<redis::Value>(&acks).await.is_ok() {
                self.record(&sent_at);
                self.acked.fetch_add(n, Ordering::SeqCst);
                self.window.add_permits(n as usize);
            }
        }
    }

    /// Records the end-to-end latency of events just acked (those sent after the warm-up).
    fn record(&self, sent_at: &[u64]) {
        let now = now_us();
        let sec = Instant::now()
            .saturating_duration_since(self.measure_from)
            .as_secs() as usize;
        let mut measured = 0;
        if let Ok(mut s) = self.stats.lock() {
            for t in sent_at.iter().filter(|t| **t >= self.measure_from_us) {
                s.record(now.saturating_sub(*t), 1, sec);
                measured += 1;
            }
        }
        self.live.measured.fetch_add(measured, Ordering::Relaxed);
    }
}
