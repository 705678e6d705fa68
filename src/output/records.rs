//! The one record sink of the streaming commands (stream read/tail/job, health --watch):
//! records are appended to one reused buffer and written to stdout in large writes, at once
//! when a follower must show each record, with the screen redrawn per round on a terminal.

use std::io::{self, IsTerminal, Write};

/// Flush when the buffer grows past this (large writes, bounded memory).
const FLUSH_AT: usize = 256 * 1024;

pub struct Records {
    buf: Vec<u8>,
    out: io::Stdout,
    /// `-q`: records are dropped instead of written (the exit code carries the result).
    discard: bool,
}

impl Default for Records {
    fn default() -> Records {
        Records {
            buf: Vec::with_capacity(FLUSH_AT + 64 * 1024),
            out: io::stdout(),
            discard: false,
        }
    }
}

impl Records {
    /// A sink that drops what it is given when `quiet` (`-q`).
    pub fn quiet(quiet: bool) -> Records {
        Records {
            discard: quiet,
            ..Records::default()
        }
    }

    /// The buffer the next record is written into.
    pub fn buf(&mut self) -> &mut Vec<u8> {
        &mut self.buf
    }

    /// Writes the buffer out once it is large.
    pub fn maybe_flush(&mut self) -> io::Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes everything buffered now (a follower shows each record as it comes).
    pub fn flush(&mut self) -> io::Result<()> {
        if self.discard {
            self.buf.clear();
        } else if !self.buf.is_empty() {
            let mut lock = self.out.lock();
            lock.write_all(&self.buf)?;
            lock.flush()?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Starts a new round of a repeated report (`health --watch`): on a terminal the screen is
    /// redrawn in place; elsewhere rounds are separated by a blank line.
    pub fn new_round(&mut self, first: bool) -> io::Result<()> {
        if self.out.is_terminal() {
            // Home the cursor and clear the screen.
            self.buf.extend_from_slice(b"\x1b[H\x1b[2J");
        } else if !first {
            self.buf.push(b'\n');
        }
        self.flush()
    }
}
