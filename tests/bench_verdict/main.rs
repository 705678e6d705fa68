//! The compare verdict judges timing, so its tests run in their own binary: cargo runs test
//! binaries one after another, so these run after the integration suite, not beside a hundred
//! other servers (which made a machine-wide burst look like a regression, or hide one).

#[allow(dead_code, unused_imports)]
#[path = "../integration/support/mod.rs"]
mod support;

mod bench_compare;
