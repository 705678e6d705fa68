//! Human durations: `250ms`, `5s`, `10m`, `2h`, `7d`, and combinations like `1h30m`.

use std::time::Duration;

/// Parses a duration as operators write it. A bare number means seconds.
pub fn parse(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("empty duration".into());
    }
    if let Ok(secs) = t.parse::<f64>() {
        return secs_to_duration(secs, text);
    }
    let mut total = 0f64;
    let mut rest = t;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return Err(format!(
                "invalid duration '{text}' (expected e.g. 250ms, 5s, 10m, 7d)"
            ));
        }
        let n: f64 = rest[..num_len]
            .parse()
            .map_err(|_| format!("invalid duration '{text}'"))?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_len] {
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" | "sec" | "secs" => 1.0,
            "m" | "min" | "mins" => 60.0,
            "h" | "hr" | "hrs" => 3600.0,
            "d" | "day" | "days" => 86400.0,
            "w" => 604800.0,
            other => {
                return Err(format!(
                    "invalid duration '{text}': unknown unit '{other}' (use ms, s, m, h, d)"
                ));
            }
        };
        total += n * factor;
        rest = &rest[unit_len..];
    }
    secs_to_duration(total, text)
}

fn secs_to_duration(secs: f64, text: &str) -> Result<Duration, String> {
    if !secs.is_finite() || !(0.0..=1e12).contains(&secs) {
        return Err(format!("invalid duration '{text}'"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Short human form: `250ms`, `5s`, `3m20s`, `2h5m`, `3d4h`.
pub fn format(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        if d.as_micros() < 1000 && !d.is_zero() {
            return format!("{}µs", d.as_micros());
        }
        return format!("{ms}ms");
    }
    let s = d.as_secs();
    if s < 60 {
        let frac = (ms % 1000) / 100;
        return if frac == 0 {
            format!("{s}s")
        } else {
            format!("{s}.{frac}s")
        };
    }
    let (d_, h, m, sec) = (s / 86400, (s % 86400) / 3600, (s % 3600) / 60, s % 60);
    match (d_, h, m, sec) {
        (0, 0, m, 0) => format!("{m}m"),
        (0, 0, m, s) => format!("{m}m{s}s"),
        (0, h, 0, _) => format!("{h}h"),
        (0, h, m, _) => format!("{h}h{m}m"),
        (d, 0, _, _) => format!("{d}d"),
        (d, h, _, _) => format!("{d}d{h}h"),
    }
}

/// clap value parser.
pub fn clap_parse(text: &str) -> Result<Duration, String> {
    parse(text)
}

/// For timeouts and intervals, where zero would fail every call or spin.
pub fn clap_parse_positive(text: &str) -> Result<Duration, String> {
    let d = parse(text)?;
    if d.is_zero() {
        return Err(format!("'{text}' must be more than zero"));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_forms() {
        assert_eq!(parse("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse("5s").unwrap(), Duration::from_secs(5));
        assert_eq!(parse("10m").unwrap(), Duration::from_secs(600));
        assert_eq!(parse("7d").unwrap(), Duration::from_secs(7 * 86400));
        assert_eq!(parse("1h30m").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse("3").unwrap(), Duration::from_secs(3));
        assert_eq!(parse("1.5s").unwrap(), Duration::from_millis(1500));
    }

    #[test]
    fn rejects_garbage() {
        for bad in ["", "abc", "5x", "-1s", "s5", "5 s s"] {
            assert!(parse(bad).is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn formats_shortly() {
        assert_eq!(format(Duration::from_millis(250)), "250ms");
        assert_eq!(format(Duration::from_secs(200)), "3m20s");
        assert_eq!(format(Duration::from_secs(7200 + 300)), "2h5m");
        assert_eq!(format(Duration::from_secs(5)), "5s");
    }
}
