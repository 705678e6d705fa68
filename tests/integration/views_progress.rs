//! Progress bars as a person sees them, in a tmux pane: `migrate recipients` against a real
//! SQLite file and `cache flush` against a real redis-server. A bar says how far (count,
//! percent, a rate to three significant figures, ETA), fits the pane, is gone at the end and
//! after Ctrl-C (the terminal still echoes what is typed), and is never drawn under `-q`, with
//! `--format json`, or when stderr is not a terminal. Every byte written to the pane is
//! recorded, so "never drawn" is what reached the terminal, not a capture's luck.

use std::path::Path;

use crate::support::db::{Kind, TestDb};
use crate::support::tmux::{Tmux, strip, width};
use crate::support::{RedisServer, redkit};

/// What a bar line shows: `37% ... 14800 rows 3960/s eta 4s`.
fn bar_re(what: &str) -> regex::Regex {
    regex::Regex::new(&format!(
        r"(\d+)%[^0-9]*(\d+) {what} ([0-9.]+)/s eta (\d+[a-z]+)"
    ))
    .unwrap()
}

/// Significant figures of a written figure: `3960` has 3, `39.6` has 3, `0.4` has 1.
fn significant(figure: &str) -> usize {
    let digits: String = figure.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').trim_end_matches('0').len()
}

/// Waits for the bar in `pane` and checks the line it is on; returns the line.
#[track_caller]
fn assert_bar_shown(t: &Tmux, pane: &str, cols: usize, what: &str) -> String {
    let re = bar_re(what);
    let shown = t.wait_for(pane, &format!("a bar counting {what} with a rate"), |p| {
        re.is_match(&strip(p))
    });
    let plain = strip(&shown);
    let line = plain
        .lines()
        .find(|l| re.is_match(l))
        .unwrap()
        .trim_end()
        .to_string();
    assert!(
        width(&line) <= cols,
        "the bar is wider than the pane: {line}"
    );
    let c = re.captures(&line).unwrap();
    let pct: u64 = c[1].parse().unwrap();
    assert!(pct <= 100, "{line}");
    let rate = &c[3];
    assert!(
        significant(rate) <= 3 && !rate.contains(','),
        "the rate has more than 3 significant figures: {line}"
    );
    line
}

/// The pane after the run: no trace of the bar, the shell's line starts at column 0, the
/// cursor shows, and what is typed is echoed (the terminal is usable).
#[track_caller]
fn assert_bar_gone_and_terminal_usable(
    t: &Tmux,
    pane: &str,
    cols: usize,
    args: &[&str],
) -> crate::support::tmux::Screen {
    let done = t.wait_for(pane, "the run's end", |p| p.contains("__redkit_done__"));
    let (visible, _) = t.cursor(pane);
    assert!(visible, "the cursor was left hidden:\n{}", strip(&done));
    t.send(pane, "typed-after-the-run");
    t.wait_for(pane, "typed text echoed", |p| {
        p.contains("typed-after-the-run")
    });
    let raw = t.capture(pane);
    let done_line = strip(&raw)
        .lines()
        .find(|l| l.contains("__redkit_done__"))
        .unwrap()
        .to_string();
    assert!(
        done_line.starts_with("__redkit_done__"),
        "the bar's line was not cleared: {done_line:?}"
    );
    let screen = t.finish(pane, cols, args);
    let text = screen.text();
    assert!(
        !text.contains("eta") && !text.contains('%') && !text.contains("[="),
        "the bar was left behind:\n{text}"
    );
    screen.assert_clean();
    screen
}

/// Everything the pane received, escape sequences removed.
fn recorded(log: &Path) -> String {
    strip(&String::from_utf8_lossy(
        &std::fs::read(log).unwrap_or_default(),
    ))
}

/// A SQLite file with `n` single-recipient messages.
fn messages_db(n: i64) -> TestDb {
    let db = TestDb::new(Kind::Sqlite);
    let insert = format!(
        "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < {n}) \
         INSERT INTO messages (id, sender_id, receiver_id, title, content, is_read, created_at) \
         SELECT i, 1, i % 50 + 1, 'title ' || i, 'text', i % 3 = 0, '2025-10-01 10:00:00' FROM c"
    );
    db.exec(&[db.messages_ddl(), &insert]);
    db
}

/// Fixed small chunks with a pause between them: long enough for a bar, no timing asserted.
fn migrate_args(db: &TestDb, sleep: &str) -> Vec<String> {
    [
        "migrate",
        "recipients",
        "--database-url",
        &db.url,
        "--create-table",
        "--yes",
        "--batch-size",
        "200",
        "--chunk-time",
        "0",
        "--sleep",
        sleep,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn count(db: &TestDb) -> i64 {
    db.int_of("SELECT COUNT(*) FROM message_recipients")
}

#[test]
fn migrate_bar_says_how_far_and_is_cleared_on_ctrl_c_and_at_the_end() {
    let db = messages_db(40_000);
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let args = migrate_args(&db, "20ms");
    let args = refs(&args);

    let pane = t.spawn(dir.path(), 80, 24, &args, &[]);
    let line = assert_bar_shown(&t, &pane, 80, "rows");
    assert!(line.contains("% of ids"), "{line}");
    // Let it move on, then interrupt: the chunk in flight finishes, the bar goes.
    std::thread::sleep(std::time::Duration::from_millis(800));
    t.send(&pane, "C-c");
    let code = assert_bar_gone_and_terminal_usable(&t, &pane, 80, &args).code;
    assert_eq!(code, 130, "interrupted");
    let first = count(&db);
    assert!(first > 0 && first < 40_000, "stopped part way: {first}");

    // The second run resumes and ends: the bar was drawn (the recording has it) and is gone.
    let (pane, log) = t.spawn_recorded(dir.path(), 120, 40, &args, &[]);
    assert_bar_shown(&t, &pane, 120, "rows");
    let code = assert_bar_gone_and_terminal_usable(&t, &pane, 120, &args).code;
    assert_eq!(code, 0);
    assert_eq!(count(&db), 40_000);
    assert!(recorded(&log).contains("% of ids"), "no bar was drawn");
}

#[test]
fn migrate_bar_is_absent_with_quiet_json_and_piped() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    // The same run on a terminal draws the bar (so its absence below means something).
    let runs: [(&[&str], bool); 3] = [
        (&[], true),
        (&["-q"], false),
        (&["--format", "json"], false),
    ];
    for (extra, drawn) in runs {
        let db = messages_db(3000);
        let mut args = migrate_args(&db, "40ms");
        args.extend(extra.iter().map(|s| s.to_string()));
        let args = refs(&args);
        let (pane, log) = t.spawn_recorded(dir.path(), 80, 24, &args, &[]);
        let screen = t.finish(&pane, 80, &args);
        assert_eq!(screen.code, 0, "{extra:?}: {}", screen.text());
        assert_eq!(count(&db), 3000);
        let seen = recorded(&log);
        assert_eq!(
            seen.contains("% of ids") || seen.contains("eta "),
            drawn,
            "{extra:?}: what the terminal received:\n{seen}"
        );
        if extra.contains(&"json") {
            // stderr's notes share the pane; the report is the JSON from its `{` on.
            let text = screen.text();
            let json = &text[text.find("\n{").map_or(0, |i| i + 1)..];
            let doc: serde_json::Value = serde_json::from_str(json)
                .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", screen.text()));
            assert_eq!(doc["migrated"], 3000, "{doc}");
        }
    }
    // stderr a pipe (a cron log): no bar, no carriage returns, no escapes; plain lines only.
    let db = messages_db(3000);
    let args = migrate_args(&db, "40ms");
    let out = redkit(dir.path()).args(&args).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("eta") && !err.contains('\r') && !err.contains('\x1b'),
        "{err}"
    );
}

fn flush_fixture(n: usize) -> RedisServer {
    let s = RedisServer::start();
    let cmds: Vec<Vec<String>> = (0..n)
        .map(|i| vec!["SET".into(), format!("agent:cache:{i}"), "v".into()])
        .collect();
    crate::support::stream::pipe_load(&s, &cmds);
    s
}

fn flush_args(url: &str, rate: &str) -> Vec<String> {
    [
        "-u",
        url,
        "cache",
        "flush",
        "--prefix",
        "agent:cache:",
        "--rate",
        rate,
        "--scan-count",
        "100",
        "--yes",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// The Ctrl-C case is `views::flush_progress_says_how_far_and_is_cleared_on_ctrl_c`; here a
/// run to its end, the bar's figures, and the runs that must draw nothing.
#[test]
fn flush_bar_is_cleared_at_the_end_and_absent_with_quiet_json_and_piped() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let s = flush_fixture(6000);
    let args = flush_args(&s.url(), "3000");
    let args = refs(&args);
    let (pane, log) = t.spawn_recorded(dir.path(), 80, 24, &args, &[]);
    assert_bar_shown(&t, &pane, 80, "deleted");
    let code = assert_bar_gone_and_terminal_usable(&t, &pane, 80, &args).code;
    assert_eq!(code, 0);
    assert_eq!(s.cli(&["DBSIZE"]).trim(), "0");
    assert!(recorded(&log).contains("eta "), "no bar was drawn");

    for extra in [&["-q"][..], &["--format", "json"]] {
        let s = flush_fixture(3000);
        let mut args = flush_args(&s.url(), "3000");
        args.extend(extra.iter().map(|s| s.to_string()));
        let args = refs(&args);
        let (pane, log) = t.spawn_recorded(dir.path(), 80, 24, &args, &[]);
        let screen = t.finish(&pane, 80, &args);
        assert_eq!(screen.code, 0, "{extra:?}: {}", screen.text());
        assert_eq!(s.cli(&["DBSIZE"]).trim(), "0");
        let seen = recorded(&log);
        assert!(
            !seen.contains("eta ") && !seen.contains("deleting ["),
            "{extra:?}: what the terminal received:\n{seen}"
        );
    }
    let s = flush_fixture(3000);
    let out = redkit(dir.path())
        .args(flush_args(&s.url(), "3000"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(s.cli(&["DBSIZE"]).trim(), "0");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("eta") && !err.contains('\r') && !err.contains('\x1b'),
        "{err}"
    );
}

/// The report after a run and `migrate status` at 80 columns: one line per label and value
/// (a long index list wraps in its column, review-21 F8), times compact with the zone in the
/// header (F9); JSON keeps RFC 3339.
#[test]
fn migrate_report_and_status_read_at_80_columns() {
    let db = messages_db(3000);
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let args = migrate_args(&db, "0s");
    let args = refs(&args);
    let screen = t.run(dir.path(), 80, 40, &args, &[("TZ", "UTC")]);
    assert_eq!(screen.code, 0, "{}", screen.text());
    screen.assert_clean();
    let text = screen.text();
    let migrated = regex::Regex::new(r"(?m)^migrated +3000$").unwrap();
    assert!(migrated.is_match(&text), "{text}");
    let status = ["migrate", "status", "--database-url", db.url.as_str()];
    let screen = t.run(dir.path(), 80, 24, &status, &[("TZ", "UTC")]);
    screen.assert_clean();
    let text = screen.text();
    assert!(text.contains("started (UTC)"), "{text}");
    let rfc = regex::Regex::new(r"\d{4}-\d\d-\d\dT\d\d:").unwrap();
    assert!(
        !rfc.is_match(&text),
        "a full timestamp in the table:\n{text}"
    );
    let out = redkit(dir.path())
        .args(status)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let started = doc["runs"][0]["started_at"].as_str().unwrap_or_default();
    assert!(rfc.is_match(started) && started.ends_with('Z'), "{doc}");
}

/// Review-21 F5: every command with a bar or spinner ends on Ctrl-C as `cache flush` does:
/// the bar cleared, what was done reported, exit 130. `cache stats` scans until Ctrl-C.
#[test]
fn stats_bar_is_cleared_on_ctrl_c_with_what_was_scanned() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let s = flush_fixture(200_000);
    let url = s.url();
    let args = [
        "-u",
        url.as_str(),
        "cache",
        "stats",
        "--prefix",
        "agent:cache:",
        "--scan-count",
        "50",
    ];
    let pane = t.spawn(dir.path(), 80, 24, &args, &[]);
    assert_bar_shown(&t, &pane, 80, "keys");
    t.send(&pane, "C-c");
    let screen = assert_bar_gone_and_terminal_usable(&t, &pane, 80, &args);
    assert_eq!(screen.code, 130, "interrupted");
    let text = screen.text();
    let scanned = regex::Regex::new(r"interrupted after scanning (\d+) keys").unwrap();
    let n: u64 = scanned
        .captures(&text)
        .unwrap_or_else(|| panic!("no partial report:\n{text}"))[1]
        .parse()
        .unwrap();
    assert!(n > 0 && n < 200_000, "{text}");
    assert!(
        text.contains(&format!("{n} keys matching 'agent:cache:*'")),
        "the report covers what was scanned:\n{text}"
    );
}

/// `wait` shows a spinner while it waits: Ctrl-C clears it, says what was not ready, 130.
#[test]
fn wait_spinner_is_cleared_on_ctrl_c_naming_what_is_not_ready() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    // A port nothing listens on: refused, retried until --max-wait.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("redis://127.0.0.1:{port}");
    let args = [
        "-u",
        url.as_str(),
        "wait",
        "--redis",
        "--max-wait",
        "10m",
        "--interval",
        "100ms",
    ];
    let pane = t.spawn(dir.path(), 80, 24, &args, &[]);
    t.wait_for(&pane, "the spinner", |p| strip(p).contains("waiting"));
    t.send(&pane, "C-c");
    let screen = assert_bar_gone_and_terminal_usable(&t, &pane, 80, &args);
    assert_eq!(screen.code, 130, "interrupted");
    let text = screen.text();
    assert!(
        text.contains("redkit: interrupted; not ready after")
            && text.contains(&format!("127.0.0.1:{port}")),
        "{text}"
    );
    assert!(!text.contains("waiting "), "the spinner was left:\n{text}");
}
