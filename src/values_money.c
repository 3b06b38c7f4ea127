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

static void span(fx_value_out *out, const char *key, fx_amount_span span)
{
    fx_out_begin_object(out, key);
    fx_out_count(out, "start", span.start);
    fx_out_count(out, "end", span.end);
    fx_out_end_object(out);
}

void fx_extra_amount(const fx_fact *fact, fx_value_out *out)
{
    const fx_amount_resolution *r = fact->resolution;
    if (r->percentage_points) fx_out_string(out, "unit", "pp");
    if (r->qualifier) {
        fx_out_string(out, "qualifier", r->qualifier);   /* the arena */
        fx_out_string(out, "mod", r->mod);               /* a table field */
    }
    if (r->direction) fx_out_string(out, "direction", r->direction);   /* a table field */
    if (r->candidate_count) {
        fx_out_begin_array(out, "currency_candidates");
        for (size_t i = 0; i < r->candidate_count; i++) fx_out_string(out, NULL, r->candidates[i]);   /* tables or arena */
        fx_out_end_array(out);
    }
    for (size_t i = 0; i < r->link_count; i++) {
        if (r->links[i] == FX_LINK_RANGE) {
            fx_out_begin_object(out, "range");
            fx_out_string(out, "role", r->range_high_end ? "high" : "low");
            fx_out_number(out, "low", r->range_low);
            fx_out_number(out, "high", r->range_high);
            span(out, "other", r->range_other);
            fx_out_end_object(out);
        } else {
            span(out, "equivalent", r->equivalent);
        }
    }
}

void fx_value_money(const fx_fact *fact, fx_value_out *out)
{
    const fx_amount_resolution *r = fact->resolution;
    fx_out_begin_object(out, NULL);
    fx_out_number(out, "amount", r->value);
    fx_out_string(out, "currency", r->currency);   /* a table field, or the arena */
    fx_out_end_object(out);
}

void fx_value_percent(const fx_fact *fact, fx_value_out *out)
{
    const fx_amount_resolution *r = fact->resolution;
    fx_out_number(out, NULL, r->value);
}
