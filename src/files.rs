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

/// The regular file's bytes, bounded as `read`. Anything else (a FIFO, a device, a
/// directory, a socket) is refused by its kind, without waiting: the file is opened
/// non-blocking, so a FIFO with no writer cannot hang the open, and its kind is read from
/// the open file, so nothing can be swapped in between. For the files a gate must read
/// exactly as the application does (`.env`, secret files), where a pipe read once by redkit
/// would be empty for the application.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}, not a regular file", kind(&meta)),
        ));
    }
    // Sized from the file (a `.env` is read in one call, not in reads doubling from 32 bytes).
    let mut buf = Vec::with_capacity(meta.len().min(limit) as usize + 1);
    file.take(limit + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(io::Error::other(format!(
            "larger than {} (is it the right file?)",
            size(limit)
        )));
    }
    Ok(buf)
}

/// [`read_regular`] as UTF-8 text.
pub fn read_regular_text(path: &Path, limit: u64) -> io::Result<String> {
    String::from_utf8(read_regular(path, limit)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// What a file is, for a message: `a FIFO (named pipe)`, `a directory`, ...
pub fn kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_file() {
        "a regular file"
    } else if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
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

    #[test]
    fn only_regular_files_are_read_regular() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // No writer: a blocking open would wait forever.
        let e = read_regular(&fifo, SMALL).unwrap_err();
        assert_eq!(e.to_string(), "a FIFO (named pipe), not a regular file");
        let e = read_regular(dir.path(), SMALL).unwrap_err();
        assert_eq!(e.to_string(), "a directory, not a regular file");
        let e = read_regular(Path::new("/dev/null"), SMALL).unwrap_err();
        assert_eq!(e.to_string(), "a character device, not a regular file");
        let p = dir.path().join("f");
        std::fs::write(&p, "A=1\n").unwrap();
        assert_eq!(read_regular_text(&p, SMALL).unwrap(), "A=1\n");
        // Through a link (Kubernetes mounts secrets as links to regular files).
        let l = dir.path().join("l");
        std::os::unix::fs::symlink(&p, &l).unwrap();
        assert_eq!(read_regular(&l, SMALL).unwrap().len(), 4);
        assert!(read_regular(&p, 3).is_err());
    }
}
