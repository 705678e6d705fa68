//! `redkit config [show]`: the resolved settings, where each came from, secrets masked.

use std::io::{self, Write};

use crate::output::Cell;
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cmd::Ctx;
use crate::exit::ExitStatus;
use crate::output::{Render, Ui};
use crate::settings::SettingRow;

pub const EXAMPLES: &str = "\
Examples:
  redkit config                        table of every setting and its source
  redkit config show --format json     the same for scripts
  redkit --profile staging config      what the staging profile resolves to";

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub action: Option<ConfigAction>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the resolved settings (the default)
    Show,
}

#[derive(Debug, Serialize)]
pub struct ConfigReport {
    pub profile: Option<String>,
    pub settings: Vec<SettingRow>,
}

impl crate::output::Formats for ConfigReport {}

impl Render for ConfigReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let mut t = ui.table();
        t.set_header(vec!["setting", "value", "source", "origin"]);
        for r in &self.settings {
            t.add_row(vec![
                Cell::new(&r.key),
                Cell::new(r.value.as_deref().unwrap_or("-")),
                Cell::new(if r.value.is_some() {
                    r.source.to_string()
                } else {
                    "-".into()
                }),
                Cell::new(&r.origin),
            ]);
        }
        writeln!(w, "{t}")
    }

    fn ndjson_items(&self) -> Vec<serde_json::Value> {
        self.settings
            .iter()
            .filter_map(|r| serde_json::to_value(r).ok())
            .collect()
    }
}

pub fn run(ctx: &Ctx, _args: &ConfigArgs) -> anyhow::Result<ExitStatus> {
    // The rows as resolved: the URL's parts are already weighed in by the settings.
    ctx.settings.redis_rows()?;
    let settings = ctx.settings.rows();
    let report = ConfigReport {
        profile: ctx.settings.profile.clone(),
        settings,
    };
    ctx.out.emit_outcome(&report, true)?;
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Source;

    #[test]
    fn table_has_a_row_per_setting_with_its_source() {
        let row = |key: &str, value: Option<&str>, source, origin: &str| SettingRow {
            key: key.into(),
            value: value.map(str::to_string),
            source,
            origin: origin.into(),
            secret: false,
        };
        let r = ConfigReport {
            profile: None,
            settings: vec![
                row(
                    "redis.host",
                    Some("cache.internal"),
                    Source::Env,
                    "REDIS_HOST",
                ),
                row("redis.password", Some("****"), Source::DotEnv, ".env"),
                row("redis.sentinel", None, Source::Default, ""),
            ],
        };
        let text = crate::cmd::table_of(&r);
        let words = |needle: &str| -> Vec<String> {
            let line = text
                .lines()
                .find(|l| l.contains(needle))
                .unwrap_or_default();
            line.split_whitespace().map(str::to_string).collect()
        };
        assert_eq!(
            words("setting"),
            ["setting", "value", "source", "origin"],
            "{text}"
        );
        assert_eq!(
            words("redis.host"),
            ["redis.host", "cache.internal", "env", "REDIS_HOST"]
        );
        assert_eq!(
            words("redis.password"),
            ["redis.password", "****", ".env", ".env"]
        );
        // An unset setting shows no source.
        assert_eq!(
            words("redis.sentinel"),
            ["redis.sentinel", "-", "-"],
            "{text}"
        );
    }
}
