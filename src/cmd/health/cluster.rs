//! Checks of a Redis Cluster as a whole, from one node's CLUSTER INFO and CLUSTER NODES and
//! from which nodes answered us: state, slot coverage (failing slots named), failed nodes,
//! masters without a replica.

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
    let mut c = Check::new(CheckKind::ClusterSlots, Status::Ok, ok)
        .unit(Unit::Slots)
        .message(format!(
            "{} assigned, {} ok, {} pfail, {} fail of {SLOTS}",
            num("cluster_slots_assigned"),
            ok,
            num("cluster_slots_pfail"),
            num("cluster_slots_fail")
        ))
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
    if !why.is_empty() || ok < f64::from(SLOTS) {
        let named = if failing.is_empty() {
            String::new()
        } else {
            format!("failing slots {}: ", slot_ranges(&failing))
        };
        c.raise(Status::Critical, &format!("{named}{}", why.join("; ")));
    }
    c
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
        assert_eq!(nodes_check(&x).status, Status::Critical);
        let r = replicas(&x);
        assert_eq!(r.status, Status::Warning);
        assert!(r.message.contains("127.0.0.1:7002") && !r.message.contains("7000"));
    }

    #[test]
    fn merges_ranges() {
        assert_eq!(slot_ranges(&[(5, 9), (0, 4), (20, 20)]), "0-9,20");
    }
}
