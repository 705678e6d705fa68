//! The previous run's counters (`health --state FILE`): one sample per node (its run id, uptime,
//! the lifetime counters rates are computed from, and when they were read), kept in a JSON file
//! written atomically and merged under a lock, so two runs at once both leave a valid file.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::probe::Info;
use crate::output::write_atomic;

/// The INFO counters a rate is computed from (lifetime totals since the server started).
pub const COUNTERS: &[&str] = &[
    "evicted_keys",
    "rejected_connections",
    "expired_keys",
    "total_error_replies",
    "sync_full",
    "sync_partial_ok",
    "sync_partial_err",
    "keyspace_hits",
    "keyspace_misses",
    "master_repl_offset",
    "total_commands_processed",
];

/// `MOVED` and `ASK` replies (INFO errorstats): error replies by the protocol, not failures
/// (every cluster client learns the slot map by them), kept apart so `error_replies` judges the
/// rest.
pub const REDIRECTIONS: &str = "cluster_redirections";

/// The redirections a server has answered, when it counts error replies at all.
fn redirections(info: &Info) -> Option<f64> {
    info.num("total_error_replies")?;
    let count = |k: &str| {
        info.get(k)
            .and_then(|v| v.strip_prefix("count="))
            .and_then(|n| n.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    Some(count("errorstat_MOVED") + count("errorstat_ASK"))
}

/// One node's counters at one time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// Unix time in seconds (with milliseconds) when INFO was read.
    pub at: f64,
    /// The server's `run_id`: a new one means the server restarted and the counters with it.
    #[serde(default)]
    pub run_id: String,
    #[serde(default)]
    pub uptime: f64,
    #[serde(default)]
    pub counters: BTreeMap<String, f64>,
    /// The time of each LATENCY LATEST event as last seen, so a spike is reported once.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub events: BTreeMap<String, i64>,
}

impl Sample {
    pub fn of_info(info: &Info, at: f64) -> Sample {
        Sample {
            at,
            run_id: info.get("run_id").unwrap_or_default().to_string(),
            uptime: info.num("uptime_in_seconds").unwrap_or(0.0),
            counters: COUNTERS
                .iter()
                .filter_map(|k| Some((k.to_string(), info.num(k)?)))
                .chain(redirections(info).map(|n| (REDIRECTIONS.to_string(), n)))
                .collect(),
            events: BTreeMap::new(),
        }
    }
}

/// What the previous sample of a node says about now.
#[derive(Debug, Clone, PartialEq)]
pub enum Baseline<'a> {
    /// No sample of this node yet (first run, or a new node).
    None,
    /// The server restarted since (why, in words): its counters started over.
    Restarted(&'static str),
    /// The previous sample cannot be judged against (dated in the future, no interval,
    /// counters that went back without a restart): why, in words. This run's sample replaces it.
    Invalid(String),
    /// The previous sample and the seconds since it.
    Since(&'a Sample, f64),
}

impl<'a> Baseline<'a> {
    pub fn of(prev: Option<&'a Sample>, now: &Sample) -> Baseline<'a> {
        let Some(p) = prev else {
            return Baseline::None;
        };
        let secs = now.at - p.at;
        if !p.at.is_finite() || !secs.is_finite() {
            return Baseline::Invalid("previous sample has no valid time".into());
        }
        if secs < 0.0 {
            // Clock skew, or a state file copied from another machine: a sample from the
            // future would otherwise be kept (it is "newer") and silence the rates for good.
            return Baseline::Invalid(format!(
                "previous sample is from the future (read at {}, {} after this run)",
                utc(p.at),
                crate::duration::format(std::time::Duration::from_secs_f64(-secs))
            ));
        }
        if !p.run_id.is_empty() && !now.run_id.is_empty() && p.run_id != now.run_id {
            return Baseline::Restarted("run id changed");
        }
        if now.uptime < p.uptime {
            return Baseline::Restarted("uptime went back");
        }
        if secs == 0.0 {
            return Baseline::Invalid("previous sample was read at the same instant".into());
        }
        // Lifetime counters only grow while the server runs; one that went back without a
        // restart (CONFIG RESETSTAT, or a sample of another server) gives no increase to judge.
        if let Some((k, a, b)) = p.counters.iter().find_map(|(k, a)| {
            let b = now.counters.get(k)?;
            (b < a).then_some((k, a, b))
        }) {
            return Baseline::Invalid(format!(
                "counters went down without a restart ({k} {} to {}; CONFIG RESETSTAT?)",
                crate::output::number::sig3(*a),
                crate::output::number::sig3(*b)
            ));
        }
        Baseline::Since(p, secs)
    }

    /// The increase of a counter over the interval, and the interval in seconds; None without
    /// a usable previous sample or when either sample lacks the counter.
    pub fn increase(&self, now: &Sample, key: &str) -> Option<(f64, f64)> {
        let Baseline::Since(p, secs) = self else {
            return None;
        };
        let (a, b) = (p.counters.get(key)?, now.counters.get(key)?);
        Some(((b - a).max(0.0), *secs))
    }
}

/// `2026-12-02 09:14:03 UTC` for a unix time in seconds.
fn utc(at: f64) -> String {
    chrono::DateTime::from_timestamp_millis((at * 1000.0) as i64)
        .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_else(|| format!("unix time {at}"))
}

/// Every node's last sample, by address.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub nodes: BTreeMap<String, Sample>,
}

/// Samples older than this are dropped when the file is written (a node long gone).
const KEEP_SECS: f64 = 30.0 * 86400.0;

impl State {
    /// Reads the file; a missing or empty file is an empty state. A state file that cannot be
    /// read as one (cut short, edited by hand) is `Damaged`: the run goes on without it, and it
    /// is rewritten. A file that is not a state file at all (a config one completion away from
    /// `--config`) is `Foreign`: it is never written over.
    pub fn load(path: &Path) -> Result<State, LoadError> {
        let text = match crate::files::read_text(path, crate::files::TEXT) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::default()),
            Err(e) => return Err(LoadError::Damaged(format!("{}: {e}", path.display()))),
        };
        if text.trim().is_empty() {
            return Ok(State::default());
        }
        if !looks_like_state(&text) {
            return Err(LoadError::Foreign(format!(
                "{}: not a health state file (no JSON object with \"version\" and \"nodes\")",
                path.display()
            )));
        }
        serde_json::from_str(&text).map_err(|e| {
            LoadError::Damaged(format!("{}: not a health state file: {e}", path.display()))
        })
    }

    /// Merges `fresh` into the file under an exclusive lock (`FILE.lock`): the file is read
    /// again inside the lock, so a run that finished meanwhile keeps its other nodes; then it
    /// is replaced atomically (temporary file, then rename).
    pub fn save(path: &Path, fresh: &BTreeMap<String, Sample>) -> anyhow::Result<()> {
        use anyhow::Context;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let lock_path = lock_path(path);
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| format!("cannot open {}", lock_path.display()))?;
        lock.lock()
            .with_context(|| format!("cannot lock {}", lock_path.display()))?;
        let mut state = match State::load(path) {
            Ok(s) => s,
            // Checked again under the lock: the file may have been put there meanwhile.
            Err(LoadError::Foreign(e)) => anyhow::bail!("{e}: left untouched"),
            Err(LoadError::Damaged(_)) => State::default(),
        };
        state.version = 1;
        let newest = fresh.values().map(|s| s.at).fold(0.0, f64::max);
        state.nodes.retain(|_, s| newest - s.at < KEEP_SECS);
        let wall = chrono::Utc::now().timestamp_millis() as f64 / 1000.0;
        for (k, v) in fresh {
            // A slower concurrent run must not put an older sample over a newer one; but a
            // sample dated after now (clock skew, a copied file) is no newer one: replace it.
            if state
                .nodes
                .get(k)
                .is_none_or(|old| old.at <= v.at || old.at > wall || !old.at.is_finite())
            {
                state.nodes.insert(k.clone(), v.clone());
            }
        }
        let mut bytes = serde_json::to_vec_pretty(&state)?;
        bytes.push(b'\n');
        let r = write_atomic(path, &bytes);
        drop(unlock(lock));
        r
    }
}

/// Why a state file was not used.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// A state file that cannot be read as one: rates start over, and it is rewritten.
    Damaged(String),
    /// Not a state file: it is not redkit's to replace.
    Foreign(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Damaged(m) | LoadError::Foreign(m) => f.write_str(m),
        }
    }
}

/// Whether a text is (or was, before it was cut short) a file `save` wrote: a JSON object
/// whose first key is `version` or `nodes`. Anything else (YAML, a `.env`, another program's
/// JSON) is someone else's file.
fn looks_like_state(text: &str) -> bool {
    let Some(rest) = text.trim_start().strip_prefix('{') else {
        return false;
    };
    let rest = rest.trim_start();
    // `{` alone: a state file cut after its first byte.
    rest.is_empty() || rest.starts_with("\"version\"") || rest.starts_with("\"nodes\"")
}

fn unlock(f: File) -> std::io::Result<()> {
    f.unlock()
}

fn lock_path(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

/// Whether this run's counters are kept for the next run, which decides what a rate check
/// without a previous sample says.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Keeping {
    /// Written to the state file: the next run judges the interval.
    #[default]
    File,
    /// Not kept, by choice (`--no-state`, or a `--state` file that is someone else's).
    Off(String),
    /// Not kept because it cannot be (why): no run will ever judge a rate, so the rate checks
    /// are UNKNOWN rather than an OK that can never alert.
    Cannot(String),
}

impl Keeping {
    /// What a reading that needs a previous sample says on a first run.
    pub fn later(&self) -> String {
        match self {
            Keeping::File => "judged from the next run on".into(),
            Keeping::Off(why) | Keeping::Cannot(why) => format!("not judged: {why}"),
        }
    }
}

/// Whether a state file can be written at `path`, found before any work (the folders it needs
/// are not made here: nothing is created for a run that reaches no node).
pub fn can_keep(path: &Path) -> Result<(), String> {
    if path.is_dir() {
        return Err(format!("--state {}: is a directory", path.display()));
    }
    if path.exists() {
        return OpenOptions::new()
            .append(true)
            .open(path)
            .map(|_| ())
            .map_err(|e| format!("--state {}: cannot be written: {e}", path.display()));
    }
    let mut dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    while let Some(d) = dir {
        if d.exists() {
            if !d.is_dir() {
                return Err(format!(
                    "--state {}: {} is not a folder",
                    path.display(),
                    d.display()
                ));
            }
            if !writable(d) {
                return Err(format!(
                    "--state {}: {} cannot be written",
                    path.display(),
                    d.display()
                ));
            }
            return Ok(());
        }
        dir = d.parent().filter(|p| !p.as_os_str().is_empty());
    }
    // A bare file name: the current folder.
    if writable(Path::new(".")) {
        Ok(())
    } else {
        Err(format!(
            "--state {}: the current folder cannot be written",
            path.display()
        ))
    }
}

/// The default state file: `/var/lib/redkit/health.json` when that folder exists and can be
/// written, else `$XDG_STATE_HOME/redkit/health.json`, else `~/.local/state/redkit/health.json`.
pub fn default_path() -> Option<PathBuf> {
    let system = Path::new("/var/lib/redkit");
    if system.is_dir() && writable(system) {
        return Some(system.join("health.json"));
    }
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local/state"))
        })?;
    Some(base.join("redkit/health.json"))
}

/// Whether a file can be created in `dir` (tried, since permission bits do not tell about
/// ACLs, read-only mounts or root).
fn writable(dir: &Path) -> bool {
    tempfile::Builder::new()
        .prefix(".redkit-probe")
        .tempfile_in(dir)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(at: f64, run: &str, up: f64, ev: f64) -> Sample {
        Sample {
            at,
            run_id: run.into(),
            uptime: up,
            counters: [("evicted_keys".to_string(), ev)].into(),
            events: BTreeMap::new(),
        }
    }

    #[test]
    fn baseline_detects_restarts_and_computes_increase() {
        let p = sample(100.0, "a", 50.0, 10.0);
        let n = sample(110.0, "a", 60.0, 30.0);
        let b = Baseline::of(Some(&p), &n);
        assert_eq!(b.increase(&n, "evicted_keys"), Some((20.0, 10.0)));
        assert_eq!(b.increase(&n, "missing"), None);
        let r = sample(110.0, "b", 5.0, 0.0);
        assert_eq!(
            Baseline::of(Some(&p), &r),
            Baseline::Restarted("run id changed")
        );
        let r = sample(110.0, "", 5.0, 0.0);
        assert_eq!(
            Baseline::of(Some(&p), &r),
            Baseline::Restarted("uptime went back")
        );
        assert_eq!(Baseline::of(None, &n), Baseline::None);
        // Counters reset without a restart (CONFIG RESETSTAT): nothing to judge, said so.
        let reset = sample(110.0, "a", 60.0, 4.0);
        let b = Baseline::of(Some(&p), &reset);
        assert_eq!(b.increase(&reset, "evicted_keys"), None);
        assert!(
            matches!(&b, Baseline::Invalid(w) if w.contains("evicted_keys 10 to 4")),
            "{b:?}"
        );
        // A sample from the future (clock skew, a copied file) is no baseline either.
        let future = sample(4000.0, "a", 10.0, 1.0);
        let b = Baseline::of(Some(&future), &n);
        assert!(
            matches!(&b, Baseline::Invalid(w) if w.starts_with("previous sample is from the future (read at 1970-01-01 01:06:40 UTC, 1h4m after")),
            "{b:?}"
        );
    }

    #[test]
    fn save_merges_and_never_puts_an_older_sample_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/health.json");
        let a: BTreeMap<_, _> = [("a:1".to_string(), sample(200.0, "x", 1.0, 1.0))].into();
        State::save(&path, &a).unwrap();
        let b: BTreeMap<_, _> = [
            ("b:1".to_string(), sample(150.0, "y", 1.0, 1.0)),
            ("a:1".to_string(), sample(100.0, "x", 1.0, 0.0)),
        ]
        .into();
        State::save(&path, &b).unwrap();
        let s = State::load(&path).unwrap();
        assert_eq!(s.version, 1);
        assert_eq!(s.nodes["a:1"].at, 200.0);
        assert_eq!(s.nodes["b:1"].at, 150.0);
        // A sample dated after now is replaced by an older, real one.
        let far = 4.0e12;
        let f: BTreeMap<_, _> = [("a:1".to_string(), sample(far, "x", 1.0, 1.0))].into();
        State::save(&path, &f).unwrap();
        assert_eq!(State::load(&path).unwrap().nodes["a:1"].at, far);
        State::save(&path, &a).unwrap();
        assert_eq!(State::load(&path).unwrap().nodes["a:1"].at, 200.0);
        std::fs::write(
            &path,
            "{\n  \"version\": 1,\n  \"nodes\": {\"a:1\": {\"at\"",
        )
        .unwrap();
        assert!(
            matches!(State::load(&path), Err(LoadError::Damaged(e)) if e.contains("not a health state file")),
        );
        // A damaged state file is rewritten; someone else's file never is.
        State::save(&path, &a).unwrap();
        assert_eq!(State::load(&path).unwrap().nodes["a:1"].at, 200.0);
        for foreign in [
            "health:\n  warn_memory: 75\n",
            "{\"other\": 1}",
            "[1, 2]",
            "# notes",
        ] {
            std::fs::write(&path, foreign).unwrap();
            assert!(
                matches!(State::load(&path), Err(LoadError::Foreign(_))),
                "{foreign}"
            );
            let e = State::save(&path, &a).unwrap_err();
            assert!(format!("{e:#}").contains("left untouched"), "{e:#}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), foreign);
        }
        std::fs::write(&path, "").unwrap();
        assert!(State::load(&path).unwrap().nodes.is_empty());
        assert!(
            State::load(&dir.path().join("none"))
                .unwrap()
                .nodes
                .is_empty()
        );
    }
}
