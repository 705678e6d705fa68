//! Operations shared by commands, below them and above the protocol: one SCAN, the UNLINK
//! engine, key selection (globs, display), and units for people. No command imports another
//! command; what two commands share lives here.

pub mod confirm;
pub mod jobs;
pub mod keys;
pub mod name;
pub mod natural;
pub mod probe;
pub mod scan;
pub mod shape;
pub mod units;
pub mod unlink;
