// Linux calls that Swift's Glibc module does not offer: the SCHED_IDLE policy (sched.h declares it only under
// _GNU_SOURCE) and getrandom.
#include <sched.h>
#include <sys/random.h>

/// Moves the calling thread to SCHED_IDLE: it runs only when no normal thread wants the CPU, and a normal thread
/// that wakes on its CPU takes the CPU at once. An unprivileged thread cannot come back from it: use a thread of
/// its own. Returns 0, or -1 with errno set.
static inline int cockpit_thread_to_idle_priority(void) {
#ifdef __linux__
    struct sched_param param = { .sched_priority = 0 };
    return sched_setscheduler(0, 5 /* SCHED_IDLE */, &param);
#else
    return -1;
#endif
}
