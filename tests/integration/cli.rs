//! The command line itself: help, version, completions and man pages kept current.

use crate::support::{redkit, stdout};

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
}
