//! RESP spoken directly, for the hot paths that bypass redis-rs (bench's load, stream's export):
//! commands are encoded into a reusable buffer and replies are only framed and classified (ok
//! or error kind), never turned into values.

/// Appends one command as a RESP array of bulk strings.
pub fn encode(buf: &mut Vec<u8>, args: &[&[u8]]) {
    buf.push(b'*');
    push_num(buf, args.len() as u64);
    buf.extend_from_slice(b"\r\n");
    for a in args {
        buf.push(b'$');
        push_num(buf, a.len() as u64);
        buf.extend_from_slice(b"\r\n");
        buf.extend_from_slice(a);
        buf.extend_from_slice(b"\r\n");
    }
}

/// Appends a number's decimal digits without allocating.
pub fn push_num(buf: &mut Vec<u8>, n: u64) {
    let mut tmp = [0u8; 20];
    let mut i = tmp.len();
    let mut n = n;
    loop {
        i -= 1;
        tmp[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&tmp[i..]);
}

/// One framed reply: fine, or an error with its kind (`WRONGTYPE`, `OOM`, `ERR`...).
#[derive(Debug, PartialEq, Eq)]
pub enum Reply {
    Ok,
    Error(String),
}

/// Frames the next complete reply at the start of `buf`. Returns the reply and its length, or
/// `None` when more bytes are needed. Errors inside arrays count as a fine reply (EXEC-style),
/// as redis-benchmark does.
pub fn frame(buf: &[u8]) -> Result<Option<(Reply, usize)>, String> {
    let mut pos = 0;
    let Some(reply) = skip(buf, &mut pos)? else {
        return Ok(None);
    };
    Ok(Some((reply, pos)))
}

fn line_end(buf: &[u8], from: usize) -> Option<usize> {
    // Header lines never contain a bare CR, so the first CR ends the line.
    let p = from + buf.get(from..)?.iter().position(|&b| b == b'\r')?;
    (buf.get(p + 1) == Some(&b'\n')).then_some(p)
}

fn parse_int(s: &[u8]) -> Result<i64, String> {
    std::str::from_utf8(s)
        .ok()
        .and_then(|t| t.parse().ok())
        .ok_or_else(|| {
            format!(
                "protocol error: bad length {:?}",
                String::from_utf8_lossy(s)
            )
        })
}

fn skip(buf: &[u8], pos: &mut usize) -> Result<Option<Reply>, String> {
    let Some(&kind) = buf.get(*pos) else {
        return Ok(None);
    };
    let Some(end) = line_end(buf, *pos + 1) else {
        return Ok(None);
    };
    let line = &buf[*pos + 1..end];
    match kind {
        b'+' | b':' | b',' | b'#' | b'_' => {
            *pos = end + 2;
            Ok(Some(Reply::Ok))
        }
        b'-' => {
            let text = String::from_utf8_lossy(line);
            let code = text.split_whitespace().next().unwrap_or("ERR").to_string();
            *pos = end + 2;
            Ok(Some(Reply::Error(code)))
        }
        b'$' | b'=' | b'!' => {
            let n = parse_int(line)?;
            if n < 0 {
                *pos = end + 2;
                return Ok(Some(Reply::Ok));
            }
            let total = end + 2 + n as usize + 2;
            if buf.len() < total {
                return Ok(None);
            }
            *pos = total;
            Ok(Some(Reply::Ok))
        }
        b'*' | b'~' | b'>' | b'%' => {
            let mut n = parse_int(line)?;
            *pos = end + 2;
            if kind == b'%' {
                n *= 2;
            }
            for _ in 0..n.max(0) {
                if skip(buf, pos)?.is_none() {
                    return Ok(None);
                }
            }
            Ok(Some(Reply::Ok))
        }
        other => Err(format!("protocol error: unexpected byte {other:#04x}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_commands() {
        let mut b = Vec::new();
        encode(&mut b, &[b"SET", b"k", b""]);
        assert_eq!(b, b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n");
    }

    #[test]
    fn frames_replies() {
        assert_eq!(frame(b"+OK\r\n").unwrap(), Some((Reply::Ok, 5)));
        assert_eq!(frame(b"+OK\r").unwrap(), None);
        assert_eq!(frame(b"$3\r\nabc\r\n+").unwrap(), Some((Reply::Ok, 9)));
        assert_eq!(frame(b"$3\r\nab").unwrap(), None);
        assert_eq!(frame(b"$-1\r\n").unwrap(), Some((Reply::Ok, 5)));
        assert_eq!(
            frame(b"-WRONGTYPE Operation against a key\r\n").unwrap(),
            Some((Reply::Error("WRONGTYPE".into()), 36))
        );
        let arr = b"*2\r\n$1\r\na\r\n*1\r\n:5\r\n";
        assert_eq!(frame(arr).unwrap(), Some((Reply::Ok, arr.len())));
        assert_eq!(frame(&arr[..arr.len() - 1]).unwrap(), None);
        assert!(frame(b"?\r\n").is_err());
    }
}
