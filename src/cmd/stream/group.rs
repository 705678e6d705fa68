//! `redkit stream group create|setid|delconsumer`: consumer-group changes with a preview.
//! Every change is computed first (the numbers a dry run prints), then confirmed on a terminal
//! or by `--yes`, then made; without a terminal and without `--yes` nothing changes (exit 2).

use std::io::{self, Write};
use std::time::Duration;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::id::{End, StreamId, parse_point};
use super::name::{self, Name};
use super::{KeyArg, ensure_stream, stream_exists};
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::output::Format;
use crate::output::{Render, Ui};
use crate::redis::streams::{self as decode, GroupInfo, StreamInfo};
use crate::redis::{ConnError, Keyed};

pub const EXAMPLES: &str = "\
Examples:
  redkit stream group create job_events:42 workers --from '$'
  redkit stream group create job_events:43 workers --from 0 --mkstream
  redkit stream group setid job_events:42 workers 10m --dry-run     replay the last ten minutes
  redkit stream group delconsumer job_events:42 workers --idle-over 1d --yes
  redkit stream group delconsumer job_events:42 workers w-3 --force --yes

Each change prints what it will do (entries the group will see, lag before and after,
pending entries dropped) and asks on a terminal; --yes skips the question, and without a
terminal and without --yes nothing changes (exit 2). --dry-run only previews.";

#[derive(Debug, Args)]
pub struct GroupArgs {
    #[command(subcommand)]
    pub command: GroupCommand,
}

#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Create a consumer group starting after an id or a time ($ = only new entries)
    Create(CreateArgs),
    /// Move a group's last-delivered id: replay entries or skip them
    Setid(SetidArgs),
    /// Delete consumers (one, or every consumer idle longer than --idle-over)
    Delconsumer(DelconsumerArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Stream key (bytes as given: `$'job\xff'` names a key that is not UTF-8)
    #[arg(id = "stream_key", value_name = "KEY", value_parser = name::parser())]
    pub key: Name,
    /// Group name
    #[arg(value_parser = name::parser())]
    pub group: Name,
    /// Deliver entries after this point: $ (only new), 0 (everything), an id, an RFC 3339
    /// time or a duration ago (10m)
    #[arg(long, value_name = "$|0|ID|TIME", default_value = "$")]
    pub from: String,
    /// Create the stream when it does not exist
    #[arg(long)]
    pub mkstream: bool,
    #[command(flatten)]
    pub change: crate::cmd::ConfirmArgs,
}

#[derive(Debug, Args)]
pub struct SetidArgs {
    /// Stream key (bytes as given: `$'job\xff'` names a key that is not UTF-8)
    #[arg(id = "stream_key", value_name = "KEY", value_parser = name::parser())]
    pub key: Name,
    /// Group name
    #[arg(value_parser = name::parser())]
    pub group: Name,
    /// The new last-delivered point: $, 0, an id, an RFC 3339 time or a duration ago (10m)
    #[arg(value_name = "ID|TIME")]
    pub to: String,
    #[command(flatten)]
    pub change: crate::cmd::ConfirmArgs,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["consumer", "idle_over"])))]
pub struct DelconsumerArgs {
    /// Stream key (bytes as given: `$'job\xff'` names a key that is not UTF-8)
    #[arg(id = "stream_key", value_name = "KEY", value_parser = name::parser())]
    pub key: Name,
    /// Group name
    #[arg(value_parser = name::parser())]
    pub group: Name,
    /// The consumer to delete (bytes as given: `$'w\xff\xfe'` for a name shown as w\xff\xfe)
    #[arg(value_parser = name::parser())]
    pub consumer: Option<Name>,
    /// Delete every consumer idle longer than DUR
    #[arg(long, value_name = "DUR", value_parser = crate::duration::clap_parse, conflicts_with = "consumer")]
    pub idle_over: Option<Duration>,
    /// Also delete consumers that hold pending entries (those entries are dropped from the
    /// group: nobody will be given them again)
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub change: crate::cmd::ConfirmArgs,
}

/// What a change did, or in a dry run would do.
#[derive(Debug, Serialize)]
pub struct GroupReport {
    pub action: &'static str,
    pub stream: Name,
    pub group: Name,
    pub dry_run: bool,
    /// Whether the change was made (false in a dry run or when refused).
    pub changed: bool,
    /// The group's last-delivered id before (setid) and after (create, setid). Every key is
    /// always present: null where the action has no such value.
    pub last_delivered_before: Option<String>,
    pub last_delivered_id: Option<String>,
    /// Entries not yet delivered to the group, before and after the change.
    pub lag_before: Option<u64>,
    pub lag_after: Option<u64>,
    /// setid: entries delivered again (moved back) or never delivered (moved forward).
    pub redelivered: Option<u64>,
    pub skipped: Option<u64>,
    /// delconsumer: each consumer chosen, with its pending entries (dropped when deleted);
    /// [] when none matched or for another action.
    pub consumers: Vec<ConsumerChange>,
    /// delconsumer: consumers the server no longer has after the change (0 in a dry run).
    pub removed: Option<u64>,
    pub pending_dropped: Option<u64>,
}

#[derive(Debug, Serialize)]
pub struct ConsumerChange {
    pub name: Name,
    pub pending: u64,
    pub idle_ms: u64,
}

impl GroupReport {
    fn new(action: &'static str, key: &Name, group: &Name, dry_run: bool) -> GroupReport {
        GroupReport {
            action,
            stream: key.clone(),
            group: group.clone(),
            dry_run,
            changed: false,
            last_delivered_before: None,
            last_delivered_id: None,
            lag_before: None,
            lag_after: None,
            redelivered: None,
            skipped: None,
            consumers: Vec::new(),
            removed: None,
            pending_dropped: None,
        }
    }

    /// A setid to the id the group already has: nothing to change.
    fn is_noop(&self) -> bool {
        self.action == "setid" && self.last_delivered_before == self.last_delivered_id
    }

    /// The preview in one line (also the confirmation question).
    pub fn describe(&self) -> String {
        let (s, g) = (&self.stream, &self.group);
        if self.is_noop() {
            return format!(
                "group {g} on {s} is already at {}: lag {}",
                self.last_delivered_id.as_deref().unwrap_or("?"),
                self.lag_after.unwrap_or(0)
            );
        }
        match self.action {
            "create" => format!(
                "create group {g} on {s} at {}: {} to deliver",
                self.last_delivered_id.as_deref().unwrap_or("?"),
                entries(self.lag_after.unwrap_or(0))
            ),
            "setid" => {
                let what = match (self.redelivered, self.skipped) {
                    (Some(n), _) if n > 0 => format!("{} will be delivered again", entries(n)),
                    (_, Some(n)) if n > 0 => format!("{} will be skipped", entries(n)),
                    _ => "no entry delivered again or skipped".to_string(),
                };
                format!(
                    "set group {g} on {s} from {} to {}: {what}; lag {} -> {}",
                    self.last_delivered_before.as_deref().unwrap_or("?"),
                    self.last_delivered_id.as_deref().unwrap_or("?"),
                    self.lag_before.unwrap_or(0),
                    self.lag_after.unwrap_or(0)
                )
            }
            _ if self.consumers.is_empty() => {
                format!("no consumer of group {g} on {s} matched, none removed")
            }
            _ => format!(
                "delete {} of group {g} on {s} ({}), dropping {}",
                crate::ops::units::count(self.consumers.len() as u64, "consumer", "consumers"),
                self.consumers
                    .iter()
                    .map(|c| format!("{}: {} pending", c.name, c.pending))
                    .collect::<Vec<_>>()
                    .join(", "),
                crate::ops::units::count(
                    self.pending_dropped.unwrap_or(0),
                    "pending entry",
                    "pending entries"
                )
            ),
        }
    }
}

impl crate::output::Formats for GroupReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];
}

impl Render for GroupReport {
    fn table(&self, w: &mut dyn Write, _ui: &Ui) -> io::Result<()> {
        let head = if self.is_noop() {
            "nothing to change: "
        } else if self.dry_run {
            "dry run, nothing changed: would "
        } else if self.changed {
            "done: "
        } else {
            "nothing changed: "
        };
        writeln!(w, "{head}{}", self.describe())?;
        if self.changed
            && let Some(n) = self.removed
        {
            writeln!(
                w,
                "removed {} of {}",
                n,
                crate::ops::units::count(self.consumers.len() as u64, "consumer", "consumers")
            )?;
        }
        Ok(())
    }
}

/// Counts the entries with ids in `(after, upto]`, page by page (only counts are kept).
pub async fn count_between<K: KeyArg>(
    conn: &mut Keyed,
    key: &K,
    after: StreamId,
    upto: StreamId,
) -> anyhow::Result<u64> {
    let Some(mut lo) = after.next() else {
        return Ok(0);
    };
    let mut n = 0u64;
    while lo <= upto {
        let v: redis::Value = conn
            .query(
                redis::cmd("XRANGE")
                    .arg(key)
                    .arg(lo.to_string())
                    .arg(upto.to_string())
                    .arg("COUNT")
                    .arg(10_000),
            )
            .await
            .map_err(ConnError::into_runtime)?;
        let page = super::entry::parse_entries(v)?;
        n += page.len() as u64;
        match page.last().and_then(|e| e.id.next()) {
            Some(next) if page.len() == 10_000 => lo = next,
            _ => break,
        }
    }
    Ok(n)
}

/// The stream's last entry id (0-0 when empty) and `entries-added` (Redis 7).
async fn stream_facts(conn: &mut Keyed, key: &Name) -> anyhow::Result<(StreamId, Option<i64>)> {
    let v: redis::Value = conn
        .query(redis::cmd("XINFO").arg("STREAM").arg(key))
        .await
        .map_err(ConnError::into_runtime)?;
    let info = StreamInfo::decode(v)?;
    let last = info
        .last_generated_id
        .and_then(|t| StreamId::parse(t.as_bytes()))
        .unwrap_or(StreamId::MIN);
    Ok((last, info.entries_added))
}

/// A group as XINFO GROUPS shows it, or exit 1 naming the group and the groups the stream
/// has.
pub async fn group_info(conn: &mut Keyed, key: &Name, group: &Name) -> anyhow::Result<GroupInfo> {
    let v: redis::Value = conn
        .query(redis::cmd("XINFO").arg("GROUPS").arg(key))
        .await
        .map_err(ConnError::into_runtime)?;
    let mut names = Vec::new();
    for g in decode::groups(v)? {
        if g.name == group.as_bytes() {
            return Ok(g);
        }
        names.push(Name::from(g.name).to_string());
    }
    Err(exit::problem(no_such_group(key, group, &names)))
}

/// "no consumer group 'x'", with the groups the stream does have.
pub fn no_such_group(key: &Name, group: &Name, names: &[String]) -> String {
    let has = if names.is_empty() {
        "the stream has no groups".to_string()
    } else {
        format!("its groups: {}", names.join(", "))
    };
    format!("{key}: no consumer group '{group}' ({has})")
}

/// `$`, `0` or a point as an id to deliver after.
fn point_after(text: &str, last: StreamId, flag: &str) -> anyhow::Result<StreamId> {
    match text.trim() {
        "$" => Ok(last),
        "0" | "0-0" | "-" => Ok(StreamId::MIN),
        other => {
            // An exact id means "delivered up to this one"; a time means "from this time on".
            let p = parse_point(other, End::Start, flag)?;
            Ok(if other.contains('-') && !other.contains(':') {
                p
            } else {
                p.prev().unwrap_or(StreamId::MIN)
            })
        }
    }
}

pub async fn run(ctx: &Ctx, args: &GroupArgs) -> anyhow::Result<ExitStatus> {
    match &args.command {
        GroupCommand::Create(a) => create(ctx, a).await,
        GroupCommand::Setid(a) => setid(ctx, a).await,
        GroupCommand::Delconsumer(a) => delconsumer(ctx, a).await,
    }
}

fn finish(ctx: &Ctx, report: &GroupReport) -> anyhow::Result<ExitStatus> {
    ctx.out
        .emit_outcome(report, report.dry_run || report.changed)?;
    Ok(if report.dry_run || report.changed {
        ExitStatus::Success
    } else {
        ExitStatus::Problem
    })
}

async fn create(ctx: &Ctx, a: &CreateArgs) -> anyhow::Result<ExitStatus> {
    let what = "stream group create";
    let guard = a.change.guard(what)?;
    let target = ctx.target()?;
    let mut conn = name::keyed_for(&target, &a.key).await?;
    let exists = stream_exists(&mut conn, &a.key).await?;
    if !exists && !a.mkstream {
        return Err(exit::problem(format!(
            "{}: no such key (--mkstream creates it with the group)",
            a.key
        )));
    }
    let (last, added) = if exists {
        stream_facts(&mut conn, &a.key).await?
    } else {
        (StreamId::MIN, None)
    };
    if exists && let Ok(g) = group_info(&mut conn, &a.key, &a.group).await {
        // Nothing created: the report says so (changed false, the group's own id), exit 1.
        let mut report = GroupReport::new("create", &a.key, &a.group, a.change.dry_run);
        report.last_delivered_id = g.last_delivered_id.clone();
        ctx.out.emit_outcome(&report, false)?;
        ctx.out.problem(format!(
            "redkit: {}: group '{}' already exists (nothing created; stream group setid moves it)",
            a.key, a.group
        ));
        return Ok(ExitStatus::Problem);
    }
    let after = point_after(&a.from, last, "--from")?;
    let mut report = GroupReport::new("create", &a.key, &a.group, a.change.dry_run);
    report.last_delivered_id = Some(after.to_string());
    report.lag_after = Some(if exists {
        count_between(&mut conn, &a.key, after, StreamId::MAX).await?
    } else {
        0
    });
    if a.change.dry_run {
        return finish(ctx, &report);
    }
    if !guard.confirm(&report.describe())? {
        return finish(ctx, &report);
    }
    let mut cmd = redis::cmd("XGROUP");
    cmd.arg("CREATE")
        .arg(&a.key)
        .arg(&a.group)
        .arg(after.to_string());
    if a.mkstream {
        cmd.arg("MKSTREAM");
    }
    // Tell Redis how many entries the group has read, so XINFO (and health) show a true lag.
    if let (Some(added), Some(lag)) = (added, report.lag_after) {
        cmd.arg("ENTRIESREAD").arg((added - lag as i64).max(0));
    }
    let _: redis::Value = conn.query(&cmd).await.map_err(|e| {
        if e.code() == Some(&crate::redis::ServerCode::BusyGroup) {
            exit::problem(format!("{}: group '{}' already exists", a.key, a.group))
        } else {
            e.into_runtime()
        }
    })?;
    report.changed = true;
    finish(ctx, &report)
}

async fn setid(ctx: &Ctx, a: &SetidArgs) -> anyhow::Result<ExitStatus> {
    let what = "stream group setid";
    let guard = a.change.guard(what)?;
    let target = ctx.target()?;
    let mut conn = name::keyed_for(&target, &a.key).await?;
    ensure_stream(&mut conn, &a.key).await?;
    let g = group_info(&mut conn, &a.key, &a.group).await?;
    let before = g
        .last_delivered_id
        .and_then(|t| StreamId::parse(t.as_bytes()))
        .unwrap_or(StreamId::MIN);
    let (last, added) = stream_facts(&mut conn, &a.key).await?;
    let after = point_after(&a.to, last, "ID|TIME")?;
    let mut report = GroupReport::new("setid", &a.key, &a.group, a.change.dry_run);
    report.last_delivered_before = Some(before.to_string());
    report.last_delivered_id = Some(after.to_string());
    let lag_before = count_between(&mut conn, &a.key, before, StreamId::MAX).await?;
    let lag_after = count_between(&mut conn, &a.key, after, StreamId::MAX).await?;
    report.lag_before = Some(lag_before);
    report.lag_after = Some(lag_after);
    report.redelivered = Some(lag_after.saturating_sub(lag_before));
    report.skipped = Some(lag_before.saturating_sub(lag_after));
    if after == before {
        // Already there: nothing to confirm or send; said so (changed false), exit 0.
        ctx.out.emit_outcome(&report, true)?;
        return Ok(ExitStatus::Success);
    }
    if a.change.dry_run || !guard.confirm(&report.describe())? {
        return finish(ctx, &report);
    }
    let mut cmd = redis::cmd("XGROUP");
    cmd.arg("SETID")
        .arg(&a.key)
        .arg(&a.group)
        .arg(after.to_string());
    // Tell Redis how many entries the group has read, so XINFO (and health) keep a true lag.
    if let Some(added) = added {
        cmd.arg("ENTRIESREAD")
            .arg((added - lag_after as i64).max(0));
    }
    let _: redis::Value = conn.query(&cmd).await.map_err(ConnError::into_runtime)?;
    report.changed = true;
    finish(ctx, &report)
}

async fn delconsumer(ctx: &Ctx, a: &DelconsumerArgs) -> anyhow::Result<ExitStatus> {
    let what = "stream group delconsumer";
    let guard = a.change.guard(what)?;
    let target = ctx.target()?;
    let mut conn = name::keyed_for(&target, &a.key).await?;
    ensure_stream(&mut conn, &a.key).await?;
    group_info(&mut conn, &a.key, &a.group).await?;
    let v: redis::Value = conn
        .query(
            redis::cmd("XINFO")
                .arg("CONSUMERS")
                .arg(&a.key)
                .arg(&a.group),
        )
        .await
        .map_err(ConnError::into_runtime)?;
    let all = consumers_of(v)?;
    let chosen: Vec<ConsumerChange> = match (&a.consumer, a.idle_over) {
        (Some(wanted), _) => {
            let found: Vec<_> = all.into_iter().filter(|c| &c.name == wanted).collect();
            if found.is_empty() {
                // Nothing to delete is not a success: the report says 0 removed, and the
                // message which consumers the group has (exit 1).
                let mut report =
                    GroupReport::new("delconsumer", &a.key, &a.group, a.change.dry_run);
                report.removed = Some(0);
                report.pending_dropped = Some(0);
                ctx.out.emit_outcome(&report, false)?;
                ctx.out.problem(format!(
                    "redkit: {}: group '{}' has no consumer '{}' (nothing removed; its consumers: {})",
                    a.key,
                    a.group,
                    wanted,
                    list_names(&consumer_names(&mut conn, &a.key, &a.group).await?)
                ));
                return Ok(ExitStatus::Problem);
            }
            found
        }
        (None, Some(idle)) => all
            .into_iter()
            .filter(|c| c.idle_ms > idle.as_millis() as u64)
            .collect(),
        (None, None) => {
            return Err(exit::usage(format!(
                "{what}: give a CONSUMER or --idle-over"
            )));
        }
    };
    let holding: Vec<&ConsumerChange> = chosen.iter().filter(|c| c.pending > 0).collect();
    if !holding.is_empty() && !a.force {
        return Err(exit::problem(format!(
            "{}: refusing to delete consumer(s) holding pending entries ({}); claim them first \
             (stream claim) or pass --force to drop them",
            a.key,
            holding
                .iter()
                .map(|c| format!("{}: {} pending", c.name, c.pending))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let mut report = GroupReport::new("delconsumer", &a.key, &a.group, a.change.dry_run);
    report.pending_dropped = Some(chosen.iter().map(|c| c.pending).sum());
    report.removed = Some(0);
    report.consumers = chosen;
    if report.consumers.is_empty() {
        // --idle-over that matched nobody: nothing to do, said so (not "done"), exit 0.
        ctx.out.emit_outcome(&report, true)?;
        return Ok(ExitStatus::Success);
    }
    if a.change.dry_run || !guard.confirm(&report.describe())? {
        return finish(ctx, &report);
    }
    let mut dropped = 0u64;
    for c in &mut report.consumers {
        let n: i64 = conn
            .query(
                redis::cmd("XGROUP")
                    .arg("DELCONSUMER")
                    .arg(&a.key)
                    .arg(&a.group)
                    .arg(&c.name),
            )
            .await
            .map_err(ConnError::into_runtime)?;
        // What Redis dropped, which may differ from the preview if work moved meanwhile.
        c.pending = n.max(0) as u64;
        dropped += c.pending;
    }
    // DELCONSUMER answers 0 for a consumer that was already gone: count what the server no
    // longer has, not the commands sent.
    let left = consumer_names(&mut conn, &a.key, &a.group).await?;
    let removed = report
        .consumers
        .iter()
        .filter(|c| !left.contains(&c.name))
        .count() as u64;
    report.removed = Some(removed);
    report.pending_dropped = Some(dropped);
    report.changed = removed > 0;
    finish(ctx, &report)
}

fn consumers_of(v: redis::Value) -> anyhow::Result<Vec<ConsumerChange>> {
    Ok(decode::consumers(v)?
        .into_iter()
        .map(|c| ConsumerChange {
            name: Name::from(c.name),
            pending: c.pending.unwrap_or(0).max(0) as u64,
            idle_ms: c.idle_ms.unwrap_or(0).max(0) as u64,
        })
        .collect())
}

/// The names of a group's consumers (XINFO CONSUMERS), as bytes.
pub async fn consumer_names(
    conn: &mut Keyed,
    key: &Name,
    group: &Name,
) -> anyhow::Result<Vec<Name>> {
    let v: redis::Value = conn
        .query(redis::cmd("XINFO").arg("CONSUMERS").arg(key).arg(group))
        .await
        .map_err(ConnError::into_runtime)?;
    Ok(consumers_of(v)?.into_iter().map(|c| c.name).collect())
}

/// Names for a message, escaped, or "none".
pub fn list_names(names: &[Name]) -> String {
    if names.is_empty() {
        return "none".into();
    }
    names
        .iter()
        .map(Name::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `1 entry`, `5 entries`.
fn entries(n: u64) -> String {
    crate::output::number::plural_with(n, "entry", "entries")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_heads_with_what_was_done_or_would_be() {
        let (key, group) = (Name::from("job_events:42"), Name::from("workers"));
        let mut r = GroupReport::new("setid", &key, &group, true);
        r.last_delivered_before = Some("0-0".into());
        r.last_delivered_id = Some("$".into());
        r.lag_before = Some(5);
        r.lag_after = Some(0);
        r.skipped = Some(5);
        assert_eq!(
            crate::cmd::table_of(&r),
            "dry run, nothing changed: would set group workers on job_events:42 from 0-0 to $: \
             5 entries will be skipped; lag 5 -> 0\n"
        );
        r.skipped = Some(1);
        assert!(
            crate::cmd::table_of(&r).contains(": 1 entry will be skipped;"),
            "{}",
            crate::cmd::table_of(&r)
        );

        let mut r = GroupReport::new("delconsumer", &key, &group, false);
        r.changed = true;
        r.consumers = vec![ConsumerChange {
            name: "w-3".into(),
            pending: 2,
            idle_ms: 1000,
        }];
        r.removed = Some(1);
        r.pending_dropped = Some(2);
        assert_eq!(
            crate::cmd::table_of(&r),
            "done: delete 1 consumer of group workers on job_events:42 (w-3: 2 pending), \
             dropping 2 pending entries\nremoved 1 of 1 consumer\n"
        );

        let r = GroupReport::new("delconsumer", &key, &group, false);
        assert_eq!(
            crate::cmd::table_of(&r),
            "nothing changed: no consumer of group workers on job_events:42 matched, none removed\n"
        );
    }
}
