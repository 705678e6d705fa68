//! The benchmark report: parameters, per-workload figures, baseline comparison, and the table.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use crate::output::Cell;
use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};

use super::driver::{Outcome, RunSamples, new_hist};
use super::values::{DataSize, Ttl, ValueKind};
use super::verdict::{self, MetricChange, Verdict};
use super::workload::{KeyPattern, Workload};
use crate::exit;
use crate::output::{Format, Render, Ui};

/// An open loop that reached less than this share of its --rate fell behind (the ramp's
/// bound too).
pub const OPEN_LOOP_SHORTFALL: f64 = 0.9;

/// Everything needed to run the same benchmark again (`--compare` reads it from a baseline).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Params {
    pub workloads: Vec<Workload>,
    pub clients: usize,
    pub pipeline: usize,
    pub requests: Option<u64>,
    pub duration_ms: Option<u64>,
    /// The value size, or the largest of `data_sizes`.
    pub data_size: usize,
    /// `--data-size` as a range or weighted list (null: every value is `data_size` bytes).
    #[serde(default)]
    pub data_sizes: Option<DataSize>,
    /// `raw` or `json`.
    #[serde(default)]
    pub value_kind: ValueKind,
    /// `--ttl` of every SET, in ms (null: no expiry).
    #[serde(default)]
    pub ttl: Option<Ttl>,
    pub keyspace: u64,
    pub key_pattern: KeyPattern,
    pub key_prefix: String,
    pub threads: usize,
    pub warmup_ms: u64,
    pub rate: Option<f64>,
    pub batch: usize,
    pub ratio: String,
    pub custom: Vec<String>,
    /// `--key-index`: the word of the custom command that is its key; null: found by asking
    /// the server (COMMAND GETKEYS).
    #[serde(default)]
    pub key_index: Option<usize>,
    /// Times each workload ran; the figures are the median run (baselines before --runs: 1).
    #[serde(default = "one")]
    pub runs: usize,
    /// `--min-run` in ms: each run's measured part lasts at least this long (null: no floor).
    #[serde(default)]
    pub min_run_ms: Option<u64>,
    /// `--scenario`: its file and entries, as parsed (null without).
    #[serde(default)]
    pub scenario: Option<super::scenario::Scenario>,
    /// Whether the custom command writes, as the server flags it (`COMMAND INFO`); asked at
    /// each run, not saved. None: not asked, or the server would not say.
    #[serde(skip)]
    pub custom_writes: Option<bool>,
}

fn one() -> usize {
    1
}

impl Params {
    /// The value sizes every generator uses.
    pub fn sizes(&self) -> DataSize {
        self.data_sizes
            .clone()
            .unwrap_or(DataSize::Fixed(self.data_size))
    }
}

/// One run's figures of a workload repeated with --runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunFigures {
    pub ops_per_sec: f64,
    pub p50_us: u64,
    pub p99_us: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServerInfo {
    pub target: String,
    pub version: String,
    pub masters: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Latency {
    pub p50: u64,
    pub p90: u64,
    pub p99: u64,
    pub p999: u64,
    pub max: u64,
    pub mean: f64,
}

/// One `--slo` objective and whether the run met it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SloResult {
    pub workload: Workload,
    pub objective: String,
    pub measured: String,
    pub met: bool,
}

impl Latency {
    fn from_hist(h: &Histogram<u64>) -> Latency {
        if h.is_empty() {
            return Latency::default();
        }
        Latency {
            p50: h.value_at_quantile(0.50),
            p90: h.value_at_quantile(0.90),
            p99: h.value_at_quantile(0.99),
            p999: h.value_at_quantile(0.999),
            max: h.max(),
            mean: (h.mean() * 10.0).round() / 10.0,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkloadResult {
    pub workload: Workload,
    /// Commands measured (after warm-up).
    pub ops: u64,
    /// Commands sent, warm-up included.
    pub commands_sent: u64,
    /// Calls of the workload's commands the server counted (INFO commandstats), per master.
    pub server_calls: Vec<u64>,
    /// With `--replica`/`--read-from-replicas`: the same count on each replica reads went to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replica_calls: Vec<u64>,
    pub elapsed_s: f64,
    pub ops_per_sec: f64,
    /// Keys per second for MSET/MGET (ops/s times --batch).
    pub keys_per_sec: f64,
    pub latency_us: Latency,
    pub errors: BTreeMap<String, u64>,
    /// Error replies in percent of the commands sent.
    #[serde(default)]
    pub errors_pct: f64,
    /// Per-second measured commands, with --timeline (null without).
    #[serde(default)]
    pub timeline: Option<Vec<u64>>,
    /// With --runs N: each run's figures; `ops_per_sec` is their median, `latency_us` is over
    /// every run ([] for a single run).
    #[serde(default)]
    pub runs: Vec<RunFigures>,
    /// The median of the runs' p99 (the p99 compared with a baseline; null for a single run).
    #[serde(default)]
    pub p99_median_us: Option<u64>,
    /// Spread of the runs, (max - min) / median in percent: the noise a comparison allows for.
    #[serde(default)]
    pub ops_spread_pct: f64,
    #[serde(default)]
    pub p99_spread_pct: f64,
    /// Each run's 100 ms interval samples of ops/s and p99: what `--compare` judges (a
    /// baseline saved before they existed has [] and is judged by the runs' spread).
    #[serde(default)]
    pub samples: Vec<RunSamples>,
    /// `--min-run` raised `-n` (the clients kept sending) or lengthened `--duration`.
    #[serde(default)]
    pub min_run_raised: bool,
    /// A run's measured part was shorter than `--min-run` (interrupted, or a floor of 0 with
    /// a short run): too short to judge.
    #[serde(default)]
    pub too_short: bool,
    /// The cache workload: GETs that found their key, in percent of the GETs (null for the
    /// other workloads), with the counts and the rate of each second.
    #[serde(default)]
    pub hit_rate: Option<f64>,
    #[serde(default)]
    pub hits: Option<u64>,
    #[serde(default)]
    pub misses: Option<u64>,
    #[serde(default)]
    pub hit_rate_per_sec: Option<Vec<f64>>,
    /// The jobs workload: events acked by the workers (`ops` too; null for the others), and
    /// entries still pending in the group when the run ended (0 unless a worker lost some).
    #[serde(default)]
    pub events_acked: Option<u64>,
    #[serde(default)]
    pub pending_left: Option<u64>,
    /// Latency histogram, serialized only internally for merging.
    #[serde(skip)]
    hist: Option<Histogram<u64>>,
}

/// The sum of two counts either of which may be unknown.
fn sum_opt(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
    }
}

impl WorkloadResult {
    pub fn from_outcome(
        w: Workload,
        params: &Params,
        o: Outcome,
        per_master: &[u64],
        timeline: bool,
    ) -> WorkloadResult {
        let secs = o.elapsed.as_secs_f64().max(1e-9);
        let too_short = params
            .min_run_ms
            .is_some_and(|m| o.elapsed.as_millis() < u128::from(m));
        let ops_per_sec = (o.measured as f64 / secs).round();
        let mut out = WorkloadResult {
            workload: w,
            ops: o.measured,
            commands_sent: o.sent,
            server_calls: per_master.to_vec(),
            replica_calls: Vec::new(),
            elapsed_s: (secs * 1000.0).round() / 1000.0,
            ops_per_sec,
            keys_per_sec: if w.is_batch() {
                ops_per_sec * params.batch as f64
            } else {
                ops_per_sec
            },
            latency_us: Latency::from_hist(&o.hist),
            errors_pct: errors_pct(&o.errors, o.sent),
            errors: o.errors,
            timeline: timeline.then_some(o.timeline),
            runs: Vec::new(),
            p99_median_us: None,
            ops_spread_pct: 0.0,
            p99_spread_pct: 0.0,
            samples: vec![o.samples],
            min_run_raised: o.raised,
            too_short,
            hit_rate: None,
            hits: None,
            misses: None,
            hit_rate_per_sec: None,
            events_acked: None,
            pending_left: None,
            hist: Some(o.hist),
        };
        if w == Workload::Cache {
            let (h, m) = o.cache.iter().fold((0, 0), |(a, b), (h, m)| (a + h, b + m));
            out.set_hits(h, m);
            out.hit_rate_per_sec = Some(o.cache.iter().map(|(h, m)| rate(*h, *m)).collect());
        }
        out
    }

    fn set_hits(&mut self, h: u64, m: u64) {
        self.hits = Some(h);
        self.misses = Some(m);
        self.hit_rate = Some(rate(h, m));
    }

    /// One result from N runs of the same workload: the median run's ops/s, the median p99,
    /// the spread of both, counts and errors summed, latencies over every run.
    pub fn combine(mut runs: Vec<WorkloadResult>) -> Option<WorkloadResult> {
        if runs.len() <= 1 {
            return runs.pop();
        }
        let figures: Vec<RunFigures> = runs
            .iter()
            .map(|r| RunFigures {
                ops_per_sec: r.ops_per_sec,
                p50_us: r.latency_us.p50,
                p99_us: r.latency_us.p99,
            })
            .collect();
        let ops: Vec<f64> = figures.iter().map(|f| f.ops_per_sec).collect();
        let p99: Vec<f64> = figures.iter().map(|f| f.p99_us as f64).collect();
        let mut all = new_hist();
        let mut out = runs[0].clone();
        out.ops = 0;
        out.commands_sent = 0;
        out.elapsed_s = 0.0;
        out.errors = BTreeMap::new();
        out.server_calls = vec![0; runs[0].server_calls.len()];
        out.replica_calls = Vec::new();
        out.samples = Vec::new();
        let mut hits = (0u64, 0u64);
        for (i, r) in runs.iter().enumerate() {
            out.samples.extend(r.samples.iter().cloned());
            out.min_run_raised |= r.min_run_raised;
            out.too_short |= r.too_short;
            if let (Some(h), Some(m)) = (r.hits, r.misses) {
                hits.0 += h;
                hits.1 += m;
            }
            if let Some(h) = &r.hist {
                let _ = all.add(h);
            }
            // The jobs figures are counts over every run, as ops are (they were the first
            // run's).
            if i > 0 {
                out.events_acked = sum_opt(out.events_acked, r.events_acked);
                out.pending_left = sum_opt(out.pending_left, r.pending_left);
            }
            out.ops += r.ops;
            out.commands_sent += r.commands_sent;
            out.elapsed_s += r.elapsed_s;
            for (k, v) in &r.errors {
                *out.errors.entry(k.clone()).or_default() += v;
            }
            for (i, c) in r.server_calls.iter().enumerate() {
                if let Some(slot) = out.server_calls.get_mut(i) {
                    *slot += c;
                }
            }
            if out.replica_calls.len() < r.replica_calls.len() {
                out.replica_calls.resize(r.replica_calls.len(), 0);
            }
            for (i, c) in r.replica_calls.iter().enumerate() {
                out.replica_calls[i] += c;
            }
        }
        let median_ops = median(&ops);
        let ratio = if out.ops_per_sec > 0.0 {
            out.keys_per_sec / out.ops_per_sec
        } else {
            1.0
        };
        out.ops_per_sec = median_ops.round();
        out.keys_per_sec = (median_ops * ratio).round();
        out.elapsed_s = (out.elapsed_s * 1000.0).round() / 1000.0;
        out.latency_us = Latency::from_hist(&all);
        out.errors_pct = errors_pct(&out.errors, out.commands_sent);
        out.p99_median_us = Some(median(&p99).round() as u64);
        out.ops_spread_pct = spread(&ops);
        out.p99_spread_pct = spread(&p99);
        out.runs = figures;
        out.timeline = None;
        if out.hit_rate.is_some() {
            out.set_hits(hits.0, hits.1);
            out.hit_rate_per_sec = None;
        }
        out.hist = Some(all);
        Some(out)
    }

    /// The latency histogram over every run (none for a result loaded from a file).
    pub fn histogram(&self) -> Option<&Histogram<u64>> {
        self.hist.as_ref()
    }

    /// The p99 a comparison uses: the median of the runs, or the one run's.
    pub fn p99(&self) -> u64 {
        self.p99_median_us.unwrap_or(self.latency_us.p99)
    }
}

/// Hits in percent of the lookups, two decimals.
fn rate(hits: u64, misses: u64) -> f64 {
    let n = hits + misses;
    if n == 0 {
        return 0.0;
    }
    (hits as f64 / n as f64 * 10_000.0).round() / 100.0
}

/// Error replies in percent of `sent`, to three decimals (100 when nothing was sent but errors).
fn errors_pct(errors: &BTreeMap<String, u64>, sent: u64) -> f64 {
    let n: u64 = errors.values().sum();
    if n == 0 {
        return 0.0;
    }
    if sent == 0 {
        return 100.0;
    }
    ((n as f64 / sent as f64 * 100.0).min(100.0) * 1000.0).round() / 1000.0
}

pub fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// (max - min) / median, in percent, one decimal.
pub fn spread(values: &[f64]) -> f64 {
    let m = median(values);
    if values.len() < 2 || m == 0.0 {
        return 0.0;
    }
    let max = values.iter().copied().fold(f64::MIN, f64::max);
    let min = values.iter().copied().fold(f64::MAX, f64::min);
    ((max - min) / m * 1000.0).round() / 10.0
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Change {
    pub workload: Workload,
    pub old_ops_per_sec: f64,
    pub new_ops_per_sec: f64,
    pub ops_change_pct: f64,
    pub old_p99_us: u64,
    pub new_p99_us: u64,
    pub p99_change_pct: f64,
    /// The noise allowed for: the larger spread of the baseline's and the new runs.
    #[serde(default)]
    pub ops_noise_pct: f64,
    #[serde(default)]
    pub p99_noise_pct: f64,
    /// Deprecated, kept for scripts: `ok`, `within noise` or `regression`; read `verdict_code`.
    #[serde(default)]
    pub verdict: String,
    /// `regression`, `improvement`, `within_noise` or `inconclusive` (exit 1 only for
    /// `regression`).
    #[serde(default = "inconclusive")]
    pub verdict_code: Verdict,
    /// Why: the change that decided, its interval, or what was missing.
    #[serde(default)]
    pub reason: String,
    /// The interval-sample statistics of ops/s and p99 (change, its 99% interval, each new
    /// run's change, samples on each side).
    #[serde(default)]
    pub ops_stats: MetricChange,
    #[serde(default)]
    pub p99_stats: MetricChange,
    pub regression: bool,
}

fn inconclusive() -> Verdict {
    Verdict::Inconclusive
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BenchReport {
    pub parameters: Params,
    pub server: ServerInfo,
    /// All workloads together: measured commands over measured time.
    pub ops_per_sec: f64,
    /// All workloads' latencies merged.
    pub latency_us: Latency,
    pub workloads: Vec<WorkloadResult>,
    /// With --compare (null without).
    #[serde(default)]
    pub comparison: Option<Vec<Change>>,
    #[serde(default)]
    pub max_regression_pct: Option<f64>,
    /// `--max-errors`: a workload with more error replies (in percent) is a problem.
    #[serde(default = "default_max_errors")]
    pub max_errors_pct: f64,
    /// Keys removed at the end of a run that wrote (null: nothing was removed).
    #[serde(default)]
    pub cleaned_up: Option<u64>,
    /// The glob of the custom command's keys outside the prefix that the cleanup also removed
    /// (`agent:cache:bench:*`; null: none).
    #[serde(default)]
    pub cleaned_also: Option<String>,
    /// Keys the custom command wrote outside the prefix and left: with --keep-keys, or a key
    /// word no glob anchored on a literal can match (null: none).
    #[serde(default)]
    pub left_outside_prefix: Option<String>,
    /// What the cleanup could not remove: each glob and master, and why ([]: nothing left).
    #[serde(default)]
    pub left_after_cleanup: Vec<String>,
    /// Stopped by Ctrl-C: the figures cover what ran until then.
    #[serde(default)]
    pub interrupted: bool,
    /// With --slo: each goal for each workload, met or missed (null without).
    #[serde(default)]
    pub slo: Option<Vec<SloResult>>,
    /// With --compare: the worst of the workloads' verdicts (`regression` before
    /// `inconclusive` before `improvement` before `within_noise`); null without.
    #[serde(default)]
    pub verdict: Option<Verdict>,
}

fn default_max_errors() -> f64 {
    0.1
}

fn pct(old: f64, new: f64) -> f64 {
    if old == 0.0 {
        return 0.0;
    }
    ((new - old) / old * 1000.0).round() / 10.0
}

/// Workloads' figures summed, over one run or over every step of a suite or ramp: the one
/// definition of a report's `ops_per_sec` (measured commands over measured time) and
/// `latency_us` (the merged histograms).
pub struct Overall {
    hist: Histogram<u64>,
    ops: u64,
    secs: f64,
}

impl Default for Overall {
    fn default() -> Overall {
        Overall {
            hist: new_hist(),
            ops: 0,
            secs: 0.0,
        }
    }
}

impl Overall {
    pub fn add(&mut self, workloads: &[WorkloadResult]) {
        for w in workloads {
            if let Some(h) = &w.hist {
                let _ = self.hist.add(h);
            }
            self.ops += w.ops;
            self.secs += w.elapsed_s;
        }
    }

    pub fn ops_per_sec(&self) -> f64 {
        if self.secs > 0.0 {
            (self.ops as f64 / self.secs).round()
        } else {
            0.0
        }
    }

    pub fn latency(&self) -> Latency {
        Latency::from_hist(&self.hist)
    }
}

impl BenchReport {
    /// One line per workload whose runs spread beyond these limits (ops/s, p99, in %): a
    /// baseline saved from them can tell only changes beyond that noise.
    pub fn noisy_runs(&self, ops_pct: f64, p99_pct: f64) -> Vec<String> {
        self.workloads
            .iter()
            .filter(|r| {
                r.runs.len() > 1 && (r.ops_spread_pct > ops_pct || r.p99_spread_pct > p99_pct)
            })
            .map(|r| {
                format!(
                    "the baseline's {} runs spread {:.1}% in ops/s and {:.1}% in p99: a compare \
                     can tell only changes beyond that noise; save it again on a quiet machine, \
                     or with more --runs",
                    r.workload.name(),
                    r.ops_spread_pct,
                    r.p99_spread_pct
                )
            })
            .collect()
    }

    pub fn new(
        parameters: Params,
        server: ServerInfo,
        workloads: Vec<WorkloadResult>,
    ) -> BenchReport {
        let mut all = Overall::default();
        all.add(&workloads);
        BenchReport {
            parameters,
            server,
            ops_per_sec: all.ops_per_sec(),
            latency_us: all.latency(),
            workloads,
            comparison: None,
            max_regression_pct: None,
            max_errors_pct: default_max_errors(),
            cleaned_up: None,
            cleaned_also: None,
            left_outside_prefix: None,
            left_after_cleanup: Vec::new(),
            interrupted: false,
            slo: None,
            verdict: None,
        }
    }

    /// Compares with a baseline. With interval samples on both sides the verdict comes from
    /// them (`verdict::judge`); a baseline saved before samples existed is judged as before: a
    /// drop in ops/s or a rise in p99 is a regression only when it is beyond both `max_pct`
    /// and the larger spread of the baseline's runs and the new ones.
    pub fn compare_with(&mut self, old: &BenchReport, max_pct: f64) {
        let changes: Vec<Change> = self
            .workloads
            .iter()
            .filter_map(|new| {
                let prev = old.workloads.iter().find(|o| o.workload == new.workload)?;
                let ops_change = pct(prev.ops_per_sec, new.ops_per_sec);
                let p99_change = pct(prev.p99() as f64, new.p99() as f64);
                let ops_noise = prev.ops_spread_pct.max(new.ops_spread_pct);
                let p99_noise = prev.p99_spread_pct.max(new.p99_spread_pct);
                let (code, reason, ops_stats, p99_stats) = if prev.samples.is_empty() {
                    let beyond_limit = ops_change < -max_pct || p99_change > max_pct;
                    let beyond_noise = (ops_change < -max_pct && ops_change < -ops_noise)
                        || (p99_change > max_pct && p99_change > p99_noise);
                    let code = if beyond_noise {
                        Verdict::Regression
                    } else if beyond_limit {
                        Verdict::Inconclusive
                    } else {
                        Verdict::WithinNoise
                    };
                    let reason = "the baseline has no interval samples (saved by an older \
                                  redkit): judged by the runs' spread; save it again"
                        .to_string();
                    (
                        code,
                        reason,
                        MetricChange::default(),
                        MetricChange::default(),
                    )
                } else {
                    let mut j = verdict::judge(&prev.samples, &new.samples, max_pct);
                    if (prev.too_short || new.too_short) && j.verdict != Verdict::Regression {
                        j.verdict = Verdict::Inconclusive;
                        j.reason = format!("a run was shorter than --min-run; {}", j.reason);
                    }
                    (j.verdict, j.reason, j.ops, j.p99)
                };
                Some(Change {
                    workload: new.workload,
                    old_ops_per_sec: prev.ops_per_sec,
                    new_ops_per_sec: new.ops_per_sec,
                    ops_change_pct: ops_change,
                    old_p99_us: prev.p99(),
                    new_p99_us: new.p99(),
                    p99_change_pct: p99_change,
                    ops_noise_pct: ops_noise,
                    p99_noise_pct: p99_noise,
                    verdict: code.legacy().into(),
                    verdict_code: code,
                    reason,
                    ops_stats,
                    p99_stats,
                    regression: code == Verdict::Regression,
                })
            })
            .collect();
        let rank = |v: Verdict| match v {
            Verdict::Regression => 3,
            Verdict::Inconclusive => 2,
            Verdict::Improvement => 1,
            Verdict::WithinNoise => 0,
        };
        self.verdict = Some(
            changes
                .iter()
                .map(|c| c.verdict_code)
                .max_by_key(|v| rank(*v))
                .unwrap_or(Verdict::Inconclusive),
        );
        self.comparison = Some(changes);
        self.max_regression_pct = Some(max_pct);
    }

    pub fn regressed(&self) -> bool {
        self.comparison
            .as_ref()
            .is_some_and(|c| c.iter().any(|x| x.regression))
    }

    /// The workloads with more error replies than `max_errors_pct` of their requests, each
    /// as a line naming the error codes; one whose every request failed measured nothing (a
    /// read-only replica, an unknown command, MOVED on a cluster).
    pub fn too_many_errors(&self) -> Vec<String> {
        self.workloads
            .iter()
            .filter_map(|w| {
                let errors: u64 = w.errors.values().sum();
                if errors == 0 || (w.errors_pct <= self.max_errors_pct && errors < w.ops) {
                    return None;
                }
                let codes: Vec<String> = w
                    .errors
                    .iter()
                    .map(|(k, v)| format!("{}:{v}", crate::output::escape::escape_str(k)))
                    .collect();
                Some(if errors >= w.ops.max(w.commands_sent) {
                    format!(
                        "{}: every request failed ({})",
                        w.workload.name(),
                        codes.join(", ")
                    )
                } else {
                    format!(
                        "{}: {errors} of {} requests failed ({}%, more than --max-errors {}%): {}",
                        w.workload.name(),
                        w.commands_sent,
                        w.errors_pct,
                        self.max_errors_pct,
                        codes.join(", ")
                    )
                })
            })
            .collect()
    }

    /// Whether a --slo goal was missed.
    pub fn missed_slo(&self) -> bool {
        self.slo.as_ref().is_some_and(|s| s.iter().any(|x| !x.met))
    }
}

/// Reads a saved report (a baseline).
pub fn load(path: &Path) -> anyhow::Result<BenchReport> {
    let text = crate::files::read_text(path, crate::files::TEXT)
        .map_err(|e| exit::usage(format!("--compare {}: cannot read: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| {
        exit::usage(format!(
            "--compare {}:{}: not a redkit bench report: {e}",
            path.display(),
            e.line()
        ))
    })
}

impl crate::output::Formats for BenchReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];
}

impl Render for BenchReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let p = &self.parameters;
        writeln!(
            w,
            "{} (redis {}), {}, pipeline {}, {}, {} values{}{}{}",
            crate::output::escape::escape_str(&self.server.target),
            crate::output::escape::escape_str(&self.server.version),
            crate::output::number::plural(p.clients as u64, "client"),
            p.pipeline,
            crate::output::number::plural(p.threads as u64, "thread"),
            p.sizes().describe(),
            if p.value_kind == ValueKind::Json {
                " (json)"
            } else {
                ""
            },
            if p.key_pattern == KeyPattern::Random {
                String::new()
            } else {
                format!(", keys {}", p.key_pattern)
            },
            p.rate
                .map(|r| format!(", open loop at {r} ops/s"))
                .unwrap_or_default()
        )?;
        let runs = p.runs > 1;
        if runs {
            writeln!(
                w,
                "{} runs of each workload: ops/s is the median run, latencies are over all runs",
                p.runs
            )?;
        }
        let mut t = ui.table();
        // keys/s differs from ops/s for batches alone, and a column of zero errors says
        // nothing: shown where they carry a fact, so the table fits 80 columns (verify-25).
        let keys_col = self.workloads.iter().any(|r| r.workload.is_batch());
        let errors_col = self.workloads.iter().any(|r| !r.errors.is_empty());
        let mut header = vec!["workload", "ops", "ops/s"];
        if keys_col {
            header.push("keys/s");
        }
        header.extend(["p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "max µs"]);
        if errors_col {
            header.push("errors");
        }
        if runs {
            header.extend(["spread ops/p99", "p99 µs median"]);
        }
        t.set_header(header);
        for r in &self.workloads {
            let errors = if r.errors.is_empty() {
                "0".to_string()
            } else {
                // Error codes come from the server: control bytes are escaped.
                r.errors
                    .iter()
                    .map(|(k, v)| format!("{}:{v}", crate::output::escape::escape_str(k)))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let l = &r.latency_us;
            let mut row = vec![
                Cell::new(r.workload.name()),
                Cell::new(r.ops),
                Cell::new(format!("{:.0}", r.ops_per_sec)),
            ];
            if keys_col {
                row.push(Cell::new(format!("{:.0}", r.keys_per_sec)));
            }
            row.extend([
                Cell::new(l.p50),
                Cell::new(l.p90),
                Cell::new(l.p99),
                Cell::new(l.p999),
                Cell::new(l.max),
            ]);
            if errors_col {
                row.push(Cell::new(errors));
            }
            if runs {
                row.push(Cell::new(format!(
                    "{:.1}%/{:.1}%",
                    r.ops_spread_pct, r.p99_spread_pct
                )));
                row.push(Cell::new(r.p99()));
            }
            t.add_row(row);
        }
        writeln!(w, "{t}")?;
        if let Some(changes) = &self.comparison {
            let limit = self.max_regression_pct.unwrap_or(0.0);
            writeln!(
                w,
                "\ncompared with the baseline (allowed change {limit}%): the table's changes are of the whole runs; the lines below, which decide, are of the 100 ms samples (change and its 99% interval)"
            )?;
            let mut c = ui.table();
            c.set_header(vec![
                "workload",
                "ops/s old",
                "ops/s new",
                "ops change",
                "p99 µs old",
                "p99 µs new",
                "p99 change",
                "noise ops/p99",
                "verdict",
            ]);
            for x in changes {
                let verdict = match x.verdict_code {
                    Verdict::Regression => ui.paint("REGRESSION").red().bold().to_string(),
                    Verdict::Inconclusive => ui.paint("inconclusive").yellow().to_string(),
                    Verdict::Improvement => ui.paint("improvement").green().to_string(),
                    Verdict::WithinNoise => ui.paint("within noise").green().to_string(),
                };
                c.add_row(vec![
                    Cell::new(x.workload.name()),
                    Cell::new(format!("{:.0}", x.old_ops_per_sec)),
                    Cell::new(format!("{:.0}", x.new_ops_per_sec)),
                    Cell::new(format!("{:+.1}%", x.ops_change_pct)),
                    Cell::new(x.old_p99_us),
                    Cell::new(x.new_p99_us),
                    Cell::new(format!("{:+.1}%", x.p99_change_pct)),
                    // The runs' spread needs two runs on a side: with one on each there is
                    // none to show (a 0.0% would read as a perfectly quiet machine).
                    Cell::new(if x.ops_noise_pct == 0.0 && x.p99_noise_pct == 0.0 {
                        "one run".to_string()
                    } else {
                        format!("{:.1}%/{:.1}%", x.ops_noise_pct, x.p99_noise_pct)
                    }),
                    Cell::new(verdict),
                ]);
            }
            writeln!(w, "{c}")?;
            for x in changes {
                writeln!(
                    w,
                    "{}: {} (100 ms samples): {}",
                    x.workload.name(),
                    // Human text: `within noise`, not the JSON code `within_noise`.
                    x.verdict_code.name().replace('_', " "),
                    x.reason
                )?;
            }
        }
        if let Some(results) = &self.slo {
            writeln!(w, "\nservice level objectives")?;
            let mut t = ui.table();
            t.set_header(vec!["workload", "objective", "measured", "verdict"]);
            for r in results {
                t.add_row(vec![
                    Cell::new(r.workload.name()),
                    Cell::new(&r.objective),
                    Cell::new(&r.measured),
                    Cell::new(if r.met {
                        ui.paint("met").green().to_string()
                    } else {
                        ui.paint("MISSED").red().bold().to_string()
                    }),
                ]);
            }
            writeln!(w, "{t}")?;
        }
        for r in &self.workloads {
            if let (Some(rate), Some(h), Some(m)) = (r.hit_rate, r.hits, r.misses) {
                writeln!(
                    w,
                    "{}: hit rate {rate}% ({h} hits, {m} misses, each miss written back with its TTL)",
                    r.workload.name()
                )?;
            }
            if let (Some(a), Some(p)) = (r.events_acked, r.pending_left) {
                // The row's figures are the measured events; the acks count the warm-up's
                // too, so both are said, each for what it is (verify-25).
                let median = if r.runs.len() > 1 {
                    " (the median run)"
                } else {
                    ""
                };
                writeln!(
                    w,
                    "{}: {} measured at {:.0}/s{median}, latency XADD to ack; {a} acked in all, \
                     the warm-up's included; {p} left pending",
                    r.workload.name(),
                    crate::output::number::plural(r.ops, "event"),
                    r.ops_per_sec
                )?;
            }
            // --timeline in the table too: the measured commands of each second, 8 a line
            // (80 columns), the last second's length named when it was partial.
            if let Some(tl) = r.timeline.as_ref().filter(|t| !t.is_empty()) {
                let part = r.elapsed_s - r.elapsed_s.floor();
                let tail = if part > 0.01 && r.runs.len() <= 1 {
                    format!(" (the last covers {part:.2} s)")
                } else {
                    String::new()
                };
                writeln!(w, "{}: commands per second{tail}:", r.workload.name())?;
                for chunk in tl.chunks(8) {
                    let line: Vec<String> = chunk.iter().map(|v| format!("{v:>8}")).collect();
                    writeln!(w, "  {}", line.join(" ").trim_start())?;
                }
            }
            // An open loop that fell behind its schedule measured its own backlog too.
            if let Some(rate) = p.rate
                && r.workload != Workload::Jobs
                && r.ops_per_sec < OPEN_LOOP_SHORTFALL * rate
            {
                writeln!(
                    w,
                    "{}: {:.0} ops/s of the {rate} asked: the client or the server could not keep \
                     up, so its latency, counted from the schedule, holds the backlog",
                    r.workload.name(),
                    r.ops_per_sec
                )?;
            }
            if r.too_short {
                writeln!(
                    w,
                    "{}: shorter than --min-run: too short to judge against a baseline",
                    r.workload.name()
                )?;
            } else if r.min_run_raised {
                writeln!(
                    w,
                    "{}: ran past -n/--duration to last --min-run ({} ms)",
                    r.workload.name(),
                    p.min_run_ms.unwrap_or(0)
                )?;
            }
        }
        if let Some(n) = self.cleaned_up {
            match &self.cleaned_also {
                Some(g) => writeln!(
                    w,
                    "cleaned up {} under {} and matching {}",
                    crate::output::number::plural(n, "key"),
                    crate::output::escape::escape_str(&p.key_prefix),
                    crate::output::escape::escape_str(g)
                )?,
                None => writeln!(
                    w,
                    "cleaned up {} under {}",
                    crate::output::number::plural(n, "key"),
                    crate::output::escape::escape_str(&p.key_prefix)
                )?,
            }
        }
        for left in &self.left_after_cleanup {
            writeln!(w, "left after the cleanup: {left}")?;
        }
        if let Some(k) = &self.left_outside_prefix {
            writeln!(
                w,
                "the custom command's keys outside {} were left: {}",
                crate::output::escape::escape_str(&p.key_prefix),
                crate::output::escape::escape_str(k)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report as a baseline file holds it (the shape `--compare` reads).
    fn report() -> BenchReport {
        let lat = serde_json::json!({"p50": 120, "p90": 200, "p99": 450, "p999": 900, "max": 1500, "mean": 140.0});
        serde_json::from_value(serde_json::json!({
            "parameters": {
                "workloads": ["set"], "clients": 50, "pipeline": 1, "requests": 10000,
                "duration_ms": null, "data_size": 64, "keyspace": 1000, "key_pattern": "random",
                "key_prefix": "redkit:bench:", "threads": 2, "warmup_ms": 0, "rate": null,
                "batch": 1, "ratio": "1:10", "custom": []
            },
            "server": {"target": "127.0.0.1:6379", "version": "7.2.4", "masters": 1},
            "ops_per_sec": 50000.4,
            "latency_us": lat,
            "workloads": [{
                "workload": "set", "ops": 10000, "commands_sent": 10000, "server_calls": [10000],
                "elapsed_s": 0.2, "ops_per_sec": 50000.4, "keys_per_sec": 50000.4,
                "latency_us": lat, "errors": {"OOM": 3}
            }],
            "comparison": null,
            "max_regression_pct": null,
            "cleaned_up": 1000,
            "slo": [{"workload": "set", "objective": "p99 < 1ms", "measured": "450µs", "met": true}]
        }))
        .expect("a baseline's shape")
    }

    #[test]
    fn a_baseline_of_noisy_runs_is_named_a_quiet_one_is_not() {
        let mut r = report();
        let run = |ops: f64| RunFigures {
            ops_per_sec: ops,
            p50_us: 100,
            p99_us: 400,
        };
        r.workloads[0].runs = vec![run(22_000.0), run(53_000.0)];
        r.workloads[0].ops_spread_pct = 41.0;
        r.workloads[0].p99_spread_pct = 82.0;
        let lines = r.noisy_runs(10.0, 50.0);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains("set runs spread 41.0% in ops/s and 82.0% in p99"));
        r.workloads[0].ops_spread_pct = 0.9;
        r.workloads[0].p99_spread_pct = 4.2;
        assert!(r.noisy_runs(10.0, 50.0).is_empty());
        // One run has no spread to judge.
        r.workloads[0].runs.truncate(1);
        r.workloads[0].ops_spread_pct = 41.0;
        assert!(r.noisy_runs(10.0, 50.0).is_empty());
    }

    #[test]
    fn table_has_the_parameters_each_workload_the_slos_and_the_cleanup() {
        let text = crate::cmd::table_of(&report());
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        assert_eq!(
            lines[0],
            "127.0.0.1:6379 (redis 7.2.4), 50 clients, pipeline 1, 2 threads, 64 B values"
        );
        let set: Vec<&str> = lines
            .iter()
            .find(|l| l.starts_with("set "))
            .map(|l| l.split_whitespace().collect())
            .unwrap_or_default();
        assert_eq!(
            set,
            [
                "set", "10000", "50000", "120", "200", "450", "900", "1500", "OOM:3"
            ],
            "keys/s only beside a batch workload: {text}"
        );
        assert!(lines.contains(&"service level objectives"), "{text}");
        let slo = lines
            .iter()
            .find(|l| l.contains("p99 < 1ms"))
            .expect("the slo row");
        assert!(slo.contains("450µs") && slo.ends_with("met"), "{text}");
        assert_eq!(
            lines.last(),
            Some(&"cleaned up 1000 keys under redkit:bench:")
        );
    }
}
