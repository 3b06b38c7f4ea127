/* normalise.h - stage 2: original bytes -> normalised UTF-8 + offset map.
 *
 * What changes (so that rules can be written against one spelling):
 *   - a UTF-8 BOM at the start is skipped;
 *   - invalid UTF-8 (maximal invalid subparts, as browsers and Python do)
 *     becomes U+FFFD, with a warning naming the byte offset;
 *   - NUL and other control characters become spaces (NUL with a warning);
 *   - typographic quotes fold to ' and ", the dash family to '-',
 *     soft hyphens and zero-width characters disappear, and characters with
 *     a compatibility decomposition (full-width forms, ligatures, NBSP ...)
 *     take their NFKC form;
 *   - whitespace runs collapse: to "\n\n" if they hold two or more line
 *     breaks, to "\n" if one, else to one space; leading and trailing
 *     whitespace goes.
 * Every output byte is covered by a piece of the offset map (document.h),
 * so any span of doc->text maps back to exact original byte offsets.
 */
#ifndef FX_NORMALISE_H
#define FX_NORMALISE_H

#include <stddef.h>
#include <stdint.h>

#include "document.h"
#include "words.h"      /* fx_all_ascii */

/* Fill doc->text, doc->pieces and doc->skipped_prefix. Warnings go to the
 * document. It cannot fail: bad bytes are replaced. */
void fx_normalise(fx_doc *doc);
/* The same without the copy for AVX2 that fx_normalise reads plain
 * runs with where the CPU has it (for the tests: both must agree). */
void fx_normalise_portable(fx_doc *doc);

/* Decode one code point from s[0..len), len > 0. Returns the bytes consumed
 * (>= 1) and stores the code point, or -1 for an invalid (maximal) subpart.
 * Overlong forms, surrogates and values past U+10FFFF are invalid. */
size_t fx_utf8_decode(const unsigned char *s, size_t len, int32_t *cp);

/* fx_utf8_decode, inline for ASCII and a well-formed letter of two or
 * three bytes (most of a text's and the tables' non-ASCII: "é", "–"),
 * where the call cost some 30 instructions a letter: for the loops over
 * every character (normalise, the tables' UTF-8 check). */
static inline size_t fx_utf8_decode_inline(const unsigned char *s, size_t len, int32_t *cp)
{
    uint32_t c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xEF && len >= 2 && (s[1] & 0xC0) == 0x80) {
        if (c <= 0xDF) {
            *cp = (int32_t)((c & 0x1F) << 6 | (s[1] & 0x3Fu));
            return 2;
        }
        /* not overlong (U+0800 at least), not a surrogate */
        uint32_t v = (c & 0x0F) << 12 | (s[1] & 0x3Fu) << 6 | (len >= 3 ? s[2] & 0x3Fu : 0);
        if (len >= 3 && (s[2] & 0xC0) == 0x80 && v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
            *cp = (int32_t)v;
            return 3;
        }
    }
    return fx_utf8_decode(s, len, cp);
}

/* Code points in s[0..len), counting each invalid subpart as one. */
size_t fx_utf8_count(const char *s, size_t len);
/* The same of well-formed UTF-8 (a document's text, a table's key): an
 * ASCII string's length without a decode (the city resolver's letters). */
static inline size_t fx_utf8_letters(const char *s, size_t len)
{
    return fx_all_ascii(s, len) ? len : fx_utf8_count(s, len);
}

/* Normalise a short string (a table key, an example) the way documents are
 * normalised; the result is malloc'd and owned by the caller. Tables'
 * keys normalised by it are kept between runs (tables.c's cache, keyed by
 * this and utf8proc's version): a change to what it returns for any
 * string must change FX_NORMALISE_VERSION. */
#define FX_NORMALISE_VERSION "normalise 1"
char *fx_normalise_string(const char *s, size_t len, size_t *out_len);

#endif
