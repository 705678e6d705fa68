#!/usr/bin/env bash
# cache flush: 1,000,000 keys under agent:cache: among 1,000,000 others on a standalone server.
# Times `redkit cache flush` against the redis-cli pipeline operators use today, on identical
# data in the same run; checks both left exactly the other keys; prints seconds, keys/s, the
# ratio and the worst latency `redis-cli --latency` saw during each. Then redkit alone on a
# 3-master cluster. Usage: tests/bench/flush.sh [KEYS]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
cargo build --release --quiet
BIN="$PWD/target/release/redkit"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

calc() { awk "BEGIN { print $1 }"; }
# shellcheck source=tests/bench/lib.sh
source tests/bench/lib.sh
start() { # port dir [extra args]
  local port=$1 dir=$2; shift 2; mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly no \
    --enable-debug-command yes --daemonize no --logfile "$dir/log" "$@" & pids+=($!)
  until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.05; done
}
populate() { redis-cli -p "$1" DEBUG POPULATE "$N" agent:cache >/dev/null; }
latency_start() { timeout -s INT 600 redis-cli -p "$1" --latency --raw > "$work/lat" & LAT=$!; sleep 0.3; }
latency_stop() { kill -INT "$LAT" 2>/dev/null || true; wait "$LAT" 2>/dev/null || true; awk '{print $2}' "$work/lat"; }
check() { # port: exactly the N others remain, none under the prefix
  local size left; size=$(redis-cli -p "$1" DBSIZE)
  left=$(redis-cli -p "$1" --scan --pattern 'agent:cache:*' | wc -l)
  [ "$size" = "$N" ] && [ "$left" = 0 ] || { echo "WRONG: dbsize $size, $left prefixed keys left" >&2; exit 1; }
}

P=$(free_port); start "$P" "$work/s"
redis-cli -p "$P" DEBUG POPULATE "$N" other >/dev/null

populate "$P"; latency_start "$P"
t0=$(date +%s.%N)
"$BIN" -u "redis://127.0.0.1:$P" cache flush --prefix agent:cache: --yes -q >/dev/null
t1=$(date +%s.%N); rk_lat=$(latency_stop); check "$P"
rk=$(calc "$t1 - $t0")

populate "$P"; latency_start "$P"
t0=$(date +%s.%N)
redis-cli -p "$P" --scan --pattern 'agent:cache:*' | xargs -n 1000 redis-cli -p "$P" unlink >/dev/null
t1=$(date +%s.%N); cli_lat=$(latency_stop); check "$P"
cli=$(calc "$t1 - $t0")

printf 'standalone, %d of %d keys:\n' "$N" "$((2 * N))"
printf '  redkit cache flush        %6.2f s  %8.0f keys/s  worst latency %s ms\n' "$rk" "$(calc "$N / $rk")" "$rk_lat"
printf '  redis-cli --scan | xargs  %6.2f s  %8.0f keys/s  worst latency %s ms\n' "$cli" "$(calc "$N / $cli")" "$cli_lat"
printf '  ratio: redkit is %.1fx faster\n' "$(calc "$cli / $rk")"

# 3-master cluster, redkit only.
ports=()
for i in 1 2 3; do p=$(bus_port); ports+=("$p"); start "$p" "$work/c$i" --cluster-enabled yes --cluster-config-file "$work/c$i/nodes.conf"; done
redis-cli --cluster create "${ports[@]/#/127.0.0.1:}" --cluster-replicas 0 --cluster-yes >/dev/null
until [ "$(redis-cli -p "${ports[0]}" cluster info | grep -c 'cluster_state:ok')" = 1 ]; do sleep 0.1; done
sleep 1
# DEBUG POPULATE ignores slots; load through the cluster with redis-cli -c in bulk instead.
python3 - "$N" > "$work/load.txt" <<'PY'
import sys
for i in range(int(sys.argv[1])):
    print(f"SET agent:cache:{i} v")
PY
# (redis-cli -c sends one key at a time, so the cluster run uses a tenth of the keys.)
CN=$((N / 10))
head -n "$CN" "$work/load.txt" | redis-cli -c -p "${ports[0]}" >/dev/null
t0=$(date +%s.%N)
"$BIN" --cluster -u "redis://127.0.0.1:${ports[0]}" cache flush --prefix agent:cache: --yes -q >/dev/null
t1=$(date +%s.%N)
c=$(calc "$t1 - $t0")
left=0; for p in "${ports[@]}"; do left=$((left + $(redis-cli -p "$p" DBSIZE))); done
printf '3-master cluster, %d keys: redkit %.2f s, %.0f keys/s, %d keys left\n' "$CN" "$c" "$(calc "$CN / $c")" "$left"
