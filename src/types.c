/* types.c - the registry of fact types (types.h). A new type is one row
 * here; README "Adding a fact type" says what else it needs. */
#include "types.h"

#include <stdio.h>
#include <string.h>

/* The colours are light tints of the Okabe-Ito palette (orange, bluish
 * green, sky blue, reddish purple, blue), which readers with the common
 * colour-vision deficiencies tell apart; the report also labels each span
 * with its type, so colour is never the only cue. */
const fx_type_info fx_types[FX_TYPE_COUNT] = {
    [FX_DATE] = {"date", "date", "#f5c96b", "date_value", FX_COMPARE_STRING, "timex", 1},
    [FX_MONEY] = {"money", "money", "#7fd1b9", "money_value", FX_COMPARE_AMOUNT, NULL, 0},
    [FX_PERCENT] = {"percent", "percent", "#a7d8f5", "percent_value", FX_COMPARE_NUMBER, "number", 0},
    [FX_CITY] = {"city", "city", "#e8b4d2", "city_value", FX_COMPARE_NAME, NULL, 0},
    [FX_ORG] = {"org", "org", "#8fb8de", "org_value", FX_COMPARE_NONE, NULL, 0},
};

static const char none_name[] = "none";

const char *fx_type_name(fx_type type)
{
    if (type < FX_TYPE_COUNT) return fx_types[type].name;
    return type == FX_TYPE_NONE ? none_name : "?";
}

int fx_type_from_name(const char *name, size_t len)
{
    for (int t = 0; t < FX_TYPE_COUNT; t++)
        if (strlen(fx_types[t].name) == len && memcmp(fx_types[t].name, name, len) == 0) return t;
    if (len == sizeof none_name - 1 && memcmp(name, none_name, len) == 0) return FX_TYPE_NONE;
    return -1;
}

const char *fx_type_list(char *buf, size_t size)
{
    size_t n = 0;
    for (int t = 0; t < FX_TYPE_COUNT && n < size; t++) {
        int w = snprintf(buf + n, size - n, "%s%s", t ? "," : "", fx_types[t].name);
        if (w < 0) break;
        n += (size_t)w;
    }
    if (size && n == 0) buf[0] = '\0';
    return buf;
}
