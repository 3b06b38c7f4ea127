/* bytes16.h - sixteen bytes at a time: which of them are a given byte, lie
 * in a range, or are non-ASCII.
 *
 * The stages that look for the next byte of a small set (words, segment,
 * normalise, the JSON Lines reader, the scan's walks and need checks) test
 * sixteen bytes with a few instructions: SSE2 where the compiler has it
 * (every x86-64), a loop over the bytes elsewhere, so that callers need no
 * #if. Load sixteen bytes once (fx_bytes16_load: 16 readable bytes at p),
 * then ask each question of them; an answer is a mask, bit i for byte i.
 * The JSON writer also copies the bytes it tested (fx_bytes16_store).
 */
#ifndef FX_BYTES16_H
#define FX_BYTES16_H

#include <stdint.h>

/* The set bits of a mask (these answers, the word bits of words.c).
 * __builtin_popcountll is a call to libgcc where the build does not
 * assume the POPCNT instruction (it does not): this is about half its
 * instructions. */
static inline unsigned fx_bit_count(uint64_t x)
{
#ifdef __POPCNT__
    return (unsigned)__builtin_popcountll(x);
#else
    x -= x >> 1 & 0x5555555555555555ull;
    x = (x & 0x3333333333333333ull) + (x >> 2 & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (unsigned)(x * 0x0101010101010101ull >> 56);
#endif
}

#if defined(__SSE2__)

#include <emmintrin.h>

typedef __m128i fx_bytes16;

static inline fx_bytes16 fx_bytes16_load(const void *p) { return _mm_loadu_si128((const __m128i *)p); }

/* Eight bytes at p, then eight at q (16 bytes of a string of 8 to 16,
 * read as two words that overlap: none past its end). */
static inline fx_bytes16 fx_bytes16_load_halves(const void *p, const void *q)
{
    return _mm_unpacklo_epi64(_mm_loadl_epi64((const __m128i *)p), _mm_loadl_epi64((const __m128i *)q));
}

static inline void fx_bytes16_store(void *p, fx_bytes16 x) { _mm_storeu_si128((__m128i *)p, x); }

/* The bytes equal to c. */
static inline unsigned fx_bytes16_eq(fx_bytes16 x, unsigned char c)
{
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)c)));
}

/* The bytes equal to any of set[0..n) (a literal: the loop unrolled), by
 * one mask: the compares or'ed before it is taken, where each
 * fx_bytes16_eq takes its own. */
static inline unsigned fx_bytes16_eq_any(fx_bytes16 x, const char *set, int n)
{
    __m128i any = _mm_cmpeq_epi8(x, _mm_set1_epi8(set[0]));
    for (int i = 1; i < n; i++) any = _mm_or_si128(any, _mm_cmpeq_epi8(x, _mm_set1_epi8(set[i])));
    return (unsigned)_mm_movemask_epi8(any);
}

/* The bytes b with lo <= b <= lo + width. */
static inline unsigned fx_bytes16_in(fx_bytes16 x, unsigned char lo, unsigned char width)
{
    /* b - lo <= width, unsigned: the minimum with width is b - lo itself */
    __m128i d = _mm_sub_epi8(x, _mm_set1_epi8((char)lo));
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8((char)width)), d));
}

/* The bytes of 0x80 or more (UTF-8's bytes of non-ASCII characters). */
static inline unsigned fx_bytes16_high(fx_bytes16 x) { return (unsigned)_mm_movemask_epi8(x); }

/* Each byte with the bits of c set (c = 0x20: an ASCII letter in lower case). */
static inline fx_bytes16 fx_bytes16_or(fx_bytes16 x, unsigned char c) { return _mm_or_si128(x, _mm_set1_epi8((char)c)); }

#else

#include <string.h>

typedef struct fx_bytes16 {
    unsigned char b[16];
} fx_bytes16;

static inline fx_bytes16 fx_bytes16_load(const void *p)
{
    fx_bytes16 x;
    memcpy(x.b, p, 16);
    return x;
}

static inline fx_bytes16 fx_bytes16_load_halves(const void *p, const void *q)
{
    fx_bytes16 x;
    memcpy(x.b, p, 8);
    memcpy(x.b + 8, q, 8);
    return x;
}

static inline void fx_bytes16_store(void *p, fx_bytes16 x) { memcpy(p, x.b, 16); }

static inline unsigned fx_bytes16_eq(fx_bytes16 x, unsigned char c)
{
    unsigned m = 0;
    for (int i = 0; i < 16; i++) m |= (unsigned)(x.b[i] == c) << i;
    return m;
}

static inline unsigned fx_bytes16_eq_any(fx_bytes16 x, const char *set, int n)
{
    unsigned m = 0;
    for (int i = 0; i < n; i++) m |= fx_bytes16_eq(x, (unsigned char)set[i]);
    return m;
}

static inline unsigned fx_bytes16_in(fx_bytes16 x, unsigned char lo, unsigned char width)
{
    unsigned m = 0;
    for (int i = 0; i < 16; i++) m |= (unsigned)((unsigned char)(x.b[i] - lo) <= width) << i;
    return m;
}

static inline unsigned fx_bytes16_high(fx_bytes16 x)
{
    unsigned m = 0;
    for (int i = 0; i < 16; i++) m |= (unsigned)(x.b[i] >> 7) << i;
    return m;
}

static inline fx_bytes16 fx_bytes16_or(fx_bytes16 x, unsigned char c)
{
    for (int i = 0; i < 16; i++) x.b[i] |= c;
    return x;
}

#endif


/* The bytes of words (words.h's fx_is_word_byte: ASCII letters and digits,
 * and bytes of 0x80 or more) by one mask: the two ranges' compares or'ed
 * with the bytes themselves, whose top bit is the non-ASCII test, where
 * fx_bytes16_in and fx_bytes16_high take a mask each. */
static inline unsigned fx_bytes16_word(fx_bytes16 x)
{
#if defined(__SSE2__)
    /* b in [lo, lo + n) is b + (0x80 - lo) below -128 + n as a signed
     * byte; a letter of either case is one in lower case with 0x20 set */
    __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8(0x80 - 'a')),
                                    _mm_set1_epi8(-128 + 26));
    __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(0x80 - '0')), _mm_set1_epi8(-128 + 10));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), x));
#else
    unsigned m = 0;
    for (int i = 0; i < 16; i++) {
        unsigned char b = x.b[i];
        m |= (unsigned)((unsigned char)((b | 0x20) - 'a') < 26 || (unsigned char)(b - '0') < 10 || b >= 0x80) << i;
    }
    return m;
#endif
}

/* Thirty-two bytes at a time: where the build does not assume AVX2 (it
 * does not) but can compile for it (x86 with GCC or Clang), a hot loop is
 * compiled twice, once in a function with target("avx2"), and the copy
 * chosen at run time by __builtin_cpu_supports("avx2") (segment.c,
 * normalise.c; words.c does the same for POPCNT and BMI). */
#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__) && defined(__SSE2__) && !defined(__AVX2__)
#define FX_AVX2_COPY 1
#include <immintrin.h>
#endif

#endif
