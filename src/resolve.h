/* resolve.h - stage 5: every decision about the document's matches.
 *
 * First overlaps: candidates -> facts without overlaps. Deterministic:
 * the longest span wins, then the higher priority, then the rule loaded
 * first, then the earlier start (decided per cluster of candidates that
 * overlap, in text order). Candidates of type none take part and
 * then vanish (they block what they cover). This fills doc->facts
 * (sorted by start) with offsets mapped to the original and the sentence
 * index.
 *
 * Then each fact goes, in document order, to the resolver of the value
 * kind its rule names (the type's, unless the rule says "value:"):
 * resolve_city.c, resolve_money.c (money and percent), resolve_org.c
 * (organisations and acronyms), resolve_date.c. A resolver keeps the
 * fact, recording what it decided in fact->resolution for the values, or
 * drops it. The date resolver reads the document date, which the dct
 * stage found before the match (dct.h).
 *
 * A range (a date, sum or percentage rule with a second end: year2,
 * month2, day2 or num2) whose value is rejected, being reversed
 * ("December 5, 2014 - January 1, 2014", "$5-3 million"), is as if it
 * had not matched: when it covers other candidates, it is set aside and
 * both steps run again without it, so that the matches inside it
 * ("December 5, 2014", "$5") are decided as they would have been. Each
 * round peels one level, at most MAX_ROUNDS; only the last round's
 * decisions and warnings stay (so a round to be done again stops once
 * no fact left could change what it sets aside). Any other rejected fact keeps what it
 * covers hidden: an impossible day ("31 February 2014" gives no
 * "February 2014"), a city or organisation dropped for its context
 * ("Paris" of "Paris Hilton").
 *
 * Losing and dropped candidates get their reason in candidate->rejected,
 * for explain.
 */
#ifndef FX_RESOLVE_H
#define FX_RESOLVE_H

#include "document.h"

struct fx_context;

/* Appended to the reason of a range dropped for its value that covers
 * other matches: they are decided again without it (explain reads it). */
#define FX_SET_ASIDE_NOTE "; set aside, the matches inside it decided again"

/* Candidates -> doc->facts, each decided by its resolver. scratch: the
 * thread's (match.h; NULL: none), where the city resolver keeps what
 * the tables say of a name across documents. */
void fx_resolve(const struct fx_context *ctx, fx_scratch *scratch, fx_doc *doc);

/* Find the tables the city resolver and the organisations' pass read, and
 * their columns, by name once: ctx->resolve_tables, in the context's
 * arena. fx_context_load calls it (as it builds ctx->money, money.h); the
 * resolvers need both. */
void fx_resolve_prepare(struct fx_context *ctx);

#endif
