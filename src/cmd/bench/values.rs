//! Values and expiry as an application writes them: `--data-size N`, a range `A..B` (uniform)
//! or a weighted list `64:70,1024:25,65536:5`; `--value raw|json` (JSON objects of the size
//! asked, like the cache's); `--ttl DUR` or `A..B` on every write that can carry one.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::duration;

/// `--data-size`, parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataSize {
    Fixed(usize),
    Range(usize, usize),
    /// (size, weight) pairs.
    Weighted(Vec<(usize, u32)>),
}

impl DataSize {
    pub fn parse(text: &str) -> Result<DataSize, String> {
        let bad = |why: &str| format!("--data-size {text}: {why}");
        let num = |s: &str| -> Result<usize, String> {
            parse_bytes(s.trim()).ok_or_else(|| bad("expected bytes, e.g. 64, 4k or 1m"))
        };
        let t = text.trim();
        if let Some((a, b)) = t.split_once("..") {
            let (a, b) = (num(a)?, num(b)?);
            if a > b {
                return Err(bad("the range's start is above its end"));
            }
            return Ok(if a == b {
                DataSize::Fixed(a)
            } else {
                DataSize::Range(a, b)
            });
        }
        if t.contains(',') || t.contains(':') {
            let mut list = Vec::new();
            for part in t.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let (s, w) = part
                    .split_once(':')
                    .ok_or_else(|| bad("expected SIZE:WEIGHT pairs, e.g. 64:70,1024:30"))?;
                let w: u32 = w
                    .trim()
                    .parse()
                    .map_err(|_| bad("a weight is a whole number"))?;
                list.push((num(s)?, w));
            }
            if list.iter().map(|(_, w)| u64::from(*w)).sum::<u64>() == 0 {
                return Err(bad("the weights add up to 0"));
            }
            return Ok(DataSize::Weighted(list));
        }
        Ok(DataSize::Fixed(num(t)?))
    }

    /// The largest value it gives (for the limits on memory in flight).
    pub fn max(&self) -> usize {
        match self {
            DataSize::Fixed(n) => *n,
            DataSize::Range(_, b) => *b,
            DataSize::Weighted(l) => l.iter().map(|(s, _)| *s).max().unwrap_or(0),
        }
    }

    /// The expected size of a value (for bytes/s).
    pub fn mean(&self) -> f64 {
        match self {
            DataSize::Fixed(n) => *n as f64,
            DataSize::Range(a, b) => (*a + *b) as f64 / 2.0,
            DataSize::Weighted(l) => {
                let w: f64 = l.iter().map(|(_, w)| f64::from(*w)).sum();
                l.iter()
                    .map(|(s, x)| *s as f64 * f64::from(*x))
                    .sum::<f64>()
                    / w.max(1.0)
            }
        }
    }

    pub fn describe(&self) -> String {
        match self {
            DataSize::Fixed(n) => format!("{n} B"),
            DataSize::Range(a, b) => format!("{a}..{b} B"),
            DataSize::Weighted(l) => l
                .iter()
                .map(|(s, w)| format!("{s}:{w}"))
                .collect::<Vec<_>>()
                .join(",")
                .to_string(),
        }
    }
}

/// 64, 4k, 4kb, 1m, 1mib (powers of 1024).
fn parse_bytes(s: &str) -> Option<usize> {
    let t = s.to_ascii_lowercase();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let n: usize = t[..split].parse().ok()?;
    let f = match t[split..].trim() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        _ => return None,
    };
    n.checked_mul(f)
}

/// What a value's bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// `xxxx…`
    #[default]
    Raw,
    /// A JSON object of exactly the size asked, shaped like the application's cache entries
    Json,
}

/// `--ttl`: a fixed expiry or a uniform range, in ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ttl {
    pub min_ms: u64,
    pub max_ms: u64,
}

impl Ttl {
    pub fn parse(text: &str) -> Result<Ttl, String> {
        let bad = |why: &str| format!("--ttl {text}: {why}");
        let one = |s: &str| -> Result<u64, String> {
            let d: Duration = duration::parse(s.trim())
                .map_err(|_| bad("expected a duration such as 60s or 1h, or a range 10s..1h"))?;
            let ms = d.as_millis() as u64;
            if ms == 0 {
                return Err(bad("a TTL must be at least 1ms"));
            }
            Ok(ms)
        };
        let (a, b) = match text.split_once("..") {
            Some((a, b)) => (one(a)?, one(b)?),
            None => {
                let n = one(text)?;
                (n, n)
            }
        };
        if a > b {
            return Err(bad("the range's start is above its end"));
        }
        Ok(Ttl {
            min_ms: a,
            max_ms: b,
        })
    }
}

/// Per-client value source: one buffer of the largest size, sliced per request.
pub struct Values {
    size: DataSize,
    kind: ValueKind,
    /// Raw: `max` bytes of `x`; JSON: a built value (rebuilt per size).
    raw: Vec<u8>,
    json: Vec<u8>,
    /// The size `json` holds a value of (a value of the same size is not built again).
    built: Option<usize>,
    /// JSON values of the head's size and more: the head padded to the largest size once; a
    /// value of `n` bytes is its first `n` with `"}` at `n - 2` (where the last one put it is
    /// padding again), so a size range costs no rebuild per request.
    json_max: Vec<u8>,
    tail_at: Option<usize>,
    /// Cumulative weights for a weighted list.
    cumulative: Vec<u64>,
}

const JSON_HEAD: &[u8] =
    br#"{"id":"bench","provider":"redis","user_id":4711,"unread":3,"latest":[{"title":"hello","read":false}],"pad":""#;

impl Values {
    pub fn new(size: &DataSize, kind: ValueKind) -> Values {
        let mut cumulative = Vec::new();
        if let DataSize::Weighted(l) = size {
            let mut acc = 0u64;
            for (_, w) in l {
                acc += u64::from(*w);
                cumulative.push(acc);
            }
        }
        Values {
            size: size.clone(),
            kind,
            raw: vec![b'x'; size.max()],
            json: Vec::with_capacity(size.max().max(JSON_HEAD.len() + 2)),
            built: None,
            json_max: if kind == ValueKind::Json && size.max() >= JSON_HEAD.len() + 2 {
                let mut v = JSON_HEAD.to_vec();
                v.resize(size.max(), b'x');
                v
            } else {
                Vec::new()
            },
            tail_at: None,
            cumulative,
        }
    }

    /// The size of the next value; `r` is a fresh random number.
    pub fn pick(&self, r: u64) -> usize {
        match &self.size {
            DataSize::Fixed(n) => *n,
            DataSize::Range(a, b) => a + (r % (b - a + 1) as u64) as usize,
            DataSize::Weighted(l) => {
                let total = self.cumulative.last().copied().unwrap_or(1).max(1);
                let x = r % total;
                let i = self.cumulative.partition_point(|c| *c <= x);
                l.get(i).map_or(0, |(s, _)| *s)
            }
        }
    }

    /// A value of `n` bytes.
    pub fn value(&mut self, n: usize) -> &[u8] {
        match self.kind {
            ValueKind::Raw => &self.raw[..n.min(self.raw.len())],
            ValueKind::Json if n >= JSON_HEAD.len() + 2 && n <= self.json_max.len() => {
                if let Some(p) = self.tail_at.replace(n) {
                    self.json_max[p - 2] = b'x';
                    self.json_max[p - 1] = b'x';
                }
                self.json_max[n - 2] = b'"';
                self.json_max[n - 1] = b'}';
                &self.json_max[..n]
            }
            ValueKind::Json => {
                if self.built != Some(n) {
                    json_of_size(&mut self.json, n);
                    self.built = Some(n);
                }
                &self.json
            }
        }
    }
}

/// A JSON object of exactly `n` bytes: the cache-entry head padded inside `"pad"`; below the
/// head's size a smaller object (`{"p":"…"}`, or `{}` and spaces under 8 bytes).
fn json_of_size(out: &mut Vec<u8>, n: usize) {
    out.clear();
    if n >= JSON_HEAD.len() + 2 {
        out.extend_from_slice(JSON_HEAD);
        out.resize(n - 2, b'x');
        out.extend_from_slice(b"\"}");
    } else if n >= 8 {
        out.extend_from_slice(br#"{"p":""#);
        out.resize(n - 2, b'x');
        out.extend_from_slice(b"\"}");
    } else if n >= 2 {
        out.extend_from_slice(b"{}");
        out.resize(n, b' ');
    } else {
        out.resize(n, b' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(DataSize::parse("64").unwrap(), DataSize::Fixed(64));
        assert_eq!(DataSize::parse("4k").unwrap(), DataSize::Fixed(4096));
        assert_eq!(
            DataSize::parse("64..4096").unwrap(),
            DataSize::Range(64, 4096)
        );
        let w = DataSize::parse("64:70,1024:25,64k:5").unwrap();
        assert_eq!(
            w,
            DataSize::Weighted(vec![(64, 70), (1024, 25), (65536, 5)])
        );
        assert_eq!(w.max(), 65536);
        for bad in ["x", "10..5", "64:0", "64:x,1:1", "1q"] {
            assert!(
                DataSize::parse(bad).unwrap_err().starts_with("--data-size"),
                "{bad}"
            );
        }
    }

    #[test]
    fn weighted_sizes_follow_their_weights_and_ranges_stay_inside() {
        let v = Values::new(
            &DataSize::parse("64:70,1024:25,65536:5").unwrap(),
            ValueKind::Raw,
        );
        let mut counts = std::collections::BTreeMap::new();
        for r in 0..10_000u64 {
            *counts
                .entry(v.pick(r.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 7))
                .or_insert(0) += 1;
        }
        assert!((6700..7300).contains(&counts[&64]), "{counts:?}");
        assert!((2200..2800).contains(&counts[&1024]), "{counts:?}");
        let v = Values::new(&DataSize::Range(64, 128), ValueKind::Raw);
        assert!((0..1000u64).all(|r| (64..=128).contains(&v.pick(r * 7919))));
    }

    #[test]
    fn json_values_are_json_of_the_size_asked() {
        let mut v = Values::new(&DataSize::Range(1, 5000), ValueKind::Json);
        for n in [
            1, 2, 7, 8, 20, 100, 119, 120, 4096, 200, 4096, 121, 121, 8, 5000, 300,
        ] {
            let bytes = v.value(n).to_vec();
            assert_eq!(bytes.len(), n);
            if n >= 2 {
                let parsed: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                assert!(parsed.is_object(), "{n}");
            }
        }
    }

    #[test]
    fn ttls_parse() {
        assert_eq!(
            Ttl::parse("60s").unwrap(),
            Ttl {
                min_ms: 60_000,
                max_ms: 60_000
            }
        );
        assert_eq!(Ttl::parse("1s..1m").unwrap().max_ms, 60_000);
        assert!(Ttl::parse("0s").is_err());
        assert!(Ttl::parse("1m..1s").is_err());
    }
}
