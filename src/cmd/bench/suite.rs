//! `--suite batching|pool|values|app`: the team's benchmark questions as fixed series of short
//! runs, each answered in a table (and with `--report`, an HTML page of charts).

use std::io::{self, Write};
use std::time::Duration;

use clap::ValueEnum;
use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};

use super::report::{BenchReport, Latency, Overall, Params, ServerInfo, WorkloadResult};
use super::values::{DataSize, Ttl, ValueKind};
use super::workload::{KeyPattern, Workload};
use super::{BenchArgs, Connections, check_params, confirm_writes, connections, remove_bench_keys};
use crate::cmd::{Ctx, problem_if};
use crate::exit::{self, ExitStatus};
use crate::output::{Cell, Format, Render, Ui, write_atomic};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Suite {
    /// MSET/MGET of 1, 10, 100, 1000 keys against the same number of keys one by one
    Batching,
    /// 1 to 256 connections: throughput and p99 per size, the knee
    Pool,
    /// Values of 64 B to 1 MiB: throughput, bytes/s, p99
    Values,
    /// The cache and jobs workloads at the application's shapes
    App,
}

impl Suite {
    pub fn name(self) -> &'static str {
        match self {
            Suite::Batching => "batching",
            Suite::Pool => "pool",
            Suite::Values => "values",
            Suite::App => "app",
        }
    }
}

/// A step's length when neither `--duration` nor `-n` is given: short, so a suite takes
/// seconds.
const DEFAULT_STEP: Duration = Duration::from_millis(500);
pub const BATCHES: [usize; 4] = [1, 10, 100, 1000];
pub const POOL_SIZES: [usize; 9] = [1, 2, 4, 8, 16, 32, 64, 128, 256];
pub const VALUE_SIZES: [usize; 8] = [
    64,
    256,
    1 << 10,
    4 << 10,
    16 << 10,
    64 << 10,
    256 << 10,
    1 << 20,
];
/// The values suite keeps at most this many bytes of values on the server per size.
const VALUES_BUDGET: usize = 64 << 20;
/// The knee of the pool: the smallest size reaching this share of the peak throughput.
const KNEE_SHARE: f64 = 0.9;
/// The p99 "starts climbing" at the first size whose p99 is this many times the lowest p99
/// of the smaller sizes.
const P99_CLIMB: f64 = 2.0;
/// The application's pool (`max connections 20`, context 001).
const APP_CLIENTS: usize = 20;

/// One batch size: keys/s of the batched commands against the same keys one command each.
#[derive(Debug, Clone, Serialize)]
pub struct BatchRow {
    pub batch: usize,
    pub mset_keys_per_sec: f64,
    pub set_keys_per_sec: f64,
    pub mset_speedup: f64,
    pub mget_keys_per_sec: f64,
    pub get_keys_per_sec: f64,
    pub mget_speedup: f64,
    pub mset_p99_us: u64,
    pub mget_p99_us: u64,
    pub set_p99_us: u64,
    pub get_p99_us: u64,
    pub errors: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PoolRow {
    pub clients: usize,
    pub ops_per_sec: f64,
    pub p50_us: u64,
    pub p99_us: u64,
    pub p999_us: u64,
    pub errors: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PoolResult {
    pub rows: Vec<PoolRow>,
    pub peak_ops_per_sec: f64,
    /// The smallest pool reaching 90% of the peak throughput.
    pub knee_clients: Option<usize>,
    /// The first pool whose p99 is twice the lowest p99 of the smaller pools.
    pub p99_climbs_at: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ValueRow {
    pub size_bytes: usize,
    pub workload: Workload,
    pub keyspace: u64,
    pub ops_per_sec: f64,
    pub bytes_per_sec: f64,
    pub p50_us: u64,
    pub p99_us: u64,
    pub errors: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct AppRow {
    pub workload: Workload,
    pub clients: usize,
    /// How the keys and values were shaped, in words.
    pub shape: String,
    pub ops_per_sec: f64,
    pub p50_us: u64,
    pub p99_us: u64,
    pub p999_us: u64,
    pub hit_rate: Option<f64>,
    pub events_acked: Option<u64>,
    pub pending_left: Option<u64>,
    pub errors: u64,
}

/// A latency percentile spectrum: (percentile, µs) points of one workload in one step.
#[derive(Debug, Clone, Serialize)]
pub struct Spectrum {
    pub label: String,
    pub percentiles: Vec<f64>,
    pub latency_us: Vec<u64>,
}

/// The percentiles of a spectrum (the HdrHistogram plotter's axis, without the max).
const SPECTRUM: [f64; 11] = [
    0.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.5, 99.9, 99.95, 99.99, 99.999,
];

impl Spectrum {
    fn of(label: String, h: &Histogram<u64>) -> Spectrum {
        Spectrum {
            label,
            percentiles: SPECTRUM.to_vec(),
            latency_us: SPECTRUM
                .iter()
                .map(|p| h.value_at_quantile(p / 100.0))
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SuiteResult {
    pub suite: Suite,
    /// Every step of this suite together, as a plain run's keys.
    pub ops_per_sec: f64,
    pub latency_us: Latency,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batching: Option<Vec<BatchRow>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pool: Option<PoolResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<ValueRow>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app: Option<Vec<AppRow>>,
    pub spectra: Vec<Spectrum>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuiteReport {
    pub server: ServerInfo,
    /// Each step's length (null when steps are counted in requests).
    pub step_ms: Option<u64>,
    pub requests_per_step: Option<u64>,
    pub clients: usize,
    pub pipeline: usize,
    /// Every step of every suite together: measured commands over measured time, and the
    /// merged latencies (the keys of a plain run's JSON).
    pub ops_per_sec: f64,
    pub latency_us: Latency,
    pub suites: Vec<SuiteResult>,
    /// Steps with more error replies than --max-errors, each named.
    pub problems: Vec<String>,
    pub interrupted: bool,
    pub cleaned_up: Option<u64>,
    /// What the cleanup could not remove, each glob and master with why ([]: nothing).
    pub left_after_cleanup: Vec<String>,
}

/// What a step is made of: the base parameters with some changed.
struct Steps<'a> {
    ctx: &'a Ctx,
    conns: &'a Connections,
    base: Params,
    max_errors: f64,
    problems: Vec<String>,
    interrupted: bool,
    fatal: Option<String>,
    /// The current suite's steps, and every suite's.
    suite_total: Overall,
    total: Overall,
}

impl Steps<'_> {
    /// Runs one step (its workloads in turn); None once interrupted or failed.
    async fn run(
        &mut self,
        label: &str,
        change: impl FnOnce(&mut Params),
    ) -> anyhow::Result<Option<BenchReport>> {
        if self.interrupted || self.fatal.is_some() {
            return Ok(None);
        }
        let mut p = self.base.clone();
        change(&mut p);
        check_params(&p, false)?;
        self.ctx.out.verbose(1, format!("suite step: {label}"));
        let (mut report, fatal) =
            super::run_workloads(self.ctx, &p, None, self.conns, false, false).await?;
        report.max_errors_pct = self.max_errors;
        for line in report.too_many_errors() {
            self.problems.push(format!("{label}: {line}"));
        }
        self.interrupted |= report.interrupted;
        if fatal.is_some() {
            self.fatal = fatal;
        }
        self.suite_total.add(&report.workloads);
        self.total.add(&report.workloads);
        if self.interrupted || self.fatal.is_some() {
            return Ok(None);
        }
        Ok(Some(report))
    }
}

fn find(r: &BenchReport, w: Workload) -> Option<&WorkloadResult> {
    r.workloads.iter().find(|x| x.workload == w)
}

fn errors(r: &BenchReport) -> u64 {
    r.workloads
        .iter()
        .map(|w| w.errors.values().sum::<u64>())
        .sum()
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        (a / b * 100.0).round() / 100.0
    } else {
        0.0
    }
}

fn spectrum_of(out: &mut Vec<Spectrum>, label: String, w: Option<&WorkloadResult>) {
    if let Some(h) = w.and_then(|w| w.histogram()).filter(|h| !h.is_empty()) {
        out.push(Spectrum::of(label, h));
    }
}

async fn batching(s: &mut Steps<'_>) -> anyhow::Result<SuiteResult> {
    let mut rows = Vec::new();
    let mut spectra = Vec::new();
    for b in BATCHES {
        // The same number of keys either way: MSET/MGET of b keys, or b SET/GET commands.
        let Some(r) = s
            .run(&format!("batch {b}"), |p| {
                p.workloads = vec![Workload::Mset, Workload::Set, Workload::Mget, Workload::Get];
                p.batch = b;
                p.keyspace = p.keyspace.max(b as u64);
            })
            .await?
        else {
            break;
        };
        let kps = |w| find(&r, w).map(|x| x.keys_per_sec).unwrap_or(0.0);
        let p99 = |w| find(&r, w).map(|x| x.latency_us.p99).unwrap_or(0);
        rows.push(BatchRow {
            batch: b,
            mset_keys_per_sec: kps(Workload::Mset),
            set_keys_per_sec: kps(Workload::Set),
            mset_speedup: ratio(kps(Workload::Mset), kps(Workload::Set)),
            mget_keys_per_sec: kps(Workload::Mget),
            get_keys_per_sec: kps(Workload::Get),
            mget_speedup: ratio(kps(Workload::Mget), kps(Workload::Get)),
            mset_p99_us: p99(Workload::Mset),
            mget_p99_us: p99(Workload::Mget),
            set_p99_us: p99(Workload::Set),
            get_p99_us: p99(Workload::Get),
            errors: errors(&r),
        });
        spectrum_of(&mut spectra, format!("mset {b}"), find(&r, Workload::Mset));
        spectrum_of(&mut spectra, format!("mget {b}"), find(&r, Workload::Mget));
        if b == 1 {
            spectrum_of(&mut spectra, "set".into(), find(&r, Workload::Set));
            spectrum_of(&mut spectra, "get".into(), find(&r, Workload::Get));
        }
    }
    Ok(SuiteResult {
        suite: Suite::Batching,
        ops_per_sec: 0.0,
        latency_us: Latency::default(),
        batching: Some(rows),
        pool: None,
        values: None,
        app: None,
        spectra,
    })
}

/// The knee of a pool: the smallest size at 90% of the peak, and where p99 starts climbing.
pub fn knee(rows: &[PoolRow]) -> (f64, Option<usize>, Option<usize>) {
    let peak = rows.iter().map(|r| r.ops_per_sec).fold(0.0, f64::max);
    let knee = rows
        .iter()
        .find(|r| peak > 0.0 && r.ops_per_sec >= KNEE_SHARE * peak)
        .map(|r| r.clients);
    let mut lowest = u64::MAX;
    let mut climbs = None;
    for r in rows {
        if lowest != u64::MAX && r.p99_us as f64 > P99_CLIMB * lowest as f64 {
            climbs = Some(r.clients);
            break;
        }
        lowest = lowest.min(r.p99_us.max(1));
    }
    (peak, knee, climbs)
}

async fn pool(s: &mut Steps<'_>) -> anyhow::Result<SuiteResult> {
    // GETs of keys that exist: one SET step first.
    s.run("pool: fill", |p| p.workloads = vec![Workload::Set])
        .await?;
    let mut rows = Vec::new();
    let mut spectra = Vec::new();
    for c in POOL_SIZES {
        let Some(r) = s
            .run(&format!("{c} connections"), |p| {
                p.workloads = vec![Workload::Get];
                p.clients = c;
            })
            .await?
        else {
            break;
        };
        let Some(w) = find(&r, Workload::Get) else {
            continue;
        };
        rows.push(PoolRow {
            clients: c,
            ops_per_sec: w.ops_per_sec,
            p50_us: w.latency_us.p50,
            p99_us: w.latency_us.p99,
            p999_us: w.latency_us.p999,
            errors: errors(&r),
        });
        spectrum_of(&mut spectra, format!("{c} conns"), Some(w));
    }
    let (peak, knee_clients, p99_climbs_at) = knee(&rows);
    Ok(SuiteResult {
        suite: Suite::Pool,
        ops_per_sec: 0.0,
        latency_us: Latency::default(),
        batching: None,
        pool: Some(PoolResult {
            rows,
            peak_ops_per_sec: peak,
            knee_clients,
            p99_climbs_at,
        }),
        values: None,
        app: None,
        spectra,
    })
}

async fn values(s: &mut Steps<'_>) -> anyhow::Result<SuiteResult> {
    let mut rows = Vec::new();
    let mut spectra = Vec::new();
    for size in VALUE_SIZES {
        // Few keys of a large value: the server holds at most 64 MiB of them.
        let keyspace = s.base.keyspace.min((VALUES_BUDGET / size).max(16) as u64);
        let Some(r) = s
            .run(&format!("{size} B values"), |p| {
                p.workloads = vec![Workload::Set, Workload::Get];
                p.data_size = size;
                p.data_sizes = None;
                p.keyspace = keyspace;
            })
            .await?
        else {
            break;
        };
        for w in [Workload::Set, Workload::Get] {
            if let Some(x) = find(&r, w) {
                rows.push(ValueRow {
                    size_bytes: size,
                    workload: w,
                    keyspace,
                    ops_per_sec: x.ops_per_sec,
                    bytes_per_sec: (x.ops_per_sec * size as f64).round(),
                    p50_us: x.latency_us.p50,
                    p99_us: x.latency_us.p99,
                    errors: x.errors.values().sum(),
                });
            }
        }
        spectrum_of(
            &mut spectra,
            format!("get {}", DataSize::Fixed(size).describe()),
            find(&r, Workload::Get),
        );
    }
    Ok(SuiteResult {
        suite: Suite::Values,
        ops_per_sec: 0.0,
        latency_us: Latency::default(),
        batching: None,
        pool: None,
        values: Some(rows),
        app: None,
        spectra,
    })
}

async fn app(s: &mut Steps<'_>) -> anyhow::Result<SuiteResult> {
    let mut rows = Vec::new();
    let mut spectra = Vec::new();
    // The cache provider: JSON values, TTL 3600 s, popular keys read most (zipf).
    let cache_shape = "zipf 0.99 keys, JSON values 64..4096 B, TTL 1h";
    let cache = s
        .run("app: cache", |p| {
            p.workloads = vec![Workload::Cache];
            p.clients = APP_CLIENTS;
            p.key_pattern = KeyPattern::Zipf(0.99);
            p.data_sizes = Some(DataSize::Range(64, 4096));
            p.data_size = 4096;
            p.value_kind = ValueKind::Json;
            p.ttl = Some(Ttl {
                min_ms: 3_600_000,
                max_ms: 3_600_000,
            });
        })
        .await?;
    // Job event streams: events of ~200 B JSON to 20 jobs, workers in a group.
    let jobs_shape = "20 job streams, 200 B JSON events, XREADGROUP/XACK workers";
    let jobs = s
        .run("app: jobs", |p| {
            p.workloads = vec![Workload::Jobs];
            // Its producers pace themselves: no pipeline.
            p.pipeline = 1;
            p.clients = APP_CLIENTS;
            p.keyspace = 20;
            p.data_size = 200;
            p.data_sizes = None;
            p.ttl = None;
        })
        .await?;
    for (r, w, shape) in [
        (&cache, Workload::Cache, cache_shape),
        (&jobs, Workload::Jobs, jobs_shape),
    ] {
        let Some(x) = r.as_ref().and_then(|r| find(r, w)) else {
            continue;
        };
        rows.push(AppRow {
            workload: w,
            clients: APP_CLIENTS,
            shape: shape.into(),
            ops_per_sec: x.ops_per_sec,
            p50_us: x.latency_us.p50,
            p99_us: x.latency_us.p99,
            p999_us: x.latency_us.p999,
            hit_rate: x.hit_rate,
            events_acked: x.events_acked,
            pending_left: x.pending_left,
            errors: x.errors.values().sum(),
        });
        spectrum_of(&mut spectra, w.name().into(), Some(x));
    }
    Ok(SuiteResult {
        suite: Suite::App,
        ops_per_sec: 0.0,
        latency_us: Latency::default(),
        batching: None,
        pool: None,
        values: None,
        app: Some(rows),
        spectra,
    })
}

pub async fn run(ctx: &Ctx, args: &BenchArgs) -> anyhow::Result<ExitStatus> {
    if let Some(path) = &args.plan.report {
        super::hdr::check_prefix("--report", path)?;
    }
    let mut base = args.params()?;
    base.requests = args.requests;
    let step = match (args.requests, args.duration) {
        (Some(_), _) => None,
        (None, d) => Some(d.unwrap_or(DEFAULT_STEP)),
    };
    base.duration_ms = step.map(|d| d.as_millis() as u64);
    base.rate = None;
    check_params(&base, false)?;
    if !(0.0..=100.0).contains(&args.max_errors) {
        return Err(exit::usage(format!(
            "--max-errors {}: a percentage from 0 to 100",
            args.max_errors
        )));
    }
    let conns = connections(ctx, &args.plan).await?;
    // Every suite writes (its keys under --key-prefix).
    if !confirm_writes(ctx, &conns, &base.key_prefix, args.yes).await? {
        return Ok(ExitStatus::Problem);
    }
    let mut steps = Steps {
        ctx,
        conns: &conns,
        base: base.clone(),
        max_errors: args.max_errors,
        problems: Vec::new(),
        interrupted: false,
        fatal: None,
        suite_total: Overall::default(),
        total: Overall::default(),
    };
    let mut suites = Vec::new();
    let mut seen = Vec::new();
    for &suite in &args.plan.suites {
        if seen.contains(&suite) {
            continue;
        }
        seen.push(suite);
        steps.suite_total = Overall::default();
        let mut result = match suite {
            Suite::Batching => batching(&mut steps).await?,
            Suite::Pool => pool(&mut steps).await?,
            Suite::Values => values(&mut steps).await?,
            Suite::App => app(&mut steps).await?,
        };
        result.ops_per_sec = steps.suite_total.ops_per_sec();
        result.latency_us = steps.suite_total.latency();
        suites.push(result);
    }
    let (ops_per_sec, latency_us) = (steps.total.ops_per_sec(), steps.total.latency());
    let (problems, interrupted, fatal) = (steps.problems, steps.interrupted, steps.fatal);
    let cleanup = if args.keep_keys {
        None
    } else {
        Some(remove_bench_keys(&conns, &base.key_prefix).await)
    };
    let cleaned_up = cleanup.as_ref().map(|c| c.removed);
    let cleanup_failure = cleanup.as_ref().and_then(|c| c.failure());
    let report = SuiteReport {
        server: conns.server.clone(),
        step_ms: base.duration_ms,
        requests_per_step: base.requests,
        clients: base.clients,
        pipeline: base.pipeline,
        ops_per_sec,
        latency_us,
        suites,
        problems,
        interrupted,
        cleaned_up,
        left_after_cleanup: cleanup.map(|c| c.left).unwrap_or_default(),
    };
    if let Some(path) = &args.plan.report {
        write_atomic(path, super::html::page(&report).as_bytes())?;
        ctx.out.note(format!("wrote {}", path.display()));
    }
    let ok =
        fatal.is_none() && cleanup_failure.is_none() && !interrupted && report.problems.is_empty();
    ctx.out.emit_outcome(&report, ok)?;
    super::failed(ctx, fatal, cleanup_failure)?;
    if interrupted {
        ctx.out
            .problem("redkit: interrupted; the report covers the steps that ran");
        return Ok(ExitStatus::Interrupted);
    }
    for line in &report.problems {
        ctx.out.problem(format!("redkit: bench: {line}"));
    }
    Ok(problem_if(!report.problems.is_empty()))
}

impl crate::output::Formats for SuiteReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "-".into())
}

impl Render for SuiteReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let length = match (self.step_ms, self.requests_per_step) {
            (Some(ms), _) => format!("steps of {ms} ms"),
            (None, Some(n)) => format!("steps of {n} requests"),
            _ => String::new(),
        };
        writeln!(
            w,
            "{} (redis {}), {}, pipeline {}, {length}",
            crate::output::escape::escape_str(&self.server.target),
            crate::output::escape::escape_str(&self.server.version),
            crate::output::number::plural(self.clients as u64, "client"),
            self.pipeline
        )?;
        for s in &self.suites {
            writeln!(w)?;
            let mut t = ui.table();
            if let Some(rows) = &s.batching {
                writeln!(
                    w,
                    "batching: MSET/MGET of N keys against N SET/GET, keys/s and speedup"
                )?;
                t.set_header(vec![
                    "batch",
                    "mset keys/s",
                    "set keys/s",
                    "mset speedup",
                    "mget keys/s",
                    "get keys/s",
                    "mget speedup",
                    "p99 µs mset/set",
                    "p99 µs mget/get",
                    "errors",
                ]);
                for r in rows {
                    t.add_row(vec![
                        Cell::new(r.batch),
                        Cell::new(format!("{:.0}", r.mset_keys_per_sec)),
                        Cell::new(format!("{:.0}", r.set_keys_per_sec)),
                        Cell::new(format!("{:.2}x", r.mset_speedup)),
                        Cell::new(format!("{:.0}", r.mget_keys_per_sec)),
                        Cell::new(format!("{:.0}", r.get_keys_per_sec)),
                        Cell::new(format!("{:.2}x", r.mget_speedup)),
                        Cell::new(format!("{}/{}", r.mset_p99_us, r.set_p99_us)),
                        Cell::new(format!("{}/{}", r.mget_p99_us, r.get_p99_us)),
                        Cell::new(r.errors),
                    ]);
                }
                writeln!(w, "{t}")?;
            }
            if let Some(p) = &s.pool {
                writeln!(w, "pool: GET through 1 to 256 connections")?;
                t.set_header(vec![
                    "connections",
                    "ops/s",
                    "p50 µs",
                    "p99 µs",
                    "p99.9 µs",
                    "errors",
                ]);
                for r in &p.rows {
                    t.add_row(vec![
                        Cell::new(r.clients),
                        Cell::new(format!("{:.0}", r.ops_per_sec)),
                        Cell::new(r.p50_us),
                        Cell::new(r.p99_us),
                        Cell::new(r.p999_us),
                        Cell::new(r.errors),
                    ]);
                }
                writeln!(w, "{t}")?;
                writeln!(
                    w,
                    "knee: {} connections reach 90% of the peak {:.0} ops/s; p99 starts climbing at {}",
                    opt(p.knee_clients),
                    p.peak_ops_per_sec,
                    p.p99_climbs_at
                        .map(|c| format!("{c} connections"))
                        .unwrap_or_else(|| "no size tried".into())
                )?;
            }
            if let Some(rows) = &s.values {
                writeln!(w, "values: SET and GET of 64 B to 1 MiB values")?;
                t.set_header(vec![
                    "size", "workload", "keys", "ops/s", "MB/s", "p50 µs", "p99 µs", "errors",
                ]);
                for r in rows {
                    t.add_row(vec![
                        Cell::new(DataSize::Fixed(r.size_bytes).describe()),
                        Cell::new(r.workload.name()),
                        Cell::new(r.keyspace),
                        Cell::new(format!("{:.0}", r.ops_per_sec)),
                        Cell::new(format!("{:.1}", r.bytes_per_sec / 1e6)),
                        Cell::new(r.p50_us),
                        Cell::new(r.p99_us),
                        Cell::new(r.errors),
                    ]);
                }
                writeln!(w, "{t}")?;
            }
            if let Some(rows) = &s.app {
                writeln!(
                    w,
                    "app: the cache and jobs workloads at the application's shapes"
                )?;
                t.set_header(vec![
                    "workload",
                    "connections",
                    "shape",
                    "ops/s",
                    "p50 µs",
                    "p99 µs",
                    "p99.9 µs",
                    "hit rate",
                    "acked/pending",
                    "errors",
                ]);
                for r in rows {
                    t.add_row(vec![
                        Cell::new(r.workload.name()),
                        Cell::new(r.clients),
                        Cell::new(&r.shape),
                        Cell::new(format!("{:.0}", r.ops_per_sec)),
                        Cell::new(r.p50_us),
                        Cell::new(r.p99_us),
                        Cell::new(r.p999_us),
                        Cell::new(r.hit_rate.map(|h| format!("{h}%")).unwrap_or("-".into())),
                        Cell::new(match (r.events_acked, r.pending_left) {
                            (Some(a), Some(p)) => format!("{a}/{p}"),
                            _ => "-".into(),
                        }),
                        Cell::new(r.errors),
                    ]);
                }
                writeln!(w, "{t}")?;
            }
        }
        for p in &self.problems {
            writeln!(w, "problem: {}", crate::output::escape::escape_str(p))?;
        }
        if let Some(n) = self.cleaned_up {
            writeln!(w, "cleaned up {n} keys")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(clients: usize, ops: f64, p99: u64) -> PoolRow {
        PoolRow {
            clients,
            ops_per_sec: ops,
            p50_us: 1,
            p99_us: p99,
            p999_us: p99,
            errors: 0,
        }
    }

    #[test]
    fn knee_is_the_smallest_pool_near_the_peak_and_where_p99_climbs() {
        let rows = [
            row(1, 10_000.0, 100),
            row(2, 30_000.0, 110),
            row(4, 70_000.0, 150),
            row(8, 95_000.0, 190),
            row(16, 100_000.0, 350),
            row(32, 99_000.0, 700),
        ];
        let (peak, at, climbs) = knee(&rows);
        assert_eq!(peak, 100_000.0);
        assert_eq!(at, Some(8));
        assert_eq!(climbs, Some(16));
        assert_eq!(knee(&[]), (0.0, None, None));
    }
}
