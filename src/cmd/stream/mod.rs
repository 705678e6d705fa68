//! `redkit stream`: the application's Redis Streams (`job_events:{job_id}`) for people and
//! scripts: list, info, read, tail, job, pending, trim, on one server or a cluster.

pub mod claim;
pub mod cond;
pub mod copy;
pub mod dlq;
pub mod entry;
pub mod fast;
pub mod filter;
pub mod follow;
pub mod group;
pub mod hold;
pub mod id;
pub mod info;
pub mod job;
pub mod jobs;
pub mod lag;
pub mod list;
pub mod name;
pub mod pending;
pub mod read;
pub mod requeue;
pub mod retention;
pub mod script;
pub mod sink;
pub mod tail;
pub mod top;
pub mod trim;

use clap::{Args, Subcommand};

use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::redis::{ConnError, Keyed};

pub const EXAMPLES: &str = "\
Examples:
  redkit stream list                                   every job_events:* stream, newest first
  redkit stream read job_events:42 --since 10m
  redkit stream read job_events:42 --format ndjson > events.ndjson
  redkit stream tail job_events:42 --until-event task_completed,task_failed
  redkit stream job 42 --follow
  redkit stream jobs --state stuck,failed                 exit 1 when a job is stuck
  redkit stream trim --match 'job_events:*' --older-than 7d --dry-run
  redkit stream claim job_events:42 workers --to w-2 --min-idle 10m --dry-run

Entries in json/ndjson have stream, id, time, event_type, fields and data (the parsed JSON of
the data field, or null). A missing key or a key that is not a stream exits 1; tail and
job --follow wait for a missing key (--max-wait DUR: exit 3). read, job, pending and list
exit 1 when their range or filters select nothing (as grep, also under -q). Names are bytes:
give one that is not UTF-8 as redkit prints it, in bash's $'…' quoting ($'w\\xff\\xfe').
Tables escape control characters from Redis; only --format raw writes bytes as stored.";

#[derive(Debug, Args)]
pub struct StreamArgs {
    #[command(subcommand)]
    pub command: StreamCommand,
}

#[derive(Debug, Subcommand)]
pub enum StreamCommand {
    /// Every stream key (on every master of a cluster) with length, times and groups
    #[command(after_help = list::EXAMPLES)]
    List(list::ListArgs),
    /// One stream's details: groups with lag and pending, consumers with idle time
    #[command(after_help = info::EXAMPLES)]
    Info(info::InfoArgs),
    /// Entries in order, by id or time range, paged so memory stays flat
    #[command(after_help = read::EXAMPLES)]
    Read(read::ReadArgs),
    /// Follow new entries (XREAD / XREADGROUP BLOCK), reconnecting after a restart
    #[command(after_help = tail::EXAMPLES)]
    Tail(tail::TailArgs),
    /// A job's events as a timeline with its outcome and duration
    #[command(after_help = job::EXAMPLES)]
    Job(job::JobArgs),
    /// Every job stream with its state (running, completed, failed, stuck); exit 1 when stuck
    #[command(after_help = jobs::EXAMPLES)]
    Jobs(jobs::JobsArgs),
    /// A consumer group's pending entries, oldest first, to find stuck work
    #[command(after_help = pending::EXAMPLES)]
    Pending(pending::PendingArgs),
    /// Consumer groups: create, move the last-delivered id (replay or skip), delete consumers
    #[command(after_help = group::EXAMPLES)]
    Group(group::GroupArgs),
    /// Move entries pending with a dead consumer to a live one (idle longer than --min-idle)
    #[command(after_help = claim::CLAIM_EXAMPLES)]
    Claim(claim::ClaimArgs),
    /// Acknowledge entries of a consumer group (by id, or a consumer's idle entries)
    #[command(after_help = claim::ACK_EXAMPLES)]
    Ack(claim::AckArgs),
    /// Drop old entries (XTRIM MAXLEN / MINID) from one stream or every matching one
    #[command(after_help = trim::EXAMPLES)]
    Trim(trim::TrimArgs),
    /// Move entries delivered too often and idle too long to a dead-letter stream (acked)
    #[command(after_help = dlq::EXAMPLES)]
    Dlq(dlq::DlqArgs),
    /// Put dead letters back into their stream as new entries
    #[command(after_help = requeue::EXAMPLES)]
    Requeue(requeue::RequeueArgs),
    /// Copy (replay) entries into another stream, on this server or another one
    #[command(after_help = copy::EXAMPLES)]
    Copy(copy::CopyArgs),
}

pub async fn run(ctx: &Ctx, args: &StreamArgs) -> anyhow::Result<ExitStatus> {
    dispatch(ctx, args).await.map_err(escape_error)
}

/// An error whose text holds control characters (a key name, a server's error reply) becomes
/// the same error with them escaped, keeping its exit code; others pass untouched (so a
/// closed pipe is still recognised).
fn escape_error(err: anyhow::Error) -> anyhow::Error {
    let text = format!("{err:#}");
    if !text.chars().any(crate::output::escape::is_unsafe) {
        return err;
    }
    exit::Coded {
        status: exit::classify(&err),
        message: crate::output::escape::escape_str(&text),
    }
    .into()
}

async fn dispatch(ctx: &Ctx, args: &StreamArgs) -> anyhow::Result<ExitStatus> {
    match &args.command {
        StreamCommand::List(a) => list::run(ctx, a).await,
        StreamCommand::Info(a) => info::run(ctx, a).await,
        StreamCommand::Read(a) => read::run(ctx, a).await,
        StreamCommand::Tail(a) => tail::run(ctx, a).await,
        StreamCommand::Job(a) => job::run(ctx, a).await,
        StreamCommand::Jobs(a) => jobs::run(ctx, a).await,
        StreamCommand::Pending(a) => pending::run(ctx, a).await,
        StreamCommand::Trim(a) => trim::run(ctx, a).await,
        StreamCommand::Group(a) => group::run(ctx, a).await,
        StreamCommand::Claim(a) => claim::claim(ctx, a).await,
        StreamCommand::Ack(a) => claim::ack(ctx, a).await,
        StreamCommand::Dlq(a) => dlq::run(ctx, a).await,
        StreamCommand::Requeue(a) => requeue::run(ctx, a).await,
        StreamCommand::Copy(a) => copy::run(ctx, a).await,
    }
}

/// Whether the command handles Ctrl-C itself (trim, claim and ack report what they changed
/// before stopping).
pub fn reports_interruption(args: &StreamArgs) -> bool {
    matches!(
        args.command,
        StreamCommand::Trim(_)
            | StreamCommand::Claim(_)
            | StreamCommand::Ack(_)
            | StreamCommand::Dlq(_)
            | StreamCommand::Requeue(_)
    ) || matches!(&args.command, StreamCommand::Jobs(a) if a.retires())
}

/// A key as given (text or [`name::Name`] bytes): sent as is, shown escaped.
pub trait KeyArg: redis::ToRedisArgs + std::fmt::Display + Sync {}
impl<T: redis::ToRedisArgs + std::fmt::Display + Sync> KeyArg for T {}

/// Fails with exit 1 unless `key` exists and is a stream.
pub async fn ensure_stream<K: KeyArg>(conn: &mut Keyed, key: &K) -> anyhow::Result<()> {
    if stream_exists(conn, key).await? {
        Ok(())
    } else {
        Err(exit::problem(format!(
            "{}: no such key",
            crate::output::escape::escape_str(&key.to_string())
        )))
    }
}

/// Whether `key` is a stream: false when it does not exist, exit 1 when it is another type.
pub async fn stream_exists<K: KeyArg>(conn: &mut Keyed, key: &K) -> anyhow::Result<bool> {
    let kind: String = conn
        .query(redis::cmd("TYPE").arg(key))
        .await
        .map_err(ConnError::into_runtime)?;
    match kind.as_str() {
        "stream" => Ok(true),
        "none" => Ok(false),
        other => Err(exit::problem(format!(
            "{}: not a stream (it is a {other})",
            crate::output::escape::escape_str(&key.to_string())
        ))),
    }
}

/// Any reply as JSON (for `info --full`): byte strings as text when UTF-8, else base64.
pub fn value_to_json(v: &redis::Value) -> serde_json::Value {
    use redis::Value as V;
    use serde_json::Value as J;
    let text_of = |v: &V| crate::redis::streams::text_of(v).unwrap_or_default();
    match v {
        V::Nil => J::Null,
        V::Int(i) => J::from(*i),
        V::BulkString(b) => {
            let mut buf = Vec::new();
            entry::json_bytes(&mut buf, b);
            serde_json::from_slice(&buf).unwrap_or(J::Null)
        }
        V::SimpleString(s) => J::from(s.clone()),
        V::Okay => J::from("OK"),
        V::Double(d) => J::from(*d),
        V::Boolean(b) => J::from(*b),
        V::Array(items) | V::Set(items) => {
            // Flat name/value arrays (RESP2 maps) read better as objects.
            let is_map =
                items.len() % 2 == 0 && !items.is_empty() && items.iter().step_by(2).all(|k| {
                    matches!(k, V::BulkString(b) if b.first().is_some_and(u8::is_ascii_lowercase)
                        && b.iter().all(|c| c.is_ascii_lowercase() || *c == b'-'))
                });
            if is_map {
                J::Object(
                    items
                        .chunks(2)
                        .map(|kv| (text_of(&kv[0]).replace('-', "_"), value_to_json(&kv[1])))
                        .collect(),
                )
            } else {
                J::Array(items.iter().map(value_to_json).collect())
            }
        }
        V::Map(m) => J::Object(
            m.iter()
                .map(|(k, v)| (text_of(k).replace('-', "_"), value_to_json(v)))
                .collect(),
        ),
        other => J::from(format!("{other:?}")),
    }
}
