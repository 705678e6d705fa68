//! `redkit run -- CMD`: the validated environment reaches the command, which replaces redkit
//! (same pid: its exit code and signals are its own); a failed check starts nothing.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::{RedisServer, empty_system_config_dir, free_port, run};

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
