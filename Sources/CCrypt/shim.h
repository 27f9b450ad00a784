// Shim for libxcrypt (Debian: libcrypt-dev): verifies bcrypt ($2a$/$2b$/$2y$) password hashes imported from
// other systems. New hashes are argon2id (libsodium).
#include <crypt.h>
#include <stdlib.h>
#include <string.h>

// Hashes `phrase` with the settings of `setting` into `out` (at least CRYPT_OUTPUT_SIZE bytes); 0 on success.
static inline int cockpit_crypt(const char *phrase, const char *setting, char *out, size_t out_size) {
    struct crypt_data *data = calloc(1, sizeof(struct crypt_data));
    if (!data) return -1;
    char *result = crypt_rn(phrase, setting, data, (int)sizeof(struct crypt_data));
    int rc = -1;
    if (result && result[0] != '*' && strlen(result) < out_size) { strcpy(out, result); rc = 0; }
    explicit_bzero(data, sizeof(struct crypt_data));
    free(data);
    return rc;
}
