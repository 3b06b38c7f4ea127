/* explain.h - why a fact came out, or did not (`factx explain`).
 *
 * Given a document that went through fx_extract, prints for each fact the
 * rule (id, file:line, priority, pattern), its named captures and what the
 * tables they name say about them, the value and the normaliser that made
 * it, and every candidate that lost against it with the reason: nested in
 * or shorter than a longer match, lower priority, a rule loaded later, a
 * guard (a rule of type none), or rejected by its value normaliser.
 * Candidates that made no fact at all are listed after the facts. With
 * trace, every candidate of the document is listed in text order with what
 * became of it.
 *
 * Reads the document only; prints to out.
 */
#ifndef FX_EXPLAIN_H
#define FX_EXPLAIN_H

#include <stdio.h>

#include "document.h"

struct fx_context;

typedef struct fx_explain_options {
    const fx_span *ranges;  /* original byte ranges to explain; none: the whole document */
    size_t range_count;
    int trace;
} fx_explain_options;

/* Returns the number of facts explained. */
size_t fx_explain(const struct fx_context *ctx, const fx_doc *doc, const fx_explain_options *options, FILE *out);

#endif
