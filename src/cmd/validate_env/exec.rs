//! `redkit run`: validate the environment as `validate-env` does (and with `--wait`, wait for
//! the services it names), then `exec` the command with exactly the environment that was
//! validated: the real one, the `.env` values in the chosen dialect, spec defaults and secrets
//! read from files. exec replaces redkit, so the command keeps redkit's pid (signals reach it)
//! and its exit code is the process's. This command is validate-env followed by exec, so it
//! builds on `cmd::validate_env` (the one command that another one uses).

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::time::Duration;

use clap::Args;

use super::{self as validate_env, CheckArgs};
use crate::cmd::Ctx;
use crate::exit::{self, ExitStatus};

pub const EXAMPLES: &str = "\
Examples:
  exec redkit run --wait 60s -- python main.py     start.sh: check, wait for Redis, start
  redkit run --spec env-spec.yaml -- ./server --port 8080
  redkit run --dotenv shell -- env                 the environment the command would get

The check is validate-env's (--spec, the config's env: section, or the built-in spec). On a
failed check the report is printed and redkit exits 1 without starting CMD. --wait DUR (or
--connect) also connects to every Redis and database the variables name, retrying for up to
DUR what is not there yet. Then CMD replaces redkit (exec): same pid, its own exit code and
signals. Exit 127 when CMD cannot be found, 126 when it cannot be run.";

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub check: CheckArgs,

    /// Before starting, connect to every Redis and database the variables name
    #[arg(long)]
    pub connect: bool,

    /// Wait up to DUR for the Redis servers and databases the variables name to be ready
    /// (as `wait` does; implies --connect)
    #[arg(long, value_name = "DUR", value_parser = crate::duration::clap_parse)]
    pub wait: Option<Duration>,

    /// The command to start, after `--`
    #[arg(last = true, required = true, value_name = "CMD")]
    pub command: Vec<OsString>,
}

pub fn run(ctx: &Ctx, args: &RunArgs) -> anyhow::Result<ExitStatus> {
    let spec = validate_env::find_spec(ctx, &args.check)?;
    let connect = (args.connect || args.wait.is_some()).then(|| args.wait.unwrap_or_default());
    let (report, extra) = validate_env::check(ctx, &spec, &args.check, None, connect)?;
    if !report.ok {
        ctx.out.emit_outcome(&report, false)?;
        ctx.out
            .problem("redkit run: the check failed; the command was not started");
        return Ok(ExitStatus::Problem);
    }
    for w in &report.warnings {
        ctx.out.warn(crate::output::escape::escape_str(w));
    }
    let Some((program, rest)) = args.command.split_first() else {
        return Err(exit::usage(
            "run: no command given (redkit run -- CMD [ARGS...])",
        ));
    };
    let env = validate_env::environment(&ctx.settings.vars, extra);
    let err = std::process::Command::new(program)
        .args(rest)
        .env_clear()
        .envs(env)
        .exec();
    // exec returns only when the command could not be started.
    let shown = crate::output::escape::escape_str(&program.to_string_lossy());
    let (code, what) = match err.kind() {
        std::io::ErrorKind::NotFound => (127, "not found"),
        std::io::ErrorKind::PermissionDenied => (126, "permission denied"),
        _ => (126, "cannot be run"),
    };
    ctx.out
        .problem(format!("redkit: error: run: {shown}: {what} ({err})"));
    Ok(ExitStatus::Code(code))
}
