#!/usr/bin/env bash
# migrate recipients: redkit against the single `INSERT … SELECT` (the speed limit: no chunks,
# no checkpoints, one huge transaction), on identical fresh copies of 1,000,000 messages (1%
# with a NULL receiver) in SQLite and in a private MariaDB, in one run. Then the idempotent
# re-run with every row already there: redkit's anti-join against `INSERT IGNORE … SELECT`.
# Prints seconds, rows/s, ratios and redkit's peak RSS. Target: within 1.5x of the single
# statement, peak RSS under 64 MB.
#   ROWS=200000 tests/bench/migrate.sh     for a quicker run
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${ROWS:-1000000}"
for t in sqlite3 mariadb python3; do
  command -v "$t" >/dev/null || { echo "needs $t (tests/run installs it)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
MARIADBD=$(command -v mariadbd || command -v mysqld || ls /usr/sbin/mariadbd /usr/sbin/mysqld 2>/dev/null | head -1)
INSTALL_DB=$(command -v mariadb-install-db || command -v mysql_install_db)
cargo build --release --quiet
BIN="$PWD/target/release/redkit"
work=$(mktemp -d)
mpid=""
cleanup() {
  if [ -n "$mpid" ]; then kill "$mpid" 2>/dev/null || true; wait "$mpid" 2>/dev/null || true; fi
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

# The recipients table exactly as redkit creates it, taken from its dry-run plan, so the
# single statement writes into the same indexes and foreign key.
ddl() {
  "$BIN" migrate recipients --database-url "$1" --dry-run --format json -q | python3 -c '
import json, sys
for s in json.load(sys.stdin)["plan"]["statements"]:
    if "redkit_migrations" not in s and (s.startswith("CREATE TABLE") or s.startswith("CREATE INDEX")):
        print(s + ";")'
}

cols="message_id, recipient_id, is_read, read_at, created_at"
sel="SELECT id, receiver_id, is_read, NULL, created_at FROM messages WHERE receiver_id IS NOT NULL"
report() { # name floor redkit_total redkit_copy rss rows
  python3 - "$@" <<'PY'
import sys
name, floor, total, copy, rss, rows = sys.argv[1], *map(float, sys.argv[2:])
print(f"{name}: {int(rows)} rows")
print(f"  single INSERT ... SELECT : {floor:7.2f} s  {rows / floor:9.0f} rows/s")
print(f"  redkit migrate --yes     : {total:7.2f} s  {rows / total:9.0f} rows/s  (copy {copy:.2f} s + preflight/verify), peak RSS {rss / 1024:.1f} MB")
print(f"  ratio redkit/floor       : {total / floor:.2f}x total, {copy / floor:.2f}x copy only (target <= 1.5x; RSS target < 64 MB: {'met' if rss < 65536 else 'MISSED'})")
PY
}
rerun() { # name ignore redkit_total redkit_copy
  python3 - "$@" <<'PY'
import sys
name, ig, rk, copy = sys.argv[1], *map(float, sys.argv[2:])
print(f"  re-run, all rows present : INSERT IGNORE ... SELECT {ig:.2f} s; redkit {rk:.2f} s in all, its anti-join copy {copy:.2f} s ({ig / copy:.1f}x faster than INSERT IGNORE)")
PY
}
json_field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$work/out" "$1"; }

echo "== SQLite $(sqlite3 --version | cut -d' ' -f1), $ROWS messages"
sqlite3 "$work/base.db" <<SQL
CREATE TABLE messages (id INTEGER PRIMARY KEY, sender_id BIGINT, receiver_id BIGINT, title VARCHAR(200),
  content TEXT, is_read TINYINT(1) DEFAULT 0, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $ROWS)
INSERT INTO messages SELECT x, x % 1000 + 1, CASE WHEN x % 100 = 0 THEN NULL ELSE (x * 7919) % 100000 + 1 END,
  'title ' || x, 'message body ' || x, x % 2, datetime('2025-01-01', '+' || (x % 86400) || ' seconds') FROM c;
SQL
ddl "sqlite://$work/base.db" >"$work/sqlite.ddl"
sqlite3 "$work/base.db" <"$work/sqlite.ddl"
cp "$work/base.db" "$work/floor.db"
cp "$work/base.db" "$work/redkit.db"
sync
s_floor=$(timed sqlite3 "$work/floor.db" "INSERT INTO message_recipients ($cols) $sel;")
s_total=$(timed "$BIN" migrate recipients --database-url "sqlite://$work/redkit.db" --create-table --yes --format json -q)
s_rss=$(cat "$work/rss"); s_copy=$(json_field copy_seconds); s_rows=$(json_field migrated)
[ "$(json_field verified)" = "True" ] || { echo "redkit did not verify" >&2; exit 1; }
s_ig=$(timed sqlite3 "$work/floor.db" "INSERT OR IGNORE INTO message_recipients ($cols) $sel;")
s_re=$(timed "$BIN" migrate recipients --database-url "sqlite://$work/redkit.db" --create-table --yes --format json -q)
[ "$(json_field migrated)" = "0" ] || { echo "re-run copied rows" >&2; exit 1; }
s_re_copy=$(json_field copy_seconds)
report SQLite "$s_floor" "$s_total" "$s_copy" "$s_rss" "$s_rows"
rerun SQLite "$s_ig" "$s_re" "$s_re_copy"

echo "== MariaDB $("$MARIADBD" --version | awk '{print $3}'), $ROWS messages"
mdir="$work/mariadb"
user_arg=(); [ "$(id -u)" -eq 0 ] && user_arg=(--user=root)
"$INSTALL_DB" --no-defaults --datadir="$mdir" --auth-root-authentication-method=normal --skip-test-db "${user_arg[@]}" >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
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
sql rk <"$work/mysql.ddl"
m_floor=$(timed "${MYSQL[@]}" floor -e "INSERT INTO message_recipients ($cols) $sel")
m_total=$(timed "$BIN" migrate recipients --database-url "mysql://root@127.0.0.1:$port/rk" --create-table --yes --format json -q)
m_rss=$(cat "$work/rss"); m_copy=$(json_field copy_seconds); m_rows=$(json_field migrated)
[ "$(json_field verified)" = "True" ] || { echo "redkit did not verify" >&2; exit 1; }
m_ig=$(timed "${MYSQL[@]}" floor -e "INSERT IGNORE INTO message_recipients ($cols) $sel")
m_re=$(timed "$BIN" migrate recipients --database-url "mysql://root@127.0.0.1:$port/rk" --create-table --yes --format json -q)
[ "$(json_field migrated)" = "0" ] || { echo "re-run copied rows" >&2; exit 1; }
m_re_copy=$(json_field copy_seconds)
report MariaDB "$m_floor" "$m_total" "$m_copy" "$m_rss" "$m_rows"
rerun MariaDB "$m_ig" "$m_re" "$m_re_copy"
