//! `cache analyze`: dumps written by the tests' own redis-server read back and compared with
//! the live server (SCAN/TYPE/*LEN/TTL/OBJECT ENCODING/MEMORY USAGE), corrupt dumps refused
//! with exit 2, snapshots fetched over the replication protocol.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::support::stream::pipe_load;
use crate::support::{RedisServer, assert_keys, run_in_temp};

fn cmd(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

/// SAVE, and the path of the dump.
fn save(server: &RedisServer) -> PathBuf {
    assert_eq!(server.cli(&["SAVE"]), "OK");
    server.dir.path().join("dump.rdb")
}

fn analyze(args: &[&str]) -> crate::support::Ran {
    run_in_temp()
        .args(["cache", "analyze"])
        .args(args)
        .expect(0)
}

fn key_lines(rdb: &std::path::Path) -> Vec<serde_json::Value> {
    let ran = analyze(&["--rdb", rdb.to_str().unwrap(), "--keys"]);
    ran.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A keyspace with every type and encoding redis 7.0 writes: small (listpack, intset,
/// embstr, int) and big (hashtable, skiplist, raw, multi-node quicklist), with and without
/// TTL, in two databases, streams with consumer groups.
fn load_every_encoding(s: &RedisServer) {
    for c in [
        ["CONFIG", "SET", "hash-max-listpack-entries", "16"],
        ["CONFIG", "SET", "zset-max-listpack-entries", "16"],
        ["CONFIG", "SET", "set-max-intset-entries", "16"],
        ["CONFIG", "SET", "list-max-listpack-size", "8"],
    ] {
        s.cli(&c);
    }
    let mut cmds = vec![
        cmd(&["SET", "str:int", "12345"]),
        cmd(&["SET", "str:short", "hello"]),
        cmd(&["SET", "str:long", &"x".repeat(5000), "EX", "3600"]),
        cmd(&[
            "SET",
            "str:json",
            &format!("{{\"a\":\"{}\"}}", "é".repeat(300)),
            "PX",
            "90000000",
        ]),
        cmd(&["HSET", "hash:small", "a", "1", "b", "2"]),
        cmd(&["SADD", "set:ints", "1", "2", "3"]),
        cmd(&["SADD", "set:words", "a", "b", "c"]),
        cmd(&["ZADD", "zset:small", "1", "a", "2.5", "b"]),
        cmd(&["RPUSH", "list:small", "a", "b", "c"]),
        cmd(&["EXPIRE", "hash:small", "600000"]),
    ];
    for i in 0..200 {
        let (f, v) = (format!("f{i}"), format!("value-{i}"));
        cmds.push(cmd(&["HSET", "hash:big", &f, &v]));
        cmds.push(cmd(&["SADD", "set:big", &f]));
        cmds.push(cmd(&["SADD", "set:bigints", &i.to_string()]));
        cmds.push(cmd(&["ZADD", "zset:big", &i.to_string(), &f]));
        cmds.push(cmd(&["RPUSH", "list:big", &v]));
        cmds.push(cmd(&[
            "XADD",
            "job_events:{42}",
            "*",
            "data",
            "{\"x\":1}",
            "event_type",
            "task_progress",
        ]));
    }
    cmds.push(cmd(&[
        "XGROUP",
        "CREATE",
        "job_events:{42}",
        "workers",
        "0",
    ]));
    cmds.push(cmd(&[
        "XREADGROUP",
        "GROUP",
        "workers",
        "w1",
        "COUNT",
        "5",
        "STREAMS",
        "job_events:{42}",
        ">",
    ]));
    cmds.push(cmd(&["XADD", "job_events:{43}", "*", "data", "{}"]));
    cmds.push(cmd(&["SELECT", "3"]));
    cmds.push(cmd(&["SET", "db3:key", "v"]));
    cmds.push(cmd(&["HSET", "db3:hash", "f", "v"]));
    pipe_load(s, &cmds);
}

/// (type, *LEN, has TTL, OBJECT ENCODING) of a key on the live server.
fn live(s: &RedisServer, db: u64, key: &str) -> (String, u64, bool, String) {
    let db = db.to_string();
    let c = |args: &[&str]| {
        let mut full = vec!["-n", db.as_str()];
        full.extend_from_slice(args);
        s.cli(&full)
    };
    let t = c(&["TYPE", key]);
    let len_cmd = match t.as_str() {
        "string" => "STRLEN",
        "list" => "LLEN",
        "set" => "SCARD",
        "zset" => "ZCARD",
        "hash" => "HLEN",
        "stream" => "XLEN",
        other => panic!("type {other}"),
    };
    let len = c(&[len_cmd, key]).parse().unwrap();
    let ttl: i64 = c(&["PTTL", key]).parse().unwrap();
    let enc = c(&["OBJECT", "ENCODING", key]);
    (t, len, ttl >= 0, enc)
}

#[test]
fn every_key_agrees_with_the_live_server() {
    let s = RedisServer::start();
    load_every_encoding(&s);
    let rdb = save(&s);
    let lines = key_lines(&rdb);
    let mut seen = BTreeMap::new();
    for l in &lines {
        let key = l["key"].as_str().unwrap().to_string();
        let db = l["db"].as_u64().unwrap();
        let (t, len, ttl, enc) = live(&s, db, &key);
        assert_eq!(l["type"], t.as_str(), "{key}");
        assert_eq!(l["len"], len, "{key}: {l}");
        assert_eq!(!l["ttl_seconds"].is_null(), ttl, "{key}: {l}");
        assert_eq!(l["encoding"], enc.as_str(), "{key}: {l}");
        seen.insert((db, key), ());
    }
    // Every key of every database, once.
    for db in [0u64, 3] {
        let live_keys = s.cli(&["-n", &db.to_string(), "--scan"]);
        for k in live_keys.lines() {
            assert!(
                seen.contains_key(&(db, k.to_string())),
                "db {db} key {k} missing"
            );
        }
    }
    assert_eq!(seen.len(), lines.len());
    let encs: Vec<&str> = lines
        .iter()
        .map(|l| l["encoding"].as_str().unwrap())
        .collect();
    for e in [
        "int",
        "embstr",
        "raw",
        "listpack",
        "intset",
        "hashtable",
        "skiplist",
        "quicklist",
        "stream",
    ] {
        assert!(encs.contains(&e), "no {e} in {encs:?}");
    }
}

#[test]
fn the_report_groups_keys_like_stats_top_prefixes() {
    let s = RedisServer::start();
    load_every_encoding(&s);
    let rdb = save(&s);
    let ran = analyze(&["--rdb", rdb.to_str().unwrap(), "--format", "json"]);
    let v = ran.json();
    assert_keys(
        &v,
        &["keys", "groups", "biggest", "databases", "types"],
        "analyze",
    );
    assert_eq!(v["keys"], 18);
    let groups: BTreeMap<String, &serde_json::Value> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["group"].as_str().unwrap().to_string(), g))
        .collect();
    // The stream ids are `*`, as stats --top-prefixes shows them.
    let streams = groups["job_events:*"];
    assert_eq!(streams["keys"], 2);
    assert_keys(
        streams,
        &[
            "group",
            "keys",
            "bytes",
            "keys_without_ttl",
            "ttl_histogram",
            "biggest",
        ],
        "group",
    );
    assert_eq!(streams["biggest"]["key"], "job_events:{42}");
    let strs = groups["str:"];
    assert_eq!(strs["keys"], 4);
    assert_eq!(strs["keys_without_ttl"], 2);
    assert_eq!(strs["ttl_histogram"]["under_1h"], 1);
    assert_eq!(strs["ttl_histogram"]["under_7d"], 1);
    let dbs: Vec<u64> = v["databases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["db"].as_u64().unwrap())
        .collect();
    assert_eq!(dbs, [0, 3]);
    let shares: f64 = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["share"].as_f64().unwrap())
        .sum();
    assert!((shares - 1.0).abs() < 1e-6, "{shares}");
    // The same grouping as cache stats on the live server.
    let stats = run_in_temp()
        .args([
            "cache",
            "stats",
            "-u",
            &s.url(),
            "--top-prefixes",
            "50",
            "--format",
            "json",
        ])
        .expect(0)
        .json();
    let stat_groups: BTreeMap<String, u64> = stats["prefixes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["prefix"].as_str().unwrap().to_string(),
                p["keys"].as_u64().unwrap(),
            )
        })
        .collect();
    for (name, n) in &stat_groups {
        assert_eq!(groups[name]["keys"].as_u64().unwrap(), *n, "{name}");
    }
    // Biggest keys: bounded and sorted.
    let big = analyze(&[
        "--rdb",
        rdb.to_str().unwrap(),
        "--biggest",
        "3",
        "--format",
        "json",
    ])
    .json();
    let b: Vec<u64> = big["biggest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["bytes"].as_u64().unwrap())
        .collect();
    assert_eq!(b.len(), 3);
    assert!(b.windows(2).all(|w| w[0] >= w[1]), "{b:?}");
    // The table names the groups and the biggest keys.
    let table = analyze(&["--rdb", rdb.to_str().unwrap()]).stdout;
    assert!(table.contains("18 keys"), "{table}");
    assert!(
        table.contains("job_events:*") && table.contains("biggest keys"),
        "{table}"
    );
}

#[test]
fn memory_estimate_is_within_15_percent_of_memory_usage_for_the_application_shapes() {
    // Hashes turn into hashtables past 512 fields by default (sets and sorted sets past 128):
    // one limit for the three, so the profiles below are hashtables like the tags.
    let s = RedisServer::builder()
        .arg("hash-max-listpack-entries 128")
        .start();
    let mut cmds = Vec::new();
    for i in 0..300 {
        let body: String = (0..1500)
            .map(|j| char::from(b'a' + ((i * 7 + j * 13) % 26) as u8))
            .collect();
        let json = format!("{{\"answer\":\"{body}\",\"n\":{i}}}");
        cmds.push(cmd(&[
            "SET",
            &format!("agent:cache:{:016x}", i * 7919),
            &json,
            "EX",
            "3600",
        ]));
        let user = format!("user:{}:", 1000 + i);
        cmds.push(cmd(&[
            "HSET",
            &format!("{user}unread"),
            "count",
            &i.to_string(),
            "last",
            "2026-11-23T10:00:00",
        ]));
        for m in 0..20 {
            cmds.push(cmd(&[
                "ZADD",
                &format!("{user}latest"),
                &m.to_string(),
                &format!("msg-{i}-{m}"),
            ]));
            cmds.push(cmd(&[
                "RPUSH",
                &format!("{user}messages"),
                &format!("{{\"id\":{m},\"title\":\"hello {m}\"}}"),
            ]));
        }
    }
    for j in 0..40 {
        for e in 0..30 {
            let data =
                format!("{{\"event_type\":\"task_progress\",\"job_id\":\"{j}\",\"progress\":{e}}}");
            cmds.push(cmd(&[
                "XADD",
                &format!("job_events:{j}"),
                "*",
                "data",
                &data,
                "timestamp",
                "2026-11-23T10:00:00.123456",
                "event_type",
                "task_progress",
            ]));
        }
    }
    // Sets, sorted sets and hashes past their listpack limits (hashtable, skiplist), grown one
    // element per command to sizes spread over whole doublings, so some of their dicts are
    // still rehashing into the doubled table when the dump is taken (MEMORY USAGE then counts
    // both tables) and some are not.
    for i in 0..48u64 {
        let user = format!("user:{}:", 5000 + i);
        for m in 0..129 + (i * 37) % 640 {
            cmds.push(cmd(&[
                "SADD",
                &format!("{user}tags"),
                &format!("tag-{i}-{m}"),
            ]));
        }
        for m in 0..129 + (i * 53) % 640 {
            cmds.push(cmd(&[
                "ZADD",
                &format!("{user}history"),
                &m.to_string(),
                &format!("msg-{i}-{m}"),
            ]));
        }
        for m in 0..129 + (i * 41) % 640 {
            cmds.push(cmd(&[
                "HSET",
                &format!("{user}profile"),
                &format!("field-{m}"),
                &format!("value {m}"),
            ]));
        }
    }
    pipe_load(&s, &cmds);
    let rdb = save(&s);
    let lines = key_lines(&rdb);
    let mut est: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut encodings: BTreeMap<String, String> = BTreeMap::new();
    for l in &lines {
        let key = l["key"].as_str().unwrap();
        let group = l["group"].as_str().unwrap().to_string();
        let usage: u64 = s
            .cli(&["MEMORY", "USAGE", key, "SAMPLES", "0"])
            .parse()
            .unwrap();
        let ours = l["bytes"].as_u64().unwrap();
        let e = est.entry(group.clone()).or_default();
        e.0 += ours;
        e.1 += usage;
        encodings.insert(group, l["encoding"].as_str().unwrap().to_string());
        // Every dict-backed key on its own, wherever its dict was in its resize.
        if matches!(l["encoding"].as_str(), Some("hashtable" | "skiplist")) {
            let ratio = ours as f64 / usage as f64;
            assert!(
                (0.85..=1.15).contains(&ratio),
                "{key} ({} elements): estimated {ours}, MEMORY USAGE {usage} ({ratio:.3})",
                l["len"]
            );
        }
    }
    assert_eq!(est.len(), 8, "{est:?}");
    for (g, enc) in [
        ("user:*:tags", "hashtable"),
        ("user:*:history", "skiplist"),
        ("user:*:profile", "hashtable"),
    ] {
        assert_eq!(encodings.get(g).map(String::as_str), Some(enc), "{g}");
    }
    // Each shape within 15%, not just the sum.
    for (g, (ours, live)) in &est {
        let ratio = *ours as f64 / *live as f64;
        assert!(
            (0.85..=1.15).contains(&ratio),
            "{g}: estimated {ours}, MEMORY USAGE {live} ({ratio:.3})"
        );
    }
}

#[test]
fn a_cluster_node_dump_reads_with_its_keys() {
    let s = RedisServer::builder().cluster().start();
    s.cli(&["CLUSTER", "ADDSLOTSRANGE", "0", "16383"]);
    let mut cmds = Vec::new();
    for i in 0..50 {
        cmds.push(cmd(&["SET", &format!("agent:cache:{i}"), "v"]));
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !s.cli(&["CLUSTER", "INFO"]).contains("cluster_state:ok") {
        assert!(std::time::Instant::now() < deadline, "cluster never ok");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    pipe_load(&s, &cmds);
    let rdb = save(&s);
    let v = analyze(&["--rdb", rdb.to_str().unwrap(), "--format", "json"]).json();
    assert_eq!(v["keys"], 50);
    assert_eq!(v["groups"][0]["group"], "agent:cache:");
    // Slot info records came with Redis 7.4 (librdb's cluster_slot_info.rdb covers their
    // reading); an older node writes none.
    let ver: Vec<u64> = v["redis_version"]
        .as_str()
        .unwrap()
        .split('.')
        .map(|p| p.parse().unwrap())
        .collect();
    if (ver[0], ver[1]) >= (7, 4) {
        assert_eq!(v["slots"], 1, "{v}");
    } else {
        assert_eq!(v["slots"], 0, "{v}");
    }
}

#[test]
fn corrupt_truncated_and_foreign_dumps_exit_2_naming_the_offset_and_the_key() {
    let s = RedisServer::start();
    load_every_encoding(&s);
    let rdb = save(&s);
    let bytes = std::fs::read(&rdb).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.rdb");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let ran = run_in_temp()
        .args(["cache", "analyze", "--rdb", cut.to_str().unwrap()])
        .expect(2);
    assert!(
        ran.stderr.contains("truncated") && ran.stderr.contains("at byte"),
        "{ran}"
    );
    assert!(ran.stderr.contains("(reading key '"), "{ran}");
    assert!(ran.stdout.is_empty(), "{ran}");
    let bad = dir.path().join("bad.rdb");
    let mut b = bytes.clone();
    let n = b.len();
    b[n - 1] ^= 0xff;
    std::fs::write(&bad, &b).unwrap();
    let ran = run_in_temp()
        .args(["cache", "analyze", "--rdb", bad.to_str().unwrap()])
        .expect(2);
    assert!(ran.stderr.contains("wrong checksum"), "{ran}");
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rdb");
    for (f, says) in [
        ("future_v19.rdb", "RDB version 99 is not supported"),
        ("invalid_chksum_v8.rdb", "wrong checksum"),
    ] {
        let ran = run_in_temp()
            .args([
                "cache",
                "analyze",
                "--rdb",
                fixtures.join(f).to_str().unwrap(),
            ])
            .expect(2);
        assert!(ran.stderr.contains(says), "{ran}");
    }
    let ran = run_in_temp()
        .args(["cache", "analyze", "--rdb", "/nonexistent.rdb"])
        .expect(2);
    assert!(ran.stderr.contains("/nonexistent.rdb"), "{ran}");
    // Inputs shorter than the header: judged by what they hold (review-26 F7).
    for (content, says) in [
        (&b"hello\n"[..], "not an RDB file (no REDIS magic)"),
        (&b""[..], "empty input (0 bytes), not an RDB file"),
        (&b"REDIS00"[..], "truncated RDB file: it ends at byte 7"),
    ] {
        let f = dir.path().join("short.rdb");
        std::fs::write(&f, content).unwrap();
        let ran = run_in_temp()
            .args(["cache", "analyze", "--rdb", f.to_str().unwrap()])
            .expect(2);
        assert!(ran.stderr.contains(says), "{content:?}: {ran}");
    }
    let out = crate::support::redkit(dir.path())
        .args(["cache", "analyze", "--rdb", "-"])
        .write_stdin(Vec::<u8>::new())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stdin: empty input (0 bytes)"), "{err}");
}

/// `--db N` (or REDIS_DB) counts that database only, and says so (review-26 F3).
#[test]
fn db_restricts_the_analysis_to_that_database() {
    let s = RedisServer::start();
    load_every_encoding(&s);
    let rdb = save(&s);
    let rdb = rdb.to_str().unwrap();
    let v = analyze(&["--rdb", rdb, "--db", "3", "--format", "json"]).json();
    assert_eq!(v["keys"], 2);
    assert_eq!(v["only_db"], 3);
    assert_eq!(v["keys_in_other_databases"], 16);
    assert_eq!(v["databases"].as_array().unwrap().len(), 1);
    let ran = run_in_temp()
        .env("REDIS_DB", "3")
        .args(["cache", "analyze", "--rdb", rdb])
        .expect(0);
    assert!(
        ran.stdout
            .contains("database 3 only (REDIS_DB): 16 keys of other databases not counted"),
        "{ran}"
    );
    let v = analyze(&["--from", &format!("{}/3", s.url()), "--format", "json"]).json();
    assert_eq!(
        (v["keys"].as_u64(), v["only_db"].as_u64()),
        (Some(2), Some(3))
    );
    // Not set anywhere: every database.
    let v = analyze(&["--rdb", rdb, "--format", "json"]).json();
    assert_eq!(v["keys"], 18);
    assert!(v["only_db"].is_null());
}

/// A `rediss://` --from URL is TLS, so --cacert applies to it (review-26 F2).
#[test]
fn from_a_rediss_url_uses_tls_with_cacert() {
    let s = RedisServer::builder().tls().start();
    s.cli(&["SET", "agent:cache:1", "v"]);
    let tls = s.tls.as_ref().unwrap();
    let v = analyze(&[
        "--from",
        &s.url(),
        "--cacert",
        tls.ca.to_str().unwrap(),
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["keys"], 1);
    // The other way round: REDIS_URL names a TLS server, --from a plain one. The snapshot's
    // server is --from's: no TLS to it.
    let plain = RedisServer::start();
    plain.cli(&["SET", "agent:cache:2", "v"]);
    let v = run_in_temp()
        .env("REDIS_URL", s.url())
        .args([
            "cache",
            "analyze",
            "--from",
            &plain.url(),
            "--format",
            "json",
        ])
        .expect(0)
        .json();
    assert_eq!(v["keys"], 1);
}

#[test]
fn librdb_dumps_read_through_the_binary() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rdb");
    let v = analyze(&[
        "--rdb",
        fixtures.join("hash_zm_v2.rdb").to_str().unwrap(),
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["rdb_version"], 2);
    assert_eq!(v["groups"][0]["encodings"]["zipmap"], 1);
    let v = analyze(&[
        "--rdb",
        fixtures.join("module.rdb").to_str().unwrap(),
        "--keys",
    ])
    .stdout;
    assert!(v.contains("\"module\":\"test__rdb\""), "{v}");
}

#[test]
fn diff_folded_and_svg() {
    let s = RedisServer::start();
    s.cli(&["SET", "agent:cache:1", "v"]);
    s.cli(&["HSET", "user:1:unread", "count", "1"]);
    let old = save(&s);
    let dir = tempfile::tempdir().unwrap();
    let old_json = dir.path().join("old.json");
    let before = analyze(&["--rdb", old.to_str().unwrap(), "--format", "json"]).stdout;
    std::fs::write(&old_json, before).unwrap();
    for i in 2..100 {
        s.cli(&["SET", &format!("agent:cache:{i}"), &"x".repeat(500)]);
    }
    s.cli(&["DEL", "user:1:unread"]);
    s.cli(&["SET", "session:1", "v"]);
    let new = save(&s);
    let v = analyze(&[
        "--rdb",
        new.to_str().unwrap(),
        "--diff",
        old_json.to_str().unwrap(),
        "--format",
        "json",
    ])
    .json();
    let diff = v["diff"].as_array().unwrap();
    assert_eq!(diff[0]["group"], "agent:cache:");
    assert_eq!(diff[0]["keys_change"], 98);
    assert!(diff[0]["bytes_change_pct"].as_f64().unwrap() > 100.0);
    let gone = diff.iter().find(|d| d["group"] == "user:*:unread").unwrap();
    assert_eq!(gone["keys_after"], 0);
    let fresh = diff.iter().find(|d| d["group"] == "session:*").unwrap();
    assert!(fresh["bytes_change_pct"].is_null());
    let table = analyze(&[
        "--rdb",
        new.to_str().unwrap(),
        "--diff",
        old_json.to_str().unwrap(),
    ])
    .stdout;
    assert!(table.contains("growth since the baseline"), "{table}");
    // ndjson: the group lines, then one line per changed group, each named by its `row`.
    let lines: Vec<serde_json::Value> = analyze(&[
        "--rdb",
        new.to_str().unwrap(),
        "--diff",
        old_json.to_str().unwrap(),
        "--format",
        "ndjson",
    ])
    .stdout
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect();
    let rows = |kind: &str| lines.iter().filter(|l| l["row"] == kind).count();
    assert_eq!(rows("group"), v["groups"].as_array().unwrap().len());
    assert_eq!(rows("diff"), diff.len());
    assert_eq!(rows("group") + rows("diff"), lines.len());
    let first = lines.iter().find(|l| l["row"] == "diff").unwrap();
    assert_eq!(first["group"], "agent:cache:");
    assert_eq!(first["keys_change"], 98);
    // A baseline that is not an analysis is refused before any work.
    let ran = run_in_temp()
        .args([
            "cache",
            "analyze",
            "--rdb",
            new.to_str().unwrap(),
            "--diff",
            new.to_str().unwrap(),
        ])
        .expect(2);
    assert!(ran.stderr.contains("--diff"), "{ran}");
    let folded = analyze(&["--rdb", new.to_str().unwrap(), "--folded"]).stdout;
    let line = folded
        .lines()
        .find(|l| l.starts_with("agent;cache "))
        .unwrap_or_else(|| panic!("{folded}"));
    assert!(
        line.rsplit(' ').next().unwrap().parse::<u64>().unwrap() > 50_000,
        "{line}"
    );
    let svg = dir.path().join("m.svg");
    analyze(&[
        "--rdb",
        new.to_str().unwrap(),
        "--svg",
        svg.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.starts_with("<?xml") && text.contains("agent"),
        "{}",
        &text[..200]
    );
}

/// Past the group table's size (50,000), the lightest groups fold into "(other groups)": a
/// heavy group stays whole wherever the dump's order puts it, and the folding is said.
#[test]
fn a_heavy_group_survives_a_dump_of_more_distinct_groups_than_are_kept() {
    let s = RedisServer::start();
    // Names of letters only, one segment: each key its own group (no id to collapse).
    let word = |mut i: usize| {
        let mut w = String::from("w");
        while i > 0 || w.len() == 1 {
            w.push((b'a' + (i % 26) as u8) as char);
            i /= 26;
        }
        w
    };
    let mut cmds: Vec<Vec<String>> = (0..60_000).map(|i| cmd(&["SET", &word(i), "v"])).collect();
    let big = "x".repeat(5000);
    for i in 0..1000 {
        cmds.push(cmd(&["SET", &format!("big:cache:{i}"), &big]));
    }
    pipe_load(&s, &cmds);
    assert_eq!(s.cli(&["DBSIZE"]), "61000");
    let rdb = save(&s);
    let ran = analyze(&["--rdb", rdb.to_str().unwrap(), "--format", "json"]);
    assert!(ran.stderr.contains("(other groups) holds"), "{ran}");
    let v = ran.json();
    let groups = v["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 50_001);
    assert_eq!(groups[0]["group"], "big:cache:");
    assert_eq!(groups[0]["keys"], 1000);
    let other = groups
        .iter()
        .find(|g| g["group"] == "(other groups)")
        .unwrap();
    assert_eq!(other["keys"].as_u64(), v["folded_groups"].as_u64());
    assert_eq!(v["folded_groups"], 60_001 - 50_000);
    let keys: u64 = groups.iter().map(|g| g["keys"].as_u64().unwrap()).sum();
    assert_eq!(keys, 61_000);
    let bytes: u64 = groups.iter().map(|g| g["bytes"].as_u64().unwrap()).sum();
    assert_eq!(bytes, v["bytes"].as_u64().unwrap());
    let table = analyze(&["--rdb", rdb.to_str().unwrap(), "--top", "3"]).stdout;
    assert!(
        table.contains("(other groups) holds 10001 groups folded"),
        "{table}"
    );
}

#[test]
fn from_fetches_the_snapshot_over_replication_and_saves_it() {
    let s = RedisServer::start();
    load_every_encoding(&s);
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("snap.rdb");
    let v = analyze(&[
        "--from",
        &s.url(),
        "--save",
        saved.to_str().unwrap(),
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["keys"], 18);
    assert_eq!(v["source"], s.addr());
    // The saved copy is a complete dump: it reads to the same figures.
    let again = analyze(&["--rdb", saved.to_str().unwrap(), "--format", "json"]).json();
    assert_eq!(again["keys"], 18);
    let figures = |v: &serde_json::Value| -> Vec<(String, u64, u64)> {
        v["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g["group"].to_string(),
                    g["keys"].as_u64().unwrap(),
                    g["bytes"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(figures(&again), figures(&v));
    // Diskless (EOF-mark) transfer too.
    s.cli(&["CONFIG", "SET", "repl-diskless-sync", "yes"]);
    s.cli(&["CONFIG", "SET", "repl-diskless-sync-delay", "0"]);
    let v = analyze(&["--from", &s.url(), "--format", "json"]).json();
    assert_eq!(v["keys"], 18);
    s.cli(&["CONFIG", "SET", "repl-diskless-sync", "no"]);
    let v = analyze(&["--from", &s.url(), "--format", "json"]).json();
    assert_eq!(v["keys"], 18);
    // From a replica of it.
    let r = RedisServer::builder().replica_of(s.port).start();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !s.cli(&["INFO", "replication"]).contains("state=online") {
        assert!(std::time::Instant::now() < deadline, "replica never online");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let ran = analyze(&[
        "--from",
        &s.url(),
        "--from-replica",
        "-v",
        "--format",
        "json",
    ]);
    // -v names the replica the snapshot comes from (review-26 F4).
    assert!(
        ran.stderr.contains(&format!(
            "replica {} of {} (online): snapshot from it",
            r.addr(),
            s.addr()
        )),
        "{ran}"
    );
    let v = ran.json();
    assert_eq!(v["source"], r.addr());
    assert_eq!(v["keys"], 18);
    // A server that is not there: runtime failure, exit 3.
    drop(r);
    let ran = run_in_temp()
        .args([
            "cache",
            "analyze",
            "--from",
            "redis://127.0.0.1:1",
            "--connect-timeout",
            "1s",
        ])
        .output();
    assert_eq!(ran.code, Some(3), "{ran}");
}

#[test]
fn stdin_reads_a_dump_as_a_file_does() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rdb");
    let dir = tempfile::tempdir().unwrap();
    let out = crate::support::redkit(dir.path())
        .args(["cache", "analyze", "--rdb", "-", "--format", "json"])
        .pipe_stdin(fixtures.join("multiple_dbs.rdb"))
        .unwrap()
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"], "stdin");
    assert_eq!(v["keys"], 3);
    let dbs: Vec<u64> = v["databases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["db"].as_u64().unwrap())
        .collect();
    assert_eq!(dbs.len(), 3, "{v}");
}

/// A server whose snapshot trickles (1 ms per key, forked child), so a test can break the
/// transfer while it runs.
fn slow_snapshot_server() -> RedisServer {
    let s = RedisServer::start();
    let cmds: Vec<Vec<String>> = (0..3000)
        .map(|i| cmd(&["SET", &format!("slow:{i}"), &"v".repeat(100)]))
        .collect();
    pipe_load(&s, &cmds);
    s.cli(&["CONFIG", "SET", "repl-diskless-sync-delay", "0"]);
    s.cli(&["CONFIG", "SET", "rdb-key-save-delay", "1000"]);
    s
}

/// The files left in a directory (a stray temporary file is a defect).
fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn wait_exit(child: &mut std::process::Child, secs: u64) -> std::process::Output {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("redkit did not exit within {secs}s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let mut out = std::process::Command::new("true").output().unwrap();
    let status = child.wait().unwrap();
    out.status = status;
    use std::io::Read;
    if let Some(mut e) = child.stderr.take() {
        e.read_to_end(&mut out.stderr).unwrap();
    }
    out
}

#[test]
fn save_keeps_the_previous_file_when_the_transfer_fails_times_out_or_is_interrupted() {
    let s = slow_snapshot_server();
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("snap.rdb");
    let saved_s = saved.to_str().unwrap();
    let url = s.url();
    let args = ["cache", "analyze", "--from", &url, "--save", saved_s];
    // A complete transfer writes the file (and replaces an older one).
    std::fs::write(&saved, b"older").unwrap();
    let v = analyze(&["--from", &url, "--save", saved_s, "--format", "json"]).json();
    assert_eq!(v["keys"], 3000);
    let good = std::fs::read(&saved).unwrap();
    assert!(good.starts_with(b"REDIS"));
    assert_eq!(files_in(dir.path()), ["snap.rdb"]);
    // 1. The server drops the replica mid-transfer: exit 3, the old file intact, no temp file.
    // -v names the URL's server, not the configured one; the error names it once.
    let mut verbose = vec!["-v"];
    verbose.extend(args);
    let mut child = crate::support::spawn_redkit(dir.path(), &verbose);
    std::thread::sleep(std::time::Duration::from_millis(800));
    s.cli(&["CLIENT", "KILL", "TYPE", "replica"]);
    let out = wait_exit(&mut child, 30);
    let err = crate::support::stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains(&format!("snapshot from {}", s.addr())),
        "{err}"
    );
    assert!(!err.contains("localhost:6379"), "{err}");
    let last = err.lines().last().unwrap_or_default();
    assert_eq!(last.matches(&s.addr()).count(), 1, "{err}");
    assert_eq!(std::fs::read(&saved).unwrap(), good);
    assert_eq!(files_in(dir.path()), ["snap.rdb"]);
    // 2. Ctrl-C while the snapshot arrives: exit 130, same guarantees.
    let mut child = crate::support::spawn_redkit(dir.path(), &args);
    std::thread::sleep(std::time::Duration::from_millis(800));
    let pid = child.id().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let out = wait_exit(&mut child, 30);
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        crate::support::stderr(&out)
    );
    assert_eq!(std::fs::read(&saved).unwrap(), good);
    assert_eq!(files_in(dir.path()), ["snap.rdb"]);
    // 3. A server that stops sending (the key delay far above --timeout): exit 3, intact.
    s.cli(&["CLIENT", "KILL", "TYPE", "replica"]);
    s.cli(&["CONFIG", "SET", "rdb-key-save-delay", "3000000"]);
    let ran = run_in_temp().args(args).args(["--timeout", "1s"]).output();
    assert_eq!(ran.code, Some(3), "{ran}");
    // The message says which timeout ran out, its value and its flag.
    assert!(
        ran.stderr.contains("timed out")
            && ran.stderr.contains("the read timeout of 1s (--timeout)"),
        "{ran}"
    );
    assert_eq!(std::fs::read(&saved).unwrap(), good);
    assert_eq!(files_in(dir.path()), ["snap.rdb"]);
}

/// Runs `cache analyze ARGS` (bytes allowed, for control characters in paths).
fn analyze_bytes(args: &[&[u8]]) -> crate::support::Ran {
    run_in_temp()
        .args_bytes(&[&b"cache"[..], b"analyze"])
        .args_bytes(args)
        .output()
}

#[test]
fn usage_errors_exit_2_before_any_work_and_paths_are_escaped() {
    let s = RedisServer::start();
    load_every_encoding(&s);
    let rdb = save(&s);
    let r = rdb.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let json = dir.path().join("base.json");
    std::fs::write(&json, analyze(&["--rdb", r, "--format", "json"]).stdout).unwrap();
    let j = json.to_str().unwrap();
    let svg_in_dir = format!("{d}/none/t.svg");
    for (args, says) in [
        // Flags of --from only.
        (
            vec!["--rdb", r, "--save", "/tmp/never.rdb"],
            "--save needs --from",
        ),
        (
            vec!["--rdb", r, "--from-replica"],
            "--from-replica needs --from",
        ),
        // A directory is a bad input like a missing file.
        (vec!["--rdb", d], "is a directory"),
        // An SVG that cannot be written: the path as given, no temporary file's name.
        (vec!["--rdb", r, "--svg", &svg_in_dir], &svg_in_dir),
        (vec!["--rdb", r, "--svg", d], "is a directory"),
        (vec!["--rdb", r, "--depth", "0"], "--depth"),
        (vec!["--rdb", r, "--keys", "--format", "json"], "--keys"),
        (vec!["--rdb", r, "--folded", "--format", "json"], "--folded"),
        // A baseline grouped another way does not compare.
        (vec!["--rdb", r, "--diff", j, "--depth", "3"], "--depth 2"),
        (
            vec!["--rdb", r, "--diff", j, "--separator", "/"],
            "--separator",
        ),
        // Nor one of other databases: a db-3-only report against every database.
        (
            vec!["--rdb", r, "--diff", j, "--db", "3"],
            "the baseline covers every database, this analysis database 3 only",
        ),
    ] {
        let ran = run_in_temp()
            .args(["cache", "analyze"])
            .args(&args)
            .output();
        assert_eq!(ran.code, Some(2), "{ran}");
        assert!(ran.stderr.contains(says), "{says}: {ran}");
        assert!(!ran.stderr.contains(".t.svg."), "{ran}");
        assert!(ran.stdout.is_empty(), "{ran}");
    }
    assert!(!std::path::Path::new("/tmp/never.rdb").exists());
    // Control bytes of paths never reach the terminal raw, in any message.
    let evil_rdb = format!("{d}/\x1b[31mred\x07.rdb");
    let evil_svg = format!("{d}/nonexist/\x1b[31m.svg");
    let evil_diff = format!("{d}/\x1b[2J.json");
    for args in [
        vec![&b"--rdb"[..], evil_rdb.as_bytes()],
        vec![b"--rdb", r.as_bytes(), b"--svg", evil_svg.as_bytes()],
        vec![b"--rdb", r.as_bytes(), b"--diff", evil_diff.as_bytes()],
    ] {
        let ran = analyze_bytes(&args);
        assert_eq!(ran.code, Some(2), "{ran}");
        assert!(
            !ran.stderr.contains('\x1b') && !ran.stderr.contains('\x07'),
            "{ran}"
        );
        assert!(ran.stderr.contains("\\x1b"), "{ran}");
    }
}

#[test]
fn quiet_prints_nothing_an_empty_dump_exits_1_and_stdout_errors_name_stdout() {
    let s = RedisServer::start();
    load_every_encoding(&s);
    let rdb = save(&s);
    let r = rdb.to_str().unwrap();
    for extra in [&[][..], &["--folded"], &["--keys"], &["--format", "json"]] {
        let ran = run_in_temp()
            .args(["-q", "cache", "analyze", "--rdb", r])
            .args(extra)
            .expect(0);
        assert!(ran.stdout.is_empty() && ran.stderr.is_empty(), "{ran}");
    }
    // -q still writes the files asked for.
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("m.svg");
    run_in_temp()
        .args([
            "-q",
            "cache",
            "analyze",
            "--rdb",
            r,
            "--svg",
            svg.to_str().unwrap(),
        ])
        .expect(0);
    assert!(svg.exists());
    // A dump without keys: like a query that finds nothing.
    s.cli(&["FLUSHALL"]);
    let empty = save(&s);
    let ran = run_in_temp()
        .args([
            "cache",
            "analyze",
            "--rdb",
            empty.to_str().unwrap(),
            "--format",
            "json",
        ])
        .expect(1);
    assert_eq!(ran.json()["keys"], 0);
    // A full stdout is named.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_redkit"))
        .args(["cache", "analyze", "--rdb", r])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("stdout"));
}

#[test]
fn compressed_quicklist_nodes_count_at_their_compressed_size() {
    let s = RedisServer::start();
    s.cli(&["CONFIG", "SET", "list-compress-depth", "1"]);
    s.cli(&["CONFIG", "SET", "list-max-listpack-size", "16"]);
    let items: Vec<String> = (0..5000).map(|i| format!("item-{i:06}-payload")).collect();
    let mut c = vec!["RPUSH".to_string(), "biglist".to_string()];
    c.extend(items);
    pipe_load(&s, &[c]);
    let live: u64 = s
        .cli(&["MEMORY", "USAGE", "biglist", "SAMPLES", "0"])
        .parse()
        .unwrap();
    let rdb = save(&s);
    let within = |got: u64, what: &str| {
        let ratio = got as f64 / live as f64;
        assert!(
            (0.85..=1.15).contains(&ratio),
            "{what}: {got} vs MEMORY USAGE {live}"
        );
    };
    // Offline, told the depth.
    let v = analyze(&[
        "--rdb",
        rdb.to_str().unwrap(),
        "--list-compress-depth",
        "1",
        "--format",
        "json",
    ])
    .json();
    within(
        v["bytes"].as_u64().unwrap(),
        "--rdb --list-compress-depth 1",
    );
    // Over replication, the depth is asked of the server.
    let v = analyze(&["--from", &s.url(), "--format", "json"]).json();
    within(v["bytes"].as_u64().unwrap(), "--from");
}

#[test]
fn the_table_shows_the_empty_key_name_and_string_bytes_as_bytes() {
    let s = RedisServer::start();
    s.cli(&["SET", "", "some value"]);
    s.cli(&["SET", "plain", "x"]);
    let rdb = save(&s);
    let ran = analyze(&["--rdb", rdb.to_str().unwrap()]);
    assert!(ran.stdout.contains("(empty)"), "{ran}");
    let types = ran.stdout.split("\ntypes\n").nth(1).unwrap_or_default();
    let string = types
        .lines()
        .find(|l| l.starts_with("string"))
        .unwrap_or_default();
    assert!(string.trim_end().ends_with("11 bytes"), "{ran}");
    // A module value's encoding is its module's name; one key is "1 key" (review-26 F8).
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rdb");
    let ran = analyze(&[
        "--rdb",
        fixtures.join("module_aux_v12.rdb").to_str().unwrap(),
    ]);
    assert!(ran.stdout.contains("\n1 key, "), "{ran}");
    let big = ran
        .stdout
        .split("\nbiggest keys\n")
        .nth(1)
        .unwrap_or_default();
    let row = big.lines().nth(1).unwrap_or_default();
    assert_eq!(row.split_whitespace().nth(3), Some("test__rdb"), "{ran}");
    // --save into a missing directory names FILE as given, not its temporary file.
    let ran = run_in_temp()
        .args([
            "cache",
            "analyze",
            "--from",
            &s.url(),
            "--save",
            "/nonexistent-dir/x.rdb",
        ])
        .expect(2);
    assert!(
        ran.stderr
            .contains("--save /nonexistent-dir/x.rdb: no such directory /nonexistent-dir"),
        "{ran}"
    );
}

/// Job event streams of every shape the application makes: 1 to 400 entries of small to big
/// JSON, ids in one millisecond or spread out, 0 to 3 consumer groups with 1 to 3 consumers
/// each, entries pending, acknowledged and deleted. Each stream's estimate is within 15% of
/// `MEMORY USAGE key SAMPLES 0` (every radix tree node is counted from the dump's ids).
#[test]
fn stream_memory_is_within_15_percent_with_groups_pending_entries_and_consumers() {
    let s = RedisServer::start();
    let mut cmds = Vec::new();
    let mut keys = Vec::new();
    for j in 0..30u64 {
        let key = format!("job_events:{j}");
        let n = [1u64, 8, 30, 120, 400][(j % 5) as usize];
        let size = [40usize, 300, 1200][(j % 3) as usize];
        let gap = [0u64, 1, 37, 5000][(j % 4) as usize];
        let base = 1_700_000_000_000 + j * 100_000_000;
        let id = |e: u64| {
            if gap == 0 {
                format!("{base}-{e}")
            } else {
                format!("{}-0", base + e * gap)
            }
        };
        for e in 0..n {
            let data = format!(
                "{{\"event_type\":\"task_progress\",\"job_id\":\"{j}\",\"progress\":{e},\"note\":\"{}\"}}",
                "é".repeat(size / 2)
            );
            cmds.push(cmd(&[
                "XADD",
                &key,
                &id(e),
                "data",
                &data,
                "timestamp",
                if e % 4 == 0 {
                    ""
                } else {
                    "2026-11-23T10:00:00.123456"
                },
                "event_type",
                "task_progress",
            ]));
        }
        for g in 0..j % 4 {
            let group = format!("g{g}");
            cmds.push(cmd(&["XGROUP", "CREATE", &key, &group, "0"]));
            for c in 0..1 + (j + g) % 3 {
                let count = (1 + n * (c + 1) / 5).to_string();
                cmds.push(cmd(&[
                    "XREADGROUP",
                    "GROUP",
                    &group,
                    &format!("worker-{c}"),
                    "COUNT",
                    &count,
                    "STREAMS",
                    &key,
                    ">",
                ]));
            }
            let mut ack = vec!["XACK".to_string(), key.clone(), group.clone()];
            ack.extend((0..n / 2).filter(|e| e % 3 == 0).map(id));
            if ack.len() > 3 {
                cmds.push(ack);
            }
        }
        if j % 5 == 3 {
            cmds.push(cmd(&["XDEL", &key, &id(1), &id(2)]));
        }
        keys.push(key);
    }
    pipe_load(&s, &cmds);
    let rdb = save(&s);
    let lines = key_lines(&rdb);
    let ours: BTreeMap<&str, u64> = lines
        .iter()
        .map(|l| (l["key"].as_str().unwrap(), l["bytes"].as_u64().unwrap()))
        .collect();
    let mut off = Vec::new();
    for key in &keys {
        let live: u64 = s
            .cli(&["MEMORY", "USAGE", key, "SAMPLES", "0"])
            .parse()
            .unwrap();
        let ratio = ours[key.as_str()] as f64 / live as f64;
        if !(0.85..=1.15).contains(&ratio) {
            off.push(format!(
                "{key}: {} vs {live} ({ratio:.3})",
                ours[key.as_str()]
            ));
        }
    }
    // The shapes were made: groups, pending entries and consumers are in the dump.
    let pending = s.cli(&["XPENDING", "job_events:3", "g2"]);
    let first: u64 = pending.lines().next().unwrap_or("0").parse().unwrap_or(0);
    assert!(first > 0, "{pending}");
    assert_eq!(s.cli(&["XLEN", "job_events:3"]), "118");
    assert!(off.is_empty(), "{off:#?}");
}

#[test]
fn no_source_and_a_silent_server_are_named() {
    // Neither --rdb nor --from.
    let ran = run_in_temp().args(["cache", "analyze"]).output();
    assert_eq!(ran.code, Some(2), "{ran}");
    assert!(
        ran.stderr.contains("give --rdb FILE or --from URL"),
        "{ran}"
    );
    assert_eq!(ran.stderr.lines().count(), 1, "{ran}");
    // A server that accepts the connection but never answers HELLO: the connection was made,
    // so it is the reply timeout (--timeout) that runs out and is named, as for every other
    // command, not the connect timeout (which would send the operator to the network).
    let silent = crate::support::SilentServer::start();
    let url = format!("redis://127.0.0.1:{}", silent.port);
    let ran = run_in_temp()
        .args([
            "cache",
            "analyze",
            "--from",
            &url,
            "--connect-timeout",
            "30s",
            "--timeout",
            "1s",
        ])
        .output();
    assert_eq!(ran.code, Some(3), "{ran}");
    assert!(silent.accepted() >= 1, "{ran}");
    assert!(
        ran.stderr.contains("timed out waiting for a reply")
            && ran
                .stderr
                .contains("nothing arrived within the read timeout of 1s (--timeout)"),
        "{ran}"
    );
    assert!(!ran.stderr.contains("connect"), "{ran}");
}

#[test]
fn a_bad_key_length_names_its_offset_and_the_key_position() {
    let s = RedisServer::start();
    for i in 0..3 {
        s.cli(&["SET", &format!("agent:cache:{i}"), "v"]);
    }
    let rdb = save(&s);
    let mut bytes = std::fs::read(&rdb).unwrap();
    // The last key's record: type 0, then its name's length byte (13: "agent:cache:N").
    let at = bytes
        .windows(14)
        .rposition(|w| w[0] == 13 && w[1..].starts_with(b"agent:cache:"))
        .unwrap();
    bytes[at] = 0x80; // a 32-bit length follows: far past the end of the file
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.rdb");
    std::fs::write(&bad, &bytes).unwrap();
    let ran = run_in_temp()
        .args(["cache", "analyze", "--rdb", bad.to_str().unwrap()])
        .expect(2);
    assert!(ran.stderr.contains("bad key length"), "{ran}");
    assert!(ran.stderr.contains(&format!("at byte {at}")), "{ran}");
    assert!(
        ran.stderr.contains(&format!(
            "key #3 of the dump, in db 0, record from byte {}",
            at - 1
        )),
        "{ran}"
    );
}

#[test]
fn cluster_takes_a_snapshot_of_every_master_and_adds_them_up() {
    let c = crate::support::Cluster::start(3, 1);
    for i in 0..60 {
        c.cli(&["SET", &format!("agent:cache:{i}"), "v"]);
        c.cli(&["HSET", &format!("user:{i}:profile"), "name", "n"]);
    }
    // Every master, its keys (DBSIZE) and its replica caught up.
    let mut per_master: BTreeMap<String, u64> = BTreeMap::new();
    for n in &c.nodes {
        if n.cli(&["ROLE"]).lines().next() == Some("master") {
            n.cli(&["WAIT", "1", "10000"]);
            per_master.insert(n.addr(), n.cli(&["DBSIZE"]).parse().unwrap());
        }
    }
    assert_eq!(per_master.len(), 3);
    assert_eq!(per_master.values().sum::<u64>(), 120);
    let seed = c.seed_url();
    let check = |v: &serde_json::Value, replica: bool| {
        assert_eq!(v["keys"], 120, "{v}");
        let nodes = v["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), 3, "{v}");
        let mut seen = BTreeMap::new();
        for n in nodes {
            let master = n["master"].as_str().unwrap().to_string();
            assert_eq!(n["source"] != n["master"], replica, "{n}");
            assert!(!n["slots"].as_str().unwrap().is_empty(), "{n}");
            seen.insert(master, n["keys"].as_u64().unwrap());
        }
        assert_eq!(seen, per_master, "{v}");
        // Groups and types add up across the masters.
        let groups: BTreeMap<&str, u64> = v["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| (g["group"].as_str().unwrap(), g["keys"].as_u64().unwrap()))
            .collect();
        assert_eq!(groups["agent:cache:"], 60, "{v}");
        assert_eq!(groups["user:*:profile"], 60, "{v}");
        let types: BTreeMap<&str, u64> = v["types"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["type"].as_str().unwrap(), t["keys"].as_u64().unwrap()))
            .collect();
        assert_eq!(types["string"], 60, "{v}");
        assert_eq!(types["hash"], 60, "{v}");
        assert!(v["source"].as_str().unwrap().contains("3 masters"), "{v}");
    };
    // --cluster with the configured seed, and with --from as the seed.
    let ran = analyze(&["--cluster", "-u", &seed, "--format", "json"]);
    check(&ran.json(), false);
    let ran = analyze(&["--from", &seed, "--cluster", "--format", "json"]);
    check(&ran.json(), false);
    // From a replica of each master.
    let ran = analyze(&[
        "--cluster",
        "-u",
        &seed,
        "--from-replica",
        "--format",
        "json",
    ]);
    check(&ran.json(), true);
    // The table has a line per master.
    let ran = analyze(&["--cluster", "-u", &seed]);
    assert!(ran.stdout.contains("per master"), "{ran}");
    for m in per_master.keys() {
        let line = ran
            .stdout
            .lines()
            .find(|l| l.starts_with(m.as_str()))
            .unwrap_or_else(|| panic!("no line for {m}\n{ran}"));
        assert!(line.contains(&per_master[m].to_string()), "{line}\n{ran}");
    }
    // Without --cluster, one master: its own keys, and stderr says it is one of three.
    let (one, keys) = per_master.iter().next().unwrap();
    let ran = analyze(&["--from", &format!("redis://{one}"), "--format", "json"]);
    assert_eq!(ran.json()["keys"].as_u64(), Some(*keys), "{ran}");
    assert!(
        ran.stderr.contains(&format!(
            "{one} is 1 of 3 masters of a cluster: this snapshot holds slots "
        )),
        "{ran}"
    );
    assert!(ran.stderr.contains("add --cluster"), "{ran}");
    // --save writes one file: refused with --cluster, before any work.
    let ran = run_in_temp()
        .args([
            "cache",
            "analyze",
            "--cluster",
            "--from",
            &seed,
            "--save",
            "x.rdb",
        ])
        .output();
    assert_eq!(ran.code, Some(2), "{ran}");
    assert!(ran.stderr.contains("--save x.rdb: with --cluster"), "{ran}");
}

/// `--rdb -` on a terminal nobody types into: one Ctrl-C ends it (exit 130) and the progress
/// line is cleared before the message.
#[test]
fn stdin_on_a_terminal_stops_at_the_first_ctrl_c_and_clears_its_line() {
    let t = crate::support::tmux::Tmux::start();
    let dir = tempfile::tempdir().unwrap();
    let args = ["cache", "analyze", "--rdb", "-"];
    let pane = t.spawn(dir.path(), 80, 24, &args, &[]);
    t.wait_for(&pane, "the hint and the progress line", |p| {
        p.contains("Ctrl-C stops") && p.contains("B read")
    });
    t.send(&pane, "C-c");
    let screen = t.finish(&pane, 80, &args);
    let text = screen.text();
    assert_eq!(screen.code, 130, "{text}");
    assert!(
        !text.contains("B read"),
        "the progress line was left behind:\n{text}"
    );
    assert!(text.contains("interrupted"), "{text}");
    assert!(!text.contains("interrupted again"), "{text}");
}
