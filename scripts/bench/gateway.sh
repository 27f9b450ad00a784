#!/usr/bin/env bash
# Gateway benchmark (release build), all on this machine: the fake upstream, `cockpit serve` with a LiteLLM
# config on the embedded store, a real virtual key with a budget, rpm/tpm/parallel limits and spend logging on,
# and wrk (Debian package). Prints: latency at 1 connection direct and through the gateway, throughput and CPU
# per request at 64 connections, idle and loaded resident memory, 1,000 concurrent streams (chunks checked),
# spend rows against requests, and the in-process path without HTTP (`cockpit-bench admission`: authentication,
# policy, limits and budget per request). Record the figures in docs/BENCHMARKS.md.
#   GUARDRAILS=1 scripts/bench/gateway.sh   the same with a 20-pattern guardrail preset on the benchmark key's account
#                                           (requests, answers and streams scanned; nothing matches)
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v wrk >/dev/null || { sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo); "${sudo[@]}" apt-get install -y -qq wrk >/dev/null; }
scripts/release.sh cockpit fake-upstream cockpit-bench
source scripts/lib/services.sh
source scripts/lib/gateway-fixture.sh
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"' EXIT
up=$(free_port); slow=$(free_port); gw=$(free_port)
.build/release/fake-upstream --port "$up" >/dev/null & pids+=($!)
.build/release/fake-upstream --port "$slow" --chunks 100 --chunk-delay-ms 50 >/dev/null & pids+=($!)
cat >"$work/config.yaml" <<YAML
model_list:
  - model_name: bench-model
    litellm_params: {model: openai/gpt-4o-mini, api_base: "http://127.0.0.1:$up/v1", api_key: upstream-key}
  - model_name: bench-stream
    litellm_params: {model: openai/gpt-4o-mini, api_base: "http://127.0.0.1:$slow/v1", api_key: upstream-key}
YAML
export COCKPIT_HOME="$work" LITELLM_MASTER_KEY="sk-bench-$RANDOM$RANDOM" LOG_LEVEL=warning
unset DATABASE_URL REDIS_URL
.build/release/cockpit migrate >/dev/null
account=$(fixture_account .build/release/cockpit)
.build/release/cockpit serve --config "$work/config.yaml" --port "$gw" >"$work/serve.log" 2>&1 & gw_pid=$!; pids+=($gw_pid)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$gw/health/readiness" >/dev/null && break; sleep 0.1; done
key=$(fixture_key "http://127.0.0.1:$gw" "$account")
if [[ "${GUARDRAILS:-0}" == 1 ]]; then
  fixture_guardrails "http://127.0.0.1:$gw" "$account"
  echo "== guardrails: a preset of 20 patterns (4 built-in masks, 8 refusing, 8 recording) on the key's account"
fi

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"model":"bench-model","messages":[{"role":"user","content":"Say hello to the benchmark."}]}'
wrk.headers["Content-Type"] = "application/json"
if os.getenv("KEY") ~= "" then wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY") end
LUA
rss() { awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
requests() { sed -n 's/^ *\([0-9]*\) requests in.*/\1/p'; }

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%FT%TZ); gateway, fake upstream and wrk share it"
curl -sf "http://127.0.0.1:$gw/v1/chat/completions" -H "Authorization: Bearer $key" -d @<(echo '{"model":"bench-model","messages":[{"role":"user","content":"warm"}]}') >/dev/null
echo "== idle resident memory of the gateway: $(rss $gw_pid)"
echo "== 1 connection, 10 s, direct to the fake upstream"
KEY="" wrk -t1 -c1 -d10s --latency -s "$work/post.lua" "http://127.0.0.1:$up/v1/chat/completions" | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
echo "== 1 connection, 10 s, through the gateway (key, budget, limits, spend logging)"
KEY="$key" wrk -t1 -c1 -d10s --latency -s "$work/post.lua" "http://127.0.0.1:$gw/v1/chat/completions" | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
echo "== 64 connections, 2 wrk threads, 20 s, through the gateway"
before=$(cpu_ticks $gw_pid)
out=$(KEY="$key" wrk -t2 -c64 -d20s --latency -s "$work/post.lua" "http://127.0.0.1:$gw/v1/chat/completions")
after=$(cpu_ticks $gw_pid)
echo "$out" | grep -E "Requests/sec|50%|90%|99%|Non-2xx|Socket errors"
n=$(echo "$out" | requests)
python3 -c "print(f'   gateway CPU per request: {($after - $before) / $(getconf CLK_TCK) / $n * 1000:.4f} ms ({$n} requests)')"
echo "== resident memory after load: $(rss $gw_pid)"

echo "== 1,000 concurrent streams of 100 chunks (50 ms apart), then, once all have started, 40 probe streams one after another: direct, then through the gateway"
.build/release/cockpit-bench streams --url "http://127.0.0.1:$slow/v1/chat/completions" --model bench-stream --count 1000 --chunks 100 --probes 40
peak="$work/peak"; echo 0 >"$peak"
( while kill -0 $gw_pid 2>/dev/null; do r=$(awk '/VmRSS/ {print $2}' /proc/$gw_pid/status); [[ $r -gt $(cat "$peak") ]] && echo "$r" >"$peak"; sleep 0.05; done ) &
sampler=$!
.build/release/cockpit-bench streams --url "http://127.0.0.1:$gw/v1/chat/completions" --key "$key" --model bench-stream --count 1000 --chunks 100 --probes 40
kill $sampler 2>/dev/null || true
awk '{printf "   peak resident memory during the streams: %.1f MB\n", $1 / 1024}' "$peak"

# Every chat request the gateway answered, as its own metrics counted them (all statuses), before it stops.
answered=$(curl -sf "http://127.0.0.1:$gw/metrics" | python3 -c '
import re, sys
print(sum(int(float(m.group(1))) for m in re.finditer(r"^hb_requests\{http_route=\"/v1/chat/completions\"[^}]*\} (\S+)$", sys.stdin.read(), re.M)))')
kill -TERM $gw_pid; wait $gw_pid 2>/dev/null || true
total=$(python3 - "$work/cockpit.db" "$answered" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows, cost = db.execute("SELECT count(*), coalesce(sum(cost), 0) FROM spend_logs").fetchone()
answered = int(sys.argv[2])
doubled = db.execute("SELECT count(*) FROM (SELECT request_id FROM spend_logs GROUP BY request_id HAVING count(*) > 1)").fetchone()[0]
gone = db.execute("SELECT count(*) FROM spend_logs WHERE status = 'failure'").fetchone()[0]
print(f"{rows} spend rows for {answered} chat requests answered ({'exactly one each' if rows == answered else 'MISMATCH'}), total cost ${cost:.6f}; request ids on two rows: {doubled}; failures (clients that hung up: the probes, wrk's last requests): {gone}")
PY
)
echo "== after SIGTERM (spend flushed): $total"
echo "== in process, no HTTP (a fresh SQLite store, in-memory counters)"
.build/release/cockpit-bench admission --sqlite "$work/admission.db" | grep -v '^20..-..-..T'

