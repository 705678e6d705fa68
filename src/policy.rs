//! The exit policy: which exit codes a command's failures take, decided once per command
//! from clap's own parse of the command line. `health` is a monitoring plugin: its usage and
//! runtime failures are UNKNOWN (3), and with `--format nagios` the plugin line goes to stdout
//! too; every other command exits 2 for a usage error.

use std::io::Write;
use std::process::ExitCode;

use clap::error::ErrorKind;

use crate::exit::ExitStatus;

/// How a command's failures end the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitPolicy {
    /// 2 for usage errors, the error's own code otherwise.
    Plain,
    /// Nagios plugin codes: a failure that kept the checks from running is UNKNOWN (3);
    /// `nagios` prints the plugin's UNKNOWN line on stdout as well.
    Plugin { nagios: bool },
}

impl ExitPolicy {
    /// The policy of the command line, read from clap's partial parse (errors ignored), so a
    /// command line that fails to parse still gets its command's policy.
    pub fn of_args(args: &[std::ffi::OsString]) -> ExitPolicy {
        let mut args = args.to_vec();
        // Bounded: each round drops one word.
        for _ in 0..=args.len() {
            let matches = crate::cli::command()
                .ignore_errors(true)
                .try_get_matches_from(&args);
            let Ok(matches) = matches else {
                return ExitPolicy::Plain;
            };
            if let Some((name, sub)) = matches.subcommand() {
                return match name {
                    "health" => ExitPolicy::Plugin {
                        nagios: match format_of(sub).or_else(|| format_of(&matches)) {
                            Some(format) => format == "nagios",
                            // clap's partial parse stops reading at the first argument it
                            // refuses, so a `--format` after that one is only found among the
                            // words.
                            None => words_ask_nagios(&args),
                        },
                    },
                    _ => ExitPolicy::Plain,
                };
            }
            // clap stopped before the command (an unknown global flag in front of it): drop the
            // word its own error names and read on, so `--bad health` is still health's line.
            match refused_word(&args) {
                Some(at) => {
                    args.remove(at);
                }
                None => return ExitPolicy::Plain,
            }
        }
        ExitPolicy::Plain
    }

    /// Prints a parse error (or the help or version asked for) and picks the exit code.
    pub fn parse_failed(self, e: &clap::Error) -> ExitCode {
        let _ = e.print();
        match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => ExitCode::SUCCESS,
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => ExitCode::from(2),
            _ => match self {
                ExitPolicy::Plain => ExitCode::from(2),
                ExitPolicy::Plugin { nagios } => {
                    if nagios {
                        let text = e.to_string();
                        let line = text.lines().next().unwrap_or_default();
                        plugin_unknown(line.strip_prefix("error: ").unwrap_or(line));
                    }
                    // Monitoring plugins treat usage errors as UNKNOWN (3).
                    ExitCode::from(3)
                }
            },
        }
    }

    /// The exit status of a command that failed with `err` (already classified by
    /// `exit::classify`): under the plugin policy, UNKNOWN for usage and runtime failures that
    /// kept checks from running.
    pub fn status_of(self, status: ExitStatus) -> ExitStatus {
        match self {
            ExitPolicy::Plain => status,
            ExitPolicy::Plugin { .. } => match status {
                ExitStatus::Interrupted | ExitStatus::Code(_) => status,
                _ => ExitStatus::Code(3),
            },
        }
    }

    /// After a failed run: the plugin's UNKNOWN line when the policy prints one.
    pub fn run_failed(self, err: &anyhow::Error, status: ExitStatus) {
        if self == (ExitPolicy::Plugin { nagios: true })
            && status != ExitStatus::Success
            && status != ExitStatus::Interrupted
        {
            plugin_unknown(&format!("{err:#}"));
        }
    }
}

/// Where the argument clap's strict parse refuses stands among the words (never the program
/// name), from the error's own context.
fn refused_word(args: &[std::ffi::OsString]) -> Option<usize> {
    use clap::error::{ContextKind, ContextValue};
    let e = crate::cli::command().try_get_matches_from(args).err()?;
    let Some(ContextValue::String(bad)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let bad = bad.split_whitespace().next()?;
    args.iter()
        .skip(1)
        .position(|a| {
            let a = a.to_string_lossy();
            a == bad
                || a.strip_prefix(bad)
                    .is_some_and(|rest| rest.starts_with('='))
        })
        .map(|i| i + 1)
}

/// The `--format` value clap read at this level of the parse, as given.
fn format_of(m: &clap::ArgMatches) -> Option<String> {
    let mut values = m.try_get_raw("format").ok().flatten()?;
    values.next_back().map(|v| v.to_string_lossy().into_owned())
}

/// Whether the words of the command line ask for `--format nagios`.
fn words_ask_nagios(args: &[std::ffi::OsString]) -> bool {
    let words: Vec<_> = args.iter().map(|a| a.to_string_lossy()).collect();
    words.iter().enumerate().any(|(i, w)| {
        w == "--format=nagios"
            || (w == "--format" && words.get(i + 1).is_some_and(|v| v == "nagios"))
    })
}

/// The monitoring plugin's line for a run that could not check anything: Nagios reads stdout,
/// so the reason goes there too (`|` would start perfdata).
fn plugin_unknown(reason: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "REDIS UNKNOWN - {}", reason.replace('|', "/"));
    let _ = stdout.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(args: &[&str]) -> ExitPolicy {
        let mut v = vec![std::ffi::OsString::from("redkit")];
        v.extend(args.iter().map(std::ffi::OsString::from));
        ExitPolicy::of_args(&v)
    }

    const PLUGIN: ExitPolicy = ExitPolicy::Plugin { nagios: false };
    const NAGIOS: ExitPolicy = ExitPolicy::Plugin { nagios: true };

    #[test]
    fn health_takes_the_plugin_policy_even_when_its_line_fails_to_parse() {
        assert_eq!(policy(&["health"]), PLUGIN);
        assert_eq!(policy(&["health", "--no-such-flag"]), PLUGIN);
        assert_eq!(
            policy(&["-u", "redis://h", "health", "--no-such-flag"]),
            PLUGIN
        );
        assert_eq!(policy(&["health", "--warn-memory", "lots"]), PLUGIN);
        assert_eq!(policy(&["health", "--format", "nagios"]), NAGIOS);
        assert_eq!(
            policy(&["health", "--format=nagios", "--check", "x"]),
            NAGIOS
        );
        assert_eq!(
            policy(&["health", "--no-such-flag", "--format", "nagios"]),
            NAGIOS
        );
        assert_eq!(
            policy(&["health", "--samples", "0", "--format", "nagios"]),
            NAGIOS
        );
        assert_eq!(policy(&["health", "--format", "json"]), PLUGIN);
        // A bad flag in front of the command: still health's line.
        assert_eq!(
            policy(&[
                "-u",
                "redis://h",
                "--bad-flag",
                "health",
                "--format",
                "nagios"
            ]),
            NAGIOS
        );
        assert_eq!(
            policy(&["--format", "nagios", "--bad-flag", "health"]),
            NAGIOS
        );
        assert_eq!(policy(&["--bad-flag=1", "health"]), PLUGIN);
        assert_eq!(policy(&["--bad-flag", "ping"]), ExitPolicy::Plain);
        assert_eq!(
            policy(&["health", "--format", "json", "--no-such-flag"]),
            PLUGIN
        );
    }

    #[test]
    fn other_commands_take_the_plain_policy() {
        assert_eq!(policy(&[]), ExitPolicy::Plain);
        assert_eq!(policy(&["ping", "--format", "nagios"]), ExitPolicy::Plain);
        assert_eq!(
            policy(&["stream", "list", "--no-such-flag"]),
            ExitPolicy::Plain
        );
        // A flag's value that names a command is not the command.
        assert_eq!(
            policy(&["--profile", "health", "stream", "list", "--no-such-flag"]),
            ExitPolicy::Plain
        );
        assert_eq!(policy(&["no-such-command"]), ExitPolicy::Plain);
    }

    #[test]
    fn plugin_failures_are_unknown_and_plain_ones_keep_their_code() {
        for p in [PLUGIN, NAGIOS] {
            assert_eq!(p.status_of(ExitStatus::Usage), ExitStatus::Code(3));
            assert_eq!(p.status_of(ExitStatus::Runtime), ExitStatus::Code(3));
            assert_eq!(
                p.status_of(ExitStatus::Interrupted),
                ExitStatus::Interrupted
            );
            assert_eq!(p.status_of(ExitStatus::Code(2)), ExitStatus::Code(2));
        }
        let plain = ExitPolicy::Plain;
        assert_eq!(plain.status_of(ExitStatus::Usage), ExitStatus::Usage);
        assert_eq!(plain.status_of(ExitStatus::Runtime), ExitStatus::Runtime);
    }

    #[test]
    fn usage_errors_exit_3_under_the_plugin_policy_and_2_otherwise() {
        let err = crate::cli::command()
            .try_get_matches_from(["redkit", "health", "--no-such-flag"])
            .expect_err("an unknown flag");
        assert_eq!(PLUGIN.parse_failed(&err), ExitCode::from(3));
        assert_eq!(ExitPolicy::Plain.parse_failed(&err), ExitCode::from(2));
        let help = crate::cli::command()
            .try_get_matches_from(["redkit", "health", "--help"])
            .expect_err("help is an error kind");
        assert_eq!(PLUGIN.parse_failed(&help), ExitCode::SUCCESS);
    }
}
