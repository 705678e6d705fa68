#!/usr/bin/env bash
# `stream list` and `stream jobs` at the issue's scale: JOBS (1,000,000) small job streams (two
# entries each: task_started, then task_completed / task_failed / task_progress; one stream in
# GROUPED has a consumer group), made on the server by a Lua loop (seconds, not minutes).
# Measures wall time and peak RSS of
#   stream list --limit 100 --format json     stream jobs --limit 100 --format json
#   stream list --format ndjson               stream jobs --format ndjson
# interleaved (list, jobs, list, jobs, ...) RUNS times each (default 3), and prints medians,
# the load average, and the ratio list / jobs per stream (target: list as fast per stream as
# jobs, ratio <= 1.0) and every peak RSS (targets: --limit 100 under 64 MB; ndjson flat, also
# under 64 MB). The outputs are checked: every stream listed once by ndjson, 100 by --limit.
#   JOBS=100000 tests/bench/stream-list.sh runs smaller.  BIN=path skips the release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
JOBS=${JOBS:-1000000}
RUNS=${RUNS:-3}
GROUPED=${GROUPED:-100}
# BIN=path/to/redkit skips the release build.
# shellcheck source=tests/bench/lib.sh
source tests/bench/lib.sh
start_stream_bench

echo "making $JOBS job streams ..." >&2
now=$(date +%s%3N)
# Chunks of 50,000 keys per script: each blocks the (otherwise idle) server a fraction of a second.
for ((lo = 0; lo < JOBS; lo += 50000)); do
  hi=$(( lo + 50000 < JOBS ? lo + 50000 : JOBS ))
  cli EVAL "
    local now, grouped = tonumber(ARGV[3]), tonumber(ARGV[4])
    local last = {'task_completed', 'task_failed', 'task_progress', 'task_progress'}
    for j = tonumber(ARGV[1]), tonumber(ARGV[2]) - 1 do
      local k = 'job_events:' .. j
      local t = now - 120000 - (j % 1000) * 10
      local kind = j % 4
      if kind == 3 then t = t - 3600000 end
      local d = '{\"job_id\":\"' .. j .. '\"}'
      redis.call('XADD', k, t .. '-0', 'data', d, 'event_type', 'task_started')
      redis.call('XADD', k, (t + 1000) .. '-0', 'data', d, 'event_type', last[kind + 1])
      if j < grouped then redis.call('XGROUP', 'CREATE', k, 'g', '0') end
    end
    return 0" 0 "$lo" "$hi" "$now" "$GROUPED" >/dev/null
done
have=$(cli DBSIZE)
[ "$have" -eq "$JOBS" ] || { echo "made $have keys, expected $JOBS" >&2; exit 1; }
echo "server memory: $(cli INFO memory | awk -F: '/^used_memory_human/ { print $2 }' | tr -d '\r')" >&2

names=(list-limit jobs-limit list-ndjson jobs-ndjson)
declare -A cmd=(
  [list-limit]="\"\$BIN\" --port \$port stream list --limit 100 --format json > \$work/list-limit.json"
  [jobs-limit]="\"\$BIN\" --port \$port stream jobs --limit 100 --format json > \$work/jobs-limit.json; [ \$? -le 1 ]"
  [list-ndjson]="\"\$BIN\" --port \$port stream list --format ndjson > \$work/list.ndjson"
  [jobs-ndjson]="\"\$BIN\" --port \$port stream jobs --format ndjson > \$work/jobs.ndjson; [ \$? -le 1 ]"
)
declare -A times kb
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq 1 "$RUNS"); do
  for n in "${names[@]}"; do
    # exit 1 from `stream jobs` is expected: a quarter of the jobs are stuck.
    read -r s k < <(measure "set +e; ${cmd[$n]}")
    times[$n]="${times[$n]:-} $s"
    [ "$k" -gt "${kb[$n]:-0}" ] && kb[$n]=$k
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# The outputs hold what they should.
python3 - "$work" "$JOBS" <<'PY'
import json, sys
work, jobs = sys.argv[1], int(sys.argv[2])
for name, key in (("list", "stream"), ("jobs", "stream")):
    seen = set()
    for line in open(f"{work}/{name}.ndjson", encoding="utf-8"):
        seen.add(json.loads(line)[key])
    assert len(seen) == jobs, f"{name} ndjson listed {len(seen)} streams, expected {jobs}"
ll = json.load(open(f"{work}/list-limit.json"))
assert len(ll["streams"]) == 100 and ll["total"] == jobs, (len(ll["streams"]), ll["total"])
jl = json.load(open(f"{work}/jobs-limit.json"))
assert len(jl["jobs"]) == 100, len(jl["jobs"])
PY

args=()
for n in "${names[@]}"; do
  # shellcheck disable=SC2086
  args+=("$(median ${times[$n]})" "${kb[$n]}")
  echo "$n runs:${times[$n]} s" >&2
done
python3 - "$JOBS" "$load_before" "$load_after" "${args[@]}" <<'PY'
import sys
jobs, lb, la = int(sys.argv[1]), sys.argv[2], sys.argv[3]
v = sys.argv[4:]
names = ["stream list --limit 100", "stream jobs --limit 100",
         "stream list --format ndjson", "stream jobs --format ndjson"]
t = [float(v[2 * i]) for i in range(4)]
kb = [int(v[2 * i + 1]) for i in range(4)]
print(f"stream list / stream jobs over {jobs} job streams (medians; load average {lb} before, {la} after)")
for n, s, k in zip(names, t, kb):
    per = s / jobs * 1e6
    print(f"  {n:28} {s:7.2f} s  {per:5.2f} us/stream  peak RSS {k / 1024:6.1f} MB"
          f"  < 64 MB: {'met' if k < 65536 else 'MISSED'}")
for what, a, b in (("--limit 100", t[0], t[1]), ("ndjson", t[2], t[3])):
    r = a / b
    print(f"  list / jobs time, {what}: {r:.2f}; target <= 1.0 (list as fast per stream): "
          f"{'met' if r <= 1.0 else 'MISSED'}")
PY
