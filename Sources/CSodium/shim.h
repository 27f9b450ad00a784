// Shim for libsodium (Debian: libsodium-dev): argon2id password hashing.
#include <sodium.h>

static inline unsigned long long cockpit_pwhash_opslimit_interactive(void) { return crypto_pwhash_OPSLIMIT_INTERACTIVE; }
static inline size_t cockpit_pwhash_memlimit_interactive(void) { return crypto_pwhash_MEMLIMIT_INTERACTIVE; }
static inline size_t cockpit_pwhash_strbytes(void) { return crypto_pwhash_STRBYTES; }
