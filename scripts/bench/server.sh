#!/usr/bin/env bash
# Control-plane benchmark (release build): a throwaway PostgreSQL holding 100,000 users and 10,000 teams per tree,
# `cockpit serve` on it, and wrk (Debian package) at 16 connections against list and get endpoints.
# Prints wrk's latency distribution per endpoint; record the figures in docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

scripts/setup.sh --test
command -v wrk >/dev/null || { sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo); "${sudo[@]}" apt-get install -y -qq wrk >/dev/null; }
scripts/release.sh cockpit cockpit-bench

source scripts/lib/services.sh
server_pid=""
trap '[[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; stop_services' EXIT
start_services

url="$COCKPIT_TEST_POSTGRES_URL?options=-csearch_path%3Dbench"
psql -q "$COCKPIT_TEST_POSTGRES_URL" -c "CREATE SCHEMA bench" >/dev/null
ids=$(.build/release/cockpit-bench store --import-only --postgres "$url" | tee /dev/stderr | sed -n 's/^ids: //p')
eval "$ids"   # account= org= team= user=
psql -q "$url" -c "ANALYZE" >/dev/null

port=$(free_port)
export DATABASE_URL="$url" LITELLM_MASTER_KEY="sk-bench-$(date +%s)" LOG_LEVEL=warning
.build/release/cockpit serve --port "$port" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health/readiness" >/dev/null && break; sleep 0.1; done

base="http://127.0.0.1:$port"
auth=(-H "Authorization: Bearer $LITELLM_MASTER_KEY" -H "X-Account-Id: $account")
# A cursor half-way down the 100,000 users, so one endpoint pages deep.
cursor=""
for _ in $(seq 100); do
  cursor=$(curl -s "${auth[@]}" "$base/v1/console/users?limit=500${cursor:+&cursor=$cursor}" | sed -n 's/.*"next_cursor":"\([^"]*\)".*/\1/p')
done

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%FT%TZ); 16 connections, 2 wrk threads, 10 s each"
for path in "/v1/console/users?limit=100" "/v1/console/users?limit=100&cursor=$cursor" "/v1/console/users/$user" \
            "/v1/console/teams?org_id=$org&limit=100" "/v1/console/teams/$team" "/v1/console/teams/$team/members?limit=100" \
            "/v1/console/orgs?limit=100" "/v1/accounts/$account"; do
  echo "== GET ${path%%cursor=*}$([[ $path == *cursor=* ]] && echo 'cursor=<50,000 users in>')"
  curl -sf "${auth[@]}" "$base$path" >/dev/null || { echo "request failed: $path" >&2; exit 1; }
  wrk -t2 -c16 -d10s --latency "${auth[@]}" "$base$path" | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx"
done
