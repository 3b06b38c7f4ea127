/* test_normalise.c - the offset map on tricky Unicode, and UTF-8 decoding. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "normalise.h"

/* Normalise src and return the document (caller frees). */
static fx_doc *norm(const char *src, size_t len)
{
    fx_doc *doc = fx_doc_new("t", NULL, src, len);
    fx_normalise(doc);
    return doc;
}

/* The original bytes behind normalised text[ns..ne). */
static char *back(const fx_doc *doc, size_t ns, size_t ne)
{
    size_t s = fx_doc_orig_start(doc, ns), e = fx_doc_orig_end(doc, ne);
    char *out = malloc(e - s + 1);
    memcpy(out, doc->src + s, e - s);
    out[e - s] = '\0';
    return out;
}

static size_t find(const fx_doc *doc, const char *needle)
{
    const char *p = strstr(doc->text, needle);
    return p ? (size_t)(p - doc->text) : (size_t)-1;
}

static void check_span(const char *src, const char *needle_norm, const char *want_orig)
{
    fx_doc *doc = norm(src, strlen(src));
    size_t at = find(doc, needle_norm);
    CHECK(at != (size_t)-1);
    if (at != (size_t)-1) {
        char *got = back(doc, at, at + strlen(needle_norm));
        CHECK_STR(got, want_orig);
        free(got);
    }
    fx_doc_free(doc);
}

void test_normalise(void)
{
    /* ASCII passes through; whitespace runs collapse */
    fx_doc *d = norm("  a  b\t\tc\n\n\nd  ", 16);
    CHECK_STR(d->text, "a b c\n\nd");
    fx_doc_free(d);

    /* typographic quotes, dashes, NBSP fold; offsets come back exact */
    check_span("Denmark\xE2\x80\x99s experience", "Denmark's", "Denmark\xE2\x80\x99s");
    check_span("2012\xE2\x80\x93" "2020 plan", "2012-2020", "2012\xE2\x80\x93" "2020");
    check_span("\xE2\x82\xAC" "470\xC2\xA0million", "470 million", "470\xC2\xA0million");
    check_span("the \xE2\x80\x9C" "Chinese Mayor\xE2\x80\x9D here", "\"Chinese Mayor\"",
               "\xE2\x80\x9C" "Chinese Mayor\xE2\x80\x9D");
    /* full-width digits (NFKC) */
    check_span("year \xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x98 ok", "2018",
               "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x98");
    /* ligature: a match of "fi" maps to the whole ligature */
    check_span("of\xEF\xAC\x81" "ce", "office", "of\xEF\xAC\x81" "ce");
    /* soft hyphen disappears inside a word */
    check_span("Copen\xC2\xAD" "hagen", "Copenhagen", "Copen\xC2\xAD" "hagen");
    /* CRLF is one line break */
    d = norm("a\r\nb\r\n\r\nc", 9);
    CHECK_STR(d->text, "a\nb\n\nc");
    fx_doc_free(d);
    /* BOM skipped, offsets still into the original */
    check_span("\xEF\xBB\xBFHello world", "Hello", "Hello");
    d = norm("\xEF\xBB\xBFHello", 8);
    CHECK(fx_doc_orig_start(d, 0) == 3);
    CHECK(d->skipped_prefix == 3);
    fx_doc_free(d);

    /* invalid UTF-8 becomes U+FFFD with a warning naming the byte */
    d = norm("ab\xFF" "cd", 5);
    CHECK_STR(d->text, "ab\xEF\xBF\xBD" "cd");
    CHECK(d->warning_count == 1);
    CHECK(d->warning_count == 1 && d->warnings[0].offset == 2);
    CHECK(fx_doc_orig_start(d, 5) == 3);
    fx_doc_free(d);
    /* NUL is read as a space, with a warning */
    d = norm("a\0b", 3);
    CHECK_STR(d->text, "a b");
    CHECK(d->warning_count == 1);
    fx_doc_free(d);

    /* decoder: overlong, surrogate, truncated, too large */
    int32_t cp;
    CHECK(fx_utf8_decode((const unsigned char *)"\xC0\x80", 2, &cp) == 1 && cp == -1);
    CHECK(fx_utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp) == 1 && cp == -1);
    CHECK(fx_utf8_decode((const unsigned char *)"\xE2\x82", 2, &cp) == 2 && cp == -1);
    CHECK(fx_utf8_decode((const unsigned char *)"\xF4\x90\x80\x80", 4, &cp) == 1 && cp == -1);
    CHECK(fx_utf8_decode((const unsigned char *)"\xE2\x82\xAC", 3, &cp) == 3 && cp == 0x20AC);
    CHECK(fx_utf8_count("a\xE2\x82\xAC" "b\xFF", 6) == 4);

    /* the inline decoder (two- and three-byte letters) as the general
     * one: every first and second byte, third bytes at the edges of the
     * continuation range, each cut to one, two, three and four bytes */
    {
        static const unsigned char thirds[] = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0, 0xFF};
        int same = 1, inline_letters = 0;
        for (unsigned a = 0; a <= 0xFF; a++)
            for (unsigned b = 0; b <= 0xFF; b++)
                for (size_t t = 0; t < sizeof thirds; t++)
                    for (size_t len = 1; len <= 4; len++) {
                        const unsigned char s[4] = {(unsigned char)a, (unsigned char)b, thirds[t], 0x80};
                        int32_t want, got;
                        size_t n_want = fx_utf8_decode(s, len, &want), n_got = fx_utf8_decode_inline(s, len, &got);
                        same &= n_want == n_got && want == got;
                        inline_letters += (n_got == 2 || n_got == 3) && got >= 0;
                    }
        CHECK(same);
        CHECK(inline_letters > 40000);
    }

    /* the offset map's index (document.h, FX_PIECE_BLOCK): every offset
     * maps as a search of all pieces maps it, over blocks holding no
     * piece's start, one, or many (a curly quote every few bytes) */
    {
        char src[2048];
        size_t n = 0;
        for (size_t i = 0; n + 8 < sizeof src; i++) {
            size_t gap = i % 40 < 20 ? i % 5 : 90;   /* many pieces, then few */
            for (size_t k = 0; k < gap && n + 8 < sizeof src; k++) src[n++] = 'a';
            memcpy(src + n, "\xE2\x80\x99", 3);
            n += 3;
        }
        d = norm(src, n);
        int same = d->piece_count > 100;
        for (size_t pos = 0; pos <= d->text_len; pos++) {
            size_t k = 0;
            while (k + 1 < d->piece_count && d->pieces[k + 1].norm <= pos) k++;
            const fx_piece *p = &d->pieces[k];
            size_t start = pos >= p->norm + p->norm_len ? p->orig + p->orig_len
                           : p->copied                  ? p->orig + (pos - p->norm)
                                                        : p->orig;
            same &= fx_doc_orig_start(d, pos) == start;
        }
        CHECK(same);
        fx_doc_free(d);
    }

    /* a span mapped by a cursor (fx_doc_orig_span_next) maps as without
     * one (and as its two edges alone), whichever span the cursor holds:
     * spans in text order, in reverse, empty ones, ones across pieces,
     * over copied pieces, curly quotes, a composed e-acute, a bad byte */
    {
        static const char *const bits[] = {"ab", "\xE2\x80\x99", "cde", "e\xCC\x81", "f", "\xFF", "  gh"};
        char src[600];
        size_t n = 0;
        for (size_t i = 0; n + 8 < sizeof src; i++) {
            const char *b = bits[(i * 7 + i / 3) % 7];
            memcpy(src + n, b, strlen(b));
            n += strlen(b);
        }
        d = norm(src, n);
        int same = d->piece_count > 20, hits = 0;
        for (int reverse = 0; reverse < 2; reverse++) {
            fx_piece_cursor cursor = {0};
            for (size_t k = 0; k <= d->text_len; k++) {
                size_t s = reverse ? d->text_len - k : k;
                for (size_t e = s; e <= d->text_len && e <= s + 9; e++) {
                    fx_span want = fx_doc_orig_span(d, s, e);
                    fx_piece_cursor before = cursor;
                    fx_span got = fx_doc_orig_span_next(d, &cursor, s, e);
                    same &= got.start == want.start && got.end == want.end;
                    same &= want.start == fx_doc_orig_start(d, s) && want.end == fx_doc_orig_end(d, e);
                    hits += s < e && s - before.norm < before.norm_len && e - before.norm <= before.norm_len;
                }
            }
        }
        CHECK(same);
        CHECK(hits > 100);   /* the cursor's own path was taken */
        fx_doc_free(d);
        d = norm("", 0);
        fx_piece_cursor none = {0};
        fx_span empty = fx_doc_orig_span_next(d, &none, 0, 0);
        CHECK(empty.start == 0 && empty.end == 0);
        fx_doc_free(d);
    }

    /* a text longer than its source (U+FFFD, three bytes, for each bad
     * byte), as long as a third of it, with many pieces: the text and the
     * pieces grow in the document's arena (normalise.c's reserve and
     * new_piece), and each replacement maps back to its byte */
    static const size_t bad_counts[] = {1, 2, 5, 17, 40, 100, 700};
    for (size_t t = 0; t < sizeof bad_counts / sizeof *bad_counts; t++) {
        size_t bad = bad_counts[t], n = 0, want_len = 0;
        char src[2 * 700 + 1], want[4 * 700 + 1];
        for (size_t i = 0; i < bad; i++) {
            if (i % 3 == 0) src[n++] = want[want_len++] = 'x';   /* a copy between some of them */
            src[n++] = '\xFF';
            memcpy(want + want_len, "\xEF\xBF\xBD", 3);
            want_len += 3;
        }
        want[want_len] = '\0';
        d = norm(src, n);
        CHECK(d->text_len == want_len && memcmp(d->text, want, want_len + 1) == 0);
        int mapped = 1;
        for (size_t i = 0, pos = 0; i < n; i++) {
            if (src[i] == 'x') {
                mapped &= fx_doc_orig_start(d, pos) == i;
                pos++;
            } else {
                mapped &= fx_doc_orig_start(d, pos) == i && fx_doc_orig_end(d, pos + 3) == i + 1;
                pos += 3;
            }
        }
        CHECK(mapped);
        fx_doc_free(d);
    }

    /* the source's continuation bytes listed for emit's code points, the
     * BOM's too, then SIZE_MAX; its first NUL; no list with invalid UTF-8 */
    static const char wide[] = "\xEF\xBB\xBF" "a\xC3\xA9" "b\xE2\x82\xAC" "\xF0\x9F\x98\x80" "\x00" "c\x00";
    d = norm(wide, sizeof wide - 1);
    static const size_t continuations[] = {1, 2, 5, 8, 9, 11, 12, 13, SIZE_MAX};
    CHECK(d->src_continuations != NULL &&
          memcmp(d->src_continuations, continuations, sizeof continuations) == 0);
    CHECK(d->src_nul == 14);
    fx_doc_free(d);
    d = norm("plain", 5);
    CHECK(d->src_continuations != NULL && d->src_continuations[0] == SIZE_MAX && d->src_nul == FX_UNSET);
    fx_doc_free(d);
    d = norm("\xC3\xA9 \xFF", 4);
    CHECK(d->src_continuations == NULL);
    fx_doc_free(d);
    /* past the list's first room (32): every one kept */
    char many[3 * 40];
    for (size_t i = 0; i < 40; i++) memcpy(many + 3 * i, "\xE2\x80\x94", 3);
    d = norm(many, sizeof many);
    int listed = d->src_continuations != NULL && d->src_continuations[80] == SIZE_MAX;
    for (size_t i = 0; listed && i < 40; i++)
        listed = d->src_continuations[2 * i] == 3 * i + 1 && d->src_continuations[2 * i + 1] == 3 * i + 2;
    CHECK(listed);
    fx_doc_free(d);

    /* the copy for AVX2 (fx_normalise, where the CPU has it) reads plain
     * runs thirty-two bytes at a time: every byte value at every place of
     * the first seventy-two, where those reads stop, against the portable
     * copy (text, pieces, warnings) */
    int agree = 1;
    for (int c = 0; c < 256; c++)
        for (size_t p = 0; p < 72; p++) {
            char src[] = "The quick brown fox jumps over the lazy dog and then the cat sat on a mat. It did.";
            src[p] = (char)c;
            fx_doc *x = norm(src, sizeof src - 1), *y = fx_doc_new("t", NULL, src, sizeof src - 1);
            fx_normalise_portable(y);
            agree &= x->text_len == y->text_len && memcmp(x->text, y->text, x->text_len) == 0 &&
                     x->piece_count == y->piece_count && x->warning_count == y->warning_count;
            for (size_t k = 0; agree && k < x->piece_count; k++) {
                const fx_piece *a = &x->pieces[k], *b = &y->pieces[k];     /* by field: not the padding */
                agree = a->norm == b->norm && a->norm_len == b->norm_len && a->orig == b->orig &&
                        a->orig_len == b->orig_len && a->copied == b->copied;
            }
            fx_doc_free(x);
            fx_doc_free(y);
        }
    CHECK(agree);

    /* empty input */
    d = norm("", 0);
    CHECK(d->text_len == 0);
    CHECK(fx_doc_orig_start(d, 0) == 0 && fx_doc_orig_end(d, 0) == 0);
    fx_doc_free(d);
}
