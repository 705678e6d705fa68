//! `redkit migrate recipients` against real SQLite files, a real MariaDB and a real
//! PostgreSQL server: exact rows, idempotent re-runs, resume after Ctrl-C and SIGKILL,
//! verification, rollback, dry runs, refused schemas, bad URLs and secrets.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::db::{Kind, TestDb};
use crate::support::{LEAK_SECRET, free_port, redkit, stderr, stdout};

/// The receiver of message `i`: NULL, 0 and negative receivers are sprinkled in.
fn receiver(i: i64) -> Option<i64> {
    if i % 97 == 0 {
        None
    } else if i % 89 == 0 {
        Some(0)
    } else if i % 83 == 0 {
        Some(-5)
    } else {
        Some(i % 50 + 1)
    }
}

fn is_read(i: i64) -> i64 {
    i64::from(i % 3 == 0)
}

/// Creates `messages` with `n` rows (ids 1..=n).
fn seed(db: &TestDb, n: i64) {
    db.exec(&[db.messages_ddl()]);
    let mut stmts = Vec::new();
    for start in (1..=n).step_by(500) {
        let values: Vec<String> = (start..=(start + 499).min(n))
            .map(|i| {
                let r = receiver(i).map_or("NULL".to_string(), |r| r.to_string());
                format!(
                    "({i}, 1, {r}, '会议 {i}', 'text', {}, '2025-10-{:02} 10:{:02}:00')",
                    is_read(i),
                    i % 28 + 1,
                    i % 60
                )
            })
            .collect();
        stmts.push(format!(
            "INSERT INTO messages (id, sender_id, receiver_id, title, content, is_read, created_at) VALUES {}",
            values.join(", ")
        ));
    }
    let refs: Vec<&str> = stmts.iter().map(String::as_str).collect();
    db.exec(&refs);
    if db.kind == Kind::Postgres {
        db.exec(&["SELECT setval('messages_id_seq', (SELECT MAX(id) FROM messages))"]);
    }
}

/// The rows a correct migration of `seed(n)` holds: (message_id, recipient_id, is_read).
fn expected(n: i64) -> Vec<Vec<i64>> {
    (1..=n)
        .filter_map(|i| {
            receiver(i)
                .filter(|r| *r > 0)
                .map(|r| vec![i, r, is_read(i)])
        })
        .collect()
}

fn recipient_rows(db: &TestDb) -> Vec<Vec<i64>> {
    db.ints(&format!(
        "SELECT {}, {}, {} FROM message_recipients ORDER BY message_id, recipient_id",
        db.int("message_id"),
        db.int("recipient_id"),
        db.int("is_read")
    ))
}

/// Runs `redkit migrate recipients ARGS --format json` and returns (exit code, JSON, stderr).
fn migrate(db: &TestDb, args: &[&str]) -> (i32, Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path())
        .args([
            "migrate",
            "recipients",
            "--database-url",
            &db.url,
            "--format",
            "json",
            "--create-table",
        ])
        .args(args)
        .output()
        .unwrap();
    let text = stdout(&out);
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json, stderr(&out))
}

fn migrates_exact_rows_and_reruns_change_nothing(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 600);
    let want = expected(600);
    let (code, j, err) = migrate(&db, &["--yes", "--batch-size", "100"]);
    assert_eq!(code, 0, "{err}\n{j}");
    assert_eq!(j["migrated"], want.len() as i64, "{j}");
    assert_eq!(j["verified"], true, "{j}");
    assert_eq!(j["created_table"], true);
    let nulls = (1..=600).filter(|i| receiver(*i).is_none()).count() as i64;
    assert_eq!(j["reasons"]["receiver_null"], nulls);
    assert_eq!(
        j["skipped"],
        600 - want.len() as i64,
        "every row is migrated or skipped with a reason: {j}"
    );
    assert_eq!(recipient_rows(&db), want);
    // created_at comes from the message, read_at stays NULL.
    assert_eq!(
        db.int_of(&format!(
            "SELECT {} FROM message_recipients r JOIN messages m ON m.id = r.message_id \
             WHERE r.created_at <> m.created_at OR r.read_at IS NOT NULL",
            db.int("COUNT(*)")
        )),
        0
    );
    let ids_before = db.ints(&format!(
        "SELECT {} FROM message_recipients ORDER BY id",
        db.int("id")
    ));

    let (code, j, err) = migrate(&db, &["--yes"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["migrated"], 0, "{j}");
    assert_eq!(j["already_migrated"], want.len() as i64);
    assert_eq!(j["verified"], true);
    assert_eq!(recipient_rows(&db), want);
    let ids_after = db.ints(&format!(
        "SELECT {} FROM message_recipients ORDER BY id",
        db.int("id")
    ));
    assert_eq!(
        ids_before, ids_after,
        "a re-run must not touch existing rows"
    );
}

/// Polls the state table until the copy run has copied at least `rows` rows.
fn wait_for_progress(db: &TestDb, rows: i64, child: &mut std::process::Child) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be interrupted"
        );
        if db.has_table("redkit_migrations") {
            let got = db.ints(&format!(
                "SELECT {} FROM redkit_migrations WHERE kind = 'copy'",
                db.int("COALESCE(MAX(rows_copied), 0)")
            ));
            if got.first().and_then(|r| r.first()).copied().unwrap_or(0) >= rows {
                return;
            }
        }
        assert!(Instant::now() < deadline, "no progress within 60 s");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// After a run died, the state table counts exactly the rows that are there: each chunk and
/// its checkpoint commit together, nothing is half-applied.
fn assert_checkpoint_holds(db: &TestDb) {
    let copied = db.int_of(&format!(
        "SELECT {} FROM redkit_migrations WHERE kind = 'copy'",
        db.int("MAX(rows_copied)")
    ));
    let rows = db.int_of(&format!(
        "SELECT {} FROM message_recipients",
        db.int("COUNT(*)")
    ));
    assert_eq!(rows, copied, "the checkpoint commits with its chunk");
}

fn slow_run(db: &TestDb) -> std::process::Child {
    slow_run_at(&db.url)
}

fn slow_run_at(url: &str) -> std::process::Child {
    let dir = std::env::temp_dir();
    Command::new(env!("CARGO_BIN_EXE_redkit"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .current_dir(dir)
        .args([
            "migrate",
            "recipients",
            "--database-url",
            url,
            "--format",
            "json",
            "--yes",
            "--create-table",
            "--batch-size",
            "20",
            "--chunk-time",
            "0",
            "--sleep",
            "25ms",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn signal(child: &std::process::Child, sig: &str) {
    let ok = Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(child.id().to_string())
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{sig}");
}

fn resumes_after_ctrl_c_and_sigkill(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 2000);
    let want = expected(2000);

    // Ctrl-C: the chunk in flight finishes, the report says what was done, exit 130.
    let mut child = slow_run(&db);
    wait_for_progress(&db, 100, &mut child);
    signal(&child, "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    let j: Value = serde_json::from_str(&stdout(&out)).expect("a report after Ctrl-C");
    assert_eq!(j["interrupted"], true);
    let first = j["migrated"].as_i64().unwrap();
    assert!(first >= 100 && first < want.len() as i64, "{j}");
    assert_eq!(
        db.int_of(&format!(
            "SELECT {} FROM message_recipients",
            db.int("COUNT(*)")
        )),
        first,
        "the report counts exactly the committed rows"
    );

    // SIGKILL in the middle of the resumed run: nothing half-applied, the checkpoint holds.
    let mut child = slow_run(&db);
    wait_for_progress(&db, first + 100, &mut child);
    signal(&child, "KILL");
    let _ = child.wait();
    assert_checkpoint_holds(&db);

    let (code, j, err) = migrate(&db, &["--yes"]);
    assert_eq!(code, 0, "{err}");
    assert!(j["resumed_from"].as_i64().unwrap() > 0, "{j}");
    assert_eq!(j["verified"], true);
    assert_eq!(
        recipient_rows(&db),
        want,
        "same table as an uninterrupted run"
    );
    assert_eq!(
        db.int_of(&format!(
            "SELECT {} FROM redkit_migrations WHERE kind = 'copy' AND status = 'done'",
            db.int("COUNT(*)")
        )),
        1,
        "one run, resumed twice, then done"
    );
}

fn catches_up_rows_written_during_the_run(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 1000);
    let mut child = slow_run(&db);
    wait_for_progress(&db, 60, &mut child);
    // The application writes above the starting high-water mark while the copy runs.
    db.exec(&[
        "INSERT INTO messages (id, sender_id, receiver_id, title, content, is_read, created_at) \
         VALUES (1500, 1, 7, 'late', 'x', 1, '2025-11-01 09:00:00'), \
         (1501, 1, NULL, 'late', 'x', 0, '2025-11-01 09:00:00'), \
         (1502, 1, 8, 'late', 'x', 0, '2025-11-01 09:00:00')",
    ]);
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run ended before the application wrote"
    );
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let j: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(j["caught_up"], 2, "{j}");
    assert_eq!(j["verified"], true);
    let mut want = expected(1000);
    want.push(vec![1500, 7, 1]);
    want.push(vec![1502, 8, 0]);
    assert_eq!(recipient_rows(&db), want);
}

fn verify_detects_mismatches(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 300);
    assert_eq!(migrate(&db, &["--yes"]).0, 0);
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!((code, &j["verified"]), (0, &Value::Bool(true)), "{j}");

    db.exec(&["DELETE FROM message_recipients WHERE message_id = 10"]);
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!(code, 1, "{j}");
    assert_eq!(j["verified"], false);
    assert_eq!(j["verification"]["missing"], 1);
    assert_eq!(j["verification"]["first_missing"], serde_json::json!([10]));

    // Repair by a re-run. After the cut-over the application reads message 11 on the new
    // table only: not a mismatch, counted apart.
    assert_eq!(migrate(&db, &["--yes"]).0, 0);
    assert_eq!((is_read(11), is_read(12)), (0, 1));
    db.exec(&["UPDATE message_recipients SET is_read = 1 WHERE message_id = 11"]);
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!(code, 0, "{j}");
    assert_eq!(j["verification"]["read_after_migration"], 1, "{j}");
    assert_eq!(j["verification"]["is_read_mismatch"], 0);
    // A read lost on the new table (read in messages, unread in its row) is a mismatch.
    db.exec(&["UPDATE message_recipients SET is_read = 0 WHERE message_id = 12"]);
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!(code, 1, "{j}");
    assert_eq!(j["verification"]["is_read_mismatch"], 1);
    assert_eq!(
        j["verification"]["first_is_read_mismatch"],
        serde_json::json!([12])
    );
    // The table names what the ids are.
    let out = redkit(tempfile::tempdir().unwrap().path())
        .args([
            "migrate",
            "recipients",
            "--verify",
            "--database-url",
            &db.url,
        ])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("1 (message id 12)"),
        "{}",
        stdout(&out)
    );
}

fn rollback_restores_and_keeps_reads(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 300);
    let (_, j, _) = migrate(&db, &["--yes"]);
    let migrated = j["migrated"].as_i64().unwrap();
    // After the migration: the application reads message 1 on the new table (is_read was 0)
    // and adds a second recipient to message 2.
    assert_eq!(is_read(1), 0);
    db.exec(&[
        "UPDATE message_recipients SET is_read = 1 WHERE message_id = 1",
        "INSERT INTO message_recipients (message_id, recipient_id, is_read) VALUES (2, 9999, 0)",
    ]);

    let (code, _, err) = migrate(&db, &["--rollback"]);
    assert_eq!(code, 2, "no --yes and no terminal: refuse: {err}");
    assert!(err.contains("--yes"), "{err}");

    let (code, j, err) = migrate(&db, &["--rollback", "--yes"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["rolled_back"], migrated, "{j}");
    assert_eq!(j["read_state_restored"], 1);
    assert_eq!(recipient_rows(&db), vec![vec![2, 9999, 0]]);
    assert_eq!(
        db.int_of(&format!(
            "SELECT {} FROM messages WHERE id = 1",
            db.int("is_read")
        )),
        1,
        "the read done on the new table survives the rollback"
    );
    assert_eq!(
        db.int_of(&format!(
            "SELECT {} FROM redkit_migrations WHERE kind = 'copy' AND status <> 'rolled_back'",
            db.int("COUNT(*)")
        )),
        0
    );
}

fn dry_run_changes_nothing(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 120);
    let (code, j, err) = migrate(&db, &["--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["dry_run"], true);
    assert_eq!(j["migrated"], 0);
    assert_eq!(j["plan"]["rows_to_copy"], expected(120).len() as i64);
    let stmts = j["plan"]["statements"].to_string();
    assert!(stmts.contains("NOT EXISTS"), "{stmts}");
    assert!(stmts.contains("CREATE TABLE"), "{stmts}");
    assert!(!db.has_table("message_recipients"));
    assert!(!db.has_table("redkit_migrations"));
}

fn unfit_schema_is_refused(kind: Kind) {
    let db = TestDb::new(kind);
    db.exec(&[
        "CREATE TABLE messages (id BIGINT PRIMARY KEY, is_read SMALLINT, created_at TIMESTAMP)",
    ]);
    let (code, _, err) = migrate(&db, &["--yes"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("receiver_id"), "{err}");
    assert!(!db.has_table("message_recipients"));
}

fn no_output_carries_the_password(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 50);
    let url = db.url_with_password(LEAK_SECRET);
    let wrong = url.replace(LEAK_SECRET, &format!("{LEAK_SECRET}x"));
    let dir = tempfile::tempdir().unwrap();
    let runs: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--dry-run"], url.as_str()),
        (vec!["--yes", "--create-table"], url.as_str()),
        (vec!["--yes", "--format", "json"], url.as_str()),
        (vec!["--verify", "-v"], url.as_str()),
        (vec!["--yes", "--create-table"], wrong.as_str()),
    ];
    for (args, u) in runs {
        for via_env in [true, false] {
            let mut c = redkit(dir.path());
            c.args(["migrate", "recipients"]).args(&args);
            if via_env {
                c.env("DATABASE_URL", u);
            } else {
                c.args(["--database-url", u]);
            }
            let out = c.output().unwrap();
            let text = format!("{}{}", stdout(&out), stderr(&out));
            assert!(
                !text.contains(LEAK_SECRET) && !text.contains(&LEAK_SECRET[4..20]),
                "{args:?} printed the password:\n{text}"
            );
            if u == wrong && kind != Kind::Sqlite {
                assert_eq!(out.status.code(), Some(3), "{text}");
            }
        }
    }
}

/// The database goes away in the middle of a run (its sessions killed, the login locked):
/// exit 3 with a clear message, nothing half-applied, and a later run finishes the job.
fn database_gone_mid_run(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 1000);
    let url = db.url_with_password("Gone-Test-Pw-1234");
    let mut child = slow_run_at(&url);
    wait_for_progress(&db, 60, &mut child);
    db.lock_login(true);
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("run again to resume"), "{err}");
    assert_checkpoint_holds(&db);
    db.lock_login(false);
    let (code, j, err) = migrate(&db, &["--yes"]);
    assert_eq!(code, 0, "{err}");
    assert!(j["resumed_from"].as_i64().unwrap() > 0, "{j}");
    assert_eq!(recipient_rows(&db), expected(1000));
}

#[test]
fn database_gone_mid_run_mariadb() {
    database_gone_mid_run(Kind::Mariadb);
}

#[test]
fn database_gone_mid_run_postgres() {
    database_gone_mid_run(Kind::Postgres);
}

macro_rules! on_every_database {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                use crate::support::db::Kind;
                #[test]
                fn sqlite() {
                    super::$name(Kind::Sqlite)
                }
                #[test]
                fn mariadb() {
                    super::$name(Kind::Mariadb)
                }
                #[test]
                fn postgres() {
                    super::$name(Kind::Postgres)
                }
            }
        )*
    };
}

on_every_database!(
    migrates_exact_rows_and_reruns_change_nothing,
    resumes_after_ctrl_c_and_sigkill,
    catches_up_rows_written_during_the_run,
    verify_detects_mismatches,
    rollback_restores_and_keeps_reads,
    dry_run_changes_nothing,
    unfit_schema_is_refused,
    no_output_carries_the_password,
);

#[test]
fn bad_urls_exit_2_and_unreachable_databases_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let run = |url: &str| {
        let out = redkit(dir.path())
            .args(["migrate", "recipients", "--database-url", url, "--dry-run"])
            .output()
            .unwrap();
        let text = format!("{}{}", stdout(&out), stderr(&out));
        assert!(!text.contains(LEAK_SECRET), "{url}: {text}");
        (out.status.code(), text)
    };
    for bad in [
        format!("ftp://u:{LEAK_SECRET}@h/db"),
        format!("mysql://u:{LEAK_SECRET}@/db"),
        "postgres://127.0.0.1".to_string(),
        "not a url".to_string(),
    ] {
        let (code, text) = run(&bad);
        assert_eq!(code, Some(2), "{bad}: {text}");
        assert!(text.contains("--database-url"), "{text}");
    }
    // Refused in the words the Redis errors use, at once (not "pool timed out" after the
    // connect timeout), with the user shown and only the password masked.
    let port = free_port();
    for (unreachable, shown, words) in [
        (
            format!("mysql://u:{LEAK_SECRET}@127.0.0.1:{port}/db"),
            format!("mysql://u:****@127.0.0.1:{port}/db"),
            "connection refused",
        ),
        (
            format!("postgres://app@127.0.0.1:{port}/db"),
            format!("postgres://app@127.0.0.1:{port}/db"),
            "connection refused",
        ),
        (
            format!("sqlite://{}/missing.db", dir.path().display()),
            format!("sqlite://{}/missing.db", dir.path().display()),
            "cannot connect",
        ),
    ] {
        let (code, text) = run(&unreachable);
        assert_eq!(code, Some(3), "{unreachable}: {text}");
        assert!(text.contains(words), "{text}");
        assert!(text.contains(&shown), "{text}");
        assert!(!text.contains("pool timed out"), "{text}");
    }
    let out = redkit(dir.path())
        .args(["migrate", "recipients", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "no URL at all");
    assert!(stderr(&out).contains("DATABASE_URL"));
}

#[test]
fn names_come_from_the_config_and_are_checked() {
    let db = TestDb::new(Kind::Sqlite);
    db.exec(&[
        "CREATE TABLE msg (mid INTEGER PRIMARY KEY, to_user BIGINT, seen TINYINT(1), sent_at TIMESTAMP)",
        "INSERT INTO msg VALUES (1, 5, 1, '2025-10-01 10:00:00'), (2, NULL, 0, '2025-10-01 10:00:00')",
    ]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("redkit.yaml"),
        format!(
            "migrate:\n  database_url: {}\n  messages: {{ table: msg, id: mid, receiver_id: to_user, is_read: seen, created_at: sent_at }}\n",
            db.url
        ),
    )
    .unwrap();
    let out = redkit(dir.path())
        .args(["migrate", "recipients", "--yes", "--format", "json"])
        .output()
        .unwrap();
    // The recipients table is missing: creating it needs the operator's say-so.
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--create-table"), "{}", stderr(&out));
    let out = redkit(dir.path())
        .args([
            "migrate",
            "recipients",
            "--yes",
            "--create-table",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let j: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(j["migrated"], 1);
    assert_eq!(j["verified"], true);

    std::fs::write(
        dir.path().join("redkit.yaml"),
        format!(
            "migrate:\n  database_url: {}\n  messages: {{ table: 'msg; DROP TABLE msg' }}\n",
            db.url
        ),
    )
    .unwrap();
    let out = redkit(dir.path())
        .args(["migrate", "recipients", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("migrate.messages.table"),
        "{}",
        stderr(&out)
    );
}
