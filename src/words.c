/* words.c - see words.h. */
#include "words.h"

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__SSE2__)
/* The word bytes of p[0..16) as bits (bit i: p[i]). */
static inline unsigned word_bits16(const unsigned char *p)
{
    __m128i x = _mm_loadu_si128((const __m128i *)p);
    /* c - 'a' <= 25 unsigned, for c | 0x20 (either case); c - '0' <= 9 */
    __m128i letter = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
    __m128i digit = _mm_sub_epi8(x, _mm_set1_epi8('0'));
    __m128i in = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(letter, _mm_set1_epi8(25)), letter),
                              _mm_cmpeq_epi8(_mm_min_epu8(digit, _mm_set1_epi8(9)), digit));
    /* a byte of 0x80 or more (its top bit) is a non-ASCII character's */
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(in, x));
}
#endif

/* The word bytes of p[0..64) as bits (bit i: p[i]). Sixteen bytes at a
 * time where SSE2 is (every x86-64): about one instruction a byte, against
 * five or six a byte looked up one by one. */
static inline uint64_t word_bits(const unsigned char *p)
{
#if defined(__SSE2__)
    return (uint64_t)word_bits16(p) | (uint64_t)word_bits16(p + 16) << 16 | (uint64_t)word_bits16(p + 32) << 32 |
           (uint64_t)word_bits16(p + 48) << 48;
#else
    uint64_t bits = 0;
    for (int i = 0; i < 64; i++) bits |= (uint64_t)fx_is_word_byte(p[i]) << i;
    return bits;
#endif
}

/* The word bits of text[64 * b, 64 * b + 64), those past n clear. */
static inline uint64_t block_bits(const unsigned char *t, size_t n, size_t b)
{
    size_t at = 64 * b;
    if (n - at >= 64) return word_bits(t + at);
    unsigned char tail[64] = {0};   /* 0 is no word byte */
    memcpy(tail, t + at, n - at);
    return word_bits(tail);
}

const fx_words *fx_words_find(fx_arena *arena, const char *text, size_t n)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t blocks = (n + 63) / 64;
    /* A word starts at a word byte after none, and ends at the first byte
     * after it that is none: both read off the bits with a shift (carry:
     * the previous block's last bit), then visited a set bit at a time.
     * Counted first, so that the arrays are no longer than the words (a
     * big document is one long text). */
    size_t count = 0;
    uint64_t carry = 0;
    for (size_t b = 0; b < blocks; b++) {
        uint64_t in = block_bits(t, n, b);
        count += (size_t)__builtin_popcountll(in & ~(in << 1 | carry));
        carry = in >> 63;
    }
    fx_words *w = fx_arena_alloc(arena, sizeof *w);
    w->start = fx_arena_alloc_uninit(arena, (count + 1) * sizeof *w->start);    /* filled below */
    w->end = fx_arena_alloc_uninit(arena, (count + 1) * sizeof *w->end);
    size_t k = 0, ends = 0;
    carry = 0;
    for (size_t b = 0; b < blocks; b++) {
        uint64_t in = block_bits(t, n, b), before = in << 1 | carry;
        for (uint64_t s = in & ~before; s; s &= s - 1) w->start[k++] = 64 * b + (size_t)__builtin_ctzll(s);
        for (uint64_t e = before & ~in; e; e &= e - 1) w->end[ends++] = 64 * b + (size_t)__builtin_ctzll(e);
        carry = in >> 63;
    }
    w->end[ends] = n;   /* the last word runs to the end (if it does: else the end's sentinel) */
    w->start[k] = n;    /* one past the last word, as the end's */
    w->end[k] = n;
    w->count = k;
    return w;
}
