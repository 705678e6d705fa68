//! Rendering reports: a command builds plain data, `Output::emit` prints it in the format chosen
//! once at start-up. Only tables are written by hand; JSON comes from serde.

pub mod escape;
pub mod mask;
pub mod progress;

use std::io::{self, IsTerminal, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::cli::{ColorChoice, Format, GlobalArgs};
use crate::exit;

/// What a report can be printed as. JSON is automatic; the rest is opt-in per report.
pub trait Render: Serialize {
    /// The table for people.
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()>;

    /// The objects printed one per line for `--format ndjson`: the whole report by default.
    fn ndjson_items(&self) -> Vec<serde_json::Value> {
        vec![serde_json::to_value(self).unwrap_or(serde_json::Value::Null)]
    }

    /// Prometheus text exposition, where the report has metrics.
    fn prometheus(&self) -> Option<String> {
        None
    }

    /// Monitoring-plugin output, where the report has a status.
    fn nagios(&self) -> Option<String> {
        None
    }

    /// Values as stored, where that means something.
    fn raw(&self, _w: &mut dyn Write) -> Option<io::Result<()>> {
        None
    }
}

/// What table renderers need to know about the terminal.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub color: bool,
    pub stdout_tty: bool,
    pub verbose: u8,
}

impl Ui {
    /// A table in redkit's style: light rules, no styling when color is off.
    pub fn table(&self) -> Table {
        let mut t = Table::new();
        // No borders, like kubectl: easy to read and to grep.
        t.load_preset(presets::NOTHING);
        if self.stdout_tty {
            t.set_content_arrangement(ContentArrangement::Dynamic);
        } else {
            t.force_no_tty();
        }
        t
    }
}

#[derive(Debug, Clone)]
pub struct Output {
    pub format: Format,
    pub ui: Ui,
    pub quiet: bool,
    pub stderr_tty: bool,
}

impl Output {
    pub fn new(g: &GlobalArgs, default_format: Format) -> Output {
        let format = g.format.unwrap_or(default_format);
        let stdout_tty = io::stdout().is_terminal();
        let color =
            decide_color(g.color, stdout_tty, |k| std::env::var(k).ok()) && !format.is_machine();
        colored::control::set_override(color);
        Output {
            format,
            ui: Ui {
                color,
                stdout_tty,
                verbose: g.verbose,
            },
            quiet: g.quiet,
            stderr_tty: io::stderr().is_terminal(),
        }
    }

    /// Refuses a format the command cannot produce (a usage error).
    pub fn require(&self, command: &str, allowed: &[Format]) -> anyhow::Result<()> {
        if allowed.contains(&self.format) {
            return Ok(());
        }
        let names: Vec<&str> = allowed.iter().map(|f| f.name()).collect();
        Err(exit::usage(format!(
            "--format {}: not available for {command} (use {})",
            self.format.name(),
            names.join(", ")
        )))
    }

    /// Prints the report to stdout in the chosen format.
    pub fn emit<R: Render>(&self, report: &R) -> anyhow::Result<()> {
        let stdout = io::stdout();
        let mut w = io::BufWriter::new(stdout.lock());
        self.write_report(&mut w, report)?;
        w.flush()?;
        Ok(())
    }

    /// Renders the report into any writer (used for `--output FILE` and tests).
    pub fn write_report<R: Render>(&self, w: &mut dyn Write, report: &R) -> anyhow::Result<()> {
        match self.format {
            Format::Table => report.table(w, &self.ui)?,
            Format::Json => {
                serde_json::to_writer_pretty(&mut *w, report)?;
                writeln!(w)?;
            }
            Format::Ndjson => {
                for item in report.ndjson_items() {
                    serde_json::to_writer(&mut *w, &item)?;
                    writeln!(w)?;
                }
            }
            Format::Prometheus => match report.prometheus() {
                Some(text) => w.write_all(text.as_bytes())?,
                None => return Err(exit::usage("--format prometheus: not available here")),
            },
            Format::Nagios => match report.nagios() {
                Some(text) => w.write_all(text.as_bytes())?,
                None => return Err(exit::usage("--format nagios: not available here")),
            },
            Format::Raw => match report.raw(w) {
                Some(r) => r?,
                None => return Err(exit::usage("--format raw: not available here")),
            },
        }
        Ok(())
    }

    /// One JSON object on its own line, flushed at once (streaming commands).
    pub fn line<T: Serialize>(&self, item: &T) -> anyhow::Result<()> {
        let mut w = io::stdout().lock();
        serde_json::to_writer(&mut w, item)?;
        writeln!(w)?;
        w.flush()?;
        Ok(())
    }

    /// A note for people on stderr (hidden by -q).
    pub fn note(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", msg.as_ref());
        }
    }

    /// A warning on stderr (shown even with -q: it says something is off).
    pub fn warn(&self, msg: impl AsRef<str>) {
        use colored::Colorize;
        eprintln!("{} {}", "redkit: warning:".yellow(), msg.as_ref());
    }

    /// Whether progress bars may be drawn: stderr is a terminal, not quiet, a format for people.
    pub fn progress_allowed(&self) -> bool {
        self.stderr_tty && !self.quiet && !self.format.is_machine()
    }
}

/// Asks a yes/no question on the terminal (stderr), the one prompt of every destructive
/// command. With no terminal to ask on it refuses with `refusal` (a usage error, exit 2):
/// cron must say `--yes`.
pub fn confirm(question: &str, refusal: &str) -> anyhow::Result<bool> {
    use std::io::BufRead;
    if !io::stdin().is_terminal() || !io::stderr().is_terminal() {
        return Err(exit::usage(refusal.to_string()));
    }
    eprint!("{question} [y/N] ");
    io::stderr().flush()?;
    let mut answer = String::new();
    io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes" | "YES"))
}

/// `--color auto` means: stdout is a terminal, NO_COLOR unset or empty, TERM not `dumb`.
pub fn decide_color(
    choice: ColorChoice,
    stdout_tty: bool,
    env: impl Fn(&str) -> Option<String>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stdout_tty
                && env("NO_COLOR").is_none_or(|v| v.is_empty())
                && env("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, then rename, so
/// a reader (cron, node_exporter) never sees half a file.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    use anyhow::Context;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.tmp.{}", std::process::id()));
    let result = (|| -> anyhow::Result<()> {
        let mut f = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_auto_rules() {
        let none = |_: &str| None;
        assert!(decide_color(ColorChoice::Auto, true, none));
        assert!(!decide_color(ColorChoice::Auto, false, none));
        assert!(!decide_color(ColorChoice::Auto, true, |k: &str| (k
            == "NO_COLOR")
            .then(|| "1".into())));
        assert!(decide_color(ColorChoice::Auto, true, |k: &str| (k
            == "NO_COLOR")
            .then(String::new)));
        assert!(!decide_color(ColorChoice::Auto, true, |k: &str| (k
            == "TERM")
            .then(|| "dumb".into())));
        assert!(decide_color(ColorChoice::Always, false, none));
        assert!(!decide_color(ColorChoice::Never, true, none));
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.prom");
        write_atomic(&p, b"one\n").unwrap();
        write_atomic(&p, b"two\n").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "two\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
