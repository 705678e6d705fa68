//! The generated documents: completion scripts for five shells and the man pages, from the
//! clap definition of the command line. `completions/` and `man/` hold them, and a test fails
//! when they are stale (`REDKIT_REGENERATE=1` rewrites them).

mod environment;

use std::path::Path;

use clap_complete::Shell;

pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

/// The completion script for one shell.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut cmd = completion_command(crate::cli::command());
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "redkit", &mut buf);
    comma_lists(shell, buf)
}

/// `health --check a,<TAB>`: clap completes one value per word, but `--check`/`--skip` take a
/// comma-separated list of check names, so in bash, zsh and fish the names complete after the
/// last comma too. The names are the registry's, as clap already lists them.
fn comma_lists(shell: Shell, script: Vec<u8>) -> Vec<u8> {
    let names = crate::cmd::health::registry::selectable_names();
    let Ok(text) = String::from_utf8(script.clone()) else {
        return script;
    };
    let spaced = names.join(" ");
    let text = match shell {
        Shell::Bash => text.replace(
            &format!(r#"compgen -W "{spaced}" -- "${{cur}}""#),
            &format!(r#"compgen -P "${{cur%"${{cur##*,}}"}}" -W "{spaced}" -- "${{cur##*,}}""#),
        ),
        Shell::Zsh => text.replace(
            &format!(":NAME:({spaced})'"),
            &format!(":NAME:_values -s , check {spaced}'"),
        ),
        Shell::Fish => {
            let listed: Vec<String> = names.iter().map(|n| format!("{n}\\t''")).collect();
            let replaced = text.replace(
                &format!("-a \"{}\"", listed.join("\n")),
                "-a \"(__fish_complete_list , __redkit_check_names)\"",
            );
            format!("function __redkit_check_names\n    printf '%s\\n' {spaced}\nend\n\n{replaced}")
        }
        _ => text,
    };
    text.into_bytes()
}

/// The command line as completions see it: a key, prefix, glob or stream name is something
/// only Redis knows, so those values complete to nothing rather than to file names.
fn completion_command(cmd: clap::Command) -> clap::Command {
    const NAMES: &[&str] = &[
        "P", "GLOB", "KEY", "PREFIX", "PATTERN", "STREAM", "GROUP", "ID",
    ];
    let cmd = cmd.mut_args(|a| {
        let named = a
            .get_value_names()
            .is_some_and(|v| v.iter().any(|n| NAMES.contains(&n.as_str())));
        let id = a.get_id().as_str();
        if named
            || matches!(
                id,
                "prefix" | "pattern" | "match" | "key_prefix" | "key_pattern"
            )
        {
            a.value_hint(clap::ValueHint::Other)
        } else {
            a
        }
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    names
        .into_iter()
        .fold(cmd, |c, n| c.mut_subcommand(n, completion_command))
}

/// The file name a shell's completion script is committed under.
pub fn completion_file(shell: Shell) -> String {
    match shell {
        Shell::Bash => "redkit.bash".into(),
        Shell::Zsh => "_redkit".into(),
        Shell::Fish => "redkit.fish".into(),
        Shell::PowerShell => "_redkit.ps1".into(),
        Shell::Elvish => "redkit.elv".into(),
        _ => format!("redkit.{shell}"),
    }
}

/// Every man page: `redkit.1` and one per subcommand (`redkit-stream-tail.1`), as
/// (file name, roff text).
pub fn man_pages() -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = crate::cli::command();
    cmd.build();
    let mut pages = Vec::new();
    walk(&cmd, &[], &mut pages)?;
    Ok(pages)
}

fn walk(
    cmd: &clap::Command,
    parents: &[String],
    pages: &mut Vec<(String, Vec<u8>)>,
) -> anyhow::Result<()> {
    let mut path = parents.to_vec();
    path.push(cmd.get_name().to_string());
    let page = path.join("-");
    pages.push((format!("{page}.1"), man_page(cmd, &path)?));
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        walk(sub, &path, pages)?;
    }
    Ok(())
}

/// One page. clap_mangen renders the title, name, description and options; the synopsis
/// (with option arguments and `KEY...`), the subcommand list (no `help` page: there is none),
/// the examples (`.nf`, never filled or justified), the notes and the exit status come from
/// here.
fn man_page(cmd: &clap::Command, path: &[String]) -> anyhow::Result<Vec<u8>> {
    use std::io::Write;
    let page = path.join("-");
    let man = clap_mangen::Man::new(cmd.clone().name(page.clone()))
        .source(format!("redkit {}", env!("CARGO_PKG_VERSION")))
        .manual("redkit manual");
    let mut w = Vec::new();
    man.render_title(&mut w)?;
    // Left-aligned, never justified: flags and paths must not be stretched apart.
    // No hyphenation either: a flag split at a hyphen reads as two flags.
    writeln!(w, ".ad l")?;
    writeln!(w, ".nh")?;
    man.render_name_section(&mut w)?;
    writeln!(w, ".SH SYNOPSIS")?;
    writeln!(w, "{}", synopsis(cmd, path))?;
    man.render_description_section(&mut w)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut w)?;
    }
    let subs: Vec<&clap::Command> = cmd
        .get_subcommands()
        .filter(|s| s.get_name() != "help" && !s.is_hide_set())
        .collect();
    if !subs.is_empty() {
        writeln!(w, ".SH COMMANDS")?;
        for sub in subs {
            writeln!(w, ".TP")?;
            writeln!(
                w,
                "\\fB{}\\fR(1)",
                esc(&format!("{page}-{}", sub.get_name()))
            )?;
            if let Some(about) = sub.get_about() {
                writeln!(w, "{}", text_line(&about.to_string()))?;
            }
        }
    }
    let after = cmd
        .get_after_long_help()
        .or_else(|| cmd.get_after_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    let sections = after_help_sections(&after);
    for (title, lines) in &sections {
        writeln!(w, ".SH {title}")?;
        if *title == "EXAMPLES" {
            writeln!(w, ".nf")?;
            writeln!(w, ".RS 4")?;
            for line in lines {
                for l in example_lines(line.strip_prefix("  ").unwrap_or(line)) {
                    writeln!(w, "{}", text_line(&l))?;
                }
            }
            writeln!(w, ".RE")?;
            writeln!(w, ".fi")?;
        } else {
            for line in lines {
                if line.is_empty() {
                    writeln!(w, ".PP")?;
                } else {
                    writeln!(w, "{}", text_line(line))?;
                }
            }
        }
    }
    let needs = environment::needs(path);
    environment::environment_section(&mut w, needs)?;
    environment::files_section(&mut w, needs)?;
    if path.len() > 1 {
        writeln!(w, ".SH SEE ALSO")?;
        let parents: Vec<String> = (1..path.len())
            .rev()
            .map(|n| format!("\\fB{}\\fR(1)", esc(&path[..n].join("-"))))
            .collect();
        writeln!(w, "{}", parents.join(", "))?;
    } else {
        man.render_version_section(&mut w)?;
    }
    Ok(drop_repeated_preamble(&w))
}

/// Columns an example line may take in a man page read at 80 columns: the page's indent (7)
/// and the examples' (4) come off.
pub const EXAMPLE_WIDTH: usize = 80 - 7 - 4;

/// One example as it fits [`EXAMPLE_WIDTH`]: `command   what it does` stays one line when it
/// fits; else the comment goes above as `# what it does`, and a command still too long is
/// continued with `\` before a flag.
fn example_lines(line: &str) -> Vec<String> {
    if line.chars().count() <= EXAMPLE_WIDTH {
        return vec![line.to_string()];
    }
    let (cmd, note) = match line.find("   ") {
        Some(i) => (line[..i].trim_end(), line[i..].trim()),
        None => (line.trim_end(), ""),
    };
    let mut out = Vec::new();
    if !note.is_empty() {
        out.push(format!("# {note}"));
    }
    let mut rest = cmd.to_string();
    let mut indent = "";
    while indent.len() + rest.chars().count() > EXAMPLE_WIDTH {
        // The last break before a flag (or a space) that leaves room for ` \`.
        let room = EXAMPLE_WIDTH.saturating_sub(indent.len() + 2);
        let head: String = rest.chars().take(room).collect();
        let cut = head.rfind(" -").or_else(|| head.rfind(' '));
        let Some(cut) = cut.filter(|&c| c > 0) else {
            break;
        };
        out.push(format!("{indent}{} \\", &rest[..cut]));
        rest = rest[cut + 1..].to_string();
        indent = "    ";
    }
    out.push(format!("{indent}{rest}"));
    out
}

/// clap_mangen opens each section it renders with the same two string definitions; keep the
/// first pair.
fn drop_repeated_preamble(text: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(text);
    let mut seen = std::collections::HashSet::new();
    let mut out = String::new();
    for line in text.lines() {
        let preamble = line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
        if preamble && !seen.insert(line) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.into_bytes()
}

/// `redkit cache flush [--prefix P] [-u|--url URL]... KEY...`: every visible option with its
/// argument, repeatable ones marked `...`.
fn synopsis(cmd: &clap::Command, path: &[String]) -> String {
    let mut parts = vec![format!("\\fB{}\\fR", esc(&path.join(" ")))];
    let takes_value = |a: &clap::Arg| a.get_num_args().is_some_and(|n| n.takes_values());
    let repeats = |a: &clap::Arg| {
        matches!(
            a.get_action(),
            clap::ArgAction::Append | clap::ArgAction::Count
        ) || a.get_num_args().is_some_and(|n| n.max_values() > 1)
    };
    let value_name = |a: &clap::Arg| {
        a.get_value_names()
            .map(|v| {
                v.iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_else(|| a.get_id().as_str().to_uppercase())
    };
    for a in cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_positional())
    {
        let mut names = Vec::new();
        if let Some(s) = a.get_short() {
            names.push(format!("\\fB\\-{}\\fR", esc(&s.to_string())));
        }
        if let Some(l) = a.get_long() {
            names.push(format!("\\fB\\-\\-{}\\fR", esc(l)));
        }
        if names.is_empty() {
            continue;
        }
        let mut item = names.join("|");
        if takes_value(a) {
            // An unpaddable space: the flag and its argument stay on one line.
            item.push_str(&format!("\\ \\fI{}\\fR", esc(&value_name(a))));
        }
        let (open, close) = if a.is_required_set() {
            ("", "")
        } else {
            ("[", "]")
        };
        let more = if repeats(a) { "..." } else { "" };
        parts.push(format!("{open}{item}{close}{more}"));
    }
    for a in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        let (open, close) = if a.is_required_set() {
            ("", "")
        } else {
            ("[", "]")
        };
        let more = if repeats(a) { "..." } else { "" };
        parts.push(format!(
            "{open}\\fI{}\\fR{more}{close}",
            esc(&value_name(a))
        ));
    }
    if cmd.has_subcommands() {
        if cmd.is_subcommand_required_set() {
            parts.push("\\fICOMMAND\\fR".into());
        } else {
            parts.push("[\\fICOMMAND\\fR]".into());
        }
    }
    parts.join(" ")
}

/// Splits an `after_help` text into man sections: the `Examples:` block becomes EXAMPLES,
/// lines from `Exit codes:` on become EXIT STATUS, the rest NOTES.
fn after_help_sections(text: &str) -> Vec<(&'static str, Vec<String>)> {
    let mut sections: Vec<(&'static str, Vec<String>)> = Vec::new();
    for para in text.split("\n\n") {
        let mut lines = para.lines().peekable();
        let mut title = "NOTES";
        if lines.peek().is_some_and(|l| l.trim() == "Examples:") {
            lines.next();
            title = "EXAMPLES";
        }
        let mut first = true;
        for line in lines {
            let mut line = line;
            if let Some(rest) = line
                .strip_prefix("Exit codes:")
                .filter(|_| title != "EXAMPLES")
            {
                title = "EXIT STATUS";
                line = rest.trim_start();
                first = true;
            }
            let idx = match sections.iter().position(|(t, _)| *t == title) {
                Some(i) => i,
                None => {
                    sections.push((title, Vec::new()));
                    sections.len() - 1
                }
            };
            let body = &mut sections[idx].1;
            // A new paragraph in a section that has text already: a blank line (.PP).
            if first && !body.is_empty() {
                body.push(String::new());
            }
            first = false;
            body.push(line.to_string());
        }
    }
    sections
}

/// Escapes text for roff: backslashes and hyphens, and a leading `.` or `'` that would read as
/// a request.
fn esc(s: &str) -> String {
    s.replace('\\', "\\e").replace('-', "\\-")
}

fn text_line(s: &str) -> String {
    let e = esc(s);
    if e.starts_with('.') || e.starts_with('\'') {
        format!("\\&{e}")
    } else {
        e
    }
}

/// Writes completions/ and man/ under `root` (used by the test with REDKIT_REGENERATE=1).
pub fn write_generated(root: &Path) -> anyhow::Result<()> {
    let comp = root.join("completions");
    std::fs::create_dir_all(&comp)?;
    for shell in SHELLS {
        std::fs::write(comp.join(completion_file(shell)), completion_script(shell))?;
    }
    let man = root.join("man");
    if man.exists() {
        std::fs::remove_dir_all(&man)?;
    }
    std::fs::create_dir_all(&man)?;
    for (name, text) in man_pages()? {
        std::fs::write(man.join(name), text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_fit_a_man_page_read_at_80_columns() {
        for (name, page) in man_pages().unwrap() {
            let text = String::from_utf8(page).unwrap();
            let mut inside = false;
            for l in text.lines() {
                match l {
                    ".SH EXAMPLES" => inside = true,
                    ".fi" => inside = false,
                    _ if inside && !l.starts_with('.') => {
                        let shown = l
                            .replace("\\-", "-")
                            .replace("\\e", "\\")
                            .replace("\\&", "");
                        assert!(
                            shown.chars().count() <= EXAMPLE_WIDTH,
                            "{name}: {} columns: {shown}",
                            shown.chars().count()
                        );
                    }
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn long_examples_put_the_note_above_and_continue_the_command() {
        let l = "redkit --cluster -u redis://10.0.0.1:7000 cache flush --yes --format json   all masters";
        let out = example_lines(l);
        assert_eq!(out[0], "# all masters");
        assert!(out[1].ends_with(" \\"), "{out:?}");
        assert!(
            out.iter().all(|x| x.chars().count() <= EXAMPLE_WIDTH),
            "{out:?}"
        );
        assert_eq!(
            example_lines("redkit ping   one line"),
            vec!["redkit ping   one line"]
        );
    }

    #[test]
    fn the_top_page_lists_every_variable_of_the_settings_table() {
        let pages = man_pages().unwrap();
        let top = String::from_utf8(pages[0].1.clone()).unwrap();
        assert!(top.contains(".SH ENVIRONMENT") && top.contains(".SH FILES"));
        for k in crate::settings::keys::KEYS {
            for v in k.env {
                assert!(top.contains(&esc(v)), "{v} missing");
            }
        }
        // TZ decides every time a table shows (review-21 F8).
        for v in [
            "COLUMNS",
            "NO_COLOR",
            "TZ",
            "XDG_CONFIG_HOME",
            "REDKIT_CONFIG",
        ] {
            assert!(top.contains(&esc(v)), "{v} missing");
        }
    }

    #[test]
    fn every_page_has_environment_and_files() {
        for (name, page) in man_pages().unwrap() {
            let text = String::from_utf8(page).unwrap();
            for sec in [".SH ENVIRONMENT", ".SH FILES"] {
                assert_eq!(text.matches(sec).count(), 1, "{name}: {sec}");
            }
        }
        let page = |n: &str| {
            let pages = man_pages().unwrap();
            let p = pages.iter().find(|(f, _)| f == n).unwrap();
            String::from_utf8(p.1.clone()).unwrap()
        };
        // Each page lists what its command reads, from the settings table.
        let flush = page("redkit-cache-flush.1");
        for v in [
            "REDIS_URL",
            "REDIS_PASSWORD",
            "NO_COLOR",
            "COLUMNS",
            "XDG_CONFIG_HOME",
        ] {
            assert!(flush.contains(&esc(v)), "cache flush: {v}");
        }
        assert!(!flush.contains("DATABASE_URL") && !flush.contains("health.json"));
        let health = page("redkit-health.1");
        for v in [
            "XDG_STATE_HOME",
            "/var/lib/redkit/health.json",
            ".local/state",
        ] {
            assert!(health.contains(&esc(v)), "health: {v}");
        }
        let migrate = page("redkit-migrate-recipients.1");
        assert!(migrate.contains("DATABASE_URL") && !migrate.contains("REDIS_HOST"));
        assert!(page("redkit-bench.1").contains(r"\-\-compare FILE"));
        assert!(page("redkit-top.1").contains(r"\-\-record FILE"));
    }

    #[test]
    fn keys_and_globs_complete_to_nothing() {
        let zsh = String::from_utf8(completion_script(Shell::Zsh)).unwrap();
        let line = zsh.lines().find(|l| l.contains("--pattern=[")).unwrap();
        assert!(
            !line.contains("_default") && !line.contains("_files"),
            "{line}"
        );
    }
}
