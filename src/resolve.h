/* resolve.h - stage 5: every decision about the document's matches.
 *
 * First overlaps (fx_resolve_overlaps): candidates -> facts without
 * overlaps. Deterministic: the
 * longest span wins, then the higher priority, then the rule loaded first,
 * then the earlier start. Candidates of type none take part and then
 * vanish (they block what they cover). This fills doc->facts (sorted by
 * start) with offsets mapped to the original and the sentence index.
 *
 * Then (fx_resolve_facts) each fact goes, in document order, to the resolver of the value
 * kind its rule names (the type's, unless the rule says "value:"):
 * resolve_city.c, resolve_money.c (money and percent), resolve_org.c
 * (organisations and acronyms), resolve_date.c. A resolver keeps the
 * fact, recording what it decided in fact->resolution for the values, or
 * drops it. The date resolver reads the document date, which the dct
 * stage found before the match (dct.h).
 *
 * Losing and dropped candidates get their reason in candidate->rejected,
 * for explain.
 */
#ifndef FX_RESOLVE_H
#define FX_RESOLVE_H

#include "document.h"

struct fx_context;

/* The first half: overlapping candidates -> doc->facts. */
void fx_resolve_overlaps(fx_doc *doc);
/* The second half: each fact to its resolver. */
void fx_resolve_facts(const struct fx_context *ctx, fx_doc *doc);

#endif
