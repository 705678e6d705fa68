//! Checking one value against its rules. Reasons may quote the value; the caller masks them
//! for secrets.

use super::var::{VarSpec, VarType};
use crate::settings::{parse_bool, parse_port};

/// `Ok` when `value` satisfies every rule of `var`, else the first reason it does not.
pub fn check(var: &VarSpec, value: &str) -> Result<(), String> {
    let len = value.chars().count();
    if let Some(min) = var.min_length
        && len < min
    {
        return Err(format!("must be at least {min} characters, got {len}"));
    }
    if let Some(max) = var.max_length
        && len > max
    {
        return Err(format!("must be at most {max} characters, got {len}"));
    }
    match &var.ty {
        VarType::String => {}
        VarType::Int => {
            let n: i64 = value
                .trim()
                .parse()
                .map_err(|_| format!("must be an integer, got '{value}'"))?;
            range(var, n as f64, value)?;
        }
        VarType::Port => {
            let p = parse_port(value.trim())?;
            range(var, f64::from(p), value)?;
        }
        VarType::Bool => {
            parse_bool(value.trim()).map_err(|e| format!("{e}, got '{value}'"))?;
        }
        VarType::Url { schemes } => {
            let u = url::Url::parse(value.trim()).map_err(|e| format!("not a URL ({e})"))?;
            if !schemes.is_empty() && !schemes.iter().any(|s| s == u.scheme()) {
                return Err(format!(
                    "scheme must be one of {}, got '{}'",
                    schemes.join(", "),
                    u.scheme()
                ));
            }
            if u.cannot_be_a_base() {
                return Err("not a URL with a host or path".into());
            }
        }
        VarType::RedisUrl => {
            if !value.contains("://") {
                return Err("must start with redis://, rediss:// or redis+unix://".into());
            }
            crate::redis::parse_url(value).map_err(|e| format!("not a Redis URL: {e}"))?;
        }
        VarType::Enum { values } => {
            if !values.iter().any(|v| v == value) {
                return Err(format!(
                    "must be one of {}, got '{value}'",
                    values.join(", ")
                ));
            }
        }
        VarType::Email => {
            let ok = value.split_once('@').is_some_and(|(user, domain)| {
                !user.is_empty()
                    && !domain.starts_with('.')
                    && domain.contains('.')
                    && !domain.ends_with('.')
                    && !value.chars().any(char::is_whitespace)
                    && !domain.contains('@')
            });
            if !ok {
                return Err(format!("not an email address: '{value}'"));
            }
        }
        VarType::Duration => {
            let d = crate::duration::parse(value)?;
            range(var, d.as_secs_f64(), value)?;
        }
        VarType::Path => {
            if !std::path::Path::new(value).exists() {
                return Err(format!("no such file or directory: {value}"));
            }
        }
        VarType::Json => {
            serde_json::from_str::<serde_json::Value>(value)
                .map_err(|e| format!("not valid JSON ({e})"))?;
        }
    }
    if let Some((text, re)) = &var.pattern
        && !re.is_match(value)
    {
        return Err(format!("does not match the pattern {text}"));
    }
    Ok(())
}

fn range(var: &VarSpec, n: f64, value: &str) -> Result<(), String> {
    match (var.min, var.max) {
        (Some(min), Some(max)) if n < min || n > max => {
            Err(format!("must be {min}-{max}, got {value}"))
        }
        (Some(min), _) if n < min => Err(format!("must be at least {min}, got {value}")),
        (_, Some(max)) if n > max => Err(format!("must be at most {max}, got {value}")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::spec::{Level, VarSpec, VarType};
    use super::*;

    fn var(ty: VarType) -> VarSpec {
        VarSpec {
            name: "X".into(),
            level: Level::Optional,
            ty,
            secret: false,
            default: None,
            description: None,
            min_length: None,
            max_length: None,
            pattern: None,
            min: None,
            max: None,
            commands: Vec::new(),
            file_mode: Default::default(),
        }
    }

    #[test]
    fn types() {
        assert_eq!(
            check(&var(VarType::Port), "99999").unwrap_err(),
            "port must be 1-65535, got 99999"
        );
        assert!(check(&var(VarType::Port), "6379").is_ok());
        assert!(check(&var(VarType::Int), "12x").is_err());
        assert!(check(&var(VarType::Bool), "yes").is_ok());
        assert!(check(&var(VarType::Bool), "maybe").is_err());
        let url = var(VarType::Url {
            schemes: vec!["https".into()],
        });
        assert!(check(&url, "https://api.example.com/v1").is_ok());
        assert!(
            check(&url, "http://api.example.com")
                .unwrap_err()
                .contains("scheme")
        );
        assert!(check(&var(VarType::RedisUrl), "rediss://:pw@h:6380/1").is_ok());
        assert!(check(&var(VarType::RedisUrl), "localhost").is_err());
        assert!(check(&var(VarType::Email), "ops@example.com").is_ok());
        assert!(check(&var(VarType::Email), "ops@example").is_err());
        assert!(check(&var(VarType::Duration), "30s").is_ok());
        assert!(check(&var(VarType::Duration), "30 parsecs").is_err());
        assert!(check(&var(VarType::Json), "{\"a\": 1}").is_ok());
        assert!(check(&var(VarType::Json), "{a: 1}").is_err());
        assert!(check(&var(VarType::Path), "/").is_ok());
        assert!(check(&var(VarType::Path), "/no/such/place").is_err());
        let e = var(VarType::Enum {
            values: vec!["info".into(), "debug".into()],
        });
        assert!(
            check(&e, "warn")
                .unwrap_err()
                .contains("one of info, debug")
        );
    }

    #[test]
    fn lengths_ranges_patterns() {
        let mut v = var(VarType::Int);
        v.min = Some(1.0);
        v.max = Some(10.0);
        assert!(check(&v, "0").unwrap_err().contains("1-10"));
        let mut s = var(VarType::String);
        s.min_length = Some(32);
        assert!(check(&s, "short").unwrap_err().contains("at least 32"));
        s.min_length = None;
        s.pattern = Some((
            "sk-.*".into(),
            std::sync::Arc::new(regex::Regex::new("^(?:sk-.*)$").unwrap()),
        ));
        assert!(check(&s, "sk-abc").is_ok());
        assert!(check(&s, "xsk-abc").is_err());
    }
}
