//! The command line itself: help, version, completions and man pages kept current.

use std::time::Duration;

use crate::support::{RedisServer, SilentServer, fastest_run, readme, redkit, stderr, stdout};

#[test]
fn help_lists_only_real_commands_with_examples() {
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path()).arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    for cmd in ["validate-env", "ping", "config", "init", "completions"] {
        assert!(text.contains(cmd), "--help lacks {cmd}:\n{text}");
    }
    assert!(text.contains("Examples:"));
    for cmd in ["validate-env", "ping", "config", "init", "completions"] {
        let out = redkit(dir.path()).args([cmd, "--help"]).output().unwrap();
        assert!(out.status.success(), "{cmd} --help");
        assert!(
            stdout(&out).contains("Examples:"),
            "{cmd} --help has no examples"
        );
    }
}

#[test]
fn bad_flag_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = redkit(dir.path())
        .args(["validate-env", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = redkit(dir.path())
        .args(["ping", "--connect-timeout", "soon"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--connect-timeout"));
}

#[test]
fn completion_script_for_each_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = redkit(dir.path())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}");
        assert!(
            stdout(&out).contains("validate-env"),
            "{shell} script lacks validate-env"
        );
    }
}

/// The committed completions/ and man/ must be what the code generates. Run with
/// REDKIT_REGENERATE=1 to rewrite them after changing the CLI.
#[test]
fn committed_completions_and_man_pages_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("REDKIT_REGENERATE").is_some() {
        redkit::docs::write_generated(root).unwrap();
    }
    let fresh = tempfile::tempdir().unwrap();
    redkit::docs::write_generated(fresh.path()).unwrap();
    for sub in ["completions", "man"] {
        let mut want: Vec<_> = std::fs::read_dir(fresh.path().join(sub))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        want.sort();
        let mut have: Vec<_> = std::fs::read_dir(root.join(sub))
            .map(|rd| rd.map(|e| e.unwrap().file_name()).collect())
            .unwrap_or_default();
        have.sort();
        assert_eq!(
            have, want,
            "{sub}/ differs from the code: run REDKIT_REGENERATE=1 cargo test committed_"
        );
        for name in want {
            let a = std::fs::read(fresh.path().join(sub).join(&name)).unwrap();
            let b = std::fs::read(root.join(sub).join(&name)).unwrap();
            assert!(
                a == b,
                "{sub}/{} is stale: run REDKIT_REGENERATE=1 cargo test committed_",
                name.to_string_lossy()
            );
        }
    }
}

/// Usage errors exit 2, and 3 for health (a monitoring plugin), decided by the subcommand
/// actually named, not by the word appearing somewhere.
#[test]
fn usage_error_codes_follow_the_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let code = |args: &[&str]| {
        redkit(dir.path())
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&["health", "--no-such-flag"]), Some(3));
    assert_eq!(
        code(&["-u", "redis://h", "health", "--no-such-flag"]),
        Some(3)
    );
    assert_eq!(
        code(&["--profile", "health", "stream", "list", "--no-such-flag"]),
        Some(2)
    );
    assert_eq!(code(&["cache", "flush", "--no-such-flag"]), Some(2));
    // A bad flag in front of the command is still the command's usage error.
    assert_eq!(code(&["--no-such-flag", "health"]), Some(3));
    assert_eq!(code(&["--no-such-flag", "ping"]), Some(2));
    let out = redkit(dir.path())
        .args(["--format", "nagios", "--no-such-flag", "health"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stdout(&out).starts_with("REDIS UNKNOWN - unexpected argument '--no-such-flag'"),
        "{}",
        stdout(&out)
    );
}

/// Each subcommand's --help lists only the options that apply to it: the connection options
/// appear on the commands that talk to Redis (and on `config`, which shows what they resolve
/// to), not on `validate-env`, `migrate`, `init` or `completions`. No `-V` below the top.
#[test]
fn help_lists_connection_options_only_where_they_apply() {
    let dir = tempfile::tempdir().unwrap();
    let help = |args: &[&str]| {
        let out = redkit(dir.path())
            .args(args)
            .arg("--help")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?} --help");
        stdout(&out)
    };
    for cmd in [
        &["validate-env"][..],
        &["migrate"],
        &["migrate", "recipients"],
        &["init"],
        &["completions"],
    ] {
        let text = help(cmd);
        for flag in ["--url", "--host", "--password-file", "--tls", "--cluster"] {
            assert!(
                !text.contains(flag),
                "{cmd:?} --help offers {flag}:\n{text}"
            );
        }
        // The database migration and --connect still need their time limits.
        let timed = matches!(
            cmd,
            ["validate-env"] | ["migrate"] | ["migrate", "recipients"]
        );
        assert_eq!(text.contains("--timeout"), timed, "{cmd:?}:\n{text}");
        assert!(!text.contains("-V"), "{cmd:?} --help offers -V:\n{text}");
    }
    for cmd in [
        &["ping"][..],
        &["health"],
        &["cache", "flush"],
        &["cache", "stats"],
        &["stream", "read"],
        &["bench"],
        &["wait"],
        &["config"],
        &["config", "show"],
    ] {
        let text = help(cmd);
        for flag in [
            "-u, --url <URL>",
            "--host <HOST>",
            "--connect-timeout <DUR>",
        ] {
            assert!(text.contains(flag), "{cmd:?} --help lacks {flag}:\n{text}");
        }
        assert!(!text.contains("-V"), "{cmd:?} --help offers -V:\n{text}");
    }
    let top = help(&[]);
    assert!(top.contains("-V, --version") && top.contains("-u, --url <URL>"));
    let out = redkit(dir.path()).arg("-V").output().unwrap();
    assert!(out.status.success() && stdout(&out).starts_with("redkit "));
    for args in [&["ping", "-V"][..], &["validate-env", "-u", "redis://h"]] {
        let out = redkit(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

/// The connection options work before the subcommand, after it, and after a nested
/// subcommand; given in both places, the later (inner) one wins.
#[test]
fn connection_options_before_and_after_the_subcommand() {
    let s = RedisServer::start();
    s.cli(&["XADD", "job_events:1", "*", "event_type", "task_started"]);
    let dir = tempfile::tempdir().unwrap();
    let url = s.url();
    let dead = "redis://127.0.0.1:1";
    for args in [
        vec!["-u", &url, "ping"],
        vec!["ping", "-u", &url],
        vec!["-u", dead, "ping", "-u", &url],
        vec![
            "stream",
            "read",
            "job_events:1",
            "-u",
            &url,
            "--format",
            "json",
        ],
        vec![
            "-u",
            &url,
            "stream",
            "read",
            "job_events:1",
            "--format",
            "json",
        ],
    ] {
        let out = redkit(dir.path()).args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            stdout(&out),
            stderr(&out)
        );
    }
    let out = redkit(dir.path())
        .args(["-u", &url, "ping", "-u", dead, "--connect-timeout", "1s"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    // `config` shows what the options resolve to, wherever they were given.
    let out = redkit(dir.path())
        .args([
            "--host", "outer", "config", "--port", "7000", "--format", "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let value = |key: &str| {
        v["settings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .map(|s| s["value"].clone())
    };
    assert_eq!(value("redis.host"), Some("outer".into()));
    assert_eq!(value("redis.port"), Some("7000".into()));
}

/// The man pages: every `redkit-…(1)` they name exists (no `redkit-help(1)`), examples sit in
/// an EXAMPLES section set `.nf` (unfilled, unjustified), the SYNOPSIS shows option arguments
/// and repeated arguments as `KEY...`.
#[test]
fn man_pages_reference_real_pages_and_keep_examples_verbatim() {
    let pages = redkit::docs::man_pages().unwrap();
    let names: std::collections::HashSet<String> = pages
        .iter()
        .map(|(n, _)| n.trim_end_matches(".1").replace('-', "\\-"))
        .collect();
    let page = |name: &str| {
        pages
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| String::from_utf8(t.clone()).unwrap())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    for (name, text) in &pages {
        let text = String::from_utf8(text.clone()).unwrap();
        assert!(!text.contains("help(1)"), "{name} names a help page");
        for (i, _) in text.match_indices("(1)") {
            let start = text[..i]
                .rfind(|c: char| c.is_whitespace() || c == 'B')
                .map_or(0, |p| p + 1);
            let referenced = &text[start..i];
            if referenced.starts_with("redkit") {
                let referenced = referenced.trim_end_matches("\\fR");
                assert!(
                    names.contains(referenced),
                    "{name} names {referenced}(1), which is not generated"
                );
            }
        }
        assert!(text.contains("\n.ad l\n"), "{name} is justified");
        assert!(
            !text.contains("Examples:"),
            "{name}: examples outside EXAMPLES"
        );
        if let Some(at) = text.find(".SH EXAMPLES\n") {
            let section = &text[at + ".SH EXAMPLES\n".len()..];
            let section = &section[..section.find("\n.SH ").unwrap_or(section.len())];
            assert!(section.starts_with(".nf\n"), "{name}: examples filled");
            assert!(
                section.trim_end().ends_with(".fi"),
                "{name}: .nf not closed"
            );
            assert!(section.contains("redkit "), "{name}: empty EXAMPLES");
        }
        let synopsis = text
            .split(".SH SYNOPSIS\n")
            .nth(1)
            .and_then(|s| s.lines().next())
            .unwrap_or_else(|| panic!("{name} has no SYNOPSIS"));
        assert!(
            synopsis.contains("[\\fB\\-h\\fR|\\fB\\-\\-help\\fR]"),
            "{name}: {synopsis}"
        );
    }
    for name in [
        "redkit.1",
        "redkit-ping.1",
        "redkit-stream-read.1",
        "redkit-health.1",
    ] {
        assert!(
            page(name).contains(".SH EXAMPLES\n.nf\n"),
            "{name} lacks EXAMPLES"
        );
    }
    let ping = page("redkit-ping.1");
    let synopsis = ping.split(".SH SYNOPSIS\n").nth(1).unwrap();
    assert!(
        synopsis.contains("[\\fB\\-u\\fR|\\fB\\-\\-url\\fR\\ \\fIURL\\fR]..."),
        "{synopsis}"
    );
    assert!(synopsis.contains("[\\fB\\-\\-connect\\-timeout\\fR\\ \\fIDUR\\fR]"));
    let tail = page("redkit-stream-tail.1");
    assert!(
        tail.contains("\\fIKEY\\fR..."),
        "stream tail: KEY... missing"
    );
    let top = page("redkit.1");
    assert!(top.contains("\\fBredkit\\-stream\\fR(1)") && top.contains(".SH EXIT STATUS"));
    assert!(!page("redkit-validate-env.1").contains("\\-\\-url"));
}

/// `--format` lists, in each command's help, only the formats that command renders, and a
/// format it cannot render is a usage error naming the ones it can (exit 3 for health).
#[test]
fn format_values_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| redkit(dir.path()).args(args).output().unwrap();
    let ping = stdout(&run(&["ping", "--help"]));
    assert!(
        ping.contains("ndjson") && !ping.contains("prometheus"),
        "{ping}"
    );
    let health = stdout(&run(&["health", "--help"]));
    assert!(health.contains("prometheus") && health.contains("nagios"));
    assert!(!health.contains("raw:"), "{health}");
    let out = run(&["ping", "--format", "prometheus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("[possible values: table, json, ndjson]"),
        "{}",
        stderr(&out)
    );
    let out = run(&["stream", "tail", "job_events:1", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("table, ndjson, raw"),
        "{}",
        stderr(&out)
    );
    assert_eq!(run(&["health", "--format", "raw"]).status.code(), Some(3));
    // Commands that print no report take no --format at all.
    for cmd in ["init", "completions"] {
        let help = stdout(&run(&[cmd, "--help"]));
        assert!(!help.contains("--format"), "{cmd}: {help}");
    }
    let out = run(&["init", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("redkit.yaml").exists());
}

/// Every `redkit …` line in the README's code blocks (sh, bash, cron, and `$ ` lines of plain
/// blocks) and in the --help examples parses with the real command line: the two cannot drift
/// apart from the flags (a renamed flag, `config` vs `config show`).
#[test]
fn readme_and_help_examples_parse() {
    let mut lines: Vec<(String, String)> = readme::command_lines(&readme::readme_text())
        .into_iter()
        .map(|l| (format!("README.md:{}", l.number), l.command))
        .collect();
    fn help_examples(cmd: &clap::Command, path: &str, lines: &mut Vec<(String, String)>) {
        if let Some(h) = cmd.get_after_help() {
            for l in h.to_string().lines() {
                lines.push((format!("{path} --help"), l.to_string()));
            }
        }
        for sub in cmd.get_subcommands() {
            help_examples(sub, &format!("{path} {}", sub.get_name()), lines);
        }
    }
    help_examples(&redkit::cli::command(), "redkit", &mut lines);
    let mut checked = 0;
    for (source, line) in &lines {
        let mut line = line.trim().trim_start_matches("$ ");
        if source.ends_with("--help") {
            // Help examples end in a description after a wide gap.
            line = line.split("   ").next().unwrap();
        }
        // The command may follow variable assignments, `flock … LOCK` or another command.
        let Some(argv) = readme::redkit_argv(line) else {
            continue;
        };
        if argv.len() < 2 || argv[1].starts_with('<') {
            continue;
        }
        checked += 1;
        if let Err(e) = redkit::cli::Cli::try_parse_args(&argv) {
            use clap::error::ErrorKind;
            assert!(
                matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion),
                "{source}: `{line}` does not parse:\n{e}"
            );
        }
    }
    assert!(checked > 40, "only {checked} examples found");
}

/// A closed stdout (`redkit ... | head -1`) ends every command quietly, as `cat` and `rg` do:
/// no "Broken pipe", no panic, exit 0. Each command runs twice: with the reading end closed
/// before it writes anything, and read for one line and then closed (`head -1`).
#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let s = RedisServer::start();
    // Enough output that a reader of one line closes the pipe while redkit still writes.
    s.cli(&[
        "EVAL",
        "for i=1,3000 do redis.call('XADD','job_events:1','*','event_type','task_progress',\
         'data','{\"p\":'..i..'}','timestamp','') redis.call('SET','agent:cache:'..i,'v') \
         redis.call('XADD','job_events:s'..i,'*','event_type','task_started','data','{}',\
         'timestamp','') end",
        "0",
    ]);
    let url = s.url();
    let dir = tempfile::tempdir().unwrap();
    // A .env, so validate-env has something of the application to check (with neither a spec
    // nor a .env it says so on stderr, even under -q).
    std::fs::write(dir.path().join(".env"), "REDIS_DB=0\n").unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["completions", "bash"],
        vec!["completions", "zsh"],
        vec!["completions", "fish"],
        vec![
            "-u",
            &url,
            "stream",
            "read",
            "job_events:1",
            "--format",
            "ndjson",
        ],
        vec![
            "-u",
            &url,
            "stream",
            "read",
            "job_events:1",
            "--format",
            "json",
        ],
        vec!["-u", &url, "stream", "read", "job_events:1"],
        vec!["-u", &url, "stream", "list", "--format", "ndjson"],
        vec!["-u", &url, "stream", "list", "--format", "json"],
        vec!["-u", &url, "stream", "list"],
        vec!["-u", &url, "stream", "jobs", "--format", "ndjson"],
        vec!["-u", &url, "stream", "jobs", "--format", "json"],
        vec!["-u", &url, "stream", "job", "1", "--format", "ndjson"],
        vec!["-u", &url, "cache", "stats", "--format", "json"],
        vec![
            "-u",
            &url,
            "cache",
            "flush",
            "--dry-run",
            "--format",
            "json",
        ],
        vec![
            "-u",
            &url,
            "stream",
            "info",
            "job_events:1",
            "--format",
            "json",
        ],
        vec!["-u", &url, "health", "--format", "ndjson"],
        vec!["-u", &url, "health", "--format", "prometheus"],
        vec!["validate-env", "--format", "ndjson"],
        vec!["-u", &url, "ping", "--format", "json"],
        vec!["-u", &url, "wait", "--format", "json"],
        vec!["config", "--format", "json"],
        vec!["config", "--format", "ndjson"],
        vec!["validate-env", "--format", "json"],
        vec!["--help"],
    ];
    for args in &runs {
        for read_one_line in [false, true] {
            let mut child = Command::new(env!("CARGO_BIN_EXE_redkit"))
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("HOME", dir.path())
                .current_dir(dir.path())
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let out = child.stdout.take().unwrap();
            if read_one_line {
                let mut line = String::new();
                BufReader::new(out).read_line(&mut line).unwrap();
                assert!(!line.is_empty(), "redkit {args:?} wrote nothing");
            } else {
                drop(out);
            }
            let done = child.wait_with_output().unwrap();
            let err = stderr(&done);
            // health's output may fit the pipe whole: then its exit code is the status (a
            // fresh server is WARNING), never a failure of its own.
            let fine: &[i32] = if args.contains(&"health") {
                &[0, 1]
            } else {
                &[0]
            };
            assert!(
                done.status.code().is_some_and(|c| fine.contains(&c)),
                "redkit {args:?} (read a line: {read_one_line}) on a closed stdout: {:?}\n{err}",
                done.status.code()
            );
            assert!(
                err.is_empty(),
                "redkit {args:?} (read a line: {read_one_line}) said:\n{err}"
            );
        }
    }
}

/// A closed stderr (`2>&1 | head -1` shares the closed pipe) is no panic either: notes and
/// warnings are dropped and the exit code is the command's own.
#[test]
fn a_closed_stderr_is_no_panic() {
    use std::process::{Command, Stdio};
    let down = crate::support::free_port();
    let dir = tempfile::tempdir().unwrap();
    let down_url = format!("redis://127.0.0.1:{down}");
    for (args, code) in [
        // Notes on every change of state, then the error line.
        (
            vec![
                "-u",
                &down_url,
                "wait",
                "--max-wait",
                "1s",
                "--interval",
                "200ms",
            ],
            3,
        ),
        (vec!["-u", &down_url, "ping"], 3),
        (vec!["validate-env", "--no-such-flag"], 2),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_redkit"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", dir.path())
            .current_dir(dir.path())
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "redkit {args:?}");
    }
}

/// Every destructive Redis command, with no terminal and no --yes, is refused (exit 2) before
/// its first connection: against a server that accepts and never answers (a connection
/// attempt would wait out --connect-timeout), the refusal comes within 100 ms. Its dry run
/// needs no --yes, so it does connect (and times out).
#[test]
fn destructive_commands_refuse_before_connecting() {
    let dir = tempfile::tempdir().unwrap();
    let silent = SilentServer::start();
    let url = format!("redis://127.0.0.1:{}", silent.port);
    let commands: [&[&str]; 7] = [
        &["cache", "flush", "--prefix", "agent:cache:"],
        &["stream", "trim", "job_events:1", "--maxlen", "10"],
        &[
            "stream",
            "claim",
            "job_events:1",
            "workers",
            "--to",
            "w-2",
            "--min-idle",
            "10m",
        ],
        &["stream", "ack", "job_events:1", "workers", "1-0"],
        &["stream", "group", "create", "job_events:1", "workers"],
        &["stream", "group", "setid", "job_events:1", "workers", "0"],
        &[
            "stream",
            "group",
            "delconsumer",
            "job_events:1",
            "workers",
            "w-1",
        ],
    ];
    for cmd in commands {
        let mut args = vec!["-u", &url, "--connect-timeout", "5s", "--timeout", "5s"];
        args.extend_from_slice(cmd);
        let before = silent.accepted();
        let (out, took) = fastest_run(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{cmd:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("refusing to change anything without --yes"),
            "{cmd:?}: {}",
            stderr(&out)
        );
        // Before any work: no connection was opened (so nothing waited on the silent server).
        assert_eq!(
            silent.accepted(),
            before,
            "{cmd:?} connected before refusing"
        );
        // Loose on purpose (a loaded CI machine): far under the 5 s a connection would wait.
        assert!(took < Duration::from_secs(2), "{cmd:?}: took {took:?}");
        // -y is --yes everywhere: it gets past the refusal and into the (silent) connection.
        let mut dry = vec![
            "-u",
            &url,
            "--connect-timeout",
            "300ms",
            "--timeout",
            "300ms",
        ];
        dry.extend_from_slice(cmd);
        for flag in ["--dry-run", "-y"] {
            let mut a = dry.clone();
            a.push(flag);
            let out = redkit(dir.path()).args(&a).output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(3),
                "{cmd:?} {flag}: {}",
                stderr(&out)
            );
        }
    }
}

/// `cache stats` takes the formats of the report it prints, wherever --format is given: after
/// the subcommand clap lists them; before it, the refusal names `cache stats` and its formats,
/// before any connection. The same for the streaming commands' marker types.
#[test]
fn format_refusals_name_the_command_and_its_formats() {
    let dir = tempfile::tempdir().unwrap();
    let silent = SilentServer::start();
    let url = format!("redis://127.0.0.1:{}", silent.port);
    let out = redkit(dir.path())
        .args(["-u", &url, "cache", "stats", "--format", "prometheus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("[possible values: table, json, ndjson]"),
        "{}",
        stderr(&out)
    );
    for (args, want) in [
        (
            &["--format", "prometheus", "cache", "stats"][..],
            "--format prometheus: not available for cache stats (use table, json, ndjson)",
        ),
        (
            &["--format", "json", "stream", "tail", "job_events:1"][..],
            "--format json: not available for stream tail (use table, ndjson, raw)",
        ),
        (
            &[
                "--format",
                "ndjson",
                "stream",
                "ack",
                "job_events:1",
                "g",
                "1-0",
                "-y",
            ][..],
            "--format ndjson: not available for stream ack (use table, json)",
        ),
    ] {
        let (out, took) = fastest_run(
            dir.path(),
            &[&["-u", &url, "--connect-timeout", "5s"][..], args].concat(),
        );
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
        assert!(took < Duration::from_secs(2), "{args:?}: took {took:?}");
    }
    assert_eq!(silent.accepted(), 0, "a format refusal connected first");
}

/// `redkit completions SHELL` prints the committed script: what an operator installs is what
/// the repository ships (keys, prefixes and globs complete to nothing, not to file names).
#[test]
fn installed_completions_are_the_committed_ones() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (shell, file) in [
        ("bash", "redkit.bash"),
        ("zsh", "_redkit"),
        ("fish", "redkit.fish"),
        ("powershell", "_redkit.ps1"),
        ("elvish", "redkit.elv"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = redkit(dir.path())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let committed = std::fs::read(root.join("completions").join(file)).unwrap();
        assert!(
            out.stdout == committed,
            "{shell}: differs from completions/{file}"
        );
    }
}
