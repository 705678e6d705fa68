//! `redkit stream tail`: follow new entries of one or more streams until Ctrl-C, `--count`
//! entries, or an `--until-event` type (exit 0 on the first listed type, 1 on the others).

use clap::Args;

use super::entry::{Entry, escape};
use super::filter::{Filter, split_types};
use super::follow::{self, Group, connect_retrying, retryable};
use super::id::{End, StreamId, parse_point};
use super::name::{self, Name};
use super::sink::Sink;
use super::stream_exists;
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::output::Format;
use crate::redis::{ConnError, Keyed};

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
--until-event A,B exits 0 when an A entry arrives and 1 when a B entry does.
A key that does not exist yet is waited for (its first entry is printed); --max-wait DUR
gives up on it after DUR with exit 3.";

#[derive(Debug, Args)]
pub struct TailArgs {
    /// Stream keys (bytes as given: `$'job\xff'` names a key that is not UTF-8)
    #[arg(required = true, value_name = "KEY", value_parser = name::parser())]
    pub keys: Vec<Name>,

    /// Where to start: $, 0, an id, an RFC 3339 time or a duration ago
    #[arg(long, value_name = "$|0|ID|TIME", default_value = "$")]
    pub from: String,

    /// Read through this consumer group
    #[arg(long, value_name = "G", requires = "consumer", value_parser = name::parser())]
    pub group: Option<Name>,

    /// Consumer name within --group
    #[arg(long, value_name = "C", requires = "group", value_parser = name::parser())]
    pub consumer: Option<Name>,

    /// Acknowledge (XACK) each entry once it is printed
    #[arg(long, requires = "group")]
    pub ack: bool,

    /// Exit after N entries
    #[arg(short = 'n', long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// Only print entries of this event type (repeat for several)
    #[arg(long = "event-type", value_name = "TYPE", value_parser = name::parser())]
    pub event_types: Vec<Name>,

    /// Only entries where PATH OP VALUE holds (repeat: all must): data.status=failed,
    /// data.progress>=50, data.error~timeout (a regex), event_type!=task_progress. PATH is a
    /// field, then keys into its JSON; numbers compare as numbers; a missing path matches only !=
    #[arg(long = "where", value_name = "PATH OP VALUE")]
    pub wheres: Vec<String>,

    /// Exit when one of these event types arrives: 0 for the first listed, 1 for the others
    #[arg(long, value_name = "T[,T]", value_delimiter = ',', value_parser = name::parser())]
    pub until_event: Vec<Name>,

    /// Give up (exit 3) when a key that does not exist yet has no entry after DUR
    #[arg(long, value_name = "DUR", value_parser = crate::duration::clap_parse)]
    pub max_wait: Option<std::time::Duration>,
}

/// The last entry's id, or 0-0 for an empty (or missing) stream.
pub async fn last_id(conn: &mut Keyed, key: &Name) -> anyhow::Result<StreamId> {
    let v: redis::Value = conn
        .query(&crate::redis::streams::last_entry_cmd(key))
        .await
        .map_err(ConnError::into_runtime)?;
    Ok(super::entry::parse_entries(v)?
        .first()
        .map_or(StreamId::MIN, |e| e.id))
}

/// The id to read after for `--from`.
pub async fn start_after(conn: &mut Keyed, key: &Name, from: &str) -> anyhow::Result<StreamId> {
    match from.trim() {
        "$" => last_id(conn, key).await,
        "0" | "-" | "0-0" => Ok(StreamId::MIN),
        other => Ok(parse_point(other, End::Start, "--from")?
            .prev()
            .unwrap_or(StreamId::MIN)),
    }
}

/// Whether an entry ends the tail, and with what status.
pub fn until_status(until: &[Vec<u8>], e: &Entry) -> Option<ExitStatus> {
    let t = e.field("event_type")?;
    let i = until.iter().position(|u| u == t)?;
    Some(if i == 0 {
        ExitStatus::Success
    } else {
        ExitStatus::Problem
    })
}

/// `stream tail` prints entries as they arrive, not one report: this marker names its formats.
pub struct TailEntries;

impl crate::output::Formats for TailEntries {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Ndjson, Format::Raw];
}

pub async fn run(ctx: &Ctx, args: &TailArgs) -> anyhow::Result<ExitStatus> {
    let until = split_types(&args.until_event);
    let filter = Filter {
        event_types: split_types(&args.event_types),
        grep: None,
        wheres: super::filter::parse_wheres(&args.wheres)?,
    };
    let target = ctx.target()?;
    let mut conn = name::keyed_for_all(&target, &args.keys).await?;
    let deadline = args.max_wait.map(|d| tokio::time::Instant::now() + d);
    let mut keys = Vec::new();
    // Keys that do not exist yet, by index: waited for until their first entry arrives.
    let mut absent = std::collections::BTreeSet::new();
    for (i, k) in args.keys.iter().enumerate() {
        let exists = stream_exists(&mut conn, k).await?;
        if !exists {
            ctx.out.note(format!(
                "{k}: does not exist yet, waiting for its first entry"
            ));
            absent.insert(i);
        }
        let after = match &args.group {
            Some(_) => StreamId::MIN,
            None if !exists => StreamId::MIN,
            None => start_after(&mut conn, k, &args.from).await?,
        };
        keys.push((k.clone(), after));
    }
    // A group lives on its stream: wait for the stream, then the group must be there, checked
    // before anything is printed.
    if let Some(g) = &args.group {
        for &i in &absent {
            let k = &args.keys[i];
            let mut delay = std::time::Duration::from_millis(50);
            while !stream_exists(&mut conn, k).await? {
                if deadline.is_some_and(|d| tokio::time::Instant::now() + delay > d) {
                    return Err(gave_up(k, args.max_wait));
                }
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(std::time::Duration::from_secs(1));
            }
        }
        absent.clear();
        for k in &args.keys {
            ensure_group(&mut conn, k, g).await?;
        }
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
    let names: Vec<Name> = keys.iter().map(|(k, _)| k.clone()).collect();
    let mut rx = follow::spawn(
        &target,
        &ctx.out,
        keys,
        group,
        args.count.filter(|_| filter.is_empty()),
    );
    let mut sink = Sink::new(&ctx.out);
    // The header shows at once when every key exists; while one is awaited it comes with the
    // first entry, so a wait that gives up prints its error alone.
    if ctx.out.format == Format::Table && !ctx.out.quiet && absent.is_empty() {
        sink.header()?;
    }
    let mut acker = args.ack.then_some(conn);
    // With --group --ack only what is printed is acknowledged: entries the filter hides stay
    // pending with the consumer (the group has not processed them), and are counted.
    let mut held = 0u64;
    loop {
        let batch = match deadline.filter(|_| !absent.is_empty()) {
            Some(d) => match tokio::time::timeout_at(d, rx.recv()).await {
                Ok(b) => b,
                Err(_) => {
                    let first = absent.iter().next().map(|&i| args.keys[i].clone());
                    return Err(gave_up(&first.unwrap_or_default(), args.max_wait));
                }
            },
            None => rx.recv().await,
        };
        let Some(batch) = batch else { break };
        let (i, entries) = batch?;
        absent.remove(&i);
        let key = &names[i];
        let mut handled = Vec::new();
        let mut stop = None;
        for e in &entries {
            if filter.keeps(e) {
                handled.push(e.id);
                sink.entry(key.as_bytes(), e)?;
            } else {
                held += 1;
            }
            if let Some(s) = until_status(&until, e) {
                ctx.out.note(format!(
                    "{}: {} at {}",
                    key,
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
            if held > 0
                && acker.is_some()
                && let Some(g) = &args.group
            {
                ctx.out.note(format!(
                    "{} delivered to group {g} and not shown (filtered) stay pending, not \
                     acknowledged",
                    crate::ops::units::count(held, "entry", "entries")
                ));
            }
            return Ok(s);
        }
    }
    Err(exit::runtime("the stream readers stopped"))
}

/// The error for a key that did not appear within --max-wait (exit 3).
fn gave_up(key: &Name, max_wait: Option<std::time::Duration>) -> anyhow::Error {
    exit::runtime(format!(
        "{}: no such stream after waiting --max-wait {}",
        key,
        crate::duration::format(max_wait.unwrap_or_default())
    ))
}

/// Fails with exit 1, and the XGROUP CREATE to run, when the group does not exist.
pub async fn ensure_group(conn: &mut Keyed, key: &Name, group: &Name) -> anyhow::Result<()> {
    let v: redis::Value = conn
        .query(redis::cmd("XINFO").arg("GROUPS").arg(key))
        .await
        .map_err(ConnError::into_runtime)?;
    let found = crate::redis::streams::groups(v)?
        .iter()
        .any(|g| g.name == group.as_bytes());
    if found {
        Ok(())
    } else {
        Err(exit::problem(format!(
            "{key}: no consumer group '{group}' (create it with: redkit stream group create {key} {group})"
        )))
    }
}

/// XACK the handled ids, reconnecting once if the connection was lost meanwhile.
async fn ack(
    conn: &mut Keyed,
    target: &crate::redis::Target,
    ctx: &Ctx,
    key: &Name,
    group: &Name,
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
