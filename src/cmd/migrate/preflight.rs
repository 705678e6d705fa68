//! Preflight, run before anything else: do the tables have the expected columns, and how many
//! source rows will be migrated, are already migrated, or will be skipped and why.

use serde::Serialize;

use super::names::Names;
use super::sql::{SourceTypes, Sql};
use crate::db::{Db, Dialect, get_i64, get_text};
use crate::exit;

/// Why rows are not migrated, with their counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Reasons {
    pub receiver_null: i64,
    pub receiver_not_positive: i64,
    pub receiver_unknown: i64,
}

impl Reasons {
    pub fn total(&self) -> i64 {
        self.receiver_null + self.receiver_not_positive + self.receiver_unknown
    }
}

/// What the preflight found.
#[derive(Debug, Clone, Serialize)]
pub struct Preflight {
    pub messages: i64,
    pub eligible: i64,
    pub already_migrated: i64,
    pub skipped: i64,
    pub reasons: Reasons,
    pub recipients_table_exists: bool,
    /// The recipients table exists and holds no row.
    pub recipients_empty: bool,
    #[serde(skip)]
    pub types: SourceTypes,
}

/// The columns of a table with their types (empty when the table does not exist). The name
/// is resolved as the database resolves it in a statement: PostgreSQL through `to_regclass`
/// (the search path, `"$user", public` by default, or the schema given), MySQL in the
/// database given or the current one, SQLite in the attached database given or `main`.
pub async fn columns(db: &Db, table: &str) -> anyhow::Result<Vec<(String, String)>> {
    let (schema, bare) = crate::db::split_table_name(table);
    let (sql, binds): (String, Vec<String>) = match db.dialect {
        Dialect::Sqlite => match schema {
            Some(s) => (
                "SELECT name, type FROM pragma_table_info(?, ?)".to_string(),
                vec![bare.to_string(), s.to_string()],
            ),
            None => (
                "SELECT name, type FROM pragma_table_info(?)".to_string(),
                vec![bare.to_string()],
            ),
        },
        Dialect::Mysql => (
            format!(
                "SELECT CAST(column_name AS CHAR), CAST(column_type AS CHAR) \
                 FROM information_schema.columns WHERE table_schema = {} AND table_name = ? \
                 ORDER BY ordinal_position",
                if schema.is_some() { "?" } else { "DATABASE()" }
            ),
            schema
                .into_iter()
                .map(str::to_string)
                .chain([bare.to_string()])
                .collect(),
        ),
        Dialect::Postgres => (
            "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod)::text \
             FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 \
             AND NOT a.attisdropped ORDER BY a.attnum"
                .to_string(),
            vec![db.dialect.quote_table(table)],
        ),
    };
    let refs: Vec<&str> = binds.iter().map(String::as_str).collect();
    let rows = db.rows(&sql, &refs).await?;
    rows.iter()
        .map(|r| Ok((get_text(r, 0)?, get_text(r, 1)?)))
        .collect()
}

/// Refuses (exit 2) when `table` lacks one of `wanted`.
fn require_columns(table: &str, cols: &[(String, String)], wanted: &[&str]) -> anyhow::Result<()> {
    let missing: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|w| !cols.iter().any(|(c, _)| c.eq_ignore_ascii_case(w)))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(exit::usage(format!(
        "table {table} has no column {} (names come from the config's migrate: section)",
        missing.join(", ")
    )))
}

fn type_of(cols: &[(String, String)], name: &str) -> String {
    cols.iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(name))
        .map(|(_, t)| t.clone())
        .unwrap_or_default()
}

/// Checks the schema and counts the source rows. Changes nothing. `count_migrated` false
/// skips the anti-join count of rows already migrated (verification counts them anyway).
pub async fn run(
    db: &Db,
    sql: &Sql,
    names: &Names,
    count_migrated: bool,
) -> anyhow::Result<Preflight> {
    let mcols = columns(db, &names.messages).await?;
    if mcols.is_empty() {
        return Err(exit::usage(format!(
            "table {} not found in {} (set migrate.messages.table in the config)",
            names.messages, db.masked
        )));
    }
    require_columns(&names.messages, &mcols, &names.message_columns())?;
    let rcols = columns(db, &names.recipients).await?;
    if !rcols.is_empty() {
        require_columns(&names.recipients, &rcols, &names.recipient_columns())?;
        // Chunk records name the rows a run created by this column (the seed's primary key).
        require_columns(&names.recipients, &rcols, &["id"])?;
    }
    if let Some(users) = &names.users {
        let ucols = columns(db, users).await?;
        if ucols.is_empty() {
            return Err(exit::usage(format!(
                "table {users} (migrate.users.table) not found"
            )));
        }
        require_columns(users, &ucols, &[&names.u_id])?;
    }

    let rows = db.rows_long(&sql.source_counts()).await?;
    let row = rows
        .first()
        .ok_or_else(|| anyhow::anyhow!("no answer to the count query"))?;
    let messages = get_i64(row, 0)?;
    let reasons = Reasons {
        receiver_null: get_i64(row, 1)?,
        receiver_not_positive: get_i64(row, 2)?,
        receiver_unknown: get_i64(row, 3)?,
    };
    let recipients_empty = !rcols.is_empty() && db.int(&sql.any_recipient(), &[]).await? == 0;
    let already_migrated = if !count_migrated || rcols.is_empty() || recipients_empty {
        0
    } else {
        let rows = db.rows_long(&sql.already_migrated()).await?;
        rows.first().map_or(Ok(0), |r| get_i64(r, 0))?
    };
    let types = SourceTypes {
        id: match type_of(&mcols, &names.m_id) {
            t if t.is_empty() => "BIGINT".into(),
            t => t,
        },
        is_read: type_of(&mcols, &names.m_is_read),
        created_at: type_of(&mcols, &names.m_created_at),
    };
    Ok(Preflight {
        messages,
        eligible: messages - reasons.total(),
        already_migrated,
        skipped: reasons.total(),
        reasons,
        recipients_table_exists: !rcols.is_empty(),
        recipients_empty,
        types,
    })
}
