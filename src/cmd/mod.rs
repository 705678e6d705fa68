//! One module per command. Each exposes its clap `Args`, an `EXAMPLES` text for `--help`, and a
//! `run` that builds a report and hands it to the renderer.

pub mod completions;
pub mod config;
pub mod init;
pub mod migrate;
pub mod ping;
pub mod validate_env;

use crate::cli::{Cli, Command, Format, GlobalArgs};
use crate::connect::Target;
use crate::exit::ExitStatus;
use crate::output::Output;
use crate::settings::Settings;

/// What every command gets: the resolved settings, the global flags and the output.
pub struct Ctx {
    pub settings: Settings,
    pub global: GlobalArgs,
    pub out: Output,
}

impl Ctx {
    /// The Redis deployment the settings point at (asks for the password with --askpass).
    pub fn target(&self) -> anyhow::Result<Target> {
        Target::from_settings(self.settings.redis()?)
    }
}

fn ctx(global: GlobalArgs, default_format: Format) -> anyhow::Result<Ctx> {
    let settings = Settings::load(&global)?;
    let out = Output::new(&global, default_format);
    Ok(Ctx {
        settings,
        global,
        out,
    })
}

/// Runs an async command on a runtime, racing it against Ctrl-C.
fn block_on<F>(fut: F) -> anyhow::Result<ExitStatus>
where
    F: std::future::Future<Output = anyhow::Result<ExitStatus>>,
{
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(async {
        tokio::select! {
            r = fut => r,
            _ = crate::interrupted() => {
                eprintln!("redkit: interrupted");
                Ok(ExitStatus::Interrupted)
            }
        }
    })
}

/// Runs an async command that handles Ctrl-C itself (it stops after the work in flight and
/// reports what it did), so the signal is not raced here.
fn block_on_unraced<F>(fut: F) -> anyhow::Result<ExitStatus>
where
    F: std::future::Future<Output = anyhow::Result<ExitStatus>>,
{
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?
        .block_on(fut)
}

/// Installs the TLS crypto provider once (rustls needs one chosen explicitly).
fn init_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

pub fn dispatch(cli: Cli) -> anyhow::Result<ExitStatus> {
    let g = cli.global;
    match cli.command {
        Command::Completions(a) => completions::run(&a),
        Command::Init(a) => init::run(&a),
        Command::ValidateEnv(a) => validate_env::run(&ctx(g, Format::Table)?, &a),
        Command::Config(a) => config::run(&ctx(g, Format::Table)?, &a),
        Command::Ping(a) => {
            init_tls();
            let c = ctx(g, Format::Table)?;
            block_on(ping::run(&c, &a))
        }
        Command::Migrate(a) => block_on_unraced(migrate::run(&ctx(g, Format::Table)?, &a)),
    }
}

/// The exit status for a report that found problems (1) or none (0).
pub fn problem_if(found: bool) -> ExitStatus {
    if found {
        ExitStatus::Problem
    } else {
        ExitStatus::Success
    }
}
