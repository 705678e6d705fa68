#!/usr/bin/env bash
# health on a 3-master + 3-replica cluster on loopback: `redkit health --cluster` (every node:
# 5 PINGs, INFO, SLOWLOG, CONFIG GET save, CLUSTER INFO, plus CLUSTER NODES and the cluster
# checks) against the shell alternative (`redis-cli -p PORT info` for every node in a loop, plus
# `cluster info`), side by side with hyperfine. Prints both medians and the ratio.
# Target: redkit not slower than the loop.
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
p=$((31000 + ($$ % 400) * 20))
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
