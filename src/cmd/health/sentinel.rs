//! Checks of each Sentinel: it answers, it sees the master up, the quorum is reachable
//! (SENTINEL CKQUORUM); and what it says the topology is (master and replicas).

use std::collections::HashMap;

use super::judge;
use super::probe::{Failure, ping_samples};
use super::report::{Check, CheckKind, Metric, Status};
use super::types::Thresholds;
use crate::redis::{Auth, Endpoint};

/// What a Sentinel's checks judge: what it said, the master name asked about, and the role
/// that master reports about itself (None when it could not be checked).
pub struct SentinelInput<'a> {
    pub facts: &'a SentinelFacts,
    pub name: &'a str,
    pub master_role: Option<&'a str>,
    pub t: &'a Thresholds,
}

/// What one Sentinel said.
#[derive(Debug, Clone)]
pub struct SentinelFacts {
    pub latency_ms: Vec<f64>,
    /// SENTINEL MASTER fields (`flags`, `num-other-sentinels`, `quorum`...).
    pub master: HashMap<String, String>,
    pub master_error: Option<String>,
    pub master_addr: Option<Endpoint>,
    /// CKQUORUM: Ok(reply) or Err(error text).
    pub quorum: Result<String, String>,
    /// Replicas as the Sentinel lists them: address and flags.
    pub replicas: Vec<(Endpoint, String)>,
}

fn as_map(v: &redis::Value) -> HashMap<String, String> {
    let text = |v: &redis::Value| match v {
        redis::Value::BulkString(b) => String::from_utf8_lossy(b).into_owned(),
        redis::Value::SimpleString(s) => s.clone(),
        redis::Value::Int(n) => n.to_string(),
        _ => String::new(),
    };
    match v {
        redis::Value::Array(items) => items
            .chunks(2)
            .filter(|p| p.len() == 2)
            .map(|p| (text(&p[0]), text(&p[1])))
            .collect(),
        redis::Value::Map(pairs) => pairs.iter().map(|(k, v)| (text(k), text(v))).collect(),
        _ => HashMap::new(),
    }
}

/// Asks one Sentinel about the master `name`.
pub async fn probe(
    auth: &Auth,
    ep: &Endpoint,
    name: &str,
    samples: u32,
) -> Result<SentinelFacts, Failure> {
    let addr = ep.to_string();
    let mut node = auth
        .connect_db(ep, 0)
        .await
        .map_err(|e| Failure::from_error(&e, &addr))?;
    let latency_ms = ping_samples(&mut node, samples)
        .await
        .map_err(|e| Failure::from_conn(e, &addr))?;
    let (mut a, mut b, mut c) = (node.clone(), node.clone(), node.clone());
    let master_cmd = redis::cmd("SENTINEL").arg("MASTER").arg(name).to_owned();
    let quorum_cmd = redis::cmd("SENTINEL").arg("CKQUORUM").arg(name).to_owned();
    let replicas_cmd = redis::cmd("SENTINEL").arg("REPLICAS").arg(name).to_owned();
    let (master, quorum, replicas) = futures::join!(
        a.query::<redis::Value>(&master_cmd),
        b.query::<String>(&quorum_cmd),
        c.query::<Vec<redis::Value>>(&replicas_cmd),
    );
    let mut facts = SentinelFacts {
        latency_ms,
        quorum: quorum.map_err(|e| Failure::from_conn(e, &addr).message),
        master: HashMap::new(),
        master_error: None,
        master_addr: None,
        replicas: Vec::new(),
    };
    match master {
        Ok(v) => {
            facts.master = as_map(&v);
            let host = facts.master.get("ip").cloned();
            let port = facts.master.get("port").and_then(|p| p.parse().ok());
            if let (Some(host), Some(port)) = (host, port) {
                facts.master_addr = Some(Endpoint::Tcp { host, port });
            }
        }
        Err(e) => facts.master_error = Some(Failure::from_conn(e, &addr).message),
    }
    for r in replicas.unwrap_or_default() {
        let m = as_map(&r);
        let port = m.get("port").and_then(|p| p.parse().ok());
        // Port 0 is a snapshot client (`redis-cli --rdb`, `cache analyze --from`) that the
        // master listed while it synced: Sentinel remembers it, but it is no server.
        if let (Some(host), Some(port)) = (m.get("ip").cloned(), port.filter(|p: &u16| *p != 0)) {
            let flags = m.get("flags").cloned().unwrap_or_default();
            facts.replicas.push((Endpoint::Tcp { host, port }, flags));
        }
    }
    Ok(facts)
}

/// The Sentinel's PING round trips.
pub fn latency(x: &SentinelInput) -> Check {
    judge::latency(&x.facts.latency_ms, x.t)
}

/// The master this Sentinel names: known, not seen down, and reporting role master.
pub fn master(x: &SentinelInput) -> Check {
    let (f, name, master_role) = (x.facts, x.name, x.master_role);
    let mut m = match (&f.master_error, &f.master_addr) {
        (Some(e), _) => Check::new(
            CheckKind::SentinelMaster,
            Status::Critical,
            serde_json::Value::Null,
        )
        .message(format!("does not know master '{name}': {e}")),
        (None, None) => Check::new(
            CheckKind::SentinelMaster,
            Status::Critical,
            serde_json::Value::Null,
        )
        .message(format!("no address for master '{name}'")),
        (None, Some(addr)) => {
            let flags = f.master.get("flags").cloned().unwrap_or_default();
            let mut c = Check::new(CheckKind::SentinelMaster, Status::Ok, addr.to_string())
                .message(format!("master '{name}' at {addr}, flags {flags}"));
            if flags.split(',').any(|x| x == "s_down" || x == "o_down") {
                c.raise(Status::Critical, "Sentinel sees the master down");
            }
            match master_role {
                Some("master") => {}
                Some(other) => c.raise(
                    Status::Critical,
                    &format!("{addr} reports role {other}, not master"),
                ),
                None => c.raise(Status::Critical, &format!("{addr} could not be checked")),
            }
            c
        }
    };
    let ok = m.status == Status::Ok;
    m = m.metric(Metric::new(
        "sentinel_master_ok",
        f64::from(u8::from(ok)),
        "1 when the Sentinel names a reachable master that reports role master",
    ));
    m
}

/// SENTINEL CKQUORUM: enough Sentinels to agree on a failover and to authorise it.
pub fn quorum(x: &SentinelInput) -> Check {
    let f = x.facts;
    let others = f
        .master
        .get("num-other-sentinels")
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0);
    let q =
        match &f.quorum {
            Ok(reply) => Check::new(CheckKind::SentinelQuorum, Status::Ok, reply.clone())
                .message(reply.clone()),
            Err(e) => Check::new(CheckKind::SentinelQuorum, Status::Critical, "NOQUORUM")
                .message(e.clone()),
        };
    let ok = q.status == Status::Ok;
    q.metric(Metric::new(
        "sentinel_quorum_ok",
        f64::from(u8::from(ok)),
        "1 when SENTINEL CKQUORUM succeeds",
    ))
    .metric(Metric::new(
        "sentinel_other_sentinels",
        others,
        "Other Sentinels this one knows for the master",
    ))
}
