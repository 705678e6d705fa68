//! What `--rollback --dry-run` and `--repair-reads --dry-run` would change, counted with the
//! same conditions as the statements the real runs execute (and the repair's count for its
//! confirmation question).

use super::preflight::{self, Preflight};
use super::report::{RepairPlan, RollbackPlan};
use super::sql::Sql;
use crate::db::{Db, get_i64};

/// How many message ids are listed.
const FIRST: u32 = 10;

async fn ids(db: &Db, q: &str) -> anyhow::Result<Vec<i64>> {
    db.rows_long(q)
        .await?
        .iter()
        .map(|r| get_i64(r, 0))
        .collect()
}

/// The rows the chunk records name (the rollback deletes exactly these) and the reads it
/// would copy back.
pub async fn rollback(db: &Db, sql: &Sql, pre: &Preflight) -> anyhow::Result<RollbackPlan> {
    let chunks_exist = !preflight::columns(db, &sql.chunks_name).await?.is_empty();
    if !pre.recipients_table_exists || !chunks_exist {
        return Ok(RollbackPlan::default());
    }
    let chunk_records = db
        .int(
            &format!("SELECT {} FROM {}", db.dialect.int("COUNT(*)"), sql.chunks),
            &[],
        )
        .await?;
    let rows = db.rows_long(&sql.rollback_preview()).await?;
    let (rows_to_delete, read_states_to_copy_back) = match rows.first() {
        Some(r) => (get_i64(r, 0)?, get_i64(r, 1)?),
        None => (0, 0),
    };
    let first_read_states_to_copy_back = if read_states_to_copy_back > 0 {
        ids(db, &sql.rollback_restore_ids(FIRST)).await?
    } else {
        Vec::new()
    };
    Ok(RollbackPlan {
        chunk_records,
        rows_to_delete,
        read_states_to_copy_back,
        first_read_states_to_copy_back,
        unrecorded_copy_runs: db.int(&sql.unrecorded_runs(), &[]).await?,
    })
}

/// The recipient rows `--repair-reads` would mark read: verification's "read lost".
pub async fn repair(db: &Db, sql: &Sql, pre: &Preflight) -> anyhow::Result<RepairPlan> {
    if !pre.recipients_table_exists {
        return Ok(RepairPlan::default());
    }
    let reads_to_repair = db
        .rows_long(&sql.read_lost_count())
        .await?
        .first()
        .map_or(Ok(0), |r| get_i64(r, 0))?;
    let first_reads_to_repair = if reads_to_repair > 0 {
        ids(db, &sql.read_mismatch(FIRST)).await?
    } else {
        Vec::new()
    };
    Ok(RepairPlan {
        reads_to_repair,
        first_reads_to_repair,
    })
}
