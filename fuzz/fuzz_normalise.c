/* fuzz_normalise.c - the normaliser and its offset map on any bytes. */
#include "fuzz.h"
#include "normalise.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fx_doc *doc = fx_doc_new("fuzz", NULL, (const char *)data, size);
    fx_normalise(doc);
    fx_fuzz_check_map(doc);
    /* every span of the normalised text maps back inside the input, in order */
    for (size_t i = 0; i + 1 < doc->piece_count; i++) {
        size_t a = doc->pieces[i].norm, b = doc->pieces[i + 1].norm + doc->pieces[i + 1].norm_len;
        size_t s = fx_doc_orig_start(doc, a), e = fx_doc_orig_end(doc, b);
        if (!(s <= e && e <= doc->src_len)) fx_fuzz_fail("span %zu-%zu maps to %zu-%zu", a, b, s, e);
    }
    fx_doc_free(doc);
    return 0;
}
