//! The state table `redkit_migrations`: one row per run (status, checkpoint, pending indexes,
//! heartbeat, throttled time), created or upgraded in place, and the run's status as a type.

use serde::Serialize;

use super::runs::{Job, RunResult};
use super::sql::Sql;
use crate::db::{self, Db, get_i64, get_text};

/// A run's status in the state table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Running,
    Interrupted,
    Failed,
    Done,
    RolledBack,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Interrupted => "interrupted",
            RunStatus::Failed => "failed",
            RunStatus::Done => "done",
            RunStatus::RolledBack => "rolled_back",
        }
    }

    /// Reads a status from the state table (anything unknown is treated as unfinished).
    pub fn parse(s: &str) -> RunStatus {
        match s {
            "interrupted" => RunStatus::Interrupted,
            "failed" => RunStatus::Failed,
            "done" => RunStatus::Done,
            "rolled_back" => RunStatus::RolledBack,
            _ => RunStatus::Running,
        }
    }

    pub fn is_finished(self) -> bool {
        match self {
            RunStatus::Done | RunStatus::RolledBack => true,
            RunStatus::Running | RunStatus::Interrupted | RunStatus::Failed => false,
        }
    }
}

pub(super) fn now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// Reads an optional integer column (sqlx's Any rows, NULL as None).
pub(super) trait OptInt {
    fn opt_i64(&self, idx: usize) -> anyhow::Result<Option<i64>>;
}

impl OptInt for sqlx::any::AnyRow {
    fn opt_i64(&self, idx: usize) -> anyhow::Result<Option<i64>> {
        use sqlx::Row;
        Ok(self.try_get::<Option<i64>, _>(idx)?)
    }
}

/// Creates the state and chunk tables, adding the columns an older state table lacks.
pub async fn ensure_state(db: &Db, sql: &Sql) -> anyhow::Result<()> {
    db.exec(&sql.create_state()).await?;
    db.exec(&sql.create_chunks()).await?;
    let have = super::preflight::columns(db, &sql.names.state).await?;
    for (col, ty) in super::sql::STATE_ADDED {
        if !have.iter().any(|(c, _)| c.eq_ignore_ascii_case(col)) {
            db.exec(&sql.add_state_column(col, ty)).await?;
        }
    }
    Ok(())
}

pub(super) fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// Starts a run, or for a copy resumes the unfinished one (keeping its pending indexes).
pub(super) async fn open_run(
    db: &Db,
    sql: &Sql,
    job: Job,
    owner: Owner,
    defer: &[String],
) -> anyhow::Result<RunResult> {
    ensure_state(db, sql).await?;
    if job == Job::Copy {
        let rows = db.rows(&sql.unfinished_run(), &[]).await?;
        if let Some(r) = rows.first() {
            let run_id = get_i64(r, 0)?;
            let done_through = r.opt_i64(2)?;
            let mut pending = split_list(&get_text(r, 3)?);
            for d in defer {
                if !pending.contains(d) {
                    pending.push(d.clone());
                }
            }
            set_pending(db, sql, run_id, &pending).await?;
            db.timed("resuming the run", async {
                db::stmt(&sql.finish_run())
                    .bind(RunStatus::Running.as_str())
                    .bind(None::<String>)
                    .bind(now())
                    .bind(None::<String>)
                    .bind(run_id)
                    .execute(&db.pool)
                    .await
            })
            .await?;
            return Ok(RunResult {
                run_id,
                resumed_from: Some(done_through.unwrap_or(get_i64(r, 4)?)),
                high_water: Some(get_i64(r, 1)?),
                last_id: done_through,
                pending_indexes: pending,
                owned: get_i64(r, 5)? != 0,
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
    let run_id = chrono::Utc::now()
        .timestamp_millis()
        .max(prev.saturating_add(1));
    let high_water = db.opt_int(&sql.max_id(), &[]).await?;
    let pending = defer.join(",");
    db.timed("starting the run", async {
        db::stmt(&sql.insert_run())
            .bind(run_id)
            .bind(job.kind())
            .bind(now())
            .bind(now())
            .bind(high_water.unwrap_or(0))
            .bind(0i64)
            .bind(owner as i64)
            .bind(pending)
            .execute(&db.pool)
            .await
    })
    .await?;
    Ok(RunResult {
        run_id,
        high_water,
        pending_indexes: defer.to_vec(),
        owned: owner != Owner::None,
        ..RunResult::default()
    })
}

pub(super) async fn set_pending(
    db: &Db,
    sql: &Sql,
    run_id: i64,
    pending: &[String],
) -> anyhow::Result<()> {
    let list = pending.join(",");
    db.timed("recording the pending indexes", async {
        db::stmt(&sql.set_pending_indexes())
            .bind(list)
            .bind(now())
            .bind(run_id)
            .execute(&db.pool)
            .await
    })
    .await?;
    Ok(())
}

/// Marks the run's end state in the state table.
pub(super) async fn close_run(
    db: &Db,
    sql: &Sql,
    run: &RunResult,
    status: RunStatus,
    message: Option<String>,
) -> anyhow::Result<()> {
    let finished = status.is_finished().then(now);
    let ms = i64::try_from(run.throttled.as_millis()).unwrap_or(i64::MAX);
    db.timed("closing the run", async {
        let mut tx = db.pool.begin().await?;
        db::stmt(&sql.finish_run())
            .bind(status.as_str())
            .bind(finished)
            .bind(now())
            .bind(message)
            .bind(run.run_id)
            .execute(&mut *tx)
            .await?;
        db::stmt(&sql.add_throttled())
            .bind(ms)
            .bind(run.run_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    })
    .await?;
    Ok(())
}

/// Whose rows the recipients table holds when a run starts (kept in the state table's
/// `created_table` column: 0, 1, 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// Rows of others may be anywhere: every chunk needs the anti-join.
    None = 0,
    /// This run created the table.
    Created = 1,
    /// The table was empty when the run started.
    FoundEmpty = 2,
}
