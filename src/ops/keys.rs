//! Keys as commands select and show them: literal prefixes as globs, the "matches everything"
//! guard of destructive commands, and key names made safe for a terminal.

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

/// Whether a glob may match every key: decided on what it can match, not on its spelling. A
/// pattern without one literal character (`*`, `?*`, `*?*`, `[a-z]*`, empty) matches every
/// non-empty key of some length, so it counts as "everything"; one literal (escaped or not)
/// is a real restriction.
pub fn matches_everything(pattern: &str) -> bool {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' | '?' => {}
            // An escaped character is a literal, unless the pattern ends on the backslash.
            '\\' => {
                if chars.next().is_some() {
                    return false;
                }
            }
            // A class restricts one position to a set: not a literal.
            '[' => {
                let mut escaped = false;
                for d in chars.by_ref() {
                    match d {
                        _ if escaped => escaped = false,
                        '\\' => escaped = true,
                        ']' => break,
                        _ => {}
                    }
                }
            }
            _ => return false,
        }
    }
    true
}

/// A key as people read it: UTF-8 as is, control characters and other bytes escaped.
pub use crate::output::escape::escape_bytes as show_key;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_show_safely() {
        assert_eq!(show_key(b"agent:cache:\xe4\xbd\xa0"), "agent:cache:你");
        assert_eq!(show_key(b"a\nb"), "a\\nb");
        assert_eq!(show_key(b"\xff"), "\\xff");
    }
}
