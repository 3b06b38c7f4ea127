/* test_output_value.c - the value of each fact as the output carries it
 * (schema 2.0, src/output_value.c): an object for every type, a date's
 * interval from its TIMEX3 value, and the 1.x scalar found in either
 * shape. */
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "harness.h"
#include "json_print.h"
#include "output_value.h"

/* What w wrote is tree printed by cJSON in w's layout; w is spent. */
static void same_as_tree(fx_json_writer *w, const cJSON *tree)
{
    int formatted = w->formatted;
    char *got = fx_json_writer_finish(w);
    char *want = formatted ? cJSON_Print(tree) : cJSON_PrintUnformatted(tree);
    CHECK_STR(got, want);
    free(got);
    free(want);
}

/* The writer's date value (fx_output_string_write: its interval written
 * straight into the text, each grain's name copied by its length) is the
 * tree's (fx_output_value) printed by cJSON, in both layouts. */
static void written_as_tree(const char *timex)
{
    cJSON *value = cJSON_CreateString(timex);
    cJSON *tree = fx_output_value(FX_DATE, value);
    for (int formatted = 0; formatted <= 1; formatted++) {
        fx_json_writer w;
        fx_json_writer_init(&w, formatted, 16);
        fx_output_string_write(&w, FX_DATE, timex);
        same_as_tree(&w, tree);
    }
    cJSON_Delete(tree);
    cJSON_Delete(value);
}

/* fx_widen_date(timex) as compact JSON, e.g. {"start":"...","end":"...","grain":"..."} */
static char *widened(const char *timex)
{
    cJSON *o = cJSON_CreateObject();
    fx_widen_date(o, timex);
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}

static void test_date_intervals(void)
{
    static const struct { const char *timex, *want; } cases[] = {
        {"2014", "{\"start\":\"2014-01-01\",\"end\":\"2014-12-31\",\"grain\":\"year\"}"},
        {"2014-04", "{\"start\":\"2014-04-01\",\"end\":\"2014-04-30\",\"grain\":\"month\"}"},
        {"2016-02", "{\"start\":\"2016-02-01\",\"end\":\"2016-02-29\",\"grain\":\"month\"}"},
        {"2014-12-08", "{\"start\":\"2014-12-08\",\"end\":\"2014-12-08\",\"grain\":\"day\"}"},
        {"2014-12-04T09:55:13", "{\"start\":\"2014-12-04\",\"end\":\"2014-12-04\",\"grain\":\"time\"}"},
        {"2014-12-04TMO", "{\"start\":\"2014-12-04\",\"end\":\"2014-12-04\",\"grain\":\"time\"}"},
        {"2018-Q3", "{\"start\":\"2018-07-01\",\"end\":\"2018-09-30\",\"grain\":\"quarter\"}"},
        {"2018-H1", "{\"start\":\"2018-01-01\",\"end\":\"2018-06-30\",\"grain\":\"half\"}"},
        {"2018-H2", "{\"start\":\"2018-07-01\",\"end\":\"2018-12-31\",\"grain\":\"half\"}"},
        /* ISO weeks: 2015-W01 starts on Monday 29 December 2014 */
        {"2015-W01", "{\"start\":\"2014-12-29\",\"end\":\"2015-01-04\",\"grain\":\"week\"}"},
        {"2014-W49-3", "{\"start\":\"2014-12-03\",\"end\":\"2014-12-03\",\"grain\":\"day\"}"},
        {"2014-W49-WE", "{\"start\":\"2014-12-06\",\"end\":\"2014-12-07\",\"grain\":\"weekend\"}"},
        {"199", "{\"start\":\"1990-01-01\",\"end\":\"1999-12-31\",\"grain\":\"decade\"}"},
        {"19", "{\"start\":\"1900-01-01\",\"end\":\"1999-12-31\",\"grain\":\"century\"}"},
        {"2018/2021", "{\"start\":\"2018-01-01\",\"end\":\"2021-12-31\",\"grain\":\"year\"}"},
        {"2014-12-08/2014-12-10", "{\"start\":\"2014-12-08\",\"end\":\"2014-12-10\",\"grain\":\"day\"}"},
        /* unknown parts, no fixed days, no point at all */
        {"XXXX-12-25", "{\"start\":null,\"end\":null,\"grain\":\"day\"}"},
        {"XXXX", "{\"start\":null,\"end\":null,\"grain\":\"year\"}"},
        {"20XX", "{\"start\":null,\"end\":null,\"grain\":\"year\"}"},
        {"2014-XX", "{\"start\":null,\"end\":null,\"grain\":\"month\"}"},
        {"XXXX-WXX-3", "{\"start\":null,\"end\":null,\"grain\":\"day\"}"},
        {"2019-FA", "{\"start\":null,\"end\":null,\"grain\":\"season\"}"},
        {"FY2020", "{\"start\":null,\"end\":null,\"grain\":\"fiscal_year\"}"},
        {"PRESENT_REF", "{\"start\":null,\"end\":null,\"grain\":null}"},
        {"2014-13", "{\"start\":null,\"end\":null,\"grain\":\"month\"}"},
        {"2014-02-30", "{\"start\":null,\"end\":null,\"grain\":\"day\"}"},
        {"2021/2018", "{\"start\":null,\"end\":null,\"grain\":\"year\"}"},
        /* a year, a month and a day written from their strings' bytes
         * (write_plain_date): leap years, a month's last day, and the
         * months and days that are no date's, which widen writes */
        {"0000", "{\"start\":\"0000-01-01\",\"end\":\"0000-12-31\",\"grain\":\"year\"}"},
        {"2015-02", "{\"start\":\"2015-02-01\",\"end\":\"2015-02-28\",\"grain\":\"month\"}"},
        {"2000-02", "{\"start\":\"2000-02-01\",\"end\":\"2000-02-29\",\"grain\":\"month\"}"},
        {"1900-02", "{\"start\":\"1900-02-01\",\"end\":\"1900-02-28\",\"grain\":\"month\"}"},
        {"2014-12", "{\"start\":\"2014-12-01\",\"end\":\"2014-12-31\",\"grain\":\"month\"}"},
        {"2014-00", "{\"start\":null,\"end\":null,\"grain\":\"month\"}"},
        {"2016-02-29", "{\"start\":\"2016-02-29\",\"end\":\"2016-02-29\",\"grain\":\"day\"}"},
        {"2015-02-29", "{\"start\":null,\"end\":null,\"grain\":\"day\"}"},
        {"2014-04-31", "{\"start\":null,\"end\":null,\"grain\":\"day\"}"},
        {"2014-04-00", "{\"start\":null,\"end\":null,\"grain\":\"day\"}"},
        {"2014-1-", "{\"start\":null,\"end\":null,\"grain\":null}"},
        {"2014/15", "{\"start\":null,\"end\":null,\"grain\":\"year\"}"},
        {"2014-12-3X", "{\"start\":null,\"end\":null,\"grain\":\"day\"}"},
        {"2014-12+31", "{\"start\":null,\"end\":null,\"grain\":null}"},
        /* bytes just past '9' and before '0' are no year's digits */
        {"201:", "{\"start\":\"2010-01-01\",\"end\":\"2019-12-31\",\"grain\":\"decade\"}"},
        {"20?4", "{\"start\":\"2000-01-01\",\"end\":\"2099-12-31\",\"grain\":\"century\"}"},
        {"1;99", "{\"start\":null,\"end\":null,\"grain\":null}"},
        {"/014", "{\"start\":null,\"end\":null,\"grain\":null}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = widened(cases[i].timex);
        CHECK_STR(got, cases[i].want);
        free(got);
        written_as_tree(cases[i].timex);
    }
}

static void test_every_type_an_object(void)
{
    static const char *const internal[FX_TYPE_COUNT] = {
        [FX_DATE] = "\"2014-04\"",
        [FX_MONEY] = "{\"amount\":2000000,\"currency\":\"EUR\"}",
        [FX_PERCENT] = "7.5",
        [FX_CITY] = "{\"name\":\"Aarhus\",\"country_code\":\"DK\"}",
        [FX_ORG] = "{\"name\":\"Novo Nordisk\"}",
    };
    for (int t = 0; t < FX_TYPE_COUNT; t++) {
        cJSON *in = cJSON_Parse(internal[t]);
        cJSON *out = fx_output_value((fx_type)t, in);
        CHECK(cJSON_IsObject(out));
        /* the 1.x scalar, or the object itself, is found in either shape */
        CHECK(cJSON_Compare(fx_value_scalar((fx_type)t, out), in, 1));
        CHECK(cJSON_Compare(fx_value_scalar((fx_type)t, in), in, 1));
        cJSON_Delete(out);
        cJSON_Delete(in);
    }
    cJSON *date = cJSON_CreateString("2014-04");
    cJSON *out = fx_output_value(FX_DATE, date);
    char *s = cJSON_PrintUnformatted(out);
    CHECK_STR(s, "{\"timex\":\"2014-04\",\"start\":\"2014-04-01\",\"end\":\"2014-04-30\",\"grain\":\"month\"}");
    free(s);
    cJSON_Delete(out);
    cJSON_Delete(date);
    CHECK(fx_output_value(FX_DATE, NULL) == NULL);
}

/* A scalar value (a date's string, a percentage's number, a date's tree)
 * opened with its key at every depth a writer may hold it: by the lead
 * of its members up to depth 5 (open_scalar), by fx_json_begin_object and
 * fx_json_plain_key past it. The tree's, printed by cJSON, in both
 * layouts. A date's interval is written by the lead of its members, so
 * only up to there (emit's values are at depth 3). */
static void scalars_at_every_depth(void)
{
    for (size_t depth = 0; depth <= 7; depth++)
        for (int kind = 0; kind < 3; kind++) {
            if (kind != 1 && depth >= 5) continue;
            fx_type type = kind == 1 ? FX_PERCENT : FX_DATE;
            cJSON *value = kind == 1 ? cJSON_CreateNumber(12.5) : cJSON_CreateString("2013-07");
            cJSON *tree = fx_output_value(type, value);
            for (size_t k = 0; k < depth; k++) {
                cJSON *outer = cJSON_CreateArray();
                cJSON_AddItemToArray(outer, tree);
                tree = outer;
            }
            for (int formatted = 0; formatted <= 1; formatted++) {
                fx_json_writer w;
                fx_json_writer_init(&w, formatted, 16);
                for (size_t k = 0; k < depth; k++) {
                    fx_json_element(&w);
                    fx_json_begin_array(&w);
                }
                fx_json_element(&w);
                if (kind == 0) fx_output_string_write(&w, type, value->valuestring);
                else if (kind == 1) fx_output_number_write(&w, type, value->valuedouble);
                else fx_output_value_write(&w, type, value);
                for (size_t k = 0; k < depth; k++) fx_json_end_array(&w);
                same_as_tree(&w, tree);
            }
            cJSON_Delete(tree);
            cJSON_Delete(value);
        }
}

void test_output_value(void)
{
    test_date_intervals();
    test_every_type_an_object();
    scalars_at_every_depth();
}
