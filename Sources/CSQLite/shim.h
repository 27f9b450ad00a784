// Shim for SQLite 3 (Debian: libsqlite3-dev).
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro cast of -1 to a function pointer; Swift cannot import it.
static inline sqlite3_destructor_type cockpit_sqlite_transient(void) { return SQLITE_TRANSIENT; }
