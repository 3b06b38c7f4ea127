/* words.c - see words.h. */
#include "words.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bytes16.h"

const unsigned char fx_word_bytes[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* controls */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* controls */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* space and punctuation */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,   /* 0-9 */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* at sign, A-O */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,   /* P-Z, then punctuation */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* backquote, a-o */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,   /* p-z, then punctuation and DEL */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* the bytes of non-ASCII characters */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* The word bytes of p[0..16) as bits (bit i: p[i]): letters, digits and
 * the bytes of non-ASCII characters (fx_is_word_byte). */
static inline unsigned word_bits16(const unsigned char *p)
{
    fx_bytes16 x = fx_bytes16_load(p);
    /* a letter of either case is one in lower case with bit 0x20 set */
    return fx_bytes16_in(fx_bytes16_or(x, 0x20), 'a', 25) | fx_bytes16_in(x, '0', 9) | fx_bytes16_high(x);
}

/* The word bytes of p[0..64) as bits (bit i: p[i]), sixteen bytes at a
 * time (bytes16.h): about one instruction a byte, against five or six a
 * byte looked up one by one. */
static inline uint64_t word_bits(const unsigned char *p)
{
    return (uint64_t)word_bits16(p) | (uint64_t)word_bits16(p + 16) << 16 | (uint64_t)word_bits16(p + 32) << 32 |
           (uint64_t)word_bits16(p + 48) << 48;
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
     * big document is one long text); the bits are kept from the count
     * (on the stack for most documents), not found again. */
    enum { ON_STACK = 128 };
    uint64_t bits_here[ON_STACK];
    uint64_t *bits = blocks <= ON_STACK ? bits_here : fx_xmalloc(blocks * sizeof *bits);
    size_t count = 0;
    uint64_t carry = 0;
    for (size_t b = 0; b < blocks; b++) {
        uint64_t in = bits[b] = block_bits(t, n, b);
        count += fx_bit_count(in & ~(in << 1 | carry));
        carry = in >> 63;
    }
    fx_words *w = fx_arena_alloc(arena, sizeof *w);
    w->start = fx_arena_alloc_uninit(arena, (count + 1) * sizeof *w->start);    /* filled below */
    w->end = fx_arena_alloc_uninit(arena, (count + 1) * sizeof *w->end);
    size_t k = 0, ends = 0;
    carry = 0;
    for (size_t b = 0; b < blocks; b++) {
        uint64_t in = bits[b], before = in << 1 | carry;
        for (uint64_t s = in & ~before; s; s &= s - 1) w->start[k++] = 64 * b + (size_t)__builtin_ctzll(s);
        for (uint64_t e = before & ~in; e; e &= e - 1) w->end[ends++] = 64 * b + (size_t)__builtin_ctzll(e);
        carry = in >> 63;
    }
    if (bits != bits_here) free(bits);
    w->end[ends] = n;   /* the last word runs to the end (if it does: else the end's sentinel) */
    w->start[k] = n;    /* one past the last word, as the end's */
    w->end[k] = n;
    w->count = k;
    return w;
}
