# Link order for the release build (scripts/release.sh): which functions of `cockpit serve` run, hottest first.
# Source this file and call: profile_order COCKPIT_BINARY FAKE_UPSTREAM_BINARY OUTPUT_FILE
# Runs the server under valgrind's callgrind on a throwaway embedded store, with a fake upstream: startup, a virtual
# key, chat (whole and streamed), completions, embeddings, models, key info, health and metrics, then SIGTERM. Writes
# one symbol name per line (lld's --symbol-ordering-file), by the instructions each function ran, most first.

profile_order() (
  set -euo pipefail
  local binary=$1 upstream=$2 output=$3
  source "$(dirname "${BASH_SOURCE[0]}")/services.sh"
  source "$(dirname "${BASH_SOURCE[0]}")/gateway-fixture.sh"
  local work; work=$(mktemp -d)
  local up_pid="" gw_pid=""
  trap '[[ -n "$gw_pid" ]] && kill "$gw_pid" 2>/dev/null; [[ -n "$up_pid" ]] && kill "$up_pid" 2>/dev/null; rm -rf "$work"' EXIT
  # valgrind cannot read the debug information lld writes; the symbol table is all it needs.
  "$(dirname "$(readlink -f "$(command -v swift)")")/llvm-objcopy" --strip-debug "$binary" "$work/cockpit"
  local up gw; up=$(free_port); gw=$(free_port)
  "$upstream" --port "$up" >/dev/null 2>&1 & up_pid=$!
  cat >"$work/config.yaml" <<YAML
model_list:
  - model_name: profile-model
    litellm_params: {model: openai/gpt-4o-mini, api_base: "http://127.0.0.1:$up/v1", api_key: upstream-key}
YAML
  export COCKPIT_HOME="$work" LITELLM_MASTER_KEY="sk-profile-$RANDOM$RANDOM" LOG_LEVEL=warning
  unset DATABASE_URL REDIS_URL
  "$work/cockpit" migrate >/dev/null
  local account
  account=$(fixture_account "$work/cockpit")
  valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" --demangle=no --compress-strings=no \
    --compress-pos=no --dump-line=no "$work/cockpit" serve --config "$work/config.yaml" --port "$gw" >"$work/serve.log" 2>&1 &
  gw_pid=$!
  local base="http://127.0.0.1:$gw"
  for _ in $(seq 600); do curl -sf "$base/health/readiness" >/dev/null && break; sleep 0.2; done
  local key
  key=$(fixture_key "$base" "$account")
  local auth=(-H "Authorization: Bearer $key")
  local chat='{"model":"profile-model","messages":[{"role":"user","content":"Say hello."}]}'
  for _ in $(seq 200); do curl -sf "${auth[@]}" "$base/v1/chat/completions" -d "$chat" >/dev/null || true; done
  for _ in $(seq 20); do
    curl -sfN "${auth[@]}" "$base/v1/chat/completions" -d "${chat%\}},\"stream\":true}" >/dev/null || true
    curl -sf "${auth[@]}" "$base/v1/completions" -d '{"model":"profile-model","prompt":"Say hello."}' >/dev/null || true
    curl -sf "${auth[@]}" "$base/v1/embeddings" -d '{"model":"profile-model","input":"hello"}' >/dev/null || true
    curl -sf "${auth[@]}" "$base/v1/models" >/dev/null || true
    curl -sf "${auth[@]}" "$base/key/info" >/dev/null || true
    curl -sf "$base/health/liveliness" >/dev/null || true
    curl -sf "$base/metrics" >/dev/null || true
  done
  sleep 2  # a spend flush
  kill -TERM "$gw_pid"; wait "$gw_pid" || true; gw_pid=""
  python3 - "$work/callgrind.out" "$work/cockpit" "$output" <<'PY'
import collections, re, sys
# Self cost (instructions) per function of the binary, from callgrind's uncompressed output.
path, binary, output = sys.argv[1:]
cost = collections.Counter()
obj = function = None
after_call = False
for line in open(path, errors="replace"):
    if line.startswith("ob="): obj = line[3:].strip()
    elif line.startswith("fn="):
        function = re.sub(r"'\d+$", "", line[3:].strip()) if obj == binary else None
        if function: cost[function] += 0
    elif line.startswith("calls="): after_call = True
    elif line[:1].isdigit() or line[:1] in "+-*":
        if after_call: after_call = False  # the inclusive cost of a call, not this function's own
        elif function:
            fields = line.split()
            if len(fields) > 1: cost[function] += int(fields[1])
with open(output, "w") as out:
    for name, _ in sorted(cost.items(), key=lambda item: (-item[1], item[0])): out.write(name + "\n")
PY
)
