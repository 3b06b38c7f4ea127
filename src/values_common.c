/* values_common.c - the cJSON helpers the value functions share
 * (values_impl.h). */
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

