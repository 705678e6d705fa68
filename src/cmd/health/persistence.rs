//! The persistence check: RDB and AOF write status, and the age of the last save.

use std::time::Duration;

use super::judge::NodeInput;
use super::report::{Check, CheckKind, Metric, Status, Unit};
use super::types::num;
use crate::duration;

pub fn persistence(n: &NodeInput) -> Option<Check> {
    let (i, t, now) = (n.info(), n.t, n.now);
    let save = n.facts.save_config.as_deref();
    let rdb_ok = i.get("rdb_last_bgsave_status").unwrap_or("ok") == "ok";
    let aof_on = i.get("aof_enabled") == Some("1");
    let aof_ok = i.get("aof_last_write_status").unwrap_or("ok") == "ok";
    let rewrite_ok = i.get("aof_last_bgrewrite_status").unwrap_or("ok") == "ok";
    let last_save = i.num("rdb_last_save_time").unwrap_or(0.0) as i64;
    let changes = i.num("rdb_changes_since_last_save").unwrap_or(0.0);
    let age = (now - last_save).max(0);
    let saving = save.is_some_and(|s| !s.trim().is_empty());
    let mut parts = vec![if rdb_ok {
        "last RDB save ok".to_string()
    } else {
        "last RDB save FAILED".to_string()
    }];
    if aof_on {
        parts.push(format!(
            "AOF on, last write {}",
            if aof_ok { "ok" } else { "FAILED" }
        ));
    }
    parts.push(match (saving, save) {
        (true, _) => format!(
            "saved {} ago, {} changes since",
            duration::format(Duration::from_secs(age as u64)),
            num(changes)
        ),
        (false, Some(_)) => "RDB snapshots off".to_string(),
        (false, None) => "save schedule unknown (CONFIG not allowed)".to_string(),
    });
    let value = if saving {
        serde_json::json!(age)
    } else {
        serde_json::Value::Null
    };
    let mut c = Check::new(CheckKind::Persistence, Status::Ok, value)
        .unit(Unit::Seconds)
        .message(parts.join(", "))
        .threshold(
            t.warn_save_age
                .map(|d| format!("warn save age >{}", duration::format(d))),
        )
        .metric(Metric::new(
            "rdb_last_bgsave_status",
            f64::from(u8::from(rdb_ok)),
            "1 when the last RDB save succeeded",
        ))
        .metric(Metric::new(
            "rdb_changes_since_last_save",
            changes,
            "Writes since the last RDB save",
        ))
        .metric(Metric::new(
            "rdb_last_save_timestamp_seconds",
            last_save as f64,
            "Unix time of the last RDB save",
        ));
    if aof_on {
        c = c.metric(Metric::new(
            "aof_last_write_status",
            f64::from(u8::from(aof_ok)),
            "1 when the last AOF write succeeded",
        ));
    }
    if !rdb_ok {
        c.raise(
            Status::Critical,
            "background save failing: writes may be refused (MISCONF)",
        );
    }
    if aof_on && !aof_ok {
        c.raise(Status::Critical, "AOF writes failing");
    }
    if aof_on && !rewrite_ok {
        c.raise(Status::Warning, "last AOF rewrite failed");
    }
    if saving
        && changes > 0.0
        && t.warn_save_age
            .is_some_and(|w| age as f64 > w.as_secs_f64())
    {
        c.raise(Status::Warning, "last save is old");
    }
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::super::probe::{Facts, Info};
    use super::super::types::Thresholds;
    use super::*;

    fn persistence_of(info: &str, save: Option<&str>, t: &Thresholds, now: i64) -> Check {
        let facts = Facts {
            info: Info::parse(info),
            save_config: save.map(str::to_string),
            ..Facts::default()
        };
        persistence(&NodeInput {
            facts: &facts,
            t,
            now,
        })
        .unwrap()
    }

    #[test]
    fn failed_save_is_critical_and_old_save_warns() {
        let t = Thresholds::default();
        let i = "rdb_last_bgsave_status:err\r\nrdb_last_save_time:100\r\n";
        let c = persistence_of(i, Some(""), &t, 200);
        assert_eq!(c.status, Status::Critical);
        assert!(c.message.contains("MISCONF"), "{}", c.message);
        let i = "rdb_last_bgsave_status:ok\r\nrdb_last_save_time:0\r\nrdb_changes_since_last_save:5\r\n";
        let c = persistence_of(i, Some("3600 1"), &t, 3 * 3600);
        assert_eq!(c.status, Status::Warning);
        assert_eq!(c.value, serde_json::json!(3 * 3600));
        let c = persistence_of(i, Some(""), &t, 3 * 3600);
        assert_eq!(c.status, Status::Ok, "snapshots off: age not judged");
    }
}
