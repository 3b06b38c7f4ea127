/* test_pipeline.c - whole documents through every stage, checking offsets
 * into the original bytes and values. */
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "document.h"
#include "factx.h"
#include "fixture.h"
#include "harness.h"

static fx_doc *run(const char *text, size_t len, const char *dct)
{
    return fx_fixture_run(text, len, dct, 0);
}

/* Every fact's offsets must point at its text in the original. */
static void check_offsets(const fx_doc *doc)
{
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        CHECK(f->start < f->end && f->end <= doc->src_len);
        if (i) CHECK(doc->facts[i - 1].end <= f->start);
    }
}

static const fx_fact *fact_of(const fx_doc *doc, fx_type type, size_t index)
{
    for (size_t i = 0; i < doc->fact_count; i++)
        if (doc->facts[i].type == type && index-- == 0) return &doc->facts[i];
    return NULL;
}

void test_pipeline(void)
{
    if (!fx_fixture_context()) return;

    /* a sum behind a BOM, a curly quote and an NBSP: offsets into the original */
    const char text[] = "\xEF\xBB\xBF\xE2\x80\x9CIt\xE2\x80\x99s \xE2\x82\xAC" "470\xC2\xA0million,\xE2\x80\x9D he said.";
    fx_doc *doc = run(text, sizeof text - 1, NULL);
    check_offsets(doc);
    const fx_fact *m = fact_of(doc, FX_MONEY, 0);
    CHECK(m != NULL);
    if (m) {
        CHECK(m->end - m->start == strlen("\xE2\x82\xAC" "470\xC2\xA0million"));
        CHECK(memcmp(doc->src + m->start, "\xE2\x82\xAC" "470\xC2\xA0million", m->end - m->start) == 0);
        cJSON *amount = cJSON_GetObjectItemCaseSensitive(m->value, "amount");
        CHECK(cJSON_IsNumber(amount) && amount->valuedouble == 470000000.0);
    }
    fx_doc_free(doc);

    /* the document date from a byline resolves "next year" */
    const char article[] = "Headline\n\nBy Press Officer, December 08, 2014\n\nNext year it grows.";
    doc = run(article, sizeof article - 1, NULL);
    CHECK_STR(doc->dct, "2014-12-08");
    CHECK(doc->dct_source == FX_DCT_BYLINE);
    const fx_fact *d = fact_of(doc, FX_DATE, 1);
    CHECK(d && cJSON_IsString(d->value) && strcmp(d->value->valuestring, "2015") == 0);
    fx_doc_free(doc);

    /* a given date wins over the text, and facts carry sentence indexes */
    doc = run(article, sizeof article - 1, "2020-01-01");
    CHECK_STR(doc->dct, "2020-01-01");
    d = fact_of(doc, FX_DATE, 1);
    CHECK(d && strcmp(d->value->valuestring, "2021") == 0);
    CHECK(d && d->sentence == 2);
    fx_doc_free(doc);

    /* the JSON is deterministic */
    doc = run(article, sizeof article - 1, NULL);
    char *a = fx_emit_json(doc, 1);
    fx_doc_free(doc);
    doc = run(article, sizeof article - 1, NULL);
    char *b = fx_emit_json(doc, 1);
    fx_doc_free(doc);
    CHECK_STR(a, b);
    free(a);
    free(b);

    /* binary junk: no crash, offsets stay inside */
    char junk[512];
    for (size_t i = 0; i < sizeof junk; i++) junk[i] = (char)((i * 7919u) & 0xFF);
    doc = run(junk, sizeof junk, NULL);
    check_offsets(doc);
    CHECK(doc->warning_count > 0);
    fx_doc_free(doc);

}
