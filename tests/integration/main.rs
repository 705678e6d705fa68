//! One integration-test binary (one link step): every module drives the built `redkit` against
//! real servers started by `support`.

mod support;

mod cli;
mod connect;
mod leaks;
mod migrate;
mod settings;
mod validate_env;
