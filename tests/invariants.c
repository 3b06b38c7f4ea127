/* invariants.c - see invariants.h. */
#include "invariants.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "normalise.h"

static int broken(char *why, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int broken(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    return -1;
}

static int check_facts(const cJSON *facts, const char *src, size_t len, char *why, size_t size)
{
    double prev_end = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, facts) {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(f, "text");
        double s = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "start"));
        double e = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "end"));
        double cs = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "cp_start"));
        double ce = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "cp_end"));
        if (!cJSON_IsString(t) || !(s >= 0 && e > s && e <= (double)len))
            return broken(why, size, "fact with bad offsets %.0f-%.0f", s, e);
        size_t a = (size_t)s, b = (size_t)e;
        if (strlen(t->valuestring) != b - a || memcmp(t->valuestring, src + a, b - a) != 0)
            return broken(why, size, "text \"%.80s\" != input[%zu:%zu]", t->valuestring, a, b);
        if ((double)fx_utf8_count(src, a) != cs || (double)fx_utf8_count(src, b) != ce)
            return broken(why, size, "code-point offsets %.0f-%.0f disagree with bytes %zu-%zu", cs, ce, a, b);
        if (s < prev_end) return broken(why, size, "facts overlap or are unsorted at byte %zu", a);
        prev_end = e;
    }
    return 0;
}

int fx_invariants_check(const char *json, size_t json_len, const char *src, size_t src_len,
                        char *why, size_t why_size)
{
    if (!json) return broken(why, why_size, "no JSON produced");
    cJSON *root = cJSON_ParseWithLength(json, json_len);
    int status;
    if (!root || !cJSON_IsObject(root))
        status = broken(why, why_size, "output is not a JSON object: %.200s", json);
    else if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "facts")))
        status = broken(why, why_size, "no facts array");
    else if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "warnings")))
        status = broken(why, why_size, "no warnings array");
    else
        status = check_facts(cJSON_GetObjectItemCaseSensitive(root, "facts"), src, src_len, why, why_size);
    cJSON_Delete(root);
    return status;
}
