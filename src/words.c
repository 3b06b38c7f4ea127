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

/* each byte itself, but 'A'-'Z' (0x41-0x5a) as 'a'-'z' */
const unsigned char fx_ascii_lower_bytes[256] = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
    0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
    0x40, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f,
    0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f,
    0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f,
    0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f,
    0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
    0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf,
    0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf,
    0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf,
    0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
    0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
};

/* The word bytes of p[0..16) as bits (bit i: p[i]): letters, digits and
 * the bytes of non-ASCII characters (fx_is_word_byte). */
static inline unsigned word_bits16(const unsigned char *p)
{
    return fx_bytes16_word(fx_bytes16_load(p));
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

/* Word k starts at byte at of t: its start stored, and k listed among
 * the marked words (*listed of them so far) where mark says so. The index
 * is stored either way and kept only by the count's step: no branch on
 * the case of the text. */
static inline void word_starts(size_t *start, size_t *marked, size_t *listed, const unsigned char *t,
                               const unsigned char *mark, size_t k, size_t at)
{
    start[k] = at;
    marked[*listed] = k;
    *listed += mark[t[at]];
}

/* The words; hardware_popcount: count with the POPCNT instruction (a
 * constant: the body is compiled once with it and once without, below). */
static inline __attribute__((always_inline)) const fx_words *find_words(fx_arena *arena, const char *text, size_t n,
                                                                       const unsigned char *mark, int hardware_popcount)
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
        uint64_t starts = in & ~(in << 1 | carry);
        count += hardware_popcount ? (size_t)__builtin_popcountll(starts) : fx_bit_count(starts);
        carry = in >> 63;
    }
    fx_words *w = fx_arena_alloc(arena, sizeof *w);
    /* filled below, through locals: a store through w->start could change
     * w->marked_count as far as the compiler knows */
    size_t *start = w->start = fx_arena_alloc_uninit(arena, (count + 1) * sizeof *w->start);
    size_t *end = w->end = fx_arena_alloc_uninit(arena, (count + 1) * sizeof *w->end);
    size_t *marked = w->marked = fx_arena_alloc_uninit(arena, (count + 1) * sizeof *w->marked);  /* + 1: word_starts' store */
    size_t listed = 0;
    /* A block's starts and ends alternate: an end first where a word runs
     * in from the block before (carry), then each start with the end after
     * it, in one loop, then a start whose word runs on past the block. */
    size_t k = 0;
    carry = 0;
    for (size_t b = 0; b < blocks; b++) {
        uint64_t in = bits[b], before = in << 1 | carry, s = in & ~before, e = before & ~in;
        size_t at = 64 * b;
        if (carry && e) {
            end[k - 1] = at + (size_t)__builtin_ctzll(e);
            e &= e - 1;
        }
        for (; e; e &= e - 1, s &= s - 1, k++) {
            word_starts(start, marked, &listed, t, mark, k, at + (size_t)__builtin_ctzll(s));
            end[k] = at + (size_t)__builtin_ctzll(e);
        }
        if (s) word_starts(start, marked, &listed, t, mark, k++, at + (size_t)__builtin_ctzll(s));
        carry = in >> 63;
    }
    if (bits != bits_here) free(bits);
    if (carry) end[k - 1] = n;   /* the last word runs to the end */
    start[k] = n;    /* one past the last word, as the end's */
    end[k] = n;
    w->count = k;
    w->marked_count = listed;
    return w;
}

const fx_words *fx_words_find_portable(fx_arena *arena, const char *text, size_t n, const unsigned char mark[256])
{
    return find_words(arena, text, n, mark, 0);
}

/* The build assumes neither POPCNT nor BMI's TZCNT and BLSR, with which
 * the count pass's dozen instructions a block come down to one and the
 * loop's bit walks take fewer (fx_words_find 4.40 -> 3.54 M instructions
 * on the 1 MB sample): a copy compiled for them, chosen where the CPU has
 * both. */
#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__) && !(defined(__POPCNT__) && defined(__BMI__))
#define POPCNT_BMI_COPY 1
__attribute__((target("popcnt,bmi"))) static const fx_words *find_words_popcnt_bmi(fx_arena *arena, const char *text,
                                                                                   size_t n, const unsigned char *mark)
{
    return find_words(arena, text, n, mark, 1);
}
#endif

const fx_words *fx_words_find(fx_arena *arena, const char *text, size_t n, const unsigned char mark[256])
{
#ifdef POPCNT_BMI_COPY
    if (__builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi"))
        return find_words_popcnt_bmi(arena, text, n, mark);
#endif
    return fx_words_find_portable(arena, text, n, mark);
}
