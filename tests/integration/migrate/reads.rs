//! Read states are facts that only move from unread to read: `--rollback` copies a read back
//! and never an unread over a read, `--rollback --dry-run` previews it, `--repair-reads`
//! mends "read lost"; and a property test over random read histories on every database.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

use super::{expected, is_read, migrate, recipient_rows, seed};
use crate::support::db::{Kind, TestDb};
use crate::support::{redkit, stdout};

fn message_reads(db: &TestDb) -> Vec<Vec<i64>> {
    db.ints(&format!(
        "SELECT {}, {} FROM messages ORDER BY id",
        db.int("id"),
        db.int("COALESCE(is_read, -1)")
    ))
}

fn read_of(db: &TestDb, id: i64) -> i64 {
    db.int_of(&format!(
        "SELECT {} FROM messages WHERE id = {id}",
        db.int("is_read")
    ))
}

/// The case: after the migration the old single-recipient API marks messages 7 and
/// 8 read in `messages`; the new API reads message 1 on the new table. The rollback keeps 7
/// and 8 read, copies the read of 1 back, and counts exactly that one change; its dry run
/// says so first and changes nothing.
fn rollback_never_unreads(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 300);
    let (code, j, err) = migrate(&db, &["--yes"]);
    assert_eq!(code, 0, "{err}");
    let migrated = j["migrated"].as_i64().unwrap();
    assert_eq!((is_read(1), is_read(7), is_read(8)), (0, 0, 0));
    db.exec(&[
        "UPDATE messages SET is_read = 1 WHERE id IN (7, 8)",
        "UPDATE message_recipients SET is_read = 1 WHERE message_id = 1",
    ]);
    let before = message_reads(&db);
    let rows_before = recipient_rows(&db);

    let (code, j, err) = migrate(&db, &["--rollback", "--dry-run"]);
    assert_eq!(code, 0, "{err}\n{j}");
    assert_eq!(j["dry_run"], true, "{j}");
    assert_eq!(j["action"], "rollback", "{j}");
    let p = &j["rollback_plan"];
    assert_eq!(p["rows_to_delete"], migrated, "{j}");
    assert_eq!(p["read_states_to_copy_back"], 1, "{j}");
    assert_eq!(
        p["first_read_states_to_copy_back"],
        serde_json::json!([1]),
        "{j}"
    );
    assert!(p["chunk_records"].as_i64().unwrap() >= 1, "{j}");
    assert_eq!(message_reads(&db), before, "a dry run changes nothing");
    assert_eq!(
        recipient_rows(&db),
        rows_before,
        "a dry run changes nothing"
    );

    let (code, j, err) = migrate(&db, &["--rollback", "--yes"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["rolled_back"], migrated, "{j}");
    assert_eq!(j["read_state_restored"], 1, "only message 1 changed: {j}");
    assert_eq!(
        (read_of(&db, 1), read_of(&db, 7), read_of(&db, 8)),
        (1, 1, 1)
    );
    let after = message_reads(&db);
    for (b, a) in before.iter().zip(&after) {
        assert!(
            a[1] >= b[1],
            "message {} went from {} to {}",
            b[0],
            b[1],
            a[1]
        );
    }
    assert!(recipient_rows(&db).is_empty());
}

/// `--verify` names the remedy for a read lost; `--repair-reads` (refused without --yes,
/// previewed with --dry-run) marks exactly those rows read, recorded as a run, and a second
/// repair finds nothing.
fn repair_reads_mends_read_lost(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 200);
    assert_eq!(migrate(&db, &["--yes"]).0, 0);
    // An application still on the old column marks 7 and 10 read there only.
    assert_eq!((is_read(7), is_read(10)), (0, 0));
    db.exec(&["UPDATE messages SET is_read = 1 WHERE id IN (7, 10)"]);
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!(code, 1, "{j}");
    assert_eq!(j["verification"]["is_read_mismatch"], 2, "{j}");
    let remedies = j["verification"]["remedies"].to_string();
    assert!(remedies.contains("--repair-reads"), "{j}");
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
    assert!(stdout(&out).contains("--repair-reads"), "{}", stdout(&out));

    let (code, _, err) = migrate(&db, &["--repair-reads"]);
    assert_eq!(code, 2, "no --yes, no terminal: {err}");
    assert!(err.contains("--yes"), "{err}");

    let (code, j, err) = migrate(&db, &["--repair-reads", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["repair_plan"]["reads_to_repair"], 2, "{j}");
    assert_eq!(
        j["repair_plan"]["first_reads_to_repair"],
        serde_json::json!([7, 10])
    );
    assert_eq!(
        db.int_of(&format!(
            "SELECT {} FROM message_recipients WHERE message_id IN (7, 10) AND is_read = 1",
            db.int("COUNT(*)")
        )),
        0,
        "the dry run changed nothing"
    );

    let (code, j, err) = migrate(
        &db,
        &[
            "--repair-reads",
            "--yes",
            "--batch-size",
            "50",
            "--chunk-time",
            "0",
        ],
    );
    assert_eq!(code, 0, "{err}\n{j}");
    assert_eq!(j["action"], "repair_reads", "{j}");
    assert_eq!(j["reads_repaired"], 2, "{j}");
    assert!(j["chunks"].as_i64().unwrap() >= 4, "in chunks: {j}");
    assert_eq!(
        db.int_of(&format!(
            "SELECT {} FROM redkit_migrations WHERE kind = 'repair_reads' AND status = 'done' AND rows_copied = 2",
            db.int("COUNT(*)")
        )),
        1,
        "recorded like a run"
    );
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!(code, 0, "{j}");
    let mut want = expected(200);
    for r in &mut want {
        if r[0] == 7 || r[0] == 10 {
            r[2] = 1;
        }
    }
    assert_eq!(recipient_rows(&db), want);
    let (code, j, _) = migrate(&db, &["--repair-reads", "--yes"]);
    assert_eq!((code, &j["reads_repaired"]), (0, &Value::from(0)), "{j}");
}

/// One step of a read history.
#[derive(Debug, Clone)]
enum Event {
    /// The old API marks message i read in messages.
    OldRead(usize),
    /// The new API marks message i read on its recipient row.
    NewRead(usize),
    /// The application adds a second recipient (its own row, never the run's) to message i.
    AddRecipient(usize, bool),
}

#[derive(Debug, Clone)]
struct History {
    /// Initial read state per message (None: NULL).
    initial: Vec<Option<bool>>,
    /// Rows copied by a first, partial run (the rest copied by a second run).
    partial: i64,
    between: Vec<Event>,
    after: Vec<Event>,
}

const N: usize = 24;

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        (0..N).prop_map(Event::OldRead),
        (0..N).prop_map(Event::NewRead),
        ((0..N), any::<bool>()).prop_map(|(i, r)| Event::AddRecipient(i, r)),
    ]
}

fn history() -> impl Strategy<Value = History> {
    (
        prop::collection::vec(prop_oneof![Just(None), any::<bool>().prop_map(Some)], N),
        1i64..=N as i64,
        prop::collection::vec(event(), 0..8),
        prop::collection::vec(event(), 0..12),
    )
        .prop_map(|(initial, partial, between, after)| History {
            initial,
            partial,
            between,
            after,
        })
}

/// Message i has id 10 * (i + 1) and receiver i % 5 + 1.
fn apply(db: &TestDb, events: &[Event], extra: &mut i64) {
    for e in events {
        let stmt = match e {
            Event::OldRead(i) => format!(
                "UPDATE messages SET is_read = 1 WHERE id = {}",
                10 * (i + 1)
            ),
            Event::NewRead(i) => format!(
                "UPDATE message_recipients SET is_read = 1 WHERE message_id = {}",
                10 * (i + 1)
            ),
            Event::AddRecipient(i, read) => {
                *extra += 1;
                format!(
                    "INSERT INTO message_recipients (message_id, recipient_id, is_read) VALUES ({}, {}, {})",
                    10 * (i + 1),
                    1000 + *extra,
                    i64::from(*read)
                )
            }
        };
        db.exec(&[&stmt]);
    }
}

fn one_history(kind: Kind, h: &History) -> Result<(), TestCaseError> {
    let db = TestDb::new(kind);
    db.exec(&[db.messages_ddl()]);
    let values: Vec<String> = h
        .initial
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let read = r.map_or("NULL".to_string(), |b| i64::from(b).to_string());
            format!(
                "({}, 1, {}, 't', 'c', {read}, '2025-10-01 10:00:00')",
                10 * (i + 1),
                i % 5 + 1
            )
        })
        .collect();
    db.exec(&[&format!(
        "INSERT INTO messages (id, sender_id, receiver_id, title, content, is_read, created_at) VALUES {}",
        values.join(", ")
    )]);
    let mut extra = 0;
    let (code, _, err) = migrate(
        &db,
        &[
            "--yes",
            "--batch-size",
            "5",
            "--chunk-time",
            "0",
            "--max-rows",
            &h.partial.to_string(),
        ],
    );
    prop_assert_eq!(code, 0, "{}", err);
    apply(&db, &h.between, &mut extra);
    let (code, _, err) = migrate(&db, &["--yes", "--batch-size", "7", "--chunk-time", "0"]);
    prop_assert!(code == 0 || code == 1, "{}", err);
    apply(&db, &h.after, &mut extra);

    // What the rollback must leave: every message read that was read in either place
    // (its own row's read), never less than before.
    let before = message_reads(&db);
    let row_reads = db.ints(&format!(
        "SELECT {}, {} FROM message_recipients r JOIN messages m ON m.id = r.message_id AND m.receiver_id = r.recipient_id",
        db.int("r.message_id"),
        db.int("COALESCE(r.is_read, 0)")
    ));
    let app_rows = db.int_of(&format!(
        "SELECT {} FROM message_recipients WHERE recipient_id > 1000",
        db.int("COUNT(*)")
    ));
    let (code, j, err) = migrate(&db, &["--rollback", "--dry-run"]);
    prop_assert_eq!(code, 0, "{}", err);
    let previewed = j["rollback_plan"]["read_states_to_copy_back"]
        .as_i64()
        .unwrap();
    let (code, j, err) = migrate(&db, &["--rollback", "--yes"]);
    prop_assert_eq!(code, 0, "{}", err);
    let after = message_reads(&db);
    let mut changed = 0;
    for (b, a) in before.iter().zip(&after) {
        let row_read = row_reads.iter().find(|r| r[0] == b[0]).map_or(0, |r| r[1]);
        let was_read = b[1] > 0;
        prop_assert!(
            !(was_read && a[1] <= 0),
            "message {} lost its read: {:?} -> {:?}",
            b[0],
            b,
            a
        );
        let want_read = was_read || row_read > 0;
        prop_assert_eq!(
            a[1] > 0,
            want_read,
            "message {}: before {:?}, row read {}, after {:?}",
            b[0],
            b,
            row_read,
            a
        );
        if a[1] != b[1] {
            changed += 1;
        }
    }
    prop_assert_eq!(j["read_state_restored"].as_i64(), Some(changed), "{}", j);
    prop_assert_eq!(
        previewed,
        changed,
        "the dry run previewed {} changes",
        previewed
    );
    // Only the application's own rows remain.
    prop_assert_eq!(
        db.int_of(&format!(
            "SELECT {} FROM message_recipients",
            db.int("COUNT(*)")
        )),
        app_rows
    );
    Ok(())
}

/// Rollback never lowers a read state, whatever happened before, between and after the
/// runs; what it changes it counts, and its dry run counts the same.
fn rollback_never_lowers_a_read_state(kind: Kind) {
    // Real databases: few cases, each a fresh database and four runs.
    let cases = match kind {
        Kind::Sqlite => 16,
        Kind::Mariadb | Kind::Postgres => 10,
    };
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&history(), |h| one_history(kind, &h))
        .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
}

on_every_database!(
    rollback_never_unreads,
    repair_reads_mends_read_lost,
    rollback_never_lowers_a_read_state,
);
