//! Stream ids (`<ms>-<seq>`) and the points operators give instead: an id, an RFC 3339
//! date-time, or a duration ago (`10m`). Ids are milliseconds, so a time maps to an id exactly
//! (kcat's `-o s@<ms>`, rpk's `--offset @-1h:`).

use std::time::{SystemTime, UNIX_EPOCH};

use crate::duration;
use crate::exit;

pub use crate::redis::stream_id::StreamId;

/// Milliseconds since the epoch now.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// Which end of a range a point bounds: a bare time or ms covers its whole millisecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Start,
    Stop,
}

/// Turns `-`, `+`, an id (`1700000000000-0`, `1700000000000`), an RFC 3339 date-time or a
/// duration ago (`10m`) into an id. `flag` names the option in errors.
pub fn parse_point(text: &str, end: End, flag: &str) -> anyhow::Result<StreamId> {
    let t = text.trim();
    let whole_ms = |ms: u64| match end {
        End::Start => StreamId { ms, seq: 0 },
        End::Stop => StreamId { ms, seq: u64::MAX },
    };
    if t == "-" {
        return Ok(StreamId::MIN);
    }
    if t == "+" {
        return Ok(StreamId::MAX);
    }
    if t.bytes().all(|b| b.is_ascii_digit()) && !t.is_empty() {
        let ms = t
            .parse()
            .map_err(|_| exit::usage(format!("{flag} {text}: id out of range")))?;
        return Ok(whole_ms(ms));
    }
    if let Some(id) = StreamId::parse(t.as_bytes()) {
        return Ok(id);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        let ms = u64::try_from(dt.timestamp_millis())
            .map_err(|_| exit::usage(format!("{flag} {text}: before 1970")))?;
        return Ok(whole_ms(ms));
    }
    if let Ok(ago) = duration::parse(t) {
        return Ok(whole_ms(now_ms().saturating_sub(ago.as_millis() as u64)));
    }
    Err(exit::usage(format!(
        "{flag} {text}: expected a stream id (1700000000000-0), an RFC 3339 time \
         (2026-01-31T12:00:00Z) or a duration ago (10m)"
    )))
}

/// A duration ago (`--since 10m`) as the id of that millisecond. A bare number is refused:
/// `--from 10` reads it as an id's milliseconds, and `--since 10` must not quietly mean
/// something else.
pub fn parse_ago(text: &str, flag: &str) -> anyhow::Result<StreamId> {
    let t = text.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(exit::usage(format!(
            "{flag} {text}: give a unit (10s, 10m, 2h, 7d); {flag} takes a duration ago, \
             and --from takes an id, an RFC 3339 time or a duration"
        )));
    }
    let ago = duration::parse(t).map_err(|e| exit::usage(format!("{flag}: {e}")))?;
    Ok(StreamId {
        ms: now_ms().saturating_sub(ago.as_millis() as u64),
        seq: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_and_step() {
        let id = StreamId::parse(b"1700000000000-5").unwrap();
        assert_eq!(id.to_string(), "1700000000000-5");
        assert_eq!(id.next().unwrap().seq, 6);
        assert_eq!(
            StreamId { ms: 5, seq: 0 }.prev().unwrap(),
            StreamId {
                ms: 4,
                seq: u64::MAX
            }
        );
        assert_eq!(StreamId::MIN.prev(), None);
        assert_eq!(StreamId::MAX.next(), None);
        let mut b = Vec::new();
        StreamId { ms: 0, seq: 10 }.write_to(&mut b);
        assert_eq!(b, b"0-10");
    }

    #[test]
    fn points_by_time() {
        let s = parse_point("2023-11-14T22:13:20.123Z", End::Start, "--from").unwrap();
        assert_eq!(
            s,
            StreamId {
                ms: 1_700_000_000_123,
                seq: 0
            }
        );
        let e = parse_point("2023-11-14T22:13:20.123Z", End::Stop, "--to").unwrap();
        assert_eq!(e.seq, u64::MAX);
        let ago = parse_point("10m", End::Start, "--since").unwrap();
        assert!(now_ms() - ago.ms >= 600_000 && now_ms() - ago.ms < 660_000);
        assert_eq!(parse_point("12", End::Stop, "--to").unwrap().ms, 12);
        assert!(parse_point("yesterday", End::Start, "--from").is_err());
        let e = parse_ago("10", "--since").unwrap_err().to_string();
        assert!(e.contains("give a unit") && e.contains("10m"), "{e}");
        assert!(now_ms() - parse_ago("10s", "--since").unwrap().ms >= 10_000);
    }
}
