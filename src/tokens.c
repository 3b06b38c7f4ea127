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

/* The hash of the word p[0..e) (fx_hash_bytes), its first byte read
 * once, then two bytes a turn of the loop (the loop's own instructions
 * once per two bytes). */
static inline __attribute__((always_inline)) uint64_t word_hash(const unsigned char *p, const unsigned char *e)
{
    uint64_t h = fx_hash_byte(FX_HASH_START, *p++);     /* a byte at least */
    for (; e - p >= 2; p += 2) h = fx_hash_byte(fx_hash_byte(h, p[0]), p[1]);
    return p < e ? fx_hash_byte(h, *p) : h;
}

const fx_tokens *fx_doc_tokens(fx_doc *doc)
{
    if (doc->tokens) return doc->tokens;
    const unsigned char *t = (const unsigned char *)doc->text;
    const fx_words *w = fx_words_find(&doc->arena, doc->text, doc->text_len);
    fx_tokens *tk = fx_arena_alloc(&doc->arena, sizeof *tk);
    uint64_t *hash = fx_arena_alloc_uninit(&doc->arena, (w->count ? w->count : 1) * sizeof *hash);  /* filled below */
    /* Room for every word among the capitals, listed in the same pass. */
    size_t *capitals = fx_arena_alloc_uninit(&doc->arena, (w->count + 1) * sizeof *capitals);
    size_t capital_count = 0;
    const size_t *start = w->start, *end = w->end, count = w->count;   /* not read again after each store */
    for (size_t k = 0; k < count; k++) {
        /* a capitalised word's hash now (the list rules read every one),
         * another's at its first read (fx_token_hash), if any; the branch
         * on the case is taken for the hash anyway, so the index is stored
         * there (three words in four are not capitalised) */
        if (fx_token_capital(t[start[k]])) {
            capitals[capital_count++] = k;
            hash[k] = word_hash(t + start[k], t + end[k]);
        } else {
            hash[k] = 0;
        }
    }
    *tk = (fx_tokens){.text = doc->text, .words = w, .hash = hash, .capitals = capitals, .capital_count = capital_count};
    doc->tokens = tk;
    return tk;
}

uint64_t fx_token_hash_make(const fx_tokens *tokens, size_t k)
{
    const unsigned char *t = (const unsigned char *)tokens->text;
    return tokens->hash[k] = word_hash(t + tokens->words->start[k], t + tokens->words->end[k]);
}

void fx_tokenise(fx_doc *doc)
{
    const unsigned readers = 1u << FX_CITY | 1u << FX_ORG | 1u << FX_MONEY;
    if (doc->types & readers) fx_doc_tokens(doc);
}
