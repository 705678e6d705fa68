//! `--diff OLD.json`: growth per group between an earlier analysis (its `--format json`) and
//! this one, sorted by absolute growth of memory.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::tally::Group;
use crate::exit;

#[derive(Debug, Deserialize)]
struct OldReport {
    groups: Vec<OldGroup>,
    separator: Option<String>,
    depth: Option<usize>,
    /// The one database it covered (null or absent: every database).
    #[serde(default)]
    only_db: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct OldGroup {
    group: String,
    keys: u64,
    bytes: u64,
}

/// An earlier analysis: group → (keys, bytes).
pub struct Baseline(HashMap<String, (u64, u64)>);

#[derive(Debug, Clone, Serialize)]
pub struct GroupDiff {
    pub group: String,
    pub keys_before: u64,
    pub keys_after: u64,
    pub keys_change: i64,
    pub bytes_before: u64,
    pub bytes_after: u64,
    pub bytes_change: i64,
    /// Percent change of bytes; null for a new group.
    pub bytes_change_pct: Option<f64>,
}

impl Baseline {
    /// Reads OLD.json, refusing (exit 2) a file that is not an analysis, or one grouped with
    /// another --depth or --separator, or one of other databases than `db` (its groups would
    /// not compare with these).
    pub fn load(
        path: &std::path::Path,
        separator: &str,
        depth: usize,
        db: Option<u64>,
    ) -> anyhow::Result<Baseline> {
        let shown = super::shown_path(path);
        let text = std::fs::read(path).map_err(|e| exit::usage(format!("--diff {shown}: {e}")))?;
        let old: OldReport = serde_json::from_slice(&text).map_err(|e| {
            exit::usage(format!(
                "--diff {shown}: not the JSON of `cache analyze --format json`: {e}"
            ))
        })?;
        let (old_sep, old_depth) = (
            old.separator.as_deref().unwrap_or(":"),
            old.depth.unwrap_or(2),
        );
        if old_sep != separator || old_depth != depth {
            return Err(exit::usage(format!(
                "--diff {shown}: the baseline is grouped with --depth {old_depth} --separator {:?}, \
                 this analysis with --depth {depth} --separator {:?}: run both with the same",
                crate::output::escape::escape_str(old_sep),
                crate::output::escape::escape_str(separator),
            )));
        }
        if old.only_db != db {
            let scope = |d: Option<u64>| {
                d.map_or("every database".to_string(), |d| {
                    format!("database {d} only")
                })
            };
            return Err(exit::usage(format!(
                "--diff {shown}: the baseline covers {}, this analysis {}: run both over the same",
                scope(old.only_db),
                scope(db)
            )));
        }
        Ok(Baseline(
            old.groups
                .into_iter()
                .map(|g| (g.group, (g.keys, g.bytes)))
                .collect(),
        ))
    }

    pub fn compare(&self, groups: &[Group]) -> Vec<GroupDiff> {
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<GroupDiff> = groups
            .iter()
            .map(|g| {
                seen.insert(g.group.as_str());
                let (k0, b0) = self.0.get(&g.group).copied().unwrap_or((0, 0));
                diff(&g.group, (k0, b0), (g.keys, g.bytes))
            })
            .collect();
        for (name, before) in &self.0 {
            if !seen.contains(name.as_str()) {
                out.push(diff(name, *before, (0, 0)));
            }
        }
        out.retain(|d| d.bytes_change != 0 || d.keys_change != 0);
        out.sort_by(|a, b| {
            b.bytes_change
                .unsigned_abs()
                .cmp(&a.bytes_change.unsigned_abs())
                .then_with(|| a.group.cmp(&b.group))
        });
        out
    }
}

fn diff(group: &str, (k0, b0): (u64, u64), (k1, b1): (u64, u64)) -> GroupDiff {
    GroupDiff {
        group: group.to_string(),
        keys_before: k0,
        keys_after: k1,
        keys_change: k1 as i64 - k0 as i64,
        bytes_before: b0,
        bytes_after: b1,
        bytes_change: b1 as i64 - b0 as i64,
        bytes_change_pct: (b0 > 0).then(|| (b1 as f64 - b0 as f64) * 100.0 / b0 as f64),
    }
}
