//! redkit as a person sees it: run inside a tmux pane of a given size, the pane captured with
//! its colours (`capture-pane -e`) and wrapped lines joined (`-J`), so a line wider than the
//! pane shows as one long line. tmux is a requirement, never a skip: `tests/run` installs it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// A private tmux server (its own socket, no config file).
pub struct Tmux {
    dir: TempDir,
    socket: PathBuf,
    n: std::cell::Cell<u32>,
}

/// What the pane showed, with tmux's escape sequences, and how redkit exited.
pub struct Screen {
    pub cols: usize,
    pub lines: Vec<String>,
    pub code: i32,
}

const DONE: &str = "__redkit_done__";

impl Tmux {
    pub fn start() -> Tmux {
        let ok = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(
            ok,
            "tmux is missing: the view tests drive redkit in a terminal (tests/run installs it)"
        );
        let dir = tempfile::tempdir().expect("a temporary folder");
        let socket = dir.path().join("tmux.sock");
        // Scrollback for long tables, set before the first pane exists.
        // The server stays up between panes (a new session racing the exit of the last one
        // fails).
        std::fs::write(
            dir.path().join("tmux.conf"),
            "set -g history-limit 5000\nset -s exit-empty off\n",
        )
        .unwrap();
        Tmux {
            dir,
            socket,
            n: std::cell::Cell::new(0),
        }
    }

    fn tmux(&self) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-S")
            .arg(&self.socket)
            .arg("-f")
            .arg(self.dir.path().join("tmux.conf"));
        c
    }

    /// Starts `redkit ARGS` in `cwd` in a fresh `cols`x`rows` pane and returns its name.
    pub fn spawn(
        &self,
        cwd: &Path,
        cols: usize,
        rows: usize,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> String {
        self.spawn_held(cwd, cols, rows, args, env, None)
    }

    /// As `spawn`, with every byte written to the pane recorded in the returned file (tmux's
    /// `pipe-pane`, started before redkit runs): what a bar drew and cleared again is there
    /// even when no capture caught it.
    pub fn spawn_recorded(
        &self,
        cwd: &Path,
        cols: usize,
        rows: usize,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> (String, PathBuf) {
        let n = self.n.get() + 1;
        let go = self.dir.path().join(format!("go{n}"));
        let log = self.dir.path().join(format!("pane{n}.log"));
        let name = self.spawn_held(cwd, cols, rows, args, env, Some(&go));
        let st = self
            .tmux()
            .args(["pipe-pane", "-o", "-t", &name])
            .arg(format!("cat >> {}", quote(&log.to_string_lossy())))
            .status()
            .unwrap();
        assert!(st.success(), "tmux pipe-pane failed");
        std::fs::write(&go, b"").unwrap();
        (name, log)
    }

    /// Where the cursor is and whether it shows: (visible, column).
    pub fn cursor(&self, name: &str) -> (bool, usize) {
        let out = self
            .tmux()
            .args([
                "display-message",
                "-p",
                "-t",
                name,
                "#{cursor_flag} #{cursor_x}",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let mut it = text.split_whitespace();
        let visible = it.next() == Some("1");
        let x = it.next().and_then(|x| x.parse().ok()).unwrap_or(usize::MAX);
        (visible, x)
    }

    /// `spawn`, where the script waits for the file `hold` before it starts redkit.
    fn spawn_held(
        &self,
        cwd: &Path,
        cols: usize,
        rows: usize,
        args: &[&str],
        env: &[(&str, &str)],
        hold: Option<&Path>,
    ) -> String {
        let n = self.n.get() + 1;
        self.n.set(n);
        let script = self.dir.path().join(format!("run{n}.sh"));
        // A Ctrl-C typed into the pane goes to redkit; the shell lives on to report the code.
        let mut text = String::from("#!/bin/sh\ntrap true INT\n");
        if let Some(h) = hold {
            let h = quote(&h.to_string_lossy());
            text.push_str(&format!("while [ ! -e {h} ]; do sleep 0.02; done\n"));
        }
        text.push_str(&format!("cd {}\n", quote(&cwd.to_string_lossy())));
        let mut vars: Vec<(String, String)> = vec![
            ("HOME".into(), cwd.to_string_lossy().into_owned()),
            ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
            ("TERM".into(), "tmux-256color".into()),
            (
                "REDKIT_SYSTEM_CONFIG_DIR".into(),
                super::empty_system_config_dir()
                    .to_string_lossy()
                    .into_owned(),
            ),
        ];
        vars.extend(env.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let assigns: Vec<String> = vars
            .iter()
            .map(|(k, v)| format!("{k}={}", quote(v)))
            .collect();
        let cmd: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_redkit").to_string())
            .chain(args.iter().map(|a| a.to_string()))
            .map(|a| quote(&a))
            .collect();
        text.push_str(&format!("env -i {} {}\n", assigns.join(" "), cmd.join(" ")));
        text.push_str(&format!("echo {DONE} $?\nsleep 600\n"));
        std::fs::write(&script, text).unwrap();
        let name = format!("v{n}");
        // Retried: a server starting or stopping under a loaded machine refuses briefly.
        let mut st = None;
        for _ in 0..20 {
            let ok = self
                .tmux()
                .args([
                    "new-session",
                    "-d",
                    "-s",
                    &name,
                    "-x",
                    &cols.to_string(),
                    "-y",
                    &rows.to_string(),
                ])
                .arg(format!("sh {}", script.display()))
                .status()
                .unwrap();
            if ok.success() {
                st = Some(ok);
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        assert!(st.is_some(), "tmux new-session failed");
        name
    }

    /// The whole pane now (scrollback too), with its escape sequences.
    pub fn capture(&self, name: &str) -> String {
        let out = self
            .tmux()
            .args([
                "capture-pane",
                "-p",
                "-e",
                "-J",
                "-t",
                name,
                "-S",
                "-",
                "-E",
                "-",
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// What the pane shows now: its visible rows only, without escape sequences.
    pub fn visible(&self, name: &str) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-t", name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Types keys into the pane (`C-c` is Ctrl-C).
    pub fn send(&self, name: &str, keys: &str) {
        let st = self
            .tmux()
            .args(["send-keys", "-t", name, keys])
            .status()
            .unwrap();
        assert!(st.success());
    }

    /// The process id of the redkit a pane runs (the pane's shell is its parent).
    pub fn pid(&self, name: &str) -> u32 {
        let out = self
            .tmux()
            .args(["display-message", "-p", "-t", name, "#{pane_pid}"])
            .output()
            .unwrap();
        let shell = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let children =
            std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap();
        children
            .split_whitespace()
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no process in pane {name} (shell {shell})"))
    }

    /// Waits until the pane's text matches `pred` (at most 60 s) and returns it.
    #[track_caller]
    pub fn wait_for(&self, name: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let text = self.capture(name);
            if pred(&text) {
                return text;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the pane never showed {what}:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs `redkit ARGS` in `cwd` in a fresh `cols`x`rows` pane (environment as `support::
    /// redkit` pins it, plus `env`) and captures the whole pane with its scrollback.
    pub fn run(
        &self,
        cwd: &Path,
        cols: usize,
        rows: usize,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Screen {
        let name = self.spawn(cwd, cols, rows, args, env);
        self.finish(&name, cols, args)
    }

    /// Waits for the run in pane `name` to end and returns what it showed.
    pub fn finish(&self, name: &str, cols: usize, args: &[&str]) -> Screen {
        let start = Instant::now();
        loop {
            let text = self.capture(name);
            if let Some(pos) = text.find(DONE) {
                let code = text[pos + DONE.len()..]
                    .split_whitespace()
                    .next()
                    .and_then(|c| c.trim_start_matches("\x1b[39m").parse().ok())
                    .unwrap_or(-1);
                let mut lines: Vec<String> = text[..pos].lines().map(str::to_string).collect();
                while lines.last().is_some_and(|l| strip(l).trim().is_empty()) {
                    lines.pop();
                }
                let _ = self.tmux().args(["kill-session", "-t", name]).status();
                return Screen { cols, lines, code };
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "redkit {args:?} did not finish in the pane:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self
            .tmux()
            .arg("kill-server")
            .stderr(std::process::Stdio::null())
            .status();
    }
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The text without escape sequences.
pub fn strip(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\x1b' {
            if it.peek() == Some(&'[') {
                it.next();
                for d in it.by_ref() {
                    if ('\x40'..='\x7e').contains(&d) {
                        break;
                    }
                }
            } else {
                it.next();
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Display width, as a terminal counts it.
pub fn width(s: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    UnicodeWidthStr::width(strip(s).as_str())
}

/// The SGR state a run of sequences leaves: (foreground set, bold/other attribute set).
fn apply_sgr(params: &str, fg: &mut bool, attr: &mut bool) {
    let ps: Vec<&str> = params.split(';').collect();
    let mut i = 0;
    while i < ps.len() {
        match ps[i] {
            "" | "0" => {
                *fg = false;
                *attr = false;
            }
            "39" => *fg = false,
            "22" | "23" | "24" | "27" => *attr = false,
            "1" | "2" | "3" | "4" | "7" => *attr = true,
            "38" => {
                *fg = true;
                i += if ps.get(i + 1) == Some(&"5") { 2 } else { 4 };
            }
            p if p.len() == 2 && (p.starts_with('3') || p.starts_with('9')) => *fg = true,
            _ => {}
        }
        i += 1;
    }
}

/// The colours in effect where `needle` starts on a captured line: (foreground, background),
/// each as its SGR parameters (`31`, `41`, `38;5;1`) or None for the terminal's default; None
/// when `needle` is not on the line.
pub fn colours_at(line: &str, needle: &str) -> Option<(Option<String>, Option<String>)> {
    let at = line.find(needle)?;
    let (mut fg, mut bg): (Option<String>, Option<String>) = (None, None);
    let mut rest = &line[..at];
    while let Some(i) = rest.find("\x1b[") {
        let seq = &rest[i + 2..];
        let Some(end) = seq.find(|c: char| ('\x40'..='\x7e').contains(&c)) else {
            break;
        };
        if seq[end..].starts_with('m') {
            let ps: Vec<&str> = seq[..end].split(';').collect();
            let mut k = 0;
            while k < ps.len() {
                let p = ps[k];
                match p {
                    "" | "0" => (fg, bg) = (None, None),
                    "39" => fg = None,
                    "49" => bg = None,
                    "38" | "48" => {
                        let n = if ps.get(k + 1) == Some(&"5") { 3 } else { 5 };
                        let v = Some(ps[k..(k + n).min(ps.len())].join(";"));
                        if p == "38" {
                            fg = v
                        } else {
                            bg = v
                        }
                        k += n - 1;
                    }
                    p if (p.len() == 2 && (p.starts_with('3') || p.starts_with('9'))) => {
                        fg = Some(p.to_string())
                    }
                    p if (p.len() == 2 && p.starts_with('4'))
                        || (p.len() == 3 && p.starts_with("10")) =>
                    {
                        bg = Some(p.to_string())
                    }
                    _ => {}
                }
                k += 1;
            }
        }
        rest = &seq[end + 1..];
    }
    Some((fg, bg))
}

impl Screen {
    pub fn plain(&self) -> Vec<String> {
        self.lines
            .iter()
            .map(|l| strip(l).trim_end().to_string())
            .collect()
    }

    pub fn text(&self) -> String {
        self.plain().join("\n")
    }

    /// No line wider than the pane (a wrapped line is joined by `-J`, so it shows here), and
    /// no literal remains of a split escape sequence.
    #[track_caller]
    pub fn assert_fits(&self) {
        let split_sgr = regex::Regex::new(r"\[[0-9;]*m").unwrap();
        for l in self.plain() {
            assert!(
                width(&l) <= self.cols,
                "a line {} columns wide on a {}-column terminal:\n{l}\n---\n{}",
                width(&l),
                self.cols,
                self.text()
            );
            assert!(
                !split_sgr.is_match(&l),
                "a split escape sequence shows: {l}"
            );
        }
    }

    /// No colour runs from one line into the next: tmux writes a colour change only where the
    /// colour changes, so text at a line's start that is coloured without a sequence of its own
    /// before it carries a colour left open on an earlier line.
    #[track_caller]
    pub fn assert_colours_closed(&self) {
        let (mut fg, mut attr) = (false, false);
        for (n, l) in self.lines.iter().enumerate() {
            let carried = fg || attr;
            let mut sgr_seen = false;
            let mut seen_text = false;
            let mut it = l.chars().peekable();
            while let Some(c) = it.next() {
                if c == '\x1b' && it.peek() == Some(&'[') {
                    it.next();
                    let mut params = String::new();
                    let mut fin = ' ';
                    for d in it.by_ref() {
                        if ('\x40'..='\x7e').contains(&d) {
                            fin = d;
                            break;
                        }
                        params.push(d);
                    }
                    if fin == 'm' {
                        apply_sgr(&params, &mut fg, &mut attr);
                        sgr_seen = true;
                    }
                    continue;
                }
                if !seen_text && !c.is_whitespace() {
                    seen_text = true;
                    assert!(
                        !carried || sgr_seen,
                        "line {n} starts coloured by a colour left open above:\n{}",
                        self.lines[n.saturating_sub(1)..=n].join("\n")
                    );
                }
            }
        }
    }

    /// Whether the pane showed any colour at all.
    pub fn has_colour(&self) -> bool {
        self.lines.iter().any(|l| l.contains("\x1b["))
    }

    /// `token` appears whole on one line (not cut by a wrap or a fold).
    #[track_caller]
    pub fn assert_whole(&self, token: &str) {
        let re = regex::Regex::new(&format!(
            r"(^|[^0-9A-Za-z.]){}($|[^0-9A-Za-z])",
            regex::escape(token)
        ))
        .unwrap();
        assert!(
            self.plain().iter().any(|l| re.is_match(l)),
            "{token} is not whole on any line:\n{}",
            self.text()
        );
    }

    /// Every check a view must pass.
    #[track_caller]
    pub fn assert_clean(&self) {
        self.assert_fits();
        self.assert_colours_closed();
    }
}
