//! `redkit stream copy SRC DST`: replay a stream's entries (a range, filtered) into another
//! stream, on the same server or another one (`--to-url`, a cluster seed with `--to-cluster`):
//! for re-running a job's events against a test consumer or moving a job between
//! environments. Paged reads and pipelined XADDs, so memory stays flat. New ids by default;
//! `--keep-ids` keeps them (refused when DST already holds an id at or after SRC's first).

use std::io::{self, Write};

use clap::Args;
use serde::Serialize;

use super::filter::{Filter, parse_wheres, split_types};
use super::id::{End, StreamId, parse_point};
use super::name::{self, Name};
use super::read::Pager;
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::output::Format;
use crate::output::{Render, Ui};
use crate::redis::{ConnError, Keyed, Target};

pub const EXAMPLES: &str = "\
Examples:
  redkit stream copy job_events:42 job_events:42-replay --dry-run
  redkit stream copy job_events:42 test:job_events:42 --where event_type!=task_progress
  redkit stream copy job_events:42 job_events:42 --keep-ids --to-url redis://staging:6379

Entries keep their fields byte for byte. Without --keep-ids each gets a new id (XADD *), in
order; with it the ids are kept, which needs DST empty or older than the first entry copied.";

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// The stream to copy from (bytes as given)
    #[arg(value_name = "SRC", value_parser = name::parser())]
    pub src: Name,
    /// The stream to copy into
    #[arg(value_name = "DST", value_parser = name::parser())]
    pub dst: Name,
    /// First entry: an id, an RFC 3339 time or a duration ago (10m)
    #[arg(long, value_name = "ID|TIME")]
    pub from: Option<String>,
    /// Last entry: an id, an RFC 3339 time or a duration ago
    #[arg(long, value_name = "ID|TIME")]
    pub to: Option<String>,
    /// Only entries of this event type (repeat or separate with commas)
    #[arg(long = "event-type", value_name = "TYPE", value_parser = name::parser())]
    pub event_types: Vec<Name>,
    /// Only entries where PATH OP VALUE holds (as stream read --where)
    #[arg(long = "where", value_name = "PATH OP VALUE")]
    pub wheres: Vec<String>,
    /// Keep the entries' ids (DST must be empty or end before the first entry copied)
    #[arg(long)]
    pub keep_ids: bool,
    /// Write DST on this server instead (redis://, rediss://); the password comes from the URL
    #[arg(long, value_name = "URL")]
    pub to_url: Option<String>,
    /// With --to-url: the URL is a seed of a Redis Cluster
    #[arg(long, requires = "to_url")]
    pub to_cluster: bool,
    /// Count what would be copied and copy nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Serialize)]
pub struct CopyReport {
    pub source: Name,
    pub destination: Name,
    /// The destination server when it is another one (--to-url, without its password).
    pub to: Option<String>,
    pub dry_run: bool,
    pub keep_ids: bool,
    /// Entries read from the range.
    pub scanned: u64,
    /// Entries copied (or, in a dry run, that would be).
    pub copied: u64,
    pub first_id: Option<String>,
    pub last_id: Option<String>,
}

impl crate::output::Formats for CopyReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];
}

impl Render for CopyReport {
    fn table(&self, w: &mut dyn Write, _ui: &Ui) -> io::Result<()> {
        writeln!(
            w,
            "{} {} of {} read from {} to {}{}{}",
            if self.dry_run { "would copy" } else { "copied" },
            crate::ops::units::count(self.copied, "entry", "entries"),
            self.scanned,
            self.source,
            self.destination,
            self.to
                .as_ref()
                .map_or_else(String::new, |t| format!(" on {t}")),
            if self.keep_ids { " (ids kept)" } else { "" }
        )
    }
}

/// The destination deployment of --to-url: the URL's server, database, TLS and credentials
/// (the source's password is never sent to another server).
fn other_target(ctx: &Ctx, url: &str, cluster: bool) -> anyhow::Result<(Target, String)> {
    let p = crate::redis::parse_url(url).map_err(|e| exit::usage(format!("--to-url: {e}")))?;
    let mut r = ctx.settings.redis()?.clone();
    let shown = p.endpoint.to_string();
    r.endpoints = vec![p.endpoint];
    r.tls.value = p.tls;
    r.db.value = p.db.unwrap_or(0);
    r.cluster.value = cluster;
    r.sentinel = None;
    r.master_name = None;
    r.username = p.username.map(|u| crate::settings::Sourced {
        value: u,
        source: crate::settings::Source::Flag,
        origin: "--to-url".into(),
    });
    r.password = p.password.map(|pw| crate::settings::Sourced {
        value: crate::settings::Password::Value(pw),
        source: crate::settings::Source::Flag,
        origin: "--to-url".into(),
    });
    let t = Target::from_settings(&r, || Err(exit::usage("--to-url: no password prompt")))?;
    Ok((t, shown))
}

/// The last id of a stream, None when it is empty or missing.
async fn last_id(conn: &mut Keyed, key: &Name) -> anyhow::Result<Option<StreamId>> {
    let v: redis::Value = conn
        .query(&crate::redis::streams::last_entry_cmd(key))
        .await
        .map_err(ConnError::into_runtime)?;
    Ok(super::entry::parse_entries(v)?.first().map(|e| e.id))
}

pub async fn run(ctx: &Ctx, a: &CopyArgs) -> anyhow::Result<ExitStatus> {
    let lo = match &a.from {
        Some(f) => parse_point(f, End::Start, "--from")?,
        None => StreamId::MIN,
    };
    let hi = match &a.to {
        Some(t) => parse_point(t, End::Stop, "--to")?,
        None => StreamId::MAX,
    };
    let filter = Filter {
        event_types: split_types(&a.event_types),
        grep: None,
        wheres: parse_wheres(&a.wheres)?,
    };
    if a.to_url.is_none() && a.src == a.dst {
        return Err(exit::usage(
            "stream copy: SRC and DST are the same stream (give another DST or --to-url)",
        ));
    }
    let target = ctx.target()?;
    let mut src = name::keyed_for(&target, &a.src).await?;
    super::ensure_stream(&mut src, &a.src).await?;
    let (mut dst, to) = match &a.to_url {
        Some(u) => {
            let (t, shown) = other_target(ctx, u, a.to_cluster)?;
            (name::keyed_for(&t, &a.dst).await?, Some(shown))
        }
        None => (name::keyed_for(&target, &a.dst).await?, None),
    };
    // Another type at DST would fail every XADD: refused before any is sent.
    let dst_last = if super::stream_exists(&mut dst, &a.dst).await? {
        last_id(&mut dst, &a.dst).await?
    } else {
        None
    };
    let mut report = CopyReport {
        source: a.src.clone(),
        destination: a.dst.clone(),
        to,
        dry_run: a.dry_run,
        keep_ids: a.keep_ids,
        scanned: 0,
        copied: 0,
        first_id: None,
        last_id: None,
    };
    let mut pager = Pager::new(src, &a.src, lo, hi, false, 1000);
    let mut checked = false;
    loop {
        let page = pager.next_page(None).await?;
        if page.is_empty() {
            break;
        }
        report.scanned += page.len() as u64;
        let kept: Vec<&super::entry::Entry> = page.iter().filter(|e| filter.keeps(e)).collect();
        if kept.is_empty() {
            continue;
        }
        if a.keep_ids && !checked {
            checked = true;
            if let Some(last) = dst_last.filter(|l| *l >= kept[0].id) {
                return Err(exit::usage(format!(
                    "stream copy --keep-ids: {} already ends at {last}, not before the first \
                     entry to copy ({}): copy without --keep-ids, or into an empty stream",
                    a.dst, kept[0].id
                )));
            }
        }
        report
            .first_id
            .get_or_insert_with(|| kept[0].id.to_string());
        report.last_id = kept.last().map(|e| e.id.to_string());
        if !a.dry_run {
            let mut p = redis::pipe();
            for e in &kept {
                let c = p.cmd("XADD").arg(&a.dst);
                if a.keep_ids {
                    c.arg(e.id.to_string());
                } else {
                    c.arg("*");
                }
                for (k, v) in &e.fields {
                    c.arg(k.as_slice()).arg(v.as_slice());
                }
            }
            let replies: Vec<redis::Value> = match &mut dst {
                Keyed::Single(n) => n.pipe(&p).await.map_err(ConnError::into_runtime)?,
                // One slot: the cluster client sends the pipeline to DST's master.
                Keyed::Cluster { conn, .. } => p
                    .query_async(conn)
                    .await
                    .map_err(|e| exit::runtime(format!("{}: {e}", a.dst)))?,
            };
            if let Some(redis::Value::ServerError(e)) = replies
                .iter()
                .find(|v| matches!(v, redis::Value::ServerError(_)))
            {
                return Err(exit::runtime(format!(
                    "{}: {} {}",
                    a.dst,
                    e.code(),
                    e.details().unwrap_or("")
                )));
            }
        }
        report.copied += kept.len() as u64;
    }
    // A range or filter that selects nothing answers 1, as the other queries do (silently
    // under -q, as grep -q).
    ctx.out.emit_outcome(&report, true)?;
    Ok(crate::cmd::problem_if(report.copied == 0))
}
