//! The Redis protocol layer: the deployment (`Target`) built from the effective settings,
//! typed errors, connections (redis-rs for convenience, one raw RESP connection for speed),
//! cluster topology and slots, INFO, stream ids and stream replies (`stream_id`, `streams`).
//! Commands reach Redis only through here. Endpoints and URLs are settings syntax
//! (`settings::endpoint`), re-exported here.

pub mod cluster;
pub mod error;
pub mod info;
pub mod node;
pub mod raw;
pub mod resp;
pub mod stream_id;
pub mod streams;
pub mod target;
pub mod tls;

pub use cluster::{
    ClusterNode, Masters, Unreached, cluster_nodes, parse_cluster_nodes, slot, slot_ranges,
    uncovered_slots, unreached_error,
};
// URLs are settings syntax, parsed where the settings are resolved.
pub use crate::settings::endpoint::{Endpoint, ParsedUrl, parse_url};
pub use error::{ConnError, ServerCode, as_conn_error, describe_error};
pub use info::Info;
pub use node::{Auth, Node};
pub use target::{Keyed, Mode, Target};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncovered_slots_are_the_gaps() {
        assert!(uncovered_slots(&[(0, 5460), (5461, 10922), (10923, 16383)]).is_empty());
        assert_eq!(
            uncovered_slots(&[(0, 5460), (10923, 16383)]),
            vec![(5461, 10922)]
        );
        assert_eq!(uncovered_slots(&[]), vec![(0, 16383)]);
        assert_eq!(uncovered_slots(&[(1, 16382)]), vec![(0, 0), (16383, 16383)]);
        assert_eq!(slot_ranges(&[(7, 7), (0, 5)]), "0-5,7");
    }

    #[test]
    fn urls() {
        let u = parse_url("rediss://app:s3cr%40t@cache.internal:6380/2").unwrap();
        assert_eq!(
            u.endpoint,
            Endpoint::Tcp {
                host: "cache.internal".into(),
                port: 6380
            }
        );
        assert!(u.tls);
        assert!(!parse_url("redis://h:1").unwrap().tls);
        assert_eq!(u.db, Some(2));
        assert_eq!(u.username.as_deref(), Some("app"));
        assert_eq!(u.password.unwrap().expose(), "s3cr@t");
        let u = parse_url("redis://:a+b%26c@h").unwrap();
        assert_eq!(u.password.unwrap().expose(), "a+b&c");

        let u = parse_url("redis+unix:///run/redis.sock?db=3").unwrap();
        assert_eq!(u.endpoint, Endpoint::Unix("/run/redis.sock".into()));
        assert_eq!(u.db, Some(3));

        let u = parse_url("127.0.0.1:7000").unwrap();
        assert_eq!(u.endpoint.to_string(), "127.0.0.1:7000");
        assert!(
            parse_url("http://x")
                .unwrap_err()
                .contains("unsupported scheme")
        );
        assert!(parse_url("redis://h/abc").unwrap_err().contains("database"));
    }

    #[test]
    fn cluster_nodes_lines() {
        let text = "\
07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@31004,host-a slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected
67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@31002 master - 0 1426238316232 2 connected 5461-10922
e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@31001 myself,master - 0 0 1 connected 0-5460 [5461->-67ed]
";
        let seed = Endpoint::Tcp {
            host: "127.0.0.1".into(),
            port: 30001,
        };
        let nodes = parse_cluster_nodes(text, &seed);
        assert_eq!(nodes.len(), 3);
        assert!(!nodes[0].is_master());
        assert_eq!(
            nodes[0].master_id.as_deref(),
            Some("e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca")
        );
        assert_eq!(nodes[1].slot_count(), 5462);
        assert_eq!(nodes[2].slot_count(), 5461);
        assert_eq!(nodes[2].endpoint.to_string(), "127.0.0.1:30001");
    }
}
