/* sha256.h - SHA-256 of a buffer (FIPS 180-4), for doc.sha256. */
#ifndef FX_SHA256_H
#define FX_SHA256_H

#include <stddef.h>

/* Writes 64 lower-case hex digits and a NUL to hex. Uses the CPU's SHA
 * instructions where there are any (x86-64 with SHA-NI), else portable C. */
void fx_sha256_hex(const void *data, size_t len, char hex[65]);

/* The same with the portable C code only: for the tests that compare the
 * two. */
void fx_sha256_hex_portable(const void *data, size_t len, char hex[65]);

/* A piece of a text hashed in parts. */
typedef struct fx_sha256_part {
    const void *data;
    size_t len;
} fx_sha256_part;

/* fx_sha256_hex of parts[0..count) joined, without joining them. */
void fx_sha256_hex_parts(const fx_sha256_part *parts, size_t count, char hex[65]);

#endif
