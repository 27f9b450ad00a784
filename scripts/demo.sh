#!/usr/bin/env bash
# Sets up what is missing (system libraries), builds, and runs the cockpit on the embedded SQLite store
# with demo data (seeded on first run). Extra arguments go to `cockpit demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --product cockpit
exec .build/debug/cockpit demo "$@"
