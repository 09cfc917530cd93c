#!/usr/bin/env bash
# Webhook ingress throughput through the gateway, next to the service's no-work liveness probe through the same
# gateway, in one run (see bench/README.md).
#
#   bench/run-webhook-bench.sh            # from the repository root
#
# 1. starts a throw-away PostgreSQL 15 on port ${BENCH_PGPORT:-25433} (data in ${BENCH_PGDATA:-/tmp/plinth-webhook-bench-pg})
# 2. the harness (bench/target/credit-bench.jar, main io.plinth.bench.WebhookBench) starts a KRaft broker in its JVM
#    and discovery, integration-service and gateway from their built jars, then drives the gateway
# 3. prints the figures and the ratio to the trivial endpoint
#
# Bounded: the harness runs under `timeout`; every process it starts keeps a pid file in a run directory (the
# devstack launcher's) that the EXIT trap stops by id if the harness could not.
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${BENCH_PGPORT:-25433}
PGDATA=${BENCH_PGDATA:-/tmp/plinth-webhook-bench-pg}
PGLOG=/tmp/plinth-webhook-bench-pg.log
OUT=${BENCH_OUT:-bench/results}
mkdir -p "$OUT"

. bench/pg.sh
pg_init
PIDDIR=$(mktemp -d /tmp/plinth-webhook-bench-run.XXXXXX)
HARNESS_PID=
JARS="integration-service-|discovery-|gateway-"
pg_start
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

"$PGBIN/psql" -q -d postgres -c "DROP DATABASE IF EXISTS integration" -c "CREATE DATABASE integration"

for m in discovery gateway integration-service; do
  [ -f "$m/target/$m-0.1.0-SNAPSHOT.jar" ] || ./mvnw -B -q package -DskipTests -pl discovery,gateway,integration-service -am
done
[ -f bench/target/credit-bench.jar ] && [ -z "$(find bench/src -newer bench/target/credit-bench.jar)" ] \
  || ./mvnw -B -q -f bench/pom.xml package -DskipTests

WARMUP=${BENCH_WARMUP_SECONDS:-5}
DURATION=${BENCH_DURATION_SECONDS:-20}
JIT_WARMUP=${BENCH_JIT_WARMUP_SECONDS:-120}
ROUNDS=${BENCH_ROUNDS:-2}
LIMIT=$((600 + JIT_WARMUP + 2 * ROUNDS * (WARMUP + DURATION)))
BENCH_RUN_DIR=$PIDDIR BENCH_PGDATA=$PGDATA BENCH_DATABASE=integration \
  timeout --kill-after=60 "$LIMIT" java -Dloader.main=io.plinth.bench.WebhookBench \
    -cp bench/target/credit-bench.jar org.springframework.boot.loader.launch.PropertiesLauncher \
    > "$OUT/webhook-ingress.txt" 2>&1 &
HARNESS_PID=$!
echo "harness pid $HARNESS_PID, time limit ${LIMIT}s, log $OUT/webhook-ingress.txt"
harness=0
wait "$HARNESS_PID" || harness=$?
HARNESS_PID=
grep -E "after|RESULTS|^(trivial|webhook)-|webhook_events" "$OUT/webhook-ingress.txt" || true
if [ "$harness" != 0 ]; then
  echo "harness failed ($harness; 124 = time limit of ${LIMIT}s): see $OUT/webhook-ingress.txt" >&2
  tail -30 "$OUT/webhook-ingress.txt" >&2
  exit "$harness"
fi

echo
echo "== ratios (webhooks accepted / liveness probes answered, per second, same round)"
for r in $(seq 1 "$ROUNDS"); do
  t=$(grep -oP "^trivial-$r +ok_per_s=\K[0-9]+" "$OUT/webhook-ingress.txt")
  w=$(grep -oP "^webhook-$r +ok_per_s=\K[0-9]+" "$OUT/webhook-ingress.txt")
  awk -v r="$r" -v w="$w" -v t="$t" 'BEGIN{printf "round %d: %.2f  (%d vs %d /s; target >= 0.5)\n", r, w/t, w, t}'
done
