//! `--from URL`: a snapshot over the replication protocol, as `redis-cli --rdb` fetches one
//! (`REPLCONF capa eof`, `REPLCONF rdb-only 1`, `SYNC`), read by the reader as it arrives: the
//! socket is drained by a task into a small bounded channel, so memory stays flat and nothing
//! touches the disk unless `--save FILE`.

use std::io::Write;
use std::sync::mpsc;

use super::chunks::{CHANNEL, Chunks};
use super::cluster::{Master, merge};
use super::{AnalyzeArgs, AnalyzeReport, Sink};
use crate::cmd::Ctx;
use crate::exit;
use crate::output::progress;
use crate::redis::cluster::{ClusterNode, parse_cluster_nodes, slot_ranges, unreached_error};
use crate::redis::node::Auth;
use crate::redis::raw::{RawConn, RawOptions};
use crate::redis::{ConnError, Endpoint, Info, parse_url};
use crate::signal::Stop;

/// The end of a diskless transfer: `$EOF:<40 bytes>` announced, the same 40 bytes after it.
const MARK: usize = 40;

/// Reads one `\r\n`-terminated line (the keepalive newlines a primary sends while it prepares
/// the snapshot come back as empty lines).
async fn line(c: &mut RawConn) -> Result<Vec<u8>, ConnError> {
    loop {
        if let Some(i) = c.unread().iter().position(|&b| b == b'\n') {
            let l = c.unread()[..i]
                .strip_suffix(b"\r")
                .unwrap_or(&c.unread()[..i])
                .to_vec();
            c.consume(i + 1);
            return Ok(l);
        }
        c.fill().await?;
    }
}

/// One command's reply line: an error reply is the server's refusal.
async fn simple(c: &mut RawConn, args: &[&[u8]]) -> Result<Result<Vec<u8>, String>, ConnError> {
    c.send(args).await?;
    let l = line(c).await?;
    Ok(match l.first() {
        Some(b'-') => Err(String::from_utf8_lossy(&l[1..]).into_owned()),
        _ => Ok(l),
    })
}

/// One command whose reply is a bulk string (INFO, CLUSTER NODES); None when it is refused
/// (an error reply: no cluster support, ACL).
async fn bulk(c: &mut RawConn, args: &[&[u8]]) -> Result<Option<String>, ConnError> {
    c.send(args).await?;
    let head = line(c).await?;
    let Some(n) = std::str::from_utf8(head.strip_prefix(b"$").unwrap_or_default())
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
    else {
        return Ok(None);
    };
    while c.unread().len() < n + 2 {
        c.fill().await?;
    }
    let text = String::from_utf8_lossy(&c.unread()[..n]).into_owned();
    c.consume(n + 2);
    Ok(Some(text))
}

async fn info_replication(c: &mut RawConn) -> anyhow::Result<Info> {
    let text = bulk(c, &[b"INFO", b"replication"])
        .await?
        .ok_or_else(|| exit::runtime(format!("{}: INFO replication refused", c.addr())))?;
    Ok(Info::parse(&text))
}

/// The node's CLUSTER NODES, or None outside a cluster.
async fn cluster_nodes(
    c: &mut RawConn,
    ep: &Endpoint,
) -> Result<Option<Vec<ClusterNode>>, ConnError> {
    Ok(bulk(c, &[b"CLUSTER", b"NODES"])
        .await?
        .map(|t| parse_cluster_nodes(&t, ep))
        .filter(|n| !n.is_empty()))
}

/// Without --cluster, on a node of a cluster: which part of the keyspace its snapshot holds,
/// and that the other masters were not read.
fn one_node_of_many(ep: &Endpoint, nodes: &[ClusterNode]) -> Option<String> {
    let masters: Vec<&ClusterNode> = nodes
        .iter()
        .filter(|n| n.is_master() && !n.slots.is_empty())
        .collect();
    if masters.len() < 2 {
        return None; // the only master holds every slot
    }
    let me = nodes
        .iter()
        .find(|n| n.flags.iter().any(|f| f == "myself"))?;
    let (role, master) = if me.is_master() {
        (String::new(), me)
    } else {
        let m = nodes
            .iter()
            .find(|n| Some(&n.id) == me.master_id.as_ref())?;
        (format!(" (a replica of {})", m.endpoint), m)
    };
    Some(format!(
        "{ep}{role} is 1 of {} masters of a cluster: this snapshot holds slots {} only ({} of 16384); \
         the other masters were not analysed (add --cluster to analyse every master)",
        masters.len(),
        slot_ranges(&master.slots),
        master.slot_count()
    ))
}

/// The server's `list-compress-depth` (0, Redis's default, when CONFIG is refused).
async fn compress_depth(c: &mut RawConn) -> Result<u64, ConnError> {
    c.send(&[b"CONFIG", b"GET", b"list-compress-depth"]).await?;
    let head = line(c).await?;
    if head.as_slice() != b"*2" && head.as_slice() != b"%1" {
        return Ok(0); // an error (ACL, renamed CONFIG) or nothing set
    }
    let mut value = Vec::new();
    for _ in 0..4 {
        value = line(c).await?;
    }
    Ok(std::str::from_utf8(&value)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

/// The first online replica of a primary, from its INFO replication.
fn online_replica(info: &Info) -> Option<Endpoint> {
    info.indexed("slave").into_iter().find_map(|(_, f)| {
        if f.get("state").map(String::as_str) != Some("online") {
            return None;
        }
        Some(Endpoint::Tcp {
            host: f.get("ip")?.clone(),
            port: f.get("port")?.parse().ok()?,
        })
    })
}

/// How the snapshot's length is known.
enum Framing {
    Len(u64),
    Eof([u8; MARK]),
}

/// Drains the snapshot from the socket into the channel (and the --save file).
async fn pump(
    mut c: RawConn,
    framing: Framing,
    tx: mpsc::SyncSender<Result<Vec<u8>, String>>,
    mut save: Option<std::fs::File>,
) -> Result<(), String> {
    let mut left = match framing {
        Framing::Len(n) => Some(n),
        Framing::Eof(_) => None,
    };
    let mut tail: Vec<u8> = Vec::new();
    loop {
        if c.unread().is_empty()
            && let Err(e) = c.fill().await
        {
            let e =
                timeout_named(&e, Some("receiving the snapshot")).unwrap_or_else(|| e.to_string());
            let _ = tx.send(Err(e.clone()));
            return Err(e);
        }
        let mut chunk = c.unread().to_vec();
        c.consume(chunk.len());
        let mut last = false;
        match (&mut left, &framing) {
            (Some(n), _) => {
                if chunk.len() as u64 >= *n {
                    chunk.truncate(*n as usize);
                    last = true;
                }
                *n -= chunk.len() as u64;
            }
            (None, Framing::Eof(mark)) => {
                // Hold back the last 40 bytes: they may be the end mark.
                tail.extend_from_slice(&chunk);
                if tail.ends_with(mark) {
                    tail.truncate(tail.len() - MARK);
                    last = true;
                    chunk = std::mem::take(&mut tail);
                } else {
                    let keep = tail.len().saturating_sub(MARK);
                    chunk = tail.drain(..keep).collect();
                }
            }
            (None, Framing::Len(_)) => {}
        }
        if let Some(f) = save.as_mut()
            && let Err(e) = f.write_all(&chunk)
        {
            let e = format!("--save: {e}");
            let _ = tx.send(Err(e.clone()));
            return Err(e);
        }
        if !chunk.is_empty() && tx.send(Ok(chunk)).is_err() {
            // The reader stopped (done or failed): the file is complete only if this was the end.
            return if last {
                Ok(())
            } else {
                Err("the reader stopped early".into())
            };
        }
        if last {
            if let Some(f) = save.as_mut()
                && let Err(e) = f.sync_all()
            {
                let e = format!("--save: {e}");
                let _ = tx.send(Err(e.clone()));
                return Err(e);
            }
            return Ok(());
        }
    }
}

/// A timeout as `--from` reports it: which of the two it was (no connection within
/// --connect-timeout, or a connection made and no reply within --timeout), its value and its
/// flag. `during` names the wait (the error's own words when None).
fn timeout_named(e: &ConnError, during: Option<&str>) -> Option<String> {
    let ConnError::Timeout { addr, op, after } = e else {
        return None;
    };
    let during = during.unwrap_or(op);
    Some(if *op == "connecting" {
        format!(
            "{addr}: timed out connecting: no connection within the connect timeout of {after} (--connect-timeout)"
        )
    } else {
        format!(
            "{addr}: timed out {during}: nothing arrived within the read timeout of {after} (--timeout)"
        )
    })
}

/// `--from URL` (one server), or with --cluster every master (the URL, or the configured
/// servers, as seeds).
pub async fn analyze(
    ctx: &Ctx,
    url: Option<&str>,
    a: &AnalyzeArgs,
    sink: &mut Sink,
    stop: &Stop,
) -> anyhow::Result<AnalyzeReport> {
    run(ctx, url, a, sink, stop).await.map_err(|e| {
        match crate::redis::as_conn_error(&e).and_then(|c| timeout_named(c, None)) {
            Some(text) => exit::runtime(text),
            None => e,
        }
    })
}

async fn run(
    ctx: &Ctx,
    url: Option<&str>,
    a: &AnalyzeArgs,
    sink: &mut Sink,
    stop: &Stop,
) -> anyhow::Result<AnalyzeReport> {
    let parsed = url
        .map(|u| parse_url(u).map_err(|e| exit::usage(format!("--from: {e}"))))
        .transpose()?;
    // A `rediss://` --from URL turns TLS on as a `rediss://` --url does (so --cacert and
    // --cert apply to it).
    let mut settings = ctx.settings.redis()?.clone();
    if parsed.as_ref().is_some_and(|p| p.tls) {
        settings.tls.value = true;
    }
    let settings = &settings;
    // Not ctx.target(): its -v line would name the configured server, not the URL's.
    let mut auth = crate::redis::Target::from_settings(settings, || {
        crate::output::ask_secret("Redis password: ", "--askpass")
    })?
    .auth;
    let mut seeds = settings.endpoints.clone();
    if let Some(parsed) = parsed {
        if parsed.username.is_some() {
            auth.username = parsed.username.clone();
        }
        if parsed.password.is_some() {
            auth.password = parsed.password.clone();
        }
        // The URL's own scheme decides, with the redis.tls setting: not a rediss:// REDIS_URL
        // (the snapshot's server is this URL, not that one).
        auth.tls = settings.tls_setting || parsed.tls;
        seeds = vec![parsed.endpoint];
    }
    let opts = RawOptions::from_auth(&auth, 0)?;
    if !settings.cluster.value {
        let ep = seeds
            .first()
            .cloned()
            .ok_or_else(|| exit::usage(super::NO_SOURCE))?;
        return fetch(ctx, &ep, &auth, &opts, a, sink, stop, true).await;
    }
    let masters = masters(&seeds, &opts).await?;
    let mut parts = Vec::with_capacity(masters.len());
    for m in masters {
        if stop.requested() {
            return Err(super::interrupted());
        }
        let r = fetch(ctx, &m.endpoint, &auth, &opts, a, sink, stop, false).await?;
        parts.push((m, r));
    }
    let seed = seeds
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
        .join(",");
    Ok(merge(
        format!("cluster via {seed} ({} masters)", parts.len()),
        parts,
        a.biggest,
    ))
}

/// The masters of the cluster that hold slots, from the first seed that answers. A master
/// the cluster flags failed, or slots no master serves, refuse the analysis (exit 3): a report
/// without part of the keyspace would read as the whole.
async fn masters(seeds: &[Endpoint], opts: &RawOptions) -> anyhow::Result<Vec<Master>> {
    let mut last = None;
    for seed in seeds {
        let mut c = match RawConn::connect(seed, opts).await {
            Ok(c) => c,
            Err(e) => {
                last = Some(anyhow::Error::new(e));
                continue;
            }
        };
        let Some(nodes) = cluster_nodes(&mut c, seed).await? else {
            return Err(exit::usage(format!(
                "--cluster: {seed} is not a cluster node (CLUSTER NODES refused): drop --cluster"
            )));
        };
        let (live, unreached) = crate::redis::cluster::plan_masters(&nodes);
        let out: Vec<Master> = live
            .into_iter()
            .filter(|n| !n.slots.is_empty())
            .map(|n| Master {
                endpoint: n.endpoint.clone(),
                slots: slot_ranges(&n.slots),
            })
            .collect();
        if let Some(e) = unreached_error(&unreached) {
            return Err(e);
        }
        return Ok(out);
    }
    Err(last.unwrap_or_else(|| exit::usage("--cluster needs at least one --url or --from")))
}

/// One snapshot from `endpoint` (or its replica with --from-replica). `alone`: not part of a
/// --cluster run, so a cluster node is said to hold only its slots.
#[allow(clippy::too_many_arguments)]
async fn fetch(
    ctx: &Ctx,
    endpoint: &Endpoint,
    auth: &Auth,
    opts: &RawOptions,
    a: &AnalyzeArgs,
    sink: &mut Sink,
    stop: &Stop,
    alone: bool,
) -> anyhow::Result<AnalyzeReport> {
    // The snapshot goes to a temporary file beside FILE, renamed over it only once the whole
    // dump was read and its checksum passed: a failed or interrupted transfer leaves the
    // previous FILE as it was (the temporary file is removed when `save` drops).
    let save = match &a.save {
        Some(p) => Some(temp_beside(p)?),
        None => None,
    };
    let mut endpoint = endpoint.clone();
    ctx.out.verbose(
        1,
        format!(
            "{} {endpoint}{} (connect timeout {}, timeout {})",
            if a.from_replica {
                "looking for an online replica of"
            } else {
                "snapshot from"
            },
            if auth.tls { " over TLS" } else { "" },
            crate::duration::format(auth.connect_timeout),
            crate::duration::format(auth.timeout)
        ),
    );
    let mut c = RawConn::connect(&endpoint, opts).await?;
    if alone
        && let Some(nodes) = cluster_nodes(&mut c, &endpoint).await?
        && let Some(note) = one_node_of_many(&endpoint, &nodes)
    {
        ctx.out.warn(note);
    }
    if a.from_replica {
        let info = info_replication(&mut c).await?;
        let replica = online_replica(&info).ok_or_else(|| {
            exit::runtime(format!(
                "{endpoint}: no online replica to take the snapshot from"
            ))
        })?;
        // At 3 a.m. this is the line that says the primary is spared.
        ctx.out.verbose(
            1,
            format!("replica {replica} of {endpoint} (online): snapshot from it"),
        );
        endpoint = replica;
        c = RawConn::connect(&endpoint, opts).await?;
    }
    let source = endpoint.to_string();
    let only = super::only_db(ctx, a)?;
    let depth = match a.list_compress_depth {
        Some(d) => d,
        None => compress_depth(&mut c).await?,
    };
    // A diskless transfer spares the server's disk; rdb-only (7.0+) stops it from streaming
    // the replication backlog afterwards. Older servers refuse them: SYNC alone still works.
    let _ = simple(&mut c, &[b"REPLCONF", b"capa", b"eof"]).await?;
    let _ = simple(&mut c, &[b"REPLCONF", b"rdb-only", b"1"]).await?;
    c.send(&[b"SYNC"]).await?;
    let framing = loop {
        let l = line(&mut c).await?;
        if l.is_empty() {
            continue; // keepalive while the snapshot is being prepared
        }
        if l.first() == Some(&b'-') {
            return Err(exit::runtime(format!(
                "{source}: SYNC refused: {}",
                String::from_utf8_lossy(&l[1..])
            )));
        }
        if let Some(mark) = l.strip_prefix(b"$EOF:") {
            let mark: [u8; MARK] = mark
                .try_into()
                .map_err(|_| exit::runtime(format!("{source}: bad EOF mark in the SYNC reply")))?;
            break Framing::Eof(mark);
        }
        let n = std::str::from_utf8(l.strip_prefix(b"$").unwrap_or_default())
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .ok_or_else(|| {
                exit::runtime(format!(
                    "{source}: unexpected reply to SYNC: {}",
                    String::from_utf8_lossy(&l[..l.len().min(80)])
                ))
            })?;
        break Framing::Len(n);
    };
    let pb = match framing {
        Framing::Len(n) => progress::bar(
            &ctx.out,
            Some(n),
            "{bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec}, eta {eta}",
        ),
        Framing::Eof(_) => progress::bar(
            &ctx.out,
            None,
            "{spinner} {binary_bytes} received, {binary_bytes_per_sec}",
        ),
    };
    let (tx, rx) = mpsc::sync_channel(CHANNEL);
    let file =
        match &save {
            Some(t) => Some(t.as_file().try_clone().map_err(|e| {
                exit::usage(format!("--save {}: {e}", escape_path(a.save.as_deref())))
            })?),
            None => None,
        };
    let task = tokio::spawn(pump(c, framing, tx, file));
    let chunks = Chunks::new(rx, stop);
    // The reader blocks this thread; the socket is drained on the runtime's workers.
    let result = tokio::task::block_in_place(|| {
        super::read_dump(
            chunks,
            &source,
            a,
            sink,
            &pb,
            stop,
            super::Scope {
                compress_depth: depth,
                db: only,
            },
        )
    });
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            task.abort();
            return Err(e);
        }
    };
    if let (Some(tmp), Some(path)) = (save, &a.save) {
        let shown = escape_path(Some(path));
        // Let the task write the last bytes of the file.
        match task.await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(exit::runtime(format!("--save {shown}: {e}"))),
            Err(e) => return Err(exit::runtime(format!("--save {shown}: {e}"))),
        }
        tmp.persist(path)
            .map_err(|e| exit::runtime(format!("--save {shown}: {}", e.error)))?;
    } else {
        task.abort();
    }
    Ok(report)
}

fn escape_path(p: Option<&std::path::Path>) -> String {
    p.map(super::shown_path).unwrap_or_default()
}

/// A temporary file in FILE's directory (so the final rename stays on one file system).
fn temp_beside(path: &std::path::Path) -> anyhow::Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "snapshot".into());
    let shown = escape_path(Some(path));
    if path.is_dir() {
        return Err(exit::usage(format!("--save {shown}: is a directory")));
    }
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| exit::usage(format!("--save {shown}: {e}")))
}
