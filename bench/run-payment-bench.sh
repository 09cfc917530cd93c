#!/usr/bin/env bash
# Card payment to spendable credits: from the sandbox's signed checkout.session.completed leaving the sandbox to the
# credits being visible in GET /api/v1/credits/balance, at a steady rate (see bench/README.md).
#
#   bench/run-payment-bench.sh            # from the repository root
#
# 1. starts a throw-away PostgreSQL 15 on port ${BENCH_PGPORT:-25434} (data in ${BENCH_PGDATA:-/tmp/plinth-payment-bench-pg})
#    with the payment, credit and integration databases
# 2. the harness (bench/target/credit-bench.jar, main io.plinth.bench.PaymentBench) starts a KRaft broker in its JVM
#    and discovery, provider-sandbox, integration-service, payment-service, credit-service and gateway from their
#    built jars, creates every Checkout Session of the run, then pays them at BENCH_RATE per second
# 3. prints p50/p99 and the CPU per payment of every process on the path
#
# Bounded: the harness runs under `timeout`; every process it starts is listed in a pid file that the EXIT trap
# stops by id if the harness could not.
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${BENCH_PGPORT:-25434}
PGDATA=${BENCH_PGDATA:-/tmp/plinth-payment-bench-pg}
PGLOG=/tmp/plinth-payment-bench-pg.log
OUT=${BENCH_OUT:-bench/results}
mkdir -p "$OUT"

. bench/pg.sh
pg_init
PIDFILE=$(mktemp /tmp/plinth-payment-bench-pids.XXXXXX)
HARNESS_PID=
JARS="provider-sandbox-|integration-service-|payment-service-|credit-service-|discovery-|gateway-"
pg_start
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

for db in payment credit integration; do
  "$PGBIN/psql" -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done

for m in discovery gateway provider-sandbox integration-service payment-service credit-service; do
  [ -f "$m/target/$m-0.1.0-SNAPSHOT.jar" ] \
    || ./mvnw -B -q package -DskipTests -pl discovery,gateway,provider-sandbox,integration-service,payment-service,credit-service -am
done
[ -f bench/target/credit-bench.jar ] && [ -z "$(find bench/src -newer bench/target/credit-bench.jar)" ] \
  || ./mvnw -B -q -f bench/pom.xml package -DskipTests

RATE=${BENCH_RATE:-50}
WARMUP=${BENCH_WARMUP_SECONDS:-120}
DURATION=${BENCH_DURATION_SECONDS:-60}
# Start-up, creating (WARMUP + DURATION) × RATE sessions, paying them, draining, reading the sandbox's log.
LIMIT=$((900 + 3 * (WARMUP + DURATION)))
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
BENCH_PID_FILE=$PIDFILE BENCH_PGDATA=$PGDATA \
  timeout --kill-after=60 "$LIMIT" java -Dloader.main=io.plinth.bench.PaymentBench \
    -cp bench/target/credit-bench.jar org.springframework.boot.loader.launch.PropertiesLauncher \
    > "$OUT/payment-credits.txt" 2>&1 &
HARNESS_PID=$!
echo "harness pid $HARNESS_PID, time limit ${LIMIT}s, log $OUT/payment-credits.txt"
harness=0
wait "$HARNESS_PID" || harness=$?
HARNESS_PID=
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "ready after|routing|created in|measuring|last payment|still waiting|RESULTS|pay page|->|cpu_ms" \
  "$OUT/payment-credits.txt" || true
if [ "$harness" != 0 ]; then
  echo "harness failed ($harness; 124 = time limit of ${LIMIT}s): see $OUT/payment-credits.txt" >&2
  tail -30 "$OUT/payment-credits.txt" >&2
  exit "$harness"
fi
