#ifndef LOGTRIAGE_BYTE_CLASS_H
#define LOGTRIAGE_BYTE_CLASS_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Sixteen bytes classified at once, for the loops that look at every byte of a record or a
/// message: the JSON scanner's strings, the evidence key's words.

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

/// Which of the 16 bytes at `p` are word bytes to the evidence key (an ASCII letter or digit,
/// `-`, `_`, or any byte from 0x80) in bits 0 to 15, and which are digits in bits 16 to 31.
///
/// The ranges are tested with SSE2's signed comparisons after a shift: `b + (0x80 - '0')` is
/// below `-128 + 10` as a signed byte exactly when `b` is a digit, and likewise for letters
/// after folding case with `| 0x20` (which makes a letter only of a letter).
static inline uint32_t logtriage_word_bytes16(const uint8_t *p) {
#if defined(__SSE2__)
    __m128i bytes = _mm_loadu_si128((const __m128i *)p);
    __m128i nonASCII = _mm_cmplt_epi8(bytes, _mm_setzero_si128());
    __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(bytes, _mm_set1_epi8((char)(0x80 - '0'))),
                                   _mm_set1_epi8((char)(-128 + 10)));
    __m128i folded = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
    __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(folded, _mm_set1_epi8((char)(0x80 - 'a'))),
                                    _mm_set1_epi8((char)(-128 + 26)));
    __m128i joiner = _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('-')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('_')));
    __m128i word = _mm_or_si128(_mm_or_si128(nonASCII, digit), _mm_or_si128(letter, joiner));
    return (uint32_t)_mm_movemask_epi8(word) | (uint32_t)_mm_movemask_epi8(digit) << 16;
#else
    uint32_t mask = 0;
    for (int index = 0; index < 16; index++) {
        uint8_t byte = p[index];
        uint8_t folded = byte | 0x20;
        int digit = byte >= '0' && byte <= '9';
        if (digit) mask |= 1u << (16 + index);
        if (digit || (folded >= 'a' && folded <= 'z') || byte == '-' || byte == '_' || byte >= 0x80) mask |= 1u << index;
    }
    return mask;
#endif
}

#endif
