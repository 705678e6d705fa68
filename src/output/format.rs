//! The output formats and the colour choice, as plain types: the command line maps its flags
//! onto these, so nothing below the commands depends on clap.

/// How a report is printed. Each report declares the formats it supports (`Render::FORMATS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Aligned table for people (default)
    Table,
    /// One JSON document
    Json,
    /// One JSON object per line
    Ndjson,
    /// Prometheus text exposition format
    Prometheus,
    /// Monitoring-plugin line with perfdata
    Nagios,
    /// Values as stored
    Raw,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Prometheus => "prometheus",
            Format::Nagios => "nagios",
            Format::Raw => "raw",
        }
    }

    /// Machine formats never get colors or progress bars.
    pub fn is_machine(self) -> bool {
        match self {
            Format::Table => false,
            Format::Json | Format::Ndjson | Format::Prometheus | Format::Nagios | Format::Raw => {
                true
            }
        }
    }
}

/// When to colour: `auto` means a terminal, `NO_COLOR` unset, `TERM` not `dumb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// What the output layer needs from the command line.
#[derive(Debug, Clone, Default)]
pub struct OutputOptions {
    pub format: Option<Format>,
    pub color: ColorChoice,
    pub quiet: bool,
    pub verbose: u8,
}
