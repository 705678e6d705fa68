//! Preflight, run before anything else: do the tables have the expected columns, and how many
//! source rows will be migrated, are already migrated, or will be skipped and why.

use serde::Serialize;

use super::names::Names;
use super::sql::{CreatedAtCopy, OutOfRange, SourceTypes, Sql, TIMESTAMP_RANGE};
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
    /// The type of the recipients table's created_at (empty when the table is missing).
    #[serde(skip)]
    pub recipients_created_type: String,
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
        recipients_created_type: type_of(&rcols, &names.r_created_at),
        types,
    })
}

/// How many ids of created_at values out of range are listed.
const FIRST: u32 = 10;

/// created_at: whether the target column can hold every source value. Only a MySQL/MariaDB
/// TIMESTAMP target (the seed's schema) fed from a DATETIME (or other wider) source is
/// bounded: 1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC, where a lax sql_mode writes
/// `0000-00-00 00:00:00` and a strict one fails the chunk on every run. A PostgreSQL
/// timestamp holds what any source timestamp holds; SQLite columns hold any value.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreatedAtCheck {
    /// The target column's type (`timestamp`), or the type a created table gets.
    pub target_type: String,
    /// The range the target holds where it is narrower than the source's, else null.
    pub range: Option<String>,
    /// Eligible messages whose created_at is outside that range, and the first ids.
    pub out_of_range: i64,
    pub first_out_of_range: Vec<i64>,
    /// `--created-at-out-of-range`: refuse, clamp or null.
    pub mapping: OutOfRange,
}

/// Checks created_at for a copy and sets how the copy writes it. Refuses (exit 2) values out
/// of range unless a mapping was given (`refuse`: `dry_run` only reports them), and `null`
/// into a NOT NULL column.
pub async fn created_at(
    db: &Db,
    sql: &mut Sql,
    names: &Names,
    pre: &Preflight,
    mapping: OutOfRange,
    dry_run: bool,
) -> anyhow::Result<CreatedAtCheck> {
    let target = if pre.recipients_table_exists {
        pre.recipients_created_type.to_ascii_lowercase()
    } else {
        match db.dialect {
            Dialect::Mysql => "timestamp".to_string(),
            Dialect::Postgres | Dialect::Sqlite => pre.types.created_at.to_ascii_lowercase(),
        }
    };
    let source = pre.types.created_at.to_ascii_lowercase();
    let mut check = CreatedAtCheck {
        target_type: target.clone(),
        mapping,
        ..CreatedAtCheck::default()
    };
    let range = match db.dialect {
        Dialect::Mysql if target.starts_with("timestamp") && !source.starts_with("timestamp") => {
            Some(TIMESTAMP_RANGE.to_string())
        }
        // An existing column of another time type (`date`, `timestamp(0)`) keeps less.
        Dialect::Postgres => sql
            .pg_target
            .as_ref()
            .map(|t| format!("what a {t} keeps of a {source}")),
        Dialect::Mysql | Dialect::Sqlite => None,
    };
    let Some(range) = range else {
        return Ok(check);
    };
    check.range = Some(range.clone());
    sql.created_at = CreatedAtCopy::Mapped(mapping);
    let (count, first) = sql.created_out_of_range(FIRST);
    check.out_of_range = db
        .rows_long(&count)
        .await?
        .first()
        .map_or(Ok(0), |r| get_i64(r, 0))?;
    if check.out_of_range > 0 {
        check.first_out_of_range = db
            .rows_long(&first)
            .await?
            .iter()
            .map(|r| get_i64(r, 0))
            .collect::<anyhow::Result<_>>()?;
    }
    let column = format!("{}.{}", names.recipients, names.r_created_at);
    if check.out_of_range > 0 && mapping == OutOfRange::Refuse && !dry_run {
        let ids: Vec<String> = check
            .first_out_of_range
            .iter()
            .map(i64::to_string)
            .collect();
        return Err(exit::usage(format!(
            "{} {} a created_at that {column} ({target}) cannot hold ({range}): message {} {}{}; \
             nothing copied. Pass --created-at-out-of-range clamp (the nearest end of the range) or null \
             (no time), or make the column DATETIME",
            check.out_of_range,
            if check.out_of_range == 1 {
                "message has"
            } else {
                "messages have"
            },
            if ids.len() == 1 { "id" } else { "ids" },
            ids.join(", "),
            if check.out_of_range > ids.len() as i64 {
                ", …"
            } else {
                ""
            },
        )));
    }
    // PostgreSQL refuses NULL in a NOT NULL column loudly; MySQL's lax mode would not.
    if check.out_of_range > 0
        && mapping == OutOfRange::Null
        && pre.recipients_table_exists
        && db.dialect == Dialect::Mysql
    {
        let (schema, table) = crate::db::split_table_name(&names.recipients);
        let q = format!(
            "SELECT CAST(is_nullable AS CHAR) FROM information_schema.columns \
             WHERE table_schema = {} AND table_name = ? AND column_name = ?",
            schema.map_or("DATABASE()".to_string(), |s| format!("'{s}'"))
        );
        let rows = db.rows(&q, &[table, names.r_created_at.as_str()]).await?;
        let nullable = rows
            .first()
            .map(|r| get_text(r, 0))
            .transpose()?
            .is_none_or(|v| v.eq_ignore_ascii_case("yes"));
        if !nullable {
            return Err(exit::usage(format!(
                "--created-at-out-of-range null: {column} is NOT NULL; use clamp, or allow NULL there"
            )));
        }
    }
    Ok(check)
}
