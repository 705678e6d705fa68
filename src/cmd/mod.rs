//! One module per command. Each exposes its clap `Args`, an `EXAMPLES` text for `--help`, and a
//! `run` that builds a report and hands it to the renderer.

pub mod bench;
pub mod cache;
pub mod completions;
pub mod config;
pub mod health;
pub mod init;
pub mod migrate;
pub mod ping;
pub mod stream;
pub mod validate_env;
pub mod wait;

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
        let t = Target::from_settings(self.settings.redis()?)?;
        if self.global.verbose > 0 {
            eprintln!(
                "redkit: target {}{} (connect timeout {}, timeout {})",
                t.describe(),
                if t.auth.tls { " over TLS" } else { "" },
                crate::duration::format(t.auth.connect_timeout),
                crate::duration::format(t.auth.timeout)
            );
        }
        Ok(t)
    }
}

fn ctx(global: GlobalArgs, default_format: Format) -> anyhow::Result<Ctx> {
    let settings = Settings::load(&global)?;
    let out = Output::new(&global, default_format);
    if global.verbose > 0 {
        let path = |p: Option<String>| p.unwrap_or_else(|| "none".into());
        eprintln!(
            "redkit: config {}{}, env file {}",
            path(
                settings
                    .config
                    .as_ref()
                    .map(|c| c.path.display().to_string())
            ),
            settings
                .profile
                .as_ref()
                .map(|p| format!(" (profile {p})"))
                .unwrap_or_default(),
            path(
                settings
                    .vars
                    .dotenv
                    .as_ref()
                    .map(|d| d.path.display().to_string())
            )
        );
    }
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
    block_on_graceful(async {
        tokio::select! {
            r = fut => r,
            _ = crate::interrupted() => {
                eprintln!("redkit: interrupted");
                Ok(ExitStatus::Interrupted)
            }
        }
    })
}

/// Runs an async command that handles Ctrl-C itself (finishing the batch in flight and reporting
/// what was done) through `Stop`.
fn block_on_graceful<F>(fut: F) -> anyhow::Result<ExitStatus>
where
    F: std::future::Future<Output = anyhow::Result<ExitStatus>>,
{
    // Two workers are plenty for a CLI that waits on the network.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(fut)
}

/// A Ctrl-C (or SIGTERM) request, checked between batches by long-running commands.
#[derive(Clone, Default)]
pub struct Stop(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Stop {
    /// Starts listening for Ctrl-C; must be called inside the runtime.
    pub fn on_signal() -> Stop {
        let stop = Stop::default();
        let flag = stop.0.clone();
        tokio::spawn(async move {
            crate::interrupted().await;
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
            // A second Ctrl-C means "now": the operator will not wait for the batch in flight.
            crate::interrupted().await;
            eprintln!("redkit: interrupted again, exiting without waiting");
            std::process::exit(130);
        });
        stop
    }

    pub fn requested(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
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
        Command::Bench(a) => {
            init_tls();
            let c = ctx(g, Format::Table)?;
            block_on_graceful(bench::run(&c, &a))
        }
        Command::Cache(a) => {
            init_tls();
            let c = ctx(g, Format::Table)?;
            block_on_graceful(cache::run(&c, &a))
        }
        Command::Health(a) => {
            init_tls();
            let c = ctx(g, Format::Table)?;
            // A watch handles Ctrl-C itself: it exits with the last round's status.
            if a.watch.is_some() {
                block_on_graceful(health::run(&c, &a))
            } else {
                block_on(health::run(&c, &a))
            }
        }
        Command::Ping(a) => {
            init_tls();
            let c = ctx(g, Format::Table)?;
            block_on(ping::run(&c, &a))
        }
        Command::Stream(a) => {
            init_tls();
            let c = ctx(g, Format::Table)?;
            if stream::reports_interruption(&a) {
                block_on_graceful(stream::run(&c, &a))
            } else {
                block_on(stream::run(&c, &a))
            }
        }
        Command::Wait(a) => {
            init_tls();
            let c = ctx(g, Format::Table)?;
            block_on(wait::run(&c, &a))
        }
        Command::Migrate(a) => block_on_graceful(migrate::run(&ctx(g, Format::Table)?, &a)),
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
