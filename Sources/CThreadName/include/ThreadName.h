#ifndef LOGTRIAGE_THREAD_NAME_H
#define LOGTRIAGE_THREAD_NAME_H

#include <stddef.h>

/// Names the calling thread for the system (`top -H`, `ps -L`, `perf`, debuggers); 0 on
/// success. glibc declares `pthread_setname_np` only under `_GNU_SOURCE`, which Swift's Glibc
/// module is built without, so the call lives in C.
int logtriage_set_current_thread_name(const char *name);

/// Copies the calling thread's name into `buffer` (NUL-terminated); 0 on success.
int logtriage_get_current_thread_name(char *buffer, size_t size);

#endif
