/* values.c - see values.h: one normaliser per value kind, and the stage driver. */
#include "values.h"

#include "rules.h"
#include "values_impl.h"

/* One normaliser for each kind a rule may name (rules.h). */
static const fx_value_fn normalisers[FX_VALUE_KIND_COUNT] = {
    [FX_VALUE_DATE] = fx_value_date, [FX_VALUE_MONEY] = fx_value_money, [FX_VALUE_PERCENT] = fx_value_percent,
    [FX_VALUE_CITY] = fx_value_city, [FX_VALUE_ORG] = fx_value_org,     [FX_VALUE_ACRONYM] = fx_value_acronym,
};

struct cJSON *fx_value_of(const fx_fact *fact, struct cJSON **extra)
{
    return normalisers[fact->candidate->rule->value_kind](fact, extra);
}

void fx_values(fx_doc *doc)
{
    for (size_t i = 0; i < doc->fact_count; i++) {
        fx_fact *f = &doc->facts[i];
        f->value = fx_value_of(f, &f->extra);
    }
}
