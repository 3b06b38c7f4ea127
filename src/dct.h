/* dct.h - stage: the document creation date, when none was given.
 *
 * A date with a day near the top of the article, on a short line that
 * says it is the article's date: a byline ("By ..., December 08, 2014"),
 * a dateline ("BEIJING, Dec. 4, 2014 -", "Published: ..."), a line that is
 * little more than the date. Cue words come from the table DATE_DCT_CUES.
 *
 * It runs between the two halves of resolve (resolve.h): it reads the
 * date facts that won their place among the matches, and writes doc->dct
 * and doc->dct_source, which the date resolver reads. A date given by
 * --dct or the JSONL field is kept as it is.
 */
#ifndef FX_DCT_H
#define FX_DCT_H

#include "document.h"

struct fx_context;

void fx_dct(const struct fx_context *ctx, fx_doc *doc);

#endif
