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
