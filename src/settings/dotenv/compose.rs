//! The docker compose dialect: `env_file:` as compose-go's `dotenv` package reads it (the
//! documented rules of "Env file syntax"): `#` lines and blank lines skipped, `export ` and
//! `KEY: value` accepted, unquoted values cut at ` #` and trimmed, `'…'` literal (only `\'`
//! unescaped), `"…"` with `\"` and the escapes `\a \b \f \n \r \t \v \\ \$`, both spanning
//! lines; interpolation of `$N`, `${N}`, `${N:-d}`, `${N-d}`, `${N:+r}`, `${N+r}`, `${N:?e}`,
//! `${N?e}` (nested defaults allowed, `$$` a dollar) in unquoted and double-quoted values, the
//! real environment before the earlier keys; a bare `KEY` line takes the real environment's.
//! compose stops at the first error, so there is one refusal.

use std::collections::HashMap;

use super::{Refusal, Stmt};

/// compose-go's `isSpace`: blanks that are not a line feed.
fn space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    )
}

fn line_of(s: &str, at: usize) -> usize {
    1 + s.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count()
}

pub fn read(
    text: &str,
    env: &dyn Fn(&str) -> Option<String>,
    limit: usize,
) -> Result<Vec<Stmt>, Vec<Refusal>> {
    let mut out = Vec::new();
    let mut file: HashMap<String, String> = HashMap::new();
    let mut i = 0;
    let fail = |at: usize, reason: String| {
        Err(vec![Refusal {
            line: line_of(text, at),
            reason,
        }])
    };
    // The statement's start: past whitespace and comment lines.
    while let Some(p) = text[i..].find(|c: char| !c.is_whitespace()) {
        i += p;
        if text[i..].starts_with('#') {
            match text[i..].find('\n') {
                Some(n) => {
                    i += n;
                    continue;
                }
                None => break,
            }
        }
        let start = i;
        let mut src = &text[i..];
        if let Some(after) = src.strip_prefix("export")
            && after.starts_with(char::is_whitespace)
        {
            src = after.trim_start_matches(space);
        }
        // The key: letters, digits, `_ . - [ ]`, ended by `=`, `:` or a line feed.
        let mut end = None;
        for (j, c) in src.char_indices() {
            if space(c) {
                continue;
            }
            match c {
                '=' | ':' | '\n' => {
                    end = Some((j, c));
                    break;
                }
                '_' | '.' | '-' | '[' | ']' => {}
                c if c.is_alphanumeric() => {}
                _ => {
                    return fail(
                        start,
                        "an unexpected character in the variable name (compose refuses the file)"
                            .into(),
                    );
                }
            }
        }
        let (key_end, sep) = end.unwrap_or((src.len(), '\n'));
        let key = src[..key_end]
            .trim_end_matches(char::is_whitespace)
            .to_string();
        // compose-go's parser would keep `=value` under the name "", which no container
        // environment can hold (docker: "no variable name"): refused, with its line.
        if key.is_empty() && sep == '\n' {
            // `export` alone: compose looks the name "" up in the environment, finds nothing
            // and sets nothing.
            i = (text.len() - src.len() + key_end + 1).min(text.len());
            continue;
        }
        if key.is_empty() {
            return fail(
                start,
                "no variable name before '=' (docker refuses an empty name)".into(),
            );
        }
        if key.contains(' ') {
            return fail(
                start,
                "the key contains a space (compose refuses the file)".into(),
            );
        }
        let consumed = text.len() - src.len();
        let after_sep = (consumed + key_end + sep.len_utf8()).min(text.len());
        if sep == '\n' {
            // A bare KEY: the real environment's value, if any.
            out.push(Stmt {
                key,
                value: None,
                line: line_of(text, start),
            });
            i = after_sep;
            continue;
        }
        let rest = text[after_sep..].trim_start_matches(space);
        let vstart = text.len() - rest.len();
        let (value, next) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let b = rest.as_bytes();
                let mut chars = Vec::new();
                let mut esc = false;
                let mut close = None;
                for (j, &c) in b.iter().enumerate().skip(1) {
                    if c != q as u8 {
                        if !esc && c == b'\\' {
                            esc = true;
                            continue;
                        }
                        if esc {
                            esc = false;
                            chars.push(b'\\');
                        }
                        chars.push(c);
                        continue;
                    }
                    if esc {
                        esc = false;
                        chars.push(c);
                        continue;
                    }
                    close = Some(j);
                    break;
                }
                let Some(j) = close else {
                    return fail(
                        start,
                        format!("a {q}-quoted value without its closing quote"),
                    );
                };
                let raw = String::from_utf8_lossy(&chars).into_owned();
                let v = if q == '"' {
                    match expand(&escapes(&raw), env, &file, limit) {
                        Ok(v) => v,
                        Err(e) => return fail(start, e),
                    }
                } else {
                    raw
                };
                (v, vstart + j + 1)
            }
            _ => {
                let (line, next) = match rest.find('\n') {
                    Some(n) => (&rest[..n], vstart + n),
                    None => (rest, text.len()),
                };
                let line = line.split(" #").next().unwrap_or(line);
                let line = line.trim_end_matches(char::is_whitespace);
                match expand(line, env, &file, limit) {
                    Ok(v) => (v, next),
                    Err(e) => return fail(start, e),
                }
            }
        };
        file.insert(key.clone(), value.clone());
        out.push(Stmt {
            key,
            value: Some(value),
            line: line_of(text, start),
        });
        i = next;
    }
    Ok(out)
}

/// compose-go's `expandEscapes`: `\$` stays a literal dollar, the others become their byte.
fn escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let mapped = match it.peek() {
            Some('a') => Some("\u{7}"),
            Some('b') => Some("\u{8}"),
            Some('f') => Some("\u{c}"),
            Some('n') => Some("\n"),
            Some('r') => Some("\r"),
            Some('t') => Some("\t"),
            Some('v') => Some("\u{b}"),
            Some('"') => Some("\""),
            Some('\\') => Some("\\"),
            Some('$') => Some("$$"),
            _ => None,
        };
        match mapped {
            Some(m) => {
                it.next();
                out.push_str(m);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn name_len(s: &str) -> usize {
    let b = s.as_bytes();
    if !b
        .first()
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
    {
        return 0;
    }
    b.iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count()
}

/// compose's interpolation of one value.
fn expand(
    v: &str,
    env: &dyn Fn(&str) -> Option<String>,
    file: &HashMap<String, String>,
    limit: usize,
) -> Result<String, String> {
    let look = |n: &str| env(n).or_else(|| file.get(n).cloned());
    let mut out = String::new();
    let mut i = 0;
    while let Some(p) = v[i..].find('$') {
        out.push_str(&v[i..i + p]);
        i += p;
        let rest = &v[i + 1..];
        if rest.starts_with('$') {
            out.push('$');
            i += 2;
        } else if let Some(inner) = rest.strip_prefix('{') {
            // The closing brace, counting nested `${`.
            let mut depth = 1;
            let mut close = None;
            let ib = inner.as_bytes();
            let mut j = 0;
            while j < ib.len() {
                match ib[j] {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            close = Some(j);
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            let Some(close) = close else {
                return Err("a ${ without its closing brace (compose refuses the file)".into());
            };
            let body = &inner[..close];
            let n = name_len(body);
            if n == 0 {
                return Err("an invalid ${…} reference (compose refuses the file)".into());
            }
            let name = &body[..n];
            let op_and = &body[n..];
            let value = look(name);
            let set = value.is_some();
            let nonempty = value.as_deref().is_some_and(|x| !x.is_empty());
            let arg = |len: usize| expand(&op_and[len..], env, file, limit);
            let got = if op_and.is_empty() {
                value.unwrap_or_default()
            } else if let Some(op) = [":-", ":+", ":?", "-", "+", "?"]
                .into_iter()
                .find(|op| op_and.starts_with(op))
            {
                match op {
                    ":-" if nonempty => value.unwrap_or_default(),
                    "-" if set => value.unwrap_or_default(),
                    ":-" | "-" => arg(op.len())?,
                    ":+" if nonempty => arg(2)?,
                    "+" if set => arg(1)?,
                    ":+" | "+" => String::new(),
                    ":?" if nonempty => value.unwrap_or_default(),
                    "?" if set => value.unwrap_or_default(),
                    _ => {
                        return Err(format!(
                            "required variable {name} is missing a value (${{{name}{op}…}})"
                        ));
                    }
                }
            } else {
                return Err("an invalid ${…} reference (compose refuses the file)".into());
            };
            out.push_str(&got);
            i += 2 + close + 1;
        } else {
            let n = name_len(rest);
            if n == 0 {
                out.push('$');
                i += 1;
            } else {
                out.push_str(&look(&rest[..n]).unwrap_or_default());
                i += 1 + n;
            }
        }
        if out.len() > limit {
            return Err(format!(
                "the value expands to more than {} MiB through references",
                limit >> 20
            ));
        }
    }
    out.push_str(&v[i..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Option<String> {
        let env = |n: &str| (n == "OTHER").then(|| "o".to_string());
        read(text, &env, 1 << 20)
            .unwrap_or_else(|e| panic!("{text:?}: {}", e[0].reason))
            .pop()
            .unwrap()
            .value
    }

    /// The examples of compose's "Env file syntax".
    #[test]
    fn the_documented_examples() {
        assert_eq!(v("VAR=VAL").unwrap(), "VAL");
        assert_eq!(v("VAR=\"VAL\"").unwrap(), "VAL");
        assert_eq!(v("VAR='VAL'").unwrap(), "VAL");
        assert_eq!(v("VAR=VAL # comment").unwrap(), "VAL");
        assert_eq!(v("VAR=VAL# not a comment").unwrap(), "VAL# not a comment");
        assert_eq!(
            v("VAR=\"VAL # not a comment\"").unwrap(),
            "VAL # not a comment"
        );
        assert_eq!(v("VAR=\"VAL\" # comment").unwrap(), "VAL");
        assert_eq!(v("VAR='$OTHER'").unwrap(), "$OTHER");
        assert_eq!(v("VAR='${OTHER}'").unwrap(), "${OTHER}");
        assert_eq!(v("VAR='Let\\'s go!'").unwrap(), "Let's go!");
        assert_eq!(
            v("VAR=\"{\\\"hello\\\": \\\"json\\\"}\"").unwrap(),
            "{\"hello\": \"json\"}"
        );
        assert_eq!(v("VAR=\"some\\tvalue\"").unwrap(), "some\tvalue");
        assert_eq!(v("VAR='some\\tvalue'").unwrap(), "some\\tvalue");
        assert_eq!(v("VAR=some\\tvalue").unwrap(), "some\\tvalue");
        assert_eq!(v("KEY='SOME\nVALUE'").unwrap(), "SOME\nVALUE");
        assert_eq!(
            v("VAR=$OTHER ${OTHER} ${NOPE:-d} ${NOPE-e} $$").unwrap(),
            "o o d e $"
        );
        assert_eq!(v("VAR=${NOPE:-${OTHER}}").unwrap(), "o");
        assert_eq!(v("VAR: yaml").unwrap(), "yaml");
        assert!(read("A=1\nVAR=${NOPE:?needed}\n", &|_| None, 1 << 20).is_err());
        assert!(read("A=1\nB C=1\n", &|_| None, 1 << 20).is_err());
    }
}
