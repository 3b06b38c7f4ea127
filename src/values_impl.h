/* values_impl.h - the value functions behind values.h, one file per
 * family, and the calls of the value writer they fill (fx_value_out,
 * values.h; the calls in values_common.c). Internal to
 * the values stage: values.c -> values_<family>.c -> values_common.c.
 *
 * Each value kind's logic is written once, against fx_value_out: the same
 * calls either build the cJSON trees (fx_value_of, for the library's
 * facts) or write the JSON text straight into emit's writer (no tree to
 * make, print and free per fact). */
#ifndef FX_VALUES_IMPL_H
#define FX_VALUES_IMPL_H

#include <string.h>

#include <cjson/cJSON.h>

#include "json_print.h"
#include "money.h"
#include "types.h"
#include "values.h"
#include "words.h"

/* A value kind's two parts: its value, and its extra fields (none, or
 * members each with a key). */
typedef void (*fx_value_part_fn)(const fx_fact *fact, fx_value_out *out);

void fx_value_date(const fx_fact *fact, fx_value_out *out);
void fx_extra_date(const fx_fact *fact, fx_value_out *out);
void fx_value_money(const fx_fact *fact, fx_value_out *out);
void fx_value_percent(const fx_fact *fact, fx_value_out *out);
void fx_extra_amount(const fx_fact *fact, fx_value_out *out);   /* money and percent */
void fx_value_city(const fx_fact *fact, fx_value_out *out);
void fx_extra_city(const fx_fact *fact, fx_value_out *out);
void fx_value_org(const fx_fact *fact, fx_value_out *out);      /* organisations and acronyms */
void fx_extra_org(const fx_fact *fact, fx_value_out *out);

/* The writer's calls. key is a literal needing no escape, under which the
 * item goes into the open object, or NULL for an array's element or the
 * value itself. A string must live as long as the document (its arena,
 * the context's tables, a literal): a tree references it, not a copy.
 * The calls are inline wrappers that find a literal key's length where
 * the compiler knows it (no strlen per key written). */
void fx_out_string_keyed(fx_value_out *out, const char *key, size_t key_len, const char *lasting);
void fx_out_number_keyed(fx_value_out *out, const char *key, size_t key_len, double number);
void fx_out_count_keyed(fx_value_out *out, const char *key, size_t key_len, size_t count);
void fx_out_decimal_keyed(fx_value_out *out, const char *key, size_t key_len, const char *text);
void fx_out_begin_keyed(fx_value_out *out, const char *key, size_t key_len, int array);
void fx_out_end_object(fx_value_out *out);
void fx_out_end_array(fx_value_out *out);

static inline size_t fx_out_key_length(const char *key) { return key ? strlen(key) : 0; }

static inline void fx_out_string(fx_value_out *out, const char *key, const char *lasting)
{
    fx_out_string_keyed(out, key, fx_out_key_length(key), lasting);
}
static inline void fx_out_number(fx_value_out *out, const char *key, double number)
{
    fx_out_number_keyed(out, key, fx_out_key_length(key), number);
}
/* A count or an offset: the number (double)count, whose text needs no
 * floating-point test (fx_json_count). */
static inline void fx_out_count(fx_value_out *out, const char *key, size_t count)
{
    fx_out_count_keyed(out, key, fx_out_key_length(key), count);
}
/* A number given by its decimal text (a table's field, "55.67594"): the
 * value fx_parse_decimal reads in it; in JSON the text itself when that
 * is how the number prints (fx_json_number_text). */
static inline void fx_out_decimal(fx_value_out *out, const char *key, const char *text)
{
    fx_out_decimal_keyed(out, key, fx_out_key_length(key), text);
}
static inline void fx_out_begin_object(fx_value_out *out, const char *key)
{
    fx_out_begin_keyed(out, key, fx_out_key_length(key), 0);
}
static inline void fx_out_begin_array(fx_value_out *out, const char *key)
{
    fx_out_begin_keyed(out, key, fx_out_key_length(key), 1);
}

#endif
