//! What each benchmark request is: the workloads, key selection, and the bytes of each command.

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

use crate::redis::resp::encode;
use crate::redis::slot;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Workload {
    Ping,
    Set,
    Get,
    /// SET and GET in the --ratio proportion
    Mixed,
    Incr,
    /// MSET of --batch keys per command
    Mset,
    /// MGET of --batch keys per command
    Mget,
    Hset,
    Hgetall,
    Lpush,
    Rpop,
    /// XADD of job events shaped like the application's
    Xadd,
    /// XREAD COUNT 10 from the start of a job stream
    Xread,
    /// The command after `--`, with {key}, {value} and {rand} placeholders
    Custom,
    /// A read-through cache: GET, and on a miss SET with --ttl (1h by default); hit rate
    Cache,
    /// Job events: XADD to job_events:{id}, workers XREADGROUP/XACK; latency XADD to ack
    Jobs,
    /// The weighted commands and sequences of --scenario FILE
    Scenario,
}

impl Workload {
    pub fn name(self) -> &'static str {
        match self {
            Workload::Ping => "ping",
            Workload::Set => "set",
            Workload::Get => "get",
            Workload::Mixed => "mixed",
            Workload::Incr => "incr",
            Workload::Mset => "mset",
            Workload::Mget => "mget",
            Workload::Hset => "hset",
            Workload::Hgetall => "hgetall",
            Workload::Lpush => "lpush",
            Workload::Rpop => "rpop",
            Workload::Xadd => "xadd",
            Workload::Xread => "xread",
            Workload::Custom => "custom",
            Workload::Cache => "cache",
            Workload::Jobs => "jobs",
            Workload::Scenario => "scenario",
        }
    }

    /// The server commands (INFO commandstats names) this workload sends.
    pub fn commands(self) -> &'static [&'static str] {
        match self {
            Workload::Ping => &["ping"],
            Workload::Set => &["set"],
            Workload::Get => &["get"],
            Workload::Mixed => &["set", "get"],
            Workload::Incr => &["incr"],
            Workload::Mset => &["mset"],
            Workload::Mget => &["mget"],
            Workload::Hset => &["hset"],
            Workload::Hgetall => &["hgetall"],
            Workload::Lpush => &["lpush"],
            Workload::Rpop => &["rpop"],
            Workload::Xadd => &["xadd"],
            Workload::Xread => &["xread"],
            Workload::Custom => &[],
            Workload::Cache => &["get", "set"],
            Workload::Jobs => &["xadd"],
            Workload::Scenario => &[],
        }
    }

    /// Whether the workload writes keys (custom commands are assumed to).
    pub fn writes(self) -> bool {
        !matches!(
            self,
            Workload::Ping | Workload::Get | Workload::Mget | Workload::Hgetall | Workload::Xread
        )
    }

    /// Whether every command it sends only reads (a replica may answer it; `mixed` and
    /// `cache` decide per command).
    pub fn reads(self) -> bool {
        matches!(
            self,
            Workload::Get | Workload::Mget | Workload::Hgetall | Workload::Xread
        )
    }

    /// Whether its writes can carry `--ttl` (SET with PX).
    pub fn takes_ttl(self) -> bool {
        matches!(self, Workload::Set | Workload::Mixed | Workload::Cache)
    }

    /// Whether one command touches `batch` keys.
    pub fn is_batch(self) -> bool {
        matches!(self, Workload::Mset | Workload::Mget)
    }
}

/// Commands a replica can answer, for custom and scenario commands sent with
/// `--read-from-replicas`/`--replica` (anything else goes to the master).
pub fn is_read_command(name: &str) -> bool {
    const READS: &[&str] = &[
        "GET",
        "MGET",
        "GETRANGE",
        "STRLEN",
        "EXISTS",
        "TYPE",
        "TTL",
        "PTTL",
        "HGET",
        "HMGET",
        "HGETALL",
        "HLEN",
        "HEXISTS",
        "HKEYS",
        "HVALS",
        "LRANGE",
        "LLEN",
        "LINDEX",
        "SMEMBERS",
        "SISMEMBER",
        "SCARD",
        "ZRANGE",
        "ZSCORE",
        "ZCARD",
        "ZRANK",
        "ZCOUNT",
        "XRANGE",
        "XREVRANGE",
        "XLEN",
        "XREAD",
        "PING",
    ];
    READS.iter().any(|r| r.eq_ignore_ascii_case(name))
}

pub use super::keys::KeyPattern;
use super::keys::Zipf;
use super::values::{DataSize, Ttl, ValueKind, Values};

/// Everything a generator needs, shared by all clients.
#[derive(Debug, Clone)]
pub struct Shape {
    pub keyspace: u64,
    pub pattern: KeyPattern,
    pub prefix: String,
    pub data: DataSize,
    pub value_kind: ValueKind,
    /// `--ttl`: every SET carries `PX` of this (a fixed value or a uniform range).
    pub ttl: Option<Ttl>,
    pub batch: usize,
    /// SET:GET for `mixed`.
    pub ratio: (u32, u32),
    pub custom: Vec<String>,
    /// The word of the custom command that is its key (0 is the command's name), routed to
    /// the key's master on a cluster; None for a command without keys.
    pub key_index: Option<usize>,
    /// `--scenario`: its entries, each generated with its own shape.
    pub scenario: Option<std::sync::Arc<super::scenario::Scenario>>,
}

/// Per-client command generator: its own RNG, no locks on the hot path.
pub struct Gen {
    shape: Shape,
    rng: u64,
    seq: u64,
    values: Values,
    /// Whether value sizes vary per request (else no random number is spent on them).
    sizes_vary: bool,
    zipf: Option<Zipf>,
    /// The fixed value of the custom command's `{value}` and of MSET.
    value: Vec<u8>,
    event: Vec<u8>,
    key: Vec<u8>,
    keys: Vec<Vec<u8>>,
    num: String,
    /// Commands written by the last `write` (a scenario's sequence writes several).
    written: usize,
    /// Whether the last `write` wrote only reads (which a replica may answer).
    read: bool,
    /// Whether the custom command is a read.
    custom_read: bool,
    /// A scenario's entries: one generator each (its keys, sizes, TTL) and the cumulative
    /// weights.
    entries: Vec<Gen>,
    cumulative: Vec<u64>,
}

/// The application cache's `default_ttl`.
pub const DEFAULT_CACHE_TTL: Ttl = Ttl {
    min_ms: 3_600_000,
    max_ms: 3_600_000,
};

const EVENT_TYPES: [&str; 4] = [
    "task_started",
    "task_progress",
    "task_completed",
    "outline_generated",
];

impl Gen {
    pub fn new(shape: &Shape, client: u64) -> Gen {
        let data_size = shape.data.max();
        let mut values = Values::new(&shape.data, shape.value_kind);
        let value = values.value(data_size).to_vec();
        // A job event like the application's: JSON padded to --data-size, non-ASCII kept.
        let mut event =
            r#"{"job_id":"bench","type":"task_progress","progress":42,"message":"生成中 "#
                .as_bytes()
                .to_vec();
        while event.len() + 2 < data_size {
            event.push(b'.');
        }
        event.extend_from_slice(b"\"}");
        Gen {
            rng: 0x9E37_79B9_7F4A_7C15 ^ (client.wrapping_mul(0xBF58_476D_1CE4_E5B9) | 1),
            seq: client.wrapping_mul(7919),
            shape: shape.clone(),
            sizes_vary: !matches!(shape.data, DataSize::Fixed(_)),
            zipf: match shape.pattern {
                KeyPattern::Zipf(s) => Some(Zipf::new(shape.keyspace, s)),
                _ => None,
            },
            values,
            value,
            event,
            key: Vec::with_capacity(64),
            keys: Vec::new(),
            num: String::new(),
            written: 1,
            read: false,
            custom_read: shape.custom.first().is_some_and(|c| is_read_command(c)),
            entries: Vec::new(),
            cumulative: Vec::new(),
        }
        .with_scenario(client)
    }

    fn with_scenario(mut self, client: u64) -> Gen {
        let Some(sc) = self.shape.scenario.clone() else {
            return self;
        };
        let mut acc = 0u64;
        for (i, e) in sc.entries.iter().enumerate() {
            let shape = Shape {
                keyspace: e.keyspace,
                pattern: e.key_pattern,
                prefix: self.shape.prefix.clone(),
                data: e.data_size.clone(),
                value_kind: e.value_kind,
                ttl: e.ttl,
                batch: 1,
                ratio: (1, 1),
                custom: Vec::new(),
                key_index: None,
                scenario: None,
            };
            self.entries.push(Gen::new(
                &shape,
                client.wrapping_mul(31).wrapping_add(i as u64),
            ));
            acc += u64::from(e.weight);
            self.cumulative.push(acc);
        }
        self
    }

    /// Commands the last `write` appended.
    pub fn written(&self) -> usize {
        self.written
    }

    /// Whether the commands the last `write` appended only read.
    pub fn reads(&self) -> bool {
        self.read
    }

    /// A scenario request: an entry by weight, its key, then each of its commands with the
    /// placeholders filled. Returns the slot of the key word of the first command.
    fn write_scenario(&mut self, buf: &mut Vec<u8>) -> u16 {
        let Some(sc) = self.shape.scenario.clone() else {
            encode(buf, &[b"PING"]);
            return 0;
        };
        let total = self.cumulative.last().copied().unwrap_or(1).max(1);
        let x = self.next_u64() % total;
        let i = self.cumulative.partition_point(|c| *c <= x);
        let (Some(entry), Some(g)) = (sc.entries.get(i), self.entries.get_mut(i)) else {
            encode(buf, &[b"PING"]);
            return 0;
        };
        let n = g.key_number();
        let key = if entry.tagged {
            format!("{}{{{n}}}", self.shape.prefix).into_bytes()
        } else {
            g.make_key_in("", n);
            g.key.clone()
        };
        let mut slot_of = None;
        for (c, words) in entry.commands.iter().enumerate() {
            let mut filled: Vec<Vec<u8>> = Vec::with_capacity(words.len());
            for w in words {
                if !w.contains('{') {
                    filled.push(w.as_bytes().to_vec());
                    continue;
                }
                let mut out = Vec::with_capacity(w.len() + key.len());
                let mut rest = w.as_str();
                while let Some(at) = rest.find('{') {
                    out.extend_from_slice(&rest.as_bytes()[..at]);
                    let tail = &rest[at..];
                    if let Some(t) = tail.strip_prefix("{key}") {
                        out.extend_from_slice(&key);
                        rest = t;
                    } else if let Some(t) = tail.strip_prefix("{value}") {
                        out.extend_from_slice(g.next_value());
                        rest = t;
                    } else if let Some(t) = tail.strip_prefix("{ttl}") {
                        let ms = match entry.ttl {
                            Some(tt) if tt.max_ms > tt.min_ms => {
                                tt.min_ms + g.next_u64() % (tt.max_ms - tt.min_ms + 1)
                            }
                            Some(tt) => tt.min_ms,
                            None => 0,
                        };
                        out.extend_from_slice(ms.to_string().as_bytes());
                        rest = t;
                    } else if let Some(t) = tail.strip_prefix("{rand}") {
                        out.extend_from_slice((g.next_u64() % 1_000_000).to_string().as_bytes());
                        rest = t;
                    } else {
                        out.push(b'{');
                        rest = &tail[1..];
                    }
                }
                out.extend_from_slice(rest.as_bytes());
                filled.push(out);
            }
            if c == 0 {
                slot_of = entry.key_word.and_then(|k| filled.get(k)).map(|w| slot(w));
            }
            let refs: Vec<&[u8]> = filled.iter().map(Vec::as_slice).collect();
            encode(buf, &refs);
        }
        self.written = entry.commands.len();
        self.read = entry
            .commands
            .iter()
            .all(|c| c.first().is_some_and(|n| is_read_command(n)));
        slot_of.unwrap_or_else(|| slot(&key))
    }

    fn next_u64(&mut self) -> u64 {
        // xorshift64*: fast, good enough to spread keys.
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn key_number(&mut self) -> u64 {
        let n = self.shape.keyspace.max(1);
        match self.shape.pattern {
            KeyPattern::Random => self.next_u64() % n,
            KeyPattern::Sequential => {
                self.seq = self.seq.wrapping_add(1);
                self.seq % n
            }
            KeyPattern::Gaussian => {
                // Box-Muller around the middle, sd = keyspace/6, clamped.
                let u1 = ((self.next_u64() >> 11) as f64 + 1.0) / (1u64 << 53) as f64;
                let u2 = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
                let v = n as f64 / 2.0 + z * n as f64 / 6.0;
                v.clamp(0.0, (n - 1) as f64) as u64
            }
            KeyPattern::Zipf(_) => match self.zipf {
                Some(z) => z.sample(|| (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64),
                None => 0,
            },
            KeyPattern::Hotspot { keys_pct, ops_pct } => {
                let hot = ((n as f64 * keys_pct / 100.0) as u64).clamp(1, n);
                let r = self.next_u64();
                // The top 53 bits pick hot or cold; the rest of a fresh number the key.
                let to_hot = ((r >> 11) as f64 / (1u64 << 53) as f64) < ops_pct / 100.0;
                let k = self.next_u64();
                if to_hot || hot == n {
                    k % hot
                } else {
                    hot + k % (n - hot)
                }
            }
        }
    }

    /// A value for the next write: its size picked per request when sizes vary.
    fn next_value(&mut self) -> &[u8] {
        if !self.sizes_vary {
            return self.values.value(self.value.len());
        }
        let r = self.next_u64();
        let n = self.values.pick(r);
        self.values.value(n)
    }

    /// The cache workload's next key (`<prefix>cache:N`) and its slot.
    pub fn cache_key(&mut self) -> (Vec<u8>, u16) {
        let n = self.key_number();
        self.make_key_in("cache:", n);
        (self.key.clone(), slot(&self.key))
    }

    pub fn write_get(&mut self, key: &[u8], buf: &mut Vec<u8>) {
        encode(buf, &[b"GET", key]);
    }

    /// The cache's SET on a miss: with --ttl, or the application's default TTL (3600 s).
    pub fn write_cache_set(&mut self, key: &[u8], buf: &mut Vec<u8>) {
        let ttl = self.shape.ttl.unwrap_or(DEFAULT_CACHE_TTL);
        self.write_set_ttl(key, Some(ttl), buf);
    }

    /// `SET key value [PX ms]` as the request's words.
    fn write_set(&mut self, key: &[u8], buf: &mut Vec<u8>) {
        self.write_set_ttl(key, self.shape.ttl, buf);
    }

    fn write_set_ttl(&mut self, key: &[u8], ttl: Option<Ttl>, buf: &mut Vec<u8>) {
        match ttl {
            None => {
                let v = self.next_value();
                encode(buf, &[b"SET", key, v]);
            }
            Some(t) => {
                let ms = if t.max_ms > t.min_ms {
                    t.min_ms + self.next_u64() % (t.max_ms - t.min_ms + 1)
                } else {
                    t.min_ms
                };
                let mut num = std::mem::take(&mut self.num);
                num.clear();
                use std::fmt::Write;
                let _ = write!(num, "{ms}");
                let v = self.next_value();
                encode(buf, &[b"SET", key, v, b"PX", num.as_bytes()]);
                self.num = num;
            }
        }
    }

    fn make_key_in(&mut self, space: &str, n: u64) {
        self.key.clear();
        self.key.extend_from_slice(self.shape.prefix.as_bytes());
        self.key.extend_from_slice(space.as_bytes());
        crate::redis::resp::push_num(&mut self.key, n);
    }

    /// Appends the command for request `i` to `buf`; returns the cluster slot it must go to.
    pub fn write(&mut self, w: Workload, i: u64, buf: &mut Vec<u8>) -> u16 {
        self.written = 1;
        self.read = match w {
            Workload::Custom => self.custom_read,
            w => w.reads(),
        };
        if w == Workload::Scenario {
            return self.write_scenario(buf);
        }
        let n = self.key_number();
        match w {
            Workload::Ping => {
                encode(buf, &[b"PING"]);
                return 0;
            }
            Workload::Mset | Workload::Mget => return self.write_batch(w, n, buf),
            Workload::Xadd | Workload::Xread => {
                self.key.clear();
                let name = format!("{}job_events:{}", self.shape.prefix, n % 1000);
                self.key.extend_from_slice(name.as_bytes());
            }
            // Each data type gets its own keys, so workloads never collide (WRONGTYPE).
            Workload::Incr => self.make_key_in("counter:", n),
            Workload::Hset | Workload::Hgetall => self.make_key_in("hash:", n),
            Workload::Lpush | Workload::Rpop => self.make_key_in("list:", n),
            _ => self.make_key_in("", n),
        }
        let key = std::mem::take(&mut self.key);
        match w {
            Workload::Set => self.write_set(&key, buf),
            Workload::Get => encode(buf, &[b"GET", &key]),
            Workload::Mixed => {
                let (s, g) = self.shape.ratio;
                if i % u64::from(s + g).max(1) < u64::from(s) {
                    self.read = false;
                    self.write_set(&key, buf);
                } else {
                    self.read = true;
                    encode(buf, &[b"GET", &key]);
                }
            }
            Workload::Incr => encode(buf, &[b"INCR", &key]),
            Workload::Hset => {
                let v = self.next_value();
                encode(buf, &[b"HSET", &key, b"field", v]);
            }
            Workload::Hgetall => encode(buf, &[b"HGETALL", &key]),
            Workload::Lpush => {
                let v = self.next_value();
                encode(buf, &[b"LPUSH", &key, v]);
            }
            Workload::Rpop => encode(buf, &[b"RPOP", &key]),
            Workload::Xadd => {
                let ty = EVENT_TYPES[(i % 4) as usize].as_bytes();
                encode(
                    buf,
                    &[
                        b"XADD",
                        &key,
                        b"MAXLEN",
                        b"~",
                        b"1000",
                        b"*",
                        b"data",
                        &self.event,
                        b"timestamp",
                        b"2026-11-23T10:00:00.000000",
                        b"event_type",
                        ty,
                    ],
                );
            }
            Workload::Xread => encode(buf, &[b"XREAD", b"COUNT", b"10", b"STREAMS", &key, b"0"]),
            Workload::Custom => {
                let args = self.custom_args(&key);
                let refs: Vec<&[u8]> = args.iter().map(|a| a.as_slice()).collect();
                encode(buf, &refs);
                // The slot of the key the command really names (`agent:cache:{key}`), not of
                // the generated key inside it.
                if let Some(k) = self.shape.key_index.and_then(|i| args.get(i)) {
                    let s = slot(k);
                    self.key = key;
                    return s;
                }
            }
            // The cache's rounds are written by `cache_key`/`write_get`/`write_cache_set`; a
            // lone GET stands for it here.
            Workload::Cache => encode(buf, &[b"GET", &key]),
            // The jobs workload runs in `jobs`, not through the raw generator.
            Workload::Jobs | Workload::Scenario => encode(buf, &[b"PING"]),
            Workload::Ping | Workload::Mset | Workload::Mget => {}
        }
        let s = slot(&key);
        self.key = key;
        s
    }

    /// The words of the custom command with `{key}`, `{value}` and `{rand}` filled in.
    pub fn custom_args(&mut self, key: &[u8]) -> Vec<Vec<u8>> {
        let rand = (self.next_u64() % 1_000_000).to_string();
        self.shape
            .custom
            .iter()
            .map(|a| {
                if !a.contains('{') {
                    return a.as_bytes().to_vec();
                }
                let mut out = a.replace("{rand}", &rand).into_bytes();
                if a.contains("{key}") {
                    let text = String::from_utf8_lossy(&out)
                        .replace("{key}", &String::from_utf8_lossy(key));
                    out = text.into_bytes();
                }
                if a.contains("{value}") {
                    let text = String::from_utf8_lossy(&out)
                        .replace("{value}", &String::from_utf8_lossy(&self.value));
                    out = text.into_bytes();
                }
                out
            })
            .collect()
    }

    /// MSET/MGET: `batch` keys sharing a hash tag, so a cluster takes them in one slot.
    fn write_batch(&mut self, w: Workload, n: u64, buf: &mut Vec<u8>) -> u16 {
        let b = self.shape.batch.max(1);
        let group = n / b as u64;
        self.keys.clear();
        for j in 0..b {
            self.keys
                .push(format!("{}{{{group}}}:{j}", self.shape.prefix).into_bytes());
        }
        let mut args: Vec<&[u8]> = Vec::with_capacity(1 + 2 * b);
        if w == Workload::Mset {
            args.push(b"MSET");
            for k in &self.keys {
                args.push(k);
                args.push(&self.value);
            }
        } else {
            args.push(b"MGET");
            for k in &self.keys {
                args.push(k);
            }
        }
        encode(buf, &args);
        slot(&self.keys[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(pattern: KeyPattern) -> Shape {
        Shape {
            keyspace: 100,
            pattern,
            prefix: "bench:".into(),
            data: DataSize::Fixed(8),
            value_kind: ValueKind::Raw,
            ttl: None,
            batch: 4,
            ratio: (1, 3),
            custom: vec!["SET".into(), "{key}".into(), "v{rand}".into()],
            key_index: Some(1),
            scenario: None,
        }
    }

    #[test]
    fn commands_and_keys() {
        let mut g = Gen::new(&shape(KeyPattern::Sequential), 0);
        let mut buf = Vec::new();
        g.write(Workload::Set, 0, &mut buf);
        let text = String::from_utf8_lossy(&buf);
        assert!(text.starts_with("*3\r\n$3\r\nSET\r\n$"), "{text}");
        assert!(text.contains("bench:"));
        assert!(text.ends_with("$8\r\nxxxxxxxx\r\n"));
        buf.clear();
        let s = g.write(Workload::Mset, 0, &mut buf);
        let text = String::from_utf8_lossy(&buf);
        assert!(text.starts_with("*9\r\n$4\r\nMSET"), "{text}");
        assert_eq!(s, slot(text.split("\r\n").nth(4).unwrap().as_bytes()));
        buf.clear();
        let s = g.write(Workload::Custom, 0, &mut buf);
        assert!(String::from_utf8_lossy(&buf).contains("bench:"));
        // The slot is the one of the word that is the key, whatever surrounds {key}.
        let mut sh = shape(KeyPattern::Sequential);
        sh.custom = vec!["SET".into(), "agent:cache:{key}".into(), "v".into()];
        let mut g2 = Gen::new(&sh, 0);
        buf.clear();
        let s2 = g2.write(Workload::Custom, 0, &mut buf);
        let text = String::from_utf8_lossy(&buf).into_owned();
        let key = text.split("\r\n").nth(4).unwrap();
        assert!(key.starts_with("agent:cache:bench:"), "{text}");
        assert_eq!(s2, slot(key.as_bytes()));
        let _ = s;
        sh.key_index = None;
        let mut g3 = Gen::new(&sh, 0);
        buf.clear();
        g3.write(Workload::Custom, 0, &mut buf);
        for p in [KeyPattern::Random, KeyPattern::Gaussian] {
            let mut g = Gen::new(&shape(p), 1);
            for _ in 0..1000 {
                assert!(g.key_number() < 100);
            }
        }
    }
}
