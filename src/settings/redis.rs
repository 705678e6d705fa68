//! The connection settings: each row resolved, then the URLs' parts weighed in, once (the
//! protocol layer and `config` take the result as it is).

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use super::endpoint::{Endpoint, ParsedUrl, parse_url};
use super::keys::{self, Key};
use super::resolver::Resolver;
use super::{ConnFlags, Password, Source, Sourced, Vars, parse_port, yaml};
use crate::duration;
use crate::exit;
use crate::secret::{Secret, mask};

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

impl RedisSettings {
    /// Every row's built-in default, from the table.
    pub(super) fn defaults() -> anyhow::Result<RedisSettings> {
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
    pub(super) fn merge_urls(&mut self) -> anyhow::Result<()> {
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
    pub(super) fn shown(&self) -> Vec<(&'static Key, Option<Sourced<String>>)> {
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

impl Resolver<'_> {
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
    pub(super) fn redis(&self) -> anyhow::Result<RedisSettings> {
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
