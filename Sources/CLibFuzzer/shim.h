// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer): cockpit-fuzz starts it from its own entry point,
// because SwiftPM renames an executable's `main`. Declared only for the COCKPIT_FUZZ=1 build (docs/FUZZING.md).
#include <stddef.h>
#include <stdint.h>

extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
