//! Partial failure on a cluster: a master flagged `fail` while the others keep serving must be
//! named, with its slots, by every command that acts on "every master", and exit 3.

use crate::support::{Cluster, Ran, run};

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
    assert_eq!(c.dbsize(), 600);
    let failed = c.fail_master(2);
    let dir = tempfile::tempdir().unwrap();
    let seed = c.seed_url();
    let base = ["--cluster", "-u", seed.as_str(), "--timeout", "2s"];
    let exit3 = |args: &[&str]| -> Ran { run(dir.path()).args(base).args(args).expect(3) };

    let r = exit3(&["ping"]);
    assert!(
        r.stderr.contains(&failed) && r.stderr.contains("slots"),
        "{r}"
    );

    let r = exit3(&["stream", "list", "--format", "json"]);
    let v = r.json();
    assert_eq!(v["unreached"][0]["addr"], failed.as_str(), "{r}");
    assert!(v["total"].as_u64().unwrap() < 300, "{r}");
    assert!(r.stderr.contains(&failed), "{r}");

    let r = exit3(&["stream", "jobs", "--format", "json"]);
    let v = r.json();
    assert_eq!(v["unreached"][0]["addr"], failed.as_str(), "{r}");
    assert!(r.stderr.contains(&failed), "{r}");

    // Load on part of a cluster would measure MOVED errors: refused before it starts.
    let r = exit3(&["bench", "-n", "100", "-w", "get", "--yes"]);
    assert!(r.stderr.contains(&failed), "{r}");

    let r = exit3(&["cache", "flush", "--dry-run", "--format", "json"]);
    assert!(r.stderr.contains(&failed), "{r}");

    let r = exit3(&["cache", "stats", "--format", "json"]);
    assert!(r.stderr.contains(&failed), "{r}");

    let r = exit3(&["cache", "flush", "--yes", "--format", "json"]);
    let v = r.json();
    assert_eq!(v["unreached"].as_array().unwrap().len(), 1, "{r}");
    assert!(
        v["unreached"][0]["slots"].as_str().unwrap().contains('-'),
        "{r}"
    );
    let deleted = v["deleted"].as_u64().unwrap();
    assert!(deleted > 0 && deleted < 300, "{r}");
    assert!(
        r.stderr.contains(&failed) && r.stderr.contains("not reached"),
        "{r}"
    );

    // The table says it too, not only the error line.
    let r = exit3(&["cache", "flush", "--dry-run"]);
    assert!(
        r.stdout.contains(&failed) && r.stdout.contains("not reached"),
        "{r}"
    );

    // A command on one key served by the failed master names that master and its slots,
    // not the seed it went through; keys on the others are read as usual.
    let mut named = 0;
    for i in 0..20 {
        let key = format!("job_events:{i}");
        let out = crate::support::redkit(dir.path())
            .args(base)
            .args(["stream", "info", key.as_str()])
            .output()
            .unwrap();
        let err = crate::support::stderr(&out);
        match out.status.code() {
            Some(0) => {}
            Some(3) => {
                assert!(
                    err.contains(&failed) && err.contains("flags fail") && err.contains("slot"),
                    "{key}: {err}"
                );
                named += 1;
            }
            other => panic!("{key}: exit {other:?}: {err}"),
        }
    }
    assert!(named > 0, "no key of the 20 on the failed master");
}
