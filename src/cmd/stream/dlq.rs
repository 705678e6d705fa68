//! `redkit stream dlq`: move the entries a group keeps failing on (delivered at least N times,
//! idle at least DUR) to a dead-letter stream, with provenance fields, and acknowledge them.
//! Each entry moves in one Lua script on the stream's slot (re-check pending, read, XADD to
//! the dead-letter stream, XACK), so a crash of redkit at any moment leaves every entry either
//! moved and acknowledged or untouched: never acknowledged and lost, never copied twice.

use std::io::{self, Write};
use std::sync::LazyLock;
use std::time::Duration;

use clap::Args;
use futures::StreamExt;
use serde::Serialize;

use super::claim::{PendingItem, pending_where};
use super::ensure_stream;
use super::entry::rfc3339_ms;
use super::group::group_info;
use super::id::now_ms;
use super::name::{self, Name};
use super::script::Lua;
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::output::Format;
use crate::output::escape::escape_str;
use crate::output::{Render, Ui};
use crate::redis::{ConnError, Keyed, Mode, slot};

pub const EXAMPLES: &str = "\
Examples:
  redkit stream dlq job_events:42 workers --min-deliveries 5 --min-idle 10m --dry-run
  redkit stream dlq job_events:42 workers --min-deliveries 5 --min-idle 10m --yes
  redkit stream requeue job_events:42:dlq --all --dry-run

Each dead letter keeps the original fields as stored and adds dlq_stream, dlq_id, dlq_group,
dlq_consumer, dlq_deliveries and dlq_at (RFC 3339, UTC). The dead-letter stream is KEY:dlq; on
a cluster it must live in KEY's slot, so a KEY without a {hash tag} gets {KEY}:dlq. Every
entry is copied and acknowledged in one script: an interrupted run never loses or duplicates
an entry, and running it again moves the rest.";

/// The provenance fields a dead letter carries after the original fields, in this order.
pub const PROVENANCE: [&str; 6] = [
    "dlq_stream",
    "dlq_id",
    "dlq_group",
    "dlq_consumer",
    "dlq_deliveries",
    "dlq_at",
];

/// Re-checks each id (still pending, idle and delivered enough), copies it with provenance
/// and acks it. Per id: {1, new id} moved, {0, ''} no longer qualifies (acked or claimed
/// meanwhile), {2, ''} deleted from the stream (acked, so the group forgets it).
/// ARGV[5] is the mode: `r` (dense candidates) reads the pending facts with one XPENDING over
/// the batch's range and the entries with one XRANGE over the qualifying ids' range (each
/// capped at twice the ids; ids the cap did not reach are read one by one); `i` (sparse
/// candidates) reads both per id. Every XADD runs under pcall and one XACK at the end acks
/// exactly the ids copied (and those deleted): on an XADD error only what was copied is
/// acked and the error returned, so an entry is never acked without its copy.
const MOVE_SCRIPT: &str = r"
local key, dlq = KEYS[1], KEYS[2]
local group, idle, mind, at, mode = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local first, last = 6, #ARGV
local pend, ent = {}, {}
local function pending_one(id)
  local p = redis.call('XPENDING', key, group, 'IDLE', idle, id, id, 1)[1]
  if p ~= nil then pend[id] = p end
end
local function entry_one(id)
  local r = redis.call('XRANGE', key, id, id)
  if r[1] ~= nil then ent[id] = r[1][2] end
end
if mode == 'r' then
  local cap = 2 * (last - first + 1)
  local ps = redis.call('XPENDING', key, group, 'IDLE', idle, ARGV[first], ARGV[last], cap)
  for _, p in ipairs(ps) do pend[p[1]] = p end
  if #ps >= cap then
    for i = first, last do if pend[ARGV[i]] == nil then pending_one(ARGV[i]) end end
  end
else
  for i = first, last do pending_one(ARGV[i]) end
end
local q = {}
for i = first, last do
  local p = pend[ARGV[i]]
  if p ~= nil and tonumber(p[4]) >= mind then q[#q + 1] = ARGV[i] end
end
if mode == 'r' and #q > 0 then
  local cap = 2 * #q
  local r = redis.call('XRANGE', key, q[1], q[#q], 'COUNT', cap)
  for _, e in ipairs(r) do ent[e[1]] = e[2] end
  if #r >= cap then
    for _, id in ipairs(q) do if ent[id] == nil then entry_one(id) end end
  end
else
  for _, id in ipairs(q) do entry_one(id) end
end
local out, acks, moved = {}, {}, 0
for i = first, last do
  local id = ARGV[i]
  local p = pend[id]
  if p == nil or tonumber(p[4]) < mind then
    out[#out + 1] = {0, ''}
  else
    local f = ent[id]
    if f == nil then
      acks[#acks + 1] = id
      out[#out + 1] = {2, ''}
    else
      local n = #f
      f[n + 1] = 'dlq_stream'; f[n + 2] = key
      f[n + 3] = 'dlq_id'; f[n + 4] = id
      f[n + 5] = 'dlq_group'; f[n + 6] = group
      f[n + 7] = 'dlq_consumer'; f[n + 8] = p[2]
      f[n + 9] = 'dlq_deliveries'; f[n + 10] = tostring(p[4])
      f[n + 11] = 'dlq_at'; f[n + 12] = at
      local nid = redis.pcall('XADD', dlq, '*', unpack(f))
      if type(nid) == 'table' then
        if #acks > 0 then redis.call('XACK', key, group, unpack(acks)) end
        return redis.error_reply('dead-letter XADD failed after moving ' .. moved ..
          ' entries of this batch (those are acknowledged): ' .. tostring(nid.err))
      end
      moved = moved + 1
      acks[#acks + 1] = id
      out[#out + 1] = {1, nid}
    end
  end
end
if #acks > 0 then redis.call('XACK', key, group, unpack(acks)) end
return out
";

/// The script, by digest.
pub static MOVE: LazyLock<Lua> = LazyLock::new(|| Lua::new(MOVE_SCRIPT));

/// Entries per script call: each call is atomic, and a short one keeps the server responsive.
const BATCH: usize = 100;

/// Script calls in flight at once on the multiplexed connection: the next batch is on the
/// wire while Redis runs this one (one at a time left the server idle between round trips).
pub const IN_FLIGHT: usize = 4;

#[derive(Debug, Args)]
pub struct DlqArgs {
    /// Stream key (bytes as given: `$'job\xff'` names a key that is not UTF-8)
    #[arg(id = "stream_key", value_name = "KEY", value_parser = name::parser())]
    pub key: Name,
    /// Consumer group
    #[arg(value_parser = name::parser())]
    pub group: Name,
    /// Only entries delivered at least N times
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub min_deliveries: u64,
    /// Only entries idle at least this long
    #[arg(long, value_name = "DUR", value_parser = crate::duration::clap_parse)]
    pub min_idle: Duration,
    /// The dead-letter stream [default: KEY:dlq; on a cluster {KEY}:dlq when KEY has no hash
    /// tag, so it shares KEY's slot]
    #[arg(long, value_name = "DLQKEY", value_parser = name::parser())]
    pub to: Option<Name>,
    /// Move at most N entries
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    #[command(flatten)]
    pub change: crate::cmd::ConfirmArgs,
}

/// Every key is always present; lists are [] when empty.
#[derive(Debug, Serialize)]
pub struct DlqReport {
    pub stream: Name,
    pub group: Name,
    pub dlq: Name,
    pub dry_run: bool,
    pub min_deliveries: u64,
    pub min_idle_ms: u64,
    /// The entries that qualified when they were listed.
    pub candidates: u64,
    /// Each candidate with the consumer holding it, its idle time and deliveries.
    pub entries: Vec<PendingItem>,
    /// Entries moved (copied to the dead-letter stream and acknowledged).
    pub moved: u64,
    /// The original ids moved (a dry run: the candidates).
    pub ids: Vec<String>,
    /// The ids of the new dead letters, in the order of `ids`.
    pub dlq_ids: Vec<String>,
    /// Ids deleted from the stream meanwhile (acknowledged, nothing to copy).
    pub deleted: Vec<String>,
    /// Ids that no longer qualified when their turn came (acked or claimed meanwhile).
    pub skipped: Vec<String>,
}

impl crate::output::Formats for DlqReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];
}

/// Candidate lines (at most 50, then a count), for the dry run and the prompt.
pub fn candidate_lines(entries: &[PendingItem]) -> String {
    let mut out = String::new();
    for e in entries.iter().take(50) {
        out.push_str(&format!(
            "  {}  from {}  idle {}  delivered {}\n",
            e.id,
            e.consumer,
            crate::duration::format(Duration::from_millis(e.idle_ms)),
            crate::ops::units::count(e.deliveries, "time", "times")
        ));
    }
    if entries.len() > 50 {
        out.push_str(&format!("  … and {} more\n", entries.len() - 50));
    }
    out
}

impl DlqReport {
    fn describe(&self) -> String {
        format!(
            "move {} of group {} on {} to {}",
            crate::ops::units::count(self.candidates, "entry", "entries"),
            self.group,
            self.stream,
            self.dlq
        )
    }
}

impl Render for DlqReport {
    fn table(&self, w: &mut dyn Write, _ui: &Ui) -> io::Result<()> {
        if self.dry_run {
            writeln!(w, "dry run, nothing changed: would {}", self.describe())?;
            return write!(w, "{}", candidate_lines(&self.entries));
        }
        let head = if self.moved == 0 {
            "nothing changed: "
        } else {
            ""
        };
        let mut line = format!(
            "{head}moved {} of {} entries to {}",
            self.moved, self.candidates, self.dlq
        );
        if !self.deleted.is_empty() {
            line.push_str(&format!(
                "; {} deleted from the stream meanwhile (acknowledged)",
                self.deleted.len()
            ));
        }
        if !self.skipped.is_empty() {
            line.push_str(&format!(
                "; {} no longer qualified (left as they were)",
                self.skipped.len()
            ));
        }
        writeln!(w, "{line}")?;
        for (what, ids) in [
            ("moved", &self.ids),
            ("deleted", &self.deleted),
            ("left", &self.skipped),
        ] {
            if !ids.is_empty() {
                let shown: Vec<String> = ids.iter().take(20).map(|i| escape_str(i)).collect();
                let more = if ids.len() > 20 {
                    let n = (ids.len() - 20) as u64;
                    format!(" (+{})", crate::output::number::plural(n, "more id"))
                } else {
                    String::new()
                };
                writeln!(w, "  {what}: {}{more}", shown.join(" "))?;
            }
        }
        Ok(())
    }
}

/// How the script reads a batch: `r` (by range) when its candidates are at most twice as
/// many pending entries apart as they are many (the range reads stay within the script's
/// caps), else `i` (per id). `positions`: each candidate's index in the pending list.
fn batch_mode(positions: &[u64]) -> &'static [u8] {
    match (positions.first(), positions.last()) {
        (Some(a), Some(b)) if b - a < 2 * positions.len() as u64 => b"r",
        _ => b"i",
    }
}

/// `KEY:dlq`, or on a cluster the first of `KEY:dlq`, `{KEY}:dlq` in KEY's slot.
pub fn default_dlq(key: &Name, cluster: bool) -> Option<Name> {
    crate::redis::streams::dead_letter_key(key.as_bytes(), cluster).map(Name)
}

/// On a cluster, `other` must share `key`'s slot (one script touches both); exit 2 if not.
pub fn same_slot(what: &str, key: &Name, other: &Name, cluster: bool) -> anyhow::Result<()> {
    if cluster && slot(key.as_bytes()) != slot(other.as_bytes()) {
        // The example is a name in KEY's slot: KEY:dlq when KEY has a hash tag, {KEY}:dlq
        // when it has none (wrapping a tagged key in braces would change its tag).
        let example = default_dlq(key, true)
            .map(|n| format!(", e.g. {n}"))
            .unwrap_or_default();
        return Err(exit::usage(format!(
            "{what}: {other} is not in the slot of {key} (a cluster moves an entry atomically \
             only within one slot): name it with {key}'s hash tag{example}"
        )));
    }
    Ok(())
}

/// One call of a script (by digest) over `ids` with two keys; its reply as (code, id) pairs.
pub async fn eval_pairs(
    conn: &mut Keyed,
    script: &Lua,
    keys: [&Name; 2],
    args: &[&[u8]],
    ids: &[String],
) -> anyhow::Result<Vec<(i64, String)>> {
    let v = script
        .run(conn, 2, |cmd| {
            cmd.arg(keys[0]).arg(keys[1]);
            for a in args {
                cmd.arg(*a);
            }
            for id in ids {
                cmd.arg(id);
            }
        })
        .await
        .map_err(ConnError::into_runtime)?;
    let redis::Value::Array(items) = v else {
        return Err(exit::runtime(format!(
            "{}: unexpected script reply ({})",
            keys[0],
            crate::redis::streams::kind(&v)
        )));
    };
    let pairs: Vec<(i64, String)> = items
        .iter()
        .map(|it| match it {
            redis::Value::Array(p) => (
                p.first()
                    .and_then(crate::redis::streams::int_of)
                    .unwrap_or(-1),
                p.get(1)
                    .and_then(crate::redis::streams::text_of)
                    .unwrap_or_default(),
            ),
            _ => (-1, String::new()),
        })
        .collect();
    if pairs.len() != ids.len() {
        return Err(exit::runtime(format!(
            "{}: the script answered for {} of {} entries",
            keys[0],
            pairs.len(),
            ids.len()
        )));
    }
    Ok(pairs)
}

pub async fn run(ctx: &Ctx, a: &DlqArgs) -> anyhow::Result<ExitStatus> {
    let what = "stream dlq";
    let guard = a.change.guard(what)?;
    let target = ctx.target()?;
    let cluster = matches!(target.mode, Mode::Cluster(_));
    let dlq = match &a.to {
        Some(d) => d.clone(),
        None => default_dlq(&a.key, cluster).ok_or_else(|| {
            exit::usage(format!(
                "{what}: no default dead-letter name shares the slot of {}: give --to",
                a.key
            ))
        })?,
    };
    if dlq == a.key {
        return Err(exit::usage(format!("{what}: --to names the stream itself")));
    }
    same_slot(what, &a.key, &dlq, cluster)?;
    let mut conn = name::keyed_for_all(&target, &[a.key.clone(), dlq.clone()]).await?;
    ensure_stream(&mut conn, &a.key).await?;
    group_info(&mut conn, &a.key, &a.group).await?;
    // The dead-letter key may not exist yet; another type there would fail every XADD.
    super::stream_exists(&mut conn, &dlq).await?;
    let min = a.min_deliveries;
    // Each candidate's position in the group's pending list (idle enough): a batch whose
    // candidates lie close together there is read by range, a sparse one per id.
    let seen = std::cell::Cell::new(0u64);
    let positions = std::cell::RefCell::new(Vec::new());
    let items = pending_where(
        &mut conn,
        &a.key,
        &a.group,
        Some(a.min_idle),
        None,
        a.count,
        |p| {
            let at = seen.get();
            seen.set(at + 1);
            let keep = p.deliveries >= min;
            if keep {
                positions.borrow_mut().push(at);
            }
            keep
        },
    )
    .await?;
    let positions = positions.into_inner();
    let mut report = DlqReport {
        stream: a.key.clone(),
        group: a.group.clone(),
        dlq: dlq.clone(),
        dry_run: a.change.dry_run,
        min_deliveries: min,
        min_idle_ms: a.min_idle.as_millis() as u64,
        candidates: items.len() as u64,
        ids: Vec::new(),
        dlq_ids: Vec::new(),
        deleted: Vec::new(),
        skipped: Vec::new(),
        moved: 0,
        entries: items,
    };
    if a.change.dry_run {
        report.ids = report.entries.iter().map(|e| e.id.clone()).collect();
        ctx.out.emit_outcome(&report, true)?;
        return Ok(ExitStatus::Success);
    }
    if report.entries.is_empty() {
        ctx.out.emit_outcome(&report, true)?;
        return Ok(ExitStatus::Success);
    }
    let question = format!("{}{}", candidate_lines(&report.entries), report.describe());
    if !guard.confirm(&question)? {
        ctx.out.emit(&report)?;
        return Ok(ExitStatus::Problem);
    }
    // Ctrl-C lets the script in flight finish, then reports what moved (exit 130).
    let stop = crate::cmd::Stop::on_signal();
    let ids: Vec<String> = report.entries.iter().map(|e| e.id.clone()).collect();
    let idle = report.min_idle_ms.to_string();
    let mind = min.to_string();
    let group = a.group.as_bytes();
    let (key, dlq_key) = (&a.key, &dlq);
    let (idle, mind) = (idle.as_bytes(), mind.as_bytes());
    let calls = ids
        .chunks(BATCH)
        .zip(positions.chunks(BATCH))
        .map(|(page, pos)| {
            let mut conn = conn.clone();
            let stop = &stop;
            async move {
                if stop.requested() {
                    return Ok(None);
                }
                let at = rfc3339_ms(now_ms());
                let mode = batch_mode(pos);
                let args: [&[u8]; 5] = [group, idle, mind, &at, mode];
                let pairs = eval_pairs(&mut conn, &MOVE, [key, dlq_key], &args, page).await?;
                anyhow::Ok(Some((page, pairs)))
            }
        });
    let mut done = futures::stream::iter(calls).buffered(IN_FLIGHT);
    while let Some(r) = done.next().await {
        let Some((page, pairs)) = r? else { continue };
        for (id, (code, new_id)) in page.iter().zip(pairs) {
            match code {
                1 => {
                    report.moved += 1;
                    report.ids.push(id.clone());
                    report.dlq_ids.push(new_id);
                }
                2 => report.deleted.push(id.clone()),
                _ => report.skipped.push(id.clone()),
            }
        }
    }
    ctx.out.emit_outcome(&report, !stop.requested())?;
    if stop.requested() {
        crate::output::stderr_line(&format!(
            "redkit: interrupted after moving {} of {} entries",
            report.moved, report.candidates
        ));
        return Ok(ExitStatus::Interrupted);
    }
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_dead_letter_stream_shares_the_slot_on_a_cluster() {
        let k = Name::from("job_events:42");
        assert_eq!(
            default_dlq(&k, false),
            Some(Name::from("job_events:42:dlq"))
        );
        assert_eq!(
            default_dlq(&k, true),
            Some(Name::from("{job_events:42}:dlq"))
        );
        // A key with a hash tag keeps its tag: KEY:dlq is already in its slot.
        let t = Name::from("job_events:{42}");
        assert_eq!(
            default_dlq(&t, true),
            Some(Name::from("job_events:{42}:dlq"))
        );
        assert!(same_slot("x", &k, &Name::from("other"), true).is_err());
        // The hint names a key of the same slot, keeping a tag the key already has.
        let e = same_slot("x", &t, &Name::from("other"), true).unwrap_err();
        assert!(e.to_string().ends_with("e.g. job_events:{42}:dlq"), "{e}");
        let d = Name::from("{job_events:3001}:dlq");
        let e = same_slot("x", &d, &Name::from("job_events:9999"), true).unwrap_err();
        assert!(
            e.to_string().ends_with("e.g. {job_events:3001}:dlq:dlq"),
            "{e}"
        );
        assert!(same_slot("x", &k, &Name::from("other"), false).is_ok());
    }

    #[test]
    fn dense_batches_are_read_by_range_and_sparse_ones_per_id() {
        assert_eq!(batch_mode(&[0, 1, 2, 3]), b"r");
        // Every other pending entry still qualifies by range (8 apart, 4 ids: 7 < 8).
        assert_eq!(batch_mode(&[0, 2, 4, 7]), b"r");
        assert_eq!(batch_mode(&[0, 2, 4, 8]), b"i");
        assert_eq!(batch_mode(&[5]), b"r");
        assert_eq!(batch_mode(&[]), b"i");
    }

    #[test]
    fn dry_run_table_lists_ids_deliveries_and_idle() {
        let r = DlqReport {
            stream: "job_events:42".into(),
            group: "workers".into(),
            dlq: "job_events:42:dlq".into(),
            dry_run: true,
            min_deliveries: 3,
            min_idle_ms: 60_000,
            candidates: 1,
            entries: vec![PendingItem {
                id: "1700000000000-0".into(),
                consumer: "w-1".into(),
                idle_ms: 120_000,
                deliveries: 4,
                sid: crate::redis::streams::StreamId {
                    ms: 1_700_000_000_000,
                    seq: 0,
                },
            }],
            moved: 0,
            ids: vec![],
            dlq_ids: vec![],
            deleted: vec![],
            skipped: vec![],
        };
        assert_eq!(
            crate::cmd::table_of(&r),
            "dry run, nothing changed: would move 1 entry of group workers on job_events:42 \
             to job_events:42:dlq\n  1700000000000-0  from w-1  idle 2m  delivered 4 times\n"
        );
    }
}
