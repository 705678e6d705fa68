//! One integration-test binary (one link step): every module drives the built `redkit` against
//! real servers started by `support`.

mod support;

mod bench;
mod bench_compare;
mod bench_shapes;
mod bench_workloads;
mod cache;
mod cli;
mod connect;
mod cron;
mod health;
mod leaks;
mod migrate;
mod partial;
mod readme;
mod settings;
mod stream;
mod validate_env;
mod wait;
