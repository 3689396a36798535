#define _GNU_SOURCE
#include <pthread.h>
#include "ThreadName.h"

int logtriage_set_current_thread_name(const char *name) {
#if defined(__APPLE__)
    return pthread_setname_np(name);
#elif defined(__linux__)
    return pthread_setname_np(pthread_self(), name);
#else
    (void)name;
    return -1;
#endif
}

int logtriage_get_current_thread_name(char *buffer, size_t size) {
#if defined(__APPLE__) || defined(__linux__)
    return pthread_getname_np(pthread_self(), buffer, size);
#else
    (void)buffer;
    (void)size;
    return -1;
#endif
}
