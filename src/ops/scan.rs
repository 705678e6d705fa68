//! Walking one node's keyspace with SCAN MATCH/COUNT/TYPE and applying the filters that need
//! a look at each key (TTL, idle time) in one pipelined round trip per batch.

use std::time::Duration;

use crate::redis::{ConnError, Node};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyType {
    String,
    Hash,
    List,
    Set,
    Zset,
    Stream,
}

impl KeyType {
    pub fn name(self) -> &'static str {
        match self {
            KeyType::String => "string",
            KeyType::Hash => "hash",
            KeyType::List => "list",
            KeyType::Set => "set",
            KeyType::Zset => "zset",
            KeyType::Stream => "stream",
        }
    }
}

/// Every key of one type on one node, page by page (`SCAN MATCH … TYPE …`), for commands that
/// look for streams or other keys of a kind. Names are bytes (`K` is `Vec<u8>` or a type made
/// from one): a key that is not UTF-8 is found like any other.
pub async fn scan_typed<K, F>(
    node: &mut Node,
    pattern: &[u8],
    key_type: KeyType,
    mut found: F,
) -> anyhow::Result<()>
where
    K: From<Vec<u8>>,
    F: AsyncFnMut(&mut Node, Vec<K>) -> anyhow::Result<()>,
{
    let mut scan = Scan::typed(node.clone(), pattern, key_type);
    while let Some(keys) = scan.next_batch().await.map_err(ConnError::into_runtime)? {
        if !keys.is_empty() {
            found(node, keys.into_iter().map(K::from).collect()).await?;
        }
    }
    Ok(())
}

/// The keys of one type on one node, sorted and without the repeats SCAN may return, up to
/// `limit`; true when there were more.
pub async fn collect_typed(
    node: &Node,
    pattern: &[u8],
    key_type: KeyType,
    limit: usize,
) -> Result<(Vec<Vec<u8>>, bool), ConnError> {
    let mut scan = Scan::typed(node.clone(), pattern, key_type);
    let mut out = Vec::new();
    while let Some(keys) = scan.next_batch().await? {
        for k in keys {
            if out.len() >= limit {
                return Ok((out, true));
            }
            out.push(k);
        }
    }
    out.sort();
    out.dedup();
    Ok((out, false))
}

/// Filters beyond the MATCH pattern.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub key_type: Option<KeyType>,
    pub no_ttl: bool,
    pub min_idle: Option<Duration>,
}

/// A SCAN in progress on one node.
pub struct Scan {
    pub node: Node,
    pattern: Vec<u8>,
    count: usize,
    filters: Filters,
    cursor: u64,
    started: bool,
    /// Keys SCAN returned (after MATCH and TYPE), before the TTL/idle filters.
    pub seen: u64,
}

impl Scan {
    pub fn new(node: Node, pattern: &[u8], count: usize, filters: Filters) -> Scan {
        Scan {
            node,
            pattern: pattern.to_vec(),
            count,
            filters,
            cursor: 0,
            started: false,
            seen: 0,
        }
    }

    /// A scan for keys of one type, 1000 a call.
    pub fn typed(node: Node, pattern: &[u8], key_type: KeyType) -> Scan {
        let filters = Filters {
            key_type: Some(key_type),
            ..Filters::default()
        };
        Scan::new(node, pattern, 1000, filters)
    }

    pub fn done(&self) -> bool {
        self.started && self.cursor == 0
    }

    /// How far through the node's keyspace, 0 to 1, estimated from the cursor.
    pub fn fraction(&self) -> f64 {
        crate::output::progress::scan_fraction(self.cursor, self.started)
    }

    /// [`fraction`](Self::fraction) in steps of a progress bar's estimate.
    pub fn steps(&self) -> u64 {
        (self.fraction() * crate::output::progress::FRACTION_STEPS as f64) as u64
    }

    /// The next batch of keys that pass every filter; `None` when the scan is complete.
    /// SCAN may return a key twice; callers count effects from replies, not from batches.
    pub async fn next_batch(&mut self) -> Result<Option<Vec<Vec<u8>>>, ConnError> {
        if self.done() {
            return Ok(None);
        }
        let mut cmd = redis::cmd("SCAN");
        cmd.arg(self.cursor)
            .arg("MATCH")
            .arg(&self.pattern)
            .arg("COUNT")
            .arg(self.count);
        if let Some(t) = self.filters.key_type {
            cmd.arg("TYPE").arg(t.name());
        }
        let (cursor, keys): (u64, Vec<Vec<u8>>) = self.node.query(&cmd).await?;
        self.cursor = cursor;
        self.started = true;
        self.seen += keys.len() as u64;
        if keys.is_empty() || (!self.filters.no_ttl && self.filters.min_idle.is_none()) {
            return Ok(Some(keys));
        }
        Ok(Some(self.filter(keys).await?))
    }

    /// TTL and idle filters: one pipeline for the whole batch, not a round trip per key.
    async fn filter(&mut self, keys: Vec<Vec<u8>>) -> Result<Vec<Vec<u8>>, ConnError> {
        let mut pipe = redis::pipe();
        for k in &keys {
            if self.filters.no_ttl {
                pipe.cmd("PTTL").arg(k);
            }
            if self.filters.min_idle.is_some() {
                pipe.cmd("OBJECT").arg("IDLETIME").arg(k);
            }
        }
        let replies: Vec<Option<i64>> = self.node.pipe(&pipe).await?;
        let per_key =
            usize::from(self.filters.no_ttl) + usize::from(self.filters.min_idle.is_some());
        let min_idle = self.filters.min_idle.map(|d| d.as_secs() as i64);
        let mut out = Vec::with_capacity(keys.len());
        for (i, k) in keys.into_iter().enumerate() {
            // A short pipeline reply (never from a sound server) keeps nothing it cannot judge.
            let Some(r) = replies.get(i * per_key..(i + 1) * per_key) else {
                break;
            };
            let mut j = 0;
            let mut keep = true;
            if self.filters.no_ttl {
                // -1: no expiry; -2: gone since the scan.
                keep &= r[j] == Some(-1);
                j += 1;
            }
            if let Some(min) = min_idle {
                keep &= r[j].is_some_and(|idle| idle >= min);
            }
            if keep {
                out.push(k);
            }
        }
        Ok(out)
    }
}
