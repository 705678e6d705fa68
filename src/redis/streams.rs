//! Stream replies decoded once, byte-safe: XINFO STREAM/GROUPS/CONSUMERS, XPENDING (summary
//! and extended), XAUTOCLAIM, XCLAIM and XRANGE/XREAD entries, in RESP2 and RESP3 shapes, and
//! XRANGE pages parsed in place from a raw connection's buffer for the export path.
//! Names and field values stay bytes; a reply of an unexpected shape (wrong type, short
//! array, nil where a list belongs) is a [`DecodeError`], never a panic. Fields a Redis
//! version may lack (`lag`, `entries-added`) are `None`.

use std::ops::Range;

use redis::Value;

pub use super::stream_id::StreamId;

/// A reply that does not have the shape its command promises.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("unexpected {reply} reply: expected {expected}, got {got}")]
    Shape {
        reply: &'static str,
        expected: &'static str,
        got: &'static str,
    },
    #[error("unexpected {reply} reply: an item of {len} elements, expected at least {want}")]
    Short {
        reply: &'static str,
        len: usize,
        want: usize,
    },
}

fn shape(reply: &'static str, expected: &'static str, v: &Value) -> DecodeError {
    DecodeError::Shape {
        reply,
        expected,
        got: kind(v),
    }
}

/// The milliseconds part of a stream id (`1700000000000-3`).
pub fn id_ms(id: &str) -> Option<u64> {
    id.split('-').next()?.parse().ok()
}

/// The RESP type of a value, for error messages (never the value: it may be large or hold
/// control characters).
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Nil => "nil",
        Value::Int(_) => "an integer",
        Value::BulkString(_) => "a bulk string",
        Value::Array(_) => "an array",
        Value::SimpleString(_) => "a simple string",
        Value::Okay => "OK",
        Value::Map(_) => "a map",
        Value::Attribute { .. } => "an attribute",
        Value::Set(_) => "a set",
        Value::Double(_) => "a double",
        Value::Boolean(_) => "a boolean",
        Value::VerbatimString { .. } => "a verbatim string",
        Value::BigNumber(_) => "a big number",
        Value::Push { .. } => "a push",
        Value::ServerError(_) => "an error",
        _ => "an unknown value",
    }
}

/// The bytes of a string-like value (bulk, simple, verbatim; integers and OK as their text).
pub fn bytes_of(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::BulkString(b) => Some(b.clone()),
        Value::SimpleString(s) | Value::VerbatimString { text: s, .. } => {
            Some(s.as_bytes().to_vec())
        }
        Value::Int(n) => Some(n.to_string().into_bytes()),
        Value::Okay => Some(b"OK".to_vec()),
        _ => None,
    }
}

/// [`bytes_of`], moving the bytes out of the reply.
pub fn into_bytes(v: Value) -> Option<Vec<u8>> {
    match v {
        Value::BulkString(b) => Some(b),
        Value::SimpleString(s) | Value::VerbatimString { text: s, .. } => Some(s.into_bytes()),
        other => bytes_of(&other),
    }
}

/// A value as text (ids, field names), lossy where it is not UTF-8; doubles as written.
pub fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Double(d) => Some(d.to_string()),
        other => bytes_of(other).map(|b| String::from_utf8_lossy(&b).into_owned()),
    }
}

/// A value as an integer: an integer reply, or a string holding one.
pub fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Int(n) => Some(*n),
        Value::BulkString(b) => std::str::from_utf8(b).ok()?.parse().ok(),
        Value::SimpleString(s) | Value::VerbatimString { text: s, .. } => s.parse().ok(),
        _ => None,
    }
}

/// A value as a count: [`int_of`] when not negative.
pub fn uint_of(v: &Value) -> Option<u64> {
    int_of(v).and_then(|n| u64::try_from(n).ok())
}

/// The items of an array (or RESP3 set) reply; nil is an empty list.
fn items(reply: &'static str, v: Value) -> Result<Vec<Value>, DecodeError> {
    match v {
        Value::Array(items) | Value::Set(items) => Ok(items),
        Value::Nil => Ok(Vec::new()),
        other => Err(shape(reply, "an array", &other)),
    }
}

/// The name/value pairs of an XINFO reply: a flat array in RESP2, a map in RESP3.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields(Vec<(Vec<u8>, Value)>);

impl Fields {
    /// Decodes the pairs; a trailing name without a value is dropped.
    pub fn decode(reply: &'static str, v: Value) -> Result<Fields, DecodeError> {
        let pairs = match v {
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len() / 2);
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    out.push((into_bytes(k).unwrap_or_default(), v));
                }
                out
            }
            Value::Map(m) => m
                .into_iter()
                .map(|(k, v)| (into_bytes(k).unwrap_or_default(), v))
                .collect(),
            other => return Err(shape(reply, "name/value pairs", &other)),
        };
        Ok(Fields(pairs))
    }

    /// The value of the first pair with this name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0
            .iter()
            .find(|(k, _)| k == name.as_bytes())
            .map(|(_, v)| v)
    }

    pub fn bytes(&self, name: &str) -> Option<Vec<u8>> {
        self.get(name).and_then(bytes_of)
    }

    pub fn text(&self, name: &str) -> Option<String> {
        self.get(name).and_then(text_of)
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(int_of)
    }

    /// The id of an entry-valued field (`first-entry`, `last-entry`); None when nil.
    pub fn entry_id(&self, name: &str) -> Option<String> {
        match self.get(name)? {
            Value::Array(e) => e.first().and_then(text_of),
            _ => None,
        }
    }
}

/// XINFO STREAM (without FULL).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StreamInfo {
    pub length: Option<i64>,
    pub groups: Option<i64>,
    pub first_id: Option<String>,
    pub last_id: Option<String>,
    pub last_generated_id: Option<String>,
    /// Redis 7 and later.
    pub entries_added: Option<i64>,
}

impl StreamInfo {
    pub fn decode(v: Value) -> Result<StreamInfo, DecodeError> {
        let f = Fields::decode("XINFO STREAM", v)?;
        Ok(StreamInfo {
            length: f.int("length"),
            groups: f.int("groups"),
            first_id: f.entry_id("first-entry"),
            last_id: f.entry_id("last-entry"),
            last_generated_id: f.text("last-generated-id"),
            entries_added: f.int("entries-added"),
        })
    }
}

/// One group of XINFO GROUPS.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupInfo {
    pub name: Vec<u8>,
    pub consumers: Option<i64>,
    pub pending: Option<i64>,
    pub last_delivered_id: Option<String>,
    /// Redis 7 and later; nil when Redis cannot tell.
    pub lag: Option<i64>,
    pub entries_read: Option<i64>,
}

/// A list of XINFO records (groups, consumers), each decoded by `one`.
fn records<T>(
    reply: &'static str,
    v: Value,
    one: impl Fn(Fields) -> T,
) -> Result<Vec<T>, DecodeError> {
    items(reply, v)?
        .into_iter()
        .map(|r| Fields::decode(reply, r).map(&one))
        .collect()
}

/// XINFO GROUPS.
pub fn groups(v: Value) -> Result<Vec<GroupInfo>, DecodeError> {
    records("XINFO GROUPS", v, |f| GroupInfo {
        name: f.bytes("name").unwrap_or_default(),
        consumers: f.int("consumers"),
        pending: f.int("pending"),
        last_delivered_id: f.text("last-delivered-id"),
        lag: f.int("lag"),
        entries_read: f.int("entries-read"),
    })
}

/// One consumer of XINFO CONSUMERS.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsumerInfo {
    pub name: Vec<u8>,
    pub pending: Option<i64>,
    pub idle_ms: Option<i64>,
    /// Redis 7.2 and later.
    pub inactive_ms: Option<i64>,
}

/// XINFO CONSUMERS.
pub fn consumers(v: Value) -> Result<Vec<ConsumerInfo>, DecodeError> {
    records("XINFO CONSUMERS", v, |f| ConsumerInfo {
        name: f.bytes("name").unwrap_or_default(),
        pending: f.int("pending"),
        idle_ms: f.int("idle"),
        inactive_ms: f.int("inactive"),
    })
}

/// XPENDING's summary form: `[count, min id, max id, [[consumer, count], ...]]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PendingSummary {
    pub count: i64,
    pub min_id: Option<String>,
    pub max_id: Option<String>,
    pub consumers: Vec<(Vec<u8>, i64)>,
}

impl PendingSummary {
    pub fn decode(v: Value) -> Result<PendingSummary, DecodeError> {
        const R: &str = "XPENDING";
        let mut it = items(R, v)?.into_iter();
        let count = it.next().as_ref().and_then(int_of).unwrap_or(0);
        let min_id = it.next().as_ref().and_then(text_of);
        let max_id = it.next().as_ref().and_then(text_of);
        let consumers = match it.next() {
            None | Some(Value::Nil) => Vec::new(),
            Some(Value::Map(m)) => m
                .into_iter()
                .map(|(k, v)| (into_bytes(k).unwrap_or_default(), int_of(&v).unwrap_or(0)))
                .collect(),
            Some(list) => items(R, list)?
                .into_iter()
                .map(|c| {
                    let c = items(R, c)?;
                    match c.as_slice() {
                        [name, n, ..] => {
                            Ok((bytes_of(name).unwrap_or_default(), int_of(n).unwrap_or(0)))
                        }
                        _ => Err(DecodeError::Short {
                            reply: R,
                            len: c.len(),
                            want: 2,
                        }),
                    }
                })
                .collect::<Result<_, _>>()?,
        };
        Ok(PendingSummary {
            count,
            min_id,
            max_id,
            consumers,
        })
    }
}

/// One entry of XPENDING's extended form: `[id, consumer, idle ms, deliveries]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PendingEntry {
    pub id: String,
    pub consumer: Vec<u8>,
    pub idle_ms: Option<i64>,
    pub deliveries: Option<i64>,
}

/// XPENDING key group [IDLE ms] start end count [consumer].
pub fn pending_entries(v: Value) -> Result<Vec<PendingEntry>, DecodeError> {
    const R: &str = "XPENDING";
    items(R, v)?
        .into_iter()
        .map(|e| {
            let f = items(R, e)?;
            match f.as_slice() {
                [id, consumer, idle, deliveries, ..] => Ok(PendingEntry {
                    id: text_of(id).unwrap_or_default(),
                    consumer: bytes_of(consumer).unwrap_or_default(),
                    idle_ms: int_of(idle),
                    deliveries: int_of(deliveries),
                }),
                _ => Err(DecodeError::Short {
                    reply: R,
                    len: f.len(),
                    want: 4,
                }),
            }
        })
        .collect()
}

/// One entry of XRANGE/XREVRANGE/XREAD/XCLAIM: its id and field/value pairs as stored.
/// A deleted entry in a consumer's history has no fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawEntry {
    pub id: Vec<u8>,
    pub fields: Vec<(Vec<u8>, Vec<u8>)>,
}

impl RawEntry {
    /// The value of the first field with this name.
    pub fn field(&self, name: &str) -> Option<&[u8]> {
        self.fields
            .iter()
            .find(|(k, _)| k == name.as_bytes())
            .map(|(_, v)| v.as_slice())
    }
}

/// `XREVRANGE key + - COUNT 1`: the stream's last entry (decode with [`entries`]).
pub fn last_entry_cmd(key: impl redis::ToRedisArgs) -> redis::Cmd {
    let mut c = redis::cmd("XREVRANGE");
    c.arg(key).arg("+").arg("-").arg("COUNT").arg(1);
    c
}

/// `XRANGE key (id + COUNT 1`: the first entry after `id`, i.e. the oldest entry a group
/// whose last-delivered id is `id` has not been delivered (decode with [`entries`]).
pub fn first_after_cmd(key: impl redis::ToRedisArgs, id: &str) -> redis::Cmd {
    let mut c = redis::cmd("XRANGE");
    c.arg(key)
        .arg(format!("({id}"))
        .arg("+")
        .arg("COUNT")
        .arg(1);
    c
}

/// How old an entry is by its id's time, in ms (0 for an id from the future).
pub fn age_ms(now_ms: u64, id: &str) -> Option<u64> {
    id_ms(id).map(|ms| now_ms.saturating_sub(ms))
}

/// The dead-letter stream of `key` (`stream dlq`'s default): `KEY:dlq`, or on a cluster the
/// first of `KEY:dlq`, `{KEY}:dlq` that shares KEY's slot (one script moves an entry).
pub fn dead_letter_key(key: &[u8], cluster: bool) -> Option<Vec<u8>> {
    use super::cluster::slot;
    let plain = [key, b":dlq"].concat();
    if !cluster || slot(&plain) == slot(key) {
        return Some(plain);
    }
    let braced = [b"{", key, b"}:dlq"].concat();
    (slot(&braced) == slot(key)).then_some(braced)
}

/// The entries of an XRANGE/XREVRANGE reply (or one stream of an XREAD reply), moving the
/// bytes out of the reply.
pub fn entries(v: Value) -> Result<Vec<RawEntry>, DecodeError> {
    entries_of("XRANGE", v)
}

fn entries_of(reply: &'static str, v: Value) -> Result<Vec<RawEntry>, DecodeError> {
    let items = items(reply, v)?;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let Value::Array(parts) = item else {
            return Err(shape(reply, "an entry [id, fields]", &item));
        };
        let mut parts = parts.into_iter();
        let id = match parts.next() {
            Some(v @ (Value::BulkString(_) | Value::SimpleString(_))) => {
                into_bytes(v).unwrap_or_default()
            }
            Some(other) => return Err(shape(reply, "an entry id", &other)),
            None => {
                return Err(DecodeError::Short {
                    reply,
                    len: 0,
                    want: 1,
                });
            }
        };
        let mut fields = Vec::new();
        match parts.next() {
            Some(Value::Array(fv)) => {
                fields.reserve(fv.len() / 2);
                let mut it = fv.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    fields.push((
                        into_bytes(k).unwrap_or_default(),
                        into_bytes(v).unwrap_or_default(),
                    ));
                }
            }
            Some(Value::Map(m)) => {
                for (k, v) in m {
                    fields.push((
                        into_bytes(k).unwrap_or_default(),
                        into_bytes(v).unwrap_or_default(),
                    ));
                }
            }
            _ => {}
        }
        out.push(RawEntry { id, fields });
    }
    Ok(out)
}

/// One stream of an XREAD reply: its key and entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StreamEntries {
    pub key: Vec<u8>,
    pub entries: Vec<RawEntry>,
}

/// XREAD/XREADGROUP: per stream its key and entries (nil when a block timed out).
pub fn xread(v: Value) -> Result<Vec<StreamEntries>, DecodeError> {
    const R: &str = "XREAD";
    let streams: Vec<(Value, Value)> = match v {
        Value::Nil => return Ok(Vec::new()),
        Value::Map(m) => m,
        Value::Array(items) => items
            .into_iter()
            .map(|s| {
                let kv = match s {
                    Value::Array(kv) => kv,
                    other => return Err(shape(R, "[key, entries]", &other)),
                };
                let len = kv.len();
                let mut it = kv.into_iter();
                match (it.next(), it.next()) {
                    (Some(k), Some(e)) => Ok((k, e)),
                    _ => Err(DecodeError::Short {
                        reply: R,
                        len,
                        want: 2,
                    }),
                }
            })
            .collect::<Result<_, _>>()?,
        other => return Err(shape(R, "streams", &other)),
    };
    streams
        .into_iter()
        .map(|(k, e)| {
            Ok(StreamEntries {
                key: into_bytes(k).unwrap_or_default(),
                entries: entries_of(R, e)?,
            })
        })
        .collect()
}

/// XCLAIM … JUSTID: the ids claimed.
pub fn ids(v: Value) -> Result<Vec<String>, DecodeError> {
    Ok(items("XCLAIM", v)?.iter().filter_map(text_of).collect())
}

/// XAUTOCLAIM: the cursor to continue from, the entries claimed (ids only under JUSTID:
/// entries without fields) and, on Redis 7, the ids of pending entries no longer in the
/// stream.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AutoClaim {
    pub next: String,
    pub claimed: Vec<RawEntry>,
    pub deleted: Vec<String>,
}

impl AutoClaim {
    pub fn decode(v: Value) -> Result<AutoClaim, DecodeError> {
        const R: &str = "XAUTOCLAIM";
        let parts = items(R, v)?;
        let len = parts.len();
        let mut it = parts.into_iter();
        let (Some(next), Some(claimed)) = (it.next(), it.next()) else {
            return Err(DecodeError::Short {
                reply: R,
                len,
                want: 2,
            });
        };
        let next = text_of(&next).ok_or_else(|| shape(R, "a cursor id", &next))?;
        let claimed = items(R, claimed)?
            .into_iter()
            .map(|c| match c {
                // JUSTID: bare ids.
                Value::BulkString(_) | Value::SimpleString(_) => Ok(RawEntry {
                    id: into_bytes(c).unwrap_or_default(),
                    fields: Vec::new(),
                }),
                other => Ok(entries_of(R, Value::Array(vec![other]))?
                    .pop()
                    .unwrap_or_default()),
            })
            .collect::<Result<_, DecodeError>>()?;
        let deleted = match it.next() {
            Some(d) => items(R, d)?.iter().filter_map(text_of).collect(),
            None => Vec::new(),
        };
        Ok(AutoClaim {
            next,
            claimed,
            deleted,
        })
    }
}

// The export path's parser: an XRANGE reply read in place from a raw connection's buffer,
// so an entry costs no allocation (redis-rs builds a tree of values per entry).

/// One parsed XRANGE reply: entries as ids and ranges into `fields`, fields as ranges into
/// the buffer.
#[derive(Debug, Default)]
pub struct Page {
    pub entries: Vec<(StreamId, Range<usize>)>,
    pub fields: Vec<(Range<usize>, Range<usize>)>,
    /// Bytes of the buffer the reply took.
    pub consumed: usize,
}

/// What [`parse_page`] made of the buffer.
#[derive(Debug)]
pub enum Parse {
    /// The reply has not fully arrived: read more and parse again.
    Incomplete,
    Error(String),
    Done,
}

struct Cursor<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    /// The next `\r\n`-terminated line (without it).
    fn line(&mut self) -> Option<Range<usize>> {
        let rest = &self.b[self.pos..];
        let nl = rest.iter().position(|&c| c == b'\n')?;
        if nl == 0 || rest[nl - 1] != b'\r' {
            return None;
        }
        let r = self.pos..self.pos + nl - 1;
        self.pos += nl + 1;
        Some(r)
    }

    fn int(&self, r: Range<usize>) -> Option<i64> {
        std::str::from_utf8(self.b.get(r.start + 1..r.end)?)
            .ok()?
            .parse()
            .ok()
    }
}

/// Parses one XRANGE reply at the start of `b` into `page`.
pub fn parse_page(b: &[u8], page: &mut Page) -> Parse {
    page.entries.clear();
    page.fields.clear();
    let mut c = Cursor { b, pos: 0 };
    macro_rules! need {
        ($e:expr) => {
            match $e {
                Some(v) => v,
                None => return Parse::Incomplete,
            }
        };
    }
    let head = need!(c.line());
    match b[head.start] {
        b'-' => {
            return Parse::Error(
                String::from_utf8_lossy(&b[head.start + 1..head.end]).into_owned(),
            );
        }
        b'*' => {}
        _ => return Parse::Error("unexpected reply".into()),
    }
    let n = c.int(head).unwrap_or(-1);
    for _ in 0..n.max(0) {
        let h = need!(c.line());
        if b[h.start] != b'*' {
            return Parse::Error("an entry is not an array".into());
        }
        let idl = need!(c.line());
        let idr = need!(bulk(&mut c, idl));
        let Some(id) = StreamId::parse(&b[idr]) else {
            return Parse::Error("an entry has no valid id".into());
        };
        let fl = need!(c.line());
        let nf = c.int(fl).unwrap_or(0).max(0) as usize;
        let from = page.fields.len();
        for _ in 0..nf / 2 {
            let kl = need!(c.line());
            let k = need!(bulk(&mut c, kl));
            let vl = need!(c.line());
            let v = need!(bulk(&mut c, vl));
            page.fields.push((k, v));
        }
        page.entries.push((id, from..page.fields.len()));
    }
    page.consumed = c.pos;
    Parse::Done
}

/// The payload of a `$len` bulk string whose header line is `h`.
fn bulk(c: &mut Cursor, h: Range<usize>) -> Option<Range<usize>> {
    let len = c.int(h.clone())?;
    if c.b[h.start] != b'$' || len < 0 {
        return Some(c.pos..c.pos);
    }
    let start = c.pos;
    let end = start + len as usize;
    if c.b.len() < end + 2 {
        return None;
    }
    c.pos = end + 2;
    Some(start..end)
}

/// Parses one XINFO STREAM reply (RESP2, as the raw connections speak) at the start of `b`
/// in place, the two entries' fields skipped: `Ok(None)` when it has not fully arrived, else
/// the facts and the bytes it took. An error reply is `Err` with its text.
pub fn parse_stream_info(b: &[u8]) -> Result<Option<(StreamInfo, usize)>, String> {
    let mut c = Cursor { b, pos: 0 };
    macro_rules! need {
        ($e:expr) => {
            match $e {
                Some(v) => v,
                None => return Ok(None),
            }
        };
    }
    // The whole value that starts at `at` (a reply framed by its length), skipped.
    fn skip(c: &mut Cursor<'_>, at: usize) -> Result<Option<()>, String> {
        match super::resp::frame(&c.b[at..])? {
            Some((_, len)) => {
                c.pos = at + len;
                Ok(Some(()))
            }
            None => Ok(None),
        }
    }
    let head = need!(c.line());
    match b[head.start] {
        b'-' => return Err(String::from_utf8_lossy(&b[head.start + 1..head.end]).into_owned()),
        b'*' => {}
        _ => return Err("XINFO STREAM: unexpected reply".into()),
    }
    let n = c.int(head).unwrap_or(0).max(0);
    let mut info = StreamInfo::default();
    for _ in 0..n / 2 {
        let kl = need!(c.line());
        let k = need!(bulk(&mut c, kl));
        let key = &b[k];
        let at = c.pos;
        let vl = need!(c.line());
        match b[vl.start] {
            b':' => {
                let v = c.int(vl);
                match key {
                    b"length" => info.length = v,
                    b"groups" => info.groups = v,
                    b"entries-added" => info.entries_added = v,
                    _ => {}
                }
            }
            b'$' => {
                let r = need!(bulk(&mut c, vl));
                if key == b"last-generated-id" {
                    info.last_generated_id = Some(String::from_utf8_lossy(&b[r]).into_owned());
                }
            }
            // An entry, [id, [field, value, ...]] (nil when the stream is empty): its id.
            b'*' if key == b"first-entry" || key == b"last-entry" => {
                if c.int(vl).unwrap_or(-1) < 2 {
                    need!(skip(&mut c, at)?);
                    continue;
                }
                let il = need!(c.line());
                let id = need!(bulk(&mut c, il));
                let id = Some(String::from_utf8_lossy(&b[id]).into_owned());
                if key == b"first-entry" {
                    info.first_id = id;
                } else {
                    info.last_id = id;
                }
                let fields = c.pos;
                need!(skip(&mut c, fields)?);
            }
            _ => need!(skip(&mut c, at)?),
        }
    }
    Ok(Some((info, c.pos)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bulk(s: &[u8]) -> Value {
        Value::BulkString(s.to_vec())
    }

    fn arr(v: Vec<Value>) -> Value {
        Value::Array(v)
    }

    #[test]
    fn id_times() {
        assert_eq!(id_ms("1700000000000-3"), Some(1_700_000_000_000));
        assert_eq!(id_ms("5"), Some(5));
        assert_eq!(id_ms("x-1"), None);
    }

    #[test]
    fn xinfo_stream_read_in_place() {
        let reply: &[u8] = b"*20\r\n$6\r\nlength\r\n:3\r\n$15\r\nradix-tree-keys\r\n:1\r\n\
            $16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n5-1\r\n\
            $20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:3\r\n\
            $23\r\nrecorded-first-entry-id\r\n$3\r\n1-0\r\n$6\r\ngroups\r\n:1\r\n\
            $11\r\nfirst-entry\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nk\r\n$2\r\n\r\n\r\n\
            $10\r\nlast-entry\r\n*2\r\n$3\r\n5-1\r\n*2\r\n$1\r\nk\r\n$1\r\nv\r\n+NEXT\r\n";
        let (info, used) = parse_stream_info(reply).unwrap().unwrap();
        assert_eq!(
            info,
            StreamInfo {
                length: Some(3),
                groups: Some(1),
                first_id: Some("1-0".into()),
                last_id: Some("5-1".into()),
                last_generated_id: Some("5-1".into()),
                entries_added: Some(3),
            }
        );
        assert_eq!(&reply[used..], b"+NEXT\r\n");
        // Cut anywhere, it waits for more; an empty stream's entries are nil.
        for cut in 0..used {
            assert_eq!(
                parse_stream_info(&reply[..cut]).unwrap(),
                None,
                "cut at {cut}"
            );
        }
        let empty = b"*4\r\n$6\r\nlength\r\n:0\r\n$11\r\nfirst-entry\r\n$-1\r\n";
        let (info, _) = parse_stream_info(empty).unwrap().unwrap();
        assert_eq!((info.length, info.first_id), (Some(0), None));
        assert_eq!(
            parse_stream_info(b"-ERR no such key\r\n"),
            Err("ERR no such key".into())
        );
    }

    #[test]
    fn xinfo_stream_in_both_protocols() {
        let entry = arr(vec![bulk(b"5-1"), arr(vec![bulk(b"k"), bulk(b"v")])]);
        let pairs = vec![
            (bulk(b"length"), Value::Int(3)),
            (bulk(b"groups"), Value::Int(1)),
            (bulk(b"last-generated-id"), bulk(b"5-1")),
            (bulk(b"first-entry"), entry.clone()),
            (bulk(b"last-entry"), entry),
        ];
        let flat = arr(pairs
            .iter()
            .flat_map(|(k, v)| [k.clone(), v.clone()])
            .collect());
        let want = StreamInfo {
            length: Some(3),
            groups: Some(1),
            first_id: Some("5-1".into()),
            last_id: Some("5-1".into()),
            last_generated_id: Some("5-1".into()),
            entries_added: None,
        };
        assert_eq!(StreamInfo::decode(flat).unwrap(), want);
        assert_eq!(StreamInfo::decode(Value::Map(pairs)).unwrap(), want);
        let empty = arr(vec![
            bulk(b"length"),
            Value::Int(0),
            bulk(b"first-entry"),
            Value::Nil,
        ]);
        assert_eq!(StreamInfo::decode(empty).unwrap().first_id, None);
        assert!(matches!(
            StreamInfo::decode(Value::Int(1)),
            Err(DecodeError::Shape {
                got: "an integer",
                ..
            })
        ));
    }

    #[test]
    fn groups_and_consumers_keep_name_bytes() {
        let g = arr(vec![
            bulk(b"name"),
            bulk(b"w\xff"),
            bulk(b"pending"),
            Value::Int(2),
            bulk(b"lag"),
            Value::Nil,
            bulk(b"last-delivered-id"),
            bulk(b"3-0"),
        ]);
        let gs = groups(arr(vec![g])).unwrap();
        assert_eq!(gs[0].name, b"w\xff");
        assert_eq!(gs[0].pending, Some(2));
        assert_eq!(gs[0].lag, None);
        assert_eq!(gs[0].last_delivered_id.as_deref(), Some("3-0"));
        assert!(groups(Value::Nil).unwrap().is_empty());
        assert!(groups(arr(vec![Value::Int(1)])).is_err());
        assert!(groups(bulk(b"x")).is_err());
        let c = arr(vec![
            bulk(b"name"),
            bulk(b"c\x1b"),
            bulk(b"idle"),
            Value::Int(7),
        ]);
        let cs = consumers(arr(vec![c])).unwrap();
        assert_eq!(cs[0].name, b"c\x1b");
        assert_eq!((cs[0].idle_ms, cs[0].pending), (Some(7), None));
    }

    #[test]
    fn pending_forms() {
        let s = arr(vec![
            Value::Int(3),
            bulk(b"1-0"),
            bulk(b"9-0"),
            arr(vec![arr(vec![bulk(b"c1"), bulk(b"3")])]),
        ]);
        let s = PendingSummary::decode(s).unwrap();
        assert_eq!((s.count, s.min_id.as_deref()), (3, Some("1-0")));
        assert_eq!(s.consumers, vec![(b"c1".to_vec(), 3)]);
        let none = arr(vec![Value::Int(0), Value::Nil, Value::Nil, Value::Nil]);
        assert_eq!(PendingSummary::decode(none).unwrap().consumers, vec![]);
        assert!(
            PendingSummary::decode(arr(vec![
                Value::Int(1),
                Value::Nil,
                Value::Nil,
                arr(vec![arr(vec![])])
            ]))
            .is_err()
        );
        let e = arr(vec![arr(vec![
            bulk(b"1-0"),
            bulk(b"c\xff"),
            Value::Int(5),
            Value::Int(2),
        ])]);
        let e = pending_entries(e).unwrap();
        assert_eq!(e[0].consumer, b"c\xff");
        assert_eq!((e[0].idle_ms, e[0].deliveries), (Some(5), Some(2)));
        assert!(matches!(
            pending_entries(arr(vec![arr(vec![bulk(b"1-0")])])),
            Err(DecodeError::Short {
                len: 1,
                want: 4,
                ..
            })
        ));
        assert!(pending_entries(Value::Okay).is_err());
    }

    #[test]
    fn entry_fields() {
        let e = arr(vec![arr(vec![
            bulk(b"5-1"),
            arr(vec![
                bulk(b"data"),
                bulk(b"{}"),
                bulk(b"event_type"),
                bulk(b"task_failed"),
            ]),
        ])]);
        let e = entries(e).unwrap();
        assert_eq!(e[0].id, b"5-1");
        assert_eq!(e[0].field("event_type"), Some(&b"task_failed"[..]));
        assert_eq!(e[0].field("missing"), None);
    }

    #[test]
    fn entries_reads_and_claims() {
        let e = arr(vec![
            arr(vec![
                bulk(b"5-1"),
                arr(vec![bulk(b"event_type"), bulk(b"\xff")]),
            ]),
            arr(vec![bulk(b"6-0"), Value::Nil]),
        ]);
        let got = entries(e.clone()).unwrap();
        assert_eq!(got[0].field("event_type"), Some(&b"\xff"[..]));
        assert!(got[1].fields.is_empty());
        assert!(entries(Value::Nil).unwrap().is_empty());
        assert!(entries(arr(vec![Value::Int(1)])).is_err());
        assert!(entries(arr(vec![arr(vec![])])).is_err());
        assert!(entries(arr(vec![arr(vec![Value::Nil])])).is_err());
        let r = xread(arr(vec![arr(vec![bulk(b"k\xfe"), e.clone()])])).unwrap();
        assert_eq!(
            (r[0].key.as_slice(), r[0].entries.len()),
            (&b"k\xfe"[..], 2)
        );
        assert_eq!(
            xread(Value::Map(vec![(bulk(b"k"), e.clone())])).unwrap()[0]
                .entries
                .len(),
            2
        );
        assert!(xread(arr(vec![arr(vec![bulk(b"k")])])).is_err());
        assert!(xread(Value::Nil).unwrap().is_empty());
        let a = AutoClaim::decode(arr(vec![bulk(b"0-0"), e, arr(vec![bulk(b"4-0")])])).unwrap();
        assert_eq!((a.next.as_str(), a.claimed.len()), ("0-0", 2));
        assert_eq!(a.deleted, vec!["4-0".to_string()]);
        let j = AutoClaim::decode(arr(vec![bulk(b"7-0"), arr(vec![bulk(b"5-1")])])).unwrap();
        assert_eq!(j.claimed[0].id, b"5-1");
        assert!(AutoClaim::decode(arr(vec![bulk(b"0-0")])).is_err());
        assert_eq!(ids(arr(vec![bulk(b"1-0"), bulk(b"2-0")])).unwrap().len(), 2);
    }

    fn any_value() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Nil),
            Just(Value::Okay),
            any::<i64>().prop_map(Value::Int),
            proptest::collection::vec(any::<u8>(), 0..6).prop_map(Value::BulkString),
            "[a-z-]{0,8}".prop_map(Value::SimpleString),
            any::<f64>().prop_map(Value::Double),
            any::<bool>().prop_map(Value::Boolean),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec((inner.clone(), inner), 0..4).prop_map(Value::Map),
            ]
        })
    }

    proptest::proptest! {
        #[test]
        fn odd_replies_never_panic(v in any_value()) {
            let _ = StreamInfo::decode(v.clone());
            let _ = groups(v.clone());
            let _ = consumers(v.clone());
            let _ = PendingSummary::decode(v.clone());
            let _ = pending_entries(v.clone());
            let _ = entries(v.clone());
            let _ = xread(v.clone());
            let _ = ids(v.clone());
            let _ = AutoClaim::decode(v);
        }

        #[test]
        fn raw_pages_never_panic(b in proptest::collection::vec(
            proptest::sample::select(b"*$-:\r\n0123-4xk".to_vec()), 0..64)) {
            let mut page = Page::default();
            if let Parse::Done = parse_page(&b, &mut page) {
                proptest::prop_assert!(page.consumed <= b.len());
            }
        }
    }

    #[test]
    fn a_reply_parses_only_when_complete() {
        let reply = b"*2\r\n*2\r\n$3\r\n1-0\r\n*4\r\n$4\r\ndata\r\n$2\r\n{}\r\n$1\r\nx\r\n$3\r\n\xff\r\n\r\n*2\r\n$3\r\n2-5\r\n*0\r\n";
        let mut page = Page::default();
        for cut in 0..reply.len() {
            assert!(
                matches!(parse_page(&reply[..cut], &mut page), Parse::Incomplete),
                "complete at {cut}"
            );
        }
        assert!(matches!(parse_page(reply, &mut page), Parse::Done));
        assert_eq!(page.consumed, reply.len());
        assert_eq!(page.entries.len(), 2);
        assert_eq!(page.entries[1].0, StreamId { ms: 2, seq: 5 });
        let (k, v) = page.fields[1].clone();
        assert_eq!(&reply[k], b"x");
        assert_eq!(&reply[v], b"\xff\r\n");
        assert!(matches!(
            parse_page(b"-WRONGTYPE x\r\n", &mut page),
            Parse::Error(_)
        ));
    }
}
