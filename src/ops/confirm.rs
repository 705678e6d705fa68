//! The one confirmation of every destructive command (cache flush, stream trim and group
//! operations, migrate): refused before any work when nobody can confirm (no terminal, no
//! `--yes`: exit 2, nothing changed), asked on the terminal otherwise, skipped by a dry run.

use std::io::IsTerminal;

use crate::exit;

/// A command's `--yes` and `--dry-run` (`cmd::ConfirmArgs`), and what it is called in
/// messages. Only `new` makes one, and it refuses when nobody can confirm, so holding one
/// means the run may go on to its work.
#[derive(Debug, Clone, Copy)]
pub struct Destructive<'a> {
    what: &'a str,
    yes: bool,
    dry_run: bool,
}

impl<'a> Destructive<'a> {
    /// Called before the first connection: with no terminal to ask on, no `--yes` and no dry
    /// run, the run is refused now (exit 2), not after its work.
    pub fn new(what: &'a str, yes: bool, dry_run: bool) -> anyhow::Result<Destructive<'a>> {
        let d = Destructive { what, yes, dry_run };
        if !dry_run && !yes && !std::io::stdin().is_terminal() {
            return Err(d.refusal());
        }
        Ok(d)
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
