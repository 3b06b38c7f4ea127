/* values_common.c - helpers the value normalisers share (values_impl.h):
 * captures, numbers, cJSON building, the document's words. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "values_impl.h"

void fx_add(cJSON *object, const char *literal_key, cJSON *item)
{
    cJSON_AddItemToObjectCS(object, literal_key, item);
}

void fx_add_lasting(cJSON *object, const char *literal_key, const char *lasting)
{
    cJSON_AddItemToObjectCS(object, literal_key, cJSON_CreateStringReference(lasting));
}

void fx_add_number(cJSON *object, const char *literal_key, double number)
{
    cJSON_AddItemToObjectCS(object, literal_key, cJSON_CreateNumber(number));
}

const fx_words *fx_doc_words(fx_value_env *env)
{
    if (!env->words) {
        const fx_doc *doc = env->doc;
        env->words = doc->words ? doc->words : fx_words_find(&env->doc->arena, doc->text, doc->text_len);
    }
    return env->words;
}
