#!/usr/bin/env bash
# Credit benchmark (release build): one account with 10,000 copilot users in 1,000 teams, a plan allocating credits
# to every scope and 1,000,000 ledger rows, on a fresh PostgreSQL schema (a throwaway server on a loopback port) and,
# with --sqlite, a fresh SQLite file too; then times effective allocation, usage by scope, alerts and renewal.
# Figures are printed; record them in docs/BENCHMARKS.md. Extra arguments go to cockpit-bench (e.g. --rows 100000).
set -euo pipefail
cd "$(dirname "$0")/../.."

sqlite=false
if [[ "${1:-}" == "--sqlite" ]]; then sqlite=true; shift; fi
scripts/setup.sh --test
scripts/release.sh cockpit-bench
bench=.build/release/cockpit-bench

source scripts/lib/services.sh
trap 'stop_services; rm -rf "$tmp"' EXIT
tmp=$(mktemp -d)
start_services

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); $(date -u +%FT%TZ)"
echo "== PostgreSQL"
psql -q "$COCKPIT_TEST_POSTGRES_URL" -c "CREATE SCHEMA credits_bench" >/dev/null
"$bench" credits --postgres "$COCKPIT_TEST_POSTGRES_URL?options=-csearch_path%3Dcredits_bench" "$@"
if $sqlite; then
  echo "== SQLite"
  "$bench" credits --sqlite "$tmp/credits.db" "$@"
fi
