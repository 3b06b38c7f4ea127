/* resolve.h - stage 5: every decision about the document's matches.
 *
 * First overlaps: candidates -> facts without overlaps. Deterministic: the
 * longest span wins, then the higher priority, then the rule loaded first,
 * then the earlier start. Candidates of type none take part and then
 * vanish (they block what they cover). This fills doc->facts (sorted by
 * start) with offsets mapped to the original and the sentence index.
 *
 * Then each fact goes, in document order, to its type's resolver
 * (resolve_<type>.c), which keeps it, recording what it decided in
 * fact->resolution for the values, or drops it.
 *
 * Losing and dropped candidates get their reason in candidate->rejected,
 * for explain: resolve is the one stage that writes it.
 */
#ifndef FX_RESOLVE_H
#define FX_RESOLVE_H

#include "document.h"

struct fx_context;

void fx_resolve(const struct fx_context *ctx, fx_doc *doc);

#endif
