//! The deployment the settings point at (standalone, Sentinel, cluster) and the connections a
//! command opens to it: the master, every master, or a routing client for keyed commands.

use std::time::Duration;

use super::cluster::{Masters, Unreached, cluster_nodes, slot_ranges};
use super::error::{ConnError, classify};
use super::node::{Auth, Node};
use crate::duration;
use crate::exit;
use crate::secret::Secret;
use crate::settings::endpoint::{Endpoint, parse_url};
use crate::settings::{Password, RedisSettings};

/// What kind of deployment the settings point at.
#[derive(Debug, Clone)]
pub enum Mode {
    Standalone(Endpoint),
    Cluster(Vec<Endpoint>),
    Sentinel {
        sentinels: Vec<Endpoint>,
        master_name: String,
    },
}

/// Everything needed to reach a deployment, resolved from the settings.
#[derive(Debug, Clone)]
pub struct Target {
    pub mode: Mode,
    pub auth: Auth,
    /// User and password for the Sentinels themselves, from the --sentinel URL.
    pub sentinel_credentials: (Option<String>, Option<Secret>),
}

impl Target {
    /// Builds the deployment from the effective settings (the URLs already weighed in by the
    /// settings layer). `ask` reads the password when the settings say to ask for it
    /// (`--askpass`): prompts belong to the output layer, which the caller holds.
    pub fn from_settings(
        r: &RedisSettings,
        ask: impl FnOnce() -> anyhow::Result<Secret>,
    ) -> anyhow::Result<Target> {
        let tls = r.tls.value;
        let endpoints = r.endpoints.clone();
        let first = endpoints
            .first()
            .cloned()
            .ok_or_else(|| exit::usage("no Redis server given"))?;
        let password = match r.password.as_ref().map(|p| &p.value) {
            Some(Password::Value(s)) => Some(s.clone()),
            Some(Password::Prompt) => Some(ask()?),
            None => None,
        };
        if !tls && (r.cacert.is_some() || r.cert.is_some()) {
            return Err(exit::usage(
                "--cacert/--cert are for TLS: add --tls or use a rediss:// URL",
            ));
        }
        let auth = Auth {
            username: r.username.clone().map(|u| u.value),
            password,
            db: r.db.value,
            ..Auth::transport(r, tls)
        };
        let mut sentinel_credentials = (None, None);
        let mode = if let Some(s) = &r.sentinel {
            let master_name = r
                .master_name
                .clone()
                .map(|m| m.value)
                .ok_or_else(|| exit::usage("--sentinel needs --master-name NAME"))?;
            let mut sentinels = Vec::new();
            let mut sentinel_creds = (None, None);
            for part in s.value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let text = if part.contains("://") {
                    part.to_string()
                } else {
                    format!("redis://{part}")
                };
                let parsed = parse_url(&text).map_err(|e| {
                    exit::usage(format!("{}: invalid Sentinel address: {e}", s.origin))
                })?;
                if parsed.username.is_some() || parsed.password.is_some() {
                    sentinel_creds = (parsed.username.clone(), parsed.password.clone());
                }
                sentinels.push(parsed.endpoint);
            }
            sentinel_credentials = sentinel_creds;
            Mode::Sentinel {
                sentinels,
                master_name,
            }
        } else if r.cluster.value {
            Mode::Cluster(endpoints)
        } else if endpoints.len() > 1 {
            // Only a cluster takes several: acting on the first alone would be silent.
            return Err(exit::usage(format!(
                "{} URLs given ({}): several are the seed nodes of a cluster, add --cluster; \
                 otherwise give one",
                endpoints.len(),
                r.urls.as_ref().map_or("--url", |u| u.origin.as_str())
            )));
        } else {
            Mode::Standalone(first)
        };
        Ok(Target {
            mode,
            auth,
            sentinel_credentials,
        })
    }

    /// A short description for reports: `127.0.0.1:6379`, `cluster via 127.0.0.1:7000`.
    pub fn describe(&self) -> String {
        match &self.mode {
            Mode::Standalone(ep) => ep.to_string(),
            Mode::Cluster(seeds) => format!("cluster via {}", join(seeds)),
            Mode::Sentinel {
                sentinels,
                master_name,
            } => format!("master {master_name} via sentinel {}", join(sentinels)),
        }
    }

    /// The master's endpoint: itself for standalone, asked of Sentinel otherwise.
    pub async fn master_endpoint(&self) -> anyhow::Result<Endpoint> {
        match &self.mode {
            Mode::Standalone(ep) => Ok(ep.clone()),
            Mode::Cluster(seeds) => seeds
                .first()
                .cloned()
                .ok_or_else(|| exit::usage("--cluster needs at least one --url")),
            Mode::Sentinel {
                sentinels,
                master_name,
            } => self.ask_sentinels(sentinels, master_name).await,
        }
    }

    /// Connection settings for a Sentinel: same TLS and timeouts, but not the data nodes'
    /// credentials: Sentinels have their own, given in the --sentinel URL.
    pub fn sentinel_auth(&self) -> Auth {
        Auth {
            username: self.sentinel_credentials.0.clone(),
            password: self.sentinel_credentials.1.clone(),
            db: 0,
            ..self.auth.clone()
        }
    }

    async fn ask_sentinels(&self, sentinels: &[Endpoint], name: &str) -> anyhow::Result<Endpoint> {
        let auth = self.sentinel_auth();
        let mut last = None;
        for s in sentinels {
            match auth.connect_db(s, 0).await {
                Ok(mut node) => {
                    let reply: Result<Option<(String, u16)>, ConnError> = node
                        .query(
                            redis::cmd("SENTINEL")
                                .arg("GET-MASTER-ADDR-BY-NAME")
                                .arg(name),
                        )
                        .await;
                    // A Sentinel that fails to answer is skipped: the next one may know.
                    let reply = match reply {
                        Ok(r) => r,
                        Err(e) => {
                            last = Some(anyhow::Error::new(e));
                            continue;
                        }
                    };
                    return match reply {
                        Some((host, port)) => Ok(Endpoint::Tcp { host, port }),
                        None => Err(exit::runtime(format!(
                            "sentinel {}: does not know a master named '{name}'",
                            node.addr
                        ))),
                    };
                }
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| exit::usage("--sentinel: no address given")))
    }

    /// Connects to the one server commands talk to (the master for Sentinel, the first seed
    /// for a cluster).
    pub async fn connect(&self) -> anyhow::Result<Node> {
        let ep = self.master_endpoint().await?;
        self.auth.connect(&ep).await
    }

    /// Every master: the one server, or each master of the cluster (from CLUSTER NODES). A
    /// master that holds slots but is flagged `fail` or does not answer is not dropped: it is
    /// listed in `unreached` with its slot ranges, as are slots no master serves, so a command
    /// acting on "every master" can say what it did not reach (and exit 3).
    pub async fn masters(&self) -> anyhow::Result<Masters> {
        match &self.mode {
            Mode::Cluster(_) => {
                let mut seed = self.connect_seed().await?;
                let nodes = cluster_nodes(&mut seed)
                    .await
                    .map_err(ConnError::into_runtime)?;
                let (live, unreached) = super::cluster::plan_masters(&nodes);
                let mut out = Masters {
                    nodes: Vec::new(),
                    unreached,
                };
                for n in live {
                    match self.auth.connect_db(&n.endpoint, 0).await {
                        Ok(node) => out.nodes.push(node),
                        // Only a master with slots is a gap; an empty one holds no keys.
                        Err(e) if !n.slots.is_empty() => out.unreached.push(Unreached {
                            addr: n.endpoint.to_string(),
                            slots: slot_ranges(&n.slots),
                            reason: format!("{e:#}"),
                        }),
                        Err(_) => {}
                    }
                }
                Ok(out)
            }
            _ => Ok(Masters {
                nodes: vec![self.connect().await?],
                unreached: Vec::new(),
            }),
        }
    }

    /// The master that serves `key`: the server itself, the Sentinel's master, or the cluster
    /// master whose slots hold the key's slot.
    pub async fn master_for_key(&self, key: &[u8]) -> anyhow::Result<Endpoint> {
        let Mode::Cluster(_) = &self.mode else {
            return self.master_endpoint().await;
        };
        let mut seed = self.connect_seed().await?;
        let nodes = cluster_nodes(&mut seed)
            .await
            .map_err(ConnError::into_runtime)?;
        let s = super::cluster::slot(key);
        super::cluster::slot_owner(&nodes, s)
            .filter(|n| !n.is_failed())
            .map(|n| n.endpoint.clone())
            .ok_or_else(|| exit::runtime(format!("slot {s} is served by no reachable master")))
    }

    /// Connects to the first seed of a cluster that answers.
    pub async fn connect_seed(&self) -> anyhow::Result<Node> {
        let Mode::Cluster(seeds) = &self.mode else {
            return self.connect().await;
        };
        let mut last = None;
        for s in seeds {
            match self.auth.connect_db(s, 0).await {
                Ok(n) => return Ok(n),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| exit::usage("--cluster needs at least one --url")))
    }

    /// A connection for commands on these keys. On a cluster, the masters that serve their
    /// slots are looked up first: one the cluster flags failed (or suspects) is named with
    /// its slots (exit 3), instead of a timeout blamed on the seed the client went through.
    pub async fn keyed_for(&self, keys: &[&str]) -> anyhow::Result<Keyed> {
        if let Mode::Cluster(_) = &self.mode {
            let mut seed = self.connect_seed().await?;
            let nodes = super::cluster::cluster_nodes(&mut seed)
                .await
                .map_err(ConnError::into_runtime)?;
            let mut owners: Vec<Endpoint> = Vec::new();
            for key in keys {
                let slot = super::cluster::slot(key.as_bytes());
                match super::cluster::slot_owner(&nodes, slot) {
                    Some(n) if !n.trouble().is_empty() => {
                        return Err(exit::runtime(format!(
                            "{}: slot {slot} is served by {} (slots {}), which the cluster flags {}",
                            crate::output::escape::escape_str(key),
                            n.endpoint,
                            super::cluster::slot_ranges(&n.slots),
                            n.trouble().join(",")
                        )));
                    }
                    Some(n) => {
                        if !owners.contains(&n.endpoint) {
                            owners.push(n.endpoint.clone());
                        }
                    }
                    None => {
                        return Err(exit::runtime(format!(
                            "{}: no master serves slot {slot} (CLUSTERDOWN)",
                            crate::output::escape::escape_str(key)
                        )));
                    }
                }
            }
            // Keys of one master: straight to it. The cluster client would first connect to
            // every node, waiting out a stopped one even for keys it does not serve.
            if let [owner] = owners.as_slice() {
                return Ok(Keyed::Single(self.auth.connect_db(owner, 0).await?));
            }
        }
        self.keyed().await
    }

    /// A connection that routes keyed commands: the server itself, or a cluster client.
    pub async fn keyed(&self) -> anyhow::Result<Keyed> {
        match &self.mode {
            Mode::Cluster(seeds) => {
                let mut infos = Vec::new();
                for s in seeds {
                    infos.push(self.auth.connection_info(s, 0)?);
                }
                let mut b = redis::cluster::ClusterClientBuilder::new(infos)
                    .connection_timeout(self.auth.connect_timeout)
                    .response_timeout(self.auth.timeout)
                    .retries(2);
                if let Some(u) = &self.auth.username {
                    b = b.username(u);
                }
                if let Some(p) = &self.auth.password {
                    b = b.password(p.expose());
                }
                if self.auth.tls {
                    b = b.tls(if self.auth.insecure {
                        redis::cluster::TlsMode::Insecure
                    } else {
                        redis::cluster::TlsMode::Secure
                    });
                    if let Some(c) = self.auth.tls_certificates()? {
                        b = b.certs(c);
                    }
                }
                let addr = join(seeds);
                let client = b
                    .build()
                    .map_err(|e| exit::usage(format!("{addr}: invalid cluster settings: {e}")))?;
                let fut = client.get_async_connection();
                let conn = match tokio::time::timeout(self.auth.connect_timeout * 2, fut).await {
                    Ok(Ok(c)) => c,
                    Ok(Err(e)) => {
                        return Err(anyhow::Error::new(classify(
                            &addr,
                            &e,
                            self.auth.password.as_ref(),
                        )));
                    }
                    Err(_) => {
                        return Err(anyhow::Error::new(ConnError::Timeout {
                            addr,
                            op: "connecting to the cluster",
                            after: duration::format(self.auth.connect_timeout * 2),
                        }));
                    }
                };
                Ok(Keyed::Cluster {
                    conn,
                    addr,
                    timeout: self.auth.timeout,
                    password: self.auth.password.clone(),
                })
            }
            _ => Ok(Keyed::Single(self.connect().await?)),
        }
    }
}

/// A connection for commands on keys, which a cluster routes to the right node. Cloning shares
/// the connection (requests are multiplexed), so a reader can have the next page in flight.
#[derive(Clone)]
pub enum Keyed {
    Single(Node),
    Cluster {
        conn: redis::cluster_async::ClusterConnection,
        addr: String,
        timeout: Duration,
        password: Option<Secret>,
    },
}

impl Keyed {
    pub async fn query<T: redis::FromRedisValue>(
        &mut self,
        cmd: &redis::Cmd,
    ) -> Result<T, ConnError> {
        self.query_within(cmd, None).await
    }

    /// A command with its own timeout (blocking reads); None means the reply timeout.
    pub async fn query_within<T: redis::FromRedisValue>(
        &mut self,
        cmd: &redis::Cmd,
        within: Option<Duration>,
    ) -> Result<T, ConnError> {
        match self {
            Keyed::Single(n) => match within {
                Some(d) => n.query_within(cmd, d).await,
                None => n.query(cmd).await,
            },
            Keyed::Cluster {
                conn,
                addr,
                timeout,
                password,
            } => {
                let limit = within.unwrap_or(*timeout);
                match tokio::time::timeout(limit, cmd.query_async::<T>(conn)).await {
                    Ok(Ok(v)) => Ok(v),
                    Ok(Err(e)) => Err(classify(addr, &e, password.as_ref())),
                    Err(_) => Err(ConnError::Timeout {
                        addr: addr.clone(),
                        op: "waiting for a reply",
                        after: duration::format(limit),
                    }),
                }
            }
        }
    }

    pub fn addr(&self) -> &str {
        match self {
            Keyed::Single(n) => &n.addr,
            Keyed::Cluster { addr, .. } => addr,
        }
    }
}

fn join(eps: &[Endpoint]) -> String {
    eps.iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join(",")
}
