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
/// look for streams or other keys of a kind. Non-UTF-8 names are skipped: redkit's key
/// arguments are text.
pub async fn scan_typed<F>(
    node: &mut Node,
    pattern: &str,
    key_type: KeyType,
    mut found: F,
) -> anyhow::Result<()>
where
    F: AsyncFnMut(&mut Node, Vec<String>) -> anyhow::Result<()>,
{
    let filters = Filters {
        key_type: Some(key_type),
        ..Filters::default()
    };
    let mut scan = Scan::new(node.clone(), pattern, 1000, filters);
    while let Some(keys) = scan.next_batch().await.map_err(ConnError::into_runtime)? {
        let keys: Vec<String> = keys
            .into_iter()
            .filter_map(|k| String::from_utf8(k).ok())
            .collect();
        if !keys.is_empty() {
            found(node, keys).await?;
        }
    }
    Ok(())
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
    pattern: String,
    count: usize,
    filters: Filters,
    cursor: u64,
    started: bool,
    /// Keys SCAN returned (after MATCH and TYPE), before the TTL/idle filters.
    pub seen: u64,
}

impl Scan {
    pub fn new(node: Node, pattern: &str, count: usize, filters: Filters) -> Scan {
        Scan {
            node,
            pattern: pattern.to_string(),
            count,
            filters,
            cursor: 0,
            started: false,
            seen: 0,
        }
    }

    pub fn done(&self) -> bool {
        self.started && self.cursor == 0
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
            let r = &replies[i * per_key..(i + 1) * per_key];
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
