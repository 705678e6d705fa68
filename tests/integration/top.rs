//! `redkit top` as a person sees it: driven in tmux (send-keys, capture-pane) against a real
//! 3+3 cluster and a single server: every node on screen within 3 s, a killed master turns into
//! a red row, `q` and SIGTERM restore the screen, a recording replays the same numbers, and
//! without a terminal it is a usage error.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::tmux as term;
use crate::support::{Cluster, RedisServer, run};

/// One tmux session on a private socket, killed on drop.
struct Tmux {
    socket: String,
    name: String,
}

impl Tmux {
    /// Starts `cmd` (a shell line) in a detached session of `cols`x`rows`.
    fn start(dir: &Path, cols: u16, rows: u16, cmd: &str) -> Tmux {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let socket = dir.join(format!("tmux{n}.sock")).display().to_string();
        let t = Tmux {
            socket,
            name: "top".into(),
        };
        // The shell line ends with a marker and a pause, so the pane shows what was left
        // on the screen after the command exited.
        let line = format!("{cmd}; echo \"EXITED $?\"; sleep 60");
        let ok = Command::new("tmux")
            .args(["-S", &t.socket, "new-session", "-d", "-s", &t.name])
            .args(["-c", &dir.display().to_string()])
            .args(["-x", &cols.to_string(), "-y", &rows.to_string()])
            .arg(line)
            .env("TERM", "xterm-256color")
            .status()
            .expect("tmux (tests/run installs it)");
        assert!(ok.success());
        t
    }

    fn capture(&self, escapes: bool) -> String {
        let mut c = Command::new("tmux");
        c.args(["-S", &self.socket, "capture-pane", "-p", "-t", &self.name]);
        if escapes {
            c.arg("-e");
        }
        String::from_utf8_lossy(&c.output().unwrap().stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let ok = Command::new("tmux")
            .args(["-S", &self.socket, "send-keys", "-t", &self.name])
            .args(keys)
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// Waits until the screen satisfies `cond`; the last screen on failure.
    fn wait(&self, what: &str, within: Duration, cond: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + within;
        loop {
            let screen = self.capture(false);
            if cond(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("{what}: not within {within:?}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn escaped(&self) -> String {
        self.capture(true)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-S", &self.socket, "kill-server"])
            .status();
    }
}

/// The shell line that runs the built redkit with a clean environment in `dir`.
fn redkit_line(dir: &Path, args: &str) -> String {
    format!(
        "env -i PATH=\"$PATH\" HOME={} TERM=xterm-256color {} {args}",
        dir.display(),
        env!("CARGO_BIN_EXE_redkit")
    )
}

#[test]
fn every_node_of_a_cluster_within_3s_then_a_killed_master_turns_red_and_q_restores() {
    // Three masters with a replica each: six nodes.
    let mut c = Cluster::start(3, 1);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let t = Tmux::start(
        dir.path(),
        80,
        24,
        &redkit_line(dir.path(), &format!("top --cluster -u {}", c.seed_url())),
    );
    let addrs: Vec<String> = c.nodes.iter().map(|n| n.addr()).collect();
    let screen = t.wait("all six nodes", Duration::from_secs(3), |s| {
        addrs.iter().all(|a| s.contains(a.as_str())) && s.contains("6/6 nodes up")
    });
    assert!(started.elapsed() < Duration::from_secs(10));
    // 80 columns: no line wider, and the essentials are there.
    for line in screen.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    for col in [
        "role", "ops/s", "p99", "mem", "%max", "hit%", "conns", "evict", "lag",
    ] {
        assert!(screen.contains(col), "{col} missing at 80x24:\n{screen}");
    }
    assert_eq!(screen.matches("master").count(), 3, "{screen}");
    assert_eq!(screen.matches("replica").count(), 3, "{screen}");

    // Sorting: the sort mark moves with the arrow keys.
    t.keys(&["Right"]);
    t.wait("sorted by role", Duration::from_secs(3), |s| {
        s.contains("role▼")
    });
    t.keys(&["r"]);
    t.wait("reversed", Duration::from_secs(3), |s| s.contains("role▲"));

    // A master dies: its row stays, red, marked down; the others go on.
    let master = c
        .nodes
        .iter()
        .position(|n| n.cli(&["ROLE"]).starts_with("master"))
        .unwrap();
    let dead = c.nodes[master].addr();
    c.nodes[master].kill();
    let screen = t.wait("the dead master marked down", Duration::from_secs(5), |s| {
        s.lines()
            .any(|l| l.contains(dead.as_str()) && l.contains("down") && l.contains("DOWN"))
            && s.contains("5/6 nodes up")
    });
    assert!(screen.contains("5/6 nodes up"), "{screen}");
    let colored = t.escaped();
    let row = colored
        .lines()
        .find(|l| l.contains(dead.as_str()) && l.contains("down"))
        .unwrap_or_else(|| panic!("{colored}"));
    assert!(
        row.contains("\x1b[41m") || row.contains("\x1b[48;5;1m"),
        "the down row is red: {row:?}"
    );

    // The panes switch with p; the command stats pane lists INFO.
    t.keys(&["p", "p"]);
    t.wait("command stats pane", Duration::from_secs(3), |s| {
        s.contains("command stats") && s.contains("calls/s")
    });

    t.keys(&["q"]);
    let screen = t.wait("exit", Duration::from_secs(5), |s| s.contains("EXITED 0"));
    // The alternate screen is gone: the node table is not left on the terminal.
    assert!(
        !screen.contains("nodes up"),
        "screen not restored:\n{screen}"
    );
}

#[test]
fn sigterm_restores_the_terminal_and_without_a_terminal_it_is_a_usage_error() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let pidfile = dir.path().join("pid");
    let line = format!(
        "sh -c 'echo $$ > {}; exec {}'",
        pidfile.display(),
        redkit_line(dir.path(), &format!("top -u {}", s.url())).replace('\'', "'\\''")
    );
    let t = Tmux::start(dir.path(), 100, 30, &line);
    t.wait("the node", Duration::from_secs(5), |x| {
        x.contains(&s.addr())
    });
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    let ok = Command::new("kill")
        .args(["-TERM", pid.trim()])
        .status()
        .unwrap();
    assert!(ok.success());
    // SIGTERM is an interruption: 130 (README's exit table), not success.
    let screen = t.wait("exit on SIGTERM", Duration::from_secs(5), |x| {
        x.contains("EXITED 130")
    });
    assert!(!screen.contains("nodes up"), "{screen}");
    // The terminal is back in cooked mode: a typed line echoes.
    t.keys(&["echo typed-back", "Enter"]);
    t.wait("echo works", Duration::from_secs(3), |x| {
        x.contains("typed-back")
    });

    // No terminal: exit 2 before connecting, pointing to health and --record.
    let (code, out, err) = run(dir.path())
        .args(["top", "-u", "redis://127.0.0.1:1"])
        .output()
        .parts();
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("health --format json") && err.contains("--record"),
        "{err}"
    );
}

#[test]
fn a_recording_replays_the_same_numbers() {
    let s = RedisServer::builder().arg("maxmemory 64mb").start();
    for i in 0..100 {
        s.cli(&["SET", &format!("k{i}"), "v"]);
    }
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("rec.ndjson");
    // Recording needs no terminal: three frames, 300 ms apart.
    let (code, _, err) = run(dir.path())
        .args(["top", "-u", &s.url(), "--interval", "300ms", "--count", "3"])
        .args(["--record", rec.to_str().unwrap()])
        .output()
        .parts();
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&rec).unwrap();
    let frames: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(frames.len(), 3, "{text}");
    let last = &frames[2]["nodes"][0];
    assert_eq!(last["addr"], s.addr());
    let clients = last["clients"].as_f64().unwrap();
    let pct = last["used_memory"].as_f64().unwrap() * 100.0 / last["maxmemory"].as_f64().unwrap();

    // Replayed on "another machine": no server is asked (it is gone), the last frame stays.
    drop(s);
    let t = Tmux::start(
        dir.path(),
        100,
        30,
        &redkit_line(dir.path(), &format!("top --replay {}", rec.display())),
    );
    let screen = t.wait("the end of the recording", Duration::from_secs(5), |x| {
        x.contains("end of recording")
    });
    assert!(screen.contains("3/3"), "{screen}");
    let row = screen
        .lines()
        .find(|l| l.contains("127.0.0.1:"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        row.contains(&format!(" {clients:.0} ")),
        "clients {clients}: {row}"
    );
    assert!(row.contains(&format!("{pct:.0}%")), "%max {pct}: {row}");
    assert!(row.contains("master"), "{row}");
    t.keys(&["q"]);
    t.wait("exit", Duration::from_secs(5), |x| x.contains("EXITED 0"));

    // A file that is not a recording: a usage error naming the line.
    std::fs::write(dir.path().join("bad.ndjson"), "{\"at\": 1}\nnope\n").unwrap();
    let t = Tmux::start(
        dir.path(),
        100,
        30,
        &format!(
            "{} 2>&1",
            redkit_line(dir.path(), "top --replay bad.ndjson")
        ),
    );
    let screen = t.wait("refused", Duration::from_secs(5), |x| x.contains("EXITED"));
    assert!(screen.contains("EXITED 2"), "{screen}");
    assert!(screen.contains("bad.ndjson:"), "{screen}");
}

#[test]
fn panes_show_slow_log_clients_and_stream_groups() {
    let s = RedisServer::builder()
        .arg("slowlog-log-slower-than 0")
        .start();
    for i in 0..5 {
        s.cli(&["XADD", "orders", "*", "n", &i.to_string()]);
    }
    s.cli(&["XGROUP", "CREATE", "orders", "workers", "0"]);
    s.cli(&[
        "XREADGROUP",
        "GROUP",
        "workers",
        "w1",
        "COUNT",
        "2",
        "STREAMS",
        "orders",
        ">",
    ]);
    s.cli(&["XADD", "orders:dlq", "*", "n", "dead"]);
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start(
        dir.path(),
        100,
        30,
        &redkit_line(dir.path(), &format!("top -u {} --stream orders", s.url())),
    );
    t.wait("the node", Duration::from_secs(5), |x| {
        x.contains(&s.addr())
    });
    t.keys(&["p"]);
    t.wait("slow log pane", Duration::from_secs(5), |x| {
        x.contains("slow log") && x.contains("XADD")
    });
    t.keys(&["p", "p"]);
    t.wait("clients pane", Duration::from_secs(5), |x| {
        x.contains("clients (output buffers)") && x.contains("omem")
    });
    t.keys(&["p"]);
    // workers: 3 entries not delivered, 2 pending, 1 dead letter.
    let screen = t.wait("streams pane", Duration::from_secs(5), |x| {
        x.lines()
            .any(|l| l.contains("orders") && l.contains("workers"))
    });
    let row = screen
        .lines()
        .find(|l| l.contains("workers"))
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>();
    assert_eq!(row[0], "orders", "{screen}");
    assert_eq!(row[2], "3", "lag: {screen}");
    assert_eq!(row[4], "2", "pending: {screen}");
    assert_eq!(row[5], "1", "dead letters: {screen}");
    t.keys(&["q"]);
    t.wait("exit", Duration::from_secs(5), |x| x.contains("EXITED 0"));
}

#[test]
fn ctrl_c_exits_130_and_restores_the_terminal() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start(
        dir.path(),
        100,
        30,
        &redkit_line(dir.path(), &format!("top -u {}", s.url())),
    );
    t.wait("the node", Duration::from_secs(5), |x| {
        x.contains(&s.addr())
    });
    t.keys(&["C-c"]);
    let screen = t.wait("exit on Ctrl-C", Duration::from_secs(5), |x| {
        x.contains("EXITED")
    });
    assert!(screen.contains("EXITED 130"), "{screen}");
    assert!(!screen.contains("nodes up"), "{screen}");
}

/// `6m50s`, `7m`, `1h2m`, `0ms`, `1.5s` (redkit's short durations) in seconds.
fn seconds(text: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(|c: char| !c.is_ascii_digit() && c != '.')?;
        let n: f64 = rest[..end].parse().ok()?;
        rest = &rest[end..];
        let (unit, len) = [
            ("ms", 0.001),
            ("µs", 1e-6),
            ("s", 1.0),
            ("m", 60.0),
            ("h", 3600.0),
            ("d", 86400.0),
        ]
        .iter()
        .find(|(u, _)| rest.starts_with(u))
        .map(|(u, f)| (*f, u.len()))?;
        total += n * unit;
        rest = &rest[len..];
    }
    (!text.is_empty()).then_some(total)
}

/// The streams pane's "lag s" is the age of the oldest entry a group has not been delivered
/// (0 when caught up), the rule health's stream checks use; `--stream` takes health's globs.
#[test]
fn streams_pane_lag_seconds_is_the_age_of_the_oldest_undelivered_entry() {
    let s = RedisServer::start();
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    // Two entries 7 minutes and 6m50s old, then one fresh.
    let old = format!("{}-0", now_ms - 420_000);
    let next = format!("{}-0", now_ms - 410_000);
    s.cli(&["XADD", "job_events:1", &old, "n", "1"]);
    s.cli(&["XADD", "job_events:1", &next, "n", "2"]);
    s.cli(&["XADD", "job_events:1", "*", "n", "3"]);
    // from0: created at 0, nothing delivered: the oldest undelivered entry is 420 s old.
    s.cli(&["XGROUP", "CREATE", "job_events:1", "from0", "0"]);
    // mid: delivered up to the first entry: the next one is 410 s old.
    s.cli(&["XGROUP", "CREATE", "job_events:1", "mid", &old]);
    // done: caught up.
    s.cli(&["XGROUP", "CREATE", "job_events:1", "done", "$"]);
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start(
        dir.path(),
        120,
        30,
        &redkit_line(
            dir.path(),
            &format!("top -u {} --stream 'job_events:*'", s.url()),
        ),
    );
    t.wait("the node", Duration::from_secs(5), |x| {
        x.contains(&s.addr())
    });
    t.keys(&["p", "p", "p", "p"]);
    let screen = t.wait("streams pane", Duration::from_secs(8), |x| {
        ["from0", "mid", "done"].iter().all(|g| {
            x.lines()
                .any(|l| l.contains("job_events:1") && l.contains(g))
        })
    });
    let lag_s = |group: &str| -> f64 {
        let row: Vec<&str> = screen
            .lines()
            .find(|l| l.contains("job_events:1") && l.split_whitespace().nth(1) == Some(group))
            .unwrap_or_else(|| panic!("{group}: {screen}"))
            .split_whitespace()
            .collect();
        // A time people read (`7m`, `6m50s`, `0ms`), not `420.0` (review-24 F11).
        seconds(row[3]).unwrap_or_else(|| panic!("{group} lag s: {screen}"))
    };
    let from0 = lag_s("from0");
    assert!((415.0..=440.0).contains(&from0), "from0 {from0}: {screen}");
    let mid = lag_s("mid");
    assert!((405.0..=430.0).contains(&mid), "mid {mid}: {screen}");
    assert_eq!(lag_s("done"), 0.0, "{screen}");
    t.keys(&["q"]);
    t.wait("exit", Duration::from_secs(5), |x| x.contains("EXITED 0"));
}

#[test]
fn record_never_replaces_a_file_and_append_adds_to_a_recording() {
    let s = RedisServer::builder().start();
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("incident.ndjson");
    let record = |file: &Path, extra: &[&str]| {
        run(dir.path())
            .args(["top", "-u", &s.url(), "--interval", "200ms", "--count", "2"])
            .args(["--record", file.to_str().unwrap()])
            .args(extra)
            .output()
            .parts()
    };
    let (code, _, err) = record(&rec, &[]);
    assert_eq!(code, 0, "{err}");
    let first = std::fs::read_to_string(&rec).unwrap();
    assert_eq!(first.lines().count(), 2, "{first}");

    // The same line again from shell history: refused, the recording kept byte for byte.
    let (code, _, err) = record(&rec, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("incident.ndjson") && err.contains("2 frames") && err.contains("--append"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&rec).unwrap(), first);

    // --append adds this run's frames after the earlier ones, in order.
    let (code, _, err) = record(&rec, &["--append"]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&rec).unwrap();
    assert!(text.starts_with(&first), "{text}");
    let at: Vec<f64> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["at"]
                .as_f64()
                .unwrap()
        })
        .collect();
    assert_eq!(at.len(), 4, "{text}");
    assert!(at.windows(2).all(|w| w[0] <= w[1]), "{at:?}");

    // A recording whose last line was cut short by a crash: the new frames start on a line of
    // their own, so only the cut line is damaged.
    let cut = dir.path().join("cut.ndjson");
    std::fs::write(&cut, &text[..text.len() - 10]).unwrap();
    let (code, _, err) = record(&cut, &["--append"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<String> = std::fs::read_to_string(&cut)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(lines.len(), 6, "{lines:?}");
    let frames = lines
        .iter()
        .filter(|l| serde_json::from_str::<serde_json::Value>(l).is_ok())
        .count();
    assert_eq!(frames, 5, "{lines:?}");

    // A file that is not a recording is never written, not even with --append.
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "keep me\n").unwrap();
    for extra in [&[][..], &["--append"][..]] {
        let (code, _, err) = record(&notes, extra);
        assert_eq!(code, 2, "{extra:?}: {err}");
        assert!(
            err.contains("notes.txt") && err.contains("not a top recording"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&notes).unwrap(), "keep me\n");
    }

    // An empty file (made by mktemp, say) is as good as a new one.
    let empty = dir.path().join("empty.ndjson");
    std::fs::write(&empty, "").unwrap();
    let (code, _, err) = record(&empty, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&empty).unwrap().lines().count(), 2);
}

/// Waits until the pane's text without escapes satisfies `pred`; that text.
fn shown(t: &term::Tmux, pane: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
    term::strip(&t.wait_for(pane, what, |x| pred(&term::strip(x))))
}

#[test]
fn a_three_digit_millisecond_p99_keeps_its_unit_at_80_columns() {
    // One 300 ms call: INFO LATENCYSTATS has a p99 of about 300 ms for debug, which the
    // 6-column cell printed as `300.9m` (minutes, to anyone reading it).
    let s = RedisServer::builder()
        .arg("enable-debug-command local")
        .start();
    s.cli(&["DEBUG", "SLEEP", "0.3"]);
    let dir = tempfile::tempdir().unwrap();
    let t = term::Tmux::start();
    let url = s.url();
    let pane = t.spawn(dir.path(), 80, 24, &["top", "-u", &url], &[]);
    let addr = s.addr();
    let screen = shown(&t, &pane, "the node's row", |x| {
        x.lines()
            .any(|l| l.starts_with(&addr) && l.contains("master"))
    });
    let row = screen.lines().find(|l| l.starts_with(&addr)).unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    // node, role, ops/s, p99: three significant figures and the whole unit.
    let p99 = cells[3];
    let ms: f64 = p99
        .strip_suffix("ms")
        .unwrap_or_else(|| panic!("p99 {p99:?} in {row}"))
        .parse()
        .unwrap_or_else(|e| panic!("p99 {p99:?}: {e} in {row}"));
    assert!((300.0..400.0).contains(&ms), "{row}");
    assert!(!p99.contains('.'), "three significant figures: {row}");
    t.send(&pane, "q");
    assert_eq!(t.finish(&pane, 80, &["top"]).code, 0);
}

#[test]
fn cluster_seed_that_does_not_answer_is_a_red_row_with_its_reason() {
    // A port nobody listens on (bound, then released).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let t = term::Tmux::start();
    let url = format!("redis://127.0.0.1:{port}");
    let pane = t.spawn(dir.path(), 80, 24, &["top", "--cluster", "-u", &url], &[]);
    let addr = format!("127.0.0.1:{port}");
    let screen = shown(&t, &pane, "the seed's red row", |x| {
        x.lines()
            .any(|l| l.starts_with(&addr) && l.contains("down"))
    });
    let row = screen.lines().find(|l| l.starts_with(&addr)).unwrap();
    assert!(row.contains("connection refused"), "{screen}");
    assert!(screen.contains("0/1 nodes up"), "{screen}");
    assert!(!screen.contains("0/0"), "{screen}");
    t.send(&pane, "q");
    assert_eq!(t.finish(&pane, 80, &["top"]).code, 0);
}

#[test]
fn streams_pane_names_a_stream_without_groups_and_one_that_does_not_exist() {
    let s = RedisServer::start();
    // A job stream whose workers have not made their group yet.
    s.cli(&["XADD", "job_events:1230", "*", "n", "1"]);
    let dir = tempfile::tempdir().unwrap();
    let t = term::Tmux::start();
    let url = s.url();
    let args = [
        "top",
        "-u",
        &url,
        "--stream",
        "job_events:1230,job_events:nope",
    ];
    let pane = t.spawn(dir.path(), 100, 30, &args, &[]);
    let addr = s.addr();
    shown(&t, &pane, "the node", |x| {
        x.lines().any(|l| l.starts_with(&addr))
    });
    for _ in 0..4 {
        t.send(&pane, "p");
    }
    let screen = shown(&t, &pane, "the streams pane's notes", |x| {
        x.contains("job_events:nope: no such stream")
            && x.contains("job_events:1230: no consumer groups")
    });
    assert!(!screen.contains("no streams in this frame"), "{screen}");
    assert!(!screen.contains("job_events:1230: no such"), "{screen}");
    // The group made: its row replaces the note.
    s.cli(&["XGROUP", "CREATE", "job_events:1230", "workers", "0"]);
    let screen = shown(&t, &pane, "the group's row", |x| {
        x.lines()
            .any(|l| l.contains("job_events:1230") && l.contains("workers"))
    });
    assert!(!screen.contains("job_events:1230: no consumer"), "{screen}");
    assert!(
        screen.contains("job_events:nope: no such stream"),
        "{screen}"
    );
    t.send(&pane, "q");
    assert_eq!(t.finish(&pane, 100, &["top"]).code, 0);
}
