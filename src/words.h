/* words.h - what a word is, for every stage that looks at words: the
 * bytes that make up words when text is looked up word by word (table
 * keys, the match stage's literal pass, the values' word lists). */
#ifndef FX_WORDS_H
#define FX_WORDS_H

/* ASCII letters and digits, and every byte of a non-ASCII character. */
static inline int fx_is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

#endif
