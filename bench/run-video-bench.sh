#!/usr/bin/env bash
# video-service: generation requests accepted per second with and without renders running, one job's latency by
# scene count, and render throughput (seconds of video per second of CPU), on the real jar (see bench/README.md).
#
#   bench/run-video-bench.sh            # from the repository root
#
# 1. starts a throw-away PostgreSQL 15 on port ${BENCH_PGPORT:-25434} (data in ${BENCH_PGDATA:-/tmp/plinth-video-bench-pg})
# 2. the harness (bench/target/credit-bench.jar, main io.plinth.bench.VideoBench) starts a KRaft broker and
#    credit-service's holds API in its JVM, S3Proxy, and video-service from its built jar (twice: API-only, then
#    with render workers), then drives it over HTTP
# 3. prints the figures and the load average before and after
#
# Bounded: the harness runs under `timeout`; every JVM it starts keeps its pid in a run directory that the EXIT
# trap stops by id if the harness could not (S3Proxy is stopped by the harness's shutdown hook).
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${BENCH_PGPORT:-25434}
PGDATA=${BENCH_PGDATA:-/tmp/plinth-video-bench-pg}
PGLOG=/tmp/plinth-video-bench-pg.log
OUT=${BENCH_OUT:-bench/results}
mkdir -p "$OUT"

. bench/pg.sh
pg_init
PIDDIR=$(mktemp -d /tmp/plinth-video-bench-run.XXXXXX)
HARNESS_PID=
JARS="video-service-|s3proxy"
pg_start
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

"$PGBIN/psql" -q -d postgres -c "DROP DATABASE IF EXISTS video" -c "CREATE DATABASE video"

# The service jar and the S3Proxy jar its build copies (video-service/target/s3proxy).
[ -f video-service/target/video-service-0.1.0-SNAPSHOT.jar ] && [ -f video-service/target/s3proxy/s3proxy.jar ] \
  || ./mvnw -B -q package -DskipTests -pl video-service -am
[ -f bench/target/credit-bench.jar ] && [ -z "$(find bench/src -newer bench/target/credit-bench.jar)" ] \
  || ./mvnw -B -q -f bench/pom.xml package -DskipTests

WARMUP=${BENCH_WARMUP_SECONDS:-5}
DURATION=${BENCH_DURATION_SECONDS:-20}
JIT_WARMUP=${BENCH_JIT_WARMUP_SECONDS:-60}
LIMIT=$((1800 + 2 * (JIT_WARMUP + WARMUP + DURATION)))
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/video.txt"
BENCH_RUN_DIR=$PIDDIR BENCH_PGDATA=$PGDATA BENCH_DATABASE=video \
  timeout --kill-after=60 "$LIMIT" java -Dloader.main=io.plinth.bench.VideoBench \
    -cp bench/target/credit-bench.jar org.springframework.boot.loader.launch.PropertiesLauncher \
    >> "$OUT/video.txt" 2>&1 &
HARNESS_PID=$!
echo "harness pid $HARNESS_PID, time limit ${LIMIT}s, log $OUT/video.txt"
harness=0
wait "$HARNESS_PID" || harness=$?
HARNESS_PID=
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/video.txt"
if [ "$harness" != 0 ]; then
  echo "harness failed ($harness; 124 = time limit of ${LIMIT}s): see $OUT/video.txt" >&2
  tail -30 "$OUT/video.txt" >&2
  exit "$harness"
fi
awk '/^RESULTS/ {on = 1} on && /^[0-9][0-9]:[0-9][0-9]:/ {exit} on' "$OUT/video.txt"
