//! Tables are found as the database finds them: PostgreSQL through its search path (with the
//! default `"$user", public` and a schema named after the role, `messages` in `public` is
//! found), and schema-qualified names (`public.messages`, `appdb.messages`, `main.messages`)
//! are accepted from the config on every database.

use serde_json::Value;

use super::{expected, recipient_rows, seed};
use crate::support::db::{Kind, TestDb};
use crate::support::{redkit, stderr, stdout};

fn run_in(dir: &std::path::Path, url: &str, args: &[&str]) -> (i32, Value, String) {
    let out = redkit(dir)
        .args(["migrate"])
        .args(args)
        .args(["--database-url", url, "--format", "json"])
        .output()
        .unwrap();
    let json = serde_json::from_str(&stdout(&out)).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json, stderr(&out))
}

#[test]
fn postgres_search_path_finds_public_tables_beside_the_roles_schema() {
    let db = TestDb::new(Kind::Postgres);
    seed(&db, 120);
    let url = db.url_with_password("pw-search-path");
    let role = db.login_user();
    // `"$user"` now names a schema that exists: current_schema() is the role's, while
    // `messages` lives in `public`, where an unqualified name still finds it.
    db.exec(&[&format!("CREATE SCHEMA {role} AUTHORIZATION {role}")]);
    let dir = tempfile::tempdir().unwrap();
    let (code, j, err) = run_in(
        dir.path(),
        &url,
        &[
            "recipients",
            "--create-table",
            "--yes",
            "--batch-size",
            "50",
        ],
    );
    assert_eq!(code, 0, "{err}\n{j}");
    assert_eq!(j["migrated"], expected(120).len() as i64, "{j}");
    assert_eq!(j["verified"], true, "{j}");
    // Created where PostgreSQL creates an unqualified name: the first schema of the path.
    assert_eq!(
        db.int_of(&format!(
            "SELECT COUNT(*)::bigint FROM {role}.message_recipients"
        )),
        expected(120).len() as i64
    );
    let (code, j, err) = run_in(dir.path(), &url, &["recipients", "--verify"]);
    assert_eq!(code, 0, "{err}\n{j}");
    let (code, j, err) = run_in(dir.path(), &url, &["status"]);
    assert_eq!(code, 0, "{err}\n{j}");
    assert_eq!(j["remaining"], 0, "{j}");
}

/// Schema-qualified names in the config: the copy, its deferred indexes, verification,
/// status and rollback all work on the named tables.
fn qualified_names_are_accepted(kind: Kind) {
    let db = TestDb::new(kind);
    seed(&db, 150);
    let schema = match kind {
        Kind::Sqlite => "main".to_string(),
        Kind::Postgres => "public".to_string(),
        Kind::Mariadb => db.url.rsplit('/').next().unwrap().to_string(),
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("redkit.yaml"),
        format!(
            "migrate:\n  messages: {{ table: {schema}.messages }}\n  recipients: {{ table: {schema}.message_recipients }}\n  state_table: {schema}.redkit_migrations\n"
        ),
    )
    .unwrap();
    let (code, j, err) = run_in(
        dir.path(),
        &db.url,
        &[
            "recipients",
            "--create-table",
            "--yes",
            "--batch-size",
            "40",
        ],
    );
    assert_eq!(code, 0, "{err}\n{j}");
    assert_eq!(j["verified"], true, "{j}");
    assert_eq!(recipient_rows(&db), expected(150));
    // The three secondary indexes (and on PostgreSQL the foreign key) built after the copy.
    let built = j["indexes_built"].to_string();
    for col in ["recipient_id", "is_read", "created_at"] {
        assert!(
            built.contains(&format!("idx_message_recipients_{col}")),
            "{j}"
        );
    }
    let (code, j, err) = run_in(dir.path(), &db.url, &["recipients", "--verify"]);
    assert_eq!(code, 0, "{err}\n{j}");
    let (code, j, err) = run_in(dir.path(), &db.url, &["status"]);
    assert_eq!(code, 0, "{err}\n{j}");
    let (code, j, err) = run_in(dir.path(), &db.url, &["recipients", "--rollback", "--yes"]);
    assert_eq!(code, 0, "{err}\n{j}");
    assert!(recipient_rows(&db).is_empty());
    // Three parts, or anything but identifiers, is refused before connecting.
    std::fs::write(
        dir.path().join("redkit.yaml"),
        "migrate:\n  messages: { table: a.b.messages }\n",
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), &db.url, &["recipients", "--dry-run"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("migrate.messages.table"), "{err}");
}

on_every_database!(qualified_names_are_accepted);
