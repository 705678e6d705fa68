//! The connection module through `redkit ping`: every way in, and every way to fail (exit 3,
//! distinct messages, no password, no hang).

use std::time::Duration;

use serde_json::Value;

use crate::support::{
    Cluster, RedisServer, Sentinel, SilentServer, free_port, redkit, stderr, stdout,
};

fn ping(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut c = redkit(dir);
    c.arg("ping").args(["--format", "json"]).args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.timeout(Duration::from_secs(30)).output().unwrap()
}

fn nodes(out: &std::process::Output) -> Vec<Value> {
    let doc: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {} / {}", stdout(out), stderr(out)));
    doc["nodes"].as_array().unwrap().clone()
}

#[test]
fn standalone_by_url_parts_and_socket() {
    let s = RedisServer::builder().unix_socket().start();
    let dir = tempfile::tempdir().unwrap();
    let out = ping(dir.path(), &["-u", &s.url()], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let n = nodes(&out);
    assert_eq!(n[0]["addr"], s.addr());
    assert_eq!(n[0]["role"], "master");
    assert!(n[0]["version"].as_str().unwrap().starts_with('7'));

    let port = s.port.to_string();
    let out = ping(
        dir.path(),
        &[],
        &[("REDIS_HOST", "127.0.0.1"), ("REDIS_PORT", &port)],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = ping(
        dir.path(),
        &["--host", "127.0.0.1", "--port", &port, "--db", "3"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let sock = format!("redis+unix://{}", s.socket.as_ref().unwrap().display());
    let out = ping(dir.path(), &["-u", &sock], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn passwords_and_acl_users() {
    let pw = "pw-Zq8Xr2Lm5Np7Vt1Ks9";
    let s = RedisServer::builder()
        .password(pw)
        .acl_user("app", "app-secret-9c1e4f7a2b")
        .start();
    let dir = tempfile::tempdir().unwrap();
    let url = s.url();

    let out = ping(dir.path(), &["-u", &url], &[("REDIS_PASSWORD", pw)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let with_pw = format!("redis://:{pw}@127.0.0.1:{}", s.port);
    let out = ping(dir.path(), &["-u", &with_pw], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let acl = format!("redis://app:app-secret-9c1e4f7a2b@127.0.0.1:{}", s.port);
    let out = ping(dir.path(), &["-u", &acl], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    std::fs::write(dir.path().join("pw.txt"), "app-secret-9c1e4f7a2b\n").unwrap();
    let out = ping(
        dir.path(),
        &["-u", &url, "--user", "app", "--password-file", "pw.txt"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Wrong password: exit 3, says authentication, never prints what was tried.
    let wrong = "wrong-Password-Do-Not-Print-77";
    let out = ping(dir.path(), &["-u", &url], &[("REDIS_PASSWORD", wrong)]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(err.contains("authentication failed"), "{err}");
    assert!(!err.contains(wrong) && !stdout(&out).contains(wrong));
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");

    // No password at all: NOAUTH is an authentication failure too.
    let out = ping(dir.path(), &["-u", &url], &[]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("authentication failed"),
        "{}",
        stderr(&out)
    );

    let out = ping(
        dir.path(),
        &["-u", &url, "--password-file", "missing.txt"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
}

/// A password sent to a server that has none: Redis refuses `AUTH <password>` ("called without
/// any password configured"); the message says that plainly instead of "wrong password", and
/// never the password itself. health reports the same words.
#[test]
fn a_password_given_to_a_server_without_one_is_said_plainly() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let pw = "given-Needlessly-Do-Not-Print-31";
    let out = ping(dir.path(), &["-u", &s.url()], &[("REDIS_PASSWORD", pw)]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("the server has no password set, but a password was given (")
            && err.contains("ERR AUTH <password> called without any password configured"),
        "{err}"
    );
    assert!(!err.contains("wrong password"), "{err}");
    assert!(!err.contains(pw) && !stdout(&out).contains(pw));
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    let out = redkit(dir.path())
        .args(["health", "--no-state", "-u", &s.url(), "--format", "json"])
        .env("REDIS_PASSWORD", pw)
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("the server has no password set"), "{text}");
    assert!(!text.contains(pw), "{text}");
}

#[test]
fn tls_with_ca_insecure_and_client_certs() {
    let s = RedisServer::builder().tls().start();
    let t = s.tls.clone().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ca = t.ca.display().to_string();
    let out = ping(dir.path(), &["-u", &s.url(), "--cacert", &ca], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let url = format!("redis://127.0.0.1:{}", s.port);
    let out = ping(dir.path(), &["-u", &url, "--tls", "--cacert", &ca], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Unknown issuer: a TLS failure, exit 3.
    let out = ping(dir.path(), &["-u", &s.url()], &[]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("TLS failure"), "{}", stderr(&out));
    let out = ping(dir.path(), &["-u", &s.url(), "--insecure"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Plain text to a TLS port is not an answer either.
    let out = ping(
        dir.path(),
        &["-u", &url, "--connect-timeout", "1s", "--timeout", "1s"],
        &[],
    );
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn mutual_tls_needs_the_client_certificate() {
    let s = RedisServer::builder().mutual_tls().start();
    let t = s.tls.clone().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = (
        t.ca.display().to_string(),
        t.client_cert.display().to_string(),
        t.client_key.display().to_string(),
    );
    let out = ping(
        dir.path(),
        &[
            "-u",
            &s.url(),
            "--cacert",
            &ca,
            "--cert",
            &cert,
            "--key",
            &key,
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = ping(
        dir.path(),
        &["-u", &s.url(), "--cacert", &ca, "--connect-timeout", "2s"],
        &[],
    );
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn refused_unresolvable_and_silent_servers_fail_fast_with_distinct_messages() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let out = ping(
        dir.path(),
        &["-u", &format!("redis://127.0.0.1:{port}")],
        &[],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("connection refused"),
        "{}",
        stderr(&out)
    );

    let out = ping(
        dir.path(),
        &[
            "-u",
            "redis://no-such-host.invalid:6379",
            "--connect-timeout",
            "3s",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("cannot resolve") || err.contains("timed out"),
        "{err}"
    );

    let silent = SilentServer::start();
    let url = format!("redis://127.0.0.1:{}", silent.port);
    let out = ping(
        dir.path(),
        &[
            "-u",
            &url,
            "--connect-timeout",
            "500ms",
            "--timeout",
            "500ms",
        ],
        &[],
    );
    assert_eq!(
        out.status.code(),
        Some(3),
        "a silent server must not hang redkit"
    );
    assert!(
        stderr(&out).contains("timed out after 500ms"),
        "{}",
        stderr(&out)
    );

    let out = ping(dir.path(), &["-u", "http://x"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unsupported scheme"));
}

#[test]
fn replica_and_sentinel() {
    let master = RedisServer::start();
    let replica = RedisServer::builder().replica_of(master.port).start();
    replica.wait_replica_up();
    let sentinel = Sentinel::start(master.port, "mymaster");
    let dir = tempfile::tempdir().unwrap();

    let out = ping(dir.path(), &["-u", &replica.url()], &[]);
    assert_eq!(nodes(&out)[0]["role"], "slave");

    let out = ping(
        dir.path(),
        &["--sentinel", &sentinel.addr(), "--master-name", "mymaster"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(nodes(&out)[0]["addr"], master.addr());

    let out = ping(
        dir.path(),
        &["--sentinel", &sentinel.addr(), "--master-name", "nosuch"],
        &[],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("nosuch"));

    let out = ping(dir.path(), &["--sentinel", &sentinel.addr()], &[]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "--sentinel without --master-name is a usage error"
    );
}

#[test]
fn cluster_reaches_every_master() {
    let c = Cluster::start(3, 0);
    let dir = tempfile::tempdir().unwrap();
    let out = ping(dir.path(), &["--cluster", "-u", &c.seed_url()], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let n = nodes(&out);
    assert_eq!(n.len(), 3);
    assert!(n.iter().all(|x| x["role"] == "master"));
}

#[test]
fn bad_connection_flags_are_usage_errors() {
    let s = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    // A CA file without TLS would be silently ignored: refused instead.
    std::fs::write(dir.path().join("ca.pem"), "x").unwrap();
    let out = ping(dir.path(), &["-u", &s.url(), "--cacert", "ca.pem"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--tls"), "{}", stderr(&out));
    // Zero timeouts would fail every call.
    for flag in ["--timeout", "--connect-timeout"] {
        let out = ping(dir.path(), &["-u", &s.url(), flag, "0s"], &[]);
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert!(stderr(&out).contains(flag), "{}", stderr(&out));
    }
}

#[test]
fn a_part_flag_beats_the_url_flag_and_v_names_the_target() {
    let s = RedisServer::start();
    s.cli(&["-n", "3", "SET", "agent:cache:only-in-db3", "1"]);
    let dir = tempfile::tempdir().unwrap();
    let url = format!("{}/0", s.url());
    let out = redkit(dir.path())
        .args([
            "-u", &url, "--db", "3", "-v", "cache", "stats", "--format", "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["total"]["keys"], 1, "--db 3 wins over the URL's /0");
    assert!(
        stderr(&out).contains(&format!("redkit: target {}", s.addr())),
        "{}",
        stderr(&out)
    );
}
