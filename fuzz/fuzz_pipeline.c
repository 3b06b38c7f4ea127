/* fuzz_pipeline.c - one document through every stage and out as JSON,
 * with the shipped rules ($FACTX_RULES, else rules/ from the top of the
 * tree). The first byte picks the document date and the types, so both
 * the "date given" and "date detected" paths are explored. */
#include <stdio.h>
#include <stdlib.h>

#include "factx.h"
#include "fuzz.h"

static fx_context *ctx;
static fx_scratch *scratch;

static void release(void)
{
    fx_scratch_free(scratch);
    fx_context_free(ctx);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *dir = getenv("FACTX_RULES");
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    ctx = fx_context_load(dir && *dir ? dir : "rules", &diag);
    if (!ctx) {
        fputs("fuzz_pipeline: cannot load the rules (run from the top of the tree or set FACTX_RULES)\n", stderr);
        exit(2);
    }
    scratch = fx_scratch_new(ctx);
    atexit(release);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned mode = size ? data[0] : 0;
    fx_doc *doc = fx_doc_new("fuzz", "fuzz.txt", (const char *)data, size);
    if (mode & 1) {
        snprintf(doc->dct, sizeof doc->dct, "2014-12-04");
        doc->dct_source = FX_DCT_OPTION;
    }
    if (mode & 2) doc->types = (mode >> 2) & FX_ALL_TYPES;
    fx_extract(ctx, scratch, doc, NULL);
    fx_fuzz_check_map(doc);
    fx_fuzz_check_facts(doc);
    char *json = fx_emit_json(doc, 1);
    fx_fuzz_check_json(json, doc->src, doc->src_len);
    free(json);
    fx_doc_free(doc);
    return 0;
}
