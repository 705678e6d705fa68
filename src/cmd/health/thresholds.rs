//! Thresholds: monitoring-plugin ranges for figures, durations for latency and lag, merged from
//! flags over the config's `health:` section over the defaults; and which checks to run.

use std::fmt;

use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, Visitor};

use super::registry::{self, CheckKind, Group, Setting};
use crate::exit;

pub use super::types::{Range, Thresholds, durations, num, ranges};

/// The config's `health:` section, read once: every key is a registry limit, `samples`,
/// `checks` or `skip`; any other key is refused, naming it.
#[derive(Debug, Default)]
pub struct HealthConfig {
    pub samples: Option<u32>,
    pub checks: Option<Vec<String>>,
    pub skip: Option<Vec<String>>,
    /// Streams (keys or patterns) whose groups the streams check reads.
    pub streams: Option<Vec<String>>,
    pub limits: Vec<Setting>,
}

/// The PINGs per node: 1 to 1000.
pub fn parse_samples(text: &str) -> Result<u32, String> {
    text.trim()
        .parse()
        .ok()
        .filter(|n| (1..=1000).contains(n))
        .ok_or_else(|| format!("'{text}' is not a count from 1 to 1000"))
}

impl<'de> Deserialize<'de> for HealthConfig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = HealthConfig;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of health settings (health: must be a mapping)")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<HealthConfig, A::Error> {
                let mut c = HealthConfig::default();
                while let Some(k) = map.next_key::<String>()? {
                    let key = k.replace('-', "_");
                    let value: serde_yaml::Value = map.next_value()?;
                    let bad = |e: String| A::Error::custom(format!("health.{key}: {e}"));
                    match key.as_str() {
                        "checks" => c.checks = Some(list(&value)),
                        "skip" => c.skip = Some(list(&value)),
                        "streams" => c.streams = Some(list(&value)),
                        "samples" => {
                            c.samples = Some(parse_samples(&scalar(&value)).map_err(bad)?);
                        }
                        other => {
                            let def = registry::limit(other).ok_or_else(|| {
                                bad(format!(
                                    "unknown key (known: samples, checks, skip, streams, {})",
                                    registry::limits()
                                        .map(|l| l.key)
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ))
                            })?;
                            c.limits.push(def.slot.parse(&scalar(&value)).map_err(bad)?);
                        }
                    }
                }
                Ok(c)
            }
        }
        d.deserialize_map(Visit)
    }
}

impl HealthConfig {
    /// Reads the section; errors are usage errors naming the file and the key.
    pub fn from_section(section: &serde_yaml::Value, origin: &str) -> anyhow::Result<HealthConfig> {
        serde_yaml::from_value(section.clone()).map_err(|e| exit::usage(format!("{origin}: {e}")))
    }
}

/// A YAML scalar as the text a flag would carry (null is empty: the limit is off).
fn scalar(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Null => String::new(),
        // A list or mapping where a figure belongs: shown so the error names it.
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// `[a, b]` or `a,b` as a list of words.
fn list(v: &serde_yaml::Value) -> Vec<String> {
    match v {
        serde_yaml::Value::Sequence(s) => s.iter().map(scalar).collect(),
        other => vec![scalar(other)],
    }
}

/// The threshold flags, one per registry limit (`--warn-memory RANGE`...), each parsed by clap
/// into its typed setting.
#[derive(Debug, Clone, Default)]
pub struct LimitArgs {
    pub settings: Vec<Setting>,
}

impl clap::FromArgMatches for LimitArgs {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let mut a = LimitArgs::default();
        a.update_from_arg_matches(m)?;
        Ok(a)
    }

    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        for l in registry::limits() {
            if let Some(s) = m.get_one::<Setting>(l.key) {
                self.settings.push(s.clone());
            }
        }
        Ok(())
    }
}

impl clap::Args for LimitArgs {
    fn augment_args(mut cmd: clap::Command) -> clap::Command {
        for l in registry::limits() {
            let slot = l.slot;
            cmd = cmd.arg(
                clap::Arg::new(l.key)
                    .long(l.flag())
                    .value_name(slot.value_name())
                    .help(format!("{} [default: {}]", l.about, l.default))
                    .help_heading("Thresholds")
                    .value_parser(clap::builder::ValueParser::new(move |text: &str| {
                        slot.parse(text)
                    })),
            );
        }
        cmd
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl Thresholds {
    pub fn latency_text(&self) -> Option<String> {
        durations(self.warn_latency, self.crit_latency)
    }

    pub fn lag_text(&self) -> Option<String> {
        durations(self.warn_lag, self.crit_lag)
    }
}

/// A word of `--check`/`--skip`: one check, or a group of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    One(CheckKind),
    Group(Group),
}

impl Pick {
    fn parse(name: &str) -> Option<Pick> {
        Group::ALL
            .iter()
            .find(|g| g.name() == name)
            .map(|g| Pick::Group(*g))
            .or_else(|| CheckKind::by_name(name).map(Pick::One))
    }

    fn matches(self, kind: CheckKind) -> bool {
        match self {
            Pick::One(k) => k == kind,
            Pick::Group(g) => kind.def().group == Some(g),
        }
    }
}

/// Which checks run. `reachability` always does: a node that cannot be reached is reported
/// whatever was selected.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    only: Vec<Pick>,
    skip: Vec<Pick>,
}

impl Selection {
    pub fn new(only: Vec<String>, skip: Vec<String>) -> anyhow::Result<Selection> {
        let picks = |v: Vec<String>| -> anyhow::Result<Vec<Pick>> {
            v.iter()
                .flat_map(|s| s.split(','))
                .map(|s| s.trim().replace('-', "_"))
                .filter(|s| !s.is_empty())
                .map(|name| {
                    Pick::parse(&name).ok_or_else(|| {
                        exit::usage(format!(
                            "--check/--skip: unknown check '{name}' (known: {})",
                            registry::selectable_names().join(", ")
                        ))
                    })
                })
                .collect()
        };
        Ok(Selection {
            only: picks(only)?,
            skip: picks(skip)?,
        })
    }

    /// Whether the check runs.
    pub fn wants(&self, kind: CheckKind) -> bool {
        if kind == CheckKind::Reachability {
            return true;
        }
        (self.only.is_empty() || self.only.iter().any(|p| p.matches(kind)))
            && !self.skip.iter().any(|p| p.matches(kind))
    }

    /// Whether `--skip` named the check: for reachability, which always runs, that leaves out
    /// the OK row of a node that answered (one that did not is CRITICAL whatever is skipped).
    pub fn skipped(&self, kind: CheckKind) -> bool {
        self.skip.iter().any(|p| p.matches(kind))
    }

    /// Whether the check was named by `--check` (or `checks:`), not only left on by default.
    pub fn named(&self, kind: CheckKind) -> bool {
        self.only.iter().any(|p| p.matches(kind)) && !self.skip.iter().any(|p| p.matches(kind))
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
            "warn-memory: 50\ncrit_latency: 2s\nwarn_hit_ratio: '90:'\nskip: [slowlog]\ncrit_memory:\n",
        )
        .unwrap();
        let c = HealthConfig::from_section(&y, "redkit.yaml").unwrap();
        assert!(c.checks.is_none());
        assert_eq!(c.skip, Some(vec!["slowlog".to_string()]));
        for s in c.limits {
            s.apply(&mut t);
        }
        assert!(t.warn_memory.as_ref().unwrap().alerts(51.0));
        assert_eq!(t.crit_latency, Some(std::time::Duration::from_secs(2)));
        assert!(t.warn_hit_ratio.as_ref().unwrap().alerts(80.0));
        assert!(t.crit_memory.is_none(), "an empty value turns a limit off");
        let bad: serde_yaml::Value = serde_yaml::from_str("warn_mem: 5").unwrap();
        let e = HealthConfig::from_section(&bad, "redkit.yaml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("health.warn_mem: unknown key"), "{e}");
        assert_eq!(
            crate::exit::classify(&HealthConfig::from_section(&bad, "x").unwrap_err()),
            crate::exit::ExitStatus::Usage
        );
        let bad: serde_yaml::Value = serde_yaml::from_str("warn_memory: lots").unwrap();
        let e = HealthConfig::from_section(&bad, "redkit.yaml")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("health.warn_memory: invalid range 'lots'"),
            "{e}"
        );
        let bad: serde_yaml::Value = serde_yaml::from_str("samples: 0").unwrap();
        assert!(HealthConfig::from_section(&bad, "x").is_err());
        let bad: serde_yaml::Value = serde_yaml::from_str("- 1").unwrap();
        assert!(HealthConfig::from_section(&bad, "x").is_err());
        let s = registry::limit("crit-memory")
            .unwrap()
            .slot
            .parse("none")
            .unwrap();
        s.apply(&mut t);
        assert!(t.warn_memory.is_some() && t.crit_memory.is_none());
    }

    #[test]
    fn selection() {
        let s = Selection::new(vec!["cluster,memory".into()], vec![]).unwrap();
        assert!(s.wants(CheckKind::ClusterSlots) && s.wants(CheckKind::Memory));
        assert!(!s.wants(CheckKind::Latency));
        assert!(s.wants(CheckKind::Reachability));
        let s = Selection::new(vec![], vec!["slowlog".into()]).unwrap();
        assert!(!s.wants(CheckKind::Slowlog) && s.wants(CheckKind::Memory));
        assert!(Selection::new(vec!["nope".into()], vec![]).is_err());
        // Every name the output shows is accepted, reachability too (it always runs).
        let s = Selection::new(vec!["reachability".into()], vec![]).unwrap();
        assert!(s.wants(CheckKind::Reachability) && !s.wants(CheckKind::Memory));
        let s = Selection::new(vec![], vec!["reachability".into()]).unwrap();
        assert!(s.wants(CheckKind::Reachability) && s.skipped(CheckKind::Reachability));
        let e = Selection::new(vec!["nope".into()], vec![])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("known: reachability, latency, server, memory"),
            "{e}"
        );
        assert!(e.contains("cluster, cluster_state"), "{e}");
    }
}
