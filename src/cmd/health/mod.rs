//! `redkit health`: probe every node of a deployment (standalone, primary with replicas,
//! Sentinel-managed, Redis Cluster) and judge it against thresholds, the monitoring-plugin way:
//! exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.

pub mod capacity;
pub mod cluster;
pub mod collect;
pub mod judge;
pub mod latency;
pub mod persistence;
pub mod probe;
pub mod rates;
pub mod registry;
pub mod render;
pub mod replication;
pub mod report;
pub mod sentinel;
pub mod state;
pub mod stream_facts;
pub mod stream_read;
pub mod streams;
pub mod thresholds;
pub mod types;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::cmd::Ctx;
use crate::duration;
use crate::exit::{self, ExitStatus};
use crate::ops::name::{self, Name};
use crate::output::Format;
use crate::output::write_atomic;
use crate::settings::Source;
use collect::Options;
use registry::CheckKind;
use report::{HealthReport, Status};
use stream_read::StreamPlan;
use thresholds::{HealthConfig, LimitArgs, Selection, Thresholds};

pub const EXAMPLES: &str = "\
Examples:
  redkit health                                      the server of REDIS_URL / REDIS_HOST
  redkit health --cluster -u redis://10.0.0.1:7000   every node of the cluster
  redkit health --sentinel 10.0.0.5:26379 --master-name mymaster
  redkit health --format nagios --warn-memory 75 --crit-memory 90     for Nagios/Icinga
  redkit health --format prometheus --output /var/lib/node_exporter/redis.prom   from cron
  redkit health --format json | jq '.nodes[] | select(.status != \"ok\")'
  redkit health --check memory,replication --warn-lag 10s
  redkit health --watch 5s                           redraw every 5 s until Ctrl-C
  redkit health --stream orders --warn-stream-lag 1000 --crit-stream-idle 10m
  redkit health --check jobs --stuck-after 30m       stuck job_events:* streams
  redkit health --interval 10s --check evictions,error_replies    rates over 10 s

Thresholds come from these flags, else the health: section of the config, else the defaults
shown. Figures take monitoring-plugin ranges: 80 alerts above 80, 90: below 90, @10:20 inside.
'none' turns a threshold off. Checks: latency, server, memory, clients, persistence,
replication, keyspace, slowlog, evictions, rejected_connections, expired, error_replies,
full_syncs, maxmemory, output_buffers, backlog, cluster (cluster_state, cluster_slots,
cluster_nodes, cluster_replicas, skew), sentinel (sentinel_master, sentinel_quorum), streams
(groups of the streams named by --stream or health.streams), jobs (job streams of
streams.match); reachability always runs (--skip reachability leaves out only its OK row).
streams and jobs run by default when the config names streams.

Rates (evictions/s, rejected connections/s, error replies/s, full resyncs, the hit ratio) are
judged against the previous run's counters in the --state file, or between two samples
--interval apart; a first run says 'no previous sample', a restarted node starts over.

Exit codes: 0 OK, 1 WARNING, 2 CRITICAL (unreachable, auth failure, timeout, cluster not ok,
replica link down), 3 UNKNOWN (usage errors too). --format prometheus always exits 0: the
scraper judges.";

#[derive(Debug, Args)]
pub struct HealthArgs {
    /// Only these checks (repeat or comma-separate)
    #[arg(long = "check", value_name = "NAME", value_delimiter = ',', value_parser = registry::CheckNameParser, hide_possible_values = true)]
    pub check: Vec<String>,

    /// Leave these checks out (repeat or comma-separate)
    #[arg(long = "skip", value_name = "NAME", value_delimiter = ',', value_parser = registry::CheckNameParser, hide_possible_values = true)]
    pub skip: Vec<String>,

    /// PINGs per node for the latency figures [default: 5]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub samples: Option<u32>,

    /// Streams whose consumer groups are checked: keys or glob patterns (repeat or
    /// comma-separate); turns the streams and jobs checks on
    #[arg(long = "stream", value_name = "KEY", value_delimiter = ',', value_parser = name::parser())]
    pub stream: Vec<Name>,

    #[command(flatten)]
    pub limits: LimitArgs,

    /// Standalone: do not also check the replicas the master lists
    #[arg(long)]
    pub no_replicas: bool,

    /// Re-check every DUR (redraws on a terminal; one report per round otherwise) until Ctrl-C
    #[arg(long, value_name = "DUR", value_parser = duration::clap_parse_positive)]
    pub watch: Option<Duration>,

    /// Write the output to FILE atomically (temporary file, then rename) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Keep each node's counters here for rates between runs [default:
    /// /var/lib/redkit/health.json when writable, else $XDG_STATE_HOME/redkit/health.json,
    /// ~/.local/state/redkit/health.json]
    ///
    /// A run on a terminal and --watch read the default file but leave it as it was (the
    /// scheduled run judges its own interval); with --state FILE a terminal run writes it.
    #[arg(long, value_name = "FILE", conflicts_with = "no_state")]
    pub state: Option<PathBuf>,

    /// Neither read nor write a state file (rate checks then need --interval or --watch)
    #[arg(long)]
    pub no_state: bool,

    /// Take two samples DUR apart in this run and judge the rates between them (instead of
    /// the state file)
    #[arg(long, value_name = "DUR", value_parser = duration::clap_parse_positive)]
    pub interval: Option<Duration>,
}

/// The state file this run reads and writes, if any.
fn state_path(a: &HealthArgs) -> Option<PathBuf> {
    if a.no_state || a.interval.is_some() {
        return None;
    }
    a.state.clone().or_else(state::default_path)
}

fn samples_of(report: &HealthReport) -> BTreeMap<String, state::Sample> {
    report
        .nodes
        .iter()
        .filter_map(|n| Some((n.addr.clone(), n.sample.clone()?)))
        .collect()
}

/// Thresholds and selection: flags over the config's `health:` section over the defaults.
pub fn options(ctx: &Ctx, a: &HealthArgs) -> anyhow::Result<Options> {
    let mut t = Thresholds::default();
    let mut config = HealthConfig::default();
    if let (Some(section), Some(cfg)) = (ctx.settings.section("health"), &ctx.settings.config) {
        config = HealthConfig::from_section(section, &cfg.path.display().to_string())?;
    }
    for s in config.limits {
        s.apply(&mut t);
    }
    for s in a.limits.settings.iter().cloned() {
        s.apply(&mut t);
    }
    if let Some(n) = a.samples.or(config.samples) {
        t.samples = n;
    }
    let only = if a.check.is_empty() {
        config.checks.unwrap_or_default()
    } else {
        a.check.clone()
    };
    let skip = if a.skip.is_empty() {
        config.skip.unwrap_or_default()
    } else {
        a.skip.clone()
    };
    let selection = Selection::new(only, skip)?;
    // The flag's names are bytes (a key need not be UTF-8); the config's are text.
    let named: Vec<Vec<u8>> = if a.stream.is_empty() {
        config
            .streams
            .unwrap_or_default()
            .into_iter()
            .map(String::into_bytes)
            .collect()
    } else {
        a.stream.iter().map(|n| n.as_bytes().to_vec()).collect()
    };
    let named: Vec<Vec<u8>> = named
        .iter()
        .map(|s| s.trim_ascii().to_vec())
        .filter(|s| !s.is_empty())
        .collect();
    let jobs_pattern = &ctx.settings.stream_match;
    // The stream checks read data, so they run by default only where streams are named: by
    // --stream, health.streams or the config's streams.match; or when --check names them.
    let config_names = !named.is_empty() || jobs_pattern.source == Source::Config;
    let plan = StreamPlan {
        streams: (selection.wants(CheckKind::Streams)
            && (!named.is_empty() || selection.named(CheckKind::Streams)))
        .then(|| {
            if named.is_empty() {
                vec![jobs_pattern.value.clone().into_bytes()]
            } else {
                named.clone()
            }
        }),
        jobs: (selection.wants(CheckKind::Jobs)
            && (config_names || selection.named(CheckKind::Jobs)))
        .then(|| jobs_pattern.value.clone()),
        slots: None,
    };
    Ok(Options {
        thresholds: t,
        selection,
        follow_replicas: !a.no_replicas,
        streams: plan,
        prev: BTreeMap::new(),
        keeping: state::Keeping::File,
        doctor: ctx.out.ui.verbose >= 1,
        cache_prefix: Some(ctx.settings.cache_prefix.value.clone()).filter(|p| !p.is_empty()),
    })
}

fn emit(ctx: &Ctx, a: &HealthArgs, report: &HealthReport, round: u32) -> anyhow::Result<()> {
    // -q: nothing at all when all is well (cron mails any output); on a problem, the verdict
    // and the failing checks only (nothing with --output: the file says it).
    let quiet = ctx.out.quiet;
    let ok = report.status == Status::Ok;
    if let Some(path) = &a.output {
        let mut buf = Vec::new();
        ctx.out.write_report(&mut buf, report)?;
        write_atomic(path, &buf)
            .map_err(|e| exit::runtime(format!("--output {}: {e:#}", path.display())))?;
        let line = format!(
            "{}: {} (written to {})",
            report.status.upper(),
            report.summary,
            path.display()
        );
        // With --output the file is the alert path (a textfile collector, a dashboard): under
        // -q a WARNING is said by the file and the exit code only, or cron would mail it on
        // every run. A failed write is an error and still speaks.
        if !quiet {
            ctx.out.note(line);
        }
        return Ok(());
    }
    if quiet && ok {
        return Ok(());
    }
    if a.watch.is_some() && ctx.out.format == Format::Table {
        crate::output::records::Records::default().new_round(round == 0)?;
        if ctx.out.ui.stdout_tty && !quiet {
            return emit_frame(ctx, report);
        }
    }
    // The monitoring formats are already the verdict (and a scraper needs the whole text).
    if quiet
        && matches!(
            ctx.out.format,
            Format::Table | Format::Json | Format::Ndjson
        )
    {
        return ctx.out.emit(&render::Problems(report));
    }
    ctx.out.emit(report)
}

/// One `--watch` frame on a terminal. A frame taller than the terminal scrolls its top (the
/// verdict and the refresh time) out of sight, so the verdict line is said again at the foot.
fn emit_frame(ctx: &Ctx, report: &HealthReport) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut buf = Vec::new();
    ctx.out.write_report(&mut buf, report)?;
    let rows = terminal_size::terminal_size_of(std::io::stdout()).map(|(_, h)| usize::from(h.0));
    let lines = buf.iter().filter(|&&b| b == b'\n').count();
    if rows.is_some_and(|r| lines >= r) {
        let mut foot = Vec::new();
        render::verdict(report, &mut foot, &ctx.out.ui)?;
        buf.extend(crate::output::fit_lines(&foot, ctx.out.ui.width));
    }
    let mut out = std::io::stdout().lock();
    out.write_all(&buf)?;
    out.flush()?;
    Ok(())
}

pub async fn run(ctx: &Ctx, a: &HealthArgs) -> anyhow::Result<ExitStatus> {
    let mut opts = options(ctx, a)?;
    let target = ctx.target()?;
    let mut state_file = state_path(a);
    // A look (a --watch, or the default state file from a terminal) reads the previous sample
    // but does not replace it: the scheduled run (cron, a monitoring plugin) that follows must
    // still judge its own interval, or a burst a person saw at 3 a.m. never alerts.
    let at_terminal = ctx.out.ui.stdout_tty
        || ctx.out.stderr_tty
        || std::io::IsTerminal::is_terminal(&std::io::stdin());
    let look = if a.watch.is_some() {
        Some("--watch judges its rounds between themselves")
    } else if a.state.is_none() && at_terminal {
        // A person at a terminal, whatever stdout goes to (`| jq`, `| less`): cron and
        // monitoring plugins run with no terminal at all.
        Some("a run on a terminal leaves the scheduled runs' sample alone (--state FILE keeps one)")
    } else {
        None
    };
    if a.watch.is_some() {
        // Each round is judged against the one before, state file or not.
    } else if let (Some(why), Some(_)) = (look, &state_file) {
        opts.keeping = state::Keeping::Off(why.into());
    } else if a.no_state {
        opts.keeping = state::Keeping::Off("--no-state".into());
    } else if a.interval.is_some() {
        opts.keeping = state::Keeping::Off("not in --interval's first sample".into());
    } else if a.interval.is_none() && state_file.is_none() {
        opts.keeping = state::Keeping::Cannot(
            "no place for the state file (neither XDG_STATE_HOME nor HOME is set, and \
             /var/lib/redkit cannot be written)"
                .into(),
        );
    }
    // Found before any work, and said once: a state file that cannot be written means no run
    // from this line will ever judge a rate.
    if let Some(path) = &state_file
        && look.is_none()
        && let Err(why) = state::can_keep(path)
    {
        state_file = None;
        if a.watch.is_some() {
            ctx.out
                .warn(format!("{why}: rates are judged between rounds only"));
        } else {
            opts.keeping = state::Keeping::Cannot(why);
        }
    }
    if let state::Keeping::Cannot(why) = &opts.keeping {
        ctx.out
            .warn(format!("{why}: the rate checks cannot be judged"));
    }
    if let Some(path) = &state_file {
        match state::State::load(path) {
            Ok(s) => opts.prev = s.nodes,
            // A damaged state costs the rates of one run, not the run: it is rewritten below.
            Err(state::LoadError::Damaged(e)) => {
                ctx.out.warn(format!("--state {e}; rates start over"))
            }
            // Someone else's file (a config, say): never written over, so no rate can be
            // judged from it, this run or the next.
            Err(state::LoadError::Foreign(e)) => {
                ctx.out.warn(format!(
                    "--state {e}: left untouched, rates are not judged; give --state a file of \
                     its own"
                ));
                opts.keeping =
                    state::Keeping::Off(format!("{} is not a health state file", path.display()));
                state_file = None;
            }
        }
    }
    let mut round = 0;
    // A watch ends with Ctrl-C, and then exits like a plugin with the last round's status
    // (UNKNOWN when no round finished), never 130.
    let mut last = ExitStatus::Code(3);
    // One listener for the whole watch: a Ctrl-C that lands while a round is printed is kept
    // for the next select (a listener made afresh each time would miss it).
    let interrupted = crate::signal::interrupted();
    tokio::pin!(interrupted);
    let started = std::time::Instant::now();
    if let Some(gap) = a.interval {
        // The first of two samples: only its counters are kept.
        let first = tokio::select! {
            r = collect::collect(&target, &opts) => r,
            _ = &mut interrupted => return Ok(last),
        };
        opts.prev = samples_of(&first);
        ctx.out.verbose(
            1,
            format!(
                "--interval: first sample of {} read; the second in {}",
                crate::output::number::plural(opts.prev.len() as u64, "node"),
                duration::format(gap)
            ),
        );
        tokio::select! {
            _ = tokio::time::sleep(gap) => {}
            _ = &mut interrupted => return Ok(last),
        }
    }
    loop {
        let mut report = tokio::select! {
            r = collect::collect(&target, &opts) => r,
            _ = &mut interrupted, if a.watch.is_some() => return Ok(last),
        };
        // With --interval the run took both samples and the wait between them.
        if a.interval.is_some() {
            report.duration_ms = (started.elapsed().as_secs_f64() * 1e5).round() / 100.0;
        }
        if let Some(every) = a.watch {
            report.refreshed = Some(format!(
                "refreshed {}, every {}",
                chrono::Local::now().format("%H:%M:%S"),
                duration::format(every)
            ));
        }
        emit(ctx, a, &report, round)?;
        let fresh = samples_of(&report);
        // Nothing answered: nothing to keep (and no folder made for it).
        if let Some(path) = &state_file
            && look.is_none()
            && !fresh.is_empty()
            && let Err(e) = state::State::save(path, &fresh)
        {
            ctx.out.warn(format!("--state {}: {e:#}", path.display()));
        }
        // A watch judges each round against the one before.
        opts.prev.extend(fresh);
        // Prometheus text on stdout is for a scraper, which judges by itself; written to
        // --output (a textfile collector from cron), the exit code says the status as well.
        last = if ctx.out.format == Format::Prometheus && a.output.is_none() {
            ExitStatus::Success
        } else {
            report.exit_status()
        };
        let Some(every) = a.watch else {
            return Ok(last);
        };
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = &mut interrupted => return Ok(last),
        }
        round += 1;
    }
}
