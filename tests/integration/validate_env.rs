//! validate-env: spec levels and types, .env vs environment, masking, exit codes.

use serde_json::Value;

use crate::support::{redkit, run, stderr, stdout};

const SPEC: &str = r#"
env:
  required:
    QWEN_API_KEY: { secret: true, description: "LLM gateway key" }
    JWT_SECRET_KEY: { min_length: 32 }
  recommended:
    GLM_API_KEY: {}
  optional:
    REDIS_PORT: { type: port, default: 6379 }
    LOG_LEVEL: { type: enum, values: [debug, info, warn, error], default: info }
    ADMIN_EMAIL: { type: email }
    CALLBACK_URL: { type: url, schemes: [https] }
    WORKERS: { type: int, min: 1, max: 64 }
"#;

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", stdout(out)))
}

fn var<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["variables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in report"))
}

#[test]
fn all_good_exits_zero_with_masked_secrets() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("redkit.yaml"), SPEC).unwrap();
    std::fs::write(
        dir.path().join(".env"),
        "QWEN_API_KEY=sk-1234567890abcdef1234567890abcd23\nJWT_SECRET_KEY=0123456789abcdef0123456789abcdef\n",
    )
    .unwrap();
    let out = redkit(dir.path())
        .args(["validate-env", "--format", "json"])
        .env("GLM_API_KEY", "glm-key-from-the-real-env-0001")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let doc = json(&out);
    assert_eq!(doc["ok"], true);
    let q = var(&doc, "QWEN_API_KEY");
    assert_eq!(q["level"], "required");
    assert_eq!(q["status"], "ok");
    assert_eq!(q["secret"], true);
    assert_eq!(q["value"], "sk-1...cd23");
    assert_eq!(q["source"], ".env");
    assert_eq!(q["origin"], ".env:1");
    assert_eq!(var(&doc, "GLM_API_KEY")["source"], "env");
    assert_eq!(var(&doc, "REDIS_PORT")["status"], "default");
    assert_eq!(var(&doc, "REDIS_PORT")["value"], "6379");
    assert!(!stdout(&out).contains("0123456789abcdef0123456789abcdef"));
}

#[test]
fn missing_required_and_invalid_values_fail_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("redkit.yaml"), SPEC).unwrap();
    std::fs::write(
        dir.path().join(".env"),
        "JWT_SECRET_KEY=short\nREDIS_PORT=99999\nLOG_LEVEL=loud\nADMIN_EMAIL=ops@\nCALLBACK_URL=http://x.example\nWORKERS=0\n",
    )
    .unwrap();
    let out = redkit(dir.path())
        .args(["validate-env", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(doc["ok"], false);
    assert_eq!(var(&doc, "QWEN_API_KEY")["status"], "missing");
    assert_eq!(var(&doc, "QWEN_API_KEY")["value"], Value::Null);
    let jwt = var(&doc, "JWT_SECRET_KEY");
    assert_eq!(jwt["status"], "invalid");
    assert_eq!(jwt["reason"], "must be at least 32 characters, got 5");
    assert_eq!(
        var(&doc, "REDIS_PORT")["reason"],
        "port must be 1-65535, got 99999"
    );
    assert!(
        var(&doc, "LOG_LEVEL")["reason"]
            .as_str()
            .unwrap()
            .contains("one of debug, info")
    );
    assert_eq!(var(&doc, "ADMIN_EMAIL")["status"], "invalid");
    assert!(
        var(&doc, "CALLBACK_URL")["reason"]
            .as_str()
            .unwrap()
            .contains("scheme")
    );
    assert_eq!(var(&doc, "WORKERS")["reason"], "must be 1-64, got 0");

    // The table says the same, and names the failure.
    let out = redkit(dir.path()).arg("validate-env").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.starts_with("FAILED"), "{text}");
    assert!(text.contains("required but not set"));
    assert!(text.contains("port must be 1-65535, got 99999"));
}

#[test]
fn environment_wins_over_dotenv() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".env"), "REDIS_PORT=99999\n").unwrap();
    let out = redkit(dir.path())
        .args(["validate-env", "--format", "json"])
        .env("REDIS_PORT", "6380")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let doc = json(&out);
    assert_eq!(var(&doc, "REDIS_PORT")["value"], "6380");
    assert_eq!(var(&doc, "REDIS_PORT")["source"], "env");
    assert_eq!(doc["spec"], "built-in");
}

#[test]
fn strict_fails_on_missing_recommended() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.yaml");
    std::fs::write(&spec, "required:\n  A: {}\nrecommended:\n  B: {}\n").unwrap();
    let ok = redkit(dir.path())
        .args(["validate-env", "--spec", "spec.yaml"])
        .env("A", "1")
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
    let strict = redkit(dir.path())
        .args(["validate-env", "--spec", "spec.yaml", "--strict"])
        .env("A", "1")
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn unknown_dotenv_keys_warn_and_deny_unknown_fails() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".env"),
        "REDIS_HOST=h\nSTRAY_TOKEN=abcdefghijklmnopqrstuvwxyz\n",
    )
    .unwrap();
    let out = redkit(dir.path())
        .args(["validate-env", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    let stray = var(&doc, "STRAY_TOKEN");
    assert_eq!(stray["status"], "unknown");
    assert_eq!(stray["secret"], true);
    assert_eq!(stray["value"], "abc...xyz");
    let out = redkit(dir.path())
        .args(["validate-env", "--deny-unknown"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn example_file_keys_that_are_unset_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".env.example"),
        "REDIS_HOST=\nNEW_FEATURE_FLAG=\n",
    )
    .unwrap();
    let out = redkit(dir.path())
        .args([
            "validate-env",
            "--example",
            ".env.example",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    let v = var(&doc, "NEW_FEATURE_FLAG");
    assert_eq!(v["level"], "example");
    assert_eq!(v["status"], "missing");
    let out = redkit(dir.path())
        .args(["validate-env", "--example", ".env.example", "--strict"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn bad_spec_and_bad_dotenv_exit_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("spec.yaml"),
        "required:\n  A: {}\n  B: { type: colour }\n",
    )
    .unwrap();
    let out = redkit(dir.path())
        .args(["validate-env", "--spec", "spec.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("spec.yaml:3: B: unknown type 'colour'"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    std::fs::write(dir.path().join(".env"), "A=1\nthis is not an assignment\n").unwrap();
    let out = redkit(dir.path()).args(["validate-env"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(".env:2: malformed line"),
        "{}",
        stderr(&out)
    );

    let out = redkit(dir.path())
        .args(["validate-env", "--spec", "nope.yaml", "--no-env-file"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.yaml"));
}

#[test]
fn ndjson_prints_one_variable_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path())
        .args(["validate-env", "--format", "ndjson"])
        .output()
        .unwrap();
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7);
    assert!(
        lines
            .iter()
            .all(|l| l["name"].as_str().unwrap().starts_with("REDIS_"))
    );
}

const CONNECT_SPEC: &str = r#"
required:
  REDIS_URL: { type: redis-url, commands: [get, set, xadd, xreadgroup] }
  DATABASE_URL: { type: url, secret: true }
optional:
  REDIS_HOST: { default: 127.0.0.1 }
  REDIS_PORT: { type: port, default: 6379 }
  REDIS_PASSWORD: {}
"#;

fn connection<'a>(doc: &'a Value, variables: &str) -> &'a Value {
    doc["connections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["variables"] == variables)
        .unwrap_or_else(|| panic!("{variables} not in {doc}"))
}

#[test]
fn connect_tries_every_target_and_names_each_failure_masked() {
    use crate::support::{LEAK_SECRET, RedisServer, free_port};
    const APP_PASSWORD: &str = "App-Password-5b0e17c9a2";
    const DB_PASSWORD: &str = "Db-Password-88d1c03e4f";
    const WRONG: &str = "Wrong-Password-0c9e3b7a";
    let s = RedisServer::builder()
        .password(LEAK_SECRET)
        .arg(&format!("user app on >{APP_PASSWORD} ~* &* +@all -xadd"))
        .start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("spec.yaml"), CONNECT_SPEC).unwrap();
    let closed = free_port();
    let env = |c: &mut assert_cmd::Command, redis_password: &str, db: &str| {
        c.env(
            "REDIS_URL",
            format!("redis://app:{APP_PASSWORD}@127.0.0.1:{}", s.port),
        )
        .env("REDIS_PORT", s.port.to_string())
        .env("REDIS_PASSWORD", redis_password)
        .env("DATABASE_URL", db);
    };
    let bad_db = format!("mysql://app:{DB_PASSWORD}@127.0.0.1:{closed}/app");
    let mut all = String::new();
    let mut doc = Value::Null;
    for format in ["table", "json"] {
        let mut c = redkit(dir.path());
        c.args([
            "validate-env",
            "--spec",
            "spec.yaml",
            "--connect",
            "--format",
            format,
        ]);
        env(&mut c, WRONG, &bad_db);
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        all.push_str(&stdout(&out));
        all.push_str(&stderr(&out));
        if format == "json" {
            doc = json(&out);
        }
    }
    for secret in [LEAK_SECRET, APP_PASSWORD, DB_PASSWORD, WRONG] {
        assert!(!all.contains(secret), "{secret} leaked: {all}");
    }
    assert_eq!(doc["ok"], false);
    let url = connection(&doc, "REDIS_URL");
    assert_eq!(url["ok"], false);
    assert!(
        url["reason"].as_str().unwrap().contains("may not run xadd"),
        "{url}"
    );
    let denied: Vec<&str> = url["commands"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["allowed"] == false)
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    assert_eq!(denied, ["xadd"]);
    let parts = connection(&doc, "REDIS_HOST/REDIS_PORT/REDIS_PASSWORD");
    assert!(
        parts["reason"]
            .as_str()
            .unwrap()
            .contains("authentication failed (wrong password or user)"),
        "{parts}"
    );
    let db = connection(&doc, "DATABASE_URL");
    assert_eq!(db["kind"], "database");
    assert!(
        db["reason"]
            .as_str()
            .unwrap()
            .contains("connection refused"),
        "{db}"
    );
    assert!(db["target"].as_str().unwrap().contains("app:****@"), "{db}");

    // Right password, the database file appears while --wait retries: all good.
    let file = dir.path().join("app.db");
    let mut c = redkit(dir.path());
    c.args([
        "validate-env",
        "--spec",
        "spec.yaml",
        "--connect",
        "--wait",
        "30s",
    ]);
    c.args(["--format", "json"]);
    env(&mut c, LEAK_SECRET, &format!("sqlite://{}", file.display()));
    let creator = {
        let file = file.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(1500));
            std::fs::write(file, b"").unwrap();
        })
    };
    let out = c.output().unwrap();
    creator.join().unwrap();
    let doc = json(&out);
    // xadd is still denied to `app`: only REDIS_URL fails.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(connection(&doc, "DATABASE_URL")["ok"], true, "{doc}");
    assert_eq!(
        connection(&doc, "REDIS_HOST/REDIS_PORT/REDIS_PASSWORD")["ok"],
        true
    );
    assert_eq!(connection(&doc, "REDIS_URL")["ok"], false);

    // Without --connect nothing is tried and connections is null (the key stays).
    let mut c = redkit(dir.path());
    c.args(["validate-env", "--spec", "spec.yaml", "--format", "json"]);
    env(&mut c, WRONG, &bad_db);
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(json(&out)["connections"].is_null(), "{}", stdout(&out));
    assert!(json(&out).get("connections").is_some());
}

/// A least-privilege ACL user, allowed exactly the spec's commands plus PING, passes: the
/// arity lookup (COMMAND INFO) it may not run never turns into "denied". Without ACL DRYRUN the
/// commands are "not checked" (exit 0); with ACL DRYRUN but no COMMAND INFO each is judged,
/// and one it lacks is still denied.
#[test]
fn least_privilege_acl_users_pass_and_are_judged_without_command_info() {
    use crate::support::RedisServer;
    let s = RedisServer::builder()
        .arg("user app on >app-pw-1a2b3c ~* &* -@all +get +set +xadd +xreadgroup +ping")
        .arg("user dry on >dry-pw-1a2b3c ~* &* -@all +get +set +xadd +ping +acl|dryrun")
        .start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("spec.yaml"),
        "required:\n  REDIS_URL: { type: redis-url, commands: [get, set, xadd, xreadgroup, 'config get'] }\n",
    )
    .unwrap();
    let run = |user: &str| {
        let out = redkit(dir.path())
            .args([
                "validate-env",
                "--spec",
                "spec.yaml",
                "--connect",
                "--format",
                "json",
            ])
            .env(
                "REDIS_URL",
                format!("redis://{user}:{user}-pw-1a2b3c@127.0.0.1:{}", s.port),
            )
            .output()
            .unwrap();
        (out.status.code(), json(&out), stderr(&out))
    };

    // Only the spec's commands and PING: nothing can be checked, nothing fails.
    let (code, doc, err) = run("app");
    assert_eq!(code, Some(0), "{doc}\n{err}");
    let c = connection(&doc, "REDIS_URL");
    assert_eq!(c["ok"], true, "{c}");
    assert!(c["reason"].is_null(), "{c}");
    assert!(c["note"].as_str().unwrap().contains("not checked"), "{c}");
    assert_eq!(c["commands"], serde_json::json!([]), "{c}");

    // ACL DRYRUN but no COMMAND INFO: the arity is found by ACL DRYRUN itself.
    let (code, doc, err) = run("dry");
    assert_eq!(code, Some(1), "{doc}\n{err}");
    let c = connection(&doc, "REDIS_URL");
    let verdict = |name: &str| {
        c["commands"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["command"] == name)
            .unwrap_or_else(|| panic!("{name} not in {c}"))["allowed"]
            .clone()
    };
    for allowed in ["get", "set", "xadd"] {
        assert_eq!(verdict(allowed), true, "{allowed}: {c}");
    }
    for denied in ["xreadgroup", "config get"] {
        assert_eq!(verdict(denied), false, "{denied}: {c}");
    }
    let reason = c["reason"].as_str().unwrap();
    assert!(reason.contains("may not run xreadgroup, config get"), "{c}");
    assert!(!reason.contains("no such command"), "{c}");
    assert!(c["note"].is_null(), "{c}");
}

/// `--connect --wait` waits only for what is not there yet: a wrong password, a NOPERM and a
/// PostgreSQL wrong password end the wait at once, naming the answer.
#[test]
fn connect_wait_does_not_retry_an_answer_that_says_no() {
    use crate::support::RedisServer;
    use crate::support::db::{Kind, TestDb};
    let s = RedisServer::builder()
        .password("right-pw-9f8e7d")
        .arg("user noping on >np-pw-9f8e7d ~* -@all +get")
        .start();
    let pg = TestDb::new(Kind::Postgres);
    let wrong_pg = pg
        .url_with_password("pg-right-pw-1")
        .replace("pg-right-pw-1", "pg-wrong-pw-1");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("spec.yaml"),
        "required:\n  REDIS_URL: { type: redis-url }\noptional:\n  DATABASE_URL: { type: url }\n",
    )
    .unwrap();
    let redis_ok = format!("redis://:right-pw-9f8e7d@127.0.0.1:{}", s.port);
    let cases = [
        (
            format!("redis://:wrong-pw@127.0.0.1:{}", s.port),
            None,
            "REDIS_URL",
            "authentication failed",
        ),
        (
            format!("redis://noping:np-pw-9f8e7d@127.0.0.1:{}", s.port),
            None,
            "REDIS_URL",
            "NOPERM",
        ),
        (
            redis_ok.clone(),
            Some(wrong_pg.clone()),
            "DATABASE_URL",
            "authentication failed",
        ),
    ];
    for (redis_url, db, failing, want) in cases {
        let mut c = redkit(dir.path());
        c.args([
            "validate-env",
            "--spec",
            "spec.yaml",
            "--connect",
            "--wait",
            "12s",
            "--format",
            "json",
        ])
        .env("REDIS_URL", &redis_url);
        if let Some(db) = &db {
            c.env("DATABASE_URL", db);
        }
        let started = std::time::Instant::now();
        let out = c.output().unwrap();
        let took = started.elapsed();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(
            took < std::time::Duration::from_secs(5),
            "{failing} {want}: waited {took:?}"
        );
        let doc = json(&out);
        let conn = connection(&doc, failing);
        assert_eq!(conn["ok"], false, "{conn}");
        assert!(
            conn["reason"].as_str().unwrap().contains(want),
            "{want}: {conn}"
        );
        let text = format!("{}{}", stdout(&out), stderr(&out));
        for secret in [
            "wrong-pw",
            "np-pw-9f8e7d",
            "pg-wrong-pw-1",
            "right-pw-9f8e7d",
        ] {
            assert!(!text.contains(secret), "{secret}: {text}");
        }
    }
}

/// Every documented key of the JSON report is present whatever the run found: the report's
/// own keys, each variable's, and each connection's (`commands` is [] and `note` null when
/// nothing was checked), with and without --connect.
#[test]
fn json_report_keeps_every_documented_key() {
    use crate::support::RedisServer;
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("spec.yaml"),
        "required:\n  REDIS_URL: { type: redis-url }\n  JWT_SECRET_KEY: {}\noptional:\n  DATABASE_URL: { type: url }\n",
    )
    .unwrap();
    for connect in [false, true] {
        let mut c = redkit(dir.path());
        c.args(["validate-env", "--spec", "spec.yaml", "--format", "json"])
            .env("REDIS_URL", s.url())
            .env("DATABASE_URL", "sqlite:///nonexistent/app.db");
        // Without --connect a required variable is missing (its keys hold nulls).
        if connect {
            c.arg("--connect")
                .env("JWT_SECRET_KEY", "jwt-secret-0123456789abcdef");
        }
        let out = c.output().unwrap();
        let doc = json(&out);
        crate::support::assert_keys(
            &doc,
            &[
                "ok",
                "spec",
                "env_file",
                "strict",
                "summary",
                "variables",
                "warnings",
                "connections",
            ],
            "report",
        );
        crate::support::assert_keys(
            &doc["summary"],
            &["ok", "missing", "invalid", "default", "unknown"],
            "report",
        );
        for v in doc["variables"].as_array().unwrap() {
            crate::support::assert_keys(
                v,
                &[
                    "name",
                    "level",
                    "status",
                    "value",
                    "secret",
                    "type",
                    "source",
                    "origin",
                    "reason",
                    "description",
                    "fails",
                ],
                "report",
            );
        }
        if connect {
            let conns = doc["connections"].as_array().unwrap();
            assert_eq!(conns.len(), 2, "{doc}");
            for conn in conns {
                crate::support::assert_keys(
                    conn,
                    &[
                        "variables",
                        "kind",
                        "target",
                        "ok",
                        "reason",
                        "commands",
                        "note",
                    ],
                    "report",
                );
                assert!(conn["commands"].is_array(), "{conn}");
            }
        } else {
            assert!(doc["connections"].is_null(), "{doc}");
        }
    }
}

/// Commands with subcommands (XINFO, XGROUP, CLIENT, CONFIG), written alone, as `a|b` or as
/// `a b`: a user with every permission passes; a user allowed only some subcommands is judged
/// per subcommand (a container alone means all of them, so `xinfo` is denied naming the
/// refused ones); a user denied XGROUP is denied it. A command the server does not know is
/// "not checked" and never fails the run.
#[test]
fn subcommands_are_checked_and_a_full_permission_user_passes() {
    use crate::support::RedisServer;
    let s = RedisServer::builder()
        .arg("user part on >part-pw-1a2b3c ~* &* -@all +ping +get +xack +xinfo|stream +xgroup|create +client|setname +config|get +acl|dryrun +command|info")
        .arg("user nogroup on >nogroup-pw-1a2b3c ~* &* +@all -xgroup")
        .start();
    let dir = tempfile::tempdir().unwrap();
    let all = "[get, xgroup, xinfo, xack, 'xinfo|stream', 'client|setname', 'config get', 'xgroup create', 'XINFO STREAM', nosuchcmd, 'xinfo nosuchsub']";
    std::fs::write(
        dir.path().join("all.yaml"),
        format!("required:\n  REDIS_URL: {{ type: redis-url, commands: {all} }}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("subs.yaml"),
        "required:\n  REDIS_URL: { type: redis-url, commands: [get, xack, 'xinfo|stream', 'xgroup create', 'client|setname', 'config get'] }\n",
    )
    .unwrap();
    let run = |spec: &str, auth: &str| {
        let out = redkit(dir.path())
            .args([
                "validate-env",
                "--spec",
                spec,
                "--connect",
                "--format",
                "json",
            ])
            .env("REDIS_URL", format!("redis://{auth}127.0.0.1:{}", s.port))
            .output()
            .unwrap();
        let doc = json(&out);
        let c = connection(&doc, "REDIS_URL").clone();
        (out.status.code(), c)
    };
    let verdict = |c: &Value, name: &str| {
        c["commands"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["command"] == name)
            .unwrap_or_else(|| panic!("{name} not in {c}"))
            .clone()
    };

    // The default user may run everything: nothing is denied, the unknown ones not checked.
    let (code, c) = run("all.yaml", "");
    assert_eq!(code, Some(0), "{c}");
    assert_eq!(c["ok"], true, "{c}");
    for name in [
        "get",
        "xgroup",
        "xinfo",
        "xack",
        "xinfo|stream",
        "client|setname",
        "config get",
        "xgroup create",
        "xinfo stream",
    ] {
        assert_eq!(verdict(&c, name)["allowed"], true, "{name}: {c}");
    }
    for name in ["nosuchcmd", "xinfo nosuchsub"] {
        let v = verdict(&c, name);
        assert!(v["allowed"].is_null(), "{name}: {c}");
        assert!(v["reason"].as_str().unwrap().contains("not checked"), "{c}");
    }

    // Allowed exactly the subcommands it needs: passes when the spec names them.
    let (code, c) = run("subs.yaml", "part:part-pw-1a2b3c@");
    assert_eq!(code, Some(0), "{c}");
    for v in c["commands"].as_array().unwrap() {
        assert_eq!(v["allowed"], true, "{c}");
    }
    // The containers alone mean all their subcommands: denied, naming the refused ones.
    let (code, c) = run("all.yaml", "part:part-pw-1a2b3c@");
    assert_eq!(code, Some(1), "{c}");
    for name in [
        "xinfo|stream",
        "xgroup create",
        "client|setname",
        "config get",
        "xack",
    ] {
        assert_eq!(verdict(&c, name)["allowed"], true, "{name}: {c}");
    }
    let xinfo = verdict(&c, "xinfo");
    assert_eq!(xinfo["allowed"], false, "{c}");
    let why = xinfo["reason"].as_str().unwrap();
    assert!(
        why.contains("xinfo|groups") && !why.contains("xinfo|stream"),
        "{c}"
    );
    assert_eq!(verdict(&c, "xgroup")["allowed"], false, "{c}");
    assert!(
        c["reason"]
            .as_str()
            .unwrap()
            .contains("may not run xgroup, xinfo"),
        "{c}"
    );

    // Denied XGROUP: denied in every form, and nothing else.
    let (code, c) = run("all.yaml", "nogroup:nogroup-pw-1a2b3c@");
    assert_eq!(code, Some(1), "{c}");
    let denied: Vec<&str> = c["commands"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["allowed"] == false)
        .map(|x| x["command"].as_str().unwrap())
        .collect();
    assert_eq!(denied, ["xgroup", "xgroup create"], "{c}");
    assert!(
        verdict(&c, "xgroup create")["reason"]
            .as_str()
            .unwrap()
            .contains("no permissions to run the 'xgroup|create' command"),
        "{c}"
    );
}

/// Without COMMAND INFO (a least-privilege user with only ACL DRYRUN), a subcommand is still
/// judged by ACL DRYRUN finding its arity, and a container written alone cannot be formed: it is
/// "not checked", never denied.
#[test]
fn subcommands_are_judged_without_command_info() {
    use crate::support::RedisServer;
    let s = RedisServer::builder()
        .arg("user dry on >dry-pw-1a2b3c ~* &* -@all +ping +acl|dryrun +xinfo|stream")
        .start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("spec.yaml"),
        "required:\n  REDIS_URL: { type: redis-url, commands: ['xinfo|stream', xinfo, 'xgroup create'] }\n",
    )
    .unwrap();
    let out = redkit(dir.path())
        .args([
            "validate-env",
            "--spec",
            "spec.yaml",
            "--connect",
            "--format",
            "json",
        ])
        .env(
            "REDIS_URL",
            format!("redis://dry:dry-pw-1a2b3c@127.0.0.1:{}", s.port),
        )
        .output()
        .unwrap();
    let doc = json(&out);
    let c = connection(&doc, "REDIS_URL");
    let row = |name: &str| {
        c["commands"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["command"] == name)
            .unwrap_or_else(|| panic!("{name} not in {c}"))
            .clone()
    };
    assert_eq!(row("xinfo|stream")["allowed"], true, "{c}");
    assert!(row("xinfo")["allowed"].is_null(), "{c}");
    assert_eq!(row("xgroup create")["allowed"], false, "{c}");
    assert!(
        c["reason"]
            .as_str()
            .unwrap()
            .contains("may not run xgroup create"),
        "{c}"
    );
    assert!(!c["reason"].as_str().unwrap().contains("xinfo"), "{c}");
    assert_eq!(out.status.code(), Some(1), "{c}");
}

mod gate {
    //! The gate agrees with what the application reads next: its `.env` dialect, what was
    //! not checked, the values people get wrong, secrets from files, the example file.

    use std::os::unix::fs::PermissionsExt;

    use crate::support::run;
    use serde_json::Value;

    fn var<'a>(doc: &'a Value, name: &str) -> &'a Value {
        doc["variables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == name)
            .unwrap_or_else(|| panic!("{name} not in {doc}"))
    }

    #[test]
    fn from_root_with_no_spec_it_says_what_was_not_checked() {
        // Run from `/` (a start.sh without cd): no spec, no .env.
        let ran = run(std::path::Path::new("/"))
            .args(["validate-env", "-q"])
            .expect(0);
        assert!(ran.stdout.is_empty(), "{ran}");
        assert!(
            ran.stderr.contains("no spec found from /")
                && ran.stderr.contains("no .env was found (looked for /.env)")
                && ran
                    .stderr
                    .contains("the application's variables were not checked"),
            "{ran}"
        );
        assert_eq!(ran.stderr.lines().count(), 1, "once: {ran}");
        let ran = run(std::path::Path::new("/"))
            .args(["validate-env", "--require-spec"])
            .expect(2);
        assert!(ran.stderr.contains("--require-spec"), "{ran}");
        // The config's env.require_spec, in a config without levels.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("redkit.yaml"),
            "env:\n  require_spec: true\n",
        )
        .unwrap();
        let ran = run(dir.path()).args(["validate-env"]).expect(2);
        assert!(ran.stderr.contains("env.require_spec"), "{ran}");
    }

    #[test]
    fn the_dotenv_is_read_as_python_dotenv_by_default_and_in_the_chosen_dialect() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("spec.yaml"),
            "optional:\n  VAR: {}\n  OTHER: {}\n  Q: {}\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join(".env"),
            "OTHER=o\nVAR=${NOPE-dflt}$OTHER\nQ='${OTHER}'\n",
        )
        .unwrap();
        let value = |dialect: Option<&str>, name: &str| {
            let mut args = vec!["validate-env", "--spec", "spec.yaml", "--format", "json"];
            if let Some(d) = dialect {
                args.extend(["--dotenv", d]);
            }
            let doc = run(dir.path()).args(args).expect(0).json();
            var(&doc, name)["value"].clone()
        };
        // python-dotenv: `${N-d}` is a reference to a variable named `N-d`, `$N` stays.
        assert_eq!(value(None, "VAR"), "$OTHER");
        assert_eq!(value(None, "Q"), "o");
        assert_eq!(value(Some("shell"), "VAR"), "dflto");
        assert_eq!(value(Some("shell"), "Q"), "${OTHER}");
        assert_eq!(value(Some("compose"), "Q"), "${OTHER}");
        // The config key sets it once.
        std::fs::write(
            dir.path().join("redkit.yaml"),
            "env:\n  dotenv_dialect: shell\n",
        )
        .unwrap();
        assert_eq!(value(None, "VAR"), "dflto");
        let doc = run(dir.path())
            .args(["config", "--format", "json"])
            .expect(0)
            .json();
        assert!(doc.to_string().contains("env.dotenv_dialect"), "{doc}");
    }

    #[test]
    fn a_line_python_dotenv_skips_is_refused_by_its_line_without_its_text() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(".env"),
            "A=1\nTOKEN='Kx9vSecretPart\nB=2\nC=\"x\" Lp4tSecretPart\n",
        )
        .unwrap();
        let ran = run(dir.path()).args(["validate-env"]).expect(2);
        assert!(
            ran.stderr.contains(".env:2:") && ran.stderr.contains("also line 4"),
            "{ran}"
        );
        assert!(!ran.all().contains("SecretPart"), "{ran}");
    }

    #[test]
    fn empty_shadowed_and_misspelt_values_say_so() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("spec.yaml"),
            "required:\n  QWEN_API_KEY: {}\n  JWT_SECRET_KEY: {}\noptional:\n  REDIS_HOST: {}\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join(".env"),
            "QWEN_API_KEY=\nREDIS_HOST=from-file\nJWT_SECRT_KEY=abcdefgh\n",
        )
        .unwrap();
        let ran = run(dir.path())
            .env("REDIS_HOST", "from-env")
            .args(["validate-env", "--spec", "spec.yaml", "--format", "json"])
            .expect(1);
        let doc = ran.json();
        let q = var(&doc, "QWEN_API_KEY");
        assert_eq!(q["status"], "empty", "{doc}");
        assert_eq!(q["reason"], "set but empty (.env:1)", "{doc}");
        assert_eq!(doc["summary"]["empty"], 1);
        assert_eq!(var(&doc, "REDIS_HOST")["note"], "env overrides .env:2");
        let typo = var(&doc, "JWT_SECRT_KEY");
        assert!(
            typo["reason"]
                .as_str()
                .unwrap()
                .ends_with("did you mean JWT_SECRET_KEY?"),
            "{doc}"
        );
        assert_eq!(var(&doc, "JWT_SECRET_KEY")["status"], "missing");
        let table = run(dir.path())
            .args(["validate-env", "--spec", "spec.yaml"])
            .expect(1);
        assert!(
            table.stdout.contains("set but empty (.env:1)")
                && table.stdout.contains("did you mean JWT_SECRET_KEY?")
                && table
                    .stdout
                    .contains("JWT_SECRT_KEY is set (.env:3): a typo?"),
            "{table}"
        );
    }

    fn secret(dir: &std::path::Path, name: &str, text: &str, mode: u32) -> String {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        p.display().to_string()
    }

    /// `--connect` (and so `run --wait`) tries the values the check read, files included: a
    /// password from REDIS_PASSWORD_FILE authenticates, a URL from REDIS_URL_FILE is the one
    /// tried (it used to be skipped: `connections (0)`, exit 0).
    #[test]
    fn connect_uses_the_values_read_from_files() {
        use crate::support::{RedisServer, free_port};
        let pw = "Zq8FileSecretPw";
        let s = RedisServer::builder().password(pw).start();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let pw_file = secret(d, "pw", &format!("{pw}\n"), 0o600);
        let port = s.port.to_string();
        let ran = run(d)
            .args(["validate-env", "--connect", "--format", "json"])
            .envs(&[
                ("REDIS_HOST", "127.0.0.1"),
                ("REDIS_PORT", &port),
                ("REDIS_PASSWORD_FILE", &pw_file),
            ])
            .output();
        assert_eq!(ran.code, Some(0), "{ran}");
        let doc = ran.json();
        let conns = doc["connections"].as_array().unwrap();
        assert!(
            !conns.is_empty() && conns.iter().all(|c| c["ok"] == true),
            "{doc}"
        );
        assert!(!ran.all().contains(pw), "{ran}");

        let dead = format!("redis://127.0.0.1:{}/0\n", free_port());
        let url_file = secret(d, "url", &dead, 0o600);
        let ran = run(d)
            .args(["validate-env", "--connect", "--format", "json"])
            .envs(&[("REDIS_URL_FILE", &url_file)])
            .output();
        assert_eq!(ran.code, Some(1), "{ran}");
        let doc = ran.json();
        let url = doc["connections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["variables"] == "REDIS_URL")
            .unwrap_or_else(|| panic!("REDIS_URL from its file was not tried: {doc}"));
        assert_eq!(url["ok"], false, "{doc}");
        assert!(
            url["reason"]
                .as_str()
                .unwrap()
                .contains("connection refused"),
            "{doc}"
        );
    }

    #[test]
    fn a_relative_secrets_dir_in_the_config_is_relative_to_the_configs_folder() {
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("conf");
        std::fs::create_dir_all(conf.join("secrets")).unwrap();
        std::fs::write(
            conf.join("redkit.yaml"),
            "env:\n  secrets_dir: secrets\n  required:\n    DB_PASSWORD: {}\n",
        )
        .unwrap();
        // Named in lower case, as pydantic-settings' secrets_dir matches by default.
        secret(
            &conf.join("secrets"),
            "db_password",
            "Qw7zSecretPart3\n",
            0o600,
        );
        // Run from elsewhere (a unit without WorkingDirectory): the folder is the config's.
        let elsewhere = tempfile::tempdir().unwrap();
        let config = conf.join("redkit.yaml").display().to_string();
        let ran = run(elsewhere.path())
            .args(["validate-env", "--config", &config, "--format", "json"])
            .output();
        assert_eq!(ran.code, Some(0), "{ran}");
        let doc = ran.json();
        assert_eq!(var(&doc, "DB_PASSWORD")["source"], "file", "{doc}");
        assert!(!ran.to_string().contains("Qw7zSecretPart3"), "{ran}");
    }

    #[test]
    fn a_name_file_the_spec_declares_is_a_variable_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // CONFIG and CONFIG_FILE both in the spec: the application reads both.
        std::fs::write(
            d.join("spec.yaml"),
            "required:\n  CONFIG: {}\n  CONFIG_FILE: {}\n",
        )
        .unwrap();
        let ran = run(d)
            .args(["validate-env", "--spec", "spec.yaml", "--format", "json"])
            .envs(&[("CONFIG", "inline"), ("CONFIG_FILE", "/etc/app/app.yaml")])
            .output();
        assert_eq!(ran.code, Some(0), "{ran}");
        let doc = ran.json();
        assert_eq!(var(&doc, "CONFIG")["status"], "ok", "{doc}");
        assert_eq!(var(&doc, "CONFIG")["source"], "env", "{doc}");
        assert_eq!(
            var(&doc, "CONFIG_FILE")["value"],
            "/etc/app/app.yaml",
            "{doc}"
        );
    }

    #[test]
    fn secrets_come_from_var_file_and_secrets_dir() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(
            d.join("spec.yaml"),
            "required:\n  DB_PASSWORD: {}\n  TLS_KEY: { file_mode: whole }\n",
        )
        .unwrap();
        let pw = secret(d, "pw", "Kx9vSecretPart1\nsecond line\n", 0o600);
        let key = secret(d, "key", "-----BEGIN-----\nLp4tSecretPart2\n", 0o600);
        let check = |extra: &[&str], env: &[(&str, &str)]| {
            let mut args = vec!["validate-env", "--spec", "spec.yaml", "--format", "json"];
            args.extend_from_slice(extra);
            run(d).args(args).envs(env).output()
        };
        let ran = check(&[], &[("DB_PASSWORD_FILE", &pw), ("TLS_KEY_FILE", &key)]);
        assert_eq!(ran.code, Some(0), "{ran}");
        let doc = ran.json();
        let p = var(&doc, "DB_PASSWORD");
        assert_eq!(
            (p["status"].as_str(), p["source"].as_str()),
            (Some("ok"), Some("file"))
        );
        assert_eq!(p["origin"], pw.as_str());
        assert!(p["secret"].as_bool().unwrap(), "{doc}");
        // The first line (its mask ends as the line does), the whole key file (with its
        // last line end).
        assert!(p["value"].as_str().unwrap().ends_with('1'), "{doc}");
        assert!(
            var(&doc, "TLS_KEY")["value"]
                .as_str()
                .unwrap()
                .ends_with('\n'),
            "{doc}"
        );
        assert!(!ran.all().contains("SecretPart"), "{ran}");

        // Readable by others: a warning, and a failure under --strict.
        let open = secret(d, "open", "Kx9vSecretPart3\n", 0o644);
        let env = [
            ("DB_PASSWORD_FILE", open.as_str()),
            ("TLS_KEY_FILE", key.as_str()),
        ];
        let ran = check(&[], &env);
        assert_eq!(ran.code, Some(0), "{ran}");
        assert!(
            ran.json()["warnings"]
                .to_string()
                .contains("readable by group or others"),
            "{ran}"
        );
        assert_eq!(check(&["--strict"], &env).code, Some(1));
        // Also under -q (the start.sh gate): the run passes, and says it on stderr (review F1).
        let ran = run(d)
            .args(["validate-env", "--spec", "spec.yaml", "-q"])
            .envs(&env)
            .expect(0);
        assert!(ran.stdout.is_empty(), "{ran}");
        assert!(
            ran.stderr
                .contains("readable by group or others (mode 0644)")
                && ran.stderr.contains(open.as_str()),
            "{ran}"
        );
        assert!(!ran.all().contains("SecretPart"), "{ran}");

        // A missing file, and both forms at once: named, exit 1.
        let ran = check(
            &[],
            &[
                ("DB_PASSWORD_FILE", "/no/such/secret"),
                ("TLS_KEY_FILE", &key),
            ],
        );
        assert_eq!(ran.code, Some(1), "{ran}");
        assert!(
            var(&ran.json(), "DB_PASSWORD")["reason"]
                .as_str()
                .unwrap()
                .contains("/no/such/secret (from DB_PASSWORD_FILE): no such file")
        );
        let ran = check(
            &[],
            &[
                ("DB_PASSWORD", "direct"),
                ("DB_PASSWORD_FILE", &pw),
                ("TLS_KEY_FILE", &key),
            ],
        );
        assert_eq!(ran.code, Some(1), "{ran}");
        assert!(
            var(&ran.json(), "DB_PASSWORD")["reason"]
                .as_str()
                .unwrap()
                .contains("ambiguous")
        );

        // env.secrets_dir: the file named after the variable.
        let sd = d.join("secrets");
        std::fs::create_dir(&sd).unwrap();
        secret(&sd, "DB_PASSWORD", "Kx9vSecretPart4\n", 0o600);
        secret(&sd, "TLS_KEY", "Kx9vSecretPart5", 0o400);
        let ran = check(&["--secrets-dir", sd.to_str().unwrap()], &[]);
        assert_eq!(ran.code, Some(0), "{ran}");
        assert_eq!(var(&ran.json(), "TLS_KEY")["source"], "file");
        let ran = check(
            &["--secrets-dir", sd.to_str().unwrap()],
            &[("DB_PASSWORD", "x")],
        );
        assert_eq!(ran.code, Some(1), "{ran}");
    }

    #[test]
    fn write_example_round_trips_and_drift_is_reported_both_ways() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(
            d.join("spec.yaml"),
            "required:\n  QWEN_API_KEY: { description: \"LLM gateway key\" }\nrecommended:\n  GREETING: { default: \"hello world # not a comment\" }\noptional:\n  REDIS_PORT: { type: port, default: 6379 }\n  LOG_LEVEL: { default: \"it's \\\"done\\\"\" }\n",
        )
        .unwrap();
        run(d)
            .args([
                "validate-env",
                "--spec",
                "spec.yaml",
                "--write-example",
                ".env.example",
            ])
            .expect(0);
        let text = std::fs::read_to_string(d.join(".env.example")).unwrap();
        assert!(
            text.contains("# --- required ---") && text.contains("# LLM gateway key"),
            "{text}"
        );
        assert!(
            text.contains("QWEN_API_KEY=\n") && text.contains("QWEN_API_KEY_FILE"),
            "{text}"
        );
        // Variables with a default are commented out, so a copied example keeps them.
        assert!(
            text.contains("# REDIS_PORT=6379\n") && !text.contains("\nREDIS_PORT="),
            "{text}"
        );
        // Read back in every dialect, uncommented: the defaults as written in the spec.
        let uncommented: String = text
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(kv) if kv.split_once('=').is_some_and(|(k, _)| !k.contains(' ')) => kv,
                _ => l,
            })
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(d.join(".env.uncommented"), uncommented).unwrap();
        for dialect in ["python", "shell", "compose"] {
            let out = run(d)
                .env("REDKIT_PRINT_DOTENV", "1")
                .args([
                    "validate-env",
                    "--env-file",
                    ".env.uncommented",
                    "--dotenv",
                    dialect,
                ])
                .expect(0)
                .json();
            let v = &out["values"];
            assert_eq!(
                v["GREETING"], "hello world # not a comment",
                "{dialect}: {out}"
            );
            assert_eq!(v["REDIS_PORT"], "6379", "{dialect}");
            assert_eq!(v["LOG_LEVEL"], "it's \"done\"", "{dialect}: {out}");
            assert_eq!(v["QWEN_API_KEY"], "", "{dialect}");
        }
        let ran = run(d)
            .args([
                "validate-env",
                "--spec",
                "spec.yaml",
                "--example",
                ".env.example",
                "--no-env-file",
                "--format",
                "json",
            ])
            .output();
        let doc = ran.json();
        assert_eq!(
            doc["drift"]["missing_from_example"],
            serde_json::json!([]),
            "{ran}"
        );
        assert_eq!(
            doc["drift"]["missing_from_spec"],
            serde_json::json!([]),
            "{ran}"
        );
        // Drift both ways.
        std::fs::write(
            d.join(".env.example"),
            text.replace("# REDIS_PORT=6379\n", "") + "EXTRA_KEY=\n",
        )
        .unwrap();
        let ran = run(d)
            .args([
                "validate-env",
                "--spec",
                "spec.yaml",
                "--example",
                ".env.example",
                "--no-env-file",
                "--format",
                "json",
                "--strict",
            ])
            .expect(1);
        let doc = ran.json();
        assert_eq!(
            doc["drift"]["missing_from_example"],
            serde_json::json!(["REDIS_PORT"]),
            "{ran}"
        );
        assert_eq!(
            doc["drift"]["missing_from_spec"],
            serde_json::json!(["EXTRA_KEY"]),
            "{ran}"
        );
    }

    #[test]
    fn write_example_keeps_a_secret_default_commented_out() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(
            d.join("spec.yaml"),
            "optional:\n  TOKEN: { secret: true, default: s3cr3t-default }\n  MODE: { default: fast }\n",
        )
        .unwrap();
        run(d)
            .args([
                "validate-env",
                "--spec",
                "spec.yaml",
                "--write-example",
                ".env.example",
            ])
            .expect(0);
        let text = std::fs::read_to_string(d.join(".env.example")).unwrap();
        assert!(
            text.contains("# TOKEN=\n") && !text.contains("s3cr3t"),
            "{text}"
        );
        assert!(text.contains("# MODE=fast\n"), "{text}");
        // After `cp .env.example .env` the application gets the defaults, not "".
        std::fs::copy(d.join(".env.example"), d.join(".env")).unwrap();
        let out = run(d)
            .args(["validate-env", "--spec", "spec.yaml", "--format", "json"])
            .expect(0)
            .json();
        let src = |n: &str| {
            out["variables"]
                .as_array()
                .unwrap()
                .iter()
                .find(|v| v["name"] == n)
                .unwrap()["source"]
                .clone()
        };
        assert_eq!(src("TOKEN"), "default", "{out}");
        assert_eq!(src("MODE"), "default", "{out}");
    }

    #[cfg(unix)]
    #[test]
    fn write_example_refuses_devices_links_and_bad_paths_and_keeps_the_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("spec.yaml"), "optional:\n  MODE: {}\n").unwrap();
        let target = d.join("real.example");
        std::fs::write(&target, "old\n").unwrap();
        std::os::unix::fs::symlink(&target, d.join("link")).unwrap();
        for bad in ["/dev/full", "/dev/null", ".", "no/such/dir/x"] {
            let ran = run(d)
                .args([
                    "validate-env",
                    "--spec",
                    "spec.yaml",
                    "--write-example",
                    bad,
                ])
                .expect(2);
            assert!(ran.stderr.contains(bad), "{bad}: {ran}");
        }
        // A link at the name is replaced by the file, never followed (as for every file
        // redkit writes: a planted link cannot redirect a write).
        run(d)
            .args([
                "validate-env",
                "--spec",
                "spec.yaml",
                "--write-example",
                "link",
            ])
            .expect(0);
        assert!(
            std::fs::symlink_metadata(d.join("link"))
                .unwrap()
                .file_type()
                .is_file()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");
        // `-` is stdout, not a file named `-`.
        let ran = run(d)
            .args([
                "validate-env",
                "--spec",
                "spec.yaml",
                "--write-example",
                "-",
            ])
            .expect(0);
        assert!(ran.stdout.contains("MODE="), "{ran}");
        assert!(!d.join("-").exists());
        // A file that --write-example did not write (the .env, a secret file, the spec) is
        // never replaced (review F5): exit 2 naming it, the file as it was.
        std::fs::write(d.join(".env"), "TOKEN=Kx9vSecretPart\n").unwrap();
        for kept in ["real.example", ".env", "spec.yaml"] {
            let before = std::fs::read(d.join(kept)).unwrap();
            let ran = run(d)
                .args([
                    "validate-env",
                    "--spec",
                    "spec.yaml",
                    "--write-example",
                    kept,
                ])
                .expect(2);
            assert!(
                ran.stderr.contains(kept) && ran.stderr.contains("not written by --write-example"),
                "{ran}"
            );
            assert_eq!(std::fs::read(d.join(kept)).unwrap(), before, "{kept}");
        }
        // One it wrote is replaced, and keeps its mode.
        std::fs::write(
            &target,
            "# Written by `redkit validate-env --write-example` from x.\nOLD=\n",
        )
        .unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        run(d)
            .args([
                "validate-env",
                "--spec",
                "spec.yaml",
                "--write-example",
                "real.example",
            ])
            .expect(0);
        let m = std::fs::metadata(&target).unwrap();
        assert_eq!(m.permissions().mode() & 0o7777, 0o640);
        assert!(std::fs::read_to_string(&target).unwrap().contains("MODE="));
    }
}

mod gate_defects {
    //! What the gate refuses or says rather than reading something else than the application
    //! does: non-regular files, NUL bytes, terminal escapes, short typos, a byte-order mark,
    //! and errors as JSON documents.

    use std::path::Path;
    use std::process::Command;

    use crate::support::{have, run};

    fn mkfifo(p: &Path) {
        let ok = Command::new("mkfifo").arg(p).status().unwrap();
        assert!(ok.success(), "mkfifo {}", p.display());
    }

    /// A FIFO, a directory or a device as the `.env` or as a secret file is refused by its
    /// kind at once (the test's runs have a timeout, so a wait fails them rather than hanging);
    /// a default `./.env` that is one is said, not skipped in silence. Other files named by
    /// flags may still be pipes (`--password-file <(…)`, `--example <(…)`).
    #[test]
    fn non_regular_files_are_refused_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        mkfifo(&d.join("fifo"));
        std::fs::create_dir(d.join("adir")).unwrap();
        for bad in ["fifo", "adir", "/dev/null"] {
            let ran = run(d).args(["validate-env", "--env-file", bad]).expect(2);
            let lines: Vec<&str> = ran.stderr.lines().collect();
            assert_eq!(lines.len(), 1, "{ran}");
            assert!(
                lines[0].contains(bad) && lines[0].contains("not a regular file"),
                "{ran}"
            );
        }
        // The default ./.env: said even under -q.
        mkfifo(&d.join(".env"));
        let ran = run(d).args(["validate-env", "-q"]).output();
        assert!(
            ran.stderr
                .contains("./.env is a FIFO (named pipe), not a regular file: not read"),
            "{ran}"
        );
        std::fs::remove_file(d.join(".env")).unwrap();
        // Secret files: VAR_FILE and secrets_dir.
        std::fs::write(d.join("spec.yaml"), "required:\n  TOKEN: {}\n").unwrap();
        let ran = run(d)
            .env("TOKEN_FILE", d.join("fifo"))
            .args(["validate-env", "--spec", "spec.yaml"])
            .expect(1);
        assert!(
            ran.stdout
                .contains("fifo (from TOKEN_FILE): a FIFO (named pipe), not a regular file"),
            "{ran}"
        );
        std::fs::create_dir(d.join("secrets")).unwrap();
        mkfifo(&d.join("secrets/TOKEN"));
        let ran = run(d)
            .args([
                "validate-env",
                "--spec",
                "spec.yaml",
                "--secrets-dir",
                "secrets",
            ])
            .expect(1);
        assert!(
            ran.stdout
                .contains("a FIFO (named pipe), not a regular file"),
            "{ran}"
        );
        // Pipes where only redkit reads: still fine.
        if have("bash", Command::new("bash").args(["-c", "true"])) {
            let out = Command::new("timeout")
                .args(["30", "bash", "-c"])
                .arg(
                    "\"$0\" config --password-file <(printf 'pw-from-a-pipe\\n') --format json \
                     && \"$0\" validate-env --spec spec.yaml --example <(printf 'TOKEN=\\n') -q \
                        --no-env-file; echo \"rc=$?\"",
                )
                .arg(env!("CARGO_BIN_EXE_redkit"))
                .current_dir(d)
                .env("TOKEN", "t")
                .env("HOME", d)
                .env(
                    "REDKIT_SYSTEM_CONFIG_DIR",
                    crate::support::empty_system_config_dir(),
                )
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                text.contains("rc=0") && !text.contains("pw-from-a-pipe"),
                "{text} {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }

    /// A NUL byte cannot be in any process environment: refused at parse in every dialect,
    /// naming `.env:LINE`. python-dotenv itself fails there (os.environ refuses it).
    #[test]
    fn a_nul_byte_is_refused_in_every_dialect() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join(".env"), b"A=1\nB=x\0y\nC=3\n").unwrap();
        for dialect in ["python", "shell", "compose", "dotenvy"] {
            let ran = run(d).args(["validate-env", "--dotenv", dialect]).expect(2);
            assert!(
                ran.stderr.contains(".env:2:") && ran.stderr.contains("NUL byte"),
                "{dialect}: {ran}"
            );
            assert!(!ran.stderr.contains('\0'), "{ran}");
        }
        if have(
            "python-dotenv",
            Command::new("python3").args(["-c", "import dotenv"]),
        ) {
            let out = Command::new("python3")
                .args(["-c", "from dotenv import load_dotenv; load_dotenv('.env')"])
                .current_dir(d)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success() && err.contains("null byte"), "{err}");
        }
    }

    /// Keys, values and paths with terminal sequences (ESC [2J clears the screen, a CR rewrites
    /// the line) are shown escaped in the table, the warnings and the errors.
    #[test]
    fn control_bytes_are_shown_escaped() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("spec.yaml"), "optional:\n  PLAIN: {}\n").unwrap();
        let name = "e\u{1b}[2J\r.env";
        std::fs::write(
            d.join(name),
            "K\u{1b}[2J=\"v\u{1b}[2J\\rx\"\nK\u{1b}[2J=again\n",
        )
        .unwrap();
        let ran = run(d)
            .args(["validate-env", "--spec", "spec.yaml", "--env-file", name])
            .expect(0);
        let all = ran.all();
        assert!(!all.contains('\u{1b}') && !all.contains('\r'), "{all:?}");
        assert!(
            all.contains("K\\x1b[2J") && all.contains("e\\x1b[2J\\r.env"),
            "{all}"
        );
        // The value that won is shown escaped too.
        std::fs::write(d.join(name), "K\u{1b}[2J=\"v\u{1b}[2J\\rx\"\n").unwrap();
        let ran = run(d)
            .args(["validate-env", "--spec", "spec.yaml", "--env-file", name])
            .expect(0);
        assert!(ran.stdout.contains("v\\x1b[2J\\rx"), "{ran}");
        // An error naming the file.
        std::fs::write(d.join(name), "A=\"unclosed\n").unwrap();
        let ran = run(d)
            .args(["validate-env", "--spec", "spec.yaml", "--env-file", name])
            .expect(2);
        assert!(
            !ran.stderr.contains('\u{1b}') && ran.stderr.contains("e\\x1b[2J\\r.env:1:"),
            "{:?}",
            ran.stderr
        );
    }

    /// Typo hints for short names take one edit (a swap of neighbours is one), longer ones two,
    /// and no hint where any other short name would fit as well.
    #[test]
    fn typo_hints_fit_short_names() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(
            d.join("spec.yaml"),
            "required:\n  DB: {}\n  PORT: {}\n  JWT_SECRET_KEY: {}\n  TZ: {}\n",
        )
        .unwrap();
        std::fs::write(d.join(".env"), "DV=1\nPROT=2\nJWT_SECERT_KY=x\nID=4\nX=5\n").unwrap();
        let ran = run(d)
            .args(["validate-env", "--spec", "spec.yaml", "--format", "json"])
            .expect(1);
        let doc = ran.json();
        let reason = |n: &str| {
            doc["variables"]
                .as_array()
                .unwrap()
                .iter()
                .find(|v| v["name"] == n && v["status"] == "unknown")
                .map(|v| v["reason"].as_str().unwrap_or_default().to_string())
                .unwrap_or_else(|| panic!("{n}: {doc}"))
        };
        assert!(reason("DV").ends_with("did you mean DB?"), "{doc}");
        assert!(reason("PROT").ends_with("did you mean PORT?"), "{doc}");
        assert!(
            reason("JWT_SECERT_KY").ends_with("did you mean JWT_SECRET_KEY?"),
            "{doc}"
        );
        for far in ["ID", "X"] {
            assert!(!reason(far).contains("did you mean"), "{far}: {doc}");
        }
    }

    /// python-dotenv (1.2) reads a byte-order mark as part of the first key, as redkit's
    /// python dialect does; the hint names the mark, on both sides.
    #[test]
    fn a_byte_order_mark_is_read_as_python_dotenv_does_and_named() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("spec.yaml"), "required:\n  JWT_SECRET_KEY: {}\n").unwrap();
        std::fs::write(d.join(".env"), "\u{feff}JWT_SECRET_KEY=abc\nB=2\n").unwrap();
        if have(
            "python-dotenv",
            Command::new("python3").args(["-c", "import dotenv"]),
        ) {
            let out = Command::new("python3")
                .args([
                    "-c",
                    "from dotenv import dotenv_values; print(sorted(dotenv_values('.env')) == ['B', '\\ufeffJWT_SECRET_KEY'])",
                ])
                .current_dir(d)
                .output()
                .unwrap();
            assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "True");
        }
        let ran = run(d)
            .args(["validate-env", "--spec", "spec.yaml", "--format", "json"])
            .expect(1);
        let doc = ran.json();
        let vars = doc["variables"].as_array().unwrap();
        let missing = vars.iter().find(|v| v["name"] == "JWT_SECRET_KEY").unwrap();
        assert_eq!(missing["status"], "missing", "{doc}");
        assert!(
            missing["note"]
                .as_str()
                .unwrap()
                .contains("byte-order mark"),
            "{doc}"
        );
        let unknown = vars
            .iter()
            .find(|v| v["name"] == "\u{feff}JWT_SECRET_KEY")
            .unwrap();
        let why = unknown["reason"].as_str().unwrap();
        assert!(
            why.contains("did you mean JWT_SECRET_KEY?") && why.contains("byte-order mark"),
            "{doc}"
        );
    }

    /// `--format json` on an error (a malformed `.env`, a bad spec) still prints one JSON
    /// document, with `ok`, `variables` and the `error` (message, exit code, file, line); the
    /// exit code and the stderr line stay.
    #[test]
    fn errors_are_json_documents_too() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join(".env"), "A=1\nTOKEN=\"Kx9vSecretPart\nB=2\n").unwrap();
        let ran = run(d).args(["validate-env", "--format", "json"]).expect(2);
        let doc = ran.json();
        crate::support::assert_keys(&doc, &["ok", "variables", "error"], "error doc");
        assert_eq!(doc["ok"], false);
        assert_eq!(doc["variables"], serde_json::json!([]));
        assert_eq!(doc["error"]["exit_code"], 2);
        assert_eq!(doc["error"]["file"], ".env");
        assert_eq!(doc["error"]["line"], 2);
        assert!(ran.stderr.starts_with("redkit: error: .env:2:"), "{ran}");
        assert!(!ran.all().contains("SecretPart"), "{ran}");
        std::fs::write(d.join(".env"), "A=1\n").unwrap();
        std::fs::write(d.join("spec.yaml"), "required: [unclosed\n").unwrap();
        let ran = run(d)
            .args(["validate-env", "--spec", "spec.yaml", "--format", "json"])
            .expect(2);
        let doc = ran.json();
        assert_eq!(
            (&doc["ok"], &doc["error"]["exit_code"]),
            (&false.into(), &2.into())
        );
        assert!(
            doc["error"]["message"]
                .as_str()
                .unwrap()
                .contains("spec.yaml"),
            "{doc}"
        );
        let ran = run(d)
            .args([
                "run",
                "--spec",
                "spec.yaml",
                "--format",
                "json",
                "--",
                "true",
            ])
            .expect(2);
        assert_eq!(ran.json()["error"]["exit_code"], 2);
    }
}

/// The test hook that prints the `.env` unmasked is an environment variable, not a flag: no
/// completion offers it, and a flag typed by hand is refused.
#[test]
fn no_flag_prints_the_env_file_unmasked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".env"),
        "JWT_SECRET_KEY=s3cr3t-value-0123456789\n",
    )
    .unwrap();
    let r = run(dir.path())
        .args(["validate-env", "--print-dotenv"])
        .expect(2);
    assert!(
        !r.stdout.contains("s3cr3t") && !r.stderr.contains("s3cr3t"),
        "{r}"
    );
    for script in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/completions")).unwrap() {
        let path = script.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("print-dotenv"), "{}", path.display());
    }
}
