//! `redkit stream` against real servers: entries written the way the application writes them
//! (Chinese text included) read back exactly, ranges, paging, a 3-master cluster, consumer
//! groups, a tail across a server restart, --until-event exit codes, trim, and no leaked secret.

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::stream::{event_json, pipe_load, publish};
use crate::support::{
    Cluster, LEAK_SECRET, RedisServer, redkit, run_in_temp, spawn_redkit, stderr, stdout,
};

fn lines(out: &std::process::Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l}: {e}")))
        .collect()
}

fn ids(v: &[Value]) -> Vec<String> {
    v.iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

/// Loads `n` entries with ids `base+i ms` (data `{"n": i}`).
fn load(s: &RedisServer, key: &str, base_ms: u64, n: u64, event_type: &str) {
    let cmds: Vec<Vec<String>> = (0..n)
        .map(|i| {
            [
                "XADD",
                key,
                &format!("{}-0", base_ms + i),
                "data",
                &format!("{{\"n\": {i}}}"),
                "event_type",
                event_type,
            ]
            .iter()
            .map(|a| a.to_string())
            .collect()
        })
        .collect();
    pipe_load(s, &cmds);
}

#[test]
fn entries_written_like_the_application_read_back_exactly() {
    let s = RedisServer::start();
    let key = "job_events:job_001";
    let prog = ", \"task_type\": \"outline_generation\", \"progress\": \"正在分析用户需求\", \"step\": \"analysis\"";
    let id1 = publish(
        &s,
        key,
        "task_started",
        ", \"task_prompt\": \"生成技术文档大纲\"",
    );
    let id2 = publish(&s, key, "task_progress", prog);
    // Another program's entry: no data, odd fields, bytes that are not UTF-8, invalid JSON.
    s.cli_stdin(
        &[],
        b"XADD job_events:job_001 * bin \"\\xff\\xfe\\x00A\" data \"{oops\"\n",
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["read", key, "--format", "ndjson"])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = lines(&out);
    assert_eq!(v.len(), 3);
    assert_eq!(ids(&v)[..2], [id1.clone(), id2.clone()]);
    let e = &v[1];
    for k in ["stream", "id", "time", "event_type", "fields", "data"] {
        assert!(e.get(k).is_some(), "missing {k} in {e}");
    }
    assert_eq!(e["stream"], key);
    assert_eq!(e["event_type"], "task_progress");
    assert_eq!(e["data"]["progress"], "正在分析用户需求");
    assert_eq!(
        e["fields"]["data"].as_str().unwrap(),
        event_json("task_progress", "job_001", prog)
    );
    assert_eq!(e["fields"]["timestamp"], "2026-11-23T10:00:00.123456");
    let ms: u64 = id2.split('-').next().unwrap().parse().unwrap();
    let t = chrono::DateTime::parse_from_rfc3339(e["time"].as_str().unwrap()).unwrap();
    assert_eq!(t.timestamp_millis() as u64, ms);
    // Non-UTF-8 stays lossless as base64; invalid JSON data is null but kept in fields.
    assert_eq!(v[2]["fields"]["bin"]["base64"], "//4AQQ==");
    assert_eq!(v[2]["fields"]["data"], "{oops");
    assert!(v[2]["data"].is_null() && v[2]["event_type"].is_null());

    // One JSON array, the same objects.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["read", key, "--format", "json"])
        .raw();
    let arr: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(arr.as_array().unwrap(), &v);

    // Raw: the fields as stored, redis-cli --raw style.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["read", key, "--format", "raw", "--count", "2"])
        .raw();
    let raw = stdout(&out);
    assert!(raw.starts_with(&format!("{id1}\ndata\n{{")), "{raw}");
    assert!(raw.contains("\nevent_type\ntask_progress\n"));
    assert!(raw.contains("正在分析用户需求"));
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["read", key])
        .raw();
    let last = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "read",
            key,
            "--format",
            "raw",
            "--from",
            v[2]["id"].as_str().unwrap(),
        ])
        .raw();
    assert!(last.stdout.windows(4).any(|w| w == b"\xff\xfe\x00A"));

    // Table for people.
    let table = stdout(&out);
    assert!(
        table.contains("task_progress") && table.contains("正在分析用户需求"),
        "{table}"
    );
    assert!(table.contains("\\xff\\xfe"), "{table}");
}

#[test]
fn ranges_reverse_filters_and_paging() {
    let s = RedisServer::start();
    let base = 1_700_000_000_000u64; // 2023-11-14T22:13:20Z
    load(&s, "job_events:r", base, 30, "task_progress");
    s.cli(&[
        "XADD",
        "job_events:r",
        &format!("{}-0", base + 30),
        "event_type",
        "task_failed",
    ]);

    // Paging: 31 entries in pages of 4, in order, none lost or repeated.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "read",
            "job_events:r",
            "--format",
            "ndjson",
            "--page-size",
            "4",
        ])
        .raw();
    let all = ids(&lines(&out));
    let want: Vec<String> = (0..31).map(|i| format!("{}-0", base + i)).collect();
    assert_eq!(all, want);

    // The table (read through redis-rs, not the export path) pages the same way.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["read", "job_events:r", "--page-size", "4"])
        .raw();
    let rows: Vec<String> = stdout(&out)
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    assert_eq!(rows, want);

    // Reverse, also paged.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "read",
            "job_events:r",
            "--format",
            "ndjson",
            "--page-size",
            "4",
            "--reverse",
        ])
        .raw();
    let mut rev = ids(&lines(&out));
    rev.reverse();
    assert_eq!(rev, want);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "read",
            "job_events:r",
            "--format",
            "ndjson",
            "--reverse",
            "-n",
            "2",
        ])
        .raw();
    assert_eq!(ids(&lines(&out)), [want[30].clone(), want[29].clone()]);

    // Time ranges: RFC 3339 and ids, both ends inclusive.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "read",
            "job_events:r",
            "--format",
            "ndjson",
            "--from",
            "2023-11-14T22:13:20.005Z",
            "--to",
            &format!("{}", base + 9),
        ])
        .raw();
    assert_eq!(ids(&lines(&out)), want[5..10]);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "read",
            "job_events:r",
            "--format",
            "ndjson",
            "--since",
            "1h",
        ])
        .raw();
    assert!(lines(&out).is_empty());

    // Event types and text search.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "read",
            "job_events:r",
            "--format",
            "ndjson",
            "--event-type",
            "task_failed",
        ])
        .raw();
    assert_eq!(ids(&lines(&out)), [want[30].clone()]);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "read",
            "job_events:r",
            "--format",
            "ndjson",
            "--grep",
            "\"n\": 17}",
            "--page-size",
            "3",
        ])
        .raw();
    assert_eq!(ids(&lines(&out)), [want[17].clone()]);

    // More than one default page (5000): 12,000 entries come back whole, flat.
    load(&s, "job_events:big", base, 12_000, "task_progress");
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["read", "job_events:big", "--format", "ndjson"])
        .raw();
    let got = lines(&out);
    assert_eq!(got.len(), 12_000);
    assert_eq!(got[11_999]["data"]["n"], 11_999);

    // A bad time is a usage error.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["read", "job_events:r", "--from", "yesterday"])
        .raw();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn missing_keys_and_other_types_exit_1() {
    let s = RedisServer::start();
    s.cli(&["SET", "job_events:str", "x"]);
    for key in ["job_events:none", "job_events:str"] {
        for args in [
            vec!["read", key],
            vec!["info", key],
            vec!["pending", key, "g"],
            vec!["trim", key, "--maxlen", "1", "--dry-run"],
        ] {
            let out = run_in_temp()
                .args(["-u", &s.url(), "stream"])
                .args(&args)
                .raw();
            assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
            let err = stderr(&out);
            assert!(
                err.contains("no such key") || err.contains("not a stream (it is a string)"),
                "{args:?}: {err}"
            );
        }
    }
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["job", "none"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("job_events:none does not exist"));
    // tail waits for a missing key (see below) but refuses another type at once.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["tail", "job_events:str"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a stream (it is a string)"));
}

#[test]
fn cluster_list_finds_streams_on_every_master_and_keyed_commands_route() {
    let c = Cluster::start(3, 0);
    for i in 0..30 {
        c.cli(&[
            "XADD",
            &format!("job_events:{i}"),
            "*",
            "event_type",
            "task_started",
        ]);
    }
    c.cli(&["SET", "job_events:not-a-stream", "x"]);
    let dir = tempfile::tempdir().unwrap();
    let cl = |args: &[&str]| {
        let mut cmd = redkit(dir.path());
        cmd.args(["--cluster", "-u", &c.seed_url(), "stream"])
            .args(args);
        cmd.output().unwrap()
    };
    let out = cl(&["list", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let streams = v["streams"].as_array().unwrap();
    assert_eq!(streams.len(), 30, "{v}");
    let nodes: std::collections::HashSet<&str> = streams
        .iter()
        .map(|s| s["node"].as_str().unwrap())
        .collect();
    assert_eq!(nodes.len(), 3, "streams on every master: {nodes:?}");
    assert!(streams.iter().all(|s| s["length"] == 1));
    let out = cl(&["list", "--limit", "5", "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["streams"].as_array().unwrap().len(), 5);
    assert_eq!(v["total"], 30);

    // Keyed commands reach the master holding each key.
    for i in [0, 1, 2, 7, 29] {
        let key = format!("job_events:{i}");
        let out = cl(&["read", &key, "--format", "ndjson"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(lines(&out).len(), 1);
        let out = cl(&["info", &key, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    // Trim across the cluster.
    let out = cl(&[
        "trim",
        "--match",
        "job_events:*",
        "--maxlen",
        "0",
        "--yes",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["removed"], 30);
    assert_eq!(c.cli(&["XLEN", "job_events:7"]), "0");
}

#[test]
fn tail_with_a_consumer_group_acks_what_it_printed() {
    let s = RedisServer::start();
    s.cli(&[
        "XGROUP",
        "CREATE",
        "job_events:g",
        "workers",
        "$",
        "MKSTREAM",
    ]);
    for t in ["task_started", "task_progress", "task_completed"] {
        publish(&s, "job_events:g", t, "");
    }
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "tail",
            "job_events:g",
            "--group",
            "workers",
            "--consumer",
            "c1",
            "--count",
            "2",
            "--format",
            "ndjson",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let first = lines(&out);
    assert_eq!(first.len(), 2);
    // Not acknowledged: both pending for c1.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["pending", "job_events:g", "workers", "--format", "json"])
        .raw();
    let p: Value = serde_json::from_slice(&out.stdout).unwrap();
    let pend = p["entries"].as_array().unwrap();
    assert_eq!(pend.len(), 2);
    assert_eq!(pend[0]["consumer"], "c1");
    assert_eq!(pend[0]["deliveries"], 1);
    assert_eq!(pend[0]["id"], first[0]["id"]);

    // --ack: the third entry is printed and acknowledged, the earlier two stay pending.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "tail",
            "job_events:g",
            "--group",
            "workers",
            "--consumer",
            "c2",
            "--ack",
            "--count",
            "1",
            "--format",
            "ndjson",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let third = lines(&out);
    assert_eq!(third[0]["event_type"], "task_completed");
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["pending", "job_events:g", "workers", "--format", "json"])
        .raw();
    let p: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(p["entries"].as_array().unwrap().len(), 2);
    let info = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["info", "job_events:g", "--format", "json"])
        .raw();
    let i: Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(i["groups"][0]["name"], "workers");
    assert_eq!(i["groups"][0]["pending"], 2);
    let consumers = i["groups"][0]["consumer_list"].as_array().unwrap();
    assert_eq!(consumers.len(), 2);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["info", "job_events:g", "--full", "--format", "json"])
        .raw();
    let full: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(full["full"]["length"], 3, "{full}");
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "pending",
            "job_events:g",
            "workers",
            "--min-idle",
            "1h",
            "--format",
            "json",
        ])
        .raw();
    let p: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(p["entries"].as_array().unwrap().is_empty());
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "pending",
            "job_events:g",
            "workers",
            "--consumer",
            "c1",
            "--format",
            "ndjson",
        ])
        .raw();
    assert_eq!(lines(&out).len(), 2);

    // --from 0 re-delivers c1's own pending entries first; with --ack they are done.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "tail",
            "job_events:g",
            "--group",
            "workers",
            "--consumer",
            "c1",
            "--from",
            "0",
            "--ack",
            "--count",
            "2",
            "--format",
            "ndjson",
        ])
        .raw();
    assert_eq!(ids(&lines(&out)), ids(&first));
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["pending", "job_events:g", "workers", "--format", "json"])
        .raw();
    let p: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(p["entries"].as_array().unwrap().is_empty(), "{p}");

    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "tail",
            "job_events:g",
            "--group",
            "nogroup",
            "--consumer",
            "c",
            "--count",
            "1",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("stream group create"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn until_event_exit_codes_and_job_timeline() {
    let s = RedisServer::start();
    for t in ["task_started", "task_progress", "task_completed"] {
        publish(&s, "job_events:ok", t, ", \"progress\": \"一半\"");
    }
    for t in ["task_started", "task_failed"] {
        publish(&s, "job_events:bad", t, ", \"error\": \"连接超时\"");
    }
    let until = [
        "--from",
        "0",
        "--until-event",
        "task_completed,task_failed",
        "--format",
        "ndjson",
    ];
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([&["tail", "job_events:ok"][..], &until[..]].concat())
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(lines(&out).len(), 3);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([&["tail", "job_events:bad"][..], &until[..]].concat())
        .raw();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(lines(&out).last().unwrap()["event_type"], "task_failed");

    // Several keys at once, each followed on its own connection.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "tail",
            "job_events:ok",
            "job_events:bad",
            "--from",
            "0",
            "--count",
            "5",
            "--format",
            "ndjson",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let both = lines(&out);
    assert_eq!(
        both.iter()
            .filter(|e| e["stream"] == "job_events:ok")
            .count(),
        3
    );
    assert_eq!(
        both.iter()
            .filter(|e| e["stream"] == "job_events:bad")
            .count(),
        2
    );

    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["job", "ok", "--format", "json"])
        .raw();
    assert_eq!(out.status.code(), Some(0));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["outcome"], "completed");
    assert_eq!(j["events"].as_array().unwrap().len(), 3);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["job", "bad"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("连接超时") && text.contains("failed in"),
        "{text}"
    );

    // --follow waits for a job that has not started yet.
    let dir = tempfile::tempdir().unwrap();
    let mut child = spawn_redkit(
        dir.path(),
        &[
            "-u",
            &s.url(),
            "stream",
            "job",
            "later",
            "--follow",
            "--format",
            "ndjson",
        ],
    );
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert!(line.contains("waiting"), "{line}");
    publish(&s, "job_events:later", "task_started", "");
    publish(&s, "job_events:later", "task_completed", "");
    let status = wait_with_deadline(&mut child, Duration::from_secs(30));
    assert_eq!(status, Some(0));
}

fn wait_with_deadline(child: &mut std::process::Child, d: Duration) -> Option<i32> {
    let deadline = Instant::now() + d;
    while Instant::now() < deadline {
        if let Some(st) = child.try_wait().unwrap() {
            return st.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    panic!("redkit did not exit in time");
}

#[test]
fn tail_resumes_after_a_server_restart_without_duplicates_or_gaps() {
    let mut s = RedisServer::builder()
        .arg("appendonly yes")
        .arg("appendfsync always")
        .start();
    let key = "job_events:restart";
    publish(&s, key, "task_started", "");
    publish(&s, key, "task_progress", ", \"progress\": \"第一步\"");
    let dir = tempfile::tempdir().unwrap();
    let mut child = spawn_redkit(
        dir.path(),
        &[
            "-u",
            &s.url(),
            "--timeout",
            "1s",
            "--connect-timeout",
            "1s",
            "stream",
            "tail",
            key,
            "--from",
            "0",
            "--count",
            "6",
            "--format",
            "ndjson",
        ],
    );
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for l in BufReader::new(stdout).lines() {
            let Ok(l) = l else { break };
            if tx.send(l).is_err() {
                break;
            }
        }
    });
    let mut got = Vec::new();
    for _ in 0..2 {
        got.push(
            rx.recv_timeout(Duration::from_secs(20))
                .expect("first entries"),
        );
    }
    s.restart();
    // Written while redkit is reconnecting, and after.
    publish(&s, key, "task_progress", ", \"progress\": \"第二步\"");
    publish(&s, key, "task_progress", ", \"progress\": \"第三步\"");
    std::thread::sleep(Duration::from_millis(300));
    publish(&s, key, "task_progress", ", \"progress\": \"第四步\"");
    publish(&s, key, "task_completed", "");
    while got.len() < 6 {
        got.push(
            rx.recv_timeout(Duration::from_secs(30))
                .expect("entries after the restart"),
        );
    }
    assert_eq!(
        wait_with_deadline(&mut child, Duration::from_secs(30)),
        Some(0)
    );
    let printed: Vec<String> = got
        .iter()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["read", key, "--format", "ndjson"])
        .raw();
    assert_eq!(printed, ids(&lines(&out)), "every entry once, in order");
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(err.contains("reconnect"), "{err}");
}

#[test]
fn trim_dry_run_changes_nothing_and_trim_removes_what_it_reported() {
    let s = RedisServer::start();
    // 40 old entries (2023) and 10 new ones in each of two streams.
    for key in ["job_events:t1", "job_events:t2"] {
        load(&s, key, 1_700_000_000_000, 40, "task_progress");
        for _ in 0..10 {
            publish(&s, key, "task_progress", "");
        }
    }
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "trim",
            "--match",
            "job_events:t*",
            "--older-than",
            "1d",
            "--dry-run",
            "--format",
            "json",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dry: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["removed"], 80);
    assert_eq!(dry["streams"][0]["removed"], 40);
    assert_eq!(s.cli(&["XLEN", "job_events:t1"]), "50");

    // No terminal and no --yes: refused, nothing removed.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["trim", "job_events:t1", "--maxlen", "5"])
        .raw();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--yes"));
    assert_eq!(s.cli(&["XLEN", "job_events:t1"]), "50");

    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "trim",
            "--match",
            "job_events:t*",
            "--older-than",
            "1d",
            "--yes",
            "--format",
            "json",
        ])
        .raw();
    let real: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(real["dry_run"], false);
    assert_eq!(real["removed"], dry["removed"]);
    assert_eq!(real["streams"], dry["streams"]);
    assert_eq!(s.cli(&["XLEN", "job_events:t2"]), "10");

    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "trim",
            "job_events:t1",
            "--maxlen",
            "3",
            "--dry-run",
            "--format",
            "json",
        ])
        .raw();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["removed"], 7);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["trim", "job_events:t1", "--maxlen", "3", "-y"])
        .raw();
    assert!(
        stdout(&out).contains("removed 7 entries from 1 stream (1 matched"),
        "{}",
        stdout(&out)
    );
    assert_eq!(s.cli(&["XLEN", "job_events:t1"]), "3");

    // Only streams that would lose entries are counted and listed: t2 keeps its 10.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "trim",
            "--match",
            "job_events:t*",
            "--maxlen",
            "5",
            "--dry-run",
        ])
        .raw();
    let text = stdout(&out);
    assert!(
        text.contains("would remove 5 entries from 1 stream (2 matched; maxlen 5)"),
        "{text}"
    );
    assert!(
        text.contains("job_events:t2") && !text.contains("job_events:t1"),
        "{text}"
    );
    assert_eq!(s.cli(&["XLEN", "job_events:t2"]), "10");
}

#[test]
fn stream_commands_never_print_the_password() {
    let s = RedisServer::builder().password(LEAK_SECRET).start();
    s.cli(&["XADD", "job_events:leak", "*", "event_type", "task_started"]);
    let dir = tempfile::tempdir().unwrap();
    let url = format!("redis://:{LEAK_SECRET}@127.0.0.1:{}", s.port);
    let wrong = format!("redis://:{LEAK_SECRET}x@127.0.0.1:{}", s.port);
    let runs: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--format", "json"],
        vec!["read", "job_events:leak", "--format", "ndjson"],
        vec!["info", "job_events:leak", "--full", "--format", "json"],
        vec!["job", "leak", "-v"],
        vec!["tail", "job_events:leak", "--from", "0", "--count", "1"],
        vec!["trim", "job_events:leak", "--maxlen", "5", "--dry-run"],
    ];
    for args in &runs {
        for (how, u) in [("env", None), ("url", Some(&url)), ("wrong", Some(&wrong))] {
            let mut c = redkit(dir.path());
            match u {
                Some(u) => c.args(["-u", u]),
                None => c
                    .env("REDIS_PASSWORD", LEAK_SECRET)
                    .args(["--port", &s.port.to_string()]),
            };
            let out = c.arg("stream").args(args).output().unwrap();
            if how != "wrong" {
                assert_eq!(
                    out.status.code(),
                    Some(0),
                    "{args:?} {how}: {}",
                    stderr(&out)
                );
            }
            let all = String::from_utf8_lossy(&[out.stdout, out.stderr].concat()).into_owned();
            assert!(
                !all.contains(LEAK_SECRET),
                "{args:?} {how} printed the secret:\n{all}"
            );
            assert!(!all.contains(&LEAK_SECRET[4..20]), "{args:?} {how}:\n{all}");
        }
    }
}

#[test]
fn exports_honour_the_database_number_and_acl_users() {
    let s = RedisServer::builder().acl_user("app", "app-pass").start();
    s.cli(&[
        "-n",
        "3",
        "XADD",
        "job_events:db3",
        "5-0",
        "event_type",
        "task_started",
    ]);
    let dir = tempfile::tempdir().unwrap();
    for format in ["ndjson", "table"] {
        let mut c = redkit(dir.path());
        c.args([
            "-u",
            &format!("redis://app:app-pass@127.0.0.1:{}/3", s.port),
        ]);
        let out = c
            .args(["stream", "read", "job_events:db3", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        assert!(stdout(&out).contains("5-0"), "{format}: {}", stdout(&out));
    }
}

/// What an attacker who can write to a stream puts in it: an OSC retitle ended by BEL, a
/// clear-screen CSI and a carriage return.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\r";

/// Fails when `bytes` holds a control byte other than a newline, or (with `color`) any escape
/// sequence but SGR colors (`ESC [ digits ; m`), or an 8-bit C1 control.
#[track_caller]
fn assert_terminal_safe(what: &str, bytes: &[u8], color: bool) {
    let text = String::from_utf8_lossy(bytes);
    let mut cleaned = String::new();
    let mut rest = text.as_ref();
    while let Some(at) = rest.find('\u{1b}') {
        cleaned.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let sgr = tail.strip_prefix('[').and_then(|t| {
            let end = t.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
            (t.as_bytes()[end] == b'm').then_some(&t[end + 1..])
        });
        match sgr {
            Some(after) if color => rest = after,
            _ => {
                cleaned.push('\u{1b}');
                rest = tail;
            }
        }
    }
    cleaned.push_str(rest);
    let bad: Vec<char> = cleaned
        .chars()
        .filter(|c| *c != '\n' && (c.is_control() || ('\u{202a}'..='\u{202e}').contains(c)))
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: raw control characters {bad:?} in {text:?}"
    );
}

#[test]
fn hostile_bytes_from_redis_never_reach_the_terminal_raw() {
    let s = RedisServer::start();
    let key = "job_events:h\u{1b}[2J";
    let data = r#"{"event_type": "task_progress", "progress": "step \u001b]0;pwned\u0007\u001b[2J\r done"}"#;
    let cmds: Vec<Vec<String>> = vec![
        vec![
            "XADD",
            key,
            "1700000000000-0",
            "data",
            data,
            "event_type",
            HOSTILE,
        ],
        vec![
            "XADD",
            key,
            "1700000000001-0",
            &format!("f{HOSTILE}"),
            HOSTILE,
        ],
        vec!["XADD", key, "1700000000002-0", "event_type", "end\u{1b}[2J"],
        vec!["XGROUP", "CREATE", key, &format!("g{HOSTILE}"), "0"],
        vec![
            "XREADGROUP",
            "GROUP",
            &format!("g{HOSTILE}"),
            &format!("c{HOSTILE}"),
            "COUNT",
            "1",
            "STREAMS",
            key,
            ">",
        ],
    ]
    .into_iter()
    .map(|c| c.into_iter().map(String::from).collect())
    .collect();
    pipe_load(&s, &cmds);
    let group = format!("g{HOSTILE}");
    let consumer = format!("c{HOSTILE}");
    let runs: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["info", key],
        vec!["read", key],
        vec!["read", key, "--reverse", "--grep", "pwned"],
        vec!["job", "h\u{1b}[2J"],
        vec!["tail", key, "--from", "0", "--count", "2"],
        vec!["tail", key, "--from", "0", "--until-event", "end\u{1b}[2J"],
        vec!["pending", key, &group],
        vec!["pending", key, "no\u{1b}[2Jgroup"],
        vec!["trim", key, "--maxlen", "0", "--dry-run"],
        vec![
            "trim",
            "--match",
            "job_events:*",
            "--maxlen",
            "1",
            "--dry-run",
        ],
        vec!["info", "job_events:missing\u{1b}[2J"],
        vec!["jobs"],
        vec!["jobs", "--state", "stuck"],
        vec!["group", "create", key, "n\u{1b}[2J", "--dry-run"],
        vec!["group", "setid", key, &group, "0", "--dry-run"],
        vec!["group", "delconsumer", key, &group, &consumer, "--dry-run"],
        vec![
            "group",
            "delconsumer",
            key,
            &group,
            &consumer,
            "--force",
            "--dry-run",
        ],
        vec![
            "claim",
            key,
            &group,
            "--to",
            "x\u{7}",
            "--min-idle",
            "0s",
            "--dry-run",
        ],
        vec!["ack", key, &group, "1700000000000-0", "--dry-run"],
    ];
    for color in ["never", "always"] {
        for args in &runs {
            let out = run_in_temp()
                .args(["-u", &s.url(), "stream"])
                .args([&["--color", color][..], &args[..]].concat())
                .raw();
            let what = format!("stream {args:?} --color {color}");
            assert!(out.status.code().is_some(), "{what}");
            assert_terminal_safe(&format!("{what} stdout"), &out.stdout, color == "always");
            assert_terminal_safe(&format!("{what} stderr"), &out.stderr, color == "always");
        }
    }
    // The escaped text is there to read, and raw still gives the bytes as stored.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["read", key])
        .raw();
    assert!(
        stdout(&out).contains("\\x1b]0;pwned\\x07\\x1b[2J\\r"),
        "{}",
        stdout(&out)
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["read", key, "--format", "raw"])
        .raw();
    assert!(
        out.stdout
            .windows(HOSTILE.len())
            .any(|w| w == HOSTILE.as_bytes())
    );
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

#[test]
fn job_reports_time_until_now_the_last_events_age_and_a_failures_error() {
    let s = RedisServer::start();
    let now = now_ms();
    let (first, last) = (now - 600_000, now - 240_000);
    let cmds: Vec<Vec<String>> = [
        (
            "job_events:run",
            first,
            "task_started",
            r#"{"progress": "开始"}"#,
        ),
        (
            "job_events:run",
            last,
            "task_progress",
            r#"{"progress": "一半"}"#,
        ),
        (
            "job_events:bad",
            first,
            "task_progress",
            r#"{"progress": "old progress"}"#,
        ),
        (
            "job_events:bad",
            last,
            "task_failed",
            r#"{"progress": "old progress", "error": "连接超时"}"#,
        ),
    ]
    .iter()
    .map(|(k, id, t, d)| {
        ["XADD", k, &format!("{id}-0"), "data", d, "event_type", t]
            .iter()
            .map(|a| a.to_string())
            .collect()
    })
    .collect();
    pipe_load(&s, &cmds);

    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["job", "run", "--format", "json"])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    let after = now_ms();
    assert_eq!(j["outcome"], "running");
    assert_eq!(j["last_event_type"], "task_progress");
    // Since the first event until now (not first to last), and the last event's age.
    let dur = j["duration_ms"].as_u64().unwrap();
    assert!((600_000..=after - first).contains(&dur), "{dur}");
    let age = j["last_event_age_ms"].as_u64().unwrap();
    assert!((240_000..=after - last).contains(&age), "{age}");
    let out = run_in_temp()
        .env("TZ", "UTC")
        .args(["-u", &s.url(), "stream"])
        .args(["job", "run"])
        .raw();
    let text = stdout(&out);
    assert!(
        text.contains("running: first event 10m") && text.contains("last event 4m"),
        "{text}"
    );
    assert!(text.contains("ago (task_progress)"), "{text}");
    // And the wall-clock times, in the local zone (today's: a time of day).
    let clock = |ms: u64| {
        let s = ms / 1000 % 86_400;
        format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    };
    if first / 86_400_000 == after / 86_400_000 {
        assert!(
            text.contains(&format!(
                "; started {}, last event {} (UTC)",
                clock(first),
                clock(last)
            )),
            "{text}"
        );
    }

    // A failure is summed up by its error, not by an older progress text.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["job", "bad"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let failed_line = text.lines().find(|l| l.contains("task_failed")).unwrap();
    assert!(failed_line.contains("连接超时"), "{text}");
    assert!(text.contains("failed in 6m"), "{text}");

    // --since takes a duration with a unit; a bare number is refused with the accepted forms.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["read", "job_events:run", "--since", "10"])
        .raw();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("--since 10") && err.contains("10m"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "read",
            "job_events:run",
            "--since",
            "5m",
            "--format",
            "ndjson",
        ])
        .raw();
    assert_eq!(lines(&out).len(), 1);

    // stream jobs on one server (replies framed in place) agrees with stream job.
    s.cli(&["SET", "job_events:str", "x"]);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["jobs", "--format", "json"])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(
        v["counts"],
        serde_json::json!({"running": 1, "completed": 0, "failed": 1, "stuck": 0, "dead_letters": 0})
    );
    // Both last events are at the same millisecond: ties go by stream name.
    let (bad, run_) = (&v["jobs"][0], &v["jobs"][1]);
    assert_eq!(
        (bad["job_id"].as_str(), run_["job_id"].as_str()),
        (Some("bad"), Some("run"))
    );
    assert_eq!(run_["summary"], "一半");
    assert_eq!(bad["summary"], "连接超时");
    assert_eq!(bad["duration_ms"], last - first);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["jobs", "--stuck-after", "3m"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn tail_and_job_follow_wait_for_a_missing_key_until_max_wait() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let url = s.url();
    let mut child = spawn_redkit(
        dir.path(),
        &[
            "-u",
            &url,
            "stream",
            "tail",
            "job_events:soon",
            "--format",
            "ndjson",
        ],
    );
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert!(line.contains("does not exist yet"), "{line}");
    let id = publish(&s, "job_events:soon", "task_started", "");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let v: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(v["id"], id.as_str());
    child.kill().unwrap();
    child.wait().unwrap();

    // --max-wait: exit 3 and one line naming the key.
    for args in [
        vec!["tail", "job_events:never", "--max-wait", "300ms"],
        vec![
            "tail",
            "job_events:soon",
            "job_events:never",
            "--max-wait",
            "300ms",
        ],
        vec!["job", "never", "--follow", "--max-wait", "300ms"],
    ] {
        let out = run_in_temp()
            .args(["-u", &s.url(), "stream"])
            .args(&args)
            .raw();
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        let last = err.lines().last().unwrap();
        assert!(
            last.contains("job_events:never") || last.contains("job never"),
            "{err}"
        );
        assert!(last.contains("--max-wait 300ms"), "{err}");
        if !args.contains(&"job_events:soon") {
            assert_eq!(stdout(&out), "", "{args:?}: no header before the error");
        }
    }
    // A running job that does not finish in time: the reason says how old its last event is.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["job", "soon", "--follow", "--max-wait", "300ms"])
        .raw();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("last event task_started"),
        "{}",
        stderr(&out)
    );

    // A missing group is an error before any table header.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "tail",
            "job_events:soon",
            "--group",
            "nope",
            "--consumer",
            "c",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    assert!(stderr(&out).contains("no consumer group 'nope'"));
}

/// Follows an idle job for many reply timeouts; any reconnect warning is a failure.
fn follow_idle_job_quietly(url: &str, cluster: bool) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["-u", url, "--timeout", "200ms"];
    if cluster {
        args.push("--cluster");
    }
    args.extend(["stream", "job", "idle", "--follow"]);
    let child = spawn_redkit(dir.path(), &args);
    // 3 s is fifteen reply timeouts and several blocking reads of 100 ms each.
    std::thread::sleep(Duration::from_secs(3));
    let pid = child.id().to_string();
    std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(stdout(&out).contains("task_started"), "{}", stdout(&out));
    assert!(
        !err.contains("reconnect") && !err.contains("warning"),
        "{err}"
    );
    assert!(err.contains("interrupted"), "{err}");
}

#[test]
fn following_an_idle_job_never_reconnects() {
    let s = RedisServer::start();
    publish(&s, "job_events:idle", "task_started", "");
    follow_idle_job_quietly(&s.url(), false);
    let c = Cluster::start(3, 0);
    c.cli(&["XADD", "job_events:idle", "*", "event_type", "task_started"]);
    follow_idle_job_quietly(&c.seed_url(), true);
}

#[test]
fn jobs_on_every_master_with_exact_states_and_ages() {
    let c = Cluster::start(3, 0);
    let now = now_ms();
    // (job, [(ms ago, event type)]): 8 of each kind, spread over the masters by name.
    let kinds: [&[(u64, &str)]; 4] = [
        &[(900_000, "task_started"), (600_000, "task_completed")],
        &[(900_000, "task_started"), (500_000, "task_failed")],
        &[(700_000, "task_started"), (60_000, "task_progress")],
        &[(7_200_000, "task_started"), (3_600_000, "task_progress")],
    ];
    let names = ["completed", "failed", "running", "stuck"];
    for j in 0..32 {
        let key = format!("job_events:{}-{j}", names[j % 4]);
        for (ago, t) in kinds[j % 4] {
            let data = if *t == "task_failed" {
                r#"{"progress": "old", "error": "连接超时"}"#.to_string()
            } else {
                format!(r#"{{"progress": "{t} of {j}"}}"#)
            };
            let id = format!("{}-0", now - ago - j as u64);
            c.cli(&["XADD", &key, &id, "data", &data, "event_type", t]);
        }
    }
    c.cli(&["SET", "job_events:not-a-stream", "x"]);
    let masters: Vec<&RedisServer> = c
        .nodes
        .iter()
        .filter(|n| n.cli(&["ROLE"]).starts_with("master"))
        .collect();
    assert!(masters.iter().all(|m| m.cli(&["DBSIZE"]) != "0"));

    let dir = tempfile::tempdir().unwrap();
    let jobs = |args: &[&str]| {
        let mut cmd = redkit(dir.path());
        cmd.args(["--cluster", "-u", &c.seed_url(), "stream", "jobs"])
            .args(args);
        cmd.output().unwrap()
    };
    let before = now_ms();
    let out = jobs(&["--format", "json"]);
    let after = now_ms();
    assert_eq!(
        out.status.code(),
        Some(1),
        "stuck jobs exit 1: {}",
        stderr(&out)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["counts"],
        serde_json::json!({"running": 8, "completed": 8, "failed": 8, "stuck": 8, "dead_letters": 0})
    );
    let list = v["jobs"].as_array().unwrap();
    assert_eq!(list.len(), 32);
    let mut last_seen = u64::MAX;
    for job in list {
        let keys: Vec<&str> = job
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "job_id",
                "stream",
                "state",
                "started",
                "last_event_type",
                "last_event",
                "last_event_age_ms",
                "duration_ms",
                "summary",
                "length",
                "dead_letters",
                "group_lag_seconds",
                "oldest_pending_seconds"
            ]
        );
        let id = job["job_id"].as_str().unwrap();
        let (kind, j) = id.split_once('-').unwrap();
        let j: u64 = j.parse().unwrap();
        assert_eq!(job["stream"], format!("job_events:{id}"));
        assert_eq!(job["state"], kind, "{job}");
        let steps = kinds[names.iter().position(|n| *n == kind).unwrap()];
        let (first_ago, last_ago) = (steps[0].0 + j, steps[1].0 + j);
        let last_ms = now - last_ago;
        let age = job["last_event_age_ms"].as_u64().unwrap();
        assert!((before - last_ms..=after - last_ms).contains(&age), "{job}");
        let dur = job["duration_ms"].as_u64().unwrap();
        if kind == "completed" || kind == "failed" {
            assert_eq!(dur, first_ago - last_ago, "{job}");
        } else {
            assert!((before - (now - first_ago)..=after - (now - first_ago)).contains(&dur));
        }
        assert_eq!(job["last_event_type"], steps[1].1);
        if kind == "failed" {
            assert_eq!(job["summary"], "连接超时");
        }
        // Most recent activity first.
        assert!(last_ms <= last_seen, "not sorted: {job}");
        last_seen = last_ms;
    }

    // --sort with --limit: the order asked for, and a footer that says which jobs it kept.
    let states = |args: &[&str]| -> Vec<String> {
        let out = jobs(&[args, &["--format", "json"][..]].concat());
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j["state"].as_str().unwrap().to_string())
            .collect()
    };
    let by_state = states(&["--sort", "state", "--limit", "10"]);
    assert_eq!(by_state[..8], ["stuck"; 8], "{by_state:?}");
    assert_eq!(by_state[8..], ["failed"; 2], "{by_state:?}");
    // The oldest last events are the stuck jobs' (an hour ago).
    assert_eq!(states(&["--sort", "age", "--limit", "3"]), ["stuck"; 3]);
    let table = stdout(&jobs(&["--sort", "state", "--limit", "10"]));
    assert!(table.contains("; 10 shown, by state"), "{table}");
    let table = stdout(&jobs(&["--limit", "4"]));
    assert!(table.contains("; 4 shown, the most recent"), "{table}");

    // Filters; a config that moves the stuck line; -q silent when nothing is stuck.
    let out = jobs(&["--state", "failed,completed", "--format", "ndjson"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out).len(), 16);
    let out = jobs(&["--since", "20m", "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["counts"]["stuck"], 0);
    assert_eq!(v["jobs"].as_array().unwrap().len(), 24);
    assert_eq!(out.status.code(), Some(0));
    let out = jobs(&["--since", "20"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::write(
        dir.path().join("redkit.yaml"),
        "streams:\n  stuck_after: 2h\n",
    )
    .unwrap();
    let out = jobs(&["-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let out = jobs(&["--stuck-after", "30s", "--state", "stuck"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("16 jobs: 0 running, 0 completed, 0 failed, 16 stuck"),
        "{text}"
    );
    // -q on a problem: the stuck jobs and the summary, not the completed and failed ones.
    let out = jobs(&["--stuck-after", "30s", "-q"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("stuck") && !text.contains(" completed  "),
        "{text}"
    );
    assert!(!text.contains(" failed  "), "{text}");
}

fn json_of(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {} / {}", stdout(out), stderr(out)))
}

/// XINFO GROUPS of `key` as (name, last-delivered-id, lag) from redis-cli's flat output.
fn xinfo_group(s: &RedisServer, key: &str) -> Option<(String, String, String)> {
    let text = s.cli(&["XINFO", "GROUPS", key]);
    let l: Vec<&str> = text.lines().collect();
    let at = |name: &str| {
        l.iter()
            .position(|x| *x == name)
            .and_then(|i| l.get(i + 1))
            .map(|v| v.to_string())
    };
    Some((
        at("name")?,
        at("last-delivered-id")?,
        at("lag").unwrap_or_default(),
    ))
}

/// Entries XREADGROUP hands a new consumer now (what the group has not yet seen).
fn undelivered(s: &RedisServer, key: &str, group: &str) -> usize {
    s.cli(&[
        "XREADGROUP",
        "GROUP",
        group,
        "probe",
        "COUNT",
        "1000",
        "STREAMS",
        key,
        ">",
    ])
    .lines()
    .filter(|l| l.starts_with("17000000000"))
    .count()
}

#[test]
fn group_create_and_setid_preview_what_xinfo_then_shows() {
    let s = RedisServer::start();
    let key = "job_events:grp";
    load(&s, key, 1_700_000_000_001, 10, "task_progress");
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "group",
            "create",
            key,
            "w",
            "--from",
            "0",
            "--dry-run",
            "--format",
            "json",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(
        (v["lag_after"].as_u64(), v["changed"].as_bool()),
        (Some(10), Some(false))
    );
    assert_eq!(xinfo_group(&s, key), None, "a dry run created the group");
    // No terminal, no --yes: refused, nothing created.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["group", "create", key, "w", "--from", "0"])
        .raw();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--yes"));
    assert_eq!(xinfo_group(&s, key), None);

    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "group",
            "create",
            key,
            "w",
            "--from",
            "1700000000004-0",
            "-y",
            "--format",
            "json",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["lag_after"], 6);
    let (name, last, lag) = xinfo_group(&s, key).unwrap();
    assert_eq!((name.as_str(), last.as_str()), ("w", "1700000000004-0"));
    assert_eq!(lag, "6");
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["group", "create", key, "w", "-y"])
        .raw();
    assert_eq!(out.status.code(), Some(1), "an existing group is refused");
    assert_eq!(undelivered(&s, key, "w"), 6);

    // Back to the start: every entry delivered again; the dry run changes nothing.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "group",
            "setid",
            key,
            "w",
            "0",
            "--dry-run",
            "--format",
            "json",
        ])
        .raw();
    let v = json_of(&out);
    assert_eq!(
        (
            v["lag_before"].as_u64(),
            v["lag_after"].as_u64(),
            v["redelivered"].as_u64()
        ),
        (Some(0), Some(10), Some(10))
    );
    assert_eq!(xinfo_group(&s, key).unwrap().1, "1700000000010-0");
    // To a time: entries from that millisecond on are delivered again.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "group",
            "setid",
            key,
            "w",
            "2023-11-14T22:13:20.008Z",
            "--yes",
            "--format",
            "json",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(
        (v["lag_after"].as_u64(), v["redelivered"].as_u64()),
        (Some(3), Some(3))
    );
    let (_, last, lag) = xinfo_group(&s, key).unwrap();
    assert_eq!(
        (last.as_str(), lag.as_str()),
        ("1700000000007-18446744073709551615", "3")
    );
    assert_eq!(undelivered(&s, key, "w"), 3);
    // Forward: entries skipped.
    s.cli(&["XGROUP", "SETID", key, "w", "1700000000002-0"]);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["group", "setid", key, "w", "$", "-y", "--format", "json"])
        .raw();
    let v = json_of(&out);
    assert_eq!(
        (v["skipped"].as_u64(), v["lag_after"].as_u64()),
        (Some(8), Some(0))
    );
    assert_eq!(undelivered(&s, key, "w"), 0);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["group", "setid", key, "nope", "0", "-y"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

/// Makes `ids` pending with `consumer`, idle for `idle_ms` (XCLAIM … IDLE sets it exactly).
fn hold(s: &RedisServer, key: &str, group: &str, consumer: &str, ids: &[&str], idle_ms: u64) {
    let mut args = vec!["XCLAIM", key, group, consumer, "0"];
    args.extend_from_slice(ids);
    let idle = idle_ms.to_string();
    args.extend(["IDLE", &idle, "FORCE", "JUSTID"]);
    s.cli(&args);
}

fn pending_of(s: &RedisServer, key: &str, group: &str) -> Vec<(String, String)> {
    let text = s.cli(&["XPENDING", key, group, "-", "+", "100"]);
    let l: Vec<&str> = text.lines().collect();
    l.chunks(4)
        .map(|c| (c[0].to_string(), c[1].to_string()))
        .collect()
}

#[test]
fn claim_moves_exactly_the_idle_entries_and_delconsumer_guards_pending_work() {
    let s = RedisServer::start();
    let key = "job_events:work";
    load(&s, key, 1_700_000_000_001, 8, "task_progress");
    s.cli(&["XGROUP", "CREATE", key, "g", "$"]);
    let id = |n: u64| format!("{}-0", 1_700_000_000_000 + n);
    let (i1, i2, i3, i4, i5, i6) = (id(1), id(2), id(3), id(4), id(5), id(6));
    hold(&s, key, "g", "dead", &[&i1, &i2, &i3, &i4], 3_600_000);
    hold(&s, key, "g", "busy", &[&i5, &i6], 0);
    let before = pending_of(&s, key, "g");

    let claim = |extra: &[&str]| {
        let mut a = vec![
            "claim",
            key,
            "g",
            "--to",
            "live",
            "--min-idle",
            "10m",
            "--format",
            "json",
        ];
        a.extend_from_slice(extra);
        run_in_temp()
            .args(["-u", &s.url(), "stream"])
            .args(&a)
            .raw()
    };
    // "live" is not a consumer yet: a typo would hand the work to nobody. A warning on
    // stderr naming the group's consumers; under -q (nobody reads it) a refusal, exit 2,
    // before anything moves; neither with --new-consumer.
    let out = claim(&["--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: 'live' is not a consumer of group 'g'")
            && stderr(&out).contains("busy, dead")
            && stderr(&out).contains("--new-consumer"),
        "{}",
        stderr(&out)
    );
    assert_eq!(json_of(&out)["candidates"], 4);
    let out = run_in_temp()
        .args(["-u", &s.url(), "-q", "stream"])
        .args([
            "claim",
            key,
            "g",
            "--to",
            "live",
            "--min-idle",
            "10m",
            "--yes",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("'live' is not a consumer of group 'g'"),
        "{}",
        stderr(&out)
    );
    assert_eq!(pending_of(&s, key, "g"), before, "nothing moved under -q");
    let claim = |extra: &[&str]| {
        let mut a = vec!["--new-consumer"];
        a.extend_from_slice(extra);
        claim(&a)
    };
    let out = claim(&["--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["candidates"], 4);
    assert_eq!(v["ids"], serde_json::json!([i1, i2, i3, i4]));
    // The preview names each entry's consumer, idle time and deliveries.
    assert_eq!(v["entries"][0]["consumer"], "dead");
    assert!(
        v["entries"][0]["idle_ms"].as_u64().unwrap() >= 3_600_000,
        "{v}"
    );
    let text = stdout(
        &run_in_temp()
            .args(["-u", &s.url(), "stream"])
            .args([
                "claim",
                key,
                "g",
                "--to",
                "busy",
                "--min-idle",
                "10m",
                "--dry-run",
            ])
            .raw(),
    );
    assert!(
        text.contains(&format!("{i1}  from dead  idle 1h"))
            && text.contains("would move 4 pending entries"),
        "{text}"
    );
    assert_eq!(
        pending_of(&s, key, "g"),
        before,
        "the dry run moved entries"
    );
    let out = claim(&[]);
    assert_eq!(out.status.code(), Some(2), "no terminal and no --yes");
    assert_eq!(pending_of(&s, key, "g"), before);

    // One of the stuck entries is deleted meanwhile: reported, and dropped from the group.
    s.cli(&["XDEL", key, &i2]);
    let out = claim(&["--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["ids"], serde_json::json!([i1, i3, i4]));
    assert_eq!(v["deleted"], serde_json::json!([i2]));
    let after = pending_of(&s, key, "g");
    let owner = |i: &str| after.iter().find(|(x, _)| x == i).map(|(_, c)| c.clone());
    assert_eq!(after.len(), 5);
    for i in [&i1, &i3, &i4] {
        assert_eq!(owner(i).as_deref(), Some("live"));
    }
    assert_eq!(
        (owner(&i5).as_deref(), owner(&i6).as_deref()),
        (Some("busy"), Some("busy"))
    );
    assert_eq!(owner(&i2), None);

    // --from-consumer and --count pick only that consumer's entries.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "claim",
            key,
            "g",
            "--to",
            "live",
            "--min-idle",
            "0s",
            "--from-consumer",
            "busy",
            "--count",
            "1",
            "-y",
            "--format",
            "json",
        ])
        .raw();
    assert_eq!(json_of(&out)["ids"], serde_json::json!([i5]));

    // delconsumer: refused while the consumer holds entries; --force says what it drops.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["group", "delconsumer", key, "g", "live", "-y"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("live: 4 pending"), "{}", stderr(&out));
    assert!(s.cli(&["XINFO", "CONSUMERS", key, "g"]).contains("live"));
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "group",
            "delconsumer",
            key,
            "g",
            "live",
            "--force",
            "--dry-run",
            "--format",
            "json",
        ])
        .raw();
    assert_eq!(json_of(&out)["pending_dropped"], 4);
    assert_eq!(pending_of(&s, key, "g").len(), 5);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "group",
            "delconsumer",
            key,
            "g",
            "live",
            "--force",
            "-y",
            "--format",
            "json",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_of(&out)["pending_dropped"], 4);
    assert_eq!(
        pending_of(&s, key, "g"),
        vec![(i6.clone(), "busy".to_string())]
    );
    // --idle-over: "dead" has not been seen for over a second; "busy" is seen just before.
    std::thread::sleep(Duration::from_millis(1500));
    s.cli(&[
        "XREADGROUP",
        "GROUP",
        "g",
        "busy",
        "COUNT",
        "1",
        "STREAMS",
        key,
        "0",
    ]);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "group",
            "delconsumer",
            key,
            "g",
            "--idle-over",
            "1s",
            "-y",
            "--format",
            "json",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["consumers"][0]["name"], "dead");
    assert_eq!(v["consumers"].as_array().unwrap().len(), 1);

    // ack: by id (one pending, one not) and by consumer.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "ack",
            key,
            "g",
            &i6,
            &i7_of(),
            "--dry-run",
            "--format",
            "json",
        ])
        .raw();
    let v = json_of(&out);
    assert_eq!(
        (v["candidates"].as_u64(), v["skipped"][0].as_str()),
        (Some(1), Some(i7_of().as_str()))
    );
    assert_eq!(pending_of(&s, key, "g").len(), 1);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["ack", key, "g", "--from-consumer", "busy", "-y"])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(pending_of(&s, key, "g").is_empty());
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["ack", key, "g", "not-an-id", "-y"])
        .raw();
    assert_eq!(out.status.code(), Some(2));
}

fn i7_of() -> String {
    "1700000000007-0".to_string()
}

#[test]
fn group_operations_route_on_a_cluster() {
    let c = Cluster::start(3, 0);
    let dir = tempfile::tempdir().unwrap();
    let rk = |args: &[&str]| {
        let mut cmd = redkit(dir.path());
        cmd.args(["--cluster", "-u", &c.seed_url(), "stream"])
            .args(args);
        cmd.output().unwrap()
    };
    for (i, key) in [
        "job_events:a",
        "job_events:b",
        "job_events:c",
        "job_events:d",
    ]
    .iter()
    .enumerate()
    {
        for n in 1..=3 {
            c.cli(&[
                "XADD",
                key,
                &format!("{}-0", 1_700_000_000_000u64 + n),
                "event_type",
                "x",
            ]);
        }
        let out = rk(&[
            "group", "create", key, "g", "--from", "0", "-y", "--format", "json",
        ]);
        assert_eq!(out.status.code(), Some(0), "{key}: {}", stderr(&out));
        assert_eq!(json_of(&out)["lag_after"], 3);
        c.cli(&["XREADGROUP", "GROUP", "g", "dead", "STREAMS", key, ">"]);
        let out = rk(&[
            "claim",
            key,
            "g",
            "--to",
            "live",
            "--new-consumer",
            "--min-idle",
            "0s",
            "-y",
            "--format",
            "json",
        ]);
        assert_eq!(json_of(&out)["ids"].as_array().unwrap().len(), 3, "{key}");
        let out = rk(&["ack", key, "g", "--from-consumer", "live", "-y"]);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            c.cli(&["XPENDING", key, "g"]).lines().next(),
            Some("0"),
            "{key} #{i}"
        );
    }
}

/// A server that refuses the per-stream reads (an ACL user without XINFO, or without
/// XRANGE) is a failure naming the refusal, exit 3: never "no streams" or "0 jobs", which
/// cron would take for an all-clear. A key replaced by another type is still just skipped.
#[test]
fn refused_stream_reads_are_failures_not_empty_results() {
    let s = RedisServer::start();
    publish(&s, "job_events:a1", "task_started", "");
    s.cli(&["SET", "job_events:plain", "x"]);
    s.cli(&[
        "ACL",
        "SETUSER",
        "noinfo",
        "on",
        ">noinfo-pw-1",
        "~*",
        "+@all",
        "-xinfo",
    ]);
    s.cli(&[
        "ACL",
        "SETUSER",
        "norange",
        "on",
        ">norange-pw-1",
        "~*",
        "+@all",
        "-xrange",
        "-xrevrange",
    ]);
    let dir = tempfile::tempdir().unwrap();
    let as_user = |user: &str, args: &[&str]| {
        let url = format!("redis://{user}:{user}-pw-1@127.0.0.1:{}", s.port);
        redkit(dir.path())
            .args(["-u", &url, "stream"])
            .args(args)
            .output()
            .unwrap()
    };
    for (user, args) in [
        ("noinfo", vec!["list"]),
        ("noinfo", vec!["list", "-q"]),
        ("norange", vec!["jobs"]),
        ("norange", vec!["jobs", "-q"]),
        ("norange", vec!["jobs", "--format", "json"]),
    ] {
        let out = as_user(user, &args);
        assert_eq!(
            out.status.code(),
            Some(3),
            "{user} {args:?}: {}",
            stdout(&out)
        );
        assert!(
            stderr(&out).contains("NOPERM"),
            "{user} {args:?}: {}",
            stderr(&out)
        );
    }
    // The default user sees the stream, and the string under the pattern is no job.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["jobs", "--format", "json"])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let j: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(j["jobs"].as_array().unwrap().len(), 1, "{j}");
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["list", "--format", "json"])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A server that keeps taking connections but stops answering (a proxy that stalls): a
/// follower gives up after a few timeouts in a row, exit 3 with one line, instead of
/// reconnecting forever. (A restart, seen as refused connections, is still waited out.)
#[test]
fn a_follower_gives_up_on_a_server_that_stops_answering() {
    let s = RedisServer::start();
    publish(&s, "job_events:stall", "task_started", "");
    let proxy = crate::support::db::StallingProxy::start(s.port);
    let dir = tempfile::tempdir().unwrap();
    let url = format!("redis://127.0.0.1:{}", proxy.port);
    for args in [
        vec!["tail", "job_events:stall"],
        vec!["job", "stall", "--follow"],
    ] {
        proxy.stall(false);
        let mut child = spawn_redkit(
            dir.path(),
            &[
                &[
                    "-u",
                    url.as_str(),
                    "--timeout",
                    "500ms",
                    "--connect-timeout",
                    "500ms",
                    "stream",
                ][..],
                &args[..],
            ]
            .concat(),
        );
        std::thread::sleep(Duration::from_millis(800));
        assert!(child.try_wait().unwrap().is_none(), "{args:?} ended early");
        proxy.stall(true);
        let deadline = Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(st) = child.try_wait().unwrap() {
                break st;
            }
            assert!(
                Instant::now() < deadline,
                "{args:?} still following a silent server"
            );
            std::thread::sleep(Duration::from_millis(100));
        };
        let out = child.wait_with_output().unwrap();
        assert_eq!(status.code(), Some(3), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("does not answer"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

/// A stream's groups and pending lists as redis-cli prints them: what a trim must not change.
fn group_state(cli: &dyn Fn(&[&str]) -> String, key: &str) -> String {
    let mut out = cli(&["XINFO", "GROUPS", key]);
    for g in cli(&["XINFO", "GROUPS", key])
        .lines()
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[0] == "name")
        .map(|w| w[1].to_string())
    {
        out.push_str(&cli(&["XPENDING", key, &g, "-", "+", "1000"]).replace(char::is_numeric, ""));
        out.push_str(&cli(&["XPENDING", key, &g]));
    }
    out
}

/// Ten entries 1-0 .. 10-0 (1970, so `--older-than` selects them all).
fn ten(cli: &dyn Fn(&[&str]) -> String, key: &str) {
    for i in 1..=10 {
        cli(&[
            "XADD",
            key,
            &format!("{i}-0"),
            "data",
            &format!("{{\"n\": {i}}}"),
        ]);
    }
}

fn trimmed<'a>(v: &'a Value, key: &str) -> &'a Value {
    v["streams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stream"] == key)
        .unwrap_or_else(|| panic!("{key} not in {v}"))
}

/// The groups' cases on any server (standalone or cluster): `cli` writes, `rk` runs redkit.
fn trim_keeps_unprocessed_work(
    cli: &dyn Fn(&[&str]) -> String,
    rk: &dyn Fn(&[&str]) -> std::process::Output,
) {
    // q:{pending}: group g was delivered 3 (pending), never given 7; group h read and acked all.
    ten(cli, "q:{pending}");
    cli(&["XGROUP", "CREATE", "q:{pending}", "g", "0"]);
    cli(&[
        "XREADGROUP",
        "GROUP",
        "g",
        "c1",
        "COUNT",
        "3",
        "STREAMS",
        "q:{pending}",
        ">",
    ]);
    cli(&["XGROUP", "CREATE", "q:{pending}", "h", "$"]);
    // q:{zero}: a group at 0-0 whose entries-read claims it read everything.
    ten(cli, "q:{zero}");
    cli(&[
        "XGROUP",
        "CREATE",
        "q:{zero}",
        "z",
        "0",
        "ENTRIESREAD",
        "10",
    ]);
    // q:{gone}: the oldest pending entry was deleted; 2-5 acked, 6-10 never delivered.
    ten(cli, "q:{gone}");
    cli(&["XGROUP", "CREATE", "q:{gone}", "g", "0"]);
    cli(&[
        "XREADGROUP",
        "GROUP",
        "g",
        "c1",
        "COUNT",
        "5",
        "STREAMS",
        "q:{gone}",
        ">",
    ]);
    cli(&["XACK", "q:{gone}", "g", "2-0", "3-0", "4-0", "5-0"]);
    cli(&["XDEL", "q:{gone}", "1-0"]);
    // q:{mid}: a pending entry in the middle was deleted (XDEL): it holds nothing back.
    ten(cli, "q:{mid}");
    cli(&["XGROUP", "CREATE", "q:{mid}", "g", "0"]);
    cli(&[
        "XREADGROUP",
        "GROUP",
        "g",
        "c1",
        "COUNT",
        "5",
        "STREAMS",
        "q:{mid}",
        ">",
    ]);
    cli(&["XACK", "q:{mid}", "g", "1-0", "2-0", "4-0", "5-0"]);
    cli(&["XDEL", "q:{mid}", "3-0"]);
    // q:{free}: no groups, trimmed as XTRIM does.
    ten(cli, "q:{free}");
    let keys = ["q:{pending}", "q:{zero}", "q:{gone}", "q:{free}"];
    let before: Vec<String> = keys.iter().map(|k| group_state(cli, k)).collect();

    let dry = rk(&[
        "trim",
        "--match",
        "q:*",
        "--maxlen",
        "2",
        "--dry-run",
        "--format",
        "json",
    ]);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    let dry = json_of(&dry);
    let p = trimmed(&dry, "q:{pending}");
    assert_eq!(
        (p["removed"].as_u64(), p["kept"].as_u64()),
        (Some(0), Some(8)),
        "{p}"
    );
    let g = &p["groups"][0];
    assert_eq!(g["group"], "g");
    assert_eq!(
        (g["undelivered"].as_u64(), g["pending"].as_u64()),
        (Some(5), Some(3)),
        "{g}"
    );
    assert_eq!(
        p["groups"][1]["unprocessed"], 0,
        "group h needs nothing: {p}"
    );
    assert_eq!(trimmed(&dry, "q:{zero}")["kept"], 8);
    let gone = trimmed(&dry, "q:{gone}");
    // Rule: 2..8 go (7 of the 9 left); the group needs 6.. : 2..5 go, 6..8 kept.
    assert_eq!(
        (gone["removed"].as_u64(), gone["kept"].as_u64()),
        (Some(4), Some(3)),
        "{gone}"
    );
    let mid = trimmed(&dry, "q:{mid}");
    assert_eq!(
        (mid["removed"].as_u64(), mid["kept"].as_u64()),
        (Some(4), Some(3)),
        "{mid}"
    );
    assert_eq!(trimmed(&dry, "q:{free}")["removed"], 8);
    assert_eq!(trimmed(&dry, "q:{free}")["groups"], serde_json::json!([]));
    assert_eq!(dry["kept"], 22);

    let table = rk(&["trim", "--match", "q:*", "--maxlen", "2", "--dry-run"]);
    assert!(
        stdout(&table)
            .contains("kept 8 entries: group g has not read 5 of them and is processing 3"),
        "{}",
        stdout(&table)
    );
    assert!(
        stdout(&table).contains("group z has not read them"),
        "{}",
        stdout(&table)
    );

    let real = rk(&[
        "trim", "--match", "q:*", "--maxlen", "2", "--yes", "--format", "json",
    ]);
    assert_eq!(real.status.code(), Some(0), "{}", stderr(&real));
    let real = json_of(&real);
    assert_eq!(real["removed"], dry["removed"], "{real}");
    assert_eq!(cli(&["XLEN", "q:{pending}"]), "10");
    assert_eq!(cli(&["XLEN", "q:{zero}"]), "10");
    assert_eq!(
        cli(&["XRANGE", "q:{gone}", "-", "+", "COUNT", "1"])
            .lines()
            .next(),
        Some("6-0")
    );
    assert_eq!(cli(&["XLEN", "q:{free}"]), "2");
    for (k, b) in keys.iter().zip(&before).take(3) {
        // Groups, last-delivered ids, entries-read and pending lists exactly as before.
        let after = group_state(cli, k);
        assert_eq!(
            &after.replace("lag\n0", "lag\n"),
            &b.replace("lag\n0", "lag\n"),
            "{k}"
        );
    }

    // --older-than selects all ten (1970): the groups still keep theirs.
    let out = rk(&[
        "trim",
        "q:{pending}",
        "--older-than",
        "1d",
        "--yes",
        "--format",
        "json",
    ]);
    assert_eq!(json_of(&out)["removed"], 0, "{}", stdout(&out));
    assert_eq!(cli(&["XLEN", "q:{pending}"]), "10");

    // Acked work goes: g acks 1-0 and 2-0, so those two (and nothing the group needs) go.
    cli(&["XACK", "q:{pending}", "g", "1-0", "2-0"]);
    let out = rk(&[
        "trim",
        "q:{pending}",
        "--maxlen",
        "2",
        "--yes",
        "--format",
        "json",
    ]);
    let v = json_of(&out);
    assert_eq!(
        (v["removed"].as_u64(), v["kept"].as_u64()),
        (Some(2), Some(6)),
        "{v}"
    );
    assert_eq!(
        cli(&["XRANGE", "q:{pending}", "-", "+", "COUNT", "1"])
            .lines()
            .next(),
        Some("3-0")
    );

    // --include-unprocessed: the dry run names the group that loses entries, then they go.
    let out = rk(&[
        "trim",
        "q:{pending}",
        "--maxlen",
        "2",
        "--include-unprocessed",
        "--dry-run",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("group g loses 6 (5 never delivered, 1 pending)"),
        "{text}"
    );
    assert!(
        text.contains("would lose 6 entries that consumer groups had not processed"),
        "{text}"
    );
    assert_eq!(cli(&["XLEN", "q:{pending}"]), "8");
    let out = rk(&[
        "trim",
        "q:{pending}",
        "--maxlen",
        "2",
        "--include-unprocessed",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "no terminal, no --yes: {}",
        stderr(&out)
    );
    let out = rk(&[
        "trim",
        "q:{pending}",
        "--maxlen",
        "2",
        "--include-unprocessed",
        "--yes",
        "--format",
        "json",
    ]);
    let v = json_of(&out);
    assert_eq!(
        (v["removed"].as_u64(), v["unprocessed_removed"].as_u64()),
        (Some(6), Some(6)),
        "{v}"
    );
    assert_eq!(cli(&["XLEN", "q:{pending}"]), "2");
}

#[test]
fn trim_never_removes_what_a_group_has_not_processed() {
    let s = RedisServer::start();
    let cli = |a: &[&str]| s.cli(a);
    let rk = |a: &[&str]| run_in_temp().args(["-u", &s.url(), "stream"]).args(a).raw();
    trim_keeps_unprocessed_work(&cli, &rk);
}

#[test]
fn trim_keeps_unprocessed_work_on_every_master_of_a_cluster() {
    let c = Cluster::start(3, 0);
    let dir = tempfile::tempdir().unwrap();
    let cli = |a: &[&str]| c.cli(a);
    let rk = |a: &[&str]| {
        let mut cmd = redkit(dir.path());
        cmd.args(["--cluster", "-u", &c.seed_url(), "stream"])
            .args(a);
        cmd.output().unwrap()
    };
    // The four streams' hash tags spread them over the masters.
    let owners: std::collections::HashSet<String> = ["pending", "zero", "gone", "free"]
        .iter()
        .map(|t| c.cli(&["CLUSTER", "KEYSLOT", t]))
        .map(|slot| slot.parse::<u16>().unwrap() / 5462)
        .map(|m| m.to_string())
        .collect();
    assert!(owners.len() >= 2, "tags all on one master: {owners:?}");
    trim_keeps_unprocessed_work(&cli, &rk);
}

#[test]
fn queries_that_select_nothing_exit_1_and_name_the_filter() {
    let s = RedisServer::start();
    let key = "job_events:1212";
    load(&s, key, 1_700_000_000_000, 14, "task_progress");
    s.cli(&["XADD", "job_events:empty", "1-0", "x", "y"]);
    s.cli(&["XDEL", "job_events:empty", "1-0"]);
    for quiet in [false, true] {
        let q: &[&str] = if quiet { &["-q"] } else { &[] };
        let go = |a: &[&str]| {
            let dir = tempfile::tempdir().unwrap();
            let mut c = redkit(dir.path());
            c.args(["-u", &s.url()]).args(q).arg("stream").args(a);
            c.output().unwrap()
        };
        let check = |out: std::process::Output, want: &str| {
            assert_eq!(out.status.code(), Some(1), "{want}: {}", stderr(&out));
            if quiet {
                assert_eq!(stdout(&out) + &stderr(&out), "", "-q prints nothing");
            } else {
                assert!(stderr(&out).contains(want), "want {want}: {}", stderr(&out));
                assert!(
                    !stderr(&out).contains("no entries in that range") || want.contains("range")
                );
            }
        };
        for f in [
            &["--format", "ndjson"][..],
            &["--format", "table"],
            &["--format", "json"],
        ] {
            let mut a = vec!["read", key, "--event-type", "task_completed"];
            a.extend_from_slice(f);
            check(go(&a), "no entry of type task_completed among 14 entries");
        }
        check(
            go(&["read", key, "--grep", "nothere"]),
            "no entry containing \"nothere\" among 14 entries",
        );
        check(
            go(&[
                "read",
                key,
                "--from",
                "1700000000005-0",
                "--to",
                "1700000000007-0",
                "--event-type",
                "x",
            ]),
            "no entry of type x among 3 entries in that range",
        );
        check(
            go(&["read", key, "--from", "1800000000000-0"]),
            "no entries in that range",
        );
        check(
            go(&["read", "job_events:empty"]),
            "the stream has no entries",
        );
        // Found something: exit 0.
        let out = go(&["read", key, "--event-type", "task_progress", "-n", "1"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        check(go(&["list", "--match", "nomatch:*"]), "");
        let out = go(&["list", "--match", "job_events:*"]);
        assert_eq!(out.status.code(), Some(0));
        check(go(&["job", "empty"]), "");
    }
    // pending: nothing pending, and a filter that selects nothing among what is pending.
    s.cli(&["XGROUP", "CREATE", key, "g", "0"]);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["pending", key, "g"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing pending"), "{}", stderr(&out));
    s.cli(&[
        "XREADGROUP",
        "GROUP",
        "g",
        "w-1",
        "COUNT",
        "2",
        "STREAMS",
        key,
        ">",
    ]);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["pending", key, "g", "--consumer", "w-9"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no pending entry held by consumer w-9 among 2 pending"),
        "{}",
        stderr(&out)
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["pending", key, "g", "--min-idle", "1h", "--format", "json"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_of(&out)["entries"], serde_json::json!([]));
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["-q", "pending", key, "g"])
        .raw();
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), String::new()));
    // A group the stream does not have: named with the groups it has.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["pending", key, "workers"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no consumer group 'workers' (its groups: g)"),
        "{}",
        stderr(&out)
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "claim",
            key,
            "nope",
            "--to",
            "w-1",
            "--min-idle",
            "0s",
            "--dry-run",
        ])
        .raw();
    assert!(stderr(&out).contains("(its groups: g)"), "{}", stderr(&out));
}

#[test]
fn names_are_bytes_and_counts_come_from_the_server() {
    let s = RedisServer::start();
    // A consumer named w\xff\xfe holding two entries, and a stuck job whose key is not UTF-8.
    let key = "job_events:bytes";
    load(&s, key, 1_700_000_000_001, 4, "task_progress");
    s.cli(&["XGROUP", "CREATE", key, "g", "0"]);
    s.cli_stdin(
        &[],
        b"XREADGROUP GROUP g \"w\\xff\\xfe\" COUNT 2 STREAMS job_events:bytes >\n\
          XADD \"job_events:j\\xff\" 1-0 event_type task_progress data \"{}\"\n",
    );
    let w: &[u8] = b"w\xff\xfe";
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["pending", key, "g", "--format", "json"])
        .raw();
    let v = json_of(&out);
    assert_eq!(
        v["entries"][0]["consumer"],
        serde_json::json!({"base64": "d//+"})
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args_bytes(&[
            b"pending",
            key.as_bytes(),
            b"g",
            b"--consumer",
            w,
            b"--format",
            b"ndjson",
        ])
        .raw();
    assert_eq!(
        (out.status.code(), lines(&out).len()),
        (Some(0), 2),
        "{}",
        stderr(&out)
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["info", key])
        .raw();
    assert!(stdout(&out).contains("w\\xff\\xfe"), "{}", stdout(&out));

    // delconsumer: the exact bytes reach Redis; refused while holding work, then removed.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args_bytes(&[b"group", b"delconsumer", key.as_bytes(), b"g", w, b"-y"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("w\\xff\\xfe: 2 pending"),
        "{}",
        stderr(&out)
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args_bytes(&[
            b"group",
            b"delconsumer",
            key.as_bytes(),
            b"g",
            w,
            b"--force",
            b"-y",
            b"--format",
            b"json",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(
        (v["removed"].as_u64(), v["pending_dropped"].as_u64()),
        (Some(1), Some(2)),
        "{v}"
    );
    assert_eq!(s.cli(&["XINFO", "CONSUMERS", key, "g"]), "");
    assert_eq!(s.cli(&["XPENDING", key, "g"]).lines().next(), Some("0"));
    // Again: nothing to remove is not "done".
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args_bytes(&[
            b"group",
            b"delconsumer",
            key.as_bytes(),
            b"g",
            w,
            b"--force",
            b"-y",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("has no consumer 'w\\xff\\xfe' (nothing removed; its consumers: none)"),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains("done"));
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args_bytes(&[
            b"group",
            b"delconsumer",
            key.as_bytes(),
            b"g",
            w,
            b"--force",
            b"-y",
            b"--format",
            b"json",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(
        (
            v["consumers"].clone(),
            v["removed"].as_u64(),
            v["changed"].as_bool()
        ),
        (serde_json::json!([]), Some(0), Some(false)),
        "{v}"
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "group",
            "delconsumer",
            key,
            "g",
            "--idle-over",
            "1d",
            "-y",
            "--format",
            "json",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(
        (
            v["consumers"].clone(),
            v["removed"].as_u64(),
            v["changed"].as_bool()
        ),
        (serde_json::json!([]), Some(0), Some(false)),
        "{v}"
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["group", "delconsumer", key, "g", "--idle-over", "1d", "-y"])
        .raw();
    assert!(
        stdout(&out).contains("nothing changed") && !stdout(&out).contains("done"),
        "{}",
        stdout(&out)
    );

    // The non-UTF-8 job stream: listed, judged stuck (so -q exits 1), trimmed by --match.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["list", "--format", "json"])
        .raw();
    let names: Vec<Value> = json_of(&out)["streams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stream"].clone())
        .collect();
    assert!(
        names.contains(&serde_json::json!({"base64": "am9iX2V2ZW50czpq/w=="})),
        "{names:?}"
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["-q", "jobs", "--match", "job_events:j*"])
        .raw();
    assert_eq!(out.status.code(), Some(1), "a stuck job hidden by its name");
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["jobs", "--match", "job_events:j*", "--format", "json"])
        .raw();
    let v = json_of(&out);
    assert_eq!(v["counts"]["stuck"], 1, "{v}");
    // `stream job` judges it as `stream jobs` does: stuck, exit 1.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args_bytes(&[b"job", b"j\xff", b"--format", b"json"])
        .raw();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let one = json_of(&out);
    assert_eq!(one["outcome"], "stuck", "{one}");
    assert_eq!(
        (
            one["job_id"].clone(),
            one["events"].as_array().map(Vec::len)
        ),
        (serde_json::json!({"base64": "av8="}), Some(1)),
        "{one}"
    );
    assert_eq!(
        v["jobs"][0]["job_id"],
        serde_json::json!({"base64": "av8="}),
        "{v}"
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "trim",
            "--match",
            "job_events:j*",
            "--maxlen",
            "0",
            "--yes",
            "--format",
            "json",
        ])
        .raw();
    assert_eq!(json_of(&out)["removed"], 1, "{}", stdout(&out));
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args_bytes(&[b"read", b"job_events:j\xff"])
        .raw();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the key is found (and empty): {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("job_events:j\\xff: the stream has no entries"),
        "{}",
        stderr(&out)
    );

    // ack: an id given twice is one entry, counted from XACK's reply.
    s.cli(&[
        "XREADGROUP",
        "GROUP",
        "g",
        "w-1",
        "COUNT",
        "1",
        "STREAMS",
        key,
        ">",
    ]);
    let id = "1700000000003-0";
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["ack", key, "g", id, id, "-y"])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("acknowledged 1 of 1 entries"),
        "{}",
        stdout(&out)
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["ack", key, "g", id, "-y", "--format", "json"])
        .raw();
    let v = json_of(&out);
    assert_eq!(
        (v["changed"].as_u64(), v["skipped"][0].as_str()),
        (Some(0), Some(id)),
        "{v}"
    );
}

/// Every key a stream report documents is there, whatever the run found (null / []).
#[test]
fn every_stream_report_keeps_its_keys() {
    let s = RedisServer::start();
    let key = "job_events:schema";
    load(&s, key, 1_700_000_000_001, 3, "task_progress");
    s.cli(&["XGROUP", "CREATE", key, "g", "0"]);
    s.cli(&[
        "XREADGROUP",
        "GROUP",
        "g",
        "w-1",
        "COUNT",
        "1",
        "STREAMS",
        key,
        ">",
    ]);
    let has = |args: &[&str], keys: &[&str], nested: Option<(&str, &[&str])>| {
        let mut a = args.to_vec();
        a.extend(["--format", "json"]);
        let out = run_in_temp()
            .args(["-u", &s.url(), "stream"])
            .args(&a)
            .raw();
        let v = json_of(&out);
        for k in keys {
            assert!(v.get(k).is_some(), "{args:?}: no {k} in {v}");
        }
        if let Some((list, inner)) = nested {
            let items = v[list]
                .as_array()
                .unwrap_or_else(|| panic!("{args:?}: {list} in {v}"));
            assert!(!items.is_empty(), "{args:?}: {list} empty in {v}");
            for k in inner {
                assert!(
                    items[0].get(k).is_some(),
                    "{args:?}: no {list}[].{k} in {v}"
                );
            }
        }
    };
    let group = [
        "action",
        "stream",
        "group",
        "dry_run",
        "changed",
        "last_delivered_before",
        "last_delivered_id",
        "lag_before",
        "lag_after",
        "redelivered",
        "skipped",
        "consumers",
        "removed",
        "pending_dropped",
    ];
    has(&["group", "create", key, "h", "--dry-run"], &group, None);
    has(
        &["group", "setid", key, "g", "0", "--dry-run"],
        &group,
        None,
    );
    has(
        &["group", "delconsumer", key, "g", "--idle-over", "1d", "-y"],
        &group,
        None,
    );
    has(
        &[
            "group",
            "delconsumer",
            key,
            "g",
            "w-1",
            "--force",
            "--dry-run",
        ],
        &group,
        Some(("consumers", &["name", "pending", "idle_ms"])),
    );
    let claim = [
        "action",
        "stream",
        "group",
        "to",
        "dry_run",
        "candidates",
        "entries",
        "ids",
        "changed",
        "deleted",
        "skipped",
    ];
    has(
        &[
            "claim",
            key,
            "g",
            "--to",
            "w-1",
            "--min-idle",
            "0s",
            "--dry-run",
        ],
        &claim,
        Some(("entries", &["id", "consumer", "idle_ms", "deliveries"])),
    );
    has(
        &["claim", key, "g", "--to", "w-1", "--min-idle", "1h", "-y"],
        &claim,
        None,
    );
    has(&["ack", key, "g", "1-0", "-y"], &claim, None);
    let trim = [
        "dry_run",
        "rule",
        "approximate",
        "upper_bound",
        "unreached",
        "include_unprocessed",
        "streams",
        "removed",
        "kept",
        "unprocessed_removed",
        "streams_affected",
    ];
    let trimmed_keys: &[&str] = &[
        "stream",
        "length",
        "removed",
        "kept",
        "unprocessed_removed",
        "minid",
        "groups",
        "acked",
    ];
    has(
        &["trim", key, "--maxlen", "0", "--dry-run"],
        &trim,
        Some(("streams", trimmed_keys)),
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "trim",
            key,
            "--maxlen",
            "0",
            "--dry-run",
            "--format",
            "json",
        ])
        .raw();
    let g = &json_of(&out)["streams"][0]["groups"][0];
    for k in [
        "group",
        "last_delivered_id",
        "needs_from",
        "unprocessed",
        "undelivered",
        "pending",
    ] {
        assert!(g.get(k).is_some(), "trim groups[].{k}: {g}");
    }
    has(
        &["pending", key, "g"],
        &["stream", "group", "entries"],
        Some((
            "entries",
            &["id", "time", "consumer", "idle_ms", "deliveries"],
        )),
    );
    has(
        &["info", key],
        &[
            "stream",
            "length",
            "last_generated_id",
            "first_id",
            "last_id",
            "entries_added",
            "groups",
            "full",
        ],
        Some((
            "groups",
            &[
                "name",
                "consumers",
                "pending",
                "last_delivered_id",
                "lag",
                "lag_seconds",
                "oldest_pending_seconds",
                "consumer_list",
            ],
        )),
    );
    has(
        &["list"],
        &["pattern", "total", "streams", "unreached"],
        Some((
            "streams",
            &[
                "stream",
                "node",
                "length",
                "groups",
                "first_id",
                "first_time",
                "last_id",
                "last_time",
                "last_generated_id",
                "group_lag_seconds",
                "oldest_pending_seconds",
            ],
        )),
    );
    has(
        &["jobs"],
        &["jobs", "counts", "unreached"],
        Some((
            "jobs",
            &[
                "job_id",
                "stream",
                "state",
                "started",
                "last_event_type",
                "last_event",
                "last_event_age_ms",
                "duration_ms",
                "summary",
                "length",
                "dead_letters",
            ],
        )),
    );
    has(
        &["job", "schema"],
        &[
            "job_id",
            "stream",
            "outcome",
            "started",
            "duration_ms",
            "last_event_type",
            "last_event",
            "last_event_age_ms",
            "events",
        ],
        None,
    );
}

#[test]
fn tail_reads_and_acks_through_a_group_whose_names_are_not_utf8() {
    let s = RedisServer::start();
    s.cli_stdin(
        &[],
        b"XADD \"job_events:t\\xfe\" 1-0 event_type task_started\n\
          XADD \"job_events:t\\xfe\" 2-0 event_type task_progress\n\
          XGROUP CREATE \"job_events:t\\xfe\" \"g\\xff\" 0\n",
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args_bytes(&[
            b"tail",
            b"job_events:t\xfe",
            b"--group",
            b"g\xff",
            b"--consumer",
            b"c\xff",
            b"--ack",
            b"-n",
            b"2",
            b"--format",
            b"ndjson",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = lines(&out);
    assert_eq!(ids(&v), ["1-0", "2-0"]);
    assert_eq!(
        v[0]["stream"],
        serde_json::json!({"base64": "am9iX2V2ZW50czp0/g=="})
    );
    // Delivered to and acknowledged by exactly that consumer of exactly that group.
    let info = s.cli_stdin(&[], b"XINFO GROUPS \"job_events:t\\xfe\"\n");
    assert!(
        info.contains("entries-read\n2") || info.contains("last-delivered-id\n2-0"),
        "{info}"
    );
    assert!(
        s.cli_stdin(&[], b"XPENDING \"job_events:t\\xfe\" \"g\\xff\"\n")
            .starts_with('0')
    );
    let consumers = s.cli_stdin(
        &["--no-raw"],
        b"XINFO CONSUMERS \"job_events:t\\xfe\" \"g\\xff\"\n",
    );
    assert!(consumers.contains("c\\xff"), "{consumers}");
}

#[test]
fn non_utf8_streams_on_every_master_of_a_cluster() {
    use std::os::unix::ffi::OsStrExt;
    let c = Cluster::start(3, 0);
    // Six stuck job streams named with bytes that are not UTF-8, spread over the masters by
    // their hash tags; each with a group whose consumer is not UTF-8 either.
    let mut feed = String::new();
    for t in ["a", "b", "c", "d", "e", "f"] {
        let k = format!("\"job_events:{{\\xff{t}}}\"");
        feed.push_str(&format!(
            "XADD {k} 1-0 event_type task_progress\nXADD {k} 2-0 event_type task_progress\n"
        ));
        feed.push_str(&format!(
            "XGROUP CREATE {k} g 0\nXREADGROUP GROUP g \"w\\xfe\" COUNT 1 STREAMS {k} >\n"
        ));
    }
    c.feed(&feed);
    let dir = tempfile::tempdir().unwrap();
    let rk = |args: &[&[u8]]| {
        let mut cmd = redkit(dir.path());
        cmd.args(["--cluster", "-u", &c.seed_url(), "stream"]);
        for a in args {
            cmd.arg(std::ffi::OsStr::from_bytes(a));
        }
        cmd.output().unwrap()
    };
    let out = rk(&[b"list", b"--format", b"json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    let streams = v["streams"].as_array().unwrap();
    assert_eq!(streams.len(), 6, "{v}");
    let nodes: std::collections::HashSet<&str> = streams
        .iter()
        .map(|s| s["node"].as_str().unwrap())
        .collect();
    assert!(nodes.len() >= 2, "all on one master: {nodes:?}");
    let out = rk(&[b"-q", b"jobs"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "stuck jobs found on every master"
    );
    let out = rk(&[b"jobs", b"--format", b"json"]);
    assert_eq!(json_of(&out)["counts"]["stuck"], 6);
    // trim --match: each stream keeps the entry its group has pending and the one never
    // delivered: nothing goes; --include-unprocessed takes them.
    let out = rk(&[
        b"trim",
        b"--match",
        b"job_events:*",
        b"--maxlen",
        b"0",
        b"--yes",
        b"--format",
        b"json",
    ]);
    let v = json_of(&out);
    assert_eq!(
        (v["removed"].as_u64(), v["kept"].as_u64()),
        (Some(0), Some(12)),
        "{v}"
    );
    // A keyed command on a name that is not UTF-8 routes through the cluster.
    let out = rk(&[
        b"group",
        b"delconsumer",
        b"job_events:{\xffa}",
        b"g",
        b"w\xfe",
        b"--force",
        b"-y",
        b"--format",
        b"json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_of(&out)["removed"], 1);
    // 11: the consumer deleted with --force took its pending entry out of the group.
    let out = rk(&[
        b"trim",
        b"--match",
        b"job_events:*",
        b"--maxlen",
        b"0",
        b"--include-unprocessed",
        b"--yes",
        b"--format",
        b"json",
    ]);
    let v = json_of(&out);
    assert_eq!(
        (v["removed"].as_u64(), v["unprocessed_removed"].as_u64()),
        (Some(12), Some(11)),
        "{v}"
    );
    assert_eq!(c.dbsize(), 6, "the streams stay, empty");
}

/// `stream job` judges a job as `stream jobs` does, by its last event: a retry after a
/// `task_failed` runs again, an old last event is stuck (with the same `--stuck-after`).
#[test]
fn job_and_jobs_give_every_job_the_same_state() {
    let s = RedisServer::start();
    let now = now_ms();
    let ev = |k: &str, at: u64, t: &str| -> Vec<String> {
        ["XADD", k, &format!("{at}-0"), "data", "{}", "event_type", t]
            .iter()
            .map(|a| a.to_string())
            .collect()
    };
    pipe_load(
        &s,
        &[
            // Failed, then retried: running again.
            ev("job_events:retry", now - 60_000, "task_started"),
            ev("job_events:retry", now - 50_000, "task_failed"),
            ev("job_events:retry", now - 1_000, "task_progress"),
            // Quiet for 20 minutes: stuck at the default 15m, running with --stuck-after 1h.
            ev("job_events:quiet", now - 1_800_000, "task_started"),
            ev("job_events:quiet", now - 1_200_000, "task_progress"),
            ev("job_events:done", now - 1_800_000, "task_started"),
            ev("job_events:done", now - 1_700_000, "task_completed"),
            ev("job_events:bad", now - 1_800_000, "task_started"),
            ev("job_events:bad", now - 1_700_000, "task_failed"),
        ],
    );
    for extra in [&[][..], &["--stuck-after", "1h"][..]] {
        let mut args = vec!["jobs", "--format", "json"];
        args.extend_from_slice(extra);
        let out = run_in_temp()
            .args(["-u", &s.url(), "stream"])
            .args(&args)
            .raw();
        let report = json_of(&out);
        for (job, want_code) in [("retry", 0), ("quiet", -1), ("done", 0), ("bad", 1)] {
            let listed = report["jobs"]
                .as_array()
                .unwrap()
                .iter()
                .find(|j| j["stream"] == format!("job_events:{job}"))
                .unwrap_or_else(|| panic!("{job} not listed: {report}"));
            let mut args = vec!["job", job, "--format", "json"];
            args.extend_from_slice(extra);
            let out = run_in_temp()
                .args(["-u", &s.url(), "stream"])
                .args(&args)
                .raw();
            let one = json_of(&out);
            assert_eq!(
                one["outcome"], listed["state"],
                "{job} {extra:?}: stream job says {}, stream jobs {}",
                one["outcome"], listed["state"]
            );
            let code = match (want_code, extra.is_empty()) {
                (-1, true) => 1,
                (-1, false) => 0,
                (c, _) => c,
            };
            assert_eq!(out.status.code(), Some(code), "{job} {extra:?}: {one}");
        }
    }
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["job", "quiet"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("stuck: no event for 20m"),
        "{}",
        stdout(&out)
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["job", "retry"])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

/// Globs, event types and --grep text that are not UTF-8 reach Redis byte for byte, as
/// positional names do: list, jobs and trim --match, read --grep and --event-type, tail
/// --event-type.
#[test]
fn globs_and_filters_that_are_not_utf8_select_by_bytes() {
    let s = RedisServer::start();
    s.cli_stdin(
        &[],
        b"XADD \"q\\xff1\" 1-0 event_type \"t\\xff\" data x\n\
          XADD \"q\\xff1\" 2-0 event_type task_progress data \"v\\xfe\"\n\
          XADD \"q\\xff1\" 3-0 event_type task_progress data y\n\
          XADD \"q\\xff2\" 1-0 event_type task_progress data y\n\
          XADD \"q\\xff2\" 2-0 event_type task_progress data y\n\
          XADD qa1 1-0 event_type task_progress data y\n\
          XADD qa1 2-0 event_type task_progress data y\n",
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args_bytes(&[b"list", b"--match", b"q\xff*", b"--format", b"json"])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["total"], 2, "{v}");
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args_bytes(&[b"jobs", b"--match", b"q\xff*", b"--format", b"json"])
        .raw();
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
    assert_eq!(json_of(&out)["jobs"].as_array().unwrap().len(), 2);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args_bytes(&[
            b"read",
            b"q\xff1",
            b"--grep",
            b"\xfe",
            b"--format",
            b"ndjson",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(ids(&lines(&out)), ["2-0"]);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args_bytes(&[
            b"read",
            b"q\xff1",
            b"--event-type",
            b"t\xff",
            b"--format",
            b"ndjson",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(ids(&lines(&out)), ["1-0"]);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args_bytes(&[
            b"tail",
            b"q\xff1",
            b"--from",
            b"0",
            b"--event-type",
            b"t\xff",
            b"-n",
            b"1",
            b"--format",
            b"ndjson",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(ids(&lines(&out)), ["1-0"]);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args_bytes(&[b"trim", b"--match", b"q\xff*", b"--maxlen", b"1", b"--yes"])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(s.cli_stdin(&[], b"XLEN \"q\\xff1\"\n").trim(), "1");
    assert_eq!(s.cli_stdin(&[], b"XLEN \"q\\xff2\"\n").trim(), "1");
    assert_eq!(
        s.cli(&["XLEN", "qa1"]).trim(),
        "2",
        "outside the glob: untouched"
    );
}

/// `stream job --format json` for a job without events prints its report with every key
/// (outcome and duration null) and exits 1, for a missing stream and an empty one alike.
#[test]
fn job_json_without_events_prints_its_report_with_outcome_null() {
    let s = RedisServer::start();
    s.cli(&["XADD", "job_events:empty", "1-0", "x", "y"]);
    s.cli(&["XDEL", "job_events:empty", "1-0"]);
    for (job, why) in [("9999", "does not exist"), ("empty", "has no events")] {
        let out = run_in_temp()
            .args(["-u", &s.url(), "stream"])
            .args(["job", job, "--format", "json"])
            .raw();
        assert_eq!(out.status.code(), Some(1), "{job}: {}", stderr(&out));
        let v = json_of(&out);
        for k in [
            "job_id",
            "stream",
            "outcome",
            "started",
            "duration_ms",
            "last_event_type",
            "last_event",
            "last_event_age_ms",
            "events",
        ] {
            assert!(v.get(k).is_some(), "{job}: no {k} in {v}");
        }
        assert_eq!(v["outcome"], Value::Null, "{job}: {v}");
        assert_eq!(v["duration_ms"], Value::Null, "{job}: {v}");
        assert_eq!(v["started"], Value::Null);
        assert_eq!(v["events"], serde_json::json!([]));
        assert_eq!(v["stream"], format!("job_events:{job}"));
        assert!(stderr(&out).contains(why), "{job}: {}", stderr(&out));
    }
    // The table keeps its one-line answer.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["job", "9999"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("job_events:9999 does not exist"));
}

/// A change that changes nothing never says done: setid to the group's own id, create on an
/// existing group, claim of entries --to already holds, ack of ids not pending.
#[test]
fn changes_that_change_nothing_say_so() {
    let s = RedisServer::start();
    let key = "job_events:same";
    load(&s, key, 1, 6, "task_progress");
    s.cli(&["XGROUP", "CREATE", key, "g", "4-0"]);
    for fmt in ["table", "json"] {
        let out = run_in_temp()
            .args(["-u", &s.url(), "stream"])
            .args(["group", "setid", key, "g", "4-0", "--yes", "--format", fmt])
            .raw();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        if fmt == "json" {
            let v = json_of(&out);
            assert_eq!(v["changed"], false, "{v}");
            assert_eq!(v["last_delivered_before"], "4-0");
            assert_eq!(v["last_delivered_id"], "4-0");
        } else {
            let t = stdout(&out);
            assert!(!t.contains("done"), "{t}");
            assert!(t.contains("already at 4-0"), "{t}");
        }
    }
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["group", "create", key, "g", "--yes", "--format", "json"])
        .raw();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(json_of(&out)["changed"], false);
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["group", "create", key, "g", "--yes"])
        .raw();
    assert_eq!(out.status.code(), Some(1));
    assert!(!stdout(&out).contains("done"), "{}", stdout(&out));
    // c1 holds two entries; claiming them to c1 moves nothing.
    s.cli(&[
        "XREADGROUP",
        "GROUP",
        "g",
        "c1",
        "COUNT",
        "2",
        "STREAMS",
        key,
        ">",
    ]);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "claim",
            key,
            "g",
            "--to",
            "c1",
            "--min-idle",
            "0s",
            "--yes",
            "--format",
            "json",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["changed"], 0, "{v}");
    assert_eq!(v["skipped"].as_array().unwrap().len(), 2, "{v}");
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["claim", key, "g", "--to", "c1", "--min-idle", "0s", "--yes"])
        .raw();
    assert!(stdout(&out).contains("nothing changed"), "{}", stdout(&out));
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["ack", key, "g", "1-0", "--yes"])
        .raw();
    assert!(stdout(&out).contains("nothing changed"), "{}", stdout(&out));
}

/// With --approximate a dry run's count is a maximum ("up to", `upper_bound`), and the real
/// run reports what XTRIM removed, which the server's length confirms.
#[test]
fn approximate_trim_says_up_to_and_counts_the_reply() {
    let s = RedisServer::start();
    let key = "job_events:approx";
    load(&s, key, 1, 1000, "task_progress");
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "trim",
            key,
            "--maxlen",
            "10",
            "--approximate",
            "--dry-run",
            "--format",
            "json",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["removed"], 990, "{v}");
    assert_eq!(v["upper_bound"], true, "{v}");
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args(["trim", key, "--maxlen", "10", "--approximate", "--dry-run"])
        .raw();
    assert!(
        stdout(&out).contains("would remove up to 990 entries"),
        "{}",
        stdout(&out)
    );
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "trim",
            key,
            "--maxlen",
            "10",
            "--approximate",
            "--yes",
            "--format",
            "json",
        ])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    let left: u64 = s.cli(&["XLEN", key]).trim().parse().unwrap();
    assert!(left > 10, "whole nodes only: {left} left");
    assert_eq!(v["removed"], 1000 - left, "{v}");
    assert_eq!(v["upper_bound"], false, "{v}");
    // Exact: no bound, the count itself.
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream"])
        .args([
            "trim",
            key,
            "--maxlen",
            "10",
            "--dry-run",
            "--format",
            "json",
        ])
        .raw();
    let v = json_of(&out);
    assert_eq!(v["upper_bound"], false);
    assert_eq!(v["removed"], left - 10);
}

/// trim --match on a cluster with a master down trims the others, prints that report with
/// the master in `unreached`, and exits 3 naming it and its slots; with every master up,
/// `unreached` is [].
#[test]
fn trim_reports_unreached_masters_and_trims_the_others() {
    let mut c = Cluster::start(3, 0);
    let mut feed = String::new();
    for t in ["a", "b", "c", "d", "e", "f", "g", "h"] {
        for i in 1..=3 {
            feed.push_str(&format!(
                "XADD job_events:{{{t}}} {i}-0 event_type task_progress\n"
            ));
        }
    }
    c.feed(&feed);
    let dir = tempfile::tempdir().unwrap();
    let seed = c.seed_url();
    let rk = |args: &[&str]| {
        redkit(dir.path())
            .args(["--cluster", "-u", &seed, "stream"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = rk(&[
        "trim",
        "--match",
        "job_events:*",
        "--maxlen",
        "3",
        "--yes",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_of(&out)["unreached"], serde_json::json!([]));
    let down = c.fail_master(1);
    let out = rk(&[
        "trim",
        "--match",
        "job_events:*",
        "--maxlen",
        "1",
        "--yes",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let v = json_of(&out);
    let unreached = v["unreached"].as_array().unwrap();
    assert_eq!(unreached.len(), 1, "{v}");
    assert_eq!(unreached[0]["addr"], down.as_str(), "{v}");
    let streams = v["streams"].as_array().unwrap();
    assert!(!streams.is_empty() && streams.len() < 8, "{v}");
    for st in streams {
        assert_eq!(st["removed"], 2, "{st}");
    }
    assert_eq!(v["removed"], 2 * streams.len() as u64);
    let err = stderr(&out);
    assert!(err.contains(&down) && err.contains("slots"), "{err}");
}
