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
        &["-w", "cache", "--keyspace", "1000", "-n", "20000", "-c", "10", "-P", "4"],
    );
    assert_eq!(code, Some(0), "{err}");
    let w = &doc["workloads"][0];
    let (hits, misses) = (w["hits"].as_u64().unwrap(), w["misses"].as_u64().unwrap());
    assert_eq!(hits + misses, 20000, "{w}");
    assert!((1000..=1100).contains(&misses), "{w}");
    assert_eq!(stat(&s, "keyspace_hits"), hits, "the server counted the same hits");
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
            "-w", "cache", "--keyspace", "200", "--rate", "2000", "--duration", "3s", "--ttl",
            "100ms", "-c", "10",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let w = &doc["workloads"][0];
    let rate = w["hit_rate"].as_f64().unwrap();
    let lambda_t = w["ops_per_sec"].as_f64().unwrap() / 200.0 * 0.1;
    let want = lambda_t / (1.0 + lambda_t) * 100.0;
    assert!((rate - want).abs() < 8.0, "hit rate {rate}%, predicted {want:.1}%");
    // Other workloads have no hit rate.
    let (code, doc, err) = bench(&s, &["-w", "get", "-n", "100"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["workloads"][0]["hit_rate"], Value::Null);
}
