//! cache flush/stats against real servers: exactly the selected keys go, everything else stays.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{Cluster, LEAK_SECRET, RedisServer, redkit, spawn_redkit, stderr, stdout};

/// Sends one command as RESP (binary-safe) and returns the raw reply bytes.
fn resp(port: u16, args: &[&[u8]]) -> Vec<u8> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = format!("*{}\r\n", args.len()).into_bytes();
    for a in args {
        buf.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
        buf.extend_from_slice(a);
        buf.extend_from_slice(b"\r\n");
    }
    s.write_all(&buf).unwrap();
    let mut reply = vec![0u8; 64];
    let n = s.read(&mut reply).unwrap();
    reply.truncate(n);
    reply
}

/// Every key of the server, as bytes (KEYS is fine on a test server).
fn keys(port: u16) -> BTreeSet<Vec<u8>> {
    let out = std::process::Command::new("redis-cli")
        .args(["-p", &port.to_string(), "--raw", "--scan"])
        .output()
        .unwrap();
    // --raw --scan prints one key per line; keys with newlines are checked separately.
    out.stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| l.to_vec())
        .collect()
}

fn load(server: &RedisServer, lines: &str) {
    server.cli_stdin(&[], lines.as_bytes());
}

/// `n` string keys agent:cache:0 .. agent:cache:{n-1}.
fn load_prefixed(server: &RedisServer, n: usize) {
    let cmds: String = (0..n).map(|i| format!("SET agent:cache:{i} v\n")).collect();
    load(server, &cmds);
}

fn flush(dir: &std::path::Path, url: &str, args: &[&str]) -> std::process::Output {
    redkit(dir)
        .args(["-u", url, "cache", "flush"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn exactly_the_matching_keys_go() {
    let s = RedisServer::start();
    let mut cmds = String::new();
    let mut seed: u64 = 0x2545F4914F6CDD1D;
    for i in 0..3000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let key = match seed % 6 {
            0 | 1 => format!("agent:cache:{i}"),
            2 => format!("agent:cachex{i}"),
            3 => format!("agent:{i}:cache:"),
            4 => format!("user:{i}:unread"),
            _ => format!("x{i}agent:cache:"),
        };
        cmds.push_str(&format!("SET {key} v\n"));
    }
    cmds.push_str("HSET agent:cache:h f v\nRPUSH agent:cache:l a\n");
    load(&s, &cmds);
    // Binary-safe: a key with a space, one with a newline, one not UTF-8, under the prefix.
    resp(s.port, &[b"SET", b"agent:cache:with space", b"1"]);
    resp(s.port, &[b"SET", b"agent:cache:new\nline", b"1"]);
    resp(s.port, &[b"SET", b"agent:cache:\xff\xfe", b"1"]);
    let before = keys(s.port);
    assert!(
        before.len() > 2900,
        "the keyspace was loaded: {}",
        before.len()
    );
    let expected_gone: BTreeSet<Vec<u8>> = before
        .iter()
        .filter(|k| k.starts_with(b"agent:cache:"))
        .cloned()
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let out = flush(
        dir.path(),
        &s.url(),
        &["--yes", "--format", "json", "--batch", "100"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The newline key shows up as two lines in `keys()`, so count from the server instead.
    let after = keys(s.port);
    let want: BTreeSet<Vec<u8>> = before
        .iter()
        .filter(|k| !expected_gone.contains(*k))
        .filter(|k| !k.starts_with(b"agent:cache:new") && *k != b"line")
        .cloned()
        .collect();
    assert_eq!(after, want);
    assert_eq!(s.cli(&["EXISTS", "agent:cache:new\nline"]), "0");
    assert_eq!(doc["dry_run"], false);
    assert_eq!(doc["deleted"], doc["matched"]);
    let total: u64 = s.cli(&["DBSIZE"]).parse().unwrap();
    assert_eq!(total as usize, want.len());
}

#[test]
fn prefix_is_literal_and_everything_needs_all_keys() {
    let s = RedisServer::start();
    load(&s, "SET a*b:1 1\nSET axb:1 1\nSET a?b:2 1\nSET a[b]:3 1\n");
    let dir = tempfile::tempdir().unwrap();
    let out = flush(dir.path(), &s.url(), &["--prefix", "a*b:", "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(s.cli(&["EXISTS", "a*b:1"]), "0");
    assert_eq!(s.cli(&["EXISTS", "axb:1"]), "1");
    let out = flush(dir.path(), &s.url(), &["--prefix", "a[b]:", "--yes"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(s.cli(&["EXISTS", "a[b]:3"]), "0");
    assert_eq!(s.cli(&["DBSIZE"]), "2");

    for args in [vec!["--prefix", ""], vec!["--pattern", "*"]] {
        let mut a = args.clone();
        a.push("--yes");
        let out = flush(dir.path(), &s.url(), &a);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("--all-keys"), "{}", stderr(&out));
    }
    assert_eq!(s.cli(&["DBSIZE"]), "2");
    let out = flush(
        dir.path(),
        &s.url(),
        &["--pattern", "*", "--all-keys", "--yes"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(s.cli(&["DBSIZE"]), "0");
}

#[test]
fn dry_run_and_no_terminal_delete_nothing() {
    let s = RedisServer::start();
    load_prefixed(&s, 500);
    let dir = tempfile::tempdir().unwrap();
    let out = flush(dir.path(), &s.url(), &["--dry-run", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["dry_run"], true);
    assert_eq!(doc["matched"], 500);
    assert_eq!(doc["deleted"], 0);
    assert_eq!(doc["nodes"][0]["sample"].as_array().unwrap().len(), 5);
    assert_eq!(s.cli(&["DBSIZE"]), "500");
    // Not a terminal and no --yes: refused, exit 2, nothing touched.
    let out = flush(dir.path(), &s.url(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--yes"));
    assert_eq!(s.cli(&["DBSIZE"]), "500");
    // The prefix comes from the config when not given.
    std::fs::write(
        dir.path().join("redkit.yaml"),
        "cache:\n  providers:\n    redis:\n      key_prefix: \"agent:cache:1\"\n",
    )
    .unwrap();
    let out = flush(dir.path(), &s.url(), &["--yes", "--format", "json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["deleted"], 111, "agent:cache:1, 10-19, 100-199");
}

#[test]
fn type_ttl_and_idle_filters() {
    let s = RedisServer::start();
    load(
        &s,
        "SET agent:cache:s1 v\nHSET agent:cache:h1 f v\nHSET agent:cache:h2 f v\nSET agent:cache:t1 v EX 1000\nSET agent:cache:t2 v\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let out = flush(dir.path(), &s.url(), &["--type", "hash", "--yes"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(s.cli(&["EXISTS", "agent:cache:h1", "agent:cache:h2"]), "0");
    assert_eq!(s.cli(&["DBSIZE"]), "3");
    let out = flush(dir.path(), &s.url(), &["--no-ttl", "--yes"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(s.cli(&["EXISTS", "agent:cache:t1"]), "1");
    assert_eq!(s.cli(&["DBSIZE"]), "1");

    // Idle time has one-second resolution: old keys sit 3 s, fresh ones are touched now.
    load(&s, "SET agent:cache:old1 v\nSET agent:cache:old2 v\n");
    std::thread::sleep(Duration::from_millis(3100));
    load(&s, "SET agent:cache:new1 v\n");
    let out = flush(dir.path(), &s.url(), &["--min-idle", "2s", "--yes"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        s.cli(&["EXISTS", "agent:cache:old1", "agent:cache:old2"]),
        "0"
    );
    assert_eq!(s.cli(&["EXISTS", "agent:cache:new1"]), "1");
}

#[test]
fn cluster_flush_reaches_every_master_and_nothing_else() {
    let c = Cluster::start(3, 0);
    let mut cmds = String::new();
    for i in 0..1500 {
        cmds.push_str(&format!("SET agent:cache:{i} v\nSET keep:{i} v\n"));
    }
    let out = c.nodes[0]
        .cli_cmd()
        .arg("-c")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(cmds.as_bytes())?;
            child.wait()
        })
        .unwrap();
    assert!(out.success());
    assert_eq!(c.dbsize(), 3000);
    // Every master holds some of the keys.
    for n in &c.nodes {
        assert!(n.cli(&["DBSIZE"]).parse::<u64>().unwrap() > 100);
    }
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path())
        .args([
            "--cluster",
            "-u",
            &c.seed_url(),
            "cache",
            "flush",
            "--yes",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["deleted"], 1500);
    assert_eq!(doc["nodes"].as_array().unwrap().len(), 3);
    assert_eq!(c.dbsize(), 1500);
    assert_eq!(c.cli(&["EXISTS", "keep:7"]), "1");

    let out = redkit(dir.path())
        .args([
            "--cluster",
            "-u",
            &c.seed_url(),
            "cache",
            "stats",
            "--pattern",
            "keep:*",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["total"]["keys"], 1500);
}

#[test]
fn rate_cap_holds() {
    let s = RedisServer::start();
    load_prefixed(&s, 300);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = flush(dir.path(), &s.url(), &["--rate", "200", "--yes"]);
    assert_eq!(out.status.code(), Some(0));
    // 300 keys at 200/s cannot finish in under a second (a lower bound, not a speed test).
    assert!(
        started.elapsed() >= Duration::from_millis(1000),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(s.cli(&["DBSIZE"]), "0");
}

#[test]
fn server_killed_midway_exit_3_and_rerun_finishes() {
    let mut s = RedisServer::builder()
        .arg("appendonly yes")
        .arg("appendfsync always")
        .arg("enable-debug-command yes")
        .start();
    s.cli(&["DEBUG", "POPULATE", "20000", "agent:cache"]);
    s.cli(&["DEBUG", "POPULATE", "100", "keep"]);
    s.cli(&["BGREWRITEAOF"]);
    crate::support::wait_until("the AOF rewrite", Duration::from_secs(20), || {
        s.info_num("aof_rewrite_in_progress") == 0 && s.info_num("aof_rewrite_scheduled") == 0
    });
    let dir = tempfile::tempdir().unwrap();
    let child = spawn_redkit(
        dir.path(),
        &[
            "-u",
            &s.url(),
            "--timeout",
            "2s",
            "--connect-timeout",
            "2s",
            "cache",
            "flush",
            "--yes",
            "--rate",
            "4000",
        ],
    );
    // Killed mid-run: once deleting has started, well before it can end.
    crate::support::wait_until(
        "the flush to start deleting",
        Duration::from_secs(20),
        || s.cli(&["DBSIZE"]).parse::<u64>().unwrap_or(u64::MAX) < 20_000,
    );
    s.kill();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("run again to finish"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    s.restart();
    let left: u64 = s.cli(&["DBSIZE"]).parse().unwrap();
    assert!(
        left > 100 && left < 20100,
        "some but not all deleted: {left}"
    );
    let out = flush(dir.path(), &s.url(), &["--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(s.cli(&["DBSIZE"]), "100");
}

#[test]
fn stats_counts_types_ttls_and_prefixes() {
    let s = RedisServer::start();
    load(
        &s,
        "SET agent:cache:a 1\nSET agent:cache:b 1 EX 100\nSET agent:cache:c 1 EX 7200\nHSET agent:cache:h f v\nSET user:1:unread 3\nSET user:2:unread 4\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path())
        .args([
            "-u",
            &s.url(),
            "cache",
            "stats",
            "--format",
            "json",
            "--exact",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let t = &doc["total"];
    assert_eq!(t["keys"], 4);
    assert_eq!(t["types"]["string"], 3);
    assert_eq!(t["types"]["hash"], 1);
    assert_eq!(t["ttl"]["none"], 2);
    assert_eq!(t["ttl"]["under_1h"], 1);
    assert_eq!(t["ttl"]["under_1d"], 1);
    assert_eq!(t["memory_sampled_keys"], 4);
    assert!(t["memory_estimated_bytes"].as_u64().unwrap() > 0);
    let out = redkit(dir.path())
        .args([
            "-u",
            &s.url(),
            "cache",
            "stats",
            "--top-prefixes",
            "5",
            "--depth",
            "1",
        ])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("agent:") && text.contains("user:"), "{text}");
}

#[test]
fn cache_commands_never_print_the_password() {
    let s = RedisServer::builder().password(LEAK_SECRET).start();
    s.cli(&["SET", "agent:cache:1", "v"]);
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["cache", "stats"],
        vec!["cache", "flush", "--dry-run", "--format", "json"],
        vec!["cache", "flush", "--yes"],
    ] {
        for env_pw in [LEAK_SECRET, "wrong-password-value"] {
            let out = redkit(dir.path())
                .args(["-u", &s.url()])
                .args(&args)
                .env("REDIS_PASSWORD", env_pw)
                .output()
                .unwrap();
            let all = format!("{}{}", stdout(&out), stderr(&out));
            assert!(!all.contains(LEAK_SECRET), "{args:?}: {all}");
            assert!(!all.contains("wrong-password-value"), "{args:?}: {all}");
        }
    }
}

/// A server error repeated for every key (OBJECT IDLETIME under an LFU policy) is reported once
/// with a count, in a bounded line, not once per key.
#[test]
fn an_error_repeated_per_key_is_reported_once() {
    let s = RedisServer::builder()
        .arg("maxmemory-policy allkeys-lfu")
        .start();
    for i in 0..300 {
        s.cli(&["SET", &format!("agent:cache:{i}"), "v"]);
    }
    let dir = tempfile::tempdir().unwrap();
    let url = s.url();
    for action in ["flush", "stats"] {
        let mut args = vec!["-u", url.as_str(), "cache", action, "--min-idle", "1s"];
        if action == "flush" {
            args.push("--dry-run");
        }
        let out = redkit(dir.path()).args(&args).output().unwrap();
        let (o, e) = (stdout(&out), stderr(&out));
        assert_eq!(out.status.code(), Some(3), "{action}: {o}\n{e}");
        assert!(e.contains("LFU") && e.contains("replies)"), "{action}: {e}");
        assert_eq!(
            e.matches("idle time not tracked").count(),
            1,
            "{action}: {e}"
        );
        assert!(e.len() < 1000, "{action}: {} bytes of error", e.len());
        assert!(o.len() < 2000, "{action}: {} bytes of table", o.len());
    }
    // Nothing was deleted.
    assert_eq!(s.cli(&["DBSIZE"]), "300");
}

/// Every spelling of "match everything" needs --all-keys, and nothing is deleted without it.
#[test]
fn match_everything_spellings_are_refused() {
    let s = RedisServer::start();
    s.cli(&["SET", "a", "1"]);
    s.cli(&["SET", "agent:cache:1", "1"]);
    let dir = tempfile::tempdir().unwrap();
    for p in ["*", "**", "?*", "*?", "*?*", "??*", "[a-z]*", "*[^x]*"] {
        let out = redkit(dir.path())
            .args(["-u", &s.url(), "cache", "flush", "--pattern", p, "--yes"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{p}: {}", stderr(&out));
        assert!(stderr(&out).contains("--all-keys"), "{p}: {}", stderr(&out));
    }
    assert_eq!(s.cli(&["DBSIZE"]), "2");
}

/// --top-prefixes groups keys by shape: 300 `user:N:unread` keys are one `user:*:unread`
/// group, hex and UUID ids become `*` too, and --depth still cuts the groups.
#[test]
fn top_prefixes_group_ids_into_one_shape() {
    let s = RedisServer::start();
    let mut cmds: String = (100..400)
        .map(|i| format!("SET user:{i}:unread {i}\n"))
        .collect();
    for i in 0..20 {
        cmds.push_str(&format!("SET agent:cache:{:016x} v\n", 0x5eed_0000_u64 + i));
        cmds.push_str(&format!(
            "SET session:3f2b9c1e-07aa-4c1e-9d2f-{i:012}:data v\n"
        ));
    }
    cmds.push_str("SET config:features v\n");
    load(&s, &cmds);
    let dir = tempfile::tempdir().unwrap();
    let groups = |depth: &str| {
        let out = redkit(dir.path())
            .args(["-u", &s.url(), "cache", "stats", "--top-prefixes", "10"])
            .args(["--depth", depth, "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["prefixes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["prefix"].as_str().unwrap().to_string(),
                    p["keys"].as_u64().unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        groups("2"),
        vec![
            ("user:*:unread".to_string(), 300),
            ("agent:cache:".to_string(), 20),
            ("session:*:data".to_string(), 20),
            ("config:".to_string(), 1),
        ]
    );
    assert_eq!(
        groups("1"),
        vec![
            ("user:".to_string(), 300),
            ("agent:".to_string(), 20),
            ("session:".to_string(), 20),
            ("config:".to_string(), 1),
        ]
    );
    // A deeper cut reaches the id of the cache keys.
    assert!(groups("3").contains(&("agent:cache:*".to_string(), 20)));
}

/// A cluster of one node lists itself as `:PORT` (no host) in CLUSTER NODES; every command
/// that reads the topology treats that as the address it connected to.
#[test]
fn a_single_node_cluster_is_a_cluster_like_any_other() {
    let c = Cluster::single();
    let nodes = c.nodes[0].cli(&["CLUSTER", "NODES"]);
    assert!(
        nodes.contains(&format!(" :{}@", c.nodes[0].port)),
        "the case under test: an empty host in {nodes}"
    );
    let mut cmds = String::new();
    for i in 0..300 {
        cmds.push_str(&format!("SET agent:cache:{i} v\n"));
    }
    cmds.push_str("SET other:1 v\nXADD job_events:7 * event_type task_started\n");
    load(&c.nodes[0], &cmds);
    let dir = tempfile::tempdir().unwrap();
    let url = c.seed_url();
    let run = |args: &[&str]| {
        crate::support::run(dir.path())
            .args(["--cluster", "-u", &url])
            .args(args)
    };
    let ping = run(&["ping"]).expect(0);
    assert!(!ping.all().contains(":0"), "{ping}");
    run(&["wait", "--redis", "--max-wait", "5s"]).expect(0);
    let health = run(&["health", "--format", "json"]).output();
    assert!(
        matches!(health.code, Some(0) | Some(1)),
        "health judges the node, it does not fail to reach it\n{health}"
    );
    assert!(!health.all().contains("unreached"), "{health}");
    let list = run(&["stream", "list", "--format", "json"]).expect(0);
    assert_eq!(list.json()["total"], 1, "{list}");
    let bench = run(&[
        "bench", "-w", "get", "-n", "300", "-c", "2", "--format", "json",
    ])
    .expect(0);
    let calls = &bench.json()["workloads"][0]["server_calls"];
    assert_eq!(calls, &serde_json::json!([300]), "{bench}");

    let stats = run(&["cache", "stats", "--format", "json"]).expect(0);
    let v = stats.json();
    assert_eq!(v["total"]["keys"], 300, "{stats}");
    assert_eq!(v["nodes"].as_array().unwrap().len(), 1);
    assert_eq!(v["unreached"], serde_json::json!([]));

    let flush = run(&["cache", "flush", "--yes", "--format", "json"]).expect(0);
    let v = flush.json();
    assert_eq!(v["deleted"], 300, "{flush}");
    assert_eq!(v["nodes"][0]["error"], Value::Null);
    assert_eq!(c.nodes[0].cli(&["DBSIZE"]), "2");
}

/// Keys matching `pattern` on one node (its own keyspace, no redirects).
fn count_on(n: &RedisServer, pattern: &str) -> u64 {
    n.cli(&["--scan", "--pattern", pattern])
        .lines()
        .filter(|l| !l.is_empty())
        .count() as u64
}

/// A 3-master cluster with slot S of nodes[0] being moved to nodes[1]: S is MIGRATING on the
/// source and IMPORTING on the target, and 100 of its `200 + extra` cache keys already moved
/// (`agent:cache:{TAG}:0..99`). Returns the hash tag of S.
fn cluster_mid_reshard(c: &Cluster, extra: u32) -> String {
    let (a, b) = (&c.nodes[0], &c.nodes[1]);
    let owns_a = |slot: u16| {
        a.cli(&["CLUSTER", "NODES"]).lines().any(|l| {
            l.contains("myself")
                && l.split(' ').skip(8).any(|r| match r.split_once('-') {
                    Some((x, y)) => {
                        (x.parse::<u16>().unwrap()..=y.parse().unwrap()).contains(&slot)
                    }
                    None => r.parse::<u16>().ok() == Some(slot),
                })
        })
    };
    let (tag, slot) = (0..)
        .map(|i| {
            let tag = format!("t{i}");
            let slot: u16 = a.cli(&["CLUSTER", "KEYSLOT", &tag]).parse().unwrap();
            (tag, slot)
        })
        .find(|(_, s)| owns_a(*s))
        .unwrap();
    let mut cmds = String::new();
    for i in 0..900 {
        cmds.push_str(&format!("SET agent:cache:{i} v\nSET keep:{i} v\n"));
    }
    for i in 0..200 + extra {
        cmds.push_str(&format!("SET agent:cache:{{{tag}}}:{i} v\n"));
    }
    for i in 0..60 {
        cmds.push_str(&format!("SET keep:{{{tag}}}:{i} v\n"));
    }
    c.feed(&cmds);
    let id_a = a.cli(&["CLUSTER", "MYID"]);
    let id_b = b.cli(&["CLUSTER", "MYID"]);
    let s = slot.to_string();
    b.cli(&["CLUSTER", "SETSLOT", &s, "IMPORTING", &id_a]);
    a.cli(&["CLUSTER", "SETSLOT", &s, "MIGRATING", &id_b]);
    // Half of the slot's cache keys and some of its other keys go over now.
    let mut moving: Vec<String> = (0..100)
        .map(|i| format!("agent:cache:{{{tag}}}:{i}"))
        .collect();
    moving.extend((0..30).map(|i| format!("keep:{{{tag}}}:{i}")));
    let port = b.port.to_string();
    let mut args = vec!["MIGRATE", "127.0.0.1", &port, "", "0", "5000", "KEYS"];
    args.extend(moving.iter().map(String::as_str));
    assert_eq!(a.cli(&args), "OK");
    let on_b = count_on(b, &format!("agent:cache:{{{tag}}}:*"));
    assert_eq!(on_b, 100, "the slot's keys are on both sides");
    assert_eq!(
        count_on(a, &format!("agent:cache:{{{tag}}}:*")),
        100 + u64::from(extra)
    );
    tag
}

/// A flush while a slot is being resharded follows MOVED and ASK per key, deletes the keys on
/// both sides, finishes every node, and reports exactly the keys that are gone.
#[test]
fn cluster_flush_mid_reshard_deletes_both_sides_and_counts_them() {
    let c = Cluster::start(3, 0);
    cluster_mid_reshard(&c, 0);
    let masters = || c.nodes.iter();
    let cache_keys = || -> u64 { masters().map(|n| count_on(n, "agent:cache:*")).sum() };
    let other_keys = || -> u64 { masters().map(|n| count_on(n, "keep:*")).sum() };
    let (before, others) = (cache_keys(), other_keys());
    assert_eq!(before, 1100);
    let dir = tempfile::tempdir().unwrap();
    let url = c.seed_url();
    let run = |args: &[&str]| {
        crate::support::run(dir.path())
            .args(["--cluster", "-u", &url, "cache"])
            .args(args)
    };
    let stats = run(&["stats", "--format", "json"]).expect(0);
    assert_eq!(stats.json()["total"]["keys"], 1100, "{stats}");
    let dry = run(&["flush", "--dry-run", "--format", "json"]).expect(0);
    assert_eq!(dry.json()["matched"], 1100, "{dry}");

    let ran = run(&["flush", "--yes", "--format", "json"]).expect(0);
    let v = ran.json();
    let gone = before - cache_keys();
    assert_eq!(
        gone, 1100,
        "every cache key is gone, on both sides of the slot\n{ran}"
    );
    assert_eq!(
        v["deleted"], gone,
        "the count is what the server did\n{ran}"
    );
    assert_eq!(other_keys(), others, "nothing else was touched");
    for n in v["nodes"].as_array().unwrap() {
        assert_eq!(n["error"], Value::Null, "{ran}");
    }
    let redirected: u64 = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["redirected"].as_u64().unwrap())
        .sum();
    assert_eq!(
        redirected, 100,
        "the importing node's keys went through MOVED and ASK\n{ran}"
    );
}

/// --top-prefixes gives each group its sample's bytes scaled to its key count, so the groups
/// add up to the total (an estimate, said so, with the sample size); --exact measures every key
/// and the groups add up to the exact total, with no word of sampling.
#[test]
fn top_prefix_bytes_add_up_to_the_total() {
    let s = RedisServer::start();
    let big = "x".repeat(1000);
    let mid = "y".repeat(200);
    let mut cmds = String::new();
    for i in 0..3000 {
        cmds.push_str(&format!("SET agent:cache:{i} {big}\n"));
    }
    for i in 0..600 {
        cmds.push_str(&format!("SET user:{i}:unread {i}\n"));
    }
    for i in 0..40 {
        cmds.push_str(&format!("SET session:{i}:data {mid}\n"));
    }
    load(&s, &cmds);
    let dir = tempfile::tempdir().unwrap();
    let stats = |extra: &[&str]| {
        crate::support::run(dir.path())
            .args(["-u", &s.url(), "cache", "stats", "--top-prefixes", "10"])
            .args(["--sample", "300"])
            .args(extra)
            .expect(0)
    };
    let groups = |v: &Value| -> Vec<(String, u64, bool)> {
        v["prefixes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["prefix"].as_str().unwrap().to_string(),
                    p["memory_bytes"].as_u64().unwrap(),
                    p["memory_estimated"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let exact = stats(&["--exact", "--format", "json"]).json();
    let exact_total = exact["total"]["memory_estimated_bytes"].as_u64().unwrap();
    let eg = groups(&exact);
    assert_eq!(eg.len(), 3, "{exact}");
    assert_eq!(eg.iter().map(|g| g.1).sum::<u64>(), exact_total, "{exact}");
    assert!(eg.iter().all(|g| !g.2), "{exact}");

    let est = stats(&["--format", "json"]).json();
    let est_total = est["total"]["memory_estimated_bytes"].as_u64().unwrap();
    let sg = groups(&est);
    let sum: u64 = sg.iter().map(|g| g.1).sum();
    assert!(
        sum.abs_diff(est_total) <= 3,
        "groups {sum} vs total {est_total}\n{est}"
    );
    assert!(sg.iter().any(|g| g.2), "an estimate says so\n{est}");
    // Every group's estimate is close to its exact bytes (values of one size per group); the
    // sampled bytes alone were a tenth of it.
    for (name, bytes, _) in &sg {
        let truth = eg.iter().find(|g| &g.0 == name).unwrap().1;
        assert!(
            bytes.abs_diff(truth) * 10 <= truth,
            "{name}: estimated {bytes}, exact {truth}\n{est}"
        );
    }
    assert!(est_total.abs_diff(exact_total) * 10 <= exact_total);

    let text = stats(&["--exact"]).stdout;
    assert!(!text.contains("sampled"), "{text}");
    assert!(text.contains("exact"), "{text}");
    let text = stats(&[]).stdout;
    assert!(text.contains("estimated"), "{text}");
    assert!(text.contains("keys measured"), "{text}");
}

const FLUSH_KEYS: &[&str] = &[
    "pattern",
    "dry_run",
    "matched",
    "deleted",
    "interrupted",
    "elapsed_ms",
    "keys_per_sec",
    "nodes",
    "unreached",
];
const FLUSH_NODE_KEYS: &[&str] = &[
    "addr",
    "matched",
    "deleted",
    "redirected",
    "sample",
    "error",
];
const STATS_KEYS: &[&str] = &[
    "pattern",
    "exact",
    "total",
    "nodes",
    "prefixes",
    "unreached",
];
const STATS_NODE_KEYS: &[&str] = &[
    "addr",
    "keys",
    "types",
    "ttl",
    "memory_sampled_keys",
    "memory_sampled_bytes",
    "memory_estimated_bytes",
    "biggest",
    "error",
];
const TTL_KEYS: &[&str] = &["none", "under_1h", "under_1d", "longer"];
const PREFIX_KEYS: &[&str] = &[
    "prefix",
    "keys",
    "memory_bytes",
    "memory_estimated",
    "memory_sampled_keys",
    "memory_sampled_bytes",
];
const BIG_KEYS: &[&str] = &["key", "type", "bytes", "node"];

fn check_flush(v: &Value) {
    crate::support::assert_keys(v, FLUSH_KEYS, "flush");
    for n in v["nodes"].as_array().unwrap() {
        crate::support::assert_keys(n, FLUSH_NODE_KEYS, "flush node");
    }
}

fn check_stats(v: &Value) {
    crate::support::assert_keys(v, STATS_KEYS, "stats");
    let mut nodes = v["nodes"].as_array().unwrap().clone();
    nodes.push(v["total"].clone());
    for n in &nodes {
        crate::support::assert_keys(n, STATS_NODE_KEYS, "stats node");
        crate::support::assert_keys(&n["ttl"], TTL_KEYS, "stats ttl");
        for b in n["biggest"].as_array().unwrap() {
            crate::support::assert_keys(b, BIG_KEYS, "biggest");
        }
    }
    if let Some(p) = v["prefixes"].as_array() {
        for x in p {
            crate::support::assert_keys(x, PREFIX_KEYS, "prefix");
        }
    }
}

/// The cache reports keep every documented key, on an empty server as on a full one, with
/// and without the options that fill them.
#[test]
fn cache_json_reports_always_have_their_keys() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        crate::support::run(dir.path())
            .args(["-u", &s.url(), "cache"])
            .args(args)
            .args(["--format", "json"])
            .expect(0)
            .json()
    };
    // Nothing there yet.
    let v = run(&["stats"]);
    check_stats(&v);
    assert_eq!(v["prefixes"], Value::Null);
    assert_eq!(v["nodes"][0]["error"], Value::Null);
    assert_eq!(v["total"]["biggest"], serde_json::json!([]));
    check_stats(&run(&["stats", "--top-prefixes", "5"]));
    check_flush(&run(&["flush", "--dry-run"]));
    check_flush(&run(&["flush", "--yes"]));
    load_prefixed(&s, 50);
    check_stats(&run(&["stats", "--exact"]));
    let v = run(&["stats", "--top-prefixes", "5"]);
    check_stats(&v);
    assert_eq!(v["prefixes"].as_array().unwrap().len(), 1);
    check_flush(&run(&["flush", "--dry-run"]));
    let v = run(&["flush", "--yes"]);
    check_flush(&v);
    assert_eq!(v["deleted"], 50);
}

/// Keys move from one master to the other while the flush runs (MIGRATE in a loop): whatever
/// the interleaving (ASK, MOVED, TRYAGAIN), the deleted count is the keys that are gone, and a
/// second flush once the moving stops leaves none.
#[test]
fn cluster_flush_while_keys_migrate_counts_what_is_gone() {
    let c = Cluster::start(3, 0);
    let (a, b) = (&c.nodes[0], &c.nodes[1]);
    let tag = cluster_mid_reshard(&c, 2800);
    let cache_keys = || -> u64 { c.nodes.iter().map(|n| count_on(n, "agent:cache:*")).sum() };
    let before = cache_keys();
    assert_eq!(before, 3900);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mover = {
        let stop = stop.clone();
        let (src, dst) = (a.port, b.port);
        std::thread::spawn(move || {
            let mut moved = 0;
            for chunk in (200..3000).collect::<Vec<u32>>().chunks(10) {
                if stop.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                let keys: Vec<String> = chunk
                    .iter()
                    .map(|i| format!("agent:cache:{{{tag}}}:{i}"))
                    .collect();
                let dst = dst.to_string();
                let mut args: Vec<&[u8]> = vec![
                    b"MIGRATE",
                    b"127.0.0.1",
                    dst.as_bytes(),
                    b"",
                    b"0",
                    b"5000",
                    b"KEYS",
                ];
                args.extend(keys.iter().map(|k| k.as_bytes()));
                let reply = resp(src, &args);
                assert!(
                    reply.starts_with(b"+OK") || reply.starts_with(b"+NOKEY"),
                    "{}",
                    String::from_utf8_lossy(&reply)
                );
                moved += 1;
            }
            moved
        })
    };
    let dir = tempfile::tempdir().unwrap();
    let url = c.seed_url();
    let flush = |extra: &[&str]| {
        crate::support::run(dir.path())
            .args([
                "--cluster",
                "-u",
                &url,
                "cache",
                "flush",
                "--yes",
                "--format",
                "json",
            ])
            .args(extra)
            .expect(0)
            .json()
    };
    let v = flush(&["--batch", "20", "--scan-count", "20"]);
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let rounds = mover.join().unwrap();
    assert!(rounds > 0);
    let after = cache_keys();
    assert_eq!(v["deleted"], before - after, "deleted is what is gone: {v}");
    let v = flush(&[]);
    assert_eq!(v["deleted"], after, "{v}");
    assert_eq!(cache_keys(), 0);
}

/// A prefix or pattern that is not UTF-8 selects exactly its keys (SCAN MATCH on bytes), for
/// flush and stats alike.
#[test]
fn prefixes_and_patterns_that_are_not_utf8_select_by_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let s = RedisServer::start();
    for k in [&b"pre\xff:1"[..], b"pre\xff:2", b"pre\xfe:3", b"pre:4"] {
        resp(s.port, &[b"SET", k, b"1"]);
    }
    let dir = tempfile::tempdir().unwrap();
    let rk = |args: &[&[u8]]| {
        let mut c = redkit(dir.path());
        c.args(["-u", &s.url(), "cache"]);
        for a in args {
            c.arg(std::ffi::OsStr::from_bytes(a));
        }
        c.output().unwrap()
    };
    let out = rk(&[b"stats", b"--pattern", b"pre\xff:*", b"--format", b"json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"]["keys"], 2, "{v}");
    let out = rk(&[
        b"flush",
        b"--pattern",
        b"pre\xfe:*",
        b"--dry-run",
        b"--format",
        b"json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["matched"], 1, "{v}");
    assert_eq!(keys(s.port).len(), 4, "a dry run deletes nothing");
    let out = rk(&[b"flush", b"--prefix", b"pre\xff:", b"--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("pre\\xff:*"), "{}", stdout(&out));
    let left = keys(s.port);
    let want: BTreeSet<Vec<u8>> = [b"pre\xfe:3".to_vec(), b"pre:4".to_vec()].into();
    assert_eq!(left, want);
}
