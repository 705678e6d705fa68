//! `redkit stream trim`: XTRIM MAXLEN / MINID on one stream or on every stream matching a glob
//! (on every master of a cluster). `--dry-run` counts what would go from each stream; without
//! `--yes` it asks on a terminal and refuses (exit 2) without one, so cron must say `--yes`.

use std::io::{self, Write};
use std::time::Duration;

use clap::{ArgGroup, Args};
use comfy_table::Cell;
use serde::Serialize;

use super::ensure_stream;
use super::entry::parse_entries;
use super::id::{StreamId, now_ms};
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::ops::scan::{KeyType, scan_typed};
use crate::output::Format;
use crate::output::escape::escape_str;
use crate::output::{Render, Ui};
use crate::redis::{ConnError, Keyed, Node};

pub const EXAMPLES: &str = "\
Examples:
  redkit stream trim job_events:42 --maxlen 1000 --dry-run
  redkit stream trim --match 'job_events:*' --older-than 7d --dry-run
  redkit stream trim --match 'job_events:*' --older-than 7d --yes      from cron
  redkit stream trim job_events:42 --maxlen 1000 --approximate --yes

Without --yes, trim asks on a terminal and refuses (exit 2) when stdin is not one.
--approximate (XTRIM ~) is cheaper but may keep more than asked; its dry run is exact.";

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("which").required(true).args(["stream_key", "pattern"])))]
#[command(group(ArgGroup::new("rule").required(true).args(["maxlen", "older_than"])))]
pub struct TrimArgs {
    /// Stream key
    #[arg(id = "stream_key", value_name = "KEY")]
    pub key: Option<String>,

    /// Every stream whose key matches GLOB (on every master of a cluster)
    #[arg(long = "match", value_name = "GLOB")]
    pub pattern: Option<String>,

    /// Keep the newest N entries
    #[arg(long, value_name = "N")]
    pub maxlen: Option<u64>,

    /// Drop entries older than DUR (by their id's time)
    #[arg(long, value_name = "DUR", value_parser = crate::duration::clap_parse)]
    pub older_than: Option<Duration>,

    /// Let Redis trim whole nodes only (~): faster, may keep a few more entries
    #[arg(long)]
    pub approximate: bool,

    /// Report what would be removed and remove nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    pub yes: bool,
}

#[derive(Debug, Serialize)]
pub struct TrimReport {
    pub dry_run: bool,
    pub rule: String,
    pub approximate: bool,
    pub streams: Vec<TrimmedStream>,
    /// Entries removed (or, in a dry run, that would be).
    pub removed: u64,
    /// Streams that lost (or would lose) at least one entry.
    pub streams_affected: usize,
}

fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

#[derive(Debug, Serialize)]
pub struct TrimmedStream {
    pub stream: String,
    pub length: u64,
    pub removed: u64,
}

impl Render for TrimReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];

    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let mut t = ui.table();
        let verb = if self.dry_run {
            "would remove"
        } else {
            "removed"
        };
        t.set_header(vec!["stream", "length", verb]);
        // Only the streams that lose entries: a glob over thousands of streams would bury them.
        for s in self.streams.iter().filter(|s| s.removed > 0) {
            t.add_row(vec![
                Cell::new(escape_str(&s.stream)),
                Cell::new(s.length),
                Cell::new(s.removed),
            ]);
        }
        if self.streams_affected > 0 {
            writeln!(w, "{t}")?;
        }
        writeln!(
            w,
            "{} {} from {} ({} matched; {}{})",
            if self.dry_run {
                "would remove"
            } else {
                "removed"
            },
            plural(self.removed, "entry", "entries"),
            plural(self.streams_affected as u64, "stream", "streams"),
            self.streams.len(),
            self.rule,
            if self.approximate {
                ", approximate"
            } else {
                ""
            }
        )
    }
}

/// What to trim by: a length to keep or an id below which entries go.
#[derive(Debug, Clone, Copy)]
enum Rule {
    MaxLen(u64),
    MinId(StreamId),
}

/// How many entries the rule removes from this stream (exactly, as XTRIM without ~ would).
async fn count_removable(conn: &mut Keyed, key: &str, rule: Rule) -> anyhow::Result<(u64, u64)> {
    let len: u64 = conn
        .query(redis::cmd("XLEN").arg(key))
        .await
        .map_err(ConnError::into_runtime)?;
    let removable = match rule {
        Rule::MaxLen(n) => len.saturating_sub(n),
        Rule::MinId(min) => {
            // Count the ids below `min` page by page; only ids are kept, so memory stays flat.
            let Some(hi) = min.prev() else {
                return Ok((len, 0));
            };
            let mut lo = StreamId::MIN;
            let mut n = 0u64;
            loop {
                let v: redis::Value = conn
                    .query(
                        redis::cmd("XRANGE")
                            .arg(key)
                            .arg(lo.to_string())
                            .arg(hi.to_string())
                            .arg("COUNT")
                            .arg(10_000),
                    )
                    .await
                    .map_err(ConnError::into_runtime)?;
                let page = parse_entries(v)?;
                n += page.len() as u64;
                match page.last().and_then(|e| e.id.next()) {
                    Some(next) if page.len() == 10_000 && next <= hi => lo = next,
                    _ => break,
                }
            }
            n
        }
    };
    Ok((len, removable))
}

async fn xtrim(conn: &mut Keyed, key: &str, rule: Rule, approximate: bool) -> anyhow::Result<u64> {
    let mut cmd = redis::cmd("XTRIM");
    cmd.arg(key);
    match rule {
        Rule::MaxLen(_) => cmd.arg("MAXLEN"),
        Rule::MinId(_) => cmd.arg("MINID"),
    };
    if approximate {
        cmd.arg("~");
    }
    match rule {
        Rule::MaxLen(n) => cmd.arg(n),
        Rule::MinId(id) => cmd.arg(id.to_string()),
    };
    conn.query(&cmd).await.map_err(ConnError::into_runtime)
}

pub async fn run(ctx: &Ctx, args: &TrimArgs) -> anyhow::Result<ExitStatus> {
    ctx.out.accepts::<TrimReport>("stream trim")?;
    let guard = crate::ops::confirm::destructive("stream trim", args.yes, args.dry_run);
    guard.check_early()?;
    let (rule, rule_text) = match (args.maxlen, args.older_than) {
        (Some(n), _) => (Rule::MaxLen(n), format!("maxlen {n}")),
        (None, Some(d)) => {
            let min = StreamId {
                ms: now_ms().saturating_sub(d.as_millis() as u64),
                seq: 0,
            };
            (
                Rule::MinId(min),
                format!("older than {} (minid {min})", crate::duration::format(d)),
            )
        }
        (None, None) => return Err(exit::usage("stream trim: give --maxlen or --older-than")),
    };
    let target = ctx.target()?;
    // Every stream with the connection that reaches it.
    let mut work: Vec<(String, Keyed)> = Vec::new();
    match (&args.key, &args.pattern) {
        (Some(k), _) => {
            let mut c = target.keyed_for(&[k.as_str()]).await?;
            ensure_stream(&mut c, k).await?;
            work.push((k.clone(), c));
        }
        (None, Some(p)) => {
            let masters = target.masters().await?;
            // Trimming only part of a cluster would look like success: refuse up front.
            if let Some(e) = masters.gap_error() {
                return Err(e);
            }
            for mut node in masters.nodes {
                scan_typed(
                    &mut node,
                    p,
                    KeyType::Stream,
                    async |n: &mut Node, keys: Vec<String>| {
                        for k in keys {
                            work.push((k, Keyed::Single(n.clone())));
                        }
                        Ok(())
                    },
                )
                .await?;
            }
        }
        (None, None) => return Err(exit::usage("stream trim: give a KEY or --match GLOB")),
    }
    work.sort_by(|a, b| a.0.cmp(&b.0));
    let mut streams = Vec::new();
    for (k, c) in &mut work {
        let (length, removed) = count_removable(c, k, rule).await?;
        streams.push(TrimmedStream {
            stream: k.clone(),
            length,
            removed,
        });
    }
    let planned: u64 = streams.iter().map(|s| s.removed).sum();
    let mut report = TrimReport {
        dry_run: args.dry_run,
        rule: rule_text,
        approximate: args.approximate,
        removed: planned,
        streams_affected: streams.iter().filter(|s| s.removed > 0).count(),
        streams,
    };
    if !args.dry_run {
        let question = format!(
            "Trim {} from {}",
            crate::ops::units::count(planned, "entry", "entries"),
            crate::ops::units::count(report.streams.len() as u64, "stream", "streams")
        );
        if !guard.confirm(&question)? {
            ctx.out.problem("nothing trimmed");
            return Ok(ExitStatus::Problem);
        }
        // Ctrl-C from here on lets the XTRIM in flight finish, then reports what was removed
        // (exit 130). Before this point nothing has changed and Ctrl-C simply ends the process.
        let stop = crate::cmd::Stop::on_signal();
        let stopped = || stop.requested();
        let mut done = 0;
        for ((_, c), s) in work.iter_mut().zip(report.streams.iter_mut()) {
            if stopped() {
                break;
            }
            done += 1;
            if s.removed == 0 && !args.approximate {
                continue;
            }
            s.removed = xtrim(c, &s.stream, rule, args.approximate).await?;
        }
        if stopped() {
            report.streams.truncate(done);
            report.removed = report.streams.iter().map(|s| s.removed).sum();
            report.streams_affected = report.streams.iter().filter(|s| s.removed > 0).count();
            ctx.out.emit(&report)?;
            ctx.out.problem(format!(
                "redkit: interrupted after trimming {done} of {} streams",
                work.len()
            ));
            return Ok(ExitStatus::Interrupted);
        }
        report.removed = report.streams.iter().map(|s| s.removed).sum();
        report.streams_affected = report.streams.iter().filter(|s| s.removed > 0).count();
    }
    ctx.out.emit_outcome(&report, true)?;
    Ok(ExitStatus::Success)
}
