#ifndef LOGTRIAGE_RE2_MATCH_H
#define LOGTRIAGE_RE2_MATCH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A compiled RE2 pattern, behind a C interface: RE2's API is C++, and Swift reaches it
/// through these three calls rather than through C++ interoperability, which every target
/// importing this one would then have to enable.
typedef struct logtriage_re2 logtriage_re2;

/// Compiles `pattern` (`length` bytes of UTF-8) with `.` matching line breaks too, as NRQL's
/// `RLIKE` does. Returns NULL when RE2 refuses the pattern, with its reason copied into
/// `error` (NUL-terminated, cut to `error_capacity` bytes).
logtriage_re2 *logtriage_re2_compile(const char *pattern, size_t length, char *error, size_t error_capacity);

/// 1 when the whole of `text` (`length` bytes) matches, else 0. Time linear in `length`.
int logtriage_re2_full_match(const logtriage_re2 *regex, const char *text, size_t length);

void logtriage_re2_free(logtriage_re2 *regex);

#ifdef __cplusplus
}
#endif

#endif
