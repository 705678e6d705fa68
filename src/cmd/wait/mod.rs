//! `redkit wait`: block until the service's dependencies (Redis, the database) are ready, for
//! start-up scripts, Compose healthchecks, systemd `ExecStartPre` and Kubernetes init
//! containers. Exit 0 when ready, 3 with one line naming what is not ready after `--max-wait`.

use crate::ops::probe;

use std::io::{self, Write};
use std::time::{Duration, Instant};

use clap::Args;
use serde::Serialize;

use crate::cmd::Ctx;
use crate::db::DbUrl;
use crate::duration;
use crate::exit::{self, ExitStatus};
use crate::output::Format;
use crate::output::{Render, Ui, progress};
use crate::redis::Target;
use crate::settings::{RedisSettings, Source};

pub const EXAMPLES: &str = "\
Examples:
  redkit wait && exec ./app                     Redis and DATABASE_URL, whichever are configured
  redkit wait --redis --max-wait 2m -u redis://cache:6379
  redkit wait --database --interval 500ms       only the database of DATABASE_URL
  redkit wait --cluster -u redis://10.0.0.1:7000     every slot served
  redkit wait -q --max-wait 0                   one check, silent when ready (healthchecks)

Ready means: Redis answers PING without LOADING, BUSY or MASTERDOWN (a cluster: cluster_state:ok
and every slot served; through Sentinel: the named master answers as master); the database of
DATABASE_URL or migrate.database_url accepts a connection and SELECT 1. --timeout bounds each
connect and reply; --max-wait bounds the whole wait. Only what is not there yet is waited for
(refused, unreachable, LOADING, a missing SQLite file, a database starting up); an answer that
says no (a wrong password, NOPERM) ends the wait at once, naming it.
Exit codes: 0 ready, 2 usage or configuration error, 3 not ready in time or refused (the line
names what), 130 interrupted.";

#[derive(Debug, Args)]
pub struct WaitArgs {
    /// Wait for Redis (with --database: both) [default: each that is configured]
    #[arg(long)]
    pub redis: bool,

    /// Wait for the database of DATABASE_URL or migrate.database_url
    #[arg(long)]
    pub database: bool,

    /// Give up after this long and exit 3 naming what is not ready (0: check once)
    #[arg(long, value_name = "DUR", default_value = "60s", value_parser = duration::clap_parse)]
    pub max_wait: Duration,

    /// Time between attempts
    #[arg(long, value_name = "DUR", default_value = "1s", value_parser = duration::clap_parse_positive)]
    pub interval: Duration,
}

/// One dependency and how it fared.
#[derive(Debug, Clone, Serialize)]
pub struct Dependency {
    /// `redis` or `database`.
    pub kind: &'static str,
    /// The address or URL, masked.
    pub target: String,
    pub ready: bool,
    /// Seconds from the start until it was first seen ready.
    pub ready_after_s: Option<f64>,
    /// Why it is not ready (the last attempt), in plain words.
    pub reason: Option<String>,
    /// The server's answer was a no (wrong password, NOPERM, no such database): the wait
    /// ended at once instead of retrying.
    pub definitive: bool,
}

#[derive(Debug, Serialize)]
pub struct WaitReport {
    pub ready: bool,
    pub waited_s: f64,
    /// The most attempts any one dependency made (each is probed on its own schedule).
    pub attempts: u32,
    pub dependencies: Vec<Dependency>,
}

impl WaitReport {
    /// The one line naming what is still not ready.
    fn not_ready_line(&self) -> String {
        let what: Vec<String> = self
            .dependencies
            .iter()
            .filter(|d| !d.ready)
            .map(|d| {
                // A reason names its target; one not probed to an answer yet is named here.
                let reason = match &d.reason {
                    Some(r) => r.clone(),
                    None => format!("{}: no answer yet", d.target),
                };
                format!(
                    "{} {}{}",
                    d.kind,
                    reason,
                    if d.definitive {
                        " (a final answer: not retried)"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        let waited = duration::format(Duration::from_secs_f64(self.waited_s));
        if self.dependencies.iter().any(|d| d.definitive) {
            return format!("not ready (after {waited}): {}", what.join("; "));
        }
        format!("not ready after {waited}: {}", what.join("; "))
    }
}

impl crate::output::Formats for WaitReport {
    const FORMATS: &'static [Format] = &[Format::Table, Format::Json];
}

impl Render for WaitReport {
    fn table(&self, w: &mut dyn Write, _ui: &Ui) -> io::Result<()> {
        if !self.ready {
            return writeln!(w, "{}", self.not_ready_line());
        }
        let what: Vec<String> = self
            .dependencies
            .iter()
            .map(|d| {
                format!(
                    "{} {} ({})",
                    d.kind,
                    d.target,
                    duration::format(Duration::from_secs_f64(d.ready_after_s.unwrap_or(0.0)))
                )
            })
            .collect();
        writeln!(w, "ready: {}", what.join(", "))
    }
}

/// Whether any Redis setting was given (a URL, host, port, Sentinel or cluster), as opposed to
/// the built-in localhost:6379.
fn redis_configured(r: &RedisSettings) -> bool {
    r.urls.is_some()
        || r.sentinel.is_some()
        || r.cluster.value
        || r.host.source != Source::Default
        || r.port.source != Source::Default
}

/// What to probe, resolved before the first attempt (so a bad URL is a usage error at once).
enum Probe {
    Redis(Box<Target>),
    Database(DbUrl),
}

impl Probe {
    async fn attempt(&self, timeout: Duration) -> Result<(), probe::NotReady> {
        match self {
            Probe::Redis(t) => probe::redis(t).await.map(|_| ()),
            Probe::Database(u) => probe::database(u, timeout).await,
        }
    }
}

fn plan(ctx: &Ctx, args: &WaitArgs) -> anyhow::Result<Vec<(Probe, Dependency)>> {
    let db_url = ctx.settings.database_url.as_ref();
    let (want_redis, want_db) = match (args.redis, args.database) {
        (false, false) => {
            let redis = ctx.settings.redis_error.is_some() || redis_configured(&ctx.settings.redis);
            // Nothing configured at all: the application's default Redis.
            (redis || db_url.is_none(), db_url.is_some())
        }
        chosen => chosen,
    };
    let mut out = Vec::new();
    let dep = |kind, target: String| Dependency {
        kind,
        target,
        ready: false,
        ready_after_s: None,
        reason: None,
        definitive: false,
    };
    if want_redis {
        let t = ctx.target()?;
        let name = t.describe();
        out.push((Probe::Redis(Box::new(t)), dep("redis", name)));
    }
    if want_db {
        let url = match db_url {
            Some(s) => DbUrl::parse(s.value.expose(), &s.origin)?,
            None => {
                return Err(exit::usage(
                    "--database: no database configured (set DATABASE_URL or migrate.database_url)",
                ));
            }
        };
        let name = url.masked.clone();
        out.push((Probe::Database(url), dep("database", name)));
    }
    Ok(out)
}

pub async fn run(ctx: &Ctx, args: &WaitArgs) -> anyhow::Result<ExitStatus> {
    let mut deps = plan(ctx, args)?;
    let redis = ctx.settings.redis();
    let (connect_timeout, timeout) = match redis {
        Ok(r) => (r.connect_timeout.value, r.timeout.value),
        Err(_) => (Duration::from_secs(5), Duration::from_secs(5)),
    };
    let started = Instant::now();
    let deadline = started + args.max_wait;
    let pb = progress::bar(&ctx.out, None, "{spinner} {msg}");
    let (probes, deps): (Vec<Probe>, Vec<Dependency>) = deps.drain(..).unzip();
    // Each dependency is probed on its own schedule and records the instant its own probe
    // answered: a fast one is not held to the pace (or the ready time) of a silent one. All
    // run on this one task, so they share the state through a RefCell, never held across an
    // await.
    let state = std::cell::RefCell::new(deps);
    let attempts = std::cell::Cell::new(0u32);
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let stopped = || {
        let mut rx = stop_rx.clone();
        async move {
            let _ = rx.wait_for(|s| *s).await;
        }
    };
    let watch = |i: usize| {
        let (state, attempts, stop_tx, pb) = (&state, &attempts, &stop_tx, &pb);
        let p = &probes[i];
        async move {
            let mut tries = 0u32;
            loop {
                if *stop_tx.borrow() {
                    return;
                }
                let left = deadline.saturating_duration_since(Instant::now());
                // At the deadline only what never became ready gets its last chance: what was
                // ready stays ready unless a probe gets a real answer saying otherwise, and
                // the ~1 ms left is no time to ask.
                let last_round = !args.max_wait.is_zero() && left.is_zero();
                if last_round && state.borrow()[i].ready {
                    return;
                }
                // Each attempt ends at the deadline, so --max-wait holds against a silent
                // server; a single check (--max-wait 0) gets the connect and reply timeouts.
                let bound = if args.max_wait.is_zero() {
                    connect_timeout + timeout
                } else {
                    left.max(Duration::from_millis(1))
                };
                let r = tokio::select! {
                    r = tokio::time::timeout(bound, p.attempt(timeout)) => r.ok(),
                    () = stopped() => {
                        // Cut short by the end of the wait: as an attempt cut by the deadline.
                        let at = started.elapsed();
                        update(ctx, args, &mut state.borrow_mut()[i], None, at, tries + 1);
                        return;
                    }
                };
                let at = started.elapsed();
                tries += 1;
                attempts.set(attempts.get().max(tries));
                {
                    let mut deps = state.borrow_mut();
                    update(ctx, args, &mut deps[i], r, at, tries);
                    let all_ready = deps.iter().all(|d| d.ready);
                    let refused = deps.iter().any(|d| d.definitive);
                    if all_ready || refused || Instant::now() >= deadline {
                        let _ = stop_tx.send(true);
                        return;
                    }
                    let waiting: Vec<String> = deps
                        .iter()
                        .filter(|d| !d.ready)
                        .map(|d| format!("{} {}", d.kind, d.reason.as_deref().unwrap_or("")))
                        .collect();
                    pb.set_message(format!(
                        "waiting {} of {}: {}",
                        duration::format(started.elapsed()),
                        duration::format(args.max_wait),
                        waiting.join("; ")
                    ));
                }
                if last_round {
                    return;
                }
                let pause = args
                    .interval
                    .min(deadline.saturating_duration_since(Instant::now()));
                tokio::select! {
                    () = tokio::time::sleep(pause) => {}
                    () = stopped() => return,
                }
            }
        }
    };
    // Ctrl-C (or SIGTERM) ends the wait as `cache flush` ends its work: the spinner is
    // cleared, what is not ready yet is said, exit 130 (review-21 F5).
    let interrupted = tokio::select! {
        _ = futures::future::join_all((0..probes.len()).map(watch)) => false,
        () = crate::signal::interrupted() => true,
    };
    pb.finish_and_clear();
    let deps = state.into_inner();
    let all_ready = deps.iter().all(|d| d.ready);
    let refused = deps.iter().any(|d| d.definitive);
    let report = WaitReport {
        ready: all_ready,
        waited_s: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
        attempts: attempts.get(),
        dependencies: deps,
    };
    if interrupted {
        if ctx.out.format == Format::Json {
            ctx.out.emit(&report)?;
        }
        ctx.out
            .problem(format!("redkit: interrupted; {}", report.not_ready_line()));
        return Ok(ExitStatus::Interrupted);
    }
    if all_ready && !refused {
        if !ctx.out.quiet {
            ctx.out.emit(&report)?;
        }
        return Ok(ExitStatus::Success);
    }
    if ctx.out.format == Format::Json {
        ctx.out.emit(&report)?;
    }
    Err(exit::runtime(report.not_ready_line()))
}

/// One attempt's outcome, `at` the instant its own probe finished (None: cut short by the
/// deadline, no answer either way).
fn update(
    ctx: &Ctx,
    args: &WaitArgs,
    d: &mut Dependency,
    r: Option<Result<(), probe::NotReady>>,
    at: Duration,
    tries: u32,
) {
    match r {
        // Cut short while ready: it stays ready.
        None if d.ready => {}
        // Silence is no answer either way.
        Some(Err(e)) if d.ready && e.silent => {}
        Some(Ok(())) => {
            if !d.ready {
                d.ready = true;
                d.ready_after_s
                    .get_or_insert((at.as_secs_f64() * 1000.0).round() / 1000.0);
                d.reason = None;
                if !ctx.out.progress_allowed() && tries > 1 {
                    ctx.out.note(format!(
                        "redkit: {} {} ready after {}",
                        d.kind,
                        d.target,
                        duration::format(at)
                    ));
                }
            }
        }
        failure => {
            // An attempt cut short by the deadline keeps the last known reason.
            let (reason, definitive) = match failure {
                Some(Err(e)) => (e.reason, e.definitive),
                _ => (
                    d.reason.clone().unwrap_or_else(|| {
                        format!(
                            "{}: no answer within --max-wait {}",
                            d.target,
                            duration::format(args.max_wait)
                        )
                    }),
                    false,
                ),
            };
            let changed = d.ready || d.reason.as_deref() != Some(reason.as_str());
            d.ready = false;
            d.ready_after_s = None;
            d.reason = Some(reason.clone());
            d.definitive = definitive;
            if changed && !ctx.out.progress_allowed() && !definitive {
                ctx.out
                    .note(format!("redkit: waiting for {} {reason}", d.kind));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dep(kind: &'static str, target: &str, ready_after_s: Option<f64>) -> Dependency {
        Dependency {
            kind,
            target: target.into(),
            ready: ready_after_s.is_some(),
            ready_after_s,
            reason: None,
            definitive: false,
        }
    }

    #[test]
    fn ready_table_is_one_line_naming_each_dependency() {
        let r = WaitReport {
            ready: true,
            waited_s: 1.2,
            attempts: 3,
            dependencies: vec![
                dep("redis", "127.0.0.1:6379", Some(0.25)),
                dep("database", "postgres://app:***@db/app", Some(1.2)),
            ],
        };
        assert_eq!(
            crate::cmd::table_of(&r),
            "ready: redis 127.0.0.1:6379 (250ms), database postgres://app:***@db/app (1.2s)\n"
        );
    }

    #[test]
    fn not_ready_table_names_what_is_missing_and_a_final_answer() {
        let mut redis = dep("redis", "127.0.0.1:6379", None);
        redis.reason = Some("connection refused".into());
        let mut r = WaitReport {
            ready: false,
            waited_s: 30.0,
            attempts: 30,
            dependencies: vec![redis, dep("database", "sqlite:app.db", Some(0.1))],
        };
        assert_eq!(
            crate::cmd::table_of(&r),
            "not ready after 30s: redis connection refused\n"
        );
        r.dependencies[0].definitive = true;
        r.dependencies[0].reason = Some("WRONGPASS".into());
        assert_eq!(
            crate::cmd::table_of(&r),
            "not ready (after 30s): redis WRONGPASS (a final answer: not retried)\n"
        );
    }
}
