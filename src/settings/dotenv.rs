//! The `.env` file: values through dotenvy, plus our own line tracking so every error and every
//! value can name `.env:LINE` (dotenvy's errors carry no line number).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::exit;

#[derive(Debug, Clone)]
pub struct DotEntry {
    pub key: String,
    pub value: String,
    pub line: usize,
}

/// A style problem that does not stop parsing (dotenv-linter's checks).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Lint {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct DotEnv {
    pub path: PathBuf,
    /// In file order; a key set twice appears twice (the last one wins, as in dotenvy).
    pub entries: Vec<DotEntry>,
    pub lints: Vec<Lint>,
}

impl DotEnv {
    /// Reads and parses `path`. Any parse error is a usage error naming `path:LINE`.
    pub fn load(path: &Path) -> anyhow::Result<DotEnv> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| exit::usage(format!("{}: cannot read: {e}", path.display())))?;
        let scanned = scan(&text);
        let mut values: Vec<(String, String)> = Vec::new();
        for item in dotenvy::from_read_iter(text.as_bytes()) {
            match item {
                Ok(kv) => values.push(kv),
                Err(e) => {
                    let line = error_line(&text, &e, &scanned);
                    return Err(exit::usage(format!(
                        "{}:{line}: malformed line: {}",
                        path.display(),
                        describe(&e)
                    )));
                }
            }
        }
        // Pair dotenvy's values with the lines we found, in order; both walk the file top-down.
        let mut entries = Vec::with_capacity(values.len());
        let mut lines = scanned.keys.iter();
        for (key, value) in values {
            let line = lines
                .by_ref()
                .find(|(k, _)| *k == key)
                .map(|(_, l)| *l)
                .unwrap_or(0);
            entries.push(DotEntry { key, value, line });
        }
        Ok(DotEnv {
            path: path.to_path_buf(),
            entries,
            lints: scanned.lints,
        })
    }

    /// The value that counts for `key` (the last assignment).
    pub fn get(&self, key: &str) -> Option<&DotEntry> {
        self.entries.iter().rev().find(|e| e.key == key)
    }

    /// Every key once, with its winning entry.
    pub fn effective(&self) -> HashMap<&str, &DotEntry> {
        let mut map = HashMap::new();
        for e in &self.entries {
            map.insert(e.key.as_str(), e);
        }
        map
    }
}

struct Scanned {
    keys: Vec<(String, usize)>,
    lints: Vec<Lint>,
    /// Lines that cannot be an assignment, a comment or blank.
    bad: Vec<usize>,
}

/// A light line scanner: where each key is assigned, plus lint findings. It follows quotes
/// that span lines so a multi-line value does not look like bad lines.
fn scan(text: &str) -> Scanned {
    let mut keys = Vec::new();
    let mut lints = Vec::new();
    let mut bad = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut open_quote: Option<char> = None;
    for (idx, raw) in text.lines().enumerate() {
        let line_no = idx + 1;
        if let Some(q) = open_quote {
            if closes_quote(raw, q) {
                open_quote = None;
            }
            continue;
        }
        let line = raw.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let body = line.strip_prefix("export ").unwrap_or(line);
        let Some(eq) = body.find('=') else {
            bad.push(line_no);
            continue;
        };
        let key_part = &body[..eq];
        let key = key_part.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            bad.push(line_no);
            continue;
        }
        if key_part.len() != key.len() || body[eq + 1..].starts_with([' ', '\t']) {
            lints.push(Lint {
                line: line_no,
                message: format!("{key}: spaces around '='"),
            });
        }
        if key.chars().any(|c| c.is_ascii_lowercase()) {
            lints.push(Lint {
                line: line_no,
                message: format!("{key}: lowercase key"),
            });
        }
        if let Some(first) = seen.insert(key.to_string(), line_no) {
            lints.push(Lint {
                line: line_no,
                message: format!("{key}: duplicate key (first set on line {first}); this one wins"),
            });
        }
        let value = body[eq + 1..].trim_start();
        match value.chars().next() {
            Some(q @ ('"' | '\'')) if !closes_quote(&value[1..], q) => open_quote = Some(q),
            Some('"' | '\'') | None => {}
            Some(_) => {
                let unquoted = value.split(" #").next().unwrap_or(value);
                if unquoted.ends_with([' ', '\t']) && !value.contains(" #") {
                    lints.push(Lint {
                        line: line_no,
                        message: format!("{key}: unquoted trailing whitespace"),
                    });
                }
            }
        }
        keys.push((key.to_string(), line_no));
    }
    Scanned { keys, lints, bad }
}

fn closes_quote(s: &str, q: char) -> bool {
    let mut escaped = false;
    for c in s.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' && q == '"' {
            escaped = true;
        } else if c == q {
            return true;
        }
    }
    false
}

fn error_line(text: &str, err: &dotenvy::Error, scanned: &Scanned) -> usize {
    if let dotenvy::Error::LineParse(content, _) = err {
        let first = content.lines().next().unwrap_or("").trim();
        if !first.is_empty()
            && let Some(i) = text
                .lines()
                .position(|l| l.trim() == first || l.contains(first))
        {
            return i + 1;
        }
    }
    scanned.bad.first().copied().unwrap_or(1)
}

fn describe(err: &dotenvy::Error) -> String {
    match err {
        dotenvy::Error::LineParse(content, idx) => {
            let first = content.lines().next().unwrap_or("");
            // Show the line with the secret part cut off: everything after '=' may be a secret.
            let shown = match first.find('=') {
                Some(eq) => format!("{}=…", &first[..eq]),
                None => first.chars().take(40).collect(),
            };
            format!("cannot parse `{shown}` at column {}", idx + 1)
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn load(text: &str) -> anyhow::Result<DotEnv> {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text.as_bytes()).unwrap();
        DotEnv::load(f.path())
    }

    #[test]
    fn values_and_lines() {
        let d = load("# comment\nA=1\n\nexport B=\"two words\"\nC='x'\nA=3\n").unwrap();
        assert_eq!(d.get("A").unwrap().value, "3");
        assert_eq!(d.get("A").unwrap().line, 6);
        assert_eq!(d.get("B").unwrap().value, "two words");
        assert_eq!(d.get("B").unwrap().line, 4);
        assert!(
            d.lints
                .iter()
                .any(|l| l.line == 6 && l.message.contains("duplicate"))
        );
    }

    #[test]
    fn multiline_values_keep_line_numbers() {
        let d = load("A=\"one\ntwo\"\nB=2\n").unwrap();
        assert_eq!(d.get("A").unwrap().value, "one\ntwo");
        assert_eq!(d.get("B").unwrap().line, 3);
    }

    #[test]
    fn malformed_line_is_named() {
        let err = load("A=1\nB=2\nthis is not valid\nC=3\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(":3:"), "{msg}");
        assert_eq!(crate::exit::classify(&err), crate::exit::ExitStatus::Usage);
    }

    #[test]
    fn lints() {
        let d = load("lower=1\nSPACED = 2\n").unwrap();
        assert!(d.lints.iter().any(|l| l.message.contains("lowercase")));
        assert!(
            d.lints
                .iter()
                .any(|l| l.line == 2 && l.message.contains("spaces"))
        );
    }
}
