//! The health report: plain data (statuses, checks, nodes) that every output format renders.

use std::fmt;

use serde::{Serialize, Serializer};

pub use super::registry::CheckKind;
use crate::exit::ExitStatus;

/// A check's verdict, ordered from best to worst so the worst is the `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warning,
    Unknown,
    Critical,
}

impl Status {
    /// The monitoring-plugin code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
    pub fn code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Warning => 1,
            Status::Critical => 2,
            Status::Unknown => 3,
        }
    }

    pub fn upper(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::Warning => "WARNING",
            Status::Critical => "CRITICAL",
            Status::Unknown => "UNKNOWN",
        }
    }
}

/// One number a check measured, for Prometheus and Nagios perfdata.
#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    /// The name without the `redkit_` prefix, after redis_exporter's (`memory_used_bytes`).
    pub name: String,
    pub value: f64,
    #[serde(skip)]
    pub help: &'static str,
    /// Perfdata unit (`ms`, `%`, `B`, `s`, `c`, or empty); None keeps it out of perfdata.
    #[serde(skip)]
    pub uom: Option<&'static str>,
    #[serde(skip)]
    pub warn: Option<String>,
    #[serde(skip)]
    pub crit: Option<String>,
    /// Extra labels (a replica's address, a db number).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<(String, String)>,
    /// Exported to Prometheus; false for figures kept in the perfdata's own units (`ms`, `%`)
    /// whose Prometheus twin is in base units (`_seconds`, `_ratio`).
    #[serde(skip)]
    pub prometheus: bool,
}

impl Metric {
    pub fn new(name: &str, value: f64, help: &'static str) -> Metric {
        Metric {
            name: name.to_string(),
            value,
            help,
            uom: None,
            warn: None,
            crit: None,
            labels: Vec::new(),
            prometheus: true,
        }
    }

    /// Only in perfdata and JSON, not in Prometheus (promtool wants base units there).
    pub fn perf_only(mut self) -> Metric {
        self.prometheus = false;
        self
    }

    /// Also shown as Nagios perfdata with this unit and thresholds.
    pub fn perf(mut self, uom: &'static str, warn: Option<String>, crit: Option<String>) -> Metric {
        self.uom = Some(uom);
        self.warn = warn;
        self.crit = crit;
        self
    }

    pub fn label(mut self, k: &str, v: impl Into<String>) -> Metric {
        self.labels.push((k.to_string(), v.into()));
        self
    }
}

/// What a check's main figure counts or measures: shown after it in the table, and as
/// `unit` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Ms,
    Percent,
    Seconds,
    Clients,
    Replicas,
    Entries,
    Slots,
    Nodes,
    Masters,
    /// Jobs with no event for longer than --stuck-after (the jobs check's figure).
    StuckJobs,
    PerSecond,
    Bytes,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Ms => "ms",
            Unit::Percent => "%",
            Unit::Seconds => "s",
            Unit::Clients => "clients",
            Unit::Replicas => "replicas",
            Unit::Entries => "entries",
            Unit::Slots => "slots",
            Unit::Nodes => "nodes",
            Unit::Masters => "masters",
            Unit::StuckJobs => "stuck jobs",
            Unit::PerSecond => "/s",
            Unit::Bytes => "B",
        }
    }

    /// The word for exactly one (`1 replica`); symbols stay as they are.
    pub fn singular(self) -> &'static str {
        match self {
            Unit::Clients => "client",
            Unit::Replicas => "replica",
            Unit::Entries => "entry",
            Unit::Slots => "slot",
            Unit::Nodes => "node",
            Unit::Masters => "master",
            Unit::StuckJobs => "stuck job",
            Unit::Ms | Unit::Percent | Unit::Seconds | Unit::PerSecond | Unit::Bytes => {
                self.as_str()
            }
        }
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A node's role as it reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Master,
    Replica,
    Sentinel,
    /// It could not be asked.
    Unknown,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Master => "master",
            Role::Replica => "replica",
            Role::Sentinel => "sentinel",
            Role::Unknown => "unknown",
        }
    }

    /// The role from INFO's `role:` line (`slave` is a replica).
    pub fn from_info(role: Option<&str>) -> Role {
        match role {
            Some("master") => Role::Master,
            Some("slave") => Role::Replica,
            Some("sentinel") => Role::Sentinel,
            _ => Role::Unknown,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the deployment was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Standalone,
    Cluster,
    Sentinel,
}

/// One check of one node (or of the cluster as a whole).
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub name: CheckKind,
    /// What the check is about when a node has several of its kind (a stream and group);
    /// null otherwise (every key stays present, as for `unit` and `metrics`).
    pub subject: Option<String>,
    pub status: Status,
    /// The main figure: a number where there is one, else text; null when unknown.
    pub value: serde_json::Value,
    /// The unit of a numeric value (`ms`, `%`, `s`, `clients`...).
    pub unit: Option<Unit>,
    /// The thresholds applied, as text (`warn >80%, crit >90%`); null when none.
    pub threshold: Option<String>,
    pub message: String,
    pub metrics: Vec<Metric>,
    /// Longer text the server wrote about itself (`-v`: LATENCY DOCTOR, MEMORY DOCTOR); null
    /// otherwise.
    pub detail: Option<String>,
}

impl Check {
    pub fn new(name: CheckKind, status: Status, value: impl Into<serde_json::Value>) -> Check {
        Check {
            name,
            subject: None,
            status,
            value: value.into(),
            unit: None,
            threshold: None,
            message: String::new(),
            metrics: Vec::new(),
            detail: None,
        }
    }

    /// The unit of the value, shown after it in the table.
    pub fn unit(mut self, u: Unit) -> Check {
        self.unit = Some(u);
        self
    }

    pub fn subject(mut self, s: impl Into<String>) -> Check {
        self.subject = Some(s.into());
        self
    }

    /// `name` or `name subject`, for summaries.
    pub fn label(&self) -> String {
        match &self.subject {
            Some(s) => format!("{} {s}", self.name),
            None => self.name.to_string(),
        }
    }

    pub fn message(mut self, m: impl Into<String>) -> Check {
        self.message = m.into();
        self
    }

    pub fn threshold(mut self, t: Option<String>) -> Check {
        self.threshold = t.filter(|t| !t.is_empty());
        self
    }

    pub fn metric(mut self, m: Metric) -> Check {
        self.metrics.push(m);
        self
    }

    /// Raises the status (never lowers it), with the reason appended to the message.
    pub fn raise(&mut self, to: Status, why: &str) {
        if to > self.status {
            self.status = to;
        }
        if !why.is_empty() {
            if self.message.is_empty() {
                self.message = why.to_string();
            } else {
                self.message = format!("{}; {why}", self.message);
            }
        }
    }
}

/// Every check of one server.
#[derive(Debug, Clone, Serialize)]
pub struct NodeReport {
    pub addr: String,
    /// `master`, `replica`, `sentinel`, or `unknown` when it could not be asked.
    pub role: Role,
    pub status: Status,
    pub checks: Vec<Check>,
    /// The counters read this run, kept in the state file for the next one.
    #[serde(skip)]
    pub sample: Option<super::state::Sample>,
}

impl NodeReport {
    pub fn new(addr: String, role: Role, checks: Vec<Check>) -> NodeReport {
        let status = worst(checks.iter().map(|c| c.status));
        NodeReport {
            addr,
            role,
            status,
            checks,
            sample: None,
        }
    }
}

/// Checks of the cluster as a whole (state, slots, failed nodes, masters without replicas).
#[derive(Debug, Clone, Serialize)]
pub struct ClusterReport {
    pub status: Status,
    pub checks: Vec<Check>,
}

/// The whole run: the worst node (and cluster check) decides the status and the exit code.
#[derive(Debug, Clone, Serialize)]
pub struct HealthReport {
    pub status: Status,
    pub exit_code: u8,
    /// One line: what is wrong, or that all is well.
    pub summary: String,
    pub target: String,
    /// `standalone`, `cluster` or `sentinel`.
    pub mode: Mode,
    pub checked_at: String,
    pub duration_ms: f64,
    pub cluster: Option<ClusterReport>,
    pub nodes: Vec<NodeReport>,
    /// Under `--watch`: `refreshed 19:40:40, every 5s` (local time), shown on the table's
    /// verdict line (JSON has `checked_at`).
    #[serde(skip)]
    pub refreshed: Option<String>,
}

/// `1 node`, `2 nodes`: the count with the word that agrees with it.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    crate::output::number::plural_with(n as u64, one, many)
}

pub fn worst(statuses: impl Iterator<Item = Status>) -> Status {
    statuses.max().unwrap_or(Status::Ok)
}

impl HealthReport {
    pub fn new(
        target: String,
        mode: Mode,
        cluster: Option<ClusterReport>,
        nodes: Vec<NodeReport>,
        duration_ms: f64,
    ) -> HealthReport {
        let status = worst(
            nodes
                .iter()
                .map(|n| n.status)
                .chain(cluster.iter().map(|c| c.status)),
        );
        let mut r = HealthReport {
            status,
            exit_code: status.code(),
            summary: String::new(),
            target,
            mode,
            checked_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            duration_ms,
            cluster,
            nodes,
            refreshed: None,
        };
        r.summary = r.make_summary();
        r
    }

    /// Every failing check as `where check: message`, worst first.
    pub fn problems(&self) -> Vec<(Status, String)> {
        let mut out: Vec<(Status, String)> = Vec::new();
        if let Some(c) = &self.cluster {
            for ch in c.checks.iter().filter(|c| c.status != Status::Ok) {
                out.push((ch.status, format!("{}: {}", ch.label(), ch.message)));
            }
        }
        for n in &self.nodes {
            for ch in n.checks.iter().filter(|c| c.status != Status::Ok) {
                out.push((
                    ch.status,
                    format!("{} {}: {}", n.addr, ch.label(), ch.message),
                ));
            }
        }
        out.sort_by_key(|p| std::cmp::Reverse(p.0));
        out
    }

    fn make_summary(&self) -> String {
        let n = self.nodes.len();
        let problems = self.problems();
        match problems.first() {
            None => format!("{} checked, all OK", plural(n, "node", "nodes")),
            Some((_, first)) => {
                let more = match problems.len() - 1 {
                    0 => String::new(),
                    m => format!(" (+{})", plural(m, "more problem", "more problems")),
                };
                format!("{first}{more}; {}", self.node_counts())
            }
        }
    }

    /// `1 node WARNING`, `2 nodes CRITICAL, 4 OK`: the worst first, each status once.
    fn node_counts(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for s in [
            Status::Critical,
            Status::Unknown,
            Status::Warning,
            Status::Ok,
        ] {
            let k = self.nodes.iter().filter(|x| x.status == s).count();
            if k == 0 {
                continue;
            }
            parts.push(if parts.is_empty() {
                format!("{} {}", plural(k, "node", "nodes"), s.upper())
            } else {
                format!("{k} {}", s.upper())
            });
        }
        if parts.is_empty() {
            return "0 nodes".into();
        }
        parts.join(", ")
    }

    /// The exit status for the monitoring-plugin convention.
    pub fn exit_status(&self) -> ExitStatus {
        ExitStatus::Code(self.status.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_status_decides() {
        assert!(Status::Critical > Status::Unknown);
        assert!(Status::Unknown > Status::Warning);
        let ok = Check::new(CheckKind::Latency, Status::Ok, 1.0);
        let warn = Check::new(CheckKind::Memory, Status::Warning, 85.0).message("85% of maxmemory");
        let n1 = NodeReport::new("a:1".into(), Role::Master, vec![ok.clone(), warn]);
        let n2 = NodeReport::new("b:1".into(), Role::Replica, vec![ok]);
        assert_eq!(n1.status, Status::Warning);
        let r = HealthReport::new("a:1".into(), Mode::Standalone, None, vec![n1, n2], 1.0);
        assert_eq!(r.status, Status::Warning);
        assert_eq!(r.exit_code, 1);
        assert_eq!(
            r.summary,
            "a:1 memory: 85% of maxmemory; 1 node WARNING, 1 OK"
        );
    }

    #[test]
    fn summary_names_what_it_counts() {
        let w = |m: &str| Check::new(CheckKind::Memory, Status::Warning, 1.0).message(m);
        let one = NodeReport::new("a:1".into(), Role::Master, vec![w("x")]);
        let r = HealthReport::new("a:1".into(), Mode::Standalone, None, vec![one.clone()], 1.0);
        assert_eq!(r.summary, "a:1 memory: x; 1 node WARNING");
        let two = NodeReport::new("b:1".into(), Role::Master, vec![w("y"), w("z")]);
        let r = HealthReport::new("a:1".into(), Mode::Standalone, None, vec![one, two], 1.0);
        assert_eq!(
            r.summary,
            "a:1 memory: x (+2 more problems); 2 nodes WARNING"
        );
        let ok = NodeReport::new("c:1".into(), Role::Master, vec![]);
        let r = HealthReport::new("c:1".into(), Mode::Standalone, None, vec![ok], 1.0);
        assert_eq!(r.summary, "1 node checked, all OK");
    }

    #[test]
    fn raise_never_lowers() {
        let mut c = Check::new(CheckKind::Server, Status::Critical, 1.0).message("down");
        c.raise(Status::Warning, "slow");
        assert_eq!(c.status, Status::Critical);
        assert_eq!(c.message, "down; slow");
    }
}
