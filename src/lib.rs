//! redkit: the operator toolbox for Redis-backed services.
//!
//! # Layers
//! Each layer imports only the layers below it; nothing imports upward and there are no cycles
//! (check with any import-graph tool, or `grep -rn "crate::cmd::" src/ops src/redis`).
//!
//! | layer | owns | may import |
//! |---|---|---|
//! | `main.rs`, `lib.rs` | process entry; `dispatch`: settings, output, runtime, Ctrl-C race | everything |
//! | `policy` | the exit policy of each command, chosen from clap's parse (`health`: Nagios codes, usage errors UNKNOWN (3) with the plugin line under `--format nagios`) | `cli`, `exit` |
//! | `cli` | every clap type; converts flags into `SettingsInput` (each connection flag keyed by its row) / `OutputOptions` | `cmd` (Args), `output`, `settings`, `exit`, `duration` |
//! | `docs` | completion scripts and man pages from the clap definition; ENVIRONMENT from the settings table | `cli`, `settings::keys` |
//! | `cmd/<name>` | one command: its Args, `run`, its report (plain data) and its table; `cmd/mod.rs`: `Ctx` and `ConfirmArgs`, shared by all | the layers below, never another `cmd` (`run` is `validate_env::exec`: the check, then exec) |
//! | `ops` | what commands share: one SCAN, the UNLINK engine, key globs, key shapes (`shape`: the groups of `stats --top-prefixes` and `analyze`), readiness probes, units | `redis`, `db`, `output`, `signal` |
//! | `rdb` | the streaming reader of RDB dump files (versions 1-12, every encoding, CRC64): keys with type, encoding, length, serialized size, expiry and estimated memory (`rdb::memory`), one forward pass through a fixed buffer | std and `crc` only |
//! | `redis` | the protocol: `Target` (mode and authentication from the effective settings), typed errors (`ServerCode`), redis-rs nodes, the one raw RESP connection, cluster slots (the one slot hash), INFO, stream ids and stream replies decoded once (`stream_id`, `streams`) | `output::escape`, `settings`, `secret`, `exit`, `duration`, `files` |
//! | `db` | SQL through sqlx: one pool from a URL, dialect differences in exhaustive matches | `secret`, `exit` |
//! | `output` | stdout/stderr: `Render` and formats, `emit`/`emit_outcome` (-q), notes, prompts (confirmation, `--askpass`), progress, escaping of untrusted text; the one table renderer (`table`, by display width: `width`), times (`time`), figures and plurals (`number`) | `exit`, `secret` |
//! | `settings` | flags > env > .env > YAML > defaults, from a plain `SettingsInput`; the table of settings (`keys`); Redis URLs and endpoints (`endpoint`), whose parts are weighed into the effective connection settings here and nowhere else; config search path | `secret`, `exit`, `duration`, `files` |
//! | `secret`, `signal`, `exit`, `duration`, `files` | `Secret` and masking; Ctrl-C and `Stop`; exit codes; durations; bounded reads of named files | std only (`signal`: `output::stderr_line`) |
//!
//! # Where things go
//! - A new command: `src/cmd/<name>/` with `Args` (+ `EXAMPLES`), `run(ctx, args)`, a
//!   `#[derive(Serialize)]` report implementing `output::Render` and `output::Formats`; one
//!   variant in `cli::Command`, one row in `cli::FORMATS` naming the report type (its
//!   `--help` and `--format` check), one arm in `dispatch`; regenerate completions and man pages.
//! - A new health check: one variant and one registry entry in `cmd/health/` (name, default
//!   thresholds, flag/config key, judge function).
//! - A new output format: a variant of `output::Format` (clap parses it as it is), a method on
//!   `Render` with a default, one arm in `Output::write_report`.
//! - A new database: a variant of `db::Dialect`; every `match` on it is exhaustive, so the
//!   compiler lists each place that must decide.
//! - A new setting: one row in `settings::keys` (flag, variables, config path, default,
//!   secret, starter line), listed in `KEYS`; resolution, defaults, `config show`, `init` and
//!   the check of the config's keys follow from it. Its typed field in `Settings` (or
//!   `RedisSettings`) names the row in `shown` (a field without one does not compile; a row
//!   without a field fails `every_row_has_a_field_and_every_field_a_row`). A connection flag
//!   is a field of `cli::ConnArgs`, keyed by its row in one line of `ConnArgs::flags`
//!   (`every_connection_flag_has_its_row` fails for a flag without its row or line).
//! - A new destructive command: flatten `cmd::ConfirmArgs` (`-y, --yes`, `--dry-run`) and take
//!   its `guard` before the first connection (it refuses, exit 2, when nobody can confirm).
//! - Anything two commands need: `ops/` (or `redis/` when it is protocol).

pub mod cli;
pub mod cmd;
pub mod db;
pub mod docs;
pub mod duration;
pub mod exit;
pub mod files;
pub mod ops;
pub mod output;
pub mod policy;
pub mod rdb;
pub mod redis;

pub mod secret;
pub mod settings;
pub mod signal;

use std::process::ExitCode;

use crate::exit::ExitStatus;
use crate::output::Format;
use crate::policy::ExitPolicy;

/// Runs redkit with the process arguments and returns the exit code.
pub fn main_entry() -> ExitCode {
    quiet_on_closed_pipe_panics();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Decided only when something failed: it parses the words again, a cost every successful
    // run (a start-up gate) would pay for nothing.
    let policy = || ExitPolicy::of_args(&args);
    let cli = match cli::Cli::try_parse_args(&args) {
        Ok(cli) => cli,
        Err(e) => return policy().parse_failed(&e),
    };
    match dispatch(cli) {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) => {
            let policy = policy();
            let status = report_error(&err, policy);
            policy.run_failed(&err, status);
            ExitCode::from(status.code())
        }
    }
}

/// A safety net under the typed handling of a closed stdout (`output::is_broken_pipe`): code
/// outside redkit that panics when its write fails (clap_complete did, `println!` does) ends the
/// process quietly with 0, as `cat` would, instead of a panic message and exit 101. Only a
/// panic message is there to judge by.
fn quiet_on_closed_pipe_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let msg = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if msg.contains("BrokenPipe") || msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}

/// Runs the parsed command line: settings and output resolved once, the command on a runtime
/// raced against Ctrl-C where it does not handle Ctrl-C itself.
pub fn dispatch(cli: cli::Cli) -> anyhow::Result<ExitStatus> {
    use cli::Command;
    use cmd::*;
    let input = cli.settings_input()?;
    cli.check_format()?;
    let opts = cli.global.output_options();
    // Every command's default format is the table; rustls needs its provider chosen once
    // (cheap, and no network) before any TLS connection.
    let ctx = || cmd::ctx(&input, &opts, Format::Table);
    init_tls();
    match cli.command {
        Command::Completions(a) => completions::run(&docs::completion_script(a.shell)),
        Command::Init(a) => init::run(&a, &output::Output::new(&opts, Format::Table)),
        // A gate read by scripts: an error (a malformed .env, a bad spec) is a JSON document too.
        Command::ValidateEnv(a) => validate_env::or_error_document(
            ctx().and_then(|c| validate_env::run(&c, &a.args)),
            &opts,
        ),
        Command::Run(a) => {
            validate_env::or_error_document(ctx().and_then(|c| run::run(&c, &a.args)), &opts)
        }
        Command::Config(a) => config::run(&ctx()?, &a.args),
        Command::Bench(a) => block_on_graceful(bench::run(&ctx()?, &a.args)),
        Command::Cache(a) => block_on_graceful(cache::run(&ctx()?, &a.args)),
        Command::Health(a) => {
            let c = ctx()?;
            // A watch handles Ctrl-C itself: it exits with the last round's status.
            if a.args.watch.is_some() {
                block_on_graceful(health::run(&c, &a.args))
            } else {
                block_on(health::run(&c, &a.args))
            }
        }
        Command::Ping(a) => block_on(ping::run(&ctx()?, &a.args)),
        Command::Stream(a) => {
            let c = ctx()?;
            if stream::reports_interruption(&a.args) {
                block_on_graceful(stream::run(&c, &a.args))
            } else {
                block_on(stream::run(&c, &a.args))
            }
        }
        Command::Wait(a) => block_on_graceful(wait::run(&ctx()?, &a.args)),
        // top handles SIGINT/SIGTERM itself: it restores the terminal first.
        Command::Top(a) => block_on_graceful(top::run(&ctx()?, &a.args)),
        Command::Migrate(a) => block_on_graceful(migrate::run(&ctx()?, &a.args)),
    }
}

/// Prints an error as one line and picks its exit code. A closed pipe (`| head`) is not an
/// error worth a message.
fn report_error(err: &anyhow::Error, policy: ExitPolicy) -> ExitStatus {
    if output::is_broken_pipe(err) {
        return ExitStatus::Success;
    }
    let status = exit::classify(err);
    // Errors name files, keys and server replies: their control bytes are shown, not obeyed.
    // Wrapped at words on a terminal, one line elsewhere.
    let msg = output::escape::escape_str(&format!("{err:#}"));
    output::stderr_line(&format!("redkit: error: {msg}"));
    policy.status_of(status)
}
