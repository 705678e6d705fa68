//! `redkit completions SHELL`: the script `docs` generates, as committed in `completions/`.

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

/// Prints the completion script for the shell: `script` is the one the committed
/// `completions/` hold (`docs::completion_script`, built by the caller), so an installed
/// script and the committed file never differ.
pub fn run(script: &[u8]) -> anyhow::Result<ExitStatus> {
    let mut out = std::io::stdout().lock();
    out.write_all(script)?;
    out.flush()?;
    Ok(ExitStatus::Success)
}
