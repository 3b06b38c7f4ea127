/* words.h - what a word is, for every stage that looks at words: the
 * bytes that make up words when text is looked up word by word (table
 * keys, the match stage's literal pass, the values' word lists). */
#ifndef FX_WORDS_H
#define FX_WORDS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"

/* Per byte value, 1 for a word byte (fx_is_word_byte), else 0 (words.c). */
extern const unsigned char fx_word_bytes[256];

/* ASCII letters and digits, and every byte of a non-ASCII character: one
 * load from a table, where the ranges cost four to eleven instructions a
 * byte (the walks over a word's bytes ask it of every byte they read). */
static inline int fx_is_word_byte(unsigned char c)
{
    return fx_word_bytes[c];
}

/* Per byte value, the byte with ASCII's letters lowered (words.c):
 * fx_ascii_lower's one load, where the range test and the choice cost
 * four instructions (the caseless comparisons ask it of every byte). */
extern const unsigned char fx_ascii_lower_bytes[256];

/* ASCII's case only, as tolower and toupper in the C locale, without
 * their calls; other bytes as they are. */
static inline unsigned char fx_ascii_lower(unsigned char c)
{
    return fx_ascii_lower_bytes[c];
}

static inline unsigned char fx_ascii_upper(unsigned char c)
{
    return c >= 'a' && c <= 'z' ? (unsigned char)(c - 32) : c;
}

/* Are the n bytes at s all ASCII? A few loads, not a test a byte (the
 * city resolver asks it of each capitalised word of its misspellings'
 * pass): from 4 bytes on, loads that overlap at the end. */
static inline int fx_all_ascii(const char *s, size_t n)
{
    uint64_t any = 0, v = 0;
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&v, s + i, 8);
            any |= v;
        }
        memcpy(&v, s + n - 8, 8);
        any |= v;
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        any = a | b;
    } else {
        for (size_t i = 0; i < n; i++) any |= (unsigned char)s[i];
    }
    return !(any & 0x8080808080808080ull);
}

/* The words of a text: maximal runs of fx_is_word_byte, in text order,
 * [start[k], end[k]); and marked[0..marked_count), the indexes k, in
 * order, of the words whose first byte the finder's caller marked (the
 * tokens' capitalised words): listed as each word is found, about four
 * instructions a word, where a second walk over the words took nine. */
typedef struct fx_words {
    size_t count;
    size_t *start, *end;
    size_t *marked;
    size_t marked_count;
} fx_words;

/* The words of text[0..n), allocated in arena; mark[b] is 1 where a word
 * that starts with byte b is to be listed in marked, else 0. */
const fx_words *fx_words_find(fx_arena *arena, const char *text, size_t n, const unsigned char mark[256]);

/* The same, as fx_words_find finds them on a CPU without the POPCNT and
 * BMI instructions (the tests run both). */
const fx_words *fx_words_find_portable(fx_arena *arena, const char *text, size_t n, const unsigned char mark[256]);

#endif
