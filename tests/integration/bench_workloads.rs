//! The application's workloads (issue 25 item 2): the read-through cache's hit rate follows
//! from the key space and the TTL, and agrees with the server's own keyspace_hits/misses.

use std::time::Duration;

use serde_json::Value;

use crate::support::{RedisServer, redkit, stderr};

fn bench(s: &RedisServer, args: &[&str]) -> (Option<i32>, Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path())
        .args(["-u", &s.url(), "bench", "--format", "json"])
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let doc = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code(), doc, stderr(&out))
}

fn stat(s: &RedisServer, name: &str) -> u64 {
    s.cli(&["INFO", "stats"])
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}:")))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

#[test]
fn cache_hit_rate_follows_the_keyspace_and_the_ttl() {
    let s = RedisServer::start();
    // A TTL longer than the run: each of the 1000 keys misses once (a few twice, when two
    // clients miss it at the same moment), every other GET hits.
    let (code, doc, err) = bench(
        &s,
        &[
            "-w",
            "cache",
            "--keyspace",
            "1000",
            "-n",
            "20000",
            "-c",
            "10",
            "-P",
            "4",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let w = &doc["workloads"][0];
    let (hits, misses) = (w["hits"].as_u64().unwrap(), w["misses"].as_u64().unwrap());
    assert_eq!(hits + misses, 20000, "{w}");
    assert!((1000..=1100).contains(&misses), "{w}");
    assert_eq!(
        stat(&s, "keyspace_hits"),
        hits,
        "the server counted the same hits"
    );
    assert_eq!(stat(&s, "keyspace_misses"), misses);
    assert_eq!(w["server_calls"][0], 20000 + misses, "a SET for every miss");
    let rate = w["hit_rate"].as_f64().unwrap();
    assert!((94.4..=95.0).contains(&rate), "{rate}");
    assert!(w["hit_rate_per_sec"].is_array());
    assert!(doc["cleaned_up"].as_u64().unwrap() >= 1000);

    // A TTL of 100 ms at 10 requests per key and second: after each miss a key holds for
    // λT = 1 request on average, so half the GETs hit (λT / (1 + λT)).
    let (code, doc, err) = bench(
        &s,
        &[
            "-w",
            "cache",
            "--keyspace",
            "200",
            "--rate",
            "2000",
            "--duration",
            "3s",
            "--ttl",
            "100ms",
            "-c",
            "10",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let w = &doc["workloads"][0];
    let rate = w["hit_rate"].as_f64().unwrap();
    let lambda_t = w["ops_per_sec"].as_f64().unwrap() / 200.0 * 0.1;
    let want = lambda_t / (1.0 + lambda_t) * 100.0;
    assert!(
        (rate - want).abs() < 8.0,
        "hit rate {rate}%, predicted {want:.1}%"
    );
    // Other workloads have no hit rate.
    let (code, doc, err) = bench(&s, &["-w", "get", "-n", "100"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["workloads"][0]["hit_rate"], Value::Null);
}

/// The job lifecycle: every event XADDed is read by a worker of the group and acked; latency
/// runs from XADD to ack; at the end nothing is pending, the group is gone, and without
/// --keep-keys the streams are removed too.
#[test]
fn jobs_acks_every_event_leaves_nothing_pending_and_cleans_up() {
    let s = RedisServer::start();
    let (code, doc, err) = bench(
        &s,
        &[
            "-w",
            "jobs",
            "-n",
            "3000",
            "-c",
            "4",
            "--keyspace",
            "10",
            "--keep-keys",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let w = &doc["workloads"][0];
    assert_eq!(w["events_acked"], 3000, "{w}");
    assert_eq!(w["ops"], 3000);
    assert_eq!(w["pending_left"], 0);
    assert_eq!(w["server_calls"][0], 3000, "one XADD per event");
    assert!(w["latency_us"]["p50"].as_u64().unwrap() > 0);
    // Kept streams hold the events, with no group (so no pending entries) left on them.
    let mut total = 0;
    for j in 0..10 {
        let key = format!("bench:job_events:{j}");
        total += s.cli(&["XLEN", &key]).parse::<u64>().unwrap();
        assert_eq!(s.cli(&["XINFO", "GROUPS", &key]), "", "{key}");
    }
    assert_eq!(total, 3000);
    let fields = s.cli(&["XRANGE", "bench:job_events:0", "-", "+", "COUNT", "1"]);
    for f in ["data", "timestamp", "event_type", "sent_us"] {
        assert!(fields.contains(f), "{fields}");
    }
    // Without --keep-keys nothing of the run stays.
    s.cli(&["FLUSHALL"]);
    let (code, doc, err) = bench(
        &s,
        &[
            "-w",
            "jobs",
            "--duration",
            "1s",
            "-c",
            "4",
            "--keyspace",
            "5",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        doc["workloads"][0]["events_acked"].as_u64().unwrap() > 100,
        "{doc}"
    );
    assert_eq!(doc["workloads"][0]["pending_left"], 0);
    assert_eq!(s.cli(&["DBSIZE"]), "0");
}

/// The jobs workload keeps the run's rules (verify-25): `--min-run` raises -n, each 100 ms
/// interval is sampled, events of the warm-up are acked but not measured, the CPU figures are
/// there, and options it cannot honour are refused.
#[test]
fn jobs_runs_are_sampled_last_min_run_and_skip_the_warmup() {
    let s = RedisServer::start();
    let (code, doc, err) = bench(
        &s,
        &[
            "-w",
            "jobs",
            "-n",
            "200",
            "-c",
            "4",
            "--keyspace",
            "8",
            "--min-run",
            "1s",
            "--warmup",
            "300ms",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let w = &doc["workloads"][0];
    assert_eq!(w["min_run_raised"], true, "{w}");
    assert_eq!(w["too_short"], false, "{w}");
    assert!(w["elapsed_s"].as_f64().unwrap() >= 1.0, "{w}");
    let acked = w["events_acked"].as_u64().unwrap();
    let measured = w["ops"].as_u64().unwrap();
    assert!(measured > 200, "raised past -n: {w}");
    assert!(
        measured < acked,
        "the warm-up's events are acked, not measured: {w}"
    );
    assert_eq!(w["pending_left"], 0);
    let run = &w["samples"][0];
    let ops = run["ops_per_sec"].as_array().unwrap();
    assert!((9..=12).contains(&ops.len()), "{run}");
    assert!(ops.iter().all(|v| v.as_f64().unwrap() > 0.0), "{run}");
    assert_eq!(run["p99_us"].as_array().unwrap().len(), ops.len(), "{run}");
    assert!(run["client_cpu_us_per_op"].as_f64().unwrap() > 0.0, "{run}");
    assert!(run["server_wait_pct"].is_number(), "a local server: {run}");
    // Over several runs the jobs figures are totals, as ops are.
    let (code, doc, err) = bench(
        &s,
        &[
            "-w",
            "jobs",
            "-n",
            "300",
            "-c",
            "3",
            "--keyspace",
            "4",
            "--runs",
            "2",
            "--min-run",
            "0s",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let w = &doc["workloads"][0];
    assert_eq!(w["ops"], 600, "{w}");
    assert_eq!(w["events_acked"], 600, "{w}");
    assert_eq!(w["pending_left"], 0, "{w}");
    for (flag, value) in [("--rate", "100"), ("--pipeline", "4")] {
        let (code, _, err) = bench(&s, &["-w", "jobs", "-n", "10", flag, value]);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains(flag) && err.contains("-w jobs"), "{err}");
    }
    assert_eq!(s.cli(&["DBSIZE"]), "0");
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/bench/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn calls(s: &RedisServer, cmd: &str) -> u64 {
    s.cli(&["INFO", "commandstats"])
        .lines()
        .find_map(|l| l.strip_prefix(&format!("cmdstat_{cmd}:calls=")))
        .and_then(|r| r.split(',').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// A scenario's weighted entries and sequences run as written: the server executed a GET for
/// each single request and SET, HSET, GET for each sequence, on the same key; values are JSON
/// with the entry's TTL; a mistake in the file names its line.
#[test]
fn scenario_runs_weighted_commands_and_sequences_and_names_bad_lines() {
    let s = RedisServer::start();
    let file = fixture("scenario.yaml");
    let (code, doc, err) = bench(
        &s,
        &[
            "--scenario",
            &file,
            "-n",
            "5000",
            "-c",
            "4",
            "-P",
            "4",
            "--keep-keys",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let w = &doc["workloads"][0];
    assert_eq!(w["workload"], "scenario");
    assert_eq!(w["ops"], 5000);
    let (sets, hsets, gets) = (calls(&s, "set"), calls(&s, "hset"), calls(&s, "get"));
    assert_eq!(sets, hsets, "every sequence ran whole");
    assert_eq!(
        gets, 5000,
        "one GET per request: single GETs plus the sequences' last"
    );
    assert!((800..1200).contains(&sets), "about 20% sequences: {sets}");
    assert_eq!(w["commands_sent"], 5000 + 2 * sets);
    assert_eq!(w["server_calls"][0], 5000 + 2 * sets, "{w}");
    assert_eq!(w["errors"], serde_json::json!({}));
    let key = s
        .cli(&["--scan", "--pattern", "bench:*:meta"])
        .lines()
        .next()
        .unwrap()
        .trim_end_matches(":meta")
        .to_string();
    assert!(
        key.starts_with("bench:{"),
        "a hash tag keeps {{key}} and {{key}}:meta together: {key}"
    );
    let v: Value = serde_json::from_str(&s.cli(&["GET", &key])).unwrap();
    assert!(v.is_object());
    let ttl: u64 = s.cli(&["PTTL", &key]).parse().unwrap();
    assert!((1..=10_000).contains(&ttl), "{ttl}");
    // Every key is under the prefix: the cleanup removes them all.
    let (code, _, err) = bench(&s, &["--scenario", &file, "-n", "500", "-c", "2", "--yes"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(s.cli(&["DBSIZE"]), "0");

    let sets = calls(&s, "set");
    let (code, _, err) = bench(
        &s,
        &["--scenario", &fixture("bad-scenario.yaml"), "-n", "10"],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("bad-scenario.yaml:5: unknown key `wieght`"),
        "{err}"
    );
    // A mistyped placeholder is refused, not sent as one literal key.
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("typo.yaml");
    std::fs::write(
        &typo,
        "commands:\n  - command: GET {key}\n  - command: SET {key {value}\n",
    )
    .unwrap();
    let gets = calls(&s, "get");
    let (code, _, err) = bench(&s, &["--scenario", typo.to_str().unwrap(), "-n", "10"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("typo.yaml:3: `{key`: an unknown or unclosed placeholder"),
        "{err}"
    );
    assert_eq!(calls(&s, "set"), sets, "nothing sent");
    assert_eq!(calls(&s, "get"), gets, "nothing sent");
}

/// On a cluster the scenario's commands, the cache's GET/SET and the jobs' streams go to the
/// master of their key: no MOVED, every master its share.
#[test]
fn scenario_cache_and_jobs_are_routed_by_slot_on_a_cluster() {
    let c = crate::support::Cluster::start(3, 0);
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &[
            "--scenario",
            &fixture("scenario.yaml"),
            "-n",
            "3000",
            "-P",
            "4",
        ][..],
        &["-w", "cache", "--keyspace", "500", "-n", "3000", "-P", "4"],
        &["-w", "jobs", "-n", "1500", "--keyspace", "30"],
    ] {
        let out = redkit(dir.path())
            .args([
                "--cluster",
                "-u",
                &c.seed_url(),
                "bench",
                "--format",
                "json",
            ])
            .args(["-c", "6"])
            .args(args)
            .timeout(Duration::from_secs(120))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let w = &doc["workloads"][0];
        assert_eq!(w["errors"], serde_json::json!({}), "{args:?}: {w}");
        let shares: Vec<u64> = w["server_calls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert_eq!(shares.len(), 3);
        assert!(shares.iter().all(|n| *n > 100), "{args:?}: {shares:?}");
        if w["workload"] == "jobs" {
            assert_eq!(w["events_acked"], 1500);
            assert_eq!(w["pending_left"], 0);
        }
    }
}

/// The lines under the table say what happened (verify-25): an open loop that fell behind its
/// --rate says so, jobs' line tells measured events from all acked, jobs beside other
/// workloads names the flags it does not take, and `--duration 0s` is refused.
#[test]
fn the_report_says_what_the_run_could_not_do() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let text = |args: &[&str]| {
        let out = redkit(dir.path())
            .args(["-u", &s.url(), "bench"])
            .args(args)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr(&out),
        )
    };
    let (code, out, err) = text(&[
        "-w",
        "ping",
        "--rate",
        "100000000",
        "-c",
        "1",
        "--duration",
        "500ms",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("ops/s of the 100000000 asked: the client or the server could not keep up"),
        "{out}"
    );
    let (code, out, err) = text(&[
        "-w", "set", "-w", "jobs", "-P", "4", "-n", "300", "-c", "3", "--warmup", "200ms",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("jobs paces itself"), "{err}");
    assert!(
        out.contains("events measured at") && out.contains("acked in all, the warm-up's included"),
        "{out}"
    );
    // --timeline shows in the table too, its partial last second named.
    let (code, out, err) = text(&[
        "-w",
        "ping",
        "--duration",
        "1500ms",
        "-c",
        "2",
        "--timeline",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("ping: commands per second (the last covers 0.5"),
        "{out}"
    );
    let (code, _, err) = text(&["-w", "get", "--duration", "0s"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--duration 0s"), "{err}");
}
