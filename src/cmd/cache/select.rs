//! Which keys a cache command acts on: a literal prefix (glob characters escaped) or a pattern,
//! and the refusal to touch everything by accident.

use crate::exit;
use crate::ops::keys::{escape_glob, matches_everything};
use crate::ops::name::Name;

/// `prefix` matched literally, then anything.
fn prefix_glob(prefix: &[u8]) -> Name {
    let mut g = escape_glob(prefix);
    g.push(b'*');
    Name(g)
}

/// The MATCH pattern from `--prefix`/`--pattern`/the configured prefix. Refuses an empty
/// prefix or a match-everything pattern unless `all_keys`.
/// The flags are bytes (a key prefix need not be UTF-8); the configured prefix is text.
pub fn match_pattern(
    prefix: Option<&Name>,
    pattern: Option<&Name>,
    configured_prefix: &str,
    all_keys: bool,
) -> anyhow::Result<Name> {
    let (pat, what) = match (prefix, pattern) {
        (_, Some(p)) => (p.clone(), format!("--pattern '{p}'")),
        (Some(p), None) => (prefix_glob(p.as_bytes()), format!("--prefix '{p}'")),
        (None, None) => (
            prefix_glob(configured_prefix.as_bytes()),
            format!(
                "the configured prefix '{}'",
                crate::output::escape::escape_str(configured_prefix)
            ),
        ),
    };
    if matches_everything(pat.as_bytes()) && !all_keys {
        return Err(exit::usage(format!(
            "{what} selects every key in the database; pass --all-keys if that is really meant"
        )));
    }
    Ok(pat)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The selection as text, for readable expectations.
    fn mp(
        prefix: Option<&str>,
        pattern: Option<&str>,
        configured: &str,
        all_keys: bool,
    ) -> anyhow::Result<String> {
        let (prefix, pattern) = (prefix.map(Name::from), pattern.map(Name::from));
        match_pattern(prefix.as_ref(), pattern.as_ref(), configured, all_keys)
            .map(|n| String::from_utf8_lossy(n.as_bytes()).into_owned())
    }

    fn eg(prefix: &str) -> String {
        String::from_utf8_lossy(&escape_glob(prefix.as_bytes())).into_owned()
    }

    #[test]
    fn flags_are_bytes() {
        let raw = Name(b"pre\xff:".to_vec());
        let pat = match_pattern(Some(&raw), None, "x", false).unwrap();
        assert_eq!(pat.as_bytes(), b"pre\xff:*");
        let glob = Name(b"\xff*".to_vec());
        assert!(match_pattern(None, Some(&glob), "x", false).is_ok());
    }

    #[test]
    fn prefixes_are_literal() {
        assert_eq!(eg("a*b:"), "a\\*b:");
        assert_eq!(eg("x[1]?\\"), "x\\[1\\]\\?\\\\");
        assert_eq!(
            mp(Some("agent:cache:"), None, "", false).unwrap(),
            "agent:cache:*"
        );
        assert_eq!(mp(None, None, "a?:", false).unwrap(), "a\\?:*");
        assert_eq!(
            mp(None, Some("user:*:unread"), "x", false).unwrap(),
            "user:*:unread"
        );
    }

    #[test]
    fn everything_needs_all_keys() {
        assert!(mp(Some(""), None, "x", false).is_err());
        assert!(mp(None, Some("*"), "x", false).is_err());
        for p in ["?*", "*?", "*?*", "??*", "", "[a-z]*", "*[^x]", "\\"] {
            assert!(
                mp(None, Some(p), "x", false).is_err(),
                "{p} must need --all-keys"
            );
        }
        for p in ["a*", "*a", "?\\**", "user:*:unread", "[a]b*"] {
            assert!(mp(None, Some(p), "x", false).is_ok(), "{p}");
        }
        assert!(mp(None, None, "", false).is_err());
        assert_eq!(mp(None, Some("*"), "x", true).unwrap(), "*");
    }

    /// Redis's glob (stringmatchlen) for the property test: `*`, `?`, `\\x`, classes.
    fn glob(p: &[u8], s: &[u8]) -> bool {
        match p.split_first() {
            None => s.is_empty(),
            Some((b'*', rest)) => (0..=s.len()).any(|i| glob(rest, &s[i..])),
            Some((b'?', rest)) => !s.is_empty() && glob(rest, &s[1..]),
            Some((b'\\', rest)) if !rest.is_empty() => {
                s.first() == Some(&rest[0]) && glob(&rest[1..], &s[1..])
            }
            Some((b'[', rest)) => {
                let Some(close) = rest.iter().position(|&c| c == b']') else {
                    return false;
                };
                let class = &rest[..close];
                let (neg, class) = match class.split_first() {
                    Some((b'^', c)) => (true, c),
                    _ => (false, class),
                };
                let Some(&c) = s.first() else { return false };
                (class.contains(&c) != neg) && glob(&rest[close + 1..], &s[1..])
            }
            Some((&c, rest)) => s.first() == Some(&c) && glob(rest, &s[1..]),
        }
    }

    proptest::proptest! {
        /// An accepted pattern never matches every key: keys of a character it does not name
        /// escape it. A refused one does match some of them (it really can match anything).
        #[test]
        fn match_everything_is_decided_by_meaning(p in "[*?a\\\\]{0,6}") {
            let keys: Vec<Vec<u8>> = (1..10).map(|n| vec![b'z'; n]).collect();
            let refused = mp(None, Some(&p), "x", false).is_err();
            let any = keys.iter().any(|k| glob(p.as_bytes(), k));
            if refused {
                proptest::prop_assert!(any || p.is_empty() || p.ends_with('\\'), "{p} refused but matches none");
            } else {
                proptest::prop_assert!(!any, "{p} accepted but matches z-keys");
            }
        }
    }
}
