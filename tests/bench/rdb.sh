#!/usr/bin/env bash
# cache analyze: an RDB of at least 300 MB with the application's shapes (JSON cache strings
# with TTL whose content LZF cannot shrink much, job event streams, per-user hashes, sorted
# sets and lists), written by our own redis-server, read by `redkit cache analyze` (release
# build) and by `redis-check-rdb` (Redis's own streaming check: the speed of reading the format
# with nothing else to do) in the same run, interleaved. Prints MB/s of each (medians of
# PAIRS runs, default 5), the ratio, redkit's peak RSS and the load average. Targets:
# >= 300 MB/s, within 1.2x of redis-check-rdb, RSS < 100 MB.
# Usage: tests/bench/rdb.sh [SCALE]   (default 1: about 310 MB); RDB=FILE reuses a dump.
set -euo pipefail
cd "$(dirname "$0")/../.."
SCALE=${1:-1}
cargo build --release --quiet
BIN="$PWD/target/release/redkit"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
# shellcheck source=tests/bench/lib.sh
source tests/bench/lib.sh
calc() { awk "BEGIN { print $1 }"; }

if [ -n "${RDB:-}" ]; then
  dump=$RDB
else
port=$(free_port)
redis-server --port "$port" --bind 127.0.0.1 --dir "$work" --save '' --appendonly no \
  --daemonize no --logfile "$work/log" & pids+=($!)
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.05; done

echo "writing the data set (scale $SCALE)..." >&2
python3 - "$SCALE" <<'PY' | redis-cli -p "$port" --pipe >/dev/null
import base64, os, sys, random
scale = float(sys.argv[1])
out = sys.stdout.buffer
def cmd(*a):
    b = [x if isinstance(x, bytes) else str(x).encode() for x in a]
    out.write(b"*%d\r\n" % len(b) + b"".join(b"$%d\r\n%s\r\n" % (len(x), x) for x in b))
rnd = random.Random(7)
# JSON cache strings, ~1.5 KB of base64 text each: LZF finds few repeats in it.
for i in range(int(160_000 * scale)):
    body = base64.b64encode(rnd.randbytes(1100)).decode()
    cmd("SET", f"agent:cache:{rnd.getrandbits(64):016x}", f'{{"answer":"{body}","model":"qwen","n":{i}}}', "EX", 3600 + i % 7200)
# Job event streams: 3 fields per entry, as the publisher writes them.
for j in range(int(2_000 * scale)):
    key = f"job_events:{j}"
    for e in range(120):
        data = f'{{"event_type":"task_progress","job_id":"{j}","progress":{e},"note":"{base64.b64encode(rnd.randbytes(60)).decode()}"}}'
        cmd("XADD", key, "*", "data", data, "timestamp", "2026-11-23T10:00:00.123456", "event_type", "task_progress")
# Per-user hashes, sorted sets of latest messages, lists of messages.
for u in range(int(60_000 * scale)):
    cmd("HSET", f"user:{u}:unread", "count", u % 50, "last", "2026-11-23T10:00:00", "total", u)
    cmd("ZADD", f"user:{u}:latest", *sum(([m, f"msg-{u}-{m}"] for m in range(25)), []))
    cmd("RPUSH", f"user:{u}:messages", *[f'{{"id":{m},"title":"hello {m}","from":{u}}}' for m in range(20)])
PY
redis-cli -p "$port" SAVE >/dev/null
dump="$work/dump.rdb"
size=$(stat -c %s "$dump")
mb=$(calc "$size / 1000000")
echo "dump: $mb MB, $(redis-cli -p "$port" DBSIZE) keys" >&2
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids=()
fi
size=$(stat -c %s "$dump")
mb=$(calc "$size / 1000000")

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
cat "$dump" > /dev/null # page cache: both read from memory
# Interleaved (redkit, redis-check-rdb, redkit, ...): the machine is shared, so a burst of
# load hits both alike; medians of PAIRS runs each.
PAIRS=${PAIRS:-5}
: > "$work/redkit.t"; : > "$work/check.t"; : > "$work/rss"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for _ in $(seq "$PAIRS"); do
  read -r s r < <(measure "$BIN cache analyze --rdb $dump --format json > $work/out.json")
  echo "$s" >> "$work/redkit.t"; echo "$r" >> "$work/rss"
  read -r s _ < <(measure "redis-check-rdb $dump > $work/check.txt")
  echo "$s" >> "$work/check.t"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
t_redkit=$(median < "$work/redkit.t"); t_check=$(median < "$work/check.t")
rss_redkit=$(sort -n "$work/rss" | tail -1)
echo "redkit runs: $(tr '\n' ' ' < "$work/redkit.t")" >&2
echo "redis-check-rdb runs: $(tr '\n' ' ' < "$work/check.t")" >&2
grep -q "RDB looks OK" "$work/check.txt" || { echo "redis-check-rdb failed"; cat "$work/check.txt"; exit 1; }
keys=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['keys'])" "$work/out.json")
printf '%-16s %8s %9s %10s\n' tool seconds MB/s "RSS MB"
printf '%-16s %8s %9.0f %10.1f\n' "redkit analyze" "$t_redkit" "$(calc "$mb / $t_redkit")" "$(calc "$rss_redkit / 1024")"
printf '%-16s %8s %9.0f %10s\n' "redis-check-rdb" "$t_check" "$(calc "$mb / $t_check")" "-"
echo "keys read by redkit: $keys; redkit time / redis-check-rdb time: $(calc "$t_redkit / $t_check")"
