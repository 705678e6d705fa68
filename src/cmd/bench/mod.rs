//! `redkit bench`: load generation for the application's operations, with honest latency
//! percentiles, saved baselines and a regression check for cron.

pub mod driver;
pub mod hdr;
pub mod html;
pub mod jobs;
pub mod keys;
pub mod machine;
pub mod ramp;
pub mod report;
pub mod scenario;
pub mod slo;
pub mod suite;
pub mod values;
pub mod verdict;
pub mod workload;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::Context;
use clap::Args;

use crate::cmd::{Ctx, Stop, problem_if};
use crate::duration;
use crate::exit::{self, ExitStatus};
use crate::ops::keys::escape_glob;
use crate::ops::unlink as flush;
use crate::output::{progress, write_atomic};
use crate::redis::cluster::Router;
use crate::redis::raw::RawOptions;
use crate::redis::{Mode, Node, cluster_nodes};
use driver::{ConnSpec, Live, Phase};
use report::{BenchReport, Params, ServerInfo, WorkloadResult};
use values::{DataSize, Ttl, ValueKind};
use verdict::Verdict;
use workload::{KeyPattern, Shape, Workload};

pub const EXAMPLES: &str = "\
Examples:
  redkit bench                                      SET then GET, 50 clients, 100000 requests
  redkit bench --workload set --workload get -P 16 -n 1000000
  redkit bench --workload mset --workload set --batch 10   batch against one-by-one
  redkit bench --workload xadd -d 200 --duration 30s       job events like the application's
  redkit bench --workload get --rate 20000 --duration 1m   open loop, latency from the schedule
  redkit bench --save baseline.json
  redkit bench --runs 5 --save baseline.json         median and spread of 5 runs
  redkit bench --compare baseline.json --max-regression 10 || alert   from cron
  redkit bench -w get --slo 'p99<2ms,ops>50000'      absolute goals, exit 1 when missed
  redkit bench --workload set --keep-keys --yes     write beside other keys, leave ours
  redkit bench --workload custom -- SET {key} {value} EX 60
  redkit bench --suite batching --suite pool --report bench.html   the team's questions
  redkit bench --suite values --duration 1s --format json
  redkit bench -w get --ramp 10000:10000:200000 --slo 'p99<2ms'    highest rate meeting p99<2ms
  redkit bench -w mixed --replica redis://replica:6379             reads on the replica

A run that writes removes the keys under --key-prefix at the end (--keep-keys leaves them) and
asks before writing into a database that holds other keys (--yes to skip the question).";

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Workload to run (repeat for several, run one after another) [default: set, get]
    #[arg(
        short,
        long = "workload",
        value_enum,
        value_name = "W",
        conflicts_with = "compare"
    )]
    pub workloads: Vec<Workload>,

    /// Connections
    #[arg(short, long, value_name = "N", default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..=10_000), conflicts_with = "compare")]
    pub clients: u64,

    /// Commands per round trip on each connection
    #[arg(short = 'P', long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=10_000), conflicts_with = "compare")]
    pub pipeline: u64,

    /// Requests per workload [default: 100000 unless --duration]
    #[arg(short = 'n', long, value_name = "N", conflicts_with_all = ["duration", "compare"], value_parser = clap::value_parser!(u64).range(1..))]
    pub requests: Option<u64>,

    /// Run each workload this long instead of a number of requests
    #[arg(long, value_name = "DUR", value_parser = duration::clap_parse, conflicts_with = "compare")]
    pub duration: Option<Duration>,

    /// Number of distinct keys
    #[arg(long, value_name = "N", default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..), conflicts_with = "compare")]
    pub keyspace: u64,

    /// Prefix of every key written
    #[arg(
        long,
        value_name = "P",
        default_value = "bench:",
        conflicts_with = "compare"
    )]
    pub key_prefix: String,

    /// OS threads driving the clients [default: number of cores]
    #[arg(long, value_name = "N", conflicts_with = "compare")]
    pub threads: Option<usize>,

    /// Run this long before measuring
    #[arg(long, value_name = "DUR", value_parser = duration::clap_parse, default_value = "0s", conflicts_with = "compare")]
    pub warmup: Duration,

    /// Open loop: send OPS requests per second on a schedule; latency counts from the schedule
    #[arg(long, value_name = "OPS", conflicts_with = "compare")]
    pub rate: Option<f64>,

    /// Keys per MSET/MGET (at most 100000)
    #[arg(
        long,
        value_name = "N",
        default_value_t = 10,
        conflicts_with = "compare"
    )]
    pub batch: usize,

    /// SET:GET proportion for the mixed workload
    #[arg(
        long,
        value_name = "S:G",
        default_value = "1:10",
        conflicts_with = "compare"
    )]
    pub ratio: String,

    /// Include a per-second timeline in the report: commands measured in each second (under
    /// the table, and `timeline` in JSON)
    #[arg(long)]
    pub timeline: bool,

    /// Write the report to FILE (atomically) as a baseline
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,

    /// Run the parameters saved in FILE and compare; exit 1 on a regression. The load's shape
    /// (workloads, clients, threads, sizes, keys, rate) is the baseline's: giving one of those flags too
    /// is a usage error, not silently ignored
    #[arg(long, value_name = "FILE")]
    pub compare: Option<PathBuf>,

    /// Allowed drop in ops/s or rise in p99, in percent (a change within the measured noise of
    /// the runs is never a regression); with --compare [default: 10]
    // An Option, so that given without --compare (where it would silently do nothing) it can
    // be refused (`run`).
    #[arg(long, value_name = "PCT")]
    pub max_regression: Option<f64>,

    /// Run each workload N times and report the median and spread [default: 1; with
    /// --compare the baseline's, at least 3]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=50))]
    pub runs: Option<u64>,

    /// Absolute goals every workload must meet, e.g. 'p99<2ms,ops>50000' (exit 1 when missed)
    #[arg(long, value_name = "GOALS")]
    pub slo: Option<String>,

    /// Leave the keys the run wrote (by default every key under --key-prefix is removed at the
    /// end of a run that writes)
    #[arg(long)]
    pub keep_keys: bool,

    /// Write even into a database that holds keys the run did not write, outside --key-prefix
    /// or already under it (no question asked; the cleanup removes every key under the prefix)
    #[arg(short = 'y', long)]
    pub yes: bool,

    /// Remove the keys under --key-prefix afterwards (the default now; kept for old scripts)
    #[arg(long, hide = true, conflicts_with = "keep_keys")]
    pub cleanup: bool,

    /// Which word of the custom command is its key, routed to the key's master on a cluster
    /// (0 is the command's name) [default: the first key, as the server names it]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..), conflicts_with = "compare")]
    pub key_index: Option<u64>,

    /// Error replies allowed per workload, in percent of its requests; above it the run exits 1
    /// naming the error codes
    #[arg(long, value_name = "PCT", default_value_t = 0.1)]
    pub max_errors: f64,

    /// Keys, values, expiry and the length of a judged run (boxed: they keep the command
    /// enum small).
    #[command(flatten)]
    pub shape: Box<ShapeArgs>,

    /// Files written from the run's histograms and samples.
    #[command(flatten)]
    pub files: Box<FileArgs>,

    /// Suites, ramps and where reads go.
    #[command(flatten)]
    pub plan: Box<PlanArgs>,

    /// Weighted commands and sequences on one key from a YAML file (see the README); each
    /// entry may set its own key_pattern, keyspace, data_size, value and ttl
    #[arg(long, value_name = "FILE", conflicts_with = "compare")]
    pub scenario: Option<PathBuf>,

    /// The command for --workload custom, e.g. -- SET {key} {value}
    #[arg(last = true, value_name = "CMD", conflicts_with = "compare")]
    pub custom: Vec<String>,
}

/// The team's questions as suites, capacity ramps, and reads from replicas.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Run a suite instead of workloads (repeat for several): batching (MSET/MGET of 1 to
    /// 1000 keys against the same keys one by one), pool (1 to 256 connections, the knee
    /// named), values (64 B to 1 MiB), app (the cache and jobs workloads at the application's
    /// shapes). Each step lasts --duration (500ms by default) or -n requests
    #[arg(long = "suite", value_enum, value_name = "S", conflicts_with_all = ["workloads", "compare", "save", "ramp", "scenario"])]
    pub suites: Vec<suite::Suite>,

    /// With --suite: also write one self-contained HTML page with SVG charts to FILE
    #[arg(long, value_name = "FILE", requires = "suites")]
    pub report: Option<PathBuf>,

    /// Open loop at rising rates, START, START+STEP, ... up to MAX ops/s, each step
    /// --duration long (1s by default): the highest rate that meets --slo. Stops after two
    /// missed steps in a row
    #[arg(long, value_name = "START:STEP[:MAX]", value_parser = ramp::Ramp::parse, requires = "slo", conflicts_with_all = ["compare", "save", "rate", "requests"])]
    pub ramp: Option<ramp::Ramp>,

    /// Reads (GET, MGET, HGETALL, XREAD, the reads of mixed, cache, custom and scenario
    /// commands) go to a replica of each master of the cluster; writes to the masters
    #[arg(long)]
    pub read_from_replicas: bool,

    /// Standalone: reads go to the replica at URL, writes to the primary (the primary's
    /// credentials, database and TLS are used; no password in the URL)
    #[arg(long, value_name = "URL")]
    pub replica: Option<String>,
}

/// Histograms and samples written to files.
#[derive(Debug, Args)]
pub struct FileArgs {
    /// Write each workload's latency histogram as PREFIX<workload>.hgrm (HdrHistogram
    /// percentile distribution, ms) and its 100 ms interval log as PREFIX<workload>.hlog
    #[arg(long, value_name = "PREFIX")]
    pub hdr_out: Option<PathBuf>,

    /// Write every 100 ms sample (ops/s, p50, p99 per workload) to FILE as ndjson
    #[arg(long, value_name = "FILE")]
    pub timeline_out: Option<PathBuf>,
}

/// How keys and values are shaped, and how long a judged run lasts.
#[derive(Debug, Args)]
pub struct ShapeArgs {
    /// How keys are picked from the key space: random, sequential, gaussian, zipf[:S] (rank k
    /// with probability ∝ 1/k^S, S 0.99 by default) or hotspot:P%:Q% (Q% of the requests on
    /// the first P% of the keys)
    #[arg(long, value_name = "P", default_value = "random", value_parser = KeyPattern::parse, conflicts_with = "compare")]
    pub key_pattern: KeyPattern,

    /// Value size in bytes (at most 64 MiB): N, a range A..B (uniform), or weighted sizes
    /// SIZE:WEIGHT,... (64:70,1024:25,65536:5); k and m suffixes
    #[arg(
        short = 'd',
        long,
        value_name = "BYTES",
        default_value = "64",
        value_parser = DataSize::parse,
        conflicts_with = "compare"
    )]
    pub data_size: DataSize,

    /// What values hold: raw bytes, or JSON objects of the size asked (like the cache's)
    #[arg(long = "value", value_enum, value_name = "KIND", default_value_t = ValueKind::Raw, conflicts_with = "compare")]
    pub value_kind: ValueKind,

    /// Expiry of every SET (set, mixed): a duration (60s) or a range (10s..1h)
    #[arg(long, value_name = "DUR", value_parser = Ttl::parse, conflicts_with = "compare")]
    pub ttl: Option<Ttl>,

    /// Each run's measured part lasts at least this long: -n is raised (the clients keep
    /// sending) and a shorter --duration lengthened. [default: 2s with --save or --compare,
    /// where a verdict needs samples; none otherwise]
    #[arg(long, value_name = "DUR", value_parser = duration::clap_parse)]
    pub min_run: Option<Duration>,
}

fn parse_ratio(text: &str) -> anyhow::Result<(u32, u32)> {
    let bad = || exit::usage(format!("--ratio {text}: expected SET:GET, e.g. 1:10"));
    let (a, b) = text.split_once(':').ok_or_else(bad)?;
    let (a, b): (u32, u32) = (
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    );
    if a + b == 0 {
        return Err(bad());
    }
    Ok((a, b))
}

impl BenchArgs {
    fn params(&self) -> anyhow::Result<Params> {
        let mut workloads = self.workloads.clone();
        let scenario = self
            .scenario
            .as_deref()
            .map(|path| {
                scenario::load(
                    path,
                    (
                        self.shape.key_pattern,
                        self.keyspace,
                        &self.shape.data_size,
                        self.shape.value_kind,
                    ),
                )
            })
            .transpose()?;
        if scenario.is_some() && !workloads.contains(&Workload::Scenario) {
            workloads.push(Workload::Scenario);
        }
        if workloads.contains(&Workload::Scenario) && scenario.is_none() {
            return Err(exit::usage("--workload scenario needs --scenario FILE"));
        }
        if workloads.is_empty() {
            workloads = if self.custom.is_empty() {
                vec![Workload::Set, Workload::Get]
            } else {
                vec![Workload::Custom]
            };
        }
        if workloads.contains(&Workload::Custom) && self.custom.is_empty() {
            return Err(exit::usage(
                "--workload custom needs the command after --, e.g. -- SET {key} {value}",
            ));
        }
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1);
        Ok(Params {
            workloads,
            clients: self.clients as usize,
            pipeline: self.pipeline as usize,
            requests: if self.duration.is_some() {
                None
            } else {
                Some(self.requests.unwrap_or(100_000))
            },
            duration_ms: self.duration.map(|d| d.as_millis() as u64),
            data_size: self.shape.data_size.max(),
            data_sizes: (!matches!(self.shape.data_size, DataSize::Fixed(_)))
                .then(|| self.shape.data_size.clone()),
            value_kind: self.shape.value_kind,
            ttl: self.shape.ttl,
            keyspace: self.keyspace,
            key_pattern: self.shape.key_pattern,
            key_prefix: self.key_prefix.clone(),
            threads: self.threads.unwrap_or(cores).max(1),
            warmup_ms: self.warmup.as_millis() as u64,
            rate: self.rate,
            batch: self.batch,
            ratio: self.ratio.clone(),
            custom: self.custom.clone(),
            key_index: self.key_index.map(|i| i as usize),
            runs: self.runs.unwrap_or(1) as usize,
            min_run_ms: None,
            scenario,
            custom_writes: None,
        })
    }
}

/// The largest value and batch a run may ask for, and the most request bytes it may hold in
/// flight across its clients: beyond these the machine runs out of memory before the server
/// sees a command, so they are usage errors.
const MAX_DATA_SIZE: usize = 64 << 20;
const MAX_BATCH: usize = 100_000;
const MAX_KEY_PREFIX: usize = 1024;
const MAX_IN_FLIGHT: u128 = 1 << 30;
/// `--min-run` of a run that saves or compares a baseline: 20 samples of 100 ms per run.
const DEFAULT_MIN_RUN: Duration = Duration::from_secs(2);

/// Every check on the parameters (given or read from a baseline), before anything is sent.
fn check_params(p: &Params, remove_keys: bool) -> anyhow::Result<()> {
    if p.data_size > MAX_DATA_SIZE {
        return Err(exit::usage(format!(
            "--data-size {}: at most {MAX_DATA_SIZE} (64 MiB)",
            p.data_size
        )));
    }
    if p.batch == 0 || p.batch > MAX_BATCH {
        return Err(exit::usage(format!(
            "--batch {}: must be 1 to {MAX_BATCH}",
            p.batch
        )));
    }
    if p.key_prefix.len() > MAX_KEY_PREFIX {
        return Err(exit::usage(format!(
            "--key-prefix: at most {MAX_KEY_PREFIX} bytes"
        )));
    }
    if !(1..=10_000).contains(&p.clients) || !(1..=10_000).contains(&p.pipeline) {
        return Err(exit::usage("--clients and --pipeline: must be 1 to 10000"));
    }
    if !(1..=50).contains(&p.runs) {
        return Err(exit::usage(format!("--runs {}: must be 1 to 50", p.runs)));
    }
    if !(1..=1024).contains(&p.threads) {
        return Err(exit::usage("--threads: must be 1 to 1024"));
    }
    if let Some(r) = p.rate
        && !(r > 0.0 && r.is_finite())
    {
        return Err(exit::usage(format!("--rate {r}: must be above 0")));
    }
    if p.duration_ms == Some(0) {
        return Err(exit::usage(
            "--duration 0s: must be above 0 (it would measure nothing)",
        ));
    }
    // The jobs workload paces itself (a producer waits for its event's ack): a schedule or a
    // pipeline given for it alone would be silently ignored (beside other workloads they are
    // theirs).
    if !p.workloads.is_empty() && p.workloads.iter().all(|w| *w == Workload::Jobs) {
        if p.rate.is_some() {
            return Err(exit::usage(
                "--rate: not with -w jobs (its producers wait for their events' acks; use -c)",
            ));
        }
        if p.pipeline > 1 {
            return Err(exit::usage(
                "--pipeline: not with -w jobs (one event per producer is in flight; use -c)",
            ));
        }
    }
    parse_ratio(&p.ratio)?;
    if p.ttl.is_some()
        && let Some(w) = p.workloads.iter().find(|w| !w.takes_ttl())
    {
        return Err(exit::usage(format!(
            "--ttl: the {} workload cannot set an expiry (set, mixed and cache can; a custom \
             command says EX/PX itself)",
            w.name()
        )));
    }
    if let Some(i) = p.key_index {
        if !p.workloads.contains(&Workload::Custom) {
            return Err(exit::usage("--key-index is for --workload custom"));
        }
        if i == 0 || i >= p.custom.len() {
            return Err(exit::usage(format!(
                "--key-index {i}: the custom command has {} word(s) after its name; give 1 to {}",
                p.custom.len().saturating_sub(1),
                p.custom.len().saturating_sub(1)
            )));
        }
    }
    // One command's bytes: its value(s) and keys, and the custom command's own words.
    let custom: usize = p.custom.iter().map(|a| a.len() + 16).sum();
    let per_key = (p.data_size + p.key_prefix.len() + 48) as u128;
    let per_cmd = p
        .workloads
        .iter()
        .map(|w| {
            let keys = if w.is_batch() { p.batch as u128 } else { 1 };
            keys * per_key
                + if *w == Workload::Custom {
                    (custom + p.data_size) as u128
                } else {
                    0
                }
        })
        .max()
        .unwrap_or(0);
    let in_flight = per_cmd * p.clients as u128 * p.pipeline as u128;
    if in_flight > MAX_IN_FLIGHT {
        return Err(exit::usage(format!(
            "--clients {} x --pipeline {} x --batch {} x --data-size {}: about {} MiB of requests \
             in flight, more than the 1024 MiB allowed; lower one of them",
            p.clients,
            p.pipeline,
            p.batch,
            p.data_size,
            in_flight >> 20
        )));
    }
    let writes = p.workloads.iter().any(|w| w.writes());
    if p.key_prefix.is_empty() && writes {
        return Err(exit::usage(
            "--key-prefix '': a workload that writes needs a prefix, so its keys never land on the application's own",
        ));
    }
    if p.key_prefix.is_empty() && remove_keys {
        return Err(exit::usage(
            "--cleanup with an empty --key-prefix would delete every key",
        ));
    }
    Ok(())
}

/// The keys a run that writes would touch that it did not write, on any master: any key
/// outside the prefix (an application's database), and any key already under it (the run
/// overwrites them and the cleanup removes every key under the prefix, review-25 F9). Scans
/// at most `limit` keys per master; beyond that the database counts as foreign.
/// `db`: the database number named in the message (None on a cluster, which has only 0).
async fn foreign_keys(
    nodes: &[Node],
    db: Option<i64>,
    prefix: &str,
) -> anyhow::Result<Option<String>> {
    const LIMIT: u64 = 100_000;
    // The operator's own text, but escaped before a terminal as any other.
    let shown_prefix = crate::output::escape::escape_str(prefix);
    for n in nodes {
        let mut n = n.clone();
        let size: u64 = n.query(&redis::cmd("DBSIZE")).await?;
        if size == 0 {
            continue;
        }
        // Which database of which server, and how many keys: the operator's first question.
        let place = match db {
            Some(db) => format!("{} db {db}", n.addr),
            None => n.addr.to_string(),
        };
        let holds = crate::output::number::plural(size, "key");
        let mut scan = crate::ops::scan::Scan::new(n.clone(), b"*", 1000, Default::default());
        let mut seen: u64 = 0;
        let mut under = None;
        while let Some(keys) = scan.next_batch().await? {
            if let Some(k) = keys.iter().find(|k| !k.starts_with(prefix.as_bytes())) {
                let shown = crate::output::escape::escape_str(&String::from_utf8_lossy(k));
                let which = if size == 1 { "it is" } else { "some are" };
                return Ok(Some(format!(
                    "{place} holds {holds}, {which} outside '{shown_prefix}' (e.g. '{shown}')"
                )));
            }
            if under.is_none() {
                under = keys.first().cloned();
            }
            seen += keys.len() as u64;
            if seen >= LIMIT && !scan.done() {
                return Ok(Some(format!(
                    "{place} holds {holds}; the first {seen} are under '{shown_prefix}' but not all could be checked"
                )));
            }
        }
        if let Some(k) = under {
            let shown = crate::output::escape::escape_str(&String::from_utf8_lossy(&k));
            return Ok(Some(format!(
                "{place} already holds {holds} under '{shown_prefix}' (e.g. '{shown}'), which the run \
                 would overwrite and its cleanup remove"
            )));
        }
    }
    Ok(None)
}

/// The first reading workload that no earlier workload of the run feeds, when no master
/// holds a key under the prefix: its replies would all be nil, a measure of misses the
/// operator did not ask for (verify-25). Looks at a few SCAN pages per master, no more.
async fn reads_nothing(nodes: &[Node], params: &Params) -> Option<Workload> {
    let first = params.workloads.iter().position(|w| w.reads())?;
    if params.workloads[..first].iter().any(|w| w.writes()) {
        return None;
    }
    let mut glob = escape_glob(params.key_prefix.as_bytes());
    glob.push(b'*');
    for n in nodes {
        let mut scan = crate::ops::scan::Scan::new(n.clone(), &glob, 1000, Default::default());
        for _ in 0..20 {
            match scan.next_batch().await {
                Ok(Some(keys)) if !keys.is_empty() => return None,
                Ok(Some(_)) if !scan.done() => continue,
                // Done, or an error that the run itself will report: no finding.
                Ok(_) => break,
                Err(_) => return None,
            }
        }
        if !scan.done() {
            // A large database not scanned through: no claim either way.
            return None;
        }
    }
    Some(params.workloads[first])
}

/// What a run talks to: the raw benchmark sockets' settings, redis-rs nodes for INFO and
/// cleanup, and on a cluster the router the cleanup's UNLINKs follow redirections with.
pub(crate) struct Connections {
    spec: ConnSpec,
    nodes: Vec<Node>,
    /// The replicas reads go to (`--replica`, `--read-from-replicas`), for their INFO.
    replicas: Vec<Node>,
    server: ServerInfo,
    router: Option<Arc<Router>>,
    /// How to open fresh connections for the cleanup (the run's may have been dropped).
    auth: crate::redis::Auth,
    db: i64,
}

/// Where reads go: a replica of each cluster master, or one given replica of a standalone.
#[derive(Debug, Clone, Default)]
struct ReadsFrom {
    cluster_replicas: bool,
    replica: Option<crate::redis::Endpoint>,
}

impl ReadsFrom {
    fn from_args(a: &PlanArgs, cluster: bool) -> anyhow::Result<ReadsFrom> {
        let replica = match &a.replica {
            None => None,
            Some(_) if cluster => {
                return Err(exit::usage(
                    "--replica is for a standalone server; on a cluster use --read-from-replicas",
                ));
            }
            Some(url) => {
                let parsed = crate::settings::endpoint::parse_url(url)
                    .map_err(|e| exit::usage(format!("--replica: {e}")))?;
                if parsed.password.is_some() {
                    return Err(exit::usage(
                        "--replica: no password in the URL (command lines are visible to every \
                         user); the primary's credentials are used",
                    ));
                }
                Some(parsed.endpoint)
            }
        };
        if a.read_from_replicas && !cluster && replica.is_none() {
            return Err(exit::usage(
                "--read-from-replicas needs --cluster (or --replica URL for a standalone server)",
            ));
        }
        Ok(ReadsFrom {
            cluster_replicas: a.read_from_replicas && cluster,
            replica,
        })
    }
}

/// Connection settings for the raw benchmark sockets, and redis-rs nodes for INFO.
pub(crate) async fn connections(ctx: &Ctx, plan: &PlanArgs) -> anyhow::Result<Connections> {
    let target = ctx.target()?;
    let auth = &target.auth;
    let cluster = matches!(target.mode, Mode::Cluster(_));
    let reads = &ReadsFrom::from_args(plan, cluster)?;
    let mut spec = ConnSpec {
        endpoints: Vec::new(),
        slots: Vec::new(),
        // A cluster has only database 0.
        raw: RawOptions::from_auth(auth, if cluster { 0 } else { auth.db })?,
        read_endpoints: Vec::new(),
    };
    let nodes = match &target.mode {
        Mode::Cluster(_) => {
            // Load on part of a cluster would measure MOVED errors, not the server: a failed
            // master or unserved slots end the run before it starts (exit 3, named).
            let masters = target.masters().await?;
            if let Some(e) = masters.gap_error() {
                return Err(e);
            }
            if masters.nodes.len() > 255 {
                return Err(exit::usage("bench supports clusters of up to 255 masters"));
            }
            // Each reachable master's slots, from the same view of the cluster.
            let mut seed = target.connect_seed().await?;
            let all = cluster_nodes(&mut seed)
                .await
                .map_err(|e| e.into_runtime())?;
            spec.slots = vec![0u8; 16384];
            for (i, node) in masters.nodes.iter().enumerate() {
                let me = all
                    .iter()
                    .find(|n| n.is_master() && n.endpoint == node.endpoint);
                let ranges = me.iter().flat_map(|n| n.slots.iter());
                for (a, b) in ranges {
                    // A range past the last slot would be a server bug; it is ignored, not a panic.
                    for s in (*a..=*b).filter(|s| *s < 16384) {
                        spec.slots[usize::from(s)] = i as u8;
                    }
                }
                spec.endpoints.push(node.endpoint.clone());
                if reads.cluster_replicas {
                    // A healthy replica of this master, the first CLUSTER NODES lists.
                    let replica = me.and_then(|m| {
                        all.iter().find(|n| {
                            n.master_id.as_deref() == Some(m.id.as_str())
                                && !n.is_failed()
                                && !n.is_pfail()
                                && n.link_state == "connected"
                        })
                    });
                    let Some(r) = replica else {
                        return Err(exit::runtime(format!(
                            "--read-from-replicas: master {} has no reachable replica",
                            node.endpoint
                        )));
                    };
                    spec.read_endpoints.push(r.endpoint.clone());
                }
            }
            masters.nodes
        }
        _ => {
            let node = target.connect().await?;
            spec.endpoints.push(node.endpoint.clone());
            if let Some(r) = &reads.replica {
                spec.read_endpoints.push(r.clone());
            }
            vec![node]
        }
    };
    let mut replicas = Vec::new();
    for ep in &spec.read_endpoints {
        let n = auth
            .connect_db(ep, if cluster { 0 } else { auth.db })
            .await
            .with_context(|| format!("connecting to the replica {ep}"))?;
        replicas.push(n);
    }
    let mut first = nodes
        .first()
        .cloned()
        .ok_or_else(|| exit::runtime("the cluster reports no master that can take load"))?;
    let info: String = first.query(redis::cmd("INFO").arg("server")).await?;
    let server = ServerInfo {
        target: target.describe(),
        version: crate::redis::Info::parse(&info)
            .get("redis_version")
            .unwrap_or("?")
            .to_string(),
        masters: nodes.len(),
    };
    let router = cluster.then(|| Arc::new(Router::new(auth.clone(), &nodes)));
    Ok(Connections {
        spec,
        nodes,
        replicas,
        server,
        router,
        auth: auth.clone(),
        db: if cluster { 0 } else { auth.db },
    })
}

/// Which word of the custom command is its key: `--key-index`, else the first key the server
/// names for it (COMMAND GETKEYS, with the placeholders filled in), so a cluster routes
/// `SET agent:cache:{key} …` by `agent:cache:…`. None: a command without keys. Only a cluster
/// routes, so only a cluster is asked.
async fn custom_key_index(
    ctx: &Ctx,
    params: &Params,
    nodes: &[Node],
    cluster: bool,
) -> anyhow::Result<Option<usize>> {
    if !params.workloads.contains(&Workload::Custom) || params.custom.len() < 2 {
        return Ok(None);
    }
    if let Some(i) = params.key_index {
        return Ok(Some(i));
    }
    let fallback = Some(1);
    let Some(node) = nodes.first().filter(|_| cluster) else {
        return Ok(fallback);
    };
    let shape = workload::Shape {
        keyspace: 1,
        pattern: params.key_pattern,
        prefix: params.key_prefix.clone(),
        data: DataSize::Fixed(params.data_size.min(64)),
        value_kind: params.value_kind,
        ttl: None,
        batch: 1,
        ratio: (1, 1),
        custom: params.custom.clone(),
        key_index: None,
        scenario: None,
    };
    let key = format!("{}0", params.key_prefix).into_bytes();
    let args = workload::Gen::new(&shape, 0).custom_args(&key);
    let mut cmd = redis::cmd("COMMAND");
    cmd.arg("GETKEYS");
    for a in &args {
        cmd.arg(a);
    }
    let mut node = node.clone();
    match node.query::<redis::Value>(&cmd).await {
        Ok(redis::Value::Array(keys)) => {
            let first = keys.into_iter().find_map(|k| match k {
                redis::Value::BulkString(b) => Some(b),
                _ => None,
            });
            Ok(first.and_then(|k| args.iter().skip(1).position(|a| *a == k).map(|i| i + 1)))
        }
        Ok(redis::Value::ServerError(e))
            if e.details().is_some_and(|d| d.contains("no key arguments")) =>
        {
            Ok(None)
        }
        Err(e) if e.to_string().contains("no key arguments") => Ok(None),
        other => {
            // An unknown command or a user not allowed COMMAND: the word after the name.
            let why = match other {
                Err(e) => e.to_string(),
                Ok(v) => format!("{v:?}"),
            };
            ctx.out.verbose(
                1,
                format!("COMMAND GETKEYS did not name the key ({why}); routing by word 1"),
            );
            Ok(fallback)
        }
    }
}

/// Whether the custom command writes, from the server's own flags (`COMMAND INFO`): None when
/// there is no custom command or the server does not say (an old server, a user without
/// COMMAND).
async fn custom_writes(nodes: &[Node], params: &Params) -> Option<bool> {
    if !params.workloads.contains(&Workload::Custom) {
        return None;
    }
    let name = params.custom.first()?;
    let mut node = nodes.first()?.clone();
    let info: redis::Value = node
        .query(redis::cmd("COMMAND").arg("INFO").arg(name))
        .await
        .ok()?;
    // [[name, arity, [flags...], ...]]
    let redis::Value::Array(entries) = info else {
        return None;
    };
    let redis::Value::Array(entry) = entries.into_iter().next()? else {
        return None;
    };
    let redis::Value::Array(flags) = entry.into_iter().nth(2)? else {
        return None;
    };
    Some(flags.iter().any(|f| match f {
        redis::Value::SimpleString(s) => s.eq_ignore_ascii_case("write"),
        redis::Value::BulkString(b) => b.eq_ignore_ascii_case(b"write"),
        _ => false,
    }))
}

/// CPU time and run-queue wait of every master that runs on this machine (loopback or a unix
/// socket, with its INFO `process_id` a Redis process here): its starving counts with the
/// client's. None when no master is local.
async fn server_sched(nodes: &[Node], spec: &ConnSpec) -> Option<machine::Sched> {
    let local = |ep: &crate::redis::Endpoint| match ep {
        crate::redis::Endpoint::Unix(_) => true,
        crate::redis::Endpoint::Tcp { host, .. } => {
            host == "localhost"
                || host
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
    };
    let mut total: Option<machine::Sched> = None;
    for (n, ep) in nodes.iter().zip(&spec.endpoints) {
        if !local(ep) {
            continue;
        }
        let mut n = n.clone();
        let Ok(text) = n.query::<String>(redis::cmd("INFO").arg("server")).await else {
            continue;
        };
        let pid = crate::redis::Info::parse(&text)
            .get("process_id")
            .and_then(|p| p.parse::<u32>().ok());
        if let Some(s) = pid.and_then(machine::process) {
            total.get_or_insert_with(Default::default).add(s);
        }
    }
    total
}

/// Calls per command name from INFO commandstats, summed over the masters.
async fn command_calls(nodes: &[Node], names: &[&str]) -> anyhow::Result<u64> {
    let mut total = 0;
    for n in nodes {
        let mut n = n.clone();
        let text: String = n.query(redis::cmd("INFO").arg("commandstats")).await?;
        for name in names {
            // cmdstat_set:calls=N,usec=...
            let info = crate::redis::Info::parse(&text);
            let calls = info
                .get(&format!("cmdstat_{name}"))
                .map(crate::redis::info::subfields)
                .and_then(|f| f.get("calls").and_then(|c| c.parse::<u64>().ok()));
            total += calls.unwrap_or(0);
        }
    }
    Ok(total)
}

/// Calls per master for the workload's commands (to show every master got its share).
async fn calls_per_master(nodes: &[Node], names: &[&str]) -> anyhow::Result<Vec<u64>> {
    let mut out = Vec::new();
    for n in nodes {
        out.push(command_calls(std::slice::from_ref(n), names).await?);
    }
    Ok(out)
}

/// The jobs workload's plan: producers and workers on redis-rs connections (not the raw
/// driver).
fn jobs_plan(params: &Params, phase: &Phase, spec: &ConnSpec) -> jobs::JobsPlan {
    jobs::JobsPlan {
        prefix: params.key_prefix.clone(),
        jobs: params.keyspace.min(100),
        pattern: params.key_pattern,
        event_size: params.data_size,
        clients: params.clients,
        requests: phase.requests,
        duration: phase.duration,
        warmup: phase.warmup,
        min_run: phase.min_run,
        keep_intervals: phase.keep_intervals,
        slots: spec.slots.clone(),
        endpoints: spec.endpoints.clone(),
        cluster: !spec.slots.is_empty(),
    }
}

/// Runs every workload of `params` and builds the report.
pub(crate) async fn run_workloads(
    ctx: &Ctx,
    params: &Params,
    key_index: Option<usize>,
    conns: &Connections,
    timeline: bool,
    keep_intervals: bool,
) -> anyhow::Result<(BenchReport, Option<String>)> {
    let (spec, nodes, server) = (&conns.spec, &conns.nodes[..], conns.server.clone());
    let shape = Shape {
        keyspace: params.keyspace,
        pattern: params.key_pattern,
        prefix: params.key_prefix.clone(),
        data: params.sizes(),
        value_kind: params.value_kind,
        ttl: params.ttl,
        batch: params.batch,
        ratio: parse_ratio(&params.ratio)?,
        custom: params.custom.clone(),
        key_index,
        scenario: params.scenario.clone().map(Arc::new),
    };
    let runs = params.runs.max(1);
    let mut per_workload: Vec<Vec<WorkloadResult>> = vec![Vec::new(); params.workloads.len()];
    let mut fatal = None;
    // Ctrl-C stops the running workload; the report covers what was measured, then exit 130.
    let stop = Stop::on_signal();
    // Rounds of every workload in turn, so a slow drift of the machine touches them all alike.
    'rounds: for round in 0..runs {
        for (k, &w) in params.workloads.iter().enumerate() {
            if stop.requested() {
                break 'rounds;
            }
            // A custom command is counted by its own name (lower case, as INFO commandstats).
            let custom_name: Vec<String> = match (w, params.custom.first()) {
                (Workload::Custom, Some(c)) => vec![c.to_lowercase()],
                _ => Vec::new(),
            };
            let mut custom_name = custom_name;
            if let (Workload::Scenario, Some(sc)) = (w, &params.scenario) {
                for e in &sc.entries {
                    for c in &e.commands {
                        if let Some(name) = c.first() {
                            let name = name.to_lowercase();
                            if !custom_name.contains(&name) {
                                custom_name.push(name);
                            }
                        }
                    }
                }
            }
            let custom_names: Vec<&str> = custom_name.iter().map(String::as_str).collect();
            let names: &[&str] = if matches!(w, Workload::Custom | Workload::Scenario) {
                &custom_names
            } else {
                w.commands()
            };
            let before = calls_per_master(nodes, names).await?;
            // Replicas also execute the writes they replicate: only reads are theirs.
            let read_names: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| workload::is_read_command(n))
                .collect();
            let replicas_before = calls_per_master(&conns.replicas, &read_names).await?;
            let server_before = server_sched(nodes, spec).await;
            let phase = Phase {
                workload: w,
                clients: params.clients,
                pipeline: params.pipeline,
                requests: params.requests,
                duration: params.duration_ms.map(Duration::from_millis),
                warmup: Duration::from_millis(params.warmup_ms),
                rate: params.rate,
                threads: params.threads,
                shape: shape.clone(),
                min_run: params.min_run_ms.map(Duration::from_millis),
                keep_intervals,
            };
            let live = Arc::new(Live::default());
            let pb = progress::bar(&ctx.out, None, "{spinner} {msg}");
            let job = if w == Workload::Jobs {
                let plan = jobs_plan(params, &phase, spec);
                let (auth, live) = (conns.auth.clone(), live.clone());
                tokio::task::spawn_blocking(move || {
                    jobs::run_on_thread(&auth, &plan, live).map(|(o, f)| (o, Some(f)))
                })
            } else {
                let (live, spec) = (live.clone(), spec.clone());
                tokio::task::spawn_blocking(move || {
                    Ok((driver::run_phase(phase, spec, live), None))
                })
            };
            let started = std::time::Instant::now();
            let mut last = (0u64, started);
            let run_label = if runs > 1 {
                format!(" (run {}/{runs})", round + 1)
            } else {
                String::new()
            };
            while !job.is_finished() {
                tokio::time::sleep(Duration::from_millis(100)).await;
                if stop.requested() {
                    live.stop.store(true, Ordering::SeqCst);
                }
                let done = live.measured.load(Ordering::Relaxed);
                let now = std::time::Instant::now();
                let rate =
                    (done - last.0) as f64 / now.duration_since(last.1).as_secs_f64().max(1e-3);
                last = (done, now);
                // Rounded as every rate and latency on screen (review-21 F10).
                pb.set_message(live_line(
                    w.name(),
                    &run_label,
                    rate,
                    live.p99(),
                    done,
                    started.elapsed(),
                ));
            }
            pb.finish_and_clear();
            let (mut outcome, jobs_figures) = job
                .await
                .map_err(|e| exit::runtime(format!("benchmark thread failed: {e}")))??;
            let mut sched = outcome.sched;
            outcome.samples.client_wait_pct = sched.starved_pct();
            outcome.samples.client_cpu_us_per_op = sched.run_us_per(outcome.sent);
            if let (Some(a), Some(b)) = (server_before, server_sched(nodes, spec).await) {
                let server = b.since(a);
                outcome.samples.server_wait_pct = server.starved_pct();
                outcome.samples.server_wait_us_per_op = server.wait_us_per(outcome.sent);
                sched.add(server);
            }
            outcome.samples.cpu_wait_pct = sched.starved_pct();
            outcome.samples.cpu_wait_us_per_op = sched.wait_us_per(outcome.sent);
            let after = calls_per_master(nodes, names)
                .await
                .unwrap_or_else(|_| before.clone());
            let per_master: Vec<u64> = after
                .iter()
                .zip(&before)
                .map(|(a, b)| a.saturating_sub(*b))
                .collect();
            let fatal_now = outcome.fatal.clone();
            let mut r = WorkloadResult::from_outcome(w, params, outcome, &per_master, timeline);
            if let Some(f) = jobs_figures {
                r.events_acked = Some(f.acked);
                r.pending_left = Some(f.pending_left);
            }
            if !conns.replicas.is_empty() {
                let after = calls_per_master(&conns.replicas, &read_names)
                    .await
                    .unwrap_or_else(|_| replicas_before.clone());
                r.replica_calls = after
                    .iter()
                    .zip(&replicas_before)
                    .map(|(a, b)| a.saturating_sub(*b))
                    .collect();
            }
            per_workload[k].push(r);
            if let Some(f) = fatal_now {
                fatal = Some(f);
                break 'rounds;
            }
        }
    }
    let results: Vec<WorkloadResult> = per_workload
        .into_iter()
        .filter_map(WorkloadResult::combine)
        .collect();
    let mut report = BenchReport::new(params.clone(), server, results);
    report.interrupted = stop.requested();
    Ok((report, fatal))
}

/// Why a run's report must not become the baseline at `path` (review-25 F7, F8): an
/// interrupted run has no whole runs to judge by, and a compare that rolls its own baseline
/// forward (`--compare B --save B`) must not accept a regression, or a change it could not
/// judge, as the next night's standard.
fn save_refusal(report: &BenchReport, compare: Option<&Path>, path: &Path) -> Option<String> {
    if report.interrupted {
        return Some("the run was interrupted, and a baseline needs whole runs".to_string());
    }
    let same = compare.is_some_and(|c| {
        c == path
            || matches!((std::fs::canonicalize(c), std::fs::canonicalize(path)), (Ok(a), Ok(b)) if a == b)
    });
    match report.verdict {
        Some(v @ (Verdict::Regression | Verdict::Inconclusive)) if same => Some(format!(
            "the verdict is {}, so the baseline keeps its figures (--save to another file keeps \
             this run)",
            v.name()
        )),
        _ => None,
    }
}

/// Asks before a run writes into a database holding keys it did not write, outside the prefix
/// or under it (unless `yes`); false when the answer is no (nothing written, noted).
pub(crate) async fn confirm_writes(
    ctx: &Ctx,
    conns: &Connections,
    prefix: &str,
    yes: bool,
) -> anyhow::Result<bool> {
    if yes {
        return Ok(true);
    }
    let db = conns.spec.slots.is_empty().then_some(conns.db);
    let Some(what) = foreign_keys(&conns.nodes, db, prefix).await? else {
        return Ok(true);
    };
    let question = format!("{what}. Write benchmark keys into it anyway?");
    let refusal = format!(
        "{what}: not writing benchmark keys into what looks like an application's database (pass --yes to do it anyway)"
    );
    if !crate::output::confirm(&question, &refusal)? {
        ctx.out.note("nothing written");
        return Ok(false);
    }
    Ok(true)
}

/// The keys a custom command writes outside `--key-prefix`, as a glob: its first word with
/// `{key}` wraps it after a literal (`agent:cache:{key}` writes `agent:cache:bench:N`, which the prefix's
/// cleanup never reaches) → `agent:cache:bench:*`. None when that word starts with `{key}`
/// (its keys are under the prefix) or no word names `{key}`. A word whose part before `{key}` is
/// empty or holds another placeholder gives no glob anchored on a literal, so it is not
/// cleaned (`Err` with the word: the report says those keys were left).
pub(crate) fn custom_key_glob(params: &Params) -> Option<Result<Vec<u8>, String>> {
    if !params.workloads.contains(&Workload::Custom) {
        return None;
    }
    // The first word after the command's name that holds the generated key.
    let Some(word) = params.custom.iter().skip(1).find(|w| w.contains("{key}")) else {
        // No generated key at all (`XADD job_events:{rand} …`): whatever a writing command
        // wrote is outside the prefix, and no glob can tell it from the application's keys.
        // A command that writes nothing (AUTH, CONFIG GET, PING) left nothing (verify-25).
        let name = params.custom.first()?;
        if !params
            .custom_writes
            .unwrap_or_else(|| !workload::is_read_command(name))
        {
            return None;
        }
        // Named by its name and the word that makes its keys, never its whole line (which may
        // hold a secret: `AUTH pw`, `CONFIG SET requirepass pw`).
        let word = params.custom.iter().skip(1).find(|w| w.contains('{'));
        return Some(Err(match word {
            Some(w) => format!("{name} {w}"),
            None => name.clone(),
        }));
    };
    let at = word.find("{key}")?;
    if at == 0 {
        return None;
    }
    let (before, after) = (&word[..at], &word[at + "{key}".len()..]);
    if before.contains("{rand}") || before.contains("{value}") {
        return Some(Err(word.clone()));
    }
    let mut glob = escape_glob(before.as_bytes());
    glob.extend(escape_glob(params.key_prefix.as_bytes()));
    glob.push(b'*');
    // What follows the generated number: literals, and `*` for any other placeholder.
    let mut rest = after;
    while let Some(i) = rest.find('{') {
        glob.extend(escape_glob(&rest.as_bytes()[..i]));
        let tail = &rest[i..];
        match ["{key}", "{rand}", "{value}"]
            .iter()
            .find(|p| tail.starts_with(**p))
        {
            Some(p) => {
                glob.push(b'*');
                rest = &tail[p.len()..];
            }
            None => {
                glob.push(b'{');
                rest = &tail[1..];
            }
        }
    }
    glob.extend(escape_glob(rest.as_bytes()));
    Some(Ok(glob))
}

/// What a cleanup removed, and what it left: one line per glob and master it could not
/// clean, with why (empty when everything written is gone).
#[derive(Debug, Default)]
pub(crate) struct Cleanup {
    pub removed: u64,
    pub left: Vec<String>,
}

impl Cleanup {
    fn add(&mut self, o: Cleanup) {
        self.removed += o.removed;
        self.left.extend(o.left);
    }

    /// The runtime failure a cleanup that left keys is (exit 3), naming them.
    pub fn failure(&self) -> Option<anyhow::Error> {
        (!self.left.is_empty()).then(|| {
            exit::runtime(format!(
                "bench: the cleanup left keys behind: {} (remove them with `redkit cache flush --pattern GLOB` once the server answers)",
                self.left.join("; ")
            ))
        })
    }
}

/// After the report is out: a run that failed (exit 3, its report partial) also names what
/// its cleanup left; a run whose cleanup alone failed is a runtime failure too (exit 3).
pub(crate) fn failed(
    ctx: &Ctx,
    fatal: Option<String>,
    cleanup: Option<anyhow::Error>,
) -> anyhow::Result<()> {
    match (fatal, cleanup) {
        (Some(f), c) => {
            if let Some(c) = c {
                ctx.out.problem(format!("redkit: {c}"));
            }
            Err(exit::runtime(format!("{f} (the report above is partial)")))
        }
        (None, Some(c)) => Err(c),
        (None, None) => Ok(()),
    }
}

/// Removes what a run wrote: every key under the prefix, and a custom command's keys outside
/// it (`custom_key_glob`). What was removed and left, and the extra globs cleaned, or left
/// (`Err`).
pub(crate) async fn remove_written(
    conns: &Connections,
    params: &Params,
) -> (Cleanup, Option<Result<String, String>>) {
    let mut c = remove_bench_keys(conns, &params.key_prefix).await;
    let extra = match custom_key_glob(params) {
        None => None,
        Some(Ok(glob)) => {
            c.add(remove_matching(conns, glob.clone()).await);
            Some(Ok(String::from_utf8_lossy(&glob).into_owned()))
        }
        Some(Err(word)) => Some(Err(word)),
    };
    (c, extra)
}

/// Removes every key under `prefix` on every master.
pub(crate) async fn remove_bench_keys(conns: &Connections, prefix: &str) -> Cleanup {
    let mut g = escape_glob(prefix.as_bytes());
    g.push(b'*');
    remove_matching(conns, g).await
}

/// Removes every key matching `glob` on every master, over fresh connections: the run's may
/// be gone (the server restarted, CLIENT KILL mid-run), and its keys must not stay behind.
async fn remove_matching(conns: &Connections, glob: Vec<u8>) -> Cleanup {
    let shown = crate::output::escape::escape_str(&String::from_utf8_lossy(&glob));
    let mut out = Cleanup::default();
    let mut nodes = Vec::new();
    for n in &conns.nodes {
        match conns.auth.connect_db(&n.endpoint, conns.db).await {
            Ok(fresh) => nodes.push(fresh),
            // The error names the address already.
            Err(e) => out.left.push(format!("{shown} on {e:#}")),
        }
    }
    if nodes.is_empty() {
        return out;
    }
    let stop = Stop::default();
    let plan = flush::Plan {
        pattern: glob.into(),
        scan_count: 1000,
        batch: 500,
        filters: Default::default(),
        dry_run: false,
        rate: None,
        sample: 0,
        cluster: conns.router.clone(),
    };
    let pb = indicatif::ProgressBar::hidden();
    let report = flush::run_all(nodes, &plan, &stop, &pb).await;
    out.removed = report.deleted;
    for n in &report.nodes {
        if let Some(e) = &n.error {
            out.left.push(format!("{shown} on {}: {e}", n.addr));
        }
    }
    for u in &report.unreached {
        out.left.push(format!("{shown} on {u}"));
    }
    out
}

/// A saved baseline whose runs spread this much (ops/s, p99, in %) is named: a compare
/// against it can tell only changes larger than its noise, so a real slowdown may pass as
/// inconclusive (verify-25: a baseline with one run half as fast hid a stall).
const NOISY_OPS_SPREAD_PCT: f64 = DEFAULT_MAX_REGRESSION_PCT;
const NOISY_P99_SPREAD_PCT: f64 = 5.0 * DEFAULT_MAX_REGRESSION_PCT;

/// The change allowed in a compare when `--max-regression` is not given.
const DEFAULT_MAX_REGRESSION_PCT: f64 = 10.0;

pub async fn run(ctx: &Ctx, args: &BenchArgs) -> anyhow::Result<ExitStatus> {
    if args.max_regression.is_some() && args.compare.is_none() {
        return Err(exit::usage(
            "--max-regression: only with --compare (it is the change a compare allows)",
        ));
    }
    if !args.plan.suites.is_empty() {
        return suite::run(ctx, args).await;
    }
    if let Some(r) = &args.plan.ramp {
        return ramp::run(ctx, args, r).await;
    }
    let baseline = match &args.compare {
        Some(path) => Some(report::load(path)?),
        None => None,
    };
    // --compare reruns exactly what the baseline ran.
    let params = match &baseline {
        Some(b) => b.parameters.clone(),
        None => args.params()?,
    };
    let mut params = params;
    if let Some(n) = args.runs {
        params.runs = n as usize;
    } else if baseline.is_some() {
        // A single new run has no measured noise, and a verdict without one cries wolf on a
        // shared machine: compare with at least three.
        params.runs = params.runs.max(3);
    }
    // A run that is judged (saved as a baseline, or compared) needs enough 100 ms samples.
    params.min_run_ms = args
        .shape
        .min_run
        .or((args.save.is_some() || baseline.is_some()).then_some(DEFAULT_MIN_RUN))
        .filter(|d| !d.is_zero())
        .map(|d| d.as_millis() as u64);
    let slo = args.slo.as_deref().map(slo::parse).transpose()?;
    if !(0.0..=100.0).contains(&args.max_errors) {
        return Err(exit::usage(format!(
            "--max-errors {}: a percentage from 0 to 100",
            args.max_errors
        )));
    }
    let max_regression = args.max_regression.unwrap_or(DEFAULT_MAX_REGRESSION_PCT);
    if !(max_regression >= 0.0 && max_regression.is_finite()) {
        return Err(exit::usage(format!(
            "--max-regression {}: must be a percentage of 0 or more",
            max_regression
        )));
    }
    let writes = params.workloads.iter().any(|w| w.writes());
    let remove_keys = writes && !args.keep_keys;
    check_params(&params, remove_keys || args.cleanup)?;
    if let Some(path) = &args.save {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        if !dir.is_dir() {
            return Err(exit::usage(format!(
                "--save {}: no such directory {}",
                path.display(),
                dir.display()
            )));
        }
    }
    if let Some(p) = &args.files.hdr_out {
        hdr::check_prefix("--hdr-out", p)?;
    }
    if let Some(p) = &args.files.timeline_out {
        hdr::check_prefix("--timeline-out", p)?;
    }
    let conns = connections(ctx, &args.plan).await?;
    if (writes || args.cleanup)
        && !confirm_writes(ctx, &conns, &params.key_prefix, args.yes).await?
    {
        return Ok(ExitStatus::Problem);
    }
    if params.workloads.contains(&Workload::Jobs) && (params.rate.is_some() || params.pipeline > 1)
    {
        ctx.out.note(
            "jobs paces itself (one event per producer in flight): --rate and --pipeline apply \
             to the other workloads only",
        );
    }
    // A note, not a warning: misses are also what a read-only baseline on the application's
    // database measures on purpose (the README's nightly compare), and a compare reruns what
    // its baseline measured.
    if args.compare.is_none()
        && let Some(w) = reads_nothing(&conns.nodes, &params).await
    {
        ctx.out.note(format!(
            "no key under '{}': every reply of -w {w} will be nil, a measure of misses (to \
             read values, run `redkit bench -w set --keep-keys` with the same --key-prefix \
             and --keyspace first, or give -w set before -w {w})",
            crate::output::escape::escape_str(&params.key_prefix),
            w = w.name()
        ));
    }
    let key_index =
        custom_key_index(ctx, &params, &conns.nodes, !conns.spec.slots.is_empty()).await?;
    params.custom_writes = custom_writes(&conns.nodes, &params).await;
    let (mut report, fatal) = run_workloads(
        ctx,
        &params,
        key_index,
        &conns,
        args.timeline,
        args.files.hdr_out.is_some(),
    )
    .await?;
    if let Some(prefix) = &args.files.hdr_out {
        for f in hdr::write_hdr(prefix, &report.workloads)? {
            ctx.out.note(format!("wrote {}", f.display()));
        }
    }
    if let Some(path) = &args.files.timeline_out {
        write_atomic(path, hdr::timeline_ndjson(&report.workloads).as_bytes())?;
        ctx.out.note(format!("wrote {}", path.display()));
    }
    if let Some(b) = &baseline {
        // Judged all the same (a moved server is a fair question), but the operator should
        // know the two sides are not one server's.
        if b.server.target != report.server.target || b.server.version != report.server.version {
            let side = |s: &ServerInfo| {
                let esc = crate::output::escape::escape_str;
                format!("{} (redis {})", esc(&s.target), esc(&s.version))
            };
            ctx.out.warn(format!(
                "the baseline was measured on {}, this run on {}",
                side(&b.server),
                side(&report.server)
            ));
        }
        report.compare_with(b, max_regression);
    }
    if let Some(goals) = &slo {
        report.slo = Some(slo::judge(goals, &report.workloads));
    }
    let mut cleanup_failure = None;
    if remove_keys || args.cleanup {
        let (c, extra) = remove_written(&conns, &params).await;
        report.cleaned_up = Some(c.removed);
        cleanup_failure = c.failure();
        report.left_after_cleanup = c.left;
        match extra {
            Some(Ok(glob)) => report.cleaned_also = Some(glob),
            Some(Err(word)) => report.left_outside_prefix = Some(word),
            None => {}
        }
    } else if let Some(g) = custom_key_glob(&params) {
        // --keep-keys: say where the custom command's keys are, outside the prefix.
        report.left_outside_prefix = Some(match g {
            Ok(glob) => String::from_utf8_lossy(&glob).into_owned(),
            Err(words) => words,
        });
    }
    // Saved before the report is printed (a write that fails is an error, not a table that
    // claims success), said after it, where the operator reads on.
    let mut saved = None;
    if let Some(path) = &args.save {
        saved = Some(match save_refusal(&report, args.compare.as_deref(), path) {
            Some(why) => Err(format!("not saved {}: {why}", path.display())),
            None => {
                let text = serde_json::to_vec_pretty(&report)?;
                write_atomic(path, &text)?;
                Ok(format!("saved {}", path.display()))
            }
        });
    }
    // -q (cron): silent when the run completed and met its goals.
    report.max_errors_pct = args.max_errors;
    let too_many_errors = report.too_many_errors();
    let ok = fatal.is_none()
        && cleanup_failure.is_none()
        && !report.interrupted
        && !(report.regressed() || report.missed_slo())
        && too_many_errors.is_empty();
    ctx.out.emit_outcome(&report, ok)?;
    match saved {
        Some(Ok(note)) => {
            ctx.out.note(note);
            for line in report.noisy_runs(NOISY_OPS_SPREAD_PCT, NOISY_P99_SPREAD_PCT) {
                ctx.out.warn(line);
            }
        }
        Some(Err(warning)) => ctx.out.warn(warning),
        None => {}
    }
    failed(ctx, fatal, cleanup_failure)?;
    if report.interrupted {
        ctx.out
            .problem("redkit: interrupted; the report covers what ran until then");
        return Ok(ExitStatus::Interrupted);
    }
    for line in &too_many_errors {
        ctx.out.problem(format!("redkit: bench: {line}"));
    }
    Ok(problem_if(
        report.regressed() || report.missed_slo() || !too_many_errors.is_empty(),
    ))
}

/// The live line under a running workload: `ping (run 1/3): 127000 ops/s, p99 12.5ms, 255680
/// done, 2.2s`: the rate to three significant figures and the p99 as `top` writes it; the
/// count is exact.
fn live_line(
    name: &str,
    run_label: &str,
    rate: f64,
    p99_us: u64,
    done: u64,
    elapsed: Duration,
) -> String {
    format!(
        "{name}{run_label}: {} ops/s, p99 {}, {done} done, {}",
        crate::output::number::sig3(rate),
        crate::output::number::micros(p99_us as f64),
        duration::format(elapsed)
    )
}

#[cfg(test)]
mod live_line_tests {
    use super::*;

    #[test]
    fn the_live_line_rounds_its_rate_and_latency() {
        let l = live_line(
            "ping",
            " (run 1/3)",
            127_244.4,
            12_503,
            255_680,
            Duration::from_millis(2200),
        );
        assert_eq!(
            l,
            "ping (run 1/3): 127000 ops/s, p99 12.5ms, 255680 done, 2.2s"
        );
    }
}
