//! Finding every node of the deployment (standalone and its replicas, every node of CLUSTER
//! NODES, or the Sentinels with their master and replicas), checking them all concurrently,
//! each within a fixed budget, and assembling the report.

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

use futures::future::join_all;

use super::cluster::{ClusterInput, MasterLoad};
use super::judge;
use super::probe::{self, Facts, Failure, Info, ProbeOptions};
use super::registry::{CHECKS, CheckKind};
use super::report::{Check, ClusterReport, HealthReport, Metric, Mode, NodeReport, Role, Status};
use super::sentinel::{self, SentinelFacts, SentinelInput};
use super::state::{Keeping, Sample};
use super::stream_read::{self, StreamPlan};
use super::thresholds::{Selection, Thresholds};
use crate::duration;
use crate::redis::{self as proto, Auth, ClusterNode, Endpoint, Target, parse_cluster_nodes};

/// What a run needs besides the target.
#[derive(Debug, Clone)]
pub struct Options {
    pub thresholds: Thresholds,
    pub selection: Selection,
    /// Standalone: also check the replicas the master lists.
    pub follow_replicas: bool,
    /// Streams and job streams to read on every master (empty: none).
    pub streams: StreamPlan,
    /// The previous sample of each node, by address (rates since then).
    pub prev: BTreeMap<String, Sample>,
    /// Whether this run's counters are kept for the next (what a first sample says).
    pub keeping: Keeping,
    /// `-v`: ask LATENCY DOCTOR and MEMORY DOCTOR too.
    pub doctor: bool,
    /// The cache prefix, for the maxmemory check.
    pub cache_prefix: Option<String>,
}

impl Options {
    fn reads_streams(&self) -> bool {
        self.streams.streams.is_some() || self.streams.jobs.is_some()
    }
}

/// One data node as planned and as found.
struct Probed {
    ep: Endpoint,
    role_hint: Role,
    result: Result<Facts, Failure>,
}

/// A node to check: where, the role we expect, and (in a cluster) the slots it serves.
struct Planned {
    ep: Endpoint,
    role_hint: Role,
    slots: Option<Vec<(u16, u16)>>,
}

impl Planned {
    fn new(ep: Endpoint, role_hint: Role) -> Planned {
        Planned {
            ep,
            role_hint,
            slots: None,
        }
    }
}

/// The most one node may take: connecting, then the reply timeout. A silent node is cut off
/// here and reported CRITICAL while the others are reported normally.
fn budget(auth: &Auth) -> Duration {
    auth.connect_timeout + auth.timeout
}

fn late(b: Duration) -> Failure {
    Failure::late(format!("no complete answer within {}", duration::format(b)))
}

/// Probes one node within its budget; then, on a master and when stream checks run, reads its
/// streams (each read under the reply timeout; a failure there leaves those checks UNKNOWN).
async fn probe_one(
    auth: &Auth,
    p: &Planned,
    opts: &Options,
    cluster: bool,
) -> Result<Facts, Failure> {
    let b = budget(auth);
    let po = ProbeOptions {
        samples: opts.thresholds.samples,
        cluster,
        doctor: opts.doctor,
        cache_prefix: opts.cache_prefix.clone(),
        slots: p
            .slots
            .clone()
            .filter(|_| opts.selection.wants(CheckKind::Skew)),
    };
    let (mut node, mut facts) = match tokio::time::timeout(b, probe::probe(auth, &p.ep, &po)).await
    {
        Ok(r) => r?,
        Err(_) => return Err(late(b)),
    };
    facts.prev = opts.prev.get(&p.ep.to_string()).cloned();
    facts.keeping = opts.keeping.clone();
    if opts.reads_streams() && facts.info.get("role") == Some("master") {
        let plan = StreamPlan {
            slots: p.slots.clone(),
            ..opts.streams.clone()
        };
        facts.streams =
            Some(stream_read::read(&mut node, &plan, opts.thresholds.stuck_after).await);
    }
    Ok(facts)
}

async fn probe_all(auth: &Auth, plan: Vec<Planned>, opts: &Options, cluster: bool) -> Vec<Probed> {
    join_all(plan.into_iter().map(|p| async move {
        let result = probe_one(auth, &p, opts, cluster).await;
        Probed {
            ep: p.ep,
            role_hint: p.role_hint,
            result,
        }
    }))
    .await
}

/// Fills in each linked replica's master offset: from the master's own report when it was
/// checked, else by asking the master. A master that was checked and did not answer is not
/// asked again (that would double the time a silent master costs).
async fn fill_master_offsets(auth: &Auth, probed: &mut [Probed]) {
    let planned: HashSet<String> = probed.iter().map(|p| p.ep.to_string()).collect();
    let offsets: Vec<(String, i64)> = probed
        .iter()
        .filter_map(|p| {
            let f = p.result.as_ref().ok()?;
            (f.info.get("role") == Some("master"))
                .then(|| Some((p.ep.to_string(), f.info.num("master_repl_offset")? as i64)))?
        })
        .collect();
    let wanted: Vec<(usize, Endpoint)> = probed
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let f = p.result.as_ref().ok()?;
            if f.info.get("role") != Some("slave") || f.info.get("master_link_status") != Some("up")
            {
                return None;
            }
            let ep = Endpoint::Tcp {
                host: f.info.get("master_host")?.to_string(),
                port: f.info.get("master_port")?.parse().ok()?,
            };
            Some((i, ep))
        })
        .collect();
    let b = budget(auth);
    let planned = &planned;
    let found = join_all(wanted.into_iter().map(|(i, ep)| {
        let known = offsets
            .iter()
            .find(|(a, _)| *a == ep.to_string())
            .map(|(_, o)| *o);
        async move {
            let off = match known {
                Some(o) => Some(o),
                None if planned.contains(&ep.to_string()) => None,
                None => tokio::time::timeout(b, probe::master_offset(auth, &ep))
                    .await
                    .ok()
                    .flatten(),
            };
            (i, off)
        }
    }))
    .await;
    for (i, off) in found {
        if let Ok(f) = &mut probed[i].result {
            f.master_offset = off;
        }
    }
}

fn unreachable(addr: String, role: Role, f: &Failure) -> NodeReport {
    let c = Check::new(CheckKind::Reachability, Status::Critical, f.kind.as_str())
        .message(f.message.clone())
        .metric(Metric::new("up", 0.0, "1 when the node answered"));
    NodeReport::new(addr, role, vec![c])
}

/// The OK reachability row, unless `--skip reachability` left it out.
fn reachable(sel: &Selection) -> Vec<Check> {
    if sel.skipped(CheckKind::Reachability) {
        return Vec::new();
    }
    vec![
        Check::new(CheckKind::Reachability, Status::Ok, "up")
            .message("connected, authenticated, PING answered")
            .metric(Metric::new("up", 1.0, "1 when the node answered")),
    ]
}

fn node_report(p: &Probed, opts: &Options, now: i64) -> NodeReport {
    match &p.result {
        Err(f) => unreachable(p.ep.to_string(), p.role_hint, f),
        Ok(facts) => {
            let mut checks = reachable(&opts.selection);
            checks.extend(judge_node(facts, &opts.thresholds, &opts.selection, now));
            let mut r = NodeReport::new(
                p.ep.to_string(),
                Role::from_info(facts.info.get("role")),
                checks,
            );
            r.sample = facts.sample.clone();
            r
        }
    }
}

/// Checks the deployment the target points at.
pub async fn collect(target: &Target, opts: &Options) -> HealthReport {
    let started = Instant::now();
    let now = chrono::Utc::now().timestamp();
    let (mode, cluster, nodes) = match &target.mode {
        proto::Mode::Standalone(ep) => {
            let mut probed = probe_all(
                &target.auth,
                vec![Planned::new(ep.clone(), Role::Unknown)],
                opts,
                false,
            )
            .await;
            if opts.follow_replicas {
                let replicas: Vec<Planned> = probed[0]
                    .result
                    .as_ref()
                    .map(|f| listed_replicas(&f.info))
                    .unwrap_or_default();
                probed.extend(probe_all(&target.auth, replicas, opts, false).await);
            }
            fill_master_offsets(&target.auth, &mut probed).await;
            let nodes = probed.iter().map(|p| node_report(p, opts, now)).collect();
            (Mode::Standalone, None, nodes)
        }
        proto::Mode::Cluster(seeds) => {
            let (c, n) = whole_cluster(target, seeds, opts, now).await;
            (Mode::Cluster, Some(c), n)
        }
        proto::Mode::Sentinel {
            sentinels,
            master_name,
        } => (
            Mode::Sentinel,
            None,
            via_sentinel(target, sentinels, master_name, opts, now).await,
        ),
    };
    HealthReport::new(
        target.describe(),
        mode,
        cluster,
        nodes,
        started.elapsed().as_secs_f64() * 1000.0,
    )
}

/// The replicas a master lists in INFO replication.
fn listed_replicas(info: &Info) -> Vec<Planned> {
    info.indexed("slave")
        .into_iter()
        .filter_map(|(_, r)| {
            Some(Planned::new(
                Endpoint::Tcp {
                    host: r.get("ip")?.clone(),
                    port: r.get("port")?.parse().ok()?,
                },
                Role::Replica,
            ))
        })
        .collect()
}

/// CLUSTER NODES and CLUSTER INFO from the first seed that answers (all asked at once).
async fn topology(auth: &Auth, seeds: &[Endpoint]) -> Result<(Vec<ClusterNode>, Info), Failure> {
    let b = budget(auth);
    let asks = seeds.iter().map(|s| {
        Box::pin(async move {
            let addr = s.to_string();
            let ask = async {
                let mut n = auth
                    .connect(s)
                    .await
                    .map_err(|e| Failure::from_error(&e, &addr))?;
                let nodes: String = n
                    .query(redis::cmd("CLUSTER").arg("NODES"))
                    .await
                    .map_err(|e| Failure::from_conn(e, &addr))?;
                let info: String = n
                    .query(redis::cmd("CLUSTER").arg("INFO"))
                    .await
                    .map_err(|e| Failure::from_conn(e, &addr))?;
                Ok::<_, Failure>((parse_cluster_nodes(&nodes, s), Info::parse(&info)))
            };
            let r = tokio::time::timeout(b, ask)
                .await
                .unwrap_or_else(|_| Err(late(b)));
            match r {
                Ok(x) => Ok(x),
                Err(f) => Err(Failure {
                    kind: f.kind,
                    message: format!("{addr}: {}", f.message),
                }),
            }
        })
    });
    futures::future::select_ok(asks)
        .await
        .map(|(x, _)| x)
        .map_err(|f| Failure {
            kind: f.kind,
            message: format!("no seed node answered (last: {})", f.message),
        })
}

async fn whole_cluster(
    target: &Target,
    seeds: &[Endpoint],
    opts: &Options,
    now: i64,
) -> (ClusterReport, Vec<NodeReport>) {
    // Cluster nodes only have database 0.
    let auth = Auth {
        db: 0,
        ..target.auth.clone()
    };
    let (nodes, info) = match topology(&auth, seeds).await {
        Ok(t) => t,
        Err(f) => {
            // Nobody to ask about the topology: report each seed and the cluster as CRITICAL.
            let probed = probe_all(
                &auth,
                seeds
                    .iter()
                    .map(|s| Planned::new(s.clone(), Role::Unknown))
                    .collect(),
                opts,
                true,
            )
            .await;
            let reports = probed.iter().map(|p| node_report(p, opts, now)).collect();
            let c = Check::new(
                CheckKind::ClusterState,
                Status::Critical,
                serde_json::Value::Null,
            )
            .message(f.message);
            return (
                ClusterReport {
                    status: Status::Critical,
                    checks: vec![c],
                },
                reports,
            );
        }
    };
    let plan: Vec<Planned> = nodes
        .iter()
        .map(|n| Planned {
            ep: n.endpoint.clone(),
            role_hint: if n.is_master() {
                Role::Master
            } else {
                Role::Replica
            },
            slots: Some(n.slots.clone()),
        })
        .collect();
    let mut probed = probe_all(&auth, plan, opts, true).await;
    fill_master_offsets(&auth, &mut probed).await;
    let down: HashSet<String> = probed
        .iter()
        .filter(|p| p.result.is_err())
        .map(|p| p.ep.to_string())
        .collect();
    let masters: Vec<MasterLoad> = probed
        .iter()
        .filter_map(|p| {
            let f = p.result.as_ref().ok()?;
            (f.info.get("role") == Some("master")).then(|| MasterLoad {
                addr: p.ep.to_string(),
                used_memory: f.info.num("used_memory").unwrap_or(0.0),
                keys: f
                    .info
                    .indexed("db")
                    .iter()
                    .filter_map(|(_, d)| d.get("keys")?.parse::<f64>().ok())
                    .sum(),
                slots: f.slot_counts.clone(),
            })
        })
        .collect();
    let input = ClusterInput {
        info: &info,
        nodes: &nodes,
        down: &down,
        masters: &masters,
        t: Some(&opts.thresholds),
    };
    let checks: Vec<Check> = CHECKS
        .iter()
        .filter(|d| opts.selection.wants(d.kind))
        .filter_map(|d| d.cluster.map(|judge| judge(&input)))
        .collect();
    let status = super::report::worst(checks.iter().map(|c| c.status));
    let reports = probed.iter().map(|p| node_report(p, opts, now)).collect();
    (ClusterReport { status, checks }, reports)
}

async fn via_sentinel(
    target: &Target,
    sentinels: &[Endpoint],
    name: &str,
    opts: &Options,
    now: i64,
) -> Vec<NodeReport> {
    let sauth = target.sentinel_auth();
    let samples = opts.thresholds.samples;
    let b = budget(&sauth);
    // The data nodes are checked as soon as one Sentinel has named them, so a silent Sentinel
    // costs no more time than any other silent node.
    let (tx, rx) = tokio::sync::oneshot::channel::<Vec<Planned>>();
    let tx = std::sync::Mutex::new(Some(tx));
    let asks = join_all(sentinels.iter().map(|s| {
        let (sauth, tx) = (&sauth, &tx);
        async move {
            let r = tokio::time::timeout(b, sentinel::probe(sauth, s, name, samples))
                .await
                .unwrap_or_else(|_| Err(late(b)));
            if let Ok(f) = &r
                && let Some(m) = &f.master_addr
                && let Some(tx) = tx.lock().ok().and_then(|mut g| g.take())
            {
                let mut plan = vec![Planned::new(m.clone(), Role::Master)];
                plan.extend(
                    f.replicas
                        .iter()
                        .map(|(ep, _)| Planned::new(ep.clone(), Role::Replica)),
                );
                let _ = tx.send(plan);
            }
            r
        }
    }));
    let sentinel_wave = async {
        let r = asks.await;
        // Nobody named a master: close the channel so the data wave ends too.
        drop(tx.lock().ok().and_then(|mut g| g.take()));
        r
    };
    let data_wave = async {
        match rx.await {
            Ok(plan) => probe_all(&target.auth, plan, opts, false).await,
            // No Sentinel named a master: there is nothing else to check.
            Err(_) => Vec::new(),
        }
    };
    let (sfacts, mut probed): (Vec<Result<SentinelFacts, Failure>>, Vec<Probed>) =
        futures::join!(sentinel_wave, data_wave);
    fill_master_offsets(&target.auth, &mut probed).await;
    let mut reports = Vec::new();
    for (s, r) in sentinels.iter().zip(&sfacts) {
        reports.push(match r {
            Err(f) => unreachable(s.to_string(), Role::Sentinel, f),
            Ok(f) => {
                // The role the master this Sentinel names reports about itself.
                let role = f.master_addr.as_ref().and_then(|m| {
                    probed
                        .iter()
                        .find(|p| p.ep == *m)
                        .and_then(|p| p.result.as_ref().ok())
                        .and_then(|x| x.info.get("role").map(str::to_string))
                });
                let input = SentinelInput {
                    facts: f,
                    name,
                    master_role: role.as_deref(),
                    t: &opts.thresholds,
                };
                let mut checks = reachable(&opts.selection);
                checks.extend(
                    CHECKS
                        .iter()
                        .filter(|d| opts.selection.wants(d.kind))
                        .filter_map(|d| d.sentinel.map(|judge| judge(&input))),
                );
                NodeReport::new(s.to_string(), Role::Sentinel, checks)
            }
        });
    }
    reports.extend(probed.iter().map(|p| node_report(p, opts, now)));
    reports
}

/// Every selected check of a node that answered, in registry order.
fn judge_node(f: &Facts, t: &Thresholds, sel: &Selection, now: i64) -> Vec<Check> {
    let input = judge::NodeInput { facts: f, t, now };
    let mut out = Vec::new();
    for d in CHECKS.iter().filter(|d| sel.wants(d.kind)) {
        if let Some(err) = &f.info_error
            && d.uses_info
        {
            // PING works but INFO is refused: say so once instead of guessing every figure.
            if d.kind == CheckKind::Server {
                out.push(
                    Check::new(CheckKind::Server, Status::Unknown, serde_json::Value::Null)
                        .message(format!("INFO refused: {err}")),
                );
            }
            continue;
        }
        out.extend(d.node.and_then(|judge| judge(&input)));
        out.extend(d.streams.into_iter().flat_map(|judge| judge(&input)));
    }
    out
}

#[cfg(test)]
mod node_tests {
    use super::*;

    #[test]
    fn info_refused_leaves_latency_and_one_unknown() {
        let facts = Facts {
            latency_ms: vec![0.1],
            info_error: Some("NOPERM".into()),
            ..Facts::default()
        };
        let sel = Selection::default();
        let checks = judge_node(&facts, &Thresholds::default(), &sel, 0);
        let names: Vec<CheckKind> = checks.iter().map(|c| c.name).collect();
        assert_eq!(names, [CheckKind::Latency, CheckKind::Server]);
        assert_eq!(checks[1].status, Status::Unknown);
    }
}
