//! The shell dialect: what `set -a; . ./.env` leaves in bash's environment, for the start-up
//! scripts that source the file. Assignments (several on a line, `export` lists, `;`), quoting
//! (`'…'`, `"…"`, `$'…'`, backslashes, line continuations) and the expansions `$N`, `${N}`,
//! `${N:-w}`, `${N-w}`, `${N:+w}`, `${N+w}` are read as bash reads them. Anything that would
//! run code or depends on the shell's state (a command word, `$(…)`, backquotes, arithmetic,
//! redirections, `~`, special parameters, `${N:=w}` and the other operators) is refused with
//! its line: a gate must not execute the file it checks.

use std::collections::HashMap;

use super::{Refusal, Stmt};

/// Variables bash keeps for itself: assigning them fails or does not stick.
const SPECIAL: &[&str] = &[
    "BASHOPTS",
    "BASHPID",
    "BASH_ARGC",
    "BASH_ARGV",
    "BASH_LINENO",
    "BASH_SOURCE",
    "BASH_VERSINFO",
    "EPOCHREALTIME",
    "EPOCHSECONDS",
    "EUID",
    "FUNCNAME",
    "GROUPS",
    "HISTCMD",
    "LINENO",
    "PPID",
    "RANDOM",
    "SECONDS",
    "SHELLOPTS",
    "SRANDOM",
    "UID",
    "_",
];

struct P<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    vars: HashMap<String, String>,
    env: &'a dyn Fn(&str) -> Option<String>,
    limit: usize,
    /// Where the word being read starts, for the line of a refusal.
    cur: usize,
}

type R<T> = Result<T, String>;

fn name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// Where a word ends outside quotes.
fn word_end(c: u8) -> bool {
    blank(c) || c == b'\n' || c == b';'
}

impl P<'_> {
    fn at(&self, k: usize) -> Option<u8> {
        self.s.get(self.i + k).copied()
    }

    fn lookup(&self, name: &str) -> Option<String> {
        self.vars.get(name).cloned().or_else(|| (self.env)(name))
    }

    /// A name at the cursor (`[A-Za-z_][A-Za-z0-9_]*`), consumed.
    fn name(&mut self) -> Option<String> {
        if !self.at(0).is_some_and(name_start) {
            return None;
        }
        let start = self.i;
        while self.at(0).is_some_and(name_char) {
            self.i += 1;
        }
        Some(self.text[start..self.i].to_string())
    }

    fn push(&self, out: &mut Vec<u8>, more: &[u8]) -> R<()> {
        if out.len() + more.len() > self.limit {
            return Err(format!(
                "the value expands to more than {} MiB through references",
                self.limit >> 20
            ));
        }
        out.extend_from_slice(more);
        Ok(())
    }

    /// One word, up to a blank, a newline, `;` or (inside `${…}`) the closing brace.
    /// `assignment` turns on the tilde check of an assignment's value.
    fn word(&mut self, in_brace: bool, assignment: bool) -> R<Vec<u8>> {
        let mut out = Vec::new();
        let mut first = true;
        while let Some(c) = self.at(0) {
            if in_brace && c == b'}' {
                break;
            }
            if !in_brace && word_end(c) {
                break;
            }
            match c {
                b'|' | b'&' | b'<' | b'>' | b'(' | b')' if !in_brace => {
                    return Err(
                        "a shell operator (| & < > ( )): the file would run commands or redirect"
                            .into(),
                    );
                }
                b'`' => return Err("command substitution (`…`) would run a command".into()),
                b'~' if assignment && (first || out.last() == Some(&b':')) => {
                    return Err("tilde expansion (~) depends on the shell's user; quote it".into());
                }
                b'\\' => match self.at(1) {
                    Some(b'\n') => self.i += 2,
                    Some(n) => {
                        let len = utf8_len(n);
                        let bytes = self.s[self.i + 1..self.i + 1 + len].to_vec();
                        self.push(&mut out, &bytes)?;
                        self.i += 1 + len;
                    }
                    None => {
                        out.push(b'\\');
                        self.i += 1;
                    }
                },
                b'\'' => {
                    let body = &self.s[self.i + 1..];
                    let end = body
                        .iter()
                        .position(|&b| b == b'\'')
                        .ok_or("a '-quoted value without its closing quote")?;
                    let bytes = body[..end].to_vec();
                    self.push(&mut out, &bytes)?;
                    self.i += end + 2;
                }
                b'"' => {
                    self.i += 1;
                    self.double(&mut out)?;
                }
                b'$' => {
                    if self.at(1) == Some(b'\'') {
                        self.i += 2;
                        self.ansi_c(&mut out)?;
                    } else if self.at(1) == Some(b'"') {
                        self.i += 2;
                        self.double(&mut out)?;
                    } else {
                        self.dollar(&mut out, false)?;
                    }
                }
                _ => {
                    out.push(c);
                    self.i += 1;
                }
            }
            first = false;
        }
        Ok(out)
    }

    /// After an opening `"`: up to the closing one.
    fn double(&mut self, out: &mut Vec<u8>) -> R<()> {
        loop {
            match self.at(0) {
                None => return Err("a \"-quoted value without its closing quote".into()),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(());
                }
                Some(b'\\') => match self.at(1) {
                    Some(b'\n') => self.i += 2,
                    Some(n @ (b'$' | b'`' | b'"' | b'\\')) => {
                        out.push(n);
                        self.i += 2;
                    }
                    _ => {
                        out.push(b'\\');
                        self.i += 1;
                    }
                },
                Some(b'`') => return Err("command substitution (`…`) would run a command".into()),
                Some(b'$') => self.dollar(out, true)?,
                Some(c) => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
    }

    /// After `$'`: bash's ANSI-C quoting.
    fn ansi_c(&mut self, out: &mut Vec<u8>) -> R<()> {
        loop {
            let Some(c) = self.at(0) else {
                return Err("a $'-quoted value without its closing quote".into());
            };
            self.i += 1;
            match c {
                b'\'' => return Ok(()),
                b'\\' => {
                    let Some(e) = self.at(0) else {
                        return Err("a $'-quoted value without its closing quote".into());
                    };
                    self.i += 1;
                    let simple = match e {
                        b'a' => Some(7),
                        b'b' => Some(8),
                        b'e' | b'E' => Some(27),
                        b'f' => Some(12),
                        b'n' => Some(b'\n'),
                        b'r' => Some(b'\r'),
                        b't' => Some(b'\t'),
                        b'v' => Some(11),
                        b'\\' | b'\'' | b'"' | b'?' => Some(e),
                        _ => None,
                    };
                    if let Some(b) = simple {
                        out.push(b);
                        continue;
                    }
                    match e {
                        b'0'..=b'7' => {
                            let mut n = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.at(0) {
                                    Some(d @ b'0'..=b'7') => {
                                        n = n * 8 + u32::from(d - b'0');
                                        self.i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            if n == 0 {
                                return Err(
                                    "a NUL byte ($'\\0') cannot be in the environment".into()
                                );
                            }
                            out.push((n & 0xff) as u8);
                        }
                        b'x' | b'u' | b'U' => {
                            let max = match e {
                                b'x' => 2,
                                b'u' => 4,
                                _ => 8,
                            };
                            let mut n: u32 = 0;
                            let mut digits = 0;
                            while digits < max {
                                match self.at(0).and_then(|d| (d as char).to_digit(16)) {
                                    Some(d) => {
                                        n = n.wrapping_mul(16).wrapping_add(d);
                                        self.i += 1;
                                        digits += 1;
                                    }
                                    None => break,
                                }
                            }
                            if digits == 0 {
                                out.extend_from_slice(&[b'\\', e]);
                            } else if n == 0 {
                                return Err("a NUL byte cannot be in the environment".into());
                            } else if e == b'x' {
                                out.push(n as u8);
                            } else {
                                let ch =
                                    char::from_u32(n).ok_or("an invalid \\u escape in $'…'")?;
                                let mut buf = [0u8; 4];
                                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                            }
                        }
                        b'c' => {
                            return Err(
                                "a control-character escape (\\c) in $'…' is not supported".into(),
                            );
                        }
                        other => out.extend_from_slice(&[b'\\', other]),
                    }
                }
                other => out.push(other),
            }
        }
    }

    /// At a `$`: a reference, or a literal dollar.
    fn dollar(&mut self, out: &mut Vec<u8>, quoted: bool) -> R<()> {
        match self.at(1) {
            Some(b'\\') if self.at(2) == Some(b'\n') => {
                Err("a line continuation right after $ is not supported".into())
            }
            Some(b'(') => Err("command substitution or arithmetic ($(…)) would run code".into()),
            Some(b'[') => Err("arithmetic ($[…]) is not supported".into()),
            Some(b'{') => {
                self.i += 2;
                let Some(name) = self.name().filter(|n| n != "_") else {
                    return Err(
                        "this ${…} form (special parameters, ${#…}, ${!…}) is not supported".into(),
                    );
                };
                let value = self.lookup(&name);
                let op: &[u8] = match (self.at(0), self.at(1)) {
                    (Some(b'}'), _) => b"",
                    (Some(b':'), Some(b'-')) => b":-",
                    (Some(b':'), Some(b'+')) => b":+",
                    (Some(b'-'), _) => b"-",
                    (Some(b'+'), _) => b"+",
                    _ => {
                        return Err("this ${…} operator (:=, ?, %, #, /, substrings) is not supported: only ${N}, ${N:-w}, ${N-w}, ${N:+w}, ${N+w}".into());
                    }
                };
                self.i += op.len();
                let word = if op.is_empty() {
                    Vec::new()
                } else {
                    if quoted
                        && self.s[self.i..]
                            .iter()
                            .take_while(|&&b| b != b'}')
                            .any(|&b| b == b'"' || b == b'\'')
                    {
                        return Err(
                            "quotes inside ${…} inside double quotes are not supported".into()
                        );
                    }
                    self.word(true, false)?
                };
                if self.at(0) != Some(b'}') {
                    return Err("a ${ without its closing brace".into());
                }
                self.i += 1;
                let set = value.is_some();
                let nonempty = value.as_deref().is_some_and(|v| !v.is_empty());
                let chosen = match op {
                    b"" => value.unwrap_or_default().into_bytes(),
                    b":-" if nonempty => value.unwrap_or_default().into_bytes(),
                    b"-" if set => value.unwrap_or_default().into_bytes(),
                    b":-" | b"-" => word,
                    b":+" if nonempty => word,
                    b"+" if set => word,
                    _ => Vec::new(),
                };
                self.push(out, &chosen)
            }
            Some(c) if name_start(c) => {
                self.i += 1;
                let name = self.name().unwrap_or_default();
                if name == "_" {
                    return Err(
                        "a special parameter ($_) depends on the shell; escape the $".into(),
                    );
                }
                // bash joins `\<newline>` before it reads names: `$A\<newline>B` is `$AB`.
                if self.at(0) == Some(b'\\') && self.at(1) == Some(b'\n') {
                    return Err(
                        "a line continuation inside a $NAME reference is not supported".into(),
                    );
                }
                let v = self.lookup(&name).unwrap_or_default();
                self.push(out, v.as_bytes())
            }
            Some(c) if c.is_ascii_digit() || b"@*#?$!-".contains(&c) => Err(
                "a special parameter ($1, $$, $?, $@ …) depends on the shell; escape the $".into(),
            ),
            _ => {
                out.push(b'$');
                self.i += 1;
                Ok(())
            }
        }
    }

    fn line(&self, at: usize) -> usize {
        1 + self.s[..at].iter().filter(|&&b| b == b'\n').count()
    }

    fn skip_blanks(&mut self) {
        loop {
            match (self.at(0), self.at(1)) {
                (Some(c), _) if blank(c) => self.i += 1,
                (Some(b'\\'), Some(b'\n')) => self.i += 2,
                _ => return,
            }
        }
    }

    /// Whether the cursor is at `NAME=`, and where the `=` is.
    fn assignment_ahead(&self) -> Option<usize> {
        let rest = &self.s[self.i..];
        if !rest.first().copied().is_some_and(name_start) {
            return None;
        }
        let n = rest.iter().take_while(|&&b| name_char(b)).count();
        (rest.get(n) == Some(&b'=')).then_some(n)
    }

    fn assign(&mut self, out: &mut Vec<Stmt>, name_len: usize, line: usize) -> R<()> {
        let name = self.text[self.i..self.i + name_len].to_string();
        if SPECIAL.contains(&name.as_str()) {
            return Err(format!(
                "{name} is kept by bash itself and cannot be set from a file"
            ));
        }
        self.i += name_len + 1;
        let bytes = self.word(false, true)?;
        let value =
            String::from_utf8(bytes).map_err(|_| format!("the value of {name} is not UTF-8"))?;
        self.vars.insert(name.clone(), value.clone());
        out.push(Stmt {
            key: name,
            value: Some(value),
            line,
        });
        Ok(())
    }

    fn command(&mut self, out: &mut Vec<Stmt>) -> R<()> {
        let mut export = false;
        let mut words = 0;
        loop {
            self.skip_blanks();
            match self.at(0) {
                None | Some(b'\n' | b';') => break,
                Some(b'#') => {
                    while self.at(0).is_some_and(|c| c != b'\n') {
                        self.i += 1;
                    }
                    break;
                }
                _ => {}
            }
            self.cur = self.i;
            let line = self.line(self.i);
            if let Some(n) = self.assignment_ahead() {
                self.assign(out, n, line)?;
            } else if words == 0
                && self.s[self.i..].starts_with(b"export")
                && self.at(6).is_none_or(word_end)
            {
                self.i += 6;
                export = true;
            } else if export {
                let start = self.i;
                let name = self.name();
                match name {
                    Some(n) if self.at(0).is_none_or(word_end) => {
                        if !self.vars.contains_key(&n) {
                            out.push(Stmt {
                                key: n,
                                value: None,
                                line,
                            });
                        }
                    }
                    _ => {
                        self.i = start;
                        return Err("export takes NAME or NAME=VALUE here (options and other words are not supported)".into());
                    }
                }
            } else {
                return Err("a command word: `set -a; . ./.env` would run it (only NAME=VALUE assignments are read)".into());
            }
            words += 1;
        }
        Ok(())
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

pub fn read(
    text: &str,
    env: &dyn Fn(&str) -> Option<String>,
    limit: usize,
) -> Result<Vec<Stmt>, Vec<Refusal>> {
    let mut p = P {
        s: text.as_bytes(),
        text,
        i: 0,
        vars: HashMap::new(),
        env,
        limit,
        cur: 0,
    };
    let mut out = Vec::new();
    while p.i < p.s.len() {
        p.skip_blanks();
        match p.at(0) {
            None => break,
            Some(b'\n') => {
                p.i += 1;
                continue;
            }
            Some(b';') => {
                let line = p.line(p.i);
                return Err(vec![Refusal {
                    line,
                    reason: "a ';' without a command before it (a syntax error in bash)".into(),
                }]);
            }
            _ => {}
        }
        p.cur = p.i;
        if let Err(reason) = p.command(&mut out) {
            // The line where the word starts (a quoted value may span lines).
            let line = p.line(p.cur);
            return Err(vec![Refusal { line, reason }]);
        }
        if p.at(0) == Some(b';') {
            p.i += 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(text: &str) -> Vec<(String, Option<String>)> {
        let env = |n: &str| (n == "HOME_X").then(|| "/home/x".to_string());
        read(text, &env, 1 << 20)
            .unwrap_or_else(|e| panic!("{text:?}: {}", e[0].reason))
            .into_iter()
            .map(|s| (s.key, s.value))
            .collect()
    }

    fn v(text: &str) -> String {
        vals(text).pop().unwrap().1.unwrap()
    }

    #[test]
    fn quoting_and_expansion_as_bash() {
        assert_eq!(v("A=my\\ cool\\ value"), "my cool value");
        assert_eq!(v("A='x'\"y\"z"), "xyz");
        assert_eq!(v("A=\"a\\nb\""), "a\\nb");
        assert_eq!(v("A=$'a\\tb'"), "a\tb");
        assert_eq!(v("B=1\nA=$B${B}x"), "11x");
        assert_eq!(v("A=${NOPE-dflt}"), "dflt");
        assert_eq!(v("A=${HOME_X:+set}"), "set");
        assert_eq!(v("A='${HOME_X}'"), "${HOME_X}");
        assert_eq!(v("A=b#c"), "b#c");
        assert_eq!(v("A=b #c"), "b");
        assert_eq!(v("A=\"multi\nline\""), "multi\nline");
        assert_eq!(vals("A=1 B=$A; C=3").len(), 3);
        assert_eq!(vals("export A B=2")[0], ("A".to_string(), None));
    }

    #[test]
    fn code_and_state_are_refused_with_the_line() {
        for text in [
            "A=1\nA=b c\n",
            "A=1\nA=$(id)\n",
            "A=1\nA=`id`\n",
            "A=1\nA=~/x\n",
            "A=1\nA=\"open\n",
            "A=1\né=è\n",
            "A=1\nA=$1\n",
            "A=1\nA=${B:=x}\n",
        ] {
            let e = read(text, &|_| None, 1 << 20).unwrap_err();
            assert_eq!(e[0].line, 2, "{text:?}");
        }
    }
}
