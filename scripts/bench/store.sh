#!/usr/bin/env bash
# Store benchmark (release build): imports 100,000 users and 10,000 teams per tree into a fresh SQLite file and a
# fresh PostgreSQL schema (a throwaway server on a loopback port), then times lookups and keyset-paginated listing.
# Figures are printed; record them in docs/BENCHMARKS.md. Extra arguments go to cockpit-bench (e.g. --users 20000).
set -euo pipefail
cd "$(dirname "$0")/../.."

scripts/setup.sh --test
scripts/release.sh cockpit-bench
bench=.build/release/cockpit-bench

source scripts/lib/services.sh
trap 'stop_services; rm -rf "$tmp"' EXIT
tmp=$(mktemp -d)
start_services

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); $(date -u +%FT%TZ)"
echo "== SQLite"
"$bench" store --sqlite "$tmp/bench.db" "$@"
echo "== PostgreSQL"
psql -q "$COCKPIT_TEST_POSTGRES_URL" -c "CREATE SCHEMA bench" >/dev/null
"$bench" store --postgres "$COCKPIT_TEST_POSTGRES_URL?options=-csearch_path%3Dbench" "$@"
