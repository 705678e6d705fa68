//! Rendering reports: a command builds plain data, `Output::emit` prints it in the format chosen
//! once at start-up. Only tables are written by hand; JSON comes from serde.

pub mod escape;
pub mod format;
pub mod number;
pub mod paint;
pub mod progress;
pub mod records;
pub mod table;
pub mod time;
pub mod width;

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::exit;
use crate::secret::Secret;
pub use format::{ColorChoice, Format, OutputOptions};
pub use table::{Attribute, Cell, Color, Kind, Table};

/// The formats a command can be printed in, declared once on the type it prints: its report,
/// or for a streaming command a marker type standing for its records. `cli::FORMATS` names
/// that type per command; `--help`, the check of `--format` before any work and `Output`'s
/// check when printing all read this one list.
pub trait Formats {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json, Format::Ndjson];
}

/// What a report can be printed as. JSON is automatic; the rest is opt-in per report.
pub trait Render: Serialize + Formats {
    /// The table for people.
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()>;

    /// The objects printed one per line for `--format ndjson`: the whole report by default.
    fn ndjson_items(&self) -> Vec<serde_json::Value> {
        vec![serde_json::to_value(self).unwrap_or(serde_json::Value::Null)]
    }

    /// The table under `-q` when something is wrong: the one-line summary and the failing rows
    /// only (cron mails every byte). The whole table by default.
    fn problems_table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        self.table(w, ui)
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
#[derive(Debug, Clone, Copy, Default)]
pub struct Ui {
    pub color: bool,
    pub stdout_tty: bool,
    pub verbose: u8,
    /// Columns of the terminal stdout goes to; `None` when unlimited (a pipe, `--wide`).
    pub width: Option<usize>,
}

impl Ui {
    /// Text for a table, coloured only when this output takes colour.
    pub fn paint(&self, text: impl Into<String>) -> paint::Painted {
        paint::Painted::new(text, self.color)
    }

    /// A table in redkit's style: no borders (like kubectl: easy to read and to grep), fitted
    /// to this output's width, coloured only when it takes colour.
    pub fn table(&self) -> Table {
        Table::new(table::Fit {
            width: self.width,
            color: self.color,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Output {
    pub format: Format,
    pub ui: Ui,
    pub quiet: bool,
    pub stderr_tty: bool,
    /// Whether lines on stderr (warnings) take colour: judged for stderr, not stdout.
    pub stderr_color: bool,
}

impl Output {
    pub fn new(g: &OutputOptions, default_format: Format) -> Output {
        let format = g.format.unwrap_or(default_format);
        let stdout_tty = io::stdout().is_terminal();
        let color =
            decide_color(g.color, stdout_tty, |k| std::env::var(k).ok()) && !format.is_machine();
        Output {
            format,
            ui: Ui {
                color,
                stdout_tty,
                verbose: g.verbose,
                width: table_width(stdout_tty, g.wide, |k| std::env::var(k).ok()),
            },
            quiet: g.quiet,
            stderr_tty: io::stderr().is_terminal(),
            stderr_color: decide_color(g.color, io::stderr().is_terminal(), |k| {
                std::env::var(k).ok()
            }),
        }
    }

    /// Refuses a format the command cannot produce (a usage error).
    pub fn require(&self, command: &str, allowed: &[Format]) -> anyhow::Result<()> {
        format::require(self.format, command, allowed)
    }

    /// Prints the report to stdout in the chosen format.
    pub fn emit<R: Render>(&self, report: &R) -> anyhow::Result<()> {
        let stdout = io::stdout();
        let mut w = io::BufWriter::new(stdout.lock());
        self.write_report(&mut w, report)?;
        w.flush()?;
        Ok(())
    }

    /// Prints the report of a command that checks or changes something. Under `-q` a run that
    /// succeeded and found nothing wrong prints nothing at all; one that found a problem prints
    /// the summary and the failing rows (in table format) or the whole report (machine formats).
    pub fn emit_outcome<R: Render>(&self, report: &R, ok: bool) -> anyhow::Result<()> {
        if !self.quiet {
            return self.emit(report);
        }
        if ok {
            return Ok(());
        }
        if self.format == Format::Table {
            let stdout = io::stdout();
            let mut w = io::BufWriter::new(stdout.lock());
            let mut buf = Vec::new();
            report.problems_table(&mut buf, &self.ui)?;
            w.write_all(&fit_lines(&buf, self.ui.width))?;
            w.flush()?;
            return Ok(());
        }
        self.emit(report)
    }

    /// Renders the report into any writer (used for `--output FILE` and tests).
    pub fn write_report<R: Render>(&self, w: &mut dyn Write, report: &R) -> anyhow::Result<()> {
        self.require("this command", R::FORMATS)?;
        match self.format {
            Format::Table => {
                let mut buf = Vec::new();
                report.table(&mut buf, &self.ui)?;
                w.write_all(&fit_lines(&buf, self.ui.width))?;
            }
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
            stderr_line(msg.as_ref());
        }
    }

    /// A warning on stderr (shown even with -q: it says something is off).
    pub fn warn(&self, msg: impl AsRef<str>) {
        let tag = paint::Painted::new("redkit: warning:", self.stderr_color).yellow();
        stderr_line(&format!("{tag} {}", msg.as_ref()));
    }

    /// A line on stderr that reports a problem or an interruption: shown even with -q.
    pub fn problem(&self, msg: impl AsRef<str>) {
        stderr_line(msg.as_ref());
    }

    /// Detail for `-v` (level 1) or `-vv` (level 2), on stderr.
    pub fn verbose(&self, level: u8, msg: impl AsRef<str>) {
        if self.ui.verbose >= level {
            stderr_line(&format!("redkit: {}", msg.as_ref()));
        }
    }

    /// Whether progress bars may be drawn: stderr is a terminal, not quiet, a format for people.
    pub fn progress_allowed(&self) -> bool {
        self.stderr_tty && !self.quiet && !self.format.is_machine()
    }
}

/// One line on stderr, for every note, warning and error. On a terminal a line wider than it
/// wraps at spaces (under an indent), never inside a word or a figure; elsewhere (a log, a
/// pipe) it stays one line for grep. A closed stderr (`2>&1 | head -1` shares the closed
/// pipe) is ignored: eprintln! would panic there.
pub fn stderr_line(msg: &str) {
    let width = stderr_width(io::stderr().is_terminal(), |k| std::env::var(k).ok());
    let text = fit_lines(msg.as_bytes(), width);
    let mut e = io::stderr().lock();
    let _ = e.write_all(&text).and_then(|()| e.write_all(b"\n"));
}

/// The columns of the terminal stderr goes to (`COLUMNS` when set), `None` when it is none.
pub fn stderr_width(tty: bool, env: impl Fn(&str) -> Option<String>) -> Option<usize> {
    tty.then(|| columns(env, || terminal_size::terminal_size_of(io::stderr())))
}

/// A terminal's columns: `COLUMNS` when set, else what the terminal says, else 80.
fn columns(
    env: impl Fn(&str) -> Option<String>,
    measure: impl Fn() -> Option<(terminal_size::Width, terminal_size::Height)>,
) -> usize {
    if let Some(n) = env("COLUMNS").and_then(|c| c.trim().parse::<usize>().ok())
        && n > 0
    {
        return n;
    }
    let size = measure().map(|(w, _)| usize::from(w.0));
    size.filter(|&w| w > 0).unwrap_or(80)
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

/// Reads a secret on the terminal without echoing it (`flag` is the option that asked for it,
/// `--askpass`). With no terminal to ask on it refuses (a usage error, exit 2).
pub fn ask_secret(question: &str, flag: &str) -> anyhow::Result<Secret> {
    if !io::stdin().is_terminal() && !io::stderr().is_terminal() {
        return Err(exit::usage(format!("{flag} needs a terminal to ask on")));
    }
    let p = rpassword::prompt_password(question)
        .map_err(|e| exit::usage(format!("{flag}: cannot read the password: {e}")))?;
    Ok(Secret::new(p))
}

/// A report's text fitted to the terminal: tables are fitted already, and any other line wider
/// than `width` (a summary, a verdict) is wrapped at spaces under a two-space indent, so a
/// token is never cut and a colour is closed at each line's end and opened again. Without a
/// width (a pipe, `--wide`) the text is unchanged.
pub fn fit_lines(text: &[u8], width: Option<usize>) -> Vec<u8> {
    let Some(max) = width else {
        return text.to_vec();
    };
    let Ok(s) = std::str::from_utf8(text) else {
        return text.to_vec();
    };
    if s.lines().all(|l| self::width::width(l) <= max) {
        return text.to_vec();
    }
    let mut out = String::with_capacity(s.len() + 64);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if self::width::width(line) <= max {
            out.push_str(line);
            continue;
        }
        let indent = "  ";
        // A word wider than the terminal (a long key in a message) stays whole on its own
        // line: the terminal soft-wraps it and it copies back as one word.
        let long = self::width::Long::Whole;
        let first = self::width::wrap_with(line, max, long);
        let (head, rest) = first
            .split_first()
            .map_or(("", &[][..]), |(h, r)| (h.as_str(), r));
        out.push_str(head);
        // The rest again, at the indented width.
        let tail = rest.join(" ");
        for l in self::width::wrap_with(&tail, max.saturating_sub(indent.len()).max(1), long) {
            if l.is_empty() {
                continue;
            }
            out.push('\n');
            out.push_str(indent);
            out.push_str(&l);
        }
    }
    out.into_bytes()
}

/// The columns tables may take: unlimited under `--wide` or without a terminal; on one,
/// `COLUMNS` when set, else the terminal's width, else 80.
pub fn table_width(tty: bool, wide: bool, env: impl Fn(&str) -> Option<String>) -> Option<usize> {
    if wide || !tty {
        return None;
    }
    Some(columns(env, || {
        terminal_size::terminal_size_of(io::stdout())
    }))
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
/// a reader (cron, node_exporter) never sees half a file. The temporary file gets a random name
/// and is created exclusively (`O_CREAT|O_EXCL`, which never follows a symlink), so a symlink
/// planted in a shared directory cannot redirect the write. A new file is world-readable like
/// one `>` would create (0644 before the umask): a textfile collector runs as another user; an
/// existing file keeps its mode and owner. `-` is stdout. A target that exists and is not a
/// regular file (a device such as `/dev/full`, a directory, a FIFO, a symlink) is refused
/// (exit 2) rather than replaced: a rename would swap the device or link for a plain file.
/// Symlinks are refused, not followed, so a link planted at the target cannot redirect the
/// write either; name the file it points to. A missing directory is refused (exit 2) too.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    use anyhow::Context;
    if path.as_os_str() == "-" {
        let mut out = io::stdout().lock();
        out.write_all(bytes).and_then(|()| out.flush())?;
        return Ok(());
    }
    let shown = escape::escape_str(&path.display().to_string());
    let existing = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_file() => Some(m),
        // A link at the name is replaced by the rename, never followed: a link planted in a
        // shared directory (a textfile collector's) cannot redirect the write.
        Ok(m) if m.file_type().is_symlink() => None,
        Ok(m) => {
            let what = if m.is_dir() {
                "a directory"
            } else {
                "not a regular file"
            };
            return Err(exit::usage(format!("cannot write {shown}: it is {what}")));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(exit::usage(format!("cannot write {shown}: {e}"))),
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    if !dir.is_dir() {
        return Err(exit::usage(format!(
            "cannot write {shown}: no such directory {}",
            escape::escape_str(&dir.display().to_string())
        )));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let prefix = format!(".{name}.");
    let mut b = tempfile::Builder::new();
    b.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = existing
            .as_ref()
            .map_or(0o644, |m| m.permissions().mode() & 0o7777);
        b.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = b
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    #[cfg(unix)]
    if let Some(m) = &existing {
        use std::os::unix::fs::MetadataExt;
        let t = tmp.as_file().metadata()?;
        if (t.uid(), t.gid()) != (m.uid(), m.gid()) {
            std::os::unix::fs::fchown(tmp.as_file(), Some(m.uid()), Some(m.gid())).with_context(
                || format!("cannot keep the owner of {shown} (write it as its owner)"),
            )?;
        }
        // fchown clears set-id bits; the mode asked for at creation went through the umask.
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(
                m.permissions().mode() & 0o7777,
            ))?;
    }
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", tmp.path().display()))?;
    // On failure the temporary file is removed when `tmp` (or the error holding it) drops.
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Whether an error is (or wraps) a write to a closed stdout (`redkit ... | head -1`): the
/// reader has what it wanted, so the command ends quietly, as `cat` and `rg` do. serde_json
/// keeps the I/O error inside its own (its `source` skips it), so both are looked at.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_at_spaces_and_tables_stay() {
        let text = "WARNING: 127.0.0.1:6379 server: redis 7.0.15, master, up 0ms; restarted recently\nab  cd\n";
        let out = String::from_utf8(fit_lines(text.as_bytes(), Some(40))).unwrap();
        for l in out.lines() {
            assert!(width::width(l) <= 40, "{l}");
        }
        assert!(out.contains("127.0.0.1:6379"));
        assert!(out.ends_with("\nab  cd\n"), "{out:?}");
        assert_eq!(fit_lines(text.as_bytes(), None), text.as_bytes());
    }

    #[test]
    fn table_width_rules() {
        let none = |_: &str| None;
        assert_eq!(table_width(false, false, none), None, "piped: unlimited");
        assert_eq!(table_width(true, true, none), None, "--wide");
        let cols = |k: &str| (k == "COLUMNS").then(|| "100".to_string());
        assert_eq!(table_width(true, false, cols), Some(100));
        assert_eq!(table_width(false, false, cols), None);
    }

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

    #[cfg(unix)]
    #[test]
    fn atomic_write_never_follows_a_planted_symlink() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious\n").unwrap();
        let p = dir.path().join("out.prom");
        // The temporary names a predictable writer would use (this process's pid), and the
        // target itself, all point at the victim.
        let pid = std::process::id();
        let planted: Vec<std::path::PathBuf> = [
            format!(".out.prom.tmp.{pid}"),
            format!(".out.prom.{pid}.tmp"),
            "out.prom.tmp".to_string(),
            ".out.prom.tmp".to_string(),
        ]
        .iter()
        .map(|n| dir.path().join(n))
        .collect();
        for l in &planted {
            symlink(&victim, l).unwrap();
        }
        symlink(&victim, &p).unwrap();
        // A symlink at the target is replaced, never followed.
        write_atomic(&p, b"metrics\n").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
        let meta = std::fs::symlink_metadata(&p).unwrap();
        assert!(
            meta.file_type().is_file(),
            "the target is a new regular file"
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "metrics\n");
        assert_eq!(meta.permissions().mode() & 0o600, 0o600);
        for l in &planted {
            assert_eq!(
                std::fs::read_link(l).unwrap(),
                victim,
                "planted links untouched"
            );
        }
        // Nothing else was left behind: victim, target and the planted links.
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2 + planted.len()
        );
    }

    #[test]
    fn atomic_write_failure_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a directory: the rename fails, and the temporary file goes away.
        let p = dir.path().join("taken");
        std::fs::create_dir(&p).unwrap();
        std::fs::write(p.join("x"), "x").unwrap();
        assert!(write_atomic(&p, b"data").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_refuses_devices_and_missing_dirs_and_keeps_the_mode() {
        use std::os::unix::fs::PermissionsExt;
        for dev in ["/dev/full", "/dev/null", "."] {
            let e = write_atomic(std::path::Path::new(dev), b"x").unwrap_err();
            assert_eq!(
                crate::exit::classify(&e),
                crate::exit::ExitStatus::Usage,
                "{dev}"
            );
            assert!(e.to_string().contains(dev), "{e}");
        }
        let dir = tempfile::tempdir().unwrap();
        let e = write_atomic(&dir.path().join("nope/x"), b"x").unwrap_err();
        assert_eq!(crate::exit::classify(&e), crate::exit::ExitStatus::Usage);
        let p = dir.path().join("keep");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"new").unwrap();
        let m = std::fs::metadata(&p).unwrap();
        assert_eq!(m.permissions().mode() & 0o7777, 0o600);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
    }
}
