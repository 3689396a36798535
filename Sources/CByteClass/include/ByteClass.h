#ifndef LOGTRIAGE_BYTE_CLASS_H
#define LOGTRIAGE_BYTE_CLASS_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Which of the 16 bytes at `p` end a JSON string's plain run: a quote, a backslash, a control
/// byte (below 0x20) or a byte of a non-ASCII character (0x80 and above); bit i for byte i.
///
/// Static inline, so Swift inlines it into the scanner's loop: SSE2 (every x86-64 processor)
/// checks sixteen bytes in a handful of instructions, where Swift has no portable way to turn a
/// vector comparison into a bit mask. A signed comparison with 0x20 finds control and
/// non-ASCII bytes at once (bytes from 0x80 are negative as signed bytes). Other processors
/// get the same answer from a loop.
static inline uint32_t logtriage_string_stops16(const uint8_t *p) {
#if defined(__SSE2__)
    __m128i bytes = _mm_loadu_si128((const __m128i *)p);
    __m128i quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'));
    __m128i backslash = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'));
    __m128i lowOrHigh = _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20));
    return (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), lowOrHigh));
#else
    uint32_t mask = 0;
    for (int index = 0; index < 16; index++) {
        uint8_t byte = p[index];
        if (byte == '"' || byte == '\\' || byte < 0x20 || byte >= 0x80) mask |= 1u << index;
    }
    return mask;
#endif
}

#endif
