/* sha256.h - SHA-256 of a buffer (FIPS 180-4), for doc.sha256. */
#ifndef FX_SHA256_H
#define FX_SHA256_H

#include <stddef.h>

/* Writes 64 lower-case hex digits and a NUL to hex. */
void fx_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
