/* sha256.c - see sha256.h. A straight transcription of FIPS 180-4, and
 * the same compression function with the x86 SHA extensions (Intel's
 * "SHA extensions" paper; about twenty times fewer instructions), chosen
 * once per process by CPUID. */
#include "sha256.h"

#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define FX_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#include <pthread.h>
#endif

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void block(uint32_t h[8], const unsigned char *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = k + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

typedef void blocks_fn(uint32_t h[8], const unsigned char *p, size_t count);

static void blocks_portable(uint32_t h[8], const unsigned char *p, size_t count)
{
    for (size_t i = 0; i < count; i++) block(h, p + 64 * i);
}

#ifdef FX_SHA_NI
/* Four rounds: the message words plus their constants, two at a time. */
#define FOUR_ROUNDS(words, k)                                                    \
    do {                                                                         \
        __m128i m_ = _mm_add_epi32((words), _mm_loadu_si128((const __m128i *)(k))); \
        state1 = _mm_sha256rnds2_epu32(state1, state0, m_);                      \
        m_ = _mm_shuffle_epi32(m_, 0x0E);                                        \
        state0 = _mm_sha256rnds2_epu32(state0, state1, m_);                      \
    } while (0)

__attribute__((target("sha,sse4.1,ssse3")))
static void blocks_sha_ni(uint32_t h[8], const unsigned char *p, size_t count)
{
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    /* the state as the instructions want it: ABEF and CDGH */
    __m128i t = _mm_loadu_si128((const __m128i *)&h[0]);
    __m128i state1 = _mm_loadu_si128((const __m128i *)&h[4]);
    t = _mm_shuffle_epi32(t, 0xB1);                 /* CDAB */
    state1 = _mm_shuffle_epi32(state1, 0x1B);       /* EFGH */
    __m128i state0 = _mm_alignr_epi8(t, state1, 8); /* ABEF */
    state1 = _mm_blend_epi16(state1, t, 0xF0);      /* CDGH */
    for (size_t b = 0; b < count; b++, p += 64) {
        __m128i abef = state0, cdgh = state1, w[4];
        for (int i = 0; i < 4; i++) {
            w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), byte_swap);
            FOUR_ROUNDS(w[i], &K[4 * i]);
        }
        /* w[g % 4] holds words 4g..4g+3; each new group from the four before */
        for (int g = 4; g < 16; g++) {
            __m128i next = _mm_sha256msg1_epu32(w[g % 4], w[(g + 1) % 4]);          /* w[t-16] + s0(w[t-15]) */
            next = _mm_add_epi32(next, _mm_alignr_epi8(w[(g + 3) % 4], w[(g + 2) % 4], 4));   /* + w[t-7] */
            w[g % 4] = _mm_sha256msg2_epu32(next, w[(g + 3) % 4]);                   /* + s1(w[t-2]) */
            FOUR_ROUNDS(w[g % 4], &K[4 * g]);
        }
        state0 = _mm_add_epi32(state0, abef);
        state1 = _mm_add_epi32(state1, cdgh);
    }
    t = _mm_shuffle_epi32(state0, 0x1B);            /* FEBA */
    state1 = _mm_shuffle_epi32(state1, 0xB1);       /* DCHG */
    state0 = _mm_blend_epi16(t, state1, 0xF0);      /* DCBA */
    state1 = _mm_alignr_epi8(state1, t, 8);         /* HGFE */
    _mm_storeu_si128((__m128i *)&h[0], state0);
    _mm_storeu_si128((__m128i *)&h[4], state1);
}

static blocks_fn *chosen = blocks_portable;
static pthread_once_t choose_once = PTHREAD_ONCE_INIT;

/* SHA (CPUID 7.0:EBX bit 29), with SSSE3 and SSE4.1 (1:ECX bits 9, 19). */
static void choose(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 9)) || !(c & (1u << 19))) return;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !(b & (1u << 29))) return;
    chosen = blocks_sha_ni;
}

static blocks_fn *best_blocks(void)
{
    pthread_once(&choose_once, choose);
    return chosen;
}
#else
static blocks_fn *best_blocks(void) { return blocks_portable; }
#endif

/* x's eight hex digits at d, the highest first, all at once in one
 * 64-bit word (a nibble a byte, stored the highest first, then '0' and,
 * where the nibble is 10 or more, 'a' - '0' - 10 added), where a table
 * read a digit cost some 600 instructions a document. */
static void put_hex8(char *d, uint32_t x)
{
    const uint64_t ones = 0x0101010101010101ull;
    uint64_t n = x;
    n = (n & 0xFFFF0000u) << 16 | (n & 0xFFFFu);
    n = (n & 0x0000FF000000FF00ull) << 8 | (n & 0x000000FF000000FFull);
    n = (n & 0x00F000F000F000F0ull) << 4 | (n & 0x000F000F000F000Full);   /* nibble k in byte k */
    if (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) n = __builtin_bswap64(n);   /* the highest nibble's byte first */
    n += '0' * ones + ((n + 6 * ones) >> 4 & ones) * ('a' - '0' - 10);
    memcpy(d, &n, 8);
}

/* The digest of the parts joined, each hashed where it lies: whole
 * blocks straight from a part, only the bytes of a block that spans two
 * parts copied. One text is one part. */
static void digest(blocks_fn *blocks, const fx_sha256_part *parts, size_t count, char hex[65])
{
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    unsigned char tail[128] = {0};
    size_t held = 0;            /* bytes of the next block in tail */
    uint64_t len = 0;
    for (size_t i = 0; i < count; i++) {
        const unsigned char *p = parts[i].data;
        size_t n = parts[i].len;
        if (!n) continue;
        len += n;
        if (held) {
            size_t take = 64 - held < n ? 64 - held : n;
            memcpy(tail + held, p, take);
            held += take;
            p += take;
            n -= take;
            if (held < 64) continue;
            blocks(h, tail, 1);
            held = 0;
        }
        if (n >= 64) blocks(h, p, n / 64);
        if (n % 64) memcpy(tail, p + n - n % 64, n % 64);
        held = n % 64;
    }
    memset(tail + held, 0, sizeof tail - held);
    tail[held] = 0x80;
    size_t tail_len = held < 56 ? 64 : 128;
    uint64_t bits = len * 8;
    for (int i = 0; i < 8; i++) tail[tail_len - 1 - i] = (unsigned char)(bits >> (8 * i));
    blocks(h, tail, tail_len / 64);
    for (int i = 0; i < 8; i++) put_hex8(hex + 8 * i, h[i]);
    hex[64] = '\0';
}

void fx_sha256_hex(const void *data, size_t len, char hex[65])
{
    const fx_sha256_part whole = {data, len};
    digest(best_blocks(), &whole, 1, hex);
}

void fx_sha256_hex_portable(const void *data, size_t len, char hex[65])
{
    const fx_sha256_part whole = {data, len};
    digest(blocks_portable, &whole, 1, hex);
}

void fx_sha256_hex_parts(const fx_sha256_part *parts, size_t count, char hex[65])
{
    digest(best_blocks(), parts, count, hex);
}
