//! `redkit run -- CMD`: the validated environment reaches the command, which replaces redkit
//! (same pid: its exit code and signals are its own); a failed check starts nothing.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::{RedisServer, empty_system_config_dir, free_port, have, run};

const SPEC: &str = "required:\n  APP_TOKEN: {}\n  DB_PASSWORD: {}\noptional:\n  REDIS_PORT: { type: port, default: 6390 }\n  FROM_FILE: {}\n  SHADOWED: {}\n";

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("spec.yaml"), SPEC).unwrap();
    let pw = d.join("pw");
    std::fs::write(&pw, "s3cret-from-file\nignored\n").unwrap();
    std::fs::set_permissions(&pw, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    std::fs::write(
        d.join(".env"),
        format!(
            "APP_TOKEN=tok-${{SHADOWED:-x}}\nDB_PASSWORD_FILE={}\nFROM_FILE='a b'\nSHADOWED=file\nBARE\n",
            pw.display()
        ),
    )
    .unwrap();
    dir
}

fn env_lines(stdout: &str) -> Vec<&str> {
    stdout.split('\0').collect()
}

#[test]
fn the_command_gets_exactly_the_validated_environment() {
    let dir = setup();
    let ran = run(dir.path())
        .env("SHADOWED", "env")
        .args(["run", "--spec", "spec.yaml", "--", "env", "-0"])
        .expect(0);
    let lines = env_lines(&ran.stdout);
    for want in [
        // python-dotenv: the real environment wins inside references too.
        "APP_TOKEN=tok-env",
        "DB_PASSWORD=s3cret-from-file",
        "REDIS_PORT=6390",
        "FROM_FILE=a b",
        "SHADOWED=env",
    ] {
        assert!(lines.contains(&want), "{want} missing: {lines:?}");
    }
    // A key without `=` is not set (python-dotenv's None): one warning names its line (never
    // its text), and nothing else is printed but the command's own output.
    assert!(!lines.iter().any(|l| l.starts_with("BARE")), "{lines:?}");
    let err = &ran.stderr;
    let warnings: Vec<&str> = err.lines().collect();
    assert!(
        warnings.len() == 1
            && warnings[0].contains(".env:5: a key without '='")
            && !err.contains("BARE"),
        "{ran}"
    );
    // The shell dialect reads the same file as bash would.
    let ran = run(dir.path())
        .args([
            "run",
            "--spec",
            "spec.yaml",
            "--dotenv",
            "shell",
            "--",
            "env",
            "-0",
        ])
        .output();
    assert_eq!(ran.code, Some(2), "BARE is a command word to bash: {ran}");
}

#[test]
fn the_exit_code_is_the_commands() {
    let dir = setup();
    run(dir.path())
        .args(["run", "--spec", "spec.yaml", "--", "sh", "-c", "exit 7"])
        .expect(7);
    let ran = run(dir.path())
        .args(["run", "--spec", "spec.yaml", "--", "no-such-program-xyz"])
        .expect(127);
    assert!(
        ran.stderr.contains("no-such-program-xyz: not found"),
        "{ran}"
    );
}

#[test]
fn a_signal_reaches_the_command_which_has_redkits_pid() {
    let dir = setup();
    let mut child = Command::new(env!("CARGO_BIN_EXE_redkit"))
        .args(["run", "--spec", "spec.yaml", "--", "sh", "-c"])
        .arg("trap 'echo got-term; exit 42' TERM; echo $$; while :; do sleep 0.05; done")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("REDKIT_SYSTEM_CONFIG_DIR", empty_system_config_dir())
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    // exec: the shell is the process redkit was.
    assert_eq!(line.trim(), child.id().to_string());
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
    assert_eq!((status.code(), rest.trim()), (Some(42), "got-term"));

    // Without a trap the command dies of the signal, as it would without redkit.
    let mut child = Command::new(env!("CARGO_BIN_EXE_redkit"))
        .args(["run", "--spec", "spec.yaml", "--", "sleep", "30"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("REDKIT_SYSTEM_CONFIG_DIR", empty_system_config_dir())
        .current_dir(dir.path())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(15), "{status:?}");
}

#[test]
fn a_failed_check_starts_nothing() {
    let dir = setup();
    std::fs::write(dir.path().join(".env"), "APP_TOKEN=\n").unwrap();
    let ran = run(dir.path())
        .args(["run", "--spec", "spec.yaml", "--", "touch", "started"])
        .expect(1);
    assert!(!dir.path().join("started").exists(), "{ran}");
    assert!(
        ran.stdout.contains("set but empty (.env:1)") && ran.stdout.contains("DB_PASSWORD"),
        "{ran}"
    );
    assert!(ran.stderr.contains("the command was not started"), "{ran}");
    // JSON like validate-env's.
    let ran = run(dir.path())
        .args([
            "run",
            "--spec",
            "spec.yaml",
            "--format",
            "json",
            "--",
            "touch",
            "started",
        ])
        .expect(1);
    assert_eq!(ran.json()["ok"], false);
    assert!(!dir.path().join("started").exists());
}

#[test]
fn wait_connects_to_the_named_redis_before_starting() {
    let server = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("spec.yaml"),
        "required:\n  REDIS_URL: { type: redis-url }\n",
    )
    .unwrap();
    std::fs::write(d.join(".env"), format!("REDIS_URL={}\n", server.url())).unwrap();
    run(d)
        .args([
            "run",
            "--spec",
            "spec.yaml",
            "--wait",
            "5s",
            "--",
            "touch",
            "started",
        ])
        .expect(0);
    assert!(d.join("started").exists());
    std::fs::remove_file(d.join("started")).unwrap();
    // Nothing listens: the wait gives up, the command is not started.
    std::fs::write(
        d.join(".env"),
        format!("REDIS_URL=redis://127.0.0.1:{}\n", free_port()),
    )
    .unwrap();
    let ran = run(d)
        .args([
            "run",
            "--spec",
            "spec.yaml",
            "--wait",
            "1s",
            "--",
            "touch",
            "started",
        ])
        .expect(1);
    assert!(!d.join("started").exists(), "{ran}");
}

#[test]
fn ctrl_c_during_the_wait_is_an_interruption_and_starts_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("spec.yaml"),
        "required:\n  REDIS_URL: { type: redis-url }\n",
    )
    .unwrap();
    std::fs::write(
        d.join(".env"),
        format!("REDIS_URL=redis://127.0.0.1:{}\n", free_port()),
    )
    .unwrap();
    let child = crate::support::spawn_redkit(
        d,
        &[
            "run",
            "--spec",
            "spec.yaml",
            "--wait",
            "30s",
            "--",
            "touch",
            "started",
        ],
    );
    std::thread::sleep(Duration::from_millis(800));
    let pid = child.id().to_string();
    let st = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(st.success());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted while connecting"), "{err}");
    assert!(!d.join("started").exists(), "{err}");
}

/// The values of `keys` in a NUL-separated environment listing.
fn pick(env0: &[u8], keys: &[&str]) -> Vec<(String, Option<String>)> {
    let all: Vec<(String, String)> = env0
        .split(|b| *b == 0)
        .filter_map(|item| {
            let item = String::from_utf8_lossy(item);
            let (k, v) = item.split_once('=')?;
            Some((k.to_string(), v.to_string()))
        })
        .collect();
    keys.iter()
        .map(|k| {
            let v = all.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
            (k.to_string(), v)
        })
        .collect()
}

/// A `.env` that sets a variable the real environment also has: bash's `set -a; . ./.env`
/// assigns over it (the real value only feeds references to names the file does not set),
/// python-dotenv's `load_dotenv` keeps the real one. `run` hands the command what the real
/// reader would have, and validate-env's notes say which side won.
#[test]
fn a_conflicting_real_variable_ends_as_the_real_reader_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("spec.yaml"),
        "optional:\n  A: {}\n  B: {}\n  C: {}\n",
    )
    .unwrap();
    std::fs::write(d.join(".env"), "A=file\nB=${A}-x\nC=$OTHER\n").unwrap();
    let keys = ["A", "B", "C", "OTHER"];
    let real_env = [("A", "real"), ("OTHER", "o")];
    let redkit_env = |dialect: &str| {
        let out = run(d)
            .envs(&real_env)
            .args(["run", "--spec", "spec.yaml", "--dotenv", dialect])
            .args(["--", "/usr/bin/env", "-0"])
            .raw();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        pick(&out.stdout, &keys)
    };
    let real_reader = |argv: &[&str]| {
        let out = Command::new("env")
            .arg("-i")
            .args(real_env.iter().map(|(k, v)| format!("{k}={v}")))
            .arg(format!(
                "PATH={}",
                std::env::var("PATH").unwrap_or_default()
            ))
            .args(argv)
            .current_dir(d)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        pick(&out.stdout, &keys)
    };
    let want_shell = vec![
        ("A".to_string(), Some("file".to_string())),
        ("B".to_string(), Some("file-x".to_string())),
        ("C".to_string(), Some("o".to_string())),
        ("OTHER".to_string(), Some("o".to_string())),
    ];
    assert_eq!(redkit_env("shell"), want_shell);
    if have("bash", Command::new("bash").args(["-c", "true"])) {
        let bash = real_reader(&["bash", "-c", "set -a; . ./.env; exec /usr/bin/env -0"]);
        assert_eq!(redkit_env("shell"), bash);
    }
    let want_python = vec![
        ("A".to_string(), Some("real".to_string())),
        ("B".to_string(), Some("real-x".to_string())),
        ("C".to_string(), Some("$OTHER".to_string())),
        ("OTHER".to_string(), Some("o".to_string())),
    ];
    assert_eq!(redkit_env("python"), want_python);
    if have(
        "python-dotenv",
        Command::new("python3").args(["-c", "import dotenv"]),
    ) {
        let py = real_reader(&[
            "python3",
            "-c",
            "import os, sys; from dotenv import load_dotenv; load_dotenv('.env'); \
             sys.stdout.write(''.join(f'{k}={v}\\0' for k, v in os.environ.items()))",
        ]);
        assert_eq!(redkit_env("python"), py);
    }
    // The report says which side won, and shows that value.
    for (dialect, value, source, note) in [
        ("shell", "file", ".env", ".env:1 overrides env"),
        ("python", "real", "env", "env overrides .env:1"),
    ] {
        let ran = run(d)
            .envs(&real_env)
            .args(["validate-env", "--spec", "spec.yaml", "--format", "json"])
            .args(["--dotenv", dialect])
            .expect(0);
        let doc = ran.json();
        let a = doc["variables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == "A")
            .unwrap();
        assert_eq!(a["value"], value, "{dialect}: {a}");
        assert_eq!(a["source"], source, "{dialect}: {a}");
        assert!(
            a["note"].as_str().unwrap_or_default().contains(note),
            "{dialect}: {a}"
        );
    }
}

/// An empty secret file is validated as an empty value, and that is what the command gets: the
/// variable set to "" (not left out), from `VAR_FILE` and from `secrets_dir` alike.
#[test]
fn an_empty_secret_file_reaches_the_command_as_an_empty_value() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("spec.yaml"),
        "optional:\n  NAMED_SECRET: {}\n  DIR_SECRET: {}\n",
    )
    .unwrap();
    let secrets = d.join("secrets");
    std::fs::create_dir(&secrets).unwrap();
    for f in [d.join("empty"), secrets.join("DIR_SECRET")] {
        std::fs::write(&f, "").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    std::fs::write(d.join(".env"), "NAMED_SECRET_FILE=./empty\n").unwrap();
    let ran = run(d)
        .args(["validate-env", "--spec", "spec.yaml", "--format", "json"])
        .args(["--secrets-dir", "secrets"])
        .expect(0);
    let doc = ran.json();
    for name in ["NAMED_SECRET", "DIR_SECRET"] {
        let v = doc["variables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == name)
            .unwrap();
        assert_eq!(
            (&v["status"], &v["value"]),
            (&"empty".into(), &"".into()),
            "{v}"
        );
    }
    let out = run(d)
        .args(["run", "--spec", "spec.yaml", "--secrets-dir", "secrets"])
        .args(["--", "/usr/bin/env", "-0"])
        .raw();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        pick(&out.stdout, &["NAMED_SECRET", "DIR_SECRET"]),
        vec![
            ("NAMED_SECRET".to_string(), Some(String::new())),
            ("DIR_SECRET".to_string(), Some(String::new())),
        ]
    );
}
