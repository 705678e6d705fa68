//! The YAML config file: parsing with line numbers, `${VAR}` / `${VAR:default}` interpolation,
//! and named profiles merged over the base.

use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use crate::exit;

#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: PathBuf,
    /// The document after the profile was merged and every string interpolated.
    pub root: Value,
    /// Keys redkit does not read and that resemble none it does (the application's own, when
    /// the file is shared with it), for `-v`.
    pub ignored: Vec<String>,
    /// The file as read, for commands that name lines in it (the spec of validate-env).
    pub text: String,
}

/// The config file's text, bounded.
pub fn read(path: &Path) -> anyhow::Result<String> {
    crate::files::read_text(path, crate::files::TEXT)
        .map_err(|e| exit::usage(format!("{}: cannot read config: {e}", path.display())))
}

/// The top-level `env_file:` of a config, read before the env file itself is loaded (its
/// `${VAR}` references see the process environment only).
pub fn env_file_of(path: &Path, text: &str) -> anyhow::Result<Option<PathBuf>> {
    let root = parse(path, text)?;
    let Some(v) = root.get("env_file") else {
        return Ok(None);
    };
    let Some(s) = v.as_str() else {
        return Err(exit::usage(format!(
            "{}: env_file must be a path",
            path.display()
        )));
    };
    let lookup = |name: &str| std::env::var(name).ok();
    let s = interpolate(s, &lookup).map_err(|var| {
        exit::usage(format!(
            "{}: env_file: ${{{var}}} is not set and has no default",
            path.display()
        ))
    })?;
    Ok(Some(PathBuf::from(s)))
}

impl ConfigFile {
    /// Loads `path`, merges `profiles.<profile>` over the base, interpolates every string with
    /// `lookup`. Errors are usage errors naming `path:LINE`.
    pub fn load(
        path: &Path,
        profile: Option<&str>,
        lookup: &dyn Fn(&str) -> Option<String>,
    ) -> anyhow::Result<ConfigFile> {
        ConfigFile::from_text(path, &read(path)?, profile, lookup)
    }

    /// As `load`, from the file's text read once (a pipe such as `<(...)` reads only once).
    pub fn from_text(
        path: &Path,
        text: &str,
        profile: Option<&str>,
        lookup: &dyn Fn(&str) -> Option<String>,
    ) -> anyhow::Result<ConfigFile> {
        let text = text.to_string();
        let mut root = parse(path, &text)?;
        let mut ignored = Vec::new();
        check_keys(path, &text, &root, &mut ignored)?;
        if let Value::Mapping(map) = &mut root {
            let profiles = map.remove("profiles");
            if let Some(name) = profile {
                let chosen = profiles
                    .as_ref()
                    .and_then(|p| p.get(name))
                    .cloned()
                    .ok_or_else(|| {
                        let known: Vec<String> = profiles
                            .as_ref()
                            .and_then(Value::as_mapping)
                            .map(|m| {
                                m.keys()
                                    .filter_map(|k| k.as_str().map(String::from))
                                    .collect()
                            })
                            .unwrap_or_default();
                        exit::usage(format!(
                            "{}: unknown profile '{name}' (known: {})",
                            path.display(),
                            if known.is_empty() {
                                "none".into()
                            } else {
                                known.join(", ")
                            }
                        ))
                    })?;
                merge(&mut root, chosen);
            }
        } else if !root.is_null() {
            return Err(exit::usage(format!(
                "{}:1: the config must be a mapping of sections (redis:, cache:, env:, ...)",
                path.display()
            )));
        } else if let Some(name) = profile {
            return Err(exit::usage(format!(
                "{}: unknown profile '{name}' (the file is empty)",
                path.display()
            )));
        }
        interpolate_value(&mut root, &|s| interpolate(s, lookup)).map_err(|var| {
            let line = text
                .lines()
                .position(|l| l.contains(&format!("${{{var}")))
                .map(|i| i + 1)
                .unwrap_or(1);
            exit::usage(format!(
                "{}:{line}: ${{{var}}} is not set and has no default (write ${{{var}:default}})",
                path.display()
            ))
        })?;
        Ok(ConfigFile {
            path: path.to_path_buf(),
            root,
            ignored,
            text,
        })
    }

    /// The value at a dotted path, e.g. `["redis", "host"]`.
    pub fn get(&self, path: &[&str]) -> Option<&Value> {
        let mut v = &self.root;
        for p in path {
            v = v.get(p)?;
        }
        Some(v)
    }

    /// A scalar at `path` as text; null and empty strings count as unset.
    pub fn get_string(&self, path: &[&str]) -> Option<String> {
        scalar_text(self.get(path)?)
    }
}

/// Refuses a key that looks like a misspelling of one redkit reads (`cache: prefx:` would
/// otherwise be ignored and a flush would select the default prefix; `stream:` for
/// `streams:`), in the base and every profile, in the top level and inside `redis:`,
/// `cache:`, `streams:` and `migrate:`. A key that resembles nothing redkit reads is left
/// alone and listed for `-v`: the file may be the application's own config, which holds
/// more (`cache.providers.redis.default_ttl`, `llm:`, ...). `health:` and `env:` are checked
/// by their commands. Usage error naming `path:LINE`, the dotted key and what it resembles.
fn check_keys(
    path: &Path,
    text: &str,
    root: &Value,
    ignored: &mut Vec<String>,
) -> anyhow::Result<()> {
    let Value::Mapping(map) = root else {
        return Ok(());
    };
    let known = super::keys::config_paths();
    let cx = Check {
        path,
        text,
        known: &known,
    };
    cx.top(map, &[], ignored)?;
    if let Some(profiles) = map.get("profiles") {
        match profiles {
            Value::Mapping(ps) => {
                for (name, p) in ps {
                    let name = key_text(name);
                    match p {
                        Value::Mapping(pm) => cx.top(pm, &["profiles", &name], ignored)?,
                        Value::Null => {}
                        _ => return Err(cx.misplaced(&["profiles", &name], "a section")),
                    }
                }
            }
            Value::Null => {}
            _ => return Err(cx.misplaced(&["profiles"], "a section of profiles")),
        }
    }
    Ok(())
}

fn key_text(k: &Value) -> String {
    scalar_text(k).unwrap_or_else(|| "?".into())
}

/// Whether `a` is a likely misspelling of `b`: at most one edit for short names, two for
/// longer ones (a swap of two letters counts as one).
fn resembles(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let limit = if b.len() < 5 { 1 } else { 2 };
    if a == b || a.len().abs_diff(b.len()) > limit {
        return false;
    }
    // Optimal string alignment distance.
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()] <= limit
}

struct Check<'a> {
    path: &'a Path,
    text: &'a str,
    known: &'a [Vec<&'static str>],
}

impl Check<'_> {
    fn top(&self, map: &Mapping, at: &[&str], ignored: &mut Vec<String>) -> anyhow::Result<()> {
        use super::keys::{CHECKED_BY_COMMAND, TOP_LEVEL};
        let names: Vec<&str> = TOP_LEVEL
            .iter()
            .copied()
            .filter(|n| at.is_empty() || *n != "profiles")
            .collect();
        for (k, v) in map {
            let k = key_text(k);
            let here: Vec<&str> = at.iter().copied().chain([k.as_str()]).collect();
            if !names.contains(&k.as_str()) {
                self.unknown(&here, &names, ignored)?;
                continue;
            }
            if CHECKED_BY_COMMAND.contains(&k.as_str()) || k == "env_file" || k == "profiles" {
                continue;
            }
            self.section(v, &here, &[k.as_str()], ignored)?;
        }
        Ok(())
    }

    /// Walks a section: `key` is the path inside the config's sections.
    fn section(
        &self,
        v: &Value,
        at: &[&str],
        key: &[&str],
        ignored: &mut Vec<String>,
    ) -> anyhow::Result<()> {
        match v {
            Value::Mapping(m) => {
                for (k, sub) in m {
                    let k = key_text(k);
                    let here: Vec<&str> = at.iter().copied().chain([k.as_str()]).collect();
                    let full: Vec<&str> = key.iter().copied().chain([k.as_str()]).collect();
                    let leaf = self.known.contains(&full);
                    let inner = self
                        .known
                        .iter()
                        .any(|p| p.len() > full.len() && p[..full.len()] == full[..]);
                    if leaf {
                        if matches!(sub, Value::Mapping(_)) {
                            return Err(self.misplaced(&here, "a value"));
                        }
                    } else if inner {
                        self.section(sub, &here, &full, ignored)?;
                    } else {
                        let mut names: Vec<&str> = self
                            .known
                            .iter()
                            .filter(|p| p.len() > key.len() && p[..key.len()] == key[..])
                            .map(|p| p[key.len()])
                            .collect();
                        names.dedup();
                        self.unknown(&here, &names, ignored)?;
                    }
                }
                Ok(())
            }
            Value::Null => Ok(()),
            _ => Err(self.misplaced(at, "a section (key: value lines)")),
        }
    }

    /// A key redkit does not read: an error when it resembles one it does, else noted.
    fn unknown(
        &self,
        at: &[&str],
        names: &[&str],
        ignored: &mut Vec<String>,
    ) -> anyhow::Result<()> {
        let dotted = at.join(".");
        let key = at.last().copied().unwrap_or_default();
        match names.iter().find(|n| resembles(key, n)) {
            Some(near) => Err(exit::usage(format!(
                "{}:{}: {dotted}: unknown key; did you mean {near}? (known here: {})",
                self.path.display(),
                line_of(self.text, at),
                names.join(", ")
            ))),
            None => {
                ignored.push(dotted);
                Ok(())
            }
        }
    }

    fn misplaced(&self, at: &[&str], want: &str) -> anyhow::Error {
        exit::usage(format!(
            "{}:{}: {}: must be {want}",
            self.path.display(),
            line_of(self.text, at),
            at.join(".")
        ))
    }
}

/// The line of a key path in the text: each segment is looked for below the previous one,
/// deeper indented; inside a flow mapping (`messages: { table: m }`) on the same line.
fn line_of(text: &str, at: &[&str]) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let mut from = 0;
    let mut indent: Option<usize> = None;
    let mut found = 1;
    let mut flow = false;
    for seg in at {
        let key = format!("{seg}:");
        if flow {
            if lines.get(found - 1).is_some_and(|l| l.contains(&key)) {
                continue;
            }
            break;
        }
        let hit = (from..lines.len()).find(|&i| {
            let l = lines[i];
            let ind = l.len() - l.trim_start().len();
            let body = l.trim_start();
            indent.is_none_or(|p| ind > p)
                && (body.starts_with(&key) || body.starts_with(&format!("\"{seg}\":")))
        });
        let Some(i) = hit else { break };
        let l = lines[i];
        indent = Some(l.len() - l.trim_start().len());
        found = i + 1;
        from = i + 1;
        flow = l.contains('{');
    }
    found
}

/// Parses YAML text, naming `path:LINE:COL` on error.
pub fn parse(path: &Path, text: &str) -> anyhow::Result<Value> {
    serde_yaml::from_str(text).map_err(|e| {
        let loc = e
            .location()
            .map(|l| format!(":{}:{}", l.line(), l.column()))
            .unwrap_or_default();
        // serde_yaml appends "at line X column Y"; we already say where.
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        exit::usage(format!("{}{loc}: invalid YAML: {msg}", path.display()))
    })
}

pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Deep merge: mappings merge key by key, anything else replaces.
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Mapping(b), Value::Mapping(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

fn interpolate_value(
    v: &mut Value,
    f: &dyn Fn(&str) -> Result<String, String>,
) -> Result<(), String> {
    match v {
        Value::String(s) if s.contains("${") => *s = f(s)?,
        Value::Sequence(seq) => {
            for item in seq {
                interpolate_value(item, f)?;
            }
        }
        Value::Mapping(map) => {
            let m: &mut Mapping = map;
            for (_, item) in m.iter_mut() {
                interpolate_value(item, f)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Expands `${VAR}`, `${VAR:default}` and `${VAR:-default}`; `$${` stays a literal `${`.
/// Returns the name of the first variable with no value and no default.
pub fn interpolate(s: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    interpolate_at(s, lookup, 0)
}

/// Defaults may hold references and defaults of their own (`${A:${B:x}}`), to this depth.
const MAX_NESTING: usize = 16;

fn interpolate_at(
    s: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    depth: usize,
) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find("${") {
        if rest[..pos].ends_with('$') {
            out.push_str(&rest[..pos - 1]);
            out.push_str("${");
            rest = &rest[pos + 2..];
            continue;
        }
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 2..];
        // The brace that closes this reference, past any nested `${...}` in its default.
        let mut level = 1;
        let mut end = None;
        let bytes = after.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'$' if bytes.get(i + 1) == Some(&b'{') => {
                    level += 1;
                    i += 1;
                }
                b'}' => {
                    level -= 1;
                    if level == 0 {
                        end = Some(i);
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let Some(end) = end else {
            out.push_str(&rest[pos..]);
            return Ok(out);
        };
        let inner = &after[..end];
        let (name, default) = match inner.find(':') {
            Some(c) => {
                let d = &inner[c + 1..];
                (&inner[..c], Some(d.strip_prefix('-').unwrap_or(d)))
            }
            None => (inner, None),
        };
        match (lookup(name.trim()), default) {
            (Some(v), _) if !v.is_empty() || default.is_none() => out.push_str(&v),
            (_, Some(d)) if depth < MAX_NESTING => {
                out.push_str(&interpolate_at(d, lookup, depth + 1)?)
            }
            (_, Some(d)) => out.push_str(d),
            (None, None) => return Err(name.trim().to_string()),
            (Some(v), None) => out.push_str(&v),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_defaults_are_interpolated() {
        let lookup = |n: &str| (n == "SET").then(|| "s".to_string());
        assert_eq!(interpolate("${A:${A:${A:${A:x}}}}", &lookup).unwrap(), "x");
        assert_eq!(interpolate("a${A:${SET}}b", &lookup).unwrap(), "asb");
        assert_eq!(interpolate("${A:-${B:-p}:${SET}}", &lookup).unwrap(), "p:s");
        assert_eq!(interpolate("$${A:x}", &lookup).unwrap(), "${A:x}");
    }

    #[test]
    fn misspellings_resemble_and_other_names_do_not() {
        for (a, b) in [
            ("prefx", "prefix"),
            ("hots", "host"),
            ("stream", "streams"),
            ("mach", "match"),
            ("recever_id", "receiver_id"),
            ("tiemout", "timeout"),
        ] {
            assert!(resembles(a, b), "{a} ~ {b}");
        }
        for (a, b) in [
            ("default_ttl", "timeout"),
            ("ssl", "tls"),
            ("enabled", "db"),
            ("max_connections", "connect_timeout"),
            ("host", "host"),
            ("app", "env"),
        ] {
            assert!(!resembles(a, b), "{a} !~ {b}");
        }
    }

    fn env(name: &str) -> Option<String> {
        match name {
            "HOST" => Some("db1".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    #[test]
    fn interpolation_forms() {
        assert_eq!(interpolate("${HOST}", &env).unwrap(), "db1");
        assert_eq!(interpolate("${HOST:localhost}", &env).unwrap(), "db1");
        assert_eq!(interpolate("${NOPE:localhost}", &env).unwrap(), "localhost");
        assert_eq!(interpolate("${NOPE:-x}:${HOST}", &env).unwrap(), "x:db1");
        assert_eq!(interpolate("${EMPTY:fallback}", &env).unwrap(), "fallback");
        assert_eq!(interpolate("${NOPE:}", &env).unwrap(), "");
        assert_eq!(interpolate("$${HOST}", &env).unwrap(), "${HOST}");
        assert_eq!(interpolate("${NOPE}", &env).unwrap_err(), "NOPE");
    }

    #[test]
    fn profile_merges_deeply() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.yaml");
        std::fs::write(
            &p,
            "redis:\n  host: a\n  port: 1\nprofiles:\n  prod:\n    redis:\n      host: b\n",
        )
        .unwrap();
        let c = ConfigFile::load(&p, Some("prod"), &env).unwrap();
        assert_eq!(c.get_string(&["redis", "host"]).unwrap(), "b");
        assert_eq!(c.get_string(&["redis", "port"]).unwrap(), "1");
        let err = ConfigFile::load(&p, Some("nope"), &env).unwrap_err();
        assert!(
            err.to_string()
                .contains("unknown profile 'nope' (known: prod)")
        );
    }

    #[test]
    fn missing_variable_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.yaml");
        std::fs::write(&p, "redis:\n  host: a\n  password: ${NOT_SET_ANYWHERE}\n").unwrap();
        let err = ConfigFile::load(&p, None, &env).unwrap_err().to_string();
        assert!(err.contains("c.yaml:3:"), "{err}");
        assert!(err.contains("NOT_SET_ANYWHERE"));
    }

    #[test]
    fn invalid_yaml_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.yaml");
        std::fs::write(&p, "redis:\n  host: a\n port: [\n").unwrap();
        let err = ConfigFile::load(&p, None, &env).unwrap_err().to_string();
        assert!(err.contains("c.yaml:3:"), "{err}");
    }
}
