//! Partial failure on a cluster: a master flagged `fail` while the others keep serving must be
//! named, with its slots, by every command that acts on "every master", and exit 3.

use crate::support::{Cluster, redkit, stderr, stdout};

#[test]
fn failed_master_is_named_by_every_all_masters_command() {
    let mut c = Cluster::start(3, 0);
    let mut cmds = String::new();
    for i in 0..300 {
        cmds.push_str(&format!(
            "SET agent:cache:{i} v\nXADD job_events:{i} * event_type x\n"
        ));
    }
    c.feed(&cmds);
    let before = c.dbsize();
    assert_eq!(before, 600);
    let failed = c.fail_master(2);
    let dir = tempfile::tempdir().unwrap();
    let seed = c.seed_url();
    let base = ["--cluster", "-u", seed.as_str(), "--timeout", "2s"];
    let run = |args: &[&str]| {
        let out = redkit(dir.path()).args(base).args(args).output().unwrap();
        (out.status.code(), stdout(&out), stderr(&out))
    };

    let (code, out, err) = run(&["ping"]);
    assert_eq!(code, Some(3), "ping: {out}\n{err}");
    assert!(err.contains(&failed) && err.contains("slots"), "{err}");

    let (code, out, err) = run(&["stream", "list", "--format", "json"]);
    assert_eq!(code, Some(3), "stream list: {out}\n{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["unreached"][0]["addr"], failed.as_str(), "{out}");
    assert!(v["total"].as_u64().unwrap() < 300, "{out}");
    assert!(err.contains(&failed), "{err}");

    let (code, out, err) = run(&["cache", "flush", "--dry-run", "--format", "json"]);
    assert_eq!(code, Some(3), "flush --dry-run: {out}\n{err}");
    assert!(err.contains(&failed), "{err}");

    let (code, out, err) = run(&["cache", "stats", "--format", "json"]);
    assert_eq!(code, Some(3), "stats: {out}\n{err}");
    assert!(err.contains(&failed), "{err}");

    let (code, out, err) = run(&["cache", "flush", "--yes", "--format", "json"]);
    assert_eq!(code, Some(3), "flush: {out}\n{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["unreached"].as_array().unwrap().len(), 1, "{out}");
    assert!(
        v["unreached"][0]["slots"].as_str().unwrap().contains('-'),
        "{out}"
    );
    let deleted = v["deleted"].as_u64().unwrap();
    assert!(deleted > 0 && deleted < 300, "{out}");
    assert!(
        err.contains(&failed) && err.contains("not reached"),
        "{err}"
    );

    // The table says it too, not only the error line.
    let (code, out, _) = run(&["cache", "flush", "--dry-run"]);
    assert_eq!(code, Some(3));
    assert!(
        out.contains(&failed) && out.contains("not reached"),
        "{out}"
    );
}
