/* words.c - see words.h. */
#include "words.h"

const fx_words *fx_words_find(fx_arena *arena, const char *text, size_t n)
{
    const unsigned char *t = (const unsigned char *)text;
    unsigned char word[256];
    for (int c = 0; c < 256; c++) word[c] = (unsigned char)fx_is_word_byte((unsigned char)c);
    /* counted first, so that the arrays are no longer than the words (a
     * big document is one long text); both passes store and count without
     * a branch to mispredict at each word's edges */
    size_t count = 0;
    unsigned prev = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned in = word[t[i]];
        count += in & ~prev;
        prev = in;
    }
    fx_words *w = fx_arena_alloc(arena, sizeof *w);
    w->start = fx_arena_alloc_uninit(arena, (count + 1) * sizeof *w->start);    /* filled below */
    w->end = fx_arena_alloc_uninit(arena, (count + 1) * sizeof *w->end);
    size_t k = 0, ends = 0;
    prev = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned in = word[t[i]];
        w->start[k] = i;    /* kept only where a word starts: k moves on */
        k += in & ~prev;
        w->end[ends] = i;
        ends += prev & ~in;
        prev = in;
    }
    w->end[ends] = n;   /* the last word runs to the end */
    w->start[k] = n;    /* one past the last word, as the end's */
    w->count = k;
    return w;
}
