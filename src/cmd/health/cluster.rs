//! Checks of a Redis Cluster as a whole, from one node's CLUSTER INFO and CLUSTER NODES and
//! from which nodes answered us: state, slot coverage (failing slots named), failed nodes,
//! masters without a replica.

use crate::output::number::signed_percent;
use std::collections::HashSet;

use super::probe::Info;
use super::report::{Check, CheckKind, Metric, Status, Unit};
use crate::redis::ClusterNode;
use crate::redis::slot_ranges;

/// What the cluster-wide checks judge: one node's CLUSTER INFO and CLUSTER NODES, and the
/// addresses that did not answer us.
pub struct ClusterInput<'a> {
    pub info: &'a Info,
    pub nodes: &'a [ClusterNode],
    pub down: &'a HashSet<String>,
    /// The masters that answered: their memory, keys and hottest sampled slots (skew).
    pub masters: &'a [MasterLoad],
    pub t: Option<&'a super::types::Thresholds>,
}

/// One master's load, for the skew check.
#[derive(Debug, Clone, Default)]
pub struct MasterLoad {
    pub addr: String,
    pub used_memory: f64,
    pub keys: f64,
    /// (slot, keys) of its hottest sampled slots.
    pub slots: Vec<(u16, i64)>,
}

/// Below these the skew is noise (a nearly empty cluster is always "uneven").
const SKEW_MIN_KEYS: f64 = 1000.0;
const SKEW_MIN_MEMORY: f64 = 64.0 * 1024.0 * 1024.0;

/// Memory and keys per master against the mean, and the hottest sampled slots by key count.
pub fn skew(x: &ClusterInput) -> Check {
    let m = x.masters;
    let warn = x.t.and_then(|t| t.warn_skew.clone());
    let threshold = warn
        .as_ref()
        .map(|r| format!("warn {}% above the mean", r.describe()));
    if m.len() < 2 {
        return Check::new(CheckKind::Skew, Status::Ok, serde_json::Value::Null)
            .message(format!("{} answered: nothing to compare", m.len()))
            .threshold(threshold);
    }
    let n = m.len() as f64;
    let dev = |f: fn(&MasterLoad) -> f64, floor: f64| -> Option<(f64, &MasterLoad)> {
        let mean = m.iter().map(f).sum::<f64>() / n;
        if mean * n < floor || mean <= 0.0 {
            return None;
        }
        m.iter()
            .map(|x| ((f(x) - mean) * 100.0 / mean, x))
            .max_by(|a, b| a.0.total_cmp(&b.0))
    };
    let keys = dev(|x| x.keys, SKEW_MIN_KEYS);
    let mem = dev(|x| x.used_memory, SKEW_MIN_MEMORY * n);
    let worst = [keys, mem]
        .into_iter()
        .flatten()
        .map(|(p, _)| p)
        .fold(0.0, f64::max);
    let worst = (worst * 10.0).round() / 10.0;
    let mut parts = Vec::new();
    match keys {
        Some((p, at)) => parts.push(format!(
            "keys: {} {} of the mean",
            at.addr,
            signed_percent(p)
        )),
        None => parts.push("keys: too few to judge".to_string()),
    }
    match mem {
        Some((p, at)) => parts.push(format!(
            "memory: {} {} of the mean",
            at.addr,
            signed_percent(p)
        )),
        None => parts.push("memory: too little to judge".to_string()),
    }
    let mut hot: Vec<(u16, i64, &str)> = m
        .iter()
        .flat_map(|x| x.slots.iter().map(move |(s, k)| (*s, *k, x.addr.as_str())))
        .filter(|(_, k, _)| *k > 0)
        .collect();
    hot.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if !hot.is_empty() {
        let named: Vec<String> = hot
            .iter()
            .take(3)
            .map(|(s, k, a)| {
                format!(
                    "{s} ({}, {a})",
                    crate::output::number::plural(*k as u64, "key")
                )
            })
            .collect();
        parts.push(format!("hottest sampled slots {}", named.join(", ")));
    }
    let status = if warn.as_ref().is_some_and(|r| r.alerts(worst)) {
        Status::Warning
    } else {
        Status::Ok
    };
    let mut c = Check::new(CheckKind::Skew, status, worst)
        .unit(Unit::Percent)
        .message(parts.join("; "))
        .threshold(threshold)
        .metric(Metric::new(
            "cluster_skew_ratio",
            worst / 100.0,
            "The busiest master's keys or memory above the mean, as a fraction of the mean",
        ));
    for (slot, k, addr) in hot.iter().take(3) {
        c = c.metric(
            Metric::new(
                "cluster_hot_slot_keys",
                *k as f64,
                "Keys in the hottest sampled slots (CLUSTER COUNTKEYSINSLOT)",
            )
            .label("slot", slot.to_string())
            .label("node", addr.to_string()),
        );
    }
    c
}

pub const SLOTS: u32 = 16384;

/// Slots no master claims.
fn unassigned(nodes: &[ClusterNode]) -> Vec<(u16, u16)> {
    let served: Vec<(u16, u16)> = nodes
        .iter()
        .filter(|n| n.is_master())
        .flat_map(|n| n.slots.iter().copied())
        .collect();
    crate::redis::uncovered_slots(&served)
}

/// The state the node we asked reports for the cluster.
pub fn state(x: &ClusterInput) -> Check {
    let info = x.info;
    let state = info.get("cluster_state").unwrap_or("?").to_string();
    let mut c = Check::new(CheckKind::ClusterState, Status::Ok, state.clone())
        .message(format!(
            "cluster_state {state}, {} known nodes, size {}",
            info.get("cluster_known_nodes").unwrap_or("?"),
            info.get("cluster_size").unwrap_or("?")
        ))
        .metric(Metric::new(
            "cluster_state",
            f64::from(u8::from(state == "ok")),
            "1 when the cluster state is ok",
        ));
    if state != "ok" {
        c.raise(Status::Critical, "cluster_state not ok");
    }
    c
}

/// Slot coverage: every slot served by a master that is up and answers us; the failing slots
/// and the masters that hold them are named.
pub fn slots(x: &ClusterInput) -> Check {
    let (info, nodes, down) = (x.info, x.nodes, x.down);
    let num = |k: &str| info.num(k).unwrap_or(0.0);
    let ok = num("cluster_slots_ok");
    let mut failing: Vec<(u16, u16)> = Vec::new();
    let mut why: Vec<String> = Vec::new();
    for m in nodes
        .iter()
        .filter(|n| n.is_master() && !n.slots.is_empty())
    {
        let addr = m.endpoint.to_string();
        let reason = if m.is_failed() {
            Some("fail")
        } else if m.is_pfail() {
            Some("pfail")
        } else if down.contains(&addr) {
            Some("unreachable")
        } else {
            None
        };
        if let Some(r) = reason {
            failing.extend(m.slots.iter().copied());
            why.push(format!("{} on {addr} ({r})", slot_ranges(&m.slots)));
        }
    }
    let free = unassigned(nodes);
    if !free.is_empty() {
        why.push(format!("{} unassigned", slot_ranges(&free)));
        failing.extend(free);
    }
    let failing_count = slot_count(&failing);
    // What the cluster itself says (CLUSTER INFO of the node asked): right after a master
    // dies it still says every slot is ok, until the nodes mark it pfail.
    let counts = format!(
        "{} assigned, {} ok, {} pfail, {} fail of {SLOTS}",
        num("cluster_slots_assigned"),
        ok,
        num("cluster_slots_pfail"),
        num("cluster_slots_fail")
    );
    let mut c = Check::new(
        CheckKind::ClusterSlots,
        Status::Ok,
        if failing.is_empty() {
            ok
        } else {
            f64::from(SLOTS - failing_count).min(ok)
        },
    )
    .unit(Unit::Slots)
    .message(if failing.is_empty() {
        counts.clone()
    } else {
        String::new()
    })
    .threshold(Some(format!("crit <{SLOTS} ok")))
    .metric(Metric::new(
        "cluster_slots_assigned",
        num("cluster_slots_assigned"),
        "Slots assigned to a master",
    ))
    .metric(Metric::new(
        "cluster_slots_ok",
        ok,
        "Slots whose master is ok",
    ))
    .metric(Metric::new(
        "cluster_slots_pfail",
        num("cluster_slots_pfail"),
        "Slots whose master is suspected down",
    ))
    .metric(Metric::new(
        "cluster_slots_fail",
        num("cluster_slots_fail"),
        "Slots whose master is down",
    ));
    if failing.is_empty() {
        if ok < f64::from(SLOTS) {
            c.raise(Status::Critical, "");
        }
        return c;
    }
    // The failure first, each range once: `failing slots 10923-16383 (5461 slots) on
    // 127.0.0.1:7412 (unreachable)`, or with several causes, each after a colon.
    let causes = if let [one] = why.as_slice()
        && let Some((_, on)) = one.split_once(" on ")
    {
        format!(" on {on}")
    } else {
        format!(": {}", why.join("; "))
    };
    let mut m = format!(
        "failing slots {} ({}){causes}",
        slot_ranges(&failing),
        crate::output::number::plural(failing_count, "slot")
    );
    if ok > f64::from(SLOTS - failing_count) {
        m.push_str(&format!(
            "; the cluster still reports {ok} ok (its nodes have not marked them failing yet)"
        ));
    } else {
        m.push_str(&format!("; the cluster reports {counts}"));
    }
    c.raise(Status::Critical, &m);
    c
}

/// How many distinct slots the ranges cover.
fn slot_count(ranges: &[(u16, u16)]) -> u32 {
    let mut seen = vec![false; SLOTS as usize];
    for &(a, b) in ranges {
        for s in a..=b.min((SLOTS - 1) as u16) {
            seen[s as usize] = true;
        }
    }
    seen.iter().filter(|x| **x).count() as u32
}

/// Nodes flagged fail or pfail, and nodes that did not answer us.
pub fn nodes(x: &ClusterInput) -> Check {
    let (nodes, down) = (x.nodes, x.down);
    let masters = nodes.iter().filter(|n| n.is_master()).count();
    let replicas = nodes.len() - masters;
    let failed: Vec<String> = nodes
        .iter()
        .filter(|n| n.is_failed())
        .map(|n| n.endpoint.to_string())
        .collect();
    let pfail: Vec<String> = nodes
        .iter()
        .filter(|n| n.is_pfail())
        .map(|n| n.endpoint.to_string())
        .collect();
    let mut c = Check::new(CheckKind::ClusterNodes, Status::Ok, nodes.len())
        .unit(Unit::Nodes)
        .message(format!("{masters} masters, {replicas} replicas"))
        .metric(Metric::new(
            "cluster_known_nodes",
            nodes.len() as f64,
            "Nodes in CLUSTER NODES",
        ))
        .metric(Metric::new(
            "cluster_failed_nodes",
            failed.len() as f64,
            "Nodes flagged fail",
        ));
    if !failed.is_empty() {
        c.raise(
            Status::Critical,
            &format!("marked fail: {}", failed.join(", ")),
        );
    }
    if !pfail.is_empty() {
        c.raise(
            Status::Warning,
            &format!("suspected down (pfail): {}", pfail.join(", ")),
        );
    }
    let unreachable: Vec<String> = nodes
        .iter()
        .map(|n| n.endpoint.to_string())
        .filter(|a| down.contains(a))
        .collect();
    if !unreachable.is_empty() {
        c.raise(
            Status::Critical,
            &format!("unreachable: {}", unreachable.join(", ")),
        );
    }
    c
}

/// Masters with slots and no working replica (a failure there loses the slots).
pub fn replicas(x: &ClusterInput) -> Check {
    let (nodes, down) = (x.nodes, x.down);
    let serving = nodes
        .iter()
        .filter(|n| n.is_master() && !n.slots.is_empty())
        .count();
    let lonely: Vec<String> = nodes
        .iter()
        .filter(|m| m.is_master() && !m.slots.is_empty() && !m.is_failed())
        .filter(|m| {
            !nodes.iter().any(|r| {
                r.master_id.as_deref() == Some(m.id.as_str())
                    && !r.is_failed()
                    && !down.contains(&r.endpoint.to_string())
            })
        })
        .map(|m| m.endpoint.to_string())
        .collect();
    let covered = serving.saturating_sub(lonely.len());
    let mut c = Check::new(CheckKind::ClusterReplicas, Status::Ok, covered)
        .unit(Unit::Masters)
        .message(format!(
            "{covered} of {serving} masters with slots have a working replica"
        ))
        .metric(Metric::new(
            "cluster_masters_without_replica",
            lonely.len() as f64,
            "Masters with slots and no working replica",
        ));
    if !lonely.is_empty() {
        c.raise(
            Status::Warning,
            &format!("no working replica: {}", lonely.join(", ")),
        );
    }
    c
}

#[cfg(test)]
mod tests {
    use super::nodes as nodes_check;
    use super::*;
    use crate::redis::parse_cluster_nodes;

    const NODES: &str = "\
a 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460
b 127.0.0.1:7001@17001 master,fail - 0 0 2 connected 5461-10922
c 127.0.0.1:7002@17002 master - 0 0 3 connected 10923-16000
d 127.0.0.1:7003@17003 slave a 0 0 1 connected
";

    #[test]
    fn names_failing_slots() {
        let seed = crate::redis::Endpoint::Tcp {
            host: "127.0.0.1".into(),
            port: 7000,
        };
        let nodes = parse_cluster_nodes(NODES, &seed);
        let info = Info::parse(
            "cluster_state:fail\ncluster_slots_assigned:16001\ncluster_slots_ok:10539\n",
        );
        let down = HashSet::new();
        let x = ClusterInput {
            info: &info,
            nodes: &nodes,
            down: &down,
            masters: &[],
            t: None,
        };
        assert_eq!(state(&x).status, Status::Critical);
        let slots = slots(&x);
        assert_eq!(slots.status, Status::Critical);
        assert!(
            slots
                .message
                .contains("failing slots 5461-10922,16001-16383"),
            "{}",
            slots.message
        );
        assert!(slots.message.contains("on 127.0.0.1:7001 (fail)"));
        // Each range once; the counts the cluster reports follow the failure (F13).
        assert_eq!(
            slots.message,
            "failing slots 5461-10922,16001-16383 (5845 slots): 5461-10922 on 127.0.0.1:7001 \
             (fail); 16001-16383 unassigned; the cluster reports 16001 assigned, 10539 ok, 0 \
             pfail, 0 fail of 16384"
        );
        assert_eq!(slots.value, serde_json::json!(10539.0));
        // A master that just died: the cluster still says every slot is ok.
        let info =
            Info::parse("cluster_state:ok\ncluster_slots_assigned:16384\ncluster_slots_ok:16384\n");
        let whole = NODES
            .replace("master,fail", "master")
            .replace("10923-16000", "10923-16383");
        let nodes = parse_cluster_nodes(&whole, &seed);
        let down: HashSet<String> = ["127.0.0.1:7002".to_string()].into();
        let x = ClusterInput {
            info: &info,
            nodes: &nodes,
            down: &down,
            masters: &[],
            t: None,
        };
        let c = super::slots(&x);
        assert_eq!(c.status, Status::Critical);
        assert_eq!(
            c.message,
            "failing slots 10923-16383 (5461 slots) on 127.0.0.1:7002 (unreachable); the \
             cluster still reports 16384 ok (its nodes have not marked them failing yet)"
        );
        assert_eq!(c.value, serde_json::json!(10923.0));
        assert_eq!(nodes_check(&x).status, Status::Critical);
        let r = replicas(&x);
        assert_eq!(r.status, Status::Warning);
        assert!(r.message.contains("127.0.0.1:7002") && !r.message.contains("7000"));
    }

    #[test]
    fn skew_names_the_busiest_master_and_hot_slots() {
        let info = Info::default();
        let down = HashSet::new();
        let load = |a: &str, keys: f64, slots: Vec<(u16, i64)>| MasterLoad {
            addr: a.into(),
            used_memory: 1.0,
            keys,
            slots,
        };
        let m = [
            load("a:1", 1000.0, vec![(5, 3)]),
            load("b:1", 1000.0, vec![]),
            load("c:1", 4000.0, vec![(9000, 700), (9001, 2)]),
        ];
        let t = super::super::types::Thresholds::default();
        let x = ClusterInput {
            info: &info,
            nodes: &[],
            down: &down,
            masters: &m,
            t: Some(&t),
        };
        let c = skew(&x);
        assert_eq!(c.status, Status::Warning, "{c:?}");
        assert!(
            c.message.contains("keys: c:1 +100% of the mean"),
            "{}",
            c.message
        );
        assert!(
            c.message
                .contains("hottest sampled slots 9000 (700 keys, c:1)"),
            "{}",
            c.message
        );
    }

    #[test]
    fn merges_ranges() {
        assert_eq!(slot_ranges(&[(5, 9), (0, 4), (20, 20)]), "0-9,20");
    }
}
