#!/usr/bin/env bash
# redkit bench against redis-benchmark on one redis-server, alternating in one run:
# SET and GET, 50 clients, 64-byte values, one client thread, pipeline 1 and 16, N requests,
# both over the same 100,000 random keys (-r 100000 / --keyspace 100000: without -r
# redis-benchmark hits one single key, which flatters the server side).
# Records each side's ops/s and client CPU seconds, and prints the ratios redkit/redis-benchmark
# for ops/s and for CPU per operation. Usage: tests/bench/vs-redis-benchmark.sh [N] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
ROUNDS=${2:-2}
command -v redis-benchmark >/dev/null || { echo "needs redis-benchmark (apt-get install redis-tools)" >&2; exit 1; }
cargo build --release --quiet
BIN="$PWD/target/release/redkit"
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --logfile "$work/log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.05; done

# Runs a command, prints "<cpu seconds of the child> " then its stdout.
cpu_run() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys
out = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=True).stdout
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{r.ru_utime + r.ru_stime:.3f}")
print(out)
PY
}

python_sum() { python3 -c "import sys; print(sum(float(x) for x in sys.argv[1:]))" "$@"; }
declare -A ops cpu
for P in 1 16; do
  for side in redis-benchmark redkit; do ops[$side,$P]=""; cpu[$side,$P]=""; done
  for r in $(seq 1 "$ROUNDS"); do
    for t in set get; do
      res=$(cpu_run redis-benchmark -p "$port" -t "$t" -n "$N" -c 50 -P "$P" -d 64 --threads 1 -r 100000 -q)
      c=$(echo "$res" | head -1)
      o=$(echo "$res" | tr '\r' '\n' | grep -oE '[0-9.]+ requests per second' | tail -1 | cut -d' ' -f1)
      ops[redis-benchmark,$P]+="$o "; cpu[redis-benchmark,$P]+="$c "
      res=$(cpu_run "$BIN" -u "redis://127.0.0.1:$port" bench -w "$t" -n "$N" -c 50 -P "$P" -d 64 --threads 1 --keyspace 100000 --yes --keep-keys --format json)
      c=$(echo "$res" | head -1)
      o=$(echo "$res" | tail -n +2 | python3 -c 'import json,sys; print(json.load(sys.stdin)["workloads"][0]["ops_per_sec"])')
      ops[redkit,$P]+="$o "; cpu[redkit,$P]+="$c "
    done
  done
done

echo "SET+GET, $N requests each, 50 clients, 64 B, 1 thread, $ROUNDS rounds (means):"
for P in 1 16; do
  python3 - "$P" "$N" "$ROUNDS" "${ops[redis-benchmark,$P]}" "${cpu[redis-benchmark,$P]}" "${ops[redkit,$P]}" "${cpu[redkit,$P]}" <<'PY'
import sys
p, n, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
f = lambda s: [float(x) for x in s.split()]
rb_ops, rb_cpu, rk_ops, rk_cpu = map(f, sys.argv[4:8])
mean = lambda xs: sum(xs) / len(xs)
ops_total = n * len(rb_ops)
rb_us = sum(rb_cpu) / ops_total * 1e6
rk_us = sum(rk_cpu) / ops_total * 1e6
print(f"  -P {p:>2}: redis-benchmark {mean(rb_ops):>9.0f} ops/s {rb_us:5.2f} us CPU/op | "
      f"redkit {mean(rk_ops):>9.0f} ops/s {rk_us:5.2f} us CPU/op | "
      f"ratio ops/s {mean(rk_ops)/mean(rb_ops):.2f}, CPU/op {rk_us/rb_us:.2f}")
PY
done
