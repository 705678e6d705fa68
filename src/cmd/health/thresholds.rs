//! Thresholds: monitoring-plugin ranges for figures, durations for latency and lag, merged from
//! flags over the config's `health:` section over the defaults; and which checks to run.

use std::fmt;
use std::time::Duration;

use crate::duration;
use crate::exit;

/// A monitoring-plugin range: `10` alerts outside 0..10, `10:` below 10, `~:10` above 10,
/// `10:20` outside that span, `@10:20` inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    pub start: f64,
    pub end: f64,
    pub inside: bool,
    text: String,
}

impl Range {
    pub fn parse(text: &str) -> Result<Range, String> {
        let t = text.trim();
        let bad =
            || format!("invalid range '{text}' (use 10, 10:, ~:10, 10:20 or @10:20 as plugins do)");
        let (inside, body) = match t.strip_prefix('@') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let num = |s: &str| s.trim_end_matches('%').parse::<f64>().map_err(|_| bad());
        let (start, end) = match body.split_once(':') {
            None => (0.0, num(body)?),
            Some((a, b)) => {
                let start = match a {
                    "~" => f64::NEG_INFINITY,
                    "" => 0.0,
                    a => num(a)?,
                };
                let end = if b.is_empty() { f64::INFINITY } else { num(b)? };
                (start, end)
            }
        };
        if body.is_empty() || start > end || start.is_nan() || end.is_nan() {
            return Err(bad());
        }
        Ok(Range {
            start,
            end,
            inside,
            text: t.trim_end_matches('%').to_string(),
        })
    }

    /// Whether `v` raises an alert.
    pub fn alerts(&self, v: f64) -> bool {
        let within = v >= self.start && v <= self.end;
        within == self.inside
    }

    /// The range as written, for perfdata.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A short phrase for tables: `>80`, `<50`, `outside 10:20`.
    pub fn describe(&self) -> String {
        if self.inside {
            return format!("in {}", &self.text[1..]);
        }
        match (self.start, self.end) {
            (s, e) if s == 0.0 && e.is_finite() => format!(">{}", num(e)),
            (s, e) if s == f64::NEG_INFINITY => format!(">{}", num(e)),
            (s, e) if e == f64::INFINITY => format!("<{}", num(s)),
            _ => format!("outside {}", self.text),
        }
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A number without needless decimals: `80`, `1.5`, `0.25`.
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Every limit health judges against.
#[derive(Debug, Clone)]
pub struct Thresholds {
    pub samples: u32,
    pub min_uptime: Duration,
    pub warn_latency: Option<Duration>,
    pub crit_latency: Option<Duration>,
    pub warn_memory: Option<Range>,
    pub crit_memory: Option<Range>,
    pub warn_clients: Option<Range>,
    pub crit_clients: Option<Range>,
    pub warn_lag: Option<Duration>,
    pub crit_lag: Option<Duration>,
    pub warn_fragmentation: Option<Range>,
    pub crit_fragmentation: Option<Range>,
    pub warn_hit_ratio: Option<Range>,
    pub crit_hit_ratio: Option<Range>,
    pub warn_save_age: Option<Duration>,
    pub warn_slowlog: Option<Duration>,
}

impl Default for Thresholds {
    fn default() -> Self {
        let r = |t: &str| Range::parse(t).ok();
        Thresholds {
            samples: 5,
            min_uptime: Duration::from_secs(300),
            warn_latency: Some(Duration::from_millis(100)),
            crit_latency: Some(Duration::from_millis(500)),
            warn_memory: r("80"),
            crit_memory: r("90"),
            warn_clients: r("80"),
            crit_clients: r("95"),
            warn_lag: Some(Duration::from_secs(30)),
            crit_lag: Some(Duration::from_secs(120)),
            warn_fragmentation: r("1.5"),
            crit_fragmentation: None,
            warn_hit_ratio: None,
            crit_hit_ratio: None,
            warn_save_age: Some(Duration::from_secs(2 * 3600)),
            warn_slowlog: None,
        }
    }
}

/// How one key of the `health:` section is read.
enum Kind {
    Count,
    Dur,
    Range,
}

const KEYS: &[(&str, Kind)] = &[
    ("samples", Kind::Count),
    ("min_uptime", Kind::Dur),
    ("warn_latency", Kind::Dur),
    ("crit_latency", Kind::Dur),
    ("warn_memory", Kind::Range),
    ("crit_memory", Kind::Range),
    ("warn_clients", Kind::Range),
    ("crit_clients", Kind::Range),
    ("warn_lag", Kind::Dur),
    ("crit_lag", Kind::Dur),
    ("warn_fragmentation", Kind::Range),
    ("crit_fragmentation", Kind::Range),
    ("warn_hit_ratio", Kind::Range),
    ("crit_hit_ratio", Kind::Range),
    ("warn_save_age", Kind::Dur),
    ("warn_slowlog", Kind::Dur),
];

impl Thresholds {
    /// Sets one threshold from text (a flag or a config value). `none`/`off` disables it.
    pub fn set(&mut self, key: &str, text: &str) -> Result<(), String> {
        let key = key.replace('-', "_");
        let kind = KEYS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, kind)| kind)
            .ok_or_else(|| format!("unknown key '{key}'"))?;
        let off = matches!(text.trim(), "none" | "off" | "");
        let dur = || -> Result<Option<Duration>, String> {
            if off {
                Ok(None)
            } else {
                duration::parse(text).map(Some)
            }
        };
        let range = || -> Result<Option<Range>, String> {
            if off {
                Ok(None)
            } else {
                Range::parse(text).map(Some)
            }
        };
        match kind {
            Kind::Count => {
                let n: u32 = text
                    .trim()
                    .parse()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or_else(|| format!("'{text}' is not a count from 1 to 1000"))?;
                self.samples = n;
            }
            Kind::Dur => {
                let d = dur()?;
                match key.as_str() {
                    "min_uptime" => self.min_uptime = d.unwrap_or_default(),
                    "warn_latency" => self.warn_latency = d,
                    "crit_latency" => self.crit_latency = d,
                    "warn_lag" => self.warn_lag = d,
                    "crit_lag" => self.crit_lag = d,
                    "warn_save_age" => self.warn_save_age = d,
                    _ => self.warn_slowlog = d,
                }
            }
            Kind::Range => {
                let r = range()?;
                match key.as_str() {
                    "warn_memory" => self.warn_memory = r,
                    "crit_memory" => self.crit_memory = r,
                    "warn_clients" => self.warn_clients = r,
                    "crit_clients" => self.crit_clients = r,
                    "warn_fragmentation" => self.warn_fragmentation = r,
                    "crit_fragmentation" => self.crit_fragmentation = r,
                    "warn_hit_ratio" => self.warn_hit_ratio = r,
                    _ => self.crit_hit_ratio = r,
                }
            }
        }
        Ok(())
    }

    /// Applies the config's `health:` section. Keys may use `_` or `-`; `checks` and `skip`
    /// are lists of check names, returned for the selection.
    pub fn apply_config(
        &mut self,
        section: &serde_yaml::Value,
        origin: &str,
    ) -> anyhow::Result<(Vec<String>, Vec<String>)> {
        let map = section
            .as_mapping()
            .ok_or_else(|| exit::usage(format!("{origin}: health: must be a mapping")))?;
        let mut checks = Vec::new();
        let mut skip = Vec::new();
        for (k, v) in map {
            let key = k.as_str().unwrap_or_default().replace('-', "_");
            if key == "checks" || key == "skip" {
                let list: Vec<String> = match v {
                    serde_yaml::Value::Sequence(s) => {
                        s.iter().filter_map(scalar).collect::<Vec<_>>()
                    }
                    other => scalar(other).into_iter().collect(),
                };
                if key == "checks" {
                    checks = list;
                } else {
                    skip = list;
                }
                continue;
            }
            let text = scalar(v).unwrap_or_default();
            self.set(&key, &text)
                .map_err(|e| exit::usage(format!("{origin}: health.{key}: {e}")))?;
        }
        Ok((checks, skip))
    }

    pub fn latency_text(&self) -> Option<String> {
        durations(self.warn_latency, self.crit_latency)
    }

    pub fn lag_text(&self) -> Option<String> {
        durations(self.warn_lag, self.crit_lag)
    }
}

fn scalar(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Null => Some(String::new()),
        _ => None,
    }
}

/// `warn >100ms, crit >500ms` for duration limits.
fn durations(w: Option<Duration>, c: Option<Duration>) -> Option<String> {
    let parts: Vec<String> = [("warn", w), ("crit", c)]
        .into_iter()
        .filter_map(|(n, d)| d.map(|d| format!("{n} >{}", duration::format(d))))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `warn >80, crit >90` for range limits, with a unit after each figure.
pub fn ranges(w: &Option<Range>, c: &Option<Range>, unit: &str) -> Option<String> {
    let parts: Vec<String> = [("warn", w), ("crit", c)]
        .into_iter()
        .filter_map(|(n, r)| r.as_ref().map(|r| format!("{n} {}{unit}", r.describe())))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The check names `--check`/`--skip` accept. `cluster` also selects `cluster_state`,
/// `cluster_slots`, `cluster_nodes` and `cluster_replicas`; `sentinel` selects both of its.
pub const CHECKS: &[&str] = &[
    "latency",
    "server",
    "memory",
    "clients",
    "persistence",
    "replication",
    "keyspace",
    "slowlog",
    "cluster",
    "cluster_state",
    "cluster_slots",
    "cluster_nodes",
    "cluster_replicas",
    "sentinel",
    "sentinel_master",
    "sentinel_quorum",
];

/// Which checks run. `reachability` always does: a node that cannot be reached is reported
/// whatever was selected.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    only: Vec<String>,
    skip: Vec<String>,
}

impl Selection {
    pub fn new(only: Vec<String>, skip: Vec<String>) -> anyhow::Result<Selection> {
        let split = |v: Vec<String>| -> Vec<String> {
            v.iter()
                .flat_map(|s| s.split(','))
                .map(|s| s.trim().replace('-', "_"))
                .filter(|s| !s.is_empty())
                .collect()
        };
        let (only, skip) = (split(only), split(skip));
        for name in only.iter().chain(&skip) {
            if !CHECKS.contains(&name.as_str()) {
                return Err(exit::usage(format!(
                    "--check/--skip: unknown check '{name}' (known: {})",
                    CHECKS.join(", ")
                )));
            }
        }
        Ok(Selection { only, skip })
    }

    /// Whether the check `name` runs.
    pub fn wants(&self, name: &str) -> bool {
        let matches = |sel: &String| name == sel || name.starts_with(&format!("{sel}_"));
        if name == "reachability" {
            return true;
        }
        (self.only.is_empty() || self.only.iter().any(matches)) && !self.skip.iter().any(matches)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plugin_ranges() {
        let r = Range::parse("10").unwrap();
        assert!(!r.alerts(0.0) && !r.alerts(10.0) && r.alerts(10.5) && r.alerts(-1.0));
        let r = Range::parse("10:").unwrap();
        assert!(r.alerts(9.9) && !r.alerts(10.0) && !r.alerts(1e9));
        let r = Range::parse("~:10").unwrap();
        assert!(!r.alerts(-1e9) && r.alerts(11.0));
        let r = Range::parse("10:20").unwrap();
        assert!(r.alerts(9.0) && !r.alerts(15.0) && r.alerts(21.0));
        let r = Range::parse("@10:20").unwrap();
        assert!(!r.alerts(9.0) && r.alerts(15.0) && !r.alerts(21.0));
        assert_eq!(Range::parse("80%").unwrap().text(), "80");
        assert!(Range::parse("20:10").is_err());
        assert!(Range::parse("abc").is_err());
        assert!(Range::parse("").is_err());
        assert_eq!(Range::parse("80").unwrap().describe(), ">80");
        assert_eq!(Range::parse("90:").unwrap().describe(), "<90");
    }

    #[test]
    fn config_section_and_flags() {
        let mut t = Thresholds::default();
        let y: serde_yaml::Value = serde_yaml::from_str(
            "warn-memory: 50\ncrit_latency: 2s\nwarn_hit_ratio: '90:'\nskip: [slowlog]\n",
        )
        .unwrap();
        let (checks, skip) = t.apply_config(&y, "redkit.yaml").unwrap();
        assert!(checks.is_empty());
        assert_eq!(skip, vec!["slowlog"]);
        assert!(t.warn_memory.as_ref().unwrap().alerts(51.0));
        assert_eq!(t.crit_latency, Some(Duration::from_secs(2)));
        assert!(t.warn_hit_ratio.as_ref().unwrap().alerts(80.0));
        let bad: serde_yaml::Value = serde_yaml::from_str("warn_mem: 5").unwrap();
        let e = t.apply_config(&bad, "redkit.yaml").unwrap_err().to_string();
        assert!(e.contains("health.warn_mem: unknown key"), "{e}");
        t.set("crit-memory", "none").unwrap();
        assert!(t.crit_memory.is_none());
        assert!(t.set("samples", "0").is_err());
    }

    #[test]
    fn selection() {
        let s = Selection::new(vec!["cluster,memory".into()], vec![]).unwrap();
        assert!(s.wants("cluster_slots") && s.wants("memory") && !s.wants("latency"));
        assert!(s.wants("reachability"));
        let s = Selection::new(vec![], vec!["slowlog".into()]).unwrap();
        assert!(!s.wants("slowlog") && s.wants("memory"));
        assert!(Selection::new(vec!["nope".into()], vec![]).is_err());
    }
}
