//! Verification: every eligible message has its recipient row with the same is_read, and no
//! recipient row points at a missing message. All counts come from one snapshot (one
//! REPEATABLE READ transaction), so writes landing between two reads cannot fake a mismatch.

use serde::Serialize;
use sqlx::Row;

use super::sql::Sql;
use crate::db::{self, Db, Dialect};

/// How many ids of each kind of mismatch are listed.
const FIRST: u32 = 10;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Verification {
    pub ok: bool,
    pub eligible: i64,
    pub recipient_rows: i64,
    pub missing: i64,
    /// Read in messages, unread on the new table: a read lost (a mismatch).
    pub is_read_mismatch: i64,
    /// Read on the new table only: the application read it there after the migration.
    pub read_after_migration: i64,
    pub orphans: i64,
    pub first_missing: Vec<i64>,
    pub first_is_read_mismatch: Vec<i64>,
    pub first_orphans: Vec<i64>,
    /// Secondary indexes a run deferred and has not built yet.
    pub pending_indexes: Vec<String>,
}

/// Verifies in one snapshot. A statement over the whole table may take longer than
/// `--timeout`: it runs under the liveness probe instead.
pub async fn run(db: &Db, sql: &Sql) -> anyhow::Result<Verification> {
    db.long("verifying", verify(db, sql)).await
}

async fn verify(db: &Db, sql: &Sql) -> anyhow::Result<Verification> {
    let mut tx = db.pool.begin().await?;
    match db.dialect {
        Dialect::Postgres => {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                .execute(&mut *tx)
                .await?;
        }
        Dialect::Mysql | Dialect::Sqlite => {}
    }
    // MySQL/MariaDB default to REPEATABLE READ; SQLite reads one snapshot per transaction.
    let row = db::stmt(&sql.verify_pass()).fetch_one(&mut *tx).await?;
    let eligible = db::get_i64(&row, 0)?;
    let missing = db::get_i64(&row, 1)?;
    let is_read_mismatch = db::get_i64(&row, 2)?;
    let read_after_migration = db::get_i64(&row, 3)?;
    let mut count = async |q: String| -> anyhow::Result<i64> {
        let row = db::stmt(&q).fetch_one(&mut *tx).await?;
        Ok(row.try_get::<Option<i64>, _>(0)?.unwrap_or(0))
    };
    let recipient_rows = count(format!(
        "SELECT {} FROM {}",
        db.dialect.int("COUNT(*)"),
        sql.quoted_recipients()
    ))
    .await?;
    let orphans = count(sql.orphans(None)).await?;
    let mut ids = async |q: String, n: i64| -> anyhow::Result<Vec<i64>> {
        if n == 0 {
            return Ok(Vec::new());
        }
        let rows = db::stmt(&q).fetch_all(&mut *tx).await?;
        rows.iter()
            .map(|r| Ok(r.try_get::<Option<i64>, _>(0)?.unwrap_or(0)))
            .collect()
    };
    let first_missing = ids(sql.missing(FIRST), missing).await?;
    let first_is_read_mismatch = ids(sql.read_mismatch(FIRST), is_read_mismatch).await?;
    let first_orphans = ids(sql.orphans(Some(FIRST)), orphans).await?;
    tx.rollback().await?;
    let pending_indexes = pending_indexes(db, sql).await?;
    Ok(Verification {
        ok: missing == 0 && is_read_mismatch == 0 && orphans == 0 && pending_indexes.is_empty(),
        eligible,
        recipient_rows,
        missing,
        is_read_mismatch,
        read_after_migration,
        orphans,
        first_missing,
        first_is_read_mismatch,
        first_orphans,
        pending_indexes,
    })
}

/// The secondary indexes recorded as pending in the state table (none when it does not exist).
pub async fn pending_indexes(db: &Db, sql: &Sql) -> anyhow::Result<Vec<String>> {
    let cols = super::preflight::columns(db, &sql.names.state).await?;
    if !cols
        .iter()
        .any(|(c, _)| c.eq_ignore_ascii_case("pending_indexes"))
    {
        return Ok(Vec::new());
    }
    let mut out: Vec<String> = Vec::new();
    for row in db.rows(&sql.pending_index_lists(), &[]).await? {
        for name in db::get_text(&row, 0)?.split(',').map(str::trim) {
            if !name.is_empty() && !out.iter().any(|n| n == name) {
                out.push(name.to_string());
            }
        }
    }
    Ok(out)
}
