//! A stream id (`<ms>-<seq>`) as Redis orders them: parsed from reply bytes, stepped to the
//! next or previous id, written without allocating.

use std::fmt;

use super::resp::push_num;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct StreamId {
    pub ms: u64,
    pub seq: u64,
}

impl StreamId {
    pub const MIN: StreamId = StreamId { ms: 0, seq: 0 };
    pub const MAX: StreamId = StreamId {
        ms: u64::MAX,
        seq: u64::MAX,
    };

    /// Parses `ms-seq` (or a bare `ms`, meaning seq 0).
    pub fn parse(b: &[u8]) -> Option<StreamId> {
        let s = std::str::from_utf8(b).ok()?;
        let (ms, seq) = match s.split_once('-') {
            Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
            None => (s.parse().ok()?, 0),
        };
        Some(StreamId { ms, seq })
    }

    /// The id right after this one (None past the last possible id).
    pub fn next(self) -> Option<StreamId> {
        match self.seq.checked_add(1) {
            Some(seq) => Some(StreamId { ms: self.ms, seq }),
            None => self.ms.checked_add(1).map(|ms| StreamId { ms, seq: 0 }),
        }
    }

    /// The id right before this one (None before 0-0).
    pub fn prev(self) -> Option<StreamId> {
        match self.seq.checked_sub(1) {
            Some(seq) => Some(StreamId { ms: self.ms, seq }),
            None => self
                .ms
                .checked_sub(1)
                .map(|ms| StreamId { ms, seq: u64::MAX }),
        }
    }

    /// Appends `ms-seq` without allocating.
    pub fn write_to(&self, buf: &mut Vec<u8>) {
        push_num(buf, self.ms);
        buf.push(b'-');
        push_num(buf, self.seq);
    }
}

impl fmt::Display for StreamId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.ms, self.seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_step_and_write() {
        for id in [StreamId::MIN, StreamId::MAX, StreamId { ms: 1700, seq: 9 }] {
            let mut buf = Vec::new();
            id.write_to(&mut buf);
            assert_eq!(buf, id.to_string().into_bytes());
            assert_eq!(StreamId::parse(&buf), Some(id));
        }
        assert_eq!(StreamId::parse(b"5"), Some(StreamId { ms: 5, seq: 0 }));
        assert_eq!(StreamId::parse(b"5-x"), None);
        assert_eq!(StreamId::parse(b"\xff"), None);
        assert_eq!(StreamId::MAX.next(), None);
        assert_eq!(StreamId::MIN.prev(), None);
        assert_eq!(
            StreamId {
                ms: 1,
                seq: u64::MAX
            }
            .next(),
            Some(StreamId { ms: 2, seq: 0 })
        );
    }
}
