//! `redkit ping`: connect the way every command does and say who answered. The quickest proof
//! that the connection settings (URL, TLS, ACL, Sentinel, cluster) are right.

use std::io::{self, Write};
use std::time::Instant;

use crate::output::Cell;
use clap::Args;
use serde::Serialize;

use crate::cmd::Ctx;
use crate::exit::ExitStatus;
use crate::output::escape::escape_str;
use crate::output::{Render, Ui};
use crate::redis::{ConnError, Masters, Node, Unreached};

pub const EXAMPLES: &str = "\
Examples:
  redkit ping
  redkit ping -u rediss://app@redis.internal:6380 --cacert ca.pem
  redkit ping --sentinel 10.0.0.5:26379 --master-name mymaster
  redkit ping --cluster -u redis://10.0.0.1:7000 --format json";

#[derive(Debug, Args)]
pub struct PingArgs {}

#[derive(Debug, Serialize)]
pub struct PingReport {
    pub target: String,
    pub nodes: Vec<PingNode>,
    /// Cluster masters (and slots) that did not answer or are flagged failed.
    pub unreached: Vec<Unreached>,
}

#[derive(Debug, Serialize)]
pub struct PingNode {
    pub addr: String,
    pub role: String,
    pub version: String,
    pub latency_ms: f64,
}

impl crate::output::Formats for PingReport {}

impl Render for PingReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let mut t = ui.table();
        t.set_header(vec!["addr", "role", "version", "latency"]);
        for n in &self.nodes {
            t.add_row(vec![
                Cell::new(&n.addr),
                // Both come from the server: escaped before they reach a terminal.
                Cell::new(escape_str(&n.role)),
                Cell::new(escape_str(&n.version)),
                Cell::new(format!("{:.2} ms", n.latency_ms)),
            ]);
        }
        for u in &self.unreached {
            t.add_row(vec![
                Cell::new(&u.addr),
                Cell::new("unreached"),
                Cell::new(format!("slots {}", u.slots)),
                Cell::new(escape_str(&u.reason)),
            ]);
        }
        writeln!(w, "{t}")
    }
}

/// A command the server refused (an ACL without +info or +role) leaves its figure unknown;
/// a server that stops answering or drops the connection fails the command (exit 3).
fn refused_is_unknown<T>(r: Result<T, ConnError>) -> Result<Option<T>, ConnError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(ConnError::Reply { .. } | ConnError::Server { .. } | ConnError::Auth { .. }) => {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

async fn ping_node(node: &mut Node) -> anyhow::Result<PingNode> {
    let started = Instant::now();
    let _: String = node.query(&redis::cmd("PING")).await?;
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    let info: String =
        refused_is_unknown(node.query(redis::cmd("INFO").arg("server")).await)?.unwrap_or_default();
    let version = crate::redis::Info::parse(&info)
        .get("redis_version")
        .unwrap_or("?")
        .to_string();
    let role: String =
        match refused_is_unknown(node.query::<redis::Value>(&redis::cmd("ROLE")).await)? {
            Some(redis::Value::Array(items)) => match items.first() {
                Some(redis::Value::BulkString(b)) => String::from_utf8_lossy(b).into_owned(),
                Some(redis::Value::SimpleString(s)) => s.clone(),
                _ => "?".into(),
            },
            _ => "?".into(),
        };
    Ok(PingNode {
        addr: node.addr.clone(),
        role,
        version,
        latency_ms,
    })
}

pub async fn run(ctx: &Ctx, _args: &PingArgs) -> anyhow::Result<ExitStatus> {
    let target = ctx.target()?;
    // The server itself, or every master of a cluster (naming those it could not reach).
    let Masters {
        mut nodes,
        unreached,
    } = target.masters().await?;
    let mut report = PingReport {
        target: target.describe(),
        nodes: Vec::new(),
        unreached,
    };
    for n in &mut nodes {
        report.nodes.push(ping_node(n).await?);
    }
    ctx.out.emit_outcome(&report, report.unreached.is_empty())?;
    if let Some(e) = crate::redis::unreached_error(&report.unreached) {
        return Err(e);
    }
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lists_each_node_and_each_unreached_master() {
        let r = PingReport {
            target: "redis://127.0.0.1:7000".into(),
            nodes: vec![PingNode {
                addr: "127.0.0.1:7000".into(),
                role: "master".into(),
                version: "7.2.4\x1b[31m".into(),
                latency_ms: 0.256,
            }],
            unreached: vec![Unreached {
                addr: "127.0.0.1:7001".into(),
                slots: "5461-10922".into(),
                reason: "connection refused".into(),
            }],
        };
        let text = crate::cmd::table_of(&r);
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        assert!(
            lines[0].contains("addr") && lines[0].contains("latency"),
            "{text}"
        );
        let node = lines
            .iter()
            .find(|l| l.contains("127.0.0.1:7000"))
            .expect("the node");
        assert!(
            node.contains("master") && node.contains("0.26 ms"),
            "{text}"
        );
        // A server's text reaches the terminal escaped.
        assert!(
            !text.contains('\x1b') && node.contains("7.2.4\\x1b[31m"),
            "{text}"
        );
        let gap = lines
            .iter()
            .find(|l| l.contains("127.0.0.1:7001"))
            .expect("the gap");
        assert!(
            gap.contains("unreached") && gap.contains("slots 5461-10922"),
            "{text}"
        );
        assert!(gap.contains("connection refused"), "{text}");
    }
}
