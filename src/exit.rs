//! Exit codes as a type, and the error that carries one.

use std::fmt;

/// The documented exit codes (see the README and `shared/cli-contract.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: success.
    Success,
    /// 1: the command ran and found a problem.
    Problem,
    /// 2: usage or configuration error.
    Usage,
    /// 3: runtime failure (connection, timeout, server or database error).
    Runtime,
    /// 130: interrupted by Ctrl-C.
    Interrupted,
    /// A raw code, for commands with their own convention (`health`: 0/1/2/3).
    Code(u8),
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Problem => 1,
            ExitStatus::Usage => 2,
            ExitStatus::Runtime => 3,
            ExitStatus::Interrupted => 130,
            ExitStatus::Code(c) => c,
        }
    }
}

/// An error that knows which exit code it deserves.
#[derive(Debug)]
pub struct Coded {
    pub status: ExitStatus,
    pub message: String,
}

impl fmt::Display for Coded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Coded {}

/// A usage or configuration error: exit 2.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    Coded {
        status: ExitStatus::Usage,
        message: message.into(),
    }
    .into()
}

/// An error about one line of one file (a `.env` statement): its message, and where, for the
/// JSON error documents of the commands that print one.
#[derive(Debug)]
pub struct Located {
    pub status: ExitStatus,
    pub message: String,
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Located {}

/// A usage error at `file:line`: exit 2.
pub fn usage_at(file: impl Into<String>, line: usize, message: impl Into<String>) -> anyhow::Error {
    Located {
        status: ExitStatus::Usage,
        message: message.into(),
        file: file.into(),
        line,
    }
    .into()
}

/// Where an error is located, when it names one line of one file.
pub fn location(err: &anyhow::Error) -> Option<(&str, usize)> {
    err.chain()
        .find_map(|c| c.downcast_ref::<Located>())
        .map(|l| (l.file.as_str(), l.line))
}

/// A runtime failure: exit 3.
pub fn runtime(message: impl Into<String>) -> anyhow::Error {
    Coded {
        status: ExitStatus::Runtime,
        message: message.into(),
    }
    .into()
}

/// A problem found by a command that ran (not found, mismatch): exit 1.
pub fn problem(message: impl Into<String>) -> anyhow::Error {
    Coded {
        status: ExitStatus::Problem,
        message: message.into(),
    }
    .into()
}

/// The exit status an error deserves: a `Coded` anywhere in the chain decides; anything else
/// (I/O, connection, server) is a runtime failure.
pub fn classify(err: &anyhow::Error) -> ExitStatus {
    for cause in err.chain() {
        if let Some(c) = cause.downcast_ref::<Coded>() {
            return c.status;
        }
        if let Some(c) = cause.downcast_ref::<Located>() {
            return c.status;
        }
        if cause.downcast_ref::<clap::Error>().is_some() {
            return ExitStatus::Usage;
        }
    }
    ExitStatus::Runtime
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn codes_are_the_documented_ones() {
        assert_eq!(ExitStatus::Success.code(), 0);
        assert_eq!(ExitStatus::Problem.code(), 1);
        assert_eq!(ExitStatus::Usage.code(), 2);
        assert_eq!(ExitStatus::Runtime.code(), 3);
        assert_eq!(ExitStatus::Interrupted.code(), 130);
    }

    #[test]
    fn coded_error_survives_context() {
        let e: anyhow::Result<()> = Err(usage("bad flag"));
        let e = e.context("while reading settings").unwrap_err();
        assert_eq!(classify(&e), ExitStatus::Usage);
        assert_eq!(classify(&anyhow::anyhow!("io")), ExitStatus::Runtime);
        let e: anyhow::Result<()> = Err(usage_at(".env", 3, ".env:3: bad"));
        let e = e.context("reading settings").unwrap_err();
        assert_eq!(classify(&e), ExitStatus::Usage);
        assert_eq!(location(&e), Some((".env", 3)));
        assert_eq!(location(&usage("x")), None);
    }
}
