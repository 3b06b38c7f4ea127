/* fuzz_common.c - see fuzz.h. */
#include "fuzz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invariants.h"
#include "normalise.h"

void fx_fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("factx fuzz: invariant broken: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

void fx_fuzz_check_map(const fx_doc *doc)
{
    if (!doc->text || doc->text[doc->text_len] != '\0') fx_fuzz_fail("normalised text not terminated");
    if (doc->piece_count == 0 && doc->text_len != 0) fx_fuzz_fail("text without an offset map");
    size_t norm = 0, orig = doc->skipped_prefix;
    for (size_t i = 0; i < doc->piece_count; i++) {
        const fx_piece *p = &doc->pieces[i];
        if (p->norm != norm) fx_fuzz_fail("piece %zu starts at %zu, not %zu", i, p->norm, norm);
        if (p->norm_len == 0) fx_fuzz_fail("piece %zu is empty", i);
        if (p->orig < orig) fx_fuzz_fail("piece %zu goes back in the original (%zu < %zu)", i, p->orig, orig);
        if (p->orig + p->orig_len > doc->src_len) fx_fuzz_fail("piece %zu ends past the input", i);
        if (p->copied && (p->norm_len != p->orig_len ||
                          memcmp(doc->text + p->norm, doc->src + p->orig, p->norm_len) != 0))
            fx_fuzz_fail("copied piece %zu differs from the original", i);
        if (fx_doc_orig_start(doc, p->norm) != p->orig) fx_fuzz_fail("orig_start of piece %zu", i);
        if (fx_doc_orig_end(doc, p->norm + p->norm_len) != p->orig + p->orig_len)
            fx_fuzz_fail("orig_end of piece %zu", i);
        norm += p->norm_len;
        orig = p->orig + p->orig_len;
    }
    if (norm != doc->text_len) fx_fuzz_fail("pieces cover %zu of %zu bytes", norm, doc->text_len);
    const unsigned char *t = (const unsigned char *)doc->text;
    for (size_t i = 0; i < doc->text_len;) {
        int32_t cp;
        size_t n = fx_utf8_decode(t + i, doc->text_len - i, &cp);
        if (cp <= 0) fx_fuzz_fail("normalised text has %s at %zu", cp ? "invalid UTF-8" : "NUL", i);
        i += n;
    }
}

void fx_fuzz_check_facts(const fx_doc *doc)
{
    size_t prev_end = 0;
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        if (!(f->start < f->end && f->end <= doc->src_len))
            fx_fuzz_fail("fact %zu has offsets %zu-%zu in %zu bytes", i, f->start, f->end, doc->src_len);
        if (f->start < prev_end) fx_fuzz_fail("fact %zu overlaps or is out of order", i);
        if (!f->value) fx_fuzz_fail("fact %zu has no value", i);
        prev_end = f->end;
    }
}

void fx_fuzz_check_json(const char *json, const char *src, size_t len)
{
    char why[512];
    if (fx_invariants_check(json, json ? strlen(json) : 0, src, len, why, sizeof why) < 0)
        fx_fuzz_fail("%s", why);
}
