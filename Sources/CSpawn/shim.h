// glibc's posix_spawn extensions (2.29 and 2.34), declared only under _GNU_SOURCE, which Swift's Glibc module lacks.
#include <spawn.h>

extern int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *actions, const char *path);
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);
