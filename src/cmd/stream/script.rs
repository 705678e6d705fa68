//! Lua scripts sent by digest: EVALSHA with the script's SHA-1, and EVAL (which also caches
//! it on the server) only when the server answers NOSCRIPT. A command that calls a script
//! thousands of times would otherwise send, and make Redis hash, the whole text every call.

use sha1::{Digest, Sha1};

use crate::redis::{ConnError, Keyed, ServerCode};

/// A script and its SHA-1 (lowercase hex), as Redis names it.
pub struct Lua {
    pub text: &'static str,
    pub sha: String,
}

impl Lua {
    pub fn new(text: &'static str) -> Lua {
        let digest = Sha1::digest(text.as_bytes());
        let sha = digest.iter().map(|b| format!("{b:02x}")).collect();
        Lua { text, sha }
    }

    /// `EVALSHA sha numkeys` (or `EVAL text numkeys`); keys and arguments follow.
    pub fn cmd(&self, by_sha: bool, numkeys: usize) -> redis::Cmd {
        let mut c = if by_sha {
            let mut c = redis::cmd("EVALSHA");
            c.arg(&self.sha);
            c
        } else {
            let mut c = redis::cmd("EVAL");
            c.arg(self.text);
            c
        };
        c.arg(numkeys);
        c
    }

    /// Runs the script by digest, falling back to its text once when the server lacks it.
    /// `fill` adds the keys and arguments to the command.
    pub async fn run(
        &self,
        conn: &mut Keyed,
        numkeys: usize,
        fill: impl Fn(&mut redis::Cmd),
    ) -> Result<redis::Value, ConnError> {
        let mut c = self.cmd(true, numkeys);
        fill(&mut c);
        match conn.query(&c).await {
            Err(e) if is_noscript(&e) => {
                let mut c = self.cmd(false, numkeys);
                fill(&mut c);
                conn.query(&c).await
            }
            r => r,
        }
    }
}

pub fn is_noscript(e: &ConnError) -> bool {
    matches!(e.code(), Some(ServerCode::Other(c)) if c == "NOSCRIPT")
}

/// True when a pipelined reply says the server does not have the script.
pub fn is_noscript_reply(v: &redis::Value) -> bool {
    matches!(v, redis::Value::ServerError(e) if e.code() == "NOSCRIPT")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_the_one_redis_computes() {
        // `redis-cli SCRIPT LOAD "return 1"` answers this digest.
        assert_eq!(
            Lua::new("return 1").sha,
            "e0e1f9fabfc9d4800c877a703b823ac0578ff8db"
        );
    }
}
