//! Where a server listens and how a Redis URL is read. In the settings layer because a URL's
//! parts are weighed against the other settings there (`RedisSettings::merge_urls`); the
//! protocol layer re-exports it.

use std::fmt;
use std::path::PathBuf;

use url::Url;

use crate::secret::Secret;

/// Where one server listens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Endpoint {
    Tcp { host: String, port: u16 },
    Unix(PathBuf),
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Tcp { host, port } if host.contains(':') => write!(f, "[{host}]:{port}"),
            Endpoint::Tcp { host, port } => write!(f, "{host}:{port}"),
            Endpoint::Unix(p) => write!(f, "{}", p.display()),
        }
    }
}

impl Endpoint {
    /// Parses `host:port` as CLUSTER NODES and INFO print it (`[::1]:7000` for IPv6).
    pub fn parse_host_port(text: &str) -> Option<Endpoint> {
        let (host, port) = text.rsplit_once(':')?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        Some(Endpoint::Tcp {
            host: host.to_string(),
            port: port.parse().ok()?,
        })
    }
}

/// The parts of one Redis URL.
#[derive(Debug, Clone)]
pub struct ParsedUrl {
    pub endpoint: Endpoint,
    pub tls: bool,
    pub db: Option<i64>,
    pub username: Option<String>,
    pub password: Option<Secret>,
}

/// Parses `redis://[user[:pass]@]host[:port][/db]`, `rediss://...`, `redis+unix:///path?db=N`,
/// `unix:///path`, or a bare `host:port`.
/// Redis numbers its databases with a C int, from 0.
fn db_in_range(d: &i64) -> bool {
    (0..=i64::from(i32::MAX)).contains(d)
}

pub fn parse_url(text: &str) -> Result<ParsedUrl, String> {
    let text = text.trim();
    let with_scheme = if text.contains("://") {
        text.to_string()
    } else {
        format!("redis://{text}")
    };
    let url = Url::parse(&with_scheme).map_err(|e| e.to_string())?;
    // Percent-decoding only: in a URL's userinfo '+' is a plus, not a space.
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    // redis-py and redis-rs (for sockets) also take the credentials as query parameters
    // (`redis://h/0?password=X`, `redis+unix:///s?pass=X`); the userinfo wins.
    let query = |names: &[&str]| {
        url.query_pairs()
            .find(|(k, _)| names.contains(&k.as_ref()))
            .map(|(_, v)| v.into_owned())
            .filter(|v| !v.is_empty())
    };
    let username = Some(url.username())
        .filter(|u| !u.is_empty())
        .map(decode)
        .or_else(|| query(&["username", "user"]))
        .filter(|u| u != "default");
    let password = url
        .password()
        .map(decode)
        .or_else(|| query(&["password", "pass"]))
        .map(Secret::new);
    let query_db = url
        .query_pairs()
        .find(|(k, _)| k == "db")
        .map(|(_, v)| {
            // The value is not echoed: in a mistyped URL it may be a piece of the password.
            v.parse::<i64>().ok().filter(db_in_range).ok_or_else(|| {
                "the db= parameter must be a number from 0 to 2147483647".to_string()
            })
        })
        .transpose()?;
    match url.scheme() {
        "redis" | "rediss" | "valkey" | "valkeys" => {
            let host = url
                .host_str()
                .filter(|h| !h.is_empty())
                .ok_or("no host name")?
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_string();
            let port = url.port().unwrap_or(6379);
            let path = url.path().trim_matches('/');
            let db = if path.is_empty() {
                query_db
            } else {
                Some(path.parse::<i64>().ok().filter(db_in_range).ok_or_else(|| {
                    "the path must be a database number from 0 to 2147483647 (/0); check the \
                     URL's spelling"
                        .to_string()
                })?)
            };
            Ok(ParsedUrl {
                endpoint: Endpoint::Tcp { host, port },
                tls: matches!(url.scheme(), "rediss" | "valkeys"),
                db,
                username,
                password,
            })
        }
        "redis+unix" | "unix" => {
            if url.path().is_empty() {
                return Err("no socket path".into());
            }
            Ok(ParsedUrl {
                endpoint: Endpoint::Unix(PathBuf::from(url.path())),
                tls: false,
                db: query_db,
                username,
                password,
            })
        }
        other => Err(format!(
            "unsupported scheme '{}' (use redis://, rediss:// or redis+unix://)",
            crate::secret::mask::mask_url(other)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_may_come_from_the_query() {
        let u = parse_url("redis://h:1/0?password=p%26w&username=app").unwrap();
        assert_eq!(u.password.unwrap().expose(), "p&w");
        assert_eq!(u.username.as_deref(), Some("app"));
        let u = parse_url("redis+unix:///run/redis.sock?db=3&pass=pw").unwrap();
        assert_eq!(u.password.unwrap().expose(), "pw");
        // The userinfo wins; `default` is no user name to send.
        let u = parse_url("redis://default:a@h?password=b&user=x").unwrap();
        assert_eq!(u.password.unwrap().expose(), "a");
        assert_eq!(u.username, None);
        assert!(parse_url("redis://h?password=").unwrap().password.is_none());
    }
}
