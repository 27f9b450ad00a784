#!/usr/bin/env bash
# Fuzzes the decoders that read untrusted input (docs/FUZZING.md): builds the libFuzzer harness `cockpit-fuzz` in its
# own scratch path (.build-fuzz; the normal .build is never touched), then runs each target for an equal share of a
# total time budget, starting from the committed seeds in Tests/FuzzCorpus/<target> and its dictionary
# Tests/FuzzCorpus/dict/<target>.dict.
#   scripts/fuzz.sh                  every target, 120 s in total (what CI runs)
#   scripts/fuzz.sh 600              every target, 600 s in total
#   scripts/fuzz.sh 300 json sse     only these targets, 300 s in total
# Exits non-zero when a target crashed, hung or broke a property, and prints the saved input and the command that
# replays it. Environment: FUZZ_MAX_LEN (bytes per input, default 8192).
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(json sse anthropic gemini cohere config theme jwt)
total="${1:-${FUZZ_SECONDS:-120}}"
[[ "$total" =~ ^[0-9]+$ ]] || { echo "fuzz: the first argument is the total time in seconds, not '$total'" >&2; exit 2; }
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "fuzz: unknown target '$t' (targets: ${all_targets[*]})" >&2; exit 2; }
done
per_target=$(( total / ${#targets[@]} ))
(( per_target >= 1 )) || per_target=1

scripts/setup.sh
# The Swift runtime's crash handler would keep libFuzzer's from installing, and then no reproducer is saved.
export SWIFT_BACKTRACE=enable=no
scratch=.build-fuzz
build=(swift build --scratch-path "$scratch" --product cockpit-fuzz)
build_started=$SECONDS
COCKPIT_FUZZ=1 "${build[@]}"
echo "fuzz: harness built in $(( SECONDS - build_started )) s"
bin="$(COCKPIT_FUZZ=1 "${build[@]}" --show-bin-path)/cockpit-fuzz"

failed=()
run_started=$SECONDS
for t in "${targets[@]}"; do
  corpus="$scratch/fuzz/corpus/$t"      # grows from run to run; not committed
  artifacts="$scratch/fuzz/artifacts/$t"
  log="$scratch/fuzz/logs/$t.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  status=0
  COCKPIT_FUZZ_TARGET="$t" "$bin" "$corpus" "Tests/FuzzCorpus/$t" -dict="Tests/FuzzCorpus/dict/$t.dict" \
    -max_total_time="$per_target" -timeout=10 -rss_limit_mb=2048 -max_len="${FUZZ_MAX_LEN:-8192}" \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(grep -Eo 'stat::number_of_executed_units: [0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+$' || echo "?")
  if [[ $status -eq 0 ]]; then
    echo "fuzz: $t: ok, $runs inputs in ${per_target} s, coverage $cov"
  else
    failed+=("$t")
    echo "fuzz: $t: FAILED (exit $status) after $runs inputs; the end of $log:" >&2
    # From the first line of the failure report (the crash message and the whole stack), not the progress lines.
    first=$(grep -nE 'fuzz property broken|Fatal error|==ERROR|ERROR: libFuzzer' "$log" | head -1 | cut -d: -f1)
    if [[ -n "$first" ]]; then sed -n "$(( first > 3 ? first - 3 : 1 )),\$p" "$log" | head -n 60 >&2; else tail -n 40 "$log" >&2; fi
    for input in $(grep -Eo "Test unit written to [^ ]+" "$log" | awk '{print $NF}'); do
      echo "fuzz: reproducer: $input" >&2
      echo "fuzz: replay with: COCKPIT_FUZZ_TARGET=$t $bin $input" >&2
    done
  fi
done
echo "fuzz: ${#targets[@]} targets fuzzed in $(( SECONDS - run_started )) s"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: failed: ${failed[*]} (turn each reproducer into a test in Tests/CockpitCoreTests/Gateway/FuzzRegressionTests.swift)" >&2
  exit 1
fi
