//! `redkit health` against real servers: standalone, password, primary with replica (then its
//! master killed), 3-master cluster (a silent node, a killed master), cluster with replicas,
//! Sentinel, a silent listener, a BUSY server, thresholds, every output format, exit codes,
//! and no secret in any output.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{
    Cluster, LEAK_SECRET, RedisServer, Sentinel, SilentServer, raw_command, redkit, run,
    run_in_temp, spawn_redkit, stderr, stdout,
};

/// `redkit health ARGS --format json` in a fresh folder: the exit code and the report.
fn json(args: &[&str]) -> (i32, Value) {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let (code, out, err) = run_in_temp().args(["health"]).args(&a).output().parts();
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, v)
}

fn node<'a>(report: &'a Value, addr: &str) -> &'a Value {
    report["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["addr"] == addr)
        .unwrap_or_else(|| panic!("no node {addr} in {report:#}"))
}

fn check<'a>(node: &'a Value, name: &str) -> &'a Value {
    node["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no check {name} in {node:#}"))
}

fn cluster_check<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["cluster"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no cluster check {name} in {report:#}"))
}

/// Polls `cond` until it holds (the servers change state in the background).
fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if cond() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

fn pid(s: &RedisServer) -> String {
    s.cli(&["INFO", "server"])
        .lines()
        .find_map(|l| l.strip_prefix("process_id:"))
        .unwrap()
        .trim()
        .to_string()
}

fn signal(pid: &str, sig: &str) {
    let ok = Command::new("kill").args([sig, pid]).status().unwrap();
    assert!(ok.success());
}

/// `promtool check metrics` (Prometheus's own linter: base units, counter suffixes, HELP)
/// finds nothing in the text. promtool is installed by tests/run; missing, the test fails.
pub fn assert_promtool(text: &str) {
    let mut child = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool (Debian package prometheus; tests/run installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success() && said.trim().is_empty(),
        "promtool check metrics: {said}\n{text}"
    );
}

/// Every line of the text exposition format is a comment we know or a well-formed sample,
/// and every family has HELP and TYPE before its samples; and promtool agrees.
pub fn assert_prometheus(text: &str) {
    assert_promtool(text);
    let sample = regex::Regex::new(
        r#"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? -?[0-9.e+-]+$"#,
    )
    .unwrap();
    let mut helped = std::collections::HashSet::new();
    let mut typed = std::collections::HashSet::new();
    assert!(!text.is_empty());
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# HELP ") {
            helped.insert(rest.split(' ').next().unwrap().to_string());
        } else if let Some(rest) = line.strip_prefix("# TYPE ") {
            let mut p = rest.split(' ');
            typed.insert(p.next().unwrap().to_string());
            assert!(matches!(p.next(), Some("gauge" | "counter")), "{line}");
        } else {
            let caps = sample
                .captures(line)
                .unwrap_or_else(|| panic!("malformed sample line: {line}"));
            let name = &caps[1];
            assert!(name.starts_with("redkit_"), "{line}");
            assert!(
                helped.contains(name) && typed.contains(name),
                "no HELP/TYPE before {line}"
            );
        }
    }
}

/// The first line of plugin output: `REDIS STATUS - summary | 'label'=value[UOM];w;c;min;max`.
fn assert_nagios(text: &str, status: &str) {
    let first = text.lines().next().unwrap();
    let re = regex::Regex::new(
        r"^REDIS (OK|WARNING|CRITICAL|UNKNOWN) - [^|]+( \| ('[^'=]+'=-?[0-9.]+(ms|s|%|B|c)?;[^; ]*;[^; ]*;[^; ]*;[^; ]*)( '[^'=]+'=-?[0-9.]+(ms|s|%|B|c)?;[^; ]*;[^; ]*;[^; ]*;[^; ]*)*)?$",
    )
    .unwrap();
    assert!(re.is_match(first), "bad plugin line: {first}");
    assert!(first.starts_with(&format!("REDIS {status} - ")), "{first}");
}

#[test]
fn standalone_ok_in_every_format_and_fresh_restart_warns() {
    let s = RedisServer::start();
    let url = s.url();
    s.cli(&["SET", "k", "v"]);
    s.cli(&["GET", "k"]);
    s.cli(&["GET", "missing"]);

    let (code, r) = json(&["-u", &url, "--min-uptime", "0s"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["status"], "ok");
    assert_eq!(r["exit_code"], 0);
    let n = node(&r, &s.addr());
    assert_eq!(n["role"], "master");
    assert_eq!(n["status"], "ok");
    for name in [
        "reachability",
        "latency",
        "server",
        "memory",
        "clients",
        "persistence",
        "replication",
        "keyspace",
        "slowlog",
    ] {
        let c = check(n, name);
        for key in ["name", "status", "value", "message"] {
            assert!(c.get(key).is_some(), "{name} lacks {key}");
        }
        assert_eq!(c["status"], "ok", "{c:#}");
    }
    assert_eq!(check(n, "keyspace")["value"], 50.0, "1 hit, 1 miss");
    assert_eq!(
        check(n, "server")["value"],
        s.cli(&["INFO", "server"])
            .lines()
            .find_map(|l| l.strip_prefix("redis_version:"))
            .unwrap()
            .trim()
    );

    // A server started seconds ago is a WARNING with the default --min-uptime of 5m.
    let (code, out, _) = run_in_temp()
        .args(["health"])
        .args(["-u", &url])
        .output()
        .parts();
    assert_eq!(code, 1, "{out}");
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("WARNING: ") && first.contains("restarted recently"),
        "{out}"
    );
    assert!(
        out.contains(&format!("{} (master)  WARNING", s.addr())),
        "{out}"
    );

    let (code, out, _) = run_in_temp()
        .args(["health"])
        .args(["-u", &url, "--min-uptime", "0", "--format", "nagios"])
        .output()
        .parts();
    assert_eq!(code, 0);
    assert_nagios(&out, "OK");
    assert!(out.contains("'latency_median_ms'="), "{out}");

    let (code, out, _) = run_in_temp()
        .args(["health"])
        .args(["-u", &url, "--format", "prometheus"])
        .output()
        .parts();
    assert_eq!(code, 0, "prometheus exits 0 whatever the status");
    assert_prometheus(&out);
    let addr = s.addr();
    assert!(
        out.contains(&format!(
            "redkit_health_status{{addr=\"{addr}\",role=\"master\"}} 1\n"
        )),
        "{out}"
    );
    assert!(out.contains(&format!(
        "redkit_health_status{{addr=\"{addr}\",role=\"master\",check=\"server\"}} 1\n"
    )));
    assert!(out.contains(&format!("redkit_up{{addr=\"{addr}\",role=\"master\"}} 1\n")));
    assert!(out.contains("redkit_memory_used_bytes{"));

    let (code, out, _) = run_in_temp()
        .args(["health"])
        .args(["-u", &url, "--min-uptime", "0", "--format", "ndjson"])
        .output()
        .parts();
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1);
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["status"], "ok");

    // --check narrows the checks; reachability always stays.
    let (_, r) = json(&["-u", &url, "--check", "memory,latency"]);
    let names: Vec<&str> = node(&r, &s.addr())["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["reachability", "latency", "memory"]);
    let (code, r) = json(&["-u", &url, "--skip", "server"]);
    assert_eq!(code, 0, "without the uptime check nothing warns: {r:#}");
}

#[test]
fn thresholds_from_flags_and_config_give_warning_and_critical() {
    let s = RedisServer::builder().arg("maxmemory 10mb").start();
    let url = s.url();
    // Fill a small maxmemory: one 6 MB string.
    s.cli(&["SETRANGE", "big", "6000000", "x"]);
    let (_, r) = json(&["-u", &url, "--check", "memory", "--min-uptime", "0"]);
    let pct = check(node(&r, &s.addr()), "memory")["value"]
        .as_f64()
        .unwrap();
    assert!(pct > 55.0 && pct < 95.0, "memory at {pct}%");
    assert!(
        check(node(&r, &s.addr()), "memory")["message"]
            .as_str()
            .unwrap()
            .contains("of maxmemory")
    );

    let warn = format!("{}", (pct - 10.0).floor());
    let (code, out, _) = run_in_temp()
        .args(["health"])
        .args([
            "-u",
            &url,
            "--check",
            "memory",
            "--warn-memory",
            &warn,
            "--crit-memory",
            "99",
            "--format",
            "nagios",
        ])
        .output()
        .parts();
    assert_eq!(code, 1, "{out}");
    assert_nagios(&out, "WARNING");
    assert!(
        out.contains(&format!("'memory_used_percent'={}", "")),
        "{out}"
    );
    assert!(out.contains(&format!("%;{warn};99;0;100")), "{out}");

    let (code, r) = json(&["-u", &url, "--check", "memory", "--crit-memory", &warn]);
    assert_eq!(code, 2);
    assert_eq!(r["status"], "critical");
    assert_eq!(check(node(&r, &s.addr()), "memory")["status"], "critical");

    // The same from the config's health: section; flags win over it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("redkit.yaml"),
        format!("health:\n  min_uptime: 0s\n  warn-memory: {warn}\n  crit_memory: 99\n  skip: [slowlog]\n"),
    )
    .unwrap();
    let (code, out, err) = run(dir.path())
        .args(["health"])
        .args(["-u", &url, "--format", "json"])
        .output()
        .parts();
    assert_eq!(code, 1, "{out}{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    assert!(
        node(&r, &s.addr())["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["name"] != "slowlog")
    );
    let (code, _, _) = run(dir.path())
        .args(["health"])
        .args(["-u", &url, "--warn-memory", "none"])
        .output()
        .parts();
    assert_eq!(code, 0);

    // A hit ratio below its plugin range (90: means alert below 90).
    s.cli(&["GET", "nope"]);
    let (code, r) = json(&["-u", &url, "--check", "keyspace", "--crit-hit-ratio", "90:"]);
    assert_eq!(code, 2, "{r:#}");
    assert_eq!(check(node(&r, &s.addr()), "keyspace")["value"], 0.0);

    // A bad config value is a usage error: UNKNOWN (3) naming the key.
    std::fs::write(
        dir.path().join("redkit.yaml"),
        "health:\n  warn_memory: lots\n",
    )
    .unwrap();
    let (code, _, err) = run(dir.path())
        .args(["health"])
        .args(["-u", &url])
        .output()
        .parts();
    assert_eq!(code, 3);
    assert!(err.contains("health.warn_memory"), "{err}");
}

#[test]
fn usage_errors_are_unknown() {
    for args in [
        vec!["--warn-memory", "lots"],
        vec!["--warn-latency", "soon"],
        vec!["--check", "nonsense"],
        vec!["--format", "raw"],
        vec!["--no-such-flag"],
        vec!["--samples", "0"],
    ] {
        let (code, _, err) = run_in_temp().args(["health"]).args(&args).output().parts();
        assert_eq!(code, 3, "{args:?}: {err}");
        assert!(!err.is_empty());
    }
    let (code, out, _) = run_in_temp()
        .args(["health"])
        .args(["--help"])
        .output()
        .parts();
    assert_eq!(code, 0);
    assert!(out.contains("Examples:") && out.contains("--warn-memory"));
}

#[test]
fn usage_errors_with_nagios_print_the_unknown_plugin_line() {
    for args in [
        vec!["--warn-memory", "lots"],
        vec!["--check", "nonsense"],
        vec!["--no-such-flag"],
        vec!["--samples", "0"],
        vec!["--warn-stream-idle", "soon"],
    ] {
        let mut a = args.clone();
        a.extend(["--format", "nagios"]);
        let (code, out, err) = run_in_temp().args(["health"]).args(&a).output().parts();
        assert_eq!(code, 3, "{args:?}: {err}");
        assert_eq!(out.lines().count(), 1, "{args:?}: {out}");
        assert!(out.starts_with("REDIS UNKNOWN - "), "{args:?}: {out}");
        assert!(!out.contains('|'), "no perfdata separator: {out}");
        assert!(!err.is_empty());
    }
    let (_, out, _) = run_in_temp()
        .args(["health"])
        .args(["--check", "nonsense", "--format=nagios"])
        .output()
        .parts();
    assert!(out.contains("unknown check 'nonsense'"), "{out}");
    // Other formats keep stdout for the report only.
    let (code, out, _) = run_in_temp()
        .args(["health"])
        .args(["--check", "nonsense"])
        .output()
        .parts();
    assert_eq!(code, 3);
    assert!(out.is_empty(), "{out}");

    // An unknown key of the health: section is refused by name, as UNKNOWN.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("redkit.yaml"),
        "health:\n  warn_memroy: 50\n",
    )
    .unwrap();
    let (code, out, err) = run(dir.path())
        .args(["health"])
        .args(["--format", "nagios"])
        .output()
        .parts();
    assert_eq!(code, 3, "{out}{err}");
    assert!(err.contains("health.warn_memroy: unknown key"), "{err}");
    assert!(
        out.starts_with("REDIS UNKNOWN - ") && out.contains("warn_memroy"),
        "{out}"
    );
}

#[test]
fn quiet_is_silent_when_ok_and_short_otherwise() {
    let s = RedisServer::start();
    let url = s.url();
    let dir = tempfile::tempdir().unwrap();
    let prom = dir.path().join("redis.prom");
    let p = prom.to_str().unwrap();

    // OK: nothing on stdout or stderr, with or without --output; the file is still written.
    let ok = ["-u", &url, "--min-uptime", "0"];
    for extra in [
        vec!["-q"],
        vec!["-q", "--format", "prometheus", "--output", p],
    ] {
        let mut a = ok.to_vec();
        a.extend(extra.iter().copied());
        let (code, out, err) = run(dir.path()).args(["health"]).args(&a).output().parts();
        assert_eq!(code, 0, "{a:?}: {err}");
        assert!(out.is_empty() && err.is_empty(), "{a:?}: {out}{err}");
    }
    assert!(
        std::fs::read_to_string(&prom)
            .unwrap()
            .contains("redkit_up{")
    );

    // Without -q, --output says what it wrote on stderr.
    let (code, out, err) = run(dir.path())
        .args(["health"])
        .args(["-u", &url, "--min-uptime", "0", "--output", p])
        .output()
        .parts();
    assert_eq!(code, 0);
    assert!(out.is_empty());
    assert!(
        err.starts_with("OK: ") && err.contains("written to"),
        "{err}"
    );

    // A problem under -q: the verdict and the failing check, not the whole table.
    let (code, out, err) = run(dir.path())
        .args(["health"])
        .args(["-u", &url, "-q"])
        .output()
        .parts();
    assert_eq!(code, 1, "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("WARNING: "), "{out}");
    assert!(
        lines[1].contains("server: ") && lines[1].contains("restarted recently"),
        "{out}"
    );
    assert!(!out.contains("latency"), "{out}");
    // The monitoring formats are the verdict already: printed whole under -q.
    let (code, out, err) = run(dir.path())
        .args(["health"])
        .args(["-u", &url, "-q", "--format", "nagios"])
        .output()
        .parts();
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.starts_with("REDIS WARNING - "), "{out}{err}");
    let (code, out, err) = run(dir.path())
        .args(["health"])
        .args(["-u", &url, "-q", "--format", "prometheus"])
        .output()
        .parts();
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("redkit_health_status"), "{out}{err}");
    assert_prometheus(&out);
    // ... and with --output the file is the alert path: -q is silent on a WARNING too (cron
    // would mail it every run), the exit code still says WARNING, and the file holds it.
    for format in [
        vec!["--format", "prometheus"],
        vec!["--format", "json"],
        vec![],
    ] {
        std::fs::remove_file(&prom).ok();
        let mut a = vec!["-u", url.as_str(), "-q", "--output", p];
        a.extend(format.iter().copied());
        let (code, out, err) = run(dir.path()).args(["health"]).args(&a).output().parts();
        assert_eq!(code, 1, "{a:?}: {out}{err}");
        assert!(out.is_empty() && err.is_empty(), "{a:?}: {out}{err}");
        let written = std::fs::read_to_string(&prom).unwrap();
        assert!(
            written.contains("restarted recently")
                || written
                    .lines()
                    .any(|l| l.starts_with("redkit_health_status{") && l.ends_with(" 1")),
            "{a:?}: {written}"
        );
    }
    // A file that cannot be written still speaks under -q.
    let bad = dir.path().join("no-such-dir/redis.prom");
    let (code, _, err) = run(dir.path())
        .args(["health"])
        .args(["-u", &url, "-q", "--output", bad.to_str().unwrap()])
        .output()
        .parts();
    assert_ne!(code, 0);
    assert!(err.contains("--output"), "{err}");
}

#[test]
fn table_values_carry_units() {
    let s = RedisServer::start();
    let (_, out, _) = run_in_temp()
        .args(["health"])
        .args([
            "-u",
            &s.url(),
            "--check",
            "latency,memory,clients,replication",
        ])
        .output()
        .parts();
    let row = |name: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no {name} row: {out}"))
            .to_string()
    };
    assert!(
        regex::Regex::new(r"latency +OK +[0-9.]+ ms ")
            .unwrap()
            .is_match(&row("latency")),
        "{out}"
    );
    assert!(
        regex::Regex::new(r"memory +OK +[0-9.]+% ")
            .unwrap()
            .is_match(&row("memory")),
        "{out}"
    );
    assert!(
        regex::Regex::new(r"clients +OK +[0-9]+ clients? ")
            .unwrap()
            .is_match(&row("clients")),
        "{out}"
    );
    assert!(row("replication").contains(" 0 replicas "), "{out}");
    let (_, r) = json(&["-u", &s.url(), "--check", "latency"]);
    assert_eq!(check(&r["nodes"][0], "latency")["unit"], "ms");
}

#[test]
fn unreachable_silent_and_auth_failures_are_critical_and_prometheus_still_exits_0() {
    let silent = SilentServer::start();
    let url = format!("redis://127.0.0.1:{}", silent.port);
    let (code, r) = json(&["-u", &url, "--timeout", "1s", "--connect-timeout", "1s"]);
    assert_eq!(code, 2);
    let c = check(
        node(&r, &format!("127.0.0.1:{}", silent.port)),
        "reachability",
    );
    assert_eq!(c["status"], "critical");
    assert_eq!(c["value"], "timeout", "{c:#}");

    let mut gone = RedisServer::start();
    let port = gone.port;
    gone.kill();
    let (code, r) = json(&["-u", &format!("redis://127.0.0.1:{port}")]);
    assert_eq!(code, 2);
    assert_eq!(check(&r["nodes"][0], "reachability")["value"], "refused");

    // Prometheus into a file: the file written whole, the node's status 2 in it, and the exit
    // code says CRITICAL (the file is the alert path, no scraper judges an exit code).
    let dir = tempfile::tempdir().unwrap();
    let prom = dir.path().join("redis.prom");
    let (code, out, _) = run(dir.path())
        .args(["health"])
        .args([
            "-u",
            &format!("redis://127.0.0.1:{port}"),
            "--format",
            "prometheus",
            "--output",
            prom.to_str().unwrap(),
        ])
        .output()
        .parts();
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    let text = std::fs::read_to_string(&prom).unwrap();
    assert_prometheus(&text);
    assert!(
        text.contains(&format!(
            "redkit_up{{addr=\"127.0.0.1:{port}\",role=\"unknown\"}} 0\n"
        )),
        "{text}"
    );
    assert!(text.contains("redkit_health_run_status{"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );

    let (code, out, _) = run_in_temp()
        .args(["health"])
        .args([
            "-u",
            &format!("redis://127.0.0.1:{port}"),
            "--format",
            "nagios",
        ])
        .output()
        .parts();
    assert_eq!(code, 2);
    assert_nagios(&out, "CRITICAL");
    assert!(out.contains("connection refused"));
}

#[test]
fn password_failures_are_critical_and_the_secret_never_shows() {
    let s = RedisServer::builder().password(LEAK_SECRET).start();
    let dir = tempfile::tempdir().unwrap();
    let good = format!("redis://:{LEAK_SECRET}@127.0.0.1:{}", s.port);
    let bad = format!("redis://:{LEAK_SECRET}x@127.0.0.1:{}", s.port);
    let (code, out, err) = run(dir.path())
        .args(["health"])
        .args(["-u", &s.url(), "--min-uptime", "0", "--format", "json"])
        .envs(&[("REDIS_PASSWORD", LEAK_SECRET)])
        .output()
        .parts();
    assert_eq!(code, 0, "{out}{err}");

    let (code, out, _) = run(dir.path())
        .args(["health"])
        .args(["-u", &bad, "--format", "json"])
        .output()
        .parts();
    assert_eq!(code, 2);
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        check(&r["nodes"][0], "reachability")["value"],
        "auth",
        "{r:#}"
    );
    let (code, out, _) = run(dir.path())
        .args(["health"])
        .args(["-u", &s.url(), "--format", "json"])
        .output()
        .parts();
    assert_eq!(code, 2, "no password: NOAUTH");
    assert!(out.contains("\"critical\""));

    for url in [&good, &bad, &s.url()] {
        for format in ["table", "json", "ndjson", "nagios", "prometheus"] {
            for env in [true, false] {
                let mut e = vec![];
                if env {
                    e.push(("REDIS_PASSWORD", LEAK_SECRET));
                }
                let (_, out, err) = run(dir.path())
                    .args(["health"])
                    .args(["-u", url, "--format", format, "-v"])
                    .envs(&e)
                    .output()
                    .parts();
                assert!(
                    !out.contains(LEAK_SECRET) && !err.contains(LEAK_SECRET),
                    "leak in {format}: {out}{err}"
                );
                if format == "prometheus" {
                    assert_prometheus(&out);
                }
            }
        }
    }
}

#[test]
fn info_refused_by_acl_is_unknown() {
    let s = RedisServer::builder()
        .arg("user pinger on >pingpw -@all +ping +auth +hello")
        .start();
    let url = format!("redis://pinger:pingpw@127.0.0.1:{}", s.port);
    let (code, r) = json(&["-u", &url]);
    assert_eq!(code, 3, "{r:#}");
    let n = &r["nodes"][0];
    assert_eq!(check(n, "reachability")["status"], "ok");
    let c = check(n, "server");
    assert_eq!(c["status"], "unknown");
    assert!(
        c["message"].as_str().unwrap().contains("INFO refused"),
        "{c:#}"
    );
}

#[test]
fn replica_ok_then_master_killed_is_critical() {
    let mut master = RedisServer::start();
    let replica = RedisServer::builder().replica_of(master.port).start();
    replica.wait_replica_up();
    master.wait_replicas_online();
    master.cli(&["SET", "k", "v"]);

    // Through the master: the replica it lists is checked too.
    let (code, r) = json(&["-u", &master.url(), "--min-uptime", "0"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["nodes"].as_array().unwrap().len(), 2);
    let m = node(&r, &master.addr());
    assert_eq!(check(m, "replication")["value"], 1.0);
    let rep = node(&r, &replica.addr());
    assert_eq!(rep["role"], "replica");
    let msg = check(rep, "replication")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains("link up") && msg.contains("bytes behind"),
        "{msg}"
    );

    master.kill();
    wait_for("replica link down", || {
        replica
            .cli(&["INFO", "replication"])
            .contains("master_link_status:down")
    });
    let (code, r) = json(&["-u", &replica.url(), "--min-uptime", "0"]);
    assert_eq!(code, 2);
    let c = check(node(&r, &replica.addr()), "replication");
    assert_eq!(c["status"], "critical");
    assert_eq!(c["value"], "down");
    assert!(
        c["message"]
            .as_str()
            .unwrap()
            .contains("master_link_status down"),
        "{c:#}"
    );
    assert!(
        r["summary"]
            .as_str()
            .unwrap()
            .contains("master_link_status down")
    );
}

#[test]
fn cluster_of_three_masters_silent_node_then_killed_master() {
    let mut c = Cluster::start(3, 0);
    let seed = c.seed_url();
    let (code, r) = json(&["--cluster", "-u", &seed, "--min-uptime", "0"]);
    // Masters without replicas are a WARNING, everything else is fine.
    assert_eq!(code, 1, "{r:#}");
    assert_eq!(r["mode"], "cluster");
    assert_eq!(r["nodes"].as_array().unwrap().len(), 3);
    assert_eq!(cluster_check(&r, "cluster_state")["status"], "ok");
    assert_eq!(cluster_check(&r, "cluster_slots")["value"], 16384.0);
    assert_eq!(cluster_check(&r, "cluster_replicas")["status"], "warning");
    for n in r["nodes"].as_array().unwrap() {
        assert_eq!(n["role"], "master");
        assert_eq!(n["status"], "ok", "{n:#}");
    }

    // One node stops answering (SIGSTOP: TCP still accepted): it is CRITICAL, the others are
    // still reported, and the run ends within the timeouts.
    let stopped = pid(&c.nodes[1]);
    signal(&stopped, "-STOP");
    let (code, out, err) = run_in_temp()
        .args(["health"])
        .args([
            "--cluster",
            "-u",
            &seed,
            "--timeout",
            "1s",
            "--connect-timeout",
            "1s",
            "--format",
            "json",
        ])
        .output()
        .parts();
    signal(&stopped, "-CONT");
    assert_eq!(code, 2, "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    let silent = node(&r, &c.nodes[1].addr());
    assert_eq!(
        check(silent, "reachability")["value"],
        "timeout",
        "{silent:#}"
    );
    for i in [0, 2] {
        assert_eq!(
            check(node(&r, &c.nodes[i].addr()), "reachability")["status"],
            "ok"
        );
        assert!(check(node(&r, &c.nodes[i].addr()), "memory").is_object());
    }

    c.wait_ok();
    let dead = c.nodes[2].addr();
    c.nodes[2].kill();
    let (code, r) = json(&["--cluster", "-u", &seed, "--min-uptime", "0"]);
    assert_eq!(code, 2);
    assert_eq!(check(node(&r, &dead), "reachability")["status"], "critical");
    let slots = cluster_check(&r, "cluster_slots");
    assert_eq!(slots["status"], "critical");
    let msg = slots["message"].as_str().unwrap();
    assert!(msg.contains("failing slots 10923-16383"), "{msg}");
    assert!(msg.contains(&dead), "{msg}");

    let (code, out, _) = run_in_temp()
        .args(["health"])
        .args(["--cluster", "-u", &seed, "--format", "nagios"])
        .output()
        .parts();
    assert_eq!(code, 2);
    assert_nagios(&out, "CRITICAL");
    assert!(
        out.contains(&format!("'{} memory_used_percent'=", c.nodes[0].addr())),
        "{out}"
    );
}

#[test]
fn cluster_with_replicas_is_ok_and_visits_every_node() {
    let c = Cluster::start(3, 1);
    // The cluster is ok before every replica has synced and every node has gossiped roles.
    wait_for("replicas linked and known", || {
        c.nodes[0]
            .cli(&["CLUSTER", "NODES"])
            .matches(" slave ")
            .count()
            == 3
            && c.nodes.iter().all(|n| {
                let i = n.cli(&["INFO", "replication"]);
                (i.contains("role:master") && crate::support::replicas_online(&i))
                    || i.contains("master_link_status:up")
            })
    });
    let (code, r) = json(&["--cluster", "-u", &c.seed_url(), "--min-uptime", "0"]);
    assert_eq!(code, 0, "{r:#}");
    let nodes = r["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 6);
    assert_eq!(nodes.iter().filter(|n| n["role"] == "master").count(), 3);
    assert_eq!(nodes.iter().filter(|n| n["role"] == "replica").count(), 3);
    assert_eq!(cluster_check(&r, "cluster_replicas")["status"], "ok");
    for n in nodes.iter().filter(|n| n["role"] == "replica") {
        let rep = check(n, "replication");
        assert!(
            rep["message"].as_str().unwrap().contains("link up"),
            "{rep:#}"
        );
        assert_eq!(check(n, "cluster_state")["value"], "ok");
    }
    let (code, out, _) = run_in_temp()
        .args(["health"])
        .args(["--cluster", "-u", &c.seed_url(), "--format", "prometheus"])
        .output()
        .parts();
    assert_eq!(code, 0);
    assert_prometheus(&out);
    assert!(out.contains("redkit_cluster_slots_ok{"), "{out}");
    assert_eq!(out.matches("redkit_up{").count(), 6);
    // The cluster's own series name their seed in `seed`; `addr` is always a node's address.
    let seed = c.seed_url();
    let seed = seed.trim_start_matches("redis://");
    assert!(
        out.contains(&format!(
            "redkit_health_status{{seed=\"{seed}\",role=\"cluster\"}}"
        )),
        "{out}"
    );
    for line in out.lines().filter(|l| l.contains("addr=\"")) {
        let addr = line
            .split("addr=\"")
            .nth(1)
            .and_then(|r| r.split('"').next());
        assert!(
            addr.is_some_and(|a| a.parse::<std::net::SocketAddr>().is_ok()),
            "addr is not a node's address: {line}"
        );
    }

    // A master dies: at once its slots are named as failing; after the failover the cluster
    // is whole again, the dead node is marked fail and the promoted master has no replica.
    let mut c = c;
    let dead = c.nodes[1].addr();
    c.nodes[1].kill();
    let (code, r) = json(&["--cluster", "-u", &c.seed_url(), "--min-uptime", "0"]);
    assert_eq!(code, 2);
    assert_eq!(check(node(&r, &dead), "reachability")["status"], "critical");
    let msg = cluster_check(&r, "cluster_slots")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains("failing slots 5461-10922") && msg.contains(&dead),
        "{msg}"
    );
    wait_for("failover", || {
        let info = c.nodes[0].cli(&["CLUSTER", "INFO"]);
        let nodes = c.nodes[0].cli(&["CLUSTER", "NODES"]);
        info.contains("cluster_state:ok")
            && nodes
                .lines()
                .any(|l| l.contains(&dead) && l.contains("fail") && !l.contains("fail?"))
            && nodes
                .lines()
                .filter(|l| l.contains("master") && !l.contains("fail") && l.split(' ').count() > 8)
                .count()
                == 3
    });
    let (code, r) = json(&["--cluster", "-u", &c.seed_url(), "--min-uptime", "0"]);
    assert_eq!(code, 2, "{r:#}");
    assert_eq!(cluster_check(&r, "cluster_state")["status"], "ok");
    assert_eq!(cluster_check(&r, "cluster_slots")["status"], "ok");
    let failed = cluster_check(&r, "cluster_nodes");
    assert_eq!(failed["status"], "critical");
    assert!(
        failed["message"]
            .as_str()
            .unwrap()
            .contains(&format!("marked fail: {dead}")),
        "{failed:#}"
    );
    assert_eq!(cluster_check(&r, "cluster_replicas")["status"], "warning");
}

#[test]
fn sentinel_master_quorum_and_replicas() {
    let master = RedisServer::start();
    let replica = RedisServer::builder().replica_of(master.port).start();
    replica.wait_replica_up();
    let s = Sentinel::start(master.port, "mymaster");
    wait_for("sentinel to list the replica", || {
        let out = Command::new("redis-cli")
            .args([
                "-p",
                &s.port.to_string(),
                "SENTINEL",
                "REPLICAS",
                "mymaster",
            ])
            .stderr(Stdio::null())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).contains(&replica.port.to_string())
    });
    let (code, r) = json(&[
        "--sentinel",
        &s.addr(),
        "--master-name",
        "mymaster",
        "--min-uptime",
        "0",
    ]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["mode"], "sentinel");
    let sn = node(&r, &s.addr());
    assert_eq!(sn["role"], "sentinel");
    assert_eq!(check(sn, "sentinel_master")["value"], master.addr());
    assert_eq!(check(sn, "sentinel_quorum")["status"], "ok");
    assert_eq!(node(&r, &master.addr())["role"], "master");
    assert_eq!(node(&r, &replica.addr())["role"], "replica");
    let (code, out, err) = run_in_temp()
        .args([
            "health",
            "--sentinel",
            &s.addr(),
            "--master-name",
            "mymaster",
        ])
        .args(["--format", "prometheus"])
        .output()
        .parts();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("redkit_sentinel_quorum_ok"), "{out}");
    assert_prometheus(&out);

    // A silent Sentinel beside the real one: CRITICAL itself, the rest reported normally.
    let silent = SilentServer::start();
    let both = format!("{},127.0.0.1:{}", s.addr(), silent.port);
    let (code, r) = json(&[
        "--sentinel",
        &both,
        "--master-name",
        "mymaster",
        "--min-uptime",
        "0",
        "--timeout",
        "1s",
        "--connect-timeout",
        "1s",
    ]);
    assert_eq!(code, 2, "{r:#}");
    let sil = node(&r, &format!("127.0.0.1:{}", silent.port));
    assert_eq!(check(sil, "reachability")["value"], "timeout");
    assert_eq!(node(&r, &master.addr())["status"], "ok");
    assert_eq!(node(&r, &replica.addr())["status"], "ok");

    let (code, r) = json(&["--sentinel", &s.addr(), "--master-name", "nosuch"]);
    assert_eq!(code, 2);
    assert_eq!(
        check(node(&r, &s.addr()), "sentinel_master")["status"],
        "critical"
    );
}

#[test]
fn busy_server_is_critical_by_name() {
    let s = RedisServer::builder()
        .arg("busy-reply-threshold 100")
        .start();
    let mut script = s
        .cli_cmd()
        .args(["EVAL", "while true do end", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("BUSY replies", || {
        raw_command(s.port, "PING").starts_with("-BUSY")
    });
    let (code, r) = json(&["-u", &s.url(), "--timeout", "2s"]);
    let _ = raw_command(s.port, "SCRIPT KILL");
    let _ = script.wait();
    assert_eq!(code, 2, "{r:#}");
    let c = check(&r["nodes"][0], "reachability");
    assert_eq!(c["value"], "busy", "{c:#}");
    assert!(c["message"].as_str().unwrap().contains("BUSY"));
}

#[test]
fn watch_repeats_until_interrupted() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let child = spawn_redkit(
        dir.path(),
        &[
            "health",
            "-u",
            &s.url(),
            "--watch",
            "100ms",
            "--format",
            "ndjson",
            "--check",
            "latency",
        ],
    );
    std::thread::sleep(Duration::from_millis(1500));
    signal(&child.id().to_string(), "-INT");
    let out = child.wait_with_output().unwrap();
    // A watch stopped by Ctrl-C exits with the last round's plugin status (OK here), not 130.
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 2, "{} rounds", lines.len());
    assert!(lines.iter().all(|l| l["status"] == "ok"));
}

#[test]
fn tls_server_ok_and_unknown_issuer_critical() {
    let s = RedisServer::builder().tls().start();
    let ca = s.tls.as_ref().unwrap().ca.display().to_string();
    let (code, r) = json(&["-u", &s.url(), "--cacert", &ca, "--min-uptime", "0"]);
    assert_eq!(code, 0, "{r:#}");
    let (code, r) = json(&["-u", &s.url()]);
    assert_eq!(code, 2);
    assert_eq!(
        check(&r["nodes"][0], "reachability")["value"],
        "tls",
        "{r:#}"
    );
}

/// A TCP proxy in front of a real server that passes PINGs and their replies, and stops
/// forwarding replies for good once the client sends anything else, keeping the connection
/// open: a server that answers PING and then stalls. Returns the proxy's port.
fn stall_after_ping(upstream: u16) -> u16 {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    const PING: &[u8] = b"*1\r\n$4\r\nPING\r\n";
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let server = TcpStream::connect(("127.0.0.1", upstream)).unwrap();
            let stalled = Arc::new(AtomicBool::new(false));
            let (mut from_client, mut to_server) =
                (client.try_clone().unwrap(), server.try_clone().unwrap());
            let flag = stalled.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = from_client.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    // Set before the request reaches the server, so its reply is held back.
                    if buf[..n].chunks(PING.len()).any(|c| c != PING) {
                        flag.store(true, Ordering::SeqCst);
                    }
                    if to_server.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
            });
            let (mut from_server, mut to_client) = (server, client);
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = from_server.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    if !stalled.load(Ordering::SeqCst) && to_client.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
                drop(to_client);
            });
        }
    });
    port
}

#[test]
fn ping_exits_3_when_the_server_answers_ping_then_stalls() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path())
        .args(["ping", "-u", &s.url(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["nodes"][0]["role"], "master");
    assert_ne!(v["nodes"][0]["version"], "?");
    let quiet = redkit(dir.path())
        .args(["ping", "-u", &s.url(), "-q"])
        .output()
        .unwrap();
    assert_eq!(quiet.status.code(), Some(0));
    assert!(
        stdout(&quiet).is_empty() && stderr(&quiet).is_empty(),
        "-q is silent on success"
    );

    let port = stall_after_ping(s.port);
    let out = redkit(dir.path())
        .args([
            "ping",
            "-u",
            &format!("redis://127.0.0.1:{port}"),
            "--timeout",
            "1s",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{}{err}", stdout(&out));
    assert!(stdout(&out).is_empty(), "no report with '?' figures");
    assert!(err.contains("timed out"), "{err}");
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    let quiet = redkit(dir.path())
        .args([
            "ping",
            "-u",
            &format!("redis://127.0.0.1:{port}"),
            "--timeout",
            "1s",
            "-q",
        ])
        .output()
        .unwrap();
    assert_eq!(quiet.status.code(), Some(3));
    assert!(
        stderr(&quiet).contains("timed out"),
        "-q still reports a failure"
    );
}

#[cfg(unix)]
#[test]
fn output_file_never_follows_a_planted_symlink() {
    use std::os::unix::fs::symlink;
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("textfile");
    std::fs::create_dir(&shared).unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious\n").unwrap();
    let prom = shared.join("redis.prom");
    // A local user plants links at the names a predictable writer would use (the next pids)
    // and at the target itself.
    let me = std::process::id();
    for pid in me..me + 2000 {
        symlink(&victim, shared.join(format!(".redis.prom.tmp.{pid}"))).unwrap();
    }
    symlink(&victim, &prom).unwrap();
    let (code, out, err) = run(dir.path())
        .args(["health"])
        .args([
            "-u",
            &s.url(),
            "--format",
            "prometheus",
            "--output",
            prom.to_str().unwrap(),
        ])
        .output()
        .parts();
    // OK, or WARNING for a server that just started: the status, not a failed write.
    assert!(matches!(code, 0 | 1), "{code}: {out}{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    assert!(
        std::fs::symlink_metadata(&prom)
            .unwrap()
            .file_type()
            .is_file()
    );
    assert_prometheus(&std::fs::read_to_string(&prom).unwrap());
    assert_eq!(
        std::fs::read_dir(&shared).unwrap().count(),
        2001,
        "only the planted links and the file"
    );

    // A directory nobody may write to: exit 3 (UNKNOWN) naming the file, nothing left behind.
    let (code, _, err) = run(dir.path())
        .args(["health"])
        .args([
            "-u",
            &s.url(),
            "--output",
            "/proc/redkit-no-such/redis.prom",
        ])
        .output()
        .parts();
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("--output /proc/redkit-no-such/redis.prom"),
        "{err}"
    );
}

/// Finds one check of a node by name and subject (stream checks come one per stream and group).
fn subject_check<'a>(node: &'a Value, name: &str, subject: &str) -> &'a Value {
    node["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name && c["subject"] == subject)
        .unwrap_or_else(|| panic!("no check {name} {subject} in {node:#}"))
}

/// `orders` with 10 entries and a group `workers` whose consumer c1 holds 4 (lag 6), the
/// oldest of them idle for an hour; job streams: a stuck, b completed, c failed, d running.
fn stream_fixture(s: &RedisServer) {
    for i in 0..10 {
        s.cli(&["XADD", "orders", "*", "n", &i.to_string()]);
    }
    s.cli(&["XGROUP", "CREATE", "orders", "workers", "0"]);
    s.cli(&[
        "XREADGROUP",
        "GROUP",
        "workers",
        "c1",
        "COUNT",
        "4",
        "STREAMS",
        "orders",
        ">",
    ]);
    let first = s.cli(&["XRANGE", "orders", "-", "+", "COUNT", "1"]);
    let first = first.lines().next().unwrap();
    s.cli(&[
        "XCLAIM", "orders", "workers", "c1", "0", first, "IDLE", "3600000",
    ]);
    let event = |key: &str, id: &str, t: &str| {
        s.cli(&[
            "XADD",
            key,
            id,
            "data",
            "{}",
            "timestamp",
            "",
            "event_type",
            t,
        ]);
    };
    event("job_events:a", "1000-0", "task_started");
    event("job_events:a", "2000-0", "task_progress");
    event("job_events:b", "1000-0", "task_started");
    event("job_events:b", "3000-0", "task_completed");
    event("job_events:c", "1000-0", "task_failed");
    event("job_events:d", "*", "task_started");
}

#[test]
fn stream_group_thresholds_turn_warning_and_critical() {
    let s = RedisServer::start();
    stream_fixture(&s);
    let url = s.url();
    let base = [
        "-u",
        url.as_str(),
        "--stream",
        "orders",
        "--check",
        "streams",
    ];
    let judged = |extra: &[&str]| {
        let mut a = base.to_vec();
        a.extend(extra);
        let (code, r) = json(&a);
        let n = node(&r, &s.addr()).clone();
        (
            code,
            subject_check(&n, "streams", "orders/workers").clone(),
            n,
        )
    };

    // Defaults: lag and pending are not judged, the oldest pending entry idle 1h > 30m is.
    let (code, g, n) = judged(&[]);
    assert_eq!(code, 2, "{n:#}");
    assert_eq!(g["status"], "critical");
    assert_eq!(g["value"], 6, "lag: 6 entries never delivered");
    assert_eq!(g["unit"], "entries");
    let msg = g["message"].as_str().unwrap();
    assert!(
        msg.contains("lag 6")
            && msg.contains("4 pending")
            && msg.contains("oldest pending idle 1h"),
        "{msg}"
    );
    let st = subject_check(&n, "streams", "orders");
    assert_eq!(st["status"], "ok");
    assert_eq!(st["value"], 10);

    let off = ["--warn-stream-idle", "none", "--crit-stream-idle", "none"];
    let with = |more: &[&str]| {
        let mut a = off.to_vec();
        a.extend(more);
        judged(&a)
    };
    let (code, g, _) = with(&[]);
    assert_eq!((code, g["status"].as_str()), (0, Some("ok")), "{g:#}");
    let (code, g, _) = with(&["--warn-stream-lag", "5"]);
    assert_eq!((code, g["status"].as_str()), (1, Some("warning")), "{g:#}");
    let (code, g, _) = with(&["--warn-stream-lag", "5", "--crit-stream-lag", "5"]);
    assert_eq!((code, g["status"].as_str()), (2, Some("critical")), "{g:#}");
    let (code, g, _) = with(&["--warn-stream-lag", "6"]);
    assert_eq!(code, 0, "6 is inside 0..6: {g:#}");
    let (code, g, _) = with(&["--warn-stream-pending", "3"]);
    assert_eq!((code, g["status"].as_str()), (1, Some("warning")), "{g:#}");
    assert!(g["message"].as_str().unwrap().contains("4 pending"));
    let (code, g, _) = with(&["--crit-stream-pending", "3"]);
    assert_eq!((code, g["status"].as_str()), (2, Some("critical")));
    let (code, g, _) = judged(&["--warn-stream-idle", "10m", "--crit-stream-idle", "2h"]);
    assert_eq!((code, g["status"].as_str()), (1, Some("warning")), "{g:#}");

    // The same limits from the config; naming streams there turns the checks on by default.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("redkit.yaml"),
        "health:\n  streams: [orders]\n  warn-stream-idle: none\n  crit_stream_idle: none\n  crit_stream_lag: 5\n",
    )
    .unwrap();
    let (code, out, err) = run(dir.path())
        .args(["health"])
        .args(["-u", &url, "--min-uptime", "0", "--format", "json"])
        .output()
        .parts();
    assert_eq!(code, 2, "{out}{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    let n = node(&r, &s.addr());
    assert_eq!(
        subject_check(n, "streams", "orders/workers")["status"],
        "critical"
    );
    assert!(check(n, "jobs").is_object(), "jobs run by default too");
    let (code, _, _) = run(dir.path())
        .args(["health"])
        .args([
            "-u",
            &url,
            "--min-uptime",
            "0",
            "--crit-stream-lag",
            "none",
            "--skip",
            "jobs",
        ])
        .output()
        .parts();
    assert_eq!(code, 0, "a flag beats the config");

    // Nothing named, nothing read: no stream checks at all.
    let (_, r) = json(&["-u", &url]);
    assert!(
        node(&r, &s.addr())["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["name"] != "streams" && c["name"] != "jobs"),
        "{r:#}"
    );

    // A named stream that does not exist is a WARNING naming it.
    let (code, r) = json(&["-u", &url, "--stream", "nosuch", "--check", "streams"]);
    assert_eq!(code, 1);
    let c = subject_check(node(&r, &s.addr()), "streams", "nosuch");
    assert_eq!(c["message"], "no such stream");
    // So is a pattern that matches nothing (a typo in `ordrs*` must not read as OK).
    let (code, r) = json(&["-u", &url, "--stream", "ordrs*", "--check", "streams"]);
    assert_eq!(code, 1, "{r:#}");
    let c = subject_check(node(&r, &s.addr()), "streams", "ordrs*");
    assert_eq!(c["message"], "no stream matches");

    // Nagios perfdata names the stream and group.
    let (code, out, _) = run_in_temp()
        .args(["health"])
        .args([
            "-u",
            &url,
            "--stream",
            "orders",
            "--check",
            "streams",
            "--warn-stream-lag",
            "10",
            "--format",
            "nagios",
        ])
        .output()
        .parts();
    assert_eq!(code, 2);
    assert_nagios(&out, "CRITICAL");
    assert!(
        out.contains("'stream_group_lag orders/workers'=6;10;;0;"),
        "{out}"
    );
    assert!(
        out.contains("'stream_group_messages_pending orders/workers'=4;"),
        "{out}"
    );
}

#[test]
fn stuck_jobs_are_counted_and_named() {
    let s = RedisServer::start();
    stream_fixture(&s);
    let url = s.url();
    let (code, r) = json(&["-u", &url, "--check", "jobs"]);
    assert_eq!(code, 1, "one stuck job is a WARNING by default: {r:#}");
    let j = check(node(&r, &s.addr()), "jobs");
    assert_eq!(j["value"], 1);
    // The figure counts stuck jobs, and says so beside a message that counts all of them.
    assert_eq!(j["unit"], "stuck jobs");
    let (_, table, _) = run(&std::env::temp_dir())
        .args([
            "health",
            "-u",
            &url,
            "--check",
            "jobs",
            "--no-state",
            "--wide",
        ])
        .output()
        .parts();
    assert!(table.contains(" 1 stuck job "), "{table}");
    let msg = j["message"].as_str().unwrap();
    assert!(
        msg.contains("4 jobs: 1 running, 1 completed, 1 failed, 1 stuck"),
        "{msg}"
    );
    assert!(msg.contains("stuck: job_events:a (last event"), "{msg}");
    let (code, _) = json(&["-u", &url, "--check", "jobs", "--crit-stuck-jobs", "0"]);
    assert_eq!(code, 2);
    // Stuck only after 100000 days: the 1970 job is running.
    let (code, r) = json(&["-u", &url, "--check", "jobs", "--stuck-after", "100000d"]);
    assert_eq!(code, 0, "{r:#}");
    assert!(
        check(node(&r, &s.addr()), "jobs")["message"]
            .as_str()
            .unwrap()
            .contains("2 running")
    );
}

#[test]
fn stream_metrics_use_redis_exporter_names() {
    let s = RedisServer::start();
    stream_fixture(&s);
    let (code, out, _) = run_in_temp()
        .args(["health"])
        .args([
            "-u",
            &s.url(),
            "--stream",
            "orders",
            "--check",
            "streams,jobs",
            "--format",
            "prometheus",
        ])
        .output()
        .parts();
    assert_eq!(code, 0);
    assert_prometheus(&out);
    let l = format!("addr=\"{}\",role=\"master\"", s.addr());
    for line in [
        format!("redkit_stream_length{{{l},stream=\"orders\"}} 10"),
        format!("redkit_stream_groups{{{l},stream=\"orders\"}} 1"),
        format!("redkit_stream_group_lag{{{l},stream=\"orders\",group=\"workers\"}} 6"),
        format!(
            "redkit_stream_group_messages_pending{{{l},stream=\"orders\",group=\"workers\"}} 4"
        ),
        format!("redkit_stream_group_consumers{{{l},stream=\"orders\",group=\"workers\"}} 1"),
        format!(
            "redkit_stream_group_consumer_messages_pending{{{l},stream=\"orders\",group=\"workers\",consumer=\"c1\"}} 4"
        ),
        format!("redkit_stream_jobs{{{l},state=\"stuck\"}} 1"),
        format!("redkit_stream_jobs{{{l},state=\"running\"}} 1"),
        format!("redkit_stream_jobs{{{l},state=\"completed\"}} 1"),
        format!("redkit_stream_jobs{{{l},state=\"failed\"}} 1"),
    ] {
        assert!(out.contains(&format!("{line}\n")), "no {line} in\n{out}");
    }
    for family in [
        "redkit_stream_group_consumer_idle_seconds{",
        "redkit_stream_first_entry_id{",
        "redkit_stream_last_entry_id{",
        "redkit_stream_group_last_delivered_id{",
    ] {
        assert!(out.contains(family), "no {family} in\n{out}");
    }
    // Every series is unique (one health_status per check and subject).
    let samples: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.rsplit_once(' ').unwrap().0)
        .collect();
    let unique: std::collections::HashSet<&&str> = samples.iter().collect();
    assert_eq!(unique.len(), samples.len(), "duplicate series in\n{out}");
}

#[test]
fn stream_names_with_control_bytes_are_escaped_in_tables() {
    let s = RedisServer::start();
    let evil = "evil\x1b]0;pwned\x07\x1b[2J";
    s.cli(&["XADD", evil, "*", "event_type", "x"]);
    let (_, out, _) = run_in_temp()
        .args(["health"])
        .args(["-u", &s.url(), "--stream", "evil*", "--check", "streams"])
        .output()
        .parts();
    assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
    assert!(out.contains("evil\\x1b]0;pwned\\x07"), "{out}");
}

/// Names that are not UTF-8 (a job stream's key, a group, a consumer) are read like any
/// other: the job is counted and named escaped, the group and consumer judged.
#[test]
fn names_that_are_not_utf8_are_read_and_shown_escaped() {
    let s = RedisServer::start();
    s.cli_stdin(
        &[],
        b"XADD \"job_events:j\\xff\" 1000-0 event_type task_started data \"{}\"\n\
          XADD \"q\\xfe\" 1-0 n 1\n\
          XGROUP CREATE \"q\\xfe\" \"g\\xff\" 0\n\
          XREADGROUP GROUP \"g\\xff\" \"c\\xfe\" COUNT 1 STREAMS \"q\\xfe\" >\n",
    );
    // The consumer must have idled longer than the 0s threshold below.
    std::thread::sleep(std::time::Duration::from_millis(50));
    let url = s.url();
    let (code, r) = json(&["-u", &url, "--check", "jobs"]);
    assert_eq!(code, 1, "the stuck job is found: {r:#}");
    let j = check(node(&r, &s.addr()), "jobs");
    let msg = j["message"].as_str().unwrap();
    assert!(
        msg.contains("1 job: 0 running, 0 completed, 0 failed, 1 stuck"),
        "{msg}"
    );
    assert!(
        msg.contains("stuck: job_events:j\\xff (last event"),
        "{msg}"
    );
    let (code, r) = json(&[
        "-u",
        &url,
        "--check",
        "streams",
        "--stream",
        "q*",
        "--warn-consumer-idle",
        "0s",
    ]);
    let n = node(&r, &s.addr());
    let g = n["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["subject"] == "q\\xfe/g\\xff")
        .unwrap_or_else(|| panic!("no group check in {n:#}"));
    assert_eq!(code, 1, "{r:#}");
    assert_eq!(g["value"], 0, "{g:#}");
    let msg = g["message"].as_str().unwrap();
    assert!(msg.contains("1 pending"), "{msg}");
    assert!(msg.contains("idle consumers: c\\xfe (1 pending"), "{msg}");
}

#[test]
fn cluster_master_flagged_fail_is_critical_naming_node_and_slots() {
    let c = Cluster::start(3, 0);
    for n in &c.nodes {
        n.cli(&["CONFIG", "SET", "cluster-require-full-coverage", "no"]);
        n.cli(&["CONFIG", "SET", "cluster-node-timeout", "500"]);
    }
    let stopped = &c.nodes[1];
    let dead = stopped.addr();
    let slots = stopped
        .cli(&["CLUSTER", "NODES"])
        .lines()
        .find(|l| l.contains("myself"))
        .unwrap()
        .split(' ')
        .skip(8)
        .collect::<Vec<_>>()
        .join(",");
    let pid = pid(stopped);
    signal(&pid, "-STOP");
    wait_for("the other masters to flag the stopped one fail", || {
        [0, 2].iter().all(|&i| {
            c.nodes[i]
                .cli(&["CLUSTER", "NODES"])
                .lines()
                .any(|l| l.contains(&dead) && l.contains("fail") && !l.contains("fail?"))
        })
    });
    wait_for("the others to keep serving", || {
        c.nodes[0]
            .cli(&["CLUSTER", "INFO"])
            .contains("cluster_state:ok")
    });
    let (code, out, err) = run_in_temp()
        .args(["health"])
        .args([
            "--cluster",
            "-u",
            &c.seed_url(),
            "--timeout",
            "1s",
            "--connect-timeout",
            "1s",
            "--min-uptime",
            "0",
            "--format",
            "json",
        ])
        .output()
        .parts();
    let (ncode, nagios, _) = run_in_temp()
        .args(["health"])
        .args([
            "--cluster",
            "-u",
            &c.seed_url(),
            "--timeout",
            "1s",
            "--connect-timeout",
            "1s",
            "--format",
            "nagios",
        ])
        .output()
        .parts();
    // ping names the failed master and its slots too, and fails.
    let dir = tempfile::tempdir().unwrap();
    let ping = redkit(dir.path())
        .args([
            "ping",
            "--cluster",
            "-u",
            &c.seed_url(),
            "--timeout",
            "1s",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    signal(&pid, "-CONT");
    let perr = stderr(&ping);
    assert_eq!(ping.status.code(), Some(3), "{perr}");
    assert!(perr.contains(&dead) && perr.contains(&slots), "{perr}");
    let p: Value = serde_json::from_str(&stdout(&ping)).unwrap();
    assert_eq!(p["nodes"].as_array().unwrap().len(), 2, "{p:#}");
    assert_eq!(p["unreached"][0]["addr"], dead.as_str(), "{p:#}");
    assert_eq!(p["unreached"][0]["slots"], slots.as_str());
    assert_eq!(code, 2, "{out}{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["status"], "critical");
    let failed = node(&r, &dead);
    assert_eq!(failed["status"], "critical");
    assert_eq!(check(failed, "reachability")["value"], "timeout");
    let sl = cluster_check(&r, "cluster_slots");
    assert_eq!(sl["status"], "critical", "{sl:#}");
    let msg = sl["message"].as_str().unwrap();
    assert!(
        msg.contains(&format!("failing slots {slots}"))
            && msg.contains(&format!("on {dead} (fail)")),
        "{msg}"
    );
    let nodes = cluster_check(&r, "cluster_nodes");
    assert_eq!(nodes["status"], "critical");
    assert!(
        nodes["message"]
            .as_str()
            .unwrap()
            .contains(&format!("marked fail: {dead}")),
        "{nodes:#}"
    );
    for i in [0, 2] {
        assert_eq!(node(&r, &c.nodes[i].addr())["checks"][0]["status"], "ok");
    }
    assert!(
        r["summary"].as_str().unwrap().contains(&dead),
        "the summary names the node: {}",
        r["summary"]
    );
    assert_eq!(ncode, 2);
    assert_nagios(&nagios, "CRITICAL");
    assert!(nagios.contains(&dead), "{nagios}");
}

#[test]
fn cluster_stream_checks_read_every_master_once() {
    let c = Cluster::start(3, 0);
    // Job streams spread over the masters: 6 stuck (1970), 3 completed.
    for i in 0..9 {
        let key = format!("job_events:{i}");
        let t = if i % 3 == 0 {
            "task_completed"
        } else {
            "task_progress"
        };
        c.cli(&["XADD", &key, "1000-0", "event_type", t, "data", "{}"]);
    }
    let masters_with_jobs = c.nodes.iter().filter(|n| n.cli(&["DBSIZE"]) != "0").count();
    assert!(
        masters_with_jobs >= 2,
        "the keys should spread over masters"
    );
    c.cli(&["XADD", "orders", "*", "n", "1"]);
    c.cli(&["XGROUP", "CREATE", "orders", "workers", "0"]);
    let (code, r) = json(&[
        "--cluster",
        "-u",
        &c.seed_url(),
        "--stream",
        "orders",
        "--check",
        "streams,jobs",
    ]);
    assert_eq!(code, 1, "stuck jobs warn: {r:#}");
    let nodes = r["nodes"].as_array().unwrap();
    let stuck: u64 = nodes
        .iter()
        .filter_map(|n| {
            n["checks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["name"] == "jobs")
        })
        .map(|j| j["value"].as_u64().unwrap())
        .sum();
    assert_eq!(stuck, 6, "{r:#}");
    let orders: Vec<&Value> = nodes
        .iter()
        .flat_map(|n| n["checks"].as_array().unwrap())
        .filter(|c| c["subject"] == "orders")
        .collect();
    assert_eq!(orders.len(), 1, "read on its owner only: {r:#}");
    assert_eq!(orders[0]["status"], "ok");
    assert!(
        nodes
            .iter()
            .flat_map(|n| n["checks"].as_array().unwrap())
            .all(|c| c["message"] != "no such stream"),
        "{r:#}"
    );
}

/// Names that come from Redis reach the terminal escaped in health too: a replica that
/// announces an address holding an escape sequence (INFO replication lists it on the
/// master) shows it escaped in the table, and in Prometheus labels.
#[test]
fn hostile_names_from_redis_are_escaped() {
    let master = RedisServer::start();
    let _replica = RedisServer::builder()
        .replica_of(master.port)
        .arg("replica-announce-ip \"10.0.0.9\\x1b]0;pwned\\x07\\x1b[2J\"")
        .start();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !master
        .cli(&["INFO", "replication"])
        .contains("connected_slaves:1")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the replica never connected"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    for format in ["table", "prometheus", "nagios", "json"] {
        let (_, out, err) = run_in_temp()
            .args(["health"])
            .args([
                "-u",
                &master.url(),
                "--connect-timeout",
                "1s",
                "--format",
                format,
            ])
            .output()
            .parts();
        assert!(out.contains("10.0.0.9"), "{format}: {out}{err}");
        if format == "prometheus" {
            assert_prometheus(&out);
        }
        assert!(
            !out.contains('\x1b') && !err.contains('\x1b') && !out.contains('\x07'),
            "{format}: raw control bytes: {out:?}"
        );
    }
}

/// The JSON report keeps every documented key, in a WARNING state too: the run's, each node's
/// and each check's (`subject` and `unit` null, `metrics` [] where they do not apply).
#[test]
fn json_report_keeps_every_documented_key() {
    let s = RedisServer::start();
    let (code, out, err) = run_in_temp()
        .args(["health"])
        .args(["-u", &s.url(), "--format", "json"])
        .output()
        .parts();
    assert_eq!(code, 1, "a server that just started: WARNING\n{out}{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let require = |v: &Value, keys: &[&str]| crate::support::assert_keys(v, keys, "health report");
    require(
        &doc,
        &[
            "status",
            "exit_code",
            "summary",
            "target",
            "mode",
            "checked_at",
            "duration_ms",
            "cluster",
            "nodes",
        ],
    );
    // RFC 3339 in UTC with milliseconds, as every time in redkit's JSON.
    let at = doc["checked_at"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(at).is_ok() && at.ends_with('Z') && at.len() == 24,
        "{at}"
    );
    let nodes = doc["nodes"].as_array().unwrap();
    assert!(!nodes.is_empty());
    for n in nodes {
        require(n, &["addr", "role", "status", "checks"]);
        for c in n["checks"].as_array().unwrap() {
            require(
                c,
                &[
                    "name",
                    "subject",
                    "status",
                    "value",
                    "unit",
                    "threshold",
                    "message",
                    "metrics",
                ],
            );
            assert!(c["metrics"].is_array(), "{c}");
        }
    }
}

/// `--stream` takes the shell's bytes, as stream commands take names: a stream whose key is
/// not UTF-8 is read and judged, and a glob of such bytes finds it.
#[test]
fn streams_named_by_bytes_that_are_not_utf8_are_checked() {
    use std::os::unix::ffi::OsStrExt;
    let s = RedisServer::start();
    s.cli_stdin(
        &[],
        b"XADD \"q\\xff\" 1-0 n 1\nXGROUP CREATE \"q\\xff\" g 0\n",
    );
    let dir = tempfile::tempdir().unwrap();
    for name in [&b"q\xff"[..], b"q\xff*"] {
        let out = crate::support::redkit(dir.path())
            .args([
                "health",
                "-u",
                &s.url(),
                "--check",
                "streams",
                "--format",
                "json",
            ])
            .arg("--stream")
            .arg(std::ffi::OsStr::from_bytes(name))
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_str(&text).unwrap();
        let n = node(&v, &s.addr()).clone();
        let g = subject_check(&n, "streams", "q\\xff/g");
        assert_eq!(g["status"], "ok", "{g}");
    }
}
