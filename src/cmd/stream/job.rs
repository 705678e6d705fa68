//! `redkit stream job`: one job's stream (`streams.job_key`, default `job_events:{job_id}`) as
//! a timeline: time since the first event, the event type colored by kind, the progress text
//! or error, and the outcome with the total duration. `--follow` waits for the outcome.

use std::io::Write;

use clap::Args;
use serde::Serialize;

use super::entry::{Entry, cut, escape, paint, rfc3339_ms, summary};
use super::follow;
use super::id::{StreamId, now_ms};
use super::name::{self, Name};
use super::read::Pager;
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::output::Format;
use crate::output::escape::escape_str;
use crate::output::records::Records;
use crate::redis::ConnError;

pub const EXAMPLES: &str = "\
Examples:
  redkit stream job 42
  redkit stream job 42 --follow          wait until the job completes (exit 0) or fails (exit 1)
  redkit stream job 42 --format json | jq '{outcome, duration_ms}'

  redkit stream job 42 --follow --max-wait 1h    exit 3 when there is no outcome within an hour

The key comes from streams.job_key in the config (job_events:{job_id}). The job is judged as
`stream jobs` judges it, by its last event: task_completed is completed, task_failed is
failed, anything else is running, or stuck when that event is older than --stuck-after.
Exit 0 when the job completed or is running, 1 when it failed, is stuck or has no event (its
stream is empty or does not exist; JSON still prints the report, outcome null), 3 when
--max-wait ran out.";

#[derive(Debug, Args)]
pub struct JobArgs {
    /// The job's id (replaces {job_id} in streams.job_key; bytes as given)
    #[arg(value_parser = name::parser())]
    pub job_id: Name,

    /// Wait for the job to complete or fail (also when its stream does not exist yet)
    #[arg(short = 'f', long)]
    pub follow: bool,

    /// With --follow: give up after DUR without an outcome (exit 3), including the wait for a
    /// stream that does not exist yet
    #[arg(long, value_name = "DUR", requires = "follow", value_parser = crate::duration::clap_parse)]
    pub max_wait: Option<std::time::Duration>,

    /// A job whose last event is older than DUR and that has not finished is stuck
    /// [default: streams.stuck_after from the config, 15m]
    #[arg(long, value_name = "DUR", value_parser = crate::duration::clap_parse)]
    pub stuck_after: Option<std::time::Duration>,

    /// Only show events where PATH OP VALUE holds (repeat: all must), e.g.
    /// data.progress>=50; the job's state still comes from every event. Exit 1 when none does
    #[arg(long = "where", value_name = "PATH OP VALUE")]
    pub wheres: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct JobReport {
    pub job_id: Name,
    pub stream: Name,
    /// completed, failed, running or stuck: the state `stream jobs` gives the job; null when
    /// the job has no event (its stream is empty or does not exist).
    pub outcome: Option<&'static str>,
    pub started: Option<String>,
    /// Completed or failed: first event to last. Running: first event until now. Null without
    /// an event.
    pub duration_ms: Option<u64>,
    pub last_event_type: Option<String>,
    pub last_event: Option<String>,
    /// How long ago the last event was written.
    pub last_event_age_ms: Option<u64>,
    pub events: Vec<serde_json::Value>,
}

/// An event that ends the job (ends a --follow); the job's state is judged from its last
/// event by `ops::jobs::job_state`, as `stream jobs` does.
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
    job_id: Name,
    titled: bool,
    key: Name,
    first_ms: Option<u64>,
    last_ms: u64,
    /// The last event's type as stored (the state is judged from it; reports show it).
    last_type: Option<Vec<u8>>,
    outcome: Option<&'static str>,
    events: Vec<serde_json::Value>,
    /// `--where`: which events are shown (all of them decide the state).
    filter: super::filter::Filter,
    shown: u64,
}

impl Timeline<'_> {
    /// The table's title line, once.
    fn title(&mut self) -> anyhow::Result<()> {
        if self.titled || self.ctx.out.format != Format::Table {
            return Ok(());
        }
        self.titled = true;
        let mut records = Records::quiet(self.ctx.out.quiet);
        writeln!(records.buf(), "job {} ({})", self.job_id, self.key)?;
        records.flush()?;
        Ok(())
    }

    fn add(&mut self, e: &Entry) -> anyhow::Result<()> {
        self.title()?;
        let first = *self.first_ms.get_or_insert(e.id.ms);
        let elapsed = e.id.ms.saturating_sub(first);
        self.last_ms = e.id.ms;
        self.last_type = e.field("event_type").map(<[u8]>::to_vec);
        // The latest event decides: a retry after a task_failed runs again.
        self.outcome = outcome_of(e);
        if !self.filter.keeps(e) {
            return Ok(());
        }
        self.shown += 1;
        let mut json = e.to_json(self.key.as_bytes());
        if let serde_json::Value::Object(m) = &mut json {
            m.insert("elapsed_ms".into(), elapsed.into());
        }
        // Each event goes out at once through the record sink (a follower shows it live).
        let mut records = Records::quiet(self.ctx.out.quiet);
        let w = records.buf();
        match self.ctx.out.format {
            Format::Table => {
                let kind = e.field("event_type").map_or_else(|| "-".into(), escape);
                let padded = format!("{kind:<20}");
                let kind = if self.ctx.out.ui.color {
                    paint(&kind, &padded)
                } else {
                    padded
                };
                let lead = format!(
                    "  {:>10}  {kind}  ",
                    format!("+{:.3}s", elapsed as f64 / 1000.0)
                );
                let room = self
                    .ctx
                    .out
                    .ui
                    .width
                    .map(|w| w.saturating_sub(crate::output::width::width(&lead)).max(20));
                // A failure is read whole, wrapped under its column; other events are cut to
                // the line.
                if self.outcome == Some("failed") {
                    let text = summary(e, usize::MAX);
                    let lines = match room {
                        Some(r) => crate::output::width::wrap(&text, r),
                        None => vec![text],
                    };
                    let pad = " ".repeat(crate::output::width::width(&lead));
                    for (i, l) in lines.iter().enumerate() {
                        writeln!(w, "{}{l}", if i == 0 { lead.as_str() } else { &pad })?;
                    }
                } else {
                    // Unlimited (--wide, a pipe): whole, as every cell then (review-21 F2).
                    let text = match room {
                        Some(r) => cut(&summary(e, 200), r),
                        None => summary(e, usize::MAX),
                    };
                    writeln!(w, "{}", format!("{lead}{text}").trim_end())?;
                }
            }
            Format::Ndjson => {
                serde_json::to_writer(&mut *w, &json)?;
                writeln!(w)?;
            }
            _ => self.events.push(json),
        }
        records.flush()?;
        Ok(())
    }

    fn report(self, job_id: &Name, stuck_after: std::time::Duration) -> JobReport {
        let now = now_ms();
        let first = self.first_ms.unwrap_or(0);
        // No event, no state: a job that has not started is neither running nor anything else.
        let outcome = self.first_ms.map(|_| {
            crate::ops::jobs::job_state(
                self.last_type.as_deref(),
                now.saturating_sub(self.last_ms),
                Some(stuck_after),
            )
            .name()
        });
        let end = if self.outcome.is_none() {
            now
        } else {
            self.last_ms
        };
        let seen = self.first_ms.is_some();
        JobReport {
            job_id: job_id.clone(),
            stream: self.key,
            outcome,
            started: self
                .first_ms
                .map(|m| String::from_utf8_lossy(&rfc3339_ms(m)).into_owned()),
            duration_ms: seen.then(|| end.saturating_sub(first)),
            last_event_type: self.last_type.as_deref().map(escape_lossless),
            last_event: seen
                .then(|| String::from_utf8_lossy(&rfc3339_ms(self.last_ms)).into_owned()),
            last_event_age_ms: seen.then(|| now.saturating_sub(self.last_ms)),
            events: self.events,
        }
    }
}

/// `streams.job_key` with `{job_id}` replaced by the id's bytes.
fn job_key(template: &str, id: &Name) -> Name {
    let mut out = Vec::with_capacity(template.len() + id.as_bytes().len());
    let mut rest = template.as_bytes();
    while let Some(at) = rest.windows(8).position(|w| w == b"{job_id}") {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(id.as_bytes());
        rest = &rest[at + 8..];
    }
    out.extend_from_slice(rest);
    Name(out)
}

/// `stream job` prints events as they arrive (JSON: one report at the end): this marker names its formats.
pub struct JobEvents;

impl crate::output::Formats for JobEvents {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json, Format::Ndjson];
}

pub async fn run(ctx: &Ctx, args: &JobArgs) -> anyhow::Result<ExitStatus> {
    let stuck = super::jobs::stuck_after(ctx, args.stuck_after)?;
    let key = job_key(&ctx.settings.job_key.value, &args.job_id);
    let target = ctx.target()?;
    let mut conn = name::keyed_for(&target, &key).await?;
    let kind: String = conn
        .query(redis::cmd("TYPE").arg(&key))
        .await
        .map_err(ConnError::into_runtime)?;
    match kind.as_str() {
        "stream" => {}
        "none" if args.follow => ctx
            .out
            .note(format!("{key}: waiting for the job's first event")),
        "none" if ctx.out.format == Format::Table => {
            return Err(exit::problem(format!(
                "job {}: no events ({key} does not exist)",
                args.job_id
            )));
        }
        // JSON still prints its report (every key, outcome null); ndjson has no event to print.
        "none" => {}
        other => {
            return Err(exit::problem(format!(
                "{key}: not a stream (it is a {other})"
            )));
        }
    }
    let mut tl = Timeline {
        ctx,
        job_id: args.job_id.clone(),
        // A job still awaited gets its title with its first event, so a wait that gives up
        // prints its error alone.
        titled: false,
        key: key.clone(),
        first_ms: None,
        last_ms: 0,
        last_type: None,
        outcome: None,
        events: Vec::new(),
        filter: super::filter::Filter {
            wheres: super::filter::parse_wheres(&args.wheres)?,
            ..Default::default()
        },
        shown: 0,
    };
    if kind == "stream" {
        tl.title()?;
    }
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
        let deadline = args.max_wait.map(|d| tokio::time::Instant::now() + d);
        let mut rx = follow::spawn(&target, &ctx.out, vec![(key.clone(), last)], None, None);
        'wait: loop {
            let batch = match deadline {
                Some(d) => match tokio::time::timeout_at(d, rx.recv()).await {
                    Ok(b) => b,
                    Err(_) => {
                        let age = tl.first_ms.map(|_| {
                            crate::duration::format(std::time::Duration::from_millis(
                                now_ms().saturating_sub(tl.last_ms),
                            ))
                        });
                        let why = match (age, tl.last_type.as_deref().map(escape_lossless)) {
                            (None, _) => format!("{key} does not exist"),
                            (Some(a), Some(t)) => format!("last event {} {a} ago", escape_str(&t)),
                            (Some(a), None) => format!("last event {a} ago"),
                        };
                        return Err(exit::runtime(format!(
                            "job {}: no outcome within --max-wait {} ({why})",
                            &args.job_id,
                            crate::duration::format(args.max_wait.unwrap_or_default())
                        )));
                    }
                },
                None => rx.recv().await,
            };
            let Some(batch) = batch else { break };
            let (_, entries) = batch?;
            for e in &entries {
                tl.add(e)?;
                if tl.outcome.is_some() {
                    break 'wait;
                }
            }
        }
    }
    // With --where, a job none of whose events match answers 1, as grep does.
    let unmatched = (!tl.filter.is_empty() && tl.shown == 0).then(|| tl.filter.describe_miss());
    let (first_ms, last_ms) = (tl.first_ms, tl.last_ms);
    let report = tl.report(&args.job_id, stuck);
    // A job whose stream holds no event answers nothing: exit 1, as a query that found
    // nothing does (a failed job is 1 too; a running or completed one 0).
    let empty = report.started.is_none();
    if let Some(miss) = &unmatched {
        ctx.out.note(format!("job {}: {miss}", &args.job_id));
    }
    let status =
        if matches!(report.outcome, Some("failed" | "stuck")) || empty || unmatched.is_some() {
            ExitStatus::Problem
        } else {
            ExitStatus::Success
        };
    if empty && ctx.out.format != Format::Table {
        let why = if kind == "none" {
            "does not exist"
        } else {
            "has no events"
        };
        ctx.out
            .note(format!("job {}: no events ({key} {why})", &args.job_id));
    }
    match ctx.out.format {
        Format::Json => ctx.out.emit_outcome(
            &JsonOnly(&report),
            status == ExitStatus::Success
                || (unmatched.is_some() && !matches!(report.outcome, Some("failed" | "stuck"))),
        )?,
        Format::Table => {
            let fmt = |ms: u64| crate::duration::format(std::time::Duration::from_millis(ms));
            let dur = fmt(report.duration_ms.unwrap_or(0));
            let line = match report.outcome {
                None => "no events yet".to_string(),
                Some("stuck") => format!(
                    "stuck: no event for {} (last {}, first event {dur} ago)",
                    fmt(report.last_event_age_ms.unwrap_or(0)),
                    escape_str(report.last_event_type.as_deref().unwrap_or("-"))
                ),
                Some("running") => format!(
                    "running: first event {dur} ago, last event {} ago ({})",
                    fmt(report.last_event_age_ms.unwrap_or(0)),
                    escape_str(report.last_event_type.as_deref().unwrap_or("-"))
                ),
                Some(o) => format!("{o} in {dur}"),
            };
            // Wall-clock times too, in the local zone (JSON has them as RFC 3339).
            let when = first_ms.map(|f| {
                format!(
                    "started {}, last event {} ({})",
                    crate::output::time::compact(f),
                    crate::output::time::compact(last_ms),
                    crate::output::time::zone()
                )
            });
            let whole = match &when {
                Some(t) => format!("{line}; {t}"),
                None => line.clone(),
            };
            let width = ctx.out.ui.width;
            let fits = width.is_none_or(|w| crate::output::width::width(&whole) <= w);
            // Wider than the terminal: the times go on a line of their own, at the `; `, so a
            // time is never split (review-21 F1); each line painted (and closed) by itself.
            let parts = match when {
                Some(t) if !fits => vec![format!("{line};"), format!("  {t}")],
                _ => vec![whole],
            };
            let kind = format!("task_{}", report.outcome.unwrap_or("none"));
            let line = parts
                .iter()
                .map(|p| {
                    let p = if ctx.out.ui.color {
                        paint(&kind, p)
                    } else {
                        p.clone()
                    };
                    String::from_utf8_lossy(&crate::output::fit_lines(p.as_bytes(), width))
                        .into_owned()
                })
                .collect::<Vec<_>>()
                .join("\n");
            // Under -q only a failed or stuck job's outcome is printed (an empty one is silent, as grep).
            let mut records = Records::quiet(
                ctx.out.quiet
                    && (status == ExitStatus::Success
                        || empty
                        || (unmatched.is_some()
                            && !matches!(report.outcome, Some("failed" | "stuck")))),
            );
            writeln!(records.buf(), "{line}")?;
            records.flush()?;
        }
        _ => {}
    }
    Ok(status)
}

/// An event type for the report: the text as stored when it is UTF-8, else escaped bytes
/// (tables escape it again before printing).
fn escape_lossless(v: &[u8]) -> String {
    match std::str::from_utf8(v) {
        Ok(s) => s.to_string(),
        Err(_) => escape(v),
    }
}

/// The job report renders only as JSON (the table is printed while events arrive).
struct JsonOnly<'a>(&'a JobReport);

impl Serialize for JsonOnly<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl crate::output::Formats for JsonOnly<'_> {}

impl crate::output::Render for JsonOnly<'_> {
    fn table(&self, _w: &mut dyn Write, _ui: &crate::output::Ui) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_of_the_json_only_report_is_empty_and_its_json_the_report() {
        let r = JobReport {
            job_id: "42".into(),
            stream: "job_events:42".into(),
            outcome: Some("completed"),
            started: Some("2026-12-01T10:00:00.000Z".into()),
            duration_ms: Some(1500),
            last_event_type: Some("task_completed".into()),
            last_event: Some("2026-12-01T10:00:01.500Z".into()),
            last_event_age_ms: Some(10),
            events: vec![],
        };
        // The table was printed while the events arrived: nothing is left to print at the end.
        assert_eq!(crate::cmd::table_of(&JsonOnly(&r)), "");
        let json = serde_json::to_value(JsonOnly(&r)).unwrap();
        assert_eq!(json["outcome"], "completed");
        assert_eq!(json["stream"], "job_events:42");
    }
}
