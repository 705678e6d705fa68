//! `redkit stream job`: one job's stream (`streams.job_key`, default `job_events:{job_id}`) as
//! a timeline: time since the first event, the event type colored by kind, the progress text
//! or error, and the outcome with the total duration. `--follow` waits for the outcome.

use std::io::Write;

use clap::Args;
use serde::Serialize;

use super::entry::{Entry, cut, escape, paint, rfc3339_ms, summary};
use super::follow;
use super::id::StreamId;
use super::read::Pager;
use crate::cli::Format;
use crate::cmd::Ctx;
use crate::connect::ConnError;
use crate::exit::{self, ExitStatus};
use crate::output::escape::escape_str;

pub const EXAMPLES: &str = "\
Examples:
  redkit stream job 42
  redkit stream job 42 --follow          wait until the job completes (exit 0) or fails (exit 1)
  redkit stream job 42 --format json | jq '{outcome, duration_ms}'

The key comes from streams.job_key in the config (job_events:{job_id}). Exit 0 when the job
completed or is still running, 1 when it failed or has no stream.";

#[derive(Debug, Args)]
pub struct JobArgs {
    /// The job's id (replaces {job_id} in streams.job_key)
    pub job_id: String,

    /// Wait for the job to complete or fail (also when its stream does not exist yet)
    #[arg(short = 'f', long)]
    pub follow: bool,
}

#[derive(Debug, Serialize)]
pub struct JobReport {
    pub job_id: String,
    pub stream: String,
    /// completed, failed or running.
    pub outcome: &'static str,
    pub started: Option<String>,
    pub duration_ms: u64,
    pub events: Vec<serde_json::Value>,
}

fn outcome_of(e: &Entry) -> Option<&'static str> {
    match e.event_type()? {
        "task_completed" => Some("completed"),
        "task_failed" => Some("failed"),
        _ => None,
    }
}

/// Prints events as they are found (table and ndjson) and keeps the facts for the end.
struct Timeline<'a> {
    ctx: &'a Ctx,
    key: String,
    first_ms: Option<u64>,
    last_ms: u64,
    outcome: Option<&'static str>,
    events: Vec<serde_json::Value>,
}

impl Timeline<'_> {
    fn add(&mut self, e: &Entry) -> anyhow::Result<()> {
        let first = *self.first_ms.get_or_insert(e.id.ms);
        let elapsed = e.id.ms.saturating_sub(first);
        self.last_ms = e.id.ms;
        if self.outcome.is_none() {
            self.outcome = outcome_of(e);
        }
        let mut json = e.to_json(self.key.as_bytes());
        if let serde_json::Value::Object(m) = &mut json {
            m.insert("elapsed_ms".into(), elapsed.into());
        }
        let mut w = std::io::stdout().lock();
        match self.ctx.out.format {
            Format::Table => {
                let kind = e.field("event_type").map_or_else(|| "-".into(), escape);
                let padded = format!("{kind:<20}");
                let kind = if self.ctx.out.ui.color {
                    paint(&kind, &padded)
                } else {
                    padded
                };
                writeln!(
                    w,
                    "  {:>10}  {kind}  {}",
                    format!("+{:.3}s", elapsed as f64 / 1000.0),
                    cut(&summary(e, 200), 100)
                )?;
            }
            Format::Ndjson => {
                serde_json::to_writer(&mut w, &json)?;
                writeln!(w)?;
            }
            _ => self.events.push(json),
        }
        w.flush()?;
        Ok(())
    }

    fn report(self, job_id: &str) -> JobReport {
        let first = self.first_ms.unwrap_or(0);
        JobReport {
            job_id: job_id.to_string(),
            stream: self.key,
            outcome: self.outcome.unwrap_or("running"),
            started: self
                .first_ms
                .map(|m| String::from_utf8_lossy(&rfc3339_ms(m)).into_owned()),
            duration_ms: self.last_ms.saturating_sub(first),
            events: self.events,
        }
    }
}

pub async fn run(ctx: &Ctx, args: &JobArgs) -> anyhow::Result<ExitStatus> {
    ctx.out
        .require("stream job", &[Format::Table, Format::Json, Format::Ndjson])?;
    let key = ctx.settings.job_key.value.replace("{job_id}", &args.job_id);
    let target = ctx.target()?;
    let mut conn = target.keyed().await?;
    let kind: String = conn
        .query(redis::cmd("TYPE").arg(&key))
        .await
        .map_err(ConnError::into_runtime)?;
    match kind.as_str() {
        "stream" => {}
        "none" if args.follow => ctx
            .out
            .note(format!("{key}: waiting for the job's first event")),
        "none" => {
            return Err(exit::problem(format!(
                "job {}: no events ({key} does not exist)",
                args.job_id
            )));
        }
        other => {
            return Err(exit::problem(format!(
                "{key}: not a stream (it is a {other})"
            )));
        }
    }
    if ctx.out.format == Format::Table {
        writeln!(
            std::io::stdout(),
            "job {} ({})",
            escape_str(&args.job_id),
            escape_str(&key)
        )?;
    }
    let mut tl = Timeline {
        ctx,
        key: key.clone(),
        first_ms: None,
        last_ms: 0,
        outcome: None,
        events: Vec::new(),
    };
    let mut last = StreamId::MIN;
    let mut pager = Pager::new(conn, &key, StreamId::MIN, StreamId::MAX, false, 5000);
    loop {
        let page = pager.next_page(None).await?;
        if page.is_empty() {
            break;
        }
        for e in &page {
            tl.add(e)?;
            last = e.id;
        }
    }
    if args.follow && tl.outcome.is_none() {
        let mut rx = follow::spawn(&target, &ctx.out, vec![(key.clone(), last)], None, None);
        'wait: while let Some(batch) = rx.recv().await {
            let (_, entries) = batch?;
            for e in &entries {
                tl.add(e)?;
                if tl.outcome.is_some() {
                    break 'wait;
                }
            }
        }
    }
    let report = tl.report(&args.job_id);
    let status = if report.outcome == "failed" {
        ExitStatus::Problem
    } else {
        ExitStatus::Success
    };
    match ctx.out.format {
        Format::Json => ctx.out.emit(&JsonOnly(&report))?,
        Format::Table => {
            let dur = crate::duration::format(std::time::Duration::from_millis(report.duration_ms));
            let line = match report.outcome {
                "running" if report.started.is_none() => "no events yet".to_string(),
                "running" => format!("running for {dur} so far"),
                o => format!("{o} in {dur}"),
            };
            let line = if ctx.out.ui.color {
                paint(&format!("task_{}", report.outcome), &line)
            } else {
                line
            };
            writeln!(std::io::stdout(), "{line}")?;
        }
        _ => {}
    }
    Ok(status)
}

/// The job report renders only as JSON (the table is printed while events arrive).
struct JsonOnly<'a>(&'a JobReport);

impl Serialize for JsonOnly<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl crate::output::Render for JsonOnly<'_> {
    fn table(&self, _w: &mut dyn Write, _ui: &crate::output::Ui) -> std::io::Result<()> {
        Ok(())
    }
}
