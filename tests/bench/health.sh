#!/usr/bin/env bash
# health on a 3-master + 3-replica cluster on loopback: `redkit health --cluster` (every node:
# 5 PINGs, INFO, SLOWLOG, CONFIG GET save, CLUSTER INFO, plus CLUSTER NODES and the cluster
# checks) against the shell alternative (`redis-cli -p PORT info` for every node in a loop, plus
# `cluster info`), side by side with hyperfine. Prints both medians and the ratio.
# Target: redkit not slower than the loop. Part 2 below measures the jobs check.
set -euo pipefail
cd "$(dirname "$0")/../.."
for bin in hyperfine redis-server redis-cli python3; do
  command -v "$bin" >/dev/null || { echo "needs $bin (tests/run installs redis; apt-get install hyperfine)" >&2; exit 1; }
done
cargo build --release --quiet
BIN="$PWD/target/release/redkit"
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port_free() { ! (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports=()
# Below the ephemeral range (32768+), where an outgoing connection can hold a cluster bus port.
p=$((11000 + ($$ % 250) * 20))
while [ ${#ports[@]} -lt 6 ]; do
  if port_free "$p" && port_free $((p + 10000)); then ports+=("$p"); fi
  p=$((p + 1))
done

for port in "${ports[@]}"; do
  mkdir -p "$work/$port"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$work/$port" --save '' --appendonly no \
    --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000 \
    --logfile redis.log --daemonize no >/dev/null 2>&1 &
  pids+=($!)
done
for port in "${ports[@]}"; do
  for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.05; done
done
addrs=()
for port in "${ports[@]}"; do addrs+=("127.0.0.1:$port"); done
redis-cli --cluster create "${addrs[@]}" --cluster-replicas 1 --cluster-yes >/dev/null
for _ in $(seq 200); do
  ok=1
  for port in "${ports[@]}"; do
    redis-cli -p "$port" cluster info | grep -q 'cluster_state:ok' || ok=0
    redis-cli -p "$port" info replication | grep -qE 'role:master|master_link_status:up' || ok=0
  done
  [ "$ok" = 1 ] && break
  sleep 0.1
done
# Some data, so INFO keyspace and the hit ratio have something to say.
for i in $(seq 1 200); do echo "SET key:$i value-$i"; done | redis-cli -c -p "${ports[0]}" >/dev/null

seed="redis://127.0.0.1:${ports[0]}"
# The run must see all 6 nodes and a healthy cluster (exit 0).
"$BIN" health --cluster -u "$seed" --min-uptime 0 --format json >"$work/check.json"
python3 - "$work/check.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["status"] == "ok" and len(r["nodes"]) == 6, (r["status"], r["summary"])
PY

cat >"$work/loop.sh" <<EOF
for p in ${ports[*]}; do redis-cli -p \$p info >/dev/null; done
redis-cli -p ${ports[0]} cluster info >/dev/null
EOF

hyperfine -N --warmup 10 --runs 100 --export-json "$work/h.json" \
  -n redkit "$BIN health --cluster -u $seed --min-uptime 0 --format json" \
  -n redis-cli-loop "bash $work/loop.sh" >/dev/null
python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
rk, sh = r["redkit"]["median"] * 1000, r["redis-cli-loop"]["median"] * 1000
print(f"redkit health --cluster (6 nodes, all checks): median {rk:.2f} ms")
print(f"redis-cli info x6 + cluster info loop:         median {sh:.2f} ms")
print(f"ratio (loop / redkit): {sh / rk:.2f}x; target redkit not slower: {'met' if rk <= sh else 'MISSED'}")
PY

# Part 2: the jobs check. JOBS job streams of 5 events each on one server (a quarter completed,
# failed, stuck since 2020 and running now): `redkit health --check jobs` (SCAN + pipelined
# XREVRANGE COUNT 1, classified) against the shell alternative that reads the same facts
# (`redis-cli --scan` feeding one redis-cli session with one XREVRANGE ... COUNT 1 per key;
# its classification is not even timed). Both sides' counts are checked against each other.
JOBS=${JOBS:-100000}
jport=$((p + 1))
while ! port_free "$jport"; do jport=$((jport + 1)); done
mkdir -p "$work/jobs"
redis-server --port "$jport" --bind 127.0.0.1 --dir "$work/jobs" --save '' --appendonly no \
  --logfile redis.log --daemonize no >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do redis-cli -p "$jport" ping >/dev/null 2>&1 && break; sleep 0.05; done
python3 - "$JOBS" >"$work/jobs.resp" <<'PY'
import sys, time
n = int(sys.argv[1])
now = int(time.time() * 1000)
out = sys.stdout.buffer
def cmd(*a):
    out.write(b"*%d\r\n" % len(a))
    for x in a:
        x = x.encode()
        out.write(b"$%d\r\n%s\r\n" % (len(x), x))
types = ["task_started", "task_progress", "outline_generated", "document_generated"]
for i in range(n):
    kind = i % 4
    base = 1577836800000 + i if kind == 2 else now - 60000 + (i % 1000)
    last = ["task_completed", "task_failed", "task_progress", "task_progress"][kind]
    for j, t in enumerate(types + [last]):
        cmd("XADD", f"job_events:{i}", f"{base + j * 10}-0", "data", '{"job":%d}' % i,
            "timestamp", "", "event_type", t)
PY
redis-cli -p "$jport" --pipe <"$work/jobs.resp" >/dev/null
jurl="redis://127.0.0.1:$jport"
printf '%s\n' \
  "redis-cli -p $jport --scan --pattern 'job_events:*' | sed 's/.*/XREVRANGE & + - COUNT 1/' | redis-cli -p $jport >$work/jobs-shell.txt" \
  >"$work/jobs-loop.sh"
bash "$work/jobs-loop.sh"
"$BIN" health -u "$jurl" --check jobs --format json >"$work/jobs.json" || true
python3 - "$work/jobs.json" "$work/jobs-shell.txt" "$JOBS" <<'PY'
import json, sys, time
r = json.load(open(sys.argv[1]))
msg = [c for c in r["nodes"][0]["checks"] if c["name"] == "jobs"][0]["message"]
lines = open(sys.argv[2]).read().split("\n")
now = time.time() * 1000
counts = {"completed": 0, "failed": 0, "stuck": 0, "running": 0}
i = 0
while i < len(lines):
    head = lines[i].split("-")
    if len(head) == 2 and head[0].isdigit() and head[1].isdigit():
        ms = int(head[0])
        j = i + 1
        while j < len(lines) and lines[j] != "event_type":
            j += 1
        t = lines[j + 1] if j + 1 < len(lines) else ""
        if t == "task_completed": counts["completed"] += 1
        elif t == "task_failed": counts["failed"] += 1
        elif now - ms > 15 * 60 * 1000: counts["stuck"] += 1
        else: counts["running"] += 1
        i = j + 2
    else:
        i += 1
want = "{} jobs: {running} running, {completed} completed, {failed} failed, {stuck} stuck".format(
    sum(counts.values()), **counts)
assert msg.startswith(want), (msg, want)
assert sum(counts.values()) == int(sys.argv[3]), counts
print(f"same facts on both sides: {want}")
PY
hyperfine -N -i --warmup 1 --runs 5 --export-json "$work/j.json" \
  -n redkit "$BIN health -u $jurl --check jobs --format json" \
  -n shell "bash $work/jobs-loop.sh" >/dev/null 2>&1 || true
python3 - "$work/j.json" "$JOBS" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
rk, sh = r["redkit"]["median"], r["shell"]["median"]
print(f"redkit health --check jobs ({sys.argv[2]} job streams): median {rk:.3f} s")
print(f"redis-cli --scan | redis-cli XREVRANGE per key:      median {sh:.3f} s")
print(f"ratio (shell / redkit): {sh / rk:.2f}x")
PY
