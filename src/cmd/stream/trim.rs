//! `redkit stream trim`: XTRIM MAXLEN / MINID on one stream or on every stream matching a glob
//! (on every master of a cluster). `--dry-run` counts what would go from each stream; without
//! `--yes` it asks on a terminal and refuses (exit 2) without one, so cron must say `--yes`.

use std::io::{self, Write};
use std::time::Duration;

use crate::output::Cell;
use clap::{ArgGroup, Args};
use serde::Serialize;

use super::ensure_stream;
use super::entry::parse_entries;
use super::hold::{self, GroupHold};
use super::id::{StreamId, now_ms};
use super::name::{self, Name};
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::ops::scan::{KeyType, scan_typed};
use crate::output::Format;
use crate::output::{Render, Ui};
use crate::redis::{ConnError, Keyed, Node, Unreached};

pub const EXAMPLES: &str = "\
Examples:
  redkit stream trim job_events:42 --maxlen 1000 --dry-run
  redkit stream trim --match 'job_events:*' --older-than 7d --dry-run
  redkit stream trim --match 'job_events:*' --older-than 7d --yes      from cron
  redkit stream trim job_events:42 --maxlen 1000 --approximate --yes

Entries a consumer group has not been delivered yet, or still has pending, are kept: the
trim stops at the oldest entry any group still needs, and the report says how many entries
it kept back and for which group. --include-unprocessed removes them anyway (the dry run
names the groups that would lose entries). Streams without groups trim as XTRIM does. On
Redis 8.2 and later the trim also passes ACKED, so the server re-checks the groups itself.

Without --yes, trim asks on a terminal and refuses (exit 2) when stdin is not one.
--approximate (XTRIM ~) is cheaper but may keep more than asked; its dry run is exact.";

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("which").required(true).args(["stream_key", "pattern"])))]
#[command(group(ArgGroup::new("rule").required(true).args(["maxlen", "older_than"])))]
pub struct TrimArgs {
    /// Stream key (bytes as given: `$'job\xff'` names a key that is not UTF-8)
    #[arg(id = "stream_key", value_name = "KEY", value_parser = name::parser())]
    pub key: Option<Name>,

    /// Every stream whose key matches GLOB (on every master of a cluster)
    #[arg(long = "match", value_name = "GLOB", value_parser = name::parser())]
    pub pattern: Option<Name>,

    /// Keep the newest N entries
    #[arg(long, value_name = "N")]
    pub maxlen: Option<u64>,

    /// Drop entries older than DUR (by their id's time)
    #[arg(long, value_name = "DUR", value_parser = crate::duration::clap_parse)]
    pub older_than: Option<Duration>,

    /// Let Redis trim whole nodes only (~): faster, may keep a few more entries
    #[arg(long)]
    pub approximate: bool,

    /// Also remove entries a consumer group has not been delivered or has pending (lost work
    /// for that group; asks, or --yes)
    #[arg(long)]
    pub include_unprocessed: bool,

    #[command(flatten)]
    pub confirm: crate::cmd::ConfirmArgs,
}

#[derive(Debug, Serialize)]
pub struct TrimReport {
    pub dry_run: bool,
    pub rule: String,
    pub approximate: bool,
    /// Whether `removed` is a maximum, not a count: a dry run with --approximate (Redis trims
    /// whole nodes only, so the real run may remove fewer; its report counts XTRIM's reply).
    pub upper_bound: bool,
    pub include_unprocessed: bool,
    pub streams: Vec<TrimmedStream>,
    /// Entries removed (or, in a dry run, that would be; with `upper_bound`, at most).
    pub removed: u64,
    /// Entries the rule selected but kept because a group still needs them.
    pub kept: u64,
    /// With --include-unprocessed: removed entries that some group had not processed.
    pub unprocessed_removed: u64,
    /// Streams that lost (or would lose) at least one entry.
    pub streams_affected: usize,
    /// Masters (and slots) that could not be reached with --match: their streams were not
    /// trimmed ([] when every master answered; exit 3 otherwise).
    pub unreached: Vec<Unreached>,
    /// With --match: dead-letter streams (KEY:dlq, {KEY}:dlq) the glob matched and that were
    /// left whole (dead letters wait for a person; name one as KEY to trim it).
    pub skipped_dead_letter_streams: Vec<Name>,
}

fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    crate::output::number::plural_with(n, one, many)
}

#[derive(Debug, Serialize)]
pub struct TrimmedStream {
    pub stream: Name,
    pub length: u64,
    pub removed: u64,
    /// Entries kept back for the groups (0 with --include-unprocessed).
    pub kept: u64,
    /// With --include-unprocessed: entries removed that some group had not processed.
    pub unprocessed_removed: u64,
    /// The oldest id the trim removes up to (entries below it go); null without a cut.
    pub minid: Option<String>,
    /// Every consumer group with what the rule would take from it ([] without groups).
    pub groups: Vec<GroupHold>,
    /// Whether XTRIM … ACKED was used (Redis 8.2+).
    pub acked: bool,
}

impl TrimmedStream {
    /// "kept 7 entries: group g has not read them", or for --include-unprocessed who loses.
    pub fn note(&self) -> String {
        let losing: Vec<&GroupHold> = self.groups.iter().filter(|g| g.unprocessed > 0).collect();
        if losing.is_empty() {
            return String::new();
        }
        if self.kept > 0 {
            let why: Vec<String> = losing.iter().map(|g| g.reason(self.kept)).collect();
            return format!(
                "kept {}: {}",
                plural(self.kept, "entry", "entries"),
                why.join("; ")
            );
        }
        let who: Vec<String> = losing
            .iter()
            .map(|g| {
                format!(
                    "group {} loses {} ({} never delivered, {} pending)",
                    g.group, g.unprocessed, g.undelivered, g.pending
                )
            })
            .collect();
        who.join("; ")
    }
}

impl crate::output::Formats for TrimReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];
}

impl Render for TrimReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let mut t = ui.table();
        let verb = match (self.dry_run, self.upper_bound) {
            (true, true) => "would remove up to",
            (true, false) => "would remove",
            _ => "removed",
        };
        t.set_header(vec!["stream", "length", verb, "groups"]);
        // Only the streams that lose or keep entries: a glob over thousands would bury them.
        let shown: Vec<&TrimmedStream> = self
            .streams
            .iter()
            .filter(|s| s.removed > 0 || !s.note().is_empty())
            .collect();
        for s in &shown {
            t.add_row(vec![
                Cell::new(&s.stream),
                Cell::new(s.length),
                Cell::new(s.removed),
                Cell::new(s.note()),
            ]);
        }
        if !shown.is_empty() {
            writeln!(w, "{t}")?;
        }
        writeln!(
            w,
            "{} {} from {} ({} matched; {}{})",
            verb,
            plural(self.removed, "entry", "entries"),
            plural(self.streams_affected as u64, "stream", "streams"),
            self.streams.len(),
            self.rule,
            if self.approximate {
                ", approximate"
            } else {
                ""
            }
        )?;
        for u in &self.unreached {
            writeln!(w, "not reached, not trimmed: {u}")?;
        }
        if !self.skipped_dead_letter_streams.is_empty() {
            writeln!(
                w,
                "skipped {} (name one as KEY to trim it)",
                plural(
                    self.skipped_dead_letter_streams.len() as u64,
                    "dead-letter stream",
                    "dead-letter streams"
                )
            )?;
        }
        if self.kept > 0 {
            writeln!(
                w,
                "kept {} that consumer groups have not processed (--include-unprocessed removes them)",
                plural(self.kept, "entry", "entries")
            )?;
        }
        if self.unprocessed_removed > 0 {
            writeln!(
                w,
                "{} {} that consumer groups had not processed",
                if self.dry_run { "would lose" } else { "lost" },
                plural(self.unprocessed_removed, "entry", "entries")
            )?;
        }
        Ok(())
    }
}

/// What to trim by: a length to keep or an id below which entries go.
#[derive(Debug, Clone, Copy)]
enum Rule {
    MaxLen(u64),
    MinId(StreamId),
}

/// How many entries the rule removes from this stream (exactly, as XTRIM without ~ would).
async fn count_removable(conn: &mut Keyed, key: &Name, rule: Rule) -> anyhow::Result<(u64, u64)> {
    let len: u64 = conn
        .query(redis::cmd("XLEN").arg(key))
        .await
        .map_err(ConnError::into_runtime)?;
    let removable = match rule {
        Rule::MaxLen(n) => len.saturating_sub(n),
        Rule::MinId(min) => hold::count_below(conn, key, min).await?,
    };
    Ok((len, removable))
}

/// The plan for one stream: the rule's own cut, or (with groups) a MINID no group objects to.
#[derive(Debug, Clone, Copy)]
enum Cut {
    Rule,
    MinId(StreamId),
}

async fn xtrim(
    conn: &mut Keyed,
    key: &Name,
    rule: Rule,
    cut: Cut,
    approximate: bool,
    acked: bool,
) -> anyhow::Result<u64> {
    let mut cmd = redis::cmd("XTRIM");
    cmd.arg(key);
    let rule = match cut {
        Cut::Rule => rule,
        Cut::MinId(id) => Rule::MinId(id),
    };
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
    if acked {
        cmd.arg("ACKED");
    }
    conn.query(&cmd).await.map_err(ConnError::into_runtime)
}

/// Whether the server takes `XTRIM … ACKED` (Redis 8.2 and later); false when unknown.
async fn has_acked(conn: &mut Keyed) -> bool {
    let Keyed::Single(node) = conn else {
        return false;
    };
    let Ok(text) = node.query::<String>(redis::cmd("INFO").arg("server")).await else {
        return false;
    };
    let info = crate::redis::Info::parse(&text);
    version_has_acked(info.get("redis_version").unwrap_or("0"))
}

/// `XTRIM … ACKED` came with Redis 8.2.
fn version_has_acked(version: &str) -> bool {
    let v: Vec<u64> = version.split('.').map(|p| p.parse().unwrap_or(0)).collect();
    (
        v.first().copied().unwrap_or(0),
        v.get(1).copied().unwrap_or(0),
    ) >= (8, 2)
}

/// Works out one stream's trim: the entries the rule selects, what the groups still need,
/// and the cut that respects them.
async fn plan(
    conn: &mut Keyed,
    key: &Name,
    rule: Rule,
    include_unprocessed: bool,
) -> anyhow::Result<(TrimmedStream, Cut)> {
    let (length, rule_removes) = count_removable(conn, key, rule).await?;
    let mut groups = hold::holds(conn, key).await?;
    let mut s = TrimmedStream {
        stream: key.clone(),
        length,
        removed: rule_removes,
        kept: 0,
        unprocessed_removed: 0,
        minid: None,
        groups: Vec::new(),
        acked: false,
    };
    if groups.is_empty() {
        return Ok((s, Cut::Rule));
    }
    // The rule's cut as an id: entries below it go.
    let cutoff = match rule {
        Rule::MinId(id) => Some(id),
        Rule::MaxLen(n) => match hold::id_at(conn, key, length, length.saturating_sub(n)).await? {
            Some(first_kept) => Some(first_kept),
            // Everything goes (MAXLEN 0, or n >= len with nothing to remove).
            None if rule_removes > 0 => last_id(conn, key).await?.and_then(StreamId::next),
            None => None,
        },
    };
    let Some(cutoff) = cutoff else {
        s.groups = groups;
        return Ok((s, Cut::Rule));
    };
    hold::measure(conn, key, &mut groups, cutoff).await?;
    let needed = groups.iter().filter_map(|g| g.from).min();
    let unprocessed = match needed.filter(|n| *n < cutoff) {
        Some(n) => rule_removes - hold::count_below(conn, key, n).await?.min(rule_removes),
        None => 0,
    };
    let effective = if include_unprocessed {
        cutoff
    } else {
        needed.map_or(cutoff, |n| n.min(cutoff))
    };
    if include_unprocessed {
        s.unprocessed_removed = unprocessed;
    } else {
        s.kept = unprocessed;
        s.removed = rule_removes - unprocessed;
    }
    s.minid = Some(effective.to_string());
    s.groups = groups;
    // A MINID, not MAXLEN, even when no group objects: entries added meanwhile would push a
    // MAXLEN cut into what the groups need.
    Ok((s, Cut::MinId(effective)))
}

async fn last_id(conn: &mut Keyed, key: &Name) -> anyhow::Result<Option<StreamId>> {
    let v: redis::Value = conn
        .query(&crate::redis::streams::last_entry_cmd(key))
        .await
        .map_err(ConnError::into_runtime)?;
    Ok(parse_entries(v)?.first().map(|e| e.id))
}

pub async fn run(ctx: &Ctx, args: &TrimArgs) -> anyhow::Result<ExitStatus> {
    let guard = args.confirm.guard("stream trim")?;
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
    let mut work: Vec<(Name, Keyed)> = Vec::new();
    let mut unreached: Vec<Unreached> = Vec::new();
    let mut dead_letter_streams: Vec<Name> = Vec::new();
    match (&args.key, &args.pattern) {
        (Some(k), _) => {
            let mut c = name::keyed_for(&target, k).await?;
            ensure_stream(&mut c, k).await?;
            work.push((k.clone(), c));
        }
        (None, Some(p)) => {
            let masters = target.masters().await?;
            // A master that cannot be reached is reported (and the exit is 3) after the
            // others are trimmed: partial work never looks like success.
            unreached = masters.unreached;
            for mut node in masters.nodes {
                scan_typed(
                    &mut node,
                    p.as_bytes(),
                    KeyType::Stream,
                    async |n: &mut Node, keys: Vec<Name>| {
                        for k in keys {
                            if super::jobs::is_dead_letter_stream(k.as_bytes()) {
                                dead_letter_streams.push(k);
                            } else {
                                work.push((k, Keyed::Single(n.clone())));
                            }
                        }
                        Ok(())
                    },
                )
                .await?;
            }
        }
        (None, None) => return Err(exit::usage("stream trim: give a KEY or --match GLOB")),
    }
    dead_letter_streams.sort();
    dead_letter_streams.dedup();
    work.sort_by(|a, b| a.0.cmp(&b.0));
    // SCAN may return a key twice.
    work.dedup_by(|a, b| a.0 == b.0);
    let mut streams = Vec::new();
    let mut cuts = Vec::new();
    let mut acked = Vec::new();
    // The server's version, asked once per node.
    let mut versions: std::collections::HashMap<String, bool> = std::collections::HashMap::new();
    for (k, c) in &mut work {
        let (s, cut) = plan(c, k, rule, args.include_unprocessed).await?;
        let use_acked = if matches!(cut, Cut::MinId(_)) && !args.include_unprocessed {
            match versions.get(c.addr()) {
                Some(v) => *v,
                None => {
                    let v = has_acked(c).await;
                    versions.insert(c.addr().to_string(), v);
                    v
                }
            }
        } else {
            false
        };
        streams.push(s);
        cuts.push(cut);
        acked.push(use_acked);
    }
    let mut report = TrimReport {
        dry_run: args.confirm.dry_run,
        rule: rule_text,
        approximate: args.approximate,
        upper_bound: args.approximate,
        include_unprocessed: args.include_unprocessed,
        unreached,
        removed: 0,
        kept: 0,
        unprocessed_removed: 0,
        streams_affected: 0,
        streams,
        skipped_dead_letter_streams: dead_letter_streams,
    };
    report.total();
    if !args.confirm.dry_run {
        let mut question = format!(
            "Trim {}{} from {}",
            if args.approximate { "up to " } else { "" },
            crate::ops::units::count(report.removed, "entry", "entries"),
            crate::ops::units::count(report.streams.len() as u64, "stream", "streams")
        );
        if report.unprocessed_removed > 0 {
            let groups: Vec<String> = report
                .streams
                .iter()
                .flat_map(|s| s.groups.iter().filter(|g| g.unprocessed > 0))
                .map(|g| g.group.to_string())
                .collect();
            question.push_str(&format!(
                ", including {} that groups have not processed ({})",
                crate::ops::units::count(report.unprocessed_removed, "entry", "entries"),
                groups.join(", ")
            ));
        }
        if !report.unreached.is_empty() {
            question.push_str(&format!(
                " ({} not reached: not trimmed)",
                crate::ops::units::count(report.unreached.len() as u64, "master", "masters")
            ));
        }
        if !guard.confirm(&question)? {
            ctx.out.problem("nothing trimmed");
            return Ok(ExitStatus::Problem);
        }
        // Ctrl-C from here on lets the XTRIM in flight finish, then reports what was removed
        // (exit 130). Before this point nothing has changed and Ctrl-C simply ends the process.
        let stop = crate::cmd::Stop::on_signal();
        let stopped = || stop.requested();
        // From here on the counts are XTRIM's replies.
        report.upper_bound = false;
        let mut done = 0;
        for (((_, c), s), (cut, use_acked)) in work
            .iter_mut()
            .zip(report.streams.iter_mut())
            .zip(cuts.iter().zip(&acked))
        {
            if stopped() {
                break;
            }
            done += 1;
            if s.removed == 0 && !args.approximate {
                continue;
            }
            // The server's count, not the plan's.
            s.removed = xtrim(c, &s.stream, rule, *cut, args.approximate, *use_acked).await?;
            s.acked = *use_acked;
        }
        if stopped() {
            report.streams.truncate(done);
            report.total();
            ctx.out.emit(&report)?;
            ctx.out.problem(format!(
                "redkit: interrupted after trimming {done} of {} streams",
                work.len()
            ));
            return Ok(ExitStatus::Interrupted);
        }
        report.total();
    }
    ctx.out.emit_outcome(&report, report.unreached.is_empty())?;
    if let Some(e) = crate::redis::unreached_error(&report.unreached) {
        return Err(e);
    }
    Ok(ExitStatus::Success)
}

impl TrimReport {
    fn total(&mut self) {
        self.removed = self.streams.iter().map(|s| s.removed).sum();
        self.kept = self.streams.iter().map(|s| s.kept).sum();
        self.unprocessed_removed = self.streams.iter().map(|s| s.unprocessed_removed).sum();
        self.streams_affected = self.streams.iter().filter(|s| s.removed > 0).count();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lists_the_streams_that_lose_entries_and_the_totals() {
        let stream = |name: &str, removed: u64| TrimmedStream {
            stream: name.into(),
            length: 100,
            removed,
            kept: 0,
            unprocessed_removed: 0,
            minid: None,
            groups: vec![],
            acked: false,
        };
        let mut r = TrimReport {
            dry_run: true,
            rule: "maxlen 90".into(),
            approximate: true,
            include_unprocessed: false,
            streams: vec![stream("job_events:1", 10), stream("job_events:2", 0)],
            removed: 10,
            kept: 1,
            unprocessed_removed: 0,
            streams_affected: 1,
            upper_bound: true,
            unreached: vec![],
            skipped_dead_letter_streams: vec![],
        };
        let text = crate::cmd::table_of(&r);
        let lines: Vec<Vec<&str>> = text
            .lines()
            .map(|l| l.split_whitespace().collect())
            .collect();
        // An approximate dry run's count is a maximum (Redis trims whole nodes only).
        assert_eq!(
            lines[0],
            ["stream", "length", "would", "remove", "up", "to", "groups"],
            "{text}"
        );
        assert_eq!(lines[1], ["job_events:1", "100", "10"], "{text}");
        // A stream that loses nothing is not listed.
        assert!(!text.contains("job_events:2"), "{text}");
        assert!(
            text.contains(
                "\nwould remove up to 10 entries from 1 stream (2 matched; maxlen 90, approximate)\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("kept 1 entry that consumer groups have not processed"),
            "{text}"
        );
        r.dry_run = false;
        r.upper_bound = false;
        r.kept = 0;
        r.unprocessed_removed = 2;
        let text = crate::cmd::table_of(&r);
        assert!(text.contains("removed 10 entries from 1 stream"), "{text}");
        assert!(
            text.contains("lost 2 entries that consumer groups had not processed"),
            "{text}"
        );
    }

    #[test]
    fn acked_from_redis_8_2_on() {
        for (v, has) in [
            ("7.0.15", false),
            ("8.0.2", false),
            ("8.1.9", false),
            ("8.2.0", true),
            ("8.10.1", true),
            ("10.0", true),
            ("", false),
        ] {
            assert_eq!(version_has_acked(v), has, "{v}");
        }
    }
}
