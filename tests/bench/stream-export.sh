#!/usr/bin/env bash
# Exporting a 1,000,000-entry stream shaped like the application's (job_events, ~200-byte JSON
# `data` with Chinese text, timestamp, event_type), in one run on the same data:
#   redkit stream read KEY --format ndjson > file
#   redis-cli --no-raw XRANGE KEY - + > file                (one reply holding everything)
#   a shell loop of redis-cli --raw XRANGE KEY (last + COUNT 10000 > file
# (the loop uses --raw, redis-cli's cheapest output, so the comparison is with its best)
# Prints entries/s of each, the ratio against the faster redis-cli variant, and the peak RSS
# of each client. Target: >= 2x the faster redis-cli variant, redkit peak RSS < 64 MB.
# N=200000 tests/bench/stream-export.sh runs a smaller stream.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-1000000}
for bin in redis-server redis-cli python3; do
  command -v "$bin" >/dev/null || { echo "needs $bin (tests/run installs redis)" >&2; exit 1; }
done
cargo build --release --quiet
BIN="$PWD/target/release/redkit"
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
  --logfile "$work/redis.log" --daemonize no &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do redis-cli -p "$port" PING >/dev/null 2>&1 && break; sleep 0.05; done
cli() { redis-cli -p "$port" "$@"; }
KEY="job_events:bench"

echo "generating $N entries in $KEY ..." >&2
python3 - "$N" "$KEY" <<'PY' | cli --pipe >/dev/null
import json, sys
n, key = int(sys.argv[1]), sys.argv[2].encode()
out = sys.stdout.buffer
def bulk(b):
    return b"$%d\r\n%s\r\n" % (len(b), b)
for i in range(n):
    ts = "2026-11-23T10:%02d:%02d.%06d" % (i // 60000 % 60, i // 1000 % 60, i % 1000000)
    ev = {"event_type": "task_progress", "job_id": "bench", "task_type": "document_generation",
          "progress": "正在生成第 %d 段" % i, "step": i, "timestamp": ts, "detail": "x" * 40}
    data = json.dumps(ev, ensure_ascii=False).encode()
    args = [b"XADD", key, b"*", b"data", data, b"timestamp", ts.encode(), b"event_type", b"task_progress"]
    out.write(b"*%d\r\n" % len(args) + b"".join(bulk(a) for a in args))
PY
have=$(cli XLEN "$KEY")
[ "$have" -eq "$N" ] || { echo "loaded $have entries, expected $N" >&2; exit 1; }

# Runs a shell command, prints "seconds peak_rss_kb" (peak of the largest process it ran).
measure() {
  python3 - "$1" <<'PY'
import os, subprocess, sys, time
t = time.monotonic()
p = subprocess.Popen(["bash", "-c", sys.argv[1]])
peak = 0
while True:
    try:
        pid, status, ru = os.wait4(-1, 0)
    except ChildProcessError:
        break
    peak = max(peak, ru.ru_maxrss)
    if pid == p.pid:
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit("command failed: " + sys.argv[1])
print(f"{time.monotonic() - t:.3f} {peak}")
PY
}

export BIN port KEY work
read -r rk_s rk_kb < <(measure "\"\$BIN\" --port \$port stream read \$KEY --format ndjson > \$work/redkit.ndjson")
lines=$(wc -l < "$work/redkit.ndjson")
[ "$lines" -eq "$N" ] || { echo "redkit wrote $lines lines, expected $N" >&2; exit 1; }
rm -f "$work/redkit.ndjson"

read -r one_s one_kb < <(measure "redis-cli -p \$port --no-raw XRANGE \$KEY - + > \$work/one.txt")
rm -f "$work/one.txt"

# The paged loop: the last id of each page starts the next one (exclusive, Redis >= 6.2). In
# --raw output an id is a line of its own; this data has no value that looks like one.
cat > "$work/paged.sh" <<'SH'
start="-"
: > "$work/paged.txt"
while :; do
  redis-cli -p "$port" --raw XRANGE "$KEY" "$start" + COUNT 10000 > "$work/page.txt"
  cat "$work/page.txt" >> "$work/paged.txt"
  last=$(grep -E '^[0-9]+-[0-9]+$' "$work/page.txt" | tail -n 1 || true)
  n=$(grep -cE '^[0-9]+-[0-9]+$' "$work/page.txt" || true)
  [ "${n:-0}" -lt 10000 ] && break
  start="($last"
done
SH
read -r pg_s pg_kb < <(measure "bash \$work/paged.sh")
paged_n=$(grep -cE '^[0-9]+-[0-9]+$' "$work/paged.txt")
[ "$paged_n" -eq "$N" ] || { echo "paged loop wrote $paged_n entries, expected $N" >&2; exit 1; }
rm -f "$work/paged.txt"

python3 - "$N" "$rk_s" "$rk_kb" "$one_s" "$one_kb" "$pg_s" "$pg_kb" <<'PY'
import sys
n = int(sys.argv[1])
rk, rk_kb, one, one_kb, pg, pg_kb = map(float, sys.argv[2:])
rate = lambda s: n / s if s else float("inf")
best = max(rate(one), rate(pg))
print(f"stream export, {n} entries (~200-byte JSON data)")
print(f"redkit stream read --format ndjson        {rk:7.2f} s  {rate(rk):>10,.0f} entries/s  peak RSS {rk_kb / 1024:6.1f} MB")
print(f"redis-cli --no-raw XRANGE - +             {one:7.2f} s  {rate(one):>10,.0f} entries/s  peak RSS {one_kb / 1024:6.1f} MB")
print(f"redis-cli --raw XRANGE COUNT 10000 loop   {pg:7.2f} s  {rate(pg):>10,.0f} entries/s  peak RSS {pg_kb / 1024:6.1f} MB")
ratio = rate(rk) / best
print(f"ratio (redkit / faster redis-cli):        {ratio:.2f}x; target >= 2x: {'met' if ratio >= 2 else 'MISSED'}; "
      f"redkit RSS < 64 MB: {'met' if rk_kb < 64 * 1024 else 'MISSED'}")
PY
