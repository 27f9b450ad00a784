// Shim for hiredis (Debian: libhiredis-dev). redisCommand is variadic; use redisCommandArgv.
#include <hiredis/hiredis.h>
