//! Readiness probes, one attempt each: is a Redis deployment or a database ready to serve the
//! application? A TCP connect is not readiness: Redis answers `-LOADING` while it loads its
//! dataset, `-BUSY` under a long script and `-MASTERDOWN` on a replica that lost its master, and
//! a cluster is ready only when every slot is served. `wait` and `validate-env --connect` repeat
//! these; the reasons are plain words, masked, with control bytes escaped.

use std::time::Duration;

use crate::db::{Db, DbUrl};
use crate::redis::{self as proto, Auth, ClusterNode, Endpoint, Mode, Node, Target, as_conn_error};

/// Why a target is not ready, in plain words for one line.
pub type Reason = String;

/// A probe that failed: why, and whether waiting may change it. Only "not there yet" (refused,
/// unreachable, silent, LOADING, BUSY, MASTERDOWN, a cluster healing, a database starting up, a
/// SQLite file not created yet) is worth waiting for; an answer that says no (a wrong password,
/// NOPERM, no such database) is final.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotReady {
    pub reason: Reason,
    /// The server answered no: retrying gets the same answer.
    pub definitive: bool,
    /// Nothing answered in time (a silent server): no answer either way, so what was ready
    /// stays ready.
    pub silent: bool,
}

impl NotReady {
    /// Not there yet: worth another attempt.
    pub fn later(reason: impl Into<Reason>) -> NotReady {
        NotReady {
            reason: reason.into(),
            definitive: false,
            silent: false,
        }
    }

    /// A final no.
    pub fn no(reason: impl Into<Reason>) -> NotReady {
        NotReady {
            reason: reason.into(),
            definitive: true,
            silent: false,
        }
    }
}

impl std::fmt::Display for NotReady {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

/// Redis is ready: it answers PING (without LOADING, BUSY or MASTERDOWN); a cluster says
/// `cluster_state:ok` and every master that holds slots answers; through Sentinel, the named
/// master answers as a master. Returns a connection to the master (the first seed on a cluster)
/// for further checks.
pub async fn redis(target: &Target) -> Result<Node, NotReady> {
    match &target.mode {
        Mode::Standalone(ep) => node(&target.auth, ep).await,
        Mode::Sentinel { master_name, .. } => {
            let ep = target
                .master_endpoint()
                .await
                .map_err(|e| failed_error(&e))?;
            let mut n = node(&target.auth, &ep).await?;
            let role = role(&mut n).await?;
            if role != "master" {
                return Err(NotReady::later(format!(
                    "{ep}: the master '{}' named by Sentinel answers as {} (failover in progress?)",
                    escape(master_name),
                    escape(&role)
                )));
            }
            Ok(n)
        }
        Mode::Cluster(_) => cluster(target).await,
    }
}

/// One server: connected, authenticated, answering PING.
async fn node(auth: &Auth, ep: &Endpoint) -> Result<Node, NotReady> {
    auth.connect(ep).await.map_err(|e| failed_error(&e))
}

async fn role(n: &mut Node) -> Result<String, NotReady> {
    let reply: redis::Value = n.query(&redis::cmd("ROLE")).await.map_err(|e| failed(&e))?;
    match reply {
        redis::Value::Array(items) => match items.first() {
            Some(redis::Value::BulkString(b)) => Ok(String::from_utf8_lossy(b).into_owned()),
            Some(redis::Value::SimpleString(s)) => Ok(s.clone()),
            _ => Err(NotReady::no(format!("{}: unexpected ROLE reply", n.addr))),
        },
        _ => Err(NotReady::no(format!("{}: unexpected ROLE reply", n.addr))),
    }
}

async fn cluster(target: &Target) -> Result<Node, NotReady> {
    let mut seed = target.connect_seed().await.map_err(|e| failed_error(&e))?;
    let info: String = seed
        .query(redis::cmd("CLUSTER").arg("INFO"))
        .await
        .map_err(|e| failed(&e))?;
    let info = proto::Info::parse(&info);
    let nodes = proto::cluster_nodes(&mut seed)
        .await
        .map_err(|e| failed(&e))?;
    let masters: Vec<&ClusterNode> = nodes
        .iter()
        .filter(|n| n.is_master() && !n.slots.is_empty())
        .collect();
    // A master that holds slots and is down is named first: that is what the operator fixes.
    for m in &masters {
        if m.is_failed() || m.is_pfail() {
            return Err(NotReady::later(format!(
                "cluster: master {} (slots {}) is down",
                m.endpoint,
                proto::slot_ranges(&m.slots)
            )));
        }
    }
    for m in &masters {
        if let Err(e) = node(&target.auth, &m.endpoint).await {
            return Err(NotReady {
                reason: format!(
                    "cluster: slots {}: {}",
                    proto::slot_ranges(&m.slots),
                    e.reason
                ),
                ..e
            });
        }
    }
    let state = info.get("cluster_state").unwrap_or("?");
    if state != "ok" {
        return Err(NotReady::later(format!(
            "cluster: {} reports cluster_state:{}",
            seed.addr,
            escape(state)
        )));
    }
    let served: u32 = masters.iter().map(|m| m.slot_count()).sum();
    let ok = info.num("cluster_slots_ok").unwrap_or(0.0) as u32;
    if served < 16384 || ok < 16384 {
        return Err(NotReady::later(format!(
            "cluster: {} of 16384 slots served",
            served.min(ok)
        )));
    }
    Ok(seed)
}

/// The database accepts a connection and answers `SELECT 1`.
pub async fn database(url: &DbUrl, timeout: Duration) -> Result<(), NotReady> {
    if let Some(path) = sqlite_path(url)
        && !path.exists()
    {
        // sqlx would say "(code: 14) unable to open database file"; redkit never creates it.
        return Err(NotReady::later(escape(&format!(
            "{}: no such file (yet)",
            url.masked
        ))));
    }
    let db = Db::connect(url, timeout, timeout)
        .await
        .map_err(|e| db_failed(url, &e))?;
    let answer = db.int("SELECT 1", &[]).await;
    db.pool.close().await;
    match answer {
        Ok(1) => Ok(()),
        Ok(n) => Err(NotReady::no(format!(
            "{}: SELECT 1 answered {n}",
            url.masked
        ))),
        Err(e) => Err(db_failed(url, &e)),
    }
}

/// A database error with its verdict: the server's own no (at connect, or an error answer to
/// `SELECT 1` that is not a busy file or a lock) is final; silence and a lost connection are not.
fn db_failed(url: &DbUrl, e: &anyhow::Error) -> NotReady {
    let denied = e
        .chain()
        .any(|c| c.downcast_ref::<crate::db::ConnectDenied>().is_some())
        || (crate::db::is_server_error(e) && !crate::db::is_transient(e))
        || is_usage(e);
    NotReady {
        reason: db_error(url, e),
        definitive: denied,
        // A statement or a connection that got nothing back in time, or a pool that could
        // not open one in time: silence, not an answer.
        silent: crate::db::is_no_answer(e)
            || e.chain().any(|c| {
                matches!(
                    c.downcast_ref::<sqlx::Error>(),
                    Some(sqlx::Error::PoolTimedOut)
                )
            }),
    }
}

/// The file of a `sqlite://PATH` URL (a SQLite URL holds no password, so the masked form is
/// the URL itself).
fn sqlite_path(url: &DbUrl) -> Option<std::path::PathBuf> {
    if url.dialect != crate::db::Dialect::Sqlite {
        return None;
    }
    let rest = url.masked.split_once(':')?.1.trim_start_matches("//");
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| path.into())
}

fn db_error(url: &DbUrl, e: &anyhow::Error) -> Reason {
    let text = crate::db::describe(e);
    let prefix = format!("cannot connect to {}: ", url.masked);
    let text = text.strip_prefix(&prefix).unwrap_or(&text);
    // Db::connect names the database itself for refused, unreachable and silent servers.
    if text.starts_with(&url.masked) {
        return escape(text);
    }
    escape(&format!("{}: {text}", url.masked))
}

/// A connection error in plain words: the server's refusal codes get their meaning.
pub fn plain(e: &proto::ConnError) -> Reason {
    use proto::{ConnError, ServerCode};
    let text = match e {
        ConnError::Reply { addr, code, .. } => match code {
            ServerCode::Loading => {
                format!("{addr}: still loading its dataset into memory (LOADING)")
            }
            ServerCode::Busy => format!("{addr}: busy running a script or function (BUSY)"),
            ServerCode::MasterDown => format!("{addr}: replica has lost its master (MASTERDOWN)"),
            ServerCode::ClusterDown => format!("{addr}: the cluster is down (CLUSTERDOWN)"),
            ServerCode::Misconf => format!("{addr}: cannot persist to disk (MISCONF)"),
            _ => e.to_string(),
        },
        _ => e.to_string(),
    };
    escape(&text)
}

/// Any error of a connection attempt in plain words.
pub fn plain_error(e: &anyhow::Error) -> Reason {
    match as_conn_error(e) {
        Some(c) => plain(c),
        None => escape(&format!("{e:#}")),
    }
}

/// A connection error with its verdict: refused, unreachable, silent, dropped, LOADING, BUSY,
/// MASTERDOWN, TRYAGAIN and CLUSTERDOWN may pass; an authentication failure, NOPERM, a TLS
/// failure or any other error answer is the server's final word.
pub fn failed(e: &proto::ConnError) -> NotReady {
    NotReady {
        reason: plain(e),
        definitive: !e.is_retryable(),
        silent: matches!(e, proto::ConnError::Timeout { .. }),
    }
}

/// Any error of a connection attempt with its verdict; an error that is no connection error
/// (a Sentinel that knows no such master yet) is worth another attempt, unless it is a usage
/// error (a URL or setting that cannot work).
pub fn failed_error(e: &anyhow::Error) -> NotReady {
    match as_conn_error(e) {
        Some(c) => failed(c),
        None if is_usage(e) => NotReady::no(plain_error(e)),
        None => NotReady::later(plain_error(e)),
    }
}

/// A setting that cannot work (a bad URL option): no wait changes it.
fn is_usage(e: &anyhow::Error) -> bool {
    crate::exit::classify(e) == crate::exit::ExitStatus::Usage
}

pub use crate::output::escape::escape_str as escape;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_bytes_are_escaped() {
        assert_eq!(escape("a\x1b]0;x\x07\r"), "a\\x1b]0;x\\x07\\r");
        assert_eq!(escape("plain: text"), "plain: text");
    }

    #[test]
    fn server_codes_get_their_meaning() {
        let e = proto::ConnError::Reply {
            addr: "h:1".into(),
            code: proto::ServerCode::parse("LOADING"),
            detail: "LOADING Redis is loading the dataset in memory".into(),
        };
        assert!(plain(&e).contains("loading its dataset"), "{}", plain(&e));
        let e = proto::ConnError::Reply {
            addr: "h:1".into(),
            code: proto::ServerCode::parse("MASTERDOWN"),
            detail: "MASTERDOWN Link with MASTER is down".into(),
        };
        assert!(plain(&e).contains("MASTERDOWN"));
    }
}
