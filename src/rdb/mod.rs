//! A streaming reader of Redis dump files (RDB versions 1 to 12: Redis 2.x to 7.4, Valkey 7
//! and 8): one forward pass through a fixed buffer, every key with its database, type,
//! encoding, element count, serialized size, expiry and estimated memory, the CRC64 checked
//! at the end. Values are skipped by the lengths in their headers; only packed blobs whose
//! count is not in their header (or that are LZF-compressed) are read whole, so memory is
//! bounded by the largest such blob, not by the dump.
//!
//! Its own layer: it imports std and `crc` only. Corrupt input is an `RdbError` naming the
//! byte offset and the key being read; nothing here panics on any input.

pub mod blob;
pub mod memory;
mod source;

use std::fmt;
use std::io::Read;

use source::{ReadError, Source};

/// The newest RDB version this reader knows (Redis 7.4).
pub const MAX_VERSION: u32 = 12;

/// Packed blobs bigger than this are refused (a corrupt length, not a real listpack).
const MAX_BLOB: u64 = 1 << 32;

/// `proto-max-bulk-len`'s default: no key name is longer.
const MAX_KEY: u64 = 512 << 20;

/// What a key holds, as `TYPE` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    String,
    List,
    Set,
    Zset,
    Hash,
    Stream,
    Module,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::List => "list",
            Kind::Set => "set",
            Kind::Zset => "zset",
            Kind::Hash => "hash",
            Kind::Stream => "stream",
            Kind::Module => "module",
        }
    }
}

/// One key of the dump.
#[derive(Debug, Clone)]
pub struct Key {
    pub db: u64,
    pub key: Vec<u8>,
    pub kind: Kind,
    /// The encoding as stored (`OBJECT ENCODING`'s names, plus the old `zipmap`, `ziplist`,
    /// `linkedlist`), e.g. `listpack`, `quicklist`, `hashtable`, `skiplist`, `intset`,
    /// `embstr`, `raw`, `int`.
    pub encoding: &'static str,
    /// STRLEN, LLEN, SCARD, ZCARD, HLEN or XLEN; for a module value 0.
    pub len: u64,
    /// Bytes of the record in the dump: type, key and value (not the expiry/LRU opcodes).
    pub serialized: u64,
    /// Estimated bytes in memory (see `memory`).
    pub memory: u64,
    /// Absolute expiry in Unix milliseconds.
    pub expire_ms: Option<i64>,
    /// Hash fields with their own TTL (RDB 12).
    pub fields_with_ttl: u64,
    /// The module's type name (9 characters), for module values.
    pub module: Option<String>,
}

/// Everything in a dump besides its keys.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub version: u32,
    /// Aux fields (`redis-ver`, `ctime`, `used-mem`, ...), values cut to 256 bytes.
    pub aux: Vec<(String, String)>,
    /// RESIZEDB hints: (db, keys, keys with expiry).
    pub resize: Vec<(u64, u64, u64)>,
    /// SLOT_INFO records (a cluster node's dump): (slot, keys, keys with expiry).
    pub slots: Vec<(u64, u64, u64)>,
    /// Function libraries (Redis 7 functions).
    pub functions: u64,
    /// Module aux data by module type name.
    pub module_aux: Vec<String>,
    /// True when the dump carried a checksum and it matched; false when it had none
    /// (version < 5, or written with `rdbchecksum no`).
    pub checksum_verified: bool,
}

/// A dump that cannot be read: where and why.
#[derive(Debug)]
pub struct RdbError {
    pub offset: u64,
    /// The record being read when it failed, if any.
    pub record: Option<Record>,
    pub message: String,
    /// The input itself failed (not the dump's content): a runtime failure, not corruption.
    pub io: bool,
}

/// Where in the dump a key's record is: its position among the keys and its first byte.
#[derive(Debug, Clone)]
pub struct Record {
    /// 1 for the first key of the dump.
    pub position: u64,
    pub db: u64,
    /// The offset of its type byte.
    pub start: u64,
    /// Its name (escaped, cut to 200 characters), once read.
    pub key: Option<String>,
}

impl fmt::Display for RdbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)?;
        if let Some(r) = &self.record {
            let at = format!("key #{} of the dump, in db {}", r.position, r.db);
            match &r.key {
                Some(k) => write!(
                    f,
                    " (reading key '{k}': {at}, record from byte {})",
                    r.start
                )?,
                None => write!(
                    f,
                    " (reading the name of {at}, record from byte {})",
                    r.start
                )?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for RdbError {}

type Res<T> = Result<T, RdbError>;

enum Len {
    Len(u64),
    /// A special string encoding: 0..2 integers of 8/16/32 bits, 3 LZF.
    Enc(u8),
}

/// What a string in the dump is, without its bytes.
struct Str {
    /// The decoded length.
    len: u64,
    integer: bool,
}

/// A value's figures.
struct Value {
    kind: Kind,
    encoding: &'static str,
    len: u64,
    memory: u64,
    fields_with_ttl: u64,
    module: Option<String>,
}

pub struct Reader<R> {
    src: Source<R>,
    meta: Meta,
    db: u64,
    expire: Option<i64>,
    /// The key whose value is being read (for errors).
    current: Option<Vec<u8>>,
    /// Keys begun so far, and where the current record started (for errors).
    keys_begun: u64,
    record_start: Option<u64>,
    done: bool,
    /// See `set_list_compress_depth`.
    list_compress_depth: u64,
    /// The compressed length of the last LZF string read (a quicklist node's in-memory size).
    last_lzf: Option<u64>,
}

fn shown(k: &[u8]) -> String {
    let mut s = String::new();
    for c in String::from_utf8_lossy(&k[..k.len().min(200)]).chars() {
        if c.is_control() {
            s.push_str(&c.escape_default().to_string());
        } else {
            s.push(c);
        }
    }
    s
}

/// The 9-character name of a module type from its 64-bit id (Redis's moduleTypeNameByID).
pub fn module_name(id: u64) -> String {
    const SET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut id = id >> 10;
    let mut name = [0u8; 9];
    for j in (0..9).rev() {
        name[j] = SET[(id & 63) as usize];
        id >>= 6;
    }
    String::from_utf8_lossy(&name).into_owned()
}

impl<R: Read> Reader<R> {
    /// Reads the header: `REDIS` and a 4-digit version no newer than `MAX_VERSION`.
    pub fn new(input: R) -> Res<Reader<R>> {
        let mut r = Reader {
            src: Source::new(input),
            meta: Meta::default(),
            db: 0,
            expire: None,
            current: None,
            keys_begun: 0,
            record_start: None,
            done: false,
            list_compress_depth: 0,
            last_lzf: None,
        };
        let head = match r.src.array::<9>() {
            Ok(h) => h,
            // A short input is judged by what it holds: no dump at all, or not one.
            Err(ReadError::Truncated) if r.src.pending().is_empty() => {
                return Err(r.error_at(0, "empty input (0 bytes), not an RDB file"));
            }
            Err(ReadError::Truncated)
                if !b"REDIS".starts_with(&r.src.pending()[..r.src.pending().len().min(5)]) =>
            {
                return Err(r.error_at(0, "not an RDB file (no REDIS magic)"));
            }
            Err(e) => return Err(r.fail(e)),
        };
        if &head[..5] != b"REDIS" {
            return Err(r.error_at(0, "not an RDB file (no REDIS magic)"));
        }
        let version = std::str::from_utf8(&head[5..])
            .ok()
            .and_then(|v| v.parse::<u32>().ok())
            .ok_or_else(|| r.error_at(5, "not an RDB file (bad version digits)"))?;
        if version == 0 || version > MAX_VERSION {
            return Err(r.error_at(
                5,
                &format!(
                    "RDB version {version} is not supported (this redkit reads versions 1 to {MAX_VERSION})"
                ),
            ));
        }
        r.meta.version = version;
        Ok(r)
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// Bytes consumed so far.
    pub fn offset(&self) -> u64 {
        self.src.offset()
    }

    fn error_at(&self, offset: u64, msg: &str) -> RdbError {
        RdbError {
            offset,
            record: self.record_start.map(|start| Record {
                position: self.keys_begun,
                db: self.db,
                start,
                key: self.current.as_deref().map(shown),
            }),
            message: msg.to_string(),
            io: false,
        }
    }

    fn corrupt(&self, msg: &str) -> RdbError {
        self.error_at(self.src.offset(), msg)
    }

    fn fail(&self, e: ReadError) -> RdbError {
        match e {
            // Where the input ended, not where the read that failed began.
            ReadError::Truncated => {
                self.error_at(self.src.end_offset(), "truncated RDB file: it ends")
            }
            ReadError::Io(e) => RdbError {
                io: true,
                ..self.corrupt(&format!("reading the dump: {e}"))
            },
        }
    }

    fn u8(&mut self) -> Res<u8> {
        self.src.u8().map_err(|e| self.fail(e))
    }

    fn bytes<const N: usize>(&mut self) -> Res<[u8; N]> {
        self.src.array::<N>().map_err(|e| self.fail(e))
    }

    fn skip(&mut self, n: u64) -> Res<()> {
        self.src.skip(n).map_err(|e| self.fail(e))
    }

    fn vec(&mut self, n: u64) -> Res<Vec<u8>> {
        self.src.vec(n).map_err(|e| self.fail(e))
    }

    fn len_raw(&mut self) -> Res<Len> {
        let b = self.u8()?;
        Ok(match b >> 6 {
            0 => Len::Len((b & 0x3f) as u64),
            1 => Len::Len((((b & 0x3f) as u64) << 8) | self.u8()? as u64),
            2 => match b {
                0x80 => Len::Len(u32::from_be_bytes(self.bytes::<4>()?) as u64),
                0x81 => Len::Len(u64::from_be_bytes(self.bytes::<8>()?)),
                _ => return Err(self.corrupt(&format!("unknown length encoding 0x{b:02x}"))),
            },
            _ => Len::Enc(b & 0x3f),
        })
    }

    fn len(&mut self) -> Res<u64> {
        match self.len_raw()? {
            Len::Len(n) => Ok(n),
            Len::Enc(_) => Err(self.corrupt("an encoded string where a length belongs")),
        }
    }

    /// Passes over a string, knowing only its length (LZF strings are not decompressed).
    fn skip_string(&mut self) -> Res<Str> {
        match self.len_raw()? {
            Len::Len(n) => {
                self.skip(n)?;
                Ok(Str {
                    len: n,
                    integer: false,
                })
            }
            Len::Enc(e) => {
                let (digits, width) = self.int_string(e)?;
                Ok(Str {
                    len: digits,
                    integer: width > 0,
                })
            }
        }
    }

    /// An integer-encoded string (0/1/2) as its decimal length, or LZF (3) skipped.
    fn int_string(&mut self, enc: u8) -> Res<(u64, u8)> {
        let v: i64 = match enc {
            0 => self.u8()? as i8 as i64,
            1 => i16::from_le_bytes(self.bytes::<2>()?) as i64,
            2 => i32::from_le_bytes(self.bytes::<4>()?) as i64,
            3 => {
                let clen = self.len()?;
                let len = self.len()?;
                self.skip(clen)?;
                return Ok((len, 0));
            }
            _ => return Err(self.corrupt(&format!("unknown string encoding {enc}"))),
        };
        Ok((v.to_string().len() as u64, 1))
    }

    /// A string's bytes (keys, aux fields, blobs), decompressed.
    fn string(&mut self) -> Res<Vec<u8>> {
        let l = self.len_raw()?;
        self.string_of(l)
    }

    fn string_of(&mut self, l: Len) -> Res<Vec<u8>> {
        match l {
            Len::Len(n) => self.vec(n),
            Len::Enc(3) => self.lzf_string(),
            Len::Enc(e) => {
                let v: i64 = match e {
                    0 => self.u8()? as i8 as i64,
                    1 => i16::from_le_bytes(self.bytes::<2>()?) as i64,
                    2 => i32::from_le_bytes(self.bytes::<4>()?) as i64,
                    _ => return Err(self.corrupt(&format!("unknown string encoding {e}"))),
                };
                Ok(v.to_string().into_bytes())
            }
        }
    }

    /// A string value's length and whether the server holds it as an integer.
    fn string_value(&mut self) -> Res<Str> {
        match self.len_raw()? {
            // Short decimal strings are integers on the server even when stored as text.
            Len::Len(n) if n <= 20 => {
                let b = self.vec(n)?;
                let integer = std::str::from_utf8(&b)
                    .ok()
                    .and_then(|s| s.parse::<i64>().ok())
                    .is_some_and(|v| v.to_string().len() == b.len());
                Ok(Str { len: n, integer })
            }
            Len::Len(n) => {
                self.skip(n)?;
                Ok(Str {
                    len: n,
                    integer: false,
                })
            }
            Len::Enc(e) => {
                let (len, width) = self.int_string(e)?;
                Ok(Str {
                    len,
                    integer: width > 0,
                })
            }
        }
    }

    /// The element count and size of a packed blob, reading it whole only when needed.
    fn blob(
        &mut self,
        count: fn(&[u8]) -> Result<u64, &'static str>,
        header: Header,
    ) -> Res<(u64, u64)> {
        let at = self.src.offset();
        let whole = match self.len_raw()? {
            Len::Len(n) if n >= header.size() as u64 && header != Header::Walk => {
                let head = match self.src.take(header.size()) {
                    Ok(h) => h.to_vec(),
                    Err(e) => return Err(self.fail(e)),
                };
                let (bytes, announced) = header.read(&head).map_err(|m| self.error_at(at, m))?;
                if bytes as u64 != n {
                    return Err(self.error_at(at, "packed value size differs from its header"));
                }
                if let Some(c) = announced {
                    self.skip(n - head.len() as u64)?;
                    return Ok((c, n));
                }
                let mut rest = self.vec(n - head.len() as u64)?;
                let mut v = head;
                v.append(&mut rest);
                v
            }
            Len::Len(n) => {
                if n > MAX_BLOB {
                    return Err(self.corrupt("packed value too big"));
                }
                self.vec(n)?
            }
            Len::Enc(3) => match self.lzf_blob(header, at)? {
                Ok(counted) => return Ok(counted),
                Err(whole) => whole,
            },
            Len::Enc(_) => return Err(self.error_at(at, "an integer where a packed value belongs")),
        };
        let c = count(&whole).map_err(|m| self.error_at(at, m))?;
        Ok((c, whole.len() as u64))
    }

    /// The `list-compress-depth` of the server the dump comes from: the quicklist nodes it
    /// keeps LZF-compressed in memory (all but `depth` at each end) count at their compressed
    /// size. The dump cannot tell (Redis LZF-compresses any node on save), so it is given.
    pub fn set_list_compress_depth(&mut self, depth: u64) {
        self.list_compress_depth = depth;
    }

    /// An LZF string, decompressed. LZF expands at most about 88 times: a bigger announced
    /// length is corrupt, so a corrupt length cannot allocate much.
    fn lzf_string(&mut self) -> Res<Vec<u8>> {
        let clen = self.len()?;
        let len = self.len()?;
        if len > clen.saturating_mul(90).saturating_add(64) || len > MAX_BLOB {
            return Err(self.corrupt("LZF string with an impossible length"));
        }
        let at = self.src.offset();
        let packed = self.vec(clen)?;
        self.last_lzf = Some(clen);
        blob::lzf(&packed, len as usize).map_err(|m| self.error_at(at, m))
    }

    /// An LZF-compressed blob (Redis compresses any packed value over 20 bytes on save when
    /// LZF shrinks it). LZF starts with a literal run, and that run normally holds the whole
    /// header: then the count comes from the header and the rest is skipped undecompressed,
    /// as for a plain blob. Otherwise (a short first run, a count of 65535) it is decompressed
    /// whole (`Err` carries the bytes, for the caller to walk).
    fn lzf_blob(&mut self, header: Header, at: u64) -> Res<Result<(u64, u64), Vec<u8>>> {
        let clen = self.len()?;
        let len = self.len()?;
        if len > clen.saturating_mul(90).saturating_add(64) || len > MAX_BLOB {
            return Err(self.corrupt("LZF string with an impossible length"));
        }
        self.last_lzf = Some(clen);
        let size = header.size();
        let data_at = self.src.offset();
        let mut packed = Vec::new();
        if header != Header::Walk && clen > size as u64 && len >= size as u64 {
            let ctrl = self.u8()?;
            packed.push(ctrl);
            if (ctrl as usize) + 1 >= size {
                let mut buf = [0u8; 16];
                match self.src.take(size) {
                    Ok(h) => buf[..size].copy_from_slice(h),
                    Err(e) => return Err(self.fail(e)),
                }
                let head = &buf[..size];
                let (bytes, announced) = header.read(head).map_err(|m| self.error_at(at, m))?;
                packed.extend_from_slice(head);
                if bytes as u64 != len {
                    return Err(self.error_at(at, "packed value size differs from its header"));
                }
                if let Some(c) = announced {
                    self.skip(clen - 1 - size as u64)?;
                    return Ok(Ok((c, len)));
                }
            }
        }
        let rest = self.vec(clen - packed.len() as u64)?;
        packed.extend_from_slice(&rest);
        blob::lzf(&packed, len as usize)
            .map(Err)
            .map_err(|m| self.error_at(data_at, m))
    }

    fn double_text(&mut self) -> Res<()> {
        let n = self.u8()?;
        if n < 253 {
            self.skip(n as u64)?;
        }
        Ok(())
    }

    /// The next key, or None after the EOF opcode (checksum verified).
    pub fn next_key(&mut self) -> Res<Option<Key>> {
        loop {
            if self.done {
                return Ok(None);
            }
            self.current = None;
            self.record_start = None;
            let op = self.u8()?;
            match op {
                0xff => {
                    self.finish()?;
                    return Ok(None);
                }
                0xfe => {
                    self.db = self.len()?;
                    self.expire = None;
                }
                0xfd => self.expire = Some(u32::from_le_bytes(self.bytes::<4>()?) as i64 * 1000),
                0xfc => self.expire = Some(i64::from_le_bytes(self.bytes::<8>()?)),
                0xfb => {
                    let keys = self.len()?;
                    let expires = self.len()?;
                    self.meta.resize.push((self.db, keys, expires));
                }
                0xfa => {
                    let k = self.string()?;
                    let v = self.string()?;
                    let cut = &v[..v.len().min(256)];
                    self.meta.aux.push((
                        String::from_utf8_lossy(&k).into_owned(),
                        String::from_utf8_lossy(cut).into_owned(),
                    ));
                }
                0xf9 => {
                    self.u8()?;
                }
                0xf8 => {
                    self.len()?;
                }
                0xf7 => {
                    let id = self.len()?;
                    let _when_opcode = self.len()?;
                    let _when = self.len()?;
                    self.module_data()?;
                    self.meta.module_aux.push(module_name(id));
                }
                0xf6 => {
                    // Redis 7.0 release candidates: name, engine, optional description, code.
                    self.skip_string()?;
                    self.skip_string()?;
                    if self.len()? != 0 {
                        self.skip_string()?;
                    }
                    self.skip_string()?;
                    self.meta.functions += 1;
                }
                0xf5 => {
                    self.skip_string()?;
                    self.meta.functions += 1;
                }
                0xf4 => {
                    let slot = self.len()?;
                    let size = self.len()?;
                    let expires = self.len()?;
                    if self.meta.slots.len() < 16384 {
                        self.meta.slots.push((slot, size, expires));
                    }
                }
                t => return self.record(t).map(Some),
            }
        }
    }

    fn record(&mut self, t: u8) -> Res<Key> {
        let start = self.src.offset() - 1;
        if !matches!(t, 0..=7 | 9..=25) {
            return Err(self.error_at(start, &format!("unknown opcode or value type {t}")));
        }
        self.keys_begun += 1;
        self.record_start = Some(start);
        let key = self.key_name()?;
        self.current = Some(key);
        let v = self.value(t)?;
        let key = self.current.take().unwrap_or_default();
        let memory = memory::key(key.len() as u64) + v.memory;
        Ok(Key {
            db: self.db,
            kind: v.kind,
            encoding: v.encoding,
            len: v.len,
            serialized: self.src.offset() - start,
            memory,
            expire_ms: self.expire.take(),
            fields_with_ttl: v.fields_with_ttl,
            module: v.module,
            key,
        })
    }

    /// A key's name. Its length is checked before anything is read: a corrupt length is named
    /// as such, not as a file that ends early.
    fn key_name(&mut self) -> Res<Vec<u8>> {
        let at = self.src.offset();
        let l = self.len_raw()?;
        let name_at = self.src.offset();
        match l {
            Len::Len(n) if n > MAX_KEY => Err(self.error_at(
                at,
                &format!("bad key length {n} (over Redis's 512 MB limit of a string)"),
            )),
            Len::Len(n) => match self.src.vec(n) {
                Ok(v) => Ok(v),
                // A cut file or a corrupt length: the dump cannot tell which, so both.
                Err(ReadError::Truncated) => Err(self.error_at(
                    self.src.end_offset(),
                    &format!(
                        "truncated RDB file or bad key length: the {n}-byte name from byte \
                         {name_at} (its length at byte {at}) ends {} bytes in, where the dump ends",
                        self.src.end_offset() - name_at
                    ),
                )),
                Err(e) => Err(self.fail(e)),
            },
            l => self.string_of(l),
        }
    }

    fn value(&mut self, t: u8) -> Res<Value> {
        use Kind::*;
        let v = |kind, encoding, len, memory| Value {
            kind,
            encoding,
            len,
            memory,
            fields_with_ttl: 0,
            module: None,
        };
        Ok(match t {
            0 => {
                let s = self.string_value()?;
                let enc = if s.integer {
                    "int"
                } else if s.len <= 44 {
                    "embstr"
                } else {
                    "raw"
                };
                v(String, enc, s.len, memory::string(s.len, s.integer))
            }
            1 => {
                let n = self.len()?;
                let mut bytes = 0;
                for _ in 0..n {
                    bytes += self.skip_string()?.len + 2;
                }
                // Held as a quicklist of 8 KiB listpacks once loaded.
                let nodes = bytes.div_ceil(8192).max(1);
                let alloc = memory::jemalloc(bytes / nodes + 7);
                v(
                    List,
                    "linkedlist",
                    n,
                    memory::quicklist(nodes, alloc * nodes),
                )
            }
            2 => {
                let n = self.len()?;
                let mut alloc = 0;
                for _ in 0..n {
                    alloc += memory::sds(self.skip_string()?.len);
                }
                v(
                    Set,
                    "hashtable",
                    n,
                    memory::table(n, alloc, memory::Adds::Add),
                )
            }
            3 | 5 => {
                let n = self.len()?;
                let mut alloc = 0;
                for _ in 0..n {
                    alloc += memory::sds(self.skip_string()?.len);
                    if t == 3 {
                        self.double_text()?;
                    } else {
                        self.skip(8)?;
                    }
                }
                v(Zset, "skiplist", n, memory::skiplist(n, alloc))
            }
            4 => {
                let n = self.len()?;
                let mut alloc = 0;
                for _ in 0..n {
                    alloc += memory::sds(self.skip_string()?.len);
                    alloc += memory::sds(self.skip_string()?.len);
                }
                v(
                    Hash,
                    "hashtable",
                    n,
                    memory::table(n, alloc, memory::Adds::FindThenAdd),
                )
            }
            6 => return Err(self.corrupt("module value of a pre-release format (type 6)")),
            7 => {
                let start = self.src.offset();
                let id = self.len()?;
                self.module_data()?;
                let mut m = v(Module, "module", 0, self.src.offset() - start);
                m.module = Some(module_name(id));
                m
            }
            9 => {
                let (pairs, bytes) = self.blob(blob::zipmap_count, Header::Walk)?;
                v(Hash, "zipmap", pairs, memory::packed(bytes))
            }
            10 => {
                let (n, bytes) = self.blob(blob::ziplist_count, Header::Ziplist)?;
                v(
                    List,
                    "ziplist",
                    n,
                    memory::quicklist(1, memory::jemalloc(bytes)),
                )
            }
            11 => {
                let (n, bytes) = self.blob(blob::intset_count, Header::Walk)?;
                v(Set, "intset", n, memory::packed(bytes))
            }
            12 => {
                let (n, bytes) = self.blob(blob::ziplist_count, Header::Ziplist)?;
                v(Zset, "ziplist", n / 2, memory::packed(bytes))
            }
            13 => {
                let (n, bytes) = self.blob(blob::ziplist_count, Header::Ziplist)?;
                v(Hash, "ziplist", n / 2, memory::packed(bytes))
            }
            14 | 18 => {
                let nodes = self.len()?;
                let depth = self.list_compress_depth;
                let mut n = 0;
                let mut alloc = 0;
                for i in 0..nodes {
                    // quicklist.c keeps `depth` nodes at each end plain, compresses the rest.
                    let inner = depth > 0 && i >= depth && i < nodes.saturating_sub(depth);
                    let container = if t == 18 { self.len()? } else { 2 };
                    if container == 1 {
                        // A plain node: one big element.
                        let s = self.skip_string()?;
                        n += 1;
                        alloc += memory::jemalloc(s.len);
                    } else if container == 2 {
                        self.last_lzf = None;
                        let (c, bytes) = if t == 14 {
                            self.blob(blob::ziplist_count, Header::Ziplist)?
                        } else {
                            self.blob(blob::listpack_count, Header::Listpack)?
                        };
                        n += c;
                        alloc += match self.last_lzf.take() {
                            // In memory a quicklistLZF: its 4-byte size and the same LZF bytes
                            // (quicklist.c compresses only nodes of 48 bytes and more that
                            // shrink by more than 8).
                            Some(clen) if inner && bytes >= 48 && clen + 8 < bytes => {
                                memory::jemalloc(4 + clen)
                            }
                            _ => memory::jemalloc(bytes),
                        };
                    } else {
                        return Err(
                            self.corrupt(&format!("unknown quicklist container {container}"))
                        );
                    }
                }
                v(List, "quicklist", n, memory::quicklist(nodes, alloc))
            }
            15 | 19 | 21 => return self.stream(t),
            16 => {
                let (n, bytes) = self.blob(blob::listpack_count, Header::Listpack)?;
                v(Hash, "listpack", n / 2, memory::packed(bytes))
            }
            17 => {
                let (n, bytes) = self.blob(blob::listpack_count, Header::Listpack)?;
                v(Zset, "listpack", n / 2, memory::packed(bytes))
            }
            20 => {
                let (n, bytes) = self.blob(blob::listpack_count, Header::Listpack)?;
                v(Set, "listpack", n, memory::packed(bytes))
            }
            22 | 24 => {
                // Hash with field TTLs: the minimum expiry (not in 7.4's release candidates),
                // then (ttl, field, value) triples.
                if t == 24 {
                    self.skip(8)?;
                }
                let n = self.len()?;
                let mut alloc = 0;
                let mut with_ttl = 0;
                for _ in 0..n {
                    if self.len()? != 0 {
                        with_ttl += 1;
                    }
                    alloc += memory::sds(self.skip_string()?.len) + 8;
                    alloc += memory::sds(self.skip_string()?.len);
                }
                let mut h = v(
                    Hash,
                    "hashtable",
                    n,
                    memory::table(n, alloc, memory::Adds::FindThenAdd),
                );
                h.fields_with_ttl = with_ttl;
                h
            }
            23 | 25 => {
                // Listpack of (field, value, ttl) triples after the minimum expiry.
                if t == 25 {
                    self.skip(8)?;
                }
                let (n, bytes) = self.blob(blob::listpack_count, Header::Listpack)?;
                let mut h = v(Hash, "listpackex", n / 3, memory::packed(bytes) + 16);
                h.fields_with_ttl = n / 3;
                h
            }
            _ => return Err(self.corrupt(&format!("unknown value type {t}"))),
        })
    }

    /// Module data in the self-describing form of RDB module values (type 7) and module aux:
    /// typed items up to an EOF opcode.
    fn module_data(&mut self) -> Res<()> {
        loop {
            match self.len()? {
                0 => return Ok(()),
                1 | 2 => {
                    self.len()?;
                }
                3 => self.skip(4)?,
                4 => self.skip(8)?,
                5 => {
                    self.skip_string()?;
                }
                op => return Err(self.corrupt(&format!("unknown module data opcode {op}"))),
            }
        }
    }

    fn stream(&mut self, t: u8) -> Res<Value> {
        let mut p = memory::StreamParts {
            header: if t >= 19 { 80 } else { 40 },
            consumer_size: if t >= 21 { 32 } else { 24 },
            ..Default::default()
        };
        let nodes = self.len()?;
        let mut tree = memory::RaxNodes::default();
        let mut last = 0;
        for _ in 0..nodes {
            let at = self.src.offset();
            let master = self.string()?;
            let id: [u8; 16] = master
                .as_slice()
                .try_into()
                .map_err(|_| self.error_at(at, "stream node key is not a 16-byte id"))?;
            tree.push(id);
            let (_, bytes) = self.blob(blob::listpack_count, Header::Listpack)?;
            p.listpack_alloc += memory::jemalloc(bytes);
            last = bytes;
        }
        // The last node is still open on the server: XADD allocated it whole (4096 bytes,
        // `STREAM_LISTPACK_MAX_PRE_ALLOCATE`); closed ones were shrunk to fit.
        if nodes > 0 && last < 4096 {
            p.listpack_alloc += 4096 - memory::jemalloc(last);
        }
        (p.listpacks, p.rax_nodes) = tree.finish();
        let length = self.len()?;
        self.len()?; // last id ms
        self.len()?; // last id seq
        if t >= 19 {
            for _ in 0..5 {
                self.len()?; // first id, max deleted id, entries added
            }
        }
        let groups = self.len()?;
        for _ in 0..groups {
            self.skip_string()?;
            self.len()?;
            self.len()?;
            if t >= 19 {
                self.len()?; // entries read
            }
            let pel = self.len()?;
            let mut tree = memory::RaxNodes::default();
            for _ in 0..pel {
                tree.push(self.bytes::<16>()?);
                self.skip(8)?; // delivery time
                self.len()?; // delivery count
            }
            let (ids, nodes) = tree.finish();
            p.groups += 1;
            p.pending += ids;
            p.pel_nodes += nodes;
            let consumers = self.len()?;
            for _ in 0..consumers {
                p.consumer_name_bytes += self.skip_string()?.len;
                self.skip(8)?; // seen time
                if t >= 21 {
                    self.skip(8)?; // active time
                }
                let pel = self.len()?;
                let mut tree = memory::RaxNodes::default();
                for _ in 0..pel {
                    tree.push(self.bytes::<16>()?);
                }
                let (ids, nodes) = tree.finish();
                p.consumers += 1;
                p.consumer_pending += ids;
                p.consumer_pel_nodes += nodes;
            }
        }
        Ok(Value {
            kind: Kind::Stream,
            encoding: "stream",
            len: length,
            memory: memory::stream(&p),
            fields_with_ttl: 0,
            module: None,
        })
    }

    /// After EOF: the checksum (version 5 and later; zero means it was not computed).
    fn finish(&mut self) -> Res<()> {
        self.done = true;
        if self.meta.version < 5 {
            return Ok(());
        }
        let computed = self.src.crc();
        let at = self.src.offset();
        let stored = u64::from_le_bytes(self.bytes::<8>()?);
        if stored != 0 && stored != computed {
            return Err(self.error_at(
                at,
                &format!(
                    "wrong checksum: the file says {stored:016x}, its content is {computed:016x}"
                ),
            ));
        }
        self.meta.checksum_verified = stored != 0;
        Ok(())
    }
}

/// Which header tells a blob's size and count without reading it whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Header {
    Ziplist,
    Listpack,
    /// No usable header: read and walk.
    Walk,
}

impl Header {
    fn size(self) -> usize {
        match self {
            Header::Ziplist => blob::ZIPLIST_HEADER,
            Header::Listpack => blob::LISTPACK_HEADER,
            Header::Walk => 0,
        }
    }

    fn read(self, h: &[u8]) -> Result<(u32, Option<u64>), &'static str> {
        match self {
            Header::Ziplist => blob::ziplist_header(h),
            Header::Listpack => blob::listpack_header(h),
            Header::Walk => Ok((0, None)),
        }
    }
}

#[cfg(test)]
mod tests;
