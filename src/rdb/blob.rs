//! The packed encodings stored as one string in a dump (ziplist, listpack, intset, zipmap) and
//! LZF: how many elements a blob holds, checked against its own header so a corrupt blob is an
//! error, never a panic.

/// LZF-decompresses `input` into exactly `len` bytes.
pub fn lzf(input: &[u8], len: usize) -> Result<Vec<u8>, &'static str> {
    let mut out: Vec<u8> = Vec::with_capacity(len);
    let mut ip = 0;
    while ip < input.len() {
        let ctrl = input[ip] as usize;
        ip += 1;
        if ctrl < 32 {
            let run = ctrl + 1;
            let lit = input.get(ip..ip + run).ok_or("LZF literal past the end")?;
            if out.len() + run > len {
                return Err("LZF output longer than announced");
            }
            out.extend_from_slice(lit);
            ip += run;
        } else {
            let mut n = ctrl >> 5;
            if n == 7 {
                n += *input.get(ip).ok_or("LZF back reference past the end")? as usize;
                ip += 1;
            }
            let low = *input.get(ip).ok_or("LZF back reference past the end")? as usize;
            ip += 1;
            let back = ((ctrl & 0x1f) << 8) + low + 1;
            n += 2;
            if back > out.len() {
                return Err("LZF back reference before the start");
            }
            if out.len() + n > len {
                return Err("LZF output longer than announced");
            }
            let from = out.len() - back;
            if back >= n {
                out.extend_from_within(from..from + n);
            } else {
                // An overlapping copy repeats the last `back` bytes.
                for i in 0..n {
                    let b = out[from + i];
                    out.push(b);
                }
            }
        }
    }
    if out.len() != len {
        return Err("LZF output shorter than announced");
    }
    Ok(out)
}

fn u16le(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32le(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The size of a ziplist's header, and of a listpack's.
pub const ZIPLIST_HEADER: usize = 10;
pub const LISTPACK_HEADER: usize = 6;

/// The element count a ziplist header announces (None: 65535, count by walking).
pub fn ziplist_header(h: &[u8]) -> Result<(u32, Option<u64>), &'static str> {
    let bytes = u32le(h, 0).ok_or("ziplist header too short")?;
    let n = u16le(h, 8).ok_or("ziplist header too short")?;
    Ok((bytes, (n != u16::MAX).then_some(n as u64)))
}

/// The element count a listpack header announces (None: 65535, count by walking).
pub fn listpack_header(h: &[u8]) -> Result<(u32, Option<u64>), &'static str> {
    let bytes = u32le(h, 0).ok_or("listpack header too short")?;
    let n = u16le(h, 4).ok_or("listpack header too short")?;
    Ok((bytes, (n != u16::MAX).then_some(n as u64)))
}

/// Counts a ziplist's entries.
pub fn ziplist_count(z: &[u8]) -> Result<u64, &'static str> {
    let (bytes, announced) = ziplist_header(z)?;
    if bytes as usize != z.len() {
        return Err("ziplist size differs from its header");
    }
    let mut p = ZIPLIST_HEADER;
    let mut n = 0u64;
    loop {
        let first = *z.get(p).ok_or("ziplist without end marker")?;
        if first == 0xff {
            break;
        }
        // prevlen
        p += if first == 0xfe { 5 } else { 1 };
        let enc = *z.get(p).ok_or("ziplist entry past the end")?;
        let (hdr, data) = match enc >> 6 {
            0 => (1, (enc & 0x3f) as usize),
            1 => {
                let b = *z.get(p + 1).ok_or("ziplist entry past the end")?;
                (2, (((enc & 0x3f) as usize) << 8) | b as usize)
            }
            2 => {
                let b = z.get(p + 1..p + 5).ok_or("ziplist entry past the end")?;
                (5, u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
            }
            _ => match enc {
                0xc0 => (1, 2),
                0xd0 => (1, 4),
                0xe0 => (1, 8),
                0xf0 => (1, 3),
                0xfe => (1, 1),
                0xf1..=0xfd => (1, 0),
                _ => return Err("unknown ziplist entry encoding"),
            },
        };
        p = p
            .checked_add(hdr + data)
            .filter(|&e| e < z.len())
            .ok_or("ziplist entry past the end")?;
        n += 1;
    }
    if p + 1 != z.len() {
        return Err("ziplist end marker before its end");
    }
    if let Some(a) = announced
        && a != n
    {
        return Err("ziplist count differs from its header");
    }
    Ok(n)
}

/// Counts a listpack's entries.
pub fn listpack_count(l: &[u8]) -> Result<u64, &'static str> {
    let (bytes, announced) = listpack_header(l)?;
    if bytes as usize != l.len() {
        return Err("listpack size differs from its header");
    }
    let mut p = LISTPACK_HEADER;
    let mut n = 0u64;
    loop {
        let enc = *l.get(p).ok_or("listpack without end marker")?;
        if enc == 0xff {
            break;
        }
        let b = |i: usize| l.get(p + i).copied().ok_or("listpack entry past the end");
        let entry = if enc & 0x80 == 0 {
            1
        } else if enc & 0xc0 == 0x80 {
            1 + (enc & 0x3f) as usize
        } else if enc & 0xe0 == 0xc0 {
            2
        } else if enc & 0xf0 == 0xe0 {
            2 + ((((enc & 0x0f) as usize) << 8) | b(1)? as usize)
        } else {
            match enc {
                0xf0 => 5 + u32::from_le_bytes([b(1)?, b(2)?, b(3)?, b(4)?]) as usize,
                0xf1 => 3,
                0xf2 => 4,
                0xf3 => 5,
                0xf4 => 9,
                _ => return Err("unknown listpack entry encoding"),
            }
        };
        let back = match entry {
            0..=127 => 1,
            128..=16383 => 2,
            16384..=2097151 => 3,
            2097152..=268435455 => 4,
            _ => 5,
        };
        p = p
            .checked_add(entry + back)
            .filter(|&e| e < l.len())
            .ok_or("listpack entry past the end")?;
        n += 1;
    }
    if p + 1 != l.len() {
        return Err("listpack end marker before its end");
    }
    if let Some(a) = announced
        && a != n
    {
        return Err("listpack count differs from its header");
    }
    Ok(n)
}

/// An intset's element count and width, checked against its size.
pub fn intset_count(s: &[u8]) -> Result<u64, &'static str> {
    let width = u32le(s, 0).ok_or("intset header too short")?;
    let n = u32le(s, 4).ok_or("intset header too short")?;
    if !matches!(width, 2 | 4 | 8) {
        return Err("intset with an unknown width");
    }
    if 8 + width as u64 * n as u64 != s.len() as u64 {
        return Err("intset size differs from its header");
    }
    Ok(n as u64)
}

/// A zipmap's (Redis 2.x hashes) pairs: its one-byte count when under 254, else walked; also
/// the bytes of its fields and values, for the memory estimate.
pub fn zipmap_count(z: &[u8]) -> Result<u64, &'static str> {
    let mut p = 1;
    let mut pairs = 0u64;
    let len_at = |p: &mut usize| -> Result<Option<usize>, &'static str> {
        let b = *z.get(*p).ok_or("zipmap past the end")?;
        match b {
            0xff => Ok(None),
            0xfe => {
                let v = u32le(z, *p + 1).ok_or("zipmap past the end")?;
                *p += 5;
                Ok(Some(v as usize))
            }
            _ => {
                *p += 1;
                Ok(Some(b as usize))
            }
        }
    };
    while let Some(klen) = len_at(&mut p)? {
        p = p.checked_add(klen).ok_or("zipmap past the end")?;
        let vlen = len_at(&mut p)?.ok_or("zipmap field without a value")?;
        let free = *z.get(p).ok_or("zipmap past the end")? as usize;
        p = p
            .checked_add(1 + vlen + free)
            .filter(|&e| e < z.len())
            .ok_or("zipmap past the end")?;
        pairs += 1;
    }
    if p + 1 != z.len() {
        return Err("zipmap end marker before its end");
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lzf_round_trips_a_back_reference_and_refuses_garbage() {
        // "aaaaaaaaaa": literal 'a', then a back reference of 9 bytes at distance 1.
        let packed = [0x00, b'a', 0xe0, 0x00, 0x00];
        assert_eq!(lzf(&packed, 10).unwrap(), b"aaaaaaaaaa");
        assert!(lzf(&packed, 9).is_err());
        assert!(lzf(&[0x20, 0x05], 3).is_err());
        assert!(lzf(&[0x05, b'a'], 6).is_err());
    }

    #[test]
    fn packed_counts_and_corruption() {
        // listpack of "a" and 7: header, "a" (0x81 'a' backlen 2), 7 (0x07 backlen 1), end.
        let lp = [11, 0, 0, 0, 2, 0, 0x81, b'a', 2, 0x07, 1, 0xff];
        let mut lp = lp.to_vec();
        lp[0] = lp.len() as u8;
        assert_eq!(listpack_count(&lp).unwrap(), 2);
        lp[4] = 3;
        assert!(listpack_count(&lp).is_err());
        assert!(listpack_count(&lp[..5]).is_err());
        let is = [2, 0, 0, 0, 2, 0, 0, 0, 1, 0, 2, 0];
        assert_eq!(intset_count(&is).unwrap(), 2);
        assert!(intset_count(&is[..10]).is_err());
    }
}
