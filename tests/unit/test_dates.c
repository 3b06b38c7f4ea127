/* test_dates.c - date values beyond what rule examples can check: the
 * extra fields "mod" and "readings", the document date taken from the
 * top of the text (and not from further down), relative dates anchored
 * to the text, and X for what no document date can tell. */
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "document.h"
#include "factx.h"
#include "fixture.h"
#include "harness.h"

static fx_doc *run(const char *text, const char *dct)
{
    return fx_fixture_run(text, strlen(text), dct, 0);
}

/* The date fact whose text is want, or NULL. */
static const fx_fact *date_with_text(const fx_doc *doc, const char *want)
{
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        if (f->type == FX_DATE && f->end - f->start == strlen(want) &&
            memcmp(doc->src + f->start, want, f->end - f->start) == 0)
            return f;
    }
    return NULL;
}

static const char *value_of(const fx_fact *f)
{
    return f && cJSON_IsString(f->value) ? f->value->valuestring : NULL;
}

static const char *extra_of(const fx_fact *f, const char *key)
{
    const cJSON *v = f && f->extra ? cJSON_GetObjectItemCaseSensitive(f->extra, key) : NULL;
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static size_t date_count(const fx_doc *doc)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->fact_count; i++) n += doc->facts[i].type == FX_DATE;
    return n;
}

static void test_modifiers(void)
{
    fx_doc *doc = run("Prices peaked in mid-2014 and will fall by 2030, since early 2015 at least. "
                      "The line opens at the end of March 2016, around 2020.", "2014-12-04");
    const fx_fact *f = date_with_text(doc, "2014");
    CHECK_STR(value_of(f), "2014");
    CHECK_STR(extra_of(f, "mod"), "MID");
    CHECK_STR(extra_of(date_with_text(doc, "2030"), "mod"), "ON_OR_BEFORE");
    CHECK_STR(extra_of(date_with_text(doc, "2015"), "mod"), "START");
    CHECK_STR(extra_of(date_with_text(doc, "March 2016"), "mod"), "END");
    CHECK_STR(extra_of(date_with_text(doc, "2020"), "mod"), "APPROX");
    fx_doc_free(doc);

    doc = run("In 2016 the plan was adopted.", "2014-12-04");
    f = date_with_text(doc, "2016");
    CHECK(f != NULL && f->extra == NULL);   /* "in" is no qualifier */
    fx_doc_free(doc);
}

static void test_numeric_readings(void)
{
    /* nothing in the document decides: day-first, both readings kept */
    fx_doc *doc = run("The letter is dated 05/03/2019.", "2019-06-01");
    const fx_fact *f = date_with_text(doc, "05/03/2019");
    CHECK_STR(value_of(f), "2019-03-05");
    const cJSON *both = f && f->extra ? cJSON_GetObjectItemCaseSensitive(f->extra, "readings") : NULL;
    CHECK(cJSON_GetArraySize(both) == 2);
    CHECK_STR(cJSON_IsString(cJSON_GetArrayItem(both, 1)) ? cJSON_GetArrayItem(both, 1)->valuestring : NULL,
              "2019-05-03");
    fx_doc_free(doc);

    /* another numeric date only month-first can read decides */
    doc = run("Filed 12/28/2018, amended 05/03/2019.", NULL);
    f = date_with_text(doc, "05/03/2019");
    CHECK_STR(value_of(f), "2019-05-03");
    CHECK(f != NULL && f->extra == NULL);
    fx_doc_free(doc);

    /* a day above 12 decides by itself */
    doc = run("Signed 25/06/2013.", NULL);
    f = date_with_text(doc, "25/06/2013");
    CHECK_STR(value_of(f), "2013-06-25");
    CHECK(f != NULL && f->extra == NULL);
    fx_doc_free(doc);
}

static void test_document_date(void)
{
    fx_doc *doc = run("Wind power in Denmark\nBy Press Officer Jens Hansen, December 08, 2014\n\n"
                      "The delegation left yesterday.", NULL);
    CHECK_STR(doc->dct, "2014-12-08");
    CHECK(doc->dct_source == FX_DCT_TEXT);
    CHECK_STR(value_of(date_with_text(doc, "yesterday")), "2014-12-07");
    fx_doc_free(doc);

    doc = run("Date: 25/06/2013\n\nThe council met on Tuesday.", NULL);
    CHECK_STR(doc->dct, "2013-06-25");
    fx_doc_free(doc);

    /* a dateline, and a headline that only mentions a date */
    doc = run("WASHINGTON, Dec. 4, 2014 - The Fed met yesterday.", NULL);
    CHECK_STR(doc->dct, "2014-12-04");
    fx_doc_free(doc);
    doc = run("Summit on 8 December 2014 ends in deal\n\nThe delegates met yesterday.", NULL);
    CHECK_STR(doc->dct, "");
    CHECK_STR(value_of(date_with_text(doc, "yesterday")), "XXXX-XX-XX");
    fx_doc_free(doc);

    /* a given date wins over the text */
    doc = run("Published: 2014-12-4 9:55:13\nNext year prices rise.", "2020-01-01");
    CHECK_STR(doc->dct, "2020-01-01");
    CHECK_STR(value_of(date_with_text(doc, "Next year")), "2021");
    fx_doc_free(doc);

    /* a date far from the top (a related-article card) is not the document's */
    char text[2048];
    size_t n = 0;
    n += (size_t)snprintf(text + n, sizeof text - n, "Heat pumps for the city\n\n");
    for (int i = 0; i < 12; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "The utility installs heat pumps in old blocks of flats. ");
    snprintf(text + n, sizeof text - n, "\nRelated: Heat plan, December 08, 2014\nNext year it grows.");
    doc = run(text, NULL);
    CHECK_STR(doc->dct, "");
    CHECK(doc->dct_source == FX_DCT_NONE);
    CHECK_STR(value_of(date_with_text(doc, "Next year")), "XXXX");
    fx_doc_free(doc);
}

static void test_relative(void)
{
    /* without a document date the unknown parts are X */
    fx_doc *doc = run("This autumn the mayor visited on Wednesday; today he left. Last month sales fell.", NULL);
    CHECK_STR(value_of(date_with_text(doc, "This autumn")), "XXXX-FA");
    CHECK_STR(value_of(date_with_text(doc, "Wednesday")), "XXXX-WXX-3");
    CHECK_STR(value_of(date_with_text(doc, "today")), "XXXX-XX-XX");
    CHECK_STR(value_of(date_with_text(doc, "Last month")), "XXXX-XX");
    fx_doc_free(doc);

    /* "the previous year" follows the text's own date, not a bound ("since") */
    doc = run("Growth slowed in 2018, the weakest since 2014, after 2.4% the previous year.", "2019-03-12");
    CHECK_STR(value_of(date_with_text(doc, "the previous year")), "2017");
    fx_doc_free(doc);

    /* weekdays with tense around a Thursday */
    doc = run("He said on Monday that the talks will resume on Friday.", "2014-12-04");
    CHECK_STR(value_of(date_with_text(doc, "Monday")), "2014-12-01");
    CHECK_STR(value_of(date_with_text(doc, "Friday")), "2014-12-05");
    fx_doc_free(doc);

    /* the weekday given with a year-less date decides its year */
    doc = run("The talks resume Monday, January 12.", "2014-12-04");
    CHECK_STR(value_of(date_with_text(doc, "Monday, January 12")), "2015-01-12");
    fx_doc_free(doc);
}

static void test_not_dates(void)
{
    fx_doc *doc = run("The games are held every four years. Some 2000 people and 1500 MW; "
                      "more than 2,000 participants. In the coming years demand grows, "
                      "and over the past decade it fell. Now it is currently flat.", "2014-12-04");
    CHECK(date_count(doc) == 0);
    fx_doc_free(doc);

    /* times only with a date */
    doc = run("The meeting starts at 10 a.m. and ends at 14:30.", "2014-12-04");
    CHECK(date_count(doc) == 0);
    fx_doc_free(doc);
}

void test_dates(void)
{
    if (!fx_fixture_context()) return;
    test_modifiers();
    test_numeric_readings();
    test_document_date();
    test_relative();
    test_not_dates();
}
