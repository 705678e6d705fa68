//! redkit: the operator toolbox for Redis-backed services.
//!
//! `run` parses the command line, resolves the settings once, and hands a `Ctx` to the command.
//! Commands build reports (plain data) and `output` renders them.

pub mod cli;
pub mod cmd;
pub mod connect;
pub mod db;
pub mod duration;
pub mod exit;
pub mod output;
pub mod resp;
pub mod settings;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::exit::ExitStatus;

/// Runs redkit with the process arguments and returns the exit code.
pub fn main_entry() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let is_health = subcommand_name(&args).as_deref() == Some("health");
    let cli = match cli::Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            let _ = e.print();
            let shown = matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            );
            if is_health && !shown && asks_nagios(&args) {
                let text = e.to_string();
                let line = text.lines().next().unwrap_or_default();
                plugin_unknown(line.strip_prefix("error: ").unwrap_or(line));
            }
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => ExitCode::SUCCESS,
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => ExitCode::from(2),
                // Monitoring plugins treat usage errors as UNKNOWN (3).
                _ if is_health => ExitCode::from(3),
                _ => ExitCode::from(2),
            };
        }
    };
    let health = cli.command.plugin_exit_codes();
    let nagios = health && cli.global.format == Some(cli::Format::Nagios);
    match cmd::dispatch(cli) {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) => {
            let status = report_error(&err, health);
            if nagios && status != ExitStatus::Success && status != ExitStatus::Interrupted {
                plugin_unknown(&format!("{err:#}"));
            }
            ExitCode::from(status.code())
        }
    }
}

/// Whether the command line asks for `--format nagios` (read before parsing succeeded).
fn asks_nagios(args: &[std::ffi::OsString]) -> bool {
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        w == "--format=nagios"
            || (w == "--format" && words.get(i + 1).map(String::as_str) == Some("nagios"))
    })
}

/// The monitoring plugin's line for a run that could not check anything: Nagios reads stdout,
/// so the reason goes there too (`|` would start perfdata).
fn plugin_unknown(reason: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "REDIS UNKNOWN - {}", reason.replace('|', "/"));
    let _ = stdout.flush();
}

/// The subcommand named on the command line: the first word that is neither a flag nor a
/// flag's value (`--profile health stream list` runs `stream`). Only used when parsing failed.
fn subcommand_name(args: &[std::ffi::OsString]) -> Option<String> {
    use clap::CommandFactory;
    let cmd = cli::Cli::command();
    let mut long = std::collections::HashSet::new();
    let mut short = std::collections::HashSet::new();
    for a in cmd
        .get_arguments()
        .filter(|a| a.get_action().takes_values())
    {
        long.extend(a.get_long().map(str::to_string));
        short.extend(a.get_short());
    }
    let mut it = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(a) = it.next() {
        if let Some(name) = a.strip_prefix("--") {
            if !name.contains('=') && long.contains(name) {
                it.next();
            }
        } else if let Some(flags) = a.strip_prefix('-').filter(|f| !f.is_empty()) {
            if flags.len() == 1 && flags.chars().next().is_some_and(|c| short.contains(&c)) {
                it.next();
            }
        } else {
            return Some(a);
        }
    }
    None
}

/// Prints an error as one line and picks its exit code. A closed pipe (`| head`) is not an
/// error worth a message.
fn report_error(err: &anyhow::Error, health: bool) -> ExitStatus {
    if err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    }) {
        return ExitStatus::Success;
    }
    let status = exit::classify(err);
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "redkit: error: {err:#}");
    if health {
        // UNKNOWN for usage and runtime failures that kept checks from running.
        return match status {
            ExitStatus::Interrupted => status,
            ExitStatus::Code(c) => ExitStatus::Code(c),
            _ => ExitStatus::Code(3),
        };
    }
    status
}

/// Waits for Ctrl-C (SIGINT) or SIGTERM.
pub async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
