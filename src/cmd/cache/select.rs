//! Which keys a cache command acts on: a literal prefix (glob characters escaped) or a pattern,
//! and the refusal to touch everything by accident.

use crate::exit;

/// Escapes the glob characters of SCAN MATCH so a prefix is matched literally:
/// `a*b:` matches `a*b:1` and never `axb:1`.
pub fn escape_glob(prefix: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + 4);
    for c in prefix.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether a glob matches every key (`*`, `**`, empty).
fn matches_everything(pattern: &str) -> bool {
    pattern.chars().all(|c| c == '*')
}

/// The MATCH pattern from `--prefix`/`--pattern`/the configured prefix. Refuses an empty
/// prefix or a match-everything pattern unless `all_keys`.
pub fn match_pattern(
    prefix: Option<&str>,
    pattern: Option<&str>,
    configured_prefix: &str,
    all_keys: bool,
) -> anyhow::Result<String> {
    let (pat, what) = match (prefix, pattern) {
        (_, Some(p)) => (p.to_string(), format!("--pattern '{p}'")),
        (Some(p), None) => (format!("{}*", escape_glob(p)), format!("--prefix '{p}'")),
        (None, None) => (
            format!("{}*", escape_glob(configured_prefix)),
            format!("the configured prefix '{configured_prefix}'"),
        ),
    };
    if matches_everything(&pat) && !all_keys {
        return Err(exit::usage(format!(
            "{what} selects every key in the database; pass --all-keys if that is really meant"
        )));
    }
    Ok(pat)
}

/// A key as people read it: UTF-8 as is, other bytes escaped (`\xff`), control characters too.
pub fn show_key(key: &[u8]) -> String {
    match std::str::from_utf8(key) {
        Ok(s) if !s.chars().any(char::is_control) => s.to_string(),
        _ => key.escape_ascii().to_string(),
    }
}

/// The cluster slot of a key (CRC16/XMODEM of the key or its `{hash tag}`, mod 16384).
pub fn slot(key: &[u8]) -> u16 {
    let tagged = key
        .iter()
        .position(|&b| b == b'{')
        .and_then(|open| {
            let rest = &key[open + 1..];
            rest.iter()
                .position(|&b| b == b'}')
                .filter(|&close| close > 0)
                .map(|close| &rest[..close])
        })
        .unwrap_or(key);
    crc16(tagged) % 16384
}

fn crc16(data: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &b in data {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_literal() {
        assert_eq!(escape_glob("a*b:"), "a\\*b:");
        assert_eq!(escape_glob("x[1]?\\"), "x\\[1\\]\\?\\\\");
        assert_eq!(
            match_pattern(Some("agent:cache:"), None, "", false).unwrap(),
            "agent:cache:*"
        );
        assert_eq!(match_pattern(None, None, "a?:", false).unwrap(), "a\\?:*");
        assert_eq!(
            match_pattern(None, Some("user:*:unread"), "x", false).unwrap(),
            "user:*:unread"
        );
    }

    #[test]
    fn everything_needs_all_keys() {
        assert!(match_pattern(Some(""), None, "x", false).is_err());
        assert!(match_pattern(None, Some("*"), "x", false).is_err());
        assert!(match_pattern(None, None, "", false).is_err());
        assert_eq!(match_pattern(None, Some("*"), "x", true).unwrap(), "*");
    }

    #[test]
    fn slots_match_redis() {
        // Values from CLUSTER KEYSLOT.
        assert_eq!(slot(b"foo"), 12182);
        assert_eq!(slot(b"bar"), 5061);
        assert_eq!(slot(b"{user1000}.following"), slot(b"{user1000}.followers"));
        assert_eq!(slot(b"foo{}{bar}"), slot(b"foo{}{bar}"));
        assert_eq!(slot(b"{}foo"), crc16(b"{}foo") % 16384);
    }

    #[test]
    fn keys_show_safely() {
        assert_eq!(show_key(b"agent:cache:\xe4\xbd\xa0"), "agent:cache:你");
        assert_eq!(show_key(b"a\nb"), "a\\nb");
        assert_eq!(show_key(b"\xff"), "\\xff");
    }
}
