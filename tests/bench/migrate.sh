#!/usr/bin/env bash
# migrate recipients: the total time of `redkit migrate recipients --create-table --yes`
# (preflight, table, copy, index build, verification) against the single hand-written
# `INSERT … SELECT` into the seed's schema with its indexes in place (no chunks, no
# checkpoints, one huge transaction), on identical fresh copies of 1,000,000 messages (1% with
# a NULL receiver) in SQLite, a private MariaDB and a private PostgreSQL, in one run. Then the
# idempotent re-run with every row already there. Prints seconds, ratios and redkit's peak
# RSS. Target: at most 0.7x of the single statement on every database, peak RSS under 64 MB.
#   ROWS=200000 tests/bench/migrate.sh     for a quicker run
#   ONLY=postgres tests/bench/migrate.sh   one database (sqlite, mariadb, postgres)
#   REDKIT_BIN=target/debug/redkit ...     a binary at hand instead of a release build
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${ROWS:-1000000}"
ONLY="${ONLY:-}"
for t in sqlite3 mariadb psql python3; do
  command -v "$t" >/dev/null || { echo "needs $t (tests/run installs it)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
MARIADBD=$(command -v mariadbd || command -v mysqld || ls /usr/sbin/mariadbd /usr/sbin/mysqld 2>/dev/null | head -1)
INSTALL_DB=$(command -v mariadb-install-db || command -v mysql_install_db)
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -n "${REDKIT_BIN:-}" ]; then BIN="$REDKIT_BIN"; else
  cargo build --release --quiet
  BIN="$PWD/target/release/redkit"
fi
work=$(mktemp -d)
chmod 755 "$work"
mpid=""
ppid_=""
cleanup() {
  if [ -n "$mpid" ]; then kill "$mpid" 2>/dev/null || true; wait "$mpid" 2>/dev/null || true; fi
  if [ -n "$ppid_" ]; then kill -INT "$ppid_" 2>/dev/null || true; wait "$ppid_" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Seconds a command takes; peak RSS (KB) of it goes to $work/rss.
timed() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || {
    echo "failed: $*" >&2; cat "$work/err" >&2; exit 1; }
  read -r secs rss <"$work/time"
  echo "$rss" >"$work/rss"
  echo "$secs"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The seed's schema of message_recipients with every index in place, as redkit would create
# it with --defer-indexes never (its dry-run plan), so the single statement writes into the
# same indexes and foreign key that redkit's table ends up with.
ddl() {
  "$BIN" migrate recipients --database-url "$1" --dry-run --defer-indexes never --format json | python3 -c '
import json, sys
for s in json.load(sys.stdin)["plan"]["statements"]:
    if "redkit_migrations" not in s and (s.startswith("CREATE TABLE") or s.startswith("CREATE INDEX")):
        print(s + ";")'
}

cols="message_id, recipient_id, is_read, read_at, created_at"
sel="SELECT id, receiver_id, is_read, NULL, created_at FROM messages WHERE receiver_id IS NOT NULL"
json_field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$work/out" "$1"; }
summary=()
report() { # name floor redkit_total copy verify rss rows rerun_total
  local line
  line=$(python3 - "$@" <<'PY'
import sys
name, floor, total, copy, verify, rss, rows, rerun = sys.argv[1], *map(float, sys.argv[2:])
r = total / floor
print(f"{name}: {int(rows)} rows")
print(f"  single INSERT ... SELECT, indexes in place : {floor:7.2f} s  {rows / floor:9.0f} rows/s")
print(f"  redkit migrate --create-table --yes        : {total:7.2f} s  {rows / total:9.0f} rows/s  (copy + index build {copy:.2f} s, verify {verify:.2f} s, rest preflight), peak RSS {rss / 1024:.1f} MB")
print(f"  ratio redkit/single statement              : {r:.2f}x (target <= 0.7x: {'met' if r <= 0.7 else 'MISSED'}; RSS < 64 MB: {'met' if rss < 65536 else 'MISSED'})")
print(f"  re-run, every row present                  : redkit {rerun:.2f} s in all")
print(f"SUMMARY {name} {r:.2f}x {rss / 1024:.0f}MB")
PY
)
  echo "$line" | grep -v '^SUMMARY'
  summary+=("$(echo "$line" | grep '^SUMMARY' | cut -d' ' -f2-)")
}
redkit_run() { # url -> sets r_total r_rss r_copy r_verify r_rows r_re
  r_total=$(timed "$BIN" migrate recipients --database-url "$1" --create-table --yes --format json)
  r_rss=$(cat "$work/rss"); r_copy=$(json_field copy_seconds); r_verify=$(json_field verify_seconds)
  r_rows=$(json_field migrated)
  [ "$(json_field verified)" = "True" ] || { echo "redkit did not verify" >&2; cat "$work/out" >&2; exit 1; }
  r_re=$(timed "$BIN" migrate recipients --database-url "$1" --yes --format json)
  [ "$(json_field migrated)" = "0" ] || { echo "re-run copied rows" >&2; exit 1; }
}

if [ -z "$ONLY" ] || [ "$ONLY" = sqlite ]; then
echo "== SQLite $(sqlite3 --version | cut -d' ' -f1), $ROWS messages"
sqlite3 "$work/base.db" <<SQL
CREATE TABLE messages (id INTEGER PRIMARY KEY, sender_id BIGINT, receiver_id BIGINT, title VARCHAR(200),
  content TEXT, is_read TINYINT(1) DEFAULT 0, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $ROWS)
INSERT INTO messages SELECT x, x % 1000 + 1, CASE WHEN x % 100 = 0 THEN NULL ELSE (x * 7919) % 100000 + 1 END,
  'title ' || x, 'message body ' || x, x % 2, datetime('2025-01-01', '+' || (x % 86400) || ' seconds') FROM c;
SQL
cp "$work/base.db" "$work/floor.db"
cp "$work/base.db" "$work/redkit.db"
ddl "sqlite://$work/floor.db" >"$work/sqlite.ddl"
sqlite3 "$work/floor.db" <"$work/sqlite.ddl"
sync
s_floor=$(timed sqlite3 "$work/floor.db" "INSERT INTO message_recipients ($cols) $sel;")
redkit_run "sqlite://$work/redkit.db"
report SQLite "$s_floor" "$r_total" "$r_copy" "$r_verify" "$r_rss" "$r_rows" "$r_re"
rm -f "$work"/*.db*
fi

if [ -z "$ONLY" ] || [ "$ONLY" = mariadb ]; then
echo "== MariaDB $("$MARIADBD" --version | awk '{print $3}'), $ROWS messages"
mdir="$work/mariadb"
user_arg=(); [ "$(id -u)" -eq 0 ] && user_arg=(--user=root)
"$INSTALL_DB" --no-defaults --datadir="$mdir" --auth-root-authentication-method=normal --skip-test-db "${user_arg[@]}" >/dev/null 2>&1
port=$(free_port)
"$MARIADBD" --no-defaults --datadir="$mdir" --port="$port" --bind-address=127.0.0.1 --socket="$work/m.sock" \
  --log-error="$work/mariadb.log" --skip-log-bin --innodb-buffer-pool-size=512M "${user_arg[@]}" >/dev/null 2>&1 &
mpid=$!
MYSQL=(mariadb -h127.0.0.1 -P"$port" -uroot)
sql() { "${MYSQL[@]}" "$@"; }
for _ in $(seq 1 100); do sql -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
sql -e "CREATE DATABASE floor; CREATE DATABASE rk;"
for db in floor rk; do
  sql "$db" -e "CREATE TABLE messages (id BIGINT AUTO_INCREMENT PRIMARY KEY, sender_id BIGINT, receiver_id BIGINT,
    title VARCHAR(200), content TEXT, is_read TINYINT(1) DEFAULT 0, created_at DATETIME DEFAULT CURRENT_TIMESTAMP)
    DEFAULT CHARSET=utf8mb4;
    INSERT INTO messages SELECT seq, seq % 1000 + 1, IF(seq % 100 = 0, NULL, (seq * 7919) % 100000 + 1),
      CONCAT('title ', seq), CONCAT('message body ', seq), seq % 2, '2025-01-01' + INTERVAL (seq % 86400) SECOND
      FROM seq_1_to_$ROWS;"
done
ddl "mysql://root@127.0.0.1:$port/floor" >"$work/mysql.ddl"
sql floor <"$work/mysql.ddl"
m_floor=$(timed "${MYSQL[@]}" floor -e "INSERT INTO message_recipients ($cols) $sel")
redkit_run "mysql://root@127.0.0.1:$port/rk"
report MariaDB "$m_floor" "$r_total" "$r_copy" "$r_verify" "$r_rss" "$r_rows" "$r_re"
kill "$mpid"; wait "$mpid" 2>/dev/null || true; mpid=""
rm -rf "$mdir"
fi

if [ -z "$ONLY" ] || [ "$ONLY" = postgres ]; then
echo "== PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), $ROWS messages"
pdir="$work/pg"
mkdir -p "$pdir"
as_pg=(); [ "$(id -u)" -eq 0 ] && { chown -R nobody:nogroup "$pdir"; as_pg=(setpriv --reuid=nobody --regid=nogroup --clear-groups); }
"${as_pg[@]}" "$PGBIN/initdb" -D "$pdir/data" -U postgres --auth=trust -E UTF8 >/dev/null
pport=$(free_port)
"${as_pg[@]}" "$PGBIN/postgres" -D "$pdir/data" -p "$pport" -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories= -c shared_buffers=256MB -c max_wal_size=4GB >"$work/pg.log" 2>&1 &
ppid_=$!
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pport" -U postgres)
for _ in $(seq 1 100); do "${PSQL[@]}" -c 'SELECT 1' postgres >/dev/null 2>&1 && break; sleep 0.2; done
"${PSQL[@]}" postgres -c "CREATE DATABASE floor" -c "CREATE DATABASE rk"
for db in floor rk; do
  "${PSQL[@]}" "$db" -c "CREATE TABLE messages (id BIGSERIAL PRIMARY KEY, sender_id BIGINT, receiver_id BIGINT,
    title VARCHAR(200), content TEXT, is_read SMALLINT DEFAULT 0, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)" \
    -c "INSERT INTO messages SELECT x, x % 1000 + 1, CASE WHEN x % 100 = 0 THEN NULL ELSE (x * 7919) % 100000 + 1 END,
      'title ' || x, 'message body ' || x, x % 2, TIMESTAMP '2025-01-01' + (x % 86400) * INTERVAL '1 second'
      FROM generate_series(1::bigint, $ROWS) x" -c "VACUUM ANALYZE messages"
done
ddl "postgres://postgres@127.0.0.1:$pport/floor" >"$work/pg.ddl"
"${PSQL[@]}" floor -f "$work/pg.ddl"
p_floor=$(timed "${PSQL[@]}" floor -c "INSERT INTO message_recipients ($cols) $sel")
redkit_run "postgres://postgres@127.0.0.1:$pport/rk"
report PostgreSQL "$p_floor" "$r_total" "$r_copy" "$r_verify" "$r_rss" "$r_rows" "$r_re"
fi

echo "== summary (redkit total / single statement with indexes in place; peak RSS)"
printf '  %s\n' "${summary[@]}"
