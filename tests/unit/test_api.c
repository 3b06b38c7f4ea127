/* test_api.c - the public accessors of factx.h (src/api.c), the JSONL
 * error line (src/input.c) and the command line's colour rule
 * (src/cli/colour.c). */
#include <stdlib.h>

#include "colour.h"
#include "factx.h"
#include "harness.h"
#include "input.h"

static void test_types_and_dates(void)
{
    unsigned types = 0;
    CHECK(fx_types_parse("date,money", &types) == 0 && types != 0);
    unsigned one = 0;
    CHECK(fx_types_parse("date", &one) == 0 && (one & types) == one && one != types);
    unsigned untouched = 7;
    CHECK(fx_types_parse("date,colour", &untouched) < 0 && untouched == 7);
    CHECK(fx_types_parse("", &untouched) < 0);
    CHECK(fx_types_parse("none", &untouched) < 0);   /* blocking rules are not an output type */

    fx_doc *doc = fx_doc_new("d", NULL, "x", 1);
    CHECK(fx_doc_set_dct(doc, "2014-12-04", FX_DCT_OPTION) == 0);
    CHECK(fx_doc_set_dct(doc, "2014-13-01", FX_DCT_OPTION) < 0);
    CHECK(fx_doc_set_dct(doc, "2014-12-32", FX_DCT_OPTION) < 0);
    CHECK(fx_doc_set_dct(doc, "2014-1-04", FX_DCT_OPTION) < 0);
    CHECK(fx_doc_set_dct(doc, NULL, FX_DCT_OPTION) < 0);
    /* the one validator: every command and fx_doc_set_dct use it */
    CHECK(fx_date_valid("2014-12-31", 10) && fx_date_valid("2014-02-28 and more", 10));
    /* issue 21, failure 10: days that do not exist, years outside 0001-9999 */
    CHECK(fx_date_valid("2016-02-29", 10) && fx_date_valid("0001-01-01", 10) && fx_date_valid("9999-12-31", 10));
    CHECK(!fx_date_valid("2014-02-31", 10) && !fx_date_valid("2014-02-29", 10) && !fx_date_valid("2014-04-31", 10));
    CHECK(!fx_date_valid("0000-01-01", 10) && !fx_date_valid("1900-02-29", 10));
    CHECK(fx_doc_set_dct(doc, "2014-02-31", FX_DCT_OPTION) < 0 && fx_doc_set_dct(doc, "0000-01-01", FX_DCT_OPTION) < 0);
    CHECK(!fx_date_valid("2014-13-45", 10) && !fx_date_valid("2014-00-10", 10) && !fx_date_valid("2014-01-00", 10));
    CHECK(!fx_date_valid("2014-12-3", 9) && !fx_date_valid("2014/12/31", 10) && !fx_date_valid("2014-1a-31", 10));
    char *json = fx_emit_json(doc, 1);   /* the failed calls left the first date alone */
    CHECK(strstr(json, "\"dct\":\"2014-12-04\",\"dct_source\":\"option\"") != NULL);
    fx_dct_source source = FX_DCT_NONE;
    CHECK_STR(fx_doc_dct(doc, &source), "2014-12-04");
    CHECK(source == FX_DCT_OPTION);
    free(json);
    fx_doc_free(doc);
    CHECK_STR(fx_version(), FACTX_VERSION);
}

static void test_document_through_the_api(void)
{
    fx_diag diag;
    fx_diag_init(&diag, NULL);
    fx_context *ctx = fx_context_load("rules", &diag);
    CHECK(ctx != NULL);
    if (!ctx) return;
    fx_scratch *scratch = fx_scratch_new(ctx);
    static const char text[] = "First line.\nIt cost \xff 5 million euros in 2014.";
    fx_doc *doc = fx_doc_new("t", NULL, text, sizeof text - 1);
    unsigned money;
    CHECK(fx_types_parse("money", &money) == 0);
    fx_doc_set_types(doc, money);
    fx_extract(ctx, scratch, doc, NULL);
    CHECK(fx_doc_fact_count(doc) == 1);   /* the money, not the year */
    size_t counts[8];
    fx_doc_fact_counts(doc, counts, 8);     /* three past the five types: 0 */
    size_t total = 0, money_counted = 0;
    for (size_t t = 0; t < 8; t++) {
        total += counts[t];
        if (money == 1u << t) money_counted = counts[t];
    }
    CHECK(total == 1 && money_counted == 1);
    fx_fact_info info = {0};
    CHECK(fx_doc_fact(doc, 0, &info) == 0);
    CHECK_STR(info.type, "money");
    CHECK(info.end - info.start == 15 && memcmp(info.text, "5 million euros", 15) == 0);
    CHECK(info.start < sizeof text && memcmp(info.text, text + info.start, info.end - info.start) == 0);
    CHECK(info.rule && strncmp(info.rule, "money.", 6) == 0 && info.sentence == 1);
    char *value = fx_doc_fact_value(doc, 0);
    CHECK_STR(value, "{\"amount\":5000000,\"currency\":\"EUR\"}");
    free(value);
    CHECK(fx_doc_fact(doc, 1, &info) < 0 && fx_doc_fact_value(doc, 1) == NULL);
    CHECK(fx_doc_warning_count(doc) == 1);
    size_t line = 0, column = 0;
    const char *message = fx_doc_warning(doc, 0, &line, &column);
    CHECK(message && strstr(message, "invalid UTF-8") != NULL);
    CHECK(line == 2 && column == 9);
    CHECK(fx_doc_warning(doc, 1, &line, &column) == NULL);
    fx_doc_free(doc);
    fx_scratch_free(scratch);
    fx_context_free(ctx);
}

static void test_jsonl_error_object(void)
{
    char id[] = "line-3", error[] = "not a JSON object";   /* the record's strings are not const */
    fx_jsonl_record rec = {0};
    rec.id = id;
    rec.line = 3;
    rec.error = error;
    char *json = fx_jsonl_error_json(&rec);
    CHECK_STR(json, "{\"schema_version\":\"" FX_SCHEMA_VERSION "\",\"id\":\"line-3\",\"line\":3,"
                    "\"error\":\"not a JSON object\",\"facts\":[]}");
    free(json);
}

static void test_colour(void)
{
    CHECK(fx_use_colour(stdout, "always") == 1);
    CHECK(fx_use_colour(stdout, "never") == 0);
    CHECK(fx_use_colour(stdout, "sometimes") == -1);
    const char *saved = getenv("NO_COLOR");
    char *copy = saved ? strdup(saved) : NULL;
    setenv("NO_COLOR", "1", 1);
    CHECK(fx_use_colour(stdout, "auto") == 0);
    CHECK(fx_use_colour(stdout, NULL) == 0);
    CHECK(fx_use_colour(stdout, "always") == 1);   /* an explicit choice wins */
    if (copy) setenv("NO_COLOR", copy, 1);
    else unsetenv("NO_COLOR");
    free(copy);
}

void test_api(void)
{
    test_types_and_dates();
    test_document_through_the_api();
    test_jsonl_error_object();
    test_colour();
}
