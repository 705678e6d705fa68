//! The nodes `top` watches, found from one seed (CLUSTER NODES, Sentinel's master and the
//! replicas it lists, or a single node and its replicas), each sampled once per interval on a
//! connection kept between frames. A node that does not answer within the frame is a red row.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use futures::future::join_all;

use super::sample::{ClientRow, Frame, NodeRow, SlowRow, StreamRow, command_counters};
use crate::redis::info::Info;
use crate::redis::{Auth, Endpoint, Mode, Node, Target, parse_cluster_nodes};

/// The detail pane on screen: its figures are asked only while it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    None,
    Slowlog,
    Commands,
    Clients,
    Streams,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::None,
        Pane::Slowlog,
        Pane::Commands,
        Pane::Clients,
        Pane::Streams,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::None => "",
            Pane::Slowlog => "slow log",
            Pane::Commands => "command stats",
            Pane::Clients => "clients (output buffers)",
            Pane::Streams => "streams",
        }
    }
}

struct Planned {
    ep: Endpoint,
    role: &'static str,
    slots: Option<u32>,
    /// In a cluster, the slot ranges a master serves (the streams pane reads keys where they live).
    ranges: Option<Vec<(u16, u16)>>,
}

impl Planned {
    /// A seed that has not answered yet: its role is not known.
    fn seed(ep: Endpoint) -> Planned {
        Planned {
            ep,
            role: "seed",
            slots: None,
            ranges: None,
        }
    }
}

pub struct Fleet {
    target: Target,
    auth: Auth,
    planned: Vec<Planned>,
    conns: HashMap<String, Node>,
    discovered: Option<Instant>,
    prev: Option<Frame>,
    /// Streams read for the streams pane.
    pub streams: Vec<String>,
    /// Why no Sentinel named the master (none answered, or none knows it): said on the
    /// Sentinels' own red rows while no node is known (review-24 F5).
    sentinel_error: Option<String>,
}

/// The role of a Sentinel's row, shown while no Sentinel names the master.
const SENTINEL: &str = "sentinel";

/// How often the node list is asked again (a failover, a node added).
const REDISCOVER: Duration = Duration::from_secs(10);

impl Fleet {
    pub fn new(target: Target, streams: Vec<String>) -> Fleet {
        let auth = match target.mode {
            Mode::Cluster(_) => Auth {
                db: 0,
                ..target.auth.clone()
            },
            _ => target.auth.clone(),
        };
        Fleet {
            target,
            auth,
            planned: Vec::new(),
            conns: HashMap::new(),
            discovered: None,
            prev: None,
            streams,
            sentinel_error: None,
        }
    }

    async fn node(&mut self, ep: &Endpoint) -> anyhow::Result<Node> {
        let key = ep.to_string();
        if let Some(n) = self.conns.get(&key) {
            return Ok(n.clone());
        }
        let n = named(self.auth.connect(ep).await?).await;
        self.conns.insert(key, n.clone());
        Ok(n)
    }

    /// The node list: kept when asking fails, so a dead node stays on screen as a red row.
    async fn discover(&mut self) {
        let found = match self.target.mode.clone() {
            Mode::Cluster(seeds) => {
                let mut tried: Vec<Endpoint> = self.planned.iter().map(|p| p.ep.clone()).collect();
                tried.extend(seeds.iter().cloned());
                let mut out = None;
                for s in tried {
                    let Ok(mut n) = self.node(&s).await else {
                        continue;
                    };
                    let Ok(text) = n.query::<String>(redis::cmd("CLUSTER").arg("NODES")).await
                    else {
                        self.conns.remove(&s.to_string());
                        continue;
                    };
                    let nodes = parse_cluster_nodes(&text, &s);
                    out = Some(
                        nodes
                            .iter()
                            .filter(|n| !n.flags.iter().any(|f| f == "noaddr"))
                            .map(|n| Planned {
                                ep: n.endpoint.clone(),
                                role: if n.is_master() { "master" } else { "replica" },
                                slots: n.is_master().then(|| {
                                    n.slots.iter().map(|(a, b)| u32::from(b - a) + 1).sum()
                                }),
                                ranges: Some(n.slots.clone()),
                            })
                            .collect::<Vec<_>>(),
                    );
                    break;
                }
                // No seed answered and no node is known yet: the seeds are the rows, red
                // with the reason each gives (`connection refused`), not an empty table.
                if out.is_none() && self.planned.is_empty() {
                    out = Some(self.seeds());
                }
                out
            }
            Mode::Standalone(ep) => self.with_replicas(ep).await,
            Mode::Sentinel { .. } => match self.target.master_endpoint().await {
                Ok(ep) => {
                    self.sentinel_error = None;
                    self.with_replicas(ep).await
                }
                Err(e) => {
                    self.sentinel_error = Some(why_down(&e));
                    None
                }
            },
        };
        if let Some(mut f) = found {
            // A node that was down in the last frame and is no longer listed (an old master
            // after a Sentinel failover: its new master does not list it) stays, a red row,
            // until it answers: a dead node must not vanish from the view.
            let down: Vec<&str> = self
                .prev
                .iter()
                .flat_map(|fr| fr.nodes.iter())
                .filter(|n| !n.up)
                .map(|n| n.addr.as_str())
                .collect();
            for p in std::mem::take(&mut self.planned) {
                let addr = p.ep.to_string();
                // A Sentinel's row stood only for the master it could not name.
                let sentinel = p.role == SENTINEL;
                if !sentinel && down.contains(&addr.as_str()) && !f.iter().any(|q| q.ep == p.ep) {
                    f.push(p);
                }
            }
            f.sort_by_key(|p| p.ep.to_string());
            self.planned = f;
        }
        self.discovered = Some(Instant::now());
    }

    /// The nodes named on the command line, listed while nothing else is known (a seed that
    /// does not answer is shown as a down row, its role not known): the one list of seed rows,
    /// whether discovery failed or ran out of time.
    fn seeds(&self) -> Vec<Planned> {
        let eps = match &self.target.mode {
            Mode::Cluster(seeds) => seeds.clone(),
            Mode::Standalone(ep) => vec![ep.clone()],
            // No master named yet: the Sentinels are the rows, red, saying why.
            Mode::Sentinel { sentinels, .. } => {
                return sentinels
                    .iter()
                    .map(|ep| Planned {
                        role: SENTINEL,
                        ..Planned::seed(ep.clone())
                    })
                    .collect();
            }
        };
        eps.into_iter().map(Planned::seed).collect()
    }

    /// The master and the replicas its INFO lists. A master that does not answer keeps the
    /// list it had (None), so its replicas stay on screen; the first time, it is listed alone.
    async fn with_replicas(&mut self, ep: Endpoint) -> Option<Vec<Planned>> {
        let mut out = vec![Planned {
            ep: ep.clone(),
            role: "master",
            slots: None,
            ranges: None,
        }];
        let text = match self.node(&ep).await {
            Ok(mut n) => n
                .query::<String>(redis::cmd("INFO").arg("replication"))
                .await
                .ok(),
            Err(_) => None,
        };
        let Some(text) = text else {
            self.conns.remove(&ep.to_string());
            let known = self.planned.iter().any(|p| p.ep == ep);
            return (!known).then_some(out);
        };
        for (_, r) in Info::parse(&text).indexed("slave") {
            if let (Some(ip), Some(port)) =
                (r.get("ip"), r.get("port").and_then(|p| p.parse().ok()))
            {
                out.push(Planned {
                    ep: Endpoint::Tcp {
                        host: ip.clone(),
                        port,
                    },
                    role: "replica",
                    slots: None,
                    ranges: None,
                });
            }
        }
        Some(out)
    }

    /// One frame: every node asked at once, each within `budget`.
    pub async fn sample(&mut self, every: Duration, budget: Duration, pane: Pane) -> Frame {
        // The whole frame within `budget`, discovery included: a seed that accepts and never
        // answers is a red row within the refresh, not a blank screen for the --timeout.
        let deadline = tokio::time::Instant::now() + budget;
        // While no Sentinel names the master, it is asked again each frame.
        let unnamed = self.sentinel_error.is_some();
        if unnamed || self.discovered.is_none_or(|t| t.elapsed() >= REDISCOVER) {
            if tokio::time::timeout_at(deadline, self.discover())
                .await
                .is_err()
            {
                self.discovered = Some(Instant::now());
            }
            if self.planned.is_empty() {
                self.planned = self.seeds();
            }
        }
        let now = chrono::Utc::now().timestamp_millis() as f64 / 1000.0;
        let prev = self.prev.take();
        let secs = prev.as_ref().map_or(0.0, |p| now - p.at);
        let mut jobs = Vec::new();
        for p in &self.planned {
            let conn = match self.conns.get(&p.ep.to_string()) {
                Some(n) => Ok(n.clone()),
                None => Err(p.ep.clone()),
            };
            jobs.push((p.ep.clone(), p.role, p.slots, p.ranges.clone(), conn));
        }
        let auth = self.auth.clone();
        let streams = self.streams.clone();
        let prev_ref = prev.as_ref();
        let unnamed = self
            .sentinel_error
            .clone()
            .unwrap_or_else(|| "the master is not known yet".into());
        let results = join_all(jobs.into_iter().map(|(ep, role, slots, ranges, conn)| {
            let (auth, streams, unnamed) = (&auth, &streams, &unnamed);
            async move {
                let addr = ep.to_string();
                if role == SENTINEL {
                    return (addr, role, Err(unnamed.clone()));
                }
                let before = prev_ref.and_then(|f| f.nodes.iter().find(|n| n.addr == addr));
                let work = async {
                    let mut node = match conn {
                        Ok(n) => n,
                        Err(ep) => named(auth.connect(&ep).await.map_err(|e| why_down(&e))?).await,
                    };
                    let text: String = node
                        .query(redis::cmd("INFO").arg("all"))
                        .await
                        .map_err(|e| why_down(&anyhow::Error::new(e)))?;
                    let info = Info::parse(&text);
                    let mut row = NodeRow::from_info(addr.clone(), &info, before, secs, slots);
                    row.counters.extend(command_counters(&info));
                    extras(&mut node, &mut row, pane, streams, ranges).await;
                    Ok::<_, String>((row, node))
                };
                let r = match tokio::time::timeout_at(deadline, work).await {
                    Ok(r) => r,
                    Err(_) => Err(format!(
                        "timeout: no answer within {}",
                        crate::duration::format(budget)
                    )),
                };
                (addr, role, r)
            }
        }))
        .await;
        let mut nodes = Vec::new();
        for (addr, role, r) in results {
            match r {
                Ok((row, node)) => {
                    self.conns.insert(addr, node);
                    nodes.push(row);
                }
                Err(e) => {
                    // A fresh connection next frame: this one may be dead or mid-reply.
                    self.conns.remove(&addr);
                    let e = e
                        .strip_prefix(&format!("{addr}: "))
                        .unwrap_or(&e)
                        .to_string();
                    nodes.push(NodeRow::down(addr, role, e));
                }
            }
        }
        replica_lag(&mut nodes);
        let frame = Frame {
            at: now,
            interval: every.as_secs_f64(),
            nodes,
            // Only when they were read: a frame of another pane has nothing to say about them.
            streams_named: if pane == Pane::Streams {
                self.streams.clone()
            } else {
                Vec::new()
            },
        };
        self.prev = Some(frame.clone());
        frame
    }
}

/// Why a node is down, short enough for its row: `connection refused`, `timeout (connecting,
/// 5s)`, `auth: wrong password or user`; other failures as their message.
fn why_down(e: &anyhow::Error) -> String {
    use crate::redis::{ConnError, as_conn_error};
    match as_conn_error(e) {
        Some(ConnError::Refused { .. }) => "connection refused".into(),
        Some(ConnError::Timeout { op, after, .. }) => format!("timeout ({op}, {after})"),
        Some(ConnError::Auth { detail, .. }) => format!("auth: {detail}"),
        Some(ConnError::Resolve { detail, .. }) => format!("cannot resolve: {detail}"),
        Some(ConnError::Dropped { .. }) => "connection closed".into(),
        _ => format!("{e:#}"),
    }
}

/// A replica's offset behind its master's, from the two rows of this frame, and how long the
/// master takes to write that much at its current rate.
fn replica_lag(nodes: &mut [NodeRow]) {
    let masters: HashMap<String, (f64, Option<f64>)> = nodes
        .iter()
        .filter(|n| n.role == "master")
        .filter_map(|n| {
            Some((
                n.addr.clone(),
                (*n.counters.get("master_repl_offset")?, n.repl_bytes_per_sec),
            ))
        })
        .collect();
    for n in nodes.iter_mut().filter(|n| n.role == "replica") {
        if let (Some((m, rate)), Some(own)) = (
            n.master.as_ref().and_then(|m| masters.get(m)),
            n.counters.get("slave_repl_offset"),
        ) {
            let behind = (m - own).max(0.0);
            n.lag_bytes = Some(behind);
            n.lag_secs = if behind == 0.0 {
                Some(0.0)
            } else {
                rate.filter(|r| *r > 0.0).map(|r| behind / r)
            };
        }
    }
}

/// The pane's figures for one node (asked only while that pane is shown).
async fn extras(
    node: &mut Node,
    row: &mut NodeRow,
    pane: Pane,
    streams: &[String],
    ranges: Option<Vec<(u16, u16)>>,
) {
    match pane {
        Pane::None | Pane::Commands => {}
        Pane::Slowlog => {
            if let Ok(redis::Value::Array(entries)) = node
                .query::<redis::Value>(redis::cmd("SLOWLOG").arg("GET").arg(SLOW_ASKED))
                .await
            {
                // redkit's own INFO (named `redkit`) would push the calls one looks for out.
                row.slowlog = entries
                    .iter()
                    .filter(|e| !own_info(e))
                    .filter_map(slow_row)
                    .take(SLOW_SHOWN)
                    .collect();
            }
        }
        Pane::Clients => {
            if let Ok(text) = node.query::<String>(redis::cmd("CLIENT").arg("LIST")).await {
                let mut rows: Vec<ClientRow> = text.lines().map(client_row).collect();
                rows.sort_by(|a, b| b.omem.cmp(&a.omem).then(a.idle.cmp(&b.idle)));
                rows.truncate(5);
                row.client_buffers = rows;
            }
        }
        Pane::Streams => {
            if row.role != "master" {
                return;
            }
            (row.streams, row.streams_without_groups) = stream_rows(node, streams, ranges).await;
        }
    }
}

/// A connection named `redkit` in CLIENT LIST and the slow log, so the slow log pane can
/// leave top's own INFO out (a server that refuses the name is watched all the same).
async fn named(mut n: Node) -> Node {
    let _ = n
        .query::<redis::Value>(redis::cmd("CLIENT").arg("SETNAME").arg("redkit"))
        .await;
    n
}

/// Slow log entries asked of each node, and kept once redkit's own are left out.
const SLOW_ASKED: usize = 16;
const SLOW_SHOWN: usize = 5;

/// Whether a slow log entry is an INFO of a redkit connection (its client name `redkit`).
fn own_info(v: &redis::Value) -> bool {
    let redis::Value::Array(f) = v else {
        return false;
    };
    let text = |v: Option<&redis::Value>| match v {
        Some(redis::Value::BulkString(b)) => String::from_utf8_lossy(b).to_string(),
        Some(redis::Value::SimpleString(s)) => s.clone(),
        _ => String::new(),
    };
    let first = match f.get(3) {
        Some(redis::Value::Array(args)) => text(args.first()),
        _ => String::new(),
    };
    first.eq_ignore_ascii_case("info") && text(f.get(5)) == "redkit"
}

fn slow_row(v: &redis::Value) -> Option<SlowRow> {
    let redis::Value::Array(f) = v else {
        return None;
    };
    let int = |v: Option<&redis::Value>| match v {
        Some(redis::Value::Int(n)) => Some(*n),
        _ => None,
    };
    let command = match f.get(3) {
        Some(redis::Value::Array(args)) => args
            .iter()
            .take(3)
            .map(|a| match a {
                redis::Value::BulkString(b) => {
                    crate::output::escape::escape_str(&String::from_utf8_lossy(b))
                }
                _ => String::new(),
            })
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    };
    Some(SlowRow {
        at: int(f.get(1))?,
        micros: int(f.get(2))?,
        command,
    })
}

fn client_row(line: &str) -> ClientRow {
    let field = |k: &str| {
        line.split(' ')
            .find_map(|kv| kv.strip_prefix(k).and_then(|v| v.strip_prefix('=')))
            .unwrap_or_default()
            .to_string()
    };
    let flags = field("flags");
    let kind = if flags.contains('S') {
        "replica"
    } else if field("sub") != "0" || field("psub") != "0" {
        "pubsub"
    } else {
        "normal"
    };
    ClientRow {
        addr: field("addr"),
        name: crate::output::escape::escape_str(&field("name")),
        kind: kind.to_string(),
        omem: field("omem").parse().unwrap_or(0),
        idle: field("idle").parse().unwrap_or(0),
    }
}

/// The streams pane's groups, read as health's stream checks read them (one selection: keys
/// and globs; one lag rule: the age of the oldest entry not yet delivered, 0 when caught up);
/// and the streams found here with no consumer group, which have no row.
async fn stream_rows(
    node: &mut Node,
    streams: &[String],
    ranges: Option<Vec<(u16, u16)>>,
) -> (Vec<StreamRow>, Vec<String>) {
    use crate::cmd::health::stream_read::{StreamPlan, read};
    if streams.is_empty() {
        return Default::default();
    }
    let plan = StreamPlan {
        streams: Some(
            streams
                .iter()
                .map(|s| s.trim().as_bytes().to_vec())
                .filter(|s| !s.is_empty())
                .collect(),
        ),
        jobs: None,
        slots: ranges,
    };
    let facts = read(node, &plan, None).await;
    let Some(Ok(found)) = facts.streams else {
        return Default::default();
    };
    let without_groups = found
        .iter()
        .filter(|s| s.exists && s.groups.is_empty())
        .map(|s| s.key.clone())
        .collect();
    let rows = found
        .iter()
        .filter(|s| s.exists)
        .flat_map(|s| {
            s.groups.iter().map(move |g| StreamRow {
                stream: s.key.clone(),
                group: g.name.clone(),
                lag: g.lag.and_then(|n| i64::try_from(n).ok()),
                lag_secs: g.lag_ms.map(|ms| ms as f64 / 1000.0),
                pending: i64::try_from(g.pending).unwrap_or(i64::MAX),
                dead_letters: (s.dead_letters > 0)
                    .then(|| i64::try_from(s.dead_letters).unwrap_or(i64::MAX)),
            })
        })
        .collect();
    (rows, without_groups)
}
