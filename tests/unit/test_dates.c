/* test_dates.c - date values beyond what rule examples can check: the
 * extra fields "mod" and "readings", the document date taken from the
 * top of the text (and not from further down), relative dates anchored
 * to the text, and X for what no document date can tell. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "calendar.h"
#include "document.h"
#include "factx.h"
#include "fixture.h"
#include "harness.h"
#include "resolve_impl.h"
#include "values_date.h"

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

/* The "anchor" extra field, or -1. */
static double anchor_of(const fx_fact *f)
{
    const cJSON *a = f && f->extra ? cJSON_GetObjectItemCaseSensitive(f->extra, "anchor") : NULL;
    return cJSON_IsNumber(a) ? a->valuedouble : -1;
}

/* Each date of text (document date dct) whose text is want[k][0] has
 * the value want[k][1]. */
static void check_values(const char *text, const char *dct, const char *const (*want)[2], size_t count)
{
    fx_doc *doc = run(text, dct);
    for (size_t k = 0; k < count; k++) CHECK_STR(value_of(date_with_text(doc, want[k][0])), want[k][1]);
    fx_doc_free(doc);
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

/* A headline, a paragraph of 14 sentences, and tail on a line of its own:
 * tail starts beyond the top of the page the document date looks at. */
static const char *below_the_top(char *text, size_t size, const char *headline, const char *sentence,
                                 const char *tail)
{
    size_t n = (size_t)snprintf(text, size, "%s\n\n", headline);
    for (int i = 0; i < 14; i++) n += (size_t)snprintf(text + n, size - n, "%s", sentence);
    snprintf(text + n, size - n, "\n%s", tail);
    return text;
}

static void test_document_date(void)
{
    fx_doc *doc = run("Wind power in Denmark\nBy Press Officer Jens Hansen, December 08, 2014\n\n"
                      "The delegation left yesterday.", NULL);
    CHECK_STR(doc->dct, "2014-12-08");
    CHECK(doc->dct_source == FX_DCT_BYLINE);
    CHECK_STR(value_of(date_with_text(doc, "yesterday")), "2014-12-07");
    CHECK(extra_of(date_with_text(doc, "yesterday"), "anchor") == NULL);   /* counted from the document date */
    fx_doc_free(doc);

    doc = run("Date: 25/06/2013\n\nThe council met on Tuesday.", NULL);
    CHECK_STR(doc->dct, "2013-06-25");
    fx_doc_free(doc);

    /* a dateline, and a headline that only mentions a date */
    doc = run("WASHINGTON, Dec. 4, 2014 - The Fed met yesterday.", NULL);
    CHECK_STR(doc->dct, "2014-12-04");
    fx_doc_free(doc);
    /* ... which is no document date, but the narrative's last day: "yesterday" counts from it */
    doc = run("Summit on 8 December 2014 ends in deal\n\nThe delegates met yesterday.", NULL);
    CHECK_STR(doc->dct, "");
    CHECK_STR(value_of(date_with_text(doc, "yesterday")), "2014-12-07");
    CHECK(anchor_of(date_with_text(doc, "yesterday")) == 10);
    fx_doc_free(doc);

    /* each cue, named in dct_source */
    static const struct { const char *text, *dct; fx_dct_source source; } cues[] = {
        {"Ferry link reopens\nOSLO, March 3, 2019 (Agency) - The ferry sails again.", "2019-03-03", FX_DCT_DATELINE},
        {"Aarhus 4 May 2019: The harbour opened a new quay.", "2019-05-04", FX_DCT_DATELINE},
        {"SEOUL \xE2\x80\x94\n12 June 2018\nThe two mayors met.", "2018-06-12", FX_DCT_DATELINE},
        {"2016-03-02 10:15 Nordic Daily Editor: Heat prices fall", "2016-03-02", FX_DCT_TIMESTAMP},
        {"Wind farm approved\nPublished: 12.05.2019\nThe council agreed.", "2019-05-12", FX_DCT_LABEL},
        {"Posted on 2 April 2020 by admin\nNew bus lines.", "2020-04-02", FX_DCT_LABEL},
        {"Last modified: 14 October 2021\nThe page lists the grants.", "2021-10-14", FX_DCT_LABEL},
        {"date 2019-10-02\nThe board met.", "2019-10-02", FX_DCT_LABEL},
        {"News\n3 March 2016The city council said it would act.", "2016-03-03", FX_DCT_GLUED},
        {"3/14/2016 Harbour bath opens | City News\nThe bath opens in June.", "2016-03-14", FX_DCT_PAGE_STAMP},
        {"Tuesday, 8 December 2015\nThe talks went on.", "2015-12-08", FX_DCT_TEXT},
        /* a wire dateline without a year: the year the story names most */
        {"BEIJING, Dec. 4 (Xinhua) -- The plan for 2014 was set; 2013 was hard, 2014 will not be.", "2014-12-04",
         FX_DCT_DATELINE},
        {"Deal agreed\nOSLO, March 3 (Agency) - No year is named here.", "", FX_DCT_NONE},
        /* a numeric page date both readings allow: as the text writes its dates */
        {"Published: 05/12/2019\nOn December 3 the council met.", "2019-05-12", FX_DCT_LABEL},
        {"Published: 05/12/2019\nOn 3 December the council met.", "2019-12-05", FX_DCT_LABEL},
        /* a year-less date is no label's date */
        {"Ferry news\n\nLast modified: 14 October\nThe 2019 timetable.", "", FX_DCT_NONE},
    };
    for (size_t i = 0; i < sizeof cues / sizeof *cues; i++) {
        doc = run(cues[i].text, NULL);
        CHECK_STR(doc->dct, cues[i].dct);
        CHECK(doc->dct_source == cues[i].source);
        fx_doc_free(doc);
    }

    /* the first item of a list of dated news, far below the top */
    char text[2048];
    doc = run(below_the_top(text, sizeof text, "Latest news", "Read about our projects and partners in the region. ",
                            "12.03.2019 New harbour crane\n02.03.2019 Ferry timetable\nNext year more."),
              NULL);
    CHECK_STR(doc->dct, "2019-03-12");
    CHECK(doc->dct_source == FX_DCT_NEWS_LIST);
    fx_doc_free(doc);

    /* one dated line is no list; a headline with a date dates nothing */
    doc = run("Prices rise\n\nThe index rose.\n12.03.2019 was a bad day for them.", NULL);
    CHECK_STR(doc->dct, "");
    fx_doc_free(doc);

    /* a given date wins over the text */
    doc = run("Published: 2014-12-4 9:55:13\nNext year prices rise.", "2020-01-01");
    CHECK_STR(doc->dct, "2020-01-01");
    CHECK_STR(value_of(date_with_text(doc, "Next year")), "2021");
    fx_doc_free(doc);

    /* a date far from the top (a related-article card) is not the document's */
    doc = run(below_the_top(text, sizeof text, "Heat pumps for the city",
                            "The utility installs heat pumps in old blocks of flats. ",
                            "Related: Heat plan, December 08, 2014\nNext year it grows."),
              NULL);
    CHECK_STR(doc->dct, "");
    CHECK(doc->dct_source == FX_DCT_NONE);
    /* (its day still anchors what follows it, as a narrative's last day) */
    CHECK_STR(value_of(date_with_text(doc, "Next year")), "2015");
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
    /* a mod that is no bound ("early": START) leaves the date an anchor;
     * "until" (ON_OR_BEFORE) is a bound */
    doc = run("Growth slowed in early 2018, after 2.4% the previous year.", "2019-03-12");
    CHECK_STR(value_of(date_with_text(doc, "the previous year")), "2017");
    fx_doc_free(doc);
    doc = run("Growth slowed until 2016, and after 2.4% the previous year.", "2019-03-12");
    CHECK_STR(value_of(date_with_text(doc, "the previous year")), "2018");
    fx_doc_free(doc);

    /* weekdays with tense around a Thursday */
    static const char *const weekdays[][2] = {{"Monday", "2014-12-01"}, {"Friday", "2014-12-05"}};
    check_values("He said on Monday that the talks will resume on Friday.", "2014-12-04", weekdays, 2);

    /* cues in any case (their second byte too: the cues' filter lowers it) */
    static const char *const cued[][2] = {{"Friday", "2014-11-28"}, {"Monday", "2014-12-08"}};
    check_values("Talks WERE held on Friday. Trade WILL resume on Monday.", "2014-12-04", cued, 2);
    static const char *const uncued[][2] = {{"Friday", "2014-12-05"}, {"Monday", "2014-12-01"}};
    check_values("Talks start on Friday. Trade resumes on Monday.", "2014-12-04", uncued, 2);

    /* the words of relative dates in any case; a day read as the next one's anchor */
    static const char *const relative[][2] = {
        {"LAST month", "2014-11"},          {"TWO DAYS AGO", "2014-12-02"}, {"Tomorrow", "2014-12-05"},
        {"Next Weekend", "2014-W50-WE"},    {"the next day", "2014-03-04"},
    };
    check_values("Sales rose LAST month and TWO DAYS AGO, and Tomorrow they fall. Next Weekend it opens. "
                 "It opened on 3 March 2014, and the next day it closed.",
                 "2014-12-04", relative, sizeof relative / sizeof *relative);

    /* a year-less date takes the document date's year, moved back by a
     * past sentence for a later part of the year and ahead by a future
     * one for an earlier part; the document date's own day or month
     * stays in its year whatever the tense (year_for asks none) */
    static const char *const yearless[][2] = {
        {"20 March", "2014-03-20"}, {"March", "2014-03"}, {"25 March", "2013-03-25"}, {"10 March", "2015-03-10"},
    };
    check_values("The plant opened on 20 March and was sold in March. It opened on 25 March. It will open on 10 March.",
                 "2014-03-20", yearless, sizeof yearless / sizeof *yearless);

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

/* The warning of doc that holds needle, or NULL. */
static const char *warning_with(const fx_doc *doc, const char *needle)
{
    for (size_t i = 0; i < doc->warning_count; i++)
        if (strstr(doc->warnings[i].message, needle)) return doc->warnings[i].message;
    return NULL;
}

/* Issue 21, failure 10: arithmetic from a document date at the edge of
 * the years 0001-9999 gave "10000-01-01", "-001-12-31", "0000-12-31" or,
 * for a decade, "1000" (the year 1000). Such a value is not produced;
 * the fact is dropped with a warning. Every value stays in range. */
static void test_year_range(void)
{
    static const char text[] = "Tomorrow, yesterday, next year, last week, next month, next decade, "
                               "last decade, the next quarter, next weekend, two days ago, in 2 years. "
                               "It closes on 20 December - 5 January. Stocks fell on Friday.";
    static const char *const dcts[] = {"9999-12-31", "0001-01-01", "9999-12-27", "0001-01-03"};
    for (size_t k = 0; k < sizeof dcts / sizeof *dcts; k++) {
        fx_doc *doc = run(text, dcts[k]);
        for (size_t i = 0; i < doc->fact_count; i++) {
            const char *v = value_of(&doc->facts[i]);
            if (doc->facts[i].type != FX_DATE || !v) continue;
            CHECK(fx_timex_in_range(v));
            CHECK(strcmp(v, "1000") != 0 && strcmp(v, "000") != 0);
        }
        CHECK(warning_with(doc, "outside the years 0001-9999") != NULL);
        fx_doc_free(doc);
    }
    fx_doc *doc = run(text, "9999-12-31");
    CHECK(date_with_text(doc, "Tomorrow") == NULL && date_with_text(doc, "next year") == NULL);
    CHECK_STR(value_of(date_with_text(doc, "yesterday")), "9999-12-30");
    const char *w = warning_with(doc, "date.");
    CHECK(w && strstr(w, "document date 9999-12-31"));
    fx_doc_free(doc);
    doc = run(text, "0001-01-01");
    CHECK(date_with_text(doc, "yesterday") == NULL && date_with_text(doc, "last week") == NULL);
    CHECK_STR(value_of(date_with_text(doc, "Tomorrow")), "0001-01-02");
    fx_doc_free(doc);

    CHECK(fx_timex_in_range("2014-12-08") && fx_timex_in_range("0001/9999") && fx_timex_in_range("FY2020"));
    CHECK(fx_timex_in_range("XXXX-12-25") && fx_timex_in_range("PRESENT_REF") && fx_timex_in_range("201"));
    CHECK(!fx_timex_in_range("10000-01-01") && !fx_timex_in_range("-001-12-31") && !fx_timex_in_range("0000-12-31"));
    CHECK(!fx_timex_in_range("2014/10000") && !fx_timex_in_range("FY0000"));
}

/* fx_put_int is printf's "%0<width>d": around every power of ten, the
 * signs, the ends of int and widths short and long. */
static void test_put_int(void)
{
    int failed = 0;
    for (int width = -1; width <= 12; width++)
        for (int v = -20000; v <= 20000; v += v > -200 && v < 200 ? 1 : 7) {
            static const int ends[] = {-2147483647 - 1, 2147483647, -1000000000, 999999999};
            for (int k = 0; k <= 4; k++) {
                int x = k < 4 ? ends[k] : v;
                char got[32], want[32];
                char *end = fx_put_int(got, x, width);
                snprintf(want, sizeof want, "%0*d", width < 0 ? 0 : width, x);
                failed += strcmp(got, want) != 0 || end != got + strlen(want);
            }
        }
    CHECK(failed == 0);
}

/* Reversed ranges among other dates: each is set aside (the matches
 * inside it decided again), found by a walk in text order over the
 * candidates, which come in another order (by rule). */
static void test_ranges_set_aside(void)
{
    fx_doc *doc = run("In 2014 plans for 2026-1990 and 2031-1995 changed, and from 8 December to 10 January 2015 "
                      "it rained; 2035-2001 too.", "2014-12-04");
    size_t set_aside = 0;
    for (size_t i = 0; i < doc->candidate_count; i++)
        set_aside += doc->candidates[i].rejected && strstr(doc->candidates[i].rejected, "decided again") != NULL;
    CHECK(set_aside == 3);
    CHECK(date_count(doc) == 2);
    CHECK_STR(value_of(date_with_text(doc, "2014")), "2014");
    CHECK_STR(value_of(date_with_text(doc, "8 December to 10 January 2015")), "2014-12-08/2015-01-10");
    fx_doc_free(doc);
}

/* The candidate of doc (run on text) over exactly the first occurrence
 * of span, of a date rule, or NULL. */
static const fx_candidate *date_candidate_at(const fx_doc *doc, const char *text, const char *span)
{
    const char *at = strstr(text, span);
    size_t start = at ? (size_t)(at - text) : 0, end = start + strlen(span);
    for (size_t i = 0; at && i < doc->candidate_count; i++) {
        const fx_candidate *c = &doc->candidates[i];
        if (c->start == start && c->end == end && c->rule->value_kind == FX_VALUE_DATE) return c;
    }
    return NULL;
}

/* The dates whose decision no context changes (fx_date_decided_alone):
 * a range of two years, dropped when it does not go forward, kept when it
 * does; not a range that reads months too. */
static void test_decided_alone(void)
{
    static const char text[] = "Plans for 2026-1990, for 2012-2020 and from June 2020 to March 2019 changed.";
    static const struct { const char *span; int decided, dropped; } cases[] = {
        {"2026-1990", 1, 1}, {"2012-2020", 1, 0}, {"June 2020 to March 2019", 0, 0}};
    const fx_context *ctx = fx_fixture_context();
    fx_doc *doc = run(text, "2014-12-04");
    fx_resolve_env env = {.ctx = ctx, .tables = ctx->resolve_tables, .doc = doc};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const fx_candidate *c = date_candidate_at(doc, text, cases[k].span);
        CHECK(c != NULL);
        if (!c) continue;
        fx_fact f;
        fx_resolve_fact_init(doc, &f, c);
        const char *why = "unset";
        CHECK(fx_date_decided_alone(&env, &f, &why) == cases[k].decided);
        if (cases[k].decided) CHECK((why != NULL) == cases[k].dropped);
    }
    fx_doc_free(doc);
}

/* A range of years decided alone is decided once a document: asked
 * again, the same answer; resolved (in each round), the value then made,
 * the same string each time, and the same value and anchor as a resolver
 * that was never asked gives. */
static void test_decided_alone_kept(void)
{
    static const char text[] = "Plans for 2026-1990 and for 2012-2020 changed.";
    const fx_context *ctx = fx_fixture_context();
    fx_doc *doc = run(text, "2014-12-04");
    const fx_candidate *kept = date_candidate_at(doc, text, "2012-2020"), *dropped = date_candidate_at(doc, text, "2026-1990");
    CHECK(kept != NULL && dropped != NULL);
    if (!kept || !dropped) {
        fx_doc_free(doc);
        return;
    }
    fx_resolve_env env = {.ctx = ctx, .tables = ctx->resolve_tables, .doc = doc};
    fx_resolve_env fresh = env;
    fx_fact f, g;
    fx_resolve_fact_init(doc, &f, kept);
    fx_resolve_fact_init(doc, &g, dropped);
    for (int ask = 0; ask < 2; ask++) {
        const char *why = "unset";
        CHECK(fx_date_decided_alone(&env, &f, &why) == 1 && why == NULL);
        why = NULL;
        CHECK(fx_date_decided_alone(&env, &g, &why) == 1 && why != NULL);
    }
    const char *values[2] = {NULL, NULL};
    for (int round = 0; round < 2; round++) {
        CHECK(fx_resolve_date(&env, &f) == NULL);
        values[round] = f.resolution ? ((const fx_date_resolution *)f.resolution)->value : NULL;
    }
    CHECK_STR(values[0], "2012/2020");
    CHECK(values[0] == values[1]);
    CHECK(fx_resolve_date(&fresh, &f) == NULL);
    const fx_date_resolution *r = f.resolution;
    CHECK_STR(r ? r->value : NULL, "2012/2020");
    CHECK(r && r->value != values[0]);
    CHECK_STR(env.anchor, fresh.anchor);
    CHECK(env.anchor_at == fresh.anchor_at && env.anchor_parts == fresh.anchor_parts);
    fx_doc_free(doc);
}

/* A reversed range of years is set aside before its round when every
 * other range that holds a match is decided alone (the first text), after
 * the round when one is not ("8 December to 10 January 2015", the
 * second): the same reasons and facts either way. */
static void test_ranges_set_aside_before_round(void)
{
    static const char early[] = "In 2014 plans for 2026-1990 and 2012-2020 changed on 3 March.";
    static const char late[] = "In 2014 plans for 2026-1990 and 2012-2020 changed on 3 March. "
                               "It rained from 8 December to 10 January 2015.";
    fx_doc *a = run(early, "2014-12-04"), *b = run(late, "2014-12-04");
    const fx_candidate *range = date_candidate_at(a, early, "2026-1990");
    CHECK_STR(range ? range->rejected : NULL,
              "its captures give no valid date value; set aside, the matches inside it decided again");
    size_t same = 0;
    for (size_t i = 0; i < a->candidate_count; i++) {
        const fx_candidate *c = &a->candidates[i];
        for (size_t j = 0; j < b->candidate_count; j++) {
            const fx_candidate *d = &b->candidates[j];
            if (d->rule != c->rule || d->start != c->start || d->end != c->end) continue;
            same += (!c->rejected && !d->rejected) || (c->rejected && d->rejected && strcmp(c->rejected, d->rejected) == 0);
            break;
        }
    }
    CHECK(same == a->candidate_count);
    CHECK(a->fact_count == 3 && b->fact_count == 4);
    for (size_t i = 0; i < a->fact_count && i < b->fact_count; i++)
        CHECK_STR(value_of(&a->facts[i]), value_of(&b->facts[i]));
    CHECK_STR(value_of(date_with_text(a, "2012-2020")), "2012/2020");
    fx_doc_free(a);
    fx_doc_free(b);
}

/* The value the date resolver gives candidate c of doc with its groups
 * replaced by groups (as fx_candidate holds them), or NULL when it drops
 * it. */
static const char *value_with_groups(fx_doc *doc, const fx_candidate *c, size_t *groups)
{
    const fx_context *ctx = fx_fixture_context();
    fx_candidate moved = *c;
    moved.groups = groups;
    fx_fact f;
    fx_resolve_fact_init(doc, &f, &moved);
    fx_resolve_env env = {.ctx = ctx, .tables = ctx->resolve_tables, .doc = doc};
    if (fx_resolve_date(&env, &f) != NULL) return NULL;
    const fx_date_resolution *r = f.resolution;
    return r ? r->value : NULL;
}

/* A date rule that names more than one group alike reads the first one
 * set (read_groups goes back from the last group, so that it writes that
 * one last): "Q3 2014" of date.quarter with a later "year" group set too,
 * over "2019", keeps 2014. */
static void test_first_group_of_a_name(void)
{
    static const char text[] = "Sales rose in Q3 2014, not in 2019.";
    fx_doc *doc = run(text, "2014-12-04");
    const fx_candidate *c = date_candidate_at(doc, text, "Q3 2014");
    CHECK(c != NULL && c->group_count <= 64);
    if (c && c->group_count <= 64) {
        size_t groups[128], first = (size_t)-1, later = (size_t)-1;
        memcpy(groups, c->groups, 2 * c->group_count * sizeof *groups);
        for (size_t k = 0; k < c->group_count; k++) {
            const char *name = c->rule->group_names[k];
            if (!name || strcmp(name, "year") != 0) continue;
            if (groups[2 * k] != FX_UNSET && first == (size_t)-1) first = k;
            else if (groups[2 * k] == FX_UNSET && first != (size_t)-1) later = k;
        }
        CHECK(first != (size_t)-1 && later != (size_t)-1);
        if (later != (size_t)-1) {
            groups[2 * later] = (size_t)(strstr(text, "2019") - text);
            groups[2 * later + 1] = groups[2 * later] + 4;
        }
        CHECK_STR(value_with_groups(doc, c, groups), "2014-Q3");
    }
    fx_doc_free(doc);
}

/* A clock time's zone as an offset: "+0100" and "+01:00" as written, and
 * no offset from a shorter capture ("+01", "+010": a rule that captured
 * such a zone would otherwise have its offset read past the field's end,
 * where read_groups leaves what an earlier date wrote). The zone group of
 * one candidate is moved over the text's bytes, as the test above moves
 * a year's. */
static void test_zone_offset(void)
{
    static const char text[] = "Filed 2014-12-04 10:30+01:00 and then 2014-12-05 09:15+0100.";
    fx_doc *doc = run(text, "2014-12-04");
    CHECK_STR(value_of(date_with_text(doc, "2014-12-04 10:30+01:00")), "2014-12-04T10:30+01:00");
    CHECK_STR(value_of(date_with_text(doc, "2014-12-05 09:15+0100")), "2014-12-05T09:15+01:00");
    const fx_candidate *c = date_candidate_at(doc, text, "2014-12-04 10:30+01:00");
    CHECK(c != NULL && c->group_count <= 64);
    static const struct { size_t len; const char *want; } cases[] = {
        {6, "2014-12-04T10:30+01:00"}, {3, "2014-12-04T10:30"}, {4, "2014-12-04T10:30"}, {2, "2014-12-04T10:30"},
    };
    size_t zone = (size_t)(strstr(text, "+01:00") - text);
    for (size_t k = 0; c && c->group_count <= 64 && k < sizeof cases / sizeof *cases; k++) {
        size_t groups[128];
        memcpy(groups, c->groups, 2 * c->group_count * sizeof *groups);
        int found = 0;
        for (size_t g = 0; g < c->group_count; g++) {
            const char *name = c->rule->group_names[g];
            if (!name || strcmp(name, "zone") != 0) continue;
            groups[2 * g] = zone;
            groups[2 * g + 1] = zone + cases[k].len;
            found = 1;
        }
        CHECK(found);
        CHECK_STR(value_with_groups(doc, c, groups), cases[k].want);
    }
    fx_doc_free(doc);
}

void test_dates(void)
{
    test_put_int();
    if (!fx_fixture_context()) return;
    test_modifiers();
    test_numeric_readings();
    test_document_date();
    test_relative();
    test_not_dates();
    test_year_range();
    test_ranges_set_aside();
    test_decided_alone();
    test_decided_alone_kept();
    test_ranges_set_aside_before_round();
    test_first_group_of_a_name();
    test_zone_offset();
}
