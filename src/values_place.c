/* values_place.c - city values: what a map needs to know about the city
 * the city resolver (resolve_city.c) chose:
 *   {"name", "country_code", "country" (the same code; the gold files'
 *   key), "region", "lat", "lon", "population", "geonames_id",
 *   "geonames_name"}
 * with the fields the row lacks left out, and, when the choice was a near
 * tie, the extra field "candidates" (at most MAX_LISTED, most populous
 * first; name, country_code, region, population).
 */
#include <string.h>

#include "place.h"
#include "values_impl.h"

enum { MAX_LISTED = 5 };

static void add_field(cJSON *v, const fx_city_choice *c, int column, const char *as, int numeric)
{
    const char *s = fx_place_field(c->row, column);
    if (!*s) return;
    if (numeric) fx_add_number(v, as, column == c->table->population ? c->population : fx_parse_decimal(s));
    else fx_add_lasting(v, as, s);   /* a table field */
}

static cJSON *describe(const fx_city_choice *c, int brief)
{
    const fx_place_columns *t = c->table;
    cJSON *v = cJSON_CreateObject();
    fx_add_lasting(v, "name", c->name);   /* a table field */
    add_field(v, c, t->country_code, "country_code", 0);
    if (!brief) add_field(v, c, t->country_code, "country", 0);   /* the gold files' name for it */
    add_field(v, c, t->region, "region", 0);
    if (!brief) {
        add_field(v, c, t->lat, "lat", 1);
        add_field(v, c, t->lon, "lon", 1);
    }
    add_field(v, c, t->population, "population", 1);
    if (!brief && *fx_place_field(c->row, t->geonames_id)) {   /* a GeoNames row: its id and GeoNames' spelling */
        add_field(v, c, t->geonames_id, "geonames_id", 1);
        const char *own = fx_place_field(c->row, t->geonames_name);
        fx_add_lasting(v, "geonames_name", *own ? own : c->row->key);   /* table fields */
    }
    return v;
}


cJSON *fx_value_city(const fx_fact *fact, cJSON **extra)
{
    const fx_city_resolution *res = fact->resolution;
    cJSON *value = describe(res->pick, 0);
    if (!res->decided) {
        cJSON *list = cJSON_CreateArray();
        for (size_t k = 0; k < res->choice_count && k < MAX_LISTED; k++)
            cJSON_AddItemToArray(list, describe(&res->choices[k], 1));
        *extra = cJSON_CreateObject();
        fx_add(*extra, "candidates", list);
    }
    return value;
}
