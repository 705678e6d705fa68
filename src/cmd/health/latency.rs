//! The `latency` check beyond PING: per-command percentiles from `INFO LATENCYSTATS` (Redis 7)
//! judged by their p99, and `LATENCY LATEST` events newer than the previous sample; `-v` adds
//! the servers' own `LATENCY DOCTOR` and `MEMORY DOCTOR` text.

use std::time::Duration;

use super::judge::{NodeInput, judge_duration, ms_text};
use super::probe::{Info, LatencyEvent, subfields};
use super::report::{Check, Metric, Status};
use super::types::durations;

/// One command's percentiles, in microseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandLatency {
    pub command: String,
    pub p50: f64,
    pub p99: f64,
    pub p999: f64,
}

/// Replication internals whose "latency" is a transfer, not a reply time.
pub const IGNORED: &[&str] = &["psync", "sync", "replconf"];

/// Commands exported to Prometheus per node (the slowest by p99): a bounded label set.
const EXPORTED: usize = 10;

/// Every command of `INFO latencystats`, the slowest p99 first.
pub fn command_latencies(i: &Info) -> Vec<CommandLatency> {
    let mut out: Vec<CommandLatency> =
        i.0.iter()
            .filter_map(|(k, v)| {
                let cmd = k.strip_prefix("latency_percentiles_usec_")?;
                if IGNORED.contains(&cmd) {
                    return None;
                }
                let f = subfields(v);
                let g = |q: &str| f.get(q).and_then(|x| x.parse::<f64>().ok());
                Some(CommandLatency {
                    command: cmd.to_string(),
                    p50: g("p50")?,
                    p99: g("p99")?,
                    p999: g("p99.9").unwrap_or(0.0),
                })
            })
            .collect();
    out.sort_by(|a, b| b.p99.total_cmp(&a.p99).then(a.command.cmp(&b.command)));
    out
}

/// The per-command call counters kept in a sample (`calls:get`), so the next run knows which
/// commands ran in its interval.
pub fn call_counters(i: &Info) -> impl Iterator<Item = (String, f64)> + '_ {
    i.0.iter().filter_map(|(k, v)| {
        let cmd = k.strip_prefix("cmdstat_")?;
        let calls: f64 = subfields(v).get("calls")?.parse().ok()?;
        Some((format!("calls:{cmd}"), calls))
    })
}

/// The commands judged: INFO LATENCYSTATS percentiles are since the server started, so with a
/// previous sample only the commands called since then are judged (one slow call last month
/// must not warn on every run); without one (or without call counts), all of them.
fn called_in_interval<'a>(n: &NodeInput, cmds: &'a [CommandLatency]) -> Vec<&'a CommandLatency> {
    let Some((now, b)) = super::rates::baseline(n) else {
        return cmds.iter().collect();
    };
    let super::state::Baseline::Since(prev, _) = b else {
        return cmds.iter().collect();
    };
    if !now.counters.keys().any(|k| k.starts_with("calls:")) {
        return cmds.iter().collect();
    }
    cmds.iter()
        .filter(|x| {
            let k = format!("calls:{}", x.command);
            match (prev.counters.get(&k), now.counters.get(&k)) {
                (Some(a), Some(b)) => b > a,
                // First called since the previous sample.
                (None, Some(_)) => true,
                _ => false,
            }
        })
        .collect()
}

fn ms(us: f64) -> String {
    if us >= 1000.0 {
        crate::output::number::millis(us / 1000.0)
    } else {
        format!("{} µs", crate::output::number::sig3(us))
    }
}

/// Adds command percentiles, latency events and doctor text to the PING latency check.
pub fn extend(c: &mut Check, n: &NodeInput) {
    let (f, t) = (n.facts, n.t);
    if let Some(stats) = &f.latency_stats {
        let all = command_latencies(stats);
        let cmds = called_in_interval(n, &all);
        // A slower command not called in the interval: said, not judged.
        if let Some(idle) = all.first().filter(|x| !cmds.contains(x)) {
            c.message = format!(
                "{}; {} p99 {} since start, not called since the previous sample (not judged)",
                c.message,
                idle.command,
                ms(idle.p99)
            );
        }
        if let Some(worst) = cmds.first().copied() {
            let limit = |d: Option<Duration>| d.map(|d| d.as_secs_f64() * 1e6);
            let (w, cr) = (limit(t.warn_command_p99), limit(t.crit_command_p99));
            let over = |l: Option<f64>| -> Vec<&CommandLatency> {
                l.map(|l| cmds.iter().copied().filter(|x| x.p99 > l).collect())
                    .unwrap_or_default()
            };
            let status = judge_duration(
                Duration::from_secs_f64(worst.p99 / 1e6),
                t.warn_command_p99,
                t.crit_command_p99,
            );
            c.message = format!(
                "{}; worst command p99 {} ({})",
                c.message,
                ms(worst.p99),
                worst.command
            );
            if status != Status::Ok {
                let named = if status == Status::Critical {
                    over(cr)
                } else {
                    over(w)
                };
                let names: Vec<String> = named
                    .iter()
                    .take(5)
                    .map(|x| format!("{} p99 {}", x.command, ms(x.p99)))
                    .collect();
                c.raise(status, &format!("slow commands: {}", names.join(", ")));
            }
            for x in all.iter().take(EXPORTED) {
                for (q, v) in [("p50", x.p50), ("p99", x.p99), ("p99.9", x.p999)] {
                    c.metrics.push(
                        Metric::new(
                            "command_latency_seconds",
                            v / 1e6,
                            "Per-command latency percentiles from INFO LATENCYSTATS (the slowest commands by p99)",
                        )
                        .label("command", x.command.clone())
                        .label("percentile", q),
                    );
                }
            }
            c.metrics.push(
                Metric::new(
                    "command_latency_worst_p99_ms",
                    (worst.p99 / 10.0).round() / 100.0,
                    "Slowest command p99 in milliseconds",
                )
                .perf(
                    "ms",
                    ms_text(t.warn_command_p99),
                    ms_text(t.crit_command_p99),
                )
                .perf_only(),
            );
        }
    }
    if let Some(events) = &f.latency_events {
        judge_events(c, events, n);
    }
    let limits: Vec<String> = [
        durations(t.warn_command_p99, t.crit_command_p99).map(|s| format!("p99 {s}")),
        durations(t.warn_latency_event, t.crit_latency_event).map(|s| format!("events {s}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !limits.is_empty() {
        c.threshold = Some(match &c.threshold {
            Some(p) => format!("{p}; {}", limits.join("; ")),
            None => limits.join("; "),
        });
    }
    if !f.doctor.is_empty() {
        c.detail = Some(
            f.doctor
                .iter()
                .map(|(name, text)| format!("{name}:\n{}", text.trim_end()))
                .collect::<Vec<_>>()
                .join("\n\n"),
        );
    }
}

/// LATENCY LATEST events newer than the previous sample, judged by their latest spike.
fn judge_events(c: &mut Check, events: &[LatencyEvent], n: &NodeInput) {
    let t = n.t;
    let Some(prev) = &n.facts.prev else {
        if !events.is_empty() {
            c.message = format!(
                "{}; {} on record ({})",
                c.message,
                super::types::count(events.len() as f64, "latency event", "latency events"),
                n.facts.keeping.later()
            );
        }
        return;
    };
    // An event seen before is new when its time moved; one never seen is new when it is not
    // older than the previous sample (whose second it may share).
    let new: Vec<&LatencyEvent> = events
        .iter()
        .filter(|e| match prev.events.get(&e.event) {
            Some(seen) => e.at > *seen,
            None => e.at as f64 >= prev.at.floor(),
        })
        .collect();
    c.metrics.push(Metric::new(
        "latency_events_new",
        new.len() as f64,
        "LATENCY LATEST events since the previous sample",
    ));
    if new.is_empty() {
        return;
    }
    let worst = new.iter().map(|e| e.latest_ms).max().unwrap_or(0);
    let status = judge_duration(
        Duration::from_millis(worst.max(0) as u64),
        t.warn_latency_event,
        t.crit_latency_event,
    );
    let names: Vec<String> = new
        .iter()
        .take(5)
        .map(|e| format!("{} {} ms", e.event, e.latest_ms))
        .collect();
    let text = format!(
        "latency events since the previous run: {}",
        names.join(", ")
    );
    if status == Status::Ok {
        c.message = format!("{}; {text}", c.message);
    } else {
        c.raise(status, &text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latencystats_parsed_slowest_first() {
        let i = Info::parse(
            "# Latencystats\r\nlatency_percentiles_usec_get:p50=1.003,p99=9.023,p99.9=20.1\r\nlatency_percentiles_usec_debug:p50=300000,p99=300000,p99.9=300000\r\nlatency_percentiles_usec_psync:p50=98,p99=9999999,p99.9=1\r\nlatency_percentiles_usec_bad:p50=x\r\n",
        );
        let c = command_latencies(&i);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].command, "debug");
        assert_eq!(c[1].p999, 20.1);
    }
}
