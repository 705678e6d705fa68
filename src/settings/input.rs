//! What the settings are resolved from on the command line, as plain data: the clap types in
//! `cli.rs` convert into these, so the settings never depend on the command-line parser.

use std::path::PathBuf;
use std::time::Duration;

/// The file-choosing flags and the connection flags.
#[derive(Debug, Clone, Default)]
pub struct SettingsInput {
    pub config: Option<PathBuf>,
    pub profile: Option<String>,
    pub env_file: Option<PathBuf>,
    pub no_env_file: bool,
    pub conn: ConnFlags,
}

/// How to reach Redis, as given by flags (each `None`/`false` when not given).
#[derive(Debug, Clone, Default)]
pub struct ConnFlags {
    pub url: Vec<String>,
    pub host: Option<String>,
    pub port: Option<u16>,
    pub db: Option<i64>,
    pub user: Option<String>,
    pub password_file: Option<PathBuf>,
    pub askpass: bool,
    pub cluster: bool,
    pub sentinel: Option<String>,
    pub master_name: Option<String>,
    pub tls: bool,
    pub cacert: Option<PathBuf>,
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    pub insecure: bool,
    pub connect_timeout: Option<Duration>,
    pub timeout: Option<Duration>,
}
