//! validate-env: spec levels and types, .env vs environment, masking, exit codes.

use serde_json::Value;

use crate::support::{redkit, stderr, stdout};

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
