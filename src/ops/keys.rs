//! Keys as commands select and show them: literal prefixes as globs, the "matches everything"
//! guard of destructive commands, and key names made safe for a terminal.

/// Escapes the glob characters of SCAN MATCH so a prefix is matched literally:
/// `a*b:` matches `a*b:1` and never `axb:1`. Bytes in, bytes out: Redis matches globs on
/// bytes, so a prefix that is not UTF-8 selects exactly its keys.
pub fn escape_glob(prefix: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(prefix.len() + 4);
    for &c in prefix {
        if matches!(c, b'*' | b'?' | b'[' | b']' | b'\\') {
            out.push(b'\\');
        }
        out.push(c);
    }
    out
}

/// Whether a glob may match every key: decided on what it can match, not on its spelling. A
/// pattern without one literal byte (`*`, `?*`, `*?*`, `[a-z]*`, empty) matches every
/// non-empty key of some length, so it counts as "everything"; one literal (escaped or not)
/// is a real restriction.
pub fn matches_everything(pattern: &[u8]) -> bool {
    let mut bytes = pattern.iter();
    while let Some(&c) = bytes.next() {
        match c {
            b'*' | b'?' => {}
            // An escaped byte is a literal, unless the pattern ends on the backslash.
            b'\\' => {
                if bytes.next().is_some() {
                    return false;
                }
            }
            // A class restricts one position to a set: not a literal.
            b'[' => {
                let mut escaped = false;
                for &d in bytes.by_ref() {
                    match d {
                        _ if escaped => escaped = false,
                        b'\\' => escaped = true,
                        b']' => break,
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
