//! Asking one server for the facts health judges: connect, PING samples, then INFO, SLOWLOG,
//! CONFIG GET save and CLUSTER INFO at once on the multiplexed connection (one round trip).

use std::collections::HashMap;
use std::time::Instant;

use super::streams::StreamFacts;
use crate::connect::{Auth, ConnError, Endpoint, Node, as_conn_error};

/// An INFO reply as `key -> value` (every section; keyspace and replica lines included).
#[derive(Debug, Clone, Default)]
pub struct Info(pub HashMap<String, String>);

impl Info {
    pub fn parse(text: &str) -> Info {
        Info(
            text.lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .collect(),
        )
    }

    pub fn get(&self, k: &str) -> Option<&str> {
        self.0.get(k).map(String::as_str)
    }

    pub fn num(&self, k: &str) -> Option<f64> {
        self.get(k)?.parse().ok()
    }

    /// Lines like `db0:keys=1,expires=0` or `slave0:ip=..,port=..`, in order of their index.
    pub fn indexed(&self, prefix: &str) -> Vec<(String, HashMap<String, String>)> {
        let mut out: Vec<(u32, String, HashMap<String, String>)> = self
            .0
            .iter()
            .filter_map(|(k, v)| {
                let idx: u32 = k.strip_prefix(prefix)?.parse().ok()?;
                Some((idx, k.clone(), subfields(v)))
            })
            .collect();
        out.sort_by_key(|(i, _, _)| *i);
        out.into_iter().map(|(_, k, v)| (k, v)).collect()
    }
}

/// `a=1,b=2` into a map.
pub fn subfields(v: &str) -> HashMap<String, String> {
    v.split(',')
        .filter_map(|p| p.split_once('='))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Why a node could not be checked, as a stable word for JSON (`refused`, `auth`, `timeout`,
/// `loading`...): the reachability check's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    Loading,
    Busy,
    Misconf,
    Readonly,
    Masterdown,
    Noauth,
    Wrongpass,
    Noperm,
    Resolve,
    Refused,
    Unreachable,
    Auth,
    Tls,
    Timeout,
    Dropped,
    Server,
    Error,
}

impl FailureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Loading => "loading",
            FailureKind::Busy => "busy",
            FailureKind::Misconf => "misconf",
            FailureKind::Readonly => "readonly",
            FailureKind::Masterdown => "masterdown",
            FailureKind::Noauth => "noauth",
            FailureKind::Wrongpass => "wrongpass",
            FailureKind::Noperm => "noperm",
            FailureKind::Resolve => "resolve",
            FailureKind::Refused => "refused",
            FailureKind::Unreachable => "unreachable",
            FailureKind::Auth => "auth",
            FailureKind::Tls => "tls",
            FailureKind::Timeout => "timeout",
            FailureKind::Dropped => "dropped",
            FailureKind::Server => "server",
            FailureKind::Error => "error",
        }
    }

    fn of_conn(e: &ConnError) -> FailureKind {
        match e {
            ConnError::Resolve { .. } => FailureKind::Resolve,
            ConnError::Refused { .. } => FailureKind::Refused,
            ConnError::Unreachable { .. } => FailureKind::Unreachable,
            ConnError::Auth { .. } => FailureKind::Auth,
            ConnError::Tls { .. } => FailureKind::Tls,
            ConnError::Timeout { .. } => FailureKind::Timeout,
            ConnError::Dropped { .. } => FailureKind::Dropped,
            ConnError::Server { .. } => FailureKind::Server,
        }
    }
}

/// Why a node could not be checked: its kind and a message without the address (the node's
/// section already names it).
#[derive(Debug, Clone)]
pub struct Failure {
    pub kind: FailureKind,
    pub message: String,
}

/// The error replies that a bare exit status hides (`redis-cli ping` exits 0 on them).
const NAMED_REPLIES: &[(&str, FailureKind)] = &[
    ("LOADING", FailureKind::Loading),
    ("BUSY", FailureKind::Busy),
    ("MISCONF", FailureKind::Misconf),
    ("READONLY", FailureKind::Readonly),
    ("MASTERDOWN", FailureKind::Masterdown),
    ("NOAUTH", FailureKind::Noauth),
    ("WRONGPASS", FailureKind::Wrongpass),
    ("NOPERM", FailureKind::Noperm),
];

impl Failure {
    pub fn from_error(err: &anyhow::Error, addr: &str) -> Failure {
        let text = format!("{err:#}");
        let message = text
            .strip_prefix(&format!("{addr}: "))
            .unwrap_or(&text)
            .to_string();
        let named = NAMED_REPLIES.iter().find(|(n, _)| {
            message
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w == *n)
        });
        let kind = match (named, as_conn_error(err)) {
            (Some((_, k)), _) => *k,
            (None, Some(c)) => FailureKind::of_conn(c),
            (None, None) => FailureKind::Error,
        };
        Failure { kind, message }
    }

    pub fn from_conn(err: ConnError, addr: &str) -> Failure {
        Failure::from_error(&anyhow::Error::new(err), addr)
    }

    /// A node that answered too late as a whole.
    pub fn late(message: String) -> Failure {
        Failure {
            kind: FailureKind::Timeout,
            message,
        }
    }
}

/// Everything one data node said.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Round-trip times of the PING samples, in milliseconds.
    pub latency_ms: Vec<f64>,
    pub info: Info,
    /// INFO failed although PING worked (an ACL without +info): info checks are UNKNOWN.
    pub info_error: Option<String>,
    pub slowlog_len: Option<i64>,
    /// The longest of the last 10 slow commands, in microseconds, and the command.
    pub slowlog_worst: Option<(i64, String)>,
    /// `CONFIG GET save` (None when CONFIG is not allowed).
    pub save_config: Option<String>,
    pub cluster_info: Option<Info>,
    /// For a replica: its master's replication offset, for the offset difference.
    pub master_offset: Option<i64>,
    /// Streams and job streams, read on masters when stream checks run.
    pub streams: Option<StreamFacts>,
}

/// Connects and collects the facts of one data node. Err means it is not usable at all.
pub async fn probe(
    auth: &Auth,
    ep: &Endpoint,
    samples: u32,
    cluster: bool,
) -> Result<(Node, Facts), Failure> {
    let addr = ep.to_string();
    let mut node = auth
        .connect(ep)
        .await
        .map_err(|e| Failure::from_error(&e, &addr))?;
    let mut facts = Facts {
        latency_ms: ping_samples(&mut node, samples)
            .await
            .map_err(|e| Failure::from_conn(e, &addr))?,
        ..Facts::default()
    };
    let (mut a, mut b, mut c, mut d, mut e) = (
        node.clone(),
        node.clone(),
        node.clone(),
        node.clone(),
        node.clone(),
    );
    let slowget = redis::cmd("SLOWLOG").arg("GET").arg(10).to_owned();
    let slowlen = redis::cmd("SLOWLOG").arg("LEN").to_owned();
    let save = redis::cmd("CONFIG").arg("GET").arg("save").to_owned();
    let cinfo = redis::cmd("CLUSTER").arg("INFO").to_owned();
    let info_cmd = redis::cmd("INFO");
    let (info, len, get, save, cinfo) = futures::join!(
        a.query::<String>(&info_cmd),
        b.query::<i64>(&slowlen),
        c.query::<redis::Value>(&slowget),
        d.query::<Vec<String>>(&save),
        async {
            if cluster {
                Some(e.query::<String>(&cinfo).await)
            } else {
                None
            }
        }
    );
    match info {
        Ok(text) => facts.info = Info::parse(&text),
        // A node that stops answering now has died while being checked.
        Err(err @ (ConnError::Timeout { .. } | ConnError::Dropped { .. })) => {
            return Err(Failure::from_conn(err, &addr));
        }
        Err(err) => facts.info_error = Some(Failure::from_conn(err, &addr).message),
    }
    facts.slowlog_len = len.ok();
    facts.slowlog_worst = get.ok().and_then(|v| worst_slow(&v));
    facts.save_config = save.ok().and_then(|v| v.get(1).cloned());
    facts.cluster_info = cinfo.and_then(Result::ok).map(|t| Info::parse(&t));
    Ok((node, facts))
}

/// `samples` PINGs one after another; their round trips in milliseconds.
pub async fn ping_samples(node: &mut Node, samples: u32) -> Result<Vec<f64>, ConnError> {
    let mut out = Vec::with_capacity(samples as usize);
    for _ in 0..samples {
        let started = Instant::now();
        let _: redis::Value = node.query(&redis::cmd("PING")).await?;
        out.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(out)
}

/// The slowest entry of a SLOWLOG GET reply: (microseconds, command name).
fn worst_slow(v: &redis::Value) -> Option<(i64, String)> {
    let redis::Value::Array(entries) = v else {
        return None;
    };
    entries
        .iter()
        .filter_map(|e| {
            let redis::Value::Array(f) = e else {
                return None;
            };
            let us = match f.get(2)? {
                redis::Value::Int(n) => *n,
                _ => return None,
            };
            let cmd = match f.get(3) {
                Some(redis::Value::Array(args)) => match args.first() {
                    Some(redis::Value::BulkString(b)) => String::from_utf8_lossy(b).into_owned(),
                    _ => String::new(),
                },
                _ => String::new(),
            };
            Some((us, cmd))
        })
        .max_by_key(|(us, _)| *us)
}

/// A replica's master offset, asked of the master itself (when it is not checked anyway).
pub async fn master_offset(auth: &Auth, ep: &Endpoint) -> Option<i64> {
    let mut n = auth.connect(ep).await.ok()?;
    let text: String = n.query(redis::cmd("INFO").arg("replication")).await.ok()?;
    Info::parse(&text)
        .num("master_repl_offset")
        .map(|v| v as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_lines() {
        let i = Info::parse(
            "# Keyspace\r\ndb0:keys=10,expires=2,avg_ttl=0\r\ndb3:keys=1,expires=0,avg_ttl=0\r\nrole:master\r\nslave0:ip=127.0.0.1,port=7001,state=online,offset=42,lag=0\r\n",
        );
        assert_eq!(i.get("role"), Some("master"));
        let dbs = i.indexed("db");
        assert_eq!(dbs.len(), 2);
        assert_eq!(dbs[0].0, "db0");
        assert_eq!(dbs[0].1["keys"], "10");
        assert_eq!(i.indexed("slave")[0].1["port"], "7001");
    }

    #[test]
    fn named_replies() {
        let e = anyhow::Error::new(ConnError::Server {
            addr: "h:1".into(),
            detail: "LOADING Redis is loading the dataset in memory".into(),
        });
        let f = Failure::from_error(&e, "h:1");
        assert_eq!(f.kind, FailureKind::Loading);
        assert!(f.message.starts_with("server error: LOADING"));
        let e = anyhow::Error::new(ConnError::Refused { addr: "h:1".into() });
        assert_eq!(Failure::from_error(&e, "h:1").kind, FailureKind::Refused);
    }

    #[test]
    fn slowlog_worst_entry() {
        use redis::Value::{Array, BulkString, Int};
        let entry = |id, us, cmd: &str| {
            Array(vec![
                Int(id),
                Int(0),
                Int(us),
                Array(vec![BulkString(cmd.into())]),
            ])
        };
        let v = Array(vec![entry(1, 500, "KEYS"), entry(2, 9000, "DEBUG")]);
        assert_eq!(worst_slow(&v), Some((9000, "DEBUG".into())));
    }
}
