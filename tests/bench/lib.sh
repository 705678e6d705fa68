# Shared by the benchmark scripts (sourced, not run).

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

# A free loopback port.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A port whose cluster bus port (port + 10000) is free too, for cluster nodes.
bus_port() {
  python3 -c '
import random, socket
while True:
    p = random.randint(20000, 45000)
    try:
        for q in (p, p + 10000):
            s = socket.socket(); s.bind(("127.0.0.1", q)); s.close()
        print(p); break
    except OSError:
        pass'
}

# The common start of a stream bench (stream-dlq.sh, stream-list.sh): the tools it needs, the
# release binary (BIN=path skips the build), a work folder and a redis-server on a free port,
# both removed on exit; then `cli` (redis-cli on that port) and `median N...`.
start_stream_bench() {
  for bin in redis-server redis-cli python3 awk; do
    command -v "$bin" >/dev/null || { echo "needs $bin (tests/run installs redis)" >&2; exit 1; }
  done
  if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    BIN="$PWD/target/release/redkit"
  fi
  work=$(mktemp -d)
  port=$(free_port)
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    --logfile "$work/redis.log" --daemonize no &
  server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
  for _ in $(seq 1 100); do redis-cli -p "$port" PING >/dev/null 2>&1 && break; sleep 0.05; done
  cli() { redis-cli -p "$port" "$@"; }
  median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
  export BIN port work
}
