//! Which entries a reader keeps: event types and a text to find, shared by read, tail and the
//! raw export.

use super::entry::{self, Entry, Pair};

/// What entries to print: event types and a text to find.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub event_types: Vec<String>,
    pub grep: Option<Vec<u8>>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.event_types.is_empty() && self.grep.is_none()
    }

    /// What matched nothing, for the note: `no entry of type task_completed`, `no entry
    /// containing "timeout"`, or both.
    pub fn describe_miss(&self) -> String {
        let mut s = "no entry".to_string();
        if !self.event_types.is_empty() {
            let types: Vec<String> = self
                .event_types
                .iter()
                .map(|t| crate::output::escape::escape_str(t))
                .collect();
            s.push_str(&format!(" of type {}", types.join(" or ")));
        }
        if let Some(g) = &self.grep {
            s.push_str(&format!(
                " containing \"{}\"",
                crate::output::escape::escape_bytes(g)
            ));
        }
        s
    }

    pub fn keeps(&self, e: &Entry) -> bool {
        self.keeps_pairs(&e.pairs())
    }

    pub fn keeps_pairs(&self, fields: &[Pair]) -> bool {
        (self.event_types.is_empty()
            || entry::event_type(fields).is_some_and(|t| self.event_types.iter().any(|w| w == t)))
            && self
                .grep
                .as_deref()
                .is_none_or(|g| entry::contains(fields, g))
    }
}

/// Event types from repeated and comma-separated flags.
pub fn split_types(v: &[String]) -> Vec<String> {
    v.iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}
