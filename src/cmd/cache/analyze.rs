//! `redkit cache analyze`: where the memory goes, read from an RDB snapshot (a file, stdin, or
//! one fetched over the replication protocol) without touching the keyspace: per key-shape
//! group (the grouping of `cache stats --top-prefixes`), the biggest keys, per database and
//! per type, as a table, JSON, ndjson lines per key, folded stacks or an SVG flame graph.

mod chunks;
mod cluster;
mod diff;
mod flame;
mod render;
mod replica;
mod tally;

use std::io::{self, Read, Write};
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::output::progress;
use crate::output::records::Records;
use crate::rdb::{Key, RdbError, Reader};
use crate::signal::Stop;

pub use cluster::NodeLine;
pub use diff::GroupDiff;
pub use tally::{DbTotals, Group, KeyLine, TtlHistogram, TypeTotals};

pub const EXAMPLES: &str = "\
Examples:
  redkit cache analyze --rdb /var/lib/redis/dump.rdb
  redkit cache analyze --rdb dump.rdb --depth 3 --format json > today.json
  redkit cache analyze --rdb dump.rdb --depth 3 --diff yesterday.json
  redkit cache analyze --rdb dump.rdb --keys | jq 'select(.ttl_seconds == null)'
  redkit cache analyze --rdb dump.rdb --svg memory.svg
  redkit cache analyze --from redis://replica-1:6379 --save snapshot.rdb
  cat dump.rdb | redkit cache analyze --rdb -";

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The RDB file to read (`-` for stdin)
    #[arg(long, value_name = "FILE", conflicts_with = "from")]
    pub rdb: Option<PathBuf>,

    /// Fetch a snapshot from this server over the replication protocol (as `redis-cli --rdb`
    /// does) and read it as it arrives, with no temporary file. With --cluster: a snapshot of
    /// every master (this URL, or --url, as the seed), added up into one report
    #[arg(long, value_name = "URL")]
    pub from: Option<String>,

    /// With --from (or --cluster): fetch the snapshot from a replica of that server (of each
    /// master with --cluster), found by INFO replication, sparing the primary
    #[arg(long)]
    pub from_replica: bool,

    /// With --from: also write the snapshot to FILE (one server: not with --cluster)
    #[arg(long, value_name = "FILE", requires = "from")]
    pub save: Option<PathBuf>,

    /// Separator of key segments
    #[arg(long, value_name = "SEP", default_value = ":")]
    pub separator: String,

    /// Named segments per group (the * of an id does not count)
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub depth: usize,

    /// Groups shown in the table (JSON has every group)
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub top: usize,

    /// How many of the biggest keys to list
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub biggest: usize,

    /// Print one JSON line per key (ndjson, for scripts) instead of the report
    #[arg(long, conflicts_with_all = ["folded", "diff"])]
    pub keys: bool,

    /// Print memory by prefix segment as folded stacks (`a;b;c bytes`) instead of the report
    #[arg(long, conflicts_with = "diff")]
    pub folded: bool,

    /// Also write a flame graph of memory by prefix segment to FILE (SVG)
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,

    /// The `list-compress-depth` of the server that wrote the dump (the dump does not say):
    /// quicklist nodes it keeps compressed count at their compressed size. Default: asked of
    /// the server with --from, else 0 (Redis's default)
    #[arg(long, value_name = "N")]
    pub list_compress_depth: Option<u64>,

    /// Show growth per group since an earlier analysis (its --format json output)
    #[arg(long, value_name = "OLD.json")]
    pub diff: Option<PathBuf>,
}

const NO_SOURCE: &str = "give --rdb FILE or --from URL (--rdb - reads the dump from stdin)";

/// The analysis of one dump.
#[derive(Debug, Serialize)]
pub struct AnalyzeReport {
    /// The file, `stdin`, or the server the snapshot came from.
    pub source: String,
    pub rdb_version: u32,
    /// The `redis-ver` aux field of the dump, when present.
    pub redis_version: Option<String>,
    /// Whether the dump's CRC64 was present and matched (false: written without one).
    pub checksum_verified: bool,
    /// Bytes read.
    pub file_bytes: u64,
    /// The number of keys.
    pub keys: u64,
    /// Estimated bytes in memory of all keys.
    pub bytes: u64,
    pub serialized_bytes: u64,
    pub keys_without_ttl: u64,
    pub ttl_histogram: TtlHistogram,
    pub separator: String,
    pub depth: usize,
    /// Every group, biggest first (with `(other groups)` when some were folded).
    pub groups: Vec<Group>,
    /// Groups folded into `(other groups)` to keep memory bounded: past 50,000 distinct
    /// groups the lightest make room (0: every group is its own row).
    pub folded_groups: u64,
    /// The biggest keys by estimated memory.
    pub biggest: Vec<KeyLine>,
    /// With --db N (or REDIS_DB): the one database counted (null: every database).
    #[serde(serialize_with = "only_db_number")]
    pub only_db: Option<OnlyDb>,
    /// With --db N: the keys of the other databases, read but not counted.
    pub keys_in_other_databases: u64,
    pub databases: Vec<DbTotals>,
    pub types: Vec<TypeTotals>,
    /// Function libraries in the dump.
    pub functions: u64,
    /// Modules with aux data in the dump.
    pub module_aux: Vec<String>,
    /// Cluster slots with slot info in the dump (0 outside a cluster).
    pub slots: u64,
    /// With --diff: growth per group, biggest absolute change first (null without).
    pub diff: Option<Vec<GroupDiff>>,
    /// With --cluster: what each master's snapshot held (the totals above add them up);
    /// empty for one dump.
    pub nodes: Vec<NodeLine>,
    /// Groups shown in the table.
    #[serde(skip)]
    pub top: usize,
}

fn only_db_number<S: serde::Serializer>(d: &Option<OnlyDb>, s: S) -> Result<S::Ok, S::Error> {
    d.as_ref().map(|d| d.db).serialize(s)
}

/// What the pass over the dump does with each key besides counting it.
enum Sink {
    Report,
    Keys(Records),
}

/// A dump that cannot be read is a bad input (exit 2), a failing input a runtime failure.
fn rdb_error(source: &str, e: RdbError) -> anyhow::Error {
    if e.io {
        // A connection error already names the server: not twice.
        let text = e.to_string();
        if text.contains(&format!("{source}: ")) {
            return exit::runtime(text);
        }
        exit::runtime(format!("{source}: {e}"))
    } else {
        exit::usage(format!("{source}: {e}"))
    }
}

/// A path (or any operator-given text) as shown in messages: control bytes escaped, so a
/// file name cannot drive the terminal.
pub(super) fn shown_path(p: &std::path::Path) -> String {
    crate::output::escape::escape_str(&p.to_string_lossy())
}

/// Output to stdout that failed (a full disk, a closed pipe is handled by the caller): named.
fn stdout_error(e: impl Into<anyhow::Error>) -> anyhow::Error {
    let e = e.into();
    if crate::output::is_broken_pipe(&e) {
        return e; // the reader has what it wanted: the caller ends quietly
    }
    exit::runtime(format!("cannot write to stdout: {e:#}"))
}

/// Ctrl-C during the read: exit 130, nothing written (a --save file is not renamed into place).
fn interrupted() -> anyhow::Error {
    exit::Coded {
        status: ExitStatus::Interrupted,
        message: "interrupted".into(),
    }
    .into()
}

/// Reads the whole dump once, counting every key.
fn read_dump<R: Read>(
    input: R,
    source: &str,
    a: &AnalyzeArgs,
    sink: &mut Sink,
    pb: &indicatif::ProgressBar,
    stop: &Stop,
    scope: Scope,
) -> anyhow::Result<AnalyzeReport> {
    let now_ms = chrono::Utc::now().timestamp_millis();
    let mut tally = tally::Tally::new(&a.separator, a.depth, a.biggest, now_ms);
    let mut reader = Reader::new(input).map_err(|e| {
        pb.finish_and_clear();
        if stop.requested() {
            interrupted()
        } else {
            rdb_error(source, e)
        }
    })?;
    reader.set_list_compress_depth(scope.compress_depth);
    let only = scope.db.as_ref().map(|d| d.db);
    let mut other_dbs: u64 = 0;
    let mut n: u64 = 0;
    loop {
        let key: Key = match reader.next_key() {
            Ok(Some(k)) => k,
            Ok(None) => break,
            // The progress line goes before the message (an error, "interrupted").
            Err(_) if stop.requested() => {
                pb.finish_and_clear();
                return Err(interrupted());
            }
            Err(e) => {
                pb.finish_and_clear();
                return Err(rdb_error(source, e));
            }
        };
        n += 1;
        if only.is_some_and(|d| d != key.db) {
            other_dbs += 1;
        } else {
            count_key(&mut tally, sink, &key, now_ms)?;
        }
        if n.is_multiple_of(512) {
            pb.set_position(reader.offset());
            if stop.requested() {
                pb.finish_and_clear();
                return Err(interrupted());
            }
        }
    }
    pb.finish_and_clear();
    let offset = reader.offset();
    let mut report = tally.finish(reader.meta(), source.to_string(), offset);
    report.keys_in_other_databases = other_dbs;
    report.only_db = scope.db;
    Ok(report)
}

/// Adds one key to the figures (and its line to --keys).
fn count_key(
    tally: &mut tally::Tally,
    sink: &mut Sink,
    key: &Key,
    now_ms: i64,
) -> anyhow::Result<()> {
    let group = tally.add(key);
    {
        if let Sink::Keys(rec) = sink {
            let line = KeyLine::of(key, group, now_ms);
            serde_json::to_writer(&mut *rec.buf(), &line)?;
            rec.buf().push(b'\n');
            rec.maybe_flush()?;
        }
    }
    Ok(())
}

/// What of the dump is counted, and how.
pub(super) struct Scope {
    /// The server's `list-compress-depth` (see --list-compress-depth).
    pub compress_depth: u64,
    pub db: Option<OnlyDb>,
}

/// `--db N` (or REDIS_DB, a URL's /N): only that database is counted.
#[derive(Debug, Clone, Serialize)]
pub struct OnlyDb {
    pub db: u64,
    /// Where it was set (`--db`, `REDIS_DB`, ...).
    pub origin: String,
}

/// The database the settings (or the `--from` URL's `/N`) restrict the analysis to; none
/// unless one was set somewhere: a dump holds every database and the report covers them all.
pub(super) fn only_db(ctx: &Ctx, a: &AnalyzeArgs) -> anyhow::Result<Option<OnlyDb>> {
    if let Some(db) = a
        .from
        .as_deref()
        .and_then(|u| crate::redis::parse_url(u).ok())
        .and_then(|p| p.db)
    {
        return Ok(Some(OnlyDb {
            db: db as u64,
            origin: "the --from URL".into(),
        }));
    }
    let db = &ctx.settings.redis()?.db;
    if db.source == crate::settings::Source::Default {
        return Ok(None);
    }
    Ok(Some(OnlyDb {
        db: db.value.max(0) as u64,
        origin: db.origin.clone(),
    }))
}

pub async fn run(ctx: &Ctx, a: &AnalyzeArgs) -> anyhow::Result<ExitStatus> {
    // Everything that can be refused is refused before the dump is read.
    let cluster = a.rdb.is_none() && ctx.settings.redis()?.cluster.value;
    if a.rdb.is_none() && a.from.is_none() && !cluster {
        return Err(exit::usage(NO_SOURCE));
    }
    if a.from.is_none() && !cluster && a.from_replica {
        return Err(exit::usage(
            "--from-replica needs --from URL or --cluster (it does nothing with --rdb)",
        ));
    }
    if cluster && let Some(p) = &a.save {
        return Err(exit::usage(format!(
            "--save {}: with --cluster there is one snapshot per master: save each with its own \
             --from URL --save FILE (without --cluster)",
            shown_path(p)
        )));
    }
    if a.rdb.is_some() {
        // clap's `requires` is not enforced next to `conflicts_with`: refuse here, before work.
        for (set, flag) in [
            (a.save.is_some(), "--save"),
            (a.from_replica, "--from-replica"),
        ] {
            if set {
                return Err(exit::usage(format!(
                    "{flag} needs --from URL (it does nothing with --rdb)"
                )));
            }
        }
    }
    if a.separator.is_empty() {
        return Err(exit::usage("--separator must not be empty"));
    }
    if a.depth == 0 {
        return Err(exit::usage("--depth must be at least 1"));
    }
    let baseline = a
        .diff
        .as_deref()
        .map(|p| {
            let db = only_db(ctx, a)?.map(|d| d.db);
            diff::Baseline::load(p, &a.separator, a.depth, db)
        })
        .transpose()?;
    if let Some(path) = &a.svg {
        check_writable_dir(path, "--svg")?;
    }
    if let Some(path) = &a.save {
        // Named as given, not as the temporary file beside it that is written first.
        check_writable_dir(path, "--save")?;
    }
    if (a.keys || a.folded) && ctx.out.format != crate::output::Format::Table {
        let flag = if a.keys { "--keys" } else { "--folded" };
        return Err(exit::usage(format!(
            "{flag} prints its own lines ({}): drop --format",
            if a.keys { "ndjson" } else { "folded stacks" }
        )));
    }
    let quiet = ctx.out.quiet;
    let mut sink = if a.keys {
        Sink::Keys(Records::quiet(quiet))
    } else {
        Sink::Report
    };
    let stop = Stop::on_signal();
    let mut report = match (&a.rdb, &a.from) {
        (Some(path), _) if path.as_os_str() == "-" => {
            use std::io::IsTerminal;
            if io::stdin().is_terminal() {
                crate::output::stderr_line(
                    "redkit: reading the dump from stdin (pipe one in, e.g. `cat dump.rdb | redkit cache analyze --rdb -`; Ctrl-C stops)",
                );
            }
            let pb = progress::bar(
                &ctx.out,
                None,
                "{spinner} {binary_bytes} read, {binary_bytes_per_sec}",
            );
            read_dump(
                chunks::stdin(&stop),
                "stdin",
                a,
                &mut sink,
                &pb,
                &stop,
                Scope {
                    compress_depth: a.list_compress_depth.unwrap_or(0),
                    db: only_db(ctx, a)?,
                },
            )?
        }
        (Some(path), _) => {
            let shown = shown_path(path);
            if path.is_dir() {
                return Err(exit::usage(format!("--rdb {shown}: is a directory")));
            }
            let file = std::fs::File::open(path)
                .map_err(|e| exit::usage(format!("--rdb {shown}: {e}")))?;
            let len = file.metadata().map(|m| m.len()).ok();
            let pb = progress::bar(
                &ctx.out,
                len,
                "{bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec}, eta {eta}",
            );
            read_dump(
                file,
                &shown,
                a,
                &mut sink,
                &pb,
                &stop,
                Scope {
                    compress_depth: a.list_compress_depth.unwrap_or(0),
                    db: only_db(ctx, a)?,
                },
            )?
        }
        (None, from) => replica::analyze(ctx, from.as_deref(), a, &mut sink, &stop).await?,
    };
    report.top = a.top;
    let table = ctx.out.format == crate::output::Format::Table && !a.folded;
    if report.folded_groups > 0 && !quiet && !a.keys && !table {
        // The table says it in its own words; the other outputs get the note on stderr
        // (--keys lines name each key's own group).
        ctx.out.warn(render::folded_note(report.folded_groups));
    }
    // A dump with no key is like a query that finds nothing: exit 1 (the report still prints).
    let status = if report.keys == 0 {
        ExitStatus::Problem
    } else {
        ExitStatus::Success
    };
    if let Sink::Keys(mut rec) = sink {
        rec.flush().map_err(stdout_error)?;
        return Ok(status);
    }
    let lines = flame::folded(&report.groups, &a.separator);
    if let Some(path) = &a.svg {
        let svg = flame::svg(&lines, &format!("Memory by key prefix: {}", report.source))?;
        crate::output::write_atomic(path, &svg)
            .map_err(|e| exit::usage(format!("--svg {}: {}", shown_path(path), e.root_cause())))?;
    }
    if a.folded {
        if !quiet {
            let mut out = io::stdout().lock();
            for l in &lines {
                writeln!(out, "{l}").map_err(stdout_error)?;
            }
            out.flush().map_err(stdout_error)?;
        }
        return Ok(status);
    }
    if let Some(b) = &baseline {
        report.diff = Some(b.compare(&report.groups));
    }
    if quiet {
        return Ok(status);
    }
    if ctx.out.format == crate::output::Format::Ndjson {
        let mut out = io::BufWriter::new(io::stdout().lock());
        report
            .write_ndjson(&mut out)
            .and_then(|()| out.flush())
            .map_err(stdout_error)?;
    } else {
        ctx.out.emit(&report).map_err(stdout_error)?;
    }
    Ok(status)
}

/// An output file's directory must exist and be a directory: refused (exit 2) before the dump
/// is read, naming the path as given.
fn check_writable_dir(path: &std::path::Path, flag: &str) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let shown = shown_path(path);
    if path.is_dir() {
        return Err(exit::usage(format!("{flag} {shown}: is a directory")));
    }
    if !dir.is_dir() {
        return Err(exit::usage(format!(
            "{flag} {shown}: no such directory {}",
            shown_path(dir)
        )));
    }
    Ok(())
}
