/* values_place.c - city values: what a map needs to know about the city
 * the city resolver (resolve_city.c) chose:
 *   {"name", "country_code", "country" (the same code; the gold files'
 *   key), "region", "lat", "lon", "population", "geonames_id",
 *   "geonames_name"}
 * with the fields the row lacks left out, and, when the choice was a near
 * tie, the extra field "candidates" (at most MAX_LISTED, most populous
 * first; name, country_code, region, population).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "arena.h"
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

/* ---- city texts across documents --------------------------------------
 *
 * A text names its cities again and again, and so do the documents after
 * it: 5,445 city values of the 1 MB sample are 50 texts. Each thread keeps
 * the texts it wrote, in slots found by the row and name a text was made
 * from (with the writer's layout and depth, as a formatted text's
 * indentation follows the depth), and copies them when they come again.
 * The rows are the context's: fx_values_forget, when a context is freed,
 * empties every thread's table (a freed context's rows may come back at
 * the same addresses with other contents). A table is freed with its
 * thread, or by fx_values_forget in the thread that calls it. */

enum { KEPT_SLOTS = 1024 };

typedef struct kept_text {
    const void *row, *name;     /* what the text was made from; row NULL: an empty slot */
    size_t depth;
    int formatted;
    char *text;                 /* malloc'd */
    size_t len;
} kept_text;

typedef struct kept_texts {
    size_t generation;          /* of `generation` when the table was filled from empty */
    kept_text slot[KEPT_SLOTS];
} kept_texts;

static atomic_size_t generation;        /* contexts freed so far */
static _Thread_local kept_texts *kept;  /* this thread's table, or NULL */
static pthread_key_t kept_key;          /* its destructor frees a thread's table when the thread ends */
static pthread_once_t kept_once = PTHREAD_ONCE_INIT;
static int kept_key_made;

static void kept_empty(kept_texts *k)
{
    for (size_t i = 0; i < KEPT_SLOTS; i++) {
        free(k->slot[i].text);
        k->slot[i] = (kept_text){0};
    }
}

static void kept_free(void *p)
{
    if (!p) return;
    kept_empty(p);
    free(p);
}

static void kept_key_make(void) { kept_key_made = pthread_key_create(&kept_key, kept_free) == 0; }

/* This thread's table, emptied when a context was freed since it was
 * filled; NULL when it cannot be made (no thread key): nothing is kept. */
static kept_texts *kept_table(void)
{
    size_t g = atomic_load(&generation);
    if (kept && kept->generation != g) {
        kept_empty(kept);
        kept->generation = g;
    }
    if (kept) return kept;
    pthread_once(&kept_once, kept_key_make);
    if (!kept_key_made) return NULL;
    kept_texts *k = fx_xcalloc(1, sizeof *k);
    if (pthread_setspecific(kept_key, k) != 0) {
        free(k);
        return NULL;
    }
    k->generation = g;
    return kept = k;
}

void fx_values_forget(void)
{
    atomic_fetch_add(&generation, 1);
    if (kept && kept_key_made) {
        pthread_setspecific(kept_key, NULL);
        kept_free(kept);
        kept = NULL;
    }
}

/* The slot of a text made from row and name: their bits mixed by a
 * multiplication, the top ten taken. */
static kept_text *kept_slot(kept_texts *k, const void *row, const void *name)
{
    _Static_assert(KEPT_SLOTS == 1024, "ten bits of slot");
    uint64_t h = (uint64_t)(uintptr_t)row ^ (uint64_t)(uintptr_t)name * 0xC2B2AE3D27D4EB4Full;
    return &k->slot[h * 0x9E3779B97F4A7C15ull >> 54];
}

void fx_value_city(const fx_fact *fact, fx_value_out *out)
{
    const fx_city_resolution *res = fact->resolution;
    const fx_city_choice *c = res->pick;
    fx_json_writer *w = out->json;
    kept_texts *k = w ? kept_table() : NULL;
    if (!k) {
        describe(out, c, 0);
        return;
    }
    kept_text *slot = kept_slot(k, c->row, c->name);
    if (slot->row == c->row && slot->name == c->name && slot->depth == w->depth && slot->formatted == w->formatted) {
        memcpy(fx_json_room(w, slot->len), slot->text, slot->len);
        w->len += slot->len;
        return;
    }
    size_t at = w->len;
    describe(out, c, 0);
    free(slot->text);
    *slot = (kept_text){c->row, c->name, w->depth, w->formatted, fx_xmalloc(w->len - at), w->len - at};
    memcpy(slot->text, w->data + at, slot->len);
}

void fx_extra_city(const fx_fact *fact, fx_value_out *out)
{
    const fx_city_resolution *res = fact->resolution;
    if (res->decided) return;
    fx_out_begin_array(out, "candidates");
    for (size_t k = 0; k < res->choice_count && k < MAX_LISTED; k++) describe(out, &res->choices[k], 1);
    fx_out_end_array(out);
}
