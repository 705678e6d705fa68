//! Histograms and samples out of a bench run (issue 25 item 5): the .hgrm parses as
//! HdrHistogram's percentile distribution with the run's count, the interval log has a
//! histogram per 100 ms, the ndjson timeline has a line per sample.

use std::time::Duration;

use serde_json::Value;

use crate::support::{RedisServer, redkit, stderr};

fn bench(dir: &std::path::Path, s: &RedisServer, args: &[&str]) -> (Option<i32>, Value, String) {
    let out = redkit(dir)
        .args(["-u", &s.url(), "bench", "--format", "json"])
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let doc = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code(), doc, stderr(&out))
}

/// (value ms, percentile, total count) of every row, and the footer's total count.
fn parse_hgrm(text: &str) -> (Vec<(f64, f64, u64)>, u64) {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        ["Value", "Percentile", "TotalCount", "1/(1-Percentile)"]
    );
    let mut rows = Vec::new();
    let mut total = None;
    for l in lines {
        if let Some(rest) = l.strip_prefix("#[Max") {
            let n = rest
                .rsplit('=')
                .next()
                .unwrap()
                .trim_end_matches(']')
                .trim();
            total = Some(n.parse().unwrap());
            continue;
        }
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = l.split_whitespace().collect();
        assert!(f.len() == 4 || f.len() == 3, "{l}");
        rows.push((
            f[0].parse().unwrap(),
            f[1].parse().unwrap(),
            f[2].parse().unwrap(),
        ));
    }
    (rows, total.expect("a #[Max ... Total count] footer"))
}

#[test]
fn hdr_out_writes_hgrm_with_the_runs_count_and_an_interval_log() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("h-");
    let timeline = dir.path().join("t.ndjson");
    let (code, doc, err) = bench(
        dir.path(),
        &s,
        &[
            "-w",
            "set",
            "-w",
            "get",
            "-c",
            "4",
            "--duration",
            "1s",
            "--warmup",
            "0s",
            "--hdr-out",
            prefix.to_str().unwrap(),
            "--timeline-out",
            timeline.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    for (k, w) in ["set", "get"].iter().enumerate() {
        let ops = doc["workloads"][k]["ops"].as_u64().unwrap();
        assert!(ops > 0);
        let text = std::fs::read_to_string(dir.path().join(format!("h-{w}.hgrm"))).unwrap();
        let (rows, total) = parse_hgrm(&text);
        assert!(rows.len() > 10, "{text}");
        assert_eq!(total, ops, "{text}");
        for pair in rows.windows(2) {
            assert!(pair[1].0 >= pair[0].0, "values rise: {pair:?}");
            assert!(pair[1].1 >= pair[0].1, "percentiles rise: {pair:?}");
            assert!(pair[1].2 >= pair[0].2, "counts rise: {pair:?}");
        }
        let last = rows.last().unwrap();
        assert!((last.1 - 1.0).abs() < 1e-9, "{last:?}");
        assert_eq!(last.2, ops);
        // p50 in the file matches the report's (µs there, ms here; 3 digits).
        let p50_ms = doc["workloads"][k]["latency_us"]["p50"].as_f64().unwrap() / 1000.0;
        let near = rows.iter().find(|r| r.1 >= 0.5).unwrap();
        assert!(
            (near.0 - p50_ms).abs() <= p50_ms * 0.01 + 0.002,
            "{near:?} vs {p50_ms}"
        );
        assert!(text.contains("#[Mean    ="));

        let log = std::fs::read_to_string(dir.path().join(format!("h-{w}.hlog"))).unwrap();
        assert!(log.contains("#[StartTime: "), "{log}");
        let hists: Vec<&str> = log
            .lines()
            .filter(|l| l.starts_with(&format!("Tag={w},")))
            .collect();
        // 1 s of 100 ms intervals (the last partial one dropped).
        assert!((8..=11).contains(&hists.len()), "{log}");
        for h in hists {
            assert_eq!(h.split(',').count(), 5, "{h}");
        }
    }
    let text = std::fs::read_to_string(&timeline).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for w in ["set", "get"] {
        let mine: Vec<&Value> = lines.iter().filter(|l| l["workload"] == w).collect();
        assert!((8..=11).contains(&mine.len()), "{text}");
        for pair in mine.windows(2) {
            assert!(pair[1]["t_ms"].as_u64() > pair[0]["t_ms"].as_u64());
        }
        for l in &mine {
            assert!(l["ops_per_sec"].as_f64().unwrap() > 0.0, "{l}");
            assert!(l["p50_us"].as_u64() <= l["p99_us"].as_u64(), "{l}");
        }
    }
}

#[test]
fn hdr_out_into_a_missing_directory_is_refused_before_any_work() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = bench(
        dir.path(),
        &s,
        &["-w", "set", "-n", "100", "--hdr-out", "/nonexistent/dir/h-"],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--hdr-out"), "{err}");
    assert_eq!(s.cli(&["DBSIZE"]), "0");
}
