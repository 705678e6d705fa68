//! `.env.example` from the spec (`--write-example`), and the drift between the two
//! (`--example`): spec keys the example lacks, and example keys the spec lacks.

use serde::Serialize;

use super::spec::{Level, Spec};
use crate::settings::DotEnv;

/// How every file `--write-example` writes begins: the one kind of file it may replace.
pub const HEADER: &str = "# Written by `redkit validate-env --write-example`";

/// Refuses to replace a regular file that `--write-example` did not write (a `.env` with the
/// production keys, a secret file, the spec or config itself): exit 2, naming it. A link at
/// the name is replaced, never followed, so what it points to is never lost.
pub fn may_replace(path: &std::path::Path) -> anyhow::Result<()> {
    use std::io::Read;
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    if !meta.is_file() {
        return Ok(());
    }
    let mut head = Vec::new();
    let read =
        std::fs::File::open(path).and_then(|f| f.take(HEADER.len() as u64).read_to_end(&mut head));
    if read.is_ok() && (head == HEADER.as_bytes() || meta.len() == 0) {
        return Ok(());
    }
    Err(crate::exit::usage(format!(
        "--write-example {}: the file exists and was not written by --write-example (it may be the .env, a secret or the spec): not replaced; move it away or name another file",
        crate::output::escape::escape_str(&path.display().to_string())
    )))
}

/// The example file: one section per level, each variable with its description and type as a
/// comment, and the `VAR_FILE` alternative named for secrets. A variable without a default is
/// `NAME=`; one with a default is commented out, `# NAME=default` (`# NAME=` for a secret), so
/// a copied example keeps the defaults.
pub fn write(spec: &Spec) -> String {
    let mut out = format!(
        "{HEADER} from {}.\n\
         # Copy to .env and fill in; secrets stay empty here (or set NAME_FILE=/run/secrets/name).\n",
        spec.origin
    );
    for level in [Level::Required, Level::Recommended, Level::Optional] {
        let vars: Vec<_> = spec.vars.iter().filter(|v| v.level == level).collect();
        if vars.is_empty() {
            continue;
        }
        out.push_str(&format!("\n# --- {} ---\n", level.name()));
        for v in vars {
            let mut about = Vec::new();
            if let Some(d) = &v.description {
                about.push(one_line(d));
            }
            if v.ty.name() != "string" {
                about.push(format!("type {}", v.ty.name()));
            }
            if v.secret {
                about.push(format!("secret; or {}_FILE=/run/secrets/...", v.name));
            }
            if !about.is_empty() {
                out.push_str(&format!("# {}\n", about.join("; ")));
            }
            // A variable with a default is commented out: `cp .env.example .env` must leave the
            // default in force, not set it to "" (a secret's default is never shown).
            match (&v.default, v.secret) {
                (Some(d), false) => out.push_str(&format!("# {}={}\n", v.name, quote(d))),
                (Some(_), true) => out.push_str(&format!("# {}=\n", v.name)),
                (None, _) => out.push_str(&format!("{}=\n", v.name)),
            }
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A default as python-dotenv, bash and compose all read it back: bare when it is plain,
/// single-quoted otherwise (no `'` inside), else double-quoted with escapes.
fn quote(v: &str) -> String {
    let plain = !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.,:/@+%".contains(c));
    if plain {
        v.to_string()
    } else if !v.contains('\'') && !v.contains("${") && !v.contains('\n') {
        format!("'{v}'")
    } else {
        let mut out = String::from("\"");
        for c in v.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }
}

/// Keys listed commented out (`# NAME=...`, as `--write-example` writes variables with a
/// default): the example names them all the same.
fn commented_keys(path: &std::path::Path) -> Vec<String> {
    let text = crate::files::read_text(path, crate::files::TEXT).unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let (k, _) = l.strip_prefix('#')?.trim_start().split_once('=')?;
            let ok = !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            ok.then(|| k.to_string())
        })
        .collect()
}

/// The keys the spec and the example file do not share.
#[derive(Debug, Clone, Serialize)]
pub struct Drift {
    pub example: String,
    /// Spec variables the example does not list.
    pub missing_from_example: Vec<String>,
    /// Example keys the spec does not list.
    pub missing_from_spec: Vec<String>,
}

impl Drift {
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.missing_from_example.is_empty() {
            out.push(format!(
                "{}: lacks {} of the spec (drift; --write-example rewrites it)",
                self.example,
                self.missing_from_example.join(", ")
            ));
        }
        if !self.missing_from_spec.is_empty() {
            out.push(format!(
                "{}: lists {} that the spec does not (drift)",
                self.example,
                self.missing_from_spec.join(", ")
            ));
        }
        out
    }
}

pub fn drift(spec: &Spec, ex: &DotEnv) -> Drift {
    let commented = commented_keys(&ex.path);
    let mut in_example: std::collections::HashSet<&str> =
        ex.entries.iter().map(|e| e.key.as_str()).collect();
    in_example.extend(commented.iter().map(String::as_str));
    let in_spec: std::collections::HashSet<&str> =
        spec.vars.iter().map(|v| v.name.as_str()).collect();
    let mut missing_from_spec = Vec::new();
    for e in &ex.entries {
        // `NAME_FILE` of a spec variable is that variable's other form.
        let twin = e
            .key
            .strip_suffix("_FILE")
            .is_some_and(|b| in_spec.contains(b));
        if !in_spec.contains(e.key.as_str()) && !twin && !missing_from_spec.contains(&e.key) {
            missing_from_spec.push(e.key.clone());
        }
    }
    Drift {
        example: ex.path.display().to_string(),
        missing_from_example: spec
            .vars
            .iter()
            .filter(|v| !in_example.contains(v.name.as_str()))
            .map(|v| v.name.clone())
            .collect(),
        missing_from_spec,
    }
}
