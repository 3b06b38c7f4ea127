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

#include <assert.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json_print.h"
#include "money.h"
#include "output_value.h"
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
 * The calls are inline: in JSON a member's key (most items: 25,000 a MB)
 * is written here, its literal's length known, and the item after it by
 * the writer's own call; the rest (a tree, the value itself, an element)
 * is the out-of-line calls' below. */
void fx_out_string_unkeyed(fx_value_out *out, const char *key, const char *lasting);
void fx_out_number_unkeyed(fx_value_out *out, const char *key, double number);
void fx_out_count_unkeyed(fx_value_out *out, const char *key, size_t count);
void fx_out_decimal_unkeyed(fx_value_out *out, const char *key, const char *text);
void fx_out_begin_unkeyed(fx_value_out *out, const char *key, int array);
void fx_out_end_object(fx_value_out *out);
void fx_out_end_array(fx_value_out *out);
/* In JSON: a decimal text as fx_out_decimal writes it. */
void fx_out_json_decimal(fx_json_writer *w, const char *text);

/* In JSON with a key: the key written, 1; else 0 (the out-of-line calls). */
static inline int fx_out_json_key(fx_value_out *out, const char *key)
{
    if (!out->json || !key) return 0;
    fx_json_plain_key(out->json, key, strlen(key));
    return 1;
}

/* In JSON, the value itself (no key, at level 0): its type's writer
 * (output_value.h) called from here, where fx_out_string_unkeyed's call
 * before it cost some 16 instructions a value (a date's, a percentage's). */
static inline int fx_out_json_value(const fx_value_out *out) { return out->json && out->level == 0; }

__attribute__((always_inline)) static inline void fx_out_string(fx_value_out *out, const char *key, const char *lasting)
{
    if (fx_out_json_key(out, key)) fx_json_string(out->json, lasting);
    else if (fx_out_json_value(out)) fx_output_string_write(out->json, out->type, lasting);
    else fx_out_string_unkeyed(out, key, lasting);
}
__attribute__((always_inline)) static inline void fx_out_number(fx_value_out *out, const char *key, double number)
{
    if (fx_out_json_key(out, key)) fx_json_number(out->json, number);
    else if (fx_out_json_value(out)) fx_output_number_write(out->json, out->type, number);
    else fx_out_number_unkeyed(out, key, number);
}
/* A count or an offset: the number (double)count, whose text needs no
 * floating-point test (fx_json_count). */
static inline void fx_out_count(fx_value_out *out, const char *key, size_t count)
{
    if (fx_out_json_key(out, key)) fx_json_count(out->json, count);
    else fx_out_count_unkeyed(out, key, count);
}
/* A number given by its decimal text (a table's field, "55.67594"): the
 * value fx_parse_decimal reads in it; in JSON the text itself when that
 * is how the number prints (fx_json_number_text). */
static inline void fx_out_decimal(fx_value_out *out, const char *key, const char *text)
{
    if (fx_out_json_key(out, key)) fx_out_json_decimal(out->json, text);
    else fx_out_decimal_unkeyed(out, key, text);
}
static inline void fx_out_begin(fx_value_out *out, const char *key, int array)
{
    assert(out->level < FX_VALUE_MAX_LEVEL);
    if (fx_out_json_key(out, key)) {
        if (array) fx_json_begin_array(out->json);
        else fx_json_begin_object(out->json);
        out->level++;
    } else {
        fx_out_begin_unkeyed(out, key, array);
    }
}
static inline void fx_out_begin_object(fx_value_out *out, const char *key) { fx_out_begin(out, key, 0); }
static inline void fx_out_begin_array(fx_value_out *out, const char *key) { fx_out_begin(out, key, 1); }

#endif
