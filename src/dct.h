/* dct.h - stage: the document creation date, when none was given.
 *
 *   read -> normalise -> segment -> dct -> match -> resolve -> values -> emit
 *
 * The date the page states for itself, found by its cue (fx_dct_source
 * in factx.h): near the top, a line that is little more than a date, a
 * dateline ("OSLO, March 3, 2019 (Agency) -", "Aarhus 4 May 2019:",
 * "SEOUL —" over a date line), a byline, a label ("Published:",
 * "Updated", "Last modified"; words and cues from the table
 * DATE_DCT_CUES), a timestamp opening a line, a date glued to the next
 * word, a printed page's header stamp; further down, a label opening a
 * line, the first item of a list of dated news. A headline that mentions a date is none of these.
 *
 * The dates are those the date rules find on the line (fx_match_span), so
 * the stage runs before the match stage and the values read doc->dct and
 * doc->dct_source. A date given by --dct or the JSONL field is kept.
 */
#ifndef FX_DCT_H
#define FX_DCT_H

#include "document.h"

struct fx_context;

void fx_dct(const struct fx_context *ctx, fx_scratch *scratch, fx_doc *doc);

/* Find the tables the stage reads and build the cues' filter once:
 * ctx->dct, in the context's arena. fx_context_load calls it; fx_dct
 * needs it. */
typedef struct fx_dct_tables fx_dct_tables;
void fx_dct_prepare(struct fx_context *ctx);

#endif
