//! Running from cron: settings found on the search path from an empty `$HOME`, and `-q`
//! silent on success but not on failure.

use crate::support::{RedisServer, redkit, run, stderr, stdout};

#[test]
fn config_found_under_xdg_config_home_names_its_env_file() {
    let home = tempfile::tempdir().unwrap();
    let xdg = tempfile::tempdir().unwrap();
    let app = tempfile::tempdir().unwrap();
    let s = RedisServer::start();
    std::fs::create_dir_all(xdg.path().join("redkit")).unwrap();
    std::fs::write(
        app.path().join("app.env"),
        format!("REDIS_PORT={}\nCACHE_MARK=from-app-env\n", s.port),
    )
    .unwrap();
    std::fs::write(
        xdg.path().join("redkit/redkit.yaml"),
        format!(
            "env_file: {}\nredis:\n  host: 127.0.0.1\ncache:\n  prefix: \"${{CACHE_MARK}}:\"\n",
            app.path().join("app.env").display()
        ),
    )
    .unwrap();
    let out = redkit(home.path())
        .env("XDG_CONFIG_HOME", xdg.path())
        .args(["config", "show", "--format", "json", "-v"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let _: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(text.contains("redkit/redkit.yaml"), "{text}");
    assert!(text.contains("search path"), "{text}");
    assert!(text.contains("app.env"), "{text}");
    assert!(text.contains("from-app-env:"), "{text}");
    // -v says where it looked, in order.
    let err = stderr(&out);
    assert!(
        err.contains("looked for the config in redkit.yaml"),
        "{err}"
    );
    // Last the system folder (/etc/redkit, relocated for the tests by REDKIT_SYSTEM_CONFIG_DIR).
    let system = crate::support::empty_system_config_dir().join("redkit.yaml");
    assert!(
        err.trim_end_matches('\n')
            .lines()
            .next()
            .is_some_and(|l| l.ends_with(&system.display().to_string())),
        "{err}"
    );
    // The Redis settings of the named env file are used: ping reaches the server, silently.
    let r = run(home.path())
        .env("XDG_CONFIG_HOME", xdg.path())
        .args(["ping", "-q"])
        .expect(0);
    assert_eq!(r.all(), "", "{r}");
}

#[test]
fn quiet_is_silent_on_success_and_not_on_failure() {
    let s = RedisServer::start();
    s.cli(&["SET", "agent:cache:1", "v"]);
    s.cli(&[
        "XADD",
        "job_events:1",
        "*",
        "event_type",
        "task_completed",
        "job_id",
        "1",
    ]);
    s.cli(&["XGROUP", "CREATE", "job_events:1", "g", "0"]);
    // Something pending, so `stream pending -q` finds it (a query that finds nothing exits 1).
    s.cli(&[
        "XREADGROUP",
        "GROUP",
        "g",
        "w-1",
        "COUNT",
        "1",
        "STREAMS",
        "job_events:1",
        ">",
    ]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".env"), format!("REDIS_PORT={}\n", s.port)).unwrap();
    let url = s.url();
    let silent: Vec<Vec<&str>> = vec![
        vec!["validate-env", "-q"],
        vec!["ping", "-q", "-u", &url],
        vec!["cache", "flush", "--yes", "-q", "-u", &url],
        vec!["cache", "flush", "--dry-run", "-q", "-u", &url],
        // Queries too: the exit code is the answer, as with grep -q.
        vec!["cache", "stats", "-q", "-u", &url],
        vec!["stream", "list", "-q", "-u", &url],
        vec!["stream", "info", "job_events:1", "-q", "-u", &url],
        vec!["stream", "read", "job_events:1", "-q", "-u", &url],
        vec![
            "stream",
            "read",
            "job_events:1",
            "--format",
            "json",
            "-q",
            "-u",
            &url,
        ],
        vec![
            "stream",
            "tail",
            "job_events:1",
            "--from",
            "0",
            "--count",
            "1",
            "-q",
            "-u",
            &url,
        ],
        vec!["stream", "job", "1", "-q", "-u", &url],
        vec!["stream", "pending", "job_events:1", "g", "-q", "-u", &url],
        vec!["config", "show", "-q"],
        vec!["config", "show", "--format", "json", "-q"],
    ];
    for args in &silent {
        let out = redkit(dir.path()).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_eq!(
            stdout(&out) + &stderr(&out),
            "",
            "{args:?} printed something on success"
        );
    }
    assert_eq!(s.cli(&["EXISTS", "agent:cache:1"]), "0");
    // Failures still speak: the summary and the failing rows only.
    std::fs::write(
        dir.path().join("spec.yaml"),
        "env:\n  required:\n    JWT_SECRET_KEY: {}\n  optional:\n    REDIS_PORT: { type: port }\n",
    )
    .unwrap();
    let out = redkit(dir.path())
        .args(["validate-env", "-q", "--spec", "spec.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("FAILED") && text.contains("JWT_SECRET_KEY"),
        "{text}"
    );
    assert!(
        !text.contains("REDIS_PORT"),
        "passing rows shown under -q: {text}"
    );
    let out = redkit(dir.path())
        .args([
            "ping",
            "-q",
            "-u",
            "redis://127.0.0.1:1",
            "--connect-timeout",
            "1s",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("refused"), "{}", stderr(&out));
    // A query that finds a problem says so: a missing stream, a failed job.
    let out = redkit(dir.path())
        .args(["stream", "read", "no:such:stream", "-q", "-u", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no such key"), "{}", stderr(&out));
    s.cli(&[
        "XADD",
        "job_events:2",
        "*",
        "event_type",
        "task_failed",
        "job_id",
        "2",
    ]);
    let out = redkit(dir.path())
        .args(["stream", "job", "2", "-q", "-u", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("failed"), "{}", stdout(&out));
}

#[test]
fn example_dev_null_and_strict_lints() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".env"), "A=1\nA=2\nlower=3\n").unwrap();
    let out = redkit(dir.path())
        .args(["validate-env", "--example", "/dev/null"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("duplicate key"), "{}", stdout(&out));
    let out = redkit(dir.path())
        .args(["validate-env", "--strict", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["ok"], false);
}

#[test]
fn no_terminal_means_no_confirmation() {
    let s = RedisServer::start();
    s.cli(&["SET", "agent:cache:1", "v"]);
    let dir = tempfile::tempdir().unwrap();
    // "y" on a pipe is not a terminal's answer: refused before anything is deleted.
    let r = run(dir.path())
        .args(["-u", &s.url(), "cache", "flush"])
        .stdin("y\n")
        .expect(2);
    assert!(r.stderr.contains("--yes"), "{r}");
    assert_eq!(s.cli(&["EXISTS", "agent:cache:1"]), "1");
}

/// `-q` in every command that checks or changes something: nothing on stdout or stderr when
/// the run succeeds and finds nothing wrong, and still a word when something is wrong.
#[test]
fn quiet_in_every_command() {
    let s = RedisServer::start();
    let url = s.url();
    // A production-shaped cache node has a memory limit (health warns without one).
    s.cli(&["CONFIG", "SET", "maxmemory", "256mb"]);
    s.cli(&[
        "XADD",
        "job_events:1",
        "*",
        "event_type",
        "task_started",
        "data",
        "{}",
    ]);
    s.cli(&["SET", "agent:cache:1", "v"]);
    let dir = tempfile::tempdir().unwrap();
    // validate-env with neither a spec nor a .env says so even under -q: give it a .env.
    std::fs::write(dir.path().join(".env"), "REDIS_DB=0\n").unwrap();
    let silent: Vec<Vec<&str>> = vec![
        vec!["validate-env"],
        vec!["ping"],
        vec!["health", "--min-uptime", "0"],
        vec!["wait", "--redis", "--max-wait", "5s"],
        vec!["cache", "flush", "--dry-run"],
        vec!["cache", "flush", "--yes"],
        vec!["stream", "trim", "job_events:1", "--maxlen", "5", "--yes"],
        vec!["stream", "group", "create", "job_events:1", "g1", "--yes"],
        vec![
            "stream",
            "group",
            "create",
            "job_events:1",
            "g2",
            "--dry-run",
        ],
        vec!["bench", "-n", "200", "-w", "get", "--yes"],
        vec!["init"],
    ];
    for args in &silent {
        let r = run(dir.path())
            .args(["-u", url.as_str(), "-q"])
            .args(args)
            .expect(0);
        assert_eq!(r.all(), "", "{args:?} printed something on success:\n{r}");
    }
    // Not silent on failure: a second `init` refuses, health of a dead server is CRITICAL.
    let r = run(dir.path()).args(["-q", "init"]).expect(2);
    assert!(r.stderr.contains("already exists"), "{r}");
    let r = run(dir.path())
        .args([
            "-q",
            "-u",
            "redis://127.0.0.1:1",
            "health",
            "--connect-timeout",
            "1s",
        ])
        .expect(2);
    assert!(!r.all().is_empty(), "{r}");
    let r = run(dir.path())
        .args([
            "-q",
            "-u",
            url.as_str(),
            "stream",
            "group",
            "create",
            "job_events:1",
            "g1",
        ])
        .args(["--yes"])
        .expect(1);
    assert!(r.all().contains("already exists"), "{r}");
}
