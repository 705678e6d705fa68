//! SQL databases: one sqlx pool from a URL (SQLite, MySQL/MariaDB, PostgreSQL), every statement
//! bounded in time, and the dialect differences (quoting, placeholders, integer casts, lock and
//! retry rules) in exhaustive matches in one place.

use std::future::Future;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, ConnectOptions, Executor, Row};

use crate::exit;

/// The SQL dialect behind a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    Sqlite,
    Mysql,
    Postgres,
}

impl Dialect {
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Sqlite => "sqlite",
            Dialect::Mysql => "mysql",
            Dialect::Postgres => "postgres",
        }
    }

    /// Quotes an identifier that was already validated by `valid_ident`.
    pub fn quote(self, ident: &str) -> String {
        match self {
            Dialect::Mysql => format!("`{ident}`"),
            Dialect::Postgres | Dialect::Sqlite => format!("\"{ident}\""),
        }
    }

    /// Quotes a table name checked by `valid_table_name`, each part on its own
    /// (`"public"."messages"`).
    pub fn quote_table(self, name: &str) -> String {
        match split_table_name(name) {
            (Some(schema), table) => format!("{}.{}", self.quote(schema), self.quote(table)),
            (None, table) => self.quote(table),
        }
    }

    /// The n-th (1-based) bind placeholder.
    pub fn param(self, n: usize) -> String {
        match self {
            Dialect::Postgres => format!("${n}"),
            Dialect::Mysql | Dialect::Sqlite => "?".to_string(),
        }
    }

    /// An integer expression read back as a signed 64-bit value whatever the column's type
    /// (MySQL's unsigned BIGINT and DECIMAL sums, PostgreSQL's NUMERIC sums).
    pub fn int(self, expr: &str) -> String {
        match self {
            Dialect::Mysql => format!("CAST({expr} AS SIGNED)"),
            Dialect::Postgres => format!("CAST({expr} AS BIGINT)"),
            Dialect::Sqlite => expr.to_string(),
        }
    }

    /// Whether a network sits between redkit and the database (a liveness probe makes sense).
    pub fn networked(self) -> bool {
        match self {
            Dialect::Mysql | Dialect::Postgres => true,
            Dialect::Sqlite => false,
        }
    }
}

/// Whether `s` is a plain SQL identifier: letters, digits and `_`, not starting with a digit,
/// at most 64 characters. Table and column names from the config must pass before they are
/// put into SQL text.
pub fn valid_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s.len() <= 64
}

/// Whether `s` is a table name: a plain identifier, or `schema.table` (PostgreSQL schema,
/// MySQL database, SQLite attached database) of two plain identifiers.
pub fn valid_table_name(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() <= 2 && parts.iter().all(|p| valid_ident(p))
}

/// `schema.table` as (Some(schema), table), a bare name as (None, name).
pub fn split_table_name(s: &str) -> (Option<&str>, &str) {
    match s.split_once('.') {
        Some((schema, table)) => (Some(schema), table),
        None => (None, s),
    }
}

/// A database URL checked for a supported scheme, with the form sqlx expects.
#[derive(Debug, Clone)]
pub struct DbUrl {
    pub dialect: Dialect,
    /// What sqlx connects to (`mariadb://` becomes `mysql://`).
    url: String,
    /// The URL with its password masked, for every message.
    pub masked: String,
}

impl DbUrl {
    /// Parses a URL given by `origin` (a flag, variable or config key); a wrong URL is a usage
    /// error (exit 2) whose message never carries the password.
    pub fn parse(raw: &str, origin: &str) -> anyhow::Result<DbUrl> {
        let masked = mask_db_url(raw);
        let Some((scheme, rest)) = raw.split_once(':') else {
            return Err(exit::usage(format!(
                "{origin}: '{masked}' is not a database URL (use sqlite://PATH, mysql://, mariadb:// or postgres://)"
            )));
        };
        let (dialect, url) = match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => (Dialect::Sqlite, raw.to_string()),
            "mysql" => (Dialect::Mysql, raw.to_string()),
            "mariadb" => (Dialect::Mysql, format!("mysql:{rest}")),
            "postgres" | "postgresql" => (Dialect::Postgres, raw.to_string()),
            other => {
                return Err(exit::usage(format!(
                    "{origin}: unsupported scheme '{other}' in '{masked}' (use sqlite://PATH, mysql://, mariadb:// or postgres://)"
                )));
            }
        };
        if dialect == Dialect::Sqlite {
            let path = rest.trim_start_matches("//");
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() {
                return Err(exit::usage(format!(
                    "{origin}: '{masked}' names no file (use sqlite://PATH)"
                )));
            }
        } else {
            let parsed = url::Url::parse(&url).map_err(|e| {
                exit::usage(format!("{origin}: '{masked}' is not a valid URL: {e}"))
            })?;
            if parsed.host_str().is_none_or(str::is_empty) {
                return Err(exit::usage(format!("{origin}: '{masked}' names no host")));
            }
            if parsed.path().trim_start_matches('/').is_empty() {
                return Err(exit::usage(format!(
                    "{origin}: '{masked}' names no database (add /DBNAME)"
                )));
            }
        }
        Ok(DbUrl {
            dialect,
            url,
            masked,
        })
    }
}

/// A database URL as it may be shown: only a password is masked, so `postgres://app@db/app`
/// keeps its user (unlike a Redis URL, where a bare userinfo is a password); a credential in the
/// query string (`?password=`, libpq's form) is masked too. The rule lives in `secret::mask`.
pub fn mask_db_url(raw: &str) -> String {
    crate::secret::mask::mask_db_url(raw)
}

/// A first connection the server answered with a no (wrong password, no such database, not a
/// database file): trying again gets the same answer, so a wait ends at once. Exit 3.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConnectDenied(pub String);

/// A statement (or a connection) that got no answer in time: the database stopped answering.
#[derive(Debug, thiserror::Error)]
#[error("{db}: no answer within {after} while {what}")]
pub struct NoAnswer {
    pub db: String,
    pub after: String,
    pub what: String,
}

/// Whether an error is (or wraps) a statement that got no answer in time.
pub fn is_no_answer(err: &anyhow::Error) -> bool {
    err.chain().any(|c| c.downcast_ref::<NoAnswer>().is_some())
}

/// An open pool and its dialect.
#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub dialect: Dialect,
    pub masked: String,
    /// The bound on every short statement (`--timeout`), and the liveness bound of long ones.
    pub timeout: Duration,
}

/// The first statements of every session. SQLite gets a busy timeout so a writing application
/// waits its turn instead of failing; MySQL sessions use the server's own time zone (sqlx would
/// set UTC, which shifts DATETIME values copied into TIMESTAMP columns).
async fn session_setup(conn: &mut sqlx::AnyConnection, dialect: Dialect) -> sqlx::Result<()> {
    match dialect {
        Dialect::Sqlite => {
            conn.execute("PRAGMA busy_timeout = 10000").await?;
            conn.execute("PRAGMA cache_size = -16384").await?;
            // sqlx turns foreign keys on, SQLite's own default is off (as the application's
            // connections have it). Every row the copy writes comes from messages in the
            // same transaction, so the per-row parent lookup only doubles the copy's time;
            // the verification still counts orphans.
            conn.execute("PRAGMA foreign_keys = OFF").await?;
        }
        Dialect::Mysql => {
            conn.execute("SET time_zone = @@global.time_zone").await?;
            // Every row the copy writes comes from messages in the same statement: the
            // per-row parent check adds nothing the verification's orphan count does not.
            conn.execute("SET SESSION foreign_key_checks = 0").await?;
        }
        Dialect::Postgres => {}
    }
    Ok(())
}

impl Db {
    /// Opens one connection first, so a refused, unreachable or unauthenticated server is
    /// named as such at once (a pool would retry until its acquire timeout and say only "pool
    /// timed out"); then a small pool that opens further connections lazily.
    pub async fn connect(
        url: &DbUrl,
        connect_timeout: Duration,
        timeout: Duration,
    ) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let dialect = url.dialect;
        let opts: AnyConnectOptions = url.url.parse().map_err(|e: sqlx::Error| {
            exit::usage(format!(
                "{}: not a valid database URL: {}",
                url.masked,
                scrub(&e, &url.url)
            ))
        })?;
        let mut first: sqlx::AnyConnection =
            match tokio::time::timeout(connect_timeout, opts.connect()).await {
                Ok(Ok(c)) => c,
                Ok(Err(e)) => return Err(connect_error(url, &e)),
                Err(_) => {
                    // Typed, so a caller can tell silence from an answer (`is_no_answer`).
                    return Err(anyhow::Error::new(NoAnswer {
                        db: url.masked.clone(),
                        after: crate::duration::format(connect_timeout),
                        what: "connecting".into(),
                    }));
                }
            };
        if dialect == Dialect::Sqlite {
            match tokio::time::timeout(connect_timeout, sqlite_header_check(url, &mut first)).await
            {
                Ok(r) => r?,
                Err(_) => {
                    return Err(exit::runtime(format!(
                        "{}: cannot read the database file: no answer within {} (locked by another process?)",
                        url.masked,
                        crate::duration::format(connect_timeout)
                    )));
                }
            }
        }
        // SQLite writes one at a time, and every connection has its own page cache: one is
        // enough and keeps the memory down. The others need more: the run lock, the work, and
        // a liveness probe beside a long statement.
        let max = match dialect {
            Dialect::Sqlite => 1,
            Dialect::Mysql | Dialect::Postgres => 3,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .acquire_timeout(connect_timeout.max(timeout))
            .after_connect(move |conn, _| Box::pin(session_setup(conn, dialect)))
            .connect_lazy_with(opts);
        let db = Db {
            pool,
            dialect,
            masked: url.masked.clone(),
            timeout,
        };
        // The probe connection has served its purpose; the pool opens its own.
        drop(first);
        Ok(db)
    }

    /// Runs `fut` under `--timeout`: a database that stops answering (socket open, nothing
    /// comes back) is an error naming what was waited for, never a hang.
    pub async fn timed<T, E>(
        &self,
        what: &str,
        fut: impl Future<Output = Result<T, E>>,
    ) -> anyhow::Result<T>
    where
        E: Into<anyhow::Error>,
    {
        match tokio::time::timeout(self.timeout, fut).await {
            Ok(r) => r.map_err(Into::into),
            Err(_) => Err(self.no_answer(what)),
        }
    }

    fn no_answer(&self, what: &str) -> anyhow::Error {
        anyhow::Error::new(NoAnswer {
            db: self.masked.clone(),
            after: crate::duration::format(self.timeout),
            what: what.to_string(),
        })
    }

    /// Runs a statement that may take longer than `--timeout` (a verification pass, an index
    /// build): while it runs, a second connection checks every `--timeout` that the server
    /// still answers, so a dead server ends it after about two timeouts, a slow one does not.
    pub async fn long<T, E>(
        &self,
        what: &str,
        fut: impl Future<Output = Result<T, E>>,
    ) -> anyhow::Result<T>
    where
        E: Into<anyhow::Error>,
    {
        if !self.dialect.networked() {
            return fut.await.map_err(Into::into);
        }
        let probe = async {
            loop {
                tokio::time::sleep(self.timeout).await;
                let alive = self
                    .timed("checking that the server answers", async {
                        let mut c = self.pool.acquire().await?;
                        stmt("SELECT 1").execute(&mut *c).await
                    })
                    .await;
                if alive.is_err() {
                    return;
                }
            }
        };
        tokio::select! {
            r = fut => r.map_err(Into::into),
            () = probe => Err(self.no_answer(what)),
        }
    }

    /// Starts a transaction (under `--timeout`).
    pub async fn begin(&self) -> anyhow::Result<sqlx::Transaction<'static, sqlx::Any>> {
        self.timed("starting a transaction", self.pool.begin())
            .await
    }

    /// Runs a statement that returns nothing.
    pub async fn exec(&self, sql: &str) -> anyhow::Result<u64> {
        self.execute(sql, false).await
    }

    /// Runs a long statement that returns nothing (DDL such as an index build).
    pub async fn exec_long(&self, sql: &str) -> anyhow::Result<u64> {
        self.execute(sql, true).await
    }

    /// A statement that returns nothing, under `--timeout` or (`long`) without one.
    async fn execute(&self, sql: &str, long: bool) -> anyhow::Result<u64> {
        let what = first_line(sql);
        let run = async {
            stmt(sql)
                .execute(&self.pool)
                .await
                .map_err(|e| failed(sql, e))
        };
        let r = if long {
            self.long(&what, run).await?
        } else {
            self.timed(&what, run).await?
        };
        Ok(r.rows_affected())
    }

    /// One integer, or None for NULL.
    pub async fn opt_int(&self, sql: &str, binds: &[i64]) -> anyhow::Result<Option<i64>> {
        let mut q = stmt(sql);
        for b in binds {
            q = q.bind(*b);
        }
        let row = self
            .timed(&first_line(sql), async {
                q.fetch_one(&self.pool).await.map_err(|e| failed(sql, e))
            })
            .await?;
        Ok(row.try_get::<Option<i64>, _>(0)?)
    }

    /// The first column of the first row, if there is a row (None) and it is not NULL.
    pub async fn int_if_any(&self, sql: &str, binds: &[i64]) -> anyhow::Result<Option<i64>> {
        let mut q = stmt(sql);
        for b in binds {
            q = q.bind(*b);
        }
        let row = self
            .timed(&first_line(sql), async {
                q.fetch_optional(&self.pool)
                    .await
                    .map_err(|e| failed(sql, e))
            })
            .await?;
        match row {
            Some(r) => Ok(r.try_get::<Option<i64>, _>(0)?),
            None => Ok(None),
        }
    }

    /// One integer (NULL reads as 0).
    pub async fn int(&self, sql: &str, binds: &[i64]) -> anyhow::Result<i64> {
        Ok(self.opt_int(sql, binds).await?.unwrap_or(0))
    }

    /// Every row of a query.
    pub async fn rows(&self, sql: &str, binds: &[&str]) -> anyhow::Result<Vec<AnyRow>> {
        let mut q = stmt(sql);
        for b in binds {
            q = q.bind(b.to_string());
        }
        self.timed(&first_line(sql), async {
            q.fetch_all(&self.pool).await.map_err(|e| failed(sql, e))
        })
        .await
    }

    /// Every row of a query that may take longer than `--timeout` (counts over a whole table).
    pub async fn rows_long(&self, sql: &str) -> anyhow::Result<Vec<AnyRow>> {
        self.long(&first_line(sql), async {
            stmt(sql)
                .fetch_all(&self.pool)
                .await
                .map_err(|e| failed(sql, e))
        })
        .await
    }
}

/// Reads the schema once on the first SQLite connection: SQLite opens any file lazily, so a
/// file that holds something else is found only at the first read, and there the pool would
/// retry until its acquire timeout and say "pool timed out". One read names it at once.
async fn sqlite_header_check(url: &DbUrl, conn: &mut sqlx::AnyConnection) -> anyhow::Result<()> {
    match stmt("SELECT COUNT(*) FROM sqlite_master")
        .execute(&mut *conn)
        .await
    {
        Ok(_) => Ok(()),
        Err(e) if is_not_a_database(&e) => Err(exit::usage(format!(
            "{}: not an SQLite database (the file holds something else; check the path)",
            url.masked
        ))),
        Err(e) => Err(connect_error(url, &e)),
    }
}

/// SQLite's SQLITE_NOTADB (26): the file is not a database, or is encrypted.
fn is_not_a_database(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => {
            db.code().as_deref() == Some("26") || db.message().contains("file is not a database")
        }
        _ => false,
    }
}

/// A failed first connection in the words the Redis errors use: refused, unreachable,
/// authentication failed; the password never appears.
fn connect_error(url: &DbUrl, e: &sqlx::Error) -> anyhow::Error {
    let m = &url.masked;
    let detail = scrub(e, &url.url);
    let msg = match e {
        sqlx::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => {
                format!("{m}: connection refused (is the database server running on that port?)")
            }
            std::io::ErrorKind::NotFound if url.dialect == Dialect::Sqlite => {
                format!("cannot connect to {m}: {detail}")
            }
            _ if detail.contains("lookup") || detail.contains("resolve") => {
                format!("{m}: cannot resolve host name: {detail}")
            }
            _ => format!("{m}: host unreachable: {detail}"),
        },
        sqlx::Error::Database(db) => {
            let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
            // PostgreSQL 28P01/28000 (SQLSTATE); MySQL by its error number: 1045 access
            // denied, 1044 no access to the database, 1698 socket-auth user.
            let msg = if matches!(code.as_str(), "28P01" | "28000")
                || matches!(mysql_number(db.as_ref()), Some(1045 | 1044 | 1698))
            {
                format!("{m}: authentication failed: {detail}")
            } else {
                format!("cannot connect to {m}: {detail}")
            };
            // Only a server starting up, shutting down or out of connections (PostgreSQL
            // 57P03, 53300; MySQL 1040, 1053), or a database an init job has not created yet
            // (3D000; MySQL 1049), may say yes later; any other answer is final.
            let later = matches!(code.as_str(), "57P03" | "53300" | "3D000")
                || matches!(mysql_number(db.as_ref()), Some(1040 | 1053 | 1049))
                || matches!(code.as_str(), "5" | "6");
            if !later {
                return anyhow::Error::new(ConnectDenied(msg));
            }
            msg
        }
        // A URL option no server accepts, a TLS handshake refused: no wait changes them.
        sqlx::Error::Configuration(_) | sqlx::Error::Tls(_) => {
            return anyhow::Error::new(ConnectDenied(format!("cannot connect to {m}: {detail}")));
        }
        _ => format!("cannot connect to {m}: {detail}"),
    };
    exit::runtime(msg)
}

/// A statement redkit built from validated identifiers and bind placeholders only (sqlx asks
/// for that promise on every non-literal SQL string).
pub fn stmt(
    sql: &str,
) -> sqlx::query::Query<'static, sqlx::Any, <sqlx::Any as sqlx::Database>::Arguments> {
    sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
}

/// An error chain as one line, skipping a cause whose text its parent already shows (sqlx's
/// "error returned from database: X" has X as its source too).
pub fn describe(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// A failed statement as one flat error (sqlx's Display already names the cause).
fn failed(sql: &str, e: sqlx::Error) -> anyhow::Error {
    // The sqlx error stays in the chain, so callers can tell a server's error from silence.
    anyhow::Error::new(e).context(first_line(sql))
}

/// The first line of a statement, for error context.
pub fn first_line(sql: &str) -> String {
    let line = sql.lines().next().unwrap_or_default().trim();
    format!("running {line}")
}

/// An sqlx error as text, with the URL's password removed should a driver ever echo it.
fn scrub(err: &sqlx::Error, url: &str) -> String {
    let text = err.to_string();
    match url::Url::parse(url)
        .ok()
        .and_then(|u| u.password().map(str::to_string))
    {
        Some(pw) if !pw.is_empty() => {
            // The URL holds it percent-encoded; a driver would echo it decoded.
            let decoded = percent_encoding::percent_decode_str(&pw)
                .decode_utf8_lossy()
                .into_owned();
            text.replace(&pw, "****").replace(&decoded, "****")
        }
        _ => text,
    }
}

/// Whether the server answered with an error (as opposed to not answering, or a broken
/// connection).
pub fn is_server_error(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        matches!(
            c.downcast_ref::<sqlx::Error>(),
            Some(sqlx::Error::Database(_))
        )
    })
}

/// Whether an error is a unique-key violation.
pub fn is_unique_violation(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        matches!(c.downcast_ref::<sqlx::Error>(), Some(sqlx::Error::Database(db)) if db.is_unique_violation())
    })
}

/// Whether an error says an index of that name exists already (MySQL 1061, PostgreSQL
/// 42P07): another session (a killed run's, finishing its statement) built it meanwhile.
pub fn is_duplicate_name(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        let Some(sqlx::Error::Database(db)) = c.downcast_ref::<sqlx::Error>() else {
            return false;
        };
        db.code().as_deref() == Some("42P07") || mysql_number(db.as_ref()) == Some(1061)
    })
}

/// Whether an error says the server lacks a function (PostgreSQL SQLSTATE 42883): a faster
/// path that needs it gives way to a plainer one.
pub fn is_undefined_function(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        let Some(sqlx::Error::Database(db)) = c.downcast_ref::<sqlx::Error>() else {
            return false;
        };
        db.code().as_deref() == Some("42883")
    })
}

/// Whether an error is worth retrying the same chunk for: a deadlock, a lock wait timeout, a
/// busy SQLite file, or a unique-key race with the application inserting the same row.
pub fn is_transient(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        let Some(sqlx::Error::Database(db)) = c.downcast_ref::<sqlx::Error>() else {
            return false;
        };
        if db.is_unique_violation() {
            return true;
        }
        let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
        // MySQL: 1213 deadlock, 1205 lock wait timeout (SQLSTATE 40001 / HY000);
        // PostgreSQL: 40001 serialization, 40P01 deadlock, 55P03 lock not available;
        // SQLite: 5 busy, 6 locked.
        matches!(
            code.as_str(),
            "40001" | "40P01" | "55P03" | "5" | "6" | "261" | "517"
        ) || matches!(mysql_number(db.as_ref()), Some(1213 | 1205))
    })
}

/// MySQL's own error number (its SQLSTATE is often the generic HY000).
fn mysql_number(db: &dyn sqlx::error::DatabaseError) -> Option<u16> {
    db.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>()
        .map(|e| e.number())
}

/// Reads an integer column that may be NULL.
pub fn get_i64(row: &AnyRow, idx: usize) -> anyhow::Result<i64> {
    Ok(row.try_get::<Option<i64>, _>(idx)?.unwrap_or(0))
}

/// Reads a text column that may be NULL.
pub fn get_text(row: &AnyRow, idx: usize) -> anyhow::Result<String> {
    Ok(row.try_get::<Option<String>, _>(idx)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert!(valid_ident("messages"));
        assert!(valid_ident("_t1"));
        assert!(!valid_ident("1t"));
        assert!(!valid_ident("a b"));
        assert!(!valid_ident("x;drop table y"));
        assert!(!valid_ident("a`b"));
        assert!(!valid_ident(""));
        assert!(!valid_ident(&"a".repeat(65)));
        assert!(valid_table_name("public.messages"));
        assert!(valid_table_name("messages"));
        assert!(!valid_table_name("a.b.c"));
        assert!(!valid_table_name("public."));
        assert!(!valid_table_name("x;y.z"));
        assert_eq!(
            Dialect::Postgres.quote_table("public.m"),
            "\"public\".\"m\""
        );
        assert_eq!(Dialect::Mysql.quote_table("m"), "`m`");
        assert_eq!(split_table_name("s.t"), (Some("s"), "t"));
    }

    #[test]
    fn urls() {
        let u = DbUrl::parse("mariadb://app:pw@127.0.0.1:3306/app", "--database-url").unwrap();
        assert_eq!(u.dialect, Dialect::Mysql);
        assert_eq!(u.url, "mysql://app:pw@127.0.0.1:3306/app");
        assert_eq!(u.masked, "mariadb://app:****@127.0.0.1:3306/app");
        assert_eq!(
            DbUrl::parse("sqlite:///tmp/x.db", "x").unwrap().dialect,
            Dialect::Sqlite
        );
        assert_eq!(
            DbUrl::parse("postgresql://h/db", "x").unwrap().dialect,
            Dialect::Postgres
        );
        for bad in [
            "redis://h/1",
            "nonsense",
            "sqlite://",
            "mysql://u:pw@/db",
            "postgres://h",
        ] {
            let e = DbUrl::parse(bad, "--database-url").unwrap_err();
            assert_eq!(exit::classify(&e), exit::ExitStatus::Usage, "{bad}");
            assert!(!e.to_string().contains(":pw@"), "{e}");
        }
    }

    #[test]
    fn described_errors_do_not_repeat_causes() {
        let e = anyhow::anyhow!("account is locked")
            .context("error returned from database: account is locked")
            .context("running SELECT 1");
        assert_eq!(
            describe(&e),
            "running SELECT 1: error returned from database: account is locked"
        );
    }

    #[test]
    fn dialect_text() {
        assert_eq!(Dialect::Mysql.quote("t"), "`t`");
        assert_eq!(Dialect::Postgres.param(2), "$2");
        assert_eq!(Dialect::Sqlite.param(2), "?");
        assert_eq!(Dialect::Sqlite.int("x"), "x");
    }
}
