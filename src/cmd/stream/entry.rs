//! One stream entry as Redis stores it (an id and field/value byte pairs), and how it is
//! written: the contract's JSON object, redis-cli-like raw lines, and a table line for people.
//!
//! JSON is written by hand into a byte buffer because `read` exports millions of entries:
//! no intermediate `serde_json::Value`, and `data` is copied verbatim once it is known to be
//! valid single-line JSON.

use std::io::{self, Write};

use crate::output::paint::Painted;
use crate::output::width::width as width_of;
use redis::Value;

use crate::redis::streams::RawEntry;

use super::id::StreamId;

/// One entry: its id and its fields in stored order (duplicates and all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: StreamId,
    pub fields: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Entry {
    /// The fields as borrowed pairs (what the writers take).
    pub fn pairs(&self) -> Vec<Pair<'_>> {
        self.fields
            .iter()
            .map(|(k, v)| (k.as_slice(), v.as_slice()))
            .collect()
    }

    /// The value of the first field with this name.
    pub fn field(&self, name: &str) -> Option<&[u8]> {
        self.fields
            .iter()
            .find(|(k, _)| k == name.as_bytes())
            .map(|(_, v)| v.as_slice())
    }

    /// The `event_type` field as text, when present and UTF-8.
    pub fn event_type(&self) -> Option<&str> {
        self.field("event_type")
            .and_then(|v| std::str::from_utf8(v).ok())
    }

    /// The parsed `data` field, when it holds valid JSON.
    pub fn data(&self) -> Option<serde_json::Value> {
        self.field("data")
            .and_then(|d| serde_json::from_slice(d).ok())
    }

    /// Whether any field name or value contains `needle`.
    pub fn contains(&self, needle: &[u8]) -> bool {
        contains(&self.pairs(), needle)
    }

    /// Appends the contract's JSON object (no newline) to `buf`.
    pub fn write_json(&self, stream: &[u8], buf: &mut Vec<u8>) {
        write_json(stream, self.id, &self.pairs(), buf);
    }

    /// The contract's JSON object as a value (for reports that embed entries).
    pub fn to_json(&self, stream: &[u8]) -> serde_json::Value {
        let mut buf = Vec::with_capacity(256);
        self.write_json(stream, &mut buf);
        serde_json::from_slice(&buf).unwrap_or(serde_json::Value::Null)
    }

    /// The entry as `redis-cli --raw` prints it (see `write_raw`).
    pub fn write_raw(&self, w: &mut Vec<u8>) {
        write_raw(self.id, &self.pairs(), w);
    }

    /// One table line: id, compact local time, event type (colored by kind), summary cut to
    /// what the line has left. Everything that came from Redis is escaped (control
    /// characters shown, not obeyed), color or not.
    pub fn write_table_line(&self, w: &mut Vec<u8>, color: bool, layout: &Layout) {
        let time = crate::output::time::compact(self.id.ms);
        let kind = self
            .field("event_type")
            .map(escape)
            .unwrap_or_else(|| "-".into());
        let padded = pad(&kind, KIND_W);
        let head = format!(
            "{}  {}  ",
            pad(&self.id.to_string(), ID_W),
            pad(&time, layout.time_w)
        );
        let used = width_of(&head) + width_of(&padded) + 2;
        let room = layout
            .width
            .map_or(SUMMARY_MAX, |w| w.saturating_sub(used).max(10));
        let kind = if color { paint(&kind, &padded) } else { padded };
        let line = format!("{head}{kind}  {}", summary(self, room));
        let _ = writeln!(w, "{}", line.trim_end());
    }
}

/// The columns of the streaming table: the id, the time (compact, in the local zone, the zone
/// once in the header; JSON keeps RFC 3339 with milliseconds), the event type, the summary.
const ID_W: usize = 16;
const KIND_W: usize = 18;
/// The summary's columns when the line has no width (a pipe, `--wide`).
const SUMMARY_MAX: usize = 100;

/// How the table lines of one run are laid out: the time column fits its header, the line its
/// terminal.
#[derive(Debug, Clone)]
pub struct Layout {
    time_head: String,
    time_w: usize,
    width: Option<usize>,
}

impl Layout {
    pub fn new(width: Option<usize>) -> Layout {
        let time_head = crate::output::time::header("time");
        // `Nov 30 19:40` is the widest compact time.
        let time_w = width_of(&time_head).max(12);
        Layout {
            time_head,
            time_w,
            width,
        }
    }

    /// The header matching `write_table_line`.
    pub fn header(&self) -> String {
        let line = format!(
            "{}  {}  {}  summary",
            pad("id", ID_W),
            pad(&self.time_head, self.time_w),
            pad("event_type", KIND_W)
        );
        line.trim_end().to_string()
    }
}

/// `s` padded with spaces to `w` columns (display width).
fn pad(s: &str, w: usize) -> String {
    let n = w.saturating_sub(width_of(s));
    format!("{s}{}", " ".repeat(n))
}

/// A field name and value, borrowed from an owned entry or straight from a reply buffer.
pub type Pair<'a> = (&'a [u8], &'a [u8]);

/// The value of the first field with this name.
pub fn find<'a>(fields: &[Pair<'a>], name: &[u8]) -> Option<&'a [u8]> {
    fields.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
}

/// The `event_type` field as text, when present and UTF-8.
pub fn event_type<'a>(fields: &[Pair<'a>]) -> Option<&'a str> {
    find(fields, b"event_type").and_then(|v| std::str::from_utf8(v).ok())
}

/// Whether any field name or value contains `needle`.
pub fn contains(fields: &[Pair], needle: &[u8]) -> bool {
    needle.is_empty()
        || fields.iter().any(|(k, v)| {
            k.windows(needle.len()).any(|w| w == needle)
                || v.windows(needle.len()).any(|w| w == needle)
        })
}

/// Appends the contract's JSON object for one entry (no newline) to `buf`.
pub fn write_json(stream: &[u8], id: StreamId, fields: &[Pair], buf: &mut Vec<u8>) {
    buf.extend_from_slice(b"{\"stream\":");
    json_bytes(buf, stream);
    buf.extend_from_slice(b",\"id\":\"");
    id.write_to(buf);
    buf.extend_from_slice(b"\",\"time\":\"");
    buf.extend_from_slice(&rfc3339_ms(id.ms));
    buf.extend_from_slice(b"\",\"event_type\":");
    match event_type(fields) {
        Some(t) => json_str(buf, t),
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(b",\"fields\":{");
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        match std::str::from_utf8(k) {
            Ok(s) => json_str(buf, s),
            Err(_) => {
                buf.extend_from_slice(b"\"base64:");
                base64(buf, k);
                buf.push(b'"');
            }
        }
        buf.push(b':');
        json_bytes(buf, v);
    }
    buf.extend_from_slice(b"},\"data\":");
    write_data(buf, find(fields, b"data"));
    buf.push(b'}');
}

/// An entry as `redis-cli --raw` prints it: the id, then each field name and value on lines
/// of their own, bytes as stored.
pub fn write_raw(id: StreamId, fields: &[Pair], w: &mut Vec<u8>) {
    id.write_to(w);
    w.push(b'\n');
    for (k, v) in fields {
        w.extend_from_slice(k);
        w.push(b'\n');
        w.extend_from_slice(v);
        w.push(b'\n');
    }
}

/// Colors an event type by kind: started, progress, completed, failed. Callers ask only when
/// their output takes colour.
pub fn paint(kind: &str, text: &str) -> String {
    let t = Painted::new(text, true);
    if kind.ends_with("failed") || kind.contains("error") {
        t.red().bold().to_string()
    } else if kind.ends_with("completed") || kind.ends_with("generated") {
        t.green().to_string()
    } else if kind.ends_with("started") {
        t.cyan().to_string()
    } else if kind.ends_with("progress") {
        t.yellow().to_string()
    } else {
        text.to_string()
    }
}

/// The most telling text of an entry: the progress, error or message of its `data` (the error
/// first for a failure), else the compact `data`, else its fields; cut to `max` characters.
pub fn summary(e: &Entry, max: usize) -> String {
    let failed = e
        .field("event_type")
        .is_some_and(|t| t.ends_with(b"failed") || t.windows(5).any(|w| w == b"error"));
    let keys: &[&str] = if failed {
        &["error", "message", "progress", "status"]
    } else {
        &["progress", "error", "message", "status"]
    };
    let text = match e.data() {
        Some(serde_json::Value::Object(m)) => keys
            .iter()
            .find_map(|k| m.get(*k).and_then(|v| v.as_str()).map(str::to_string))
            .unwrap_or_else(|| serde_json::Value::Object(m).to_string()),
        Some(other) => other.to_string(),
        None => e
            .fields
            .iter()
            .map(|(k, v)| format!("{}={}", escape(k), escape(v)))
            .collect::<Vec<_>>()
            .join(" "),
    };
    cut(&text, max)
}

/// Cuts text to `max` columns of a terminal (a CJK character takes two), marking the cut;
/// control characters are escaped first, so the text stays on one line and cannot steer the
/// terminal.
pub fn cut(text: &str, max: usize) -> String {
    let one_line = crate::output::escape::escape_str(text);
    crate::output::width::truncate(&one_line, max)
}

pub use crate::output::escape::escape_bytes as escape;

/// `data`: verbatim when it is valid JSON on one line, re-serialized when valid but spread over
/// lines (NDJSON needs one line), null otherwise.
fn write_data(buf: &mut Vec<u8>, data: Option<&[u8]>) {
    let Some(d) = data else {
        buf.extend_from_slice(b"null");
        return;
    };
    if serde_json::from_slice::<serde::de::IgnoredAny>(d).is_err() {
        buf.extend_from_slice(b"null");
        return;
    }
    if d.iter().any(|&b| b == b'\n' || b == b'\r') {
        match serde_json::from_slice::<serde_json::Value>(d) {
            Ok(v) => {
                let _ = serde_json::to_writer(&mut *buf, &v);
            }
            Err(_) => buf.extend_from_slice(b"null"),
        }
        return;
    }
    buf.extend_from_slice(trim_ascii(d));
}

fn trim_ascii(d: &[u8]) -> &[u8] {
    d.trim_ascii()
}

/// A JSON string for UTF-8 text.
fn json_str(buf: &mut Vec<u8>, s: &str) {
    let _ = serde_json::to_writer(&mut *buf, s);
}

/// Bytes as JSON: a string when they are UTF-8, else `{"base64":"..."}` (lossless).
pub fn json_bytes(buf: &mut Vec<u8>, b: &[u8]) {
    match std::str::from_utf8(b) {
        Ok(s) => json_str(buf, s),
        Err(_) => {
            buf.extend_from_slice(b"{\"base64\":\"");
            base64(buf, b);
            buf.extend_from_slice(b"\"}");
        }
    }
}

pub use crate::output::escape::base64;

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` for milliseconds since the epoch, without a date library call
/// per entry (civil-from-days, H. Hinnant).
/// The last millisecond a four-digit year can show (9999-12-31T23:59:59.999Z): ids may carry
/// any u64 time, and later ones are shown as this moment everywhere.
const LAST_MS: u64 = 253_402_300_799_999;

pub fn rfc3339_ms(ms: u64) -> [u8; 24] {
    let ms = ms.min(LAST_MS);
    let secs = ms / 1000;
    let days = (secs / 86400) as i64;
    let sod = secs % 86400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let mut out = *b"0000-00-00T00:00:00.000Z";
    let put = |out: &mut [u8; 24], at: usize, width: usize, mut v: u64| {
        for i in (0..width).rev() {
            out[at + i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(&mut out, 0, 4, y.clamp(0, 9999) as u64);
    put(&mut out, 5, 2, m as u64);
    put(&mut out, 8, 2, d as u64);
    put(&mut out, 11, 2, sod / 3600);
    put(&mut out, 14, 2, (sod % 3600) / 60);
    put(&mut out, 17, 2, sod % 60);
    put(&mut out, 20, 3, ms % 1000);
    out
}

/// Reads the entries of an XRANGE/XREVRANGE reply (or one stream of an XREAD reply), moving
/// the bytes out of the reply. Entries without fields (deleted, in a consumer's history) keep
/// their id and no fields.
pub fn parse_entries(v: Value) -> io::Result<Vec<Entry>> {
    entries_from(crate::redis::streams::entries(v).map_err(|e| bad(e.to_string()))?)
}

/// Entries decoded by `redis::streams`, with their ids parsed.
pub fn entries_from(raw: Vec<RawEntry>) -> io::Result<Vec<Entry>> {
    raw.into_iter()
        .map(|e| {
            let id =
                StreamId::parse(&e.id).ok_or_else(|| bad("an entry has no valid id".into()))?;
            Ok(Entry {
                id,
                fields: e.fields,
            })
        })
        .collect()
}

fn bad(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(fields: &[(&[u8], &[u8])]) -> Entry {
        Entry {
            id: StreamId {
                ms: 1_700_000_000_123,
                seq: 4,
            },
            fields: fields
                .iter()
                .map(|(k, v)| (k.to_vec(), v.to_vec()))
                .collect(),
        }
    }

    #[test]
    fn json_has_the_contract_keys_and_keeps_chinese_text() {
        let e = entry(&[
            (
                b"data",
                "{\"event_type\":\"task_progress\",\"progress\":\"正在分析\"}".as_bytes(),
            ),
            (b"timestamp", b""),
            (b"event_type", b"task_progress"),
        ]);
        let v = e.to_json(b"job_events:1");
        assert_eq!(v["stream"], "job_events:1");
        assert_eq!(v["id"], "1700000000123-4");
        assert_eq!(v["time"], "2023-11-14T22:13:20.123Z");
        assert_eq!(v["event_type"], "task_progress");
        assert_eq!(v["fields"]["timestamp"], "");
        assert_eq!(v["data"]["progress"], "正在分析");
    }

    #[test]
    fn table_lines_are_compact_and_fit_their_terminal() {
        let long = "正在分析".repeat(30);
        let data = format!("{{\"progress\":\"{long}\"}}");
        let e = entry(&[
            (b"data", data.as_bytes()),
            (b"event_type", b"task_progress"),
        ]);
        for cols in [80, 120] {
            let layout = Layout::new(Some(cols));
            assert!(layout.header().contains("time (UTC"), "{}", layout.header());
            let mut buf = Vec::new();
            e.write_table_line(&mut buf, true, &layout);
            let line = String::from_utf8(buf).unwrap();
            let line = line.trim_end_matches('\n');
            assert!(width_of(line) <= cols, "{cols}: {line}");
            assert!(line.starts_with("1700000000123-4  "), "{line}");
            // The compact time of 2023: a date, not 29 characters of timestamp.
            assert!(!line.contains(".123"), "{line}");
            assert!(!crate::output::width::leaves_open(line), "{line:?}");
        }
        // Without a width (a pipe) the summary keeps its 100 columns.
        let mut buf = Vec::new();
        e.write_table_line(&mut buf, false, &Layout::new(None));
        assert!(width_of(std::str::from_utf8(&buf).unwrap()) > 120);
    }

    #[test]
    fn invalid_and_binary_values_stay_lossless() {
        let e = entry(&[(b"data", b"{not json"), (b"\xff", b"\x00\xfe\x41")]);
        let mut buf = Vec::new();
        e.write_json(b"s", &mut buf);
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert!(v["data"].is_null());
        assert!(v["event_type"].is_null());
        assert_eq!(v["fields"]["data"], "{not json");
        assert_eq!(v["fields"]["base64:/w=="]["base64"], "AP5B");
    }

    #[test]
    fn multi_line_data_is_made_one_line() {
        let e = entry(&[(b"data", b"{\n \"a\": 1\n}")]);
        let mut buf = Vec::new();
        e.write_json(b"s", &mut buf);
        assert!(!buf.contains(&b'\n'));
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v["data"]["a"], 1);
    }

    #[test]
    fn base64_matches_rfc4648() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
        ] {
            let mut b = Vec::new();
            base64(&mut b, i.as_bytes());
            assert_eq!(String::from_utf8(b).unwrap(), o);
        }
    }

    #[test]
    fn rfc3339_agrees_with_chrono() {
        for ms in [0u64, 951_782_400_000, 1_709_251_199_999, 4_102_444_800_001] {
            let ours = String::from_utf8(rfc3339_ms(ms).to_vec()).unwrap();
            let theirs = chrono::DateTime::from_timestamp_millis(ms as i64)
                .unwrap()
                .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                .to_string();
            assert_eq!(ours, theirs);
        }
        // Past year 9999 (ids may hold any u64 time): the last moment, in both forms.
        for ms in [LAST_MS + 1, 1 << 63, u64::MAX] {
            assert_eq!(&rfc3339_ms(ms), b"9999-12-31T23:59:59.999Z");
            let shown = crate::output::time::compact(ms);
            assert!(shown.len() <= 12, "{shown}");
        }
    }

    #[test]
    fn a_failure_is_summed_up_by_its_error() {
        let data = br#"{"progress": "step 3 of 5", "error": "timeout talking to the model"}"#;
        let failed = entry(&[(b"data", data), (b"event_type", b"task_failed")]);
        assert_eq!(summary(&failed, 100), "timeout talking to the model");
        let progress = entry(&[(b"data", data), (b"event_type", b"task_progress")]);
        assert_eq!(summary(&progress, 100), "step 3 of 5");
    }

    #[test]
    fn escape_shows_bad_bytes() {
        assert_eq!(escape("ok\n中".as_bytes()), "ok\\n中");
        assert_eq!(escape(b"a\xffb"), "a\\xffb");
        assert_eq!(cut("abcdef", 4), "abc…");
    }
}
