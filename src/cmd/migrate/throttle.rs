//! Throttling, as gh-ost and pt-archiver do it: before each chunk the copy checks a pause
//! file, the load of the primary and the lag of every replica, and waits while any is over
//! its limit. Lag comes from a heartbeat (the primary's clock written with each chunk and read
//! back on the replica), exact below one second on every database.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::Duration;

use super::sql::Sql;
use crate::db::{Db, Dialect, get_text};
use crate::exit;

/// A replica whose lag is watched.
pub struct Replica {
    pub db: Db,
    /// Host and port, for messages.
    pub name: String,
}

/// A status value of the primary that pauses the copy while above a limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaxLoad {
    pub name: String,
    pub limit: i64,
}

impl MaxLoad {
    /// Parses `NAME=VALUE` (`Threads_running=25`, `active_sessions=20`).
    pub fn parse(s: &str) -> Result<MaxLoad, String> {
        let (name, value) = s
            .split_once('=')
            .ok_or_else(|| format!("expected NAME=VALUE, got '{s}'"))?;
        let name = name.trim();
        if !crate::db::valid_ident(name) {
            return Err(format!("'{name}' is not a status variable name"));
        }
        let limit = value
            .trim()
            .parse::<i64>()
            .map_err(|_| format!("'{value}' is not a whole number"))?;
        if limit < 1 {
            return Err(format!("the limit must be at least 1, got {limit}"));
        }
        Ok(MaxLoad {
            name: name.to_string(),
            limit,
        })
    }

    /// The statement reading the value on the primary.
    fn query(&self, d: Dialect) -> anyhow::Result<String> {
        match d {
            // The name was validated as an identifier, so it can stand in the text.
            Dialect::Mysql => Ok(format!("SHOW GLOBAL STATUS LIKE '{}'", self.name)),
            Dialect::Postgres if self.name.eq_ignore_ascii_case("active_sessions") => Ok(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM pg_stat_activity WHERE state = 'active'"
                    .to_string(),
            ),
            Dialect::Postgres => Err(exit::usage(format!(
                "--max-load {}: PostgreSQL knows only active_sessions=N",
                self.name
            ))),
            Dialect::Sqlite => Err(exit::usage(
                "--max-load: SQLite has no server load to watch",
            )),
        }
    }
}

/// Why the copy waits: `kind` is the stable name in the report, `subject` what holds it (the
/// file, the status variable, the replica), `text` the current reading (a lag that changes
/// with every poll). A log line is due when the kind or the subject changes, not the reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pause {
    pub kind: &'static str,
    pub subject: String,
    pub text: String,
}

impl Pause {
    /// The same pause as `other`: same kind, same cause (the reading may differ).
    pub fn same_cause(&self, other: &Pause) -> bool {
        self.kind == other.kind && self.subject == other.subject
    }
}

/// Everything the copy may wait for.
#[derive(Default)]
pub struct Throttle {
    pub pause_file: Option<PathBuf>,
    pub replicas: Vec<Replica>,
    pub max_lag: Duration,
    pub max_load: Vec<MaxLoad>,
    /// Heartbeats written by this run (microseconds), oldest first, not yet seen on every
    /// replica: a replica's lag is the age of the oldest one it has not applied.
    written: VecDeque<i64>,
}

/// Microseconds since the epoch on this machine (the primary's heartbeat).
pub fn now_us() -> i64 {
    chrono::Utc::now().timestamp_micros()
}

impl Throttle {
    pub fn new(
        pause_file: Option<PathBuf>,
        replicas: Vec<Replica>,
        max_lag: Duration,
        max_load: Vec<MaxLoad>,
    ) -> Throttle {
        Throttle {
            pause_file,
            replicas,
            max_lag,
            max_load,
            written: VecDeque::new(),
        }
    }

    /// Checks the statements this throttle will run and reads each load value once, before
    /// the first write: a misspelt status variable is a usage error (exit 2) with nothing
    /// written, not a failure after the table was created.
    pub async fn check_usage(&self, primary: &Db) -> anyhow::Result<()> {
        for m in &self.max_load {
            load_value(primary, &m.query(primary.dialect)?).await?;
        }
        Ok(())
    }

    /// Notes a heartbeat the primary committed.
    pub fn wrote(&mut self, hb: i64) {
        if !self.replicas.is_empty() {
            self.written.push_back(hb);
            // Bounded: a replica that never applies anything is over any limit long before.
            if self.written.len() > 10_000 {
                self.written.pop_front();
            }
        }
    }

    /// Why the copy must wait now, or None.
    pub async fn reason(
        &mut self,
        primary: &Db,
        sql: &Sql,
        run_id: i64,
    ) -> anyhow::Result<Option<Pause>> {
        if let Some(p) = &self.pause_file
            && p.exists()
        {
            let subject = format!("pause file {}", p.display());
            return Ok(Some(Pause {
                kind: "pause_file",
                text: format!("{subject} exists"),
                subject,
            }));
        }
        for m in &self.max_load {
            let value = load_value(primary, &m.query(primary.dialect)?).await?;
            if value > m.limit {
                return Ok(Some(Pause {
                    kind: "max_load",
                    subject: m.name.clone(),
                    text: format!("{} {value} > {}", m.name, m.limit),
                }));
            }
        }
        let mut min_seen = i64::MAX;
        let mut worst: Option<(Duration, &str)> = None;
        for r in &self.replicas {
            // A replica that has not applied the state table (or the run's row) yet has seen
            // no heartbeat at all.
            let seen = match r.db.int_if_any(&sql.read_heartbeat(), &[run_id]).await {
                Ok(v) => v.unwrap_or(i64::MIN),
                Err(e) if crate::db::is_server_error(&e) => i64::MIN,
                Err(e) => {
                    return Err(e.context(format!("reading the heartbeat on replica {}", r.name)));
                }
            };
            min_seen = min_seen.min(seen);
            let lag = match self.written.iter().find(|w| **w > seen) {
                Some(first_unapplied) => Duration::from_micros(
                    u64::try_from(now_us().saturating_sub(*first_unapplied)).unwrap_or(0),
                ),
                None => Duration::ZERO,
            };
            if lag > self.max_lag && worst.is_none_or(|(l, _)| lag > l) {
                worst = Some((lag, &r.name));
            }
        }
        while self.written.front().is_some_and(|w| *w <= min_seen) {
            self.written.pop_front();
        }
        Ok(worst.map(|(lag, name)| Pause {
            kind: "replica_lag",
            subject: format!("replica {name}"),
            text: format!(
                "replica {name} lag {:.1}s > {}",
                lag.as_secs_f64(),
                crate::duration::format(self.max_lag)
            ),
        }))
    }

    pub fn is_active(&self) -> bool {
        self.pause_file.is_some() || !self.replicas.is_empty() || !self.max_load.is_empty()
    }
}

/// A status value: MySQL's SHOW STATUS answers (name, value) as text; PostgreSQL one count.
async fn load_value(db: &Db, query: &str) -> anyhow::Result<i64> {
    let rows = db.rows(query, &[]).await?;
    let Some(row) = rows.first() else {
        return Err(exit::usage(format!(
            "--max-load: the server knows no such status variable ({query})"
        )));
    };
    match db.dialect {
        Dialect::Mysql => {
            let v = get_text(row, 1)?;
            v.trim()
                .parse::<i64>()
                .map_err(|_| anyhow::anyhow!("--max-load: status value '{v}' is not a number"))
        }
        Dialect::Postgres | Dialect::Sqlite => crate::db::get_i64(row, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_load_parses() {
        assert_eq!(
            MaxLoad::parse("Threads_running=25").unwrap(),
            MaxLoad {
                name: "Threads_running".into(),
                limit: 25
            }
        );
        assert!(MaxLoad::parse("Threads_running").is_err());
        assert!(MaxLoad::parse("x';drop=1").is_err());
        assert!(MaxLoad::parse("a=0").is_err());
        assert!(MaxLoad::parse("a=b").is_err());
    }
}
