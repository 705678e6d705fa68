#!/usr/bin/env bash
# `redkit top` on a 3-master + 3-replica cluster on loopback, in tmux at 80x24 with a 1 s
# refresh, for SECS seconds (default 30): redkit's own CPU (user + system, /usr/bin/time) as a
# percentage of one core, its peak RSS, and RSS sampled at the start and at the end (flat
# memory). Targets: CPU under 2% of a core, RSS at the end within 10% of the start.
# Then `redkit health --cluster` with every check (--no-state) against OLD_BIN (a build of an
# earlier redkit, if given) with the same checks it knows: the median of 30 runs each.
set -euo pipefail
cd "$(dirname "$0")/../.."
for bin in tmux redis-server redis-cli python3; do
  command -v "$bin" >/dev/null || { echo "needs $bin (tests/run installs them)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
SECS=${SECS:-30}
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN="$PWD/target/release/redkit"
fi
work=$(mktemp -d)
pids=()
cleanup() {
  tmux -S "$work/tmux.sock" kill-server 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port_free() { ! (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports=()
p=$((12000 + ($$ % 250) * 20))
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
for i in $(seq 1 2000); do echo "SET key:$i value-$i"; done | redis-cli -c -p "${ports[0]}" >/dev/null
seed="redis://127.0.0.1:${ports[0]}"

tmux -S "$work/tmux.sock" new-session -d -s top -x 80 -y 24 \
  "/usr/bin/time -f '%U %S %M' -o $work/time.txt $BIN top --cluster -u $seed --no-env-file; sleep 600"
sleep 2
pid=$(pgrep -n -f "$BIN top --cluster -u $seed" || true)
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0; }
rss_start=$(rss)
sleep "$SECS"
rss_end=$(rss)
tmux -S "$work/tmux.sock" send-keys -t top q
for _ in $(seq 50); do [ -s "$work/time.txt" ] && break; sleep 0.1; done
read -r user sys peak <"$work/time.txt"
python3 - "$user" "$sys" "$peak" "$rss_start" "$rss_end" "$SECS" <<'PY'
import sys
user, sys_, peak, start, end, secs = map(float, sys.argv[1:])
cpu = (user + sys_) / (secs + 2) * 100
print(f"top, 3+3 cluster, 1 s refresh, {secs + 2:.0f} s: CPU {cpu:.2f}% of a core "
      f"(user {user:.2f} s, sys {sys_:.2f} s), peak RSS {peak / 1024:.1f} MB, "
      f"RSS {start / 1024:.1f} MB after 2 s -> {end / 1024:.1f} MB at the end")
print(f"target CPU < 2%: {'met' if cpu < 2 else 'MISSED'}; "
      f"memory flat (within 10%): {'met' if end <= start * 1.1 else 'MISSED'}")
PY

median() {
  python3 - "$@" <<'PY'
import subprocess, sys, time, statistics
cmd = sys.argv[1:]
ts = []
for _ in range(30):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append(time.perf_counter() - t)
print(f"{statistics.median(ts) * 1000:.2f}")
PY
}
new=$(median "$BIN" health --cluster -u "$seed" --min-uptime 0 --no-state --no-env-file)
echo "health --cluster, every check (new ones included): median $new ms"
if [ -n "${OLD_BIN:-}" ]; then
  old=$(median "$OLD_BIN" health --cluster -u "$seed" --min-uptime 0 --no-env-file)
  python3 -c "import sys; o, n = float(sys.argv[1]), float(sys.argv[2]); print(f'before: median {o:.2f} ms; ratio {n / o:.2f}x (target <= 1.5x: ' + ('met' if n <= 1.5 * o else 'MISSED') + ')')" "$old" "$new"
fi
