//! `redkit stream requeue`: put dead letters back as new entries of their stream (the
//! `dlq_stream` they came from, or `--to`), without the provenance fields, and remove them
//! from the dead-letter stream: XADD and XDEL in one Lua script per batch on the slot, so an
//! interrupted run never requeues an entry twice or drops one.

use std::io::{self, Write};

use clap::{ArgGroup, Args};
use serde::Serialize;

use super::dlq::{PROVENANCE, eval_pairs, same_slot};
use super::ensure_stream;
use super::entry::parse_entries;
use super::id::StreamId;
use super::name::{self, Name};
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::output::Format;
use crate::output::escape::escape_str;
use crate::output::{Render, Ui};
use crate::redis::{ConnError, Keyed, Mode};

pub const EXAMPLES: &str = "\
Examples:
  redkit stream requeue job_events:42:dlq --all --dry-run
  redkit stream requeue job_events:42:dlq --id 1700000000000-0 --yes
  redkit stream requeue job_events:42:dlq --all --to job_events:42-replay --yes

Each dead letter becomes a new entry (a new id, after every group's last-delivered id, so
the groups deliver it again) with its original fields byte for byte; the provenance fields
stream dlq added are dropped. Entries go back in the dead-letter stream's order.";

/// Per id: {1, new id} requeued, {0, ''} no longer in the dead-letter stream, {3, ''} nothing
/// left to add once the provenance fields are gone. The provenance fields are removed from
/// the tail when they are the six stream dlq appended, else wherever they are.
static REQUEUE: std::sync::LazyLock<super::script::Lua> =
    std::sync::LazyLock::new(|| super::script::Lua::new(REQUEUE_SCRIPT));

const REQUEUE_SCRIPT: &str = r"
local dlq, dst = KEYS[1], KEYS[2]
local names = {dlq_stream=1, dlq_id=1, dlq_group=1, dlq_consumer=1, dlq_deliveries=1, dlq_at=1}
local order = {'dlq_stream', 'dlq_id', 'dlq_group', 'dlq_consumer', 'dlq_deliveries', 'dlq_at'}
local out = {}
for i = 1, #ARGV do
  local id = ARGV[i]
  local r = redis.call('XRANGE', dlq, id, id)
  if #r == 0 then
    out[#out + 1] = {0, ''}
  else
    local f = r[1][2]
    local n = #f
    local tail = n >= 12
    if tail then
      for j = 1, 6 do
        if f[n - 12 + 2 * j - 1] ~= order[j] then tail = false end
      end
    end
    local keep = {}
    if tail then
      for j = 1, n - 12 do keep[j] = f[j] end
    else
      for j = 1, n, 2 do
        if not names[f[j]] then
          keep[#keep + 1] = f[j]; keep[#keep + 1] = f[j + 1]
        end
      end
    end
    if #keep == 0 then
      out[#out + 1] = {3, ''}
    else
      local nid = redis.call('XADD', dst, '*', unpack(keep))
      redis.call('XDEL', dlq, id)
      out[#out + 1] = {1, nid}
    end
  end
end
return out
";

const BATCH: usize = 100;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("which").required(true).args(["ids", "all"])))]
pub struct RequeueArgs {
    /// The dead-letter stream (bytes as given)
    #[arg(value_name = "DLQKEY", value_parser = name::parser())]
    pub dlq: Name,
    /// Requeue into this stream instead of each entry's dlq_stream
    #[arg(long, value_name = "KEY", value_parser = name::parser())]
    pub to: Option<Name>,
    /// Only these dead letters (repeat or separate with commas)
    #[arg(long = "id", value_name = "ID", value_delimiter = ',')]
    pub ids: Vec<String>,
    /// Every dead letter in the stream
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub change: crate::cmd::ConfirmArgs,
}

/// One dead letter as listed before it moves.
#[derive(Debug, Clone, Serialize)]
pub struct DeadLetter {
    pub id: String,
    /// Where it goes: --to, or its dlq_stream (null when it has none).
    pub stream: Option<Name>,
    /// Its id in the stream it came from (dlq_id), when recorded.
    pub original_id: Option<String>,
    pub group: Option<Name>,
    pub deliveries: Option<u64>,
    /// Whether it carries the provenance `stream dlq` writes (dlq_stream and dlq_id): only
    /// those are dead letters; another entry is never moved, even with --to.
    #[serde(skip)]
    pub provenance: bool,
}

#[derive(Debug, Serialize)]
pub struct RequeueReport {
    pub dlq: Name,
    pub to: Option<Name>,
    pub dry_run: bool,
    pub candidates: u64,
    pub entries: Vec<DeadLetter>,
    pub requeued: u64,
    /// Dead-letter ids requeued (a dry run: those that would be).
    pub ids: Vec<String>,
    /// The new ids, in the order of `ids`.
    pub new_ids: Vec<String>,
    /// Ids left where they are, each with why.
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub id: String,
    pub reason: String,
}

impl crate::output::Formats for RequeueReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];
}

fn entry_lines(entries: &[DeadLetter]) -> String {
    let mut out = String::new();
    for e in entries.iter().take(50) {
        out.push_str(&format!(
            "  {}  to {}  was {}  delivered {}\n",
            e.id,
            e.stream
                .as_ref()
                .map_or_else(|| "?".to_string(), Name::to_string),
            escape_str(e.original_id.as_deref().unwrap_or("?")),
            e.deliveries.map_or_else(
                || "?".into(),
                |d| crate::ops::units::count(d, "time", "times")
            )
        ));
    }
    if entries.len() > 50 {
        out.push_str(&format!("  … and {} more\n", entries.len() - 50));
    }
    out
}

impl Render for RequeueReport {
    fn table(&self, w: &mut dyn Write, _ui: &Ui) -> io::Result<()> {
        if self.dry_run {
            writeln!(
                w,
                "dry run, nothing changed: would requeue {} from {}",
                crate::ops::units::count(self.candidates, "entry", "entries"),
                self.dlq
            )?;
            write!(w, "{}", entry_lines(&self.entries))?;
        } else {
            writeln!(
                w,
                "{}requeued {} of {} entries from {}",
                if self.requeued == 0 {
                    "nothing changed: "
                } else {
                    ""
                },
                self.requeued,
                self.candidates,
                self.dlq
            )?;
        }
        for s in self.skipped.iter().take(20) {
            writeln!(w, "  left {}: {}", escape_str(&s.id), s.reason)?;
        }
        if self.skipped.len() > 20 {
            writeln!(w, "  … and {} more left", self.skipped.len() - 20)?;
        }
        Ok(())
    }
}

fn field_text(fields: &[(Vec<u8>, Vec<u8>)], name: &str) -> Option<Vec<u8>> {
    fields
        .iter()
        .rev()
        .find(|(k, _)| k == name.as_bytes())
        .map(|(_, v)| v.clone())
}

fn letter(id: StreamId, fields: &[(Vec<u8>, Vec<u8>)], to: Option<&Name>) -> DeadLetter {
    let text = |n: &str| field_text(fields, n).map(|v| String::from_utf8_lossy(&v).into_owned());
    DeadLetter {
        id: id.to_string(),
        stream: to
            .cloned()
            .or_else(|| field_text(fields, PROVENANCE[0]).map(Name)),
        original_id: text(PROVENANCE[1]),
        group: field_text(fields, PROVENANCE[2]).map(Name),
        deliveries: text(PROVENANCE[4]).and_then(|d| d.parse().ok()),
        provenance: field_text(fields, PROVENANCE[0]).is_some()
            && field_text(fields, PROVENANCE[1]).is_some(),
    }
}

/// The dead letters chosen: every one (paged) or the given ids (missing ones skipped).
async fn chosen(
    conn: &mut Keyed,
    a: &RequeueArgs,
    skipped: &mut Vec<Skipped>,
) -> anyhow::Result<Vec<DeadLetter>> {
    let mut out = Vec::new();
    if a.all {
        let mut start = StreamId::MIN;
        loop {
            let v: redis::Value = conn
                .query(
                    redis::cmd("XRANGE")
                        .arg(&a.dlq)
                        .arg(start.to_string())
                        .arg("+")
                        .arg("COUNT")
                        .arg(1000),
                )
                .await
                .map_err(ConnError::into_runtime)?;
            let page = parse_entries(v)?;
            let n = page.len();
            for e in page {
                start = e.id.next().unwrap_or(StreamId::MAX);
                out.push(letter(e.id, &e.fields, a.to.as_ref()));
            }
            if n < 1000 || start == StreamId::MAX {
                break;
            }
        }
        return Ok(out);
    }
    for t in &a.ids {
        let Some(id) = StreamId::parse(t.trim().as_bytes()).filter(|_| t.contains('-')) else {
            return Err(exit::usage(format!(
                "stream requeue: '{}' is not an entry id (1700000000000-0)",
                escape_str(t)
            )));
        };
        let s = id.to_string();
        let v: redis::Value = conn
            .query(redis::cmd("XRANGE").arg(&a.dlq).arg(&s).arg(&s))
            .await
            .map_err(ConnError::into_runtime)?;
        match parse_entries(v)?.into_iter().next() {
            Some(e) => out.push(letter(e.id, &e.fields, a.to.as_ref())),
            None => skipped.push(Skipped {
                id: s,
                reason: "not in the dead-letter stream".into(),
            }),
        }
    }
    Ok(out)
}

pub async fn run(ctx: &Ctx, a: &RequeueArgs) -> anyhow::Result<ExitStatus> {
    let what = "stream requeue";
    let guard = a.change.guard(what)?;
    let target = ctx.target()?;
    let cluster = matches!(target.mode, Mode::Cluster(_));
    if let Some(to) = &a.to {
        same_slot(what, &a.dlq, to, cluster)?;
    }
    let mut conn = name::keyed_for(&target, &a.dlq).await?;
    ensure_stream(&mut conn, &a.dlq).await?;
    let mut skipped = Vec::new();
    let all = chosen(&mut conn, a, &mut skipped).await?;
    // Entries without a destination, or (on a cluster) with one in another slot, stay.
    let mut entries = Vec::with_capacity(all.len());
    let listed = all.len();
    let mut plain = 0usize;
    for e in all {
        match &e.stream {
            _ if !e.provenance => {
                plain += 1;
                skipped.push(Skipped {
                    id: e.id.clone(),
                    reason: "not a dead letter (no dlq_stream and dlq_id fields)".into(),
                })
            }
            None => skipped.push(Skipped {
                id: e.id.clone(),
                reason: "no dlq_stream field (give --to)".into(),
            }),
            Some(s) if same_slot(what, &a.dlq, s, cluster).is_err() => skipped.push(Skipped {
                id: e.id.clone(),
                reason: format!("{s} is in another slot of the cluster (give --to)"),
            }),
            Some(s) if *s == a.dlq => skipped.push(Skipped {
                id: e.id.clone(),
                reason: "its stream is the dead-letter stream itself".into(),
            }),
            Some(_) => entries.push(e),
        }
    }
    // A stream none of whose entries is a dead letter is not a dead-letter stream (a job
    // stream named by mistake): refused, so requeue never empties it.
    if listed > 0 && plain == listed {
        return Err(exit::usage(format!(
            "{what}: {} holds no dead letters (no entry has the dlq_stream and dlq_id fields              stream dlq writes): name the dead-letter stream, e.g. {}:dlq",
            a.dlq, a.dlq
        )));
    }
    // A destination of another type would fail the XADD: named before anything moves.
    let mut dests: Vec<Name> = entries.iter().filter_map(|e| e.stream.clone()).collect();
    dests.sort();
    dests.dedup();
    for d in &dests {
        super::stream_exists(&mut conn, d).await?;
    }
    let mut report = RequeueReport {
        dlq: a.dlq.clone(),
        to: a.to.clone(),
        dry_run: a.change.dry_run,
        candidates: entries.len() as u64,
        entries,
        requeued: 0,
        ids: Vec::new(),
        new_ids: Vec::new(),
        skipped,
    };
    if a.change.dry_run || report.entries.is_empty() {
        if a.change.dry_run {
            report.ids = report.entries.iter().map(|e| e.id.clone()).collect();
        }
        ctx.out.emit_outcome(&report, true)?;
        return Ok(ExitStatus::Success);
    }
    let question = format!(
        "{}requeue {} from {}",
        entry_lines(&report.entries),
        crate::ops::units::count(report.candidates, "entry", "entries"),
        report.dlq
    );
    if !guard.confirm(&question)? {
        ctx.out.emit(&report)?;
        return Ok(ExitStatus::Problem);
    }
    let stop = crate::cmd::Stop::on_signal();
    // Runs of consecutive entries with one destination, in the dead-letter stream's order.
    let mut i = 0;
    while i < report.entries.len() && !stop.requested() {
        let dest = report.entries[i].stream.clone().unwrap_or_default();
        let mut j = i;
        while j < report.entries.len()
            && j - i < BATCH
            && report.entries[j].stream.as_ref() == Some(&dest)
        {
            j += 1;
        }
        let ids: Vec<String> = report.entries[i..j].iter().map(|e| e.id.clone()).collect();
        let pairs = eval_pairs(&mut conn, &REQUEUE, [&a.dlq, &dest], &[], &ids).await?;
        for (id, (code, new_id)) in ids.into_iter().zip(pairs) {
            match code {
                1 => {
                    report.requeued += 1;
                    report.ids.push(id);
                    report.new_ids.push(new_id);
                }
                3 => report.skipped.push(Skipped {
                    id,
                    reason: "only provenance fields, nothing to requeue".into(),
                }),
                _ => report.skipped.push(Skipped {
                    id,
                    reason: "removed from the dead-letter stream meanwhile".into(),
                }),
            }
        }
        i = j;
    }
    ctx.out.emit_outcome(&report, !stop.requested())?;
    if stop.requested() {
        crate::output::stderr_line(&format!(
            "redkit: interrupted after requeueing {} of {} entries",
            report.requeued, report.candidates
        ));
        return Ok(ExitStatus::Interrupted);
    }
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_letter_says_where_it_goes_back() {
        let f = |k: &str, v: &[u8]| (k.as_bytes().to_vec(), v.to_vec());
        let fields = vec![
            f("data", b"\xff"),
            f("dlq_stream", b"job_events:1"),
            f("dlq_id", b"5-0"),
            f("dlq_group", b"g"),
            f("dlq_consumer", b"c"),
            f("dlq_deliveries", b"4"),
            f("dlq_at", b"2026-01-01T00:00:00.000Z"),
        ];
        let l = letter(StreamId { ms: 9, seq: 0 }, &fields, None);
        assert_eq!(l.stream, Some(Name::from("job_events:1")));
        assert_eq!(
            (l.original_id.as_deref(), l.deliveries),
            (Some("5-0"), Some(4))
        );
        let l = letter(StreamId { ms: 9, seq: 0 }, &fields, Some(&Name::from("x")));
        assert_eq!(l.stream, Some(Name::from("x")));
        let text = crate::cmd::table_of(&RequeueReport {
            dlq: "job_events:1:dlq".into(),
            to: None,
            dry_run: true,
            candidates: 1,
            entries: vec![l],
            requeued: 0,
            ids: vec![],
            new_ids: vec![],
            skipped: vec![],
        });
        assert_eq!(
            text,
            "dry run, nothing changed: would requeue 1 entry from job_events:1:dlq\n  \
             9-0  to x  was 5-0  delivered 4 times\n"
        );
    }
}
