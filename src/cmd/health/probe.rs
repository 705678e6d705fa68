//! Asking one server for the facts health judges: connect, PING samples, then INFO, SLOWLOG,
//! CONFIG GET save and CLUSTER INFO at once on the multiplexed connection (one round trip).

use std::time::Instant;

use super::state::{Keeping, Sample};
use super::stream_facts::StreamFacts;
use crate::redis::{Auth, ConnError, Endpoint, Node, ServerCode, as_conn_error};

pub use crate::redis::info::{Info, subfields};

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
            ConnError::Reply { code, .. } => match code {
                ServerCode::Loading => FailureKind::Loading,
                ServerCode::Busy => FailureKind::Busy,
                ServerCode::Misconf => FailureKind::Misconf,
                ServerCode::ReadOnly => FailureKind::Readonly,
                ServerCode::MasterDown => FailureKind::Masterdown,
                ServerCode::NoAuth => FailureKind::Noauth,
                ServerCode::WrongPass => FailureKind::Wrongpass,
                ServerCode::NoPerm => FailureKind::Noperm,
                ServerCode::Moved
                | ServerCode::Ask
                | ServerCode::CrossSlot
                | ServerCode::ClusterDown
                | ServerCode::TryAgain
                | ServerCode::Oom
                | ServerCode::WrongType
                | ServerCode::NoGroup
                | ServerCode::BusyGroup
                | ServerCode::Err
                | ServerCode::Other(_) => FailureKind::Server,
            },
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

impl Failure {
    pub fn from_error(err: &anyhow::Error, addr: &str) -> Failure {
        let text = format!("{err:#}");
        let message = text
            .strip_prefix(&format!("{addr}: "))
            .unwrap_or(&text)
            .to_string();
        // The kind comes from the error's type and the reply's code (`redis-cli ping` exits 0
        // on LOADING or MASTERDOWN; a check must read the reply), never from the words.
        let kind = as_conn_error(err).map_or(FailureKind::Error, FailureKind::of_conn);
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
    /// This run's counters, and the previous run's of the same node (state file, or the first
    /// sample of `--interval`, or the previous round of `--watch`).
    pub sample: Option<Sample>,
    pub prev: Option<Sample>,
    /// Whether this run's sample is kept for the next (what a rate without `prev` says).
    pub keeping: Keeping,
    /// `INFO latencystats` (Redis 7; empty before).
    pub latency_stats: Option<Info>,
    /// `LATENCY LATEST`: event, unix time of the latest spike, its ms, the max ms.
    pub latency_events: Option<Vec<LatencyEvent>>,
    /// `LATENCY DOCTOR` and `MEMORY DOCTOR` text, asked only under `-v`.
    pub doctor: Vec<(String, String)>,
    /// Pub/sub and replica connections with their output buffers (`CLIENT LIST TYPE ...`).
    pub buffers: Option<Vec<ClientBuffer>>,
    /// `CONFIG GET client-output-buffer-limit`.
    pub buffer_limits: Option<String>,
    /// Whether the node holds keys under the cache prefix (first SCAN page).
    pub cache_keys: Option<bool>,
    /// The hottest sampled slots of this master by `CLUSTER COUNTKEYSINSLOT`: (slot, keys).
    pub slot_counts: Vec<(u16, i64)>,
}

/// One `LATENCY LATEST` row.
#[derive(Debug, Clone, PartialEq)]
pub struct LatencyEvent {
    pub event: String,
    pub at: i64,
    pub latest_ms: i64,
    pub max_ms: i64,
}

/// A client's output buffer as `CLIENT LIST` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientBuffer {
    /// `pubsub` or `replica` (the class of `client-output-buffer-limit`).
    pub class: &'static str,
    pub addr: String,
    pub name: String,
    /// Output memory in bytes (`omem`).
    pub omem: u64,
    /// Seconds since the connection was made (`age`): a replica connected within the
    /// interval has just synced.
    pub age: u64,
}

/// What a probe asks besides INFO.
#[derive(Debug, Clone, Default)]
pub struct ProbeOptions {
    pub samples: u32,
    pub cluster: bool,
    /// `-v`: also LATENCY DOCTOR and MEMORY DOCTOR.
    pub doctor: bool,
    /// The cache prefix (`agent:cache:`) for the maxmemory check.
    pub cache_prefix: Option<String>,
    /// On a cluster master: the slots it serves, to sample with COUNTKEYSINSLOT.
    pub slots: Option<Vec<(u16, u16)>>,
}

/// Connects and collects the facts of one data node. Err means it is not usable at all.
pub async fn probe(auth: &Auth, ep: &Endpoint, o: &ProbeOptions) -> Result<(Node, Facts), Failure> {
    let (samples, cluster) = (o.samples, o.cluster);
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
    if facts.info_error.is_none() {
        facts.sample = Some(Sample::of_info(
            &facts.info,
            chrono::Utc::now().timestamp_millis() as f64 / 1000.0,
        ));
        more_facts(&node, o, &mut facts).await;
    }
    Ok((node, facts))
}

/// The figures of the newer checks, asked at once after INFO: a refusal (an ACL, an old
/// server) leaves that figure None and its check says so.
async fn more_facts(node: &Node, o: &ProbeOptions, facts: &mut Facts) {
    let master = facts.info.get("role") == Some("master");
    let q = |c: redis::Cmd| {
        let mut n = node.clone();
        async move { n.query::<redis::Value>(&c).await.ok() }
    };
    // With the command stats: their call counts tell which commands ran in the interval.
    let mut lat = redis::cmd("INFO");
    lat.arg("latencystats").arg("commandstats");
    let mut latest = redis::cmd("LATENCY");
    latest.arg("LATEST");
    let mut pubsub = redis::cmd("CLIENT");
    pubsub.arg("LIST").arg("TYPE").arg("pubsub");
    let mut replica = redis::cmd("CLIENT");
    replica.arg("LIST").arg("TYPE").arg("replica");
    let mut limits = redis::cmd("CONFIG");
    limits.arg("GET").arg("client-output-buffer-limit");
    let scan = o.cache_prefix.as_ref().map(|p| {
        let mut c = redis::cmd("SCAN");
        let mut pattern = crate::ops::keys::escape_glob(p.as_bytes());
        pattern.push(b'*');
        c.arg(0).arg("MATCH").arg(pattern).arg("COUNT").arg(1000);
        c
    });
    let (lat, latest, pubsub, replica, limits, scan) = futures::join!(
        q(lat),
        q(latest),
        q(pubsub),
        async {
            if master {
                q(replica).await
            } else {
                Some(redis::Value::BulkString(Vec::new()))
            }
        },
        q(limits),
        async {
            match scan {
                Some(c) => q(c).await,
                None => None,
            }
        }
    );
    facts.latency_stats = lat.and_then(|v| text(&v)).map(|t| Info::parse(&t));
    if let (Some(sample), Some(stats)) = (&mut facts.sample, &facts.latency_stats) {
        sample.counters.extend(super::latency::call_counters(stats));
    }
    facts.latency_events = latest.map(|v| latency_latest(&v));
    if let (Some(sample), Some(events)) = (&mut facts.sample, &facts.latency_events) {
        sample.events = events.iter().map(|e| (e.event.clone(), e.at)).collect();
    }
    facts.buffers = match (
        pubsub.and_then(|v| text(&v)),
        replica.and_then(|v| text(&v)),
    ) {
        (Some(p), Some(r)) => {
            let mut out = client_buffers(&p, "pubsub");
            out.extend(client_buffers(&r, "replica"));
            Some(out)
        }
        _ => None,
    };
    facts.buffer_limits = limits.and_then(|v| match v {
        redis::Value::Array(a) => a.get(1).and_then(text),
        redis::Value::Map(m) => m.first().and_then(|(_, v)| text(v)),
        _ => None,
    });
    facts.cache_keys = scan.and_then(|v| match v {
        redis::Value::Array(a) => match a.get(1) {
            Some(redis::Value::Array(keys)) => Some(!keys.is_empty()),
            _ => None,
        },
        _ => None,
    });
    if o.doctor {
        let mut ld = redis::cmd("LATENCY");
        ld.arg("DOCTOR");
        let mut md = redis::cmd("MEMORY");
        md.arg("DOCTOR");
        let (ld, md) = futures::join!(q(ld), q(md));
        for (name, v) in [("LATENCY DOCTOR", ld), ("MEMORY DOCTOR", md)] {
            if let Some(t) = v.and_then(|v| text(&v)) {
                facts.doctor.push((name.to_string(), t));
            }
        }
    }
    if master && let Some(ranges) = &o.slots {
        facts.slot_counts = count_slots(node, ranges).await;
    }
}

/// Slots sampled per master for the hottest-slot figure: this many evenly over its ranges,
/// and the slots of this many random keys (RANDOMKEY), so a slot is found about as often as
/// it holds keys: a single hot hash tag, which an even sample of a few dozen slots would miss,
/// is among the keys almost every time. Counting every slot instead costs ~5461 calls a
/// master on each run (several times the rest of a cluster's health).
const SLOT_SAMPLES: usize = 64;
/// The hottest slots kept per master: the check names three overall.
const HOT_SLOTS_KEPT: usize = 3;

/// `CLUSTER COUNTKEYSINSLOT` of the sampled slots, pipelined on one connection (two rounds:
/// the random keys, then the counts); the hottest few are kept.
async fn count_slots(node: &Node, ranges: &[(u16, u16)]) -> Vec<(u16, i64)> {
    let all: Vec<u16> = ranges.iter().flat_map(|&(a, b)| a..=b.min(16383)).collect();
    if all.is_empty() {
        return Vec::new();
    }
    let mut n = node.clone();
    let mut random = redis::pipe();
    for _ in 0..SLOT_SAMPLES {
        random.cmd("RANDOMKEY");
    }
    let keys: Vec<Option<Vec<u8>>> = n.pipe(&random).await.unwrap_or_default();
    let owns = |s: u16| ranges.iter().any(|&(a, b)| a <= s && s <= b);
    let step = all.len().div_ceil(SLOT_SAMPLES).max(1);
    let mut picked: Vec<u16> = keys
        .iter()
        .flatten()
        .map(|k| crate::redis::cluster::slot(k))
        .filter(|&s| owns(s))
        .chain(all.iter().step_by(step).copied())
        .collect();
    picked.sort_unstable();
    picked.dedup();
    let mut pipe = redis::pipe();
    for s in &picked {
        pipe.cmd("CLUSTER").arg("COUNTKEYSINSLOT").arg(*s);
    }
    let Ok(counts) = n.pipe::<Vec<i64>>(&pipe).await else {
        return Vec::new();
    };
    let mut hot: Vec<(u16, i64)> = picked
        .into_iter()
        .zip(counts)
        .filter(|(_, k)| *k > 0)
        .collect();
    hot.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    hot.truncate(HOT_SLOTS_KEPT);
    hot
}

/// A bulk or verbatim string reply as text.
fn text(v: &redis::Value) -> Option<String> {
    match v {
        redis::Value::BulkString(b) => Some(String::from_utf8_lossy(b).into_owned()),
        redis::Value::SimpleString(s) => Some(s.clone()),
        redis::Value::VerbatimString { text, .. } => Some(text.clone()),
        _ => None,
    }
}

fn int(v: &redis::Value) -> Option<i64> {
    match v {
        redis::Value::Int(n) => Some(*n),
        other => text(other)?.parse().ok(),
    }
}

/// `LATENCY LATEST`: `[[event, time, latest, max], ...]`; malformed rows are skipped.
fn latency_latest(v: &redis::Value) -> Vec<LatencyEvent> {
    let redis::Value::Array(rows) = v else {
        return Vec::new();
    };
    rows.iter()
        .filter_map(|r| {
            let redis::Value::Array(f) = r else {
                return None;
            };
            Some(LatencyEvent {
                event: text(f.first()?)?,
                at: int(f.get(1)?)?,
                latest_ms: int(f.get(2)?)?,
                max_ms: int(f.get(3)?)?,
            })
        })
        .collect()
}

/// `CLIENT LIST` lines: `id=.. addr=.. name=.. omem=..`.
fn client_buffers(text: &str, class: &'static str) -> Vec<ClientBuffer> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let field = |k: &str| {
                l.split(' ')
                    .find_map(|kv| kv.strip_prefix(k).and_then(|v| v.strip_prefix('=')))
                    .unwrap_or_default()
                    .to_string()
            };
            ClientBuffer {
                class,
                addr: field("addr"),
                name: field("name"),
                omem: field("omem").parse().unwrap_or(0),
                age: field("age").parse().unwrap_or(0),
            }
        })
        .collect()
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
        let e = anyhow::Error::new(ConnError::Reply {
            addr: "h:1".into(),
            code: ServerCode::parse("LOADING"),
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
