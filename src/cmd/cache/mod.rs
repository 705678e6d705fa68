//! `redkit cache flush|stats`: the application's cache keys, removed or sized safely (SCAN +
//! UNLINK, never FLUSHDB), on one server or every master of a cluster.

pub mod analyze;
pub mod flush;
pub mod select;
pub mod stats;

use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Subcommand};

use crate::cmd::{Ctx, Stop};
use crate::duration;
use crate::exit::{self, ExitStatus};
use crate::ops::name::{self, Name};
use crate::ops::scan::{Filters, KeyType};
use crate::output::progress;
use crate::redis::cluster::Router;
use crate::redis::{Masters, Mode};

pub const EXAMPLES: &str = "\
Examples:
  redkit cache flush --dry-run                     what would go under the configured prefix
  redkit cache flush --prefix 'agent:cache:' --yes
  redkit cache flush --pattern 'user:*:unread' --no-ttl --rate 5000 --yes
  redkit --cluster -u redis://10.0.0.1:7000 cache flush --yes --format json
  redkit cache stats --prefix agent:cache: --sample 2000
  redkit cache stats --top-prefixes 20 --separator :";

#[derive(Debug, Args)]
pub struct CacheArgs {
    #[command(subcommand)]
    pub action: CacheAction,
}

#[derive(Debug, Subcommand)]
pub enum CacheAction {
    /// Delete keys by prefix or pattern (SCAN + UNLINK), asking first unless --yes
    #[command(after_help = EXAMPLES, mut_arg("dry_run", |a| a.help(
        "Count what would be deleted, per node, with a sample; delete nothing"
    )))]
    Flush(FlushArgs),
    /// Count and size keys by prefix or pattern: types, TTLs, memory, biggest keys
    #[command(after_help = EXAMPLES)]
    Stats(StatsArgs),
    /// Where the memory goes, from an RDB snapshot: per key-shape group, biggest keys, TTLs
    #[command(after_help = analyze::EXAMPLES)]
    Analyze(analyze::AnalyzeArgs),
}

/// Which keys: shared by flush and stats.
#[derive(Debug, Args, Clone)]
pub struct Selection {
    /// Literal key prefix (glob characters are escaped) [default: cache prefix from config,
    /// agent:cache:]
    #[arg(long, value_name = "P", conflicts_with = "pattern", value_parser = name::parser())]
    pub prefix: Option<Name>,

    /// SCAN MATCH glob, e.g. 'user:*:unread' (bytes: a glob need not be UTF-8)
    #[arg(long, value_name = "GLOB", value_parser = name::parser())]
    pub pattern: Option<Name>,

    /// Allow a selection that matches every key
    #[arg(long)]
    pub all_keys: bool,

    /// Only keys of this type
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub key_type: Option<TypeArg>,

    /// Only keys without an expiry
    #[arg(long)]
    pub no_ttl: bool,

    /// Only keys idle at least this long (OBJECT IDLETIME)
    #[arg(long, value_name = "DUR", value_parser = duration::clap_parse)]
    pub min_idle: Option<Duration>,

    /// SCAN COUNT hint per call
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub scan_count: u64,
}

#[derive(Debug, Args)]
pub struct FlushArgs {
    #[command(flatten)]
    pub select: Selection,

    #[command(flatten)]
    pub confirm: crate::cmd::ConfirmArgs,

    /// Keys per UNLINK batch
    #[arg(long, value_name = "N", default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub batch: u64,

    /// At most N deletions per second (keeps a busy server responsive)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub rate: Option<u64>,

    /// Sample keys to show per node
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub sample: usize,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub select: Selection,

    /// Measure MEMORY USAGE on this many keys per node
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub sample: usize,

    /// Measure every key (slower, exact)
    #[arg(long)]
    pub exact: bool,

    /// How many of the biggest keys to list
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub biggest: usize,

    /// Group the whole keyspace (or the selection) by key shape and show the N largest groups:
    /// numbers, UUIDs and hex ids become * (user:*:unread)
    #[arg(long, value_name = "N")]
    pub top_prefixes: Option<usize>,

    /// Separator of prefix segments for --top-prefixes
    #[arg(long, value_name = "SEP", default_value = ":")]
    pub separator: String,

    /// Named segments per group for --top-prefixes (the * of an id does not count)
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub depth: usize,
}

/// `--type`: mapped onto `ops::scan::KeyType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TypeArg {
    String,
    Hash,
    List,
    Set,
    Zset,
    Stream,
}

impl From<TypeArg> for KeyType {
    fn from(t: TypeArg) -> KeyType {
        match t {
            TypeArg::String => KeyType::String,
            TypeArg::Hash => KeyType::Hash,
            TypeArg::List => KeyType::List,
            TypeArg::Set => KeyType::Set,
            TypeArg::Zset => KeyType::Zset,
            TypeArg::Stream => KeyType::Stream,
        }
    }
}

impl Selection {
    fn filters(&self) -> Filters {
        Filters {
            key_type: self.key_type.map(KeyType::from),
            no_ttl: self.no_ttl,
            min_idle: self.min_idle,
        }
    }
}

/// The nodes to act on: the server, or every master of the cluster (scans see each key once),
/// and on a cluster the router that follows MOVED/ASK from them.
async fn nodes(ctx: &Ctx) -> anyhow::Result<(Masters, Option<Arc<Router>>)> {
    let target = ctx.target()?;
    let masters = target.masters().await?;
    let router = matches!(target.mode, Mode::Cluster(_))
        .then(|| Arc::new(Router::new(target.auth.clone(), &masters.nodes)));
    Ok((masters, router))
}

/// The errors of the nodes that failed.
fn node_errors<'a>(errors: impl Iterator<Item = Option<&'a str>>) -> Vec<&'a str> {
    errors.flatten().collect()
}

pub async fn run(ctx: &Ctx, args: &CacheArgs) -> anyhow::Result<ExitStatus> {
    match &args.action {
        CacheAction::Flush(a) => run_flush(ctx, a).await,
        CacheAction::Stats(a) => run_stats(ctx, a).await,
        CacheAction::Analyze(a) => analyze::run(ctx, a).await,
    }
}

async fn run_flush(ctx: &Ctx, a: &FlushArgs) -> anyhow::Result<ExitStatus> {
    let s = &a.select;
    let pattern = select::match_pattern(
        s.prefix.as_ref(),
        s.pattern.as_ref(),
        &ctx.settings.cache_prefix.value,
        s.all_keys,
    )?;
    // Refuse before touching the server when nobody can confirm.
    let guard = a.confirm.guard("cache flush")?;
    let (masters, router) = nodes(ctx).await?;
    let Masters { nodes, unreached } = masters;
    // Ctrl-C is caught only once deleting starts, so it still ends the confirmation prompt.
    let counting = Stop::default();
    let mut plan = flush::Plan {
        pattern,
        scan_count: s.scan_count as usize,
        batch: a.batch as usize,
        filters: s.filters(),
        dry_run: true,
        rate: a.rate,
        sample: a.sample,
        cluster: router,
    };
    // Keep pacing smooth: a batch is never more than a tenth of a second's allowance.
    if let Some(r) = a.rate {
        plan.batch = plan.batch.min((r / 10).max(1) as usize);
    }
    if !a.confirm.yes && !a.confirm.dry_run {
        let pb = progress::fraction_bar(&ctx.out, "counting");
        let mut estimate = tokio::select! {
            e = flush::run_all(nodes.clone(), &plan, &counting, &pb) => e,
            _ = crate::signal::interrupted() => return Ok(ExitStatus::Interrupted),
        };
        estimate.unreached = unreached.clone();
        let sample: Vec<String> = estimate
            .nodes
            .iter()
            .flat_map(|n| n.sample.iter().cloned())
            .take(5)
            .collect();
        ctx.out.problem(format!(
            "{} match '{}' on {}, e.g. {}",
            crate::output::number::plural(estimate.matched, "key"),
            plan.pattern,
            crate::output::number::plural(estimate.nodes.len() as u64, "node"),
            sample.join(", ")
        ));
        if estimate.matched == 0 {
            estimate.dry_run = false;
            ctx.out
                .emit_outcome(&estimate, estimate.unreached.is_empty())?;
            if let Some(e) = crate::redis::unreached_error(&estimate.unreached) {
                return Err(e);
            }
            return Ok(ExitStatus::Success);
        }
        if !guard.confirm(&format!(
            "Delete {}",
            crate::output::number::plural(estimate.matched, "key")
        ))? {
            ctx.out.problem("nothing deleted");
            return Ok(ExitStatus::Problem);
        }
    }
    plan.dry_run = a.confirm.dry_run;
    let stop = Stop::on_signal();
    let pb = progress::fraction_bar(&ctx.out, if plan.dry_run { "scanning" } else { "deleting" });
    let mut report = flush::run_all(nodes, &plan, &stop, &pb).await;
    report.unreached = unreached;
    let failed = node_errors(report.nodes.iter().map(|n| n.error.as_deref()));
    let ok = failed.is_empty() && report.unreached.is_empty() && !report.interrupted;
    ctx.out.emit_outcome(&report, ok)?;
    if !failed.is_empty() {
        if a.confirm.dry_run {
            return Err(exit::runtime(format!(
                "{} (dry run: nothing was deleted)",
                failed.join("; ")
            )));
        }
        return Err(exit::runtime(format!(
            "{}; {} deleted before the failure, run again to finish",
            failed.join("; "),
            crate::output::number::plural(report.deleted, "key")
        )));
    }
    if let Some(e) = crate::redis::unreached_error(&report.unreached) {
        return Err(e);
    }
    if report.interrupted {
        ctx.out.problem(format!(
            "redkit: interrupted after deleting {}; run again to continue",
            crate::output::number::plural(report.deleted, "key")
        ));
        return Ok(ExitStatus::Interrupted);
    }
    Ok(ExitStatus::Success)
}

async fn run_stats(ctx: &Ctx, a: &StatsArgs) -> anyhow::Result<ExitStatus> {
    let s = &a.select;
    // --top-prefixes looks at the whole keyspace unless a selection is given.
    let whole = a.top_prefixes.is_some() && s.prefix.is_none() && s.pattern.is_none();
    let pattern = if whole {
        Name::from("*")
    } else {
        select::match_pattern(
            s.prefix.as_ref(),
            s.pattern.as_ref(),
            &ctx.settings.cache_prefix.value,
            s.all_keys,
        )?
    };
    let (masters, router) = nodes(ctx).await?;
    let Masters { nodes, unreached } = masters;
    let plan = stats::StatsPlan {
        pattern,
        scan_count: s.scan_count as usize,
        filters: s.filters(),
        sample: a.sample,
        exact: a.exact,
        biggest: a.biggest,
        top_prefixes: a
            .top_prefixes
            .map(|n| (n, a.separator.clone(), a.depth.max(1))),
        cluster: router,
    };
    // Ctrl-C ends the scan between batches, as in `cache flush`: the bar is cleared and what
    // was scanned is reported (review-21 F5).
    let stop = Stop::on_signal();
    let pb = progress::fraction_bar(&ctx.out, "scanning");
    let mut report = stats::run_all(nodes, &plan, &pb, &stop).await;
    report.unreached = unreached;
    pb.finish_and_clear();
    let failed = node_errors(report.nodes.iter().map(|n| n.error.as_deref()));
    let ok = failed.is_empty() && report.unreached.is_empty() && !report.interrupted;
    ctx.out.emit_outcome(&report, ok)?;
    if !failed.is_empty() {
        return Err(exit::runtime(failed.join("; ")));
    }
    if let Some(e) = crate::redis::unreached_error(&report.unreached) {
        return Err(e);
    }
    if report.interrupted {
        ctx.out.problem(format!(
            "redkit: interrupted after scanning {}; the figures cover only those",
            crate::output::number::plural(report.total.keys, "key")
        ));
        return Ok(ExitStatus::Interrupted);
    }
    Ok(ExitStatus::Success)
}
