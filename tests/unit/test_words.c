/* test_words.c - the word bytes, and the words of a text (words.h)
 * against their definition, read byte by byte: every byte kind, at every
 * place around the 64-byte blocks fx_words_find reads at a time. */
#include <stdint.h>

#include "harness.h"
#include "words.h"

/* The first bytes whose words the tests have listed: capitals (A-Z and
 * the lead bytes of non-ASCII characters, as the tokens mark them), and
 * a mark that is no class of bytes (every third byte value). */
static unsigned char capitals[256], every_third[256];

/* 1 if w is text[0..n)'s maximal runs of word bytes, with the sentinels
 * (start[count] and end[count] are n), and its marked words those whose
 * first byte mark marks. */
static int words_right(const fx_words *w, const char *text, size_t n, const unsigned char *mark)
{
    size_t k = 0, m = 0;
    for (size_t i = 0; i < n;) {
        if (!fx_is_word_byte((unsigned char)text[i])) {
            i++;
            continue;
        }
        size_t s = i;
        while (i < n && fx_is_word_byte((unsigned char)text[i])) i++;
        if (k >= w->count || w->start[k] != s || w->end[k] != i) return 0;
        if (mark[(unsigned char)text[s]] && (m >= w->marked_count || w->marked[m++] != k)) return 0;
        k++;
    }
    return k == w->count && w->start[k] == n && w->end[k] == n && m == w->marked_count;
}

/* 1 if both fx_words_find and its portable path find text[0..n)'s words
 * (on a CPU with POPCNT and BMI the two are different code), with either
 * mark. */
static int found_right(fx_arena *arena, const char *text, size_t n)
{
    int right = 1;
    for (int i = 0; i < 2; i++) {
        const unsigned char *mark = i ? every_third : capitals;
        right &= words_right(fx_words_find(arena, text, n, mark), text, n, mark) &&
                 words_right(fx_words_find_portable(arena, text, n, mark), text, n, mark);
    }
    return right;
}

void test_words(void)
{
    /* the table of word bytes is its definition's, at every byte value */
    for (int c = 0; c < 256; c++) {
        CHECK(fx_is_word_byte((unsigned char)c) ==
              ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80));
        /* and so is the table of ASCII's lower case */
        CHECK(fx_ascii_lower((unsigned char)c) == (c >= 'A' && c <= 'Z' ? c + 32 : c));
    }
    for (int c = 0; c < 256; c++) {
        capitals[c] = (c >= 'A' && c <= 'Z') || c >= 0xC0;
        every_third[c] = c % 3 == 0;
    }
    fx_arena arena;
    fx_arena_init(&arena);
    const fx_words *w = fx_words_find(&arena, "Gothenburg, 2014: Malmö's", 26, capitals);
    CHECK(w->count == 4 && w->start[2] == 18 && w->end[2] == 24 && w->start[3] == 25 && w->end[3] == 26);
    CHECK(w->marked_count == 2 && w->marked[0] == 0 && w->marked[1] == 2);
    /* every byte value, then random texts of 0 to 300 bytes from bytes of
     * each kind (a word byte of each class, a separator, NUL, the bytes
     * next to the classes' edges) */
    char all[256];
    for (int c = 0; c < 256; c++) all[c] = (char)c;
    int wrong = !found_right(&arena, all, 256);
    static const char kinds[] = "aAzZ09 .,\n\0@[`{/:\x7f\x80\xc3\xa9\xff";
    uint32_t seed = 1;
    char text[300];
    for (int round = 0; round < 3000; round++) {
        size_t n = (size_t)round % 301;
        unsigned runs = 1 + (unsigned)round % 7;    /* high: long runs of one byte */
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            int again = i > 0 && (seed >> 8) % runs != 0;
            text[i] = again ? text[i - 1] : kinds[(seed >> 16) % (sizeof kinds - 1)];
        }
        wrong += !found_right(&arena, text, n);
    }
    CHECK(wrong == 0);
    /* words that run across a whole block and into the next, or to the end */
    char runs[200];
    memset(runs, 'a', sizeof runs);
    runs[3] = ' ';
    runs[150] = ' ';
    CHECK(found_right(&arena, runs, 200));
    CHECK(found_right(&arena, runs, 128));
    CHECK(found_right(&arena, runs + 4, 64));
    /* fx_all_ascii at every length to 20, with one high byte at each place */
    int ascii_wrong = 0;
    for (size_t n = 0; n <= 20; n++) {
        char b[20];
        memset(b, 'a', sizeof b);
        ascii_wrong += !fx_all_ascii(b, n);
        for (size_t k = 0; k < n; k++) {
            b[k] = (char)0xC3;
            ascii_wrong += fx_all_ascii(b, n);
            b[k] = 'a';
        }
    }
    CHECK(ascii_wrong == 0);
    fx_arena_free(&arena);
}
