//! A stream id (`<ms>-<seq>`) as Redis orders them: parsed from reply bytes, stepped to the
//! next or previous id, written without allocating.

use std::fmt;

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
        let mut b = itoa_buf();
        buf.extend_from_slice(fmt_u64(&mut b, self.ms));
        buf.push(b'-');
        buf.extend_from_slice(fmt_u64(&mut b, self.seq));
    }
}

fn itoa_buf() -> [u8; 20] {
    [0; 20]
}

fn fmt_u64(b: &mut [u8; 20], mut v: u64) -> &[u8] {
    let mut i = 20;
    loop {
        i -= 1;
        b[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    &b[i..]
}

impl fmt::Display for StreamId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.ms, self.seq)
    }
}
