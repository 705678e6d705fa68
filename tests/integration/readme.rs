//! Every command line of the README runs (issue 19 item 7): each `redkit …` line of its `sh`,
//! `bash` and `cron` blocks (and each `$ redkit …` example of its plain blocks, and the commands
//! of its systemd and Compose/Kubernetes files) is run by `/bin/sh`, as an operator or cron
//! would run it: on a pseudo-terminal (script(1)) answering `y`, or, for cron lines and service
//! files, with no terminal. They run against one shared set of real servers
//! seeded with the application's data: a Redis with `agent:cache:` keys and `job_events:{id}`
//! streams (a running, a completed, a failed and a stuck job, consumer groups with pending
//! entries), an empty Redis for the benchmark examples, a TLS Redis, a Sentinel, a 3-master
//! cluster, a MariaDB and an SQLite database with the `messages` table. Settings come from
//! `~/.config/redkit/redkit.yaml` and its `env_file` (tests/fixtures/readme/), cron-style: a
//! temporary `$HOME` as the working directory and a bare environment.
//!
//! Per line: no panic, no usage error (exit 2), an exit code the README documents for that
//! command, and for a `-q` line of cron or a service file, nothing printed when redkit
//! succeeded. A line that cannot run
//! here must be listed in `PARSE_ONLY` with its reason; a new README line is run by default.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::support::db::{Kind, TestDb};
use crate::support::stream::pipe_load;
use crate::support::{Cluster, RedisServer, Sentinel, free_port, readme, wait_until};

/// Lines that fail today because of a bug owned by another item of issue 19: the lead empties
/// this list as the fixes are merged. A listed line that passes fails the test (remove it).
const KNOWN_BROKEN: &[(&str, &str)] = &[];

/// Lines only parsed, never run, each with its reason. None today: every line runs.
const PARSE_ONLY: &[(&str, &str)] = &[];

/// Lines whose point is a usage error (exit 2), each with what it demonstrates. None today.
const USAGE_ERRORS: &[(&str, &str)] = &[];

/// Commands the README's lines call that stand for the operator's own tooling.
const PLACEHOLDERS: &str = "alert() { echo \"alert: redkit exit $?\"; }\n";

/// Lines that follow or watch until something happens, and what the test does to end them.
const INTERACTIVE: &[(&str, Act)] = &[
    // Waits for the job's end: the job's worker writes task_completed once tail listens.
    (
        "stream tail job_events:42 --until-event",
        Act::FeedWhenBlocked("job_events:42", "task_completed"),
    ),
    // A consumer until Ctrl-C: one entry arrives, then Ctrl-C.
    (
        "stream tail job_events:42 --group audit",
        Act::FeedThenInterrupt("job_events:42", "task_progress"),
    ),
    // Returns at once when the job has ended, else waits for its end.
    (
        "stream job 42 --follow",
        Act::FeedWhenBlocked("job_events:42", "task_completed"),
    ),
    // Redraws until Ctrl-C: Ctrl-C after the first round (its verdict names the node).
    ("health --watch", Act::InterruptAfterOutput("127.0.0.1:")),
];

#[derive(Debug, Clone, Copy)]
enum Act {
    /// Once redkit blocks in XREAD/XREADGROUP, XADD an event of this type to the key.
    FeedWhenBlocked(&'static str, &'static str),
    /// The same, then SIGINT once the entry was read.
    FeedThenInterrupt(&'static str, &'static str),
    /// SIGINT once the line printed this.
    InterruptAfterOutput(&'static str),
}

/// Requests per benchmark workload and the length of a timed one: the README's sizes (100,000
/// requests, 30 s) take minutes on a debug build.
const BENCH_REQUESTS: &str = "2000";
const BENCH_DURATION: &str = "1s";

/// How long one line may run.
const LINE_TIMEOUT: Duration = Duration::from_secs(30);

/// The exit codes the README documents for each command when the servers are up and the
/// settings are valid (2 and 3 are never among them: a usage error or an unreachable server
/// means the line or the README is wrong).
fn documented_codes(path: &str) -> &'static [i32] {
    match path {
        // 1: a required variable missing or invalid.
        "validate-env" => &[0, 1],
        // 1: WARNING (a server up less than --min-uptime, a stuck job).
        "health" => &[0, 1],
        // 1: the selection or the filter matched nothing, a failed job, a stuck job.
        "stream list" | "stream info" | "stream read" | "stream job" | "stream jobs"
        | "stream pending" => &[0, 1],
        // 1: a type other than the awaited first one arrived; 130: Ctrl-C.
        "stream tail" => &[0, 1, 130],
        // 1: the group exists, a consumer still holds entries, nothing to change.
        "stream group create"
        | "stream group delconsumer"
        | "stream claim"
        | "stream ack"
        | "stream group setid" => &[0, 1],
        "stream trim" => &[0],
        // 1: the range or the filter selected nothing; DLQKEY does not exist.
        "stream dlq" | "stream requeue" | "stream copy" => &[0, 1],
        // 1: a verification mismatch, an unfinished run.
        "migrate recipients" | "migrate status" => &[0, 1],
        // 1: a regression, a missed --slo, a workload whose every request failed.
        "bench" => &[0, 1],
        _ => &[0],
    }
}

/// The temporary world the lines run in: directories standing for the system's, the redkit
/// wrapper that records every exit code, and the rewrites from the README's hosts and paths.
struct Shell {
    root: tempfile::TempDir,
    rewrites: Vec<(String, String)>,
}

impl Shell {
    fn new() -> Shell {
        let root = tempfile::tempdir().expect("temp dir");
        for d in [
            "home/.config/redkit",
            "bin",
            "log",
            "tmp",
            "srv/app",
            "var/lib",
            "etc/ssl",
        ] {
            std::fs::create_dir_all(root.path().join(d)).expect("create dir");
        }
        let wrapper = root.path().join("bin/redkit");
        std::fs::write(
            &wrapper,
            "#!/bin/sh\n# redkit as the README's lines call it: the real binary, every exit code recorded.\n\
             echo $$ >> \"$REDKIT_README_PIDS\"\n\"$REDKIT_README_BIN\" \"$@\"\nrc=$?\n\
             echo \"$rc\" >> \"$REDKIT_README_CODES\"\nexit $rc\n",
        )
        .expect("write wrapper");
        std::fs::set_permissions(
            &wrapper,
            std::os::unix::fs::PermissionsExt::from_mode(0o755),
        )
        .expect("chmod wrapper");
        let mut shell = Shell {
            root,
            rewrites: Vec::new(),
        };
        // System paths of the README's lines live in the test's directory.
        for dir in ["/var/lib/", "/tmp/", "/srv/app/"] {
            let to = format!("{}{dir}", shell.root.path().display());
            shell.rewrite(dir, &to);
        }
        shell
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    fn home(&self) -> PathBuf {
        self.path("home")
    }

    /// Creates the folder of every system path of a rewritten line (`/var/lib/node_exporter/…`
    /// exists on the machine the README's line is for).
    fn make_dirs(&self, command: &str) {
        let var = self.path("var");
        for word in command.split_whitespace() {
            let word = Path::new(word);
            if word.starts_with(&var)
                && let Some(parent) = word.parent()
            {
                std::fs::create_dir_all(parent).expect("create dir");
            }
        }
    }

    fn rewrite(&mut self, from: &str, to: &str) {
        self.rewrites.push((from.to_string(), to.to_string()));
    }

    /// The line with the README's hosts and paths replaced, in one pass (a replacement is
    /// never rewritten again), and which rewrites applied.
    fn rewritten(&self, line: &str) -> (String, Vec<usize>) {
        let mut out = String::new();
        let mut used = Vec::new();
        let mut rest = line;
        loop {
            let next = self
                .rewrites
                .iter()
                .enumerate()
                .filter_map(|(i, (from, _))| rest.find(from.as_str()).map(|at| (at, i)))
                .min();
            let Some((at, i)) = next else {
                out.push_str(rest);
                return (out, used);
            };
            out.push_str(&rest[..at]);
            out.push_str(&self.rewrites[i].1);
            rest = &rest[at + self.rewrites[i].0.len()..];
            used.push(i);
        }
    }

    /// Installs a fixture of tests/fixtures/readme at `to`, its paths rewritten.
    fn install(&self, fixture: &str, to: &str, extra: &str) {
        let text = std::fs::read_to_string(format!(
            "{}/tests/fixtures/readme/{fixture}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("read fixture");
        let (text, _) = self.rewritten(&text);
        std::fs::write(self.path(to), text + extra).expect("install fixture");
    }

    /// Runs one command line with /bin/sh in `$HOME`, a bare environment plus `env`, and `act`
    /// to end it when it follows or watches (the streams followed live on the server given
    /// with it). On a `terminal` (a pseudo-terminal of script(1)) every question is answered
    /// `y`, as the operator typing the README's line would; otherwise stdin is not a terminal,
    /// as in cron.
    fn run(
        &self,
        n: usize,
        command: &str,
        terminal: bool,
        env: &[(&str, String)],
        act: Option<(Act, &RedisServer)>,
    ) -> Outcome {
        let log = |ext: &str| self.path(&format!("log/{n}.{ext}"));
        let (out, err, pids, codes) = (log("out"), log("err"), log("pids"), log("codes"));
        let path = format!(
            "{}:{}",
            self.path("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let line = format!("{PLACEHOLDERS}{command}");
        let mut cmd = Command::new("sh");
        cmd.env_clear();
        if terminal {
            cmd.arg("-c")
                .arg("script -qec \"$REDKIT_README_LINE\" /dev/null")
                .env("REDKIT_README_LINE", &line)
                .env("SHELL", "/bin/sh");
        } else {
            cmd.arg("-c").arg(&line);
        }
        // Each line is its own first run of health's rates: otherwise a line judges what the
        // lines before it did (`cache analyze --from` is a full sync of the master).
        let state = out.with_extension("state");
        std::fs::create_dir_all(&state).expect("state dir");
        cmd.env("PATH", path)
            .env("HOME", self.home())
            .env("XDG_STATE_HOME", &state)
            .env("REDKIT_README_BIN", env!("CARGO_BIN_EXE_redkit"))
            .env("REDKIT_README_PIDS", &pids)
            .env("REDKIT_README_CODES", &codes)
            .current_dir(self.home())
            .stdin(if terminal {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(std::fs::File::create(&out).expect("create log"))
            .stderr(std::fs::File::create(&err).expect("create log"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let mut child = cmd.spawn().expect("start sh");
        // The answer typed ahead. script(1) runs until its input ends, which is made to happen
        // shortly after redkit exited: input that ends while the line still runs costs
        // script's 2 s wait for the child to read it.
        let mut typed = child.stdin.take();
        let mut redkit_done: Option<Instant> = None;
        if let Some(t) = typed.as_mut() {
            std::io::Write::write_all(t, b"y\n").expect("type the answer");
        }
        let started = Instant::now();
        let mut act = act;
        let mut fed = false;
        // Ctrl-C again every 2 s while the line still runs, as an operator would.
        let mut interrupted: Option<Instant> = None;
        let timed_out = loop {
            if child.try_wait().expect("wait for sh").is_some() {
                break false;
            }
            if typed.is_some() && std::fs::metadata(&codes).is_ok_and(|m| m.len() > 0) {
                let done = *redkit_done.get_or_insert_with(Instant::now);
                if done.elapsed() > Duration::from_millis(100) {
                    typed = None;
                }
            }
            if started.elapsed() > LINE_TIMEOUT {
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &format!("-{}", child.id())])
                    .status();
                let _ = child.wait();
                break true;
            }
            if let Some((a, server)) = act {
                match a {
                    Act::FeedWhenBlocked(key, event) | Act::FeedThenInterrupt(key, event)
                        if !fed && blocked_reader(server) =>
                    {
                        publish(server, key, event, now_ms());
                        fed = true;
                        if matches!(a, Act::FeedWhenBlocked(..)) {
                            act = None;
                        }
                    }
                    Act::FeedThenInterrupt(..) | Act::InterruptAfterOutput(_)
                        if interrupted.is_some_and(|at| at.elapsed() > Duration::from_secs(2)) =>
                    {
                        interrupt(&pids);
                        interrupted = Some(Instant::now());
                    }
                    Act::FeedThenInterrupt(..)
                        if fed && interrupted.is_none() && blocked_reader(server) =>
                    {
                        interrupt(&pids);
                        interrupted = Some(Instant::now());
                    }
                    Act::InterruptAfterOutput(marker)
                        if interrupted.is_none()
                            && std::fs::read_to_string(&out).is_ok_and(|o| o.contains(marker)) =>
                    {
                        interrupt(&pids);
                        interrupted = Some(Instant::now());
                    }
                    _ => {}
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
        Outcome {
            codes: read(&codes)
                .lines()
                .filter_map(|l| l.trim().parse().ok())
                .collect(),
            stdout: read(&out),
            stderr: read(&err),
            timed_out,
        }
    }
}

struct Outcome {
    /// The exit code of every redkit the line ran, in order.
    codes: Vec<i32>,
    stdout: String,
    stderr: String,
    timed_out: bool,
}

impl Outcome {
    fn output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// SIGINT (Ctrl-C) to the redkit the wrapper started (the wrapper's child), not the shells.
fn interrupt(pids: &Path) {
    let wrapper = std::fs::read_to_string(pids).unwrap_or_default();
    for pid in wrapper.lines().map(str::trim).filter(|p| !p.is_empty()) {
        let children =
            std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
        for child in children.split_whitespace() {
            let _ = Command::new("kill").args(["-INT", child]).status();
        }
    }
}

/// Whether a client of `server` is blocked reading a stream.
fn blocked_reader(server: &RedisServer) -> bool {
    server.cli(&["CLIENT", "LIST"]).lines().any(|l| {
        (l.contains(" cmd=xread ") || l.contains(" cmd=xreadgroup "))
            && l.split(' ')
                .any(|f| f.starts_with("flags=") && f.contains('b'))
    })
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_millis() as u64
}

/// An application event as its RedisStreamPublisher writes it, at `ms`.
fn event(key: &str, ms: u64, event_type: &str, extra: &str) -> Vec<String> {
    let job = key.rsplit(':').next().unwrap_or(key);
    let data = format!(
        "{{\"event_type\": \"{event_type}\", \"job_id\": \"{job}\", \"timestamp\": \"2026-11-23T11:05:37.409000\"{extra}}}"
    );
    [
        "XADD",
        key,
        &format!("{ms}-0"),
        "data",
        &data,
        "timestamp",
        "2026-11-23T11:05:37.409000",
        "event_type",
        event_type,
    ]
    .map(String::from)
    .to_vec()
}

fn publish(server: &RedisServer, key: &str, event_type: &str, ms: u64) {
    let mut args = event(key, ms, event_type, "");
    args[2] = "*".into();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    server.cli(&args);
}

/// The application's Redis: cache keys with TTLs and JSON values, per-user counters, and job
/// streams: 42 running (the README's examples), 41 completed, 9 failed, 7 stuck; the
/// `workers` group of job 42 has entries pending on w-1 for 30 minutes, `audit` reads new ones.
fn seed_app(server: &RedisServer) {
    let now = now_ms();
    let minute = 60_000;
    let mut cmds: Vec<Vec<String>> = vec![vec!["FLUSHALL".into()]];
    for i in 0..200 {
        cmds.push(
            [
                "SET",
                &format!(
                    "agent:cache:llm:{:016x}",
                    0x9e37_79b9_7f4a_7c15u64.wrapping_mul(i + 1)
                ),
                &format!(
                    "{{\"model\": \"qwen-max\", \"answer\": \"第{i}个回答\", \"tokens\": {i}}}"
                ),
                "EX",
                "3600",
            ]
            .map(String::from)
            .to_vec(),
        );
    }
    for user in 100..130 {
        cmds.push(vec![
            "SET".into(),
            format!("user:{user}:unread"),
            (user % 7).to_string(),
        ]);
        cmds.push(vec![
            "RPUSH".into(),
            format!("agent:cache:user:{user}:latest"),
            format!("{{\"message_id\": {user}}}"),
        ]);
    }
    let progress = ", \"progress\": \"正在分析用户需求\"";
    let key = "job_events:42";
    cmds.push(event(key, 1_795_431_937_000, "task_started", ""));
    cmds.push(event(key, 1_795_431_937_409, "task_progress", progress));
    cmds.push(event(key, now - 8 * minute, "task_progress", progress));
    cmds.push(event(
        key,
        now - 5 * minute,
        "task_failed",
        ", \"error\": \"LLM request timeout, retrying\"",
    ));
    cmds.push(event(key, now - 3 * minute, "outline_generated", ""));
    cmds.push(event(key, now - minute, "task_progress", progress));
    let old = now - 10 * 24 * 60 * minute;
    for (i, t) in [
        "task_started",
        "task_progress",
        "document_generated",
        "task_completed",
    ]
    .iter()
    .enumerate()
    {
        cmds.push(event("job_events:41", old + i as u64 * minute, t, ""));
    }
    cmds.push(event("job_events:9", now - 70 * minute, "task_started", ""));
    cmds.push(event(
        "job_events:9",
        now - 60 * minute,
        "task_failed",
        ", \"error\": \"document generation failed\"",
    ));
    cmds.push(event(
        "job_events:7",
        now - 130 * minute,
        "task_started",
        "",
    ));
    cmds.push(event(
        "job_events:7",
        now - 120 * minute,
        "task_progress",
        progress,
    ));
    for c in [
        "XGROUP CREATE job_events:42 workers 0",
        "XGROUP CREATECONSUMER job_events:42 workers w-2",
        "XREADGROUP GROUP workers w-1 COUNT 3 STREAMS job_events:42 >",
        "XGROUP CREATE job_events:42 audit $",
    ] {
        cmds.push(c.split(' ').map(String::from).collect());
    }
    pipe_load(server, &cmds);
    // Pending on w-1 for 30 minutes, as a worker that died.
    let first =
        [1_795_431_937_000u64, 1_795_431_937_409, now - 8 * minute].map(|ms| format!("{ms}-0"));
    let mut claim = vec!["XCLAIM", key, "workers", "w-1", "0"];
    claim.extend(first.iter().map(String::as_str));
    claim.extend(["IDLE", "1800000"]);
    server.cli(&claim);
}

fn seed_cluster(cluster: &Cluster) {
    for n in &cluster.nodes {
        n.cli(&["FLUSHALL"]);
    }
    let mut lines = String::new();
    for i in 0..60 {
        lines.push_str(&format!("SET agent:cache:llm:{i} \"{{}}\" EX 3600\n"));
    }
    cluster.feed(&lines);
}

/// The `messages` table of the application with a few rows (one receiver NULL).
fn seed_messages(db: &TestDb) {
    let mut rows = Vec::new();
    for id in 1..=40 {
        let receiver = if id == 13 {
            "NULL".to_string()
        } else {
            (id % 8 + 1).to_string()
        };
        rows.push(format!(
            "({id}, 1, {receiver}, 'title {id}', '内容 {id}', {}, '2026-11-2{} 10:00:00')",
            id % 3 == 0,
            id % 9
        ));
    }
    let insert = format!(
        "INSERT INTO messages (id, sender_id, receiver_id, title, content, is_read, created_at) VALUES {}",
        rows.join(", ")
    )
    .replace("true", "1")
    .replace("false", "0");
    db.exec(&[db.messages_ddl(), &insert]);
}

/// The subcommand path of a redkit argv (`stream group create`), as clap parses it.
fn subcommand_path(argv: &[String]) -> Result<String, String> {
    let matches = redkit::cli::command()
        .try_get_matches_from(argv)
        .map_err(|e| e.to_string())?;
    let mut path = Vec::new();
    let mut m = &matches;
    while let Some((name, sub)) = m.subcommand() {
        path.push(name.to_string());
        m = sub;
    }
    Ok(path.join(" "))
}

/// The line with benchmark sizes cut down (`-n`, `--duration`), unless it compares (a
/// comparison reruns the baseline's own parameters).
fn bench_sized(command: &str) -> String {
    if command.contains("--compare") {
        return command.to_string();
    }
    let mut words: Vec<String> = command.split(' ').map(String::from).collect();
    let mut sized = false;
    for i in 0..words.len().saturating_sub(1) {
        match words[i].as_str() {
            "-n" | "--requests" => {
                words[i + 1] = BENCH_REQUESTS.into();
                sized = true;
            }
            "--duration" => {
                words[i + 1] = BENCH_DURATION.into();
                sized = true;
            }
            _ => {}
        }
    }
    if !sized && let Some(at) = words.iter().position(|w| w == "bench") {
        words.insert(at + 1, format!("-n {BENCH_REQUESTS}"));
    }
    words.join(" ")
}

/// The lines of the README that call redkit, with their place.
fn redkit_lines() -> Vec<(readme::Line, Vec<String>)> {
    readme::command_lines(&readme::readme_text())
        .into_iter()
        .filter_map(|l| readme::redkit_argv(&l.command).map(|argv| (l, argv)))
        .collect()
}

#[test]
fn every_readme_command_line_runs() {
    let t0 = Instant::now();
    let found = |bin: &str| {
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .any(|d| d.join(bin).is_file())
    };
    for bin in ["script", "flock"] {
        assert!(
            found(bin),
            "{bin} not found on PATH: apt-get install util-linux bsdutils"
        );
    }
    let main = RedisServer::start();
    let (bench, tls, cluster, sentinel, maria) = std::thread::scope(|s| {
        let bench = s.spawn(RedisServer::start);
        let tls = s.spawn(|| {
            RedisServer::builder()
                .tls()
                .arg("user app on nopass ~* &* +@all")
                .start()
        });
        let cluster = s.spawn(|| Cluster::start(3, 0));
        let sentinel = s.spawn(|| Sentinel::start(main.port, "mymaster"));
        let maria = s.spawn(|| TestDb::new(Kind::Mariadb));
        (
            bench.join().expect("bench server"),
            tls.join().expect("TLS server"),
            cluster.join().expect("cluster"),
            sentinel.join().expect("sentinel"),
            maria.join().expect("MariaDB"),
        )
    });
    seed_messages(&maria);
    let mut shell = Shell::new();
    let ca = shell.path("etc/ssl/redis-ca.pem");
    std::fs::copy(&tls.tls.as_ref().expect("TLS files").ca, &ca).expect("copy CA");
    shell.rewrite("/etc/ssl/redis-ca.pem", &ca.display().to_string());
    shell.rewrite("redis.internal:6380", &tls.addr());
    shell.rewrite("10.0.0.1:7000", &cluster.nodes[0].addr());
    shell.rewrite("10.0.0.5:26379", &sentinel.addr());
    // The Compose healthcheck's Redis is the container's own; the unit's binary the one built.
    shell.rewrite("redis://localhost:6379", &main.url());
    shell.rewrite("/usr/local/bin/redkit", "redkit");
    // The README's MySQL hosts are the test's MariaDB; the replica of the lag check is the
    // primary itself (its heartbeat is read back at once).
    shell.rewrite("mysql://app@db.internal/app", &maria.url);
    shell.rewrite("mysql://app@db2.internal/app", &maria.url);
    shell.install("redkit.yaml", "home/.config/redkit/redkit.yaml", "");
    shell.install(
        "app.env",
        "srv/app/.env",
        &format!("REDIS_URL={}\nDATABASE_URL={}\n", main.url(), maria.url),
    );
    let sqlite = TestDb::new(Kind::Sqlite);
    seed_messages(&sqlite);
    let sqlite_file = sqlite.url.trim_start_matches("sqlite://");
    std::fs::copy(sqlite_file, shell.path("home/app.db")).expect("copy app.db");
    eprintln!("servers ready after {:?}", t0.elapsed());

    let mut used_rewrites = vec![false; shell.rewrites.len()];
    let mut used_known = vec![false; KNOWN_BROKEN.len()];
    let mut used_parse_only = vec![false; PARSE_ONLY.len()];
    let mut used_interactive = vec![false; INTERACTIVE.len()];
    let mut used_usage_errors = vec![false; USAGE_ERRORS.len()];
    let mut failures = Vec::new();
    let mut ran = 0;
    let mut section = None;
    for (n, (line, argv)) in redkit_lines().into_iter().enumerate() {
        let at = format!("README.md:{} ({})", line.number, line.command);
        let path = match subcommand_path(&argv) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{at}: does not parse:\n{e}"));
                continue;
            }
        };
        if let Some(i) = PARSE_ONLY
            .iter()
            .position(|(l, _)| line.command.contains(l))
        {
            used_parse_only[i] = true;
            continue;
        }
        // Each section's examples start from the application's data as seeded.
        if section.as_ref() != Some(&line.section) {
            seed_app(&main);
            seed_cluster(&cluster);
            bench.cli(&["FLUSHALL"]);
            section = Some(line.section.clone());
        }
        let (mut command, used) = shell.rewritten(&line.command);
        for i in used {
            used_rewrites[i] = true;
        }
        let mut env = Vec::new();
        if path == "bench" {
            command = bench_sized(&command);
            // The benchmark section's examples write and presume a server of their own (bench
            // refuses a database with other keys without --yes); those with --yes, and the
            // cron section's, go to the application's.
            if line.section.contains("redkit bench")
                && !argv.iter().any(|a| a == "--yes" || a == "-y")
            {
                env.push(("REDIS_URL", bench.url()));
            }
        }
        let act = INTERACTIVE
            .iter()
            .position(|(l, _)| line.command.contains(l))
            .map(|i| {
                used_interactive[i] = true;
                (INTERACTIVE[i].1, &main)
            });
        let started = Instant::now();
        shell.make_dirs(&command);
        // An operator types the lines of shell blocks at a terminal; cron, systemd and
        // container runtimes start theirs without one.
        let terminal = matches!(line.block.as_str(), "sh" | "bash" | "");
        let out = shell.run(n, &command, terminal, &env, act);
        ran += 1;
        let took = started.elapsed();
        eprintln!("{at}: exit {:?} in {took:.1?}", out.codes);
        let mut wrong = Vec::new();
        let allowed = documented_codes(&path);
        let usage_error = USAGE_ERRORS
            .iter()
            .position(|(l, _)| line.command.contains(l));
        if let Some(i) = usage_error {
            used_usage_errors[i] = true;
            if !out.codes.contains(&2) {
                wrong.push(format!(
                    "does not show the usage error it is listed for ({})",
                    USAGE_ERRORS[i].1
                ));
            }
        }
        let demonstrates_usage_error = usage_error.is_some();
        if out.timed_out {
            wrong.push(format!(
                "did not finish within {LINE_TIMEOUT:?} (a line that follows or watches needs an INTERACTIVE entry)"
            ));
        }
        if out.codes.is_empty() && !out.timed_out {
            wrong.push("redkit never ran".into());
        }
        for code in &out.codes {
            match code {
                101 => wrong.push("panicked (exit 101)".into()),
                2 if demonstrates_usage_error => {}
                2 => wrong.push("usage error (exit 2)".into()),
                c if !allowed.contains(c) => wrong.push(format!(
                    "exit {c}, not one the README documents for `{path}` ({allowed:?})"
                )),
                _ => {}
            }
        }
        if out.output().contains("panicked at") {
            wrong.push("panicked".into());
        }
        let quiet = argv.iter().any(|a| a == "-q" || a == "--quiet");
        if !terminal
            && quiet
            && !out.codes.is_empty()
            && out.codes.iter().all(|&c| c == 0)
            && !out.output().is_empty()
        {
            wrong.push(
                "printed something with -q although redkit succeeded (cron mails it, a service \
                 manager logs it)"
                    .into(),
            );
        }
        if line.block == "cron" && line.command.contains('%') {
            wrong.push("a `%` in a crontab line is a newline to cron".into());
        }
        let known = KNOWN_BROKEN
            .iter()
            .position(|(l, _)| line.command.contains(l));
        match (known, wrong.is_empty()) {
            (Some(i), true) => {
                used_known[i] = true;
                failures.push(format!(
                    "{at}: passes now; remove it from KNOWN_BROKEN ({})",
                    KNOWN_BROKEN[i].1
                ));
            }
            (Some(i), false) => {
                used_known[i] = true;
                eprintln!("{at}: known broken ({}): {}", KNOWN_BROKEN[i].1, wrong.join("; "));
            }
            (None, false) => failures.push(format!(
                "{at}\n  ran: {command}\n  {}\n  exit codes {:?} in {took:?}\n--- stdout\n{}--- stderr\n{}",
                wrong.join("\n  "),
                out.codes,
                out.stdout,
                out.stderr
            )),
            (None, true) => {}
        }
    }
    for (i, (from, _)) in shell.rewrites.iter().enumerate() {
        if !used_rewrites[i] && from != "/srv/app/" {
            failures.push(format!(
                "the rewrite of {from} matches no README line: remove it"
            ));
        }
    }
    for (list, used, name) in [
        (KNOWN_BROKEN, &used_known, "KNOWN_BROKEN"),
        (PARSE_ONLY, &used_parse_only, "PARSE_ONLY"),
        (USAGE_ERRORS, &used_usage_errors, "USAGE_ERRORS"),
    ] {
        for (i, (l, _)) in list.iter().enumerate() {
            if !used[i] {
                failures.push(format!("{name} lists `{l}`, which is no README line"));
            }
        }
    }
    for (i, (l, _)) in INTERACTIVE.iter().enumerate() {
        if !used_interactive[i] {
            failures.push(format!("INTERACTIVE lists `{l}`, which is no README line"));
        }
    }
    eprintln!("{ran} README lines ran in {:?}", t0.elapsed());
    assert!(ran > 50, "only {ran} README lines found");
    assert!(
        failures.is_empty(),
        "{} README lines fail:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The README's cron line(s) and shell lines of its "Running from cron" section that contain
/// `needle`.
fn cron_section_lines(block: &str, needle: &str) -> Vec<String> {
    readme::command_lines(&readme::readme_text())
        .into_iter()
        .filter(|l| {
            l.section == "Running from cron" && l.block == block && l.command.contains(needle)
        })
        .map(|l| l.command)
        .collect()
}

/// The stuck-jobs cron line tells "found stuck jobs" (1) from "could not check" (3), and says
/// nothing when all is well or when the previous run still holds the lock.
#[test]
fn cron_stuck_jobs_line_tells_stuck_jobs_from_a_failed_check() {
    let lines = cron_section_lines("cron", "stream jobs");
    assert_eq!(lines.len(), 1, "one cron line checks the jobs: {lines:?}");
    let server = RedisServer::start();
    let shell = Shell::new();
    shell.install("redkit.yaml", "home/.config/redkit/redkit.yaml", "");
    shell.install(
        "app.env",
        "srv/app/.env",
        &format!(
            "REDIS_URL={}\nDATABASE_URL=sqlite:///nonexistent.db\n",
            server.url()
        ),
    );
    let (command, _) = shell.rewritten(&lines[0]);
    let run = |n: usize, env: &[(&str, String)]| shell.run(n, &command, false, env, None);
    let now = now_ms();
    let mut done: Vec<Vec<String>> = ["task_started", "task_completed"]
        .iter()
        .enumerate()
        .map(|(i, t)| event("job_events:41", now - 60_000 + i as u64, t, ""))
        .collect();
    pipe_load(&server, &done);

    let ok = run(1, &[]);
    assert_eq!(ok.codes, [0], "{}", ok.output());
    assert_eq!(ok.output(), "", "nothing stuck: cron must get no mail");

    done = vec![event("job_events:7", now - 3_600_000, "task_progress", "")];
    pipe_load(&server, &done);
    let stuck = run(2, &[]);
    assert_eq!(stuck.codes, [1], "{}", stuck.output());
    assert!(stuck.output().contains("stuck"), "{}", stuck.output());
    assert!(!stuck.output().contains("could not"), "{}", stuck.output());

    let down = format!("redis://127.0.0.1:{}", free_port());
    let failed = run(3, &[("REDIS_URL", down)]);
    assert_eq!(failed.codes, [3], "{}", failed.output());
    let text = failed.output();
    assert!(
        text.contains("could not check") && text.contains("exit 3"),
        "Redis down must read as a failed check, not as stuck jobs:\n{text}"
    );

    // The previous run still holds the lock: skipped, silently.
    let lock = words_after(&command, "flock");
    let mut holder = Command::new("flock");
    holder
        .args([lock.as_str(), "sleep", "30"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    std::os::unix::process::CommandExt::process_group(&mut holder, 0);
    let mut holder = holder.spawn().expect("start flock");
    wait_until("the lock to be held", Duration::from_secs(10), || {
        Command::new("flock")
            .args(["-n", lock.as_str(), "true"])
            .status()
            .is_ok_and(|s| !s.success())
    });
    let skipped = run(4, &[]);
    let _ = Command::new("kill")
        .args(["-TERM", "--", &format!("-{}", holder.id())])
        .status();
    let _ = holder.wait();
    assert!(
        skipped.codes.is_empty(),
        "redkit ran although the lock was held"
    );
    assert_eq!(skipped.output(), "", "a skipped run is not a finding");
}

/// The lock file of a `flock [-n] [-E N] LOCK …` command.
fn words_after(command: &str, flock: &str) -> String {
    let w = readme::words(command);
    let mut i = w.iter().position(|x| x == flock).expect("a flock command") + 1;
    while w[i].starts_with('-') {
        i += if w[i] == "-E" { 2 } else { 1 };
    }
    w[i].clone()
}

/// The nightly benchmark runs on the application's database and writes nothing there: the
/// baseline the README saves is read-only, so the cron line neither refuses (exit 2) nor
/// leaves or removes a key.
#[test]
fn cron_bench_line_writes_nothing_into_the_application_database() {
    let saves = cron_section_lines("sh", "--save");
    assert_eq!(
        saves.len(),
        1,
        "the cron section shows how its bench baseline is saved: {saves:?}"
    );
    let nightly = cron_section_lines("cron", "bench --compare");
    assert_eq!(nightly.len(), 1, "{nightly:?}");
    let server = RedisServer::start();
    seed_app(&server);
    let shell = Shell::new();
    shell.install("redkit.yaml", "home/.config/redkit/redkit.yaml", "");
    shell.install(
        "app.env",
        "srv/app/.env",
        &format!(
            "REDIS_URL={}\nDATABASE_URL=sqlite:///nonexistent.db\n",
            server.url()
        ),
    );
    let keys = || {
        let mut k: Vec<String> = server.cli(&["--scan"]).lines().map(String::from).collect();
        k.sort();
        k
    };
    let writes = || {
        server
            .cli(&["INFO", "commandstats"])
            .lines()
            .filter(|l| {
                [
                    "set", "mset", "del", "unlink", "xadd", "hset", "lpush", "incr",
                ]
                .iter()
                .any(|c| l.starts_with(&format!("cmdstat_{c}:")))
            })
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let (keys_before, writes_before) = (keys(), writes());
    for (n, line) in [bench_sized(&saves[0]), nightly[0].clone()]
        .iter()
        .enumerate()
    {
        let (command, _) = shell.rewritten(line);
        shell.make_dirs(&command);
        let out = shell.run(n, &command, false, &[], None);
        assert!(
            matches!(out.codes.as_slice(), [0] | [1]),
            "{command}: exit {:?}\n{}",
            out.codes,
            out.output()
        );
        if line.contains("-q") && out.codes == [0] {
            assert_eq!(out.output(), "", "{command}: printed on success");
        }
    }
    assert_eq!(
        keys(),
        keys_before,
        "the benchmark changed the application's keys"
    );
    assert_eq!(writes(), writes_before, "the benchmark sent write commands");
}

/// The finder of README lines (shared with cli.rs): redkit wherever a line calls it, and the
/// command of each kind of block.
#[test]
fn redkit_is_found_wherever_a_line_calls_it() {
    let argv = |l: &str| readme::redkit_argv(l).map(|a| a.join(" "));
    assert_eq!(
        argv("flock -n -E 0 /tmp/x.lock redkit stream jobs -q; rc=$?; case $rc in 0) ;; esac"),
        Some("redkit stream jobs -q".into())
    );
    assert_eq!(
        argv("DATABASE_URL=mysql://h/app redkit migrate status   # runs"),
        Some("redkit migrate status".into())
    );
    assert_eq!(
        argv("cd /srv && /usr/local/bin/redkit ping || alert"),
        Some("redkit ping".into())
    );
    assert_eq!(
        argv("redkit bench --slo 'p99<2ms,ops>50000' > out.txt"),
        Some("redkit bench --slo p99<2ms,ops>50000".into())
    );
    assert_eq!(argv("echo redkit is here"), None);
    assert_eq!(argv("cargo run --release -- validate-env"), None);

    let text = "## Cron\n```cron\n# m h dom mon dow  command\n*/5 * * * *  flock -n /tmp/l redkit ping -q\n```\n\
                ### Units\n```ini\nExecStartPre=-/usr/local/bin/redkit -q wait\nExecStart=/srv/app\n```\n\
                ```yaml\nimage: example/redkit:1\nargs: [\"wait\", \"--max-wait\", \"5m\"]\n\
                test: [\"CMD\", \"redkit\", \"-u\", \"redis://h:1\", \"ping\"]\n```\n\
                ```\n$ redkit config\n redis.host  localhost\n```\n";
    let lines: Vec<(usize, String, String, String)> = readme::command_lines(text)
        .into_iter()
        .map(|l| (l.number, l.block, l.section, l.command))
        .collect();
    let want = [
        (4, "cron", "Cron", "flock -n /tmp/l redkit ping -q"),
        (8, "ini", "Units", "/usr/local/bin/redkit -q wait"),
        (9, "ini", "Units", "/srv/app"),
        (13, "yaml", "Units", "redkit wait --max-wait 5m"),
        (14, "yaml", "Units", "redkit -u redis://h:1 ping"),
        (17, "", "Units", "redkit config"),
    ];
    let want: Vec<(usize, String, String, String)> = want
        .iter()
        .map(|(n, b, s, c)| (*n, b.to_string(), s.to_string(), c.to_string()))
        .collect();
    assert_eq!(lines, want);
}
