//! `validate-env --connect`'s command checks: may the configured user run each command the spec
//! lists? Judged by `ACL DRYRUN` (Redis 7) alone: a command is denied only when the server
//! answers "no permissions to run" for it; anything the check cannot form (a command or
//! subcommand the server does not know, an arity it cannot find) stays "not checked" and does
//! not fail the run.
//!
//! A spec entry is `get`, `xinfo|stream`, `xinfo stream` or `config get` (the subcommand
//! written either way). A container command given alone (`xinfo`, `client`, `config`...) means
//! every one of its subcommands, as `+xinfo` grants them all: allowed when the server allows
//! each, denied (naming those refused) when it refuses any. An application that needs only one
//! lists that one (`xinfo|stream`).

use serde::Serialize;

use crate::ops::probe;
use crate::redis::{Node, ServerCode};

/// One Redis command the application needs, and whether the user may run it.
#[derive(Debug, Clone, Serialize)]
pub struct CommandCheck {
    pub command: String,
    /// `true` allowed, `false` denied, null when it could not be checked.
    pub allowed: Option<bool>,
    pub reason: Option<String>,
}

/// The most arguments tried when the arity could not be looked up (no command takes more
/// fixed arguments than this).
const MAX_PROBED_ARGS: usize = 8;

/// The placeholder for every argument: "0" is a valid key name, count, id and number alike.
const DUMMY_ARG: &str = "0";

/// `ACL DRYRUN user cmd [sub] args...` for each command, arguments padded to the arity from
/// COMMAND INFO (the subcommand's own arity for `config get`), or, when the user may not run
/// COMMAND INFO, found by adding arguments until ACL DRYRUN stops answering "wrong number of
/// arguments". A denial that names a key or channel rather than the command counts as allowed:
/// only the command permission is checked. A check that cannot run at all (ACL DRYRUN not
/// allowed, a server before Redis 7) says so in the note and never counts as a denial.
pub async fn acl_checks(
    node: &mut Node,
    user: &str,
    commands: &[String],
) -> (Vec<CommandCheck>, Option<String>) {
    let mut out = Vec::new();
    for entry in commands {
        let words = command_words(entry);
        if words.is_empty() {
            continue;
        }
        let verdict = match judge(node, user, &words).await {
            Ok(v) => v,
            Err(e) => return (Vec::new(), Some(not_checked(user, &e))),
        };
        let (allowed, reason) = match verdict {
            Verdict::Allowed => (Some(true), None),
            Verdict::Denied(why) => (Some(false), Some(probe::escape(&why))),
            Verdict::NotChecked(why) => (None, Some(format!("not checked: {why}"))),
        };
        out.push(CommandCheck {
            command: entry.clone(),
            allowed,
            reason,
        });
    }
    let unchecked: Vec<&str> = out
        .iter()
        .filter(|c| c.allowed.is_none())
        .map(|c| c.command.as_str())
        .collect();
    let note = (!unchecked.is_empty()).then(|| {
        format!(
            "not checked (the row says why): {}",
            probe::escape(&unchecked.join(", "))
        )
    });
    (out, note)
}

/// A spec entry as words: `client|setname x` and `client setname x` are both
/// `[client, setname, x]`, the form ACL DRYRUN takes; the names lowercase.
fn command_words(entry: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for (i, w) in entry.split_whitespace().enumerate() {
        if i == 0 {
            words.extend(
                w.split('|')
                    .filter(|p| !p.is_empty())
                    .map(str::to_ascii_lowercase),
            );
        } else if i == 1 && words.len() == 1 {
            words.push(w.to_ascii_lowercase());
        } else {
            words.push(w.to_string());
        }
    }
    words
}

/// What the check found for one entry.
#[derive(Debug)]
enum Verdict {
    Allowed,
    /// The server's own "no permissions" answer.
    Denied(String),
    NotChecked(String),
}

/// What COMMAND INFO says of a command.
enum Lookup {
    /// Its arity and, for a container, each subcommand (`xinfo|stream`) with its arity.
    Known {
        arity: i64,
        subcommands: Vec<(String, i64)>,
    },
    NoSuch,
    /// The lookup could not run (NOPERM for a least-privilege user, an old server).
    Unavailable,
}

async fn judge(
    node: &mut Node,
    user: &str,
    words: &[String],
) -> Result<Verdict, crate::redis::ConnError> {
    let name = &words[0];
    match command_info(node, name).await {
        Lookup::NoSuch => Ok(Verdict::NotChecked(format!(
            "the server knows no command '{name}'"
        ))),
        Lookup::Known { arity, subcommands } if subcommands.is_empty() => {
            let n = arity_words(arity).max(words.len());
            dryrun(node, user, words, n, n).await
        }
        Lookup::Known { subcommands, .. } => {
            if let Some(sub) = words.get(1) {
                let full = format!("{name}|{sub}");
                let Some((_, arity)) = subcommands.iter().find(|(s, _)| *s == full) else {
                    return Ok(Verdict::NotChecked(format!(
                        "the server knows no subcommand '{full}'"
                    )));
                };
                let n = arity_words(*arity).max(words.len());
                return dryrun(node, user, words, n, n).await;
            }
            // A container alone: every subcommand.
            let mut denied = Vec::new();
            let mut unchecked = Vec::new();
            for (full, arity) in &subcommands {
                let sub = full.rsplit('|').next().unwrap_or(full).to_string();
                let sub_words = [name.clone(), sub];
                let n = arity_words(*arity).max(2);
                match dryrun(node, user, &sub_words, n, n).await? {
                    Verdict::Allowed => {}
                    Verdict::Denied(_) => denied.push(full.clone()),
                    Verdict::NotChecked(_) => unchecked.push(full.clone()),
                }
            }
            Ok(if !denied.is_empty() {
                Verdict::Denied(format!(
                    "no permissions to run {} ('{name}' alone means all its subcommands; \
                     list one as '{name}|SUB')",
                    denied.join(", ")
                ))
            } else if !unchecked.is_empty() {
                Verdict::NotChecked(format!(
                    "no argument count found for {}",
                    unchecked.join(", ")
                ))
            } else {
                Verdict::Allowed
            })
        }
        Lookup::Unavailable => {
            let found = dryrun(
                node,
                user,
                words,
                words.len(),
                words.len().max(MAX_PROBED_ARGS),
            )
            .await?;
            Ok(match found {
                // `xinfo 0` reads the placeholder as a subcommand the server does not know.
                Verdict::NotChecked(_) if words.len() == 1 => Verdict::NotChecked(format!(
                    "COMMAND INFO not allowed and '{name}' alone not accepted: a command with \
                     subcommands is checked when the spec names one ('{name}|SUB')"
                )),
                other => other,
            })
        }
    }
}

/// The words a command of this arity takes at least (COMMAND INFO: `n` exactly, `-n` at least).
fn arity_words(arity: i64) -> usize {
    usize::try_from(arity.unsigned_abs()).unwrap_or(1).max(1)
}

/// COMMAND INFO, read defensively: any reply it cannot read is `Unavailable`.
async fn command_info(node: &mut Node, name: &str) -> Lookup {
    let Ok(redis::Value::Array(items)) = node
        .query::<redis::Value>(redis::cmd("COMMAND").arg("INFO").arg(name))
        .await
    else {
        return Lookup::Unavailable;
    };
    match items.first() {
        Some(redis::Value::Nil) => Lookup::NoSuch,
        Some(redis::Value::Array(fields)) => {
            let Some(redis::Value::Int(arity)) = fields.get(1) else {
                return Lookup::Unavailable;
            };
            // Redis 7: the tenth field lists the subcommands, each described like a command.
            let subcommands = match fields.get(9) {
                Some(redis::Value::Array(subs)) => subs
                    .iter()
                    .filter_map(|s| match s {
                        redis::Value::Array(f) => match (f.first().and_then(text), f.get(1)) {
                            (Some(n), Some(redis::Value::Int(a))) => {
                                Some((n.to_ascii_lowercase(), *a))
                            }
                            _ => None,
                        },
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            Lookup::Known {
                arity: *arity,
                subcommands,
            }
        }
        _ => Lookup::Unavailable,
    }
}

fn text(v: &redis::Value) -> Option<String> {
    match v {
        redis::Value::BulkString(b) => Some(String::from_utf8_lossy(b).into_owned()),
        redis::Value::SimpleString(s) => Some(s.clone()),
        _ => None,
    }
}

/// ACL DRYRUN with `first..=last` words in all (placeholders after the given ones), until the
/// server accepts the count. Err only when ACL DRYRUN itself cannot run.
async fn dryrun(
    node: &mut Node,
    user: &str,
    words: &[String],
    first: usize,
    last: usize,
) -> Result<Verdict, crate::redis::ConnError> {
    for argc in first..=last {
        let mut cmd = redis::cmd("ACL");
        cmd.arg("DRYRUN").arg(user);
        for w in words {
            cmd.arg(w.as_str());
        }
        for _ in words.len()..argc {
            cmd.arg(DUMMY_ARG);
        }
        match node.query::<redis::Value>(&cmd).await {
            Ok(reply) => return Ok(answer(reply)),
            Err(e) => {
                // ACL DRYRUN answers all of these with a plain ERR; only its words tell them
                // apart.
                let text = e.to_string();
                if text.contains("wrong number of arguments") {
                    continue;
                }
                if text.contains("not found") && e.code() == Some(&ServerCode::Err) {
                    return Ok(Verdict::NotChecked(format!(
                        "the server knows no command '{}'",
                        words.join("|")
                    )));
                }
                return Err(e);
            }
        }
    }
    Ok(Verdict::NotChecked(
        "no argument count the server accepts".into(),
    ))
}

/// Redis answers OK, or "This user has no permissions to run the 'x' command" / "...to access
/// the 'k' key" (no error code to tell them apart): only the first is a denial.
fn answer(reply: redis::Value) -> Verdict {
    let t = match reply {
        redis::Value::Okay => return Verdict::Allowed,
        redis::Value::SimpleString(s) if s == "OK" => return Verdict::Allowed,
        redis::Value::SimpleString(s) => s,
        redis::Value::BulkString(b) => String::from_utf8_lossy(&b).into_owned(),
        other => format!("{other:?}"),
    };
    if t.contains("no permissions to run") {
        Verdict::Denied(t)
    } else {
        Verdict::Allowed
    }
}

/// Why the commands could not be checked: the user may not run ACL DRYRUN, or the server
/// predates it. Said, but it does not fail the start-up check.
fn not_checked(user: &str, e: &crate::redis::ConnError) -> String {
    match e {
        crate::redis::ConnError::Auth { .. } => format!(
            "user '{}' may not run ACL DRYRUN: commands not checked",
            probe::escape(user)
        ),
        _ if e.code() == Some(&ServerCode::NoPerm) => format!(
            "user '{}' may not run ACL DRYRUN: commands not checked",
            probe::escape(user)
        ),
        other => format!(
            "ACL DRYRUN failed ({}): commands not checked (needs Redis 7)",
            probe::plain(other)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subcommands_are_words_either_way() {
        assert_eq!(command_words("XINFO|Stream"), ["xinfo", "stream"]);
        assert_eq!(command_words("config get"), ["config", "get"]);
        assert_eq!(
            command_words("client|setname app"),
            ["client", "setname", "app"]
        );
        assert_eq!(command_words("get"), ["get"]);
        assert!(command_words("  ").is_empty());
    }

    #[test]
    fn only_a_run_denial_is_a_denial() {
        let no = "This user has no permissions to run the 'xack' command";
        assert!(matches!(
            answer(redis::Value::SimpleString(no.into())),
            Verdict::Denied(_)
        ));
        let key = "This user has no permissions to access the '0' key";
        assert!(matches!(
            answer(redis::Value::BulkString(key.into())),
            Verdict::Allowed
        ));
        assert!(matches!(answer(redis::Value::Okay), Verdict::Allowed));
    }
}
