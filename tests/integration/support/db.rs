//! Real SQL servers for the migration tests: one MariaDB and one PostgreSQL server process per
//! test binary, started lazily on free loopback ports in temporary directories, with a fresh
//! database per test; SQLite files in temporary directories. A missing server binary is a
//! test failure with a clear message, in CI and outside it: `tests/run` installs them.
//!
//! The servers live in statics that are never dropped, so each gets a small watchdog shell that
//! stops it (by its pid) and removes its directory once the test process is gone.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use sqlx::{AssertSqlSafe, Connection, Row};
use tempfile::TempDir;

use super::free_port;

/// Which database a test runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Mariadb,
    Postgres,
}

/// The superuser password of the test PostgreSQL server (TCP logins need a password there).
const PG_PASSWORD: &str = "redkit-test-pw";

fn find_bin(names: &[&str], dirs: &[PathBuf], package: &str) -> PathBuf {
    let mut search: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    search.extend(dirs.iter().cloned());
    for name in names {
        for d in &search {
            let p = d.join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!(
        "{} not found on PATH or in {:?}: the migration tests need a real server; run tests/run, \
         which installs it (apt-get install {package})",
        names.join(" or "),
        dirs
    );
}

/// PostgreSQL's binaries live in /usr/lib/postgresql/<version>/bin on Debian, off the PATH.
fn pg_dirs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| rd.flatten().map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    // Newest version first.
    v.sort_by_key(|p| {
        std::cmp::Reverse(
            p.parent()
                .and_then(|v| v.file_name())
                .and_then(|v| v.to_str())
                .and_then(|v| v.parse::<u32>().ok())
                .unwrap_or(0),
        )
    });
    v
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn runtime() -> tokio::runtime::Runtime {
    sqlx::any::install_default_drivers();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// A server process shared by every test of the binary.
struct Server {
    port: u16,
    admin_url: String,
    dir: PathBuf,
}

/// Stops the server `pid` with `signal`, then removes `dir`, once the test process exits.
fn watchdog(pid: u32, signal: &str, dir: &Path) {
    let script = format!(
        "while kill -0 {me} 2>/dev/null; do sleep 0.5; done; kill -{signal} {pid} 2>/dev/null; \
         sleep 2; kill -9 {pid} 2>/dev/null; rm -rf '{dir}'",
        me = std::process::id(),
        dir = dir.display()
    );
    let _ = Command::new("sh")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

/// Waits until `url` accepts a connection, or fails with the server's log.
fn wait_ready(child: &mut Child, url: &str, log: &Path, what: &str) {
    sqlx::any::install_default_drivers();
    let rt = runtime();
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            panic!(
                "{what} exited with {status}:\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        if rt
            .block_on(async { sqlx::AnyConnection::connect(url).await })
            .is_ok()
        {
            return;
        }
        if Instant::now() > deadline {
            panic!(
                "{what} did not accept connections in 90 s:\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn run_ok(cmd: &mut Command, what: &str) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn start_mariadb() -> Server {
    start_mariadb_with(&["--skip-log-bin"])
}

/// One server set-up at a time: two mariadb-install-db bootstraps at once have failed here.
static STARTING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A private mariadbd with `extra` arguments (binary log and server id for replication).
fn start_mariadb_with(extra: &[&str]) -> Server {
    let _one_at_a_time = STARTING.lock().unwrap_or_else(|e| e.into_inner());
    let sbin = vec![PathBuf::from("/usr/sbin"), PathBuf::from("/usr/bin")];
    let server = find_bin(&["mariadbd", "mysqld"], &sbin, "mariadb-server");
    let install = find_bin(
        &["mariadb-install-db", "mysql_install_db"],
        &sbin,
        "mariadb-server",
    );
    let dir = TempDir::with_prefix("redkit-mariadb-")
        .expect("temp dir")
        .keep();
    let data = dir.join("data");
    let root = is_root();
    let mut c = Command::new(&install);
    c.arg("--no-defaults")
        .arg(format!("--datadir={}", data.display()))
        .arg("--auth-root-authentication-method=normal")
        .arg("--skip-test-db");
    if root {
        c.arg("--user=root");
    }
    run_ok(&mut c, "mariadb-install-db");
    let port = free_port();
    let log = dir.join("mariadb.log");
    let mut c = Command::new(&server);
    c.arg("--no-defaults")
        .arg(format!("--datadir={}", data.display()))
        .arg(format!("--port={port}"))
        .arg("--bind-address=127.0.0.1")
        .arg(format!("--socket={}", dir.join("mysqld.sock").display()))
        .arg(format!("--pid-file={}", dir.join("mysqld.pid").display()))
        .arg(format!("--log-error={}", log.display()))
        .args(extra)
        .arg("--innodb-flush-log-at-trx-commit=0")
        .arg("--innodb-buffer-pool-size=64M")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if root {
        // mariadbd refuses to run as root unless told to.
        c.arg("--user=root");
    }
    let mut child = c.spawn().expect("start mariadbd");
    watchdog(child.id(), "TERM", &dir);
    let admin_url = format!("mysql://root@127.0.0.1:{port}/mysql");
    wait_ready(&mut child, &admin_url, &log, "mariadbd");
    Server {
        port,
        admin_url,
        dir,
    }
}

fn start_postgres() -> Server {
    start_postgres_from(None)
}

/// A private PostgreSQL: a fresh cluster, or with `primary` a streaming replica of that
/// server made by `pg_basebackup -R`.
fn start_postgres_from(primary: Option<&Server>) -> Server {
    let dirs = pg_dirs();
    let initdb = find_bin(&["initdb"], &dirs, "postgresql");
    let postgres = find_bin(&["postgres"], &dirs, "postgresql");
    let dir = TempDir::with_prefix("redkit-postgres-")
        .expect("temp dir")
        .keep();
    let data = dir.join("data");
    let pwfile = dir.join("pw");
    std::fs::write(&pwfile, PG_PASSWORD).expect("write pwfile");
    let root = is_root();
    // PostgreSQL refuses to run as root: run it as nobody, in a directory nobody owns.
    let as_user = |bin: &Path| -> Command {
        if root {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
                .arg(bin);
            c
        } else {
            Command::new(bin)
        }
    };
    if root {
        run_ok(
            Command::new("chown")
                .arg("-R")
                .arg("nobody:nogroup")
                .arg(&dir),
            "chown the postgres dir",
        );
    }
    match primary {
        None => run_ok(
            as_user(&initdb)
                .arg("-D")
                .arg(&data)
                .args([
                    "-U",
                    "postgres",
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                ])
                .arg(format!("--pwfile={}", pwfile.display()))
                .args(["-E", "UTF8", "--no-sync"]),
            "initdb",
        ),
        Some(p) => {
            let basebackup = find_bin(&["pg_basebackup"], &dirs, "postgresql");
            run_ok(
                as_user(&basebackup)
                    .env("PGPASSWORD", PG_PASSWORD)
                    .args([
                        "-h",
                        "127.0.0.1",
                        "-p",
                        &p.port.to_string(),
                        "-U",
                        "postgres",
                    ])
                    .arg("-D")
                    .arg(&data)
                    .args(["-R", "-X", "stream", "--no-sync"]),
                "pg_basebackup",
            );
        }
    }
    let port = free_port();
    let log = dir.join("postgres.log");
    let logf = std::fs::File::create(&log).expect("postgres log");
    let mut child = as_user(&postgres)
        .arg("-D")
        .arg(&data)
        .arg("-p")
        .arg(port.to_string())
        .args([
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "unix_socket_directories=",
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(logf)
        .spawn()
        .expect("start postgres");
    // SIGQUIT: immediate shutdown, whoever is still connected.
    watchdog(child.id(), "QUIT", &dir);
    let admin_url = format!("postgres://postgres:{PG_PASSWORD}@127.0.0.1:{port}/postgres");
    wait_ready(&mut child, &admin_url, &log, "postgres");
    Server {
        port,
        admin_url,
        dir,
    }
}

static MARIADB: OnceLock<Server> = OnceLock::new();
/// A MariaDB with an empty (lax) sql_mode: out-of-range values are stored as zero dates
/// with a warning instead of failing (the shared one runs the default, strict mode).
static MARIADB_LAX: OnceLock<Server> = OnceLock::new();
static POSTGRES: OnceLock<Server> = OnceLock::new();
static NEXT_DB: AtomicU32 = AtomicU32::new(1);

/// A session with an open transaction (see `TestDb::hold`).
pub struct Held {
    rt: tokio::runtime::Runtime,
    conn: Option<sqlx::AnyConnection>,
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(mut c) = self.conn.take() {
            self.rt.block_on(async {
                let _ = sqlx::Executor::execute(&mut c, "ROLLBACK").await;
                let _ = c.close().await;
            });
        }
    }
}

/// A fresh database for one test.
pub struct TestDb {
    pub kind: Kind,
    /// The URL redkit gets (with the password, where there is one).
    pub url: String,
    name: String,
    _dir: Option<TempDir>,
}

impl TestDb {
    pub fn new(kind: Kind) -> TestDb {
        let name = format!(
            "t{}_{}",
            std::process::id(),
            NEXT_DB.fetch_add(1, Ordering::SeqCst)
        );
        match kind {
            Kind::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let path = dir.path().join(format!("{name}.db"));
                // Create the file: redkit never creates a database that is not there.
                std::fs::write(&path, b"").expect("create sqlite file");
                TestDb {
                    kind,
                    url: format!("sqlite://{}", path.display()),
                    name,
                    _dir: Some(dir),
                }
            }
            Kind::Mariadb => {
                let s = MARIADB.get_or_init(start_mariadb);
                admin(
                    &s.admin_url,
                    &format!("CREATE DATABASE {name} CHARACTER SET utf8mb4"),
                );
                TestDb {
                    kind,
                    url: format!("mysql://root@127.0.0.1:{}/{name}", s.port),
                    name,
                    _dir: None,
                }
            }
            Kind::Postgres => {
                let s = POSTGRES.get_or_init(start_postgres);
                admin(&s.admin_url, &format!("CREATE DATABASE {name}"));
                TestDb {
                    kind,
                    url: format!(
                        "postgres://postgres:{PG_PASSWORD}@127.0.0.1:{}/{name}",
                        s.port
                    ),
                    name,
                    _dir: None,
                }
            }
        }
    }

    /// A fresh database on a MariaDB whose sql_mode is empty (lax).
    pub fn mariadb_lax() -> TestDb {
        let s = MARIADB_LAX.get_or_init(|| start_mariadb_with(&["--skip-log-bin", "--sql-mode="]));
        let name = format!(
            "l{}_{}",
            std::process::id(),
            NEXT_DB.fetch_add(1, Ordering::SeqCst)
        );
        admin(
            &s.admin_url,
            &format!("CREATE DATABASE {name} CHARACTER SET utf8mb4"),
        );
        TestDb {
            kind: Kind::Mariadb,
            url: format!("mysql://root@127.0.0.1:{}/{name}", s.port),
            name,
            _dir: None,
        }
    }

    /// A URL for a new login with `password` on this database (SQLite has no logins: the plain
    /// URL).
    pub fn url_with_password(&self, password: &str) -> String {
        let user = format!("u{}", self.name);
        match self.kind {
            Kind::Sqlite => self.url.clone(),
            Kind::Mariadb => {
                let s = MARIADB.get().expect("server started");
                admin(
                    &s.admin_url,
                    &format!("CREATE USER '{user}'@'%' IDENTIFIED BY '{password}'"),
                );
                admin(
                    &s.admin_url,
                    &format!("GRANT ALL ON {}.* TO '{user}'@'%'", self.name),
                );
                format!(
                    "mysql://{user}:{password}@127.0.0.1:{}/{}",
                    s.port, self.name
                )
            }
            Kind::Postgres => {
                let s = POSTGRES.get().expect("server started");
                admin(
                    &s.admin_url,
                    &format!("CREATE ROLE {user} LOGIN SUPERUSER PASSWORD '{password}'"),
                );
                format!(
                    "postgres://{user}:{password}@127.0.0.1:{}/{}",
                    s.port, self.name
                )
            }
        }
    }

    /// The login `url_with_password` creates.
    pub fn login_user(&self) -> String {
        format!("u{}", self.name)
    }

    /// Locks that login out (or lets it in again) and, when locking, drops its open sessions:
    /// to the client the database has gone away.
    pub fn lock_login(&self, locked: bool) {
        let user = self.login_user();
        match self.kind {
            Kind::Sqlite => {}
            Kind::Mariadb => {
                let lock = if locked { "LOCK" } else { "UNLOCK" };
                self.exec(&[&format!("ALTER USER '{user}'@'%' ACCOUNT {lock}")]);
                if locked {
                    let ids = self.ints(&format!(
                        "SELECT CAST(id AS SIGNED) FROM information_schema.processlist WHERE user = '{user}'"
                    ));
                    for id in ids {
                        // A session may end by itself meanwhile: ignore that error.
                        let _ = std::panic::catch_unwind(|| {
                            self.exec(&[&format!("KILL CONNECTION {}", id[0])])
                        });
                    }
                }
            }
            Kind::Postgres => {
                let login = if locked { "NOLOGIN" } else { "LOGIN" };
                self.exec(&[&format!("ALTER ROLE {user} {login}")]);
                if locked {
                    self.exec(&[&format!(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{user}'"
                    )]);
                }
            }
        }
    }

    /// Opens a session, begins a transaction and runs `statements` in it: what they lock
    /// stays locked until the returned value is dropped (the transaction is rolled back).
    pub fn hold(&self, statements: &[&str]) -> Held {
        let rt = runtime();
        let conn = rt.block_on(async {
            let mut c = sqlx::AnyConnection::connect(&self.url)
                .await
                .unwrap_or_else(|e| panic!("connect {}: {e}", self.url));
            sqlx::Executor::execute(&mut c, "BEGIN")
                .await
                .unwrap_or_else(|e| panic!("BEGIN: {e}"));
            for s in statements {
                sqlx::query(AssertSqlSafe(s.to_string()))
                    .execute(&mut c)
                    .await
                    .unwrap_or_else(|e| panic!("{s}: {e}"));
            }
            c
        });
        Held {
            rt,
            conn: Some(conn),
        }
    }

    /// Runs statements in order.
    pub fn exec(&self, statements: &[&str]) {
        let rt = runtime();
        rt.block_on(async {
            let mut c = sqlx::AnyConnection::connect(&self.url)
                .await
                .unwrap_or_else(|e| panic!("connect {}: {e}", self.url));
            for s in statements {
                sqlx::query(AssertSqlSafe(s.to_string()))
                    .execute(&mut c)
                    .await
                    .unwrap_or_else(|e| panic!("{s}: {e}"));
            }
            let _ = c.close().await;
        });
    }

    /// Every row of a query whose columns are all integers (wrap columns with `self.int`).
    pub fn ints(&self, sql: &str) -> Vec<Vec<i64>> {
        let rt = runtime();
        rt.block_on(async {
            let mut c = sqlx::AnyConnection::connect(&self.url)
                .await
                .unwrap_or_else(|e| panic!("connect {}: {e}", self.url));
            let rows = sqlx::query(AssertSqlSafe(sql.to_string()))
                .fetch_all(&mut c)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
            let _ = c.close().await;
            rows.iter()
                .map(|r| {
                    (0..r.len())
                        .map(|i| r.try_get::<Option<i64>, _>(i).unwrap().unwrap_or(-1))
                        .collect()
                })
                .collect()
        })
    }

    /// One integer.
    pub fn int_of(&self, sql: &str) -> i64 {
        self.ints(sql)[0][0]
    }

    /// An expression read back as a 64-bit integer in this dialect.
    pub fn int(&self, expr: &str) -> String {
        match self.kind {
            Kind::Sqlite => expr.to_string(),
            Kind::Mariadb => format!("CAST({expr} AS SIGNED)"),
            Kind::Postgres => format!("CAST({expr} AS BIGINT)"),
        }
    }

    /// Whether a table exists.
    pub fn has_table(&self, table: &str) -> bool {
        let sql = match self.kind {
            Kind::Sqlite => format!(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
            ),
            Kind::Mariadb => format!(
                "SELECT CAST(COUNT(*) AS SIGNED) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '{table}'"
            ),
            Kind::Postgres => format!(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{table}'"
            ),
        };
        self.int_of(&sql) > 0
    }

    /// The indexes of `table`, sorted (SQLite's automatic ones included, as they stand for
    /// the unique key).
    pub fn index_names(&self, table: &str) -> Vec<String> {
        let sql = match self.kind {
            Kind::Sqlite => format!(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}' ORDER BY name"
            ),
            Kind::Mariadb => format!(
                "SELECT DISTINCT CAST(index_name AS CHAR) FROM information_schema.statistics \
                 WHERE table_schema = DATABASE() AND table_name = '{table}' ORDER BY 1"
            ),
            Kind::Postgres => format!(
                "SELECT indexname::text FROM pg_indexes WHERE tablename = '{table}' ORDER BY 1"
            ),
        };
        let rt = runtime();
        rt.block_on(async {
            let mut c = sqlx::AnyConnection::connect(&self.url)
                .await
                .expect("connect for a query");
            sqlx::query(AssertSqlSafe(sql))
                .fetch_all(&mut c)
                .await
                .expect("index query")
                .iter()
                .map(|r| r.try_get::<String, _>(0).expect("a name"))
                .collect()
        })
    }

    /// The `messages` table of the application in this dialect.
    pub fn messages_ddl(&self) -> &'static str {
        match self.kind {
            Kind::Sqlite => {
                "CREATE TABLE messages (id INTEGER PRIMARY KEY, sender_id BIGINT, receiver_id BIGINT, \
                 title VARCHAR(200), content TEXT, is_read TINYINT(1) DEFAULT 0, \
                 created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)"
            }
            Kind::Mariadb => {
                "CREATE TABLE messages (id BIGINT AUTO_INCREMENT PRIMARY KEY, sender_id BIGINT, \
                 receiver_id BIGINT, title VARCHAR(200), content TEXT, is_read TINYINT(1) DEFAULT 0, \
                 created_at DATETIME DEFAULT CURRENT_TIMESTAMP) DEFAULT CHARSET=utf8mb4"
            }
            Kind::Postgres => {
                "CREATE TABLE messages (id BIGSERIAL PRIMARY KEY, sender_id BIGINT, receiver_id BIGINT, \
                 title VARCHAR(200), content TEXT, is_read SMALLINT DEFAULT 0, \
                 created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)"
            }
        }
    }
}

/// Runs one statement on a server's admin database.
fn admin(url: &str, sql: &str) {
    let rt = runtime();
    rt.block_on(async {
        let mut c = sqlx::AnyConnection::connect(url)
            .await
            .unwrap_or_else(|e| panic!("connect admin: {e}"));
        sqlx::query(AssertSqlSafe(sql.to_string()))
            .execute(&mut c)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        let _ = c.close().await;
    });
}

/// The directory a shared server keeps its data and log in (for failure messages).
pub fn server_dir(kind: Kind) -> Option<PathBuf> {
    match kind {
        Kind::Mariadb => MARIADB.get().map(|s| s.dir.clone()),
        Kind::Postgres => POSTGRES.get().map(|s| s.dir.clone()),
        Kind::Sqlite => None,
    }
}

/// A TCP proxy in front of a database server that can stop forwarding: connections stay
/// open, nothing more gets through in either direction (a server that stopped answering, a
/// dead network path with the socket still up). Threads, one pair per connection; they end
/// with the test process.
pub struct StallingProxy {
    pub port: u16,
    stalled: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl StallingProxy {
    /// Starts forwarding from a free loopback port to `127.0.0.1:target`.
    pub fn start(target: u16) -> StallingProxy {
        use std::net::{TcpListener, TcpStream};
        use std::sync::Arc;
        use std::sync::atomic::AtomicBool;
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        let port = listener.local_addr().expect("proxy address").port();
        let stalled = Arc::new(AtomicBool::new(false));
        let flag = stalled.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let Ok(server) = TcpStream::connect(("127.0.0.1", target)) else {
                    continue;
                };
                for (mut from, mut to) in [
                    (client.try_clone().unwrap(), server.try_clone().unwrap()),
                    (server, client),
                ] {
                    let flag = flag.clone();
                    std::thread::spawn(move || pump(&mut from, &mut to, &flag));
                }
            }
        });
        StallingProxy { port, stalled }
    }

    /// Stops (true) or resumes (false) forwarding.
    pub fn stall(&self, on: bool) {
        self.stalled.store(on, Ordering::SeqCst);
    }

    /// `url` with its port replaced by the proxy's.
    pub fn url_for(&self, url: &str) -> String {
        let mut u = url::Url::parse(url).expect("a database URL");
        u.set_port(Some(self.port)).expect("a URL with a port");
        u.to_string()
    }
}

/// Copies bytes until either side closes; while stalled, holds what it read and waits.
fn pump(
    from: &mut std::net::TcpStream,
    to: &mut std::net::TcpStream,
    stalled: &std::sync::atomic::AtomicBool,
) {
    use std::io::{Read, Write};
    let mut buf = [0u8; 16 * 1024];
    loop {
        while stalled.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        while stalled.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(20));
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(std::net::Shutdown::Write);
}

/// A primary and its replica, replicating every database: GTID replication between two
/// private mariadbd, or a PostgreSQL streaming replica made with `pg_basebackup -R`.
pub struct ReplicaPair {
    kind: Kind,
    primary: Server,
    replica: Server,
}

static MARIADB_PAIR: OnceLock<ReplicaPair> = OnceLock::new();
static POSTGRES_PAIR: OnceLock<ReplicaPair> = OnceLock::new();

impl ReplicaPair {
    /// The pair of this kind (started once per test binary). SQLite has no replicas.
    pub fn get(kind: Kind) -> &'static ReplicaPair {
        match kind {
            Kind::Mariadb => MARIADB_PAIR.get_or_init(|| {
                let primary =
                    start_mariadb_with(&["--log-bin=primary-bin", "--server-id=1", "--binlog-format=ROW"]);
                let replica = start_mariadb_with(&["--skip-log-bin", "--server-id=2"]);
                admin(
                    &replica.admin_url,
                    &format!(
                        "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT={}, MASTER_USER='root', \
                         MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos",
                        primary.port
                    ),
                );
                admin(&replica.admin_url, "START SLAVE");
                ReplicaPair {
                    kind,
                    primary,
                    replica,
                }
            }),
            Kind::Postgres => POSTGRES_PAIR.get_or_init(|| {
                let primary = start_postgres_from(None);
                let replica = start_postgres_from(Some(&primary));
                ReplicaPair {
                    kind,
                    primary,
                    replica,
                }
            }),
            Kind::Sqlite => panic!("SQLite has no replicas"),
        }
    }

    /// A fresh database on the primary, and the URL of the same database on the replica
    /// (once it has arrived there).
    pub fn new_db(&self) -> (TestDb, String) {
        let name = format!(
            "r{}_{}",
            std::process::id(),
            NEXT_DB.fetch_add(1, Ordering::SeqCst)
        );
        let (url, replica_url) = match self.kind {
            Kind::Mariadb => {
                admin(
                    &self.primary.admin_url,
                    &format!("CREATE DATABASE {name} CHARACTER SET utf8mb4"),
                );
                (
                    format!("mysql://root@127.0.0.1:{}/{name}", self.primary.port),
                    format!("mysql://root@127.0.0.1:{}/{name}", self.replica.port),
                )
            }
            Kind::Postgres => {
                admin(&self.primary.admin_url, &format!("CREATE DATABASE {name}"));
                (
                    format!(
                        "postgres://postgres:{PG_PASSWORD}@127.0.0.1:{}/{name}",
                        self.primary.port
                    ),
                    format!(
                        "postgres://postgres:{PG_PASSWORD}@127.0.0.1:{}/{name}",
                        self.replica.port
                    ),
                )
            }
            Kind::Sqlite => unreachable!("no SQLite pair"),
        };
        // Wait until the replica has the database.
        sqlx::any::install_default_drivers();
        let rt = runtime();
        let deadline = Instant::now() + Duration::from_secs(60);
        while rt
            .block_on(async { sqlx::AnyConnection::connect(&replica_url).await })
            .is_err()
        {
            assert!(
                Instant::now() < deadline,
                "database {name} did not reach the replica in 60 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        (
            TestDb {
                kind: self.kind,
                url,
                name,
                _dir: None,
            },
            replica_url,
        )
    }

    /// Stops (true) or restarts (false) the replica's apply: `STOP SLAVE SQL_THREAD` /
    /// `pg_wal_replay_pause()`; the primary goes on writing.
    pub fn hold_apply(&self, hold: bool) {
        let sql = match (self.kind, hold) {
            (Kind::Mariadb, true) => "STOP SLAVE SQL_THREAD",
            (Kind::Mariadb, false) => "START SLAVE SQL_THREAD",
            (Kind::Postgres, true) => "SELECT pg_wal_replay_pause()",
            (Kind::Postgres, false) => "SELECT pg_wal_replay_resume()",
            (Kind::Sqlite, _) => unreachable!("no SQLite pair"),
        };
        admin(&self.replica.admin_url, sql);
    }

    /// Waits until `sql` (one integer) on the replica's copy of `db` gives `want`.
    pub fn wait_on_replica(&self, replica_url: &str, sql: &str, want: i64) {
        let deadline = Instant::now() + Duration::from_secs(60);
        let rt = runtime();
        loop {
            let got = rt.block_on(async {
                let mut c = sqlx::AnyConnection::connect(replica_url).await.ok()?;
                let row = sqlx::query(AssertSqlSafe(sql.to_string()))
                    .fetch_one(&mut c)
                    .await
                    .ok()?;
                row.try_get::<i64, _>(0).ok()
            });
            if got == Some(want) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the replica did not reach {want} for {sql} in 60 s (has {got:?})"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
