//! What the settings are resolved from on the command line, as plain data: the clap types in
//! `cli.rs` convert into these, so the settings never depend on the command-line parser.

use std::path::PathBuf;

use super::keys::Key;

/// The file-choosing flags and the connection flags.
#[derive(Debug, Clone, Default)]
pub struct SettingsInput {
    pub config: Option<PathBuf>,
    pub profile: Option<String>,
    pub env_file: Option<PathBuf>,
    pub no_env_file: bool,
    pub conn: ConnFlags,
}

/// How to reach Redis, as given by flags: the value of each row's flag, as text (a switch
/// given is `true`), keyed by its row, so a new setting needs no field here. The URL list and
/// the two ways to give a password are not one row's value and stay apart.
#[derive(Debug, Clone, Default)]
pub struct ConnFlags {
    pub url: Vec<String>,
    pub password_file: Option<PathBuf>,
    pub askpass: bool,
    given: Vec<(&'static str, String)>,
}

impl ConnFlags {
    /// Records `row`'s flag as given with `value` (a later value for the same row is ignored:
    /// the stronger place is set first).
    pub fn set(&mut self, row: &'static Key, value: Option<String>) {
        if let Some(v) = value
            && self.get(row).is_none()
        {
            self.given.push((row.name, v));
        }
    }

    /// A switch: given means `true`; not given leaves the row to the weaker sources.
    pub fn switch(&mut self, row: &'static Key, on: bool) {
        self.set(row, on.then(|| "true".to_string()));
    }

    /// The value given for `row`'s flag.
    pub fn get(&self, row: &Key) -> Option<&str> {
        self.given
            .iter()
            .find(|(name, _)| *name == row.name)
            .map(|(_, v)| v.as_str())
    }

    /// These flags, each one not given here taken from `outer` (options after the
    /// subcommand win over those before it).
    pub fn or(mut self, outer: ConnFlags) -> ConnFlags {
        if self.url.is_empty() {
            self.url = outer.url;
        }
        self.password_file = self.password_file.or(outer.password_file);
        self.askpass |= outer.askpass;
        for (name, v) in outer.given {
            if !self.given.iter().any(|(n, _)| *n == name) {
                self.given.push((name, v));
            }
        }
        self
    }
}
