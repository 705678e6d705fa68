//! `redkit stream pending`: a consumer group's pending entries (XPENDING), oldest first, with
//! idle time and delivery count, to find stuck work.

use std::io::{self, Write};
use std::time::Duration;

use clap::Args;
use comfy_table::Cell;
use serde::Serialize;

use super::entry::rfc3339_ms;
use super::id::StreamId;
use super::{ensure_stream, int_of, text_of};
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::output::escape::escape_str;
use crate::output::{Render, Ui};

pub const EXAMPLES: &str = "\
Examples:
  redkit stream pending job_events:42 workers
  redkit stream pending job_events:42 workers --min-idle 10m      stuck for ten minutes
  redkit stream pending job_events:42 workers --consumer w-3 --format json";

#[derive(Debug, Args)]
pub struct PendingArgs {
    /// Stream key
    #[arg(id = "stream_key", value_name = "KEY")]
    pub key: String,

    /// Consumer group
    pub group: String,

    /// Only entries idle at least this long
    #[arg(long, value_name = "DUR", value_parser = crate::duration::clap_parse)]
    pub min_idle: Option<Duration>,

    /// Only this consumer's entries
    #[arg(long, value_name = "C")]
    pub consumer: Option<String>,

    /// Show at most N entries
    #[arg(short = 'n', long, value_name = "N", default_value_t = 1000)]
    pub count: u64,
}

#[derive(Debug, Serialize)]
pub struct PendingReport {
    pub stream: String,
    pub group: String,
    pub entries: Vec<PendingEntry>,
}

#[derive(Debug, Serialize)]
pub struct PendingEntry {
    pub id: String,
    pub time: String,
    pub consumer: String,
    pub idle_ms: i64,
    pub deliveries: i64,
}

impl Render for PendingReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        if self.entries.is_empty() {
            return writeln!(
                w,
                "{} / {}: nothing pending",
                escape_str(&self.stream),
                escape_str(&self.group)
            );
        }
        let mut t = ui.table();
        t.set_header(vec!["id", "consumer", "idle", "deliveries"]);
        for e in &self.entries {
            t.add_row(vec![
                Cell::new(escape_str(&e.id)),
                Cell::new(escape_str(&e.consumer)),
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

pub async fn run(ctx: &Ctx, args: &PendingArgs) -> anyhow::Result<ExitStatus> {
    ctx.out.accepts::<PendingReport>("stream pending")?;
    let target = ctx.target()?;
    let mut conn = target.keyed_for(&[&args.key]).await?;
    ensure_stream(&mut conn, &args.key).await?;
    let mut entries = Vec::new();
    let mut start = StreamId::MIN;
    while (entries.len() as u64) < args.count {
        let page = (args.count - entries.len() as u64).min(1000);
        let mut cmd = redis::cmd("XPENDING");
        cmd.arg(&args.key).arg(&args.group);
        if let Some(idle) = args.min_idle {
            cmd.arg("IDLE").arg(idle.as_millis() as u64);
        }
        cmd.arg(start.to_string()).arg("+").arg(page);
        if let Some(c) = &args.consumer {
            cmd.arg(c);
        }
        let v: redis::Value = conn.query(&cmd).await.map_err(|e| {
            if e.code() == Some(&crate::redis::ServerCode::NoGroup) {
                exit::problem(format!("{}: no consumer group '{}'", args.key, args.group))
            } else {
                e.into_runtime()
            }
        })?;
        let redis::Value::Array(items) = v else { break };
        let n = items.len() as u64;
        for item in items {
            let redis::Value::Array(f) = item else {
                continue;
            };
            if f.len() < 4 {
                continue;
            }
            let id = text_of(&f[0]);
            // An id we cannot read would restart the paging at the beginning, forever.
            let Some(sid) = StreamId::parse(id.as_bytes()) else {
                return Err(exit::runtime(format!(
                    "{}: unexpected id '{id}' in the XPENDING reply",
                    args.key
                )));
            };
            start = sid.next().unwrap_or(StreamId::MAX);
            entries.push(PendingEntry {
                time: String::from_utf8_lossy(&rfc3339_ms(sid.ms)).into_owned(),
                id,
                consumer: text_of(&f[1]),
                idle_ms: int_of(&f[2]).unwrap_or(0),
                deliveries: int_of(&f[3]).unwrap_or(0),
            });
        }
        if n < page {
            break;
        }
    }
    ctx.out.emit_outcome(
        &PendingReport {
            stream: args.key.clone(),
            group: args.group.clone(),
            entries,
        },
        true,
    )?;
    Ok(ExitStatus::Success)
}
