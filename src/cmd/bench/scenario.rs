//! `--scenario FILE.yaml`: weighted commands, each with its own key pattern, key space, value
//! size and TTL, and sequences of commands on one key (memtier #152):
//!
//! ```yaml
//! commands:
//!   - command: GET {key}
//!     weight: 80
//!     key_pattern: zipf
//!   - sequence:
//!       - SET {key} {value} PX {ttl}
//!       - HSET {key}:meta hits 1
//!       - GET {key}
//!     weight: 20
//!     data_size: 64..4096
//!     ttl: 10s..1m
//! ```
//! Placeholders: `{key}` (under --key-prefix), `{value}`, `{ttl}` (ms), `{rand}`. A word with
//! `{key}` starts with it (`{key}:meta`, never `x:{key}`), so every key written stays under
//! the prefix the cleanup removes. Flow lists (`[a, b]`) read `{key}` as YAML: use block lists.
//! Every error names the file and the line of the entry at fault.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::keys::KeyPattern;
use super::values::{DataSize, Ttl, ValueKind};
use crate::exit;

/// One weighted entry: one command, or several on the same key in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Each command's words, as written (placeholders unfilled).
    pub commands: Vec<Vec<String>>,
    pub weight: u32,
    pub key_pattern: KeyPattern,
    pub keyspace: u64,
    pub data_size: DataSize,
    pub value_kind: ValueKind,
    pub ttl: Option<Ttl>,
    /// Which word of the first command holds `{key}` (routed by its slot on a cluster).
    pub key_word: Option<usize>,
    /// Its commands name several keys made from `{key}` (`{key}`, `{key}:meta`): the key is
    /// generated with a hash tag (`<prefix>{N}`), so a cluster keeps them in one slot.
    #[serde(default)]
    pub tagged: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub file: String,
    pub entries: Vec<Entry>,
}

/// Reads and checks a scenario; every problem is a usage error naming `file:line`.
pub fn load(
    path: &Path,
    defaults: (KeyPattern, u64, &DataSize, ValueKind),
) -> anyhow::Result<Scenario> {
    let shown = path.display().to_string();
    let text = crate::files::read_text(path, crate::files::TEXT)
        .map_err(|e| exit::usage(format!("--scenario {shown}: cannot read: {e}")))?;
    parse(&shown, &text, defaults).map_err(exit::usage)
}

pub fn parse(
    file: &str,
    text: &str,
    (pattern, keyspace, size, kind): (KeyPattern, u64, &DataSize, ValueKind),
) -> Result<Scenario, String> {
    let doc: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line());
        format!("{file}:{line}: not YAML: {e}")
    })?;
    let items = doc
        .get("commands")
        .and_then(|c| c.as_sequence())
        .ok_or_else(|| format!("{file}:1: expected a `commands:` list"))?;
    if items.is_empty() {
        return Err(format!("{file}:1: `commands:` is empty"));
    }
    let lines = item_lines(text);
    let mut entries = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(1);
        let at = |why: String| format!("{file}:{line}: {why}");
        let map = item
            .as_mapping()
            .ok_or_else(|| at("an entry is a mapping with `command:` or `sequence:`".into()))?;
        for k in map.keys() {
            let k = k.as_str().unwrap_or("?");
            if ![
                "command",
                "sequence",
                "weight",
                "key_pattern",
                "keyspace",
                "data_size",
                "value",
                "ttl",
            ]
            .contains(&k)
            {
                return Err(at(format!(
                    "unknown key `{k}` (command, sequence, weight, key_pattern, keyspace, data_size, value, ttl)"
                )));
            }
        }
        let text_of = |k: &str| -> Result<Option<String>, String> {
            match item.get(k) {
                None => Ok(None),
                Some(serde_yaml::Value::String(s)) => Ok(Some(s.clone())),
                Some(serde_yaml::Value::Number(n)) => Ok(Some(n.to_string())),
                Some(_) => Err(at(format!("`{k}` must be text"))),
            }
        };
        let commands: Vec<String> = match (item.get("command"), item.get("sequence")) {
            (Some(_), Some(_)) => {
                return Err(at("give `command:` or `sequence:`, not both".into()));
            }
            (Some(_), None) => vec![text_of("command")?.unwrap_or_default()],
            (None, Some(serde_yaml::Value::Sequence(seq))) => seq
                .iter()
                .map(|c| {
                    c.as_str()
                        .map(String::from)
                        .ok_or_else(|| at("each command of a sequence is text".into()))
                })
                .collect::<Result<_, _>>()?,
            (None, Some(_)) => return Err(at("`sequence:` is a list of commands".into())),
            (None, None) => return Err(at("an entry needs `command:` or `sequence:`".into())),
        };
        let commands: Vec<Vec<String>> = commands
            .iter()
            .map(|c| c.split_whitespace().map(String::from).collect::<Vec<_>>())
            .collect();
        if commands.is_empty() || commands.iter().any(|c| c.is_empty()) {
            return Err(at("an empty command".into()));
        }
        if commands.len() > 1
            && !commands
                .iter()
                .all(|c| c.iter().any(|w| w.contains("{key}")))
        {
            return Err(at(
                "every command of a sequence names {key}: a sequence works on one key".into(),
            ));
        }
        if let Some(w) = commands.iter().flatten().find(|w| bad_placeholder(w)) {
            return Err(at(format!(
                "`{w}`: an unknown or unclosed placeholder (use {{key}}, {{value}}, {{ttl}}, \
                 {{rand}})"
            )));
        }
        if let Some(w) = commands
            .iter()
            .flatten()
            .find(|w| w.contains("{key}") && !w.starts_with("{key}"))
        {
            return Err(at(format!(
                "`{w}`: a key word starts with {{key}} (e.g. {{key}}:meta), so it stays under \
                 --key-prefix and the cleanup removes it"
            )));
        }
        let weight = match item.get("weight") {
            None => 1,
            Some(w) => w
                .as_u64()
                .filter(|w| (1..=1_000_000).contains(w))
                .ok_or_else(|| at("`weight` is a whole number from 1 to 1000000".into()))?
                as u32,
        };
        let key_pattern = match text_of("key_pattern")? {
            Some(p) => KeyPattern::parse(&p).map_err(at)?,
            None => pattern,
        };
        let keyspace = match item.get("keyspace") {
            None => keyspace,
            Some(k) => k
                .as_u64()
                .filter(|k| *k >= 1)
                .ok_or_else(|| at("`keyspace` is a whole number of at least 1".into()))?,
        };
        let data_size = match text_of("data_size")? {
            Some(d) => DataSize::parse(&d).map_err(at)?,
            None => size.clone(),
        };
        if data_size.max() > 64 << 20 {
            return Err(at("`data_size`: at most 64 MiB".into()));
        }
        let value_kind = match text_of("value")?.as_deref() {
            None => kind,
            Some("raw") => ValueKind::Raw,
            Some("json") => ValueKind::Json,
            Some(other) => return Err(at(format!("`value: {other}`: raw or json"))),
        };
        let ttl = text_of("ttl")?
            .map(|t| Ttl::parse(&t))
            .transpose()
            .map_err(at)?;
        if commands.iter().flatten().any(|w| w.contains("{ttl}")) && ttl.is_none() {
            return Err(at("{ttl} is used but the entry has no `ttl:`".into()));
        }
        let key_word = commands[0].iter().position(|w| w.contains("{key}"));
        let mut key_words: Vec<&String> = commands
            .iter()
            .flatten()
            .filter(|w| w.contains("{key}"))
            .collect();
        key_words.sort();
        key_words.dedup();
        let tagged = key_words.len() > 1;
        entries.push(Entry {
            tagged,
            commands,
            weight,
            key_pattern,
            keyspace,
            data_size,
            value_kind,
            ttl,
            key_word,
        });
    }
    Ok(Scenario {
        file: file.to_string(),
        entries,
    })
}

/// Whether a word holds what looks like a placeholder but is none of `{key}`, `{value}`,
/// `{ttl}`, `{rand}`: a `{` followed by letters and then `}` or the end of the word (`{kye}`,
/// `{key`). A typo would otherwise be sent literally, as one constant key; other braces
/// (`{"a":1}`) are text.
fn bad_placeholder(word: &str) -> bool {
    let b = word.as_bytes();
    let mut i = 0;
    while let Some(at) = b[i..].iter().position(|&c| c == b'{') {
        let start = i + at + 1;
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count();
        let end = start + len;
        let name = &word[start..end];
        match b.get(end) {
            Some(b'}') if ["key", "value", "ttl", "rand"].contains(&name) => {}
            Some(b'}') | None if len > 0 => return true,
            _ => {}
        }
        i = start;
    }
    false
}

/// The line (1-based) of each item of the `commands:` list: the lines that start a list item
/// at the indentation of the first one after `commands:`.
fn item_lines(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut in_list = false;
    let mut indent = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("commands:") && line.len() == trimmed.len() {
            in_list = true;
            continue;
        }
        if !in_list || trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let depth = line.len() - trimmed.len();
        if depth == 0 && !trimmed.starts_with('-') {
            break;
        }
        if trimmed.starts_with("- ") || trimmed == "-" {
            match indent {
                None => {
                    indent = Some(depth);
                    out.push(i + 1);
                }
                Some(d) if d == depth => out.push(i + 1),
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_in_placeholders_are_caught_and_other_braces_are_text() {
        for bad in ["{key", "{kye}", "x:{value", "{key}:{rnd}"] {
            assert!(bad_placeholder(bad), "{bad}");
        }
        for good in [
            "{key}",
            "{key}:meta",
            "{value}",
            "{\"a\":1}",
            "{",
            "{}",
            "v{rand}",
        ] {
            assert!(!bad_placeholder(good), "{good}");
        }
    }

    fn p(text: &str) -> Result<Scenario, String> {
        parse(
            "s.yaml",
            text,
            (
                KeyPattern::Random,
                1000,
                &DataSize::Fixed(64),
                ValueKind::Raw,
            ),
        )
    }

    #[test]
    fn entries_parse_with_their_own_shapes() {
        let s = p("commands:\n  - command: GET {key}\n    weight: 80\n    key_pattern: zipf\n  - sequence:\n      - SET {key} {value} PX {ttl}\n      - GET {key}\n    weight: 20\n    data_size: 64..128\n    ttl: 10s\n")
            .unwrap();
        assert_eq!(s.entries.len(), 2);
        assert_eq!(s.entries[0].key_pattern, KeyPattern::Zipf(0.99));
        assert_eq!(s.entries[0].key_word, Some(1));
        assert_eq!(s.entries[1].commands.len(), 2);
        assert_eq!(s.entries[1].data_size, DataSize::Range(64, 128));
        assert_eq!(s.entries[1].ttl.unwrap().min_ms, 10_000);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let cases = [
            (
                "commands:\n  - command: GET {key}\n  - comand: SET {key} v\n",
                "s.yaml:3:",
                "unknown key `comand`",
            ),
            (
                "commands:\n  - command: GET {key}\n    weight: 0\n",
                "s.yaml:2:",
                "weight",
            ),
            (
                "# top\ncommands:\n  - command: GET {key}\n\n  - sequence:\n      - SET {key} v\n      - GET other\n",
                "s.yaml:5:",
                "one key",
            ),
            (
                "commands:\n  - command: GET {key}\n  - command: SET x:{key} v\n",
                "s.yaml:3:",
                "starts with {key}",
            ),
            (
                "commands:\n  - command: SET {key} {value} PX {ttl}\n",
                "s.yaml:2:",
                "{ttl}",
            ),
            (
                "commands:\n  - command: GET {key}\n    key_pattern: zipf:x\n",
                "s.yaml:2:",
                "--key-pattern",
            ),
            ("commands: [\n", "s.yaml:", "not YAML"),
            ("other: 1\n", "s.yaml:1:", "commands"),
        ];
        for (text, at, what) in cases {
            let e = p(text).unwrap_err();
            assert!(e.starts_with(at) && e.contains(what), "{text:?}: {e}");
        }
    }
}
