//! Judging one data node's facts against the thresholds: one function per check.

use std::time::Duration;

use super::probe::{Facts, Info};
use super::report::{Check, Metric, Status};
use super::thresholds::{Range, Selection, Thresholds, num, ranges};
use crate::duration;

/// Fragmentation is only judged when the bytes it wastes matter: a nearly empty server shows a
/// large ratio of a few megabytes (Redis's own MEMORY DOCTOR ignores those too).
const FRAGMENTATION_FLOOR_BYTES: f64 = 32.0 * 1024.0 * 1024.0;

/// Every selected check of a node that answered.
pub fn judge(f: &Facts, t: &Thresholds, sel: &Selection, now_secs: i64) -> Vec<Check> {
    let mut out = Vec::new();
    let mut add = |name: &str, make: &dyn Fn() -> Check| {
        if sel.wants(name) {
            out.push(make());
        }
    };
    add("latency", &|| latency(&f.latency_ms, t));
    if let Some(err) = &f.info_error {
        // PING works but INFO is refused: say so once instead of guessing every figure.
        add("server", &|| {
            Check::new("server", Status::Unknown, serde_json::Value::Null)
                .message(format!("INFO refused: {err}"))
        });
        return out;
    }
    let i = &f.info;
    add("server", &|| server(i, t));
    add("memory", &|| memory(i, t));
    add("clients", &|| clients(i, t));
    add("persistence", &|| {
        persistence(i, f.save_config.as_deref(), t, now_secs)
    });
    add("replication", &|| replication(i, f.master_offset, t));
    add("keyspace", &|| keyspace(i, t));
    add("slowlog", &|| slowlog(f, t));
    if let Some(ci) = &f.cluster_info {
        add("cluster_state", &|| node_cluster_state(ci));
    }
    out
}

fn judge_ranges(v: f64, w: &Option<Range>, c: &Option<Range>) -> Status {
    if c.as_ref().is_some_and(|r| r.alerts(v)) {
        Status::Critical
    } else if w.as_ref().is_some_and(|r| r.alerts(v)) {
        Status::Warning
    } else {
        Status::Ok
    }
}

fn judge_duration(v: Duration, w: Option<Duration>, c: Option<Duration>) -> Status {
    if c.is_some_and(|c| v > c) {
        Status::Critical
    } else if w.is_some_and(|w| v > w) {
        Status::Warning
    } else {
        Status::Ok
    }
}

/// A range as perfdata shows it.
fn text(r: &Option<Range>) -> Option<String> {
    r.as_ref().map(|r| r.text().to_string())
}

fn ms_text(d: Option<Duration>) -> Option<String> {
    d.map(|d| num((d.as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0))
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

pub fn median(samples: &[f64]) -> f64 {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    match s.len() {
        0 => 0.0,
        n if n % 2 == 1 => s[n / 2],
        n => (s[n / 2 - 1] + s[n / 2]) / 2.0,
    }
}

/// The median round trip is judged (one slow sample is noise); the max is shown.
pub fn latency(samples: &[f64], t: &Thresholds) -> Check {
    let med = median(samples);
    let max = samples.iter().copied().fold(0.0, f64::max);
    let status = judge_duration(
        Duration::from_secs_f64(med / 1000.0),
        t.warn_latency,
        t.crit_latency,
    );
    Check::new("latency", status, round3(med))
        .message(format!(
            "median {:.2} ms, max {:.2} ms over {} PINGs",
            med,
            max,
            samples.len()
        ))
        .threshold(t.latency_text())
        .metric(
            Metric::new(
                "latency_median_ms",
                round3(med),
                "Median PING round trip in milliseconds",
            )
            .perf("ms", ms_text(t.warn_latency), ms_text(t.crit_latency)),
        )
        .metric(Metric::new(
            "latency_max_ms",
            round3(max),
            "Slowest PING round trip in milliseconds",
        ))
}

fn server(i: &Info, t: &Thresholds) -> Check {
    let version = i.get("redis_version").unwrap_or("?").to_string();
    let uptime = i.num("uptime_in_seconds").unwrap_or(0.0);
    let role = i.get("role").unwrap_or("?");
    let mut c = Check::new("server", Status::Ok, version.clone())
        .message(format!(
            "redis {version}, {role}, up {}",
            duration::format(Duration::from_secs_f64(uptime))
        ))
        .threshold(
            (!t.min_uptime.is_zero())
                .then(|| format!("warn uptime <{}", duration::format(t.min_uptime))),
        )
        .metric(Metric::new(
            "uptime_in_seconds",
            uptime,
            "Seconds since the server started",
        ));
    if uptime < t.min_uptime.as_secs_f64() {
        c.raise(Status::Warning, "restarted recently");
    }
    if i.get("loading") == Some("1") {
        c.raise(Status::Critical, "LOADING: still loading the dataset");
    }
    c
}

fn memory(i: &Info, t: &Thresholds) -> Check {
    let used = i.num("used_memory").unwrap_or(0.0);
    let max = i.num("maxmemory").unwrap_or(0.0);
    let (limit, against) = if max > 0.0 {
        (max, "maxmemory")
    } else {
        (i.num("total_system_memory").unwrap_or(0.0), "system memory")
    };
    let policy = i.get("maxmemory_policy").unwrap_or("?");
    let evicted = i.num("evicted_keys").unwrap_or(0.0);
    let frag = i.num("mem_fragmentation_ratio").unwrap_or(0.0);
    let wasted = i
        .num("mem_fragmentation_bytes")
        .unwrap_or_else(|| i.num("used_memory_rss").unwrap_or(0.0) - used);
    let pct = if limit > 0.0 {
        round3(used * 100.0 / limit)
    } else {
        0.0
    };
    let status = if limit > 0.0 {
        judge_ranges(pct, &t.warn_memory, &t.crit_memory)
    } else {
        Status::Ok
    };
    let mut threshold = ranges(&t.warn_memory, &t.crit_memory, "%").unwrap_or_default();
    if let Some(r) = &t.warn_fragmentation {
        threshold = format!("{threshold}; frag {}", r.describe());
    }
    let mut c = Check::new("memory", status, pct)
        .message(format!(
            "{} used, {:.1}% of {against} {}; policy {policy}; fragmentation {:.2}; {} keys evicted",
            bytes(used),
            pct,
            bytes(limit),
            frag,
            num(evicted)
        ))
        .threshold(Some(threshold.trim_start_matches("; ").to_string()))
        .metric(
            Metric::new(
                "memory_used_percent",
                pct,
                "Used memory in percent of maxmemory (or of system memory when unlimited)",
            )
            .perf("%", text(&t.warn_memory), text(&t.crit_memory)),
        )
        .metric(Metric::new(
            "memory_used_bytes",
            used,
            "Memory used by Redis in bytes",
        ))
        .metric(Metric::new(
            "memory_max_bytes",
            max,
            "maxmemory in bytes (0: unlimited)",
        ))
        .metric(Metric::new(
            "mem_fragmentation_ratio",
            frag,
            "RSS divided by used memory",
        ))
        .metric(Metric::new(
            "evicted_keys_total",
            evicted,
            "Keys evicted since the server started",
        ));
    if wasted > FRAGMENTATION_FLOOR_BYTES {
        let fs = judge_ranges(frag, &t.warn_fragmentation, &t.crit_fragmentation);
        if fs != Status::Ok {
            c.raise(fs, &format!("fragmentation ratio {frag:.2}"));
        }
    }
    c
}

fn clients(i: &Info, t: &Thresholds) -> Check {
    let connected = i.num("connected_clients").unwrap_or(0.0);
    let maxclients = i.num("maxclients").unwrap_or(10000.0);
    let blocked = i.num("blocked_clients").unwrap_or(0.0);
    let rejected = i.num("rejected_connections").unwrap_or(0.0);
    let pct = if maxclients > 0.0 {
        round3(connected * 100.0 / maxclients)
    } else {
        0.0
    };
    let status = judge_ranges(pct, &t.warn_clients, &t.crit_clients);
    Check::new("clients", status, connected)
        .message(format!(
            "{} of {} clients ({:.1}%), {} blocked, {} connections rejected since start",
            num(connected),
            num(maxclients),
            pct,
            num(blocked),
            num(rejected)
        ))
        .threshold(ranges(&t.warn_clients, &t.crit_clients, "%"))
        .metric(Metric::new(
            "connected_clients",
            connected,
            "Client connections",
        ))
        .metric(
            Metric::new(
                "clients_used_percent",
                pct,
                "Client connections in percent of maxclients",
            )
            .perf("%", text(&t.warn_clients), text(&t.crit_clients)),
        )
        .metric(Metric::new(
            "blocked_clients",
            blocked,
            "Clients blocked in BLPOP, XREAD BLOCK and the like",
        ))
        .metric(Metric::new(
            "rejected_connections_total",
            rejected,
            "Connections refused because of maxclients since the server started",
        ))
}

fn persistence(i: &Info, save: Option<&str>, t: &Thresholds, now: i64) -> Check {
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
    let mut c = Check::new("persistence", Status::Ok, value)
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
    c
}

fn replication(i: &Info, master_offset: Option<i64>, t: &Thresholds) -> Check {
    let lag_status = |secs: f64| {
        judge_duration(
            Duration::from_secs_f64(secs.max(0.0)),
            t.warn_lag,
            t.crit_lag,
        )
    };
    if matches!(i.get("role"), Some("slave")) {
        let master = format!(
            "{}:{}",
            i.get("master_host").unwrap_or("?"),
            i.get("master_port").unwrap_or("?")
        );
        let up = i.get("master_link_status") == Some("up");
        let io = i.num("master_last_io_seconds_ago").unwrap_or(-1.0);
        let own = i.num("slave_repl_offset").unwrap_or(0.0);
        let mut c = Check::new("replication", Status::Ok, if up { io } else { -1.0 })
            .threshold(t.lag_text())
            .metric(Metric::new(
                "master_link_up",
                f64::from(u8::from(up)),
                "1 when the replica's link to its master is up",
            ))
            .metric(Metric::new(
                "slave_repl_offset",
                own,
                "The replica's replication offset",
            ));
        if !up {
            let since = i.num("master_link_down_since_seconds").unwrap_or(-1.0);
            c.value = serde_json::json!("down");
            let since = if since >= 0.0 {
                format!(" for {}", duration::format(Duration::from_secs_f64(since)))
            } else {
                String::new()
            };
            c.raise(
                Status::Critical,
                &format!("master_link_status down: link to master {master} down{since}"),
            );
            return c;
        }
        let mut msg = format!("replica of {master}, link up, last I/O {}s ago", num(io));
        c = c.metric(
            Metric::new(
                "master_last_io_seconds_ago",
                io,
                "Seconds since the replica last heard from its master",
            )
            .perf(
                "s",
                t.warn_lag.map(|d| num(d.as_secs_f64())),
                t.crit_lag.map(|d| num(d.as_secs_f64())),
            ),
        );
        if let Some(m) = master_offset {
            let diff = (m as f64 - own).max(0.0);
            msg.push_str(&format!(", {} bytes behind", num(diff)));
            c = c.metric(Metric::new(
                "replica_offset_lag_bytes",
                diff,
                "How far the replica's offset is behind its master's",
            ));
        }
        c.message = msg;
        let s = lag_status(io);
        if s != Status::Ok {
            c.raise(s, "master silent too long");
        }
        if i.get("master_sync_in_progress") == Some("1") {
            c.raise(Status::Warning, "full sync in progress");
        }
        return c;
    }
    let n = i.num("connected_slaves").unwrap_or(0.0);
    let offset = i.num("master_repl_offset").unwrap_or(0.0);
    let mut c = Check::new("replication", Status::Ok, n)
        .threshold(t.lag_text())
        .metric(Metric::new(
            "connected_slaves",
            n,
            "Replicas connected to this master",
        ))
        .metric(Metric::new(
            "master_repl_offset",
            offset,
            "The master's replication offset",
        ));
    let mut parts = vec![format!("master with {} connected replica(s)", num(n))];
    let mut worst = Status::Ok;
    for (_, r) in i.indexed("slave") {
        let ip = r.get("ip").map(String::as_str).unwrap_or("?");
        let port = r.get("port").map(String::as_str).unwrap_or("?");
        let addr = format!("{ip}:{port}");
        let lag: f64 = r.get("lag").and_then(|v| v.parse().ok()).unwrap_or(0.0);
        let off: f64 = r.get("offset").and_then(|v| v.parse().ok()).unwrap_or(0.0);
        let state = r.get("state").map(String::as_str).unwrap_or("?");
        let diff = (offset - off).max(0.0);
        parts.push(format!(
            "{addr} {state} lag {}s, {} bytes behind",
            num(lag),
            num(diff)
        ));
        worst = worst.max(lag_status(lag));
        if state != "online" {
            worst = worst.max(Status::Warning);
        }
        c = c
            .metric(
                Metric::new(
                    "connected_slave_lag_seconds",
                    lag,
                    "Seconds since each replica last acknowledged",
                )
                .label("slave_ip", ip)
                .label("slave_port", port),
            )
            .metric(
                Metric::new(
                    "connected_slave_offset_lag_bytes",
                    diff,
                    "How far each replica's offset is behind this master's",
                )
                .label("slave_ip", ip)
                .label("slave_port", port),
            );
    }
    c.message = parts.join("; ");
    if worst != Status::Ok {
        c.raise(worst, "a replica lags or is not online");
    }
    c
}

fn keyspace(i: &Info, t: &Thresholds) -> Check {
    let hits = i.num("keyspace_hits").unwrap_or(0.0);
    let misses = i.num("keyspace_misses").unwrap_or(0.0);
    let dbs = i.indexed("db");
    let total: f64 = dbs
        .iter()
        .filter_map(|(_, f)| f.get("keys")?.parse::<f64>().ok())
        .sum();
    let per_db: Vec<String> = dbs
        .iter()
        .map(|(db, f)| format!("{db} {}", f.get("keys").map(String::as_str).unwrap_or("0")))
        .collect();
    let ratio = (hits + misses > 0.0).then(|| round3(hits * 100.0 / (hits + misses)));
    let mut c = Check::new(
        "keyspace",
        Status::Ok,
        ratio.map_or(serde_json::Value::Null, |r| serde_json::json!(r)),
    )
    .message(format!(
        "{} keys ({}); hit ratio {}",
        num(total),
        if per_db.is_empty() {
            "empty".to_string()
        } else {
            per_db.join(", ")
        },
        match ratio {
            Some(r) => format!("{r:.1}% ({} hits, {} misses)", num(hits), num(misses)),
            None => "n/a (no lookups yet)".to_string(),
        }
    ))
    .threshold(ranges(&t.warn_hit_ratio, &t.crit_hit_ratio, "%"))
    .metric(Metric::new(
        "keyspace_hits_total",
        hits,
        "Successful key lookups since the server started",
    ))
    .metric(Metric::new(
        "keyspace_misses_total",
        misses,
        "Failed key lookups since the server started",
    ));
    for (db, f) in &dbs {
        let keys = f.get("keys").and_then(|v| v.parse().ok()).unwrap_or(0.0);
        c = c.metric(Metric::new("db_keys", keys, "Keys per database").label("db", db.clone()));
    }
    if let Some(r) = ratio {
        c = c.metric(
            Metric::new(
                "keyspace_hit_percent",
                r,
                "keyspace_hits / (hits + misses) in percent",
            )
            .perf("%", text(&t.warn_hit_ratio), text(&t.crit_hit_ratio)),
        );
        let s = judge_ranges(r, &t.warn_hit_ratio, &t.crit_hit_ratio);
        if s != Status::Ok {
            c.raise(s, &format!("hit ratio {r:.1}%"));
        }
    }
    c
}

fn slowlog(f: &Facts, t: &Thresholds) -> Check {
    let Some(len) = f.slowlog_len else {
        return Check::new("slowlog", Status::Unknown, serde_json::Value::Null)
            .message("SLOWLOG refused");
    };
    let mut c = Check::new("slowlog", Status::Ok, len)
        .threshold(
            t.warn_slowlog
                .map(|d| format!("warn worst >{}", duration::format(d))),
        )
        .metric(Metric::new(
            "slowlog_length",
            len as f64,
            "Entries in the slow log",
        ));
    match &f.slowlog_worst {
        Some((us, cmd)) => {
            c.message = format!(
                "{len} entries; worst recent {} ({cmd})",
                duration::format(Duration::from_micros(*us as u64))
            );
            c = c.metric(Metric::new(
                "slowlog_worst_recent_seconds",
                *us as f64 / 1e6,
                "The slowest of the last 10 slow-log entries, in seconds",
            ));
            if t.warn_slowlog
                .is_some_and(|w| Duration::from_micros(*us as u64) > w)
            {
                c.raise(Status::Warning, "slow commands");
            }
        }
        None => c.message = format!("{len} entries"),
    }
    c
}

fn node_cluster_state(ci: &Info) -> Check {
    let state = ci.get("cluster_state").unwrap_or("?").to_string();
    let ok = state == "ok";
    let mut c = Check::new("cluster_state", Status::Ok, state.clone())
        .message(format!(
            "this node sees the cluster {state}, {} slots ok",
            ci.get("cluster_slots_ok").unwrap_or("?")
        ))
        .metric(Metric::new(
            "cluster_state",
            f64::from(u8::from(ok)),
            "1 when this node sees the cluster ok",
        ));
    if !ok {
        c.raise(Status::Critical, "cluster_state not ok");
    }
    c
}

/// `1.5 MB`, `812 KB`: sizes for people.
pub fn bytes(b: f64) -> String {
    const UNITS: &[&str] = &["B", "KB", "MB", "GB", "TB"];
    let mut v = b;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{} B", v as u64)
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(text: &str) -> Info {
        Info::parse(&text.replace(' ', "\r\n"))
    }

    #[test]
    fn memory_against_maxmemory() {
        let t = Thresholds::default();
        let c = memory(
            &info("used_memory:85 maxmemory:100 maxmemory_policy:noeviction"),
            &t,
        );
        assert_eq!(c.status, Status::Warning);
        assert_eq!(c.value, serde_json::json!(85.0));
        let c = memory(&info("used_memory:95 maxmemory:100"), &t);
        assert_eq!(c.status, Status::Critical);
        let c = memory(
            &info("used_memory:10 maxmemory:0 total_system_memory:1000"),
            &t,
        );
        assert_eq!(c.status, Status::Ok);
        assert!(c.message.contains("of system memory"), "{}", c.message);
    }

    #[test]
    fn replica_link_down_is_critical() {
        let t = Thresholds::default();
        let c = replication(
            &info(
                "role:slave master_host:127.0.0.1 master_port:7000 master_link_status:down master_link_down_since_seconds:3",
            ),
            None,
            &t,
        );
        assert_eq!(c.status, Status::Critical);
        assert!(
            c.message.contains("master_link_status down"),
            "{}",
            c.message
        );
        let c = replication(
            &info(
                "role:slave master_host:h master_port:1 master_link_status:up master_last_io_seconds_ago:1 slave_repl_offset:90",
            ),
            Some(100),
            &t,
        );
        assert_eq!(c.status, Status::Ok);
        assert!(c.message.contains("10 bytes behind"), "{}", c.message);
    }

    #[test]
    fn master_side_lag() {
        let t = Thresholds::default();
        let c = replication(
            &info(
                "role:master connected_slaves:1 master_repl_offset:500 slave0:ip=127.0.0.1,port=7001,state=online,offset=400,lag=200",
            ),
            None,
            &t,
        );
        assert_eq!(c.status, Status::Critical);
        assert!(c.message.contains("100 bytes behind"));
    }

    #[test]
    fn hit_ratio() {
        let mut t = Thresholds::default();
        let c = keyspace(
            &info("keyspace_hits:90 keyspace_misses:10 db0:keys=5,expires=0"),
            &t,
        );
        assert_eq!(c.value, serde_json::json!(90.0));
        assert_eq!(c.status, Status::Ok);
        t.set("warn_hit_ratio", "95:").unwrap();
        let c = keyspace(&info("keyspace_hits:90 keyspace_misses:10"), &t);
        assert_eq!(c.status, Status::Warning);
        let c = keyspace(&info("keyspace_hits:0 keyspace_misses:0"), &t);
        assert_eq!(c.value, serde_json::Value::Null);
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(bytes(1536.0), "1.5 KB");
    }
}
