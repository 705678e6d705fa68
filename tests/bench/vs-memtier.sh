#!/usr/bin/env bash
# redkit bench against memtier_benchmark on one redis-server, alternating in one run (A B A B):
# the same shape on both sides: 50 connections on one client thread, pipeline 1 and 16, SET:GET
# 1:10, random keys over 100,000 keys under one prefix (memtier's bench:1.., redkit's bench:0..),
# 64-byte values, and the same number of requests. Records each side's client CPU (user+sys
# from /usr/bin/time) and ops/s, and prints the medians and the ratios redkit/memtier of CPU
# per request and of ops/s, with the load average before and after.
#
# A third side, the floor (tests/bench/floor.c, built with cc when there is one), runs the same
# load with no user-space work beyond writing commands and counting replies, on the fewest
# system calls a client can make: what it costs per request is the kernel's part, which no
# client goes below. Its ratio to memtier is the best any client could report here.
#
# memtier_benchmark is taken from $MEMTIER or the PATH. It is not packaged by Debian; when it is
# absent the comparison is skipped with a note (exit 0), so this script never builds or fetches
# third-party code.
#
# Usage: tests/bench/vs-memtier.sh [REQUESTS] [ROUNDS]   (defaults 500000 and 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/bench/lib.sh
N=${1:-500000}
ROUNDS=${2:-3}
CLIENTS=50
MEMTIER=${MEMTIER:-$(command -v memtier_benchmark || true)}
if [ -z "$MEMTIER" ] || [ ! -x "$MEMTIER" ]; then
  echo "vs-memtier: skipped: memtier_benchmark not found (put it on the PATH or set MEMTIER=/path/to/memtier_benchmark)"
  exit 0
fi
command -v redis-server >/dev/null || { echo "needs redis-server (apt-get install redis-server)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
# $REDKIT: a redkit binary to measure instead of building this checkout's release binary.
if [ -n "${REDKIT:-}" ]; then
  BIN=$REDKIT
else
  cargo build --release --quiet
  BIN="$PWD/target/release/redkit"
fi
PER_CLIENT=$(( (N + CLIENTS - 1) / CLIENTS ))
N=$(( PER_CLIENT * CLIENTS ))
work=$(mktemp -d)
port=$(free_port)
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --logfile "$work/log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.05; done

# Runs a command under /usr/bin/time; prints "<user+sys seconds> <wall seconds>". Its stdout
# goes to $work/out.
timed() {
  /usr/bin/time -f '%U %S %e' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || {
    echo "failed: $*" >&2; cat "$work/err" >&2; exit 1; }
  awk '{ printf "%.3f %.3f\n", $1 + $2, $3 }' "$work/time"
}

run_memtier() {
  timed "$MEMTIER" -s 127.0.0.1 -p "$port" -t 1 -c "$CLIENTS" --pipeline="$1" --ratio=1:10 \
    --key-prefix=bench: --key-minimum=1 --key-maximum=100000 --key-pattern=R:R -d 64 \
    -n "$PER_CLIENT" --hide-histogram --json-out-file="$work/memtier.json"
  # memtier exits 0 when it could not connect: a run without operations is a failure here.
  python3 -c '
import json, sys
ops = json.load(open(sys.argv[1]))["ALL STATS"]["Totals"]["Ops/sec"]
if not ops > 0:
    sys.exit("memtier_benchmark completed no request (see its output above)")
print(ops)' "$work/memtier.json"
}

FLOOR=""
if command -v cc >/dev/null; then
  cc -O2 -o "$work/floor" tests/bench/floor.c && FLOOR="$work/floor"
fi

run_floor() {
  local t
  t=$(timed "$FLOOR" "$port" "$CLIENTS" "$1" "$N" 100000)
  [ "$(cat "$work/out")" = "$N" ] || { echo "floor answered $(cat "$work/out") of $N requests" >&2; exit 1; }
  echo "$t"
  awk -v n="$N" '{ printf "%.0f\n", n / $2 }' <<<"$t"
}

run_redkit() {
  timed "$BIN" -u "redis://127.0.0.1:$port" bench -w mixed --ratio 1:10 -c "$CLIENTS" -P "$1" \
    --threads 1 --keyspace 100000 --key-prefix bench: -d 64 -n "$N" --yes --keep-keys --format json
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["workloads"][0]["ops_per_sec"])' "$work/out"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A cpu ops
for P in 1 16; do
  for side in memtier redkit floor; do cpu[$side,$P]=""; ops[$side,$P]=""; done
  for r in $(seq 1 "$ROUNDS"); do
    # Alternate which side goes first, so a drift of the machine's load touches both alike.
    if [ $((r % 2)) -eq 1 ]; then order="memtier redkit"; else order="redkit memtier"; fi
    [ -n "$FLOOR" ] && order="$order floor"
    for side in $order; do
      res=$(run_$side "$P")
      cpu[$side,$P]+="$(echo "$res" | head -1 | cut -d' ' -f1) "
      ops[$side,$P]+="$(echo "$res" | tail -1) "
    done
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "SET:GET 1:10, $N requests per run, $CLIENTS connections, 1 client thread, 64 B, 100000 keys,"
echo "$ROUNDS rounds each, interleaved (medians); load average $load_before before, $load_after after"
for P in 1 16; do
  python3 - "$P" "$N" "${cpu[memtier,$P]}" "${ops[memtier,$P]}" "${cpu[redkit,$P]}" "${ops[redkit,$P]}" "${cpu[floor,$P]}" <<'PY'
import statistics as st, sys
p, n = sys.argv[1], int(sys.argv[2])
f = lambda s: [float(x) for x in s.split()]
mt_cpu, mt_ops, rk_cpu, rk_ops, fl_cpu = map(f, sys.argv[3:8])
mt_us = st.median(mt_cpu) / n * 1e6
rk_us = st.median(rk_cpu) / n * 1e6
print(f"  pipeline {p:>2}: memtier {st.median(mt_ops):>8.0f} ops/s {mt_us:5.2f} us CPU/request | "
      f"redkit {st.median(rk_ops):>8.0f} ops/s {rk_us:5.2f} us CPU/request | "
      f"CPU/request ratio {rk_us / mt_us:.2f} (goal <= 0.50), ops/s ratio {st.median(rk_ops) / st.median(mt_ops):.2f}")
print(f"      per run, CPU s: memtier {' '.join(f'{x:.2f}' for x in mt_cpu)}; redkit {' '.join(f'{x:.2f}' for x in rk_cpu)}")
if fl_cpu:
    fl_us = st.median(fl_cpu) / n * 1e6
    print(f"      floor (no user-space work, the fewest system calls): {fl_us:5.2f} us CPU/request = "
          f"{fl_us / mt_us:.2f} of memtier's; redkit {rk_us - fl_us:+.2f} us above it "
          f"(CPU s per run: {' '.join(f'{x:.2f}' for x in fl_cpu)})")
else:
    print("      floor: skipped (no cc to build tests/bench/floor.c)")
PY
done
