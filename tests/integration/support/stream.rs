//! Helpers for the stream tests: writing entries the way the application's RedisStreamPublisher
//! does.

use super::RedisServer;

/// The `data` JSON of an application event (json.dumps with ensure_ascii=False).
pub fn event_json(event_type: &str, job: &str, extra: &str) -> String {
    format!(
        "{{\"event_type\": \"{event_type}\", \"job_id\": \"{job}\", \"timestamp\": \"2026-11-23T10:00:00.123456\"{extra}}}"
    )
}

/// XADDs one application event to `job_events:{job}` (or `key`) and returns its id.
pub fn publish(server: &RedisServer, key: &str, event_type: &str, extra: &str) -> String {
    let job = key.rsplit(':').next().unwrap_or(key);
    let data = event_json(event_type, job, extra);
    server.cli(&[
        "XADD",
        key,
        "*",
        "data",
        &data,
        "timestamp",
        "2026-11-23T10:00:00.123456",
        "event_type",
        event_type,
    ])
}

/// Loads commands through `redis-cli --pipe` (RESP on stdin, a summary on stdout), for bulk
/// loads where line-by-line redis-cli would fill its output pipe. Each command is its args.
pub fn pipe_load(server: &RedisServer, cmds: &[Vec<String>]) {
    use std::io::Write;
    let mut input = Vec::new();
    for args in cmds {
        input.extend_from_slice(format!("*{}\r\n", args.len()).as_bytes());
        for a in args {
            input.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
            input.extend_from_slice(a.as_bytes());
            input.extend_from_slice(b"\r\n");
        }
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("load.resp");
    std::fs::File::create(&file)
        .and_then(|mut f| f.write_all(&input))
        .expect("write load file");
    let out = server
        .cli_cmd()
        .arg("--pipe")
        .stdin(std::fs::File::open(&file).expect("open load file"))
        .output()
        .expect("redis-cli --pipe");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("errors: 0"),
        "redis-cli --pipe: {text}"
    );
}
