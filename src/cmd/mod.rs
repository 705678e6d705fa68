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
// `run` is validate-env followed by exec: it lives with the check it runs.
pub use validate_env::exec as run;
pub mod stream;
pub mod top;
pub mod validate_env;
pub mod wait;

pub use crate::signal::Stop;

use crate::exit::ExitStatus;
use crate::output::{Format, Output, OutputOptions};
use crate::redis::Target;
use crate::settings::{Settings, SettingsInput};

/// `-y, --yes` and `--dry-run`, defined once and flattened into every destructive command
/// (cache flush, stream trim/claim/ack/group changes, migrate recipients). `bench --yes` is not
/// this: bench has no dry run, and whether it needs an answer is known only once it has
/// looked at the database (other keys in it), so it cannot refuse before connecting.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct ConfirmArgs {
    /// Show what would change and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Do not ask for confirmation (needed when there is no terminal)
    #[arg(short = 'y', long = "yes")]
    pub yes: bool,
}

impl ConfirmArgs {
    /// The confirmation of `what`: refused now (exit 2) when nobody can confirm, so call it
    /// before the first connection.
    pub fn guard<'a>(&self, what: &'a str) -> anyhow::Result<crate::ops::confirm::Destructive<'a>> {
        self.guard_changing(what, true)
    }

    /// As `guard`, for a command whose mode may change nothing (`migrate recipients
    /// --verify`): such a run needs no answer, like a dry run.
    pub fn guard_changing<'a>(
        &self,
        what: &'a str,
        changes: bool,
    ) -> anyhow::Result<crate::ops::confirm::Destructive<'a>> {
        crate::ops::confirm::Destructive::new(what, self.yes, self.dry_run || !changes)
    }
}

/// What every command gets: the resolved settings and the output.
pub struct Ctx {
    pub settings: Settings,
    pub out: Output,
}

impl Ctx {
    /// The Redis deployment the settings point at (asks for the password with --askpass).
    pub fn target(&self) -> anyhow::Result<Target> {
        let t = Target::from_settings(self.settings.redis()?, || {
            crate::output::ask_secret("Redis password: ", "--askpass")
        })?;
        self.out.verbose(
            1,
            format!(
                "target {}{} (connect timeout {}, timeout {})",
                t.describe(),
                if t.auth.tls { " over TLS" } else { "" },
                crate::duration::format(t.auth.connect_timeout),
                crate::duration::format(t.auth.timeout)
            ),
        );
        Ok(t)
    }
}

/// Resolves the settings and the output once, for a command that needs them.
pub fn ctx(
    input: &SettingsInput,
    opts: &OutputOptions,
    default_format: Format,
) -> anyhow::Result<Ctx> {
    let settings = Settings::load(input)?;
    let out = Output::new(opts, default_format);
    if opts.verbose > 0 {
        if !settings.config_searched.is_empty() {
            let list: Vec<String> = settings
                .config_searched
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            out.verbose(1, format!("looked for the config in {}", list.join(", ")));
        }
        let path = |p: Option<String>| p.unwrap_or_else(|| "none".into());
        out.verbose(
            1,
            format!(
                "config {}{}, env file {}",
                path(settings.config.as_ref().map(|c| format!(
                    "{} (from {})",
                    c.path.display(),
                    settings.config_origin.as_deref().unwrap_or("?")
                ))),
                settings
                    .profile
                    .as_ref()
                    .map(|p| format!(" (profile {p})"))
                    .unwrap_or_default(),
                path(settings.vars.dotenv.as_ref().map(|d| format!(
                    "{} (from {})",
                    d.path.display(),
                    settings.env_file_origin.as_deref().unwrap_or("?")
                )))
            ),
        );
    }
    if let Some(c) = &settings.config
        && !c.ignored.is_empty()
    {
        out.verbose(
            1,
            format!(
                "config keys redkit does not read, left alone: {}",
                c.ignored.join(", ")
            ),
        );
    }
    Ok(Ctx { settings, out })
}

/// Runs an async command on a runtime, racing it against Ctrl-C.
pub fn block_on<F>(fut: F) -> anyhow::Result<ExitStatus>
where
    F: std::future::Future<Output = anyhow::Result<ExitStatus>>,
{
    block_on_graceful(async {
        tokio::select! {
            r = fut => r,
            _ = crate::signal::interrupted() => {
                crate::output::stderr_line("redkit: interrupted");
                Ok(ExitStatus::Interrupted)
            }
        }
    })
}

/// Runs an async command that handles Ctrl-C itself (finishing the batch in flight and reporting
/// what was done) through `Stop`.
pub fn block_on_graceful<F>(fut: F) -> anyhow::Result<ExitStatus>
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

/// Installs the TLS crypto provider once (rustls needs one chosen explicitly).
pub fn init_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The exit status for a report that found problems (1) or none (0).
pub fn problem_if(found: bool) -> ExitStatus {
    if found {
        ExitStatus::Problem
    } else {
        ExitStatus::Success
    }
}

/// A report's table as a test reads it: no colour, no terminal, the default verbosity.
#[cfg(test)]
pub(crate) fn table_of(r: &impl crate::output::Render) -> String {
    rendered(|w, ui| r.table(w, ui))
}

/// A report's table under `-q` (`Render::problems_table`), as `table_of`.
#[cfg(test)]
pub(crate) fn problems_table_of(r: &impl crate::output::Render) -> String {
    rendered(|w, ui| r.problems_table(w, ui))
}

#[cfg(test)]
fn rendered(
    f: impl FnOnce(&mut dyn std::io::Write, &crate::output::Ui) -> std::io::Result<()>,
) -> String {
    let ui = crate::output::Ui {
        color: false,
        stdout_tty: false,
        verbose: 0,
        width: None,
    };
    let mut buf = Vec::new();
    f(&mut buf, &ui).expect("a Vec takes every write");
    String::from_utf8(buf).expect("tables are UTF-8")
}
