//! `redkit health`: probe every node of a deployment (standalone, primary with replicas,
//! Sentinel-managed, Redis Cluster) and judge it against thresholds, the monitoring-plugin way:
//! exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.

pub mod cluster;
pub mod collect;
pub mod judge;
pub mod persistence;
pub mod probe;
pub mod render;
pub mod replication;
pub mod report;
pub mod sentinel;
pub mod thresholds;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::cmd::Ctx;
use crate::duration;
use crate::exit::{self, ExitStatus};
use crate::output::Format;
use crate::output::write_atomic;
use collect::Options;
use report::HealthReport;
use thresholds::{Range, Selection, Thresholds};

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

Thresholds come from these flags, else the health: section of the config, else the defaults
shown. Figures take monitoring-plugin ranges: 80 alerts above 80, 90: below 90, @10:20 inside.
'none' turns a threshold off. Checks: latency, server, memory, clients, persistence,
replication, keyspace, slowlog, cluster (cluster_state, cluster_slots, cluster_nodes,
cluster_replicas), sentinel (sentinel_master, sentinel_quorum); reachability always runs.

Exit codes: 0 OK, 1 WARNING, 2 CRITICAL (unreachable, auth failure, timeout, cluster not ok,
replica link down), 3 UNKNOWN (usage errors too). --format prometheus always exits 0: the
scraper judges.";

fn dur_or_none(text: &str) -> Result<String, String> {
    if matches!(text.trim(), "none" | "off") {
        return Ok(text.to_string());
    }
    duration::clap_parse(text).map(|_| text.to_string())
}

fn range_or_none(text: &str) -> Result<String, String> {
    if matches!(text.trim(), "none" | "off") {
        return Ok(text.to_string());
    }
    Range::parse(text).map(|_| text.to_string())
}

#[derive(Debug, Args)]
pub struct HealthArgs {
    /// Only these checks (repeat or comma-separate)
    #[arg(long = "check", value_name = "NAME", value_delimiter = ',')]
    pub check: Vec<String>,

    /// Leave these checks out (repeat or comma-separate)
    #[arg(long = "skip", value_name = "NAME", value_delimiter = ',')]
    pub skip: Vec<String>,

    /// PINGs per node for the latency figures [default: 5]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub samples: Option<u32>,

    /// A restart more recent than this is a WARNING [default: 5m]
    #[arg(long, value_name = "DUR", value_parser = dur_or_none, help_heading = "Thresholds")]
    pub min_uptime: Option<String>,

    /// Median PING round trip for WARNING [default: 100ms]
    #[arg(long, value_name = "DUR", value_parser = dur_or_none, help_heading = "Thresholds")]
    pub warn_latency: Option<String>,

    /// Median PING round trip for CRITICAL [default: 500ms]
    #[arg(long, value_name = "DUR", value_parser = dur_or_none, help_heading = "Thresholds")]
    pub crit_latency: Option<String>,

    /// Memory used, percent of maxmemory (of system memory when unlimited) [default: 80]
    #[arg(long, value_name = "RANGE", value_parser = range_or_none, help_heading = "Thresholds")]
    pub warn_memory: Option<String>,

    /// Memory used for CRITICAL [default: 90]
    #[arg(long, value_name = "RANGE", value_parser = range_or_none, help_heading = "Thresholds")]
    pub crit_memory: Option<String>,

    /// Connected clients, percent of maxclients [default: 80]
    #[arg(long, value_name = "RANGE", value_parser = range_or_none, help_heading = "Thresholds")]
    pub warn_clients: Option<String>,

    /// Connected clients for CRITICAL [default: 95]
    #[arg(long, value_name = "RANGE", value_parser = range_or_none, help_heading = "Thresholds")]
    pub crit_clients: Option<String>,

    /// Replication lag (seconds since last I/O or ACK) for WARNING [default: 30s]
    #[arg(long, value_name = "DUR", value_parser = dur_or_none, help_heading = "Thresholds")]
    pub warn_lag: Option<String>,

    /// Replication lag for CRITICAL [default: 2m]
    #[arg(long, value_name = "DUR", value_parser = dur_or_none, help_heading = "Thresholds")]
    pub crit_lag: Option<String>,

    /// Fragmentation ratio for WARNING, judged past 32 MB wasted [default: 1.5]
    #[arg(long, value_name = "RANGE", value_parser = range_or_none, help_heading = "Thresholds")]
    pub warn_fragmentation: Option<String>,

    /// Fragmentation ratio for CRITICAL [default: none]
    #[arg(long, value_name = "RANGE", value_parser = range_or_none, help_heading = "Thresholds")]
    pub crit_fragmentation: Option<String>,

    /// Keyspace hit ratio in percent for WARNING, e.g. 90: (below 90) [default: none]
    #[arg(long, value_name = "RANGE", value_parser = range_or_none, help_heading = "Thresholds")]
    pub warn_hit_ratio: Option<String>,

    /// Keyspace hit ratio for CRITICAL [default: none]
    #[arg(long, value_name = "RANGE", value_parser = range_or_none, help_heading = "Thresholds")]
    pub crit_hit_ratio: Option<String>,

    /// Age of the last RDB save (with writes since, saving on) for WARNING [default: 2h]
    #[arg(long, value_name = "DUR", value_parser = dur_or_none, help_heading = "Thresholds")]
    pub warn_save_age: Option<String>,

    /// Slowest recent slow-log entry for WARNING [default: none]
    #[arg(long, value_name = "DUR", value_parser = dur_or_none, help_heading = "Thresholds")]
    pub warn_slowlog: Option<String>,

    /// Standalone: do not also check the replicas the master lists
    #[arg(long)]
    pub no_replicas: bool,

    /// Re-check every DUR (redraws on a terminal; one report per round otherwise) until Ctrl-C
    #[arg(long, value_name = "DUR", value_parser = duration::clap_parse_positive)]
    pub watch: Option<Duration>,

    /// Write the output to FILE atomically (temporary file, then rename) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl HealthArgs {
    fn flag_thresholds(&self) -> Vec<(&'static str, &Option<String>)> {
        vec![
            ("min_uptime", &self.min_uptime),
            ("warn_latency", &self.warn_latency),
            ("crit_latency", &self.crit_latency),
            ("warn_memory", &self.warn_memory),
            ("crit_memory", &self.crit_memory),
            ("warn_clients", &self.warn_clients),
            ("crit_clients", &self.crit_clients),
            ("warn_lag", &self.warn_lag),
            ("crit_lag", &self.crit_lag),
            ("warn_fragmentation", &self.warn_fragmentation),
            ("crit_fragmentation", &self.crit_fragmentation),
            ("warn_hit_ratio", &self.warn_hit_ratio),
            ("crit_hit_ratio", &self.crit_hit_ratio),
            ("warn_save_age", &self.warn_save_age),
            ("warn_slowlog", &self.warn_slowlog),
        ]
    }
}

/// Thresholds and selection: flags over the config's `health:` section over the defaults.
pub fn options(ctx: &Ctx, a: &HealthArgs) -> anyhow::Result<Options> {
    let mut t = Thresholds::default();
    let (mut only, mut skip) = (Vec::new(), Vec::new());
    if let (Some(section), Some(cfg)) = (ctx.settings.section("health"), &ctx.settings.config) {
        (only, skip) = t.apply_config(section, &cfg.path.display().to_string())?;
    }
    for (key, value) in a.flag_thresholds() {
        if let Some(v) = value {
            t.set(key, v)
                .map_err(|e| exit::usage(format!("--{}: {e}", key.replace('_', "-"))))?;
        }
    }
    if let Some(n) = a.samples {
        t.samples = n;
    }
    if !a.check.is_empty() {
        only = a.check.clone();
    }
    if !a.skip.is_empty() {
        skip = a.skip.clone();
    }
    Ok(Options {
        thresholds: t,
        selection: Selection::new(only, skip)?,
        follow_replicas: !a.no_replicas,
    })
}

fn emit(ctx: &Ctx, a: &HealthArgs, report: &HealthReport, round: u32) -> anyhow::Result<()> {
    if let Some(path) = &a.output {
        let mut buf = Vec::new();
        ctx.out.write_report(&mut buf, report)?;
        write_atomic(path, &buf)
            .map_err(|e| exit::runtime(format!("--output {}: {e:#}", path.display())))?;
        ctx.out.note(format!(
            "{}: {} (written to {})",
            report.status.upper(),
            report.summary,
            path.display()
        ));
        return Ok(());
    }
    if a.watch.is_some() && ctx.out.format == Format::Table {
        let mut w = std::io::stdout().lock();
        if std::io::stdout().is_terminal() {
            // Redraw in place: home the cursor and clear the screen.
            write!(w, "\x1b[H\x1b[2J")?;
        } else if round > 0 {
            writeln!(w)?;
        }
        w.flush()?;
    }
    ctx.out.emit(report)
}

pub async fn run(ctx: &Ctx, a: &HealthArgs) -> anyhow::Result<ExitStatus> {
    ctx.out.require(
        "health",
        &[
            Format::Table,
            Format::Json,
            Format::Ndjson,
            Format::Prometheus,
            Format::Nagios,
        ],
    )?;
    let opts = options(ctx, a)?;
    let target = ctx.target()?;
    let mut round = 0;
    // A watch ends with Ctrl-C, and then exits like a plugin with the last round's status
    // (UNKNOWN when no round finished), never 130.
    let mut last = ExitStatus::Code(3);
    loop {
        let report = tokio::select! {
            r = collect::collect(&target, &opts) => r,
            _ = crate::signal::interrupted(), if a.watch.is_some() => return Ok(last),
        };
        emit(ctx, a, &report, round)?;
        last = if ctx.out.format == Format::Prometheus {
            ExitStatus::Success
        } else {
            report.exit_status()
        };
        let Some(every) = a.watch else {
            return Ok(last);
        };
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = crate::signal::interrupted() => return Ok(last),
        }
        round += 1;
    }
}
