//! Opening Redis connections from the settings: standalone (TCP, TLS, unix socket), Sentinel
//! master discovery and Redis Cluster. Every connect and every reply runs under a timeout, and
//! every failure becomes a `ConnError` whose message never contains the password.

use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, Client, ConnectionAddr, RedisConnectionInfo};
use url::Url;

use crate::duration;
use crate::exit;
use crate::settings::{Password, RedisSettings, Secret, Source, Sourced};

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

/// What kind of deployment the settings point at.
#[derive(Debug, Clone)]
pub enum Mode {
    Standalone(Endpoint),
    Cluster(Vec<Endpoint>),
    Sentinel {
        sentinels: Vec<Endpoint>,
        master_name: String,
    },
}

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

/// Everything needed to reach a deployment, resolved from the settings.
#[derive(Debug, Clone)]
pub struct Target {
    pub mode: Mode,
    pub auth: Auth,
    /// User and password for the Sentinels themselves, from the --sentinel URL.
    pub sentinel_credentials: (Option<String>, Option<Secret>),
}

/// Why a connection or a command failed. Messages name the address, never the password.
#[derive(Debug, thiserror::Error)]
pub enum ConnError {
    #[error("{addr}: cannot resolve host name: {detail}")]
    Resolve { addr: String, detail: String },
    #[error("{addr}: connection refused (is redis-server running on that port?)")]
    Refused { addr: String },
    #[error("{addr}: host unreachable: {detail}")]
    Unreachable { addr: String, detail: String },
    #[error("{addr}: authentication failed: {detail}")]
    Auth { addr: String, detail: String },
    #[error("{addr}: TLS failure: {detail}")]
    Tls { addr: String, detail: String },
    #[error("{addr}: timed out after {after} while {op}")]
    Timeout {
        addr: String,
        op: &'static str,
        after: String,
    },
    #[error("{addr}: connection closed by the server: {detail}")]
    Dropped { addr: String, detail: String },
    #[error("{addr}: server error: {detail}")]
    Server { addr: String, detail: String },
}

impl ConnError {
    /// A short stable name for JSON and metrics (`refused`, `auth`, `timeout`...).
    pub fn kind(&self) -> &'static str {
        match self {
            ConnError::Resolve { .. } => "resolve",
            ConnError::Refused { .. } => "refused",
            ConnError::Unreachable { .. } => "unreachable",
            ConnError::Auth { .. } => "auth",
            ConnError::Tls { .. } => "tls",
            ConnError::Timeout { .. } => "timeout",
            ConnError::Dropped { .. } => "dropped",
            ConnError::Server { .. } => "server",
        }
    }

    /// The error as a runtime failure (exit 3).
    pub fn into_runtime(self) -> anyhow::Error {
        exit::runtime(self.to_string())
    }
}

/// Turns a redis-rs error into a ConnError, scrubbing the password out of anything the server
/// or the library said.
fn classify(addr: &str, err: &redis::RedisError, password: Option<&Secret>) -> ConnError {
    let mut detail = describe_error(err);
    if let Some(p) = password.filter(|p| !p.expose().is_empty()) {
        detail = detail.replace(p.expose(), &p.masked());
    }
    let lower = detail.to_ascii_lowercase();
    let addr = addr.to_string();
    let code = err.code().unwrap_or("");
    if err.kind() == redis::ErrorKind::AuthenticationFailed
        || matches!(code, "WRONGPASS" | "NOAUTH" | "NOPERM")
        || lower.contains("invalid username-password")
        || lower.contains("authentication required")
    {
        return ConnError::Auth { addr, detail };
    }
    if err.is_timeout() {
        return ConnError::Timeout {
            addr,
            op: "waiting for the server",
            after: String::from("the configured timeout"),
        };
    }
    if lower.contains("certificate")
        || lower.contains("tls")
        || lower.contains("handshake")
        || lower.contains("unknownissuer")
        || lower.contains("invalidcertificate")
    {
        return ConnError::Tls { addr, detail };
    }
    if err.is_connection_refusal() || lower.contains("connection refused") {
        return ConnError::Refused { addr };
    }
    if lower.contains("lookup address") || lower.contains("name or service not known") {
        return ConnError::Resolve { addr, detail };
    }
    if lower.contains("unreachable") || lower.contains("no route to host") {
        return ConnError::Unreachable { addr, detail };
    }
    if err.is_connection_dropped()
        || lower.contains("broken pipe")
        || lower.contains("reset by peer")
    {
        return ConnError::Dropped { addr, detail };
    }
    if err.is_io_error() {
        return ConnError::Unreachable { addr, detail };
    }
    ConnError::Server { addr, detail }
}

/// The longest server error text a report carries (a reply is untrusted and unbounded).
const MAX_ERROR_TEXT: usize = 300;

/// A redis-rs error in one bounded line. A pipeline whose every command failed the same way
/// (OBJECT IDLETIME under an LFU policy, CLUSTERDOWN) is reported once with a count, not once
/// per key; control bytes from the server are escaped.
pub fn describe_error(err: &redis::RedisError) -> String {
    let text = match err.clone().into_server_errors() {
        Some(items) if items.len() > 1 => {
            let mut groups: Vec<(String, usize)> = Vec::new();
            for (_, e) in items.iter() {
                let line = match e.details() {
                    Some(d) => format!("{} {d}", e.code()),
                    None => e.code().to_string(),
                };
                match groups.iter_mut().find(|(l, _)| *l == line) {
                    Some(g) => g.1 += 1,
                    None => groups.push((line, 1)),
                }
            }
            let total = items.len();
            let parts: Vec<String> = groups
                .iter()
                .map(|(l, n)| format!("{l} ({n} of {total} replies)"))
                .collect();
            parts.join("; ")
        }
        _ => err.to_string(),
    };
    bound_text(
        &crate::output::escape::escape_control(&text),
        MAX_ERROR_TEXT,
    )
}

/// Cuts `text` to at most `max` characters, saying how much was left out.
fn bound_text(text: &str, max: usize) -> String {
    let n = text.chars().count();
    if n <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    format!("{head}… ({} more characters)", n - max)
}

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
    fn tls_certificates(&self) -> anyhow::Result<Option<redis::TlsCertificates>> {
        if self.cacert.is_none() && self.cert.is_none() {
            return Ok(None);
        }
        let read = |p: &PathBuf, flag: &str| {
            std::fs::read(p)
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

    fn connection_info(&self, ep: &Endpoint, db: i64) -> anyhow::Result<redis::ConnectionInfo> {
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

    pub async fn connect_db(&self, ep: &Endpoint, db: i64) -> Result<Node, anyhow::Error> {
        let addr = ep.to_string();
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
            return Err(anyhow::Error::new(ConnError::Server {
                addr: node.addr.clone(),
                detail: format!("{e:?}"),
            }));
        }
        Ok(node)
    }
}

/// Whether an error chain holds a connection failure (exit 3 in every command).
pub fn as_conn_error(err: &anyhow::Error) -> Option<&ConnError> {
    err.chain().find_map(|e| e.downcast_ref::<ConnError>())
}

impl Target {
    /// Resolves the deployment from the settings. The password prompt (--askpass) happens here.
    pub fn from_settings(r: &RedisSettings) -> anyhow::Result<Target> {
        let mut host = r.host.clone();
        let mut port = r.port.clone();
        let mut db = r.db.clone();
        let mut username = r.username.clone();
        let mut password: Option<Sourced<Password>> = r.password.clone();
        let mut tls = r.tls.value;
        let mut endpoints = Vec::new();

        if let Some(urls) = &r.urls {
            for (i, text) in urls.value.iter().enumerate() {
                // The URL is not echoed: a malformed one may hold a password where it cannot be
                // found to be masked.
                let parsed = parse_url(text)
                    .map_err(|e| exit::usage(format!("{}: invalid Redis URL: {e}", urls.origin)))?;
                tls |= parsed.tls;
                if i == 0 {
                    // Parts given more strongly than the URL (a --db flag over REDIS_URL) win.
                    let src = urls.source;
                    // At equal strength the URL wins, except between two flags: `--url …/0
                    // --db 3` means db 3.
                    let take = |cur: &Source| *cur < src || (*cur == src && src != Source::Flag);
                    if let Some(d) = parsed.db
                        && take(&db.source)
                    {
                        db = Sourced::new(d, src, urls.origin.clone());
                    }
                    if let Some(u) = parsed.username.clone()
                        && username.as_ref().is_none_or(|x| take(&x.source))
                    {
                        username = Some(Sourced::new(u, src, urls.origin.clone()));
                    }
                    if let Some(p) = parsed.password.clone()
                        && password.as_ref().is_none_or(|x| take(&x.source))
                    {
                        password = Some(Sourced::new(Password::Value(p), src, urls.origin.clone()));
                    }
                    if let Endpoint::Tcp { host: h, port: p } = &parsed.endpoint {
                        if take(&host.source) {
                            host = Sourced::new(h.clone(), src, urls.origin.clone());
                        }
                        if take(&port.source) {
                            port = Sourced::new(*p, src, urls.origin.clone());
                        }
                    }
                }
                endpoints.push(parsed.endpoint);
            }
        }
        let first = match endpoints.first() {
            Some(Endpoint::Unix(p)) => Endpoint::Unix(p.clone()),
            _ => Endpoint::Tcp {
                host: host.value.clone(),
                port: port.value,
            },
        };
        if endpoints.is_empty() {
            endpoints.push(first.clone());
        } else {
            endpoints[0] = first.clone();
        }
        let password = match password.map(|p| p.value) {
            Some(Password::Value(s)) => Some(s),
            Some(Password::Prompt) => Some(prompt_password()?),
            None => None,
        };
        if !tls && (r.cacert.is_some() || r.cert.is_some()) {
            return Err(exit::usage(
                "--cacert/--cert are for TLS: add --tls or use a rediss:// URL",
            ));
        }
        let auth = Auth {
            username: username.map(|u| u.value),
            password,
            db: db.value,
            tls,
            cacert: r.cacert.clone().map(|s| s.value),
            cert: r.cert.clone().map(|s| s.value),
            key: r.key.clone().map(|s| s.value),
            insecure: r.insecure.value,
            connect_timeout: r.connect_timeout.value,
            timeout: r.timeout.value,
        };
        let mut sentinel_credentials = (None, None);
        let mode = if let Some(s) = &r.sentinel {
            let master_name = r
                .master_name
                .clone()
                .map(|m| m.value)
                .ok_or_else(|| exit::usage("--sentinel needs --master-name NAME"))?;
            let mut sentinels = Vec::new();
            let mut sentinel_creds = (None, None);
            for part in s.value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let text = if part.contains("://") {
                    part.to_string()
                } else {
                    format!("redis://{part}")
                };
                let parsed = parse_url(&text).map_err(|e| {
                    exit::usage(format!("{}: invalid Sentinel address: {e}", s.origin))
                })?;
                if parsed.username.is_some() || parsed.password.is_some() {
                    sentinel_creds = (parsed.username.clone(), parsed.password.clone());
                }
                sentinels.push(parsed.endpoint);
            }
            sentinel_credentials = sentinel_creds;
            Mode::Sentinel {
                sentinels,
                master_name,
            }
        } else if r.cluster.value {
            Mode::Cluster(endpoints)
        } else {
            Mode::Standalone(first)
        };
        Ok(Target {
            mode,
            auth,
            sentinel_credentials,
        })
    }

    /// A short description for reports: `127.0.0.1:6379`, `cluster via 127.0.0.1:7000`.
    pub fn describe(&self) -> String {
        match &self.mode {
            Mode::Standalone(ep) => ep.to_string(),
            Mode::Cluster(seeds) => format!("cluster via {}", join(seeds)),
            Mode::Sentinel {
                sentinels,
                master_name,
            } => format!("master {master_name} via sentinel {}", join(sentinels)),
        }
    }

    /// The master's endpoint: itself for standalone, asked of Sentinel otherwise.
    pub async fn master_endpoint(&self) -> anyhow::Result<Endpoint> {
        match &self.mode {
            Mode::Standalone(ep) => Ok(ep.clone()),
            Mode::Cluster(seeds) => seeds
                .first()
                .cloned()
                .ok_or_else(|| exit::usage("--cluster needs at least one --url")),
            Mode::Sentinel {
                sentinels,
                master_name,
            } => self.ask_sentinels(sentinels, master_name).await,
        }
    }

    /// Connection settings for a Sentinel: same TLS and timeouts, but not the data nodes'
    /// credentials: Sentinels have their own, given in the --sentinel URL.
    pub fn sentinel_auth(&self) -> Auth {
        Auth {
            username: self.sentinel_credentials.0.clone(),
            password: self.sentinel_credentials.1.clone(),
            db: 0,
            ..self.auth.clone()
        }
    }

    async fn ask_sentinels(&self, sentinels: &[Endpoint], name: &str) -> anyhow::Result<Endpoint> {
        let auth = self.sentinel_auth();
        let mut last = None;
        for s in sentinels {
            match auth.connect_db(s, 0).await {
                Ok(mut node) => {
                    let reply: Result<Option<(String, u16)>, ConnError> = node
                        .query(
                            redis::cmd("SENTINEL")
                                .arg("GET-MASTER-ADDR-BY-NAME")
                                .arg(name),
                        )
                        .await;
                    // A Sentinel that fails to answer is skipped: the next one may know.
                    let reply = match reply {
                        Ok(r) => r,
                        Err(e) => {
                            last = Some(anyhow::Error::new(e));
                            continue;
                        }
                    };
                    return match reply {
                        Some((host, port)) => Ok(Endpoint::Tcp { host, port }),
                        None => Err(exit::runtime(format!(
                            "sentinel {}: does not know a master named '{name}'",
                            node.addr
                        ))),
                    };
                }
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| exit::usage("--sentinel: no address given")))
    }

    /// Connects to the one server commands talk to (the master for Sentinel, the first seed
    /// for a cluster).
    pub async fn connect(&self) -> anyhow::Result<Node> {
        let ep = self.master_endpoint().await?;
        self.auth.connect(&ep).await
    }

    /// Every master: the one server, or each master of the cluster (from CLUSTER NODES). A
    /// master that holds slots but is flagged `fail` or does not answer is not dropped: it is
    /// listed in `unreached` with its slot ranges, as are slots no master serves, so a command
    /// acting on "every master" can say what it did not reach (and exit 3).
    pub async fn masters(&self) -> anyhow::Result<Masters> {
        match &self.mode {
            Mode::Cluster(_) => {
                let mut seed = self.connect_seed().await?;
                let nodes = cluster_nodes(&mut seed)
                    .await
                    .map_err(ConnError::into_runtime)?;
                let mut out = Masters::default();
                for n in nodes.iter().filter(|n| n.is_master()) {
                    if n.is_failed() {
                        if !n.slots.is_empty() {
                            out.unreached.push(Unreached {
                                addr: n.endpoint.to_string(),
                                slots: slot_ranges(&n.slots),
                                reason: format!("flagged {} by the cluster", n.flags.join(",")),
                            });
                        }
                        continue;
                    }
                    match self.auth.connect_db(&n.endpoint, 0).await {
                        Ok(node) => out.nodes.push(node),
                        // Only a master with slots is a gap; an empty one holds no keys.
                        Err(e) if !n.slots.is_empty() => out.unreached.push(Unreached {
                            addr: n.endpoint.to_string(),
                            slots: slot_ranges(&n.slots),
                            reason: format!("{e:#}"),
                        }),
                        Err(_) => {}
                    }
                }
                let served: Vec<(u16, u16)> = nodes
                    .iter()
                    .filter(|n| n.is_master())
                    .flat_map(|n| n.slots.iter().copied())
                    .collect();
                let missing = uncovered_slots(&served);
                if !missing.is_empty() {
                    out.unreached.push(Unreached {
                        addr: "(no master)".into(),
                        slots: slot_ranges(&missing),
                        reason: "not served by any master".into(),
                    });
                }
                Ok(out)
            }
            _ => Ok(Masters {
                nodes: vec![self.connect().await?],
                unreached: Vec::new(),
            }),
        }
    }

    /// Connects to the first seed of a cluster that answers.
    pub async fn connect_seed(&self) -> anyhow::Result<Node> {
        let Mode::Cluster(seeds) = &self.mode else {
            return self.connect().await;
        };
        let mut last = None;
        for s in seeds {
            match self.auth.connect_db(s, 0).await {
                Ok(n) => return Ok(n),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| exit::usage("--cluster needs at least one --url")))
    }

    /// A connection that routes keyed commands: the server itself, or a cluster client.
    pub async fn keyed(&self) -> anyhow::Result<Keyed> {
        match &self.mode {
            Mode::Cluster(seeds) => {
                let mut infos = Vec::new();
                for s in seeds {
                    infos.push(self.auth.connection_info(s, 0)?);
                }
                let mut b = redis::cluster::ClusterClientBuilder::new(infos)
                    .connection_timeout(self.auth.connect_timeout)
                    .response_timeout(self.auth.timeout)
                    .retries(2);
                if let Some(u) = &self.auth.username {
                    b = b.username(u);
                }
                if let Some(p) = &self.auth.password {
                    b = b.password(p.expose());
                }
                if self.auth.tls {
                    b = b.tls(if self.auth.insecure {
                        redis::cluster::TlsMode::Insecure
                    } else {
                        redis::cluster::TlsMode::Secure
                    });
                    if let Some(c) = self.auth.tls_certificates()? {
                        b = b.certs(c);
                    }
                }
                let addr = join(seeds);
                let client = b
                    .build()
                    .map_err(|e| exit::usage(format!("{addr}: invalid cluster settings: {e}")))?;
                let fut = client.get_async_connection();
                let conn = match tokio::time::timeout(self.auth.connect_timeout * 2, fut).await {
                    Ok(Ok(c)) => c,
                    Ok(Err(e)) => {
                        return Err(anyhow::Error::new(classify(
                            &addr,
                            &e,
                            self.auth.password.as_ref(),
                        )));
                    }
                    Err(_) => {
                        return Err(anyhow::Error::new(ConnError::Timeout {
                            addr,
                            op: "connecting to the cluster",
                            after: duration::format(self.auth.connect_timeout * 2),
                        }));
                    }
                };
                Ok(Keyed::Cluster {
                    conn,
                    addr,
                    timeout: self.auth.timeout,
                    password: self.auth.password.clone(),
                })
            }
            _ => Ok(Keyed::Single(self.connect().await?)),
        }
    }
}

/// A connection for commands on keys, which a cluster routes to the right node. Cloning shares
/// the connection (requests are multiplexed), so a reader can have the next page in flight.
#[derive(Clone)]
pub enum Keyed {
    Single(Node),
    Cluster {
        conn: redis::cluster_async::ClusterConnection,
        addr: String,
        timeout: Duration,
        password: Option<Secret>,
    },
}

impl Keyed {
    pub async fn query<T: redis::FromRedisValue>(
        &mut self,
        cmd: &redis::Cmd,
    ) -> Result<T, ConnError> {
        self.query_within(cmd, None).await
    }

    /// A command with its own timeout (blocking reads); None means the reply timeout.
    pub async fn query_within<T: redis::FromRedisValue>(
        &mut self,
        cmd: &redis::Cmd,
        within: Option<Duration>,
    ) -> Result<T, ConnError> {
        match self {
            Keyed::Single(n) => match within {
                Some(d) => n.query_within(cmd, d).await,
                None => n.query(cmd).await,
            },
            Keyed::Cluster {
                conn,
                addr,
                timeout,
                password,
            } => {
                let limit = within.unwrap_or(*timeout);
                match tokio::time::timeout(limit, cmd.query_async::<T>(conn)).await {
                    Ok(Ok(v)) => Ok(v),
                    Ok(Err(e)) => Err(classify(addr, &e, password.as_ref())),
                    Err(_) => Err(ConnError::Timeout {
                        addr: addr.clone(),
                        op: "waiting for a reply",
                        after: duration::format(limit),
                    }),
                }
            }
        }
    }

    pub fn addr(&self) -> &str {
        match self {
            Keyed::Single(n) => &n.addr,
            Keyed::Cluster { addr, .. } => addr,
        }
    }
}

/// The masters a command acts on, and the slots it could not reach.
#[derive(Debug, Default)]
pub struct Masters {
    pub nodes: Vec<Node>,
    pub unreached: Vec<Unreached>,
}

/// A part of the keyspace no command could reach: a failed or silent master, or slots that no
/// master serves.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Unreached {
    pub addr: String,
    /// Slot ranges, e.g. `0-5460,5462`.
    pub slots: String,
    pub reason: String,
}

impl std::fmt::Display for Unreached {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (slots {}): {}", self.addr, self.slots, self.reason)
    }
}

impl Masters {
    /// The runtime error (exit 3) naming every unreached part, if any, for commands that
    /// report what they did on the reachable masters first.
    pub fn gap_error(&self) -> Option<anyhow::Error> {
        unreached_error(&self.unreached)
    }
}

/// The runtime error (exit 3) for a list of unreached masters, or None when it is empty.
pub fn unreached_error(unreached: &[Unreached]) -> Option<anyhow::Error> {
    if unreached.is_empty() {
        return None;
    }
    let parts: Vec<String> = unreached.iter().map(|u| u.to_string()).collect();
    Some(exit::runtime(format!(
        "{} part(s) of the cluster not reached: {}",
        unreached.len(),
        parts.join("; ")
    )))
}

/// `0-5460,5462` from sorted or unsorted ranges.
pub fn slot_ranges(ranges: &[(u16, u16)]) -> String {
    let mut r = ranges.to_vec();
    r.sort_unstable();
    r.iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The slot ranges (of 0..=16383) that none of `served` covers.
pub fn uncovered_slots(served: &[(u16, u16)]) -> Vec<(u16, u16)> {
    let mut covered = vec![false; 16384];
    for &(a, b) in served {
        for s in a.min(16383)..=b.min(16383) {
            covered[usize::from(s)] = true;
        }
    }
    let mut out = Vec::new();
    let mut start: Option<u16> = None;
    for (i, &c) in covered.iter().enumerate() {
        let i = i as u16;
        match (c, start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((s, i - 1));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, 16383));
    }
    out
}

/// One line of CLUSTER NODES.
#[derive(Debug, Clone)]
pub struct ClusterNode {
    pub id: String,
    pub endpoint: Endpoint,
    pub flags: Vec<String>,
    pub master_id: Option<String>,
    pub link_state: String,
    pub slots: Vec<(u16, u16)>,
}

impl ClusterNode {
    pub fn is_master(&self) -> bool {
        self.flags.iter().any(|f| f == "master")
    }
    pub fn is_failed(&self) -> bool {
        self.flags
            .iter()
            .any(|f| f == "fail" || f == "noaddr" || f == "handshake")
    }
    pub fn is_pfail(&self) -> bool {
        self.flags.iter().any(|f| f == "fail?")
    }
    pub fn slot_count(&self) -> u32 {
        self.slots
            .iter()
            .map(|(a, b)| u32::from(b.saturating_sub(*a)) + 1)
            .sum()
    }
}

/// Parses CLUSTER NODES output; lines it cannot read are skipped.
pub fn parse_cluster_nodes(text: &str) -> Vec<ClusterNode> {
    text.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 8 {
                return None;
            }
            // ip:port@cport[,hostname]
            let addr = f[1].split('@').next()?;
            let endpoint = Endpoint::parse_host_port(addr)?;
            let slots = f[8..]
                .iter()
                .filter(|s| !s.starts_with('['))
                .filter_map(|s| match s.split_once('-') {
                    Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
                    None => s.parse().ok().map(|n| (n, n)),
                })
                .collect();
            Some(ClusterNode {
                id: f[0].to_string(),
                endpoint,
                flags: f[2].split(',').map(str::to_string).collect(),
                master_id: (f[3] != "-").then(|| f[3].to_string()),
                link_state: f[7].to_string(),
                slots,
            })
        })
        .collect()
}

pub async fn cluster_nodes(node: &mut Node) -> Result<Vec<ClusterNode>, ConnError> {
    let text: String = node.query(redis::cmd("CLUSTER").arg("NODES")).await?;
    Ok(parse_cluster_nodes(&text))
}

fn join(eps: &[Endpoint]) -> String {
    eps.iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join(",")
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
    let username = Some(url.username())
        .filter(|u| !u.is_empty() && *u != "default")
        .map(decode);
    let password = url.password().map(|p| Secret::new(decode(p)));
    let query_db = url
        .query_pairs()
        .find(|(k, _)| k == "db")
        .map(|(_, v)| {
            // The value is not echoed: in a mistyped URL it may be a piece of the password.
            v.parse::<i64>()
                .map_err(|_| "the db= parameter must be a number".to_string())
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
                Some(path.parse::<i64>().map_err(|_| {
                    "the path must be a database number (/0); check the URL's spelling".to_string()
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
            crate::output::mask::mask_url(other)
        )),
    }
}

fn prompt_password() -> anyhow::Result<Secret> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() && !std::io::stderr().is_terminal() {
        return Err(exit::usage("--askpass needs a terminal to ask on"));
    }
    let p = rpassword::prompt_password("Redis password: ")
        .map_err(|e| exit::usage(format!("--askpass: cannot read the password: {e}")))?;
    Ok(Secret::new(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncovered_slots_are_the_gaps() {
        assert!(uncovered_slots(&[(0, 5460), (5461, 10922), (10923, 16383)]).is_empty());
        assert_eq!(
            uncovered_slots(&[(0, 5460), (10923, 16383)]),
            vec![(5461, 10922)]
        );
        assert_eq!(uncovered_slots(&[]), vec![(0, 16383)]);
        assert_eq!(uncovered_slots(&[(1, 16382)]), vec![(0, 0), (16383, 16383)]);
        assert_eq!(slot_ranges(&[(7, 7), (0, 5)]), "0-5,7");
    }

    #[test]
    fn urls() {
        let u = parse_url("rediss://app:s3cr%40t@cache.internal:6380/2").unwrap();
        assert_eq!(
            u.endpoint,
            Endpoint::Tcp {
                host: "cache.internal".into(),
                port: 6380
            }
        );
        assert!(u.tls);
        assert!(!parse_url("redis://h:1").unwrap().tls);
        assert_eq!(u.db, Some(2));
        assert_eq!(u.username.as_deref(), Some("app"));
        assert_eq!(u.password.unwrap().expose(), "s3cr@t");
        let u = parse_url("redis://:a+b%26c@h").unwrap();
        assert_eq!(u.password.unwrap().expose(), "a+b&c");

        let u = parse_url("redis+unix:///run/redis.sock?db=3").unwrap();
        assert_eq!(u.endpoint, Endpoint::Unix("/run/redis.sock".into()));
        assert_eq!(u.db, Some(3));

        let u = parse_url("127.0.0.1:7000").unwrap();
        assert_eq!(u.endpoint.to_string(), "127.0.0.1:7000");
        assert!(
            parse_url("http://x")
                .unwrap_err()
                .contains("unsupported scheme")
        );
        assert!(parse_url("redis://h/abc").unwrap_err().contains("database"));
    }

    #[test]
    fn cluster_nodes_lines() {
        let text = "\
07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@31004,host-a slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected
67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@31002 master - 0 1426238316232 2 connected 5461-10922
e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@31001 myself,master - 0 0 1 connected 0-5460 [5461->-67ed]
";
        let nodes = parse_cluster_nodes(text);
        assert_eq!(nodes.len(), 3);
        assert!(!nodes[0].is_master());
        assert_eq!(
            nodes[0].master_id.as_deref(),
            Some("e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca")
        );
        assert_eq!(nodes[1].slot_count(), 5462);
        assert_eq!(nodes[2].slot_count(), 5461);
        assert_eq!(nodes[2].endpoint.to_string(), "127.0.0.1:30001");
    }
}
