//! The secondary indexes (and on PostgreSQL the foreign key) a copy builds after its rows are
//! in, one at a time, each recorded in the state table as it is done.

use std::time::Instant;

use super::runs::{RunCtx, RunResult, Stop, unless_stopped};
use super::state::set_pending;
use crate::db::get_i64;

/// Builds the run's pending secondary indexes, recording each as it is done, then the
/// foreign key. A CONCURRENTLY build killed midway leaves an invalid index on PostgreSQL: it
/// is dropped and rebuilt.
pub(super) async fn build_pending(
    cx: &RunCtx<'_>,
    run: &mut RunResult,
    owned: bool,
) -> anyhow::Result<()> {
    let RunCtx {
        db, sql, out, stop, ..
    } = *cx;
    let known = sql.secondary_indexes();
    let fk = sql.fk_name();
    let mut builds: Vec<(String, String)> = Vec::new();
    for name in run.pending_indexes.clone() {
        if name == fk {
            continue;
        }
        let Some((_, col)) = known.iter().find(|(n, _)| *n == name) else {
            out.warn(format!(
                "pending index {name} is not one of this table's indexes (renamed in the config?): skipped"
            ));
            done(cx, run, &[name]).await?;
            continue;
        };
        let state = db
            .rows(&sql.index_state(), &[name.as_str()])
            .await
            .and_then(|rows| rows.first().map_or(Ok(0), |r| get_i64(r, 0)))?;
        if state < 0 {
            db.exec_long(&sql.drop_index(&name)).await?;
        }
        if state <= 0 {
            builds.push((name, col.clone()));
        } else {
            done(cx, run, &[name]).await?;
        }
    }
    for (names, stmt) in sql.create_indexes(&builds, owned) {
        let what = names.join(", ");
        out.note(format!(
            "redkit: migrate: building {} {what}",
            if names.len() == 1 { "index" } else { "indexes" }
        ));
        let t = Instant::now();
        match unless_stopped(stop, db.exec_long(&stmt)).await {
            None => {
                run.interrupted = true;
                return Ok(());
            }
            Some(Ok(_)) => {}
            // A killed run's session may finish its own build after this run checked: when
            // every index of the statement is there now, it is done.
            Some(Err(e)) if crate::db::is_duplicate_name(&e) => {
                for name in &names {
                    let state = db
                        .rows(&sql.index_state(), &[name.as_str()])
                        .await
                        .and_then(|rows| rows.first().map_or(Ok(0), |r| get_i64(r, 0)))?;
                    if state != 1 {
                        return Err(e);
                    }
                }
                out.note(format!(
                    "redkit: migrate: {what} built meanwhile by another session"
                ));
                done(cx, run, &names).await?;
                continue;
            }
            Some(Err(e)) => return Err(e),
        }
        out.note(format!(
            "redkit: migrate: {what} built in {:.1}s",
            t.elapsed().as_secs_f64()
        ));
        run.indexes_built.extend(names.iter().cloned());
        done(cx, run, &names).await?;
    }
    if run.pending_indexes.contains(&fk) {
        let present = db
            .rows(&sql.constraint_state(), &[fk.as_str()])
            .await?
            .first()
            .map_or(Ok(0), |r| get_i64(r, 0))?;
        if present == 0 {
            out.note(format!("redkit: migrate: adding foreign key {fk}"));
            let t = Instant::now();
            if !finished(stop, run, db.exec_long(&sql.add_fk())).await? {
                return Ok(());
            }
            out.note(format!(
                "redkit: migrate: foreign key {fk} added in {:.1}s",
                t.elapsed().as_secs_f64()
            ));
            run.indexes_built.push(fk.clone());
        }
        done(cx, run, &[fk]).await?;
    }
    Ok(())
}

/// Runs one build unless Ctrl-C or SIGTERM comes first (then the run is marked interrupted
/// and false comes back).
async fn finished<T>(
    stop: &Stop,
    run: &mut RunResult,
    build: impl Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<bool> {
    match unless_stopped(stop, build).await {
        None => {
            run.interrupted = true;
            Ok(false)
        }
        Some(r) => r.map(|_| true),
    }
}

/// Takes names off the run's pending list, in the state table too.
async fn done(cx: &RunCtx<'_>, run: &mut RunResult, names: &[String]) -> anyhow::Result<()> {
    run.pending_indexes.retain(|n| !names.contains(n));
    set_pending(cx.db, cx.sql, run.run_id, &run.pending_indexes).await
}
