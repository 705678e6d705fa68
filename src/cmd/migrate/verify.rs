//! Verification: every eligible message has its recipient row with the same is_read, and no
//! recipient row points at a missing message. All counts come from one snapshot (one
//! REPEATABLE READ transaction), so writes landing between two reads cannot fake a mismatch.
//! Where the database can hash rows, a checksum of each side (two sequential scans) answers
//! first; only when they differ does the row join run, to say what differs.

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
    /// Rows the migration runs created whose created_at is not the message's (nor a
    /// `--created-at-out-of-range` mapping of a value the column cannot hold).
    pub created_at_mismatch: i64,
    pub first_missing: Vec<i64>,
    pub first_is_read_mismatch: Vec<i64>,
    pub first_orphans: Vec<i64>,
    pub first_created_at_mismatch: Vec<i64>,
    /// Secondary indexes a run deferred and has not built yet.
    pub pending_indexes: Vec<String>,
    /// How the answer was reached: equal checksums of both tables, or the row join.
    pub method: Method,
    /// What mends each kind of mismatch found (empty when there is none).
    pub remedies: Vec<String>,
}

impl Verification {
    /// The remedy of each mismatch found, in the words of the command line.
    fn with_remedies(mut self) -> Verification {
        let mut r = Vec::new();
        if self.missing > 0 {
            r.push("missing: run `redkit migrate recipients` again to copy them".to_string());
        }
        if self.is_read_mismatch > 0 {
            r.push(
                "read lost: `redkit migrate recipients --repair-reads` marks them read in the recipients table (--dry-run first to list them)"
                    .to_string(),
            );
        }
        if self.created_at_mismatch > 0 {
            r.push(
                "created_at differs: roll back and copy again (--created-at-out-of-range for values the column cannot hold), or correct the rows by hand"
                    .to_string(),
            );
        }
        if self.orphans > 0 {
            r.push(
                "orphans: rows whose message is gone; delete them by hand after a look".to_string(),
            );
        }
        if !self.pending_indexes.is_empty() {
            r.push(
                "indexes missing: run `redkit migrate recipients` again to build them".to_string(),
            );
        }
        self.remedies = r;
        self
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    #[default]
    RowJoin,
    Checksums,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::RowJoin => "row join",
            Method::Checksums => "checksums",
        }
    }
}

/// Verifies in one snapshot. A statement over the whole table may take longer than
/// `--timeout`: it runs under the liveness probe instead.
pub async fn run(db: &Db, sql: &Sql) -> anyhow::Result<Verification> {
    Ok(db.long("verifying", verify(db, sql)).await?.with_remedies())
}

type Tx = sqlx::Transaction<'static, sqlx::Any>;

async fn one(tx: &mut Tx, q: &str) -> anyhow::Result<i64> {
    let row = db::stmt(q).fetch_one(&mut **tx).await?;
    Ok(row.try_get::<Option<i64>, _>(0)?.unwrap_or(0))
}

async fn first_ids(tx: &mut Tx, q: &str, n: i64) -> anyhow::Result<Vec<i64>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let rows = db::stmt(q).fetch_all(&mut **tx).await?;
    rows.iter()
        .map(|r| Ok(r.try_get::<Option<i64>, _>(0)?.unwrap_or(0)))
        .collect()
}

/// What the pass over messages finds.
struct MainPass {
    eligible: i64,
    missing: i64,
    is_read_mismatch: i64,
    read_after_migration: i64,
    created_at_mismatch: i64,
    recipient_rows: i64,
    first_missing: Vec<i64>,
    first_is_read_mismatch: Vec<i64>,
    first_created_at_mismatch: Vec<i64>,
}

async fn main_pass(tx: &mut Tx, db: &Db, sql: &Sql, has_chunks: bool) -> anyhow::Result<MainPass> {
    let row = db::stmt(&sql.verify_pass()).fetch_one(&mut **tx).await?;
    let missing = db::get_i64(&row, 1)?;
    let is_read_mismatch = db::get_i64(&row, 2)?;
    let any_created_differs = db::get_i64(&row, 4)? > 0;
    let (created_at_mismatch, first_created_at_mismatch) = if has_chunks && any_created_differs {
        let (count, first) = sql.created_mismatch(FIRST);
        let n = one(tx, &count).await?;
        (n, first_ids(tx, &first, n).await?)
    } else {
        (0, Vec::new())
    };
    Ok(MainPass {
        eligible: db::get_i64(&row, 0)?,
        missing,
        is_read_mismatch,
        read_after_migration: db::get_i64(&row, 3)?,
        created_at_mismatch,
        recipient_rows: one(
            tx,
            &format!(
                "SELECT {} FROM {}",
                db.dialect.int("COUNT(*)"),
                sql.quoted_recipients()
            ),
        )
        .await?,
        first_missing: first_ids(tx, &sql.missing(FIRST), missing).await?,
        first_is_read_mismatch: first_ids(tx, &sql.read_mismatch(FIRST), is_read_mismatch).await?,
        first_created_at_mismatch,
    })
}

async fn orphan_pass(tx: &mut Tx, sql: &Sql) -> anyhow::Result<(i64, Vec<i64>)> {
    let orphans = one(tx, &sql.orphans(None)).await?;
    let first = first_ids(tx, &sql.orphans(Some(FIRST)), orphans).await?;
    Ok((orphans, first))
}

/// A transaction at REPEATABLE READ (MySQL/MariaDB's default; SQLite reads one snapshot per
/// transaction anyway).
async fn snapshot_tx(db: &Db) -> anyhow::Result<Tx> {
    let mut tx = db.pool.begin().await?;
    match db.dialect {
        Dialect::Postgres => {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                .execute(&mut *tx)
                .await?;
        }
        Dialect::Mysql | Dialect::Sqlite => {}
    }
    Ok(tx)
}

/// The checksums of both tables in one snapshot: Some(rows) when they are equal. A server
/// without the hash function (PostgreSQL before 11) leaves the answer to the row join.
async fn checksum_pass(db: &Db, sql: &Sql) -> anyhow::Result<Option<i64>> {
    let Some((messages, recipients)) = sql.checksums() else {
        return Ok(None);
    };
    let mut tx = snapshot_tx(db).await?;
    let sides = async {
        let m = texts(&mut tx, &messages).await?;
        let r = texts(&mut tx, &recipients).await?;
        anyhow::Ok((m, r))
    }
    .await;
    tx.rollback().await.ok();
    match sides {
        Ok((m, r)) if m == r => Ok(m.first().and_then(|n| n.as_deref()?.parse().ok())),
        Ok(_) => Ok(None),
        Err(e) if db::is_undefined_function(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

async fn texts(tx: &mut Tx, q: &str) -> anyhow::Result<Vec<Option<String>>> {
    let row = db::stmt(q).fetch_one(&mut **tx).await?;
    (0..row.len())
        .map(|i| Ok(row.try_get::<Option<String>, _>(i)?))
        .collect()
}

/// Both passes in one snapshot. The pass over recipient rows (one lookup per row) is needed
/// only when some row is not accounted for: every message matched its own row (the unique
/// key makes those distinct rows), so when their number equals the table's row count there is
/// no row left that could be an orphan.
async fn verify(db: &Db, sql: &Sql) -> anyhow::Result<Verification> {
    if let Some(rows) = checksum_pass(db, sql).await? {
        let pending_indexes = pending_indexes(db, sql).await?;
        return Ok(Verification {
            ok: pending_indexes.is_empty(),
            eligible: rows,
            recipient_rows: rows,
            pending_indexes,
            method: Method::Checksums,
            ..Verification::default()
        });
    }
    let has_chunks = !super::preflight::columns(db, &sql.chunks_name)
        .await?
        .is_empty();
    let mut tx = snapshot_tx(db).await?;
    let main = main_pass(&mut tx, db, sql, has_chunks).await?;
    let matched = main.eligible - main.missing;
    let (orphans, first_orphans) = if main.recipient_rows == matched {
        (0, Vec::new())
    } else {
        orphan_pass(&mut tx, sql).await?
    };
    tx.rollback().await?;
    let pending_indexes = pending_indexes(db, sql).await?;
    Ok(Verification {
        ok: main.missing == 0
            && main.is_read_mismatch == 0
            && orphans == 0
            && main.created_at_mismatch == 0
            && pending_indexes.is_empty(),
        eligible: main.eligible,
        recipient_rows: main.recipient_rows,
        missing: main.missing,
        is_read_mismatch: main.is_read_mismatch,
        read_after_migration: main.read_after_migration,
        orphans,
        created_at_mismatch: main.created_at_mismatch,
        first_created_at_mismatch: main.first_created_at_mismatch,
        first_missing: main.first_missing,
        first_is_read_mismatch: main.first_is_read_mismatch,
        first_orphans,
        pending_indexes,
        method: Method::RowJoin,
        remedies: Vec::new(),
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
