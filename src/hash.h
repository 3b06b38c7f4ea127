/* hash.h - FNV-1a over bytes, the one string hash of the library (tables,
 * the organisations' name indexes and acronym links). Byte by byte, so a
 * caller can extend a hash as a span grows or fold case as it goes. */
#ifndef FX_HASH_H
#define FX_HASH_H

#include <stddef.h>
#include <stdint.h>

#define FX_HASH_START 14695981039346656037ull

static inline uint64_t fx_hash_byte(uint64_t h, unsigned char c)
{
    return (h ^ c) * 1099511628211ull;
}

static inline uint64_t fx_hash_bytes(const char *s, size_t n)
{
    uint64_t h = FX_HASH_START;
    for (size_t i = 0; i < n; i++) h = fx_hash_byte(h, (unsigned char)s[i]);
    return h;
}

/* A blocked Bloom filter over these hashes: words[0..mask] (mask + 1 a
 * power of two), a hash setting two bits of one 64-bit word, so a test
 * reads one word. The word is picked by the hash's bits 32 and up, the
 * bits by its top twelve: an index's slots, picked by its low bits, stay
 * independent of them. Used where most lookups are of no key (tables.c,
 * the organisations' mention pass). */
static inline uint64_t fx_bloom_bits(uint64_t h)
{
    return 1ull << (h >> 52 & 63) | 1ull << (h >> 58);
}

static inline size_t fx_bloom_word(size_t mask, uint64_t h)
{
    return (size_t)(h >> 32) & mask;
}

static inline void fx_bloom_add(uint64_t *words, size_t mask, uint64_t h)
{
    words[fx_bloom_word(mask, h)] |= fx_bloom_bits(h);
}

/* 0: h was certainly not added; 1: it may have been. */
static inline int fx_bloom_may_have(const uint64_t *words, size_t mask, uint64_t h)
{
    uint64_t b = fx_bloom_bits(h);
    return (words[fx_bloom_word(mask, h)] & b) == b;
}

#endif
