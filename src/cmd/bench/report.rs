//! The benchmark report: parameters, per-workload figures, baseline comparison, and the table.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use colored::Colorize;
use comfy_table::Cell;
use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};

use super::driver::{Outcome, new_hist};
use super::workload::{KeyPattern, Workload};
use crate::exit;
use crate::output::{Render, Ui};

/// Everything needed to run the same benchmark again (`--compare` reads it from a baseline).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Params {
    pub workloads: Vec<Workload>,
    pub clients: usize,
    pub pipeline: usize,
    pub requests: Option<u64>,
    pub duration_ms: Option<u64>,
    pub data_size: usize,
    pub keyspace: u64,
    pub key_pattern: KeyPattern,
    pub key_prefix: String,
    pub threads: usize,
    pub warmup_ms: u64,
    pub rate: Option<f64>,
    pub batch: usize,
    pub ratio: String,
    pub custom: Vec<String>,
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
    pub elapsed_s: f64,
    pub ops_per_sec: f64,
    /// Keys per second for MSET/MGET (ops/s times --batch).
    pub keys_per_sec: f64,
    pub latency_us: Latency,
    pub errors: BTreeMap<String, u64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub timeline: Option<Vec<u64>>,
    /// Latency histogram, serialized only internally for merging.
    #[serde(skip)]
    hist: Option<Histogram<u64>>,
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
        let ops_per_sec = (o.measured as f64 / secs).round();
        WorkloadResult {
            workload: w,
            ops: o.measured,
            commands_sent: o.sent,
            server_calls: per_master.to_vec(),
            elapsed_s: (secs * 1000.0).round() / 1000.0,
            ops_per_sec,
            keys_per_sec: if w.is_batch() {
                ops_per_sec * params.batch as f64
            } else {
                ops_per_sec
            },
            latency_us: Latency::from_hist(&o.hist),
            errors: o.errors,
            timeline: timeline.then_some(o.timeline),
            hist: Some(o.hist),
        }
    }
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
    pub regression: bool,
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
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub comparison: Option<Vec<Change>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub max_regression_pct: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cleaned_up: Option<u64>,
    /// Stopped by Ctrl-C: the figures cover what ran until then.
    #[serde(default)]
    pub interrupted: bool,
}

fn pct(old: f64, new: f64) -> f64 {
    if old == 0.0 {
        return 0.0;
    }
    ((new - old) / old * 1000.0).round() / 10.0
}

impl BenchReport {
    pub fn new(
        parameters: Params,
        server: ServerInfo,
        workloads: Vec<WorkloadResult>,
    ) -> BenchReport {
        let mut all = new_hist();
        let (mut ops, mut secs) = (0u64, 0f64);
        for w in &workloads {
            if let Some(h) = &w.hist {
                let _ = all.add(h);
            }
            ops += w.ops;
            secs += w.elapsed_s;
        }
        BenchReport {
            parameters,
            server,
            ops_per_sec: if secs > 0.0 {
                (ops as f64 / secs).round()
            } else {
                0.0
            },
            latency_us: Latency::from_hist(&all),
            workloads,
            comparison: None,
            max_regression_pct: None,
            cleaned_up: None,
            interrupted: false,
        }
    }

    /// Compares with a baseline: a drop in ops/s or a rise in p99 beyond `max_pct` regresses.
    pub fn compare_with(&mut self, old: &BenchReport, max_pct: f64) {
        let changes = self
            .workloads
            .iter()
            .filter_map(|new| {
                let prev = old.workloads.iter().find(|o| o.workload == new.workload)?;
                let ops_change = pct(prev.ops_per_sec, new.ops_per_sec);
                let p99_change = pct(prev.latency_us.p99 as f64, new.latency_us.p99 as f64);
                Some(Change {
                    workload: new.workload,
                    old_ops_per_sec: prev.ops_per_sec,
                    new_ops_per_sec: new.ops_per_sec,
                    ops_change_pct: ops_change,
                    old_p99_us: prev.latency_us.p99,
                    new_p99_us: new.latency_us.p99,
                    p99_change_pct: p99_change,
                    regression: ops_change < -max_pct || p99_change > max_pct,
                })
            })
            .collect();
        self.comparison = Some(changes);
        self.max_regression_pct = Some(max_pct);
    }

    pub fn regressed(&self) -> bool {
        self.comparison
            .as_ref()
            .is_some_and(|c| c.iter().any(|x| x.regression))
    }
}

/// Reads a saved report (a baseline).
pub fn load(path: &Path) -> anyhow::Result<BenchReport> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| exit::usage(format!("--compare {}: cannot read: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| {
        exit::usage(format!(
            "--compare {}:{}: not a redkit bench report: {e}",
            path.display(),
            e.line()
        ))
    })
}

impl Render for BenchReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let p = &self.parameters;
        writeln!(
            w,
            "{} (redis {}), {} clients, pipeline {}, {} threads, {} B values{}",
            self.server.target,
            self.server.version,
            p.clients,
            p.pipeline,
            p.threads,
            p.data_size,
            p.rate
                .map(|r| format!(", open loop at {r} ops/s"))
                .unwrap_or_default()
        )?;
        let mut t = ui.table();
        t.set_header(vec![
            "workload",
            "ops",
            "ops/s",
            "keys/s",
            "p50 µs",
            "p90 µs",
            "p99 µs",
            "p99.9 µs",
            "max µs",
            "errors",
        ]);
        for r in &self.workloads {
            let errors = if r.errors.is_empty() {
                "0".to_string()
            } else {
                r.errors
                    .iter()
                    .map(|(k, v)| format!("{k}:{v}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let l = &r.latency_us;
            t.add_row(vec![
                Cell::new(r.workload.name()),
                Cell::new(r.ops),
                Cell::new(format!("{:.0}", r.ops_per_sec)),
                Cell::new(format!("{:.0}", r.keys_per_sec)),
                Cell::new(l.p50),
                Cell::new(l.p90),
                Cell::new(l.p99),
                Cell::new(l.p999),
                Cell::new(l.max),
                Cell::new(errors),
            ]);
        }
        writeln!(w, "{t}")?;
        if let Some(changes) = &self.comparison {
            let limit = self.max_regression_pct.unwrap_or(0.0);
            writeln!(w, "\ncompared with the baseline (allowed change {limit}%)")?;
            let mut c = ui.table();
            c.set_header(vec![
                "workload",
                "ops/s old",
                "ops/s new",
                "change",
                "p99 old",
                "p99 new",
                "change",
                "",
            ]);
            for x in changes {
                let verdict = if x.regression {
                    "REGRESSION".red().bold().to_string()
                } else {
                    "ok".green().to_string()
                };
                c.add_row(vec![
                    Cell::new(x.workload.name()),
                    Cell::new(format!("{:.0}", x.old_ops_per_sec)),
                    Cell::new(format!("{:.0}", x.new_ops_per_sec)),
                    Cell::new(format!("{:+.1}%", x.ops_change_pct)),
                    Cell::new(x.old_p99_us),
                    Cell::new(x.new_p99_us),
                    Cell::new(format!("{:+.1}%", x.p99_change_pct)),
                    Cell::new(verdict),
                ]);
            }
            writeln!(w, "{c}")?;
        }
        if let Some(n) = self.cleaned_up {
            writeln!(w, "cleaned up {n} keys under {}", p.key_prefix)?;
        }
        Ok(())
    }
}
