//! Untrusted text for a terminal: data from Redis or a database (key, stream, group and
//! consumer names, field values, event types, error replies) may hold escape sequences that
//! retitle, clear or rewrite the operator's terminal. Every table and plain-text line passes
//! such strings through here; only `--format raw` writes bytes as stored.

/// Whether a character must not reach a terminal as is: C0 and C1 controls (ESC, BEL, CR, the
/// 8-bit CSI U+009B ...), the bidirectional marks, embeddings, overrides and isolates that
/// reorder what is shown (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069), and the
/// zero-width characters that hide inside a name (U+200B-U+200D, the word joiner U+2060, a
/// byte-order mark U+FEFF): `\u{feff}JWT_SECRET_KEY` looks like the spec's key when shown as is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// Text for people: safe characters as is, `\t` `\n` `\r` by name, other ASCII controls as
/// `\x1b`, other unsafe characters as `\u{9b}`.
pub fn escape_str(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, s);
    out
}

/// Bytes for people: valid UTF-8 as [`escape_str`] shows it, other bytes as `\xff`.
pub fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        push_escaped(&mut out, chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        if !is_unsafe(c) {
            out.push(c);
            continue;
        }
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_ascii() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
}

/// Standard base64 with padding (RFC 4648), appended to `buf`.
pub fn base64(buf: &mut Vec<u8>, data: &[u8]) {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for c in data.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        buf.push(T[(n >> 18) as usize & 63]);
        buf.push(T[(n >> 12) as usize & 63]);
        buf.push(if c.len() > 1 {
            T[(n >> 6) as usize & 63]
        } else {
            b'='
        });
        buf.push(if c.len() > 2 {
            T[n as usize & 63]
        } else {
            b'='
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_are_shown_not_obeyed() {
        let hostile = "a\u{1b}]0;title\u{7}\u{1b}[2J\rb";
        assert_eq!(escape_str(hostile), "a\\x1b]0;title\\x07\\x1b[2J\\rb");
        assert_eq!(escape_str("x\u{9b}31m\u{202e}y"), "x\\u{9b}31m\\u{202e}y");
        assert_eq!(escape_str("正在分析 ok"), "正在分析 ok");
        assert_eq!(escape_bytes(b"\xff\x1b[m\x7f"), "\\xff\\x1b[m\\x7f");
        // Names from Redis (health's stream, group and consumer names).
        assert_eq!(escape_bytes(b"orders"), "orders");
        assert_eq!(escape_bytes(b"\x1b]0;pwned\x07"), "\\x1b]0;pwned\\x07");
        assert_eq!(escape_bytes(b"a\xffb"), "a\\xffb");
        for c in '\0'..='\u{ffff}' {
            let shown = escape_str(&c.to_string());
            assert!(!shown.chars().any(is_unsafe), "{c:?} -> {shown:?}");
        }
    }

    /// Invisible and bidirectional format characters are shown by code point, so a name with a
    /// byte-order mark or a zero-width space in it does not pass for the name without.
    #[test]
    fn invisible_and_bidi_format_characters_are_shown() {
        for c in [
            '\u{feff}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{202a}',
            '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
            '\u{2069}', '\u{2060}', '\u{061c}',
        ] {
            let shown = escape_str(&format!("A{c}B"));
            assert_eq!(shown, format!("A\\u{{{:x}}}B", c as u32));
            assert!(shown.is_ascii(), "{c:?} -> {shown}");
        }
        assert_eq!(
            escape_str("\u{feff}JWT_SECRET_KEY"),
            "\\u{feff}JWT_SECRET_KEY"
        );
        assert_eq!(escape_bytes("x\u{200b}y".as_bytes()), "x\\u{200b}y");
        // Visible text around them is untouched.
        assert_eq!(escape_str("café 正在 ok"), "café 正在 ok");
    }

    proptest::proptest! {
        #[test]
        fn nothing_unsafe_survives(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let shown = escape_bytes(&bytes);
            proptest::prop_assert!(!shown.chars().any(is_unsafe));
        }
    }
}
