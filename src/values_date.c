/* values_date.c - date values: the TIMEX3 string the date resolver
 * (resolve_date.c, where the captures a date rule may use are listed)
 * decided, with the extra fields "mod" and "readings". */
#include "values_date.h"
#include "values_impl.h"

cJSON *fx_value_date(const fx_fact *fact, cJSON **extra)
{
    const fx_date_resolution *r = fact->resolution;
    if (r->mod || r->readings[0]) {
        *extra = cJSON_CreateObject();
        if (r->mod) fx_add_lasting(*extra, "mod", r->mod);     /* a table field */
        if (r->readings[0]) {
            cJSON *both = cJSON_CreateArray();
            fx_add(*extra, "readings", both);
            cJSON_AddItemToArray(both, cJSON_CreateStringReference(r->readings[0]));   /* the arena */
            cJSON_AddItemToArray(both, cJSON_CreateStringReference(r->readings[1]));
        }
    }
    return cJSON_CreateString(r->value);
}
