//! Where one spec variable's value comes from, as the application will find it: the real
//! environment, `.env` (in its dialect), `VAR_FILE` (the Docker and Kubernetes secrets
//! convention) or a file named `VAR` in `env.secrets_dir`. Two places at once are refused as
//! ambiguous; a secret file is read bounded, and one readable by group or others is a warning.

use std::path::{Path, PathBuf};

use super::var::{FileMode, VarSpec};
use crate::settings::{Source, Vars};

/// A value and where it was read.
#[derive(Debug, Clone)]
pub struct Found {
    pub value: String,
    pub source: Source,
    /// `NAME`, `.env:LINE` or the secret file's path.
    pub origin: String,
}

#[derive(Debug, Clone)]
pub enum Lookup {
    Found(Found),
    /// Set, to nothing.
    Empty(Found),
    /// Named in `.env` without `=` (python-dotenv: present, not set): its origin.
    Bare(String),
    Missing,
    /// Cannot be decided or read: the reason (names files, never values).
    Refused(String),
}

/// The most a secret file may hold (a key or a certificate chain, not a disk image).
const SECRET_FILE_LIMIT: u64 = crate::files::SMALL;

/// Looks `var` up; `warnings` receives the secret files readable by group or others.
/// `declared` says whether a name is a variable of the spec: a `NAME_FILE` the spec declares is
/// a variable of its own (`CONFIG` and `CONFIG_FILE` both), not the file `NAME` is read from.
pub fn lookup(
    var: &VarSpec,
    vars: &Vars,
    secrets_dir: Option<&Path>,
    declared: &dyn Fn(&str) -> bool,
    warnings: &mut Vec<String>,
) -> Lookup {
    let name = var.name.as_str();
    let direct = vars.get(name);
    let file_var = format!("{name}_FILE");
    let named_file = vars
        .get(&file_var)
        .filter(|_| !declared(&file_var))
        .filter(|s| !s.value.is_empty())
        .map(|s| {
            let how = if s.origin == file_var {
                file_var.clone()
            } else {
                format!("{file_var} in {}", s.origin)
            };
            (PathBuf::from(&s.value), how)
        });
    let dir_file = secrets_dir
        .and_then(|d| in_secrets_dir(d, name))
        .map(|p| (p, "env.secrets_dir".to_string()));
    let file = match (&direct, named_file, dir_file) {
        (Some(d), Some((p, how)), _) | (Some(d), None, Some((p, how))) => {
            return Lookup::Refused(format!(
                "ambiguous: set ({}) and also given as a file ({} via {how}); unset one",
                d.origin,
                p.display()
            ));
        }
        (None, Some((a, _)), Some((b, _))) => {
            return Lookup::Refused(format!(
                "ambiguous: {file_var} names {} and env.secrets_dir holds {}; keep one",
                a.display(),
                b.display()
            ));
        }
        (None, Some(f), None) | (None, None, Some(f)) => Some(f),
        (Some(_), None, None) | (None, None, None) => None,
    };
    if let Some(d) = direct {
        let found = Found {
            value: d.value,
            source: d.source,
            origin: d.origin,
        };
        return if found.value.is_empty() {
            Lookup::Empty(found)
        } else {
            Lookup::Found(found)
        };
    }
    if let Some((path, how)) = file {
        return read_secret(&path, &how, var.file_mode, warnings);
    }
    if let Some(d) = &vars.dotenv
        && let Some(e) = d.get(name)
        && e.value.is_none()
    {
        return Lookup::Bare(format!("{}:{}", d.path.display(), e.line));
    }
    Lookup::Missing
}

/// The file of `name` in a secrets folder: its own name, else the one name that differs only
/// in case (`db_password` for `DB_PASSWORD`, as pydantic-settings' `secrets_dir` matches by
/// default); two such names match none, as neither is more right.
fn in_secrets_dir(dir: &Path, name: &str) -> Option<PathBuf> {
    let exact = dir.join(name);
    if exact.exists() {
        return Some(exact);
    }
    let mut found = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|f| f.to_str())
                .is_some_and(|f| f.eq_ignore_ascii_case(name))
        });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

fn read_secret(path: &Path, how: &str, mode: FileMode, warnings: &mut Vec<String>) -> Lookup {
    let shown = crate::output::escape::escape_str(&path.display().to_string());
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return Lookup::Refused(format!("{shown} (from {how}): {}", plain(&e))),
    };
    // A FIFO, device or directory is refused by its kind, never waited on: the application
    // reads the file after redkit, so a pipe would be empty for one of the two.
    if !meta.is_file() {
        return Lookup::Refused(format!(
            "{shown} (from {how}): {}, not a regular file",
            crate::files::kind(&meta)
        ));
    }
    {
        use std::os::unix::fs::PermissionsExt;
        let bits = meta.permissions().mode() & 0o777;
        if bits & 0o044 != 0 {
            warnings.push(format!(
                "{shown}: a secret file readable by group or others (mode {bits:04o}); chmod 600 it"
            ));
        }
    }
    let text = match crate::files::read_regular_text(path, SECRET_FILE_LIMIT) {
        Ok(t) => t,
        Err(e) => {
            return Lookup::Refused(format!("{shown} (from {how}): cannot read: {}", plain(&e)));
        }
    };
    let value = match mode {
        FileMode::Whole => text,
        FileMode::FirstLine => {
            let first = text.split('\n').next().unwrap_or_default();
            first.strip_suffix('\r').unwrap_or(first).to_string()
        }
    };
    let found = Found {
        value,
        source: Source::File,
        origin: path.display().to_string(),
    };
    if found.value.is_empty() {
        Lookup::Empty(found)
    } else {
        Lookup::Found(found)
    }
}

/// An I/O error without the OS's code number.
fn plain(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
