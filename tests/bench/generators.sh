#!/usr/bin/env bash
# What redkit bench's key and value generators cost the client: SET with uniform keys and fixed
# 64-byte raw values (the base) against zipf keys, a size range and a weighted size list of the
# same mean (32..96, 32:50,96:50: the bytes sent stay the same, only the generator differs) and
# JSON values of 64 bytes. 50 connections, one client thread, pipeline 1 and 16, one redis-server,
# every variant once per round in a rotating order (interleaved). Prints the median client CPU
# (user+sys from /usr/bin/time) per request of each and its ratio to the base (goal <= 1.10), with
# the load average before and after.
# Usage: tests/bench/generators.sh [REQUESTS] [ROUNDS]   (defaults 500000 and 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/bench/lib.sh
N=${1:-500000}
ROUNDS=${2:-3}
command -v redis-server >/dev/null || { echo "needs redis-server (apt-get install redis-server)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
# $REDKIT: a redkit binary to measure instead of building this checkout's release binary.
if [ -n "${REDKIT:-}" ]; then
  BIN=$REDKIT
else
  cargo build --release --quiet
  BIN="$PWD/target/release/redkit"
fi
work=$(mktemp -d)
port=$(free_port)
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --logfile "$work/log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.05; done

names=(uniform-fixed zipf range weighted json)
declare -A flags=(
  [uniform-fixed]="-d 64"
  [zipf]="-d 64 --key-pattern zipf"
  [range]="-d 32..96"
  [weighted]="-d 32:50,96:50"
  [json]="-d 64 --value json"
)

# Client CPU seconds (user+sys) of one run.
cpu_of() {
  local P=$1 name=$2
  # shellcheck disable=SC2086
  /usr/bin/time -f '%U %S' -o "$work/time" "$BIN" -u "redis://127.0.0.1:$port" bench -w set \
    -c 50 -P "$P" --threads 1 --keyspace 100000 -n "$N" --yes --keep-keys --format json \
    ${flags[$name]} >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  awk '{ printf "%.3f\n", $1 + $2 }' "$work/time"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A cpu
for P in 1 16; do
  for name in "${names[@]}"; do cpu[$name,$P]=""; done
  for r in $(seq 0 $((ROUNDS - 1))); do
    for k in "${!names[@]}"; do
      name=${names[$(( (k + r) % ${#names[@]} ))]}
      cpu[$name,$P]+="$(cpu_of "$P" "$name") "
    done
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "SET, $N requests per run, 50 connections, 1 client thread, 100000 keys, $ROUNDS rounds"
echo "interleaved (medians); load average $load_before before, $load_after after"
for P in 1 16; do
  args=()
  for name in "${names[@]}"; do args+=("$name" "${cpu[$name,$P]}"); done
  python3 - "$P" "$N" "${args[@]}" <<'PY'
import statistics as st, sys
p, n, rest = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
runs = {rest[i]: [float(x) for x in rest[i + 1].split()] for i in range(0, len(rest), 2)}
us = {k: st.median(v) / n * 1e6 for k, v in runs.items()}
base = us["uniform-fixed"]
print(f"  pipeline {p:>2}: " + " | ".join(
    f"{k} {v:.3f} us" + ("" if k == "uniform-fixed" else f" ({v / base:.2f}x)") for k, v in us.items())
    + "   (goal <= 1.10x)")
PY
done
