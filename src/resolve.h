/* resolve.h - stage 5: overlapping candidates -> facts without overlaps.
 *
 * Deterministic: the longest span wins, then the higher priority, then the
 * rule loaded first, then the earlier start. Candidates of type none take
 * part and then vanish (they block what they cover). Losing candidates get
 * their reason in candidate->rejected, for explain.
 * Fills doc->facts (sorted by start) with offsets mapped to the original
 * and the sentence index; values come in the next stage.
 */
#ifndef FX_RESOLVE_H
#define FX_RESOLVE_H

#include "document.h"

void fx_resolve(fx_doc *doc);

#endif
