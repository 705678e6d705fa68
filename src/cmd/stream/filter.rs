//! Which entries a reader keeps: event types and a text to find, shared by read, tail and the
//! raw export.

use super::entry::{self, Entry, Pair};
use super::name::Name;

/// What entries to print: event types and a text to find, both as bytes (a field value need
/// not be UTF-8, and the flags take the shell's bytes).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub event_types: Vec<Vec<u8>>,
    pub grep: Option<Vec<u8>>,
    /// `--where` conditions, all of which must hold.
    pub wheres: Vec<super::cond::Cond>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.event_types.is_empty() && self.grep.is_none() && self.wheres.is_empty()
    }

    /// What matched nothing, for the note: `no entry of type task_completed`, `no entry
    /// containing "timeout"`, or both.
    pub fn describe_miss(&self) -> String {
        let mut s = "no entry".to_string();
        if !self.event_types.is_empty() {
            let types: Vec<String> = self
                .event_types
                .iter()
                .map(|t| crate::output::escape::escape_bytes(t))
                .collect();
            s.push_str(&format!(" of type {}", types.join(" or ")));
        }
        if let Some(g) = &self.grep {
            s.push_str(&format!(
                " containing \"{}\"",
                crate::output::escape::escape_bytes(g)
            ));
        }
        if !self.wheres.is_empty() {
            let w: Vec<String> = self
                .wheres
                .iter()
                .map(|c| crate::output::escape::escape_str(&c.text))
                .collect();
            s.push_str(&format!(" where {}", w.join(" and ")));
        }
        s
    }

    pub fn keeps(&self, e: &Entry) -> bool {
        self.keeps_pairs(&e.pairs())
    }

    pub fn keeps_pairs(&self, fields: &[Pair]) -> bool {
        (self.event_types.is_empty()
            || entry::find(fields, b"event_type")
                .is_some_and(|t| self.event_types.iter().any(|w| w == t)))
            && self
                .grep
                .as_deref()
                .is_none_or(|g| entry::contains(fields, g))
            && self.wheres.iter().all(|c| c.keeps(fields))
    }
}

/// Parses every `--where` (exit 2 on a bad one).
pub fn parse_wheres(v: &[String]) -> anyhow::Result<Vec<super::cond::Cond>> {
    v.iter().map(|w| super::cond::Cond::parse(w)).collect()
}

/// Event types from repeated and comma-separated flags, as the bytes given.
pub fn split_types(v: &[Name]) -> Vec<Vec<u8>> {
    v.iter()
        .flat_map(|s| s.as_bytes().split(|&c| c == b','))
        .map(<[u8]>::trim_ascii)
        .filter(|s| !s.is_empty())
        .map(<[u8]>::to_vec)
        .collect()
}
