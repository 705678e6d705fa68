//! `redkit health` over time, against real servers: rates from the previous run's state file
//! (an eviction burst, a restart, two runs at once), `--interval`, latency events and command
//! percentiles, output buffers of a pub/sub client that does not read, maxmemory, full
//! resyncs, backlog coverage, cluster skew; and the wording and Prometheus names of issue 21.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::health::assert_prometheus;
use crate::support::{Cluster, RedisServer, run, spawn_redkit};

/// `redkit health ARGS --format json` in `dir` with `--state STATE`: exit code and report.
fn json_in(dir: &Path, state: &Path, args: &[&str]) -> (i32, Value) {
    let (code, out, err) = run(dir)
        .args(["health", "--format", "json", "--state"])
        .args([state.to_str().unwrap()])
        .args(args)
        .output()
        .parts();
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, v)
}

fn check<'a>(report: &'a Value, addr: &str, name: &str) -> &'a Value {
    report["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["addr"] == addr)
        .unwrap_or_else(|| panic!("no node {addr} in {report:#}"))["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no check {name} on {addr} in {report:#}"))
}

fn msg(c: &Value) -> &str {
    c["message"].as_str().unwrap_or_default()
}

/// Writes `n` values of `size` bytes through one pipelined redis-cli.
fn fill(s: &RedisServer, prefix: &str, n: usize, size: usize) {
    let v = "x".repeat(size);
    let lines: String = (0..n).map(|i| format!("SET {prefix}{i} {v}\n")).collect();
    s.cli_stdin(&[], lines.as_bytes());
}

#[test]
fn eviction_burst_warns_on_the_next_run_then_a_quiet_run_is_ok_and_a_restart_starts_over() {
    let s = RedisServer::builder()
        .arg("maxmemory 4mb")
        .arg("maxmemory-policy allkeys-lru")
        .start();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state/health.json");
    let url = s.url();
    let base = [
        "-u",
        url.as_str(),
        "--min-uptime",
        "0",
        "--check",
        "evictions,keyspace",
    ];

    let (code, r) = json_in(dir.path(), &state, &base);
    assert_eq!(code, 0, "{r:#}");
    let ev = check(&r, &s.addr(), "evictions");
    assert_eq!(ev["status"], "ok");
    assert!(msg(ev).starts_with("no previous sample"), "{ev:#}");
    assert!(ev["value"].is_null());
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    assert!(saved["nodes"][s.addr()]["run_id"].as_str().unwrap().len() == 40);

    // The burst: about 8 MB into a 4 MB cache evicts thousands of keys.
    fill(&s, "k", 8000, 1000);
    assert!(s.info_num("evicted_keys") > 0);
    let (code, r) = json_in(dir.path(), &state, &base);
    assert_eq!(code, 1, "{r:#}");
    let ev = check(&r, &s.addr(), "evictions");
    assert_eq!(ev["status"], "warning", "{ev:#}");
    assert!(ev["value"].as_f64().unwrap() > 0.0, "{ev:#}");
    assert!(msg(ev).contains("keys evicted in"), "{ev:#}");
    assert_eq!(ev["unit"], "/s");
    let summary = r["summary"].as_str().unwrap();
    assert!(summary.ends_with("; 1 node WARNING"), "{summary}");

    // A quiet interval: no new evictions.
    let (code, r) = json_in(dir.path(), &state, &base);
    assert_eq!(code, 0, "{r:#}");
    let ev = check(&r, &s.addr(), "evictions");
    assert_eq!(ev["status"], "ok", "{ev:#}");
    assert_eq!(ev["value"], 0.0);

    // The Nagios perfdata and Prometheus carry the rate.
    let (_, out, _) = run(dir.path())
        .args([
            "health",
            "-u",
            &url,
            "--check",
            "evictions",
            "--format",
            "nagios",
        ])
        .args(["--state", state.to_str().unwrap()])
        .output()
        .parts();
    assert!(out.contains("'evicted_keys_per_second'=0;0;;0;"), "{out}");
    let (_, out, _) = run(dir.path())
        .args(["health", "-u", &url, "--format", "prometheus"])
        .args(["--state", state.to_str().unwrap()])
        .output()
        .parts();
    assert!(out.contains("redkit_evicted_keys_per_second{"), "{out}");
    assert_prometheus(&out);

    // A restart: the counters started over, and the check says so instead of a rate.
    let mut s = s;
    s.restart();
    let (code, r) = json_in(dir.path(), &state, &base);
    assert_eq!(code, 0, "{r:#}");
    let ev = check(&r, &s.addr(), "evictions");
    assert!(
        msg(ev).contains("restarted since the previous sample"),
        "{ev:#}"
    );
    assert!(msg(ev).contains("run id changed"), "{ev:#}");
}

#[test]
fn hit_ratio_is_judged_over_the_interval_once_there_is_a_sample() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("h.json");
    s.cli(&["SET", "a", "1"]);
    for _ in 0..50 {
        s.cli(&["GET", "a"]);
    }
    let url = s.url();
    let args = [
        "-u",
        url.as_str(),
        "--check",
        "keyspace",
        "--warn-hit-ratio",
        "90:",
    ];
    let (code, r) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 0, "lifetime ratio 100%: {r:#}");
    // Today's collapse: misses only. The lifetime ratio is still high; the interval's is 0.
    for _ in 0..20 {
        s.cli(&["GET", "nope"]);
    }
    let (code, r) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 1, "{r:#}");
    let k = check(&r, &s.addr(), "keyspace");
    assert_eq!(k["value"], 0.0, "{k:#}");
    assert!(msg(k).contains("over the last"), "{k:#}");
    assert!(
        msg(k).ends_with(": 0% (0 hits, 20 misses); judged over the interval"),
        "{k:#}"
    );
    // Each figure once: the lifetime one named as such.
    assert_eq!(msg(k).matches("hit ratio").count(), 1, "{k:#}");
    assert!(msg(k).contains("hit ratio since start 71.4%"), "{k:#}");
    // A quiet interval: no lookups, no ratio to judge; the low lifetime ratio (50 of 70)
    // does not take its place.
    let (code, r) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 0, "{r:#}");
    let k = check(&r, &s.addr(), "keyspace");
    assert_eq!(k["status"], "ok", "{k:#}");
    assert!(msg(k).contains("; no lookups in the last "), "{k:#}");
    assert!(msg(k).ends_with(" (not judged)"), "{k:#}");
}

#[test]
fn two_runs_at_once_leave_a_valid_state_file_with_both_servers() {
    let a = RedisServer::start();
    let b = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("shared.json");
    for _ in 0..3 {
        let mut kids: Vec<_> = [&a, &b, &a, &b]
            .iter()
            .map(|s| {
                spawn_redkit(
                    dir.path(),
                    &[
                        "health",
                        "-u",
                        &s.url(),
                        "--state",
                        state.to_str().unwrap(),
                        "--check",
                        "evictions",
                    ],
                )
            })
            .collect();
        for k in &mut kids {
            let st = k.wait().unwrap();
            assert!(st.code().is_some_and(|c| c <= 1), "{st:?}");
        }
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap())
            .expect("the state file stays valid JSON");
        assert!(v["nodes"][a.addr()]["at"].as_f64().is_some(), "{v:#}");
        assert!(v["nodes"][b.addr()]["at"].as_f64().is_some(), "{v:#}");
    }
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn default_state_file_is_under_xdg_state_home_and_interval_needs_none() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let xdg = dir.path().join("xdg");
    let (code, _, err) = run(dir.path())
        .env("XDG_STATE_HOME", &xdg)
        .args(["health", "-u", &s.url(), "--check", "evictions"])
        .output()
        .parts();
    assert_eq!(code, 0, "{err}");
    assert!(xdg.join("redkit/health.json").is_file());
    // Without XDG_STATE_HOME: ~/.local/state (HOME is the test folder).
    let (code, _, _) = run(dir.path())
        .args(["health", "-u", &s.url(), "--check", "evictions"])
        .output()
        .parts();
    assert_eq!(code, 0);
    assert!(dir.path().join(".local/state/redkit/health.json").is_file());

    // --interval: two samples in one run, no file read or written.
    let other = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let (code, out, err) = run(other.path())
        .args(["health", "-u", &s.url(), "--check", "evictions,expired"])
        .args(["--interval", "700ms", "--format", "json"])
        .output()
        .parts();
    assert_eq!(code, 0, "{err}");
    assert!(started.elapsed() >= Duration::from_millis(700));
    let r: Value = serde_json::from_str(&out).unwrap();
    let ev = check(&r, &s.addr(), "evictions");
    assert_eq!(ev["value"], 0.0, "{ev:#}");
    assert!(msg(ev).contains("0 keys evicted in 7"), "{ev:#}");
    // The run's duration covers both samples and the wait between them.
    assert!(r["duration_ms"].as_f64().unwrap() >= 700.0, "{r:#}");
    assert!(!other.path().join(".local").exists());

    // A damaged state file (one cut short by a full disk) is said once on stderr; the run goes
    // on and rewrites it.
    let bad = dir.path().join("bad.json");
    let good = std::fs::read_to_string(dir.path().join(".local/state/redkit/health.json")).unwrap();
    std::fs::write(&bad, &good[..good.len() / 2]).unwrap();
    let (code, _, err) = run(dir.path())
        .args(["health", "-u", &s.url(), "--check", "evictions"])
        .args(["--state", bad.to_str().unwrap()])
        .output()
        .parts();
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("not a health state file"), "{err}");
    assert_eq!(err.matches("not a health state file").count(), 1, "{err}");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&bad).unwrap()).unwrap();
    assert_eq!(v["version"], 1);

    // A file that is not a state file at all (a config one completion away from --config) is
    // never written over, run after run: a warning names it and the rates are not judged.
    let conf = dir.path().join("myconf.yaml");
    let yaml = "health:\n  warn_memory: 75\n";
    std::fs::write(&conf, yaml).unwrap();
    for _ in 0..2 {
        let (code, out, err) = run(dir.path())
            .args([
                "health",
                "-u",
                &s.url(),
                "--check",
                "evictions",
                "--format",
                "json",
            ])
            .args(["--state", conf.to_str().unwrap()])
            .output()
            .parts();
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains("myconf.yaml: not a health state file")
                && err.contains("left untouched")
                && err.contains("not judged"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&conf).unwrap(), yaml);
        let r: Value = serde_json::from_str(&out).unwrap();
        let ev = check(&r, &s.addr(), "evictions");
        assert_eq!(ev["status"], "ok", "{ev:#}");
        assert!(ev["value"].is_null(), "{ev:#}");
    }
    assert!(!dir.path().join("myconf.yaml.lock").exists());
}

#[test]
fn latency_events_since_the_previous_run_and_slow_commands_are_named() {
    let s = RedisServer::builder()
        .arg("latency-monitor-threshold 50")
        .arg("enable-debug-command local")
        .start();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("h.json");
    let url = s.url();
    let base = ["-u", url.as_str(), "--check", "latency"];
    let (code, r) = json_in(dir.path(), &state, &base);
    assert_eq!(code, 0, "{r:#}");
    // The sample's time has whole-second resolution on the server's side: step past it.
    std::thread::sleep(Duration::from_millis(1100));
    s.cli(&["DEBUG", "SLEEP", "0.3"]);
    let (code, r) = json_in(
        dir.path(),
        &state,
        &[&base[..], &["--warn-command-p99", "none"]].concat(),
    );
    assert_eq!(code, 1, "{r:#}");
    let l = check(&r, &s.addr(), "latency");
    assert_eq!(l["status"], "warning", "{l:#}");
    assert!(
        msg(l).contains("latency events since the previous run: command 3"),
        "{l:#}"
    );
    // Nothing new since: OK again.
    let (code, r) = json_in(
        dir.path(),
        &state,
        &[&base[..], &["--warn-command-p99", "none"]].concat(),
    );
    assert_eq!(code, 0, "{r:#}");

    // Per-command p99 from INFO LATENCYSTATS: DEBUG, called again in the interval, is named
    // with its 300 ms.
    s.cli(&["DEBUG", "SLEEP", "0.3"]);
    let (code, r) = json_in(
        dir.path(),
        &state,
        &[&base[..], &["--warn-command-p99", "5ms"]].concat(),
    );
    assert_eq!(code, 1, "{r:#}");
    let l = check(&r, &s.addr(), "latency");
    assert!(msg(l).contains("slow commands: debug p99 "), "{l:#}");
    assert!(
        l["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["name"] == "command_latency_seconds" && m["labels"][0][1] == "debug"),
        "{l:#}"
    );
    // Not called since: the percentiles are since start, so it is said but not judged (one
    // slow call must not warn on every later run).
    let (code, r) = json_in(
        dir.path(),
        &state,
        &[&base[..], &["--warn-command-p99", "5ms"]].concat(),
    );
    assert_eq!(code, 0, "{r:#}");
    let l = check(&r, &s.addr(), "latency");
    assert_eq!(l["status"], "ok", "{l:#}");
    assert!(
        msg(l).contains("; debug p99 3")
            && msg(l).contains(" since start, not called since the previous sample (not judged)"),
        "{l:#}"
    );
    assert!(!msg(l).contains("slow commands"), "{l:#}");

    // -v: the server's own LATENCY DOCTOR and MEMORY DOCTOR text under the table.
    let (_, out, _) = run(dir.path())
        .args([
            "health",
            "-u",
            &url,
            "--check",
            "latency",
            "-v",
            "--no-state",
        ])
        .output()
        .parts();
    assert!(out.contains("LATENCY DOCTOR:"), "{out}");
    assert!(out.contains("MEMORY DOCTOR:"), "{out}");
    let (_, out, _) = run(dir.path())
        .args(["health", "-u", &url, "--format", "prometheus", "--no-state"])
        .output()
        .parts();
    assert!(out.contains("redkit_command_latency_seconds{"), "{out}");
    assert_prometheus(&out);
    // Full precision (review-21 F7): a command's percentiles are microseconds, and each one
    // is exported as the server's figure in seconds, never rounded to 0 or to 1 ms.
    let stats = s.cli(&["INFO", "LATENCYSTATS"]);
    let mut compared = 0;
    for line in out
        .lines()
        .filter(|l| l.starts_with("redkit_command_latency_seconds{"))
    {
        let (labels, value) = line.rsplit_once(' ').unwrap();
        let value: f64 = value.parse().unwrap();
        assert!(value > 0.0, "rounded to 0: {line}");
        let command = labels
            .split("command=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let q = labels
            .split("percentile=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        // `latency_percentiles_usec_info:p50=203.775,p99=712.703,p99.9=712.703`
        let Some(server) = stats
            .lines()
            .find(|l| l.starts_with(&format!("latency_percentiles_usec_{command}:")))
        else {
            continue;
        };
        let us: f64 = server
            .split(':')
            .nth(1)
            .unwrap()
            .split(',')
            .find_map(|kv| kv.trim().strip_prefix(&format!("{q}=")))
            .unwrap()
            .parse()
            .unwrap();
        // DEBUG ran once, before both reads: its figures have not moved since.
        if command == "debug" {
            assert!((value - us / 1e6).abs() < 1e-12, "{line} vs {server}");
            compared += 1;
        }
    }
    assert_eq!(compared, 3, "{out}\n{stats}");
}

/// Sends one RESP command on a raw socket and does not read the reply.
fn send(sock: &mut TcpStream, args: &[&[u8]]) {
    let mut buf = format!("*{}\r\n", args.len()).into_bytes();
    for a in args {
        buf.extend(format!("${}\r\n", a.len()).as_bytes());
        buf.extend_from_slice(a);
        buf.extend(b"\r\n");
    }
    sock.write_all(&buf).unwrap();
}

/// Eight messages to `news`, and their eight `:1\r\n` replies read (the subscriber is still
/// there): what the server cannot write to a subscriber that does not read, it queues.
fn publish_eight(publisher: &mut TcpStream, payload: &[u8]) {
    for _ in 0..8 {
        send(publisher, &[b"PUBLISH", b"news", payload]);
    }
    let mut reply = [0u8; 64];
    let mut got = 0;
    while got < 8 * 4 {
        let n = publisher.read(&mut reply).unwrap();
        assert!(n > 0, "publisher connection closed");
        got += n;
    }
}

#[test]
fn a_pubsub_client_that_does_not_read_grows_its_buffer_until_the_check_fires() {
    let s = RedisServer::builder()
        .arg("client-output-buffer-limit pubsub 64mb 0 0")
        .start();
    let dir = tempfile::tempdir().unwrap();
    let mut sub = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    send(&mut sub, &[b"CLIENT", b"SETNAME", b"stuck-reader"]);
    send(&mut sub, &[b"SUBSCRIBE", b"news"]);
    let mut publisher = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    publisher
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let payload = vec![b'x'; 256 * 1024];
    let url = s.url();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut last = Value::Null;
    let mut fired = false;
    while Instant::now() < deadline {
        publish_eight(&mut publisher, &payload);
        let (code, out, _) = run(dir.path())
            .args([
                "health",
                "-u",
                &url,
                "--check",
                "output_buffers",
                "--format",
                "json",
            ])
            .args(["--no-state"])
            .output()
            .parts();
        last = serde_json::from_str(&out).unwrap();
        if code == 1 {
            fired = true;
            break;
        }
    }
    assert!(fired, "never fired: {last:#}");
    let c = check(&last, &s.addr(), "output_buffers");
    assert_eq!(c["status"], "warning", "{c:#}");
    assert!(c["value"].as_f64().unwrap() > 50.0, "{c:#}");
    assert!(msg(c).contains("pubsub"), "{c:#}");
    assert!(msg(c).contains("(stuck-reader)"), "{c:#}");
    assert!(
        msg(c).contains("Redis drops the client at its limit"),
        "{c:#}"
    );
    let (_, out, _) = run(dir.path())
        .args(["health", "-u", &url, "--format", "prometheus", "--no-state"])
        .output()
        .parts();
    assert!(
        out.contains("redkit_client_output_buffer_used_ratio{"),
        "{out}"
    );
    assert_prometheus(&out);
    drop(sub);
}

#[test]
fn maxmemory_unset_with_cache_keys_and_noeviction_near_full_warn() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let url = s.url();
    let args = [
        "-u",
        url.as_str(),
        "--check",
        "maxmemory",
        "--format",
        "json",
        "--no-state",
    ];
    let (code, out, _) = run(dir.path()).args(["health"]).args(args).output().parts();
    assert_eq!(code, 0, "an empty node without a limit is fine: {out}");
    s.cli(&["SET", "agent:cache:user:1", "{}"]);
    let (code, out, _) = run(dir.path()).args(["health"]).args(args).output().parts();
    assert_eq!(code, 1, "{out}");
    let r: Value = serde_json::from_str(&out).unwrap();
    let c = check(&r, &s.addr(), "maxmemory");
    assert!(msg(c).contains("maxmemory unset"), "{c:#}");
    assert!(msg(c).contains("cache prefix"), "{c:#}");

    // A limit with noeviction above the memory warning: writes will fail with OOM.
    let used = s.info_num("used_memory");
    s.cli(&[
        "CONFIG",
        "SET",
        "maxmemory",
        &(used + used / 10).to_string(),
    ]);
    s.cli(&["CONFIG", "SET", "maxmemory-policy", "noeviction"]);
    let (code, out, _) = run(dir.path()).args(["health"]).args(args).output().parts();
    assert_eq!(code, 1, "{out}");
    let r: Value = serde_json::from_str(&out).unwrap();
    let c = check(&r, &s.addr(), "maxmemory");
    assert!(msg(c).contains("noeviction at"), "{c:#}");
    s.cli(&["CONFIG", "SET", "maxmemory-policy", "allkeys-lru"]);
    let (code, out, _) = run(dir.path()).args(["health"]).args(args).output().parts();
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_full_resync_is_critical_and_a_small_backlog_warns() {
    let master = RedisServer::builder().arg("repl-backlog-size 16kb").start();
    let replica = RedisServer::builder().replica_of(master.port).start();
    replica.wait_replica_up();
    master.wait_replicas_online();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("h.json");
    let url = master.url();
    let args = [
        "-u",
        url.as_str(),
        "--no-replicas",
        "--check",
        "full_syncs,backlog",
    ];
    let (code, r) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 0, "{r:#}");
    assert!(msg(check(&r, &master.addr(), "backlog")).contains("no previous sample"));
    // A replica promoted and attached again after more writes than the backlog holds: its
    // replication id no longer matches, and the master serves it a full resync.
    replica.cli(&["REPLICAOF", "NO", "ONE"]);
    fill(&master, "w", 2000, 500);
    replica.cli(&["REPLICAOF", "127.0.0.1", &master.port.to_string()]);
    replica.wait_replica_up();
    master.wait_replicas_online();
    // The same baseline for the Nagios run below.
    let copy = dir.path().join("h2.json");
    std::fs::copy(&state, &copy).unwrap();
    let (code, r) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 2, "{r:#}");
    let f = check(&r, &master.addr(), "full_syncs");
    assert_eq!(f["status"], "critical", "{f:#}");
    assert!(msg(f).contains("1 replica full resync in"), "{f:#}");
    // The promoted replica asked for a partial resync with its old replication id: refused.
    assert!(msg(f).contains("a partial resync was refused"), "{f:#}");
    let b = check(&r, &master.addr(), "backlog");
    assert_eq!(b["status"], "warning", "{b:#}");
    assert!(msg(b).contains("needs a full resync"), "{b:#}");
    // One figure: the value is the metric, and the message says it (no rounding to 0.1 s).
    let value = b["value"].as_f64().unwrap();
    assert!(value > 0.0, "{b:#}");
    let metric = b["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "repl_backlog_coverage_seconds")
        .unwrap_or_else(|| panic!("{b:#}"));
    assert_eq!(metric["value"].as_f64(), Some(value), "{b:#}");
    // The message writes that figure as a time (`94.5ms`, `1.2s`): read it back.
    let shown = msg(b)
        .split_once("holds ")
        .and_then(|(_, rest)| rest.split_once(" at"))
        .map(|(t, _)| t.to_string())
        .unwrap_or_else(|| panic!("no 'holds … at' in {b:#}"));
    let secs = if let Some(ms) = shown.strip_suffix("ms") {
        ms.parse::<f64>().map(|v| v / 1000.0)
    } else if let Some(s) = shown.strip_suffix('s') {
        s.parse::<f64>()
    } else {
        panic!("{shown}: {b:#}")
    }
    .unwrap_or_else(|e| panic!("{shown}: {e}: {b:#}"));
    assert!(
        (secs - value).abs() <= value * 0.01 + 0.0005,
        "{shown} vs {value}: {b:#}"
    );
    // Nagios perfdata carries it, with the minimum as a `N:` range.
    let (_, out, _) = run(dir.path())
        .args([
            "health",
            "--format",
            "nagios",
            "--state",
            copy.to_str().unwrap(),
        ])
        .args(args)
        .args(["--min-backlog", "1m"])
        .output()
        .parts();
    assert!(
        out.contains("'repl_backlog_coverage_seconds'=") && out.contains("s;60:;;"),
        "{out}"
    );
}

/// `redis-cli --rdb` takes a snapshot over the replication protocol: the master counts it in
/// `sync_full`, but no replica resynced, so `full_syncs` stays OK and says what it was; a
/// replica that attaches (and copies the whole dataset) between two runs is CRITICAL.
#[test]
fn a_client_snapshot_is_a_note_and_a_replica_attaching_is_a_full_resync() {
    let master = RedisServer::start();
    fill(&master, "k", 100, 100);
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("h.json");
    let url = master.url();
    let args = ["-u", url.as_str(), "--check", "full_syncs"];
    let (code, r) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 0, "{r:#}");

    let rdb = dir.path().join("snapshot.rdb");
    let out = master
        .cli_cmd()
        .args(["--rdb", rdb.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        master.info_num("sync_full"),
        1,
        "the snapshot counts in sync_full"
    );
    let (code, r) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 0, "{r:#}");
    let f = check(&r, &master.addr(), "full_syncs");
    assert_eq!(f["status"], "ok", "{f:#}");
    assert_eq!(f["value"], 0.0, "{f:#}");
    assert!(
        msg(f).contains("0 replica full resyncs in")
            && msg(f).contains("1 snapshot taken by a client (redis-cli --rdb or similar)"),
        "{f:#}"
    );

    // A replica started with replicaof copies the whole dataset: CRITICAL.
    let replica = RedisServer::builder().replica_of(master.port).start();
    replica.wait_replica_up();
    master.wait_replicas_online();
    assert_eq!(
        master.info_num("sync_full"),
        2,
        "the replica synced in full"
    );
    let (code, r) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 2, "{r:#}");
    let f = check(&r, &master.addr(), "full_syncs");
    assert_eq!(f["status"], "critical", "{f:#}");
    assert!(msg(f).starts_with("1 replica full resync in"), "{f:#}");
    assert!(!msg(f).contains("snapshot"), "{f:#}");
}

/// A state file whose sample is dated in the future (clock skew, a file copied from another
/// machine) is no baseline: the run says so, is OK like a first run, and replaces it, so the
/// next run judges rates again. A sample whose counters went down without a restart too.
#[test]
fn a_sample_from_the_future_or_with_counters_gone_down_starts_over() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("h.json");
    let url = s.url();
    let args = ["-u", url.as_str(), "--check", "evictions,error_replies"];
    let (code, _) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 0);
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
        f(&mut v["nodes"][s.addr()]);
        std::fs::write(&state, v.to_string()).unwrap();
    };
    // A day ahead.
    edit(&|n| n["at"] = (n["at"].as_f64().unwrap() + 86400.0).into());
    let (code, r) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 0, "{r:#}");
    for name in ["evictions", "error_replies"] {
        let c = check(&r, &s.addr(), name);
        assert_eq!(c["status"], "ok", "{c:#}");
        assert!(
            msg(c).starts_with("previous sample is from the future (read at ")
                && msg(c).contains(" after this run); starting over"),
            "{c:#}"
        );
    }
    // Replaced by this run's sample: the next run has an interval to judge.
    let (code, r) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 0, "{r:#}");
    let c = check(&r, &s.addr(), "evictions");
    assert!(msg(c).contains("keys evicted in"), "{c:#}");

    // Counters higher than the server's now, with the same run id and uptime: invalid.
    edit(&|n| n["counters"]["total_error_replies"] = 1.0e9.into());
    let (code, r) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 0, "{r:#}");
    let c = check(&r, &s.addr(), "error_replies");
    assert!(
        msg(c).starts_with("counters went down without a restart (total_error_replies")
            && msg(c).ends_with("; starting over"),
        "{c:#}"
    );
}

#[test]
fn cluster_skew_names_the_busiest_master_and_the_hottest_slot() {
    let c = Cluster::start(3, 0);
    // Keys through hash tags in two slots, each in the middle of a master's range (a single hot
    // slot that any sample of a few dozen slots would miss): 3000 keys in slot 777, 500 in 9001.
    let tag_in = |slot: u16| {
        (0..)
            .map(|i| format!("t{i}"))
            .find(|t| redkit::redis::cluster::slot(t.as_bytes()) == slot)
            .unwrap()
    };
    let (hot, warm, one) = (tag_in(777), tag_in(9001), tag_in(12000));
    let lines: String = (0..3000)
        .map(|i| format!("SET {{{hot}}}:{i} v\n"))
        .chain((0..500).map(|i| format!("SET {{{warm}}}:{i} v\n")))
        .chain(std::iter::once(format!("SET {{{one}}}:0 v\n")))
        .collect();
    c.feed(&lines);
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(dir.path())
        .args([
            "health",
            "--cluster",
            "-u",
            &c.seed_url(),
            "--check",
            "skew",
        ])
        .args(["--format", "json", "--no-state"])
        .output()
        .parts();
    assert_eq!(code, 1, "{out}{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    let skew = r["cluster"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "skew")
        .unwrap();
    assert_eq!(skew["status"], "warning", "{skew:#}");
    let m = msg(skew);
    // The mean is 3501/3 keys; the master of slot 777 holds 3000: +157%.
    assert!(m.contains("+157% of the mean"), "{m}");
    assert_eq!(c.cli(&["CLUSTER", "KEYSLOT", &format!("{{{hot}}}")]), "777");
    assert!(
        m.contains("hottest sampled slots 777 (3000 keys, 127.0.0.1:"),
        "{m}"
    );
    assert!(m.contains(", 9001 (500 keys, 127.0.0.1:"), "{m}");
    assert!(m.contains(", 12000 (1 key, 127.0.0.1:"), "{m}");
    let (_, out, _) = run(dir.path())
        .args([
            "health",
            "--cluster",
            "-u",
            &c.seed_url(),
            "--format",
            "prometheus",
        ])
        .args(["--no-state"])
        .output()
        .parts();
    assert!(out.contains("redkit_cluster_skew_ratio{"), "{out}");
    assert_prometheus(&out);
}

#[test]
fn watch_prints_the_refresh_time_and_judges_rates_between_rounds() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let child = spawn_redkit(
        dir.path(),
        &[
            "health",
            "-u",
            &s.url(),
            "--watch",
            "300ms",
            "--check",
            "evictions",
            "--no-state",
        ],
    );
    std::thread::sleep(Duration::from_millis(1500));
    let pid = child.id().to_string();
    Command::new("kill")
        .args(["-INT", &pid])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let re = regex::Regex::new(r"refreshed \d\d:\d\d:\d\d, every 300ms\)").unwrap();
    assert!(re.is_match(&text), "{text}");
    assert!(text.contains("no previous sample"), "{text}");
    assert!(text.contains("0 keys evicted in"), "{text}");
}

#[test]
fn check_names_are_offered_to_completions_and_bad_ones_are_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run(dir.path())
        .args(["completions", "bash"])
        .output()
        .parts();
    assert_eq!(code, 0);
    for name in [
        "rejected_connections",
        "output_buffers",
        "cluster_state",
        "skew",
    ] {
        assert!(out.contains(name), "{name} not offered");
    }
    let (code, _, err) = run(dir.path())
        .args(["health", "--check", "nosuch"])
        .output()
        .parts();
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("unknown check 'nosuch'"), "{err}");
}

/// `--check a,<TAB>` completes the next check name after the comma in bash and fish (run for
/// real on the scripts `redkit completions` prints; zsh uses `_values -s ,`, the same list),
/// and every name the output shows is accepted: `--check reachability` runs it alone,
/// `--skip reachability` leaves out the OK row only.
#[test]
fn check_lists_complete_after_a_comma_and_reachability_is_a_check_name() {
    let dir = tempfile::tempdir().unwrap();
    let script = |shell: &str| {
        let (code, out, _) = run(dir.path())
            .args(["completions", shell])
            .output()
            .parts();
        assert_eq!(code, 0);
        let path = dir.path().join(format!("c.{shell}"));
        std::fs::write(&path, out).unwrap();
        path
    };
    let bash = script("bash");
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {}; COMP_WORDS=(redkit health --check memory,ser); COMP_CWORD=3; \
             _redkit redkit memory,ser --check; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            bash.display()
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "memory,server\n");
    let fish = script("fish");
    let out = Command::new("fish")
        .arg("-c")
        .arg(format!(
            "source {}; complete -C 'redkit health --skip memory,reach'",
            fish.display()
        ))
        .output()
        .expect("fish (tests/run installs it)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("memory,reachability\t"), "{text}");
    let zsh = std::fs::read_to_string(script("zsh")).unwrap();
    assert!(
        zsh.contains(":NAME:_values -s , check reachability latency server"),
        "zsh"
    );

    let s = RedisServer::start();
    let (code, out, err) = run(dir.path())
        .args(["health", "-u", &s.url(), "--no-state", "--format", "json"])
        .args(["--check", "reachability"])
        .output()
        .parts();
    assert_eq!(code, 0, "{out}{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&Value> = r["nodes"][0]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["name"])
        .collect();
    assert_eq!(names, ["reachability"], "{r:#}");
    let (code, out, _) = run(dir.path())
        .args(["health", "-u", &s.url(), "--no-state", "--format", "json"])
        .args(["--skip", "reachability", "--check", "reachability,memory"])
        .output()
        .parts();
    assert_eq!(code, 0, "{out}");
    let r: Value = serde_json::from_str(&out).unwrap();
    assert!(!out.contains("\"reachability\""), "{r:#}");
    // A node that does not answer is CRITICAL whatever was skipped.
    let (code, out, _) = run(dir.path())
        .args(["health", "-u", "redis://127.0.0.1:1", "--no-state"])
        .args(["--skip", "reachability", "--format", "json"])
        .output()
        .parts();
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("\"reachability\""), "{out}");
}

/// Restarts a replica without its data (no dump to load: it must copy the whole dataset
/// again) and waits until its master serves it as online.
fn restart_without_data(master: &RedisServer, replica: &mut RedisServer) {
    let full = master.info_num("sync_full");
    replica.kill();
    let _ = std::fs::remove_file(replica.dir.path().join("dump.rdb"));
    replica.restart();
    replica.wait_replica_up();
    master.wait_replicas_online();
    assert_eq!(
        master.info_num("sync_full"),
        full + 1,
        "the replica synced in full"
    );
}

/// A replica restarted without its data between two runs: on the next run its master's
/// `full_syncs` is CRITICAL (sync_full grew), and the replica's own rate checks say it
/// restarted (a new run id) and start over, in the same run; the run after is quiet again.
#[test]
fn a_replica_restarted_without_its_data_is_a_full_resync_and_starts_over() {
    let master = RedisServer::start();
    fill(&master, "k", 500, 100);
    let mut replica = RedisServer::builder().replica_of(master.port).start();
    replica.wait_replica_up();
    master.wait_replicas_online();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("h.json");
    let url = master.url();
    let args = ["-u", url.as_str(), "--check", "full_syncs,evictions"];
    let (m, r) = (master.addr(), replica.addr());
    let (code, first) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 0, "{first:#}");
    assert!(msg(check(&first, &r, "full_syncs")).starts_with("no previous sample"));
    let run_id = |v: &Value| v["nodes"][&r]["run_id"].as_str().unwrap().to_string();
    let saved =
        |p: &Path| -> Value { serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap() };
    let before = run_id(&saved(&state));

    restart_without_data(&master, &mut replica);
    let (code, second) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 2, "{second:#}");
    let f = check(&second, &m, "full_syncs");
    assert_eq!(f["status"], "critical", "{f:#}");
    assert!(msg(f).starts_with("1 replica full resync in"), "{f:#}");
    assert!(
        msg(f).contains("a replica copied the whole dataset"),
        "{f:#}"
    );
    // Without its data it asked for a full copy: no backlog would have helped.
    assert!(
        msg(f).contains("the replica asked for a full copy"),
        "{f:#}"
    );
    assert!(!msg(f).contains("snapshot"), "{f:#}");
    for name in ["full_syncs", "evictions"] {
        let c = check(&second, &r, name);
        assert_eq!(c["status"], "ok", "{c:#}");
        assert_eq!(
            msg(c),
            "restarted since the previous sample (run id changed): counting starts over",
            "{c:#}"
        );
    }
    // The master did not restart: its other rates have their interval.
    assert!(msg(check(&second, &m, "evictions")).contains("keys evicted in"));
    // The state keeps the replica's new run.
    assert_ne!(run_id(&saved(&state)), before);

    // Nothing happened since: OK on both, each judged over its interval.
    let (code, third) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 0, "{third:#}");
    assert!(msg(check(&third, &m, "full_syncs")).starts_with("0 replica full resyncs in"));
    assert!(msg(check(&third, &r, "full_syncs")).starts_with("0 replica full resyncs in"));
    let kept = run_id(&saved(&state));

    // The same within one run: --interval, the replica restarted between its two samples.
    // redkit is held (SIGSTOP) after the first sample until the resync is done, so the second
    // sample sees it whatever the machine's speed.
    let mut child = spawn_redkit(
        dir.path(),
        &[
            "health",
            "-u",
            &url,
            "--check",
            "full_syncs,evictions",
            "--format",
            "json",
            "--interval",
            "1s",
            "-v",
        ],
    );
    let pid = child.id().to_string();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut said = String::new();
    loop {
        let mut line = String::new();
        let n = std::io::BufRead::read_line(&mut err, &mut line).unwrap();
        assert!(n > 0, "redkit ended before its first sample: {said}");
        said.push_str(&line);
        if line.contains("--interval: first sample of 2 nodes read; the second in 1s") {
            break;
        }
    }
    let signal = |sig: &str| {
        assert!(
            Command::new("kill")
                .args([sig, &pid])
                .status()
                .unwrap()
                .success()
        );
    };
    signal("-STOP");
    restart_without_data(&master, &mut replica);
    signal("-CONT");
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let f = check(&v, &m, "full_syncs");
    assert_eq!(f["status"], "critical", "{f:#}");
    assert!(msg(f).starts_with("1 replica full resync in"), "{f:#}");
    let c = check(&v, &r, "full_syncs");
    assert!(
        msg(c).contains("(run id changed): counting starts over"),
        "{c:#}"
    );
    // --interval writes no state file: it still holds the replica's run before this restart.
    assert_eq!(run_id(&saved(&state)), kept);
}

/// A first sample says what happens next: kept for the next run (a state file), not judged by
/// choice (`--no-state`), or UNKNOWN when no run can ever judge a rate (a state file that
/// cannot be written, no HOME): an OK there could never turn into an alert.
#[test]
fn rate_checks_say_whether_a_next_run_can_judge_them() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let url = s.url();
    let base = [
        "health",
        "-u",
        url.as_str(),
        "--min-uptime",
        "0",
        "--check",
        "evictions",
    ];

    let r = run(dir.path())
        .args(base)
        .args(["--no-state", "--format", "json"])
        .expect(0);
    let ev = check(&r.json(), &s.addr(), "evictions").clone();
    assert_eq!(ev["status"], "ok", "{ev:#}");
    assert!(msg(&ev).starts_with("not judged: --no-state"), "{ev:#}");
    assert!(
        !dir.path().join(".local").exists(),
        "--no-state wrote a state"
    );

    let unwritable = [
        "/proc/nope/health.json".to_string(),
        dir.path().display().to_string(),
    ];
    for state in &unwritable {
        let r = run(dir.path())
            .args(base)
            .args(["--state", state, "--format", "nagios"])
            .expect(3);
        assert!(r.stdout.starts_with("REDIS UNKNOWN"), "{r}");
        assert!(r.stdout.contains("cannot be judged"), "{r}");
        let warnings = r.stderr.matches("warning").count();
        assert_eq!(warnings, 1, "said once: {r}");
        assert!(r.stderr.contains(state.as_str()), "{r}");
    }

    // No HOME and no XDG_STATE_HOME (a system unit without User=): nowhere to keep a sample.
    let r = run(dir.path())
        .env_remove("HOME")
        .args(base)
        .args(["--format", "json"])
        .output();
    let ev = check(&r.json(), &s.addr(), "evictions").clone();
    if Path::new("/var/lib/redkit").is_dir() {
        // The system's state folder is the place then (when it can be written).
        assert!(
            ["ok", "unknown"].contains(&ev["status"].as_str().unwrap()),
            "{ev:#}"
        );
    } else {
        assert_eq!(r.code, Some(3), "{r}");
        assert_eq!(ev["status"], "unknown", "{ev:#}");
        assert!(msg(&ev).contains("no place for the state file"), "{ev:#}");
        assert!(r.stderr.contains("no place for the state file"), "{r}");
    }
}

#[test]
fn a_look_from_a_terminal_or_a_watch_leaves_the_scheduled_runs_sample_alone() {
    use crate::support::tmux::Tmux;
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let xdg = dir.path().join("xdg");
    let xdg_s = xdg.to_string_lossy().into_owned();
    let state = xdg.join("redkit/health.json");
    let url = s.url();
    let args = ["health", "-u", url.as_str(), "--check", "evictions"];
    // The scheduled run (stdout not a terminal) keeps its sample.
    let scheduled = || {
        let (code, _, err) = run(dir.path())
            .env("XDG_STATE_HOME", &xdg)
            .args(args)
            .output()
            .parts();
        assert_eq!(code, 0, "{err}");
        std::fs::read(&state).unwrap()
    };
    let kept = scheduled();
    let t = Tmux::start();
    let env = [("XDG_STATE_HOME", xdg_s.as_str())];
    // A look from a terminal: judged against the kept sample, the file left as it was.
    let screen = t.run(dir.path(), 120, 40, &args, &env);
    assert_eq!(screen.code, 0, "{}", screen.text());
    assert!(screen.text().contains("0/s"), "{}", screen.text());
    assert_eq!(
        std::fs::read(&state).unwrap(),
        kept,
        "a look replaced the sample"
    );
    // A watch: its rounds judge each other; the file stays.
    let mut watch = args.to_vec();
    watch.extend(["--watch", "300ms"]);
    let name = t.spawn(dir.path(), 120, 40, &watch, &env);
    t.wait_for(&name, "a second round", |s| {
        s.matches("refreshed").count() >= 1
    });
    std::thread::sleep(Duration::from_millis(900));
    t.send(&name, "C-c");
    let _ = t.finish(&name, 120, &watch);
    assert_eq!(
        std::fs::read(&state).unwrap(),
        kept,
        "a watch replaced the sample"
    );
    // The next scheduled run replaces it.
    std::thread::sleep(Duration::from_millis(20));
    assert_ne!(scheduled(), kept);
    // With --state FILE a terminal run writes FILE: the person asked for it.
    let own = dir.path().join("mine.json");
    let own_s = own.to_string_lossy().into_owned();
    let mut mine = args.to_vec();
    mine.extend(["--state", own_s.as_str()]);
    let screen = t.run(dir.path(), 120, 40, &mine, &env);
    assert_eq!(screen.code, 0, "{}", screen.text());
    assert!(own.is_file());
    // A first look with no sample anywhere says why it is not kept.
    let fresh = tempfile::tempdir().unwrap();
    let fresh_s = fresh.path().to_string_lossy().into_owned();
    let screen = t.run(
        dir.path(),
        200,
        40,
        &args,
        &[("XDG_STATE_HOME", fresh_s.as_str())],
    );
    assert!(
        screen
            .text()
            .contains("a run on a terminal leaves the scheduled runs"),
        "{}",
        screen.text()
    );
    assert!(!fresh.path().join("redkit/health.json").exists());
}

#[test]
fn cluster_redirections_are_not_error_replies() {
    let c = Cluster::start(3, 0);
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("h.json");
    let node = c.nodes[0].addr();
    let args = [
        "--cluster",
        "-u",
        &c.seed_url(),
        "--check",
        "error_replies",
        "--warn-error-replies",
        "1000",
    ];
    let (code, r) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 0, "{r:#}");
    // `foo` lives in slot 12182, not on the first master: each GET there is a MOVED reply.
    assert!(c.nodes[0].cli(&["GET", "foo"]).contains("MOVED"));
    for _ in 0..20 {
        c.nodes[0].cli(&["GET", "foo"]);
    }
    for _ in 0..3 {
        c.nodes[0].cli(&["NOSUCHCOMMAND"]);
    }
    let (code, r) = json_in(dir.path(), &state, &args);
    assert_eq!(code, 0, "{r:#}");
    let e = check(&r, &node, "error_replies");
    assert!(msg(e).contains(": 3 error replies in "), "{e:#}");
    assert!(
        msg(e).ends_with("(21 MOVED/ASK redirections not counted)"),
        "{e:#}"
    );
}

#[test]
fn a_buffer_above_the_soft_limit_is_judged_against_it() {
    // Redis's own default shape for pub/sub: a soft limit far below the hard one. A buffer
    // held above the soft limit for 60 s is dropped, whatever the hard limit says.
    let s = RedisServer::builder()
        .arg("client-output-buffer-limit pubsub 64mb 2mb 60")
        .start();
    let dir = tempfile::tempdir().unwrap();
    let mut sub = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    send(&mut sub, &[b"SUBSCRIBE", b"news"]);
    let mut publisher = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    publisher
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let payload = vec![b'x'; 256 * 1024];
    let url = s.url();
    // Published until the kernel's socket buffers are full and Redis queues the rest: then
    // above the soft limit, far under the hard one.
    let deadline = Instant::now() + Duration::from_secs(30);
    let (mut code, mut r) = (0, Value::Null);
    while Instant::now() < deadline {
        publish_eight(&mut publisher, &payload);
        let (c, out, _) = run(dir.path())
            .args(["health", "-u", &url, "--check", "output_buffers"])
            .args(["--format", "json", "--no-state"])
            .output()
            .parts();
        (code, r) = (c, serde_json::from_str(&out).unwrap());
        if code != 0 {
            break;
        }
    }
    let c = check(&r, &s.addr(), "output_buffers");
    assert_eq!(code, 2, "{c:#}");
    assert_eq!(c["status"], "critical", "{c:#}");
    assert!(c["value"].as_f64().unwrap() > 100.0, "{c:#}");
    assert!(
        msg(c).contains("of its 2.0 MiB soft limit, dropped after 60s above it"),
        "{c:#}"
    );
    drop(sub);
}

#[test]
fn a_watch_taller_than_the_terminal_keeps_its_verdict_and_refresh_time_in_sight() {
    use crate::support::tmux::Tmux;
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    // Every check of a node: more lines than 24 rows.
    let args = [
        "health",
        "-u",
        url.as_str(),
        "--watch",
        "500ms",
        "--no-state",
    ];
    let name = t.spawn(dir.path(), 80, 24, &args, &[]);
    t.wait_for(&name, "two rounds", |s| s.matches("refreshed").count() >= 3);
    // The foot of the visible screen, its lines joined (the verdict folds at 80 columns); read
    // again while a frame is being drawn.
    let re =
        regex::Regex::new(r"(OK|WARNING): .*refreshed \d\d:\d\d:\d\d, every 500ms\)$").unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut screen = String::new();
    while Instant::now() < deadline {
        screen = t.visible(&name);
        let rows: Vec<&str> = screen.lines().filter(|l| !l.trim().is_empty()).collect();
        let foot = rows[rows.len().saturating_sub(4)..]
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join(" ");
        if re.is_match(&foot) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        Instant::now() < deadline,
        "the verdict and refresh time are out of sight:\n{screen}"
    );
    t.send(&name, "C-c");
    let _ = t.finish(&name, 80, &args);
}
