//! What operators and scripts see of migrate: chunks bounded by rows for sparse ids, a file
//! that is not an SQLite database named at once (migrate, status, wait, validate-env), help
//! that lists only the formats rendered, pause logs per cause, and JSON reports whose
//! documented keys are always there.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::{StderrLog, bounded, expected, migrate, recipient_rows, seed, slow_run_with};
use crate::support::db::{Kind, TestDb};
use crate::support::{redkit, stderr, stdout};

/// Snowflake-style ids: a large start and gaps of 7 * 2^22 (well over the old 5,000,000-id
/// cap on a span, which made one chunk per row).
fn seed_sparse(db: &TestDb, n: i64) -> Vec<i64> {
    db.exec(&[db.messages_ddl()]);
    let ids: Vec<i64> = (0..n)
        .map(|i| 1_600_000_000_000_000_000 + i * 29_360_128)
        .collect();
    for part in ids.chunks(500) {
        let values: Vec<String> = part
            .iter()
            .map(|id| {
                format!(
                    "({id}, 1, {}, 't', 'c', 0, '2025-10-01 10:00:00')",
                    id % 7 + 1
                )
            })
            .collect();
        db.exec(&[&format!(
            "INSERT INTO messages (id, sender_id, receiver_id, title, content, is_read, created_at) VALUES {}",
            values.join(", ")
        )]);
    }
    ids
}

fn sparse_ids_make_rows_over_size_chunks(kind: Kind) {
    let db = TestDb::new(kind);
    let ids = seed_sparse(&db, 3000);
    let (code, j, err) = migrate(
        &db,
        &["--dry-run", "--batch-size", "500", "--chunk-time", "0"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["plan"]["estimated_chunks"], 6, "{j}");
    let (code, j, err) = migrate(&db, &["--yes", "--batch-size", "500", "--chunk-time", "0"]);
    assert_eq!(code, 0, "{err}\n{j}");
    assert_eq!(j["migrated"], 3000, "{j}");
    assert_eq!(j["verified"], true, "{j}");
    assert_eq!(j["chunks"], 6, "3000 rows in chunks of 500 rows: {j}");
    assert_eq!(
        db.int_of(&format!(
            "SELECT {} FROM redkit_migrations_chunks",
            db.int("COUNT(*)")
        )),
        6
    );
    assert_eq!(j["last_id"], *ids.last().unwrap(), "{j}");
    // The size still adapts to --chunk-time: fast chunks grow (at most 4x each time).
    db.exec(&[
        "DELETE FROM message_recipients",
        "DELETE FROM redkit_migrations_chunks",
    ]);
    let (code, j, err) = migrate(
        &db,
        &["--yes", "--batch-size", "100", "--chunk-time", "10s"],
    );
    assert_eq!(code, 0, "{err}\n{j}");
    assert_eq!(j["migrated"], 3000, "{j}");
    assert!(j["chunks"].as_i64().unwrap() <= 5, "growing chunks: {j}");
    // And the rollback undoes them exactly.
    let (code, j, err) = migrate(&db, &["--rollback", "--yes"]);
    assert_eq!(code, 0, "{err}\n{j}");
    assert!(recipient_rows(&db).is_empty());
}

/// A file that holds something else is named at once by every command that opens it, never
/// after a pool timeout.
#[test]
fn a_file_that_is_not_a_database_is_named_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.db");
    std::fs::write(
        &file,
        "DATABASE_URL=postgres://x\nthis is a .env file, not SQLite\n".repeat(20),
    )
    .unwrap();
    let url = format!("sqlite://{}", file.display());
    let spec = dir.path().join("spec.yaml");
    std::fs::write(&spec, "required:\n  DATABASE_URL: { type: url }\n").unwrap();
    let cases: Vec<(Vec<&str>, Vec<i32>)> = vec![
        (vec!["migrate", "recipients", "--dry-run"], vec![2]),
        (vec!["migrate", "recipients", "--yes"], vec![2]),
        (vec!["migrate", "status"], vec![2]),
        (vec!["wait", "--database", "--max-wait", "0"], vec![3]),
        (
            vec!["validate-env", "--spec", "spec.yaml", "--connect"],
            vec![1],
        ),
    ];
    for (args, codes) in cases {
        let t = Instant::now();
        let out = redkit(dir.path())
            .env("DATABASE_URL", &url)
            .args(&args)
            .output()
            .unwrap();
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            t.elapsed() < Duration::from_secs(3),
            "{args:?} took {:?}: {all}",
            t.elapsed()
        );
        assert!(all.contains("not an SQLite database"), "{args:?}: {all}");
        assert!(!all.contains("pool timed out"), "{args:?}: {all}");
        assert!(
            codes.contains(&out.status.code().unwrap_or(-1)),
            "{args:?}: {:?} {all}",
            out.status
        );
    }
    // An empty file is a new database (SQLite's own rule), not refused.
    std::fs::write(&file, b"").unwrap();
    let out = redkit(dir.path())
        .env("DATABASE_URL", &url)
        .args(["wait", "--database", "--max-wait", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// `--help` of each migrate subcommand lists exactly the formats it renders, and one it
/// does not render is refused naming those (before and after the subcommand alike).
#[test]
fn migrate_help_lists_the_formats_it_renders() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["recipients", "status"] {
        let out = redkit(dir.path())
            .args(["migrate", sub, "--help"])
            .output()
            .unwrap();
        let help = stdout(&out);
        let formats: Vec<&str> = help
            .lines()
            .skip_while(|l| !l.contains("--format"))
            .skip_while(|l| !l.contains("Possible values"))
            .skip(1)
            .take_while(|l| l.trim_start().starts_with("- "))
            .map(|l| {
                l.trim_start()
                    .trim_start_matches("- ")
                    .split(':')
                    .next()
                    .unwrap()
            })
            .collect();
        assert_eq!(formats, ["table", "json"], "{sub}: {help}");
        for bad in ["ndjson", "prometheus", "nagios", "raw"] {
            let out = redkit(dir.path())
                .args([
                    "migrate",
                    sub,
                    "--format",
                    bad,
                    "--database-url",
                    "sqlite:///nonexistent.db",
                ])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{sub} {bad}");
            assert!(
                stderr(&out).contains("table, json"),
                "{sub} {bad}: {}",
                stderr(&out)
            );
            let out = redkit(dir.path())
                .args([
                    "--format",
                    bad,
                    "migrate",
                    sub,
                    "--database-url",
                    "sqlite:///nonexistent.db",
                ])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{sub} {bad} (global)");
            assert!(
                stderr(&out).contains("table, json"),
                "{sub} {bad}: {}",
                stderr(&out)
            );
        }
    }
}

/// A pause logs one line when it begins (or its cause changes) and then a reminder at most
/// every --log-every, not a line per poll. The max_load reading changes with every poll
/// (the sessions counted include the holder's own), which used to log four lines a second.
fn pause_logs_per_cause_not_per_poll(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 600);
    let dir = tempfile::tempdir().unwrap();
    let hold = dir.path().join("hold");
    std::fs::write(&hold, b"").unwrap();
    let mut child = slow_run_with(
        &db.url,
        &["--pause-file", hold.to_str().unwrap(), "--log-every", "1s"],
    );
    let log = StderrLog::take(&mut child);
    log.wait_for("paused: pause file", &mut child);
    std::thread::sleep(Duration::from_millis(3300));
    std::fs::remove_file(&hold).unwrap();
    let out = bounded(child, Duration::from_secs(120));
    let text = log.text();
    assert_eq!(out.status.code(), Some(0), "{text}");
    let paused = text.matches(" paused: ").count();
    let still = text.matches("still paused after").count();
    assert_eq!(paused, 1, "{text}");
    assert!(
        (2..=4).contains(&still),
        "reminders about every 1s over 3.3s: {text}"
    );
    assert_eq!(recipient_rows(&db), expected(600));
}

/// The max_load reason's reading changes while its cause stays: one line, not one per poll.
fn changing_readings_log_once(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 300);
    // A limit of 1 with this run's own sessions busy is over it on every poll, with a
    // count that moves; --pause-file is not involved.
    let (name, sessions) = match kind {
        Kind::Mariadb => ("Threads_running", "Threads_running=1"),
        Kind::Postgres => ("active_sessions", "active_sessions=1"),
        Kind::Sqlite => unreachable!(),
    };
    // Three sessions busy for 2, 3 and 4 s: the reading steps down (4, 3, 2 > 1) while the
    // cause stays the same.
    let holders: Vec<_> = (0..3)
        .map(|k| {
            let url = db.url.clone();
            std::thread::spawn(move || {
                let sleep = match kind {
                    Kind::Mariadb => format!("SELECT SLEEP({})", 2 + k),
                    _ => format!("SELECT pg_sleep({})", 2 + k),
                };
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    use sqlx::Connection;
                    let mut c = sqlx::AnyConnection::connect(&url).await.unwrap();
                    let _ = sqlx::query(sqlx::AssertSqlSafe(sleep))
                        .execute(&mut c)
                        .await;
                });
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let mut child = slow_run_with(&db.url, &["--max-load", sessions, "--log-every", "1m"]);
    let log = StderrLog::take(&mut child);
    log.wait_for("paused:", &mut child);
    assert!(text_has_reading(&log.text()), "{}", log.text());
    for h in holders {
        h.join().unwrap();
    }
    let out = bounded(child, Duration::from_secs(120));
    let text = log.text();
    assert_eq!(out.status.code(), Some(0), "{text}");
    // Other tests share the server (Threads_running is server-wide): the copy may pause
    // again later, but each pause is one line, followed by its resume.
    super::one_line_per_pause(&text);
    assert!(text.matches(" paused: ").count() >= 1, "{name}: {text}");
    assert_eq!(text.matches("still paused").count(), 0, "{text}");
}

/// The first pause line shows a reading above the limit.
fn text_has_reading(text: &str) -> bool {
    text.contains(" > 1")
}

#[test]
fn changing_readings_log_once_mariadb() {
    changing_readings_log_once(Kind::Mariadb);
}

#[test]
fn changing_readings_log_once_postgres() {
    changing_readings_log_once(Kind::Postgres);
}

/// The documented keys of each report, each present whatever the run did (null or [] when
/// there is nothing), with the type it is documented with.
fn assert_keys(j: &Value, keys: &[(&str, &str)], what: &str) {
    for (key, ty) in keys {
        let v = j
            .get(*key)
            .unwrap_or_else(|| panic!("{what}: no key {key} in {j}"));
        let ok = match *ty {
            "bool" => v.is_boolean(),
            "int" => v.is_i64(),
            "num" => v.is_number(),
            "str" => v.is_string(),
            "array" => v.is_array(),
            "object" => v.is_object(),
            "int?" => v.is_null() || v.is_i64(),
            "bool?" => v.is_null() || v.is_boolean(),
            "str?" => v.is_null() || v.is_string(),
            "object?" => v.is_null() || v.is_object(),
            other => panic!("unknown type {other}"),
        };
        assert!(ok, "{what}: {key} should be {ty}: {v}");
    }
}

const REPORT_KEYS: &[(&str, &str)] = &[
    ("action", "str"),
    ("database", "str"),
    ("dialect", "str"),
    ("dry_run", "bool"),
    ("run_id", "int?"),
    ("resumed_from", "int?"),
    ("created_table", "bool"),
    ("messages", "int"),
    ("eligible", "int"),
    ("already_migrated", "int"),
    ("migrated", "int"),
    ("caught_up", "int"),
    ("skipped", "int"),
    ("reasons", "object"),
    ("rolled_back", "int?"),
    ("read_state_restored", "int?"),
    ("reads_repaired", "int?"),
    ("verified", "bool?"),
    ("verification", "object?"),
    ("interrupted", "bool"),
    ("limited", "bool"),
    ("chunks", "int"),
    ("last_id", "int?"),
    ("seconds", "num"),
    ("copy_seconds", "num"),
    ("verify_seconds", "num"),
    ("throttled_seconds", "num"),
    ("throttle_reasons", "array"),
    ("indexes_built", "array"),
    ("pending_indexes", "array"),
    ("error", "str?"),
    ("plan", "object?"),
    ("rollback_plan", "object?"),
    ("repair_plan", "object?"),
    ("created_at_check", "object"),
];

const VERIFICATION_KEYS: &[(&str, &str)] = &[
    ("ok", "bool"),
    ("eligible", "int"),
    ("recipient_rows", "int"),
    ("missing", "int"),
    ("is_read_mismatch", "int"),
    ("read_after_migration", "int"),
    ("orphans", "int"),
    ("created_at_mismatch", "int"),
    ("first_missing", "array"),
    ("first_is_read_mismatch", "array"),
    ("first_orphans", "array"),
    ("first_created_at_mismatch", "array"),
    ("pending_indexes", "array"),
    ("method", "str"),
    ("remedies", "array"),
];

const PLAN_KEYS: &[(&str, &str)] = &[
    ("create_table", "bool"),
    ("needs_create_table_flag", "bool"),
    ("deferred_indexes", "array"),
    ("low_water", "int?"),
    ("high_water", "int?"),
    ("batch_size", "int"),
    ("chunk_time_ms", "int"),
    ("rows_to_copy", "int"),
    ("estimated_chunks", "int"),
    ("statements", "array"),
];

const CREATED_AT_KEYS: &[(&str, &str)] = &[
    ("target_type", "str"),
    ("range", "str?"),
    ("out_of_range", "int"),
    ("first_out_of_range", "array"),
    ("mapping", "str"),
];

const ROLLBACK_PLAN_KEYS: &[(&str, &str)] = &[
    ("chunk_records", "int"),
    ("rows_to_delete", "int"),
    ("read_states_to_copy_back", "int"),
    ("first_read_states_to_copy_back", "array"),
    ("unrecorded_copy_runs", "int"),
];

const REPAIR_PLAN_KEYS: &[(&str, &str)] = &[
    ("reads_to_repair", "int"),
    ("first_reads_to_repair", "array"),
];

const REASON_KEYS: &[(&str, &str)] = &[
    ("receiver_null", "int"),
    ("receiver_not_positive", "int"),
    ("receiver_unknown", "int"),
];

const STATUS_KEYS: &[(&str, &str)] = &[
    ("database", "str"),
    ("runs", "array"),
    ("eligible", "int"),
    ("migrated", "int"),
    ("remaining", "int"),
    ("pending_indexes", "array"),
    ("unfinished", "bool"),
];

const RUN_KEYS: &[(&str, &str)] = &[
    ("run_id", "int"),
    ("kind", "str"),
    ("status", "str"),
    ("started_at", "str"),
    ("finished_at", "str?"),
    ("rows", "int"),
    ("last_id", "int"),
    ("throttled_seconds", "num"),
    ("pending_indexes", "array"),
];

fn check_report(j: &Value, what: &str) {
    assert_keys(j, REPORT_KEYS, what);
    assert_keys(&j["reasons"], REASON_KEYS, what);
    assert_keys(&j["created_at_check"], CREATED_AT_KEYS, what);
    if !j["verification"].is_null() {
        assert_keys(&j["verification"], VERIFICATION_KEYS, what);
    }
    if !j["plan"].is_null() {
        assert_keys(&j["plan"], PLAN_KEYS, what);
    }
    if !j["rollback_plan"].is_null() {
        assert_keys(&j["rollback_plan"], ROLLBACK_PLAN_KEYS, what);
    }
    if !j["repair_plan"].is_null() {
        assert_keys(&j["repair_plan"], REPAIR_PLAN_KEYS, what);
    }
}

/// Every migrate report, empty and full: the dry run before anything exists, the copy, a
/// verification with and without mismatches, the rollback and repair previews and runs,
/// and status with and without runs.
fn every_report_has_its_keys(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 60);
    let dir = tempfile::tempdir().unwrap();
    let status = |what: &str| {
        let out = redkit(dir.path())
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
        let j: Value = serde_json::from_str(&stdout(&out))
            .unwrap_or_else(|_| panic!("{what}: {}", stderr(&out)));
        assert_keys(&j, STATUS_KEYS, what);
        for r in j["runs"].as_array().unwrap() {
            assert_keys(r, RUN_KEYS, what);
        }
        j
    };
    assert!(
        status("status before any run")["runs"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let steps: Vec<(&str, Vec<&str>, Option<&str>)> = vec![
        ("dry run", vec!["--dry-run"], Some("plan")),
        (
            "rollback dry run, nothing to undo",
            vec!["--rollback", "--dry-run"],
            Some("rollback_plan"),
        ),
        ("copy", vec!["--yes"], Some("verification")),
        ("verify ok", vec!["--verify"], Some("verification")),
    ];
    for (what, args, has) in steps {
        let (code, j, err) = migrate(&db, &args);
        assert!(code == 0, "{what}: {err}\n{j}");
        check_report(&j, what);
        if let Some(k) = has {
            assert!(j[k].is_object(), "{what}: {k} in {j}");
        }
    }
    db.exec(&[
        "UPDATE messages SET is_read = 1 WHERE id = 2",
        "DELETE FROM message_recipients WHERE message_id = 4",
    ]);
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!(code, 1, "{j}");
    check_report(&j, "verify with mismatches");
    for (what, args, has) in [
        (
            "repair dry run",
            vec!["--repair-reads", "--dry-run"],
            "repair_plan",
        ),
        ("repair", vec!["--repair-reads", "--yes"], "reads_repaired"),
        (
            "rollback dry run",
            vec!["--rollback", "--dry-run"],
            "rollback_plan",
        ),
        ("rollback", vec!["--rollback", "--yes"], "rolled_back"),
    ] {
        let (code, j, err) = migrate(&db, &args);
        assert_eq!(code, 0, "{what}: {err}\n{j}");
        check_report(&j, what);
        assert!(!j[has].is_null(), "{what}: {has} in {j}");
    }
    let j = status("status after runs");
    assert!(j["runs"].as_array().unwrap().len() >= 3, "{j}");
}

on_every_database!(
    sparse_ids_make_rows_over_size_chunks,
    pause_logs_per_cause_not_per_poll,
    every_report_has_its_keys
);

/// Every destructive mode is refused without a terminal and without --yes before it
/// connects: against a port where nothing listens the answer is the refusal (exit 2), not a
/// connection error (exit 3). Their dry runs need no --yes.
#[test]
fn destructive_modes_refuse_before_connecting() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("mysql://app@127.0.0.1:{}/app", crate::support::free_port());
    for mode in [vec![], vec!["--rollback"], vec!["--repair-reads"]] {
        let out = redkit(dir.path())
            .args(["migrate", "recipients", "--database-url", &url])
            .args(&mode)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{mode:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("--yes"), "{mode:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("connection refused"),
            "{mode:?}: {}",
            stderr(&out)
        );
        let out = redkit(dir.path())
            .args(["migrate", "recipients", "--database-url", &url, "--dry-run"])
            .args(&mode)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(3),
            "{mode:?} --dry-run connects: {}",
            stderr(&out)
        );
    }
}

/// Without a terminal and without --yes, every destructive mode is refused before its first
/// connection (the silent server counts none; about 20 ms here): the database accepts and never answers, so a connection
/// attempt would wait out --connect-timeout. --verify needs no answer and does connect.
#[test]
fn refusal_comes_before_the_first_connection() {
    let dir = tempfile::tempdir().unwrap();
    let silent = crate::support::SilentServer::start();
    for url in [
        format!("mysql://app@127.0.0.1:{}/app", silent.port),
        format!("postgres://app@127.0.0.1:{}/app", silent.port),
    ] {
        for mode in [vec![], vec!["--rollback"], vec!["--repair-reads"]] {
            let args = [
                &["migrate", "recipients", "--connect-timeout", "5s"][..],
                &["--database-url", &url],
                &mode,
            ]
            .concat();
            let before = silent.accepted();
            let (out, fastest) = crate::support::fastest_run(dir.path(), &args);
            assert_eq!(
                silent.accepted(),
                before,
                "{url} {mode:?} connected before refusing"
            );
            assert_eq!(out.status.code(), Some(2), "{mode:?}: {}", stderr(&out));
            assert!(
                stderr(&out).contains("refusing to change anything without --yes"),
                "{mode:?}: {}",
                stderr(&out)
            );
            // Loose on purpose (a loaded CI machine): far under the 5 s a connection would wait.
            assert!(
                fastest < Duration::from_secs(2),
                "{url} {mode:?}: {fastest:?}"
            );
        }
        let t = Instant::now();
        let out = redkit(dir.path())
            .args([
                "migrate",
                "recipients",
                "--verify",
                "--connect-timeout",
                "300ms",
            ])
            .args(["--timeout", "300ms", "--database-url", &url])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "--verify: {}", stderr(&out));
        assert!(
            t.elapsed() >= Duration::from_millis(300),
            "--verify connected"
        );
    }
}
