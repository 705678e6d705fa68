//! `--ramp START:STEP[:MAX]`: the open loop at rising rates, each step judged against
//! `--slo`; the answer is the highest rate that met every goal (capacity planning).

use std::io::{self, Write};
use std::time::Duration;

use serde::Serialize;

use super::report::{Latency, Overall, ServerInfo};
use super::workload::Workload;
use super::{BenchArgs, check_params, confirm_writes, connections, remove_written, slo};
use crate::cmd::{Ctx, problem_if};
use crate::exit::{self, ExitStatus};
use crate::output::{Cell, Format, Render, Ui};

/// Rates of a ramp, in ops/s.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ramp {
    pub start: f64,
    pub step: f64,
    pub max: Option<f64>,
}

/// A step's length when `--duration` is not given.
const DEFAULT_STEP: Duration = Duration::from_secs(1);
/// Steps of a ramp without MAX before it stops on its own.
const MAX_STEPS: usize = 100;
/// A step whose achieved rate is below this share of its target missed (the client or the
/// server could not keep up, whatever the latency says): the one bound of an open loop that
/// fell behind.
const RATE_REACHED: f64 = super::report::OPEN_LOOP_SHORTFALL;

impl Ramp {
    pub fn parse(text: &str) -> Result<Ramp, String> {
        let bad = |why: &str| format!("--ramp {text}: {why}");
        let parts: Vec<&str> = text.split(':').map(str::trim).collect();
        if !(2..=3).contains(&parts.len()) {
            return Err(bad(
                "expected START:STEP or START:STEP:MAX, e.g. 10000:10000:200000",
            ));
        }
        let num = |s: &str| -> Result<f64, String> {
            s.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v > 0.0)
                .ok_or_else(|| bad(&format!("'{s}' is not a rate above 0")))
        };
        let start = num(parts[0])?;
        let step = num(parts[1])?;
        let max = parts.get(2).map(|m| num(m)).transpose()?;
        if max.is_some_and(|m| m < start) {
            return Err(bad("MAX is below START"));
        }
        Ok(Ramp { start, step, max })
    }

    /// The target rates, in order (at most `MAX_STEPS`).
    pub fn rates(&self) -> Vec<f64> {
        let mut out = Vec::new();
        for k in 0..MAX_STEPS {
            let r = self.start + self.step * k as f64;
            if self.max.is_some_and(|m| r > m + 1e-9) {
                break;
            }
            out.push(r);
        }
        out
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RampStep {
    pub target_rate: f64,
    pub achieved_rate: f64,
    /// Measured commands over measured time, and the latencies, as a plain run's keys.
    pub ops_per_sec: f64,
    pub latency_us: Latency,
    pub p50_us: u64,
    pub p99_us: u64,
    pub p999_us: u64,
    pub errors: u64,
    pub met: bool,
    /// What missed: the objectives (as written), `rate` (below 90% of the target), `errors`.
    pub missed: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RampReport {
    pub server: ServerInfo,
    pub workload: Workload,
    pub clients: usize,
    pub slo: String,
    pub step_ms: u64,
    /// Every step together (the keys of a plain run's JSON).
    pub ops_per_sec: f64,
    pub latency_us: Latency,
    pub steps: Vec<RampStep>,
    /// The highest target rate whose step met every goal (null: none did).
    pub best_rate: Option<f64>,
    /// Why the ramp ended: `max_reached`, `two_missed`, `step_limit`, `interrupted`.
    pub stopped: String,
    pub cleaned_up: Option<u64>,
    /// What the cleanup could not remove, each glob and master with why ([]: nothing).
    pub left_after_cleanup: Vec<String>,
}

impl crate::output::Formats for RampReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];
}

impl Render for RampReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        writeln!(
            w,
            "{} (redis {}), {}, {}, open loop, steps of {} ms, goals {}",
            crate::output::escape::escape_str(&self.server.target),
            crate::output::escape::escape_str(&self.server.version),
            self.workload.name(),
            crate::output::number::plural(self.clients as u64, "client"),
            self.step_ms,
            self.slo
        )?;
        let mut t = ui.table();
        t.set_header(vec![
            "target ops/s",
            "achieved ops/s",
            "p50 µs",
            "p99 µs",
            "p99.9 µs",
            "errors",
            "verdict",
        ]);
        for s in &self.steps {
            let verdict = if s.met {
                ui.paint("met").green().to_string()
            } else {
                ui.paint(format!("MISSED {}", s.missed.join(", ")))
                    .red()
                    .to_string()
            };
            t.add_row(vec![
                Cell::new(format!("{:.0}", s.target_rate)),
                Cell::new(format!("{:.0}", s.achieved_rate)),
                Cell::new(s.p50_us),
                Cell::new(s.p99_us),
                Cell::new(s.p999_us),
                Cell::new(s.errors),
                Cell::new(verdict),
            ]);
        }
        writeln!(w, "{t}")?;
        let why = match self.stopped.as_str() {
            "max_reached" => "the ramp reached MAX",
            "two_missed" => "two steps in a row missed",
            "step_limit" => "the step limit (100) was reached",
            _ => "interrupted",
        };
        match self.best_rate {
            Some(r) => writeln!(w, "highest rate meeting {}: {r:.0} ops/s ({why})", self.slo)?,
            None => writeln!(w, "no rate met {} ({why})", self.slo)?,
        }
        if let Some(n) = self.cleaned_up {
            writeln!(w, "cleaned up {n} keys")?;
        }
        Ok(())
    }
}

/// Runs the ramp: one open-loop run per rate, until MAX, two missed steps in a row, or Ctrl-C.
pub async fn run(ctx: &Ctx, args: &BenchArgs, ramp: &Ramp) -> anyhow::Result<ExitStatus> {
    let slo_text = args.slo.clone().unwrap_or_default();
    let goals = slo::parse(&slo_text)?;
    let mut params = args.params()?;
    if args.workloads.is_empty() && args.custom.is_empty() && args.scenario.is_none() {
        params.workloads = vec![Workload::Get];
    }
    if params.workloads.len() != 1 || params.workloads[0] == Workload::Jobs {
        return Err(exit::usage(
            "--ramp: give one workload (-w), not jobs (its rate is the workers')",
        ));
    }
    let step = args.duration.unwrap_or(DEFAULT_STEP);
    params.requests = None;
    params.duration_ms = Some(step.as_millis() as u64);
    params.runs = 1;
    let writes = params.workloads[0].writes();
    let remove_keys = writes && !args.keep_keys;
    check_params(&params, remove_keys)?;
    let conns = connections(ctx, &args.plan).await?;
    if writes && !confirm_writes(ctx, &conns, &params.key_prefix, args.yes).await? {
        return Ok(ExitStatus::Problem);
    }
    let key_index =
        super::custom_key_index(ctx, &params, &conns.nodes, !conns.spec.slots.is_empty()).await?;
    let mut steps = Vec::new();
    let mut missed_in_a_row = 0;
    let mut stopped = "max_reached";
    let rates = ramp.rates();
    let mut fatal = None;
    let mut total = Overall::default();
    for (k, &rate) in rates.iter().enumerate() {
        params.rate = Some(rate);
        ctx.out.verbose(1, format!("ramp: {rate:.0} ops/s"));
        let (mut report, f) =
            super::run_workloads(ctx, &params, key_index, &conns, false, false).await?;
        total.add(&report.workloads);
        report.max_errors_pct = args.max_errors;
        let Some(w) = report.workloads.first() else {
            stopped = "interrupted";
            break;
        };
        let mut missed: Vec<String> = slo::judge(&goals, &report.workloads)
            .into_iter()
            .filter(|r| !r.met)
            .map(|r| r.objective)
            .collect();
        // Over the step's scheduled length: a client that fell behind stops at the deadline,
        // so its unsent requests lower this.
        let achieved = (w.ops as f64 / step.as_secs_f64()).round();
        if achieved < rate * RATE_REACHED {
            missed.push("rate".into());
        }
        if !report.too_many_errors().is_empty() {
            missed.push("errors".into());
        }
        let met = missed.is_empty();
        steps.push(RampStep {
            target_rate: rate,
            achieved_rate: achieved,
            ops_per_sec: report.ops_per_sec,
            latency_us: report.latency_us.clone(),
            p50_us: w.latency_us.p50,
            p99_us: w.latency_us.p99,
            p999_us: w.latency_us.p999,
            errors: w.errors.values().sum(),
            met,
            missed,
        });
        if report.interrupted || f.is_some() {
            fatal = f;
            stopped = "interrupted";
            break;
        }
        missed_in_a_row = if met { 0 } else { missed_in_a_row + 1 };
        if missed_in_a_row >= 2 {
            stopped = "two_missed";
            break;
        }
        if k + 1 == rates.len() && ramp.max.is_none() {
            stopped = "step_limit";
        }
    }
    let best_rate = steps
        .iter()
        .filter(|s| s.met)
        .map(|s| s.target_rate)
        .reduce(f64::max);
    let cleanup = if remove_keys {
        Some(remove_written(&conns, &params).await.0)
    } else {
        None
    };
    let cleaned_up = cleanup.as_ref().map(|c| c.removed);
    let cleanup_failure = cleanup.as_ref().and_then(|c| c.failure());
    let report = RampReport {
        server: conns.server.clone(),
        workload: params.workloads[0],
        clients: params.clients,
        slo: slo_text,
        step_ms: step.as_millis() as u64,
        ops_per_sec: total.ops_per_sec(),
        latency_us: total.latency(),
        steps,
        best_rate,
        stopped: stopped.into(),
        cleaned_up,
        left_after_cleanup: cleanup.map(|c| c.left).unwrap_or_default(),
    };
    let ok = fatal.is_none()
        && cleanup_failure.is_none()
        && stopped != "interrupted"
        && best_rate.is_some();
    ctx.out.emit_outcome(&report, ok)?;
    super::failed(ctx, fatal, cleanup_failure)?;
    if stopped == "interrupted" {
        ctx.out
            .problem("redkit: interrupted; the report covers the steps that ran");
        return Ok(ExitStatus::Interrupted);
    }
    Ok(problem_if(best_rate.is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_lists_rates() {
        let r = Ramp::parse("1000:500:2500").unwrap();
        assert_eq!(r.rates(), vec![1000.0, 1500.0, 2000.0, 2500.0]);
        assert_eq!(Ramp::parse("10:10").unwrap().rates().len(), MAX_STEPS);
        for bad in ["", "10", "10:0", "a:1", "10:1:5", "1:2:3:4", "-5:1"] {
            let e = Ramp::parse(bad).unwrap_err();
            assert!(e.starts_with("--ramp"), "{bad}: {e}");
        }
    }
}
