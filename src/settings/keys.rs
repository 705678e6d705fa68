//! The one table of settings: each key's flag, environment variables, config paths, default,
//! whether it is a secret, and how the `init` starter writes it. Resolution, `config show`,
//! the starter and the check of the config file's keys all read it, so a new setting is one
//! row here (plus its typed field where a command reads it). Each row is a constant, and the
//! settings types name the constant of each field (`Settings::shown`), so code never looks a
//! row up by its name; a unit test there ties every row to a field and back.

/// One setting.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// The dotted config path, also the name `config show` prints (`redis.port`).
    pub name: &'static str,
    /// The flag that sets it (`--port`), for messages; `cli` keys the flag's value by this
    /// row and a test there checks each connection flag against it.
    pub flag: Option<&'static str>,
    /// Environment (and `.env`) variables, strongest first.
    pub env: &'static [&'static str],
    /// Other config paths read after `name` (older spellings).
    pub aliases: &'static [&'static str],
    /// The built-in default, as text.
    pub default: Option<&'static str>,
    pub secret: bool,
    /// The line `redkit init` writes (YAML value), commented out when `starter_commented`.
    pub starter: Option<&'static str>,
    pub starter_commented: bool,
    /// What it is, for the starter's comment.
    pub help: &'static str,
}

const fn key(name: &'static str) -> Key {
    Key {
        name,
        flag: None,
        env: &[],
        aliases: &[],
        default: None,
        secret: false,
        starter: None,
        starter_commented: false,
        help: "",
    }
}

pub const REDIS_URL: Key = Key {
    flag: Some("--url"),
    env: &["REDIS_URL"],
    starter: Some("\"${REDIS_URL}\""),
    starter_commented: true,
    help: "redis://, rediss:// (TLS) or redis+unix:///path.sock; a list seeds a cluster",
    ..key("redis.url")
};

pub const REDIS_HOST: Key = Key {
    flag: Some("--host"),
    env: &["REDIS_HOST"],
    default: Some("localhost"),
    starter: Some("\"${REDIS_HOST:localhost}\""),
    ..key("redis.host")
};

pub const REDIS_PORT: Key = Key {
    flag: Some("--port"),
    env: &["REDIS_PORT"],
    default: Some("6379"),
    starter: Some("\"${REDIS_PORT:6379}\""),
    ..key("redis.port")
};

pub const REDIS_DB: Key = Key {
    flag: Some("--db"),
    env: &["REDIS_DB"],
    default: Some("0"),
    starter: Some("\"${REDIS_DB:0}\""),
    ..key("redis.db")
};

pub const REDIS_USERNAME: Key = Key {
    flag: Some("--user"),
    env: &["REDIS_USERNAME"],
    starter: Some("\"${REDIS_USERNAME:}\""),
    starter_commented: true,
    help: "an ACL user",
    ..key("redis.username")
};

pub const REDIS_PASSWORD: Key = Key {
    flag: Some("--password-file"),
    env: &["REDIS_PASSWORD"],
    secret: true,
    starter: Some("\"${REDIS_PASSWORD:}\""),
    help: "the password; never write it into a config file",
    ..key("redis.password")
};

pub const REDIS_CLUSTER: Key = Key {
    flag: Some("--cluster"),
    default: Some("false"),
    starter: Some("false"),
    starter_commented: true,
    help: "the url(s) are seed nodes of a Redis Cluster",
    ..key("redis.cluster")
};

pub const REDIS_SENTINEL: Key = Key {
    flag: Some("--sentinel"),
    starter: Some("\"127.0.0.1:26379\""),
    starter_commented: true,
    help: "find the master through this Sentinel",
    ..key("redis.sentinel")
};

pub const REDIS_MASTER_NAME: Key = Key {
    flag: Some("--master-name"),
    starter: Some("mymaster"),
    starter_commented: true,
    ..key("redis.master_name")
};

pub const REDIS_TLS: Key = Key {
    flag: Some("--tls"),
    // The application's own config calls it `ssl`.
    aliases: &["redis.ssl"],
    default: Some("false"),
    starter: Some("false"),
    starter_commented: true,
    ..key("redis.tls")
};

pub const REDIS_CACERT: Key = Key {
    flag: Some("--cacert"),
    starter: Some("/etc/ssl/redis-ca.pem"),
    starter_commented: true,
    ..key("redis.cacert")
};

pub const REDIS_CERT: Key = Key {
    flag: Some("--cert"),
    help: "client certificate (mutual TLS)",
    ..key("redis.cert")
};

pub const REDIS_KEY: Key = Key {
    flag: Some("--key"),
    help: "client key (mutual TLS)",
    ..key("redis.key")
};

pub const REDIS_INSECURE: Key = Key {
    flag: Some("--insecure"),
    default: Some("false"),
    help: "skip certificate verification (tests only)",
    ..key("redis.insecure")
};

pub const REDIS_CONNECT_TIMEOUT: Key = Key {
    flag: Some("--connect-timeout"),
    default: Some("5s"),
    starter: Some("5s"),
    ..key("redis.connect_timeout")
};

pub const REDIS_TIMEOUT: Key = Key {
    flag: Some("--timeout"),
    default: Some("5s"),
    starter: Some("5s"),
    help: "the bound on every reply",
    ..key("redis.timeout")
};

pub const CACHE_PREFIX: Key = Key {
    aliases: &["cache.providers.redis.key_prefix"],
    default: Some("agent:cache:"),
    starter: Some("\"agent:cache:\""),
    help: "what `cache flush` and `cache stats` select by default",
    ..key("cache.prefix")
};

pub const STREAMS_MATCH: Key = Key {
    default: Some("job_events:*"),
    starter: Some("\"job_events:*\""),
    help: "the job streams (`stream list`, `stream jobs`, health)",
    ..key("streams.match")
};

pub const STREAMS_JOB_KEY: Key = Key {
    default: Some("job_events:{job_id}"),
    starter: Some("\"job_events:{job_id}\""),
    ..key("streams.job_key")
};

pub const STREAMS_STUCK_AFTER: Key = Key {
    default: Some("15m"),
    starter: Some("15m"),
    help: "a job without an outcome whose last event is older is stuck",
    ..key("streams.stuck_after")
};

pub const MIGRATE_DATABASE_URL: Key = Key {
    env: &["DATABASE_URL"],
    secret: true,
    starter: Some("\"${DATABASE_URL:}\""),
    starter_commented: true,
    help: "for `migrate`: mysql://, postgres:// or sqlite://",
    ..key("migrate.database_url")
};

pub const ENV_DOTENV_DIALECT: Key = Key {
    flag: Some("--dotenv"),
    default: Some("python"),
    help: "how the application reads .env: python (python-dotenv), shell (set -a; . ./.env), compose, dotenvy",
    ..key("env.dotenv_dialect")
};

pub const ENV_REQUIRE_SPEC: Key = Key {
    flag: Some("--require-spec"),
    default: Some("false"),
    help: "validate-env and run exit 2 when no spec (no --spec, no env: levels) is found",
    ..key("env.require_spec")
};

pub const ENV_SECRETS_DIR: Key = Key {
    flag: Some("--secrets-dir"),
    help: "a variable not set is read from the file of its name here (/run/secrets)",
    ..key("env.secrets_dir")
};

/// Every row, in the order `config show` and the starter list them.
pub const KEYS: &[Key] = &[
    REDIS_URL,
    REDIS_HOST,
    REDIS_PORT,
    REDIS_DB,
    REDIS_USERNAME,
    REDIS_PASSWORD,
    REDIS_CLUSTER,
    REDIS_SENTINEL,
    REDIS_MASTER_NAME,
    REDIS_TLS,
    REDIS_CACERT,
    REDIS_CERT,
    REDIS_KEY,
    REDIS_INSECURE,
    REDIS_CONNECT_TIMEOUT,
    REDIS_TIMEOUT,
    CACHE_PREFIX,
    STREAMS_MATCH,
    STREAMS_JOB_KEY,
    STREAMS_STUCK_AFTER,
    MIGRATE_DATABASE_URL,
    ENV_DOTENV_DIALECT,
    ENV_REQUIRE_SPEC,
    ENV_SECRETS_DIR,
];

/// The config file's top-level entries: the sections of the table plus those a command reads
/// whole (`health:`, `env:`, `migrate:` names, each checked by its command) and the file's own.
pub const TOP_LEVEL: &[&str] = &[
    "env_file", "profiles", "redis", "cache", "streams", "migrate", "health", "env",
];

/// Sections a command reads and checks whole, with its own errors (`health:` thresholds,
/// the `env:` spec of validate-env).
pub const CHECKED_BY_COMMAND: &[&str] = &["health", "env"];

/// The table and column names `migrate` reads from its section (`migrate::names`), beside
/// its URL: config-only settings that `config show` leaves to `migrate --dry-run`.
pub const MIGRATE_NAMES: &[&str] = &[
    "migrate.messages.table",
    "migrate.messages.id",
    "migrate.messages.receiver_id",
    "migrate.messages.is_read",
    "migrate.messages.created_at",
    "migrate.recipients.table",
    "migrate.recipients.message_id",
    "migrate.recipients.recipient_id",
    "migrate.recipients.is_read",
    "migrate.recipients.read_at",
    "migrate.recipients.created_at",
    "migrate.users.table",
    "migrate.users.id",
    "migrate.state_table",
];

/// Every config path the file may hold in the sections the table owns, split into segments.
pub fn config_paths() -> Vec<Vec<&'static str>> {
    KEYS.iter()
        .flat_map(|k| std::iter::once(k.name).chain(k.aliases.iter().copied()))
        .chain(MIGRATE_NAMES.iter().copied())
        .map(|p| p.split('.').collect())
        .collect()
}

/// The `redis:`, `cache:`, `streams:` and `migrate:` sections of the `init` starter, from the
/// table.
pub fn starter_sections() -> String {
    let mut out = String::new();
    let mut section = "";
    for k in KEYS {
        let Some(value) = k.starter else { continue };
        let (sec, rest) = k.name.split_once('.').unwrap_or((k.name, ""));
        if sec != section {
            if !section.is_empty() {
                out.push('\n');
            }
            section = sec;
            let hash = if KEYS
                .iter()
                .filter(|o| o.name.starts_with(&format!("{sec}.")) && o.starter.is_some())
                .all(|o| o.starter_commented)
            {
                "# "
            } else {
                ""
            };
            out.push_str(&format!("{hash}{sec}:\n"));
        }
        let hash = if k.starter_commented { "# " } else { "" };
        let mut line = format!("  {hash}{rest}: {value}");
        if !k.help.is_empty() {
            let pad = 38usize.saturating_sub(line.len()).max(1);
            line.push_str(&format!("{}# {}", " ".repeat(pad), k.help));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_in_known_sections() {
        for (i, k) in KEYS.iter().enumerate() {
            assert!(
                KEYS[..i].iter().all(|o| o.name != k.name),
                "{} twice",
                k.name
            );
            let sec = k.name.split('.').next().unwrap_or("");
            assert!(TOP_LEVEL.contains(&sec), "{}", k.name);
        }
    }

    #[test]
    fn starter_sections_parse_and_name_only_known_keys() {
        let text = starter_sections();
        let v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let redis = v.get("redis").and_then(|r| r.as_mapping()).unwrap();
        assert!(redis.contains_key("host") && redis.contains_key("password"));
        assert!(!redis.contains_key("url"), "url is commented out");
        assert!(text.contains("# url: \"${REDIS_URL}\""), "{text}");
    }
}
