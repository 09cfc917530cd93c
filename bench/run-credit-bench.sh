#!/usr/bin/env bash
# Credit-service throughput next to the raw PostgreSQL ceiling of the same write pattern, on the same server.
#
#   bench/run-credit-bench.sh            # from the repository root
#
# 1. starts a throw-away PostgreSQL 15 on port ${BENCH_PGPORT:-25432} (data in ${BENCH_PGDATA:-/tmp/plinth-bench-pg})
# 2. pgbench: conditional single-row UPDATE on one hot row, then on random rows of 10 000 (scale >= clients)
# 3. credit-service (built jar) on the same server, driven by the bench harness: same client count
# 4. prints both and the ratios
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${BENCH_PGPORT:-25432}
PGDATA=${BENCH_PGDATA:-/tmp/plinth-bench-pg}
CLIENTS=${BENCH_CLIENTS:-32}
SECONDS_PER_RUN=${BENCH_DURATION_SECONDS:-20}
WALLETS=${BENCH_WALLETS:-10000}
OUT=${BENCH_OUT:-bench/results}
mkdir -p "$OUT"

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ ! -d "$PGDATA" ]; then
  mkdir -p "$PGDATA" && chown postgres "$PGDATA" 2>/dev/null || true
  echo postgres > /tmp/plinth-bench-pwfile && chmod 644 /tmp/plinth-bench-pwfile
  as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --pwfile=/tmp/plinth-bench-pwfile -A md5 >/dev/null
  cat >> "$PGDATA/postgresql.conf" <<CONF
port = $PGPORT
listen_addresses = 'localhost'
unix_socket_directories = '/tmp'
max_connections = 300
shared_buffers = 512MB
CONF
fi
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l /tmp/plinth-bench-pg.log -w start >/dev/null
trap 'as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null' EXIT

export PGHOST=localhost PGPORT PGUSER=postgres PGPASSWORD=postgres
"$PGBIN/psql" -q -d postgres -c "DROP DATABASE IF EXISTS raw" -c "CREATE DATABASE raw" \
  -c "DROP DATABASE IF EXISTS credit" -c "CREATE DATABASE credit"
"$PGBIN/psql" -q -d raw <<SQL
CREATE TABLE wallet (id int PRIMARY KEY, balance bigint NOT NULL);
INSERT INTO wallet SELECT g, 1000000000 FROM generate_series(1, $WALLETS) g;
VACUUM ANALYZE wallet;
SQL

if [ "${BENCH_SKIP_PGBENCH:-0}" != 1 ]; then
pgb() { "$PGBIN/pgbench" -n -M prepared -c "$CLIENTS" -j 2 -T "$SECONDS_PER_RUN" "$@" raw; }
echo "== pgbench hot row ($CLIENTS clients, ${SECONDS_PER_RUN}s)"
pgb -f bench/sql/hot.sql | tee "$OUT/pgbench-hot.txt" | grep -E "^tps|latency average"
echo "== pgbench random rows of $WALLETS ($CLIENTS clients, ${SECONDS_PER_RUN}s)"
pgb -D scale="$WALLETS" -f bench/sql/spread.sql | tee "$OUT/pgbench-spread.txt" | grep -E "^tps|latency average"
fi

echo "== credit-service"
[ -f credit-service/target/credit-service-0.1.0-SNAPSHOT.jar ] || ./mvnw -B -q -o -pl credit-service package -DskipTests
[ -f bench/target/credit-bench.jar ] && [ -z "$(find bench/src -newer bench/target/credit-bench.jar)" ] || ./mvnw -B -q -o -f bench/pom.xml package -DskipTests
BENCH_CLIENTS=$CLIENTS BENCH_WALLETS=$WALLETS BENCH_DURATION_SECONDS=$SECONDS_PER_RUN \
  java -jar bench/target/credit-bench.jar | tee "$OUT/credit-service.txt" | grep -E "RESULTS|^(hot|spread|mixed) "

echo "== the ledger's own spend statement under pgbench (database credit, after the service run)"
"$PGBIN/psql" -q -d credit <<SQL
INSERT INTO account (id, tenant_id, user_id, kind, balance)
  SELECT gen_random_uuid(), 'default', 'pgb-' || g, 'WALLET', 1000000000 FROM generate_series(0, $WALLETS - 1) g
  ON CONFLICT DO NOTHING;
INSERT INTO transfer (id, tenant_id, user_id, debit_account_id, credit_account_id, amount, kind, metadata,
    wallet_id, wallet_balance, created_at)
  SELECT 'pgb-seed:' || a.user_id, 'default', a.user_id, '00000000-0000-0000-0000-000000000002', a.id,
    1000000000, 'ADMIN_GRANT', '{}'::jsonb, a.id, 1000000000, now()
  FROM account a WHERE a.user_id LIKE 'pgb-%' ON CONFLICT DO NOTHING;
ANALYZE;
SQL
lgb() { "$PGBIN/pgbench" -n -M prepared -c "$CLIENTS" -j 2 -T "$SECONDS_PER_RUN" "$@" credit; }
lgb -D wallets=1 -f bench/sql/ledger-consume.sql | tee "$OUT/pgbench-ledger-hot.txt" | grep -E "^tps|latency average"
lgb -D wallets="$WALLETS" -f bench/sql/ledger-consume.sql | tee "$OUT/pgbench-ledger-spread.txt" | grep -E "^tps|latency average"

raw_hot=$(grep -oP '^tps = \K[0-9.]+' "$OUT/pgbench-hot.txt")
raw_spread=$(grep -oP '^tps = \K[0-9.]+' "$OUT/pgbench-spread.txt")
svc_hot=$(grep -oP '^hot +ok_per_s=\K[0-9]+' "$OUT/credit-service.txt")
svc_spread=$(grep -oP '^spread +ok_per_s=\K[0-9]+' "$OUT/credit-service.txt")
mixed_hot=$(grep -oP '^mixed .*hot_ok_per_s=\K[0-9]+' "$OUT/credit-service.txt")
ledger_hot=$(grep -oP '^tps = \K[0-9.]+' "$OUT/pgbench-ledger-hot.txt")
ledger_spread=$(grep -oP '^tps = \K[0-9.]+' "$OUT/pgbench-ledger-spread.txt")
echo
echo "== ratios"
awk -v a="$ledger_hot" -v b="$raw_hot" 'BEGIN{printf "ledger statement, hot / raw hot row:         %.2f\n", a/b}'
awk -v a="$ledger_spread" -v b="$raw_spread" 'BEGIN{printf "ledger statement, spread / raw random rows: %.2f\n", a/b}'
awk -v a="$svc_hot" -v b="$raw_hot" 'BEGIN{printf "hot wallet / raw hot row:           %.2f  (target >= 0.5)\n", a/b}'
awk -v a="$svc_spread" -v b="$raw_spread" 'BEGIN{printf "spread wallets / raw random rows:   %.2f  (target >= 0.5)\n", a/b}'
awk -v a="$svc_hot" -v b="$svc_spread" 'BEGIN{printf "hot wallet alone / all-spread:     %.2f  (target >= 0.25)\n", a/b}'
awk -v a="$mixed_hot" -v b="$svc_spread" 'BEGIN{printf "hot among 10k (mixed) / all-spread: %.2f\n", a/b}'
