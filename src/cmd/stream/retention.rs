//! `redkit stream jobs --delete-finished --older-than DUR` (or `--expire DUR`): retention of
//! job streams. One stream per job means the key count grows with every job; this deletes (or
//! sets a TTL on) the streams of jobs that completed or failed and whose last event is older
//! than DUR, on every master, in pipelined batches as the SCAN goes (memory flat), paced by
//! the UNLINK engine's rate limiter. Running and stuck jobs are never touched, nor jobs with
//! dead letters, nor jobs a consumer group has not finished (pending or undelivered entries);
//! each deletion checks in one script that no event came after the one judged, so a job that
//! got an event meanwhile is left. Each SCAN batch is judged (its last entries framed in place
//! on a raw connection) and retired (one script call per hundred jobs of a slot) in a task of
//! its own while the next SCAN goes out, as `stream jobs` reads.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::jobs::{JobState, is_dead_letter_stream, judge};
use super::name::Name;
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::ops::scan::{KeyType, scan_typed};
use crate::ops::unlink::Limiter;
use crate::output::{Render, Ui};
use crate::redis::{ConnError, Mode, Node, Unreached};

/// Retires the job streams judged finished and old, up to `SCRIPT_JOBS` of one slot per call,
/// in one script both for the run and its dry run (so the dry run counts exactly what the run
/// would do). `KEYS` are pairs: the job's stream and its dead-letter stream; `ARGV[1]` is the
/// TTL in ms (empty: delete), `ARGV[2]` is `1` for a dry run, then per job the id right after
/// its judged last entry and that last id. Per job the reply is its memory (MEMORY USAGE),
/// UNLINKed or given the TTL unless a dry run, or a reason it was left: -4 when it has dead
/// letters; -1 when it has an entry after the last one judged (`XREVRANGE key + after COUNT
/// 1` answers empty unless an event came since: a seek, not a copy of the entry the scan
/// already read) or is gone; -3 when a consumer group still has work in it (entries pending,
/// or not delivered: its last-delivered id before the judged last id), the rule `stream trim`
/// keeps; -2 with a TTL asked when it already has one (kept). A job whose commands fail
/// answers that error in its place (pcall), so one key replaced by another type does not hide
/// what the call did to the others.
const RETIRE_SCRIPT: &str = r"
local function cmp(x, y)
  if #x ~= #y then return #x < #y and -1 or 1 end
  if x == y then return 0 end
  return x < y and -1 or 1
end
local function before(a, z)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local zm, zs = string.match(z, '^(%d+)-(%d+)$')
  if am == nil or zm == nil then return true end
  local c = cmp(am, zm)
  if c == 0 then c = cmp(as, zs) end
  return c < 0
end
local ttl, dry = ARGV[1], ARGV[2]
local function retire(k, dlq, after, last)
  local d = redis.pcall('XLEN', dlq)
  if type(d) == 'number' and d > 0 then return -4 end
  if redis.call('XREVRANGE', k, '+', after, 'COUNT', 1)[1] ~= nil then return -1 end
  local b = redis.call('MEMORY', 'USAGE', k)
  if not b then return -1 end
  for _, g in ipairs(redis.call('XINFO', 'GROUPS', k)) do
    local f = {}
    for i = 1, #g, 2 do f[g[i]] = g[i + 1] end
    if tonumber(f['pending']) ~= 0 or before(tostring(f['last-delivered-id']), last) then
      return -3
    end
  end
  if ttl ~= '' and redis.call('PTTL', k) >= 0 then return -2 end
  if dry == '1' then return b end
  if ttl == '' then
    redis.call('UNLINK', k)
  else
    redis.call('PEXPIRE', k, ttl)
  end
  return b
end
local out = {}
for i = 1, #KEYS / 2 do
  local ok, r = pcall(retire, KEYS[2 * i - 1], KEYS[2 * i], ARGV[2 * i + 1], ARGV[2 * i + 2])
  -- Before Redis 7 a failed call raises its message as a string: made an error reply again.
  if not ok and type(r) ~= 'table' then r = { err = tostring(r) } end
  out[i] = r
end
return out
";

/// Jobs per script call: enough that the call's own cost is shared (a call per job cost a
/// third of the server's time), few enough that one call blocks the server well under 1 ms.
const SCRIPT_JOBS: usize = 100;

/// The script, by digest (EVALSHA: the text is not sent and hashed once per call).
static RETIRE: std::sync::LazyLock<super::script::Lua> =
    std::sync::LazyLock::new(|| super::script::Lua::new(RETIRE_SCRIPT));

/// One call of the script for `jobs` (all in one slot on a cluster).
fn retire_cmd(
    by_sha: bool,
    jobs: &[Chosen],
    ttl: &str,
    dry_run: bool,
    cluster: bool,
) -> redis::Cmd {
    let mut c = RETIRE.cmd(by_sha, jobs.len() * 2);
    for (k, _) in jobs {
        // A key with no dead-letter name in its own slot is checked against itself (its own
        // length counts as dead letters): kept, as `stream jobs` counts it.
        let dlq = crate::redis::streams::dead_letter_key(k.as_bytes(), cluster)
            .unwrap_or_else(|| k.as_bytes().to_vec());
        c.arg(k).arg(dlq);
    }
    c.arg(ttl).arg(if dry_run { "1" } else { "0" });
    for (_, judged) in jobs {
        c.arg(&judged.after).arg(&judged.last);
    }
    c
}

/// A job chosen for retirement and its last entry as judged.
type Chosen = (Name, Judged);

/// A stream's last entry as judged: its id, and the id right after it (the guard's start; a
/// stream at the greatest id answers itself there, and is left).
struct Judged {
    last: String,
    after: String,
}

/// What retention was asked to do.
#[derive(Debug, Clone)]
pub struct Retention {
    pub pattern: Name,
    pub older_than: Duration,
    pub expire: Option<Duration>,
    pub stuck_after: Duration,
    pub rate: Option<u64>,
}

#[derive(Debug, Default, Serialize)]
pub struct RetentionReport {
    /// `delete` or `expire`.
    pub action: &'static str,
    pub dry_run: bool,
    pub older_than_ms: u64,
    /// With --expire: the TTL set, in ms (null when deleting).
    pub expire_ms: Option<u64>,
    /// Job streams scanned.
    pub scanned: u64,
    /// Finished jobs (completed or failed) whose last event is older than --older-than.
    pub matched: u64,
    /// Streams deleted (or given a TTL); in a dry run, that would be.
    pub deleted: u64,
    /// Memory of those streams (MEMORY USAGE), freed now or when the TTL runs out.
    pub bytes: u64,
    /// Jobs left because they are running, stuck, newer than --older-than, or have dead
    /// letters.
    pub kept_running: u64,
    pub kept_stuck: u64,
    pub kept_recent: u64,
    pub kept_dead_letters: u64,
    /// Matched jobs a consumer group has not finished (entries pending or not delivered):
    /// kept, as `stream trim` keeps such entries.
    pub kept_unprocessed: u64,
    /// With --expire: matched jobs that already have a TTL (it is kept).
    pub kept_has_ttl: u64,
    /// Matched jobs that got a new event (or a TTL) before their turn: left as they are.
    pub changed: u64,
    /// With --expire: running or stuck jobs that carried a TTL (a job retried after an earlier
    /// --expire) and had it removed, so Redis does not delete a live job's stream; in a dry
    /// run, that would.
    pub ttl_cleared: u64,
    /// The first streams deleted (or that would be), at most 20.
    pub sample: Vec<Name>,
    pub interrupted: bool,
    pub elapsed_ms: u64,
    /// Masters that could not be reached: their jobs were not touched (exit 3).
    pub unreached: Vec<Unreached>,
}

impl crate::output::Formats for RetentionReport {
    const FORMATS: &'static [crate::output::Format] =
        &[crate::output::Format::Table, crate::output::Format::Json];
}

const SAMPLE: usize = 20;

impl Render for RetentionReport {
    fn table(&self, w: &mut dyn Write, _ui: &Ui) -> io::Result<()> {
        let count = crate::ops::units::count;
        let verb = match (self.dry_run, self.action) {
            (true, "expire") => "would expire",
            (true, _) => "would delete",
            (false, "expire") => "expired",
            (false, _) => "deleted",
        };
        let ttl = self
            .expire_ms
            .map(|ms| {
                format!(
                    " (TTL {})",
                    crate::duration::format(Duration::from_millis(ms))
                )
            })
            .unwrap_or_default();
        writeln!(
            w,
            "{verb} {} of finished jobs older than {}{ttl}: {} {}",
            count(self.deleted, "stream", "streams"),
            crate::duration::format(Duration::from_millis(self.older_than_ms)),
            crate::ops::units::format_bytes(self.bytes),
            if self.action == "expire" {
                "to free"
            } else if self.dry_run {
                "would be freed"
            } else {
                "freed"
            }
        )?;
        let mut kept = format!(
            "kept {} running, {} stuck, {} newer, {} with dead letters",
            self.kept_running, self.kept_stuck, self.kept_recent, self.kept_dead_letters
        );
        if self.kept_unprocessed > 0 {
            kept.push_str(&format!(
                ", {} a consumer group has not finished",
                self.kept_unprocessed
            ));
        }
        if self.kept_has_ttl > 0 {
            kept.push_str(&format!(", {} that already have a TTL", self.kept_has_ttl));
        }
        writeln!(w, "{kept} ({} scanned)", self.scanned)?;
        if self.changed > 0 {
            writeln!(
                w,
                "left {} that changed before their turn",
                count(self.changed, "stream", "streams")
            )?;
        }
        if self.ttl_cleared > 0 {
            writeln!(
                w,
                "{} the TTL of {} running again (retried after an earlier --expire)",
                if self.dry_run {
                    "would remove"
                } else {
                    "removed"
                },
                count(self.ttl_cleared, "job", "jobs")
            )?;
        }
        if !self.sample.is_empty() {
            let shown: Vec<String> = self.sample.iter().map(Name::to_string).collect();
            let more = self.deleted.saturating_sub(self.sample.len() as u64);
            writeln!(
                w,
                "  {}{}",
                shown.join(" "),
                if more > 0 {
                    format!(" (+{})", crate::output::number::plural(more, "more stream"))
                } else {
                    String::new()
                }
            )?;
        }
        for u in &self.unreached {
            writeln!(w, "not reached, not touched: {u}")?;
        }
        Ok(())
    }
}

impl RetentionReport {
    /// Adds what one batch found.
    fn absorb(&mut self, b: RetentionReport) {
        self.scanned += b.scanned;
        self.matched += b.matched;
        self.deleted += b.deleted;
        self.bytes += b.bytes;
        self.kept_running += b.kept_running;
        self.kept_stuck += b.kept_stuck;
        self.kept_recent += b.kept_recent;
        self.kept_dead_letters += b.kept_dead_letters;
        self.kept_unprocessed += b.kept_unprocessed;
        self.kept_has_ttl += b.kept_has_ttl;
        self.changed += b.changed;
        self.ttl_cleared += b.ttl_cleared;
        let room = SAMPLE.saturating_sub(self.sample.len());
        self.sample.extend(b.sample.into_iter().take(room));
    }
}

/// The last entry of each key of a batch, in one pipeline (the redis-rs path, when no raw
/// connection can be had). A key gone or replaced by another type since the SCAN: None.
async fn last_entries(
    node: &mut Node,
    keys: &[Name],
) -> anyhow::Result<Vec<Option<super::entry::Entry>>> {
    let mut p = redis::pipe();
    for k in keys {
        p.add_command(crate::redis::streams::last_entry_cmd(k));
    }
    let replies: Vec<redis::Value> = node.pipe(&p).await.map_err(ConnError::into_runtime)?;
    Ok(replies
        .into_iter()
        .map(|last| {
            super::entry::parse_entries(last)
                .ok()
                .and_then(|mut e| (!e.is_empty()).then(|| e.swap_remove(0)))
        })
        .collect())
}

/// What every batch of a pass shares.
struct Batches {
    cluster: bool,
    older_ms: u64,
    stuck_after: Duration,
    /// The TTL in ms as the script takes it (empty: delete).
    ttl: String,
    dry_run: bool,
    rate: Option<u64>,
    limiter: Option<Limiter>,
    stop: crate::cmd::Stop,
}

/// One SCAN batch: judges each job stream by its last entry and retires the finished old
/// ones (or, in a dry run, counts them and their memory, by the same script).
async fn batch(
    mut n: Node,
    pool: Option<super::fast::Pool>,
    keys: Vec<Name>,
    b: std::sync::Arc<Batches>,
) -> anyhow::Result<RetentionReport> {
    let mut rep = RetentionReport::default();
    if b.stop.requested() {
        return Ok(rep);
    }
    let keys: Vec<Name> = keys
        .into_iter()
        .filter(|k| !is_dead_letter_stream(k.as_bytes()))
        .collect();
    let now = super::id::now_ms();
    let lasts = match &pool {
        Some(pool) => {
            let mut c = pool.take().await?;
            let lasts = super::fast::last_entries(&mut c, &keys).await?;
            pool.put(c);
            lasts
        }
        None => last_entries(&mut n, &keys).await?,
    };
    let mut chosen: Vec<Chosen> = Vec::new();
    // With --expire, the live jobs: one retried after an earlier --expire still carries its
    // TTL, and Redis would delete its stream while it runs.
    let mut alive: Vec<Name> = Vec::new();
    let expiring = !b.ttl.is_empty();
    for (k, last) in keys.into_iter().zip(lasts) {
        let Some(last) = last else { continue };
        rep.scanned += 1;
        match judge(&last, now, b.stuck_after) {
            live @ (JobState::Running | JobState::Stuck) => {
                if live == JobState::Running {
                    rep.kept_running += 1;
                } else {
                    rep.kept_stuck += 1;
                }
                if expiring {
                    alive.push(k);
                }
            }
            JobState::Completed | JobState::Failed => {
                if now.saturating_sub(last.id.ms) <= b.older_ms {
                    rep.kept_recent += 1;
                } else {
                    rep.matched += 1;
                    let after = last.id.next().unwrap_or(last.id);
                    chosen.push((
                        k,
                        Judged {
                            last: last.id.to_string(),
                            after: after.to_string(),
                        },
                    ));
                }
            }
        }
    }
    if !alive.is_empty() {
        // PERSIST is 1 when it removed a TTL; a dry run asks PTTL instead (>0: has one).
        let mut p = redis::pipe();
        for k in &alive {
            p.cmd(if b.dry_run { "PTTL" } else { "PERSIST" })
                .arg(k.as_bytes());
        }
        let got: Vec<i64> = n.pipe(&p).await.map_err(ConnError::into_runtime)?;
        rep.ttl_cleared += got
            .iter()
            .filter(|&&v| if b.dry_run { v > 0 } else { v == 1 })
            .count() as u64;
    }
    if chosen.is_empty() {
        return Ok(rep);
    }
    // A script call takes keys of one slot: on a cluster the jobs go by slot (stable, so a
    // standalone server keeps the SCAN's order).
    if b.cluster {
        chosen.sort_by_key(|(k, _)| crate::redis::cluster::slot(k.as_bytes()));
    }
    // With --rate, small pipelines each let through by the limiter (a batch's wait is for the
    // deletions granted before it).
    let step = match (&b.limiter, b.dry_run) {
        (Some(_), false) => (b.rate.unwrap_or(1) / 10).max(1) as usize,
        _ => chosen.len(),
    };
    for part in chosen.chunks(step) {
        let calls = calls_of(part, b.cluster);
        let mut p = redis::pipe();
        for r in &calls {
            p.add_command(retire_cmd(
                true,
                &part[r.clone()],
                &b.ttl,
                b.dry_run,
                b.cluster,
            ));
        }
        if !b.dry_run
            && let Some(l) = &b.limiter
        {
            l.take(part.len() as u64).await;
        }
        let mut got: Vec<redis::Value> = n.pipe(&p).await.map_err(ConnError::into_runtime)?;
        // A script cache flushed meanwhile: those calls again, by the text.
        let missing: Vec<usize> = (0..got.len())
            .filter(|&i| super::script::is_noscript_reply(&got[i]))
            .collect();
        if !missing.is_empty() {
            let mut p = redis::pipe();
            for &i in &missing {
                let jobs = &part[calls[i].clone()];
                p.add_command(retire_cmd(false, jobs, &b.ttl, b.dry_run, b.cluster));
            }
            let again: Vec<redis::Value> = n.pipe(&p).await.map_err(ConnError::into_runtime)?;
            for (&i, v) in missing.iter().zip(again) {
                got[i] = v;
            }
        }
        for (r, v) in calls.iter().zip(got) {
            let jobs = &part[r.clone()];
            let replies = match v {
                redis::Value::Array(items) if items.len() == jobs.len() => items,
                other => return Err(failed(&n, &jobs[0].0, &other)),
            };
            for ((k, _), v) in jobs.iter().zip(replies) {
                match v {
                    redis::Value::Int(bytes) if bytes >= 0 => {
                        rep.deleted += 1;
                        rep.bytes += bytes as u64;
                        if rep.sample.len() < SAMPLE {
                            rep.sample.push(k.clone());
                        }
                    }
                    redis::Value::Int(-2) => rep.kept_has_ttl += 1,
                    redis::Value::Int(-3) => rep.kept_unprocessed += 1,
                    redis::Value::Int(-4) => rep.kept_dead_letters += 1,
                    redis::Value::Int(_) => rep.changed += 1,
                    redis::Value::ServerError(e) if e.code() == "WRONGTYPE" => rep.changed += 1,
                    v @ redis::Value::ServerError(_) => return Err(failed(&n, k, &v)),
                    _ => rep.changed += 1,
                }
            }
        }
    }
    Ok(rep)
}

/// The script calls of `part`: runs of at most `SCRIPT_JOBS` jobs, of one slot on a cluster.
fn calls_of(part: &[Chosen], cluster: bool) -> Vec<std::ops::Range<usize>> {
    let slot_of = |i: usize| {
        if cluster {
            crate::redis::cluster::slot(part[i].0.as_bytes())
        } else {
            0
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=part.len() {
        if i == part.len() || i - start == SCRIPT_JOBS || slot_of(i) != slot_of(start) {
            out.push(start..i);
            start = i;
        }
    }
    out
}

/// A reply that is not the script's answer (an error such as an ACL refusal): the run fails,
/// naming the node and the key.
fn failed(n: &Node, key: &Name, v: &redis::Value) -> anyhow::Error {
    let what = match v {
        redis::Value::ServerError(e) => format!("{} {}", e.code(), e.details().unwrap_or("")),
        other => format!("unexpected reply {other:?}"),
    };
    exit::runtime(format!(
        "{}: {key}: {}",
        n.addr,
        crate::output::escape::escape_str(&what)
    ))
}

/// SCAN batches whose rounds may be outstanding at once (as `stream jobs`).
const BATCHES_IN_FLIGHT: usize = 3;

/// One pass over every master: judges each job stream and retires the finished old ones
/// (or, in a dry run, counts them and their memory, by the same script).
pub async fn pass(
    ctx: &Ctx,
    r: &Retention,
    dry_run: bool,
    stop: &crate::cmd::Stop,
) -> anyhow::Result<RetentionReport> {
    let started = Instant::now();
    let target = ctx.target()?;
    let cluster = matches!(target.mode, Mode::Cluster(_));
    let masters = target.masters().await?;
    let mut rep = RetentionReport {
        action: if r.expire.is_some() {
            "expire"
        } else {
            "delete"
        },
        dry_run,
        older_than_ms: r.older_than.as_millis() as u64,
        expire_ms: r.expire.map(|d| d.as_millis() as u64),
        unreached: masters.unreached,
        ..RetentionReport::default()
    };
    let shared = std::sync::Arc::new(Batches {
        cluster,
        older_ms: rep.older_than_ms,
        stuck_after: r.stuck_after,
        ttl: rep
            .expire_ms
            .map(|ms| ms.max(1).to_string())
            .unwrap_or_default(),
        dry_run,
        rate: r.rate,
        limiter: r.rate.map(Limiter::new),
        stop: stop.clone(),
    });
    let mut in_flight: std::collections::VecDeque<
        tokio::task::JoinHandle<anyhow::Result<RetentionReport>>,
    > = std::collections::VecDeque::new();
    let joined = async |h: tokio::task::JoinHandle<anyhow::Result<RetentionReport>>| {
        h.await
            .map_err(|e| exit::runtime(format!("retiring job streams: {e}")))?
    };
    for mut node in masters.nodes {
        if stop.requested() {
            break;
        }
        // Cached once per master (the dry run runs it too); a refusal here (an ACL without
        // SCRIPT) is not fatal: each NOSCRIPT reply falls back to the text.
        let _: Result<String, _> = node
            .query(redis::cmd("SCRIPT").arg("LOAD").arg(RETIRE.text))
            .await;
        let pool = super::fast::Pool::open(&target, &node.endpoint).await;
        scan_typed(
            &mut node,
            r.pattern.as_bytes(),
            KeyType::Stream,
            async |n: &mut Node, keys: Vec<Name>| {
                if stop.requested() {
                    return Ok(());
                }
                in_flight.push_back(tokio::spawn(batch(
                    n.clone(),
                    pool.clone(),
                    keys,
                    shared.clone(),
                )));
                if in_flight.len() >= BATCHES_IN_FLIGHT
                    && let Some(h) = in_flight.pop_front()
                {
                    rep.absorb(joined(h).await?);
                }
                Ok(())
            },
        )
        .await?;
    }
    while let Some(h) = in_flight.pop_front() {
        rep.absorb(joined(h).await?);
    }
    rep.interrupted = stop.requested();
    rep.elapsed_ms = started.elapsed().as_millis() as u64;
    Ok(rep)
}

/// `stream jobs --delete-finished` / `--expire`: a dry run counts; a run with --yes works in
/// one pass; asked on a terminal, a counting pass comes first and the question names it.
pub async fn run(
    ctx: &Ctx,
    r: &Retention,
    confirm: &crate::cmd::ConfirmArgs,
    guard: crate::ops::confirm::Destructive<'_>,
) -> anyhow::Result<ExitStatus> {
    let stop = crate::cmd::Stop::on_signal();
    if !confirm.dry_run && !confirm.yes {
        let preview = pass(ctx, r, true, &stop).await?;
        let question = format!(
            "{} {} of finished jobs older than {} ({})",
            if r.expire.is_some() {
                "Set a TTL on"
            } else {
                "Delete"
            },
            crate::ops::units::count(preview.deleted, "stream", "streams"),
            crate::duration::format(r.older_than),
            crate::ops::units::format_bytes(preview.bytes)
        );
        if preview.deleted == 0 {
            ctx.out
                .emit_outcome(&preview, preview.unreached.is_empty())?;
            return finish(&preview);
        }
        if !guard.confirm(&question)? {
            ctx.out.problem("nothing deleted");
            return Ok(ExitStatus::Problem);
        }
    }
    let report = pass(ctx, r, confirm.dry_run, &stop).await?;
    ctx.out
        .emit_outcome(&report, report.unreached.is_empty() && !report.interrupted)?;
    if report.interrupted {
        crate::output::stderr_line(&format!(
            "redkit: interrupted after {} of the job streams",
            report.deleted
        ));
        return Ok(ExitStatus::Interrupted);
    }
    finish(&report)
}

fn finish(report: &RetentionReport) -> anyhow::Result<ExitStatus> {
    if let Some(e) = crate::redis::unreached_error(&report.unreached) {
        return Err(e);
    }
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_counts_what_went_and_what_stayed() {
        let r = RetentionReport {
            action: "delete",
            dry_run: true,
            older_than_ms: 7 * 86_400_000,
            scanned: 10,
            matched: 4,
            deleted: 3,
            bytes: 3 * 1024,
            kept_running: 2,
            kept_stuck: 1,
            kept_recent: 3,
            kept_dead_letters: 1,
            sample: vec!["job_events:1".into()],
            ..RetentionReport::default()
        };
        assert_eq!(
            crate::cmd::table_of(&r),
            "would delete 3 streams of finished jobs older than 7d: 3.0 KiB would be freed\n\
             kept 2 running, 1 stuck, 3 newer, 1 with dead letters (10 scanned)\n  \
             job_events:1 (+2 more streams)\n"
        );
    }
}
