//! The report of `migrate recipients` (plain data) and its table; JSON comes from serde.

use std::io::{self, Write};

use serde::Serialize;

use super::preflight::Reasons;
use super::verify::Verification;
use crate::db::Dialect;
use crate::output::{Format, Render, Ui};

/// What a dry run would do.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub create_table: bool,
    pub batch_size: i64,
    pub chunk_time_ms: u64,
    pub high_water: i64,
    pub rows_to_copy: i64,
    pub estimated_chunks: i64,
    pub statements: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MigrateReport {
    /// `migrate`, `dry_run`, `verify` or `rollback`.
    pub action: &'static str,
    pub database: String,
    pub dialect: Dialect,
    pub dry_run: bool,
    pub run_id: Option<i64>,
    pub resumed_from: Option<i64>,
    pub created_table: bool,
    pub messages: i64,
    pub eligible: i64,
    pub already_migrated: i64,
    pub migrated: i64,
    pub caught_up: i64,
    pub skipped: i64,
    pub reasons: Reasons,
    pub rolled_back: Option<i64>,
    pub read_state_restored: Option<i64>,
    pub verified: Option<bool>,
    pub verification: Option<Verification>,
    pub interrupted: bool,
    /// The run stopped at --max-rows (resumable, like an interruption).
    pub limited: bool,
    pub chunks: u64,
    pub last_id: Option<i64>,
    pub seconds: f64,
    /// Time spent in the chunk loop (copy or rollback) and in verification.
    pub copy_seconds: f64,
    pub verify_seconds: f64,
    pub plan: Option<Plan>,
}

fn ids(v: &[i64]) -> String {
    v.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

impl Render for MigrateReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];

    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let mut t = ui.table();
        let mut row = |k: &str, v: String| {
            t.add_row(vec![k.to_string(), v]);
        };
        row("action", self.action.to_string());
        row("database", self.database.clone());
        if let Some(id) = self.run_id {
            row("run", id.to_string());
        }
        if let Some(id) = self.resumed_from {
            row("resumed after id", id.to_string());
        }
        row("messages", self.messages.to_string());
        row("eligible", self.eligible.to_string());
        row("already migrated", self.already_migrated.to_string());
        if self.action == "migrate" {
            row("migrated", self.migrated.to_string());
            row(
                "  caught up (written during the run)",
                self.caught_up.to_string(),
            );
        }
        row("skipped", self.skipped.to_string());
        row("  receiver NULL", self.reasons.receiver_null.to_string());
        row(
            "  receiver not positive",
            self.reasons.receiver_not_positive.to_string(),
        );
        row(
            "  receiver unknown",
            self.reasons.receiver_unknown.to_string(),
        );
        if self.created_table {
            row("created table", "yes".into());
        }
        if let Some(n) = self.rolled_back {
            row("rolled back (rows removed)", n.to_string());
        }
        if let Some(n) = self.read_state_restored {
            row("read state copied back", n.to_string());
        }
        if let Some(v) = &self.verification {
            row(
                "verified",
                if v.ok { "ok".into() } else { "MISMATCH".into() },
            );
            row("  recipient rows", v.recipient_rows.to_string());
            for (name, n, first) in [
                ("  missing", v.missing, &v.first_missing),
                (
                    "  is_read differs",
                    v.is_read_mismatch,
                    &v.first_is_read_mismatch,
                ),
                ("  orphans", v.orphans, &v.first_orphans),
            ] {
                let mut s = n.to_string();
                if !first.is_empty() {
                    s.push_str(&format!(" (ids {})", ids(first)));
                }
                row(name, s);
            }
        }
        if self.interrupted {
            row("interrupted", "yes: run again to resume".into());
        }
        if self.limited {
            row("stopped at --max-rows", "yes: run again to go on".into());
        }
        if self.chunks > 0 {
            row("chunks", self.chunks.to_string());
        }
        row("seconds", format!("{:.2}", self.seconds));
        writeln!(w, "{t}")?;
        if let Some(p) = &self.plan {
            writeln!(
                w,
                "\nPlan: {} rows to copy in about {} chunks of {} ids (chunk size adapts to {} ms per chunk), ids up to {}{}.",
                p.rows_to_copy,
                p.estimated_chunks,
                p.batch_size,
                p.chunk_time_ms,
                p.high_water,
                if p.create_table {
                    "; creates the table first"
                } else {
                    ""
                }
            )?;
            for s in &p.statements {
                writeln!(w, "\n{s};")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_names_the_facts() {
        let r = MigrateReport {
            action: "migrate",
            database: "mysql://app:****@db/app".into(),
            dialect: Dialect::Mysql,
            dry_run: false,
            run_id: Some(7),
            resumed_from: None,
            created_table: true,
            messages: 10,
            eligible: 8,
            already_migrated: 0,
            migrated: 8,
            caught_up: 0,
            skipped: 2,
            reasons: Reasons {
                receiver_null: 1,
                receiver_not_positive: 1,
                receiver_unknown: 0,
            },
            rolled_back: None,
            read_state_restored: None,
            verified: Some(false),
            verification: Some(Verification {
                ok: false,
                missing: 1,
                first_missing: vec![3],
                ..Verification::default()
            }),
            interrupted: false,
            limited: false,
            chunks: 1,
            last_id: Some(10),
            seconds: 0.5,
            copy_seconds: 0.4,
            verify_seconds: 0.1,
            plan: None,
        };
        let ui = Ui {
            color: false,
            stdout_tty: false,
            verbose: 0,
        };
        let mut buf = Vec::new();
        r.table(&mut buf, &ui).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.contains("MISMATCH"), "{text}");
        assert!(text.contains("1 (ids 3)"), "{text}");
        assert!(text.contains("mysql://app:****@db/app"));
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["migrated"], 8);
        assert_eq!(json["verified"], false);
    }
}
