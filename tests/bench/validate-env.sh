#!/usr/bin/env bash
# validate-env start-up cost: redkit (python dialect) on a 200-variable spec and .env, side by
# side with the usual alternative (a Python script: python-dotenv's load_dotenv, then the same
# presence checks), with hyperfine. The machine may be loaded: the two alternate in ROUNDS
# hyperfine rounds (A B A B ...), each with its warm-up, and the medians are over every run of
# every round. Prints wall medians, user+sys CPU, the load average and the ratio. Target: redkit
# median under 5 ms. Usage: [REDKIT_BIN=path] tests/bench/validate-env.sh [ROUNDS] [RUNS_PER_ROUND]
set -euo pipefail
ROUNDS=${1:-10}
RUNS=${2:-40}
cd "$(dirname "$0")/../.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
# REDKIT_BIN: measure that binary instead of building this tree's (a before/after comparison).
if [[ -n "${REDKIT_BIN:-}" ]]; then
  BIN=$(realpath "$REDKIT_BIN")
else
  cargo build --release --quiet
  BIN="$PWD/target/release/redkit"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

{
  echo "env:"
  echo "  required:"
  for i in $(seq 1 50); do echo "    APP_KEY_$i: { min_length: 16 }"; done
  echo "  recommended:"
  for i in $(seq 1 50); do echo "    APP_URL_$i: { type: url, schemes: [https] }"; done
  echo "  optional:"
  for i in $(seq 1 50); do echo "    APP_PORT_$i: { type: port, default: 8080 }"; done
  for i in $(seq 1 50); do echo "    APP_LEVEL_$i: { type: enum, values: [debug, info, warn], pattern: '[a-z]+' }"; done
} > "$work/spec.yaml"
{
  for i in $(seq 1 50); do echo "APP_KEY_$i=sk-$(printf '%032d' "$i")"; done
  for i in $(seq 1 50); do echo "APP_URL_$i=https://svc$i.example.com/api"; done
  for i in $(seq 1 50); do echo "APP_PORT_$i=$((8000 + i))"; done
  for i in $(seq 1 50); do echo "APP_LEVEL_$i=info"; done
} > "$work/.env"

cat > "$work/check.py" <<'PY'
import os, sys
from dotenv import load_dotenv
load_dotenv(".env")
names = [f"APP_{k}_{i}" for k in ("KEY", "URL", "PORT", "LEVEL") for i in range(1, 51)]
missing = [n for n in names[:50] if not os.environ.get(n)]
sys.exit(1 if missing else 0)
PY

cd "$work"
"$BIN" validate-env --spec spec.yaml --env-file .env --dotenv python >/dev/null   # must pass: exit 0
python3 check.py                                                                 # must pass too
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq 1 "$ROUNDS"); do
  # Alternate which goes first, so neither always runs right after the other's warm-up.
  if (( r % 2 )); then
    order=(-n redkit "$BIN validate-env --spec spec.yaml --env-file .env --dotenv python" -n python-dotenv "python3 check.py")
  else
    order=(-n python-dotenv "python3 check.py" -n redkit "$BIN validate-env --spec spec.yaml --env-file .env --dotenv python")
  fi
  hyperfine -N --warmup 10 --runs "$RUNS" --export-json "$work/h$r.json" "${order[@]}" >/dev/null
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$work" "$ROUNDS" "$RUNS" "$load_before" "$load_after" <<'PY'
import glob, json, statistics, sys
work, rounds, runs, lb, la = sys.argv[1:]
times, cpu = {}, {}
for f in glob.glob(f"{work}/h*.json"):
    for x in json.load(open(f))["results"]:
        times.setdefault(x["command"], []).extend(x["times"])
        cpu.setdefault(x["command"], []).append((x["user"] + x["system"]) * 1000)
med = {k: statistics.median(v) * 1000 for k, v in times.items()}
rk, py = med["redkit"], med["python-dotenv"]
n = len(times["redkit"])
print(f"{rounds} interleaved rounds x {runs} runs each ({n} runs per command); load average {lb} before, {la} after")
print(f"redkit validate-env (200 vars): median {rk:.2f} ms wall, {statistics.mean(cpu['redkit']):.2f} ms user+sys (mean)")
print(f"python-dotenv script:           median {py:.2f} ms wall, {statistics.mean(cpu['python-dotenv']):.2f} ms user+sys (mean)")
print(f"ratio (python / redkit):        {py / rk:.1f}x; target < 5 ms: {'met' if rk < 5 else 'MISSED'}")
PY
