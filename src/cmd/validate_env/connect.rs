//! `validate-env --connect`: after the spec passes, every Redis and database the variables name
//! is tried for real (connect, authenticate, PING / `SELECT 1`), and the Redis commands a spec
//! lists are checked with `ACL DRYRUN` for the configured user. Failures are plain words, with
//! every password masked.

use std::time::{Duration, Instant};

use serde::Serialize;

use super::spec::{REDIS_PARTS, Spec, VarType};
use crate::db::DbUrl;
use crate::ops::probe;
use crate::redis::{Auth, Endpoint, Mode, Target, parse_url};
use crate::secret::mask;
use crate::settings::{Secret, Vars};

/// What one target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Redis,
    Database,
}

pub use super::acl::CommandCheck;

/// One connection tried, as the report shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ConnCheck {
    /// The variables it comes from (`REDIS_URL`, `REDIS_HOST/REDIS_PORT/REDIS_PASSWORD`).
    pub variables: String,
    pub kind: Kind,
    /// Address or URL, password masked.
    pub target: String,
    pub ok: bool,
    pub reason: Option<String>,
    /// The spec's commands and whether the user may run them (`[]` when none were checked).
    pub commands: Vec<CommandCheck>,
    /// A note that does not fail the run (commands that could not be checked), or null.
    pub note: Option<String>,
}

/// A target resolved from the variables, ready to be tried.
pub struct Planned {
    check: ConnCheck,
    how: How,
    commands: Vec<String>,
    /// Connected and answered: a denial now is the server's final word, not worth a retry.
    settled: bool,
}

enum How {
    Redis(Box<Target>),
    Database(DbUrl),
    /// The value cannot even be turned into a connection (the reason is already in `check`).
    Broken,
}

/// The value of a variable: the environment or `.env`, else the spec's default.
fn value(vars: &Vars, spec: &Spec, name: &str) -> Option<String> {
    vars.get(name)
        .map(|s| s.value)
        .filter(|v| !v.is_empty())
        .or_else(|| {
            spec.vars
                .iter()
                .find(|v| v.name == name)
                .and_then(|v| v.default.clone())
        })
}

fn is_db_url(text: &str) -> bool {
    let scheme = text
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(
        scheme.as_str(),
        "sqlite" | "mysql" | "mariadb" | "postgres" | "postgresql"
    )
}

/// Every target the spec's variables name. Timeouts come from the settings.
pub fn plan(spec: &Spec, vars: &Vars, base: &Auth) -> Vec<Planned> {
    let mut out = Vec::new();
    let mut any_redis_url = false;
    for v in &spec.vars {
        let Some(text) = value(vars, spec, &v.name) else {
            continue;
        };
        if v.ty == VarType::RedisUrl {
            any_redis_url = true;
            let shown = mask::mask_url(&text);
            let mut check = ConnCheck {
                variables: v.name.clone(),
                kind: Kind::Redis,
                target: shown,
                ok: false,
                reason: None,
                commands: Vec::new(),
                note: None,
            };
            let how = match parse_url(&text) {
                Ok(u) => {
                    check.target = u.endpoint.to_string();
                    How::Redis(Box::new(Target {
                        mode: Mode::Standalone(u.endpoint),
                        auth: Auth {
                            username: u.username,
                            password: u.password,
                            db: u.db.unwrap_or(0),
                            tls: u.tls || base.tls,
                            ..base.clone()
                        },
                        sentinel_credentials: (None, None),
                    }))
                }
                Err(_) => {
                    check.reason = Some("not a Redis URL".into());
                    How::Broken
                }
            };
            out.push(Planned {
                check,
                how,
                commands: v.commands.clone(),
                settled: false,
            });
        } else if matches!(v.ty, VarType::Url { .. }) || v.name.ends_with("DATABASE_URL") {
            if !is_db_url(&text) {
                continue;
            }
            let mut check = ConnCheck {
                variables: v.name.clone(),
                kind: Kind::Database,
                target: mask::mask_url(&text),
                ok: false,
                reason: None,
                commands: Vec::new(),
                note: None,
            };
            let how = match DbUrl::parse(&text, &v.name) {
                Ok(u) => {
                    check.target = u.masked.clone();
                    How::Database(u)
                }
                Err(e) => {
                    check.reason = Some(probe::escape(&e.to_string()));
                    How::Broken
                }
            };
            out.push(Planned {
                check,
                how,
                commands: Vec::new(),
                settled: false,
            });
        }
    }
    // REDIS_HOST, REDIS_PORT, REDIS_PASSWORD... are one target: when the spec names any of them,
    // and either one is set or no Redis URL is (the application then connects with them).
    let parts: Vec<&super::spec::VarSpec> = spec
        .vars
        .iter()
        .filter(|v| REDIS_PARTS.contains(&v.name.as_str()))
        .collect();
    let set = parts
        .iter()
        .any(|v| vars.get(&v.name).is_some_and(|s| !s.value.is_empty()));
    if !parts.is_empty() && (set || !any_redis_url) {
        let get = |n: &str| {
            parts
                .iter()
                .any(|v| v.name == n)
                .then(|| value(vars, spec, n))
                .flatten()
        };
        let names: Vec<&str> = parts.iter().map(|v| v.name.as_str()).collect();
        let host = get("REDIS_HOST").unwrap_or_else(|| "localhost".into());
        let mut check = ConnCheck {
            variables: names.join("/"),
            kind: Kind::Redis,
            target: String::new(),
            ok: false,
            reason: None,
            commands: Vec::new(),
            note: None,
        };
        let port = get("REDIS_PORT").unwrap_or_else(|| "6379".into());
        let db = get("REDIS_DB").unwrap_or_else(|| "0".into());
        let how = match (port.trim().parse::<u16>(), db.trim().parse::<i64>()) {
            (Ok(port), Ok(db)) => {
                let ep = Endpoint::Tcp {
                    host: host.trim().to_string(),
                    port,
                };
                check.target = ep.to_string();
                How::Redis(Box::new(Target {
                    mode: Mode::Standalone(ep),
                    auth: Auth {
                        username: get("REDIS_USERNAME").filter(|u| !u.is_empty()),
                        password: get("REDIS_PASSWORD")
                            .filter(|p| !p.is_empty())
                            .map(Secret::new),
                        db,
                        ..base.clone()
                    },
                    sentinel_credentials: (None, None),
                }))
            }
            _ => {
                check.target = format!("{}:{}", host.trim(), port.trim());
                check.reason = Some("REDIS_PORT or REDIS_DB is not a number".into());
                How::Broken
            }
        };
        let commands = parts.iter().flat_map(|v| v.commands.clone()).collect();
        out.push(Planned {
            check,
            how,
            commands,
            settled: false,
        });
    }
    out
}

/// Tries every target, retrying the failing ones every second until `wait` has passed. Only
/// "not there yet" is retried: a target whose server answered no (a wrong password, NOPERM, a
/// denied command) is settled at once, and the wait goes on only for the others (so the report
/// says how each of them ends), ending when none is left to retry.
pub async fn run(mut targets: Vec<Planned>, wait: Duration, timeout: Duration) -> Vec<ConnCheck> {
    let deadline = Instant::now() + wait;
    let mut first = true;
    loop {
        // The first try gets its own timeouts; a retry ends at the deadline (keeping what the
        // last finished try found), and none starts with no time left.
        let left = deadline.saturating_duration_since(Instant::now());
        if !first && left.is_zero() {
            break;
        }
        let pending: Vec<&mut Planned> = targets.iter_mut().filter(|t| t.retry()).collect();
        futures::future::join_all(pending.into_iter().map(|t| async move {
            if first {
                attempt(t, timeout).await;
            } else {
                let _ = tokio::time::timeout(left, attempt(t, timeout)).await;
            }
        }))
        .await;
        first = false;
        let now = Instant::now();
        if !targets.iter().any(Planned::retry) || now >= deadline {
            break;
        }
        tokio::time::sleep(Duration::from_secs(1).min(deadline - now)).await;
    }
    targets.into_iter().map(|t| t.check).collect()
}

impl Planned {
    fn retry(&self) -> bool {
        !self.check.ok && !self.settled && !matches!(self.how, How::Broken)
    }
}

/// One try of one target. Nothing of `t` changes until the try has finished, so a try cut
/// short at the deadline leaves what the last finished one found.
async fn attempt(t: &mut Planned, timeout: Duration) {
    let mut acl = None;
    let result = match &t.how {
        How::Redis(target) => match probe::redis(target).await {
            Ok(mut node) => {
                let user = target
                    .auth
                    .username
                    .clone()
                    .unwrap_or_else(|| "default".into());
                let (checks, note) = super::acl::acl_checks(&mut node, &user, &t.commands).await;
                let denied: Vec<String> = checks
                    .iter()
                    .filter(|c| c.allowed == Some(false))
                    .map(|c| c.command.clone())
                    .collect();
                acl = Some((checks, note));
                if denied.is_empty() {
                    Ok(())
                } else {
                    Err(probe::NotReady::no(format!(
                        "user '{}' may not run {}",
                        probe::escape(&user),
                        denied.join(", ")
                    )))
                }
            }
            Err(e) => Err(e),
        },
        How::Database(url) => probe::database(url, timeout).await,
        How::Broken => return,
    };
    // Connected and answered: whatever the ACL checks say is the server's final word.
    if let Some((checks, note)) = acl {
        t.settled = true;
        t.check.commands = checks;
        t.check.note = note;
    }
    match result {
        Ok(()) => {
            t.check.ok = true;
            t.check.reason = None;
        }
        Err(e) => {
            if e.definitive {
                t.settled = true;
            }
            t.check.reason = Some(e.reason);
        }
    }
}
