//! What the consumer groups of a stream still need: for each group, the oldest entry it has
//! not been delivered (after its last-delivered id) or still has pending. `stream trim`
//! never cuts above the oldest of these unless told to (`--include-unprocessed`).

use serde::Serialize;

use super::entry::parse_entries;
use super::group::count_between;
use super::id::StreamId;
use super::name::Name;
use crate::exit;
use crate::redis::streams as decode;
use crate::redis::{ConnError, Keyed};

/// One group's claim on a stream's oldest entries, with what a trim would take from it.
#[derive(Debug, Clone, Serialize)]
pub struct GroupHold {
    pub group: Name,
    pub last_delivered_id: String,
    /// The oldest entry the group still needs (null when it has read and acknowledged all).
    pub needs_from: Option<String>,
    /// Entries the trim's rule would remove that this group has not processed.
    pub unprocessed: u64,
    /// Of those, entries never delivered to the group.
    pub undelivered: u64,
    /// Of those, entries delivered and still pending (not acknowledged).
    pub pending: u64,
    #[serde(skip)]
    pub from: Option<StreamId>,
    #[serde(skip)]
    last: StreamId,
}

impl GroupHold {
    /// Why the group keeps (or would lose) its entries, in words.
    pub fn reason(&self, total: u64) -> String {
        let g = &self.group;
        let of = |n: u64| {
            if n == total {
                "them".to_string()
            } else {
                format!("{n} of them")
            }
        };
        match (self.undelivered, self.pending) {
            (u, 0) => format!("group {g} has not read {}", of(u)),
            (0, p) => format!("group {g} is still processing {}", of(p)),
            (u, p) => format!("group {g} has not read {} and is processing {p}", of(u)),
        }
    }
}

/// The first entry id at or after `from`, if any.
async fn first_from(
    conn: &mut Keyed,
    key: &Name,
    from: StreamId,
) -> anyhow::Result<Option<StreamId>> {
    let v: redis::Value = conn
        .query(
            redis::cmd("XRANGE")
                .arg(key)
                .arg(from.to_string())
                .arg("+")
                .arg("COUNT")
                .arg(1),
        )
        .await
        .map_err(ConnError::into_runtime)?;
    Ok(parse_entries(v)?.first().map(|e| e.id))
}

/// Whether the entry `id` is still in the stream.
async fn exists(conn: &mut Keyed, key: &Name, id: StreamId) -> anyhow::Result<bool> {
    let s = id.to_string();
    let v: redis::Value = conn
        .query(redis::cmd("XRANGE").arg(key).arg(&s).arg(&s))
        .await
        .map_err(ConnError::into_runtime)?;
    Ok(!parse_entries(v)?.is_empty())
}

/// The oldest pending id of `group` that is still in the stream. A pending entry whose entry
/// was deleted (XDEL, or a trim that ignored the group) holds nothing back: it starts below
/// the stream's first entry, or is checked one by one.
async fn oldest_pending(
    conn: &mut Keyed,
    key: &Name,
    group: &Name,
    first: StreamId,
) -> anyhow::Result<Option<StreamId>> {
    let mut start = first;
    loop {
        let v: redis::Value = conn
            .query(
                redis::cmd("XPENDING")
                    .arg(key)
                    .arg(group)
                    .arg(start.to_string())
                    .arg("+")
                    .arg(100),
            )
            .await
            .map_err(ConnError::into_runtime)?;
        let items = decode::pending_entries(v)?;
        let n = items.len();
        for item in items {
            let Some(id) = StreamId::parse(item.id.as_bytes()) else {
                return Err(exit::runtime(format!(
                    "{key}: unexpected id in the XPENDING reply of group {group}"
                )));
            };
            if exists(conn, key, id).await? {
                return Ok(Some(id));
            }
            match id.next() {
                Some(next) => start = next,
                None => return Ok(None),
            }
        }
        if n < 100 {
            return Ok(None);
        }
    }
}

/// Every group of the stream with the oldest entry it still needs. An empty list for a
/// stream without groups.
pub async fn holds(conn: &mut Keyed, key: &Name) -> anyhow::Result<Vec<GroupHold>> {
    let v: redis::Value = conn
        .query(redis::cmd("XINFO").arg("GROUPS").arg(key))
        .await
        .map_err(ConnError::into_runtime)?;
    let gs = decode::groups(v)?;
    if gs.is_empty() {
        return Ok(Vec::new());
    }
    let first = first_from(conn, key, StreamId::MIN).await?;
    let mut out = Vec::with_capacity(gs.len());
    for g in gs {
        let group = Name::from(g.name);
        // The id, not entries-read or lag: those may be unknown (nil) or set by hand
        // (ENTRIESREAD), and 0-0 means nothing was delivered at all.
        let last = g
            .last_delivered_id
            .and_then(|t| StreamId::parse(t.as_bytes()))
            .unwrap_or(StreamId::MIN);
        let undelivered = match last.next() {
            Some(after) => first_from(conn, key, after).await?,
            None => None,
        };
        let pending = match first {
            Some(f) => oldest_pending(conn, key, &group, f).await?,
            None => None,
        };
        let from = match (undelivered, pending) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        out.push(GroupHold {
            group,
            last_delivered_id: last.to_string(),
            needs_from: from.map(|f| f.to_string()),
            unprocessed: 0,
            undelivered: 0,
            pending: 0,
            from,
            last,
        });
    }
    Ok(out)
}

/// Entries with ids below `x`.
pub async fn count_below(conn: &mut Keyed, key: &Name, x: StreamId) -> anyhow::Result<u64> {
    match x.prev() {
        Some(upto) => count_between(conn, key, StreamId::MIN, upto).await,
        None => Ok(0),
    }
}

/// Fills in what a cut below `cutoff` would take from each group.
pub async fn measure(
    conn: &mut Keyed,
    key: &Name,
    holds: &mut [GroupHold],
    cutoff: StreamId,
) -> anyhow::Result<()> {
    let Some(upto) = cutoff.prev() else {
        return Ok(());
    };
    for h in holds.iter_mut() {
        let Some(from) = h.from.filter(|f| *f < cutoff) else {
            continue;
        };
        h.unprocessed = match from.prev() {
            Some(after) => count_between(conn, key, after, upto).await?,
            None => count_between(conn, key, StreamId::MIN, upto).await?,
        };
        h.undelivered = if h.last < upto {
            count_between(conn, key, h.last, upto).await?
        } else {
            0
        };
        h.pending = count_pending(conn, key, &h.group, from, upto).await?;
    }
    Ok(())
}

/// Pending entries of `group` with ids in `[from, upto]` that are still in the stream's range
/// (counted by pages of XPENDING).
async fn count_pending(
    conn: &mut Keyed,
    key: &Name,
    group: &Name,
    from: StreamId,
    upto: StreamId,
) -> anyhow::Result<u64> {
    let mut start = from;
    let mut n = 0u64;
    loop {
        let v: redis::Value = conn
            .query(
                redis::cmd("XPENDING")
                    .arg(key)
                    .arg(group)
                    .arg(start.to_string())
                    .arg(upto.to_string())
                    .arg(1000),
            )
            .await
            .map_err(ConnError::into_runtime)?;
        let items = decode::pending_entries(v)?;
        let page = items.len();
        n += page as u64;
        match items
            .last()
            .and_then(|t| StreamId::parse(t.id.as_bytes()))
            .and_then(StreamId::next)
        {
            Some(next) if page == 1000 && next <= upto => start = next,
            _ => return Ok(n),
        }
    }
}

/// The id of the entry with `index` entries before it (the first one a MAXLEN keeps), read
/// from whichever end is nearer; None when `index` is past the end.
pub async fn id_at(
    conn: &mut Keyed,
    key: &Name,
    len: u64,
    index: u64,
) -> anyhow::Result<Option<StreamId>> {
    if index >= len {
        return Ok(None);
    }
    let from_head = index <= len / 2;
    let mut skip = if from_head { index } else { len - 1 - index };
    let mut bound = if from_head {
        StreamId::MIN
    } else {
        StreamId::MAX
    };
    loop {
        let page = (skip + 1).min(10_000);
        let mut cmd = redis::cmd(if from_head { "XRANGE" } else { "XREVRANGE" });
        cmd.arg(key);
        if from_head {
            cmd.arg(bound.to_string()).arg("+");
        } else {
            cmd.arg(bound.to_string()).arg("-");
        }
        cmd.arg("COUNT").arg(page);
        let v: redis::Value = conn.query(&cmd).await.map_err(ConnError::into_runtime)?;
        let entries = parse_entries(v)?;
        if (entries.len() as u64) > skip {
            return Ok(Some(entries[skip as usize].id));
        }
        let Some(last) = entries.last() else {
            return Ok(None);
        };
        skip -= entries.len() as u64;
        bound = match if from_head {
            last.id.next()
        } else {
            last.id.prev()
        } {
            Some(b) => b,
            None => return Ok(None),
        };
    }
}
