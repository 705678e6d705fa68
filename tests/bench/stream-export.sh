#!/usr/bin/env bash
# Exporting a 1,000,000-entry stream shaped like the application's (job_events, ~200-byte JSON
# `data` with Chinese text, timestamp, event_type), in one run on the same data:
#   redkit stream read KEY --format ndjson > file
#   redis-cli --no-raw XRANGE KEY - + > file                (one reply holding everything)
#   a shell loop of redis-cli --raw XRANGE KEY (last + COUNT 10000 > file
# (the loop uses --raw, redis-cli's cheapest output, so the comparison is with its best)
# Prints entries/s of each, the ratio against the faster redis-cli variant, and the peak RSS
# of each client. Target: >= 2x the faster redis-cli variant, redkit peak RSS < 64 MB.
# Then the same export by redkit over TLS and from a 3-master cluster (same data, the key on
# the master that owns its slot), against the plain single-server export: target <= 1.3x.
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
python3 - "$N" "$KEY" > "$work/load.resp" <<'PY'
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
cli --pipe < "$work/load.resp" >/dev/null
have=$(cli XLEN "$KEY")
[ "$have" -eq "$N" ] || { echo "loaded $have entries, expected $N" >&2; exit 1; }

# shellcheck source=tests/bench/lib.sh
source tests/bench/lib.sh

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

# The same export over TLS and from a cluster.
pids=()
trap 'kill $server "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
(
  cd "$work"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=bench-ca -keyout ca.key -out ca.crt 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout srv.key -out srv.csr 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > san.ext
  openssl x509 -req -in srv.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 -extfile san.ext -out srv.crt 2>/dev/null
)
tport=$(free_port)
mkdir -p "$work/tls"
redis-server --port 0 --tls-port "$tport" --bind 127.0.0.1 --save '' --appendonly no --dir "$work/tls" \
  --tls-cert-file "$work/srv.crt" --tls-key-file "$work/srv.key" --tls-ca-cert-file "$work/ca.crt" \
  --tls-auth-clients no --logfile "$work/tls/redis.log" --daemonize no &
pids+=($!)
tcli() { redis-cli --tls --cacert "$work/ca.crt" -p "$tport" "$@"; }
for _ in $(seq 1 100); do tcli PING >/dev/null 2>&1 && break; sleep 0.05; done
tcli --pipe < "$work/load.resp" >/dev/null
# A cluster node also listens on port + 10000 (the bus): bus_port (lib.sh) keeps both free.
cports=()
for i in 1 2 3; do
  p=$(bus_port); cports+=("$p"); mkdir -p "$work/c$i"
  redis-server --port "$p" --bind 127.0.0.1 --save '' --appendonly no --dir "$work/c$i" \
    --cluster-enabled yes --cluster-config-file nodes.conf --logfile "$work/c$i/redis.log" --daemonize no &
  pids+=($!)
done
for p in "${cports[@]}"; do
  for _ in $(seq 1 100); do redis-cli -p "$p" PING >/dev/null 2>&1 && break; sleep 0.05; done
done
redis-cli --cluster create $(printf '127.0.0.1:%s ' "${cports[@]}") --cluster-yes >/dev/null
for _ in $(seq 1 200); do
  redis-cli -p "${cports[0]}" CLUSTER INFO | grep -q 'cluster_state:ok' && break; sleep 0.1
done
slot=$(redis-cli -p "${cports[0]}" CLUSTER KEYSLOT "$KEY")
owner=""
for p in "${cports[@]}"; do
  # The master whose own slot ranges (on its "myself" line) hold the key's slot.
  if redis-cli -p "$p" CLUSTER NODES | grep myself | tr ' ' '\n' | grep -E '^[0-9]+(-[0-9]+)?$' |
     awk -F- -v s="$slot" '{lo=$1; hi=($2==""?$1:$2); if (s+0>=lo+0 && s+0<=hi+0) f=1} END {exit !f}'; then
    owner=$p
  fi
done
[ -n "$owner" ] || { echo "no master owns slot $slot" >&2; exit 1; }
redis-cli -p "$owner" --pipe < "$work/load.resp" >/dev/null
rm -f "$work/load.resp"
export tport cport0="${cports[0]}"
read -r tls_s tls_kb < <(measure "\"\$BIN\" -u rediss://127.0.0.1:\$tport --cacert \$work/ca.crt stream read \$KEY --format ndjson > \$work/tls.ndjson")
[ "$(wc -l < "$work/tls.ndjson")" -eq "$N" ] || { echo "TLS export wrote the wrong count" >&2; exit 1; }
rm -f "$work/tls.ndjson"
read -r cl_s cl_kb < <(measure "\"\$BIN\" --cluster -u redis://127.0.0.1:\$cport0 stream read \$KEY --format ndjson > \$work/cl.ndjson")
[ "$(wc -l < "$work/cl.ndjson")" -eq "$N" ] || { echo "cluster export wrote the wrong count" >&2; exit 1; }
rm -f "$work/cl.ndjson"

python3 - "$N" "$rk_s" "$rk_kb" "$one_s" "$one_kb" "$pg_s" "$pg_kb" "$tls_s" "$tls_kb" "$cl_s" "$cl_kb" <<'PY'
import sys
n = int(sys.argv[1])
rk, rk_kb, one, one_kb, pg, pg_kb, tl, tl_kb, cl, cl_kb = map(float, sys.argv[2:])
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
python3 - "$rk_s" "$tls_s" "$tls_kb" "$cl_s" "$cl_kb" "$N" <<'PY'
import sys
rk, tl, tl_kb, cl, cl_kb, n = map(float, sys.argv[1:])
print(f"redkit over TLS                           {tl:7.2f} s  {n / tl:>10,.0f} entries/s  peak RSS {tl_kb / 1024:6.1f} MB  {tl / rk:.2f}x plain; target <= 1.3x: {'met' if tl / rk <= 1.3 else 'MISSED'}")
print(f"redkit from a 3-master cluster            {cl:7.2f} s  {n / cl:>10,.0f} entries/s  peak RSS {cl_kb / 1024:6.1f} MB  {cl / rk:.2f}x plain; target <= 1.3x: {'met' if cl / rk <= 1.3 else 'MISSED'}")
PY
