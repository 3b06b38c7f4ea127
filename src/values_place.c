/* values_place.c - city values: what a map needs to know about the city
 * the city resolver (resolve_city.c) chose:
 *   {"name", "country_code", "country" (the same code; the gold files'
 *   key), "region", "lat", "lon", "population", "geonames_id",
 *   "geonames_name"}
 * with the fields the row lacks left out, and, when the choice was a near
 * tie, the extra field "candidates" (at most MAX_LISTED, most populous
 * first; name, country_code, region, population).
 */
#include "place.h"
#include "values_impl.h"

enum { MAX_LISTED = 5 };

static void field(fx_value_out *out, const fx_city_choice *c, int column, const char *as, int numeric)
{
    const char *s = fx_place_field(c->row, column);
    if (!*s) return;
    /* c->population is this text's reading (resolve_city.c) */
    if (numeric) fx_out_decimal(out, as, s);
    else fx_out_string(out, as, s);   /* a table field */
}

static void describe(fx_value_out *out, const fx_city_choice *c, int brief)
{
    const fx_place_columns *t = c->table;
    fx_out_begin_object(out, NULL);
    fx_out_string(out, "name", c->name);   /* a table field */
    field(out, c, t->country_code, "country_code", 0);
    if (!brief) field(out, c, t->country_code, "country", 0);   /* the gold files' name for it */
    field(out, c, t->region, "region", 0);
    if (!brief) {
        field(out, c, t->lat, "lat", 1);
        field(out, c, t->lon, "lon", 1);
    }
    field(out, c, t->population, "population", 1);
    if (!brief && *fx_place_field(c->row, t->geonames_id)) {   /* a GeoNames row: its id and GeoNames' spelling */
        field(out, c, t->geonames_id, "geonames_id", 1);
        const char *own = fx_place_field(c->row, t->geonames_name);
        fx_out_string(out, "geonames_name", *own ? own : c->row->key);   /* table fields */
    }
    fx_out_end_object(out);
}

void fx_value_city(const fx_fact *fact, fx_value_out *out)
{
    const fx_city_resolution *res = fact->resolution;
    const fx_city_choice *c = res->pick;
    /* A text names its cities again and again, and so do the documents
     * after it (5,445 city values of the 1 MB sample are 50 texts): a
     * city's text (its row and its name make it) is copied from where it
     * was kept (json_print.h: by the thread's scratch, across its
     * documents). */
    if (out->json && fx_json_copy_kept(out->json, c->row, c->name)) return;
    size_t at = out->json ? out->json->len : 0;
    describe(out, c, 0);
    if (out->json) fx_json_keep(out->json, c->row, c->name, at);
}

void fx_extra_city(const fx_fact *fact, fx_value_out *out)
{
    const fx_city_resolution *res = fact->resolution;
    if (res->decided) return;
    fx_out_begin_array(out, "candidates");
    for (size_t k = 0; k < res->choice_count && k < MAX_LISTED; k++) describe(out, &res->choices[k], 1);
    fx_out_end_array(out);
}
