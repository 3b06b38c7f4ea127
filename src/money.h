/* money.h - what the money and percent resolver (resolve_money.c) decides
 * and their values (values_money.c) write. */
#ifndef FX_MONEY_H
#define FX_MONEY_H

#include <stddef.h>

/* A span of another fact, in bytes of the original. */
typedef struct fx_amount_span { size_t start, end; } fx_amount_span;

enum { FX_LINK_RANGE, FX_LINK_EQUIVALENT };

/* The resolver's decision for a money or percent fact (fx_fact.resolution),
 * in the document's arena. */
typedef struct fx_amount_resolution {
    double value;               /* the amount (money) or the percentage, rounded */
    const char *currency;       /* money: ISO 4217 code */
    const char **candidates;    /* the currencies an ambiguous form may mean, when the choice is a guess */
    size_t candidate_count;
    const char *qualifier;      /* "up to", lower case, or NULL */
    const char *mod;            /* its AMOUNT_QUALIFIER mod */
    const char *direction;      /* "up" or "down" (AMOUNT_DIRECTION: "fell 3%", "a 5% rise"), or NULL */
    int percentage_points;      /* percent: the unit is percentage points ("2 percentage points", "1.2pp") */
    int links[2];               /* FX_LINK_..., in the order the value lists them */
    size_t link_count;
    int range_high_end;         /* FX_LINK_RANGE: 1 for the high end, 0 for the low */
    double range_low, range_high;
    fx_amount_span range_other; /* the other end */
    int has_equivalent;
    fx_amount_span equivalent;  /* FX_LINK_EQUIVALENT: the same sum in another currency */
} fx_amount_resolution;

/* Parse a number written with ',', '.', ' ' or '\'' separators; 0 on
 * success. Ambiguous "1.500" and "1,500" are read as thousands when
 * continental is set, English otherwise. */
int fx_parse_number(const char *s, size_t len, int continental, double *out);

/* What the resolver reads from the tables (their columns, the currency
 * forms that count as evidence of a currency), found once when the
 * context is loaded (fx_context_load) instead of per document; ctx->money,
 * owned by the context and read-only while documents are resolved. */
struct fx_context;
struct fx_money_context *fx_money_context_build(const struct fx_context *ctx);
void fx_money_context_free(struct fx_money_context *money);

#endif
