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
        row[3]
            .parse()
            .unwrap_or_else(|_| panic!("{group} lag s: {screen}"))
    };
    let from0 = lag_s("from0");
    assert!((415.0..=440.0).contains(&from0), "from0 {from0}: {screen}");
    let mid = lag_s("mid");
    assert!((405.0..=430.0).contains(&mid), "mid {mid}: {screen}");
    assert_eq!(lag_s("done"), 0.0, "{screen}");
    t.keys(&["q"]);
    t.wait("exit", Duration::from_secs(5), |x| x.contains("EXITED 0"));
}

/// The pane of `redkit top ARGS` (a shared tmux server of the view tests), its plain text
/// once `pred` holds on it.
fn wait_plain(t: &term::Tmux, pane: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
    term::strip(&t.wait_for(pane, what, |s| pred(&term::strip(s))))
}

/// The captured line (with its escapes) that holds every one of `parts`.
fn raw_line(t: &term::Tmux, pane: &str, parts: &[&str]) -> String {
    let raw = t.capture(pane);
    raw.lines()
        .find(|l| {
            let plain = term::strip(l);
            parts.iter().all(|p| plain.contains(p))
        })
        .unwrap_or_else(|| panic!("no line with {parts:?}:\n{}", term::strip(&raw)))
        .to_string()
}

/// Whether `text` stands on a red background on the captured `line`.
fn on_red(line: &str, text: &str) -> bool {
    matches!(
        term::background_at(line, text).as_deref(),
        Some("41") | Some("101") | Some("48;5;1") | Some("48;5;9")
    )
}

/// A recording with a damaged line in the middle replays the frames it has, and says on the
/// screen which line it skipped (and again on stderr once the screen is restored).
#[test]
fn a_replayed_recording_with_a_damaged_line_says_so_on_screen() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("rec.ndjson");
    let (code, _, err) = run(dir.path())
        .args(["top", "-u", &s.url(), "--interval", "200ms", "--count", "2"])
        .args(["--record", rec.to_str().unwrap()])
        .output()
        .parts();
    assert_eq!(code, 0, "{err}");
    drop(s);
    // A copy that went wrong between the two frames: garbled JSON, then bytes that are not
    // UTF-8.
    let text = std::fs::read_to_string(&rec).unwrap();
    let frames: Vec<&str> = text.lines().collect();
    assert_eq!(frames.len(), 2, "{text}");
    let mut damaged = Vec::new();
    damaged.extend_from_slice(frames[0].as_bytes());
    damaged.extend_from_slice(b"\n{\"at\": 12, \"nodes\": [{\"addr\n");
    damaged.extend_from_slice(b"\xff\xfe\x1b[31m\n");
    damaged.extend_from_slice(frames[1].as_bytes());
    damaged.push(b'\n');
    std::fs::write(&rec, &damaged).unwrap();

    let t = term::Tmux::start();
    let pane = t.spawn(dir.path(), 80, 24, &["top", "--replay", "rec.ndjson"], &[]);
    let screen = wait_plain(&t, &pane, "the end of the recording", |x| {
        x.contains("end of recording")
    });
    assert!(
        screen.contains("end of recording; skipped 2 damaged lines (lines 2, 3)"),
        "{screen}"
    );
    assert!(screen.contains("replay rec.ndjson 2/2"), "{screen}");
    // The damaged bytes are not drawn (no stray escape turned the screen red).
    assert!(!screen.contains('\u{fffd}'), "{screen}");
    t.send(&pane, "q");
    let done = t.finish(&pane, 80, &["top", "--replay"]);
    assert_eq!(done.code, 0, "{}", done.text());
    assert!(
        done.text()
            .contains("--replay rec.ndjson: skipped 2 damaged lines (lines 2, 3)"),
        "{}",
        done.text()
    );
}

/// A node that accepts but never answers and one that refuses connections are both red
/// rows that say why: `timeout`, `connection refused`; a node that answers again is a row like
/// the others; a dead master's replica stays on screen (the node list is kept).
#[test]
fn a_down_node_says_why_on_a_red_row() {
    let mut master = RedisServer::start();
    let replica = RedisServer::builder().replica_of(master.port).start();
    replica.wait_replica_up();
    master.wait_replicas_online();
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("rec.ndjson");
    let t = term::Tmux::start();
    let args = [
        "top",
        "-u",
        &master.url(),
        "--interval",
        "500ms",
        "--record",
        rec.to_str().unwrap(),
    ];
    let pane = t.spawn(dir.path(), 80, 24, &args, &[]);
    wait_plain(&t, &pane, "both nodes up", |x| x.contains("2/2 nodes up"));
    let (m, r) = (master.addr(), replica.addr());

    // Hung: the kernel still accepts, the server says nothing.
    replica.signal("STOP");
    wait_plain(&t, &pane, "the hung replica's timeout", |x| {
        x.lines()
            .any(|l| l.contains(&r) && l.contains("DOWN: timeout: no answer within"))
    });
    let row = raw_line(&t, &pane, &[&r, "DOWN: timeout"]);
    assert!(on_red(&row, &r), "the row is red: {row:?}");
    assert!(on_red(&row, "DOWN: timeout"), "the reason is red: {row:?}");
    let up = raw_line(&t, &pane, &[&m, "master"]);
    assert!(!on_red(&up, &m), "an answering row is red: {up:?}");
    replica.signal("CONT");
    wait_plain(&t, &pane, "the replica back", |x| {
        x.contains("2/2 nodes up") && !x.contains("DOWN")
    });

    // Gone: nothing listens on the port any more.
    master.kill();
    let killed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let screen = wait_plain(&t, &pane, "the killed master refused", |x| {
        x.lines()
            .any(|l| l.contains(&m) && l.contains("DOWN: connection refused"))
    });
    assert!(screen.contains("1/2 nodes up"), "{screen}");
    let row = raw_line(&t, &pane, &[&m, "DOWN: connection refused"]);
    assert!(on_red(&row, &m), "the row is red: {row:?}");
    assert!(
        on_red(&row, "DOWN: connection refused"),
        "the reason is red: {row:?}"
    );
    // The node list is asked again every 10 s; the master's refusal keeps its replica listed.
    let frames = |after: f64| -> Vec<serde_json::Value> {
        std::fs::read_to_string(&rec)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|f| f["at"].as_f64().is_some_and(|at| at > after))
            .collect()
    };
    crate::support::wait_until(
        "a frame recorded after the node list was asked again",
        Duration::from_secs(60),
        || !frames(killed + 11.0).is_empty(),
    );
    let late = &frames(killed + 11.0)[0];
    let addrs: Vec<&str> = late["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["addr"].as_str())
        .collect();
    assert!(
        addrs.contains(&r.as_str()) && addrs.contains(&m.as_str()),
        "{late}"
    );
    t.send(&pane, "q");
    assert_eq!(t.finish(&pane, 80, &["top"]).code, 0);
}

/// A replica whose offset is its master's reads `in sync` in the lag column (not the
/// seconds since its last interaction, which count up while it idles); the master has none.
#[test]
fn a_caught_up_replica_reads_in_sync() {
    let master = RedisServer::start();
    let replica = RedisServer::builder().replica_of(master.port).start();
    replica.wait_replica_up();
    master.wait_replicas_online();
    for i in 0..50 {
        master.cli(&["SET", &format!("k{i}"), "v"]);
    }
    let dir = tempfile::tempdir().unwrap();
    let t = term::Tmux::start();
    let pane = t.spawn(dir.path(), 80, 24, &["top", "-u", &master.url()], &[]);
    let (m, r) = (master.addr(), replica.addr());
    let screen = wait_plain(&t, &pane, "the replica in sync", |x| {
        x.lines()
            .any(|l| l.contains(&r) && l.contains("replica") && l.contains("in sync"))
    });
    let master_row = screen
        .lines()
        .find(|l| l.contains(&m))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(!master_row.contains("in sync"), "{screen}");
    t.send(&pane, "q");
    assert_eq!(t.finish(&pane, 80, &["top"]).code, 0);
}
