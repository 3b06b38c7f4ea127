/* segment.h - stage 3: sentences over the normalised text.
 *
 * A line break always ends a sentence (headings, list items and bylines
 * stand alone in scraped articles). Inside a line, '.', '!' or '?' ends a
 * sentence when followed by a space and an upper-case letter, digit, quote
 * or bracket; it does not after an abbreviation from the ABBREVIATIONS
 * table ("Mr.", "Inc.", "U.S."), after a single capital (an initial), or
 * as part of an ellipsis. Decimals never qualify (no space follows).
 */
#ifndef FX_SEGMENT_H
#define FX_SEGMENT_H

#include "document.h"

struct fx_context;

/* Fill doc->sentences (normalised offsets, in order, never empty). */
void fx_segment(const struct fx_context *ctx, fx_doc *doc);
/* The same without the copy for AVX2 that fx_segment picks where the
 * CPU has it (for the tests: both must give the same sentences). */
void fx_segment_portable(const struct fx_context *ctx, fx_doc *doc);

/* Find the ABBREVIATIONS table once: ctx->abbreviations, which fx_segment
 * reads (a lookup by name per document cost more than the sentences of a
 * short one). fx_context_load calls it. */
void fx_segment_prepare(struct fx_context *ctx);

#endif
