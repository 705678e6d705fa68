//! redkit wait against real servers: a server started late, one still loading its dataset, a
//! cluster with a master down, a database that appears late, and --max-wait giving up in time
//! with a line that names what is not ready.

use std::time::Duration;

use serde_json::Value;

use crate::support::{Cluster, RedisServer, SilentServer, redkit, spawn_redkit, stderr, stdout};

#[test]
fn waits_for_a_server_started_late() {
    let mut s = RedisServer::start();
    s.kill();
    let dir = tempfile::tempdir().unwrap();
    let child = spawn_redkit(
        dir.path(),
        &[
            "-u",
            &s.url(),
            "wait",
            "--interval",
            "100ms",
            "--max-wait",
            "60s",
        ],
    );
    std::thread::sleep(Duration::from_millis(800));
    s.restart();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    // Not a terminal: one line per state change, not one per attempt.
    assert_eq!(err.matches("connection refused").count(), 1, "{err}");
    assert!(err.contains("ready after"), "{err}");
    assert!(
        stdout(&out).starts_with("ready: redis 127.0.0.1:"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_server_loading_its_dataset_is_not_ready() {
    let mut s = RedisServer::builder()
        .arg("enable-debug-command yes")
        .start();
    s.cli(&["DEBUG", "POPULATE", "50000", "k", "16"]);
    assert_eq!(s.cli(&["DBSIZE"]), "50000");
    s.cli(&["SAVE"]);
    s.kill();
    // 50k keys at 20 µs each: the restarted server answers -LOADING for a few seconds.
    let conf = s.dir.path().join("redis.conf");
    let mut text = std::fs::read_to_string(&conf).unwrap();
    text.push_str("key-load-delay 20\nloading-process-events-interval-bytes 1024\n");
    std::fs::write(&conf, text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let child = spawn_redkit(
        dir.path(),
        &[
            "-u",
            &s.url(),
            "wait",
            "--redis",
            "--interval",
            "100ms",
            "--format",
            "json",
        ],
    );
    // Returns once the load is done; the wait saw the server loading meanwhile.
    s.restart();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("(LOADING)"), "{err}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["ready"], true);
    assert_eq!(doc["dependencies"][0]["kind"], "redis");
    assert_eq!(s.cli(&["DBSIZE"]), "50000");
}

#[test]
fn a_cluster_with_a_master_down_is_named() {
    let mut c = Cluster::start(3, 0);
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path())
        .args(["--cluster", "-u", &c.seed_url(), "wait", "--max-wait", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let down = c.nodes[2].addr();
    c.nodes[2].kill();
    let out = redkit(dir.path())
        .args([
            "--cluster",
            "-u",
            &c.seed_url(),
            "--connect-timeout",
            "1s",
            "wait",
            "--max-wait",
            "2s",
            "--interval",
            "200ms",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("redkit: error: not ready after 2"),
        "{err}"
    );
    assert!(last.contains(&down), "{err}");
    assert!(last.contains("slots 10923-16383"), "{err}");
}

#[test]
fn waits_for_a_database_that_appears_late() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("app.db");
    let url = format!("sqlite://{}", db.display());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_redkit"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DATABASE_URL", &url)
        .current_dir(dir.path())
        .args(["wait", "--interval", "100ms"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        child.try_wait().unwrap().is_none(),
        "wait ended before the file existed"
    );
    std::fs::write(&db, b"").unwrap();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("no such file"), "{err}");
    // Only the database was configured: Redis was not waited for.
    assert!(
        stdout(&out).starts_with("ready: database sqlite://"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("redis"), "{}", stdout(&out));
}

#[test]
fn max_wait_gives_up_naming_what_and_quiet_success_is_silent() {
    let silent = SilentServer::start();
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    // Connect and reply timeouts of 30 s each: only --max-wait can end this within the
    // command's 20 s limit.
    let out = redkit(dir.path())
        .args([
            "-u",
            &format!("redis://127.0.0.1:{}", silent.port),
            "--connect-timeout",
            "30s",
            "--timeout",
            "30s",
            "wait",
            "--max-wait",
            "1s",
        ])
        .env("DATABASE_URL", "sqlite:///nonexistent/dir/app.db")
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.contains(&format!("redis 127.0.0.1:{}", silent.port)),
        "{err}"
    );
    assert!(
        last.contains("database sqlite:///nonexistent/dir/app.db"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());

    let out = redkit(dir.path())
        .args(["-q", "-u", &s.url(), "wait"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");

    // --database without a database is a usage error.
    let out = redkit(dir.path())
        .args(["wait", "--database"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("DATABASE_URL"), "{}", stderr(&out));
}

#[test]
fn through_sentinel_the_named_master_must_answer_as_master() {
    use crate::support::Sentinel;
    let master = RedisServer::start();
    let sentinel = Sentinel::start(master.port, "mymaster");
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path())
        .args(["--sentinel", &sentinel.addr(), "--master-name", "mymaster"])
        .args(["wait", "--max-wait", "10s", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["dependencies"][0]["ready"], true);

    // A name the Sentinel does not know is never ready, and the line says so.
    let out = redkit(dir.path())
        .args(["--sentinel", &sentinel.addr(), "--master-name", "other"])
        .args(["wait", "--max-wait", "1s", "--interval", "200ms"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.lines().last().unwrap().contains("'other'"), "{err}");
}

#[test]
fn wait_never_prints_a_secret() {
    use crate::support::{LEAK_SECRET, free_port};
    let s = RedisServer::builder().password(LEAK_SECRET).start();
    let dir = tempfile::tempdir().unwrap();
    let db = format!("mysql://app:{LEAK_SECRET}@127.0.0.1:{}/app", free_port());
    for format in ["table", "json"] {
        for pw in [format!("{LEAK_SECRET}x"), String::new()] {
            let out = redkit(dir.path())
                .args([
                    "-u",
                    &s.url(),
                    "wait",
                    "--max-wait",
                    "1s",
                    "--format",
                    format,
                ])
                .env("REDIS_PASSWORD", &pw)
                .env("DATABASE_URL", &db)
                .output()
                .unwrap();
            let all = format!("{}{}", stdout(&out), stderr(&out));
            assert_eq!(out.status.code(), Some(3), "{all}");
            assert!(!all.contains(LEAK_SECRET), "{all}");
            assert!(all.contains("mysql://app:****@"), "{all}");
        }
    }
    let out = redkit(dir.path())
        .args(["-u", &s.url(), "wait", "--redis", "--max-wait", "1s"])
        .env("REDIS_PASSWORD", format!("{LEAK_SECRET}x"))
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("authentication failed (wrong password or user)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn waits_for_a_postgres_database_created_late() {
    use crate::support::db::{Kind, TestDb};
    let db = TestDb::new(Kind::Postgres);
    // A database of the same server that does not exist yet: the server answers, the
    // application's database is not there.
    let name = format!("late_{}", std::process::id());
    let (base, _) = db.url.rsplit_once('/').unwrap();
    let url = format!("{base}/{name}");
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_redkit"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DATABASE_URL", &url)
        .current_dir(dir.path())
        .args(["wait", "--database", "--interval", "200ms"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "ready before the database existed"
    );
    db.exec(&[&format!("CREATE DATABASE {name}")]);
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    db.exec(&[&format!("DROP DATABASE {name}")]);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&name) && err.contains("does not exist"),
        "{err}"
    );
    assert!(!err.contains("redkit-test-pw") && !stdout(&out).contains("redkit-test-pw"));
}

/// What was ready stays ready: with Redis down and a healthy SQLite file, the deadline line
/// names Redis only, run after run (the last round used to probe the database again with the
/// ~1 ms left and call it not ready).
#[test]
fn a_ready_dependency_stays_ready_at_the_deadline() {
    use crate::support::db::{Kind, TestDb};
    let db = TestDb::new(Kind::Sqlite);
    let down = crate::support::free_port();
    let dir = tempfile::tempdir().unwrap();
    let runs: Vec<_> = (0..10)
        .map(|i| {
            let interval = ["1s", "300ms", "450ms"][i % 3];
            let mut c = redkit(dir.path());
            c.args([
                "-u",
                &format!("redis://127.0.0.1:{down}"),
                "wait",
                "--max-wait",
                "1s",
                "--interval",
                interval,
                "--format",
                "json",
            ])
            .env("DATABASE_URL", &db.url);
            std::thread::spawn(move || c.output().unwrap())
        })
        .collect();
    for r in runs {
        let out = r.join().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{err}");
        let last = err.lines().last().unwrap_or_default();
        assert!(last.contains(&format!("redis 127.0.0.1:{down}")), "{err}");
        assert!(
            !last.contains("database"),
            "the ready database is named: {err}"
        );
        let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let deps = doc["dependencies"].as_array().unwrap();
        let database = deps.iter().find(|d| d["kind"] == "database").unwrap();
        assert_eq!(database["ready"], true, "{doc}");
        assert!(database["ready_after_s"].is_number(), "{doc}");
        assert!(database["reason"].is_null(), "{doc}");
        let redis = deps.iter().find(|d| d["kind"] == "redis").unwrap();
        assert_eq!(redis["ready"], false, "{doc}");
        assert_eq!(redis["definitive"], false, "{doc}");
    }
}

/// A no from a server (a wrong password, NOPERM, PostgreSQL's wrong password) ends the wait at
/// once, naming it; only "not there yet" is waited for.
#[test]
fn an_answer_that_says_no_ends_the_wait_at_once() {
    use crate::support::db::{Kind, TestDb};
    let s = RedisServer::builder().password("right-pw-123").start();
    s.cli(&[
        "ACL",
        "SETUSER",
        "noping",
        "on",
        ">np-pw-123",
        "-@all",
        "+get",
    ]);
    let pg = TestDb::new(Kind::Postgres);
    let good = pg.url_with_password("pg-right-pw");
    let wrong_pg = good.replace("pg-right-pw", "pg-wrong-pw");
    let maria = TestDb::new(Kind::Mariadb);
    let dir = tempfile::tempdir().unwrap();
    // Global flags, environment, and what the deadline line must name.
    type Case<'a> = (Vec<String>, Vec<(&'a str, String)>, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![
                "-u".into(),
                format!("redis://:wrong-pw@127.0.0.1:{}", s.port),
            ],
            vec![],
            "authentication failed",
        ),
        (
            vec!["-u".into(), format!("redis://127.0.0.1:{}", s.port)],
            vec![("REDIS_PASSWORD", "wrong-pw".into())],
            "authentication failed",
        ),
        (
            vec![
                "-u".into(),
                format!("redis://noping:np-pw-123@127.0.0.1:{}", s.port),
            ],
            vec![],
            "NOPERM",
        ),
        (
            vec![],
            vec![("DATABASE_URL", wrong_pg.clone())],
            "authentication failed",
        ),
        (
            vec![],
            vec![(
                "DATABASE_URL",
                maria
                    .url_with_password("maria-right-pw")
                    .replace("maria-right-pw", "maria-wrong-pw"),
            )],
            "authentication failed",
        ),
        // A URL option no server can change.
        (
            vec![],
            vec![("DATABASE_URL", format!("{good}?sslmode=bogus"))],
            "bogus",
        ),
    ];
    for (args, env, want) in cases {
        let mut c = redkit(dir.path());
        c.args(&args)
            .args(["wait", "--max-wait", "12s", "--interval", "200ms"]);
        if args.is_empty() {
            c.arg("--database");
        }
        for (k, v) in &env {
            c.env(k, v);
        }
        let started = std::time::Instant::now();
        let out = c.output().unwrap();
        let took = started.elapsed();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {err}");
        assert!(
            took < Duration::from_secs(5),
            "{args:?} waited {took:?}: {err}"
        );
        let last = err.lines().last().unwrap_or_default();
        assert!(last.contains(want), "{args:?}: {err}");
        assert!(last.contains("not retried"), "{args:?}: {err}");
        assert!(
            !err.contains("wrong-pw") && !err.contains("np-pw-123"),
            "{err}"
        );
    }
    // The right password is ready at once.
    let out = redkit(dir.path())
        .args(["wait", "--database", "--max-wait", "5s"])
        .env("DATABASE_URL", &good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// The JSON report keeps every documented key, ready or not.
#[test]
fn json_report_keeps_every_documented_key() {
    let s = RedisServer::start();
    let down = crate::support::free_port();
    let dir = tempfile::tempdir().unwrap();
    for (url, code) in [(s.url(), 0), (format!("redis://127.0.0.1:{down}"), 3)] {
        let out = redkit(dir.path())
            .args(["-u", &url, "wait", "--max-wait", "0", "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{}", stderr(&out));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        crate::support::assert_keys(
            &doc,
            &["ready", "waited_s", "attempts", "dependencies"],
            "report",
        );
        for d in doc["dependencies"].as_array().unwrap() {
            crate::support::assert_keys(
                d,
                &[
                    "kind",
                    "target",
                    "ready",
                    "ready_after_s",
                    "reason",
                    "definitive",
                ],
                "report",
            );
        }
    }
}

/// Silence is no answer: a database that was ready and then stops answering (a stalled proxy)
/// stays ready; the deadline names only Redis, which never was.
#[test]
fn a_ready_dependency_that_goes_silent_stays_ready() {
    use crate::support::db::{Kind, StallingProxy, TestDb};
    let pg = TestDb::new(Kind::Postgres);
    let port: u16 = url::Url::parse(&pg.url).unwrap().port().unwrap();
    let proxy = StallingProxy::start(port);
    let down = crate::support::free_port();
    let dir = tempfile::tempdir().unwrap();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_redkit"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DATABASE_URL", proxy.url_for(&pg.url))
        .current_dir(dir.path())
        .args([
            "-u",
            &format!("redis://127.0.0.1:{down}"),
            "--connect-timeout",
            "300ms",
            "--timeout",
            "300ms",
            "wait",
            "--max-wait",
            "4s",
            "--interval",
            "200ms",
            "--format",
            "json",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    proxy.stall(true);
    let out = child.wait_with_output().unwrap();
    proxy.stall(false);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    let last = err.lines().last().unwrap_or_default();
    assert!(last.contains(&format!("redis 127.0.0.1:{down}")), "{err}");
    assert!(!last.contains("database"), "{err}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let db = doc["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "database")
        .unwrap();
    assert_eq!(db["ready"], true, "{doc}");
}

/// A PostgreSQL that answers "the database system is starting up" (SQLSTATE 57P03) is not
/// there yet: waited for until --max-wait, never taken for a final no. A fake server speaks
/// just enough of the protocol to say so.
#[test]
fn a_postgres_starting_up_is_waited_for() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut conn in listener.incoming().flatten() {
            let mut len = [0u8; 4];
            if conn.read_exact(&mut len).is_err() {
                continue;
            }
            let n = u32::from_be_bytes(len) as usize;
            let mut startup = vec![0u8; n.saturating_sub(4)];
            if conn.read_exact(&mut startup).is_err() {
                continue;
            }
            let mut fields = Vec::new();
            for (code, text) in [
                (b'S', "FATAL"),
                (b'V', "FATAL"),
                (b'C', "57P03"),
                (b'M', "the database system is starting up"),
            ] {
                fields.push(code);
                fields.extend_from_slice(text.as_bytes());
                fields.push(0);
            }
            fields.push(0);
            let mut msg = vec![b'E'];
            msg.extend_from_slice(&(fields.len() as u32 + 4).to_be_bytes());
            msg.extend_from_slice(&fields);
            let _ = conn.write_all(&msg);
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let out = redkit(dir.path())
        .args([
            "wait",
            "--database",
            "--max-wait",
            "2s",
            "--interval",
            "200ms",
        ])
        .env(
            "DATABASE_URL",
            format!("postgres://app:pw@127.0.0.1:{port}/app?sslmode=disable"),
        )
        .output()
        .unwrap();
    let took = started.elapsed();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        took >= Duration::from_millis(1900),
        "gave up after {took:?}: {err}"
    );
    let last = err.lines().last().unwrap_or_default();
    assert!(last.contains("starting up"), "{err}");
    assert!(!last.contains("not retried"), "{err}");
}

/// Each dependency's `ready_after_s` is the instant its own probe answered, not the end of a
/// round held up by a silent one: with a Redis that accepts connections but never answers, a
/// SQLite file already there is ready in milliseconds (it was given the whole --max-wait), and
/// one created after 600 ms is ready soon after it appears; the other way round, a real Redis
/// is ready at once beside a silent database.
#[test]
fn each_dependency_records_its_own_ready_time() {
    let silent = SilentServer::start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.db");
    std::fs::write(&file, b"").unwrap();
    let late = dir.path().join("late.db");
    let ready_after = |out: &std::process::Output, kind: &str| -> Value {
        let doc: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(out), stderr(out)));
        doc["dependencies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["kind"] == kind)
            .unwrap_or_else(|| panic!("{kind} not in {doc}"))
            .clone()
    };
    let args = |redis: String| {
        vec![
            "-u".to_string(),
            redis,
            "wait".into(),
            "--max-wait".into(),
            "2s".into(),
            "--interval".into(),
            "100ms".into(),
            "--redis".into(),
            "--database".into(),
            "--format".into(),
            "json".into(),
        ]
    };
    let silent_url = format!("redis://127.0.0.1:{}", silent.port);

    // The file is there: ready in milliseconds, Redis still not ready at the deadline.
    let out = redkit(dir.path())
        .args(args(silent_url.clone()))
        .env("DATABASE_URL", format!("sqlite://{}", file.display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let db = ready_after(&out, "database");
    assert_eq!(db["ready"], true, "{db}");
    let t = db["ready_after_s"].as_f64().unwrap();
    assert!(
        t < 0.5,
        "the database answered at once, reported after {t} s: {db}"
    );
    assert_eq!(ready_after(&out, "redis")["ready"], false);

    // The file appears after 600 ms: ready soon after, not at the deadline.
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_redkit"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DATABASE_URL", format!("sqlite://{}", late.display()))
        .current_dir(dir.path())
        .args(args(silent_url.clone()))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(600));
    std::fs::write(&late, b"").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let db = ready_after(&out, "database");
    assert_eq!(db["ready"], true, "{db}");
    let t = db["ready_after_s"].as_f64().unwrap();
    assert!(
        (0.55..1.5).contains(&t),
        "file made at 0.6 s, ready after {t} s: {db}"
    );

    // A real Redis beside a database that accepts connections and never answers.
    let s = RedisServer::start();
    let out = redkit(dir.path())
        .args(args(format!("redis://127.0.0.1:{}", s.port)))
        .env(
            "DATABASE_URL",
            format!("mysql://app@127.0.0.1:{}/app", silent.port),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let redis = ready_after(&out, "redis");
    assert_eq!(redis["ready"], true, "{redis}");
    let t = redis["ready_after_s"].as_f64().unwrap();
    assert!(
        t < 0.5,
        "Redis answered at once, reported after {t} s: {redis}"
    );
    assert_eq!(ready_after(&out, "database")["ready"], false);
}
