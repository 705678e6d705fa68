//! Reading the files an operator names, bounded: a config, `.env`, spec, baseline, password
//! file or certificate that turns out to be `/dev/zero` or a huge file by mistake is a clear
//! error, not gigabytes of memory.

use std::io::{self, Read};
use std::path::Path;

/// Configs, `.env` files, specs and baselines (a 200,000-key `.env` is about 10 MB).
pub const TEXT: u64 = 64 << 20;
/// Password files, certificates and keys.
pub const SMALL: u64 = 1 << 20;

/// The file's bytes, or an error when it holds more than `limit`.
pub fn read(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(io::Error::other(format!(
            "larger than {} (is it the right file?)",
            size(limit)
        )));
    }
    Ok(buf)
}

/// The file as UTF-8 text, bounded as `read`.
pub fn read_text(path: &Path, limit: u64) -> io::Result<String> {
    String::from_utf8(read(path, limit)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}

fn size(limit: u64) -> String {
    if limit >= 1 << 20 {
        format!("{} MiB", limit >> 20)
    } else {
        format!("{} KiB", limit >> 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endless_and_large_files_are_refused() {
        let e = read(Path::new("/dev/zero"), SMALL).unwrap_err();
        assert!(e.to_string().contains("larger than 1 MiB"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, vec![b'a'; 2048]).unwrap();
        assert_eq!(read(&p, 2048).unwrap().len(), 2048);
        assert!(read(&p, 2047).is_err());
        std::fs::write(&p, [0xff, 0xfe]).unwrap();
        assert!(read_text(&p, 10).is_err());
    }
}
