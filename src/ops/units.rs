//! Units for people, one way everywhere: bytes in IEC units (`1.5 KiB`), counts with their
//! noun in the right number.

/// Bytes for people: `512 B`, `3.2 KiB`, `1.5 GiB`.
pub fn format_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

/// `1 stream`, `3 streams`: a count with its noun in the right number.
pub fn count(n: u64, singular: &str, plural: &str) -> String {
    crate::output::number::plural_with(n, singular, plural)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_and_counts() {
        assert_eq!(format_bytes(512), "512 B");
        assert_eq!(format_bytes(1536), "1.5 KiB");
        assert_eq!(format_bytes(3 << 30), "3.0 GiB");
        assert_eq!(count(1, "stream", "streams"), "1 stream");
        assert_eq!(count(0, "stream", "streams"), "0 streams");
    }
}
