//! Looking one setting up by its row of the table: the flag's value, else the row's
//! variables (the process environment over `.env`), else its config paths, else its default;
//! typed values parsed, a bad one a usage error naming where it came from.

use std::path::PathBuf;
use std::time::Duration;

use super::keys::Key;
use super::{ConfigFile, ConnFlags, Source, Sourced, Vars, parse_bool};
use crate::duration;
use crate::exit;

/// Looks settings up by their rows: flags, then variables, then the config file.
pub(super) struct Resolver<'a> {
    pub(super) vars: &'a Vars,
    pub(super) config: Option<&'a ConfigFile>,
    pub(super) flags: &'a ConnFlags,
}

impl Resolver<'_> {
    /// A setting of the table: its flag's value when given, else its variables, else its
    /// config paths.
    pub(super) fn setting(&self, k: &'static Key) -> Option<Sourced<String>> {
        let paths: Vec<Vec<&str>> = std::iter::once(k.name)
            .chain(k.aliases.iter().copied())
            .map(|p| p.split('.').collect())
            .collect();
        let paths: Vec<&[&str]> = paths.iter().map(Vec::as_slice).collect();
        let flag = self
            .flags
            .get(k)
            .map(|v| (v.to_string(), k.flag.unwrap_or(k.name)));
        self.pick(flag, k.env, &paths)
    }

    /// A setting, or the row's built-in default.
    pub(super) fn or_default(&self, k: &'static Key) -> Sourced<String> {
        self.setting(k).unwrap_or_else(|| {
            let d = k.default.unwrap_or_default();
            Sourced::new(d.to_string(), Source::Default, "built-in")
        })
    }

    /// A typed setting: its value (or the row's default) parsed, a bad one a usage error
    /// naming where it came from.
    pub(super) fn typed_setting<T>(
        &self,
        k: &'static Key,
        what: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> anyhow::Result<Sourced<T>> {
        self.typed(self.or_default(k), what, parse)
    }

    /// The strongest of: a flag value, the first set variable in `env`, the first set config
    /// path in `cfg`.
    fn pick(
        &self,
        flag: Option<(String, &str)>,
        env: &[&str],
        cfg: &[&[&str]],
    ) -> Option<Sourced<String>> {
        if let Some((v, name)) = flag {
            return Some(Sourced::new(v, Source::Flag, name));
        }
        for name in env {
            if let Some(v) = self.vars.get(name).filter(|v| !v.value.is_empty()) {
                return Some(v);
            }
        }
        let config = self.config?;
        for path in cfg {
            if let Some(v) = config.get_string(path) {
                return Some(Sourced::new(
                    v,
                    Source::Config,
                    format!("{} {}", config.path.display(), path.join(".")),
                ));
            }
        }
        None
    }

    fn typed<T>(
        &self,
        s: Sourced<String>,
        what: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> anyhow::Result<Sourced<T>> {
        match parse(s.value.trim()) {
            Ok(v) => Ok(Sourced::new(v, s.source, s.origin)),
            Err(e) => Err(exit::usage(format!(
                "{}: invalid {what} '{}': {e}",
                s.origin, s.value
            ))),
        }
    }

    pub(super) fn boolean(&self, k: &'static Key) -> anyhow::Result<Sourced<bool>> {
        self.typed_setting(k, "boolean", parse_bool)
    }

    /// A path setting. A relative path written in the config file is relative to the file's
    /// folder (as every tool that reads its paths from a config does), not to wherever redkit
    /// happens to run: `/etc/redkit/redkit.yaml` saying `secrets_dir: secrets` means
    /// `/etc/redkit/secrets` from `/` too. Flags and variables stay relative to the directory.
    pub(super) fn path(&self, k: &'static Key) -> Option<Sourced<PathBuf>> {
        let s = self.setting(k)?;
        let from_config = matches!(s.source, Source::Config | Source::SearchPath);
        let folder = self
            .config
            .and_then(|c| c.path.parent())
            .filter(|d| !d.as_os_str().is_empty());
        Some(s.map(|v| {
            let p = PathBuf::from(v);
            match folder {
                Some(d) if from_config && p.is_relative() => d.join(p),
                _ => p,
            }
        }))
    }

    pub(super) fn duration(&self, k: &'static Key) -> anyhow::Result<Sourced<Duration>> {
        self.typed_setting(k, "duration", duration::parse)
    }
}
