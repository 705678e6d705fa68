//! Redis Cluster topology: CLUSTER NODES, slots and their ranges, the part of the keyspace a
//! command could not reach, and the router that follows MOVED/ASK redirections.

use std::fmt;

use super::error::ConnError;
use super::node::Node;
use crate::exit;
use crate::settings::endpoint::Endpoint;

/// The cluster slot of a key (CRC16/XMODEM of the key or its `{hash tag}`, mod 16384).
pub fn slot(key: &[u8]) -> u16 {
    let tagged = key
        .iter()
        .position(|&b| b == b'{')
        .and_then(|open| {
            let rest = &key[open + 1..];
            rest.iter()
                .position(|&b| b == b'}')
                .filter(|&close| close > 0)
                .map(|close| &rest[..close])
        })
        .unwrap_or(key);
    crc16(tagged) % 16384
}

fn crc16(data: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &b in data {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// The masters a command acts on, and the slots it could not reach.
#[derive(Debug, Default)]
pub struct Masters {
    pub nodes: Vec<Node>,
    pub unreached: Vec<Unreached>,
}

/// A part of the keyspace no command could reach: a failed or silent master, or slots that no
/// master serves.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Unreached {
    pub addr: String,
    /// Slot ranges, e.g. `0-5460,5462`.
    pub slots: String,
    pub reason: String,
}

impl std::fmt::Display for Unreached {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (slots {}): {}", self.addr, self.slots, self.reason)
    }
}

impl Masters {
    /// The runtime error (exit 3) naming every unreached part, if any, for commands that
    /// report what they did on the reachable masters first.
    pub fn gap_error(&self) -> Option<anyhow::Error> {
        unreached_error(&self.unreached)
    }
}

/// The runtime error (exit 3) for a list of unreached masters, or None when it is empty.
pub fn unreached_error(unreached: &[Unreached]) -> Option<anyhow::Error> {
    if unreached.is_empty() {
        return None;
    }
    let parts: Vec<String> = unreached.iter().map(|u| u.to_string()).collect();
    Some(exit::runtime(format!(
        "{} part(s) of the cluster not reached: {}",
        unreached.len(),
        parts.join("; ")
    )))
}

/// The masters of a `CLUSTER NODES` view a command should reach, in slot order (so per-master
/// lines read 0-5460, 5461-10922, ...), and the parts of the keyspace it cannot: masters the
/// cluster flags failed (when they hold slots) and slots no master serves. The one rule for
/// every command that acts on all masters; a master that then does not answer is added by
/// the caller.
pub fn plan_masters(nodes: &[ClusterNode]) -> (Vec<&ClusterNode>, Vec<Unreached>) {
    let mut live: Vec<&ClusterNode> = Vec::new();
    let mut unreached = Vec::new();
    for n in nodes.iter().filter(|n| n.is_master()) {
        if !n.is_failed() {
            live.push(n);
        } else if !n.slots.is_empty() {
            unreached.push(Unreached {
                addr: n.endpoint.to_string(),
                slots: slot_ranges(&n.slots),
                reason: format!("flagged {} by the cluster", n.flags.join(",")),
            });
        }
    }
    // Masters without slots last: they hold no keys.
    live.sort_by_key(|n| {
        n.slots
            .iter()
            .min()
            .map_or(u32::MAX, |&(a, _)| u32::from(a))
    });
    let served: Vec<(u16, u16)> = nodes
        .iter()
        .filter(|n| n.is_master())
        .flat_map(|n| n.slots.iter().copied())
        .collect();
    let missing = uncovered_slots(&served);
    if !missing.is_empty() {
        unreached.push(Unreached {
            addr: "(no master)".into(),
            slots: slot_ranges(&missing),
            reason: "not served by any master".into(),
        });
    }
    (live, unreached)
}

/// `0-5460,10923-16383` from ranges in any order, adjacent and overlapping ones merged.
pub fn slot_ranges(ranges: &[(u16, u16)]) -> String {
    let mut sorted = ranges.to_vec();
    sorted.sort_unstable();
    let mut merged: Vec<(u16, u16)> = Vec::new();
    for (a, b) in sorted {
        match merged.last_mut() {
            Some(last) if u32::from(a) <= u32::from(last.1) + 1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The slot ranges (of 0..=16383) that none of `served` covers.
pub fn uncovered_slots(served: &[(u16, u16)]) -> Vec<(u16, u16)> {
    let mut covered = vec![false; 16384];
    for &(a, b) in served {
        for s in a.min(16383)..=b.min(16383) {
            covered[usize::from(s)] = true;
        }
    }
    let mut out = Vec::new();
    let mut start: Option<u16> = None;
    for (i, &c) in covered.iter().enumerate() {
        let i = i as u16;
        match (c, start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((s, i - 1));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, 16383));
    }
    out
}

/// One line of CLUSTER NODES.
#[derive(Debug, Clone)]
pub struct ClusterNode {
    pub id: String,
    pub endpoint: Endpoint,
    pub flags: Vec<String>,
    pub master_id: Option<String>,
    pub link_state: String,
    pub slots: Vec<(u16, u16)>,
}

/// The master a CLUSTER NODES listing gives `slot` to, failed or not.
pub fn slot_owner(nodes: &[ClusterNode], slot: u16) -> Option<&ClusterNode> {
    nodes
        .iter()
        .filter(|n| n.is_master())
        .find(|n| n.slots.iter().any(|(a, b)| (*a..=*b).contains(&slot)))
}

impl ClusterNode {
    pub fn is_master(&self) -> bool {
        self.flags.iter().any(|f| f == "master")
    }
    pub fn is_failed(&self) -> bool {
        self.flags
            .iter()
            .any(|f| f == "fail" || f == "noaddr" || f == "handshake")
    }
    pub fn is_pfail(&self) -> bool {
        self.flags.iter().any(|f| f == "fail?")
    }
    /// The flags that say the node is down or suspected, for messages (`fail`, `fail?`...).
    pub fn trouble(&self) -> Vec<&str> {
        self.flags
            .iter()
            .map(String::as_str)
            .filter(|f| matches!(*f, "fail" | "fail?" | "noaddr" | "handshake"))
            .collect()
    }
    pub fn slot_count(&self) -> u32 {
        self.slots
            .iter()
            .map(|(a, b)| u32::from(b.saturating_sub(*a)) + 1)
            .sum()
    }
}

/// Parses CLUSTER NODES output as `answered_by` gave it; lines it cannot read are skipped.
///
/// The address field is `ip:port@cport[,hostname[,aux=value]*]`, IPv6 without brackets
/// (`::1:7000@17000`). A node that was never told its address (a single-node cluster, whose
/// only node lists itself as `:7000@17000`) has an empty ip: that means the address redkit
/// reached the answering node by, as CLUSTER SLOTS documents for its empty host, and a wildcard
/// (`0.0.0.0`, `::`) is read the same way. `?` is an address the cluster does not know: the
/// node is flagged `noaddr`, as Redis flags a node it lost the address of.
pub fn parse_cluster_nodes(text: &str, answered_by: &Endpoint) -> Vec<ClusterNode> {
    text.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 8 {
                return None;
            }
            let mut flags: Vec<String> = f[2].split(',').map(str::to_string).collect();
            let addr = f[1].split([',', '@']).next()?;
            let (host, port) = addr.rsplit_once(':')?;
            let port: u16 = port.parse().ok()?;
            let host = host.trim_start_matches('[').trim_end_matches(']');
            let endpoint = match (host, answered_by) {
                ("?", _) => {
                    flag_noaddr(&mut flags);
                    Endpoint::Tcp {
                        host: String::new(),
                        port,
                    }
                }
                ("" | "0.0.0.0" | "::", Endpoint::Tcp { host: h, .. }) => Endpoint::Tcp {
                    host: h.clone(),
                    port,
                },
                // Reached over a socket: only the node itself is known to be there.
                ("" | "0.0.0.0" | "::", Endpoint::Unix(_))
                    if flags.iter().any(|f| f == "myself") =>
                {
                    answered_by.clone()
                }
                ("" | "0.0.0.0" | "::", Endpoint::Unix(_)) => {
                    flag_noaddr(&mut flags);
                    Endpoint::Tcp {
                        host: String::new(),
                        port,
                    }
                }
                (h, _) => Endpoint::Tcp {
                    host: h.to_string(),
                    port,
                },
            };
            let slots = f[8..]
                .iter()
                .filter(|s| !s.starts_with('['))
                .filter_map(|s| match s.split_once('-') {
                    Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
                    None => s.parse().ok().map(|n| (n, n)),
                })
                .collect();
            Some(ClusterNode {
                id: f[0].to_string(),
                endpoint,
                flags,
                master_id: (f[3] != "-").then(|| f[3].to_string()),
                link_state: f[7].to_string(),
                slots,
            })
        })
        .collect()
}

fn flag_noaddr(flags: &mut Vec<String>) {
    if !flags.iter().any(|f| f == "noaddr") {
        flags.push("noaddr".into());
    }
}

/// CLUSTER NODES of `node`, read as `node` gave it (see `parse_cluster_nodes`).
pub async fn cluster_nodes(node: &mut Node) -> Result<Vec<ClusterNode>, ConnError> {
    let text: String = node.query(redis::cmd("CLUSTER").arg("NODES")).await?;
    Ok(parse_cluster_nodes(&text, &node.endpoint))
}

/// Where a MOVED or ASK reply sends a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// ASK: this one command, after ASKING, on a node importing the slot; MOVED: the slot's
    /// owner.
    pub ask: bool,
    pub to: Endpoint,
}

/// The redirection an error reply asks for (`MOVED 3999 127.0.0.1:6381`, `ASK 3999 [::1]:6381`);
/// an empty host is the host of the node that replied, as in CLUSTER NODES.
pub fn redirect_of(e: &redis::ServerError, replied: &Endpoint) -> Option<Redirect> {
    let ask = match e.code() {
        "MOVED" => false,
        "ASK" => true,
        _ => return None,
    };
    let addr = e.details()?.split_whitespace().nth(1)?;
    let (host, port) = addr.rsplit_once(':')?;
    let port: u16 = port.parse().ok()?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let to = match (host, replied) {
        ("", Endpoint::Tcp { host, .. }) => Endpoint::Tcp {
            host: host.clone(),
            port,
        },
        ("", Endpoint::Unix(_)) => return None,
        (h, _) => Endpoint::Tcp {
            host: h.to_string(),
            port,
        },
    };
    Some(Redirect { ask, to })
}

/// How many redirections one command may follow: a slot moves once per reshard step, so more
/// than a few hops is a cluster changing faster than a command can land.
pub const MAX_HOPS: usize = 5;

/// What `Router::run` got back: a reply per command (in order; `Nil` for one that never ran
/// because a connection failed), which of them landed on another node than the first, and
/// the connection failure that stopped the rest.
#[derive(Debug, Default)]
pub struct Routed {
    pub replies: Vec<redis::Value>,
    pub redirected: Vec<bool>,
    pub error: Option<ConnError>,
}

/// Connections to the nodes a cluster's redirections point at, opened on first use and shared
/// by every task of a command, so keyed commands sent to the node whose SCAN found the keys
/// still land where the keys are while a slot is being moved.
pub struct Router {
    auth: super::node::Auth,
    nodes: tokio::sync::Mutex<std::collections::HashMap<Endpoint, Node>>,
}

impl fmt::Debug for Router {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Router")
    }
}

impl Router {
    /// A router that already knows the connections in `known` (the masters).
    pub fn new(auth: super::node::Auth, known: &[Node]) -> Router {
        let nodes = known
            .iter()
            .map(|n| (n.endpoint.clone(), n.clone()))
            .collect();
        Router {
            auth,
            nodes: tokio::sync::Mutex::new(nodes),
        }
    }

    async fn node(&self, ep: &Endpoint) -> Result<Node, ConnError> {
        let mut nodes = self.nodes.lock().await;
        if let Some(n) = nodes.get(ep) {
            return Ok(n.clone());
        }
        let n = self
            .auth
            .connect_db(ep, 0)
            .await
            .map_err(|e| match e.downcast::<ConnError>() {
                Ok(c) => c,
                Err(e) => ConnError::Server {
                    addr: ep.to_string(),
                    detail: format!("{e:#}"),
                },
            })?;
        nodes.insert(ep.clone(), n.clone());
        Ok(n)
    }

    /// Sends `cmds` (each on the keys of one slot) as one pipeline to `node`, then each one
    /// that answered MOVED or ASK again where the reply says (after ASKING for an ASK), up to
    /// `MAX_HOPS` times. Any other error reply is the command's reply, for the caller to judge:
    /// one redirected or failing command never costs the replies of the others.
    pub async fn run(&self, node: &Node, cmds: &[redis::Cmd]) -> Routed {
        let mut out = Routed {
            replies: vec![redis::Value::Nil; cmds.len()],
            redirected: vec![false; cmds.len()],
            error: None,
        };
        let mut todo: Vec<(Node, bool, Vec<usize>)> =
            vec![(node.clone(), false, (0..cmds.len()).collect())];
        for hop in 0..=MAX_HOPS {
            let mut next: Vec<(Redirect, Vec<usize>)> = Vec::new();
            for (mut n, asking, idx) in todo.drain(..) {
                let mut pipe = redis::pipe();
                pipe.ignore_errors();
                for &i in &idx {
                    if asking {
                        pipe.cmd("ASKING").ignore();
                    }
                    pipe.add_command(cmds[i].clone());
                }
                let got: Vec<redis::Value> = match n.pipe(&pipe).await {
                    Ok(v) => v,
                    Err(e) => {
                        out.error.get_or_insert(e);
                        continue;
                    }
                };
                for (&i, v) in idx.iter().zip(got) {
                    if hop > 0 {
                        out.redirected[i] = true;
                    }
                    if hop < MAX_HOPS
                        && let redis::Value::ServerError(e) = &v
                        && let Some(r) = redirect_of(e, &n.endpoint)
                    {
                        match next.iter_mut().find(|(x, _)| *x == r) {
                            Some((_, list)) => list.push(i),
                            None => next.push((r, vec![i])),
                        }
                        continue;
                    }
                    out.replies[i] = v;
                }
            }
            for (r, idx) in next {
                match self.node(&r.to).await {
                    Ok(n) => todo.push((n, r.ask, idx)),
                    Err(e) => {
                        out.error.get_or_insert(e);
                    }
                }
            }
            if todo.is_empty() {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod slot_tests {
    use super::*;

    #[test]
    fn slots_match_redis() {
        // Values from CLUSTER KEYSLOT.
        assert_eq!(slot(b"foo"), 12182);
        assert_eq!(slot(b"bar"), 5061);
        assert_eq!(slot(b"{user1000}.following"), slot(b"user1000"));
        assert_eq!(slot(b"job_events:1"), 9487);
        assert_eq!(slot(b"{}x"), 10595, "an empty tag hashes the whole key");
        assert_eq!(slot(b"{user1000}.following"), slot(b"{user1000}.followers"));
        // An empty tag hashes the whole key.
        assert_eq!(slot(b"foo{}{bar}"), crc16(b"foo{}{bar}") % 16384);
        assert_ne!(slot(b"foo{}{bar}"), slot(b"bar"));
        assert_eq!(slot(b"{}foo"), crc16(b"{}foo") % 16384);
    }

    fn tcp(host: &str, port: u16) -> Endpoint {
        Endpoint::Tcp {
            host: host.into(),
            port,
        }
    }

    #[test]
    fn the_masters_to_reach_and_the_gaps() {
        let seed = tcp("10.0.0.1", 7000);
        let nodes = parse_cluster_nodes(
            "\
c 10.0.0.3:7002@17002 master - 0 0 3 connected 10923-16000
a 10.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460
b 10.0.0.2:7001@17001 master,fail - 0 0 2 connected 5461-10922
e 10.0.0.5:7004@17004 master - 0 0 5 connected
d 10.0.0.4:7003@17003 slave a 0 0 1 connected
",
            &seed,
        );
        let (live, gaps) = plan_masters(&nodes);
        let order: Vec<String> = live.iter().map(|n| n.endpoint.to_string()).collect();
        // In slot order, the empty master last; the replica and the failed master not at all.
        assert_eq!(order, ["10.0.0.1:7000", "10.0.0.3:7002", "10.0.0.5:7004"]);
        let gaps: Vec<String> = gaps.iter().map(|u| u.to_string()).collect();
        assert_eq!(
            gaps,
            [
                "10.0.0.2:7001 (slots 5461-10922): flagged master,fail by the cluster",
                "(no master) (slots 16001-16383): not served by any master",
            ]
        );
    }

    #[test]
    fn addresses_in_every_form() {
        let seed = tcp("10.1.2.3", 7000);
        // A single-node cluster lists itself with an empty host: the address we reached it by.
        let one = parse_cluster_nodes(
            "04bc :7000@17000 myself,master - 0 0 0 connected 0-16383\n",
            &seed,
        );
        assert_eq!(one[0].endpoint, tcp("10.1.2.3", 7000));
        assert_eq!(one[0].slot_count(), 16384);
        assert!(!one[0].is_failed());
        let text = "\
a 0.0.0.0:7001@17001 master - 0 0 1 connected 1
b ::1:7002@17002 master - 0 0 2 connected 2
c [fe80::1]:7003@17003 master - 0 0 3 connected 3
d 127.0.0.1:7004@17004,cache-4.internal master - 0 0 4 connected 4
e 127.0.0.1:7005@17005,,shard-id=69bc master - 0 0 5 connected 5
f ?:7006@17006 master - 0 0 6 connected 6
g :0@0 master,noaddr - 0 0 7 connected
";
        let n = parse_cluster_nodes(text, &seed);
        assert_eq!(n.len(), 7);
        assert_eq!(n[0].endpoint, tcp("10.1.2.3", 7001));
        assert_eq!(n[1].endpoint, tcp("::1", 7002));
        assert_eq!(n[1].endpoint.to_string(), "[::1]:7002");
        assert_eq!(n[2].endpoint, tcp("fe80::1", 7003));
        assert_eq!(n[3].endpoint, tcp("127.0.0.1", 7004));
        assert_eq!(n[4].endpoint, tcp("127.0.0.1", 7005));
        assert!(n[5].is_failed() && n[5].trouble() == ["noaddr"]);
        assert!(n[6].is_failed());
        assert_eq!(n[6].flags.iter().filter(|f| *f == "noaddr").count(), 1);
        // Through a socket, only the answering node itself is known by that address.
        let sock = Endpoint::Unix("/run/redis.sock".into());
        let n = parse_cluster_nodes(
            "a :7000@17000 myself,master - 0 0 0 connected 0-100\nb :7001@17001 master - 0 0 0 connected 101-200\n",
            &sock,
        );
        assert_eq!(n[0].endpoint, sock);
        assert!(!n[0].is_failed());
        assert!(n[1].is_failed());
    }

    #[test]
    fn redirections_are_read_from_the_reply() {
        let err = |code: &str, detail: &str| match redis::parse_redis_value(
            format!("-{code} {detail}\r\n").as_bytes(),
        ) {
            Ok(redis::Value::ServerError(e)) => e,
            other => panic!("not an error reply: {other:?}"),
        };
        let seed = tcp("10.0.0.9", 7000);
        assert_eq!(
            redirect_of(&err("MOVED", "3999 127.0.0.1:6381"), &seed),
            Some(Redirect {
                ask: false,
                to: tcp("127.0.0.1", 6381)
            })
        );
        assert_eq!(
            redirect_of(&err("ASK", "3999 :6381"), &seed),
            Some(Redirect {
                ask: true,
                to: tcp("10.0.0.9", 6381)
            })
        );
        assert_eq!(
            redirect_of(&err("ASK", "3999 ::1:6381"), &seed).map(|r| r.to),
            Some(tcp("::1", 6381))
        );
        assert_eq!(redirect_of(&err("TRYAGAIN", "x"), &seed), None);
        assert_eq!(redirect_of(&err("MOVED", "3999"), &seed), None);
    }
}
