/* values_date.c - date values: the TIMEX3 string the date resolver
 * (resolve_date.c, where the captures a date rule may use are listed)
 * decided, with the extra fields "mod", "readings", "anchor" and, in
 * TimeML mode, "timex_type". */
#include "values_date.h"
#include "values_impl.h"

cJSON *fx_value_date(const fx_fact *fact, cJSON **extra)
{
    const fx_date_resolution *r = fact->resolution;
    if (r->mod || r->readings[0] || r->anchor >= 0 || r->timex_type) {
        *extra = cJSON_CreateObject();
        if (r->mod) fx_add_lasting(*extra, "mod", r->mod);     /* a table field */
        if (r->readings[0]) {
            cJSON *both = cJSON_CreateArray();
            fx_add(*extra, "readings", both);
            cJSON_AddItemToArray(both, cJSON_CreateStringReference(r->readings[0]));   /* the arena */
            cJSON_AddItemToArray(both, cJSON_CreateStringReference(r->readings[1]));
        }
        if (r->anchor >= 0) fx_add_number(*extra, "anchor", (double)r->anchor);
        if (r->timex_type) fx_add_lasting(*extra, "timex_type", r->timex_type);   /* a literal */
    }
    return cJSON_CreateString(r->value);
}
