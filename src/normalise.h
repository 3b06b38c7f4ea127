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

/* Fill doc->text, doc->pieces and doc->skipped_prefix. Warnings go to the
 * document. It cannot fail: bad bytes are replaced. */
void fx_normalise(fx_doc *doc);

/* Decode one code point from s[0..len), len > 0. Returns the bytes consumed
 * (>= 1) and stores the code point, or -1 for an invalid (maximal) subpart.
 * Overlong forms, surrogates and values past U+10FFFF are invalid. */
size_t fx_utf8_decode(const unsigned char *s, size_t len, int32_t *cp);

/* Code points in s[0..len), counting each invalid subpart as one. */
size_t fx_utf8_count(const char *s, size_t len);

/* Normalise a short string (a table key, an example) the way documents are
 * normalised; the result is malloc'd and owned by the caller. */
char *fx_normalise_string(const char *s, size_t len, size_t *out_len);

#endif
