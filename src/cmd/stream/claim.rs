//! `redkit stream claim` and `redkit stream ack`: move the entries a dead worker holds to a
//! live one, or acknowledge entries, with a preview. Candidates come from XPENDING (idle
//! filter, optionally one consumer) in pages; XCLAIM re-checks the idle time atomically, and
//! an id XCLAIM does not return is looked up: gone from the stream means deleted meanwhile
//! (Redis drops it from the group), still there means another consumer touched it first.

use std::io::{self, Write};
use std::time::Duration;

use clap::Args;
use serde::Serialize;

use super::ensure_stream;
use super::entry::parse_entries;
use super::group::{consumer_names, group_info, list_names};
use super::id::StreamId;
use super::name::{self, Name};
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::output::Format;
use crate::output::escape::escape_str;
use crate::output::{Render, Ui};
use crate::redis::streams as decode;
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
    /// Stream key (bytes as given: `$'job\xff'` names a key that is not UTF-8)
    #[arg(id = "stream_key", value_name = "KEY", value_parser = name::parser())]
    pub key: Name,
    /// Consumer group
    #[arg(value_parser = name::parser())]
    pub group: Name,
    /// The consumer that takes the entries (a name the group does not have is warned about,
    /// and refused under -q, unless --new-consumer)
    #[arg(long, value_name = "CONSUMER", value_parser = name::parser())]
    pub to: Name,
    /// --to names a consumer the group does not have yet, on purpose (XCLAIM creates it):
    /// no warning, and no refusal under -q
    #[arg(long)]
    pub new_consumer: bool,
    /// Only entries idle at least this long
    #[arg(long, value_name = "DUR", value_parser = crate::duration::clap_parse)]
    pub min_idle: Duration,
    /// Only entries held by this consumer
    #[arg(long, value_name = "C", value_parser = name::parser())]
    pub from_consumer: Option<Name>,
    /// Move at most N entries
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    #[command(flatten)]
    pub change: crate::cmd::ConfirmArgs,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["ids", "from_consumer"])))]
pub struct AckArgs {
    /// Stream key (bytes as given)
    #[arg(id = "stream_key", value_name = "KEY", value_parser = name::parser())]
    pub key: Name,
    /// Consumer group
    #[arg(value_parser = name::parser())]
    pub group: Name,
    /// Entry ids to acknowledge (an id given twice counts once)
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
    /// Acknowledge the entries this consumer holds (with --min-idle: only those idle that long)
    #[arg(long, value_name = "C", conflicts_with = "ids", value_parser = name::parser())]
    pub from_consumer: Option<Name>,
    /// With --from-consumer: only entries idle at least this long
    #[arg(long, value_name = "DUR", requires = "from_consumer", value_parser = crate::duration::clap_parse)]
    pub min_idle: Option<Duration>,
    #[command(flatten)]
    pub change: crate::cmd::ConfirmArgs,
}

/// Every key is always present: `to` is null for ack, lists are [] when empty.
#[derive(Debug, Serialize)]
pub struct ClaimReport {
    pub action: &'static str,
    pub stream: Name,
    pub group: Name,
    pub to: Option<Name>,
    pub dry_run: bool,
    /// The entries that matched (a dry run's answer).
    pub candidates: u64,
    /// Each candidate with the consumer holding it, its idle time and deliveries so far.
    pub entries: Vec<PendingItem>,
    /// claim: ids now held by --to; ack: ids acknowledged (a dry run: the candidates).
    pub ids: Vec<String>,
    /// Entries the server reports it moved (XCLAIM's reply) or acknowledged (XACK's reply).
    pub changed: u64,
    /// claim: ids deleted from the stream meanwhile (dropped from the group by Redis).
    pub deleted: Vec<String>,
    /// Ids left as they were: another consumer took them first, or (ack) not pending.
    pub skipped: Vec<String>,
}

/// One pending entry as XPENDING's extended form gives it.
#[derive(Debug, Clone, Serialize)]
pub struct PendingItem {
    pub id: String,
    pub consumer: Name,
    pub idle_ms: u64,
    pub deliveries: u64,
    #[serde(skip)]
    pub sid: StreamId,
}

impl ClaimReport {
    fn describe(&self) -> String {
        let (s, g) = (&self.stream, &self.group);
        match &self.to {
            Some(to) => format!(
                "move {} of group {g} on {s} to {to}",
                crate::ops::units::count(self.candidates, "pending entry", "pending entries"),
            ),
            None => format!(
                "acknowledge {} of group {g} on {s}",
                crate::ops::units::count(self.candidates, "entry", "entries"),
            ),
        }
    }

    /// The candidates, one line each (at most 50, then a count): what a prompt and a dry run
    /// show before anything moves.
    fn candidate_lines(&self) -> String {
        let mut out = String::new();
        for e in self.entries.iter().take(50) {
            out.push_str(&format!(
                "  {}  from {}  idle {}  delivered {}\n",
                e.id,
                e.consumer,
                crate::duration::format(Duration::from_millis(e.idle_ms)),
                crate::ops::units::count(e.deliveries, "time", "times")
            ));
        }
        if self.entries.len() > 50 {
            out.push_str(&format!("  … and {} more\n", self.entries.len() - 50));
        }
        out
    }
}

static EMPTY: Vec<String> = Vec::new();

impl crate::output::Formats for ClaimReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];
}

impl Render for ClaimReport {
    fn table(&self, w: &mut dyn Write, _ui: &Ui) -> io::Result<()> {
        if self.dry_run {
            writeln!(w, "dry run, nothing changed: would {}", self.describe())?;
            return write!(w, "{}", self.candidate_lines());
        }
        let verb = if self.to.is_some() {
            "moved"
        } else {
            "acknowledged"
        };
        // A run that changed nothing never reads as done.
        let head = if self.changed == 0 {
            "nothing changed: "
        } else {
            ""
        };
        let mut line = format!(
            "{head}{verb} {} of {} entries",
            self.changed, self.candidates
        );
        if !self.deleted.is_empty() {
            line.push_str(&format!(
                "; {} deleted from the stream meanwhile",
                self.deleted.len()
            ));
        }
        if !self.skipped.is_empty() {
            line.push_str(&format!("; {} left as they were", self.skipped.len()));
        }
        writeln!(w, "{line}")?;
        // Each moved entry with its delivery count: XCLAIM JUSTID does not count a delivery,
        // so the count is what it was (the next read by --to adds one).
        let moved_lines = self.to.is_some() && !self.ids.is_empty();
        if moved_lines {
            writeln!(
                w,
                "  moved (delivery counts kept; the next delivery adds one):"
            )?;
            for id in self.ids.iter().take(20) {
                let e = self.entries.iter().find(|e| &e.id == id);
                writeln!(
                    w,
                    "    {}  from {}  delivered {}",
                    escape_str(id),
                    e.map_or_else(|| "-".to_string(), |e| e.consumer.to_string()),
                    e.map_or_else(
                        || "-".to_string(),
                        |e| crate::ops::units::count(e.deliveries, "time", "times")
                    )
                )?;
            }
            if self.ids.len() > 20 {
                writeln!(w, "    … and {} more", self.ids.len() - 20)?;
            }
        }
        for (what, ids) in [
            (verb, if moved_lines { &EMPTY } else { &self.ids }),
            ("deleted", &self.deleted),
            ("left", &self.skipped),
        ] {
            if !ids.is_empty() {
                let shown: Vec<String> = ids.iter().take(20).map(|i| escape_str(i)).collect();
                let more = if ids.len() > 20 {
                    let n = (ids.len() - 20) as u64;
                    format!(" (+{})", crate::output::number::plural(n, "more id"))
                } else {
                    String::new()
                };
                writeln!(w, "  {what}: {}{more}", shown.join(" "))?;
            }
        }
        Ok(())
    }
}

/// Pending entries idle at least `min_idle` (of one consumer when given), oldest first, at
/// most `limit`, read in pages of XPENDING's extended form.
pub(super) async fn pending_items(
    conn: &mut Keyed,
    key: &Name,
    group: &Name,
    min_idle: Option<Duration>,
    consumer: Option<&Name>,
    limit: Option<u64>,
) -> anyhow::Result<Vec<PendingItem>> {
    pending_where(conn, key, group, min_idle, consumer, limit, |_| true).await
}

/// [`pending_items`] keeping only the entries `keep` accepts (as the pages arrive, so memory
/// follows what is kept, not the whole pending list); `limit` counts kept entries.
pub(super) async fn pending_where(
    conn: &mut Keyed,
    key: &Name,
    group: &Name,
    min_idle: Option<Duration>,
    consumer: Option<&Name>,
    limit: Option<u64>,
    keep: impl Fn(&PendingItem) -> bool,
) -> anyhow::Result<Vec<PendingItem>> {
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
        let items = decode::pending_entries(v)?;
        let n = items.len() as u64;
        for item in items {
            let Some(id) = StreamId::parse(item.id.as_bytes()) else {
                return Err(exit::runtime(format!(
                    "{key}: unexpected id '{}' in the XPENDING reply",
                    escape_str(&item.id)
                )));
            };
            let p = PendingItem {
                id: id.to_string(),
                consumer: Name::from(item.consumer),
                idle_ms: item.idle_ms.unwrap_or(0).max(0) as u64,
                deliveries: item.deliveries.unwrap_or(0).max(0) as u64,
                sid: id,
            };
            start = id.next().unwrap_or(StreamId::MAX);
            if keep(&p) {
                out.push(p);
            }
        }
        if n < want || start == StreamId::MAX {
            break;
        }
    }
    Ok(out)
}

/// Which of `ids` still exist in the stream (one XRANGE id id per id, pipelined in effect by
/// the multiplexed connection).
async fn existing(conn: &mut Keyed, key: &Name, ids: &[StreamId]) -> anyhow::Result<Vec<bool>> {
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
    let what = "stream claim";
    let guard = a.change.guard(what)?;
    let target = ctx.target()?;
    let mut conn = name::keyed_for(&target, &a.key).await?;
    ensure_stream(&mut conn, &a.key).await?;
    group_info(&mut conn, &a.key, &a.group).await?;
    // XCLAIM creates any consumer it is given: a typo would hand the entries to nobody. An
    // unknown target is said on stderr (the dry run and the question say it too); under -q,
    // where nobody reads a warning, it is refused before anything moves. --new-consumer
    // says the name is meant.
    let consumers = consumer_names(&mut conn, &a.key, &a.group).await?;
    let unknown = !a.new_consumer && !consumers.contains(&a.to);
    if unknown {
        let msg = format!(
            "'{}' is not a consumer of group '{}' on {} (its consumers: {}); XCLAIM creates \
             it: pass --new-consumer if that is meant",
            a.to,
            a.group,
            a.key,
            list_names(&consumers)
        );
        if ctx.out.quiet {
            return Err(exit::usage(format!("{what}: {msg}")));
        }
        crate::output::stderr_line(&format!("redkit: warning: {msg}"));
    }
    let items = pending_items(
        &mut conn,
        &a.key,
        &a.group,
        Some(a.min_idle),
        a.from_consumer.as_ref(),
        a.count,
    )
    .await?;
    // Entries --to already holds would "move" to where they are: left as they were, not sent.
    let held: Vec<String> = items
        .iter()
        .filter(|e| e.consumer == a.to)
        .map(|e| e.id.clone())
        .collect();
    let ids: Vec<StreamId> = items
        .iter()
        .filter(|e| e.consumer != a.to)
        .map(|e| e.sid)
        .collect();
    let mut report = ClaimReport {
        action: "claim",
        stream: a.key.clone(),
        group: a.group.clone(),
        to: Some(a.to.clone()),
        dry_run: a.change.dry_run,
        candidates: ids.len() as u64,
        entries: items,
        ids: Vec::new(),
        changed: 0,
        deleted: Vec::new(),
        skipped: held.clone(),
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
    let question = format!("{}{}", report.candidate_lines(), report.describe());
    if !guard.confirm(&question)? {
        ctx.out.emit(&report)?;
        return Ok(ExitStatus::Problem);
    }
    // Ctrl-C from here on lets the XCLAIM in flight finish, then reports what moved (exit 130).
    let stop = crate::cmd::Stop::on_signal();
    let (mut deleted, mut skipped) = (Vec::new(), held);
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
        let moved: Vec<StreamId> = decode::ids(v)?
            .iter()
            .filter_map(|i| StreamId::parse(i.as_bytes()))
            .collect();
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
        report.changed += moved.len() as u64;
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
    report.deleted = deleted;
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
            report.changed, report.candidates
        ));
        return Ok(ExitStatus::Interrupted);
    }
    Ok(ExitStatus::Success)
}

pub async fn ack(ctx: &Ctx, a: &AckArgs) -> anyhow::Result<ExitStatus> {
    let what = "stream ack";
    let mut given: Vec<StreamId> = a
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
    // An id given twice is one entry: XACK would count it once, and so does the report.
    given.sort();
    given.dedup();
    let guard = a.change.guard(what)?;
    let target = ctx.target()?;
    let mut conn = name::keyed_for(&target, &a.key).await?;
    ensure_stream(&mut conn, &a.key).await?;
    group_info(&mut conn, &a.key, &a.group).await?;
    // The entries that are pending in the group: those an XACK acknowledges.
    let pending: Vec<PendingItem> = match &a.from_consumer {
        Some(c) => pending_items(&mut conn, &a.key, &a.group, a.min_idle, Some(c), None).await?,
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
                if let Some(f) = decode::pending_entries(v)?.into_iter().next() {
                    found.push(PendingItem {
                        id: s.clone(),
                        consumer: Name::from(f.consumer),
                        idle_ms: f.idle_ms.unwrap_or(0).max(0) as u64,
                        deliveries: f.deliveries.unwrap_or(0).max(0) as u64,
                        sid: *id,
                    });
                }
            }
            found
        }
    };
    let pending_ids: Vec<StreamId> = pending.iter().map(|e| e.sid).collect();
    let mut report = ClaimReport {
        action: "ack",
        stream: a.key.clone(),
        group: a.group.clone(),
        to: None,
        dry_run: a.change.dry_run,
        candidates: pending.len() as u64,
        entries: pending,
        ids: Vec::new(),
        changed: 0,
        deleted: Vec::new(),
        skipped: given
            .iter()
            .filter(|id| !pending_ids.contains(id))
            .map(StreamId::to_string)
            .collect(),
    };
    if a.change.dry_run {
        report.ids = pending_ids.iter().map(StreamId::to_string).collect();
        ctx.out.emit_outcome(&report, true)?;
        return Ok(ExitStatus::Success);
    }
    let question = format!("{}{}", report.candidate_lines(), report.describe());
    if !pending_ids.is_empty() && !guard.confirm(&question)? {
        ctx.out.emit(&report)?;
        return Ok(ExitStatus::Problem);
    }
    let stop = crate::cmd::Stop::on_signal();
    for page in pending_ids.chunks(1000) {
        if stop.requested() {
            break;
        }
        let mut cmd = redis::cmd("XACK");
        cmd.arg(&a.key).arg(&a.group);
        for id in page {
            cmd.arg(id.to_string());
        }
        // XACK's reply: how many of these the server acknowledged (an entry acked meanwhile
        // by its worker is not counted).
        let n: i64 = conn.query(&cmd).await.map_err(ConnError::into_runtime)?;
        report.changed += n.max(0) as u64;
        report.ids.extend(page.iter().map(StreamId::to_string));
    }
    ctx.out.emit_outcome(&report, !stop.requested())?;
    interrupted_or_success(&stop, &report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(dry_run: bool) -> ClaimReport {
        ClaimReport {
            action: "claim",
            stream: "job_events:42".into(),
            group: "workers".into(),
            to: Some("w-9".into()),
            dry_run,
            candidates: 2,
            entries: vec![PendingItem {
                id: "1700000000000-0".into(),
                consumer: "w-3".into(),
                idle_ms: 120_000,
                deliveries: 1,
                sid: StreamId {
                    ms: 1_700_000_000_000,
                    seq: 0,
                },
            }],
            ids: vec!["1700000000000-0".into()],
            changed: 1,
            deleted: vec!["1700000000001-0".into()],
            skipped: vec![],
        }
    }

    #[test]
    fn dry_run_table_says_what_would_move() {
        assert_eq!(
            crate::cmd::table_of(&report(true)),
            "dry run, nothing changed: would move 2 pending entries of group workers on \
             job_events:42 to w-9\n  1700000000000-0  from w-3  idle 2m  delivered 1 time\n"
        );
    }

    #[test]
    fn table_counts_what_moved_with_its_delivery_count_and_what_was_deleted() {
        assert_eq!(
            crate::cmd::table_of(&report(false)),
            "moved 1 of 2 entries; 1 deleted from the stream meanwhile\n  \
             moved (delivery counts kept; the next delivery adds one):\n    \
             1700000000000-0  from w-3  delivered 1 time\n  deleted: 1700000000001-0\n"
        );
        let mut ack = report(false);
        ack.to = None;
        ack.deleted.clear();
        ack.skipped = vec!["1700000000002-0".into()];
        assert_eq!(
            crate::cmd::table_of(&ack),
            "acknowledged 1 of 2 entries; 1 left as they were\n  \
             acknowledged: 1700000000000-0\n  left: 1700000000002-0\n"
        );
    }
}
