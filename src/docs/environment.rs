//! The ENVIRONMENT and FILES sections of the man pages: per command, what it reads. The
//! variables come from the settings table (`settings::keys`, by section), so a new setting
//! with a variable shows on the pages of the commands that read its section.

use std::io::Write;

use super::{esc, text_line};

/// What a command reads beyond its flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The settings search path and `.env` (every command that resolves settings).
    Config,
    /// The `redis.*` settings: a connection.
    Redis,
    /// The `cache.*` settings.
    Cache,
    /// The `streams.*` settings.
    Streams,
    /// The `migrate.*` settings: the database.
    Database,
    /// The `env.*` settings: validate-env's.
    Env,
    /// Tables and colour on a terminal.
    Terminal,
    /// health's state file.
    State,
    /// bench's baselines.
    Baselines,
    /// top's recordings.
    Recordings,
    /// The starter config init writes.
    Starter,
}

use Need::*;

const ALL: &[Need] = &[
    Config, Redis, Cache, Streams, Database, Env, Terminal, State, Baselines, Recordings, Starter,
];

/// What the page of `path` (`["redkit", "cache", "flush"]`) documents: the top page all, a
/// subcommand's page what its command reads.
pub fn needs(path: &[String]) -> &'static [Need] {
    match path.get(1).map(String::as_str) {
        None => ALL,
        Some("completions") => &[],
        Some("init") => &[Starter],
        Some("validate-env" | "run") => &[Config, Database, Env, Terminal],
        Some("config") => &[Config, Redis, Cache, Streams, Database, Env, Terminal],
        Some("bench") => &[Config, Redis, Terminal, Baselines],
        Some("cache") => &[Config, Redis, Cache, Terminal],
        Some("health") => &[Config, Redis, Streams, Terminal, State],
        Some("ping") => &[Config, Redis, Terminal],
        Some("stream") => &[Config, Redis, Streams, Terminal],
        Some("wait") => &[Config, Redis, Database, Terminal],
        Some("top") => &[Config, Redis, Streams, Terminal, Recordings],
        Some("migrate") => &[Config, Database, Terminal],
        Some(_) => ALL,
    }
}

/// The section of the settings table a need stands for.
fn section(n: Need) -> Option<&'static str> {
    match n {
        Redis => Some("redis"),
        Cache => Some("cache"),
        Streams => Some("streams"),
        Database => Some("migrate"),
        Env => Some("env"),
        Config | Terminal | State | Baselines | Recordings | Starter => None,
    }
}

/// Variables outside the settings table, with the need that reads them.
const OTHERS: &[(Need, &str, &str)] = &[
    (Config, "REDKIT_CONFIG", "The config file, as --config."),
    (
        Config,
        "REDKIT_PROFILE",
        "The profile of the config file, as --profile.",
    ),
    (
        Config,
        "REDKIT_SYSTEM_CONFIG_DIR",
        "An absolute folder read instead of /etc/redkit (packagers, tests).",
    ),
    (
        Config,
        "XDG_CONFIG_HOME",
        "The user's config folder (absolute; else ~/.config): redkit/redkit.yaml in it.",
    ),
    (
        State,
        "XDG_STATE_HOME",
        "The user's state folder (else ~/.local/state): health's state file redkit/health.json in it.",
    ),
    (Config, "HOME", "Where ~/.config and ~/.local/state are."),
    (
        Terminal,
        "COLUMNS",
        "The width tables fit on a terminal (else the terminal's, else 80); --wide ignores it.",
    ),
    (
        Terminal,
        "NO_COLOR",
        "When set and not empty, --color auto means no colour.",
    ),
    (Terminal, "TERM", "dumb means no colour under --color auto."),
    (
        Terminal,
        "TZ",
        "The zone tables write times in (TZ=Asia/Tokyo; else /etc/localtime, else UTC), named \
         once in each table's header (started (UTC+09:00)); JSON keeps RFC 3339 times.",
    ),
    (
        Env,
        "REDKIT_PRINT_DOTENV",
        "1: validate-env prints the .env as the dialect read it (JSON, values unmasked) and exits: \
         a test hook for comparing dialects with the real parsers, in debug builds only (a \
         release binary ignores it).",
    ),
    (
        Env,
        "NAME_FILE",
        "For a variable NAME of the spec: a file holding its value (Docker and Kubernetes \
         secrets, VAR_FILE=/run/secrets/var), used when NAME itself is not set (both set is refused); \
         not when the spec declares NAME_FILE as a variable of its own.",
    ),
];

/// Every variable the page's command reads: the settings table's rows of its sections (each
/// with its flag and default), then those that steer the config search, state and terminal.
pub fn environment_section(w: &mut Vec<u8>, needs: &[Need]) -> std::io::Result<()> {
    writeln!(w, ".SH ENVIRONMENT")?;
    let sections: Vec<&str> = needs.iter().filter_map(|n| section(*n)).collect();
    let keys: Vec<&crate::settings::keys::Key> = crate::settings::keys::KEYS
        .iter()
        .filter(|k| {
            let sec = k.name.split('.').next().unwrap_or_default();
            sections.contains(&sec) && !k.env.is_empty()
        })
        .collect();
    let others: Vec<&(Need, &str, &str)> = OTHERS
        .iter()
        .filter(|(n, _, _)| needs.contains(n))
        .collect();
    if keys.is_empty() && others.is_empty() {
        writeln!(
            w,
            "{}",
            text_line("None: the output is the same in every environment.")
        )?;
        return Ok(());
    }
    if needs.contains(&Config) {
        let mut intro = String::from(
            "Flags win over variables, variables over the .env file, that over the config file.",
        );
        if needs.contains(&Env) {
            intro.push_str(
                " validate-env also reads the variables its spec lists (the application's).",
            );
        }
        writeln!(w, "{}", text_line(&intro))?;
    }
    for k in keys {
        for var in k.env {
            writeln!(w, ".TP")?;
            writeln!(w, "\\fB{}\\fR", esc(var))?;
            let mut what = format!("The setting {}", k.name);
            if let Some(f) = k.flag {
                what.push_str(&format!(" ({f})"));
            }
            if let Some(d) = k.default {
                what.push_str(&format!(", default {d}"));
            }
            if !k.help.is_empty() {
                what.push_str(&format!(": {}", k.help));
            }
            if k.secret {
                what.push_str(" (a secret: shown masked)");
            }
            writeln!(w, "{}.", text_line(&what))?;
        }
    }
    for (_, var, what) in others {
        writeln!(w, ".TP")?;
        writeln!(w, "\\fB{}\\fR", esc(var))?;
        writeln!(w, "{}", text_line(what))?;
    }
    Ok(())
}

/// Files, with the need that reads or writes them.
const FILES: &[(Need, &str, &str)] = &[
    (
        Config,
        "./redkit.yaml",
        "The config file, first on the search path (or --config FILE, REDKIT_CONFIG).",
    ),
    (
        Config,
        "$XDG_CONFIG_HOME/redkit/redkit.yaml",
        "Next on the search path (~/.config/redkit/redkit.yaml without XDG_CONFIG_HOME).",
    ),
    (
        Config,
        "/etc/redkit/redkit.yaml",
        "Last on the search path (the folder is REDKIT_SYSTEM_CONFIG_DIR when set).",
    ),
    (
        Config,
        "./.env",
        "Variables for settings and validate-env, never over the real environment \
         (--env-file FILE, --no-env-file).",
    ),
    (
        Redis,
        "--password-file, --cacert, --cert, --key FILE",
        "The password and TLS material, read when connecting.",
    ),
    (
        Database,
        "--database-url sqlite://FILE",
        "A SQLite database is a file (opened in WAL mode by migrate).",
    ),
    (
        State,
        "/var/lib/redkit/health.json",
        "health's state between runs (--state FILE), where that folder exists and can be written.",
    ),
    (
        State,
        "$XDG_STATE_HOME/redkit/health.json",
        "Else here (~/.local/state/redkit/health.json without XDG_STATE_HOME). Written \
         atomically: a temporary file, then rename.",
    ),
    (
        Env,
        "--secrets-dir DIR/NAME",
        "A file per variable (the value is its text), read for a variable not set otherwise \
         (env.secrets_dir in the config).",
    ),
    (
        Baselines,
        "bench --save FILE, --compare FILE",
        "A benchmark baseline: the JSON report, written atomically.",
    ),
    (
        Recordings,
        "top --record FILE, --replay FILE",
        "A recording of top: one JSON frame per line.",
    ),
    (
        Starter,
        "./redkit.yaml",
        "What init writes (-o FILE), commented; it never overwrites without --force.",
    ),
];

/// The files the page's command reads and writes.
pub fn files_section(w: &mut Vec<u8>, needs: &[Need]) -> std::io::Result<()> {
    writeln!(w, ".SH FILES")?;
    let mut shown = std::collections::HashSet::new();
    let files: Vec<&(Need, &str, &str)> = FILES
        .iter()
        .filter(|(n, f, _)| needs.contains(n) && shown.insert(*f))
        .collect();
    if files.is_empty() {
        writeln!(
            w,
            "{}",
            text_line("None: the script goes to stdout (completions/ holds one per shell).")
        )?;
        return Ok(());
    }
    for (_, f, what) in files {
        writeln!(w, ".TP")?;
        writeln!(w, "\\fI{}\\fR", esc(f))?;
        writeln!(w, "{}", text_line(what))?;
    }
    Ok(())
}
