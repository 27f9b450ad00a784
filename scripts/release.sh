#!/usr/bin/env bash
# The release build: what a deployment runs and what every benchmark measures. Binaries land in .build/release.
#   scripts/release.sh [PRODUCT…]        (default: cockpit cockpit-bench fake-upstream)
# Beyond `swift build -c release` (figures and reasons in docs/BENCHMARKS.md and docs/ARCHITECTURE.md):
# - the Swift runtime and Foundation linked into the binary (--static-swift-stdlib): nothing of Swift to install on
#   the server, and calls into the runtime (retain, release, allocation) are direct instead of through the PLT;
# - lld with packed relative relocations (glibc 2.36+): the loader reads a bitmap instead of 3 MB of relocations;
# - no dynamic symbol table of the whole program (the static runtime's link flags export one; nothing looks it up);
# - every function in a section of its own, laid out in the order a profile of `cockpit serve` ran them (startup,
#   then the request paths by cost; scripts/lib/profile-order.sh): the code a server touches sits together, so the
#   pages it maps are fewer (idle memory) and its hot code shares fewer TLB entries and cache lines.
# The profile runs whenever the `cockpit` binary was rebuilt; without valgrind the build keeps the previous order.
set -euo pipefail
cd "$(dirname "$0")/.."

order="$PWD/.build/cockpit.order"
flags=(-c release --static-swift-stdlib
       -Xswiftc -Xfrontend -Xswiftc -function-sections -Xswiftc -use-ld=lld
       -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic
       -Xlinker "--symbol-ordering-file=$order" -Xlinker --no-warn-symbol-ordering)
products=("$@")
[[ ${#products[@]} -gt 0 ]] || products=(cockpit cockpit-bench fake-upstream)

mkdir -p .build
[[ -f "$order" ]] || : >"$order"
binary=.build/release/cockpit
before=$(stat -c %Y "$binary" 2>/dev/null || echo none)
for product in "${products[@]}"; do swift build "${flags[@]}" --product "$product" 2>&1 | tail -1; done
[[ " ${products[*]} " == *" cockpit "* ]] || exit 0
[[ $(stat -c %Y "$binary") != "$before" ]] || exit 0

# The binary changed: profile it and link it again in the order it ran.
swift build "${flags[@]}" --product fake-upstream 2>&1 | tail -1
command -v valgrind >/dev/null || { sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo); "${sudo[@]}" apt-get install -y -qq valgrind >/dev/null || true; }
if ! command -v valgrind >/dev/null; then echo "release: valgrind missing; the functions keep the previous order" >&2; exit 0; fi
source scripts/lib/profile-order.sh
if profile_order "$binary" .build/release/fake-upstream "$order.new" && [[ -s "$order.new" ]]; then
  mv "$order.new" "$order"
  rm -f "$binary"
  swift build "${flags[@]}" --product cockpit 2>&1 | tail -1
  echo "release: $(wc -l <"$order") functions laid out in the order a profile of \`cockpit serve\` ran them"
else
  echo "release: the profile failed; the functions keep the previous order" >&2
fi
