//! The validate-env spec: levels, variables and their typed rules, read from YAML.

use std::path::Path;
use std::sync::Arc;

use regex::Regex;
use serde_yaml::Value;

use crate::exit;
use crate::secret::mask;
use crate::settings::yaml;

pub use super::var::{FileMode, Level, Spec, VarSpec, VarType};

const RULES: [&str; 13] = [
    "type",
    "secret",
    "default",
    "description",
    "min_length",
    "max_length",
    "pattern",
    "min",
    "max",
    "values",
    "schemes",
    "commands",
    "file_mode",
];

/// Settings that live in the `env:` section beside the levels (`settings::keys`).
pub const SETTINGS: [&str; 3] = ["dotenv_dialect", "require_spec", "secrets_dir"];

/// The spec used on a bare machine: the application's Redis variables, all optional.
pub fn builtin() -> Spec {
    let var = |name: &str, ty: VarType, default: Option<&str>, description: &str| VarSpec {
        name: name.into(),
        level: Level::Optional,
        secret: mask::name_looks_secret(name),
        ty,
        default: default.map(str::to_string),
        description: Some(description.into()),
        min_length: None,
        max_length: None,
        pattern: None,
        min: None,
        max: None,
        commands: Vec::new(),
        file_mode: FileMode::FirstLine,
    };
    let mut db = var("REDIS_DB", VarType::Int, Some("0"), "database number");
    db.min = Some(0.0);
    let mut maxconn = var(
        "REDIS_MAX_CONNECTIONS",
        VarType::Int,
        Some("10"),
        "connection pool size",
    );
    maxconn.min = Some(1.0);
    Spec {
        origin: "built-in".into(),
        vars: vec![
            var("REDIS_URL", VarType::RedisUrl, None, "full connection URL"),
            var(
                "REDIS_HOST",
                VarType::String,
                Some("localhost"),
                "Redis host",
            ),
            var("REDIS_PORT", VarType::Port, Some("6379"), "Redis port"),
            db,
            var("REDIS_USERNAME", VarType::String, None, "ACL user"),
            var("REDIS_PASSWORD", VarType::String, None, "Redis password"),
            maxconn,
        ],
    }
}

/// Reads a spec file: either a document with an `env:` section or the levels at the top.
pub fn load_file(path: &Path) -> anyhow::Result<Spec> {
    let text = crate::files::read_text(path, crate::files::TEXT)
        .map_err(|e| exit::usage(format!("{}: cannot read spec: {e}", path.display())))?;
    let root = yaml::parse(path, &text)?;
    // The section by reference: a copy of a spec of hundreds of variables cost as much as
    // parsing it.
    let section = root.get("env").unwrap_or(&root);
    from_value(section, &path.display().to_string(), Some(&text))
}

/// Builds a spec from the `env:` mapping. `text` (the file), when given, lets errors name a line.
pub fn from_value(v: &Value, origin: &str, text: Option<&str>) -> anyhow::Result<Spec> {
    // Key → first line, built once: specs run to hundreds of variables.
    let lines = text.map(key_lines).unwrap_or_default();
    let here = |name: &str| match lines.get(name) {
        Some(l) => format!("{origin}:{l}"),
        None => origin.to_string(),
    };
    let Value::Mapping(levels) = v else {
        return Err(exit::usage(format!(
            "{origin}: the spec must map required/recommended/optional to variables"
        )));
    };
    let mut vars: Vec<VarSpec> = Vec::new();
    let mut seen: std::collections::HashMap<String, Level> = std::collections::HashMap::new();
    let mut regexes: std::collections::HashMap<String, Arc<Regex>> =
        std::collections::HashMap::new();
    for (k, body) in levels {
        let lname = yaml::scalar_text(k).unwrap_or_default();
        if SETTINGS.contains(&lname.as_str()) {
            continue;
        }
        let level = match lname.as_str() {
            "required" => Level::Required,
            "recommended" => Level::Recommended,
            "optional" => Level::Optional,
            other => {
                return Err(exit::usage(format!(
                    "{}: unknown level '{other}' (use required, recommended, optional)",
                    here(other)
                )));
            }
        };
        let null = Value::Null;
        let entries: Vec<(&Value, &Value)> = match body {
            Value::Mapping(m) => m.iter().collect(),
            Value::Null => Vec::new(),
            // A plain list of names: no rules.
            Value::Sequence(s) => s.iter().map(|n| (n, &null)).collect(),
            _ => {
                return Err(exit::usage(format!(
                    "{}: '{lname}' must be a mapping of variable names to rules",
                    here(&lname)
                )));
            }
        };
        for (name, rules) in entries {
            let name = yaml::scalar_text(name).unwrap_or_default();
            if name.is_empty() {
                return Err(exit::usage(format!(
                    "{}: empty variable name",
                    here(&lname)
                )));
            }
            if let Some(prev) = seen.insert(name.clone(), level) {
                return Err(exit::usage(format!(
                    "{}: {name} is listed twice (as {} and {})",
                    here(&name),
                    prev.name(),
                    level.name()
                )));
            }
            let var = parse_var(&name, level, rules, &mut regexes)
                .map_err(|e| exit::usage(format!("{}: {name}: {e}", here(&name))))?;
            vars.push(var);
        }
    }
    Ok(Spec {
        origin: origin.to_string(),
        vars,
    })
}

fn parse_var(
    name: &str,
    level: Level,
    rules: &Value,
    regexes: &mut std::collections::HashMap<String, Arc<Regex>>,
) -> Result<VarSpec, String> {
    let empty = serde_yaml::Mapping::new();
    let map = match rules {
        Value::Mapping(m) => m,
        Value::Null => &empty,
        _ => return Err("rules must be a mapping, e.g. { type: port }".into()),
    };
    for k in map.keys() {
        let k = yaml::scalar_text(k).unwrap_or_default();
        if !RULES.contains(&k.as_str()) {
            return Err(format!("unknown rule '{k}' (known: {})", RULES.join(", ")));
        }
    }
    let text = |key: &str| map.get(key).and_then(yaml::scalar_text);
    let list = |key: &str| -> Result<Vec<String>, String> {
        match map.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Sequence(s)) => Ok(s.iter().filter_map(yaml::scalar_text).collect()),
            Some(v) => yaml::scalar_text(v)
                .map(|t| t.split(',').map(|x| x.trim().to_string()).collect())
                .ok_or_else(|| format!("'{key}' must be a list")),
        }
    };
    let number = |key: &str| -> Result<Option<f64>, String> {
        match text(key) {
            None => Ok(None),
            Some(t) => t
                .parse::<f64>()
                .map(Some)
                .map_err(|_| format!("'{key}' must be a number, got '{t}'")),
        }
    };
    let count = |key: &str| -> Result<Option<usize>, String> {
        match text(key) {
            None => Ok(None),
            Some(t) => t
                .parse::<usize>()
                .map(Some)
                .map_err(|_| format!("'{key}' must be a whole number, got '{t}'")),
        }
    };
    let ty = match text("type").as_deref().unwrap_or("string") {
        "string" | "str" => VarType::String,
        "int" | "integer" => VarType::Int,
        "port" => VarType::Port,
        "bool" | "boolean" => VarType::Bool,
        "url" => VarType::Url {
            schemes: list("schemes")?,
        },
        "redis-url" | "redis_url" => VarType::RedisUrl,
        "enum" => {
            let values = list("values")?;
            if values.is_empty() {
                return Err("type enum needs 'values: [a, b]'".into());
            }
            VarType::Enum { values }
        }
        "email" => VarType::Email,
        "duration" => VarType::Duration,
        "path" => VarType::Path,
        "json" => VarType::Json,
        other => {
            return Err(format!(
                "unknown type '{other}' (use string, int, port, bool, url, redis-url, enum, email, duration, path, json)"
            ));
        }
    };
    let secret = match map.get("secret") {
        None => mask::name_looks_secret(name),
        Some(Value::Bool(b)) => *b,
        Some(v) => crate::settings::parse_bool(&yaml::scalar_text(v).unwrap_or_default())
            .map_err(|e| format!("'secret': {e}"))?,
    };
    let pattern = match text("pattern") {
        None => None,
        // Specs reuse a few patterns many times; each is compiled once.
        Some(p) => match regexes.get(&p) {
            Some(re) => Some((p, re.clone())),
            None => {
                let re = Arc::new(Regex::new(&format!("^(?:{p})$")).map_err(|e| {
                    format!(
                        "invalid pattern: {}",
                        e.to_string().lines().last().unwrap_or("")
                    )
                })?);
                regexes.insert(p.clone(), re.clone());
                Some((p, re))
            }
        },
    };
    let var = VarSpec {
        name: name.to_string(),
        level,
        secret,
        default: text("default"),
        description: text("description"),
        min_length: count("min_length")?,
        max_length: count("max_length")?,
        pattern,
        min: number("min")?,
        max: number("max")?,
        commands: list("commands")?
            .into_iter()
            .map(|c| c.trim().to_ascii_lowercase())
            .filter(|c| !c.is_empty())
            .collect(),
        file_mode: match text("file_mode").as_deref() {
            None | Some("first_line" | "first-line" | "line") => FileMode::FirstLine,
            Some("whole") => FileMode::Whole,
            Some(other) => {
                return Err(format!(
                    "file_mode must be first_line or whole, got '{other}'"
                ));
            }
        },
        ty,
    };
    if !var.commands.is_empty() && !is_redis_target(name, &var.ty) {
        return Err(
            "'commands' applies to a redis-url variable or one of REDIS_HOST, REDIS_PORT, REDIS_DB, REDIS_USERNAME, REDIS_PASSWORD"
                .into(),
        );
    }
    if let Some(d) = &var.default
        && let Err(e) = super::check::check(&var, d)
    {
        return Err(format!("default '{d}' breaks its own rules: {e}"));
    }
    Ok(var)
}

/// The variables that together describe the application's Redis connection.
pub const REDIS_PARTS: [&str; 5] = [
    "REDIS_HOST",
    "REDIS_PORT",
    "REDIS_DB",
    "REDIS_USERNAME",
    "REDIS_PASSWORD",
];

/// Whether a variable names a Redis server (its own URL, or a part of the REDIS_* group).
pub fn is_redis_target(name: &str, ty: &VarType) -> bool {
    *ty == VarType::RedisUrl || REDIS_PARTS.contains(&name)
}

/// Each `name:` key of the text with the first line it appears on, for error messages.
fn key_lines(text: &str) -> std::collections::HashMap<String, usize> {
    let mut map = std::collections::HashMap::new();
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_start().trim_start_matches("- ");
        if let Some((key, _)) = t.split_once(':') {
            let key = key.trim().trim_matches('"').trim_matches('\'');
            if !key.is_empty() && !key.contains(' ') {
                map.entry(key.to_string()).or_insert(i + 1);
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(text: &str) -> anyhow::Result<Spec> {
        let v: Value = serde_yaml::from_str(text).unwrap();
        from_value(&v, "spec.yaml", Some(text))
    }

    #[test]
    fn reads_levels_and_rules() {
        let s = spec(
            "required:\n  QWEN_API_KEY: { secret: true }\n  JWT_SECRET_KEY: { min_length: 32 }\nrecommended:\n  GLM_API_KEY: {}\noptional:\n  REDIS_PORT: { type: port, default: 6379 }\n  LOG_LEVEL: { type: enum, values: [debug, info], default: info }\n",
        )
        .unwrap();
        assert_eq!(s.vars.len(), 5);
        assert!(s.vars[1].secret, "JWT_SECRET_KEY looks secret by name");
        assert_eq!(s.vars[3].ty, VarType::Port);
        assert_eq!(s.vars[4].default.as_deref(), Some("info"));
    }

    #[test]
    fn commands_belong_to_redis_targets() {
        let s =
            spec("required:\n  REDIS_URL: { type: redis-url, commands: [GET, 'xinfo stream'] }\n")
                .unwrap();
        assert_eq!(s.vars[0].commands, ["get", "xinfo stream"]);
        assert!(spec("optional:\n  REDIS_PASSWORD: { commands: get }\n").is_ok());
        let e = spec("optional:\n  API: { commands: [get] }\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("'commands' applies to a redis-url"), "{e}");
    }

    #[test]
    fn errors_name_the_line() {
        let e = spec("required:\n  A: {}\n  B: { typo: 1 }\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("spec.yaml:3: B: unknown rule 'typo'"), "{e}");
        let e = spec("needed:\n  A: {}\n").unwrap_err().to_string();
        assert!(e.contains("spec.yaml:1: unknown level 'needed'"), "{e}");
        let e = spec("optional:\n  P: { type: port, default: 70000 }\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("port must be 1-65535"), "{e}");
        let e = spec("optional:\n  P: { pattern: '(' }\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("invalid pattern"), "{e}");
    }
}
