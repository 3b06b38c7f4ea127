/* words.h - what a word is, for every stage that looks at words: the
 * bytes that make up words when text is looked up word by word (table
 * keys, the match stage's literal pass, the values' word lists). */
#ifndef FX_WORDS_H
#define FX_WORDS_H

#include <stddef.h>

#include "arena.h"

/* ASCII letters and digits, and every byte of a non-ASCII character. */
static inline int fx_is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* ASCII's case only, as tolower and toupper in the C locale, without
 * their calls; other bytes as they are. */
static inline unsigned char fx_ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static inline unsigned char fx_ascii_upper(unsigned char c)
{
    return c >= 'a' && c <= 'z' ? (unsigned char)(c - 32) : c;
}

/* The words of a text: maximal runs of fx_is_word_byte, in text order,
 * [start[k], end[k]). */
typedef struct fx_words {
    size_t count;
    size_t *start, *end;
} fx_words;

/* The words of text[0..n), allocated in arena. */
const fx_words *fx_words_find(fx_arena *arena, const char *text, size_t n);

#endif
