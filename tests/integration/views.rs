//! The views as a person sees them: redkit in a tmux pane at 80x24 and 120x40 with colour on,
//! against a real redis-server. Every screen must fit its width (nothing wrapped), keep each
//! figure the JSON of the same run reports whole on one line, and close every colour it opens.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::support::stream::publish;
use crate::support::tmux::{Screen, Tmux, strip, width};
use crate::support::{RedisServer, redkit};

const SIZES: [(usize, usize); 2] = [(80, 24), (120, 40)];
/// 58 CJK characters: 116 columns, wider than an 80-column terminal by itself.
const CJK: &str = "正在分析用户需求并生成大纲正在分析用户需求并生成大纲正在分析用户需求并生成大纲正在分析用户需求并生成大纲正在分析用户需";

/// Job 1230's error: wider than 80 columns, read whole in `stream job` and `--wide`.
const FAILED_ERROR: &str = "retries exhausted (3 attempts): upstream model endpoint answered 503 Service Unavailable after 30s; giving up on chapter 7 of 12";

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

fn json(dir: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = redkit(dir)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn jobs_fixture() -> RedisServer {
    let s = RedisServer::start();
    let cjk = format!(", \"progress\": \"{CJK}\"");
    publish(&s, "job_events:1229", "task_started", "");
    publish(&s, "job_events:1229", "task_progress", &cjk);
    publish(&s, "job_events:1230", "task_started", "");
    let err = format!(", \"error\": \"{FAILED_ERROR}\"");
    publish(&s, "job_events:1230", "task_failed", &err);
    publish(&s, "job_events:1231", "task_started", "");
    publish(&s, "job_events:1231", "task_completed", "");
    // A job whose last event is an hour old: stuck, painted red.
    let old = format!("{}-0", now_ms() - 3_600_000);
    let data = crate::support::stream::event_json(
        "task_progress",
        "1232",
        ", \"progress\": \"step 2 of 9\"",
    );
    s.cli(&[
        "XADD",
        "job_events:1232",
        &old,
        "data",
        &data,
        "event_type",
        "task_progress",
    ]);
    s
}

fn each_size(t: &Tmux, dir: &std::path::Path, args: &[&str]) -> Vec<Screen> {
    SIZES
        .iter()
        .map(|&(c, r)| {
            let mut a: Vec<&str> = args.to_vec();
            a.extend(["--color", "always"]);
            let screen = t.run(dir, c, r, &a, &[]);
            screen.assert_clean();
            screen
        })
        .collect()
}

/// One view's command line and what it must keep whole.
#[derive(Default)]
struct View<'a> {
    args: &'a [&'a str],
    /// Figures the JSON of the same run reports, keys, ids: whole on one line at each size.
    whole: Vec<String>,
    /// Cells the narrow view may cut: shown entire on one line with `--wide`.
    wide: Vec<String>,
    /// The view paints something (a status, a verdict), so colour must show.
    coloured: bool,
}

/// Every check a view must pass, the issue's "Done when": in tmux at 80x24 and 120x40 with
/// `--color always`, no line wider than the pane, every colour opened closed on its line,
/// colour shown where the view paints, each of `whole` whole on one line; piped (colour left
/// to `auto`), no colour, no trailing space, and each of `whole` there too; with `--wide` in
/// an 80-column pane, each of `wide` entire on one line.
#[track_caller]
fn assert_view(t: &Tmux, dir: &std::path::Path, v: &View) -> Vec<Screen> {
    let screens = each_size(t, dir, v.args);
    for screen in &screens {
        if v.coloured {
            assert!(screen.has_colour(), "no colour:\n{}", screen.text());
        }
        for w in &v.whole {
            screen.assert_whole(w);
        }
    }
    let piped = redkit(dir).args(v.args).output().unwrap();
    let text = String::from_utf8_lossy(&piped.stdout);
    assert!(
        !text.trim().is_empty(),
        "{:?} printed nothing piped",
        v.args
    );
    assert!(!text.contains('\x1b'), "colour in piped output:\n{text}");
    for l in text.lines() {
        assert!(
            !l.ends_with(' ') && !l.ends_with('\t'),
            "a trailing space in piped output: {l:?}"
        );
    }
    for w in &v.whole {
        assert!(text.contains(w.as_str()), "piped output lacks {w}:\n{text}");
    }
    if !v.wide.is_empty() {
        let args = [v.args, &["--wide", "--color", "always"]].concat();
        let screen = t.run(dir, 80, 24, &args, &[]);
        screen.assert_colours_closed();
        for w in &v.wide {
            assert!(
                screen.plain().iter().any(|l| l.contains(w.as_str())),
                "--wide does not show {w:?} whole:\n{}",
                screen.text()
            );
        }
    }
    screens
}

/// The integer figures under `keys` anywhere in a JSON document, as the screen writes them.
fn figures(v: &serde_json::Value, keys: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match x.as_u64() {
                    Some(n) if keys.contains(&k.as_str()) => out.push(n.to_string()),
                    _ => out.extend(figures(x, keys)),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| out.extend(figures(x, keys))),
        _ => {}
    }
    out
}

#[test]
fn stream_jobs_fit_80_and_120_columns_with_colour() {
    let s = jobs_fixture();
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let doc = json(dir.path(), &["-u", &url, "stream", "jobs"]);
    let jobs = doc["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 4, "{doc}");
    let view = View {
        args: &["-u", &url, "stream", "jobs"],
        whole: jobs
            .iter()
            .map(|j| j["job_id"].as_str().unwrap().to_string())
            .chain(["stuck".to_string()])
            .collect(),
        // The whole texts, where the JSON's summary keeps 80 columns.
        wide: vec![CJK.to_string(), FAILED_ERROR.to_string()],
        coloured: true,
    };
    for screen in assert_view(&t, dir.path(), &view) {
        // The CJK summary is cut by display width: its line fits and ends in the ellipsis.
        let line = screen
            .plain()
            .into_iter()
            .find(|l| l.contains("正在分析"))
            .unwrap_or_else(|| panic!("no CJK summary:\n{}", screen.text()));
        assert!(width(&line) <= screen.cols, "{line}");
        // 116 columns: cut at 80; at 120 on a line of its own, where it shows more of it
        // than beside the tokens (review-21 F6).
        assert!(line.contains('…'), "{line}");
        let shown = line.chars().filter(|c| CJK.contains(*c)).count();
        let at_least = if screen.cols == 80 { 30 } else { 50 };
        assert!(
            shown >= at_least,
            "{} columns: {shown} shown: {line}",
            screen.cols
        );
        // Times are compact (the zone is in the header once), ages read as ages.
        assert!(screen.text().contains("started (UTC"), "{}", screen.text());
        assert!(screen.text().contains("1h ago"), "{}", screen.text());
        assert!(
            !screen.text().contains(".000+"),
            "no full timestamps:\n{}",
            screen.text()
        );
        let counts = &doc["counts"];
        assert!(
            screen.text().contains(&format!("{} jobs:", jobs.len())),
            "{}\n{counts}",
            screen.text()
        );
    }
}

#[test]
fn wide_shows_every_cell_whole() {
    let s = jobs_fixture();
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let doc = json(dir.path(), &["-u", &url, "stream", "jobs"]);
    let summary = doc["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["job_id"] == "1229")
        .unwrap()["summary"]
        .as_str()
        .unwrap()
        .to_string();
    // The JSON keeps 80 columns of a summary (as documented); the table keeps the whole text,
    // cut to the terminal, and --wide shows it whole (review-21 F1).
    assert!(width(&summary) <= 80 && width(&summary) >= 79, "{summary}");
    assert!(summary.ends_with('…'), "{summary}");
    let args = ["-u", url.as_str(), "stream", "jobs"];
    let narrow = t.run(dir.path(), 80, 24, &args, &[]);
    assert!(!narrow.text().contains(&summary), "{}", narrow.text());
    let wide_args = [&args[..], &["--wide"]].concat();
    let screen = t.run(dir.path(), 80, 24, &wide_args, &[]);
    let line = screen
        .plain()
        .into_iter()
        .find(|l| l.contains("正在分析"))
        .unwrap();
    assert!(
        line.contains(CJK) && !line.contains('…'),
        "--wide cut the summary:\n{line}"
    );
    assert!(width(&line) > 116 + 20, "{line}");
    assert!(
        screen.plain().iter().any(|l| l.contains(FAILED_ERROR)),
        "--wide cut the failed job's error:\n{}",
        screen.text()
    );
}

#[test]
fn stream_list_keeps_keys_and_ids_whole() {
    let s = jobs_fixture();
    for i in 0..30 {
        publish(
            &s,
            &format!("job_events:{}", 100_000 + i),
            "task_started",
            "",
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let args = ["-u", url.as_str(), "stream", "list", "--limit", "50"];
    let doc = json(dir.path(), &args);
    let streams = doc["streams"].as_array().unwrap();
    assert!(streams.len() > 30, "{doc}");
    let whole = streams
        .iter()
        .flat_map(|st| {
            [
                st["stream"].as_str().unwrap().to_string(),
                st["last_generated_id"].as_str().unwrap().to_string(),
            ]
        })
        .chain(figures(&doc, &["length"]))
        .collect();
    let view = View {
        args: &args,
        whole,
        ..View::default()
    };
    let screens = assert_view(&t, dir.path(), &view);
    // A count of what the list holds reads as words: `34 streams`, never `1 streams`.
    for screen in screens {
        let text = screen.text();
        assert!(!text.contains(" 1 streams"), "{text}");
    }
}

/// Review-21 F6, F7: one stream key wider than the terminal among short ones. It is shown
/// whole, or cut from its middle with `…` (and the note pointing to --wide), never broken onto
/// another line; only its own row takes more lines, each other row stays on one.
#[test]
fn a_long_key_is_cut_visibly_and_only_its_row_takes_more_lines() {
    let s = jobs_fixture();
    let long =
        "job_events:tenant-acme-corporation-enterprise-division-document-generation-pipeline-42";
    publish(&s, long, "task_progress", "");
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let list = ["-u", url.as_str(), "stream", "list"];
    let jobs = ["-u", url.as_str(), "stream", "jobs"];
    let doc = json(dir.path(), &list);
    // Each short stream's row: its key and its last id, on one line.
    let short: Vec<(String, String)> = doc["streams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|st| {
            (
                st["stream"].as_str().unwrap().to_string(),
                st["last_generated_id"].as_str().unwrap().to_string(),
            )
        })
        .filter(|(k, _)| k != long)
        .collect();
    assert_eq!(short.len(), 4, "{doc}");
    let jdoc = json(dir.path(), &jobs);
    let states: Vec<(String, String)> = jdoc["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| {
            (
                j["job_id"].as_str().unwrap().to_string(),
                j["state"].as_str().unwrap().to_string(),
            )
        })
        .filter(|(id, _)| id.len() < 10)
        .collect();
    assert_eq!(states.len(), 4, "{jdoc}");
    let job = long.trim_start_matches("job_events:");
    for (args, token, rows) in [(&list, long, &short), (&jobs, job, &states)] {
        for &(c, r) in &SIZES {
            let a = [&args[..], &["--color", "always"]].concat();
            let screen = t.run(dir.path(), c, r, &a, &[]);
            screen.assert_clean();
            let plain = screen.plain();
            let text = screen.text();
            // Wherever a piece of the long key shows, it is the whole key or visibly cut.
            let (head, tail) = (&token[..12], &token[token.len() - 10..]);
            // The key's line starts with it (a summary may quote it); a broken-off piece of
            // it would start a line.
            let shown: Vec<&String> = plain
                .iter()
                .filter(|l| {
                    l.split_whitespace()
                        .next()
                        .is_some_and(|w| w.starts_with(head) || (w.len() > 3 && token.ends_with(w)))
                })
                .collect();
            assert_eq!(
                shown.len(),
                1,
                "{c} columns: the key is on one line:\n{text}"
            );
            let line = shown[0];
            if !line.contains(token) {
                assert!(
                    line.contains(head) && line.contains(tail) && line.contains('…'),
                    "{c} columns: {line}\n{text}"
                );
                assert!(text.contains("--wide shows it whole"), "{text}");
            }
            for (key, other) in rows.iter() {
                assert!(
                    plain
                        .iter()
                        .any(|l| l.split_whitespace().next() == Some(key) && l.contains(other)),
                    "{c} columns: {key} and {other} are not on one line:\n{text}"
                );
            }
        }
        let wide = [&args[..], &["--wide"]].concat();
        let screen = t.run(dir.path(), 80, 24, &wide, &[]);
        assert!(
            screen.plain().iter().any(|l| l.contains(token)),
            "--wide cut {token}:\n{}",
            screen.text()
        );
    }
}

/// Review-21 F1, F2: `stream job` of a stuck and of a running job: its last line fits the
/// terminal with every time whole (the times go on a line of their own), and --wide shows a
/// long progress text whole.
#[test]
fn stream_job_lines_fit_and_wide_shows_the_progress_whole() {
    let s = jobs_fixture();
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let time =
        regex::Regex::new(r"started (\d\d:\d\d:\d\d|\w{3} \d\d \d\d:\d\d), last event").unwrap();
    for job in ["1232", "1229"] {
        let view = View {
            args: &["-u", &url, "stream", "job", job],
            whole: vec![job.into()],
            wide: if job == "1229" {
                vec![CJK.into()]
            } else {
                vec![]
            },
            coloured: true,
        };
        for screen in assert_view(&t, dir.path(), &view) {
            let text = screen.text();
            assert!(
                screen.plain().iter().any(|l| time.is_match(l)),
                "{} columns: the times are not whole on one line:\n{text}",
                screen.cols
            );
            let state = if job == "1232" {
                "stuck: "
            } else {
                "running: "
            };
            assert!(text.contains(state), "{text}");
        }
    }
}

#[test]
fn stream_job_shows_a_failed_jobs_whole_error() {
    let s = jobs_fixture();
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let error = FAILED_ERROR;
    let view = View {
        args: &["-u", &url, "stream", "job", "1230"],
        whole: vec!["1230".into()],
        wide: vec![error.into()],
        coloured: true,
    };
    for screen in assert_view(&t, dir.path(), &view) {
        assert_eq!(screen.code, 1, "a failed job exits 1:\n{}", screen.text());
        let words: Vec<String> = screen
            .plain()
            .iter()
            .flat_map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .collect();
        let all = words.join(" ");
        assert!(
            all.contains(error),
            "the error is not whole:\n{}",
            screen.text()
        );
    }
}

#[test]
fn health_fits_with_colour() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let doc = json(dir.path(), &["-u", &url, "health"]);
    for screen in each_size(&t, dir.path(), &["-u", &url, "health"]) {
        assert!(screen.has_colour(), "{}", screen.text());
        screen.assert_whole(&s.addr());
        let checks = doc["nodes"][0]["checks"].as_array().unwrap();
        assert!(!checks.is_empty());
        for c in checks {
            if let Some(n) = c["value"].as_u64() {
                // A figure is whole wherever the table shows it.
                let text = screen.text();
                if text.contains(&n.to_string()) {
                    screen.assert_whole(&n.to_string());
                }
            }
        }
    }
}

/// Why a check failed is read whole: a message that does not fit next to the tokens folds
/// under the check at full width and wraps; it is never cut to a stub with `…`.
#[test]
fn health_messages_are_shown_whole_at_80_and_120_columns() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let doc = json(dir.path(), &["-u", &url, "health"]);
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let messages: Vec<String> = doc["nodes"][0]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["message"].as_str())
        .filter(|m| !m.is_empty())
        // Figures (latency, age) move between the JSON run and the screen's; the words stay.
        .filter(|m| !m.chars().any(|c| c.is_ascii_digit()))
        // The JSON run has no rate sample yet; the screen's run measures one in-run.
        .filter(|m| !m.contains("previous sample"))
        .map(squash)
        .collect();
    assert!(messages.iter().any(|m| m.len() > 20), "{messages:?}");
    for screen in each_size(&t, dir.path(), &["-u", &url, "health"]) {
        let joined = squash(&screen.plain().join(" "));
        for m in &messages {
            assert!(
                joined.contains(m.as_str()),
                "{} columns: {m:?} not whole in\n{}",
                screen.cols,
                screen.text()
            );
        }
    }
}

#[test]
fn bench_compare_keeps_figures_and_verdicts_whole() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let url = s.url();
    let out = redkit(dir.path())
        .args([
            "-u",
            &url,
            "bench",
            "-w",
            "get",
            "-n",
            "2000",
            "-c",
            "4",
            "--save",
            "base.json",
            "--format",
            "json",
        ])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A baseline 100x faster than this machine: the compare says REGRESSION, in red.
    let mut base: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("base.json")).unwrap())
            .unwrap();
    base["workloads"][0]["ops_per_sec"] = serde_json::json!(12807712.0);
    std::fs::write(dir.path().join("fast.json"), base.to_string()).unwrap();
    let t = Tmux::start();
    for screen in each_size(
        &t,
        dir.path(),
        &["-u", &url, "bench", "--compare", "fast.json"],
    ) {
        screen.assert_whole("12807712");
        // The verdict (which one depends on this machine's noise) is one word, whole.
        let text = screen.text();
        assert!(
            text.contains("REGRESSION")
                || text.contains("within noise")
                || text.contains("inconclusive"),
            "{text}"
        );
    }
}

#[test]
fn cache_stats_top_prefixes_fit() {
    let s = RedisServer::start();
    let mut cmds = Vec::new();
    for i in 0..300 {
        cmds.push(vec![
            "SET".to_string(),
            format!("user:{i}:unread"),
            "x".repeat(40),
        ]);
        cmds.push(vec![
            "SET".to_string(),
            format!("session:{i}:payload-with-a-long-name"),
            "y".repeat(100),
        ]);
    }
    crate::support::stream::pipe_load(&s, &cmds);
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let args = ["-u", url.as_str(), "cache", "stats", "--top-prefixes", "10"];
    let doc = json(dir.path(), &args);
    let groups = doc["prefixes"].as_array().unwrap();
    assert_eq!(groups.len(), 2, "{doc}");
    let view = View {
        args: &args,
        whole: [doc["total"]["keys"].to_string()]
            .into_iter()
            .chain(groups.iter().flat_map(|g| {
                [
                    g["prefix"].as_str().unwrap().to_string(),
                    g["keys"].to_string(),
                ]
            }))
            .collect(),
        ..View::default()
    };
    assert_view(&t, dir.path(), &view);
}

#[test]
fn validate_env_fits() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".env"),
        "REDIS_URL=redis://127.0.0.1:6379/0\nQWEN_API_KEY=sk-1234567890abcdef1234567890abcd23\nJWT_SECRET_KEY=short\n",
    )
    .unwrap();
    let t = Tmux::start();
    for screen in each_size(&t, dir.path(), &["validate-env"]) {
        assert!(screen.text().contains("QWEN_API_KEY"), "{}", screen.text());
        screen.assert_whole("QWEN_API_KEY");
    }
}

/// The checks themselves catch what the issue saw: a colour running into the next line, a
/// line wider than the pane, a split escape's remains, a number cut in two.
#[test]
fn the_screen_checks_catch_broken_views() {
    let screen = |lines: &[&str]| Screen {
        cols: 20,
        lines: lines.iter().map(|l| l.to_string()).collect(),
        code: 0,
    };
    let fails = |f: &dyn Fn()| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err();
    let bleed = screen(&["a \x1b[31mstuck", "next row\x1b[39m"]);
    assert!(fails(&|| bleed.assert_colours_closed()));
    let closed = screen(&["a \x1b[32mOK", "\x1b[39mnext row"]);
    assert!(!fails(&|| closed.assert_colours_closed()));
    assert!(fails(&|| screen(&["x".repeat(21).as_str()]).assert_fits()));
    assert!(fails(&|| screen(&["stuck026-12-01 [0m"]).assert_fits()));
    assert!(!fails(&|| screen(&["正在分析用户需求并生"]).assert_fits()));
    assert!(fails(&|| screen(&["正在分析用户需求并生成"]).assert_fits()));
    let split = screen(&["ops/s 12807", "7"]);
    assert!(fails(&|| split.assert_whole("128077")));
    assert!(!fails(&|| screen(&["ops/s 128077"]).assert_whole("128077")));
}

/// `cache flush` shows how far it is (a bar with its percent, rate and ETA, estimated from the
/// SCAN cursor) and leaves nothing of it behind after Ctrl-C.
#[test]
fn flush_progress_says_how_far_and_is_cleared_on_ctrl_c() {
    let s = RedisServer::start();
    let cmds: Vec<Vec<String>> = (0..20_000)
        .map(|i| vec!["SET".into(), format!("agent:cache:{i}"), "v".into()])
        .collect();
    crate::support::stream::pipe_load(&s, &cmds);
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let args = [
        "-u",
        url.as_str(),
        "cache",
        "flush",
        "--prefix",
        "agent:cache:",
        "--rate",
        "2000",
        "--scan-count",
        "100",
        "--yes",
    ];
    let pane = t.spawn(dir.path(), 80, 24, &args, &[]);
    let shown = t.wait_for(&pane, "a bar with percent and eta", |p| {
        p.contains('%') && p.contains("eta") && p.contains("deleted") && p.contains("/s")
    });
    let bar = crate::support::tmux::strip(&shown);
    let bar = bar
        .lines()
        .find(|l| l.contains("eta"))
        .unwrap()
        .trim_end()
        .to_string();
    assert!(width(&bar) <= 80, "{bar}");
    // Let the estimate move, then interrupt.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    t.send(&pane, "C-c");
    let screen = t.finish(&pane, 80, &args);
    let text = screen.text();
    assert!(!text.contains("eta"), "the bar was left behind:\n{text}");
    assert!(text.contains("interrupted"), "{text}");
    assert_ne!(screen.code, 0, "{text}");
    let left: u64 = s.cli(&["DBSIZE"]).trim().parse().unwrap();
    assert!(left > 0 && left < 20_000, "stopped part way: {left} left");
}

/// `cache flush --dry-run` keeps each sample key whole (one per line) and its rate with its
/// unit: `(52500 keys/s)` is one token, never `(52500` / `keys/s)`.
#[test]
fn flush_dry_run_keeps_sample_keys_and_rates_whole() {
    let s = RedisServer::start();
    let prefix = "agent:cache:user-profile-with-a-long-name:";
    let cmds: Vec<Vec<String>> = (0..2000)
        .map(|i| {
            vec![
                "SET".into(),
                format!("{prefix}{i}:rendered-page-fragment"),
                "v".into(),
            ]
        })
        .collect();
    crate::support::stream::pipe_load(&s, &cmds);
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let args = [
        "-u",
        url.as_str(),
        "cache",
        "flush",
        "--prefix",
        prefix,
        "--dry-run",
    ];
    let doc = json(dir.path(), &args);
    let sample: Vec<String> = doc["nodes"][0]["sample"]
        .as_array()
        .unwrap()
        .iter()
        .take(3)
        .map(|k| k.as_str().unwrap().to_string())
        .collect();
    assert_eq!(sample.len(), 3, "{doc}");
    for screen in each_size(&t, dir.path(), &args) {
        for k in &sample {
            screen.assert_whole(k);
        }
        screen.assert_whole("2000");
        let plain = screen.plain();
        let line = plain
            .iter()
            .find(|l| l.contains("keys/s)"))
            .unwrap_or_else(|| panic!("no rate:\n{}", screen.text()));
        let before = &line[..line.find(" keys/s)").unwrap()];
        let figure = before.rsplit(' ').next().unwrap();
        assert!(
            figure.starts_with('(') && figure[1..].chars().all(|c| c.is_ascii_digit()),
            "the rate is split from its unit: {line:?}\n{}",
            screen.text()
        );
    }
}

/// Our own usage errors wrap at words on a narrow terminal (tmux joins a line the terminal
/// wrapped, so a line wider than the pane would show).
#[test]
fn usage_errors_wrap_at_words() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let args = ["cache", "flush", "--pattern", "*", "--dry-run"];
    let piped = redkit(dir.path()).args(args).output().unwrap();
    assert_eq!(piped.status.code(), Some(2));
    let err = String::from_utf8_lossy(&piped.stderr)
        .trim_end()
        .to_string();
    assert_eq!(err.lines().count(), 1, "one line when piped: {err}");
    assert!(width(&err) > 80, "{err}");
    for screen in each_size(&t, dir.path(), &args) {
        assert_eq!(screen.code, 2, "{}", screen.text());
        let words: Vec<String> = screen
            .plain()
            .iter()
            .flat_map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .collect();
        let on_screen = words.join(" ");
        assert!(on_screen.contains(err.as_str()), "{}\n{err}", screen.text());
    }
}

/// `stream read` shows compact local times (the zone once, in the header), fits the pane,
/// and its JSON keeps RFC 3339 with milliseconds.
#[test]
fn stream_read_times_are_compact_and_lines_fit() {
    let s = jobs_fixture();
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let args = ["-u", url.as_str(), "stream", "read", "job_events:1229"];
    let out = redkit(dir.path())
        .args(args)
        .args(["--format", "ndjson"])
        .output()
        .unwrap();
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    let time = first["time"].as_str().unwrap();
    assert!(
        time.len() == 24 && time.ends_with('Z') && time.contains('.'),
        "{time}"
    );
    for screen in each_size(&t, dir.path(), &args) {
        let text = screen.text();
        assert!(text.contains("time (UTC"), "{text}");
        let id = first["id"].as_str().unwrap();
        screen.assert_whole(id);
        // Today's time of day, not `2026-12-01 19:40:40.661+00:00`.
        let row = screen
            .plain()
            .into_iter()
            .find(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("no row of {id}:\n{text}"));
        let shown = row
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .to_string();
        assert!(
            shown.len() == 8 && shown.matches(':').count() == 2,
            "{shown:?} in {row}"
        );
        let cjk = screen
            .plain()
            .into_iter()
            .find(|l| l.contains("正在分析"))
            .unwrap_or_else(|| panic!("no CJK summary:\n{text}"));
        assert!(cjk.contains('…'), "{cjk}");
    }
}

/// Keys whose id is a person's name or holds escape bytes group with their shape.
#[test]
fn top_prefixes_group_cjk_and_escaped_ids_with_their_shape() {
    let s = RedisServer::start();
    let mut cmds = Vec::new();
    for (i, name) in ["张三", "李四", "王五", "a\u{1b}b", "\u{7}bell"]
        .iter()
        .enumerate()
    {
        cmds.push(vec![
            "SET".to_string(),
            format!("user:{name}:unread"),
            "x".into(),
        ]);
        cmds.push(vec![
            "SET".to_string(),
            format!("user:{i}:unread"),
            "x".into(),
        ]);
    }
    crate::support::stream::pipe_load(&s, &cmds);
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let args = ["-u", url.as_str(), "cache", "stats", "--top-prefixes", "10"];
    let doc = json(dir.path(), &args);
    let groups = doc["prefixes"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{doc}");
    assert_eq!(groups[0]["prefix"], "user:*:unread");
    assert_eq!(groups[0]["keys"], 10);
    for screen in each_size(&t, dir.path(), &args) {
        // One group row (the JSON above); the biggest keys below show the names themselves.
        screen.assert_whole("user:*:unread");
    }
}

/// The README's 80-column screens of `stream jobs` and `health` fit 80 columns and show the
/// real layout: the same header lines as a run in an 80-column pane.
#[test]
fn readme_screens_match_real_80_column_output() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let from = readme
        .find("`stream jobs` on an 80-column terminal")
        .unwrap();
    let blocks: Vec<Vec<&str>> = readme[from..]
        .split("```text\n")
        .skip(1)
        .take(2)
        .map(|b| b.split("\n```").next().unwrap().lines().collect())
        .collect();
    assert_eq!(blocks.len(), 2);
    for l in blocks.iter().flatten() {
        assert!(width(l) <= 80, "README line wider than 80 columns: {l}");
    }
    let s = jobs_fixture();
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let jobs = t.run(
        dir.path(),
        80,
        24,
        &["-u", &url, "stream", "jobs"],
        &[("TZ", "UTC")],
    );
    assert_eq!(&jobs.plain()[..2], &blocks[0][..2], "{}", jobs.text());
    let health = t.run(
        dir.path(),
        80,
        40,
        &["-u", &url, "health"],
        &[("TZ", "UTC")],
    );
    let shown = health.plain();
    let head = shown.iter().position(|l| l.contains("(master)")).unwrap();
    let readme_head = blocks[1]
        .iter()
        .position(|l| l.contains("(master)"))
        .unwrap();
    assert_eq!(
        &shown[head + 1..head + 4],
        &blocks[1][readme_head + 1..readme_head + 4],
        "{}",
        health.text()
    );
}

/// A standalone server that is CRITICAL (memory over --crit-memory) and WARNING (restarted
/// recently): the verdict names how many nodes are in which state, in words that agree.
#[test]
fn health_warning_and_critical_read_cleanly() {
    let s = RedisServer::builder().arg("maxmemory 10mb").start();
    s.cli(&["SETRANGE", "big", "6000000", "x"]);
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let url = s.url();
    let args = [
        "-u",
        url.as_str(),
        "health",
        "--no-state",
        "--warn-memory",
        "10",
        "--crit-memory",
        "20",
    ];
    let doc = json(dir.path(), &args);
    assert_eq!(doc["status"], "critical", "{doc:#}");
    let checks = doc["nodes"][0]["checks"].as_array().unwrap();
    let status = |name: &str| {
        checks
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("no {name}: {doc:#}"))["status"]
            .clone()
    };
    assert_eq!(status("memory"), "critical");
    assert_eq!(status("server"), "warning");
    let view = View {
        args: &args,
        whole: vec![s.addr(), "CRITICAL".into(), "WARNING".into()],
        coloured: true,
        ..View::default()
    };
    for screen in assert_view(&t, dir.path(), &view) {
        let text = screen.text();
        assert!(text.contains("1 node CRITICAL"), "{text}");
        assert!(!text.contains("0 of 1"), "{text}");
        // CRITICAL and WARNING are painted, each closed on its line (assert_view).
        assert!(
            screen
                .lines
                .iter()
                .any(|l| l.contains("\x1b[") && strip(l).contains("CRITICAL")),
            "{text}"
        );
    }
}

/// A cluster of three masters without replicas: a WARNING of the cluster's own, every node
/// reported, the slot count whole.
#[test]
fn health_of_a_cluster_reads_cleanly() {
    let c = crate::support::Cluster::start(3, 0);
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start();
    let seed = c.seed_url();
    let args = [
        "-u",
        seed.as_str(),
        "health",
        "--cluster",
        "--no-state",
        "--min-uptime",
        "0",
    ];
    let doc = json(dir.path(), &args);
    assert_eq!(doc["status"], "warning", "{doc:#}");
    let view = View {
        args: &args,
        whole: c
            .nodes
            .iter()
            .map(|n| n.addr())
            .chain(["16384".to_string(), "WARNING".to_string()])
            .collect(),
        coloured: true,
        ..View::default()
    };
    for screen in assert_view(&t, dir.path(), &view) {
        let text = screen.text();
        assert!(!text.contains("1 nodes"), "{text}");
        assert!(text.contains("3 nodes"), "{text}");
    }
}

/// `bench --compare` against a baseline 100x faster: REGRESSION, painted, closed on its line,
/// the baseline's figure whole.
#[test]
fn bench_compare_regression_is_painted_and_whole() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let url = s.url();
    let out = redkit(dir.path())
        .args(["-u", &url, "bench", "-w", "get", "-n", "2000", "-c", "4"])
        .args(["--save", "base.json", "--format", "json"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.path().join("base.json");
    let mut base: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    base["workloads"][0]["ops_per_sec"] = serde_json::json!(12807712.0);
    // 100x faster, while waiting for a CPU a second per command (more than any run here: a
    // busier machine cannot explain the drop).
    for run in base["workloads"][0]["samples"].as_array_mut().unwrap() {
        for v in run["ops_per_sec"].as_array_mut().unwrap() {
            *v = serde_json::json!(v.as_f64().unwrap() * 100.0);
        }
        run["cpu_wait_us_per_op"] = serde_json::json!(1.0e6);
        // And on an idle machine: no busier than the new runs, whatever the load here.
        run["client_wait_pct"] = serde_json::json!(0.0);
    }
    std::fs::write(dir.path().join("fast.json"), base.to_string()).unwrap();
    let t = Tmux::start();
    let args = [
        "-u",
        url.as_str(),
        "bench",
        "--compare",
        "fast.json",
        "--min-run",
        "1s",
    ];
    let view = View {
        args: &args,
        whole: vec!["12807712".into(), "REGRESSION".into()],
        coloured: true,
        ..View::default()
    };
    for screen in assert_view(&t, dir.path(), &view) {
        assert_eq!(screen.code, 1, "{}", screen.text());
        let painted = screen
            .lines
            .iter()
            .find(|l| strip(l).contains("REGRESSION"))
            .unwrap();
        let at = painted.find("REGRESSION").unwrap();
        assert!(
            painted[..at].ends_with('m') && painted[..at].contains("\x1b["),
            "REGRESSION is not painted: {painted:?}"
        );
    }
}

/// `validate-env` with a long value, a secret and CJK text: the secret never shows, the
/// names and the long value's start are whole, the CJK text is cut by display width, and
/// `--wide` shows the long cell whole.
#[test]
fn validate_env_with_long_secret_and_cjk_values_reads_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!(
        "https://hooks.example.internal/services/{}/deliver?channel=incidents-and-pages",
        "T0123456789".repeat(6)
    );
    std::fs::write(
        dir.path().join(".env"),
        format!(
            "REDIS_URL=redis://127.0.0.1:6379/0\n\
             QWEN_API_KEY=sk-1234567890abcdef1234567890abcd23\n\
             JWT_SECRET_KEY=short\n\
             ALERT_WEBHOOK_URL={long}\n\
             APP_WELCOME_TEXT={CJK}\n"
        ),
    )
    .unwrap();
    let t = Tmux::start();
    let args = ["validate-env"];
    let doc = json(dir.path(), &args);
    let names: Vec<String> = doc["variables"]
        .as_array()
        .unwrap_or_else(|| panic!("{doc:#}"))
        .iter()
        .filter_map(|v| v["name"].as_str().map(str::to_string))
        .collect();
    for n in [
        "QWEN_API_KEY",
        "JWT_SECRET_KEY",
        "ALERT_WEBHOOK_URL",
        "APP_WELCOME_TEXT",
    ] {
        assert!(names.iter().any(|x| x == n), "{n} not reported: {doc:#}");
    }
    let view = View {
        args: &args,
        whole: names,
        wide: vec![long.clone(), CJK.to_string()],
        coloured: true,
    };
    for screen in assert_view(&t, dir.path(), &view) {
        let text = screen.text();
        assert!(
            !text.contains("1234567890abcdef"),
            "a secret shows:\n{text}"
        );
        // Long values are cut by display width with `…`, on one line, never wrapped mid-token.
        for start in ["正在分析", "https://hooks.example.internal/"] {
            let line = screen
                .plain()
                .into_iter()
                .find(|l| l.contains(start))
                .unwrap_or_else(|| panic!("no {start}:\n{text}"));
            assert!(line.contains('…'), "{line}");
        }
    }
}
