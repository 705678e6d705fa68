//! Text from Redis or a database on its way to a terminal: control characters escaped, so a
//! value holding `ESC ] 0;… BEL` or `ESC [2J` cannot retitle or clear the operator's screen.
//! Every human format (tables, plain lines) goes through here; only `--format raw` writes
//! bytes as stored.

/// Escapes control characters (C0, DEL, C1) and the Unicode bidi overrides that reorder what
/// a terminal shows: `\n`, `\r`, `\t`, `\x1b`, `\u{202e}`. Everything else is kept.
pub fn escape_control(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_char(&mut out, c);
    }
    out
}

/// Bytes for people: UTF-8 as is (control characters escaped), other bytes as `\xff`.
pub fn show_bytes(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => escape_control(s),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len() + 8);
            for chunk in bytes.utf8_chunks() {
                for c in chunk.valid().chars() {
                    push_char(&mut out, c);
                }
                for b in chunk.invalid() {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            out
        }
    }
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_char(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x80 && c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_are_escaped() {
        let hostile = "ok\x1b]0;pwned\x07\x1b[2J\rback\u{9b}\u{202e}";
        let shown = escape_control(hostile);
        assert_eq!(shown, "ok\\x1b]0;pwned\\x07\\x1b[2J\\rback\\u{9b}\\u{202e}");
        assert!(!shown.chars().any(needs_escape));
        assert_eq!(escape_control("任务 ok"), "任务 ok");
    }

    #[test]
    fn bytes_show_safely() {
        assert_eq!(show_bytes(b"agent:cache:\xe4\xbd\xa0"), "agent:cache:你");
        assert_eq!(show_bytes(b"a\nb"), "a\\nb");
        assert_eq!(show_bytes(b"\xff\x1b"), "\\xff\\x1b");
    }

    proptest::proptest! {
        #[test]
        fn nothing_escapable_survives(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let shown = show_bytes(&bytes);
            proptest::prop_assert!(!shown.chars().any(needs_escape));
        }
    }
}
