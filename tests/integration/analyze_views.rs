//! `cache analyze` as a person sees it: its tables in a tmux pane at 80x24 and 120x40 with
//! colour on, from a dump of the application's shapes written by a real redis-server, long
//! key names included. Every line fits, every colour closes, and every figure the JSON of the
//! same run reports for what the table shows appears whole on one line; `--wide` shows a key
//! longer than the terminal whole.

use redkit::ops::units::format_bytes;

use crate::support::stream::pipe_load;
use crate::support::tmux::{Screen, Tmux, width};
use crate::support::{RedisServer, redkit};

const SIZES: [(usize, usize); 2] = [(80, 24), (120, 40)];

/// A key longer than an 80-column line by itself, the biggest of its group.
const LONG: &str =
    "tenant:acme-corporation-europe-west-1:sessions:3f2b9c1e-07aa-4c1e-9d2f-0123456789ab:payload";

fn cmd(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

/// The application's shapes in two databases: JSON cache strings with and without a TTL,
/// per-user hashes, sorted sets and lists, job event streams, and a shape with long names.
fn dump() -> (RedisServer, std::path::PathBuf) {
    let s = RedisServer::start();
    let mut cmds = Vec::new();
    for i in 0..120u64 {
        let body = "x".repeat(200 + (i as usize * 37) % 900);
        let key = format!("agent:cache:{:016x}", i * 7919 + 1);
        let json = format!("{{\"answer\":\"{body}\",\"n\":{i}}}");
        let mut c = cmd(&["SET", &key, &json]);
        if i % 5 != 0 {
            c.extend(cmd(&["EX", &(600 + i * 900).to_string()]));
        }
        cmds.push(c);
        let user = format!("user:{}:", 1000 + i);
        cmds.push(cmd(&[
            "HSET",
            &format!("{user}unread"),
            "count",
            &i.to_string(),
        ]));
        for m in 0..(5 + i % 30) {
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
    for j in 0..12 {
        for e in 0..(10 + j * 7) {
            cmds.push(cmd(&[
                "XADD",
                &format!("job_events:{j}"),
                "*",
                "data",
                &format!("{{\"event_type\":\"task_progress\",\"progress\":{e}}}"),
                "event_type",
                "task_progress",
            ]));
        }
    }
    cmds.push(cmd(&["SET", LONG, &"y".repeat(3000)]));
    cmds.push(cmd(&[
        "SET",
        "tenant:acme-corporation-europe-west-1:sessions:0b0c:payload",
        "z",
    ]));
    cmds.push(cmd(&["SELECT", "3"]));
    for i in 0..40 {
        cmds.push(cmd(&[
            "SET",
            &format!("report:daily:{i}"),
            &"r".repeat(100 + i),
        ]));
    }
    pipe_load(&s, &cmds);
    assert_eq!(s.cli(&["SAVE"]), "OK");
    let path = s.dir.path().join("dump.rdb");
    (s, path)
}

fn json(dir: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = redkit(dir)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn num(v: &serde_json::Value) -> String {
    v.as_u64()
        .unwrap_or_else(|| panic!("not a count: {v}"))
        .to_string()
}

fn bytes(v: &serde_json::Value) -> String {
    format_bytes(v.as_u64().unwrap_or_else(|| panic!("not bytes: {v}")))
}

/// Every figure of the report's JSON that the table shows, as the table writes it.
fn figures(doc: &serde_json::Value) -> Vec<String> {
    let mut f = vec![
        num(&doc["keys"]),
        bytes(&doc["bytes"]),
        bytes(&doc["serialized_bytes"]),
    ];
    f.push(num(&doc["keys_without_ttl"]));
    for g in doc["groups"].as_array().unwrap().iter().take(20) {
        f.push(num(&g["keys"]));
        f.push(bytes(&g["bytes"]));
        f.push(format!("{:.1}%", g["share"].as_f64().unwrap() * 100.0));
        f.push(num(&g["keys_without_ttl"]));
        let h = &g["ttl_histogram"];
        for b in [
            "expired", "under_1h", "under_1d", "under_7d", "longer", "none",
        ] {
            f.push(num(&h[b]));
        }
        for (e, n) in g["encodings"].as_object().unwrap() {
            f.push(format!("{e}:{}", num(n)));
        }
        f.push(bytes(&g["biggest"]["bytes"]));
    }
    for b in doc["biggest"].as_array().unwrap() {
        f.push(bytes(&b["bytes"]));
        f.push(num(&b["len"]));
    }
    for d in doc["databases"].as_array().unwrap() {
        for k in ["keys", "keys_without_ttl"] {
            f.push(num(&d[k]));
        }
        f.push(bytes(&d["bytes"]));
        f.push(bytes(&d["serialized_bytes"]));
    }
    for t in doc["types"].as_array().unwrap() {
        f.push(num(&t["keys"]));
        f.push(bytes(&t["bytes"]));
        f.push(num(&t["elements"]));
    }
    f
}

fn run(t: &Tmux, dir: &std::path::Path, cols: usize, rows: usize, args: &[&str]) -> Screen {
    let screen = t.run(dir, cols, rows, args, &[]);
    assert_eq!(screen.code, 0, "{}", screen.text());
    screen
}

#[test]
fn analyze_tables_fit_80_and_120_columns_with_colour_and_keep_every_figure_whole() {
    let (_s, rdb) = dump();
    let dir = tempfile::tempdir().unwrap();
    let rdb = rdb.to_str().unwrap();
    let doc = json(dir.path(), &["cache", "analyze", "--rdb", rdb]);
    assert!(doc["groups"].as_array().unwrap().len() >= 6, "{doc}");
    let t = Tmux::start();
    for (cols, rows) in SIZES {
        let screen = run(
            &t,
            dir.path(),
            cols,
            rows,
            &["cache", "analyze", "--rdb", rdb, "--color", "always"],
        );
        screen.assert_clean();
        assert!(screen.has_colour(), "{}", screen.text());
        for fig in figures(&doc) {
            screen.assert_whole(&fig);
        }
        for g in doc["groups"].as_array().unwrap() {
            screen.assert_whole(g["group"].as_str().unwrap());
        }
        for title in [
            "groups by memory",
            "expiry and encodings by group",
            "biggest keys",
            "databases",
            "types",
        ] {
            assert!(screen.text().contains(title), "{title}:\n{}", screen.text());
        }
        // The long key: whole where it fits (120 columns), else cut with an ellipsis on its
        // line, never broken over two.
        let line = screen
            .plain()
            .into_iter()
            .find(|l| l.contains("tenant:acme-corporation-europe-west-1:sessions:3f2b"))
            .unwrap_or_else(|| panic!("no long key:\n{}", screen.text()));
        assert!(width(&line) <= cols, "{line}");
        if width(LONG) + 4 <= cols {
            assert!(line.contains(LONG), "{line}");
        } else {
            assert!(!screen.text().contains(LONG), "{}", screen.text());
            assert!(line.contains('…'), "{line}");
        }
    }
    // --wide: every cell whole, the long key too.
    let screen = run(
        &t,
        dir.path(),
        80,
        24,
        &[
            "cache", "analyze", "--rdb", rdb, "--color", "always", "--wide",
        ],
    );
    screen.assert_colours_closed();
    let line = screen
        .plain()
        .into_iter()
        .find(|l| l.contains(LONG))
        .unwrap_or_else(|| panic!("--wide cut the long key:\n{}", screen.text()));
    assert!(width(&line) > 80, "{line}");
    for fig in figures(&doc) {
        screen.assert_whole(&fig);
    }
}
