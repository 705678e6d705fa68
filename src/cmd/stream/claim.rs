//! `redkit stream claim` and `redkit stream ack`: move the entries a dead worker holds to a
//! live one, or acknowledge entries, with a preview. Candidates come from XPENDING (idle
//! filter, optionally one consumer) in pages; XCLAIM re-checks the idle time atomically, and
//! an id XCLAIM does not return is looked up: gone from the stream means deleted meanwhile
//! (Redis drops it from the group), still there means another consumer touched it first.

use std::io::{self, Write};
use std::time::Duration;

use clap::Args;
use serde::Serialize;

use super::entry::parse_entries;
use super::group::{Change, confirmed, group_info, refuse_early};
use super::id::StreamId;
use super::{ensure_stream, text_of};
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::output::Format;
use crate::output::escape::escape_str;
use crate::output::{Render, Ui};
use crate::redis::{ConnError, Keyed};

pub const CLAIM_EXAMPLES: &str = "\
Examples:
  redkit stream claim job_events:42 workers --to w-2 --min-idle 10m --dry-run
  redkit stream claim job_events:42 workers --to w-2 --min-idle 10m --from-consumer w-1 --yes
  redkit stream claim job_events:42 workers --to w-2 --min-idle 1h --count 100 --format json

Entries pending longer than --min-idle (with --from-consumer: held by that consumer) move to
--to. The report lists the ids moved, and the ids deleted from the stream meanwhile (Redis
drops those from the group).";

pub const ACK_EXAMPLES: &str = "\
Examples:
  redkit stream ack job_events:42 workers 1700000000000-0 1700000000001-0
  redkit stream ack job_events:42 workers --from-consumer w-1 --min-idle 1d --dry-run";

#[derive(Debug, Args)]
pub struct ClaimArgs {
    /// Stream key
    #[arg(id = "stream_key", value_name = "KEY")]
    pub key: String,
    /// Consumer group
    pub group: String,
    /// The consumer that takes the entries
    #[arg(long, value_name = "CONSUMER")]
    pub to: String,
    /// Only entries idle at least this long
    #[arg(long, value_name = "DUR", value_parser = crate::duration::clap_parse)]
    pub min_idle: Duration,
    /// Only entries held by this consumer
    #[arg(long, value_name = "C")]
    pub from_consumer: Option<String>,
    /// Move at most N entries
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    #[command(flatten)]
    pub change: Change,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["ids", "from_consumer"])))]
pub struct AckArgs {
    /// Stream key
    #[arg(id = "stream_key", value_name = "KEY")]
    pub key: String,
    /// Consumer group
    pub group: String,
    /// Entry ids to acknowledge
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
    /// Acknowledge the entries this consumer holds (with --min-idle: only those idle that long)
    #[arg(long, value_name = "C", conflicts_with = "ids")]
    pub from_consumer: Option<String>,
    /// With --from-consumer: only entries idle at least this long
    #[arg(long, value_name = "DUR", requires = "from_consumer", value_parser = crate::duration::clap_parse)]
    pub min_idle: Option<Duration>,
    #[command(flatten)]
    pub change: Change,
}

#[derive(Debug, Serialize)]
pub struct ClaimReport {
    pub action: &'static str,
    pub stream: String,
    pub group: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub dry_run: bool,
    /// The entries that matched (a dry run's answer).
    pub candidates: u64,
    /// claim: ids now held by --to; ack: ids acknowledged.
    pub ids: Vec<String>,
    /// claim: ids deleted from the stream meanwhile (dropped from the group by Redis).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deleted: Option<Vec<String>>,
    /// Ids left as they were: another consumer took them first, or (ack) not pending.
    pub skipped: Vec<String>,
}

impl ClaimReport {
    fn describe(&self) -> String {
        let (s, g) = (escape_str(&self.stream), escape_str(&self.group));
        match &self.to {
            Some(to) => format!(
                "move {} pending entries of group {g} on {s} to {}",
                self.candidates,
                escape_str(to)
            ),
            None => format!(
                "acknowledge {} entries of group {g} on {s}",
                self.candidates
            ),
        }
    }
}

impl Render for ClaimReport {
    fn table(&self, w: &mut dyn Write, _ui: &Ui) -> io::Result<()> {
        if self.dry_run {
            writeln!(w, "dry run, nothing changed: would {}", self.describe())?;
            return Ok(());
        }
        let verb = if self.to.is_some() {
            "moved"
        } else {
            "acknowledged"
        };
        let mut line = format!("{verb} {} of {} entries", self.ids.len(), self.candidates);
        if let Some(d) = &self.deleted {
            line.push_str(&format!("; {} deleted from the stream meanwhile", d.len()));
        }
        if !self.skipped.is_empty() {
            line.push_str(&format!("; {} left as they were", self.skipped.len()));
        }
        writeln!(w, "{line}")?;
        for (what, ids) in [
            (verb, Some(&self.ids)),
            ("deleted", self.deleted.as_ref()),
            ("left", Some(&self.skipped)),
        ] {
            if let Some(ids) = ids.filter(|i| !i.is_empty()) {
                let shown: Vec<String> = ids.iter().take(20).map(|i| escape_str(i)).collect();
                let more = if ids.len() > 20 {
                    format!(" … (+{})", ids.len() - 20)
                } else {
                    String::new()
                };
                writeln!(w, "  {what}: {}{more}", shown.join(" "))?;
            }
        }
        Ok(())
    }
}

/// Pending ids idle at least `min_idle` (of one consumer when given), oldest first, at most
/// `limit`, read in pages of XPENDING.
async fn pending_ids(
    conn: &mut Keyed,
    key: &str,
    group: &str,
    min_idle: Option<Duration>,
    consumer: Option<&str>,
    limit: Option<u64>,
) -> anyhow::Result<Vec<StreamId>> {
    let mut out = Vec::new();
    let mut start = StreamId::MIN;
    loop {
        let want = limit.map_or(1000, |l| (l - out.len() as u64).min(1000));
        if want == 0 {
            break;
        }
        let mut cmd = redis::cmd("XPENDING");
        cmd.arg(key).arg(group);
        if let Some(idle) = min_idle {
            cmd.arg("IDLE").arg(idle.as_millis() as u64);
        }
        cmd.arg(start.to_string()).arg("+").arg(want);
        if let Some(c) = consumer {
            cmd.arg(c);
        }
        let v: redis::Value = conn.query(&cmd).await.map_err(ConnError::into_runtime)?;
        let redis::Value::Array(items) = v else { break };
        let n = items.len() as u64;
        for item in items {
            let redis::Value::Array(f) = item else {
                continue;
            };
            let text = f.first().map(text_of).unwrap_or_default();
            let Some(id) = StreamId::parse(text.as_bytes()) else {
                return Err(exit::runtime(format!(
                    "{}: unexpected id '{}' in the XPENDING reply",
                    escape_str(key),
                    escape_str(&text)
                )));
            };
            out.push(id);
            start = id.next().unwrap_or(StreamId::MAX);
        }
        if n < want || start == StreamId::MAX {
            break;
        }
    }
    Ok(out)
}

/// Which of `ids` still exist in the stream (one XRANGE id id per id, pipelined in effect by
/// the multiplexed connection).
async fn existing(conn: &mut Keyed, key: &str, ids: &[StreamId]) -> anyhow::Result<Vec<bool>> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let s = id.to_string();
        let v: redis::Value = conn
            .query(redis::cmd("XRANGE").arg(key).arg(&s).arg(&s))
            .await
            .map_err(ConnError::into_runtime)?;
        out.push(!parse_entries(v)?.is_empty());
    }
    Ok(out)
}

pub async fn claim(ctx: &Ctx, a: &ClaimArgs) -> anyhow::Result<ExitStatus> {
    ctx.out
        .require("stream claim", &[Format::Table, Format::Json])?;
    let what = "stream claim";
    refuse_early(what, a.change)?;
    let target = ctx.target()?;
    let mut conn = target.keyed_for(&[&a.key]).await?;
    ensure_stream(&mut conn, &a.key).await?;
    group_info(&mut conn, &a.key, &a.group).await?;
    let ids = pending_ids(
        &mut conn,
        &a.key,
        &a.group,
        Some(a.min_idle),
        a.from_consumer.as_deref(),
        a.count,
    )
    .await?;
    let mut report = ClaimReport {
        action: "claim",
        stream: a.key.clone(),
        group: a.group.clone(),
        to: Some(a.to.clone()),
        dry_run: a.change.dry_run,
        candidates: ids.len() as u64,
        ids: Vec::new(),
        deleted: Some(Vec::new()),
        skipped: Vec::new(),
    };
    if a.change.dry_run {
        report.ids = ids.iter().map(StreamId::to_string).collect();
        ctx.out.emit_outcome(&report, true)?;
        return Ok(ExitStatus::Success);
    }
    if ids.is_empty() {
        ctx.out.emit_outcome(&report, true)?;
        return Ok(ExitStatus::Success);
    }
    if !confirmed(what, a.change, &report.describe())? {
        ctx.out.emit(&report)?;
        return Ok(ExitStatus::Problem);
    }
    // Ctrl-C from here on lets the XCLAIM in flight finish, then reports what moved (exit 130).
    let stop = crate::cmd::Stop::on_signal();
    let (mut deleted, mut skipped) = (Vec::new(), Vec::new());
    for page in ids.chunks(500) {
        if stop.requested() {
            break;
        }
        let mut cmd = redis::cmd("XCLAIM");
        cmd.arg(&a.key)
            .arg(&a.group)
            .arg(&a.to)
            .arg(a.min_idle.as_millis() as u64);
        for id in page {
            cmd.arg(id.to_string());
        }
        cmd.arg("JUSTID");
        let v: redis::Value = conn.query(&cmd).await.map_err(ConnError::into_runtime)?;
        let moved: Vec<StreamId> = match v {
            redis::Value::Array(items) => items
                .iter()
                .filter_map(|i| StreamId::parse(text_of(i).as_bytes()))
                .collect(),
            _ => Vec::new(),
        };
        let missing: Vec<StreamId> = page
            .iter()
            .filter(|id| !moved.contains(id))
            .copied()
            .collect();
        for (id, exists) in missing
            .iter()
            .zip(existing(&mut conn, &a.key, &missing).await?)
        {
            if exists {
                skipped.push(id.to_string());
            } else {
                deleted.push(id.to_string());
            }
        }
        report.ids.extend(moved.iter().map(StreamId::to_string));
    }
    // JUSTID leaves entries deleted from the stream in the PEL: drop them as XAUTOCLAIM would,
    // so nobody is handed an entry that no longer exists.
    if !deleted.is_empty() {
        let mut cmd = redis::cmd("XACK");
        cmd.arg(&a.key).arg(&a.group);
        for id in &deleted {
            cmd.arg(id);
        }
        let _: i64 = conn.query(&cmd).await.map_err(ConnError::into_runtime)?;
    }
    report.deleted = Some(deleted);
    report.skipped = skipped;
    ctx.out.emit_outcome(&report, !stop.requested())?;
    interrupted_or_success(&stop, &report)
}

/// After a Ctrl-C the partial report has been printed: say so and exit 130.
fn interrupted_or_success(
    stop: &crate::cmd::Stop,
    report: &ClaimReport,
) -> anyhow::Result<ExitStatus> {
    if stop.requested() {
        crate::output::stderr_line(&format!(
            "redkit: interrupted after {} of {} entries",
            report.ids.len(),
            report.candidates
        ));
        return Ok(ExitStatus::Interrupted);
    }
    Ok(ExitStatus::Success)
}

pub async fn ack(ctx: &Ctx, a: &AckArgs) -> anyhow::Result<ExitStatus> {
    ctx.out
        .require("stream ack", &[Format::Table, Format::Json])?;
    let what = "stream ack";
    let given: Vec<StreamId> = a
        .ids
        .iter()
        .map(|t| {
            StreamId::parse(t.trim().as_bytes())
                .filter(|_| t.contains('-'))
                .ok_or_else(|| {
                    exit::usage(format!(
                        "{what}: '{}' is not an entry id (1700000000000-0)",
                        escape_str(t)
                    ))
                })
        })
        .collect::<anyhow::Result<_>>()?;
    refuse_early(what, a.change)?;
    let target = ctx.target()?;
    let mut conn = target.keyed_for(&[&a.key]).await?;
    ensure_stream(&mut conn, &a.key).await?;
    group_info(&mut conn, &a.key, &a.group).await?;
    // The ids that are pending in the group: those an XACK acknowledges.
    let pending: Vec<StreamId> = match &a.from_consumer {
        Some(c) => pending_ids(&mut conn, &a.key, &a.group, a.min_idle, Some(c), None).await?,
        None => {
            let mut found = Vec::new();
            for id in &given {
                let s = id.to_string();
                let v: redis::Value = conn
                    .query(
                        redis::cmd("XPENDING")
                            .arg(&a.key)
                            .arg(&a.group)
                            .arg(&s)
                            .arg(&s)
                            .arg(1),
                    )
                    .await
                    .map_err(ConnError::into_runtime)?;
                if matches!(&v, redis::Value::Array(items) if !items.is_empty()) {
                    found.push(*id);
                }
            }
            found
        }
    };
    let mut report = ClaimReport {
        action: "ack",
        stream: a.key.clone(),
        group: a.group.clone(),
        to: None,
        dry_run: a.change.dry_run,
        candidates: pending.len() as u64,
        ids: Vec::new(),
        deleted: None,
        skipped: given
            .iter()
            .filter(|id| !pending.contains(id))
            .map(StreamId::to_string)
            .collect(),
    };
    if a.change.dry_run {
        report.ids = pending.iter().map(StreamId::to_string).collect();
        ctx.out.emit_outcome(&report, true)?;
        return Ok(ExitStatus::Success);
    }
    if !pending.is_empty() && !confirmed(what, a.change, &report.describe())? {
        ctx.out.emit(&report)?;
        return Ok(ExitStatus::Problem);
    }
    let stop = crate::cmd::Stop::on_signal();
    for page in pending.chunks(1000) {
        if stop.requested() {
            break;
        }
        let mut cmd = redis::cmd("XACK");
        cmd.arg(&a.key).arg(&a.group);
        for id in page {
            cmd.arg(id.to_string());
        }
        let _: i64 = conn.query(&cmd).await.map_err(ConnError::into_runtime)?;
        report.ids.extend(page.iter().map(StreamId::to_string));
    }
    ctx.out.emit_outcome(&report, !stop.requested())?;
    interrupted_or_success(&stop, &report)
}
