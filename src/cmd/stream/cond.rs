//! `--where PATH OP VALUE` on stream entries: `data.status=failed`, `data.progress>=50`,
//! `data.error~timeout`, `event_type!=task_progress`. The first part of PATH names a field;
//! further parts walk the field's value parsed as JSON (object keys, array indexes). Numbers
//! compare as numbers when both sides are numbers, otherwise as text; `~` is a regular
//! expression. A path that is missing (no such field, not JSON, no such key) matches only `!=`.

use super::entry::{self, Pair};
use crate::exit;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Ge,
    Le,
    Gt,
    Lt,
    Re,
}

#[derive(Debug, Clone)]
pub struct Cond {
    pub text: String,
    field: Vec<u8>,
    path: Vec<String>,
    op: Op,
    value: String,
    number: Option<f64>,
    re: Option<regex::bytes::Regex>,
}

/// What a path found: raw field bytes, or a JSON value inside one.
enum Found {
    Raw(Vec<u8>),
    Json(serde_json::Value),
}

impl Cond {
    /// Parses one `--where` (exit 2 on a bad one).
    pub fn parse(text: &str) -> anyhow::Result<Cond> {
        let bad = |why: &str| {
            exit::usage(format!(
                "--where '{}': {why} (PATH OP VALUE, OP one of = != >= <= > < ~; e.g. \
                 data.status=failed)",
                crate::output::escape::escape_str(text)
            ))
        };
        let b = text.as_bytes();
        let mut at = None;
        for i in 0..b.len() {
            let two = b.get(i..i + 2);
            let op = match (two, b[i]) {
                (Some(b"!="), _) => Some((Op::Ne, 2)),
                (Some(b">="), _) => Some((Op::Ge, 2)),
                (Some(b"<="), _) => Some((Op::Le, 2)),
                (_, b'=') => Some((Op::Eq, 1)),
                (_, b'>') => Some((Op::Gt, 1)),
                (_, b'<') => Some((Op::Lt, 1)),
                (_, b'~') => Some((Op::Re, 1)),
                _ => None,
            };
            if let Some(o) = op {
                at = Some((i, o));
                break;
            }
        }
        let Some((i, (op, len))) = at else {
            return Err(bad("no operator"));
        };
        let path = text[..i].trim();
        let value = text[i + len..].trim().to_string();
        if path.is_empty() {
            return Err(bad("no path"));
        }
        let mut parts = path.split('.');
        let field = parts.next().unwrap_or_default().as_bytes().to_vec();
        let path: Vec<String> = parts.map(str::to_string).collect();
        let re = match op {
            Op::Re => Some(
                regex::bytes::Regex::new(&value)
                    .map_err(|e| bad(&format!("not a regular expression: {e}")))?,
            ),
            _ => None,
        };
        Ok(Cond {
            text: text.to_string(),
            field,
            path,
            op,
            number: value.parse().ok().filter(|n: &f64| n.is_finite()),
            value,
            re,
        })
    }

    fn find(&self, fields: &[Pair]) -> Option<Found> {
        let raw = entry::find(fields, &self.field)?;
        if self.path.is_empty() {
            return Some(Found::Raw(raw.to_vec()));
        }
        let mut v: serde_json::Value = serde_json::from_slice(raw).ok()?;
        for p in &self.path {
            v = match v {
                serde_json::Value::Object(mut m) => m.remove(p)?,
                serde_json::Value::Array(mut a) => {
                    let i: usize = p.parse().ok()?;
                    if i >= a.len() {
                        return None;
                    }
                    a.swap_remove(i)
                }
                _ => return None,
            };
        }
        Some(Found::Json(v))
    }

    pub fn keeps(&self, fields: &[Pair]) -> bool {
        let Some(found) = self.find(fields) else {
            return self.op == Op::Ne;
        };
        // The value as text (strings unquoted, others as JSON) and as a number when it is one.
        let (text, number): (Vec<u8>, Option<f64>) = match &found {
            Found::Raw(b) => (
                b.clone(),
                std::str::from_utf8(b)
                    .ok()
                    .and_then(|s| s.trim().parse().ok()),
            ),
            Found::Json(serde_json::Value::String(s)) => {
                (s.as_bytes().to_vec(), s.trim().parse().ok())
            }
            Found::Json(serde_json::Value::Number(n)) => (n.to_string().into_bytes(), n.as_f64()),
            Found::Json(other) => (other.to_string().into_bytes(), None),
        };
        let number = number.filter(|n: &f64| n.is_finite());
        let ord = match (number, self.number) {
            (Some(a), Some(b)) => a.partial_cmp(&b),
            _ => Some(text.as_slice().cmp(self.value.as_bytes())),
        };
        use std::cmp::Ordering::*;
        match self.op {
            Op::Eq => ord == Some(Equal),
            Op::Ne => ord != Some(Equal),
            Op::Ge => matches!(ord, Some(Greater | Equal)),
            Op::Le => matches!(ord, Some(Less | Equal)),
            Op::Gt => ord == Some(Greater),
            Op::Lt => ord == Some(Less),
            Op::Re => self.re.as_ref().is_some_and(|r| r.is_match(&text)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keeps(cond: &str, fields: &[(&str, &[u8])]) -> bool {
        let pairs: Vec<Pair> = fields.iter().map(|(k, v)| (k.as_bytes(), *v)).collect();
        Cond::parse(cond).unwrap().keeps(&pairs)
    }

    #[test]
    fn numbers_strings_missing_paths_and_non_json() {
        let data: &[u8] = br#"{"status": "failed", "progress": 50, "error": "read timeout", "steps": [{"n": 2}], "p": "9"}"#;
        let e = [("data", data), ("event_type", b"task_failed" as &[u8])];
        assert!(keeps("data.status=failed", &e));
        assert!(!keeps("data.status=done", &e));
        assert!(keeps("data.progress>=50", &e));
        assert!(!keeps("data.progress>50", &e));
        // Numbers compare as numbers: 50 < 100 (as text "50" > "100").
        assert!(keeps("data.progress<100", &e));
        // A number held as a string compares as a number too.
        assert!(keeps("data.p<10", &e));
        assert!(keeps("data.error~time(out)?", &e));
        assert!(keeps("data.steps.0.n=2", &e));
        assert!(keeps("event_type!=task_progress", &e));
        assert!(!keeps("event_type!=task_failed", &e));
        // Missing: only != matches.
        assert!(!keeps("data.nope=x", &e));
        assert!(keeps("data.nope!=x", &e));
        assert!(!keeps("data.nope>1", &e));
        assert!(!keeps("missing=x", &e));
        // Non-JSON data: a path inside is missing; the field itself compares as bytes.
        let raw = [("data", b"\xffnot json" as &[u8])];
        assert!(!keeps("data.status=failed", &raw));
        assert!(keeps("data~not", &raw));
        assert!(Cond::parse("nothing").is_err());
        assert!(Cond::parse("=x").is_err());
        assert!(Cond::parse("data.x~(").is_err());
    }
}
