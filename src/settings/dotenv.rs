//! The `.env` file in the dialect of the program that reads it next: python-dotenv (the
//! application's parser, the default), bash's `set -a; . ./.env`, docker compose's
//! `env_file`, or dotenvy (Rust services). Each dialect lives in its own file and yields the
//! file's statements with their lines; what is common stays here: reading the file (bounded,
//! byte-order mark dropped), the `.env:LINE` of every value and refusal, the lint findings,
//! and errors that never echo a value.

mod compose;
mod dotenvy;
mod python;
mod shell;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::exit;

/// Who reads the file after the gate, and so whose rules the gate must read it by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// python-dotenv 1.x (`load_dotenv`), the application's parser.
    #[default]
    Python,
    /// bash's `set -a; . ./.env`.
    Shell,
    /// docker compose's `env_file:`.
    Compose,
    /// the dotenvy crate (redkit's reading before the dialects).
    Dotenvy,
}

impl Dialect {
    pub const NAMES: [&'static str; 4] = ["python", "shell", "compose", "dotenvy"];

    pub fn name(self) -> &'static str {
        match self {
            Dialect::Python => "python",
            Dialect::Shell => "shell",
            Dialect::Compose => "compose",
            Dialect::Dotenvy => "dotenvy",
        }
    }

    pub fn parse(t: &str) -> Result<Dialect, String> {
        match t.trim().to_ascii_lowercase().as_str() {
            "python" | "python-dotenv" => Ok(Dialect::Python),
            "shell" | "bash" | "sh" => Ok(Dialect::Shell),
            "compose" | "docker-compose" => Ok(Dialect::Compose),
            "dotenvy" => Ok(Dialect::Dotenvy),
            other => Err(format!(
                "unknown .env dialect '{other}' (use {})",
                Dialect::NAMES.join(", ")
            )),
        }
    }

    /// Whether the file's assignments replace the real environment's values: `set -a; .
    /// ./.env` assigns over whatever bash inherited (the real environment only feeds the
    /// expansions of names the file has not set). python-dotenv's `load_dotenv` (override
    /// false), dotenvy's `dotenv()` and a container's environment over its compose env_file
    /// keep the real value.
    pub fn file_wins(self) -> bool {
        match self {
            Dialect::Shell => true,
            Dialect::Python | Dialect::Compose | Dialect::Dotenvy => false,
        }
    }

    /// The program whose reading this dialect reproduces, for messages.
    pub fn reader(self) -> &'static str {
        match self {
            Dialect::Python => "python-dotenv",
            Dialect::Shell => "bash (set -a; . ./.env)",
            Dialect::Compose => "docker compose",
            Dialect::Dotenvy => "dotenvy",
        }
    }
}

/// One statement of a file as a dialect read it: its key, its value after quotes, escapes and
/// references (None: named without a value, as `export A` or a bare `A`), its first line.
#[derive(Debug, Clone)]
pub(crate) struct Stmt {
    pub key: String,
    pub value: Option<String>,
    pub line: usize,
}

/// A statement the dialect's reader skips or stops at; the reason never quotes the file.
#[derive(Debug, Clone)]
pub(crate) struct Refusal {
    pub line: usize,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct DotEntry {
    pub key: String,
    /// None for a key named without `=` (python-dotenv's `None`: not set in the environment).
    pub value: Option<String>,
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
    pub dialect: Dialect,
    /// In file order; a key set twice appears twice (the last one wins in every dialect).
    pub entries: Vec<DotEntry>,
    pub lints: Vec<Lint>,
    /// The winning entry of each key, so lookups stay O(1) in a file of 200,000 keys.
    index: HashMap<String, usize>,
}

/// The most a value may grow to through `${VAR}` expansion.
const MAX_EXPANDED: usize = 1 << 20;

impl DotEnv {
    /// Reads and parses `path` in `dialect`, references resolved against the process
    /// environment. A statement the dialect's reader cannot read is a usage error naming
    /// `path:LINE`.
    /// Only a regular file is read: the application reads it after redkit, so a FIFO (or
    /// `<(…)`) would be empty for one of the two, and a FIFO with no writer would hang.
    pub fn load(path: &Path, dialect: Dialect) -> anyhow::Result<DotEnv> {
        let text = crate::files::read_regular_text(path, crate::files::TEXT)
            .map_err(|e| exit::usage(format!("{}: cannot read: {e}", shown(path))))?;
        DotEnv::parse(path, &text, dialect, &|name| std::env::var(name).ok())
    }

    /// Like `load`, from any readable file (`--example /dev/null`, `<(…)`): for files that
    /// only redkit reads.
    pub fn load_any(path: &Path, dialect: Dialect) -> anyhow::Result<DotEnv> {
        let text = crate::files::read_text(path, crate::files::TEXT)
            .map_err(|e| exit::usage(format!("{}: cannot read: {e}", shown(path))))?;
        DotEnv::parse(path, &text, dialect, &|name| std::env::var(name).ok())
    }

    /// Parses `text` (the file at `path`) in `dialect` with `env` as the real environment.
    pub fn parse(
        path: &Path,
        text: &str,
        dialect: Dialect,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> anyhow::Result<DotEnv> {
        // A byte-order mark (editors on Windows write one) is not part of the first key for
        // compose and dotenvy; python-dotenv (up to 1.2) and bash read it as part of the line.
        let bom = text.starts_with('\u{feff}');
        let text = match dialect {
            Dialect::Compose | Dialect::Dotenvy => text.strip_prefix('\u{feff}').unwrap_or(text),
            Dialect::Python | Dialect::Shell => text,
        };
        let read = match dialect {
            Dialect::Python => python::read(text, env, MAX_EXPANDED),
            Dialect::Shell => shell::read(text, env, MAX_EXPANDED),
            Dialect::Compose => compose::read(text, env, MAX_EXPANDED),
            Dialect::Dotenvy => dotenvy::read(text, env, MAX_EXPANDED),
        };
        let stmts = read.map_err(|refused| refusal_error(path, dialect, &refused))?;
        // No process environment can carry a NUL (python-dotenv hands it to os.environ, which
        // raises; bash drops it): refused in every dialect, by the statement's line.
        let nul: Vec<Refusal> = stmts
            .iter()
            .filter(|s| s.key.contains('\0') || s.value.as_ref().is_some_and(|v| v.contains('\0')))
            .map(|s| Refusal {
                line: s.line,
                reason: "a NUL byte, which no process environment can carry".into(),
            })
            .collect();
        if !nul.is_empty() {
            return Err(refusal_error(path, dialect, &nul));
        }
        let entries: Vec<DotEntry> = stmts
            .into_iter()
            .map(|s| DotEntry {
                key: s.key,
                value: s.value,
                line: s.line,
            })
            .collect();
        let mut lints = lint(text, dialect, &entries);
        if bom && dialect == Dialect::Python {
            lints.insert(
                0,
                Lint {
                    line: 1,
                    message: "the file starts with a byte-order mark: python-dotenv (up to 1.2) reads it as part of the first key".into(),
                },
            );
        }
        let index = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key.clone(), i))
            .collect();
        Ok(DotEnv {
            path: path.to_path_buf(),
            dialect,
            entries,
            lints,
            index,
        })
    }

    /// The entry that counts for `key` (the last assignment).
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

/// The usage error of a file the dialect refuses: the first statement's line and reason, and
/// the lines of any others (python-dotenv skips each one and reads on).
fn refusal_error(path: &Path, dialect: Dialect, refused: &[Refusal]) -> anyhow::Error {
    let Some(first) = refused.first() else {
        return exit::usage(format!("{}: cannot parse", shown(path)));
    };
    // A value too large to expand is not a malformed line; everything else is.
    let what = if first.reason.contains("expands to more than") {
        ""
    } else {
        "malformed line: "
    };
    let mut msg = format!(
        "{}:{}: {what}{} [--dotenv {}: as {} reads it; the line's text is not shown, it may hold a secret]",
        shown(path),
        first.line,
        first.reason,
        dialect.name(),
        dialect.reader()
    );
    if refused.len() > 1 {
        let more: Vec<String> = refused[1..].iter().map(|r| r.line.to_string()).collect();
        msg.push_str(&format!(
            "; also line{} {}",
            if more.len() > 1 { "s" } else { "" },
            more.join(", ")
        ));
    }
    exit::usage_at(shown(path), first.line, msg)
}

/// A path for a message: control characters escaped (a file name may hold any byte).
fn shown(path: &Path) -> String {
    crate::output::escape::escape_str(&path.display().to_string())
}

/// The raw lines of the text as the dialect counts them (python-dotenv also ends a line at a
/// lone `\r`).
fn raw_lines(text: &str, dialect: Dialect) -> Vec<&str> {
    match dialect {
        Dialect::Python => {
            let mut out = Vec::new();
            let b = text.as_bytes();
            let mut start = 0;
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'\n' || b[i] == b'\r' {
                    out.push(&text[start..i]);
                    if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i + 1;
                }
                i += 1;
            }
            out.push(&text[start..]);
            out
        }
        _ => text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect(),
    }
}

/// dotenv-linter's findings on each statement's first line: spaces around `=`, a lowercase
/// key, a key set twice, unquoted trailing whitespace.
fn lint(text: &str, dialect: Dialect, entries: &[DotEntry]) -> Vec<Lint> {
    let lines = raw_lines(text, dialect);
    let mut lints = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    // A key without a value is a word alone on its line: perhaps a secret pasted there, so no
    // finding names it (validate-env reports it by its line).
    for e in entries.iter().filter(|e| e.value.is_some()) {
        let key = e.key.as_str();
        let line_no = e.line;
        if let Some(raw) = lines.get(line_no.wrapping_sub(1)) {
            let line = raw.trim_start();
            let body = line.strip_prefix("export ").unwrap_or(line).trim_start();
            if let Some(eq) = body.find('=') {
                let key_part = &body[..eq];
                if key_part.len() != key_part.trim_end().len()
                    || body[eq + 1..].starts_with([' ', '\t'])
                {
                    lints.push(Lint {
                        line: line_no,
                        message: format!("{key}: spaces around '='"),
                    });
                }
                let value = body[eq + 1..].trim_start();
                if !value.is_empty() && !value.starts_with(['"', '\'']) {
                    let unquoted = value.split(" #").next().unwrap_or(value);
                    if unquoted.ends_with([' ', '\t']) && !value.contains(" #") {
                        lints.push(Lint {
                            line: line_no,
                            message: format!("{key}: unquoted trailing whitespace"),
                        });
                    }
                }
            }
        }
        if key.chars().any(|c| c.is_ascii_lowercase()) {
            lints.push(Lint {
                line: line_no,
                message: format!("{key}: lowercase key"),
            });
        }
        if let Some(first) = seen.insert(key, line_no) {
            lints.push(Lint {
                line: line_no,
                message: format!("{key}: duplicate key (first set on line {first}); this one wins"),
            });
        }
    }
    lints
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn load(text: &str) -> anyhow::Result<DotEnv> {
        load_as(text, Dialect::Dotenvy)
    }

    fn load_as(text: &str, dialect: Dialect) -> anyhow::Result<DotEnv> {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text.as_bytes()).unwrap();
        DotEnv::load(f.path(), dialect)
    }

    #[test]
    fn values_and_lines() {
        let d = load("# comment\nA=1\n\nexport B=\"two words\"\nC='x'\nA=3\n").unwrap();
        assert_eq!(d.get("A").unwrap().value.as_deref(), Some("3"));
        assert_eq!(d.get("A").unwrap().line, 6);
        assert_eq!(d.get("B").unwrap().value.as_deref(), Some("two words"));
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
        assert_eq!(d.get("A").unwrap().value.as_deref(), Some("one\ntwo"));
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
        assert_eq!(d.get("REDIS_PORT").unwrap().value.as_deref(), Some("6490"));
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
        let out = dotenvy::apply_defaults(text, &env);
        assert_eq!(
            out,
            "A=7101\nB=abc\nC=x\nD=${SET_ENV}\nE=d\nF=${EMPTY_ENV}\nG=1\nH=${G}\n\
             I='${NOPE:-i}'\nJ=\"j j\"\n"
        );
        let d = load("G=1\nPORT=${NOPE_NOT_SET_X:-7101}\nH=${G:-h}\n").unwrap();
        assert_eq!(d.get("PORT").unwrap().value.as_deref(), Some("7101"));
        assert_eq!(d.get("H").unwrap().value.as_deref(), Some("1"));
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
        assert_eq!(d.get("B").unwrap().value.as_deref(), Some("abab"));
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
