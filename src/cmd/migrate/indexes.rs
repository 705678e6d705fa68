//! The secondary indexes (and on PostgreSQL the foreign key) a copy builds after its rows are
//! in, one at a time, each recorded in the state table as it is done.

use std::time::Instant;

use super::runs::{RunCtx, RunResult, unless_stopped};
use super::state::set_pending;
use crate::db::get_i64;

/// Builds the run's pending secondary indexes, recording each as it is done. A CONCURRENTLY
/// build killed midway leaves an invalid index on PostgreSQL: it is dropped and rebuilt.
pub(super) async fn build_pending(
    cx: &RunCtx<'_>,
    run: &mut RunResult,
    owned: bool,
) -> anyhow::Result<()> {
    let RunCtx {
        db, sql, out, stop, ..
    } = *cx;
    let known = sql.secondary_indexes();
    while let Some(name) = run.pending_indexes.first().cloned() {
        if name == sql.fk_name() {
            let present = db
                .rows(&sql.constraint_state(), &[name.as_str()])
                .await?
                .first()
                .map_or(Ok(0), |r| get_i64(r, 0))?;
            if present == 0 {
                out.note(format!("redkit: migrate: adding foreign key {name}"));
                let t = Instant::now();
                match unless_stopped(stop, db.exec_long(&sql.add_fk())).await {
                    None => {
                        run.interrupted = true;
                        return Ok(());
                    }
                    Some(r) => {
                        r?;
                    }
                }
                out.note(format!(
                    "redkit: migrate: foreign key {name} added in {:.1}s",
                    t.elapsed().as_secs_f64()
                ));
                run.indexes_built.push(name.clone());
            }
            run.pending_indexes.remove(0);
            set_pending(db, sql, run.run_id, &run.pending_indexes).await?;
            continue;
        }
        let Some((_, col)) = known.iter().find(|(n, _)| *n == name) else {
            out.warn(format!(
                "pending index {name} is not one of this table's indexes (renamed in the config?): skipped"
            ));
            run.pending_indexes.remove(0);
            set_pending(db, sql, run.run_id, &run.pending_indexes).await?;
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
            out.note(format!("redkit: migrate: building index {name}"));
            let t = Instant::now();
            let built =
                unless_stopped(stop, db.exec_long(&sql.create_index(&name, col, owned))).await;
            match built {
                None => {
                    run.interrupted = true;
                    return Ok(());
                }
                Some(r) => {
                    r?;
                }
            }
            out.note(format!(
                "redkit: migrate: index {name} built in {:.1}s",
                t.elapsed().as_secs_f64()
            ));
            run.indexes_built.push(name.clone());
        }
        run.pending_indexes.remove(0);
        set_pending(db, sql, run.run_id, &run.pending_indexes).await?;
    }
    Ok(())
}
