//! Where entries go while they stream: the output layer's record sink, in the chosen format
//! (flushed in large writes, and at once when following, so a pipe sees each entry).

use std::io::{self, Write};

use super::entry::{self, Entry, Layout, Pair};
use super::id::StreamId;
use crate::output::Format;
use crate::output::Output;
use crate::output::records::Records;

pub struct Sink {
    format: Format,
    color: bool,
    layout: Layout,
    records: Records,
    written: u64,
    seen: u64,
    started: bool,
}

impl Sink {
    pub fn new(out: &Output) -> Sink {
        Sink {
            format: out.format,
            color: out.ui.color,
            layout: Layout::new(out.ui.width),
            records: Records::quiet(out.quiet),
            written: 0,
            seen: 0,
            started: false,
        }
    }

    /// Entries written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Counts an entry the filters looked at (written or not): what "among N entries" says.
    pub fn saw(&mut self) {
        self.seen += 1;
    }

    /// Entries the filters looked at.
    pub fn seen(&self) -> u64 {
        self.seen
    }

    fn start(&mut self) {
        if self.started {
            return;
        }
        self.started = true;
        match self.format {
            Format::Json => self.records.buf().extend_from_slice(b"[\n"),
            Format::Table => {
                let _ = writeln!(self.records.buf(), "{}", self.layout.header());
            }
            _ => {}
        }
    }

    /// Writes the header now (tail shows it before the first entry arrives).
    pub fn header(&mut self) -> io::Result<()> {
        self.start();
        self.flush()
    }

    pub fn entry(&mut self, stream: &[u8], e: &Entry) -> io::Result<()> {
        match self.format {
            Format::Json | Format::Ndjson | Format::Raw => self.pairs(stream, e.id, &e.pairs()),
            _ => {
                self.start();
                e.write_table_line(self.records.buf(), self.color, &self.layout);
                self.written += 1;
                self.maybe_flush()
            }
        }
    }

    /// An entry given as borrowed pairs (machine formats; the table needs an `Entry`).
    pub fn pairs(&mut self, stream: &[u8], id: StreamId, fields: &[Pair]) -> io::Result<()> {
        self.start();
        match self.format {
            Format::Json => {
                if self.written > 0 {
                    self.records.buf().extend_from_slice(b",\n");
                }
                entry::write_json(stream, id, fields, self.records.buf());
            }
            Format::Ndjson => {
                entry::write_json(stream, id, fields, self.records.buf());
                self.records.buf().push(b'\n');
            }
            _ => entry::write_raw(id, fields, self.records.buf()),
        }
        self.written += 1;
        self.maybe_flush()
    }

    fn maybe_flush(&mut self) -> io::Result<()> {
        self.records.maybe_flush()
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.records.flush()
    }

    /// Closes the document (the JSON array) and flushes.
    pub fn finish(&mut self) -> io::Result<()> {
        if self.format == Format::Json {
            self.start();
            self.records
                .buf()
                .extend_from_slice(if self.written > 0 { b"\n]\n" } else { b"]\n" });
        }
        self.flush()
    }
}
