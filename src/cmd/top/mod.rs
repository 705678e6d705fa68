//! `redkit top`: a live terminal view of every node reachable from one seed (Cluster, Sentinel
//! or a single node with its replicas): one row per node, sortable, with panes for the slow
//! log, command stats, clients and streams. One INFO per node per `--interval`, never MONITOR.
//! `--record FILE` writes every frame as a JSON line; `--replay FILE` shows a recording.

pub mod fleet;
pub mod sample;
pub mod view;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::cmd::Ctx;
use crate::duration;
use crate::exit::{self, ExitStatus};
use fleet::{Fleet, Pane};
use sample::Frame;
use view::{Col, View};

pub const EXAMPLES: &str = "\
Examples:
  redkit top                                   the server of REDIS_URL / REDIS_HOST
  redkit top --cluster -u redis://10.0.0.1:7000   every node of the cluster
  redkit top --sentinel 10.0.0.5:26379 --master-name mymaster
  redkit top --stream orders --sort ops/s      with the streams pane's groups
  redkit top --record incident.ndjson          also write every frame (a new file)
  redkit top --record incident.ndjson --append   add frames to that recording
  redkit top --replay incident.ndjson          play a recording (another machine is fine)

Keys: q quit, left/right sort column, r reverse, p next pane (slow log, command stats, clients
with output buffers, streams). A node that does not answer is a red row.
Without a terminal, --record FILE records until Ctrl-C (or --count frames); for one report in
a script use `redkit health --format json`.";

#[derive(Debug, Args)]
pub struct TopArgs {
    /// Refresh every DUR: one INFO per node per refresh
    #[arg(long, value_name = "DUR", default_value = "1s", value_parser = duration::clap_parse_positive)]
    pub interval: Duration,

    /// Write every frame to FILE as one JSON object per line (a new file: an existing one is
    /// refused, see --append)
    #[arg(long, value_name = "FILE", conflicts_with = "replay")]
    pub record: Option<PathBuf>,

    /// With --record: add the frames to the end of an existing recording (never to a file
    /// that is not one)
    #[arg(long, requires = "record")]
    pub append: bool,

    /// Play a recording made with --record instead of asking any server
    #[arg(long, value_name = "FILE")]
    pub replay: Option<PathBuf>,

    /// Sort by this column at start
    #[arg(long, value_name = "COLUMN", value_parser = clap::builder::PossibleValuesParser::new(Col::names()))]
    pub sort: Option<String>,

    /// Streams whose consumer groups the streams pane shows (repeat or comma-separate)
    #[arg(long = "stream", value_name = "KEY", value_delimiter = ',')]
    pub stream: Vec<String>,

    /// Stop after N frames (recording without a terminal; at least 1)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
}

fn usage_without_terminal() -> anyhow::Error {
    exit::usage(
        "top needs a terminal; from a script use `redkit health --format json` for one report, \
         or `redkit top --record FILE.ndjson` to record frames",
    )
}

pub async fn run(ctx: &Ctx, a: &TopArgs) -> anyhow::Result<ExitStatus> {
    let tty = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    let sort = a
        .sort
        .as_deref()
        .and_then(Col::by_name)
        .unwrap_or(Col::Node);
    if let Some(path) = &a.replay {
        if !tty {
            return Err(usage_without_terminal());
        }
        let rec = read_recording(path)?;
        let note = rec.note();
        let status = replay(path, rec.frames, note.clone(), sort).await;
        // Said again once the screen is restored, where it stays.
        if let Some(n) = note {
            ctx.out.warn(format!("--replay {}: {n}", path.display()));
        }
        return status;
    }
    if !tty && a.record.is_none() {
        return Err(usage_without_terminal());
    }
    let mut record = match &a.record {
        Some(p) => Some(std::io::BufWriter::new(open_record(p, a.append)?)),
        None => None,
    };
    let target = ctx.target()?;
    let source = format!("live {}", target.describe());
    let mut fleet = Fleet::new(target, a.stream.clone());
    let budget = a.interval.mul_f64(0.9).max(Duration::from_millis(200));
    let mut v = View {
        sort,
        reverse: false,
        pane: Pane::None,
        source,
        note: None,
    };
    let mut signals = Signals::new()?;
    let mut tick = tokio::time::interval(a.interval);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut frames = 0u64;
    if !tty {
        // Recording without a screen.
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = signals.any() => return Ok(ExitStatus::Interrupted),
            }
            let f = fleet.sample(a.interval, budget, Pane::None).await;
            write_frame(&mut record, &f)?;
            frames += 1;
            if a.count.is_some_and(|n| frames >= n) {
                return Ok(ExitStatus::Success);
            }
        }
    }
    let mut term = Term::start()?;
    let mut keys = key_events();
    let mut frame = Frame::default();
    let mut status = ExitStatus::Success;
    // The header at once, before any node has answered.
    v.note = Some(format!("asking {}…", v.source.trim_start_matches("live ")));
    term.draw(&frame, &v)?;
    'run: loop {
        tokio::select! {
            _ = tick.tick() => {}
            ev = keys.recv() => {
                match ev {
                    Some(ev) => if let Some(end) = handle(ev, &mut v) { status = end; break },
                    None => break,
                }
                term.draw(&frame, &v)?;
                continue;
            }
            // Ctrl-C and SIGTERM exit 130 (README's exit table), the terminal restored first.
            _ = signals.any() => { status = ExitStatus::Interrupted; break },
        }
        // Keys are read while the nodes are asked: `q` never waits for a slow node.
        let sampling = fleet.sample(a.interval, budget, v.pane);
        tokio::pin!(sampling);
        loop {
            tokio::select! {
                f = &mut sampling => { frame = f; break }
                ev = keys.recv() => match ev {
                    Some(ev) => if let Some(end) = handle(ev, &mut v) { status = end; break 'run },
                    None => break 'run,
                },
                _ = signals.any() => { status = ExitStatus::Interrupted; break 'run },
            }
            term.draw(&frame, &v)?;
        }
        v.note = None;
        write_frame(&mut record, &frame)?;
        frames += 1;
        if a.count.is_some_and(|n| frames >= n) {
            break;
        }
        term.draw(&frame, &v)?;
    }
    drop(term);
    Ok(status)
}

/// A key: the exit status when it ends the view (q: 0, Ctrl-C: 130).
fn handle(ev: Event, v: &mut View) -> Option<ExitStatus> {
    let Event::Key(k) = ev else {
        return None;
    };
    if k.kind == KeyEventKind::Release {
        return None;
    }
    let i = Col::ALL.iter().position(|c| *c == v.sort).unwrap_or(0);
    match k.code {
        KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
            return Some(ExitStatus::Interrupted);
        }
        KeyCode::Char('q') | KeyCode::Esc => return Some(ExitStatus::Success),
        KeyCode::Right | KeyCode::Char('>') => v.sort = Col::ALL[(i + 1) % Col::ALL.len()],
        KeyCode::Left | KeyCode::Char('<') => {
            v.sort = Col::ALL[(i + Col::ALL.len() - 1) % Col::ALL.len()]
        }
        KeyCode::Char('r') => v.reverse = !v.reverse,
        KeyCode::Char('p') | KeyCode::Tab => {
            let j = Pane::ALL.iter().position(|p| *p == v.pane).unwrap_or(0);
            v.pane = Pane::ALL[(j + 1) % Pane::ALL.len()];
        }
        _ => {}
    }
    None
}

/// The file `--record` writes to. A new file is created (never replacing one made meanwhile);
/// an existing one is the evidence of an earlier incident, or not redkit's at all: it is never
/// truncated. An existing recording is refused (exit 2) unless `--append`, which adds the
/// frames after its own (a last line cut short by a crash is ended first); a file that is not
/// a recording is refused even with `--append`. An empty file counts as new.
fn open_record(path: &std::path::Path, append: bool) -> anyhow::Result<std::fs::File> {
    let shown = path.display();
    let err = |e: std::io::Error| exit::usage(format!("--record {shown}: {e}"));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => return Ok(f),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(err(e)),
    }
    let bytes = std::fs::read(path).map_err(err)?;
    if !bytes.trim_ascii().is_empty() {
        let rec = parse_recording(&bytes);
        if rec.frames.is_empty() {
            let why = match rec.first_error {
                // The parser's words (`expected ident at line 1 column 2`) say nothing to
                // the person who named the file.
                Some((line, _)) => format!("line {line} is not a frame"),
                None => "no frame in it".into(),
            };
            return Err(exit::usage(format!(
                "--record {shown}: the file exists and is not a top recording ({why}); \
                 not replaced: give another file name"
            )));
        }
        if !append {
            return Err(exit::usage(format!(
                "--record {shown}: the file exists (a top recording of {}); not replaced: give \
                 another file name, or --append to add this run's frames to it",
                crate::output::number::plural(rec.frames.len() as u64, "frame")
            )));
        }
    }
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(err)?;
    if bytes.last().is_some_and(|b| *b != b'\n') {
        f.write_all(b"\n").map_err(err)?;
    }
    Ok(f)
}

fn write_frame(
    out: &mut Option<std::io::BufWriter<std::fs::File>>,
    f: &Frame,
) -> anyhow::Result<()> {
    if let Some(w) = out {
        serde_json::to_writer(&mut *w, f)?;
        w.write_all(b"\n")?;
        w.flush()?;
    }
    Ok(())
}

/// The frames of a recording, and the numbers of the lines that were not frames (a recording
/// cut short by a crash, a line damaged in a copy): those are skipped. Refused, naming the
/// file and the first bad line, only when no frame remains.
struct Recording {
    frames: Vec<Frame>,
    damaged: Vec<usize>,
    /// The first damaged line and why it is not a frame.
    first_error: Option<(usize, String)>,
}

impl Recording {
    /// `skipped 1 damaged line (line 17)`, `skipped 3 damaged lines (lines 2, 5, 9)`.
    fn note(&self) -> Option<String> {
        let n = self.damaged.len();
        if n == 0 {
            return None;
        }
        const SHOWN: usize = 5;
        let mut at: Vec<String> = self
            .damaged
            .iter()
            .take(SHOWN)
            .map(|l| l.to_string())
            .collect();
        if n > SHOWN {
            at.push("…".into());
        }
        Some(format!(
            "skipped {} ({} {})",
            crate::output::number::plural(n as u64, "damaged line"),
            if n == 1 { "line" } else { "lines" },
            at.join(", ")
        ))
    }
}

fn read_recording(path: &std::path::Path) -> anyhow::Result<Recording> {
    let bytes = std::fs::read(path)
        .map_err(|e| exit::usage(format!("--replay {}: {e}", path.display())))?;
    let rec = parse_recording(&bytes);
    if rec.frames.is_empty() {
        return Err(exit::usage(match rec.first_error {
            Some((line, e)) => format!(
                "--replay {}:{line}: not a top frame: {e} (no frame in the file)",
                path.display()
            ),
            None => format!("--replay {}: no frames in the file", path.display()),
        }));
    }
    Ok(rec)
}

fn parse_recording(bytes: &[u8]) -> Recording {
    let mut rec = Recording {
        frames: Vec::new(),
        damaged: Vec::new(),
        first_error: None,
    };
    // Split on bytes: a line that is not UTF-8 is one damaged line, not the end of the file.
    for (n, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.trim_ascii().is_empty() {
            continue;
        }
        match serde_json::from_slice::<Frame>(line) {
            Ok(f) if f.at.is_finite() => rec.frames.push(f),
            Ok(_) => rec.damaged.push(n + 1),
            Err(e) => {
                rec.damaged.push(n + 1);
                rec.first_error.get_or_insert((n + 1, e.to_string()));
            }
        }
    }
    rec
}

/// Plays the frames at their recorded pace (a pause longer than 5 s is cut short); the last
/// one stays on screen until `q`.
async fn replay(
    path: &std::path::Path,
    frames: Vec<Frame>,
    skipped: Option<String>,
    sort: Col,
) -> anyhow::Result<ExitStatus> {
    let mut signals = Signals::new()?;
    let mut term = Term::start()?;
    let mut keys = key_events();
    let mut status = ExitStatus::Success;
    let total = frames.len();
    let mut v = View {
        sort,
        reverse: false,
        pane: Pane::None,
        source: String::new(),
        note: None,
    };
    let mut i = 0;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    loop {
        v.source = format!("replay {name} {}/{total}", i + 1);
        let end = (i + 1 == total).then(|| "end of recording".to_string());
        v.note = match (&skipped, end) {
            (Some(s), Some(e)) => Some(format!("{e}; {s}")),
            (s, e) => e.or_else(|| s.clone()),
        };
        term.draw(&frames[i], &v)?;
        let wait = if i + 1 < total {
            (frames[i + 1].at - frames[i].at).clamp(0.0, 5.0)
        } else {
            3600.0
        };
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs_f64(wait)) => {
                if i + 1 < total { i += 1; }
            }
            ev = keys.recv() => match ev {
                Some(ev) => if let Some(end) = handle(ev, &mut v) { status = end; break },
                None => break,
            },
            // Ctrl-C and SIGTERM exit 130 (README's exit table), the terminal restored first.
            _ = signals.any() => { status = ExitStatus::Interrupted; break },
        }
    }
    drop(term);
    Ok(status)
}

/// The terminal in raw mode on the alternate screen; restored when dropped (every return and
/// error path) and by ratatui's panic hook (a panic).
struct Term {
    t: ratatui::DefaultTerminal,
}

impl Term {
    fn start() -> anyhow::Result<Term> {
        let t = ratatui::try_init().map_err(|e| exit::runtime(format!("terminal: {e}")))?;
        Ok(Term { t })
    }

    fn draw(&mut self, f: &Frame, v: &View) -> anyhow::Result<()> {
        self.t
            .draw(|s| view::draw(s, f, v))
            .map_err(|e| exit::runtime(format!("terminal: {e}")))?;
        Ok(())
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        ratatui::restore();
        let _ = crossterm::execute!(std::io::stdout(), crossterm::cursor::Show);
    }
}

/// Key presses from a thread blocked in crossterm's read (it ends with the process).
fn key_events() -> tokio::sync::mpsc::UnboundedReceiver<Event> {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    std::thread::spawn(move || {
        while let Ok(ev) = crossterm::event::read() {
            if tx.send(ev).is_err() {
                break;
            }
        }
    });
    rx
}

/// SIGTERM, SIGINT and SIGHUP end the view like `q` (the terminal restored on the way out).
struct Signals {
    term: tokio::signal::unix::Signal,
    int: tokio::signal::unix::Signal,
    hup: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> anyhow::Result<Signals> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Signals {
            term: signal(SignalKind::terminate())?,
            int: signal(SignalKind::interrupt())?,
            hup: signal(SignalKind::hangup())?,
        })
    }

    async fn any(&mut self) {
        tokio::select! {
            _ = self.term.recv() => {}
            _ = self.int.recv() => {}
            _ = self.hup.recv() => {}
        }
    }
}
