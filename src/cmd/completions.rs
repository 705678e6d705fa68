//! `redkit completions SHELL`, and the generators behind the committed `completions/` and `man/`.

use std::io::Write;

use clap::Args;
use clap_complete::Shell;

use crate::exit::ExitStatus;

pub const EXAMPLES: &str = "\
Examples:
  redkit completions bash > /etc/bash_completion.d/redkit
  redkit completions zsh > \"${fpath[1]}/_redkit\"
  redkit completions fish > ~/.config/fish/completions/redkit.fish";

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints the completion script of `cli` (the whole command line, built by the caller) for
/// the shell.
pub fn run(args: &CompletionsArgs, mut cli: clap::Command) -> anyhow::Result<ExitStatus> {
    // clap_complete panics when its writer fails: it writes into memory, and the write to
    // stdout returns the error (a closed pipe then ends the command quietly).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cli, "redkit", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitStatus::Success)
}
