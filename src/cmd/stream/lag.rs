//! A consumer group's lag in time, as queue operators read it (kafka-lag-exporter's seconds
//! rather than a count): the age of the oldest entry the group has not been delivered (the
//! first after its last-delivered id; 0 when caught up) and the age of its oldest pending
//! entry, both from the entries' id times against one "now".

use serde::Serialize;

use super::entry::parse_entries;
use super::name::Name;
use crate::redis::streams::{self as decode, age_ms, first_after_cmd};
use crate::redis::{ConnError, Keyed};

/// Both ages of one group, in seconds (ms precision).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Lag {
    /// Age of the oldest entry not yet delivered to the group; 0 when caught up.
    pub lag_seconds: f64,
    /// Age of the group's oldest pending entry; null when nothing is pending.
    pub oldest_pending_seconds: Option<f64>,
}

fn secs(ms: u64) -> f64 {
    ms as f64 / 1000.0
}

/// The lag of `group` (whose last-delivered id is `last_delivered`) on `key`.
pub async fn group_lag(
    conn: &mut Keyed,
    key: &Name,
    group: &Name,
    last_delivered: &str,
    now_ms: u64,
) -> anyhow::Result<Lag> {
    let mut a = conn.clone();
    let next_cmd = first_after_cmd(key, last_delivered);
    let mut pending_cmd = redis::cmd("XPENDING");
    pending_cmd.arg(key).arg(group).arg("-").arg("+").arg(1);
    let (next, oldest) = futures::join!(
        a.query::<redis::Value>(&next_cmd),
        conn.query::<redis::Value>(&pending_cmd)
    );
    let next = parse_entries(next.map_err(ConnError::into_runtime)?)?;
    let oldest = decode::pending_entries(oldest.map_err(ConnError::into_runtime)?)?;
    Ok(Lag {
        lag_seconds: next
            .first()
            .map_or(0.0, |e| secs(now_ms.saturating_sub(e.id.ms))),
        oldest_pending_seconds: oldest.first().and_then(|p| age_ms(now_ms, &p.id)).map(secs),
    })
}

/// Folds one group's lag into the worst so far.
fn worse(w: &mut Lag, l: Lag) {
    w.lag_seconds = w.lag_seconds.max(l.lag_seconds);
    w.oldest_pending_seconds = match (w.oldest_pending_seconds, l.oldest_pending_seconds) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
}

/// The worst lag of each stream over its groups, for a whole batch of streams in two
/// pipelined rounds (XINFO GROUPS of every key; then, per group, the first undelivered entry
/// and the oldest pending one). None for a stream without groups (or gone meanwhile).
pub async fn batch_worst_lag(
    node: &mut crate::redis::Node,
    keys: &[Name],
    now_ms: u64,
) -> anyhow::Result<Vec<Option<Lag>>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = redis::pipe();
    for k in keys {
        p.cmd("XINFO").arg("GROUPS").arg(k);
    }
    let replies: Vec<redis::Value> = node.pipe(&p).await.map_err(ConnError::into_runtime)?;
    // A key gone or replaced since the SCAN answers an error: no groups.
    let groups: Vec<Vec<decode::GroupInfo>> = replies
        .into_iter()
        .map(|v| match v {
            redis::Value::ServerError(_) => Vec::new(),
            v => decode::groups(v).unwrap_or_default(),
        })
        .collect();
    let mut p = redis::pipe();
    let mut asked = 0usize;
    for (k, gs) in keys.iter().zip(&groups) {
        for g in gs {
            let last = g.last_delivered_id.as_deref().unwrap_or("0-0");
            p.add_command(first_after_cmd(k, last));
            p.cmd("XPENDING")
                .arg(k)
                .arg(&g.name)
                .arg("-")
                .arg("+")
                .arg(1);
            asked += 1;
        }
    }
    if asked == 0 {
        return Ok(vec![None; keys.len()]);
    }
    let replies: Vec<redis::Value> = node.pipe(&p).await.map_err(ConnError::into_runtime)?;
    let mut it = replies.into_iter();
    let mut out = Vec::with_capacity(keys.len());
    for gs in &groups {
        let mut worst: Option<Lag> = None;
        for _ in gs {
            let (Some(next), Some(oldest)) = (it.next(), it.next()) else {
                break;
            };
            // A group or key gone between the two rounds answers an error: left out.
            let next = parse_entries(next).unwrap_or_default();
            let oldest = decode::pending_entries(oldest).unwrap_or_default();
            let l = Lag {
                lag_seconds: next
                    .first()
                    .map_or(0.0, |e| secs(now_ms.saturating_sub(e.id.ms))),
                oldest_pending_seconds: oldest
                    .first()
                    .and_then(|p| age_ms(now_ms, &p.id))
                    .map(secs),
            };
            worse(worst.get_or_insert_default(), l);
        }
        out.push(worst);
    }
    Ok(out)
}

/// Seconds as people read them in a table (`12s`, `3m`), or `-`.
pub fn show(s: Option<f64>) -> String {
    s.map_or_else(
        || "-".into(),
        |s| crate::duration::format(std::time::Duration::from_millis((s * 1000.0) as u64)),
    )
}
