//! created_at survives the copy or the copy refuses: a DATETIME source into the seed's
//! TIMESTAMP column (MariaDB: 1970-01-01 00:00:01 .. 2038-01-19 03:14:07 UTC) is checked
//! first, in lax and strict sql_mode alike; `--created-at-out-of-range clamp|null` says how
//! to map; verification compares created_at on every database.

use serde_json::Value;

use super::migrate;
use crate::support::db::{Kind, TestDb};

/// Twenty messages of 2025, but 5 from 1965 and 9 from 2045.
fn seed_dates(db: &TestDb) {
    db.exec(&[db.messages_ddl()]);
    let values: Vec<String> = (1..=20)
        .map(|i| {
            let at = match i {
                5 => "1965-03-01 10:00:00".to_string(),
                9 => "2045-06-01 10:00:00".to_string(),
                _ => format!("2025-10-{:02} 10:00:00", i),
            };
            format!("({i}, 1, {}, 't', 'c', 0, '{at}')", i % 4 + 1)
        })
        .collect();
    db.exec(&[&format!(
        "INSERT INTO messages (id, sender_id, receiver_id, title, content, is_read, created_at) VALUES {}",
        values.join(", ")
    )]);
}

fn created_text(db: &TestDb, id: i64) -> Option<String> {
    let text = if db.kind == Kind::Postgres {
        "TEXT"
    } else {
        "CHAR"
    };
    let sql = format!(
        "SELECT CAST(created_at AS {text}) FROM message_recipients WHERE message_id = {id}"
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use sqlx::{Connection, Row};
        let mut c = sqlx::AnyConnection::connect(&db.url).await.unwrap();
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_one(&mut c)
            .await
            .unwrap();
        row.try_get::<Option<String>, _>(0).unwrap()
    })
}

fn out_of_range_is_refused_then_mapped(db: TestDb) {
    seed_dates(&db);
    // The ends of the TIMESTAMP range in the server's time zone, as the copy's session sees them.
    let ends = |sql: &str| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            use sqlx::{Connection, Row};
            let mut c = sqlx::AnyConnection::connect(&db.url).await.unwrap();
            let row = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
                .fetch_one(&mut c)
                .await
                .unwrap();
            row.try_get::<String, _>(0).unwrap()
        })
    };
    let lowest = ends("SELECT CAST(FROM_UNIXTIME(1) AS CHAR)");
    let highest = ends("SELECT CAST(FROM_UNIXTIME(2147483647) AS CHAR)");
    let (code, j, err) = migrate(&db, &["--yes"]);
    assert_eq!(code, 2, "{err}\n{j}");
    for says in [
        "5, 9",
        "1970-01-01 00:00:01",
        "2038-01-19 03:14:07",
        "--created-at-out-of-range",
    ] {
        assert!(err.contains(says), "{says}: {err}");
    }
    assert!(
        !db.has_table("message_recipients"),
        "refused before anything was created"
    );

    let (code, j, err) = migrate(&db, &["--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["created_at_check"]["out_of_range"], 2, "{j}");
    assert_eq!(
        j["created_at_check"]["first_out_of_range"],
        serde_json::json!([5, 9]),
        "{j}"
    );
    assert_eq!(j["created_at_check"]["mapping"], "refuse", "{j}");

    let (code, j, err) = migrate(&db, &["--yes", "--created-at-out-of-range", "clamp"]);
    assert_eq!(code, 0, "{err}\n{j}");
    assert_eq!(j["verified"], true, "{j}");
    assert_eq!(j["migrated"], 20, "{j}");
    assert_eq!(created_text(&db, 5), Some(lowest));
    assert_eq!(created_text(&db, 9), Some(highest));
    assert_eq!(created_text(&db, 3).as_deref(), Some("2025-10-03 10:00:00"));
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!(
        code, 0,
        "a clamped value is the operator's mapping, not a mismatch: {j}"
    );

    // A zero date (what lax mode wrote before) and a shifted time are mismatches.
    db.exec(&[
        "SET SESSION sql_mode = ''",
        "UPDATE message_recipients SET created_at = '0000-00-00 00:00:00' WHERE message_id = 5",
        "UPDATE message_recipients SET created_at = '2025-10-03 11:00:00' WHERE message_id = 3",
    ]);
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!(code, 1, "{j}");
    assert_eq!(j["verification"]["created_at_mismatch"], 2, "{j}");
    assert_eq!(
        j["verification"]["first_created_at_mismatch"],
        serde_json::json!([3, 5]),
        "{j}"
    );

    // null: the rows come without a time.
    db.exec(&[
        "DROP TABLE message_recipients",
        "DROP TABLE redkit_migrations_chunks",
        "DROP TABLE redkit_migrations",
    ]);
    let (code, j, err) = migrate(&db, &["--yes", "--created-at-out-of-range", "null"]);
    assert_eq!(code, 0, "{err}\n{j}");
    assert_eq!(j["verified"], true, "{j}");
    assert_eq!(created_text(&db, 5), None);
    assert_eq!(created_text(&db, 9), None);
    assert_eq!(created_text(&db, 4).as_deref(), Some("2025-10-04 10:00:00"));
}

#[test]
fn created_at_out_of_range_mariadb_strict() {
    let db = TestDb::new(Kind::Mariadb);
    out_of_range_is_refused_then_mapped(db);
}

#[test]
fn created_at_out_of_range_mariadb_lax() {
    out_of_range_is_refused_then_mapped(TestDb::mariadb_lax());
}

/// Every database: the copy keeps created_at exactly (the checksums and the row join both
/// see a changed one), and 1965 and 2045 pass where the column holds them.
fn created_at_is_verified(kind: Kind) {
    let db = TestDb::new(kind);
    seed_dates(&db);
    if kind == Kind::Mariadb {
        // A DATETIME target holds them: no refusal.
        db.exec(&[
            "CREATE TABLE message_recipients (id BIGINT AUTO_INCREMENT PRIMARY KEY, message_id BIGINT NOT NULL, \
             recipient_id BIGINT NOT NULL, is_read TINYINT(1) DEFAULT 0, read_at TIMESTAMP NULL, \
             created_at DATETIME NULL, UNIQUE KEY uk (message_id, recipient_id))",
        ]);
    }
    let (code, j, err) = migrate(&db, &["--yes"]);
    assert_eq!(code, 0, "{err}\n{j}");
    assert_eq!(j["verified"], true, "{j}");
    assert_eq!(j["created_at_check"]["out_of_range"], 0, "{j}");
    db.exec(&[
        "UPDATE message_recipients SET created_at = '2025-10-07 10:00:01' WHERE message_id = 7",
    ]);
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!(code, 1, "{j}");
    assert_eq!(j["verification"]["method"], Value::from("row_join"), "{j}");
    assert_eq!(j["verification"]["created_at_mismatch"], 1, "{j}");
    assert_eq!(
        j["verification"]["first_created_at_mismatch"],
        serde_json::json!([7]),
        "{j}"
    );
    assert!(
        j["verification"]["remedies"]
            .to_string()
            .contains("created_at"),
        "{j}"
    );
}

on_every_database!(created_at_is_verified);

/// PostgreSQL: an existing target column of a narrower time type (`timestamp(0)` rounds the
/// fraction away) is found before the copy as well, and `clamp` takes the nearest value the
/// column holds; verification accepts that and nothing else.
#[test]
fn postgres_narrower_target_column_is_refused_then_mapped() {
    let db = TestDb::new(Kind::Postgres);
    seed_dates(&db);
    db.exec(&[
        "UPDATE messages SET created_at = '2025-10-03 10:00:00.6' WHERE id = 3",
        "CREATE TABLE message_recipients (id BIGSERIAL PRIMARY KEY, message_id BIGINT NOT NULL, \
         recipient_id BIGINT NOT NULL, is_read SMALLINT DEFAULT 0, read_at TIMESTAMP NULL, \
         created_at TIMESTAMP(0) NULL, CONSTRAINT uk UNIQUE (message_id, recipient_id))",
    ]);
    let (code, j, err) = migrate(&db, &["--yes"]);
    assert_eq!(code, 2, "{err}\n{j}");
    assert!(err.contains("message id 3;"), "{err}");
    assert!(err.contains("timestamp(0)"), "{err}");
    assert_eq!(
        db.int_of("SELECT COUNT(*)::bigint FROM message_recipients"),
        0
    );
    let (code, j, err) = migrate(&db, &["--yes", "--created-at-out-of-range", "clamp"]);
    assert_eq!(code, 0, "{err}\n{j}");
    assert_eq!(j["verified"], true, "{j}");
    assert_eq!(
        created_text(&db, 3).as_deref(),
        Some("2025-10-03 10:00:01"),
        "rounded by the column"
    );
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!(code, 0, "{j}");
    db.exec(&[
        "UPDATE message_recipients SET created_at = '2025-10-03 10:00:02' WHERE message_id = 3",
    ]);
    let (code, j, _) = migrate(&db, &["--verify"]);
    assert_eq!(code, 1, "{j}");
    assert_eq!(
        j["verification"]["first_created_at_mismatch"],
        serde_json::json!([3]),
        "{j}"
    );
}
