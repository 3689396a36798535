#include "RE2Match.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <string>

struct logtriage_re2 {
    re2::RE2 regex;
    logtriage_re2(re2::StringPiece pattern, const re2::RE2::Options &options) : regex(pattern, options) {}
};

static void copy_error(const std::string &message, char *error, size_t capacity) {
    if (error == nullptr || capacity == 0) return;
    size_t length = std::min(message.size(), capacity - 1);
    std::memcpy(error, message.data(), length);
    error[length] = '\0';
}

logtriage_re2 *logtriage_re2_compile(const char *pattern, size_t length, char *error, size_t error_capacity) {
    re2::RE2::Options options;
    options.set_dot_nl(true);
    // RE2 writes refusals to stderr by default; the caller reports them itself.
    options.set_log_errors(false);
    // The memory a pattern may take, program and match-time cache together: RE2's default is
    // 8 MiB, and a conditions file may hold hundreds of patterns. Past its cache a match falls
    // back to a slower automaton, still linear and with the same answer; a pattern whose
    // program alone needs more is refused ("pattern too large").
    options.set_max_mem(1 << 20);
    logtriage_re2 *compiled = new (std::nothrow) logtriage_re2(re2::StringPiece(pattern, length), options);
    if (compiled == nullptr) {
        copy_error("out of memory", error, error_capacity);
        return nullptr;
    }
    if (!compiled->regex.ok()) {
        copy_error(compiled->regex.error(), error, error_capacity);
        delete compiled;
        return nullptr;
    }
    return compiled;
}

int logtriage_re2_full_match(const logtriage_re2 *regex, const char *text, size_t length) {
    return re2::RE2::FullMatch(re2::StringPiece(text, length), regex->regex) ? 1 : 0;
}

void logtriage_re2_free(logtriage_re2 *regex) {
    delete regex;
}
