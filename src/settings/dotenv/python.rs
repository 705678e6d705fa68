//! The python-dotenv 1.x dialect, rule for rule as its `parser.py` and `main.py` read a file
//! (the application's own parser): `export` prefixes, `'quoted'` keys, unquoted values kept as
//! written up to a ` #`, single quotes decoding `\\` and `\'` only, double quotes decoding
//! `\\ \' \" \a \b \f \n \r \t \v`, `\r\n`, `\r` and `\n` as line ends, a key without `=`
//! present without a value, and `${N}` / `${N:-d}` expanded (not nested) in every value, the
//! real environment before the earlier keys of the file (`load_dotenv`'s `override=False`).
//! The file is read as Python's `open()` reads it: universal newlines, and a byte-order mark
//! kept (python-dotenv up to 1.2 reads it as part of the first key, so the application does
//! not see that key).
//! python-dotenv skips what it cannot parse with a warning; here every such statement is a
//! refusal naming its line, so the gate never passes a file the application reads differently.

use super::{Refusal, Stmt};

/// Python's `str.isspace` (and `\s` in its `re`): Rust's White_Space plus the four
/// information separators U+001C..U+001F.
fn space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Whitespace that does not end a line (`[^\S\r\n]`).
fn inline_space(c: char) -> bool {
    space(c) && c != '\r' && c != '\n'
}

struct Reader<'a> {
    s: &'a str,
    pos: usize,
}

/// Why a statement could not be read, in words that never quote it.
enum Fail {
    Key,
    QuotedKey,
    Quote(char),
    AfterValue,
}

impl Fail {
    fn reason(&self) -> String {
        match self {
            Fail::Key => "no key name before '=' (python-dotenv skips this line)".into(),
            Fail::QuotedKey => "a quoted key without its closing quote (python-dotenv skips this line)".into(),
            Fail::Quote(q) => format!(
                "a {q}-quoted value without its closing quote (python-dotenv skips this line)"
            ),
            Fail::AfterValue => {
                "text after the value that is not a comment: a key followed by words, or text after a closing quote (python-dotenv skips this line)".into()
            }
        }
    }
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_while(&mut self, f: impl Fn(char) -> bool) {
        let n = self
            .rest()
            .char_indices()
            .find(|(_, c)| !f(*c))
            .map_or(self.rest().len(), |(i, _)| i);
        self.pos += n;
    }

    /// `(?:export[^\S\r\n]+)?`
    fn export(&mut self) {
        if let Some(after) = self.rest().strip_prefix("export")
            && after.chars().next().is_some_and(inline_space)
        {
            self.pos += "export".len();
            self.skip_while(inline_space);
        }
    }

    /// `'([^']+)'` or `([^=\#\s]+)`; None for a comment.
    fn key(&mut self) -> Result<Option<String>, Fail> {
        match self.peek() {
            Some('#') => Ok(None),
            Some('\'') => {
                let body = &self.rest()[1..];
                match body.find('\'') {
                    Some(end) if end > 0 => {
                        self.pos += end + 2;
                        Ok(Some(body[..end].to_string()))
                    }
                    _ => Err(Fail::QuotedKey),
                }
            }
            _ => {
                let start = self.pos;
                self.skip_while(|c| c != '=' && c != '#' && !space(c));
                if self.pos == start {
                    return Err(Fail::Key);
                }
                Ok(Some(self.s[start..self.pos].to_string()))
            }
        }
    }

    /// `q((?:\\q|[^q])*)q` with the backtracking of Python's `re`: pairs `\q` greedily; when
    /// no plain closing quote follows, the quote of the last `\q` pair closes the value.
    fn quoted(&mut self, q: char) -> Result<&'a str, Fail> {
        let body = &self.rest()[1..];
        let b = body.as_bytes();
        let qb = q as u8;
        let mut i = 0;
        let mut last_pair_quote = None;
        while i < b.len() {
            if b[i] == b'\\' && b.get(i + 1) == Some(&qb) {
                last_pair_quote = Some(i + 1);
                i += 2;
            } else if b[i] == qb {
                self.pos += 1 + i + 1;
                return Ok(&body[..i]);
            } else {
                i += 1;
            }
        }
        match last_pair_quote {
            Some(end) => {
                self.pos += 1 + end + 1;
                Ok(&body[..end])
            }
            None => Err(Fail::Quote(q)),
        }
    }

    fn value(&mut self) -> Result<String, Fail> {
        match self.peek() {
            Some('\'') => Ok(decode(self.quoted('\'')?, b"\\'")),
            Some('"') => Ok(decode(self.quoted('"')?, b"\\'\"abfnrtv")),
            None | Some('\n' | '\r') => Ok(String::new()),
            Some(_) => {
                let start = self.pos;
                self.skip_while(|c| c != '\r' && c != '\n');
                Ok(unquoted(&self.s[start..self.pos]))
            }
        }
    }

    /// `(?:[^\S\r\n]*#[^\r\n]*)?` then `[^\S\r\n]*(?:\r\n|\n|\r|$)`.
    fn comment_and_end(&mut self) -> Result<(), Fail> {
        let before = self.pos;
        self.skip_while(inline_space);
        if self.peek() == Some('#') {
            self.skip_while(|c| c != '\r' && c != '\n');
        } else {
            self.pos = before;
        }
        self.skip_while(inline_space);
        let r = self.rest();
        if r.starts_with("\r\n") {
            self.pos += 2;
        } else if r.starts_with(['\n', '\r']) {
            self.pos += 1;
        } else if !r.is_empty() {
            return Err(Fail::AfterValue);
        }
        Ok(())
    }

    /// `[^\r\n]*(?:\r|\n|\r\n)?`: where python-dotenv resumes after a statement it skipped.
    fn rest_of_line(&mut self) {
        self.skip_while(|c| c != '\r' && c != '\n');
        if self.rest().starts_with(['\r', '\n']) {
            self.pos += 1;
        }
    }
}

/// An unquoted value: up to the first whitespace-then-`#`, trailing whitespace dropped.
fn unquoted(part: &str) -> String {
    let mut cut = part.len();
    let mut run_start: Option<usize> = None;
    for (i, c) in part.char_indices() {
        if space(c) {
            run_start.get_or_insert(i);
        } else {
            if c == '#'
                && let Some(s) = run_start
            {
                cut = s;
                break;
            }
            run_start = None;
        }
    }
    part[..cut].trim_end_matches(space).to_string()
}

/// Decodes the two-character escapes `\x` for x in `known`, left to right, as
/// `codecs.decode(…, "unicode-escape")` does for each; any other backslash stays.
fn decode(s: &str, known: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&n) = chars.peek()
            && n.is_ascii()
            && known.contains(&(n as u8))
        {
            chars.next();
            out.push(match n {
                'a' => '\u{7}',
                'b' => '\u{8}',
                'f' => '\u{c}',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'v' => '\u{b}',
                other => other,
            });
        } else {
            out.push(c);
        }
    }
    out
}

/// The line of each byte offset, with `\r\n`, `\n` and a lone `\r` ending a line.
pub(super) fn line_of(s: &str, upto: usize) -> usize {
    let b = &s.as_bytes()[..upto.min(s.len())];
    let mut line = 1;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => line += 1,
            b'\r' => {
                line += 1;
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    line
}

/// The statements of the file in order, or every statement python-dotenv would skip.
pub fn parse(text: &str) -> Result<Vec<Stmt>, Vec<Refusal>> {
    let mut r = Reader { s: text, pos: 0 };
    let mut out = Vec::new();
    let mut refused = Vec::new();
    // Lines are counted incrementally: a 200,000-line file is read once.
    let mut counted = (0usize, 1usize);
    let mut line_at = |pos: usize| {
        let (at, line) = counted;
        let l = line + line_of(&text[at..], pos - at) - 1;
        counted = (pos, l);
        l
    };
    while r.pos < text.len() {
        r.skip_while(space);
        if r.pos >= text.len() {
            break;
        }
        let start = r.pos;
        let line = line_at(start);
        let res = (|| -> Result<Option<(String, Option<String>)>, Fail> {
            r.export();
            let key = r.key()?;
            r.skip_while(inline_space);
            let value = if r.peek() == Some('=') {
                r.pos += 1;
                r.skip_while(inline_space);
                Some(r.value()?)
            } else {
                None
            };
            r.comment_and_end()?;
            Ok(key.map(|k| (k, value)))
        })();
        match res {
            Ok(Some((key, value))) => out.push(Stmt { key, value, line }),
            Ok(None) => {}
            Err(f) => {
                refused.push(Refusal {
                    line,
                    reason: f.reason(),
                });
                r.rest_of_line();
            }
        }
    }
    if refused.is_empty() {
        Ok(out)
    } else {
        Err(refused)
    }
}

/// The statements with their references expanded, in file order.
pub fn read(
    text: &str,
    env: &dyn Fn(&str) -> Option<String>,
    limit: usize,
) -> Result<Vec<Stmt>, Vec<Refusal>> {
    // Python opens the file with universal newlines: `\r\n` and a lone `\r` reach the parser
    // as `\n`, inside quoted values too.
    let normalized;
    let text = if text.contains('\r') {
        normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        text
    };
    let stmts = parse(text)?;
    let mut earlier: std::collections::HashMap<String, Option<String>> =
        std::collections::HashMap::with_capacity(stmts.len());
    let mut out = Vec::with_capacity(stmts.len());
    for mut s in stmts {
        if let Some(v) = &s.value {
            match interpolate(v, env, &earlier, limit) {
                Some(x) => s.value = Some(x),
                None => {
                    return Err(vec![Refusal {
                        line: s.line,
                        reason: format!(
                            "{}: the value expands to more than {} MiB through ${{...}} references",
                            s.key,
                            limit >> 20
                        ),
                    }]);
                }
            }
        }
        earlier.insert(s.key.clone(), s.value.clone());
        out.push(s);
    }
    Ok(out)
}

/// One `${NAME}` or `${NAME:-default}` reference (python-dotenv's `_posix_variable`: the name
/// is anything but `}` and `:`, the default anything but `}`, no nesting).
fn next_reference(v: &str, from: usize) -> Option<(usize, usize, &str, Option<&str>)> {
    let mut at = from;
    while let Some(p) = v[at..].find("${") {
        let start = at + p;
        let name_start = start + 2;
        let name_end = v[name_start..]
            .find(['}', ':'])
            .map_or(v.len(), |i| name_start + i);
        let rest = &v[name_end..];
        if rest.starts_with('}') {
            return Some((start, name_end + 1, &v[name_start..name_end], None));
        }
        if let Some(d) = rest.strip_prefix(":-")
            && let Some(close) = d.find('}')
        {
            let def_start = name_end + 2;
            return Some((
                start,
                def_start + close + 1,
                &v[name_start..name_end],
                Some(&v[def_start..def_start + close]),
            ));
        }
        at = start + 1;
    }
    None
}

/// Expands the references of one value: the real environment first, then the keys already
/// read (a key without a value counts as present and empty), else the default or nothing.
/// Returns None when the result would pass `limit` bytes.
pub fn interpolate(
    value: &str,
    env: &dyn Fn(&str) -> Option<String>,
    earlier: &std::collections::HashMap<String, Option<String>>,
    limit: usize,
) -> Option<String> {
    if !value.contains("${") {
        return Some(value.to_string());
    }
    let mut out = String::new();
    let mut at = 0;
    while let Some((start, end, name, default)) = next_reference(value, at) {
        out.push_str(&value[at..start]);
        let resolved = match env(name) {
            Some(v) => v,
            None => match earlier.get(name) {
                Some(v) => v.clone().unwrap_or_default(),
                None => default.unwrap_or_default().to_string(),
            },
        };
        if out.len() + resolved.len() > limit {
            return None;
        }
        out.push_str(&resolved);
        at = end;
    }
    out.push_str(&value[at..]);
    (out.len() <= limit).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (String, Option<String>) {
        let s = parse(text).unwrap_or_else(|_| panic!("{text:?} refused"));
        let s = s.into_iter().next().unwrap();
        (s.key, s.value)
    }

    #[test]
    fn the_rules_of_the_issue() {
        assert_eq!(one("a=b\"c\"d").1.unwrap(), "b\"c\"d");
        assert_eq!(one("a=#novalue").1.unwrap(), "#novalue");
        assert_eq!(one("a=\"b\"#c").1.unwrap(), "b");
        assert_eq!(one("V=my\\ cool\\ value").1.unwrap(), "my\\ cool\\ value");
        assert_eq!(
            one("VAR=VAL# not a comment").1.unwrap(),
            "VAL# not a comment"
        );
        assert_eq!(one("VAR='Let\\'s go!'").1.unwrap(), "Let's go!");
        assert_eq!(one("VAR=\"some\\tvalue\"").1.unwrap(), "some\tvalue");
        assert_eq!(one("VAR='some\\tvalue'").1.unwrap(), "some\\tvalue");
        assert_eq!(one("a=b c").1.unwrap(), "b c");
        assert_eq!(one("export a"), ("a".into(), None));
        assert_eq!(one("no_value_var"), ("no_value_var".into(), None));
        assert_eq!(one("1a=b").0, "1a");
        assert_eq!(one("é=è"), ("é".into(), Some("è".into())));
        assert_eq!(one("a=b ").1.unwrap(), "b");
        assert_eq!(one("'a b'=c").0, "a b");
        let s = parse("a=b\rc=d").unwrap();
        assert_eq!((s[1].key.as_str(), s[1].line), ("c", 2));
        // The quote of the last `\'` pair closes a value with no plain closing quote.
        assert_eq!(one("a='x\\'").1.unwrap(), "x\\");
        assert_eq!(one("a=\"x\\\\\"y\"").1.unwrap(), "x\\\"y");
    }

    #[test]
    fn refusals_name_every_skipped_statement() {
        let e = parse("a=1\nfoo bar=x\nb=2\nc=\"open\nd='x' y\n").unwrap_err();
        let lines: Vec<usize> = e.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 5]);
        assert!(parse("=x\n").is_err());
    }

    #[test]
    fn references() {
        let env = |n: &str| (n == "E").then(|| "env".to_string());
        let mut earlier = std::collections::HashMap::new();
        earlier.insert("F".to_string(), Some("file".to_string()));
        earlier.insert("E".to_string(), Some("file".to_string()));
        earlier.insert("N".to_string(), None);
        let i = |v: &str| interpolate(v, &env, &earlier, 1 << 20).unwrap();
        assert_eq!(i("${E}-${F}"), "env-file");
        assert_eq!(i("${NOPE-d}"), "");
        assert_eq!(i("${NOPE:-d}"), "d");
        assert_eq!(i("${N:-d}"), "");
        assert_eq!(i("$E ${E:d} $$"), "$E ${E:d} $$");
        assert_eq!(i("${NOPE:-${F}}"), "${F}");
        assert!(interpolate("${F}${F}", &env, &earlier, 5).is_none());
    }
}
