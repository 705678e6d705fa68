//! The dump as chunks handed over a small bounded channel by another thread (the socket task
//! of `--from`, the stdin thread of `--rdb -`), so the reader never blocks where a Ctrl-C
//! cannot be seen: a read that waits on a silent server or on a terminal nobody types into
//! still ends at the first Ctrl-C.

use std::io::{self, Read};
use std::sync::mpsc;

use crate::signal::Stop;

/// Chunks in flight between the producer and the reader (64 KiB each at most).
pub const CHANNEL: usize = 16;

/// A chunk, or the producer's error (its message).
pub type Chunk = Result<Vec<u8>, String>;

/// A `Read` over the chunks a producer sends; the end of the channel is the end of the dump.
pub struct Chunks {
    rx: mpsc::Receiver<Chunk>,
    cur: Vec<u8>,
    pos: usize,
    stop: Stop,
}

impl Chunks {
    pub fn new(rx: mpsc::Receiver<Chunk>, stop: &Stop) -> Chunks {
        Chunks {
            rx,
            cur: Vec::new(),
            pos: 0,
            stop: stop.clone(),
        }
    }
}

impl Read for Chunks {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.cur.len() {
            // Wakes up now and then so a Ctrl-C is seen while nothing arrives.
            match self.rx.recv_timeout(std::time::Duration::from_millis(100)) {
                Ok(Ok(c)) => {
                    self.cur = c;
                    self.pos = 0;
                }
                Ok(Err(e)) => return Err(io::Error::other(e)),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if self.stop.requested() {
                        // Not ErrorKind::Interrupted: readers retry that one.
                        return Err(io::Error::other("interrupted"));
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(0),
            }
        }
        let n = out.len().min(self.cur.len() - self.pos);
        out[..n].copy_from_slice(&self.cur[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Stdin read on its own thread. The thread stays blocked in its read after a Ctrl-C; the
/// process exits without waiting for it.
pub fn stdin(stop: &Stop) -> Chunks {
    let (tx, rx) = mpsc::sync_channel::<Chunk>(CHANNEL);
    std::thread::spawn(move || {
        let mut input = io::stdin().lock();
        loop {
            let mut buf = vec![0u8; 64 * 1024];
            match input.read(&mut buf) {
                Ok(0) => return,
                Ok(n) => {
                    buf.truncate(n);
                    if tx.send(Ok(buf)).is_err() {
                        return; // the reader is done
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = tx.send(Err(e.to_string()));
                    return;
                }
            }
        }
    });
    Chunks::new(rx, stop)
}
