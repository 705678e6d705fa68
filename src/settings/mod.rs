//! Settings, strongest first: flags, process environment, `.env`, the YAML config, defaults.
//! Every resolved value remembers where it came from, for `redkit config show`.

pub mod dotenv;
pub mod endpoint;
pub mod input;
pub mod keys;
pub mod yaml;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;

use crate::duration;
use crate::exit;
pub use crate::secret::Secret;
use crate::secret::mask;
pub use dotenv::DotEnv;
use endpoint::{Endpoint, ParsedUrl, parse_url};
pub use input::{ConnFlags, SettingsInput};
use keys::Key;
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

    /// The real environment wins over `.env`.
    pub fn get(&self, name: &str) -> Option<Sourced<String>> {
        if let Some(v) = self.process.get(name) {
            return Some(Sourced::new(v.clone(), Source::Env, name));
        }
        let d = self.dotenv.as_ref()?;
        let e = d.get(name)?;
        Some(Sourced::new(
            e.value.clone(),
            Source::DotEnv,
            format!("{}:{}", d.path.display(), e.line),
        ))
    }

    pub fn value(&self, name: &str) -> Option<String> {
        self.get(name).map(|s| s.value)
    }
}

/// The connection settings, effective: the first URL's host, port, db, user and password
/// already weighed against the same settings given elsewhere (`url_wins`), and TLS on when a
/// URL says `rediss://`. Each field is one row of `keys::KEYS` (see `shown`), except the two
/// derived from them.
#[derive(Debug, Clone)]
pub struct RedisSettings {
    pub urls: Option<Sourced<Vec<String>>>,
    pub host: Sourced<String>,
    pub port: Sourced<u16>,
    pub db: Sourced<i64>,
    pub username: Option<Sourced<String>>,
    pub password: Option<Sourced<Password>>,
    pub cluster: Sourced<bool>,
    pub sentinel: Option<Sourced<String>>,
    pub master_name: Option<Sourced<String>>,
    pub tls: Sourced<bool>,
    pub cacert: Option<Sourced<PathBuf>>,
    pub cert: Option<Sourced<PathBuf>>,
    pub key: Option<Sourced<PathBuf>>,
    pub insecure: Sourced<bool>,
    pub connect_timeout: Sourced<Duration>,
    pub timeout: Sourced<Duration>,
    /// Derived: the servers, one per URL (the first with the effective host and port), or
    /// the host and port alone.
    pub endpoints: Vec<Endpoint>,
    /// Derived: the `redis.tls` row before any `rediss://` URL turned it on (validate-env
    /// judges each variable's URL by its own scheme).
    pub tls_setting: bool,
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
    /// Every place the config was looked for, in order (for `-v`).
    pub config_searched: Vec<PathBuf>,
}

/// The conventional places of the config file after `--config` and `REDKIT_CONFIG`: the
/// working directory, then the user's (`$XDG_CONFIG_HOME`, else `~/.config`), then the
/// system's. Cron runs in `$HOME`, where `./redkit.yaml` is not.
pub fn config_search_path(xdg_config_home: Option<&str>, home: Option<&str>) -> Vec<PathBuf> {
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
    out.push(PathBuf::from("/etc/redkit/redkit.yaml"));
    out
}

/// A path a file can be read from: a regular file, or `/dev/null` and `<(...)` (a pipe).
pub(crate) fn readable(p: &Path) -> bool {
    p.exists() && !p.is_dir()
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

impl RedisSettings {
    /// Every row's built-in default, from the table.
    fn defaults() -> anyhow::Result<RedisSettings> {
        let none = Resolver {
            vars: &Vars::default(),
            config: None,
            flags: &ConnFlags::default(),
        };
        let mut r = none.redis()?;
        r.merge_urls()?;
        Ok(r)
    }

    /// Weighs the URLs' parts in: the one place URL precedence is decided.
    fn merge_urls(&mut self) -> anyhow::Result<()> {
        let mut endpoints = Vec::new();
        if let Some(urls) = self.urls.clone() {
            let (src, origin) = (urls.source, format!("{} (in the URL)", urls.origin));
            let from_url = |v| Sourced::new(v, src, origin.clone());
            // All read before any is weighed in: a malformed one leaves the settings as given.
            // The URL is not echoed: a malformed one may hold a password where it cannot be
            // found to be masked.
            let parsed: Vec<ParsedUrl> = urls
                .value
                .iter()
                .map(|text| parse_url(text))
                .collect::<Result<_, _>>()
                .map_err(|e| exit::usage(format!("{}: invalid Redis URL: {e}", urls.origin)))?;
            for (i, parsed) in parsed.into_iter().enumerate() {
                if parsed.tls && !self.tls.value {
                    self.tls = from_url(true);
                }
                if i == 0 {
                    // Parts given more strongly than the URL (a --db flag over REDIS_URL) win.
                    let take = |cur: Source| url_wins(cur, src);
                    if let Some(d) = parsed.db
                        && take(self.db.source)
                    {
                        self.db = Sourced::new(d, src, origin.clone());
                    }
                    if let Some(u) = parsed.username.clone()
                        && self.username.as_ref().is_none_or(|x| take(x.source))
                    {
                        self.username = Some(Sourced::new(u, src, origin.clone()));
                    }
                    if let Some(p) = parsed.password.clone()
                        && self.password.as_ref().is_none_or(|x| take(x.source))
                    {
                        self.password = Some(Sourced::new(Password::Value(p), src, origin.clone()));
                    }
                    if let Endpoint::Tcp { host, port } = &parsed.endpoint {
                        if take(self.host.source) {
                            self.host = Sourced::new(host.clone(), src, origin.clone());
                        }
                        if take(self.port.source) {
                            self.port = Sourced::new(*port, src, origin.clone());
                        }
                    }
                }
                endpoints.push(parsed.endpoint);
            }
        }
        let first = match endpoints.first() {
            Some(Endpoint::Unix(p)) => Endpoint::Unix(p.clone()),
            _ => Endpoint::Tcp {
                host: self.host.value.clone(),
                port: self.port.value,
            },
        };
        match endpoints.first_mut() {
            Some(e) => *e = first,
            None => endpoints.push(first),
        }
        self.endpoints = endpoints;
        Ok(())
    }

    /// Each row this type holds with its value as `config show` prints it (secrets and URL
    /// passwords masked), None when unset. The destructuring names every field, so a new
    /// field does not compile until it is given its row here.
    fn shown(&self) -> Vec<(&'static Key, Option<Sourced<String>>)> {
        let RedisSettings {
            urls,
            host,
            port,
            db,
            username,
            password,
            cluster,
            sentinel,
            master_name,
            tls,
            cacert,
            cert,
            key,
            insecure,
            connect_timeout,
            timeout,
            endpoints: _,
            tls_setting: _,
        } = self;
        vec![
            (
                &keys::REDIS_URL,
                urls.clone().map(|u| {
                    u.map(|v| {
                        v.iter()
                            .map(|x| mask::mask_url(x))
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                }),
            ),
            (&keys::REDIS_HOST, Some(host.clone())),
            (&keys::REDIS_PORT, shown(port)),
            (&keys::REDIS_DB, shown(db)),
            (&keys::REDIS_USERNAME, username.clone()),
            (
                &keys::REDIS_PASSWORD,
                password.clone().map(|p| {
                    p.map(|v| match v {
                        Password::Value(s) => s.masked(),
                        Password::Prompt => "(asked when connecting)".into(),
                    })
                }),
            ),
            (&keys::REDIS_CLUSTER, shown(cluster)),
            (
                &keys::REDIS_SENTINEL,
                sentinel.clone().map(|s| s.map(|v| mask::mask_url(&v))),
            ),
            (&keys::REDIS_MASTER_NAME, master_name.clone()),
            (&keys::REDIS_TLS, shown(tls)),
            (&keys::REDIS_CACERT, shown_path(cacert)),
            (&keys::REDIS_CERT, shown_path(cert)),
            (&keys::REDIS_KEY, shown_path(key)),
            (&keys::REDIS_INSECURE, shown(insecure)),
            (
                &keys::REDIS_CONNECT_TIMEOUT,
                Some(connect_timeout.clone().map(duration::format)),
            ),
            (
                &keys::REDIS_TIMEOUT,
                Some(timeout.clone().map(duration::format)),
            ),
        ]
    }
}

fn shown<T: fmt::Display>(s: &Sourced<T>) -> Option<Sourced<String>> {
    Some(Sourced::new(
        s.value.to_string(),
        s.source,
        s.origin.clone(),
    ))
}

fn shown_path(p: &Option<Sourced<PathBuf>>) -> Option<Sourced<String>> {
    p.clone().map(|s| s.map(|p| p.display().to_string()))
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
        let dotenv = if g.no_env_file {
            None
        } else if let Some(path) = &g.env_file {
            if !path.exists() {
                return Err(exit::usage(format!(
                    "--env-file {}: no such file",
                    path.display()
                )));
            }
            Some(DotEnv::load(path)?)
        } else if Path::new(".env").is_file() {
            Some(DotEnv::load(Path::new(".env"))?)
        } else {
            None
        };
        let vars = Vars {
            process: bare.process,
            dotenv,
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
        let mut vars = vars;
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
            vars.dotenv = Some(DotEnv::load(&named)?);
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
        Ok(Settings {
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
            config_searched: _,
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
                    .map(|u| u.map(|v| mask::mask_db_url(v.expose()))),
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

struct Resolver<'a> {
    vars: &'a Vars,
    config: Option<&'a ConfigFile>,
    flags: &'a ConnFlags,
}

impl Resolver<'_> {
    /// A setting of the table: its flag's value when given, else its variables, else its
    /// config paths.
    fn setting(&self, k: &'static Key) -> Option<Sourced<String>> {
        let paths: Vec<Vec<&str>> = std::iter::once(k.name)
            .chain(k.aliases.iter().copied())
            .map(|p| p.split('.').collect())
            .collect();
        let paths: Vec<&[&str]> = paths.iter().map(Vec::as_slice).collect();
        let flag = self
            .flags
            .get(k)
            .map(|v| (v.to_string(), k.flag.unwrap_or(k.name)));
        self.pick(flag, k.env, &paths)
    }

    /// A setting, or the row's built-in default.
    fn or_default(&self, k: &'static Key) -> Sourced<String> {
        self.setting(k).unwrap_or_else(|| {
            let d = k.default.unwrap_or_default();
            Sourced::new(d.to_string(), Source::Default, "built-in")
        })
    }

    /// A typed setting: its value (or the row's default) parsed, a bad one a usage error
    /// naming where it came from.
    fn typed_setting<T>(
        &self,
        k: &'static Key,
        what: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> anyhow::Result<Sourced<T>> {
        self.typed(self.or_default(k), what, parse)
    }

    /// The strongest of: a flag value, the first set variable in `env`, the first set config
    /// path in `cfg`.
    fn pick(
        &self,
        flag: Option<(String, &str)>,
        env: &[&str],
        cfg: &[&[&str]],
    ) -> Option<Sourced<String>> {
        if let Some((v, name)) = flag {
            return Some(Sourced::new(v, Source::Flag, name));
        }
        for name in env {
            if let Some(v) = self.vars.get(name).filter(|v| !v.value.is_empty()) {
                return Some(v);
            }
        }
        let config = self.config?;
        for path in cfg {
            if let Some(v) = config.get_string(path) {
                return Some(Sourced::new(
                    v,
                    Source::Config,
                    format!("{} {}", config.path.display(), path.join(".")),
                ));
            }
        }
        None
    }

    fn typed<T>(
        &self,
        s: Sourced<String>,
        what: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> anyhow::Result<Sourced<T>> {
        match parse(s.value.trim()) {
            Ok(v) => Ok(Sourced::new(v, s.source, s.origin)),
            Err(e) => Err(exit::usage(format!(
                "{}: invalid {what} '{}': {e}",
                s.origin, s.value
            ))),
        }
    }

    fn boolean(&self, k: &'static Key) -> anyhow::Result<Sourced<bool>> {
        self.typed_setting(k, "boolean", parse_bool)
    }

    fn path(&self, k: &'static Key) -> Option<Sourced<PathBuf>> {
        self.setting(k).map(|s| s.map(PathBuf::from))
    }

    fn duration(&self, k: &'static Key) -> anyhow::Result<Sourced<Duration>> {
        self.typed_setting(k, "duration", duration::parse)
    }

    /// `redis.url`: a flag may repeat and the config may hold a list (cluster seeds).
    fn urls(&self) -> Option<Sourced<Vec<String>>> {
        if !self.flags.url.is_empty() {
            return Some(Sourced::new(self.flags.url.clone(), Source::Flag, "--url"));
        }
        if let Some(v) = keys::REDIS_URL
            .env
            .iter()
            .find_map(|n| self.vars.get(n).filter(|v| !v.value.is_empty()))
        {
            return Some(v.map(|u| vec![u]));
        }
        let cfg = self.config?;
        let origin = format!("{} {}", cfg.path.display(), keys::REDIS_URL.name);
        match cfg.get(&["redis", "url"]) {
            Some(serde_yaml::Value::Sequence(seq)) => {
                let list: Vec<String> = seq.iter().filter_map(yaml::scalar_text).collect();
                (!list.is_empty()).then(|| Sourced::new(list, Source::Config, origin))
            }
            Some(v) => yaml::scalar_text(v).map(|u| Sourced::new(vec![u], Source::Config, origin)),
            None => None,
        }
    }

    /// `redis.password`: `--password-file` or `--askpass`, else the row's variables and config.
    fn password(&self) -> anyhow::Result<Option<Sourced<Password>>> {
        let c = self.flags;
        if let Some(path) = &c.password_file {
            let text = crate::files::read_text(path, crate::files::SMALL).map_err(|e| {
                exit::usage(format!(
                    "--password-file {}: cannot read: {e}",
                    path.display()
                ))
            })?;
            let first = text.lines().next().unwrap_or("").to_string();
            return Ok(Some(Sourced::new(
                Password::Value(Secret::new(first)),
                Source::Flag,
                format!("--password-file {}", path.display()),
            )));
        }
        if c.askpass {
            return Ok(Some(Sourced::new(
                Password::Prompt,
                Source::Flag,
                "--askpass",
            )));
        }
        Ok(self
            .setting(&keys::REDIS_PASSWORD)
            .map(|s| s.map(|p| Password::Value(Secret::new(p)))))
    }

    /// The connection settings as given, before the URL's parts are weighed in.
    fn redis(&self) -> anyhow::Result<RedisSettings> {
        let tls = self.boolean(&keys::REDIS_TLS)?;
        Ok(RedisSettings {
            urls: self.urls(),
            host: self.or_default(&keys::REDIS_HOST),
            port: self.typed_setting(&keys::REDIS_PORT, "port", parse_port)?,
            db: self.typed_setting(&keys::REDIS_DB, "database number", |t| {
                // Redis numbers its databases with a C int.
                t.parse::<i64>()
                    .ok()
                    .filter(|d| (0..=i64::from(i32::MAX)).contains(d))
                    .ok_or_else(|| "expected a number from 0 to 2147483647".to_string())
            })?,
            username: self.setting(&keys::REDIS_USERNAME),
            password: self.password()?,
            cluster: self.boolean(&keys::REDIS_CLUSTER)?,
            sentinel: self.setting(&keys::REDIS_SENTINEL),
            master_name: self.setting(&keys::REDIS_MASTER_NAME),
            tls_setting: tls.value,
            tls,
            cacert: self.path(&keys::REDIS_CACERT),
            cert: self.path(&keys::REDIS_CERT),
            key: self.path(&keys::REDIS_KEY),
            insecure: self.boolean(&keys::REDIS_INSECURE)?,
            connect_timeout: self.duration(&keys::REDIS_CONNECT_TIMEOUT)?,
            timeout: self.duration(&keys::REDIS_TIMEOUT)?,
            endpoints: Vec::new(),
        })
    }
}

/// Whether a part of the first URL (its host, port, db, user, password) replaces the same
/// setting given with strength `cur`: a weaker one, or an equal one unless both are flags
/// (`--url .../0 --db 3` means db 3).
fn url_wins(cur: Source, url: Source) -> bool {
    cur < url || (cur == url && url != Source::Flag)
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
            config_searched: Vec::new(),
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
            config_search_path(Some("/x/cfg"), Some("/home/op")),
            vec![
                PathBuf::from("redkit.yaml"),
                PathBuf::from("/x/cfg/redkit/redkit.yaml"),
                PathBuf::from("/etc/redkit/redkit.yaml"),
            ]
        );
        // No (or a relative) XDG_CONFIG_HOME: ~/.config.
        for xdg in [None, Some("rel/cfg")] {
            assert_eq!(
                config_search_path(xdg, Some("/home/op"))[1],
                PathBuf::from("/home/op/.config/redkit/redkit.yaml")
            );
        }
        let search = config_search_path(None, Some("/home/op"));
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
