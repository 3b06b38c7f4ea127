/* values.c - see values.h: the value functions of each value kind, and
 * the stage driver. */
#include "values.h"

#include "rules.h"
#include "values_impl.h"

/* Each kind a rule may name (rules.h): its value and its extra fields. */
static const struct {
    fx_value_part_fn value, extra;
} kinds[FX_VALUE_KIND_COUNT] = {
    [FX_VALUE_DATE] = {fx_value_date, fx_extra_date},
    [FX_VALUE_MONEY] = {fx_value_money, fx_extra_amount},
    [FX_VALUE_PERCENT] = {fx_value_percent, fx_extra_amount},
    [FX_VALUE_CITY] = {fx_value_city, fx_extra_city},
    [FX_VALUE_ORG] = {fx_value_org, fx_extra_org},
    [FX_VALUE_ACRONYM] = {fx_value_org, fx_extra_org},
};

struct cJSON *fx_value_of(const fx_fact *fact, struct cJSON **extra)
{
    fx_value_kind kind = fact->candidate->rule->value_kind;
    fx_value_out value = {0}, extras = {0};
    kinds[kind].value(fact, &value);
    kinds[kind].extra(fact, &extras);
    *extra = extras.root;
    return value.root;
}

/* emit's out, kept across its facts: no struct to clear and no stack
 * guard per call (two calls a fact) */
void fx_value_write(fx_value_out *out, const fx_fact *fact)
{
    out->type = fact->type;
    kinds[fact->candidate->rule->value_kind].value(fact, out);
}

void fx_value_extra_write(fx_value_out *out, const fx_fact *fact)
{
    out->type = fact->type;
    kinds[fact->candidate->rule->value_kind].extra(fact, out);
}

void fx_values(fx_doc *doc)
{
    for (size_t i = 0; i < doc->fact_count; i++) {
        fx_fact *f = &doc->facts[i];
        f->value = fx_value_of(f, &f->extra);
    }
}
