/* tokens.c - see tokens.h. */
#include "tokens.h"

#include "bytes16.h"
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

/* An array of at least count hashes, all 0: sixteen bytes a store, four
 * a turn. Not memset: glibc's, from 2 KiB (most documents' arrays), is a
 * rep stosb, whose every byte callgrind counts as an instruction (1.11 M
 * on the 1 MB sample against ~0.15 M here). */
static uint64_t *zeroed_hashes(fx_arena *arena, size_t count)
{
    enum { TURN = 64 / sizeof(uint64_t) };  /* hashes a turn */
    size_t room = (count / TURN + 1) * TURN;
    uint64_t *hash = fx_arena_alloc_uninit(arena, room * sizeof *hash);   /* 16-byte aligned */
    static const unsigned char zeros[16];
    fx_bytes16 zero = fx_bytes16_load(zeros);
    for (unsigned char *p = (unsigned char *)hash, *e = p + room * sizeof *hash; p < e; p += 64) {
        fx_bytes16_store(p, zero);
        fx_bytes16_store(p + 16, zero);
        fx_bytes16_store(p + 32, zero);
        fx_bytes16_store(p + 48, zero);
    }
    return hash;
}

const fx_tokens *fx_doc_tokens(fx_doc *doc)
{
    if (doc->tokens) return doc->tokens;
    const unsigned char *t = (const unsigned char *)doc->text;
    /* the capitalised words listed by the word finder as it finds them */
    const fx_words *w = fx_words_find(&doc->arena, doc->text, doc->text_len, fx_token_capitals);
    fx_tokens *tk = fx_arena_alloc(&doc->arena, sizeof *tk);
    /* zeroed whole, then a capitalised word's hash made now (the list
     * rules read every one), another's at its first read (fx_token_hash),
     * if any: three words in four are not capitalised */
    uint64_t *hash = zeroed_hashes(&doc->arena, w->count);
    const size_t *start = w->start, *end = w->end, *capitals = w->marked;
    for (size_t c = 0, count = w->marked_count; c < count; c++) {
        size_t k = capitals[c];
        hash[k] = word_hash(t + start[k], t + end[k]);
    }
    *tk = (fx_tokens){.text = doc->text, .words = w, .hash = hash, .capitals = capitals, .capital_count = w->marked_count};
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
