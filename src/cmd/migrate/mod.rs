//! `redkit migrate recipients`: copy single-recipient `messages` rows into `message_recipients`
//! in checkpointed chunks, verify the result, and roll it back on request.

mod bar;
mod indexes;
mod names;
mod preflight;
mod preview;
mod ranges;
mod report;
mod runner;
mod runs;
mod sql;
mod state;
mod status;
mod throttle;
mod verify;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand, ValueEnum};

use crate::cmd::{Ctx, problem_if};
use crate::db::{Db, DbUrl, Dialect};
use crate::duration;
use crate::exit::{self, ExitStatus};
use names::Names;
use preflight::Preflight;
pub use report::MigrateReport;
use report::{Action, Plan};
use runner::{Failed, IndexPlan, Job, Pace, RunCtx, RunResult, Stop};
use sql::{OutOfRange, Sql};
pub use status::StatusReport;
use throttle::{MaxLoad, Replica, Throttle};

pub const EXAMPLES: &str = "\
Examples:
  redkit migrate recipients --database-url sqlite://app.db --dry-run
  DATABASE_URL=mysql://app@db.internal/app redkit migrate recipients --create-table --yes
  redkit migrate recipients --yes --replica mysql://app@db2.internal/app --max-lag 1s
  redkit migrate recipients --yes --pause-file /tmp/hold-migration
  redkit migrate recipients --verify --format json
  redkit migrate recipients --rollback --dry-run
  redkit migrate recipients --rollback --yes
  redkit migrate recipients --repair-reads --dry-run
  redkit migrate recipients --yes --created-at-out-of-range clamp
  redkit migrate status

The password comes from the URL in DATABASE_URL, .env or the config (migrate.database_url);
it is never printed. Every statement runs under --timeout (long ones while the server keeps
answering). Ctrl-C or SIGTERM stops after the chunk in flight; a second run resumes.
A read state only moves from unread to read: the rollback copies reads back, never an unread
over a read. Exit codes: 0 ok, 1 verification found a mismatch (status: a run unfinished or
indexes pending), 2 bad URL, not an SQLite database, unfit schema, a created_at the target
column cannot hold, or no --yes without a terminal, 3 database error, 130 interrupted.";

#[derive(Debug, Args)]
pub struct MigrateArgs {
    #[command(subcommand)]
    pub what: MigrateWhat,
}

#[derive(Debug, Subcommand)]
pub enum MigrateWhat {
    /// Move single-recipient messages into message_recipients (chunked, resumable, verified)
    #[command(after_help = EXAMPLES, mut_arg("dry_run", |a| a.help(
        "Show the preflight counts and the plan (batches, SQL); change nothing. With \
         --rollback or --repair-reads: the rows and read states they would change"
    )))]
    Recipients(RecipientsArgs),
    /// Show the runs in the state table and the work remaining (exit 1 when unfinished)
    #[command(after_help = status::EXAMPLES)]
    Status(StatusArgs),
}

/// When the copy builds the secondary indexes (recipient_id, is_read, created_at).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeferIndexes {
    /// After the copy when this run creates the table or finds it empty
    Auto,
    /// Always after the copy (they are dropped first if present)
    Always,
    /// Keep them during the copy (for a table the application already reads)
    Never,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// sqlite://PATH, mysql:// (or mariadb://), postgres:// [env: DATABASE_URL]
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct RecipientsArgs {
    /// sqlite://PATH, mysql:// (or mariadb://), postgres:// [env: DATABASE_URL]
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,

    #[command(flatten)]
    pub confirm: crate::cmd::ConfirmArgs,

    /// Only verify: every eligible message has its recipient row, no read lost, no orphans
    #[arg(long, conflicts_with_all = ["rollback", "repair_reads", "dry_run"])]
    pub verify: bool,

    /// Remove the rows migration runs created, after copying reads done on them back into
    /// messages (a read only: a message read in messages stays read)
    #[arg(long)]
    pub rollback: bool,

    /// Mark read in message_recipients the rows --verify counts as "read lost" (read in
    /// messages, unread in their row), in chunks recorded as a run
    #[arg(long, conflicts_with = "rollback")]
    pub repair_reads: bool,

    /// Create the recipients table (the seed's schema, in this database's dialect) if missing
    #[arg(long)]
    pub create_table: bool,

    /// What the copy writes for a created_at the target column cannot hold (a MySQL
    /// TIMESTAMP holds 1970-01-01 00:00:01 .. 2038-01-19 03:14:07 UTC; an existing
    /// PostgreSQL date or timestamp(0) keeps less): refuse (exit 2, naming the ids), clamp
    /// to the nearest value the column holds, or null
    #[arg(long, value_name = "HOW", value_enum, default_value_t = OutOfRange::Refuse)]
    pub created_at_out_of_range: OutOfRange,

    /// Build the secondary indexes after the copy (faster) or keep them during it
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = DeferIndexes::Auto)]
    pub defer_indexes: DeferIndexes,

    /// Rows per chunk to start with (the size then adapts to --chunk-time)
    #[arg(long, value_name = "N", default_value_t = 5000, value_parser = clap::value_parser!(i64).range(1..=100_000_000))]
    pub batch_size: i64,

    /// Target time per chunk; 0 keeps --batch-size fixed
    #[arg(long, value_name = "DUR", default_value = "500ms", value_parser = duration::clap_parse)]
    pub chunk_time: Duration,

    /// Pause between chunks, to leave room for the application
    #[arg(long, value_name = "DUR", default_value = "0s", value_parser = duration::clap_parse)]
    pub sleep: Duration,

    /// Stop (resumably) once this many rows were copied in this run
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
    pub max_rows: Option<i64>,

    /// At most this often, a progress line on stderr when no progress bar is shown (cron),
    /// and a reminder while the copy is paused (a pause is logged when it begins or its cause
    /// changes); 0 for neither
    #[arg(long, value_name = "DUR", default_value = "1m", value_parser = duration::clap_parse)]
    pub log_every: Duration,

    /// A replica to watch: the copy pauses while its lag is over --max-lag (repeatable)
    #[arg(long, value_name = "URL")]
    pub replica: Vec<String>,

    /// The most replica lag the copy lets build up [default: 1s with a --replica]
    #[arg(long, value_name = "DUR", value_parser = duration::clap_parse, requires = "replica")]
    pub max_lag: Option<Duration>,

    /// Pause while a status value of the primary is above a limit: Threads_running=25 on
    /// MySQL/MariaDB, active_sessions=20 on PostgreSQL (repeatable)
    #[arg(long, value_name = "NAME=VALUE", value_parser = MaxLoad::parse)]
    pub max_load: Vec<MaxLoad>,

    /// Pause while this file exists (hold a running copy from another shell)
    #[arg(long, value_name = "PATH")]
    pub pause_file: Option<PathBuf>,
}

pub async fn run(ctx: &Ctx, args: &MigrateArgs) -> anyhow::Result<ExitStatus> {
    match &args.what {
        MigrateWhat::Recipients(a) => recipients(ctx, a).await,
        MigrateWhat::Status(a) => status::run(ctx, a).await,
    }
}

/// The database URL: the flag, else DATABASE_URL (env, .env) or migrate.database_url.
fn database_url(ctx: &Ctx, flag: Option<&str>) -> anyhow::Result<DbUrl> {
    if let Some(u) = flag {
        if url::Url::parse(u).is_ok_and(|p| p.password().is_some()) {
            ctx.out.warn(
                "--database-url holds a password, which every user of this machine can see in ps; prefer DATABASE_URL or .env",
            );
        }
        return DbUrl::parse(u, "--database-url");
    }
    match &ctx.settings.database_url {
        Some(s) => DbUrl::parse(s.value.expose(), &s.origin),
        None => Err(exit::usage(
            "no database: pass --database-url, or set DATABASE_URL or migrate.database_url",
        )),
    }
}

/// Opens the database with the connection and statement timeouts from the settings.
async fn connect(ctx: &Ctx, url: &DbUrl) -> anyhow::Result<Db> {
    let r = &ctx.settings.redis;
    Db::connect(url, r.connect_timeout.value, r.timeout.value).await
}

/// Asks before a change unless --yes; without a terminal to ask on, refuses (exit 2).
fn confirm(a: &RecipientsArgs, question: &str) -> anyhow::Result<bool> {
    a.confirm.guard("migrate recipients")?.confirm(question)
}

fn base_report_with(
    action: Action,
    db: &Db,
    pre: &Preflight,
    created_at: preflight::CreatedAtCheck,
) -> MigrateReport {
    MigrateReport {
        action,
        database: db.masked.clone(),
        dialect: db.dialect,
        dry_run: action == Action::DryRun,
        run_id: None,
        resumed_from: None,
        created_table: false,
        messages: pre.messages,
        eligible: pre.eligible,
        already_migrated: pre.already_migrated,
        migrated: 0,
        caught_up: 0,
        skipped: pre.skipped,
        reasons: pre.reasons.clone(),
        rolled_back: None,
        read_state_restored: None,
        verified: None,
        verification: None,
        interrupted: false,
        limited: false,
        chunks: 0,
        last_id: None,
        seconds: 0.0,
        copy_seconds: 0.0,
        verify_seconds: 0.0,
        throttled_seconds: 0.0,
        throttle_reasons: Vec::new(),
        indexes_built: Vec::new(),
        pending_indexes: Vec::new(),
        error: None,
        plan: None,
        rollback_plan: None,
        repair_plan: None,
        reads_repaired: None,
        created_at_check: created_at,
    }
}

/// What a run (finished or failed) did, in the fields of its action.
fn apply_run(r: &mut MigrateReport, run: &RunResult) {
    match r.action {
        Action::Migrate => {
            r.migrated = run.rows;
            r.caught_up = run.extra;
        }
        Action::Rollback => {
            r.rolled_back = Some(run.rows);
            r.read_state_restored = Some(run.extra);
        }
        Action::RepairReads => r.reads_repaired = Some(run.rows),
        Action::DryRun | Action::Verify => {}
    }
    r.run_id = Some(run.run_id);
    r.resumed_from = run.resumed_from;
    r.interrupted = run.interrupted;
    r.limited = run.limited;
    r.chunks = run.chunks;
    r.last_id = run.last_id;
    r.throttled_seconds = run.throttled.as_secs_f64();
    r.throttle_reasons = run.throttle_reasons.clone();
    r.indexes_built = run.indexes_built.clone();
    r.pending_indexes = run.pending_indexes.clone();
}

/// The replicas to watch, each opened (and so checked) before the first write.
async fn replicas(ctx: &Ctx, a: &RecipientsArgs, primary: Dialect) -> anyhow::Result<Vec<Replica>> {
    let mut out = Vec::new();
    for raw in &a.replica {
        let url = DbUrl::parse(raw, "--replica")?;
        if url.dialect != primary || primary == Dialect::Sqlite {
            return Err(exit::usage(format!(
                "--replica {}: a replica must be a {} server like the primary{}",
                url.masked,
                primary.name(),
                if primary == Dialect::Sqlite {
                    " (SQLite has no replicas)"
                } else {
                    ""
                }
            )));
        }
        let db = connect(ctx, &url).await?;
        let name = url::Url::parse(&url.masked)
            .ok()
            .and_then(|u| {
                u.host_str()
                    .map(|h| format!("{h}{}", u.port().map_or(String::new(), |p| format!(":{p}"))))
            })
            .unwrap_or_else(|| url.masked.clone());
        out.push(Replica { db, name });
    }
    Ok(out)
}

/// Which secondary indexes the copy builds at the end: all of them for a table this run
/// creates (and on PostgreSQL its foreign key); for an existing one, those of the seed's
/// that are there (dropped first).
async fn index_plan(
    db: &Db,
    sql: &Sql,
    pre: &Preflight,
    mode: DeferIndexes,
) -> anyhow::Result<IndexPlan> {
    let table_new = !pre.recipients_table_exists;
    let defer = match mode {
        DeferIndexes::Never => false,
        DeferIndexes::Always => true,
        DeferIndexes::Auto => table_new || pre.recipients_empty,
    };
    if !defer {
        return Ok(IndexPlan {
            found_empty: pre.recipients_empty,
            ..IndexPlan::default()
        });
    }
    let mut names = Vec::new();
    for (name, _) in sql.secondary_indexes() {
        let present = table_new
            || db
                .rows(&sql.index_state(), &[name.as_str()])
                .await?
                .first()
                .map_or(Ok(0), |r| crate::db::get_i64(r, 0))?
                != 0;
        if present {
            names.push(name);
        }
    }
    if table_new && sql.defers_fk() {
        names.push(sql.fk_name());
    }
    Ok(IndexPlan {
        defer: names,
        found_empty: pre.recipients_empty,
        owned: table_new,
    })
}

/// What every mode of `migrate recipients` starts from: the database opened, the preflight
/// read (and, for a copy or its dry run, every created_at checked) and the pace of a run.
struct Session<'a> {
    ctx: &'a Ctx,
    a: &'a RecipientsArgs,
    started: Instant,
    names: Names,
    db: Db,
    sql: Sql,
    pre: Preflight,
    created_at: preflight::CreatedAtCheck,
    pace: Pace,
}

/// The mode the flags ask for (`--verify` conflicts with the others, `--dry-run` previews a
/// rollback or a repair as well as a copy).
fn action(a: &RecipientsArgs) -> Action {
    if a.verify {
        Action::Verify
    } else if a.rollback {
        Action::Rollback
    } else if a.repair_reads {
        Action::RepairReads
    } else if a.confirm.dry_run {
        Action::DryRun
    } else {
        Action::Migrate
    }
}

async fn recipients(ctx: &Ctx, a: &RecipientsArgs) -> anyhow::Result<ExitStatus> {
    let s = Session::open(ctx, a).await?;
    match action(a) {
        Action::DryRun => dry_run(&s).await,
        Action::Verify => verify(&s).await,
        Action::Rollback => rollback(&s).await,
        Action::RepairReads => repair_reads(&s).await,
        Action::Migrate => copy(&s).await,
    }
}

impl<'a> Session<'a> {
    /// The preamble every mode shares, refusals first: usage, then confirmation, then the
    /// database.
    async fn open(ctx: &'a Ctx, a: &'a RecipientsArgs) -> anyhow::Result<Session<'a>> {
        let started = Instant::now();
        let names = Names::from_config(ctx.settings.section("migrate"))?;
        let url = database_url(ctx, a.database_url.as_deref())?;
        if url.dialect == Dialect::Sqlite && !a.max_load.is_empty() {
            return Err(exit::usage(
                "--max-load: SQLite has no server load to watch",
            ));
        }
        // Nobody to ask and no --yes: refused before connecting (a dry run and --verify change
        // nothing).
        a.confirm.guard_changing("migrate recipients", !a.verify)?;
        let db = connect(ctx, &url).await?;
        let mut sql = Sql::new(db.dialect, &names);
        let pre = preflight::run(&db, &sql, &names, !a.verify).await?;
        sql.note_created_types(&pre.types.created_at, &pre.recipients_created_type);
        // A copy (or its dry run) first makes sure every created_at fits the target column.
        let created_at = if matches!(action(a), Action::Migrate | Action::DryRun) {
            preflight::created_at(
                &db,
                &mut sql,
                &names,
                &pre,
                a.created_at_out_of_range,
                a.confirm.dry_run,
            )
            .await?
        } else {
            preflight::CreatedAtCheck {
                mapping: a.created_at_out_of_range,
                ..preflight::CreatedAtCheck::default()
            }
        };
        let pace = Pace {
            batch_size: a.batch_size,
            chunk_time: a.chunk_time,
            sleep: a.sleep,
            max_rows: a.max_rows,
            log_every: a.log_every,
        };
        Ok(Session {
            ctx,
            a,
            started,
            names,
            db,
            sql,
            pre,
            created_at,
            pace,
        })
    }

    fn report(&self, action: Action) -> MigrateReport {
        base_report_with(
            action,
            &self.db,
            &self.pre,
            preflight::CreatedAtCheck::default(),
        )
    }

    /// Prints a report that changed nothing (a dry run, a rollback of nothing): exit 0.
    fn emit_unchanged(&self, mut r: MigrateReport) -> anyhow::Result<ExitStatus> {
        r.seconds = self.started.elapsed().as_secs_f64();
        self.ctx.out.emit_outcome(&r, true)?;
        Ok(ExitStatus::Success)
    }

    /// The replicas and load limits to throttle on, checked before the question is asked.
    async fn throttle(&self) -> anyhow::Result<Throttle> {
        let a = self.a;
        let throttle = Throttle::new(
            a.pause_file.clone(),
            replicas(self.ctx, a, self.db.dialect).await?,
            a.max_lag.unwrap_or(Duration::from_secs(1)),
            a.max_load.clone(),
        );
        throttle.check_usage(&self.db).await?;
        Ok(throttle)
    }

    /// Asks before any change (and before Ctrl-C is caught, so it still ends a prompt).
    fn confirmed(&self, question: &str) -> anyhow::Result<bool> {
        if confirm(self.a, question)? {
            return Ok(true);
        }
        self.ctx.out.note("not confirmed: nothing changed");
        Ok(false)
    }

    fn run_ctx<'s>(&'s self, stop: &'s Stop) -> RunCtx<'s> {
        RunCtx {
            db: &self.db,
            sql: &self.sql,
            pace: &self.pace,
            out: &self.ctx.out,
            stop,
        }
    }

    fn table_missing(&self, what: &str) -> anyhow::Error {
        exit::usage(format!(
            "table {} not found: {what} (migrate first)",
            self.names.recipients
        ))
    }
}

/// `--dry-run`: the plan of a copy, nothing changed.
async fn dry_run(s: &Session<'_>) -> anyhow::Result<ExitStatus> {
    let mut r = base_report_with(Action::DryRun, &s.db, &s.pre, s.created_at.clone());
    let idx = index_plan(&s.db, &s.sql, &s.pre, s.a.defer_indexes).await?;
    r.plan = Some(plan(&s.db, &s.sql, &s.pre, &s.pace, &idx, s.a.create_table).await?);
    s.emit_unchanged(r)
}

/// `--verify`: compares the tables, exit 1 on a difference.
async fn verify(s: &Session<'_>) -> anyhow::Result<ExitStatus> {
    if !s.pre.recipients_table_exists {
        return Err(s.table_missing("nothing to verify"));
    }
    let t = Instant::now();
    let v = verify::run(&s.db, &s.sql).await?;
    let mut r = s.report(Action::Verify);
    r.already_migrated = v.eligible - v.missing;
    r.verify_seconds = t.elapsed().as_secs_f64();
    r.verified = Some(v.ok);
    r.pending_indexes = v.pending_indexes.clone();
    r.verification = Some(v);
    r.seconds = s.started.elapsed().as_secs_f64();
    s.ctx.out.emit_outcome(&r, r.verified != Some(false))?;
    Ok(problem_if(r.verified == Some(false)))
}

/// `--rollback` (or its `--dry-run`): removes the rows migration runs created.
async fn rollback(s: &Session<'_>) -> anyhow::Result<ExitStatus> {
    let mut r = s.report(Action::Rollback);
    if s.a.confirm.dry_run {
        r.rollback_plan = Some(preview::rollback(&s.db, &s.sql, &s.pre).await?);
        r.dry_run = true;
        return s.emit_unchanged(r);
    }
    let mut throttle = s.throttle().await?;
    if !s.pre.recipients_table_exists {
        s.ctx.out.note(format!(
            "redkit: migrate: table {} not found: nothing to roll back",
            s.names.recipients
        ));
        r.rolled_back = Some(0);
        r.read_state_restored = Some(0);
        return s.emit_unchanged(r);
    }
    let question = format!(
        "remove the rows migration runs created in {} (up to {}) in {}",
        s.names.recipients,
        runner::count_of(s.pre.already_migrated, "row", "rows"),
        s.db.masked
    );
    let expected = s.pre.already_migrated;
    run_undo_or_repair(s, &question, Job::Rollback, expected, r, &mut throttle).await
}

/// `--repair-reads` (or its `--dry-run`): marks read what was read in the old table.
async fn repair_reads(s: &Session<'_>) -> anyhow::Result<ExitStatus> {
    let mut r = s.report(Action::RepairReads);
    if s.a.confirm.dry_run {
        r.repair_plan = Some(preview::repair(&s.db, &s.sql, &s.pre).await?);
        r.dry_run = true;
        return s.emit_unchanged(r);
    }
    if !s.pre.recipients_table_exists {
        return Err(s.table_missing("no read to repair"));
    }
    let mut throttle = s.throttle().await?;
    let to_repair = preview::repair(&s.db, &s.sql, &s.pre)
        .await?
        .reads_to_repair;
    let question = format!(
        "mark {} read in {} (read in {}, unread there) in {}",
        runner::count_of(to_repair, "row", "rows"),
        s.names.recipients,
        s.names.messages,
        s.db.masked
    );
    run_undo_or_repair(s, &question, Job::RepairReads, to_repair, r, &mut throttle).await
}

/// The copy: creates the table if asked, copies in chunks, builds deferred indexes, verifies.
async fn copy(s: &Session<'_>) -> anyhow::Result<ExitStatus> {
    let (db, sql, pre, names) = (&s.db, &s.sql, &s.pre, &s.names);
    // Creating a table in a production database is a decision for the operator, not a default.
    if !pre.recipients_table_exists && !s.a.create_table {
        return Err(exit::usage(format!(
            "table {} does not exist: pass --create-table to create it (see --dry-run for the SQL)",
            names.recipients
        )));
    }
    let mut throttle = s.throttle().await?;
    let to_copy = (pre.eligible - pre.already_migrated).max(0);
    let question = format!(
        "copy {} from {} into {} in {}",
        runner::count_of(to_copy, "row", "rows"),
        names.messages,
        names.recipients,
        db.masked
    );
    if !s.confirmed(&question)? {
        return Ok(ExitStatus::Problem);
    }
    let stop = Stop::on_signal();
    let cx = s.run_ctx(&stop);
    match db.dialect {
        Dialect::Sqlite => sqlite_wal(db, &s.ctx.out).await?,
        Dialect::Mysql | Dialect::Postgres => {}
    }
    let idx = index_plan(db, sql, pre, s.a.defer_indexes).await?;
    let mut r = base_report_with(Action::Migrate, db, pre, s.created_at.clone());
    if !pre.recipients_table_exists {
        for stmt in sql.create_recipients(&pre.types, idx.defer.is_empty()) {
            db.exec_long(&stmt).await?;
        }
        s.ctx.out.note(format!(
            "redkit: migrate: created table {}{}",
            names.recipients,
            if idx.defer.is_empty() {
                ""
            } else {
                " (secondary indexes after the copy)"
            }
        ));
        r.created_table = true;
    }
    let t = Instant::now();
    let outcome = runner::drive(
        &cx,
        Job::Copy,
        to_copy,
        r.created_table,
        &idx,
        &mut throttle,
    )
    .await?;
    r.copy_seconds = t.elapsed().as_secs_f64();
    let run = match outcome {
        Ok(run) => run,
        Err(f) => return finish_failed(s, r, f),
    };
    apply_run(&mut r, &run);
    if !run.interrupted && !run.limited {
        let t = Instant::now();
        match runner::unless_stopped(&stop, verify::run(db, sql)).await {
            Some(v) => {
                let v = v.map_err(|e| {
                    exit::runtime(format!(
                        "the copy finished (run {}), the verification failed: {}; run --verify again",
                        run.run_id,
                        crate::db::describe(&e)
                    ))
                })?;
                r.verify_seconds = t.elapsed().as_secs_f64();
                r.verified = Some(v.ok);
                r.verification = Some(v);
            }
            None => r.interrupted = true,
        }
    }
    r.seconds = s.started.elapsed().as_secs_f64();
    s.ctx
        .out
        .emit_outcome(&r, !r.interrupted && r.verified != Some(false))?;
    Ok(if r.interrupted {
        ExitStatus::Interrupted
    } else {
        problem_if(r.verified == Some(false))
    })
}

/// Asks, then runs a rollback or a read repair to its end (or a stop) and prints its report.
async fn run_undo_or_repair(
    s: &Session<'_>,
    question: &str,
    job: Job,
    expected: i64,
    mut r: MigrateReport,
    throttle: &mut Throttle,
) -> anyhow::Result<ExitStatus> {
    if !s.confirmed(question)? {
        return Ok(ExitStatus::Problem);
    }
    let stop = Stop::on_signal();
    let cx = s.run_ctx(&stop);
    let t = Instant::now();
    let outcome = runner::drive(&cx, job, expected, false, &IndexPlan::default(), throttle).await?;
    r.copy_seconds = t.elapsed().as_secs_f64();
    let run = match outcome {
        Ok(run) => run,
        Err(f) => return finish_failed(s, r, f),
    };
    apply_run(&mut r, &run);
    r.seconds = s.started.elapsed().as_secs_f64();
    s.ctx.out.emit_outcome(&r, !r.interrupted)?;
    Ok(if r.interrupted {
        ExitStatus::Interrupted
    } else {
        ExitStatus::Success
    })
}

/// A run that stopped on a database error: the report so far on stdout, the error (naming
/// the run and the last committed id) on stderr, exit 3.
fn finish_failed(s: &Session<'_>, mut r: MigrateReport, f: Failed) -> anyhow::Result<ExitStatus> {
    apply_run(&mut r, &f.run);
    r.error = Some(format!("{:#}", f.error));
    r.seconds = s.started.elapsed().as_secs_f64();
    s.ctx.out.emit(&r)?;
    Err(f.error)
}

/// Switches the SQLite file to WAL, so the application keeps reading while chunks commit. In
/// WAL mode NORMAL sync stays consistent after a crash (each checkpoint row commits with its
/// chunk) and saves an fsync per commit; the pool holds this one connection.
async fn sqlite_wal(db: &Db, out: &crate::output::Output) -> anyhow::Result<()> {
    let mode = match db.rows("PRAGMA journal_mode = WAL", &[]).await {
        Ok(rows) => rows
            .first()
            .and_then(|r| crate::db::get_text(r, 0).ok())
            .unwrap_or_default(),
        Err(e) => format!("{e:#}"),
    };
    if mode.eq_ignore_ascii_case("wal") {
        db.exec("PRAGMA synchronous = NORMAL").await?;
    } else {
        out.warn(format!(
            "could not switch the SQLite file to WAL mode ({mode}): the application may wait on each chunk"
        ));
    }
    Ok(())
}

/// The plan a dry run prints: counts, chunking, and the statements in this dialect.
async fn plan(
    db: &Db,
    sql: &Sql,
    pre: &Preflight,
    pace: &Pace,
    idx: &IndexPlan,
    create_flag: bool,
) -> anyhow::Result<Plan> {
    let low_water = db.opt_int(&sql.min_id(), &[]).await?;
    let high_water = db.opt_int(&sql.max_id(), &[]).await?;
    let mut statements = Vec::new();
    let create_table = !pre.recipients_table_exists;
    if create_table {
        statements.extend(sql.create_recipients(&pre.types, idx.defer.is_empty()));
    }
    statements.push(sql.create_state());
    statements.push(sql.create_chunks());
    if !create_table {
        for name in &idx.defer {
            statements.push(sql.drop_index(name));
        }
    }
    // A table the run creates or finds empty is its own: no anti-join (see copy_loop).
    statements.push(if create_table || pre.recipients_empty {
        sql.copy_chunk_owned()
    } else {
        sql.copy_chunk()
    });
    statements.push(sql.checkpoint());
    let known = sql.secondary_indexes();
    let builds: Vec<(String, String)> = idx
        .defer
        .iter()
        .filter_map(|name| known.iter().find(|(n, _)| n == name).cloned())
        .collect();
    statements.extend(
        sql.create_indexes(&builds, idx.owned)
            .into_iter()
            .map(|(_, stmt)| stmt),
    );
    if idx.defer.contains(&sql.fk_name()) {
        statements.push(sql.add_fk());
    }
    let rows_to_copy = (pre.eligible - pre.already_migrated).max(0);
    Ok(Plan {
        create_table,
        needs_create_table_flag: create_table && !create_flag,
        deferred_indexes: idx.defer.clone(),
        low_water,
        batch_size: pace.batch_size,
        chunk_time_ms: u64::try_from(pace.chunk_time.as_millis()).unwrap_or(u64::MAX),
        high_water,
        rows_to_copy,
        estimated_chunks: ranges::estimated_chunks(pre.messages, pace.batch_size),
        statements,
    })
}
