//! Keys, values and expiry like an application's (issue 25 item 1), checked on the server:
//! zipf and hotspot skew from the counts INCR leaves behind, value sizes from STRLEN, JSON
//! values parsed back, TTLs from PTTL.

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

/// Every counter `bench:counter:N` for N below `n`, as the server holds it.
fn counters(s: &RedisServer, n: u64) -> Vec<u64> {
    let keys: Vec<String> = (0..n).map(|i| format!("bench:counter:{i}")).collect();
    let mut args = vec!["MGET"];
    args.extend(keys.iter().map(String::as_str));
    s.cli(&args)
        .lines()
        .map(|l| l.trim().parse().unwrap_or(0))
        .collect()
}

/// H(m, s) / H(n, s): the share of the top m of n ranks under zipf(s).
fn zipf_share(n: u64, m: u64, s: f64) -> f64 {
    let h = |k: u64| (1..=k).map(|i| (i as f64).powf(-s)).sum::<f64>();
    h(m) / h(n)
}

#[test]
fn zipf_keys_give_the_top_one_percent_the_share_zipf_predicts() {
    let s = RedisServer::start();
    for (pattern, exponent) in [("zipf", 0.99), ("zipf:1.3", 1.3)] {
        s.cli(&["FLUSHALL"]);
        let (code, doc, err) = bench(
            &s,
            &[
                "-w",
                "incr",
                "--key-pattern",
                pattern,
                "--keyspace",
                "2000",
                "-n",
                "100000",
                "-c",
                "8",
                "-P",
                "8",
                "--keep-keys",
            ],
        );
        assert_eq!(code, Some(0), "{err}");
        assert_eq!(doc["parameters"]["key_pattern"], format!("zipf:{exponent}"));
        let mut counts = counters(&s, 2000);
        assert_eq!(counts.iter().sum::<u64>(), 100_000, "every INCR landed");
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let top: u64 = counts[..20].iter().sum();
        let got = top as f64 / 100_000.0;
        let want = zipf_share(2000, 20, exponent);
        assert!(
            (got / want - 1.0).abs() <= 0.10,
            "{pattern}: the top 1% got {got:.3} of the requests, zipf predicts {want:.3}"
        );
    }
}

#[test]
fn hotspot_keys_get_their_share_and_uniform_keys_do_not() {
    let s = RedisServer::start();
    let (code, _, err) = bench(
        &s,
        &[
            "-w",
            "incr",
            "--key-pattern",
            "hotspot:10%:90%",
            "--keyspace",
            "1000",
            "-n",
            "50000",
            "-c",
            "4",
            "-P",
            "8",
            "--keep-keys",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let counts = counters(&s, 1000);
    let hot: u64 = counts[..100].iter().sum();
    let share = hot as f64 / 50_000.0;
    assert!((0.88..=0.92).contains(&share), "hot 10% got {share:.3}");
    s.cli(&["FLUSHALL"]);
    let (code, _, err) = bench(
        &s,
        &[
            "-w",
            "incr",
            "--keyspace",
            "1000",
            "-n",
            "50000",
            "-c",
            "4",
            "-P",
            "8",
            "--keep-keys",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let counts = counters(&s, 1000);
    let share = counts[..100].iter().sum::<u64>() as f64 / 50_000.0;
    assert!(
        (0.08..=0.12).contains(&share),
        "uniform: first 10% got {share:.3}"
    );
}

#[test]
fn value_sizes_json_values_and_ttls_are_what_was_asked() {
    let s = RedisServer::start();
    let (code, doc, err) = bench(
        &s,
        &[
            "-w",
            "set",
            "-d",
            "64..4096",
            "--value",
            "json",
            "--ttl",
            "100s..200s",
            "--keyspace",
            "300",
            "-n",
            "3000",
            "-c",
            "4",
            "--keep-keys",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let p = &doc["parameters"];
    assert_eq!(p["data_size"], 4096);
    assert_eq!(p["data_sizes"], serde_json::json!({"range": [64, 4096]}));
    assert_eq!(p["value_kind"], "json");
    assert_eq!(
        p["ttl"],
        serde_json::json!({"min_ms": 100000, "max_ms": 200000})
    );
    let keys: Vec<String> = s.cli(&["--scan"]).lines().map(String::from).collect();
    assert!(keys.len() > 250, "{}", keys.len());
    let mut sizes = Vec::new();
    for k in keys.iter().take(60) {
        let v = s.cli(&["GET", k]);
        let parsed: Value = serde_json::from_str(&v).unwrap_or_else(|e| panic!("{k}: {e}: {v}"));
        assert!(parsed.is_object());
        let n: usize = s.cli(&["STRLEN", k]).parse().unwrap();
        assert!((64..=4096).contains(&n), "{k}: {n}");
        sizes.push(n);
        let ttl: u64 = s.cli(&["PTTL", k]).parse().unwrap();
        assert!((90_000..=200_000).contains(&ttl), "{k}: pttl {ttl}");
    }
    sizes.sort_unstable();
    assert!(
        sizes[50] - sizes[10] > 1000,
        "sizes vary over the range: {sizes:?}"
    );

    // Weighted sizes: about 70% of the keys hold 64 bytes.
    s.cli(&["FLUSHALL"]);
    let (code, _, err) = bench(
        &s,
        &[
            "-w",
            "set",
            "-d",
            "64:70,1024:30",
            "--keyspace",
            "100000",
            "-n",
            "2000",
            "--keep-keys",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let keys: Vec<String> = s.cli(&["--scan"]).lines().map(String::from).collect();
    let small = keys
        .iter()
        .take(300)
        .filter(|k| s.cli(&["STRLEN", k]) == "64")
        .count();
    assert!((170..=250).contains(&small), "{small} of 300 at 64 B");
}

#[test]
fn bad_key_patterns_sizes_and_ttls_are_usage_errors() {
    let s = RedisServer::start();
    for (args, says) in [
        (&["--key-pattern", "zipf:x"][..], "--key-pattern"),
        (&["--key-pattern", "hotspot:10%"], "--key-pattern"),
        (&["-d", "10..5"], "--data-size"),
        (&["-d", "64:0"], "--data-size"),
        (&["--ttl", "0s"], "--ttl"),
        (
            &["-w", "incr", "--ttl", "10s"],
            "incr workload cannot set an expiry",
        ),
        (&["--value", "xml"], "--value"),
    ] {
        let (code, _, err) = bench(&s, args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(s.cli(&["DBSIZE"]), "0", "nothing sent");
}
