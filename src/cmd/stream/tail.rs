//! `redkit stream tail`: follow new entries of one or more streams until Ctrl-C, `--count`
//! entries, or an `--until-event` type (exit 0 on the first listed type, 1 on the others).

use clap::Args;

use super::ensure_stream;
use super::entry::{Entry, escape};
use super::follow::{self, Group, connect_retrying, retryable};
use super::id::{End, StreamId, parse_point};
use super::read::Filter;
use super::sink::Sink;
use crate::cli::Format;
use crate::cmd::Ctx;
use crate::connect::{ConnError, Keyed};
use crate::exit::{self, ExitStatus};
use crate::output::escape::escape_str;

pub const EXAMPLES: &str = "\
Examples:
  redkit stream tail job_events:42
  redkit stream tail job_events:42 --from 0 --until-event task_completed,task_failed
  redkit stream tail job_events:42 --from 5m --format ndjson
  redkit stream tail job_events:42 --group audit --consumer ops-1 --ack

--from: $ (only new entries, the default), 0 (everything), an id, an RFC 3339 time or a
duration ago (10m). With --group, new entries come through XREADGROUP and --from 0 first
re-delivers this consumer's pending entries. After a dropped connection or a server restart
the tail reconnects and resumes after the last entry it printed.
--until-event A,B exits 0 when an A entry arrives and 1 when a B entry does.";

#[derive(Debug, Args)]
pub struct TailArgs {
    /// Stream keys
    #[arg(required = true, value_name = "KEY")]
    pub keys: Vec<String>,

    /// Where to start: $, 0, an id, an RFC 3339 time or a duration ago
    #[arg(long, value_name = "$|0|ID|TIME", default_value = "$")]
    pub from: String,

    /// Read through this consumer group
    #[arg(long, value_name = "G", requires = "consumer")]
    pub group: Option<String>,

    /// Consumer name within --group
    #[arg(long, value_name = "C", requires = "group")]
    pub consumer: Option<String>,

    /// Acknowledge (XACK) each entry once it is printed
    #[arg(long, requires = "group")]
    pub ack: bool,

    /// Exit after N entries
    #[arg(short = 'n', long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// Only print entries of this event type (repeat for several)
    #[arg(long = "event-type", value_name = "TYPE")]
    pub event_types: Vec<String>,

    /// Exit when one of these event types arrives: 0 for the first listed, 1 for the others
    #[arg(long, value_name = "T[,T]", value_delimiter = ',')]
    pub until_event: Vec<String>,
}

/// Event types from repeated and comma-separated flags.
pub fn split_types(v: &[String]) -> Vec<String> {
    v.iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The last entry's id, or 0-0 for an empty (or missing) stream.
pub async fn last_id(conn: &mut Keyed, key: &str) -> anyhow::Result<StreamId> {
    let v: redis::Value = conn
        .query(
            redis::cmd("XREVRANGE")
                .arg(key)
                .arg("+")
                .arg("-")
                .arg("COUNT")
                .arg(1),
        )
        .await
        .map_err(ConnError::into_runtime)?;
    Ok(super::entry::parse_entries(v)?
        .first()
        .map_or(StreamId::MIN, |e| e.id))
}

/// The id to read after for `--from`.
pub async fn start_after(conn: &mut Keyed, key: &str, from: &str) -> anyhow::Result<StreamId> {
    match from.trim() {
        "$" => last_id(conn, key).await,
        "0" | "-" | "0-0" => Ok(StreamId::MIN),
        other => Ok(parse_point(other, End::Start, "--from")?
            .prev()
            .unwrap_or(StreamId::MIN)),
    }
}

/// Whether an entry ends the tail, and with what status.
pub fn until_status(until: &[String], e: &Entry) -> Option<ExitStatus> {
    let t = e.event_type()?;
    let i = until.iter().position(|u| u == t)?;
    Some(if i == 0 {
        ExitStatus::Success
    } else {
        ExitStatus::Problem
    })
}

pub async fn run(ctx: &Ctx, args: &TailArgs) -> anyhow::Result<ExitStatus> {
    ctx.out
        .require("stream tail", &[Format::Table, Format::Ndjson, Format::Raw])?;
    let until = split_types(&args.until_event);
    let filter = Filter {
        event_types: split_types(&args.event_types),
        grep: None,
    };
    let target = ctx.target()?;
    let mut conn = target.keyed().await?;
    let mut keys = Vec::new();
    for k in &args.keys {
        ensure_stream(&mut conn, k).await?;
        let after = match &args.group {
            Some(_) => StreamId::MIN,
            None => start_after(&mut conn, k, &args.from).await?,
        };
        keys.push((k.clone(), after));
    }
    let group = match (&args.group, &args.consumer) {
        (Some(g), Some(c)) => Some(Group {
            group: g.clone(),
            consumer: c.clone(),
            history_after: (args.from != "$")
                .then(|| parse_point(&args.from, End::Start, "--from"))
                .transpose()?
                .map(|p| p.prev().unwrap_or(StreamId::MIN)),
        }),
        _ => None,
    };
    let names: Vec<String> = keys.iter().map(|(k, _)| k.clone()).collect();
    let mut rx = follow::spawn(
        &target,
        &ctx.out,
        keys,
        group,
        args.count.filter(|_| filter.is_empty()),
    );
    let mut sink = Sink::new(&ctx.out);
    if ctx.out.format == Format::Table && !ctx.out.quiet {
        sink.header()?;
    }
    let mut acker = args.ack.then_some(conn);
    while let Some(batch) = rx.recv().await {
        let (i, entries) = batch?;
        let key = &names[i];
        let mut handled = Vec::new();
        let mut stop = None;
        for e in &entries {
            handled.push(e.id);
            if filter.keeps(e) {
                sink.entry(key.as_bytes(), e)?;
            }
            if let Some(s) = until_status(&until, e) {
                ctx.out.note(format!(
                    "{}: {} at {}",
                    escape_str(key),
                    e.field("event_type").map(escape).unwrap_or_default(),
                    e.id
                ));
                stop = Some(s);
                break;
            }
            if args.count.is_some_and(|c| sink.written() >= c) {
                stop = Some(ExitStatus::Success);
                break;
            }
        }
        sink.flush()?;
        if let (Some(a), Some(g)) = (acker.as_mut(), &args.group) {
            ack(a, &target, ctx, key, g, &handled).await?;
        }
        if let Some(s) = stop {
            return Ok(s);
        }
    }
    Err(exit::runtime("the stream readers stopped"))
}

/// XACK the handled ids, reconnecting once if the connection was lost meanwhile.
async fn ack(
    conn: &mut Keyed,
    target: &crate::connect::Target,
    ctx: &Ctx,
    key: &str,
    group: &str,
    ids: &[StreamId],
) -> anyhow::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut cmd = redis::cmd("XACK");
    cmd.arg(key).arg(group);
    for id in ids {
        cmd.arg(id.to_string());
    }
    for _ in 0..3 {
        match conn.query::<i64>(&cmd).await {
            Ok(_) => return Ok(()),
            Err(e) if retryable(&e) => {
                *conn = connect_retrying(target, &ctx.out, key).await?;
            }
            Err(e) => return Err(e.into_runtime()),
        }
    }
    Err(exit::runtime(format!(
        "{key}: could not acknowledge entries"
    )))
}
