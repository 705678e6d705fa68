//! `redkit validate-env`: the environment and `.env` checked against a spec before start-up.

mod acl;
pub mod check;
pub mod connect;
mod example;
pub mod exec;
mod resolve;
pub mod spec;
mod suggest;
pub mod var;

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::PathBuf;

use crate::output::escape::escape_str;
use crate::output::{Cell, Kind};
use clap::Args;
use serde::Serialize;

use crate::cmd::{Ctx, problem_if};
use crate::exit::ExitStatus;
use crate::output::{Render, Ui};
use crate::secret::mask;
use crate::settings::{ConnFlags, Dialect, DotEnv, Source, keys};
use resolve::Lookup;
use spec::{Level, Spec, VarSpec};

pub const EXAMPLES: &str = "\
Examples:
  redkit validate-env || exit 1                 in start.sh, before the service starts
  redkit validate-env --spec env-spec.yaml --strict
  redkit validate-env --example .env.example --deny-unknown
  redkit validate-env --format json | jq '.variables[] | select(.status != \"ok\")'
  redkit validate-env --connect --wait 30s      also connect to every Redis and database named

The spec is --spec FILE, else the env: section of the config, else a built-in spec of the
REDIS_* variables. Exit 0 when every required variable is present and valid, 1 otherwise,
2 for a bad spec or .env. --connect (once the variables pass) also authenticates to each
redis-url variable, the REDIS_HOST/REDIS_PORT/REDIS_PASSWORD... group and each database url,
and checks a spec's `commands: [get, set, xadd]` with ACL DRYRUN; a failure exits 1.";

/// What `validate-env` and `run` share: which spec, how `.env` is read, where secret files
/// are, how strict.
#[derive(Debug, Args, Clone, Default)]
pub struct CheckArgs {
    /// Spec file (YAML with required/recommended/optional, or an env: section)
    #[arg(long, value_name = "FILE")]
    pub spec: Option<PathBuf>,

    /// How the application reads .env: python (python-dotenv, the default), shell (bash's
    /// `set -a; . ./.env`), compose (docker compose env_file), dotenvy [config: env.dotenv_dialect]
    #[arg(long, value_name = "DIALECT", value_parser = clap::builder::PossibleValuesParser::new(Dialect::NAMES))]
    pub dotenv: Option<String>,

    /// Exit 2 when no spec is found (no --spec, no levels in the config's env: section)
    /// [config: env.require_spec]
    #[arg(long)]
    pub require_spec: bool,

    /// A variable that is not set is read from the file of its name in DIR (Docker and
    /// Kubernetes secrets; VAR_FILE=PATH works without it) [config: env.secrets_dir]
    #[arg(long, value_name = "DIR")]
    pub secrets_dir: Option<PathBuf>,

    /// Fail on missing recommended variables, missing --example keys, and warnings (.env lint
    /// findings: duplicate keys, spaces around '=', lowercase names, unquoted trailing
    /// whitespace; secret files readable by group or others)
    #[arg(long)]
    pub strict: bool,

    /// Fail on variables set in .env that the spec does not know
    #[arg(long)]
    pub deny_unknown: bool,
}

impl CheckArgs {
    /// The settings these flags give (the `env.*` rows).
    pub fn flags(&self, conn: &mut ConnFlags) {
        conn.set(&keys::ENV_DOTENV_DIALECT, self.dotenv.clone());
        conn.switch(&keys::ENV_REQUIRE_SPEC, self.require_spec);
        conn.set(
            &keys::ENV_SECRETS_DIR,
            self.secrets_dir.as_ref().map(|p| p.display().to_string()),
        );
    }
}

#[derive(Debug, Args)]
pub struct ValidateEnvArgs {
    #[command(flatten)]
    pub check: CheckArgs,

    /// Also report keys of this .env.example that are not set, and (with a spec) the drift
    /// both ways: spec keys the example lacks, example keys the spec lacks
    #[arg(long, value_name = "FILE")]
    pub example: Option<PathBuf>,

    /// Write a .env.example from the spec (levels as sections, descriptions as comments,
    /// defaults shown, secrets empty) and exit
    #[arg(long, value_name = "FILE", conflicts_with = "example")]
    pub write_example: Option<PathBuf>,

    /// Once the spec passes, connect to every Redis and database the variables name
    /// (authenticate, PING / SELECT 1; ACL DRYRUN of a spec's `commands`)
    #[arg(long)]
    pub connect: bool,

    /// With --connect: retry connections that are not there yet (refused, unreachable,
    /// LOADING, a missing SQLite file) for up to DUR; an answer that says no is not retried
    #[arg(long, value_name = "DUR", requires = "connect", value_parser = crate::duration::clap_parse)]
    pub wait: Option<std::time::Duration>,
}

/// The test hook that prints the `.env` as the dialect read it, values unmasked: an
/// environment variable, not a flag, so no completion offers it and no one tabs into a dump of
/// the application's secrets; and only in debug builds, so no operator's binary has it.
pub const PRINT_DOTENV: &str = "REDKIT_PRINT_DOTENV";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Missing,
    Invalid,
    Default,
    Unknown,
    /// Set, to nothing: the application reads an empty string (not its default).
    Empty,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Missing => "missing",
            Status::Invalid => "invalid",
            Status::Default => "default",
            Status::Unknown => "unknown",
            Status::Empty => "empty",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct VarReport {
    pub name: String,
    pub level: Level,
    pub status: Status,
    /// The value, masked when secret; null when unset.
    pub value: Option<String>,
    pub secret: bool,
    #[serde(rename = "type")]
    pub ty: &'static str,
    /// `env`, `.env` or `default`; null when unset.
    pub source: Option<Source>,
    /// The variable name or `.env:LINE` the value was read from.
    pub origin: Option<String>,
    pub reason: Option<String>,
    pub description: Option<String>,
    /// What else to know (`env overrides .env:3`, `did you mean JWT_SECRET_KEY?`).
    pub note: Option<String>,
    /// Whether this entry makes the run fail.
    pub fails: bool,
}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub ok: usize,
    pub missing: usize,
    pub invalid: usize,
    pub default: usize,
    pub unknown: usize,
    pub empty: usize,
}

#[derive(Debug, Serialize)]
pub struct EnvReport {
    pub ok: bool,
    pub spec: String,
    pub env_file: Option<String>,
    pub strict: bool,
    pub summary: Summary,
    pub variables: Vec<VarReport>,
    pub warnings: Vec<String>,
    /// With --connect: each Redis and database tried (null without --connect).
    pub connections: Option<Vec<connect::ConnCheck>>,
    /// The dialect the `.env` was read in (null without a `.env`).
    pub dialect: Option<Dialect>,
    /// With --example: the keys the spec and the example do not share (null without).
    pub drift: Option<example::Drift>,
}

/// A value as the report shows it: masked when secret (a secret URL by the URL rule, see
/// `mask_secret`), and a URL's password masked always (`DATABASE_URL=mysql://app:pw@db` is not
/// named like a secret but holds one).
fn display_value(v: &str, secret: bool) -> String {
    if secret {
        mask::mask_secret(v)
    } else {
        mask::mask_url(v)
    }
}

/// Checks one spec variable against what the lookup found.
fn evaluate(var: &VarSpec, found: Lookup, strict: bool) -> VarReport {
    let shown = |v: &str| display_value(v, var.secret);
    let mut r = VarReport {
        name: var.name.clone(),
        level: var.level,
        status: Status::Ok,
        value: None,
        secret: var.secret,
        ty: var.ty.name(),
        source: None,
        origin: None,
        reason: None,
        description: var.description.clone(),
        note: None,
        fails: false,
    };
    let unset_fails = match var.level {
        Level::Required => true,
        Level::Recommended | Level::Example => strict,
        Level::Optional | Level::Unknown => false,
    };
    let not_set = |r: &mut VarReport, how: String| match &var.default {
        Some(d) => {
            r.status = Status::Default;
            r.value = Some(shown(d));
            r.source = Some(Source::Default);
            if !how.is_empty() {
                r.note = Some(how);
            }
        }
        None => {
            r.status = Status::Missing;
            r.fails = unset_fails;
            let what = match var.level {
                Level::Required => "required but not set",
                Level::Recommended => "recommended but not set",
                Level::Example => "in the example file but not set",
                _ => "not set",
            };
            r.reason = Some(if how.is_empty() {
                what.to_string()
            } else {
                format!("{what} ({how})")
            });
        }
    };
    match found {
        Lookup::Found(f) => {
            // A value read from a secret file is a secret, whatever its name says.
            if f.source == Source::File {
                r.secret = true;
            }
            let shown = |v: &str| display_value(v, r.secret);
            let value = f.value;
            r.value = Some(shown(&value));
            r.source = Some(f.source);
            r.origin = Some(f.origin);
            if let Err(reason) = check::check(var, &value) {
                r.status = Status::Invalid;
                r.fails = true;
                // Reasons may quote the value (as given or trimmed): it is replaced by what the
                // report shows of it, the mask for a secret, the masked URL for anything else.
                let masked = shown(&value);
                let r2 = reason.replace(&value, &masked);
                let t = value.trim();
                r.reason = Some(if t.is_empty() || t == masked {
                    r2
                } else {
                    r2.replace(t, &shown(t))
                });
            }
        }
        Lookup::Empty(f) => {
            // The application reads "" here, not a default: set but empty is its own finding.
            r.status = Status::Empty;
            r.value = Some(String::new());
            r.source = Some(f.source);
            r.reason = Some(format!("set but empty ({})", f.origin));
            r.origin = Some(f.origin);
            r.fails = unset_fails;
        }
        Lookup::Bare(origin) => not_set(
            &mut r,
            format!("{origin} names it without '=', which leaves it unset"),
        ),
        Lookup::Missing => not_set(&mut r, String::new()),
        Lookup::Refused(reason) => {
            r.status = Status::Invalid;
            r.fails = true;
            r.reason = Some(reason);
        }
    }
    r
}

/// A variable that is not named like a secret but holds one (`X=${REDIS_PASSWORD}`, a URL
/// built around a token) is shown masked too: its value contains the value of a secret.
fn hide_copies_of_secrets(variables: &mut [VarReport], vars: &crate::settings::Vars) {
    // Very short secrets would match by accident everywhere; they are masked whole anyway.
    let secrets: Vec<String> = variables
        .iter()
        .filter(|r| r.secret)
        .filter_map(|r| vars.value(&r.name))
        .filter(|v| v.chars().count() >= 6)
        .collect();
    if secrets.is_empty() {
        return;
    }
    // Secrets by byte length: each value is scanned once per distinct length with set
    // lookups, so a .env of 100,000 secrets and 100,000 other values stays linear (testing
    // every value against every secret took 22 s there).
    let mut by_len: std::collections::HashMap<usize, std::collections::HashSet<&[u8]>> =
        std::collections::HashMap::new();
    for s in &secrets {
        by_len.entry(s.len()).or_default().insert(s.as_bytes());
    }
    for r in variables.iter_mut().filter(|r| !r.secret) {
        let Some(raw) = vars.value(&r.name) else {
            continue;
        };
        let mut found: Vec<&[u8]> = Vec::new();
        for (len, set) in &by_len {
            found.extend(
                raw.as_bytes()
                    .windows(*len)
                    .filter_map(|w| set.get(w).copied()),
            );
        }
        if found.is_empty() {
            continue;
        }
        // The secret rule, and the copies cut out besides: the URL rule alone would show a
        // copy that sits under a parameter name it does not know.
        let mut shown = mask::mask_secret(&raw);
        for s in &found {
            if let Ok(s) = std::str::from_utf8(s) {
                shown = shown.replace(s, "****");
            }
        }
        r.value = Some(shown);
        r.secret = true;
        if let Some(reason) = &mut r.reason {
            for s in found {
                // A whole secret's bytes are whole characters of the value's UTF-8.
                if let Ok(s) = std::str::from_utf8(s) {
                    *reason = reason.replace(s, "****");
                }
            }
        }
    }
}

/// When the real environment and `.env` both set `name`, which one the application gets and
/// over what: `env overrides .env:3` (python-dotenv, dotenvy, compose), `.env:3 overrides
/// env` (`set -a; . ./.env`).
fn shadow_note(vars: &crate::settings::Vars, name: &str, source: Option<Source>) -> Option<String> {
    vars.process.get(name)?;
    let o = vars.from_file(name)?.origin;
    match source? {
        Source::Env => Some(format!("env overrides {o}")),
        Source::DotEnv => Some(format!(
            "{o} overrides env (set -a; . ./.env assigns over it)"
        )),
        _ => None,
    }
}

/// Builds the whole report, and the values the application's environment gains beyond the
/// real environment and `.env` (spec defaults, secrets read from files). Pure but for reading
/// the secret files.
pub fn build_report(
    spec: &Spec,
    vars: &crate::settings::Vars,
    example: Option<&DotEnv>,
    args: &CheckArgs,
    secrets_dir: Option<&std::path::Path>,
) -> (EnvReport, Vec<(String, String)>) {
    let mut warnings = Vec::new();
    let mut extra = Vec::new();
    let dotenv_origin = |name: &str| {
        let d = vars.dotenv.as_ref()?;
        let e = d.get(name)?;
        e.value.as_ref()?;
        Some(format!("{}:{}", d.path.display(), e.line))
    };
    let mut variables: Vec<VarReport> = Vec::with_capacity(spec.vars.len());
    let declared = |n: &str| spec.vars.iter().any(|v| v.name == n);
    for v in &spec.vars {
        let found = resolve::lookup(v, vars, secrets_dir, &declared, &mut warnings);
        match &found {
            // An empty secret file is validated as "" and so passed on as "".
            Lookup::Found(f) | Lookup::Empty(f) if f.source == Source::File => {
                extra.push((v.name.clone(), f.value.clone()));
            }
            Lookup::Missing | Lookup::Bare(_) => {
                if let Some(d) = &v.default {
                    extra.push((v.name.clone(), d.clone()));
                }
            }
            _ => {}
        }
        let mut r = evaluate(v, found, args.strict);
        if let Some(note) = shadow_note(vars, &v.name, r.source) {
            r.note = Some(note);
        }
        variables.push(r);
    }
    let known: BTreeSet<&str> = spec.vars.iter().map(|v| v.name.as_str()).collect();
    let lookup = |name: &str| vars.get(name).map(|s| (s.value, s.source, s.origin));

    if let Some(ex) = example {
        let mut seen = BTreeSet::new();
        for e in &ex.entries {
            if known.contains(e.key.as_str()) || !seen.insert(e.key.clone()) {
                continue;
            }
            let var = VarSpec {
                name: e.key.clone(),
                level: Level::Example,
                ty: spec::VarType::String,
                secret: mask::name_looks_secret(&e.key),
                default: None,
                description: Some(format!("{}:{}", ex.path.display(), e.line)),
                min_length: None,
                max_length: None,
                pattern: None,
                min: None,
                max: None,
                commands: Vec::new(),
                file_mode: Default::default(),
            };
            let found = resolve::lookup(&var, vars, secrets_dir, &declared, &mut warnings);
            variables.push(evaluate(&var, found, args.strict));
        }
    }
    let drift = example.map(|ex| example::drift(spec, ex));
    if let Some(d) = &drift {
        warnings.extend(d.warnings());
    }

    if let Some(d) = &vars.dotenv {
        let in_example: BTreeSet<&str> = example
            .map(|ex| ex.entries.iter().map(|e| e.key.as_str()).collect())
            .unwrap_or_default();
        let mut unknown: Vec<_> = d
            .effective()
            .into_values()
            .filter(|e| !known.contains(e.key.as_str()) && !in_example.contains(e.key.as_str()))
            // `VAR_FILE` of a spec variable is how that variable is given.
            .filter(|e| {
                e.key
                    .strip_suffix("_FILE")
                    .is_none_or(|base| !known.contains(base))
            })
            .collect();
        unknown.sort_by_key(|e| e.line);
        // A word without `=` may be a secret pasted alone on a line: named by its line only.
        let (bare, unknown): (Vec<_>, Vec<_>) =
            unknown.into_iter().partition(|e| e.value.is_none());
        for e in bare {
            warnings.push(format!(
                "{}:{}: a key without '=' that the spec does not name ({} leaves it unset; its text is not shown, it may be a secret)",
                d.path.display(),
                e.line,
                match d.dialect {
                    Dialect::Shell => "bash",
                    Dialect::Compose => "compose",
                    _ => "python-dotenv",
                }
            ));
        }
        let near = suggest::Near::new(known.iter().copied());
        for e in unknown {
            let secret = mask::name_looks_secret(&e.key);
            let (value, source, origin) = lookup(&e.key).unwrap_or_else(|| {
                (
                    String::new(),
                    Source::DotEnv,
                    format!("{}:{}", d.path.display(), e.line),
                )
            });
            let mut reason = "set in .env but not in the spec".to_string();
            if let Some(m) = near.behind_bom(&e.key) {
                reason.push_str(&format!(
                    "; did you mean {m}? The file starts with a byte-order mark (U+FEFF), which {} reads as part of this first key: save the file without it",
                    d.dialect.reader()
                ));
            } else if let Some(m) = near.closest(&e.key) {
                reason.push_str(&format!("; did you mean {m}?"));
            }
            variables.push(VarReport {
                name: e.key.clone(),
                level: Level::Unknown,
                status: Status::Unknown,
                value: Some(display_value(&value, secret)),
                secret,
                ty: "string",
                source: Some(source),
                origin: Some(origin),
                reason: Some(reason),
                description: None,
                note: None,
                fails: args.deny_unknown,
            });
        }
        // A missing variable whose near-twin is set: the likely typo, named on both sides.
        let unknown_names: Vec<String> = variables
            .iter()
            .filter(|v| v.status == Status::Unknown)
            .map(|v| v.name.clone())
            .collect();
        if !unknown_names.is_empty() && unknown_names.len() <= 10_000 {
            let near = suggest::Near::new(unknown_names.iter().map(String::as_str));
            for v in variables.iter_mut().filter(|v| v.status == Status::Missing) {
                let behind_bom = format!("{}{}", suggest::BOM, v.name);
                if unknown_names.contains(&behind_bom) {
                    let o = dotenv_origin(&behind_bom).unwrap_or_default();
                    v.note = Some(format!(
                        "set ({o}) behind a byte-order mark, which {} makes part of the name",
                        d.dialect.reader()
                    ));
                } else if let Some(m) = near.closest(&v.name) {
                    let o = dotenv_origin(m).unwrap_or_default();
                    v.note = Some(format!("{m} is set ({o}): a typo?"));
                }
            }
        }
        for lint in &d.lints {
            warnings.push(format!(
                "{}:{}: {}",
                d.path.display(),
                lint.line,
                lint.message
            ));
        }
    }

    hide_copies_of_secrets(&mut variables, vars);
    let mut summary = Summary::default();
    for v in &variables {
        match v.status {
            Status::Ok => summary.ok += 1,
            Status::Missing => summary.missing += 1,
            Status::Invalid => summary.invalid += 1,
            Status::Default => summary.default += 1,
            Status::Unknown => summary.unknown += 1,
            Status::Empty => summary.empty += 1,
        }
    }
    let report = EnvReport {
        // Under --strict the .env lint findings fail the run too.
        ok: !variables.iter().any(|v| v.fails) && (!args.strict || warnings.is_empty()),
        spec: spec.origin.clone(),
        env_file: vars.dotenv.as_ref().map(|d| d.path.display().to_string()),
        strict: args.strict,
        summary,
        variables,
        warnings,
        connections: None,
        dialect: vars.dotenv.as_ref().map(|d| d.dialect),
        drift,
    };
    (report, extra)
}

impl EnvReport {
    fn summary_line(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let verdict = if self.ok {
            ui.paint("OK").green().bold()
        } else {
            ui.paint("FAILED").red().bold()
        };
        let s = &self.summary;
        writeln!(
            w,
            "{verdict}: {} ok, {} default, {} missing, {} invalid, {} unknown{} (spec: {}{})",
            s.ok,
            s.default,
            s.missing,
            s.invalid,
            s.unknown,
            if s.empty > 0 {
                format!(", {} empty", s.empty)
            } else {
                String::new()
            },
            escape_str(&self.spec),
            self.env_file
                .as_deref()
                .map(|f| format!(", env file: {}", escape_str(f)))
                .unwrap_or_default()
        )
    }

    fn rows_table(&self, w: &mut dyn Write, ui: &Ui, only_failing: bool) -> io::Result<()> {
        for level in [
            Level::Required,
            Level::Recommended,
            Level::Optional,
            Level::Example,
            Level::Unknown,
        ] {
            let rows: Vec<&VarReport> = self
                .variables
                .iter()
                .filter(|v| v.level == level && (v.fails || !only_failing))
                .collect();
            if rows.is_empty() {
                continue;
            }
            writeln!(w, "\n{} ({})", ui.paint(level.name()).bold(), rows.len())?;
            let mut t = ui.table();
            t.set_header(vec!["status", "variable", "value", "source", "note"]);
            // A value (a long URL, a CJK text) is cut to the terminal with `…` (`--wide` shows
            // it whole); a note says why a variable failed and is wrapped, never cut.
            t.set_kinds(&[
                Kind::Token,
                Kind::Token,
                Kind::Text,
                Kind::Token,
                Kind::Wrap,
            ]);
            for v in rows {
                let status = v.status.name();
                let status = match (v.status, v.fails) {
                    (_, true) => ui.paint(status).red().bold().to_string(),
                    (Status::Ok, _) => ui.paint(status).green().to_string(),
                    (Status::Default, _) => ui.paint(status).cyan().to_string(),
                    _ => ui.paint(status).yellow().to_string(),
                };
                let source = match (&v.source, &v.origin) {
                    (Some(Source::DotEnv | Source::File), Some(o)) => o.clone(),
                    (Some(s), _) => s.to_string(),
                    (None, _) => "-".into(),
                };
                let note = match (&v.reason, &v.note) {
                    (Some(r), Some(n)) => format!("{r}; {n}"),
                    (Some(r), None) => r.clone(),
                    (None, Some(n)) => n.clone(),
                    (None, None) => v.description.clone().unwrap_or_default(),
                };
                // Names, values, paths and reasons come from files: escaped for the terminal.
                t.add_row(vec![
                    Cell::new(status),
                    Cell::new(escape_str(&v.name)),
                    Cell::new(escape_str(v.value.as_deref().unwrap_or("-"))),
                    Cell::new(escape_str(&source)),
                    Cell::new(escape_str(&note)),
                ]);
            }
            writeln!(w, "{t}")?;
        }
        if let Some(conns) = &self.connections {
            writeln!(w, "\n{} ({})", ui.paint("connections").bold(), conns.len())?;
            let mut t = ui.table();
            t.set_header(vec!["status", "variables", "target", "note"]);
            for c in conns {
                let status = if c.ok {
                    ui.paint("ok").green().to_string()
                } else {
                    ui.paint("failed").red().bold().to_string()
                };
                let mut note = c.reason.clone().unwrap_or_default();
                let allowed: Vec<&str> = c
                    .commands
                    .iter()
                    .filter(|x| x.allowed == Some(true))
                    .map(|x| x.command.as_str())
                    .collect();
                if c.ok && !allowed.is_empty() {
                    note = format!("commands allowed: {}", allowed.join(", "));
                }
                if let Some(n) = &c.note {
                    note = if note.is_empty() {
                        n.clone()
                    } else {
                        format!("{note}; {n}")
                    };
                }
                t.add_row(vec![
                    Cell::new(status),
                    Cell::new(escape_str(&c.variables)),
                    Cell::new(escape_str(&c.target)),
                    Cell::new(escape_str(&note)),
                ]);
            }
            writeln!(w, "{t}")?;
        }
        for warning in &self.warnings {
            writeln!(
                w,
                "{} {}",
                ui.paint("warning:").yellow(),
                escape_str(warning)
            )?;
        }
        Ok(())
    }
}

impl crate::output::Formats for EnvReport {}

impl Render for EnvReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        self.summary_line(w, ui)?;
        self.rows_table(w, ui, false)
    }

    fn problems_table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        self.summary_line(w, ui)?;
        self.rows_table(w, ui, true)
    }

    fn ndjson_items(&self) -> Vec<serde_json::Value> {
        // Variables first, then (with --connect) one line per connection tried.
        let conns = self.connections.iter().flatten();
        self.variables
            .iter()
            .filter_map(|v| serde_json::to_value(v).ok())
            .chain(conns.filter_map(|c| serde_json::to_value(c).ok()))
            .collect()
    }
}

/// Tries every connection the variables name (`--connect`), on a runtime of its own: the rest
/// of validate-env never touches the network.
/// The targets come from the validated values: the real environment, `.env`, and `extra`
/// (secrets read from `*_FILE` or `secrets_dir`, spec defaults), as the application gets them.
fn connections(
    ctx: &Ctx,
    spec: &Spec,
    extra: &[(String, String)],
    wait: std::time::Duration,
) -> anyhow::Result<Vec<connect::ConnCheck>> {
    let r = &ctx.settings.redis;
    let base = crate::redis::Auth::transport(r, r.tls_setting);
    let mut vars = ctx.settings.vars.clone();
    for (k, v) in extra {
        if vars.get(k).is_none() {
            vars.process.insert(k.clone(), v.clone());
        }
    }
    let planned = connect::plan(spec, &vars, &base);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // Ctrl-C (or SIGTERM) while the services are tried ends the run as `wait` ends: exit 130,
    // said as an interruption, not as the failed check the unfinished attempts would read as.
    rt.block_on(async {
        tokio::select! {
            r = connect::run(planned, wait, r.timeout.value) => Ok(r),
            () = crate::signal::interrupted() => Err(crate::exit::Coded {
                status: crate::exit::ExitStatus::Interrupted,
                message: "interrupted while connecting to the services".into(),
            }
            .into()),
        }
    })
}

/// The spec to check against: `--spec`, the levels of the config's `env:` section, else the
/// built-in one. Finding none says so on stderr even under -q when there is no `.env` either
/// (the gate then checked nothing of the application), and is a usage error under
/// `--require-spec`.
pub fn find_spec(ctx: &Ctx, check: &CheckArgs) -> anyhow::Result<Spec> {
    // A ./.env that is there but was not read is said first, even under -q.
    if let Some(why) = &ctx.settings.env_file_skipped {
        ctx.out.warn(escape_str(why));
    }
    let section = ctx.settings.section("env").filter(|v| {
        v.as_mapping().is_some_and(|m| {
            m.keys().any(|k| {
                let k = crate::settings::yaml::scalar_text(k).unwrap_or_default();
                !spec::SETTINGS.contains(&k.as_str())
            })
        })
    });
    match (&check.spec, section) {
        (Some(path), _) => return spec::load_file(path),
        (None, Some(section)) => {
            let cfg = ctx.settings.config.as_ref();
            let origin = cfg
                .map(|c| c.path.display().to_string())
                .unwrap_or_default();
            return spec::from_value(section, &origin, cfg.map(|c| c.text.as_str()));
        }
        (None, None) => {}
    }
    let s = &ctx.settings;
    let dir = std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|_| "?".into());
    let config = match &s.config {
        Some(c) => format!("{} (it has no env: levels)", c.path.display()),
        None if s.config_searched.is_empty() => "no config".into(),
        None => format!(
            "no config on the search path ({})",
            s.config_searched
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let what = format!(
        "no spec found from {dir}: no --spec, {config}; only the built-in REDIS_* variables are checked"
    );
    if s.require_spec.value {
        let by = match s.require_spec.source {
            Source::Flag => "--require-spec".to_string(),
            _ => s.require_spec.origin.clone(),
        };
        return Err(crate::exit::usage(format!("{what} (refused by {by})")));
    }
    if s.vars.dotenv.is_none() {
        ctx.out.warn(escape_str(&format!(
            "{what}, and no .env was found ({}): the application's variables were not checked",
            match &s.env_file_origin {
                Some(o) => o.clone(),
                None => format!(
                    "looked for {}",
                    std::path::Path::new(&dir).join(".env").display()
                ),
            }
        )));
    }
    Ok(spec::builtin())
}

/// The report (with `connect`, the connections tried, retried for up to the duration) and
/// the values the application's environment gains beyond the real environment and `.env`.
pub fn check(
    ctx: &Ctx,
    spec: &Spec,
    check: &CheckArgs,
    example: Option<&DotEnv>,
    connect: Option<std::time::Duration>,
) -> anyhow::Result<(EnvReport, Vec<(String, String)>)> {
    let secrets_dir = ctx.settings.secrets_dir.as_ref().map(|s| s.value.clone());
    if let Some(d) = &secrets_dir
        && !d.is_dir()
    {
        return Err(crate::exit::usage(format!(
            "env.secrets_dir {}: not a directory",
            d.display()
        )));
    }
    let (mut report, extra) = build_report(
        spec,
        &ctx.settings.vars,
        example,
        check,
        secrets_dir.as_deref(),
    );
    if let Some(wait) = connect {
        if report.ok {
            let conns = connections(ctx, spec, &extra, wait)?;
            report.ok = conns.iter().all(|c| c.ok);
            report.connections = Some(conns);
        } else {
            report.connections = Some(Vec::new());
            report
                .warnings
                .push("--connect: nothing tried, the variables failed their checks".into());
        }
    }
    Ok((report, extra))
}

/// The environment the application starts with: the real one, the `.env` values (over the
/// real ones where the dialect's reader assigns over them, as `Vars::get` decides), then
/// `extra` (spec defaults, secrets from files) where still unset.
pub fn environment(
    vars: &crate::settings::Vars,
    extra: Vec<(String, String)>,
) -> Vec<(std::ffi::OsString, std::ffi::OsString)> {
    use std::ffi::OsString;
    let mut env: Vec<(OsString, OsString)> = std::env::vars_os().collect();
    let mut at: std::collections::HashMap<OsString, usize> = env
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k.clone(), i))
        .collect();
    let file_wins = vars.dotenv.as_ref().is_some_and(|d| d.dialect.file_wins());
    let mut from_file: Vec<_> = vars
        .dotenv
        .iter()
        .flat_map(|d| {
            d.effective()
                .into_values()
                .filter_map(|e| Some((e.line, e.key.clone(), e.value.clone()?)))
                .collect::<Vec<_>>()
        })
        .collect();
    from_file.sort();
    let from_file = from_file.into_iter().map(|(_, k, v)| (k, v, file_wins));
    let extra = extra.into_iter().map(|(k, v)| (k, v, false));
    for (k, v, wins) in from_file.chain(extra) {
        let k = OsString::from(k);
        match at.get(&k) {
            Some(&i) if wins => env[i].1 = v.into(),
            Some(_) => {}
            None => {
                at.insert(k.clone(), env.len());
                env.push((k, v.into()));
            }
        }
    }
    env
}

/// The `.env` as the dialect read it, values unmasked (`REDKIT_PRINT_DOTENV=1`).
fn print_dotenv(ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let d = ctx.settings.vars.dotenv.as_ref();
    let mut values = serde_json::Map::new();
    let mut lines = serde_json::Map::new();
    for e in d.map(|d| d.entries.as_slice()).unwrap_or_default() {
        values.insert(e.key.clone(), e.value.clone().into());
        lines.insert(e.key.clone(), e.line.into());
    }
    ctx.out.line(&serde_json::json!({
        "dialect": ctx.settings.dotenv_dialect.value,
        "path": d.map(|d| d.path.display().to_string()),
        "values": values,
        "lines": lines,
    }))?;
    Ok(ExitStatus::Success)
}

/// The JSON document of a run that stopped at an error (a malformed `.env`, a bad spec, a
/// server that cannot be reached): `ok` false, no `variables`, and the `error` with its exit
/// code and, for a `.env` statement, its file and line. The message is the stderr line's.
pub fn error_document(err: &anyhow::Error) -> serde_json::Value {
    let (file, line) = crate::exit::location(err).unzip();
    serde_json::json!({
        "ok": false,
        "error": {
            "message": format!("{err:#}"),
            "exit_code": crate::exit::classify(err).code(),
            "file": file,
            "line": line,
        },
        "variables": [],
        "warnings": [],
    })
}

/// `result`, and with `--format json` or `ndjson`, an error's JSON document on stdout
/// (stderr still gets the one-line error and the exit code stays the error's).
pub fn or_error_document(
    result: anyhow::Result<ExitStatus>,
    opts: &crate::output::OutputOptions,
) -> anyhow::Result<ExitStatus> {
    use crate::output::Format;
    if let Err(e) = &result
        && matches!(opts.format, Some(Format::Json | Format::Ndjson))
        && !crate::output::is_broken_pipe(e)
    {
        crate::output::Output::new(opts, Format::Table).line(&error_document(e))?;
    }
    result
}

pub fn run(ctx: &Ctx, args: &ValidateEnvArgs) -> anyhow::Result<ExitStatus> {
    // Only a debug build (the test suite's) has the hook: a release binary never prints the
    // `.env` unmasked, whatever its environment holds.
    if cfg!(debug_assertions) && std::env::var_os(PRINT_DOTENV).is_some_and(|v| v == "1") {
        return print_dotenv(ctx);
    }
    let spec = find_spec(ctx, &args.check)?;
    if let Some(path) = &args.write_example {
        if path.as_os_str() != "-" {
            example::may_replace(path)?;
        }
        crate::output::write_atomic(path, example::write(&spec).as_bytes())?;
        ctx.out.note(escape_str(&format!(
            "wrote {} ({} variables from {})",
            path.display(),
            spec.vars.len(),
            spec.origin
        )));
        return Ok(ExitStatus::Success);
    }
    let example = match &args.example {
        Some(p) => {
            // Not `is_file`: `--example /dev/null` (an empty example) is fine.
            if !p.exists() || p.is_dir() {
                return Err(crate::exit::usage(format!(
                    "--example {}: no such file",
                    p.display()
                )));
            }
            Some(DotEnv::load_any(p, ctx.settings.dotenv_dialect.value)?)
        }
        None => None,
    };
    let connect = args.connect.then(|| args.wait.unwrap_or_default());
    let (report, _) = check(ctx, &spec, &args.check, example.as_ref(), connect)?;
    ctx.out.emit_outcome(&report, report.ok)?;
    // `-q` is silent only when nothing is wrong: a run that passes with warnings (a secret
    // file readable by others, a duplicate key) still says them, on stderr, as `run` does.
    if ctx.out.quiet && report.ok {
        for w in &report.warnings {
            ctx.out.warn(escape_str(w));
        }
    }
    Ok(problem_if(!report.ok))
}

#[cfg(test)]
mod tests {
    use super::connect::{CommandCheck, ConnCheck, Kind};
    use super::*;

    fn var(name: &str, level: Level, status: Status, value: Option<&str>) -> VarReport {
        VarReport {
            name: name.into(),
            level,
            status,
            value: value.map(str::to_string),
            secret: false,
            ty: "string",
            source: value.map(|_| Source::DotEnv),
            origin: value.map(|_| ".env:3".to_string()),
            reason: (status == Status::Missing).then(|| "required, not set".to_string()),
            description: Some("the queue".into()),
            note: None,
            fails: status == Status::Missing,
        }
    }

    fn report() -> EnvReport {
        EnvReport {
            ok: false,
            spec: "redkit.yaml".into(),
            env_file: Some(".env".into()),
            strict: false,
            summary: Summary {
                ok: 1,
                missing: 1,
                ..Summary::default()
            },
            variables: vec![
                var("REDIS_URL", Level::Required, Status::Missing, None),
                var("QUEUE", Level::Optional, Status::Ok, Some("jobs")),
            ],
            warnings: vec![".env:7: duplicate key QUEUE".into()],
            connections: Some(vec![ConnCheck {
                variables: "REDIS_URL".into(),
                kind: Kind::Redis,
                target: "redis://cache:6379".into(),
                ok: true,
                reason: None,
                commands: vec![CommandCheck {
                    command: "XADD".into(),
                    allowed: Some(true),
                    reason: None,
                }],
                note: None,
            }]),
            dialect: Some(Dialect::Python),
            drift: None,
        }
    }

    #[test]
    fn table_has_the_verdict_then_one_section_per_level() {
        let text = crate::cmd::table_of(&report());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "FAILED: 1 ok, 0 default, 1 missing, 0 invalid, 0 unknown (spec: redkit.yaml, env file: .env)"
        );
        assert!(
            lines.contains(&"required (1)") && lines.contains(&"optional (1)"),
            "{text}"
        );
        let missing = lines
            .iter()
            .find(|l| l.contains("REDIS_URL "))
            .expect("REDIS_URL");
        assert!(
            missing.contains("missing") && missing.contains("required, not set"),
            "{text}"
        );
        let ok = lines
            .iter()
            .find(|l| l.contains("QUEUE") && l.contains("jobs"))
            .expect("QUEUE");
        assert!(ok.contains(".env:3") && ok.contains("the queue"), "{text}");
        assert!(lines.contains(&"connections (1)"), "{text}");
        let conn = lines
            .iter()
            .find(|l| l.contains("redis://cache:6379"))
            .expect("conn");
        assert!(
            conn.contains("ok") && conn.contains("commands allowed: XADD"),
            "{text}"
        );
        assert_eq!(lines.last(), Some(&"warning: .env:7: duplicate key QUEUE"));
    }

    /// A name behind a byte-order mark (or with a zero-width space) is shown escaped, and the
    /// columns are laid out by the escaped text: the value column starts at the same display
    /// column in the header and in every row.
    #[test]
    fn invisible_characters_are_shown_escaped_and_the_columns_stay_aligned() {
        let mut r = report();
        r.connections = None;
        r.variables = vec![
            var(
                "\u{feff}JWT_SECRET_KEY",
                Level::Unknown,
                Status::Unknown,
                Some("v1"),
            ),
            var("A\u{200b}B", Level::Unknown, Status::Unknown, Some("v2")),
            var("PLAIN", Level::Unknown, Status::Unknown, Some("v3")),
        ];
        let text = crate::cmd::table_of(&r);
        assert!(
            text.contains("\\u{feff}JWT_SECRET_KEY") && text.contains("A\\u{200b}B"),
            "{text}"
        );
        assert!(
            !text.contains('\u{feff}') && !text.contains('\u{200b}'),
            "{text}"
        );
        let column = |line: &str, word: &str| {
            let at = line
                .find(word)
                .unwrap_or_else(|| panic!("{word} in {line}"));
            crate::output::width::width(&line[..at])
        };
        let header = text.lines().find(|l| l.contains("variable")).unwrap();
        let start = column(header, "value");
        for v in ["v1", "v2", "v3"] {
            let row = text.lines().find(|l| l.contains(v)).unwrap();
            assert_eq!(column(row, v), start, "{text}");
        }
    }

    #[test]
    fn problems_table_keeps_only_the_failing_rows() {
        let text = crate::cmd::problems_table_of(&report());
        assert!(
            text.contains("REDIS_URL") && text.contains("required (1)"),
            "{text}"
        );
        assert!(
            !text.contains("optional (1)") && !text.contains("jobs"),
            "{text}"
        );
    }
}
