//! Settings resolution as `config show` reports it: precedence, profiles, interpolation, errors.

use serde_json::Value;

use crate::support::{redkit, stderr, stdout};

fn setting<'a>(doc: &'a Value, key: &str) -> &'a Value {
    doc["settings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("{key} missing"))
}

/// `redkit ARGS config --format json`, which must succeed.
fn config_json(dir: &std::path::Path, args: &[&str]) -> Value {
    let out = redkit(dir)
        .args(args)
        .args(["config", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

const CONFIG: &str = r#"
redis:
  host: "${CFG_HOST:cfg-host}"
  port: 7001
  db: 2
  timeout: 2s
cache:
  providers:
    redis: { key_prefix: "app:cache:" }
profiles:
  staging:
    redis:
      host: staging-host
"#;

#[test]
fn precedence_flag_env_dotenv_config_default() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("redkit.yaml"), CONFIG).unwrap();
    std::fs::write(dir.path().join(".env"), "REDIS_PORT=7002\nREDIS_DB=3\n").unwrap();
    let out = redkit(dir.path())
        .args(["config", "show", "--format", "json", "--db", "5"])
        .env("REDIS_PORT", "7003")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(setting(&doc, "redis.host")["value"], "cfg-host");
    assert_eq!(setting(&doc, "redis.host")["source"], "config");
    assert_eq!(setting(&doc, "redis.port")["value"], "7003");
    assert_eq!(setting(&doc, "redis.port")["source"], "env");
    assert_eq!(setting(&doc, "redis.db")["value"], "5");
    assert_eq!(setting(&doc, "redis.db")["source"], "flag");
    assert_eq!(setting(&doc, "redis.timeout")["value"], "2s");
    assert_eq!(setting(&doc, "redis.connect_timeout")["source"], "default");
    assert_eq!(setting(&doc, "cache.prefix")["value"], "app:cache:");

    // Without the env var, .env supplies the port and names its line.
    let out = redkit(dir.path())
        .args(["config", "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(setting(&doc, "redis.port")["value"], "7002");
    assert_eq!(setting(&doc, "redis.port")["source"], ".env");
    assert_eq!(setting(&doc, "redis.port")["origin"], ".env:1");

    // --no-env-file leaves the config value.
    let out = redkit(dir.path())
        .args(["config", "--format", "json", "--no-env-file"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(setting(&doc, "redis.port")["value"], "7001");
}

#[test]
fn profiles_and_interpolation() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("redkit.yaml"), CONFIG).unwrap();
    let out = redkit(dir.path())
        .args(["config", "--format", "json", "--profile", "staging"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(setting(&doc, "redis.host")["value"], "staging-host");
    let out = redkit(dir.path())
        .args(["config", "--format", "json"])
        .env("REDKIT_PROFILE", "staging")
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(setting(&doc, "redis.host")["value"], "staging-host");
    let out = redkit(dir.path())
        .args(["config", "--format", "json"])
        .env("CFG_HOST", "from-var")
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(setting(&doc, "redis.host")["value"], "from-var");
}

#[test]
fn config_errors_are_one_line_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("redis:\n  host: [unclosed\n", "bad.yaml:"),
        (
            "redis:\n  password: \"${NOPE_NOT_SET}\"\n",
            "bad.yaml:2: ${NOPE_NOT_SET} is not set and has no default",
        ),
        // A misspelt key is refused, not ignored for its default (cache.prefx would let a
        // flush select the default prefix), in the base and in every profile.
        (
            "redis:\n  host: a\ncache:\n  prefx: \"app:\"\n",
            "bad.yaml:4: cache.prefx: unknown key; did you mean prefix?",
        ),
        (
            "redis:\n  hots: a\n",
            "bad.yaml:2: redis.hots: unknown key; did you mean host?",
        ),
        (
            "stream:\n  match: x\n",
            "bad.yaml:1: stream: unknown key; did you mean streams?",
        ),
        (
            "profiles:\n  prod:\n    streams:\n      mach: x\n",
            "bad.yaml:4: profiles.prod.streams.mach: unknown key; did you mean match?",
        ),
        (
            "migrate:\n  messages: { table: msg, recever_id: to }\n",
            "bad.yaml:2: migrate.messages.recever_id: unknown key; did you mean receiver_id?",
        ),
        (
            "redis:\n  host:\n    name: a\n",
            "bad.yaml:2: redis.host: must be a value",
        ),
    ];
    for (text, want) in cases {
        std::fs::write(dir.path().join("bad.yaml"), text).unwrap();
        let out = redkit(dir.path())
            .args(["config", "--config", "bad.yaml"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = stderr(&out);
        assert!(err.contains(want), "want {want:?} in {err:?}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    std::fs::write(dir.path().join("redkit.yaml"), CONFIG).unwrap();
    let out = redkit(dir.path())
        .args(["config", "--profile", "prod"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("prod"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("staging"),
        "known profiles listed: {}",
        stderr(&out)
    );
    let out = redkit(dir.path())
        .args(["config", "--config", "missing.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = redkit(dir.path())
        .args(["config", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("port must be 1-65535"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn init_writes_a_starter_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path()).arg("init").output().unwrap();
    assert!(out.status.success());
    let text = std::fs::read_to_string(dir.path().join("redkit.yaml")).unwrap();
    assert!(text.starts_with("# redkit configuration"));
    std::fs::write(dir.path().join("redkit.yaml"), "mine").unwrap();
    let out = redkit(dir.path()).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("redkit.yaml")).unwrap(),
        "mine"
    );
    let out = redkit(dir.path())
        .args(["init", "--force"])
        .output()
        .unwrap();
    assert!(out.status.success());
    // The starter itself is a valid config that validate-env and config accept.
    let out = redkit(dir.path()).args(["config"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("agent:cache:"));
    let out = redkit(dir.path()).args(["validate-env"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "required keys are unset in the test env"
    );
}

/// The application's own `configs/global.yaml` (seed 001) works as redkit's config: the keys
/// redkit reads are used (`cache.providers.redis.key_prefix`, `redis.ssl`), the application's
/// others are left alone and listed under -v, and nothing is refused.
#[test]
fn the_applications_own_config_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("global.yaml"),
        r#"app: { name: agent }
redis:
  enabled: true
  host: "${REDIS_HOST:localhost}"
  port: "${REDIS_PORT:6379}"
  db: "${REDIS_DB:0}"
  password: "${REDIS_PASSWORD:}"
  ssl: "${REDIS_SSL:false}"
  max_connections: 20
  default_ttl: 3600
cache:
  default_provider: "memory"
  providers:
    memory: { enabled: true, max_size: 1000, default_ttl: 3600 }
    redis:
      enabled: true
      host: "localhost"
      key_prefix: "agent:cache:"
      default_ttl: 3600
      connection_pool: { max_connections: 20, timeout: 5 }
"#,
    )
    .unwrap();
    let out = redkit(dir.path())
        .env("REDIS_SSL", "true")
        .args([
            "config",
            "--config",
            "global.yaml",
            "--format",
            "json",
            "-v",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(setting(&v, "cache.prefix")["value"], "agent:cache:");
    assert_eq!(
        setting(&v, "redis.tls")["value"],
        "true",
        "redis.ssl is the app's name"
    );
    let err = stderr(&out);
    assert!(
        err.contains("left alone") && err.contains("redis.default_ttl") && err.contains("app"),
        "{err}"
    );
}

/// `.env` defaults as shells and compose files write them are applied, not dropped (the
/// dotenvy dialect adds `${N:d}`; python-dotenv, the default, leaves that one as written).
#[test]
fn dotenv_defaults_are_applied() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".env"),
        "REDIS_PORT=${REDKIT_TEST_UNSET_PORT:-7101}\nREDIS_HOST=a${REDKIT_TEST_UNSET:b}c\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("redkit.yaml"),
        "env:\n  dotenv_dialect: dotenvy\n",
    )
    .unwrap();
    let out = redkit(dir.path())
        .args(["config", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(setting(&v, "redis.port")["value"], "7101", "{v}");
    assert_eq!(setting(&v, "redis.port")["source"], ".env", "{v}");
    assert_eq!(setting(&v, "redis.host")["value"], "abc", "{v}");
}

/// Files an operator names are read bounded (`/dev/zero` is a usage error, not gigabytes of
/// memory), and a config may come from `/dev/null` or a pipe.
#[test]
fn named_files_are_bounded_and_pipes_work() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["--password-file", "/dev/zero", "config"],
        vec!["--config", "/dev/zero", "config"],
        vec!["validate-env", "--spec", "/dev/zero"],
    ] {
        let out = redkit(dir.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("larger than"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    // The .env is read by the application after redkit: only a regular file will do.
    let out = redkit(dir.path())
        .args(["--env-file", "/dev/zero", "config"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("/dev/zero: cannot read: a character device, not a regular file"),
        "{}",
        stderr(&out)
    );
    let out = redkit(dir.path())
        .args(["--config", "/dev/null", "config"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Several --url without --cluster: a usage error, not a silent use of the first one.
#[test]
fn several_urls_need_cluster() {
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path())
        .args([
            "-u",
            "redis://127.0.0.1:1",
            "-u",
            "redis://127.0.0.1:2",
            "ping",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("add --cluster"), "{}", stderr(&out));
}

/// `config` shows the parts of a Redis URL as the connection uses them (`/3` is db 3).
#[test]
fn config_shows_the_url_parts_a_connection_uses() {
    let dir = tempfile::tempdir().unwrap();
    let v = config_json(dir.path(), &["-u", "redis://ops@127.0.0.1:6390/3"]);
    assert_eq!(setting(&v, "redis.db")["value"], "3", "{v}");
    assert_eq!(setting(&v, "redis.port")["value"], "6390", "{v}");
    assert_eq!(setting(&v, "redis.username")["value"], "ops", "{v}");
    assert_eq!(setting(&v, "redis.db")["source"], "flag", "{v}");
}

/// Database numbers are bounded as Redis bounds them (a C int): exit 2 naming the flag or
/// the URL, before any connection; `--count 0` is a usage error too.
#[test]
fn out_of_range_numbers_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["-u", "redis://127.0.0.1:1", "--db", "4294967296", "ping"],
        vec!["-u", "redis://127.0.0.1:1/4294967296", "ping"],
        vec!["-u", "redis://127.0.0.1:1/?db=-1", "ping"],
        vec![
            "-u",
            "redis://127.0.0.1:1",
            "stream",
            "read",
            "k",
            "--count",
            "0",
        ],
    ] {
        let out = redkit(dir.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    let out = redkit(dir.path())
        .args(["-u", "redis://127.0.0.1:1", "--db", "4294967296", "ping"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("--db") && stderr(&out).contains("2147483647"),
        "{}",
        stderr(&out)
    );
}

/// A missing config named by REDKIT_CONFIG says so once.
#[test]
fn a_missing_redkit_config_is_named_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path())
        .env("REDKIT_CONFIG", "/nonexistent/redkit.yaml")
        .arg("config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("(from REDKIT_CONFIG)"), "{err}");
}

/// The config and env file rows say where each came from: `--config` and `--env-file` are
/// flags, REDKIT_CONFIG is env (or .env), a config found on the search path says so, `./.env`
/// is the default, and an env file named by the config's `env_file` is config.
#[test]
fn config_and_env_file_rows_tell_where_they_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("redkit.yaml"), "redis:\n  port: 7001\n").unwrap();
    std::fs::write(d.join("other.yaml"), "redis:\n  port: 7002\n").unwrap();
    std::fs::write(d.join(".env"), "A=1\n").unwrap();
    std::fs::write(d.join("alt.env"), "B=2\n").unwrap();
    std::fs::create_dir_all(d.join("srv")).unwrap();
    std::fs::write(d.join("srv/app.env"), "C=3\n").unwrap();
    std::fs::write(d.join("srv/named.yaml"), "env_file: app.env\n").unwrap();
    let xdg = d.join("xdg");
    std::fs::create_dir_all(xdg.join("redkit")).unwrap();
    std::fs::write(xdg.join("redkit/redkit.yaml"), "redis:\n  port: 7003\n").unwrap();
    let empty = d.join("empty");
    std::fs::create_dir_all(&empty).unwrap();

    let show = |cwd: &std::path::Path, args: &[&str], env: &[(&str, &str)]| {
        let mut c = redkit(cwd);
        c.args(args).args(["config", "--format", "json"]);
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let row = |k: &str| {
            let r = setting(&doc, k);
            (
                r["source"].as_str().unwrap().to_string(),
                r["origin"].as_str().unwrap().to_string(),
            )
        };
        (row("config"), row("env_file"))
    };
    let other = d.join("other.yaml");
    let other = other.to_str().unwrap();

    let ((src, origin), (esrc, _)) = show(d, &[], &[]);
    assert_eq!(
        (src.as_str(), origin.as_str()),
        ("search path", "search path")
    );
    assert_eq!(esrc, "default");

    let ((src, _), (esrc, _)) = show(d, &["--config", other, "--env-file", "alt.env"], &[]);
    assert_eq!(src, "flag");
    assert_eq!(esrc, "flag");

    let ((src, origin), _) = show(d, &[], &[("REDKIT_CONFIG", other)]);
    assert_eq!(src, "env");
    assert!(origin.contains("REDKIT_CONFIG"), "{origin}");

    // REDKIT_CONFIG from the .env file.
    std::fs::write(d.join(".env"), format!("REDKIT_CONFIG={other}\n")).unwrap();
    let ((src, origin), _) = show(d, &[], &[]);
    assert_eq!(src, ".env");
    assert!(origin.contains("REDKIT_CONFIG"), "{origin}");

    // Found further down the search path ($XDG_CONFIG_HOME), where cron finds it.
    let ((src, _), (esrc, eorigin)) =
        show(&empty, &[], &[("XDG_CONFIG_HOME", xdg.to_str().unwrap())]);
    assert_eq!(src, "search path");
    assert_eq!((esrc.as_str(), eorigin.as_str()), ("default", "unset"));

    // The env file the config names.
    let named = d.join("srv/named.yaml");
    let ((src, _), (esrc, eorigin)) = show(&empty, &["--config", named.to_str().unwrap()], &[]);
    assert_eq!(src, "flag");
    assert_eq!(esrc, "config", "{eorigin}");
    assert!(eorigin.contains("env_file in"), "{eorigin}");
}

/// `config --format json` keeps its documented keys, on every row, set or not.
#[test]
fn config_json_keeps_every_documented_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path())
        .args(["config", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    crate::support::assert_keys(&doc, &["profile", "settings"], "report");
    let rows = doc["settings"].as_array().unwrap();
    assert!(rows.len() > 10, "{doc}");
    for r in rows {
        crate::support::assert_keys(r, &["key", "value", "source", "origin", "secret"], "report");
    }
    assert!(
        stdout(&out).contains("\"profile\": null"),
        "{}",
        stdout(&out)
    );
}

/// The URL's parts are weighed against the other settings in one place, so what `config`
/// shows is what a command connects with: REDIS_URL's db and password beat REDIS_DB and the
/// config file (equal and weaker), `--port` would beat it; a `rediss://` seed turns TLS on in
/// the rows too (it used to show `false` while the connection used TLS).
#[test]
fn config_rows_are_what_the_connection_uses() {
    let s = crate::support::RedisServer::builder()
        .password("url-s3cret")
        .start();
    s.cli(&["-a", "url-s3cret", "-n", "4", "SET", "agent:cache:x", "1"]);
    s.cli(&["-a", "url-s3cret", "-n", "4", "SET", "agent:cache:y", "1"]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("redkit.yaml"),
        "redis:\n  db: 7\n  port: 1\n  password: wrong\n",
    )
    .unwrap();
    let url = format!("redis://:url-s3cret@127.0.0.1:{}/4", s.port);
    let run = |args: &[&str]| {
        redkit(dir.path())
            .args(args)
            .env("REDIS_URL", &url)
            .env("REDIS_DB", "1")
            .output()
            .unwrap()
    };
    let out = run(&["config", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains("url-s3cret"), "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(setting(&v, "redis.db")["value"], "4", "{v}");
    assert_eq!(setting(&v, "redis.db")["source"], "env", "{v}");
    assert_eq!(
        setting(&v, "redis.db")["origin"],
        "REDIS_URL (in the URL)",
        "{v}"
    );
    assert_eq!(
        setting(&v, "redis.port")["value"],
        s.port.to_string(),
        "{v}"
    );
    assert_eq!(setting(&v, "redis.password")["source"], "env", "{v}");

    // The connection uses the same db, port and password: the two keys of db 4.
    let out = run(&["cache", "stats", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["total"]["keys"], 2, "{doc}");

    let seeds = ["-u", "redis://127.0.0.1:1", "-u", "rediss://127.0.0.1:2"];
    let v = config_json(dir.path(), &[&seeds[..], &["--cluster"]].concat());
    assert_eq!(setting(&v, "redis.tls")["value"], "true", "{v}");
    assert_eq!(setting(&v, "redis.tls")["source"], "flag", "{v}");
}

/// A malformed URL: `config` still shows where it came from (masked), a command that
/// connects refuses it (exit 2) naming its origin, not its text.
#[test]
fn a_malformed_url_is_shown_and_refused() {
    let dir = tempfile::tempdir().unwrap();
    let v = config_json(dir.path(), &["-u", "redis://op:url-s3cret@h:99999"]);
    assert_eq!(setting(&v, "redis.url")["source"], "flag", "{v}");
    assert!(!v.to_string().contains("url-s3cret"), "{v}");
    let out = redkit(dir.path())
        .args(["-u", "redis://op:url-s3cret@h:99999", "ping"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--url: invalid Redis URL"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("url-s3cret"), "{}", stderr(&out));
}

/// The tests never read the machine's `/etc/redkit`: `support::redkit` points the system's
/// config folder at an empty one, and a config written where that folder points is the one
/// found (so the lookup uses the override, and the real `/etc/redkit` is never consulted).
#[test]
fn the_system_config_folder_is_relocated_and_cannot_leak_into_tests() {
    let dir = tempfile::tempdir().unwrap();
    let empty = crate::support::empty_system_config_dir();
    assert!(
        std::fs::read_dir(empty).unwrap().next().is_none(),
        "the shared system folder stays empty"
    );
    let json = |c: &mut assert_cmd::Command| -> Value {
        let out = c
            .args(["-v", "config", "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // Nothing found anywhere: the defaults, and -v shows the relocated folder was searched.
    let mut c = redkit(dir.path());
    let out = c.args(["-v", "config"]).output().unwrap();
    let err = stderr(&out);
    assert!(
        err.contains(&empty.join("redkit.yaml").display().to_string()),
        "the relocated folder is searched: {err}"
    );
    assert!(!err.contains("/etc/redkit/redkit.yaml"), "{err}");
    let doc = json(&mut redkit(dir.path()));
    assert_eq!(setting(&doc, "config")["value"], Value::Null, "{doc:#}");
    assert_eq!(setting(&doc, "redis.port")["source"], "default");

    // An /etc-style config in the folder the override names is found, last on the path.
    let system = tempfile::tempdir().unwrap();
    std::fs::write(system.path().join("redkit.yaml"), "redis:\n  port: 7009\n").unwrap();
    let mut c = redkit(dir.path());
    c.env("REDKIT_SYSTEM_CONFIG_DIR", system.path());
    let doc = json(&mut c);
    assert_eq!(setting(&doc, "redis.port")["value"], "7009", "{doc:#}");
    assert_eq!(setting(&doc, "config")["source"], "search path");
}
