//! The UNLINK engine: SCAN + UNLINK by pattern on every master concurrently, with a dry run, a
//! rate cap, progress counters and a clean stop between batches. Used by `cache flush` and by
//! `bench`'s cleanup.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::ops::keys::show_key;
use crate::ops::scan::{Filters, Scan};
use crate::redis::{ConnError, Node, Unreached, slot};
use crate::signal::Stop;

/// How a flush runs.
#[derive(Debug, Clone)]
pub struct Plan {
    pub pattern: String,
    pub scan_count: usize,
    pub batch: usize,
    pub filters: Filters,
    pub dry_run: bool,
    pub rate: Option<u64>,
    pub sample: usize,
    /// A cluster node: multi-key UNLINK only within one slot.
    pub cluster: bool,
}

#[derive(Debug, Serialize)]
pub struct NodeFlush {
    pub addr: String,
    /// Keys selected (in a dry run: that would be deleted).
    pub matched: u64,
    /// Keys the server said it removed.
    pub deleted: u64,
    pub sample: Vec<String>,
    pub error: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FlushReport {
    pub pattern: String,
    pub dry_run: bool,
    pub matched: u64,
    pub deleted: u64,
    pub interrupted: bool,
    pub elapsed_ms: u64,
    pub keys_per_sec: f64,
    pub nodes: Vec<NodeFlush>,
    /// Masters (and slots) that could not be reached: their keys were not touched.
    pub unreached: Vec<Unreached>,
}

/// Live counters for the progress bar, shared by every node's task.
#[derive(Default)]
pub struct Counters {
    pub scanned: AtomicU64,
    pub matched: AtomicU64,
    pub deleted: AtomicU64,
}

/// Paces deletions to `rate` keys per second across all nodes.
pub struct Limiter {
    rate: u64,
    start: Instant,
    granted: AtomicU64,
}

impl Limiter {
    pub fn new(rate: u64) -> Limiter {
        Limiter {
            rate: rate.max(1),
            start: Instant::now(),
            granted: AtomicU64::new(0),
        }
    }

    /// Waits until `n` more deletions fit under the rate.
    async fn take(&self, n: u64) {
        let before = self.granted.fetch_add(n, Ordering::SeqCst);
        let due = Duration::from_secs_f64(before as f64 / self.rate as f64);
        let elapsed = self.start.elapsed();
        if due > elapsed {
            tokio::time::sleep(due - elapsed).await;
        }
    }
}

/// UNLINKs one batch on its node; returns how many keys the server removed.
async fn unlink(mut node: Node, keys: Vec<Vec<u8>>, cluster: bool) -> Result<u64, ConnError> {
    if keys.is_empty() {
        return Ok(0);
    }
    if !cluster {
        let mut cmd = redis::cmd("UNLINK");
        for k in &keys {
            cmd.arg(k);
        }
        return node.query(&cmd).await;
    }
    // On a cluster node a multi-key UNLINK must stay within one slot (else CROSSSLOT).
    let mut by_slot: std::collections::BTreeMap<u16, Vec<&Vec<u8>>> = Default::default();
    for k in &keys {
        by_slot.entry(slot(k)).or_default().push(k);
    }
    let mut pipe = redis::pipe();
    for group in by_slot.values() {
        let c = pipe.cmd("UNLINK");
        for k in group {
            c.arg(*k);
        }
    }
    let counts: Vec<u64> = node.pipe(&pipe).await?;
    Ok(counts.iter().sum())
}

type Inflight = Vec<tokio::task::JoinHandle<Result<u64, ConnError>>>;

/// Waits for the UNLINKs in flight: how many keys they removed, and the first error.
async fn settle(
    inflight: &mut Inflight,
    addr: &str,
    counters: &Counters,
) -> (u64, Option<ConnError>) {
    // Every batch is awaited even after one fails, so what the others deleted is counted.
    let mut total = 0;
    let mut first_error = None;
    for h in inflight.drain(..) {
        match h.await {
            Ok(Ok(n)) => {
                total += n;
                counters.deleted.fetch_add(n, Ordering::Relaxed);
            }
            Ok(Err(e)) => {
                first_error.get_or_insert(e);
            }
            Err(e) => {
                first_error.get_or_insert(ConnError::Server {
                    addr: addr.to_string(),
                    detail: e.to_string(),
                });
            }
        }
    }
    (total, first_error)
}

/// Flushes (or counts) one node. Scanning the next batch overlaps the UNLINK of the last one.
pub async fn flush_node(
    node: Node,
    plan: &Plan,
    counters: &Counters,
    limiter: Option<&Limiter>,
    stop: &Stop,
) -> NodeFlush {
    let mut result = NodeFlush {
        addr: node.addr.clone(),
        matched: 0,
        deleted: 0,
        sample: Vec::new(),
        error: None,
    };
    let mut scan = Scan::new(
        node.clone(),
        &plan.pattern,
        plan.scan_count,
        plan.filters.clone(),
    );
    let mut inflight: Inflight = Vec::new();
    let outcome: Result<(), ConnError> = async {
        while !stop.requested() {
            let seen_before = scan.seen;
            let Some(keys) = scan.next_batch().await? else {
                break;
            };
            counters
                .scanned
                .fetch_add(scan.seen - seen_before, Ordering::Relaxed);
            counters
                .matched
                .fetch_add(keys.len() as u64, Ordering::Relaxed);
            result.matched += keys.len() as u64;
            for k in keys
                .iter()
                .take(plan.sample.saturating_sub(result.sample.len()))
            {
                result.sample.push(show_key(k));
            }
            if plan.dry_run {
                continue;
            }
            let (n, err) = settle(&mut inflight, &node.addr, counters).await;
            result.deleted += n;
            if let Some(e) = err {
                return Err(e);
            }
            for chunk in keys.chunks(plan.batch.max(1)) {
                if let Some(l) = limiter {
                    l.take(chunk.len() as u64).await;
                }
                inflight.push(tokio::spawn(unlink(
                    node.clone(),
                    chunk.to_vec(),
                    plan.cluster,
                )));
            }
        }
        // The batch in flight finishes even after Ctrl-C: what was sent is reported.
        let (n, err) = settle(&mut inflight, &node.addr, counters).await;
        result.deleted += n;
        if let Some(e) = err {
            return Err(e);
        }
        Ok(())
    }
    .await;
    if let Err(e) = outcome {
        result.error = Some(e.to_string());
    }
    result
}

/// Flushes every node concurrently and sums the results.
pub async fn run_all(
    nodes: Vec<Node>,
    plan: &Plan,
    stop: &Stop,
    progress: &indicatif::ProgressBar,
) -> FlushReport {
    let started = Instant::now();
    let counters = Arc::new(Counters::default());
    let limiter = plan.rate.map(Limiter::new);
    let ticker = {
        let c = counters.clone();
        let pb = progress.clone();
        let dry = plan.dry_run;
        tokio::spawn(async move {
            loop {
                let (s, m, d) = (
                    c.scanned.load(Ordering::Relaxed),
                    c.matched.load(Ordering::Relaxed),
                    c.deleted.load(Ordering::Relaxed),
                );
                if dry {
                    pb.set_message(format!("scanned {s}, matched {m}"));
                } else {
                    pb.set_message(format!("scanned {s}, matched {m}, deleted {d}"));
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        })
    };
    let futures = nodes
        .into_iter()
        .map(|n| flush_node(n, plan, &counters, limiter.as_ref(), stop));
    let results = futures::future::join_all(futures).await;
    ticker.abort();
    progress.finish_and_clear();
    let elapsed = started.elapsed();
    let deleted: u64 = results.iter().map(|r| r.deleted).sum();
    let matched: u64 = results.iter().map(|r| r.matched).sum();
    let done = if plan.dry_run { matched } else { deleted };
    FlushReport {
        pattern: plan.pattern.clone(),
        dry_run: plan.dry_run,
        matched,
        deleted,
        interrupted: stop.requested(),
        elapsed_ms: elapsed.as_millis() as u64,
        keys_per_sec: if elapsed.as_secs_f64() > 0.0 {
            (done as f64 / elapsed.as_secs_f64()).round()
        } else {
            0.0
        },
        nodes: results,
        unreached: Vec::new(),
    }
}
