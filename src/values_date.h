/* values_date.h - what the date resolver (resolve_date.c) decides and the
 * date values (values_date.c) write; and a date read on its own, for the
 * document-date stage. */
#ifndef FX_VALUES_DATE_H
#define FX_VALUES_DATE_H

#include <stddef.h>

#include "document.h"

struct fx_context;

/* The resolver's decision for a date fact (fx_fact.resolution), in the
 * document's arena. */
typedef struct fx_date_resolution {
    const char *value;          /* TIMEX3 */
    const char *mod;            /* the qualifier's DATE_MODIFIERS mod ("START"), or NULL */
    const char *readings[2];    /* "08/12/2014" undecided: both values, else NULL */
    long anchor;                /* counted from the date whose fact starts at this byte, or -1 */
    const char *timex_type;     /* TimeML mode (doc->timeml): DATE, TIME, DURATION or SET; else NULL */
} fx_date_resolution;

/* The TIMEX3 value fact's captures give when it is read on its own: with
 * the document date as it stands, no earlier date as anchor, its extra
 * fields left out. 0 with the value in out[0..size), or -1 when the
 * captures give no date (or it does not fit). */
int fx_date_value_alone(const struct fx_context *ctx, fx_doc *doc, const fx_fact *fact, char *out, size_t size);

#endif
