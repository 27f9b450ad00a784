#!/usr/bin/env bash
# Cockpit benchmark (release build): a fresh SQLite store with 100,000 users and 10,000 teams per tree (imported as
# in the store benchmark), then `cockpit-bench tui`: the first full frame after opening the store, the frame after
# each key of a walk through both trees at 200×60, and resident memory. Record the figures in docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/release.sh cockpit-bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); $(date -u +%FT%TZ)"
.build/release/cockpit-bench store --import-only --sqlite "$tmp/tui.db" | grep -v '^ids:'
.build/release/cockpit-bench tui --sqlite "$tmp/tui.db"
