//! `redkit stream info`: XINFO STREAM, its groups (consumers, pending, last delivered id, lag)
//! and each group's consumers (pending, idle); `--full` prints XINFO STREAM FULL as JSON.

use std::io::{self, Write};

use crate::output::Cell;
use clap::Args;
use serde::Serialize;

use super::id::StreamId;
use super::name::{self, Name};
use super::{ensure_stream, value_to_json};
use crate::cmd::Ctx;
use crate::exit::ExitStatus;
use crate::output::Format;
use crate::output::escape::escape_str;
use crate::output::{Render, Ui};
use crate::redis::ConnError;
use crate::redis::streams::{self as decode, StreamInfo};

pub const EXAMPLES: &str = "\
Examples:
  redkit stream info job_events:42
  redkit stream info job_events:42 --format json | jq '.groups[] | {name, lag, pending}'
  redkit stream info job_events:42 --full --format json";

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Stream key (bytes as given: `$'job\xff'` names a key that is not UTF-8)
    #[arg(id = "stream_key", value_name = "KEY", value_parser = name::parser())]
    pub key: Name,

    /// Also include XINFO STREAM FULL (every group's PEL and consumers, as JSON)
    #[arg(long)]
    pub full: bool,
}

#[derive(Debug, Serialize)]
pub struct InfoReport {
    pub stream: Name,
    pub length: i64,
    pub last_generated_id: String,
    pub first_id: Option<String>,
    pub last_id: Option<String>,
    pub entries_added: Option<i64>,
    pub groups: Vec<GroupInfo>,
    /// XINFO STREAM FULL with --full; null without.
    pub full: Option<serde_json::Value>,
}

#[derive(Debug, Serialize)]
pub struct GroupInfo {
    pub name: Name,
    pub consumers: i64,
    pub pending: i64,
    pub last_delivered_id: String,
    /// Entries not yet delivered to the group (null when Redis cannot tell, before 7.0).
    pub lag: Option<i64>,
    /// Age in seconds of the oldest entry not yet delivered to the group (0 when caught up).
    pub lag_seconds: f64,
    /// Age in seconds of the group's oldest pending entry (null when none is pending).
    pub oldest_pending_seconds: Option<f64>,
    pub consumer_list: Vec<ConsumerInfo>,
}

#[derive(Debug, Serialize)]
pub struct ConsumerInfo {
    pub name: Name,
    pub pending: i64,
    pub idle_ms: i64,
}

fn when(id: &Option<String>) -> String {
    id.as_deref()
        .and_then(|i| StreamId::parse(i.as_bytes()))
        .map_or_else(
            || "-".into(),
            |i| {
                let now = crate::output::time::now_ms();
                format!(
                    "{} ({} {}, {})",
                    i,
                    crate::output::time::compact(i.ms),
                    crate::output::time::zone(),
                    crate::output::time::ago(i.ms, now)
                )
            },
        )
}

impl crate::output::Formats for InfoReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];
}

impl Render for InfoReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        writeln!(w, "stream             {}", self.stream)?;
        writeln!(w, "length             {}", self.length)?;
        writeln!(w, "first entry        {}", when(&self.first_id))?;
        writeln!(w, "last entry         {}", when(&self.last_id))?;
        writeln!(
            w,
            "last generated id  {}",
            escape_str(&self.last_generated_id)
        )?;
        if self.groups.is_empty() {
            return writeln!(w, "groups             none");
        }
        writeln!(w)?;
        let mut t = ui.table();
        t.set_header(vec![
            "group",
            "consumers",
            "pending",
            "last delivered",
            "lag",
            "lag time",
            "oldest pending",
        ]);
        for g in &self.groups {
            t.add_row(vec![
                Cell::new(&g.name),
                Cell::new(g.consumers),
                Cell::new(g.pending),
                Cell::new(escape_str(&g.last_delivered_id)),
                Cell::new(g.lag.map_or("?".into(), |l| l.to_string())),
                Cell::new(super::lag::show(Some(g.lag_seconds))),
                Cell::new(super::lag::show(g.oldest_pending_seconds)),
            ]);
        }
        writeln!(w, "{t}")?;
        let mut c = ui.table();
        c.set_header(vec!["group", "consumer", "pending", "idle"]);
        let mut any = false;
        for g in &self.groups {
            for k in &g.consumer_list {
                any = true;
                c.add_row(vec![
                    Cell::new(&g.name),
                    Cell::new(&k.name),
                    Cell::new(k.pending),
                    Cell::new(crate::duration::format(std::time::Duration::from_millis(
                        k.idle_ms.max(0) as u64,
                    ))),
                ]);
            }
        }
        if any {
            writeln!(w)?;
            writeln!(w, "{c}")?;
        }
        Ok(())
    }
}

pub async fn run(ctx: &Ctx, args: &InfoArgs) -> anyhow::Result<ExitStatus> {
    let target = ctx.target()?;
    let mut conn = name::keyed_for(&target, &args.key).await?;
    ensure_stream(&mut conn, &args.key).await?;
    let info: redis::Value = conn
        .query(redis::cmd("XINFO").arg("STREAM").arg(&args.key))
        .await
        .map_err(ConnError::into_runtime)?;
    let info = StreamInfo::decode(info)?;
    let groups_v: redis::Value = conn
        .query(redis::cmd("XINFO").arg("GROUPS").arg(&args.key))
        .await
        .map_err(ConnError::into_runtime)?;
    let mut groups = Vec::new();
    let now = super::id::now_ms();
    for g in decode::groups(groups_v)? {
        let name = Name::from(g.name);
        let last = g.last_delivered_id.clone().unwrap_or_else(|| "0-0".into());
        let lag = super::lag::group_lag(&mut conn, &args.key, &name, &last, now).await?;
        let cv: redis::Value = conn
            .query(
                redis::cmd("XINFO")
                    .arg("CONSUMERS")
                    .arg(&args.key)
                    .arg(&name),
            )
            .await
            .map_err(ConnError::into_runtime)?;
        let consumer_list = decode::consumers(cv)?
            .into_iter()
            .map(|c| ConsumerInfo {
                name: Name::from(c.name),
                pending: c.pending.unwrap_or(0),
                idle_ms: c.idle_ms.unwrap_or(0),
            })
            .collect();
        groups.push(GroupInfo {
            consumers: g.consumers.unwrap_or(0),
            pending: g.pending.unwrap_or(0),
            last_delivered_id: g.last_delivered_id.unwrap_or_default(),
            lag: g.lag,
            lag_seconds: lag.lag_seconds,
            oldest_pending_seconds: lag.oldest_pending_seconds,
            consumer_list,
            name,
        });
    }
    let full = if args.full {
        let v: redis::Value = conn
            .query(redis::cmd("XINFO").arg("STREAM").arg(&args.key).arg("FULL"))
            .await
            .map_err(ConnError::into_runtime)?;
        Some(value_to_json(&v))
    } else {
        None
    };
    let report = InfoReport {
        stream: args.key.clone(),
        length: info.length.unwrap_or(0),
        last_generated_id: info.last_generated_id.unwrap_or_default(),
        first_id: info.first_id,
        last_id: info.last_id,
        entries_added: info.entries_added,
        groups,
        full,
    };
    if args.full && ctx.out.format == Format::Table {
        ctx.out.note("--full is shown with --format json");
    }
    ctx.out.emit_outcome(&report, true)?;
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(groups: Vec<GroupInfo>) -> InfoReport {
        InfoReport {
            stream: "job_events:42".into(),
            length: 3,
            last_generated_id: "1700000000000-2".into(),
            first_id: None,
            last_id: None,
            entries_added: Some(3),
            groups,
            full: None,
        }
    }

    #[test]
    fn table_has_the_stream_facts_then_groups_and_consumers() {
        let text = crate::cmd::table_of(&report(vec![GroupInfo {
            name: "workers".into(),
            consumers: 1,
            pending: 2,
            last_delivered_id: "1700000000000-1".into(),
            lag: None,
            lag_seconds: 12.5,
            oldest_pending_seconds: Some(90.0),
            consumer_list: vec![ConsumerInfo {
                name: "w1".into(),
                pending: 2,
                idle_ms: 90_000,
            }],
        }]));
        let lines: Vec<Vec<&str>> = text
            .lines()
            .map(|l| l.split_whitespace().collect())
            .collect();
        assert_eq!(lines[0], ["stream", "job_events:42"], "{text}");
        assert_eq!(lines[1], ["length", "3"]);
        assert_eq!(lines[2], ["first", "entry", "-"]);
        assert_eq!(lines[4], ["last", "generated", "id", "1700000000000-2"]);
        // An unknown lag is shown as such.
        assert!(
            lines.contains(&vec![
                "workers",
                "1",
                "2",
                "1700000000000-1",
                "?",
                "12.5s",
                "1m30s"
            ]),
            "{text}"
        );
        assert!(
            lines.contains(&vec!["workers", "w1", "2", "1m30s"]),
            "{text}"
        );
    }

    #[test]
    fn table_without_groups_says_none() {
        let text = crate::cmd::table_of(&report(vec![]));
        assert_eq!(text.lines().last(), Some("groups             none"));
    }
}
