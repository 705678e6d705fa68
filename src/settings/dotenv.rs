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
    /// The winning entry of each key, so lookups stay O(1) in a file of 200,000 keys.
    index: HashMap<String, usize>,
}

impl DotEnv {
    /// Reads and parses `path`. Any parse error is a usage error naming `path:LINE`.
    pub fn load(path: &Path) -> anyhow::Result<DotEnv> {
        let text = crate::files::read_text(path, crate::files::TEXT)
            .map_err(|e| exit::usage(format!("{}: cannot read: {e}", path.display())))?;
        // dotenvy knows `${VAR}` only: `${VAR:-default}` (as in shells and compose files)
        // would expand to nothing and the default be lost, so defaults are resolved first.
        // A byte-order mark (editors on Windows write one) is not part of the first key.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let text = apply_defaults(text, &|name| std::env::var(name).ok());
        let scanned = scan(&text);
        // dotenvy expands ${VAR} eagerly: a chain of doublings would take gigabytes before it
        // returned, so the expanded sizes are bounded first.
        if let Err((line, key)) = check_expansion(&text, MAX_EXPANDED) {
            return Err(exit::usage(format!(
                "{}:{line}: {key}: the value expands to more than {} MiB through ${{...}} references",
                path.display(),
                MAX_EXPANDED >> 20
            )));
        }
        let mut values: Vec<(String, String)> = Vec::new();
        for item in dotenvy::from_read_iter(text.as_bytes()) {
            match item {
                Ok(kv) => values.push(kv),
                Err(e) => {
                    let line = error_line(&text, &e, &scanned);
                    return Err(exit::usage(format!(
                        "{}:{line}: malformed line: {}",
                        path.display(),
                        describe(&e, text.lines().nth(line.saturating_sub(1)).unwrap_or(""))
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
        let index = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key.clone(), i))
            .collect();
        Ok(DotEnv {
            path: path.to_path_buf(),
            entries,
            lints: scanned.lints,
            index,
        })
    }

    /// The value that counts for `key` (the last assignment).
    pub fn get(&self, key: &str) -> Option<&DotEntry> {
        self.index.get(key).and_then(|&i| self.entries.get(i))
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

/// The parse error in words that never quote the line: any part of it (a value wrapped onto a
/// second line, an unclosed `${`) may be a secret. Only a well-formed key name is shown, taken
/// from the file's line (the parser's own excerpt may start at the value).
fn describe(err: &dotenvy::Error, line: &str) -> String {
    match err {
        dotenvy::Error::LineParse(content, idx) => {
            let key = line
                .split_once('=')
                .map(|(k, _)| k.trim().trim_start_matches("export ").trim())
                .filter(|k| {
                    !k.is_empty()
                        && k.len() <= 64
                        && k.chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
                });
            // The parser reads a quoted value on across lines: an index past the excerpt's
            // first line means its quote (or `${`) never closes, and a column there would
            // point nowhere.
            let first = content.lines().next().unwrap_or("");
            let on_this_line = *idx < first.len();
            // The excerpt may begin after the key; count the column on the file's line.
            let column = line.len().saturating_sub(first.len()) + idx + 1;
            match key {
                Some(k) if !on_this_line => format!(
                    "the value of {k} never ends: an unclosed quote or ${{...}} (its text is not shown, it may hold a secret)"
                ),
                Some(k) => format!(
                    "cannot parse the value of {k} at column {column} (unclosed quote or ${{...}}?)"
                ),
                None => format!(
                    "cannot parse this line at column {column} (not KEY=VALUE; its text is not shown, it may hold a secret)"
                ),
            }
        }
        // Other dotenvy errors (I/O, a missing variable) carry no file content.
        dotenvy::Error::Io(e) => e.to_string(),
        _ => "cannot parse this line (its text is not shown, it may hold a secret)".to_string(),
    }
}

/// The most a value may grow to through `${VAR}` expansion.
const MAX_EXPANDED: usize = 1 << 20;

/// Resolves `${NAME:-default}`, `${NAME:default}` (unset or empty: the default) and
/// `${NAME-default}` (unset: the default) before dotenvy sees the text: a set NAME (in the
/// environment, or an earlier key of the file) becomes `${NAME}` for dotenvy to expand, an
/// unset one its default, which may itself hold references and defaults. Single-quoted
/// values and `\${` stay as written, as dotenvy leaves them.
fn apply_defaults(text: &str, env: &dyn Fn(&str) -> Option<String>) -> String {
    if !text.contains("${") {
        return text.to_string();
    }
    // Earlier keys of the file: whether each is set to something non-empty.
    let mut earlier: HashMap<String, bool> = HashMap::new();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        let body = body.strip_prefix("export ").unwrap_or(body);
        let assignment = body
            .split_once('=')
            .filter(|(k, _)| !k.trim().is_empty() && !k.trim_start().starts_with('#'));
        let single = assignment.is_some_and(|(_, v)| v.trim_start().starts_with('\''));
        let rewritten = if single || body.starts_with('#') {
            line.to_string()
        } else {
            let set = |name: &str, empty_counts: bool| -> bool {
                let v = earlier
                    .get(name)
                    .copied()
                    .map(|nonempty| nonempty || !empty_counts)
                    .or_else(|| env(name).map(|v| !v.is_empty() || !empty_counts));
                v.unwrap_or(false)
            };
            let mut cur = line.to_string();
            // Each pass resolves the outermost defaults; nested ones come out of a default.
            for _ in 0..32 {
                let (next, changed) = resolve_once(&cur, &set);
                cur = next;
                if !changed {
                    break;
                }
            }
            cur
        };
        if let Some((k, v)) = assignment {
            let v = v.trim();
            earlier.insert(
                k.trim().to_string(),
                !(v.is_empty() || v == "\"\"" || v == "''"),
            );
        }
        out.push_str(&rewritten);
    }
    out
}

/// One pass over a line: every `${NAME<op>default}` replaced; whether anything changed.
fn resolve_once(line: &str, set: &dyn Fn(&str, bool) -> bool) -> (String, bool) {
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut changed = false;
    let mut i = 0;
    let mut copied = 0;
    while i + 1 < b.len() {
        if b[i] != b'$' || b[i + 1] != b'{' || (i > 0 && b[i - 1] == b'\\') {
            i += 1;
            continue;
        }
        let name_start = i + 2;
        let name_end = b[name_start..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
            .map_or(b.len(), |p| name_start + p);
        let rest = &line[name_end..];
        let (op_len, empty_counts) = if rest.starts_with(":-") {
            (2, true)
        } else if rest.starts_with(':') {
            (1, true)
        } else if rest.starts_with('-') {
            (1, false)
        } else {
            i += 2;
            continue;
        };
        // The default runs to the brace that closes this reference.
        let def_start = name_end + op_len;
        let mut depth = 1;
        let mut j = def_start;
        while j < b.len() {
            match b[j] {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= b.len() || name_end == name_start {
            // Unclosed, or no name: left for dotenvy to refuse.
            i += 2;
            continue;
        }
        let name = &line[name_start..name_end];
        out.push_str(&line[copied..i]);
        if set(name, empty_counts) {
            out.push_str(&format!("${{{name}}}"));
        } else {
            out.push_str(&line[def_start..j]);
        }
        changed = true;
        i = j + 1;
        copied = i;
    }
    out.push_str(&line[copied..]);
    (out, changed)
}

/// Estimates, line by line and in one pass, how long each value becomes once dotenvy expands
/// its `$VAR` / `${VAR}` references (to earlier keys of the file, or the environment), and
/// returns the first line and key that would pass `limit`.
fn check_expansion(text: &str, limit: usize) -> Result<(), (usize, String)> {
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    for (idx, raw) in text.lines().enumerate() {
        let line = raw.trim_start();
        let body = line.strip_prefix("export ").unwrap_or(line);
        let Some((key, value)) = body.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if key.is_empty() || key.starts_with('#') {
            continue;
        }
        let value = value.trim();
        // Single quotes turn expansion off.
        let size = if value.starts_with('\'') {
            value.len()
        } else {
            let mut size = value.len();
            let bytes = value.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'$' {
                    let start = i + 1 + usize::from(bytes.get(i + 1) == Some(&b'{'));
                    let end = bytes[start..]
                        .iter()
                        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                        .map_or(bytes.len(), |p| start + p);
                    let name = &value[start..end];
                    let referenced = sizes
                        .get(name)
                        .copied()
                        .or_else(|| std::env::var_os(name).map(|v| v.len()))
                        .unwrap_or(0);
                    size = size.saturating_add(referenced);
                    i = end.max(i + 1);
                } else {
                    i += 1;
                }
            }
            size
        };
        if size > limit {
            return Err((idx + 1, key.to_string()));
        }
        sizes.insert(key, size);
    }
    Ok(())
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
    fn parse_errors_never_quote_the_line() {
        let mut errors = 0;
        for text in [
            "A=1\nKx9vSecretPart Lp4tSecretPart\n",
            "TOKEN=\"Kx9vSecretPart\nLp4tSecretPart\n",
            "TOKEN=${Kx9vSecretPart\n",
            "TOKEN=abc'Kx9vSecretPart\n",
            "Kx9vSecretPart\n",
        ] {
            if let Err(e) = load(text) {
                errors += 1;
                let msg = format!("{e:#}");
                assert!(!msg.contains("SecretPart"), "{text:?}: {msg}");
            }
        }
        assert!(errors >= 3, "the malformed shapes must be refused");
    }

    #[test]
    fn parse_errors_name_the_key_and_a_column_on_its_line() {
        let msg = format!("{:#}", load("A=1\nB=${A\n").unwrap_err());
        assert!(
            msg.contains(":2:") && msg.contains("value of B at column 5"),
            "{msg}"
        );
        // An unclosed quote runs on to the end of the file: no column, the key is named.
        let msg = format!("{:#}", load("A=1\nTOKEN=\"Kx9v\nB=2\n").unwrap_err());
        assert!(
            msg.contains(":2:") && msg.contains("value of TOKEN never ends"),
            "{msg}"
        );
        assert!(!msg.contains("column"), "{msg}");
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_key() {
        let d = load("\u{feff}REDIS_PORT=6490\n").unwrap();
        assert_eq!(d.get("REDIS_PORT").unwrap().value, "6490");
    }

    #[test]
    fn defaults_are_applied_as_shells_do() {
        let env = |n: &str| match n {
            "SET_ENV" => Some("e".to_string()),
            "EMPTY_ENV" => Some(String::new()),
            _ => None,
        };
        let text = "A=${NOPE:-7101}\nB=a${NOPE:b}c\nC=${NOPE:${NOPE2:${NOPE3:x}}}\n\
                    D=${SET_ENV:-d}\nE=${EMPTY_ENV:-d}\nF=${EMPTY_ENV-d}\nG=1\nH=${G:-h}\n\
                    I='${NOPE:-i}'\nJ=\"${NOPE:-j j}\"\n";
        let out = apply_defaults(text, &env);
        assert_eq!(
            out,
            "A=7101\nB=abc\nC=x\nD=${SET_ENV}\nE=d\nF=${EMPTY_ENV}\nG=1\nH=${G}\n\
             I='${NOPE:-i}'\nJ=\"j j\"\n"
        );
        let d = load("G=1\nPORT=${NOPE_NOT_SET_X:-7101}\nH=${G:-h}\n").unwrap();
        assert_eq!(d.get("PORT").unwrap().value, "7101");
        assert_eq!(d.get("H").unwrap().value, "1");
        assert_eq!(d.get("H").unwrap().line, 3);
    }

    #[test]
    fn expansion_is_bounded() {
        let mut text = String::from("A0=xxxxxxxxxxxxxxxx\n");
        for i in 1..41 {
            text.push_str(&format!("A{i}=${{A{}}}${{A{}}}\n", i - 1, i - 1));
        }
        // Refused by the estimate, before dotenvy builds a 16 TiB value.
        let err = load(&text).unwrap_err();
        assert!(format!("{err}").contains("expands to more than"), "{err}");
        assert_eq!(crate::exit::classify(&err), crate::exit::ExitStatus::Usage);
        // Small expansions still work.
        let d = load("A=ab\nB=${A}${A}\nC='${B}'\n").unwrap();
        assert_eq!(d.get("B").unwrap().value, "abab");
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
