//! The compare verdict from statistics: the baseline's and the new run's 100 ms interval
//! samples of ops/s and p99, an interval of the change (a moving-block bootstrap of the ratio
//! of medians, so a burst of background load that spans several samples counts once, not as
//! many independent ones), a rule that a regression shows in every new run, and a bound on
//! what a busier machine (CPU taken by a neighbour) can explain.

use serde::{Deserialize, Serialize};

use super::driver::RunSamples;

/// The verdict of one workload against its baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Worse beyond `--max-regression` with confidence, in every new run: exit 1.
    Regression,
    /// Better beyond `--max-regression` with confidence, in every new run.
    Improvement,
    /// No change beyond `--max-regression` that the samples can tell from noise.
    WithinNoise,
    /// Too few samples, too much spread, or a change seen in some runs only.
    Inconclusive,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Regression => "regression",
            Verdict::Improvement => "improvement",
            Verdict::WithinNoise => "within_noise",
            Verdict::Inconclusive => "inconclusive",
        }
    }

    /// The value of the older `verdict` key (`ok`, `within noise`, `regression`), kept for the
    /// scripts that read it.
    pub fn legacy(self) -> &'static str {
        match self {
            Verdict::Regression => "regression",
            Verdict::Inconclusive => "within noise",
            Verdict::Improvement | Verdict::WithinNoise => "ok",
        }
    }
}

/// The change of one metric: the point estimate and its interval, in percent (new against
/// old), and each new run's change against the whole baseline.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MetricChange {
    pub change_pct: f64,
    pub low_pct: f64,
    pub high_pct: f64,
    pub per_run_pct: Vec<f64>,
    pub samples_old: usize,
    pub samples_new: usize,
}

/// The judgement of one workload: the verdict, why, and the two metrics' changes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Judgement {
    pub verdict: Verdict,
    pub reason: String,
    pub ops: MetricChange,
    pub p99: MetricChange,
}

/// Fewer interval samples than this on either side (one second) cannot be judged.
pub const MIN_SAMPLES: usize = 10;
/// Samples per bootstrap block: 500 ms, longer than a typical burst of background load.
const BLOCK: usize = 5;
const RESAMPLES: usize = 2000;
/// The interval's coverage: 99%, so that of many nightly compares few cry wolf.
const COVERAGE: f64 = 0.99;

/// Which way is worse for a metric.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Worse {
    Lower,
    Higher,
}

/// Judges new runs against the baseline's runs, with `max_pct` the change allowed.
pub fn judge(old: &[RunSamples], new: &[RunSamples], max_pct: f64) -> Judgement {
    let ops_of = |r: &RunSamples| r.ops_per_sec.clone();
    let p99_of = |r: &RunSamples| r.p99_us.iter().map(|v| *v as f64).collect::<Vec<_>>();
    let ops = change(old, new, ops_of);
    let p99 = change(old, new, p99_of);
    let (mut verdict, mut reason, tail_only) = decide(&ops, &p99, max_pct);
    let mut tail_regression = false;
    if tail_only && p99.low_pct > 3.0 * max_pct {
        // A slower tail in every run with the throughput held: the server's when redkit's
        // threads, the probe of the machine, waited no more for a CPU than in the baseline.
        if let Some(text) = no_busier(old, new) {
            tail_regression = true;
            verdict = Verdict::Regression;
            reason = format!(
                "p99 {:+.1}% (interval {:+.1}% to {:+.1}%), beyond {max_pct}% in every run \
                 while ops/s held; {text}",
                p99.change_pct, p99.low_pct, p99.high_pct
            );
        }
    }
    if let Some(text) = faster_when_busier(old, new, verdict) {
        reason = format!("{text}: {reason}");
        verdict = Verdict::Inconclusive;
    }
    // The bound on a busier machine's doing is one of throughput: a tail at a held throughput
    // was judged by redkit's waiting share above.
    let bounded = if tail_regression {
        None
    } else {
        starvation(old, new, verdict, max_pct)
    };
    if let Some(busier) = bounded {
        if busier.stands {
            reason = format!("{reason}; {}", busier.text);
        } else {
            reason = format!("{} (a busier machine): {reason}", busier.text);
            verdict = Verdict::Inconclusive;
        }
    }
    Judgement {
        verdict,
        reason,
        ops,
        p99,
    }
}

/// Points by which the faster side's waiting share may exceed the slower side's before the
/// two were measured on different machines, as far as a verdict can tell.
const FASTER_BUSIER_PCT: f64 = 15.0;

/// The lowest and highest of one figure over runs; None when there are no runs or one lacks
/// it (older baselines).
fn range(runs: &[RunSamples], figure: impl Fn(&RunSamples) -> Option<f64>) -> Option<(f64, f64)> {
    let v = runs.iter().map(figure).collect::<Option<Vec<f64>>>()?;
    let lo = v.iter().copied().fold(f64::MAX, f64::min);
    let hi = v.iter().copied().fold(f64::MIN, f64::max);
    (!v.is_empty()).then_some((lo, hi))
}

/// redkit's threads' wait for a CPU per command, in µs: all threads' less the server's.
fn client_wait_us(r: &RunSamples) -> Option<f64> {
    Some(r.cpu_wait_us_per_op? - r.server_wait_us_per_op.unwrap_or(0.0))
}

/// When no new run's threads waited for a CPU per command more than twice the baseline's,
/// plus 2 µs (a loose burner makes it 3 to 5 times): the sentence that says so. Per command,
/// not as a share of their time: a stalling server leaves redkit idle, which raises the share
/// alone (review-25 F4). None when they did, or the figures are missing.
fn no_busier(old: &[RunSamples], new: &[RunSamples]) -> Option<String> {
    let (_, old_hi) = range(old, client_wait_us)?;
    let (_, new_hi) = range(new, client_wait_us)?;
    (new_hi <= old_hi * 2.0 + 2.0).then(|| {
        format!(
            "redkit's threads waited for a CPU at most {new_hi:.1} µs per command ({old_hi:.1} \
             µs in the baseline): the machine was no busier, so the tail is the server's"
        )
    })
}

/// A faster side whose threads waited far more for a CPU than the slower side's: the two were
/// not measured on a like machine (on some virtual machines a busy CPU answers a lone client
/// faster than an idle one that has to wake up), so the change says nothing of the server
/// (review-25 F1). The sentence for the reason, or None.
fn faster_when_busier(old: &[RunSamples], new: &[RunSamples], verdict: Verdict) -> Option<String> {
    let (slow, fast, which) = match verdict {
        Verdict::Regression => (new, old, "the baseline"),
        Verdict::Improvement => (old, new, "the new runs"),
        _ => return None,
    };
    let (fast_lo, _) = range(fast, |r| r.client_wait_pct)?;
    let (_, slow_hi) = range(slow, |r| r.client_wait_pct)?;
    (fast_lo > slow_hi + FASTER_BUSIER_PCT).then(|| {
        format!(
            "{which}, the faster, ran on a busier machine (redkit's threads waited for a CPU at \
             least {fast_lo:.1}% of their time, against at most {slow_hi:.1}%): save the \
             baseline again on a quiet machine"
        )
    })
}

/// How far a change of throughput may be a busier machine's doing, and whether it stands.
struct Busier {
    stands: bool,
    text: String,
}

/// A neighbour that takes CPU from redkit or a local server makes them wait for one, and a
/// command can take at most that extra wait longer, when all of it falls on the command's
/// path. So the slower side's wall time per command, less its extra wait per command, bounds
/// what the server itself lost. A stall of the server (a sleep, a lock) adds wall time in
/// which nobody waits for a CPU, and more CPU time per command is the server's own doing: both
/// stand. The same bound for an improvement, with the baseline as the slower side. Each of the
/// slower side's runs is judged against the faster side's least waiting run, the bound most
/// generous to the machine. None when the change is neither way, the figures are missing
/// (older baselines), or the slower side did not wait more per command.
fn starvation(
    old: &[RunSamples],
    new: &[RunSamples],
    verdict: Verdict,
    max_pct: f64,
) -> Option<Busier> {
    let (slow, fast) = match verdict {
        Verdict::Regression => (new, old),
        Verdict::Improvement => (old, new),
        _ => return None,
    };
    // Mean rates, as the waits are per command over a whole run: a run that flips between a
    // fast and a slow phase is judged by what it did overall (review-25 F2).
    let fast_rate = mean(
        &fast
            .iter()
            .flat_map(|r| r.ops_per_sec.clone())
            .collect::<Vec<_>>(),
    );
    let (fast_wait, _) = range(fast, |r| r.cpu_wait_us_per_op)?;
    if fast_rate <= 0.0 {
        return None;
    }
    let t_fast = 1e6 / fast_rate;
    let held = Held::of(fast);
    // redkit's least CPU time per command on the faster side (None from older baselines).
    let fast_cpu = range(fast, |r| r.client_cpu_us_per_op).map(|(lo, _)| lo);
    // Per slow run: (its slowdown beyond the bound, in %, and its extra wait in µs).
    let mut beyond = Vec::new();
    let mut own_texts = Vec::new();
    let (mut most_wait, mut most_cpu) = (f64::MIN, 0.0f64);
    for r in slow.iter().filter(|r| !r.ops_per_sec.is_empty()) {
        let rate = mean(&r.ops_per_sec);
        let mut extra = r.cpu_wait_us_per_op? - fast_wait;
        if let Some((own, text)) = held.as_ref().and_then(|h| h.own_wait(r, t_fast)) {
            extra -= own;
            // Named as the cause only where it is a good part of the slowdown: a server that
            // stalls (DEBUG SLEEP) also waits a little more once it wakes among busy
            // clients, and that is not a CPU limit (verify-25).
            if rate > 0.0 && own >= HELD_CAUSE_SHARE * (1e6 / rate - t_fast) {
                own_texts.push(text);
            }
        }
        most_wait = most_wait.max(extra);
        if let (Some(f), Some(c)) = (fast_cpu, r.client_cpu_us_per_op) {
            let cpu = (c - f).max(0.0);
            most_cpu = most_cpu.max(cpu);
            extra += cpu;
        }
        if rate <= 0.0 {
            return None;
        }
        let t_slow = 1e6 / rate;
        // The share of the slow run's wall time per command that its extra wait does
        // not explain (the fast side, as starved, would take t_fast + extra).
        let unexplained = 1.0 - (t_fast + extra.max(0.0)) / t_slow;
        beyond.push((round1(unexplained * 100.0), extra));
    }
    let most_extra = beyond.iter().map(|b| b.1).fold(f64::MIN, f64::max);
    if beyond.is_empty() || most_extra <= 0.0 {
        // Nothing left to excuse: the verdict stands, with the reason why when the server
        // was held.
        return own_texts.first().map(|t| Busier {
            stands: true,
            text: t.clone(),
        });
    }
    let stands = beyond.iter().all(|(pct, _)| *pct > max_pct);
    let side = if verdict == Verdict::Regression {
        "the new runs"
    } else {
        "the baseline"
    };
    // Said apart, as the operator can check each: waiting from schedstat, work from CPU time.
    let mut causes = Vec::new();
    if most_wait >= 0.05 {
        causes.push(format!(
            "redkit and the server waited for a CPU up to {most_wait:.1} µs more per command"
        ));
    }
    if most_cpu >= 0.05 {
        causes.push(format!(
            "redkit's own work took up to {most_cpu:.1} µs more per command (a neighbour's \
             context switches and cache misses)"
        ));
    }
    // A share below zero is a slowdown the extra wait more than explains: none left.
    let left: Vec<f64> = beyond.iter().map(|b| b.0.max(0.0)).collect();
    let mut text = format!(
        "in {side} {}; the slowdown that leaves unexplained, per run: {}",
        causes.join(", and "),
        runs_text(&left)
    );
    // The server's own share is named where it decided the verdict, not beside an excuse.
    if let (true, Some(first)) = (stands, own_texts.first()) {
        text = format!("{text}; {first}");
    }
    Some(Busier { stands, text })
}

/// Points of waiting share by which the server may out-starve redkit's threads and still be
/// taken for a machine that is busier for everyone (the two shares move a few points apart
/// from run to run on an idle machine).
const HELD_SLACK_PCT: f64 = 5.0;

/// The share of a slower run's extra time per command that the server's own wait must make up
/// for the reason to name a server held to a share of a CPU.
const HELD_CAUSE_SHARE: f64 = 0.25;

/// The faster side's waiting shares, against which a slower run's server is judged: redkit's
/// own threads are the probe of how busy the machine is. A machine that is busier for
/// everyone starves them as much as the server; a server held to a share of a CPU (taskset
/// onto a busy core, a cgroup, a neighbour pinned beside it) starves alone, and that part of
/// its waiting is its own slowdown, not the machine's.
struct Held {
    client_pct: f64,
    server_pct: f64,
    server_us: f64,
}

impl Held {
    /// The shares most generous to the machine: redkit's least waiting run, the server's most.
    fn of(fast: &[RunSamples]) -> Option<Held> {
        Some(Held {
            client_pct: range(fast, |r| r.client_wait_pct)?.0,
            server_pct: range(fast, |r| r.server_wait_pct)?.1,
            server_us: range(fast, |r| r.server_wait_us_per_op)?.0,
        })
    }

    /// The part of a slower run's extra wait per command (µs) that is the server's own: its
    /// extra wait in the proportion by which its share rose beyond redkit's. None when the
    /// server did not out-starve redkit's threads (beyond the slack).
    fn own_wait(&self, r: &RunSamples, t_fast: f64) -> Option<(f64, String)> {
        let client_rise = r.client_wait_pct? - self.client_pct;
        let server_rise = r.server_wait_pct? - self.server_pct;
        if server_rise <= client_rise.max(0.0) + HELD_SLACK_PCT {
            return None;
        }
        // The machine's part is what redkit's threads, the probe, show beyond their own
        // run-to-run spread; a rise within it is no sign of a busier machine.
        let busier = (client_rise - HELD_SLACK_PCT).max(0.0);
        let extra = (r.server_wait_us_per_op? - self.server_us).max(0.0);
        let own = extra * (1.0 - busier / server_rise);
        // A share that rose because the server ran little (asleep, not starved) adds next to
        // no wait per command: no sign of a held server (review-25 F6).
        if own < 0.02 * t_fast {
            return None;
        }
        Some((
            own,
            format!(
                "the server waited for a CPU {server_rise:+.1} points more of its time, redkit \
                 {client_rise:+.1}: the part redkit's threads do not share ({own:.1} µs per \
                 command) is the server's own slowdown (held to a share of a CPU: taskset, a \
                 cgroup, a neighbour on its core)"
            ),
        ))
    }
}

/// The verdict from the two metrics' changes, its reason, and whether it is a slower tail in
/// every run with the throughput held (which `judge` may find to be the server's).
fn decide(ops: &MetricChange, p99: &MetricChange, t: f64) -> (Verdict, String, bool) {
    let few = ops.samples_old.min(ops.samples_new);
    if few < MIN_SAMPLES {
        return (
            Verdict::Inconclusive,
            format!(
                "too few samples ({} and {} intervals of 100 ms; at least {MIN_SAMPLES} each): runs shorter than --min-run",
                ops.samples_old, ops.samples_new
            ),
            false,
        );
    }
    let metrics = [("ops/s", ops, Worse::Lower), ("p99", p99, Worse::Higher)];
    let worse = |m: &MetricChange, w: Worse| match w {
        Worse::Lower => m.high_pct < -t,
        Worse::Higher => m.low_pct > t,
    };
    let better = |m: &MetricChange, w: Worse| match w {
        Worse::Lower => m.low_pct > t,
        Worse::Higher => m.high_pct < -t,
    };
    let every_run = |m: &MetricChange, w: Worse, sign: f64| {
        !m.per_run_pct.is_empty()
            && m.per_run_pct.iter().all(|c| match w {
                Worse::Lower => sign * c < -t,
                Worse::Higher => sign * c > t,
            })
    };
    let mut mixed = Vec::new();
    for (name, m, w) in metrics {
        if m.samples_old < MIN_SAMPLES || m.samples_new < MIN_SAMPLES {
            continue;
        }
        if worse(m, w) {
            // A slower tail with the throughput held (ops/s is judged first) is what CPU
            // contention on a shared client machine looks like as much as a slower server:
            // not enough to cry regression; an absolute goal is `--slo 'p99<…'`.
            if every_run(m, w, 1.0) && w == Worse::Higher {
                // ops/s did not fall in every run (it is judged first): held, or fell in some.
                let ops_said = if mixed.is_empty() {
                    "while ops/s held".to_string()
                } else {
                    format!(
                        "while ops/s fell in some runs only ({})",
                        runs_text(&ops.per_run_pct)
                    )
                };
                return (
                    Verdict::Inconclusive,
                    format!(
                        "{name} {:+.1}% (interval {:+.1}% to {:+.1}%) in every run {ops_said}: \
                         a busy machine's tail as much as the server's (use --slo for a p99 goal)",
                        m.change_pct, m.low_pct, m.high_pct
                    ),
                    mixed.is_empty(),
                );
            }
            if every_run(m, w, 1.0) {
                return (
                    Verdict::Regression,
                    format!(
                        "{name} {:+.1}% (interval {:+.1}% to {:+.1}%), beyond {t}% in every run",
                        m.change_pct, m.low_pct, m.high_pct
                    ),
                    false,
                );
            }
            mixed.push(format!(
                "{name} {:+.1}% overall but not in every run ({}): background load?",
                m.change_pct,
                runs_text(&m.per_run_pct)
            ));
        }
    }
    if !mixed.is_empty() {
        return (Verdict::Inconclusive, mixed.join("; "), false);
    }
    // The interval of ops/s reaches far past the limit on the worse side: a regression cannot
    // be ruled out, nor said.
    if ops.low_pct < -3.0 * t {
        return (
            Verdict::Inconclusive,
            format!(
                "too much spread: ops/s {:+.1}% with an interval of {:+.1}% to {:+.1}%",
                ops.change_pct, ops.low_pct, ops.high_pct
            ),
            false,
        );
    }
    for (name, m, w) in metrics {
        if m.samples_old >= MIN_SAMPLES
            && m.samples_new >= MIN_SAMPLES
            && better(m, w)
            && every_run(m, w, -1.0)
        {
            return (
                Verdict::Improvement,
                format!(
                    "{name} {:+.1}% (interval {:+.1}% to {:+.1}%) in every run",
                    m.change_pct, m.low_pct, m.high_pct
                ),
                false,
            );
        }
    }
    // A change beyond the limit whose interval reaches back inside it is no finding either
    // way, and not noise either (verify-25: +52% with an interval from +8.9% was "within
    // noise").
    for (name, m, w) in metrics {
        if m.samples_old >= MIN_SAMPLES && m.samples_new >= MIN_SAMPLES && m.change_pct.abs() > t {
            let side = match (w, m.change_pct > 0.0) {
                (Worse::Lower, true) | (Worse::Higher, false) => "better",
                _ => "worse",
            };
            return (
                Verdict::Inconclusive,
                format!(
                    "{name} {:+.1}% ({side}) but its interval, {:+.1}% to {:+.1}%, reaches within \
                     {t}%: run longer (--min-run) or more (--runs) to tell",
                    m.change_pct, m.low_pct, m.high_pct
                ),
                false,
            );
        }
    }
    (
        Verdict::WithinNoise,
        format!(
            "ops/s {:+.1}% ({:+.1}% to {:+.1}%), p99 {:+.1}% ({:+.1}% to {:+.1}%)",
            ops.change_pct, ops.low_pct, ops.high_pct, p99.change_pct, p99.low_pct, p99.high_pct
        ),
        false,
    )
}

fn runs_text(v: &[f64]) -> String {
    v.iter()
        .map(|c| format!("{c:+.1}%"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The change of one metric from the pooled samples of each side.
fn change(
    old: &[RunSamples],
    new: &[RunSamples],
    of: impl Fn(&RunSamples) -> Vec<f64>,
) -> MetricChange {
    let a: Vec<f64> = old.iter().flat_map(&of).collect();
    let b: Vec<f64> = new.iter().flat_map(&of).collect();
    let mut out = MetricChange {
        samples_old: a.len(),
        samples_new: b.len(),
        ..MetricChange::default()
    };
    let (ma, mb) = (median(&a), median(&b));
    if a.is_empty() || b.is_empty() || ma <= 0.0 {
        return out;
    }
    out.change_pct = round1((mb / ma - 1.0) * 100.0);
    out.per_run_pct = new
        .iter()
        .map(&of)
        .filter(|v| !v.is_empty())
        .map(|v| round1((median(&v) / ma - 1.0) * 100.0))
        .collect();
    // Deterministic: the same samples give the same interval.
    let mut rng = Rng(0x2545_F491_4F6C_DD1D ^ (a.len() as u64) << 20 ^ b.len() as u64);
    let mut ratios = Vec::with_capacity(RESAMPLES);
    let (mut sa, mut sb) = (Vec::with_capacity(a.len()), Vec::with_capacity(b.len()));
    for _ in 0..RESAMPLES {
        block_resample(&a, &mut sa, &mut rng);
        block_resample(&b, &mut sb, &mut rng);
        let m = median(&sa);
        if m > 0.0 {
            ratios.push(median(&sb) / m);
        }
    }
    ratios.sort_by(|x, y| x.total_cmp(y));
    let tail = (1.0 - COVERAGE) / 2.0;
    let at = |q: f64| {
        let i = ((ratios.len() as f64 - 1.0) * q).round() as usize;
        ratios.get(i).copied().unwrap_or(1.0)
    };
    out.low_pct = round1((at(tail) - 1.0) * 100.0);
    out.high_pct = round1((at(1.0 - tail) - 1.0) * 100.0);
    out
}

/// A moving-block bootstrap resample of `v` into `out` (same length).
fn block_resample(v: &[f64], out: &mut Vec<f64>, rng: &mut Rng) {
    out.clear();
    let n = v.len();
    let block = BLOCK.min(n).max(1);
    let starts = n - block + 1;
    while out.len() < n {
        let s = (rng.next() % starts as u64) as usize;
        let take = block.min(n - out.len());
        out.extend_from_slice(&v[s..s + take]);
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

fn median(v: &[f64]) -> f64 {
    super::report::median(v)
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(ops: &[f64], p99: &[u64]) -> RunSamples {
        RunSamples {
            interval_ms: 100,
            ops_per_sec: ops.to_vec(),
            p99_us: p99.to_vec(),
            cpu_wait_pct: None,
            cpu_wait_us_per_op: None,
            client_wait_pct: None,
            server_wait_pct: None,
            server_wait_us_per_op: None,
            client_cpu_us_per_op: None,
            intervals: Vec::new(),
        }
    }

    /// Noisy samples around `level` (a fixed pseudo-random jitter of ±`jitter`).
    fn noisy(level: f64, jitter: f64, n: usize, seed: u64) -> Vec<f64> {
        let mut r = Rng(seed);
        (0..n)
            .map(|_| level * (1.0 + jitter * ((r.next() % 2001) as f64 / 1000.0 - 1.0)))
            .collect()
    }

    fn p99(level: f64, n: usize, seed: u64) -> Vec<u64> {
        noisy(level, 0.2, n, seed)
            .into_iter()
            .map(|v| v as u64)
            .collect()
    }

    #[test]
    fn the_same_load_is_within_noise() {
        let old: Vec<_> = (0..3)
            .map(|i| run(&noisy(50_000.0, 0.1, 20, i), &p99(400.0, 20, i + 9)))
            .collect();
        let new: Vec<_> = (0..3)
            .map(|i| run(&noisy(50_000.0, 0.1, 20, i + 50), &p99(400.0, 20, i + 90)))
            .collect();
        let j = judge(&old, &new, 10.0);
        assert_eq!(j.verdict, Verdict::WithinNoise, "{j:?}");
        assert!(j.ops.low_pct < 0.0 && j.ops.high_pct > 0.0, "{j:?}");
    }

    #[test]
    fn a_change_beyond_the_limit_whose_interval_reaches_inside_it_is_inconclusive() {
        let old: Vec<_> = (0..2)
            .map(|i| run(&noisy(50_000.0, 0.05, 20, i), &p99(400.0, 20, i)))
            .collect();
        // One run 60% faster, one 5%: +30% or so overall, the interval from about +5%.
        let new = vec![
            run(&noisy(80_000.0, 0.05, 20, 7), &p99(400.0, 20, 7)),
            run(&noisy(52_500.0, 0.05, 20, 8), &p99(400.0, 20, 8)),
        ];
        let j = judge(&old, &new, 10.0);
        assert!(j.ops.change_pct > 10.0 && j.ops.low_pct < 10.0, "{j:?}");
        assert_eq!(j.verdict, Verdict::Inconclusive, "{j:?}");
        assert!(
            j.reason.contains("(better) but its interval"),
            "{}",
            j.reason
        );
    }

    #[test]
    fn a_slowdown_in_every_run_is_a_regression_and_a_speedup_an_improvement() {
        let old: Vec<_> = (0..3)
            .map(|i| run(&noisy(50_000.0, 0.1, 20, i), &p99(400.0, 20, i)))
            .collect();
        let slow: Vec<_> = (0..3)
            .map(|i| run(&noisy(30_000.0, 0.1, 20, i + 7), &p99(400.0, 20, i + 7)))
            .collect();
        let j = judge(&old, &slow, 10.0);
        assert_eq!(j.verdict, Verdict::Regression, "{j:?}");
        assert!(j.reason.starts_with("ops/s -4"), "{}", j.reason);
        let j = judge(&slow, &old, 10.0);
        assert_eq!(j.verdict, Verdict::Improvement, "{j:?}");
        // A p99 that doubles in every run while ops/s holds is not enough to say regression
        // (CPU contention on the client does that): inconclusive.
        let laggy: Vec<_> = (0..3)
            .map(|i| run(&noisy(50_000.0, 0.1, 20, i + 7), &p99(900.0, 20, i + 7)))
            .collect();
        assert_eq!(judge(&old, &laggy, 10.0).verdict, Verdict::Inconclusive);
    }

    #[test]
    fn a_slowdown_in_one_run_of_three_is_inconclusive() {
        let old: Vec<_> = (0..3)
            .map(|i| run(&noisy(50_000.0, 0.05, 20, i), &p99(400.0, 20, i)))
            .collect();
        let mut new: Vec<_> = (0..3)
            .map(|i| run(&noisy(50_000.0, 0.05, 20, i + 3), &p99(400.0, 20, i + 3)))
            .collect();
        new[1] = run(&noisy(20_000.0, 0.05, 20, 1), &p99(3000.0, 20, 1));
        let j = judge(&old, &new, 10.0);
        assert_ne!(j.verdict, Verdict::Regression, "{j:?}");
    }

    /// Three runs at 50,000 ops/s: 20 µs of wall time per command.
    fn calm_runs() -> Vec<RunSamples> {
        (0..3)
            .map(|i| run(&noisy(50_000.0, 0.1, 20, i), &p99(400.0, 20, i)))
            .collect()
    }

    /// Three runs at 30,000 ops/s: 33 µs per command.
    fn slow_runs() -> Vec<RunSamples> {
        (0..3)
            .map(|i| run(&noisy(30_000.0, 0.1, 20, i + 7), &p99(400.0, 20, i + 7)))
            .collect()
    }

    /// The runs with their waiting figures set by `set`.
    fn waiting(runs: &[RunSamples], set: impl Fn(&mut RunSamples)) -> Vec<RunSamples> {
        runs.iter()
            .cloned()
            .map(|mut r| {
                set(&mut r);
                r
            })
            .collect()
    }

    #[test]
    fn a_slowdown_on_a_busier_machine_is_inconclusive() {
        // µs waited for a CPU per command (client and server threads together).
        let with =
            |runs: &[RunSamples], wait: f64| waiting(runs, |r| r.cpu_wait_us_per_op = Some(wait));
        let (calm, slow) = (calm_runs(), slow_runs());
        // 30 µs of the calm runs' 20 µs per command are waiting (on two threads).
        let old = with(&calm, 30.0);
        // 20 µs more waiting per command explains the 13 µs it lost.
        let j = judge(&old, &with(&slow, 50.0), 10.0);
        assert_eq!(j.verdict, Verdict::Inconclusive, "{j:?}");
        assert!(j.reason.contains("a busier machine"), "{}", j.reason);
        // As much waiting as for the baseline, or 1 µs more: the 13 µs are the server's (a
        // stall in which nobody waits for a CPU); the reason gives the figure.
        assert_eq!(
            judge(&old, &with(&slow, 30.0), 10.0).verdict,
            Verdict::Regression
        );
        let j = judge(&old, &with(&slow, 31.0), 10.0);
        assert_eq!(j.verdict, Verdict::Regression, "{j:?}");
        assert!(
            j.reason.contains("the slowdown that leaves unexplained"),
            "{}",
            j.reason
        );
        // Waiting 1 µs more, but redkit's own work took 12 µs more per command (a neighbour's
        // context switches and cache misses; the same code does the same work): explained.
        let cpu =
            |runs: &[RunSamples], us: f64| waiting(runs, |r| r.client_cpu_us_per_op = Some(us));
        let j = judge(&cpu(&old, 10.0), &cpu(&with(&slow, 31.0), 22.0), 10.0);
        assert_eq!(j.verdict, Verdict::Inconclusive, "{j:?}");
        assert!(
            j.reason.contains("own work took up to 12.0 µs more"),
            "{}",
            j.reason
        );
        // As much work as before: the server's slowdown stands.
        let j = judge(&cpu(&old, 10.0), &cpu(&with(&slow, 31.0), 10.0), 10.0);
        assert_eq!(j.verdict, Verdict::Regression, "{j:?}");
        // A baseline saved on a busy machine: the faster new runs are no improvement.
        let j = judge(&with(&slow, 50.0), &with(&calm, 30.0), 10.0);
        assert_eq!(j.verdict, Verdict::Inconclusive, "{j:?}");
        assert_eq!(
            judge(&with(&slow, 30.0), &with(&calm, 30.0), 10.0).verdict,
            Verdict::Improvement
        );
        // A baseline without the figures (saved by an older redkit): judged as before.
        assert_eq!(
            judge(&calm, &with(&slow, 50.0), 10.0).verdict,
            Verdict::Regression
        );
    }

    #[test]
    fn a_server_held_to_a_share_of_a_cpu_is_a_regression_a_busier_machine_is_not() {
        // Each run's figures: (client wait %, server wait %, server µs/op, all µs/op).
        let with = |runs: &[RunSamples], f: (f64, f64, f64, f64)| {
            waiting(runs, |r| {
                r.client_wait_pct = Some(f.0);
                r.server_wait_pct = Some(f.1);
                r.server_wait_us_per_op = Some(f.2);
                r.cpu_wait_us_per_op = Some(f.3);
            })
        };
        let (calm, slow) = (calm_runs(), slow_runs());
        let old = with(&calm, (40.0, 5.0, 1.0, 30.0));
        // Everyone waits more (a neighbour on both cores): redkit +20 points, the server +15:
        // the 20 µs more waiting explain the 13 µs lost, as before.
        let j = judge(&old, &with(&slow, (60.0, 20.0, 8.0, 50.0)), 10.0);
        assert_eq!(j.verdict, Verdict::Inconclusive, "{j:?}");
        // The server alone waits far more (pinned onto a busy core): redkit +8 points, the
        // server +20, so most of its 14 µs more waiting is its own slowdown.
        let j = judge(&old, &with(&slow, (48.0, 25.0, 15.0, 50.0)), 10.0);
        assert_eq!(j.verdict, Verdict::Regression, "{j:?}");
        assert!(
            j.reason.contains("held to a share of a CPU"),
            "{}",
            j.reason
        );
        // Within the slack (server +12 points, redkit +8): a busier machine.
        let j = judge(&old, &with(&slow, (48.0, 17.0, 15.0, 50.0)), 10.0);
        assert_eq!(j.verdict, Verdict::Inconclusive, "{j:?}");
        // A baseline without the split figures (older redkit): judged as before.
        let mut older = old.clone();
        for r in &mut older {
            r.client_wait_pct = None;
        }
        let j = judge(&older, &with(&slow, (48.0, 25.0, 15.0, 50.0)), 10.0);
        assert_eq!(j.verdict, Verdict::Inconclusive, "{j:?}");
    }

    #[test]
    fn a_baseline_measured_on_a_busier_machine_judges_nothing() {
        let share = |runs: &[RunSamples], pct: f64| {
            waiting(runs, |r| {
                r.client_wait_pct = Some(pct);
                r.cpu_wait_us_per_op = Some(1.0);
            })
        };
        // Saved beside a burner (redkit's threads waiting 56% of their time) and faster than
        // the idle machine's runs (0.5%): the machines differ, not the server.
        let j = judge(&share(&calm_runs(), 56.0), &share(&slow_runs(), 0.5), 10.0);
        assert_eq!(j.verdict, Verdict::Inconclusive, "{j:?}");
        assert!(
            j.reason
                .contains("the baseline, the faster, ran on a busier machine"),
            "{}",
            j.reason
        );
        // The same the other way: no improvement from a busy machine's new runs.
        let j = judge(&share(&slow_runs(), 0.5), &share(&calm_runs(), 56.0), 10.0);
        assert_eq!(j.verdict, Verdict::Inconclusive, "{j:?}");
        // Within the margin: judged as before.
        let j = judge(&share(&calm_runs(), 12.0), &share(&slow_runs(), 0.5), 10.0);
        assert_eq!(j.verdict, Verdict::Regression, "{j:?}");
    }

    #[test]
    fn a_slower_tail_is_the_servers_when_the_machine_was_no_busier() {
        // redkit's waiting share, and as many µs waited per command (the throughput bound,
        // which does not judge a tail, must not undo the verdict).
        let share = |runs: &[RunSamples], pct: f64| {
            waiting(runs, |r| {
                r.client_wait_pct = Some(pct);
                r.cpu_wait_us_per_op = Some(pct);
            })
        };
        let old: Vec<_> = (0..3)
            .map(|i| run(&noisy(2_000.0, 0.02, 20, i), &p99(400.0, 20, i)))
            .collect();
        // --rate holds ops/s; p99 five times higher in every run (a server that stalls).
        let laggy: Vec<_> = (0..3)
            .map(|i| run(&noisy(2_000.0, 0.02, 20, i + 7), &p99(2_000.0, 20, i + 7)))
            .collect();
        let j = judge(&share(&old, 2.0), &share(&laggy, 3.0), 10.0);
        assert_eq!(j.verdict, Verdict::Regression, "{j:?}");
        assert!(
            j.reason.contains("the tail is the server's"),
            "{}",
            j.reason
        );
        // redkit's threads waited far more: a busy machine's tail, inconclusive.
        let j = judge(&share(&old, 2.0), &share(&laggy, 30.0), 10.0);
        assert_eq!(j.verdict, Verdict::Inconclusive, "{j:?}");
        assert!(j.reason.contains("while ops/s held"), "{}", j.reason);
        // Without the figures (an older baseline): inconclusive as before.
        assert_eq!(judge(&old, &laggy, 10.0).verdict, Verdict::Inconclusive);
        // A tail only a little slower (below 3x the limit): not enough.
        let mild: Vec<_> = (0..3)
            .map(|i| run(&noisy(2_000.0, 0.02, 20, i + 7), &p99(500.0, 20, i + 7)))
            .collect();
        assert_ne!(
            judge(&share(&old, 2.0), &share(&mild, 2.0), 10.0).verdict,
            Verdict::Regression
        );
    }

    #[test]
    fn too_few_samples_are_inconclusive() {
        let old = [run(&[50_000.0; 5], &[400; 5])];
        let new = [run(&[10_000.0; 5], &[4000; 5])];
        let j = judge(&old, &new, 10.0);
        assert_eq!(j.verdict, Verdict::Inconclusive);
        assert!(j.reason.contains("too few samples"), "{}", j.reason);
        assert_eq!(judge(&[], &new, 10.0).verdict, Verdict::Inconclusive);
    }
}
