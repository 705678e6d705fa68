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
    pub is_read_mismatch: i64,
    pub orphans: i64,
    pub first_missing: Vec<i64>,
    pub first_is_read_mismatch: Vec<i64>,
    pub first_orphans: Vec<i64>,
}

pub async fn run(db: &Db, sql: &Sql) -> anyhow::Result<Verification> {
    let mut tx = db.pool.begin().await?;
    if db.dialect == Dialect::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            .execute(&mut *tx)
            .await?;
    }
    // MySQL/MariaDB default to REPEATABLE READ; SQLite reads one snapshot per transaction.
    let row = db::stmt(&sql.verify_pass()).fetch_one(&mut *tx).await?;
    let eligible = db::get_i64(&row, 0)?;
    let missing = db::get_i64(&row, 1)?;
    let is_read_mismatch = db::get_i64(&row, 2)?;
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
    Ok(Verification {
        ok: missing == 0 && is_read_mismatch == 0 && orphans == 0,
        eligible,
        recipient_rows,
        missing,
        is_read_mismatch,
        orphans,
        first_missing,
        first_is_read_mismatch,
        first_orphans,
    })
}
