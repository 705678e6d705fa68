//! Why a connection or a command failed: one error type whose messages name the address,
//! never the password, and carry the server's error code where there is one.

use crate::exit;
use crate::secret::Secret;

/// The code an error reply starts with (`-LOADING Redis is loading…`), as a type: commands
/// decide on it, never on the message text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerCode {
    Loading,
    Busy,
    NoAuth,
    WrongPass,
    NoPerm,
    MasterDown,
    ReadOnly,
    Moved,
    Ask,
    CrossSlot,
    ClusterDown,
    TryAgain,
    Misconf,
    Oom,
    WrongType,
    NoGroup,
    BusyGroup,
    Err,
    Other(String),
}

impl ServerCode {
    pub fn parse(code: &str) -> ServerCode {
        match code {
            "LOADING" => ServerCode::Loading,
            "BUSY" => ServerCode::Busy,
            "NOAUTH" => ServerCode::NoAuth,
            "WRONGPASS" => ServerCode::WrongPass,
            "NOPERM" => ServerCode::NoPerm,
            "MASTERDOWN" => ServerCode::MasterDown,
            "READONLY" => ServerCode::ReadOnly,
            "MOVED" => ServerCode::Moved,
            "ASK" => ServerCode::Ask,
            "CROSSSLOT" => ServerCode::CrossSlot,
            "CLUSTERDOWN" => ServerCode::ClusterDown,
            "TRYAGAIN" => ServerCode::TryAgain,
            "MISCONF" => ServerCode::Misconf,
            "OOM" => ServerCode::Oom,
            "WRONGTYPE" => ServerCode::WrongType,
            "NOGROUP" => ServerCode::NoGroup,
            "BUSYGROUP" => ServerCode::BusyGroup,
            "ERR" => ServerCode::Err,
            other => ServerCode::Other(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            ServerCode::Loading => "LOADING",
            ServerCode::Busy => "BUSY",
            ServerCode::NoAuth => "NOAUTH",
            ServerCode::WrongPass => "WRONGPASS",
            ServerCode::NoPerm => "NOPERM",
            ServerCode::MasterDown => "MASTERDOWN",
            ServerCode::ReadOnly => "READONLY",
            ServerCode::Moved => "MOVED",
            ServerCode::Ask => "ASK",
            ServerCode::CrossSlot => "CROSSSLOT",
            ServerCode::ClusterDown => "CLUSTERDOWN",
            ServerCode::TryAgain => "TRYAGAIN",
            ServerCode::Misconf => "MISCONF",
            ServerCode::Oom => "OOM",
            ServerCode::WrongType => "WRONGTYPE",
            ServerCode::NoGroup => "NOGROUP",
            ServerCode::BusyGroup => "BUSYGROUP",
            ServerCode::Err => "ERR",
            ServerCode::Other(s) => s,
        }
    }

    /// Conditions that pass on their own: a server loading its data, busy with a script,
    /// failing over, or a cluster healing.
    pub fn is_retryable(&self) -> bool {
        match self {
            ServerCode::Loading
            | ServerCode::Busy
            | ServerCode::MasterDown
            | ServerCode::TryAgain
            | ServerCode::ClusterDown => true,
            ServerCode::NoAuth
            | ServerCode::WrongPass
            | ServerCode::NoPerm
            | ServerCode::ReadOnly
            | ServerCode::Moved
            | ServerCode::Ask
            | ServerCode::CrossSlot
            | ServerCode::Misconf
            | ServerCode::Oom
            | ServerCode::WrongType
            | ServerCode::NoGroup
            | ServerCode::BusyGroup
            | ServerCode::Err
            | ServerCode::Other(_) => false,
        }
    }
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
    #[error("{addr}: authentication failed ({detail})")]
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
    /// An error reply with its code (LOADING, BUSY, MOVED...).
    #[error("{addr}: server error: {detail}")]
    Reply {
        addr: String,
        code: ServerCode,
        detail: String,
    },
    /// Anything else the server or the library reported.
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
            ConnError::Reply { .. } | ConnError::Server { .. } => "server",
        }
    }

    /// The server's error code, when the failure was an error reply.
    pub fn code(&self) -> Option<&ServerCode> {
        match self {
            ConnError::Reply { code, .. } => Some(code),
            ConnError::Resolve { .. }
            | ConnError::Refused { .. }
            | ConnError::Unreachable { .. }
            | ConnError::Auth { .. }
            | ConnError::Tls { .. }
            | ConnError::Timeout { .. }
            | ConnError::Dropped { .. }
            | ConnError::Server { .. } => None,
        }
    }

    /// Whether waiting may cure it: the server is away, restarting, loading or failing over.
    pub fn is_retryable(&self) -> bool {
        match self {
            ConnError::Refused { .. }
            | ConnError::Dropped { .. }
            | ConnError::Timeout { .. }
            | ConnError::Unreachable { .. }
            | ConnError::Resolve { .. } => true,
            ConnError::Reply { code, .. } => code.is_retryable(),
            ConnError::Auth { .. } | ConnError::Tls { .. } | ConnError::Server { .. } => false,
        }
    }

    /// The error as a runtime failure (exit 3).
    pub fn into_runtime(self) -> anyhow::Error {
        exit::runtime(self.to_string())
    }
}

/// Turns a redis-rs error into a ConnError by its kind, its reply code and the I/O error
/// inside it, scrubbing the password out of anything the server or the library said.
pub(crate) fn classify(
    addr: &str,
    err: &redis::RedisError,
    password: Option<&Secret>,
) -> ConnError {
    let mut detail = describe_error(err);
    if let Some(p) = password.filter(|p| !p.expose().is_empty()) {
        detail = detail.replace(p.expose(), &p.masked());
    }
    let addr = addr.to_string();
    let code = err.code().map(ServerCode::parse);
    match &code {
        // NOPERM is not a failed login: the user got in and may not run this command; it stays
        // a reply (with the command it names) below.
        Some(ServerCode::WrongPass) => {
            return ConnError::Auth {
                addr,
                detail: "wrong password or user".into(),
            };
        }
        Some(ServerCode::NoAuth) => {
            return ConnError::Auth {
                addr,
                detail: "the server needs a password and none was given".into(),
            };
        }
        _ => {}
    }
    if err.kind() == redis::ErrorKind::AuthenticationFailed {
        return ConnError::Auth {
            addr,
            detail: "wrong password or user".into(),
        };
    }
    if err.is_timeout() {
        return ConnError::Timeout {
            addr,
            op: "waiting for the server",
            after: String::from("the configured timeout"),
        };
    }
    if let Some(code) = code {
        return ConnError::Reply { addr, code, detail };
    }
    // Below the reply: the transport's own error, by type and kind.
    if let Some(io) = io_source(err) {
        let tls = io.get_ref().is_some_and(|inner| {
            inner.downcast_ref::<rustls::Error>().is_some()
                || inner
                    .downcast_ref::<std::sync::Arc<rustls::Error>>()
                    .is_some()
        });
        if tls {
            return ConnError::Tls { addr, detail };
        }
        use std::io::ErrorKind as K;
        match io.kind() {
            K::ConnectionRefused => return ConnError::Refused { addr },
            K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => {
                return ConnError::Dropped { addr, detail };
            }
            K::InvalidData => return ConnError::Tls { addr, detail },
            _ => return ConnError::Unreachable { addr, detail },
        }
    }
    if err.is_connection_refusal() {
        return ConnError::Refused { addr };
    }
    if err.is_connection_dropped() {
        return ConnError::Dropped { addr, detail };
    }
    if err.is_io_error() {
        return ConnError::Unreachable { addr, detail };
    }
    ConnError::Server { addr, detail }
}

/// The I/O error inside a redis-rs error (held behind an `Arc` by the library).
fn io_source(err: &redis::RedisError) -> Option<&std::io::Error> {
    type Shared = std::sync::Arc<dyn std::error::Error + Send + Sync>;
    let src = std::error::Error::source(err)?;
    if let Some(io) = src.downcast_ref::<std::io::Error>() {
        return Some(io);
    }
    src.downcast_ref::<Shared>()
        .and_then(|a| a.downcast_ref::<std::io::Error>())
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
        // The reply's own code and words, without the library's names for them.
        _ => match (err.code(), err.detail()) {
            (Some(code), Some(detail)) => format!("{code} {detail}"),
            _ => {
                let t = err.to_string();
                t.replace("Server(ResponseError): ", "")
                    .replace("ResponseError: ", "")
            }
        },
    };
    bound_text(&crate::output::escape::escape_str(&text), MAX_ERROR_TEXT)
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

/// Whether an error chain holds a connection failure (exit 3 in every command).
pub fn as_conn_error(err: &anyhow::Error) -> Option<&ConnError> {
    err.chain().find_map(|e| e.downcast_ref::<ConnError>())
}
