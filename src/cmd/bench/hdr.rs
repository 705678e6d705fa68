//! Histograms and interval samples out of a run: HdrHistogram's percentile-distribution text
//! (`.hgrm`, what its plotter reads), its interval log (`.hlog`), and a timeline as ndjson.
//! Latencies are recorded in µs and written in ms, as the HdrHistogram tools expect.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use hdrhistogram::Histogram;
use hdrhistogram::serialization::V2DeflateSerializer;
use hdrhistogram::serialization::interval_log::{IntervalLogWriterBuilder, Tag};

use super::report::WorkloadResult;
use crate::exit;
use crate::output::write_atomic;

/// µs per ms: the output unit's scaling ratio.
const SCALE: f64 = 1000.0;

/// The percentile-distribution text of `h`, in the layout of HdrHistogram's
/// `outputPercentileDistribution` (5 ticks per half distance, 3 decimals).
pub fn percentile_text(h: &Histogram<u64>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:>12} {:>14} {:>10} {:>14}\n",
        "Value", "Percentile", "TotalCount", "1/(1-Percentile)"
    );
    let mut total = 0u64;
    if !h.is_empty() {
        for v in h.iter_quantiles(5) {
            total += v.count_since_last_iteration();
            let q = v.quantile_iterated_to();
            let value = h.highest_equivalent(v.value_iterated_to()) as f64 / SCALE;
            if q < 1.0 {
                let _ = writeln!(
                    out,
                    "{value:12.3} {q:2.12} {total:10} {:14.2}",
                    1.0 / (1.0 - q)
                );
            } else {
                let _ = writeln!(out, "{value:12.3} {q:2.12} {total:10}");
            }
        }
    }
    let _ = writeln!(
        out,
        "#[Mean    = {:12.3}, StdDeviation   = {:12.3}]",
        h.mean() / SCALE,
        h.stdev() / SCALE
    );
    let _ = writeln!(
        out,
        "#[Max     = {:12.3}, Total count    = {:12}]",
        h.max() as f64 / SCALE,
        h.len()
    );
    // 3 significant digits: 2048 sub-buckets (the smallest power of two above 2 * 10^3).
    let _ = writeln!(
        out,
        "#[Buckets = {:12}, SubBuckets     = {:12}]",
        h.buckets(),
        2048
    );
    out
}

/// The interval log of one workload's 100 ms samples (each run's after the previous one's).
fn interval_log(w: &WorkloadResult) -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    let mut ser = V2DeflateSerializer::new();
    let now = std::time::SystemTime::now();
    let mut log = IntervalLogWriterBuilder::new()
        .add_comment(&format!(
            "redkit bench, workload {}, latencies in ms",
            w.workload.name()
        ))
        .with_start_time(now)
        .with_max_value_divisor(SCALE)
        .begin_log_with(&mut buf, &mut ser)?;
    let tag = Tag::new(w.workload.name());
    let mut offset = std::time::Duration::ZERO;
    for run in &w.samples {
        let mut end = offset;
        for i in &run.intervals {
            if let Some(h) = &i.hist {
                log.write_histogram(h, offset + i.start, i.length, tag)
                    .map_err(|e| anyhow::anyhow!("interval log: {e}"))?;
            }
            end = offset + i.start + i.length;
        }
        offset = end;
    }
    drop(log);
    Ok(buf)
}

/// Writes `PREFIX<workload>.hgrm` and `PREFIX<workload>.hlog` for every workload with a
/// histogram; returns the files written.
pub fn write_hdr(prefix: &Path, workloads: &[WorkloadResult]) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for w in workloads {
        let Some(h) = w.histogram() else { continue };
        let base = format!("{}{}", prefix.display(), w.workload.name());
        let hgrm = PathBuf::from(format!("{base}.hgrm"));
        write_atomic(&hgrm, percentile_text(h).as_bytes())?;
        written.push(hgrm);
        let hlog = PathBuf::from(format!("{base}.hlog"));
        write_atomic(&hlog, &interval_log(w)?)?;
        written.push(hlog);
    }
    Ok(written)
}

/// One line per workload and 100 ms interval: `{"workload", "run", "t_ms", "ops_per_sec",
/// "p50_us", "p99_us"}` (latencies null for an interval in which nothing completed).
pub fn timeline_ndjson(workloads: &[WorkloadResult]) -> String {
    let mut out = String::new();
    for w in workloads {
        for (run, s) in w.samples.iter().enumerate() {
            for i in &s.intervals {
                let secs = i.length.as_secs_f64().max(1e-6);
                let line = serde_json::json!({
                    "workload": w.workload.name(),
                    "run": run + 1,
                    "t_ms": i.start.as_millis() as u64,
                    "ops_per_sec": (i.ops as f64 / secs).round(),
                    "p50_us": i.p50_us,
                    "p99_us": i.p99_us,
                });
                out.push_str(&line.to_string());
                out.push('\n');
            }
        }
    }
    out
}

/// `--hdr-out` names a prefix: its directory must exist before the run, not after it.
pub fn check_prefix(flag: &str, path: &Path) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(exit::usage(format!(
            "{flag} {}: no such directory {}",
            path.display(),
            dir.display()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_text_ends_at_one_with_the_count() {
        let mut h = super::super::driver::new_hist();
        for v in 1..=1000u64 {
            h.record(v * 10).unwrap();
        }
        let t = percentile_text(&h);
        let rows: Vec<&str> = t
            .lines()
            .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .collect();
        let last: Vec<&str> = rows.last().unwrap().split_whitespace().collect();
        assert_eq!(last[1].parse::<f64>().unwrap(), 1.0);
        assert_eq!(last[2], "1000");
        assert!(t.contains("#[Mean    ="));
    }
}
