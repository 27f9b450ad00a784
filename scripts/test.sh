#!/usr/bin/env bash
# The whole test suite: installs missing system packages, starts throwaway PostgreSQL and Redis on free loopback
# ports, builds, runs `swift test` with their URLs in the environment, and stops the servers again, also on failure.
# Extra arguments go to `swift test` (e.g. --filter TenantIsolation).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --test
source scripts/lib/services.sh
trap stop_services EXIT
start_services

# Under CI a missing server is a failure, never a skip.
if [[ "${CI:-}" == "true" && -z "${COCKPIT_TEST_POSTGRES_URL:-}" ]]; then
  echo "test: PostgreSQL did not start; refusing to run the suite without it under CI" >&2
  exit 1
fi
export COCKPIT_REQUIRE_SERVICES=1

swift build --build-tests
swift test --skip-build "$@"
