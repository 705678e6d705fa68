//! What the stream reads found on one node: plain data that the probe carries and the stream
//! checks judge.

#[derive(Debug, Clone, PartialEq)]
pub struct ConsumerState {
    pub name: String,
    pub pending: u64,
    pub idle_ms: u64,
}

/// One consumer group of a stream.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupState {
    pub name: String,
    /// Entries not yet delivered to the group; None when Redis cannot tell (after deletions).
    pub lag: Option<u64>,
    pub pending: u64,
    /// Idle time of the oldest pending entry (since it was last delivered).
    pub oldest_pending_idle_ms: Option<u64>,
    pub last_delivered_id: String,
    pub consumers: Vec<ConsumerState>,
    /// Lag in time: the age of the oldest entry the group has not been delivered (0 when
    /// caught up); None when it could not be read.
    pub lag_ms: Option<u64>,
    /// The age (by its id's time) of the group's oldest pending entry; None when none pending.
    pub oldest_pending_age_ms: Option<u64>,
}

/// One stream as read.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamState {
    pub key: String,
    /// False when a named stream does not exist (or is not a stream).
    pub exists: bool,
    pub length: u64,
    pub first_id: Option<String>,
    pub last_id: Option<String>,
    pub groups: Vec<GroupState>,
    /// Entries in the stream's dead-letter stream (KEY:dlq, {KEY}:dlq on a cluster).
    pub dead_letters: u64,
}

/// The job streams of one node by state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobCounts {
    pub running: u64,
    pub completed: u64,
    pub failed: u64,
    /// Stuck job streams with the age of their last event, oldest first (at most a few kept).
    pub stuck: Vec<(String, u64)>,
    pub stuck_count: u64,
    /// Entries in the dead-letter streams (`…:dlq`) the job pattern matched.
    pub dead_letters: u64,
}

/// What the stream reads found on one node (errors keep the check UNKNOWN, not the node).
#[derive(Debug, Clone, Default)]
pub struct StreamFacts {
    pub streams: Option<Result<Vec<StreamState>, String>>,
    /// Stream id time of "now" in ms, so ages are computed against one clock.
    pub now_ms: u64,
    pub jobs: Option<Result<JobCounts, String>>,
    /// How many streams the patterns matched beyond MAX_STREAMS.
    pub truncated: bool,
    /// Patterns that matched no stream (one server only: on a cluster each master holds part).
    pub unmatched: Vec<String>,
}

/// At most this many streams are checked per node (a pattern may match many).
pub const MAX_STREAMS: usize = 1000;
