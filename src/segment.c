/* segment.c - see segment.h. */
#include "segment.h"

#include <string.h>

#include "bytes16.h"
#include "rules.h"

static int is_upper_start(const char *t, size_t i, size_t len)
{
    unsigned char c = (unsigned char)t[i];
    if (c >= 'A' && c <= 'Z') return 1;
    if (c >= '0' && c <= '9') return 1;
    if (c == '"' || c == '\'' || c == '(' || c == '[') return 1;
    return c >= 0xC0 && i + 1 < len;   /* non-ASCII letter: assume a start */
}

/* The bytes before a word that may be an abbreviation. */
static const unsigned char word_edge[256] = {[' '] = 1, ['('] = 1, ['"'] = 1};

/* Does the '.' at t[dot] close an abbreviation (of the table abbr, if
 * any) or an initial? */
static int is_abbreviation(const fx_table *abbr, const char *t, size_t line_start, size_t dot)
{
    size_t w = dot;
    while (w > line_start && !word_edge[(unsigned char)t[w - 1]]) w--;
    size_t n = dot - w;
    if (n == 0) return 0;
    if (n == 1 && t[w] >= 'A' && t[w] <= 'Z') return 1;   /* initial */
    return abbr && fx_table_find(abbr, t + w, n) != NULL;
}

/* The only bytes the loop below stops at. */
static const unsigned char ends_sentence_or_line[256] = {['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1};

/* The stops among thirty-two bytes at p as a mask: each sixteen's four
 * compares or'ed before their mask is taken (bytes16.h); with AVX2 (avx2,
 * a constant: the segmenter's body is compiled once with it and once
 * without, below), all thirty-two by one table lookup by each byte's low
 * nibble, the stops' being all different (A, E, 1, F), and one compare
 * with the byte itself: the table holds each stop at its nibble and,
 * elsewhere, a byte whose low nibble is not its place. */
#ifdef FX_AVX2_COPY
__attribute__((target("avx2"))) static inline unsigned stops32_avx2(const char *p)
{
#define STOP_AT_NIBBLE 1, '!', 0, 0, 0, 0, 0, 0, 0, 0, '\n', 0, 0, 0, '.', '?'
    const __m256i stop_at_nibble = _mm256_setr_epi8(STOP_AT_NIBBLE, STOP_AT_NIBBLE);   /* per 16-byte lane */
#undef STOP_AT_NIBBLE
    __m256i x = _mm256_loadu_si256((const __m256i *)p);
    __m256i expected = _mm256_shuffle_epi8(stop_at_nibble, _mm256_and_si256(x, _mm256_set1_epi8(0x0F)));
    return (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(expected, x));
}
#endif

static inline __attribute__((always_inline)) unsigned stops32(const char *p, int avx2)
{
#ifdef FX_AVX2_COPY
    if (avx2) return stops32_avx2(p);
#endif
    (void)avx2;
    fx_bytes16 low = fx_bytes16_load(p), high = fx_bytes16_load(p + 16);
    return fx_bytes16_eq_any(low, "\n.!?", 4) | fx_bytes16_eq_any(high, "\n.!?", 4) << 16;
}

/* The first of those in t[i, len), or len: thirty-two bytes at a time
 * (a stop every 70 bytes or so), then sixteen, then one. */
static inline __attribute__((always_inline)) size_t next_stop(const char *t, size_t i, size_t len, int avx2)
{
    for (; len - i >= 32; i += 32) {
        unsigned stops = stops32(t + i, avx2);
        if (stops) return i + (size_t)__builtin_ctz(stops);
    }
    for (; len - i >= 16; i += 16) {
        unsigned stops = fx_bytes16_eq_any(fx_bytes16_load(t + i), "\n.!?", 4);
        if (stops) return i + (size_t)__builtin_ctz(stops);
    }
    while (i < len && !ends_sentence_or_line[(unsigned char)t[i]]) i++;
    return i;
}

static void add(fx_doc *doc, size_t *cap, size_t start, size_t end)
{
    while (start < end && doc->text[start] == ' ') start++;
    while (end > start && doc->text[end - 1] == ' ') end--;
    if (start == end) return;
    if (doc->sentence_count == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        doc->sentences = fx_arena_grow(&doc->arena, doc->sentences,
                                       doc->sentence_count * sizeof *doc->sentences,
                                       nc * sizeof *doc->sentences);
        *cap = nc;
    }
    doc->sentences[doc->sentence_count++] = (fx_span){start, end};
}

void fx_segment_prepare(struct fx_context *ctx) { ctx->abbreviations = fx_rules_table(ctx, "ABBREVIATIONS"); }

static inline __attribute__((always_inline)) void segment(const struct fx_context *ctx, fx_doc *doc, int avx2)
{
    const char *t = doc->text;
    size_t len = doc->text_len, cap = 0, start = 0, line_start = 0;
    const fx_table *abbr = ctx->abbreviations;
    for (size_t i = 0; i < len; i++) {
        i = next_stop(t, i, len, avx2);
        if (i == len) break;
        char c = t[i];
        if (c == '\n') {
            add(doc, &cap, start, i);
            start = line_start = i + 1;
            continue;
        }
        if (c != '.' && c != '!' && c != '?') continue;
        if (c == '.' && ((i > 0 && t[i - 1] == '.') || (i + 1 < len && t[i + 1] == '.'))) continue;
        size_t j = i + 1;
        while (j < len && (t[j] == '"' || t[j] == '\'' || t[j] == ')')) j++;
        if (j >= len || t[j] != ' ' || j + 1 >= len || !is_upper_start(t, j + 1, len)) continue;
        if (c == '.' && is_abbreviation(abbr, t, line_start, i)) continue;
        add(doc, &cap, start, j);
        start = j + 1;
        i = j;
    }
    add(doc, &cap, start, len);
    if (doc->sentence_count == 0) add(doc, &cap, 0, len ? len : 0);
}

void fx_segment_portable(const struct fx_context *ctx, fx_doc *doc) { segment(ctx, doc, 0); }

#ifdef FX_AVX2_COPY
__attribute__((target("avx2"))) static void segment_avx2(const struct fx_context *ctx, fx_doc *doc)
{
    segment(ctx, doc, 1);
}
#endif

void fx_segment(const struct fx_context *ctx, fx_doc *doc)
{
#ifdef FX_AVX2_COPY
    if (__builtin_cpu_supports("avx2")) {
        segment_avx2(ctx, doc);
        return;
    }
#endif
    fx_segment_portable(ctx, doc);
}
