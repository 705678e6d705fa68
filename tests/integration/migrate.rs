//! `redkit migrate recipients` against real SQLite files, a real MariaDB and a real
//! PostgreSQL server: exact rows, idempotent re-runs, resume after Ctrl-C and SIGKILL,
//! verification, rollback, dry runs, refused schemas, bad URLs and secrets.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::db::{Kind, ReplicaPair, StallingProxy, TestDb};
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
/// Runs `migrate recipients` on `db`. A run killed just before may leave its session (and so
/// the run lock) alive until the server notices; such a refusal (exit 3, nothing changed) is
/// retried for a while, as an operator would.
fn migrate(db: &TestDb, args: &[&str]) -> (i32, Value, String) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (code, json, err) = migrate_once(db, args);
        if code == 3 && err.contains("holds the migration lock") && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(200));
            continue;
        }
        return (code, json, err);
    }
}

fn migrate_once(db: &TestDb, args: &[&str]) -> (i32, Value, String) {
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

/// Polls the state table until the copy run has copied at least `rows` rows. A run that
/// starts while a killed run's session still holds the run lock (the server has not yet seen
/// that client go) ends at once saying so; it is started again with `respawn`.
fn wait_for_progress(
    db: &TestDb,
    rows: i64,
    child: &mut std::process::Child,
    respawn: impl Fn() -> std::process::Child,
) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if child.try_wait().unwrap().is_some() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                std::io::Read::read_to_string(&mut e, &mut err).ok();
            }
            assert!(
                err.contains("holds the migration lock") && Instant::now() < deadline,
                "the run ended before it could be interrupted: {err}"
            );
            std::thread::sleep(Duration::from_millis(200));
            *child = respawn();
            continue;
        }
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
    slow_run_with(url, &[])
}

/// A slow copy (chunks of 20 ids, 25 ms apart) with extra arguments.
fn slow_run_with(url: &str, extra: &[&str]) -> std::process::Child {
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
        .args(extra)
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
    wait_for_progress(&db, 100, &mut child, || slow_run(&db));
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
    wait_for_progress(&db, first + 100, &mut child, || slow_run(&db));
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
    wait_for_progress(&db, 60, &mut child, || slow_run(&db));
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
    // Mirror images are settled by the checksums of both tables where the server can hash.
    let quick = match kind {
        Kind::Sqlite => "row_join",
        Kind::Mariadb | Kind::Postgres => "checksums",
    };
    assert_eq!(j["verification"]["method"], quick, "{j}");

    db.exec(&["DELETE FROM message_recipients WHERE message_id = 10"]);
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!(code, 1, "{j}");
    assert_eq!(j["verified"], false);
    assert_eq!(j["verification"]["missing"], 1);
    assert_eq!(j["verification"]["first_missing"], serde_json::json!([10]));
    assert_eq!(j["verification"]["method"], "row_join", "{j}");

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
    // A recipient row whose message does not exist (written past the foreign key) is an
    // orphan; another recipient of an existing message is not.
    let past_fk = match kind {
        Kind::Sqlite => "PRAGMA foreign_keys = OFF",
        Kind::Mariadb => "SET foreign_key_checks = 0",
        Kind::Postgres => {
            "ALTER TABLE message_recipients DROP CONSTRAINT IF EXISTS fk_message_recipients_message"
        }
    };
    db.exec(&[
        past_fk,
        "INSERT INTO message_recipients (message_id, recipient_id, is_read) VALUES (999999, 5, 0)",
        "INSERT INTO message_recipients (message_id, recipient_id, is_read) VALUES (3, 4242, 0)",
    ]);
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!(code, 1, "{j}");
    assert_eq!(j["verification"]["orphans"], 1, "{j}");
    assert_eq!(
        j["verification"]["first_orphans"],
        serde_json::json!([999999])
    );
    assert_eq!(j["verification"]["is_read_mismatch"], 1, "{j}");
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

/// Errors that leave every count and plain sum equal: two messages' recipients swapped, and
/// two read states swapped (one read lost, one read after the migration). The checksums
/// must see them and leave the naming to the row join.
fn verify_sees_swaps_that_keep_the_sums(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 300);
    assert_eq!(migrate(&db, &["--yes"]).0, 0);
    assert_eq!(
        (receiver(20), receiver(21), is_read(30), is_read(31)),
        (Some(21), Some(22), 1, 0)
    );
    db.exec(&[
        "UPDATE message_recipients SET recipient_id = 22 WHERE message_id = 20",
        "UPDATE message_recipients SET recipient_id = 21 WHERE message_id = 21",
        "UPDATE message_recipients SET is_read = 0 WHERE message_id = 30",
        "UPDATE message_recipients SET is_read = 1 WHERE message_id = 31",
    ]);
    let (code, j, err) = migrate(&db, &["--verify"]);
    assert_eq!(code, 1, "{j} {err}");
    let v = &j["verification"];
    assert_eq!(v["method"], "row_join", "{j}");
    assert_eq!(v["missing"], 2, "{j}");
    assert_eq!(v["first_missing"], serde_json::json!([20, 21]), "{j}");
    assert_eq!(v["is_read_mismatch"], 1, "{j}");
    assert_eq!(v["first_is_read_mismatch"], serde_json::json!([30]), "{j}");
    assert_eq!(v["read_after_migration"], 1, "{j}");
    assert_eq!(v["orphans"], 0, "{j}");
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
    // The table would be this run's own: its copy skips the anti-join, as the real run does.
    assert!(!stmts.contains("AND NOT EXISTS"), "{stmts}");
    assert!(stmts.contains("CREATE TABLE"), "{stmts}");
    assert!(!db.has_table("message_recipients"));
    assert!(!db.has_table("redkit_migrations"));
    // A table holding rows already gets the anti-join.
    assert_eq!(migrate(&db, &["--yes", "--max-rows", "10"]).0, 0);
    let (code, j, err) = migrate(&db, &["--dry-run"]);
    assert_eq!(code, 0, "{err}");
    let stmts = j["plan"]["statements"].to_string();
    assert!(stmts.contains("AND NOT EXISTS"), "{stmts}");
    assert_eq!(j["plan"]["create_table"], false, "{j}");
    db.exec(&[
        "DROP TABLE message_recipients",
        "DROP TABLE redkit_migrations_chunks",
        "DROP TABLE redkit_migrations",
    ]);
    // Without --create-table the plan says the real run needs it; counts read right.
    let out = redkit(tempfile::tempdir().unwrap().path())
        .args([
            "migrate",
            "recipients",
            "--dry-run",
            "--database-url",
            &db.url,
        ])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(text.contains("needs --create-table"), "{text}");
    assert!(
        text.contains(&format!("copies {} rows", expected(120).len())),
        "{text}"
    );
    assert!(text.contains("builds "), "{text}");
}

/// --max-load is checked before anything is written: SQLite has no load, names must be
/// plain identifiers, the limit a positive number.
#[test]
fn max_load_usage_errors() {
    let db = TestDb::new(Kind::Sqlite);
    seed(&db, 10);
    for (args, says) in [
        (vec!["--max-load", "Threads_running=5"], "SQLite"),
        (vec!["--max-load", "x';drop=1"], "--max-load"),
        (vec!["--max-load", "Threads_running=0"], "--max-load"),
    ] {
        let (code, _, err) = migrate(&db, &[&["--yes"][..], &args[..]].concat());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert!(!db.has_table("message_recipients"));
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
                assert!(text.contains("authentication failed"), "{text}");
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
    wait_for_progress(&db, 60, &mut child, || slow_run_at(&url));
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

/// Waits for a child, at most `limit`: a run that hangs or loops is killed and the test fails
/// (a guard against a hang, not a timing assertion).
fn bounded(mut child: std::process::Child, limit: Duration) -> std::process::Output {
    let deadline = Instant::now() + limit;
    // Drain the pipes meanwhile, so a chatty child cannot block on a full one.
    let out = child.stdout.take();
    let err = child.stderr.take();
    let o = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(mut out) = out {
            std::io::Read::read_to_end(&mut out, &mut v).ok();
        }
        v
    });
    let e = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(mut err) = err {
            std::io::Read::read_to_end(&mut err, &mut v).ok();
        }
        v
    });
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            let text = String::from_utf8_lossy(&e.join().unwrap()).into_owned();
            panic!("redkit did not end within {limit:?} (hung or looping):\n{text}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    std::process::Output {
        status,
        stdout: o.join().unwrap(),
        stderr: e.join().unwrap(),
    }
}

/// `redkit migrate recipients ARGS --format json` against `url`, bounded in time.
fn migrate_bounded(url: &str, args: &[&str]) -> (i32, Value, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_redkit"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .current_dir(std::env::temp_dir())
        .args([
            "migrate",
            "recipients",
            "--database-url",
            url,
            "--format",
            "json",
        ])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = bounded(child, Duration::from_secs(120));
    let json = serde_json::from_str(&stdout(&out)).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json, stderr(&out))
}

/// Ids at both ends of BIGINT, zero and negative ones, with chunks of three ids: every row
/// is copied, the walk ends (no wrap-around past i64::MAX), the dry run's estimate is sane,
/// and a rollback removes them all again.
fn extreme_ids_are_copied_and_the_walk_ends(kind: Kind) {
    let db = TestDb::new(kind);
    db.exec(&[db.messages_ddl()]);
    let ids = [
        i64::MIN,
        i64::MIN + 1,
        -7,
        -1,
        0,
        1,
        2,
        1000,
        i64::MAX - 2,
        i64::MAX - 1,
        i64::MAX,
    ];
    let mut want = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        let n = n as i64;
        // i64::MIN has no literal of its own in SQL: write it as an expression.
        let lit = if *id == i64::MIN {
            format!("({} - 1)", i64::MIN + 1)
        } else {
            id.to_string()
        };
        // MariaDB reads an id of 0 as "the next one" unless told otherwise, as an
        // application with such ids has it.
        let keep_zero = match kind {
            Kind::Mariadb => "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')",
            Kind::Sqlite | Kind::Postgres => "SELECT 1",
        };
        db.exec(&[keep_zero, &format!(
            "INSERT INTO messages (id, sender_id, receiver_id, title, content, is_read, created_at) \
             VALUES ({lit}, 1, {}, 't', 'x', {}, '2025-10-01 10:00:00')",
            n + 5,
            n % 2
        )]);
        want.push(vec![*id, n + 5, n % 2]);
    }
    let (code, j, err) = migrate_bounded(&db.url, &["--dry-run", "--batch-size", "3"]);
    assert_eq!(code, 0, "{err}");
    let chunks = j["plan"]["estimated_chunks"].as_i64().unwrap();
    assert!(chunks > 0, "{j}");
    assert_eq!(j["plan"]["rows_to_copy"], ids.len() as i64, "{j}");
    assert_eq!(j["plan"]["low_water"], i64::MIN, "{j}");

    let (code, j, err) = migrate_bounded(
        &db.url,
        &[
            "--yes",
            "--create-table",
            "--batch-size",
            "3",
            "--chunk-time",
            "0",
        ],
    );
    assert_eq!(code, 0, "{err}\n{j}");
    assert_eq!(j["migrated"], ids.len() as i64, "{j}");
    assert_eq!(j["verified"], true, "{j}");
    assert!(
        j["chunks"].as_u64().unwrap() <= ids.len() as u64,
        "one chunk per id at most: {j}"
    );
    assert_eq!(j["last_id"], i64::MAX, "{j}");
    assert_eq!(recipient_rows(&db), want);

    let (code, j, err) = migrate_bounded(&db.url, &["--yes", "--batch-size", "3"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["migrated"], 0, "{j}");

    let (code, j, err) = migrate_bounded(&db.url, &["--rollback", "--yes"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["rolled_back"], ids.len() as i64, "{j}");
    assert!(recipient_rows(&db).is_empty());
}

/// The database stops answering mid-run (a proxy in front of it stops forwarding; the socket
/// stays open): the run ends within its --timeout with exit 3, the report so far on stdout
/// and an error naming the run and the last committed id; nothing is half-applied, and a
/// later run finishes the job. Then the same with SIGTERM sent while it waits.
fn database_stops_answering(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 1000);
    let port = url::Url::parse(&db.url).unwrap().port().unwrap();
    let proxy = StallingProxy::start(port);
    let via = proxy.url_for(&db.url);
    for signal_too in [false, true] {
        let mut child = slow_run_with(&via, &["--timeout", "2s"]);
        let before = db.int_of(&format!(
            "SELECT {} FROM {}",
            db.int("COUNT(*)"),
            "messages"
        ));
        assert!(before > 0);
        let copied = if db.has_table("message_recipients") {
            db.int_of(&format!(
                "SELECT {} FROM message_recipients",
                db.int("COUNT(*)")
            ))
        } else {
            0
        };
        wait_for_progress(&db, copied + 60, &mut child, || {
            slow_run_with(&via, &["--timeout", "2s"])
        });
        proxy.stall(true);
        if signal_too {
            signal(&child, "TERM");
        }
        let out = bounded(child, Duration::from_secs(60));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{err}");
        assert!(err.contains("no answer within 2s"), "{err}");
        assert!(err.contains("(run "), "{err}");
        assert!(err.contains("last committed id"), "{err}");
        let j: Value = serde_json::from_str(&stdout(&out)).expect("the report so far");
        assert!(j["error"].as_str().unwrap().contains("no answer"), "{j}");
        assert!(j["migrated"].as_i64().unwrap() > 0, "{j}");
        // Forwarding again lets the server see the dead client and drop its transaction.
        proxy.stall(false);
        assert_checkpoint_holds(&db);
    }
    // The dead run's session ends once the server sees its client gone (`migrate` waits).
    let (code, j, err) = migrate(&db, &["--yes"]);
    assert_eq!(code, 0, "{err}");
    assert!(j["resumed_from"].as_i64().unwrap() > 0, "{j}");
    assert_eq!(recipient_rows(&db), expected(1000));
}

#[test]
fn database_stops_answering_mariadb() {
    database_stops_answering(Kind::Mariadb);
}

#[test]
fn database_stops_answering_postgres() {
    database_stops_answering(Kind::Postgres);
}

/// A run SIGKILLed inside its index build (the build waits for another session that holds
/// the table, so the kill lands in the statement for certain): the indexes stay pending, and
/// the next run, once the dead session is gone, ends with every index present and the rows
/// exact. SQLite builds inside a transaction that a kill rolls back; the simulated variant
/// in `deferred_indexes_end_exact` covers it.
fn killed_during_the_index_build(kind: Kind) {
    let want = seed_indexes(kind);
    let db = TestDb::new(kind);
    seed(&db, 1000);
    let mut child = slow_run(&db);
    let log = StderrLog::take(&mut child);
    wait_for_progress(&db, 60, &mut child, || panic!("the first run ended early"));
    // MariaDB's ALTER waits for the metadata lock of an open transaction that read the
    // table; PostgreSQL's CREATE INDEX (SHARE) for a ROW EXCLUSIVE lock. Neither stops the
    // copy's inserts.
    let holder = db.hold(&[match kind {
        Kind::Mariadb => "SELECT COUNT(*) FROM message_recipients",
        Kind::Postgres | Kind::Sqlite => "LOCK TABLE message_recipients IN ROW EXCLUSIVE MODE",
    }]);
    log.wait_for("redkit: migrate: building ", &mut child);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the build should wait for the holder: {}",
        log.text()
    );
    signal(&child, "KILL");
    let _ = child.wait();
    // (No read of message_recipients while the holder is there: on MariaDB it would queue
    // behind the waiting ALTER.)
    let pending = db.ints(&format!(
        "SELECT {} FROM redkit_migrations WHERE pending_indexes IS NOT NULL AND pending_indexes <> ''",
        db.int("COUNT(*)")
    ));
    assert_eq!(
        pending,
        vec![vec![1]],
        "the killed run's indexes are still pending"
    );
    drop(holder);
    // The dead session may still finish its own statement once the holder is gone; either
    // way the next run (retrying while that session holds the run lock) ends exact.
    let (code, j, err) = migrate(&db, &["--yes"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["verified"], true, "{j}");
    assert_eq!(j["pending_indexes"], serde_json::json!([]), "{j}");
    assert_eq!(db.index_names("message_recipients"), want);
    assert_eq!(recipient_rows(&db), expected(1000));
}

#[test]
fn killed_during_the_index_build_mariadb() {
    killed_during_the_index_build(Kind::Mariadb);
}

#[test]
fn killed_during_the_index_build_postgres() {
    killed_during_the_index_build(Kind::Postgres);
}

/// --max-load against real load: three sessions asleep inside a statement keep the server's
/// running statements above the limit; the copy pauses, says why, and finishes exact once
/// they end. (The server is shared with other tests: their statements only add load, so the
/// pause is certain, and it ends once the sleepers and any passing statement are done.)
fn max_load_pauses_while_the_server_is_busy(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 500);
    let (sleep, running, limit) = match kind {
        Kind::Mariadb => (
            "SELECT SLEEP(3)",
            "SELECT CAST(VARIABLE_VALUE AS SIGNED) FROM information_schema.GLOBAL_STATUS \
             WHERE VARIABLE_NAME = 'THREADS_RUNNING'",
            "Threads_running=3",
        ),
        Kind::Postgres | Kind::Sqlite => (
            "SELECT pg_sleep(3)",
            "SELECT CAST(COUNT(*) AS BIGINT) FROM pg_stat_activity WHERE state = 'active'",
            "active_sessions=3",
        ),
    };
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| db.exec(&[sleep]));
        }
        // The probe's own statement counts too: four while the sleepers run.
        let deadline = Instant::now() + Duration::from_secs(10);
        while db.int_of(running) < 4 {
            assert!(Instant::now() < deadline, "the sleepers never showed");
            std::thread::sleep(Duration::from_millis(20));
        }
        let (code, j, err) = migrate(&db, &["--yes", "--max-load", limit]);
        assert_eq!(code, 0, "{err}");
        let name = limit.split('=').next().unwrap();
        assert!(
            err.contains("paused: ") && err.contains(&format!("{name} ")),
            "{err}"
        );
        assert_eq!(
            j["throttle_reasons"],
            serde_json::json!(["max_load"]),
            "{j}"
        );
        assert!(j["throttled_seconds"].as_f64().unwrap() > 0.5, "{j}");
        assert_eq!(j["verified"], true, "{j}");
    });
    assert_eq!(recipient_rows(&db), expected(500));
}

/// A status variable the server does not know is a usage error before anything is written.
#[test]
fn max_load_unknown_variable_writes_nothing() {
    for kind in [Kind::Mariadb, Kind::Postgres] {
        let db = TestDb::new(kind);
        seed(&db, 10);
        let (code, _, err) = migrate(&db, &["--yes", "--max-load", "Threadz_running=5"]);
        assert_eq!(code, 2, "{kind:?}: {err}");
        assert!(err.contains("Threadz_running"), "{kind:?}: {err}");
        assert!(!db.has_table("message_recipients"), "{kind:?}");
        assert!(!db.has_table("redkit_migrations"), "{kind:?}");
    }
}

#[test]
fn max_load_pauses_while_the_server_is_busy_mariadb() {
    max_load_pauses_while_the_server_is_busy(Kind::Mariadb);
}

#[test]
fn max_load_pauses_while_the_server_is_busy_postgres() {
    max_load_pauses_while_the_server_is_busy(Kind::Postgres);
}

/// Each pause is logged once, when it begins, and followed by its resume (reminders aside).
fn one_line_per_pause(text: &str) {
    let mut open = false;
    for line in text.lines() {
        if line.contains(" paused: ") {
            assert!(!open, "a second line for the same pause: {text}");
            open = true;
        } else if line.contains("resumed after a pause") {
            open = false;
        }
    }
}

/// Collects a child's stderr in the background, so a test can wait for a line.
struct StderrLog(std::sync::Arc<std::sync::Mutex<String>>);

impl StderrLog {
    fn take(child: &mut std::process::Child) -> StderrLog {
        let buf = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let b = buf.clone();
        let mut err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = std::io::Read::read(&mut err, &mut chunk) {
                if n == 0 {
                    break;
                }
                b.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&chunk[..n]));
            }
        });
        StderrLog(buf)
    }

    fn wait_for(&self, needle: &str, child: &mut std::process::Child) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self.0.lock().unwrap().contains(needle) {
            assert!(
                child.try_wait().unwrap().is_none(),
                "the run ended before saying {needle:?}: {}",
                self.0.lock().unwrap()
            );
            assert!(Instant::now() < deadline, "no {needle:?} within 60 s");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn text(&self) -> String {
        self.0.lock().unwrap().clone()
    }
}

fn recipient_count(db: &TestDb) -> i64 {
    db.int_of(&format!(
        "SELECT {} FROM message_recipients",
        db.int("COUNT(*)")
    ))
}

/// --pause-file: created mid-run, the copy holds (the row count stops growing) and says why;
/// removed, the run finishes exact, with the pause in its report.
fn pause_file_holds_the_copy(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 1500);
    let dir = tempfile::tempdir().unwrap();
    let hold = dir.path().join("hold");
    let hold_s = hold.to_str().unwrap().to_string();
    let mut child = slow_run_with(&db.url, &["--pause-file", &hold_s]);
    let log = StderrLog::take(&mut child);
    // A fresh database: no earlier run can hold its lock.
    wait_for_progress(&db, 100, &mut child, || panic!("the first run ended early"));
    std::fs::write(&hold, b"").unwrap();
    log.wait_for("paused: pause file", &mut child);
    // Paused before the next chunk: nothing commits while the file is there.
    let held = recipient_count(&db);
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(recipient_count(&db), held, "rows grew while paused");
    assert!(child.try_wait().unwrap().is_none());
    std::fs::remove_file(&hold).unwrap();
    let out = bounded(child, Duration::from_secs(120));
    assert_eq!(out.status.code(), Some(0), "{}", log.text());
    let j: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(j["verified"], true, "{j}");
    assert!(j["throttled_seconds"].as_f64().unwrap() > 0.0, "{j}");
    assert_eq!(j["throttle_reasons"], serde_json::json!(["pause_file"]));
    assert!(
        log.text().contains("resumed after a pause"),
        "{}",
        log.text()
    );
    assert_eq!(recipient_rows(&db), expected(1500));
}

/// The indexes a table gets when the copy keeps them all along (`never`): the seed's.
fn seed_indexes(kind: Kind) -> Vec<String> {
    let db = TestDb::new(kind);
    seed(&db, 50);
    let (code, _, err) = migrate(&db, &["--yes", "--defer-indexes", "never"]);
    assert_eq!(code, 0, "{err}");
    db.index_names("message_recipients")
}

/// Deferred indexes: the copy runs with only the primary and unique keys, builds the others
/// at the end; the final table has exactly the seed's indexes, also after a run killed during
/// the copy, and after a run that stopped before or while building them; `never` keeps them
/// during the copy.
fn deferred_indexes_end_exact(kind: Kind) {
    let want = seed_indexes(kind);
    assert!(want.iter().any(|n| n.contains("idx_")), "{want:?}");
    let db = TestDb::new(kind);
    seed(&db, 2000);

    // During the copy (auto, new table): no secondary index yet.
    let mut child = slow_run(&db);
    wait_for_progress(&db, 100, &mut child, || slow_run(&db));
    let during = db.index_names("message_recipients");
    assert!(!during.iter().any(|n| n.contains("idx_")), "{during:?}");
    signal(&child, "KILL");
    let _ = child.wait();
    assert_checkpoint_holds(&db);
    // migrate status: a run unfinished, indexes pending, exit 1.
    let out = redkit(tempfile::tempdir().unwrap().path())
        .args([
            "migrate",
            "status",
            "--database-url",
            &db.url,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let st: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let deferred = if kind == Kind::Postgres { 4 } else { 3 };
    assert_eq!(
        st["pending_indexes"].as_array().unwrap().len(),
        deferred,
        "{st}"
    );
    assert!(st["remaining"].as_i64().unwrap() > 0, "{st}");
    assert_eq!(st["runs"][0]["status"], "running", "{st}");
    // --verify says so too.
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!(code, 1, "{j}");
    assert_eq!(
        j["verification"]["pending_indexes"]
            .as_array()
            .unwrap()
            .len(),
        deferred
    );

    // Stopped at --max-rows before the build: still pending.
    let (code, j, err) = migrate(&db, &["--yes", "--max-rows", "50"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["limited"], true);
    assert_eq!(
        j["pending_indexes"].as_array().unwrap().len(),
        deferred,
        "{j}"
    );

    // The resumed run finishes the copy and builds them.
    let (code, j, err) = migrate(&db, &["--yes"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["verified"], true, "{j}");
    assert_eq!(
        j["indexes_built"].as_array().unwrap().len(),
        deferred,
        "{j}"
    );
    assert_eq!(db.index_names("message_recipients"), want);
    assert_eq!(recipient_rows(&db), expected(2000));

    // A run killed while building (one index built, two not, the run still running): the
    // next run builds the rest.
    let (a, b) = (&want_idx(&want)[0], &want_idx(&want)[1]);
    db.exec(&[
        &drop_index_sql(kind, a),
        &drop_index_sql(kind, b),
        &format!("UPDATE redkit_migrations SET status = 'running', pending_indexes = '{a},{b}'"),
    ]);
    let out = redkit(tempfile::tempdir().unwrap().path())
        .args(["migrate", "status", "--database-url", &db.url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains(a.as_str()), "{}", stdout(&out));
    let (code, j, err) = migrate(&db, &["--yes"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["indexes_built"], serde_json::json!([a, b]), "{j}");
    assert_eq!(db.index_names("message_recipients"), want);
    let out = redkit(tempfile::tempdir().unwrap().path())
        .args([
            "migrate",
            "status",
            "--database-url",
            &db.url,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let st: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(st["remaining"], 0, "{st}");
    assert_eq!(st["migrated"], expected(2000).len() as i64);

    // PostgreSQL: a CREATE INDEX CONCURRENTLY killed midway leaves an invalid index behind;
    // the next run drops and rebuilds it.
    if kind == Kind::Postgres {
        let a = &want_idx(&want)[1];
        db.exec(&[
            &format!("UPDATE pg_index SET indisvalid = false WHERE indexrelid = '{a}'::regclass"),
            &format!("UPDATE redkit_migrations SET status = 'running', pending_indexes = '{a}'"),
        ]);
        let (code, j, err) = migrate(&db, &["--yes"]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(j["indexes_built"], serde_json::json!([a]), "{j}");
        assert_eq!(
            db.int_of(&format!(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM pg_index WHERE indexrelid = '{a}'::regclass AND indisvalid"
            )),
            1,
            "rebuilt valid"
        );
        assert_eq!(db.index_names("message_recipients"), want);
    }

    // never: the indexes stay during the copy.
    let db = TestDb::new(kind);
    seed(&db, 2000);
    let mut child = slow_run_with(&db.url, &["--defer-indexes", "never"]);
    wait_for_progress(&db, 100, &mut child, || {
        slow_run_with(&db.url, &["--defer-indexes", "never"])
    });
    assert_eq!(db.index_names("message_recipients"), want);
    signal(&child, "KILL");
    let _ = child.wait();
}

fn want_idx(all: &[String]) -> Vec<String> {
    all.iter()
        .filter(|n| n.starts_with("idx_"))
        .cloned()
        .collect()
}

fn drop_index_sql(kind: Kind, name: &str) -> String {
    match kind {
        Kind::Mariadb => format!("ALTER TABLE message_recipients DROP INDEX {name}"),
        Kind::Sqlite | Kind::Postgres => format!("DROP INDEX {name}"),
    }
}

/// Rollback removes only rows a run created: rows the application wrote before the run (for
/// the message's own receiver too) stay, with their read state.
fn rollback_keeps_rows_written_before_the_run(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 300);
    assert_eq!(migrate(&db, &["--yes"]).0, 0);
    let (code, j, err) = migrate(&db, &["--rollback", "--yes"]);
    assert_eq!(code, 0, "{err}\n{j}");
    assert!(recipient_rows(&db).is_empty());
    // The application writes recipient rows itself: one mirroring message 5, one extra.
    let r5 = receiver(5).unwrap();
    db.exec(&[
        &format!(
            "INSERT INTO message_recipients (message_id, recipient_id, is_read) VALUES (5, {r5}, 1)"
        ),
        "INSERT INTO message_recipients (message_id, recipient_id, is_read) VALUES (6, 4242, 0)",
    ]);
    let (code, j, err) = migrate(&db, &["--yes"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["migrated"], expected(300).len() as i64 - 1, "{j}");
    let (code, j, err) = migrate(&db, &["--rollback", "--yes"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["rolled_back"], expected(300).len() as i64 - 1, "{j}");
    assert_eq!(
        recipient_rows(&db),
        vec![vec![5, r5, 1], vec![6, 4242, 0]],
        "rows written before the run survive it"
    );
    assert_eq!(
        db.int_of(&format!(
            "SELECT {} FROM messages WHERE id = 5",
            db.int("is_read")
        )),
        is_read(5),
        "a row the run did not create gives no read state back"
    );
}

/// A table the run created skips the anti-join above its checkpoint; a row the application
/// wrote there meanwhile (for the message's own receiver) makes the run fall back to the
/// anti-join, and it still ends exact, the application's row untouched.
fn owned_table_falls_back_to_the_anti_join(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 600);
    let (code, j, err) = migrate(&db, &["--yes", "--max-rows", "50", "--batch-size", "50"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["limited"], true, "{j}");
    let r = receiver(400).unwrap();
    db.exec(&[&format!(
        "INSERT INTO message_recipients (message_id, recipient_id, is_read) VALUES (400, {r}, {})",
        is_read(400)
    )]);
    let app_row = db.int_of(&format!(
        "SELECT {} FROM message_recipients WHERE message_id = 400",
        db.int("id")
    ));
    let (code, j, err) = migrate(&db, &["--yes", "--batch-size", "100"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["verified"], true, "{j}");
    assert_eq!(recipient_rows(&db), expected(600));
    assert_eq!(
        db.int_of(&format!(
            "SELECT {} FROM message_recipients WHERE message_id = 400",
            db.int("id")
        )),
        app_row,
        "the application's row stays as it was"
    );
    // And a rollback leaves it in place.
    let (code, _, err) = migrate(&db, &["--rollback", "--yes"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(recipient_rows(&db), vec![vec![400, r, is_read(400)]]);
}

/// A replica whose apply is stopped: the copy pauses once its lag passes --max-lag and says
/// why; with the apply going again it finishes exact, the pause in its report.
fn replica_lag_pauses_the_copy(kind: Kind) {
    let pair = ReplicaPair::get(kind);
    let (db, replica_url) = pair.new_db();
    seed(&db, 1500);
    pair.wait_on_replica(
        &replica_url,
        &format!("SELECT {} FROM messages", db.int("COUNT(*)")),
        1500,
    );
    pair.hold_apply(true);
    let mut child = slow_run_with(&db.url, &["--replica", &replica_url, "--max-lag", "1s"]);
    let log = StderrLog::take(&mut child);
    log.wait_for("paused: replica", &mut child);
    // Paused: nothing commits on the primary while the replica stays behind.
    let held = recipient_count(&db);
    // The lag reading grows with every poll (four a second): still one line for the pause.
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(recipient_count(&db), held, "rows grew while paused");
    assert!(held < expected(1500).len() as i64, "paused before the end");
    assert_eq!(log.text().matches(" paused: ").count(), 1, "{}", log.text());
    pair.hold_apply(false);
    let out = bounded(child, Duration::from_secs(120));
    assert_eq!(out.status.code(), Some(0), "{}", log.text());
    let j: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(j["verified"], true, "{j}");
    assert!(j["throttled_seconds"].as_f64().unwrap() > 0.0, "{j}");
    assert_eq!(j["throttle_reasons"], serde_json::json!(["replica_lag"]));
    assert!(log.text().contains("lag"), "{}", log.text());
    one_line_per_pause(&log.text());
    assert_eq!(recipient_rows(&db), expected(1500));
}

#[test]
fn replica_lag_pauses_the_copy_mariadb() {
    replica_lag_pauses_the_copy(Kind::Mariadb);
}

#[test]
fn replica_lag_pauses_the_copy_postgres() {
    replica_lag_pauses_the_copy(Kind::Postgres);
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

mod created_at;
mod reads;
mod schemas;
mod surfaces;

on_every_database!(
    migrates_exact_rows_and_reruns_change_nothing,
    resumes_after_ctrl_c_and_sigkill,
    catches_up_rows_written_during_the_run,
    verify_detects_mismatches,
    verify_sees_swaps_that_keep_the_sums,
    rollback_restores_and_keeps_reads,
    dry_run_changes_nothing,
    unfit_schema_is_refused,
    no_output_carries_the_password,
    extreme_ids_are_copied_and_the_walk_ends,
    pause_file_holds_the_copy,
    deferred_indexes_end_exact,
    rollback_keeps_rows_written_before_the_run,
    owned_table_falls_back_to_the_anti_join,
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

/// `-q` (cron): a migration, a verification and `status` that find nothing wrong print
/// nothing; a verification that finds a mismatch still prints its summary.
#[test]
fn quiet_migrate_is_silent_on_success() {
    let db = TestDb::new(Kind::Sqlite);
    seed(&db, 50);
    let dir = tempfile::tempdir().unwrap();
    let base = ["migrate", "recipients", "--database-url", db.url.as_str()];
    for extra in [
        vec!["--create-table", "--yes", "-q"],
        vec!["--verify", "-q"],
        vec!["--dry-run", "-q"],
    ] {
        let r = crate::support::run(dir.path())
            .args(base)
            .args(extra.clone())
            .expect(0);
        assert_eq!(r.all(), "", "{extra:?}\n{r}");
    }
    let r = crate::support::run(dir.path())
        .args(["migrate", "status", "--database-url", db.url.as_str(), "-q"])
        .expect(0);
    assert_eq!(r.all(), "", "{r}");
    db.exec(&["DELETE FROM message_recipients WHERE message_id = 2"]);
    let r = crate::support::run(dir.path())
        .args(base)
        .args(["--verify", "-q"])
        .expect(1);
    assert!(!r.stdout.is_empty(), "{r}");
}
