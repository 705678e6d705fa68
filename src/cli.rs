//! Every top-level clap type: the command line, global options and the command list.
//! Each command's own flags live beside it in `cmd/<name>.rs`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::cmd;
use crate::duration;
use crate::exit;
use crate::output::{ColorChoice, Format, OutputOptions};
use crate::settings::{ConnFlags, SettingsInput, keys};

const EXAMPLES: &str = "\
Examples:
  redkit validate-env                      check the environment and ./.env before start-up
  redkit validate-env --spec env.yaml --strict
  redkit ping -u redis://cache.internal:6379
  redkit cache flush --prefix agent:cache: --dry-run
  redkit stream tail job_events:42 --until-event task_completed,task_failed
  redkit config --format json              resolved settings and where each came from
  redkit init                              write a commented starter redkit.yaml

Exit codes: 0 ok, 1 problem found, 2 usage/config error, 3 runtime failure, 130 interrupted.";

/// The operator toolbox for Redis-backed services.
#[derive(Debug, Parser)]
#[command(
    name = "redkit",
    version,
    about = "The operator toolbox for Redis-backed services",
    long_about = "The operator toolbox for Redis-backed services: environment validation, \
                  Redis checks and maintenance, in one fast binary for shells, start-up scripts \
                  and cron.",
    after_help = EXAMPLES,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,

    /// The subcommand words given (`["cache", "stats"]`), to find the command's formats.
    #[arg(skip)]
    pub path: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the environment and .env against a spec (required/recommended/optional, typed)
    #[command(name = "validate-env", after_help = cmd::validate_env::EXAMPLES)]
    ValidateEnv(WithTimeouts<cmd::validate_env::ValidateEnvArgs>),

    /// Check every node's health against thresholds (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)
    #[command(after_help = cmd::health::EXAMPLES)]
    Health(Box<WithConn<cmd::health::HealthArgs>>),

    /// Connect to Redis (standalone, cluster or through Sentinel) and report who answered
    #[command(after_help = cmd::ping::EXAMPLES)]
    Ping(WithConn<cmd::ping::PingArgs>),

    /// Flush or size cache keys by prefix or pattern (SCAN + UNLINK, never FLUSHDB)
    #[command(after_help = cmd::cache::EXAMPLES)]
    Cache(WithConn<cmd::cache::CacheArgs>),

    /// Generate load and measure latency percentiles; save and compare baselines
    #[command(after_help = cmd::bench::EXAMPLES)]
    Bench(WithConn<cmd::bench::BenchArgs>),
    /// Inspect and operate the application's Redis Streams: list, read, tail, jobs, groups, claim, trim
    #[command(after_help = cmd::stream::EXAMPLES)]
    Stream(WithConn<cmd::stream::StreamArgs>),
    /// Live view of every node: ops/s, p99, memory, hit %, clients, evictions, lag (q quits)
    #[command(after_help = cmd::top::EXAMPLES)]
    Top(Box<WithConn<cmd::top::TopArgs>>),
    /// Block until Redis and the database are ready (exit 3 naming what is not, after --max-wait)
    #[command(after_help = cmd::wait::EXAMPLES)]
    Wait(WithConn<cmd::wait::WaitArgs>),
    /// Validate the environment (optionally wait for its services), then exec CMD with it
    #[command(after_help = cmd::run::EXAMPLES)]
    Run(WithTimeouts<cmd::run::RunArgs>),
    /// Database migrations of the application's tables (message_recipients)
    #[command(after_help = cmd::migrate::EXAMPLES)]
    Migrate(WithTimeouts<cmd::migrate::MigrateArgs>),

    /// Show the resolved settings and where each came from, secrets masked
    #[command(after_help = cmd::config::EXAMPLES)]
    Config(WithConn<cmd::config::ConfigArgs>),

    /// Write a commented starter redkit.yaml
    #[command(after_help = cmd::init::EXAMPLES)]
    Init(cmd::init::InitArgs),

    /// Print a shell completion script
    #[command(after_help = cmd::completions::EXAMPLES)]
    Completions(cmd::completions::CompletionsArgs),
}

/// A command that talks to Redis: its own flags plus the connection options, which are global
/// within its subtree (`redkit stream read KEY -u URL`). Values given here win over the same
/// options given before the subcommand.
#[derive(Debug, Args)]
pub struct WithConn<T: Args> {
    #[command(flatten)]
    pub conn: ConnArgs,

    #[command(flatten)]
    pub args: T,
}

/// A command that does not talk to Redis but connects all the same (a database, or the
/// targets of `validate-env --connect`): only the two timeouts, global within its subtree.
#[derive(Debug, Args)]
pub struct WithTimeouts<T: Args> {
    #[command(flatten)]
    pub timeouts: TimeoutArgs,

    #[command(flatten)]
    pub args: T,
}

/// `--connect-timeout` and `--timeout` for the commands without the Redis options.
#[derive(Debug, Args, Clone, Default)]
pub struct TimeoutArgs {
    /// Connect timeout, e.g. 500ms, 5s [default: 5s]
    #[arg(long, global = true, value_name = "DUR", value_parser = duration::clap_parse_positive, help_heading = "Timeouts")]
    pub connect_timeout: Option<Duration>,

    /// Timeout for each reply or statement [default: 5s]
    #[arg(long, global = true, value_name = "DUR", value_parser = duration::clap_parse_positive, help_heading = "Timeouts")]
    pub timeout: Option<Duration>,
}

impl Cli {
    /// Parses a command line with the definition of `command()` (never the derive's own, which
    /// would offer the connection options on every subcommand).
    pub fn try_parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::FromArgMatches;
        let mut cmd = command();
        let parsed = cmd.try_get_matches_from_mut(args);
        // Freeing the definition of every command and flag cost a start-up gate (`validate-env`)
        // more than parsing its line did (callgrind): it is needed once per process, and
        // the process ends soon after, so it is left for the exit to reclaim.
        std::mem::forget(cmd);
        let mut matches = parsed?;
        let mut path = Vec::new();
        let mut at = &matches;
        while let Some((name, sub)) = at.subcommand() {
            path.push(name.to_string());
            at = sub;
        }
        let mut cli =
            Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command()))?;
        cli.path = path;
        Ok(cli)
    }

    /// Refuses, before any work, a `--format` the command cannot print (also when given before
    /// the subcommand, where clap offers every format): a usage error naming the command and
    /// its formats.
    pub fn check_format(&self) -> anyhow::Result<()> {
        let Some((_, formats)) = FORMATS.iter().find(|(p, _)| *p == self.path.as_slice()) else {
            return Ok(());
        };
        let format = self.global.format.unwrap_or(Format::Table);
        crate::output::format::require(format, &self.path.join(" "), formats)
    }

    /// The plain input of the settings layer: the connection options given after the
    /// subcommand win over those given before it.
    ///
    /// The pairs clap cannot check across the two places (`--sentinel` here, `--master-name`
    /// there) are checked here, on the merged options; a missing master name may still come
    /// from the config, so that one is left to the target.
    pub fn settings_input(&self) -> anyhow::Result<SettingsInput> {
        let mut conn = match self.command.conn() {
            Some(sub) => sub.clone().flags().or(self.global.conn.clone().flags()),
            None => self.global.conn.clone().flags(),
        };
        if let Some(t) = self.command.timeouts() {
            conn = t.clone().flags().or(conn);
        }
        check(&conn)?;
        // validate-env's and run's `env.*` settings (`--dotenv`, `--require-spec`, ...).
        match &self.command {
            Command::ValidateEnv(a) => a.args.check.flags(&mut conn),
            Command::Run(a) => a.args.check.flags(&mut conn),
            _ => {}
        }
        Ok(self.global.settings_input(conn))
    }
}

/// Options that exclude or need each other, wherever they were given (clap shares the values
/// of one id between the two places, so which came first is not known here).
fn check(c: &ConnFlags) -> anyhow::Result<()> {
    if c.askpass && c.password_file.is_some() {
        return Err(exit::usage(
            "--askpass and --password-file exclude each other",
        ));
    }
    match (c.get(&keys::REDIS_CERT), c.get(&keys::REDIS_KEY)) {
        (Some(_), None) => Err(exit::usage("--cert needs --key (mutual TLS)")),
        (None, Some(_)) => Err(exit::usage("--key needs --cert (mutual TLS)")),
        _ => Ok(()),
    }
}

/// The command line: the derive's definition, with the top-level connection options made
/// local to the top level. Only the commands that talk to Redis (`WithConn`) list them in
/// their `--help`; `validate-env`, `migrate`, `init` and `completions` do not.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let mut cmd = Cli::command().mut_args(|a| {
        if a.get_help_heading() == Some(CONNECTION) {
            a.global(false)
        } else {
            a
        }
    });
    // Each command's own --format, listing only the formats it renders; the global one stays
    // for `redkit --format json ping` and for commands not listed here (they check it
    // themselves). clap propagates a global option only where no option of that id exists.
    for (path, formats) in FORMATS {
        cmd = with_subcommand(cmd, path, &|sc| sc.arg(format_arg(formats)));
    }
    for path in [&["init"][..], &["completions"], &["top"]] {
        cmd = with_subcommand(cmd, path, &|sc| sc.arg(no_format_arg()));
    }
    cmd
}

/// The formats each command renders, named once by the type it prints (its report, or a marker
/// type for a streaming command): its `--help`, the check of `--format` before any work
/// (`Cli::check_format`) and the renderer's own check all read that type's `Formats::FORMATS`.
/// A unit test fails for a command that prints and is missing here.
pub const FORMATS: &[(&[&str], &[Format])] = {
    use crate::output::Formats;
    use cmd::*;
    &[
        (&["validate-env"], validate_env::EnvReport::FORMATS),
        (&["run"], validate_env::EnvReport::FORMATS),
        (&["health"], health::report::HealthReport::FORMATS),
        (&["ping"], ping::PingReport::FORMATS),
        (&["cache", "flush"], cache::flush::FlushReport::FORMATS),
        (&["cache", "stats"], cache::stats::StatsReport::FORMATS),
        (
            &["cache", "analyze"],
            cache::analyze::AnalyzeReport::FORMATS,
        ),
        (&["bench"], bench::report::BenchReport::FORMATS),
        (&["stream", "list"], stream::list::ListReport::FORMATS),
        (&["stream", "info"], stream::info::InfoReport::FORMATS),
        (
            &["stream", "pending"],
            stream::pending::PendingReport::FORMATS,
        ),
        (&["stream", "trim"], stream::trim::TrimReport::FORMATS),
        (&["stream", "jobs"], stream::jobs::JobsReport::FORMATS),
        (&["stream", "read"], stream::read::ReadEntries::FORMATS),
        (&["stream", "tail"], stream::tail::TailEntries::FORMATS),
        (&["stream", "job"], stream::job::JobEvents::FORMATS),
        (&["stream", "claim"], stream::claim::ClaimReport::FORMATS),
        (&["stream", "ack"], stream::claim::ClaimReport::FORMATS),
        (&["stream", "dlq"], stream::dlq::DlqReport::FORMATS),
        (
            &["stream", "requeue"],
            stream::requeue::RequeueReport::FORMATS,
        ),
        (&["stream", "copy"], stream::copy::CopyReport::FORMATS),
        (
            &["stream", "group", "create"],
            stream::group::GroupReport::FORMATS,
        ),
        (
            &["stream", "group", "setid"],
            stream::group::GroupReport::FORMATS,
        ),
        (
            &["stream", "group", "delconsumer"],
            stream::group::GroupReport::FORMATS,
        ),
        (&["wait"], wait::WaitReport::FORMATS),
        (&["migrate", "recipients"], migrate::MigrateReport::FORMATS),
        (&["migrate", "status"], migrate::StatusReport::FORMATS),
        (&["config"], config::ConfigReport::FORMATS),
        (&["config", "show"], config::ConfigReport::FORMATS),
    ]
};

fn with_subcommand(
    cmd: clap::Command,
    path: &[&str],
    f: &dyn Fn(clap::Command) -> clap::Command,
) -> clap::Command {
    match path {
        [] => f(cmd),
        [first, rest @ ..] => {
            if cmd.find_subcommand(first).is_none() {
                return cmd;
            }
            cmd.mut_subcommand(*first, |sc| with_subcommand(sc, rest, f))
        }
    }
}

/// `--format` offering only `formats` (same id and value type as the global one, so the
/// value reaches `GlobalArgs::format`).
fn format_arg(formats: &'static [Format]) -> clap::Arg {
    let values = formats.iter().filter_map(|f| f.to_possible_value());
    clap::Arg::new("format")
        .long("format")
        .value_name("FORMAT")
        .help("Output format")
        .help_heading("Output")
        .value_parser(clap::builder::TypedValueParser::map(
            clap::builder::PossibleValuesParser::new(values),
            |s: String| Format::from_str(&s, false).expect("a possible value"),
        ))
}

/// A command that prints no report takes no --format (hidden, and refused when given).
fn no_format_arg() -> clap::Arg {
    clap::Arg::new("format")
        .long("format")
        .value_name("FORMAT")
        .hide(true)
        .value_parser(|_: &str| -> Result<Format, String> {
            Err("this command prints no report, so it has no formats".into())
        })
}

const CONNECTION: &str = "Connection";

impl Command {
    /// The connection options given after the subcommand, for the commands that take them.
    pub fn conn(&self) -> Option<&ConnArgs> {
        match self {
            Command::Health(a) => Some(&a.conn),
            Command::Ping(a) => Some(&a.conn),
            Command::Cache(a) => Some(&a.conn),
            Command::Bench(a) => Some(&a.conn),
            Command::Stream(a) => Some(&a.conn),
            Command::Wait(a) => Some(&a.conn),
            Command::Top(a) => Some(&a.conn),
            Command::Config(a) => Some(&a.conn),
            Command::ValidateEnv(_)
            | Command::Run(_)
            | Command::Migrate(_)
            | Command::Init(_)
            | Command::Completions(_) => None,
        }
    }

    /// The timeouts given after the subcommand, for the commands that take only those.
    pub fn timeouts(&self) -> Option<&TimeoutArgs> {
        match self {
            Command::ValidateEnv(a) => Some(&a.timeouts),
            Command::Run(a) => Some(&a.timeouts),
            Command::Migrate(a) => Some(&a.timeouts),
            Command::Health(_)
            | Command::Ping(_)
            | Command::Cache(_)
            | Command::Bench(_)
            | Command::Stream(_)
            | Command::Wait(_)
            | Command::Top(_)
            | Command::Config(_)
            | Command::Init(_)
            | Command::Completions(_) => None,
        }
    }
}

/// Options every command accepts.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]
    #[arg(long, global = true, value_name = "FILE", help_heading = "Settings")]
    pub config: Option<PathBuf>,

    /// Named profile of the config file [env: REDKIT_PROFILE]
    #[arg(long, global = true, value_name = "NAME", help_heading = "Settings")]
    pub profile: Option<String>,

    /// .env file to read (never overrides the real environment) [default: ./.env when present]
    #[arg(long, global = true, value_name = "FILE", help_heading = "Settings")]
    pub env_file: Option<PathBuf>,

    /// Do not read any .env file
    #[arg(
        long,
        global = true,
        conflicts_with = "env_file",
        help_heading = "Settings"
    )]
    pub no_env_file: bool,

    /// The connection options before the subcommand (`redkit -u URL ping`). Only the commands
    /// that talk to Redis list them again; there they are global within the subtree, so
    /// `redkit stream read KEY -u URL` works too. See `command()`.
    #[command(flatten)]
    pub conn: ConnArgs,

    /// Output format (each command lists the ones it supports)
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "FORMAT",
        help_heading = "Output"
    )]
    pub format: Option<Format>,

    /// When to use colors (NO_COLOR is honoured)
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = ColorArg::Auto,
        value_name = "WHEN",
        help_heading = "Output"
    )]
    pub color: ColorArg,

    /// Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says
    /// so; queries too, as `grep -q`); on a problem, the summary and the failing rows
    #[arg(short, long, global = true, help_heading = "Output")]
    pub quiet: bool,

    /// More detail on stderr (repeat for more)
    #[arg(short, long, global = true, action = clap::ArgAction::Count, help_heading = "Output")]
    pub verbose: u8,

    /// Tables show every cell whole instead of fitting the terminal's width
    #[arg(long, global = true, help_heading = "Output")]
    pub wide: bool,
}

/// How to reach Redis. There is deliberately no password flag: command lines are visible to
/// every user of the machine.
#[derive(Debug, Args, Clone, Default)]
pub struct ConnArgs {
    /// Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]
    #[arg(
        short = 'u',
        long,
        global = true,
        value_name = "URL",
        help_heading = CONNECTION
    )]
    pub url: Vec<String>,

    /// Redis host [env: REDIS_HOST] [default: localhost]
    #[arg(long, global = true, value_name = "HOST", help_heading = CONNECTION)]
    pub host: Option<String>,

    /// Redis port [env: REDIS_PORT] [default: 6379]
    #[arg(long, global = true, value_name = "PORT", help_heading = CONNECTION)]
    pub port: Option<u16>,

    /// Database number [env: REDIS_DB] [default: 0]
    #[arg(long, global = true, value_name = "N", help_heading = CONNECTION)]
    pub db: Option<i64>,

    /// ACL user name [env: REDIS_USERNAME]
    #[arg(long, global = true, value_name = "NAME", help_heading = CONNECTION)]
    pub user: Option<String>,

    /// Read the password from FILE (first line) instead of REDIS_PASSWORD
    #[arg(long, global = true, value_name = "FILE", help_heading = CONNECTION)]
    pub password_file: Option<PathBuf>,

    /// Prompt for the password on the terminal
    #[arg(
        long,
        global = true,
        help_heading = CONNECTION
    )]
    pub askpass: bool,

    /// The URL(s) are seed nodes of a Redis Cluster
    #[arg(long, global = true, help_heading = CONNECTION)]
    pub cluster: bool,

    /// Find the master through this Sentinel (host:port or redis:// URL)
    #[arg(
        long,
        global = true,
        value_name = "URL",
        help_heading = CONNECTION
    )]
    pub sentinel: Option<String>,

    /// Master name known to Sentinel
    #[arg(long, global = true, value_name = "NAME", help_heading = CONNECTION)]
    pub master_name: Option<String>,

    /// Use TLS (implied by rediss://)
    #[arg(long, global = true, help_heading = CONNECTION)]
    pub tls: bool,

    /// CA certificate (PEM) to verify the server with
    #[arg(long, global = true, value_name = "FILE", help_heading = CONNECTION)]
    pub cacert: Option<PathBuf>,

    /// Client certificate (PEM) for mutual TLS
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        help_heading = CONNECTION
    )]
    pub cert: Option<PathBuf>,

    /// Client private key (PEM) for mutual TLS
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        help_heading = CONNECTION
    )]
    pub key: Option<PathBuf>,

    /// Do not verify the server's certificate at all (tests and labs only)
    #[arg(long, global = true, help_heading = CONNECTION)]
    pub insecure: bool,

    /// Connect timeout, e.g. 500ms, 5s [default: 5s]
    #[arg(long, global = true, value_name = "DUR", value_parser = duration::clap_parse_positive, help_heading = CONNECTION)]
    pub connect_timeout: Option<Duration>,

    /// Timeout for each reply [default: 5s]
    #[arg(long, global = true, value_name = "DUR", value_parser = duration::clap_parse_positive, help_heading = CONNECTION)]
    pub timeout: Option<Duration>,
}

/// `--format` parses straight into `output::Format` (the output layer itself knows no clap).
impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        Format::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()).help(self.about()))
    }
}

/// `--color`: mapped onto `output::ColorChoice`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorArg {
    #[default]
    Auto,
    Always,
    Never,
}

impl From<ColorArg> for ColorChoice {
    fn from(c: ColorArg) -> ColorChoice {
        match c {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        }
    }
}

/// A duration flag as the settings read it.
fn dur(d: Option<Duration>) -> Option<String> {
    d.map(|d| format!("{}ms", d.as_millis()))
}

fn path(p: Option<PathBuf>) -> Option<String> {
    p.map(|p| p.display().to_string())
}

impl ConnArgs {
    /// These flags keyed by their rows of the settings table: a flag without its line here
    /// fails `tests::every_connection_flag_has_its_row`.
    pub fn flags(self) -> ConnFlags {
        let mut c = ConnFlags::default();
        (c.url, c.password_file, c.askpass) = (self.url, self.password_file, self.askpass);
        c.set(&keys::REDIS_HOST, self.host);
        c.set(&keys::REDIS_PORT, self.port.map(|p| p.to_string()));
        c.set(&keys::REDIS_DB, self.db.map(|d| d.to_string()));
        c.set(&keys::REDIS_USERNAME, self.user);
        c.switch(&keys::REDIS_CLUSTER, self.cluster);
        c.set(&keys::REDIS_SENTINEL, self.sentinel);
        c.set(&keys::REDIS_MASTER_NAME, self.master_name);
        c.switch(&keys::REDIS_TLS, self.tls);
        c.set(&keys::REDIS_CACERT, path(self.cacert));
        c.set(&keys::REDIS_CERT, path(self.cert));
        c.set(&keys::REDIS_KEY, path(self.key));
        c.switch(&keys::REDIS_INSECURE, self.insecure);
        c.set(&keys::REDIS_CONNECT_TIMEOUT, dur(self.connect_timeout));
        c.set(&keys::REDIS_TIMEOUT, dur(self.timeout));
        c
    }
}

impl TimeoutArgs {
    /// The two timeouts keyed by their rows.
    pub fn flags(self) -> ConnFlags {
        let TimeoutArgs {
            connect_timeout,
            timeout,
        } = self;
        let mut c = ConnFlags::default();
        c.set(&keys::REDIS_CONNECT_TIMEOUT, dur(connect_timeout));
        c.set(&keys::REDIS_TIMEOUT, dur(timeout));
        c
    }
}

impl GlobalArgs {
    /// The plain input of the settings layer, with these connection options.
    pub fn settings_input(&self, conn: ConnFlags) -> SettingsInput {
        SettingsInput {
            config: self.config.clone(),
            profile: self.profile.clone(),
            env_file: self.env_file.clone(),
            no_env_file: self.no_env_file,
            conn,
        }
    }

    /// The plain input of the output layer.
    pub fn output_options(&self) -> OutputOptions {
        OutputOptions {
            format: self.format,
            color: self.color.into(),
            quiet: self.quiet,
            verbose: self.verbose,
            wide: self.wide,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
        command().debug_assert();
    }

    /// `cache stats` is checked against the report it prints (`StatsReport`), also when
    /// --format comes before the subcommand, where clap offers every format.
    #[test]
    fn format_check_names_the_command_and_its_report_formats() {
        let cli =
            Cli::try_parse_args(["redkit", "--format", "prometheus", "cache", "stats"]).unwrap();
        assert_eq!(cli.path, ["cache", "stats"]);
        let err = cli.check_format().unwrap_err().to_string();
        assert_eq!(
            err,
            "--format prometheus: not available for cache stats (use table, json, ndjson)"
        );
        let cli = Cli::try_parse_args(["redkit", "--format", "nagios", "health"]).unwrap();
        assert!(cli.check_format().is_ok());
        assert!(Cli::try_parse_args(["redkit", "cache", "stats", "--format", "raw"]).is_err());
    }

    /// Every command that prints has its row in `FORMATS` (a command without one would get
    /// no --format check before its work), and only `init` and `completions` print nothing.
    #[test]
    fn every_printing_command_names_its_formats() {
        fn leaves(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
            let subs: Vec<_> = cmd
                .get_subcommands()
                .filter(|s| s.get_name() != "help")
                .collect();
            if subs.is_empty() || !cmd.is_subcommand_required_set() {
                out.push(path.clone());
            }
            for s in subs {
                let mut p = path.clone();
                p.push(s.get_name().to_string());
                leaves(s, p, out);
            }
        }
        let mut cmd = command();
        cmd.build();
        let mut all = Vec::new();
        leaves(&cmd, Vec::new(), &mut all);
        for path in all.iter().filter(|p| !p.is_empty()) {
            let listed = FORMATS.iter().any(|(p, _)| p == path);
            // top draws a screen (or records frames): it has no report and no --format.
            let silent = path == &["init"] || path == &["completions"] || path == &["top"];
            assert!(listed != silent, "{path:?}: listed {listed}");
        }
        // Each listed command exists, and its --help lists exactly these formats.
        let mut cmd = command();
        cmd.build();
        for (path, formats) in FORMATS {
            let mut sc = &cmd;
            for word in *path {
                sc = sc
                    .find_subcommand(word)
                    .unwrap_or_else(|| panic!("{path:?}"));
            }
            let arg = sc.get_arguments().find(|a| a.get_id() == "format").unwrap();
            let shown: Vec<String> = arg
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect();
            let want: Vec<String> = formats.iter().map(|f| f.name().to_string()).collect();
            assert_eq!(shown, want, "{path:?}");
        }
    }

    /// Options given before and after the subcommand merge, the inner ones winning; pairs
    /// split across the two places are whole.
    #[test]
    fn connection_options_merge_across_the_subcommand() {
        let input = |args: &[&str]| {
            let mut argv = vec!["redkit"];
            argv.extend_from_slice(args);
            Cli::try_parse_args(argv).unwrap().settings_input()
        };
        let c = input(&["--sentinel", "s:26379", "ping", "--master-name", "m"])
            .unwrap()
            .conn;
        assert_eq!(c.get(&keys::REDIS_SENTINEL), Some("s:26379"));
        assert_eq!(c.get(&keys::REDIS_MASTER_NAME), Some("m"));
        let c = input(&[
            "-u",
            "redis://a",
            "--db",
            "2",
            "stream",
            "list",
            "-u",
            "redis://b",
        ])
        .unwrap()
        .conn;
        assert_eq!(c.url, vec!["redis://b".to_string()]);
        assert_eq!(c.get(&keys::REDIS_DB), Some("2"));
        assert!(input(&["--askpass", "config", "--password-file", "pw"]).is_err());
        assert!(
            input(&["--cert", "c.pem", "ping", "--key", "k.pem"])
                .unwrap()
                .conn
                .get(&keys::REDIS_KEY)
                .is_some()
        );
        assert!(input(&["--cert", "c.pem", "ping"]).is_err());
        assert!(input(&["ping", "--askpass", "--password-file", "pw"]).is_err());
        // Not offered after validate-env, still taken before it.
        assert!(Cli::try_parse_args(["redkit", "validate-env", "--host", "h"]).is_err());
        let c = input(&["--host", "h", "validate-env"]).unwrap().conn;
        assert_eq!(c.get(&keys::REDIS_HOST), Some("h"));
    }

    /// The clap fields and the table's rows pair up: every connection flag sets its own row
    /// (or is one of the three that are not one row's value), every row's flag is offered.
    #[test]
    fn every_connection_flag_has_its_row() {
        let mut cmd = command();
        cmd.build();
        let ping = cmd.find_subcommand("ping").unwrap();
        let mut longs = Vec::new();
        for a in ping.get_arguments() {
            if a.get_help_heading() != Some(CONNECTION) {
                continue;
            }
            let long = format!("--{}", a.get_long().unwrap());
            longs.push(long.clone());
            if ["--url", "--password-file", "--askpass"].contains(&long.as_str()) {
                continue;
            }
            let row = keys::KEYS
                .iter()
                .find(|k| k.flag == Some(long.as_str()))
                .unwrap_or_else(|| panic!("{long} is the flag of no row in settings::keys"));
            let mut argv = vec!["redkit".to_string(), long.clone()];
            if a.get_action().takes_values() {
                argv.push(if long.ends_with("timeout") { "2s" } else { "1" }.into());
            }
            argv.push("validate-env".into());
            let cli = Cli::try_parse_args(&argv).unwrap();
            let c = cli.global.conn.clone().flags();
            assert!(c.get(row).is_some(), "{long} does not set {}", row.name);
            let others = keys::KEYS.iter().filter(|k| k.name != row.name);
            for k in others {
                assert!(c.get(k).is_none(), "{long} sets {} too", k.name);
            }
        }
        for k in keys::KEYS.iter().filter(|k| k.name.starts_with("redis.")) {
            let flag = k.flag.unwrap_or_else(|| panic!("{} has no flag", k.name));
            assert!(
                longs.iter().any(|l| l == flag),
                "{flag} of {} is not offered",
                k.name
            );
        }
        let c = Cli::try_parse_args(["redkit", "-u", "redis://a", "--password-file", "f", "ping"])
            .unwrap()
            .settings_input()
            .unwrap()
            .conn;
        assert_eq!(c.url, vec!["redis://a".to_string()]);
        assert_eq!(c.password_file, Some(PathBuf::from("f")));
        // The timeouts of the commands without the Redis options set the same rows.
        let c = Cli::try_parse_args([
            "redkit",
            "--timeout",
            "9s",
            "validate-env",
            "--timeout",
            "3s",
        ])
        .unwrap()
        .settings_input()
        .unwrap()
        .conn;
        assert_eq!(c.get(&keys::REDIS_TIMEOUT), Some("3000ms"));
    }

    #[test]
    fn every_yes_has_a_y() {
        fn walk(cmd: &clap::Command, seen: &mut usize) {
            for a in cmd.get_arguments() {
                if a.get_long() == Some("yes") {
                    *seen += 1;
                    assert_eq!(a.get_short(), Some('y'), "{} --yes", cmd.get_name());
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, seen);
            }
        }
        let mut cmd = command();
        cmd.build();
        let mut seen = 0;
        walk(&cmd, &mut seen);
        assert!(seen >= 3, "only {seen} --yes flags found");
    }

    #[test]
    fn no_two_flags_share_a_short_name() {
        fn walk(cmd: &clap::Command) {
            let mut seen = std::collections::HashSet::new();
            for arg in cmd.get_arguments() {
                if let Some(s) = arg.get_short() {
                    assert!(seen.insert(s), "-{s} used twice in {}", cmd.get_name());
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub);
            }
        }
        let mut cmd = command();
        cmd.build();
        walk(&cmd);
    }
}
