/* values_money.c - money {"amount", "currency"} and percent (a number)
 * values, written from what the resolver decided (resolve_money.c, where
 * the captures a money or percent rule may use are listed), with the extra
 * fields:
 *   unit                   "pp" for percentage points (percent)
 *   qualifier, mod         "up to" / EQUAL_OR_LESS, from the words before
 *   direction              "up" or "down": the sum or percentage is a change
 *                          ("fell 3%", "a loss of $2m", "a 5% rise")
 *   currency_candidates    the currencies an ambiguous form ("¥", "kr.",
 *                          bare "$") may mean, when the choice is a guess
 *   range                  {"role": "low"|"high", "low", "high", "other":
 *                          {"start", "end"}} for the two ends of a range
 *   equivalent             {"start", "end"} of the same sum in another
 *                          currency ("1 euro = 1.25 US dollars")
 */
#include "money.h"
#include "values_impl.h"

static cJSON *span_json(fx_amount_span span)
{
    cJSON *o = cJSON_CreateObject();
    fx_add_number(o, "start", (double)span.start);
    fx_add_number(o, "end", (double)span.end);
    return o;
}

static void add_extras(cJSON **extra_out, const fx_amount_resolution *r)
{
    if (!r->qualifier && !r->candidate_count && !r->link_count && !r->direction && !r->percentage_points) return;
    cJSON *extra = *extra_out = cJSON_CreateObject();
    if (r->percentage_points) fx_add_lasting(extra, "unit", "pp");
    if (r->qualifier) {
        fx_add_lasting(extra, "qualifier", r->qualifier);   /* the arena */
        fx_add_lasting(extra, "mod", r->mod);               /* a table field */
    }
    if (r->direction) fx_add_lasting(extra, "direction", r->direction);   /* a table field */
    if (r->candidate_count) {
        cJSON *list = cJSON_CreateArray();
        for (size_t i = 0; i < r->candidate_count; i++)
            cJSON_AddItemToArray(list, cJSON_CreateStringReference(r->candidates[i]));   /* tables or arena */
        fx_add(extra, "currency_candidates", list);
    }
    for (size_t i = 0; i < r->link_count; i++) {
        if (r->links[i] == FX_LINK_RANGE) {
            cJSON *range = cJSON_CreateObject();
            fx_add_lasting(range, "role", r->range_high_end ? "high" : "low");
            fx_add_number(range, "low", r->range_low);
            fx_add_number(range, "high", r->range_high);
            fx_add(range, "other", span_json(r->range_other));
            fx_add(extra, "range", range);
        } else {
            fx_add(extra, "equivalent", span_json(r->equivalent));
        }
    }
}

cJSON *fx_value_money(const fx_fact *fact, cJSON **extra)
{
    const fx_amount_resolution *r = fact->resolution;
    cJSON *v = cJSON_CreateObject();
    fx_add_number(v, "amount", r->value);
    fx_add_lasting(v, "currency", r->currency);   /* a table field, or the arena */
    add_extras(extra, r);
    return v;
}

cJSON *fx_value_percent(const fx_fact *fact, cJSON **extra)
{
    const fx_amount_resolution *r = fact->resolution;
    add_extras(extra, r);
    return cJSON_CreateNumber(r->value);
}
