//! `redkit stream jobs`: one row per job stream (`streams.match`, every master of a cluster)
//! with its state judged from the first and last entry only: `completed` or `failed` by the
//! last event, else `running`, or `stuck` when the last event is older than `--stuck-after`.
//! The two entries of a whole SCAN batch are asked for in one pipeline, so 100,000 jobs cost
//! a few hundred round trips, not 200,000.

use std::io::{self, Write};
use std::time::Duration;

use crate::output::Cell;
use clap::{Args, ValueEnum};
use serde::{Serialize, Serializer};

use super::entry::{Entry, paint, parse_entries, rfc3339_ms, summary};
use super::fast;
use super::id::{now_ms, parse_ago};
use super::name::{Name, NameRef};
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};
use crate::ops::scan::{KeyType, scan_typed};
use crate::output::Format;
use crate::output::escape::escape_str;
use crate::output::{Render, Ui};
use crate::redis::Node;

pub const EXAMPLES: &str = "\
Examples:
  redkit stream jobs                                   every job, most recently active first
  redkit stream jobs --state stuck,failed --since 1d
  redkit stream jobs -q --stuck-after 30m || alert     cron: exit 1 when a job is stuck
  redkit stream jobs --format ndjson | jq -r 'select(.state == \"failed\") | .job_id'
  redkit stream jobs --delete-finished --older-than 7d --dry-run   what would go
  redkit -q stream jobs --delete-finished --older-than 7d --yes    cron, quietly
  redkit stream jobs --expire 1d --older-than 7d --yes             a TTL instead

A job is the stream streams.job_key names (job_events:{job_id}); --match defaults to
streams.match (job_events:*). Its state comes from its last event: task_completed is
completed, task_failed is failed, anything else is running, or stuck when that event is
older than --stuck-after (streams.stuck_after in the config, default 15m). Exit 1 when a
listed job is stuck.";

#[derive(Debug, Args)]
pub struct JobsArgs {
    /// Key glob [default: streams.match from the config, job_events:*]
    #[arg(long = "match", value_name = "GLOB", value_parser = super::name::parser())]
    pub pattern: Option<Name>,

    /// A job whose last event is older than DUR and that has not finished is stuck
    /// [default: streams.stuck_after from the config, 15m]
    #[arg(long, value_name = "DUR", value_parser = crate::duration::clap_parse)]
    pub stuck_after: Option<Duration>,

    /// Only jobs in these states (repeat or separate with commas)
    #[arg(long, value_name = "STATE", value_delimiter = ',')]
    pub state: Vec<StateArg>,

    /// Only jobs with an event in the last DUR (30s, 10m, 2h, 7d)
    #[arg(long, value_name = "DUR")]
    pub since: Option<String>,

    /// Show only the N most recently active jobs (counts still cover every listed job)
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Order of the jobs: state (stuck, failed, running, completed), age (oldest last event
    /// first) or length (most events first) [default: most recent first; on a terminal,
    /// stuck jobs first]
    #[arg(long, value_enum, value_name = "ORDER")]
    pub sort: Option<SortArg>,

    /// Delete the streams of finished jobs (completed or failed) whose last event is older
    /// than --older-than; running and stuck jobs, and jobs with dead letters, are never touched
    #[arg(long, requires = "older_than")]
    pub delete_finished: bool,

    /// With --delete-finished or --expire: only jobs whose last event is older than DUR
    #[arg(long, value_name = "DUR", value_parser = crate::duration::clap_parse)]
    pub older_than: Option<Duration>,

    /// Instead of deleting, set this TTL on the finished jobs' streams (those without one)
    #[arg(long, value_name = "DUR", requires = "older_than", value_parser = crate::duration::clap_parse)]
    pub expire: Option<Duration>,

    /// With --delete-finished/--expire: at most N streams per second (keeps a busy server
    /// responsive)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub rate: Option<u64>,

    #[command(flatten)]
    pub confirm: crate::cmd::ConfirmArgs,
}

impl JobsArgs {
    /// Whether this run retires job streams (deletes or expires) rather than listing them.
    pub fn retires(&self) -> bool {
        self.delete_finished || self.expire.is_some()
    }
}

pub use crate::ops::jobs::JobState;
use crate::ops::natural::Natural;

/// `--sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    State,
    Age,
    Length,
}

/// How jobs are ranked (smaller first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Recent,
    StuckFirst,
    State,
    Age,
    Length,
}

impl Order {
    /// Which jobs a cut list kept, in words (the footer of `--limit`).
    fn shown(self) -> &'static str {
        match self {
            Order::Recent => "the most recent",
            Order::StuckFirst => "stuck first, then the most recent",
            Order::State => "by state",
            Order::Age => "the oldest",
            Order::Length => "the longest",
        }
    }
}

/// A job's rank under an order: (group, primary, name), smaller first; names in natural
/// order (`job_events:9` before `job_events:10`).
pub type Rank = (u8, i128, Natural);

impl Order {
    pub fn rank(self, j: &Job) -> Rank {
        let state = match j.state {
            JobState::Stuck => 0,
            JobState::Failed => 1,
            JobState::Running => 2,
            JobState::Completed => 3,
        };
        let recent = -i128::from(j.last_ms);
        let (group, primary) = match self {
            Order::Recent => (0, recent),
            Order::StuckFirst => (u8::from(j.state != JobState::Stuck), recent),
            Order::State => (state, recent),
            Order::Age => (0, i128::from(j.last_ms)),
            Order::Length => (0, -i128::from(j.length)),
        };
        (group, primary, Natural(j.stream.clone()))
    }
}

/// Where jobs go as the batches are judged: all kept (to sort), the top N, or written
/// straight out as ndjson (no sort, no limit: memory flat).
enum JobSink {
    All(Vec<Job>),
    Top(super::top::TopN<Rank, Job>),
    Stream(io::BufWriter<io::Stdout>),
}

/// `--state`: mapped onto `ops::jobs::JobState`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateArg {
    Running,
    Completed,
    Failed,
    Stuck,
}

impl From<StateArg> for JobState {
    fn from(s: StateArg) -> JobState {
        match s {
            StateArg::Running => JobState::Running,
            StateArg::Completed => JobState::Completed,
            StateArg::Failed => JobState::Failed,
            StateArg::Stuck => JobState::Stuck,
        }
    }
}

/// One job, kept small (100,000 of them are held to sort): times as milliseconds, text cut.
#[derive(Debug, Clone)]
pub struct Job {
    /// The key as Redis holds it (bytes: a key that is not UTF-8 is a job like any other).
    pub stream: Box<[u8]>,
    pub state: JobState,
    pub first_ms: u64,
    pub last_ms: u64,
    pub last_type: Option<Box<str>>,
    /// The last event's text, control characters escaped, up to `SUMMARY_KEPT` columns: the
    /// table cuts it to the terminal (`--wide` shows it whole); JSON keeps `SUMMARY_JSON`.
    pub summary: Box<str>,
    /// Entries (events) in the job's stream.
    pub length: u64,
    /// Entries in the job's dead-letter stream (KEY:dlq, {KEY}:dlq on a cluster).
    pub dead_letters: u64,
    /// The worst lag over the stream's consumer groups; None without groups.
    pub lag: Option<super::lag::Lag>,
}

/// Columns of a job's summary kept for the table: an error someone must read whole under
/// `--wide`, bounded so a huge progress field does not fill memory over many jobs.
const SUMMARY_KEPT: usize = 500;
/// Columns of the summary in JSON, as documented (`summary`: cut to 80 columns).
const SUMMARY_JSON: usize = 80;

/// The JSON's summary: the kept text cut to `SUMMARY_JSON` columns of a terminal.
fn json_summary(kept: &str) -> std::borrow::Cow<'_, str> {
    if crate::output::width::width(kept) <= SUMMARY_JSON {
        std::borrow::Cow::Borrowed(kept)
    } else {
        std::borrow::Cow::Owned(crate::output::width::truncate(kept, SUMMARY_JSON))
    }
}

/// The facts of a job as JSON shows them.
#[derive(Debug, Serialize)]
pub struct JobView<'a> {
    pub job_id: NameRef<'a>,
    pub stream: NameRef<'a>,
    pub state: JobState,
    pub started: String,
    pub last_event_type: Option<&'a str>,
    pub last_event: String,
    pub last_event_age_ms: u64,
    pub duration_ms: u64,
    pub summary: std::borrow::Cow<'a, str>,
    pub length: u64,
    pub dead_letters: u64,
    /// The worst group's lag: the age of the oldest entry some group has not been delivered
    /// (0 when caught up); null when the stream has no groups.
    pub group_lag_seconds: Option<f64>,
    /// The age of the oldest entry pending in any group; null when nothing is pending.
    pub oldest_pending_seconds: Option<f64>,
}

#[derive(Debug, Default, Serialize, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub running: u64,
    pub completed: u64,
    pub failed: u64,
    pub stuck: u64,
    /// Dead letters of every listed job.
    pub dead_letters: u64,
}

impl Counts {
    fn add(&mut self, s: JobState) {
        match s {
            JobState::Running => self.running += 1,
            JobState::Completed => self.completed += 1,
            JobState::Failed => self.failed += 1,
            JobState::Stuck => self.stuck += 1,
        }
    }

    fn total(&self) -> u64 {
        self.running + self.completed + self.failed + self.stuck
    }
}

#[derive(Debug)]
pub struct JobsReport {
    pub jobs: Vec<Job>,
    pub counts: Counts,
    pub now_ms: u64,
    pub stuck_after: Duration,
    /// `streams.job_key` split around `{job_id}`, to turn a stream name into a job id.
    pub key_parts: (String, String),
    /// Cluster masters (and slots) whose jobs could not be read.
    pub unreached: Vec<crate::redis::Unreached>,
    /// The order the jobs are in (what a cut list's footer says it kept).
    pub order: Order,
}

impl JobsReport {
    fn job_id<'a>(&self, stream: &'a [u8]) -> &'a [u8] {
        let (pre, post) = &self.key_parts;
        stream
            .strip_prefix(pre.as_bytes())
            .and_then(|s| s.strip_suffix(post.as_bytes()))
            .filter(|s| !s.is_empty())
            .unwrap_or(stream)
    }

    pub fn view<'a>(&self, j: &'a Job) -> JobView<'a> {
        let time = |ms: u64| String::from_utf8_lossy(&rfc3339_ms(ms)).into_owned();
        let end = match j.state {
            JobState::Completed | JobState::Failed => j.last_ms,
            _ => self.now_ms,
        };
        JobView {
            job_id: NameRef(self.job_id(&j.stream)),
            stream: NameRef(&j.stream),
            state: j.state,
            started: time(j.first_ms),
            last_event_type: j.last_type.as_deref(),
            last_event: time(j.last_ms),
            last_event_age_ms: self.now_ms.saturating_sub(j.last_ms),
            duration_ms: end.saturating_sub(j.first_ms),
            summary: json_summary(&j.summary),
            length: j.length,
            dead_letters: j.dead_letters,
            group_lag_seconds: j.lag.map(|l| l.lag_seconds),
            oldest_pending_seconds: j.lag.and_then(|l| l.oldest_pending_seconds),
        }
    }

    /// One JSON object per job, written as it is formatted (no list of values in memory).
    pub fn write_ndjson(&self, w: &mut dyn Write) -> io::Result<()> {
        for j in &self.jobs {
            serde_json::to_writer(&mut *w, &self.view(j))?;
            w.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl Serialize for JobsReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Jobs<'a>(&'a JobsReport);
        impl Serialize for Jobs<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.jobs.iter().map(|j| self.0.view(j)))
            }
        }
        let mut st = s.serialize_struct("JobsReport", 3)?;
        st.serialize_field("jobs", &Jobs(self))?;
        st.serialize_field("counts", &self.counts)?;
        st.serialize_field("unreached", &self.unreached)?;
        st.end()
    }
}

fn fmt_ms(ms: u64) -> String {
    crate::duration::format(Duration::from_millis(ms))
}

impl crate::output::Formats for JobsReport {}

impl Render for JobsReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        self.write_table(w, ui, false)
    }

    /// Under -q: the stuck jobs (what made it a problem) and the summary line.
    fn problems_table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        self.write_table(w, ui, true)
    }
}

impl JobsReport {
    fn write_table(&self, w: &mut dyn Write, ui: &Ui, only_stuck: bool) -> io::Result<()> {
        let shown: Vec<&Job> = self
            .jobs
            .iter()
            .filter(|j| !only_stuck || j.state == JobState::Stuck)
            .collect();
        // The dead-letter column only when some shown job has dead letters.
        let with_dlq = shown.iter().any(|j| j.dead_letters > 0);
        // The lag columns only when some shown job's stream has consumer groups.
        let with_lag = shown.iter().any(|j| j.lag.is_some());
        if !shown.is_empty() {
            let mut t = ui.table();
            let mut header = vec![
                "job".to_string(),
                "state".into(),
                crate::output::time::header("started"),
                "last event".into(),
                "age".into(),
                "duration".into(),
                "summary".into(),
            ];
            if with_lag {
                header.push("group lag".into());
                header.push("oldest pending".into());
            }
            if with_dlq {
                header.push("dead letters".into());
            }
            t.set_header(header);
            t.set_kind(6, crate::output::Kind::Text);
            for j in shown {
                let v = self.view(j);
                let state = if ui.color {
                    paint(&format!("task_{}", v.state.name()), v.state.name())
                } else {
                    v.state.name().to_string()
                };
                let state = if j.state == JobState::Stuck && ui.color {
                    ui.paint(v.state.name()).red().bold().to_string()
                } else {
                    state
                };
                let mut row = vec![
                    Cell::new(v.job_id),
                    Cell::new(state),
                    Cell::new(crate::output::time::compact_in(
                        j.first_ms,
                        self.now_ms,
                        &chrono::Local,
                    )),
                    Cell::new(escape_str(v.last_event_type.unwrap_or("-"))),
                    Cell::new(crate::output::time::ago(j.last_ms, self.now_ms)),
                    Cell::new(fmt_ms(v.duration_ms)),
                    Cell::new(&*j.summary),
                ];
                if with_lag {
                    row.push(Cell::new(super::lag::show(v.group_lag_seconds)));
                    row.push(Cell::new(super::lag::show(v.oldest_pending_seconds)));
                }
                if with_dlq {
                    row.push(Cell::new(j.dead_letters));
                }
                t.add_row(row);
            }
            writeln!(w, "{t}")?;
        }
        let c = &self.counts;
        writeln!(
            w,
            "{}: {} running, {} completed, {} failed, {} stuck (no event for {}){}",
            crate::output::number::plural(c.total(), "job"),
            c.running,
            c.completed,
            c.failed,
            c.stuck,
            crate::duration::format(self.stuck_after),
            if (self.jobs.len() as u64) < c.total() {
                format!("; {} shown, {}", self.jobs.len(), self.order.shown())
            } else {
                String::new()
            }
        )?;
        if c.dead_letters > 0 {
            writeln!(
                w,
                "{} in dead-letter streams (stream requeue puts them back)",
                crate::ops::units::count(c.dead_letters, "entry", "entries")
            )?;
        }
        Ok(())
    }
}

/// Judges a job by its last event: its outcome, or its age against `stuck_after`.
pub fn judge(last: &Entry, now_ms: u64, stuck_after: Duration) -> JobState {
    crate::ops::jobs::job_state(
        last.field("event_type"),
        now_ms.saturating_sub(last.id.ms),
        Some(stuck_after),
    )
}

fn job_of(stream: Name, first: &Entry, last: &Entry, now: u64, stuck: Duration) -> Job {
    let last_type = last
        .field("event_type")
        .map(|t| match std::str::from_utf8(t) {
            Ok(s) => s.into(),
            Err(_) => super::entry::escape(t).into(),
        });
    Job {
        stream: stream.0.into_boxed_slice(),
        state: judge(last, now, stuck),
        first_ms: first.id.ms,
        last_ms: last.id.ms,
        last_type,
        summary: summary(last, SUMMARY_KEPT).into(),
        length: 0,
        dead_letters: 0,
        lag: None,
    }
}

/// Whether a key is a dead-letter stream (`stream dlq`'s KEY:dlq or {KEY}:dlq): not a job.
pub fn is_dead_letter_stream(key: &[u8]) -> bool {
    key.ends_with(b":dlq")
}

/// The length, dead letters and group lag of each job: two pipelined XLENs per job of the
/// batch, then the lag rounds (`lag::batch_worst_lag`).
async fn count_dead_letters(
    node: &mut Node,
    jobs: &mut [Job],
    cluster: bool,
) -> anyhow::Result<()> {
    if jobs.is_empty() {
        return Ok(());
    }
    let mut p = redis::pipe();
    for j in jobs.iter() {
        let key = Name(j.stream.to_vec());
        p.cmd("XLEN").arg(&key);
        let dlq = super::dlq::default_dlq(&key, cluster).unwrap_or(key);
        p.cmd("XLEN").arg(dlq);
    }
    let replies: Vec<redis::Value> = node
        .pipe(&p)
        .await
        .map_err(crate::redis::ConnError::into_runtime)?;
    let mut it = replies.into_iter();
    for j in jobs.iter_mut() {
        // A key of another type answers WRONGTYPE: counted as 0.
        let (len, dl) = (it.next(), it.next());
        j.length = len
            .as_ref()
            .and_then(crate::redis::streams::uint_of)
            .unwrap_or(0);
        j.dead_letters = dl
            .as_ref()
            .and_then(crate::redis::streams::uint_of)
            .unwrap_or(0);
    }
    let keys: Vec<Name> = jobs.iter().map(|j| Name(j.stream.to_vec())).collect();
    let lags = super::lag::batch_worst_lag(node, &keys, now_ms()).await?;
    for (j, l) in jobs.iter_mut().zip(lags) {
        j.lag = l;
    }
    Ok(())
}

/// The first and last entry of each key, in one pipeline per batch.
async fn first_and_last(
    node: &mut Node,
    keys: &[Name],
) -> anyhow::Result<Vec<Option<(Entry, Entry)>>> {
    let mut p = redis::pipe();
    for k in keys {
        p.cmd("XRANGE").arg(k).arg("-").arg("+").arg("COUNT").arg(1);
        p.add_command(crate::redis::streams::last_entry_cmd(k));
    }
    let replies: Vec<redis::Value> = node
        .pipe(&p)
        .await
        .map_err(crate::redis::ConnError::into_runtime)?;
    let mut out = Vec::with_capacity(keys.len());
    let mut it = replies.into_iter();
    let mut names = keys.iter();
    while let (Some(a), Some(b), Some(key)) = (it.next(), it.next(), names.next()) {
        // A key deleted since the SCAN answers empty, one replaced by another type WRONGTYPE:
        // no job. Any other error reply (an ACL refusal) fails the run rather than hide jobs.
        let one = |v: redis::Value| -> anyhow::Result<Option<Entry>> {
            if let redis::Value::ServerError(e) = &v {
                if e.code() == "WRONGTYPE" {
                    return Ok(None);
                }
                return Err(exit::runtime(format!(
                    "{}: {}: {}",
                    node.addr,
                    key,
                    crate::output::escape::escape_str(&format!(
                        "{} {}",
                        e.code(),
                        e.details().unwrap_or("")
                    ))
                )));
            }
            Ok(parse_entries(v)
                .ok()
                .and_then(|mut e| (!e.is_empty()).then(|| e.swap_remove(0))))
        };
        out.push(one(a)?.zip(one(b)?));
    }
    Ok(out)
}

/// SCAN batches whose pipelines may be outstanding at once (each at most ~2,000 commands).
const BATCHES_IN_FLIGHT: usize = 3;

async fn joined(h: tokio::task::JoinHandle<anyhow::Result<Vec<Job>>>) -> anyhow::Result<Vec<Job>> {
    h.await
        .map_err(|e| exit::runtime(format!("reading job streams: {e}")))?
}

/// `--stuck-after`, else `streams.stuck_after`: one rule for `stream jobs` and `stream job`.
pub(super) fn stuck_after(ctx: &Ctx, flag: Option<Duration>) -> anyhow::Result<Duration> {
    if let Some(d) = flag {
        return Ok(d);
    }
    let s = &ctx.settings.stuck_after;
    crate::duration::parse(&s.value)
        .map_err(|e| exit::usage(format!("streams.stuck_after ({}): {e}", s.origin)))
}

pub async fn run(ctx: &Ctx, args: &JobsArgs) -> anyhow::Result<ExitStatus> {
    let stuck = stuck_after(ctx, args.stuck_after)?;
    if args.retires() {
        let guard = args.confirm.guard("stream jobs --delete-finished")?;
        let Some(older_than) = args.older_than else {
            return Err(exit::usage(
                "stream jobs: --delete-finished and --expire need --older-than DUR",
            ));
        };
        if !args.state.is_empty() || args.since.is_some() || args.limit.is_some() {
            return Err(exit::usage(
                "stream jobs: --state, --since and --limit select what is listed; \
                 --delete-finished and --expire take only finished jobs older than --older-than",
            ));
        }
        let r = super::retention::Retention {
            pattern: args
                .pattern
                .clone()
                .unwrap_or_else(|| Name::from(ctx.settings.stream_match.value.as_str())),
            older_than,
            expire: args.expire,
            stuck_after: stuck,
            rate: args.rate,
        };
        return super::retention::run(ctx, &r, &args.confirm, guard).await;
    }
    if args.confirm.dry_run || args.confirm.yes || args.rate.is_some() || args.older_than.is_some()
    {
        return Err(exit::usage(
            "stream jobs: --dry-run, --yes, --rate and --older-than go with --delete-finished or --expire",
        ));
    }
    let since = args
        .since
        .as_deref()
        .map(|s| parse_ago(s, "--since"))
        .transpose()?;
    let pattern = args
        .pattern
        .clone()
        .unwrap_or_else(|| Name::from(ctx.settings.stream_match.value.as_str()));
    let key_parts = match ctx.settings.job_key.value.split_once("{job_id}") {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => (String::new(), String::new()),
    };
    let target = ctx.target()?;
    let cluster = matches!(target.mode, crate::redis::Mode::Cluster(_));
    let now = now_ms();
    let order = match args.sort {
        Some(SortArg::State) => Order::State,
        Some(SortArg::Age) => Order::Age,
        Some(SortArg::Length) => Order::Length,
        // People at a terminal look for trouble first; scripts get the stable order.
        None if ctx.out.ui.stdout_tty && ctx.out.format == Format::Table => Order::StuckFirst,
        None => Order::Recent,
    };
    let mut counts = Counts::default();
    let mut sink = match args.limit {
        Some(n) => JobSink::Top(super::top::TopN::new(n)),
        None if args.sort.is_none() && ctx.out.format == Format::Ndjson && !ctx.out.quiet => {
            JobSink::Stream(io::BufWriter::with_capacity(256 * 1024, io::stdout()))
        }
        None => JobSink::All(Vec::new()),
    };
    // Views of jobs (ndjson as it goes) need the report's context, not its list.
    let viewer = JobsReport {
        jobs: Vec::new(),
        counts: Counts::default(),
        now_ms: now,
        stuck_after: stuck,
        key_parts: key_parts.clone(),
        unreached: Vec::new(),
        order,
    };
    let mut take = |batch: Vec<Job>| -> anyhow::Result<()> {
        for j in batch {
            counts.add(j.state);
            counts.dead_letters += j.dead_letters;
            match &mut sink {
                JobSink::All(v) => v.push(j),
                JobSink::Top(t) => t.push(order.rank(&j), j),
                JobSink::Stream(w) => {
                    serde_json::to_writer(&mut *w, &viewer.view(&j))?;
                    w.write_all(b"\n")?;
                }
            }
        }
        Ok(())
    };
    // Each SCAN batch's pipeline runs (and is parsed and judged) in a task of its own while the
    // next SCAN goes out; a few batches in flight keep both the server and the client busy.
    let mut in_flight: std::collections::VecDeque<
        tokio::task::JoinHandle<anyhow::Result<Vec<Job>>>,
    > = std::collections::VecDeque::new();
    let states: std::sync::Arc<Vec<JobState>> =
        std::sync::Arc::new(args.state.iter().map(|s| JobState::from(*s)).collect());
    let masters = target.masters().await?;
    for mut node in masters.nodes {
        // Replies are framed in place on raw RESP connections to this master (one per batch in
        // flight, TLS or not), which costs a fraction of redis-rs's value trees.
        let pool = fast::Pool::open(&target, &node.endpoint).await;
        scan_typed(
            &mut node,
            pattern.as_bytes(),
            KeyType::Stream,
            async |n: &mut Node, keys: Vec<Name>| {
                let mut n = n.clone();
                let states = states.clone();
                let pool = pool.clone();
                in_flight.push_back(tokio::spawn(async move {
                    let found = match &pool {
                        Some(pool) => {
                            let mut c = pool.take().await?;
                            let found = fast::first_and_last(&mut c, &keys).await?;
                            pool.put(c);
                            found
                        }
                        None => first_and_last(&mut n, &keys).await?,
                    };
                    let mut out = Vec::with_capacity(keys.len());
                    for (k, fl) in keys.into_iter().zip(found) {
                        let Some((first, last)) = fl else { continue };
                        if is_dead_letter_stream(k.as_bytes()) {
                            continue;
                        }
                        if since.is_some_and(|s| last.id.ms < s.ms) {
                            continue;
                        }
                        let job = job_of(k, &first, &last, now, stuck);
                        if states.is_empty() || states.contains(&job.state) {
                            out.push(job);
                        }
                    }
                    count_dead_letters(&mut n, &mut out, cluster).await?;
                    Ok(out)
                }));
                if in_flight.len() >= BATCHES_IN_FLIGHT
                    && let Some(h) = in_flight.pop_front()
                {
                    take(joined(h).await?)?;
                }
                Ok(())
            },
        )
        .await?;
    }
    while let Some(h) = in_flight.pop_front() {
        take(joined(h).await?)?;
    }
    let jobs = match sink {
        JobSink::Stream(mut w) => {
            w.flush()?;
            if let Some(e) = crate::redis::unreached_error(&masters.unreached) {
                return Err(e);
            }
            return Ok(crate::cmd::problem_if(counts.stuck > 0));
        }
        JobSink::Top(t) => t.into_sorted(),
        JobSink::All(mut v) => {
            v.sort_by_cached_key(|j| order.rank(j));
            v
        }
    };
    let report = JobsReport {
        jobs,
        counts,
        now_ms: now,
        stuck_after: stuck,
        key_parts,
        unreached: masters.unreached,
        order,
    };
    let status = crate::cmd::problem_if(counts.stuck > 0);
    let gap = crate::redis::unreached_error(&report.unreached);
    if ctx.out.quiet && status == ExitStatus::Success && gap.is_none() {
        return Ok(status);
    }
    if ctx.out.format == Format::Ndjson {
        let stdout = io::stdout();
        let mut w = io::BufWriter::with_capacity(256 * 1024, stdout.lock());
        report.write_ndjson(&mut w)?;
        w.flush()?;
    } else {
        ctx.out
            .emit_outcome(&report, status == ExitStatus::Success && gap.is_none())?;
    }
    // Jobs on an unreached master are unknown: a runtime failure (exit 3), named.
    if let Some(e) = gap {
        return Err(e);
    }
    Ok(status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::stream::id::StreamId;

    fn e(ms: u64, t: &str) -> Entry {
        Entry {
            id: StreamId { ms, seq: 0 },
            fields: vec![(b"event_type".to_vec(), t.as_bytes().to_vec())],
        }
    }

    #[test]
    fn table_lists_each_job_and_the_counts_and_problems_table_only_the_stuck() {
        let job = |key: &str, state, last_type: &str| Job {
            stream: key.as_bytes().into(),
            state,
            first_ms: 1_000,
            last_ms: 61_000,
            last_type: Some(last_type.into()),
            summary: "resize images".into(),
            length: 2,
            dead_letters: 0,
            lag: None,
        };
        let r = JobsReport {
            jobs: vec![
                job("job_events:7", JobState::Completed, "task_completed"),
                job("job_events:8", JobState::Stuck, "task_progress"),
            ],
            counts: Counts {
                running: 0,
                completed: 1,
                failed: 0,
                stuck: 1,
                dead_letters: 0,
            },
            now_ms: 181_000,
            stuck_after: Duration::from_secs(60),
            key_parts: ("job_events:".into(), String::new()),
            unreached: vec![],
            order: Order::Recent,
        };
        let text = crate::cmd::table_of(&r);
        let words = |job: &str| -> Vec<String> {
            let line = text
                .lines()
                .find(|l| l.split_whitespace().next() == Some(job));
            line.map(|l| l.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default()
        };
        // The job id is the key without streams.job_key's parts.
        let done = words("7");
        assert_eq!(done.get(1).map(String::as_str), Some("completed"), "{text}");
        assert!(
            text.contains("task_completed") && text.contains("resize images"),
            "{text}"
        );
        let stuck = words("8");
        assert_eq!(stuck.get(1).map(String::as_str), Some("stuck"), "{text}");
        assert_eq!(
            text.lines().last(),
            Some("2 jobs: 0 running, 1 completed, 0 failed, 1 stuck (no event for 1m)")
        );
        let quiet = crate::cmd::problems_table_of(&r);
        assert!(
            quiet.contains("stuck") && !quiet.contains("task_completed"),
            "{quiet}"
        );
    }

    #[test]
    fn orders_rank_jobs_as_asked() {
        let job = |name: &str, state, last_ms, length| Job {
            stream: name.as_bytes().into(),
            state,
            first_ms: 0,
            last_ms,
            last_type: None,
            summary: "".into(),
            length,
            dead_letters: 0,
            lag: None,
        };
        let jobs = vec![
            job("a", JobState::Completed, 300, 1),
            job("b", JobState::Stuck, 100, 5),
            job("c", JobState::Failed, 200, 9),
            job("d", JobState::Running, 400, 3),
        ];
        let by = |o: Order| {
            let mut v: Vec<&Job> = jobs.iter().collect();
            v.sort_by_key(|j| o.rank(j));
            v.iter()
                .map(|j| std::str::from_utf8(&j.stream).unwrap().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(by(Order::Recent), ["d", "a", "c", "b"]);
        assert_eq!(by(Order::StuckFirst), ["b", "d", "a", "c"]);
        assert_eq!(by(Order::State), ["b", "c", "d", "a"]);
        assert_eq!(by(Order::Age), ["b", "c", "a", "d"]);
        assert_eq!(by(Order::Length), ["c", "b", "d", "a"]);
        // Ties go by name, counting as people do.
        let ties = [
            job("job_events:10", JobState::Running, 100, 1),
            job("job_events:9", JobState::Running, 100, 1),
        ];
        let mut v: Vec<&Job> = ties.iter().collect();
        v.sort_by_key(|j| Order::Recent.rank(j));
        assert_eq!(&*v[0].stream, b"job_events:9");
        // --limit keeps the same first N as a full sort.
        let mut t = crate::cmd::stream::top::TopN::new(2);
        for j in &jobs {
            t.push(Order::State.rank(j), j.stream.clone());
        }
        assert_eq!(
            t.into_sorted(),
            vec![
                b"b".to_vec().into_boxed_slice(),
                b"c".to_vec().into_boxed_slice()
            ]
        );
    }

    #[test]
    fn states_from_the_last_event_and_its_age() {
        let m = Duration::from_secs(60);
        let now = 1_000_000;
        assert_eq!(
            judge(&e(now - 10, "task_completed"), now, m),
            JobState::Completed
        );
        assert_eq!(judge(&e(1, "task_failed"), now, m), JobState::Failed);
        assert_eq!(
            judge(&e(now - 60_000, "task_progress"), now, m),
            JobState::Running
        );
        assert_eq!(
            judge(&e(now - 60_001, "task_progress"), now, m),
            JobState::Stuck
        );
    }
}
