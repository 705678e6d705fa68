//! INFO, parsed once: every command that reads a server's INFO (ping, health, bench) goes
//! through this one type.

use std::collections::HashMap;

/// An INFO reply as `key -> value` (every section; keyspace and replica lines included).
#[derive(Debug, Clone, Default)]
pub struct Info(pub HashMap<String, String>);

impl Info {
    pub fn parse(text: &str) -> Info {
        Info(
            text.lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .collect(),
        )
    }

    pub fn get(&self, k: &str) -> Option<&str> {
        self.0.get(k).map(String::as_str)
    }

    pub fn num(&self, k: &str) -> Option<f64> {
        self.get(k)?.parse().ok()
    }

    /// Lines like `db0:keys=1,expires=0` or `slave0:ip=..,port=..`, in order of their index.
    pub fn indexed(&self, prefix: &str) -> Vec<(String, HashMap<String, String>)> {
        let mut out: Vec<(u32, String, HashMap<String, String>)> = self
            .0
            .iter()
            .filter_map(|(k, v)| {
                let idx: u32 = k.strip_prefix(prefix)?.parse().ok()?;
                Some((idx, k.clone(), subfields(v)))
            })
            .collect();
        out.sort_by_key(|(i, _, _)| *i);
        out.into_iter().map(|(_, k, v)| (k, v)).collect()
    }
}

/// `a=1,b=2` into a map.
pub fn subfields(v: &str) -> HashMap<String, String> {
    v.split(',')
        .filter_map(|p| p.split_once('='))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_indexed_lines() {
        let i = Info::parse(
            "# Server\r\nredis_version:7.0.15\r\n\r\n# Keyspace\r\ndb0:keys=3,expires=1\r\ndb2:keys=1,expires=0\r\n",
        );
        assert_eq!(i.get("redis_version"), Some("7.0.15"));
        assert_eq!(i.num("missing"), None);
        let dbs = i.indexed("db");
        assert_eq!(dbs.len(), 2);
        assert_eq!(dbs[0].1["keys"], "3");
    }
}
