//! `--key-pattern`: how request keys are picked from the key space. Besides uniform,
//! sequential and gaussian, the shapes of real caches: `zipf[:S]` (a few keys take most of the
//! requests, rank k with probability ∝ 1/k^S) and `hotspot:P%:Q%` (Q% of the requests go to
//! the first P% of the keys).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How keys are picked; written and read as text (`random`, `zipf:0.99`, `hotspot:10%:90%`),
/// so baselines saved with the plain names still read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KeyPattern {
    Random,
    Sequential,
    Gaussian,
    Zipf(f64),
    Hotspot { keys_pct: f64, ops_pct: f64 },
}

pub const DEFAULT_ZIPF: f64 = 0.99;

impl KeyPattern {
    pub fn parse(text: &str) -> Result<KeyPattern, String> {
        let t = text.trim().to_ascii_lowercase();
        let bad = |why: &str| format!("--key-pattern {text}: {why}");
        let pct = |s: &str| -> Result<f64, String> {
            let n: f64 = s
                .trim()
                .trim_end_matches('%')
                .parse()
                .map_err(|_| bad("expected a percentage such as 10%"))?;
            if !(n > 0.0 && n < 100.0) {
                return Err(bad("percentages must be above 0 and below 100"));
            }
            Ok(n)
        };
        match t.as_str() {
            "random" | "uniform" => Ok(KeyPattern::Random),
            "sequential" => Ok(KeyPattern::Sequential),
            "gaussian" => Ok(KeyPattern::Gaussian),
            "zipf" => Ok(KeyPattern::Zipf(DEFAULT_ZIPF)),
            _ => {
                if let Some(s) = t.strip_prefix("zipf:") {
                    let s: f64 = s
                        .parse()
                        .map_err(|_| bad("the zipf exponent is a number, e.g. zipf:0.99"))?;
                    if !(s > 0.0 && s <= 5.0) {
                        return Err(bad("the zipf exponent must be above 0 and at most 5"));
                    }
                    return Ok(KeyPattern::Zipf(s));
                }
                if let Some(rest) = t.strip_prefix("hotspot:") {
                    let (p, q) = rest
                        .split_once(':')
                        .ok_or_else(|| bad("expected hotspot:P%:Q%, e.g. hotspot:10%:90%"))?;
                    return Ok(KeyPattern::Hotspot {
                        keys_pct: pct(p)?,
                        ops_pct: pct(q)?,
                    });
                }
                Err(bad(
                    "expected random, sequential, gaussian, zipf[:S] or hotspot:P%:Q%",
                ))
            }
        }
    }

    /// The share of requests the most requested `top` of `n` keys get, as the pattern
    /// predicts (for the tests and the report).
    pub fn top_share(&self, n: u64, top: u64) -> Option<f64> {
        match *self {
            KeyPattern::Zipf(s) => {
                let h = |m: u64| (1..=m).map(|k| (k as f64).powf(-s)).sum::<f64>();
                Some(h(top.min(n)) / h(n))
            }
            _ => None,
        }
    }
}

impl fmt::Display for KeyPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyPattern::Random => write!(f, "random"),
            KeyPattern::Sequential => write!(f, "sequential"),
            KeyPattern::Gaussian => write!(f, "gaussian"),
            KeyPattern::Zipf(s) => write!(f, "zipf:{s}"),
            KeyPattern::Hotspot { keys_pct, ops_pct } => {
                write!(f, "hotspot:{keys_pct}%:{ops_pct}%")
            }
        }
    }
}

impl Serialize for KeyPattern {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for KeyPattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KeyPattern, D::Error> {
        let text = String::deserialize(d)?;
        KeyPattern::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Zipf ranks by rejection-inversion (Hörmann and Derflinger, as Apache Commons samples it):
/// O(1) per draw and no table, so a key space of millions costs nothing to set up.
#[derive(Debug, Clone, Copy)]
pub struct Zipf {
    n: f64,
    s: f64,
    h_x1: f64,
    h_n: f64,
    cut: f64,
}

impl Zipf {
    pub fn new(n: u64, s: f64) -> Zipf {
        let n = n.max(1) as f64;
        let mut z = Zipf {
            n,
            s,
            h_x1: 0.0,
            h_n: 0.0,
            cut: 0.0,
        };
        z.h_x1 = z.h_integral(1.5) - 1.0;
        z.h_n = z.h_integral(n + 0.5);
        z.cut = 2.0 - z.h_integral_inv(z.h_integral(2.5) - z.h(2.0));
        z
    }

    /// A rank from 0 (the most requested) to n - 1; `u` uniform in [0, 1).
    pub fn sample(&self, mut u: impl FnMut() -> f64) -> u64 {
        loop {
            let v = self.h_n + u() * (self.h_x1 - self.h_n);
            let x = self.h_integral_inv(v);
            let k = (x + 0.5).floor().clamp(1.0, self.n);
            if k - x <= self.cut || v >= self.h_integral(k + 0.5) - self.h(k) {
                return k as u64 - 1;
            }
        }
    }

    fn h(&self, x: f64) -> f64 {
        (-self.s * x.ln()).exp()
    }

    fn h_integral(&self, x: f64) -> f64 {
        let l = x.ln();
        helper2((1.0 - self.s) * l) * l
    }

    fn h_integral_inv(&self, x: f64) -> f64 {
        let t = (x * (1.0 - self.s)).max(-1.0);
        (helper1(t) * x).exp()
    }
}

/// ln(1 + x) / x, exact near 0.
fn helper1(x: f64) -> f64 {
    if x.abs() > 1e-8 {
        x.ln_1p() / x
    } else {
        1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x))
    }
}

/// (e^x - 1) / x, exact near 0.
fn helper2(x: f64) -> f64 {
    if x.abs() > 1e-8 {
        x.exp_m1() / x
    } else {
        1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x))
    }
}

/// A key picker outside the raw generator (the jobs workload's producers): the same patterns
/// over `n` keys, from a caller's xorshift state.
pub struct Picker {
    pattern: KeyPattern,
    n: u64,
    seq: u64,
    zipf: Option<Zipf>,
}

impl Picker {
    pub fn new(pattern: KeyPattern, n: u64) -> Picker {
        Picker {
            pattern,
            n: n.max(1),
            seq: 0,
            zipf: match pattern {
                KeyPattern::Zipf(s) => Some(Zipf::new(n, s)),
                _ => None,
            },
        }
    }

    pub fn next(&mut self, rng: &mut u64) -> u64 {
        let mut r = || {
            *rng ^= *rng >> 12;
            *rng ^= *rng << 25;
            *rng ^= *rng >> 27;
            rng.wrapping_mul(0x2545_F491_4F6C_DD1D)
        };
        let unit = |x: u64| (x >> 11) as f64 / (1u64 << 53) as f64;
        let n = self.n;
        match self.pattern {
            KeyPattern::Random | KeyPattern::Gaussian => r() % n,
            KeyPattern::Sequential => {
                self.seq = self.seq.wrapping_add(1);
                self.seq % n
            }
            KeyPattern::Zipf(_) => match self.zipf {
                Some(z) => z.sample(|| unit(r())),
                None => 0,
            },
            KeyPattern::Hotspot { keys_pct, ops_pct } => {
                let hot = ((n as f64 * keys_pct / 100.0) as u64).clamp(1, n);
                let to_hot = unit(r()) < ops_pct / 100.0;
                let k = r();
                if to_hot || hot == n {
                    k % hot
                } else {
                    hot + k % (n - hot)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_parse_and_print_back() {
        for (text, want) in [
            ("random", KeyPattern::Random),
            ("zipf", KeyPattern::Zipf(0.99)),
            ("zipf:1.2", KeyPattern::Zipf(1.2)),
            (
                "hotspot:10%:90%",
                KeyPattern::Hotspot {
                    keys_pct: 10.0,
                    ops_pct: 90.0,
                },
            ),
        ] {
            let p = KeyPattern::parse(text).unwrap();
            assert_eq!(p, want);
            assert_eq!(KeyPattern::parse(&p.to_string()).unwrap(), p);
        }
        for bad in [
            "zipf:0",
            "zipf:x",
            "hotspot:10%",
            "hotspot:0%:50%",
            "pareto",
        ] {
            assert!(
                KeyPattern::parse(bad)
                    .unwrap_err()
                    .starts_with("--key-pattern")
            );
        }
        let json = serde_json::to_string(&KeyPattern::Zipf(0.99)).unwrap();
        assert_eq!(json, "\"zipf:0.99\"");
        let old: KeyPattern = serde_json::from_str("\"gaussian\"").unwrap();
        assert_eq!(old, KeyPattern::Gaussian);
    }

    #[test]
    fn zipf_ranks_follow_the_law() {
        let (n, s) = (1000u64, 0.99);
        let z = Zipf::new(n, s);
        let mut state = 0x1234_5678u64;
        let mut u = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut counts = vec![0u64; n as usize];
        let draws = 200_000;
        for _ in 0..draws {
            counts[z.sample(&mut u) as usize] += 1;
        }
        let top: u64 = counts[..10].iter().sum();
        let want = KeyPattern::Zipf(s).top_share(n, 10).unwrap();
        let got = top as f64 / draws as f64;
        assert!((got / want - 1.0).abs() < 0.05, "{got} vs {want}");
        assert!(counts[0] > counts[1] && counts[1] > counts[9]);
    }
}
