//! The chunk loop shared by the copy and the rollback: primary-key ranges `(lo, hi]` (never
//! OFFSET), each chunk and its checkpoint in one transaction, the chunk size adapted to a target
//! time, a catch-up of rows written meanwhile, Ctrl-C honoured between chunks.

use std::time::{Duration, Instant};

use serde::Serialize;

use super::sql::Sql;
use crate::db::{self, Db, Dialect, get_i64};
use crate::exit;
use crate::output::Output;
use crate::output::progress;

/// What a run does to each chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Insert the missing recipient rows.
    Copy,
    /// Copy read state back into messages, then delete the mirrored recipient rows.
    Rollback,
}

impl Job {
    fn kind(self) -> &'static str {
        match self {
            Job::Copy => "copy",
            Job::Rollback => "rollback",
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
    /// A log line every this many chunks when no progress bar is shown.
    pub log_every: u64,
}

/// Set once Ctrl-C (or SIGTERM) arrives; the loop stops after the chunk in flight.
pub use crate::cmd::Stop;

/// No chunk may take longer than this: a database that stops answering mid-run (the socket
/// stays open, nothing comes back) ends the run with exit 3 instead of hanging cron.
const CHUNK_LIMIT: Duration = Duration::from_secs(600);

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
    pub last_id: i64,
    pub high_water: i64,
    pub interrupted: bool,
    pub limited: bool,
}

/// Adapts the chunk size so each chunk takes about the target time.
#[derive(Debug, Clone)]
struct Sizer {
    size: i64,
    target: Duration,
}

impl Sizer {
    fn adapt(&mut self, elapsed: Duration) {
        if self.target.is_zero() {
            return;
        }
        let ratio = self.target.as_secs_f64() / elapsed.as_secs_f64().max(0.001);
        let factor = ratio.clamp(0.5, 4.0);
        self.size = ((self.size as f64 * factor) as i64).clamp(100, 5_000_000);
    }
}

fn now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// Holds the database-wide lock that keeps two runs from interleaving (MySQL GET_LOCK,
/// PostgreSQL advisory lock; SQLite has one writer at a time anyway).
async fn take_lock(db: &Db) -> anyhow::Result<Option<sqlx::pool::PoolConnection<sqlx::Any>>> {
    let sql = match db.dialect {
        Dialect::Mysql => "SELECT CAST(GET_LOCK('redkit_migrate_recipients', 0) AS SIGNED)",
        Dialect::Postgres => {
            "SELECT CAST(CASE WHEN pg_try_advisory_lock(7270010) THEN 1 ELSE 0 END AS BIGINT)"
        }
        Dialect::Sqlite => return Ok(None),
    };
    let mut conn = db.pool.acquire().await?;
    let row = db::stmt(sql).fetch_one(&mut *conn).await?;
    if get_i64(&row, 0)? != 1 {
        return Err(exit::runtime(
            "another redkit migrate run holds the migration lock on this database; wait for it or stop it",
        ));
    }
    Ok(Some(conn))
}

async fn release_lock(db: &Db, conn: Option<sqlx::pool::PoolConnection<sqlx::Any>>) {
    let Some(mut conn) = conn else { return };
    let sql = match db.dialect {
        Dialect::Mysql => "DO RELEASE_LOCK('redkit_migrate_recipients')",
        _ => "SELECT pg_advisory_unlock(7270010)",
    };
    let _ = db::stmt(sql).execute(&mut *conn).await;
}

/// Runs a statement over the id range (lo, hi] inside the chunk's transaction.
async fn on_range(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    sql: &str,
    lo: i64,
    hi: i64,
) -> anyhow::Result<i64> {
    let r = db::stmt(sql).bind(lo).bind(hi).execute(&mut **tx).await?;
    Ok(r.rows_affected() as i64)
}

/// One chunk and its checkpoint, in one transaction. Returns (rows, extra).
async fn chunk(
    db: &Db,
    sql: &Sql,
    job: Job,
    run: &RunResult,
    lo: i64,
    hi: i64,
) -> anyhow::Result<(i64, i64)> {
    let mut tx = db.pool.begin().await?;
    let (rows, extra) = match job {
        Job::Copy => {
            let n = on_range(&mut tx, &sql.copy_chunk(), lo, hi).await?;
            (n, if lo >= run.high_water { n } else { 0 })
        }
        Job::Rollback => {
            // Read state first: the delete removes the rows it is read from.
            let restored = on_range(&mut tx, &sql.restore_read_state(), lo, hi).await?;
            let deleted = on_range(&mut tx, &sql.delete_mirrored(), lo, hi).await?;
            (deleted, restored)
        }
    };
    db::stmt(&sql.checkpoint())
        .bind(hi)
        .bind(rows)
        .bind(extra)
        .bind(run.high_water)
        .bind(now())
        .bind(run.run_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok((rows, extra))
}

/// A chunk retried on deadlocks, lock timeouts, a busy SQLite file or a duplicate-key race.
async fn chunk_with_retry(
    db: &Db,
    sql: &Sql,
    job: Job,
    run: &RunResult,
    lo: i64,
    hi: i64,
) -> anyhow::Result<(i64, i64)> {
    let mut attempt = 0;
    loop {
        let result = match tokio::time::timeout(CHUNK_LIMIT, chunk(db, sql, job, run, lo, hi)).await
        {
            Ok(r) => r,
            Err(_) => Err(crate::exit::runtime(format!(
                "{}: no answer for {} while copying ids {lo}..{hi}; the chunk was not committed",
                db.masked,
                crate::duration::format(CHUNK_LIMIT)
            ))),
        };
        match result {
            Ok(v) => return Ok(v),
            Err(e) if attempt < 4 && db::is_transient(&e) => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(100 << attempt)).await;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Creates the state table and starts (or, for a copy, resumes) a run.
async fn open_run(db: &Db, sql: &Sql, job: Job, created_table: bool) -> anyhow::Result<RunResult> {
    db.exec(&sql.create_state()).await?;
    if job == Job::Copy {
        let rows = db.rows(&sql.unfinished_run(), &[]).await?;
        if let Some(r) = rows.first() {
            let run_id = get_i64(r, 0)?;
            let last_id = get_i64(r, 2)?;
            db::stmt(&sql.finish_run())
                .bind("running")
                .bind(None::<String>)
                .bind(now())
                .bind(None::<String>)
                .bind(run_id)
                .execute(&db.pool)
                .await?;
            return Ok(RunResult {
                run_id,
                resumed_from: Some(last_id),
                high_water: get_i64(r, 1)?,
                last_id,
                ..RunResult::default()
            });
        }
    }
    // Run ids are start times in milliseconds: unique enough, and they sort.
    let prev = db
        .int(
            &format!(
                "SELECT {} FROM {}",
                db.dialect.int("MAX(run_id)"),
                sql.state
            ),
            &[],
        )
        .await?;
    let run_id = (chrono::Utc::now().timestamp_millis()).max(prev + 1);
    let high_water = db.int(&sql.max_id(), &[]).await?;
    db::stmt(&sql.insert_run())
        .bind(run_id)
        .bind(job.kind())
        .bind(now())
        .bind(now())
        .bind(high_water)
        .bind(0i64)
        .bind(i64::from(created_table))
        .execute(&db.pool)
        .await?;
    Ok(RunResult {
        run_id,
        high_water,
        ..RunResult::default()
    })
}

/// Marks the run's end state in the state table.
async fn close_run(
    db: &Db,
    sql: &Sql,
    run: &RunResult,
    status: &str,
    message: Option<String>,
) -> anyhow::Result<()> {
    let finished = (status != "running").then(now);
    db::stmt(&sql.finish_run())
        .bind(status)
        .bind(finished)
        .bind(now())
        .bind(message)
        .bind(run.run_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// What a run works with.
pub struct RunCtx<'a> {
    pub db: &'a Db,
    pub sql: &'a Sql,
    pub pace: &'a Pace,
    pub out: &'a Output,
    pub stop: &'a Stop,
}

/// Runs `job` over every message id, then catches up rows written meanwhile.
pub async fn drive(
    cx: &RunCtx<'_>,
    job: Job,
    expected_rows: i64,
    created_table: bool,
) -> anyhow::Result<RunResult> {
    let lock = take_lock(cx.db).await?;
    let result = drive_locked(cx, job, expected_rows, created_table).await;
    release_lock(cx.db, lock).await;
    result
}

async fn drive_locked(
    cx: &RunCtx<'_>,
    job: Job,
    expected_rows: i64,
    created_table: bool,
) -> anyhow::Result<RunResult> {
    let RunCtx {
        db,
        sql,
        pace,
        out,
        stop,
    } = *cx;
    let mut run = open_run(db, sql, job, created_table).await?;
    let verb = match job {
        Job::Copy => "copied",
        Job::Rollback => "removed",
    };
    match run.resumed_from {
        Some(id) => out.note(format!(
            "redkit: migrate: resuming run {} after id {id} (high-water mark {})",
            run.run_id, run.high_water
        )),
        None => out.note(format!(
            "redkit: migrate: {} run {} started, ids up to {}",
            job.kind(),
            run.run_id,
            run.high_water
        )),
    }
    let bar = progress::bar(
        out,
        Some(expected_rows.max(0) as u64),
        "{spinner} [{bar:40}] {pos}/{len} rows {per_sec} eta {eta}",
    );
    let mut sizer = Sizer {
        size: pace.batch_size.max(1),
        target: pace.chunk_time,
    };
    let started = Instant::now();
    let mut target = run.high_water;
    let mut last = run.last_id;
    loop {
        if stop.requested() {
            run.interrupted = true;
            break;
        }
        if pace.max_rows.is_some_and(|m| run.rows >= m) {
            run.limited = true;
            break;
        }
        if last >= target {
            let max = db
                .int(&sql.max_id(), &[])
                .await
                .map_err(|e| stopped(sql, &run, last, &e))?;
            if max <= last {
                break;
            }
            target = max;
            continue;
        }
        let next = db
            .int(&sql.next_id(), &[last])
            .await
            .map_err(|e| stopped(sql, &run, last, &e))?;
        if next == 0 || next > target {
            // Nothing left below the mark: jump to it (the next checkpoint records that).
            last = target;
            continue;
        }
        let lo = last.max(next - 1);
        let hi = (lo + sizer.size).min(target);
        let t = Instant::now();
        let (rows, extra) = match chunk_with_retry(db, sql, job, &run, lo, hi).await {
            Ok(v) => v,
            Err(e) => {
                bar.finish_and_clear();
                let msg = format!("chunk of ids ({lo}, {hi}] failed: {}", db::describe(&e));
                let _ = close_run(db, sql, &run, "failed", Some(truncate(&msg, 250))).await;
                return Err(stopped(sql, &run, last, &e));
            }
        };
        sizer.adapt(t.elapsed());
        last = hi;
        run.last_id = hi;
        run.rows += rows;
        run.extra += extra;
        run.chunks += 1;
        bar.inc(rows.max(0) as u64);
        if bar.is_hidden() && pace.log_every > 0 && run.chunks % pace.log_every == 0 {
            let secs = started.elapsed().as_secs_f64().max(0.001);
            out.note(format!(
                "redkit: migrate: run {}: {} rows {verb}, up to id {hi} of {target} ({:.0} rows/s, chunk {} ids)",
                run.run_id,
                run.rows,
                run.rows as f64 / secs,
                sizer.size
            ));
        }
        if !pace.sleep.is_zero() {
            tokio::time::sleep(pace.sleep).await;
        }
    }
    bar.finish_and_clear();
    run.last_id = last;
    let status = if run.interrupted || run.limited {
        "interrupted"
    } else if job == Job::Rollback {
        "rolled_back"
    } else {
        "done"
    };
    close_run(db, sql, &run, status, None).await?;
    if job == Job::Rollback && status == "rolled_back" {
        db::stmt(&sql.mark_rolled_back())
            .bind(now())
            .execute(&db.pool)
            .await?;
    }
    out.note(format!(
        "redkit: migrate: run {} {status}: {} rows {verb} in {} chunks, last id {}",
        run.run_id, run.rows, run.chunks, run.last_id
    ));
    Ok(run)
}

/// The error a run stops with: what failed, and where the state table says to resume.
fn stopped(sql: &Sql, run: &RunResult, last: i64, e: &anyhow::Error) -> anyhow::Error {
    exit::runtime(format!(
        "{}; nothing half-applied: table {} (run {}) records the last committed id {last}, run again to resume",
        db::describe(e),
        sql.names.state,
        run.run_id
    ))
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizer_moves_towards_the_target_time() {
        let mut s = Sizer {
            size: 5000,
            target: Duration::from_millis(500),
        };
        s.adapt(Duration::from_millis(50));
        assert_eq!(s.size, 20000);
        s.adapt(Duration::from_secs(2));
        assert_eq!(s.size, 10000);
        let mut fixed = Sizer {
            size: 10,
            target: Duration::ZERO,
        };
        fixed.adapt(Duration::from_millis(1));
        assert_eq!(fixed.size, 10);
    }
}
