//! `redkit migrate status`: the runs in the state table and the work remaining, for people
//! and for cron (exit 1 while a run is unfinished or indexes are pending).

use std::io::{self, Write};

use serde::Serialize;

use super::names::Names;
use super::report::escape;
use super::sql::Sql;
use super::state::RunStatus;
use super::{StatusArgs, connect, database_url, preflight, verify};
use crate::cmd::{Ctx, problem_if};
use crate::db::{get_i64, get_text};
use crate::exit::ExitStatus;
use crate::output::Format;
use crate::output::{Render, Ui};

pub const EXAMPLES: &str = "\
Examples:
  redkit migrate status
  redkit migrate status --format json | jq .remaining
  redkit -q migrate status || echo 'migration unfinished'

Exit codes: 0 no run unfinished and no index pending, 1 a run is unfinished or indexes are
pending, 2 bad URL, 3 database error.";

/// One run as the state table records it.
#[derive(Debug, Clone, Serialize)]
pub struct RunRow {
    pub run_id: i64,
    pub kind: String,
    pub status: RunStatus,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub rows: i64,
    pub last_id: i64,
    pub throttled_seconds: f64,
    pub pending_indexes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusReport {
    pub database: String,
    pub runs: Vec<RunRow>,
    pub eligible: i64,
    pub migrated: i64,
    pub remaining: i64,
    pub pending_indexes: Vec<String>,
    /// A copy run is running, interrupted or failed.
    pub unfinished: bool,
}

impl StatusReport {
    pub fn exit_status(&self) -> ExitStatus {
        problem_if(self.unfinished || !self.pending_indexes.is_empty())
    }
}

impl crate::output::Formats for StatusReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];
}

impl Render for StatusReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let mut t = ui.table();
        t.set_header(vec![
            "run".to_string(),
            "kind".into(),
            "status".into(),
            crate::output::time::header("started"),
            crate::output::time::header("finished"),
            "rows".into(),
            "last id".into(),
            "throttled".into(),
            "pending indexes".into(),
        ]);
        for r in &self.runs {
            t.add_row(vec![
                r.run_id.to_string(),
                escape(&r.kind),
                r.status.as_str().to_string(),
                compact_time(&r.started_at),
                r.finished_at.as_deref().map_or("-".into(), compact_time),
                r.rows.to_string(),
                r.last_id.to_string(),
                format!("{:.1}s", r.throttled_seconds),
                escape(&r.pending_indexes.join(", ")),
            ]);
        }
        if self.runs.is_empty() {
            writeln!(w, "no migration runs recorded in {}", self.database)?;
        } else {
            writeln!(w, "{t}")?;
        }
        writeln!(
            w,
            "eligible {}, migrated {}, remaining {}{}{}",
            self.eligible,
            self.migrated,
            self.remaining,
            if self.pending_indexes.is_empty() {
                String::new()
            } else {
                format!(", indexes pending: {}", self.pending_indexes.join(", "))
            },
            if self.unfinished {
                "; a run is unfinished: run `redkit migrate recipients` again to resume"
            } else {
                ""
            }
        )
    }
}

/// A recorded RFC 3339 time as tables show times (`14:59:24` today, in the header's zone);
/// one that does not parse as it was recorded, escaped.
fn compact_time(t: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(t) {
        Ok(at) => crate::output::time::compact(at.timestamp_millis().max(0) as u64),
        Err(_) => escape(t),
    }
}

pub async fn run(ctx: &Ctx, a: &StatusArgs) -> anyhow::Result<ExitStatus> {
    let names = Names::from_config(ctx.settings.section("migrate"))?;
    let url = database_url(ctx, a.database_url.as_deref())?;
    let db = connect(ctx, &url).await?;
    let sql = Sql::new(db.dialect, &names);
    let pre = preflight::run(&db, &sql, &names, true).await?;
    let state_cols = preflight::columns(&db, &names.state).await?;
    let mut runs = Vec::new();
    if !state_cols.is_empty() {
        // An older state table lacks the newer columns: read them as empty.
        let has = |c: &str| state_cols.iter().any(|(n, _)| n.eq_ignore_ascii_case(c));
        let q = sql.all_runs();
        let q = if has("throttled_ms") {
            q
        } else {
            q.replace("throttled_ms", "0")
                .replace("pending_indexes", "NULL")
        };
        for row in db.rows(&q, &[]).await? {
            let finished = get_text(&row, 4)?;
            runs.push(RunRow {
                run_id: get_i64(&row, 0)?,
                kind: get_text(&row, 1)?,
                status: RunStatus::parse(&get_text(&row, 2)?),
                started_at: get_text(&row, 3)?,
                finished_at: (!finished.is_empty()).then_some(finished),
                rows: get_i64(&row, 5)?,
                last_id: get_i64(&row, 6)?,
                throttled_seconds: get_i64(&row, 7)? as f64 / 1000.0,
                pending_indexes: get_text(&row, 8)?
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            });
        }
    }
    let pending_indexes = if state_cols.is_empty() {
        Vec::new()
    } else {
        verify::pending_indexes(&db, &sql).await?
    };
    let unfinished = runs
        .iter()
        .any(|r| r.kind == "copy" && !r.status.is_finished());
    let report = StatusReport {
        database: db.masked.clone(),
        runs,
        eligible: pre.eligible,
        migrated: pre.already_migrated,
        remaining: (pre.eligible - pre.already_migrated).max(0),
        pending_indexes,
        unfinished,
    };
    let status = report.exit_status();
    ctx.out
        .emit_outcome(&report, status == ExitStatus::Success)?;
    Ok(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(runs: Vec<RunRow>) -> StatusReport {
        StatusReport {
            database: "postgres://app:***@db/app".into(),
            runs,
            eligible: 100,
            migrated: 60,
            remaining: 40,
            pending_indexes: vec!["idx_recipients_user".into()],
            unfinished: true,
        }
    }

    #[test]
    fn table_lists_each_run_and_the_work_remaining() {
        let text = crate::cmd::table_of(&report(vec![RunRow {
            run_id: 7,
            kind: "copy".into(),
            status: RunStatus::Interrupted,
            started_at: "2026-12-01 10:00:00".into(),
            finished_at: None,
            rows: 60,
            last_id: 1234,
            throttled_seconds: 2.25,
            pending_indexes: vec!["idx_recipients_user".into()],
        }]));
        let run = text
            .lines()
            .find(|l| l.trim_start().starts_with('7'))
            .expect("run 7");
        let cols: Vec<&str> = run.split_whitespace().collect();
        assert_eq!(cols[..3], ["7", "copy", "interrupted"], "{text}");
        assert!(
            run.contains(" - ") && run.contains("1234") && run.contains("2.2s"),
            "{text}"
        );
        assert_eq!(
            text.lines().last().unwrap_or_default(),
            "eligible 100, migrated 60, remaining 40, indexes pending: idx_recipients_user; \
             a run is unfinished: run `redkit migrate recipients` again to resume"
        );
    }

    #[test]
    fn table_without_runs_says_so() {
        let mut r = report(vec![]);
        r.pending_indexes.clear();
        r.unfinished = false;
        assert_eq!(
            crate::cmd::table_of(&r),
            "no migration runs recorded in postgres://app:***@db/app\n\
             eligible 100, migrated 60, remaining 40\n"
        );
    }
}
