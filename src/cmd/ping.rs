//! `redkit ping`: connect the way every command does and say who answered. The quickest proof
//! that the connection settings (URL, TLS, ACL, Sentinel, cluster) are right.

use std::io::{self, Write};
use std::time::Instant;

use clap::Args;
use comfy_table::Cell;
use serde::Serialize;

use crate::cli::Format;
use crate::cmd::Ctx;
use crate::connect::{self, ConnError, Mode, Node};
use crate::exit::{self, ExitStatus};
use crate::output::{Render, Ui};

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
    /// Cluster masters with slots that were not pinged because the cluster flags them failed.
    pub unreached: Vec<Unreached>,
}

/// A master the cluster flags as failed: named with the slots nobody serves while it is down.
#[derive(Debug, Serialize)]
pub struct Unreached {
    pub addr: String,
    /// `0-5460,10923-16383`
    pub slots: String,
    /// The CLUSTER NODES flags (`master,fail`).
    pub flags: String,
}

#[derive(Debug, Serialize)]
pub struct PingNode {
    pub addr: String,
    pub role: String,
    pub version: String,
    pub latency_ms: f64,
}

impl Render for PingReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let mut t = ui.table();
        t.set_header(vec!["addr", "role", "version", "latency"]);
        for n in &self.nodes {
            t.add_row(vec![
                Cell::new(&n.addr),
                Cell::new(printable(&n.role)),
                Cell::new(printable(&n.version)),
                Cell::new(format!("{:.2} ms", n.latency_ms)),
            ]);
        }
        for u in &self.unreached {
            t.add_row(vec![
                Cell::new(&u.addr),
                Cell::new("master"),
                Cell::new("-"),
                Cell::new(format!("not reached ({}), slots {}", u.flags, u.slots)),
            ]);
        }
        writeln!(w, "{t}")
    }
}

/// What the server said, with control characters escaped: a hostile or broken server must not
/// drive the terminal.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `0-5460,10923-16383` from a master's slot ranges, sorted.
fn slot_text(ranges: &[(u16, u16)]) -> String {
    let mut r = ranges.to_vec();
    r.sort();
    r.iter()
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

/// A command the server refused (an ACL without +info or +role) leaves its figure unknown;
/// a server that stops answering or drops the connection fails the command (exit 3).
fn refused_is_unknown<T>(r: Result<T, ConnError>) -> Result<Option<T>, ConnError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(ConnError::Server { .. } | ConnError::Auth { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

async fn ping_node(node: &mut Node) -> anyhow::Result<PingNode> {
    let started = Instant::now();
    let _: String = node.query(&redis::cmd("PING")).await?;
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    let info: String =
        refused_is_unknown(node.query(redis::cmd("INFO").arg("server")).await)?.unwrap_or_default();
    let version = info_field(&info, "redis_version")
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

/// One field of an INFO reply.
pub fn info_field<'a>(info: &'a str, key: &str) -> Option<&'a str> {
    info.lines().find_map(|l| {
        l.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .map(str::trim_end)
    })
}

pub async fn run(ctx: &Ctx, _args: &PingArgs) -> anyhow::Result<ExitStatus> {
    ctx.out
        .require("ping", &[Format::Table, Format::Json, Format::Ndjson])?;
    let target = ctx.target()?;
    let mut unreached = Vec::new();
    let mut nodes = match target.mode {
        Mode::Cluster(_) => {
            // The masters the cluster flags failed are not connected to; they are named with
            // the slots they leave unserved, and the run fails.
            let mut seed = target.connect_seed().await?;
            let all = connect::cluster_nodes(&mut seed)
                .await
                .map_err(ConnError::into_runtime)?;
            unreached = all
                .iter()
                .filter(|n| n.is_master() && n.is_failed() && !n.slots.is_empty())
                .map(|n| Unreached {
                    addr: n.endpoint.to_string(),
                    slots: slot_text(&n.slots),
                    flags: n.flags.join(","),
                })
                .collect();
            target.masters().await?
        }
        Mode::Standalone(_) | Mode::Sentinel { .. } => vec![target.connect().await?],
    };
    let mut report = PingReport {
        target: target.describe(),
        nodes: Vec::new(),
        unreached,
    };
    for n in &mut nodes {
        report.nodes.push(ping_node(n).await?);
    }
    // -q: silent when every master answered; the report still shows a failed one.
    if !ctx.out.quiet || !report.unreached.is_empty() {
        ctx.out.emit(&report)?;
    }
    if !report.unreached.is_empty() {
        let named: Vec<String> = report
            .unreached
            .iter()
            .map(|u| format!("{} (slots {}, {})", u.addr, u.slots, u.flags))
            .collect();
        return Err(exit::runtime(format!(
            "{} master(s) flagged failed, their slots unserved: {}",
            named.len(),
            named.join("; ")
        )));
    }
    Ok(ExitStatus::Success)
}
