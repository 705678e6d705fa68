//! The report of `migrate recipients` (plain data) and its table; JSON comes from serde.

use std::io::{self, Write};

use serde::Serialize;

use super::preflight::{CreatedAtCheck, Reasons};
use super::verify::Verification;
use crate::db::Dialect;
use crate::output::{Format, Render, Ui};

/// What an invocation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Migrate,
    DryRun,
    Verify,
    Rollback,
    RepairReads,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Migrate => "migrate",
            Action::DryRun => "dry_run",
            Action::Verify => "verify",
            Action::Rollback => "rollback",
            Action::RepairReads => "repair_reads",
        }
    }
}

/// What a dry run would do.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub create_table: bool,
    /// The real run needs --create-table (the table is missing and the flag was not given).
    pub needs_create_table_flag: bool,
    /// Secondary indexes the copy would build at the end instead of keeping during it.
    pub deferred_indexes: Vec<String>,
    pub low_water: Option<i64>,
    pub batch_size: i64,
    pub chunk_time_ms: u64,
    pub high_water: Option<i64>,
    pub rows_to_copy: i64,
    pub estimated_chunks: i64,
    pub statements: Vec<String>,
}

/// What `--rollback --dry-run` would change.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RollbackPlan {
    /// Chunk records the rollback would undo.
    pub chunk_records: i64,
    /// Recipient rows it would delete (those the chunk records name, and no other).
    pub rows_to_delete: i64,
    /// Messages whose read (done on the new table) it would copy back into messages; an
    /// unread is never copied over a read.
    pub read_states_to_copy_back: i64,
    pub first_read_states_to_copy_back: Vec<i64>,
    /// Copy runs of an older redkit without chunk records: their rows stay.
    pub unrecorded_copy_runs: i64,
}

/// What `--repair-reads --dry-run` would change.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RepairPlan {
    /// Recipient rows it would mark read (read in messages, unread in their row).
    pub reads_to_repair: i64,
    pub first_reads_to_repair: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MigrateReport {
    /// `migrate`, `dry_run`, `verify` or `rollback`.
    pub action: Action,
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
    /// `--repair-reads`: recipient rows marked read.
    pub reads_repaired: Option<i64>,
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
    /// Time spent paused by the throttle, and why (`pause_file`, `replica_lag`, `max_load`).
    pub throttled_seconds: f64,
    pub throttle_reasons: Vec<String>,
    /// Secondary indexes built at the end of the copy, and those still to build.
    pub indexes_built: Vec<String>,
    pub pending_indexes: Vec<String>,
    /// Why the run stopped early (exit 3), with where to resume.
    pub error: Option<String>,
    pub plan: Option<Plan>,
    /// `--rollback --dry-run` and `--repair-reads --dry-run`: what they would change.
    pub rollback_plan: Option<RollbackPlan>,
    pub repair_plan: Option<RepairPlan>,
    /// created_at values the target column cannot hold, and how the copy maps them.
    pub created_at_check: CreatedAtCheck,
}

fn ids(v: &[i64]) -> String {
    v.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

/// `3 (message ids 7, 8, 9)`, or the bare count when no id is listed.
fn with_ids(n: i64, first: &[i64]) -> String {
    let mut s = n.to_string();
    if !first.is_empty() {
        s.push_str(&format!(
            " ({} {})",
            plural(first.len() as i64, "message id", "message ids"),
            ids(first)
        ));
    }
    s
}

use super::runner::{count_of, plural};

pub use crate::output::escape::escape_str as escape;

impl crate::output::Formats for MigrateReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];
}

impl Render for MigrateReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let mut t = ui.table();
        // Labels are tokens; a long value (the index list) wraps in its column rather than
        // folding every row of the report (review-21 F8).
        t.set_kinds(&[crate::output::Kind::Token, crate::output::Kind::Wrap]);
        let mut row = |k: &str, v: String| {
            t.add_row(vec![k.to_string(), v]);
        };
        row(
            "action",
            if self.dry_run && self.action != Action::DryRun {
                format!("{} (dry run: nothing changed)", self.action.as_str())
            } else {
                self.action.as_str().to_string()
            },
        );
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
        if self.action == Action::Migrate {
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
        let c = &self.created_at_check;
        if c.out_of_range > 0 {
            row(
                "created_at out of range",
                format!(
                    "{} (the {} column holds {}): {}",
                    with_ids(c.out_of_range, &c.first_out_of_range),
                    c.target_type,
                    c.range.as_deref().unwrap_or("any value"),
                    match c.mapping {
                        super::sql::OutOfRange::Refuse => {
                            "refused: pass --created-at-out-of-range clamp or null".to_string()
                        }
                        m => format!("copied as {}", m.as_str()),
                    }
                ),
            );
        }
        if self.created_table {
            row("created table", "yes".into());
        }
        if let Some(n) = self.rolled_back {
            row("rolled back (rows removed)", n.to_string());
        }
        if let Some(n) = self.read_state_restored {
            row("read state copied back", n.to_string());
        }
        if let Some(n) = self.reads_repaired {
            row("reads repaired (marked read)", n.to_string());
        }
        if let Some(p) = &self.rollback_plan {
            row("would undo chunk records", p.chunk_records.to_string());
            row("would delete rows", p.rows_to_delete.to_string());
            row(
                "would copy reads back",
                with_ids(
                    p.read_states_to_copy_back,
                    &p.first_read_states_to_copy_back,
                ),
            );
            if p.unrecorded_copy_runs > 0 {
                row(
                    "copy runs without chunk records (rows stay)",
                    p.unrecorded_copy_runs.to_string(),
                );
            }
        }
        if let Some(p) = &self.repair_plan {
            row(
                "would mark read",
                with_ids(p.reads_to_repair, &p.first_reads_to_repair),
            );
        }
        if let Some(v) = &self.verification {
            row(
                "verified",
                if v.ok { "ok".into() } else { "MISMATCH".into() },
            );
            row("  by", v.method.as_str().into());
            row("  recipient rows", v.recipient_rows.to_string());
            for (name, n, first) in [
                ("  missing", v.missing, &v.first_missing),
                (
                    "  read lost (read in messages only)",
                    v.is_read_mismatch,
                    &v.first_is_read_mismatch,
                ),
                ("  orphans", v.orphans, &v.first_orphans),
                (
                    "  created_at differs",
                    v.created_at_mismatch,
                    &v.first_created_at_mismatch,
                ),
            ] {
                row(name, with_ids(n, first));
            }
            row(
                "  read after migration (ok)",
                v.read_after_migration.to_string(),
            );
            if !v.pending_indexes.is_empty() {
                row("  indexes missing", v.pending_indexes.join(", "));
            }
            for remedy in &v.remedies {
                row("  remedy", remedy.clone());
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
        if !self.indexes_built.is_empty() {
            row("indexes built", self.indexes_built.join(", "));
        }
        if !self.pending_indexes.is_empty() {
            row("indexes pending", self.pending_indexes.join(", "));
        }
        if self.throttled_seconds > 0.0 {
            row(
                "throttled",
                format!(
                    "{:.1}s ({})",
                    self.throttled_seconds,
                    self.throttle_reasons.join(", ")
                ),
            );
        }
        if let Some(e) = &self.error {
            row("error", escape(e));
        }
        row("seconds", format!("{:.2}", self.seconds));
        writeln!(w, "{t}")?;
        if let Some(p) = &self.plan {
            writeln!(w, "\n{}", plan_text(p))?;
            for s in &p.statements {
                writeln!(w, "\n{s};")?;
            }
        }
        Ok(())
    }
}

/// The plan in words: exactly what the real run will do.
pub fn plan_text(p: &Plan) -> String {
    let mut steps = Vec::new();
    if p.needs_create_table_flag {
        steps.push(
            "the table does not exist: the real run needs --create-table, and then creates it"
                .to_string(),
        );
    } else if p.create_table {
        steps.push("creates the table".to_string());
    }
    let range = match (p.low_water, p.high_water) {
        (Some(lo), Some(hi)) => format!("ids {lo} to {hi}"),
        _ => "no ids".to_string(),
    };
    steps.push(format!(
        "copies {} in about {} of {} (the size adapts to {} ms per chunk), {range}",
        count_of(p.rows_to_copy, "row", "rows"),
        count_of(p.estimated_chunks, "chunk", "chunks"),
        count_of(p.batch_size, "row", "rows"),
        p.chunk_time_ms,
    ));
    if !p.deferred_indexes.is_empty() {
        steps.push(format!(
            "builds {} after the copy ({})",
            count_of(p.deferred_indexes.len() as i64, "index", "indexes"),
            p.deferred_indexes.join(", ")
        ));
    }
    steps.push("verifies the result".to_string());
    format!("Plan: {}.", steps.join("; then "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> MigrateReport {
        MigrateReport {
            action: Action::Migrate,
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
                first_missing: vec![3, 5, 6],
                ..Verification::default()
            }),
            interrupted: false,
            limited: false,
            chunks: 1,
            last_id: Some(10),
            seconds: 0.5,
            copy_seconds: 0.4,
            verify_seconds: 0.1,
            throttled_seconds: 0.0,
            throttle_reasons: Vec::new(),
            indexes_built: Vec::new(),
            pending_indexes: Vec::new(),
            error: None,
            plan: None,
            rollback_plan: None,
            repair_plan: None,
            reads_repaired: None,
            created_at_check: CreatedAtCheck::default(),
        }
    }

    #[test]
    fn table_names_the_facts() {
        let r = sample();
        let text = crate::cmd::table_of(&r);
        assert!(text.contains("MISMATCH"), "{text}");
        assert!(text.contains("1 (message ids 3, 5, 6)"), "{text}");
        assert!(text.contains("mysql://app:****@db/app"));
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["migrated"], 8);
        assert_eq!(json["verified"], false);
        assert_eq!(json["action"], "migrate");
    }

    #[test]
    fn rollback_preview_table_lists_what_would_change() {
        let mut r = sample();
        r.action = Action::Rollback;
        r.dry_run = true;
        r.rollback_plan = Some(RollbackPlan {
            chunk_records: 2,
            rows_to_delete: 10,
            read_states_to_copy_back: 1,
            first_read_states_to_copy_back: vec![7],
            unrecorded_copy_runs: 0,
        });
        let text = crate::cmd::table_of(&r);
        assert!(
            text.contains("rollback (dry run: nothing changed)"),
            "{text}"
        );
        assert!(text.contains("would delete rows"), "{text}");
        assert!(text.contains("1 (message id 7)"), "{text}");
        assert!(!text.contains("without chunk records"), "{text}");
    }

    #[test]
    fn plan_text_says_what_happens_with_plurals() {
        let mut p = Plan {
            create_table: true,
            needs_create_table_flag: true,
            deferred_indexes: vec!["idx_a".into()],
            low_water: Some(1),
            batch_size: 1,
            chunk_time_ms: 500,
            high_water: Some(1),
            rows_to_copy: 1,
            estimated_chunks: 1,
            statements: Vec::new(),
        };
        let t = plan_text(&p);
        assert!(t.contains("needs --create-table"), "{t}");
        assert!(t.contains("copies 1 row in about 1 chunk of 1 row "), "{t}");
        assert!(t.contains("builds 1 index after the copy"), "{t}");
        p.needs_create_table_flag = false;
        p.rows_to_copy = 2;
        p.estimated_chunks = 0;
        p.deferred_indexes.push("idx_b".into());
        let t = plan_text(&p);
        assert!(
            t.contains("creates the table; then copies 2 rows in about 0 chunks"),
            "{t}"
        );
        assert!(t.contains("builds 2 indexes"), "{t}");
    }
}
