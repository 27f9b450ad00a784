#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's `swift format` and the checked-in .swift-format; `--check` only
# reports what is not formatted (scripts/test.sh runs it first, so CI fails on unformatted code).
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Package.swift)
if [[ "${1:-}" == "--check" ]]; then
  if ! swift format lint --strict --recursive --parallel --configuration .swift-format "${paths[@]}"; then
    echo "format: the code above is not formatted; run scripts/format.sh and commit the result" >&2
    exit 1
  fi
else
  swift format format --in-place --recursive --parallel --configuration .swift-format "${paths[@]}"
fi
