//! `redkit stream list`: every stream key matching a glob (SCAN ... TYPE stream on each
//! master), with XINFO STREAM's length, first/last entry and groups, newest activity first.
//! Each SCAN batch's XINFO replies are read in place on a raw connection (one pipelined round
//! per batch, as `stream jobs`), while the next SCAN goes out.

use std::io::{self, Write};

use crate::output::Cell;
use clap::Args;
use serde::Serialize;

use super::entry::rfc3339_ms;
use super::id::StreamId;
use super::name::Name;
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::ops::natural::{self, Natural};
use crate::ops::scan::{KeyType, scan_typed};
use crate::output::escape::escape_str;
use crate::output::{Render, Ui};
use crate::redis::streams::StreamInfo;
use crate::redis::{ConnError, Node};

pub const EXAMPLES: &str = "\
Examples:
  redkit stream list
  redkit stream list --match 'job_events:2026*' --limit 20
  redkit stream list --cluster -u redis://10.0.0.1:7000 --format json | jq '.streams[].stream'

The default --match comes from streams.match in the config (job_events:*).";

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Key glob [default: streams.match from the config, job_events:*]
    #[arg(long = "match", value_name = "GLOB", value_parser = super::name::parser())]
    pub pattern: Option<Name>,

    /// Show only the N most recently active streams
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct ListReport {
    pub pattern: Name,
    pub total: usize,
    pub streams: Vec<StreamSummary>,
    /// Cluster masters (and slots) that could not be listed.
    pub unreached: Vec<crate::redis::Unreached>,
}

#[derive(Debug, Serialize)]
pub struct StreamSummary {
    pub stream: Name,
    pub node: String,
    pub length: i64,
    pub groups: i64,
    pub first_id: Option<String>,
    pub first_time: Option<String>,
    pub last_id: Option<String>,
    pub last_time: Option<String>,
    pub last_generated_id: String,
    /// The worst lag in seconds over the stream's groups (age of the oldest entry a group has
    /// not been delivered); null without groups.
    pub group_lag_seconds: Option<f64>,
    /// The oldest pending entry's age in seconds over the groups; null when none is pending.
    pub oldest_pending_seconds: Option<f64>,
    #[serde(skip)]
    activity: StreamId,
    /// Which master holds it (to ask for its groups' lag once it is shown).
    #[serde(skip)]
    node_index: usize,
}

impl crate::output::Formats for ListReport {}

impl Render for ListReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        for u in &self.unreached {
            writeln!(w, "not reached: {u}")?;
        }
        if self.streams.is_empty() {
            return writeln!(w, "no streams match {}", self.pattern);
        }
        let mut t = ui.table();
        // The lag columns only when some shown stream has groups.
        let with_lag = self.streams.iter().any(|s| s.group_lag_seconds.is_some());
        let mut header = vec![
            "stream".to_string(),
            "length".into(),
            "groups".into(),
            crate::output::time::header("first"),
            "last".into(),
            "last id".into(),
        ];
        if with_lag {
            header.extend(["group lag".to_string(), "oldest pending".into()]);
        }
        t.set_header(header);
        let now = crate::output::time::now_ms();
        for s in &self.streams {
            let when = |id: &Option<String>| {
                id.as_deref()
                    .and_then(|i| StreamId::parse(i.as_bytes()))
                    .map_or("-".into(), |i| {
                        crate::output::time::compact_in(i.ms, now, &chrono::Local)
                    })
            };
            let mut row = vec![
                Cell::new(&s.stream),
                Cell::new(s.length),
                Cell::new(s.groups),
                Cell::new(when(&s.first_id)),
                Cell::new(when(&s.last_id)),
                Cell::new(escape_str(&s.last_generated_id)),
            ];
            if with_lag {
                row.push(Cell::new(super::lag::show(s.group_lag_seconds)));
                row.push(Cell::new(super::lag::show(s.oldest_pending_seconds)));
            }
            t.add_row(row);
        }
        writeln!(w, "{t}")?;
        if self.total > self.streams.len() {
            writeln!(
                w,
                "({} of {} shown)",
                self.streams.len(),
                crate::output::number::plural(self.total as u64, "stream")
            )?;
        }
        Ok(())
    }

    fn ndjson_items(&self) -> Vec<serde_json::Value> {
        self.streams
            .iter()
            .filter_map(|s| serde_json::to_value(s).ok())
            .collect()
    }
}

/// One stream's row from its XINFO STREAM facts.
fn summary(stream: Name, node: &str, node_index: usize, info: StreamInfo) -> StreamSummary {
    let time = |id: &Option<String>| {
        id.as_deref()
            .and_then(|i| StreamId::parse(i.as_bytes()))
            .map(|i| String::from_utf8_lossy(&rfc3339_ms(i.ms)).into_owned())
    };
    let last_generated_id = info.last_generated_id.unwrap_or_default();
    StreamSummary {
        node: node.to_string(),
        length: info.length.unwrap_or(0),
        groups: info.groups.unwrap_or(0),
        first_time: time(&info.first_id),
        last_time: time(&info.last_id),
        activity: StreamId::parse(last_generated_id.as_bytes()).unwrap_or_default(),
        first_id: info.first_id,
        last_id: info.last_id,
        last_generated_id,
        stream,
        group_lag_seconds: None,
        oldest_pending_seconds: None,
        node_index,
    }
}

/// The rank of a stream in the listing: most recent activity first, then by name.
type Rank = (std::cmp::Reverse<StreamId>, Natural);

/// Where the summaries go as the scan finds them: all kept (to sort), the top N, or written
/// straight out as ndjson (no sort asked: memory flat).
enum Collect {
    All(Vec<StreamSummary>),
    Top(super::top::TopN<Rank, StreamSummary>),
    Stream(Box<dyn Write>),
}

impl Collect {
    fn add(&mut self, s: StreamSummary) -> anyhow::Result<()> {
        match self {
            Collect::All(v) => v.push(s),
            Collect::Top(t) => t.push(
                (
                    std::cmp::Reverse(s.activity),
                    Natural(s.stream.as_bytes().into()),
                ),
                s,
            ),
            Collect::Stream(w) => {
                serde_json::to_writer(&mut *w, &s)?;
                w.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    /// Whether rows leave as they come (their lag is asked for with their batch).
    fn streams(&self) -> bool {
        matches!(self, Collect::Stream(_))
    }
}

/// The worst lag over the groups of each stream of `rows` that has groups (and, with
/// `master`, is on that master), in the two pipelined rounds of `lag::batch_worst_lag` per
/// thousand such streams.
async fn fill_lags(
    rows: &mut [StreamSummary],
    master: Option<usize>,
    node: &mut Node,
    now: u64,
) -> anyhow::Result<()> {
    let at: Vec<usize> = (0..rows.len())
        .filter(|&j| rows[j].groups > 0 && master.is_none_or(|m| rows[j].node_index == m))
        .collect();
    for part in at.chunks(1000) {
        let keys: Vec<Name> = part.iter().map(|&j| rows[j].stream.clone()).collect();
        let lags = super::lag::batch_worst_lag(node, &keys, now).await?;
        for (&j, l) in part.iter().zip(lags) {
            if let Some(l) = l {
                rows[j].group_lag_seconds = Some(l.lag_seconds);
                rows[j].oldest_pending_seconds = l.oldest_pending_seconds;
            }
        }
    }
    Ok(())
}

/// SCAN batches whose XINFO pipelines may be outstanding at once.
const BATCHES_IN_FLIGHT: usize = 3;

type Rows = anyhow::Result<Vec<StreamSummary>>;

async fn joined(h: tokio::task::JoinHandle<Rows>) -> Rows {
    h.await
        .map_err(|e| exit::runtime(format!("reading streams: {e}")))?
}

/// Where a batch was scanned: the master's address and index, and whether its rows need
/// their lag now (ndjson as it goes) or only once the shown ones are known.
#[derive(Clone)]
struct Origin {
    addr: String,
    index: usize,
    lag_now: bool,
    now: u64,
}

/// The rows of one SCAN batch: XINFO STREAM of each key in one pipelined round (read in place
/// on a raw connection from `pool`, else through redis-rs), and with `lag_now` the lag of
/// those with groups.
async fn rows(mut n: Node, pool: Option<super::fast::Pool>, keys: Vec<Name>, o: Origin) -> Rows {
    let mut out = Vec::with_capacity(keys.len());
    match &pool {
        Some(pool) => {
            let mut c = pool.take().await?;
            let infos = super::fast::stream_infos(&mut c, &keys).await?;
            pool.put(c);
            for (k, info) in keys.into_iter().zip(infos) {
                match info {
                    Ok(info) => out.push(summary(k, &o.addr, o.index, info)),
                    // A key deleted or replaced since the SCAN is skipped; any other failure
                    // (an ACL refusal) ends the listing, so it never reports streams missing.
                    Err(e) => {
                        if still_a_stream(&mut n, &k).await? {
                            let e = crate::output::escape::escape_str(&e);
                            return Err(exit::runtime(format!("{}: {k}: {e}", o.addr)));
                        }
                    }
                }
            }
        }
        None => {
            for (k, info) in infos(n.clone(), keys).await? {
                let info =
                    StreamInfo::decode(info).map_err(|e| exit::runtime(format!("{k}: {e}")))?;
                out.push(summary(k, &o.addr, o.index, info));
            }
        }
    }
    if o.lag_now {
        fill_lags(&mut out, None, &mut n, o.now).await?;
    }
    Ok(out)
}

/// Whether `key` is (still) a stream: an XINFO that failed on one is a real failure.
async fn still_a_stream(n: &mut Node, key: &Name) -> anyhow::Result<bool> {
    let kind: String = n
        .query(redis::cmd("TYPE").arg(key))
        .await
        .map_err(ConnError::into_runtime)?;
    Ok(kind == "stream")
}

/// XINFO STREAM of each key of a batch, in one pipeline; keys deleted or replaced since the
/// SCAN are left out.
async fn infos(mut n: Node, keys: Vec<Name>) -> anyhow::Result<Vec<(Name, redis::Value)>> {
    let mut p = redis::pipe();
    for k in &keys {
        p.cmd("XINFO").arg("STREAM").arg(k);
    }
    match n.pipe::<Vec<redis::Value>>(&p).await {
        Ok(infos) => Ok(keys.into_iter().zip(infos).collect()),
        // An error reply fails the batch: ask one by one. A key deleted or replaced since
        // the SCAN is skipped; any other failure (a timeout, an ACL refusal) ends the
        // listing, so it never reports streams missing.
        Err(e) if e.code().is_none() => Err(e.into_runtime()),
        Err(_) => {
            let mut out = Vec::with_capacity(keys.len());
            for k in keys {
                match n
                    .query::<redis::Value>(redis::cmd("XINFO").arg("STREAM").arg(&k))
                    .await
                {
                    Ok(info) => out.push((k, info)),
                    Err(e) => {
                        if still_a_stream(&mut n, &k).await? {
                            return Err(exit::runtime(format!("{k}: {e}")));
                        }
                    }
                }
            }
            Ok(out)
        }
    }
}

pub async fn run(ctx: &Ctx, args: &ListArgs) -> anyhow::Result<ExitStatus> {
    let pattern = args
        .pattern
        .clone()
        .unwrap_or_else(|| Name::from(ctx.settings.stream_match.value.as_str()));
    let target = ctx.target()?;
    let now = super::id::now_ms();
    let masters = target.masters().await?;
    let nodes: Vec<Node> = masters.nodes.clone();
    let mut out = match args.limit {
        Some(n) => Collect::Top(super::top::TopN::new(n)),
        None if ctx.out.format == crate::output::Format::Ndjson && !ctx.out.quiet => {
            Collect::Stream(Box::new(io::BufWriter::with_capacity(
                256 * 1024,
                io::stdout(),
            )))
        }
        None => Collect::All(Vec::new()),
    };
    let mut total = 0usize;
    let mut in_flight: std::collections::VecDeque<tokio::task::JoinHandle<Rows>> =
        std::collections::VecDeque::new();
    for (i, mut node) in masters.nodes.into_iter().enumerate() {
        let origin = Origin {
            addr: node.addr.clone(),
            index: i,
            lag_now: out.streams(),
            now,
        };
        // XINFO replies are read in place on raw connections to this master (one per batch
        // in flight), as `stream jobs` reads its entries.
        let pool = super::fast::Pool::open(&target, &node.endpoint).await;
        scan_typed(
            &mut node,
            pattern.as_bytes(),
            KeyType::Stream,
            async |n: &mut Node, keys: Vec<Name>| {
                // Each batch's XINFO pipeline runs (and is decoded) in a task of its own while
                // the next SCAN goes out, as `stream jobs` does: a few batches in flight.
                in_flight.push_back(tokio::spawn(rows(
                    n.clone(),
                    pool.clone(),
                    keys,
                    origin.clone(),
                )));
                if in_flight.len() >= BATCHES_IN_FLIGHT
                    && let Some(h) = in_flight.pop_front()
                {
                    for s in joined(h).await? {
                        total += 1;
                        out.add(s)?;
                    }
                }
                Ok(())
            },
        )
        .await?;
        while let Some(h) = in_flight.pop_front() {
            for s in joined(h).await? {
                total += 1;
                out.add(s)?;
            }
        }
    }
    let none = total == 0;
    let mut streams = match out {
        Collect::Stream(mut w) => {
            w.flush()?;
            drop(w);
            for u in &masters.unreached {
                ctx.out.problem(format!("not reached: {u}"));
            }
            if let Some(e) = crate::redis::unreached_error(&masters.unreached) {
                return Err(e);
            }
            return Ok(if none {
                ExitStatus::Problem
            } else {
                ExitStatus::Success
            });
        }
        Collect::Top(t) => t.into_sorted(),
        Collect::All(mut v) => {
            v.sort_by(|a, b| {
                b.activity
                    .cmp(&a.activity)
                    .then_with(|| natural::compare(a.stream.as_bytes(), b.stream.as_bytes()))
            });
            v
        }
    };
    // The lag of the shown streams only (a listing of millions asks for few), per master.
    for (i, node) in nodes.iter().enumerate() {
        fill_lags(&mut streams, Some(i), &mut node.clone(), now).await?;
    }
    // Under -q a full listing prints nothing; one with unreached masters prints them.
    ctx.out.emit_outcome(
        &ListReport {
            pattern: pattern.clone(),
            total,
            streams,
            unreached: masters.unreached.clone(),
        },
        masters.unreached.is_empty(),
    )?;
    if let Some(e) = crate::redis::unreached_error(&masters.unreached) {
        return Err(e);
    }
    // A glob that matches no stream answers 1, as grep does (under -q too, silently).
    Ok(if none {
        ExitStatus::Problem
    } else {
        ExitStatus::Success
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(name: &str, length: i64) -> StreamSummary {
        StreamSummary {
            stream: name.into(),
            node: "127.0.0.1:6379".into(),
            length,
            groups: 2,
            first_id: None,
            first_time: None,
            last_id: None,
            last_time: None,
            last_generated_id: "1700000000000-3".into(),
            group_lag_seconds: None,
            oldest_pending_seconds: None,
            activity: StreamId { ms: 0, seq: 0 },
            node_index: 0,
        }
    }

    #[test]
    fn table_has_a_row_per_stream_and_says_when_some_are_hidden() {
        let r = ListReport {
            pattern: "job_events:*".into(),
            total: 3,
            streams: vec![stream("job_events:a", 10), stream("job_events:b\x07", 0)],
            unreached: vec![],
        };
        let text = crate::cmd::table_of(&r);
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        assert!(
            lines[0].starts_with("stream") && lines[0].ends_with("last id"),
            "{text}"
        );
        let a: Vec<&str> = lines[1].split_whitespace().collect();
        assert_eq!(
            a,
            ["job_events:a", "10", "2", "-", "-", "1700000000000-3"],
            "{text}"
        );
        // A key's bytes reach the terminal escaped.
        assert!(
            lines[2].starts_with("job_events:b\\x07") && !text.contains('\x07'),
            "{text}"
        );
        assert_eq!(lines.last(), Some(&"(2 of 3 streams shown)"));
    }

    #[test]
    fn table_without_streams_names_the_glob() {
        let r = ListReport {
            pattern: "nothing:*".into(),
            total: 0,
            streams: vec![],
            unreached: vec![crate::redis::Unreached {
                addr: "10.0.0.2:7000".into(),
                slots: "0-5460".into(),
                reason: "refused".into(),
            }],
        };
        assert_eq!(
            crate::cmd::table_of(&r),
            "not reached: 10.0.0.2:7000 (slots 0-5460): refused\nno streams match nothing:*\n"
        );
    }
}
