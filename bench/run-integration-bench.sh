#!/usr/bin/env bash
# integration-service's outbound paths against the provider sandbox, in one run (see bench/README.md):
# the Notion sync under a burst of export events (pages exactly once, 3 requests/s, time to drain) and mails per
# second through the SendGrid path.
#
#   bench/run-integration-bench.sh            # from the repository root
#
# 1. starts a throw-away PostgreSQL 15 on port ${BENCH_PGPORT:-25484} (data in ${BENCH_PGDATA:-/tmp/plinth-integration-bench-pg})
# 2. the harness (bench/target/credit-bench.jar, main io.plinth.bench.IntegrationBench) starts a KRaft broker in its
#    JVM and the provider-sandbox and integration-service jars, publishes the events, and reads the results back
# 3. prints the figures
#
# Bounded: the harness runs under `timeout`; every process it starts has a pid file in the run directory that the
# EXIT trap stops by id if the harness could not.
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${BENCH_PGPORT:-25484}
PGDATA=${BENCH_PGDATA:-/tmp/plinth-integration-bench-pg}
PGLOG=/tmp/plinth-integration-bench-pg.log
OUT=${BENCH_OUT:-bench/results}
mkdir -p "$OUT"

. bench/pg.sh
pg_init
PIDDIR=$(mktemp -d /tmp/plinth-integration-bench-run.XXXXXX)
HARNESS_PID=
JARS="integration-service-|provider-sandbox-"
pg_start
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

"$PGBIN/psql" -q -d postgres -c "DROP DATABASE IF EXISTS integration" -c "CREATE DATABASE integration"

for m in provider-sandbox integration-service; do
  [ -f "$m/target/$m-0.1.0-SNAPSHOT.jar" ] || ./mvnw -B -q package -DskipTests -pl provider-sandbox,integration-service -am
done
[ -f bench/target/credit-bench.jar ] && [ -z "$(find bench/src -newer bench/target/credit-bench.jar)" ] \
  || ./mvnw -B -q -f bench/pom.xml package -DskipTests

LIMIT=${BENCH_TIME_LIMIT_SECONDS:-2400}
BENCH_RUN_DIR=$PIDDIR BENCH_PGDATA=$PGDATA BENCH_DATABASE=integration \
  timeout --kill-after=60 "$LIMIT" java -Dloader.main=io.plinth.bench.IntegrationBench \
    -cp bench/target/credit-bench.jar org.springframework.boot.loader.launch.PropertiesLauncher \
    > "$OUT/integration.txt" 2>&1 &
HARNESS_PID=$!
echo "harness pid $HARNESS_PID, time limit ${LIMIT}s, log $OUT/integration.txt"
harness=0
wait "$HARNESS_PID" || harness=$?
HARNESS_PID=
grep -E "after|RESULTS|^(notion|mail) |mailbox sample" "$OUT/integration.txt" || true
if [ "$harness" != 0 ]; then
  echo "harness failed ($harness; 124 = time limit of ${LIMIT}s): see $OUT/integration.txt" >&2
  tail -30 "$OUT/integration.txt" >&2
  exit "$harness"
fi
