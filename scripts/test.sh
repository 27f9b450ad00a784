#!/usr/bin/env bash
# The whole test suite: installs missing system packages, starts throwaway PostgreSQL and Redis on free loopback
# ports, builds, runs `swift test` with their URLs in the environment, and stops the servers again, also on failure.
# Extra arguments go to `swift test` (e.g. --filter TenantIsolation).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --test
scripts/format.sh --check
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

# Swift Testing starts every test at once by default. With 500 tests on two cores, the in-process servers the tests
# call (fake Zitadel, fake upstreams) waited so long for a thread that loopback requests timed out, and the
# per-test databases' pools outgrew PostgreSQL's connections. Twelve at a time runs the suite no slower (293 s here).
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-12}"

# A hung test must fail the run with its threads printed, not hold CI until its own limit.
watchdog() {
  sleep "${TEST_TIMEOUT_SECONDS:-1200}" || return 0
  echo "test: the suite ran longer than ${TEST_TIMEOUT_SECONDS:-1200} s; threads of the test process:" >&2
  for pid in $(pgrep -f 'PackageTests.xctest'); do
    gdb -p "$pid" -batch -ex "thread apply all bt 20" 2>/dev/null | grep -E '^(Thread|#)' >&2 || true
  done
  pkill -f 'PackageTests.xctest' || true
}
watchdog &
watchdog_pid=$!
status=0
swift test --skip-build "$@" || status=$?
pkill -P "$watchdog_pid" sleep 2>/dev/null || true
kill "$watchdog_pid" 2>/dev/null || true
exit "$status"
