//! Completions offer the values a flag takes, run for real in bash and fish on the scripts
//! `redkit completions` prints (zsh's script is read: its `_arguments` specs list the same
//! values): workloads for `bench -w`, each command's own formats for `--format`, nothing (not
//! file names) for `--prefix` and `--pattern`. Man pages fit 80 columns as `man` sets them.

use std::process::Command;

use crate::support::redkit;

fn script(dir: &std::path::Path, shell: &str) -> std::path::PathBuf {
    let out = redkit(dir).args(["completions", shell]).output().unwrap();
    assert!(out.status.success(), "{shell}");
    let path = dir.join(format!("c.{shell}"));
    std::fs::write(&path, out.stdout).unwrap();
    path
}

/// What bash offers after `line` (the last word is the one being completed).
fn bash(script: &std::path::Path, line: &str) -> Vec<String> {
    let words: Vec<&str> = line.split(' ').collect();
    let cword = words.len() - 1;
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    // A file in the folder: an offer of file names would show it.
    let out = Command::new("bash")
        .current_dir(script.parent().unwrap())
        .arg("-c")
        .arg(format!(
            "source {}; COMP_WORDS=({}); COMP_CWORD={cword}; _redkit redkit '{}' '{}'; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            quoted.join(" "),
            words[cword],
            words[cword - 1],
        ))
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// What fish offers after `line`.
fn fish(script: &std::path::Path, line: &str) -> Vec<String> {
    let out = Command::new("fish")
        .current_dir(script.parent().unwrap())
        .arg("-c")
        .arg(format!("source {}; complete -C '{line}'", script.display()))
        .output()
        .expect("fish (tests/run installs it)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn sorted(v: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn flags_complete_to_the_values_they_take_in_bash_zsh_and_fish() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file-name"), "").unwrap();
    let (b, f) = (script(dir.path(), "bash"), script(dir.path(), "fish"));
    let zsh = std::fs::read_to_string(script(dir.path(), "zsh")).unwrap();

    // The workloads `bench --help` lists.
    let help = redkit(dir.path())
        .args(["bench", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout).to_string();
    let at = zsh.find("*-w+[").expect("zsh: bench -w");
    let zsh_workloads = &zsh[at..at + zsh[at..].find("))'").unwrap()];
    for w in ["set", "get", "mixed", "xadd", "jobs", "cache"] {
        assert!(help.contains(w), "{w} not in bench --help");
        assert!(
            bash(&b, "redkit bench -w ").contains(&w.to_string()),
            "bash: {w}"
        );
        assert!(
            fish(&f, "redkit bench -w ").contains(&w.to_string()),
            "fish: {w}"
        );
        assert!(
            zsh_workloads.contains(&format!("\n{w}\\:"))
                || zsh_workloads.contains(&format!("({w}\\:")),
            "zsh: workload {w} not offered"
        );
    }

    // Each command's own formats, and only those.
    let cases: [(&str, &[&str]); 4] = [
        (
            "health",
            &["json", "nagios", "ndjson", "prometheus", "table"],
        ),
        ("stream jobs", &["json", "ndjson", "table"]),
        ("stream tail job_events:1", &["ndjson", "raw", "table"]),
        ("bench", &["json", "table"]),
    ];
    for (cmd, want) in cases {
        let line = format!("redkit {cmd} --format ");
        let mut got = bash(&b, &line);
        got.sort();
        assert_eq!(got, sorted(want), "bash: {line}");
        let mut got = fish(&f, &line);
        got.sort();
        assert_eq!(got, sorted(want), "fish: {line}");
    }
    // zsh: the health section's --format lists prometheus and nagios; stream jobs' does not.
    let section = |name: &str| {
        let at = zsh
            .find(&format!("(({name})\n_arguments"))
            .or_else(|| zsh.find(&format!("({name})\n_arguments")))
            .unwrap_or_else(|| panic!("zsh: no section for {name}"));
        let rest = &zsh[at..];
        rest[..rest.find("\n;;").unwrap_or(rest.len())].to_string()
    };
    let format_spec = |s: &str| {
        let at = s
            .find("'--format=")
            .unwrap_or_else(|| panic!("zsh: no --format in\n{s}"));
        let rest = &s[at..];
        rest[..rest.find("))'").unwrap_or(rest.len())].to_string()
    };
    let health = format_spec(&section("health"));
    assert!(
        health.contains("prometheus\\:") && health.contains("nagios\\:"),
        "{health}"
    );
    let jobs = format_spec(&section("jobs"));
    assert!(
        jobs.contains("ndjson\\:") && !jobs.contains("prometheus"),
        "{jobs}"
    );

    // Keys, prefixes and globs: nothing, never the file names of the folder.
    for line in [
        "redkit cache flush --prefix ",
        "redkit cache stats --pattern ",
        "redkit cache flush --pattern ",
    ] {
        assert_eq!(bash(&b, line), Vec::<String>::new(), "bash: {line}");
        assert_eq!(fish(&f, line), Vec::<String>::new(), "fish: {line}");
    }
    // ... where a file flag offers files (so the empty answers above mean something).
    assert!(
        bash(&b, "redkit bench --compare ").contains(&"a-file-name".to_string()),
        "bash offers no files at all"
    );
    assert!(
        fish(&f, "redkit bench --compare ").contains(&"a-file-name".to_string()),
        "fish offers no files at all"
    );
    let specs: Vec<&str> = zsh
        .lines()
        .filter(|l| l.contains("--prefix=[") || l.contains("--pattern=["))
        .collect();
    assert!(specs.len() >= 4, "zsh: {specs:?}");
    for spec in specs {
        // An empty action: zsh completes nothing there.
        assert!(spec.ends_with(":' \\"), "zsh: {spec}");
    }
}

/// Every man page, set by groff at 80 columns as `man` does on an 80-column terminal, has
/// no line wider than 80: the examples (kept verbatim, `.nf`) fit.
#[test]
fn man_pages_fit_80_columns() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let mut pages = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "1") {
            continue;
        }
        pages += 1;
        let out = Command::new("groff")
            .args(["-man", "-Tutf8", "-rLL=80n", "-P-cbou"])
            .arg(&path)
            .output()
            .expect("groff (groff-base, which man needs; tests/run installs it)");
        assert!(out.status.success(), "{}", path.display());
        let text = String::from_utf8_lossy(&out.stdout);
        for l in text.lines() {
            assert!(
                crate::support::tmux::width(l) <= 80,
                "{}: a line {} columns wide:\n{l}",
                path.display(),
                crate::support::tmux::width(l)
            );
        }
    }
    assert!(pages > 30, "{pages} man pages");
}
