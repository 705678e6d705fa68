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
use crate::redis::resp::{Reply, frame};

/// How to open a benchmark connection: the node and the credentials.
#[derive(Debug, Clone)]
pub struct ConnSpec {
    pub endpoints: Vec<Endpoint>,
    /// Slot → index into `endpoints` on a cluster (16384 entries), empty otherwise.
    pub slots: Vec<u8>,
    /// Credentials, database (0 on a cluster), timeouts and TLS of every connection.
    pub raw: RawOptions,
    /// Where reads go instead (`--replica`, `--read-from-replicas`): one replica per entry of
    /// `endpoints`, same order; empty: reads go to the masters.
    pub read_endpoints: Vec<Endpoint>,
}

impl ConnSpec {
    /// The connection (index into a client's connections: masters, then replicas) that a
    /// command for `node` goes to.
    fn route(&self, node: usize, read: bool) -> usize {
        if read && !self.read_endpoints.is_empty() {
            self.endpoints.len() + node
        } else {
            node
        }
    }
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
    /// `--min-run`: the measured part lasts at least this long; `-n` requests are raised (the
    /// clients keep sending) and a shorter `--duration` is lengthened to it.
    pub min_run: Option<Duration>,
    /// Keep each 100 ms interval's histogram (for `--hdr-out`'s interval log; ~26 KB each).
    pub keep_intervals: bool,
}

/// The length of one interval sample: a compare judges sets of these, not one figure per run.
pub const SAMPLE_MS: u64 = 100;

/// Per-interval figures of one run: ops/s of each 100 ms interval, and the p99 of each
/// interval in which a request completed (an interval of a total stall has no latency).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct RunSamples {
    pub interval_ms: u64,
    pub ops_per_sec: Vec<f64>,
    pub p99_us: Vec<u64>,
    /// Of the CPU time redkit's threads and a local server's wanted during the run, the share
    /// they waited for a CPU, in percent (other work on the machine); null where the kernel
    /// does not say.
    #[serde(default)]
    pub cpu_wait_pct: Option<f64>,
    /// The same threads' wait for a CPU per command sent, in µs: the most wall time per
    /// command that a busier machine can add (the verdict's bound on a neighbour's doing).
    #[serde(default)]
    pub cpu_wait_us_per_op: Option<f64>,
    /// The same share for redkit's threads alone and for the local server alone: a machine
    /// that is busier for everyone starves both alike, while a server held to a share of a
    /// core (taskset, a neighbour pinned to its core) waits far more than the client.
    #[serde(default)]
    pub client_wait_pct: Option<f64>,
    #[serde(default)]
    pub server_wait_pct: Option<f64>,
    /// The local server's part of `cpu_wait_us_per_op`.
    #[serde(default)]
    pub server_wait_us_per_op: Option<f64>,
    /// redkit's own CPU time per command: the same code does the same work in every run, so
    /// a rise is the machine's (a neighbour's context switches and cache misses), not the
    /// server's.
    #[serde(default)]
    pub client_cpu_us_per_op: Option<f64>,
    /// Every interval's figures, aligned (for `--timeline-out` and `--hdr-out`); not saved.
    #[serde(skip)]
    pub intervals: Vec<Interval>,
}

/// One 100 ms interval: its start from the beginning of measuring, its length, the commands
/// completed in it and their latency (none when nothing completed).
#[derive(Debug, Clone)]
pub struct Interval {
    pub start: Duration,
    pub length: Duration,
    pub ops: u64,
    pub p50_us: Option<u64>,
    pub p99_us: Option<u64>,
    /// With `keep_intervals` only.
    pub hist: Option<Histogram<u64>>,
}

/// What one thread measured (a driver thread's clients, or the jobs workload's workers).
pub(super) struct ThreadStats {
    hist: Histogram<u64>,
    errors: BTreeMap<String, u64>,
    timeline: Vec<u64>,
    /// The current interval sample's latencies (2 significant digits: cheap to merge and reset
    /// every 100 ms) and its count; the sampler takes and clears them.
    interval: Histogram<u64>,
    interval_ops: u64,
    /// The cache workload's (hits, misses) per second.
    cache: Vec<(u64, u64)>,
}

impl ThreadStats {
    pub(super) fn new() -> ThreadStats {
        ThreadStats {
            hist: new_hist(),
            errors: BTreeMap::new(),
            timeline: Vec::new(),
            interval: interval_hist(),
            interval_ops: 0,
            cache: Vec::new(),
        }
    }

    /// Records `n` commands of latency `us` completed in second `sec` of measuring: the run's
    /// histogram, the current interval sample and the timeline.
    pub(super) fn record(&mut self, us: u64, n: u64, sec: usize) {
        let _ = self.hist.record_n(us.max(1), n);
        let _ = self.interval.record_n(us.max(1), n);
        self.interval_ops += n;
        if self.timeline.len() <= sec {
            self.timeline.resize(sec + 1, 0);
        }
        self.timeline[sec] += n;
    }

    pub(super) fn error(&mut self, code: String, n: u64) {
        *self.errors.entry(code).or_default() += n;
    }
}

/// Live figures for the progress line, shared by every client.
#[derive(Default)]
pub struct Live {
    pub sent: AtomicU64,
    /// Commands written to a socket (warm-up included); `sent` is the counter of claims and
    /// overshoots by a pipeline per client at the end.
    pub(super) issued: AtomicU64,
    /// Whether `--min-run` kept clients sending past `-n`.
    pub(super) raised: AtomicBool,
    /// The client threads' CPU time and run-queue wait.
    sched: Mutex<super::machine::Sched>,
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

    /// The client threads' CPU time and wait recorded so far.
    pub(super) fn sched(&self) -> super::machine::Sched {
        self.sched.lock().map(|s| *s).unwrap_or_default()
    }

    /// Makes a thread's figures part of the progress line's p99.
    pub(super) fn register(&self, stats: Arc<Mutex<ThreadStats>>) {
        if let Ok(mut list) = self.stats.lock() {
            list.push(stats);
        }
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
    pub samples: RunSamples,
    /// `-n` was raised (or `--duration` lengthened) to last `--min-run`.
    pub raised: bool,
    /// The client threads' CPU time and run-queue wait.
    pub sched: super::machine::Sched,
    /// The cache workload's (hits, misses) per second of measuring ([] for the others).
    pub cache: Vec<(u64, u64)>,
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

    /// A connection for reads on a replica: on a cluster the replica answers MOVED unless told
    /// READONLY first.
    async fn open_replica(ep: &Endpoint, spec: &ConnSpec) -> Result<Conn, String> {
        let mut c = Conn::open(ep, spec).await?;
        if !spec.slots.is_empty() {
            let errs = c
                .round_trip(b"*1\r\n$8\r\nREADONLY\r\n", 1, spec.raw.timeout)
                .await?;
            if let Some(e) = errs.first() {
                return Err(format!("{ep}: READONLY refused: {e}"));
            }
        }
        Ok(c)
    }

    /// Sends `buf` and reads `n` replies; returns the error codes among them.
    async fn round_trip(
        &mut self,
        buf: &[u8],
        n: usize,
        timeout: Duration,
    ) -> Result<Vec<String>, String> {
        let mut errs = Vec::new();
        self.send_and_count(buf, n, timeout, &mut errs).await?;
        Ok(errs)
    }

    /// The hot path of every workload: sends `buf` (n commands) and frames their `n` replies
    /// in place, appending the error codes among them to `errs`; nothing is allocated for a
    /// round trip without errors.
    async fn send_and_count(
        &mut self,
        buf: &[u8],
        n: usize,
        timeout: Duration,
        errs: &mut Vec<String>,
    ) -> Result<(), String> {
        let conn = &mut self.0;
        let work = async {
            conn.write_untimed(buf).await.map_err(|e| e.to_string())?;
            let mut got = 0;
            while got < n {
                match frame(conn.unread()) {
                    Ok(Some((reply, len))) => {
                        conn.consume(len);
                        got += 1;
                        if let Reply::Error(code) = reply {
                            errs.push(code);
                        }
                        continue;
                    }
                    Ok(None) => {}
                    Err(e) => return Err(format!("{}: server error: {e}", conn.addr())),
                }
                conn.fill_untimed().await.map_err(|e| e.to_string())?;
            }
            Ok(())
        };
        match tokio::time::timeout(timeout, work).await {
            Ok(r) => r,
            Err(_) => Err(format!(
                "{}: timed out after {} waiting for replies",
                self.0.addr(),
                duration::format(timeout)
            )),
        }
    }
}

impl Conn {
    /// Sends `buf` (n commands) and reads their replies, telling a nil reply (a cache miss)
    /// from a value: per reply Ok(true) for nil, Ok(false) for a value, Err(code) for an error.
    async fn replies_nil(
        &mut self,
        buf: &[u8],
        n: usize,
        timeout: Duration,
    ) -> Result<Vec<Result<bool, String>>, String> {
        let conn = &mut self.0;
        let work = async {
            conn.write(buf).await.map_err(|e| e.to_string())?;
            let mut out = Vec::with_capacity(n);
            while out.len() < n {
                let unread = conn.unread();
                let nil = unread.starts_with(b"$-1\r\n") || unread.starts_with(b"_\r\n");
                match frame(unread) {
                    Ok(Some((reply, len))) => {
                        conn.consume(len);
                        out.push(match reply {
                            Reply::Error(code) => Err(code),
                            Reply::Ok => Ok(nil),
                        });
                        continue;
                    }
                    Ok(None) => {}
                    Err(e) => return Err(format!("{}: {e}", conn.addr())),
                }
                conn.fill_untimed().await.map_err(|e| e.to_string())?;
            }
            Ok(out)
        };
        match tokio::time::timeout(timeout, work).await {
            Ok(r) => r,
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

/// The interval samples' histogram: 2 significant digits (1% resolution) is plenty for one
/// interval's p99 and keeps the reset every 100 ms cheap.
fn interval_hist() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 3_600_000_000, 2).expect("constant histogram bounds are valid")
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
    /// `--min-run` with `-n`: sending goes on past the requests until then.
    floor: Option<Instant>,
}

impl Client {
    /// One round of the read-through cache: `take` GETs, then a SET with the TTL for each
    /// miss, on the master of its key. Returns the error codes, hits and misses.
    async fn cache_round(
        &self,
        conns: &mut [Conn],
        g: &mut Gen,
        take: u64,
    ) -> Result<(Vec<String>, u64, u64), String> {
        let n = conns.len();
        let masters = self.spec.endpoints.len();
        let timeout = self.spec.raw.timeout;
        let mut bufs: Vec<Vec<u8>> = vec![Vec::new(); n];
        let mut keys: Vec<Vec<Vec<u8>>> = vec![Vec::new(); n];
        for _ in 0..take {
            let (key, slot) = g.cache_key();
            let node = if self.spec.slots.is_empty() {
                0
            } else {
                usize::from(self.spec.slots[usize::from(slot)])
            };
            // The GET may go to a replica; its SET on a miss goes to the master.
            let to = self.spec.route(node, true);
            g.write_get(&key, &mut bufs[to]);
            keys[to].push(key);
        }
        let (mut errs, mut hits, mut misses) = (Vec::new(), 0, 0);
        let mut sets: Vec<Vec<u8>> = vec![Vec::new(); n];
        let mut set_counts = vec![0usize; n];
        for k in 0..n {
            if keys[k].is_empty() {
                continue;
            }
            let replies = conns[k]
                .replies_nil(&bufs[k], keys[k].len(), timeout)
                .await?;
            for (j, r) in replies.into_iter().enumerate() {
                match r {
                    Err(code) => errs.push(code),
                    Ok(false) => hits += 1,
                    Ok(true) => {
                        misses += 1;
                        let m = k % masters.max(1);
                        g.write_cache_set(&keys[k][j], &mut sets[m]);
                        set_counts[m] += 1;
                    }
                }
            }
        }
        for k in 0..n {
            if set_counts[k] > 0 {
                self.live
                    .issued
                    .fetch_add(set_counts[k] as u64, Ordering::Relaxed);
                errs.extend(
                    conns[k]
                        .round_trip(&sets[k], set_counts[k], timeout)
                        .await?,
                );
            }
        }
        Ok((errs, hits, misses))
    }

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
        for ep in &self.spec.read_endpoints {
            conns.push(Conn::open_replica(ep, &self.spec).await?);
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
        let mut pacer = Pacer::new(interval.is_some());
        let mut i: u64 = self.id;
        let mut local_errors: BTreeMap<String, u64> = BTreeMap::new();
        let mut errs: Vec<String> = Vec::new();
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
                        if due - now <= SPIN_WAIT {
                            // Shorter than a wake-up from idle costs: let the thread's other
                            // clients run, then look again.
                            tokio::task::yield_now().await;
                            continue;
                        }
                        pacer.until(due.min(now + Duration::from_millis(20))).await;
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
                    if got < total {
                        pipeline.min(total - got)
                    } else if self.floor.is_some_and(|f| Instant::now() < f) {
                        self.live.raised.store(true, Ordering::Relaxed);
                        pipeline
                    } else {
                        break;
                    }
                }
                None => {
                    self.live.sent.fetch_add(pipeline, Ordering::Relaxed);
                    pipeline
                }
            };
            self.live.issued.fetch_add(take, Ordering::Relaxed);
            for b in &mut bufs {
                b.clear();
            }
            counts.iter_mut().for_each(|c| *c = 0);
            for _ in 0..take {
                if p.workload == Workload::Cache {
                    break;
                }
                let before = bufs[0].len();
                let slot = generator.write(p.workload, i, &mut bufs[0]);
                let written = generator.written();
                i = i.wrapping_add(1);
                if written > 1 {
                    // A scenario's sequence: the extra commands are sent (and executed) too.
                    self.live
                        .issued
                        .fetch_add(written as u64 - 1, Ordering::Relaxed);
                }
                let node = if self.spec.slots.is_empty() {
                    0
                } else {
                    usize::from(self.spec.slots[usize::from(slot)])
                };
                // Move the commands just written to their master's (or replica's) buffer.
                let to = self.spec.route(node, generator.reads());
                if to != 0 {
                    let cmd = bufs[0].split_off(before);
                    bufs[to].extend_from_slice(&cmd);
                    counts[to] += written;
                    continue;
                }
                counts[0] += written;
            }
            errs.clear();
            let mut cache = (0u64, 0u64);
            if p.workload == Workload::Cache {
                let (e, hits, misses) = self.cache_round(&mut conns, &mut generator, take).await?;
                errs = e;
                cache = (hits, misses);
            } else {
                for (k, conn) in conns.iter_mut().enumerate() {
                    if counts[k] > 0 {
                        conn.send_and_count(&bufs[k], counts[k], self.spec.raw.timeout, &mut errs)
                            .await?;
                    }
                }
            }
            let now = Instant::now();
            for e in errs.drain(..) {
                *local_errors.entry(e).or_default() += 1;
            }
            if scheduled >= self.measure_from {
                let us = now.duration_since(scheduled).as_micros().max(1) as u64;
                let sec = now.duration_since(self.measure_from).as_secs() as usize;
                self.live.measured.fetch_add(take, Ordering::Relaxed);
                if let Ok(mut s) = self.stats.lock() {
                    s.record(us, take, sec);
                    if p.workload == Workload::Cache {
                        if s.cache.len() <= sec {
                            s.cache.resize(sec + 1, (0, 0));
                        }
                        s.cache[sec].0 += cache.0;
                        s.cache[sec].1 += cache.1;
                    }
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

/// Waits for the open loop's due times on a timerfd (ns resolution): tokio's timer wheel
/// wakes up to a millisecond late, rounded up, and since latency counts from the schedule that
/// lateness was counted as the server's (p50 1.1 ms at `--rate 2000` against 24 µs closed
/// loop). The kernel's timer slack (50 µs) stays. Falls back to tokio's timer when no timerfd can be had (out of descriptors).
struct Pacer(Option<tokio_timerfd::Delay>);

/// A wait this short is spun (yielding to the thread's other clients) rather than slept: a
/// timer's wake-up from idle costs about as much on a virtual machine, and at high rates
/// every request would pay it.
const SPIN_WAIT: Duration = Duration::from_micros(100);

impl Pacer {
    fn new(open_loop: bool) -> Pacer {
        Pacer(
            open_loop
                .then(|| tokio_timerfd::Delay::new(Instant::now()).ok())
                .flatten(),
        )
    }

    async fn until(&mut self, t: Instant) {
        if let Some(d) = &mut self.0 {
            d.reset(t);
            if d.await.is_ok() {
                return;
            }
            // A timerfd that cannot be read is given up for tokio's timer.
            self.0 = None;
        }
        tokio::time::sleep_until(t.into()).await;
    }
}

/// Runs one workload to completion (requests, duration or a fatal error).
pub fn run_phase(phase: Phase, spec: ConnSpec, live: Arc<Live>) -> Outcome {
    let phase = Arc::new(phase);
    let spec = Arc::new(spec);
    let threads = phase.threads.clamp(1, phase.clients.max(1));
    let start = Instant::now();
    let measure_from = start + phase.warmup;
    let deadline = phase
        .duration
        .map(|d| measure_from + d.max(phase.min_run.unwrap_or_default()));
    let floor = phase.min_run.map(|m| measure_from + m);
    let lengthened = phase
        .duration
        .zip(phase.min_run)
        .is_some_and(|(d, m)| d < m);
    let mut handles = Vec::new();
    let mut all_stats = Vec::new();
    for t in 0..threads {
        let stats = Arc::new(Mutex::new(ThreadStats::new()));
        all_stats.push(stats.clone());
        live.register(stats.clone());
        let ids: Vec<u64> = (0..phase.clients as u64)
            .filter(|c| *c as usize % threads == t)
            .collect();
        let (phase, spec, live) = (phase.clone(), spec.clone(), live.clone());
        handles.push(std::thread::spawn(move || {
            let _record = SchedOnExit::start(live.clone());
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
            // The clients are tasks of this thread's runtime itself (no LocalSet layered on
            // it: each wake-up would go through both schedulers).
            rt.block_on(async move {
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
                            floor,
                        };
                        tokio::spawn(c.run())
                    })
                    .collect();
                for t in tasks {
                    let _ = t.await;
                }
            });
        }));
    }
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (stats, done) = (all_stats.clone(), done.clone());
        let keep = phase.keep_intervals;
        std::thread::spawn(move || sample_intervals(&stats, measure_from, &done, keep))
    };
    for h in handles {
        let _ = h.join();
    }
    done.store(true, Ordering::SeqCst);
    let samples = sampler.join().unwrap_or_default();
    let elapsed = Instant::now().saturating_duration_since(measure_from);
    outcome_of(&all_stats, &live, samples, elapsed, lengthened)
}

/// The outcome of a phase from its threads' figures and the shared counters.
pub(super) fn outcome_of(
    stats: &[Arc<Mutex<ThreadStats>>],
    live: &Live,
    samples: RunSamples,
    elapsed: Duration,
    lengthened: bool,
) -> Outcome {
    let mut hist = new_hist();
    let mut errors = BTreeMap::new();
    let mut timeline: Vec<u64> = Vec::new();
    let mut cache: Vec<(u64, u64)> = Vec::new();
    for s in stats {
        if let Ok(s) = s.lock() {
            if cache.len() < s.cache.len() {
                cache.resize(s.cache.len(), (0, 0));
            }
            for (i, (h, m)) in s.cache.iter().enumerate() {
                cache[i].0 += h;
                cache[i].1 += m;
            }
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
        sent: live.issued.load(Ordering::SeqCst),
        measured: live.measured.load(Ordering::SeqCst),
        errors,
        elapsed,
        timeline,
        fatal,
        samples,
        raised: lengthened || live.raised.load(Ordering::SeqCst),
        sched: live.sched(),
        cache,
    }
}

/// Adds a driver thread's CPU time and wait since it started to `Live` when the thread ends,
/// on every way out.
pub(super) struct SchedOnExit(Arc<Live>, super::machine::Sched);

impl SchedOnExit {
    /// From now on the calling thread's CPU time and wait count as the run's.
    pub(super) fn start(live: Arc<Live>) -> SchedOnExit {
        SchedOnExit(live, super::machine::this_thread())
    }
}

impl Drop for SchedOnExit {
    fn drop(&mut self) {
        let d = super::machine::this_thread().since(self.1);
        if let Ok(mut s) = self.0.sched.lock() {
            s.add(d);
        }
    }
}

/// Every 100 ms from the start of measuring until `done`: takes each thread's interval figures
/// and merges them into one sample. The last, partial interval is dropped (its rate would be
/// off by its length).
pub(super) fn sample_intervals(
    stats: &[Arc<Mutex<ThreadStats>>],
    measure_from: Instant,
    done: &AtomicBool,
    keep: bool,
) -> RunSamples {
    let mut out = RunSamples {
        interval_ms: SAMPLE_MS,
        ..RunSamples::default()
    };
    let step = Duration::from_millis(SAMPLE_MS);
    let mut merged = interval_hist();
    let mut next = measure_from + step;
    let mut last = measure_from;
    loop {
        // Sleep in short slices so the end of the run is noticed at once.
        while Instant::now() < next {
            if done.load(Ordering::SeqCst) {
                return out;
            }
            std::thread::sleep((next - Instant::now()).min(Duration::from_millis(10)));
        }
        merged.reset();
        let mut ops = 0;
        for s in stats {
            if let Ok(mut s) = s.lock() {
                let _ = merged.add(&s.interval);
                s.interval.reset();
                ops += std::mem::take(&mut s.interval_ops);
            }
        }
        let now = Instant::now();
        let secs = now.duration_since(last).as_secs_f64().max(1e-6);
        out.ops_per_sec.push((ops as f64 / secs).round());
        let (p50, p99) = if ops > 0 {
            let p99 = merged.value_at_quantile(0.99);
            out.p99_us.push(p99);
            (Some(merged.value_at_quantile(0.5)), Some(p99))
        } else {
            (None, None)
        };
        out.intervals.push(Interval {
            start: last.duration_since(measure_from),
            length: now.duration_since(last),
            ops,
            p50_us: p50,
            p99_us: p99,
            hist: keep.then(|| merged.clone()),
        });
        last = now;
        next += step;
        // A sampler that fell behind (a stalled machine) starts again from now.
        if next < now {
            next = now + step;
        }
    }
}
