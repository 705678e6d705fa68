//! The one confirmation of every destructive command (cache flush, stream trim and group
//! operations, migrate): refused before any work when nobody can confirm (no terminal, no
//! `--yes`: exit 2, nothing changed), asked on the terminal otherwise, skipped by a dry run.

use std::io::IsTerminal;

use crate::exit;

/// A command's `--yes` and `--dry-run`, and what it is called in messages.
#[derive(Debug, Clone, Copy)]
pub struct Destructive<'a> {
    pub what: &'a str,
    pub yes: bool,
    pub dry_run: bool,
}

/// The decision for a destructive command.
pub fn destructive(what: &str, yes: bool, dry_run: bool) -> Destructive<'_> {
    Destructive { what, yes, dry_run }
}

impl Destructive<'_> {
    /// Called before the first connection: with no terminal to ask on and no `--yes`, the run
    /// is refused now (exit 2), not after its work.
    pub fn check_early(&self) -> anyhow::Result<()> {
        if !self.dry_run && !self.yes && !std::io::stdin().is_terminal() {
            return Err(self.refusal());
        }
        Ok(())
    }

    /// Called just before changing anything: true to go on (a dry run never asks, and changes
    /// nothing either way), false when the operator answered no.
    pub fn confirm(&self, question: &str) -> anyhow::Result<bool> {
        if self.yes || self.dry_run {
            return Ok(true);
        }
        let q = question.trim_end_matches('?');
        crate::output::confirm(&format!("{q}?"), &self.refusal().to_string())
    }

    fn refusal(&self) -> anyhow::Error {
        exit::usage(format!(
            "{}: refusing to change anything without --yes (no terminal to confirm on; use --dry-run to preview)",
            self.what
        ))
    }
}
