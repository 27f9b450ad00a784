// Shim for Hyperscan (Debian: libhyperscan-dev; pkg-config libhs), the guardrail matching engine.
// Hyperscan needs an x86_64 CPU with SSSE3. Vectorscan (Debian: libvectorscan-dev) is its portable fork (ARM64,
// POWER) with the same API, header and pkg-config name: install it instead on other architectures.
#include <hs/hs.h>
