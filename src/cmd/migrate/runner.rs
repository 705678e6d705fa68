//! The chunk loop of the copy and the rollback. The copy walks primary-key spans `[lo, hi]`
//! (never OFFSET; see `ranges`), each chunk, its record and its checkpoint in one transaction,
//! the chunk size adapted to a target time, throttled before each chunk, then builds the
//! deferred indexes. The rollback undoes chunk records one by one. Every statement is bounded
//! by `--timeout`; Ctrl-C and SIGTERM are honoured between chunks and during waits.

use std::time::{Duration, Instant};

use super::bar::RunBar;
use super::indexes::build_pending;
use super::ranges::{self, Cursor};
pub use super::runs::{Failed, Job, Pace, RunCtx, RunResult, Stop, unless_stopped};
use super::sql::Sql;
use super::state::{OptInt, close_run, now, open_run, set_pending, split_list};
use super::state::{Owner, RunStatus};
use super::throttle::{Pause, Throttle, now_us};
use crate::db::{self, Db, Dialect, get_i64, get_text};
use crate::exit;

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

/// The statements of the run lock, or None where one writer at a time is the rule already.
fn lock_sql(d: Dialect) -> Option<(&'static str, &'static str)> {
    match d {
        // MySQL's named locks are server-wide: the name carries the database (hashed, as a
        // lock name has at most 64 characters), so runs on two databases do not exclude
        // each other. PostgreSQL's advisory locks are per database already.
        Dialect::Mysql => Some((
            "SELECT CAST(GET_LOCK(CONCAT('redkit_migrate_', MD5(DATABASE())), 0) AS SIGNED)",
            "DO RELEASE_LOCK(CONCAT('redkit_migrate_', MD5(DATABASE())))",
        )),
        Dialect::Postgres => Some((
            "SELECT CAST(CASE WHEN pg_try_advisory_lock(7270010) THEN 1 ELSE 0 END AS BIGINT)",
            "SELECT pg_advisory_unlock(7270010)",
        )),
        Dialect::Sqlite => None,
    }
}

/// Holds the database-wide lock that keeps two runs from interleaving (MySQL GET_LOCK,
/// PostgreSQL advisory lock; SQLite has one writer at a time anyway).
async fn take_lock(db: &Db) -> anyhow::Result<Option<sqlx::pool::PoolConnection<sqlx::Any>>> {
    let Some((take, _)) = lock_sql(db.dialect) else {
        return Ok(None);
    };
    let (conn, got) = db
        .timed("taking the migration lock", async {
            let mut conn = db.pool.acquire().await?;
            let row = db::stmt(take).fetch_one(&mut *conn).await?;
            anyhow::Ok((conn, get_i64(&row, 0)?))
        })
        .await?;
    if got != 1 {
        return Err(exit::runtime(
            "another redkit migrate run holds the migration lock on this database; wait for it or stop it",
        ));
    }
    Ok(Some(conn))
}

async fn release_lock(db: &Db, conn: Option<sqlx::pool::PoolConnection<sqlx::Any>>) {
    let (Some(mut conn), Some((_, release))) = (conn, lock_sql(db.dialect)) else {
        return;
    };
    let _ = db
        .timed("releasing the migration lock", async {
            db::stmt(release).execute(&mut *conn).await
        })
        .await;
}

/// The outcome of one copy chunk.
struct Copied {
    rows: i64,
    extra: i64,
}

/// One copy chunk `[lo, hi]`: the insert, its chunk record and the checkpoint, in one
/// transaction, each statement under `--timeout`.
async fn copy_chunk(
    db: &Db,
    sql: &Sql,
    run: &RunResult,
    lo: i64,
    hi: i64,
    hb: i64,
    anti_join: bool,
) -> anyhow::Result<Copied> {
    let mut tx = db.begin().await?;
    let before = db
        .timed("reading the last recipient row id", async {
            let row = db::stmt(&sql.max_recipient_row())
                .fetch_one(&mut *tx)
                .await?;
            anyhow::Ok(row.opt_i64(0)?)
        })
        .await?;
    let rows = db
        .timed(&format!("copying ids {lo}..={hi}"), async {
            let text = if anti_join {
                sql.copy_chunk()
            } else {
                sql.copy_chunk_owned()
            };
            db::stmt(&text).bind(lo).bind(hi).execute(&mut *tx).await
        })
        .await?
        .rows_affected() as i64;
    if rows > 0 {
        let (first, last) = db
            .timed("reading the rows the chunk created", async {
                let row = db::stmt(&sql.created_rows())
                    .bind(before.unwrap_or(i64::MIN))
                    .fetch_one(&mut *tx)
                    .await?;
                anyhow::Ok((get_i64(&row, 0)?, get_i64(&row, 1)?))
            })
            .await?;
        let count = rows;
        db.timed("recording the chunk", async {
            db::stmt(&sql.insert_chunk())
                .bind(run.run_id)
                .bind(lo)
                .bind(hi)
                .bind(first)
                .bind(last)
                .bind(count)
                .execute(&mut *tx)
                .await
        })
        .await?;
    }
    let extra = if run.high_water.is_none_or(|h| lo > h) {
        rows
    } else {
        0
    };
    db.timed("writing the checkpoint", async {
        db::stmt(&sql.checkpoint())
            .bind(hi)
            .bind(hi)
            .bind(rows)
            .bind(extra)
            .bind(run.high_water.unwrap_or(0))
            .bind(now())
            .bind(hb)
            .bind(run.run_id)
            .execute(&mut *tx)
            .await
    })
    .await?;
    db.timed("committing the chunk", tx.commit()).await?;
    Ok(Copied { rows, extra })
}

/// A chunk record the rollback undoes.
#[derive(Debug, Clone, Copy)]
struct ChunkRecord {
    run_id: i64,
    lo: i64,
    hi: i64,
    first_row: i64,
    last_row: i64,
}

/// One statement of a chunk's transaction with its integer binds, under `--timeout`: the rows
/// it touched.
async fn exec_in(
    db: &Db,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    what: &str,
    sql: &str,
    binds: &[i64],
) -> anyhow::Result<i64> {
    let mut q = db::stmt(sql);
    for b in binds {
        q = q.bind(*b);
    }
    let done = db.timed(what, q.execute(&mut **tx)).await?;
    Ok(done.rows_affected() as i64)
}

/// Undoes one chunk record: read state back into messages, delete exactly the rows that
/// chunk created, drop the record, checkpoint; one transaction.
async fn rollback_chunk(
    db: &Db,
    sql: &Sql,
    run: &RunResult,
    c: ChunkRecord,
) -> anyhow::Result<Copied> {
    let mut tx = db.begin().await?;
    let restored = exec_in(
        db,
        &mut tx,
        "copying read state back",
        &sql.restore_read_state(),
        &[c.lo, c.hi, c.first_row, c.last_row],
    )
    .await?;
    let deleted = exec_in(
        db,
        &mut tx,
        "deleting the rows a chunk created",
        &sql.delete_created(),
        &[c.first_row, c.last_row, c.lo, c.hi],
    )
    .await?;
    exec_in(
        db,
        &mut tx,
        "dropping the chunk record",
        &sql.delete_chunk(),
        &[c.run_id, c.lo],
    )
    .await?;
    db.timed("writing the checkpoint", async {
        db::stmt(&sql.checkpoint())
            .bind(c.lo)
            .bind(c.lo)
            .bind(deleted)
            .bind(restored)
            .bind(0i64)
            .bind(now())
            .bind(now_us())
            .bind(run.run_id)
            .execute(&mut *tx)
            .await
    })
    .await?;
    db.timed("committing the chunk", tx.commit()).await?;
    Ok(Copied {
        rows: deleted,
        extra: restored,
    })
}

/// Retries `f` on deadlocks, lock timeouts, a busy SQLite file or a duplicate-key race; a
/// database that does not answer is not retried.
async fn with_retry<T, F, Fut>(retry_unique: bool, mut f: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<T>>,
{
    let mut attempt = 0;
    loop {
        match f().await {
            Ok(v) => return Ok(v),
            Err(e)
                if attempt < 4
                    && db::is_transient(&e)
                    && !db::is_no_answer(&e)
                    && (retry_unique || !db::is_unique_violation(&e)) =>
            {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(100 << attempt)).await;
            }
            Err(e) => return Err(e),
        }
    }
}

/// How a copy treats the secondary indexes.
#[derive(Debug, Clone, Default)]
pub struct IndexPlan {
    /// Index names to build after the copy (dropped or never created before it).
    pub defer: Vec<String>,
    /// The table was empty when the run started.
    pub found_empty: bool,
    /// The run owns the table (created it): PostgreSQL may build without CONCURRENTLY.
    pub owned: bool,
}

/// Runs `job`. Errors before the run starts are plain errors; an error once it has started
/// comes back as `Failed` with what was done.
pub async fn drive(
    cx: &RunCtx<'_>,
    job: Job,
    expected_rows: i64,
    created_table: bool,
    idx: &IndexPlan,
    throttle: &mut Throttle,
) -> anyhow::Result<Result<RunResult, Failed>> {
    let lock = take_lock(cx.db).await?;
    let result = drive_locked(cx, job, expected_rows, created_table, idx, throttle).await;
    // A server that stopped answering is not asked again: the lock ends with the session.
    let silent = match &result {
        Ok(Err(f)) => f.silent,
        Err(e) => db::is_no_answer(e),
        Ok(Ok(_)) => false,
    };
    if !silent {
        release_lock(cx.db, lock).await;
    }
    result
}

/// Sleeps up to `d`, waking early on a stop request.
async fn nap(stop: &Stop, d: Duration) {
    let end = Instant::now() + d;
    while !stop.requested() {
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return;
        }
        tokio::time::sleep(left.min(Duration::from_millis(50))).await;
    }
}

/// Waits while the throttle says so. Returns false when a stop request ended the wait.
async fn wait_throttle(
    cx: &RunCtx<'_>,
    throttle: &mut Throttle,
    run: &mut RunResult,
    bar: &indicatif::ProgressBar,
) -> anyhow::Result<bool> {
    if !throttle.is_active() {
        return Ok(true);
    }
    // When the pause began, what caused it, and when it was last logged.
    let mut paused: Option<(Instant, Pause, Instant)> = None;
    loop {
        if cx.stop.requested() {
            if let Some((t, _, _)) = paused {
                run.throttled += t.elapsed();
            }
            return Ok(false);
        }
        let reason = throttle.reason(cx.db, cx.sql, run.run_id).await?;
        match (reason, &mut paused) {
            (None, None) => return Ok(true),
            (None, Some((t, _, _))) => {
                let waited = t.elapsed();
                run.throttled += waited;
                bar.set_message("");
                cx.out.note(format!(
                    "redkit: migrate: run {} resumed after a pause of {:.1}s",
                    run.run_id,
                    waited.as_secs_f64()
                ));
                return Ok(true);
            }
            (Some(pause), state) => {
                if !run.throttle_reasons.iter().any(|k| k == pause.kind) {
                    run.throttle_reasons.push(pause.kind.to_string());
                }
                bar.set_message(format!("paused: {}", pause.text));
                // One line when the pause begins or its cause changes; while it lasts, a
                // reminder at most every --log-every (cron mails every line).
                match state {
                    Some((since, last, logged)) if last.same_cause(&pause) => {
                        if !cx.pace.log_every.is_zero() && logged.elapsed() >= cx.pace.log_every {
                            cx.out.note(format!(
                                "redkit: migrate: run {} still paused after {}: {}",
                                run.run_id,
                                crate::duration::format(Duration::from_secs(
                                    since.elapsed().as_secs()
                                )),
                                pause.text
                            ));
                            *logged = Instant::now();
                        }
                        *last = pause;
                    }
                    _ => {
                        cx.out.note(format!(
                            "redkit: migrate: run {} paused: {}",
                            run.run_id, pause.text
                        ));
                        let since = state.as_ref().map_or_else(Instant::now, |(t, _, _)| *t);
                        *state = Some((since, pause, Instant::now()));
                    }
                }
                // Keep the heartbeat going, so a replica that catches up is seen to.
                if !throttle.replicas.is_empty() {
                    let hb = now_us();
                    cx.db
                        .timed("writing the heartbeat", async {
                            db::stmt(&cx.sql.heartbeat())
                                .bind(hb)
                                .bind(run.run_id)
                                .execute(&cx.db.pool)
                                .await
                        })
                        .await?;
                    throttle.wrote(hb);
                }
                nap(cx.stop, Duration::from_millis(250)).await;
            }
        }
    }
}

async fn drive_locked(
    cx: &RunCtx<'_>,
    job: Job,
    expected_rows: i64,
    created_table: bool,
    idx: &IndexPlan,
    throttle: &mut Throttle,
) -> anyhow::Result<Result<RunResult, Failed>> {
    let RunCtx { db, sql, out, .. } = *cx;
    let defer = match job {
        Job::Copy => idx.defer.clone(),
        Job::Rollback | Job::RepairReads => Vec::new(),
    };
    let owner = match (job, created_table, idx.found_empty) {
        (Job::Rollback | Job::RepairReads, _, _) => Owner::None,
        (Job::Copy, true, _) => Owner::Created,
        (Job::Copy, false, true) => Owner::FoundEmpty,
        (Job::Copy, false, false) => Owner::None,
    };
    let mut run = open_run(db, sql, job, owner, &defer).await?;
    match (job, run.resumed_from) {
        (Job::Copy, Some(id)) => out.note(format!(
            "redkit: migrate: resuming run {} after id {id} (high-water mark {})",
            run.run_id,
            opt(run.high_water)
        )),
        (Job::Copy, None) => out.note(format!(
            "redkit: migrate: copy run {} started, ids up to {}",
            run.run_id,
            opt(run.high_water)
        )),
        (Job::Rollback, _) => out.note(format!(
            "redkit: migrate: rollback run {} started",
            run.run_id
        )),
        (Job::RepairReads, _) => out.note(format!(
            "redkit: migrate: repair run {} started (reads lost in {}), ids up to {}",
            run.run_id,
            sql.names.recipients,
            opt(run.high_water)
        )),
    }
    // An existing table's deferred indexes go only now, once the run records them as pending:
    // a crash from here on leaves them to be built by the next run.
    if job == Job::Copy && !created_table {
        for name in run.pending_indexes.clone() {
            let present = db
                .rows(&sql.index_state(), &[name.as_str()])
                .await?
                .first()
                .map_or(Ok(0), |r| get_i64(r, 0))?;
            if present != 0 {
                out.note(format!(
                    "redkit: migrate: dropping index {name} for the copy (rebuilt at the end)"
                ));
                db.exec_long(&sql.drop_index(&name)).await?;
            }
        }
    }
    let first_id = match job {
        Job::Copy | Job::RepairReads => db.opt_int(&sql.min_id(), &[]).await?,
        Job::Rollback => None,
    };
    let bar = match (first_id, run.high_water) {
        (Some(lo), Some(hi)) if hi >= lo => RunBar::ids(out, lo, hi, run.last_id),
        _ => RunBar::rows(out, expected_rows.max(0) as u64),
    };
    let walked = match job {
        Job::Copy => copy_loop(cx, &mut run, throttle, &bar).await,
        Job::Rollback => rollback_loop(cx, &mut run, &bar).await,
        Job::RepairReads => repair_loop(cx, &mut run, throttle, &bar).await,
    };
    bar.finish_and_clear();
    if let Err(e) = walked {
        return Ok(Err(fail(cx, run, e).await));
    }
    // The deferred indexes, once every row is in (a resumed run finishes them too).
    if !run.interrupted && !run.limited {
        let owned = idx.owned || created_table;
        if let Err(e) = build_pending(cx, &mut run, owned).await {
            return Ok(Err(fail(cx, run, e).await));
        }
    }
    let status = if run.interrupted || run.limited {
        RunStatus::Interrupted
    } else {
        match job {
            Job::Copy | Job::RepairReads => RunStatus::Done,
            Job::Rollback => RunStatus::RolledBack,
        }
    };
    let closed = async {
        close_run(db, sql, &run, status, None).await?;
        if status == RunStatus::RolledBack {
            db.timed("marking the copy runs rolled back", async {
                db::stmt(&sql.mark_rolled_back())
                    .bind(now())
                    .execute(&db.pool)
                    .await
            })
            .await?;
        }
        anyhow::Ok(())
    }
    .await;
    if let Err(e) = closed {
        return Ok(Err(fail(cx, run, e).await));
    }
    out.note(format!(
        "redkit: migrate: run {} {}: {} {} {}, {}, last id {}",
        run.run_id,
        status.as_str(),
        run.rows,
        plural(run.rows, "row", "rows"),
        job.verb(),
        count_of(run.chunks as i64, "chunk", "chunks"),
        opt(run.last_id)
    ));
    Ok(Ok(run))
}

/// A run that stopped on an error: recorded as failed when the database still answers (a
/// silent one is not asked again: the run stays resumable as it is), and named with the last
/// committed id.
async fn fail(cx: &RunCtx<'_>, run: RunResult, e: anyhow::Error) -> Failed {
    let silent = db::is_no_answer(&e);
    if !silent {
        let msg = truncate(&db::describe(&e), 250);
        let _ = close_run(cx.db, cx.sql, &run, RunStatus::Failed, Some(msg)).await;
    }
    let error = exit::runtime(format!(
        "{}; nothing half-applied: table {} (run {}) records the last committed id {}, run again to resume",
        db::describe(&e),
        cx.sql.names.state,
        run.run_id,
        opt(run.last_id)
    ));
    Failed { run, error, silent }
}

pub fn opt(v: Option<i64>) -> String {
    v.map_or_else(|| "none".to_string(), |v| v.to_string())
}

pub fn plural(n: i64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

pub fn count_of(n: i64, one: &'static str, many: &'static str) -> String {
    // Negative counts do not occur; shown as they are rather than clamped.
    match u64::try_from(n) {
        Ok(n) => crate::output::number::plural_with(n, one, many),
        Err(_) => format!("{n} {many}"),
    }
}

/// The next chunk after `cursor`: the first and last of the next `size` message ids (keyset),
/// kept at or below the high-water mark while the cursor is; None when the walk is over.
pub(super) async fn next_chunk(
    db: &Db,
    sql: &Sql,
    cursor: Cursor,
    high_water: Option<i64>,
    size: i64,
) -> anyhow::Result<Option<(i64, i64)>> {
    for (from, to) in ranges::windows(cursor.next(), high_water.unwrap_or(i64::MAX)) {
        let row = db
            .timed("reading the next chunk's ids", async {
                db::stmt(&sql.chunk_bounds())
                    .bind(from)
                    .bind(to)
                    .bind(size.max(1))
                    .fetch_one(&db.pool)
                    .await
            })
            .await?;
        if let (Some(lo), Some(hi)) = (row.opt_i64(0)?, row.opt_i64(1)?) {
            return Ok(Some((lo, hi)));
        }
    }
    Ok(None)
}

/// A keyset walk over the message ids (the copy, the read repair): chunks sized to
/// --chunk-time, after the last committed id.
struct Walk {
    sizer: Sizer,
    cursor: Cursor,
}

impl Walk {
    fn new(pace: &Pace, after: Option<i64>) -> Walk {
        Walk {
            sizer: Sizer {
                size: pace.batch_size.max(1),
                target: pace.chunk_time,
            },
            cursor: Cursor::new(after),
        }
    }

    /// The next chunk, or None when the run ends here: Ctrl-C or a throttle wait cut short
    /// (interrupted), `limit` rows done (limited), or no id left.
    async fn next(
        &self,
        cx: &RunCtx<'_>,
        run: &mut RunResult,
        throttle: &mut Throttle,
        bar: &indicatif::ProgressBar,
        limit: Option<i64>,
    ) -> anyhow::Result<Option<(i64, i64)>> {
        if cx.stop.requested() {
            run.interrupted = true;
            return Ok(None);
        }
        if limit.is_some_and(|m| run.rows >= m) {
            run.limited = true;
            return Ok(None);
        }
        if !wait_throttle(cx, throttle, run, bar).await? {
            run.interrupted = true;
            return Ok(None);
        }
        next_chunk(cx.db, cx.sql, self.cursor, run.high_water, self.sizer.size).await
    }

    /// A chunk up to `hi` committed with `rows` rows, `started` at the given instant.
    fn done(&mut self, run: &mut RunResult, bar: &RunBar, started: Instant, hi: i64, rows: i64) {
        self.sizer.adapt(started.elapsed());
        self.cursor.advance(hi);
        run.last_id = Some(hi);
        run.rows += rows;
        run.chunks += 1;
        bar.advanced(hi, rows, run.rows);
    }
}

async fn copy_loop(
    cx: &RunCtx<'_>,
    run: &mut RunResult,
    throttle: &mut Throttle,
    bar: &RunBar,
) -> anyhow::Result<()> {
    let RunCtx {
        db,
        sql,
        pace,
        out,
        stop,
    } = *cx;
    let mut walk = Walk::new(pace, run.last_id);
    let started = Instant::now();
    let mut last_log = started;
    let mut anti_join = !run.owned;
    loop {
        let Some((lo, hi)) = walk.next(cx, run, throttle, bar, pace.max_rows).await? else {
            return Ok(());
        };
        let t = Instant::now();
        let hb = now_us();
        let first_try = with_retry(anti_join, || {
            copy_chunk(db, sql, run, lo, hi, hb, anti_join)
        })
        .await;
        let c = match first_try {
            Err(e) if !anti_join && db::is_unique_violation(&e) => {
                // The application wrote rows here too: the anti-join from now on.
                anti_join = true;
                with_retry(true, || copy_chunk(db, sql, run, lo, hi, hb, true)).await
            }
            other => other,
        }
        .map_err(|e| e.context(format!("chunk of ids {lo}..={hi} not committed")))?;
        throttle.wrote(hb);
        walk.done(run, bar, t, hi, c.rows);
        run.extra += c.extra;
        if bar.is_hidden() && !pace.log_every.is_zero() && last_log.elapsed() >= pace.log_every {
            last_log = Instant::now();
            let secs = started.elapsed().as_secs_f64().max(0.001);
            out.note(format!(
                "redkit: migrate: run {}: {} {} copied, up to id {hi} of {} ({} rows/s, chunk {} rows)",
                run.run_id,
                run.rows,
                plural(run.rows, "row", "rows"),
                opt(run.high_water),
                crate::output::number::sig3(run.rows as f64 / secs),
                walk.sizer.size
            ));
        }
        if !pace.sleep.is_zero() {
            nap(stop, pace.sleep).await;
        }
    }
}

/// One repair chunk (message ids `[lo, hi]`): the update and its checkpoint in one
/// transaction.
async fn repair_chunk(
    db: &Db,
    sql: &Sql,
    run: &RunResult,
    lo: i64,
    hi: i64,
) -> anyhow::Result<i64> {
    let mut tx = db.begin().await?;
    let rows = db
        .timed(&format!("marking reads of ids {lo}..={hi}"), async {
            db::stmt(&sql.repair_reads())
                .bind(lo)
                .bind(hi)
                .execute(&mut *tx)
                .await
        })
        .await?
        .rows_affected() as i64;
    db.timed("writing the checkpoint", async {
        db::stmt(&sql.checkpoint())
            .bind(hi)
            .bind(hi)
            .bind(rows)
            .bind(0i64)
            .bind(run.high_water.unwrap_or(0))
            .bind(now())
            .bind(now_us())
            .bind(run.run_id)
            .execute(&mut *tx)
            .await
    })
    .await?;
    db.timed("committing the chunk", tx.commit()).await?;
    Ok(rows)
}

/// `--repair-reads`: walks the message ids in keyset chunks like the copy (throttled, sized
/// to --chunk-time) and marks read the recipient rows whose read was lost. Idempotent: a
/// second run finds nothing to change.
async fn repair_loop(
    cx: &RunCtx<'_>,
    run: &mut RunResult,
    throttle: &mut Throttle,
    bar: &RunBar,
) -> anyhow::Result<()> {
    let RunCtx {
        db,
        sql,
        pace,
        stop,
        ..
    } = *cx;
    let mut walk = Walk::new(pace, None);
    loop {
        let Some((lo, hi)) = walk.next(cx, run, throttle, bar, None).await? else {
            return Ok(());
        };
        let t = Instant::now();
        let rows = with_retry(true, || repair_chunk(db, sql, run, lo, hi))
            .await
            .map_err(|e| e.context(format!("chunk of ids {lo}..={hi} not committed")))?;
        walk.done(run, bar, t, hi, rows);
        if !pace.sleep.is_zero() {
            nap(stop, pace.sleep).await;
        }
    }
}

async fn rollback_loop(cx: &RunCtx<'_>, run: &mut RunResult, bar: &RunBar) -> anyhow::Result<()> {
    let RunCtx {
        db,
        sql,
        pace,
        out,
        stop,
    } = *cx;
    run.unrecorded_runs = db.int(&sql.unrecorded_runs(), &[]).await?;
    if run.unrecorded_runs > 0 {
        out.warn(format!(
            "{} made by an older redkit {} no chunk records: {} rows stay (delete them by hand if they must go)",
            count_of(run.unrecorded_runs, "copy run", "copy runs"),
            plural(run.unrecorded_runs, "has", "have"),
            plural(run.unrecorded_runs, "its", "their"),
        ));
    }
    // Read the pending indexes of the runs being rolled back: the table gets them back.
    for row in db.rows(&sql.pending_index_lists(), &[]).await? {
        for name in split_list(&get_text(&row, 0)?) {
            if !run.pending_indexes.contains(&name) {
                run.pending_indexes.push(name);
            }
        }
    }
    set_pending(db, sql, run.run_id, &run.pending_indexes).await?;
    loop {
        if stop.requested() {
            run.interrupted = true;
            return Ok(());
        }
        let rows = db.rows(&sql.next_chunk(), &[]).await?;
        let Some(r) = rows.first() else {
            return Ok(());
        };
        let c = ChunkRecord {
            run_id: get_i64(r, 0)?,
            lo: get_i64(r, 1)?,
            hi: get_i64(r, 2)?,
            first_row: get_i64(r, 3)?,
            last_row: get_i64(r, 4)?,
        };
        let done = with_retry(true, || rollback_chunk(db, sql, run, c))
            .await
            .map_err(|e| e.context(format!("chunk of ids {}..={} not undone", c.lo, c.hi)))?;
        run.last_id = Some(c.hi);
        run.rows += done.rows;
        run.extra += done.extra;
        run.chunks += 1;
        bar.advanced(c.hi, done.rows, run.rows);
        if !pace.sleep.is_zero() {
            nap(stop, pace.sleep).await;
        }
    }
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

    #[test]
    fn statuses_round_trip() {
        for s in [
            RunStatus::Running,
            RunStatus::Interrupted,
            RunStatus::Failed,
            RunStatus::Done,
            RunStatus::RolledBack,
        ] {
            assert_eq!(RunStatus::parse(s.as_str()), s);
        }
        assert_eq!(plural(1, "row", "rows"), "row");
        assert_eq!(count_of(0, "chunk", "chunks"), "0 chunks");
    }
}
