//! The UNLINK engine: SCAN + UNLINK by pattern on every master concurrently, with a dry run, a
//! rate cap, progress counters and a clean stop between batches; on a cluster, UNLINKs grouped
//! by slot and MOVED/ASK followed per command. Used by `cache flush` and by `bench`'s cleanup.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::ops::keys::show_key;
use crate::ops::name::Name;
use crate::ops::scan::{Filters, Scan};
use crate::redis::cluster::Router;
use crate::redis::{ConnError, Node, ServerCode, Unreached, slot};
use crate::signal::Stop;

/// How a flush runs.
#[derive(Debug, Clone)]
pub struct Plan {
    pub pattern: Name,
    pub scan_count: usize,
    pub batch: usize,
    pub filters: Filters,
    pub dry_run: bool,
    pub rate: Option<u64>,
    pub sample: usize,
    /// On a cluster: multi-key UNLINK only within one slot, and MOVED/ASK replies followed
    /// through this router (a slot being resharded has keys on two nodes).
    pub cluster: Option<Arc<Router>>,
}

#[derive(Debug, Serialize)]
pub struct NodeFlush {
    pub addr: String,
    /// Keys selected (in a dry run: that would be deleted).
    pub matched: u64,
    /// Keys the server said it removed (UNLINK's replies, wherever they were sent).
    pub deleted: u64,
    /// Keys this node's SCAN found that were deleted on another node, after a MOVED or ASK
    /// reply (a slot being resharded).
    pub redirected: u64,
    pub sample: Vec<String>,
    pub error: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FlushReport {
    pub pattern: Name,
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
    /// Every node's SCAN progress, in `progress::FRACTION_STEPS` per node, summed.
    pub steps: AtomicU64,
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
    pub async fn take(&self, n: u64) {
        let before = self.granted.fetch_add(n, Ordering::SeqCst);
        let due = Duration::from_secs_f64(before as f64 / self.rate as f64);
        let elapsed = self.start.elapsed();
        if due > elapsed {
            tokio::time::sleep(due - elapsed).await;
        }
    }
}

/// What one UNLINK batch did: the keys the server removed, how many of them after a
/// redirection, and the error that stopped part of it.
#[derive(Debug, Default)]
struct Batch {
    deleted: u64,
    redirected: u64,
    error: Option<ConnError>,
}

/// UNLINKs one batch on its node.
async fn unlink(mut node: Node, keys: Vec<Vec<u8>>, router: Option<Arc<Router>>) -> Batch {
    if keys.is_empty() {
        return Batch::default();
    }
    let Some(router) = router else {
        let mut cmd = redis::cmd("UNLINK");
        for k in &keys {
            cmd.arg(k);
        }
        return match node.query(&cmd).await {
            Ok(n) => Batch {
                deleted: n,
                ..Batch::default()
            },
            Err(e) => Batch {
                error: Some(e),
                ..Batch::default()
            },
        };
    };
    // On a cluster node a multi-key UNLINK must stay within one slot (else CROSSSLOT).
    let mut by_slot: std::collections::BTreeMap<u16, Vec<&[u8]>> = Default::default();
    for k in &keys {
        by_slot.entry(slot(k)).or_default().push(k);
    }
    let groups: Vec<Vec<&[u8]>> = by_slot.into_values().collect();
    let mut batch = Batch::default();
    let mut retry = run_groups(&node, &router, &groups, &mut batch).await;
    // TRYAGAIN: a multi-key command on a slot whose keys are on both sides of a migration.
    // One key at a time always lands on one side; a key still refused is tried a few times.
    for attempt in 1..=5u64 {
        if retry.is_empty() || batch.error.is_some() {
            break;
        }
        let singles: Vec<Vec<&[u8]>> = retry.iter().map(|k| vec![*k]).collect();
        if attempt > 1 {
            tokio::time::sleep(Duration::from_millis(20 * attempt)).await;
        }
        retry = run_groups(&node, &router, &singles, &mut batch).await;
    }
    if let Some(k) = retry.first()
        && batch.error.is_none()
    {
        batch.error = Some(ConnError::Reply {
            addr: node.addr.clone(),
            code: ServerCode::TryAgain,
            detail: format!("TRYAGAIN for {} key(s), e.g. {}", retry.len(), show_key(k)),
        });
    }
    batch
}

/// One UNLINK per group (keys of one slot), redirections followed; counts into `batch` and
/// returns the keys of the groups that answered TRYAGAIN.
async fn run_groups<'a>(
    node: &Node,
    router: &Router,
    groups: &[Vec<&'a [u8]>],
    batch: &mut Batch,
) -> Vec<&'a [u8]> {
    let cmds: Vec<redis::Cmd> = groups
        .iter()
        .map(|g| {
            let mut c = redis::cmd("UNLINK");
            for k in g {
                c.arg(*k);
            }
            c
        })
        .collect();
    let routed = router.run(node, &cmds).await;
    let mut retry = Vec::new();
    for ((g, reply), moved) in groups.iter().zip(routed.replies).zip(routed.redirected) {
        match reply {
            redis::Value::Int(n) => {
                let n = u64::try_from(n).unwrap_or(0);
                batch.deleted += n;
                if moved {
                    batch.redirected += n;
                }
            }
            redis::Value::ServerError(e) if e.code() == "TRYAGAIN" => retry.extend(g),
            redis::Value::ServerError(e) => {
                let detail = crate::output::escape::escape_str(&format!(
                    "{} {}",
                    e.code(),
                    e.details().unwrap_or("")
                ));
                batch.error.get_or_insert(ConnError::Reply {
                    addr: node.addr.clone(),
                    code: ServerCode::parse(e.code()),
                    detail,
                });
            }
            // Not sent: the connection failed first (that error is in `routed.error`).
            redis::Value::Nil => {}
            other => {
                batch.error.get_or_insert(ConnError::Server {
                    addr: node.addr.clone(),
                    detail: format!("unexpected UNLINK reply {other:?}"),
                });
            }
        }
    }
    if let Some(e) = routed.error {
        batch.error.get_or_insert(e);
    }
    retry
}

type Inflight = Vec<tokio::task::JoinHandle<Batch>>;

/// Waits for the UNLINKs in flight: what they removed, and the first error.
async fn settle(inflight: &mut Inflight, addr: &str, counters: &Counters) -> Batch {
    // Every batch is awaited even after one fails, so what the others deleted is counted.
    let mut total = Batch::default();
    for h in inflight.drain(..) {
        match h.await {
            Ok(b) => {
                total.deleted += b.deleted;
                total.redirected += b.redirected;
                counters.deleted.fetch_add(b.deleted, Ordering::Relaxed);
                if let Some(e) = b.error {
                    total.error.get_or_insert(e);
                }
            }
            Err(e) => {
                total.error.get_or_insert(ConnError::Server {
                    addr: addr.to_string(),
                    detail: e.to_string(),
                });
            }
        }
    }
    total
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
        redirected: 0,
        sample: Vec::new(),
        error: None,
    };
    let mut scan = Scan::new(
        node.clone(),
        plan.pattern.as_bytes(),
        plan.scan_count,
        plan.filters.clone(),
    );
    let mut inflight: Inflight = Vec::new();
    let outcome: Result<(), ConnError> = async {
        while !stop.requested() {
            let seen_before = scan.seen;
            let steps_before = scan.steps();
            let Some(keys) = scan.next_batch().await? else {
                break;
            };
            counters
                .steps
                .fetch_add(scan.steps().saturating_sub(steps_before), Ordering::Relaxed);
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
            let done = settle(&mut inflight, &node.addr, counters).await;
            result.deleted += done.deleted;
            result.redirected += done.redirected;
            if let Some(e) = done.error {
                return Err(e);
            }
            for chunk in keys.chunks(plan.batch.max(1)) {
                if let Some(l) = limiter {
                    l.take(chunk.len() as u64).await;
                }
                inflight.push(tokio::spawn(unlink(
                    node.clone(),
                    chunk.to_vec(),
                    plan.cluster.clone(),
                )));
            }
        }
        // The batch in flight finishes even after Ctrl-C: what was sent is reported.
        let done = settle(&mut inflight, &node.addr, counters).await;
        result.deleted += done.deleted;
        result.redirected += done.redirected;
        if let Some(e) = done.error {
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
    let n_nodes = nodes.len().max(1) as u64;
    let ticker = {
        let c = counters.clone();
        let pb = progress.clone();
        let dry = plan.dry_run;
        tokio::spawn(async move {
            loop {
                pb.set_position(c.steps.load(Ordering::Relaxed) / n_nodes);
                let (s, m, d) = (
                    c.scanned.load(Ordering::Relaxed),
                    c.matched.load(Ordering::Relaxed),
                    c.deleted.load(Ordering::Relaxed),
                );
                // Short: the bar's line must not wrap.
                let _ = s;
                if dry {
                    crate::output::progress::set_count(&pb, m, "matched");
                } else {
                    crate::output::progress::set_count(&pb, d, "deleted");
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
