//! Key shapes: the group a key counts under, shared by `cache stats --top-prefixes` and
//! `cache analyze` so both group a keyspace the same way.

use std::borrow::Cow;

/// The group a key counts under for `--top-prefixes`: its first `depth` named segments, with
/// every id-like segment (a number, a UUID, a hex id) turned into `*` on the way and not
/// counted, so `user:100:unread` and `user:101:unread` are both `user:*:unread`, and
/// `agent:cache:5f2a…` is `agent:cache:`. A key's own name never forms a group of one: a key
/// of named segments only is cut before its last one.
pub fn prefix_of(key: &str, sep: &str, depth: usize) -> String {
    if sep.is_empty() {
        return key.to_string();
    }
    let parts: Vec<Cow<str>> = key.split(sep).map(shape_of_segment).collect();
    if parts.len() <= 1 {
        return parts.concat();
    }
    let mut named = 0;
    let mut take = 0;
    for p in &parts {
        if named == depth {
            break;
        }
        take += 1;
        if p != "*" {
            named += 1;
        }
    }
    let wildcard = parts[..take].iter().any(|p| p.ends_with('*'));
    if take == parts.len() && !wildcard {
        take -= 1;
    }
    let mut group = parts[..take].join(sep);
    if take < parts.len() {
        group.push_str(sep);
    }
    group
}

/// `*` for a segment that names one object rather than a kind: a number, a UUID, a hex id
/// (8 or more hex characters with at least one digit, so words like `deadbeef` stay), or
/// text that is not a programmer's word: non-ASCII (a user's name, `张三`) or control bytes,
/// raw or as the escapes keys are shown with (`\x1b`, `\xff`, `\n`). So such keys group
/// with their shape instead of each forming a row, and a group never holds an escape. A
/// cluster hash tag around an id (`{42}`) counts as the id. An id after a `_`, `-` or `.`
/// inside a segment becomes `*` too (`sess_3fa9c2d1e0aa` is `sess_*`, `cache-42` is
/// `cache-*`): such names would otherwise make one group per key.
pub fn shape_of_segment(seg: &str) -> Cow<'_, str> {
    let inner = seg
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .unwrap_or(seg);
    if is_id(inner) {
        return Cow::Borrowed("*");
    }
    match id_suffix(seg) {
        Some(head) => Cow::Owned(format!("{head}*")),
        None => Cow::Borrowed(seg),
    }
}

/// The part of a segment before a trailing id that follows `_`, `-` or `.` (the delimiter
/// kept): a number, a UUID or a hex id, in ASCII, after a non-empty head.
fn id_suffix(seg: &str) -> Option<&str> {
    let ascii_id = |t: &str| {
        t.is_ascii() && !t.bytes().any(|b| b.is_ascii_control() || b == b'\\') && is_id(t)
    };
    let delim = |b: u8| matches!(b, b'_' | b'-' | b'.');
    // A UUID holds `-` itself: taken whole before the last delimiter is looked for.
    if seg.len() > 37 && seg.is_char_boundary(seg.len() - 36) {
        let (head, tail) = seg.split_at(seg.len() - 36);
        if head.len() > 1 && delim(head.as_bytes()[head.len() - 1]) && ascii_id(tail) {
            return Some(head);
        }
    }
    let at = seg.rfind(|c: char| c.is_ascii() && delim(c as u8))?;
    let (head, tail) = (&seg[..=at], &seg[at + 1..]);
    (head.len() > 1 && ascii_id(tail)).then_some(head)
}

pub fn is_id(s: &str) -> bool {
    let text = s
        .chars()
        .any(|c| !c.is_ascii() || c.is_ascii_control() || c == '\\');
    let number = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let uuid = s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    let hex = s.len() >= 8
        && s.bytes().all(|b| b.is_ascii_hexdigit())
        && s.bytes().any(|b| b.is_ascii_digit());
    text || number || uuid || hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_group_keys_by_shape() {
        // Ids become `*` and do not count towards --depth.
        assert_eq!(prefix_of("user:100:unread", ":", 2), "user:*:unread");
        assert_eq!(prefix_of("user:101:unread", ":", 2), "user:*:unread");
        assert_eq!(prefix_of("user:100:unread", ":", 1), "user:");
        assert_eq!(prefix_of("user:100:latest:7", ":", 2), "user:*:latest:");
        assert_eq!(prefix_of("user:100:latest:7", ":", 3), "user:*:latest:*");
        assert_eq!(prefix_of("job_events:42", ":", 2), "job_events:*");
        assert_eq!(prefix_of("job_events:{42}", ":", 2), "job_events:*");
        assert_eq!(
            prefix_of("session:3f2b9c1e-07aa-4c1e-9d2f-0123456789ab:data", ":", 2),
            "session:*:data"
        );
        assert_eq!(prefix_of("agent:cache:5f2a9e0c11", ":", 2), "agent:cache:");
        assert_eq!(prefix_of("agent:cache:5f2a9e0c11", ":", 5), "agent:cache:*");
        // Words stay words, even hex-looking ones without a digit or under 8 characters.
        assert_eq!(prefix_of("blob:deadbeef:x", ":", 2), "blob:deadbeef:");
        assert_eq!(prefix_of("blob:abc123:x", ":", 3), "blob:abc123:");
        assert_eq!(prefix_of("v2:users:x", ":", 2), "v2:users:");
        assert_eq!(prefix_of("12345", ":", 2), "*");
        assert_eq!(prefix_of("user/100/unread", "/", 2), "user/*/unread");
        assert!(is_id("0") && is_id("00ff00ff1") && !is_id("") && !is_id("1e-5"));
        // Names of people and bytes that are not text group with the numbers of their shape.
        for k in [
            "user:100:unread",
            "user:张三:unread",
            "user:\\x1b[31mred:unread",
            "user:\\xff\\xfe:unread",
            "user:a\\nb:unread",
            "user:a\x07b:unread",
            "user:{李四}:unread",
        ] {
            assert_eq!(prefix_of(k, ":", 2), "user:*:unread", "{k}");
        }
        assert_eq!(prefix_of("agent:cache:用户画像", ":", 2), "agent:cache:");
        assert_eq!(prefix_of("agent:cache:用户画像", ":", 3), "agent:cache:*");
        // An id after `_`, `-` or `.` inside a segment: the segment keeps its head.
        assert_eq!(prefix_of("sess_3fa9c2d1e0aa4b17", ":", 2), "sess_*");
        assert_eq!(prefix_of("sess_00002b78e9baffa8", ":", 2), "sess_*");
        assert_eq!(prefix_of("app:cache-42:data", ":", 2), "app:cache-*:");
        assert_eq!(prefix_of("app:cache-42", ":", 2), "app:cache-*");
        assert_eq!(
            prefix_of("session-3f2b9c1e-07aa-4c1e-9d2f-0123456789ab", ":", 2),
            "session-*"
        );
        assert_eq!(prefix_of("img.0042", ":", 2), "img.*");
        // Words after a delimiter stay, and so does an id with nothing before it.
        assert_eq!(prefix_of("job_events:42", ":", 2), "job_events:*");
        assert_eq!(prefix_of("rate_limit:x", ":", 2), "rate_limit:");
        assert_eq!(prefix_of("blob_deadbeef", ":", 2), "blob_deadbeef");
        assert_eq!(prefix_of("_42:x", ":", 2), "_42:");
    }
}
