//! `redkit validate-env`: the environment and `.env` checked against a spec before start-up.

mod acl;
pub mod check;
pub mod connect;
pub mod spec;
pub mod var;

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use comfy_table::Cell;
use serde::Serialize;

use crate::cmd::{Ctx, problem_if};
use crate::exit::ExitStatus;
use crate::output::{Render, Ui};
use crate::secret::mask;
use crate::settings::{DotEnv, Source};
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

#[derive(Debug, Args)]
pub struct ValidateEnvArgs {
    /// Spec file (YAML with required/recommended/optional, or an env: section)
    #[arg(long, value_name = "FILE")]
    pub spec: Option<PathBuf>,

    /// Also report keys of this .env.example that are not set
    #[arg(long, value_name = "FILE")]
    pub example: Option<PathBuf>,

    /// Fail on missing recommended variables, missing --example keys, and .env lint findings
    /// (duplicate keys, spaces around '=', lowercase names, unquoted trailing whitespace)
    #[arg(long)]
    pub strict: bool,

    /// Fail on variables set in .env that the spec does not know
    #[arg(long)]
    pub deny_unknown: bool,

    /// Once the spec passes, connect to every Redis and database the variables name
    /// (authenticate, PING / SELECT 1; ACL DRYRUN of a spec's `commands`)
    #[arg(long)]
    pub connect: bool,

    /// With --connect: retry connections that are not there yet (refused, unreachable,
    /// LOADING, a missing SQLite file) for up to DUR; an answer that says no is not retried
    #[arg(long, value_name = "DUR", requires = "connect", value_parser = crate::duration::clap_parse)]
    pub wait: Option<std::time::Duration>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Missing,
    Invalid,
    Default,
    Unknown,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Missing => "missing",
            Status::Invalid => "invalid",
            Status::Default => "default",
            Status::Unknown => "unknown",
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

/// Checks one spec variable against the environment and `.env`.
fn evaluate(var: &VarSpec, found: Option<(String, Source, String)>, strict: bool) -> VarReport {
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
        fails: false,
    };
    // An empty value counts as unset, as in the application's own checker.
    match found.filter(|(v, _, _)| !v.is_empty()) {
        Some((value, source, origin)) => {
            r.value = Some(shown(&value));
            r.source = Some(source);
            r.origin = Some(origin);
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
        None => match &var.default {
            Some(d) => {
                r.status = Status::Default;
                r.value = Some(shown(d));
                r.source = Some(Source::Default);
            }
            None => {
                r.status = Status::Missing;
                r.fails = match var.level {
                    Level::Required => true,
                    Level::Recommended | Level::Example => strict,
                    Level::Optional | Level::Unknown => false,
                };
                r.reason = Some(match var.level {
                    Level::Required => "required but not set".into(),
                    Level::Recommended => "recommended but not set".into(),
                    Level::Example => "in the example file but not set".into(),
                    _ => "not set".into(),
                });
            }
        },
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

/// Builds the whole report. Pure: the inputs are the spec, the variables and the flags.
pub fn build_report(
    spec: &Spec,
    vars: &crate::settings::Vars,
    example: Option<&DotEnv>,
    args: &ValidateEnvArgs,
) -> EnvReport {
    let lookup = |name: &str| vars.get(name).map(|s| (s.value, s.source, s.origin));
    let mut variables: Vec<VarReport> = spec
        .vars
        .iter()
        .map(|v| evaluate(v, lookup(&v.name), args.strict))
        .collect();
    let known: BTreeSet<&str> = spec.vars.iter().map(|v| v.name.as_str()).collect();
    let mut warnings = Vec::new();

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
            };
            let r = evaluate(&var, lookup(&e.key), args.strict);
            variables.push(r);
        }
    }

    if let Some(d) = &vars.dotenv {
        let in_example: BTreeSet<&str> = example
            .map(|ex| ex.entries.iter().map(|e| e.key.as_str()).collect())
            .unwrap_or_default();
        let mut unknown: Vec<_> = d
            .effective()
            .into_values()
            .filter(|e| !known.contains(e.key.as_str()) && !in_example.contains(e.key.as_str()))
            .collect();
        unknown.sort_by_key(|e| e.line);
        for e in unknown {
            let secret = mask::name_looks_secret(&e.key);
            let (value, source, origin) =
                lookup(&e.key).unwrap_or_else(|| (String::new(), Source::DotEnv, String::new()));
            variables.push(VarReport {
                name: e.key.clone(),
                level: Level::Unknown,
                status: Status::Unknown,
                value: Some(display_value(&value, secret)),
                secret,
                ty: "string",
                source: Some(source),
                origin: Some(origin),
                reason: Some("set in .env but not in the spec".into()),
                description: None,
                fails: args.deny_unknown,
            });
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
        }
    }
    EnvReport {
        // Under --strict the .env lint findings fail the run too.
        ok: !variables.iter().any(|v| v.fails) && (!args.strict || warnings.is_empty()),
        spec: spec.origin.clone(),
        env_file: vars.dotenv.as_ref().map(|d| d.path.display().to_string()),
        strict: args.strict,
        summary,
        variables,
        warnings,
        connections: None,
    }
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
            "{verdict}: {} ok, {} default, {} missing, {} invalid, {} unknown (spec: {}{})",
            s.ok,
            s.default,
            s.missing,
            s.invalid,
            s.unknown,
            self.spec,
            self.env_file
                .as_deref()
                .map(|f| format!(", env file: {f}"))
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
            for v in rows {
                let status = v.status.name();
                let status = match (v.status, v.fails) {
                    (_, true) => ui.paint(status).red().bold().to_string(),
                    (Status::Ok, _) => ui.paint(status).green().to_string(),
                    (Status::Default, _) => ui.paint(status).cyan().to_string(),
                    _ => ui.paint(status).yellow().to_string(),
                };
                let source = match (&v.source, &v.origin) {
                    (Some(Source::DotEnv), Some(o)) => o.clone(),
                    (Some(s), _) => s.to_string(),
                    (None, _) => "-".into(),
                };
                let note = v
                    .reason
                    .clone()
                    .or_else(|| v.description.clone())
                    .unwrap_or_default();
                t.add_row(vec![
                    Cell::new(status),
                    Cell::new(&v.name),
                    Cell::new(v.value.as_deref().unwrap_or("-")),
                    Cell::new(source),
                    Cell::new(note),
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
                    Cell::new(&c.variables),
                    Cell::new(&c.target),
                    Cell::new(note),
                ]);
            }
            writeln!(w, "{t}")?;
        }
        for warning in &self.warnings {
            writeln!(w, "{} {warning}", ui.paint("warning:").yellow())?;
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
fn connections(
    ctx: &Ctx,
    spec: &Spec,
    args: &ValidateEnvArgs,
) -> anyhow::Result<Vec<connect::ConnCheck>> {
    let r = &ctx.settings.redis;
    let base = crate::redis::Auth::transport(r, r.tls_setting);
    let planned = connect::plan(spec, &ctx.settings.vars, &base);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    Ok(rt.block_on(connect::run(
        planned,
        args.wait.unwrap_or_default(),
        r.timeout.value,
    )))
}

pub fn run(ctx: &Ctx, args: &ValidateEnvArgs) -> anyhow::Result<ExitStatus> {
    let spec = match (&args.spec, ctx.settings.section("env")) {
        (Some(path), _) => spec::load_file(path)?,
        (None, Some(section)) => {
            let cfg = ctx.settings.config.as_ref();
            let origin = cfg
                .map(|c| c.path.display().to_string())
                .unwrap_or_default();
            spec::from_value(section, &origin, cfg.map(|c| c.text.as_str()))?
        }
        (None, None) => spec::builtin(),
    };
    let example = match &args.example {
        Some(p) => {
            // Not `is_file`: `--example /dev/null` (an empty example) is fine.
            if !p.exists() || p.is_dir() {
                return Err(crate::exit::usage(format!(
                    "--example {}: no such file",
                    p.display()
                )));
            }
            Some(DotEnv::load(p, ctx.settings.dotenv_dialect.value)?)
        }
        None => None,
    };
    let mut report = build_report(&spec, &ctx.settings.vars, example.as_ref(), args);
    if args.connect {
        if report.ok {
            let conns = connections(ctx, &spec, args)?;
            report.ok = conns.iter().all(|c| c.ok);
            report.connections = Some(conns);
        } else {
            report.connections = Some(Vec::new());
            report
                .warnings
                .push("--connect: nothing tried, the variables failed their checks".into());
        }
    }
    ctx.out.emit_outcome(&report, report.ok)?;
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
