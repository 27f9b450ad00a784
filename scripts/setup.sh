#!/usr/bin/env bash
# Installs the Debian packages cockpit needs that are missing (nothing else). Safe to run again.
#   scripts/setup.sh          build and run: the C libraries the shims link
#   scripts/setup.sh --test   also the servers and tools the test suite uses (PostgreSQL, Redis, tmux; gdb for a hang)
set -euo pipefail

packages=(pkg-config libsqlite3-dev libpq-dev libcurl4-openssl-dev libncurses-dev libhiredis-dev libsodium-dev libcrypt-dev)
# The guardrail engine: Hyperscan needs x86_64 with SSSE3; Vectorscan is its portable fork (same API and pkg-config name).
if [[ $(uname -m) == x86_64 ]]; then packages+=(libhyperscan-dev); else packages+=(libvectorscan-dev); fi
if [[ "${1:-}" == "--test" ]]; then
  packages+=(postgresql redis-server tmux gdb)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
