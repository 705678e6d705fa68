//! `redkit stream` as a job queue, against real servers (standalone and a 3-master cluster):
//! dead letters and their requeue (byte for byte, and a SIGKILL mid-run), retention of
//! finished job streams, lag in seconds.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::stream::pipe_load;
use crate::support::{Cluster, RedisServer, redkit, run_in_temp, stderr, stdout};

fn json_of(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {} / {}", stdout(out), stderr(out)))
}

/// The `fields` part of each ndjson entry of `stream read`, as written (duplicates, base64 of
/// bytes that are not UTF-8 and all), in stream order.
fn fields_text(out: &std::process::Output) -> Vec<String> {
    stdout(out)
        .lines()
        .map(|l| {
            let from = l.find("\"fields\":").unwrap_or_else(|| panic!("{l}"));
            let to = l.rfind(",\"data\":").unwrap_or_else(|| panic!("{l}"));
            l[from..to].to_string()
        })
        .collect()
}

/// The values of `field` in each entry of redis-cli's raw XRANGE output.
fn values_of(xrange: &str, field: &str) -> Vec<String> {
    let l: Vec<&str> = xrange.lines().collect();
    l.windows(2)
        .filter(|w| w[0] == field)
        .map(|w| w[1].to_string())
        .collect()
}

/// The round trip on any server: `feed` writes commands (redis-cli syntax, one per line, with
/// "\xff" escapes), `cli` runs one, `rk` runs `redkit stream …`.
fn dead_letters_round_trip(
    feed: &dyn Fn(&str),
    cli: &dyn Fn(&[&str]) -> String,
    rk: &dyn Fn(&[&str]) -> std::process::Output,
    key: &str,
    dlq: &str,
) {
    // Bytes that are not UTF-8, an empty value, a duplicate field name, Chinese text.
    feed(&format!(
        "XADD {key} 1-0 data \"\\xff\\xfe\\x00\" event_type task_failed\n\
         XADD {key} 2-0 data \"\" timestamp \"\" event_type \"\"\n\
         XADD {key} 3-0 data \"{{\\\"msg\\\": \\\"正在分析\\\"}}\" a 1 a 2\n\
         XADD {key} 4-0 \"k\\xff\" \"v\\r\\n\"\n\
         XADD {key} 5-0 data fresh\n"
    ));
    let before = fields_text(&rk(&["read", key, "--format", "ndjson"]));
    assert_eq!(before.len(), 5, "{before:?}");
    cli(&["XGROUP", "CREATE", key, "g", "0"]);
    // 1..4 delivered three times (history reads count), 5 once.
    cli(&[
        "XREADGROUP",
        "GROUP",
        "g",
        "c1",
        "COUNT",
        "4",
        "STREAMS",
        key,
        ">",
    ]);
    cli(&["XREADGROUP", "GROUP", "g", "c1", "STREAMS", key, "0"]);
    cli(&["XREADGROUP", "GROUP", "g", "c1", "STREAMS", key, "0"]);
    cli(&["XREADGROUP", "GROUP", "g", "c2", "STREAMS", key, ">"]);
    std::thread::sleep(Duration::from_millis(150));
    let args = [
        "dlq",
        key,
        "g",
        "--min-deliveries",
        "3",
        "--min-idle",
        "100ms",
    ];

    let dry = rk(&[&args[..], &["--dry-run", "--format", "json"]].concat());
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    let v = json_of(&dry);
    assert_eq!(v["dlq"], dlq, "{v}");
    assert_eq!(
        v["ids"],
        serde_json::json!(["1-0", "2-0", "3-0", "4-0"]),
        "{v}"
    );
    assert_eq!(v["entries"][0]["deliveries"], 3, "{v}");
    assert!(v["entries"][0]["idle_ms"].as_u64().unwrap() >= 100, "{v}");
    let table = stdout(&rk(&[&args[..], &["--dry-run"]].concat()));
    assert!(
        table.contains("would move 4 entries of group g")
            && table.contains("1-0  from c1  idle")
            && table.contains("delivered 3 times"),
        "{table}"
    );
    assert_eq!(cli(&["EXISTS", dlq]), "0", "a dry run writes nothing");
    // No terminal, no --yes: refused before any work.
    let refused = rk(&args);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert_eq!(cli(&["EXISTS", dlq]), "0");

    let real = rk(&[&args[..], &["--yes", "--format", "json"]].concat());
    assert_eq!(real.status.code(), Some(0), "{}", stderr(&real));
    let v = json_of(&real);
    assert_eq!(v["moved"], 4, "{v}");
    assert_eq!(v["dlq_ids"].as_array().unwrap().len(), 4, "{v}");
    assert_eq!(cli(&["XLEN", dlq]), "4");
    // Acked in the group: only 5 is pending (with c2).
    assert_eq!(cli(&["XPENDING", key, "g"]).lines().next(), Some("1"));
    let raw = cli(&["XRANGE", dlq, "-", "+"]);
    assert_eq!(values_of(&raw, "dlq_stream"), vec![key; 4], "{raw}");
    assert_eq!(values_of(&raw, "dlq_id"), ["1-0", "2-0", "3-0", "4-0"]);
    assert_eq!(values_of(&raw, "dlq_group"), vec!["g"; 4]);
    assert_eq!(values_of(&raw, "dlq_consumer"), vec!["c1"; 4]);
    assert_eq!(values_of(&raw, "dlq_deliveries"), vec!["3"; 4]);
    for at in values_of(&raw, "dlq_at") {
        assert!(at.len() == 24 && at.ends_with('Z'), "{at}");
    }
    // The dead letters hold the original fields first, as stored.
    let letters = fields_text(&rk(&["read", dlq, "--format", "ndjson"]));
    for (b, l) in before.iter().zip(&letters) {
        assert!(
            l.starts_with(b.trim_end_matches('}')),
            "{l} does not start with {b}"
        );
    }
    // stream jobs counts the dead letters of the job, and the dead-letter stream is no job.
    let jobs = json_of(&rk(&[
        "jobs",
        "--match",
        "job_events:*",
        "--format",
        "json",
    ]));
    let listed = jobs["jobs"].as_array().unwrap();
    assert_eq!(listed.len(), 1, "{jobs}");
    assert_eq!(listed[0]["stream"], key, "{jobs}");
    assert_eq!(listed[0]["dead_letters"], 4, "{jobs}");
    assert_eq!(jobs["counts"]["dead_letters"], 4, "{jobs}");
    // A second run finds nothing left to move.
    let again = json_of(&rk(&[&args[..], &["--yes", "--format", "json"]].concat()));
    assert_eq!(
        (again["candidates"].as_u64(), again["moved"].as_u64()),
        (Some(0), Some(0))
    );

    // requeue: dry run lists, then the fields come back byte for byte as new entries.
    let dry = rk(&["requeue", dlq, "--all", "--dry-run", "--format", "json"]);
    let dv = json_of(&dry);
    assert_eq!(dv["candidates"], 4, "{dv}");
    assert_eq!(dv["entries"][0]["stream"], key, "{dv}");
    assert_eq!(dv["entries"][0]["original_id"], "1-0", "{dv}");
    assert_eq!(cli(&["XLEN", dlq]), "4");
    let none = rk(&["requeue", dlq, "--dry-run"]);
    assert_eq!(none.status.code(), Some(2), "--id or --all is required");
    let back = rk(&["requeue", dlq, "--all", "--yes", "--format", "json"]);
    assert_eq!(back.status.code(), Some(0), "{}", stderr(&back));
    let bv = json_of(&back);
    assert_eq!(bv["requeued"], 4, "{bv}");
    assert_eq!(cli(&["XLEN", dlq]), "0");
    let after = fields_text(&rk(&["read", key, "--format", "ndjson"]));
    assert_eq!(after.len(), 9, "{after:?}");
    assert_eq!(&after[5..], &before[..4], "requeued fields differ");
    // New entries after the group's last-delivered id: the group gets them again.
    let got = cli(&["XREADGROUP", "GROUP", "g", "c3", "STREAMS", key, ">"]);
    assert_eq!(values_of(&got, "a"), ["1", "2"], "{got}");
}

#[test]
fn dead_letters_round_trip_byte_for_byte() {
    let s = RedisServer::start();
    let feed = |lines: &str| {
        s.cli_stdin(&[], lines.as_bytes());
    };
    let cli = |a: &[&str]| s.cli(a);
    let rk = |a: &[&str]| run_in_temp().args(["-u", &s.url(), "stream"]).args(a).raw();
    dead_letters_round_trip(&feed, &cli, &rk, "job_events:7", "job_events:7:dlq");

    // --id requeues only the named one; an unknown id is reported, not an error.
    s.cli(&["XADD", "q", "1-0", "data", "x"]);
    s.cli(&[
        "XADD",
        "q:dlq",
        "5-0",
        "data",
        "y",
        "dlq_stream",
        "q",
        "dlq_id",
        "1-0",
    ]);
    s.cli(&[
        "XADD",
        "q:dlq",
        "6-0",
        "data",
        "z",
        "dlq_stream",
        "q",
        "dlq_id",
        "1-1",
    ]);
    let v = json_of(&rk(&[
        "requeue", "q:dlq", "--id", "6-0,7-0", "--yes", "--format", "json",
    ]));
    assert_eq!(v["requeued"], 1, "{v}");
    assert_eq!(v["skipped"][0]["id"], "7-0", "{v}");
    assert_eq!(s.cli(&["XLEN", "q:dlq"]), "1");
    assert_eq!(s.cli(&["XLEN", "q"]), "2");
    // Only dead letters move, --to or not: a job stream named by mistake is refused (exit 2)
    // and left whole; in a mixed stream the plain entries are left and named.
    let out = rk(&["requeue", "q", "--to", "elsewhere", "--all", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("holds no dead letters"),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.cli(&["XLEN", "q"]), "2");
    assert_eq!(s.cli(&["EXISTS", "elsewhere"]), "0");
    s.cli(&["XADD", "q:dlq", "8-0", "data", "plain"]);
    let v = json_of(&rk(&[
        "requeue",
        "q:dlq",
        "--to",
        "elsewhere",
        "--all",
        "--yes",
        "--format",
        "json",
    ]));
    assert_eq!(v["requeued"], 1, "{v}");
    assert_eq!(v["skipped"][0]["id"], "8-0", "{v}");
    assert!(
        v["skipped"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("not a dead letter"),
        "{v}"
    );
    assert_eq!(s.cli(&["XRANGE", "q:dlq", "-", "+"]), "8-0\ndata\nplain");
    assert_eq!(s.cli(&["XLEN", "elsewhere"]), "1");
    // A group that does not exist names the groups the stream has.
    let out = rk(&[
        "dlq",
        "job_events:7",
        "nope",
        "--min-deliveries",
        "1",
        "--min-idle",
        "0s",
        "--yes",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("g"), "{}", stderr(&out));
}

#[test]
fn dead_letters_on_a_cluster_share_the_slot_of_their_stream() {
    let c = Cluster::start(3, 0);
    let dir = tempfile::tempdir().unwrap();
    let feed = |lines: &str| c.feed(lines);
    let cli = |a: &[&str]| c.cli(a);
    let rk = |a: &[&str]| {
        let mut cmd = redkit(dir.path());
        cmd.args(["--cluster", "-u", &c.seed_url(), "stream"])
            .args(a);
        cmd.output().unwrap()
    };
    // No hash tag: the dead letters go to {KEY}:dlq, in KEY's slot.
    dead_letters_round_trip(&feed, &cli, &rk, "job_events:7", "{job_events:7}:dlq");
    // A --to in another slot is refused before anything moves.
    let out = rk(&[
        "dlq",
        "job_events:7",
        "g",
        "--min-deliveries",
        "1",
        "--min-idle",
        "0s",
        "--to",
        "elsewhere",
        "--yes",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("slot"), "{}", stderr(&out));
}

/// A SIGKILL in the middle of a run leaves every entry either moved and acked or pending and
/// not copied: no duplicate, no loss; a second run moves the rest.
#[test]
fn dead_letters_survive_a_kill_mid_run_without_duplicates_or_loss() {
    let s = RedisServer::start();
    let n = 30_000u64;
    let mut cmds: Vec<Vec<String>> = (1..=n)
        .map(|i| {
            [
                "XADD",
                "jq",
                &format!("{i}-0"),
                "data",
                &format!("{{\"n\":{i}}}"),
            ]
            .iter()
            .map(|a| a.to_string())
            .collect()
        })
        .collect();
    cmds.push(
        ["XGROUP", "CREATE", "jq", "g", "0"]
            .iter()
            .map(|a| a.to_string())
            .collect(),
    );
    pipe_load(&s, &cmds);
    for id in [">", "0"] {
        s.cli_stdin(
            &[],
            format!("XREADGROUP GROUP g c1 COUNT {n} STREAMS jq {id}\n").as_bytes(),
        );
    }
    std::thread::sleep(Duration::from_millis(50));
    let dir = tempfile::tempdir().unwrap();
    let mut child = crate::support::spawn_redkit(
        dir.path(),
        &[
            "-u",
            &s.url(),
            "stream",
            "dlq",
            "jq",
            "g",
            "--min-deliveries",
            "2",
            "--min-idle",
            "10ms",
            "--yes",
        ],
    );
    let started = Instant::now();
    while s.cli(&["XLEN", "jq:dlq"]) == "0" {
        assert!(started.elapsed() < Duration::from_secs(60), "nothing moved");
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let moved: u64 = s.cli(&["XLEN", "jq:dlq"]).parse().unwrap();
    let pending: u64 = s
        .cli(&["XPENDING", "jq", "g"])
        .lines()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        moved < n,
        "the run finished before the kill: make it longer"
    );
    assert_eq!(moved + pending, n, "moved {moved} + pending {pending}");
    let check = |want: u64| {
        let raw = s.cli(&["XRANGE", "jq:dlq", "-", "+"]);
        let mut ids = values_of(&raw, "dlq_id");
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len() as u64, want, "a dead letter was copied twice");
        // None of them is still pending.
        let p = s.cli(&["XPENDING", "jq", "g", "-", "+", &n.to_string()]);
        let still: std::collections::HashSet<&str> = p.lines().step_by(4).collect();
        assert!(ids.iter().all(|i| !still.contains(i.as_str())));
    };
    check(moved);
    let rest = run_in_temp()
        .args([
            "-u",
            &s.url(),
            "stream",
            "dlq",
            "jq",
            "g",
            "--min-deliveries",
            "2",
        ])
        .args(["--min-idle", "10ms", "--yes", "--format", "json"])
        .raw();
    assert_eq!(rest.status.code(), Some(0), "{}", stderr(&rest));
    assert_eq!(json_of(&rest)["moved"].as_u64(), Some(pending));
    check(n);
    assert_eq!(s.cli(&["XPENDING", "jq", "g"]).lines().next(), Some("0"));
}

/// The pending ids of group g on `key` (redis-cli's raw extended XPENDING, 4 lines each).
fn pending_ids(s: &RedisServer, key: &str) -> Vec<String> {
    pending_ids_of(s, key, "g")
}

fn pending_ids_of(s: &RedisServer, key: &str, group: &str) -> Vec<String> {
    s.cli(&["XPENDING", key, group, "-", "+", "1000"])
        .lines()
        .step_by(4)
        .map(str::to_string)
        .collect()
}

/// Sets the delivery count of `ids` to `times` (owner c2, idle 5 s): XCLAIM RETRYCOUNT.
fn deliver(s: &RedisServer, key: &str, ids: &[String], times: &str) {
    let mut a: Vec<&str> = vec!["XCLAIM", key, "g", "c2", "0"];
    a.extend(ids.iter().map(String::as_str));
    a.extend(["IDLE", "5000", "RETRYCOUNT", times, "JUSTID"]);
    s.cli(&a);
}

/// Both ways the move script reads a batch, each with a candidate deleted from the stream
/// meanwhile: candidates far apart in the pending list (every third entry: read per id) and
/// close together (read by range, non-candidates in between left pending); and an XADD that
/// fails part-way acks exactly the entries it copied.
#[test]
fn dead_letters_move_sparse_and_dense_candidates_exactly() {
    let s = RedisServer::start();
    let rk = |a: &[&str]| run_in_temp().args(["-u", &s.url(), "stream"]).args(a).raw();
    let dlq = |key: &str, extra: &[&str]| {
        let mut a = vec!["dlq", key, "g", "--min-deliveries", "3", "--min-idle", "1s"];
        a.extend(extra);
        rk(&a)
    };
    let ids = |r: std::ops::RangeInclusive<u32>, step: usize| -> Vec<String> {
        r.step_by(step).map(|i| format!("{i}-0")).collect()
    };
    for (key, wanted) in [("sparse", ids(3..=30, 3)), ("dense", ids(5..=14, 1))] {
        let mut cmds: Vec<Vec<String>> = (1..=30)
            .map(|i| {
                [
                    "XADD",
                    key,
                    &format!("{i}-0"),
                    "data",
                    &format!("{key} {i}"),
                ]
                .iter()
                .map(|a| a.to_string())
                .collect()
            })
            .collect();
        cmds.push(
            ["XGROUP", "CREATE", key, "g", "0"]
                .map(String::from)
                .to_vec(),
        );
        cmds.push(
            ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", key, ">"]
                .map(String::from)
                .to_vec(),
        );
        pipe_load(&s, &cmds);
        // Every entry idle 5 s; the wanted ones delivered 3 times, 8-0 twice (not enough).
        deliver(&s, key, &ids(1..=30, 1), "1");
        deliver(&s, key, &wanted, "3");
        deliver(&s, key, &["8-0".to_string()], "2");
        let wanted: Vec<String> = wanted.into_iter().filter(|i| i != "8-0").collect();
        // One candidate is deleted from the stream before the move: acked, not copied.
        let gone = &wanted[2];
        s.cli(&["XDEL", key, gone]);
        let out = dlq(key, &["--yes", "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{key}: {}", stderr(&out));
        let v = json_of(&out);
        let moved: Vec<String> = wanted.iter().filter(|i| *i != gone).cloned().collect();
        assert_eq!(v["ids"], serde_json::json!(moved), "{key}: {v}");
        assert_eq!(v["deleted"], serde_json::json!([gone]), "{key}: {v}");
        assert_eq!(v["skipped"], serde_json::json!([]), "{key}: {v}");
        let raw = s.cli(&["XRANGE", &format!("{key}:dlq"), "-", "+"]);
        assert_eq!(values_of(&raw, "dlq_id"), moved, "{key}: {raw}");
        assert_eq!(values_of(&raw, "dlq_deliveries"), vec!["3"; moved.len()]);
        let data: Vec<String> = moved
            .iter()
            .map(|i| format!("{key} {}", i.trim_end_matches("-0")))
            .collect();
        assert_eq!(values_of(&raw, "data"), data, "{key}: {raw}");
        // Exactly the moved and the deleted ids left the pending list.
        let left: Vec<String> = ids(1..=30, 1)
            .into_iter()
            .filter(|i| !wanted.contains(i))
            .collect();
        assert_eq!(pending_ids(&s, key), left, "{key}");
    }

    // A dead-letter stream with room for one more id: the second XADD fails; the first entry
    // is moved and acked, the rest stay pending and uncopied, and the run fails naming why.
    let key = "full";
    let mut cmds: Vec<Vec<String>> = (1..=5)
        .map(|i| {
            ["XADD", key, &format!("{i}-0"), "data", "x"]
                .iter()
                .map(|a| a.to_string())
                .collect()
        })
        .collect();
    cmds.push(
        ["XGROUP", "CREATE", key, "g", "0"]
            .map(String::from)
            .to_vec(),
    );
    cmds.push(
        ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", key, ">"]
            .map(String::from)
            .to_vec(),
    );
    pipe_load(&s, &cmds);
    deliver(&s, key, &ids(1..=5, 1), "3");
    let max = "18446744073709551615";
    s.cli(&[
        "XADD",
        "full:dlq",
        &format!("{max}-18446744073709551614"),
        "f",
        "v",
    ]);
    let out = dlq(key, &["--yes"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("failed after moving 1 entries"),
        "{}",
        stderr(&out)
    );
    let raw = s.cli(&["XRANGE", "full:dlq", "-", "+"]);
    assert_eq!(values_of(&raw, "dlq_id"), ["1-0"], "{raw}");
    assert_eq!(pending_ids(&s, key), ids(2..=5, 1));
}

/// A finished job given a TTL by `--expire`, then retried (a new event: running again): the
/// next `--expire` run removes the TTL, so Redis does not delete a live job's stream.
#[test]
fn expire_removes_the_ttl_of_a_job_that_runs_again() {
    let s = RedisServer::start();
    let k = "job_events:retried";
    s.cli(&["XADD", k, "1000-0", "event_type", "task_started"]);
    s.cli(&["XADD", k, "2000-0", "event_type", "task_failed"]);
    let rk = |extra: &[&str]| {
        let out = run_in_temp()
            .args(["-u", &s.url(), "stream", "jobs", "--expire", "1h"])
            .args(["--older-than", "1h", "--format", "json"])
            .args(extra)
            .raw();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        json_of(&out)
    };
    assert_eq!(rk(&["--yes"])["deleted"], 1);
    assert!(s.cli(&["TTL", k]).parse::<i64>().unwrap() > 3500);
    s.cli(&["XADD", k, "*", "event_type", "task_started"]);
    // The dry run says so and changes nothing.
    let dry = rk(&["--dry-run"]);
    assert_eq!(
        (dry["ttl_cleared"].as_u64(), dry["kept_running"].as_u64()),
        (Some(1), Some(1)),
        "{dry}"
    );
    assert!(s.cli(&["TTL", k]).parse::<i64>().unwrap() > 3500);
    let v = rk(&["--yes"]);
    assert_eq!(v["ttl_cleared"], 1, "{v}");
    assert_eq!(s.cli(&["TTL", k]), "-1");
    // Said once: the next run finds no TTL to remove.
    assert_eq!(rk(&["--yes"])["ttl_cleared"], 0);
}

/// Job streams of every state for the retention tests: `cli` runs one redis-cli command.
/// Returns the keys that retention may remove (finished, old, no dead letters).
fn job_streams(cli: &dyn Fn(&[&str]) -> String) -> Vec<&'static str> {
    let old = |k: &str, t: &str| {
        cli(&["XADD", k, "1000-0", "event_type", "task_started"]);
        cli(&["XADD", k, "2000-0", "event_type", t]);
    };
    old("job_events:{a}done", "task_completed");
    old("job_events:{b}failed", "task_failed");
    old("job_events:{c}stuck", "task_progress");
    old("job_events:{a}dead", "task_failed");
    cli(&["XADD", "job_events:{a}dead:dlq", "1-0", "data", "x"]);
    cli(&[
        "XADD",
        "job_events:{b}new",
        "*",
        "event_type",
        "task_completed",
    ]);
    cli(&[
        "XADD",
        "job_events:{c}running",
        "*",
        "event_type",
        "task_progress",
    ]);
    vec!["job_events:{a}done", "job_events:{b}failed"]
}

fn retention_on(cli: &dyn Fn(&[&str]) -> String, rk: &dyn Fn(&[&str]) -> std::process::Output) {
    let gone = job_streams(cli);
    let keep = [
        "job_events:{c}stuck",
        "job_events:{a}dead",
        "job_events:{b}new",
        "job_events:{c}running",
    ];
    let args = ["jobs", "--delete-finished", "--older-than", "1h"];
    let dry = rk(&[&args[..], &["--dry-run", "--format", "json"]].concat());
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    let v = json_of(&dry);
    assert_eq!(v["deleted"], 2, "{v}");
    assert!(v["bytes"].as_u64().unwrap() > 0, "{v}");
    assert_eq!(
        (
            v["kept_running"].as_u64(),
            v["kept_stuck"].as_u64(),
            v["kept_recent"].as_u64(),
            v["kept_dead_letters"].as_u64()
        ),
        (Some(1), Some(1), Some(1), Some(1)),
        "{v}"
    );
    let mut sample: Vec<String> = v["sample"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    sample.sort();
    assert_eq!(sample, gone, "{v}");
    for k in gone.iter().chain(&keep) {
        assert_eq!(cli(&["EXISTS", k]), "1", "a dry run deleted {k}");
    }
    let refused = rk(&args);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    // --expire first: a TTL on the finished old ones only.
    let out = rk(&[
        "jobs",
        "--expire",
        "1h",
        "--older-than",
        "1h",
        "--yes",
        "--format",
        "json",
    ]);
    assert_eq!(json_of(&out)["deleted"], 2, "{}", stdout(&out));
    for k in &gone {
        let ttl: i64 = cli(&["TTL", k]).parse().unwrap();
        assert!((3590..=3600).contains(&ttl), "{k}: {ttl}");
    }
    for k in &keep {
        assert_eq!(cli(&["TTL", k]), "-1", "{k} got a TTL");
    }
    // Cron: -q prints nothing on success, and deletes.
    let quiet = rk(&[
        "-q",
        "jobs",
        "--delete-finished",
        "--older-than",
        "1h",
        "--yes",
    ]);
    assert_eq!(quiet.status.code(), Some(0), "{}", stderr(&quiet));
    assert_eq!(
        (stdout(&quiet), stderr(&quiet)),
        (String::new(), String::new())
    );
    for k in &gone {
        assert_eq!(cli(&["EXISTS", k]), "0", "{k} not deleted");
    }
    for k in &keep {
        assert_eq!(cli(&["EXISTS", k]), "1", "{k} was deleted");
    }
    // The dead-letter streams are not jobs: never deleted by retention.
    assert_eq!(cli(&["EXISTS", "job_events:{a}dead:dlq"]), "1");
}

#[test]
fn retention_deletes_only_finished_old_jobs() {
    let s = RedisServer::start();
    let cli = |a: &[&str]| s.cli(a);
    let rk = |a: &[&str]| {
        let (q, rest): (Vec<&str>, Vec<&str>) = a.iter().partition(|x| **x == "-q");
        run_in_temp()
            .args(["-u", &s.url()])
            .args(q)
            .args(["stream"])
            .args(rest)
            .raw()
    };
    retention_on(&cli, &rk);
    // --rate paces the deletions (the UNLINK engine's limiter).
    for i in 0..30 {
        s.cli(&[
            "XADD",
            &format!("job_events:r{i}"),
            "1-0",
            "event_type",
            "task_completed",
        ]);
    }
    let t = Instant::now();
    let out = rk(&[
        "jobs",
        "--delete-finished",
        "--older-than",
        "1h",
        "--rate",
        "20",
        "--yes",
        "--format",
        "json",
    ]);
    assert_eq!(json_of(&out)["deleted"], 30, "{}", stdout(&out));
    assert!(
        t.elapsed() >= Duration::from_millis(1000),
        "--rate 20 for 30 took {:?}",
        t.elapsed()
    );
    // --older-than alone (without --delete-finished or --expire) is a usage error.
    let out = rk(&["jobs", "--older-than", "1h"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn retention_works_on_every_master_of_a_cluster() {
    let c = Cluster::start(3, 0);
    let dir = tempfile::tempdir().unwrap();
    let cli = |a: &[&str]| c.cli(a);
    let rk = |a: &[&str]| {
        let (q, rest): (Vec<&str>, Vec<&str>) = a.iter().partition(|x| **x == "-q");
        let mut cmd = redkit(dir.path());
        cmd.args(["--cluster", "-u", &c.seed_url()])
            .args(q)
            .arg("stream")
            .args(rest);
        cmd.output().unwrap()
    };
    let owners: std::collections::HashSet<u16> = ["a", "b", "c"]
        .iter()
        .map(|t| c.cli(&["CLUSTER", "KEYSLOT", t]).parse::<u16>().unwrap() / 5462)
        .collect();
    assert!(owners.len() >= 2, "tags on one master: {owners:?}");
    retention_on(&cli, &rk);
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

/// The value of a Prometheus sample line whose name and labels contain `parts`.
fn sample(text: &str, parts: &[&str]) -> Option<f64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find(|l| parts.iter().all(|p| l.contains(p)))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

/// A group at a known position: entries 60 s, 40 s and 20 s old; the first delivered (and
/// pending), so the group's lag is 40 s and its oldest pending entry 60 s old.
#[test]
fn lag_in_seconds_is_within_a_second_of_the_truth() {
    let s = RedisServer::start();
    let now = now_ms();
    for ago in [60_000u64, 40_000, 20_000] {
        s.cli(&[
            "XADD",
            "job_events:lag",
            &format!("{}-0", now - ago),
            "data",
            "{}",
        ]);
    }
    s.cli(&["XGROUP", "CREATE", "job_events:lag", "g", "0"]);
    s.cli(&["XGROUP", "CREATE", "job_events:lag", "caught", "$"]);
    s.cli(&[
        "XREADGROUP",
        "GROUP",
        "g",
        "c",
        "COUNT",
        "1",
        "STREAMS",
        "job_events:lag",
        ">",
    ]);
    let near = |v: &Value, want: f64, what: &str| {
        let got = v.as_f64().unwrap_or_else(|| panic!("{what}: {v}"));
        let elapsed = (now_ms() - now) as f64 / 1000.0;
        assert!(
            got >= want - 1.0 && got <= want + elapsed + 1.0,
            "{what}: {got} vs {want}"
        );
    };
    let rk = |a: &[&str]| run_in_temp().args(["-u", &s.url()]).args(a).raw();

    let info = json_of(&rk(&[
        "stream",
        "info",
        "job_events:lag",
        "--format",
        "json",
    ]));
    let groups = info["groups"].as_array().unwrap();
    let g = groups.iter().find(|g| g["name"] == "g").unwrap();
    near(&g["lag_seconds"], 40.0, "info lag");
    near(&g["oldest_pending_seconds"], 60.0, "info oldest pending");
    let caught = groups.iter().find(|g| g["name"] == "caught").unwrap();
    assert_eq!(caught["lag_seconds"], 0.0, "{caught}");
    assert_eq!(caught["oldest_pending_seconds"], Value::Null, "{caught}");
    let table = stdout(&rk(&["stream", "info", "job_events:lag"]));
    assert!(
        table.contains("lag time") && (table.contains("40") || table.contains("41")),
        "{table}"
    );

    let list = json_of(&rk(&["stream", "list", "--format", "json"]));
    near(&list["streams"][0]["group_lag_seconds"], 40.0, "list lag");
    near(
        &list["streams"][0]["oldest_pending_seconds"],
        60.0,
        "list pending",
    );

    // stream jobs: the worst group's lag and oldest pending per job stream, in JSON and in
    // a table column shown only when some job has groups.
    s.cli(&[
        "XADD",
        "job_events:nogroups",
        &format!("{}-0", now - 5_000),
        "event_type",
        "task_progress",
        "data",
        "{}",
    ]);
    let jobs = json_of(&rk(&["stream", "jobs", "--format", "json"]));
    let job = |name: &str| {
        jobs["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|j| j["stream"] == name)
            .unwrap_or_else(|| panic!("{name} in {jobs}"))
            .clone()
    };
    let lagged = job("job_events:lag");
    near(&lagged["group_lag_seconds"], 40.0, "jobs lag");
    near(
        &lagged["oldest_pending_seconds"],
        60.0,
        "jobs oldest pending",
    );
    let plain = job("job_events:nogroups");
    assert_eq!(plain["group_lag_seconds"], Value::Null, "{plain}");
    assert_eq!(plain["oldest_pending_seconds"], Value::Null, "{plain}");
    let table = stdout(&rk(&["stream", "jobs"]));
    assert!(
        table.contains("group lag")
            && table.contains("oldest pending")
            && table
                .lines()
                .any(|l| l.starts_with("lag ") && (l.contains(" 40") || l.contains(" 41"))),
        "{table}"
    );
    let only_plain = stdout(&rk(&["stream", "jobs", "--match", "job_events:nogroups"]));
    assert!(
        !only_plain.contains("group lag") && only_plain.contains("nogroups"),
        "{only_plain}"
    );

    let prom = rk(&[
        "health",
        "--stream",
        "job_events:lag",
        "--format",
        "prometheus",
    ]);
    let text = stdout(&prom);
    let lag = sample(&text, &["redkit_stream_group_lag_seconds{", "group=\"g\""]);
    near(&serde_json::json!(lag), 40.0, "prometheus lag");
    let pend = sample(
        &text,
        &["redkit_stream_group_oldest_pending_seconds{", "group=\"g\""],
    );
    near(&serde_json::json!(pend), 60.0, "prometheus oldest pending");
    assert_eq!(
        sample(
            &text,
            &["redkit_stream_group_lag_seconds{", "group=\"caught\""]
        ),
        Some(0.0),
        "{text}"
    );
    // promtool accepts every name (base units, help and type lines).
    let mut check = std::process::Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("promtool is installed");
    use std::io::Write;
    check
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let checked = check.wait_with_output().unwrap();
    let complaints = format!(
        "{}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
    assert!(
        !complaints.contains("stream_group_lag_seconds")
            && !complaints.contains("oldest_pending_seconds")
            && !complaints.contains("dead_letters"),
        "{complaints}"
    );
    // The time threshold: 30 s of lag warns (exit 1), 50 s does not.
    let warn = rk(&[
        "health",
        "--stream",
        "job_events:lag",
        "--warn-group-lag",
        "30s",
    ]);
    assert_eq!(warn.status.code(), Some(1), "{}", stdout(&warn));
    assert!(stdout(&warn).contains("behind"), "{}", stdout(&warn));
    let ok = rk(&[
        "health",
        "--stream",
        "job_events:lag",
        "--warn-group-lag",
        "50s",
        "--warn-stream-idle",
        "10m",
        "--crit-stream-idle",
        "20m",
        "--min-uptime",
        "0s",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
}

#[test]
fn health_counts_dead_letters_per_stream() {
    let s = RedisServer::start();
    s.cli(&["XADD", "orders", "1-0", "data", "x"]);
    for i in 1..=3 {
        s.cli(&["XADD", "orders:dlq", &format!("{i}-0"), "data", "x"]);
    }
    let out = run_in_temp()
        .args([
            "-u",
            &s.url(),
            "health",
            "--stream",
            "orders",
            "--format",
            "prometheus",
        ])
        .raw();
    let text = stdout(&out);
    assert_eq!(
        sample(&text, &["redkit_stream_dead_letters{", "stream=\"orders\""]),
        Some(3.0),
        "{text}"
    );
    let table = run_in_temp()
        .args(["-u", &s.url(), "health", "--stream", "orders"])
        .raw();
    assert!(
        stdout(&table).contains("3 dead letters"),
        "{}",
        stdout(&table)
    );
}

#[test]
fn where_filters_on_the_events_json_and_any_field() {
    let s = RedisServer::start();
    let k = "job_events:w";
    s.cli_stdin(
        &[],
        b"XADD job_events:w 1-0 data \"{\\\"progress\\\": 20, \\\"status\\\": \\\"running\\\"}\" event_type task_progress\n\
          XADD job_events:w 2-0 data \"{\\\"progress\\\": 100, \\\"status\\\": \\\"failed\\\", \\\"error\\\": \\\"read timeout\\\"}\" event_type task_failed\n\
          XADD job_events:w 3-0 data \"\\xffnot json\" event_type custom\n\
          XADD job_events:w 4-0 data \"{\\\"progress\\\": \\\"9\\\"}\" event_type task_progress\n",
    );
    let read = |w: &[&str]| {
        let mut a = vec![
            "-u".to_string(),
            s.url(),
            "stream".into(),
            "read".into(),
            k.into(),
        ];
        for x in w {
            a.push("--where".into());
            a.push(x.to_string());
        }
        a.extend(["--format".into(), "ndjson".into()]);
        let out = run_in_temp().args(a).raw();
        let ids: Vec<String> = stdout(&out)
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        (out.status.code(), ids)
    };
    // Numbers compare as numbers (9 < 50 < 100, a number held as a string too).
    assert_eq!(
        read(&["data.progress>=50"]),
        (Some(0), vec!["2-0".to_string()])
    );
    assert_eq!(read(&["data.progress<50"]).1, ["1-0", "4-0"]);
    assert_eq!(read(&["data.status=failed"]).1, ["2-0"]);
    assert_eq!(read(&["data.error~time(out)"]).1, ["2-0"]);
    assert_eq!(read(&["event_type!=task_progress"]).1, ["2-0", "3-0"]);
    // Repeated: all must hold.
    assert_eq!(
        read(&["event_type=task_progress", "data.progress>10"]).1,
        ["1-0"]
    );
    // A missing path (and data that is not JSON) matches only !=.
    assert_eq!(read(&["data.status!=failed"]).1, ["1-0", "3-0", "4-0"]);
    assert_eq!(read(&["data~not json"]).1, ["3-0"]);
    // Nothing matched: exit 1, silent under -q.
    assert_eq!(read(&["data.status=done"]), (Some(1), vec![]));
    let q = run_in_temp()
        .args([
            "-q",
            "-u",
            &s.url(),
            "stream",
            "read",
            k,
            "--where",
            "data.status=done",
        ])
        .raw();
    assert_eq!(q.status.code(), Some(1));
    assert_eq!((stdout(&q), stderr(&q)), (String::new(), String::new()));
    let bad = run_in_temp()
        .args([
            "-u",
            &s.url(),
            "stream",
            "read",
            k,
            "--where",
            "data.status",
        ])
        .raw();
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    // stream job shows only the matching events; the state still comes from all of them.
    let job = run_in_temp()
        .args([
            "-u",
            &s.url(),
            "stream",
            "job",
            "w",
            "--where",
            "data.progress>=50",
        ])
        .args(["--format", "json"])
        .raw();
    let v = json_of(&job);
    assert_eq!(v["events"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["events"][0]["id"], "2-0", "{v}");
    // A completed job answers 0, and 1 (silently under -q) when --where matches none of it.
    s.cli(&[
        "XADD",
        "job_events:done",
        "*",
        "data",
        "{\"x\": 2}",
        "event_type",
        "task_completed",
    ]);
    let job = |w: &str| {
        run_in_temp()
            .args(["-q", "-u", &s.url(), "stream", "job", "done", "--where", w])
            .raw()
    };
    let found = job("data.x=2");
    assert_eq!(found.status.code(), Some(0), "{}", stderr(&found));
    let none = job("data.x=1");
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(
        (stdout(&none), stderr(&none)),
        (String::new(), String::new())
    );
    // tail takes --where too (with --count it stops after the matches).
    let tail = run_in_temp()
        .args([
            "-u",
            &s.url(),
            "stream",
            "tail",
            k,
            "--from",
            "0",
            "--count",
            "1",
        ])
        .args(["--where", "data.status=failed", "--format", "ndjson"])
        .raw();
    assert!(
        stdout(&tail).contains("\"id\":\"2-0\""),
        "{}{}",
        stdout(&tail),
        stderr(&tail)
    );
}

#[test]
fn copy_replays_entries_with_and_without_their_ids() {
    let s = RedisServer::start();
    let other = RedisServer::start();
    s.cli_stdin(
        &[],
        b"XADD src 1-0 data \"\\xff\" event_type task_started\n\
          XADD src 2-0 data \"{\\\"p\\\": 50}\" event_type task_progress e \"\"\n\
          XADD src 3-0 data \"{}\" event_type task_completed\n",
    );
    let rk = |a: &[&str]| run_in_temp().args(["-u", &s.url(), "stream"]).args(a).raw();
    let dry = json_of(&rk(&[
        "copy",
        "src",
        "dst",
        "--dry-run",
        "--format",
        "json",
    ]));
    assert_eq!(
        (dry["copied"].as_u64(), dry["scanned"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(s.cli(&["EXISTS", "dst"]), "0", "a dry run copies nothing");
    // New ids, same fields byte for byte, in order.
    let out = rk(&["copy", "src", "dst", "--format", "json"]);
    assert_eq!(json_of(&out)["copied"], 3, "{}", stderr(&out));
    let fields = |k: &str, url: &str| {
        fields_text(
            &run_in_temp()
                .args(["-u", url, "stream", "read", k, "--format", "ndjson"])
                .raw(),
        )
    };
    assert_eq!(fields("dst", &s.url()), fields("src", &s.url()));
    assert_ne!(
        s.cli(&["XRANGE", "dst", "-", "+", "COUNT", "1"])
            .lines()
            .next(),
        Some("1-0")
    );
    // A filter that matches nothing: exit 1, silent under -q (as read), nothing written.
    let none = run_in_temp()
        .args(["-q", "-u", &s.url(), "stream", "copy", "src", "nothing"])
        .args(["--where", "data.nope=1"])
        .raw();
    assert_eq!(none.status.code(), Some(1), "{}", stderr(&none));
    assert_eq!(
        (stdout(&none), stderr(&none)),
        (String::new(), String::new())
    );
    assert_eq!(s.cli(&["EXISTS", "nothing"]), "0");
    // --keep-ids into a stream that already has later ids is refused before any XADD.
    let refused = rk(&["copy", "src", "dst", "--keep-ids"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert_eq!(s.cli(&["XLEN", "dst"]), "3");
    // --keep-ids with a range and a filter, into another server.
    let out = rk(&[
        "copy",
        "src",
        "copied",
        "--keep-ids",
        "--from",
        "2-0",
        "--where",
        "event_type!=task_started",
        "--to-url",
        &other.url(),
        "--format",
        "json",
    ]);
    assert_eq!(json_of(&out)["copied"], 2, "{}", stderr(&out));
    assert_eq!(
        other.cli(&["XRANGE", "copied", "-", "+"]).lines().next(),
        Some("2-0")
    );
    assert_eq!(
        fields("copied", &other.url()),
        fields("src", &s.url())[1..].to_vec()
    );
    // Nothing selected: exit 1.
    let none = rk(&["copy", "src", "x", "--where", "data.p>99"]);
    assert_eq!(none.status.code(), Some(1));
}

/// Retention judges each job once, in the scan; the deletion itself only checks that no event
/// came after the one judged. A job that gets an event between the two (here: while --rate
/// holds the deletions back) is left, and counted as changed.
#[test]
fn retention_leaves_a_job_that_got_an_event_after_it_was_judged() {
    let s = RedisServer::start();
    let n = 20;
    let keys: Vec<String> = (0..n).map(|i| format!("job_events:{i}")).collect();
    let mut cmds: Vec<Vec<String>> = Vec::new();
    for k in &keys {
        for (id, t) in [("1000-0", "task_started"), ("2000-0", "task_completed")] {
            cmds.push(
                ["XADD", k, id, "event_type", t]
                    .iter()
                    .map(|a| a.to_string())
                    .collect(),
            );
        }
    }
    pipe_load(&s, &cmds);
    let dir = tempfile::tempdir().unwrap();
    let child = crate::support::spawn_redkit(
        dir.path(),
        &[
            "-u",
            &s.url(),
            "stream",
            "jobs",
            "--delete-finished",
            "--older-than",
            "1h",
            "--rate",
            "5",
            "--yes",
            "--format",
            "json",
        ],
    );
    let started = Instant::now();
    while s.cli(&["DBSIZE"]) == n.to_string() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "nothing deleted"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    // An event for every job still there (NOMKSTREAM: a deleted one is not recreated).
    let mut touched = Vec::new();
    for k in &keys {
        let id = s.cli(&["XADD", k, "NOMKSTREAM", "*", "event_type", "task_progress"]);
        if !id.is_empty() {
            touched.push(k.clone());
        }
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        !touched.is_empty(),
        "every job was deleted before the events: make the run longer"
    );
    for k in &touched {
        assert_eq!(
            s.cli(&["EXISTS", k]),
            "1",
            "{k} got an event and was deleted"
        );
    }
    let v = json_of(&out);
    // Judged before its event: changed (a later SCAN batch would judge it running).
    let changed = v["changed"].as_u64().unwrap();
    assert!(changed >= 1, "{v}");
    assert_eq!(
        changed + v["kept_running"].as_u64().unwrap(),
        touched.len() as u64,
        "{v}"
    );
    assert_eq!(
        v["deleted"].as_u64(),
        Some((n - touched.len()) as u64),
        "{v}"
    );
    assert_eq!(s.cli(&["DBSIZE"]), touched.len().to_string());
}

/// A SIGKILL in the middle of a requeue leaves every dead letter either back in its stream
/// (once) and gone from the dead-letter stream, or still a dead letter: no duplicate, no
/// loss; a second run requeues the rest.
#[test]
fn requeue_survives_a_kill_mid_run_without_duplicates_or_loss() {
    let s = RedisServer::start();
    let n = 30_000u64;
    let cmds: Vec<Vec<String>> = (1..=n)
        .map(|i| {
            [
                "XADD",
                "rq:dlq",
                &format!("{i}-0"),
                "data",
                &format!("{{\"n\":{i}}}"),
                "dlq_stream",
                "rq",
                "dlq_id",
                &format!("{i}-0"),
                "dlq_group",
                "g",
                "dlq_consumer",
                "c1",
                "dlq_deliveries",
                "3",
                "dlq_at",
                "2026-11-23T10:00:00.000Z",
            ]
            .iter()
            .map(|a| a.to_string())
            .collect()
        })
        .collect();
    pipe_load(&s, &cmds);
    let args = [
        "-u",
        &s.url(),
        "stream",
        "requeue",
        "rq:dlq",
        "--all",
        "--yes",
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut child = crate::support::spawn_redkit(dir.path(), &args);
    let started = Instant::now();
    while s.cli(&["EXISTS", "rq"]) == "0" {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "nothing requeued"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let back: u64 = s.cli(&["XLEN", "rq"]).parse().unwrap();
    let left: u64 = s.cli(&["XLEN", "rq:dlq"]).parse().unwrap();
    assert!(back < n, "the run finished before the kill: make it longer");
    assert_eq!(back + left, n, "requeued {back} + left {left}");
    // Each original exactly once over both streams, and no provenance field came back.
    let check = || {
        let mut all = values_of(&s.cli(&["XRANGE", "rq", "-", "+"]), "data");
        all.extend(values_of(&s.cli(&["XRANGE", "rq:dlq", "-", "+"]), "data"));
        all.sort();
        let want: std::collections::BTreeSet<String> =
            (1..=n).map(|i| format!("{{\"n\":{i}}}")).collect();
        assert_eq!(all.len() as u64, n, "an entry was requeued twice or lost");
        assert!(all.into_iter().eq(want), "the entries differ");
        assert!(values_of(&s.cli(&["XRANGE", "rq", "-", "+"]), "dlq_id").is_empty());
    };
    check();
    let rest = run_in_temp().args(args).args(["--format", "json"]).raw();
    assert_eq!(rest.status.code(), Some(0), "{}", stderr(&rest));
    assert_eq!(json_of(&rest)["requeued"].as_u64(), Some(left));
    check();
    assert_eq!(s.cli(&["XLEN", "rq:dlq"]), "0");
}

/// Retention keeps what a consumer group has not finished (entries pending or not delivered,
/// the rule of `stream trim`), and with --expire the streams that already have a TTL; the dry
/// run counts exactly what the run then does.
#[test]
fn retention_keeps_unfinished_group_work_and_existing_ttls() {
    let s = RedisServer::start();
    let old = |k: &str| {
        s.cli(&["XADD", k, "1000-0", "event_type", "task_started"]);
        s.cli(&["XADD", k, "2000-0", "event_type", "task_completed"]);
    };
    let read = |k: &str, count: &str| {
        s.cli(&[
            "XREADGROUP",
            "GROUP",
            "g",
            "c1",
            "COUNT",
            count,
            "STREAMS",
            k,
            ">",
        ]);
    };
    // Read to the end and acked: done. Read to the end, one pending: kept. One never delivered:
    // kept. A group created at the end ($), nothing pending: done.
    for k in [
        "job_events:acked",
        "job_events:pending",
        "job_events:behind",
        "job_events:new",
    ] {
        old(k);
    }
    s.cli(&["XGROUP", "CREATE", "job_events:acked", "g", "0"]);
    read("job_events:acked", "10");
    s.cli(&["XACK", "job_events:acked", "g", "1000-0", "2000-0"]);
    s.cli(&["XGROUP", "CREATE", "job_events:pending", "g", "0"]);
    read("job_events:pending", "10");
    s.cli(&["XACK", "job_events:pending", "g", "1000-0"]);
    s.cli(&["XGROUP", "CREATE", "job_events:behind", "g", "0"]);
    read("job_events:behind", "1");
    s.cli(&["XACK", "job_events:behind", "g", "1000-0"]);
    s.cli(&["XGROUP", "CREATE", "job_events:new", "g", "$"]);
    let rk = |a: &[&str]| {
        run_in_temp()
            .args(["-u", &s.url(), "stream", "jobs", "--older-than", "1h"])
            .args(a)
            .args(["--format", "json"])
            .raw()
    };
    let dry = rk(&["--delete-finished", "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    let d = json_of(&dry);
    assert_eq!(
        (d["deleted"].as_u64(), d["kept_unprocessed"].as_u64()),
        (Some(2), Some(2)),
        "{d}"
    );
    let table = stdout(
        &run_in_temp()
            .args(["-u", &s.url(), "stream", "jobs", "--older-than", "1h"])
            .args(["--delete-finished", "--dry-run"])
            .raw(),
    );
    assert!(
        table.contains("2 a consumer group has not finished"),
        "{table}"
    );
    // --expire: one of the two already expires; the dry run and the run agree.
    s.cli(&["EXPIRE", "job_events:new", "99999"]);
    let ex = |extra: &[&str]| rk(&[&["--expire", "1d"][..], extra].concat());
    let d = json_of(&ex(&["--dry-run"]));
    let r = json_of(&ex(&["--yes"]));
    for v in [&d, &r] {
        assert_eq!(
            (
                v["deleted"].as_u64(),
                v["kept_has_ttl"].as_u64(),
                v["kept_unprocessed"].as_u64(),
                v["changed"].as_u64()
            ),
            (Some(1), Some(1), Some(2), Some(0)),
            "{v}"
        );
    }
    assert_eq!(s.cli(&["TTL", "job_events:new"]), "99999");
    let ttl: i64 = s.cli(&["TTL", "job_events:acked"]).parse().unwrap();
    assert!((86_390..=86_400).contains(&ttl), "{ttl}");
    let real = json_of(&rk(&["--delete-finished", "--yes"]));
    assert_eq!(real["deleted"], 2, "{real}");
    assert_eq!(s.cli(&["EXISTS", "job_events:acked"]), "0");
    assert_eq!(s.cli(&["EXISTS", "job_events:new"]), "0");
    for k in ["job_events:pending", "job_events:behind"] {
        assert_eq!(
            s.cli(&["EXISTS", k]),
            "1",
            "{k}: a group has not finished it"
        );
    }
}

/// `stream tail --group --ack --where`: only the printed entries are acknowledged; those the
/// filter hides stay pending with the consumer (the group has not processed them).
#[test]
fn tail_with_a_group_acks_only_what_the_filter_shows() {
    let s = RedisServer::start();
    for i in 1..=4 {
        s.cli(&[
            "XADD",
            "tq",
            &format!("{i}-0"),
            "data",
            &format!("{{\"n\":{i}}}"),
        ]);
    }
    s.cli(&["XGROUP", "CREATE", "tq", "audit", "0"]);
    let out = run_in_temp()
        .args(["-u", &s.url(), "stream", "tail", "tq", "--group", "audit"])
        .args([
            "--consumer",
            "ops-1",
            "--ack",
            "--where",
            "data.n>=3",
            "--count",
            "2",
        ])
        .args(["--format", "ndjson"])
        .raw();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(shown, ["3-0", "4-0"]);
    assert_eq!(pending_ids_of(&s, "tq", "audit"), ["1-0", "2-0"]);
    assert!(
        stderr(&out).contains("2 entries delivered to group audit and not shown"),
        "{}",
        stderr(&out)
    );
}

/// `stream trim --match` leaves the dead-letter streams the glob matches whole, and says so;
/// named as KEY, one is trimmed.
#[test]
fn trim_by_glob_leaves_dead_letter_streams_whole() {
    let s = RedisServer::start();
    for i in 1..=5 {
        let id = format!("{i}-0");
        s.cli(&["XADD", "job_events:77", &id, "data", "x"]);
        s.cli(&["XADD", "job_events:77:dlq", &id, "data", "x", "dlq_id", &id]);
    }
    let rk = |a: &[&str]| {
        run_in_temp()
            .args(["-u", &s.url(), "stream", "trim"])
            .args(a)
            .raw()
    };
    let v = json_of(&rk(&[
        "--match",
        "job_events:*",
        "--maxlen",
        "1",
        "--yes",
        "--format",
        "json",
    ]));
    assert_eq!(v["removed"], 4, "{v}");
    assert_eq!(
        v["skipped_dead_letter_streams"],
        serde_json::json!(["job_events:77:dlq"]),
        "{v}"
    );
    assert_eq!(s.cli(&["XLEN", "job_events:77"]), "1");
    assert_eq!(s.cli(&["XLEN", "job_events:77:dlq"]), "5");
    let table = stdout(&rk(&[
        "--match",
        "job_events:*",
        "--maxlen",
        "1",
        "--dry-run",
    ]));
    assert!(table.contains("skipped 1 dead-letter stream"), "{table}");
    let named = rk(&["job_events:77:dlq", "--maxlen", "1", "--yes"]);
    assert_eq!(named.status.code(), Some(0), "{}", stderr(&named));
    assert_eq!(s.cli(&["XLEN", "job_events:77:dlq"]), "1");
}
