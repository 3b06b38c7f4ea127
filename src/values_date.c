/* values_date.c - date values: the TIMEX3 string the date resolver
 * (resolve_date.c, where the captures a date rule may use are listed)
 * decided, with the extra fields "mod", "readings", "anchor" and, in
 * TimeML mode, "timex_type". */
#include "values_date.h"
#include "values_impl.h"

void fx_value_date(const fx_fact *fact, fx_value_out *out)
{
    const fx_date_resolution *r = fact->resolution;
    fx_out_string(out, NULL, r->value);   /* the arena */
}

void fx_extra_date(const fx_fact *fact, fx_value_out *out)
{
    const fx_date_resolution *r = fact->resolution;
    if (r->mod) fx_out_string(out, "mod", r->mod);     /* a table field */
    if (r->readings[0]) {
        fx_out_begin_array(out, "readings");
        fx_out_string(out, NULL, r->readings[0]);   /* the arena */
        fx_out_string(out, NULL, r->readings[1]);
        fx_out_end_array(out);
    }
    if (r->anchor >= 0) fx_out_count(out, "anchor", (size_t)r->anchor);
    if (r->timex_type) fx_out_string(out, "timex_type", r->timex_type);   /* a literal */
}
