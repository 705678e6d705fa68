//! redkit bench against real servers: the server executed what redkit reports, --rate holds,
//! a cluster's masters all get load, errors are counted, baselines compare, a dying server ends
//! the run with a partial report.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{Cluster, LEAK_SECRET, RedisServer, redkit, spawn_redkit, stderr, stdout};

fn calls(s: &RedisServer, cmd: &str) -> u64 {
    let text = s.cli(&["INFO", "commandstats"]);
    let key = format!("cmdstat_{cmd}:calls=");
    text.lines()
        .find_map(|l| l.strip_prefix(&key))
        .and_then(|r| r.split(',').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn bench_json(dir: &std::path::Path, url: &str, args: &[&str]) -> (Option<i32>, Value, String) {
    let out = redkit(dir)
        .args(["-u", url, "bench", "--format", "json"])
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let doc = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code(), doc, stderr(&out))
}

#[test]
fn server_executes_exactly_what_is_reported() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let (set0, get0, mset0) = (calls(&s, "set"), calls(&s, "get"), calls(&s, "mset"));
    let (code, doc, err) = bench_json(
        dir.path(),
        &s.url(),
        &[
            "-w",
            "set",
            "-w",
            "get",
            "-w",
            "mset",
            "-n",
            "5003",
            "-c",
            "7",
            "-P",
            "4",
            "--batch",
            "5",
            "--keep-keys",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let w = doc["workloads"].as_array().unwrap();
    assert_eq!(w.len(), 3);
    assert_eq!(w[0]["ops"], 5003);
    assert_eq!(w[0]["commands_sent"], 5003);
    assert_eq!(calls(&s, "set") - set0, 5003);
    assert_eq!(calls(&s, "get") - get0, 5003);
    assert_eq!(calls(&s, "mset") - mset0, 5003);
    assert_eq!(w[0]["server_calls"][0], 5003);
    assert_eq!(
        w[2]["keys_per_sec"].as_f64().unwrap(),
        w[2]["ops_per_sec"].as_f64().unwrap() * 5.0
    );
    for k in ["p50", "p90", "p99", "p999", "max"] {
        assert!(doc["latency_us"][k].as_u64().unwrap() > 0, "{k}");
    }
    assert!(doc["ops_per_sec"].as_f64().unwrap() > 0.0);
    assert!(doc["latency_us"]["p50"].as_u64() <= doc["latency_us"]["p99"].as_u64());
    // Every key written is under the prefix.
    let keys = s.cli(&["--scan"]);
    assert!(keys.lines().all(|k| k.starts_with("bench:")), "{keys}");
}

#[test]
fn every_workload_runs_and_errors_are_counted_by_kind() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let all = [
        "ping", "set", "get", "mixed", "incr", "mset", "mget", "hset", "hgetall", "lpush", "rpop",
        "xadd", "xread",
    ];
    let mut args: Vec<&str> = vec!["-n", "300", "-c", "5", "--timeline"];
    for w in all {
        args.extend(["-w", w]);
    }
    let (code, doc, err) = bench_json(dir.path(), &s.url(), &args);
    assert_eq!(code, Some(0), "{err}");
    let w = doc["workloads"].as_array().unwrap();
    assert_eq!(w.len(), all.len());
    for r in w {
        assert_eq!(r["ops"], 300, "{r}");
        assert_eq!(r["errors"], serde_json::json!({}), "{r}");
        assert!(r["timeline"].as_array().is_some());
    }
    assert_eq!(calls(&s, "xadd"), 300);
    let stream = s.cli(&["XREVRANGE", "bench:job_events:1", "+", "-", "COUNT", "1"]);
    assert!(stream.contains("event_type") || s.cli(&["EXISTS", "bench:job_events:1"]) == "0");

    // A command against the wrong type is an error of its kind, not a crash.
    s.cli(&["SET", "bench:wrong", "x"]);
    let (code, doc, err) = bench_json(
        dir.path(),
        &s.url(),
        &[
            "-n",
            "50",
            "-c",
            "2",
            "-w",
            "custom",
            "--yes",
            "--",
            "LPUSH",
            "bench:wrong",
            "{value}",
        ],
    );
    // Counted by kind; and as every request failed, the run is a problem (exit 1).
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(doc["workloads"][0]["errors"]["WRONGTYPE"], 50);
}

#[test]
fn open_loop_rate_is_held() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let (code, doc, err) = bench_json(
        dir.path(),
        &s.url(),
        &[
            "-w",
            "get",
            "--rate",
            "2000",
            "--duration",
            "2s",
            "-c",
            "10",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let ops = doc["workloads"][0]["ops"].as_f64().unwrap();
    // 2 s at 2000/s: within a few percent of 4000.
    assert!((3800.0..=4200.0).contains(&ops), "ops {ops}");
    assert!(started.elapsed() >= Duration::from_secs(2));
}

#[test]
fn cluster_masters_all_get_their_share() {
    let c = Cluster::start(3, 0);
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path())
        .args([
            "--cluster",
            "-u",
            &c.seed_url(),
            "bench",
            "--format",
            "json",
            "-w",
            "set",
            "-w",
            "mget",
            "-n",
            "3000",
            "-c",
            "6",
            "-P",
            "8",
        ])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let w = &doc["workloads"][0];
    assert_eq!(w["ops"], 3000);
    assert_eq!(w["errors"], serde_json::json!({}), "no MOVED or CROSSSLOT");
    let shares: Vec<u64> = w["server_calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(shares.len(), 3);
    assert_eq!(shares.iter().sum::<u64>(), 3000);
    assert!(shares.iter().all(|n| *n > 600), "{shares:?}");
    assert_eq!(doc["workloads"][1]["errors"], serde_json::json!({}));
}

#[test]
fn baselines_save_and_compare() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = bench_json(
        dir.path(),
        &s.url(),
        &["-w", "get", "-n", "2000", "-c", "4", "--save", "base.json"],
    );
    assert_eq!(code, Some(0), "{err}");
    let mut base: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("base.json")).unwrap())
            .unwrap();
    // Same machine, a limit no shared machine's noise reaches: no regression.
    let (code, doc, err) = bench_json(
        dir.path(),
        &s.url(),
        &["--compare", "base.json", "--max-regression", "100000"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["comparison"][0]["workload"], "get");
    // The baseline's parameters were reused, with three runs (one has no measured noise),
    // each at least --min-run (2 s) long: the 2000 requests were raised.
    assert_eq!(doc["parameters"]["runs"], 3, "{}", doc["parameters"]);
    assert_eq!(
        doc["parameters"]["min_run_ms"], 2000,
        "{}",
        doc["parameters"]
    );
    assert_eq!(doc["workloads"][0]["min_run_raised"], true);
    assert!(doc["workloads"][0]["ops"].as_u64().unwrap() > 6000, "{doc}");
    assert_eq!(doc["workloads"][0]["samples"].as_array().unwrap().len(), 3);
    assert!(doc["workloads"][0]["elapsed_s"].as_f64().unwrap() >= 6.0);
    // A baseline 100x faster than anything here, while waiting for a CPU a second per
    // command (a busier machine cannot explain the drop): a regression, exit 1.
    base["workloads"][0]["ops_per_sec"] = serde_json::json!(1.0e9);
    let run = &mut base["workloads"][0]["samples"][0];
    for v in run["ops_per_sec"].as_array_mut().unwrap() {
        *v = serde_json::json!(v.as_f64().unwrap() * 100.0);
    }
    run["cpu_wait_us_per_op"] = serde_json::json!(1.0e6);
    // And on an idle machine: no busier than the new runs, whatever the load here.
    run["client_wait_pct"] = serde_json::json!(0.0);
    std::fs::write(dir.path().join("fast.json"), base.to_string()).unwrap();
    let (code, doc, _) = bench_json(dir.path(), &s.url(), &["--compare", "fast.json"]);
    assert_eq!(code, Some(1));
    assert_eq!(doc["comparison"][0]["regression"], true);
    assert_eq!(doc["comparison"][0]["verdict_code"], "regression");
    assert_eq!(doc["verdict"], "regression");
    // A baseline saved before interval samples existed: judged by the runs' spread, as then.
    base["workloads"][0]["samples"] = serde_json::json!([]);
    std::fs::write(dir.path().join("old.json"), base.to_string()).unwrap();
    let (code, doc, _) = bench_json(
        dir.path(),
        &s.url(),
        &["--compare", "old.json", "--min-run", "200ms"],
    );
    assert_eq!(code, Some(1));
    assert!(
        doc["comparison"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("no interval samples"),
        "{doc}"
    );
    // A file that is not a report: exit 2 naming it.
    std::fs::write(dir.path().join("junk.json"), "{\"x\": 1}").unwrap();
    let (code, _, err) = bench_json(dir.path(), &s.url(), &["--compare", "junk.json"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("junk.json"), "{err}");
}

#[test]
fn keys_are_removed_by_default_and_kept_on_request() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let (code, doc, err) = bench_json(
        dir.path(),
        &s.url(),
        &["-w", "set", "-n", "500", "--keyspace", "100"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(doc["cleaned_up"].as_u64().unwrap() > 0);
    assert_eq!(s.cli(&["DBSIZE"]), "0");
    let (code, doc, err) = bench_json(
        dir.path(),
        &s.url(),
        &["-w", "set", "-n", "500", "--keyspace", "100", "--keep-keys"],
    );
    assert_eq!(code, Some(0), "{err}");
    // Present and null: nothing was removed.
    assert_eq!(doc.get("cleaned_up"), Some(&Value::Null), "{doc}");
    let kept: u64 = s.cli(&["DBSIZE"]).parse().unwrap();
    assert!(kept > 0);
    // A read-only run leaves what is there alone.
    let (code, _, err) = bench_json(dir.path(), &s.url(), &["-w", "get", "-n", "200"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(s.cli(&["DBSIZE"]), kept.to_string());
}

#[test]
fn a_database_with_other_keys_is_not_written_without_yes() {
    let s = RedisServer::start();
    s.cli(&["SET", "app:key", "1"]);
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = bench_json(dir.path(), &s.url(), &["-w", "set", "-n", "500"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("app:key") && err.contains("--yes"), "{err}");
    assert_eq!(calls(&s, "set"), 1, "nothing written");
    assert_eq!(s.cli(&["DBSIZE"]), "1");
    // Reading is fine without asking.
    let (code, _, err) = bench_json(dir.path(), &s.url(), &["-w", "get", "-n", "200"]);
    assert_eq!(code, Some(0), "{err}");
    // With --yes (or -y) it writes, then removes only its own keys.
    for yes in ["--yes", "-y"] {
        let (code, doc, err) = bench_json(
            dir.path(),
            &s.url(),
            &["-w", "set", "-n", "500", "--keyspace", "100", yes],
        );
        assert_eq!(code, Some(0), "{err}");
        assert!(doc["cleaned_up"].as_u64().unwrap() > 0);
        assert_eq!(s.cli(&["DBSIZE"]), "1");
    }
}

/// A baseline of another server is compared all the same, with a warning naming both (even
/// under -q: the two sides are not one server's).
#[test]
fn a_baseline_of_another_server_is_named() {
    let (a, b) = (RedisServer::start(), RedisServer::start());
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = bench_json(
        dir.path(),
        &a.url(),
        &[
            "-w",
            "ping",
            "-n",
            "200",
            "--min-run",
            "0s",
            "--save",
            "b.json",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let out = redkit(dir.path())
        .args([
            "-q",
            "-u",
            &b.url(),
            "bench",
            "--compare",
            "b.json",
            "--min-run",
            "0s",
        ])
        .args(["--runs", "1"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(
        err.contains(&format!("the baseline was measured on {}", a.addr()))
            && err.contains(&format!("this run on {}", b.addr())),
        "{err}"
    );
}

/// Keys already under the prefix are not the run's: it would overwrite them and its cleanup
/// remove every key under the prefix (review-25 F9), so it asks as for other keys.
#[test]
fn keys_already_under_the_prefix_are_not_overwritten_or_removed_without_yes() {
    let s = RedisServer::start();
    for k in ["app:user:1", "app:user:2", "app:session:9"] {
        s.cli(&["SET", k, "precious"]);
    }
    let dir = tempfile::tempdir().unwrap();
    for w in ["set", "mixed"] {
        let (code, _, err) = bench_json(
            dir.path(),
            &s.url(),
            &["-w", w, "-n", "100", "--key-prefix", "app:"],
        );
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains(&format!(
                "{} db 0 already holds 3 keys under 'app:'",
                s.addr()
            )) && err.contains("--yes"),
            "{err}"
        );
    }
    // The legacy --cleanup on a read-only run removes keys too: asked as well.
    let (code, _, err) = bench_json(
        dir.path(),
        &s.url(),
        &[
            "-w",
            "get",
            "-n",
            "100",
            "--key-prefix",
            "app:",
            "--cleanup",
        ],
    );
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(calls(&s, "set"), 3, "nothing written");
    assert_eq!(s.cli(&["DBSIZE"]), "3");
    assert_eq!(s.cli(&["GET", "app:user:1"]), "precious");
    // Reading them needs no question and leaves them.
    let (code, _, err) = bench_json(
        dir.path(),
        &s.url(),
        &["-w", "get", "-n", "100", "--key-prefix", "app:"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(s.cli(&["DBSIZE"]), "3");
    // The database is named (the refusal is about db 5, not the server), and one key is one.
    s.cli(&["-n", "5", "SET", "app:only", "precious"]);
    let url5 = format!("{}/5", s.url());
    let (code, _, err) = bench_json(
        dir.path(),
        &url5,
        &["-w", "set", "-n", "100", "--key-prefix", "app:"],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "{} db 5 already holds 1 key under 'app:'",
            s.addr()
        )),
        "{err}"
    );
    assert_eq!(s.cli(&["-n", "5", "GET", "app:only"]), "precious");
}

#[test]
fn bad_sizes_and_prefixes_are_refused_before_anything_is_sent() {
    let s = RedisServer::start();
    s.cli(&["XADD", "job_events:0", "*", "data", "{}"]);
    let dir = tempfile::tempdir().unwrap();
    let cases: [&[&str]; 6] = [
        &["-w", "mset", "--batch", "1000000000"],
        &["-w", "set", "-d", "100000000000"],
        &["-w", "mset", "--batch", "100000", "-d", "1000", "-c", "100"],
        &["-w", "xadd", "--key-prefix", "", "--cleanup", "--yes"],
        &["-w", "set", "--key-prefix", "", "--yes"],
        &["-w", "get", "--key-prefix", "", "--cleanup"],
    ];
    for args in cases {
        let before = s.cli(&["INFO", "commandstats"]);
        let (code, _, err) = bench_json(dir.path(), &s.url(), args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains("--"), "{args:?} names the flag: {err}");
        let after = s.cli(&["INFO", "commandstats"]);
        let count = |t: &str, c: &str| t.lines().filter(|l| l.starts_with(c)).count();
        for cmd in [
            "cmdstat_set:",
            "cmdstat_mset:",
            "cmdstat_xadd:",
            "cmdstat_unlink:",
            "cmdstat_scan:",
        ] {
            assert_eq!(
                count(&before, cmd),
                count(&after, cmd),
                "{args:?} sent {cmd}"
            );
        }
    }
    assert_eq!(s.cli(&["XLEN", "job_events:0"]), "1");
    // A read-only workload may do without a prefix.
    let (code, _, err) = bench_json(
        dir.path(),
        &s.url(),
        &["-w", "get", "--key-prefix", "", "-n", "100"],
    );
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_slow_rate_stops_at_the_duration_and_on_ctrl_c() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    // 1 request/s over 20 clients: each client is due every 20 s. The run still ends at 2 s
    // (the command limit of 15 s would catch the old 20 s overrun).
    let out = redkit(dir.path())
        .args(["-u", &s.url(), "bench", "--format", "json", "-w", "get"])
        .args(["--rate", "1", "--duration", "2s", "-c", "20"])
        .timeout(Duration::from_secs(15))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ops = doc["workloads"][0]["ops"].as_u64().unwrap();
    assert!((1..=3).contains(&ops), "ops {ops}");

    // Clients sleeping 50 s until their next request wake on Ctrl-C.
    let mut child = spawn_redkit(
        dir.path(),
        &[
            "-u",
            &s.url(),
            "bench",
            "--format",
            "json",
            "-w",
            "get",
            "--rate",
            "0.1",
            "--duration",
            "60s",
            "-c",
            "5",
            "--save",
            "interrupted.json",
        ],
    );
    // The 5 clients (and redkit's own connection): the run has started.
    crate::support::wait_until("bench to connect", Duration::from_secs(20), || {
        s.info_num("connected_clients") > 6
    });
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let mut ended = false;
    for _ in 0..150 {
        if child.try_wait().unwrap().is_some() {
            ended = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    if !ended {
        let _ = child.kill();
    }
    let out = child.wait_with_output().unwrap();
    assert!(ended, "still running 15 s after Ctrl-C: {}", stderr(&out));
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["interrupted"], true);
    // An interrupted run is no baseline (review-25 F8): not saved, and said so.
    assert!(!dir.path().join("interrupted.json").exists());
    assert!(
        stderr(&out).contains("not saved interrupted.json: the run was interrupted"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_server_that_dies_ends_the_run_with_a_partial_report() {
    let mut s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let child = spawn_redkit(
        dir.path(),
        &[
            "-u",
            &s.url(),
            "--timeout",
            "2s",
            "bench",
            "--format",
            "json",
            "-w",
            "set",
            "--duration",
            "30s",
            "-c",
            "4",
        ],
    );
    crate::support::wait_until("bench to send load", Duration::from_secs(20), || {
        s.info_num("total_commands_processed") > 1000
    });
    let addr = format!("127.0.0.1:{}", s.port);
    s.kill();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("partial"), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["workloads"][0]["ops"].as_u64().unwrap() > 0);
    // Its keys could not be removed: the report and stderr say which, and where.
    assert_eq!(doc["cleaned_up"], 0, "{doc}");
    let left = doc["left_after_cleanup"].as_array().unwrap();
    assert_eq!(left.len(), 1, "{doc}");
    let left = left[0].as_str().unwrap();
    assert!(
        left.starts_with("bench:* ") && left.contains(&addr),
        "{left}"
    );
    assert!(
        stderr(&out).contains(&format!("the cleanup left keys behind: {left}")),
        "{}",
        stderr(&out)
    );
}

/// A run whose connections are dropped (CLIENT KILL) ends with its partial report, exit 3,
/// and its cleanup reconnects and removes every key it wrote.
#[test]
fn dropped_connections_still_clean_up() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let child = spawn_redkit(
        dir.path(),
        &[
            "-u",
            &s.url(),
            "bench",
            "--format",
            "json",
            "-w",
            "set",
            "--keyspace",
            "100000",
            "--duration",
            "30s",
            "-c",
            "4",
        ],
    );
    crate::support::wait_until("bench to write keys", Duration::from_secs(20), || {
        s.cli(&["DBSIZE"]).parse::<u64>().unwrap_or(0) > 1000
    });
    s.cli(&["CLIENT", "KILL", "TYPE", "normal"]);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("partial"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("left keys"), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["cleaned_up"].as_u64().unwrap() > 1000, "{doc}");
    assert_eq!(doc["left_after_cleanup"], serde_json::json!([]), "{doc}");
    assert_eq!(s.cli(&["DBSIZE"]), "0");
}

#[test]
fn bench_never_prints_the_password() {
    let s = RedisServer::builder().password(LEAK_SECRET).start();
    let dir = tempfile::tempdir().unwrap();
    for pw in [LEAK_SECRET, "wrong-password-value"] {
        let out = redkit(dir.path())
            .args(["-u", &s.url(), "bench", "-n", "100", "-c", "2"])
            .env("REDIS_PASSWORD", pw)
            .output()
            .unwrap();
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            !all.contains(LEAK_SECRET) && !all.contains("wrong-password-value"),
            "{all}"
        );
        if pw != LEAK_SECRET {
            assert_eq!(out.status.code(), Some(3));
            assert!(all.contains("authentication failed"), "{all}");
        } else {
            assert_eq!(out.status.code(), Some(0), "{all}");
        }
    }
}

#[test]
fn tls_servers_are_benchmarked_over_tls() {
    let s = RedisServer::builder().tls().start();
    let ca = s.tls.as_ref().unwrap().ca.display().to_string();
    let dir = tempfile::tempdir().unwrap();
    let before = calls(&s, "set");
    let (code, doc, err) = bench_json(
        dir.path(),
        &s.url(),
        &["--cacert", &ca, "-w", "set", "-n", "1000", "-c", "4"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["workloads"][0]["ops"], 1000);
    assert_eq!(calls(&s, "set") - before, 1000);
    let (code, _, err) = bench_json(
        dir.path(),
        &s.url(),
        &["--insecure", "-w", "get", "-n", "100", "-c", "2"],
    );
    assert_eq!(code, Some(0), "{err}");
    // Without the CA the certificate is not trusted: exit 3, a TLS failure.
    let (code, _, err) = bench_json(dir.path(), &s.url(), &["-w", "get", "-n", "100"]);
    assert_eq!(code, Some(3));
    assert!(err.contains("TLS failure"), "{err}");
}

#[test]
fn ctrl_c_ends_the_run_with_the_report_so_far() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let child = spawn_redkit(
        dir.path(),
        &[
            "-u",
            &s.url(),
            "bench",
            "--format",
            "json",
            "-w",
            "get",
            "-w",
            "set",
            "--duration",
            "60s",
            "-c",
            "4",
        ],
    );
    crate::support::wait_until("bench to send load", Duration::from_secs(20), || {
        s.info_num("total_commands_processed") > 1000
    });
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["interrupted"], true);
    assert_eq!(
        doc["workloads"].as_array().unwrap().len(),
        1,
        "set never started"
    );
    assert!(doc["workloads"][0]["ops"].as_u64().unwrap() > 0);
}

#[test]
fn slo_gates_on_absolute_goals() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let (code, doc, err) = bench_json(
        dir.path(),
        &s.url(),
        &[
            "-w",
            "get",
            "-n",
            "500",
            "-c",
            "2",
            "--slo",
            "p99<10s,ops>1,errors<=0",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["slo"].as_array().unwrap().len(), 3);
    assert!(
        doc["slo"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["met"] == true)
    );
    let out = redkit(dir.path())
        .args(["-u", &s.url(), "bench", "-w", "get", "-n", "500", "-c", "2"])
        .args(["--slo", "ops>1000000000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("MISSED"), "{}", stdout(&out));
    // A goal that cannot be read is a usage error before anything is sent.
    let before = calls(&s, "get");
    let (code, _, err) = bench_json(dir.path(), &s.url(), &["-w", "get", "--slo", "p99<2"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--slo 'p99<2'"), "{err}");
    assert_eq!(calls(&s, "get"), before);
}

/// The raw connections (bench, stream export) authenticate with one HELLO that also names
/// them `redkit`; a server without HELLO (before Redis 6, or renamed away) gets AUTH instead,
/// and a wrong password is named on both.
#[test]
fn raw_connections_say_hello_and_fall_back_to_auth() {
    let dir = tempfile::tempdir().unwrap();
    for hello in [true, false] {
        let mut b = RedisServer::builder().password("hello-pw-1234");
        if !hello {
            b = b.arg("rename-command HELLO \"\"");
        }
        let s = b.start();
        let url = format!("redis://:hello-pw-1234@127.0.0.1:{}/2", s.port);
        let (code, doc, err) = bench_json(
            dir.path(),
            &url,
            &["--requests", "2000", "--clients", "3", "--yes"],
        );
        assert_eq!(code, Some(0), "{err}");
        assert!(doc.is_object(), "a report: {doc}");
        // (AUTH is counted too, but redis-cli and redkit's redis-rs connection send it.)
        let hellos = calls(&s, "hello");
        if hello {
            assert!(hellos >= 3, "one HELLO per client, got {hellos}");
        } else {
            assert_eq!(hellos, 0, "the run went on without HELLO");
        }
        // A wrong password is an authentication failure either way, exit 3.
        let bad = format!("redis://:wrong-pw@127.0.0.1:{}", s.port);
        let (code, _, err) = bench_json(dir.path(), &bad, &["--requests", "10", "--yes"]);
        assert_eq!(code, Some(3), "{err}");
        assert!(err.contains("authentication failed"), "{err}");
    }
    // The name shows in CLIENT LIST while a run is connected.
    let s = RedisServer::start();
    let mut child = spawn_redkit(
        dir.path(),
        &[
            "-u",
            &s.url(),
            "bench",
            "--duration",
            "3s",
            "--clients",
            "2",
            "--yes",
            "-q",
        ],
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while !s.cli(&["CLIENT", "LIST"]).contains("name=redkit ") {
        assert!(Instant::now() < deadline, "{}", s.cli(&["CLIENT", "LIST"]));
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A workload whose every request failed measured nothing: exit 1 and a line naming it and
/// the server's error codes (a run with some errors still reports them by kind, exit 0).
#[test]
fn a_workload_that_only_failed_is_a_problem() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let (code, doc, err) = bench_json(
        dir.path(),
        &s.url(),
        &[
            "-n",
            "20",
            "-c",
            "2",
            "-w",
            "custom",
            "--",
            "NOSUCHCOMMAND",
            "{key}",
        ],
    );
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(doc["workloads"][0]["errors"]["ERR"], 20, "{doc}");
    assert!(err.contains("every request failed (ERR:20)"), "{err}");
    // Under -q too: not silent.
    let out = redkit(dir.path())
        .args([
            "-u",
            &s.url(),
            "-q",
            "bench",
            "-n",
            "20",
            "-c",
            "2",
            "-w",
            "custom",
            "--",
        ])
        .args(["NOSUCHCOMMAND", "{key}"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("every request failed"),
        "{}",
        stderr(&out)
    );
}

/// A custom command on a cluster goes to the master of the key it names (`agent:cache:{key}`,
/// not the generated key inside it); routed by the wrong word, MOVED replies above
/// --max-errors make the run exit 1 naming them, under -q too.
#[test]
fn custom_commands_on_a_cluster_go_to_their_keys_master() {
    let c = Cluster::start(3, 0);
    let dir = tempfile::tempdir().unwrap();
    let bench = |extra: &[&str], cmd: &[&str]| {
        crate::support::run(dir.path())
            .args(["--cluster", "-u", &c.seed_url(), "bench", "-w", "custom"])
            // The custom keys are outside --key-prefix: the second run must not ask.
            .args(["-n", "3000", "-c", "6", "-P", "8", "--yes"])
            .args(extra)
            .args(["--"])
            .args(cmd)
            .output()
    };
    let ran = bench(
        &["--format", "json"],
        &["SET", "agent:cache:{key}", "{value}"],
    );
    assert_eq!(ran.code, Some(0), "{ran}");
    let w = &ran.json()["workloads"][0];
    assert_eq!(w["errors"], serde_json::json!({}), "no MOVED\n{ran}");
    let shares: Vec<u64> = w["server_calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(shares.iter().sum::<u64>(), 3000, "{ran}");
    assert!(
        shares.iter().all(|n| *n > 600),
        "every master its share: {shares:?}"
    );
    // Its keys (agent:cache:bench:N) are outside --key-prefix: the cleanup removes them too,
    // and says so.
    assert_eq!(ran.json()["cleaned_also"], "agent:cache:bench:*", "{ran}");
    assert!(ran.json()["cleaned_up"].as_u64().unwrap() > 0, "{ran}");
    assert_eq!(c.dbsize(), 0, "the custom command's keys are removed");
    let ran = bench(&[], &["SET", "agent:cache:{key}:v", "{value}"]);
    assert_eq!(ran.code, Some(0), "{ran}");
    assert!(
        ran.stdout
            .contains("keys under bench: and matching agent:cache:bench:*:v"),
        "{ran}"
    );
    assert_eq!(c.dbsize(), 0);
    // --keep-keys leaves them, and the report names where they are.
    let ran = bench(&["--keep-keys"], &["SET", "agent:cache:{key}", "{value}"]);
    assert_eq!(ran.code, Some(0), "{ran}");
    assert!(
        ran.stdout
            .contains("the custom command's keys outside bench: were left: agent:cache:bench:*"),
        "{ran}"
    );
    assert!(c.dbsize() > 0);
    // A command that names no {key} writes keys no glob can tell from the application's: the
    // report says they were left.
    let ran = bench(&[], &["XADD", "job_events:{rand}", "*", "data", "{value}"]);
    assert_eq!(ran.code, Some(0), "{ran}");
    assert!(
        ran.stdout.contains("were left: XADD job_events:{rand}\n"),
        "{ran}"
    );
    for n in &c.nodes {
        n.cli(&["FLUSHALL"]);
    }
    // The key found by the server for a command whose key is not the first word.
    let ran = bench(
        &["--format", "json"],
        &["OBJECT", "ENCODING", "agent:cache:{key}"],
    );
    assert_eq!(ran.code, Some(0), "{ran}");

    // Routed by the value: most requests land on a master that does not own the key.
    let ran = bench(
        &["-q", "--key-index", "2"],
        &["SET", "agent:cache:{key}", "v{rand}"],
    );
    assert_eq!(ran.code, Some(1), "{ran}");
    assert!(ran.stderr.contains("MOVED:"), "{ran}");
    assert!(ran.stderr.contains("--max-errors 0.1%"), "{ran}");
    // A budget that allows them makes the run a success again.
    let ran = bench(
        &["-q", "--key-index", "2", "--max-errors", "100"],
        &["SET", "agent:cache:{key}", "v{rand}"],
    );
    assert_eq!(ran.code, Some(0), "{ran}");
    assert_eq!(ran.all(), "", "{ran}");
    let ran = bench(&["--key-index", "3"], &["SET", "agent:cache:{key}", "v"]);
    assert_eq!(ran.code, Some(2), "{ran}");
    assert_eq!(c.dbsize(), 0, "every run's keys are removed");
}

const REPORT_KEYS: &[&str] = &[
    "parameters",
    "server",
    "ops_per_sec",
    "latency_us",
    "workloads",
    "comparison",
    "max_regression_pct",
    "max_errors_pct",
    "cleaned_up",
    "cleaned_also",
    "left_outside_prefix",
    "interrupted",
    "slo",
    "verdict",
];
const WORKLOAD_KEYS: &[&str] = &[
    "workload",
    "ops",
    "commands_sent",
    "server_calls",
    "elapsed_s",
    "ops_per_sec",
    "keys_per_sec",
    "latency_us",
    "errors",
    "errors_pct",
    "timeline",
    "runs",
    "p99_median_us",
    "ops_spread_pct",
    "p99_spread_pct",
    "samples",
    "min_run_raised",
    "too_short",
];
const LATENCY_KEYS: &[&str] = &["p50", "p90", "p99", "p999", "max", "mean"];
const PARAM_KEYS: &[&str] = &[
    "workloads",
    "clients",
    "pipeline",
    "requests",
    "duration_ms",
    "data_size",
    "keyspace",
    "key_pattern",
    "key_prefix",
    "threads",
    "warmup_ms",
    "rate",
    "batch",
    "ratio",
    "custom",
    "key_index",
    "runs",
    "min_run_ms",
    "data_sizes",
    "value_kind",
    "ttl",
];

#[track_caller]
fn check_report(v: &Value) {
    crate::support::assert_keys(v, REPORT_KEYS, "bench report");
    crate::support::assert_keys(&v["parameters"], PARAM_KEYS, "parameters");
    crate::support::assert_keys(&v["server"], &["target", "version", "masters"], "server");
    crate::support::assert_keys(&v["latency_us"], LATENCY_KEYS, "latency_us");
    for w in v["workloads"].as_array().unwrap() {
        crate::support::assert_keys(w, WORKLOAD_KEYS, "workload");
        crate::support::assert_keys(&w["latency_us"], LATENCY_KEYS, "workload latency_us");
    }
    if let Some(c) = v["comparison"].as_array() {
        for x in c {
            crate::support::assert_keys(
                x,
                &[
                    "workload",
                    "old_ops_per_sec",
                    "new_ops_per_sec",
                    "ops_change_pct",
                    "old_p99_us",
                    "new_p99_us",
                    "p99_change_pct",
                    "ops_noise_pct",
                    "p99_noise_pct",
                    "verdict",
                    "verdict_code",
                    "reason",
                    "ops_stats",
                    "p99_stats",
                    "regression",
                ],
                "comparison",
            );
        }
    }
    if let Some(s) = v["slo"].as_array() {
        for x in s {
            crate::support::assert_keys(x, &["workload", "objective", "measured", "met"], "slo");
        }
    }
}

/// The bench report keeps every documented key whether or not the options that fill them
/// were given: a plain read-only run, and one with runs, a timeline, goals, a baseline.
#[test]
fn bench_json_report_always_has_its_keys() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let (code, v, err) = bench_json(dir.path(), &s.url(), &["-w", "get", "-n", "200", "-c", "2"]);
    assert_eq!(code, Some(0), "{err}");
    check_report(&v);
    assert_eq!(v["comparison"], Value::Null);
    assert_eq!(v["verdict"], Value::Null);
    assert_eq!(v["cleaned_up"], Value::Null);
    assert_eq!(v["slo"], Value::Null);
    assert_eq!(v["workloads"][0]["timeline"], Value::Null);
    assert_eq!(v["workloads"][0]["runs"], serde_json::json!([]));
    assert_eq!(v["workloads"][0]["p99_median_us"], Value::Null);
    let base = dir.path().join("base.json");
    let (code, v, err) = bench_json(
        dir.path(),
        &s.url(),
        &[
            "-w",
            "set",
            "-n",
            "200",
            "-c",
            "2",
            "--runs",
            "2",
            "--timeline",
            "--slo",
            "p99<10s",
            "--save",
            base.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    check_report(&v);
    assert!(v["cleaned_up"].is_u64());
    let (code, v, err) = bench_json(
        dir.path(),
        &s.url(),
        &[
            "--compare",
            base.to_str().unwrap(),
            "--max-regression",
            "1000",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    check_report(&v);
    assert!(v["comparison"].is_array());
}

/// `--compare` reruns the baseline's load: a shape flag beside it would be ignored, so it is a
/// usage error naming the flag (an operator adding `-w get` to make a cron line read-only
/// must not get the baseline's writes).
#[test]
fn compare_refuses_shape_flags_it_would_ignore() {
    let dir = tempfile::tempdir().unwrap();
    for extra in [
        &["-w", "get"][..],
        &["-c", "5"],
        &["-n", "100"],
        &["--duration", "1s"],
        &["-d", "10"],
        &["--key-prefix", "x:"],
        &["--rate", "100"],
        &["--", "GET", "{key}"],
    ] {
        let out = redkit(dir.path())
            .args([
                "-u",
                "redis://127.0.0.1:1",
                "bench",
                "--compare",
                "base.json",
            ])
            .args(extra)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("--compare"), "{extra:?}: {err}");
        assert_eq!(
            err.lines().filter(|l| l.starts_with("error")).count(),
            1,
            "{err}"
        );
    }
    // And the other way: --max-regression alone would do nothing (verify-25).
    for extra in [&[][..], &["--suite", "pool"]] {
        let out = redkit(dir.path())
            .args([
                "-u",
                "redis://127.0.0.1:1",
                "bench",
                "--max-regression",
                "5",
            ])
            .args(extra)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("--max-regression: only with --compare"),
            "{err}"
        );
    }
}

/// A read workload on an empty key space would measure nil replies the operator did not ask
/// for (verify-25): it says so and runs; fed by an earlier -w set, or with
/// keys under the prefix, it says nothing.
#[test]
fn reads_of_an_empty_key_space_are_named() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let warning = "no key under 'bench:': every reply of -w get will be nil";
    // A note: -q (cron) and a compare, which reruns what its baseline measured, say nothing.
    let (code, _, err) = bench_json(dir.path(), &s.url(), &["-w", "get", "-n", "50", "-q"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err, "", "quiet on success");
    let (code, doc, err) = bench_json(dir.path(), &s.url(), &["-w", "get", "-n", "50"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains(warning), "{err}");
    assert_eq!(doc["workloads"][0]["ops"], 50, "it still runs");
    let (code, _, err) = bench_json(
        dir.path(),
        &s.url(),
        &["-w", "set", "-w", "get", "-n", "50"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("no key under"), "{err}");
    s.cli(&["SET", "bench:0", "x"]);
    let (code, _, err) = bench_json(dir.path(), &s.url(), &["-w", "get", "-n", "50"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("no key under"), "{err}");
}

/// With one run on each side there is no spread of runs: the compare table says so, not
/// `0.0%/0.0%`, which reads as a perfectly quiet machine.
#[test]
fn a_compare_of_single_runs_shows_no_noise_figure() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = bench_json(
        dir.path(),
        &s.url(),
        &[
            "-w",
            "set",
            "-n",
            "200",
            "--min-run",
            "0s",
            "--save",
            "one.json",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let out = redkit(dir.path())
        .args([
            "-u",
            &s.url(),
            "bench",
            "--compare",
            "one.json",
            "--runs",
            "1",
        ])
        .args(["--min-run", "0s"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("one run"), "{text}");
    assert!(!text.contains("0.0%/0.0%"), "{text}");
}

/// A custom command that writes nothing (the server's own flags say so) left nothing: no
/// "keys were left" line, and the command line, which may hold a secret, is never echoed
/// (verify-25); a writing one without {key} is named by its name and key word only.
#[test]
fn keyless_custom_commands_leave_nothing_and_echo_no_secret() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    for cmd in [&["AUTH", "s3cretPW"][..], &["CONFIG", "GET", "maxmemory"]] {
        let out = redkit(dir.path())
            .args(["-u", &s.url(), "bench", "-w", "custom", "-n", "10", "--"])
            .args(cmd)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert!(!all.contains("were left"), "{cmd:?}: {all}");
        assert!(!all.contains("s3cretPW"), "{cmd:?}: {all}");
    }
    let out = redkit(dir.path())
        .args([
            "-u",
            &s.url(),
            "bench",
            "-w",
            "custom",
            "-n",
            "10",
            "--keep-keys",
            "--",
        ])
        .args(["XADD", "job_events:{rand}", "*", "data", "s3cretPW"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("were left: XADD job_events:{rand}\n"),
        "{text}"
    );
    assert!(!text.contains("s3cretPW"), "{text}");
}

/// The operator's --key-prefix is escaped before the terminal like any other text (verify-25).
#[test]
fn a_prefix_with_control_bytes_is_escaped_in_every_line() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    s.cli(&["SET", "app:1", "x"]);
    let prefix = "b\x1b[31m:";
    for extra in [&["--yes"][..], &[]] {
        let out = redkit(dir.path())
            .args([
                "-u",
                &s.url(),
                "bench",
                "-w",
                "set",
                "-n",
                "10",
                "--key-prefix",
                prefix,
            ])
            .args(extra)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert!(!all.contains('\x1b'), "{extra:?}: {all:?}");
        assert!(
            all.contains("b\\x1b[31m:") || all.contains("b\\e[31m:"),
            "{all:?}"
        );
    }
    // One key outside the prefix is "it", not "some".
    let out = redkit(dir.path())
        .args(["-u", &s.url(), "bench", "-w", "set", "-n", "10"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("holds 1 key, it is outside 'bench:'"),
        "{}",
        stderr(&out)
    );
}
