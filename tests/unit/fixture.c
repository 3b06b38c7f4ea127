/* fixture.c - see fixture.h. */
#include "fixture.h"

#include "harness.h"

static fx_context *context;
static fx_scratch *scratch;
static int tried;

const fx_context *fx_fixture_context(void)
{
    if (!tried) {
        tried = 1;
        fx_diag diag;
        fx_diag_init(&diag, stderr);
        context = fx_context_load("rules", &diag);
        CHECK(context != NULL);
        if (context) scratch = fx_scratch_new(context);
    }
    return context;
}

fx_doc *fx_fixture_run(const char *text, size_t len, const char *dct, unsigned types)
{
    if (!fx_fixture_context()) return NULL;
    fx_doc *doc = fx_doc_new("t", NULL, text, len);
    if (types) doc->types = types;
    if (dct) {
        memcpy(doc->dct, dct, 10);
        doc->dct[10] = '\0';
        doc->dct_source = FX_DCT_OPTION;
    }
    fx_extract(context, scratch, doc, NULL);
    return doc;
}

void fx_fixture_free(void)
{
    fx_scratch_free(scratch);
    fx_context_free(context);
    scratch = NULL;
    context = NULL;
    tried = 0;
}

const fx_fact *fx_fixture_fact_at(const fx_doc *doc, const char *text, const char *span)
{
    const char *at = strstr(text, span);
    if (!at) return NULL;
    size_t start = (size_t)(at - text), end = start + strlen(span);
    for (size_t i = 0; i < doc->fact_count; i++)
        if (doc->facts[i].start == start && doc->facts[i].end == end) return &doc->facts[i];
    return NULL;
}
