/* values_place.c - city values from the gazetteer row that matched.
 *
 * A list rule's table gives the columns: name (canonical name; the key if
 * empty), country_code, region, lat, lon, population, geonames_id. A
 * pattern rule may capture "name" and have it looked up in table CITIES.
 */
#include <stdlib.h>
#include <string.h>

#include "values_impl.h"

static void add_field(cJSON *v, const fx_table *t, const fx_table_row *row, const char *column, int numeric)
{
    const char *s = fx_table_field(t, row, column);
    if (!*s) return;
    if (numeric) cJSON_AddNumberToObject(v, column, strtod(s, NULL));
    else cJSON_AddStringToObject(v, column, s);
}

cJSON *fx_value_city(fx_value_env *env, fx_fact *fact)
{
    const fx_table *t = fact->candidate->rule->list;
    const fx_table_row *row = fact->candidate->entry;
    if (!row) {
        const char *name;
        long n = fx_fact_group(env->doc, fact, "name", &name);
        t = fx_rules_table(env->ctx, "CITIES");
        if (n <= 0 || !t || !(row = fx_table_find(t, name, (size_t)n))) return NULL;
    }
    cJSON *v = cJSON_CreateObject();
    const char *name = fx_table_field(t, row, "name");
    cJSON_AddStringToObject(v, "name", *name ? name : row->fields[0]);
    add_field(v, t, row, "country_code", 0);
    add_field(v, t, row, "region", 0);
    add_field(v, t, row, "lat", 1);
    add_field(v, t, row, "lon", 1);
    add_field(v, t, row, "population", 1);
    add_field(v, t, row, "geonames_id", 1);
    return v;
}
