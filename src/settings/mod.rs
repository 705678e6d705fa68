//! Settings, strongest first: flags, process environment, `.env`, the YAML config, defaults.
//! Every resolved value remembers where it came from, for `redkit config show`.

pub mod dotenv;
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
pub use input::{ConnFlags, SettingsInput};
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
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub vars: Vars,
    pub config: Option<ConfigFile>,
    pub profile: Option<String>,
    pub redis: RedisSettings,
    /// Why the Redis settings could not be resolved, reported when a command needs them.
    pub redis_error: Option<String>,
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
    fn defaults() -> RedisSettings {
        RedisSettings {
            urls: None,
            host: Sourced::new("localhost".to_string(), Source::Default, "built-in"),
            port: Sourced::new(6379, Source::Default, "built-in"),
            db: Sourced::new(0, Source::Default, "built-in"),
            username: None,
            password: None,
            cluster: Sourced::new(false, Source::Default, "built-in"),
            sentinel: None,
            master_name: None,
            tls: Sourced::new(false, Source::Default, "built-in"),
            cacert: None,
            cert: None,
            key: None,
            insecure: Sourced::new(false, Source::Default, "built-in"),
            connect_timeout: Sourced::new(Duration::from_secs(5), Source::Default, "built-in"),
            timeout: Sourced::new(Duration::from_secs(5), Source::Default, "built-in"),
        }
    }
}

impl Settings {
    /// The Redis settings, or the usage error that kept them from resolving.
    pub fn redis(&self) -> anyhow::Result<&RedisSettings> {
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
        };
        // A bad REDIS_PORT must not stop validate-env from reporting it: the error waits until
        // a command needs the connection settings.
        let (redis, redis_error) = match r.redis(g) {
            Ok(redis) => (redis, None),
            Err(e) => (RedisSettings::defaults(), Some(e.to_string())),
        };
        let cache_prefix = r.or_default("cache.prefix", None);
        let stream_match = r.or_default("streams.match", None);
        let job_key = r.or_default("streams.job_key", None);
        let stuck_after = r.or_default("streams.stuck_after", None);
        let database_url = r
            .setting("migrate.database_url", None)
            .map(|s| s.map(Secret::new));
        Ok(Settings {
            profile,
            redis,
            redis_error,
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

    /// A setting of the table as `config show` prints it (secrets and URL passwords masked),
    /// or None when unset.
    fn shown(&self, name: &str) -> Option<Sourced<String>> {
        let r = &self.redis;
        let text = |s: &Sourced<String>| Some(s.clone());
        let path =
            |p: &Option<Sourced<PathBuf>>| p.clone().map(|s| s.map(|p| p.display().to_string()));
        let disp =
            |v: &dyn fmt::Display, s: Source, o: &str| Some(Sourced::new(v.to_string(), s, o));
        match name {
            "redis.url" => r.urls.clone().map(|u| {
                u.map(|v| {
                    v.iter()
                        .map(|x| mask::mask_url(x))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
            }),
            "redis.host" => text(&r.host),
            "redis.port" => disp(&r.port.value, r.port.source, &r.port.origin),
            "redis.db" => disp(&r.db.value, r.db.source, &r.db.origin),
            "redis.username" => r.username.clone(),
            "redis.password" => r.password.clone().map(|p| {
                p.map(|v| match v {
                    Password::Value(s) => s.masked(),
                    Password::Prompt => "(asked when connecting)".into(),
                })
            }),
            "redis.cluster" => disp(&r.cluster.value, r.cluster.source, &r.cluster.origin),
            "redis.sentinel" => r.sentinel.clone().map(|s| s.map(|v| mask::mask_url(&v))),
            "redis.master_name" => r.master_name.clone(),
            "redis.tls" => disp(&r.tls.value, r.tls.source, &r.tls.origin),
            "redis.cacert" => path(&r.cacert),
            "redis.cert" => path(&r.cert),
            "redis.key" => path(&r.key),
            "redis.insecure" => disp(&r.insecure.value, r.insecure.source, &r.insecure.origin),
            "redis.connect_timeout" => Some(r.connect_timeout.clone().map(duration::format)),
            "redis.timeout" => Some(r.timeout.clone().map(duration::format)),
            "cache.prefix" => text(&self.cache_prefix),
            "streams.match" => text(&self.stream_match),
            "streams.job_key" => text(&self.job_key),
            "streams.stuck_after" => text(&self.stuck_after),
            "migrate.database_url" => self
                .database_url
                .clone()
                .map(|u| u.map(|v| mask::mask_db_url(v.expose()))),
            _ => None,
        }
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
        for k in keys::KEYS {
            let mut row = match self.shown(k.name) {
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
}

impl Resolver<'_> {
    /// A setting of the table (`keys::KEYS`): the flag's value when given, else its variables,
    /// else its config paths.
    fn setting(&self, name: &str, flag: Option<String>) -> Option<Sourced<String>> {
        let k = keys::get(name);
        let paths: Vec<Vec<&str>> = std::iter::once(k.name)
            .chain(k.aliases.iter().copied())
            .map(|p| p.split('.').collect())
            .collect();
        let paths: Vec<&[&str]> = paths.iter().map(Vec::as_slice).collect();
        self.pick(flag.map(|v| (v, k.flag.unwrap_or(k.name))), k.env, &paths)
    }

    /// A setting, or its built-in default.
    fn or_default(&self, name: &str, flag: Option<String>) -> Sourced<String> {
        self.setting(name, flag).unwrap_or_else(|| {
            let d = keys::get(name).default.unwrap_or_default();
            Sourced::new(d.to_string(), Source::Default, "built-in")
        })
    }

    /// A typed setting: its value (or the default) parsed, a bad one a usage error naming
    /// where it came from.
    fn typed_setting<T>(
        &self,
        name: &str,
        flag: Option<String>,
        what: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> anyhow::Result<Sourced<T>> {
        self.typed(self.or_default(name, flag), what, parse)
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

    fn flag_bool(&self, flag: bool, name: &str) -> anyhow::Result<Sourced<bool>> {
        self.typed_setting(
            name,
            flag.then(|| "true".to_string()),
            "boolean",
            parse_bool,
        )
    }

    fn redis(&self, g: &SettingsInput) -> anyhow::Result<RedisSettings> {
        let c = &g.conn;
        let urls = if !c.url.is_empty() {
            Some(Sourced::new(c.url.clone(), Source::Flag, "--url"))
        } else if let Some(v) = keys::get("redis.url")
            .env
            .iter()
            .find_map(|n| self.vars.get(n).filter(|v| !v.value.is_empty()))
        {
            Some(v.map(|u| vec![u]))
        } else {
            self.config
                .and_then(|cfg| match cfg.get(&["redis", "url"]) {
                    Some(serde_yaml::Value::Sequence(seq)) => {
                        let list: Vec<String> = seq.iter().filter_map(yaml::scalar_text).collect();
                        (!list.is_empty()).then(|| {
                            Sourced::new(
                                list,
                                Source::Config,
                                format!("{} redis.url", cfg.path.display()),
                            )
                        })
                    }
                    Some(v) => yaml::scalar_text(v).map(|u| {
                        Sourced::new(
                            vec![u],
                            Source::Config,
                            format!("{} redis.url", cfg.path.display()),
                        )
                    }),
                    None => None,
                })
        };
        let host = self.or_default("redis.host", c.host.clone());
        let port = self.typed_setting(
            "redis.port",
            c.port.map(|p| p.to_string()),
            "port",
            parse_port,
        )?;
        let db = self.typed_setting(
            "redis.db",
            c.db.map(|d| d.to_string()),
            "database number",
            |t| {
                // Redis numbers its databases with a C int.
                t.parse::<i64>()
                    .ok()
                    .filter(|d| (0..=i64::from(i32::MAX)).contains(d))
                    .ok_or_else(|| "expected a number from 0 to 2147483647".to_string())
            },
        )?;
        let username = self.setting("redis.username", c.user.clone());
        let password = if let Some(path) = &c.password_file {
            let text = crate::files::read_text(path, crate::files::SMALL).map_err(|e| {
                exit::usage(format!(
                    "--password-file {}: cannot read: {e}",
                    path.display()
                ))
            })?;
            let first = text.lines().next().unwrap_or("").to_string();
            Some(Sourced::new(
                Password::Value(Secret::new(first)),
                Source::Flag,
                format!("--password-file {}", path.display()),
            ))
        } else if c.askpass {
            Some(Sourced::new(Password::Prompt, Source::Flag, "--askpass"))
        } else {
            self.setting("redis.password", None)
                .map(|s| s.map(|p| Password::Value(Secret::new(p))))
        };
        let cluster = self.flag_bool(c.cluster, "redis.cluster")?;
        let sentinel = self.setting("redis.sentinel", c.sentinel.clone());
        let master_name = self.setting("redis.master_name", c.master_name.clone());
        let tls = self.flag_bool(c.tls, "redis.tls")?;
        let insecure = self.flag_bool(c.insecure, "redis.insecure")?;
        let path_setting = |flag: &Option<PathBuf>, name: &str| {
            self.setting(name, flag.as_ref().map(|p| p.display().to_string()))
                .map(|s| s.map(PathBuf::from))
        };
        let cacert = path_setting(&c.cacert, "redis.cacert");
        let cert = path_setting(&c.cert, "redis.cert");
        let key = path_setting(&c.key, "redis.key");
        let dur = |flag: Option<Duration>, name: &str| -> anyhow::Result<Sourced<Duration>> {
            self.typed_setting(
                name,
                flag.map(|d| format!("{}ms", d.as_millis())),
                "duration",
                duration::parse,
            )
        };
        Ok(RedisSettings {
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
            connect_timeout: dur(c.connect_timeout, "redis.connect_timeout")?,
            timeout: dur(c.timeout, "redis.timeout")?,
        })
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
    use super::*;

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
