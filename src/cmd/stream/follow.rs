//! Following streams: one reader task per key doing XREAD (or XREADGROUP) BLOCK, handing
//! batches to the printer over a channel. A reader that loses its server reconnects with
//! backoff and resumes after the last id it handed over, so nothing is printed twice and
//! nothing is skipped (for a group: it first re-reads its own pending entries after that id,
//! which were delivered but may not have reached us).

use std::time::Duration;

use redis::Value;
use tokio::sync::mpsc;

use super::entry::{Entry, entries_from};
use super::id::StreamId;
use super::name::Name;
use crate::output::Output;
use crate::output::escape::escape_str;
use crate::redis::{ConnError, Keyed, Mode, ServerCode, Target, as_conn_error};

/// Reading through a consumer group instead of plain XREAD.
#[derive(Debug, Clone)]
pub struct Group {
    pub group: Name,
    pub consumer: Name,
    /// Re-read this consumer's pending entries after this id before new ones.
    pub history_after: Option<StreamId>,
}

/// A batch of entries of the stream with this index in the key list, or a fatal error.
pub type Batch = anyhow::Result<(usize, Vec<Entry>)>;

/// Errors worth waiting out: the server went away, restarts, loads its data, fails over.
pub fn retryable(e: &ConnError) -> bool {
    // The key's slot moved (resharding, failover): connect to its new owner.
    e.is_retryable() || matches!(e.code(), Some(ServerCode::Moved | ServerCode::Ask))
}

/// A connection for blocking reads of `key`: on a cluster, straight to the master that owns
/// the key's slot rather than through the cluster client. The cluster client bounds every
/// request by the reply timeout and may first try a node that answers MOVED, refresh its slot
/// map and retry, so a blocking read that fits the reply timeout on one server could overrun it
/// there, be abandoned and look like a lost connection ("reconnecting") on an idle cluster.
/// A direct connection gives the read exactly its own deadline (block time + reply timeout).
pub async fn reader_conn(target: &Target, key: &Name) -> anyhow::Result<Keyed> {
    if !matches!(target.mode, Mode::Cluster(_)) {
        return target.keyed().await;
    }
    // A suspected (`fail?`) owner is still tried: a follower waits out a failover.
    let owner = target.master_for_key(key.as_bytes()).await?;
    Ok(Keyed::Single(target.auth.connect_db(&owner, 0).await?))
}

/// Connects for reads of `key`, retrying with backoff (100 ms doubling to 3 s) while the
/// failure is retryable.
pub async fn connect_retrying(target: &Target, out: &Output, key: &Name) -> anyhow::Result<Keyed> {
    let mut delay = Duration::from_millis(100);
    let mut warned = false;
    let mut silent = Silence::default();
    loop {
        match reader_conn(target, key).await {
            Ok(c) => return Ok(c),
            Err(e) => match as_conn_error(&e) {
                Some(ce) if silent.gives_up(ce) => return Err(silent.error(key, ce)),
                Some(ce) if retryable(ce) => {
                    if !warned {
                        out.warn(escape_str(&format!("{key}: {ce}; reconnecting")));
                        warned = true;
                    }
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(Duration::from_secs(3));
                }
                _ => return Err(e),
            },
        }
    }
}

/// Counts timeouts in a row. A restart shows as refused or dropped connections and is waited
/// out; a server that takes connections and then answers nothing (stopped, wedged, a proxy
/// that stalls) times out every time, and after `SILENT_LIMIT` of those the follower gives up
/// (exit 3) instead of reconnecting forever.
#[derive(Default)]
struct Silence(u32);

const SILENT_LIMIT: u32 = 3;

impl Silence {
    /// Notes a failure; whether it is the last timeout in a row allowed.
    fn gives_up(&mut self, e: &ConnError) -> bool {
        if matches!(e, ConnError::Timeout { .. }) {
            self.0 += 1;
        } else {
            self.0 = 0;
        }
        self.0 >= SILENT_LIMIT
    }

    fn answered(&mut self) {
        self.0 = 0;
    }

    fn error(&self, key: &Name, e: &ConnError) -> anyhow::Error {
        crate::exit::runtime(escape_str(&format!(
            "{key}: {e}; no answer {} times in a row: the server takes connections but does not \
             answer, giving up",
            self.0
        )))
    }
}

/// How long one XREAD blocks: well under the reply timeout, so a silent server is noticed.
pub fn block_time(reply_timeout: Duration) -> Duration {
    (reply_timeout / 2).clamp(Duration::from_millis(50), Duration::from_secs(2))
}

/// Starts one reader per `(key, after)`; entries with ids above `after` arrive on the channel.
/// Each reader has its own connection: Redis serves one connection's commands in order, so a
/// shared one would queue every other read (and XACK) behind a BLOCK.
pub fn spawn(
    target: &Target,
    out: &Output,
    keys: Vec<(Name, StreamId)>,
    group: Option<Group>,
    limit: Option<u64>,
) -> mpsc::Receiver<Batch> {
    let (tx, rx) = mpsc::channel(4);
    for (i, (key, after)) in keys.into_iter().enumerate() {
        let reader = Reader {
            index: i,
            key,
            after,
            group: group.clone(),
            limit,
            handed: 0,
            target: target.clone(),
            out: out.clone(),
            tx: tx.clone(),
        };
        tokio::spawn(async move {
            let tx = reader.tx.clone();
            if let Err(e) = reader.run().await {
                let _ = tx.send(Err(e)).await;
            }
        });
    }
    rx
}

struct Reader {
    index: usize,
    key: Name,
    after: StreamId,
    group: Option<Group>,
    /// Entries the caller will print at most (when it filters none out): a group read then
    /// claims no more than that, and the reader stops once it has handed them over.
    limit: Option<u64>,
    handed: u64,
    target: Target,
    out: Output,
    tx: mpsc::Sender<Batch>,
}

impl Reader {
    fn command(&self, history: Option<StreamId>, block: Duration) -> redis::Cmd {
        let mut cmd = match &self.group {
            Some(g) => {
                let mut c = redis::cmd("XREADGROUP");
                c.arg("GROUP").arg(&g.group).arg(&g.consumer);
                c
            }
            None => redis::cmd("XREAD"),
        };
        let count = self
            .limit
            .map_or(1000, |l| l.saturating_sub(self.handed).clamp(1, 1000));
        cmd.arg("COUNT").arg(count);
        // A history read returns at once; only reads of new entries block.
        if history.is_none() {
            cmd.arg("BLOCK").arg(block.as_millis() as u64);
        }
        cmd.arg("STREAMS").arg(&self.key);
        match (&self.group, history) {
            (Some(_), Some(h)) => cmd.arg(h.to_string()),
            (Some(_), None) => cmd.arg(">"),
            (None, _) => cmd.arg(self.after.to_string()),
        };
        cmd
    }

    async fn run(mut self) -> anyhow::Result<()> {
        let block = block_time(self.target.auth.timeout);
        let within = block + self.target.auth.timeout;
        let mut conn = Some(connect_retrying(&self.target, &self.out, &self.key).await?);
        let mut history = self.group.as_ref().and_then(|g| g.history_after);
        let mut silent = Silence::default();
        loop {
            if self.limit.is_some_and(|l| self.handed >= l) {
                return Ok(());
            }
            let c = match conn.as_mut() {
                Some(c) => c,
                None => {
                    let c = connect_retrying(&self.target, &self.out, &self.key).await?;
                    self.out.note(escape_str(&format!(
                        "{}: reconnected, resuming after {}",
                        self.key, self.after
                    )));
                    if self.group.is_some() {
                        history = Some(self.after);
                    }
                    conn.insert(c)
                }
            };
            let reply = c
                .query_within::<Value>(&self.command(history, block), Some(within))
                .await;
            match reply {
                Ok(v) => {
                    silent.answered();
                    let entries = entries_of_xread(v)?;
                    if history.is_some() {
                        // Deleted entries come back without fields; they were never printed.
                        let last = entries.last().map(|e| e.id);
                        history = last;
                    }
                    let entries: Vec<Entry> = entries
                        .into_iter()
                        .filter(|e| e.id > self.after && !e.fields.is_empty())
                        .collect();
                    if let Some(last) = entries.last() {
                        self.after = last.id;
                        self.handed += entries.len() as u64;
                        if self.tx.send(Ok((self.index, entries))).await.is_err() {
                            return Ok(());
                        }
                    }
                }
                Err(e) if silent.gives_up(&e) => return Err(silent.error(&self.key, &e)),
                Err(e) if retryable(&e) => {
                    self.out
                        .warn(escape_str(&format!("{}: {e}; reconnecting", self.key)));
                    conn = None;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => return Err(classify_fatal(e, &self.key, self.group.as_ref())),
            }
        }
    }
}

fn classify_fatal(e: ConnError, key: &Name, group: Option<&Group>) -> anyhow::Error {
    if let (Some(ServerCode::NoGroup), Some(g)) = (e.code(), group) {
        return crate::exit::problem(format!(
            "{key}: no consumer group '{}' (create it with: redkit stream group create {key} {})",
            g.group, g.group
        ));
    }
    e.into_runtime()
}

/// The entries of an XREAD/XREADGROUP reply for one key (nil when the block timed out).
fn entries_of_xread(v: Value) -> anyhow::Result<Vec<Entry>> {
    let mut out = Vec::new();
    for s in crate::redis::streams::xread(v)? {
        out.extend(entries_from(s.entries)?);
    }
    Ok(out)
}
