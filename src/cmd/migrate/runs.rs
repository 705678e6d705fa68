//! What a run is, shared by the chunk loop (`runner`), the index build (`indexes`) and the
//! state table (`state`): its kind, pace, context, result and failure.

use std::time::Duration;

use serde::Serialize;

use super::sql::Sql;
use crate::db::Db;
use crate::output::Output;

/// What a run does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Insert the missing recipient rows.
    Copy,
    /// Copy read state back into messages, then delete the rows copy runs created.
    Rollback,
    /// Mark read in the recipients table the rows whose read was lost there.
    RepairReads,
}

impl Job {
    pub fn kind(self) -> &'static str {
        match self {
            Job::Copy => "copy",
            Job::Rollback => "rollback",
            Job::RepairReads => "repair_reads",
        }
    }

    pub fn verb(self) -> &'static str {
        match self {
            Job::Copy => "copied",
            Job::Rollback => "removed",
            Job::RepairReads => "marked read",
        }
    }
}

/// How the loop paces itself.
#[derive(Debug, Clone)]
pub struct Pace {
    /// Starting chunk size in ids (and the fixed size when `chunk_time` is zero).
    pub batch_size: i64,
    /// Target time per chunk; the size adapts towards it (pt-online-schema-change's rule).
    pub chunk_time: Duration,
    pub sleep: Duration,
    pub max_rows: Option<i64>,
    /// A progress line at most this often when no progress bar is shown, and a reminder at
    /// most this often while paused (zero: neither).
    pub log_every: Duration,
}

/// Set once Ctrl-C (or SIGTERM) arrives; the loop stops after the chunk in flight.
pub use crate::cmd::Stop;

/// What a run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunResult {
    pub run_id: i64,
    pub resumed_from: Option<i64>,
    /// Rows inserted (copy) or deleted (rollback) by this invocation.
    pub rows: i64,
    /// Copy: rows above the starting high-water mark; rollback: read states restored.
    pub extra: i64,
    pub chunks: u64,
    /// The last id committed (the walk's cursor), None before the first chunk.
    pub last_id: Option<i64>,
    pub high_water: Option<i64>,
    pub interrupted: bool,
    pub limited: bool,
    pub throttled: Duration,
    pub throttle_reasons: Vec<String>,
    /// Secondary indexes built by this invocation, and those still missing.
    pub indexes_built: Vec<String>,
    pub pending_indexes: Vec<String>,
    /// Rows of copy runs made before chunk records existed, which a rollback cannot tell
    /// from the application's own and leaves in place.
    pub unrecorded_runs: i64,
    /// The run owns the table's contents (created it, or found it empty): chunks above the
    /// checkpoint skip the anti-join.
    #[serde(skip)]
    pub owned: bool,
}

/// What a run works with.
pub struct RunCtx<'a> {
    pub db: &'a Db,
    pub sql: &'a Sql,
    pub pace: &'a Pace,
    pub out: &'a Output,
    pub stop: &'a Stop,
}

/// A run that stopped with an error: the report so far and the error (exit 3).
pub struct Failed {
    pub run: RunResult,
    pub error: anyhow::Error,
    /// The database stopped answering (so it is not asked again).
    pub silent: bool,
}

/// Runs `fut` unless a stop request comes first (then None; the statement is abandoned and
/// its transaction rolled back by the server).
pub async fn unless_stopped<T>(
    stop: &Stop,
    fut: impl std::future::Future<Output = T>,
) -> Option<T> {
    let watch = async {
        while !stop.requested() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    tokio::select! {
        v = fut => Some(v),
        () = watch => None,
    }
}
