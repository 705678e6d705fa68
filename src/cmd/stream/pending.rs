//! `redkit stream pending`: a consumer group's pending entries (XPENDING), oldest first, with
//! idle time and delivery count, to find stuck work.

use std::io::{self, Write};
use std::time::Duration;

use crate::output::Cell;
use clap::Args;
use serde::Serialize;

use super::ensure_stream;
use super::entry::rfc3339_ms;
use super::id::StreamId;
use super::name::{self, Name};
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::output::escape::escape_str;
use crate::output::records::Records;
use crate::output::{Format, Render, Ui};
use crate::redis::streams as decode;

pub const EXAMPLES: &str = "\
Examples:
  redkit stream pending job_events:42 workers
  redkit stream pending job_events:42 workers --min-idle 10m      stuck for ten minutes
  redkit stream pending job_events:42 workers --consumer w-3 --format json

Exit 1 when nothing pending matches (as grep), with a note naming the filter; json and
ndjson stream page by page, so memory stays flat whatever -n is.";

#[derive(Debug, Args)]
pub struct PendingArgs {
    /// Stream key (bytes as given: `$'job\xff'` names a key that is not UTF-8)
    #[arg(id = "stream_key", value_name = "KEY", value_parser = name::parser())]
    pub key: Name,

    /// Consumer group
    #[arg(value_parser = name::parser())]
    pub group: Name,

    /// Only entries idle at least this long
    #[arg(long, value_name = "DUR", value_parser = crate::duration::clap_parse)]
    pub min_idle: Option<Duration>,

    /// Only this consumer's entries
    #[arg(long, value_name = "C", value_parser = name::parser())]
    pub consumer: Option<Name>,

    /// Show at most N entries
    #[arg(short = 'n', long, value_name = "N", default_value_t = 1000)]
    pub count: u64,
}

/// The report's shape (the table, and the JSON document written piece by piece).
#[derive(Debug, Serialize)]
pub struct PendingReport {
    pub stream: Name,
    pub group: Name,
    pub entries: Vec<PendingEntry>,
}

#[derive(Debug, Serialize)]
pub struct PendingEntry {
    pub id: String,
    pub time: String,
    pub consumer: Name,
    pub idle_ms: i64,
    pub deliveries: i64,
}

impl crate::output::Formats for PendingReport {}

impl Render for PendingReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        if self.entries.is_empty() {
            return writeln!(w, "{} / {}: nothing pending", self.stream, self.group);
        }
        let mut t = ui.table();
        t.set_header(vec!["id", "consumer", "idle", "deliveries"]);
        for e in &self.entries {
            t.add_row(vec![
                Cell::new(escape_str(&e.id)),
                Cell::new(&e.consumer),
                Cell::new(crate::duration::format(Duration::from_millis(
                    e.idle_ms.max(0) as u64,
                ))),
                Cell::new(e.deliveries),
            ]);
        }
        writeln!(w, "{t}")
    }

    fn ndjson_items(&self) -> Vec<serde_json::Value> {
        self.entries
            .iter()
            .filter_map(|e| serde_json::to_value(e).ok())
            .collect()
    }
}

/// Where entries go as pages arrive: held for the table (it lays out every row at once),
/// written at once for json and ndjson (memory flat however many there are).
enum Out {
    Table(PendingReport),
    Stream {
        records: Records,
        json: bool,
        written: u64,
    },
}

impl Out {
    fn new(ctx: &Ctx, key: &Name, group: &Name) -> anyhow::Result<Out> {
        let report = PendingReport {
            stream: key.clone(),
            group: group.clone(),
            entries: Vec::new(),
        };
        Ok(match ctx.out.format {
            Format::Json | Format::Ndjson => {
                let json = ctx.out.format == Format::Json;
                let mut records = Records::quiet(ctx.out.quiet);
                if json {
                    let b = records.buf();
                    b.extend_from_slice(b"{\n  \"stream\": ");
                    serde_json::to_writer(&mut *b, &report.stream)?;
                    b.extend_from_slice(b",\n  \"group\": ");
                    serde_json::to_writer(&mut *b, &report.group)?;
                    b.extend_from_slice(b",\n  \"entries\": [");
                }
                Out::Stream {
                    records,
                    json,
                    written: 0,
                }
            }
            _ => Out::Table(report),
        })
    }

    fn add(&mut self, e: PendingEntry) -> anyhow::Result<()> {
        match self {
            Out::Table(r) => r.entries.push(e),
            Out::Stream {
                records,
                json,
                written,
            } => {
                let b = records.buf();
                if *json {
                    b.extend_from_slice(if *written == 0 { b"\n    " } else { b",\n    " });
                }
                serde_json::to_writer(&mut *b, &e)?;
                if !*json {
                    b.push(b'\n');
                }
                *written += 1;
                records.maybe_flush()?;
            }
        }
        Ok(())
    }

    fn finish(self, ctx: &Ctx) -> anyhow::Result<()> {
        match self {
            Out::Table(r) => ctx.out.emit_outcome(&r, true),
            Out::Stream {
                mut records,
                json,
                written,
            } => {
                if json {
                    records.buf().extend_from_slice(if written == 0 {
                        b"]\n}\n".as_slice()
                    } else {
                        b"\n  ]\n}\n".as_slice()
                    });
                }
                records.flush()?;
                Ok(())
            }
        }
    }
}

pub async fn run(ctx: &Ctx, args: &PendingArgs) -> anyhow::Result<ExitStatus> {
    let target = ctx.target()?;
    let mut conn = name::keyed_for(&target, &args.key).await?;
    ensure_stream(&mut conn, &args.key).await?;
    let mut out: Option<Out> = None;
    let mut found = 0u64;
    let mut start = StreamId::MIN;
    while found < args.count {
        let page = (args.count - found).min(1000);
        let mut cmd = redis::cmd("XPENDING");
        cmd.arg(&args.key).arg(&args.group);
        if let Some(idle) = args.min_idle {
            cmd.arg("IDLE").arg(idle.as_millis() as u64);
        }
        cmd.arg(start.to_string()).arg("+").arg(page);
        if let Some(c) = &args.consumer {
            cmd.arg(c);
        }
        let v: redis::Value = match conn.query(&cmd).await {
            Ok(v) => v,
            Err(e) if e.code() == Some(&crate::redis::ServerCode::NoGroup) => {
                super::group::group_info(&mut conn, &args.key, &args.group).await?;
                return Err(e.into_runtime());
            }
            Err(e) => return Err(e.into_runtime()),
        };
        // Opened after the first page, so an error before it prints no half document.
        let sink = match &mut out {
            Some(o) => o,
            None => out.insert(Out::new(ctx, &args.key, &args.group)?),
        };
        let items = decode::pending_entries(v)?;
        let n = items.len() as u64;
        for item in items {
            let id = item.id;
            // An id we cannot read would restart the paging at the beginning, forever.
            let Some(sid) = StreamId::parse(id.as_bytes()) else {
                return Err(exit::runtime(format!(
                    "{}: unexpected id '{}' in the XPENDING reply",
                    args.key,
                    escape_str(&id)
                )));
            };
            start = sid.next().unwrap_or(StreamId::MAX);
            found += 1;
            sink.add(PendingEntry {
                time: String::from_utf8_lossy(&rfc3339_ms(sid.ms)).into_owned(),
                id,
                consumer: Name::from(item.consumer),
                idle_ms: item.idle_ms.unwrap_or(0),
                deliveries: item.deliveries.unwrap_or(0),
            })?;
        }
        if n < page {
            break;
        }
    }
    let out = match out {
        Some(o) => o,
        None => Out::new(ctx, &args.key, &args.group)?,
    };
    if found > 0 {
        out.finish(ctx)?;
        return Ok(ExitStatus::Success);
    }
    // Nothing matched: the document still goes out (machine formats), and a note says which
    // filter selected nothing among how many pending entries. Exit 1, as grep.
    if !matches!(out, Out::Table(_)) {
        out.finish(ctx)?;
    }
    let total = pending_total(&mut conn, &args.key, &args.group).await?;
    let (k, g) = (&args.key, &args.group);
    let mut what = Vec::new();
    if let Some(c) = &args.consumer {
        what.push(format!("held by consumer {c}"));
    }
    if let Some(d) = args.min_idle {
        what.push(format!("idle at least {}", crate::duration::format(d)));
    }
    let msg = if total == 0 || what.is_empty() {
        format!("{k} / {g}: nothing pending")
    } else {
        format!(
            "{k} / {g}: no pending entry {} among {} pending",
            what.join(" and "),
            total
        )
    };
    ctx.out.note(msg);
    Ok(ExitStatus::Problem)
}

/// The group's pending count (XPENDING's summary form).
async fn pending_total(
    conn: &mut crate::redis::Keyed,
    key: &Name,
    group: &Name,
) -> anyhow::Result<u64> {
    let v: redis::Value = conn
        .query(redis::cmd("XPENDING").arg(key).arg(group))
        .await
        .map_err(crate::redis::ConnError::into_runtime)?;
    Ok(decode::PendingSummary::decode(v)?.count.max(0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_a_row_per_pending_entry() {
        let mut r = PendingReport {
            stream: "job_events:42".into(),
            group: "workers".into(),
            entries: vec![PendingEntry {
                id: "1700000000000-0".into(),
                time: "2023-11-14T22:13:20.000Z".into(),
                consumer: "w-3".into(),
                idle_ms: 600_000,
                deliveries: 4,
            }],
        };
        let text = crate::cmd::table_of(&r);
        let lines: Vec<Vec<&str>> = text
            .lines()
            .map(|l| l.split_whitespace().collect())
            .collect();
        assert_eq!(lines[0], ["id", "consumer", "idle", "deliveries"], "{text}");
        assert_eq!(lines[1], ["1700000000000-0", "w-3", "10m", "4"], "{text}");
        r.entries.clear();
        assert_eq!(
            crate::cmd::table_of(&r),
            "job_events:42 / workers: nothing pending\n"
        );
    }
}
