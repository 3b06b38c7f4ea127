/* values_impl.h - the value functions behind values.h, one file per
 * family, and the cJSON helpers they share (values_common.c). Internal to
 * the values stage: values.c -> values_<family>.c -> values_common.c. */
#ifndef FX_VALUES_IMPL_H
#define FX_VALUES_IMPL_H

#include <cjson/cJSON.h>

#include "money.h"
#include "values.h"
#include "words.h"

cJSON *fx_value_date(const fx_fact *fact, cJSON **extra);
cJSON *fx_value_money(const fx_fact *fact, cJSON **extra);
cJSON *fx_value_percent(const fx_fact *fact, cJSON **extra);
cJSON *fx_value_city(const fx_fact *fact, cJSON **extra);
cJSON *fx_value_org(const fx_fact *fact, cJSON **extra);
cJSON *fx_value_acronym(const fx_fact *fact, cJSON **extra);

/* Building values with fewer allocations: a key is a string literal, kept
 * rather than copied (cJSON_AddItemToObjectCS), and a string that lives
 * as long as the document - its arena, the context's tables, a literal -
 * is referenced rather than copied. Strings on the stack go through
 * cJSON_CreateString as before. */
void fx_add(cJSON *object, const char *literal_key, cJSON *item);
void fx_add_lasting(cJSON *object, const char *literal_key, const char *lasting);
void fx_add_number(cJSON *object, const char *literal_key, double number);

#endif
