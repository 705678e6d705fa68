//! One connection to one server (redis-rs, multiplexed), with the timeouts applied to every
//! call, and how it is opened from the credentials and transport options.

use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, Client, ConnectionAddr, RedisConnectionInfo};

use super::error::{ConnError, classify};
use crate::duration;
use crate::exit;
use crate::secret::Secret;
use crate::settings::endpoint::Endpoint;

/// Credentials and transport options shared by every node of a deployment.
#[derive(Debug, Clone)]
pub struct Auth {
    pub username: Option<String>,
    pub password: Option<Secret>,
    pub db: i64,
    pub tls: bool,
    pub cacert: Option<PathBuf>,
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    pub insecure: bool,
    pub connect_timeout: Duration,
    pub timeout: Duration,
}

/// Why `AUTH <password>` failed on a server whose default user has no password.
const NO_PASSWORD_SET: &str = "the server has no password set, but a password was given (it \
answers ERR AUTH <password> called without any password configured); leave REDIS_PASSWORD, \
--password-file and the URL's password out";

/// A connection to one server, with the timeouts applied to every call.
#[derive(Clone)]
pub struct Node {
    pub endpoint: Endpoint,
    pub addr: String,
    conn: MultiplexedConnection,
    timeout: Duration,
    password: Option<Secret>,
}

impl fmt::Debug for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Node({})", self.addr)
    }
}

impl Node {
    /// Runs one command under the reply timeout.
    pub async fn query<T: redis::FromRedisValue>(
        &mut self,
        cmd: &redis::Cmd,
    ) -> Result<T, ConnError> {
        let fut = cmd.query_async::<T>(&mut self.conn);
        match tokio::time::timeout(self.timeout, fut).await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(self.fix_timeout(classify(&self.addr, &e, self.password.as_ref()))),
            Err(_) => Err(self.timed_out("waiting for a reply")),
        }
    }

    /// Runs a pipeline under the reply timeout.
    pub async fn pipe<T: redis::FromRedisValue>(
        &mut self,
        p: &redis::Pipeline,
    ) -> Result<T, ConnError> {
        let fut = p.query_async::<T>(&mut self.conn);
        match tokio::time::timeout(self.timeout, fut).await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(self.fix_timeout(classify(&self.addr, &e, self.password.as_ref()))),
            Err(_) => Err(self.timed_out("waiting for a reply")),
        }
    }

    /// Like `query` but with its own timeout (blocking reads such as XREAD BLOCK).
    pub async fn query_within<T: redis::FromRedisValue>(
        &mut self,
        cmd: &redis::Cmd,
        within: Duration,
    ) -> Result<T, ConnError> {
        let fut = cmd.query_async::<T>(&mut self.conn);
        match tokio::time::timeout(within, fut).await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(classify(&self.addr, &e, self.password.as_ref())),
            Err(_) => Err(ConnError::Timeout {
                addr: self.addr.clone(),
                op: "waiting for a reply",
                after: duration::format(within),
            }),
        }
    }

    /// The raw connection, for callers that manage their own timeouts.
    pub fn raw(&mut self) -> &mut MultiplexedConnection {
        &mut self.conn
    }

    pub fn reply_timeout(&self) -> Duration {
        self.timeout
    }

    fn timed_out(&self, op: &'static str) -> ConnError {
        ConnError::Timeout {
            addr: self.addr.clone(),
            op,
            after: duration::format(self.timeout),
        }
    }

    fn fix_timeout(&self, e: ConnError) -> ConnError {
        match e {
            ConnError::Timeout { addr, op, .. } => ConnError::Timeout {
                addr,
                op,
                after: duration::format(self.timeout),
            },
            other => other,
        }
    }
}

impl Auth {
    /// The transport of the settings (TLS files, timeouts) without credentials or database.
    pub fn transport(r: &crate::settings::RedisSettings, tls: bool) -> Auth {
        Auth {
            username: None,
            password: None,
            db: 0,
            tls,
            cacert: r.cacert.clone().map(|s| s.value),
            cert: r.cert.clone().map(|s| s.value),
            key: r.key.clone().map(|s| s.value),
            insecure: r.insecure.value,
            connect_timeout: r.connect_timeout.value,
            timeout: r.timeout.value,
        }
    }

    pub(crate) fn tls_certificates(&self) -> anyhow::Result<Option<redis::TlsCertificates>> {
        if self.cacert.is_none() && self.cert.is_none() {
            return Ok(None);
        }
        let read = |p: &PathBuf, flag: &str| {
            crate::files::read(p, crate::files::SMALL)
                .map_err(|e| exit::usage(format!("{flag} {}: cannot read: {e}", p.display())))
        };
        let root_cert = match &self.cacert {
            Some(p) => Some(read(p, "--cacert")?),
            None => None,
        };
        let client_tls = match (&self.cert, &self.key) {
            (Some(c), Some(k)) => Some(redis::ClientTlsConfig {
                client_cert: read(c, "--cert")?,
                client_key: read(k, "--key")?,
            }),
            _ => None,
        };
        Ok(Some(redis::TlsCertificates {
            client_tls,
            root_cert,
        }))
    }

    pub(crate) fn connection_info(
        &self,
        ep: &Endpoint,
        db: i64,
    ) -> anyhow::Result<redis::ConnectionInfo> {
        use redis::IntoConnectionInfo;
        let addr = match ep {
            Endpoint::Tcp { host, port } if self.tls => ConnectionAddr::TcpTls {
                host: host.clone(),
                port: *port,
                insecure: self.insecure,
                tls_params: None,
            },
            Endpoint::Tcp { host, port } => ConnectionAddr::Tcp(host.clone(), *port),
            Endpoint::Unix(p) => ConnectionAddr::Unix(p.clone()),
        };
        let mut rs = RedisConnectionInfo::default()
            .set_db(db)
            .set_skip_set_lib_name();
        if let Some(u) = &self.username {
            rs = rs.set_username(u);
        }
        if let Some(p) = &self.password {
            rs = rs.set_password(p.expose());
        }
        Ok(addr.into_connection_info()?.set_redis_settings(rs))
    }

    /// Opens a connection to one server: TCP (or TLS, or a socket), AUTH, SELECT, all within the
    /// connect timeout, so a server that accepts and never answers cannot hang us.
    pub async fn connect(&self, ep: &Endpoint) -> Result<Node, anyhow::Error> {
        self.connect_db(ep, self.db).await
    }

    /// Whether a refused `AUTH <password>` came from a server that has no password at all
    /// (Redis answers `ERR AUTH <password> called without any password configured`, which the
    /// client library reports as a plain authentication failure): told by behaviour, not by
    /// the words, by connecting once without the password. Only the failure path pays for it.
    async fn server_has_no_password(&self, ep: &Endpoint, db: i64) -> bool {
        if self.password.is_none() || self.username.is_some() {
            return false;
        }
        let bare = Auth {
            password: None,
            ..self.clone()
        };
        Box::pin(bare.connect_db(ep, db)).await.is_ok()
    }

    pub async fn connect_db(&self, ep: &Endpoint, db: i64) -> Result<Node, anyhow::Error> {
        let addr = ep.to_string();
        // The name is resolved first, so a typo is told apart from a dead server by what
        // failed, not by the words of the library's error.
        if let Endpoint::Tcp { host, port } = ep {
            let lookup = tokio::net::lookup_host((host.as_str(), *port));
            match tokio::time::timeout(self.connect_timeout, lookup).await {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => {
                    return Err(anyhow::Error::new(ConnError::Resolve {
                        addr,
                        detail: e.to_string(),
                    }));
                }
                Err(_) => {
                    return Err(anyhow::Error::new(ConnError::Timeout {
                        addr,
                        op: "resolving the host name",
                        after: duration::format(self.connect_timeout),
                    }));
                }
            }
        }
        let info = self.connection_info(ep, db)?;
        let client = match self.tls_certificates()? {
            Some(certs) if self.tls => Client::build_with_tls(info, certs),
            _ => Client::open(info),
        }
        .map_err(|e| exit::usage(format!("{addr}: invalid connection settings: {e}")))?;
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(Some(self.connect_timeout))
            // Later replies are bounded by `Node` with --timeout; a response timeout here would
            // apply to every request on the connection and cap --timeout at --connect-timeout.
            .set_response_timeout(None);
        let fut = client.get_multiplexed_async_connection_with_config(&config);
        let started = Instant::now();
        let conn = match tokio::time::timeout(self.connect_timeout, fut).await {
            Ok(Ok(c)) => c,
            Ok(Err(e)) => {
                let mut err = classify(&addr, &e, self.password.as_ref());
                if let ConnError::Timeout { op, after, .. } = &mut err {
                    *op = "connecting";
                    *after = duration::format(self.connect_timeout);
                }
                if let ConnError::Auth { detail, .. } = &mut err
                    && self.server_has_no_password(ep, db).await
                {
                    *detail = NO_PASSWORD_SET.into();
                }
                if started.elapsed() >= self.connect_timeout
                    && !matches!(err, ConnError::Auth { .. })
                {
                    err = ConnError::Timeout {
                        addr: addr.clone(),
                        op: "connecting",
                        after: duration::format(self.connect_timeout),
                    };
                }
                return Err(anyhow::Error::new(err));
            }
            Err(_) => {
                return Err(anyhow::Error::new(ConnError::Timeout {
                    addr,
                    op: "connecting",
                    after: duration::format(self.connect_timeout),
                }));
            }
        };
        let mut node = Node {
            endpoint: ep.clone(),
            addr,
            conn,
            timeout: self.timeout,
            password: self.password.clone(),
        };
        // A PING proves the server answers (a silent listener accepts TCP but never replies) and
        // surfaces NOAUTH when a password is needed but none was given.
        let pong: redis::Value = node
            .query(&redis::cmd("PING"))
            .await
            .map_err(anyhow::Error::new)?;
        if let redis::Value::ServerError(e) = pong {
            let detail = crate::output::escape::escape_str(&format!(
                "{} {}",
                e.code(),
                e.details().unwrap_or("")
            ));
            return Err(anyhow::Error::new(ConnError::Reply {
                addr: node.addr.clone(),
                code: super::error::ServerCode::parse(e.code()),
                detail,
            }));
        }
        Ok(node)
    }
}
