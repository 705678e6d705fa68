//! `redkit migrate recipients`: copy single-recipient `messages` rows into `message_recipients`
//! in checkpointed chunks, verify the result, and roll it back on request.

mod names;
mod preflight;
mod report;
mod runner;
mod sql;
mod verify;

use std::time::{Duration, Instant};

use clap::{Args, Subcommand};

use crate::cmd::{Ctx, problem_if};
use crate::db::{Db, DbUrl, Dialect};
use crate::duration;
use crate::exit::{self, ExitStatus};
use crate::output::Format;
use names::Names;
use preflight::Preflight;
use report::{MigrateReport, Plan};
use runner::{Job, Pace, RunCtx, RunResult, Stop};
use sql::Sql;

pub const EXAMPLES: &str = "\
Examples:
  redkit migrate recipients --database-url sqlite://app.db --dry-run
  DATABASE_URL=mysql://app@db.internal/app redkit migrate recipients --create-table --yes
  redkit migrate recipients --verify --format json
  redkit migrate recipients --rollback --yes

The password comes from the URL in DATABASE_URL, .env or the config (migrate.database_url);
it is never printed. Ctrl-C stops after the chunk in flight; a second run resumes.
Exit codes: 0 ok, 1 verification found a mismatch, 2 bad URL or unfit schema, 3 database
error, 130 interrupted.";

#[derive(Debug, Args)]
pub struct MigrateArgs {
    #[command(subcommand)]
    pub what: MigrateWhat,
}

#[derive(Debug, Subcommand)]
pub enum MigrateWhat {
    /// Move single-recipient messages into message_recipients (chunked, resumable, verified)
    #[command(after_help = EXAMPLES)]
    Recipients(RecipientsArgs),
}

#[derive(Debug, Args)]
pub struct RecipientsArgs {
    /// sqlite://PATH, mysql:// (or mariadb://), postgres:// [env: DATABASE_URL]
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,

    /// Show the preflight counts and the plan (batches, SQL); change nothing
    #[arg(long, conflicts_with_all = ["verify", "rollback"])]
    pub dry_run: bool,

    /// Only verify: every eligible message has its recipient row, same is_read, no orphans
    #[arg(long, conflicts_with = "rollback")]
    pub verify: bool,

    /// Remove the rows the migration created, after copying read state back into messages
    #[arg(long)]
    pub rollback: bool,

    /// Do not ask before changing the database
    #[arg(long)]
    pub yes: bool,

    /// Create the recipients table (the seed's schema, in this database's dialect) if missing
    #[arg(long)]
    pub create_table: bool,

    /// Ids per chunk to start with (the size then adapts to --chunk-time)
    #[arg(long, value_name = "N", default_value_t = 5000, value_parser = clap::value_parser!(i64).range(1..))]
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

    /// A log line on stderr every N chunks when no progress bar is shown (cron)
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub log_every: u64,
}

pub async fn run(ctx: &Ctx, args: &MigrateArgs) -> anyhow::Result<ExitStatus> {
    match &args.what {
        MigrateWhat::Recipients(a) => recipients(ctx, a).await,
    }
}

/// The database URL: the flag, else DATABASE_URL (env, .env) or migrate.database_url.
fn database_url(ctx: &Ctx, a: &RecipientsArgs) -> anyhow::Result<DbUrl> {
    if let Some(u) = &a.database_url {
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

/// Asks before a change unless --yes; without a terminal to ask on, refuses (exit 2).
fn confirm(a: &RecipientsArgs, question: &str) -> anyhow::Result<bool> {
    if a.yes {
        return Ok(true);
    }
    crate::output::confirm(
        &format!("{question}?"),
        &format!("{question}: pass --yes to confirm (no terminal to ask on)"),
    )
}

fn base_report(action: &'static str, db: &Db, pre: &Preflight) -> MigrateReport {
    MigrateReport {
        action,
        database: db.masked.clone(),
        dialect: db.dialect,
        dry_run: action == "dry_run",
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
        plan: None,
    }
}

fn apply_run(r: &mut MigrateReport, run: &RunResult) {
    r.run_id = Some(run.run_id);
    r.resumed_from = run.resumed_from;
    r.interrupted = run.interrupted;
    r.limited = run.limited;
    r.chunks = run.chunks;
    r.last_id = Some(run.last_id);
}

async fn recipients(ctx: &Ctx, a: &RecipientsArgs) -> anyhow::Result<ExitStatus> {
    ctx.out
        .require("migrate recipients", &[Format::Table, Format::Json])?;
    let started = Instant::now();
    let names = Names::from_config(ctx.settings.section("migrate"))?;
    let url = database_url(ctx, a)?;
    // --connect-timeout from wherever it was set (flag, config), as for Redis.
    let timeout = ctx.settings.redis.connect_timeout.value;
    let db = Db::connect(&url, timeout).await?;
    let sql = Sql::new(db.dialect, &names);
    let pre = preflight::run(&db, &sql, &names, !a.verify).await?;
    let pace = Pace {
        batch_size: a.batch_size,
        chunk_time: a.chunk_time,
        sleep: a.sleep,
        max_rows: a.max_rows,
        log_every: a.log_every,
    };

    if a.dry_run {
        let mut r = base_report("dry_run", &db, &pre);
        r.plan = Some(plan(&db, &sql, &pre, &pace).await?);
        r.seconds = started.elapsed().as_secs_f64();
        ctx.out.emit(&r)?;
        return Ok(ExitStatus::Success);
    }

    if a.verify {
        if !pre.recipients_table_exists {
            return Err(exit::usage(format!(
                "table {} not found: nothing to verify (migrate first)",
                names.recipients
            )));
        }
        let t = Instant::now();
        let v = verify::run(&db, &sql).await?;
        let mut r = base_report("verify", &db, &pre);
        r.already_migrated = v.eligible - v.missing;
        r.verify_seconds = t.elapsed().as_secs_f64();
        r.verified = Some(v.ok);
        r.verification = Some(v);
        r.seconds = started.elapsed().as_secs_f64();
        ctx.out.emit(&r)?;
        return Ok(problem_if(r.verified == Some(false)));
    }

    // Creating a table in a production database is a decision for the operator, not a default.
    if !a.rollback && !pre.recipients_table_exists && !a.create_table {
        return Err(exit::usage(format!(
            "table {} does not exist: pass --create-table to create it (see --dry-run for the SQL)",
            names.recipients
        )));
    }

    // Ask before any change (and before Ctrl-C is caught, so it still ends a prompt).
    let to_copy = (pre.eligible - pre.already_migrated).max(0);
    let question = if !a.rollback {
        Some(format!(
            "copy {to_copy} rows from {} into {} in {}",
            names.messages, names.recipients, db.masked
        ))
    } else if pre.recipients_table_exists {
        Some(format!(
            "remove up to {} migrated rows from {} in {}",
            pre.already_migrated, names.recipients, db.masked
        ))
    } else {
        None
    };
    if let Some(q) = question
        && !confirm(a, &q)?
    {
        eprintln!("not confirmed: nothing changed");
        return Ok(ExitStatus::Problem);
    }
    let stop = Stop::on_signal();
    let cx = RunCtx {
        db: &db,
        sql: &sql,
        pace: &pace,
        out: &ctx.out,
        stop: &stop,
    };
    if a.rollback {
        let mut r = base_report("rollback", &db, &pre);
        if pre.recipients_table_exists {
            let t = Instant::now();
            let run = runner::drive(&cx, Job::Rollback, pre.already_migrated, false).await?;
            r.copy_seconds = t.elapsed().as_secs_f64();
            apply_run(&mut r, &run);
            r.rolled_back = Some(run.rows);
            r.read_state_restored = Some(run.extra);
        } else {
            ctx.out.note(format!(
                "redkit: migrate: table {} not found: nothing to roll back",
                names.recipients
            ));
            r.rolled_back = Some(0);
            r.read_state_restored = Some(0);
        }
        r.seconds = started.elapsed().as_secs_f64();
        ctx.out.emit(&r)?;
        return Ok(if r.interrupted {
            ExitStatus::Interrupted
        } else {
            ExitStatus::Success
        });
    }

    if db.dialect == Dialect::Sqlite {
        sqlite_wal(&db, &ctx.out).await?;
    }
    let mut r = base_report("migrate", &db, &pre);
    if !pre.recipients_table_exists {
        for stmt in sql.create_recipients(&pre.types) {
            db.exec(&stmt).await?;
        }
        ctx.out.note(format!(
            "redkit: migrate: created table {}",
            names.recipients
        ));
        r.created_table = true;
    }
    let t = Instant::now();
    let run = runner::drive(&cx, Job::Copy, to_copy, r.created_table).await?;
    r.copy_seconds = t.elapsed().as_secs_f64();
    apply_run(&mut r, &run);
    r.migrated = run.rows;
    r.caught_up = run.extra;
    if !run.interrupted && !run.limited {
        let t = Instant::now();
        let v = verify::run(&db, &sql).await?;
        r.verify_seconds = t.elapsed().as_secs_f64();
        r.verified = Some(v.ok);
        r.verification = Some(v);
    }
    r.seconds = started.elapsed().as_secs_f64();
    ctx.out.emit(&r)?;
    Ok(if r.interrupted {
        ExitStatus::Interrupted
    } else {
        problem_if(r.verified == Some(false))
    })
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
async fn plan(db: &Db, sql: &Sql, pre: &Preflight, pace: &Pace) -> anyhow::Result<Plan> {
    let high_water = db.int(&sql.max_id(), &[]).await?;
    let mut statements = Vec::new();
    if !pre.recipients_table_exists {
        statements.extend(sql.create_recipients(&pre.types));
    }
    statements.push(sql.create_state());
    statements.push(sql.copy_chunk());
    statements.push(sql.checkpoint());
    let rows_to_copy = (pre.eligible - pre.already_migrated).max(0);
    Ok(Plan {
        create_table: !pre.recipients_table_exists,
        batch_size: pace.batch_size,
        chunk_time_ms: pace.chunk_time.as_millis() as u64,
        high_water,
        rows_to_copy,
        estimated_chunks: (high_water + pace.batch_size - 1) / pace.batch_size,
        statements,
    })
}
