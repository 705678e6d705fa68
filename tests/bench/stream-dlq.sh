#!/usr/bin/env bash
# Two queue chores, each against the redis-cli equivalent on the same data (reloaded before
# every run, since both change it):
# 1. `stream dlq`: a stream of ENTRIES (100,000) pending in group g, QUALIFY (20,000) of them
#    delivered 3 times, the rest once; dead-letter those delivered >= 3 times. The shell side:
#    XPENDING (extended, IDLE) | awk (XRANGE id id per qualifying entry) | redis-cli --raw |
#    awk (XADD k:dlq * fields... dlq_* ; XACK) | redis-cli. Both must leave the same ids in
#    the dead-letter stream and the same pending count.
# 2. `stream jobs --delete-finished --older-than 1h` over JOBS (100,000) job streams, half of
#    them finished two hours ago: redis-cli --scan | awk (XREVRANGE k + - COUNT 1) |
#    redis-cli --raw | awk (finished and old -> UNLINK k) | redis-cli. Both must delete the
#    same keys.
# Each side runs RUNS times (default 3), alternating; prints medians, ratios and redkit's peak
# RSS. Targets: both >= 5x, dlq RSS < 64 MB.  ENTRIES=20000 QUALIFY=4000 JOBS=20000 runs smaller.
set -euo pipefail
cd "$(dirname "$0")/../.."
ENTRIES=${ENTRIES:-100000}
QUALIFY=${QUALIFY:-20000}
JOBS=${JOBS:-100000}
RUNS=${RUNS:-3}
# BIN=path/to/redkit skips the release build.
# shellcheck source=tests/bench/lib.sh
source tests/bench/lib.sh
start_stream_bench

# The redis-cli side of each chore, as an operator would script it.
cat > "$work/shell-dlq.sh" <<SH
set -euo pipefail
cd "$work"
redis-cli -p $port XPENDING q g IDLE 10 - + $ENTRIES \\
  | awk 'NR % 4 == 1 { id = \$0 } NR % 4 == 2 { c = \$0 }
         NR % 4 == 0 && \$0 >= 3 { print "XRANGE q " id " " id > "xrange.cmds"; print c, \$0 > "owners" }'
redis-cli -p $port --raw < xrange.cmds \\
  | awk -v now="\$(date -u +%Y-%m-%dT%H:%M:%S.000Z)" '
      NR % 5 == 1 { id = \$0; getline o < "owners"; split(o, w, " ") }
      NR % 5 == 3 { data = \$0 }
      NR % 5 == 0 { printf "XADD q:dlq * data %c%s%c event_type %s dlq_stream q dlq_id %s dlq_group g dlq_consumer %s dlq_deliveries %s dlq_at %s\n", 39, data, 39, \$0, id, w[1], w[2], now
                    print "XACK q g " id }' \\
  | redis-cli -p $port > /dev/null
SH
cat > "$work/shell-retention.sh" <<SH
set -euo pipefail
cd "$work"
redis-cli -p $port --scan --pattern 'job_events:*' > keys2.txt
awk '{ print "XREVRANGE " \$1 " + - COUNT 1" }' keys2.txt | redis-cli -p $port --raw \\
  | awk -v cut="\$(( \$(date +%s%3N) - 3600000 ))" '
      NR % 5 == 1 { getline k < "keys2.txt"; split(\$0, p, "-"); t = p[1] }
      NR % 5 == 0 && (\$0 == "task_completed" || \$0 == "task_failed") && t < cut { print "UNLINK " k }' \\
  | redis-cli -p $port > /dev/null
SH

load_queue() {
  cli FLUSHALL >/dev/null
  python3 - "$ENTRIES" <<'PY' | cli --pipe >/dev/null
import sys
n = int(sys.argv[1])
out = sys.stdout.buffer
def cmd(*a):
    out.write(b"*%d\r\n" % len(a) + b"".join(b"$%d\r\n%s\r\n" % (len(x), x) for x in a))
for i in range(1, n + 1):
    cmd(b"XADD", b"q", b"%d-0" % i, b"data", b'{"job":%d,"step":"render"}' % i,
        b"event_type", b"task_progress")
cmd(b"XGROUP", b"CREATE", b"q", b"g", b"0")
PY
  cli XREADGROUP GROUP g w1 COUNT "$ENTRIES" STREAMS q '>' >/dev/null
  # Reading the history again delivers the first QUALIFY entries once more, twice.
  cli XREADGROUP GROUP g w1 COUNT "$QUALIFY" STREAMS q 0 >/dev/null
  cli XREADGROUP GROUP g w1 COUNT "$QUALIFY" STREAMS q 0 >/dev/null
  sleep 0.1
}

load_jobs() {
  cli FLUSHALL >/dev/null
  python3 - "$JOBS" <<'PY' | cli --pipe >/dev/null
import sys, time
n = int(sys.argv[1])
now = int(time.time() * 1000)
out = sys.stdout.buffer
def cmd(*a):
    out.write(b"*%d\r\n" % len(a) + b"".join(b"$%d\r\n%s\r\n" % (len(x), x) for x in a))
for j in range(n):
    key = b"job_events:%d" % j
    # Even jobs finished (completed/failed) 2 h ago; odd ones running now.
    t0 = now - 7_200_000 if j % 2 == 0 else now - 60_000
    last = [b"task_completed", b"task_failed"][j % 4 // 2] if j % 2 == 0 else b"task_progress"
    for i, t in enumerate([b"task_started", b"task_progress", last]):
        cmd(b"XADD", key, b"%d-0" % (t0 + i * 1000), b"data", b'{"job_id":"%d"}' % j,
            b"event_type", t)
PY
}

echo "1. dead letters: $ENTRIES pending, $QUALIFY delivered 3 times" >&2
rk_all=(); sh_all=(); rk_kb=0
for _ in $(seq 1 "$RUNS"); do
  load_queue
  read -r s kb < <(measure "\"\$BIN\" --port \$port stream dlq q g --min-deliveries 3 --min-idle 10ms --yes --format json > \$work/rk.json")
  rk_all+=("$s"); [ "$kb" -gt "$rk_kb" ] && rk_kb=$kb
  cli XRANGE q:dlq - + | awk 'p { print; p = 0 } $0 == "dlq_id" { p = 1 }' | sort > "$work/rk.ids"
  rk_pending=$(cli XPENDING q g | head -1)
  load_queue
  read -r s _ < <(measure "bash \$work/shell-dlq.sh")
  sh_all+=("$s")
  cli XRANGE q:dlq - + | awk 'p { print; p = 0 } $0 == "dlq_id" { p = 1 }' | sort > "$work/sh.ids"
  sh_pending=$(cli XPENDING q g | head -1)
  cmp -s "$work/rk.ids" "$work/sh.ids" || { echo "dead-letter ids differ" >&2; exit 1; }
  [ "$rk_pending" = "$sh_pending" ] || { echo "pending differs: $rk_pending vs $sh_pending" >&2; exit 1; }
  [ "$(wc -l < "$work/rk.ids")" -eq "$QUALIFY" ] || { echo "moved $(wc -l < "$work/rk.ids"), expected $QUALIFY" >&2; exit 1; }
done
dlq_rk=$(median "${rk_all[@]}"); dlq_sh=$(median "${sh_all[@]}")
echo "redkit runs: ${rk_all[*]} s; shell runs: ${sh_all[*]} s" >&2

echo "2. retention: $JOBS job streams, half finished 2 h ago" >&2
rk2=(); sh2=(); rk2_kb=0
for _ in $(seq 1 "$RUNS"); do
  load_jobs
  read -r s kb < <(measure "\"\$BIN\" --port \$port stream jobs --delete-finished --older-than 1h --yes --format json > \$work/rk2.json")
  rk2+=("$s"); [ "$kb" -gt "$rk2_kb" ] && rk2_kb=$kb
  rk_left=$(cli DBSIZE)
  load_jobs
  read -r s _ < <(measure "bash \$work/shell-retention.sh")
  sh2+=("$s")
  sh_left=$(cli DBSIZE)
  [ "$rk_left" = "$sh_left" ] && [ "$rk_left" -eq $(( JOBS / 2 )) ] \
    || { echo "left $rk_left (redkit) vs $sh_left (shell), expected $(( JOBS / 2 ))" >&2; exit 1; }
done
ret_rk=$(median "${rk2[@]}"); ret_sh=$(median "${sh2[@]}")
echo "redkit runs: ${rk2[*]} s; shell runs: ${sh2[*]} s" >&2

python3 - "$dlq_rk" "$dlq_sh" "$rk_kb" "$ret_rk" "$ret_sh" "$rk2_kb" "$ENTRIES" "$QUALIFY" "$JOBS" <<'PY'
import sys
dr, ds, dkb, rr, rs, rkb = map(float, sys.argv[1:7])
entries, qualify, jobs = sys.argv[7:]
print(f"stream dlq, {entries} pending of which {qualify} qualify; same ids dead-lettered on both sides")
print(f"  redkit stream dlq (median)           {dr:7.2f} s  peak RSS {dkb / 1024:6.1f} MB")
print(f"  XPENDING | awk | redis-cli (median)  {ds:7.2f} s")
r = ds / dr
print(f"  ratio {r:.2f}x; target >= 5x: {'met' if r >= 5 else 'MISSED'}; RSS < 64 MB: {'met' if dkb < 65536 else 'MISSED'}")
print(f"stream jobs --delete-finished, {jobs} job streams, half finished; same keys left on both sides")
print(f"  redkit (median)                      {rr:7.2f} s  peak RSS {rkb / 1024:6.1f} MB")
print(f"  --scan | awk | redis-cli (median)    {rs:7.2f} s")
r = rs / rr
print(f"  ratio {r:.2f}x; target >= 5x: {'met' if r >= 5 else 'MISSED'}")
PY
