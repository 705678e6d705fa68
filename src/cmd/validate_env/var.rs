//! The spec's types: levels, variable types and one variable's rules. Parsing (`spec.rs`) and
//! checking (`check.rs`) both build on these.

use std::sync::Arc;

use regex::Regex;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Required,
    Recommended,
    Optional,
    /// Keys of `--example` that the spec does not name.
    Example,
    /// Keys set in `.env` that the spec does not name.
    Unknown,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Required => "required",
            Level::Recommended => "recommended",
            Level::Optional => "optional",
            Level::Example => "example",
            Level::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum VarType {
    String,
    Int,
    Port,
    Bool,
    Url { schemes: Vec<String> },
    RedisUrl,
    Enum { values: Vec<String> },
    Email,
    Duration,
    Path,
    Json,
}

impl VarType {
    pub fn name(&self) -> &'static str {
        match self {
            VarType::String => "string",
            VarType::Int => "int",
            VarType::Port => "port",
            VarType::Bool => "bool",
            VarType::Url { .. } => "url",
            VarType::RedisUrl => "redis-url",
            VarType::Enum { .. } => "enum",
            VarType::Email => "email",
            VarType::Duration => "duration",
            VarType::Path => "path",
            VarType::Json => "json",
        }
    }
}

/// How much of a `VAR_FILE` / `secrets_dir` file is the value (`file_mode:` in the spec).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FileMode {
    /// The first line, without its line end (a password file).
    #[default]
    FirstLine,
    /// Every byte (a key or a certificate).
    Whole,
}

#[derive(Debug, Clone)]
pub struct VarSpec {
    pub name: String,
    pub level: Level,
    pub ty: VarType,
    pub secret: bool,
    pub default: Option<String>,
    pub description: Option<String>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub pattern: Option<(String, Arc<Regex>)>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Redis commands the application needs, checked with ACL DRYRUN under `--connect`.
    pub commands: Vec<String>,
    pub file_mode: FileMode,
}

#[derive(Debug, Clone)]
pub struct Spec {
    /// Where the spec came from: a file, the config's `env:` section, or `built-in`.
    pub origin: String,
    pub vars: Vec<VarSpec>,
}
