#!/usr/bin/env bash
# Side by side: the same 64-connection (20 s) and 1-connection (10 s) runs against two `cockpit` release binaries,
# alternately, each on a fresh embedded store with a real key, to tell a change from the machine's phases.
#   scripts/bench/side-by-side.sh BEFORE_BINARY AFTER_BINARY [ROUNDS]
# Build each with `scripts/release.sh cockpit` at its commit and copy .build/release/cockpit aside first.
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 BEFORE_BINARY AFTER_BINARY [ROUNDS]" >&2; exit 2; }
before_bin=$(realpath "$1"); after_bin=$(realpath "$2"); rounds=${3:-2}
cd "$(dirname "$0")/../.."
source scripts/lib/services.sh
source scripts/lib/gateway-fixture.sh
ulimit -n 65536 2>/dev/null || true
up=$(free_port)
.build/release/fake-upstream --port "$up" >/dev/null & fake=$!
trap 'kill $fake 2>/dev/null || true; rm -f "$lua"' EXIT
lua=$(mktemp); cat >"$lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"model":"bench-model","messages":[{"role":"user","content":"Say hello to the benchmark."}]}'
wrk.headers["Content-Type"] = "application/json"
if os.getenv("KEY") ~= "" then wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY") end
LUA
run() {
  local bin=$1 label=$2 work; work=$(mktemp -d)
  printf 'model_list:\n  - model_name: bench-model\n    litellm_params: {model: openai/gpt-4o-mini, api_base: "http://127.0.0.1:%s/v1", api_key: upstream-key}\n' "$up" >"$work/config.yaml"
  export COCKPIT_HOME="$work" LITELLM_MASTER_KEY="sk-bench-$RANDOM$RANDOM" LOG_LEVEL=warning
  unset DATABASE_URL REDIS_URL
  "$bin" migrate >/dev/null
  local account; account=$(fixture_account "$bin")
  local gw; gw=$(free_port)
  "$bin" serve --config "$work/config.yaml" --port "$gw" >"$work/serve.log" 2>&1 & local pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$gw/health/readiness" >/dev/null && break; sleep 0.1; done
  local key; key=$(fixture_key "http://127.0.0.1:$gw" "$account")
  KEY="$key" wrk -t1 -c1 -d5s -s "$lua" "http://127.0.0.1:$gw/v1/chat/completions" >/dev/null
  local one; one=$(KEY="$key" wrk -t1 -c1 -d10s --latency -s "$lua" "http://127.0.0.1:$gw/v1/chat/completions" | awk '/ 50%/ {print $2}')
  local direct; direct=$(KEY="" wrk -t1 -c1 -d10s --latency -s "$lua" "http://127.0.0.1:$up/v1/chat/completions" | awk '/ 50%/ {print $2}')
  local before; before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  local out; out=$(KEY="$key" wrk -t2 -c64 -d20s -s "$lua" "http://127.0.0.1:$gw/v1/chat/completions")
  local after; after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  local n; n=$(echo "$out" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
  local rps; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  python3 -c "print(f'$label: 64 connections {float(\"$rps\"):.0f} req/s, {($after - $before) / $(getconf CLK_TCK) / $n * 1000:.4f} ms CPU per request; 1 connection p50 $one (direct $direct)')"
  kill -TERM $pid; wait $pid 2>/dev/null || true
  rm -rf "$work"
}
for round in $(seq "$rounds"); do
  run "$before_bin" "before, round $round"
  run "$after_bin" "after, round $round"
done
