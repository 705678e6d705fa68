//! Why a connection or a command failed: one error type whose messages name the address,
//! never the password, and carry the server's error code where there is one.

use crate::exit;
use crate::secret::Secret;

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
pub(crate) fn classify(
    addr: &str,
    err: &redis::RedisError,
    password: Option<&Secret>,
) -> ConnError {
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

/// Whether an error chain holds a connection failure (exit 3 in every command).
pub fn as_conn_error(err: &anyhow::Error) -> Option<&ConnError> {
    err.chain().find_map(|e| e.downcast_ref::<ConnError>())
}
