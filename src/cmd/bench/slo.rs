//! `--slo 'p99<2ms,ops>50000'`: absolute goals each workload must meet (exit 1 when one is
//! missed), as k6 thresholds are.

use super::report::{SloResult, WorkloadResult};
use crate::exit;

/// What a goal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Metric {
    /// A latency percentile or the maximum, in µs.
    Latency(&'static str),
    /// Operations per second (the median run).
    Ops,
    /// Error replies, counted.
    Errors,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
}

/// One goal, parsed.
#[derive(Debug, Clone)]
pub struct Objective {
    text: String,
    metric: Metric,
    cmp: Cmp,
    /// µs for latencies, plain numbers otherwise.
    limit: f64,
}

/// Parses `p99<2ms,ops>50000,errors=0`-style lists (`<`, `<=`, `>`, `>=`; latencies need a
/// unit: `us`/`µs`, `ms`, `s`). A wrong one is a usage error naming it.
pub fn parse(text: &str) -> anyhow::Result<Vec<Objective>> {
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let bad = |why: &str| exit::usage(format!("--slo '{part}': {why}"));
        let at = part
            .find(['<', '>'])
            .ok_or_else(|| bad("expected METRIC<VALUE or METRIC>VALUE, e.g. p99<2ms"))?;
        let name = part[..at].trim().to_ascii_lowercase();
        let rest = &part[at..];
        let (cmp, value) = if let Some(v) = rest.strip_prefix("<=") {
            (Cmp::Le, v)
        } else if let Some(v) = rest.strip_prefix(">=") {
            (Cmp::Ge, v)
        } else if let Some(v) = rest.strip_prefix('<') {
            (Cmp::Lt, v)
        } else if let Some(v) = rest.strip_prefix('>') {
            (Cmp::Gt, v)
        } else {
            return Err(bad("expected < or >"));
        };
        let value = value.trim();
        let metric = match name.as_str() {
            "p50" => Metric::Latency("p50"),
            "p90" => Metric::Latency("p90"),
            "p99" => Metric::Latency("p99"),
            "p999" | "p99.9" => Metric::Latency("p999"),
            "max" => Metric::Latency("max"),
            "ops" | "ops/s" | "rps" => Metric::Ops,
            "errors" => Metric::Errors,
            _ => {
                return Err(bad(
                    "unknown metric (use p50, p90, p99, p999, max, ops, errors)",
                ));
            }
        };
        let limit = match metric {
            Metric::Latency(_) => {
                let split = value
                    .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .ok_or_else(|| bad("a latency needs a unit: us, ms or s"))?;
                let n: f64 = value[..split].parse().map_err(|_| bad("not a number"))?;
                let factor = match &value[split..] {
                    "us" | "µs" => 1.0,
                    "ms" => 1e3,
                    "s" => 1e6,
                    _ => return Err(bad("a latency needs a unit: us, ms or s")),
                };
                n * factor
            }
            _ => value.parse().map_err(|_| bad("not a number"))?,
        };
        if !limit.is_finite() || limit < 0.0 {
            return Err(bad("not a number"));
        }
        out.push(Objective {
            text: part.to_string(),
            metric,
            cmp,
            limit,
        });
    }
    if out.is_empty() {
        return Err(exit::usage(
            "--slo: no objective given, e.g. 'p99<2ms,ops>50000'",
        ));
    }
    Ok(out)
}

/// Judges every workload against every objective.
pub fn judge(objectives: &[Objective], workloads: &[WorkloadResult]) -> Vec<SloResult> {
    let mut out = Vec::new();
    for w in workloads {
        for o in objectives {
            let (value, measured) = match o.metric {
                Metric::Latency(q) => {
                    let l = &w.latency_us;
                    let v = match q {
                        "p50" => l.p50,
                        "p90" => l.p90,
                        "p99" => w.p99(),
                        "p999" => l.p999,
                        _ => l.max,
                    };
                    (v as f64, format!("{v} µs"))
                }
                Metric::Ops => (w.ops_per_sec, format!("{:.0} ops/s", w.ops_per_sec)),
                Metric::Errors => {
                    let n: u64 = w.errors.values().sum();
                    (n as f64, format!("{n} errors"))
                }
            };
            let met = match o.cmp {
                Cmp::Lt => value < o.limit,
                Cmp::Le => value <= o.limit,
                Cmp::Gt => value > o.limit,
                Cmp::Ge => value >= o.limit,
            };
            out.push(SloResult {
                workload: w.workload,
                objective: o.text.clone(),
                measured,
                met,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_goals_with_units() {
        let o = parse("p99<2ms, ops>50000,errors<=0,p999<=1.5s,p50<300us").unwrap();
        assert_eq!(o.len(), 5);
        assert_eq!(o[0].limit, 2000.0);
        assert_eq!(o[0].metric, Metric::Latency("p99"));
        assert_eq!(o[1].metric, Metric::Ops);
        assert_eq!(o[2].cmp, Cmp::Le);
        assert_eq!(o[3].limit, 1_500_000.0);
        assert_eq!(o[4].limit, 300.0);
    }

    #[test]
    fn bad_goals_name_themselves() {
        for bad in ["p99<2", "p98<2ms", "ops=5", "ops>x", "", "p99<2h"] {
            let e = parse(bad).unwrap_err().to_string();
            assert!(e.starts_with("--slo"), "{bad}: {e}");
        }
    }
}
