//! The bytes of a dump, read forward once through one fixed buffer: the offset of every byte
//! (for errors) and the CRC64 of everything consumed (Redis's Jones polynomial).

use std::io::{self, Read};

use crc::{CRC_64_REDIS, Crc, Digest, Table};

static CRC64: Crc<u64, Table<16>> = Crc::<u64, Table<16>>::new(&CRC_64_REDIS);

/// The buffer: big enough that small reads rarely refill, small enough that memory does not
/// depend on the dump.
const BUF: usize = 1 << 20;

pub struct Source<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// The offset in the dump of `buf[0]`.
    base: u64,
    crc: Digest<'static, u64, Table<16>>,
    /// `buf[crc_from..pos]` is consumed but not yet in the CRC.
    crc_from: usize,
}

/// The dump ended early.
#[derive(Debug)]
pub enum ReadError {
    Truncated,
    Io(io::Error),
}

pub type Result<T> = std::result::Result<T, ReadError>;

impl<R: Read> Source<R> {
    pub fn new(inner: R) -> Source<R> {
        Source {
            inner,
            buf: vec![0; BUF],
            pos: 0,
            end: 0,
            base: 0,
            crc: CRC64.digest(),
            crc_from: 0,
        }
    }

    /// The offset just past the last byte the input gave (where a truncated dump ends).
    pub fn end_offset(&self) -> u64 {
        self.base + self.end as u64
    }

    /// The bytes read but not consumed (what there is of a header that came short).
    pub fn pending(&self) -> &[u8] {
        &self.buf[self.pos..self.end]
    }

    /// The offset of the next byte.
    pub fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Makes at least `need` (≤ BUF) bytes available, or fails with Truncated.
    fn fill(&mut self, need: usize) -> Result<()> {
        if self.end - self.pos >= need {
            return Ok(());
        }
        self.crc.update(&self.buf[self.crc_from..self.pos]);
        self.buf.copy_within(self.pos..self.end, 0);
        self.end -= self.pos;
        self.base += self.pos as u64;
        self.pos = 0;
        self.crc_from = 0;
        while self.end < need {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => return Err(ReadError::Truncated),
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(ReadError::Io(e)),
            }
        }
        Ok(())
    }

    /// The next `n` (≤ 64 KiB) bytes.
    pub fn take(&mut self, n: usize) -> Result<&[u8]> {
        debug_assert!(n <= BUF);
        self.fill(n)?;
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    pub fn u8(&mut self) -> Result<u8> {
        if self.pos == self.end {
            self.fill(1)?;
        }
        let b = self.buf[self.pos];
        self.pos += 1;
        Ok(b)
    }

    pub fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    /// Passes over `n` bytes (still checksummed).
    pub fn skip(&mut self, mut n: u64) -> Result<()> {
        while n > 0 {
            let avail = (self.end - self.pos) as u64;
            if avail == 0 {
                self.fill(1)?;
                continue;
            }
            let step = avail.min(n) as usize;
            self.pos += step;
            n -= step as u64;
        }
        Ok(())
    }

    /// `n` bytes into a vector that grows with the data actually read, so a corrupt length
    /// cannot allocate more than the dump holds.
    pub fn vec(&mut self, n: u64) -> Result<Vec<u8>> {
        let mut v = Vec::with_capacity(n.min(BUF as u64) as usize);
        let mut left = n;
        while left > 0 {
            let avail = self.end - self.pos;
            if avail == 0 {
                self.fill(1)?;
                continue;
            }
            let step = (avail as u64).min(left) as usize;
            v.extend_from_slice(&self.buf[self.pos..self.pos + step]);
            self.pos += step;
            left -= step as u64;
        }
        Ok(v)
    }

    /// The CRC64 of every byte consumed so far.
    pub fn crc(&mut self) -> u64 {
        self.crc.update(&self.buf[self.crc_from..self.pos]);
        self.crc_from = self.pos;
        self.crc.clone().finalize()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc64_is_redis_s() {
        // The check value of Redis's crc64.c test: crc64(0, "123456789") = 0xe9c6d914c4b8d9ca.
        let mut s = Source::new(&b"123456789rest"[..]);
        s.skip(9).unwrap();
        assert_eq!(s.crc(), 0xe9c6d914c4b8d9ca);
        assert_eq!(s.offset(), 9);
        assert!(matches!(s.take(5), Err(ReadError::Truncated)));
    }
}
