//! Real servers for the tests: redis-server processes on free loopback ports (standalone,
//! password and ACL, TLS, replica, Sentinel, 3-master cluster), a silent TCP listener, and the
//! redkit binary. Everything is stopped when its handle drops. A missing redis-server is a
//! failure, never a skip: `tests/run` installs it.

// The database helpers are shared by the migrate and wait modules; not each uses all.
#[allow(dead_code)]
pub mod db;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};

use tempfile::TempDir;

pub mod readme;
pub mod stream;
pub mod tmux;

/// A secret planted in the environment of leak tests; it must never appear in any output.
pub const LEAK_SECRET: &str = "Leaky-Secret-Value-3f9a81c2d7e4";

/// Whether a real tool the tests compare redkit with (bash, python-dotenv) is here, as `ok`
/// says; with CI=true a missing one fails the test, elsewhere a NOTE names what is skipped.
pub fn available(what: &str, ok: bool) -> bool {
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{what} is missing (tests/run installs it)"
        );
        eprintln!("NOTE: {what} is missing: not compared with it");
    }
    ok
}

/// [`available`], judged by running `probe` (it must exit 0).
pub fn have(what: &str, probe: &mut Command) -> bool {
    available(what, probe.output().is_ok_and(|o| o.status.success()))
}

/// The redkit binary with a clean environment (no REDIS_* or config leaking in from the
/// developer's shell, no machine-wide `/etc/redkit/redkit.yaml`: the system's config folder is
/// an empty one) running in `dir`.
pub fn redkit(dir: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::new(env!("CARGO_BIN_EXE_redkit"));
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("REDKIT_SYSTEM_CONFIG_DIR", empty_system_config_dir())
        .env("HOME", dir)
        .current_dir(dir)
        .timeout(Duration::from_secs(60));
    c
}

/// The fastest of three runs: a refusal that comes before any connection takes the time of a
/// process start, whatever else the machine is doing.
pub fn fastest_run(dir: &Path, args: &[&str]) -> (std::process::Output, Duration) {
    let mut best: Option<(std::process::Output, Duration)> = None;
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let out = redkit(dir).args(args).output().unwrap();
        let took = t.elapsed();
        if best.as_ref().is_none_or(|(_, b)| took < *b) {
            best = Some((out, took));
        }
    }
    best.unwrap()
}

/// An empty folder for the system's config, shared by every run (nothing writes to it).
pub fn empty_system_config_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
        .path()
}

/// Fails naming every documented key an object lacks (a report's schema: a key whose value is
/// null or [] is present), for the tests of every command's JSON.
#[track_caller]
pub fn assert_keys(v: &serde_json::Value, keys: &[&str], what: &str) {
    let obj = v
        .as_object()
        .unwrap_or_else(|| panic!("{what}: not an object: {v}"));
    let missing: Vec<&&str> = keys.iter().filter(|k| !obj.contains_key(**k)).collect();
    assert!(missing.is_empty(), "{what}: missing {missing:?} in {v}");
}

/// One run of redkit, built up and then checked in one call: args, env and stdin in; exit
/// code, stdout, stderr and parsed JSON out. A failed expectation prints all of it.
pub struct Run {
    cmd: assert_cmd::Command,
    args: Vec<String>,
    /// The folder of a run in a fresh temporary folder, removed with the run.
    _dir: Option<TempDir>,
}

/// What a run produced.
#[derive(Debug)]
pub struct Ran {
    pub args: Vec<String>,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Starts building a run of redkit in `dir` (clean environment, as `redkit`).
pub fn run(dir: &Path) -> Run {
    Run {
        cmd: redkit(dir),
        args: Vec::new(),
        _dir: None,
    }
}

/// Starts building a run of redkit in a fresh empty folder of its own.
pub fn run_in_temp() -> Run {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut r = run(dir.path());
    r._dir = Some(dir);
    r
}

impl Run {
    pub fn args<S: AsRef<str>>(mut self, args: impl IntoIterator<Item = S>) -> Run {
        for a in args {
            self.args.push(a.as_ref().to_string());
            self.cmd.arg(a.as_ref());
        }
        self
    }

    pub fn env(mut self, k: &str, v: impl AsRef<std::ffi::OsStr>) -> Run {
        self.cmd.env(k, v);
        self
    }

    /// Arguments that may not be UTF-8 (names as bytes).
    pub fn args_bytes(mut self, args: &[&[u8]]) -> Run {
        use std::os::unix::ffi::OsStrExt;
        for a in args {
            self.args.push(String::from_utf8_lossy(a).into_owned());
            self.cmd.arg(std::ffi::OsStr::from_bytes(a));
        }
        self
    }

    pub fn env_remove(mut self, k: &str) -> Run {
        self.cmd.env_remove(k);
        self
    }

    pub fn envs(mut self, vars: &[(&str, &str)]) -> Run {
        for (k, v) in vars {
            self.cmd.env(k, v);
        }
        self
    }

    pub fn stdin(mut self, input: &str) -> Run {
        self.cmd.write_stdin(input.to_string());
        self
    }

    /// Runs and returns the output, whatever the exit code.
    pub fn output(mut self) -> Ran {
        let out = self.cmd.output().expect("run redkit");
        Ran {
            args: self.args,
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs and returns the process's output as it is (bytes), for byte-exact checks.
    pub fn raw(mut self) -> std::process::Output {
        self.cmd.output().expect("run redkit")
    }

    /// Runs and checks the exit code.
    #[track_caller]
    pub fn expect(self, code: i32) -> Ran {
        let ran = self.output();
        if ran.code != Some(code) {
            panic!("expected exit {code}\n{ran}");
        }
        ran
    }
}

impl Ran {
    /// stdout parsed as one JSON document.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        match serde_json::from_str(&self.stdout) {
            Ok(v) => v,
            Err(e) => panic!("stdout is not JSON ({e})\n{self}"),
        }
    }

    /// Exit code (-1 for a signal), stdout and stderr.
    pub fn parts(self) -> (i32, String, String) {
        (self.code.unwrap_or(-1), self.stdout, self.stderr)
    }

    /// Both streams, for searching.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

impl std::fmt::Display for Ran {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "redkit {:?}\nexit: {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.args, self.code, self.stdout, self.stderr
        )
    }
}

/// The redkit binary started in the background (clean environment, cwd `dir`, output piped),
/// for tests that signal it or kill its server while it runs.
pub fn spawn_redkit(dir: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_redkit"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start redkit")
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn require(bin: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(bin))
            .find(|p| p.is_file())
    });
    match found {
        Some(p) => p,
        None => panic!(
            "{bin} not found on PATH: run tests/run, which installs it (apt-get install redis-server redis-tools)"
        ),
    }
}

static NEXT_PORT: AtomicU16 = AtomicU16::new(0);

/// A free loopback port. Ports are handed out from a per-process range and checked by binding,
/// so parallel tests in one process never collide; the range starts at a pid-derived offset so
/// parallel test processes rarely do.
pub fn free_port() -> u16 {
    let _ = NEXT_PORT.compare_exchange(
        0,
        20000 + (std::process::id() % 200) as u16 * 50,
        Ordering::SeqCst,
        Ordering::SeqCst,
    );
    loop {
        let p = NEXT_PORT.fetch_add(1, Ordering::SeqCst);
        let p = if p >= 40000 { 20000 + p % 20000 } else { p };
        // The cluster bus listens on port + 10000: both must be free.
        if TcpListener::bind(("127.0.0.1", p)).is_ok()
            && TcpListener::bind(("127.0.0.1", p + 10000)).is_ok()
        {
            return p;
        }
    }
}

/// Certificates for a TLS server, made with openssl in the test's directory.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub ca: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
    pub client_cert: PathBuf,
    pub client_key: PathBuf,
}

pub fn make_certs(dir: &Path) -> TlsFiles {
    require("openssl");
    let run = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("run openssl");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=redkit-test-ca",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
    ]);
    std::fs::write(
        dir.join("san.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n",
    )
    .unwrap();
    for name in ["server", "client"] {
        run(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            &format!("/CN={name}"),
            "-keyout",
            &format!("{name}.key"),
            "-out",
            &format!("{name}.csr"),
        ]);
        run(&[
            "x509",
            "-req",
            "-in",
            &format!("{name}.csr"),
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "san.ext",
            "-out",
            &format!("{name}.crt"),
        ]);
    }
    TlsFiles {
        ca: dir.join("ca.crt"),
        cert: dir.join("server.crt"),
        key: dir.join("server.key"),
        client_cert: dir.join("client.crt"),
        client_key: dir.join("client.key"),
    }
}

#[derive(Debug, Default, Clone)]
pub struct Builder {
    password: Option<String>,
    acl_user: Option<(String, String)>,
    tls: bool,
    tls_auth_clients: bool,
    replica_of: Option<u16>,
    cluster: bool,
    unix_socket: bool,
    args: Vec<String>,
}

impl Builder {
    pub fn password(mut self, p: &str) -> Self {
        self.password = Some(p.into());
        self
    }
    /// An ACL user with every permission, besides the default user.
    pub fn acl_user(mut self, user: &str, pass: &str) -> Self {
        self.acl_user = Some((user.into(), pass.into()));
        self
    }
    pub fn tls(mut self) -> Self {
        self.tls = true;
        self
    }
    /// TLS that requires a client certificate.
    pub fn mutual_tls(mut self) -> Self {
        self.tls = true;
        self.tls_auth_clients = true;
        self
    }
    pub fn replica_of(mut self, port: u16) -> Self {
        self.replica_of = Some(port);
        self
    }
    pub fn cluster(mut self) -> Self {
        self.cluster = true;
        self
    }
    pub fn unix_socket(mut self) -> Self {
        self.unix_socket = true;
        self
    }
    pub fn arg(mut self, a: &str) -> Self {
        self.args.push(a.into());
        self
    }

    /// Starts the server on a free port; a port taken between the check and the bind (another
    /// test process) is retried on a new one.
    pub fn start(self) -> RedisServer {
        let mut last = String::new();
        for _ in 0..3 {
            match self.clone().try_start() {
                Ok(s) => return s,
                Err(log) if log.contains("Address already in use") => last = log,
                Err(log) => panic!("redis-server did not start:\n{log}"),
            }
        }
        panic!("redis-server found no free port in 3 tries:\n{last}");
    }

    fn try_start(self) -> Result<RedisServer, String> {
        let bin = require("redis-server");
        require("redis-cli");
        let dir = tempfile::tempdir().expect("tempdir");
        let port = free_port();
        let tls = self.tls.then(|| make_certs(dir.path()));
        let mut conf = vec![
            format!("bind 127.0.0.1"),
            format!("dir {}", dir.path().display()),
            "logfile redis.log".into(),
            "save \"\"".into(),
            "appendonly no".into(),
            "protected-mode no".into(),
            "daemonize no".into(),
        ];
        match &tls {
            Some(t) => {
                conf.push("port 0".into());
                conf.push(format!("tls-port {port}"));
                conf.push(format!("tls-cert-file {}", t.cert.display()));
                conf.push(format!("tls-key-file {}", t.key.display()));
                conf.push(format!("tls-ca-cert-file {}", t.ca.display()));
                conf.push(format!(
                    "tls-auth-clients {}",
                    if self.tls_auth_clients { "yes" } else { "no" }
                ));
                if self.replica_of.is_some() {
                    conf.push("tls-replication yes".into());
                }
            }
            None => conf.push(format!("port {port}")),
        }
        let socket = self.unix_socket.then(|| dir.path().join("redis.sock"));
        if let Some(s) = &socket {
            conf.push(format!("unixsocket {}", s.display()));
            conf.push("unixsocketperm 700".into());
        }
        if let Some(p) = &self.password {
            conf.push(format!("requirepass {p}"));
            conf.push(format!("masterauth {p}"));
        }
        if let Some((u, p)) = &self.acl_user {
            conf.push(format!("user {u} on >{p} ~* &* +@all"));
        }
        if let Some(master) = self.replica_of {
            conf.push(format!("replicaof 127.0.0.1 {master}"));
        }
        if self.cluster {
            conf.push("cluster-enabled yes".into());
            conf.push("cluster-config-file nodes.conf".into());
            conf.push("cluster-node-timeout 2000".into());
        }
        conf.extend(self.args.iter().cloned());
        let conf_path = dir.path().join("redis.conf");
        std::fs::write(&conf_path, conf.join("\n") + "\n").expect("write redis.conf");
        let child = Command::new(bin)
            .arg(&conf_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start redis-server");
        let server = RedisServer {
            port,
            dir,
            child,
            password: self.password,
            tls,
            socket,
        };
        server.ready()?;
        Ok(server)
    }
}

/// A running redis-server; killed on drop.
pub struct RedisServer {
    pub port: u16,
    pub dir: TempDir,
    child: Child,
    pub password: Option<String>,
    pub tls: Option<TlsFiles>,
    pub socket: Option<PathBuf>,
}

impl RedisServer {
    pub fn builder() -> Builder {
        Builder::default()
    }

    pub fn start() -> RedisServer {
        Builder::default().start()
    }

    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The URL without credentials.
    pub fn url(&self) -> String {
        let scheme = if self.tls.is_some() {
            "rediss"
        } else {
            "redis"
        };
        format!("{scheme}://127.0.0.1:{}", self.port)
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("redis.log")).unwrap_or_default()
    }

    /// Waits for "Ready to accept connections"; the log when the server failed to start.
    fn ready(&self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            let log = self.log();
            if log.contains("Ready to accept connections") {
                return Ok(());
            }
            if log.contains("Address already in use") || log.contains("Could not create server") {
                return Err(log);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Err(format!("not ready after 20 s:\n{}", self.log()))
    }

    fn wait_log(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.log().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "redis-server on {} did not start:\n{}",
            self.port,
            self.log()
        );
    }

    /// Runs redis-cli against this server and returns its stdout (trimmed).
    pub fn cli(&self, args: &[&str]) -> String {
        let out = self.cli_cmd().args(args).output().expect("run redis-cli");
        assert!(
            out.status.success(),
            "redis-cli {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim_end().to_string()
    }

    /// Feeds commands to redis-cli --pipe style (one per line, raw protocol) for bulk loads.
    pub fn cli_stdin(&self, args: &[&str], input: &[u8]) -> String {
        let mut child = self
            .cli_cmd()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run redis-cli");
        child.stdin.take().unwrap().write_all(input).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "redis-cli {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim_end().to_string()
    }

    pub fn cli_cmd(&self) -> Command {
        let mut c = Command::new("redis-cli");
        c.args(["-h", "127.0.0.1", "-p", &self.port.to_string()]);
        if let Some(t) = &self.tls {
            c.arg("--tls")
                .arg("--cacert")
                .arg(&t.ca)
                .arg("--cert")
                .arg(&t.client_cert)
                .arg("--key")
                .arg(&t.client_key);
        }
        if let Some(p) = &self.password {
            c.env("REDISCLI_AUTH", p);
        }
        c
    }

    /// Sends a signal (`STOP`, `CONT`) to the server process.
    pub fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .args([&format!("-{sig}"), &self.child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "kill -{sig} {}", self.child.id());
    }

    /// Stops the server now (to test a server that went away).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts the server again on the same port with the same config and data directory (after
    /// `kill`), and waits until it accepts connections.
    pub fn restart(&mut self) {
        self.kill();
        let log = self.dir.path().join("redis.log");
        let _ = std::fs::remove_file(&log);
        self.child = Command::new(require("redis-server"))
            .arg(self.dir.path().join("redis.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("restart redis-server");
        self.wait_log("Ready to accept connections");
    }

    /// Waits until this master sees every replica it lists `online` (a replica whose link is up
    /// may still be `wait_bgsave` from the master's side, which health reports as lagging).
    pub fn wait_replicas_online(&self) {
        wait_until(
            &format!("the replicas of {} to be online", self.port),
            Duration::from_secs(20),
            || replicas_online(&self.cli(&["INFO", "replication"])),
        );
    }

    /// Waits until this replica reports its link to the master up.
    pub fn wait_replica_up(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self
                .cli(&["INFO", "replication"])
                .contains("master_link_status:up")
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "replica on {} never linked to its master:\n{}",
            self.port,
            self.log()
        );
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A Sentinel watching one master under a name.
pub struct Sentinel {
    pub port: u16,
    dir: TempDir,
    child: Child,
}

impl Sentinel {
    pub fn start(master_port: u16, name: &str) -> Sentinel {
        let bin = require("redis-server");
        let dir = tempfile::tempdir().expect("tempdir");
        let port = free_port();
        let conf = format!(
            "port {port}\nbind 127.0.0.1\ndir {}\nlogfile sentinel.log\nprotected-mode no\nsentinel monitor {name} 127.0.0.1 {master_port} 1\nsentinel down-after-milliseconds {name} 5000\n",
            dir.path().display()
        );
        let path = dir.path().join("sentinel.conf");
        std::fs::write(&path, conf).unwrap();
        let child = Command::new(bin)
            .arg(&path)
            .arg("--sentinel")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start redis-sentinel");
        let s = Sentinel { port, dir, child };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let log =
                std::fs::read_to_string(s.dir.path().join("sentinel.log")).unwrap_or_default();
            if log.contains("+monitor") {
                break;
            }
            assert!(Instant::now() < deadline, "sentinel did not start:\n{log}");
            std::thread::sleep(Duration::from_millis(20));
        }
        s
    }

    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

impl Drop for Sentinel {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A Redis Cluster of `masters` masters, each with `replicas` replicas.
pub struct Cluster {
    pub nodes: Vec<RedisServer>,
}

impl Cluster {
    pub fn start(masters: usize, replicas: usize) -> Cluster {
        let nodes: Vec<RedisServer> = (0..masters * (1 + replicas))
            .map(|_| RedisServer::builder().cluster().start())
            .collect();
        let mut args: Vec<String> = vec!["--cluster".into(), "create".into()];
        args.extend(nodes.iter().map(|n| n.addr()));
        args.extend([
            "--cluster-replicas".into(),
            replicas.to_string(),
            "--cluster-yes".into(),
        ]);
        let out = Command::new("redis-cli")
            .args(&args)
            .output()
            .expect("redis-cli --cluster create");
        assert!(
            out.status.success(),
            "cluster create: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let c = Cluster { nodes };
        c.wait_ok();
        c
    }

    /// A cluster of one master holding every slot (a common development and CI setup): the
    /// node was never MEETed, so CLUSTER NODES lists it as `:PORT@CPORT` with an empty host.
    pub fn single() -> Cluster {
        let node = RedisServer::builder().cluster().start();
        node.cli(&["CLUSTER", "ADDSLOTSRANGE", "0", "16383"]);
        let c = Cluster { nodes: vec![node] };
        c.wait_ok();
        c
    }

    /// Waits until every node says cluster_state:ok and knows every other node.
    pub fn wait_ok(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        'outer: while Instant::now() < deadline {
            for n in &self.nodes {
                let info = n.cli(&["CLUSTER", "INFO"]);
                let known = format!("cluster_known_nodes:{}", self.nodes.len());
                if !info.contains("cluster_state:ok") || !info.contains(&known) {
                    std::thread::sleep(Duration::from_millis(100));
                    continue 'outer;
                }
            }
            return;
        }
        panic!("cluster never became ok");
    }

    pub fn seed_url(&self) -> String {
        self.nodes[0].url()
    }

    /// redis-cli in cluster mode (-c follows redirects) through the first node.
    pub fn cli(&self, args: &[&str]) -> String {
        let out = self.nodes[0]
            .cli_cmd()
            .arg("-c")
            .args(args)
            .output()
            .expect("redis-cli -c");
        String::from_utf8_lossy(&out.stdout).trim_end().to_string()
    }

    /// Makes master `i` fail the way a hung machine does: the others are told to keep serving
    /// their slots (`cluster-require-full-coverage no`), then the node is SIGSTOPped until
    /// another node flags it `fail`. Returns the stopped node's address.
    pub fn fail_master(&mut self, i: usize) -> String {
        for n in &self.nodes {
            n.cli(&["CONFIG", "SET", "cluster-require-full-coverage", "no"]);
        }
        let addr = self.nodes[i].addr();
        self.nodes[i].signal("STOP");
        let observer = if i == 0 { 1 } else { 0 };
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            let nodes = self.nodes[observer].cli(&["CLUSTER", "NODES"]);
            if nodes.lines().any(|l| {
                l.contains(&addr)
                    && l.split(' ')
                        .nth(2)
                        .is_some_and(|f| f.split(',').any(|x| x == "fail"))
            }) {
                return addr;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{addr} was never flagged fail");
    }

    /// Writes `lines` of redis-cli commands through the cluster (redirects followed).
    pub fn feed(&self, lines: &str) {
        let status = self.nodes[0]
            .cli_cmd()
            .arg("-c")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .and_then(|mut child| {
                child
                    .stdin
                    .take()
                    .expect("stdin")
                    .write_all(lines.as_bytes())?;
                child.wait()
            })
            .expect("redis-cli -c");
        assert!(status.success());
    }

    /// Total keys across the masters.
    pub fn dbsize(&self) -> u64 {
        self.nodes
            .iter()
            .filter(|n| n.cli(&["ROLE"]).starts_with("master"))
            .map(|n| n.cli(&["DBSIZE"]).parse::<u64>().unwrap_or(0))
            .sum()
    }
}

/// A TCP listener that accepts connections and never says a word (a hung server).
pub struct SilentServer {
    pub port: u16,
    accepted: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    _thread: std::thread::JoinHandle<()>,
}

impl SilentServer {
    pub fn start() -> SilentServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let accepted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = accepted.clone();
        let thread = std::thread::spawn(move || {
            let mut held = Vec::new();
            for s in listener.incoming().flatten() {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                // Read and discard, so the client's writes succeed and it waits for a reply.
                let mut c = s.try_clone().unwrap();
                std::thread::spawn(move || {
                    let mut buf = [0u8; 1024];
                    while matches!(c.read(&mut buf), Ok(n) if n > 0) {}
                });
                held.push(s);
            }
        });
        SilentServer {
            port,
            accepted,
            _thread: thread,
        }
    }

    /// How many connections it has accepted so far: a command that refuses before any work
    /// leaves this unchanged (a check that does not depend on the machine's speed).
    pub fn accepted(&self) -> usize {
        self.accepted.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// Sends one raw RESP command over plain TCP and returns the first reply line (for checks
/// that must not go through redkit's own client).
pub fn raw_command(port: u16, cmd: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(format!("{cmd}\r\n").as_bytes()).unwrap();
    let mut line = String::new();
    BufReader::new(s).read_line(&mut line).unwrap();
    line.trim_end().to_string()
}

/// Whether an INFO replication text of a master lists at least one replica and all `online`.
pub fn replicas_online(info: &str) -> bool {
    let replicas: Vec<&str> = info.lines().filter(|l| l.starts_with("slave")).collect();
    !replicas.is_empty() && replicas.iter().all(|l| l.contains("state=online"))
}

/// Polls `cond` every 20 ms until it holds, instead of sleeping a fixed time before acting
/// (a kill, a signal): fails the test naming `what` after `within`.
#[track_caller]
pub fn wait_until(what: &str, within: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if cond() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out after {within:?} waiting for {what}");
}

impl RedisServer {
    /// A numeric field of INFO (0 when absent).
    pub fn info_num(&self, field: &str) -> u64 {
        self.cli(&["INFO"])
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{field}:")))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    }
}
