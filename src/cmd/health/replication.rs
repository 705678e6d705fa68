//! The replication check, both sides: a replica's link, silence and offset behind its master;
//! a master's replicas, their state, lag and offset behind.

use std::time::Duration;

use super::judge::{NodeInput, judge_duration};
use super::report::{Check, CheckKind, Metric, Status, Unit};
use super::types::num;
use crate::duration;

pub fn replication(n: &NodeInput) -> Option<Check> {
    let (i, t, master_offset) = (n.info(), n.t, n.facts.master_offset);
    let lag_status = |secs: f64| {
        judge_duration(
            Duration::from_secs_f64(secs.max(0.0)),
            t.warn_lag,
            t.crit_lag,
        )
    };
    if matches!(i.get("role"), Some("slave")) {
        let master = format!(
            "{}:{}",
            i.get("master_host").unwrap_or("?"),
            i.get("master_port").unwrap_or("?")
        );
        let up = i.get("master_link_status") == Some("up");
        let io = i.num("master_last_io_seconds_ago").unwrap_or(-1.0);
        let own = i.num("slave_repl_offset").unwrap_or(0.0);
        let mut c = Check::new(
            CheckKind::Replication,
            Status::Ok,
            if up { io } else { -1.0 },
        )
        .unit(Unit::Seconds)
        .threshold(t.lag_text())
        .metric(Metric::new(
            "master_link_up",
            f64::from(u8::from(up)),
            "1 when the replica's link to its master is up",
        ))
        .metric(Metric::new(
            "slave_repl_offset",
            own,
            "The replica's replication offset",
        ));
        if !up {
            let since = i.num("master_link_down_since_seconds").unwrap_or(-1.0);
            c.value = serde_json::json!("down");
            let since = if since >= 0.0 {
                format!(" for {}", duration::format(Duration::from_secs_f64(since)))
            } else {
                String::new()
            };
            c.raise(
                Status::Critical,
                &format!("master_link_status down: link to master {master} down{since}"),
            );
            c.unit = None;
            return Some(c);
        }
        let mut msg = format!("replica of {master}, link up, last I/O {}s ago", num(io));
        c = c.metric(
            Metric::new(
                "master_last_io_seconds_ago",
                io,
                "Seconds since the replica last heard from its master",
            )
            .perf(
                "s",
                t.warn_lag.map(|d| num(d.as_secs_f64())),
                t.crit_lag.map(|d| num(d.as_secs_f64())),
            ),
        );
        if let Some(m) = master_offset {
            let diff = (m as f64 - own).max(0.0);
            msg.push_str(&format!(", {} bytes behind", num(diff)));
            c = c.metric(Metric::new(
                "replica_offset_lag_bytes",
                diff,
                "How far the replica's offset is behind its master's",
            ));
        }
        c.message = msg;
        let s = lag_status(io);
        if s != Status::Ok {
            c.raise(s, "master silent too long");
        }
        if i.get("master_sync_in_progress") == Some("1") {
            c.raise(Status::Warning, "full sync in progress");
        }
        return Some(c);
    }
    let n = i.num("connected_slaves").unwrap_or(0.0);
    let offset = i.num("master_repl_offset").unwrap_or(0.0);
    let mut c = Check::new(CheckKind::Replication, Status::Ok, n)
        .unit(Unit::Replicas)
        .threshold(t.lag_text())
        .metric(Metric::new(
            "connected_slaves",
            n,
            "Replicas connected to this master",
        ))
        .metric(Metric::new(
            "master_repl_offset",
            offset,
            "The master's replication offset",
        ));
    let mut parts = vec![format!(
        "master with {} connected",
        crate::output::number::plural(n.max(0.0) as u64, "replica")
    )];
    let mut worst = Status::Ok;
    for (_, r) in i.indexed("slave") {
        let ip = r.get("ip").map(String::as_str).unwrap_or("?");
        let port = r.get("port").map(String::as_str).unwrap_or("?");
        let addr = format!("{ip}:{port}");
        let lag: f64 = r.get("lag").and_then(|v| v.parse().ok()).unwrap_or(0.0);
        let off: f64 = r.get("offset").and_then(|v| v.parse().ok()).unwrap_or(0.0);
        let state = r.get("state").map(String::as_str).unwrap_or("?");
        let diff = (offset - off).max(0.0);
        parts.push(format!(
            "{addr} {state} lag {}s, {} bytes behind",
            num(lag),
            num(diff)
        ));
        worst = worst.max(lag_status(lag));
        if state != "online" {
            worst = worst.max(Status::Warning);
        }
        c = c
            .metric(
                Metric::new(
                    "connected_slave_lag_seconds",
                    lag,
                    "Seconds since each replica last acknowledged",
                )
                .label("slave_ip", ip)
                .label("slave_port", port),
            )
            .metric(
                Metric::new(
                    "connected_slave_offset_lag_bytes",
                    diff,
                    "How far each replica's offset is behind this master's",
                )
                .label("slave_ip", ip)
                .label("slave_port", port),
            );
    }
    c.message = parts.join("; ");
    if worst != Status::Ok {
        c.raise(worst, "a replica lags or is not online");
    }
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::super::probe::{Facts, Info};
    use super::super::types::Thresholds;
    use super::*;

    fn replication(text: &str, master_offset: Option<i64>, t: &Thresholds) -> Check {
        let facts = Facts {
            info: Info::parse(&text.replace(' ', "\r\n")),
            master_offset,
            ..Facts::default()
        };
        super::replication(&NodeInput {
            facts: &facts,
            t,
            now: 0,
        })
        .unwrap()
    }

    #[test]
    fn replica_link_down_is_critical() {
        let t = Thresholds::default();
        let c = replication(
            "role:slave master_host:127.0.0.1 master_port:7000 master_link_status:down master_link_down_since_seconds:3",
            None,
            &t,
        );
        assert_eq!(c.status, Status::Critical);
        assert!(
            c.message.contains("master_link_status down"),
            "{}",
            c.message
        );
        let c = replication(
            "role:slave master_host:h master_port:1 master_link_status:up master_last_io_seconds_ago:1 slave_repl_offset:90",
            Some(100),
            &t,
        );
        assert_eq!(c.status, Status::Ok);
        assert!(c.message.contains("10 bytes behind"), "{}", c.message);
    }

    #[test]
    fn master_side_lag() {
        let t = Thresholds::default();
        let c = replication(
            "role:master connected_slaves:1 master_repl_offset:500 slave0:ip=127.0.0.1,port=7001,state=online,offset=400,lag=200",
            None,
            &t,
        );
        assert_eq!(c.status, Status::Critical);
        assert!(c.message.contains("100 bytes behind"));
    }
}
