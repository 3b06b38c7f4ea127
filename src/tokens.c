/* tokens.c - see tokens.h. */
#include "tokens.h"

#include "hash.h"

/* 1 at 'A'..'Z' and 0xC0..0xFF (fx_token_capital) */
const unsigned char fx_token_capitals[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x10 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x20 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x30 */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,   /* 0x50 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x60 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x70 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x80 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x90 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0xA0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0xB0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0xC0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0xD0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0xE0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0xF0 */
};

const fx_tokens *fx_doc_tokens(fx_doc *doc)
{
    if (doc->tokens) return doc->tokens;
    const unsigned char *t = (const unsigned char *)doc->text;
    const fx_words *w = fx_words_find(&doc->arena, doc->text, doc->text_len);
    fx_tokens *tk = fx_arena_alloc(&doc->arena, sizeof *tk);
    uint64_t *hash = fx_arena_alloc_uninit(&doc->arena, (w->count ? w->count : 1) * sizeof *hash);  /* filled below */
    /* Room for every word among the capitals, so that they are listed in
     * the same pass: each word's index is stored, and kept (the next one
     * goes after it) when it is capitalised, with no branch on its case. */
    size_t *capitals = fx_arena_alloc_uninit(&doc->arena, (w->count + 1) * sizeof *capitals);
    size_t capital_count = 0;
    const size_t *start = w->start, *end = w->end, count = w->count;   /* not read again after each store */
    for (size_t k = 0; k < count; k++) {
        const unsigned char *p = t + start[k], *e = t + end[k];    /* a byte at least */
        capitals[capital_count] = k;
        capital_count += (size_t)fx_token_capital(*p);
        uint64_t h = fx_hash_byte(FX_HASH_START, *p);   /* fx_hash_bytes, its first byte read once */
        while (++p < e) h = fx_hash_byte(h, *p);
        hash[k] = h;
    }
    *tk = (fx_tokens){.words = w, .hash = hash, .capitals = capitals, .capital_count = capital_count};
    doc->tokens = tk;
    return tk;
}

void fx_tokenise(fx_doc *doc)
{
    const unsigned readers = 1u << FX_CITY | 1u << FX_ORG | 1u << FX_MONEY;
    if (doc->types & readers) fx_doc_tokens(doc);
}
