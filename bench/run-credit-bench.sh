#!/usr/bin/env bash
# Credit-service throughput next to the raw PostgreSQL ceiling of the same write pattern, on the same server.
#
#   bench/run-credit-bench.sh            # from the repository root
#
# 1. starts a throw-away PostgreSQL 15 on port ${BENCH_PGPORT:-25432} (data in ${BENCH_PGDATA:-/tmp/plinth-bench-pg})
# 2. pgbench: conditional single-row UPDATE on one hot row, then on random rows of 10 000 (scale >= clients)
# 3. credit-service (built jar) on the same server, driven by the bench harness: same client count,
#    first direct, then through the real gateway (discovery + gateway jars on loopback ports; skip with
#    BENCH_SKIP_GATEWAY=1)
# 4. prints both and the ratios
#
# Bounded: the harness runs under `timeout` (startup allowance + 6 x (warm-up + duration)); every process
# it starts keeps a pid file in a run directory (the devstack launcher's) that the EXIT trap stops by id if the harness could not.
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

. bench/pg.sh
pg_init
PIDDIR=$(mktemp -d /tmp/plinth-bench-run.XXXXXX)
HARNESS_PID=
JARS="credit-service-|discovery-|gateway-"
pg_start
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

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
if [ "${BENCH_SKIP_GATEWAY:-0}" != 1 ]; then
  [ -f discovery/target/discovery-0.1.0-SNAPSHOT.jar ] && [ -f gateway/target/gateway-0.1.0-SNAPSHOT.jar ] \
    || ./mvnw -B -q -o package -DskipTests -pl discovery,gateway
fi
[ -f bench/target/credit-bench.jar ] && [ -z "$(find bench/src -newer bench/target/credit-bench.jar)" ] || ./mvnw -B -q -o -f bench/pom.xml package -DskipTests
WARMUP=${BENCH_WARMUP_SECONDS:-5}
JIT_WARMUP=${BENCH_JIT_WARMUP_SECONDS:-300}
LIMIT=$((600 + 2 * JIT_WARMUP + 6 * (WARMUP + SECONDS_PER_RUN)))   # startup/seeding allowance + warm-ups + the six scenarios
# In the background and waited for, so an INT/TERM to this script runs the trap at once (a foreground
# child would be waited out first, and `timeout` runs its command in its own process group).
BENCH_CLIENTS=$CLIENTS BENCH_WALLETS=$WALLETS BENCH_DURATION_SECONDS=$SECONDS_PER_RUN BENCH_RUN_DIR=$PIDDIR BENCH_PGDATA=$PGDATA \
  timeout --kill-after=60 "$LIMIT" java -jar bench/target/credit-bench.jar > "$OUT/credit-service.txt" 2>&1 &
HARNESS_PID=$!
echo "harness pid $HARNESS_PID, time limit ${LIMIT}s, log $OUT/credit-service.txt"
harness=0
wait "$HARNESS_PID" || harness=$?
HARNESS_PID=
grep -E "gateway routes|RESULTS|^(gw-)?(hot|spread|mixed) " "$OUT/credit-service.txt" || true
if [ "$harness" != 0 ]; then
  echo "harness failed ($harness; 124 = time limit of ${LIMIT}s): see $OUT/credit-service.txt" >&2
  tail -30 "$OUT/credit-service.txt" >&2
  exit "$harness"
fi

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
# As the service sends them: BATCH spends per spend_batch call, BATCH_CLIENTS calls at once (one per
# replica: plinth.credits.spend-batches-in-flight is 1; 4 calls = what four replicas would send).
BATCH=${BENCH_LEDGER_BATCH:-16}
BATCH_CLIENTS=${BENCH_LEDGER_BATCH_CLIENTS:-4}
bgb() { "$PGBIN/pgbench" -n -M prepared -c "$BATCH_CLIENTS" -j 2 -T "$SECONDS_PER_RUN" "$@" credit; }
echo "== the same spends through spend_batch: $BATCH per call, $BATCH_CLIENTS calls at once (tps x $BATCH = spends/s)"
bgb -D wallets=1 -D batch="$BATCH" -f bench/sql/ledger-consume-batch.sql | tee "$OUT/pgbench-ledger-batch-hot.txt" | grep -E "^tps|latency average"
bgb -D wallets="$WALLETS" -D batch="$BATCH" -f bench/sql/ledger-consume-batch.sql | tee "$OUT/pgbench-ledger-batch-spread.txt" | grep -E "^tps|latency average"

raw_hot=$(grep -oP '^tps = \K[0-9.]+' "$OUT/pgbench-hot.txt")
raw_spread=$(grep -oP '^tps = \K[0-9.]+' "$OUT/pgbench-spread.txt")
svc_hot=$(grep -oP '^hot +ok_per_s=\K[0-9]+' "$OUT/credit-service.txt")
svc_spread=$(grep -oP '^spread +ok_per_s=\K[0-9]+' "$OUT/credit-service.txt")
mixed_hot=$(grep -oP '^mixed .*hot_ok_per_s=\K[0-9]+' "$OUT/credit-service.txt")
ledger_hot=$(grep -oP '^tps = \K[0-9.]+' "$OUT/pgbench-ledger-hot.txt")
ledger_spread=$(grep -oP '^tps = \K[0-9.]+' "$OUT/pgbench-ledger-spread.txt")
batch_hot=$(grep -oP '^tps = \K[0-9.]+' "$OUT/pgbench-ledger-batch-hot.txt")
batch_spread=$(grep -oP '^tps = \K[0-9.]+' "$OUT/pgbench-ledger-batch-spread.txt")
echo
echo "== ratios"
awk -v a="$ledger_hot" -v b="$raw_hot" 'BEGIN{printf "ledger statement, hot / raw hot row:         %.2f\n", a/b}'
awk -v a="$ledger_spread" -v b="$raw_spread" 'BEGIN{printf "ledger statement, spread / raw random rows: %.2f\n", a/b}'
awk -v a="$batch_hot" -v n="$BATCH" -v b="$raw_hot" 'BEGIN{printf "ledger batch of %d, hot / raw hot row:      %.2f  (%.0f spends/s)\n", n, a*n/b, a*n}'
awk -v a="$batch_spread" -v n="$BATCH" -v b="$raw_spread" 'BEGIN{printf "ledger batch of %d, spread / raw random:   %.2f  (%.0f spends/s)\n", n, a*n/b, a*n}'
awk -v a="$svc_hot" -v b="$raw_hot" 'BEGIN{printf "hot wallet / raw hot row:           %.2f  (target >= 0.5)\n", a/b}'
awk -v a="$svc_spread" -v b="$raw_spread" 'BEGIN{printf "spread wallets / raw random rows:   %.2f  (target >= 0.5)\n", a/b}'
awk -v a="$svc_hot" -v b="$svc_spread" 'BEGIN{printf "hot wallet alone / all-spread:     %.2f  (target >= 0.25)\n", a/b}'
awk -v a="$mixed_hot" -v b="$svc_spread" 'BEGIN{printf "hot among 10k (mixed) / all-spread: %.2f\n", a/b}'
if grep -q '^gw-hot ' "$OUT/credit-service.txt"; then
  for s in hot spread mixed; do
    d=$(grep -oP "^$s +ok_per_s=\K[0-9]+" "$OUT/credit-service.txt")
    g=$(grep -oP "^gw-$s +ok_per_s=\K[0-9]+" "$OUT/credit-service.txt")
    awk -v s="$s" -v g="$g" -v d="$d" 'BEGIN{printf "through the gateway / direct, %-7s %.2f  (%d vs %d /s)\n", s":", g/d, g, d}'
  done
  gw_hot=$(grep -oP '^gw-hot +ok_per_s=\K[0-9]+' "$OUT/credit-service.txt")
  gw_spread=$(grep -oP '^gw-spread +ok_per_s=\K[0-9]+' "$OUT/credit-service.txt")
  awk -v a="$gw_hot" -v b="$raw_hot" 'BEGIN{printf "gateway hot / raw hot row:          %.2f\n", a/b}'
  awk -v a="$gw_spread" -v b="$raw_spread" 'BEGIN{printf "gateway spread / raw random rows:   %.2f\n", a/b}'
fi
