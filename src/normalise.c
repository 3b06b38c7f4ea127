/* normalise.c - see normalise.h.
 *
 * ASCII is the fast path: printable ASCII bytes, with the single spaces
 * and line breaks between them, are copied in runs and extend the current
 * copied piece, so a plain-ASCII article with single spaces has an offset
 * map of one piece per collapsed whitespace run.
 */
#include "normalise.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "bytes16.h"

/* Warnings per kind of bad byte (invalid UTF-8, NUL); one more counts the rest. */
enum { MAX_INVALID_WARNINGS = 10 };

typedef struct builder {
    fx_doc *doc;
    const char *src;
    char *out;
    size_t len, cap;
    fx_piece *pieces;
    size_t piece_count, piece_cap;
    /* the copy not yet written (emit_copy): src[copy_orig, +copy_len) */
    size_t copy_orig, copy_len;
    size_t *continuations;  /* doc->src_continuations as it grows */
    size_t continuation_count, continuation_cap;
} builder;

/* Room for extra more bytes and a NUL. The text is written in the
 * document's arena, where it stays: room for the source's bytes at first
 * (most texts are no longer), grown only past a replacement that is
 * longer than what it stands for (U+FFFD for a bad byte, some folds). */
static void reserve(builder *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap;
    while (cap < b->len + extra + 1) cap *= 2;
    b->out = fx_arena_grow_uninit(&b->doc->arena, b->out, b->cap, cap);
    b->cap = cap;
}

static fx_piece *new_piece(builder *b)
{
    if (b->piece_count == b->piece_cap) {   /* in the arena too: a text has ten or so */
        size_t cap = b->piece_cap ? b->piece_cap * 2 : 16;
        b->pieces = fx_arena_grow_uninit(&b->doc->arena, b->pieces, b->piece_cap * sizeof *b->pieces,
                                         cap * sizeof *b->pieces);
        b->piece_cap = cap;
    }
    return &b->pieces[b->piece_count++];
}

/* A character of n bytes, 2 to 4, at src[at]: its continuation bytes
 * listed (doc->src_continuations), with room for the list's end. */
static void note_wide(builder *b, size_t at, size_t n)
{
    if (b->continuation_count + 4 > b->continuation_cap) {   /* most texts have a few: quotes, dashes, accents */
        size_t cap = b->continuation_cap ? b->continuation_cap * 2 : 32;
        b->continuations = fx_arena_grow_uninit(&b->doc->arena, b->continuations,
                                                b->continuation_cap * sizeof *b->continuations,
                                                cap * sizeof *b->continuations);
        b->continuation_cap = cap;
    }
    for (size_t k = 1; k < n; k++) b->continuations[b->continuation_count++] = at + k;
}

/* The pending copy (emit_copy) written out. */
static void flush_copy(builder *b)
{
    size_t orig = b->copy_orig, n = b->copy_len;
    if (n == 0) return;
    b->copy_len = 0;
    reserve(b, n);
    fx_piece *last = b->piece_count ? &b->pieces[b->piece_count - 1] : NULL;
    if (last && last->copied && last->orig + last->orig_len == orig &&
        last->norm + last->norm_len == b->len) {
        last->norm_len += n;
        last->orig_len += n;
    } else {
        fx_piece *p = new_piece(b);
        *p = (fx_piece){b->len, n, orig, n, 1};
    }
    memcpy(b->out + b->len, b->src + orig, n);
    b->len += n;
}

/* Output bytes identical to original[orig .. orig+n): kept pending while
 * the next copy goes on from its end (an ASCII run, a character left as
 * it is, the next run), so such a stretch costs one piece, which it did
 * already, and now also one memcpy. */
static void emit_copy(builder *b, size_t orig, size_t n)
{
    if (b->copy_len && b->copy_orig + b->copy_len == orig) {
        b->copy_len += n;
        return;
    }
    flush_copy(b);
    b->copy_orig = orig;
    b->copy_len = n;
}

/* Output bytes out[0..n) standing for original[orig .. orig+orig_len). */
static void emit_replacement(builder *b, size_t orig, size_t orig_len, const char *out, size_t n)
{
    if (n == 0) return;
    flush_copy(b);
    reserve(b, n);
    fx_piece *p = new_piece(b);
    *p = (fx_piece){b->len, n, orig, orig_len, 0};
    memcpy(b->out + b->len, out, n);
    b->len += n;
}

size_t fx_utf8_decode(const unsigned char *s, size_t len, int32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    int32_t value;
    unsigned char lo = 0x80, hi = 0xBF;     /* valid range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) { need = 1; value = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; value = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;           /* overlong */
        if (c == 0xED) hi = 0x9F;           /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; value = c & 0x07;
        if (c == 0xF0) lo = 0x90;           /* overlong */
        if (c == 0xF4) hi = 0x8F;           /* past U+10FFFF */
    } else {
        *cp = -1;
        return 1;
    }
    size_t i = 1;
    for (; i <= need; i++) {
        if (i >= len) break;
        unsigned char cc = s[i];
        unsigned char min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
        if (cc < min || cc > max) break;
        value = (value << 6) | (cc & 0x3F);
    }
    if (i <= need) {
        *cp = -1;
        return i;
    }
    *cp = value;
    return need + 1;
}

size_t fx_utf8_count(const char *s, size_t len)
{
    size_t count = 0, i = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (i < len) {
        if (u[i] < 0x80) { i++; count++; continue; }
        int32_t cp;
        i += fx_utf8_decode_inline(u + i, len - i, &cp);
        count++;
    }
    return count;
}

typedef enum { CLASS_TEXT, CLASS_SPACE, CLASS_NEWLINE, CLASS_DROP } char_class;

static char_class classify(int32_t cp)
{
    switch (cp) {
    case '\n': case '\r': case 0x0B: case 0x0C: case 0x85: case 0x2028: case 0x2029:
        return CLASS_NEWLINE;
    case ' ': case '\t': case 0xA0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
        return CLASS_SPACE;
    case 0xAD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return CLASS_DROP;
    }
    if (cp >= 0x2000 && cp <= 0x200A) return CLASS_SPACE;
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return CLASS_SPACE;
    return CLASS_TEXT;
}

/* The folded form of a non-ASCII code point in out (UTF-8), or 0 bytes when
 * it stays as it is. */
static size_t fold(int32_t cp, char out[64])
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
        out[0] = '\'';
        return 1;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0xAB: case 0xBB:
        out[0] = '"';
        return 1;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        out[0] = '-';
        return 1;
    }
    const utf8proc_property_t *prop = utf8proc_get_property(cp);
    if (prop->decomp_type == 0) return 0;   /* no compatibility mapping */
    utf8proc_int32_t buf[16];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, buf, 16,
                                                 UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STABLE, &boundclass);
    if (n <= 0 || n > 16) return 0;
    n = utf8proc_normalize_utf32(buf, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (n <= 0) return 0;
    size_t len = 0;
    for (utf8proc_ssize_t i = 0; i < n && len + 4 < 64; i++) {
        int32_t c = buf[i];
        char_class k = classify(c);
        if (k == CLASS_SPACE) c = ' ';
        else if (k != CLASS_TEXT) continue;
        len += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out + len);
    }
    return len;
}

/* Append the collapsed form of the whitespace run original[start..end). */
static void flush_space(builder *b, const char *src, size_t start, size_t end, int newlines)
{
    if (start == end) return;
    if (b->len + b->copy_len == 0) return;      /* leading whitespace goes */
    const char *want = newlines >= 2 ? "\n\n" : newlines == 1 ? "\n" : " ";
    size_t n = strlen(want);
    if (end - start == n && memcmp(src + start, want, n) == 0) emit_copy(b, start, n);
    else emit_replacement(b, start, end - start, want, n);
}

static int is_printable_ascii(unsigned char c) { return (unsigned char)(c - 0x21) < 0x7F - 0x21; }

/* Are the eight bytes of v printable ASCII or spaces, with no two spaces
 * side by side? (Exact: the tests borrow or carry into a byte's high bit
 * only when that byte, or the word, already fails.) */
static int plain_word(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull, lows = ~highs;
    uint64_t below_space = (v - 0x20 * ones) & ~v & highs, above_tilde = ((v + ones) | v) & highs;
    uint64_t not_space = v ^ (0x20 * ones);
    uint64_t spaces = ~(((not_space & lows) + lows) | not_space) & highs;
    return !(below_space | above_tilde | (spaces & spaces << 8));
}

/* Thirty-two bytes at p are printable ASCII or spaces, no two spaces
 * side by side (the 16-byte test below, on one 32-bit mask): with AVX2,
 * in the copy of copied_run_end compiled for it. A byte b is 0x20..0x7E
 * when b + 0x60 is below -33 as a signed byte (an add and one compare). */
#ifdef FX_AVX2_COPY
__attribute__((target("avx2"))) static inline int plain32_avx2(const unsigned char *p)
{
    __m256i x = _mm256_loadu_si256((const __m256i *)p);
    __m256i in = _mm256_cmpgt_epi8(_mm256_set1_epi8(-33), _mm256_add_epi8(x, _mm256_set1_epi8(0x60)));
    uint32_t spaces = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, _mm256_set1_epi8(' ')));
    return (uint32_t)_mm256_movemask_epi8(in) == 0xFFFFFFFF && !(spaces & spaces >> 1);
}
#endif

/* Where the copy that starts at u[j] (after a printable ASCII byte) ends:
 * printable ASCII, and between two printable bytes a single space, line
 * break or paragraph break ("\n\n"), which is what each of those collapses
 * to. Such a run is copied whole, one memcpy and one piece at most, and
 * read thirty-two (avx2: a constant, the body compiled once with it and
 * once without, below), sixteen (bytes16.h) or eight bytes at a time
 * while it is printable bytes and single spaces, so that plain prose
 * costs no branch per word. */
static inline __attribute__((always_inline)) size_t run_end(const unsigned char *u, size_t j, size_t len, int avx2)
{
    (void)avx2;
    for (;;) {
#ifdef FX_AVX2_COPY
        if (avx2)
            for (; j + 33 <= len; j += 32)
                if (!plain32_avx2(u + j) || (u[j + 31] == ' ' && !is_printable_ascii(u[j + 32]))) break;
#endif
        /* sixteen at a time: the same test, on byte masks */
        for (; j + 17 <= len; j += 16) {
            fx_bytes16 x = fx_bytes16_load(u + j);
            unsigned spaces = fx_bytes16_eq(x, ' ');
            if (fx_bytes16_in(x, 0x20, 0x7E - 0x20) != 0xFFFF || (spaces & spaces >> 1) ||
                (u[j + 15] == ' ' && !is_printable_ascii(u[j + 16])))
                break;
        }
        uint64_t v;
        /* a space last in the eight needs a printable byte after it */
        while (j + 9 <= len && (memcpy(&v, u + j, 8), plain_word(v)) &&
               (u[j + 7] != ' ' || is_printable_ascii(u[j + 8])))
            j += 8;
        while (j < len && is_printable_ascii(u[j])) j++;
        if (j + 1 < len && (u[j] == ' ' || u[j] == '\n') && is_printable_ascii(u[j + 1])) j += 2;
        else if (j + 2 < len && u[j] == '\n' && u[j + 1] == '\n' && is_printable_ascii(u[j + 2])) j += 3;
        else return j;
    }
}

#ifdef FX_AVX2_COPY
__attribute__((target("avx2"))) static size_t run_end_avx2(const unsigned char *u, size_t j, size_t len)
{
    return run_end(u, j, len, 1);
}
#endif

/* avx2: the CPU has it (fx_normalise asks once a document). */
static size_t copied_run_end(const unsigned char *u, size_t j, size_t len, int avx2)
{
#ifdef FX_AVX2_COPY
    if (avx2) return run_end_avx2(u, j, len);
#endif
    return run_end(u, j, len, 0);
}

static void run(builder *b, fx_doc *doc, const char *src, size_t len, int avx2)
{
    const unsigned char *u = (const unsigned char *)src;
    size_t i = 0;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        doc->skipped_prefix = 3;
        note_wide(b, 0, 3);
        i = 3;
    }
    size_t space_start = i, space_end = i;
    int newlines = 0, in_space = 0;
    size_t invalid = 0, nuls = 0;
    while (i < len) {
        /* ASCII fast path: a run of printable characters. */
        if (is_printable_ascii(u[i])) {
            size_t j = copied_run_end(u, i + 1, len, avx2);
            if (in_space) flush_space(b, src, space_start, space_end, newlines);
            in_space = 0;
            emit_copy(b, i, j - i);
            i = j;
            continue;
        }
        int32_t cp;
        size_t n = fx_utf8_decode_inline(u + i, len - i, &cp);
        if (cp < 0) {
            if (invalid < MAX_INVALID_WARNINGS)
                fx_doc_warn(doc, i, "invalid UTF-8 at byte %zu, replaced by U+FFFD", i);
            invalid++;
            if (in_space) flush_space(b, src, space_start, space_end, newlines);
            in_space = 0;
            emit_replacement(b, i, n, "\xEF\xBF\xBD", 3);
            i += n;
            continue;
        }
        if (n > 1) note_wide(b, i, n);
        if (cp == 0) {
            if (nuls == 0) doc->src_nul = i;
            if (nuls < MAX_INVALID_WARNINGS) fx_doc_warn(doc, i, "NUL byte at byte %zu, read as a space", i);
            nuls++;
        }
        char_class k = classify(cp);
        if (k == CLASS_SPACE || k == CLASS_NEWLINE) {
            if (!in_space) {
                in_space = 1;
                space_start = i;
                newlines = 0;
            }
            /* CR LF counts as one line break */
            if (k == CLASS_NEWLINE && !(cp == '\n' && i > 0 && u[i - 1] == '\r')) newlines++;
            i += n;
            space_end = i;
            continue;
        }
        if (k == CLASS_DROP) {
            i += n;
            if (in_space) space_end = i;
            continue;
        }
        if (in_space) flush_space(b, src, space_start, space_end, newlines);
        in_space = 0;
        char folded[64];
        size_t fn = cp >= 0x80 ? fold(cp, folded) : 0;
        if (fn) emit_replacement(b, i, n, folded, fn);
        else emit_copy(b, i, n);
        i += n;
    }
    doc->src_invalid_utf8 = invalid;
    /* with invalid bytes, a decode step is not always a character */
    static const size_t none[1] = {SIZE_MAX};
    if (b->continuation_count) b->continuations[b->continuation_count] = SIZE_MAX;
    doc->src_continuations = invalid ? NULL : b->continuation_count ? b->continuations : none;
    if (invalid > MAX_INVALID_WARNINGS)
        fx_doc_warn(doc, FX_UNSET, "%zu more invalid UTF-8 sequences replaced",
                    invalid - MAX_INVALID_WARNINGS);
    if (nuls > MAX_INVALID_WARNINGS)
        fx_doc_warn(doc, FX_UNSET, "%zu more NUL bytes read as spaces", nuls - MAX_INVALID_WARNINGS);
}

static void normalise(fx_doc *doc, int avx2)
{
    builder b = {.doc = doc, .src = doc->src, .cap = doc->src_len + 1};
    b.out = fx_arena_alloc_uninit(&doc->arena, b.cap);
    doc->src_nul = FX_UNSET;
    run(&b, doc, doc->src, doc->src_len, avx2);
    flush_copy(&b);
    b.out[b.len] = '\0';    /* reserve keeps room for it */
    doc->text = b.out;
    doc->text_len = b.len;
    doc->piece_count = b.piece_count;
    doc->pieces = b.piece_count ? b.pieces : fx_arena_alloc(&doc->arena, sizeof *doc->pieces);
    fx_doc_index_pieces(doc);
}

void fx_normalise(fx_doc *doc)
{
#ifdef FX_AVX2_COPY
    normalise(doc, __builtin_cpu_supports("avx2"));
#else
    normalise(doc, 0);
#endif
}

void fx_normalise_portable(fx_doc *doc) { normalise(doc, 0); }

char *fx_normalise_string(const char *s, size_t len, size_t *out_len)
{
    fx_doc *doc = fx_doc_new("", NULL, s, len);
    fx_normalise(doc);
    char *result = fx_xstrndup(doc->text, doc->text_len);
    if (out_len) *out_len = doc->text_len;
    fx_doc_free(doc);
    return result;
}
