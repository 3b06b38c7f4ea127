/* values.c - see values.h: one normaliser per value kind, and the stage driver. */
#include "values.h"

#include "values_impl.h"

/* One normaliser for each kind a rule may name (rules.h). */
static const fx_value_fn normalisers[FX_VALUE_KIND_COUNT] = {
    [FX_VALUE_DATE] = fx_value_date, [FX_VALUE_MONEY] = fx_value_money, [FX_VALUE_PERCENT] = fx_value_percent,
    [FX_VALUE_CITY] = fx_value_city, [FX_VALUE_ORG] = fx_value_org,     [FX_VALUE_ACRONYM] = fx_value_acronym,
};

void fx_values(const struct fx_context *ctx, fx_doc *doc)
{
    fx_value_env env = {0};
    env.ctx = ctx;
    env.doc = doc;
    size_t kept = 0;
    for (size_t i = 0; i < doc->fact_count; i++) {
        fx_fact *f = &doc->facts[i];
        env.index = i;
        env.valued = kept;
        cJSON *value = normalisers[f->candidate->rule->value_kind](&env, f);
        if (!value) {
            ((fx_candidate *)f->candidate)->rejected = "its value normaliser rejected it";
            cJSON_Delete(f->extra);
            f->extra = NULL;
            continue;
        }
        f->value = value;
        doc->facts[kept++] = *f;
    }
    doc->fact_count = kept;
}
