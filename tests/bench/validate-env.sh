#!/usr/bin/env bash
# validate-env start-up cost: redkit (python dialect) on a 200-variable spec and .env, side by
# side with the usual alternative (a Python script: python-dotenv's load_dotenv, then the same
# presence checks), with hyperfine. Prints wall medians, user+sys CPU and the ratio. Target:
# redkit median under 5 ms.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release --quiet
BIN="$PWD/target/release/redkit"
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
"$BIN" validate-env --spec spec.yaml --dotenv python >/dev/null   # must pass: exit 0
hyperfine -N --warmup 20 --runs 300 --export-json "$work/h.json" \
  -n redkit "$BIN validate-env --spec spec.yaml --env-file .env --dotenv python" \
  -n python-dotenv "python3 check.py" >/dev/null
python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
rk, py = r["redkit"]["median"] * 1000, r["python-dotenv"]["median"] * 1000
cpu = lambda x: (x["user"] + x["system"]) * 1000
print(f"redkit validate-env (200 vars): median {rk:.2f} ms wall, {cpu(r['redkit']):.2f} ms user+sys (mean)")
print(f"python-dotenv script:           median {py:.2f} ms wall, {cpu(r['python-dotenv']):.2f} ms user+sys (mean)")
print(f"ratio (python / redkit):        {py / rk:.1f}x; target < 5 ms: {'met' if rk < 5 else 'MISSED'}")
PY
