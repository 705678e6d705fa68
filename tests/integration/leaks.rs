//! A known secret in the environment, the .env and the URL must never reach any output of any
//! command that prints settings or values.

use crate::support::{LEAK_SECRET, RedisServer, redkit};

#[test]
fn no_command_prints_a_known_secret() {
    let s = RedisServer::builder().password(LEAK_SECRET).start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".env"),
        format!("QWEN_API_KEY={LEAK_SECRET}\nERP_PASSWORD={LEAK_SECRET}\nDATABASE_URL=mysql://app:{LEAK_SECRET}@db/app\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("redkit.yaml"),
        "env:\n  required:\n    QWEN_API_KEY: {}\n    JWT_SECRET_KEY: { min_length: 40 }\n  optional:\n    REDIS_PORT: { type: port }\n",
    )
    .unwrap();
    let url = format!("redis://:{LEAK_SECRET}@127.0.0.1:{}", s.port);
    let wrong_url = format!("redis://:{LEAK_SECRET}x@127.0.0.1:{}", s.port);
    let runs: Vec<Vec<String>> = vec![
        vec!["validate-env".into()],
        vec!["validate-env".into(), "--format".into(), "json".into()],
        vec![
            "validate-env".into(),
            "--format".into(),
            "ndjson".into(),
            "-v".into(),
        ],
        vec!["config".into()],
        vec![
            "config".into(),
            "show".into(),
            "--format".into(),
            "json".into(),
        ],
        vec!["ping".into(), "-u".into(), url.clone()],
        vec![
            "ping".into(),
            "-u".into(),
            url.clone(),
            "--format".into(),
            "json".into(),
        ],
        vec!["ping".into(), "-u".into(), wrong_url.clone()],
        vec![
            "ping".into(),
            "-u".into(),
            "bad://".to_string() + LEAK_SECRET,
        ],
    ];
    for args in runs {
        for env in [true, false] {
            let mut c = redkit(dir.path());
            c.args(&args);
            if env {
                c.env("REDIS_PASSWORD", LEAK_SECRET)
                    .env("JWT_SECRET_KEY", LEAK_SECRET);
            }
            let out = c.output().unwrap();
            let all = [out.stdout, out.stderr].concat();
            let text = String::from_utf8_lossy(&all);
            assert!(
                !text.contains(LEAK_SECRET),
                "redkit {args:?} printed the secret:\n{text}"
            );
            // Nor a long piece of it.
            assert!(
                !text.contains(&LEAK_SECRET[4..20]),
                "redkit {args:?} printed part of the secret:\n{text}"
            );
        }
    }
}

/// Every malformed shape of a URL or a `.env` line that holds the secret, through every command
/// that reads settings, in every format: an error about a malformed value must not quote it.
#[test]
fn malformed_values_never_echo_the_secret() {
    let s = LEAK_SECRET;
    let redis_urls = [
        format!("redis:/:{s}@127.0.0.1:6379"),
        format!("redis//:{s}@127.0.0.1:6379"),
        format!("redis://:{s}@127.0.0.1:6379/x"),
        format!("redis://:{s}@127.0.0.1:6379/?db=x"),
        format!(":{s}@127.0.0.1:1"),
        format!("redis:{s}@127.0.0.1:1"),
        format!("bogus://app:{s}@127.0.0.1:1"),
        // No '@': the password sits where the port goes.
        format!("redis://user:{s}"),
        format!("redis://:{s}/0"),
        format!("rediss://default:{s}"),
    ];
    let db_urls = [
        format!("postgres//app:{s}@127.0.0.1:1/app"),
        format!("postgres:/app:{s}@127.0.0.1:1/app"),
        format!("mysql:app:{s}@127.0.0.1:1/app"),
        format!("mysql://app:{s}@/app"),
        format!("oracle://app:{s}@127.0.0.1:1/app"),
        format!("postgres://app:{s}"),
        format!("mysql://u:{s}/db"),
    ];
    let dotenvs = [
        format!("A=1\n{s} wrapped onto a second line\n"),
        format!("TOKEN=\"{s}\nB=2\n"),
        format!("TOKEN=${{{s}\n"),
        format!("TOKEN={s} \"{s}\n"),
        format!("{s}\n"),
        // A variable not named like a secret that copies one.
        format!("REDIS_PASSWORD={s}\nX=${{REDIS_PASSWORD}}\nY=pre-${{REDIS_PASSWORD}}-post\n"),
    ];
    let commands: Vec<Vec<&str>> = vec![
        vec!["config"],
        vec!["config", "show", "--format", "json"],
        vec!["validate-env"],
        vec!["validate-env", "--format", "json"],
        vec!["ping", "--connect-timeout", "1s"],
        vec!["cache", "flush", "--dry-run", "--connect-timeout", "1s"],
        vec![
            "stream",
            "list",
            "--format",
            "json",
            "--connect-timeout",
            "1s",
        ],
        vec!["health", "--format", "nagios", "--connect-timeout", "1s"],
        vec!["migrate", "recipients", "--dry-run", "--format", "json"],
    ];
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("spec.yaml"),
        "env:\n  required:\n    REDIS_URL: { type: redis-url }\n  optional:\n    DATABASE_URL: { type: url }\n",
    )
    .unwrap();
    let check = |label: &str, args: &[&str], env: &[(&str, &str)]| {
        let mut c = redkit(dir.path());
        c.args(args);
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        let text = String::from_utf8_lossy(&[out.stdout, out.stderr].concat()).into_owned();
        assert!(
            !text.contains(&s[4..20]),
            "{label}: redkit {args:?} printed the secret:\n{text}"
        );
    };
    for url in &redis_urls {
        for args in &commands {
            check(&format!("REDIS_URL={url}"), args, &[("REDIS_URL", url)]);
        }
        let mut with_flag = vec!["ping", "-u", url.as_str()];
        with_flag.extend(["--format", "json"]);
        check("--url", &with_flag, &[]);
        let spec = ["validate-env", "--spec", "spec.yaml", "--format", "json"];
        check("spec redis-url", &spec, &[("REDIS_URL", url)]);
    }
    for url in &db_urls {
        for args in &commands {
            check(
                &format!("DATABASE_URL={url}"),
                args,
                &[("DATABASE_URL", url)],
            );
        }
        let spec = ["validate-env", "--spec", "spec.yaml"];
        check("spec url", &spec, &[("DATABASE_URL", url)]);
    }
    for text in &dotenvs {
        std::fs::write(dir.path().join(".env"), text).unwrap();
        for args in &commands {
            check(&format!(".env {text:?}"), args, &[]);
        }
    }
}

/// A secret given in a URL's query string (libpq's `?password=`, and `sslpassword`, `pass`,
/// `pwd`, `token`, `auth`, any case, percent-encoded names) never reaches any output of any
/// command: through DATABASE_URL, REDIS_URL and their flags, in every format, whether the
/// server answers (PostgreSQL and Redis with that password) or not (a closed MySQL port).
#[test]
fn a_secret_in_the_query_string_never_reaches_any_output() {
    use crate::support::db::{Kind, TestDb};
    use crate::support::free_port;
    let s = LEAK_SECRET;
    let redis = RedisServer::builder().password(s).start();
    let pg = TestDb::new(Kind::Postgres);
    // postgres://USER:SECRET@HOST:PORT/DB, rewritten into the query form.
    let with_pw = pg.url_with_password(s);
    let pg_plain = with_pw.replace(&format!(":{s}@"), "@");
    let closed = free_port();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("spec.yaml"),
        "env:\n  required:\n    REDIS_URL: { type: redis-url }\n    DATABASE_URL: { type: url }\n",
    )
    .unwrap();
    let params = [
        "password",
        "sslpassword",
        "PassWord",
        "pass%77ord",
        "pass",
        "pwd",
        "token",
        "auth",
        "api_key",
    ];
    let commands: Vec<Vec<&str>> = vec![
        vec!["validate-env"],
        vec!["validate-env", "--format", "json"],
        vec!["validate-env", "--spec", "spec.yaml", "--connect"],
        vec![
            "validate-env",
            "--spec",
            "spec.yaml",
            "--connect",
            "--format",
            "json",
        ],
        vec!["-v", "config"],
        vec!["config", "show", "--format", "json"],
        vec!["wait", "--max-wait", "0"],
        vec!["wait", "--max-wait", "0", "--format", "json"],
        vec!["wait", "--database", "--max-wait", "0"],
        vec!["migrate", "status"],
        vec!["migrate", "status", "--format", "json"],
        vec!["migrate", "recipients", "--dry-run"],
        vec!["migrate", "recipients", "--dry-run", "--format", "json"],
        vec!["ping"],
        vec!["ping", "--format", "json"],
        vec!["health", "--format", "json"],
        vec!["health", "--format", "nagios"],
        vec!["stream", "list", "--format", "json"],
    ];
    let mut runs = 0;
    for param in params {
        let db_urls = [
            format!("{pg_plain}?sslmode=disable&{param}={s}"),
            format!("mysql://app@127.0.0.1:{closed}/app?{param}={s}"),
        ];
        let redis_url = format!("redis://127.0.0.1:{}/0?{param}={s}", redis.port);
        for db_url in &db_urls {
            for args in &commands {
                let out = redkit(dir.path())
                    .args(args)
                    .env("REDIS_URL", &redis_url)
                    .env("DATABASE_URL", db_url)
                    .output()
                    .unwrap();
                let text = String::from_utf8_lossy(&[out.stdout, out.stderr].concat()).into_owned();
                assert!(
                    !text.contains(&s[4..20]),
                    "{param}: redkit {args:?} (DATABASE_URL={db_url}) printed the secret:\n{text}"
                );
                runs += 1;
            }
        }
        // The same URLs given as flags.
        for args in [
            vec!["-u", redis_url.as_str(), "ping", "--format", "json"],
            vec!["-u", redis_url.as_str(), "config"],
            vec!["-u", redis_url.as_str(), "wait", "--max-wait", "0"],
            vec!["migrate", "status", "--database-url", db_urls[0].as_str()],
            vec!["migrate", "status", "--database-url", db_urls[1].as_str()],
        ] {
            let out = redkit(dir.path()).args(&args).output().unwrap();
            let text = String::from_utf8_lossy(&[out.stdout, out.stderr].concat()).into_owned();
            assert!(
                !text.contains(&s[4..20]),
                "{param}: redkit {args:?} printed the secret:\n{text}"
            );
        }
    }
    assert!(runs > 300);

    // The query form is not only masked but used: `?password=` reaches PostgreSQL and Redis.
    let out = redkit(dir.path())
        .args(["wait", "--max-wait", "5s", "--format", "json"])
        .env(
            "REDIS_URL",
            format!("redis://127.0.0.1:{}/0?password={s}", redis.port),
        )
        .env("DATABASE_URL", format!("{pg_plain}?password={s}"))
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&[out.stdout.clone(), out.stderr.clone()].concat()).into_owned();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!text.contains(&s[4..20]), "{text}");
    assert!(text.contains("password=****"), "{text}");
}

/// A variable marked secret whose value is a URL (or a keyword connection string) with the
/// password at its end, in the query, the userinfo's port place or the path: no format of
/// validate-env shows the password or its tail, as the general prefix...suffix mask did
/// (`post...ord1`). The Redis one is checked with --connect against a server using it.
#[test]
fn a_secret_url_never_shows_its_passwords_tail() {
    let redis_pw = "TailRedisPassw0rd1";
    let redis = RedisServer::builder().password(redis_pw).start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("spec.yaml"),
        "env:\n  required:\n    DATABASE_URL: { type: url, secret: true }\n    OTHER_DSN: {}\n    REDIS_URL: { type: redis-url, secret: true }\n    CACHE_URL: { secret: true }\n    HOOK_URL: { type: url, secret: true }\n    PG_CONN: { secret: true }\n    LONG_URL: { type: url, secret: true, min_length: 500 }\n",
    )
    .unwrap();
    // --connect runs once the variables pass: the same spec without the invalid one.
    let spec = std::fs::read_to_string(dir.path().join("spec.yaml")).unwrap();
    let valid: String = spec
        .lines()
        .filter(|l| !l.contains("LONG_URL"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("valid.yaml"), valid).unwrap();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "DATABASE_URL",
            "postgres://app@db/app?password=LongDbPassword1".into(),
            "LongDbPassword1",
        ),
        (
            "OTHER_DSN",
            "mysql://app@db/app?charset=utf8&api_key=ApiK3ySecr3tZ9".into(),
            "ApiK3ySecr3tZ9",
        ),
        (
            "REDIS_URL",
            format!("redis://127.0.0.1:{}/0?password={redis_pw}", redis.port),
            redis_pw,
        ),
        (
            "CACHE_URL",
            "redis://default:CachePassw0rdTail".into(),
            "CachePassw0rdTail",
        ),
        (
            "HOOK_URL",
            "https://hooks.example/services/T0/B0/HookSecretTail9".into(),
            "HookSecretTail9",
        ),
        (
            "PG_CONN",
            "host=db user=app password=KeywordSecret77".into(),
            "KeywordSecret77",
        ),
        (
            "LONG_URL",
            "https://api.example/v1?foo=UnknownNameSecret5".into(),
            "UnknownNameSecret5",
        ),
    ];
    // One of them from the .env, the rest from the environment.
    std::fs::write(
        dir.path().join(".env"),
        format!("OTHER_DSN='{}'\n", cases[1].1),
    )
    .unwrap();
    let runs: [&[&str]; 6] = [
        &["config"],
        &["config", "show", "--format", "json"],
        &["validate-env", "--spec", "spec.yaml"],
        &["validate-env", "--spec", "spec.yaml", "--format", "json"],
        &[
            "validate-env",
            "--spec",
            "spec.yaml",
            "--format",
            "ndjson",
            "-v",
        ],
        &[
            "validate-env",
            "--spec",
            "valid.yaml",
            "--connect",
            "--format",
            "json",
        ],
    ];
    for args in runs {
        let mut c = redkit(dir.path());
        c.args(args);
        for (name, value, _) in &cases {
            if *name != "OTHER_DSN" {
                c.env(name, value);
            }
        }
        let out = c.output().unwrap();
        let text = String::from_utf8_lossy(&[out.stdout.clone(), out.stderr].concat()).into_owned();
        for (name, _, pw) in &cases {
            let tail = &pw[pw.len() - 4..];
            assert!(
                !text.contains(pw),
                "{args:?}: {name}'s password shown:\n{text}"
            );
            assert!(
                !text.contains(tail),
                "{args:?}: {name}'s password tail {tail} shown:\n{text}"
            );
        }
        if args[0] == "validate-env" && args.contains(&"json") {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let shown = |n: &str| {
                v["variables"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r["name"] == n)
                    .map(|r| r["value"].as_str().unwrap_or_default().to_string())
                    .unwrap()
            };
            assert_eq!(shown("DATABASE_URL"), "postgres://app@db/app?password=****");
            assert_eq!(
                shown("OTHER_DSN"),
                "mysql://app@db/app?charset=****&api_key=****"
            );
            assert_eq!(shown("CACHE_URL"), "redis://default:****");
            assert_eq!(shown("HOOK_URL"), "https://hooks.example/****");
            assert_eq!(shown("PG_CONN"), "host=db user=app password=****");
        }
        if args.contains(&"--connect") {
            // The secret URL was used, not only masked: the server with that password answered.
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let conns = v["connections"].to_string();
            assert!(conns.contains("password=****"), "{conns}\n{v}");
            assert!(
                v["connections"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c["ok"] == true),
                "{conns}"
            );
        }
    }
}
