//! The output formats and the colour choice, as plain types: the command line maps its flags
//! onto these, so nothing below the commands depends on clap.

/// How a report is printed. Each report declares the formats it supports (`Formats::FORMATS`);
/// `about` is each format's line in `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Table,
    Json,
    Ndjson,
    Prometheus,
    Nagios,
    Raw,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: &'static [Format] = &[
        Format::Table,
        Format::Json,
        Format::Ndjson,
        Format::Prometheus,
        Format::Nagios,
        Format::Raw,
    ];

    /// What the format is, for `--help`.
    pub fn about(self) -> &'static str {
        match self {
            Format::Table => "Aligned table for people (default)",
            Format::Json => "One JSON document",
            Format::Ndjson => "One JSON object per line",
            Format::Prometheus => "Prometheus text exposition format",
            Format::Nagios => "Monitoring-plugin line with perfdata",
            Format::Raw => "Values as stored",
        }
    }

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

/// Refuses a format the command cannot produce (a usage error naming the command and the
/// formats it has).
pub fn require(format: Format, command: &str, allowed: &[Format]) -> anyhow::Result<()> {
    if allowed.contains(&format) {
        return Ok(());
    }
    let names: Vec<&str> = allowed.iter().map(|f| f.name()).collect();
    Err(crate::exit::usage(format!(
        "--format {}: not available for {command} (use {})",
        format.name(),
        names.join(", ")
    )))
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
    /// `--wide`: tables show every cell whole, however wide the terminal.
    pub wide: bool,
}
