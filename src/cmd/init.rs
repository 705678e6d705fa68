//! `redkit init`: writes a commented starter redkit.yaml.

use std::path::PathBuf;

use clap::Args;

use crate::exit::{self, ExitStatus};
use crate::output::write_atomic;

pub const EXAMPLES: &str = "\
Examples:
  redkit init                      write ./redkit.yaml
  redkit init -o /etc/redkit.yaml --force";

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the file
    #[arg(short, long, value_name = "FILE", default_value = "redkit.yaml")]
    pub output: PathBuf,

    /// Overwrite an existing file
    #[arg(long)]
    pub force: bool,
}

/// The starter config: the settings table's sections (`settings::keys`), then the
/// validate-env spec and a profile.
pub fn starter() -> String {
    format!(
        "{HEAD}\n{}\n{TAIL}",
        crate::settings::keys::starter_sections()
    )
}

const HEAD: &str =
    "# redkit configuration. Values may use ${VAR} and ${VAR:default}; flags, the environment and
# .env override what is written here. Pick a profile with --profile NAME or REDKIT_PROFILE.
# A key that looks like a misspelling of one redkit reads is refused (exit 2), so a typo
# cannot fall back to a default; keys of the application sharing the file are left alone.
";

const TAIL: &str = r#"# The spec `redkit validate-env` checks. Types: string, int, port, bool, url, redis-url, enum,
# email, duration, path, json. A name containing KEY, SECRET, TOKEN, PASSWORD, PASSWD, PASS, PWD,
# AUTH, DSN, CREDS, CREDENTIAL or PRIVATE is secret (masked) unless it says `secret: false`.
# VAR_FILE=/run/secrets/var (Docker and Kubernetes secrets) gives VAR from a file; a whole
# file (a key, a certificate) with `file_mode: whole`.
env:
  # How the application reads .env: python (python-dotenv), shell (set -a; . ./.env),
  # compose (docker compose env_file) or dotenvy.
  dotenv_dialect: python
  # require_spec: true             # exit 2 when no spec is found (validate-env, run)
  # secrets_dir: /run/secrets      # VAR from the file /run/secrets/VAR when VAR is not set
  required:
    QWEN_API_KEY: { secret: true, description: "LLM gateway key" }
    JWT_SECRET_KEY: { min_length: 32, description: "signs session tokens" }
  recommended:
    REDIS_URL: { type: redis-url, description: "the application's Redis (redis://, rediss://)" }
    DATABASE_URL: { type: url, schemes: [mysql, postgres, postgresql, sqlite], description: "the application's database" }
    GLM_API_KEY: {}
    DEEPSEEK_API_KEY: {}
    ERP_USERNAME: {}
    ERP_PASSWORD: {}
  optional:
    OPENAI_API_KEY: {}
    CLAUDE_API_KEY: {}
    REDIS_HOST: { type: string, default: localhost }
    REDIS_PORT: { type: port, default: 6379 }
    REDIS_DB: { type: int, min: 0, default: 0 }
    REDIS_PASSWORD: { secret: true }
    LOG_LEVEL: { type: enum, values: [debug, info, warn, error], default: info }

profiles:
  staging:
    redis:
      host: redis.staging.internal
"#;

pub fn run(args: &InitArgs, out: &crate::output::Output) -> anyhow::Result<ExitStatus> {
    if args.output.exists() && !args.force {
        return Err(exit::usage(format!(
            "{}: already exists (use --force to overwrite)",
            args.output.display()
        )));
    }
    write_atomic(&args.output, starter().as_bytes())?;
    out.note(format!("wrote {}", args.output.display()));
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    #[test]
    fn starter_parses() {
        let v: serde_yaml::Value = serde_yaml::from_str(&super::starter()).unwrap();
        assert!(v.get("env").is_some());
        assert!(v.get("redis").and_then(|r| r.get("host")).is_some());
        let listed = &v["env"]["recommended"];
        assert!(listed.get("REDIS_URL").is_some() && listed.get("DATABASE_URL").is_some());
        assert_eq!(v["env"]["dotenv_dialect"], "python");
    }

    /// The starter's comment and the README name the same secret words as the code.
    #[test]
    fn starter_and_readme_name_every_secret_word() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        let readme_list = readme
            .split("when their name contains ")
            .nth(1)
            .and_then(|s| s.split('.').next())
            .expect("README lists the secret words");
        let starter = super::starter();
        let starter_list = starter
            .split("A name containing ")
            .nth(1)
            .and_then(|s| s.split(" is secret").next())
            .expect("starter lists the secret words");
        let words = |list: &str| -> Vec<String> {
            list.split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| !w.is_empty() && *w != "or")
                .map(str::to_string)
                .collect()
        };
        let want: Vec<String> = crate::secret::mask::SECRET_NAME_MARKERS
            .iter()
            .map(|m| m.to_string())
            .collect();
        assert_eq!(words(readme_list), want, "README");
        assert_eq!(words(starter_list), want, "redkit init");
    }
}
