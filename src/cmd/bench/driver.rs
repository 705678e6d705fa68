//! Load generation: `threads` OS threads, each with a single-threaded tokio runtime driving its
//! share of the clients on raw sockets. Latency goes into a per-thread HdrHistogram (merged at
//! the end); with `--rate` requests follow a schedule and latency counts from the scheduled
//! time, so a stall shows up instead of being hidden (coordinated omission).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;

use super::workload::{Gen, Shape, Workload};
use crate::duration;
use crate::redis::Endpoint;
use crate::redis::raw::{RawConn, RawOptions};

/// How to open a benchmark connection: the node and the credentials.
#[derive(Debug, Clone)]
pub struct ConnSpec {
    pub endpoints: Vec<Endpoint>,
    /// Slot → index into `endpoints` on a cluster (16384 entries), empty otherwise.
    pub slots: Vec<u8>,
    /// Credentials, database (0 on a cluster), timeouts and TLS of every connection.
    pub raw: RawOptions,
}

#[derive(Debug, Clone)]
pub struct Phase {
    pub workload: Workload,
    pub clients: usize,
    pub pipeline: usize,
    pub requests: Option<u64>,
    pub duration: Option<Duration>,
    pub warmup: Duration,
    pub rate: Option<f64>,
    pub threads: usize,
    pub shape: Shape,
}

/// What one thread measured.
struct ThreadStats {
    hist: Histogram<u64>,
    errors: BTreeMap<String, u64>,
    timeline: Vec<u64>,
}

/// Live figures for the progress line, shared by every client.
#[derive(Default)]
pub struct Live {
    pub sent: AtomicU64,
    pub measured: AtomicU64,
    pub stop: AtomicBool,
    pub fatal: Mutex<Option<String>>,
    stats: Mutex<Vec<Arc<Mutex<ThreadStats>>>>,
}

impl Live {
    /// The p99 so far, in µs, across every thread (for the progress line).
    pub fn p99(&self) -> u64 {
        let mut h = new_hist();
        if let Ok(list) = self.stats.lock() {
            for s in list.iter() {
                if let Ok(s) = s.lock() {
                    let _ = h.add(&s.hist);
                }
            }
        }
        h.value_at_quantile(0.99)
    }

    fn fail(&self, msg: String) {
        if let Ok(mut f) = self.fatal.lock()
            && f.is_none()
        {
            *f = Some(msg);
        }
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// The result of one workload.
pub struct Outcome {
    pub hist: Histogram<u64>,
    /// Commands sent, warm-up included (what the server executed).
    pub sent: u64,
    /// Commands measured (after warm-up).
    pub measured: u64,
    pub errors: BTreeMap<String, u64>,
    pub elapsed: Duration,
    pub timeline: Vec<u64>,
    pub fatal: Option<String>,
}

/// One benchmark connection: the shared raw RESP connection.
struct Conn(RawConn);

impl Conn {
    async fn open(ep: &Endpoint, spec: &ConnSpec) -> Result<Conn, String> {
        RawConn::connect(ep, &spec.raw)
            .await
            .map(Conn)
            .map_err(|e| e.to_string())
    }

    /// Sends `buf` and reads `n` replies; returns the error codes among them.
    async fn round_trip(
        &mut self,
        buf: &[u8],
        n: usize,
        timeout: Duration,
    ) -> Result<Vec<String>, String> {
        match tokio::time::timeout(timeout, self.0.exchange(buf, n)).await {
            Ok(r) => r.map_err(|e| e.to_string()),
            Err(_) => Err(format!(
                "{}: timed out after {} waiting for replies",
                self.0.addr(),
                duration::format(timeout)
            )),
        }
    }
}

/// 1 µs to 1 h at 3 significant digits (constant bounds, so creation cannot fail).
pub fn new_hist() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 3_600_000_000, 3).expect("constant histogram bounds are valid")
}

struct Client {
    id: u64,
    phase: Arc<Phase>,
    spec: Arc<ConnSpec>,
    live: Arc<Live>,
    stats: Arc<Mutex<ThreadStats>>,
    start: Instant,
    measure_from: Instant,
    deadline: Option<Instant>,
}

impl Client {
    async fn run(self) {
        if let Err(e) = self.drive().await {
            self.live.fail(e);
        }
    }

    async fn drive(&self) -> Result<(), String> {
        let p = &*self.phase;
        let mut conns = Vec::with_capacity(self.spec.endpoints.len());
        for ep in &self.spec.endpoints {
            conns.push(Conn::open(ep, &self.spec).await?);
        }
        let mut generator = Gen::new(&p.shape, self.id);
        let mut bufs: Vec<Vec<u8>> = vec![Vec::with_capacity(4096); conns.len()];
        let mut counts = vec![0usize; conns.len()];
        let pipeline = p.pipeline.max(1) as u64;
        // Open loop: this client's batches are due every `interval`.
        let interval = p
            .rate
            .map(|r| Duration::from_secs_f64(p.clients as f64 * pipeline as f64 / r.max(0.001)));
        let mut batch_no: u64 = 0;
        let mut i: u64 = self.id;
        let mut local_errors: BTreeMap<String, u64> = BTreeMap::new();
        loop {
            if self.live.stop.load(Ordering::Relaxed) {
                break;
            }
            if self.deadline.is_some_and(|d| Instant::now() >= d) {
                break;
            }
            let scheduled = match interval {
                Some(iv) => {
                    // Clients are spread over the interval, so the load is even from the start.
                    let phase = self.id as f64 / p.clients.max(1) as f64;
                    let due = self.start + iv.mul_f64(batch_no as f64 + phase);
                    batch_no += 1;
                    // A request due after the deadline is never sent: --duration holds at any
                    // --rate.
                    if self.deadline.is_some_and(|d| due >= d) {
                        break;
                    }
                    // Sleep in short slices so Ctrl-C or another client's fatal error ends the
                    // wait for the next due time at once.
                    loop {
                        if self.live.stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let now = Instant::now();
                        if due <= now {
                            break;
                        }
                        let slice = (due - now).min(Duration::from_millis(20));
                        tokio::time::sleep(slice).await;
                    }
                    if self.live.stop.load(Ordering::Relaxed) {
                        break;
                    }
                    due
                }
                None => Instant::now(),
            };
            let take = match p.requests {
                Some(total) => {
                    let got = self.live.sent.fetch_add(pipeline, Ordering::Relaxed);
                    if got >= total {
                        break;
                    }
                    pipeline.min(total - got)
                }
                None => {
                    self.live.sent.fetch_add(pipeline, Ordering::Relaxed);
                    pipeline
                }
            };
            for b in &mut bufs {
                b.clear();
            }
            counts.iter_mut().for_each(|c| *c = 0);
            for _ in 0..take {
                let before = bufs[0].len();
                let slot = generator.write(p.workload, i, &mut bufs[0]);
                i = i.wrapping_add(1);
                if !self.spec.slots.is_empty() {
                    // Move the command just written to its master's buffer.
                    let node = usize::from(self.spec.slots[usize::from(slot)]);
                    if node != 0 {
                        let cmd = bufs[0].split_off(before);
                        bufs[node].extend_from_slice(&cmd);
                        counts[node] += 1;
                        continue;
                    }
                }
                counts[0] += 1;
            }
            let mut errs = Vec::new();
            if conns.len() == 1 {
                errs = conns[0]
                    .round_trip(&bufs[0], counts[0], self.spec.raw.timeout)
                    .await?;
            } else {
                for (k, conn) in conns.iter_mut().enumerate() {
                    if counts[k] > 0 {
                        errs.extend(
                            conn.round_trip(&bufs[k], counts[k], self.spec.raw.timeout)
                                .await?,
                        );
                    }
                }
            }
            let now = Instant::now();
            for e in errs {
                *local_errors.entry(e).or_default() += 1;
            }
            if scheduled >= self.measure_from {
                let us = now.duration_since(scheduled).as_micros().max(1) as u64;
                let sec = now.duration_since(self.measure_from).as_secs() as usize;
                self.live.measured.fetch_add(take, Ordering::Relaxed);
                if let Ok(mut s) = self.stats.lock() {
                    let _ = s.hist.record_n(us, take);
                    if s.timeline.len() <= sec {
                        s.timeline.resize(sec + 1, 0);
                    }
                    s.timeline[sec] += take;
                    if !local_errors.is_empty() {
                        for (k, v) in std::mem::take(&mut local_errors) {
                            *s.errors.entry(k).or_default() += v;
                        }
                    }
                }
            }
        }
        if !local_errors.is_empty()
            && let Ok(mut s) = self.stats.lock()
        {
            for (k, v) in local_errors {
                *s.errors.entry(k).or_default() += v;
            }
        }
        Ok(())
    }
}

/// Runs one workload to completion (requests, duration or a fatal error).
pub fn run_phase(phase: Phase, spec: ConnSpec, live: Arc<Live>) -> Outcome {
    let phase = Arc::new(phase);
    let spec = Arc::new(spec);
    let threads = phase.threads.clamp(1, phase.clients.max(1));
    let start = Instant::now();
    let measure_from = start + phase.warmup;
    let deadline = phase.duration.map(|d| measure_from + d);
    let mut handles = Vec::new();
    let mut all_stats = Vec::new();
    for t in 0..threads {
        let stats = Arc::new(Mutex::new(ThreadStats {
            hist: new_hist(),
            errors: BTreeMap::new(),
            timeline: Vec::new(),
        }));
        all_stats.push(stats.clone());
        if let Ok(mut list) = live.stats.lock() {
            list.push(stats.clone());
        }
        let ids: Vec<u64> = (0..phase.clients as u64)
            .filter(|c| *c as usize % threads == t)
            .collect();
        let (phase, spec, live) = (phase.clone(), spec.clone(), live.clone());
        handles.push(std::thread::spawn(move || {
            let rt = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    live.fail(format!("cannot start a benchmark thread: {e}"));
                    return;
                }
            };
            rt.block_on(async move {
                let local = tokio::task::LocalSet::new();
                local
                    .run_until(async move {
                        let tasks: Vec<_> = ids
                            .into_iter()
                            .map(|id| {
                                let c = Client {
                                    id,
                                    phase: phase.clone(),
                                    spec: spec.clone(),
                                    live: live.clone(),
                                    stats: stats.clone(),
                                    start,
                                    measure_from,
                                    deadline,
                                };
                                tokio::task::spawn_local(c.run())
                            })
                            .collect();
                        for t in tasks {
                            let _ = t.await;
                        }
                    })
                    .await;
            });
        }));
    }
    for h in handles {
        let _ = h.join();
    }
    let elapsed = Instant::now().saturating_duration_since(measure_from);
    let mut hist = new_hist();
    let mut errors = BTreeMap::new();
    let mut timeline: Vec<u64> = Vec::new();
    for s in all_stats {
        if let Ok(s) = s.lock() {
            let _ = hist.add(&s.hist);
            for (k, v) in &s.errors {
                *errors.entry(k.clone()).or_default() += v;
            }
            if timeline.len() < s.timeline.len() {
                timeline.resize(s.timeline.len(), 0);
            }
            for (i, v) in s.timeline.iter().enumerate() {
                timeline[i] += v;
            }
        }
    }
    let fatal = live.fatal.lock().ok().and_then(|f| f.clone());
    Outcome {
        hist,
        sent: live
            .sent
            .load(Ordering::SeqCst)
            .min(phase.requests.unwrap_or(u64::MAX)),
        measured: live.measured.load(Ordering::SeqCst),
        errors,
        elapsed,
        timeline,
        fatal,
    }
}
