//! Settings, strongest first: flags, process environment, `.env`, the YAML config, defaults.
//! Every resolved value remembers where it came from, for `redkit config show`.

pub mod dotenv;
pub mod endpoint;
pub mod input;
pub mod keys;
mod redis;
mod resolver;
pub mod yaml;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::exit;
pub use crate::secret::Secret;
pub use dotenv::{Dialect, DotEnv};
pub use input::{ConnFlags, SettingsInput};
use keys::Key;
pub use redis::RedisSettings;
use resolver::Resolver;
pub use yaml::ConfigFile;

/// Where a value came from, weakest first so that `Ord` means "stronger".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Default,
    /// Found on the config search path (`./redkit.yaml`, `$XDG_CONFIG_HOME/redkit/`, `/etc/redkit/`).
    #[serde(rename = "search path")]
    SearchPath,
    Config,
    #[serde(rename = ".env")]
    DotEnv,
    /// A secret file: `VAR_FILE`, or the file of its name in `env.secrets_dir`.
    File,
    Env,
    Flag,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::Default => "default",
            Source::SearchPath => "search path",
            Source::Config => "config",
            Source::DotEnv => ".env",
            Source::File => "file",
            Source::Env => "env",
            Source::Flag => "flag",
        })
    }
}

/// A value with its source and a precise origin (`REDIS_PORT`, `.env:4`, `redkit.yaml`).
#[derive(Debug, Clone)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
    pub origin: String,
}

impl<T> Sourced<T> {
    pub fn new(value: T, source: Source, origin: impl Into<String>) -> Self {
        Sourced {
            value,
            source,
            origin: origin.into(),
        }
    }

    fn map<U>(self, f: impl FnOnce(T) -> U) -> Sourced<U> {
        Sourced {
            value: f(self.value),
            source: self.source,
            origin: self.origin,
        }
    }
}

/// The Redis password, or the promise to ask for it when a connection is made.
#[derive(Debug, Clone)]
pub enum Password {
    Value(Secret),
    Prompt,
}

/// The process environment plus the `.env` file, looked up together.
#[derive(Debug, Clone, Default)]
pub struct Vars {
    pub process: HashMap<String, String>,
    pub dotenv: Option<DotEnv>,
}

impl Vars {
    pub fn from_process(dotenv: Option<DotEnv>) -> Vars {
        let process = std::env::vars_os()
            .map(|(k, v)| {
                (
                    k.to_string_lossy().into_owned(),
                    v.to_string_lossy().into_owned(),
                )
            })
            .collect();
        Vars { process, dotenv }
    }

    /// The value the application sees: the real environment wins over `.env`, but for a
    /// dialect whose reader assigns over it (`set -a; . ./.env`), where the file's value wins.
    pub fn get(&self, name: &str) -> Option<Sourced<String>> {
        let file_wins = self.dotenv.as_ref().is_some_and(|d| d.dialect.file_wins());
        if file_wins && let Some(s) = self.from_file(name) {
            return Some(s);
        }
        if let Some(v) = self.process.get(name) {
            return Some(Sourced::new(v.clone(), Source::Env, name));
        }
        self.from_file(name)
    }

    /// The `.env` value of `name` (a key without `=` sets nothing).
    pub fn from_file(&self, name: &str) -> Option<Sourced<String>> {
        let d = self.dotenv.as_ref()?;
        let e = d.get(name)?;
        Some(Sourced::new(
            e.value.clone()?,
            Source::DotEnv,
            format!("{}:{}", d.path.display(), e.line),
        ))
    }

    pub fn value(&self, name: &str) -> Option<String> {
        self.get(name).map(|s| s.value)
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub vars: Vars,
    pub config: Option<ConfigFile>,
    pub profile: Option<String>,
    pub redis: RedisSettings,
    /// Why the Redis settings could not be resolved, reported when a command needs them.
    pub redis_error: Option<String>,
    /// Why a Redis URL could not be read (its parts are then not weighed in): reported when a
    /// command connects, while `config` still shows where the URL came from.
    pub url_error: Option<String>,
    pub cache_prefix: Sourced<String>,
    pub stream_match: Sourced<String>,
    pub job_key: Sourced<String>,
    /// `streams.stuck_after` as written (parsed by the command that reads it).
    pub stuck_after: Sourced<String>,
    pub database_url: Option<Sourced<Secret>>,
    /// Why the config file was chosen (`--config`, `REDKIT_CONFIG`, `search path`).
    pub config_origin: Option<String>,
    /// Where the config file's path came from (flag, env, `.env`, search path).
    pub config_source: Source,
    /// Why the env file was chosen (`--env-file`, `./.env`, `env_file in CONFIG`).
    pub env_file_origin: Option<String>,
    /// Where the env file's path came from (flag, default `./.env`, the config's `env_file`).
    pub env_file_source: Source,
    /// Why the `./.env` that is there was not read (not a regular file), for the commands
    /// that check what the application reads.
    pub env_file_skipped: Option<String>,
    /// Every place the config was looked for, in order (for `-v`).
    pub config_searched: Vec<PathBuf>,
    /// Whose rules the `.env` was read by (`--dotenv`, `env.dotenv_dialect`).
    pub dotenv_dialect: Sourced<Dialect>,
    /// `--require-spec` / `env.require_spec`: no spec found is a usage error.
    pub require_spec: Sourced<bool>,
    /// `env.secrets_dir`: a variable not set is read from the file of its name here.
    pub secrets_dir: Option<Sourced<PathBuf>>,
}

/// The conventional places of the config file after `--config` and `REDKIT_CONFIG`: the
/// working directory, then the user's (`$XDG_CONFIG_HOME`, else `~/.config`), then the
/// system's (`/etc/redkit`, or an absolute `REDKIT_SYSTEM_CONFIG_DIR`: tests and packagers
/// relocate it so a machine-wide config cannot leak in). Cron runs in `$HOME`, where
/// `./redkit.yaml` is not.
pub fn config_search_path(
    xdg_config_home: Option<&str>,
    home: Option<&str>,
    system_dir: Option<&str>,
) -> Vec<PathBuf> {
    let mut out = vec![PathBuf::from("redkit.yaml")];
    // The XDG spec ignores a relative XDG_CONFIG_HOME.
    match xdg_config_home.filter(|x| Path::new(x).is_absolute()) {
        Some(x) => out.push(Path::new(x).join("redkit").join("redkit.yaml")),
        None => {
            if let Some(h) = home.filter(|h| !h.is_empty()) {
                out.push(Path::new(h).join(".config/redkit/redkit.yaml"));
            }
        }
    }
    let system = system_dir
        .filter(|d| Path::new(d).is_absolute())
        .unwrap_or(SYSTEM_CONFIG_DIR);
    out.push(Path::new(system).join("redkit.yaml"));
    out
}

/// The system's config folder, unless `REDKIT_SYSTEM_CONFIG_DIR` names another.
pub const SYSTEM_CONFIG_DIR: &str = "/etc/redkit";

/// A path a file can be read from: a regular file, or `/dev/null` and `<(...)` (a pipe).
/// Why a `./.env` that is there was not read (a FIFO, a directory, a broken link), when it
/// is the default env file: it is not silently skipped.
fn default_env_file_skipped(g: &SettingsInput) -> Option<String> {
    if g.no_env_file || g.env_file.is_some() {
        return None;
    }
    let path = Path::new(".env");
    std::fs::symlink_metadata(path).ok()?;
    let what = match std::fs::metadata(path) {
        Ok(m) if m.is_file() => return None,
        Ok(m) => crate::files::kind(&m),
        Err(_) => "a broken link",
    };
    Some(format!(
        "./.env is {what}, not a regular file: not read (pass --env-file FILE, or --no-env-file)"
    ))
}

pub(crate) fn readable(p: &Path) -> bool {
    p.exists() && !p.is_dir()
}

/// The config's `env.dotenv_dialect` as written (read before the config is interpolated,
/// since the `.env` it governs feeds the interpolation).
fn dialect_of(path: &Path, text: &str) -> anyhow::Result<Option<Dialect>> {
    let root = yaml::parse(path, text)?;
    let Some(v) = root.get("env").and_then(|e| e.get("dotenv_dialect")) else {
        return Ok(None);
    };
    let t = yaml::scalar_text(v).unwrap_or_default();
    Dialect::parse(&t)
        .map(Some)
        .map_err(|e| exit::usage(format!("{}: env.dotenv_dialect: {e}", path.display())))
}

/// The first existing file of the search path.
fn find_config(search: &[PathBuf], exists: impl Fn(&Path) -> bool) -> Option<PathBuf> {
    search.iter().find(|p| exists(p)).cloned()
}

/// One line of `redkit config show`.
#[derive(Debug, Clone, Serialize)]
pub struct SettingRow {
    pub key: String,
    pub value: Option<String>,
    pub source: Source,
    pub origin: String,
    pub secret: bool,
}

impl Settings {
    /// The Redis settings, or the usage error that kept them from resolving.
    pub fn redis(&self) -> anyhow::Result<&RedisSettings> {
        match self.redis_error.as_ref().or(self.url_error.as_ref()) {
            Some(e) => Err(exit::usage(e.clone())),
            None => Ok(&self.redis),
        }
    }

    /// The Redis settings for showing them: resolved, though a malformed URL (then shown as
    /// given, masked) was not weighed in.
    pub fn redis_rows(&self) -> anyhow::Result<&RedisSettings> {
        match &self.redis_error {
            Some(e) => Err(exit::usage(e.clone())),
            None => Ok(&self.redis),
        }
    }

    /// Resolves everything from the flags, the environment and the files they point to.
    pub fn load(g: &SettingsInput) -> anyhow::Result<Settings> {
        let bare = Vars::from_process(None);
        let flag_dialect = g
            .conn
            .get(&keys::ENV_DOTENV_DIALECT)
            .map(Dialect::parse)
            .transpose()
            .map_err(|e| exit::usage(format!("--dotenv: {e}")))?;
        // The config may name the dialect, but the .env may name the config: the file is read
        // in the flag's dialect (or python's) first, and again once the config says otherwise.
        let env_path = if g.no_env_file {
            None
        } else if let Some(path) = &g.env_file {
            if !path.exists() {
                return Err(exit::usage(format!(
                    "--env-file {}: no such file",
                    path.display()
                )));
            }
            Some(path.clone())
        } else if Path::new(".env").is_file() {
            Some(PathBuf::from(".env"))
        } else {
            None
        };
        let env_file_skipped = default_env_file_skipped(g);
        let provisional = flag_dialect.unwrap_or_default();
        let first = env_path
            .as_ref()
            .map(|p| DotEnv::load(p, provisional))
            .transpose();
        let vars = Vars {
            process: bare.process,
            dotenv: first.as_ref().ok().cloned().flatten(),
        };

        let mut env_file_origin = vars.dotenv.as_ref().map(|_| {
            if g.env_file.is_some() {
                "--env-file".to_string()
            } else {
                "./.env".to_string()
            }
        });
        let mut env_file_source = if g.env_file.is_some() {
            Source::Flag
        } else {
            Source::Default
        };
        let search = config_search_path(
            vars.process.get("XDG_CONFIG_HOME").map(String::as_str),
            vars.process.get("HOME").map(String::as_str),
            vars.process
                .get("REDKIT_SYSTEM_CONFIG_DIR")
                .map(String::as_str),
        );
        let mut config_searched = Vec::new();
        let config_source;
        let config_path = match (&g.config, vars.get("REDKIT_CONFIG")) {
            (Some(p), _) => {
                config_source = Source::Flag;
                Some((p.clone(), "--config".to_string()))
            }
            (None, Some(v)) => {
                config_source = v.source;
                Some((
                    PathBuf::from(v.value),
                    if v.origin == "REDKIT_CONFIG" {
                        v.origin.clone()
                    } else {
                        format!("REDKIT_CONFIG ({})", v.origin)
                    },
                ))
            }
            (None, None) => {
                config_searched = search.clone();
                config_source = Source::SearchPath;
                find_config(&search, |p| p.is_file()).map(|p| (p, "search path".to_string()))
            }
        };
        // The config may name the env file (`env_file: /srv/app/.env`), for cron, which runs
        // where ./.env is not. An explicit --env-file or --no-env-file wins.
        // Read once: a config given as `<(...)` is a pipe.
        let config_text = match &config_path {
            Some((path, _)) if readable(path) => Some(yaml::read(path)?),
            _ => None,
        };
        let mut dialect = match (flag_dialect, &config_path, &config_text) {
            (Some(d), _, _) => d,
            (None, Some((path, _)), Some(text)) => dialect_of(path, text)?.unwrap_or_default(),
            _ => Dialect::default(),
        };
        let mut vars = vars;
        vars.dotenv = match (first, &env_path) {
            (Ok(d), _) if dialect == provisional => d,
            (_, Some(p)) => Some(DotEnv::load(p, dialect)?),
            (r, None) => r?,
        };
        if let (Some((path, _)), Some(text)) = (&config_path, &config_text)
            && g.env_file.is_none()
            && !g.no_env_file
            && let Some(named) = yaml::env_file_of(path, text)?
        {
            let named = match path.parent() {
                Some(dir) if named.is_relative() => dir.join(named),
                _ => named,
            };
            if !readable(&named) {
                return Err(exit::usage(format!(
                    "{}: env_file {}: no such file",
                    path.display(),
                    named.display()
                )));
            }
            vars.dotenv = Some(DotEnv::load(&named, dialect)?);
            env_file_origin = Some(format!("env_file in {}", path.display()));
            env_file_source = Source::Config;
        }
        let config_origin = config_path.as_ref().map(|(_, o)| o.clone());
        let profile = g
            .profile
            .clone()
            .or_else(|| vars.value("REDKIT_PROFILE").filter(|p| !p.is_empty()));
        let config = match config_path {
            Some((path, origin)) => {
                if !readable(&path) {
                    return Err(exit::usage(format!(
                        "{}: config file not found (from {origin})",
                        path.display()
                    )));
                }
                let lookup = |name: &str| vars.value(name);
                let text = config_text.as_deref().unwrap_or_default();
                Some(ConfigFile::from_text(
                    &path,
                    text,
                    profile.as_deref(),
                    &lookup,
                )?)
            }
            None => {
                if let Some(p) = &profile {
                    return Err(exit::usage(format!(
                        "--profile {p}: no config file (pass --config or create redkit.yaml)"
                    )));
                }
                None
            }
        };

        let r = Resolver {
            vars: &vars,
            config: config.as_ref(),
            flags: &g.conn,
        };
        // A bad REDIS_PORT (or REDIS_URL) must not stop validate-env from reporting it: the
        // error waits until a command needs the connection settings.
        let (redis, redis_error, url_error) = match r.redis() {
            Ok(mut redis) => match redis.merge_urls() {
                Ok(()) => (redis, None, None),
                Err(e) => (redis, None, Some(e.to_string())),
            },
            Err(e) => (RedisSettings::defaults()?, Some(e.to_string()), None),
        };
        let cache_prefix = r.or_default(&keys::CACHE_PREFIX);
        let stream_match = r.or_default(&keys::STREAMS_MATCH);
        let job_key = r.or_default(&keys::STREAMS_JOB_KEY);
        let stuck_after = r.or_default(&keys::STREAMS_STUCK_AFTER);
        let database_url = r
            .setting(&keys::MIGRATE_DATABASE_URL)
            .map(|s| s.map(Secret::new));
        let dotenv_dialect =
            r.typed_setting(&keys::ENV_DOTENV_DIALECT, ".env dialect", Dialect::parse)?;
        let require_spec = r.boolean(&keys::ENV_REQUIRE_SPEC)?;
        let secrets_dir = r.path(&keys::ENV_SECRETS_DIR);
        // A profile may name another dialect than the file's base.
        if dotenv_dialect.value != dialect {
            dialect = dotenv_dialect.value;
            if let Some(d) = &vars.dotenv {
                vars.dotenv = Some(DotEnv::load(&d.path.clone(), dialect)?);
            }
        }
        Ok(Settings {
            dotenv_dialect,
            require_spec,
            secrets_dir,
            profile,
            redis,
            redis_error,
            url_error,
            cache_prefix,
            stream_match,
            job_key,
            stuck_after,
            database_url,
            vars,
            config,
            config_origin,
            config_source,
            env_file_origin,
            env_file_source,
            env_file_skipped,
            config_searched,
        })
    }

    /// A section of the config file (`health:`, `env:`, `migrate:`), if present.
    pub fn section(&self, name: &str) -> Option<&serde_yaml::Value> {
        self.config.as_ref()?.get(&[name]).filter(|v| !v.is_null())
    }

    /// Every row of the table with its value as `config show` prints it (secrets and URL
    /// passwords masked), None when unset; the connection rows from `RedisSettings::shown`.
    /// The destructuring names every field, so a new one does not compile until it is
    /// given its row here or said to be none.
    fn shown(&self) -> Vec<(&'static Key, Option<Sourced<String>>)> {
        let Settings {
            vars: _,
            config: _,
            profile: _,
            redis,
            redis_error: _,
            url_error: _,
            cache_prefix,
            stream_match,
            job_key,
            stuck_after,
            database_url,
            config_origin: _,
            config_source: _,
            env_file_origin: _,
            env_file_source: _,
            env_file_skipped: _,
            config_searched: _,
            dotenv_dialect,
            require_spec,
            secrets_dir,
        } = self;
        let mut rows = redis.shown();
        rows.extend([
            (&keys::CACHE_PREFIX, Some(cache_prefix.clone())),
            (&keys::STREAMS_MATCH, Some(stream_match.clone())),
            (&keys::STREAMS_JOB_KEY, Some(job_key.clone())),
            (&keys::STREAMS_STUCK_AFTER, Some(stuck_after.clone())),
            (
                &keys::MIGRATE_DATABASE_URL,
                database_url
                    .clone()
                    // Marked secret: the one rule for secrets (a URL by the URL rule).
                    .map(|u| u.map(|v| v.masked())),
            ),
            (
                &keys::ENV_DOTENV_DIALECT,
                Some(dotenv_dialect.clone().map(|d| d.name().to_string())),
            ),
            (
                &keys::ENV_REQUIRE_SPEC,
                Some(require_spec.clone().map(|b| b.to_string())),
            ),
            (
                &keys::ENV_SECRETS_DIR,
                secrets_dir
                    .clone()
                    .map(|p| p.map(|p| p.display().to_string())),
            ),
        ]);
        rows
    }

    /// The resolved settings as rows, secrets masked: the files, then every key of the table.
    pub fn rows(&self) -> Vec<SettingRow> {
        fn row<T: fmt::Display>(key: &str, s: &Sourced<T>) -> SettingRow {
            SettingRow {
                key: key.into(),
                value: Some(s.value.to_string()),
                source: s.source,
                origin: s.origin.clone(),
                secret: false,
            }
        }
        fn unset(key: &str) -> SettingRow {
            SettingRow {
                key: key.into(),
                value: None,
                source: Source::Default,
                origin: "unset".into(),
                secret: false,
            }
        }
        let mut rows = Vec::new();
        rows.push(match &self.config {
            Some(c) => SettingRow {
                key: "config".into(),
                value: Some(c.path.display().to_string()),
                source: self.config_source,
                origin: [
                    self.config_origin.clone(),
                    self.profile.clone().map(|p| format!("profile {p}")),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
                secret: false,
            },
            None => unset("config"),
        });
        rows.push(match &self.vars.dotenv {
            Some(d) => SettingRow {
                key: "env_file".into(),
                value: Some(d.path.display().to_string()),
                source: self.env_file_source,
                origin: format!(
                    "{}{} variables",
                    self.env_file_origin
                        .as_deref()
                        .map(|o| format!("{o}, "))
                        .unwrap_or_default(),
                    d.effective().len()
                ),
                secret: false,
            },
            None => unset("env_file"),
        });
        for (k, value) in self.shown() {
            let mut row = match value {
                Some(s) => row(k.name, &s),
                None => unset(k.name),
            };
            row.secret = k.secret;
            rows.push(row);
        }
        rows
    }
}

pub fn parse_bool(t: &str) -> Result<bool, String> {
    match t.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err("expected true/false, yes/no, on/off or 1/0".into()),
    }
}

pub fn parse_port(t: &str) -> Result<u16, String> {
    match t.parse::<i64>() {
        Ok(p) if (1..=65535).contains(&p) => Ok(p as u16),
        Ok(p) => Err(format!("port must be 1-65535, got {p}")),
        Err(_) => Err(format!("port must be a number 1-65535, got '{t}'")),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::endpoint::Endpoint;
    use super::*;

    /// The settings from these variables and flags alone (no files).
    fn resolved(env: &[(&str, &str)], flags: ConnFlags) -> Settings {
        let vars = Vars {
            process: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            dotenv: None,
        };
        let r = Resolver {
            vars: &vars,
            config: None,
            flags: &flags,
        };
        let mut redis = r.redis().unwrap();
        redis.merge_urls().unwrap();
        Settings {
            redis,
            redis_error: None,
            url_error: None,
            cache_prefix: r.or_default(&keys::CACHE_PREFIX),
            stream_match: r.or_default(&keys::STREAMS_MATCH),
            job_key: r.or_default(&keys::STREAMS_JOB_KEY),
            stuck_after: r.or_default(&keys::STREAMS_STUCK_AFTER),
            database_url: r
                .setting(&keys::MIGRATE_DATABASE_URL)
                .map(|s| s.map(Secret::new)),
            vars: vars.clone(),
            config: None,
            profile: None,
            config_origin: None,
            config_source: Source::Default,
            env_file_origin: None,
            env_file_source: Source::Default,
            env_file_skipped: None,
            config_searched: Vec::new(),
            dotenv_dialect: r
                .typed_setting(&keys::ENV_DOTENV_DIALECT, "dialect", Dialect::parse)
                .unwrap(),
            require_spec: r.boolean(&keys::ENV_REQUIRE_SPEC).unwrap(),
            secrets_dir: r.path(&keys::ENV_SECRETS_DIR),
        }
    }

    fn row(s: &Settings, key: &Key) -> Option<Sourced<String>> {
        s.shown()
            .into_iter()
            .find(|(k, _)| k.name == key.name)
            .and_then(|(_, v)| v)
    }

    /// A row without a field, or a field whose row is missing from the table, fails here (a
    /// field without any row does not compile: `shown` names every field).
    #[test]
    fn every_row_has_a_field_and_every_field_a_row() {
        let s = resolved(&[], ConnFlags::default());
        let shown: Vec<&str> = s.shown().iter().map(|(k, _)| k.name).collect();
        let table: Vec<&str> = keys::KEYS.iter().map(|k| k.name).collect();
        assert_eq!(shown, table, "Settings::shown and keys::KEYS differ");
        assert_eq!(s.rows().len(), table.len() + 2, "config and env_file first");
    }

    /// The built-in values are the table's defaults, nowhere restated.
    #[test]
    fn defaults_come_from_the_table() {
        let s = resolved(&[], ConnFlags::default());
        for (k, v) in s.shown() {
            assert_eq!(
                v.as_ref().map(|v| v.value.as_str()),
                k.default,
                "{}",
                k.name
            );
            if let Some(v) = v {
                assert_eq!(v.source, Source::Default, "{}", k.name);
            }
        }
        let d = RedisSettings::defaults().unwrap();
        assert_eq!(d.port.value, 6379);
        assert_eq!(d.connect_timeout.value, Duration::from_secs(5));
        assert_eq!(
            d.endpoints,
            vec![Endpoint::Tcp {
                host: "localhost".into(),
                port: 6379
            }]
        );
    }

    /// The URL's parts against the same settings given elsewhere, decided in one place: a
    /// stronger source wins over the URL, the URL over an equal one unless both are flags.
    #[test]
    fn url_parts_are_weighed_once() {
        let env = [
            ("REDIS_URL", "redis://app:s3cret@cache:7000/3"),
            ("REDIS_DB", "1"),
        ];
        let mut flags = ConnFlags::default();
        flags.set(&keys::REDIS_PORT, Some("7001".into()));
        let s = resolved(&env, flags);
        let r = &s.redis;
        // The env URL beats REDIS_DB (equal strength), the --port flag beats the URL.
        assert_eq!((r.db.value, r.db.source), (3, Source::Env));
        assert_eq!(r.port.value, 7001);
        assert_eq!(r.host.value, "cache");
        assert!(r.host.origin.contains("(in the URL)"), "{}", r.host.origin);
        assert_eq!(r.username.as_ref().unwrap().value, "app");
        assert_eq!(
            r.endpoints,
            vec![Endpoint::Tcp {
                host: "cache".into(),
                port: 7001
            }]
        );
        let pw = row(&s, &keys::REDIS_PASSWORD).unwrap();
        assert!(!pw.value.contains("s3cret"), "{}", pw.value);
        assert_eq!(row(&s, &keys::REDIS_DB).unwrap().value, "3");

        // Two flags: `--url …/0 --db 3` means db 3; a rediss:// seed turns TLS on.
        let mut flags = ConnFlags::default();
        flags.url = vec!["redis://a:1/0".into(), "rediss://b:2".into()];
        flags.set(&keys::REDIS_DB, Some("3".into()));
        let s = resolved(&[], flags);
        assert_eq!((s.redis.db.value, s.redis.db.source), (3, Source::Flag));
        assert!(s.redis.tls.value && !s.redis.tls_setting);
        assert_eq!(row(&s, &keys::REDIS_TLS).unwrap().value, "true");
        assert_eq!(s.redis.endpoints.len(), 2);

        // A socket URL keeps the socket; host and port stay as given.
        let s = resolved(
            &[("REDIS_URL", "redis+unix:///run/r.sock?db=2")],
            ConnFlags::default(),
        );
        assert_eq!(
            s.redis.endpoints,
            vec![Endpoint::Unix("/run/r.sock".into())]
        );
        assert_eq!(
            (s.redis.db.value, s.redis.host.source),
            (2, Source::Default)
        );
    }

    /// A malformed URL among good ones: none is weighed in, and the error names where the
    /// URLs came from without echoing them.
    #[test]
    fn a_malformed_url_leaves_the_settings_as_given() {
        let mut flags = ConnFlags::default();
        flags.url = vec!["redis://a:1/2".into(), "redis://:pw@h:99999".into()];
        let vars = Vars::default();
        let r = Resolver {
            vars: &vars,
            config: None,
            flags: &flags,
        };
        let mut redis = r.redis().unwrap();
        let err = redis.merge_urls().unwrap_err().to_string();
        assert!(err.starts_with("--url: invalid Redis URL"), "{err}");
        assert!(!err.contains("pw"), "{err}");
        assert_eq!(
            (redis.db.value, redis.host.value.as_str()),
            (0, "localhost")
        );
        assert!(redis.endpoints.is_empty());
    }

    #[test]
    fn config_search_order() {
        assert_eq!(
            config_search_path(Some("/x/cfg"), Some("/home/op"), None),
            vec![
                PathBuf::from("redkit.yaml"),
                PathBuf::from("/x/cfg/redkit/redkit.yaml"),
                PathBuf::from("/etc/redkit/redkit.yaml"),
            ]
        );
        // No (or a relative) XDG_CONFIG_HOME: ~/.config.
        for xdg in [None, Some("rel/cfg")] {
            assert_eq!(
                config_search_path(xdg, Some("/home/op"), None)[1],
                PathBuf::from("/home/op/.config/redkit/redkit.yaml")
            );
        }
        // REDKIT_SYSTEM_CONFIG_DIR moves the system's folder; a relative one is ignored.
        assert_eq!(
            config_search_path(None, None, Some("/opt/redkit/etc"))[1],
            PathBuf::from("/opt/redkit/etc/redkit.yaml")
        );
        assert_eq!(
            config_search_path(None, None, Some("etc"))[1],
            PathBuf::from("/etc/redkit/redkit.yaml")
        );
        let search = config_search_path(None, Some("/home/op"), None);
        let only_etc = |p: &Path| p.starts_with("/etc");
        assert_eq!(
            find_config(&search, only_etc),
            Some(PathBuf::from("/etc/redkit/redkit.yaml"))
        );
        let user_and_etc = |p: &Path| p.is_absolute();
        assert_eq!(
            find_config(&search, user_and_etc),
            Some(PathBuf::from("/home/op/.config/redkit/redkit.yaml"))
        );
        assert_eq!(
            find_config(&search, |_| true),
            Some(PathBuf::from("redkit.yaml"))
        );
        assert_eq!(find_config(&search, |_| false), None);
    }
}
