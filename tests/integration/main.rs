//! One integration-test binary (one link step): every module drives the built `redkit` against
//! real servers started by `support`.

mod support;

mod analyze_views;
mod bench;
mod bench_files;
mod bench_shapes;
mod bench_suites;
mod bench_workloads;
mod cache;
mod cache_analyze;
mod cli;
mod completion_values;
mod connect;
mod cron;
mod dotenv_corpus;
mod health;
mod health_rates;
mod leaks;
mod migrate;
mod partial;
mod readme;
mod run;
mod settings;
mod stream;
mod stream_queue;
mod top;
mod validate_env;
mod views;
mod views_progress;
mod wait;
