/* values_money.c - money {amount, currency} and percent values.
 *
 * Capture names: num (the number), scale (million, bn, mia. ...: looked up
 * in table SCALE, column multiplier), cur (a currency symbol, code or name:
 * looked up in tables CURRENCY_SYMBOL then CURRENCY_NAME, column code;
 * column decimal_mark "," marks
 * currencies written the continental way, which decides "1.500").
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "values_impl.h"

static const fx_table_row *lookup(const fx_value_env *env, const char *table_name, const char *key,
                                  const fx_table **table)
{
    *table = fx_rules_table(env->ctx, table_name);
    if (!*table) return NULL;
    const fx_table_row *row = fx_table_find(*table, key, strlen(key));
    if (!row) {
        /* tables list lower-case names; "Euros" and "EURO" find "euros" */
        char lower[64];
        size_t n = strlen(key);
        if (n >= sizeof lower) return NULL;
        for (size_t i = 0; i <= n; i++) lower[i] = (char)((key[i] >= 'A' && key[i] <= 'Z') ? key[i] + 32 : key[i]);
        row = fx_table_find(*table, lower, n);
    }
    return row;
}

static double round_amount(double v)
{
    /* 1.3 * 1e12 must print as 1300000000000, not 1299999999999.9998 */
    double r = round(v * 1e6) / 1e6;
    return fabs(r - round(r)) < 1e-6 ? round(r) : r;
}

cJSON *fx_value_money(fx_value_env *env, fx_fact *fact)
{
    char num[64], scale[32], cur[32];
    fx_group_str(env, fact, "num", num, sizeof num);
    fx_group_str(env, fact, "scale", scale, sizeof scale);
    fx_group_str(env, fact, "cur", cur, sizeof cur);
    const fx_table *currencies, *scales;
    const fx_table_row *crow = lookup(env, "CURRENCY_SYMBOL", cur, &currencies);
    if (!crow) crow = lookup(env, "CURRENCY_NAME", cur, &currencies);
    if (!crow || !*num) return NULL;
    int continental = strcmp(fx_table_field(currencies, crow, "decimal_mark"), ",") == 0;
    double amount;
    if (fx_parse_number(num, strlen(num), continental, &amount) < 0) return NULL;
    if (*scale) {
        const fx_table_row *srow = lookup(env, "SCALE", scale, &scales);
        if (!srow) return NULL;
        amount *= strtod(fx_table_field(scales, srow, "multiplier"), NULL);
    }
    cJSON *v = cJSON_CreateObject();
    cJSON_AddNumberToObject(v, "amount", round_amount(amount));
    cJSON_AddStringToObject(v, "currency", fx_table_field(currencies, crow, "code"));
    return v;
}

cJSON *fx_value_percent(fx_value_env *env, fx_fact *fact)
{
    char num[64];
    fx_group_str(env, fact, "num", num, sizeof num);
    double value;
    if (!*num || fx_parse_number(num, strlen(num), 0, &value) < 0) return NULL;
    return cJSON_CreateNumber(round_amount(value));
}
