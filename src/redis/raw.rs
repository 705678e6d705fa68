//! The one raw RESP connection, for the paths where redis-rs costs too much (bench's load, the
//! stream export): TCP, unix socket or TLS, HELLO (authentication and the client name
//! `redkit`; AUTH where the server has no HELLO) and SELECT at connect time, then bytes in and
//! out of one buffer that callers frame themselves. Replies are never turned into values.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::error::ConnError;
use super::node::Auth;
use super::resp::{Reply, encode, frame};
use crate::duration;
use crate::secret::Secret;
use crate::settings::endpoint::Endpoint;

trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// How raw connections are opened: credentials, database, timeouts and the TLS configuration
/// (built once and shared by every connection of a run).
#[derive(Debug, Clone)]
pub struct RawOptions {
    pub username: Option<String>,
    pub password: Option<Secret>,
    pub db: i64,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub tls: Option<Arc<rustls::ClientConfig>>,
}

impl RawOptions {
    /// The options of a deployment's credentials; `db` is 0 on a cluster.
    pub fn from_auth(auth: &Auth, db: i64) -> anyhow::Result<RawOptions> {
        Ok(RawOptions {
            username: auth.username.clone(),
            password: auth.password.clone(),
            db,
            connect_timeout: auth.connect_timeout,
            timeout: auth.timeout,
            tls: if auth.tls {
                Some(super::tls::client_config(auth)?)
            } else {
                None
            },
        })
    }
}

/// One connection. Unread bytes are `buf[start..end]`; the buffer keeps its length, so reads
/// on the hot path never zero memory.
pub struct RawConn {
    io: Box<dyn Io>,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    addr: String,
    timeout: Duration,
}

impl RawConn {
    /// Connects within the connect timeout, then HELLO and SELECT in one round trip within the
    /// reply timeout (as `Node` does: a server that accepts and never answers is a server that
    /// does not reply, not a connection that was not made).
    pub async fn connect(ep: &Endpoint, opts: &RawOptions) -> Result<RawConn, ConnError> {
        let addr = ep.to_string();
        let io = match tokio::time::timeout(opts.connect_timeout, open_io(ep, opts)).await {
            Ok(Ok(io)) => io,
            Ok(Err(e)) => return Err(io_error(&addr, &e)),
            Err(_) => {
                return Err(ConnError::Timeout {
                    addr,
                    op: "connecting",
                    after: duration::format(opts.connect_timeout),
                });
            }
        };
        let mut c = RawConn {
            io,
            buf: vec![0; 64 * 1024],
            start: 0,
            end: 0,
            addr,
            timeout: opts.timeout,
        };
        // HELLO authenticates and names the connection (`redkit` in CLIENT LIST, so an
        // operator sees who is connected), pipelined with SELECT: one round trip. A server
        // that has no HELLO (before Redis 6, or renamed away) gets AUTH and SELECT instead.
        let within = opts.timeout;
        let timed = |r: Result<Result<Vec<Option<String>>, ConnError>, _>, addr: &str| match r {
            Ok(r) => r,
            Err(_) => Err(ConnError::Timeout {
                addr: addr.to_string(),
                op: "waiting for a reply",
                after: duration::format(within),
            }),
        };
        let mut setup = Vec::new();
        let mut hello: Vec<&[u8]> = vec![b"HELLO", b"2"];
        if let Some(p) = &opts.password {
            let user = opts.username.as_deref().unwrap_or("default");
            hello.extend([b"AUTH" as &[u8], user.as_bytes(), p.expose().as_bytes()]);
        }
        hello.extend([b"SETNAME" as &[u8], b"redkit"]);
        encode(&mut setup, &hello);
        let db = opts.db.to_string();
        if opts.db != 0 {
            encode(&mut setup, &[b"SELECT", db.as_bytes()]);
        }
        let n = 1 + usize::from(opts.db != 0);
        let addr = c.addr.clone();
        let replies = timed(
            tokio::time::timeout(within, c.replies(&setup, n)).await,
            &addr,
        )?;
        match replies.first().cloned().flatten() {
            None => {
                return match replies.get(1).cloned().flatten() {
                    None => Ok(c),
                    Some(code) => Err(setup_refused(&addr, &code)),
                };
            }
            Some(code) if code == "WRONGPASS" => return Err(auth_failed(&addr, opts)),
            Some(code) if code == "NOAUTH" && opts.password.is_none() => {
                return Err(auth_failed(&addr, opts));
            }
            // No HELLO here, or one this user may not run: the plain commands decide.
            Some(_) => {}
        }
        let mut setup = Vec::new();
        let mut n = 0;
        if let Some(p) = &opts.password {
            match &opts.username {
                Some(u) => encode(&mut setup, &[b"AUTH", u.as_bytes(), p.expose().as_bytes()]),
                None => encode(&mut setup, &[b"AUTH", p.expose().as_bytes()]),
            }
            n += 1;
        }
        if opts.db != 0 {
            encode(&mut setup, &[b"SELECT", db.as_bytes()]);
            n += 1;
        }
        if n == 0 {
            // Nothing to set up: the first command proves the connection.
            return Ok(c);
        }
        let replies = timed(
            tokio::time::timeout(within, c.replies(&setup, n)).await,
            &addr,
        )?;
        match replies.into_iter().flatten().next().as_deref() {
            None => Ok(c),
            Some("WRONGPASS" | "NOAUTH" | "NOPERM") => Err(auth_failed(&addr, opts)),
            Some(code) => Err(setup_refused(&addr, code)),
        }
    }

    pub fn addr(&self) -> &str {
        &self.addr
    }

    /// Encodes and sends one command under the reply timeout.
    pub async fn send(&mut self, args: &[&[u8]]) -> Result<(), ConnError> {
        let mut out = Vec::with_capacity(64);
        encode(&mut out, args);
        self.write(&out).await
    }

    /// Sends bytes already encoded, under the reply timeout.
    pub async fn write(&mut self, bytes: &[u8]) -> Result<(), ConnError> {
        // A TLS stream may hold the records until flushed: the server would never see them.
        let send = async {
            self.io.write_all(bytes).await?;
            self.io.flush().await
        };
        match tokio::time::timeout(self.timeout, send).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(io_error(&self.addr, &e)),
            Err(_) => Err(self.timed_out()),
        }
    }

    /// Sends bytes already encoded with no timeout of its own (the caller bounds the whole
    /// exchange, as with `fill_untimed`).
    pub async fn write_untimed(&mut self, bytes: &[u8]) -> Result<(), ConnError> {
        self.io
            .write_all(bytes)
            .await
            .map_err(|e| io_error(&self.addr, &e))?;
        self.io.flush().await.map_err(|e| io_error(&self.addr, &e))
    }

    /// The bytes received and not yet consumed.
    pub fn unread(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    /// Marks `n` unread bytes as consumed.
    pub fn consume(&mut self, n: usize) {
        self.start = (self.start + n).min(self.end);
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
    }

    /// Reads more bytes under the reply timeout.
    pub async fn fill(&mut self) -> Result<(), ConnError> {
        match tokio::time::timeout(self.timeout, self.fill_untimed()).await {
            Ok(r) => r,
            Err(_) => Err(self.timed_out()),
        }
    }

    /// Reads more bytes with no timeout of its own (the caller bounds a whole exchange).
    pub async fn fill_untimed(&mut self) -> Result<(), ConnError> {
        // Make room at the end: compact, or grow when one reply fills the buffer.
        if self.end == self.buf.len() {
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            } else {
                let n = self.buf.len() * 2;
                self.buf.resize(n, 0);
            }
        }
        match self.io.read(&mut self.buf[self.end..]).await {
            Ok(0) => Err(ConnError::Dropped {
                addr: self.addr.clone(),
                detail: "end of stream".into(),
            }),
            Ok(k) => {
                self.end += k;
                Ok(())
            }
            Err(e) => Err(io_error(&self.addr, &e)),
        }
    }

    /// Sends `bytes` (n encoded commands) and reads their `n` replies; returns the error codes
    /// among them (`WRONGTYPE`, `OOM`...). No timeout of its own: callers bound the exchange.
    pub async fn exchange(&mut self, bytes: &[u8], n: usize) -> Result<Vec<String>, ConnError> {
        Ok(self
            .replies(bytes, n)
            .await?
            .into_iter()
            .flatten()
            .collect())
    }

    /// Writes `bytes` (n commands) and reads n replies: per reply its error code, or None.
    pub async fn replies(
        &mut self,
        bytes: &[u8],
        n: usize,
    ) -> Result<Vec<Option<String>>, ConnError> {
        self.io
            .write_all(bytes)
            .await
            .map_err(|e| io_error(&self.addr, &e))?;
        self.io
            .flush()
            .await
            .map_err(|e| io_error(&self.addr, &e))?;
        let mut errors = Vec::new();
        let mut got = 0;
        while got < n {
            match frame(self.unread()) {
                Ok(Some((reply, len))) => {
                    self.consume(len);
                    got += 1;
                    errors.push(match reply {
                        Reply::Error(code) => Some(code),
                        _ => None,
                    });
                    continue;
                }
                Ok(None) => {}
                Err(e) => {
                    return Err(ConnError::Server {
                        addr: self.addr.clone(),
                        detail: e,
                    });
                }
            }
            self.fill_untimed().await?;
        }
        Ok(errors)
    }

    fn timed_out(&self) -> ConnError {
        ConnError::Timeout {
            addr: self.addr.clone(),
            op: "waiting for a reply",
            after: duration::format(self.timeout),
        }
    }
}

async fn open_io(ep: &Endpoint, opts: &RawOptions) -> std::io::Result<Box<dyn Io>> {
    match ep {
        Endpoint::Tcp { host, port } => {
            let addrs: Vec<std::net::SocketAddr> = tokio::net::lookup_host((host.as_str(), *port))
                .await
                .map_err(|e| std::io::Error::other(Failure::Resolve(e.to_string())))?
                .collect();
            let s = tokio::net::TcpStream::connect(&addrs[..]).await?;
            s.set_nodelay(true)?;
            let Some(cfg) = &opts.tls else {
                return Ok(Box::new(s));
            };
            let name = rustls::pki_types::ServerName::try_from(host.clone())
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
            let tls = tokio_rustls::TlsConnector::from(cfg.clone())
                .connect(name, s)
                .await
                .map_err(|e| std::io::Error::other(Failure::Tls(e.to_string())))?;
            Ok(Box::new(tls))
        }
        #[cfg(unix)]
        Endpoint::Unix(p) => Ok(Box::new(tokio::net::UnixStream::connect(p).await?)),
        #[cfg(not(unix))]
        Endpoint::Unix(_) => Err(std::io::Error::other("unix sockets are not supported here")),
    }
}

/// What failed before the connection existed, carried inside an `io::Error` as a type.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error("{0}")]
    Resolve(String),
    #[error("{0}")]
    Tls(String),
}

/// An I/O failure as a ConnError, by its kind (never by its message text).
fn auth_failed(addr: &str, opts: &RawOptions) -> ConnError {
    ConnError::Auth {
        addr: addr.to_string(),
        detail: if opts.password.is_some() {
            "wrong password or user".into()
        } else {
            "the server requires a password and none was given".into()
        },
    }
}

fn setup_refused(addr: &str, code: &str) -> ConnError {
    ConnError::Server {
        addr: addr.to_string(),
        detail: format!("the server refused the connection set-up: {code}"),
    }
}

fn io_error(addr: &str, e: &std::io::Error) -> ConnError {
    use std::io::ErrorKind as K;
    let addr = addr.to_string();
    let detail = e.to_string();
    match e.get_ref().and_then(|i| i.downcast_ref::<Failure>()) {
        Some(Failure::Resolve(d)) => {
            return ConnError::Resolve {
                addr,
                detail: d.clone(),
            };
        }
        Some(Failure::Tls(d)) => {
            return ConnError::Tls {
                addr,
                detail: d.clone(),
            };
        }
        None => {}
    }
    match e.kind() {
        K::ConnectionRefused => ConnError::Refused { addr },
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => {
            ConnError::Dropped { addr, detail }
        }
        K::TimedOut => ConnError::Timeout {
            addr,
            op: "connecting",
            after: "the system's limit".into(),
        },
        K::HostUnreachable | K::NetworkUnreachable | K::AddrNotAvailable => {
            ConnError::Unreachable { addr, detail }
        }
        _ => ConnError::Unreachable { addr, detail },
    }
}
