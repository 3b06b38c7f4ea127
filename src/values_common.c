/* values_common.c - the value writer (values_impl.h): its calls write
 * JSON text or build a cJSON tree. */
#include <assert.h>

#include "output_value.h"
#include "tables.h"
#include "values_impl.h"

/* In JSON: what goes before an item (its key, or an element's separator). */
static void json_place(fx_value_out *out, const char *key, size_t key_len)
{
    if (key) fx_json_plain_key(out->json, key, key_len);
    else if (out->level) fx_json_element(out->json);
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

void fx_out_string_keyed(fx_value_out *out, const char *key, size_t key_len, const char *lasting)
{
    if (!out->json) tree_add(out, key, cJSON_CreateStringReference(lasting));
    else if (out->level == 0 && !key) fx_output_string_write(out->json, out->type, lasting);
    else {
        json_place(out, key, key_len);
        fx_json_string(out->json, lasting);
    }
}

void fx_out_number_keyed(fx_value_out *out, const char *key, size_t key_len, double number)
{
    if (!out->json) tree_add(out, key, cJSON_CreateNumber(number));
    else if (out->level == 0 && !key) fx_output_number_write(out->json, out->type, number);
    else {
        json_place(out, key, key_len);
        fx_json_number(out->json, number);
    }
}

void fx_out_count_keyed(fx_value_out *out, const char *key, size_t key_len, size_t count)
{
    if (!out->json || (out->level == 0 && !key)) {
        fx_out_number_keyed(out, key, key_len, (double)count);
        return;
    }
    json_place(out, key, key_len);
    fx_json_count(out->json, count);
}

void fx_out_decimal_keyed(fx_value_out *out, const char *key, size_t key_len, const char *text)
{
    if (!out->json || (out->level == 0 && !key)) {
        fx_out_number_keyed(out, key, key_len, fx_parse_decimal(text));
        return;
    }
    json_place(out, key, key_len);
    if (!fx_json_number_text(out->json, text)) fx_json_number(out->json, fx_parse_decimal(text));
}

void fx_out_begin_keyed(fx_value_out *out, const char *key, size_t key_len, int array)
{
    assert(out->level < FX_VALUE_MAX_LEVEL);
    if (out->json) {
        json_place(out, key, key_len);
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
