//! The dotenvy dialect (redkit's reading before the dialects, for Rust services): values
//! through the dotenvy crate, `${N:-d}` / `${N:d}` / `${N-d}` resolved first, expansion sizes
//! bounded, and our own line tracking (dotenvy's errors carry no line number).

use std::collections::HashMap;

use super::{Refusal, Stmt};

/// The statements of `text` as dotenvy reads them, or the one it cannot parse.
pub fn read(
    text: &str,
    env: &dyn Fn(&str) -> Option<String>,
    limit: usize,
) -> Result<Vec<Stmt>, Vec<Refusal>> {
    let text = apply_defaults(text, env);
    let scanned = scan(&text);
    // dotenvy expands ${VAR} eagerly: a chain of doublings would take gigabytes before it
    // returned, so the expanded sizes are bounded first.
    if let Err((line, key)) = check_expansion(&text, limit, env) {
        return Err(vec![Refusal {
            line,
            reason: format!(
                "{key}: the value expands to more than {} MiB through ${{...}} references",
                limit >> 20
            ),
        }]);
    }
    let mut values: Vec<(String, String)> = Vec::new();
    for item in dotenvy::from_read_iter(text.as_bytes()) {
        match item {
            Ok(kv) => values.push(kv),
            Err(e) => {
                let line = error_line(&text, &e, &scanned);
                return Err(vec![Refusal {
                    line,
                    reason: describe(&e, text.lines().nth(line.saturating_sub(1)).unwrap_or("")),
                }]);
            }
        }
    }
    // Pair dotenvy's values with the lines we found, in order; both walk the file top-down.
    let mut out = Vec::with_capacity(values.len());
    let mut lines = scanned.keys.iter();
    for (key, value) in values {
        let line = lines
            .by_ref()
            .find(|(k, _)| *k == key)
            .map(|(_, l)| *l)
            .unwrap_or(0);
        out.push(Stmt {
            key,
            value: Some(value),
            line,
        });
    }
    Ok(out)
}

struct Scanned {
    keys: Vec<(String, usize)>,
    /// Lines that cannot be an assignment, a comment or blank.
    bad: Vec<usize>,
}

/// A light line scanner: where each key is assigned. It follows quotes that span lines so a
/// multi-line value does not look like bad lines.
fn scan(text: &str) -> Scanned {
    let mut keys = Vec::new();
    let mut bad = Vec::new();
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
        let key = body[..eq].trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            bad.push(line_no);
            continue;
        }
        let value = body[eq + 1..].trim_start();
        if let Some(q @ ('"' | '\'')) = value.chars().next()
            && !closes_quote(&value[1..], q)
        {
            open_quote = Some(q);
        }
        keys.push((key.to_string(), line_no));
    }
    Scanned { keys, bad }
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

/// Resolves `${NAME:-default}`, `${NAME:default}` (unset or empty: the default) and
/// `${NAME-default}` (unset: the default) before dotenvy sees the text: a set NAME (in the
/// environment, or an earlier key of the file) becomes `${NAME}` for dotenvy to expand, an
/// unset one its default, which may itself hold references and defaults. Single-quoted
/// values and `\${` stay as written, as dotenvy leaves them.
pub(super) fn apply_defaults(text: &str, env: &dyn Fn(&str) -> Option<String>) -> String {
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
fn check_expansion(
    text: &str,
    limit: usize,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(), (usize, String)> {
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
                        .or_else(|| env(name).map(|v| v.len()))
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
