//! The export path of `stream read` for machine formats: the raw RESP connection to the master
//! that serves the key (standalone, Sentinel or cluster; TLS or not), whose XRANGE replies are
//! parsed in place, so an entry costs no allocation (redis-rs builds a tree of values per
//! entry, which was most of the CPU of an export). The next page is requested as soon as a
//! reply has been parsed, so Redis builds it while this one is written. A failed connect takes
//! the redis-rs path.

use super::entry::{Entry, Pair};
use super::filter::Filter;
use super::id::StreamId;
use super::name::Name;
use super::sink::Sink;
use crate::exit;
use crate::redis::ConnError;
use crate::redis::raw::{RawConn, RawOptions};
use crate::redis::streams::{Page, Parse, StreamInfo, parse_page, parse_stream_info};
use crate::redis::{Mode, Target};

/// Opens the raw connection to the master that serves `key` (any deployment, TLS or not);
/// None when it cannot be had, and the redis-rs path takes over.
pub async fn open(target: &Target, key: &[u8]) -> Option<RawConn> {
    let ep = target.master_for_key(key).await.ok()?;
    open_at(target, &ep).await
}

/// Opens the raw connection to one master of the deployment (TLS or not).
pub async fn open_at(target: &Target, ep: &crate::redis::Endpoint) -> Option<RawConn> {
    let db = match target.mode {
        Mode::Cluster(_) => 0,
        Mode::Standalone(_) | Mode::Sentinel { .. } => target.auth.db,
    };
    let opts = RawOptions::from_auth(&target.auth, db).ok()?;
    RawConn::connect(ep, &opts).await.ok()
}

/// Sends the XRANGE (or XREVRANGE) for one page of `lo..=hi`.
async fn ask_page(
    conn: &mut RawConn,
    key: &[u8],
    reverse: bool,
    lo: StreamId,
    hi: StreamId,
    size: u64,
) -> anyhow::Result<()> {
    let (a, b) = if reverse { (hi, lo) } else { (lo, hi) };
    let cmd: &[u8] = if reverse { b"XREVRANGE" } else { b"XRANGE" };
    let (a, b, n) = (a.to_string(), b.to_string(), size.to_string());
    conn.send(&[cmd, key, a.as_bytes(), b.as_bytes(), b"COUNT", n.as_bytes()])
        .await
        .map_err(ConnError::into_runtime)
}

/// Exports `lo..=hi` (or reversed) of `key` into the sink, `count` entries at most after the
/// filter. Returns how many were written.
#[allow(clippy::too_many_arguments)]
pub async fn export(
    conn: &mut RawConn,
    key: &[u8],
    mut lo: StreamId,
    mut hi: StreamId,
    reverse: bool,
    page_size: u64,
    filter: &Filter,
    count: Option<u64>,
    sink: &mut Sink,
) -> anyhow::Result<()> {
    let size_for = |written: u64| match (filter.is_empty(), count) {
        (true, Some(c)) => c.saturating_sub(written).clamp(1, page_size),
        _ => page_size,
    };
    if lo > hi {
        return Ok(());
    }
    let mut size = size_for(0);
    ask_page(conn, key, reverse, lo, hi, size).await?;
    let mut page = Page::default();
    loop {
        loop {
            match parse_page(conn.unread(), &mut page) {
                Parse::Done => break,
                Parse::Incomplete => conn.fill().await.map_err(ConnError::into_runtime)?,
                Parse::Error(e) => {
                    let e = crate::output::escape::escape_str(&e);
                    return Err(exit::runtime(format!("{}: {e}", conn.addr())));
                }
            }
        }
        let got = page.entries.len() as u64;
        let mut more = got == size;
        if let Some((last, _)) = page.entries.last() {
            let step = if reverse { last.prev() } else { last.next() };
            match step {
                Some(s) if reverse => hi = s,
                Some(s) => lo = s,
                None => more = false,
            }
            more &= lo <= hi;
        }
        // Ask for the next page before writing this one: Redis works while we format.
        let predicted = sink.written() + got;
        if more && count.is_none_or(|c| !filter.is_empty() || predicted < c) {
            size = size_for(predicted.min(count.unwrap_or(u64::MAX)));
            ask_page(conn, key, reverse, lo, hi, size).await?;
        } else {
            more = false;
        }
        let buf = conn.unread();
        let mut pairs: Vec<Pair> = Vec::with_capacity(8);
        for (id, fr) in &page.entries {
            if count.is_some_and(|c| sink.written() >= c) {
                return Ok(());
            }
            pairs.clear();
            pairs.extend(
                page.fields[fr.clone()]
                    .iter()
                    .map(|(k, v)| (&buf[k.clone()], &buf[v.clone()])),
            );
            sink.saw();
            if filter.keeps_pairs(&pairs) {
                sink.pairs(key, *id, &pairs)?;
            }
        }
        conn.consume(page.consumed);
        if !more {
            return Ok(());
        }
    }
}

/// Raw connections to one master, one per batch in flight (`stream jobs`, retention, `stream
/// list`): taken for a batch's round and put back, opened when none is free.
#[derive(Clone)]
pub struct Pool {
    target: Target,
    ep: crate::redis::Endpoint,
    free: std::sync::Arc<std::sync::Mutex<Vec<RawConn>>>,
}

impl Pool {
    /// A pool for the master at `ep`, with its first connection; None when it cannot be had
    /// (the redis-rs path takes over).
    pub async fn open(target: &Target, ep: &crate::redis::Endpoint) -> Option<Pool> {
        let first = open_at(target, ep).await?;
        Some(Pool {
            target: target.clone(),
            ep: ep.clone(),
            free: std::sync::Arc::new(std::sync::Mutex::new(vec![first])),
        })
    }

    /// A free connection, or a new one.
    pub async fn take(&self) -> anyhow::Result<RawConn> {
        let taken = self.free.lock().ok().and_then(|mut p| p.pop());
        match taken {
            Some(c) => Ok(c),
            None => open_at(&self.target, &self.ep).await.ok_or_else(|| {
                exit::runtime(format!("{}: cannot open another connection", self.ep))
            }),
        }
    }

    /// Gives a connection back after a round that read all its replies.
    pub fn put(&self, c: RawConn) {
        if let Ok(mut p) = self.free.lock() {
            p.push(c);
        }
    }
}

/// The first and last entry of each key (`stream jobs`): one XRANGE and one XREVRANGE
/// `COUNT 1` per key, all written at once, the replies framed in place and only the two
/// entries of each key copied out (of the first only its id). A key that is gone answers
/// empty (None); one that is no longer a stream answers an error (None too).
pub async fn first_and_last(
    conn: &mut RawConn,
    keys: &[Name],
) -> anyhow::Result<Vec<Option<(Entry, Entry)>>> {
    let mut out_buf = Vec::with_capacity(keys.len() * 80);
    for k in keys {
        crate::redis::resp::encode(
            &mut out_buf,
            &[b"XRANGE", k.as_bytes(), b"-", b"+", b"COUNT", b"1"],
        );
        crate::redis::resp::encode(
            &mut out_buf,
            &[b"XREVRANGE", k.as_bytes(), b"+", b"-", b"COUNT", b"1"],
        );
    }
    let mut got = first_entries(conn, keys, &out_buf, 2, |i| i % 2 == 1)
        .await?
        .into_iter();
    let mut out = Vec::with_capacity(keys.len());
    while let (Some(first), Some(last)) = (got.next(), got.next()) {
        out.push(first.zip(last));
    }
    Ok(out)
}

/// The last entry of each key (retention's judging round): one XREVRANGE `COUNT 1` per key,
/// all written at once, framed in place. None for a key gone or no longer a stream.
pub async fn last_entries(conn: &mut RawConn, keys: &[Name]) -> anyhow::Result<Vec<Option<Entry>>> {
    let mut out_buf = Vec::with_capacity(keys.len() * 50);
    for k in keys {
        crate::redis::resp::encode(
            &mut out_buf,
            &[b"XREVRANGE", k.as_bytes(), b"+", b"-", b"COUNT", b"1"],
        );
    }
    first_entries(conn, keys, &out_buf, 1, |_| true).await
}

/// Writes `cmds` (`per_key` XRANGE-like commands per key of `keys`, already encoded) and
/// reads the first entry of each reply, with its fields when `with_fields(reply index)`.
/// A WRONGTYPE reply (a key replaced by another type since the SCAN) is None; any other
/// error reply (an ACL refusal) fails the run rather than hide streams.
async fn first_entries(
    conn: &mut RawConn,
    keys: &[Name],
    cmds: &[u8],
    per_key: usize,
    with_fields: impl Fn(usize) -> bool,
) -> anyhow::Result<Vec<Option<Entry>>> {
    conn.write(cmds).await.map_err(ConnError::into_runtime)?;
    let mut page = Page::default();
    let mut out = Vec::with_capacity(keys.len() * per_key);
    for i in 0..keys.len() * per_key {
        let entry = loop {
            if conn.unread().first() == Some(&b'-') {
                if let Some(end) = conn.unread().windows(2).position(|w| w == b"\r\n") {
                    let line = String::from_utf8_lossy(&conn.unread()[1..end]).into_owned();
                    conn.consume(end + 2);
                    if line.starts_with("WRONGTYPE") {
                        break None;
                    }
                    let key = keys.get(i / per_key).map(Name::as_bytes).unwrap_or(b"?");
                    return Err(exit::runtime(format!(
                        "{}: {}: {}",
                        conn.addr(),
                        crate::output::escape::escape_bytes(key),
                        crate::output::escape::escape_str(&line)
                    )));
                }
            } else {
                match parse_page(conn.unread(), &mut page) {
                    Parse::Done => {
                        let buf = conn.unread();
                        let keep = with_fields(i);
                        let e = page.entries.first().map(|(id, fr)| Entry {
                            id: *id,
                            fields: page.fields[fr.clone()]
                                .iter()
                                .filter(|_| keep)
                                .map(|(k, v)| (buf[k.clone()].to_vec(), buf[v.clone()].to_vec()))
                                .collect(),
                        });
                        conn.consume(page.consumed);
                        break e;
                    }
                    Parse::Error(e) => {
                        let e = crate::output::escape::escape_str(&e);
                        return Err(exit::runtime(format!("{}: {e}", conn.addr())));
                    }
                    Parse::Incomplete => {}
                }
            }
            conn.fill().await.map_err(ConnError::into_runtime)?;
        };
        out.push(entry);
    }
    Ok(out)
}

/// XINFO STREAM of each key (`stream list`), all written at once, each reply read in place
/// (the two entries' fields are skipped, never copied). An error reply (a key gone or no
/// longer a stream since the SCAN, or a refusal) is kept as its text for the caller to judge.
pub async fn stream_infos(
    conn: &mut RawConn,
    keys: &[Name],
) -> anyhow::Result<Vec<Result<StreamInfo, String>>> {
    let mut cmds = Vec::with_capacity(keys.len() * 40);
    for k in keys {
        crate::redis::resp::encode(&mut cmds, &[b"XINFO", b"STREAM", k.as_bytes()]);
    }
    conn.write(&cmds).await.map_err(ConnError::into_runtime)?;
    let mut out = Vec::with_capacity(keys.len());
    while out.len() < keys.len() {
        match parse_stream_info(conn.unread()) {
            Ok(Some((info, used))) => {
                conn.consume(used);
                out.push(Ok(info));
            }
            Ok(None) => conn.fill().await.map_err(ConnError::into_runtime)?,
            Err(e) => {
                // An error reply is one line: consumed, and kept for the caller.
                let Some(end) = conn.unread().windows(2).position(|w| w == b"\r\n") else {
                    return Err(exit::runtime(format!(
                        "{}: {}",
                        conn.addr(),
                        crate::output::escape::escape_str(&e)
                    )));
                };
                if conn.unread().first() != Some(&b'-') {
                    return Err(exit::runtime(format!(
                        "{}: {}",
                        conn.addr(),
                        crate::output::escape::escape_str(&e)
                    )));
                }
                conn.consume(end + 2);
                out.push(Err(e));
            }
        }
    }
    Ok(out)
}
