/* values_common.c - the value writer (values_impl.h): its calls write
 * JSON text or build a cJSON tree. */
#include <assert.h>

#include "output_value.h"
#include "tables.h"
#include "values_impl.h"

/* In JSON, an item without a key: an array's element is led by its
 * separator; the value itself (level 0) by nothing. */
static void json_element(fx_value_out *out)
{
    if (out->level) fx_json_element(out->json);
}

/* In a tree: item put where it goes. */
static void tree_add(fx_value_out *out, const char *key, cJSON *item)
{
    if (out->level == 0 && !key) {
        out->root = item;
        return;
    }
    if (out->level == 0 && !out->root) out->root = cJSON_CreateObject();   /* the extra fields */
    cJSON *parent = out->level ? out->open[out->level - 1] : out->root;
    if (key) cJSON_AddItemToObjectCS(parent, key, item);   /* a literal: kept, not copied */
    else cJSON_AddItemToArray(parent, item);
}

/* Below, out->json is set only when key is NULL (the inline calls write
 * a JSON member themselves). */

void fx_out_string_unkeyed(fx_value_out *out, const char *key, const char *lasting)
{
    if (!out->json) tree_add(out, key, cJSON_CreateStringReference(lasting));
    else {
        json_element(out);
        fx_json_string(out->json, lasting);
    }
}

void fx_out_number_unkeyed(fx_value_out *out, const char *key, double number)
{
    if (!out->json) tree_add(out, key, cJSON_CreateNumber(number));
    else {
        json_element(out);
        fx_json_number(out->json, number);
    }
}

void fx_out_count_unkeyed(fx_value_out *out, const char *key, size_t count)
{
    if (!out->json || out->level == 0) {
        fx_out_number(out, key, (double)count);
        return;
    }
    json_element(out);
    fx_json_count(out->json, count);
}

void fx_out_json_decimal(fx_json_writer *w, const char *text)
{
    if (!fx_json_number_text(w, text)) fx_json_number(w, fx_parse_decimal(text));
}

void fx_out_decimal_unkeyed(fx_value_out *out, const char *key, const char *text)
{
    if (!out->json || out->level == 0) {
        fx_out_number(out, key, fx_parse_decimal(text));
        return;
    }
    json_element(out);
    fx_out_json_decimal(out->json, text);
}

void fx_out_begin_unkeyed(fx_value_out *out, const char *key, int array)
{
    if (out->json) {
        json_element(out);
        if (array) fx_json_begin_array(out->json);
        else fx_json_begin_object(out->json);
    } else {
        cJSON *item = array ? cJSON_CreateArray() : cJSON_CreateObject();
        tree_add(out, key, item);
        out->open[out->level] = item;
    }
    out->level++;
}

void fx_out_end_object(fx_value_out *out)
{
    out->level--;
    if (out->json) fx_json_end_object(out->json);
}

void fx_out_end_array(fx_value_out *out)
{
    out->level--;
    if (out->json) fx_json_end_array(out->json);
}
