#!/usr/bin/env bash
# The console in a real browser: every page in headless Chromium (Selenium + the system chromedriver),
# at 1280 and 390 px, screenshots in console/target/screenshots/. Fails on any console error (a CSP
# violation is one), any failed request and any unexpected 4xx/5xx. Not part of ./mvnw verify.
#
#   console/browser-check.sh                 expects a running devstack (./plinth up) at http://localhost:8080
#   console/browser-check.sh --start         starts the devstack first (./plinth up -d) and stops it after
#   PLINTH_GATEWAY_URL=http://host:8080 console/browser-check.sh
#
# Installs Debian's chromium and chromium-driver when they are missing (needs apt-get and root).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BASE="${PLINTH_GATEWAY_URL:-http://localhost:8080}"
SHOTS="$ROOT/console/target/screenshots"

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "browser-check: installing chromium and chromium-driver"
  apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null
fi

started=""
if [[ "${1:-}" == "--start" ]]; then
  "$ROOT/plinth" up -d
  started=yes
fi
cleanup() { [[ -n "$started" ]] && "$ROOT/plinth" down || true; }
trap cleanup EXIT

curl -fsS -o /dev/null "$BASE/console/login" \
  || { echo "browser-check: no console at $BASE/console/login — start the devstack (./plinth up) or pass --start" >&2; exit 1; }

# "Up" means every service is healthy; the gateway routes to one only once its registry cache has seen it (up to
# ~20 s later). Until then a page would show "the platform refused" (503): wait for each service's route first.
for service in auth-service credit-service payment-service video-service integration-service; do
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "$BASE/docs/$service/v3/api-docs" && break
    sleep 1
  done
  curl -fsS -o /dev/null "$BASE/docs/$service/v3/api-docs" \
    || { echo "browser-check: the gateway does not route to $service after 60 s" >&2; exit 1; }
done

cd "$ROOT"
./mvnw -q -pl console test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/browser-check.classpath
rm -rf "$SHOTS"
java -cp "console/target/test-classes:console/target/classes:$(cat console/target/browser-check.classpath)" \
  io.plinth.console.BrowserCheck "$BASE" "$SHOTS"
