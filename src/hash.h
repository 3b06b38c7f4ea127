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

#endif
