//! `redkit stream read`: a range of entries, paged with XRANGE/XREVRANGE COUNT. The next page
//! is requested as soon as the current one arrives, so Redis works while we write, and at most
//! two pages are held whatever the stream's length.

use clap::Args;
use tokio::task::JoinHandle;

use super::entry::{Entry, parse_entries};
use super::filter::{Filter, split_types};
use super::id::{End, StreamId, parse_ago, parse_point};
use super::name::{self, Name};
use super::sink::Sink;
use super::{ensure_stream, fast};
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::output::Format;
use crate::redis::{ConnError, Keyed};

pub const EXAMPLES: &str = "\
Examples:
  redkit stream read job_events:42
  redkit stream read job_events:42 --since 10m --event-type task_failed
  redkit stream read job_events:42 --from 2026-01-31T12:00:00Z --to 2026-01-31T13:00:00Z
  redkit stream read job_events:42 --reverse --count 5        the last five entries
  redkit stream read job_events:42 --grep 'timeout' --format ndjson | jq .data
  redkit stream read job_events:42 --format raw               fields as stored

--from/--to take an id (1700000000000-0), an RFC 3339 time or a duration ago (10m).
Exit 1 when the range or the filters select nothing (as grep, also under -q); the note names
the filter and how many entries it looked at.";

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Stream key (bytes as given: `$'job\xff'` names a key that is not UTF-8)
    #[arg(id = "stream_key", value_name = "KEY", value_parser = name::parser())]
    pub key: Name,

    /// First entry: id, RFC 3339 time or duration ago [default: the first]
    #[arg(long, value_name = "ID|TIME", conflicts_with = "since")]
    pub from: Option<String>,

    /// Last entry: id, RFC 3339 time or duration ago [default: the last]
    #[arg(long, value_name = "ID|TIME")]
    pub to: Option<String>,

    /// Only entries of the last DUR: 30s, 10m, 2h, 7d (same as --from DUR; a bare number is refused)
    #[arg(long, value_name = "DUR")]
    pub since: Option<String>,

    /// Print at most N entries (after filters)
    #[arg(short = 'n', long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// Newest first
    #[arg(long)]
    pub reverse: bool,

    /// Only entries of this event type (repeat for several)
    #[arg(long = "event-type", value_name = "TYPE", value_parser = name::parser())]
    pub event_types: Vec<Name>,

    /// Only entries with TEXT in a field name or value (bytes, as the shell passes them)
    #[arg(long, value_name = "TEXT", value_parser = name::parser())]
    pub grep: Option<Name>,

    /// Only entries where PATH OP VALUE holds (repeat: all must): data.status=failed,
    /// data.progress>=50, data.error~timeout (a regex), event_type!=task_progress. PATH is a
    /// field, then keys into its JSON; numbers compare as numbers; a missing path matches only !=
    #[arg(long = "where", value_name = "PATH OP VALUE")]
    pub wheres: Vec<String>,

    /// Entries fetched per XRANGE call
    #[arg(long, value_name = "N", default_value_t = 2000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub page_size: u64,
}

/// A range of one stream, read page by page with the next page always in flight.
pub struct Pager {
    conn: Keyed,
    key: Name,
    lo: StreamId,
    hi: StreamId,
    reverse: bool,
    page: u64,
    pending: Option<JoinHandle<anyhow::Result<Vec<Entry>>>>,
    done: bool,
}

impl Pager {
    pub fn new(
        conn: Keyed,
        key: &Name,
        lo: StreamId,
        hi: StreamId,
        reverse: bool,
        page: u64,
    ) -> Pager {
        Pager {
            conn,
            key: key.clone(),
            lo,
            hi,
            reverse,
            page,
            pending: None,
            done: lo > hi,
        }
    }

    fn request(&mut self, count: u64) {
        let mut cmd = redis::cmd(if self.reverse { "XREVRANGE" } else { "XRANGE" });
        cmd.arg(&self.key);
        let (a, b) = if self.reverse {
            (self.hi, self.lo)
        } else {
            (self.lo, self.hi)
        };
        cmd.arg(a.to_string())
            .arg(b.to_string())
            .arg("COUNT")
            .arg(count);
        let mut conn = self.conn.clone();
        self.pending = Some(tokio::spawn(async move {
            let v: redis::Value = conn.query(&cmd).await.map_err(ConnError::into_runtime)?;
            Ok(parse_entries(v)?)
        }));
    }

    /// The next page (empty at the end). `want` caps the page when the caller needs fewer.
    pub async fn next_page(&mut self, want: Option<u64>) -> anyhow::Result<Vec<Entry>> {
        if self.done {
            return Ok(Vec::new());
        }
        let size = want.map_or(self.page, |w| w.clamp(1, self.page));
        if self.pending.is_none() {
            self.request(size);
        }
        let Some(handle) = self.pending.take() else {
            return Ok(Vec::new());
        };
        let entries = handle
            .await
            .map_err(|e| exit::runtime(format!("reading {}: {e}", self.key)))??;
        if (entries.len() as u64) < size {
            self.done = true;
        }
        if let Some(last) = entries.last() {
            let moved = if self.reverse {
                last.id.prev().map(|p| self.hi = p)
            } else {
                last.id.next().map(|n| self.lo = n)
            };
            if moved.is_none() || self.lo > self.hi {
                self.done = true;
            }
        }
        if !self.done {
            self.request(size);
        }
        Ok(entries)
    }
}

pub fn range_of(args: &ReadArgs) -> anyhow::Result<(StreamId, StreamId)> {
    let lo = match (&args.from, &args.since) {
        (Some(f), _) => parse_point(f, End::Start, "--from")?,
        (None, Some(s)) => parse_ago(s, "--since")?,
        (None, None) => StreamId::MIN,
    };
    let hi = match &args.to {
        Some(t) => parse_point(t, End::Stop, "--to")?,
        None => StreamId::MAX,
    };
    Ok((lo, hi))
}

/// `stream read` prints entries as they are read, not one report: this marker names its formats.
pub struct ReadEntries;

impl crate::output::Formats for ReadEntries {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json, Format::Ndjson, Format::Raw];
}

pub async fn run(ctx: &Ctx, args: &ReadArgs) -> anyhow::Result<ExitStatus> {
    let (lo, hi) = range_of(args)?;
    let filter = Filter {
        event_types: split_types(&args.event_types),
        grep: args.grep.as_ref().map(|g| g.as_bytes().to_vec()),
        wheres: super::filter::parse_wheres(&args.wheres)?,
    };
    let target = ctx.target()?;
    let mut conn = name::keyed_for(&target, &args.key).await?;
    ensure_stream(&mut conn, &args.key).await?;
    let mut sink = Sink::new(&ctx.out);
    if ctx.out.format.is_machine()
        && let Some(mut raw) = fast::open(&target, args.key.as_bytes()).await
    {
        fast::export(
            &mut raw,
            args.key.as_bytes(),
            lo,
            hi,
            args.reverse,
            args.page_size,
            &filter,
            args.count,
            &mut sink,
        )
        .await?;
        sink.finish()?;
        return Ok(found_or_not(ctx, &args.key, &filter, &sink, lo, hi));
    }
    // A bar only while the entries go elsewhere (a file): on the terminal they are the
    // progress. Its total is the stream's length, or --count when that is smaller.
    let bar = if ctx.out.ui.stdout_tty {
        crate::output::progress::hidden()
    } else {
        let len: Option<u64> = if lo == StreamId::MIN && hi == StreamId::MAX {
            conn.query(redis::cmd("XLEN").arg(&args.key)).await.ok()
        } else {
            None
        };
        let total = match (len, args.count) {
            (Some(l), Some(c)) => Some(l.min(c)),
            (l, c) => l.or(c),
        };
        crate::output::progress::bar(
            &ctx.out,
            total,
            "{spinner} [{bar:30}] {pos}/{len} entries {percent}% {per_sec} eta {eta}",
        )
    };
    let mut pager = Pager::new(conn, &args.key, lo, hi, args.reverse, args.page_size);
    let key = args.key.as_bytes();
    'pages: loop {
        let want = match (filter.is_empty(), args.count) {
            (true, Some(c)) => Some(c - sink.written()),
            _ => None,
        };
        let page = pager.next_page(want).await?;
        if page.is_empty() {
            break;
        }
        for e in &page {
            if args.count.is_some_and(|c| sink.written() >= c) {
                break 'pages;
            }
            sink.saw();
            if filter.keeps(e) {
                sink.entry(key, e)?;
            }
        }
        bar.set_position(sink.seen());
        if args.count.is_some_and(|c| sink.written() >= c) {
            break;
        }
    }
    drop(bar);
    sink.finish()?;
    Ok(found_or_not(ctx, &args.key, &filter, &sink, lo, hi))
}

/// Exit 0 when something was printed; otherwise 1 (as grep), with a note naming what matched
/// nothing: the range, or the filter among the entries the range had.
fn found_or_not(
    ctx: &Ctx,
    key: &Name,
    filter: &Filter,
    sink: &Sink,
    lo: StreamId,
    hi: StreamId,
) -> ExitStatus {
    if sink.written() > 0 {
        return ExitStatus::Success;
    }
    let whole = lo == StreamId::MIN && hi == StreamId::MAX;
    let msg = match (sink.seen(), whole) {
        (0, true) => format!("{key}: the stream has no entries"),
        (0, false) => format!("{key}: no entries in that range"),
        (n, _) => format!(
            "{key}: {} among {}{}",
            filter.describe_miss(),
            crate::ops::units::count(n, "entry", "entries"),
            if whole { "" } else { " in that range" }
        ),
    };
    ctx.out.note(msg);
    ExitStatus::Problem
}
